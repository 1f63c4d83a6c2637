//! Role-by-scope access through the services and the HTTP layer. Each assertion fails if the
//! service's check is removed.

use axum::http::{Method, StatusCode};
use otandas_domain::access::{Action, Actor, Role, Target, authorize};
use otandas_domain::accounts::{AccountError, AccountFilter, AccountStatus, NewAccountInput};
use otandas_domain::audit::{AuditAction, AuditError, AuditFilter};
use otandas_domain::shared::{AccountId, PageRequest};

use crate::support::{TestApp, get_request, json_request};

const ROLES: [(&str, Option<&str>); 8] = [
    ("central_officer", None),
    ("local_coordinator", Some("KZ.75")),
    ("consular_officer", Some("RU")),
    ("org_admin", Some("0193a6f0-0000-7000-8000-000000000001")),
    ("member", None),
    ("researcher", None),
    ("auditor", None),
    ("admin", None),
];

async fn actor_for(app: &TestApp, role: &str, scope: Option<&str>) -> Actor {
    let account = app.account(role, scope, true).await;
    let id: AccountId = account.id.parse().unwrap();
    let stored = app.store_account(id).await;
    Actor::new(id, stored)
}

impl TestApp {
    async fn store_account(&self, id: AccountId) -> Vec<Role> {
        use otandas_domain::accounts::AccountStore;
        self.store.get_account(id).await.unwrap().roles
    }
}

#[tokio::test]
async fn only_administrators_manage_accounts_and_only_auditors_read_the_audit_log() {
    let app = TestApp::new().await;
    for (role, scope) in ROLES {
        let actor = actor_for(&app, role, scope).await;
        let listed = app
            .accounts()
            .list_accounts(&actor, &AccountFilter::default(), &PageRequest::default())
            .await;
        assert_eq!(listed.is_ok(), role == "admin", "{role} listing accounts");
        if role != "admin" {
            assert!(matches!(listed, Err(AccountError::Forbidden)));
        }
        let input = NewAccountInput {
            email: format!("new.{role}@test.otandas.kz"),
            display_name: "Жаңа".into(),
            language: "kk".into(),
            password: "a long enough password".into(),
            role: "member".into(),
            scope: None,
        };
        let created = app.accounts().create_account(&actor, &input, None).await;
        assert_eq!(created.is_ok(), role == "admin", "{role} creating accounts");
        let audit = app
            .services
            .audit
            .list_events(
                &actor,
                &AuditFilter::default(),
                &PageRequest::default(),
                None,
            )
            .await;
        assert_eq!(
            audit.is_ok(),
            role == "auditor",
            "{role} reading the audit log"
        );
        if role != "auditor" {
            assert!(matches!(audit, Err(AuditError::Forbidden)));
        }
        let console = app.accounts().console_access(&actor);
        assert_eq!(
            console.is_ok(),
            !matches!(role, "member" | "researcher"),
            "{role} using the console"
        );
    }
}

#[tokio::test]
async fn accounts_are_readable_by_their_owner_and_administrators_only() {
    let app = TestApp::new().await;
    let member = actor_for(&app, "member", None).await;
    let other = actor_for(&app, "member", None).await;
    let admin = actor_for(&app, "admin", None).await;
    assert!(
        app.accounts()
            .get_account(&member, member.account_id, None)
            .await
            .is_ok()
    );
    assert!(matches!(
        app.accounts()
            .get_account(&other, member.account_id, None)
            .await,
        Err(AccountError::Forbidden)
    ));
    assert!(
        app.accounts()
            .get_account(&admin, member.account_id, None)
            .await
            .is_ok()
    );
    // The administrator's read is audited; the owner's own is not.
    let auditor = actor_for(&app, "auditor", None).await;
    let filter = AuditFilter {
        action: Some(AuditAction::AccountRead),
        ..AuditFilter::default()
    };
    let reads = app
        .services
        .audit
        .list_events(&auditor, &filter, &PageRequest::default(), None)
        .await
        .unwrap();
    assert_eq!(reads.items.len(), 1);
    assert_eq!(reads.items[0].actor, Some(admin.account_id));
    assert_eq!(
        reads.items[0].subject_id.as_deref(),
        Some(member.account_id.to_string().as_str())
    );
}

