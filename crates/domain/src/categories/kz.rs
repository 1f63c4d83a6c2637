//! The Kazakhstan profile: ethnic Kazakh abroad, compatriot, citizen abroad, kandas and
//! diaspora, as seed 002 (Urpekova 2022) reports the Law on Migration (2011) and the Law on
//! Languages (1997), one small pure function per category.
//!
//! The seeds give each law's year but no article and no date of entry into force, so legal
//! bases cite the law by name and year only, and no definition has a `valid_from`.

use super::facts::{CategoryFacts, EthnicGroup, Fact, KandasStatus, Permanence};
use super::profile::{CategoryDefinition, CategoryFinding, Determination};

/// Kazakhstan's ISO 3166-1 alpha-2 code.
pub(super) const HOME: &str = "KZ";

/// The Law on Migration, as seed 002 cites it ("Law of the Republic of Kazakhstan. (2011a).
/// On Migration."): it defines ethnic Kazakhs, compatriots and the returnees first called
/// *oralman*, now *kandas*.
const LAW_ON_MIGRATION_2011: &str = "Law of the Republic of Kazakhstan \"On Migration\" (2011)";

/// The Law on Languages, the only Kazakh act that defines "diaspora" (seed 002).
const LAW_ON_LANGUAGES_1997: &str =
    "Law of the Republic of Kazakhstan \"On Languages in the Republic of Kazakhstan\" (1997)";

const ETHNIC_KAZAKH_ABROAD: CategoryDefinition = CategoryDefinition {
    code: "ethnic_kazakh_abroad",
    rule: "kz.ethnic_kazakh_abroad.v1",
    legal_basis: Some(LAW_ON_MIGRATION_2011),
    valid_from: None,
    valid_until: None,
};

const COMPATRIOT: CategoryDefinition = CategoryDefinition {
    code: "compatriot",
    rule: "kz.compatriot.v1",
    legal_basis: Some(LAW_ON_MIGRATION_2011),
    valid_from: None,
    valid_until: None,
};

/// A platform category, not a statutory one: the seeds name no act that defines it.
const CITIZEN_ABROAD: CategoryDefinition = CategoryDefinition {
    code: "citizen_abroad",
    rule: "kz.citizen_abroad.v1",
    legal_basis: None,
    valid_from: None,
    valid_until: None,
};

const KANDAS: CategoryDefinition = CategoryDefinition {
    code: "kandas",
    rule: "kz.kandas.v1",
    legal_basis: Some(LAW_ON_MIGRATION_2011),
    valid_from: None,
    valid_until: None,
};

const DIASPORA: CategoryDefinition = CategoryDefinition {
    code: "diaspora",
    rule: "kz.diaspora.v1",
    legal_basis: Some(LAW_ON_LANGUAGES_1997),
    valid_from: None,
    valid_until: None,
};

/// The profile's categories, in the order `evaluate` reports them.
pub(super) static DEFINITIONS: [CategoryDefinition; 5] = [
    ETHNIC_KAZAKH_ABROAD,
    COMPATRIOT,
    CITIZEN_ABROAD,
    KANDAS,
    DIASPORA,
];

/// One finding per definition, in the order of [`DEFINITIONS`].
pub(super) fn evaluate(facts: &CategoryFacts) -> Vec<CategoryFinding> {
    let as_of = facts.as_of;
    vec![
        ETHNIC_KAZAKH_ABROAD.finding(as_of, ethnic_kazakh_abroad(facts)),
        COMPATRIOT.finding(as_of, compatriot(facts)),
        CITIZEN_ABROAD.finding(as_of, citizen_abroad(facts)),
        KANDAS.finding(as_of, kandas(facts)),
        DIASPORA.finding(as_of, diaspora(facts)),
    ]
}

/// "A foreigner or stateless person of Kazakh nationality who resides permanently abroad."
///
/// Three conditions, all required: not a citizen of Kazakhstan now (a stateless person is not;
/// a dual citizen who also holds Kazakh citizenship is, so is excluded); permanent residence
/// outside Kazakhstan (living in Kazakhstan, or only temporarily abroad, is "no"); and Kazakh
/// self-identification, which is never inferred, so an unanswered question leaves it open.
fn ethnic_kazakh_abroad(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.is_citizen_of(HOME).negate(),
        facts.resides_outside_with(HOME, Permanence::Permanent),
        facts.identifies_as_any(&[EthnicGroup::Kazakh]),
    ])
}

