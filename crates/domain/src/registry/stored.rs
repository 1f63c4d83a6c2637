//! A person as the stores keep it: plain stored values, the same for every engine, and the
//! one place that rebuilds a [`Person`] from them with the domain's parsers. Each store crate
//! only reads its rows into these structs; a stored value that no longer parses is reported
//! as a [`CorruptValue`] naming its table and column.

use std::fmt;

use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::person::{
    Employment, LanguageSkill, MaritalStatus, NameSource, NameVariant, PartialDate, Person,
    PersonFacts, PlaceOfResidence, Proficiency, RecordSource, Sex, SourceKind, parse_ethnic_group,
};
use crate::categories::{
    Citizenship, CitizenshipPeriod, EthnicityAnswer, KandasGrant, KandasStatus, Permanence,
};
use crate::codes::{
    HistoricalEntityCode, IscedLevel, IscoCode, IsicCode, LanguageCode, ScriptCode,
};
use crate::shared::{AccountId, CountryCode, EmailAddress, OrgUnitPath, PersonId};

/// A stored value that does not parse any more: which table and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorruptValue {
    /// The table.
    pub table: &'static str,
    /// The column.
    pub column: &'static str,
}

impl fmt::Display for CorruptValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable value in {}.{}", self.table, self.column)
    }
}

impl std::error::Error for CorruptValue {}

fn corrupt(table: &'static str, column: &'static str) -> CorruptValue {
    CorruptValue { table, column }
}

/// The stored name of a permanence.
pub fn permanence_code(permanence: Permanence) -> &'static str {
    match permanence {
        Permanence::Permanent => "permanent",
        Permanence::Temporary => "temporary",
    }
}

/// Parses the stored name of a permanence.
pub fn parse_permanence(raw: &str) -> Option<Permanence> {
    match raw {
        "permanent" => Some(Permanence::Permanent),
        "temporary" => Some(Permanence::Temporary),
        _ => None,
    }
}

/// One stored name variant.
#[derive(Clone, Debug)]
pub struct StoredName {
    /// Given name(s).
    pub given: String,
    /// Family name.
    pub family: String,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// ISO 15924 code.
    pub script: String,
    /// Name source.
    pub source: String,
}

/// One stored citizenship period.
#[derive(Clone, Debug)]
pub struct StoredCitizenship {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Held from.
    pub held_from: Option<Date>,
    /// Held until.
    pub held_until: Option<Date>,
}

/// One stored language.
#[derive(Clone, Debug)]
pub struct StoredLanguage {
    /// ISO 639 code.
    pub language: String,
    /// Proficiency name.
    pub proficiency: String,
}

/// A person's stored values: the `people` row (each field is the column of the same name)
/// and its child rows, each list in stored order.
#[derive(Clone, Debug)]
pub struct StoredPerson {
    pub id: Uuid,
    pub sex: Option<String>,
    pub birth_year: Option<i32>,
    pub birth_month: Option<i32>,
    pub birth_day: Option<i32>,
    pub birth_country: Option<String>,
    pub birth_entity: Option<String>,
    pub birth_place: Option<String>,
    pub ethnicity_state: String,
    pub citizenship_state: String,
    pub residence_country: Option<String>,
    pub residence_region: Option<String>,
    pub residence_city: Option<String>,
    pub residence_since: Option<Date>,
    pub residence_permanence: Option<String>,
    pub marital_status: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub sector: Option<String>,
    pub employment: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub hometown: Option<String>,
    pub kandas_state: String,
    pub kandas_granted: Option<Date>,
    pub kandas_valid_until: Option<Date>,
    pub kandas_revoked: Option<Date>,
    pub source_kind: String,
    pub source_key: Option<String>,
    pub account_id: Option<Uuid>,
    pub version: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub names: Vec<StoredName>,
    pub citizenships: Vec<StoredCitizenship>,
    pub ethnicities: Vec<String>,
    pub languages: Vec<StoredLanguage>,
    pub qualifications: Vec<String>,
}

