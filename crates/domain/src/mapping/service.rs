//! The map's use case: a count table for whoever asks. Staff with a registry list scope get
//! exact counts within it; everyone else — researchers, members, the anonymous public — gets
//! people who consented to statistics, through primary and complementary suppression. The
//! rule "ethnicity never with sub-country geography" holds for everyone.
//!
//! Published tables share margins, and `disclosure` protects one table at a time, so what is
//! published is kept to one hierarchy: breakdowns of the whole registry, and breakdowns within
//! one country. The total of a breakdown within a country is that country's cell in the
//! country table; when the country table suppresses that cell, the breakdown is withheld
//! whole (its total, or even its cells as a lower bound, would undo the suppression). Filters
//! that would cut the registry other ways (a region, an ethnic group) are for staff only:
//! a filtered table publishes sub-cells of the unfiltered ones, which could reveal cells the
//! unfiltered tables suppress. Not covered: a cell of the whole-registry table of a dimension
//! equals the sum of that cell over every country's breakdown (a country × dimension table
//! published as separate rows); see the limits in `disclosure::suppress`.

use std::sync::Arc;

use super::error::MappingError;
use super::query::{AGE_BANDS, CountDimension, CountQuery, age_band};
use super::store::CountScope;
use crate::access::Actor;
use crate::categories::PolicyProfile;
use crate::disclosure::{
    Cell, CrossCheck, DisclosurePolicy, Published1D, Table1D, UNKNOWN_KEY, suppress_1d,
};
use crate::registry::{ScopeClause, list_scope};
use crate::shared::Clock;
use crate::store::Store;

/// A count table as the caller may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountTable {
    /// What was counted.
    pub query: CountQuery,
    /// `true`: exact counts of the caller's staff scope; `false`: people who consented to
    /// statistics, after disclosure control.
    pub exact: bool,
    /// Whether the whole table is withheld because it breaks down a country whose cell the
    /// country table suppresses.
    pub withheld: bool,
    /// The cells (keys sorted) and their total, each published or suppressed.
    pub table: Published1D,
}

impl CountTable {
    /// The total, unless suppressed.
    pub fn total(&self) -> Option<u64> {
        self.table.total().value()
    }

    /// Each key with its count (`None`: suppressed), in key order.
    pub fn cells(&self) -> impl Iterator<Item = (&str, Option<u64>)> + '_ {
        self.table.iter().map(|(key, cell)| (key, cell.value()))
    }

    /// How many cells are suppressed.
    pub fn suppressed(&self) -> usize {
        self.table
            .iter()
            .filter(|(_, c)| *c == Cell::Suppressed)
            .count()
    }
}

/// The map's use cases.
#[derive(Clone)]
pub struct MappingService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    profile: PolicyProfile,
    policy: DisclosurePolicy,
}

impl MappingService {
    /// The service over `store`; categories are those of `profile`, published tables follow
    /// the default disclosure policy (threshold 10).
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, profile: PolicyProfile) -> Self {
        Self {
            store,
            clock,
            profile,
            policy: DisclosurePolicy::default(),
        }
    }

    /// Counts people by the query's dimension, for `actor` (`None`: the anonymous public).
    ///
    /// # Errors
    /// `ForbiddenCross` when the query crosses ethnicity with region or city (for everyone);
    /// `Disclosure` when disclosure control refuses the table; `Store` when storage fails.
    #[tracing::instrument(skip_all, fields(dimension = query.dimension.code()))]
    pub async fn counts(
        &self,
        actor: Option<&Actor>,
        query: CountQuery,
    ) -> Result<CountTable, MappingError> {
        let dimensions = query.dimensions();
        let staff = actor.map(staff_scope).unwrap_or_default();
        let exact = !staff.is_empty();
        if exact {
            CrossCheck::allow_all(&dimensions)?;
        } else {
            CrossCheck::allow_published(&dimensions, &self.policy)?;
            if query.region.is_some() {
                return Err(MappingError::FilterNotPublished("region"));
            }
            if query.ethnicity.is_some() {
                return Err(MappingError::FilterNotPublished("ethnicity"));
            }
        }
        let scope = if exact {
            CountScope::Staff(staff)
        } else {
            CountScope::Statistics
        };
        let withheld = !exact && self.parent_suppressed(&query).await?;
        let policy = if exact {
            // Nothing is below 1 and zeros are kept: the table passes through unchanged.
            DisclosurePolicy {
                threshold: 1,
                suppress_zeros: false,
            }
        } else if withheld {
            // Every count, zeros and total included, is withheld.
            DisclosurePolicy {
                threshold: u64::MAX,
                suppress_zeros: true,
            }
        } else {
            self.policy
        };
        let rows = self.store.count_people(&query, &scope).await?;
        let raw = self.table(query.dimension, rows)?;
        let published = suppress_1d(&raw, &policy).published;
        Ok(CountTable {
            query,
            exact,
            withheld,
            table: published,
        })
    }

    /// Whether the published parent of a breakdown within a country — the country's cell of
    /// the country table — is suppressed or absent.
    async fn parent_suppressed(&self, query: &CountQuery) -> Result<bool, MappingError> {
        let Some(country) = query.country else {
            return Ok(false);
        };
        let countries = CountQuery::new(CountDimension::Country, None)?;
        let rows = self
            .store
            .count_people(&countries, &CountScope::Statistics)
            .await?;
        let published = suppress_1d(&self.table(CountDimension::Country, rows)?, &self.policy);
        Ok(published
            .published
            .get(country.as_ref())
            .is_none_or(Cell::is_suppressed))
    }

    /// The raw table: age bands from birth years, and every category of a closed list
    /// shown even when nobody is in it.
    fn table(
        &self,
        dimension: CountDimension,
        rows: Vec<(String, u64)>,
    ) -> Result<Table1D, MappingError> {
        let table = match dimension {
            CountDimension::AgeBand => {
                let year = self.clock.now().year();
                Table1D::from_counts(rows.into_iter().map(|(key, count)| {
                    let band = key
                        .parse::<i32>()
                        .ok()
                        .and_then(|born| age_band(born, year))
                        .unwrap_or(UNKNOWN_KEY);
                    (band, count)
                }))?
                .with_categories(AGE_BANDS.iter().map(|(key, _, _)| *key))
            }
            CountDimension::Sex => Table1D::from_counts(rows)?.with_categories(["female", "male"]),
            CountDimension::Occupation => Table1D::from_counts(rows)?
                .with_categories((0..=9).map(|digit: u8| digit.to_string())),
            CountDimension::Category => Table1D::from_counts(rows)?
                .with_categories(self.profile.categories().iter().map(|c| c.code)),
            CountDimension::Country
            | CountDimension::Region
            | CountDimension::City
            | CountDimension::Language
            | CountDimension::Ethnicity => Table1D::from_counts(rows)?,
        };
        Ok(table)
    }
}

/// The staff clauses of the actor's list scope: what they may count exactly. A member's own
/// record (`Owner`) is not a scope to count.
fn staff_scope(actor: &Actor) -> Vec<ScopeClause> {
    if !actor.is_staff() {
        return Vec::new();
    }
    list_scope(&actor.roles, actor.account_id)
        .into_iter()
        .filter(|c| !matches!(c, ScopeClause::Owner(_)))
        .collect()
}
