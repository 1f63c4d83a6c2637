//! ISIC Rev.4, the UN's International Standard Industrial Classification of All Economic
//! Activities, from `data/isic4.tsv`: the 21 sections (A to U) and 88 divisions, with the UN's
//! English titles. Groups and classes (three and four digits) are not shipped.

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, optional, rows};
use crate::shared::{Language, ValidationError};

const DATA: &str = include_str!("data/isic4.tsv");

/// The levels of ISIC Rev.4 that the list carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IsicLevel {
    /// A letter from A to U (`J`, Information and communication).
    Section,
    /// Two digits (`62`, Computer programming, consultancy and related activities).
    Division,
}

/// One section or division of ISIC Rev.4.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectorEntry {
    code: &'static str,
    level: IsicLevel,
    parent: Option<&'static str>,
    names: Names,
}

impl SectorEntry {
    /// The section letter or division number (`J`, `62`).
    pub fn code(&'static self) -> IsicCode {
        IsicCode(self)
    }

    /// Whether this is a section or a division.
    pub fn level(&self) -> IsicLevel {
        self.level
    }

    /// The section of a division; `None` for a section.
    pub fn parent(&self) -> Option<IsicCode> {
        self.parent.and_then(find).map(IsicCode)
    }

    /// The divisions of a section, in code order; none for a division.
    pub fn children(&'static self) -> impl Iterator<Item = &'static SectorEntry> {
        SECTORS
            .iter()
            .filter(move |entry| entry.parent == Some(self.code))
    }

    /// The title in `language`; in English, the UN's title.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The titles in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([code, level, parent, kk, ru, uz, en]: [&'static str; 7]) -> Option<Self> {
        let parent = optional(parent);
        let level = match (level, level_of(code)?, parent) {
            ("section", IsicLevel::Section, None) => IsicLevel::Section,
            ("division", IsicLevel::Division, Some(section))
                if level_of(section) == Some(IsicLevel::Section) =>
            {
                IsicLevel::Division
            }
            _ => return None,
        };
        Some(Self {
            code,
            level,
            parent,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static SECTORS: LazyLock<Vec<SectorEntry>> =
    LazyLock::new(|| rows::<7>(DATA).filter_map(SectorEntry::from_row).collect());

fn find(code: &str) -> Option<&'static SectorEntry> {
    SECTORS.iter().find(|entry| entry.code == code)
}

/// The level a well-formed code would have: one upper-case letter is a section, two digits a
/// division.
fn level_of(code: &str) -> Option<IsicLevel> {
    let bytes = code.as_bytes();
    match bytes {
        [letter] if letter.is_ascii_uppercase() => Some(IsicLevel::Section),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(IsicLevel::Division),
        _ => None,
    }
}

/// An ISIC Rev.4 section or division, as its letter or two-digit number (`J`, `62`).
#[derive(Clone, Copy)]
pub struct IsicCode(&'static SectorEntry);

code_newtype_impls!(IsicCode);

impl IsicCode {
    /// Parses a section letter (in any case) or a division number.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when neither one letter nor two to four digits,
    /// `Unknown` when not a section or division of the list (ISIC groups and classes, with
    /// three or four digits, are well-formed but not carried). The field is `sector`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "sector";
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        let letter = value.len() == 1 && value.bytes().all(|b| b.is_ascii_uppercase());
        let digits = (2..=4).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
        if !letter && !digits {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        find(&value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// Whether this is a section or a division.
    pub fn level(self) -> IsicLevel {
        self.0.level
    }

    /// The section or division this code names.
    pub fn entry(self) -> &'static SectorEntry {
        self.0
    }
}

/// Every section and division, each section followed by its divisions.
pub fn sectors() -> impl Iterator<Item = &'static SectorEntry> {
    SECTORS.iter()
}

/// The section or division a code names.
pub fn sector(code: IsicCode) -> &'static SectorEntry {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    #[test]
    fn every_row_parses_with_21_sections_and_88_divisions() {
        assert_eq!(data_lines(DATA), 109);
        assert_eq!(sectors().count(), 109);
        let sections = sectors()
            .filter(|e| e.level() == IsicLevel::Section)
            .count();
        assert_eq!(sections, 21);
        let divisions = sectors()
            .filter(|e| e.level() == IsicLevel::Division)
            .count();
        assert_eq!(divisions, 88);
        assert_unique("isic", sectors().map(|e| e.code));
    }

    #[test]
    fn sections_run_from_a_to_u_and_every_one_has_divisions() {
        let letters: String = sectors()
            .filter(|e| e.level() == IsicLevel::Section)
            .map(|e| e.code)
            .collect();
        assert_eq!(letters, "ABCDEFGHIJKLMNOPQRSTU");
        for section in sectors().filter(|e| e.level() == IsicLevel::Section) {
            assert!(
                section.children().next().is_some(),
                "{} is empty",
                section.code
            );
        }
    }

    #[test]
    fn every_division_has_its_section_and_follows_it() {
        let mut current_section = None;
        for entry in sectors() {
            match entry.level() {
                IsicLevel::Section => current_section = Some(entry.code),
                IsicLevel::Division => {
                    let parent = entry.parent().expect("division without section");
                    assert_eq!(Some(parent.as_ref()), current_section, "{}", entry.code);
                }
            }
        }
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in sectors() {
            assert_names(entry.code, entry.names());
        }
    }

    #[test]
    fn well_known_entries_have_their_un_titles() {
        let it = IsicCode::parse("62").unwrap();
        assert_eq!(it.level(), IsicLevel::Division);
        assert_eq!(
            sector(it).name(Language::En),
            "Computer programming, consultancy and related activities"
        );
        assert_eq!(it.entry().parent().unwrap().as_ref(), "J");
        let j = IsicCode::parse("j").unwrap();
        assert_eq!(
            j.entry().name(Language::En),
            "Information and communication"
        );
        let a = IsicCode::parse("A").unwrap().entry();
        let divisions: Vec<&str> = a.children().map(|e| e.code).collect();
        assert_eq!(divisions, ["01", "02", "03"]);
        assert_eq!(
            IsicCode::parse("U").unwrap().entry().name(Language::En),
            "Activities of extraterritorial organizations and bodies"
        );
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        let field = "sector";
        assert_eq!(
            IsicCode::parse(""),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            IsicCode::parse("AB"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IsicCode::parse("6"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IsicCode::parse("V"),
            Err(ValidationError::Unknown { field })
        );
        assert_eq!(
            IsicCode::parse("04"),
            Err(ValidationError::Unknown { field })
        );
        assert_eq!(
            IsicCode::parse("6201"),
            Err(ValidationError::Unknown { field })
        );
    }
}
