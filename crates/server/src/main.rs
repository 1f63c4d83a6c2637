//! `otandas`: the server and the command-line tool. The only crate that names a concrete store;
//! it picks SQLite or PostgreSQL from the database URL's scheme, builds the services and runs
//! the web application or an administrative command.

mod backend;
mod config;
mod demo;
mod demo_people;
mod import;
mod mail;

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use otandas_domain::Services;
use otandas_domain::accounts::{AuthConfig, NewAccountInput, ThrottlePolicy};
use otandas_domain::categories::{PolicyProfile, ProfileCode};
use otandas_domain::shared::{Language, SystemClock};
use otandas_web::{AppState, WebConfig};
use time::Duration;

use crate::backend::Backend;
use crate::config::{Config, redact_url};

/// otandas: diaspora engagement platform.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file (default: ./otandas.toml if present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application and the API.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long)]
        bind: Option<String>,
        /// Database URL (`sqlite://…` or `postgres://…`).
        #[arg(long)]
        database: Option<String>,
        /// Run on a throwaway SQLite database filled with demo accounts for every role.
        #[arg(long)]
        demo: bool,
        /// How many synthetic people the demo registers.
        #[arg(long, default_value_t = 3000)]
        demo_people: usize,
    },
    /// Apply pending database migrations.
    Migrate {
        /// Database URL.
        #[arg(long)]
        database: Option<String>,
    },
    /// Manage accounts from the command line.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import people into the registry, or undo an import.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Back up the database.
    Backup {
        /// The file to write (must not exist).
        #[arg(long)]
        out: PathBuf,
        /// Database URL.
        #[arg(long)]
        database: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import a CSV or XLSX file of people (header on line 1). Rows already imported with the
    /// same facts are skipped; every bad row is reported; the exit code is 0 even with rejected
    /// rows, non-zero when the file cannot be read.
    People {
        /// The CSV or XLSX file.
        file: PathBuf,
        /// Who the rows come from: `consulate`, `association` or `import`.
        #[arg(long, default_value = "import")]
        source: String,
        /// The staff account the import runs as (its roles decide which rows it may add).
        #[arg(long = "as")]
        actor: String,
        /// Column mapping: `auto` (from the headers), changed by `--map`.
        #[arg(long, default_value = "auto")]
        mapping: String,
        /// Map a field to a column: `FIELD=HEADER` (repeatable).
        #[arg(long = "map")]
        map: Vec<String>,
        /// Consents recorded for rows without consent columns (`registry,statistics,…`).
        #[arg(long)]
        consent: Vec<String>,
        /// Write the rejected rows' errors to this CSV file.
        #[arg(long)]
        errors: Option<PathBuf>,
        /// Database URL.
        #[arg(long)]
        database: Option<String>,
    },
    /// Undo an import: erase every person it created.
    Undo {
        /// The batch id printed by `import people`.
        batch: String,
        /// The staff account (the batch's creator or a central officer).
        #[arg(long = "as")]
        actor: String,
        /// Database URL.
        #[arg(long)]
        database: Option<String>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account with a second factor enrolled at once (the first administrator). The
    /// password is read from the first line of standard input.
    Create {
        /// Login email.
        #[arg(long)]
        email: String,
        /// Name shown.
        #[arg(long)]
        name: String,
        /// Role: `admin`, `central_officer`, `local_coordinator`, `consular_officer`,
        /// `org_admin`, `member`, `researcher` or `auditor`.
        #[arg(long, default_value = "admin")]
        role: String,
        /// The role's scope (org unit path, host country or organization id).
        #[arg(long)]
        scope: Option<String>,
        /// Interface language.
        #[arg(long, default_value = "en")]
        language: String,
        /// Database URL.
        #[arg(long)]
        database: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("OTANDAS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    warn_unknown_env();
    let config = Config::load(cli.config.as_deref())?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?
        .block_on(run(cli.command, config))
}

/// Warns about `OTANDAS_*` variables that configure nothing (a typo of `OTANDAS__…`).
fn warn_unknown_env() {
    for (key, _) in std::env::vars() {
        if key.starts_with("OTANDAS_")
            && !key.starts_with("OTANDAS__")
            && !key.starts_with("OTANDAS_TEST_")
            && key != "OTANDAS_LOG"
            && !key.starts_with("OTANDAS_E2E")
        {
            tracing::warn!(env.key = %key, "unknown environment variable; settings use OTANDAS__SECTION__KEY");
        }
    }
}

fn policy_profile(config: &Config) -> PolicyProfile {
    ProfileCode::parse(&config.registry.policy_profile)
        .map_or(PolicyProfile::Kazakhstan, ProfileCode::profile)
}

fn auth_config(config: &Config) -> AuthConfig {
    AuthConfig {
        idle_timeout: Duration::minutes(config.security.session_idle_minutes),
        absolute_timeout: Duration::hours(config.security.session_absolute_hours),
        throttle: ThrottlePolicy {
            per_login: config.security.max_failures_per_login,
            per_client: config.security.max_failures_per_client,
            window: Duration::minutes(config.security.throttle_window_minutes),
        },
        totp_issuer: "otandas".to_owned(),
    }
}

async fn run(command: Command, mut config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve {
            bind,
            database,
            demo,
            demo_people,
        } => {
            if let Some(bind) = bind {
                config.server.bind = bind;
            }
            if let Some(url) = database {
                config.database.url = url;
            }
            serve(config, demo.then_some(demo_people)).await
        }
        Command::Migrate { database } => {
            let url = database.unwrap_or(config.database.url);
            let backend = Backend::open(&url).await?;
            backend.migrate().await?;
            let health = backend.store().health().await?;
            println!("{} migrated to {}", health.engine, health.migration);
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    name,
                    role,
                    scope,
                    language,
                    database,
                },
        } => {
            let url = database.unwrap_or(config.database.url.clone());
            let backend = Backend::open(&url).await?;
            backend.migrate().await?;
            let services = Services::new(
                backend.store(),
                Arc::new(SystemClock),
                auth_config(&config),
                policy_profile(&config),
            );
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            let input = NewAccountInput {
                email,
                display_name: name,
                language,
                password: password.trim_end_matches(['\r', '\n']).to_owned(),
                role,
                scope,
            };
            let (account, secret) = match services.accounts.bootstrap_account(&input, true).await {
                Ok(created) => created,
                Err(otandas_domain::accounts::AccountError::Invalid(errors)) => {
                    bail!("invalid input: {errors}")
                }
                Err(other) => bail!("could not create the account: {other}"),
            };
            println!("created account {}", account.id);
            if let Some(secret) = secret {
                println!(
                    "second factor (add to an authenticator app): {}",
                    secret.otpauth_uri("otandas", account.email.as_ref())
                );
                println!("secret: {}", secret.to_base32());
            }
            Ok(())
        }
        Command::Import { command } => {
            let database = match &command {
                ImportCommand::People { database, .. } | ImportCommand::Undo { database, .. } => {
                    database.clone()
                }
            };
            let url = database.unwrap_or(config.database.url.clone());
            let backend = Backend::open(&url).await?;
            backend.migrate().await?;
            let services = Services::new(
                backend.store(),
                Arc::new(SystemClock),
                auth_config(&config),
                policy_profile(&config),
            );
            match command {
                ImportCommand::People {
                    file,
                    source,
                    actor,
                    mapping,
                    map,
                    consent,
                    errors,
                    ..
                } => {
                    if mapping != "auto" {
                        bail!("--mapping: only `auto` is supported (adjust it with --map)");
                    }
                    let actor = import::actor_by_email(&backend.store(), &actor).await?;
                    let args = import::PeopleImport {
                        file: &file,
                        source: &source,
                        overrides: &map,
                        consents: &consent,
                        errors_out: errors.as_deref(),
                    };
                    import::import_people(&services, &actor, &args).await
                }
                ImportCommand::Undo { batch, actor, .. } => {
                    let actor = import::actor_by_email(&backend.store(), &actor).await?;
                    import::undo(&services, &actor, &batch).await
                }
            }
        }
        Command::Backup { out, database } => {
            let url = database.unwrap_or(config.database.url);
            let backend = Backend::open(&url).await?;
            backend.backup(&out, &redact_url(&url)).await
        }
    }
}

async fn serve(mut config: Config, demo: Option<usize>) -> anyhow::Result<()> {
    let demo_dir = if demo.is_some() {
        let dir =
            std::env::temp_dir().join(format!("otandas-demo-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).context("creating the demo directory")?;
        config.database.url = format!("sqlite://{}?mode=rwc", dir.join("demo.db").display());
        config.database.migrate_on_start = true;
        Some(dir)
    } else {
        None
    };
    if let Some(parent) = sqlite_parent_dir(&config.database.url) {
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let backend = Backend::open(&config.database.url).await?;
    if config.database.migrate_on_start {
        backend.migrate().await?;
    }
    let store = backend.store();
    let services = Services::new(
        store,
        Arc::new(SystemClock),
        auth_config(&config),
        policy_profile(&config),
    );
    if let Some(people) = demo {
        let accounts = demo::populate(&services).await?;
        let officer = accounts
            .iter()
            .find(|a| {
                a.roles
                    .contains(&otandas_domain::access::Role::CentralOfficer)
            })
            .context("the demo has a central officer")?;
        let actor = otandas_domain::access::Actor::new(officer.id, officer.roles.clone());
        let started = std::time::Instant::now();
        let registered =
            demo_people::populate(&services, &actor, policy_profile(&config), people).await?;
        tracing::info!(
            people = registered,
            seconds = started.elapsed().as_secs_f64(),
            "demo population registered"
        );
    }
    let listener = tokio::net::TcpListener::bind(&config.server.bind)
        .await
        .with_context(|| format!("binding {}", config.server.bind))?;
    let address = listener.local_addr().context("reading the bound address")?;
    let mailer: Arc<dyn otandas_web::mail::Mailer> = if let Some(host) = &config.mail.smtp_host {
        Arc::new(mail::SmtpMailer::new(
            host,
            config.mail.smtp_port,
            &config.mail.from,
        )?)
    } else {
        let dir = demo_dir.as_ref().map_or_else(
            || PathBuf::from(&config.mail.outbox_dir),
            |demo| demo.join("outbox"),
        );
        if demo.is_some() {
            println!("demo-outbox {}", dir.display());
        }
        Arc::new(mail::OutboxMailer::new(dir, &config.mail.from)?)
    };
    let web = WebConfig {
        default_language: Language::from_tag(&config.i18n.default_language).unwrap_or(Language::En),
        secure_cookies: config.server.secure_cookies,
        trust_forwarded_for: config.server.trust_forwarded_for,
        max_body_bytes: config.server.max_body_bytes,
        public_url: config
            .server
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{address}")),
    };
    let state = AppState::new(services.clone(), web, mailer).map_err(anyhow::Error::msg)?;
    let app = otandas_web::app(state);
    println!("listening on http://{address}");
    tracing::info!(database = %redact_url(&config.database.url), "serving on http://{address}");

    let purger = services.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_mins(10));
        loop {
            tick.tick().await;
            if let Err(error) = purger.accounts.purge_expired_sessions().await {
                tracing::warn!(%error, "purging expired sessions failed");
            }
        }
    });

    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    if let Some(dir) = demo_dir {
        drop(backend);
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

fn sqlite_parent_dir(url: &str) -> Option<PathBuf> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    PathBuf::from(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(PathBuf::from)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sqlite_directory_is_found_in_the_url() {
        assert_eq!(
            sqlite_parent_dir("sqlite://data/otandas.db?mode=rwc"),
            Some(PathBuf::from("data"))
        );
        assert_eq!(sqlite_parent_dir("sqlite://otandas.db"), None);
        assert_eq!(sqlite_parent_dir("postgres://x@y/z"), None);
    }
}
