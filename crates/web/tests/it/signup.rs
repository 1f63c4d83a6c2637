//! Self-registration: the email proves the mailbox before a password exists; the page never
//! tells which emails have accounts; unverified accounts cannot sign in; links expire.

use axum::http::StatusCode;
use time::Duration;

use crate::support::{PASSWORD, TestApp};

fn link_token(body: &str) -> String {
    let start = body.find("token=").expect("a link with a token") + "token=".len();
    body[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_visitor_registers_confirms_the_email_and_signs_in() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let sent = browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "Aigerim@Example.KZ"),
                ("display_name", "Айгерім Сапарова"),
                ("language", "kk"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("role=\"status\""));
    let mails = app.mailer.sent();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "aigerim@example.kz");
    assert_eq!(
        mails[0].subject, "otandas жүйесіндегі тіркелуіңізді растаңыз",
        "in the language chosen"
    );
    let token = link_token(&mails[0].body);

    // No password exists yet: nothing signs in.
    let early = browser
        .submit(
            "/login",
            "/login",
            &[("email", "aigerim@example.kz"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED);

    let page = format!("/signup/complete?token={token}");
    let short = browser
        .submit(
            &page,
            "/signup/complete",
            &[
                ("token", &token),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = browser
        .submit(
            &page,
            "/signup/complete",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.location(), "/login?verified=1");
    let again = browser
        .submit(
            &page,
            "/signup/complete",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");

    let signed_in = browser
        .submit(
            "/login",
            "/login",
            &[("email", "aigerim@example.kz"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed_in.location(), "/me");
    let me = browser.get("/me").await;
    assert!(me.body.contains("Айгерім Сапарова"));
    // The registry form starts from the confirmed address.
    let form = browser.get("/me/profile").await;
    assert!(
        form.body.contains("value=\"aigerim@example.kz\""),
        "{}",
        form.body
    );
}

#[tokio::test]
async fn the_page_does_not_tell_whether_an_email_is_registered() {
    let app = TestApp::new().await;
    let existing = app.account("member", None, false).await;
    let mut browser = app.browser();
    let known = browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", &existing.email),
                ("display_name", "Someone"),
                ("language", "en"),
            ],
        )
        .await;
    let unknown = browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "new@test.otandas.kz"),
                ("display_name", "Someone"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    let main = |body: &str| body.split("<main").nth(1).unwrap().to_owned();
    assert_eq!(
        main(&known.body).replace(char::is_whitespace, ""),
        main(&unknown.body).replace(char::is_whitespace, "")
    );
    let mails = app.mailer.sent();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].subject, "You already have an otandas account");
    assert!(
        !mails[0].body.contains("token="),
        "no link that could change the existing account"
    );
    assert!(mails[1].body.contains("token="));
}

#[tokio::test]
async fn a_pending_registration_cannot_sign_in_and_its_link_expires() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "late@test.otandas.kz"),
                ("display_name", "Late"),
                ("language", "en"),
            ],
        )
        .await;
    let token = link_token(&app.mailer.sent()[0].body);
    app.clock.advance(Duration::hours(25));
    let page = format!("/signup/complete?token={token}");
    let expired = browser
        .submit(
            &page,
            "/signup/complete",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert!(expired.body.contains("expired"));
    // Asking again sends a fresh link for the same pending account.
    browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "late@test.otandas.kz"),
                ("display_name", "Late"),
                ("language", "en"),
            ],
        )
        .await;
    let fresh = link_token(&app.mailer.sent()[1].body);
    assert_ne!(fresh, token);
    let page = format!("/signup/complete?token={fresh}");
    let done = browser
        .submit(
            &page,
            "/signup/complete",
            &[
                ("token", &fresh),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.location(), "/login?verified=1");
}

#[tokio::test]
async fn bad_input_and_floods_are_refused() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let bad = browser
        .submit(
            "/signup",
            "/signup",
            &[("email", "nope"), ("display_name", ""), ("language", "xx")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"nope\""));
    assert!(app.mailer.sent().is_empty());
    for _ in 0..5 {
        browser
            .submit(
                "/signup",
                "/signup",
                &[
                    ("email", "flood@test.otandas.kz"),
                    ("display_name", "F"),
                    ("language", "en"),
                ],
            )
            .await;
    }
    let flood = browser
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "flood@test.otandas.kz"),
                ("display_name", "F"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.mailer.sent().len(), 5);
}
