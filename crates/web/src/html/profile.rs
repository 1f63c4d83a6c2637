//! A member's own record on the public portal: register themselves (with the consents they
//! choose), see and correct it, change consents in one click, export everything held about
//! them (JSON or CSV, with consent history and who accessed it) and have it erased.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use otandas_domain::access::Actor;
use otandas_domain::accounts::{Authenticated, ConsoleAccess};
use otandas_domain::registry::{FieldSet, RegistryError};
use otandas_domain::shared::{RequestId, ValidationError};
use serde::Deserialize;

use super::people::{ConsentForm, DetailPage, FormPage, Shown, messages};
use super::person_form::{FormOptions, PersonForm};
use super::person_view::detail;
use super::util::{page, render, see_other};
use crate::context::PageContext;
use crate::error::WebError;
use crate::export;
use crate::extract::{Ctx, CurrentUser, Form, Query, ReqId};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/profile", get(show_profile).post(register))
        .route("/me/profile/edit", get(edit_form).post(update))
        .route("/me/profile/consents", post(set_consent))
        .route("/me/profile/erase", post(erase))
        .route("/me/profile/export.json", get(export_json))
        .route("/me/profile/export.csv", get(export_csv))
}

const NO_CONSOLE: ConsoleAccess = ConsoleAccess {
    accounts: false,
    audit: false,
    people: false,
};

fn registration_form(ctx: PageContext, form: PersonForm, errors: Vec<String>) -> FormPage {
    let options = FormOptions::new(&ctx.tr);
    FormPage {
        title: ctx.t("profile-register"),
        submit: ctx.t("profile-register-submit"),
        action: "/me/profile".to_owned(),
        show: Shown::of(&FieldSet::all(), false, true),
        console: false,
        nav: NO_CONSOLE,
        active: "",
        form,
        options,
        errors,
        ctx,
    }
}

async fn own_page(
    state: &AppState,
    ctx: PageContext,
    user: &Authenticated,
    notice: Option<String>,
    errors: Vec<String>,
    request_id: RequestId,
) -> Result<Response, WebError> {
    let actor = &user.actor;
    let Some(id) = state.services.registry.own_record(actor).await? else {
        // The account's email and language are the natural first answers; the person may change them.
        let form = PersonForm {
            consent_registry: Some("on".to_owned()),
            email: user.account.email.to_string(),
            ..PersonForm::default()
        };
        return page(&registration_form(ctx, form, vec![]));
    };
    let view = state
        .services
        .registry
        .view_person(actor, id, Some(request_id))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &DetailPage {
            view: detail(&ctx.tr, &view),
            console: false,
            nav: NO_CONSOLE,
            active: "",
            notice,
            errors,
            edit_href: Some("/me/profile/edit".to_owned()),
            consent_editable: true,
            consent_action: "/me/profile/consents".to_owned(),
            erase_action: Some("/me/profile/erase".to_owned()),
            export_base: Some("/me/profile/export".to_owned()),
            ctx,
        },
    )
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ProfileQuery {
    done: String,
}

async fn show_profile(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Query(q): Query<ProfileQuery>,
) -> Result<Response, WebError> {
    let notice = ["registered", "updated", "consent"]
        .contains(&q.done.as_str())
        .then(|| ctx.t(&format!("notice-profile-{}", q.done)));
    own_page(&state, ctx, &user, notice, vec![], request_id).await
}

async fn register(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    match state
        .services
        .registry
        .register_self(
            &user.actor,
            &form.to_input(),
            &form.consents(),
            Some(request_id),
        )
        .await
    {
        Ok(_) => Ok(see_other("/me/profile?done=registered")),
        Err(error) => {
            let errors = messages(&ctx.tr, error)?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &registration_form(ctx, form, errors),
            )
        }
    }
}

async fn edit_page(
    state: &AppState,
    ctx: PageContext,
    actor: &Actor,
    form: Option<PersonForm>,
    errors: Vec<String>,
) -> Result<FormPage, WebError> {
    let id = state
        .services
        .registry
        .own_record(actor)
        .await?
        .ok_or(WebError::NotFound)?;
    let view = state.services.registry.view_person(actor, id, None).await?;
    let form =
        form.unwrap_or_else(|| PersonForm::from_facts(&view.person.facts, view.person.version));
    let options = FormOptions::new(&ctx.tr);
    Ok(FormPage {
        title: ctx.t("person-edit"),
        submit: ctx.t("person-save"),
        action: "/me/profile/edit".to_owned(),
        show: Shown::of(&view.writable, false, false),
        console: false,
        nav: NO_CONSOLE,
        active: "",
        form,
        options,
        errors,
        ctx,
    })
}

async fn edit_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    page(&edit_page(&state, ctx, &user.actor, None, vec![]).await?)
}

async fn update(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let id = state
        .services
        .registry
        .own_record(&user.actor)
        .await?
        .ok_or(WebError::NotFound)?;
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest("version"))?;
    match state
        .services
        .registry
        .update_person(&user.actor, id, version, &form.to_input(), Some(request_id))
        .await
    {
        Ok(_) => Ok(see_other("/me/profile?done=updated")),
        Err(error) => {
            let errors = messages(&ctx.tr, error)?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &edit_page(&state, ctx, &user.actor, Some(form), errors).await?,
            )
        }
    }
}

async fn set_consent(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<ConsentForm>,
) -> Result<Response, WebError> {
    let id = state
        .services
        .registry
        .own_record(&user.actor)
        .await?
        .ok_or(WebError::NotFound)?;
    let (purpose, granted) = form.parse()?;
    state
        .services
        .registry
        .set_consent(&user.actor, id, purpose, granted, Some(request_id))
        .await?;
    Ok(see_other("/me/profile?done=consent"))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct EraseForm {
    confirm: String,
}

async fn erase(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<EraseForm>,
) -> Result<Response, WebError> {
    if form.confirm != "yes" {
        let errors = vec![ctx.tr.validation(&ValidationError::Required {
            field: "erase_confirm",
        })];
        return own_page(&state, ctx, &user, None, errors, request_id).await;
    }
    let id = state
        .services
        .registry
        .own_record(&user.actor)
        .await?
        .ok_or(WebError::NotFound)?;
    state
        .services
        .registry
        .erase(&user.actor, id, Some(request_id))
        .await?;
    Ok(see_other("/me?erased=1"))
}

async fn export_json(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
) -> Result<Response, WebError> {
    let data = state
        .services
        .registry
        .export_own(&user.actor, Some(request_id))
        .await
        .map_err(|e| match e {
            RegistryError::NotFound => WebError::NotFound,
            other => other.into(),
        })?;
    Ok((
        [(
            CONTENT_DISPOSITION,
            "attachment; filename=\"otandas-my-data.json\"",
        )],
        axum::Json(export::json(&data)),
    )
        .into_response())
}

async fn export_csv(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
) -> Result<Response, WebError> {
    let data = state
        .services
        .registry
        .export_own(&user.actor, Some(request_id))
        .await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"otandas-my-data.csv\"",
            ),
        ],
        export::csv(&data),
    )
        .into_response())
}
