//! Field-level access to a person's record: which groups of fields each role may read and
//! change, for this person, given where the person is and what they consented to. One
//! exhaustive `match` per role, no catch-all, as in [`crate::access::permits`].
//!
//! The rules (DESIGN.md, issue M1–M3): researchers and the public never see a person; consular
//! officers only people in their host countries, and only the fields needed to contact and
//! assist them; organizations only members who consented to share with them; local
//! coordinators never ethnicity; administrators and auditors have no access to personal data.

use super::consent::{Consents, Purpose};
use super::store::ScopeClause;
use crate::access::Role;
use crate::shared::{AccountId, CountryCode, OrgUnitPath};

/// A group of a person's fields that is shown, hidden, read and audited together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldGroup {
    /// Names, sex, birth date and place.
    Identity,
    /// Email, phone.
    Contacts,
    /// Country, region, city of residence.
    Residence,
    /// Citizenship history, kandas status and the legal categories computed from them.
    LegalStatus,
    /// Ethnic self-identification (special-category data).
    Ethnicity,
    /// Languages and proficiency.
    Languages,
    /// Education, occupation, sector, qualifications, employment.
    Skills,
    /// Home-country locality and marital status.
    Background,
    /// Where the record came from.
    Provenance,
}

impl FieldGroup {
    /// Every group.
    pub const ALL: [Self; 9] = [
        Self::Identity,
        Self::Contacts,
        Self::Residence,
        Self::LegalStatus,
        Self::Ethnicity,
        Self::Languages,
        Self::Skills,
        Self::Background,
        Self::Provenance,
    ];

    /// Whether reading the group is itself recorded in the audit log.
    pub const fn is_sensitive(self) -> bool {
        match self {
            Self::Ethnicity | Self::LegalStatus | Self::Contacts | Self::Residence => true,
            Self::Identity
            | Self::Languages
            | Self::Skills
            | Self::Background
            | Self::Provenance => false,
        }
    }

    /// The stable name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::Contacts => "contacts",
            Self::Residence => "residence",
            Self::LegalStatus => "legal_status",
            Self::Ethnicity => "ethnicity",
            Self::Languages => "languages",
            Self::Skills => "skills",
            Self::Background => "background",
            Self::Provenance => "provenance",
        }
    }
}

/// Where a person's record lies and what they consented to: what the rules need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonScope {
    /// The home-country locality the person comes from.
    pub hometown: Option<OrgUnitPath>,
    /// The country the person lives in.
    pub residence_country: Option<CountryCode>,
    /// The person's own account, if they registered themselves.
    pub owner: Option<AccountId>,
    /// Their current consents.
    pub consents: Consents,
}

/// A set of field groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSet(Vec<FieldGroup>);

impl FieldSet {
    /// No field.
    pub fn none() -> Self {
        Self(vec![])
    }

    /// Every field.
    pub fn all() -> Self {
        Self(FieldGroup::ALL.to_vec())
    }

    /// Exactly these groups.
    pub fn of(groups: &[FieldGroup]) -> Self {
        let mut v = groups.to_vec();
        v.sort();
        v.dedup();
        Self(v)
    }

    /// Every group except these.
    pub fn all_but(excluded: &[FieldGroup]) -> Self {
        Self(
            FieldGroup::ALL
                .into_iter()
                .filter(|g| !excluded.contains(g))
                .collect(),
        )
    }

    /// Whether the group is in the set.
    pub fn contains(&self, group: FieldGroup) -> bool {
        self.0.contains(&group)
    }

    /// Whether the set is empty (the person is not visible at all).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The groups, in declaration order.
    pub fn groups(&self) -> &[FieldGroup] {
        &self.0
    }

    /// The union with another set.
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        let mut v = self.0.clone();
        v.extend_from_slice(&other.0);
        Self::of(&v)
    }
}

/// Whether a role may only read, or read and change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Read.
    Read,
    /// Change.
    Write,
}

