//! Use cases of imports: run a file's rows through the registry's own rules (validation,
//! consent, scope) row by row, keep the good rows and report every bad one, skip rows already
//! imported with the same facts, and undo a batch as a whole.

use std::sync::Arc;

use super::batch::{BatchStatus, ImportBatch, ImportCounts, ImportReport, RowError, RowOutcome};
use super::error::ImportError;
use super::mapping::{ColumnMapping, row_consents, row_to_input};
use crate::access::{Actor, Role};
use crate::audit::{AuditAction, NewAuditEvent, Purpose as AuditPurpose, SubjectKind};
use crate::registry::{Purpose, RegistryError, RegistryService, SourceKind};
use crate::shared::{Clock, ImportBatchId, RequestId};
use crate::store::Store;

/// Progress is written to the batch row every this many rows.
const PROGRESS_EVERY: u32 = 25;

/// The most batches a list shows.
const LIST_LIMIT: u32 = 200;

/// What to import, apart from the rows.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    /// The file's name, as uploaded.
    pub file_name: String,
    /// Who the rows come from (`consulate`, `association` or `import`).
    pub source_kind: SourceKind,
    /// The file's header cells (for reporting the column of an error).
    pub headers: Vec<String>,
    /// Which column holds which field.
    pub mapping: ColumnMapping,
    /// Consents recorded for rows whose consent columns are absent or empty.
    pub default_consents: Vec<Purpose>,
    /// Number of data rows, if known (for progress).
    pub total: u32,
}

/// The import use cases.
#[derive(Clone)]
pub struct ImportService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    registry: RegistryService,
}

fn may_import(actor: &Actor) -> bool {
    actor.roles.iter().any(|r| {
        matches!(
            r,
            Role::CentralOfficer
                | Role::LocalCoordinator { .. }
                | Role::ConsularOfficer { .. }
                | Role::OrgAdmin { .. }
        )
    })
}

