//! The import store on PostgreSQL: batches with their counts, the errors of rejected rows, and the
//! people a batch created (`people.import_batch_id`).

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::imports::{BatchStatus, ImportBatch, ImportCounts, ImportStore, RowError};
use otandas_domain::registry::SourceKind;
use otandas_domain::shared::{AccountId, ImportBatchId, PersonId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::map_err;
use crate::rows::corrupt;
use crate::store::PgStore;

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
    created_at: OffsetDateTime,
    file_name: String,
    source_kind: String,
    status: String,
    total: i32,
    done: i32,
    imported: i32,
    unchanged: i32,
    rejected: i32,
}

fn count(value: i32, column: &'static str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| corrupt("import_batches", column))
}

/// A count as an `INTEGER` (counts above `i32::MAX` are stored as the maximum).
fn sql_count(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

impl TryFrom<BatchRow> for ImportBatch {
    type Error = StoreError;

    fn try_from(row: BatchRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: ImportBatchId::from_uuid(row.id),
            created_by: AccountId::from_uuid(row.created_by),
            created_at: row.created_at,
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
impl ImportStore for PgStore {
    async fn insert_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError> {
        let c = batch.counts;
        sqlx::query(
            "INSERT INTO import_batches (id, created_by, created_at, file_name, source_kind, \
             status, total, done, imported, unchanged, rejected) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(batch.id.as_uuid())
        .bind(batch.created_by.as_uuid())
        .bind(batch.created_at)
        .bind(&batch.file_name)
        .bind(batch.source_kind.as_str())
        .bind(batch.status.as_str())
        .bind(sql_count(c.total))
        .bind(sql_count(c.done))
        .bind(sql_count(c.imported))
        .bind(sql_count(c.unchanged))
        .bind(sql_count(c.rejected))
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn update_import_batch(&self, batch: &ImportBatch) -> Result<(), StoreError> {
        let c = batch.counts;
        let updated = sqlx::query(
            "UPDATE import_batches SET status = $1, total = $2, done = $3, imported = $4, \
             unchanged = $5, rejected = $6 WHERE id = $7",
        )
        .bind(batch.status.as_str())
        .bind(sql_count(c.total))
        .bind(sql_count(c.done))
        .bind(sql_count(c.imported))
        .bind(sql_count(c.unchanged))
        .bind(sql_count(c.rejected))
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
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(batch.as_uuid())
            .bind(sql_count(e.line))
            .bind(&e.column_header)
            .bind(&e.field)
            .bind(&e.code)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn get_import_batch(&self, id: ImportBatchId) -> Result<ImportBatch, StoreError> {
        let row: Option<BatchRow> = sqlx::query_as(concat!(
            "SELECT ",
            batch_columns!(),
            " FROM import_batches WHERE id = $1"
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
             WHERE ($1::uuid IS NULL OR created_by = $1) ORDER BY id DESC LIMIT $2"
        ))
        .bind(created_by.map(|a| a.as_uuid()))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter().map(ImportBatch::try_from).collect()
    }

    async fn list_import_errors(&self, batch: ImportBatchId) -> Result<Vec<RowError>, StoreError> {
        let rows: Vec<(i32, String, String, String)> = sqlx::query_as(
            "SELECT line, column_header, field, code FROM import_errors \
             WHERE batch_id = $1 ORDER BY line, position",
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
            "SELECT id FROM people WHERE import_batch_id = $1 AND status = 'active' ORDER BY id",
        )
        .bind(batch.as_uuid())
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(ids.into_iter().map(PersonId::from_uuid).collect())
    }
}
