//! The registry in the API: list, register, read, correct, consents; a member's own record,
//! export and erasure. The same service calls as the pages, so the same rules.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use otandas_domain::categories::{
    Citizenship, Determination, EthnicityAnswer, KandasStatus, Permanence,
};
use otandas_domain::registry::{
    CitizenshipInput, LanguageInput, NameInput, PersonInput, PersonView, Purpose, SourceKind,
    ethnic_group_code,
};
use otandas_domain::shared::{
    CountryCode, Language, OrganizationId, PageRequest, PersonId, ValidationError, ValidationErrors,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::WebError;
use crate::export;
use crate::extract::{Ctx, CurrentUser, Json, Path, Query, ReqId};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/people", get(list_people).post(create_person))
        .route("/api/v1/people/{id}", get(show_person).put(update_person))
        .route("/api/v1/people/{id}/consents", post(set_consent))
        .route(
            "/api/v1/me/person",
            get(show_own).post(register_self).delete(erase_own),
        )
        .route("/api/v1/me/person/export", get(export_own))
}

/// A name variant.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct NameDto {
    given: String,
    family: String,
    patronymic: String,
    /// ISO 15924 (`Cyrl`, `Latn`, `Arab`…).
    script: String,
    /// `kazakh_cyrillic`, `kazakh_latin_2021`, `passport`, `arabic_kazakh`, `chinese`,
    /// `mongolian_cyrillic`, `turkish`, `uzbek_latin`, `uzbek_cyrillic`, `russian`, `other`.
    source: String,
}

/// A citizenship period.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct CitizenshipDto {
    country: String,
    from: String,
    until: String,
}

/// A language.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct LanguageDto {
    code: String,
    /// `native`, `fluent`, `intermediate`, `basic`.
    proficiency: String,
}

/// A person record, as written or read. On reading, fields the caller may not see are empty.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct PersonDto {
    names: Vec<NameDto>,
    sex: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    birth_date: String,
    birth_country: String,
    birth_entity: String,
    birth_place: String,
    citizenships: Vec<CitizenshipDto>,
    stateless: bool,
    /// Ethnic group codes (optional; never required).
    ethnicity: Vec<String>,
    ethnicity_prefer_not_to_say: bool,
    languages: Vec<LanguageDto>,
    residence_country: String,
    residence_region: String,
    residence_city: String,
    residence_since: String,
    /// `permanent` or `temporary`.
    residence_permanence: String,
    marital_status: String,
    /// ISCED 2011 level.
    education: String,
    /// ISCO-08 code.
    occupation: String,
    /// ISIC Rev.4 code.
    sector: String,
    employment: String,
    qualifications: Vec<String>,
    email: String,
    phone: String,
    /// Home locality (org unit path, e.g. KZ.75.10).
    hometown: String,
    /// `held`, `not_held` or empty.
    kandas: String,
    kandas_granted: String,
    kandas_valid_until: String,
    kandas_revoked: String,
    /// `consulate`, `association`, `import`, `staff` (registration by staff).
    source_kind: String,
    source_key: String,
}

impl PersonDto {
    fn to_input(&self) -> PersonInput {
        PersonInput {
            names: self
                .names
                .iter()
                .map(|n| NameInput {
                    given: n.given.clone(),
                    family: n.family.clone(),
                    patronymic: n.patronymic.clone(),
                    script: n.script.clone(),
                    source: n.source.clone(),
                })
                .collect(),
            sex: self.sex.clone(),
            birth_date: self.birth_date.clone(),
            birth_country: self.birth_country.clone(),
            birth_entity: self.birth_entity.clone(),
            birth_place: self.birth_place.clone(),
            citizenships: self
                .citizenships
                .iter()
                .map(|c| CitizenshipInput {
                    country: c.country.clone(),
                    from: c.from.clone(),
                    until: c.until.clone(),
                })
                .collect(),
            stateless: self.stateless,
            ethnicity: self.ethnicity.clone(),
            ethnicity_prefer_not_to_say: self.ethnicity_prefer_not_to_say,
            languages: self
                .languages
                .iter()
                .map(|l| LanguageInput {
                    code: l.code.clone(),
                    proficiency: l.proficiency.clone(),
                })
                .collect(),
            residence_country: self.residence_country.clone(),
            residence_region: self.residence_region.clone(),
            residence_city: self.residence_city.clone(),
            residence_since: self.residence_since.clone(),
            residence_permanence: self.residence_permanence.clone(),
            marital_status: self.marital_status.clone(),
            education: self.education.clone(),
            occupation: self.occupation.clone(),
            sector: self.sector.clone(),
            employment: self.employment.clone(),
            qualifications: self.qualifications.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            hometown: self.hometown.clone(),
            kandas: self.kandas.clone(),
            kandas_granted: self.kandas_granted.clone(),
            kandas_valid_until: self.kandas_valid_until.clone(),
            kandas_revoked: self.kandas_revoked.clone(),
            source_kind: self.source_kind.clone(),
            source_key: self.source_key.clone(),
        }
    }

