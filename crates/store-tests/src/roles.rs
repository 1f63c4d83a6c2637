//! Roles: granted and revoked with their audit entries, unique per account, role and scope.

use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::access::Role;
use otandas_domain::audit::AuditAction;
use otandas_domain::shared::{AccountId, CountryCode, OrgUnitPath, OrganizationId};

use crate::support::{
    account_event, assert_conflict, assert_not_found, audited_actions, create_account, sorted,
};

fn consul(country: &str) -> Role {
    Role::ConsularOfficer {
        host_country: CountryCode::parse(country).unwrap(),
    }
}

/// Roles of every kind of scope round-trip; one kind may be held for several scopes; revoking
/// removes exactly the role given, and revoking what is not held is `NotFound`.
pub async fn roles_are_granted_and_revoked(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Member]).await;
    let id = record.id;
    let granted = [
        consul("TR"),
        consul("DE"),
        Role::LocalCoordinator {
            org_unit: OrgUnitPath::parse("KZ.ALM").unwrap(),
        },
        Role::OrgAdmin {
            organization: OrganizationId::new(),
        },
        Role::Auditor,
    ];
    for role in &granted {
        store
            .insert_role(id, role, &account_event(id, AuditAction::RoleGranted))
            .await
            .unwrap();
    }
    let mut expected: Vec<Role> = granted.to_vec();
    expected.push(Role::Member);
    assert_eq!(
        sorted(store.get_account(id).await.unwrap().roles),
        sorted(expected.clone())
    );

    store
        .delete_role(
            id,
            &consul("TR"),
            &account_event(id, AuditAction::RoleRevoked),
        )
        .await
        .unwrap();
    store
        .delete_role(
            id,
            &Role::Member,
            &account_event(id, AuditAction::RoleRevoked),
        )
        .await
        .unwrap();
    expected.retain(|r| *r != consul("TR") && *r != Role::Member);
    assert_eq!(
        sorted(store.get_account(id).await.unwrap().roles),
        sorted(expected)
    );

    assert_not_found(
        store
            .delete_role(
                id,
                &consul("TR"),
                &account_event(id, AuditAction::RoleRevoked),
            )
            .await,
    );
    assert_not_found(
        store
            .delete_role(
                id,
                &Role::Admin,
                &account_event(id, AuditAction::RoleRevoked),
            )
            .await,
    );

    let mut actions = vec![AuditAction::AccountCreated];
    actions.extend([AuditAction::RoleGranted; 5]);
    actions.extend([AuditAction::RoleRevoked; 2]);
    assert_eq!(audited_actions(&store, id).await, actions);
}

/// Granting a role already held (same kind, same scope) is refused by `account_roles_key`.
pub async fn a_role_held_twice_is_a_conflict(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Admin, consul("TR")]).await;
    let id = record.id;
    assert_conflict(
        store
            .insert_role(
                id,
                &Role::Admin,
                &account_event(id, AuditAction::RoleGranted),
            )
            .await,
        "account_roles_key",
    );
    assert_conflict(
        store
            .insert_role(
                id,
                &consul("TR"),
                &account_event(id, AuditAction::RoleGranted),
            )
            .await,
        "account_roles_key",
    );
    assert_eq!(store.get_account(id).await.unwrap().roles.len(), 2);
    assert_eq!(
        audited_actions(&store, id).await,
        [AuditAction::AccountCreated]
    );
}

/// A role for an account that does not exist is refused by `account_roles_account_id_fkey`.
pub async fn a_role_for_an_unknown_account_is_a_conflict(store: Arc<dyn Store>) {
    let id = AccountId::new();
    assert_conflict(
        store
            .insert_role(
                id,
                &Role::Admin,
                &account_event(id, AuditAction::RoleGranted),
            )
            .await,
        "account_roles_account_id_fkey",
    );
    assert!(audited_actions(&store, id).await.is_empty());
}
