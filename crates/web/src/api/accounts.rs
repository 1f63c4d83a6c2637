//! Accounts in the API: the caller's own, and administration.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use otandas_domain::access::{Role, RoleKind};
use otandas_domain::accounts::{Account, AccountFilter, AccountStatus, NewAccountInput};
use otandas_domain::shared::{AccountId, Language, PageRequest, ValidationError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Json, Path, Query, ReqId};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(me))
        .route("/api/v1/accounts", get(list_accounts).post(create_account))
        .route("/api/v1/accounts/{id}", get(show_account))
        .route("/api/v1/accounts/{id}/status", put(update_status))
        .route("/api/v1/accounts/{id}/roles", post(grant_role))
        .route("/api/v1/accounts/{id}/roles/revoke", post(revoke_role))
}

/// A role with its scope (`org_unit` path, host `country` code or `organization` id).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RoleDto {
    /// `central_officer`, `local_coordinator`, `consular_officer`, `org_admin`, `member`,
    /// `researcher`, `auditor` or `admin`.
    role: String,
    /// The scope, for scoped roles.
    #[serde(default)]
    scope: Option<String>,
}

impl From<&Role> for RoleDto {
    fn from(role: &Role) -> Self {
        Self {
            role: role.kind().as_str().to_owned(),
            scope: role.scope(),
        }
    }
}

/// An account.
#[derive(Serialize, ToSchema)]
pub struct AccountDto {
    id: String,
    email: String,
    display_name: String,
    language: &'static str,
    /// `active` or `disabled`.
    status: &'static str,
    roles: Vec<RoleDto>,
    second_factor: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    created_at: OffsetDateTime,
}

impl From<&Account> for AccountDto {
    fn from(a: &Account) -> Self {
        Self {
            id: a.id.to_string(),
            email: a.email.to_string(),
            display_name: a.display_name.to_string(),
            language: a.language.tag(),
            status: a.status.as_str(),
            roles: a.roles.iter().map(RoleDto::from).collect(),
            second_factor: a.totp_enabled,
            created_at: a.created_at,
        }
    }
}

/// A page of accounts.
#[derive(Serialize, ToSchema)]
pub struct AccountList {
    items: Vec<AccountDto>,
    /// Pass as `after` for the next page; absent on the last page.
    next: Option<String>,
}

/// The signed-in caller's own account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = AccountDto), (status = 401, body = super::ErrorEnvelope)))]
pub async fn me(CurrentUser(user): CurrentUser) -> axum::Json<AccountDto> {
    axum::Json(AccountDto::from(&user.account))
}

/// Account list filters.
#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// `active` or `disabled`.
    status: Option<String>,
    /// A role name.
    role: Option<String>,
    /// Alphabetical order of which language (`kk`, `ru`, `uz`, `en`); default: the caller's.
    order: Option<String>,
    /// Paging key from the previous page.
    after: Option<String>,
    /// Page size, 1–200.
    limit: Option<u32>,
}

/// Lists accounts (administrators), in the alphabetical order of a language.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", params(ListParams),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = AccountList), (status = 403, body = super::ErrorEnvelope)))]
pub async fn list_accounts(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(p): Query<ListParams>,
) -> Result<axum::Json<AccountList>, WebError> {
    let mut errors = otandas_domain::shared::ValidationErrors::new();
    let status = p.status.as_deref().filter(|s| !s.is_empty()).and_then(|s| {
        errors.collect(AccountStatus::parse(s).ok_or(ValidationError::Unknown { field: "status" }))
    });
    let role = p
        .role
        .as_deref()
        .filter(|s| !s.is_empty())
        .and_then(|s| errors.collect(RoleKind::parse(s)));
    let order = match p.order.as_deref() {
        None | Some("") => Some(ctx.tr.language),
        Some(tag) => errors
            .collect(Language::from_tag(tag).ok_or(ValidationError::Unknown { field: "order" })),
    };
    let page = errors.collect(PageRequest::from_parts(p.after.as_deref(), p.limit));
    errors.clone().into_result().map_err(WebError::Invalid)?;
    let filter = AccountFilter {
        status,
        role,
        order: order.unwrap_or(Language::En),
    };
    let accounts = state
        .services
        .accounts
        .list_accounts(&user.actor, &filter, &page.unwrap_or_default())
        .await?;
    Ok(axum::Json(AccountList {
        items: accounts.items.iter().map(AccountDto::from).collect(),
        next: accounts.next.map(|k| k.encode()),
    }))
}

