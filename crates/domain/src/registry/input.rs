//! A person's record as typed: every field as text, the same for a form, the JSON API and an
//! import row. [`PersonInput::parse`] validates all of it at once and reports every problem by
//! field, so that a form can show them all and an import can report each bad cell.

use time::Date;
use time::macros::format_description;

use super::person::{
    Employment, LanguageSkill, MaritalStatus, NameSource, NameVariant, PartialDate, PersonFacts,
    PlaceOfResidence, Proficiency, RecordSource, Sex, SourceKind, parse_ethnic_group,
};
use crate::categories::{
    Citizenship, CitizenshipPeriod, EthnicityAnswer, KandasGrant, KandasStatus, Permanence,
};
use crate::codes::{
    HistoricalEntityCode, IscedLevel, IscoCode, IsicCode, LanguageCode, ScriptCode,
};
use crate::shared::{CountryCode, EmailAddress, OrgUnitPath, ValidationError, ValidationErrors};

/// One name variant as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameInput {
    /// Given name(s).
    pub given: String,
    /// Family name.
    pub family: String,
    /// Patronymic.
    pub patronymic: String,
    /// ISO 15924 script code (`Cyrl`, `Latn`, `Arab`…).
    pub script: String,
    /// Name source (`kazakh_cyrillic`, `passport`…).
    pub source: String,
}

/// One citizenship as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CitizenshipInput {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// `YYYY-MM-DD` or empty.
    pub from: String,
    /// `YYYY-MM-DD` or empty.
    pub until: String,
}

/// One language as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LanguageInput {
    /// ISO 639 code.
    pub code: String,
    /// `native`, `fluent`, `intermediate` or `basic`.
    pub proficiency: String,
}

/// A whole record as typed. Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonInput {
    /// Name variants; at least one.
    pub names: Vec<NameInput>,
    /// `female`, `male` or empty.
    pub sex: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: String,
    /// Present-day birth country.
    pub birth_country: String,
    /// Historical entity code (`KZ-SSR`…).
    pub birth_entity: String,
    /// Birthplace as written.
    pub birth_place: String,
    /// Citizenships held, with dates.
    pub citizenships: Vec<CitizenshipInput>,
    /// Known to hold no citizenship now.
    pub stateless: bool,
    /// Ethnic groups the person identifies with (codes), if they answered.
    pub ethnicity: Vec<String>,
    /// The person chose "prefer not to say".
    pub ethnicity_prefer_not_to_say: bool,
    /// Languages.
    pub languages: Vec<LanguageInput>,
    /// Residence country.
    pub residence_country: String,
    /// Residence region.
    pub residence_region: String,
    /// Residence city.
    pub residence_city: String,
    /// `YYYY-MM-DD` or empty.
    pub residence_since: String,
    /// `permanent`, `temporary` or empty.
    pub residence_permanence: String,
    /// Marital status.
    pub marital_status: String,
    /// ISCED 2011 level.
    pub education: String,
    /// ISCO-08 code.
    pub occupation: String,
    /// ISIC Rev.4 code.
    pub sector: String,
    /// Main activity.
    pub employment: String,
    /// Qualifications, one per entry.
    pub qualifications: Vec<String>,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Home-country locality (org unit path).
    pub hometown: String,
    /// `held`, `not_held` or empty (unknown).
    pub kandas: String,
    /// Kandas status granted on (`YYYY-MM-DD`).
    pub kandas_granted: String,
    /// Valid until.
    pub kandas_valid_until: String,
    /// Revoked on.
    pub kandas_revoked: String,
    /// Who brought the record.
    pub source_kind: String,
    /// The source's own key for the person.
    pub source_key: String,
}

fn optional<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

