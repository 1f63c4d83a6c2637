//! Imports in the API: run an import from rows sent as JSON or from a CSV/XLSX file sent as
//! the body, list and read batches with their errors, undo a batch. The same service as the
//! console pages and the CLI.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use otandas_domain::imports::{
    ColumnMapping, ImportBatch, ImportError, ImportReport, ImportRequest, RowError,
};
use otandas_domain::registry::{Purpose, SourceKind};
use otandas_domain::shared::{ImportBatchId, ValidationError};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, ToSchema};

use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Json, Path, Query, ReqId};
use crate::import_file::{UPLOAD_LIMIT, read_file};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/imports", get(list_imports).post(create_import))
        .route(
            "/api/v1/imports/file",
            post(create_import_from_file).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/api/v1/imports/{id}", get(show_import))
        .route("/api/v1/imports/{id}/undo", post(undo_import))
}

impl From<ImportError> for WebError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::NotFound => Self::NotFound,
            ImportError::Forbidden => Self::Forbidden,
            ImportError::Invalid(errors) => Self::Invalid(errors),
            ImportError::Conflict(rule) => Self::Conflict(rule),
            ImportError::Store(store) => store.into(),
        }
    }
}

/// An import batch.
#[derive(Serialize, ToSchema)]
pub struct BatchDto {
    id: String,
    created_by: String,
    /// RFC 3339, UTC.
    created_at: String,
    file_name: String,
    source_kind: String,
    /// `running`, `done` or `undone`.
    status: String,
    total: u32,
    done: u32,
    imported: u32,
    unchanged: u32,
    rejected: u32,
}

impl From<&ImportBatch> for BatchDto {
    fn from(b: &ImportBatch) -> Self {
        Self {
            id: b.id.to_string(),
            created_by: b.created_by.to_string(),
            created_at: b.created_at.format(&Rfc3339).unwrap_or_default(),
            file_name: b.file_name.clone(),
            source_kind: b.source_kind.as_str().to_owned(),
            status: b.status.as_str().to_owned(),
            total: b.counts.total,
            done: b.counts.done,
            imported: b.counts.imported,
            unchanged: b.counts.unchanged,
            rejected: b.counts.rejected,
        }
    }
}

/// One problem of one rejected row.
#[derive(Serialize, ToSchema)]
pub struct RowErrorDto {
    /// The file's line (header = 1).
    line: u32,
    /// The header of the column at fault (empty for the whole row).
    column: String,
    field: String,
    /// `required`, `malformed`, `unknown`, `too-long`, `mismatch`, `forbidden`, `conflict`…
    code: String,
    /// The reason, in the reader's language.
    detail: String,
}

fn row_errors(ctx: &Ctx, errors: &[RowError]) -> Vec<RowErrorDto> {
    errors
        .iter()
        .map(|e| RowErrorDto {
            line: e.line,
            column: e.column_header.clone(),
            field: e.field.clone(),
            code: e.code.clone(),
            detail: ctx.0.tr.row_error(e),
        })
        .collect()
}

/// A batch with the errors of its rejected rows.
#[derive(Serialize, ToSchema)]
pub struct ReportDto {
    batch: BatchDto,
    errors: Vec<RowErrorDto>,
}

fn report(ctx: &Ctx, report: &ImportReport) -> Response {
    (
        StatusCode::CREATED,
        axum::Json(ReportDto {
            batch: BatchDto::from(&report.batch),
            errors: row_errors(ctx, &report.rejected),
        }),
    )
        .into_response()
}

/// An import of rows sent as JSON.
#[derive(Deserialize, ToSchema)]
pub struct ImportBody {
    /// A name for the batch (the file's name).
    #[serde(default)]
    file_name: String,
    /// `consulate`, `association` or `import`.
    source_kind: String,
    /// The header row; the first data row is line 2.
    headers: Vec<String>,
    /// The data rows, cells as text.
    rows: Vec<Vec<String>>,
    /// Target field → column index; guessed from the headers when absent.
    #[serde(default)]
    mapping: Option<std::collections::BTreeMap<String, usize>>,
    /// Consents of rows whose consent columns are absent or empty (`registry`, `statistics`,
    /// `contact_by_agency`, `matching`).
    #[serde(default)]
    consents: Vec<String>,
}

fn source_kind(raw: &str) -> Result<SourceKind, WebError> {
    SourceKind::parse(raw).ok_or_else(|| {
        WebError::Invalid(
            ValidationError::Unknown {
                field: "source_kind",
            }
            .into(),
        )
    })
}

