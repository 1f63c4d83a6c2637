//! Reading the audit log, for auditors. Every read is itself audited.

use std::sync::Arc;

use super::error::AuditError;
use super::event::{AuditAction, AuditEvent, AuditFilter, NewAuditEvent, Purpose, SubjectKind};
use crate::access::{Action, Actor, Target, authorize};
use crate::shared::{Clock, Page, PageRequest, RequestId};
use crate::store::Store;

/// Use cases of the audit log.
#[derive(Clone)]
pub struct AuditService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
}

impl AuditService {
    /// A service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    /// Lists audit entries for an auditor, and records that they were read.
    ///
    /// # Errors
    /// `Forbidden` unless the actor holds a role that may read the audit log.
    pub async fn list_events(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        page: &PageRequest,
        request_id: Option<RequestId>,
    ) -> Result<Page<AuditEvent>, AuditError> {
        authorize(actor, Action::ReadAuditLog, &Target::platform())?;
        let events = self.store.list_audit_events(filter, page).await?;
        let read = NewAuditEvent::new(
            self.clock.now(),
            Some(actor.account_id),
            AuditAction::AuditLogRead,
            SubjectKind::AuditLog,
            None,
            Purpose::Oversight,
        )
        .in_request(request_id);
        self.store.insert_audit_event(&read).await?;
        Ok(events)
    }
}
