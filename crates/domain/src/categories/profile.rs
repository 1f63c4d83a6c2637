//! Policy profiles: the home country's category definitions (code, rule id, legal basis,
//! validity) and the evaluation of a person's facts against them into findings that say
//! "applies", "does not apply" or "undetermined, for want of these facts".

use time::Date;

use super::facts::{CategoryFacts, Fact};
use super::{kz, uz};
use crate::shared::ValidationError;

/// The outcome of one rule for one person: a three-valued answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Determination {
    /// The person is in the category.
    Applies,
    /// The person is not in the category.
    DoesNotApply,
    /// The facts on record do not decide it; `missing` (sorted, without duplicates) names the
    /// facts that would.
    Undetermined { missing: Vec<Fact> },
}

impl Determination {
    /// Whether the category applies.
    pub fn applies(&self) -> bool {
        matches!(self, Self::Applies)
    }

    /// The facts that would decide an undetermined answer; empty when it is decided.
    pub fn missing(&self) -> &[Fact] {
        match self {
            Self::Undetermined { missing } => missing,
            Self::Applies | Self::DoesNotApply => &[],
        }
    }

    /// Undetermined for want of one fact.
    pub(crate) fn missing_fact(fact: Fact) -> Self {
        Self::Undetermined {
            missing: vec![fact],
        }
    }

    /// `Applies` for true, `DoesNotApply` for false.
    pub(crate) fn from_bool(value: bool) -> Self {
        if value {
            Self::Applies
        } else {
            Self::DoesNotApply
        }
    }

    /// Logical "not": undetermined stays undetermined, for want of the same facts.
    pub(crate) fn negate(self) -> Self {
        match self {
            Self::Applies => Self::DoesNotApply,
            Self::DoesNotApply => Self::Applies,
            undetermined @ Self::Undetermined { .. } => undetermined,
        }
    }

    /// Logical "and" of every condition (Kleene): one "no" decides "no" whatever else is
    /// unknown; otherwise an unknown makes the whole unknown, for want of every fact any
    /// undetermined condition is missing.
    pub(crate) fn all(conditions: impl IntoIterator<Item = Self>) -> Self {
        conditions
            .into_iter()
            .fold(Self::Applies, |acc, next| match (acc, next) {
                (Self::DoesNotApply, _) | (_, Self::DoesNotApply) => Self::DoesNotApply,
                (Self::Applies, other) | (other, Self::Applies) => other,
                (Self::Undetermined { missing: a }, Self::Undetermined { missing: b }) => {
                    Self::merged(a, b)
                }
            })
    }

    /// Logical "or" of every alternative (Kleene): one "yes" decides "yes" whatever else is
    /// unknown; otherwise an unknown makes the whole unknown.
    pub(crate) fn any(alternatives: impl IntoIterator<Item = Self>) -> Self {
        alternatives
            .into_iter()
            .fold(Self::DoesNotApply, |acc, next| match (acc, next) {
                (Self::Applies, _) | (_, Self::Applies) => Self::Applies,
                (Self::DoesNotApply, other) | (other, Self::DoesNotApply) => other,
                (Self::Undetermined { missing: a }, Self::Undetermined { missing: b }) => {
                    Self::merged(a, b)
                }
            })
    }

    fn merged(mut a: Vec<Fact>, b: Vec<Fact>) -> Self {
        a.extend(b);
        a.sort_unstable();
        a.dedup();
        Self::Undetermined { missing: a }
    }
}

/// One legal category of a profile: what it is called, which rule computes it, and the law it
/// comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryDefinition {
    /// Stable code; the web layer translates `category-<code>`.
    pub code: &'static str,
    /// Stable id of the rule that computes it (`<profile>.<code>.v<version>`); a changed rule
    /// gets a new version, so stored findings say which rule produced them.
    pub rule: &'static str,
    /// The law or policy document the definition comes from, by name and year as the seed
    /// papers give it; `None` when the seeds name no statutory definition.
    pub legal_basis: Option<&'static str>,
    /// The first day the definition is in force, when a date is known.
    pub valid_from: Option<Date>,
    /// The last day the definition is in force, when it was repealed.
    pub valid_until: Option<Date>,
}

impl CategoryDefinition {
    /// Whether the definition is in force on `date` (both ends inclusive; an unknown end does
    /// not limit it).
    pub fn in_force_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= date)
            && self.valid_until.is_none_or(|until| date <= until)
    }

    /// The finding for this category on `as_of`, given what its rule determined. A definition
    /// not in force on `as_of` does not apply, whatever the facts, and the finding says so
    /// (`in_force: false`).
    pub(crate) fn finding(&self, as_of: Date, determination: Determination) -> CategoryFinding {
        let in_force = self.in_force_on(as_of);
        CategoryFinding {
            code: self.code,
            determination: if in_force {
                determination
            } else {
                Determination::DoesNotApply
            },
            rule: self.rule,
            legal_basis: self.legal_basis,
            in_force,
        }
    }
}

