//! The JSON API under `/api/v1`, its OpenAPI 3.1 document at `/api/openapi.json` and Swagger
//! UI at `/api/docs`. Handlers call the same services as the pages. Errors use one envelope:
//! `{"errors":[{"field","code","detail"}],"request_id"}`.

mod accounts;
mod audit;
mod health;
mod imports;
mod people;
mod sessions;
mod stats;

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;

/// The OpenAPI description of the API.
#[derive(OpenApi)]
#[openapi(
    info(title = "otandas API", description = "Diaspora engagement platform: JSON API. Authenticate with POST /api/v1/sessions and send the token as `Authorization: Bearer …`."),
    paths(
        health::healthz,
        sessions::create_session,
        sessions::second_factor,
        sessions::delete_session,
        accounts::me,
        accounts::list_accounts,
        accounts::create_account,
        accounts::show_account,
        accounts::update_status,
        accounts::grant_role,
        accounts::revoke_role,
        audit::list_events,
        people::list_people,
        people::create_person,
        people::show_person,
        people::update_person,
        people::set_consent,
        people::show_own,
        people::register_self,
        people::export_own,
        people::erase_own,
        stats::counts,
        stats::map_svg,
        imports::create_import,
        imports::create_import_from_file,
        imports::list_imports,
        imports::show_import,
        imports::undo_import,
    ),
    components(schemas(ErrorEnvelope, ErrorItem)),
    modifiers(&SecurityAddon),
    tags((name = "sessions"), (name = "accounts"), (name = "audit"), (name = "registry"), (name = "imports"), (name = "statistics"), (name = "system"))
)]
pub struct ApiDoc;

struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
            components.add_security_scheme(
                "session_cookie",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::cookies::SESSION))),
            );
        }
    }
}

/// The error envelope of every failed API call.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the middleware writes this shape"
)]
pub struct ErrorEnvelope {
    errors: Vec<ErrorItem>,
    request_id: String,
}

/// One problem of a failed call.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the middleware writes this shape"
)]
pub struct ErrorItem {
    /// The input field concerned, if any.
    field: Option<String>,
    /// A stable machine-readable code.
    code: String,
    /// A human-readable message in the caller's language.
    detail: String,
}

/// Every API route, the document and Swagger UI.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(sessions::router())
        .merge(accounts::router())
        .merge(audit::router())
        .merge(people::router())
        .merge(stats::router())
        .merge(imports::router())
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", ApiDoc::openapi()))
}
