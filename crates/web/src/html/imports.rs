//! The console's imports: the list of batches with undo, the upload form, the column-mapping
//! step (headers, the first rows, a select per column pre-filled from the headers), the run in
//! a background task, and the batch page that refreshes itself (no JavaScript) while it runs,
//! lists every rejected row and offers them as a CSV download.
//!
//! Between the upload and the run the file is kept in `<temp>/otandas-uploads/<uuid>` and
//! removed when the run starts; uploads abandoned at the mapping step are removed by the next
//! upload after an hour. Their content is never logged.

use std::path::PathBuf;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use otandas_domain::accounts::ConsoleAccess;
use otandas_domain::imports::{
    BatchStatus, ColumnMapping, ImportBatch, ImportRequest, RowError, TARGET_FIELDS,
};
use otandas_domain::registry::{Purpose, SourceKind};
use otandas_domain::shared::ImportBatchId;
use time::macros::format_description;
use uuid::Uuid;

use super::util::{SelectOption, encode, page, render, see_other};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Form, Path, ReqId};
use crate::i18n::Tr;
use crate::import_file::{Sheet, UPLOAD_LIMIT, error_report_csv, read_file};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/imports", get(list))
        .route("/console/imports/new", get(new_form))
        .route(
            "/console/imports/upload",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/console/imports/run", post(run))
        .route("/console/imports/{id}", get(show))
        .route("/console/imports/{id}/errors.csv", get(errors_csv))
        .route("/console/imports/{id}/undo", post(undo))
}

/// The source kinds an import may name.
const SOURCES: [SourceKind; 3] = [
    SourceKind::Consulate,
    SourceKind::Association,
    SourceKind::Import,
];

/// The consent purposes a file's rows may be given by default, with their stable names.
const CONSENTS: [(&str, Purpose); 4] = [
    ("registry", Purpose::Registry),
    ("statistics", Purpose::Statistics),
    ("contact_by_agency", Purpose::ContactByAgency),
    ("matching", Purpose::Matching),
];

/// How many data rows the mapping step shows.
const PREVIEW_ROWS: usize = 5;

fn upload_dir() -> PathBuf {
    std::env::temp_dir().join("otandas-uploads")
}

fn upload_path(id: Uuid) -> PathBuf {
    upload_dir().join(id.to_string())
}

/// How long an upload waits for its mapping step.
const UPLOAD_TTL: std::time::Duration = std::time::Duration::from_hours(1);

/// Removes uploads older than [`UPLOAD_TTL`] (best effort).
async fn remove_stale_uploads() {
    let Ok(mut entries) = tokio::fs::read_dir(upload_dir()).await else {
        return;
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        let stale = entry
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > UPLOAD_TTL);
        if stale {
            let _ = tokio::fs::remove_file(entry.path()).await;
        }
    }
}

fn batch_id(raw: &str) -> Result<ImportBatchId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// The label of a target field (its form label; a second name variant is marked "(2)").
fn target_label(tr: &Tr, field: &str) -> String {
    if let Some(base) = field.strip_suffix("_2") {
        return format!("{} (2)", target_label(tr, base));
    }
    let key = match field {
        "name_script" => "field-script",
        "citizenship" => "field-citizenship_country",
        "languages" => "field-language-spoken",
        other => return tr.t(&format!("field-{other}")),
    };
    tr.t(key)
}

fn status_label(tr: &Tr, status: BatchStatus) -> String {
    tr.t(&format!("imports-status-{}", status.as_str()))
}

fn created_at(batch: &ImportBatch) -> String {
    batch
        .created_at
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

struct BatchRow {
    id: String,
    created_at: String,
    file_name: String,
    source: String,
    status: String,
    imported: u32,
    unchanged: u32,
    rejected: u32,
    undoable: bool,
}

#[derive(Template)]
#[template(path = "console/imports_page.html")]
struct ImportsPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    rows: Vec<BatchRow>,
}

