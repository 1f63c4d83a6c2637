//! The JSON API: sign-in, accounts, audit, errors, the OpenAPI document.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

use crate::support::{PASSWORD, TestApp, get_request, json_request};

#[tokio::test]
async fn staff_api_sign_in_takes_two_steps_and_the_token_works_as_bearer() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let body = serde_json::json!({"email": admin.email, "password": PASSWORD});
    let first = app
        .send(json_request(Method::POST, "/api/v1/sessions", None, &body))
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.json()["stage"], "awaiting_second_factor");
    let half = first.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.send(get_request("/api/v1/me", Some(&half)))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let token = app.api_token(&admin).await;
    let me = app.send(get_request("/api/v1/me", Some(&token))).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], admin.email.as_str());
    assert_eq!(me.json()["roles"][0]["role"], "admin");
    let out = app
        .send(
            Request::builder()
                .method(Method::DELETE)
                .uri("/api/v1/sessions/current")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.send(get_request("/api/v1/me", Some(&token)))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wrong_credentials_get_a_translated_401_envelope() {
    let app = TestApp::new().await;
    let body = serde_json::json!({"email": "nobody@test.otandas.kz", "password": "whatever it is"});
    let mut request = json_request(Method::POST, "/api/v1/sessions", None, &body);
    request
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "ru".parse().unwrap());
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    let json = response.json();
    assert_eq!(json["errors"][0]["code"], "invalid-credentials");
    assert_eq!(
        json["errors"][0]["detail"],
        "Неверный адрес электронной почты или пароль."
    );
    assert!(json["request_id"].as_str().is_some());
}

