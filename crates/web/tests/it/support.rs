//! `TestApp`: the real application over a fresh SQLite database with a manual clock, and a
//! tiny cookie-keeping browser.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use otandas_domain::Services;
use otandas_domain::accounts::{
    AccountService, AuthConfig, NewAccountInput, TotpSecret, totp_code,
};
use otandas_domain::shared::{Clock, ManualClock};
use otandas_store_sqlite::SqliteStore;
use otandas_web::{AppState, WebConfig};
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub router: Router,
    pub services: Services,
    pub clock: Arc<ManualClock>,
    pub store: Arc<SqliteStore>,
    dir: PathBuf,
    counter: AtomicU32,
    pub mailer: Arc<RecordingMailer>,
}

/// Keeps every message "sent", for the tests to read.
#[derive(Default)]
pub struct RecordingMailer(std::sync::Mutex<Vec<otandas_web::mail::OutgoingMail>>);

impl RecordingMailer {
    pub fn sent(&self) -> Vec<otandas_web::mail::OutgoingMail> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait::async_trait]
impl otandas_web::mail::Mailer for RecordingMailer {
    async fn send(&self, mail: otandas_web::mail::OutgoingMail) -> Result<(), String> {
        self.0.lock().unwrap().push(mail);
        Ok(())
    }
}

pub struct TestAccount {
    pub id: String,
    pub email: String,
    pub secret: Option<TotpSecret>,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_config(WebConfig::default()).await
    }

    pub async fn with_config(config: WebConfig) -> Self {
        let dir =
            std::env::temp_dir().join(format!("otandas-web-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("test.db").display());
        let store = Arc::new(SqliteStore::connect(&url).await.unwrap());
        store.migrate().await.unwrap();
        let clock = Arc::new(ManualClock::new(OffsetDateTime::now_utc()));
        let services = Services::new(
            store.clone(),
            clock.clone(),
            AuthConfig::default(),
            otandas_domain::categories::PolicyProfile::Kazakhstan,
        );
        let mailer = Arc::new(RecordingMailer::default());
        let state = AppState::new(services.clone(), config, mailer.clone()).unwrap();
        Self {
            router: otandas_web::app(state),
            services,
            clock,
            store,
            dir,
            counter: AtomicU32::new(0),
            mailer,
        }
    }

    pub fn accounts(&self) -> &AccountService {
        &self.services.accounts
    }

    /// An account with one role; staff get a second factor enrolled unless `totp` is false.
    pub async fn account(&self, role: &str, scope: Option<&str>, totp: bool) -> TestAccount {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let input = NewAccountInput {
            email: format!("{role}.{n}@test.otandas.kz"),
            display_name: format!("Тест {role} {n}"),
            language: "en".into(),
            password: PASSWORD.into(),
            role: role.into(),
            scope: scope.map(Into::into),
        };
        let (account, secret) = self
            .accounts()
            .bootstrap_account(&input, totp)
            .await
            .unwrap();
        TestAccount {
            id: account.id.to_string(),
            email: account.email.to_string(),
            secret,
        }
    }

    /// The current TOTP code; moves the clock a step on so that no code is used twice.
    pub fn code(&self, secret: &TotpSecret) -> String {
        self.clock.advance(Duration::seconds(30));
        totp_code(secret, self.clock.now().unix_timestamp().div_euclid(30))
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: HashMap::new(),
            accept_language: None,
        }
    }

    /// Signs in through the JSON API (with the second factor if the account has one): a bearer token.
    pub async fn api_token(&self, account: &TestAccount) -> String {
        let body = serde_json::json!({"email": account.email, "password": PASSWORD});
        let response = self
            .send(json_request(Method::POST, "/api/v1/sessions", None, &body))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
        let token = response.json()["token"].as_str().unwrap().to_owned();
        let Some(secret) = &account.secret else {
            return token;
        };
        let body = serde_json::json!({"code": self.code(secret)});
        let response = self
            .send(json_request(
                Method::POST,
                "/api/v1/sessions/second-factor",
                Some(&token),
                &body,
            ))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
        response.json()["token"].as_str().unwrap().to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn json_request(
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: &serde_json::Value,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

pub fn get_request(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    builder.body(Body::empty()).unwrap()
}

/// The value of the first `name="csrf"` hidden input of a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no csrf field in page: {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc = |s: &str| {
                s.bytes()
                    .map(|b| {
                        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                            char::from(b).to_string()
                        } else {
                            format!("%{b:02X}")
                        }
                    })
                    .collect::<String>()
            };
            format!("{}={}", enc(k), enc(v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Keeps cookies between requests, as a browser does.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub cookies: HashMap<String, String>,
    pub accept_language: Option<String>,
}

impl Browser<'_> {
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, response: &TestResponse) {
        for cookie in response.set_cookies() {
            let pair = cookie.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if cookie.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn request(
        &mut self,
        method: Method,
        uri: &str,
        body: Option<String>,
    ) -> TestResponse {
        let mut builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, self.cookie_header());
        if let Some(lang) = &self.accept_language {
            builder = builder.header(header::ACCEPT_LANGUAGE, lang);
        }
        let request = match body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
            None => builder.body(Body::empty()).unwrap(),
        };
        let response = self.app.send(request).await;
        self.keep_cookies(&response);
        response
    }

    pub async fn get(&mut self, uri: &str) -> TestResponse {
        self.request(Method::GET, uri, None).await
    }

    /// Posts a form as-is (the caller supplies the csrf field, or not).
    pub async fn post_raw(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.request(Method::POST, uri, Some(form_encode(fields)))
            .await
    }

    /// Loads `page`, then posts `fields` to `action` with the page's anti-CSRF token.
    pub async fn submit(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let form = self.get(page).await;
        let csrf = csrf_of(&form.body);
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    /// Signs in through the pages, with the second factor when the account has one.
    pub async fn login(&mut self, account: &TestAccount) -> TestResponse {
        let response = self
            .submit(
                "/login",
                "/login",
                &[("email", &account.email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        let Some(secret) = &account.secret else {
            return response;
        };
        assert_eq!(response.location(), "/login/second-factor");
        let code = self.app.code(secret);
        let response = self
            .submit(
                "/login/second-factor",
                "/login/second-factor",
                &[("code", &code)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        assert_eq!(response.location(), "/console");
        response
    }
}
