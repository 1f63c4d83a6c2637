//! otandas storage on SQLite: every store trait of `otandas_domain` implemented with sqlx, the
//! SQLite migrations, connection setup (WAL, foreign keys, busy timeout, secure delete) and
//! online backups.
//!
//! This crate owns SQL for SQLite and nothing else: it must not depend on the web or server
//! crates, nor on the PostgreSQL store. `sqlx::Error` never leaves it; every failure is a
//! `StoreError`.

mod accounts;
mod audit;
mod error;
mod imports;
mod mapping;
mod registry;
mod rows;
mod store;

pub use store::{SqliteSettings, SqliteStore};
