//! The diaspora map through the API, the pages and the service: who is counted for whom,
//! suppression with its complement (audited), consent withdrawal in force at once, the
//! consular scope, the ethnicity rule, the SVG map and a translated page.

use axum::http::{Method, StatusCode, header};
use otandas_domain::disclosure::{DisclosurePolicy, Table1D, recoverable_cells, unsafe_cells};
use otandas_domain::mapping::{CountDimension, CountQuery, MappingError};
use serde_json::{Value, json};

use crate::support::{TestApp, get_request, json_request};

/// A person living in `country` (and `region`), self-identified Kazakh.
fn resident(n: usize, country: &str, region: &str) -> Value {
    json!({
        "names": [{"given": "Ерлан", "family": format!("Тестов{n}"), "script": "Cyrl", "source": "kazakh_cyrillic"}],
        "sex": if n.is_multiple_of(2) { "female" } else { "male" },
        "birth_date": "1985",
        "ethnicity": ["kazakh"],
        "languages": [{"code": "kk", "proficiency": "native"}],
        "residence_country": country,
        "residence_region": region,
        "source_kind": "staff",
    })
}

async fn create(app: &TestApp, token: &str, record: Value, statistics: bool) -> String {
    let consents: &[&str] = if statistics {
        &["registry", "statistics"]
    } else {
        &["registry"]
    };
    let body = json!({"record": record, "consents": consents});
    let created = app
        .send(json_request(
            Method::POST,
            "/api/v1/people",
            Some(token),
            &body,
        ))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.json()["id"].as_str().unwrap().to_owned()
}

async fn staff(app: &TestApp, role: &str, scope: Option<&str>) -> String {
    let account = app.account(role, scope, true).await;
    app.api_token(&account).await
}

/// RU: 12 consenting to statistics and 2 not; DE: 11 consenting; TR: 3 consenting. Returns
/// the central officer's token and the id of one consenting person in RU.
async fn populate(app: &TestApp) -> (String, String) {
    let central = staff(app, "central_officer", None).await;
    let mut first_ru = String::new();
    let mut n = 0;
    for (country, region, count, statistics) in [
        ("RU", "Омская область", 12, true),
        ("RU", "Омская область", 2, false),
        ("DE", "Bayern", 11, true),
        ("TR", "İstanbul", 3, true),
    ] {
        for _ in 0..count {
            n += 1;
            let id = create(app, &central, resident(n, country, region), statistics).await;
            if first_ru.is_empty() {
                first_ru = id;
            }
        }
    }
    (central, first_ru)
}