/// "A person who was born or previously held the citizenship in the Kazakh SSR or the
/// Republic of Kazakhstan and permanently resides abroad" — whatever their ethnicity.
///
/// Birth or former citizenship, either suffices (so a current citizen born in Kazakhstan who
/// settled abroad is a compatriot too), and permanent residence outside Kazakhstan.
fn compatriot(facts: &CategoryFacts) -> Determination {
    Determination::all([
        Determination::any([born_in_kazakhstan(facts), facts.is_former_citizen_of(HOME)]),
        facts.resides_outside_with(HOME, Permanence::Permanent),
    ])
}

/// Born in the Kazakh SSR or in the Republic of Kazakhstan.
///
/// The Soviet-era entity decides when it is recorded, because borders between the Kazakh and
/// Uzbek SSRs moved: born in the Kazakh SSR is "yes" whatever the birthplace's country is
/// today, born in another Soviet republic or the Karakalpak ASSR is "no". Otherwise (born
/// outside the USSR or after it, or entity not recorded) the present-day country decides: `KZ`
/// is "yes" — the territory of the Republic, which we take as the Kazakh SSR's when the entity
/// is not recorded — any other country "no", an unknown one undetermined.
fn born_in_kazakhstan(facts: &CategoryFacts) -> Determination {
    use super::facts::HistoricalEntity as E;
    match facts.birth_entity {
        Some(E::KazakhSsr) => Determination::Applies,
        Some(E::UzbekSsr | E::KarakalpakAssr | E::OtherSovietRepublic) => {
            Determination::DoesNotApply
        }
        Some(E::NotSoviet) | None => match facts.birth_country {
            Some(country) => Determination::from_bool(country.as_ref() == HOME),
            None => Determination::missing_fact(Fact::Birthplace),
        },
    }
}

/// A citizen of Kazakhstan (possibly also of another country) who lives outside it, for good
/// or for a while. Not defined by a statute the seeds name; the platform needs it because
/// consular services cover citizens only (seed 002).
fn citizen_abroad(facts: &CategoryFacts) -> Determination {
    Determination::all([facts.is_citizen_of(HOME), facts.resides_outside(HOME)])
}

/// Kandas is a status the state grants to an ethnic Kazakh who returned; it is read from the
/// status record, never inferred from ethnicity or residence. It applies while the grant is
/// valid: granted on or before the date, not expired, not revoked.
fn kandas(facts: &CategoryFacts) -> Determination {
    match &facts.kandas {
        KandasStatus::Unknown => Determination::missing_fact(Fact::KandasStatus),
        KandasStatus::NotHeld => Determination::DoesNotApply,
        KandasStatus::Held(grant) => Determination::from_bool(grant.is_valid_on(facts.as_of)),
    }
}

/// "A part of the people (ethnic community) living outside the country of its historical
/// origin": Kazakh self-identification and residence outside Kazakhstan, permanent or
/// temporary; citizenship does not matter.
fn diaspora(facts: &CategoryFacts) -> Determination {
    Determination::all([
        facts.identifies_as_any(&[EthnicGroup::Kazakh]),
        facts.resides_outside(HOME),
    ])
}

#[cfg(test)]
mod tests {
    use time::Date;
    use time::macros::date;

    use super::*;
    use crate::categories::facts::{
        Citizenship, CitizenshipPeriod, EthnicityAnswer, HistoricalEntity, KandasGrant, Residence,
    };
    use crate::categories::profile::PolicyProfile;
    use crate::shared::CountryCode;

