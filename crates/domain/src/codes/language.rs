//! ISO 639 languages spoken by the diaspora and in its host countries, from
//! `data/languages.tsv`: ISO 639-1 codes where one exists, ISO 639-3 otherwise (`kaa`).

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, rows};
use crate::shared::{Language, ValidationError};

const DATA: &str = include_str!("data/languages.tsv");

/// One language of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageEntry {
    code: &'static str,
    names: Names,
}

impl LanguageEntry {
    /// The language's code (`kk`, `kaa`).
    pub fn code(&'static self) -> LanguageCode {
        LanguageCode(self)
    }

    /// The language's name in `language` (`Қазақ тілі`, `Казахский`, `Qozoq tili`, `Kazakh`).
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The language's names in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([code, kk, ru, uz, en]: [&'static str; 5]) -> Option<Self> {
        Some(Self {
            code: well_formed(code).then_some(code)?,
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static LANGUAGES: LazyLock<Vec<LanguageEntry>> = LazyLock::new(|| {
    rows::<5>(DATA)
        .filter_map(LanguageEntry::from_row)
        .collect()
});

fn well_formed(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A language from the list, as its ISO 639 code (lower case).
#[derive(Clone, Copy)]
pub struct LanguageCode(&'static LanguageEntry);

code_newtype_impls!(LanguageCode);

impl LanguageCode {
    /// Parses a code from the list, in any case (`KK`, `kaa`).
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not two or three letters, `Unknown` when not in
    /// the list. The field is `language`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "language";
        let value = raw.trim().to_ascii_lowercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if !well_formed(&value) {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        LANGUAGES
            .iter()
            .find(|entry| entry.code == value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// The list entry of this language.
    pub fn entry(self) -> &'static LanguageEntry {
        self.0
    }
}

/// Every language of the list: the platform's four first, then the others.
pub fn languages() -> impl Iterator<Item = &'static LanguageEntry> {
    LANGUAGES.iter()
}

/// The list entry of a language.
pub fn language(code: LanguageCode) -> &'static LanguageEntry {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    /// The languages the issue asks for, at the least.
    const REQUIRED: &str = "kk ru uz en kaa tr zh mn de ky tg tk az ar fa fr es it ko ja uk be \
        pl cs he ug tt ba sv no fi nl pt hi ur ps hy ka ro hu el bg sr hr lt lv et ms id th vi";

    #[test]
    fn every_row_parses_and_codes_are_unique() {
        assert_eq!(languages().count(), data_lines(DATA));
        assert_unique("language", languages().map(|e| e.code));
    }

    #[test]
    fn every_required_language_is_in_the_list() {
        for code in REQUIRED.split_ascii_whitespace() {
            assert!(LanguageCode::parse(code).is_ok(), "{code} is missing");
        }
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entry in languages() {
            assert_names(entry.code, entry.names());
        }
    }

    #[test]
    fn the_platform_languages_come_first_with_their_own_names() {
        let first: Vec<&str> = languages().take(4).map(|e| e.code).collect();
        assert_eq!(first, ["kk", "ru", "uz", "en"]);
        let kk = language(LanguageCode::parse("KK").unwrap());
        assert_eq!(kk.name(Language::Kk), "Қазақ тілі");
        assert_eq!(kk.name(Language::En), "Kazakh");
        let kaa = LanguageCode::parse("kaa").unwrap().entry();
        assert_eq!(kaa.name(Language::Uz), "Qoraqalpoq tili");
        assert_eq!(kaa.name(Language::En), "Karakalpak");
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        let field = "language";
        assert_eq!(
            LanguageCode::parse(" "),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            LanguageCode::parse("k"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            LanguageCode::parse("kk-KZ"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            LanguageCode::parse("xx"),
            Err(ValidationError::Unknown { field })
        );
    }
}
