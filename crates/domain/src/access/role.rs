//! The roles of DESIGN.md, each with the scope it is granted for.

use std::fmt;

use crate::shared::{CountryCode, OrgUnitPath, OrganizationId, ValidationError};

/// A role held by an account, with its scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The state diaspora agency or coordinating ministry: the whole home country.
    CentralOfficer,
    /// A local government: its org unit and every unit below it.
    LocalCoordinator { org_unit: OrgUnitPath },
    /// A diplomatic mission: one host country (an account may hold several).
    ConsularOfficer { host_country: CountryCode },
    /// A diaspora organization's administrator: that organization only.
    OrgAdmin { organization: OrganizationId },
    /// A diaspora member: self-service on their own records only.
    Member,
    /// An analyst or statistician: aggregates after disclosure control only.
    Researcher,
    /// The data-protection officer: the audit log and consent records.
    Auditor,
    /// The platform operator: accounts and configuration, no extra access to personal data.
    Admin,
}

/// The kind of a role, without its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoleKind {
    /// See [`Role::CentralOfficer`].
    CentralOfficer,
    /// See [`Role::LocalCoordinator`].
    LocalCoordinator,
    /// See [`Role::ConsularOfficer`].
    ConsularOfficer,
    /// See [`Role::OrgAdmin`].
    OrgAdmin,
    /// See [`Role::Member`].
    Member,
    /// See [`Role::Researcher`].
    Researcher,
    /// See [`Role::Auditor`].
    Auditor,
    /// See [`Role::Admin`].
    Admin,
}

impl RoleKind {
    /// Every role kind.
    pub const ALL: [Self; 8] = [
        Self::CentralOfficer,
        Self::LocalCoordinator,
        Self::ConsularOfficer,
        Self::OrgAdmin,
        Self::Member,
        Self::Researcher,
        Self::Auditor,
        Self::Admin,
    ];

    /// The stable name used in storage, the API and translation keys.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CentralOfficer => "central_officer",
            Self::LocalCoordinator => "local_coordinator",
            Self::ConsularOfficer => "consular_officer",
            Self::OrgAdmin => "org_admin",
            Self::Member => "member",
            Self::Researcher => "researcher",
            Self::Auditor => "auditor",
            Self::Admin => "admin",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// `Unknown` for any other name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == raw.trim())
            .ok_or(ValidationError::Unknown { field: "role" })
    }

    /// Whether the role works on other people's data and so needs a second factor at login.
    pub const fn requires_second_factor(self) -> bool {
        match self {
            Self::CentralOfficer
            | Self::LocalCoordinator
            | Self::ConsularOfficer
            | Self::OrgAdmin
            | Self::Auditor
            | Self::Admin => true,
            Self::Member | Self::Researcher => false,
        }
    }

    /// Whether the role uses the staff console (as opposed to the public portal only).
    pub const fn is_staff(self) -> bool {
        self.requires_second_factor()
    }

    /// What kind of scope the role is granted for, if any.
    pub const fn scope_kind(self) -> Option<&'static str> {
        match self {
            Self::LocalCoordinator => Some("org_unit"),
            Self::ConsularOfficer => Some("host_country"),
            Self::OrgAdmin => Some("organization"),
            Self::CentralOfficer
            | Self::Member
            | Self::Researcher
            | Self::Auditor
            | Self::Admin => None,
        }
    }
}

