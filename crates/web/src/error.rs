//! `WebError`: the one error type of handlers. Its variant decides the status; the body is
//! rendered afterwards by the `respond` middleware in the reader's language, as an HTML page or
//! the JSON error envelope `{"errors":[{"field","code","detail"}]}`. 5xx bodies carry only the
//! request id; the cause goes to the log, once.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use otandas_domain::StoreError;
use otandas_domain::accounts::AccountError;
use otandas_domain::audit::AuditError;
use otandas_domain::shared::ValidationErrors;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request is malformed (bad JSON syntax, bad query, bad path); the code says what.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// `?lang=` names a language the platform does not have.
    #[error("unknown language")]
    UnknownLanguage,
    /// No valid session.
    #[error("not authenticated")]
    Unauthenticated,
    /// Wrong email or password (one answer for both).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Wrong second-factor code.
    #[error("invalid code")]
    InvalidCode,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The form's anti-CSRF token is missing or wrong (often: the form page was too old).
    #[error("csrf")]
    Csrf,
    /// Nothing here.
    #[error("not found")]
    NotFound,
    /// The change conflicts with the current state; names the rule.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The body is not of a type this endpoint takes.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The input is well-formed but invalid; every problem listed.
    #[error("invalid: {0}")]
    Invalid(ValidationErrors),
    /// Too many attempts.
    #[error("too many requests")]
    Throttled,
    /// The database is unavailable.
    #[error("unavailable")]
    Unavailable,
    /// A defect; the cause is logged, never shown.
    #[error("internal: {0}")]
    Internal(String),
}

impl WebError {
    /// The status code of the variant.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::UnknownLanguage => StatusCode::BAD_REQUEST,
            Self::Unauthenticated | Self::InvalidCredentials | Self::InvalidCode => {
                StatusCode::UNAUTHORIZED
            }
            Self::Forbidden | Self::Csrf => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Throttled => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code, also the suffix of the translation key `http-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad-request",
            Self::UnknownLanguage => "unknown-language",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid-credentials",
            Self::InvalidCode => "invalid-code",
            Self::Forbidden => "forbidden",
            Self::Csrf => "csrf",
            Self::NotFound => "not-found",
            Self::Conflict(_) => "conflict",
            Self::PayloadTooLarge => "payload-too-large",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::Invalid(_) => "invalid",
            Self::Throttled => "throttled",
            Self::Unavailable => "unavailable",
            Self::Internal(_) => "internal",
        }
    }
}

/// Marks a response as an error still to be rendered by the `respond` middleware.
#[derive(Clone, Debug)]
pub struct PendingError(pub Arc<WebError>);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(PendingError(Arc::new(self)));
        response
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => Self::Conflict(constraint),
            StoreError::Unavailable => Self::Unavailable,
            StoreError::Other(cause) => Self::Internal(cause.to_string()),
        }
    }
}

impl From<AccountError> for WebError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::InvalidCredentials => Self::InvalidCredentials,
            AccountError::Throttled => Self::Throttled,
            AccountError::InvalidCode => Self::InvalidCode,
            AccountError::Unauthenticated | AccountError::WrongStage => Self::Unauthenticated,
            AccountError::Forbidden | AccountError::Unverified => Self::Forbidden,
            AccountError::NotFound => Self::NotFound,
            AccountError::Invalid(errors) => Self::Invalid(errors),
            AccountError::Conflict(rule) => Self::Conflict(rule),
            AccountError::Store(store) => store.into(),
            AccountError::Hashing => Self::Internal("password hashing failed".to_owned()),
        }
    }
}

impl From<AuditError> for WebError {
    fn from(error: AuditError) -> Self {
        match error {
            AuditError::Forbidden => Self::Forbidden,
            AuditError::Store(store) => store.into(),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(format!("template: {error}"))
    }
}