/// The result of one category's rule for one person on one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryFinding {
    /// The category's code.
    pub code: &'static str,
    /// Applies, does not apply, or undetermined with the facts that would decide it.
    pub determination: Determination,
    /// The id of the rule that produced it.
    pub rule: &'static str,
    /// The definition's legal basis.
    pub legal_basis: Option<&'static str>,
    /// False when the definition was not in force on the evaluation date (the determination is
    /// then `DoesNotApply`).
    pub in_force: bool,
}

/// The configuration value that chooses a deployment's policy profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileCode {
    /// `kz`: Kazakhstan.
    Kz,
    /// `uz`: Uzbekistan.
    Uz,
}

impl ProfileCode {
    /// Parses `kz` or `uz`, in any case.
    ///
    /// # Errors
    /// `Required { field: "policy_profile" }` when empty, `Unknown` for any other value.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "policy_profile";
        match raw.trim().to_ascii_lowercase().as_str() {
            "" => Err(ValidationError::Required { field: FIELD }),
            "kz" => Ok(Self::Kz),
            "uz" => Ok(Self::Uz),
            _ => Err(ValidationError::Unknown { field: FIELD }),
        }
    }

    /// The configuration spelling: `kz` or `uz`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kz => "kz",
            Self::Uz => "uz",
        }
    }

    /// The profile this code chooses.
    pub fn profile(self) -> PolicyProfile {
        match self {
            Self::Kz => PolicyProfile::Kazakhstan,
            Self::Uz => PolicyProfile::Uzbekistan,
        }
    }
}

/// A home country's legal definitions of its diaspora, turning facts into categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyProfile {
    /// Kazakhstan: ethnic Kazakh abroad, compatriot, citizen abroad, kandas, diaspora.
    Kazakhstan,
    /// Uzbekistan: vatandosh and its sub-groups.
    Uzbekistan,
}

impl PolicyProfile {
    /// The configuration code of this profile.
    pub fn code(self) -> ProfileCode {
        match self {
            Self::Kazakhstan => ProfileCode::Kz,
            Self::Uzbekistan => ProfileCode::Uz,
        }
    }

