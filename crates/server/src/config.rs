//! Configuration: built-in defaults, then `otandas.toml` (or `--config FILE`), then environment
//! variables `OTANDAS__SECTION__KEY`. Unknown keys in either are an error, so a typo is never
//! silently ignored.

use std::fmt;
use std::path::Path;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// The whole configuration.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// HTTP server.
    pub server: ServerConfig,
    /// Storage.
    pub database: DatabaseConfig,
    /// Languages.
    pub i18n: I18nConfig,
    /// Sessions and login throttling.
    pub security: SecurityConfig,
    /// Outgoing mail.
    pub mail: MailConfig,
    /// The registry: which home country's law defines the legal categories.
    pub registry: RegistryConfig,
}

/// Outgoing mail: an SMTP relay if `smtp_host` is set, else an outbox directory.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// The relay's host (plain SMTP; the relay handles onward TLS).
    pub smtp_host: Option<String>,
    /// The relay's port.
    pub smtp_port: u16,
    /// The sender, e.g. `otandas <no-reply@example.kz>`.
    pub from: String,
    /// Where messages are written when no relay is set.
    pub outbox_dir: String,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_host: None,
            smtp_port: 25,
            from: "otandas <no-reply@localhost>".to_owned(),
            outbox_dir: "data/outbox".to_owned(),
        }
    }
}

/// Registry settings.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegistryConfig {
    /// The policy profile: `kz` (Kazakhstan) or `uz` (Uzbekistan).
    pub policy_profile: String,
}

impl Default for RegistryConfig {
    fn default() -> Self {
        Self {
            policy_profile: "kz".to_owned(),
        }
    }
}

/// HTTP server settings.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on.
    pub bind: String,
    /// Mark cookies Secure and send HSTS: set when served behind TLS.
    pub secure_cookies: bool,
    /// The address people reach the platform at (for links in emails); default: the bound address.
    pub public_url: Option<String>,
    /// Trust `X-Forwarded-For` for the client address (only behind a proxy you control).
    pub trust_forwarded_for: bool,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".to_owned(),
            secure_cookies: false,
            public_url: None,
            trust_forwarded_for: false,
            max_body_bytes: 1024 * 1024,
        }
    }
}

/// Storage settings.
#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path?mode=rwc` or `postgres://user:password@host/db`; the scheme picks the engine.
    pub url: String,
    /// Apply pending migrations at start-up.
    pub migrate_on_start: bool,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "sqlite://data/otandas.db?mode=rwc".to_owned(),
            migrate_on_start: true,
        }
    }
}

/// The URL without its password, for logs and `Debug`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = url.get(scheme_end + 3..at).unwrap_or_default();
            let user = credentials.split(':').next().unwrap_or_default();
            format!(
                "{}{user}:***{}",
                url.get(..scheme_end + 3).unwrap_or_default(),
                url.get(at..).unwrap_or_default()
            )
        }
        _ => url.to_owned(),
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &redact_url(&self.url))
            .field("migrate_on_start", &self.migrate_on_start)
            .finish()
    }
}

/// Language settings.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nConfig {
    /// For readers who state no preference: `kk`, `ru`, `uz` or `en`.
    pub default_language: String,
}

impl Default for I18nConfig {
    fn default() -> Self {
        Self {
            default_language: "en".to_owned(),
        }
    }
}

/// Sessions and throttling.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// A session ends after this many idle minutes.
    pub session_idle_minutes: i64,
    /// A session ends this many hours after login.
    pub session_absolute_hours: i64,
    /// Failed logins per email within the window before refusing.
    pub max_failures_per_login: u32,
    /// Failed logins per client address within the window before refusing.
    pub max_failures_per_client: u32,
    /// The throttling window, in minutes.
    pub throttle_window_minutes: i64,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            max_failures_per_login: 5,
            max_failures_per_client: 50,
            throttle_window_minutes: 15,
        }
    }
}

impl Config {
    /// Loads the configuration. `file` is read if given (it must exist) or, if not, `otandas.toml`
    /// in the working directory when present. Loading never writes a file.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Self::default()));
        match file {
            Some(path) => {
                if !path.exists() {
                    bail!("configuration file {} does not exist", path.display());
                }
                figment = figment.merge(Toml::file(path));
            }
            None => figment = figment.merge(Toml::file("otandas.toml")),
        }
        let config: Self = figment
            .merge(Env::prefixed("OTANDAS__").split("__"))
            .extract()
            .context("invalid configuration")?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if otandas_domain::shared::Language::from_tag(&self.i18n.default_language).is_none() {
            bail!("i18n.default_language must be one of kk, ru, uz, en");
        }
        if otandas_domain::categories::ProfileCode::parse(&self.registry.policy_profile).is_err() {
            bail!("registry.policy_profile must be kz or uz");
        }
        if self.security.session_idle_minutes <= 0 || self.security.session_absolute_hours <= 0 {
            bail!("session lifetimes must be positive");
        }
        Ok(())
    }
}

#[cfg(test)]
#[expect(
    clippy::result_large_err,
    reason = "figment's Jail API returns its own large error type"
)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/otandas"),
            "postgres://app:***@db:5432/otandas"
        );
        assert_eq!(
            redact_url("sqlite://data/otandas.db"),
            "sqlite://data/otandas.db"
        );
    }

    #[test]
    fn environment_overrides_and_unknown_keys_are_rejected() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OTANDAS__SERVER__BIND", "0.0.0.0:9000");
            jail.set_env("OTANDAS__I18N__DEFAULT_LANGUAGE", "kk");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.bind, "0.0.0.0:9000");
            assert_eq!(config.i18n.default_language, "kk");
            jail.set_env("OTANDAS__SERVER__BINDD", "x");
            assert!(Config::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn a_config_file_is_read_and_typos_in_it_fail() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "otandas.toml",
                "[database]\nurl = \"sqlite://x.db\"\nmigrate_on_start = false\n",
            )?;
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.database.url, "sqlite://x.db");
            assert!(!config.database.migrate_on_start);
            jail.create_file("otandas.toml", "[databse]\nurl = \"x\"\n")?;
            assert!(Config::load(None).is_err());
            assert!(Config::load(Some(Path::new("missing.toml"))).is_err());
            Ok(())
        });
    }
}
