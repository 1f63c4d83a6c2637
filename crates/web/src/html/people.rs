//! The registry in the staff console: list with filters, detail, registration, editing,
//! consents recorded on paper, erasure on request. Scope, consent and field-level rules are
//! the registry service's; these handlers show what it returns.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use otandas_domain::access::Actor;
use otandas_domain::accounts::ConsoleAccess;
use otandas_domain::codes::IscoCode;
use otandas_domain::registry::{
    FieldGroup, FieldSet, PersonFilter, Purpose, RegistryError, SourceKind,
};
use otandas_domain::shared::{
    CountryCode, OrganizationId, PageRequest, PersonId, ValidationError, ValidationErrors,
};
use serde::Deserialize;

use super::person_form::{FormOptions, PersonForm};
use super::person_view::{PersonDetail, country_name, detail};
use super::util::{SelectOption, encode, page, render, see_other};
use crate::context::PageContext;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentUser, Form, Path, Query, ReqId};
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/people", get(list_people).post(create_person))
        .route("/console/people/new", get(new_person_form))
        .route("/console/people/{id}", get(show_person))
        .route(
            "/console/people/{id}/edit",
            get(edit_person_form).post(update_person),
        )
        .route("/console/people/{id}/consents", post(set_consent))
        .route("/console/people/{id}/erase", post(erase_person))
}

impl From<RegistryError> for WebError {
    fn from(error: RegistryError) -> Self {
        match error {
            RegistryError::NotFound => Self::NotFound,
            RegistryError::Forbidden => Self::Forbidden,
            RegistryError::Invalid(errors) => Self::Invalid(errors),
            RegistryError::Conflict(rule) => Self::Conflict(rule),
            RegistryError::Store(store) => store.into(),
        }
    }
}

/// Which fieldsets a form shows.
pub struct Shown {
    pub identity: bool,
    pub contacts: bool,
    pub residence: bool,
    pub legal: bool,
    pub ethnicity: bool,
    pub languages: bool,
    pub skills: bool,
    pub background: bool,
    pub provenance: bool,
    pub consents: bool,
}

impl Shown {
    /// The fieldsets of the groups in `fields`.
    pub fn of(fields: &FieldSet, provenance: bool, consents: bool) -> Self {
        Self {
            identity: fields.contains(FieldGroup::Identity),
            contacts: fields.contains(FieldGroup::Contacts),
            residence: fields.contains(FieldGroup::Residence),
            legal: fields.contains(FieldGroup::LegalStatus),
            ethnicity: fields.contains(FieldGroup::Ethnicity),
            languages: fields.contains(FieldGroup::Languages),
            skills: fields.contains(FieldGroup::Skills),
            background: fields.contains(FieldGroup::Background),
            provenance,
            consents,
        }
    }
}

/// The person form page (registration, editing, self-registration).
#[derive(Template)]
#[template(path = "people/form_page.html")]
pub struct FormPage {
    pub ctx: PageContext,
    pub console: bool,
    pub nav: ConsoleAccess,
    pub active: &'static str,
    pub title: String,
    pub action: String,
    pub submit: String,
    pub form: PersonForm,
    pub options: FormOptions,
    pub show: Shown,
    pub errors: Vec<String>,
}

/// The person detail page (console and own record).
#[derive(Template)]
#[template(path = "people/detail_page.html")]
pub struct DetailPage {
    pub ctx: PageContext,
    pub console: bool,
    pub nav: ConsoleAccess,
    pub active: &'static str,
    pub view: PersonDetail,
    pub notice: Option<String>,
    pub errors: Vec<String>,
    pub edit_href: Option<String>,
    pub consent_editable: bool,
    pub consent_action: String,
    pub erase_action: Option<String>,
    pub export_base: Option<String>,
}

/// Translated messages for every problem of a failed form.
pub fn messages(tr: &Tr, error: RegistryError) -> Result<Vec<String>, WebError> {
    match error {
        RegistryError::Invalid(errors) => Ok(errors.iter().map(|e| tr.validation(e)).collect()),
        RegistryError::Conflict(rule) => Ok(vec![tr.t(&format!("conflict-{rule}"))]),
        other => Err(other.into()),
    }
}

struct Row {
    id: String,
    name: String,
    residence: String,
    birth_year: String,
    source: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    country: String,
    region: String,
    category: String,
    occupation: String,
    language: String,
    born_from: String,
    born_until: String,
    source: String,
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "people/list_page.html")]
struct ListPage {
    ctx: PageContext,
    nav: ConsoleAccess,
    active: &'static str,
    filter: ListQuery,
    categories: Vec<SelectOption>,
    sources: Vec<SelectOption>,
    options: FormOptions,
    rows: Vec<Row>,
    next: Option<String>,
}

