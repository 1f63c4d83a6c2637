//! Every service of the platform, built once at start-up over one store and one clock, and
//! shared by the web layer and the command-line tool.

use std::sync::Arc;

use crate::accounts::{AccountService, AuthConfig};
use crate::audit::AuditService;
use crate::categories::PolicyProfile;
use crate::imports::ImportService;
use crate::mapping::MappingService;
use crate::registry::RegistryService;
use crate::shared::Clock;
use crate::store::{Store, StoreError, StoreHealth};

/// The services, cheap to clone.
#[derive(Clone)]
pub struct Services {
    /// Accounts, sign-in and sessions.
    pub accounts: AccountService,
    /// The audit log.
    pub audit: AuditService,
    /// Counts for the diaspora map.
    pub mapping: MappingService,
    /// The compatriot registry.
    pub registry: RegistryService,
    /// Imports of people into the registry.
    pub imports: ImportService,
    store: Arc<dyn Store>,
}

impl Services {
    /// Builds every service over `store`; legal categories follow `profile`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        auth: AuthConfig,
        profile: PolicyProfile,
    ) -> Self {
        let registry = RegistryService::new(Arc::clone(&store), Arc::clone(&clock), profile);
        Self {
            accounts: AccountService::new(Arc::clone(&store), Arc::clone(&clock), auth),
            audit: AuditService::new(Arc::clone(&store), Arc::clone(&clock)),
            mapping: MappingService::new(Arc::clone(&store), Arc::clone(&clock), profile),
            imports: ImportService::new(Arc::clone(&store), clock, registry.clone()),
            registry,
            store,
        }
    }

    /// Storage health, for `/healthz`.
    ///
    /// # Errors
    /// When the database cannot be reached.
    pub async fn health(&self) -> Result<StoreHealth, StoreError> {
        self.store.health().await
    }
}
