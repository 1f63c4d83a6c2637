//! The public portal's pages and the static assets.

use askama::Template;
use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::util::page;
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::Ctx;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/static/app.css", get(stylesheet))
}

#[derive(Template)]
#[template(path = "public/home_page.html")]
struct HomePage {
    ctx: PageContext,
}

async fn home(Ctx(ctx): Ctx) -> Result<Response, WebError> {
    page(&HomePage { ctx })
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}