fn parse_filter(
    q: &ListQuery,
    profile: otandas_domain::categories::PolicyProfile,
    tr: &Tr,
) -> Result<PersonFilter, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let mut filter = PersonFilter::within(vec![], tr.language);
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    filter.residence_country = text(&q.country).and_then(|c| e.collect(CountryCode::parse(&c)));
    filter.residence_region = text(&q.region);
    filter.category = text(&q.category).and_then(|c| {
        e.collect(
            profile
                .definition(&c)
                .map(|d| d.code.to_owned())
                .ok_or(ValidationError::Unknown { field: "category" }),
        )
    });
    filter.occupation = text(&q.occupation).and_then(|o| {
        let valid = otandas_domain::codes::occupations().any(|entry| entry.code().as_ref() == o)
            || IscoCode::parse(&o).is_ok();
        e.collect(if valid {
            Ok(o)
        } else {
            Err(ValidationError::Unknown {
                field: "occupation",
            })
        })
    });
    filter.language = text(&q.language).and_then(|l| {
        e.collect(otandas_domain::codes::LanguageCode::parse(&l).map(|c| c.as_ref().to_owned()))
    });
    let year = |field: &'static str, raw: &str| -> Result<Option<i32>, ValidationError> {
        text(raw)
            .map(|y| {
                y.parse::<i32>()
                    .ok()
                    .filter(|y| (1880..=2100).contains(y))
                    .ok_or(ValidationError::Malformed { field })
            })
            .transpose()
    };
    filter.born_from = e.collect(year("born_from", &q.born_from)).flatten();
    filter.born_until = e.collect(year("born_until", &q.born_until)).flatten();
    filter.source = text(&q.source).and_then(|s| {
        e.collect(SourceKind::parse(&s).ok_or(ValidationError::Unknown {
            field: "source_kind",
        }))
    });
    e.into_result().map(|()| filter)
}

async fn list_people(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let registry = &state.services.registry;
    let filter = parse_filter(&q, registry.profile(), &ctx.tr).map_err(WebError::Invalid)?;
    let request = PageRequest::from_parts(q.after.as_deref(), None)
        .map_err(|e| WebError::Invalid(e.into()))?;
    let people = registry.list_people(&user.actor, filter, &request).await?;
    let next = people.next.as_ref().map(|key| {
        format!(
            "/console/people?country={}&region={}&category={}&occupation={}&language={}&born_from={}&born_until={}&source={}&after={}",
            encode(&q.country),
            encode(&q.region),
            encode(&q.category),
            encode(&q.occupation),
            encode(&q.language),
            encode(&q.born_from),
            encode(&q.born_until),
            encode(&q.source),
            encode(&key.encode())
        )
    });
    let rows = people
        .items
        .iter()
        .map(|p| Row {
            id: p.id.to_string(),
            name: p.display_name.clone(),
            residence: match (p.residence_country, &p.residence_city) {
                (Some(c), Some(city)) => format!("{}, {city}", country_name(&ctx.tr, c)),
                (Some(c), None) => country_name(&ctx.tr, c),
                (None, _) => "—".to_owned(),
            },
            birth_year: p.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            source: ctx.t(&format!("source-{}", p.source.as_str())),
        })
        .collect();
    let categories = registry
        .profile()
        .categories()
        .iter()
        .map(|c| SelectOption {
            value: c.code.to_owned(),
            label: ctx.t(&format!("category-{}", c.code)),
            selected: q.category == c.code,
        })
        .collect();
    let sources = SourceKind::ALL
        .iter()
        .map(|s| SelectOption {
            value: s.as_str().to_owned(),
            label: ctx.t(&format!("source-{}", s.as_str())),
            selected: q.source == s.as_str(),
        })
        .collect();
    let options = FormOptions::new(&ctx.tr);
    page(&ListPage {
        ctx,
        nav,
        active: "people",
        filter: q,
        categories,
        sources,
        options,
        rows,
        next,
    })
}

fn staff_form(
    ctx: PageContext,
    nav: ConsoleAccess,
    form: PersonForm,
    errors: Vec<String>,
) -> FormPage {
    let options = FormOptions::new(&ctx.tr);
    FormPage {
        title: ctx.t("people-new"),
        submit: ctx.t("people-register"),
        action: "/console/people".to_owned(),
        show: Shown::of(&FieldSet::all(), true, true),
        console: true,
        nav,
        active: "people",
        form,
        options,
        errors,
        ctx,
    }
}

async fn new_person_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    if !nav.people {
        return Err(WebError::Forbidden);
    }
    let form = PersonForm {
        source_kind: SourceKind::Staff.as_str().to_owned(),
        consent_registry: Some("on".to_owned()),
        ..PersonForm::default()
    };
    page(&staff_form(ctx, nav, form, vec![]))
}

