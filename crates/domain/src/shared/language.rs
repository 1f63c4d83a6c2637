//! The languages of the platform: Kazakh (Cyrillic), Russian, Uzbek (Latin) and English.

use std::fmt;

/// A user-interface language. Adding one is adding a variant and a Fluent file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Kazakh, Cyrillic script (`kk`).
    Kk,
    /// Russian (`ru`).
    Ru,
    /// Uzbek, Latin script (`uz`).
    Uz,
    /// English (`en`).
    En,
}

impl Language {
    /// Every language, in the order the language switcher shows them.
    pub const ALL: [Self; 4] = [Self::Kk, Self::Ru, Self::Uz, Self::En];

    /// The BCP 47 tag (`kk`, `ru`, `uz`, `en`).
    pub const fn tag(self) -> &'static str {
        match self {
            Self::Kk => "kk",
            Self::Ru => "ru",
            Self::Uz => "uz",
            Self::En => "en",
        }
    }

    /// Parses a tag such as `kk`, `ru-RU`, `uz-Latn-UZ` or `EN`; only the primary subtag counts.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_regions_and_scripts_parse_to_their_language() {
        assert_eq!(Language::from_tag("kk-KZ"), Some(Language::Kk));
        assert_eq!(Language::from_tag("uz-Latn-UZ"), Some(Language::Uz));
        assert_eq!(Language::from_tag("EN"), Some(Language::En));
        assert_eq!(Language::from_tag("ru_RU"), Some(Language::Ru));
        assert_eq!(Language::from_tag("de"), None);
        assert_eq!(Language::from_tag(""), None);
    }
}
