//! Server-rendered pages: the public portal, the login flow, self-service and the staff
//! console. Every page works without JavaScript. Handlers authenticate and call services;
//! they never decide authorization.

mod accounts;
mod audit;
mod auth;
mod console;
mod imports;
pub(crate) mod mapping;
mod me;
mod people;
mod person_form;
mod person_view;
mod profile;
mod public;
mod signup;
mod util;

pub use audit::AuditQuery;

use axum::Router;

use crate::state::AppState;

/// Every HTML route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(console::router())
        .merge(accounts::router())
        .merge(audit::router())
        .merge(people::router())
        .merge(imports::router())
        .merge(profile::router())
        .merge(signup::router())
        .merge(mapping::router())
}
