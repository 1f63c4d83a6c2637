//! The embedded TSV tables: splitting a file into rows, the four names every entry carries, and
//! the trait impls that the validated code newtypes share.
//!
//! Runtime parsing is lenient on purpose: a row that does not fit is skipped, never a panic.
//! Every list has a test that counts its rows against the lines of its file, so a malformed row
//! fails the build's tests instead of disappearing silently.

use crate::shared::Language;

/// The name of an entry in the four languages of the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Names {
    kk: &'static str,
    ru: &'static str,
    uz: &'static str,
    en: &'static str,
}

impl Names {
    /// Builds the names from four table fields; `None` when any of them is empty.
    pub(super) fn from_fields(
        kk: &'static str,
        ru: &'static str,
        uz: &'static str,
        en: &'static str,
    ) -> Option<Self> {
        [kk, ru, uz, en]
            .iter()
            .all(|name| !name.is_empty())
            .then_some(Self { kk, ru, uz, en })
    }

    /// The name in `language`: Kazakh in Cyrillic, Uzbek in Latin script.
    pub fn get(&self, language: Language) -> &'static str {
        match language {
            Language::Kk => self.kk,
            Language::Ru => self.ru,
            Language::Uz => self.uz,
            Language::En => self.en,
        }
    }
}

/// The data rows of an embedded TSV file (the header line is skipped), each split into exactly
/// `N` trimmed fields. A line with another number of fields is skipped.
pub(super) fn rows<const N: usize>(data: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    data.lines().skip(1).filter_map(split_row::<N>)
}

fn split_row<const N: usize>(line: &'static str) -> Option<[&'static str; N]> {
    let mut fields = line.split('\t');
    let mut row = [""; N];
    for slot in &mut row {
        *slot = fields.next()?.trim();
    }
    fields.next().is_none().then_some(row)
}

/// An optional table field: the empty string means "none".
pub(super) fn optional(field: &'static str) -> Option<&'static str> {
    (!field.is_empty()).then_some(field)
}

/// Implements equality, ordering, hashing, `AsRef<str>`, `Display` and `Debug` for a code
/// newtype that wraps a `&'static` entry of a table, all by the entry's code.
macro_rules! code_newtype_impls {
    ($name:ident) => {
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.code
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.0.code == other.0.code
            }
        }

        impl Eq for $name {}

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.code.cmp(other.0.code)
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.code.hash(state);
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0.code)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.code)
            }
        }
    };
}

pub(super) use code_newtype_impls;

/// Helpers the tests of every list share.
#[cfg(test)]
pub(super) mod testing {
    use std::collections::HashSet;

    use super::Names;
    use crate::shared::Language;

    /// The number of data lines of an embedded file (all lines but the header).
    pub fn data_lines(data: &str) -> usize {
        data.lines().count().saturating_sub(1)
    }

    /// Asserts that no code occurs twice.
    pub fn assert_unique<'a>(what: &str, codes: impl IntoIterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for code in codes {
            assert!(seen.insert(code), "{what}: code {code} occurs twice");
        }
    }

    fn is_cyrillic(c: char) -> bool {
        matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
    }

    /// Basic Latin and Latin Extended-A/B letters, plus the Uzbek modifier letters ʻ (U+02BB,
    /// in Oʻ and Gʻ) and ʼ (U+02BC, the tutuq belgisi).
    fn is_latin(c: char) -> bool {
        c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{02BB}' | '\u{02BC}')
    }

    /// Asserts the script rules for one entry's names: no name is empty, the Kazakh and
    /// Russian names use only Cyrillic letters, the Uzbek and English names only Latin ones,
    /// and the Uzbek names write Oʻ and Gʻ with U+02BB, never with a quote or apostrophe.
    pub fn assert_names(code: &str, names: &Names) {
        for language in Language::ALL {
            let name = names.get(language);
            assert!(!name.trim().is_empty(), "{code}: empty {language} name");
            assert_eq!(
                name,
                name.trim(),
                "{code}: {language} name has outer spaces"
            );
            let letters_ok = match language {
                Language::Kk | Language::Ru => {
                    name.chars().filter(|c| c.is_alphabetic()).all(is_cyrillic)
                }
                Language::Uz | Language::En => {
                    name.chars().filter(|c| c.is_alphabetic()).all(is_latin)
                }
            };
            assert!(letters_ok, "{code}: {language} name {name:?} mixes scripts");
        }
        let uz = names.get(Language::Uz);
        for bad in [
            "o'", "g'", "O'", "G'", "o‘", "g‘", "O‘", "G‘", "o’", "g’", "O’", "G’",
        ] {
            assert!(!uz.contains(bad), "{code}: Uzbek name {uz:?} writes {bad}");
        }
    }

    #[test]
    fn rows_with_the_wrong_number_of_fields_are_skipped() {
        let data = "a\tb\n1\t2\n3\n4\t5\t6\n7\t\n";
        let rows: Vec<[&str; 2]> = super::rows::<2>(data).collect();
        assert_eq!(rows, vec![["1", "2"], ["7", ""]]);
        assert_eq!(data_lines(data), 4);
    }

    #[test]
    fn names_need_all_four_languages() {
        assert!(Names::from_fields("а", "б", "c", "d").is_some());
        assert!(Names::from_fields("а", "", "c", "d").is_none());
    }
}
