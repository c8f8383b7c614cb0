//! Quota policy: exemptions by citizenship and closed occupations. Public to read, edited by the
//! ministry. Thin handlers over `services::quota_policy`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::quota_policy::{ClosedOccupation, QuotaExemption};
use crate::error::AppResult;
use crate::services::quota_policy::{self as service, ClosureFilter, NewClosure};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExemptionResponse {
    /// ISO 3166-1 alpha-2: citizens of this country need no quota.
    pub country: String,
    pub reason: String,
    /// The act the exemption rests on.
    pub legal_source: String,
    pub updated_at: DateTime<Utc>,
}

impl From<QuotaExemption> for ExemptionResponse {
    fn from(e: QuotaExemption) -> Self {
        Self {
            country: e.country,
            reason: e.reason,
            legal_source: e.legal_source,
            updated_at: e.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClosedOccupationResponse {
    pub id: Uuid,
    pub year: i32,
    /// ISO 3166-2:RU; `null` is all of Russia.
    pub region: Option<String>,
    /// ISCO-08 unit group, or a group prefix covering every code under it.
    pub occupation: String,
    pub reason: String,
    /// The act that closes it.
    pub legal_source: String,
    pub created_at: DateTime<Utc>,
    pub active: bool,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lift_reason: Option<String>,
}

impl From<ClosedOccupation> for ClosedOccupationResponse {
    fn from(c: ClosedOccupation) -> Self {
        Self {
            active: c.lifted_at.is_none(),
            id: c.id,
            year: c.year,
            region: c.region,
            occupation: c.occupation,
            reason: c.reason,
            legal_source: c.legal_source,
            created_at: c.created_at,
            lifted_at: c.lifted_at,
            lift_reason: c.lift_reason,
        }
    }
}

/// The countries whose citizens need no quota (by default the EAEU members and Russia).
#[utoipa::path(get, path = "/api/v1/quota/exemptions", tag = "quota",
    responses((status = 200, body = Vec<ExemptionResponse>)))]
pub async fn list_exemptions(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let rows = service::exemptions(&state).await?;
    let body: Vec<ExemptionResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetExemption {
    /// Why its citizens need no quota (also the reason for the change).
    pub reason: String,
    pub legal_source: String,
}

/// The ministry exempts a country's citizens from the quota, or restates why; audited.
#[utoipa::path(put, path = "/api/v1/quota/exemptions/{country}", tag = "quota",
    params(("country" = String, Path, description = "ISO 3166-1 alpha-2")),
    request_body = SetExemption, security(("bearer" = ["ministry"])),
    responses((status = 200, body = ExemptionResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_exemption(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<SetExemption>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let e = service::set_exemption(
        &state,
        &user.caller(),
        path.into_inner(),
        b.reason,
        b.legal_source,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ExemptionResponse::from(e)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RemoveExemption {
    /// Why the exemption ends (required).
    pub reason: Option<String>,
}

/// The ministry ends a country's exemption: its citizens need a quota from then on; audited.
/// Russia's own cannot be removed (409).
#[utoipa::path(delete, path = "/api/v1/quota/exemptions/{country}", tag = "quota",
    params(("country" = String, Path, description = "ISO 3166-1 alpha-2"), RemoveExemption),
    security(("bearer" = ["ministry"])),
    responses((status = 204), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn remove_exemption(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    query: web::Query<RemoveExemption>,
) -> AppResult<HttpResponse> {
    service::remove_exemption(
        &state,
        &user.caller(),
        path.into_inner(),
        query.into_inner().reason,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ClosureQuery {
    pub year: Option<i32>,
    /// ISO 3166-2:RU: the closures that apply there (its own and the federal ones).
    pub region: Option<String>,
    /// ISCO-08 code or group prefix: closures of it, under it, or of a group containing it.
    pub occupation: Option<String>,
    /// `true`: only those in force; `false`: only lifted ones; absent: both.
    pub active: Option<bool>,
}

/// Occupations closed to foreign workers, by year and region, oldest first.
#[utoipa::path(get, path = "/api/v1/quota/closed-occupations", tag = "quota", params(ClosureQuery),
    responses((status = 200, body = Vec<ClosedOccupationResponse>),
        (status = 400, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list_closures(
    state: web::Data<AppState>,
    query: web::Query<ClosureQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let rows = service::closures(
        &state,
        ClosureFilter {
            year: q.year,
            region: q.region,
            occupation: q.occupation,
            active: q.active,
        },
    )
    .await?;
    let body: Vec<ClosedOccupationResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseOccupation {
    /// From last year up to two years ahead.
    pub year: i32,
    /// ISO 3166-2:RU; absent or `null`: all of Russia.
    #[serde(default)]
    pub region: Option<String>,
    /// ISCO-08 unit group, or a group prefix (1–3 digits) closing every code under it.
    pub occupation: String,
    pub reason: String,
    pub legal_source: String,
}

/// The ministry closes an occupation to foreign workers for a year and region; audited. An
/// identical closure already in force is 409 `conflict`.
#[utoipa::path(post, path = "/api/v1/quota/closed-occupations", tag = "quota",
    request_body = CloseOccupation, security(("bearer" = ["ministry"])),
    responses((status = 201, body = ClosedOccupationResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn close_occupation(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CloseOccupation>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let c = service::close_occupation(
        &state,
        &user.caller(),
        NewClosure {
            year: b.year,
            region: b.region,
            occupation: b.occupation,
            reason: b.reason,
            legal_source: b.legal_source,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(ClosedOccupationResponse::from(c)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LiftClosure {
    pub reason: String,
}

/// The ministry lifts a closure with a written reason; it stays listed as lifted. Lifting it
/// again is 409 `invalid_transition`.
#[utoipa::path(post, path = "/api/v1/quota/closed-occupations/{id}/lift", tag = "quota",
    params(("id" = Uuid, Path)), request_body = LiftClosure, security(("bearer" = ["ministry"])),
    responses((status = 200, body = ClosedOccupationResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn lift_closure(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<LiftClosure>,
) -> AppResult<HttpResponse> {
    let c = service::lift_closure(
        &state,
        &user.caller(),
        path.into_inner(),
        body.into_inner().reason,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ClosedOccupationResponse::from(c)))
}
