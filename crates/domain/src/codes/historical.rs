//! States and Soviet republics that no longer exist but are still written as birthplaces, from
//! `data/historical_entities.tsv`. The codes are documented in the `codes` module.

use std::sync::LazyLock;

use super::table::{Names, code_newtype_impls, optional, rows};
use crate::shared::{CountryCode, Language, ValidationError};

const DATA: &str = include_str!("data/historical_entities.tsv");

/// The longest code in the table (`UZ-KK-ASSR`), with room to spare.
const MAX_LEN: usize = 12;

/// A former state or Soviet republic (the USSR, the Kazakh SSR, Czechoslovakia…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoricalEntity {
    code: &'static str,
    successor: Option<CountryCode>,
    part_of: Option<&'static str>,
    names: Names,
}

impl HistoricalEntity {
    /// The entity's code (`KZ-SSR`).
    pub fn code(&'static self) -> HistoricalEntityCode {
        HistoricalEntityCode(self)
    }

    /// The present-day country whose territory the entity was, when there is exactly one
    /// (`KZ` for the Kazakh SSR); `None` for the USSR, Czechoslovakia and Yugoslavia.
    pub fn successor(&self) -> Option<CountryCode> {
        self.successor
    }

    /// The entity this one was part of (the USSR for a union republic, the Uzbek SSR for the
    /// Karakalpak ASSR).
    pub fn part_of(&self) -> Option<HistoricalEntityCode> {
        self.part_of.and_then(find).map(HistoricalEntityCode)
    }

    /// The entity's name in `language`.
    pub fn name(&self, language: Language) -> &'static str {
        self.names.get(language)
    }

    /// The entity's names in every language.
    pub fn names(&self) -> &Names {
        &self.names
    }

    fn from_row([code, successor, part_of, kk, ru, uz, en]: [&'static str; 7]) -> Option<Self> {
        let successor = match optional(successor) {
            Some(alpha2) => Some(CountryCode::parse(alpha2).ok()?),
            None => None,
        };
        Some(Self {
            code: well_formed(code).then_some(code)?,
            successor,
            part_of: optional(part_of),
            names: Names::from_fields(kk, ru, uz, en)?,
        })
    }
}

static ENTITIES: LazyLock<Vec<HistoricalEntity>> = LazyLock::new(|| {
    rows::<7>(DATA)
        .filter_map(HistoricalEntity::from_row)
        .collect()
});

fn find(code: &str) -> Option<&'static HistoricalEntity> {
    ENTITIES.iter().find(|entity| entity.code == code)
}

fn well_formed(code: &str) -> bool {
    (2..=MAX_LEN).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
        && !code.starts_with('-')
        && !code.ends_with('-')
}

/// A historical birthplace entity, as a code from the table (`SU`, `KZ-SSR`, `UZ-KK-ASSR`).
#[derive(Clone, Copy)]
pub struct HistoricalEntityCode(&'static HistoricalEntity);

code_newtype_impls!(HistoricalEntityCode);

impl HistoricalEntityCode {
    /// Parses a code from the table, in any case.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when not letters and hyphens, `Unknown` when not in
    /// the table. The field is `birth_entity`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "birth_entity";
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if !well_formed(&value) {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        find(&value)
            .map(Self)
            .ok_or(ValidationError::Unknown { field: FIELD })
    }

    /// The entity this code names.
    pub fn entity(self) -> &'static HistoricalEntity {
        self.0
    }
}

/// Every historical entity, the USSR and its republics first.
pub fn historical_entities() -> impl Iterator<Item = &'static HistoricalEntity> {
    ENTITIES.iter()
}

/// The entity a code names.
pub fn historical_entity(code: HistoricalEntityCode) -> &'static HistoricalEntity {
    code.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::table::testing::{assert_names, assert_unique, data_lines};

    #[test]
    fn every_row_parses() {
        assert_eq!(data_lines(DATA), 20);
        assert_eq!(historical_entities().count(), 20);
        assert_unique("historical", historical_entities().map(|e| e.code));
    }

    #[test]
    fn names_are_present_and_in_the_right_script() {
        for entity in historical_entities() {
            assert_names(entity.code, entity.names());
        }
    }

    #[test]
    fn every_part_of_reference_exists() {
        for entity in historical_entities() {
            if let Some(parent) = entity.part_of {
                assert!(
                    find(parent).is_some(),
                    "{}: no entity {parent}",
                    entity.code
                );
            }
        }
    }

    #[test]
    fn the_soviet_republics_belong_to_the_ussr_and_have_one_successor() {
        let republics: Vec<_> = historical_entities()
            .filter(|e| e.part_of().map(|p| p.as_ref().to_owned()) == Some("SU".to_owned()))
            .collect();
        assert_eq!(republics.len(), 15);
        assert!(republics.iter().all(|r| r.successor().is_some()));
    }

    #[test]
    fn the_kazakh_ssr_and_karakalpak_assr_resolve() {
        let kz = HistoricalEntityCode::parse(" kz-ssr ").unwrap();
        assert_eq!(kz.as_ref(), "KZ-SSR");
        let entity = historical_entity(kz);
        assert_eq!(entity.successor().map(|c| c.to_string()), Some("KZ".into()));
        assert_eq!(entity.name(Language::Ru), "Казахская ССР");
        assert_eq!(entity.name(Language::Kk), "Қазақ КСР");

        let kk = HistoricalEntityCode::parse("UZ-KK-ASSR").unwrap().entity();
        assert_eq!(kk.part_of().unwrap().as_ref(), "UZ-SSR");
        assert_eq!(kk.successor().unwrap().as_ref(), "UZ");

        let su = HistoricalEntityCode::parse("SU").unwrap().entity();
        assert_eq!(su.successor(), None);
        assert_eq!(su.part_of(), None);
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        let field = "birth_entity";
        assert_eq!(
            HistoricalEntityCode::parse(""),
            Err(ValidationError::Required { field })
        );
        assert_eq!(
            HistoricalEntityCode::parse("KZ SSR"),
            Err(ValidationError::Malformed { field })
        );
        assert_eq!(
            HistoricalEntityCode::parse("KZ"),
            Err(ValidationError::Unknown { field })
        );
    }
}
