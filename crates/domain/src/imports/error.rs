//! Errors of imports.

use thiserror::Error;

use crate::access::Forbidden;
use crate::shared::{ValidationError, ValidationErrors};
use crate::store::StoreError;

/// What can go wrong with an import as a whole (bad rows are not errors: they are reported).
#[derive(Debug, Error)]
pub enum ImportError {
    /// No such batch, or none the caller may see.
    #[error("not found")]
    NotFound,
    /// The caller may not import, or may not undo this batch.
    #[error("forbidden")]
    Forbidden,
    /// The request is invalid (an unknown mapping field, a bad source kind).
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// The batch cannot change this way (already undone, still running).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Storage failed.
    #[error(transparent)]
    Store(StoreError),
}

impl From<Forbidden> for ImportError {
    fn from(_: Forbidden) -> Self {
        Self::Forbidden
    }
}

impl From<ValidationError> for ImportError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

impl From<StoreError> for ImportError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => Self::Conflict(constraint),
            other @ (StoreError::Unavailable | StoreError::Other(_)) => Self::Store(other),
        }
    }
}
