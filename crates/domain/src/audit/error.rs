//! Errors of the audit capability.

use thiserror::Error;

use crate::access::Forbidden;
use crate::store::StoreError;

/// What can go wrong reading the audit log.
#[derive(Debug, Error)]
pub enum AuditError {
    /// The caller may not read the audit log.
    #[error("forbidden")]
    Forbidden,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Forbidden> for AuditError {
    fn from(_: Forbidden) -> Self {
        Self::Forbidden
    }
}
