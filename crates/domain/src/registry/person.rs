//! A person's record: name variants in several scripts, birth, citizenship history, optional
//! ethnic self-identification, languages, residence, education and work, contacts, hometown,
//! kandas status and where the record came from. Parsed once from text input (a form, the API
//! or an import row) into types that cannot hold invalid values.

use std::fmt;

use time::{Date, Month, OffsetDateTime};

use crate::categories::{
    CategoryFacts, Citizenship, EthnicGroup, EthnicityAnswer, HistoricalEntity, KandasStatus,
    Permanence, Residence,
};
use crate::codes::{
    HistoricalEntityCode, IscedLevel, IscoCode, IsicCode, LanguageCode, ScriptCode,
};
use crate::shared::{
    AccountId, CountryCode, EmailAddress, Language, OrgUnitPath, PersonId, ValidationError,
    sort_key,
};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The stable name used in storage, the API, imports and translation keys.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// Parses a stable name (trimmed, any case).
            pub fn parse(raw: &str) -> Option<Self> {
                let raw = raw.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }
        }
    };
}

vocabulary!(
    /// Where a spelling of a name comes from: each script and transliteration scheme the
    /// diaspora's documents use.
    NameSource {
        /// Kazakh Cyrillic (the 1940 alphabet).
        KazakhCyrillic => "kazakh_cyrillic",
        /// Kazakh Latin (the 2021 alphabet).
        KazakhLatin2021 => "kazakh_latin_2021",
        /// A passport's machine-readable form (ICAO 9303).
        Passport => "passport",
        /// Arabic-script Kazakh (töte jazu), as used in China.
        ArabicKazakh => "arabic_kazakh",
        /// Chinese characters or pinyin.
        Chinese => "chinese",
        /// Mongolian Cyrillic.
        MongolianCyrillic => "mongolian_cyrillic",
        /// Turkish Latin.
        Turkish => "turkish",
        /// Uzbek Latin.
        UzbekLatin => "uzbek_latin",
        /// Uzbek Cyrillic.
        UzbekCyrillic => "uzbek_cyrillic",
        /// Russian Cyrillic.
        Russian => "russian",
        /// Any other source.
        Other => "other",
    }
);

vocabulary!(
    /// Sex as recorded in documents.
    Sex {
        /// Female.
        Female => "female",
        /// Male.
        Male => "male",
    }
);

vocabulary!(
    /// How well a person speaks a language.
    Proficiency {
        /// Mother tongue.
        Native => "native",
        /// Fluent.
        Fluent => "fluent",
        /// Intermediate.
        Intermediate => "intermediate",
        /// Basic.
        Basic => "basic",
    }
);

vocabulary!(
    /// Marital status.
    MaritalStatus {
        /// Never married.
        Single => "single",
        /// Married or in a registered partnership.
        Married => "married",
        /// Divorced.
        Divorced => "divorced",
        /// Widowed.
        Widowed => "widowed",
    }
);

vocabulary!(
    /// Main activity.
    Employment {
        /// An employee.
        Employed => "employed",
        /// Self-employed or an employer.
        SelfEmployed => "self_employed",
        /// Looking for work.
        Unemployed => "unemployed",
        /// In education.
        Student => "student",
        /// Retired.
        Retired => "retired",
        /// Caring for the household or otherwise inactive.
        Inactive => "inactive",
    }
);

vocabulary!(
    /// Who brought the record into the registry.
    SourceKind {
        /// The person, on the public portal.
        SelfRegistration => "self_registration",
        /// A diplomatic mission's list.
        Consulate => "consulate",
        /// A diaspora organization's list.
        Association => "association",
        /// A bulk import of another source.
        Import => "import",
        /// Staff, typing in a form.
        Staff => "staff",
    }
);

