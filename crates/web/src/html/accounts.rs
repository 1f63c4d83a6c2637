//! Account administration in the console: list, create, roles, disable, second-factor reset.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use otandas_domain::access::{Role, RoleKind};
use otandas_domain::accounts::{
    Account, AccountError, AccountFilter, AccountStatus, ConsoleAccess, NewAccountInput,
};
use otandas_domain::shared::{AccountId, Language, PageRequest};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;

use super::util::{
    SelectOption, encode, page, render, role_label, role_options, second_factor_label, see_other,
};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Form, Path, Query, ReqId};
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/accounts", get(list_accounts).post(create_account))
        .route("/console/accounts/new", get(new_account_form))
        .route("/console/accounts/{id}", get(show_account))
        .route("/console/accounts/{id}/status", post(update_status))
        .route("/console/accounts/{id}/roles", post(grant_role))
        .route("/console/accounts/{id}/roles/revoke", post(revoke_role))
        .route(
            "/console/accounts/{id}/second-factor/reset",
            post(reset_second_factor),
        )
}

fn status_label(tr: &Tr, status: AccountStatus) -> String {
    tr.t(&format!("status-{}", status.as_str()))
}

struct AccountRow {
    id: String,
    display_name: String,
    email: String,
    roles: String,
    status: String,
    second_factor: String,
}

#[derive(Template)]
#[template(path = "console/accounts_page.html")]
struct AccountsPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    statuses: Vec<SelectOption>,
    role_options: Vec<SelectOption>,
    rows: Vec<AccountRow>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

async fn list_accounts(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let status = q
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| AccountStatus::parse(s).ok_or(WebError::BadRequest("status")))
        .transpose()?;
    let role = q
        .role
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(RoleKind::parse)
        .transpose()
        .map_err(|e| WebError::Invalid(e.into()))?;
    let filter = AccountFilter {
        status,
        role,
        order: ctx.tr.language,
    };
    let request = PageRequest::from_parts(q.after.as_deref(), None)
        .map_err(|e| WebError::Invalid(e.into()))?;
    let accounts = state
        .services
        .accounts
        .list_accounts(&user.actor, &filter, &request)
        .await?;
    let next = accounts.next.as_ref().map(|key| {
        format!(
            "/console/accounts?status={}&role={}&after={}",
            status.map_or("", AccountStatus::as_str),
            role.map_or("", RoleKind::as_str),
            encode(&key.encode())
        )
    });
    let rows = accounts
        .items
        .iter()
        .map(|a| AccountRow {
            id: a.id.to_string(),
            display_name: a.display_name.to_string(),
            email: a.email.to_string(),
            roles: a
                .roles
                .iter()
                .map(|r| role_label(&ctx.tr, r))
                .collect::<Vec<_>>()
                .join(", "),
            status: status_label(&ctx.tr, a.status),
            second_factor: second_factor_label(&ctx.tr, a.totp_enabled),
        })
        .collect();
    let statuses = [AccountStatus::Active, AccountStatus::Disabled]
        .into_iter()
        .map(|s| SelectOption {
            value: s.as_str().to_owned(),
            label: status_label(&ctx.tr, s),
            selected: Some(s) == status,
        })
        .collect();
    let role_options = role_options(&ctx.tr, role);
    page(&AccountsPage {
        ctx,
        nav,
        active: "accounts",
        statuses,
        role_options,
        rows,
        next,
    })
}

#[derive(Default, Deserialize)]
struct NewAccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
}

#[derive(Template)]
#[template(path = "console/account_new_page.html")]
struct NewAccountPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    form: NewAccountForm,
    languages: Vec<SelectOption>,
    role_options: Vec<SelectOption>,
    errors: Vec<String>,
}

impl NewAccountPage {
    fn new(
        ctx: PageContext,
        nav: ConsoleAccess,
        form: NewAccountForm,
        errors: Vec<String>,
    ) -> Self {
        let chosen = Language::from_tag(&form.language).unwrap_or(ctx.tr.language);
        let languages = Language::ALL
            .into_iter()
            .map(|l| SelectOption {
                value: l.tag().to_owned(),
                label: ctx.t(&format!("language-{}", l.tag())),
                selected: l == chosen,
            })
            .collect();
        let role_options = role_options(&ctx.tr, RoleKind::parse(&form.role).ok());
        Self {
            ctx,
            nav,
            active: "accounts",
            form,
            languages,
            role_options,
            errors,
        }
    }
}

async fn new_account_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    if !nav.accounts {
        return Err(WebError::Forbidden);
    }
    page(&NewAccountPage::new(
        ctx,
        nav,
        NewAccountForm::default(),
        vec![],
    ))
}

