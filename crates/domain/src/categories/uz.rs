//! The Uzbekistan profile: *vatandosh* (compatriot) and its sub-groups, as seed 002
//! (Urpekova 2022) reports the 2018 Concept of state policy on cooperation with compatriots
//! living abroad: former citizens; citizens residing abroad permanently or temporarily; foreign
//! citizens and stateless persons who identify as Uzbek or Karakalpak.
//!
//! Each sub-group is its own category code and the umbrella `vatandosh` applies when any of
//! them does. The seeds give the Concept's year but no date and no article, so the legal basis
//! names it and its year only, and no definition has a `valid_from`. Birthplace is not a
//! criterion in the Concept as the seed reports it, so this profile never reads it.

use super::facts::{CategoryFacts, EthnicGroup, Permanence};
use super::profile::{CategoryDefinition, CategoryFinding, Determination};

/// Uzbekistan's ISO 3166-1 alpha-2 code.
pub(super) const HOME: &str = "UZ";

/// The Concept as seed 002 names it; it was adopted with the 2018 resolution "On measures for
/// further enhancement of state policy of the Republic of Uzbekistan in the sphere of
/// cooperation with the compatriots living abroad".
const CONCEPT_2018: &str = "Concept of the state policy of the Republic of Uzbekistan in the field of cooperation with compatriots living abroad (2018)";

const VATANDOSH: CategoryDefinition = CategoryDefinition {
    code: "vatandosh",
    rule: "uz.vatandosh.v1",
    legal_basis: Some(CONCEPT_2018),
    valid_from: None,
    valid_until: None,
};

const FORMER_CITIZEN: CategoryDefinition = CategoryDefinition {
    code: "vatandosh_former_citizen",
    rule: "uz.vatandosh_former_citizen.v1",
    legal_basis: Some(CONCEPT_2018),
    valid_from: None,
    valid_until: None,
};

const CITIZEN_PERMANENT_ABROAD: CategoryDefinition = CategoryDefinition {
    code: "vatandosh_citizen_permanent_abroad",
    rule: "uz.vatandosh_citizen_permanent_abroad.v1",
    legal_basis: Some(CONCEPT_2018),
    valid_from: None,
    valid_until: None,
};

const LABOUR_MIGRANT: CategoryDefinition = CategoryDefinition {
    code: "vatandosh_labour_migrant",
    rule: "uz.vatandosh_labour_migrant.v1",
    legal_basis: Some(CONCEPT_2018),
    valid_from: None,
    valid_until: None,
};

const ETHNIC: CategoryDefinition = CategoryDefinition {
    code: "vatandosh_ethnic",
    rule: "uz.vatandosh_ethnic.v1",
    legal_basis: Some(CONCEPT_2018),
    valid_from: None,
    valid_until: None,
};

/// The profile's categories, umbrella first, in the order `evaluate` reports them.
pub(super) static DEFINITIONS: [CategoryDefinition; 5] = [
    VATANDOSH,
    FORMER_CITIZEN,
    CITIZEN_PERMANENT_ABROAD,
    LABOUR_MIGRANT,
    ETHNIC,
];

/// One finding per definition, in the order of [`DEFINITIONS`].
pub(super) fn evaluate(facts: &CategoryFacts) -> Vec<CategoryFinding> {
    let as_of = facts.as_of;
    let sub_groups = [
        FORMER_CITIZEN.finding(as_of, former_citizen(facts)),
        CITIZEN_PERMANENT_ABROAD.finding(as_of, citizen_permanent_abroad(facts)),
        LABOUR_MIGRANT.finding(as_of, labour_migrant(facts)),
        ETHNIC.finding(as_of, ethnic(facts)),
    ];
    let umbrella = VATANDOSH.finding(as_of, vatandosh(&sub_groups));
    let mut findings = Vec::with_capacity(DEFINITIONS.len());
    findings.push(umbrella);
    findings.extend(sub_groups);
    findings
}

/// The umbrella: a vatandosh is anyone in at least one sub-group. It is undetermined only when
/// no sub-group applies and at least one is undetermined, for want of what those lack.
fn vatandosh(sub_groups: &[CategoryFinding]) -> Determination {
    Determination::any(sub_groups.iter().map(|f| f.determination.clone()))
}

