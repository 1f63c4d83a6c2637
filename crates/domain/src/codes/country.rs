//! ISO 3166-1 countries: alpha-2, alpha-3 and numeric codes with their names, from
//! `data/countries.tsv`.

use std::sync::LazyLock;

use super::table::{Names, rows};
use crate::shared::{CountryCode, Language};

const DATA: &str = include_str!("data/countries.tsv");

/// One ISO 3166-1 country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryEntry {
    code: CountryCode,
    alpha3: &'static str,
    numeric: u16,
    names: Names,
}

impl CountryEntry {
    /// The alpha-2 code (`KZ`).
    pub fn code(&self) -> CountryCode {
        self.code
    }

    /// The alpha-3 code (`KAZ`).
    pub fn alpha3(&self) -> &'static str {
        self.alpha3
    }

    /// The numeric code (`398`); shown with three digits and leading zeros (`004`).
    pub fn numeric(&self) -> u16 {
        self.numeric
    }

    /// The country's short name in `language`.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The country's short names in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([alpha2, alpha3, numeric, kk, ru, uz, en]: [&'static str; 7]) -> Option<Self> {
        let alpha3_ok = alpha3.len() == 3 && alpha3.bytes().all(|b| b.is_ascii_uppercase());
        let numeric_ok = numeric.len() == 3 && numeric.bytes().all(|b| b.is_ascii_digit());
        if !alpha3_ok || !numeric_ok {
            return None;
        }
        Some(Self {
            code: CountryCode::parse(alpha2).ok()?,
            alpha3,
            numeric: numeric.parse().ok()?,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static COUNTRIES: LazyLock<Vec<CountryEntry>> =
    LazyLock::new(|| rows::<7>(DATA).filter_map(CountryEntry::from_row).collect());

/// Every ISO 3166-1 country, in alpha-2 order.
pub fn countries() -> impl Iterator<Item = &'static CountryEntry> {
    COUNTRIES.iter()
}

/// The country with this alpha-2 code; every assigned code has one.
pub fn country(code: CountryCode) -> Option<&'static CountryEntry> {
    COUNTRIES.iter().find(|entry| entry.code == code)
}

/// The country with this ISO 3166-1 numeric code (`398` is Kazakhstan).
pub fn country_by_numeric(numeric: u16) -> Option<&'static CountryEntry> {
    COUNTRIES.iter().find(|entry| entry.numeric == numeric)
}

/// The country with this alpha-3 code, in any case (`kaz` is Kazakhstan).
pub fn country_by_alpha3(alpha3: &str) -> Option<&'static CountryEntry> {
    let alpha3 = alpha3.trim();
    COUNTRIES
        .iter()
        .find(|entry| entry.alpha3.eq_ignore_ascii_case(alpha3))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    #[test]
    fn every_row_parses_and_there_is_one_per_assigned_code() {
        assert_eq!(data_lines(DATA), 249);
        assert_eq!(countries().count(), 249);
    }

    #[test]
    fn the_table_has_exactly_the_codes_of_the_country_type() {
        let table: BTreeSet<CountryCode> = countries().map(CountryEntry::code).collect();
        let assigned: BTreeSet<CountryCode> = CountryCode::all().collect();
        assert_eq!(table, assigned);
        for code in CountryCode::all() {
            assert!(country(code).is_some(), "{code} has no entry");
        }
    }

    #[test]
    fn alpha3_and_numeric_codes_are_unique() {
        assert_unique("alpha-3", countries().map(CountryEntry::alpha3));
        let numerics: Vec<String> = countries().map(|c| c.numeric().to_string()).collect();
        assert_unique("numeric", numerics.iter().map(String::as_str));
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in countries() {
            assert_names(entry.code().as_ref(), entry.names());
        }
    }

    #[test]
    fn well_known_countries_have_their_codes_and_names() {
        let kz = country(CountryCode::parse("KZ").unwrap()).unwrap();
        assert_eq!(kz.alpha3(), "KAZ");
        assert_eq!(kz.numeric(), 398);
        assert_eq!(kz.name(Language::Kk), "Қазақстан");
        assert_eq!(kz.name(Language::Ru), "Казахстан");
        assert_eq!(kz.name(Language::Uz), "Qozogʻiston");
        assert_eq!(kz.name(Language::En), "Kazakhstan");

        let uz = country_by_numeric(860).unwrap();
        assert_eq!(uz.code().as_ref(), "UZ");
        assert_eq!(uz.name(Language::Uz), "Oʻzbekiston");
        assert_eq!(uz.name(Language::Kk), "Өзбекстан");

        assert_eq!(country_by_alpha3("deu").unwrap().code().as_ref(), "DE");
        assert_eq!(country_by_numeric(4).unwrap().alpha3(), "AFG");
        assert_eq!(country_by_alpha3("SUN"), None);
        assert_eq!(country_by_numeric(999), None);
    }
}