#[tokio::test]
async fn account_creation_reports_every_bad_field_and_conflicts() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let token = app.api_token(&admin).await;
    let bad = serde_json::json!({"email": "not-an-email", "display_name": " ", "language": "fr",
        "password": "short", "role": "consular_officer", "scope": "XX"});
    let response = app
        .send(json_request(
            Method::POST,
            "/api/v1/accounts",
            Some(&token),
            &bad,
        ))
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = response.json()["errors"].as_array().unwrap().clone();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["email", "display_name", "language", "password", "country"]
    );
    assert_eq!(errors[3]["detail"], "Password: at least 12 characters.");

    let good = serde_json::json!({"email": "Consul.Moscow@test.otandas.kz", "display_name": "Мәди Нұрланов",
        "language": "ru", "password": "a long enough password", "role": "consular_officer", "scope": "ru"});
    let created = app
        .send(json_request(
            Method::POST,
            "/api/v1/accounts",
            Some(&token),
            &good,
        ))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let json = created.json();
    assert_eq!(json["email"], "consul.moscow@test.otandas.kz");
    assert_eq!(json["roles"][0]["scope"], "RU");
    let again = app
        .send(json_request(
            Method::POST,
            "/api/v1/accounts",
            Some(&token),
            &good,
        ))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["errors"][0]["code"], "accounts_email_key");

    let id = json["id"].as_str().unwrap();
    let grant = serde_json::json!({"role": "consular_officer", "scope": "BY"});
    let granted = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/accounts/{id}/roles"),
            Some(&token),
            &grant,
        ))
        .await;
    assert_eq!(granted.status, StatusCode::NO_CONTENT);
    let twice = app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/accounts/{id}/roles"),
            Some(&token),
            &grant,
        ))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let shown = app
        .send(get_request(&format!("/api/v1/accounts/{id}"), Some(&token)))
        .await;
    assert_eq!(shown.json()["roles"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn malformed_requests_get_the_right_status_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let token = app.api_token(&admin).await;
    let send = |body: &'static str, content_type: &'static str| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v1/accounts")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let syntax = app.send(send("{\"email\": ", "application/json")).await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert_eq!(syntax.json()["errors"][0]["code"], "json-syntax");
    let shape = app.send(send("{\"email\": 5}", "application/json")).await;
    assert_eq!(shape.status, StatusCode::BAD_REQUEST);
    let media = app.send(send("email=x", "text/plain")).await;
    assert_eq!(media.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = "x".repeat(2 * 1024 * 1024);
    let big = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/accounts")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!("{{\"email\":\"{huge}\"}}")))
                .unwrap(),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    let list = app
        .send(get_request("/api/v1/accounts", Some(&token)))
        .await;
    assert_eq!(
        list.json()["items"].as_array().unwrap().len(),
        1,
        "only the admin exists"
    );
    let unknown = app
        .send(get_request("/api/v1/nothing-here", Some(&token)))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["errors"][0]["code"], "not-found");
    let bad_id = app
        .send(get_request("/api/v1/accounts/not-a-uuid", Some(&token)))
        .await;
    assert_eq!(bad_id.status, StatusCode::NOT_FOUND);
    let bad_page = app
        .send(get_request("/api/v1/accounts?after=%25%25", Some(&token)))
        .await;
    assert_eq!(bad_page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn cookie_authenticated_api_writes_need_the_csrf_header() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let mut browser = app.browser();
    browser.login(&admin).await;
    let cookie = format!("otandas_session={}", browser.cookies["otandas_session"]);
    let body = serde_json::json!({"email": "x@test.otandas.kz", "display_name": "X", "language": "en",
        "password": "a long enough password", "role": "member"});
    let mut request = json_request(Method::POST, "/api/v1/accounts", None, &body);
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    let refused = app.send(request).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["errors"][0]["code"], "csrf");

    let page = browser.get("/console").await;
    let csrf = crate::support::csrf_of(&page.body);
    let mut request = json_request(Method::POST, "/api/v1/accounts", None, &body);
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    request
        .headers_mut()
        .insert("x-csrf-token", csrf.parse().unwrap());
    assert_eq!(app.send(request).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_audit_log_lists_who_did_what_without_values_and_pages() {
    let app = TestApp::new().await;
    let auditor = app.account("auditor", None, true).await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    browser.login(&member).await;
    let failed = browser
        .submit(
            "/me",
            "/login",
            &[("email", &member.email), ("password", "wrong wrong wrong")],
        )
        .await;
    assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
    let token = app.api_token(&auditor).await;
    let response = app
        .send(get_request(
            &format!("/api/v1/audit-events?subject={}", member.id),
            Some(&token),
        ))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let items = response.json()["items"].as_array().unwrap().clone();
    let actions: Vec<&str> = items
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["login_failed", "login_succeeded", "account_created"]
    );
    assert!(
        !response.body.contains(&member.email),
        "no values in the audit log"
    );
    assert!(items[1]["request_id"].as_str().is_some());

    let page1 = app
        .send(get_request("/api/v1/audit-events?limit=2", Some(&token)))
        .await
        .json();
    let next = page1["next"].as_str().unwrap();
    let page2 = app
        .send(get_request(
            &format!("/api/v1/audit-events?limit=2&after={next}"),
            Some(&token),
        ))
        .await
        .json();
    assert_ne!(page1["items"][0]["id"], page2["items"][0]["id"]);
    // Reading the log is itself audited.
    let reads = app
        .send(get_request(
            "/api/v1/audit-events?action=audit_log_read",
            Some(&token),
        ))
        .await
        .json();
    assert!(reads["items"].as_array().unwrap().len() >= 3);
    let bad = app
        .send(get_request(
            "/api/v1/audit-events?action=drop_table&from=yesterday",
            Some(&token),
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_openapi_document_and_swagger_ui_are_served() {
    let app = TestApp::new().await;
    let doc = app.send(get_request("/api/openapi.json", None)).await;
    assert_eq!(doc.status, StatusCode::OK);
    let json = doc.json();
    assert!(json["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/sessions",
        "/api/v1/accounts",
        "/api/v1/audit-events",
        "/api/v1/me",
        "/healthz",
    ] {
        assert!(json["paths"][path].is_object(), "{path} documented");
    }
    let ui = app.send(get_request("/api/docs/", None)).await;
    assert_eq!(ui.status, StatusCode::OK);
    assert!(ui.body.contains("swagger"));
}
