//! Which column of a file holds which field of a person, guessed from the headers and
//! corrected by staff, and the pure conversion of one row of text cells into a
//! [`PersonInput`] and its consents.

use crate::registry::{
    CitizenshipInput, LanguageInput, NameInput, PersonInput, Purpose, SourceKind,
};
use crate::shared::ValidationError;

/// Every field a column can be mapped to, in display order.
pub const TARGET_FIELDS: [&str; 36] = [
    "source_key",
    "family_name",
    "given_name",
    "patronymic",
    "name_script",
    "name_source",
    "family_name_2",
    "given_name_2",
    "patronymic_2",
    "name_script_2",
    "name_source_2",
    "sex",
    "birth_date",
    "birth_country",
    "birth_entity",
    "birth_place",
    "citizenship",
    "stateless",
    "ethnicity",
    "languages",
    "residence_country",
    "residence_region",
    "residence_city",
    "residence_permanence",
    "marital_status",
    "education",
    "occupation",
    "sector",
    "employment",
    "email",
    "phone",
    "hometown",
    "consent_registry",
    "consent_statistics",
    "consent_contact",
    "consent_matching",
];

/// Header spellings (normalized: lower case, no spaces, `_`, `-` or `.`) that suggest a field.
const ALIASES: [(&str, &[&str]); 36] = [
    (
        "source_key",
        &[
            "sourcekey",
            "key",
            "id",
            "ref",
            "reference",
            "fileno",
            "номер",
            "nomer",
            "код",
            "kod",
            "ключ",
        ],
    ),
    (
        "family_name",
        &[
            "familyname",
            "surname",
            "lastname",
            "фамилия",
            "тегі",
            "familiya",
        ],
    ),
    (
        "given_name",
        &[
            "givenname",
            "firstname",
            "name",
            "имя",
            "аты",
            "ism",
            "ismi",
        ],
    ),
    (
        "patronymic",
        &[
            "patronymic",
            "middlename",
            "отчество",
            "әкесініңаты",
            "otasiningismi",
            "sharif",
        ],
    ),
    (
        "name_script",
        &["namescript", "script", "письменность", "жазу"],
    ),
    ("name_source", &["namesource", "источникимени"]),
    (
        "family_name_2",
        &[
            "familyname2",
            "surname2",
            "lastname2",
            "latinsurname",
            "surnamelatin",
            "фамилиялатиницей",
        ],
    ),
    (
        "given_name_2",
        &[
            "givenname2",
            "firstname2",
            "name2",
            "latinname",
            "namelatin",
            "имялатиницей",
        ],
    ),
    ("patronymic_2", &["patronymic2"]),
    ("name_script_2", &["namescript2", "script2"]),
    ("name_source_2", &["namesource2"]),
    ("sex", &["sex", "gender", "пол", "жынысы", "jinsi"]),
    (
        "birth_date",
        &[
            "birthdate",
            "dateofbirth",
            "dob",
            "born",
            "датарождения",
            "туғанкүні",
            "tugilgansana",
        ],
    ),
    (
        "birth_country",
        &[
            "birthcountry",
            "countryofbirth",
            "странарождения",
            "туғанел",
            "tugilgandavlat",
        ],
    ),
    ("birth_entity", &["birthentity", "historicalentity"]),
    (
        "birth_place",
        &[
            "birthplace",
            "placeofbirth",
            "месторождения",
            "туғанжері",
            "tugilganjoy",
        ],
    ),
    (
        "citizenship",
        &[
            "citizenship",
            "citizenships",
            "nationality",
            "гражданство",
            "азаматтығы",
            "fuqarolik",
        ],
    ),
    (
        "stateless",
        &["stateless", "безгражданства", "азаматтығыжоқ"],
    ),
    (
        "ethnicity",
        &[
            "ethnicity",
            "ethnicgroup",
            "национальность",
            "ұлты",
            "millati",
        ],
    ),
    (
        "languages",
        &[
            "languages",
            "language",
            "языки",
            "язык",
            "тілдер",
            "тілі",
            "tillar",
        ],
    ),
    (
        "residence_country",
        &[
            "residencecountry",
            "countryofresidence",
            "country",
            "странапроживания",
            "страна",
            "тұратынел",
            "ел",
            "yashashdavlati",
            "davlat",
        ],
    ),
    (
        "residence_region",
        &[
            "residenceregion",
            "region",
            "регион",
            "область",
            "аймақ",
            "облыс",
            "viloyat",
        ],
    ),
    (
        "residence_city",
        &["residencecity", "city", "город", "қала", "shahar"],
    ),
    (
        "residence_permanence",
        &["residencepermanence", "permanence"],
    ),
    (
        "marital_status",
        &[
            "maritalstatus",
            "семейноеположение",
            "отбасылықжағдайы",
            "oilaviyholat",
        ],
    ),
    (
        "education",
        &[
            "education",
            "isced",
            "образование",
            "білімі",
            "talim",
            "taʻlim",
        ],
    ),
    (
        "occupation",
        &[
            "occupation",
            "isco",
            "profession",
            "профессия",
            "кәсібі",
            "kasb",
        ],
    ),
    (
        "sector",
        &["sector", "isic", "industry", "отрасль", "сала", "soha"],
    ),
    (
        "employment",
        &["employment", "занятость", "жұмыспенқамтылу", "bandlik"],
    ),
    (
        "email",
        &[
            "email",
            "e-mail",
            "mail",
            "электроннаяпочта",
            "электрондықпошта",
            "почта",
        ],
    ),
    (
        "phone",
        &["phone", "telephone", "mobile", "телефон", "тел", "telefon"],
    ),
    (
        "hometown",
        &["hometown", "малаяродина", "туғанауыл", "orgunit"],
    ),
    (
        "consent_registry",
        &[
            "consentregistry",
            "consent",
            "согласие",
            "келісім",
            "rozilik",
        ],
    ),
    ("consent_statistics", &["consentstatistics"]),
    ("consent_contact", &["consentcontact"]),
    ("consent_matching", &["consentmatching"]),
];