    /// The home country, as its ISO 3166-1 alpha-2 code.
    pub fn home_country(self) -> &'static str {
        match self {
            Self::Kazakhstan => kz::HOME,
            Self::Uzbekistan => uz::HOME,
        }
    }

    /// Every category of the profile, in the order `evaluate` reports them.
    pub fn categories(self) -> &'static [CategoryDefinition] {
        match self {
            Self::Kazakhstan => &kz::DEFINITIONS,
            Self::Uzbekistan => &uz::DEFINITIONS,
        }
    }

    /// The definition with this code, if the profile has one.
    pub fn definition(self, code: &str) -> Option<&'static CategoryDefinition> {
        self.categories().iter().find(|d| d.code == code)
    }

    /// One finding per category, in the order of `categories`. Categories overlap: any number
    /// may apply. Recompute whenever a fact or the evaluation date changes; nothing is cached.
    pub fn evaluate(self, facts: &CategoryFacts) -> Vec<CategoryFinding> {
        match self {
            Self::Kazakhstan => kz::evaluate(facts),
            Self::Uzbekistan => uz::evaluate(facts),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const PROFILES: [PolicyProfile; 2] = [PolicyProfile::Kazakhstan, PolicyProfile::Uzbekistan];

    fn undetermined(missing: &[Fact]) -> Determination {
        Determination::Undetermined {
            missing: missing.to_vec(),
        }
    }

    #[test]
    fn profile_codes_parse_in_any_case_and_round_trip() {
        assert_eq!(ProfileCode::parse("kz"), Ok(ProfileCode::Kz));
        assert_eq!(ProfileCode::parse(" UZ "), Ok(ProfileCode::Uz));
        for profile in PROFILES {
            assert_eq!(
                ProfileCode::parse(profile.code().as_str()),
                Ok(profile.code())
            );
            assert_eq!(profile.code().profile(), profile);
        }
    }

    #[test]
    fn unknown_and_empty_profile_codes_are_rejected() {
        assert_eq!(
            ProfileCode::parse("kg"),
            Err(ValidationError::Unknown {
                field: "policy_profile"
            })
        );
        assert_eq!(
            ProfileCode::parse("kazakhstan"),
            Err(ValidationError::Unknown {
                field: "policy_profile"
            })
        );
        assert_eq!(
            ProfileCode::parse("  "),
            Err(ValidationError::Required {
                field: "policy_profile"
            })
        );
    }

    #[test]
    fn each_profile_names_its_home_country() {
        assert_eq!(PolicyProfile::Kazakhstan.home_country(), "KZ");
        assert_eq!(PolicyProfile::Uzbekistan.home_country(), "UZ");
        for profile in PROFILES {
            assert!(crate::shared::CountryCode::parse(profile.home_country()).is_ok());
        }
    }

    #[test]
    fn every_profile_reports_one_finding_per_category_in_order() {
        let facts = CategoryFacts::unknown(date!(2025 - 06 - 01));
        for profile in PROFILES {
            let codes: Vec<_> = profile.categories().iter().map(|d| d.code).collect();
            let found: Vec<_> = profile.evaluate(&facts).iter().map(|f| f.code).collect();
            assert_eq!(found, codes, "{profile:?}");
            let mut unique = codes.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), codes.len(), "{profile:?} has duplicate codes");
        }
    }

    #[test]
    fn every_finding_carries_its_definitions_rule_and_legal_basis() {
        let facts = CategoryFacts::unknown(date!(2025 - 06 - 01));
        for profile in PROFILES {
            for finding in profile.evaluate(&facts) {
                let definition = profile.definition(finding.code).unwrap();
                assert_eq!(finding.rule, definition.rule);
                assert_eq!(finding.legal_basis, definition.legal_basis);
                let prefix = format!("{}.{}.v", profile.code().as_str(), definition.code);
                assert!(definition.rule.starts_with(&prefix), "{}", definition.rule);
            }
        }
    }

    #[test]
    fn a_definition_not_yet_in_force_does_not_apply_and_says_so() {
        let definition = CategoryDefinition {
            code: "test",
            rule: "test.test.v1",
            legal_basis: Some("Test Act (2011)"),
            valid_from: Some(date!(2011 - 07 - 22)),
            valid_until: Some(date!(2020 - 12 - 31)),
        };
        let before = definition.finding(date!(2011 - 07 - 21), Determination::Applies);
        assert_eq!(before.determination, Determination::DoesNotApply);
        assert!(!before.in_force);
        let first_day = definition.finding(date!(2011 - 07 - 22), Determination::Applies);
        assert_eq!(first_day.determination, Determination::Applies);
        assert!(first_day.in_force);
        let last_day = definition.finding(date!(2020 - 12 - 31), undetermined(&[Fact::Ethnicity]));
        assert_eq!(last_day.determination, undetermined(&[Fact::Ethnicity]));
        let repealed = definition.finding(date!(2021 - 01 - 01), undetermined(&[Fact::Ethnicity]));
        assert_eq!(repealed.determination, Determination::DoesNotApply);
        assert!(!repealed.in_force);
    }

    #[test]
    fn and_is_decided_by_any_no_and_otherwise_collects_what_is_missing() {
        use Determination::{Applies, DoesNotApply};
        assert_eq!(Determination::all([]), Applies);
        assert_eq!(Determination::all([Applies, Applies]), Applies);
        assert_eq!(
            Determination::all([undetermined(&[Fact::Residence]), DoesNotApply]),
            DoesNotApply
        );
        assert_eq!(
            Determination::all([
                undetermined(&[Fact::Residence]),
                Applies,
                undetermined(&[Fact::Ethnicity, Fact::Residence]),
                undetermined(&[Fact::Citizenship]),
            ]),
            undetermined(&[Fact::Citizenship, Fact::Ethnicity, Fact::Residence])
        );
    }

    #[test]
    fn or_is_decided_by_any_yes_and_otherwise_collects_what_is_missing() {
        use Determination::{Applies, DoesNotApply};
        assert_eq!(Determination::any([]), DoesNotApply);
        assert_eq!(
            Determination::any([undetermined(&[Fact::Residence]), Applies]),
            Applies
        );
        assert_eq!(
            Determination::any([
                DoesNotApply,
                undetermined(&[Fact::Birthplace]),
                undetermined(&[Fact::Citizenship])
            ]),
            undetermined(&[Fact::Birthplace, Fact::Citizenship])
        );
        assert_eq!(
            undetermined(&[Fact::Citizenship]).negate(),
            undetermined(&[Fact::Citizenship])
        );
        assert_eq!(Applies.negate(), DoesNotApply);
    }
}
