//! Picks the store from the database URL's scheme and runs the engine-specific operations
//! (migrations, backups).

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use otandas_domain::Store;
use otandas_store_postgres::PgStore;
use otandas_store_sqlite::SqliteStore;

/// The concrete store behind the services.
pub enum Backend {
    /// Embedded SQLite.
    Sqlite(Arc<SqliteStore>),
    /// PostgreSQL.
    Postgres(Arc<PgStore>),
}

impl Backend {
    /// Connects to the database the URL names.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            let store = SqliteStore::connect(url)
                .await
                .context("opening the SQLite database")?;
            Ok(Self::Sqlite(Arc::new(store)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let store = PgStore::connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Self::Postgres(Arc::new(store)))
        } else {
            bail!("unsupported database URL: use sqlite://… or postgres://…")
        }
    }

    /// The store as the services take it.
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(s) => s.clone(),
            Self::Postgres(s) => s.clone(),
        }
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(s) => s.migrate().await.context("migrating SQLite"),
            Self::Postgres(s) => s.migrate().await.context("migrating PostgreSQL"),
        }
    }

    /// Writes a consistent copy of the database to `out` (SQLite), or explains how to back up
    /// PostgreSQL with its own tools.
    pub async fn backup(&self, out: &Path, redacted_url: &str) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(s) => {
                if out.exists() {
                    bail!("{} exists; choose a new file", out.display());
                }
                s.backup_to(out).await.context("backing up")?;
                println!("backup written to {}", out.display());
                Ok(())
            }
            Self::Postgres(_) => {
                println!(
                    "PostgreSQL is backed up with its own tools, which keep a consistent snapshot while otandas runs:"
                );
                println!(
                    "  pg_dump --format=custom --file={} '{redacted_url}'",
                    out.display()
                );
                println!("Restore into an empty database with:");
                println!(
                    "  pg_restore --clean --if-exists --dbname='<database url>' {}",
                    out.display()
                );
                println!(
                    "For point-in-time recovery, enable WAL archiving (see the PostgreSQL manual, 'Continuous Archiving')."
                );
                Ok(())
            }
        }
    }
}
