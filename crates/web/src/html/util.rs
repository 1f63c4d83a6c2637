//! Helpers shared by the page handlers: rendering, redirects with cookies, option lists.

use askama::Template;
use axum::http::StatusCode;
use axum::http::header::{HeaderValue, LOCATION, SET_COOKIE};
use axum::response::{Html, IntoResponse, Response};
use otandas_domain::access::{Role, RoleKind};
use otandas_domain::accounts::SessionToken;

use crate::cookies;
use crate::error::WebError;
use crate::i18n::Tr;

/// Renders a template with a status.
pub fn render(status: StatusCode, template: &impl Template) -> Result<Response, WebError> {
    Ok((status, Html(template.render()?)).into_response())
}

/// Renders a template with 200 OK.
pub fn page(template: &impl Template) -> Result<Response, WebError> {
    render(StatusCode::OK, template)
}

/// A 303 redirect.
pub fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        response.headers_mut().insert(LOCATION, v);
    }
    response
}

/// A 303 redirect that sets (or, with `None`, clears) the session cookie.
pub fn see_other_with_session(to: &str, token: Option<&SessionToken>, secure: bool) -> Response {
    let mut response = see_other(to);
    let cookie = match token {
        Some(token) => cookies::set(cookies::SESSION, token.as_ref(), None, true, secure),
        None => cookies::set(cookies::SESSION, "", Some(0), true, secure),
    };
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}

/// One `<option>` of a `<select>`.
#[derive(Clone, Debug)]
pub struct SelectOption {
    /// The submitted value.
    pub value: String,
    /// The translated label.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

/// Options for every role kind.
pub fn role_options(tr: &Tr, selected: Option<RoleKind>) -> Vec<SelectOption> {
    RoleKind::ALL
        .into_iter()
        .map(|kind| SelectOption {
            value: kind.as_str().to_owned(),
            label: tr.t(&format!("role-{}", kind.as_str())),
            selected: Some(kind) == selected,
        })
        .collect()
}

/// A role with its scope, in words.
pub fn role_label(tr: &Tr, role: &Role) -> String {
    let name = tr.t(&format!("role-{}", role.kind().as_str()));
    match role.scope() {
        Some(scope) => format!("{name} · {scope}"),
        None => name,
    }
}

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The translated label of a yes/no second-factor state.
pub fn second_factor_label(tr: &Tr, enabled: bool) -> String {
    tr.t(if enabled {
        "second-factor-on"
    } else {
        "second-factor-off"
    })
}