fn purposes(raw: &[String]) -> Result<Vec<Purpose>, WebError> {
    raw.iter()
        .map(|p| Purpose::from_parts(p, None).map_err(|e| WebError::Invalid(e.into())))
        .collect()
}

fn rows_of(rows: Vec<Vec<String>>) -> Vec<(u32, Vec<String>)> {
    (2..).zip(rows).collect()
}

/// Imports rows sent as JSON. Every bad row is reported; good rows are kept; rows already
/// imported with the same facts are counted as unchanged.
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports", request_body = ImportBody,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = ReportDto), (status = 403, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn create_import(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    ctx: Ctx,
    Json(body): Json<ImportBody>,
) -> Result<Response, WebError> {
    let mapping = match body.mapping {
        None => ColumnMapping::suggest(&body.headers),
        Some(given) => {
            let mut mapping = ColumnMapping::new();
            for (field, column) in given {
                mapping
                    .set(&field, column)
                    .map_err(|e| WebError::Invalid(e.into()))?;
            }
            mapping
        }
    };
    let rows = rows_of(body.rows);
    let request = ImportRequest {
        file_name: body.file_name,
        source_kind: source_kind(&body.source_kind)?,
        headers: body.headers,
        mapping,
        default_consents: purposes(&body.consents)?,
        total: u32::try_from(rows.len()).unwrap_or(u32::MAX),
    };
    let done = state
        .services
        .imports
        .run(
            &user.actor,
            &request,
            rows.into_iter(),
            &|_, _| {},
            Some(request_id),
        )
        .await?;
    Ok(report(&ctx, &done))
}

/// Parameters of a file import.
#[derive(Deserialize, IntoParams)]
pub struct FileParams {
    /// `consulate`, `association` or `import`.
    source_kind: String,
    /// The file's name.
    #[serde(default)]
    file_name: String,
    /// Consents of rows without consent columns, comma-separated.
    #[serde(default)]
    consents: String,
}

/// Imports a CSV or XLSX file sent as the request body, with the mapping guessed from its
/// headers.
#[utoipa::path(post, path = "/api/v1/imports/file", tag = "imports", params(FileParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = ReportDto), (status = 403, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn create_import_from_file(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    ctx: Ctx,
    Query(params): Query<FileParams>,
    body: Bytes,
) -> Result<Response, WebError> {
    let sheet = read_file(&body)
        .map_err(|_| WebError::Invalid(ValidationError::Malformed { field: "file" }.into()))?;
    let consents: Vec<String> = params
        .consents
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let request = ImportRequest {
        file_name: params.file_name,
        source_kind: source_kind(&params.source_kind)?,
        mapping: ColumnMapping::suggest(&sheet.headers),
        headers: sheet.headers,
        default_consents: purposes(&consents)?,
        total: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX),
    };
    let done = state
        .services
        .imports
        .run(
            &user.actor,
            &request,
            sheet.rows.into_iter(),
            &|_, _| {},
            Some(request_id),
        )
        .await?;
    Ok(report(&ctx, &done))
}

/// The batches the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/imports", tag = "imports",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = Vec<BatchDto>), (status = 403, body = super::ErrorEnvelope)))]
pub async fn list_imports(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<axum::Json<Vec<BatchDto>>, WebError> {
    let batches = state.services.imports.list(&user.actor).await?;
    Ok(axum::Json(batches.iter().map(BatchDto::from).collect()))
}

fn batch_id(raw: &str) -> Result<ImportBatchId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// One batch with the errors of its rejected rows.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = ReportDto), (status = 404, body = super::ErrorEnvelope)))]
pub async fn show_import(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<axum::Json<ReportDto>, WebError> {
    let (batch, errors) = state
        .services
        .imports
        .get(&user.actor, batch_id(&id)?)
        .await?;
    Ok(axum::Json(ReportDto {
        batch: BatchDto::from(&batch),
        errors: row_errors(&ctx, &errors),
    }))
}

/// Undoes a batch: every person it created is erased. Its creator or a central officer.
#[utoipa::path(post, path = "/api/v1/imports/{id}/undo", tag = "imports",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = BatchDto), (status = 403, body = super::ErrorEnvelope), (status = 404, body = super::ErrorEnvelope), (status = 409, body = super::ErrorEnvelope)))]
pub async fn undo_import(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
) -> Result<axum::Json<BatchDto>, WebError> {
    let batch = state
        .services
        .imports
        .undo(&user.actor, batch_id(&id)?, Some(request_id))
        .await?;
    Ok(axum::Json(BatchDto::from(&batch)))
}