/// For each target field, the index of the column that holds it (at most one column per
/// field; a column may be left unmapped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    columns: Vec<(&'static str, usize)>,
}

fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\t' | '/' | '(' | ')' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl ColumnMapping {
    /// A mapping with no column mapped.
    pub fn new() -> Self {
        Self::default()
    }

    /// Maps `field` to column `column` (replacing an earlier column for that field).
    ///
    /// # Errors
    /// `Unknown { field: "mapping" }` when `field` is not one of [`TARGET_FIELDS`].
    pub fn set(&mut self, field: &str, column: usize) -> Result<(), ValidationError> {
        let field = TARGET_FIELDS
            .iter()
            .copied()
            .find(|f| *f == field)
            .ok_or(ValidationError::Unknown { field: "mapping" })?;
        self.columns.retain(|(f, _)| *f != field);
        self.columns.push((field, column));
        Ok(())
    }

    /// The column mapped to `field`, if any.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// The field mapped to `column`, if any.
    pub fn field_of(&self, column: usize) -> Option<&'static str> {
        self.columns
            .iter()
            .find(|(_, c)| *c == column)
            .map(|(f, _)| *f)
    }

    /// Every `(field, column)` pair, in [`TARGET_FIELDS`] order.
    pub fn entries(&self) -> Vec<(&'static str, usize)> {
        TARGET_FIELDS
            .iter()
            .filter_map(|f| self.column(f).map(|c| (*f, c)))
            .collect()
    }

    /// Guesses the mapping from header names (case, spacing and punctuation ignored; English,
    /// Russian, Kazakh and Uzbek spellings). Each field takes the first column that names it.
    pub fn suggest(headers: &[String]) -> Self {
        let mut mapping = Self::new();
        for (index, header) in headers.iter().enumerate() {
            let key = normalize(header);
            if key.is_empty() {
                continue;
            }
            let hit = TARGET_FIELDS
                .iter()
                .find(|f| normalize(f) == key)
                .copied()
                .or_else(|| {
                    ALIASES
                        .iter()
                        .find(|(_, aliases)| aliases.iter().any(|a| normalize(a) == key))
                        .map(|(f, _)| *f)
                });
            if let Some(field) = hit
                && mapping.column(field).is_none()
            {
                mapping.columns.push((field, index));
            }
        }
        mapping
    }

    /// The target field a validation error's field belongs to (`citizenship_country` comes
    /// from the `citizenship` column, `proficiency` from `languages`…).
    pub fn target_of(error_field: &str) -> &str {
        match error_field {
            "citizenship_country" | "citizenship_from" | "citizenship_until" => "citizenship",
            "proficiency" | "language" => "languages",
            "script" => "name_script",
            "names" => "family_name",
            other => other,
        }
    }

    /// The header of the column holding `field`'s value, or empty when it is not mapped.
    pub fn header_of(&self, field: &str, headers: &[String]) -> String {
        self.column(Self::target_of(field))
            .and_then(|c| headers.get(c))
            .cloned()
            .unwrap_or_default()
    }

    fn cell<'a>(&self, field: &str, cells: &'a [String]) -> &'a str {
        self.column(field)
            .and_then(|c| cells.get(c))
            .map_or("", |v| v.trim())
    }
}

