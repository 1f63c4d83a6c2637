//! Extractors. Each maps its rejection to a [`WebError`], so that bad input gets a translated
//! error with the right status instead of axum's plain-text default.

use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use otandas_domain::accounts::{Authenticated, SessionToken};
use otandas_domain::shared::RequestId;
use serde::de::DeserializeOwned;

use crate::context::PageContext;
use crate::error::WebError;

/// The caller's session, as the `prepare` middleware found it.
#[derive(Clone, Debug, Default)]
pub struct SessionInfo {
    /// The token the client presented, if any.
    pub token: Option<SessionToken>,
    /// Whether it came in an `Authorization: Bearer` header (API clients) rather than a cookie.
    pub bearer: bool,
    /// The fully signed-in caller, if the session is active.
    pub auth: Option<Authenticated>,
}

/// The client's address, for login throttling.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

fn from_extensions<T: Clone + Send + Sync + 'static>(parts: &Parts) -> Result<T, WebError> {
    parts.extensions.get::<T>().cloned().ok_or_else(|| {
        WebError::Internal(format!(
            "missing request extension {}",
            std::any::type_name::<T>()
        ))
    })
}

/// The page context of the request.
pub struct Ctx(pub PageContext);

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        from_extensions(parts).map(Self)
    }
}

/// The session of the request (possibly none).
pub struct Sess(pub SessionInfo);

impl<S: Send + Sync> FromRequestParts<S> for Sess {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        from_extensions(parts).map(Self)
    }
}

/// The signed-in caller; `Unauthenticated` (a redirect to the login page, or 401 in the API)
/// when there is none.
pub struct CurrentUser(pub Authenticated);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let info: SessionInfo = from_extensions(parts)?;
        info.auth.map(Self).ok_or(WebError::Unauthenticated)
    }
}

/// The request id.
pub struct ReqId(pub RequestId);

impl<S: Send + Sync> FromRequestParts<S> for ReqId {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        from_extensions(parts).map(Self)
    }
}

/// The client's address.
pub struct Client(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ClientAddr>()
                .map_or_else(|| "unknown".to_owned(), |c| c.0.clone()),
        ))
    }
}

/// A URL-encoded form body.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(FormRejection::BytesRejection(_)) => Err(WebError::PayloadTooLarge),
            Err(FormRejection::InvalidFormContentType(_)) => Err(WebError::UnsupportedMediaType),
            Err(_) => Err(WebError::BadRequest("form")),
        }
    }
}

/// A JSON body.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonDataError(_)) => Err(WebError::BadRequest("json-data")),
            Err(JsonRejection::JsonSyntaxError(_)) => Err(WebError::BadRequest("json-syntax")),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(WebError::UnsupportedMediaType),
            Err(JsonRejection::BytesRejection(_)) => Err(WebError::PayloadTooLarge),
            Err(_) => Err(WebError::BadRequest("json")),
        }
    }
}

/// A query string.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|_| WebError::BadRequest("query"))
    }
}

/// Path parameters; a malformed one (not a UUID where one is expected) is simply not found.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|_| WebError::NotFound)
    }
}
