//! The SQLite store: connection setup and its verification, migrations, backups and health.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use otandas_domain::{Store, StoreError, StoreHealth};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::map_err;

/// The migrations of `crates/store-sqlite/migrations`, embedded in the binary.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// How long a statement waits for a lock held by another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections in the pool. SQLite serializes writers, so a few suffice for concurrent readers.
const MAX_CONNECTIONS: u32 = 4;

/// The connection settings as read back from the database after connecting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqliteSettings {
    /// `PRAGMA journal_mode`: `wal`.
    pub journal_mode: String,
    /// `PRAGMA foreign_keys`: on.
    pub foreign_keys: bool,
    /// `PRAGMA secure_delete`: on, so deleted personal data is overwritten, not left in free pages.
    pub secure_delete: bool,
    /// `PRAGMA busy_timeout`.
    pub busy_timeout: Duration,
    /// `PRAGMA synchronous`: `normal` (safe with WAL; a power cut may lose the last commits).
    pub synchronous: String,
}

/// A connection setting that did not take effect.
#[derive(Debug)]
struct SettingRefused {
    setting: &'static str,
    expected: String,
    actual: String,
}

impl fmt::Display for SettingRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SQLite setting {} is {:?}, expected {:?} (WAL needs a database file, not :memory:)",
            self.setting, self.actual, self.expected
        )
    }
}

impl std::error::Error for SettingRefused {}

/// Refuses to overwrite an existing file with a backup.
#[derive(Debug)]
struct BackupTargetExists;

impl fmt::Display for BackupTargetExists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the backup target already exists")
    }
}

impl std::error::Error for BackupTargetExists {}

/// Every store of the domain on one SQLite database.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    settings: SqliteSettings,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://path/to.db?mode=rwc`), sets
    /// up every connection (WAL, foreign keys, 5 s busy timeout, `synchronous=NORMAL`,
    /// `secure_delete`) and checks that the settings took effect.
    ///
    /// # Errors
    /// `Other` for a malformed URL, a file that cannot be opened or created, or a setting the
    /// database refused (an in-memory database cannot use WAL).
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(map_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            .synchronous(SqliteSynchronous::Normal)
            .pragma("secure_delete", "ON");
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(map_err)?;
        let settings = match read_settings(&pool).await {
            Ok(settings) => settings,
            Err(error) => {
                pool.close().await;
                return Err(error);
            }
        };
        Ok(Self { pool, settings })
    }

    /// The connection settings read back after connecting.
    pub fn settings(&self) -> &SqliteSettings {
        &self.settings
    }

    /// Applies the migrations that have not been applied yet.
    ///
    /// # Errors
    /// `Other` when a migration fails or an applied one was changed since.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await.map_err(StoreError::other)
    }

    /// Writes a consistent copy of the database to `path` with `VACUUM INTO`, while the store
    /// stays in use.
    ///
    /// # Errors
    /// `Other` when `path` exists (a backup never overwrites), is not UTF-8, or cannot be written.
    pub async fn backup_to(&self, path: &Path) -> Result<(), StoreError> {
        if path.try_exists().map_err(StoreError::other)? {
            return Err(StoreError::other(BackupTargetExists));
        }
        let target = path.to_str().ok_or_else(|| {
            StoreError::other(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "backup path is not UTF-8",
            ))
        })?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    /// Closes every connection of the pool, waiting for them to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The connection pool, for tests and benchmarks only.
    #[doc(hidden)]
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// Reads the settings back from one connection and checks them.
async fn read_settings(pool: &SqlitePool) -> Result<SqliteSettings, StoreError> {
    let mut conn = pool.acquire().await.map_err(map_err)?;
    let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
    let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
    let busy_timeout_ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .map_err(map_err)?;
    let settings = SqliteSettings {
        journal_mode: journal_mode.to_lowercase(),
        foreign_keys: foreign_keys == 1,
        secure_delete: secure_delete == 1,
        busy_timeout: Duration::from_millis(u64::try_from(busy_timeout_ms).unwrap_or_default()),
        synchronous: match synchronous {
            0 => "off",
            1 => "normal",
            2 => "full",
            3 => "extra",
            _ => "unknown",
        }
        .to_owned(),
    };
    let checks = [
        (
            "journal_mode",
            "wal".to_owned(),
            settings.journal_mode.clone(),
        ),
        ("foreign_keys", "1".to_owned(), foreign_keys.to_string()),
        ("secure_delete", "1".to_owned(), secure_delete.to_string()),
        (
            "busy_timeout",
            BUSY_TIMEOUT.as_millis().to_string(),
            busy_timeout_ms.to_string(),
        ),
        (
            "synchronous",
            "normal".to_owned(),
            settings.synchronous.clone(),
        ),
    ];
    for (setting, expected, actual) in checks {
        if expected != actual {
            return Err(StoreError::other(SettingRefused {
                setting,
                expected,
                actual,
            }));
        }
    }
    Ok(settings)
}

#[async_trait]
impl Store for SqliteStore {
    async fn health(&self) -> Result<StoreHealth, StoreError> {
        let migrated: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
        )
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
            engine: "sqlite",
            migration,
            up_to_date: migration == newest,
        })
    }
}
