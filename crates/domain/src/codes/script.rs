//! ISO 15924 scripts in which name variants are written, from `data/scripts.tsv`.

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, rows};
use crate::shared::{Language, ValidationError};

const DATA: &str = include_str!("data/scripts.tsv");

/// One script of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptEntry {
    code: &'static str,
    number: u16,
    names: Names,
}

impl ScriptEntry {
    /// The script's four-letter code (`Cyrl`).
    pub fn code(&'static self) -> ScriptCode {
        ScriptCode(self)
    }

    /// The script's ISO 15924 number (`220` for Cyrillic).
    pub fn number(&self) -> u16 {
        self.number
    }

    /// The script's name in `language`.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The script's names in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([code, number, kk, ru, uz, en]: [&'static str; 6]) -> Option<Self> {
        Some(Self {
            code: well_formed(code).then_some(code)?,
            number: number.parse().ok()?,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static SCRIPTS: LazyLock<Vec<ScriptEntry>> =
    LazyLock::new(|| rows::<6>(DATA).filter_map(ScriptEntry::from_row).collect());

/// Four ASCII letters, the first upper case and the rest lower case (`Latn`).
fn well_formed(code: &str) -> bool {
    let mut bytes = code.bytes();
    code.len() == 4
        && bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && bytes.all(|b| b.is_ascii_lowercase())
}

/// Writes a four-letter code the ISO 15924 way: `LATN` and `latn` become `Latn`.
fn title_case(raw: &str) -> String {
    raw.chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// A script from the list, as its ISO 15924 code (`Cyrl`, `Latn`).
#[derive(Clone, Copy)]
pub struct ScriptCode(&'static ScriptEntry);

code_newtype_impls!(ScriptCode);

impl ScriptCode {
    /// Parses a code from the list, in any case (`cyrl`, `LATN`).
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not four letters, `Unknown` when not in the
    /// list. The field is `script`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "script";
        let value = title_case(raw.trim());
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if !well_formed(&value) {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        SCRIPTS
            .iter()
            .find(|entry| entry.code == value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// The list entry of this script.
    pub fn entry(self) -> &'static ScriptEntry {
        self.0
    }
}

/// Every script of the list.
pub fn scripts() -> impl Iterator<Item = &'static ScriptEntry> {
    SCRIPTS.iter()
}

/// The list entry of a script.
pub fn script(code: ScriptCode) -> &'static ScriptEntry {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    #[test]
    fn every_row_parses_and_codes_are_unique() {
        assert_eq!(data_lines(DATA), 13);
        assert_eq!(scripts().count(), 13);
        assert_unique("script", scripts().map(|e| e.code));
        let numbers: Vec<String> = scripts().map(|e| e.number.to_string()).collect();
        assert_unique("script number", numbers.iter().map(String::as_str));
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in scripts() {
            assert_names(entry.code, entry.names());
        }
    }

    #[test]
    fn codes_parse_in_any_case_with_their_numbers() {
        for (raw, code, number) in [
            ("cyrl", "Cyrl", 220),
            ("LATN", "Latn", 215),
            (" Arab ", "Arab", 160),
            ("hans", "Hans", 501),
            ("Zyyy", "Zyyy", 998),
        ] {
            let parsed = ScriptCode::parse(raw).unwrap();
            assert_eq!(parsed.as_ref(), code);
            assert_eq!(script(parsed).number(), number);
        }
        assert_eq!(
            ScriptCode::parse("Cyrl")
                .unwrap()
                .entry()
                .name(Language::Ru),
            "Кириллица"
        );
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        let field = "script";
        assert_eq!(
            ScriptCode::parse(""),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            ScriptCode::parse("Cyr"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            ScriptCode::parse("Cy1l"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            ScriptCode::parse("Tibt"),
            Err(ValidationError::Unknown { field })
        );
    }
}
