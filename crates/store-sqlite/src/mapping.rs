//! The map's counts on SQLite: one `GROUP BY` over the people list's conditions. The SQL is
//! the same as PostgreSQL's but for the ledger's "minus infinity" (timestamps are integers
//! here) and the scope builder each engine owns.

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::mapping::{CountDimension, CountQuery, CountScope, MappingStore};
use otandas_domain::registry::ScopeClause;
use sqlx::{QueryBuilder, Sqlite};

use crate::error::map_err;
use crate::registry::push_scope;
use crate::store::SqliteStore;

/// Whether the statistics consent of `p` is granted now: as the registry consent of the
/// people list, latest grant later than latest withdrawal, a tie counting as withdrawn.
const STATISTICS_CONSENT_CURRENT: &str = "(SELECT MAX(c.at) FROM consent_events c \
     WHERE c.person_id = p.id AND c.purpose_kind = 'statistics' AND c.organization_id IS NULL \
     AND c.granted = TRUE) > (SELECT COALESCE(MAX(c.at), -9223372036854775807) \
     FROM consent_events c WHERE c.person_id = p.id AND c.purpose_kind = 'statistics' \
     AND c.organization_id IS NULL AND c.granted = FALSE)";

/// `(key expression, join, group expression)` of each dimension; the key of people without a
/// value is `unknown` (`disclosure::UNKNOWN_KEY`).
const fn grouping(dimension: CountDimension) -> (&'static str, &'static str, &'static str) {
    match dimension {
        CountDimension::Country => (
            "COALESCE(p.residence_country, 'unknown')",
            "",
            "p.residence_country",
        ),
        // Regions group case-insensitively (the list's filter key); the first spelling names it.
        CountDimension::Region => (
            "COALESCE(MIN(p.residence_region), 'unknown')",
            "",
            "p.residence_region_key",
        ),
        CountDimension::City => (
            "COALESCE(p.residence_city, 'unknown')",
            "",
            "p.residence_city",
        ),
        CountDimension::Occupation => (
            "COALESCE(substr(p.occupation, 1, 1), 'unknown')",
            "",
            "substr(p.occupation, 1, 1)",
        ),
        CountDimension::Sex => ("COALESCE(p.sex, 'unknown')", "", "p.sex"),
        CountDimension::AgeBand => (
            "COALESCE(CAST(p.birth_year AS TEXT), 'unknown')",
            "",
            "p.birth_year",
        ),
        CountDimension::Language => (
            "l.language",
            " JOIN person_languages l ON l.person_id = p.id",
            "l.language",
        ),
        CountDimension::Category => (
            "k.code",
            " JOIN person_categories k ON k.person_id = p.id AND k.applies = TRUE",
            "k.code",
        ),
        CountDimension::Ethnicity => (
            "e.group_code",
            " JOIN person_ethnicities e ON e.person_id = p.id",
            "e.group_code",
        ),
    }
}

#[async_trait]
impl MappingStore for SqliteStore {
    async fn count_people(
        &self,
        query: &CountQuery,
        scope: &CountScope,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let (key, join, group) = grouping(query.dimension);
        let mut sql = QueryBuilder::<Sqlite>::new("SELECT ");
        sql.push(key)
            .push(" AS k, COUNT(DISTINCT p.id) AS n FROM people p")
            .push(join)
            .push(" WHERE p.status = 'active'");
        if let Some(country) = query.country {
            sql.push(" AND p.residence_country = ")
                .push_bind(country.as_ref().to_owned());
        }
        if let Some(region) = &query.region {
            sql.push(" AND p.residence_region_key = ")
                .push_bind(region.clone());
        }
        if let Some(group) = &query.ethnicity {
            sql.push(
                " AND EXISTS (SELECT 1 FROM person_ethnicities f \
                 WHERE f.person_id = p.id AND f.group_code = ",
            )
            .push_bind(group.clone())
            .push(")");
        }
        match scope {
            CountScope::Staff(clauses) => {
                let clauses: Vec<ScopeClause> = clauses
                    .iter()
                    .filter(|c| !matches!(c, ScopeClause::Owner(_)))
                    .cloned()
                    .collect();
                if clauses.is_empty() {
                    return Ok(Vec::new());
                }
                push_scope(&mut sql, &clauses);
            }
            CountScope::Statistics => {
                sql.push(" AND ").push(STATISTICS_CONSENT_CURRENT);
            }
        }
        sql.push(" GROUP BY ").push(group);
        let rows: Vec<(String, i64)> = sql
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.into_iter()
            .map(|(key, n)| Ok((key, u64::try_from(n).map_err(StoreError::other)?)))
            .collect()
    }
}