/// Former citizens of Uzbekistan living abroad: a citizenship of Uzbekistan that ended on or
/// before the evaluation date, none held on it, and residence outside Uzbekistan (permanent or
/// temporary). A former citizen who came back to live in Uzbekistan is not one.
fn former_citizen(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.is_former_citizen_of(HOME),
        facts.resides_outside(HOME),
    ])
}

/// Citizens of Uzbekistan residing permanently outside it (dual citizens included).
fn citizen_permanent_abroad(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.is_citizen_of(HOME),
        facts.resides_outside_with(HOME, Permanence::Permanent),
    ])
}

/// Citizens of Uzbekistan residing temporarily outside it. The Concept's sub-group is defined
/// by residence, not by the purpose of the stay; the code is named after its largest part,
/// labour migrants (1.7 million abroad in 2021 by the official figure seed 002 quotes). The
/// platform records no purpose of stay here, so a student temporarily abroad counts too.
fn labour_migrant(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.is_citizen_of(HOME),
        facts.resides_outside_with(HOME, Permanence::Temporary),
    ])
}

/// Foreign citizens and stateless persons who identify as Uzbek or Karakalpak, living abroad
/// (the Concept is about compatriots *living abroad*; a foreign Uzbek who lives in Uzbekistan
/// is not one). Self-identification only: never inferred, and no answer leaves it open.
fn ethnic(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.is_citizen_of(HOME).negate(),
        facts.identifies_as_any(&[EthnicGroup::Uzbek, EthnicGroup::Karakalpak]),
        facts.resides_outside(HOME),
    ])
}

#[cfg(test)]
mod tests {
    use time::Date;
    use time::macros::date;

    use super::*;
    use crate::categories::facts::{
        Citizenship, CitizenshipPeriod, EthnicityAnswer, Fact, HistoricalEntity, Residence,
    };
    use crate::categories::profile::PolicyProfile;
    use crate::shared::CountryCode;

    const AS_OF: Date = date!(2025 - 06 - 01);
    const YES: Determination = Determination::Applies;
    const NO: Determination = Determination::DoesNotApply;

    fn unk(missing: &[Fact]) -> Determination {
        Determination::Undetermined {
            missing: missing.to_vec(),
        }
    }

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    fn period(code: &str, from: Option<Date>, until: Option<Date>) -> CitizenshipPeriod {
        CitizenshipPeriod::new(country(code), from, until).unwrap()
    }

    fn holds(code: &str) -> CitizenshipPeriod {
        period(code, None, None)
    }

    fn history(periods: Vec<CitizenshipPeriod>) -> Citizenship {
        Citizenship::History(periods)
    }

    fn lives(code: &str, permanence: Permanence) -> Residence {
        Residence {
            country: country(code),
            permanence: Some(permanence),
            since: None,
        }
    }

    fn identifies(groups: Vec<EthnicGroup>) -> EthnicityAnswer {
        EthnicityAnswer::Groups(groups)
    }

    fn base() -> CategoryFacts {
        CategoryFacts::unknown(AS_OF)
    }

    struct Expected {
        vatandosh: Determination,
        former_citizen: Determination,
        citizen_permanent_abroad: Determination,
        labour_migrant: Determination,
        ethnic: Determination,
    }

    struct Case {
        name: &'static str,
        facts: CategoryFacts,
        expected: Expected,
    }

