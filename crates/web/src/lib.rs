//! otandas web layer: the axum router, server-rendered HTML (askama) and the JSON API.
//!
//! Owns HTTP: extractors, errors and their statuses, cookies, CSRF, language negotiation,
//! security headers. Calls the domain services and nothing else: it must not depend on a
//! store crate or sqlx, and it never decides authorization (services do).

pub mod api;
pub mod context;
pub mod cookies;
pub mod error;
pub mod export;
pub mod extract;
pub mod html;
pub mod i18n;
pub mod import_file;
pub mod mail;
pub mod maps;
pub mod middleware;
pub mod state;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use error::WebError;
pub use state::{AppState, WebConfig};

/// The whole application: pages, API, documentation, health, with the request middleware.
pub fn app(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    Router::new()
        .merge(html::router())
        .merge(api::router())
        .fallback(|| async { WebError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::prepare,
        ))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}
