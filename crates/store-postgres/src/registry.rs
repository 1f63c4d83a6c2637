//! The registry store on PostgreSQL: people (one `people` row with the scalar facts, child tables
//! for the repeating ones), their computed categories and the append-only consent ledger.
//! Every write runs in one transaction with its audit entry. The current consent of a purpose
//! is never stored: the list query compares the latest grant and the latest withdrawal in the
//! ledger, so a withdrawal is in force for the next statement of any reader.

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::audit::NewAuditEvent;
use otandas_domain::categories::{
    Citizenship, CitizenshipPeriod, EthnicityAnswer, KandasGrant, KandasStatus,
};
use otandas_domain::codes::LanguageCode;
use otandas_domain::registry::{
    ConsentChannel, ConsentEvent, Employment, MaritalStatus, NewPersonRecord, PartialDate, Person,
    PersonFacts, PersonFilter, PersonSummary, Purpose, RegistryStore, ScopeClause, Sex, SourceKind,
    StoredCategory, StoredCitizenship, StoredLanguage, StoredName, StoredPerson, ethnic_group_code,
    permanence_code,
};
use otandas_domain::shared::{
    AccountId, CountryCode, OrgUnitPath, OrganizationId, Page, PageRequest, PersonId, SeekKey,
};
use sqlx::postgres::PgArguments;
use sqlx::query::{Query, QueryAs};
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::accounts::{seek_parts, sort_column};
use crate::audit::insert_event;
use crate::error::map_err;
use crate::rows::corrupt;
use crate::store::PgStore;

/// The columns of [`PersonRow`], as a literal for `concat!`.
macro_rules! person_columns {
    () => {
        "id, sex, birth_year, birth_month, birth_day, birth_country, birth_entity, birth_place, \
         ethnicity_state, citizenship_state, residence_country, residence_region, \
         residence_city, residence_since, residence_permanence, marital_status, education, \
         occupation, sector, employment, email, phone, hometown, kandas_state, kandas_granted, \
         kandas_valid_until, kandas_revoked, source_kind, source_key, account_id, version, \
         created_at, updated_at"
    };
}

/// Selects one person who is not erased, by id.
const PERSON_BY_ID: &str = concat!(
    "SELECT ",
    person_columns!(),
    " FROM people WHERE id = $1 AND status = 'active'"
);

/// Selects one person who is not erased, by source key.
const PERSON_BY_SOURCE: &str = concat!(
    "SELECT ",
    person_columns!(),
    " FROM people WHERE source_kind = $1 AND source_key = $2 AND status = 'active'"
);

/// Selects one person who is not erased, by account.
const PERSON_BY_ACCOUNT: &str = concat!(
    "SELECT ",
    person_columns!(),
    " FROM people WHERE account_id = $1 AND status = 'active'"
);

/// Inserts a person: the fact columns in the order [`bind_facts`] binds them, then the rest.
const INSERT_PERSON: &str = "INSERT INTO people (sex, birth_year, birth_month, birth_day, \
     birth_country, birth_entity, birth_place, ethnicity_state, citizenship_state, \
     residence_country, residence_region, residence_region_key, residence_city, residence_since, \
     residence_permanence, marital_status, education, occupation, sector, employment, email, \
     phone, hometown, kandas_state, kandas_granted, kandas_valid_until, kandas_revoked, \
     display_name, sort_kk, sort_ru, sort_uz, sort_en, \
     id, status, source_kind, source_key, account_id, version, created_at, updated_at, \
     import_batch_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
     $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, \
     $33, 'active', $34, $35, $36, 1, $37, $38, $39)";

/// Replaces the facts of a person at an expected version: the fact columns in the order
/// [`bind_facts`] binds them, then `updated_at`, id and version.
const UPDATE_PERSON: &str = "UPDATE people SET sex = $1, birth_year = $2, birth_month = $3, \
     birth_day = $4, birth_country = $5, birth_entity = $6, birth_place = $7, ethnicity_state = $8, \
     citizenship_state = $9, residence_country = $10, residence_region = $11, \
     residence_region_key = $12, residence_city = $13, residence_since = $14, \
     residence_permanence = $15, marital_status = $16, education = $17, occupation = $18, sector = $19, \
     employment = $20, email = $21, phone = $22, hometown = $23, kandas_state = $24, kandas_granted = $25, \
     kandas_valid_until = $26, kandas_revoked = $27, display_name = $28, sort_kk = $29, sort_ru = $30, \
     sort_uz = $31, sort_en = $32, updated_at = $33, version = version + 1 \
     WHERE id = $34 AND version = $35 AND status = 'active' RETURNING version";

