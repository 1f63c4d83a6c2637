//! otandas storage on PostgreSQL: every store trait of `otandas_domain` implemented with sqlx,
//! and the PostgreSQL migrations, which name no schema so that they apply to whichever schema
//! the connection's `search_path` selects.
//!
//! This crate owns SQL for PostgreSQL and nothing else: it must not depend on the web or server
//! crates, nor on the SQLite store. `sqlx::Error` never leaves it; every failure is a
//! `StoreError`.

mod accounts;
mod audit;
mod error;
mod imports;
mod mapping;
mod registry;
mod rows;
mod store;

pub use store::PgStore;