#[tokio::test]
async fn scoped_roles_reach_only_their_scope() {
    // The service-layer policy for data that later capabilities use: people abroad by host
    // country, home localities by org unit, organizations by id.
    let app = TestApp::new().await;
    let coordinator = actor_for(&app, "local_coordinator", Some("KZ.75")).await;
    let consul = actor_for(&app, "consular_officer", Some("RU")).await;
    let unit = |s: &str| otandas_domain::shared::OrgUnitPath::parse(s).unwrap();
    let country = |s: &str| otandas_domain::shared::CountryCode::parse(s).unwrap();
    assert!(
        authorize(
            &coordinator,
            Action::ReadPersonalData,
            &Target::home_unit(unit("KZ.75.10"))
        )
        .is_ok()
    );
    assert!(
        authorize(
            &coordinator,
            Action::ReadPersonalData,
            &Target::home_unit(unit("KZ.19"))
        )
        .is_err()
    );
    assert!(
        authorize(
            &consul,
            Action::ReadPersonalData,
            &Target::host_country(country("RU"))
        )
        .is_ok()
    );
    assert!(
        authorize(
            &consul,
            Action::ReadPersonalData,
            &Target::host_country(country("TR"))
        )
        .is_err()
    );
}

#[tokio::test]
async fn pages_and_api_follow_the_same_rules() {
    let app = TestApp::new().await;
    let cases = [
        ("member", None, "/console", StatusCode::FORBIDDEN),
        ("researcher", None, "/console", StatusCode::FORBIDDEN),
        ("auditor", None, "/console/audit", StatusCode::OK),
        ("auditor", None, "/console/accounts", StatusCode::FORBIDDEN),
        ("admin", None, "/console/accounts", StatusCode::OK),
        ("admin", None, "/console/accounts/new", StatusCode::OK),
        ("admin", None, "/console/audit", StatusCode::FORBIDDEN),
        ("central_officer", None, "/console", StatusCode::OK),
        (
            "central_officer",
            None,
            "/console/accounts",
            StatusCode::FORBIDDEN,
        ),
        (
            "consular_officer",
            Some("RU"),
            "/console/audit",
            StatusCode::FORBIDDEN,
        ),
        (
            "org_admin",
            Some("0193a6f0-0000-7000-8000-000000000001"),
            "/console/accounts/new",
            StatusCode::FORBIDDEN,
        ),
    ];
    for (role, scope, page, expected) in cases {
        let needs_code = !matches!(role, "member" | "researcher");
        let account = app.account(role, scope, needs_code).await;
        let mut browser = app.browser();
        browser.login(&account).await;
        let response = browser.get(page).await;
        assert_eq!(response.status, expected, "{role} GET {page}");
        let token = app.api_token(&account).await;
        let api = match page {
            "/console/audit" => Some("/api/v1/audit-events"),
            "/console/accounts" => Some("/api/v1/accounts"),
            _ => None,
        };
        if let Some(api) = api {
            let response = app.send(get_request(api, Some(&token))).await;
            assert_eq!(response.status, expected, "{role} GET {api}");
            if expected == StatusCode::FORBIDDEN {
                assert_eq!(response.json()["errors"][0]["code"], "forbidden");
            }
        }
    }
}

#[tokio::test]
async fn administrators_cannot_lock_themselves_out() {
    let app = TestApp::new().await;
    let admin = app.account("admin", None, true).await;
    let token = app.api_token(&admin).await;
    let own = format!("/api/v1/accounts/{}/status", admin.id);
    let response = app
        .send(json_request(
            Method::PUT,
            &own,
            Some(&token),
            &serde_json::json!({"status": "disabled"}),
        ))
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(
        response.json()["errors"][0]["code"],
        "accounts_self_disable"
    );
    let revoke = format!("/api/v1/accounts/{}/roles/revoke", admin.id);
    let response = app
        .send(json_request(
            Method::POST,
            &revoke,
            Some(&token),
            &serde_json::json!({"role": "admin"}),
        ))
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    let me = app.send(get_request("/api/v1/me", Some(&token))).await;
    assert_eq!(me.json()["status"], AccountStatus::Active.as_str());
}