/// Erases a person's row: every personal column NULL (or its "nothing known" state), names and
/// sort keys empty, the account unlinked. Only id, source kind, timestamps and version remain.
const ERASE_PERSON: &str = "UPDATE people SET status = 'erased', sex = NULL, \
     birth_year = NULL, birth_month = NULL, birth_day = NULL, birth_country = NULL, \
     birth_entity = NULL, birth_place = NULL, ethnicity_state = 'not_asked', \
     citizenship_state = 'unknown', residence_country = NULL, residence_region = NULL, \
     residence_region_key = NULL, residence_city = NULL, residence_since = NULL, \
     residence_permanence = NULL, marital_status = NULL, education = NULL, occupation = NULL, \
     sector = NULL, employment = NULL, email = NULL, phone = NULL, hometown = NULL, \
     kandas_state = 'unknown', kandas_granted = NULL, kandas_valid_until = NULL, \
     kandas_revoked = NULL, source_key = NULL, account_id = NULL, display_name = '', \
     sort_kk = '', sort_ru = '', sort_uz = '', sort_en = '', erased_at = $1, updated_at = $2, \
     version = version + 1 WHERE id = $3 AND status = 'active'";

/// Empties the child tables of the facts (not the ledger), on update and on erasure.
const DELETE_FACTS: [&str; 6] = [
    "DELETE FROM person_names WHERE person_id = $1",
    "DELETE FROM person_citizenships WHERE person_id = $1",
    "DELETE FROM person_ethnicities WHERE person_id = $1",
    "DELETE FROM person_languages WHERE person_id = $1",
    "DELETE FROM person_qualifications WHERE person_id = $1",
    "DELETE FROM person_categories WHERE person_id = $1",
];

/// Whether the registry consent of `p` is currently granted: its latest grant is later than
/// its latest withdrawal (none: `-infinity`). A withdrawal at the same instant as a
/// grant wins, as in `Consents::from_events`; no grant at all is not granted. Each side is one
/// descent of `consent_events_purpose_idx`.
const REGISTRY_CONSENT_CURRENT: &str = "(SELECT MAX(c.at) FROM consent_events c \
     WHERE c.person_id = p.id AND c.purpose_kind = 'registry' AND c.organization_id IS NULL \
     AND c.granted = TRUE) > (SELECT COALESCE(MAX(c.at), '-infinity') \
     FROM consent_events c WHERE c.person_id = p.id AND c.purpose_kind = 'registry' \
     AND c.organization_id IS NULL AND c.granted = FALSE)";

/// A `people` row, without the columns only lists and erasure use.
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: Uuid,
    sex: Option<String>,
    birth_year: Option<i32>,
    birth_month: Option<i32>,
    birth_day: Option<i32>,
    birth_country: Option<String>,
    birth_entity: Option<String>,
    birth_place: Option<String>,
    ethnicity_state: String,
    citizenship_state: String,
    residence_country: Option<String>,
    residence_region: Option<String>,
    residence_city: Option<String>,
    residence_since: Option<Date>,
    residence_permanence: Option<String>,
    marital_status: Option<String>,
    education: Option<String>,
    occupation: Option<String>,
    sector: Option<String>,
    employment: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    hometown: Option<String>,
    kandas_state: String,
    kandas_granted: Option<Date>,
    kandas_valid_until: Option<Date>,
    kandas_revoked: Option<Date>,
    source_kind: String,
    source_key: Option<String>,
    account_id: Option<Uuid>,
    version: i64,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

/// A `person_names` row.
#[derive(sqlx::FromRow)]
struct NameRow {
    given: String,
    family: String,
    patronymic: Option<String>,
    script: String,
    source: String,
}

/// A `person_citizenships` row.
#[derive(sqlx::FromRow)]
struct CitizenshipRow {
    country: String,
    held_from: Option<Date>,
    held_until: Option<Date>,
}

/// A `person_languages` row.
#[derive(sqlx::FromRow)]
struct LanguageRow {
    language: String,
    proficiency: String,
}

/// The repeating facts of one person, each list in its stored order.
struct ChildRows {
    names: Vec<NameRow>,
    citizenships: Vec<CitizenshipRow>,
    ethnicities: Vec<String>,
    languages: Vec<LanguageRow>,
    qualifications: Vec<String>,
}

/// A row of the people list with the sort key it was ordered by.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    display_name: String,
    residence_country: Option<String>,
    residence_city: Option<String>,
    birth_year: Option<i32>,
    source_kind: String,
    hometown: Option<String>,
    sort_key: String,
}

