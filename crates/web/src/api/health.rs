//! `/healthz`: the engine and the migration version, for load balancers and operators.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::WebError;
use crate::state::AppState;

/// Service health.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `migrations_pending` (503) when the schema is behind the binary.
    status: &'static str,
    /// `sqlite` or `postgres`.
    engine: &'static str,
    /// The newest applied migration.
    migration: i64,
    /// Whether every migration the binary knows is applied.
    up_to_date: bool,
    /// The running version.
    version: &'static str,
}

/// Reports the storage engine and migration version.
#[utoipa::path(get, path = "/healthz", tag = "system",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Result<Response, WebError> {
    let health = state.services.health().await?;
    let status = if health.up_to_date {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if health.up_to_date {
            "ok"
        } else {
            "migrations_pending"
        },
        engine: health.engine,
        migration: health.migration,
        up_to_date: health.up_to_date,
        version: env!("CARGO_PKG_VERSION"),
    };
    Ok((status, axum::Json(body)).into_response())
}
