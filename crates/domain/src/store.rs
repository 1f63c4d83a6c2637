//! The storage port: the error every store method returns and the supertrait that bundles
//! each capability's store trait. The store crates implement it; the domain never sees a
//! connection or a transaction.

use async_trait::async_trait;
use thiserror::Error;

use crate::accounts::AccountStore;
use crate::audit::AuditStore;
use crate::imports::ImportStore;
use crate::mapping::MappingStore;
use crate::registry::RegistryStore;

/// What can go wrong in storage, without SQL or HTTP concepts.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness or foreign-key rule refused the change; names the constraint.
    #[error("conflict on {constraint}")]
    Conflict {
        /// The constraint's name, `<table>_<cols>_key` or `_fkey`.
        constraint: &'static str,
    },
    /// The database cannot be reached or is overloaded; the caller may retry.
    #[error("storage unavailable")]
    Unavailable,
    /// Anything else: a bug or a corrupt row.
    #[error("storage error: {0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Wraps any error as `Other`.
    pub fn other(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Other(error.into())
    }
}

/// What `/healthz` reports about storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreHealth {
    /// `sqlite` or `postgres`.
    pub engine: &'static str,
    /// The version (timestamp) of the newest applied migration.
    pub migration: i64,
    /// Whether every migration embedded in the binary has been applied.
    pub up_to_date: bool,
}

/// Every capability's store, as one object the services share.
#[async_trait]
pub trait Store:
    AccountStore + AuditStore + ImportStore + MappingStore + RegistryStore + Send + Sync
{
    /// Checks the connection and reports the engine and migration version.
    async fn health(&self) -> Result<StoreHealth, StoreError>;
}