/// One spelling of a person's name, in one script, from one source.
#[derive(Clone, PartialEq, Eq)]
pub struct NameVariant {
    /// Given name(s).
    pub given: String,
    /// Family name.
    pub family: String,
    /// Patronymic, if the person has one.
    pub patronymic: Option<String>,
    /// The script (ISO 15924).
    pub script: ScriptCode,
    /// Where this spelling comes from.
    pub source: NameSource,
}

impl NameVariant {
    /// "Family Given Patronymic", the order of registers in the region.
    pub fn full_name(&self) -> String {
        let mut parts = vec![self.family.as_str(), self.given.as_str()];
        if let Some(p) = &self.patronymic {
            parts.push(p);
        }
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Debug for NameVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NameVariant(<redacted>, {}, {})",
            self.script.as_ref(),
            self.source.as_str()
        )
    }
}

/// A date of which only the year, or the year and month, may be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the year must be 1880–2100 and the date real.
    ///
    /// # Errors
    /// `Malformed { field }` otherwise.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let bad = || ValidationError::Malformed { field };
        let mut parts = raw.trim().split('-');
        let year: i32 = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok())
            .ok_or_else(bad)?;
        if !(1880..=2100).contains(&year) {
            return Err(bad());
        }
        let month: Option<u8> = parts
            .next()
            .map(|m| m.parse().map_err(|_| bad()))
            .transpose()?;
        let day: Option<u8> = parts
            .next()
            .map(|d| d.parse().map_err(|_| bad()))
            .transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        let date = Self { year, month, day };
        match (month, day) {
            (None, None) => Ok(date),
            (Some(m), None) => Month::try_from(m).map(|_| date).map_err(|_| bad()),
            (Some(m), Some(d)) => {
                let month = Month::try_from(m).map_err(|_| bad())?;
                Date::from_calendar_date(year, month, d)
                    .map(|_| date)
                    .map_err(|_| bad())
            }
            (None, Some(_)) => Err(bad()),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The full date, when the day is known.
    pub fn date(self) -> Option<Date> {
        let month = Month::try_from(self.month?).ok()?;
        Date::from_calendar_date(self.year, month, self.day?).ok()
    }

    /// Age in whole years on `on`; with an unknown month or day, the lowest possible age.
    pub fn age_on(self, on: Date) -> i32 {
        let had_birthday = match (self.month, self.day) {
            (Some(m), Some(d)) => (u8::from(on.month()), on.day()) >= (m, d),
            (Some(m), None) => u8::from(on.month()) > m,
            _ => false,
        };
        on.year() - self.year - i32::from(!had_birthday)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A language and how well the person speaks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageSkill {
    /// The language (ISO 639).
    pub language: LanguageCode,
    /// How well.
    pub proficiency: Proficiency,
}

/// Where a person lives, as precisely as known.
#[derive(Clone, PartialEq, Eq)]
pub struct PlaceOfResidence {
    /// The country.
    pub country: CountryCode,
    /// The region (state, province, oblast) as written.
    pub region: Option<String>,
    /// The city or settlement as written.
    pub city: Option<String>,
    /// Since when.
    pub since: Option<Date>,
    /// Permanent or temporary.
    pub permanence: Option<Permanence>,
}

impl fmt::Debug for PlaceOfResidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PlaceOfResidence({}, <redacted>)", self.country)
    }
}

/// Where the record came from; `(kind, key)` is unique, so re-importing a source is idempotent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordSource {
    /// Who brought it.
    pub kind: SourceKind,
    /// The source's own identifier of the person (a consulate file number, a list row key).
    pub key: Option<String>,
}