/// The script a name is most likely written in, from its letters.
fn guess_script(text: &str) -> &'static str {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(c) if ('\u{0400}'..='\u{04ff}').contains(&c) => "Cyrl",
        Some(c) if ('\u{0600}'..='\u{06ff}').contains(&c) => "Arab",
        Some(c) if ('\u{4e00}'..='\u{9fff}').contains(&c) => "Hani",
        _ => "Latn",
    }
}

fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([';', ','])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// `yes`/`no` in the languages of the platform; empty is `None`.
fn yes_no(field: &'static str, raw: &str) -> Result<Option<bool>, ValidationError> {
    match raw.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "1" | "x" | "да" | "д" | "иә" | "ия" | "ha" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "нет" | "н" | "жоқ" | "yoʻq" | "yo'q" | "yoq" => {
            Ok(Some(false))
        }
        _ => Err(ValidationError::Unknown { field }),
    }
}

fn name_variant(mapping: &ColumnMapping, cells: &[String], suffix: &str) -> Option<NameInput> {
    let get = |f: &str| mapping.cell(&format!("{f}{suffix}"), cells).to_owned();
    let family = get("family_name");
    let given = get("given_name");
    let patronymic = get("patronymic");
    if family.is_empty() && given.is_empty() && patronymic.is_empty() && !suffix.is_empty() {
        return None;
    }
    let mut script = get("name_script");
    if script.is_empty() {
        script = guess_script(&format!("{family}{given}")).to_owned();
    }
    let mut source = get("name_source");
    if source.is_empty() {
        "other".clone_into(&mut source);
    }
    Some(NameInput {
        given,
        family,
        patronymic,
        script,
        source,
    })
}

