//! Bulk import of people into the registry (CSV/XLSX rows already read into text cells by the
//! edge): the column mapping, the conversion of a row into a [`PersonInput`], the outcome of
//! every row, import batches with their progress and errors, and undoing a batch as a whole.
//!
//! [`PersonInput`]: crate::registry::PersonInput

mod batch;
mod error;
mod mapping;
mod service;
mod store;

pub use batch::{BatchStatus, ImportBatch, ImportCounts, ImportReport, RowError, RowOutcome};
pub use error::ImportError;
pub use mapping::{ColumnMapping, TARGET_FIELDS, row_consents, row_to_input};
pub use service::{ImportRequest, ImportService};
pub use store::ImportStore;
