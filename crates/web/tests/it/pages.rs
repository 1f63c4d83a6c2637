//! Pages: the portal, the console's account administration, security headers, health, errors.

use axum::http::{StatusCode, header};

use crate::support::{TestApp, get_request};

#[tokio::test]
async fn the_home_page_is_accessible_and_carries_the_security_headers() {
    let app = TestApp::new().await;
    let response = app.send(get_request("/", None)).await;
    assert_eq!(response.status, StatusCode::OK);
    let h = &response.headers;
    assert!(
        h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(h.get("x-request-id").is_some());
    assert!(
        h.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
        "no HSTS without TLS"
    );
    let csrf_cookie = response
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("otandas_csrf="))
        .unwrap();
    assert!(
        csrf_cookie.contains("HttpOnly")
            && csrf_cookie.contains("SameSite=Lax")
            && !csrf_cookie.contains("Secure")
    );
    // Landmarks and labels.
    for landmark in [
        "<header",
        "<main id=\"main\"",
        "<footer",
        "<nav class=\"languages\" aria-label=",
        "href=\"#main\"",
    ] {
        assert!(response.body.contains(landmark), "{landmark}");
    }
    let css = app.send(get_request("/static/app.css", None)).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
}

#[tokio::test]
async fn behind_tls_cookies_are_secure_and_hsts_is_sent() {
    let app = TestApp::with_config(otandas_web::WebConfig {
        secure_cookies: true,
        ..otandas_web::WebConfig::default()
    })
    .await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    let home = browser.get("/").await;
    assert!(
        home.headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_some()
    );
    assert!(home.set_cookies().iter().all(|c| c.contains("; Secure")));
    let response = browser.login(&member).await;
    let session = response
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("otandas_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly")
            && session.contains("Secure")
            && session.contains("SameSite=Lax")
    );
}

#[tokio::test]
async fn healthz_reports_the_engine_and_the_migration() {
    let app = TestApp::new().await;
    let response = app.send(get_request("/healthz", None)).await;
    assert_eq!(response.status, StatusCode::OK);
    let json = response.json();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["engine"], "sqlite");
    assert!(json["migration"].as_i64().unwrap() >= 20_261_123_000_001);
    assert_eq!(json["up_to_date"], true);
}

#[tokio::test]
async fn server_errors_show_the_request_id_and_never_the_cause() {
    let app = TestApp::new().await;
    app.store.close().await;
    let page = app.send(get_request("/healthz", None)).await;
    assert!(page.status.is_server_error(), "{}", page.status);
    let id = page.headers["x-request-id"].to_str().unwrap().to_owned();
    assert!(page.body.contains(&id));
    assert!(!page.body.to_lowercase().contains("pool"), "{}", page.body);
    let html = app.send(get_request("/login", None)).await;
    assert_eq!(
        html.status,
        StatusCode::OK,
        "the login page needs no database"
    );
}

#[tokio::test]
async fn unknown_pages_get_a_translated_404_page() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser.accept_language = Some("kk-KZ,kk;q=0.9".into());
    let response = browser.get("/no/such/page").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.body.contains("<html lang=\"kk\">"));
    assert!(response.body.contains("role=\"alert\""));
}

#[tokio::test]
async fn administrators_manage_accounts_in_the_console() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let mut browser = app.browser();
    browser.login(&admin).await;

    // A bad form re-renders with the values typed and every message.
    let bad = browser
        .submit(
            "/console/accounts/new",
            "/console/accounts",
            &[
                ("email", "not an email"),
                ("display_name", "Сәуле Тұрсынова"),
                ("language", "kk"),
                ("password", "short"),
                ("role", "local_coordinator"),
                ("scope", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"Сәуле Тұрсынова\""));
    assert!(bad.body.contains("value=\"not an email\""));
    assert!(bad.body.contains("Email: not in the expected format."));
    assert!(bad.body.contains("Password: at least 12 characters."));
    assert!(bad.body.contains("Org unit: required."));
    assert!(
        !bad.body.contains("value=\"short\""),
        "passwords are never echoed"
    );

    let created = browser
        .submit(
            "/console/accounts/new",
            "/console/accounts",
            &[
                ("email", "saule@test.otandas.kz"),
                ("display_name", "Сәуле Тұрсынова"),
                ("language", "kk"),
                ("password", "a long enough password"),
                ("role", "local_coordinator"),
                ("scope", "kz.75"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let page = created.location().to_owned();
    let shown = browser.get(&page).await;
    assert!(shown.body.contains("Local coordinator · KZ.75"));

    let granted = browser
        .submit(
            &page,
            &format!("{page}/roles"),
            &[("role", "consular_officer"), ("scope", "TR")],
        )
        .await;
    assert_eq!(granted.location(), format!("{page}?done=role-granted"));
    let bad_scope = browser
        .submit(
            &page,
            &format!("{page}/roles"),
            &[("role", "consular_officer"), ("scope", "XX")],
        )
        .await;
    assert_eq!(bad_scope.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_scope.body.contains("Country: not an allowed value."));
    let revoked = browser
        .submit(
            &page,
            &format!("{page}/roles/revoke"),
            &[("role", "consular_officer"), ("scope", "TR")],
        )
        .await;
    assert_eq!(revoked.location(), format!("{page}?done=role-revoked"));
    let reset = browser
        .submit(&page, &format!("{page}/second-factor/reset"), &[])
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);

    let list = browser
        .get("/console/accounts?role=local_coordinator")
        .await;
    assert!(list.body.contains("saule@test.otandas.kz"));
    assert!(!list.body.contains(&admin.email));
}

#[tokio::test]
async fn account_lists_follow_the_readers_alphabet() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let token = app.api_token(&admin).await;
    for name in [
        "Ұлан Ержанов",
        "Ахмет Байтұрсынов",
        "Әлия Молдағұлова",
        "Ілияс Жансүгіров",
        "Ысқақ Ыбыраев",
    ] {
        let body = serde_json::json!({"email": format!("{}@test.otandas.kz", uuid::Uuid::new_v4().simple()),
            "display_name": name, "language": "kk", "password": "a long enough password", "role": "member"});
        let r = app
            .send(crate::support::json_request(
                axum::http::Method::POST,
                "/api/v1/accounts",
                Some(&token),
                &body,
            ))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let names = |json: serde_json::Value| -> Vec<String> {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["display_name"].as_str().unwrap().to_owned())
            .filter(|n| !n.starts_with("Тест"))
            .collect()
    };
    let kk = names(
        app.send(get_request(
            "/api/v1/accounts?role=member&order=kk",
            Some(&token),
        ))
        .await
        .json(),
    );
    assert_eq!(
        kk,
        [
            "Ахмет Байтұрсынов",
            "Әлия Молдағұлова",
            "Ұлан Ержанов",
            "Ысқақ Ыбыраев",
            "Ілияс Жансүгіров"
        ]
    );
    // Paging through two at a time gives the same order, without gaps or repeats.
    let mut paged = vec![];
    let mut after = String::new();
    loop {
        let json = app
            .send(get_request(
                &format!("/api/v1/accounts?role=member&order=kk&limit=2&after={after}"),
                Some(&token),
            ))
            .await
            .json();
        paged.extend(names(json.clone()));
        match json["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(paged, kk);
}
