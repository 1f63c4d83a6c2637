//! The facts about one person that the category rules read, each of which may be unknown, and
//! the three-valued questions the rules ask of them ("is a citizen of X?", "resides outside
//! X?", "identifies as …?"), answered yes, no, or undetermined with the missing fact named.

use time::Date;

use super::profile::Determination;
use crate::shared::{CountryCode, ValidationError};

/// A fact a rule needs; `Determination::Undetermined` names the ones that would decide it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    /// Where the person was born: country, and the Soviet-era entity for births in the USSR.
    Birthplace,
    /// The person's citizenship history, or that they are stateless.
    Citizenship,
    /// The person's ethnic self-identification (optional; never inferred).
    Ethnicity,
    /// The country the person lives in.
    Residence,
    /// Whether the person lives there permanently or temporarily.
    ResidencePermanence,
    /// Whether the person holds kandas status.
    KandasStatus,
}

impl Fact {
    /// A stable machine-readable code, also the suffix of the translation key (`fact-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Birthplace => "birthplace",
            Self::Citizenship => "citizenship",
            Self::Ethnicity => "ethnicity",
            Self::Residence => "residence",
            Self::ResidencePermanence => "residence-permanence",
            Self::KandasStatus => "kandas-status",
        }
    }
}

/// The Soviet-era entity a birthplace belonged to on the day of birth.
///
/// Recorded beside the present-day birth country because borders moved: the Kazakh and Uzbek
/// SSRs exchanged territory more than once, so the present-day country alone does not say which
/// republic a person was born in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HistoricalEntity {
    /// The Kazakh Soviet Socialist Republic.
    KazakhSsr,
    /// The Uzbek Soviet Socialist Republic, outside the Karakalpak ASSR.
    UzbekSsr,
    /// The Karakalpak Autonomous Soviet Socialist Republic.
    KarakalpakAssr,
    /// Any other Soviet republic.
    OtherSovietRepublic,
    /// Not in the USSR: born abroad, or after its dissolution (the birth country then decides).
    NotSoviet,
}

/// One citizenship held for a period; either end may be unknown.
///
/// A period of `KZ` also stands for citizenship of the Kazakh SSR, and one of `UZ` for the
/// Uzbek SSR: the registry records the successor state's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitizenshipPeriod {
    country: CountryCode,
    from: Option<Date>,
    until: Option<Date>,
}

impl CitizenshipPeriod {
    /// A period from `from` (unknown: "since before any date asked about") until `until`
    /// (exclusive; `None`: still held).
    ///
    /// # Errors
    /// `Malformed { field: "citizenship_until" }` when the period ends before it starts.
    pub fn new(
        country: CountryCode,
        from: Option<Date>,
        until: Option<Date>,
    ) -> Result<Self, ValidationError> {
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            return Err(ValidationError::Malformed {
                field: "citizenship_until",
            });
        }
        Ok(Self {
            country,
            from,
            until,
        })
    }

    /// The country whose citizenship this is.
    pub fn country(&self) -> CountryCode {
        self.country
    }

    /// The first day the citizenship was held, if known.
    pub fn from(&self) -> Option<Date> {
        self.from
    }

    /// The first day it was no longer held, if it ended.
    pub fn until(&self) -> Option<Date> {
        self.until
    }

    /// Whether the citizenship is held on `date`: started on or before it (an unknown start
    /// counts as before) and not ended on or before it.
    pub fn is_held_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }

    /// Whether the citizenship had ended by `date` (its `until` is on or before it).
    pub fn has_ended_by(&self, date: Date) -> bool {
        self.until.is_some_and(|until| until <= date)
    }
}

/// What is known about a person's citizenship.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Citizenship {
    /// Nothing is known.
    #[default]
    Unknown,
    /// The declared history: every citizenship held, with its dates, overlapping where the
    /// person held several at once. It is taken as complete; an empty history says nothing
    /// and counts as unknown (to state that a person holds none, use `Stateless`).
    History(Vec<CitizenshipPeriod>),
    /// Known to hold no citizenship on the evaluation date; `former` lists the citizenships held
    /// before (complete, possibly empty).
    Stateless { former: Vec<CitizenshipPeriod> },
}

/// An ethnic group a person may identify with; the registry's code for any other group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EthnicGroup {
    /// Kazakh.
    Kazakh,
    /// Uzbek.
    Uzbek,
    /// Karakalpak.
    Karakalpak,
    /// Any other group, by the registry's code for it.
    Other(String),
}

/// A person's answer to the optional, multi-select ethnic self-identification question.
///
/// Ethnicity is never required and never inferred (not from a name, not from a language): a
/// person who did not answer, or preferred not to say, is undetermined for every category that
/// depends on ethnicity — never "no".
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum EthnicityAnswer {
    /// The question was not asked or not answered.
    #[default]
    NotAsked,
    /// The person chose "prefer not to say".
    PreferNotToSay,
    /// The groups the person identifies with; an empty selection counts as no answer.
    Groups(Vec<EthnicGroup>),
}

/// Whether a person lives in a country for good or for a while.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permanence {
    /// Permanent residence (settled there).
    Permanent,
    /// Temporary residence: labour migration, studies, a posting.
    Temporary,
}

