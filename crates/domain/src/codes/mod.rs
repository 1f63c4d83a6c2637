//! The standard code lists that ship with the app, each with names in Kazakh (Cyrillic),
//! Russian, Uzbek (Latin, with ʻ U+02BB in Oʻ and Gʻ and ʼ U+02BC for the tutuq belgisi) and
//! English: ISO 3166-1 countries and the historical entities still written as birthplaces,
//! ISO 639 languages, ISO 15924 scripts, ISCO-08 occupations, ISIC Rev.4 sectors and ISCED 2011
//! education levels.
//!
//! Each list is a UTF-8 TSV file in `data/` with one header line, embedded with `include_str!`
//! and parsed once on first use. Parsing never panics: a row that does not fit is skipped, and
//! each list's tests count its rows against its file so that such a row fails the tests. A
//! validated newtype per list (`LanguageCode`, `ScriptCode`, `IscoCode`, `IsicCode`,
//! `IscedLevel`, `HistoricalEntityCode`) accepts only codes in the list and holds its entry, so
//! looking an entry up from a parsed code cannot fail. Countries use the existing
//! [`CountryCode`](crate::shared::CountryCode).
//!
//! Sources and scope:
//! - Countries: every officially assigned ISO 3166-1 code with its alpha-3 and numeric codes
//!   (as in Debian's iso-codes); names from Unicode CLDR, with abbreviations written out, a few
//!   names made the ones used in the region (`Кыргызстан`) and Uzbek apostrophes normalized.
//! - Languages and scripts: the subsets the diaspora and its host countries need; Russian,
//!   Kazakh and English language names from CLDR, Uzbek names as `… tili`.
//! - ISCO-08: all four levels (10, 43, 130 and 436 groups) with the ILO's English titles. The
//!   Russian titles follow the wording of the Russian classification harmonized with ISCO-08
//!   (OKZ, OK 010-2014) where it matches; the Kazakh and Uzbek titles are this project's
//!   translations, not an official national classification, and are worth a review by a
//!   native-speaking statistician.
//! - ISIC Rev.4: the 21 sections and 88 divisions with the UN's English titles; the other
//!   titles follow the national classifications built on ISIC and NACE (OKED) in the same way.
//! - ISCED 2011: levels 0 to 8 with UNESCO's English names and the Russian names of UNESCO's
//!   Russian edition.
//!
//! Historical entity codes. They are chosen never to collide with an ISO 3166-1 alpha-2 code:
//! - `SU`: the USSR, the code ISO 3166-1 still reserves for it.
//! - `<alpha-2>-SSR`: a union republic, named by the alpha-2 code of the country that succeeded
//!   it (`KZ-SSR` Kazakh SSR, `UZ-SSR` Uzbek SSR, `KG-SSR` Kirghiz SSR, `TJ-SSR` Tajik SSR,
//!   `TM-SSR` Turkmen SSR, `UA-SSR` Ukrainian SSR, `BY-SSR` Byelorussian SSR, `AZ-SSR`
//!   Azerbaijan SSR, `AM-SSR` Armenian SSR, `GE-SSR` Georgian SSR, `MD-SSR` Moldavian SSR,
//!   `LT-SSR`, `LV-SSR` and `EE-SSR` the Baltic SSRs), except `RU-SFSR` for the Russian SFSR,
//!   which was a federative republic.
//! - `UZ-KK-ASSR`: the Karakalpak ASSR, a part of the Uzbek SSR (`KK` for Karakalpak; the
//!   ISO 3166-2 code `UZ-QR` names today's Republic of Karakalpakstan, not the ASSR).
//! - `CSHH` Czechoslovakia, `YUCS` Yugoslavia and `DDDE` East Germany: their ISO 3166-3 codes
//!   for formerly used names, since the alpha-2 `CS` was later reused for Serbia and
//!   Montenegro.
//!
//! Each entity records its single successor country where there is one (none for the USSR,
//! Czechoslovakia and Yugoslavia) and the entity it was part of (`SU` for the union
//! republics, `UZ-SSR` for the Karakalpak ASSR).

mod country;
mod education;
mod historical;
mod language;
mod occupation;
mod script;
mod sector;
mod table;

pub use country::{CountryEntry, countries, country, country_by_alpha3, country_by_numeric};
pub use education::{EducationLevelEntry, IscedLevel, education_level, education_levels};
pub use historical::{
    HistoricalEntity, HistoricalEntityCode, historical_entities, historical_entity,
};
pub use language::{LanguageCode, LanguageEntry, language, languages};
pub use occupation::{IscoCode, IscoLevel, OccupationEntry, occupation, occupations};
pub use script::{ScriptCode, ScriptEntry, script, scripts};
pub use sector::{IsicCode, IsicLevel, SectorEntry, sector, sectors};
pub use table::Names;
