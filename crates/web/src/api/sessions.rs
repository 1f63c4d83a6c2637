//! API sign-in: a bearer token, with the second factor as a second call for staff.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::WebError;
use crate::extract::{Client, Json, ReqId, Sess};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/sessions", post(create_session))
        .route("/api/v1/sessions/second-factor", post(second_factor))
        .route(
            "/api/v1/sessions/current",
            axum::routing::delete(delete_session),
        )
}

/// Credentials.
#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    email: String,
    password: String,
}

/// A session token and what is still due.
#[derive(Serialize, ToSchema)]
pub struct SessionResponse {
    /// Send as `Authorization: Bearer <token>`.
    token: String,
    /// `active`, `awaiting_second_factor` (call `/api/v1/sessions/second-factor`), or
    /// `enrolling_second_factor` (enrol in the web console first).
    stage: &'static str,
}

/// A second-factor code.
#[derive(Deserialize, ToSchema)]
pub struct CodeRequest {
    code: String,
}

/// Signs in with email and password.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = LoginRequest,
    responses((status = 201, body = SessionResponse), (status = 401, body = super::ErrorEnvelope), (status = 429, body = super::ErrorEnvelope)))]
pub async fn create_session(
    State(state): State<AppState>,
    Client(client): Client,
    ReqId(request_id): ReqId,
    Json(body): Json<LoginRequest>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .accounts
        .login(&body.email, &body.password, &client, None, Some(request_id))
        .await?;
    let body = SessionResponse {
        token: outcome.token.as_ref().to_owned(),
        stage: outcome.stage.as_str(),
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// Completes sign-in with a TOTP code; returns a new token (the old one ends).
#[utoipa::path(post, path = "/api/v1/sessions/second-factor", tag = "sessions", request_body = CodeRequest,
    security(("bearer" = [])),
    responses((status = 201, body = SessionResponse), (status = 401, body = super::ErrorEnvelope)))]
pub async fn second_factor(
    State(state): State<AppState>,
    Sess(session): Sess,
    ReqId(request_id): ReqId,
    Json(body): Json<CodeRequest>,
) -> Result<Response, WebError> {
    let token = session.token.ok_or(WebError::Unauthenticated)?;
    let token = state
        .services
        .accounts
        .verify_second_factor(&token, &body.code, Some(request_id))
        .await?;
    let body = SessionResponse {
        token: token.as_ref().to_owned(),
        stage: "active",
    };
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// Signs out: the token stops working.
#[utoipa::path(delete, path = "/api/v1/sessions/current", tag = "sessions", security(("bearer" = [])),
    responses((status = 204)))]
pub async fn delete_session(
    State(state): State<AppState>,
    Sess(session): Sess,
    ReqId(request_id): ReqId,
) -> Result<StatusCode, WebError> {
    if let Some(token) = session.token {
        state
            .services
            .accounts
            .logout(&token, Some(request_id))
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