/// Where a person lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Residence {
    /// The country of residence.
    pub country: CountryCode,
    /// Permanent or temporary, if known.
    pub permanence: Option<Permanence>,
    /// Since when, if known; a residence that starts after the evaluation date says nothing
    /// about where the person lived on that date.
    pub since: Option<Date>,
}

/// A kandas status granted by the state to an ethnic Kazakh who returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KandasGrant {
    granted: Date,
    valid_until: Option<Date>,
    revoked: Option<Date>,
}

impl KandasGrant {
    /// A status granted on `granted`, valid through `valid_until` (inclusive; `None`: no end
    /// date), revoked with effect from `revoked` if it was.
    ///
    /// # Errors
    /// `Malformed` on `kandas_valid_until` or `kandas_revoked` when that date is before the grant.
    pub fn new(
        granted: Date,
        valid_until: Option<Date>,
        revoked: Option<Date>,
    ) -> Result<Self, ValidationError> {
        if valid_until.is_some_and(|until| until < granted) {
            return Err(ValidationError::Malformed {
                field: "kandas_valid_until",
            });
        }
        if revoked.is_some_and(|revoked| revoked < granted) {
            return Err(ValidationError::Malformed {
                field: "kandas_revoked",
            });
        }
        Ok(Self {
            granted,
            valid_until,
            revoked,
        })
    }

    /// The day the status was granted.
    pub fn granted(&self) -> Date {
        self.granted
    }

    /// The last day the status is valid, if it has an end.
    pub fn valid_until(&self) -> Option<Date> {
        self.valid_until
    }

    /// The day the revocation took effect, if it was revoked.
    pub fn revoked(&self) -> Option<Date> {
        self.revoked
    }

    /// Whether the status is held on `date`: granted on or before it, not expired and not
    /// revoked on or before it.
    pub fn is_valid_on(&self, date: Date) -> bool {
        self.granted <= date
            && self.valid_until.is_none_or(|until| date <= until)
            && self.revoked.is_none_or(|revoked| date < revoked)
    }
}

/// What is known about a person's kandas status.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum KandasStatus {
    /// Not known.
    #[default]
    Unknown,
    /// Known never to have been granted.
    NotHeld,
    /// Granted, possibly since expired or revoked.
    Held(KandasGrant),
}

/// Everything the category rules read about one person, on one evaluation date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryFacts {
    /// The date the categories are computed for.
    pub as_of: Date,
    /// The present-day country of the birthplace, if known.
    pub birth_country: Option<CountryCode>,
    /// The Soviet-era entity of the birthplace, if known.
    pub birth_entity: Option<HistoricalEntity>,
    /// Citizenship history or statelessness.
    pub citizenship: Citizenship,
    /// Ethnic self-identification.
    pub ethnicity: EthnicityAnswer,
    /// Current residence, if known.
    pub residence: Option<Residence>,
    /// Kandas status.
    pub kandas: KandasStatus,
}

impl CategoryFacts {
    /// Facts about a person of whom nothing is known, evaluated on `as_of`.
    pub fn unknown(as_of: Date) -> Self {
        Self {
            as_of,
            birth_country: None,
            birth_entity: None,
            citizenship: Citizenship::Unknown,
            ethnicity: EthnicityAnswer::NotAsked,
            residence: None,
            kandas: KandasStatus::Unknown,
        }
    }

    /// The citizenship periods, or `None` when the citizenship is unknown or contradictory
    /// (stateless, yet a period is held on the evaluation date).
    fn known_periods(&self) -> Option<&[CitizenshipPeriod]> {
        match &self.citizenship {
            Citizenship::Unknown => None,
            Citizenship::History(periods) if periods.is_empty() => None,
            Citizenship::History(periods) => Some(periods),
            Citizenship::Stateless { former } => {
                if former.iter().any(|p| p.is_held_on(self.as_of)) {
                    None
                } else {
                    Some(former)
                }
            }
        }
    }

    /// Whether the person holds the citizenship of `country` (ISO alpha-2) on the evaluation
    /// date, whatever other citizenships they hold. A stateless person holds none.
    pub(crate) fn is_citizen_of(&self, country: &str) -> Determination {
        match self.known_periods() {
            None => Determination::missing_fact(Fact::Citizenship),
            Some(periods) => Determination::from_bool(
                periods
                    .iter()
                    .any(|p| p.country.as_ref() == country && p.is_held_on(self.as_of)),
            ),
        }
    }

    /// Whether the person is a former citizen of `country`: a period of it ended on or before
    /// the evaluation date, and none is held on it (someone who regained it is a citizen, not a
    /// former one).
    pub(crate) fn is_former_citizen_of(&self, country: &str) -> Determination {
        match self.known_periods() {
            None => Determination::missing_fact(Fact::Citizenship),
            Some(periods) => {
                let of_country = || periods.iter().filter(|p| p.country.as_ref() == country);
                let ended = of_country().any(|p| p.has_ended_by(self.as_of));
                let held = of_country().any(|p| p.is_held_on(self.as_of));
                Determination::from_bool(ended && !held)
            }
        }
    }