async fn create_person(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let nav = state.services.accounts.console_access(&user.actor)?;
    let result = state
        .services
        .registry
        .register_person(
            &user.actor,
            &form.to_input(),
            &form.consents(),
            Some(request_id),
        )
        .await;
    match result {
        Ok(id) => Ok(see_other(&format!("/console/people/{id}?done=created"))),
        Err(error) => {
            let errors = messages(&ctx.tr, error)?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &staff_form(ctx, nav, form, errors),
            )
        }
    }
}

fn parse_id(raw: &str) -> Result<PersonId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ShowQuery {
    done: String,
}

async fn detail_page(
    state: &AppState,
    ctx: PageContext,
    actor: &Actor,
    id: PersonId,
    notice: Option<String>,
    errors: Vec<String>,
    request_id: otandas_domain::shared::RequestId,
) -> Result<DetailPage, WebError> {
    let nav = state.services.accounts.console_access(actor)?;
    let view = state
        .services
        .registry
        .view_person(actor, id, Some(request_id))
        .await?;
    let editable = !view.writable.is_empty();
    let may_erase = actor
        .roles
        .contains(&otandas_domain::access::Role::CentralOfficer);
    Ok(DetailPage {
        view: detail(&ctx.tr, &view),
        console: true,
        nav,
        active: "people",
        notice,
        errors,
        edit_href: editable.then(|| format!("/console/people/{id}/edit")),
        consent_editable: editable,
        consent_action: format!("/console/people/{id}/consents"),
        erase_action: may_erase.then(|| format!("/console/people/{id}/erase")),
        export_base: None,
        ctx,
    })
}

async fn show_person(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let notice = ["created", "updated", "consent"]
        .contains(&q.done.as_str())
        .then(|| ctx.t(&format!("notice-person-{}", q.done)));
    page(&detail_page(&state, ctx, &user.actor, id, notice, vec![], request_id).await?)
}

async fn edit_form_page(
    state: &AppState,
    ctx: PageContext,
    actor: &Actor,
    id: PersonId,
    form: Option<PersonForm>,
    errors: Vec<String>,
) -> Result<FormPage, WebError> {
    let nav = state.services.accounts.console_access(actor)?;
    let view = state.services.registry.view_person(actor, id, None).await?;
    if view.writable.is_empty() {
        return Err(WebError::Forbidden);
    }
    let form =
        form.unwrap_or_else(|| PersonForm::from_facts(&view.person.facts, view.person.version));
    let options = FormOptions::new(&ctx.tr);
    Ok(FormPage {
        title: ctx.t("person-edit"),
        submit: ctx.t("person-save"),
        action: format!("/console/people/{id}/edit"),
        show: Shown::of(&view.writable, false, false),
        console: true,
        nav,
        active: "people",
        form,
        options,
        errors,
        ctx,
    })
}

async fn edit_person_form(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    page(&edit_form_page(&state, ctx, &user.actor, id, None, vec![]).await?)
}

async fn update_person(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
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
        Ok(_) => Ok(see_other(&format!("/console/people/{id}?done=updated"))),
        Err(error) => {
            let errors = messages(&ctx.tr, error)?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &edit_form_page(&state, ctx, &user.actor, id, Some(form), errors).await?,
            )
        }
    }
}

/// A consent change as posted.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    /// The purpose kind.
    pub purpose: String,
    /// The organization, for sharing.
    pub organization: String,
    /// `true` to grant, `false` to withdraw.
    pub granted: String,
}

impl ConsentForm {
    /// The purpose and whether it is granted.
    ///
    /// # Errors
    /// A malformed form.
    pub fn parse(&self) -> Result<(Purpose, bool), WebError> {
        let organization: Option<OrganizationId> = match self.organization.trim() {
            "" => None,
            raw => Some(
                raw.parse()
                    .map_err(|_| WebError::BadRequest("organization"))?,
            ),
        };
        let purpose = Purpose::from_parts(&self.purpose, organization)
            .map_err(|e| WebError::Invalid(e.into()))?;
        let granted = match self.granted.as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(WebError::BadRequest("granted")),
        };
        Ok((purpose, granted))
    }
}

async fn set_consent(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let (purpose, granted) = form.parse()?;
    state
        .services
        .registry
        .set_consent(&user.actor, id, purpose, granted, Some(request_id))
        .await?;
    Ok(see_other(&format!("/console/people/{id}?done=consent")))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct EraseForm {
    confirm: String,
}

async fn erase_person(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Form(form): Form<EraseForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    if form.confirm != "yes" {
        let errors = vec![ctx.tr.validation(&ValidationError::Required {
            field: "erase_confirm",
        })];
        let page = detail_page(&state, ctx, &user.actor, id, None, errors, request_id).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    state
        .services
        .registry
        .erase(&user.actor, id, Some(request_id))
        .await?;
    Ok(see_other("/console/people?erased=1"))
}
