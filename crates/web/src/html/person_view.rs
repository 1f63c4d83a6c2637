//! Turns the service's `PersonView` (already limited to what the caller may see) into the
//! sections, rows and labels the detail page shows, in the reader's language.

use otandas_domain::categories::{
    Citizenship, Determination, EthnicGroup, EthnicityAnswer, KandasStatus, Permanence,
};
use otandas_domain::codes;
use otandas_domain::registry::{FieldGroup, PersonView, Purpose, ethnic_group_code};
use otandas_domain::shared::CountryCode;

use crate::i18n::Tr;

/// One section of the detail page.
pub struct Section {
    /// Heading.
    pub title: String,
    /// Label and value pairs.
    pub rows: Vec<(String, String)>,
}

/// A category finding, in words.
pub struct CategoryRow {
    /// Category name.
    pub name: String,
    /// Applies / undetermined (with the missing facts).
    pub determination: String,
    /// The law it comes from.
    pub basis: String,
}

/// A consent, in words.
pub struct ConsentRow {
    /// The purpose's name.
    pub label: String,
    /// Granted or not, in words.
    pub state: String,
    /// The purpose's kind (the form value).
    pub kind: &'static str,
    /// Whether it is granted now.
    pub granted: bool,
}

/// Everything the detail page shows.
pub struct PersonDetail {
    /// The display name.
    pub name: String,
    /// Sections of visible fields.
    pub sections: Vec<Section>,
    /// Legal categories (only when the caller may see legal status).
    pub categories: Vec<CategoryRow>,
    /// Consents.
    pub consents: Vec<ConsentRow>,
}

/// A country's name in the reader's language.
pub fn country_name(tr: &Tr, code: CountryCode) -> String {
    codes::country(code).map_or_else(|| code.to_string(), |c| c.name(tr.language).to_owned())
}

fn dash() -> String {
    "—".to_owned()
}

