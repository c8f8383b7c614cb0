//! The readiness checklist and departures: parse, call `services::readiness`, answer.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::placements::PlacementDetail;
use crate::auth::AuthUser;
use crate::domain::readiness::{Item, ItemState, ItemStatus};
use crate::error::{AppError, AppResult, FieldError};
use crate::services::readiness::{self as service, ItemView, ReadinessView, RecordInput};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReadinessQuery {
    /// The departure date the items are judged on; today by default.
    pub departure: Option<NaiveDate>,
    /// The placement whose contract period counts; the person's latest approved one by default.
    pub placement_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordItem {
    /// `missing`, `ok` or `failed`.
    pub status: String,
    /// A document number or file reference that shows the check.
    pub evidence_ref: Option<String>,
    /// The day the check itself was done (today by default; not in the future).
    pub checked_on: Option<NaiveDate>,
    /// The last day the document is valid; required for an `ok` passport or insurance.
    pub valid_until: Option<NaiveDate>,
    /// `russian_test`: the CEFR level tested (A1…C2).
    pub level: Option<String>,
    /// `contract_explained`: the language it was explained in (ISO 639-1).
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReadinessItemResponse {
    /// `passport`, `medical`, `insurance`, `orientation`, `russian_test`, `reentry_ban_check`,
    /// `contract_explained`.
    pub item: Item,
    /// How the item stands on the departure date: `{"state": "ready"}`, `{"state": "missing"}`,
    /// `{"state": "failed"}`, `{"state": "expired", "until", "needed"}`,
    /// `{"state": "too_early", "checked_on", "earliest"}`, `{"state": "wrong_language",
    /// "language"}`, `{"state": "no_contract"}`.
    pub on_departure: ItemState,
    /// What was recorded (for orientation: `ok` once attended).
    pub status: ItemStatus,
    pub evidence_ref: Option<String>,
    pub checked_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub level: Option<String>,
    pub language: Option<String>,
    pub checked_by: Option<Uuid>,
    /// When it was recorded (for orientation: when the person attended).
    pub checked_at: Option<DateTime<Utc>>,
}

impl From<ItemView> for ReadinessItemResponse {
    fn from(v: ItemView) -> Self {
        let row = v.row;
        Self {
            item: v.item,
            on_departure: v.state,
            status: v.status,
            evidence_ref: row.as_ref().and_then(|r| r.evidence_ref.clone()),
            checked_on: row.as_ref().map(|r| r.checked_on),
            valid_until: row.as_ref().and_then(|r| r.valid_until),
            level: row.as_ref().and_then(|r| r.level.clone()),
            language: row.as_ref().and_then(|r| r.language.clone()),
            checked_by: row.as_ref().map(|r| r.checked_by),
            checked_at: row.as_ref().map(|r| r.checked_at).or(v.attended_at),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReadinessResponse {
    pub candidate_id: Uuid,
    pub departure: NaiveDate,
    /// Whether every item is valid on the departure date.
    pub ready: bool,
    pub placement_id: Option<Uuid>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub items: Vec<ReadinessItemResponse>,
}

impl From<ReadinessView> for ReadinessResponse {
    fn from(v: ReadinessView) -> Self {
        Self {
            candidate_id: v.candidate_id,
            departure: v.departure,
            ready: v.ready(),
            placement_id: v.placement_id,
            contract_start: v.contract.map(|c| c.start),
            contract_end: v.contract.map(|c| c.end),
            items: v.items.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartureRequest {
    /// The day the person left (today or up to 14 days back).
    pub date: NaiveDate,
}

/// A person's readiness checklist with every item's state on the departure date.
#[utoipa::path(get, path = "/api/v1/candidates/{id}/readiness", tag = "readiness",
    params(("id" = Uuid, Path), ReadinessQuery),
    security(("bearer" = ["migrant", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = ReadinessResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn get_readiness(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    query: web::Query<ReadinessQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let view = service::get_readiness(
        &state,
        &user.caller(),
        path.into_inner().into(),
        q.departure,
        q.placement_id.map(Into::into),
    )
    .await?;
    Ok(HttpResponse::Ok().json(ReadinessResponse::from(view)))
}

/// Records one item of the checklist: staff of a centre that represents the person.
/// `orientation` is refused (422): it is filled in from attendance.
#[utoipa::path(put, path = "/api/v1/candidates/{id}/readiness/{item}", tag = "readiness",
    params(("id" = Uuid, Path), ("item" = Item, Path)), request_body = RecordItem,
    security(("bearer" = ["centre"])),
    responses((status = 200, body = ReadinessItemResponse), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn record_item(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, String)>,
    body: web::Json<RecordItem>,
) -> AppResult<HttpResponse> {
    let (id, item) = path.into_inner();
    let item: Item = item.parse().map_err(|_| AppError::not_found())?;
    let b = body.into_inner();
    let status: ItemStatus = b.status.parse().map_err(|_| {
        AppError::validation(vec![
            FieldError::new("status", "unknown_value").with("allowed", "missing, ok, failed")
        ])
    })?;
    let input = RecordInput {
        status,
        evidence_ref: b.evidence_ref,
        checked_on: b.checked_on,
        valid_until: b.valid_until,
        level: b.level,
        language: b.language,
    };
    let view = service::record_item(&state, &user.caller(), id.into(), item, input).await?;
    Ok(HttpResponse::Ok().json(ReadinessItemResponse::from(view)))
}

/// Records that an approved placement's person departed: the agency that proposed or
/// represents them, or a centre that represents them. 409 `not_ready` (listing each item in
/// `missing`) unless every readiness item is valid on that date.
#[utoipa::path(post, path = "/api/v1/placements/{id}/departure", tag = "readiness",
    params(("id" = Uuid, Path)), request_body = DepartureRequest,
    security(("bearer" = ["agency", "centre"])),
    responses((status = 200, body = PlacementDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn record_departure(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<DepartureRequest>,
) -> AppResult<HttpResponse> {
    let view = service::depart(
        &state,
        &user.caller(),
        path.into_inner().into(),
        body.into_inner().date,
    )
    .await?;
    Ok(HttpResponse::Ok().json(PlacementDetail::from(view)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCohort {
    /// The day the cohort leaves; it is confirmed on that day (or up to 14 days later).
    pub departure_date: NaiveDate,
    /// How the cohort travels (flight, train, bus; number and time).
    pub transport: String,
    /// Who accompanies it.
    pub escort: Option<String>,
    /// Approved placements of people the centre represents.
    pub placement_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CohortMember {
    pub placement_id: Uuid,
    /// Once confirmed: `departed`, or the problem code that kept the placement behind
    /// (`not_ready`, `invalid_transition`, …).
    pub outcome: Option<String>,
    /// For `not_ready`: each item missing or not valid on the departure date.
    #[schema(value_type = Option<Vec<crate::error::NotReadyItem>>)]
    pub missing: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CohortResponse {
    pub id: Uuid,
    pub centre_id: Uuid,
    pub departure_date: NaiveDate,
    pub transport: String,
    pub escort: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub confirmed_by: Option<Uuid>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub placements: Vec<CohortMember>,
}

impl From<service::CohortView> for CohortResponse {
    fn from(v: service::CohortView) -> Self {
        let c = v.cohort;
        Self {
            id: c.id,
            centre_id: c.centre_id,
            departure_date: c.departure_date,
            transport: c.transport,
            escort: c.escort,
            created_by: c.created_by,
            created_at: c.created_at,
            confirmed_by: c.confirmed_by,
            confirmed_at: c.confirmed_at,
            placements: v
                .members
                .into_iter()
                .map(|m| CohortMember {
                    placement_id: m.placement_id,
                    outcome: m.outcome,
                    missing: m.missing,
                })
                .collect(),
        }
    }
}

/// A centre groups approved placements of people it represents into a departure cohort.
#[utoipa::path(post, path = "/api/v1/cohorts", tag = "readiness", request_body = CreateCohort,
    security(("bearer" = ["centre"])),
    responses((status = 201, body = CohortResponse), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_cohort(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateCohort>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = service::NewCohort {
        departure_date: b.departure_date,
        transport: b.transport,
        escort: b.escort,
        placements: b.placement_ids.into_iter().map(Into::into).collect(),
    };
    let view = service::create_cohort(&state, &user.caller(), input).await?;
    Ok(HttpResponse::Created().json(CohortResponse::from(view)))
}

/// A cohort: its own centre, the ministry and admins.
#[utoipa::path(get, path = "/api/v1/cohorts/{id}", tag = "readiness", params(("id" = Uuid, Path)),
    security(("bearer" = ["centre", "ministry", "admin"])),
    responses((status = 200, body = CohortResponse), (status = 404, body = crate::error::Problem)))]
pub async fn get_cohort(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let view = service::get_cohort(&state, &user.caller(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CohortResponse::from(view)))
}

/// Confirms the cohort: departs each ready placement and says, per placement, which stayed
/// behind and why. All or nothing on an unexpected error; once only (409 `conflict`).
#[utoipa::path(post, path = "/api/v1/cohorts/{id}/confirmation", tag = "readiness",
    params(("id" = Uuid, Path)), security(("bearer" = ["centre"])),
    responses((status = 200, body = CohortResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn confirm_cohort(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let view = service::confirm_cohort(&state, &user.caller(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CohortResponse::from(view)))
}