/// Converts one row of cells into the registry's text input, attributed to `source_kind`.
/// Pure: nothing is validated here, [`PersonInput::parse`] does that.
pub fn row_to_input(
    mapping: &ColumnMapping,
    cells: &[String],
    source_kind: SourceKind,
) -> PersonInput {
    let cell = |f: &str| mapping.cell(f, cells).to_owned();
    let names = [
        name_variant(mapping, cells, ""),
        name_variant(mapping, cells, "_2"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let citizenships = split_list(mapping.cell("citizenship", cells))
        .map(|c| CitizenshipInput {
            country: c.to_owned(),
            ..CitizenshipInput::default()
        })
        .collect();
    let ethnicity = split_list(mapping.cell("ethnicity", cells))
        .map(str::to_owned)
        .collect();
    let languages = split_list(mapping.cell("languages", cells))
        .map(|l| {
            let (code, level) = l.split_once(':').unwrap_or((l, ""));
            LanguageInput {
                code: code.trim().to_owned(),
                proficiency: level.trim().to_owned(),
            }
        })
        .collect();
    PersonInput {
        names,
        sex: cell("sex").to_lowercase(),
        birth_date: cell("birth_date"),
        birth_country: cell("birth_country"),
        birth_entity: cell("birth_entity"),
        birth_place: cell("birth_place"),
        citizenships,
        stateless: matches!(
            yes_no("stateless", mapping.cell("stateless", cells)),
            Ok(Some(true))
        ),
        ethnicity,
        ethnicity_prefer_not_to_say: false,
        languages,
        residence_country: cell("residence_country"),
        residence_region: cell("residence_region"),
        residence_city: cell("residence_city"),
        residence_since: String::new(),
        residence_permanence: cell("residence_permanence"),
        marital_status: cell("marital_status"),
        education: cell("education"),
        occupation: cell("occupation"),
        sector: cell("sector"),
        employment: cell("employment"),
        qualifications: vec![],
        email: cell("email"),
        phone: cell("phone"),
        hometown: cell("hometown"),
        kandas: String::new(),
        kandas_granted: String::new(),
        kandas_valid_until: String::new(),
        kandas_revoked: String::new(),
        source_kind: source_kind.as_str().to_owned(),
        source_key: cell("source_key"),
    }
}

/// The consents of a row: each consent column's `yes`/`no`, or `defaults` where the column is
/// absent or empty.
///
/// # Errors
/// Every consent cell (and the `stateless` cell) that is neither yes nor no.
pub fn row_consents(
    mapping: &ColumnMapping,
    cells: &[String],
    defaults: &[Purpose],
) -> Result<Vec<Purpose>, Vec<ValidationError>> {
    let mut errors = vec![];
    if let Err(e) = yes_no("stateless", mapping.cell("stateless", cells)) {
        errors.push(e);
    }
    let mut consents = vec![];
    for (field, purpose) in [
        ("consent_registry", Purpose::Registry),
        ("consent_statistics", Purpose::Statistics),
        ("consent_contact", Purpose::ContactByAgency),
        ("consent_matching", Purpose::Matching),
    ] {
        match yes_no(field, mapping.cell(field, cells)) {
            Ok(Some(true)) => consents.push(purpose),
            Ok(Some(false)) => {}
            Ok(None) => {
                if defaults.contains(&purpose) {
                    consents.push(purpose);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(consents)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headers_in_english_russian_and_kazakh_are_recognized() {
        let cases = [
            ("Family name", "family_name"),
            ("  SURNAME ", "family_name"),
            ("Фамилия", "family_name"),
            ("Тегі", "family_name"),
            ("Имя", "given_name"),
            ("Аты", "given_name"),
            ("Дата рождения", "birth_date"),
            ("Туған күні", "birth_date"),
            ("E-mail", "email"),
            ("Телефон", "phone"),
            ("Страна проживания", "residence_country"),
            ("source_key", "source_key"),
            ("Consent registry", "consent_registry"),
        ];
        for (header, field) in cases {
            let mapping = ColumnMapping::suggest(&strings(&["x", header]));
            assert_eq!(mapping.column(field), Some(1), "{header}");
        }
    }

    #[test]
    fn an_unknown_header_stays_unmapped_and_a_field_takes_the_first_column() {
        let mapping = ColumnMapping::suggest(&strings(&["Surname", "Notes", "Фамилия"]));
        assert_eq!(mapping.column("family_name"), Some(0));
        assert_eq!(mapping.field_of(1), None);
        assert_eq!(mapping.field_of(2), None);
    }

    #[test]
    fn setting_an_unknown_field_is_refused() {
        let mut mapping = ColumnMapping::new();
        assert!(mapping.set("shoe_size", 0).is_err());
        mapping.set("email", 3).unwrap();
        mapping.set("email", 4).unwrap();
        assert_eq!(mapping.entries(), vec![("email", 4)]);
    }

    #[test]
    fn a_row_becomes_a_person_input_with_lists_split() {
        let headers = strings(&[
            "key",
            "Фамилия",
            "Имя",
            "citizenship",
            "languages",
            "country",
            "consent",
        ]);
        let mapping = ColumnMapping::suggest(&headers);
        let row = strings(&[
            "A-1",
            "Әбілова",
            "Жанар",
            "KZ; DE",
            "kk:native;de:fluent",
            "DE",
            "yes",
        ]);
        let input = row_to_input(&mapping, &row, SourceKind::Consulate);
        assert_eq!(input.source_key, "A-1");
        assert_eq!(input.source_kind, "consulate");
        assert_eq!(input.names.len(), 1);
        assert_eq!(input.names[0].script, "Cyrl");
        assert_eq!(input.names[0].source, "other");
        assert_eq!(input.citizenships.len(), 2);
        assert_eq!(input.languages[1].code, "de");
        assert_eq!(input.languages[1].proficiency, "fluent");
        let (facts, source) = input.parse().unwrap();
        assert_eq!(facts.display_name(), "Әбілова Жанар");
        assert_eq!(source.key.as_deref(), Some("A-1"));
        assert_eq!(
            row_consents(&mapping, &row, &[]).unwrap(),
            vec![Purpose::Registry]
        );
    }

    #[test]
    fn consent_cells_override_defaults_and_nonsense_is_reported() {
        let mapping = ColumnMapping::suggest(&strings(&["consent_registry", "consent_matching"]));
        let defaults = [Purpose::Registry, Purpose::Statistics];
        assert_eq!(
            row_consents(&mapping, &strings(&["", "да"]), &defaults).unwrap(),
            vec![Purpose::Registry, Purpose::Statistics, Purpose::Matching]
        );
        assert_eq!(
            row_consents(&mapping, &strings(&["no", ""]), &defaults).unwrap(),
            vec![Purpose::Statistics]
        );
        assert_eq!(
            row_consents(&mapping, &strings(&["maybe", ""]), &defaults).unwrap_err(),
            vec![ValidationError::Unknown {
                field: "consent_registry"
            }]
        );
    }

    #[test]
    fn a_validation_field_is_traced_back_to_its_column_header() {
        let headers = strings(&["Гражданство", "Языки"]);
        let mapping = ColumnMapping::suggest(&headers);
        assert_eq!(
            mapping.header_of("citizenship_country", &headers),
            "Гражданство"
        );
        assert_eq!(mapping.header_of("proficiency", &headers), "Языки");
        assert_eq!(mapping.header_of("email", &headers), "");
    }
}
