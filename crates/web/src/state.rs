//! The state every handler receives: the domain services, the translations, the web settings.

use std::sync::Arc;

use otandas_domain::Services;
use otandas_domain::shared::Language;

use crate::i18n::Catalog;
use crate::mail::Mailer;
use crate::maps::Choropleth;

/// Settings of the web layer, from the server's configuration.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The language for readers who state no preference.
    pub default_language: Language,
    /// Mark cookies `Secure` and send HSTS (set when served behind TLS).
    pub secure_cookies: bool,
    /// Take the client address for login throttling from `X-Forwarded-For` (behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// The address people reach the platform at, for links in emails (no trailing slash).
    pub public_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            default_language: Language::En,
            secure_cookies: false,
            trust_forwarded_for: false,
            max_body_bytes: 1024 * 1024,
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// Shared by every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The domain services.
    pub services: Services,
    /// Every language's translations.
    pub catalog: Arc<Catalog>,
    /// Web settings.
    pub config: Arc<WebConfig>,
    /// Outgoing mail.
    pub mailer: Arc<dyn Mailer>,
    /// The world map, projected once at start-up and shared by every map drawn.
    pub world: Arc<Choropleth>,
}

impl AppState {
    /// Builds the state, loading the translations and projecting the world map.
    ///
    /// # Errors
    /// When an embedded Fluent file or the embedded world topology does not parse.
    pub fn new(
        services: Services,
        config: WebConfig,
        mailer: Arc<dyn Mailer>,
    ) -> Result<Self, String> {
        Ok(Self {
            services,
            catalog: Arc::new(Catalog::load()?),
            config: Arc::new(config),
            mailer,
            world: Arc::new(Choropleth::world().map_err(|e| format!("world map: {e}"))?),
        })
    }
}