/// A new account.
#[derive(Deserialize, ToSchema)]
pub struct NewAccountRequest {
    email: String,
    display_name: String,
    /// `kk`, `ru`, `uz` or `en`.
    language: String,
    /// At least 12 characters.
    password: String,
    /// The initial role.
    role: String,
    /// Its scope, for scoped roles.
    #[serde(default)]
    scope: Option<String>,
}

/// Creates an account (administrators).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = NewAccountRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = AccountDto), (status = 409, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn create_account(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Json(body): Json<NewAccountRequest>,
) -> Result<Response, WebError> {
    let input = NewAccountInput {
        email: body.email,
        display_name: body.display_name,
        language: body.language,
        password: body.password,
        role: body.role,
        scope: body.scope,
    };
    let account = state
        .services
        .accounts
        .create_account(&user.actor, &input, Some(request_id))
        .await?;
    Ok((StatusCode::CREATED, axum::Json(AccountDto::from(&account))).into_response())
}

fn parse_id(raw: &str) -> Result<AccountId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// One account (its owner, or administrators; the read is audited).
#[utoipa::path(get, path = "/api/v1/accounts/{id}", tag = "accounts", params(("id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = AccountDto), (status = 403, body = super::ErrorEnvelope), (status = 404, body = super::ErrorEnvelope)))]
pub async fn show_account(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
) -> Result<axum::Json<AccountDto>, WebError> {
    let account = state
        .services
        .accounts
        .get_account(&user.actor, parse_id(&id)?, Some(request_id))
        .await?;
    Ok(axum::Json(AccountDto::from(&account)))
}

/// A status change.
#[derive(Deserialize, ToSchema)]
pub struct StatusRequest {
    /// `active` or `disabled`.
    status: String,
}

/// Disables (ending every session) or re-enables an account.
#[utoipa::path(put, path = "/api/v1/accounts/{id}/status", tag = "accounts", params(("id" = String, Path)),
    request_body = StatusRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 204), (status = 403, body = super::ErrorEnvelope), (status = 404, body = super::ErrorEnvelope), (status = 409, body = super::ErrorEnvelope)))]
pub async fn update_status(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Json(body): Json<StatusRequest>,
) -> Result<StatusCode, WebError> {
    let status = AccountStatus::parse(&body.status)
        .ok_or_else(|| WebError::Invalid(ValidationError::Unknown { field: "status" }.into()))?;
    state
        .services
        .accounts
        .set_status(&user.actor, parse_id(&id)?, status, Some(request_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn parse_role(dto: &RoleDto) -> Result<Role, WebError> {
    let kind = RoleKind::parse(&dto.role).map_err(|e| WebError::Invalid(e.into()))?;
    Role::from_parts(kind, dto.scope.as_deref()).map_err(|e| WebError::Invalid(e.into()))
}

/// Grants a role.
#[utoipa::path(post, path = "/api/v1/accounts/{id}/roles", tag = "accounts", params(("id" = String, Path)),
    request_body = RoleDto, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 204), (status = 409, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn grant_role(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Json(body): Json<RoleDto>,
) -> Result<StatusCode, WebError> {
    let id = parse_id(&id)?;
    let role = parse_role(&body)?;
    state
        .services
        .accounts
        .grant_role(&user.actor, id, &role, Some(request_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes a role.
#[utoipa::path(post, path = "/api/v1/accounts/{id}/roles/revoke", tag = "accounts", params(("id" = String, Path)),
    request_body = RoleDto, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 204), (status = 404, body = super::ErrorEnvelope), (status = 409, body = super::ErrorEnvelope)))]
pub async fn revoke_role(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Json(body): Json<RoleDto>,
) -> Result<StatusCode, WebError> {
    let id = parse_id(&id)?;
    let role = parse_role(&body)?;
    state
        .services
        .accounts
        .revoke_role(&user.actor, id, &role, Some(request_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