fn text(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, ValidationError> {
    optional(raw, |v| {
        if v.chars().count() > max {
            Err(ValidationError::TooLong { field, max })
        } else if v.chars().any(char::is_control) {
            Err(ValidationError::Malformed { field })
        } else {
            Ok(v.to_owned())
        }
    })
}

fn date(field: &'static str, raw: &str) -> Result<Option<Date>, ValidationError> {
    optional(raw, |v| {
        Date::parse(v, format_description!("[year]-[month]-[day]"))
            .map_err(|_| ValidationError::Malformed { field })
    })
}

fn vocabulary<T>(
    field: &'static str,
    raw: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, ValidationError> {
    optional(raw, |v| parse(v).ok_or(ValidationError::Unknown { field }))
}

fn phone(raw: &str) -> Result<Option<String>, ValidationError> {
    optional(raw, |v| {
        let digits: String = v
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
            .collect();
        let body = digits.strip_prefix('+').unwrap_or(&digits);
        if digits.starts_with('+')
            && (7..=15).contains(&body.len())
            && body.bytes().all(|b| b.is_ascii_digit())
        {
            Ok(digits)
        } else {
            Err(ValidationError::Malformed { field: "phone" })
        }
    })
}

fn name(input: &NameInput) -> Result<NameVariant, ValidationError> {
    let required = |field: &'static str, raw: &str| -> Result<String, ValidationError> {
        text(field, raw, 100)?.ok_or(ValidationError::Required { field })
    };
    Ok(NameVariant {
        given: required("given_name", &input.given)?,
        family: required("family_name", &input.family)?,
        patronymic: text("patronymic", &input.patronymic, 100)?,
        script: ScriptCode::parse(&input.script)?,
        source: NameSource::parse(&input.source).ok_or(ValidationError::Unknown {
            field: "name_source",
        })?,
    })
}

impl PersonInput {
    /// Validates every field; on success the facts and the source, else every problem.
    ///
    /// # Errors
    /// All the invalid fields at once, each with its code.
    pub fn parse(&self) -> Result<(PersonFacts, RecordSource), ValidationErrors> {
        let mut e = ValidationErrors::new();
        let names: Vec<NameVariant> = self
            .names
            .iter()
            .filter_map(|n| e.collect(name(n)))
            .collect();
        if self.names.is_empty() {
            e.push(ValidationError::Required {
                field: "family_name",
            });
        }
        if self.names.len() > 20 {
            e.push(ValidationError::TooLong {
                field: "names",
                max: 20,
            });
        }
        let sex = e
            .collect(vocabulary("sex", &self.sex, Sex::parse))
            .flatten();
        let birth_date = e
            .collect(optional(&self.birth_date, |v| {
                PartialDate::parse("birth_date", v)
            }))
            .flatten();
        let birth_country = e
            .collect(optional(&self.birth_country, |v| {
                CountryCode::parse(v).map_err(|_| ValidationError::Unknown {
                    field: "birth_country",
                })
            }))
            .flatten();
        let birth_entity = e
            .collect(optional(&self.birth_entity, HistoricalEntityCode::parse))
            .flatten();
        let birth_place = e
            .collect(text("birth_place", &self.birth_place, 200))
            .flatten();

        let mut periods = vec![];
        for c in &self.citizenships {
            let country =
                e.collect(
                    CountryCode::parse(&c.country).map_err(|_| ValidationError::Unknown {
                        field: "citizenship_country",
                    }),
                );
            let from = e.collect(date("citizenship_from", &c.from)).flatten();
            let until = e.collect(date("citizenship_until", &c.until)).flatten();
            if let Some(country) = country
                && let Some(period) = e.collect(CitizenshipPeriod::new(country, from, until))
            {
                periods.push(period);
            }
        }
        let citizenship = match (self.stateless, periods.is_empty()) {
            (true, _) => Citizenship::Stateless { former: periods },
            (false, true) => Citizenship::Unknown,
            (false, false) => Citizenship::History(periods),
        };

        let groups: Vec<_> = self
            .ethnicity
            .iter()
            .filter(|g| !g.trim().is_empty())
            .filter_map(|g| e.collect(parse_ethnic_group(g)))
            .collect();
        let ethnicity = match (self.ethnicity_prefer_not_to_say, groups.is_empty()) {
            (true, true) => EthnicityAnswer::PreferNotToSay,
            (true, false) => {
                // "Prefer not to say" and a group at once: ask again rather than guess.
                e.push(ValidationError::Mismatch { field: "ethnicity" });
                EthnicityAnswer::NotAsked
            }
            (false, true) => EthnicityAnswer::NotAsked,
            (false, false) => EthnicityAnswer::Groups(groups),
        };

        let mut languages: Vec<LanguageSkill> = vec![];
        for l in &self.languages {
            let code = e.collect(LanguageCode::parse(&l.code));
            let level = e.collect(Proficiency::parse(&l.proficiency).ok_or(
                ValidationError::Unknown {
                    field: "proficiency",
                },
            ));
            if let (Some(language), Some(proficiency)) = (code, level) {
                if languages.iter().any(|s| s.language == language) {
                    e.push(ValidationError::Mismatch { field: "language" });
                } else {
                    languages.push(LanguageSkill {
                        language,
                        proficiency,
                    });
                }
            }
        }

        let residence_country = e
            .collect(optional(&self.residence_country, |v| {
                CountryCode::parse(v).map_err(|_| ValidationError::Unknown {
                    field: "residence_country",
                })
            }))
            .flatten();
        let region = e
            .collect(text("residence_region", &self.residence_region, 120))
            .flatten();
        let city = e
            .collect(text("residence_city", &self.residence_city, 120))
            .flatten();
        let since = e
            .collect(date("residence_since", &self.residence_since))
            .flatten();
        let permanence = e
            .collect(vocabulary(
                "residence_permanence",
                &self.residence_permanence,
                |v| match v.to_ascii_lowercase().as_str() {
                    "permanent" => Some(Permanence::Permanent),
                    "temporary" => Some(Permanence::Temporary),
                    _ => None,
                },
            ))
            .flatten();
        let residence = if let Some(country) = residence_country {
            Some(PlaceOfResidence {
                country,
                region,
                city,
                since,
                permanence,
            })
        } else {
            if region.is_some() || city.is_some() || since.is_some() || permanence.is_some() {
                e.push(ValidationError::Required {
                    field: "residence_country",
                });
            }
            None
        };

        let marital_status = e
            .collect(vocabulary(
                "marital_status",
                &self.marital_status,
                MaritalStatus::parse,
            ))
            .flatten();
        let education = e
            .collect(optional(&self.education, IscedLevel::parse))
            .flatten();
        let occupation = e
            .collect(optional(&self.occupation, IscoCode::parse))
            .flatten();
        let sector = e.collect(optional(&self.sector, IsicCode::parse)).flatten();
        let employment = e
            .collect(vocabulary(
                "employment",
                &self.employment,
                Employment::parse,
            ))
            .flatten();
        let qualifications: Vec<String> = self
            .qualifications
            .iter()
            .filter_map(|q| e.collect(text("qualifications", q, 200)).flatten())
            .collect();
        let email = e
            .collect(optional(&self.email, EmailAddress::parse))
            .flatten();
        let phone = e.collect(phone(&self.phone)).flatten();
        let hometown = e
            .collect(optional(&self.hometown, |v| {
                OrgUnitPath::parse(v).map_err(|_| ValidationError::Malformed { field: "hometown" })
            }))
            .flatten();

        let kandas = match self.kandas.trim().to_ascii_lowercase().as_str() {
            "" => KandasStatus::Unknown,
            "not_held" => KandasStatus::NotHeld,
            "held" => {
                let granted = e
                    .collect(date("kandas_granted", &self.kandas_granted))
                    .flatten();
                let until = e
                    .collect(date("kandas_valid_until", &self.kandas_valid_until))
                    .flatten();
                let revoked = e
                    .collect(date("kandas_revoked", &self.kandas_revoked))
                    .flatten();
                if let Some(granted) = granted {
                    e.collect(KandasGrant::new(granted, until, revoked))
                        .map_or(KandasStatus::Unknown, KandasStatus::Held)
                } else {
                    e.push(ValidationError::Required {
                        field: "kandas_granted",
                    });
                    KandasStatus::Unknown
                }
            }
            _ => {
                e.push(ValidationError::Unknown { field: "kandas" });
                KandasStatus::Unknown
            }
        };

        let source_kind = e.collect(SourceKind::parse(&self.source_kind).ok_or(
            ValidationError::Unknown {
                field: "source_kind",
            },
        ));
        let source_key = e
            .collect(text("source_key", &self.source_key, 120))
            .flatten();

        e.clone().into_result()?;
        let Some(kind) = source_kind else {
            return Err(e);
        };
        let facts = PersonFacts {
            names,
            sex,
            birth_date,
            birth_country,
            birth_entity,
            birth_place,
            citizenship,
            ethnicity,
            languages,
            residence,
            marital_status,
            education,
            occupation,
            sector,
            employment,
            qualifications,
            email,
            phone,
            hometown,
            kandas,
        };
        Ok((
            facts,
            RecordSource {
                kind,
                key: source_key,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> PersonInput {
        PersonInput {
            names: vec![NameInput {
                given: "Жанар".into(),
                family: "Әбілова".into(),
                script: "Cyrl".into(),
                source: "kazakh_cyrillic".into(),
                ..NameInput::default()
            }],
            source_kind: "staff".into(),
            ..PersonInput::default()
        }
    }

    #[test]
    fn a_name_and_a_source_are_enough() {
        let (facts, source) = minimal().parse().unwrap();
        assert_eq!(facts.display_name(), "Әбілова Жанар");
        assert_eq!(source.kind, SourceKind::Staff);
        assert_eq!(facts.ethnicity, EthnicityAnswer::NotAsked);
        assert_eq!(facts.citizenship, Citizenship::Unknown);
    }

    #[test]
    fn a_full_record_parses() {
        let mut input = minimal();
        input.names.push(NameInput {
            given: "Zhanar".into(),
            family: "Abilova".into(),
            script: "Latn".into(),
            source: "passport".into(),
            ..NameInput::default()
        });
        input.sex = "female".into();
        input.birth_date = "1988-03".into();
        input.birth_country = "KZ".into();
        input.birth_entity = "KZ-SSR".into();
        input.citizenships = vec![
            CitizenshipInput {
                country: "KZ".into(),
                from: String::new(),
                until: "2010-05-01".into(),
            },
            CitizenshipInput {
                country: "DE".into(),
                from: "2010-05-01".into(),
                until: String::new(),
            },
        ];
        input.ethnicity = vec!["kazakh".into()];
        input.languages = vec![
            LanguageInput {
                code: "kk".into(),
                proficiency: "native".into(),
            },
            LanguageInput {
                code: "de".into(),
                proficiency: "fluent".into(),
            },
        ];
        input.residence_country = "de".into();
        input.residence_city = "Köln".into();
        input.residence_permanence = "permanent".into();
        input.education = "7".into();
        input.occupation = "2211".into();
        input.sector = "Q".into();
        input.email = "Zhanar@Example.de".into();
        input.phone = "+49 221 123-4567".into();
        input.hometown = "KZ.75.10".into();
        input.kandas = "not_held".into();
        let (facts, _) = input.parse().unwrap();
        assert_eq!(facts.names.len(), 2);
        assert_eq!(facts.phone.as_deref(), Some("+492211234567"));
        assert_eq!(
            facts
                .residence
                .as_ref()
                .map(|r| r.country.as_ref().to_owned())
                .as_deref(),
            Some("DE")
        );
        assert!(matches!(facts.citizenship, Citizenship::History(ref p) if p.len() == 2));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut input = minimal();
        input.names[0].script = "Klingon".into();
        input.sex = "x".into();
        input.birth_date = "1988-13".into();
        input.residence_city = "Nowhere".into();
        input.occupation = "9999".into();
        input.email = "not-an-email".into();
        input.phone = "12345".into();
        input.source_kind = "rumour".into();
        let errors = input.parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(ValidationError::field).collect();
        assert_eq!(
            fields,
            [
                "script",
                "sex",
                "birth_date",
                "residence_country",
                "occupation",
                "email",
                "phone",
                "source_kind"
            ]
        );
    }

    #[test]
    fn ethnicity_is_never_required_and_prefer_not_to_say_cannot_be_combined() {
        let mut input = minimal();
        input.ethnicity_prefer_not_to_say = true;
        assert_eq!(
            input.parse().unwrap().0.ethnicity,
            EthnicityAnswer::PreferNotToSay
        );
        input.ethnicity = vec!["kazakh".into()];
        let errors = input.parse().unwrap_err();
        assert_eq!(
            errors.for_field("ethnicity"),
            Some(&ValidationError::Mismatch { field: "ethnicity" })
        );
    }

    #[test]
    fn a_kandas_status_needs_its_grant_date() {
        let mut input = minimal();
        input.kandas = "held".into();
        assert!(
            input
                .parse()
                .unwrap_err()
                .for_field("kandas_granted")
                .is_some()
        );
        input.kandas_granted = "2015-06-01".into();
        assert!(matches!(
            input.parse().unwrap().0.kandas,
            KandasStatus::Held(_)
        ));
    }

    #[test]
    fn a_record_needs_a_name() {
        let input = PersonInput {
            source_kind: "staff".into(),
            ..PersonInput::default()
        };
        assert_eq!(
            input.parse().unwrap_err().for_field("family_name"),
            Some(&ValidationError::Required {
                field: "family_name"
            })
        );
    }
}