    fn from_view(view: &PersonView) -> Self {
        let f = &view.person.facts;
        let date = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let (stateless, periods) = match &f.citizenship {
            Citizenship::Unknown => (false, vec![]),
            Citizenship::History(p) => (false, p.clone()),
            Citizenship::Stateless { former } => (true, former.clone()),
        };
        let (ethnicity, prefer_not) = match &f.ethnicity {
            EthnicityAnswer::NotAsked => (vec![], false),
            EthnicityAnswer::PreferNotToSay => (vec![], true),
            EthnicityAnswer::Groups(g) => (
                g.iter().map(|g| ethnic_group_code(g).to_owned()).collect(),
                false,
            ),
        };
        let (kandas, granted, until, revoked) = match &f.kandas {
            KandasStatus::Unknown => (String::new(), None, None, None),
            KandasStatus::NotHeld => ("not_held".to_owned(), None, None, None),
            KandasStatus::Held(g) => (
                "held".to_owned(),
                Some(g.granted()),
                g.valid_until(),
                g.revoked(),
            ),
        };
        let r = f.residence.as_ref();
        Self {
            names: f
                .names
                .iter()
                .map(|n| NameDto {
                    given: n.given.clone(),
                    family: n.family.clone(),
                    patronymic: n.patronymic.clone().unwrap_or_default(),
                    script: n.script.as_ref().to_owned(),
                    source: n.source.as_str().to_owned(),
                })
                .collect(),
            sex: f.sex.map(|s| s.as_str().to_owned()).unwrap_or_default(),
            birth_date: f.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            birth_country: f.birth_country.map(|c| c.to_string()).unwrap_or_default(),
            birth_entity: f
                .birth_entity
                .map(|e| e.as_ref().to_owned())
                .unwrap_or_default(),
            birth_place: f.birth_place.clone().unwrap_or_default(),
            citizenships: periods
                .iter()
                .map(|p| CitizenshipDto {
                    country: p.country().to_string(),
                    from: date(p.from()),
                    until: date(p.until()),
                })
                .collect(),
            stateless,
            ethnicity,
            ethnicity_prefer_not_to_say: prefer_not,
            languages: f
                .languages
                .iter()
                .map(|l| LanguageDto {
                    code: l.language.as_ref().to_owned(),
                    proficiency: l.proficiency.as_str().to_owned(),
                })
                .collect(),
            residence_country: r.map(|r| r.country.to_string()).unwrap_or_default(),
            residence_region: r.and_then(|r| r.region.clone()).unwrap_or_default(),
            residence_city: r.and_then(|r| r.city.clone()).unwrap_or_default(),
            residence_since: date(r.and_then(|r| r.since)),
            residence_permanence: match r.and_then(|r| r.permanence) {
                Some(Permanence::Permanent) => "permanent".to_owned(),
                Some(Permanence::Temporary) => "temporary".to_owned(),
                None => String::new(),
            },
            marital_status: f
                .marital_status
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            education: f
                .education
                .map(|e| e.as_ref().to_owned())
                .unwrap_or_default(),
            occupation: f
                .occupation
                .map(|o| o.as_ref().to_owned())
                .unwrap_or_default(),
            sector: f.sector.map(|s| s.as_ref().to_owned()).unwrap_or_default(),
            employment: f
                .employment
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            qualifications: f.qualifications.clone(),
            email: f
                .email
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            phone: f.phone.clone().unwrap_or_default(),
            hometown: f
                .hometown
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            kandas,
            kandas_granted: date(granted),
            kandas_valid_until: date(until),
            kandas_revoked: date(revoked),
            source_kind: view.person.source.kind.as_str().to_owned(),
            source_key: view.person.source.key.clone().unwrap_or_default(),
        }
    }
}

