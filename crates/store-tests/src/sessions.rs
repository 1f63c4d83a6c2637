//! Sessions: stored by token hash, moved through the login stages, rotated, purged.

use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::accounts::{SessionStage, SessionToken};
use otandas_domain::audit::AuditAction;
use otandas_domain::shared::AccountId;
use time::Duration;

use crate::support::{
    account_event, assert_conflict, assert_not_found, audited_actions, create_account, now, session,
};

/// A session reads back as stored, changes stage, records its use, and is gone once deleted.
pub async fn a_session_reads_back_and_moves_through_stages(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let started = now() - Duration::minutes(3);
    let mut stored = session(record.id, SessionStage::AwaitingSecondFactor, started);
    store.insert_session(&stored, None, None).await.unwrap();
    assert_eq!(
        store.find_session(&stored.token_hash).await.unwrap(),
        Some(stored.clone())
    );

    store
        .update_session_stage(&stored.token_hash, SessionStage::Active)
        .await
        .unwrap();
    let used = now();
    store.touch_session(&stored.token_hash, used).await.unwrap();
    stored.stage = SessionStage::Active;
    stored.last_seen_at = used;
    assert_eq!(
        store.find_session(&stored.token_hash).await.unwrap(),
        Some(stored.clone())
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 1);

    store
        .delete_session(
            &stored.token_hash,
            Some(&account_event(record.id, AuditAction::Logout)),
        )
        .await
        .unwrap();
    assert!(
        store
            .find_session(&stored.token_hash)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 0);
    assert_eq!(
        audited_actions(&store, record.id).await,
        [AuditAction::AccountCreated, AuditAction::Logout]
    );

    // Gone sessions: a stage change is NotFound; touching or deleting again is harmless.
    let unknown = SessionToken::generate().hash();
    assert_not_found(
        store
            .update_session_stage(&unknown, SessionStage::Active)
            .await,
    );
    store.touch_session(&unknown, now()).await.unwrap();
    store
        .delete_session(&stored.token_hash, None)
        .await
        .unwrap();
    assert!(store.find_session(&unknown).await.unwrap().is_none());
}

/// A new session that replaces another (rotation at login) deletes it in the same change.
pub async fn rotating_a_session_removes_the_old_one(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let old = session(record.id, SessionStage::AwaitingSecondFactor, now());
    store.insert_session(&old, None, None).await.unwrap();

    let new = session(record.id, SessionStage::Active, now());
    store
        .insert_session(
            &new,
            Some(&old.token_hash),
            Some(&account_event(record.id, AuditAction::SecondFactorPassed)),
        )
        .await
        .unwrap();
    assert!(store.find_session(&old.token_hash).await.unwrap().is_none());
    assert_eq!(
        store.find_session(&new.token_hash).await.unwrap(),
        Some(new)
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 1);
    assert_eq!(
        audited_actions(&store, record.id).await,
        [AuditAction::AccountCreated, AuditAction::SecondFactorPassed]
    );
}

/// Sessions past their absolute lifetime or idle too long are purged; the others stay.
pub async fn expired_sessions_are_purged(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let t = now();
    let mut too_old = session(record.id, SessionStage::Active, t - Duration::hours(13));
    too_old.last_seen_at = t - Duration::minutes(1);
    let mut idle = session(record.id, SessionStage::Active, t - Duration::hours(2));
    idle.last_seen_at = t - Duration::minutes(31);
    let mut fresh = session(record.id, SessionStage::Active, t - Duration::hours(2));
    fresh.last_seen_at = t - Duration::minutes(29);
    // Exactly at the cutoffs is not yet expired (the bounds are exclusive).
    let mut at_bounds = session(record.id, SessionStage::Active, t - Duration::hours(12));
    at_bounds.last_seen_at = t - Duration::minutes(30);
    for s in [&too_old, &idle, &fresh, &at_bounds] {
        store.insert_session(s, None, None).await.unwrap();
    }

    let purged = store
        .delete_expired_sessions(t - Duration::hours(12), t - Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(purged, 2);
    assert!(
        store
            .find_session(&too_old.token_hash)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_session(&idle.token_hash)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_session(&fresh.token_hash)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .find_session(&at_bounds.token_hash)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store
            .delete_expired_sessions(t - Duration::hours(12), t - Duration::minutes(30))
            .await
            .unwrap(),
        0
    );
}

/// A session for an account that does not exist is refused by `sessions_account_id_fkey`.
pub async fn a_session_for_an_unknown_account_is_a_conflict(store: Arc<dyn Store>) {
    let orphan = session(AccountId::new(), SessionStage::Active, now());
    assert_conflict(
        store.insert_session(&orphan, None, None).await,
        "sessions_account_id_fkey",
    );
    assert!(
        store
            .find_session(&orphan.token_hash)
            .await
            .unwrap()
            .is_none()
    );
}
