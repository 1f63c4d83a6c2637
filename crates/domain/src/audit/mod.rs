//! The append-only audit log: who did what, when, to which subject, for which purpose — never
//! the values. Storage forbids UPDATE and DELETE on it (triggers on both engines).

mod error;
mod event;
mod service;
mod store;

pub use error::AuditError;
pub use event::{AuditAction, AuditEvent, AuditFilter, NewAuditEvent, Purpose, SubjectKind};
pub use service::AuditService;
pub use store::AuditStore;