fn row_error(line: u32, column_header: String, field: &str, code: &str) -> RowError {
    RowError {
        line,
        column_header,
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

impl ImportService {
    /// A service over `store`, registering people through `registry`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, registry: RegistryService) -> Self {
        Self {
            store,
            clock,
            registry,
        }
    }

    /// Opens a batch (status `running`) for `request`. Staff who may register people only.
    ///
    /// # Errors
    /// `Forbidden`; `Invalid` for a source kind other than consulate, association or import,
    /// or a mapping without a `source_key` column.
    pub async fn begin(
        &self,
        actor: &Actor,
        request: &ImportRequest,
    ) -> Result<ImportBatch, ImportError> {
        if !may_import(actor) {
            return Err(ImportError::Forbidden);
        }
        if !matches!(
            request.source_kind,
            SourceKind::Consulate | SourceKind::Association | SourceKind::Import
        ) {
            return Err(crate::shared::ValidationError::Unknown {
                field: "source_kind",
            }
            .into());
        }
        let batch = ImportBatch {
            id: ImportBatchId::new(),
            created_by: actor.account_id,
            created_at: self.clock.now(),
            file_name: request.file_name.chars().take(200).collect(),
            source_kind: request.source_kind,
            status: BatchStatus::Running,
            counts: ImportCounts {
                total: request.total,
                ..ImportCounts::default()
            },
        };
        self.store.insert_import_batch(&batch).await?;
        Ok(batch)
    }

    /// Imports every row of an open batch: each row is kept or reported on its own. Rows are
    /// `(line, cells)`, the line being the file's (header = 1). `progress(done, total)` is
    /// called after every row; the counts are also written to the batch every few rows.
    ///
    /// # Errors
    /// `Store` when storage fails (the rows handled so far stay imported, the batch stays
    /// `running`).
    pub async fn process(
        &self,
        actor: &Actor,
        mut batch: ImportBatch,
        request: &ImportRequest,
        rows: impl Iterator<Item = (u32, Vec<String>)> + Send,
        progress: &(dyn Fn(u32, u32) + Send + Sync),
        request_id: Option<RequestId>,
    ) -> Result<ImportReport, ImportError> {
        let mut rejected = vec![];
        for (line, cells) in rows {
            let outcome = self
                .row(actor, batch.id, request, line, &cells, request_id)
                .await?;
            let counts = &mut batch.counts;
            counts.done += 1;
            counts.total = counts.total.max(counts.done);
            match outcome {
                RowOutcome::Imported(_) => counts.imported += 1,
                RowOutcome::Unchanged => counts.unchanged += 1,
                RowOutcome::Rejected(errors) => {
                    counts.rejected += 1;
                    self.store.insert_import_errors(batch.id, &errors).await?;
                    rejected.extend(errors);
                }
            }
            progress(batch.counts.done, batch.counts.total);
            if batch.counts.done.is_multiple_of(PROGRESS_EVERY) {
                self.store.update_import_batch(&batch).await?;
            }
        }
        batch.status = BatchStatus::Done;
        batch.counts.total = batch.counts.done;
        self.store.update_import_batch(&batch).await?;
        Ok(ImportReport { batch, rejected })
    }

    /// [`begin`](Self::begin) then [`process`](Self::process).
    ///
    /// # Errors
    /// As both.
    pub async fn run(
        &self,
        actor: &Actor,
        request: &ImportRequest,
        rows: impl Iterator<Item = (u32, Vec<String>)> + Send,
        progress: &(dyn Fn(u32, u32) + Send + Sync),
        request_id: Option<RequestId>,
    ) -> Result<ImportReport, ImportError> {
        let batch = self.begin(actor, request).await?;
        self.process(actor, batch, request, rows, progress, request_id)
            .await
    }

    /// One row: the registry's rules decide; an already imported key is `Unchanged` when its
    /// facts are identical and a `conflict` otherwise (a re-run never overwrites corrections
    /// made since).
    async fn row(
        &self,
        actor: &Actor,
        batch: ImportBatchId,
        request: &ImportRequest,
        line: u32,
        cells: &[String],
        request_id: Option<RequestId>,
    ) -> Result<RowOutcome, ImportError> {
        let mapping = &request.mapping;
        let header = |field: &str| mapping.header_of(field, &request.headers);
        let mut errors = vec![];
        let input = row_to_input(mapping, cells, request.source_kind);
        if input.source_key.trim().is_empty() {
            errors.push(row_error(
                line,
                header("source_key"),
                "source_key",
                "required",
            ));
        }
        let consents = match row_consents(mapping, cells, &request.default_consents) {
            Ok(c) => c,
            Err(es) => {
                for e in es {
                    errors.push(row_error(line, header(e.field()), e.field(), e.code()));
                }
                vec![]
            }
        };
        let parsed = input.parse();
        if let Err(es) = &parsed {
            for e in es {
                errors.push(row_error(line, header(e.field()), e.field(), e.code()));
            }
        }
        if !consents.contains(&Purpose::Registry) && errors.is_empty() {
            errors.push(row_error(
                line,
                header("consent_registry"),
                "consent_registry",
                "required",
            ));
        }
        if !errors.is_empty() {
            return Ok(RowOutcome::Rejected(errors));
        }
        let result = self
            .registry
            .import_person(actor, &input, &consents, batch, request_id)
            .await;
        match result {
            Ok(id) => Ok(RowOutcome::Imported(id)),
            Err(RegistryError::Forbidden) => Ok(RowOutcome::Rejected(vec![row_error(
                line,
                String::new(),
                "row",
                "forbidden",
            )])),
            Err(RegistryError::Invalid(es)) => Ok(RowOutcome::Rejected(
                es.iter()
                    .map(|e| row_error(line, header(e.field()), e.field(), e.code()))
                    .collect(),
            )),
            Err(RegistryError::Conflict("people_source_key")) => {
                let existing = self
                    .store
                    .find_person_by_source(request.source_kind, input.source_key.trim())
                    .await?;
                let same = match (existing, parsed) {
                    (Some(person), Ok((facts, _))) => person.facts == facts,
                    _ => false,
                };
                if same {
                    Ok(RowOutcome::Unchanged)
                } else {
                    Ok(RowOutcome::Rejected(vec![row_error(
                        line,
                        header("source_key"),
                        "source_key",
                        "conflict",
                    )]))
                }
            }
            Err(RegistryError::Conflict(_)) => Ok(RowOutcome::Rejected(vec![row_error(
                line,
                String::new(),
                "row",
                "conflict",
            )])),
            Err(RegistryError::NotFound) => Err(ImportError::NotFound),
            Err(RegistryError::Store(e)) => Err(ImportError::Store(e)),
        }
    }

    fn may_see(actor: &Actor, batch: &ImportBatch) -> bool {
        batch.created_by == actor.account_id || actor.roles.contains(&Role::CentralOfficer)
    }

    /// The batches the caller may see (a central officer: all; other staff: their own), newest
    /// first.
    ///
    /// # Errors
    /// `Forbidden` for accounts that may not import.
    pub async fn list(&self, actor: &Actor) -> Result<Vec<ImportBatch>, ImportError> {
        if !may_import(actor) {
            return Err(ImportError::Forbidden);
        }
        let own = (!actor.roles.contains(&Role::CentralOfficer)).then_some(actor.account_id);
        Ok(self.store.list_import_batches(own, LIST_LIMIT).await?)
    }

    /// One batch and the errors of its rejected rows: its creator or a central officer.
    ///
    /// # Errors
    /// `NotFound` (also for a batch the caller may not see).
    pub async fn get(
        &self,
        actor: &Actor,
        id: ImportBatchId,
    ) -> Result<(ImportBatch, Vec<RowError>), ImportError> {
        let batch = self.store.get_import_batch(id).await?;
        if !Self::may_see(actor, &batch) {
            return Err(ImportError::NotFound);
        }
        let errors = self.store.list_import_errors(id).await?;
        Ok((batch, errors))
    }

    /// Undoes a batch: every person it created is erased (the registry's erasure: a tombstone
    /// stays, the consent ledger and the audit log are kept) and the batch is marked `undone`.
    /// Only the batch's creator or a central officer.
    ///
    /// # Errors
    /// `NotFound`; `Forbidden`; `Conflict("import_batch_undone")` when already undone,
    /// `Conflict("import_batch_running")` while it runs.
    pub async fn undo(
        &self,
        actor: &Actor,
        id: ImportBatchId,
        request_id: Option<RequestId>,
    ) -> Result<ImportBatch, ImportError> {
        let mut batch = self.store.get_import_batch(id).await?;
        if !Self::may_see(actor, &batch) {
            return Err(if may_import(actor) {
                ImportError::NotFound
            } else {
                ImportError::Forbidden
            });
        }
        match batch.status {
            BatchStatus::Undone => return Err(ImportError::Conflict("import_batch_undone")),
            BatchStatus::Running => return Err(ImportError::Conflict("import_batch_running")),
            BatchStatus::Done => {}
        }
        for person in self.store.list_import_people(id).await? {
            let at = self.clock.now();
            let audit = NewAuditEvent::new(
                at,
                Some(actor.account_id),
                AuditAction::PersonErased,
                SubjectKind::Person,
                Some(person.to_string()),
                AuditPurpose::Registry,
            )
            .in_request(request_id);
            match self.store.erase_person(person, at, &audit).await {
                Ok(()) | Err(crate::store::StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        batch.status = BatchStatus::Undone;
        self.store.update_import_batch(&batch).await?;
        Ok(batch)
    }
}