/// A `consent_events` row.
#[derive(sqlx::FromRow)]
struct ConsentRow {
    purpose_kind: String,
    organization_id: Option<Uuid>,
    granted: bool,
    at: OffsetDateTime,
    recorded_by: Option<Uuid>,
    channel: String,
}

/// The values of the scalar fact columns of `people`, in the order [`bind_facts`] binds them.
struct FactValues {
    sex: Option<&'static str>,
    birth_year: Option<i32>,
    birth_month: Option<i32>,
    birth_day: Option<i32>,
    birth_country: Option<String>,
    birth_entity: Option<String>,
    birth_place: Option<String>,
    ethnicity_state: &'static str,
    citizenship_state: &'static str,
    residence_country: Option<String>,
    residence_region: Option<String>,
    residence_region_key: Option<String>,
    residence_city: Option<String>,
    residence_since: Option<Date>,
    residence_permanence: Option<&'static str>,
    marital_status: Option<&'static str>,
    education: Option<String>,
    occupation: Option<String>,
    sector: Option<String>,
    employment: Option<&'static str>,
    email: Option<String>,
    phone: Option<String>,
    hometown: Option<String>,
    kandas_state: &'static str,
    kandas_granted: Option<Date>,
    kandas_valid_until: Option<Date>,
    kandas_revoked: Option<Date>,
    display_name: String,
    sort_keys: [String; 4],
}

/// The month and day of a partial date, read from its `YYYY[-MM[-DD]]` form (the type keeps
/// them private).
fn month_and_day(date: PartialDate) -> (Option<i32>, Option<i32>) {
    let text = date.to_string();
    let mut parts = text.split('-').skip(1).map(|p| p.parse::<i32>().ok());
    (parts.next().flatten(), parts.next().flatten())
}

/// Normalizes a region for the case-insensitive region filter.
fn region_key(region: &str) -> String {
    region.trim().to_lowercase()
}

impl FactValues {
    fn of(facts: &PersonFacts) -> Self {
        let (birth_month, birth_day) = facts.birth_date.map(month_and_day).unwrap_or_default();
        let residence = facts.residence.as_ref();
        let (kandas_state, grant) = match &facts.kandas {
            KandasStatus::Unknown => ("unknown", None),
            KandasStatus::NotHeld => ("not_held", None),
            KandasStatus::Held(grant) => ("held", Some(grant)),
        };
        Self {
            sex: facts.sex.map(Sex::as_str),
            birth_year: facts.birth_date.map(PartialDate::year),
            birth_month,
            birth_day,
            birth_country: facts.birth_country.map(|c| c.as_ref().to_owned()),
            birth_entity: facts.birth_entity.map(|e| e.as_ref().to_owned()),
            birth_place: facts.birth_place.clone(),
            ethnicity_state: match &facts.ethnicity {
                EthnicityAnswer::NotAsked => "not_asked",
                EthnicityAnswer::PreferNotToSay => "prefer_not_to_say",
                EthnicityAnswer::Groups(_) => "answered",
            },
            citizenship_state: match &facts.citizenship {
                Citizenship::Unknown => "unknown",
                Citizenship::History(_) => "history",
                Citizenship::Stateless { .. } => "stateless",
            },
            residence_country: residence.map(|r| r.country.as_ref().to_owned()),
            residence_region: residence.and_then(|r| r.region.clone()),
            residence_region_key: residence.and_then(|r| r.region.as_deref().map(region_key)),
            residence_city: residence.and_then(|r| r.city.clone()),
            residence_since: residence.and_then(|r| r.since),
            residence_permanence: residence.and_then(|r| r.permanence.map(permanence_code)),
            marital_status: facts.marital_status.map(MaritalStatus::as_str),
            education: facts.education.map(|e| e.as_ref().to_owned()),
            occupation: facts.occupation.map(|o| o.as_ref().to_owned()),
            sector: facts.sector.map(|s| s.as_ref().to_owned()),
            employment: facts.employment.map(Employment::as_str),
            email: facts.email.as_ref().map(|e| e.as_ref().to_owned()),
            phone: facts.phone.clone(),
            hometown: facts.hometown.as_ref().map(|h| h.as_ref().to_owned()),
            kandas_state,
            kandas_granted: grant.map(KandasGrant::granted),
            kandas_valid_until: grant.and_then(KandasGrant::valid_until),
            kandas_revoked: grant.and_then(KandasGrant::revoked),
            display_name: facts.display_name(),
            sort_keys: facts.sort_keys(),
        }
    }
}

