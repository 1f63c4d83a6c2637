//! The registry store: people, their categories and the consent ledger. Every change is
//! written with its audit entry in one transaction; the consent ledger and the audit log are
//! append-only.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::consent::ConsentEvent;
use super::person::{Person, PersonFacts, RecordSource, SourceKind};
use crate::audit::NewAuditEvent;
use crate::shared::{
    AccountId, CountryCode, ImportBatchId, Language, OrgUnitPath, OrganizationId, Page,
    PageRequest, PersonId,
};
use crate::store::StoreError;

/// Which people a caller may see in lists: a person is listed when any clause matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeClause {
    /// Everyone who consented to be in the registry.
    AllInRegistry,
    /// People in the registry whose hometown lies in this unit or below.
    HomeUnit(OrgUnitPath),
    /// People in the registry living in this host country.
    HostCountry(CountryCode),
    /// People in the registry who consented to share their data with this organization.
    SharedWith(OrganizationId),
    /// The person whose own account this is (consent to the registry not required).
    Owner(AccountId),
}

/// Filters of the people list. Empty fields do not filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonFilter {
    /// What the caller may see (decided by the service, never by the client).
    pub scope: Vec<ScopeClause>,
    /// Country of residence.
    pub residence_country: Option<CountryCode>,
    /// Region of residence, as written (case-insensitive match).
    pub residence_region: Option<String>,
    /// A legal category that applies (a category code of the configured profile).
    pub category: Option<String>,
    /// An ISCO-08 code or prefix (a major group lists its unit groups).
    pub occupation: Option<String>,
    /// A language spoken.
    pub language: Option<String>,
    /// Born in or after this year.
    pub born_from: Option<i32>,
    /// Born in or before this year.
    pub born_until: Option<i32>,
    /// Where the record came from.
    pub source: Option<SourceKind>,
    /// Whose alphabet orders the names.
    pub order: Language,
}

impl PersonFilter {
    /// No filter beyond the scope, in `order`'s alphabet.
    pub fn within(scope: Vec<ScopeClause>, order: Language) -> Self {
        Self {
            scope,
            residence_country: None,
            residence_region: None,
            category: None,
            occupation: None,
            language: None,
            born_from: None,
            born_until: None,
            source: None,
            order,
        }
    }
}

/// A row of the people list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonSummary {
    /// Identifier.
    pub id: PersonId,
    /// The primary name, family name first.
    pub display_name: String,
    /// Country of residence.
    pub residence_country: Option<CountryCode>,
    /// City of residence.
    pub residence_city: Option<String>,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Where the record came from.
    pub source: SourceKind,
    /// Hometown, for the scope check of the row.
    pub hometown: Option<OrgUnitPath>,
}

/// A category finding as stored for filtering: the categories that apply, and those still
/// undetermined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCategory {
    /// Category code.
    pub code: &'static str,
    /// `true`: applies; `false`: undetermined (categories that do not apply are not stored).
    pub applies: bool,
}

/// What the store writes for a new person.
#[derive(Clone, Debug)]
pub struct NewPersonRecord {
    /// Identifier.
    pub id: PersonId,
    /// The facts.
    pub facts: PersonFacts,
    /// Where it came from; `(kind, key)` is unique when the key is present
    /// (`Conflict { constraint: "people_source_key" }`).
    pub source: RecordSource,
    /// The person's own account, if self-registered (unique: `people_account_id_key`).
    pub account: Option<AccountId>,
    /// The computed categories.
    pub categories: Vec<StoredCategory>,
    /// The consents given with the record.
    pub consents: Vec<ConsentEvent>,
    /// When.
    pub created_at: OffsetDateTime,
    /// The import batch that created the record, if any (for undoing the batch).
    pub import_batch: Option<ImportBatchId>,
}

/// Storage of the registry.
#[async_trait]
pub trait RegistryStore: Send + Sync {
    /// Creates a person with names, citizenships, languages, categories and initial consents.
    async fn insert_person(
        &self,
        record: &NewPersonRecord,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// The person; `NotFound` when absent or erased.
    async fn get_person(&self, id: PersonId) -> Result<Person, StoreError>;

    /// The person a source key names, if any.
    async fn find_person_by_source(
        &self,
        kind: SourceKind,
        key: &str,
    ) -> Result<Option<Person>, StoreError>;

    /// The person linked to an account, if any.
    async fn find_person_by_account(
        &self,
        account: AccountId,
    ) -> Result<Option<Person>, StoreError>;

    /// Replaces the facts and categories if the stored version is `expected_version`
    /// (`Conflict { constraint: "people_version" }` otherwise); returns the new version.
    async fn update_person(
        &self,
        id: PersonId,
        expected_version: i64,
        facts: &PersonFacts,
        categories: &[StoredCategory],
        at: OffsetDateTime,
        audit: &NewAuditEvent,
    ) -> Result<i64, StoreError>;

    /// People matching the filter and scope, in the filter's alphabetical order, seek-paged.
    async fn list_people(
        &self,
        filter: &PersonFilter,
        page: &PageRequest,
    ) -> Result<Page<PersonSummary>, StoreError>;

    /// Appends a consent event. A withdrawal takes effect in the same transaction for every
    /// reader (the ledger is the only source of the current state).
    async fn insert_consent_event(
        &self,
        person: PersonId,
        event: &ConsentEvent,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// The person's whole consent ledger, oldest first.
    async fn list_consent_events(&self, person: PersonId) -> Result<Vec<ConsentEvent>, StoreError>;

    /// Erases a person: every personal field, name, citizenship, language, category and the
    /// link to an account are removed; the row stays as a pseudonymous tombstone (id, source
    /// kind, erased-at) so the ledgers and the audit log keep their references.
    async fn erase_person(
        &self,
        id: PersonId,
        at: OffsetDateTime,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;
}
