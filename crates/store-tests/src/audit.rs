//! The audit log: entries read back newest first, filter, page, and are written in the same
//! transaction as the change they record.

use std::collections::HashSet;
use std::sync::Arc;

use otandas_domain::access::Role;
use otandas_domain::accounts::{AccountStatus, SessionStage};
use otandas_domain::audit::{AuditAction, AuditFilter, NewAuditEvent, Purpose, SubjectKind};
use otandas_domain::shared::{AccountId, PageRequest, RequestId};
use otandas_domain::{Store, StoreError};
use time::Duration;

use crate::support::{
    account_event, account_record, all_audit_events, assert_conflict, audit_of, audited_actions,
    create_account, now, password_hash, session, start_session,
};

/// Appends `count` entries by `actor` about `subject`, one minute apart from `start` on.
async fn append(
    store: &Arc<dyn Store>,
    count: usize,
    actor: Option<AccountId>,
    subject: &str,
    action: AuditAction,
) -> Vec<NewAuditEvent> {
    let start = now() - Duration::hours(1);
    let mut events = Vec::new();
    for minute in 0..count {
        let event = NewAuditEvent::new(
            start + Duration::minutes(i64::try_from(minute).unwrap()),
            actor,
            action,
            SubjectKind::Account,
            Some(subject.to_owned()),
            Purpose::AccountAdministration,
        );
        store.insert_audit_event(&event).await.unwrap();
        events.push(event);
    }
    events
}

/// Entries read back with every field as written, newest first.
pub async fn audit_events_read_back_newest_first(store: Arc<dyn Store>) {
    let actor = AccountId::new();
    let first = NewAuditEvent::new(
        now() - Duration::seconds(2),
        Some(actor),
        AuditAction::AuditLogRead,
        SubjectKind::AuditLog,
        None,
        Purpose::Oversight,
    )
    .in_request(Some(RequestId::new()));
    let second = NewAuditEvent::new(
        now(),
        None,
        AuditAction::LoginFailed,
        SubjectKind::Account,
        None,
        Purpose::Authentication,
    );
    let third = NewAuditEvent::about_account(
        now(),
        Some(actor),
        AuditAction::AccountRead,
        AccountId::new(),
        Purpose::SelfService,
    )
    .in_request(Some(RequestId::new()));
    for event in [&first, &second, &third] {
        store.insert_audit_event(event).await.unwrap();
    }
    let listed = store
        .list_audit_events(&AuditFilter::default(), &PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(listed.items, [third, second, first]);
    assert_eq!(listed.next, None);
}

/// Each filter field narrows the list; they combine.
pub async fn audit_events_filter_by_actor_subject_action_and_time(store: Arc<dyn Store>) {
    let alice = AccountId::new();
    let bob = AccountId::new();
    let by_alice = append(
        &store,
        3,
        Some(alice),
        "subject-1",
        AuditAction::RoleGranted,
    )
    .await;
    let by_bob = append(&store, 2, Some(bob), "subject-2", AuditAction::RoleRevoked).await;
    let anonymous = append(&store, 1, None, "subject-1", AuditAction::LoginFailed).await;

    let ids = |filter: AuditFilter| {
        let store = Arc::clone(&store);
        async move {
            all_audit_events(&store, &filter)
                .await
                .into_iter()
                .map(|e| e.id)
                .collect::<HashSet<_>>()
        }
    };
    let set = |events: &[&[NewAuditEvent]]| {
        events
            .iter()
            .flat_map(|e| e.iter().map(|e| e.id))
            .collect::<HashSet<_>>()
    };

    assert_eq!(
        ids(AuditFilter::default()).await,
        set(&[&by_alice, &by_bob, &anonymous])
    );
    assert_eq!(
        ids(AuditFilter {
            actor: Some(alice),
            ..AuditFilter::default()
        })
        .await,
        set(&[&by_alice])
    );
    assert_eq!(
        ids(AuditFilter {
            subject_id: Some("subject-1".into()),
            ..AuditFilter::default()
        })
        .await,
        set(&[&by_alice, &anonymous])
    );
    assert_eq!(
        ids(AuditFilter {
            action: Some(AuditAction::RoleRevoked),
            ..AuditFilter::default()
        })
        .await,
        set(&[&by_bob])
    );
    assert_eq!(
        ids(AuditFilter {
            actor: Some(alice),
            subject_id: Some("subject-2".into()),
            ..AuditFilter::default()
        })
        .await,
        HashSet::new()
    );
    // `from` is inclusive, `until` exclusive: the second and third of Alice's entries.
    let window = AuditFilter {
        actor: Some(alice),
        from: Some(by_alice[1].at),
        until: Some(by_alice[2].at + Duration::microseconds(1)),
        ..AuditFilter::default()
    };
    assert_eq!(ids(window).await, set(&[&by_alice[1..]]));
    let until = AuditFilter {
        actor: Some(alice),
        until: Some(by_alice[1].at),
        ..AuditFilter::default()
    };
    assert_eq!(ids(until).await, set(&[&by_alice[..1]]));
}

/// Seek paging over the log visits every entry once, newest first.
pub async fn audit_events_page_newest_first_without_gaps(store: Arc<dyn Store>) {
    let events = append(&store, 12, None, "subject", AuditAction::AccountRead).await;
    let mut expected: Vec<_> = events.iter().map(|e| e.id).collect();
    expected.reverse();

    let mut seen = Vec::new();
    let mut pages = 0;
    let mut page = PageRequest::first(5);
    loop {
        let got = store
            .list_audit_events(&AuditFilter::default(), &page)
            .await
            .unwrap();
        pages += 1;
        assert!(got.items.len() <= 5);
        seen.extend(got.items.iter().map(|e| e.id));
        match got.next {
            Some(key) => page = PageRequest::after(key, 5),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, expected);
}

/// An entry id is written once: appending it again is refused by `audit_events_pkey`.
pub async fn a_duplicate_audit_event_id_is_a_conflict(store: Arc<dyn Store>) {
    let event = NewAuditEvent::new(
        now(),
        None,
        AuditAction::LoginFailed,
        SubjectKind::Account,
        None,
        Purpose::Authentication,
    );
    store.insert_audit_event(&event).await.unwrap();
    assert_conflict(store.insert_audit_event(&event).await, "audit_events_pkey");
    let listed = store
        .list_audit_events(&AuditFilter::default(), &PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(listed.items, [event]);
}

/// The entry given with a change is listed once the change is made, exactly as given.
pub async fn account_changes_are_audited_in_the_same_transaction(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let created = audit_of(&store, record.id).await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].action, AuditAction::AccountCreated);
    assert_eq!(
        created[0].subject_id.as_deref(),
        Some(record.id.to_string().as_str())
    );

    let actor = AccountId::new();
    let granted = NewAuditEvent::about_account(
        now(),
        Some(actor),
        AuditAction::RoleGranted,
        record.id,
        Purpose::AccountAdministration,
    )
    .in_request(Some(RequestId::new()));
    store
        .insert_role(record.id, &Role::Researcher, &granted)
        .await
        .unwrap();
    let by_actor = all_audit_events(
        &store,
        &AuditFilter {
            actor: Some(actor),
            ..AuditFilter::default()
        },
    )
    .await;
    assert_eq!(by_actor, [granted]);
}

/// A change the store refuses writes no audit entry: entry and change commit or fail together.
pub async fn a_refused_change_leaves_no_audit_entry(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Admin]).await;
    let id = record.id;

    // Refused by a constraint.
    let duplicate = store
        .insert_role(
            id,
            &Role::Admin,
            &account_event(id, AuditAction::RoleGranted),
        )
        .await;
    assert!(matches!(duplicate, Err(StoreError::Conflict { .. })));
    // Refused because nothing matched.
    let absent = store
        .delete_role(
            id,
            &Role::Auditor,
            &account_event(id, AuditAction::RoleRevoked),
        )
        .await;
    assert!(matches!(absent, Err(StoreError::NotFound)));
    let unknown = AccountId::new();
    let status = store
        .update_account_status(
            unknown,
            AccountStatus::Disabled,
            &account_event(unknown, AuditAction::AccountDisabled),
        )
        .await;
    assert!(matches!(status, Err(StoreError::NotFound)));

    assert_eq!(
        audited_actions(&store, id).await,
        [AuditAction::AccountCreated]
    );
    assert!(audited_actions(&store, unknown).await.is_empty());
}