/// The groups of `person`'s fields that one role, held by `actor`, may read or write.
///
/// The person's own consent to be kept in the registry gates every staff role: a person who
/// withdrew it is visible to no one but themselves (and erasure follows).
pub fn field_access(
    role: &Role,
    actor: AccountId,
    person: &PersonScope,
    access: Access,
) -> FieldSet {
    let own = person.owner == Some(actor);
    let in_registry = person.consents.allows(Purpose::Registry);
    match role {
        Role::Member => {
            if own {
                FieldSet::all()
            } else {
                FieldSet::none()
            }
        }
        Role::CentralOfficer => {
            if in_registry {
                FieldSet::all()
            } else {
                FieldSet::none()
            }
        }
        Role::LocalCoordinator { org_unit } => {
            let in_unit = person
                .hometown
                .as_ref()
                .is_some_and(|h| org_unit.contains(h));
            if in_registry && in_unit {
                FieldSet::all_but(&[FieldGroup::Ethnicity])
            } else {
                FieldSet::none()
            }
        }
        Role::ConsularOfficer { host_country } => {
            if in_registry && person.residence_country == Some(*host_country) {
                match access {
                    Access::Read => FieldSet::of(&[
                        FieldGroup::Identity,
                        FieldGroup::Contacts,
                        FieldGroup::Residence,
                    ]),
                    Access::Write => FieldSet::of(&[FieldGroup::Contacts, FieldGroup::Residence]),
                }
            } else {
                FieldSet::none()
            }
        }
        Role::OrgAdmin { organization } => {
            let shared = person
                .consents
                .allows(Purpose::ShareWithOrganization(*organization));
            match (access, shared && in_registry) {
                (Access::Read, true) => FieldSet::of(&[
                    FieldGroup::Identity,
                    FieldGroup::Contacts,
                    FieldGroup::Languages,
                    FieldGroup::Skills,
                ]),
                (Access::Read | Access::Write, _) => FieldSet::none(),
            }
        }
        Role::Researcher | Role::Auditor | Role::Admin => FieldSet::none(),
    }
}

/// Which people each role may find in lists: the clauses of the store's scope filter. Mirrors
/// [`field_access`]: a person is listed exactly when some role shows them some field.
pub fn list_scope(roles: &[Role], actor: AccountId) -> Vec<ScopeClause> {
    let mut clauses = vec![];
    for role in roles {
        let clause = match role {
            Role::CentralOfficer => Some(ScopeClause::AllInRegistry),
            Role::LocalCoordinator { org_unit } => Some(ScopeClause::HomeUnit(org_unit.clone())),
            Role::ConsularOfficer { host_country } => Some(ScopeClause::HostCountry(*host_country)),
            Role::OrgAdmin { organization } => Some(ScopeClause::SharedWith(*organization)),
            Role::Member => Some(ScopeClause::Owner(actor)),
            Role::Researcher | Role::Auditor | Role::Admin => None,
        };
        if let Some(clause) = clause
            && !clauses.contains(&clause)
        {
            clauses.push(clause);
        }
    }
    clauses
}

