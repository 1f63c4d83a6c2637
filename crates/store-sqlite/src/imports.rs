//! The import store on SQLite: batches with their counts, the errors of rejected rows, and the
//! people a batch created (`people.import_batch_id`).

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::imports::{BatchStatus, ImportBatch, ImportCounts, ImportStore, RowError};
use otandas_domain::registry::SourceKind;
use otandas_domain::shared::{AccountId, ImportBatchId, PersonId};
use uuid::Uuid;

use crate::error::{map_err, map_err_fkey};
use crate::rows::{corrupt, from_micros, to_micros};
use crate::store::SqliteStore;

/// The columns of [`BatchRow`], as a literal for `concat!`.
macro_rules! batch_columns {
    () => {
        "id, created_by, created_at, file_name, source_kind, status, total, done, imported, \
         unchanged, rejected"
    };
}

/// An `import_batches` row.
#[derive(sqlx::FromRow)]
struct BatchRow {
    id: Uuid,
    created_by: Uuid,
    created_at: i64,
    file_name: String,
    source_kind: String,
    status: String,
    total: i64,
    done: i64,
    imported: i64,
    unchanged: i64,
    rejected: i64,
}

fn count(value: i64, column: &'static str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt("import_batches", column))
}

impl TryFrom<BatchRow> for ImportBatch {
    type Error = StoreError;

    fn try_from(row: BatchRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: ImportBatchId::from_uuid(row.id),
            created_by: AccountId::from_uuid(row.created_by),
            created_at: from_micros(row.created_at)?,
            file_name: row.file_name,
            source_kind: SourceKind::parse(&row.source_kind)
                .ok_or_else(|| corrupt("import_batches", "source_kind"))?,
            status: BatchStatus::parse(&row.status)
                .ok_or_else(|| corrupt("import_batches", "status"))?,
            counts: ImportCounts {
                total: count(row.total, "total")?,
                done: count(row.done, "done")?,
                imported: count(row.imported, "imported")?,
                unchanged: count(row.unchanged, "unchanged")?,
                rejected: count(row.rejected, "rejected")?,
            },
        })
    }
}

#[async_trait]
impl ImportStore for SqliteStore {
    async fn insert_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError> {
        let c = batch.counts;
        sqlx::query(
            "INSERT INTO import_batches (id, created_by, created_at, file_name, source_kind, \
             status, total, done, imported, unchanged, rejected) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(batch.id.as_uuid())
        .bind(batch.created_by.as_uuid())
        .bind(to_micros(batch.created_at)?)
        .bind(&batch.file_name)
        .bind(batch.source_kind.as_str())
        .bind(batch.status.as_str())
        .bind(i64::from(c.total))
        .bind(i64::from(c.done))
        .bind(i64::from(c.imported))
        .bind(i64::from(c.unchanged))
        .bind(i64::from(c.rejected))
        .execute(&self.pool)
        .await
        .map_err(map_err_fkey("import_batches_created_by_fkey"))?;
        Ok(())
    }

    async fn update_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError> {
        let c = batch.counts;
        let updated = sqlx::query(
            "UPDATE import_batches SET status = ?, total = ?, done = ?, imported = ?, \
             unchanged = ?, rejected = ? WHERE id = ?",
        )
        .bind(batch.status.as_str())
        .bind(i64::from(c.total))
        .bind(i64::from(c.done))
        .bind(i64::from(c.imported))
        .bind(i64::from(c.unchanged))
        .bind(i64::from(c.rejected))
        .bind(batch.id.as_uuid())
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn insert_import_errors(
        &self,
        batch: ImportBatchId,
        errors: &[RowError],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for e in errors {
            sqlx::query(
                "INSERT INTO import_errors (batch_id, line, column_header, field, code) \
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(batch.as_uuid())
            .bind(i64::from(e.line))
            .bind(&e.column_header)
            .bind(&e.field)
            .bind(&e.code)
            .execute(&mut *tx)
            .await
            .map_err(map_err_fkey("import_errors_batch_id_fkey"))?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn get_import_batch(&self, id: ImportBatchId) -> Result<ImportBatch, StoreError> {
        let row: Option<BatchRow> = sqlx::query_as(concat!(
            "SELECT ",
            batch_columns!(),
            " FROM import_batches WHERE id = ?"
        ))
        .bind(id.as_uuid())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn list_import_batches(
        &self,
        created_by: Option<AccountId>,
        limit: u32,
    ) -> Result<Vec<ImportBatch>, StoreError> {
        let rows: Vec<BatchRow> = sqlx::query_as(concat!(
            "SELECT ",
            batch_columns!(),
            " FROM import_batches \
             WHERE (? IS NULL OR created_by = ?) ORDER BY id DESC LIMIT ?"
        ))
        .bind(created_by.map(|a| a.as_uuid()))
        .bind(created_by.map(|a| a.as_uuid()))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter().map(ImportBatch::try_from).collect()
    }

    async fn list_import_errors(&self, batch: ImportBatchId) -> Result<Vec<RowError>, StoreError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT line, column_header, field, code FROM import_errors \
             WHERE batch_id = ? ORDER BY line, position",
        )
        .bind(batch.as_uuid())
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(line, column_header, field, code)| {
                Ok(RowError {
                    line: u32::try_from(line).map_err(|_| corrupt("import_errors", "line"))?,
                    column_header,
                    field,
                    code,
                })
            })
            .collect()
    }

    async fn list_import_people(&self, batch: ImportBatchId) -> Result<Vec<PersonId>, StoreError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM people WHERE import_batch_id = ? AND status = 'active' ORDER BY id",
        )
        .bind(batch.as_uuid())
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(ids.into_iter().map(PersonId::from_uuid).collect())
    }
}