/// Parses an optional stored value with a domain parser; a value that does not parse is
/// corrupt.
fn parse_opt<T, E>(
    raw: Option<&str>,
    column: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, CorruptValue> {
    raw.map(|v| parse(v).map_err(|_| corrupt("people", column)))
        .transpose()
}

/// Parses an optional stored vocabulary name.
fn vocab_opt<T>(
    raw: Option<&str>,
    column: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, CorruptValue> {
    raw.map(|v| parse(v).ok_or_else(|| corrupt("people", column)))
        .transpose()
}

impl StoredName {
    fn parse(self) -> Result<NameVariant, CorruptValue> {
        Ok(NameVariant {
            given: self.given,
            family: self.family,
            patronymic: self.patronymic,
            script: ScriptCode::parse(&self.script)
                .map_err(|_| corrupt("person_names", "script"))?,
            source: NameSource::parse(&self.source)
                .ok_or_else(|| corrupt("person_names", "source"))?,
        })
    }
}

impl StoredCitizenship {
    fn parse(self) -> Result<CitizenshipPeriod, CorruptValue> {
        let country = CountryCode::parse(&self.country)
            .map_err(|_| corrupt("person_citizenships", "country"))?;
        CitizenshipPeriod::new(country, self.held_from, self.held_until)
            .map_err(|_| corrupt("person_citizenships", "held_until"))
    }
}

impl StoredLanguage {
    fn parse(self) -> Result<LanguageSkill, CorruptValue> {
        Ok(LanguageSkill {
            language: LanguageCode::parse(&self.language)
                .map_err(|_| corrupt("person_languages", "language"))?,
            proficiency: Proficiency::parse(&self.proficiency)
                .ok_or_else(|| corrupt("person_languages", "proficiency"))?,
        })
    }
}

impl StoredPerson {
    /// The domain person, rebuilt with the domain's parsers.
    ///
    /// # Errors
    /// [`CorruptValue`] naming the first stored value that does not parse.
    pub fn into_person(self) -> Result<Person, CorruptValue> {
        let birth_date = match (self.birth_year, self.birth_month, self.birth_day) {
            (None, _, _) => None,
            (Some(y), None, None) => Some(format!("{y:04}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (Some(_), None, Some(_)) => return Err(corrupt("people", "birth_day")),
        };
        let birth_date = parse_opt(birth_date.as_deref(), "birth_year", |v| {
            PartialDate::parse("birth_date", v)
        })?;
        let periods = self
            .citizenships
            .into_iter()
            .map(StoredCitizenship::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let citizenship = match (self.citizenship_state.as_str(), periods.is_empty()) {
            ("unknown", true) => Citizenship::Unknown,
            ("history", _) => Citizenship::History(periods),
            ("stateless", _) => Citizenship::Stateless { former: periods },
            _ => return Err(corrupt("people", "citizenship_state")),
        };
        let groups = self
            .ethnicities
            .iter()
            .map(|g| parse_ethnic_group(g).map_err(|_| corrupt("person_ethnicities", "group_code")))
            .collect::<Result<Vec<_>, _>>()?;
        let ethnicity = match (self.ethnicity_state.as_str(), groups.is_empty()) {
            ("not_asked", true) => EthnicityAnswer::NotAsked,
            ("prefer_not_to_say", true) => EthnicityAnswer::PreferNotToSay,
            ("answered", _) => EthnicityAnswer::Groups(groups),
            _ => return Err(corrupt("people", "ethnicity_state")),
        };
        let residence = match parse_opt(
            self.residence_country.as_deref(),
            "residence_country",
            CountryCode::parse,
        )? {
            Some(country) => Some(PlaceOfResidence {
                country,
                region: self.residence_region,
                city: self.residence_city,
                since: self.residence_since,
                permanence: vocab_opt(
                    self.residence_permanence.as_deref(),
                    "residence_permanence",
                    parse_permanence,
                )?,
            }),
            None => None,
        };
        let kandas = match (self.kandas_state.as_str(), self.kandas_granted) {
            ("unknown", None) => KandasStatus::Unknown,
            ("not_held", None) => KandasStatus::NotHeld,
            ("held", Some(granted)) => KandasStatus::Held(
                KandasGrant::new(granted, self.kandas_valid_until, self.kandas_revoked)
                    .map_err(|_| corrupt("people", "kandas_valid_until"))?,
            ),
            _ => return Err(corrupt("people", "kandas_state")),
        };
        let facts = PersonFacts {
            names: self
                .names
                .into_iter()
                .map(StoredName::parse)
                .collect::<Result<_, _>>()?,
            sex: vocab_opt(self.sex.as_deref(), "sex", Sex::parse)?,
            birth_date,
            birth_country: parse_opt(
                self.birth_country.as_deref(),
                "birth_country",
                CountryCode::parse,
            )?,
            birth_entity: parse_opt(
                self.birth_entity.as_deref(),
                "birth_entity",
                HistoricalEntityCode::parse,
            )?,
            birth_place: self.birth_place,
            citizenship,
            ethnicity,
            languages: self
                .languages
                .into_iter()
                .map(StoredLanguage::parse)
                .collect::<Result<_, _>>()?,
            residence,
            marital_status: vocab_opt(
                self.marital_status.as_deref(),
                "marital_status",
                MaritalStatus::parse,
            )?,
            education: parse_opt(self.education.as_deref(), "education", IscedLevel::parse)?,
            occupation: parse_opt(self.occupation.as_deref(), "occupation", IscoCode::parse)?,
            sector: parse_opt(self.sector.as_deref(), "sector", IsicCode::parse)?,
            employment: vocab_opt(self.employment.as_deref(), "employment", Employment::parse)?,
            qualifications: self.qualifications,
            email: parse_opt(self.email.as_deref(), "email", EmailAddress::parse)?,
            phone: self.phone,
            hometown: parse_opt(self.hometown.as_deref(), "hometown", OrgUnitPath::parse)?,
            kandas,
        };
        Ok(Person {
            id: PersonId::from_uuid(self.id),
            facts,
            source: RecordSource {
                kind: SourceKind::parse(&self.source_kind)
                    .ok_or_else(|| corrupt("people", "source_kind"))?,
                key: self.source_key,
            },
            account: self.account_id.map(AccountId::from_uuid),
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> StoredPerson {
        StoredPerson {
            id: Uuid::now_v7(),
            sex: Some("female".into()),
            birth_year: Some(1988),
            birth_month: Some(3),
            birth_day: None,
            birth_country: Some("KZ".into()),
            birth_entity: Some("KZ-SSR".into()),
            birth_place: None,
            ethnicity_state: "not_asked".into(),
            citizenship_state: "unknown".into(),
            residence_country: Some("DE".into()),
            residence_region: None,
            residence_city: Some("Köln".into()),
            residence_since: None,
            residence_permanence: Some("permanent".into()),
            marital_status: None,
            education: Some("7".into()),
            occupation: Some("2211".into()),
            sector: None,
            employment: None,
            email: None,
            phone: None,
            hometown: Some("KZ.75".into()),
            kandas_state: "unknown".into(),
            kandas_granted: None,
            kandas_valid_until: None,
            kandas_revoked: None,
            source_kind: "staff".into(),
            source_key: None,
            account_id: None,
            version: 1,
            created_at: OffsetDateTime::UNIX_EPOCH,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            names: vec![StoredName {
                given: "Жанар".into(),
                family: "Әбілова".into(),
                patronymic: None,
                script: "Cyrl".into(),
                source: "kazakh_cyrillic".into(),
            }],
            citizenships: vec![],
            ethnicities: vec![],
            languages: vec![StoredLanguage {
                language: "kk".into(),
                proficiency: "native".into(),
            }],
            qualifications: vec![],
        }
    }

    #[test]
    fn stored_values_rebuild_the_person() {
        let person = minimal().into_person().unwrap();
        assert_eq!(person.facts.display_name(), "Әбілова Жанар");
        assert_eq!(
            person.facts.birth_date.map(|d| d.to_string()).as_deref(),
            Some("1988-03")
        );
        assert_eq!(
            person.facts.residence.unwrap().permanence,
            Some(Permanence::Permanent)
        );
        assert_eq!(person.source.kind, SourceKind::Staff);
    }

    #[test]
    fn a_value_that_no_longer_parses_names_its_table_and_column() {
        let mut bad = minimal();
        bad.sex = Some("unknown-sex".into());
        assert_eq!(
            bad.into_person().unwrap_err(),
            CorruptValue {
                table: "people",
                column: "sex"
            }
        );
        let mut bad = minimal();
        bad.names[0].script = "Klingon".into();
        assert_eq!(
            bad.into_person().unwrap_err(),
            CorruptValue {
                table: "person_names",
                column: "script"
            }
        );
        let mut bad = minimal();
        bad.ethnicity_state = "prefer_not_to_say".into();
        bad.ethnicities = vec!["kazakh".into()];
        assert_eq!(bad.into_person().unwrap_err().column, "ethnicity_state");
    }
}
