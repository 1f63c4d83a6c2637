//! An import batch (one file run by one staff member), its counts and progress, and what
//! happened to each row.

use time::OffsetDateTime;

use crate::registry::SourceKind;
use crate::shared::{AccountId, ImportBatchId, PersonId};

/// Where a batch stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchStatus {
    /// Rows are being imported.
    Running,
    /// Every row was handled.
    Done,
    /// The people the batch created were erased.
    Undone,
}

impl BatchStatus {
    /// The stable name, for storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Undone => "undone",
        }
    }

    /// Parses a stable name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "running" => Some(Self::Running),
            "done" => Some(Self::Done),
            "undone" => Some(Self::Undone),
            _ => None,
        }
    }
}

/// How many rows a batch has seen, and what became of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Data rows in the file (0 while unknown).
    pub total: u32,
    /// Rows handled so far.
    pub done: u32,
    /// Rows that created a person.
    pub imported: u32,
    /// Rows whose source key was already imported with the same facts.
    pub unchanged: u32,
    /// Rows rejected (each with at least one [`RowError`]).
    pub rejected: u32,
}

/// One import run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportBatch {
    /// Identifier.
    pub id: ImportBatchId,
    /// The staff account that ran it.
    pub created_by: AccountId,
    /// When it started.
    pub created_at: OffsetDateTime,
    /// The uploaded file's name, as given.
    pub file_name: String,
    /// The source every row is attributed to.
    pub source_kind: SourceKind,
    /// Where it stands.
    pub status: BatchStatus,
    /// Counts, updated as rows are handled.
    pub counts: ImportCounts,
}

/// One problem of one row: a field's validation code, or `forbidden`/`conflict` for the row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The file's line (the header is line 1).
    pub line: u32,
    /// The header of the column the value came from (empty when no column is to blame).
    pub column_header: String,
    /// The target field (`family_name`, `source_key`…), or `row` for the whole row.
    pub field: String,
    /// The code (`required`, `malformed`, `unknown`, `forbidden`, `conflict`…).
    pub code: String,
}

/// What happened to one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    /// A new person.
    Imported(PersonId),
    /// The source key was already imported with identical facts: nothing changed.
    Unchanged,
    /// The row was not imported, for every reason listed.
    Rejected(Vec<RowError>),
}

/// The result of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// The batch, with its final counts.
    pub batch: ImportBatch,
    /// Every problem of every rejected row, in file order.
    pub rejected: Vec<RowError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_batch_status_round_trips_through_its_stable_name() {
        for status in [BatchStatus::Running, BatchStatus::Done, BatchStatus::Undone] {
            assert_eq!(BatchStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(BatchStatus::parse("paused"), None);
    }
}
