//! Vacancies: an employer drafts, publishes, pauses and closes its own; published, unexpired
//! vacancies are public; drafts and paused ones are seen only by their employer.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::vacancy::Vacancy;
use crate::domain::vacancy::{VacancyPatch, VacancyStatus, VacancyTerms};
use crate::domain::validate::Check;
use crate::domain::verify::{Kind, VerifyCode};
use crate::error::{AppError, AppResult, FieldError};
use crate::services::vacancies::{self as service, VacancyListing};
use crate::services::verify;
use crate::state::AppState;

/// The body of `POST /vacancies`.
pub type CreateVacancy = VacancyTerms;
/// The body of `PATCH /vacancies/{id}`.
pub type UpdateVacancy = VacancyPatch;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeStatus {
    /// `published`, `paused`, `filled` or `closed`.
    pub status: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct VacancyQuery {
    /// ISO 3166-2:RU.
    pub region: Option<String>,
    /// ISCO-08 unit group.
    pub occupation: Option<String>,
    /// Any status for the employer's own vacancies (with `employer_id`); others see `published`.
    pub status: Option<String>,
    pub employer_id: Option<Uuid>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancyResponse {
    pub id: Uuid,
    pub employer_id: Uuid,
    #[serde(flatten)]
    pub terms: VacancyTerms,
    /// Positions that approved placements hold, and those still open.
    pub positions_filled: i32,
    pub positions_left: i32,
    /// As of today: a listed vacancy past its expiry date reads `expired` before the sweep.
    pub status: VacancyStatus,
    pub published_at: Option<DateTime<Utc>>,
    /// The public verification code (`GET /api/v1/verify/{code}`), given when the vacancy is
    /// first published; `null` before.
    #[schema(value_type = Option<String>, example = "V-7K2M-9QXP")]
    pub verify_code: Option<VerifyCode>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Vacancy> for VacancyResponse {
    fn from(v: Vacancy) -> Self {
        Self {
            id: v.id,
            employer_id: v.employer_id,
            terms: v.terms(),
            positions_filled: v.positions_filled,
            positions_left: v.positions_left(),
            status: v.status().effective(v.expires_on, Utc::now().date_naive()),
            published_at: v.published_at,
            verify_code: None,
            version: v.version,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

impl VacancyResponse {
    /// The response with the vacancy's verification code from `codes`, if it has one.
    pub fn with_code(v: Vacancy, codes: &HashMap<Uuid, VerifyCode>) -> Self {
        let verify_code = codes.get(&v.id).copied();
        Self {
            verify_code,
            ..Self::from(v)
        }
    }
}

/// The verification codes of those of `rows` that were ever published.
async fn codes_of(state: &AppState, rows: &[Vacancy]) -> AppResult<HashMap<Uuid, VerifyCode>> {
    let ids = rows
        .iter()
        .filter(|v| v.published_at.is_some())
        .map(|v| v.id)
        .collect();
    verify::codes(state, Kind::Vacancy, ids).await
}

/// One vacancy's response, with its verification code.
async fn respond(state: &AppState, v: Vacancy) -> AppResult<VacancyResponse> {
    let codes = codes_of(state, std::slice::from_ref(&v)).await?;
    Ok(VacancyResponse::with_code(v, &codes))
}

fn parse_status(field: &str, value: &str, allowed: &[VacancyStatus]) -> AppResult<VacancyStatus> {
    value
        .parse::<VacancyStatus>()
        .ok()
        .filter(|s| allowed.contains(s))
        .ok_or_else(|| {
            AppError::validation(vec![FieldError::new(field, "unknown_value")
                .with("allowed", VacancyStatus::names(allowed).join(", "))])
        })
}

/// Creates a draft vacancy for the caller's employer.
#[utoipa::path(post, path = "/api/v1/vacancies", tag = "vacancies", request_body = VacancyTerms,
    security(("bearer" = ["employer"])),
    responses((status = 201, body = VacancyResponse), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_vacancy(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateVacancy>,
) -> AppResult<HttpResponse> {
    let created = service::create_vacancy(&state, &user.caller(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(VacancyResponse::from(created)))
}

/// Published, unexpired vacancies, newest first, with filters; employers also list their own in
/// any status (`employer_id` = their employer).
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies", params(VacancyQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = Page<VacancyResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list_vacancies(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    query: web::Query<VacancyQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let paging = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (limit, cursor) = (paging.limit()?, paging.uuid_cursor()?);
    let mut c = Check::new();
    if let Some(r) = &q.region {
        c.ru_region("region", r);
    }
    if let Some(o) = &q.occupation {
        c.occupation("occupation", o);
    }
    c.finish()?;
    let listing = VacancyListing {
        region: q.region,
        occupation: q.occupation,
        status: q
            .status
            .map(|s| parse_status("status", &s, &VacancyStatus::ALL))
            .transpose()?,
        employer: q.employer_id.map(Into::into),
    };
    let viewer = user.as_ref().map(|u| u.principal);
    let rows = service::list_vacancies(&state, viewer.as_ref(), listing, cursor, limit).await?;
    let codes = codes_of(&state, &rows).await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |v| v.id.to_string(),
        |v| VacancyResponse::with_code(v, &codes),
    )))
}

/// A vacancy with its employer as a migrant should see it before trusting the offer: who it
/// is and its public record (placements and what they became, upheld complaints, whether new
/// placements are refused now).
#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyDetail {
    #[serde(flatten)]
    pub vacancy: VacancyResponse,
    pub employer: crate::services::records::EmployerSummary,
}

/// One vacancy with its employer's public record: public once published and unexpired;
/// otherwise only its employer and overseers see it.
#[utoipa::path(get, path = "/api/v1/vacancies/{id}", tag = "vacancies", params(("id" = Uuid, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = VacancyDetail), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn get_vacancy(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let viewer = user.as_ref().map(|u| u.principal);
    let (v, employer) =
        service::vacancy_with_employer(&state, viewer.as_ref(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(VacancyDetail {
        vacancy: respond(&state, v).await?,
        employer,
    }))
}

/// Edits the caller's vacancy (not once it is filled or closed).
#[utoipa::path(patch, path = "/api/v1/vacancies/{id}", tag = "vacancies", params(("id" = Uuid, Path)),
    request_body = VacancyPatch, security(("bearer" = ["employer"])),
    responses((status = 200, body = VacancyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_vacancy(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateVacancy>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner().into();
    let updated = service::update_vacancy(&state, &user.caller(), id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(respond(&state, updated).await?))
}

/// Publishes, pauses, marks filled or closes the caller's vacancy.
#[utoipa::path(post, path = "/api/v1/vacancies/{id}/status", tag = "vacancies", params(("id" = Uuid, Path)),
    request_body = ChangeStatus, security(("bearer" = ["employer"])),
    responses((status = 200, body = VacancyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_vacancy_status(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ChangeStatus>,
) -> AppResult<HttpResponse> {
    let to = parse_status("status", &body.status, &VacancyStatus::REQUESTABLE)?;
    let id = path.into_inner().into();
    let updated = service::change_status(&state, &user.caller(), id, to).await?;
    Ok(HttpResponse::Ok().json(respond(&state, updated).await?))
}
