//! The import store: batches with their progress counts, the errors of their rejected rows,
//! and the people each batch created (`people.import_batch_id`).

use async_trait::async_trait;

use super::batch::{ImportBatch, RowError};
use crate::shared::{AccountId, ImportBatchId, PersonId};
use crate::store::StoreError;

/// Storage of import batches.
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// Records a new batch.
    async fn insert_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError>;

    /// Replaces a batch's status and counts (`NotFound` when absent).
    async fn update_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError>;

    /// Appends the errors of rejected rows to a batch.
    async fn insert_import_errors(
        &self,
        batch: ImportBatchId,
        errors: &[RowError],
    ) -> Result<(), StoreError>;

    /// One batch; `NotFound` when absent.
    async fn get_import_batch(&self, id: ImportBatchId) -> Result<ImportBatch, StoreError>;

    /// Batches, newest first, at most `limit`; only `created_by`'s when given.
    async fn list_import_batches(
        &self,
        created_by: Option<AccountId>,
        limit: u32,
    ) -> Result<Vec<ImportBatch>, StoreError>;

    /// A batch's row errors, by line then in the order recorded.
    async fn list_import_errors(&self, batch: ImportBatchId) -> Result<Vec<RowError>, StoreError>;

    /// The people a batch created that are not erased.
    async fn list_import_people(&self, batch: ImportBatchId) -> Result<Vec<PersonId>, StoreError>;
}
