//! Published statistics in the API: count tables as JSON and their chart as SVG. No login
//! needed; an authenticated staff caller gets the exact counts of their scope, everyone else
//! the disclosure-controlled ones. The same service call and view model as the pages.

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::WebError;
use crate::extract::{Ctx, Query, Sess};
use crate::html::mapping::{StatsParams, StatsView, view};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stats/counts", get(counts))
        .route("/api/v1/stats/map.svg", get(map_svg))
}

/// One cell of a count table.
#[derive(Serialize, ToSchema)]
pub struct CountCell {
    /// The key: an ISO code, a category or group code, an age band, or a region or city as
    /// written; `unknown` for people without a value.
    key: String,
    /// The key's name in the caller's language.
    label: String,
    /// The count; absent when suppressed.
    count: Option<u64>,
    /// Whether disclosure control withheld the count.
    suppressed: bool,
}

/// A count table.
#[derive(Serialize, ToSchema)]
pub struct CountTableDto {
    /// The dimension counted.
    dimension: String,
    /// Whether the counts are exact (staff, within their scope) rather than published after
    /// disclosure control (people who consented to statistics; cells below 10 and their
    /// complements suppressed).
    exact: bool,
    /// Whether the whole table is withheld: it breaks down a country whose own count is
    /// suppressed in the country table.
    withheld: bool,
    /// The total of the cells; absent when suppressed.
    total: Option<u64>,
    /// The cells.
    cells: Vec<CountCell>,
}

impl From<&StatsView> for CountTableDto {
    fn from(view: &StatsView) -> Self {
        Self {
            dimension: view.dimension.to_owned(),
            exact: view.exact,
            withheld: view.withheld,
            total: view.total,
            cells: view
                .rows
                .iter()
                .map(|r| CountCell {
                    key: r.key.clone(),
                    label: r.label.clone(),
                    count: r.count,
                    suppressed: r.count.is_none(),
                })
                .collect(),
        }
    }
}

async fn table_view(
    state: &AppState,
    ctx: &crate::context::PageContext,
    session: &crate::extract::SessionInfo,
    params: &StatsParams,
) -> Result<StatsView, WebError> {
    let query = params.query().map_err(WebError::Invalid)?;
    let actor = session.auth.as_ref().map(|a| &a.actor);
    let table = state.services.mapping.counts(actor, query).await?;
    Ok(view(&ctx.tr, &state.world, &table))
}

/// Counts of people by one dimension.
#[utoipa::path(get, path = "/api/v1/stats/counts", tag = "statistics", params(StatsParams),
    responses((status = 200, body = CountTableDto), (status = 403, description = "ethnicity crossed with region or city, or a region or ethnicity filter without a staff scope", body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn counts(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    Query(params): Query<StatsParams>,
) -> Result<axum::Json<CountTableDto>, WebError> {
    let view = table_view(&state, &ctx, &session, &params).await?;
    Ok(axum::Json(CountTableDto::from(&view)))
}

/// The chart of a count table as SVG: the world map for `dimension=country`, a bar chart
/// otherwise.
#[utoipa::path(get, path = "/api/v1/stats/map.svg", tag = "statistics", params(StatsParams),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 403, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn map_svg(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    Query(params): Query<StatsParams>,
) -> Result<Response, WebError> {
    let view = table_view(&state, &ctx, &session, &params).await?;
    Ok(([(CONTENT_TYPE, "image/svg+xml; charset=utf-8")], view.svg).into_response())
}