/// Builds the page model.
pub fn detail(tr: &Tr, view: &PersonView) -> PersonDetail {
    let f = &view.person.facts;
    let mut sections = vec![];
    let show = |g| view.fields.contains(g);
    let label = |k: &str| tr.t(&format!("field-{k}"));
    if show(FieldGroup::Identity) {
        let mut rows: Vec<(String, String)> = f
            .names
            .iter()
            .map(|n| {
                let script = codes::script(n.script).name(tr.language);
                (
                    format!(
                        "{} ({script}, {})",
                        label("name"),
                        tr.t(&format!("name-source-{}", n.source.as_str()))
                    ),
                    n.full_name(),
                )
            })
            .collect();
        rows.push((
            label("sex"),
            f.sex
                .map_or_else(dash, |s| tr.t(&format!("sex-{}", s.as_str()))),
        ));
        rows.push((
            label("birth_date"),
            f.birth_date.map_or_else(dash, |d| d.to_string()),
        ));
        rows.push((
            label("birth_country"),
            f.birth_country.map_or_else(dash, |c| country_name(tr, c)),
        ));
        rows.push((
            label("birth_entity"),
            f.birth_entity.map_or_else(dash, |e| {
                codes::historical_entity(e).name(tr.language).to_owned()
            }),
        ));
        rows.push((
            label("birth_place"),
            f.birth_place.clone().unwrap_or_else(dash),
        ));
        sections.push(Section {
            title: tr.t("group-identity"),
            rows,
        });
    }
    if show(FieldGroup::Contacts) {
        sections.push(Section {
            title: tr.t("group-contacts"),
            rows: vec![
                (
                    label("email"),
                    f.email.as_ref().map_or_else(dash, ToString::to_string),
                ),
                (label("phone"), f.phone.clone().unwrap_or_else(dash)),
            ],
        });
    }
    if show(FieldGroup::Residence) {
        let rows = match &f.residence {
            Some(r) => vec![
                (label("residence_country"), country_name(tr, r.country)),
                (
                    label("residence_region"),
                    r.region.clone().unwrap_or_else(dash),
                ),
                (label("residence_city"), r.city.clone().unwrap_or_else(dash)),
                (
                    label("residence_since"),
                    r.since.map_or_else(dash, |d| d.to_string()),
                ),
                (
                    label("residence_permanence"),
                    match r.permanence {
                        Some(Permanence::Permanent) => tr.t("permanence-permanent"),
                        Some(Permanence::Temporary) => tr.t("permanence-temporary"),
                        None => dash(),
                    },
                ),
            ],
            None => vec![(label("residence_country"), dash())],
        };
        sections.push(Section {
            title: tr.t("group-residence"),
            rows,
        });
    }
    if show(FieldGroup::LegalStatus) {
        let mut rows = vec![];
        let periods = match &f.citizenship {
            Citizenship::Unknown => {
                rows.push((label("citizenship_country"), dash()));
                vec![]
            }
            Citizenship::History(p) => p.clone(),
            Citizenship::Stateless { former } => {
                rows.push((label("stateless"), tr.t("yes")));
                former.clone()
            }
        };
        for p in periods {
            let span = format!(
                "{} – {}",
                p.from().map_or_else(|| "…".to_owned(), |d| d.to_string()),
                p.until().map_or_else(|| "…".to_owned(), |d| d.to_string())
            );
            rows.push((
                label("citizenship_country"),
                format!("{} ({span})", country_name(tr, p.country())),
            ));
        }
        let kandas = match &f.kandas {
            KandasStatus::Unknown => dash(),
            KandasStatus::NotHeld => tr.t("kandas-not_held"),
            KandasStatus::Held(g) => format!("{} {}", tr.t("kandas-held"), g.granted()),
        };
        rows.push((label("kandas"), kandas));
        sections.push(Section {
            title: tr.t("group-legal_status"),
            rows,
        });
    }
    if show(FieldGroup::Ethnicity) {
        let value = match &f.ethnicity {
            EthnicityAnswer::NotAsked => tr.t("not-stated"),
            EthnicityAnswer::PreferNotToSay => tr.t("ethnic-prefer-not"),
            EthnicityAnswer::Groups(groups) => groups
                .iter()
                .map(|g| match g {
                    EthnicGroup::Kazakh | EthnicGroup::Uzbek | EthnicGroup::Karakalpak => {
                        tr.t(&format!("ethnic-{}", ethnic_group_code(g)))
                    }
                    EthnicGroup::Other(code) => code.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        sections.push(Section {
            title: tr.t("group-ethnicity"),
            rows: vec![(label("ethnicity"), value)],
        });
    }
    if show(FieldGroup::Languages) {
        let rows = f
            .languages
            .iter()
            .map(|l| {
                (
                    codes::language(l.language).name(tr.language).to_owned(),
                    tr.t(&format!("proficiency-{}", l.proficiency.as_str())),
                )
            })
            .collect();
        sections.push(Section {
            title: tr.t("group-languages"),
            rows,
        });
    }
    if show(FieldGroup::Skills) {
        sections.push(Section {
            title: tr.t("group-skills"),
            rows: vec![
                (
                    label("education"),
                    f.education.map_or_else(dash, |e| {
                        codes::education_level(e).name(tr.language).to_owned()
                    }),
                ),
                (
                    label("occupation"),
                    f.occupation.map_or_else(dash, |o| {
                        format!("{} {}", o.as_ref(), codes::occupation(o).name(tr.language))
                    }),
                ),
                (
                    label("sector"),
                    f.sector.map_or_else(dash, |s| {
                        format!("{} {}", s.as_ref(), codes::sector(s).name(tr.language))
                    }),
                ),
                (
                    label("employment"),
                    f.employment
                        .map_or_else(dash, |e| tr.t(&format!("employment-{}", e.as_str()))),
                ),
                (
                    label("qualifications"),
                    if f.qualifications.is_empty() {
                        dash()
                    } else {
                        f.qualifications.join("; ")
                    },
                ),
            ],
        });
    }
    if show(FieldGroup::Background) {
        sections.push(Section {
            title: tr.t("group-background"),
            rows: vec![
                (
                    label("hometown"),
                    f.hometown.as_ref().map_or_else(dash, ToString::to_string),
                ),
                (
                    label("marital_status"),
                    f.marital_status
                        .map_or_else(dash, |m| tr.t(&format!("marital-{}", m.as_str()))),
                ),
            ],
        });
    }
    if show(FieldGroup::Provenance) {
        sections.push(Section {
            title: tr.t("group-provenance"),
            rows: vec![
                (
                    label("source_kind"),
                    tr.t(&format!("source-{}", view.person.source.kind.as_str())),
                ),
                (
                    label("source_key"),
                    view.person.source.key.clone().unwrap_or_else(dash),
                ),
            ],
        });
    }
    let categories = view
        .categories
        .iter()
        .filter(|c| !matches!(c.determination, Determination::DoesNotApply))
        .map(|c| CategoryRow {
            name: tr.t(&format!("category-{}", c.code)),
            determination: match &c.determination {
                Determination::Applies => tr.t("determination-applies"),
                Determination::DoesNotApply => tr.t("determination-does-not-apply"),
                Determination::Undetermined { missing } => tr.t1(
                    "determination-undetermined",
                    "facts",
                    missing
                        .iter()
                        .map(|m| tr.t(&format!("fact-{}", m.code())))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            },
            basis: c.legal_basis.map_or_else(
                || "—".to_owned(),
                |_| tr.t(&format!("legal-basis-{}", c.code)),
            ),
        })
        .collect();
    let consents = [
        Purpose::Registry,
        Purpose::ContactByAgency,
        Purpose::Matching,
        Purpose::Statistics,
    ]
    .into_iter()
    .map(|p| {
        let granted = view.consents.allows(p);
        ConsentRow {
            label: tr.t(&format!("purpose-{}", p.kind())),
            state: tr.t(if granted {
                "consent-granted"
            } else {
                "consent-not-granted"
            }),
            kind: p.kind(),
            granted,
        }
    })
    .collect();
    let name = f.names.first().map_or_else(
        || tr.t("person-hidden-name"),
        otandas_domain::registry::NameVariant::full_name,
    );
    PersonDetail {
        name,
        sections,
        categories,
        consents,
    }
}
