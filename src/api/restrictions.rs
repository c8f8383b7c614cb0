//! Employer restrictions and the policy behind them. Thin handlers over
//! `services::restrictions`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::restriction::{Policy, Restriction};
use crate::error::AppResult;
use crate::services::restrictions as service;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RestrictionResponse {
    pub id: Uuid,
    pub employer_id: Uuid,
    /// `unpaid_wages_upheld`, `repeated_bad_followups` or `ministry_decision`.
    pub cause: String,
    pub detail: String,
    pub imposed_at: DateTime<Utc>,
    pub active: bool,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lift_reason: Option<String>,
}

impl From<Restriction> for RestrictionResponse {
    fn from(r: Restriction) -> Self {
        Self {
            active: r.lifted_at.is_none(),
            id: r.id,
            employer_id: r.employer_id,
            cause: r.cause,
            detail: r.detail,
            imposed_at: r.imposed_at,
            lifted_at: r.lifted_at,
            lift_reason: r.lift_reason,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PolicyResponse {
    pub key: String,
    pub value: i32,
    pub reason: String,
    pub updated_at: DateTime<Utc>,
}

impl From<Policy> for PolicyResponse {
    fn from(p: Policy) -> Self {
        Self {
            key: p.key,
            value: p.value,
            reason: p.reason,
            updated_at: p.updated_at,
        }
    }
}

/// An employer's restrictions, newest first: its own staff, the ministry, admins.
#[utoipa::path(get, path = "/api/v1/employers/{id}/restrictions", tag = "employers",
    params(("id" = Uuid, Path)), security(("bearer" = ["employer", "ministry", "admin"])),
    responses((status = 200, body = Vec<RestrictionResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let rows = service::list(&state, &user.caller(), path.into_inner()).await?;
    let body: Vec<RestrictionResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Restrict {
    /// Why, in writing.
    pub detail: String,
}

/// The ministry restricts an employer by its own decision.
#[utoipa::path(post, path = "/api/v1/employers/{id}/restrictions", tag = "employers",
    params(("id" = Uuid, Path)), request_body = Restrict, security(("bearer" = ["ministry"])),
    responses((status = 201, body = RestrictionResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn restrict(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<Restrict>,
) -> AppResult<HttpResponse> {
    let r = service::restrict(
        &state,
        &user.caller(),
        path.into_inner(),
        body.into_inner().detail,
    )
    .await?;
    Ok(HttpResponse::Created().json(RestrictionResponse::from(r)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Lift {
    pub reason: String,
}

/// The ministry lifts a restriction with a written reason.
#[utoipa::path(post, path = "/api/v1/employers/{id}/restrictions/{restriction_id}/lift",
    tag = "employers", params(("id" = Uuid, Path), ("restriction_id" = Uuid, Path)),
    request_body = Lift, security(("bearer" = ["ministry"])),
    responses((status = 200, body = RestrictionResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn lift(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<Lift>,
) -> AppResult<HttpResponse> {
    let (employer, id) = path.into_inner();
    let r = service::lift(
        &state,
        &user.caller(),
        employer,
        id,
        body.into_inner().reason,
    )
    .await?;
    Ok(HttpResponse::Ok().json(RestrictionResponse::from(r)))
}

/// The consequence policies in force.
#[utoipa::path(get, path = "/api/v1/policies", tag = "employers",
    security(("bearer" = ["ministry", "admin"])),
    responses((status = 200, body = Vec<PolicyResponse>), (status = 403, body = crate::error::Problem)))]
pub async fn policies(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let rows = service::policies(&state).await?;
    let body: Vec<PolicyResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPolicy {
    pub value: i32,
    pub reason: String,
}

/// The ministry changes a policy, with a reason; the change is audited.
#[utoipa::path(put, path = "/api/v1/policies/{key}", tag = "employers",
    params(("key" = String, Path)), request_body = SetPolicy, security(("bearer" = ["ministry"])),
    responses((status = 200, body = PolicyResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn set_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<SetPolicy>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let p =
        service::set_policy(&state, &user.caller(), path.into_inner(), b.value, b.reason).await?;
    Ok(HttpResponse::Ok().json(PolicyResponse::from(p)))
}
