//! The audit store: append and list, nothing else. There is deliberately no update or delete.

use async_trait::async_trait;

use super::event::{AuditEvent, AuditFilter, NewAuditEvent};
use crate::shared::{Page, PageRequest};
use crate::store::StoreError;

/// Storage of the audit log.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Appends one entry.
    async fn insert_audit_event(&self, event: &NewAuditEvent) -> Result<(), StoreError>;

    /// Lists entries, newest first, seek-paged by entry id.
    async fn list_audit_events(
        &self,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> Result<Page<AuditEvent>, StoreError>;
}
