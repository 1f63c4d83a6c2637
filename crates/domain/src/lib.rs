//! otandas domain: the types, rules and services of the platform, and the store traits
//! ("ports") that the store crates implement.
//!
//! This crate does no I/O and must not depend on axum, sqlx, askama or serde: the compiler keeps
//! HTTP and SQL out. One module per capability; every capability has the same inside
//! (`<entity>.rs`, `store.rs`, `service.rs`, `error.rs`).

pub mod access;
pub mod accounts;
pub mod audit;
pub mod categories;
pub mod codes;
pub mod disclosure;
pub mod imports;
pub mod mapping;
pub mod registry;
pub mod services;
pub mod shared;
pub mod store;

pub use services::Services;
pub use store::{Store, StoreError, StoreHealth};