/// A person as the caller may see them.
#[derive(Serialize, ToSchema)]
pub struct PersonRead {
    id: String,
    version: i64,
    /// The field groups shown (`identity`, `contacts`, `residence`, `legal_status`,
    /// `ethnicity`, `languages`, `skills`, `background`, `provenance`).
    fields: Vec<&'static str>,
    /// The field groups the caller may change.
    writable: Vec<&'static str>,
    record: PersonDto,
    /// Legal categories that apply or are undetermined (with `legal_status` only).
    categories: Vec<CategoryDto>,
    /// Purposes currently consented to.
    consents: Vec<String>,
}

/// A legal category finding.
#[derive(Serialize, ToSchema)]
pub struct CategoryDto {
    code: &'static str,
    /// `applies` or `undetermined`.
    determination: &'static str,
    /// The facts that would decide an undetermined category.
    missing: Vec<&'static str>,
    legal_basis: Option<&'static str>,
}

fn purpose_name(p: Purpose) -> String {
    match p.organization() {
        Some(org) => format!("{}:{org}", p.kind()),
        None => p.kind().to_owned(),
    }
}

impl From<&PersonView> for PersonRead {
    fn from(view: &PersonView) -> Self {
        Self {
            id: view.person.id.to_string(),
            version: view.person.version,
            fields: view.fields.groups().iter().map(|g| g.as_str()).collect(),
            writable: view.writable.groups().iter().map(|g| g.as_str()).collect(),
            record: PersonDto::from_view(view),
            categories: view
                .categories
                .iter()
                .filter_map(|c| match &c.determination {
                    Determination::Applies => Some(CategoryDto {
                        code: c.code,
                        determination: "applies",
                        missing: vec![],
                        legal_basis: c.legal_basis,
                    }),
                    Determination::Undetermined { missing } => Some(CategoryDto {
                        code: c.code,
                        determination: "undetermined",
                        missing: missing.iter().map(|m| m.code()).collect(),
                        legal_basis: c.legal_basis,
                    }),
                    Determination::DoesNotApply => None,
                })
                .collect(),
            consents: view
                .consents
                .granted()
                .into_iter()
                .map(purpose_name)
                .collect(),
        }
    }
}

/// A new person with the consents given.
#[derive(Deserialize, ToSchema)]
pub struct NewPersonRequest {
    record: PersonDto,
    /// Purposes consented to; `registry` is required.
    consents: Vec<String>,
}

fn parse_purposes(raw: &[String]) -> Result<Vec<Purpose>, WebError> {
    raw.iter()
        .map(|p| {
            let (kind, org) = match p.split_once(':') {
                Some((kind, org)) => (
                    kind,
                    Some(org.parse::<OrganizationId>().map_err(|_| {
                        WebError::Invalid(
                            ValidationError::Malformed {
                                field: "organization",
                            }
                            .into(),
                        )
                    })?),
                ),
                None => (p.as_str(), None),
            };
            Purpose::from_parts(kind, org).map_err(|e| WebError::Invalid(e.into()))
        })
        .collect()
}

/// The created record's id.
#[derive(Serialize, ToSchema)]
pub struct Created {
    id: String,
}

/// Registers a person (staff within their scope; the person's registry consent is required).
#[utoipa::path(post, path = "/api/v1/people", tag = "registry", request_body = NewPersonRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = Created), (status = 403, body = super::ErrorEnvelope), (status = 409, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn create_person(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Json(body): Json<NewPersonRequest>,
) -> Result<Response, WebError> {
    let consents = parse_purposes(&body.consents)?;
    let id = state
        .services
        .registry
        .register_person(
            &user.actor,
            &body.record.to_input(),
            &consents,
            Some(request_id),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Created { id: id.to_string() }),
    )
        .into_response())
}