/// Binds the fact columns of `values`, in the order of [`INSERT_PERSON`] and
/// [`UPDATE_PERSON`].
fn bind_facts(
    query: Query<'_, Postgres, PgArguments>,
    values: FactValues,
) -> Query<'_, Postgres, PgArguments> {
    let [sort_kk, sort_ru, sort_uz, sort_en] = values.sort_keys;
    query
        .bind(values.sex)
        .bind(values.birth_year)
        .bind(values.birth_month)
        .bind(values.birth_day)
        .bind(values.birth_country)
        .bind(values.birth_entity)
        .bind(values.birth_place)
        .bind(values.ethnicity_state)
        .bind(values.citizenship_state)
        .bind(values.residence_country)
        .bind(values.residence_region)
        .bind(values.residence_region_key)
        .bind(values.residence_city)
        .bind(values.residence_since)
        .bind(values.residence_permanence)
        .bind(values.marital_status)
        .bind(values.education)
        .bind(values.occupation)
        .bind(values.sector)
        .bind(values.employment)
        .bind(values.email)
        .bind(values.phone)
        .bind(values.hometown)
        .bind(values.kandas_state)
        .bind(values.kandas_granted)
        .bind(values.kandas_valid_until)
        .bind(values.kandas_revoked)
        .bind(values.display_name)
        .bind(sort_kk)
        .bind(sort_ru)
        .bind(sort_uz)
        .bind(sort_en)
}

/// A position in a child table.
fn position(index: usize) -> Result<i32, StoreError> {
    i32::try_from(index).map_err(StoreError::other)
}

