//! Errors of the accounts capability.

use thiserror::Error;

use crate::access::Forbidden;
use crate::shared::{ValidationError, ValidationErrors};
use crate::store::StoreError;

/// What can go wrong with accounts and sign-in.
#[derive(Debug, Error)]
pub enum AccountError {
    /// Wrong email or password, or a disabled account: one answer for all, so that the
    /// response does not reveal which accounts exist.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password is right but the email was never verified: follow the emailed link first.
    #[error("email not verified")]
    Unverified,
    /// Too many failed attempts; try again later.
    #[error("too many attempts")]
    Throttled,
    /// Wrong, expired or replayed second-factor code.
    #[error("invalid code")]
    InvalidCode,
    /// No valid session: missing, unknown, expired or of a disabled account.
    #[error("not authenticated")]
    Unauthenticated,
    /// The session is at another step of the login flow.
    #[error("wrong login step")]
    WrongStage,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such account.
    #[error("not found")]
    NotFound,
    /// The input is invalid.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The change conflicts with the current state (email taken, role already held…).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Storage failed.
    #[error(transparent)]
    Store(StoreError),
    /// Hashing a password failed.
    #[error("password hashing failed")]
    Hashing,
}

impl From<Forbidden> for AccountError {
    fn from(_: Forbidden) -> Self {
        Self::Forbidden
    }
}

impl From<ValidationErrors> for AccountError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<ValidationError> for AccountError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

impl From<StoreError> for AccountError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => Self::Conflict(constraint),
            other @ (StoreError::Unavailable | StoreError::Other(_)) => Self::Store(other),
        }
    }
}
