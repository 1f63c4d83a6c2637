//! Builders of test data shared by the suite and by the store crates' engine-specific tests.

use std::sync::Arc;

use otandas_domain::access::Role;
use otandas_domain::accounts::{
    DisplayName, NewAccount, NewAccountRecord, PasswordHash, Session, SessionStage,
};
use otandas_domain::audit::{AuditAction, AuditEvent, AuditFilter, NewAuditEvent, Purpose};
use otandas_domain::shared::{AccountId, EmailAddress, Language, PageRequest};
use otandas_domain::{Store, StoreError};
use time::OffsetDateTime;
use uuid::Uuid;

/// The current time at the precision both engines store (microseconds).
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .expect("a truncated nanosecond is in range")
}

/// A fake password hash: stores keep hashes opaque, so hashing for real would only slow tests.
pub fn password_hash(tag: &str) -> PasswordHash {
    PasswordHash::from_stored(format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA${tag}"))
}

/// A record for a new account named `name` with a unique email.
pub fn account_record(name: &str, roles: Vec<Role>) -> NewAccountRecord {
    let email = format!("{}@example.kz", Uuid::new_v4().simple());
    NewAccountRecord {
        id: AccountId::new(),
        account: NewAccount {
            email: EmailAddress::parse(&email).expect("valid email"),
            display_name: DisplayName::parse(name).expect("valid name"),
            language: Language::Kk,
            roles,
        },
        password_hash: password_hash("first"),
        totp_secret: None,
        verification: None,
        created_at: now(),
    }
}

/// The audit entry that goes with creating `record`.
pub fn created_event(record: &NewAccountRecord) -> NewAuditEvent {
    account_event(record.id, AuditAction::AccountCreated)
}

/// An entry about `account`, by the system, for account administration.
pub fn account_event(account: AccountId, action: AuditAction) -> NewAuditEvent {
    NewAuditEvent::about_account(now(), None, action, account, Purpose::AccountAdministration)
}

/// Creates an account named `name` with `roles` and returns its record.
pub async fn create_account(
    store: &Arc<dyn Store>,
    name: &str,
    roles: Vec<Role>,
) -> NewAccountRecord {
    let record = account_record(name, roles);
    store
        .insert_account(&record, &created_event(&record))
        .await
        .expect("insert account");
    record
}

/// A new session of `account` in `stage`, started at `at`.
pub fn session(account: AccountId, stage: SessionStage, at: OffsetDateTime) -> Session {
    Session::start(account, stage, at).1
}

/// Starts and stores a fully signed-in session of `account`.
pub async fn start_session(store: &Arc<dyn Store>, account: AccountId) -> Session {
    let session = session(account, SessionStage::Active, now());
    store
        .insert_session(&session, None, None)
        .await
        .expect("insert session");
    session
}

/// Roles in a canonical order, to compare them as sets.
pub fn sorted(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort_by_cached_key(|role| (role.kind().as_str(), role.scope()));
    roles
}

/// Every audit entry matching `filter`, newest first (follows every page).
pub async fn all_audit_events(store: &Arc<dyn Store>, filter: &AuditFilter) -> Vec<AuditEvent> {
    let mut events = Vec::new();
    let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
    loop {
        let got = store
            .list_audit_events(filter, &page)
            .await
            .expect("list audit events");
        events.extend(got.items);
        match got.next {
            Some(key) => page = PageRequest::after(key, PageRequest::MAX_LIMIT),
            None => return events,
        }
    }
}

/// The audit entries about account `id`, newest first.
pub async fn audit_of(store: &Arc<dyn Store>, id: AccountId) -> Vec<AuditEvent> {
    let filter = AuditFilter {
        subject_id: Some(id.to_string()),
        ..AuditFilter::default()
    };
    all_audit_events(store, &filter).await
}

/// The actions of the audit entries about account `id`, oldest first.
pub async fn audited_actions(store: &Arc<dyn Store>, id: AccountId) -> Vec<AuditAction> {
    let mut actions: Vec<_> = audit_of(store, id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    actions.reverse();
    actions
}

/// Asserts that `result` is a conflict on `constraint`.
pub fn assert_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>, constraint: &str) {
    match result {
        Err(StoreError::Conflict { constraint: got }) => assert_eq!(got, constraint),
        other => panic!("expected a conflict on {constraint}, got {other:?}"),
    }
}

/// Asserts that `result` is `NotFound`.
pub fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>) {
    match result {
        Err(StoreError::NotFound) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}
