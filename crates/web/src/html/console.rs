//! The staff console's home: who you are, what you may do.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use otandas_domain::accounts::ConsoleAccess;

use super::util::{page, role_label};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/console", get(dashboard))
}

#[derive(Template)]
#[template(path = "console/dashboard_page.html")]
struct DashboardPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    name: String,
    roles: Vec<String>,
}

async fn dashboard(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let roles = user
        .account
        .roles
        .iter()
        .map(|r| role_label(&ctx.tr, r))
        .collect();
    page(&DashboardPage {
        nav,
        active: "dashboard",
        name: user.account.display_name.to_string(),
        roles,
        ctx,
    })
}