/// Every fact of a person, validated: the content of a record, for creating or replacing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonFacts {
    /// Name variants; the first is the primary one. Never empty.
    pub names: Vec<NameVariant>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Birth date, full or partial.
    pub birth_date: Option<PartialDate>,
    /// Present-day birth country.
    pub birth_country: Option<CountryCode>,
    /// The historical entity of the birthplace (Kazakh SSR…).
    pub birth_entity: Option<HistoricalEntityCode>,
    /// Birthplace as written.
    pub birth_place: Option<String>,
    /// Citizenship history or statelessness.
    pub citizenship: Citizenship,
    /// Ethnic self-identification: optional, never required, never inferred.
    pub ethnicity: EthnicityAnswer,
    /// Languages.
    pub languages: Vec<LanguageSkill>,
    /// Residence.
    pub residence: Option<PlaceOfResidence>,
    /// Marital status.
    pub marital_status: Option<MaritalStatus>,
    /// Highest education level (ISCED 2011).
    pub education: Option<IscedLevel>,
    /// Occupation (ISCO-08).
    pub occupation: Option<IscoCode>,
    /// Sector of activity (ISIC Rev.4).
    pub sector: Option<IsicCode>,
    /// Main activity.
    pub employment: Option<Employment>,
    /// Qualifications, degrees, licences, as written.
    pub qualifications: Vec<String>,
    /// Email.
    pub email: Option<EmailAddress>,
    /// Phone, in international form.
    pub phone: Option<String>,
    /// The home-country locality the person comes from.
    pub hometown: Option<OrgUnitPath>,
    /// Kandas status.
    pub kandas: KandasStatus,
}

impl PersonFacts {
    /// The primary name variant.
    pub fn primary_name(&self) -> Option<&NameVariant> {
        self.names.first()
    }

    /// The name shown in lists: the primary variant, family name first.
    pub fn display_name(&self) -> String {
        self.primary_name()
            .map(NameVariant::full_name)
            .unwrap_or_default()
    }

    /// The sort keys of the display name in every language, in [`Language::ALL`] order.
    pub fn sort_keys(&self) -> [String; 4] {
        let name = self.display_name();
        Language::ALL.map(|language| sort_key(language, &name))
    }

    /// What the legal-category rules need, on `as_of`.
    pub fn category_facts(&self, as_of: Date) -> CategoryFacts {
        CategoryFacts {
            as_of,
            birth_country: self.birth_country,
            birth_entity: self
                .birth_entity
                .and_then(|code| soviet_entity(code.as_ref())),
            citizenship: self.citizenship.clone(),
            ethnicity: self.ethnicity.clone(),
            residence: self.residence.as_ref().map(|r| Residence {
                country: r.country,
                permanence: r.permanence,
                since: r.since,
            }),
            kandas: self.kandas.clone(),
        }
    }
}

/// Maps a historical-entity code to what the category rules distinguish. The USSR as a whole
/// does not say which republic: unknown.
fn soviet_entity(code: &str) -> Option<HistoricalEntity> {
    match code {
        "KZ-SSR" => Some(HistoricalEntity::KazakhSsr),
        "UZ-SSR" => Some(HistoricalEntity::UzbekSsr),
        "UZ-KK-ASSR" => Some(HistoricalEntity::KarakalpakAssr),
        "SU" => None,
        c if c.ends_with("-SSR") || c.ends_with("-SFSR") => {
            Some(HistoricalEntity::OtherSovietRepublic)
        }
        _ => Some(HistoricalEntity::NotSoviet),
    }
}

/// A person as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Identifier.
    pub id: PersonId,
    /// The facts.
    pub facts: PersonFacts,
    /// Where the record came from.
    pub source: RecordSource,
    /// The person's own account, if they registered themselves.
    pub account: Option<AccountId>,
    /// Created.
    pub created_at: OffsetDateTime,
    /// Last changed.
    pub updated_at: OffsetDateTime,
    /// Incremented on every change (optimistic concurrency for edits).
    pub version: i64,
}

/// The stable name of an ethnic group.
pub fn ethnic_group_code(group: &EthnicGroup) -> &str {
    match group {
        EthnicGroup::Kazakh => "kazakh",
        EthnicGroup::Uzbek => "uzbek",
        EthnicGroup::Karakalpak => "karakalpak",
        EthnicGroup::Other(code) => code,
    }
}