/// `key → (count, suppressed)` of a counts response.
fn cells(body: &Value) -> Vec<(String, Option<u64>, bool)> {
    body["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_owned(),
                c["count"].as_u64(),
                c["suppressed"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn cell(body: &Value, key: &str) -> (Option<u64>, bool) {
    cells(body)
        .into_iter()
        .find(|(k, _, _)| k == key)
        .map_or_else(
            || panic!("no cell {key}: {body}"),
            |(_, count, suppressed)| (count, suppressed),
        )
}

const BY_COUNTRY: &str = "/api/v1/stats/counts?dimension=country";

#[tokio::test]
async fn the_public_sees_only_statistics_consent_with_small_countries_and_their_complement_suppressed()
 {
    let app = TestApp::new().await;
    let (central, _) = populate(&app).await;

    let public = app.send(get_request(BY_COUNTRY, None)).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    let body = public.json();
    assert_eq!(body["exact"], false);
    assert_eq!(
        cell(&body, "RU"),
        (Some(12), false),
        "only consenting people"
    );
    assert_eq!(cell(&body, "TR"), (None, true), "3 is below 10");
    assert_eq!(
        cell(&body, "DE"),
        (None, true),
        "the complement: otherwise TR = total − RU − DE"
    );
    assert_eq!(body["total"], 26);

    // The same table from the service, audited: no suppressed count can be recomputed.
    let table = app
        .services
        .mapping
        .counts(
            None,
            CountQuery::new(CountDimension::Country, None).unwrap(),
        )
        .await
        .unwrap();
    let original = Table1D::from_counts([("DE", 11), ("RU", 12), ("TR", 3)]).unwrap();
    assert_eq!(recoverable_cells(&table.table, &original).unwrap(), vec![]);
    assert_eq!(
        unsafe_cells(&table.table, &original, &DisclosurePolicy::default()).unwrap(),
        vec![]
    );

    // A central officer sees the exact counts of everyone in the registry.
    let exact = app
        .send(get_request(BY_COUNTRY, Some(&central)))
        .await
        .json();
    assert_eq!(exact["exact"], true);
    assert_eq!(cell(&exact, "TR"), (Some(3), false));
    assert_eq!(cell(&exact, "RU"), (Some(14), false));
    assert_eq!(cell(&exact, "DE"), (Some(11), false));
    assert_eq!(exact["total"], 28);
}

#[tokio::test]
async fn a_breakdown_within_a_country_the_country_table_suppresses_is_withheld_whole() {
    let app = TestApp::new().await;
    let (central, _) = populate(&app).await;
    // DE (11) is suppressed in the country table as TR's complement: its regions, sexes or
    // languages would give DE's count (or a lower bound for it), hence TR's.
    for dimension in ["region", "sex", "language", "age-band"] {
        let url = format!("/api/v1/stats/counts?dimension={dimension}&country=DE");
        let body = app.send(get_request(&url, None)).await.json();
        assert_eq!(body["total"], Value::Null, "{dimension}: {body}");
        assert_eq!(body["withheld"], true);
        assert!(
            cells(&body)
                .iter()
                .all(|(_, count, suppressed)| count.is_none() && *suppressed),
            "{dimension}: {body}"
        );
    }
    let page = app
        .send(get_request("/statistics?dimension=region&country=DE", None))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("This breakdown is withheld"),
        "{}",
        page.body
    );
    // RU is published: its breakdown's total is RU's cell, and its cells are controlled.
    let body = app
        .send(get_request(
            "/api/v1/stats/counts?dimension=region&country=RU",
            None,
        ))
        .await
        .json();
    assert_eq!(body["total"], 12);
    assert_eq!(body["withheld"], false);
    assert_eq!(cell(&body, "Омская область"), (Some(12), false));
    let sexes = app
        .send(get_request(
            "/api/v1/stats/counts?dimension=sex&country=RU",
            None,
        ))
        .await
        .json();
    assert_eq!(sexes["total"], 12);
    assert_eq!(cell(&sexes, "female"), (None, true), "6 is below 10");
    assert_eq!(cell(&sexes, "male"), (None, true), "its complement");
    // Filters that cut the registry other ways are for staff: a filtered table publishes
    // sub-cells of the unfiltered ones.
    let cities_in_region = "/api/v1/stats/counts?dimension=city&country=RU&region=%D0%9E%D0%BC%D1%81%D0%BA%D0%B0%D1%8F%20%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C";
    for url in [
        cities_in_region,
        "/api/v1/stats/counts?dimension=country&ethnicity=kazakh",
    ] {
        let response = app.send(get_request(url, None)).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{url}");
    }
    let cities = app
        .send(get_request(cities_in_region, Some(&central)))
        .await
        .json();
    assert_eq!(cities["total"], 14, "{cities}");
    let exact = app
        .send(get_request(
            "/api/v1/stats/counts?dimension=region&country=DE",
            Some(&central),
        ))
        .await
        .json();
    assert_eq!(cell(&exact, "Bayern"), (Some(11), false));
}

#[tokio::test]
async fn withdrawing_statistics_consent_lowers_the_public_count_at_once() {
    let app = TestApp::new().await;
    let (central, ru) = populate(&app).await;
    let withdrawn = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/people/{ru}/consents"),
            Some(&central),
            &json!({"purpose": "statistics", "granted": false}),
        ))
        .await;
    assert!(withdrawn.status.is_success(), "{}", withdrawn.body);
    let body = app.send(get_request(BY_COUNTRY, None)).await.json();
    assert_eq!(cell(&body, "RU"), (Some(11), false));
    // Still counted for staff: the registry consent stands.
    let exact = app
        .send(get_request(BY_COUNTRY, Some(&central)))
        .await
        .json();
    assert_eq!(cell(&exact, "RU"), (Some(14), false));
}

#[tokio::test]
async fn a_consular_officer_counts_only_their_host_country_and_a_researcher_only_published_figures()
{
    let app = TestApp::new().await;
    populate(&app).await;
    let consul = staff(&app, "consular_officer", Some("DE")).await;
    let body = app
        .send(get_request(BY_COUNTRY, Some(&consul)))
        .await
        .json();
    assert_eq!(body["exact"], true);
    assert_eq!(cells(&body), vec![("DE".to_owned(), Some(11), false)]);
    assert_eq!(body["total"], 11);

    let researcher = app.account("researcher", None, false).await;
    let token = app.api_token(&researcher).await;
    let body = app.send(get_request(BY_COUNTRY, Some(&token))).await.json();
    assert_eq!(body["exact"], false);
    assert_eq!(cell(&body, "TR"), (None, true));
}

