//! Self-registration on the public portal: email and name first; the emailed link proves the
//! mailbox and only then is a password chosen. The page after the request says the same
//! whether or not the email already had an account (no account enumeration); the email tells
//! the mailbox's owner which case it was.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use otandas_domain::accounts::{AccountError, SignupInput, SignupOutcome};
use otandas_domain::shared::Language;
use serde::Deserialize;

use super::util::{SelectOption, encode, page, render, see_other};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Client, Ctx, Form, Query, ReqId};
use crate::i18n::Tr;
use crate::mail::OutgoingMail;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_form).post(request_signup))
        .route("/signup/complete", get(complete_form).post(complete_signup))
}

#[derive(Template)]
#[template(path = "signup/request_page.html")]
struct RequestPage {
    ctx: PageContext,
    email: String,
    display_name: String,
    languages: Vec<SelectOption>,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "signup/sent_page.html")]
struct SentPage {
    ctx: PageContext,
}

#[derive(Template)]
#[template(path = "signup/complete_page.html")]
struct CompletePage {
    ctx: PageContext,
    token: String,
    errors: Vec<String>,
}

fn languages(tr: &Tr, chosen: Option<Language>) -> Vec<SelectOption> {
    let chosen = chosen.unwrap_or(tr.language);
    Language::ALL
        .into_iter()
        .map(|l| SelectOption {
            value: l.tag().to_owned(),
            label: tr.t(&format!("language-{}", l.tag())),
            selected: l == chosen,
        })
        .collect()
}

async fn signup_form(Ctx(ctx): Ctx) -> Result<Response, WebError> {
    let languages = languages(&ctx.tr, None);
    page(&RequestPage {
        ctx,
        email: String::new(),
        display_name: String::new(),
        languages,
        errors: vec![],
    })
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SignupForm {
    email: String,
    display_name: String,
    language: String,
}

async fn request_signup(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Client(client): Client,
    ReqId(request_id): ReqId,
    Form(form): Form<SignupForm>,
) -> Result<Response, WebError> {
    let input = SignupInput {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        language: form.language.clone(),
    };
    let outcome = match state
        .services
        .accounts
        .request_signup(&input, &client, Some(request_id))
        .await
    {
        Ok(outcome) => outcome,
        Err(error @ (AccountError::Invalid(_) | AccountError::Throttled)) => {
            let (status, errors) = match error {
                AccountError::Invalid(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errors.iter().map(|e| ctx.tr.validation(e)).collect(),
                ),
                _ => (
                    StatusCode::TOO_MANY_REQUESTS,
                    vec![ctx.t("login-throttled")],
                ),
            };
            let languages = languages(&ctx.tr, Language::from_tag(&form.language));
            return render(
                status,
                &RequestPage {
                    ctx,
                    email: form.email,
                    display_name: form.display_name,
                    languages,
                    errors,
                },
            );
        }
        Err(other) => return Err(other.into()),
    };
    let base = state.config.public_url.trim_end_matches('/');
    let mail = match outcome {
        SignupOutcome::Verify {
            token,
            email,
            language,
        } => {
            let tr = Tr::new(state.catalog.clone(), language);
            let link = format!("{base}/signup/complete?token={}", encode(token.as_ref()));
            OutgoingMail {
                to: email.to_string(),
                subject: tr.t("mail-verify-subject"),
                body: tr.t1("mail-verify-body", "link", link),
            }
        }
        SignupOutcome::AlreadyRegistered { email, language } => {
            let tr = Tr::new(state.catalog.clone(), language);
            OutgoingMail {
                to: email.to_string(),
                subject: tr.t("mail-exists-subject"),
                body: tr.t1("mail-exists-body", "link", format!("{base}/login")),
            }
        }
    };
    if let Err(cause) = state.mailer.send(mail).await {
        return Err(WebError::Internal(format!("sending mail: {cause}")));
    }
    page(&SentPage { ctx })
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TokenQuery {
    token: String,
}

async fn complete_form(Ctx(ctx): Ctx, Query(q): Query<TokenQuery>) -> Result<Response, WebError> {
    if q.token.is_empty() {
        return Err(WebError::NotFound);
    }
    page(&CompletePage {
        ctx,
        token: q.token,
        errors: vec![],
    })
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CompleteForm {
    token: String,
    password: String,
    confirm: String,
}

async fn complete_signup(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ReqId(request_id): ReqId,
    Form(form): Form<CompleteForm>,
) -> Result<Response, WebError> {
    let result = state
        .services
        .accounts
        .complete_signup(&form.token, &form.password, &form.confirm, Some(request_id))
        .await;
    let (status, errors) = match result {
        Ok(_) => return Ok(see_other("/login?verified=1")),
        Err(AccountError::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors.iter().map(|e| ctx.tr.validation(e)).collect(),
        ),
        Err(AccountError::InvalidCode) => (StatusCode::GONE, vec![ctx.t("signup-link-invalid")]),
        Err(other) => return Err(other.into()),
    };
    render(
        status,
        &CompletePage {
            ctx,
            token: form.token,
            errors,
        },
    )
}
