//! The access policy: for each role, which actions it may take on which targets. One function,
//! one exhaustive `match` per role with no catch-all arm, so that adding a role or an action
//! fails to compile until someone decides what it may do.

use thiserror::Error;

use super::actor::Actor;
use super::role::Role;
use crate::shared::{AccountId, CountryCode, OrgUnitPath, OrganizationId};

/// What a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Open the staff console.
    UseConsole,
    /// Create and disable accounts, grant and revoke roles.
    ManageAccounts,
    /// Read the audit log.
    ReadAuditLog,
    /// Read personal data located at the target.
    ReadPersonalData,
    /// Change personal data located at the target.
    EditPersonalData,
    /// Read aggregates that passed disclosure control.
    ReadAggregates,
    /// Manage an organization's profile, events and projects.
    ManageOrganization,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Self; 7] = [
        Self::UseConsole,
        Self::ManageAccounts,
        Self::ReadAuditLog,
        Self::ReadPersonalData,
        Self::EditPersonalData,
        Self::ReadAggregates,
        Self::ManageOrganization,
    ];
}

/// Where the thing acted upon lies: every place it belongs to. A role grants access when its
/// scope covers any one of them. `Target::default()` is the platform itself (no place).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    /// The home-country org unit the thing belongs to (a person's hometown, a local project).
    pub home_unit: Option<OrgUnitPath>,
    /// The host country the thing is in (a person's residence abroad, a case, a mission's org).
    pub host_country: Option<CountryCode>,
    /// Organizations the thing is shared with (consent to share is checked by the service).
    pub organizations: Vec<OrganizationId>,
    /// The account the thing belongs to (a member's own profile).
    pub owner: Option<AccountId>,
}

impl Target {
    /// The platform itself, with no place.
    pub fn platform() -> Self {
        Self::default()
    }

    /// Something located in a home-country org unit.
    pub fn home_unit(unit: OrgUnitPath) -> Self {
        Self {
            home_unit: Some(unit),
            ..Self::default()
        }
    }

    /// Something located in a host country.
    pub fn host_country(country: CountryCode) -> Self {
        Self {
            host_country: Some(country),
            ..Self::default()
        }
    }

    /// Something belonging to an organization.
    pub fn organization(organization: OrganizationId) -> Self {
        Self {
            organizations: vec![organization],
            ..Self::default()
        }
    }

    /// Something belonging to an account.
    pub fn owned_by(owner: AccountId) -> Self {
        Self {
            owner: Some(owner),
            ..Self::default()
        }
    }
}

/// The caller may not do this. Carries no detail on purpose: the answer must not tell what exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("forbidden")]
pub struct Forbidden;

/// Whether one role, held by `actor`, permits `action` on `target`.
pub fn permits(role: &Role, actor: AccountId, action: Action, target: &Target) -> bool {
    use Action::{
        EditPersonalData, ManageAccounts, ManageOrganization, ReadAggregates, ReadAuditLog,
        ReadPersonalData, UseConsole,
    };
    match role {
        Role::CentralOfficer => match action {
            UseConsole | ReadPersonalData | EditPersonalData | ReadAggregates
            | ManageOrganization => true,
            ManageAccounts | ReadAuditLog => false,
        },
        Role::LocalCoordinator { org_unit } => match action {
            UseConsole | ReadAggregates => true,
            ReadPersonalData | EditPersonalData | ManageOrganization => target
                .home_unit
                .as_ref()
                .is_some_and(|unit| org_unit.contains(unit)),
            ManageAccounts | ReadAuditLog => false,
        },
        Role::ConsularOfficer { host_country } => match action {
            UseConsole | ReadAggregates => true,
            ReadPersonalData | EditPersonalData | ManageOrganization => {
                target.host_country == Some(*host_country)
            }
            ManageAccounts | ReadAuditLog => false,
        },
        Role::OrgAdmin { organization } => match action {
            UseConsole | ReadAggregates => true,
            ReadPersonalData | ManageOrganization => target.organizations.contains(organization),
            EditPersonalData | ManageAccounts | ReadAuditLog => false,
        },
        Role::Member => match action {
            ReadPersonalData | EditPersonalData => target.owner == Some(actor),
            ReadAggregates => true,
            UseConsole | ManageAccounts | ReadAuditLog | ManageOrganization => false,
        },
        Role::Researcher => match action {
            ReadAggregates => true,
            UseConsole | ManageAccounts | ReadAuditLog | ReadPersonalData | EditPersonalData
            | ManageOrganization => false,
        },
        Role::Auditor => match action {
            UseConsole | ReadAuditLog | ReadAggregates => true,
            ManageAccounts | ReadPersonalData | EditPersonalData | ManageOrganization => false,
        },
        Role::Admin => match action {
            UseConsole | ManageAccounts | ReadAggregates => true,
            ReadAuditLog | ReadPersonalData | EditPersonalData | ManageOrganization => false,
        },
    }
}

