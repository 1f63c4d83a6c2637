//! The store conformance suite on SQLite, plus what only SQLite has: connection settings read
//! back, the audit and consent-ledger triggers, erasure that leaves no trace in the database
//! file, backups with `VACUUM INTO`, and the migration list shared with PostgreSQL. Every test gets a fresh database file in a fresh temporary directory.

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
use otandas_domain::registry::{
    NameInput, PersonFilter, Purpose as ConsentPurpose, RegistryStore, ScopeClause,
};
use otandas_domain::shared::{CountryCode, Language, PageRequest};
use otandas_store_sqlite::SqliteStore;
use otandas_store_tests::Fixture;
use otandas_store_tests::registry::{PersonBuilder, consent, name, person_event};
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
async fn consent_events_cannot_be_updated_or_deleted() {
    with_fixture(|store, _| async move {
        let dyn_store: Arc<dyn Store> = store.clone();
        let record = PersonBuilder::new("Сейтова", "Айгүл")
            .create(&dyn_store)
            .await;

        for statement in [
            "UPDATE consent_events SET granted = 0",
            "DELETE FROM consent_events",
            // Erasing a person deletes their facts, never their ledger.
            "DELETE FROM consent_events WHERE person_id = (SELECT id FROM people)",
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
async fn large_and_small_scopes_list_the_same_people_in_the_same_order_as_a_plain_sort() {
    with_fixture(|store, _| async move {
        // 6000 people, 80 % in RU and 20 % in DE; every seventh withdrew their registry
        // consent later. That leaves 4114 in RU (more than the store's threshold for walking
        // the sort index) and 1029 in DE (fewer: the planner's own choice).
        let mut tx = store.pool().begin().await.unwrap();
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) \
             INSERT INTO people (id, status, ethnicity_state, citizenship_state, kandas_state, \
             source_kind, display_name, sort_kk, sort_ru, sort_uz, sort_en, residence_country, \
             created_at, updated_at) \
             SELECT randomblob(16), 'active', 'not_asked', 'unknown', 'unknown', 'staff', \
             printf('%05d', i), hex(randomblob(3)), '', '', '', \
             CASE WHEN i % 5 = 0 THEN 'DE' ELSE 'RU' END, 0, 0 FROM n",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO consent_events (person_id, purpose_kind, granted, at, channel) \
             SELECT id, 'registry', 1, 1, 'staff' FROM people",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO consent_events (person_id, purpose_kind, granted, at, channel) \
             SELECT id, 'registry', 0, 2, 'staff' FROM people \
             WHERE CAST(display_name AS INTEGER) % 7 = 0",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();

        for (code, expected_count) in [("RU", 4114), ("DE", 1029)] {
            let expected: Vec<String> = sqlx::query_scalar(
                "SELECT display_name FROM people NOT INDEXED WHERE residence_country = ? \
                 AND CAST(display_name AS INTEGER) % 7 != 0 ORDER BY sort_kk, id",
            )
            .bind(code)
            .fetch_all(store.pool())
            .await
            .unwrap();
            assert_eq!(expected.len(), expected_count);

            let filter = PersonFilter::within(
                vec![ScopeClause::HostCountry(CountryCode::parse(code).unwrap())],
                Language::Kk,
            );
            let mut listed = Vec::new();
            let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
            loop {
                let got = store.list_people(&filter, &page).await.unwrap();
                listed.extend(got.items.into_iter().map(|p| p.display_name));
                match got.next {
                    Some(key) => page = PageRequest::after(key, PageRequest::MAX_LIMIT),
                    None => break,
                }
            }
            assert_eq!(listed, expected, "{code}");
        }
    })
    .await;
}

/// Every file of the database: the main file, and the WAL and shared-memory files if present.
fn database_files(dir: &Path) -> Vec<PathBuf> {
    ["otandas.db", "otandas.db-wal", "otandas.db-shm"]
        .iter()
        .map(|name| dir.join(name))
        .filter(|path| path.exists())
        .collect()
}

/// Whether `needle` occurs anywhere in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[tokio::test]
async fn an_erased_person_leaves_no_trace_in_the_database_files() {
    with_fixture(|store, dir| async move {
        let dyn_store: Arc<dyn Store> = store.clone();
        let canary = format!("CANARY{}", Uuid::new_v4().simple());
        let tagged = |what: &str| format!("{canary}{what}");

        // Someone else stays, so the pages are shared with live data, not simply freed.
        for family in ["Абаев", "Бекова", "Ғабитов"] {
            PersonBuilder::new(family, "Ерлан")
                .with(|i| i.birth_place = "Шымкент".into())
                .create(&dyn_store)
                .await;
        }
        let (given, family, place) = (tagged("given"), tagged("family"), tagged("place"));
        let (email, city, key) = (
            format!("{}@example.kz", tagged("mail").to_lowercase()),
            tagged("city"),
            tagged("key"),
        );
        let qualification = tagged("qualification");
        let record = PersonBuilder::new(&family, &given)
            .with(|i| {
                i.names.push(NameInput {
                    patronymic: tagged("patronymic"),
                    script: "Latn".into(),
                    source: "passport".into(),
                    ..name(&tagged("latin"), "Zhanar")
                });
                i.birth_place = place.clone();
                i.email = email.clone();
                i.phone = "+77011234567".into();
                i.residence_country = "DE".into();
                i.residence_region = tagged("region");
                i.residence_city = city.clone();
                i.qualifications = vec![qualification.clone()];
                i.source_kind = "consulate".into();
                i.source_key = key.clone();
            })
            .create(&dyn_store)
            .await;
        // An update leaves the earlier version of the row behind in freed space too.
        let mut facts = record.facts.clone();
        facts.phone = Some("+77017654321".into());
        dyn_store
            .update_person(
                record.id,
                1,
                &facts,
                &[],
                now(),
                &person_event(record.id, AuditAction::PersonUpdated),
            )
            .await
            .unwrap();
        dyn_store
            .insert_consent_event(
                record.id,
                &consent(ConsentPurpose::Matching, true, now()),
                &person_event(record.id, AuditAction::ConsentGranted),
            )
            .await
            .unwrap();

        let before: Vec<u8> = database_files(&dir)
            .iter()
            .flat_map(|path| std::fs::read(path).unwrap())
            .collect();
        assert!(
            contains(&before, canary.as_bytes()),
            "the canary is written before erasure (else the test proves nothing)"
        );

        dyn_store
            .erase_person(
                record.id,
                now(),
                &person_event(record.id, AuditAction::PersonErased),
            )
            .await
            .unwrap();
        let needles = [canary.as_str(), "+77011234567", "+77017654321"];
        let assert_gone = |when: &str| {
            for path in database_files(&dir) {
                let bytes = std::fs::read(&path).unwrap();
                for needle in needles {
                    assert!(
                        !contains(&bytes, needle.as_bytes()),
                        "{needle} survives erasure in {} ({when})",
                        path.display()
                    );
                }
            }
        };
        // The store checkpoints and truncates the WAL itself after an erasure.
        assert_gone("while the store is open");

        // And once every page is in the main file and the store is closed.
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(busy, 0, "the checkpoint completed");
        store.close().await;
        assert_gone("after a checkpoint and closing");

        let reopened = SqliteStore::connect(&url(&dir.join("otandas.db")))
            .await
            .unwrap();
        assert!(reopened.get_person(record.id).await.is_err());
        assert_eq!(
            reopened.list_consent_events(record.id).await.unwrap().len(),
            2,
            "the ledger survives"
        );
        reopened.close().await;
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
