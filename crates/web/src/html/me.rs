//! Self-service: the signed-in person's own account and password.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use otandas_domain::accounts::AccountError;
use serde::Deserialize;

use super::util::{render, role_label, second_factor_label, see_other};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Form, Query, ReqId};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(show_me))
        .route("/me/password", post(change_password))
}

struct AccountView {
    display_name: String,
    email: String,
    language: String,
    roles: Vec<String>,
    second_factor: String,
}

#[derive(Template)]
#[template(path = "me_page.html")]
struct MePage {
    ctx: PageContext,
    account: AccountView,
    changed: bool,
    error: Option<String>,
    password_error: Option<String>,
    confirm_error: Option<String>,
}

impl MePage {
    fn new(ctx: PageContext, user: &otandas_domain::accounts::Authenticated) -> Self {
        let a = &user.account;
        let account = AccountView {
            display_name: a.display_name.to_string(),
            email: a.email.to_string(),
            language: ctx.t(&format!("language-{}", a.language.tag())),
            roles: a.roles.iter().map(|r| role_label(&ctx.tr, r)).collect(),
            second_factor: second_factor_label(&ctx.tr, a.totp_enabled),
        };
        Self {
            ctx,
            account,
            changed: false,
            error: None,
            password_error: None,
            confirm_error: None,
        }
    }
}

#[derive(Deserialize)]
struct MeQuery {
    #[serde(default)]
    changed: Option<String>,
}

async fn show_me(
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(q): Query<MeQuery>,
) -> Result<Response, WebError> {
    let mut page = MePage::new(ctx, &user);
    page.changed = q.changed.is_some();
    render(StatusCode::OK, &page)
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let result = state
        .services
        .accounts
        .change_password(
            &user,
            &form.current,
            &form.new,
            &form.confirm,
            Some(request_id),
        )
        .await;
    let mut page = MePage::new(ctx, &user);
    match result {
        Ok(()) => return Ok(see_other("/me?changed=1")),
        Err(AccountError::InvalidCredentials) => page.error = Some(page.ctx.t("me-current-wrong")),
        Err(AccountError::Invalid(errors)) => {
            page.error = Some(page.ctx.t("form-has-errors"));
            page.password_error = errors
                .for_field("password")
                .map(|e| page.ctx.tr.validation(e));
            page.confirm_error = errors
                .for_field("confirm")
                .map(|e| page.ctx.tr.validation(e));
        }
        Err(other) => return Err(other.into()),
    }
    render(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
