//! The PostgreSQL store: connection (optionally into one schema), migrations and health.

use std::fmt;
use std::str::FromStr;

use async_trait::async_trait;
use otandas_domain::{Store, StoreError, StoreHealth};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection};

use crate::error::map_err;

/// The migrations of `crates/store-postgres/migrations`, embedded in the binary.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Connections in the pool.
const MAX_CONNECTIONS: u32 = 8;

/// PostgreSQL's identifier length limit.
const MAX_SCHEMA_LEN: usize = 63;

/// A schema name that is not a plain lower-case identifier.
#[derive(Debug)]
struct InvalidSchemaName;

impl fmt::Display for InvalidSchemaName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a schema name must match [a-z_][a-z0-9_]{0,62}")
    }
}

impl std::error::Error for InvalidSchemaName {}

/// Every store of the domain on one PostgreSQL database (and one schema of it).
#[derive(Clone, Debug)]
pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db`), using the schemas of
    /// the role's default `search_path`.
    ///
    /// # Errors
    /// `Other` for a malformed URL; `Unavailable` when the server cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(map_err)?;
        Self::connect_with(options).await
    }

    /// Connects to the database at `url` with every pooled connection working in `schema`
    /// (created if missing): its `search_path` is that schema alone. Used for a fresh schema
    /// per test, and for several instances sharing one database.
    ///
    /// # Errors
    /// `Other` for a malformed URL or a schema name that is not `[a-z_][a-z0-9_]*` (at most 63
    /// characters); `Unavailable` when the server cannot be reached.
    pub async fn connect_in_schema(url: &str, schema: &str) -> Result<Self, StoreError> {
        if !valid_schema_name(schema) {
            return Err(StoreError::other(InvalidSchemaName));
        }
        let options = PgConnectOptions::from_str(url).map_err(map_err)?;
        let mut conn = PgConnection::connect_with(&options)
            .await
            .map_err(map_err)?;
        // The name is validated above: an identifier that needs no quoting, so it is safe to
        // place in the statement (DDL takes no bind parameters).
        let created = sqlx::query(AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}"
        )))
        .execute(&mut conn)
        .await
        .map_err(map_err);
        conn.close().await.map_err(map_err)?;
        created?;
        Self::connect_with(options.options([("search_path", schema)])).await
    }

    async fn connect_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(map_err)?;
        Ok(Self { pool })
    }

    /// Applies the migrations that have not been applied yet, in the current schema.
    ///
    /// # Errors
    /// `Other` when a migration fails or an applied one was changed since.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await.map_err(StoreError::other)
    }

    /// Closes every connection of the pool, waiting for them to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The connection pool, for tests and benchmarks only.
    #[doc(hidden)]
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Whether `schema` is a plain identifier: lower-case ASCII letters, digits and `_`, not
/// starting with a digit, within PostgreSQL's length limit.
fn valid_schema_name(schema: &str) -> bool {
    let mut chars = schema.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && schema.len() <= MAX_SCHEMA_LEN
}

#[async_trait]
impl Store for PgStore {
    async fn health(&self) -> Result<StoreHealth, StoreError> {
        let migrated: bool =
            sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
        let migration: Option<i64> = if migrated {
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?
        } else {
            None
        };
        let migration = migration.unwrap_or_default();
        let newest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or_default();
        Ok(StoreHealth {
            engine: "postgres",
            migration,
            up_to_date: migration == newest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_identifiers_are_accepted_as_schema_names() {
        for good in ["t_0193a1b2c3d4", "otandas", "_private"] {
            assert!(valid_schema_name(good), "{good}");
        }
        for bad in [
            "",
            "1abc",
            "Public",
            "a-b",
            "a b",
            "a;drop",
            "\"x\"",
            &"a".repeat(64),
        ] {
            assert!(!valid_schema_name(bad), "{bad}");
        }
    }
}
