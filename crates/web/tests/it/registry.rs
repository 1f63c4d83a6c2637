//! The registry through the pages and the API: scope, consent and field-level rules per role,
//! self-service (registration, consents, export, erasure), categories, concurrency.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse, get_request, json_request};

const ORG: &str = "0193a6f0-0000-7000-8000-000000000001";

fn person(family: &str, country: &str, hometown: &str) -> Value {
    json!({
        "names": [
            {"given": "Жанар", "family": family, "script": "Cyrl", "source": "kazakh_cyrillic"},
            {"given": "Zhanar", "family": "Abilova", "script": "Latn", "source": "passport"}
        ],
        "sex": "female",
        "birth_date": "1988-03",
        "birth_country": "KZ",
        "birth_entity": "KZ-SSR",
        "citizenships": [{"country": country, "from": "", "until": ""}],
        "ethnicity": ["kazakh"],
        "languages": [{"code": "kk", "proficiency": "native"}, {"code": "ru", "proficiency": "fluent"}],
        "residence_country": country,
        "residence_city": "Омск",
        "residence_permanence": "permanent",
        "occupation": "2211",
        "email": "zhanar@example.ru",
        "phone": "+7 913 000 0000",
        "hometown": hometown,
        "source_kind": "staff",
    })
}

async fn create(app: &TestApp, token: &str, record: &Value, consents: &[&str]) -> TestResponse {
    let body = json!({"record": record, "consents": consents});
    app.send(json_request(
        Method::POST,
        "/api/v1/people",
        Some(token),
        &body,
    ))
    .await
}

async fn staff(app: &TestApp, role: &str, scope: Option<&str>) -> String {
    let account = app.account(role, scope, true).await;
    app.api_token(&account).await
}

