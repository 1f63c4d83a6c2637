//! Health: the engine answers and its schema is up to date.

use std::sync::Arc;

use otandas_domain::Store;

/// The first migration shared by both engines; every later one has a larger version.
const FIRST_MIGRATION: i64 = 20_261_123_000_001;

/// A migrated store reports its engine, a migration version and that it is up to date.
pub async fn health_reports_the_engine_and_an_up_to_date_schema(store: Arc<dyn Store>) {
    let health = store.health().await.unwrap();
    assert!(
        ["sqlite", "postgres"].contains(&health.engine),
        "{}",
        health.engine
    );
    assert!(health.migration > FIRST_MIGRATION, "{}", health.migration);
    assert!(health.up_to_date);
}