#[tokio::test]
async fn ethnicity_is_never_crossed_with_region_or_city_for_anyone() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    for url in [
        "/api/v1/stats/counts?dimension=region&country=DE&ethnicity=kazakh",
        "/api/v1/stats/counts?dimension=city&country=DE&ethnicity=kazakh",
        "/api/v1/stats/counts?dimension=ethnicity&country=DE&region=Bayern",
    ] {
        for token in [None, Some(central.as_str())] {
            let response = app.send(get_request(url, token)).await;
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{url}: {}",
                response.body
            );
        }
    }
    let page = app
        .send(get_request(
            "/statistics?dimension=region&country=DE&ethnicity=kazakh",
            None,
        ))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // The refusal is the cross rule itself, for the public as for staff.
    let de = otandas_domain::shared::CountryCode::parse("DE").unwrap();
    let crossed = CountQuery::new(CountDimension::Region, Some(de))
        .unwrap()
        .of_ethnicity("kazakh")
        .unwrap();
    assert!(matches!(
        app.services.mapping.counts(None, crossed).await,
        Err(MappingError::ForbiddenCross)
    ));
    // Ethnicity by country, and regions without an ethnicity filter, are fine.
    for url in [
        "/api/v1/stats/counts?dimension=ethnicity",
        "/api/v1/stats/counts?dimension=region&country=DE",
    ] {
        assert_eq!(
            app.send(get_request(url, None)).await.status,
            StatusCode::OK
        );
    }
    // A region breakdown needs its country.
    let missing = app
        .send(get_request("/api/v1/stats/counts?dimension=region", None))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_map_draws_each_country_with_data_and_hatches_the_suppressed_ones() {
    let app = TestApp::new().await;
    populate(&app).await;
    let response = app
        .send(get_request("/api/v1/stats/map.svg?dimension=country", None))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    let svg = &response.body;
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    let path_of = |numeric: u16| {
        let marker = format!("data-id=\"{numeric}\"");
        let end = svg
            .find(&marker)
            .unwrap_or_else(|| panic!("no path for {numeric}"));
        let start = svg[..end].rfind("<path").unwrap();
        svg[start..end].to_owned()
    };
    // Russia (643) published; Turkey (792) and Germany (276) suppressed (hatched).
    assert!(
        !path_of(643).contains("url(#map-hatch)"),
        "{}",
        path_of(643)
    );
    assert!(path_of(792).contains("fill=\"url(#map-hatch)\""));
    assert!(path_of(276).contains("fill=\"url(#map-hatch)\""));
    // Countries without anyone are drawn too, as "no data".
    assert!(!path_of(156).contains("url(#map-hatch)"));
    assert!(svg.contains("suppressed (fewer than 10)"));
    assert!(!svg.contains("<script"));
    // Another dimension gives a bar chart.
    let bars = app
        .send(get_request("/api/v1/stats/map.svg?dimension=sex", None))
        .await;
    assert_eq!(bars.status, StatusCode::OK);
    assert!(bars.body.contains("bars-title"), "{}", bars.body);
}

#[tokio::test]
async fn the_public_page_renders_the_map_and_the_same_figures_as_a_table_in_kazakh() {
    let app = TestApp::new().await;
    populate(&app).await;
    let page = app
        .send(get_request("/statistics?dimension=country&lang=kk", None))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = &page.body;
    assert!(html.contains("Диаспора сандармен"), "Kazakh title");
    assert!(html.contains("<svg"), "the map");
    assert!(html.contains("<table class=\"counts\">"), "the table");
    assert!(
        html.contains("<td class=\"num\">12</td>"),
        "RU's count in the table"
    );
    assert!(html.contains("жасырылған"), "the word for suppressed");
    assert!(html.contains("Natural Earth / world-atlas"));
    assert!(html.contains("href=\"/statistics\""), "linked from the nav");

    let languages = app
        .send(get_request("/statistics?dimension=language&lang=uz", None))
        .await;
    assert_eq!(languages.status, StatusCode::OK);
    assert!(languages.body.contains("Diaspora raqamlarda"));
}

#[tokio::test]
async fn staff_with_registry_access_get_the_console_map_with_exact_counts() {
    let app = TestApp::new().await;
    populate(&app).await;
    let account = app.account("central_officer", None, true).await;
    let mut browser = app.browser();
    browser.login(&account).await;
    let page = browser.get("/console/map?dimension=country").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("aria-current=\"page\">Map</a>"),
        "console nav"
    );
    assert!(page.body.contains("<td class=\"num\">3</td>"), "TR exact");
    let console = browser.get("/console").await;
    assert!(console.body.contains("href=\"/console/map\""));

    let anonymous = app.send(get_request("/console/map", None)).await;
    assert_ne!(anonymous.status, StatusCode::OK);
}

#[tokio::test]
async fn the_openapi_document_lists_the_statistics_endpoints() {
    let app = TestApp::new().await;
    let doc = app
        .send(get_request("/api/openapi.json", None))
        .await
        .json();
    assert!(doc["paths"]["/api/v1/stats/counts"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/stats/map.svg"]["get"].is_object());
}