async fn list(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let batches = state.services.imports.list(&user.actor).await?;
    let rows = batches
        .iter()
        .map(|b| BatchRow {
            id: b.id.to_string(),
            created_at: created_at(b),
            file_name: b.file_name.clone(),
            source: ctx.t(&format!("source-{}", b.source_kind.as_str())),
            status: status_label(&ctx.tr, b.status),
            imported: b.counts.imported,
            unchanged: b.counts.unchanged,
            rejected: b.counts.rejected,
            undoable: b.status == BatchStatus::Done && b.counts.imported > 0,
        })
        .collect();
    page(&ImportsPage {
        ctx,
        nav,
        active: "imports",
        rows,
    })
}

#[derive(Template)]
#[template(path = "console/import_new_page.html")]
struct NewPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    action: String,
    sources: Vec<SelectOption>,
    error: Option<String>,
}

fn new_page(
    ctx: PageContext,
    nav: ConsoleAccess,
    selected: SourceKind,
    error: Option<String>,
) -> NewPage {
    let sources = SOURCES
        .iter()
        .map(|s| SelectOption {
            value: s.as_str().to_owned(),
            label: ctx.t(&format!("source-{}", s.as_str())),
            selected: *s == selected,
        })
        .collect();
    NewPage {
        action: format!("/console/imports/upload?csrf={}", encode(&ctx.csrf)),
        ctx,
        nav,
        active: "imports",
        sources,
        error,
    }
}

async fn new_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    if !nav.people {
        return Err(WebError::Forbidden);
    }
    page(&new_page(ctx, nav, SourceKind::Import, None))
}

struct MappingColumn {
    index: usize,
    header: String,
    options: Vec<SelectOption>,
}

#[derive(Template)]
#[template(path = "console/import_mapping_page.html")]
struct MappingPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    upload: String,
    source_kind: String,
    file_name: String,
    total: usize,
    columns: Vec<MappingColumn>,
    preview: Vec<Vec<String>>,
    consents: Vec<SelectOption>,
}

fn mapping_page(
    ctx: PageContext,
    nav: ConsoleAccess,
    upload: Uuid,
    source_kind: SourceKind,
    file_name: String,
    sheet: &Sheet,
) -> MappingPage {
    let suggested = ColumnMapping::suggest(&sheet.headers);
    let columns = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| MappingColumn {
            index,
            header: header.clone(),
            options: TARGET_FIELDS
                .iter()
                .map(|f| SelectOption {
                    value: (*f).to_owned(),
                    label: target_label(&ctx.tr, f),
                    selected: suggested.field_of(index) == Some(*f),
                })
                .collect(),
        })
        .collect();
    let width = sheet.headers.len();
    let preview = sheet
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|(_, cells)| {
            let mut row: Vec<String> = cells.iter().take(width).cloned().collect();
            row.resize(width, String::new());
            row
        })
        .collect();
    let consents = CONSENTS
        .iter()
        .map(|(name, purpose)| SelectOption {
            value: (*name).to_owned(),
            label: ctx.t(&format!("purpose-{name}")),
            selected: *purpose == Purpose::Registry,
        })
        .collect();
    MappingPage {
        ctx,
        nav,
        active: "imports",
        upload: upload.to_string(),
        source_kind: source_kind.as_str().to_owned(),
        file_name,
        total: sheet.rows.len(),
        columns,
        preview,
        consents,
    }
}

fn source_kind(raw: &str) -> Result<SourceKind, WebError> {
    SourceKind::parse(raw)
        .filter(|s| SOURCES.contains(s))
        .ok_or(WebError::BadRequest("source_kind"))
}

async fn upload(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    if !nav.people {
        return Err(WebError::Forbidden);
    }
    let mut bytes = None;
    let mut file_name = String::new();
    let mut kind = SourceKind::Import;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::BadRequest("multipart"))?
    {
        match field.name() {
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                bytes = Some(field.bytes().await.map_err(|_| WebError::PayloadTooLarge)?);
            }
            Some("source_kind") => {
                let raw = field
                    .text()
                    .await
                    .map_err(|_| WebError::BadRequest("source_kind"))?;
                kind = source_kind(&raw)?;
            }
            _ => {}
        }
    }
    let bytes = bytes.unwrap_or_default();
    let sheet = match read_file(&bytes) {
        Ok(sheet) => sheet,
        Err(error) => {
            let message = ctx.t(&format!("imports-file-{}", error.code()));
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &new_page(ctx, nav, kind, Some(message)),
            );
        }
    };
    remove_stale_uploads().await;
    let id = Uuid::new_v4();
    let dir = upload_dir();
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| WebError::Internal(format!("upload directory: {e}")))?;
    tokio::fs::write(upload_path(id), &bytes)
        .await
        .map_err(|e| WebError::Internal(format!("saving an upload: {e}")))?;
    page(&mapping_page(ctx, nav, id, kind, file_name, &sheet))
}