async fn create_account(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<NewAccountForm>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let input = NewAccountInput {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        language: form.language.clone(),
        password: form.password.clone(),
        role: form.role.clone(),
        scope: Some(form.scope.clone()),
    };
    let errors = match state
        .services
        .accounts
        .create_account(&user.actor, &input, Some(request_id))
        .await
    {
        Ok(account) => return Ok(see_other(&format!("/console/accounts/{}", account.id))),
        Err(AccountError::Invalid(errors)) => errors.iter().map(|e| ctx.tr.validation(e)).collect(),
        Err(AccountError::Conflict(rule)) => vec![ctx.t(&format!("conflict-{rule}"))],
        Err(other) => return Err(other.into()),
    };
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &NewAccountPage::new(
            ctx,
            nav,
            NewAccountForm {
                password: String::new(),
                ..form
            },
            errors,
        ),
    )
}

struct AccountDetail {
    id: String,
    display_name: String,
    email: String,
    language: String,
    status: String,
    active: bool,
    second_factor: String,
    created: String,
}

struct RoleItem {
    label: String,
    kind: &'static str,
    scope: String,
}

#[derive(Template)]
#[template(path = "console/account_page.html")]
struct AccountPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    account: AccountDetail,
    roles: Vec<RoleItem>,
    role_options: Vec<SelectOption>,
    notice: Option<String>,
    errors: Vec<String>,
}

impl AccountPage {
    fn new(
        ctx: PageContext,
        nav: ConsoleAccess,
        a: &Account,
        notice: Option<String>,
        errors: Vec<String>,
    ) -> Self {
        let account = AccountDetail {
            id: a.id.to_string(),
            display_name: a.display_name.to_string(),
            email: a.email.to_string(),
            language: ctx.t(&format!("language-{}", a.language.tag())),
            status: status_label(&ctx.tr, a.status),
            active: a.status == AccountStatus::Active,
            second_factor: second_factor_label(&ctx.tr, a.totp_enabled),
            created: a.created_at.format(&Rfc3339).unwrap_or_default(),
        };
        let roles = a
            .roles
            .iter()
            .map(|r| RoleItem {
                label: role_label(&ctx.tr, r),
                kind: r.kind().as_str(),
                scope: r.scope().unwrap_or_default(),
            })
            .collect();
        let role_options = role_options(&ctx.tr, None);
        Self {
            ctx,
            nav,
            active: "accounts",
            account,
            roles,
            role_options,
            notice,
            errors,
        }
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    #[serde(default)]
    done: Option<String>,
}

fn parse_id(raw: &str) -> Result<AccountId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

async fn show_account(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let nav = state.services.accounts.console_access(&user.actor)?;
    let account = state
        .services
        .accounts
        .get_account(&user.actor, id, Some(request_id))
        .await?;
    let notice = q
        .done
        .filter(|d| {
            [
                "status",
                "role-granted",
                "role-revoked",
                "second-factor-reset",
            ]
            .contains(&d.as_str())
        })
        .map(|d| ctx.t(&format!("notice-{d}")));
    page(&AccountPage::new(ctx, nav, &account, notice, vec![]))
}

/// Re-renders the account page with the problem of a failed action.
async fn failed(
    state: &AppState,
    ctx: PageContext,
    user: &otandas_domain::accounts::Authenticated,
    id: AccountId,
    error: AccountError,
) -> Result<Response, WebError> {
    let errors = match error {
        AccountError::Invalid(errors) => errors.iter().map(|e| ctx.tr.validation(e)).collect(),
        AccountError::Conflict(rule) => vec![ctx.t(&format!("conflict-{rule}"))],
        other => return Err(other.into()),
    };
    let nav = state.services.accounts.console_access(&user.actor)?;
    let account = state
        .services
        .accounts
        .get_account(&user.actor, id, None)
        .await?;
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &AccountPage::new(ctx, nav, &account, None, errors),
    )
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn update_status(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let status = AccountStatus::parse(&form.status).ok_or(WebError::BadRequest("status"))?;
    match state
        .services
        .accounts
        .set_status(&user.actor, id, status, Some(request_id))
        .await
    {
        Ok(()) => Ok(see_other(&format!("/console/accounts/{id}?done=status"))),
        Err(error) => failed(&state, ctx, &user, id, error).await,
    }
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
}

fn parse_role(form: &RoleForm) -> Result<Role, AccountError> {
    let kind = RoleKind::parse(&form.role)?;
    Ok(Role::from_parts(kind, Some(&form.scope))?)
}

async fn grant_role(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let result = match parse_role(&form) {
        Ok(role) => {
            state
                .services
                .accounts
                .grant_role(&user.actor, id, &role, Some(request_id))
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/console/accounts/{id}?done=role-granted"
        ))),
        Err(error) => failed(&state, ctx, &user, id, error).await,
    }
}

async fn revoke_role(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let result = match parse_role(&form) {
        Ok(role) => {
            state
                .services
                .accounts
                .revoke_role(&user.actor, id, &role, Some(request_id))
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/console/accounts/{id}?done=role-revoked"
        ))),
        Err(error) => failed(&state, ctx, &user, id, error).await,
    }
}

async fn reset_second_factor(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    match state
        .services
        .accounts
        .reset_second_factor(&user.actor, id, Some(request_id))
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/console/accounts/{id}?done=second-factor-reset"
        ))),
        Err(error) => failed(&state, ctx, &user, id, error).await,
    }
}