/// Checks that some role of `actor` permits `action` on `target`.
///
/// # Errors
/// [`Forbidden`] when none does.
pub fn authorize(actor: &Actor, action: Action, target: &Target) -> Result<(), Forbidden> {
    if actor
        .roles
        .iter()
        .any(|role| permits(role, actor.account_id, action, target))
    {
        Ok(())
    } else {
        Err(Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::{CountryCode, OrgUnitPath, OrganizationId};

    fn unit(s: &str) -> OrgUnitPath {
        OrgUnitPath::parse(s).unwrap()
    }
    fn country(s: &str) -> CountryCode {
        CountryCode::parse(s).unwrap()
    }
    fn actor(role: Role) -> Actor {
        Actor::new(AccountId::new(), vec![role])
    }
    fn allowed(actor: &Actor, action: Action, target: &Target) -> bool {
        authorize(actor, action, target).is_ok()
    }

    #[test]
    fn local_coordinators_reach_their_unit_and_below_only() {
        let almaty_region = actor(Role::LocalCoordinator {
            org_unit: unit("KZ.19"),
        });
        for action in [
            Action::ReadPersonalData,
            Action::EditPersonalData,
            Action::ManageOrganization,
        ] {
            assert!(allowed(
                &almaty_region,
                action,
                &Target::home_unit(unit("KZ.19"))
            ));
            assert!(allowed(
                &almaty_region,
                action,
                &Target::home_unit(unit("KZ.19.05.001"))
            ));
            assert!(!allowed(
                &almaty_region,
                action,
                &Target::home_unit(unit("KZ.75"))
            ));
            assert!(!allowed(
                &almaty_region,
                action,
                &Target::home_unit(unit("KZ"))
            ));
            assert!(!allowed(
                &almaty_region,
                action,
                &Target::host_country(country("RU"))
            ));
            assert!(!allowed(&almaty_region, action, &Target::platform()));
        }
    }

    #[test]
    fn consular_officers_reach_their_host_countries_only() {
        let moscow = Actor::new(
            AccountId::new(),
            vec![
                Role::ConsularOfficer {
                    host_country: country("RU"),
                },
                Role::ConsularOfficer {
                    host_country: country("BY"),
                },
            ],
        );
        for action in [
            Action::ReadPersonalData,
            Action::EditPersonalData,
            Action::ManageOrganization,
        ] {
            assert!(allowed(
                &moscow,
                action,
                &Target::host_country(country("RU"))
            ));
            assert!(allowed(
                &moscow,
                action,
                &Target::host_country(country("BY"))
            ));
            assert!(!allowed(
                &moscow,
                action,
                &Target::host_country(country("TR"))
            ));
            assert!(!allowed(&moscow, action, &Target::home_unit(unit("KZ.75"))));
        }
    }

    #[test]
    fn org_admins_reach_what_is_shared_with_their_organization_and_edit_no_person() {
        let org = OrganizationId::new();
        let admin = actor(Role::OrgAdmin { organization: org });
        assert!(allowed(
            &admin,
            Action::ReadPersonalData,
            &Target::organization(org)
        ));
        assert!(allowed(
            &admin,
            Action::ManageOrganization,
            &Target::organization(org)
        ));
        assert!(!allowed(
            &admin,
            Action::EditPersonalData,
            &Target::organization(org)
        ));
        let other = Target::organization(OrganizationId::new());
        assert!(!allowed(&admin, Action::ReadPersonalData, &other));
        assert!(!allowed(&admin, Action::ManageOrganization, &other));
    }

    #[test]
    fn members_reach_their_own_records_only() {
        let member = actor(Role::Member);
        let own = Target::owned_by(member.account_id);
        assert!(allowed(&member, Action::ReadPersonalData, &own));
        assert!(allowed(&member, Action::EditPersonalData, &own));
        assert!(!allowed(
            &member,
            Action::ReadPersonalData,
            &Target::owned_by(AccountId::new())
        ));
        assert!(!allowed(&member, Action::UseConsole, &Target::platform()));
    }

    #[test]
    fn a_place_matching_any_role_scope_is_enough() {
        let target = Target {
            home_unit: Some(unit("KZ.75")),
            host_country: Some(country("RU")),
            ..Target::default()
        };
        assert!(allowed(
            &actor(Role::ConsularOfficer {
                host_country: country("RU")
            }),
            Action::ReadPersonalData,
            &target
        ));
        assert!(allowed(
            &actor(Role::LocalCoordinator {
                org_unit: unit("KZ.75")
            }),
            Action::ReadPersonalData,
            &target
        ));
        assert!(!allowed(
            &actor(Role::ConsularOfficer {
                host_country: country("CN")
            }),
            Action::ReadPersonalData,
            &target
        ));
    }

    /// The whole matrix for unscoped targets: a row per role, the actions it may take on the
    /// platform itself. Changing the policy means changing this table on purpose.
    #[test]
    fn platform_actions_per_role_match_the_design() {
        let org = OrganizationId::new();
        let table: [(Role, &[Action]); 8] = [
            (
                Role::CentralOfficer,
                &[
                    Action::UseConsole,
                    Action::ReadPersonalData,
                    Action::EditPersonalData,
                    Action::ReadAggregates,
                    Action::ManageOrganization,
                ],
            ),
            (
                Role::LocalCoordinator {
                    org_unit: unit("KZ.19"),
                },
                &[Action::UseConsole, Action::ReadAggregates],
            ),
            (
                Role::ConsularOfficer {
                    host_country: country("RU"),
                },
                &[Action::UseConsole, Action::ReadAggregates],
            ),
            (
                Role::OrgAdmin { organization: org },
                &[Action::UseConsole, Action::ReadAggregates],
            ),
            (Role::Member, &[Action::ReadAggregates]),
            (Role::Researcher, &[Action::ReadAggregates]),
            (
                Role::Auditor,
                &[
                    Action::UseConsole,
                    Action::ReadAuditLog,
                    Action::ReadAggregates,
                ],
            ),
            (
                Role::Admin,
                &[
                    Action::UseConsole,
                    Action::ManageAccounts,
                    Action::ReadAggregates,
                ],
            ),
        ];
        for (role, expected) in table {
            let who = actor(role.clone());
            for action in Action::ALL {
                assert_eq!(
                    allowed(&who, action, &Target::platform()),
                    expected.contains(&action),
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn an_actor_without_roles_may_do_nothing() {
        let nobody = Actor::new(AccountId::new(), vec![]);
        for action in Action::ALL {
            assert_eq!(
                authorize(&nobody, action, &Target::platform()),
                Err(Forbidden)
            );
        }
    }
}
