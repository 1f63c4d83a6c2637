//! Translations: every key in every language, and the language negotiation.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use otandas_domain::access::RoleKind;
use otandas_domain::audit::{AuditAction, Purpose, SubjectKind};
use otandas_domain::categories::PolicyProfile;
use otandas_domain::shared::Language;
use otandas_web::i18n::{Catalog, SOURCES};

use crate::support::TestApp;

fn keys(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

/// Literal keys used by templates and handlers: `t("…")`, `t1("…"`.
fn used_literal_keys() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    let mut stack = vec![root.join("templates"), root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut found = BTreeSet::new();
    for text in files {
        for marker in [".t(\"", ".t1(\""] {
            for piece in text.split(marker).skip(1) {
                if let Some(key) = piece
                    .split('"')
                    .next()
                    .filter(|k| !k.is_empty() && !k.contains(' '))
                {
                    found.insert(key.to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn every_language_has_exactly_the_same_keys() {
    let english = keys(SOURCES.iter().find(|(l, _)| *l == Language::En).unwrap().1);
    assert!(english.len() > 100);
    for (language, source) in SOURCES {
        let these = keys(source);
        let missing: Vec<_> = english.difference(&these).collect();
        let extra: Vec<_> = these.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{language}: missing {missing:?}, extra {extra:?}"
        );
    }
    Catalog::load().expect("every Fluent file parses");
}

#[test]
fn every_key_the_code_uses_exists_in_every_language() {
    let catalog = Catalog::load().unwrap();
    let mut needed = used_literal_keys();
    needed.extend(RoleKind::ALL.iter().map(|r| format!("role-{}", r.as_str())));
    needed.extend(
        AuditAction::ALL
            .iter()
            .map(|a| format!("audit-action-{}", a.as_str())),
    );
    needed.extend(
        Purpose::ALL
            .iter()
            .map(|p| format!("audit-purpose-{}", p.as_str())),
    );
    needed.extend(
        SubjectKind::ALL
            .iter()
            .map(|s| format!("audit-subject-{}", s.as_str())),
    );
    needed.extend(
        Language::ALL
            .iter()
            .map(|l| format!("language-{}", l.tag())),
    );
    for profile in [PolicyProfile::Kazakhstan, PolicyProfile::Uzbekistan] {
        for definition in profile.categories() {
            needed.insert(format!("category-{}", definition.code));
            if definition.legal_basis.is_some() {
                needed.insert(format!("legal-basis-{}", definition.code));
            }
        }
    }
    for code in [
        "required",
        "too-long",
        "too-short",
        "malformed",
        "unknown",
        "mismatch",
    ] {
        needed.insert(format!("error-{code}"));
    }
    for code in [
        "bad-request",
        "unknown-language",
        "unauthenticated",
        "invalid-credentials",
        "invalid-code",
        "forbidden",
        "csrf",
        "not-found",
        "conflict",
        "payload-too-large",
        "unsupported-media-type",
        "invalid",
        "throttled",
        "unavailable",
        "internal",
    ] {
        needed.insert(format!("http-{code}"));
    }
    for field in [
        "email",
        "display_name",
        "language",
        "password",
        "role",
        "scope",
        "org_unit",
        "country",
        "organization",
        "confirm",
        "after",
        "action",
        "actor",
        "from",
        "until",
        "status",
        "order",
    ] {
        needed.insert(format!("field-{field}"));
    }
    for rule in [
        "accounts_email_key",
        "account_roles_key",
        "accounts_self_disable",
        "account_roles_self_admin",
    ] {
        needed.insert(format!("conflict-{rule}"));
    }
    for status in ["active", "disabled"] {
        needed.insert(format!("status-{status}"));
    }
    for notice in [
        "status",
        "role-granted",
        "role-revoked",
        "second-factor-reset",
    ] {
        needed.insert(format!("notice-{notice}"));
    }
    assert!(needed.len() > 120, "{}", needed.len());
    for language in Language::ALL {
        let missing: Vec<_> = needed
            .iter()
            .filter(|k| !catalog.has(language, k))
            .collect();
        assert!(missing.is_empty(), "{language} misses {missing:?}");
    }
}

#[tokio::test]
async fn the_language_comes_from_the_query_then_the_cookie_then_accept_language() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser.accept_language = Some("ru-RU,ru;q=0.9,en;q=0.5".into());
    let russian = browser.get("/login").await;
    assert!(russian.body.contains("<html lang=\"ru\">"));

    let kazakh = browser.get("/login?lang=kk").await;
    assert!(kazakh.body.contains("<html lang=\"kk\">"));
    assert!(
        kazakh
            .set_cookies()
            .iter()
            .any(|c| c.starts_with("lang=kk;") && c.contains("Max-Age=31536000"))
    );
    // The cookie now wins over Accept-Language.
    let again = browser.get("/").await;
    assert!(again.body.contains("<html lang=\"kk\">"));
    assert!(again.body.contains("hreflang=\"uz\""));

    let uzbek = browser.get("/?lang=uz-Latn").await;
    assert!(uzbek.body.contains("<html lang=\"uz\">"));
}

#[tokio::test]
async fn an_unknown_language_is_a_translated_400_that_lists_the_choices() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser.accept_language = Some("kk".into());
    let response = browser.get("/?lang=xx").await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.body.contains("<html lang=\"kk\">"));
    for name in ["Қазақша", "Русский", "Oʻzbekcha", "English"] {
        assert!(response.body.contains(name), "{name}");
    }
    assert!(
        !response
            .set_cookies()
            .iter()
            .any(|c| c.starts_with("lang="))
    );
}

#[tokio::test]
async fn the_console_speaks_kazakh() {
    let app = TestApp::new().await;
    let officer = app.account("central_officer", None, true).await;
    let mut browser = app.browser();
    browser.login(&officer).await;
    let console = browser.get("/console?lang=kk").await;
    assert!(console.body.contains("<h1>Басқару панелі</h1>"));
}
