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

fn multipart(file_name: &str, bytes: &[u8], source_kind: &str) -> (String, Vec<u8>) {
    let boundary = "otandas-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"source_kind\"\r\n\r\n{source_kind}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in {text}"))
        + start.len();
    text[from..].split(end).next().unwrap()
}

#[tokio::test]
async fn the_console_uploads_maps_runs_reports_and_undoes_an_import() {
    let app = TestApp::new().await;
    let officer = app.account("central_officer", None, true).await;
    let mut browser = app.browser();
    browser.login(&officer).await;

    let form = browser.get("/console/imports/new").await;
    assert_eq!(form.status, StatusCode::OK);
    let action = format!(
        "/console/imports/upload?csrf={}",
        between(&form.body, "action=\"/console/imports/upload?csrf=", "\"")
    );
    assert!(
        action.starts_with("/console/imports/upload?csrf="),
        "{action}"
    );
    let csv = "source_key,Фамилия,Имя,Дата рождения,Страна проживания,=E-mail\n\
               K-1,Әбілова,Жанар,1988-03-01,DE,zhanar@example.de\n\
               K-2,Абаев,,1990,DE,\n\
               K-3,Серікова,Айгүл,1975,DE,not-an-email\n";
    let (content_type, body) = multipart("список.csv", csv.as_bytes(), "association");
    let upload = |uri: &str, body: Vec<u8>| {
        Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::COOKIE, browser.cookie_header())
            .header(header::CONTENT_TYPE, content_type.as_str())
            .body(Body::from(body))
            .unwrap()
    };
    let refused = app
        .send(upload("/console/imports/upload", body.clone()))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "no csrf, no upload");
    let mapping = app.send(upload(&action, body)).await;
    assert_eq!(mapping.status, StatusCode::OK, "{}", mapping.body);
    assert!(mapping.body.contains("Әбілова"), "the first rows are shown");
    assert!(
        mapping
            .body
            .contains("<option value=\"family_name\" selected>"),
        "the mapping is suggested from the headers"
    );
    let upload_id = between(&mapping.body, "name=\"upload\" value=\"", "\"").to_owned();
    let csrf = crate::support::csrf_of(&mapping.body);

    let run = browser
        .post_raw(
            "/console/imports/run",
            &[
                ("csrf", &csrf),
                ("upload", &upload_id),
                ("source_kind", "association"),
                ("file_name", "список.csv"),
                ("col_0", "source_key"),
                ("col_1", "family_name"),
                ("col_2", "given_name"),
                ("col_3", "birth_date"),
                ("col_4", "residence_country"),
                ("col_5", "email"),
                ("consent", "registry"),
            ],
        )
        .await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.body);
    let batch_page = run.location().to_owned();
    assert!(
        !std::env::temp_dir()
            .join("otandas-uploads")
            .join(&upload_id)
            .exists(),
        "the upload is removed once the run starts"
    );

    let mut shown = browser.get(&batch_page).await;
    for _ in 0..100 {
        if !shown.body.contains("http-equiv=\"refresh\"") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        shown = browser.get(&batch_page).await;
    }
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        !shown.body.contains("http-equiv=\"refresh\""),
        "the run ends"
    );
    assert!(shown.body.contains("3/3"), "{}", shown.body);
    assert!(
        shown.body.contains("Given name: required."),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("Email: not in the expected format."),
        "{}",
        shown.body
    );

    let report = browser.get(&format!("{batch_page}/errors.csv")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        report.body.contains("4,'=E-mail,email,malformed,"),
        "{}",
        report.body
    );
    assert!(report.body.contains("3,Имя,given_name,required,"));

    let list = browser.get("/console/imports").await;
    assert!(list.body.contains("список.csv"));
    let people = browser.get("/console/people").await;
    assert!(people.body.contains("Әбілова"));
    let undone = browser
        .submit(&batch_page, &format!("{batch_page}/undo"), &[])
        .await;
    assert_eq!(undone.status, StatusCode::SEE_OTHER, "{}", undone.body);
    let people = browser.get("/console/people").await;
    assert!(!people.body.contains("Әбілова"));
}

#[tokio::test]
async fn a_file_larger_than_an_ordinary_request_is_accepted_by_the_file_api() {
    let app = TestApp::new().await;
    let central = staff(&app, "central_officer", None).await;
    let notes = "x".repeat(600 * 1024);
    let csv = format!(
        "source_key,family_name,given_name,notes\nL-1,Әбілова,Жанар,{notes}\nL-2,Абаев,Ерлан,{notes}\n"
    );
    assert!(csv.len() > 1024 * 1024);
    let done = app
        .send(file_request(
            &central,
            "source_kind=import&consents=registry",
            csv.into_bytes(),
        ))
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(done.json()["batch"]["imported"], 2);
}