async fn run(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let value = |key: &str| {
        form.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let upload: Uuid = value("upload")
        .parse()
        .map_err(|_| WebError::BadRequest("upload"))?;
    let kind = source_kind(value("source_kind"))?;
    let path = upload_path(upload);
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| WebError::NotFound)?;
    let _ = tokio::fs::remove_file(&path).await;
    let sheet = read_file(&bytes).map_err(|_| WebError::NotFound)?;
    let mut mapping = ColumnMapping::new();
    for (key, field) in &form {
        if let Some(column) = key.strip_prefix("col_")
            && !field.is_empty()
        {
            let column: usize = column.parse().map_err(|_| WebError::BadRequest("col"))?;
            mapping
                .set(field, column)
                .map_err(|e| WebError::Invalid(e.into()))?;
        }
    }
    let default_consents = form
        .iter()
        .filter(|(k, _)| k == "consent")
        .filter_map(|(_, v)| CONSENTS.iter().find(|(n, _)| n == v).map(|(_, p)| *p))
        .collect();
    let request = ImportRequest {
        file_name: value("file_name").to_owned(),
        source_kind: kind,
        headers: sheet.headers,
        mapping,
        default_consents,
        total: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX),
    };
    let imports = state.services.imports.clone();
    let batch = imports.begin(&user.actor, &request).await?;
    let id = batch.id;
    let actor = user.actor.clone();
    let rows = sheet.rows;
    tokio::spawn(async move {
        let result = imports
            .process(
                &actor,
                batch,
                &request,
                rows.into_iter(),
                &|_, _| {},
                Some(request_id),
            )
            .await;
        if let Err(error) = result {
            tracing::error!(%error, batch = %id, "import stopped");
        }
    });
    Ok(see_other(&format!("/console/imports/{id}")))
}

struct ErrorRow {
    line: u32,
    column: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "console/import_page.html")]
struct BatchPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    id: String,
    file_name: String,
    status: String,
    running: bool,
    undoable: bool,
    total: u32,
    done: u32,
    imported: u32,
    unchanged: u32,
    rejected: u32,
    errors: Vec<ErrorRow>,
}

async fn show(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let (batch, errors) = state
        .services
        .imports
        .get(&user.actor, batch_id(&id)?)
        .await?;
    let errors = errors
        .iter()
        .map(|e: &RowError| ErrorRow {
            line: e.line,
            column: e.column_header.clone(),
            reason: ctx.tr.row_error(e),
        })
        .collect();
    let c = batch.counts;
    page(&BatchPage {
        nav,
        active: "imports",
        id: batch.id.to_string(),
        file_name: batch.file_name.clone(),
        status: status_label(&ctx.tr, batch.status),
        running: batch.status == BatchStatus::Running,
        undoable: batch.status == BatchStatus::Done && c.imported > 0,
        total: c.total,
        done: c.done,
        imported: c.imported,
        unchanged: c.unchanged,
        rejected: c.rejected,
        errors,
        ctx,
    })
}

async fn errors_csv(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (batch, errors) = state
        .services
        .imports
        .get(&user.actor, batch_id(&id)?)
        .await?;
    let csv = error_report_csv(&errors, |e| ctx.tr.row_error(e));
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"import-errors-{}.csv\"",
        batch.id
    )) {
        headers.insert(CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

async fn undo(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = batch_id(&id)?;
    state
        .services
        .imports
        .undo(&user.actor, id, Some(request_id))
        .await?;
    Ok(see_other(&format!("/console/imports/{id}")))
}
