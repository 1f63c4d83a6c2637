//! Sign-in, second factor, sessions, CSRF and throttling, through the pages.

use axum::http::{Method, StatusCode};
use time::Duration;

use crate::support::{PASSWORD, TestApp, csrf_of};

#[tokio::test]
async fn staff_sign_in_needs_password_then_code_and_rotates_the_session() {
    let app = TestApp::new().await;
    let officer = app.account("central_officer", None, true).await;
    let mut browser = app.browser();
    let response = browser
        .submit(
            "/login",
            "/login",
            &[("email", &officer.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), "/login/second-factor");
    let half_open = browser.cookies["otandas_session"].clone();
    // Half-way: the console is not reachable yet.
    assert_eq!(browser.get("/console").await.location(), "/login");

    let wrong = browser
        .submit(
            "/login/second-factor",
            "/login/second-factor",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("role=\"alert\""));

    let code = app.code(officer.secret.as_ref().unwrap());
    let done = browser
        .submit(
            "/login/second-factor",
            "/login/second-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(done.location(), "/console");
    let full = browser.cookies["otandas_session"].clone();
    assert_ne!(
        full, half_open,
        "the session token changes when the second factor passes"
    );
    let console = browser.get("/console").await;
    assert_eq!(console.status, StatusCode::OK);
    assert!(console.body.contains("<h1>Console</h1>"));
    assert!(console.body.contains("Central officer"));

    // The half-open token died with the rotation.
    let mut stale = app.browser();
    stale.cookies.insert("otandas_session".into(), half_open);
    assert_eq!(stale.get("/console").await.location(), "/login?expired=1");
}

#[tokio::test]
async fn a_used_code_cannot_be_replayed() {
    let app = TestApp::new().await;
    let officer = app.account("auditor", None, true).await;
    let mut first = app.browser();
    first.login(&officer).await;
    // Same time step, same code: refused for a second sign-in.
    let code = otandas_domain::accounts::totp_code(
        officer.secret.as_ref().unwrap(),
        otandas_domain::shared::Clock::now(app.clock.as_ref())
            .unix_timestamp()
            .div_euclid(30),
    );
    let mut second = app.browser();
    second
        .submit(
            "/login",
            "/login",
            &[("email", &officer.email), ("password", PASSWORD)],
        )
        .await;
    let replay = second
        .submit(
            "/login/second-factor",
            "/login/second-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    let wrong = browser
        .submit(
            "/login",
            "/login",
            &[("email", &member.email), ("password", "not the password")],
        )
        .await;
    let unknown = browser
        .submit(
            "/login",
            "/login",
            &[
                ("email", "nobody@test.otandas.kz"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let alert = |body: &str| {
        body.split("role=\"alert\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(alert(&wrong.body), alert(&unknown.body));
    assert_eq!(alert(&wrong.body), "Wrong email or password.");
    // The email typed is kept in the form; the password is not.
    assert!(wrong.body.contains(&format!("value=\"{}\"", member.email)));
    assert!(!wrong.body.contains("not the password"));
}

#[tokio::test]
async fn members_sign_in_without_a_second_factor_and_land_on_their_page() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    let response = browser.login(&member).await;
    assert_eq!(response.location(), "/me");
    let me = browser.get("/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains(&member.email));
}

#[tokio::test]
async fn staff_without_a_second_factor_must_enrol_first() {
    let app = TestApp::new().await;
    let coordinator = app.account("local_coordinator", Some("KZ.75"), false).await;
    let mut browser = app.browser();
    let response = browser
        .submit(
            "/login",
            "/login",
            &[("email", &coordinator.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.location(), "/login/enrol");
    assert_eq!(browser.get("/console").await.location(), "/login");
    let page = browser.get("/login/enrol").await;
    assert_eq!(page.status, StatusCode::OK);
    let secret_text = page
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    let secret = otandas_domain::accounts::TotpSecret::from_base32(secret_text).unwrap();
    assert!(page.body.contains("otpauth://totp/otandas:"));
    // Reloading keeps the same pending secret.
    assert!(browser.get("/login/enrol").await.body.contains(secret_text));
    let code = app.code(&secret);
    let done = browser
        .submit("/login/enrol", "/login/enrol", &[("code", &code)])
        .await;
    assert_eq!(done.location(), "/console");
    assert_eq!(browser.get("/console").await.status, StatusCode::OK);
    // From now on the code is asked for at login.
    let mut again = app.browser();
    let next = again
        .submit(
            "/login",
            "/login",
            &[("email", &coordinator.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(next.location(), "/login/second-factor");
}

#[tokio::test]
async fn logging_out_kills_the_session() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let mut browser = app.browser();
    browser.login(&admin).await;
    let token = browser.cookies["otandas_session"].clone();
    let out = browser.submit("/console", "/logout", &[]).await;
    assert_eq!(out.location(), "/");
    assert!(
        out.set_cookies()
            .iter()
            .any(|c| c.starts_with("otandas_session=;") && c.contains("Max-Age=0"))
    );
    let mut replay = app.browser();
    replay.cookies.insert("otandas_session".into(), token);
    assert_eq!(replay.get("/console").await.location(), "/login?expired=1");
}

#[tokio::test]
async fn a_session_expires_after_idle_time_and_after_its_absolute_lifetime() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    browser.login(&member).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(browser.get("/me").await.status, StatusCode::OK);
    app.clock.advance(Duration::minutes(31));
    let expired = browser.get("/me").await;
    assert_eq!(expired.location(), "/login?expired=1");
    let notice = browser.get("/login?expired=1").await;
    assert!(
        notice.body.contains("Your session has ended."),
        "{}",
        notice.body
    );

    let mut busy = app.browser();
    busy.login(&member).await;
    for _ in 0..26 {
        app.clock.advance(Duration::minutes(28));
        let _ = busy.get("/me").await;
    }
    assert_eq!(
        busy.get("/me").await.location(),
        "/login?expired=1",
        "12 hours is the absolute limit"
    );
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let officer = app.account("consular_officer", Some("RU"), true).await;
    let mut victim = app.browser();
    victim.login(&officer).await;
    assert_eq!(victim.get("/console").await.status, StatusCode::OK);

    let mut operator = app.browser();
    operator.login(&admin).await;
    let page = format!("/console/accounts/{}", officer.id);
    let response = operator
        .submit(&page, &format!("{page}/status"), &[("status", "disabled")])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(victim.get("/console").await.location(), "/login?expired=1");
    // And the password no longer opens it, with the same answer as a wrong one.
    let mut retry = app.browser();
    let refused = retry
        .submit(
            "/login",
            "/login",
            &[("email", &officer.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_in_again_replaces_the_previous_session() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    browser.login(&member).await;
    let first = browser.cookies["otandas_session"].clone();
    // The login form is not offered to a signed-in member; post it with the session's token.
    let again = browser
        .submit(
            "/me",
            "/login",
            &[("email", &member.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(again.location(), "/me");
    assert_ne!(browser.cookies["otandas_session"], first);
    let mut old = app.browser();
    old.cookies.insert("otandas_session".into(), first);
    assert_eq!(old.get("/me").await.location(), "/login?expired=1");
}

#[tokio::test]
async fn state_changing_forms_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    // Login without a token.
    browser.get("/login").await;
    let refused = browser
        .post_raw(
            "/login",
            &[("email", &member.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("This form has expired"));
    assert!(!browser.cookies.contains_key("otandas_session"));

    browser.login(&member).await;
    let wrong = browser.post_raw("/logout", &[("csrf", "forged")]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(
        browser.get("/me").await.status,
        StatusCode::OK,
        "still signed in"
    );

    let page = browser.get("/me").await;
    let stale_anonymous = csrf_of(&page.body);
    let changed = browser
        .post_raw(
            "/me/password",
            &[
                ("csrf", "x"),
                ("current", PASSWORD),
                ("new", "a brand new password"),
                ("confirm", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::FORBIDDEN);
    assert!(!stale_anonymous.is_empty());
    // The old password still works: nothing was written.
    let mut other = app.browser();
    other.login(&member).await;
}

#[tokio::test]
async fn repeated_failures_throttle_the_login_even_with_the_right_password() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut browser = app.browser();
    for _ in 0..5 {
        let r = browser
            .submit(
                "/login",
                "/login",
                &[("email", &member.email), ("password", "wrong wrong wrong")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = browser
        .submit(
            "/login",
            "/login",
            &[("email", &member.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.body.contains("Too many attempts"));
    // Unknown emails are throttled the same way (no enumeration through the throttle).
    for _ in 0..5 {
        browser
            .submit(
                "/login",
                "/login",
                &[("email", "ghost@test.otandas.kz"), ("password", "x")],
            )
            .await;
    }
    let ghost = browser
        .submit(
            "/login",
            "/login",
            &[("email", "ghost@test.otandas.kz"), ("password", "x")],
        )
        .await;
    assert_eq!(ghost.status, StatusCode::TOO_MANY_REQUESTS);
    // After the window the right password works again.
    app.clock.advance(Duration::minutes(16));
    let response = browser
        .submit(
            "/login",
            "/login",
            &[("email", &member.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.location(), "/me");
}

#[tokio::test]
async fn changing_the_password_validates_and_signs_out_other_sessions() {
    let app = TestApp::new().await;
    let member = app.account("member", None, false).await;
    let mut laptop = app.browser();
    laptop.login(&member).await;
    let mut phone = app.browser();
    phone.login(&member).await;

    let short = laptop
        .submit(
            "/me",
            "/me/password",
            &[
                ("current", PASSWORD),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.body.contains("at least 12 characters"),
        "{}",
        short.body
    );
    let mismatch = laptop
        .submit(
            "/me",
            "/me/password",
            &[
                ("current", PASSWORD),
                ("new", "a long new password"),
                ("confirm", "another long one"),
            ],
        )
        .await;
    assert!(mismatch.body.contains("does not match"));
    let wrong = laptop
        .submit(
            "/me",
            "/me/password",
            &[
                ("current", "nope nope nope"),
                ("new", "a long new password"),
                ("confirm", "a long new password"),
            ],
        )
        .await;
    assert!(wrong.body.contains("The current password is wrong."));

    let ok = laptop
        .submit(
            "/me",
            "/me/password",
            &[
                ("current", PASSWORD),
                ("new", "a long new password"),
                ("confirm", "a long new password"),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/me?changed=1");
    assert_eq!(
        laptop.get("/me").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        phone.get("/me").await.location(),
        "/login?expired=1",
        "other sessions end"
    );
    let mut fresh = app.browser();
    let r = fresh
        .submit(
            "/login",
            "/login",
            &[
                ("email", &member.email),
                ("password", "a long new password"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/me");
}

#[tokio::test]
async fn unauthenticated_pages_redirect_to_login_and_api_answers_401() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    for page in ["/console", "/console/accounts", "/console/audit", "/me"] {
        let r = browser.get(page).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(r.location(), "/login");
    }
    let api = browser.request(Method::GET, "/api/v1/me", None).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert_eq!(api.json()["errors"][0]["code"], "unauthenticated");
}
