//! The consent ledger: per person and per purpose, an append-only list of grants and
//! withdrawals. The current state of a purpose is its latest event; a purpose never consented
//! to is not granted. Every code path that uses a person's data for a purpose asks this first.

use time::OffsetDateTime;

use crate::shared::{AccountId, OrganizationId, ValidationError};

/// What a person's data may be used for; each is consented to separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Purpose {
    /// Being kept in the registry at all.
    Registry,
    /// Being contacted by the agency (announcements, surveys).
    ContactByAgency,
    /// Being shared with one named organization (its members list).
    ShareWithOrganization(OrganizationId),
    /// Being matched to expert requests and investment proposals.
    Matching,
    /// Being counted in published statistics (always aggregated and disclosure-controlled).
    Statistics,
}

impl Purpose {
    /// The stable name of the purpose's kind (without the organization), for storage and keys.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Registry => "registry",
            Self::ContactByAgency => "contact_by_agency",
            Self::ShareWithOrganization(_) => "share_with_organization",
            Self::Matching => "matching",
            Self::Statistics => "statistics",
        }
    }

    /// The organization the purpose names, if any.
    pub fn organization(self) -> Option<OrganizationId> {
        match self {
            Self::ShareWithOrganization(org) => Some(org),
            Self::Registry | Self::ContactByAgency | Self::Matching | Self::Statistics => None,
        }
    }

    /// Rebuilds a purpose from its stored parts.
    ///
    /// # Errors
    /// `Unknown { field: "purpose" }` for an unknown kind, or a kind and organization that do
    /// not go together.
    pub fn from_parts(
        kind: &str,
        organization: Option<OrganizationId>,
    ) -> Result<Self, ValidationError> {
        let purpose = match (kind, organization) {
            ("registry", None) => Self::Registry,
            ("contact_by_agency", None) => Self::ContactByAgency,
            ("share_with_organization", Some(org)) => Self::ShareWithOrganization(org),
            ("matching", None) => Self::Matching,
            ("statistics", None) => Self::Statistics,
            _ => return Err(ValidationError::Unknown { field: "purpose" }),
        };
        Ok(purpose)
    }
}

/// Who recorded a consent event, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentChannel {
    /// The person, signed in (self-registration, their consent page).
    SelfService,
    /// A staff member, from a signed paper or recorded statement.
    Staff,
    /// An import of a source that recorded the consent.
    Import,
}

impl ConsentChannel {
    /// The stable name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SelfService => "self_service",
            Self::Staff => "staff",
            Self::Import => "import",
        }
    }

    /// Parses a stable name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "self_service" => Some(Self::SelfService),
            "staff" => Some(Self::Staff),
            "import" => Some(Self::Import),
            _ => None,
        }
    }
}

/// One entry of the ledger. Entries are never changed or deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentEvent {
    /// The purpose.
    pub purpose: Purpose,
    /// Granted (`true`) or withdrawn (`false`).
    pub granted: bool,
    /// When.
    pub at: OffsetDateTime,
    /// Who recorded it (`None`: an import or the system).
    pub recorded_by: Option<AccountId>,
    /// How.
    pub channel: ConsentChannel,
}

/// The current consents of one person, folded from the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consents {
    latest: Vec<(Purpose, bool, OffsetDateTime)>,
}

impl Consents {
    /// Folds ledger events (in any order) into the current state: for each purpose, the
    /// latest event wins; at the same instant a withdrawal wins over a grant.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a ConsentEvent>) -> Self {
        let mut latest: Vec<(Purpose, bool, OffsetDateTime)> = vec![];
        for event in events {
            match latest.iter_mut().find(|(p, _, _)| *p == event.purpose) {
                Some(entry) => {
                    let later = event.at > entry.2;
                    let tie_withdrawal = event.at == entry.2 && !event.granted;
                    if later || tie_withdrawal {
                        *entry = (event.purpose, event.granted, event.at);
                    }
                }
                None => latest.push((event.purpose, event.granted, event.at)),
            }
        }
        latest.sort_by_key(|(p, _, _)| *p);
        Self { latest }
    }

    /// Whether the purpose is currently granted.
    pub fn allows(&self, purpose: Purpose) -> bool {
        self.latest
            .iter()
            .any(|(p, granted, _)| *p == purpose && *granted)
    }

    /// The organizations the person currently shares their data with.
    pub fn organizations(&self) -> Vec<OrganizationId> {
        self.latest
            .iter()
            .filter(|(_, granted, _)| *granted)
            .filter_map(|(p, _, _)| p.organization())
            .collect()
    }

    /// Every purpose currently granted.
    pub fn granted(&self) -> Vec<Purpose> {
        self.latest
            .iter()
            .filter(|(_, g, _)| *g)
            .map(|(p, _, _)| *p)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn event(purpose: Purpose, granted: bool, minutes: i64) -> ConsentEvent {
        ConsentEvent {
            purpose,
            granted,
            at: OffsetDateTime::UNIX_EPOCH + Duration::minutes(minutes),
            recorded_by: None,
            channel: ConsentChannel::SelfService,
        }
    }

    #[test]
    fn a_purpose_never_consented_to_is_not_granted() {
        let consents = Consents::from_events(&[event(Purpose::Registry, true, 1)]);
        assert!(consents.allows(Purpose::Registry));
        assert!(!consents.allows(Purpose::Matching));
        assert!(!consents.allows(Purpose::Statistics));
    }

    #[test]
    fn the_latest_event_wins_whatever_the_order() {
        let events = [
            event(Purpose::Matching, false, 5),
            event(Purpose::Matching, true, 1),
        ];
        assert!(!Consents::from_events(&events).allows(Purpose::Matching));
        let regranted = [
            event(Purpose::Matching, true, 9),
            event(Purpose::Matching, false, 5),
        ];
        assert!(Consents::from_events(&regranted).allows(Purpose::Matching));
    }

    #[test]
    fn a_withdrawal_at_the_same_instant_wins() {
        let events = [
            event(Purpose::Statistics, false, 3),
            event(Purpose::Statistics, true, 3),
        ];
        assert!(!Consents::from_events(&events).allows(Purpose::Statistics));
        let reversed = [
            event(Purpose::Statistics, true, 3),
            event(Purpose::Statistics, false, 3),
        ];
        assert!(!Consents::from_events(&reversed).allows(Purpose::Statistics));
    }

    #[test]
    fn sharing_is_per_organization() {
        let a = OrganizationId::new();
        let b = OrganizationId::new();
        let events = [
            event(Purpose::ShareWithOrganization(a), true, 1),
            event(Purpose::ShareWithOrganization(b), true, 1),
            event(Purpose::ShareWithOrganization(b), false, 2),
        ];
        let consents = Consents::from_events(&events);
        assert!(consents.allows(Purpose::ShareWithOrganization(a)));
        assert!(!consents.allows(Purpose::ShareWithOrganization(b)));
        assert_eq!(consents.organizations(), vec![a]);
    }

    #[test]
    fn purposes_round_trip_through_their_parts() {
        let org = OrganizationId::new();
        for purpose in [
            Purpose::Registry,
            Purpose::ContactByAgency,
            Purpose::ShareWithOrganization(org),
            Purpose::Matching,
            Purpose::Statistics,
        ] {
            assert_eq!(
                Purpose::from_parts(purpose.kind(), purpose.organization()),
                Ok(purpose)
            );
        }
        assert!(Purpose::from_parts("registry", Some(org)).is_err());
        assert!(Purpose::from_parts("share_with_organization", None).is_err());
        assert!(Purpose::from_parts("marketing", None).is_err());
    }
}
