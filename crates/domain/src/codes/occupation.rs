//! ISCO-08, the ILO's International Standard Classification of Occupations, from
//! `data/isco08.tsv`: all 10 major groups, 43 sub-major groups, 130 minor groups and 436 unit
//! groups, with the ILO's English titles.

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, rows};
use crate::shared::{Language, ValidationError};

const DATA: &str = include_str!("data/isco08.tsv");

/// The four levels of ISCO-08; a code has as many digits as its level number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IscoLevel {
    /// One digit (`2`, Professionals).
    Major,
    /// Two digits (`22`, Health professionals).
    SubMajor,
    /// Three digits (`221`, Medical doctors).
    Minor,
    /// Four digits (`2211`, Generalist medical practitioners).
    Unit,
}

impl IscoLevel {
    /// Every level, from the broadest.
    pub const ALL: [Self; 4] = [Self::Major, Self::SubMajor, Self::Minor, Self::Unit];

    /// The number of digits of a code at this level (1 to 4), also the level's number.
    pub const fn digits(self) -> usize {
        match self {
            Self::Major => 1,
            Self::SubMajor => 2,
            Self::Minor => 3,
            Self::Unit => 4,
        }
    }

    fn from_digits(digits: usize) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.digits() == digits)
    }
}

/// One group of ISCO-08, at any level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OccupationEntry {
    code: &'static str,
    level: IscoLevel,
    names: Names,
}

impl OccupationEntry {
    /// The group's code (`2211`).
    pub fn code(&'static self) -> IscoCode {
        IscoCode(self)
    }

    /// The group's level.
    pub fn level(&self) -> IscoLevel {
        self.level
    }

    /// The group's title in `language`; in English, the ILO's title.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The group's titles in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The group one level up (`221` for `2211`); `None` for a major group.
    pub fn parent(&self) -> Option<IscoCode> {
        let parent = self.code.get(..self.code.len().checked_sub(1)?)?;
        find(parent).map(IscoCode)
    }

    /// The groups one level down, in code order.
    pub fn children(&'static self) -> impl Iterator<Item = &'static OccupationEntry> {
        OCCUPATIONS.iter().filter(move |entry| {
            entry.code.len() == self.code.len() + 1 && entry.code.starts_with(self.code)
        })
    }

    fn from_row([code, level, kk, ru, uz, en]: [&'static str; 6]) -> Option<Self> {
        let level = IscoLevel::from_digits(level.parse().ok()?)?;
        if !well_formed(code) || code.len() != level.digits() {
            return None;
        }
        Some(Self {
            code,
            level,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static OCCUPATIONS: LazyLock<Vec<OccupationEntry>> = LazyLock::new(|| {
    rows::<6>(DATA)
        .filter_map(OccupationEntry::from_row)
        .collect()
});

fn find(code: &str) -> Option<&'static OccupationEntry> {
    OCCUPATIONS.iter().find(|entry| entry.code == code)
}

fn well_formed(code: &str) -> bool {
    (1..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// An ISCO-08 group, as its code of one to four digits (`2`, `22`, `221`, `2211`).
#[derive(Clone, Copy)]
pub struct IscoCode(&'static OccupationEntry);

code_newtype_impls!(IscoCode);

impl IscoCode {
    /// Parses an ISCO-08 code at any level. Leading zeros count: `0110` is a unit group of the
    /// armed forces, `110` is nothing.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not one to four digits, `Unknown` when not an
    /// ISCO-08 group. The field is `occupation`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "occupation";
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if !well_formed(value) {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        find(value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// The group's level.
    pub fn level(self) -> IscoLevel {
        self.0.level
    }

    /// The group this code names.
    pub fn entry(self) -> &'static OccupationEntry {
        self.0
    }
}

/// Every ISCO-08 group, in code order (each group before its subgroups).
pub fn occupations() -> impl Iterator<Item = &'static OccupationEntry> {
    OCCUPATIONS.iter()
}

/// The group a code names.
pub fn occupation(code: IscoCode) -> &'static OccupationEntry {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    fn at(level: IscoLevel) -> usize {
        occupations().filter(|e| e.level() == level).count()
    }

    #[test]
    fn every_row_parses_with_the_ilo_counts_per_level() {
        assert_eq!(data_lines(DATA), 619);
        assert_eq!(occupations().count(), 619);
        assert_eq!(at(IscoLevel::Major), 10);
        assert_eq!(at(IscoLevel::SubMajor), 43);
        assert_eq!(at(IscoLevel::Minor), 130);
        assert_eq!(at(IscoLevel::Unit), 436);
        assert_unique("isco", occupations().map(|e| e.code));
    }

    #[test]
    fn every_group_below_major_has_its_parent_and_every_group_above_unit_has_children() {
        for entry in occupations() {
            match entry.level() {
                IscoLevel::Major => assert!(entry.parent().is_none()),
                _ => assert!(entry.parent().is_some(), "{} has no parent", entry.code),
            }
            if entry.level() != IscoLevel::Unit {
                assert!(entry.children().next().is_some(), "{} is empty", entry.code);
            }
        }
    }

    #[test]
    fn the_table_is_in_code_order_with_parents_first() {
        let codes: Vec<&str> = occupations().map(|e| e.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in occupations() {
            assert_names(entry.code, entry.names());
        }
    }

    #[test]
    fn well_known_groups_have_their_ilo_titles() {
        for (code, level, title) in [
            ("2", IscoLevel::Major, "Professionals"),
            (
                "25",
                IscoLevel::SubMajor,
                "Information and communications technology professionals",
            ),
            ("221", IscoLevel::Minor, "Medical doctors"),
            ("2211", IscoLevel::Unit, "Generalist medical practitioners"),
            ("2512", IscoLevel::Unit, "Software developers"),
            (
                "0110",
                IscoLevel::Unit,
                "Commissioned armed forces officers",
            ),
            (
                "9629",
                IscoLevel::Unit,
                "Elementary workers not elsewhere classified",
            ),
        ] {
            let parsed = IscoCode::parse(code).unwrap();
            assert_eq!(parsed.level(), level, "{code}");
            assert_eq!(occupation(parsed).name(Language::En), title);
        }
        let gp = IscoCode::parse("2211").unwrap().entry();
        assert_eq!(gp.parent().unwrap().as_ref(), "221");
        assert_eq!(gp.name(Language::Ru), "Врачи общей практики");
        let doctors = IscoCode::parse("221").unwrap().entry();
        let children: Vec<&str> = doctors.children().map(|e| e.code).collect();
        assert_eq!(children, ["2211", "2212"]);
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        let field = "occupation";
        assert_eq!(
            IscoCode::parse(""),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            IscoCode::parse("22111"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IscoCode::parse("22a"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            IscoCode::parse("2210"),
            Err(ValidationError::Unknown { field })
        );
        assert_eq!(
            IscoCode::parse("110"),
            Err(ValidationError::Unknown { field })
        );
    }
}
