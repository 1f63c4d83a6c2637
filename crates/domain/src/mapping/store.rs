//! The map's store: counts of people grouped by one dimension, never a person.

use async_trait::async_trait;

use super::query::CountQuery;
use crate::registry::ScopeClause;
use crate::store::StoreError;

/// Whose people a count covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountScope {
    /// Staff: the people their list scope covers (the same clauses, and the same registry
    /// consent, as `RegistryStore::list_people`; `Owner` clauses count nobody).
    Staff(Vec<ScopeClause>),
    /// Published statistics: the whole registry, but only people whose `statistics` consent
    /// is granted now (latest grant later than latest withdrawal).
    Statistics,
}

/// Storage of the map.
#[async_trait]
pub trait MappingStore: Send + Sync {
    /// How many active people in `scope` match the query's filters, per key of its
    /// dimension, in no particular order, keys without people left out.
    ///
    /// Keys: single-valued dimensions count people without a value under
    /// `disclosure::UNKNOWN_KEY`; occupation keys are the ISCO-08 major group (first digit);
    /// region keys are the region as first written (grouped case-insensitively); for
    /// [`super::CountDimension::AgeBand`] the keys are *birth years* (the service bands them,
    /// knowing today's date). Multi-valued dimensions (language, category that applies,
    /// ethnic group) count a person once per value and leave out people without one.
    async fn count_people(
        &self,
        query: &CountQuery,
        scope: &CountScope,
    ) -> Result<Vec<(String, u64)>, StoreError>;
}
