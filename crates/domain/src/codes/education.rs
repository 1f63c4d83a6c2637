//! ISCED 2011, UNESCO's International Standard Classification of Education: the nine levels
//! of education programmes, from `data/isced2011.tsv`.

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, rows};
use crate::shared::{Language, ValidationError};

const DATA: &str = include_str!("data/isced2011.tsv");

/// One ISCED 2011 level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EducationLevelEntry {
    code: &'static str,
    level: u8,
    names: Names,
}

impl EducationLevelEntry {
    /// The level's code (`6`).
    pub fn code(&'static self) -> IscedLevel {
        IscedLevel(self)
    }

    /// The level's number, 0 (early childhood) to 8 (doctoral).
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The level's name in `language`; in English, UNESCO's name.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The level's names in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([code, kk, ru, uz, en]: [&'static str; 5]) -> Option<Self> {
        Some(Self {
            code,
            level: number(code)?,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static LEVELS: LazyLock<Vec<EducationLevelEntry>> = LazyLock::new(|| {
    rows::<5>(DATA)
        .filter_map(EducationLevelEntry::from_row)
        .collect()
});

/// The number of a one-digit code.
fn number(code: &str) -> Option<u8> {
    match code.as_bytes() {
        [digit] if digit.is_ascii_digit() => Some(digit - b'0'),
        _ => None,
    }
}

/// An ISCED 2011 level, as its digit (`0` to `8`). Levels compare in order of attainment.
#[derive(Clone, Copy)]
pub struct IscedLevel(&'static EducationLevelEntry);

code_newtype_impls!(IscedLevel);

impl IscedLevel {
    /// Parses a level digit.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not one digit, `Unknown` for `9`. The field is
    /// `education`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "education";
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if number(value).is_none() {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        LEVELS
            .iter()
            .find(|entry| entry.code == value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// The level's number, 0 to 8.
    pub fn number(self) -> u8 {
        self.0.level
    }

    /// The list entry of this level.
    pub fn entry(self) -> &'static EducationLevelEntry {
        self.0
    }
}

/// Every ISCED 2011 level, from 0 to 8.
pub fn education_levels() -> impl Iterator<Item = &'static EducationLevelEntry> {
    LEVELS.iter()
}

/// The list entry of a level.
pub fn education_level(code: IscedLevel) -> &'static EducationLevelEntry {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, data_lines};

    #[test]
    fn every_row_parses_and_the_levels_run_from_0_to_8() {
        assert_eq!(data_lines(DATA), 9);
        let numbers: Vec<u8> = education_levels().map(EducationLevelEntry::level).collect();
        assert_eq!(numbers, (0..=8).collect::<Vec<u8>>());
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in education_levels() {
            assert_names(entry.code, entry.names());
        }
    }

    #[test]
    fn levels_have_unesco_names_and_compare_by_attainment() {
        let bachelor = IscedLevel::parse("6").unwrap();
        assert_eq!(bachelor.number(), 6);
        assert_eq!(
            education_level(bachelor).name(Language::En),
            "Bachelor's or equivalent level"
        );
        assert_eq!(
            IscedLevel::parse("0").unwrap().entry().name(Language::En),
            "Early childhood education"
        );
        assert!(IscedLevel::parse("8").unwrap() > bachelor);
        assert!(IscedLevel::parse(" 3 ").unwrap() < bachelor);
    }

    #[test]
    fn unknown_and_malformed_levels_are_rejected() {
        let field = "education";
        assert_eq!(
            IscedLevel::parse(""),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            IscedLevel::parse("ISCED 6"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IscedLevel::parse("10"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IscedLevel::parse("9"),
            Err(ValidationError::Unknown { field })
        );
    }
}
