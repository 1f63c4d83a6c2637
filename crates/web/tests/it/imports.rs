//! Imports through the API: a CSV with good and bad rows, a re-run that changes nothing,
//! undo, an XLSX file, a consulate's rows outside its country, a changed row.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::support::{TestApp, get_request, json_request};

async fn staff(app: &TestApp, role: &str, scope: Option<&str>) -> String {
    let account = app.account(role, scope, true).await;
    app.api_token(&account).await
}

fn file_request(token: &str, query: &str, bytes: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(format!("/api/v1/imports/file?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(Body::from(bytes))
        .unwrap()
}

async fn people(app: &TestApp, token: &str) -> Vec<String> {
    let list = app.send(get_request("/api/v1/people", Some(token))).await;
    assert_eq!(list.status, StatusCode::OK);
    list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["display_name"].as_str().unwrap().to_owned())
        .collect()
}

const CSV: &str = "source_key;Фамилия;Имя;Дата рождения;Страна проживания;Email;Языки\n\
    K-1;Әбілова;Жанар;1988-03-01;DE;zhanar@example.de;kk:native;de:fluent\n\
    ;Абаев;Ерлан;1990;DE;;\n\
    K-3;Серікова;Айгүл;вчера;DE;not-an-email;kk:native\n\
    K-4;Жұмабаев;Серік;1975;DE;;ru:fluent\n";

fn errors_of(body: &Value) -> Vec<(u64, String, String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_owned(),
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_csv_keeps_good_rows_reports_every_bad_one_reruns_idempotently_and_undoes() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let query = "source_kind=consulate&file_name=list.csv&consents=registry";
    let first = app
        .send(file_request(&central, query, CSV.as_bytes().to_vec()))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let body = first.json();
    assert_eq!(body["batch"]["imported"], 2);
    assert_eq!(body["batch"]["rejected"], 2);
    assert_eq!(body["batch"]["status"], "done");
    assert_eq!(
        errors_of(&body),
        vec![
            (
                3,
                "source_key".into(),
                "source_key".into(),
                "required".into()
            ),
            (
                4,
                "Дата рождения".into(),
                "birth_date".into(),
                "malformed".into()
            ),
            (4, "Email".into(), "email".into(), "malformed".into()),
        ]
    );
    assert!(
        body["errors"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("Date of birth"),
        "{body}"
    );
    let mut names = people(&app, &central).await;
    names.sort();
    assert_eq!(names, ["Жұмабаев Серік", "Әбілова Жанар"]);

    let again = app
        .send(file_request(&central, query, CSV.as_bytes().to_vec()))
        .await
        .json();
    assert_eq!(again["batch"]["imported"], 0);
    assert_eq!(again["batch"]["unchanged"], 2);
    assert_eq!(again["batch"]["rejected"], 2);
    assert_eq!(people(&app, &central).await.len(), 2, "nothing duplicated");

    let id = body["batch"]["id"].as_str().unwrap();
    let shown = app
        .send(get_request(
            &format!("/api/v1/imports/{id}"),
            Some(&central),
        ))
        .await
        .json();
    assert_eq!(errors_of(&shown), errors_of(&body));
    let listed = app
        .send(get_request("/api/v1/imports", Some(&central)))
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);

    let undo = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/imports/{id}/undo"),
            Some(&central),
            &json!({}),
        ))
        .await;
    assert_eq!(undo.status, StatusCode::OK, "{}", undo.body);
    assert_eq!(undo.json()["status"], "undone");
    assert!(people(&app, &central).await.is_empty());
    let twice = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/imports/{id}/undo"),
            Some(&central),
            &json!({}),
        ))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_xlsx_file_imports_the_same_with_dates_as_dates() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    for (col, h) in ["Key", "Тегі", "Аты", "Туған күні", "Consent"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(0, u16::try_from(col).unwrap(), *h)
            .unwrap();
    }
    sheet.write_number(1, 0, 1001).unwrap();
    sheet.write_string(1, 1, "Әбілова").unwrap();
    sheet.write_string(1, 2, "Жанар").unwrap();
    sheet
        .write_datetime_with_format(
            1,
            3,
            rust_xlsxwriter::ExcelDateTime::from_ymd(1988, 3, 1).unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_string(1, 4, "иә").unwrap();
    sheet.write_string(2, 0, "1002").unwrap();
    sheet.write_string(2, 1, "Абаев").unwrap();
    sheet.write_string(2, 4, "жоқ").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let done = app
        .send(file_request(&central, "source_kind=association", bytes))
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    let body = done.json();
    assert_eq!(body["batch"]["imported"], 1, "{body}");
    assert_eq!(
        errors_of(&body),
        vec![(3, "Аты".into(), "given_name".into(), "required".into()),]
    );
    let list = app
        .send(get_request("/api/v1/people", Some(&central)))
        .await
        .json();
    assert_eq!(list["items"][0]["birth_year"], 1988);
    assert_eq!(list["items"][0]["source"], "association");
}

#[tokio::test]
async fn rows_outside_the_importer_s_area_are_rejected_row_by_row() {
    let app = TestApp::new().await;
    let akimat = staff(&app, "local_coordinator", Some("KZ.75")).await;
    let body = json!({
        "file_name": "list.csv",
        "source_kind": "consulate",
        "headers": ["source_key", "family_name", "given_name", "residence_country", "hometown"],
        "rows": [["D-1", "Әбілова", "Жанар", "DE", "KZ.75.10"], ["D-2", "Абаев", "Ерлан", "TR", "KZ.11"]],
        "consents": ["registry"],
    });
    let done = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&akimat),
            &body,
        ))
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    let report = done.json();
    assert_eq!(report["batch"]["imported"], 1, "{report}");
    assert_eq!(
        errors_of(&report),
        vec![(3, String::new(), "row".into(), "forbidden".into())]
    );
    assert_eq!(people(&app, &akimat).await, ["Әбілова Жанар"]);

    // The registry lets a consulate write contacts and residence only, never identity: it
    // cannot register anyone, so every row of its own import is refused, even in its country.
    let consul = staff(&app, "consular_officer", Some("DE")).await;
    let report = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&consul),
            &body,
        ))
        .await
        .json();
    assert_eq!(report["batch"]["imported"], 0, "{report}");
    assert_eq!(report["batch"]["rejected"], 2, "{report}");

    let researcher = staff(&app, "researcher", None).await;
    let refused = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&researcher),
            &body,
        ))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_row_changed_since_its_import_is_a_conflict_not_an_overwrite() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let body = |city: &str| {
        json!({
            "source_kind": "import",
            "headers": ["source_key", "family_name", "given_name", "residence_country", "residence_city"],
            "rows": [["X-1", "Әбілова", "Жанар", "DE", city]],
            "mapping": {"source_key": 0, "family_name": 1, "given_name": 2, "residence_country": 3, "residence_city": 4},
            "consents": ["registry"],
        })
    };
    let first = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&central),
            &body("Köln"),
        ))
        .await
        .json();
    assert_eq!(first["batch"]["imported"], 1);
    let changed = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&central),
            &body("Bonn"),
        ))
        .await
        .json();
    assert_eq!(
        errors_of(&changed),
        vec![(
            2,
            "source_key".into(),
            "source_key".into(),
            "conflict".into()
        )]
    );
    let bad_mapping = app
        .send(json_request(
            Method::POST,
            "/api/v1/imports",
            Some(&central),
            &json!({"source_kind": "import", "headers": [], "rows": [], "mapping": {"shoe_size": 0}}),
        ))
        .await;
    assert_eq!(bad_mapping.status, StatusCode::UNPROCESSABLE_ENTITY);
}