impl fmt::Display for RoleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Role {
    /// Builds a role from its kind and the text of its scope (as stored or typed in a form).
    ///
    /// # Errors
    /// `Required` when the kind needs a scope and none is given; `Malformed`/`Unknown` from
    /// the scope's parser; `Unknown { field: "scope" }` when a scope is given to a role without.
    pub fn from_parts(kind: RoleKind, scope: Option<&str>) -> Result<Self, ValidationError> {
        let scope = scope.map(str::trim).filter(|s| !s.is_empty());
        let need = |field| scope.ok_or(ValidationError::Required { field });
        match kind {
            RoleKind::LocalCoordinator => Ok(Self::LocalCoordinator {
                org_unit: OrgUnitPath::parse(need("org_unit")?)?,
            }),
            RoleKind::ConsularOfficer => Ok(Self::ConsularOfficer {
                host_country: CountryCode::parse(need("country")?)?,
            }),
            RoleKind::OrgAdmin => Ok(Self::OrgAdmin {
                organization: need("organization")?.parse().map_err(|_| {
                    ValidationError::Malformed {
                        field: "organization",
                    }
                })?,
            }),
            RoleKind::CentralOfficer
            | RoleKind::Member
            | RoleKind::Researcher
            | RoleKind::Auditor
            | RoleKind::Admin => match scope {
                Some(_) => Err(ValidationError::Unknown { field: "scope" }),
                None => Ok(kind.unscoped()),
            },
        }
    }

    /// The role's kind.
    pub const fn kind(&self) -> RoleKind {
        match self {
            Self::CentralOfficer => RoleKind::CentralOfficer,
            Self::LocalCoordinator { .. } => RoleKind::LocalCoordinator,
            Self::ConsularOfficer { .. } => RoleKind::ConsularOfficer,
            Self::OrgAdmin { .. } => RoleKind::OrgAdmin,
            Self::Member => RoleKind::Member,
            Self::Researcher => RoleKind::Researcher,
            Self::Auditor => RoleKind::Auditor,
            Self::Admin => RoleKind::Admin,
        }
    }

    /// The scope as text, for storage and display; `None` for unscoped roles.
    pub fn scope(&self) -> Option<String> {
        match self {
            Self::LocalCoordinator { org_unit } => Some(org_unit.to_string()),
            Self::ConsularOfficer { host_country } => Some(host_country.to_string()),
            Self::OrgAdmin { organization } => Some(organization.to_string()),
            Self::CentralOfficer
            | Self::Member
            | Self::Researcher
            | Self::Auditor
            | Self::Admin => None,
        }
    }
}

impl RoleKind {
    /// The role for an unscoped kind; scoped kinds must go through [`Role::from_parts`].
    const fn unscoped(self) -> Role {
        match self {
            Self::Member | Self::LocalCoordinator | Self::ConsularOfficer | Self::OrgAdmin => {
                Role::Member
            }
            Self::CentralOfficer => Role::CentralOfficer,
            Self::Researcher => Role::Researcher,
            Self::Auditor => Role::Auditor,
            Self::Admin => Role::Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in RoleKind::ALL {
            assert_eq!(RoleKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(RoleKind::parse("superuser").is_err());
    }

    #[test]
    fn scoped_roles_need_a_valid_scope() {
        assert_eq!(
            Role::from_parts(RoleKind::ConsularOfficer, None),
            Err(ValidationError::Required { field: "country" })
        );
        assert_eq!(
            Role::from_parts(RoleKind::ConsularOfficer, Some("ru"))
                .unwrap()
                .scope()
                .as_deref(),
            Some("RU")
        );
        assert!(Role::from_parts(RoleKind::LocalCoordinator, Some("KZ..1")).is_err());
        assert!(Role::from_parts(RoleKind::OrgAdmin, Some("not-a-uuid")).is_err());
    }

    #[test]
    fn unscoped_roles_refuse_a_scope() {
        assert_eq!(
            Role::from_parts(RoleKind::Admin, Some("KZ")),
            Err(ValidationError::Unknown { field: "scope" })
        );
        assert_eq!(
            Role::from_parts(RoleKind::Auditor, Some("  ")),
            Ok(Role::Auditor)
        );
        for kind in RoleKind::ALL {
            if kind.scope_kind().is_none() {
                assert_eq!(Role::from_parts(kind, None).unwrap().kind(), kind);
            }
        }
    }

    #[test]
    fn members_and_researchers_need_no_second_factor_and_staff_do() {
        let without: Vec<_> = RoleKind::ALL
            .into_iter()
            .filter(|k| !k.requires_second_factor())
            .collect();
        assert_eq!(without, [RoleKind::Member, RoleKind::Researcher]);
    }
}
