//! Errors of the registry.

use thiserror::Error;

use crate::access::Forbidden;
use crate::shared::{ValidationError, ValidationErrors};
use crate::store::StoreError;

/// What can go wrong in the registry.
#[derive(Debug, Error)]
pub enum RegistryError {
    /// No such person, or none the caller may see (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The input is invalid; every problem listed.
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The change conflicts with the stored state (a source key already imported, an edit
    /// based on an old version).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Storage failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<Forbidden> for RegistryError {
    fn from(_: Forbidden) -> Self {
        Self::Forbidden
    }
}

impl From<ValidationErrors> for RegistryError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<ValidationError> for RegistryError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

impl From<StoreError> for RegistryError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => Self::Conflict(constraint),
            other @ (StoreError::Unavailable | StoreError::Other(_)) => Self::Store(other),
        }
    }
}