/// When the audit entry cannot be written (here: its id is taken), the change it records is
/// rolled back with it: no change is ever left unaudited.
pub async fn a_change_whose_audit_entry_fails_is_rolled_back(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let id = record.id;
    let current = start_session(&store, id).await;
    let taken = audit_of(&store, id).await.remove(0);
    // The entry that will fail: a fresh action, but the id of the existing entry.
    let failing = |action| NewAuditEvent {
        action,
        ..taken.clone()
    };

    let new = account_record("Әлия", vec![Role::Admin]);
    assert_conflict(
        store
            .insert_account(&new, &failing(AuditAction::AccountCreated))
            .await,
        "audit_events_pkey",
    );
    assert!(matches!(
        store.get_account(new.id).await,
        Err(StoreError::NotFound)
    ));

    assert_conflict(
        store
            .update_account_status(
                id,
                AccountStatus::Disabled,
                &failing(AuditAction::AccountDisabled),
            )
            .await,
        "audit_events_pkey",
    );
    assert_eq!(
        store.get_account(id).await.unwrap().status,
        AccountStatus::Active
    );
    assert_eq!(store.count_sessions(id).await.unwrap(), 1);

    assert_conflict(
        store
            .update_password(
                id,
                &password_hash("second"),
                None,
                &failing(AuditAction::PasswordChanged),
            )
            .await,
        "audit_events_pkey",
    );
    assert_eq!(
        store.get_credentials(id).await.unwrap().password_hash,
        record.password_hash
    );
    assert_eq!(store.count_sessions(id).await.unwrap(), 1);

    assert_conflict(
        store
            .insert_role(id, &Role::Auditor, &failing(AuditAction::RoleGranted))
            .await,
        "audit_events_pkey",
    );
    assert!(store.get_account(id).await.unwrap().roles.is_empty());

    assert_conflict(
        store
            .update_totp(
                id,
                None,
                false,
                Some(&failing(AuditAction::SecondFactorReset)),
            )
            .await,
        "audit_events_pkey",
    );
    assert_eq!(store.count_sessions(id).await.unwrap(), 1);

    let rotated = session(id, SessionStage::Active, now());
    assert_conflict(
        store
            .insert_session(
                &rotated,
                Some(&current.token_hash),
                Some(&failing(AuditAction::SecondFactorPassed)),
            )
            .await,
        "audit_events_pkey",
    );
    assert!(
        store
            .find_session(&current.token_hash)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .find_session(&rotated.token_hash)
            .await
            .unwrap()
            .is_none()
    );

    assert_conflict(
        store
            .delete_session(&current.token_hash, Some(&failing(AuditAction::Logout)))
            .await,
        "audit_events_pkey",
    );
    assert!(
        store
            .find_session(&current.token_hash)
            .await
            .unwrap()
            .is_some()
    );

    assert_eq!(audit_of(&store, id).await, [taken]);
}
