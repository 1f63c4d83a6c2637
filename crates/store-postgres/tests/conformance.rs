//! The store conformance suite on PostgreSQL, plus what only PostgreSQL has: the audit and
//! consent-ledger triggers (including TRUNCATE) and migrations that work in any schema.
//!
//! Runs only when `OTANDAS_TEST_POSTGRES_URL` is set; each test migrates a fresh schema
//! `t_<uuid>` and drops it afterwards. Unset, the tests print a skip note and pass, unless
//! `OTANDAS_TEST_POSTGRES_REQUIRED=1` (as in CI), where they fail.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::accounts::AccountStore;
use otandas_domain::audit::{
    AuditAction, AuditFilter, AuditStore, NewAuditEvent, Purpose, SubjectKind,
};
use otandas_domain::registry::RegistryStore;
use otandas_domain::shared::PageRequest;
use otandas_store_postgres::PgStore;
use otandas_store_tests::Fixture;
use otandas_store_tests::registry::PersonBuilder;
use otandas_store_tests::support::{create_account, now};
use uuid::Uuid;

/// The server to test against, or `None` to skip (panics when PostgreSQL is required).
fn postgres_url() -> Option<String> {
    match std::env::var("OTANDAS_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("OTANDAS_TEST_POSTGRES_REQUIRED").as_deref() != Ok("1"),
                "OTANDAS_TEST_POSTGRES_REQUIRED=1 but OTANDAS_TEST_POSTGRES_URL is not set"
            );
            eprintln!("skipped: set OTANDAS_TEST_POSTGRES_URL to run the PostgreSQL store tests");
            None
        }
    }
}

/// A store in a fresh schema, migrated unless asked otherwise.
struct PgFixture {
    store: Arc<PgStore>,
    schema: String,
}

impl PgFixture {
    async fn new(url: &str, migrate: bool) -> Self {
        let schema = format!("t_{}", Uuid::new_v4().simple());
        let store = PgStore::connect_in_schema(url, &schema).await.unwrap();
        if migrate {
            store.migrate().await.unwrap();
        }
        Self {
            store: Arc::new(store),
            schema,
        }
    }
}

impl Fixture for PgFixture {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    async fn teardown(self) {
        let drop = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema);
        if let Err(error) = sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(self.store.pool())
            .await
        {
            eprintln!("could not drop schema {}: {error}", self.schema);
        }
        self.store.close().await;
    }
}

async fn fixture() -> Option<PgFixture> {
    let url = postgres_url()?;
    Some(PgFixture::new(&url, true).await)
}

otandas_store_tests::conformance_suite!(fixture().await);

/// Runs an engine-specific test body against a fresh fixture, tearing it down afterwards.
async fn with_fixture<F, Fut>(migrate: bool, test: F)
where
    F: FnOnce(Arc<PgStore>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(url) = postgres_url() else {
        return;
    };
    let fixture = PgFixture::new(&url, migrate).await;
    let store = Arc::clone(&fixture.store);
    otandas_store_tests::run(Some(fixture), move |_| test(store)).await;
}

#[tokio::test]
async fn audit_events_cannot_be_updated_deleted_or_truncated() {
    with_fixture(true, |store| async move {
        let event = NewAuditEvent::new(
            now(),
            None,
            AuditAction::LoginFailed,
            SubjectKind::Account,
            None,
            Purpose::Authentication,
        );
        store.insert_audit_event(&event).await.unwrap();

        for statement in [
            "UPDATE audit_events SET action = 'login_succeeded'",
            "DELETE FROM audit_events",
            "TRUNCATE audit_events",
            // Statements that match no row are refused too.
            "DELETE FROM audit_events WHERE FALSE",
        ] {
            let error = sqlx::query(statement)
                .execute(store.pool())
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("audit_events is append-only"),
                "{statement}: {error}"
            );
        }

        let listed = store
            .list_audit_events(&AuditFilter::default(), &PageRequest::first(10))
            .await
            .unwrap();
        assert_eq!(listed.items, [event]);
    })
    .await;
}

#[tokio::test]
async fn consent_events_cannot_be_updated_deleted_or_truncated() {
    with_fixture(true, |store| async move {
        let dyn_store: Arc<dyn Store> = store.clone();
        let record = PersonBuilder::new("Сейтова", "Айгүл")
            .create(&dyn_store)
            .await;

        for statement in [
            "UPDATE consent_events SET granted = FALSE",
            "DELETE FROM consent_events",
            "TRUNCATE consent_events",
            // Statements that match no row are refused too.
            "DELETE FROM consent_events WHERE FALSE",
        ] {
            let error = sqlx::query(statement)
                .execute(store.pool())
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("consent_events is append-only"),
                "{statement}: {error}"
            );
        }
        assert_eq!(
            store.list_consent_events(record.id).await.unwrap(),
            record.consents
        );
    })
    .await;
}

#[tokio::test]
async fn schemas_are_isolated_from_each_other() {
    with_fixture(true, |first| async move {
        let url = postgres_url().unwrap();
        let second = PgFixture::new(&url, true).await;
        let first_dyn: Arc<dyn Store> = first.clone();
        let record = create_account(&first_dyn, "Ахмет", vec![]).await;

        let seen = second.store.get_account(record.id).await;
        assert!(seen.is_err(), "the other schema sees no account");
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'accounts' \
             AND table_schema = ANY($1) ORDER BY 1",
        )
        .bind(vec![second.schema.clone()])
        .fetch_all(first.pool())
        .await
        .unwrap();
        assert_eq!(tables, [second.schema.as_str()]);
        second.teardown().await;
    })
    .await;
}

#[tokio::test]
async fn an_unmigrated_schema_reports_that_it_is_not_up_to_date() {
    with_fixture(false, |store| async move {
        let health = store.health().await.unwrap();
        assert_eq!(
            (health.engine, health.migration, health.up_to_date),
            ("postgres", 0, false)
        );
        store.migrate().await.unwrap();
        assert!(store.health().await.unwrap().up_to_date);
    })
    .await;
}

#[tokio::test]
async fn a_schema_name_that_is_not_a_plain_identifier_is_refused() {
    let Some(url) = postgres_url() else {
        return;
    };
    for bad in ["Public", "x; DROP TABLE accounts", "1t", ""] {
        assert!(
            PgStore::connect_in_schema(&url, bad).await.is_err(),
            "{bad}"
        );
    }
}
