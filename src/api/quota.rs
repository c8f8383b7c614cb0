//! Quota caps and employers' applications. Thin handlers over `services::quota`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::quota::{Application, ApplicationFilter, CapFilter};
use crate::domain::quota::{self as rules, ApplicationState};
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, FieldError};
use crate::services::quota::{self as service, CapView, NewApplication, NewCap};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CapQuery {
    pub year: Option<i32>,
    /// ISO 3166-2:RU region.
    pub region: Option<String>,
    /// An ISCO-08 code or group: the caps it falls under (`7212` lists the caps of `72` and `7`).
    pub occupation: Option<String>,
}

/// The quota caps with what is granted to employers and used by placements. No account needed.
#[utoipa::path(get, path = "/api/v1/quota/caps", tag = "quota", params(CapQuery), security(()),
    responses((status = 200, body = [CapView]), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn list_caps(
    state: web::Data<AppState>,
    query: web::Query<CapQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let mut c = Check::new();
    if let Some(r) = &q.region {
        c.ru_region("region", r);
    }
    let groups = q.occupation.as_deref().map(|o| {
        let o = o.trim();
        let groups = rules::groups_of(o);
        if groups.is_empty() {
            c.push(FieldError::new("occupation", "invalid_format").with("format", "ISCO-08 code"));
        }
        groups
    });
    c.finish()?;
    let filter = CapFilter {
        year: q.year,
        region: q.region,
        groups,
    };
    Ok(HttpResponse::Ok().json(service::list_caps(&state, filter).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetCap {
    pub year: i32,
    pub region_code: String,
    /// ISCO-08 major (1 digit) or sub-major (2 digits) group.
    pub occupation_group: String,
    pub cap: i32,
    /// Why, in writing (1–2000 characters), kept in the audit trail.
    pub reason: String,
}

/// The ministry sets a cap for a year, region and occupation group, or a new figure for one;
/// never below what is already granted (409 `cap_exceeded`).
#[utoipa::path(put, path = "/api/v1/quota/caps", tag = "quota", request_body = SetCap,
    security(("bearer" = ["ministry"])),
    responses((status = 200, body = CapView), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn set_cap(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<SetCap>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = NewCap {
        year: b.year,
        region: text::clean(&b.region_code),
        group: text::clean(&b.occupation_group),
        cap: b.cap,
        reason: text::clean(&b.reason),
    };
    let cap = service::set_cap(&state, &user.caller(), input).await?;
    Ok(HttpResponse::Ok().json(cap))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationResponse {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub cap_id: Uuid,
    pub year: i32,
    pub region_code: String,
    pub occupation_code: String,
    pub workers_requested: i32,
    pub justification: String,
    /// The local-hiring evidence: the employer's vacancy for this job.
    pub vacancy_id: Uuid,
    pub state: ApplicationState,
    pub workers_granted: i32,
    /// Units approved placements use.
    pub used: i32,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Application> for ApplicationResponse {
    fn from(a: Application) -> Self {
        Self {
            state: a.state(),
            id: a.id,
            employer_id: a.employer_id,
            cap_id: a.cap_id,
            year: a.year,
            region_code: a.region_code,
            occupation_code: a.occupation_code,
            workers_requested: a.workers_requested,
            justification: a.justification,
            vacancy_id: a.vacancy_id,
            workers_granted: a.workers_granted,
            used: a.used,
            decision_reason: a.decision_reason,
            decided_at: a.decided_at,
            submitted_at: a.submitted_at,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApplication {
    pub year: i32,
    pub region_code: String,
    /// The ISCO-08 code of the job.
    pub occupation_code: String,
    pub workers_requested: i32,
    pub justification: String,
    /// The employer's vacancy for the job, published for at least 14 days without enough hires.
    pub vacancy_id: Uuid,
}

/// An employer drafts a quota application (submitted by a transition).
#[utoipa::path(post, path = "/api/v1/quota/applications", tag = "quota",
    request_body = CreateApplication, security(("bearer" = ["employer"])),
    responses((status = 201, body = ApplicationResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_application(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateApplication>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = NewApplication {
        year: b.year,
        region: text::clean(&b.region_code),
        occupation: text::clean(&b.occupation_code),
        workers: b.workers_requested,
        justification: text::clean(&b.justification),
        vacancy_id: b.vacancy_id,
    };
    let a = service::create_application(&state, &user.caller(), input).await?;
    Ok(HttpResponse::Created().json(ApplicationResponse::from(a)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ApplicationQuery {
    pub state: Option<String>,
    pub year: Option<i32>,
}

fn parse_state(field: &str, value: &str) -> AppResult<ApplicationState> {
    value.trim().parse().map_err(|()| {
        let names: Vec<&str> = ApplicationState::ALL.iter().map(|s| s.as_str()).collect();
        AppError::validation(vec![
            FieldError::new(field, "unknown_value").with("allowed", names.join(", "))
        ])
    })
}

/// Applications: an employer's own; every one for the ministry and admins. Newest first.
#[utoipa::path(get, path = "/api/v1/quota/applications", tag = "quota", params(ApplicationQuery),
    security(("bearer" = ["employer", "ministry", "admin"])),
    responses((status = 200, body = [ApplicationResponse]), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn list_applications(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ApplicationQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let filter = ApplicationFilter {
        employer: None,
        state: q
            .state
            .as_deref()
            .map(|s| parse_state("state", s))
            .transpose()?,
        year: q.year,
    };
    let rows = service::list_applications(&state, &user.principal, filter).await?;
    let body: Vec<ApplicationResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[utoipa::path(get, path = "/api/v1/quota/applications/{id}", tag = "quota",
    params(("id" = Uuid, Path)), security(("bearer" = ["employer", "ministry", "admin"])),
    responses((status = 200, body = ApplicationResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn get_application(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let a = service::get_application(&state, &user.principal, path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(ApplicationResponse::from(a)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationStep {
    /// `submitted` or `withdrawn` (the employer); `under_review`, `approved`,
    /// `partially_approved` or `rejected` (the ministry).
    pub to: String,
    /// For `partially_approved`: 1 to one less than requested (`approved` grants all).
    pub workers_granted: Option<i32>,
    /// Required for a decision (1–2000 characters).
    pub reason: Option<String>,
}

/// One step of an application. Submission runs the local-hiring test (422
/// `labour_market_test_failed`) and refuses a closed occupation (422 `occupation_closed`); a
/// grant never exceeds what is left of the cap (409 `cap_exceeded`).
#[utoipa::path(post, path = "/api/v1/quota/applications/{id}/transitions", tag = "quota",
    params(("id" = Uuid, Path)), request_body = ApplicationStep,
    security(("bearer" = ["employer", "ministry"])),
    responses((status = 200, body = ApplicationResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn step_application(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ApplicationStep>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let to = parse_state("to", &b.to)?;
    let reason = b.reason.map(|r| text::clean(&r)).filter(|r| !r.is_empty());
    let mut c = Check::new();
    if let Some(r) = &reason {
        c.text("reason", r, 1, 2000);
    }
    c.finish()?;
    let a = service::step_application(
        &state,
        &user.caller(),
        path.into_inner(),
        to,
        b.workers_granted,
        reason,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ApplicationResponse::from(a)))
}