    const AS_OF: Date = date!(2025 - 06 - 01);

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).unwrap()
    }

    fn period(code: &str, from: Option<Date>, until: Option<Date>) -> CitizenshipPeriod {
        CitizenshipPeriod::new(country(code), from, until).unwrap()
    }

    /// A citizenship held since an unknown date and still held.
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

    fn kazakh() -> EthnicityAnswer {
        EthnicityAnswer::Groups(vec![EthnicGroup::Kazakh])
    }

    fn grant(granted: Date, valid_until: Option<Date>, revoked: Option<Date>) -> KandasStatus {
        KandasStatus::Held(KandasGrant::new(granted, valid_until, revoked).unwrap())
    }

    /// Nothing known but that the person never held kandas status.
    fn base() -> CategoryFacts {
        CategoryFacts {
            kandas: KandasStatus::NotHeld,
            ..CategoryFacts::unknown(AS_OF)
        }
    }

    fn born(code: &str, entity: HistoricalEntity) -> CategoryFacts {
        CategoryFacts {
            birth_country: Some(country(code)),
            birth_entity: Some(entity),
            ..base()
        }
    }

    const YES: Determination = Determination::Applies;
    const NO: Determination = Determination::DoesNotApply;

    fn unk(missing: &[Fact]) -> Determination {
        Determination::Undetermined {
            missing: missing.to_vec(),
        }
    }

    struct Expected {
        ethnic_kazakh_abroad: Determination,
        compatriot: Determination,
        citizen_abroad: Determination,
        kandas: Determination,
        diaspora: Determination,
    }

    struct Case {
        name: &'static str,
        facts: CategoryFacts,
        expected: Expected,
    }

    fn cases() -> Vec<Case> {
        use Fact::{
            Birthplace, Citizenship as Cit, Ethnicity, KandasStatus as Kandas, Residence as Res,
            ResidencePermanence as Perm,
        };
        use HistoricalEntity::{
            KarakalpakAssr, KazakhSsr, NotSoviet, OtherSovietRepublic, UzbekSsr,
        };
        use Permanence::{Permanent, Temporary};
        vec![
            Case {
                name: "a stateless ethnic Kazakh in China is an ethnic Kazakh abroad and diaspora",
                facts: CategoryFacts {
                    citizenship: Citizenship::Stateless { former: vec![] },
                    residence: Some(lives("CN", Permanent)),
                    ethnicity: kazakh(),
                    ..born("CN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: YES,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a Kazakh-SSR-born Russian in Russia not asked about ethnicity is a compatriot, the rest open",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "prefer not to say leaves the ethnic categories undetermined, not no",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: EthnicityAnswer::PreferNotToSay,
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "an empty ethnicity selection counts as no answer",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: EthnicityAnswer::Groups(vec![]),
                    ..born("RU", OtherSovietRepublic)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "a person who answered with another group only is not in the ethnic categories",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: EthnicityAnswer::Groups(vec![EthnicGroup::Other("ru".into())]),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: NO,
                },
            },
            Case {
                name: "Kazakh among several chosen groups counts",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("TR")]),
                    residence: Some(lives("TR", Permanent)),
                    ethnicity: EthnicityAnswer::Groups(vec![
                        EthnicGroup::Other("tr".into()),
                        EthnicGroup::Kazakh,
                    ]),
                    ..born("TR", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: YES,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a dual Kazakh and Russian citizen in Russia is a citizen abroad, not an ethnic Kazakh abroad",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        holds("KZ"),
                        period("RU", Some(date!(2015 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: YES,
                    citizen_abroad: YES,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a former citizen who renounced and lives in Germany is a compatriot whatever the birthplace",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("KZ", None, Some(date!(2015 - 03 - 01))),
                        period("DE", Some(date!(2015 - 03 - 01)), None),
                    ]),
                    residence: Some(lives("DE", Permanent)),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "a stateless former citizen in Russia is a compatriot and not a citizen abroad",
                facts: CategoryFacts {
                    citizenship: Citizenship::Stateless {
                        former: vec![period("KZ", None, Some(date!(2001 - 01 - 01)))],
                    },
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: YES,
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a kandas living in Kazakhstan is kandas only",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("MN")]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: kazakh(),
                    kandas: grant(date!(2024 - 09 - 01), Some(date!(2025 - 09 - 01)), None),
                    ..born("MN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: YES,
                    diaspora: NO,
                },
            },
            Case {
                name: "an expired kandas status is not kandas",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("MN")]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: kazakh(),
                    kandas: grant(date!(2023 - 09 - 01), Some(date!(2024 - 09 - 01)), None),
                    ..born("MN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: NO,
                },
            },
            Case {
                name: "a revoked kandas status is not kandas",
                facts: CategoryFacts {
                    kandas: grant(
                        date!(2024 - 09 - 01),
                        Some(date!(2025 - 09 - 01)),
                        Some(date!(2025 - 03 - 01)),
                    ),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit, Ethnicity, Res]),
                    compatriot: unk(&[Birthplace, Cit, Res]),
                    citizen_abroad: unk(&[Cit, Res]),
                    kandas: NO,
                    diaspora: unk(&[Ethnicity, Res]),
                },
            },
            Case {
                name: "a kandas status revoked only after the evaluation date still counts",
                facts: CategoryFacts {
                    kandas: grant(date!(2024 - 09 - 01), None, Some(date!(2025 - 07 - 01))),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit, Ethnicity, Res]),
                    compatriot: unk(&[Birthplace, Cit, Res]),
                    citizen_abroad: unk(&[Cit, Res]),
                    kandas: YES,
                    diaspora: unk(&[Ethnicity, Res]),
                },
            },
            Case {
                name: "a kandas status is valid through its last day",
                facts: CategoryFacts {
                    kandas: grant(date!(2024 - 06 - 01), Some(AS_OF), None),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit, Ethnicity, Res]),
                    compatriot: unk(&[Birthplace, Cit, Res]),
                    citizen_abroad: unk(&[Cit, Res]),
                    kandas: YES,
                    diaspora: unk(&[Ethnicity, Res]),
                },
            },
            Case {
                name: "a kandas status granted after the evaluation date is not held yet",
                facts: CategoryFacts {
                    kandas: grant(date!(2025 - 06 - 02), None, None),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit, Ethnicity, Res]),
                    compatriot: unk(&[Birthplace, Cit, Res]),
                    citizen_abroad: unk(&[Cit, Res]),
                    kandas: NO,
                    diaspora: unk(&[Ethnicity, Res]),
                },
            },
            Case {
                name: "an unknown kandas status is undetermined, not inferred from ethnicity and residence",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("CN")]),
                    residence: Some(lives("KZ", Temporary)),
                    ethnicity: kazakh(),
                    kandas: KandasStatus::Unknown,
                    ..born("CN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: unk(&[Kandas]),
                    diaspora: NO,
                },
            },
            Case {
                name: "a Kazakh citizen living in Kazakhstan is in none of the abroad categories",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: NO,
                },
            },
            Case {
                name: "a returnee who became a citizen and whose kandas status ended is in no category",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("MN", None, Some(date!(2020 - 02 - 01))),
                        period("KZ", Some(date!(2020 - 02 - 01)), None),
                    ]),
                    residence: Some(lives("KZ", Permanent)),
                    ethnicity: kazakh(),
                    kandas: grant(date!(2019 - 01 - 15), Some(date!(2020 - 01 - 15)), None),
                    ..born("MN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: NO,
                },
            },
            Case {
                name: "a returnee who gave up Kazakh citizenship and left again is a compatriot and an ethnic Kazakh abroad",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("MN", None, Some(date!(2010 - 01 - 01))),
                        period(
                            "KZ",
                            Some(date!(2010 - 01 - 01)),
                            Some(date!(2021 - 01 - 01)),
                        ),
                        period("RU", Some(date!(2021 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    kandas: grant(date!(2009 - 01 - 01), Some(date!(2010 - 01 - 01)), None),
                    ..born("MN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: YES,
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a citizen who lost and regained Kazakh citizenship is a citizen, not a former one",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        period("KZ", None, Some(date!(2010 - 01 - 01))),
                        period("KZ", Some(date!(2015 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("US", Permanent)),
                    ..born("US", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: YES,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "citizenship granted after the evaluation date is not held yet",
                facts: CategoryFacts {
                    citizenship: history(vec![
                        holds("CN"),
                        period("KZ", Some(date!(2026 - 01 - 01)), None),
                    ]),
                    residence: Some(lives("CN", Permanent)),
                    ethnicity: kazakh(),
                    ..born("CN", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: YES,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a Kazakh citizen studying temporarily in Turkey is a citizen abroad and diaspora, not a compatriot",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("TR", Temporary)),
                    ethnicity: kazakh(),
                    ..born("KZ", NotSoviet)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: YES,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "a Kazakh citizen born in Almaty who settled in Germany is a compatriot and a citizen abroad",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(lives("DE", Permanent)),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: YES,
                    citizen_abroad: YES,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "an unknown residence leaves every abroad category undetermined",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: unk(&[Res]),
                    citizen_abroad: unk(&[Res]),
                    kandas: NO,
                    diaspora: unk(&[Res]),
                },
            },
            Case {
                name: "a residence that starts after the evaluation date says nothing about it",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("KZ")]),
                    residence: Some(Residence {
                        country: country("DE"),
                        permanence: Some(Permanent),
                        since: Some(date!(2025 - 09 - 01)),
                    }),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: unk(&[Res]),
                    citizen_abroad: unk(&[Res]),
                    kandas: NO,
                    diaspora: unk(&[Res]),
                },
            },
            Case {
                name: "an unknown permanence abroad leaves only the permanent-residence categories open",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(Residence {
                        country: country("RU"),
                        permanence: None,
                        since: Some(date!(2000 - 01 - 01)),
                    }),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Perm]),
                    compatriot: unk(&[Perm]),
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "living in Kazakhstan with an unknown permanence is not abroad",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(Residence {
                        country: country("KZ"),
                        permanence: None,
                        since: None,
                    }),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: NO,
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: NO,
                },
            },
            Case {
                name: "an unknown citizenship leaves the citizenship categories undetermined",
                facts: CategoryFacts {
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    ..born("RU", OtherSovietRepublic)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit]),
                    compatriot: unk(&[Cit]),
                    citizen_abroad: unk(&[Cit]),
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "an empty citizenship history counts as unknown, not as stateless",
                facts: CategoryFacts {
                    citizenship: history(vec![]),
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    ..born("KZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit]),
                    compatriot: YES,
                    citizen_abroad: unk(&[Cit]),
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "stateless yet holding a citizenship is contradictory and decides nothing",
                facts: CategoryFacts {
                    citizenship: Citizenship::Stateless {
                        former: vec![holds("KZ")],
                    },
                    residence: Some(lives("RU", Permanent)),
                    ethnicity: kazakh(),
                    ..born("RU", OtherSovietRepublic)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit]),
                    compatriot: unk(&[Cit]),
                    citizen_abroad: unk(&[Cit]),
                    kandas: NO,
                    diaspora: YES,
                },
            },
            Case {
                name: "born in the Kazakh SSR on land that is now Uzbekistan counts as born in Kazakhstan",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("UZ", Permanent)),
                    ..born("UZ", KazakhSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "born in the Uzbek SSR on land that is now Kazakhstan does not count",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("UZ")]),
                    residence: Some(lives("UZ", Permanent)),
                    ..born("KZ", UzbekSsr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "born in the Karakalpak ASSR is not born in Kazakhstan",
                facts: CategoryFacts {
                    citizenship: history(vec![holds("RU")]),
                    residence: Some(lives("RU", Permanent)),
                    ..born("UZ", KarakalpakAssr)
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: NO,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "born in independent Kazakhstan with no entity recorded counts by the birth country",
                facts: CategoryFacts {
                    birth_country: Some(country("KZ")),
                    citizenship: history(vec![holds("DE")]),
                    residence: Some(lives("DE", Permanent)),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: YES,
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "born outside the USSR in an unknown country leaves compatriot open for a never-citizen",
                facts: CategoryFacts {
                    birth_entity: Some(NotSoviet),
                    citizenship: history(vec![holds("DE")]),
                    residence: Some(lives("DE", Permanent)),
                    ..base()
                },
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Ethnicity]),
                    compatriot: unk(&[Birthplace]),
                    citizen_abroad: NO,
                    kandas: NO,
                    diaspora: unk(&[Ethnicity]),
                },
            },
            Case {
                name: "a person of whom nothing is known is undetermined everywhere, with what is missing",
                facts: CategoryFacts::unknown(AS_OF),
                expected: Expected {
                    ethnic_kazakh_abroad: unk(&[Cit, Ethnicity, Res]),
                    compatriot: unk(&[Birthplace, Cit, Res]),
                    citizen_abroad: unk(&[Cit, Res]),
                    kandas: unk(&[Kandas]),
                    diaspora: unk(&[Ethnicity, Res]),
                },
            },
        ]
    }

    fn findings(facts: &CategoryFacts) -> Vec<(&'static str, Determination)> {
        PolicyProfile::Kazakhstan
            .evaluate(facts)
            .into_iter()
            .map(|f| (f.code, f.determination))
            .collect()
    }

    #[test]
    fn every_kazakhstan_rule_and_edge_decides_as_the_table_says() {
        let cases = cases();
        assert!(cases.len() >= 30, "{} cases", cases.len());
        let mut failures = Vec::new();
        for case in &cases {
            let e = &case.expected;
            let expected = vec![
                ("ethnic_kazakh_abroad", e.ethnic_kazakh_abroad.clone()),
                ("compatriot", e.compatriot.clone()),
                ("citizen_abroad", e.citizen_abroad.clone()),
                ("kandas", e.kandas.clone()),
                ("diaspora", e.diaspora.clone()),
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
    fn findings_change_when_a_new_citizenship_period_is_recorded() {
        let mut facts = CategoryFacts {
            citizenship: history(vec![holds("RU")]),
            residence: Some(lives("RU", Permanence::Permanent)),
            ethnicity: kazakh(),
            ..born("RU", HistoricalEntity::OtherSovietRepublic)
        };
        let before = findings(&facts);
        assert!(before.contains(&("ethnic_kazakh_abroad", YES)));
        assert!(before.contains(&("citizen_abroad", NO)));
        assert!(before.contains(&("compatriot", NO)));

        if let Citizenship::History(periods) = &mut facts.citizenship {
            periods.push(period("KZ", Some(date!(2024 - 01 - 01)), None));
        }
        let after = findings(&facts);
        assert!(after.contains(&("ethnic_kazakh_abroad", NO)));
        assert!(after.contains(&("citizen_abroad", YES)));
        assert!(after.contains(&("compatriot", NO)));
        assert!(after.contains(&("diaspora", YES)));

        if let Citizenship::History(periods) = &mut facts.citizenship {
            periods.pop();
            periods.push(period(
                "KZ",
                Some(date!(2024 - 01 - 01)),
                Some(date!(2025 - 01 - 01)),
            ));
        }
        let renounced = findings(&facts);
        assert!(renounced.contains(&("citizen_abroad", NO)));
        assert!(renounced.contains(&("compatriot", YES)));
        assert!(renounced.contains(&("ethnic_kazakh_abroad", YES)));
    }

    #[test]
    fn findings_change_with_the_evaluation_date() {
        let facts = CategoryFacts {
            citizenship: history(vec![holds("CN")]),
            residence: Some(lives("KZ", Permanence::Permanent)),
            ethnicity: kazakh(),
            kandas: grant(date!(2024 - 09 - 01), Some(date!(2025 - 09 - 01)), None),
            ..born("CN", HistoricalEntity::NotSoviet)
        };
        assert!(findings(&facts).contains(&("kandas", YES)));
        let later = CategoryFacts {
            as_of: date!(2025 - 09 - 02),
            ..facts
        };
        assert!(findings(&later).contains(&("kandas", NO)));
    }

    #[test]
    fn a_kazakh_who_moves_abroad_becomes_diaspora() {
        let mut facts = CategoryFacts {
            citizenship: history(vec![holds("KZ")]),
            residence: Some(lives("KZ", Permanence::Permanent)),
            ethnicity: kazakh(),
            ..born("KZ", HistoricalEntity::NotSoviet)
        };
        assert!(findings(&facts).iter().all(|(_, d)| *d == NO));
        facts.residence = Some(lives("KR", Permanence::Temporary));
        let abroad = findings(&facts);
        assert!(abroad.contains(&("diaspora", YES)));
        assert!(abroad.contains(&("citizen_abroad", YES)));
        assert!(abroad.contains(&("compatriot", NO)));
    }

    #[test]
    fn legal_bases_cite_only_the_laws_the_seeds_name() {
        for definition in &DEFINITIONS {
            match definition.code {
                "ethnic_kazakh_abroad" | "compatriot" | "kandas" => {
                    assert_eq!(definition.legal_basis, Some(LAW_ON_MIGRATION_2011));
                }
                "diaspora" => assert_eq!(definition.legal_basis, Some(LAW_ON_LANGUAGES_1997)),
                "citizen_abroad" => assert_eq!(definition.legal_basis, None),
                other => panic!("unexpected category {other}"),
            }
        }
    }
}
