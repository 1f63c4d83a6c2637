//! The map's counts: grouping by every dimension with `unknown` for missing values, the staff
//! scope (with registry consent), the public scope (statistics consent now, withdrawal at
//! once), and the filters.

use std::collections::BTreeMap;
use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::audit::AuditAction;
use otandas_domain::mapping::{CountDimension, CountQuery, CountScope};
use otandas_domain::registry::{LanguageInput, Purpose, ScopeClause};
use otandas_domain::shared::{AccountId, CountryCode, OrgUnitPath};
use time::Duration;

use crate::registry::{PersonBuilder, consent, person_event};
use crate::support::now;

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

/// Counts as a sorted map.
async fn counts(
    store: &Arc<dyn Store>,
    query: &CountQuery,
    scope: &CountScope,
) -> BTreeMap<String, u64> {
    store
        .count_people(query, scope)
        .await
        .expect("count people")
        .into_iter()
        .collect()
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

fn query(dimension: CountDimension, within: Option<&str>) -> CountQuery {
    CountQuery::new(dimension, within.map(country)).unwrap()
}

/// A person living in `country`, region, city, with registry consent and, if `statistics`,
/// statistics consent.
fn resident(
    family: &'static str,
    country: &'static str,
    region: &'static str,
    city: &'static str,
    statistics: bool,
) -> PersonBuilder {
    let mut consents = vec![consent(Purpose::Registry, true, now())];
    if statistics {
        consents.push(consent(Purpose::Statistics, true, now()));
    }
    PersonBuilder::new(family, "Ерлан")
        .with(move |i| {
            i.residence_country = country.into();
            i.residence_region = region.into();
            i.residence_city = city.into();
        })
        .consents(consents)
}

/// The public counts only people whose statistics consent is granted now, and a withdrawal
/// lowers the count at once.
pub async fn public_counts_cover_only_people_consenting_to_statistics_now(store: Arc<dyn Store>) {
    resident("Абаев", "RU", "", "", true).create(&store).await;
    let withdrawing = resident("Бекова", "RU", "", "", true).create(&store).await;
    resident("Ғабитов", "DE", "", "", true).create(&store).await;
    resident("Дәулетов", "DE", "", "", false)
        .create(&store)
        .await;
    // Statistics consent without registry consent still counts in statistics.
    PersonBuilder::new("Ержанов", "Бақыт")
        .with(|i| i.residence_country = "TR".into())
        .consents(vec![consent(Purpose::Statistics, true, now())])
        .create(&store)
        .await;
    let by_country = query(CountDimension::Country, None);
    assert_eq!(
        counts(&store, &by_country, &CountScope::Statistics).await,
        map(&[("DE", 1), ("RU", 2), ("TR", 1)])
    );
    store
        .insert_consent_event(
            withdrawing.id,
            &consent(Purpose::Statistics, false, now() + Duration::seconds(1)),
            &person_event(withdrawing.id, AuditAction::ConsentWithdrawn),
        )
        .await
        .unwrap();
    assert_eq!(
        counts(&store, &by_country, &CountScope::Statistics).await,
        map(&[("DE", 1), ("RU", 1), ("TR", 1)])
    );
}

/// Staff counts follow the list scope and its registry consent; an owner clause counts nobody.
pub async fn staff_counts_follow_the_list_scope_with_registry_consent(store: Arc<dyn Store>) {
    resident("Абаев", "RU", "", "", false).create(&store).await;
    resident("Бекова", "DE", "", "", false).create(&store).await;
    resident("Ғабитов", "DE", "", "", true).create(&store).await;
    PersonBuilder::new("Дәулетов", "Асқар")
        .with(|i| {
            i.residence_country = "DE".into();
            i.hometown = "KZ.75.10".into();
        })
        .consents(vec![consent(Purpose::Statistics, true, now())])
        .create(&store)
        .await;
    let by_country = query(CountDimension::Country, None);
    let cases: Vec<(Vec<ScopeClause>, BTreeMap<String, u64>)> = vec![
        (
            vec![ScopeClause::AllInRegistry],
            map(&[("DE", 2), ("RU", 1)]),
        ),
        (
            vec![ScopeClause::HostCountry(country("DE"))],
            map(&[("DE", 2)]),
        ),
        (
            vec![ScopeClause::HomeUnit(OrgUnitPath::parse("KZ.75").unwrap())],
            map(&[]),
        ),
        (vec![ScopeClause::Owner(AccountId::new())], map(&[])),
        (vec![], map(&[])),
    ];
    for (scope, expected) in cases {
        assert_eq!(
            counts(&store, &by_country, &CountScope::Staff(scope.clone())).await,
            expected,
            "{scope:?}"
        );
    }
}

/// Every dimension groups its own keys; people without a value are `unknown`; multi-valued
/// dimensions count a person once per value.
pub async fn every_dimension_groups_its_keys(store: Arc<dyn Store>) {
    let person = |family: &'static str,
                  region: &'static str,
                  city: &'static str,
                  occupation: &'static str,
                  sex: &'static str,
                  born: &'static str,
                  languages: &'static [&'static str],
                  ethnicity: &'static [&'static str]| {
        resident(family, "DE", region, city, true).with(move |i| {
            i.occupation = occupation.into();
            i.sex = sex.into();
            i.birth_date = born.into();
            i.languages = languages
                .iter()
                .map(|code| LanguageInput {
                    code: (*code).into(),
                    proficiency: "fluent".into(),
                })
                .collect();
            i.ethnicity = ethnicity.iter().map(|e| (*e).into()).collect();
        })
    };
    person(
        "Абаев",
        "Bayern",
        "München",
        "2211",
        "male",
        "1980",
        &["kk", "de"],
        &["kazakh"],
    )
    .category("kandas", true)
    .create(&store)
    .await;
    person(
        "Бекова",
        "bayern",
        "München",
        "2512",
        "female",
        "1990-05",
        &["kk"],
        &["kazakh", "uzbek"],
    )
    .category("kandas", false)
    .create(&store)
    .await;
    person("Ғабитов", "Hessen", "", "7126", "", "", &[], &[])
        .create(&store)
        .await;
    person(
        "Дәулетов",
        "",
        "Berlin",
        "",
        "male",
        "1980-01-01",
        &["de"],
        &[],
    )
    .create(&store)
    .await;
    resident("Ержанов", "RU", "Москва", "Москва", true)
        .create(&store)
        .await;

    let s = CountScope::Statistics;
    let de = Some("DE");
    let cases = [
        (
            query(CountDimension::Country, None),
            map(&[("DE", 4), ("RU", 1)]),
        ),
        (
            query(CountDimension::Region, de),
            map(&[("Bayern", 2), ("Hessen", 1), ("unknown", 1)]),
        ),
        (
            query(CountDimension::City, de),
            map(&[("Berlin", 1), ("München", 2), ("unknown", 1)]),
        ),
        (
            query(CountDimension::Occupation, de),
            map(&[("2", 2), ("7", 1), ("unknown", 1)]),
        ),
        (
            query(CountDimension::Sex, de),
            map(&[("female", 1), ("male", 2), ("unknown", 1)]),
        ),
        (
            query(CountDimension::AgeBand, de),
            map(&[("1980", 2), ("1990", 1), ("unknown", 1)]),
        ),
        (
            query(CountDimension::Language, de),
            map(&[("de", 2), ("kk", 2)]),
        ),
        (query(CountDimension::Category, de), map(&[("kandas", 1)])),
        (
            query(CountDimension::Ethnicity, de),
            map(&[("kazakh", 2), ("uzbek", 1)]),
        ),
    ];
    for (q, expected) in cases {
        assert_eq!(counts(&store, &q, &s).await, expected, "{:?}", q.dimension);
    }
}

/// The region and ethnicity filters narrow the counts.
pub async fn region_and_ethnicity_filters_narrow_the_counts(store: Arc<dyn Store>) {
    resident("Абаев", "DE", "Bayern", "München", true)
        .with(|i| i.ethnicity = vec!["kazakh".into()])
        .create(&store)
        .await;
    resident("Бекова", "DE", "BAYERN", "Nürnberg", true)
        .with(|i| i.ethnicity = vec!["uzbek".into()])
        .create(&store)
        .await;
    resident("Ғабитов", "DE", "Hessen", "Frankfurt", true)
        .with(|i| i.ethnicity = vec!["kazakh".into()])
        .create(&store)
        .await;
    let s = CountScope::Statistics;
    let in_bayern = query(CountDimension::City, Some("DE"))
        .in_region("Bayern")
        .unwrap();
    assert_eq!(
        counts(&store, &in_bayern, &s).await,
        map(&[("München", 1), ("Nürnberg", 1)])
    );
    let kazakhs = query(CountDimension::Country, None)
        .of_ethnicity("kazakh")
        .unwrap();
    assert_eq!(counts(&store, &kazakhs, &s).await, map(&[("DE", 2)]));
}
