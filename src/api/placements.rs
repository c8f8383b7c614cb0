//! Placements: applications, proposals and invitations, and their steps. Thin handlers over
//! `services::placements`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::placement::{Placement, PlacementEvent, PlacementFilter};
use crate::domain::placement::{Origin, PlacementState};
use crate::error::AppResult;
use crate::services::placements::{self as service, NewPlacement, PlacementView};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlacement {
    pub vacancy_id: Uuid,
    /// The candidate to propose (agency) or invite (employer); a migrant applies with their own
    /// profile and may leave it out.
    pub candidate_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// The next state: `shortlisted`, `offered`, `rejected` (with a reason), `withdrawn`;
    /// `approved`/`rejected` for the ministry at review; `arrived`, `employed`, `completed`,
    /// `terminated` (with a reason) after departure.
    pub to: String,
    /// Why; required for `rejected`, `approved` and `terminated`.
    pub reason: Option<String>,
    /// The day of arrival, of the start of work (`employed`) or of the end; today by default.
    pub date: Option<NaiveDate>,
    /// How an employment ended early: `by_employer`, `by_worker` or `by_agreement`.
    pub termination: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlacementQuery {
    /// Only placements in this state.
    pub state: Option<String>,
    /// Only placements on this vacancy.
    pub vacancy: Option<Uuid>,
    /// Only placements of this candidate profile.
    pub candidate: Option<Uuid>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementResponse {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub candidate_id: Uuid,
    pub origin: Origin,
    pub proposed_by_agency: Option<Uuid>,
    pub state: PlacementState,
    /// The reason given with the last step.
    pub reason: Option<String>,
    pub arrived_on: Option<NaiveDate>,
    pub employment_start: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// How an employment ended early.
    pub termination: Option<String>,
    /// Why the candidate and the vacancy fit (the search explanation).
    #[schema(value_type = Object)]
    pub match_explanation: serde_json::Value,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Placement> for PlacementResponse {
    fn from(p: Placement) -> Self {
        Self {
            id: p.id,
            vacancy_id: p.vacancy_id,
            candidate_id: p.candidate_id,
            origin: p.origin(),
            proposed_by_agency: p.proposed_by_agency,
            state: p.state(),
            reason: p.reason,
            arrived_on: p.arrived_on,
            employment_start: p.employment_start,
            ended_on: p.ended_on,
            termination: p.termination,
            match_explanation: p.match_explanation,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEvent {
    /// The state before the step; none for the step that began the placement.
    pub from: Option<PlacementState>,
    pub state: PlacementState,
    /// `migrant`, `employer`, `agency`, `ministry`, `admin` or `system`.
    pub actor_role: String,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

impl From<PlacementEvent> for TimelineEvent {
    fn from(e: PlacementEvent) -> Self {
        Self {
            from: e.from_state.and_then(|s| s.parse().ok()),
            state: e.to_state.parse().unwrap_or(PlacementState::Withdrawn),
            actor_role: e.actor_role,
            at: e.at,
            reason: e.reason,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementDetail {
    #[serde(flatten)]
    pub placement: PlacementResponse,
    /// The states this caller may move the placement to now.
    pub allowed_next: Vec<PlacementState>,
    /// Every step, oldest first.
    pub timeline: Vec<TimelineEvent>,
}

impl From<PlacementView> for PlacementDetail {
    fn from(v: PlacementView) -> Self {
        Self {
            placement: v.placement.into(),
            allowed_next: v.allowed_next,
            timeline: v.timeline.into_iter().map(Into::into).collect(),
        }
    }
}

/// A migrant applies to a published vacancy, an agency proposes a candidate it represents, an
/// employer invites a candidate it found.
#[utoipa::path(post, path = "/api/v1/placements", tag = "placements", request_body = CreatePlacement,
    security(("bearer" = ["migrant", "employer", "agency"])),
    responses((status = 201, body = PlacementDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_placement(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreatePlacement>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let input = NewPlacement {
        vacancy: body.vacancy_id.into(),
        candidate: body.candidate_id.map(Into::into),
    };
    let created = service::create_placement(&state, &user.caller(), input).await?;
    Ok(HttpResponse::Created().json(PlacementDetail::from(created)))
}

/// The placements the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/placements", tag = "placements", params(PlacementQuery),
    security(("bearer" = ["migrant", "employer", "agency", "ministry", "admin"])),
    responses((status = 200, body = Page<PlacementResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list_placements(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<PlacementQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let paging = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (limit, cursor) = (paging.limit()?, paging.uuid_cursor()?);
    let filter = PlacementFilter {
        state: q
            .state
            .map(|s| s.parse().map_err(|_| service::unknown_state("state")))
            .transpose()?,
        vacancy_id: q.vacancy,
        candidate_id: q.candidate,
    };
    let rows = service::list_placements(&state, &user.caller(), filter, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |p| p.id.to_string(),
        PlacementResponse::from,
    )))
}

/// One placement with its full timeline and the steps the caller may take.
#[utoipa::path(get, path = "/api/v1/placements/{id}", tag = "placements", params(("id" = Uuid, Path)),
    security(("bearer" = ["migrant", "employer", "agency", "ministry", "admin"])),
    responses((status = 200, body = PlacementDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn get_placement(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let view = service::get_placement(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(PlacementDetail::from(view)))
}

/// Takes one step: the employer shortlists, offers or rejects; the candidate withdraws. A step
/// the caller may not take is 409 `invalid_transition` with the `allowed` next states.
#[utoipa::path(post, path = "/api/v1/placements/{id}/transitions", tag = "placements",
    params(("id" = Uuid, Path)), request_body = TransitionRequest,
    security(("bearer" = ["migrant", "employer", "agency", "ministry"])),
    responses((status = 200, body = PlacementDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn transition_placement(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<TransitionRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let to: PlacementState = body.to.parse().map_err(|_| service::unknown_state("to"))?;
    let id = path.into_inner().into();
    let details = service::StepDetails {
        date: body.date,
        termination: body
            .termination
            .as_deref()
            .map(crate::services::aftercare::parse_termination)
            .transpose()?,
    };
    let view = service::transition(&state, &user.caller(), id, to, body.reason, details).await?;
    Ok(HttpResponse::Ok().json(PlacementDetail::from(view)))
}