    /// The residence on the evaluation date, if known: one that starts later says nothing
    /// about where the person lived then.
    fn residence_on_as_of(&self) -> Option<&Residence> {
        self.residence
            .as_ref()
            .filter(|r| r.since.is_none_or(|since| since <= self.as_of))
    }

    /// Whether the person lives outside `country` (ISO alpha-2), permanently or not.
    pub(crate) fn resides_outside(&self, country: &str) -> Determination {
        match self.residence_on_as_of() {
            None => Determination::missing_fact(Fact::Residence),
            Some(r) => Determination::from_bool(r.country.as_ref() != country),
        }
    }

    /// Whether the person lives outside `country` with the given permanence. Living in
    /// `country` itself is "no" whatever the permanence.
    pub(crate) fn resides_outside_with(
        &self,
        country: &str,
        permanence: Permanence,
    ) -> Determination {
        match self.residence_on_as_of() {
            None => Determination::missing_fact(Fact::Residence),
            Some(r) if r.country.as_ref() == country => Determination::DoesNotApply,
            Some(r) => match r.permanence {
                None => Determination::missing_fact(Fact::ResidencePermanence),
                Some(p) => Determination::from_bool(p == permanence),
            },
        }
    }

    /// Whether the person identifies with at least one of `groups`. No answer, "prefer not to
    /// say" and an empty selection are undetermined, never "no".
    pub(crate) fn identifies_as_any(&self, groups: &[EthnicGroup]) -> Determination {
        match &self.ethnicity {
            EthnicityAnswer::Groups(chosen) if !chosen.is_empty() => {
                Determination::from_bool(chosen.iter().any(|g| groups.contains(g)))
            }
            EthnicityAnswer::NotAsked
            | EthnicityAnswer::PreferNotToSay
            | EthnicityAnswer::Groups(_) => Determination::missing_fact(Fact::Ethnicity),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_rejected() {
        assert_eq!(
            CitizenshipPeriod::new(
                country("KZ"),
                Some(date!(2020 - 01 - 01)),
                Some(date!(2019 - 01 - 01))
            ),
            Err(ValidationError::Malformed {
                field: "citizenship_until"
            })
        );
    }

    #[test]
    fn a_period_is_held_from_its_first_day_until_the_day_before_it_ends() {
        let p = CitizenshipPeriod::new(
            country("KZ"),
            Some(date!(2000 - 01 - 01)),
            Some(date!(2010 - 01 - 01)),
        )
        .unwrap();
        assert!(!p.is_held_on(date!(1999 - 12 - 31)));
        assert!(p.is_held_on(date!(2000 - 01 - 01)));
        assert!(p.is_held_on(date!(2009 - 12 - 31)));
        assert!(!p.is_held_on(date!(2010 - 01 - 01)));
        assert!(p.has_ended_by(date!(2010 - 01 - 01)));
        assert!(!p.has_ended_by(date!(2009 - 12 - 31)));
    }

    #[test]
    fn a_period_with_an_unknown_start_counts_as_started() {
        let p = CitizenshipPeriod::new(country("UZ"), None, None).unwrap();
        assert!(p.is_held_on(date!(1900 - 01 - 01)));
        assert!(!p.has_ended_by(date!(2100 - 01 - 01)));
    }

    #[test]
    fn a_kandas_grant_dated_before_it_was_granted_is_rejected() {
        let granted = date!(2020 - 05 - 01);
        assert_eq!(
            KandasGrant::new(granted, Some(date!(2020 - 04 - 30)), None),
            Err(ValidationError::Malformed {
                field: "kandas_valid_until"
            })
        );
        assert_eq!(
            KandasGrant::new(granted, None, Some(date!(2020 - 04 - 30))),
            Err(ValidationError::Malformed {
                field: "kandas_revoked"
            })
        );
    }

    #[test]
    fn a_kandas_grant_is_valid_through_its_last_day_and_not_from_its_revocation() {
        let g = KandasGrant::new(
            date!(2020 - 05 - 01),
            Some(date!(2021 - 05 - 01)),
            Some(date!(2021 - 03 - 01)),
        )
        .unwrap();
        assert!(!g.is_valid_on(date!(2020 - 04 - 30)));
        assert!(g.is_valid_on(date!(2020 - 05 - 01)));
        assert!(g.is_valid_on(date!(2021 - 02 - 28)));
        assert!(!g.is_valid_on(date!(2021 - 03 - 01)));
        let unrevoked =
            KandasGrant::new(date!(2020 - 05 - 01), Some(date!(2021 - 05 - 01)), None).unwrap();
        assert!(unrevoked.is_valid_on(date!(2021 - 05 - 01)));
        assert!(!unrevoked.is_valid_on(date!(2021 - 05 - 02)));
    }

    #[test]
    fn fact_codes_are_distinct() {
        let all = [
            Fact::Birthplace,
            Fact::Citizenship,
            Fact::Ethnicity,
            Fact::Residence,
            Fact::ResidencePermanence,
            Fact::KandasStatus,
        ];
        let mut codes: Vec<_> = all.iter().map(|f| f.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