/// List filters.
#[derive(Deserialize, IntoParams, Default)]
#[serde(default)]
pub struct ListParams {
    /// Country of residence.
    country: Option<String>,
    /// Region of residence.
    region: Option<String>,
    /// A legal category that applies.
    category: Option<String>,
    /// ISCO-08 code or prefix.
    occupation: Option<String>,
    /// A language spoken.
    language: Option<String>,
    /// Born in or after.
    born_from: Option<i32>,
    /// Born in or before.
    born_until: Option<i32>,
    /// Record source.
    source: Option<String>,
    /// Alphabet of the order (`kk`, `ru`, `uz`, `en`); default: the caller's language.
    order: Option<String>,
    /// Paging key.
    after: Option<String>,
    /// Page size.
    limit: Option<u32>,
}

/// One row of the list.
#[derive(Serialize, ToSchema)]
pub struct PersonRow {
    id: String,
    display_name: String,
    residence_country: Option<String>,
    residence_city: Option<String>,
    birth_year: Option<i32>,
    source: &'static str,
}

/// A page of people.
#[derive(Serialize, ToSchema)]
pub struct PersonList {
    items: Vec<PersonRow>,
    next: Option<String>,
}

/// People in the caller's scope, filtered, alphabetical.
#[utoipa::path(get, path = "/api/v1/people", tag = "registry", params(ListParams),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = PersonList), (status = 403, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn list_people(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    CurrentUser(user): CurrentUser,
    Query(p): Query<ListParams>,
) -> Result<axum::Json<PersonList>, WebError> {
    let mut e = ValidationErrors::new();
    let registry = &state.services.registry;
    let order = match p.order.as_deref() {
        None | Some("") => Some(ctx.tr.language),
        Some(tag) => {
            e.collect(Language::from_tag(tag).ok_or(ValidationError::Unknown { field: "order" }))
        }
    };
    let mut filter =
        otandas_domain::registry::PersonFilter::within(vec![], order.unwrap_or(Language::En));
    filter.residence_country = p
        .country
        .as_deref()
        .filter(|c| !c.is_empty())
        .and_then(|c| e.collect(CountryCode::parse(c)));
    filter.residence_region = p.region.clone().filter(|r| !r.trim().is_empty());
    filter.category = p
        .category
        .as_deref()
        .filter(|c| !c.is_empty())
        .and_then(|c| {
            e.collect(
                registry
                    .profile()
                    .definition(c)
                    .map(|d| d.code.to_owned())
                    .ok_or(ValidationError::Unknown { field: "category" }),
            )
        });
    filter.occupation = p.occupation.clone().filter(|o| !o.trim().is_empty());
    filter.language = p.language.clone().filter(|l| !l.trim().is_empty());
    filter.born_from = p.born_from;
    filter.born_until = p.born_until;
    filter.source = p.source.as_deref().filter(|s| !s.is_empty()).and_then(|s| {
        e.collect(SourceKind::parse(s).ok_or(ValidationError::Unknown {
            field: "source_kind",
        }))
    });
    let page = e.collect(PageRequest::from_parts(p.after.as_deref(), p.limit));
    e.clone().into_result().map_err(WebError::Invalid)?;
    let people = registry
        .list_people(&user.actor, filter, &page.unwrap_or_default())
        .await?;
    Ok(axum::Json(PersonList {
        items: people
            .items
            .iter()
            .map(|p| PersonRow {
                id: p.id.to_string(),
                display_name: p.display_name.clone(),
                residence_country: p.residence_country.map(|c| c.to_string()),
                residence_city: p.residence_city.clone(),
                birth_year: p.birth_year,
                source: p.source.as_str(),
            })
            .collect(),
        next: people.next.map(|k| k.encode()),
    }))
}