/// Inserts the repeating facts of `person` (names, citizenships, ethnic groups, languages,
/// qualifications) and its categories.
async fn insert_children(
    conn: &mut PgConnection,
    person: Uuid,
    facts: &PersonFacts,
    categories: &[StoredCategory],
) -> Result<(), StoreError> {
    for (index, name) in facts.names.iter().enumerate() {
        sqlx::query(
            "INSERT INTO person_names \
             (person_id, position, given, family, patronymic, script, source) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(person)
        .bind(position(index)?)
        .bind(&name.given)
        .bind(&name.family)
        .bind(name.patronymic.as_deref())
        .bind(name.script.as_ref())
        .bind(name.source.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    let periods: &[CitizenshipPeriod] = match &facts.citizenship {
        Citizenship::Unknown => &[],
        Citizenship::History(periods) | Citizenship::Stateless { former: periods } => periods,
    };
    for (index, period) in periods.iter().enumerate() {
        sqlx::query(
            "INSERT INTO person_citizenships \
             (person_id, position, country, held_from, held_until) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(person)
        .bind(position(index)?)
        .bind(period.country().as_ref())
        .bind(period.from())
        .bind(period.until())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    if let EthnicityAnswer::Groups(groups) = &facts.ethnicity {
        for (index, group) in groups.iter().enumerate() {
            sqlx::query(
                "INSERT INTO person_ethnicities (person_id, position, group_code) \
                 VALUES ($1, $2, $3)",
            )
            .bind(person)
            .bind(position(index)?)
            .bind(ethnic_group_code(group))
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        }
    }
    for (index, skill) in facts.languages.iter().enumerate() {
        sqlx::query(
            "INSERT INTO person_languages (person_id, language, position, proficiency) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(person)
        .bind(skill.language.as_ref())
        .bind(position(index)?)
        .bind(skill.proficiency.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for (index, text) in facts.qualifications.iter().enumerate() {
        sqlx::query(
            "INSERT INTO person_qualifications (person_id, position, text) VALUES ($1, $2, $3)",
        )
        .bind(person)
        .bind(position(index)?)
        .bind(text)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for category in categories {
        sqlx::query("INSERT INTO person_categories (person_id, code, applies) VALUES ($1, $2, $3)")
            .bind(person)
            .bind(category.code)
            .bind(category.applies)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}

/// Deletes the repeating facts and the categories of `person`.
async fn delete_children(conn: &mut PgConnection, person: Uuid) -> Result<(), StoreError> {
    for statement in DELETE_FACTS {
        sqlx::query(statement)
            .bind(person)
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
    }
    Ok(())
}

/// Appends one ledger entry.
async fn insert_consent_row(
    conn: &mut PgConnection,
    person: Uuid,
    event: &ConsentEvent,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO consent_events \
         (person_id, purpose_kind, organization_id, granted, at, recorded_by, channel) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(person)
    .bind(event.purpose.kind())
    .bind(event.purpose.organization().map(|o| o.as_uuid()))
    .bind(event.granted)
    .bind(event.at)
    .bind(event.recorded_by.map(|a| a.as_uuid()))
    .bind(event.channel.as_str())
    .execute(conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

/// Whether a person exists and is not erased. The row is share-locked until the transaction
/// ends, so that an erasure cannot commit between this check and what the caller writes next
/// (on SQLite, `BEGIN IMMEDIATE` already serializes writers).
async fn is_active(conn: &mut PgConnection, person: Uuid) -> Result<bool, StoreError> {
    let found: Option<Uuid> =
        sqlx::query_scalar("SELECT id FROM people WHERE id = $1 AND status = 'active' FOR SHARE")
            .bind(person)
            .fetch_optional(conn)
            .await
            .map_err(map_err)?;
    Ok(found.is_some())
}

/// The repeating facts of `person`, each in its stored order.
async fn load_children(conn: &mut PgConnection, person: Uuid) -> Result<ChildRows, StoreError> {
    let names = sqlx::query_as(
        "SELECT given, family, patronymic, script, source FROM person_names \
         WHERE person_id = $1 ORDER BY position",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    let citizenships = sqlx::query_as(
        "SELECT country, held_from, held_until FROM person_citizenships \
         WHERE person_id = $1 ORDER BY position",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    let ethnicities = sqlx::query_scalar(
        "SELECT group_code FROM person_ethnicities WHERE person_id = $1 ORDER BY position",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    let languages = sqlx::query_as(
        "SELECT language, proficiency FROM person_languages \
         WHERE person_id = $1 ORDER BY position",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    let qualifications = sqlx::query_scalar(
        "SELECT text FROM person_qualifications WHERE person_id = $1 ORDER BY position",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(ChildRows {
        names,
        citizenships,
        ethnicities,
        languages,
        qualifications,
    })
}

impl PersonRow {
    /// The domain person: the stored values handed to the domain, which rebuilds the person
    /// with its parsers (one implementation for both engines).
    fn into_person(self, children: ChildRows) -> Result<Person, StoreError> {
        let stored = StoredPerson {
            id: self.id,
            sex: self.sex,
            birth_year: self.birth_year,
            birth_month: self.birth_month,
            birth_day: self.birth_day,
            birth_country: self.birth_country,
            birth_entity: self.birth_entity,
            birth_place: self.birth_place,
            ethnicity_state: self.ethnicity_state,
            citizenship_state: self.citizenship_state,
            residence_country: self.residence_country,
            residence_region: self.residence_region,
            residence_city: self.residence_city,
            residence_since: self.residence_since,
            residence_permanence: self.residence_permanence,
            marital_status: self.marital_status,
            education: self.education,
            occupation: self.occupation,
            sector: self.sector,
            employment: self.employment,
            email: self.email,
            phone: self.phone,
            hometown: self.hometown,
            kandas_state: self.kandas_state,
            kandas_granted: self.kandas_granted,
            kandas_valid_until: self.kandas_valid_until,
            kandas_revoked: self.kandas_revoked,
            source_kind: self.source_kind,
            source_key: self.source_key,
            account_id: self.account_id,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            names: children
                .names
                .into_iter()
                .map(|n| StoredName {
                    given: n.given,
                    family: n.family,
                    patronymic: n.patronymic,
                    script: n.script,
                    source: n.source,
                })
                .collect(),
            citizenships: children
                .citizenships
                .into_iter()
                .map(|c| StoredCitizenship {
                    country: c.country,
                    held_from: c.held_from,
                    held_until: c.held_until,
                })
                .collect(),
            ethnicities: children.ethnicities,
            languages: children
                .languages
                .into_iter()
                .map(|l| StoredLanguage {
                    language: l.language,
                    proficiency: l.proficiency,
                })
                .collect(),
            qualifications: children.qualifications,
        };
        stored.into_person().map_err(|c| corrupt(c.table, c.column))
    }
}

/// Parses an optional stored value with a domain parser; a value that does not parse is
/// corrupt.
fn parse_opt<T, E>(
    raw: Option<&str>,
    column: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    raw.map(|v| parse(v).map_err(|_| corrupt("people", column)))
        .transpose()
}

impl TryFrom<SummaryRow> for (PersonSummary, String) {
    type Error = StoreError;

    fn try_from(row: SummaryRow) -> Result<Self, Self::Error> {
        let summary = PersonSummary {
            id: PersonId::from_uuid(row.id),
            display_name: row.display_name,
            residence_country: parse_opt(
                row.residence_country.as_deref(),
                "residence_country",
                CountryCode::parse,
            )?,
            residence_city: row.residence_city,
            birth_year: row.birth_year,
            source: SourceKind::parse(&row.source_kind)
                .ok_or_else(|| corrupt("people", "source_kind"))?,
            hometown: parse_opt(row.hometown.as_deref(), "hometown", OrgUnitPath::parse)?,
        };
        Ok((summary, row.sort_key))
    }
}

impl TryFrom<ConsentRow> for ConsentEvent {
    type Error = StoreError;

    fn try_from(row: ConsentRow) -> Result<Self, Self::Error> {
        Ok(Self {
            purpose: Purpose::from_parts(
                &row.purpose_kind,
                row.organization_id.map(OrganizationId::from_uuid),
            )
            .map_err(|_| corrupt("consent_events", "purpose_kind"))?,
            granted: row.granted,
            at: row.at,
            recorded_by: row.recorded_by.map(AccountId::from_uuid),
            channel: ConsentChannel::parse(&row.channel)
                .ok_or_else(|| corrupt("consent_events", "channel"))?,
        })
    }
}

/// The smallest string greater than every string that starts with `prefix`, if there is one:
/// `prefix` with its last character incremented (`"22"` → `"23"`, `"KZ.75."` → `"KZ.75/"`), so
/// that a prefix match is the index range `[prefix, upper)` (byte order on both engines).
fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Appends `AND column >= prefix AND column < upper` (a prefix match as an index range).
fn push_prefix(query: &mut QueryBuilder<Postgres>, column: &'static str, prefix: &str) {
    query
        .push(" AND ")
        .push(column)
        .push(" >= ")
        .push_bind(prefix.to_owned());
    if let Some(upper) = prefix_upper_bound(prefix) {
        query
            .push(" AND ")
            .push(column)
            .push(" < ")
            .push_bind(upper);
    }
}

/// Appends the scope: the person's own record (`Owner`), or, for people whose registry consent
/// is currently granted, any staff clause. The column tests come before the consent subquery,
/// so that rows outside the scope are rejected without reading the ledger. An empty scope was
/// handled by the caller.
pub(crate) fn push_scope(query: &mut QueryBuilder<Postgres>, scope: &[ScopeClause]) {
    let all = scope.contains(&ScopeClause::AllInRegistry);
    let staff: Vec<&ScopeClause> = scope
        .iter()
        .filter(|c| !matches!(c, ScopeClause::Owner(_) | ScopeClause::AllInRegistry))
        .collect();
    let mut first = true;
    let mut or = |query: &mut QueryBuilder<Postgres>| {
        query.push(if first { "" } else { " OR " });
        first = false;
    };
    query.push(" AND (");
    for clause in scope {
        if let ScopeClause::Owner(account) = clause {
            or(query);
            query.push("p.account_id = ").push_bind(account.as_uuid());
        }
    }
    if all || !staff.is_empty() {
        or(query);
        query.push("(");
        if !all {
            query.push("(");
            for (index, clause) in staff.into_iter().enumerate() {
                if index > 0 {
                    query.push(" OR ");
                }
                push_staff_clause(query, clause);
            }
            query.push(") AND ");
        }
        query.push(REGISTRY_CONSENT_CURRENT).push(")");
    }
    query.push(")");
}

/// Appends one staff scope clause (without the registry consent every one of them requires).
fn push_staff_clause(query: &mut QueryBuilder<Postgres>, clause: &ScopeClause) {
    match clause {
        ScopeClause::HomeUnit(unit) => {
            // The unit and its subtree: paths are letters, digits and dots, so the range
            // [path, path || '/') holds exactly `path` and `path.…`, and is one index range.
            let path = unit.as_ref();
            query
                .push("(p.hometown >= ")
                .push_bind(path.to_owned())
                .push(" AND p.hometown < ")
                .push_bind(format!("{path}/"))
                .push(")");
        }
        ScopeClause::HostCountry(country) => {
            query
                .push("p.residence_country = ")
                .push_bind(country.as_ref().to_owned());
        }
        ScopeClause::SharedWith(organization) => {
            // Shared now: as for the registry consent, for this organization's share.
            let organization = organization.as_uuid();
            query
                .push(
                    "(SELECT MAX(s.at) FROM consent_events s WHERE s.person_id = p.id \
                     AND s.purpose_kind = 'share_with_organization' AND s.organization_id = ",
                )
                .push_bind(organization)
                .push(
                    " AND s.granted = TRUE) > (SELECT COALESCE(MAX(s.at), '-infinity') \
                     FROM consent_events s WHERE s.person_id = p.id \
                     AND s.purpose_kind = 'share_with_organization' AND s.organization_id = ",
                )
                .push_bind(organization)
                .push(" AND s.granted = FALSE)");
        }
        ScopeClause::AllInRegistry | ScopeClause::Owner(_) => {
            query.push("TRUE");
        }
    }
}

/// The list's conditions with the values they need parsed; `None` when nothing can match (a
/// language the registry does not know, a seek key the store did not make).
struct ListConditions<'f> {
    filter: &'f PersonFilter,
    column: &'static str,
    language: Option<LanguageCode>,
    after: Option<(String, Uuid)>,
}

impl<'f> ListConditions<'f> {
    fn new(filter: &'f PersonFilter, page: &PageRequest) -> Option<Self> {
        let language = match text_filter(filter.language.as_ref()) {
            Some(raw) => Some(LanguageCode::parse(raw).ok()?),
            None => None,
        };
        let after = match &page.after {
            Some(key) => Some(seek_parts(key)?),
            None => None,
        };
        Some(Self {
            filter,
            column: sort_column(filter.order),
            language,
            after,
        })
    }

    /// Appends `WHERE …`: active people in the scope, the filters, the seek condition.
    fn push_where(&self, query: &mut QueryBuilder<Postgres>) {
        let filter = self.filter;
        // The column filters first and the scope (with its ledger subqueries) last, as on
        // SQLite (PostgreSQL orders the tests by cost itself).
        query.push(" WHERE p.status = 'active'");
        if let Some(country) = filter.residence_country {
            query
                .push(" AND p.residence_country = ")
                .push_bind(country.as_ref().to_owned());
        }
        if let Some(region) = text_filter(filter.residence_region.as_ref()) {
            query
                .push(" AND p.residence_region_key = ")
                .push_bind(region_key(region));
        }
        if let Some(category) = text_filter(filter.category.as_ref()) {
            query
                .push(
                    " AND EXISTS (SELECT 1 FROM person_categories k \
                     WHERE k.person_id = p.id AND k.applies = TRUE AND k.code = ",
                )
                .push_bind(category.to_owned())
                .push(")");
        }
        if let Some(occupation) = text_filter(filter.occupation.as_ref()) {
            push_prefix(query, "p.occupation", occupation);
        }
        if let Some(language) = self.language {
            query
                .push(
                    " AND EXISTS (SELECT 1 FROM person_languages l \
                     WHERE l.person_id = p.id AND l.language = ",
                )
                .push_bind(language.as_ref().to_owned())
                .push(")");
        }
        if let Some(from) = filter.born_from {
            query.push(" AND p.birth_year >= ").push_bind(from);
        }
        if let Some(until) = filter.born_until {
            query.push(" AND p.birth_year <= ").push_bind(until);
        }
        if let Some(source) = filter.source {
            query
                .push(" AND p.source_kind = ")
                .push_bind(source.as_str());
        }
        push_scope(query, &filter.scope);
        if let Some((sort_key, id)) = &self.after {
            query
                .push(" AND (p.")
                .push(self.column)
                .push(", p.id) > (")
                .push_bind(sort_key.clone())
                .push(", ")
                .push_bind(*id)
                .push(")");
        }
    }
}

/// A text filter, trimmed; an empty one does not filter.
fn text_filter(raw: Option<&String>) -> Option<&str> {
    raw.map(|v| v.trim()).filter(|v| !v.is_empty())
}

#[async_trait]
impl RegistryStore for PgStore {
    async fn insert_person(
        &self,
        record: &NewPersonRecord,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let id = record.id.as_uuid();
        let created_at = record.created_at;
        let mut tx = self.begin_write().await?;
        bind_facts(sqlx::query(INSERT_PERSON), FactValues::of(&record.facts))
            .bind(id)
            .bind(record.source.kind.as_str())
            .bind(record.source.key.as_deref())
            .bind(record.account.map(|a| a.as_uuid()))
            .bind(created_at)
            .bind(created_at)
            .bind(record.import_batch.map(|b| b.as_uuid()))
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_children(&mut tx, id, &record.facts, &record.categories).await?;
        for event in &record.consents {
            insert_consent_row(&mut tx, id, event).await?;
        }
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn get_person(&self, id: PersonId) -> Result<Person, StoreError> {
        self.person_where(sqlx::query_as(PERSON_BY_ID).bind(id.as_uuid()))
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn find_person_by_source(
        &self,
        kind: SourceKind,
        key: &str,
    ) -> Result<Option<Person>, StoreError> {
        self.person_where(
            sqlx::query_as(PERSON_BY_SOURCE)
                .bind(kind.as_str())
                .bind(key),
        )
        .await
    }

    async fn find_person_by_account(
        &self,
        account: AccountId,
    ) -> Result<Option<Person>, StoreError> {
        self.person_where(sqlx::query_as(PERSON_BY_ACCOUNT).bind(account.as_uuid()))
            .await
    }

    async fn update_person(
        &self,
        id: PersonId,
        expected_version: i64,
        facts: &PersonFacts,
        categories: &[StoredCategory],
        at: OffsetDateTime,
        audit: &NewAuditEvent,
    ) -> Result<i64, StoreError> {
        let id = id.as_uuid();
        let mut tx = self.begin_write().await?;
        let updated = bind_facts(sqlx::query(UPDATE_PERSON), FactValues::of(facts))
            .bind(at)
            .bind(id)
            .bind(expected_version)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let Some(updated) = updated else {
            return Err(if is_active(&mut tx, id).await? {
                StoreError::Conflict {
                    constraint: "people_version",
                }
            } else {
                StoreError::NotFound
            });
        };
        let version: i64 = updated.try_get("version").map_err(map_err)?;
        delete_children(&mut tx, id).await?;
        insert_children(&mut tx, id, facts, categories).await?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(version)
    }

    async fn list_people(
        &self,
        filter: &PersonFilter,
        page: &PageRequest,
    ) -> Result<Page<PersonSummary>, StoreError> {
        let empty = Page {
            items: Vec::new(),
            next: None,
        };
        if filter.scope.is_empty() {
            return Ok(empty);
        }
        let Some(conditions) = ListConditions::new(filter, page) else {
            return Ok(empty);
        };
        // One query: with its statistics, PostgreSQL itself chooses between walking the sort
        // index (a large scope: stops after LIMIT matches) and the scope's or a filter's index
        // with a top-N sort (a small one). SQLite cannot, and counts the matches first.
        let column = conditions.column;
        let mut query = QueryBuilder::<Postgres>::new(
            "SELECT p.id, p.display_name, p.residence_country, p.residence_city, p.birth_year, \
             p.source_kind, p.hometown, p.",
        );
        query.push(column).push(" AS sort_key FROM people p");
        conditions.push_where(&mut query);
        query
            .push(" ORDER BY p.")
            .push(column)
            .push(", p.id LIMIT ")
            .push_bind(i64::from(page.limit) + 1);

        let rows: Vec<SummaryRow> = query
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let listed = rows
            .into_iter()
            .map(<(PersonSummary, String)>::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(
            Page::from_overfetch(listed, page.limit, |(person, sort_key)| {
                SeekKey::new([sort_key.clone(), person.id.to_string()])
            })
            .map(|(person, _)| person),
        )
    }

    async fn insert_consent_event(
        &self,
        person: PersonId,
        event: &ConsentEvent,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let id = person.as_uuid();
        let mut tx = self.begin_write().await?;
        if !is_active(&mut tx, id).await? {
            return Err(StoreError::NotFound);
        }
        insert_consent_row(&mut tx, id, event).await?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn list_consent_events(&self, person: PersonId) -> Result<Vec<ConsentEvent>, StoreError> {
        let rows: Vec<ConsentRow> = sqlx::query_as(
            "SELECT purpose_kind, organization_id, granted, at, recorded_by, channel \
             FROM consent_events WHERE person_id = $1 ORDER BY at, id",
        )
        .bind(person.as_uuid())
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter().map(ConsentEvent::try_from).collect()
    }

    async fn erase_person(
        &self,
        id: PersonId,
        at: OffsetDateTime,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let id = id.as_uuid();
        let mut tx = self.begin_write().await?;
        let erased = sqlx::query(ERASE_PERSON)
            .bind(at)
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        if erased.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        delete_children(&mut tx, id).await?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }
}

impl PgStore {
    /// The person `query` selects, assembled with its children in one read snapshot.
    async fn person_where(
        &self,
        query: QueryAs<'_, Postgres, PersonRow, PgArguments>,
    ) -> Result<Option<Person>, StoreError> {
        let mut tx = self.begin_read().await?;
        let row: Option<PersonRow> = query.fetch_optional(&mut *tx).await.map_err(map_err)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let children = load_children(&mut tx, row.id).await?;
        tx.commit().await.map_err(map_err)?;
        row.into_person(children).map(Some)
    }
}
