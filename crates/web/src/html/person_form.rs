//! The person form shared by staff registration, editing and self-registration: a flat form
//! (fixed slots for name variants, citizenships and languages, so it works without
//! JavaScript) converted to the domain's `PersonInput`, and back for re-rendering.

use otandas_domain::categories::{
    Citizenship, EthnicGroup, EthnicityAnswer, KandasStatus, Permanence,
};
use otandas_domain::codes;
use otandas_domain::registry::{
    CitizenshipInput, Employment, LanguageInput, MaritalStatus, NameInput, NameSource, PersonFacts,
    PersonInput, Proficiency, Purpose, Sex, SourceKind, ethnic_group_code,
};
use otandas_domain::shared::{Language, sort_key};
use serde::Deserialize;
use time::macros::format_description;

use super::util::SelectOption;
use crate::i18n::Tr;

/// The form as posted (every field optional text; checkboxes are present or absent).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub version: String,
    pub n1_given: String,
    pub n1_family: String,
    pub n1_patronymic: String,
    pub n1_script: String,
    pub n1_source: String,
    pub n2_given: String,
    pub n2_family: String,
    pub n2_patronymic: String,
    pub n2_script: String,
    pub n2_source: String,
    pub n3_given: String,
    pub n3_family: String,
    pub n3_patronymic: String,
    pub n3_script: String,
    pub n3_source: String,
    pub sex: String,
    pub birth_date: String,
    pub birth_country: String,
    pub birth_entity: String,
    pub birth_place: String,
    pub c1_country: String,
    pub c1_from: String,
    pub c1_until: String,
    pub c2_country: String,
    pub c2_from: String,
    pub c2_until: String,
    pub c3_country: String,
    pub c3_from: String,
    pub c3_until: String,
    pub stateless: Option<String>,
    pub eth_kazakh: Option<String>,
    pub eth_uzbek: Option<String>,
    pub eth_karakalpak: Option<String>,
    pub eth_other: String,
    pub eth_prefer_not: Option<String>,
    pub l1_code: String,
    pub l1_level: String,
    pub l2_code: String,
    pub l2_level: String,
    pub l3_code: String,
    pub l3_level: String,
    pub l4_code: String,
    pub l4_level: String,
    pub residence_country: String,
    pub residence_region: String,
    pub residence_city: String,
    pub residence_since: String,
    pub residence_permanence: String,
    pub marital_status: String,
    pub education: String,
    pub occupation: String,
    pub sector: String,
    pub employment: String,
    pub qualifications: String,
    pub email: String,
    pub phone: String,
    pub hometown: String,
    pub kandas: String,
    pub kandas_granted: String,
    pub kandas_valid_until: String,
    pub kandas_revoked: String,
    pub source_kind: String,
    pub source_key: String,
    pub consent_registry: Option<String>,
    pub consent_contact: Option<String>,
    pub consent_matching: Option<String>,
    pub consent_statistics: Option<String>,
}

fn name_slot(
    given: &str,
    family: &str,
    patronymic: &str,
    script: &str,
    source: &str,
) -> Option<NameInput> {
    let filled = [given, family, patronymic]
        .iter()
        .any(|v| !v.trim().is_empty());
    filled.then(|| NameInput {
        given: given.to_owned(),
        family: family.to_owned(),
        patronymic: patronymic.to_owned(),
        script: script.to_owned(),
        source: source.to_owned(),
    })
}

