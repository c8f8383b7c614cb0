//! Complaints against employers and agencies, and the ministry's triage. Thin handlers over
//! `services::complaints`, which has already cut each complaint to what the caller may see.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::domain::complaint::{Accused, Category, ComplaintState, Viewer};
use crate::error::AppResult;
use crate::services::complaints::{self as service, ComplaintView, NewComplaint, TimelineEntry};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileComplaint {
    /// The person complaining: required for an agency or centre (it must represent them); a
    /// migrant complains for themselves and may leave it out.
    pub candidate_id: Option<Uuid>,
    /// The employer complained about (exactly one of this and `against_agency_id`).
    pub against_employer_id: Option<Uuid>,
    /// The agency complained about.
    pub against_agency_id: Option<Uuid>,
    /// The placement it concerns: the person's own, with the party complained about.
    pub placement_id: Option<Uuid>,
    /// `unpaid_wages`, `fee_charged`, `passport_retained`, `conditions_differ`, `violence`,
    /// `discrimination` or `other`.
    pub category: String,
    /// What happened, in the person's words (up to 5000 characters).
    pub text: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintTransition {
    /// `in_review`, then `upheld` or `dismissed`.
    pub to: String,
    /// The written outcome: required with `upheld` and `dismissed`, refused otherwise.
    pub outcome: Option<String>,
    /// With the outcome only: the party complained about may then see who complained.
    #[serde(default)]
    pub disclose_complainant: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForwardComplaint {
    /// What the party complained about is told: the ministry's own words, not the person's.
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ComplaintQuery {
    /// Only complaints in this state.
    pub state: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Who filed a complaint: the account and, for a representative, its organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FiledByResponse {
    pub user_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
}

/// A complaint as the caller may see it. The party complained about receives `candidate_id`,
/// `complainant_name`, `filed_by`, `placement_id` and `text` as null unless the ministry
/// disclosed the complainant with its outcome.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintResponse {
    pub id: Uuid,
    /// How the caller stands to the complaint.
    pub viewer: Viewer,
    pub category: Category,
    pub state: ComplaintState,
    pub against_employer_id: Option<Uuid>,
    pub against_agency_id: Option<Uuid>,
    pub candidate_id: Option<Uuid>,
    pub complainant_name: Option<String>,
    pub filed_by: Option<FiledByResponse>,
    pub placement_id: Option<Uuid>,
    pub text: Option<String>,
    pub forwarded: bool,
    pub forwarded_at: Option<DateTime<Utc>>,
    /// The ministry's summary for the party complained about.
    pub forwarded_summary: Option<String>,
    pub outcome: Option<String>,
    pub disclose_complainant: bool,
    /// The states the caller may move it to now (the ministry's only).
    pub allowed_next: Vec<ComplaintState>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One step of the timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintTimelineEvent {
    /// `filed`, `transitioned` or `forwarded`.
    pub kind: String,
    pub from: Option<ComplaintState>,
    pub state: ComplaintState,
    /// The role that took the step; null for the party complained about.
    pub actor_role: Option<String>,
    /// The outcome with a decision, the summary with the forwarding.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintDetail {
    #[serde(flatten)]
    pub complaint: ComplaintResponse,
    /// Every step, oldest first.
    pub timeline: Vec<ComplaintTimelineEvent>,
}

impl From<TimelineEntry> for ComplaintTimelineEvent {
    fn from(e: TimelineEntry) -> Self {
        Self {
            kind: e.kind,
            from: e.from,
            state: e.state,
            actor_role: e.actor_role,
            note: e.note,
            at: e.at,
        }
    }
}

impl From<ComplaintView> for ComplaintDetail {
    fn from(mut v: ComplaintView) -> Self {
        let timeline = v
            .timeline
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        Self {
            complaint: v.into(),
            timeline,
        }
    }
}

impl From<ComplaintView> for ComplaintResponse {
    fn from(v: ComplaintView) -> Self {
        let (against_employer_id, against_agency_id) = match v.accused {
            Accused::Employer(e) => (Some(e.uuid()), None),
            Accused::Agency(a) => (None, Some(a.uuid())),
        };
        Self {
            id: v.id,
            viewer: v.viewer,
            category: v.category,
            state: v.state,
            against_employer_id,
            against_agency_id,
            candidate_id: v.candidate_id,
            complainant_name: v.complainant_name,
            filed_by: v.filed_by.map(|f| FiledByResponse {
                user_id: f.user_id,
                agency_id: f.agency_id,
                centre_id: f.centre_id,
            }),
            placement_id: v.placement_id,
            text: v.text,
            forwarded: v.forwarded_at.is_some(),
            forwarded_at: v.forwarded_at,
            forwarded_summary: v.forwarded_summary,
            outcome: v.outcome,
            disclose_complainant: v.disclose_complainant,
            allowed_next: v.allowed_next,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

fn parse_state(field: &str, s: &str) -> AppResult<ComplaintState> {
    s.parse()
        .map_err(|_| service::unknown_value(field, &ComplaintState::names()))
}

/// A migrant files a complaint against an employer or an agency; an agency or centre files one
/// for a person it represents. The complainant is emailed at every change of status.
#[utoipa::path(post, path = "/api/v1/complaints", tag = "complaints", request_body = FileComplaint,
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 201, body = ComplaintDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn file_complaint(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<FileComplaint>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let category: Category = b
        .category
        .parse()
        .map_err(|_| service::unknown_value("category", &Category::names()))?;
    let input = NewComplaint {
        candidate: b.candidate_id.map(Into::into),
        against_employer: b.against_employer_id.map(Into::into),
        against_agency: b.against_agency_id.map(Into::into),
        placement: b.placement_id.map(Into::into),
        category,
        text: b.text,
    };
    let view = service::file_complaint(&state, &user.caller(), input).await?;
    Ok(HttpResponse::Created().json(ComplaintDetail::from(view)))
}

/// The complaints the caller may see, newest first: a migrant's own, those a representative
/// filed, forwarded ones against the caller's organisation, all for the ministry.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "complaints", params(ComplaintQuery),
    security(("bearer" = ["migrant", "employer", "agency", "centre", "ministry"])),
    responses((status = 200, body = Page<ComplaintResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list_complaints(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ComplaintQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let paging = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (limit, cursor) = (paging.limit()?, paging.uuid_cursor()?);
    let filter = q.state.map(|s| parse_state("state", &s)).transpose()?;
    let rows = service::list_complaints(&state, &user.caller(), filter, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |c| c.id.to_string(),
        ComplaintResponse::from,
    )))
}

/// One complaint with its timeline. The party complained about gets 404 until the ministry
/// forwards it, and then never who complained unless disclosed with the outcome.
#[utoipa::path(get, path = "/api/v1/complaints/{id}", tag = "complaints", params(("id" = Uuid, Path)),
    security(("bearer" = ["migrant", "employer", "agency", "centre", "ministry"])),
    responses((status = 200, body = ComplaintDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn get_complaint(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let view = service::get_complaint(&state, &user.caller(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(ComplaintDetail::from(view)))
}

/// The ministry's triage: `received → in_review → upheld | dismissed`; a decision needs a
/// written `outcome` (422) and is final (409 `invalid_transition`).
#[utoipa::path(post, path = "/api/v1/complaints/{id}/transitions", tag = "complaints",
    params(("id" = Uuid, Path)), request_body = ComplaintTransition,
    security(("bearer" = ["ministry"])),
    responses((status = 200, body = ComplaintDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn transition_complaint(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ComplaintTransition>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let to = parse_state("to", &b.to)?;
    let view = service::transition(
        &state,
        &user.caller(),
        path.into_inner(),
        to,
        b.outcome,
        b.disclose_complainant,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ComplaintDetail::from(view)))
}

/// The ministry forwards a complaint (in review or decided) to the party complained about,
/// with a summary in its own words; the party's staff are emailed, without the complainant.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/forward", tag = "complaints",
    params(("id" = Uuid, Path)), request_body = ForwardComplaint,
    security(("bearer" = ["ministry"])),
    responses((status = 200, body = ComplaintDetail), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn forward_complaint(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ForwardComplaint>,
) -> AppResult<HttpResponse> {
    let view = service::forward(
        &state,
        &user.caller(),
        path.into_inner(),
        body.into_inner().summary,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ComplaintDetail::from(view)))
}
