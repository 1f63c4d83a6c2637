//! The audit log in the console, for auditors.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use otandas_domain::accounts::ConsoleAccess;
use otandas_domain::audit::{AuditAction, AuditFilter};
use otandas_domain::shared::{PageRequest, ValidationError, ValidationErrors};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::util::{SelectOption, encode, page};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Query, ReqId};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/console/audit", get(list_events))
}

/// The audit filter as typed; shared with the API.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AuditQuery {
    /// Action name.
    #[serde(default)]
    pub action: String,
    /// Actor account id.
    #[serde(default)]
    pub actor: String,
    /// Subject id.
    #[serde(default)]
    pub subject: String,
    /// First day (YYYY-MM-DD), inclusive.
    #[serde(default)]
    pub from: String,
    /// Last day (YYYY-MM-DD), inclusive.
    #[serde(default)]
    pub until: String,
    /// Paging key.
    #[serde(default)]
    pub after: Option<String>,
    /// Page size.
    #[serde(default)]
    pub limit: Option<u32>,
}

fn parse_day(field: &'static str, raw: &str) -> Result<Option<OffsetDateTime>, ValidationError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(raw.trim(), format_description!("[year]-[month]-[day]"))
        .map(|d| Some(d.midnight().assume_utc()))
        .map_err(|_| ValidationError::Malformed { field })
}

impl AuditQuery {
    /// Parses the filter and page, collecting every error.
    ///
    /// # Errors
    /// Every malformed field.
    pub fn parse(&self) -> Result<(AuditFilter, PageRequest), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let action = match self.action.trim() {
            "" => None,
            raw => errors.collect(
                AuditAction::parse(raw).ok_or(ValidationError::Unknown { field: "action" }),
            ),
        };
        let actor = match self.actor.trim() {
            "" => None,
            raw => errors.collect(
                raw.parse()
                    .map_err(|_| ValidationError::Malformed { field: "actor" }),
            ),
        };
        let from = errors.collect(parse_day("from", &self.from)).flatten();
        let until = errors
            .collect(parse_day("until", &self.until))
            .flatten()
            .map(|d| d + Duration::days(1));
        let page = errors.collect(PageRequest::from_parts(self.after.as_deref(), self.limit));
        let subject_id = Some(self.subject.trim().to_owned()).filter(|s| !s.is_empty());
        errors.into_result()?;
        Ok((
            AuditFilter {
                actor,
                subject_id,
                action,
                from,
                until,
            },
            page.unwrap_or_default(),
        ))
    }
}

struct Row {
    at: String,
    actor: String,
    action: String,
    action_code: &'static str,
    subject: String,
    purpose: String,
    request: String,
}

#[derive(Template)]
#[template(path = "console/audit_page.html")]
struct AuditPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    filter: AuditQuery,
    actions: Vec<SelectOption>,
    rows: Vec<Row>,
    next: Option<String>,
}

async fn list_events(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let (filter, request) = q.parse().map_err(WebError::Invalid)?;
    let events = state
        .services
        .audit
        .list_events(&user.actor, &filter, &request, Some(request_id))
        .await?;
    let next = events.next.as_ref().map(|key| {
        format!(
            "/console/audit?action={}&actor={}&subject={}&from={}&until={}&after={}",
            encode(&q.action),
            encode(&q.actor),
            encode(&q.subject),
            encode(&q.from),
            encode(&q.until),
            encode(&key.encode())
        )
    });
    let rows = events
        .items
        .iter()
        .map(|e| Row {
            at: e.at.format(&Rfc3339).unwrap_or_default(),
            actor: e
                .actor
                .map_or_else(|| ctx.t("audit-anonymous"), |a| a.to_string()),
            action: ctx.t(&format!("audit-action-{}", e.action.as_str())),
            action_code: e.action.as_str(),
            subject: format!(
                "{} {}",
                ctx.t(&format!("audit-subject-{}", e.subject_kind.as_str())),
                e.subject_id.clone().unwrap_or_default()
            ),
            purpose: ctx.t(&format!("audit-purpose-{}", e.purpose.as_str())),
            request: e.request_id.map(|r| r.to_string()).unwrap_or_default(),
        })
        .collect();
    let actions = AuditAction::ALL
        .iter()
        .map(|a| SelectOption {
            value: a.as_str().to_owned(),
            label: ctx.t(&format!("audit-action-{}", a.as_str())),
            selected: filter.action == Some(*a),
        })
        .collect();
    page(&AuditPage {
        ctx,
        nav,
        active: "audit",
        filter: q,
        actions,
        rows,
        next,
    })
}