impl PersonForm {
    /// The domain input: empty slots are skipped.
    pub fn to_input(&self) -> PersonInput {
        let names = [
            name_slot(
                &self.n1_given,
                &self.n1_family,
                &self.n1_patronymic,
                &self.n1_script,
                &self.n1_source,
            ),
            name_slot(
                &self.n2_given,
                &self.n2_family,
                &self.n2_patronymic,
                &self.n2_script,
                &self.n2_source,
            ),
            name_slot(
                &self.n3_given,
                &self.n3_family,
                &self.n3_patronymic,
                &self.n3_script,
                &self.n3_source,
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let citizenships = [
            (&self.c1_country, &self.c1_from, &self.c1_until),
            (&self.c2_country, &self.c2_from, &self.c2_until),
            (&self.c3_country, &self.c3_from, &self.c3_until),
        ]
        .into_iter()
        .filter(|(c, f, u)| !(c.trim().is_empty() && f.trim().is_empty() && u.trim().is_empty()))
        .map(|(c, f, u)| CitizenshipInput {
            country: c.clone(),
            from: f.clone(),
            until: u.clone(),
        })
        .collect();
        let languages = [
            (&self.l1_code, &self.l1_level),
            (&self.l2_code, &self.l2_level),
            (&self.l3_code, &self.l3_level),
            (&self.l4_code, &self.l4_level),
        ]
        .into_iter()
        .filter(|(c, _)| !c.trim().is_empty())
        .map(|(c, l)| LanguageInput {
            code: c.clone(),
            proficiency: l.clone(),
        })
        .collect();
        let mut ethnicity = vec![];
        for (flag, code) in [
            (&self.eth_kazakh, "kazakh"),
            (&self.eth_uzbek, "uzbek"),
            (&self.eth_karakalpak, "karakalpak"),
        ] {
            if flag.is_some() {
                ethnicity.push(code.to_owned());
            }
        }
        if !self.eth_other.trim().is_empty() {
            ethnicity.push(self.eth_other.clone());
        }
        PersonInput {
            names,
            sex: self.sex.clone(),
            birth_date: self.birth_date.clone(),
            birth_country: self.birth_country.clone(),
            birth_entity: self.birth_entity.clone(),
            birth_place: self.birth_place.clone(),
            citizenships,
            stateless: self.stateless.is_some(),
            ethnicity,
            ethnicity_prefer_not_to_say: self.eth_prefer_not.is_some(),
            languages,
            residence_country: self.residence_country.clone(),
            residence_region: self.residence_region.clone(),
            residence_city: self.residence_city.clone(),
            residence_since: self.residence_since.clone(),
            residence_permanence: self.residence_permanence.clone(),
            marital_status: self.marital_status.clone(),
            education: self.education.clone(),
            occupation: self.occupation.clone(),
            sector: self.sector.clone(),
            employment: self.employment.clone(),
            qualifications: self
                .qualifications
                .lines()
                .map(str::trim)
                .filter(|q| !q.is_empty())
                .map(ToOwned::to_owned)
                .collect(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            hometown: self.hometown.clone(),
            kandas: self.kandas.clone(),
            kandas_granted: self.kandas_granted.clone(),
            kandas_valid_until: self.kandas_valid_until.clone(),
            kandas_revoked: self.kandas_revoked.clone(),
            source_kind: self.source_kind.clone(),
            source_key: self.source_key.clone(),
        }
    }

    /// The consents ticked.
    pub fn consents(&self) -> Vec<Purpose> {
        [
            (&self.consent_registry, Purpose::Registry),
            (&self.consent_contact, Purpose::ContactByAgency),
            (&self.consent_matching, Purpose::Matching),
            (&self.consent_statistics, Purpose::Statistics),
        ]
        .into_iter()
        .filter(|(flag, _)| flag.is_some())
        .map(|(_, p)| p)
        .collect()
    }

    /// The form filled from a stored record (for editing).
    pub fn from_facts(facts: &PersonFacts, version: i64) -> Self {
        let date = |d: Option<time::Date>| {
            d.map(|d| {
                d.format(format_description!("[year]-[month]-[day]"))
                    .unwrap_or_default()
            })
            .unwrap_or_default()
        };
        let mut form = Self {
            version: version.to_string(),
            ..Self::default()
        };
        let names: Vec<[String; 5]> = facts
            .names
            .iter()
            .map(|n| {
                [
                    n.given.clone(),
                    n.family.clone(),
                    n.patronymic.clone().unwrap_or_default(),
                    n.script.as_ref().to_owned(),
                    n.source.as_str().to_owned(),
                ]
            })
            .collect();
        if let Some([g, f, p, s, o]) = names.first().cloned() {
            (
                form.n1_given,
                form.n1_family,
                form.n1_patronymic,
                form.n1_script,
                form.n1_source,
            ) = (g, f, p, s, o);
        }
        if let Some([g, f, p, s, o]) = names.get(1).cloned() {
            (
                form.n2_given,
                form.n2_family,
                form.n2_patronymic,
                form.n2_script,
                form.n2_source,
            ) = (g, f, p, s, o);
        }
        if let Some([g, f, p, s, o]) = names.get(2).cloned() {
            (
                form.n3_given,
                form.n3_family,
                form.n3_patronymic,
                form.n3_script,
                form.n3_source,
            ) = (g, f, p, s, o);
        }
        form.sex = facts.sex.map(|s| s.as_str().to_owned()).unwrap_or_default();
        form.birth_date = facts.birth_date.map(|d| d.to_string()).unwrap_or_default();
        form.birth_country = facts
            .birth_country
            .map(|c| c.to_string())
            .unwrap_or_default();
        form.birth_entity = facts
            .birth_entity
            .map(|e| e.as_ref().to_owned())
            .unwrap_or_default();
        form.birth_place = facts.birth_place.clone().unwrap_or_default();
        let periods = match &facts.citizenship {
            Citizenship::Unknown => vec![],
            Citizenship::History(p) => p.clone(),
            Citizenship::Stateless { former } => {
                form.stateless = Some("on".to_owned());
                former.clone()
            }
        };
        let cit: Vec<(String, String, String)> = periods
            .iter()
            .map(|p| (p.country().to_string(), date(p.from()), date(p.until())))
            .collect();
        if let Some((c, f, u)) = cit.first().cloned() {
            (form.c1_country, form.c1_from, form.c1_until) = (c, f, u);
        }
        if let Some((c, f, u)) = cit.get(1).cloned() {
            (form.c2_country, form.c2_from, form.c2_until) = (c, f, u);
        }
        if let Some((c, f, u)) = cit.get(2).cloned() {
            (form.c3_country, form.c3_from, form.c3_until) = (c, f, u);
        }
        match &facts.ethnicity {
            EthnicityAnswer::NotAsked => {}
            EthnicityAnswer::PreferNotToSay => form.eth_prefer_not = Some("on".to_owned()),
            EthnicityAnswer::Groups(groups) => {
                for g in groups {
                    match g {
                        EthnicGroup::Kazakh => form.eth_kazakh = Some("on".to_owned()),
                        EthnicGroup::Uzbek => form.eth_uzbek = Some("on".to_owned()),
                        EthnicGroup::Karakalpak => form.eth_karakalpak = Some("on".to_owned()),
                        EthnicGroup::Other(_) => form.eth_other = ethnic_group_code(g).to_owned(),
                    }
                }
            }
        }
        let langs: Vec<(String, String)> = facts
            .languages
            .iter()
            .map(|l| {
                (
                    l.language.as_ref().to_owned(),
                    l.proficiency.as_str().to_owned(),
                )
            })
            .collect();
        if let Some((c, l)) = langs.first().cloned() {
            (form.l1_code, form.l1_level) = (c, l);
        }
        if let Some((c, l)) = langs.get(1).cloned() {
            (form.l2_code, form.l2_level) = (c, l);
        }
        if let Some((c, l)) = langs.get(2).cloned() {
            (form.l3_code, form.l3_level) = (c, l);
        }
        if let Some((c, l)) = langs.get(3).cloned() {
            (form.l4_code, form.l4_level) = (c, l);
        }
        if let Some(r) = &facts.residence {
            form.residence_country = r.country.to_string();
            form.residence_region = r.region.clone().unwrap_or_default();
            form.residence_city = r.city.clone().unwrap_or_default();
            form.residence_since = date(r.since);
            form.residence_permanence = match r.permanence {
                Some(Permanence::Permanent) => "permanent".to_owned(),
                Some(Permanence::Temporary) => "temporary".to_owned(),
                None => String::new(),
            };
        }
        form.marital_status = facts
            .marital_status
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default();
        form.education = facts
            .education
            .map(|e| e.as_ref().to_owned())
            .unwrap_or_default();
        form.occupation = facts
            .occupation
            .map(|o| o.as_ref().to_owned())
            .unwrap_or_default();
        form.sector = facts
            .sector
            .map(|s| s.as_ref().to_owned())
            .unwrap_or_default();
        form.employment = facts
            .employment
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default();
        form.qualifications = facts.qualifications.join("\n");
        form.email = facts
            .email
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        form.phone = facts.phone.clone().unwrap_or_default();
        form.hometown = facts
            .hometown
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        match &facts.kandas {
            KandasStatus::Unknown => {}
            KandasStatus::NotHeld => form.kandas = "not_held".to_owned(),
            KandasStatus::Held(grant) => {
                form.kandas = "held".to_owned();
                form.kandas_granted = date(Some(grant.granted()));
                form.kandas_valid_until = date(grant.valid_until());
                form.kandas_revoked = date(grant.revoked());
            }
        }
        form
    }
}

/// Options for the form's selects and datalists, in the reader's language and alphabet.
pub struct FormOptions {
    pub countries: Vec<SelectOption>,
    pub languages: Vec<SelectOption>,
    pub occupations: Vec<SelectOption>,
    pub scripts: Vec<SelectOption>,
    pub name_sources: Vec<SelectOption>,
    pub sexes: Vec<SelectOption>,
    pub entities: Vec<SelectOption>,
    pub proficiencies: Vec<SelectOption>,
    pub marital: Vec<SelectOption>,
    pub education: Vec<SelectOption>,
    pub sectors: Vec<SelectOption>,
    pub employment: Vec<SelectOption>,
    pub permanence: Vec<SelectOption>,
    pub kandas: Vec<SelectOption>,
    pub source_kinds: Vec<SelectOption>,
}

fn sorted(language: Language, mut options: Vec<SelectOption>) -> Vec<SelectOption> {
    options.sort_by_cached_key(|o| sort_key(language, &o.label));
    options
}

fn vocab(tr: &Tr, prefix: &str, values: &[&'static str]) -> Vec<SelectOption> {
    values
        .iter()
        .map(|v| SelectOption {
            value: (*v).to_owned(),
            label: tr.t(&format!("{prefix}-{v}")),
            selected: false,
        })
        .collect()
}

impl FormOptions {
    /// Every option list, translated.
    pub fn new(tr: &Tr) -> Self {
        let l = tr.language;
        let opt = |value: &str, label: &str| SelectOption {
            value: value.to_owned(),
            label: label.to_owned(),
            selected: false,
        };
        Self {
            countries: sorted(
                l,
                codes::countries()
                    .map(|c| opt(c.code().as_ref(), c.name(l)))
                    .collect(),
            ),
            languages: sorted(
                l,
                codes::languages()
                    .map(|c| opt(c.code().as_ref(), c.name(l)))
                    .collect(),
            ),
            occupations: codes::occupations()
                .filter(|o| o.code().as_ref().len() == 4)
                .map(|o| {
                    opt(
                        o.code().as_ref(),
                        &format!("{} {}", o.code().as_ref(), o.name(l)),
                    )
                })
                .collect(),
            scripts: codes::scripts()
                .map(|s| opt(s.code().as_ref(), s.name(l)))
                .collect(),
            name_sources: vocab(
                tr,
                "name-source",
                &NameSource::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>(),
            ),
            sexes: vocab(
                tr,
                "sex",
                &Sex::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            ),
            entities: codes::historical_entities()
                .map(|e| opt(e.code().as_ref(), e.name(l)))
                .collect(),
            proficiencies: vocab(
                tr,
                "proficiency",
                &Proficiency::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>(),
            ),
            marital: vocab(
                tr,
                "marital",
                &MaritalStatus::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>(),
            ),
            education: codes::education_levels()
                .map(|e| {
                    opt(
                        e.code().as_ref(),
                        &format!("{} {}", e.code().as_ref(), e.name(l)),
                    )
                })
                .collect(),
            sectors: codes::sectors()
                .map(|s| {
                    opt(
                        s.code().as_ref(),
                        &format!("{} {}", s.code().as_ref(), s.name(l)),
                    )
                })
                .collect(),
            employment: vocab(
                tr,
                "employment",
                &Employment::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>(),
            ),
            permanence: vocab(tr, "permanence", &["permanent", "temporary"]),
            kandas: vocab(tr, "kandas", &["held", "not_held"]),
            source_kinds: vocab(
                tr,
                "source",
                &SourceKind::ALL
                    .iter()
                    .filter(|k| **k != SourceKind::SelfRegistration)
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>(),
            ),
        }
    }
}
