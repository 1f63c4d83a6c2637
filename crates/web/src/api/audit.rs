//! The audit log in the API, for auditors.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::error::WebError;
use crate::extract::{CurrentUser, Query, ReqId};
use crate::html::AuditQuery;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/audit-events", get(list_events))
}

/// One audit entry: who, what, when, subject, purpose — never values.
#[derive(Serialize, ToSchema)]
pub struct AuditEventDto {
    id: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    at: OffsetDateTime,
    actor: Option<String>,
    action: &'static str,
    subject_kind: &'static str,
    subject_id: Option<String>,
    purpose: &'static str,
    request_id: Option<String>,
}

/// A page of audit entries, newest first.
#[derive(Serialize, ToSchema)]
pub struct AuditEventList {
    items: Vec<AuditEventDto>,
    /// Pass as `after` for the next page.
    next: Option<String>,
}

/// Lists audit entries (auditors). Filters: `action`, `actor`, `subject`, `from`, `until`
/// (YYYY-MM-DD, inclusive), `after`, `limit`.
#[utoipa::path(get, path = "/api/v1/audit-events", tag = "audit",
    params(
        ("action" = Option<String>, Query), ("actor" = Option<String>, Query), ("subject" = Option<String>, Query),
        ("from" = Option<String>, Query), ("until" = Option<String>, Query), ("after" = Option<String>, Query),
        ("limit" = Option<u32>, Query)
    ),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = AuditEventList), (status = 403, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn list_events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Query(q): Query<AuditQuery>,
) -> Result<axum::Json<AuditEventList>, WebError> {
    let (filter, page) = q.parse().map_err(WebError::Invalid)?;
    let events = state
        .services
        .audit
        .list_events(&user.actor, &filter, &page, Some(request_id))
        .await?;
    Ok(axum::Json(AuditEventList {
        items: events
            .items
            .iter()
            .map(|e| AuditEventDto {
                id: e.id.to_string(),
                at: e.at,
                actor: e.actor.map(|a| a.to_string()),
                action: e.action.as_str(),
                subject_kind: e.subject_kind.as_str(),
                subject_id: e.subject_id.clone(),
                purpose: e.purpose.as_str(),
                request_id: e.request_id.map(|r| r.to_string()),
            })
            .collect(),
        next: events.next.map(|k| k.encode()),
    }))
}
