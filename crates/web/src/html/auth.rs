//! The login flow: password, then the second factor (or its enrolment) for staff, and logout.
//! Every step rotates the session; a failure re-renders the form with a translated message.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use otandas_domain::accounts::{AccountError, SessionStage};
use serde::Deserialize;

use super::util::{page, render, see_other, see_other_with_session};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Client, Ctx, Form, Query, ReqId, Sess};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route(
            "/login/second-factor",
            get(second_factor_form).post(second_factor),
        )
        .route("/login/enrol", get(enrol_form).post(enrol))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "auth/login_page.html")]
struct LoginPage {
    ctx: PageContext,
    email: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/second_factor_page.html")]
struct SecondFactorPage {
    ctx: PageContext,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/enrol_page.html")]
struct EnrolPage {
    ctx: PageContext,
    secret: String,
    uri: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct LoginQuery {
    #[serde(default)]
    expired: Option<String>,
    #[serde(default)]
    verified: Option<String>,
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

fn home_for(stage: SessionStage, staff: bool) -> &'static str {
    match stage {
        SessionStage::AwaitingSecondFactor => "/login/second-factor",
        SessionStage::EnrollingSecondFactor => "/login/enrol",
        SessionStage::Active if staff => "/console",
        SessionStage::Active => "/me",
    }
}

async fn login_form(
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    if let Some(auth) = session.auth {
        return Ok(see_other(home_for(
            SessionStage::Active,
            auth.actor.is_staff(),
        )));
    }
    let error = q
        .expired
        .map(|_| ctx.t("login-expired"))
        .or_else(|| q.verified.map(|_| ctx.t("signup-verified")));
    page(&LoginPage {
        ctx,
        email: String::new(),
        error,
    })
}

async fn login(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    Client(client): Client,
    ReqId(request_id): ReqId,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let outcome = state
        .services
        .accounts
        .login(
            &form.email,
            &form.password,
            &client,
            session.token.as_ref(),
            Some(request_id),
        )
        .await;
    let (status, key) = match outcome {
        Ok(outcome) => {
            let to = home_for(outcome.stage, false);
            return Ok(see_other_with_session(
                to,
                Some(&outcome.token),
                state.config.secure_cookies,
            ));
        }
        Err(AccountError::InvalidCredentials) => (StatusCode::UNAUTHORIZED, "login-invalid"),
        Err(AccountError::Throttled) => (StatusCode::TOO_MANY_REQUESTS, "login-throttled"),
        Err(AccountError::Unverified) => (StatusCode::FORBIDDEN, "login-unverified"),
        Err(other) => return Err(other.into()),
    };
    let error = Some(ctx.t(key));
    render(
        status,
        &LoginPage {
            ctx,
            email: form.email,
            error,
        },
    )
}

async fn second_factor_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
) -> Result<Response, WebError> {
    let Some(token) = session.token else {
        return Ok(see_other("/login"));
    };
    match state.services.accounts.pending_session(&token).await {
        Ok(s) if s.stage == SessionStage::AwaitingSecondFactor => {
            page(&SecondFactorPage { ctx, error: None })
        }
        Ok(s) => Ok(see_other(home_for(s.stage, true))),
        Err(AccountError::Unauthenticated) => Ok(see_other("/login")),
        Err(other) => Err(other.into()),
    }
}

async fn second_factor(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    ReqId(request_id): ReqId,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let Some(token) = session.token else {
        return Ok(see_other("/login"));
    };
    match state
        .services
        .accounts
        .verify_second_factor(&token, &form.code, Some(request_id))
        .await
    {
        Ok(new_token) => Ok(see_other_with_session(
            "/console",
            Some(&new_token),
            state.config.secure_cookies,
        )),
        Err(AccountError::InvalidCode) => {
            let error = Some(ctx.t("second-factor-invalid"));
            render(StatusCode::UNAUTHORIZED, &SecondFactorPage { ctx, error })
        }
        Err(AccountError::Throttled) => {
            let error = Some(ctx.t("login-throttled"));
            render(
                StatusCode::TOO_MANY_REQUESTS,
                &LoginPage {
                    ctx,
                    email: String::new(),
                    error,
                },
            )
        }
        Err(AccountError::Unauthenticated | AccountError::WrongStage) => Ok(see_other("/login")),
        Err(other) => Err(other.into()),
    }
}

async fn enrol_page(
    state: &AppState,
    ctx: PageContext,
    token: &otandas_domain::accounts::SessionToken,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    match state.services.accounts.begin_enrolment(token).await {
        Ok(enrolment) => render(
            status,
            &EnrolPage {
                ctx,
                secret: enrolment.secret,
                uri: enrolment.uri,
                error,
            },
        ),
        Err(AccountError::Unauthenticated | AccountError::WrongStage) => Ok(see_other("/login")),
        Err(other) => Err(other.into()),
    }
}

async fn enrol_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
) -> Result<Response, WebError> {
    let Some(token) = session.token else {
        return Ok(see_other("/login"));
    };
    enrol_page(&state, ctx, &token, None, StatusCode::OK).await
}

async fn enrol(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Sess(session): Sess,
    ReqId(request_id): ReqId,
    Form(form): Form<CodeForm>,
) -> Result<Response, WebError> {
    let Some(token) = session.token else {
        return Ok(see_other("/login"));
    };
    match state
        .services
        .accounts
        .confirm_enrolment(&token, &form.code, Some(request_id))
        .await
    {
        Ok(new_token) => Ok(see_other_with_session(
            "/console",
            Some(&new_token),
            state.config.secure_cookies,
        )),
        Err(AccountError::InvalidCode) => {
            let error = Some(ctx.t("second-factor-invalid"));
            enrol_page(&state, ctx, &token, error, StatusCode::UNAUTHORIZED).await
        }
        Err(AccountError::Throttled) => {
            let error = Some(ctx.t("login-throttled"));
            render(
                StatusCode::TOO_MANY_REQUESTS,
                &LoginPage {
                    ctx,
                    email: String::new(),
                    error,
                },
            )
        }
        Err(AccountError::Unauthenticated | AccountError::WrongStage) => Ok(see_other("/login")),
        Err(other) => Err(other.into()),
    }
}

async fn logout(
    State(state): State<AppState>,
    Sess(session): Sess,
    ReqId(request_id): ReqId,
) -> Result<Response, WebError> {
    if let Some(token) = session.token {
        state
            .services
            .accounts
            .logout(&token, Some(request_id))
            .await?;
    }
    Ok(see_other_with_session(
        "/",
        None,
        state.config.secure_cookies,
    ))
}