/// Parses the stable name of an ethnic group: the three named ones, or any other lower-case
/// code of 2–40 letters, digits and underscores.
///
/// # Errors
/// `Malformed { field: "ethnicity" }`.
pub fn parse_ethnic_group(raw: &str) -> Result<EthnicGroup, ValidationError> {
    let code = raw.trim().to_ascii_lowercase();
    match code.as_str() {
        "kazakh" => Ok(EthnicGroup::Kazakh),
        "uzbek" => Ok(EthnicGroup::Uzbek),
        "karakalpak" => Ok(EthnicGroup::Karakalpak),
        other
            if (2..=40).contains(&other.len())
                && other
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') =>
        {
            Ok(EthnicGroup::Other(other.to_owned()))
        }
        _ => Err(ValidationError::Malformed { field: "ethnicity" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_accept_year_month_or_day_and_reject_impossible_dates() {
        assert_eq!(
            PartialDate::parse("birth_date", "1985")
                .unwrap()
                .to_string(),
            "1985"
        );
        assert_eq!(
            PartialDate::parse("birth_date", "1985-04")
                .unwrap()
                .to_string(),
            "1985-04"
        );
        assert_eq!(
            PartialDate::parse("birth_date", "1985-04-12")
                .unwrap()
                .to_string(),
            "1985-04-12"
        );
        for bad in [
            "85",
            "1985-13",
            "1985-02-30",
            "1879",
            "1985-4-",
            "abcd",
            "1985-04-12-1",
        ] {
            assert_eq!(
                PartialDate::parse("birth_date", bad),
                Err(ValidationError::Malformed {
                    field: "birth_date"
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn age_with_a_partial_date_is_the_lowest_possible() {
        let on = Date::from_calendar_date(2026, Month::June, 15).unwrap();
        assert_eq!(
            PartialDate::parse("d", "1990-06-15").unwrap().age_on(on),
            36
        );
        assert_eq!(
            PartialDate::parse("d", "1990-06-16").unwrap().age_on(on),
            35
        );
        assert_eq!(PartialDate::parse("d", "1990-05").unwrap().age_on(on), 36);
        assert_eq!(PartialDate::parse("d", "1990-06").unwrap().age_on(on), 35);
        assert_eq!(PartialDate::parse("d", "1990").unwrap().age_on(on), 35);
    }

    #[test]
    fn soviet_birthplaces_map_to_what_the_category_rules_distinguish() {
        assert_eq!(soviet_entity("KZ-SSR"), Some(HistoricalEntity::KazakhSsr));
        assert_eq!(
            soviet_entity("UZ-KK-ASSR"),
            Some(HistoricalEntity::KarakalpakAssr)
        );
        assert_eq!(
            soviet_entity("RU-SFSR"),
            Some(HistoricalEntity::OtherSovietRepublic)
        );
        assert_eq!(
            soviet_entity("KG-SSR"),
            Some(HistoricalEntity::OtherSovietRepublic)
        );
        assert_eq!(soviet_entity("SU"), None);
        assert_eq!(soviet_entity("CSHH"), Some(HistoricalEntity::NotSoviet));
    }

    #[test]
    fn ethnic_groups_round_trip_and_reject_free_text() {
        for raw in ["kazakh", "Uzbek", "karakalpak", "uyghur"] {
            let group = parse_ethnic_group(raw).unwrap();
            assert_eq!(ethnic_group_code(&group), raw.to_ascii_lowercase());
        }
        assert!(parse_ethnic_group("Kazakh; Russian").is_err());
        assert!(parse_ethnic_group("x").is_err());
    }

    #[test]
    fn vocabularies_parse_in_any_case() {
        assert_eq!(NameSource::parse(" Passport "), Some(NameSource::Passport));
        assert_eq!(SourceKind::parse("consulate"), Some(SourceKind::Consulate));
        assert_eq!(Sex::parse("x"), None);
        for v in Proficiency::ALL {
            assert_eq!(Proficiency::parse(v.as_str()), Some(*v));
        }
    }
}