    fn cases() -> Vec<Case> {
        use EthnicGroup::{Karakalpak, Kazakh, Other, Uzbek};
        use Fact::{Citizenship as Cit, Ethnicity, Residence as Res, ResidencePermanence as Perm};
        use Permanence::{Permanent, Temporary};
        vec![
            Case {
                name: "an Uzbek citizen working temporarily in Russia is a labour migrant and vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("RU", Temporary)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: YES,
                    ethnic: NO,
                },
            },
            Case {
                name: "an Uzbek citizen working temporarily in Kazakhstan is a labour migrant",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("KZ", Temporary)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: YES,
                    ethnic: NO,
                },
            },
            Case {
                name: "a Karakalpak-identifying Kazakh citizen living in Kazakhstan is an ethnic vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: identifies(vec![Karakalpak]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: YES,
                },
            },
            Case {
                name: "an Uzbek citizen living permanently in the United States is a citizen abroad",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("US", Permanent)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: YES,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "a former citizen now Russian and living in Russia is vatandosh even without an ethnicity answer",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("UZ", None, Some(date!(2012 - 04 - 01))),
                        period("RU", Some(date!(2012 - 04 - 01)), None),
                    ]),
                    residence: Some(lives("RU", Permanent)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: YES,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "a citizenship that ended on the evaluation date makes a former citizen",
                facts: CategoryFacts {
                    citizenship: history(vec![period("UZ", None, Some(AS_OF))]),
                    residence: Some(lives("KR", Temporary)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: YES,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "a stateless Uzbek in Tajikistan is an ethnic vatandosh",
                facts: CategoryFacts {
                    citizenship: Citizenship::Stateless { former: vec![] },
                    residence: Some(lives("TJ", Permanent)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: YES,
                },
            },
            Case {
                name: "a stateless former citizen identifying as Karakalpak is in two sub-groups",
                facts: CategoryFacts {
                    citizenship: Citizenship::Stateless {
                        former: vec![period("UZ", None, Some(date!(2003 - 01 - 01)))],
                    },
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: identifies(vec![Karakalpak]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: YES,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: YES,
                },
            },
            Case {
                name: "a dual Uzbek and Russian citizen temporarily in Russia is a labour migrant, not an ethnic vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ"), holds("RU")]),
                    residence: Some(lives("RU", Temporary)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: YES,
                    ethnic: NO,
                },
            },
            Case {
                name: "a citizen who lost and regained Uzbek citizenship is a citizen, not a former one",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("UZ", None, Some(date!(2010 - 01 - 01))),
                        period("UZ", Some(date!(2016 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("TR", Permanent)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: YES,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "Uzbek among several chosen groups counts",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("TJ")]),
                    residence: Some(lives("TJ", Permanent)),
                    ethnicity: identifies(vec![Other("tg".into()), Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: YES,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: YES,
                },
            },
            Case {
                name: "an Uzbek citizen living in Uzbekistan is not vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("UZ", Permanent)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: NO,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "a foreign citizen identifying as Uzbek who lives in Uzbekistan is not vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("UZ", Temporary)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: NO,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "a former citizen who came back to live in Uzbekistan is not vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("UZ", None, Some(date!(2008 - 01 - 01))),
                        period("RU", Some(date!(2008 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("UZ", Permanent)),
                    ..base()
                },
                expected: Expected {
                    vatandosh: NO,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "a foreign citizen identifying as Kazakh only is not an ethnic vatandosh",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: identifies(vec![Kazakh]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: NO,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "birth in the Uzbek SSR alone does not make a vatandosh",
                facts: CategoryFacts {
                    birth_country: Some(country("UZ")),
                    birth_entity: Some(HistoricalEntity::UzbekSsr),
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: identifies(vec![Other("ru".into())]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: NO,
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: NO,
                },
            },
            Case {
                name: "prefer not to say leaves a never-citizen abroad undetermined, not no",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: EthnicityAnswer::PreferNotToSay,
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Ethnicity]),
                    former_citizen: NO,
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "an unknown permanence abroad leaves the citizen sub-groups and the umbrella open",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(Residence {
                        country: country("KR"),
                        permanence: None,
                        since: Some(date!(2019 - 01 - 01)),
                    }),
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Perm]),
                    former_citizen: NO,
                    citizen_permanent_abroad: unk(&[Perm]),
                    labour_migrant: unk(&[Perm]),
                    ethnic: NO,
                },
            },
            Case {
                name: "an unknown residence leaves a citizen undetermined",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Res]),
                    former_citizen: NO,
                    citizen_permanent_abroad: unk(&[Res]),
                    labour_migrant: unk(&[Res]),
                    ethnic: NO,
                },
            },
            Case {
                name: "a residence that starts after the evaluation date counts as unknown",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(Residence {
                        country: country("RU"),
                        permanence: Some(Temporary),
                        since: Some(date!(2025 - 06 - 02)),
                    }),
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Res]),
                    former_citizen: NO,
                    citizen_permanent_abroad: unk(&[Res]),
                    labour_migrant: unk(&[Res]),
                    ethnic: NO,
                },
            },
            Case {
                name: "a former citizen with unknown residence and no ethnicity answer is open on both",
                facts: CategoryFacts {
                    citizenship: history(vec![period("UZ", None, Some(date!(2015 - 01 - 01)))]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Ethnicity, Res]),
                    former_citizen: unk(&[Res]),
                    citizen_permanent_abroad: NO,
                    labour_migrant: NO,
                    ethnic: unk(&[Ethnicity, Res]),
                },
            },
            Case {
                name: "an unknown citizenship leaves undetermined every sub-group it would decide",
                facts: CategoryFacts {
                    residence: Some(lives("RU", Temporary)),
                    ethnicity: identifies(vec![Uzbek]),
                    ..base()
                },
                expected: Expected {
                    vatandosh: unk(&[Cit]),
                    former_citizen: unk(&[Cit]),
                    citizen_permanent_abroad: NO,
                    labour_migrant: unk(&[Cit]),
                    ethnic: unk(&[Cit]),
                },
            },
            Case {
                name: "a person of whom nothing is known is undetermined everywhere, with what is missing",
                facts: base(),
                expected: Expected {
                    vatandosh: unk(&[Cit, Ethnicity, Res]),
                    former_citizen: unk(&[Cit, Res]),
                    citizen_permanent_abroad: unk(&[Cit, Res]),
                    labour_migrant: unk(&[Cit, Res]),
                    ethnic: unk(&[Cit, Ethnicity, Res]),
                },
            },
        ]
    }

    fn findings(facts: &CategoryFacts) -> Vec<(&'static str, Determination)> {
        PolicyProfile::Uzbekistan
            .evaluate(facts)
            .into_iter()
            .map(|f| (f.code, f.determination))
            .collect()
    }

    #[test]
    fn every_uzbekistan_rule_and_edge_decides_as_the_table_says() {
        let cases = cases();
        assert!(cases.len() >= 20, "{} cases", cases.len());
        let mut failures = Vec::new();
        for case in &cases {
            let e = &case.expected;
            let expected = vec![
                ("vatandosh", e.vatandosh.clone()),
                ("vatandosh_former_citizen", e.former_citizen.clone()),
                (
                    "vatandosh_citizen_permanent_abroad",
                    e.citizen_permanent_abroad.clone(),
                ),
                ("vatandosh_labour_migrant", e.labour_migrant.clone()),
                ("vatandosh_ethnic", e.ethnic.clone()),
            ];
            let actual = findings(&case.facts);
            if actual != expected {
                failures.push(format!(
                    "{}:\n  expected {expected:?}\n  actual   {actual:?}",
                    case.name
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_umbrella_applies_exactly_when_a_sub_group_applies() {
        for case in cases() {
            let found = findings(&case.facts);
            let (umbrella, sub_groups) = found.split_first().unwrap();
            let any_applies = sub_groups.iter().any(|(_, d)| d.applies());
            assert_eq!(umbrella.1.applies(), any_applies, "{}", case.name);
        }
    }

    #[test]
    fn findings_change_when_a_labour_migrant_settles_and_when_a_foreign_uzbek_naturalises() {
        let mut facts = CategoryFacts {
            citizenship: history(vec![holds("UZ")]),
            residence: Some(lives("RU", Permanence::Temporary)),
            ..base()
        };
        assert!(findings(&facts).contains(&("vatandosh_labour_migrant", YES)));

        facts.residence = Some(lives("RU", Permanence::Permanent));
        let settled = findings(&facts);
        assert!(settled.contains(&("vatandosh_labour_migrant", NO)));
        assert!(settled.contains(&("vatandosh_citizen_permanent_abroad", YES)));
        assert!(settled.contains(&("vatandosh", YES)));

        let mut foreign = CategoryFacts {
            citizenship: history(vec![holds("AF")]),
            residence: Some(lives("AF", Permanence::Permanent)),
            ethnicity: identifies(vec![EthnicGroup::Uzbek]),
            ..base()
        };
        assert!(findings(&foreign).contains(&("vatandosh_ethnic", YES)));
        if let Citizenship::History(periods) = &mut foreign.citizenship {
            periods.push(period("UZ", Some(date!(2025 - 01 - 10)), None));
        }
        let naturalised = findings(&foreign);
        assert!(naturalised.contains(&("vatandosh_ethnic", NO)));
        assert!(naturalised.contains(&("vatandosh_citizen_permanent_abroad", YES)));
        assert!(naturalised.contains(&("vatandosh", YES)));
    }

    #[test]
    fn every_definition_cites_the_2018_concept() {
        for definition in &DEFINITIONS {
            assert_eq!(
                definition.legal_basis,
                Some(CONCEPT_2018),
                "{}",
                definition.code
            );
            assert!(definition.code.starts_with("vatandosh"));
        }
    }
}
