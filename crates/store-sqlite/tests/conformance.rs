//! The store conformance suite on SQLite, plus what only SQLite has: connection settings read
//! back, the audit triggers, backups with `VACUUM INTO`, and the migration list shared with
//! PostgreSQL. Every test gets a fresh database file in a fresh temporary directory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::accounts::AccountStore;
use otandas_domain::audit::{
    AuditAction, AuditFilter, AuditStore, NewAuditEvent, Purpose, SubjectKind,
};
use otandas_domain::shared::PageRequest;
use otandas_store_sqlite::SqliteStore;
use otandas_store_tests::Fixture;
use otandas_store_tests::support::{create_account, now};
use uuid::Uuid;

/// A migrated store on a database file in its own temporary directory.
struct SqliteFixture {
    store: Arc<SqliteStore>,
    dir: PathBuf,
}

impl SqliteFixture {
    async fn new() -> Self {
        let dir =
            std::env::temp_dir().join(format!("otandas-store-sqlite-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = SqliteStore::connect(&url(&dir.join("otandas.db")))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        Self {
            store: Arc::new(store),
            dir,
        }
    }
}

impl Fixture for SqliteFixture {
    fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    async fn teardown(self) {
        self.store.close().await;
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

async fn fixture() -> Option<SqliteFixture> {
    Some(SqliteFixture::new().await)
}

otandas_store_tests::conformance_suite!(fixture().await);

/// Runs an engine-specific test body against a fresh fixture, tearing it down afterwards.
async fn with_fixture<F, Fut>(test: F)
where
    F: FnOnce(Arc<SqliteStore>, PathBuf) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let fixture = SqliteFixture::new().await;
    let (store, dir) = (Arc::clone(&fixture.store), fixture.dir.clone());
    otandas_store_tests::run(Some(fixture), move |_| test(store, dir)).await;
}

#[tokio::test]
async fn connection_settings_are_read_back_as_set() {
    with_fixture(|store, _| async move {
        let settings = store.settings();
        assert_eq!(settings.journal_mode, "wal");
        assert!(settings.foreign_keys);
        assert!(settings.secure_delete);
        assert_eq!(settings.busy_timeout, std::time::Duration::from_secs(5));
        assert_eq!(settings.synchronous, "normal");
        // And on every pooled connection, not only the one checked at connect time.
        let mut conns = Vec::new();
        for _ in 0..3 {
            conns.push(store.pool().acquire().await.unwrap());
        }
        for conn in &mut conns {
            let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            let sd: i64 = sqlx::query_scalar("PRAGMA secure_delete")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!((fk, sd), (1, 1));
        }
    })
    .await;
}

#[tokio::test]
async fn an_in_memory_database_is_refused_because_it_cannot_use_wal() {
    let error = SqliteStore::connect("sqlite::memory:").await.unwrap_err();
    assert!(error.to_string().contains("journal_mode"), "{error}");
}

#[tokio::test]
async fn audit_events_cannot_be_updated_or_deleted() {
    with_fixture(|store, _| async move {
        let event = NewAuditEvent::new(
            now(),
            None,
            AuditAction::LoginFailed,
            SubjectKind::Account,
            None,
            Purpose::Authentication,
        );
        store.insert_audit_event(&event).await.unwrap();

        let update = sqlx::query("UPDATE audit_events SET action = 'login_succeeded'")
            .execute(store.pool())
            .await
            .unwrap_err();
        assert!(
            update.to_string().contains("audit_events is append-only"),
            "{update}"
        );
        let delete = sqlx::query("DELETE FROM audit_events")
            .execute(store.pool())
            .await
            .unwrap_err();
        assert!(
            delete.to_string().contains("audit_events is append-only"),
            "{delete}"
        );
        let delete_one = sqlx::query("DELETE FROM audit_events WHERE id = ?")
            .bind(event.id.as_uuid())
            .execute(store.pool())
            .await;
        assert!(delete_one.is_err());

        let listed = store
            .list_audit_events(&AuditFilter::default(), &PageRequest::first(10))
            .await
            .unwrap();
        assert_eq!(listed.items, [event]);
    })
    .await;
}

#[tokio::test]
async fn a_backup_opens_as_a_database_with_the_accounts() {
    with_fixture(|store, dir| async move {
        let dyn_store: Arc<dyn Store> = store.clone();
        let first = create_account(&dyn_store, "Ахмет", vec![]).await;
        let second = create_account(&dyn_store, "Әлия", vec![]).await;

        let target = dir.join("backup.db");
        store.backup_to(&target).await.unwrap();
        assert!(
            store.backup_to(&target).await.is_err(),
            "a backup never overwrites a file"
        );

        let copy = SqliteStore::connect(&url(&target)).await.unwrap();
        assert!(copy.health().await.unwrap().up_to_date);
        assert_eq!(
            copy.get_account(first.id).await.unwrap().display_name,
            first.account.display_name
        );
        assert_eq!(
            copy.get_account(second.id).await.unwrap().email,
            second.account.email
        );
        copy.close().await;
    })
    .await;
}

#[tokio::test]
async fn an_unmigrated_database_reports_that_it_is_not_up_to_date() {
    let dir =
        std::env::temp_dir().join(format!("otandas-store-sqlite-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = SqliteStore::connect(&url(&dir.join("fresh.db")))
        .await
        .unwrap();
    let health = store.health().await.unwrap();
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        (health.engine, health.migration, health.up_to_date),
        ("sqlite", 0, false)
    );
}

#[test]
fn both_engines_have_the_same_migration_file_stems() {
    let stems = |dir: PathBuf| {
        let mut stems: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        stems.sort();
        stems
    };
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sqlite = stems(manifest.join("migrations"));
    let postgres = stems(manifest.join("../store-postgres/migrations"));
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}
