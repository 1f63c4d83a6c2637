//! `otandas import people FILE` and `otandas import undo BATCH`: a staff account's import of
//! a CSV or XLSX file from the command line, with a progress bar on standard error, a summary
//! on standard output and the error report written where asked.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use otandas_domain::Services;
use otandas_domain::access::Actor;
use otandas_domain::accounts::AccountStatus;
use otandas_domain::imports::{ColumnMapping, ImportRequest};
use otandas_domain::registry::{Purpose, SourceKind};
use otandas_domain::shared::{EmailAddress, ImportBatchId};
use otandas_domain::store::Store;
use otandas_web::import_file::{error_report_csv, read_file};

/// The active staff account named by `email`, as an actor with its roles.
pub async fn actor_by_email(store: &Arc<dyn Store>, email: &str) -> anyhow::Result<Actor> {
    let email = EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("--as: {e}"))?;
    let credentials = store
        .find_credentials(&email)
        .await?
        .with_context(|| format!("no account {}", email.as_ref()))?;
    let account = credentials.account;
    if account.status != AccountStatus::Active {
        bail!("the account {} is disabled", email.as_ref());
    }
    Ok(Actor::new(account.id, account.roles))
}

/// Draws `done/total` as a bar on standard error, rewriting one line.
fn draw(done: u32, total: u32) {
    const WIDTH: usize = 30;
    let filled = if total == 0 {
        0
    } else {
        usize::try_from(u64::from(done) * 30 / u64::from(total))
            .unwrap_or(WIDTH)
            .min(WIDTH)
    };
    let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r[{bar}] {done}/{total}");
    if done == total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

/// The consent purposes named in `--consent` (`registry`, `statistics`, `contact`,
/// `matching`).
fn consents(names: &[String]) -> anyhow::Result<Vec<Purpose>> {
    names
        .iter()
        .flat_map(|n| n.split(','))
        .map(|n| match n.trim() {
            "registry" => Ok(Purpose::Registry),
            "statistics" => Ok(Purpose::Statistics),
            "contact" => Ok(Purpose::ContactByAgency),
            "matching" => Ok(Purpose::Matching),
            other => bail!("unknown consent {other} (registry, statistics, contact, matching)"),
        })
        .collect()
}

/// The suggested mapping with `FIELD=HEADER` overrides applied (`FIELD=` unmaps nothing).
fn mapping(headers: &[String], overrides: &[String]) -> anyhow::Result<ColumnMapping> {
    let mut mapping = ColumnMapping::suggest(headers);
    for o in overrides {
        let (field, header) = o
            .split_once('=')
            .with_context(|| format!("--map {o}: expected FIELD=HEADER"))?;
        let column = headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(header.trim()))
            .with_context(|| format!("--map {o}: no column {header}"))?;
        mapping
            .set(field.trim(), column)
            .map_err(|_| anyhow::anyhow!("--map {o}: unknown field {field}"))?;
    }
    Ok(mapping)
}

/// What `otandas import people` was asked to do.
pub struct PeopleImport<'a> {
    /// The file.
    pub file: &'a Path,
    /// `consulate`, `association` or `import`.
    pub source: &'a str,
    /// `FIELD=HEADER` overrides of the suggested mapping.
    pub overrides: &'a [String],
    /// Consents of rows without consent columns.
    pub consents: &'a [String],
    /// Where to write the error report.
    pub errors_out: Option<&'a Path>,
}

/// Imports a file as `actor`; prints the summary; writes the errors where asked.
pub async fn import_people(
    services: &Services,
    actor: &Actor,
    args: &PeopleImport<'_>,
) -> anyhow::Result<()> {
    let PeopleImport {
        file,
        source,
        overrides,
        errors_out,
        ..
    } = *args;
    let source_kind = SourceKind::parse(source)
        .filter(|k| {
            matches!(
                k,
                SourceKind::Consulate | SourceKind::Association | SourceKind::Import
            )
        })
        .with_context(|| {
            format!("--source must be consulate, association or import, not {source}")
        })?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let sheet = read_file(&bytes).with_context(|| format!("reading {}", file.display()))?;
    let mapping = mapping(&sheet.headers, overrides)?;
    if mapping.column("source_key").is_none() {
        bail!("no column is recognized as the source key (a header such as `source_key`)");
    }
    let request = ImportRequest {
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source_kind,
        headers: sheet.headers.clone(),
        mapping,
        default_consents: consents(args.consents)?,
        total: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX),
    };
    let report = services
        .imports
        .run(actor, &request, sheet.rows.into_iter(), &draw, None)
        .await
        .map_err(|e| anyhow::anyhow!("import failed: {e}"))?;
    let c = report.batch.counts;
    println!(
        "batch {}: {} imported, {} unchanged, {} rejected",
        report.batch.id, c.imported, c.unchanged, c.rejected
    );
    for e in &report.rejected {
        println!(
            "line {}: {} ({}): {}",
            e.line,
            e.field,
            if e.column_header.is_empty() {
                "-"
            } else {
                &e.column_header
            },
            e.code
        );
    }
    if let Some(out) = errors_out {
        let csv = error_report_csv(&report.rejected, |e| format!("{} {}", e.field, e.code));
        std::fs::write(out, csv).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(())
}

/// Undoes a batch as `actor`.
pub async fn undo(services: &Services, actor: &Actor, batch: &str) -> anyhow::Result<()> {
    let id: ImportBatchId = batch.parse().context("BATCH_ID is not a batch id")?;
    let batch = services
        .imports
        .undo(actor, id, None)
        .await
        .map_err(|e| anyhow::anyhow!("undo failed: {e}"))?;
    println!(
        "batch {} undone ({} people erased)",
        batch.id, batch.counts.imported
    );
    Ok(())
}