#[tokio::test]
async fn each_role_sees_what_the_rules_allow_of_a_person() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let created = create(
        &app,
        &central,
        &person("Әбілова", "RU", "KZ.75.10"),
        &["registry", &format!("share_with_organization:{ORG}")],
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/people/{id}");

    let full = app.send(get_request(&url, Some(&central))).await.json();
    assert_eq!(full["record"]["ethnicity"], json!(["kazakh"]));
    let categories: Vec<&str> = full["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(categories.contains(&"compatriot"), "{categories:?}");

    let consul = staff(&app, "consular_officer", Some("RU")).await;
    let seen = app.send(get_request(&url, Some(&consul))).await.json();
    assert_eq!(seen["fields"], json!(["identity", "contacts", "residence"]));
    assert_eq!(seen["record"]["ethnicity"], json!([]));
    assert_eq!(seen["record"]["occupation"], "");
    assert_eq!(seen["record"]["email"], "zhanar@example.ru");

    let other_consul = staff(&app, "consular_officer", Some("TR")).await;
    assert_eq!(
        app.send(get_request(&url, Some(&other_consul)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let akimat = staff(&app, "local_coordinator", Some("KZ.75")).await;
    let local = app.send(get_request(&url, Some(&akimat))).await.json();
    assert!(
        !local["fields"]
            .as_array()
            .unwrap()
            .contains(&json!("ethnicity"))
    );
    assert_eq!(local["record"]["ethnicity"], json!([]));
    assert_eq!(local["record"]["occupation"], "2211");
    let far = staff(&app, "local_coordinator", Some("KZ.19")).await;
    assert_eq!(
        app.send(get_request(&url, Some(&far))).await.status,
        StatusCode::NOT_FOUND
    );

    let org = staff(&app, "org_admin", Some(ORG)).await;
    let member_view = app.send(get_request(&url, Some(&org))).await.json();
    assert_eq!(
        member_view["fields"],
        json!(["identity", "contacts", "languages", "skills"])
    );

    for role in ["researcher", "admin", "auditor"] {
        let token = staff(&app, role, None).await;
        assert_eq!(
            app.send(get_request(&url, Some(&token))).await.status,
            StatusCode::NOT_FOUND,
            "{role}"
        );
        assert_eq!(
            app.send(get_request("/api/v1/people", Some(&token)))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{role}"
        );
    }
}

#[tokio::test]
async fn staff_register_only_within_their_scope_and_fields() {
    let app = TestApp::new().await;
    let consul = staff(&app, "consular_officer", Some("RU")).await;
    // A consulate writes contacts and residence only: a full record is beyond its fields.
    assert_eq!(
        create(
            &app,
            &consul,
            &person("Әбілова", "RU", "KZ.75.10"),
            &["registry"]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let akimat = staff(&app, "local_coordinator", Some("KZ.75")).await;
    // A local coordinator never handles ethnicity.
    assert_eq!(
        create(
            &app,
            &akimat,
            &person("Әбілова", "RU", "KZ.75.10"),
            &["registry"]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let mut without_ethnicity = person("Әбілова", "RU", "KZ.75.10");
    without_ethnicity["ethnicity"] = json!([]);
    assert_eq!(
        create(&app, &akimat, &without_ethnicity, &["registry"])
            .await
            .status,
        StatusCode::CREATED
    );
    let mut elsewhere = without_ethnicity.clone();
    elsewhere["hometown"] = json!("KZ.19.01");
    assert_eq!(
        create(&app, &akimat, &elsewhere, &["registry"])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Without consent to be in the registry there is no record.
    let central = staff(&app, "central_officer", None).await;
    let refused = create(
        &app,
        &central,
        &person("Әбілова", "RU", "KZ.75.10"),
        &["statistics"],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["field"], "consent");
}

#[tokio::test]
async fn lists_follow_scope_filters_and_the_kazakh_alphabet() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    for (family, country) in [
        ("Ұлықбекова", "RU"),
        ("Әбілова", "RU"),
        ("Ахметова", "DE"),
        ("Қасымова", "RU"),
    ] {
        assert_eq!(
            create(
                &app,
                &central,
                &person(family, country, "KZ.75.10"),
                &["registry"]
            )
            .await
            .status,
            StatusCode::CREATED
        );
    }
    let names = |v: Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["display_name"]
                    .as_str()
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let all = app
        .send(get_request("/api/v1/people?order=kk", Some(&central)))
        .await
        .json();
    assert_eq!(
        names(all),
        ["Ахметова", "Әбілова", "Қасымова", "Ұлықбекова"]
    );
    let consul = staff(&app, "consular_officer", Some("RU")).await;
    let russia = app
        .send(get_request("/api/v1/people?order=kk", Some(&consul)))
        .await
        .json();
    assert_eq!(names(russia), ["Әбілова", "Қасымова", "Ұлықбекова"]);
    let germany = app
        .send(get_request("/api/v1/people?country=DE", Some(&central)))
        .await
        .json();
    assert_eq!(names(germany), ["Ахметова"]);
    let doctors = app
        .send(get_request(
            "/api/v1/people?occupation=22&category=compatriot",
            Some(&central),
        ))
        .await
        .json();
    assert_eq!(doctors["items"].as_array().unwrap().len(), 4);
    let bad = app
        .send(get_request(
            "/api/v1/people?category=martian&country=XX",
            Some(&central),
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn withdrawing_consent_takes_effect_at_once_for_every_reader() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let org = staff(&app, "org_admin", Some(ORG)).await;
    let share = format!("share_with_organization:{ORG}");
    let id = create(
        &app,
        &central,
        &person("Әбілова", "RU", "KZ.75.10"),
        &["registry", &share],
    )
    .await
    .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("/api/v1/people/{id}");
    let consents = format!("{url}/consents");
    assert_eq!(
        app.send(get_request("/api/v1/people", Some(&org)))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Sharing withdrawn: the organization loses the person, the agency keeps them.
    let withdraw = json!({"purpose": share, "granted": false});
    assert_eq!(
        app.send(json_request(
            Method::POST,
            &consents,
            Some(&central),
            &withdraw
        ))
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.send(get_request("/api/v1/people", Some(&org)))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        app.send(get_request(&url, Some(&org))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.send(get_request(&url, Some(&central))).await.status,
        StatusCode::OK
    );

    // Registry consent withdrawn: no staff role sees them any more.
    let withdraw = json!({"purpose": "registry", "granted": false});
    assert_eq!(
        app.send(json_request(
            Method::POST,
            &consents,
            Some(&central),
            &withdraw
        ))
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.send(get_request(&url, Some(&central))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.send(get_request("/api/v1/people", Some(&central)))
            .await
            .json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn a_member_registers_manages_consents_exports_and_erases_their_record() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let token = app.api_token(&member).await;
    let mut record = person("Әбілова", "DE", "KZ.75.10");
    record["birth_place"] = json!("=HYPERLINK(\"http://evil\")");
    let body = json!({"record": record, "consents": ["registry", "statistics"]});
    let created = app
        .send(json_request(
            Method::POST,
            "/api/v1/me/person",
            Some(&token),
            &body,
        ))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let again = app
        .send(json_request(
            Method::POST,
            "/api/v1/me/person",
            Some(&token),
            &body,
        ))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // Staff read it (audited), then the member sees that in the export.
    let central = staff(&app, "central_officer", None).await;
    assert_eq!(
        app.send(get_request(&format!("/api/v1/people/{id}"), Some(&central)))
            .await
            .status,
        StatusCode::OK
    );
    let withdraw = json!({"purpose": "statistics", "granted": false});
    let r = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/people/{id}/consents"),
            Some(&token),
            &withdraw,
        ))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let export = app
        .send(get_request("/api/v1/me/person/export", Some(&token)))
        .await
        .json();
    assert_eq!(export["record"]["name_1_family"], "Әбілова");
    let history: Vec<(String, bool)> = export["consent_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["purpose"].as_str().unwrap().to_owned(),
                c["granted"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(history.contains(&("statistics".to_owned(), false)));
    let actions: Vec<&str> = export["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"person_read"), "{actions:?}");
    assert!(actions.contains(&"person_created"));

    // The CSV export neutralizes formulas.
    let mut browser = app.browser();
    browser.login(&member).await;
    let csv = browser.get("/me/profile/export.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(!csv.body.contains(",=HYPERLINK"));

    // Erasure: gone for everyone.
    let erased = app
        .send(
            axum::http::Request::builder()
                .method(Method::DELETE)
                .uri("/api/v1/me/person")
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.send(get_request(&format!("/api/v1/people/{id}"), Some(&central)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.send(get_request("/api/v1/me/person", Some(&token)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn edits_keep_fields_outside_the_callers_rights_and_detect_concurrent_changes() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let id = create(
        &app,
        &central,
        &person("Әбілова", "RU", "KZ.75.10"),
        &["registry"],
    )
    .await
    .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("/api/v1/people/{id}");
    let consul = staff(&app, "consular_officer", Some("RU")).await;
    let seen = app.send(get_request(&url, Some(&consul))).await.json();
    let mut record = seen["record"].clone();
    record["residence_city"] = json!("Новосибирск");
    record["ethnicity"] = json!(["uzbek"]);
    let update = json!({"version": seen["version"], "record": record});
    let saved = app
        .send(json_request(Method::PUT, &url, Some(&consul), &update))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let full = app.send(get_request(&url, Some(&central))).await.json();
    assert_eq!(full["record"]["residence_city"], "Новосибирск");
    assert_eq!(
        full["record"]["ethnicity"],
        json!(["kazakh"]),
        "the consulate cannot touch ethnicity"
    );
    assert_eq!(
        full["record"]["occupation"], "2211",
        "fields the consulate cannot see are kept"
    );
    let stale = app
        .send(json_request(Method::PUT, &url, Some(&consul), &update))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["errors"][0]["code"], "people_version");
}

#[tokio::test]
async fn the_console_pages_register_show_and_list_people() {
    let app = TestApp::new().await;
    let officer = app.account("central_officer", None, true).await;
    let mut browser = app.browser();
    browser.login(&officer).await;
    let bad = browser
        .submit(
            "/console/people/new",
            "/console/people",
            &[
                ("n1_family", "Әбілова"),
                ("n1_given", ""),
                ("n1_script", "Cyrl"),
                ("n1_source", "kazakh_cyrillic"),
                ("birth_date", "1988-13"),
                ("source_kind", "staff"),
                ("consent_registry", "on"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"Әбілова\""), "values are kept");
    assert!(bad.body.contains("Given name: required."));
    assert!(
        bad.body
            .contains("Date of birth: not in the expected format.")
    );
    let created = browser
        .submit(
            "/console/people/new",
            "/console/people",
            &[
                ("n1_family", "Әбілова"),
                ("n1_given", "Жанар"),
                ("n1_script", "Cyrl"),
                ("n1_source", "kazakh_cyrillic"),
                ("birth_date", "1988-03"),
                ("residence_country", "RU"),
                ("residence_city", "Омск"),
                ("occupation", "2211"),
                ("eth_kazakh", "on"),
                ("source_kind", "consulate"),
                ("source_key", "RU-OMSK-0001"),
                ("consent_registry", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let detail = browser.get(created.location()).await;
    assert!(detail.body.contains("Әбілова Жанар"));
    assert!(detail.body.contains("Generalist medical practitioners"));
    let list = browser.get("/console/people?country=RU").await;
    assert!(list.body.contains("Әбілова Жанар"));
    // The same source key twice is refused with a clear message.
    let twice = browser
        .submit(
            "/console/people/new",
            "/console/people",
            &[
                ("n1_family", "Әбілова"),
                ("n1_given", "Жанар"),
                ("n1_script", "Cyrl"),
                ("n1_source", "kazakh_cyrillic"),
                ("source_kind", "consulate"),
                ("source_key", "RU-OMSK-0001"),
                ("consent_registry", "on"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.body.contains("already registered"));
}
