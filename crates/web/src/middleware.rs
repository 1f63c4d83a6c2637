//! The one middleware every request passes through. Before the handler it assigns a request
//! id, negotiates the language, resolves the session and checks the anti-CSRF token of every
//! state-changing request; after it, it renders pending errors in the reader's language, sets
//! the security headers and the cookies, and logs the request (path and status only: never a
//! query string, a body or a name).

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use otandas_domain::accounts::{AccountError, SessionToken};
use otandas_domain::shared::{Language, RequestId};
use serde::Serialize;

use crate::context::PageContext;
use crate::cookies;
use crate::error::{PendingError, WebError};
use crate::extract::{ClientAddr, SessionInfo};
use crate::i18n::{Tr, from_accept_language};
use crate::state::AppState;

/// The header API clients that authenticate with the session cookie send the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
    frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
/// Swagger UI styles itself inline; only its page gets this policy.
const CSP_DOCS: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
    script-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}

fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_pairs(body)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Whether the request body is `multipart/form-data` (a file upload).
fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

/// Decodes `application/x-www-form-urlencoded` into pairs.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = bytes
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        out.push(v);
                        i += 2;
                    } else {
                        out.push(b'%');
                    }
                }
                other => out.push(other),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    std::str::from_utf8(body)
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Before and after every handler; see the module documentation.
pub async fn prepare(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = RequestId::new();
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let api = is_api(&path);
    let headers = req.headers().clone();

    // Language: ?lang=, then the cookie, then Accept-Language, then the default.
    let asked = query_param(req.uri().query(), "lang");
    let asked_language = asked.as_deref().map(Language::from_tag);
    let fallback = cookies::get(&headers, cookies::LANG)
        .and_then(|c| Language::from_tag(&c))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or(state.config.default_language);
    let language = asked_language.flatten().unwrap_or(fallback);
    let tr = Tr::new(state.catalog.clone(), language);

    // Session: a bearer token (API clients) or the session cookie.
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(SessionToken::from_client);
    let via_bearer = bearer.is_some();
    let token = bearer.or_else(|| {
        cookies::get(&headers, cookies::SESSION).map(|c| SessionToken::from_client(&c))
    });
    let mut failure: Option<WebError> = None;
    let mut info = SessionInfo {
        token: token.clone(),
        bearer: via_bearer,
        auth: None,
    };
    let mut session_csrf = None;
    let mut stale_session = false;
    if let Some(token) = &token {
        match state.services.accounts.pending_session(token).await {
            Ok(session) => {
                session_csrf = Some(session.csrf_token.clone());
                match state.services.accounts.authenticate(token).await {
                    Ok(auth) => info.auth = Some(auth),
                    Err(AccountError::Unauthenticated | AccountError::WrongStage) => {}
                    Err(other) => failure = Some(other.into()),
                }
            }
            Err(AccountError::Unauthenticated) => {
                info.token = None;
                stale_session = true;
            }
            Err(other) => failure = Some(other.into()),
        }
    }

    // Anti-CSRF: the session's token, or a double-submit cookie before login.
    let anonymous_csrf = cookies::get(&headers, cookies::CSRF);
    let new_csrf_cookie = match (&session_csrf, &anonymous_csrf) {
        (None, None) => Some(SessionToken::generate().as_ref().to_owned()),
        _ => None,
    };
    let expected_csrf = session_csrf
        .clone()
        .or_else(|| anonymous_csrf.clone())
        .or_else(|| new_csrf_cookie.clone())
        .unwrap_or_default();

    if let Some(None) = asked_language {
        failure.get_or_insert(WebError::UnknownLanguage);
    }

    let state_changing = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if failure.is_none() && state_changing {
        if api {
            // Cookie-authenticated API calls must echo the session's CSRF token in a header;
            // bearer-token clients are not exposed to CSRF.
            if !via_bearer && session_csrf.is_some() {
                let sent = headers
                    .get(CSRF_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                if !constant_time_eq(sent, &expected_csrf) {
                    failure = Some(WebError::Csrf);
                }
            }
        } else if is_multipart(&headers) {
            // A file upload: the body is not read here (it may be large and is parsed by the
            // handler), so the form carries its token in the action's `?csrf=` query
            // parameter, or a client sends the `X-CSRF-Token` header.
            let sent = headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .or_else(|| {
                    req.uri()
                        .query()
                        .and_then(|q| form_field(q.as_bytes(), "csrf"))
                })
                .unwrap_or_default();
            if expected_csrf.is_empty() || !constant_time_eq(&sent, &expected_csrf) {
                failure = Some(WebError::Csrf);
            }
        } else {
            let (parts, body) = req.into_parts();
            if let Ok(bytes) = to_bytes(body, state.config.max_body_bytes).await {
                let sent = form_field(&bytes, "csrf").unwrap_or_default();
                if expected_csrf.is_empty() || !constant_time_eq(&sent, &expected_csrf) {
                    failure = Some(WebError::Csrf);
                }
                req = Request::from_parts(parts, Body::from(bytes));
            } else {
                failure = Some(WebError::PayloadTooLarge);
                req = Request::from_parts(parts, Body::empty());
            }
        }
    }

    let client = if state.config.trust_forwarded_for {
        headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_owned())
    } else {
        None
    }
    .or_else(|| {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
    })
    .unwrap_or_else(|| "unknown".to_owned());

    let context = PageContext::new(tr, request_id, expected_csrf, info.auth.as_ref());
    req.extensions_mut().insert(request_id);
    req.extensions_mut().insert(ClientAddr(client));
    req.extensions_mut().insert(info);
    req.extensions_mut().insert(context.clone());

    let mut response = match failure {
        Some(error) => error.into_response(),
        None => next.run(req).await,
    };
    if let Some(PendingError(error)) = response.extensions_mut().remove::<PendingError>() {
        response = render_error(&error, &context, api, stale_session);
    }

    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id.to_string()) {
        h.insert(HeaderName::from_static("x-request-id"), v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    let csp = if path.starts_with("/api/docs") {
        CSP_DOCS
    } else {
        CSP
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    if state.config.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // Static files and the API description may be cached; nothing else (personal pages).
    if !(path.starts_with("/static/")
        || path.starts_with("/api/docs")
        || path == "/api/openapi.json")
    {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    let secure = state.config.secure_cookies;
    if let Some(Some(chosen)) = asked_language
        && let Ok(v) = HeaderValue::from_str(&cookies::set(
            cookies::LANG,
            chosen.tag(),
            Some(31_536_000),
            false,
            secure,
        ))
    {
        h.append(header::SET_COOKIE, v);
    }
    if let Some(value) = new_csrf_cookie
        && let Ok(v) =
            HeaderValue::from_str(&cookies::set(cookies::CSRF, &value, None, true, secure))
    {
        h.append(header::SET_COOKIE, v);
    }

    tracing::info!(
        request.id = %request_id,
        http.method = %method,
        http.path = %path,
        http.status = response.status().as_u16(),
        latency_ms = started.elapsed().as_millis(),
        "request"
    );
    response
}

#[derive(Serialize)]
struct ErrorItem {
    field: Option<&'static str>,
    code: String,
    detail: String,
}

#[derive(Serialize)]
struct ErrorEnvelope {
    errors: Vec<ErrorItem>,
    request_id: String,
}

#[derive(Template)]
#[template(path = "error_page.html")]
struct ErrorPage<'a> {
    ctx: &'a PageContext,
    status: u16,
    title: String,
    detail: String,
    items: Vec<String>,
}

fn render_error(error: &WebError, ctx: &PageContext, api: bool, stale_session: bool) -> Response {
    let status = error.status();
    if let WebError::Internal(cause) = error {
        tracing::error!(request.id = %ctx.request_id, error.cause = %cause, "internal error");
    }
    if !api && matches!(error, WebError::Unauthenticated) {
        // A session that existed but ended (idle, too old, signed out elsewhere, disabled) is
        // told so on the login page; a visitor who never signed in is simply sent there.
        let to = if stale_session {
            "/login?expired=1"
        } else {
            "/login"
        };
        return Redirect::to(to).into_response();
    }
    let title = ctx.t(&format!("http-{}", error.code()));
    let mut items: Vec<ErrorItem> = match error {
        WebError::Invalid(errors) => errors
            .iter()
            .map(|e| ErrorItem {
                field: Some(e.field()),
                code: e.code().to_owned(),
                detail: ctx.tr.validation(e),
            })
            .collect(),
        _ => vec![],
    };
    let detail = match error {
        WebError::Internal(_) | WebError::Unavailable => {
            ctx.t1("error-request-id", "id", ctx.request_id)
        }
        WebError::UnknownLanguage => ctx.t1(
            "error-languages-available",
            "languages",
            ctx.languages()
                .into_iter()
                .map(|l| l.name)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        WebError::Conflict(rule) => {
            let key = format!("conflict-{rule}");
            if ctx.tr.t(&key) == key {
                ctx.t("http-conflict")
            } else {
                ctx.t(&key)
            }
        }
        _ => String::new(),
    };
    if api {
        if items.is_empty() {
            let code = match error {
                WebError::BadRequest(code) => (*code).to_owned(),
                WebError::Conflict(rule) => (*rule).to_owned(),
                other => other.code().to_owned(),
            };
            let detail = if detail.is_empty() {
                title
            } else {
                format!("{title} {detail}")
            };
            items.push(ErrorItem {
                field: None,
                code,
                detail,
            });
        }
        let body = ErrorEnvelope {
            errors: items,
            request_id: ctx.request_id.to_string(),
        };
        return (status, axum::Json(body)).into_response();
    }
    let page = ErrorPage {
        ctx,
        status: status.as_u16(),
        title,
        detail,
        items: items.into_iter().map(|i| i.detail).collect(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            ctx.request_id.to_string(),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_percent_decoded() {
        assert_eq!(
            form_field(b"a=1&csrf=x%2By+z&b=", "csrf").as_deref(),
            Some("x+y z")
        );
        assert_eq!(form_field(b"a=1", "csrf"), None);
    }

    #[test]
    fn query_params_are_found() {
        assert_eq!(
            query_param(Some("x=1&lang=kk"), "lang").as_deref(),
            Some("kk")
        );
        assert_eq!(query_param(Some("lang"), "lang").as_deref(), Some(""));
        assert_eq!(query_param(None, "lang"), None);
    }
}