fn parse_id(raw: &str) -> Result<PersonId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// One person, limited to the fields the caller may see (reading sensitive fields is audited).
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "registry", params(("id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = PersonRead), (status = 404, body = super::ErrorEnvelope)))]
pub async fn show_person(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
) -> Result<axum::Json<PersonRead>, WebError> {
    let view = state
        .services
        .registry
        .view_person(&user.actor, parse_id(&id)?, Some(request_id))
        .await?;
    Ok(axum::Json(PersonRead::from(&view)))
}

/// A correction: the whole record as it should be, and the version it is based on. Only the
/// field groups the caller may write are taken.
#[derive(Deserialize, ToSchema)]
pub struct UpdateRequest {
    version: i64,
    record: PersonDto,
}

/// The new version.
#[derive(Serialize, ToSchema)]
pub struct Updated {
    version: i64,
}

/// Corrects a person's record (optimistic concurrency by version).
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "registry", params(("id" = String, Path)), request_body = UpdateRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = Updated), (status = 409, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn update_person(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Json(body): Json<UpdateRequest>,
) -> Result<axum::Json<Updated>, WebError> {
    let version = state
        .services
        .registry
        .update_person(
            &user.actor,
            parse_id(&id)?,
            body.version,
            &body.record.to_input(),
            Some(request_id),
        )
        .await?;
    Ok(axum::Json(Updated { version }))
}

/// A consent change.
#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// `registry`, `contact_by_agency`, `matching`, `statistics`, or
    /// `share_with_organization:<organization id>`.
    purpose: String,
    granted: bool,
}

/// Records a consent given or withdrawn; a withdrawal is in force at once.
#[utoipa::path(post, path = "/api/v1/people/{id}/consents", tag = "registry", params(("id" = String, Path)), request_body = ConsentRequest,
    security(("bearer" = []), ("session_cookie" = [])), responses((status = 204), (status = 404, body = super::ErrorEnvelope)))]
pub async fn set_consent(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Path(id): Path<String>,
    Json(body): Json<ConsentRequest>,
) -> Result<StatusCode, WebError> {
    let purpose = parse_purposes(std::slice::from_ref(&body.purpose))?
        .into_iter()
        .next()
        .ok_or(WebError::BadRequest("purpose"))?;
    state
        .services
        .registry
        .set_consent(
            &user.actor,
            parse_id(&id)?,
            purpose,
            body.granted,
            Some(request_id),
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own record.
#[utoipa::path(get, path = "/api/v1/me/person", tag = "registry", security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = PersonRead), (status = 404, body = super::ErrorEnvelope)))]
pub async fn show_own(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
) -> Result<axum::Json<PersonRead>, WebError> {
    let id = state
        .services
        .registry
        .own_record(&user.actor)
        .await?
        .ok_or(WebError::NotFound)?;
    let view = state
        .services
        .registry
        .view_person(&user.actor, id, Some(request_id))
        .await?;
    Ok(axum::Json(PersonRead::from(&view)))
}

/// Self-registration of the signed-in member.
#[utoipa::path(post, path = "/api/v1/me/person", tag = "registry", request_body = NewPersonRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = Created), (status = 409, body = super::ErrorEnvelope), (status = 422, body = super::ErrorEnvelope)))]
pub async fn register_self(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
    Json(body): Json<NewPersonRequest>,
) -> Result<Response, WebError> {
    let consents = parse_purposes(&body.consents)?;
    let id = state
        .services
        .registry
        .register_self(
            &user.actor,
            &body.record.to_input(),
            &consents,
            Some(request_id),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Created { id: id.to_string() }),
    )
        .into_response())
}

/// Everything held about the caller: record, categories, consent history, access log.
#[utoipa::path(get, path = "/api/v1/me/person/export", tag = "registry", security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, description = "The export (JSON)"), (status = 404, body = super::ErrorEnvelope)))]
pub async fn export_own(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
) -> Result<Response, WebError> {
    let data = state
        .services
        .registry
        .export_own(&user.actor, Some(request_id))
        .await?;
    Ok(axum::Json(export::json(&data)).into_response())
}

/// Erases the caller's own record.
#[utoipa::path(delete, path = "/api/v1/me/person", tag = "registry", security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 204), (status = 404, body = super::ErrorEnvelope)))]
pub async fn erase_own(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ReqId(request_id): ReqId,
) -> Result<StatusCode, WebError> {
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
    Ok(StatusCode::NO_CONTENT)
}