/// The union of what every role of the actor allows.
pub fn visible_fields(
    roles: &[Role],
    actor: AccountId,
    person: &PersonScope,
    access: Access,
) -> FieldSet {
    roles.iter().fold(FieldSet::none(), |acc, role| {
        acc.union(&field_access(role, actor, person, access))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::consent::{ConsentChannel, ConsentEvent};
    use crate::shared::OrganizationId;
    use time::OffsetDateTime;

    fn consents(purposes: &[Purpose]) -> Consents {
        let events: Vec<ConsentEvent> = purposes
            .iter()
            .map(|p| ConsentEvent {
                purpose: *p,
                granted: true,
                at: OffsetDateTime::UNIX_EPOCH,
                recorded_by: None,
                channel: ConsentChannel::SelfService,
            })
            .collect();
        Consents::from_events(&events)
    }

    fn person(purposes: &[Purpose]) -> PersonScope {
        PersonScope {
            hometown: Some(OrgUnitPath::parse("KZ.75.10").unwrap()),
            residence_country: Some(CountryCode::parse("RU").unwrap()),
            owner: None,
            consents: consents(purposes),
        }
    }

    fn read(role: &Role, person: &PersonScope) -> FieldSet {
        field_access(role, AccountId::new(), person, Access::Read)
    }

    #[test]
    fn researchers_auditors_and_administrators_never_see_a_person() {
        let p = person(&[Purpose::Registry, Purpose::Statistics]);
        for role in [Role::Researcher, Role::Auditor, Role::Admin] {
            assert!(read(&role, &p).is_empty());
        }
    }

    #[test]
    fn consular_officers_see_only_contact_fields_of_people_in_their_host_country() {
        let p = person(&[Purpose::Registry]);
        let moscow = read(
            &Role::ConsularOfficer {
                host_country: CountryCode::parse("RU").unwrap(),
            },
            &p,
        );
        assert_eq!(
            moscow,
            FieldSet::of(&[
                FieldGroup::Identity,
                FieldGroup::Contacts,
                FieldGroup::Residence
            ])
        );
        assert!(!moscow.contains(FieldGroup::Ethnicity));
        assert!(!moscow.contains(FieldGroup::Skills));
        let ankara = read(
            &Role::ConsularOfficer {
                host_country: CountryCode::parse("TR").unwrap(),
            },
            &p,
        );
        assert!(ankara.is_empty());
    }

    #[test]
    fn local_coordinators_never_see_ethnicity_and_only_their_localities() {
        let p = person(&[Purpose::Registry]);
        let almaty = read(
            &Role::LocalCoordinator {
                org_unit: OrgUnitPath::parse("KZ.75").unwrap(),
            },
            &p,
        );
        assert!(almaty.contains(FieldGroup::Identity));
        assert!(almaty.contains(FieldGroup::Skills));
        assert!(!almaty.contains(FieldGroup::Ethnicity));
        let other = read(
            &Role::LocalCoordinator {
                org_unit: OrgUnitPath::parse("KZ.19").unwrap(),
            },
            &p,
        );
        assert!(other.is_empty());
    }

    #[test]
    fn organizations_see_only_members_who_consented_to_share_with_them() {
        let org = OrganizationId::new();
        let shared = person(&[Purpose::Registry, Purpose::ShareWithOrganization(org)]);
        let not_shared = person(&[
            Purpose::Registry,
            Purpose::ShareWithOrganization(OrganizationId::new()),
        ]);
        let admin = Role::OrgAdmin { organization: org };
        let fields = read(&admin, &shared);
        assert!(fields.contains(FieldGroup::Contacts) && fields.contains(FieldGroup::Skills));
        assert!(
            !fields.contains(FieldGroup::Ethnicity) && !fields.contains(FieldGroup::LegalStatus)
        );
        assert!(read(&admin, &not_shared).is_empty());
        assert!(field_access(&admin, AccountId::new(), &shared, Access::Write).is_empty());
    }

    #[test]
    fn withdrawing_registry_consent_hides_the_person_from_every_staff_role() {
        let org = OrganizationId::new();
        let withdrawn = person(&[Purpose::ShareWithOrganization(org)]);
        for role in [
            Role::CentralOfficer,
            Role::LocalCoordinator {
                org_unit: OrgUnitPath::parse("KZ").unwrap(),
            },
            Role::ConsularOfficer {
                host_country: CountryCode::parse("RU").unwrap(),
            },
            Role::OrgAdmin { organization: org },
        ] {
            assert!(read(&role, &withdrawn).is_empty(), "{role:?}");
        }
    }

    #[test]
    fn members_see_all_of_their_own_record_and_nothing_of_others() {
        let me = AccountId::new();
        let mut own = person(&[]);
        own.owner = Some(me);
        assert_eq!(
            field_access(&Role::Member, me, &own, Access::Write),
            FieldSet::all()
        );
        assert!(field_access(&Role::Member, AccountId::new(), &own, Access::Read).is_empty());
    }

    #[test]
    fn list_scopes_follow_the_roles() {
        let me = AccountId::new();
        let org = OrganizationId::new();
        let roles = [
            Role::ConsularOfficer {
                host_country: CountryCode::parse("RU").unwrap(),
            },
            Role::OrgAdmin { organization: org },
            Role::Member,
            Role::Researcher,
        ];
        assert_eq!(
            list_scope(&roles, me),
            vec![
                ScopeClause::HostCountry(CountryCode::parse("RU").unwrap()),
                ScopeClause::SharedWith(org),
                ScopeClause::Owner(me),
            ]
        );
        assert!(list_scope(&[Role::Researcher, Role::Admin, Role::Auditor], me).is_empty());
    }

    #[test]
    fn several_roles_add_up() {
        let p = person(&[Purpose::Registry]);
        let roles = [
            Role::ConsularOfficer {
                host_country: CountryCode::parse("RU").unwrap(),
            },
            Role::LocalCoordinator {
                org_unit: OrgUnitPath::parse("KZ.75").unwrap(),
            },
        ];
        let fields = visible_fields(&roles, AccountId::new(), &p, Access::Read);
        assert_eq!(fields, FieldSet::all_but(&[FieldGroup::Ethnicity]));
    }
}
