//! The web layer's integration tests: one binary, a module per area. Every test drives the real
//! router in process against a fresh SQLite database.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::missing_panics_doc,
    reason = "test code"
)]

mod access;
mod api;
mod auth;
mod i18n;
mod imports;
mod mapping;
mod pages;
mod registry;
mod signup;
mod support;
