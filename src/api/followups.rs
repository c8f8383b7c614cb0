//! Follow-ups of placed workers and the employer's hire notices. Thin handlers over
//! `services::aftercare`.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::followup::{Filter, HireNotice};
use crate::domain::followup::Answers;
use crate::error::AppResult;
use crate::services::aftercare::{self as service, FollowupView};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FollowupQuery {
    /// Only follow-ups with an open case at the ministry.
    pub open_cases: Option<bool>,
    /// Only unanswered ones due on or before this day.
    pub due_by: Option<NaiveDate>,
    pub limit: Option<u32>,
}

/// The follow-ups the caller may read: the worker's own, those of people an agency or centre
/// represents, all for the ministry (`open_cases=true` is its queue). Employers see none.
#[utoipa::path(get, path = "/api/v1/followups", tag = "followups", params(FollowupQuery),
    security(("bearer" = ["migrant", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = Vec<FollowupView>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list_followups(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<FollowupQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let filter = Filter {
        open_cases: q.open_cases.unwrap_or(false),
        due_by: q.due_by,
    };
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let rows = service::list(&state, &user.caller(), filter, limit).await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// The worker answers (or their agency or centre records the worker's answers). Bad answers
/// open a case at the ministry.
#[utoipa::path(post, path = "/api/v1/followups/{id}/answers", tag = "followups",
    params(("id" = Uuid, Path)), request_body = Answers,
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = FollowupView), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn answer_followup(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<Answers>,
) -> AppResult<HttpResponse> {
    let view =
        service::answer(&state, &user.caller(), path.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseCase {
    /// What the ministry found and did.
    pub resolution: String,
}

/// The ministry closes the case a flagged follow-up opened.
#[utoipa::path(post, path = "/api/v1/followups/{id}/case", tag = "followups",
    params(("id" = Uuid, Path)), request_body = CloseCase,
    security(("bearer" = ["ministry"])),
    responses((status = 200, body = FollowupView), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn close_case(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<CloseCase>,
) -> AppResult<HttpResponse> {
    let view = service::close_case(
        &state,
        &user.caller(),
        path.into_inner(),
        body.into_inner().resolution,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HireNoticeResponse {
    pub placement_id: Uuid,
    pub employer_id: Uuid,
    /// Three working days after the start of work (Federal Law No. 115-FZ, art. 13).
    pub due_on: NaiveDate,
    pub filed_on: Option<NaiveDate>,
    pub reference: Option<String>,
    /// Not filed and past its due date.
    pub overdue: bool,
}

impl From<HireNotice> for HireNoticeResponse {
    fn from(n: HireNotice) -> Self {
        Self {
            overdue: n.filed_on.is_none() && n.due_on < chrono::Utc::now().date_naive(),
            placement_id: n.placement_id,
            employer_id: n.employer_id,
            due_on: n.due_on,
            filed_on: n.filed_on,
            reference: n.reference,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NoticeQuery {
    /// Only notices past their due date and not filed.
    pub overdue: Option<bool>,
    pub limit: Option<u32>,
}

/// Hire notices: an employer its own, the ministry all (`overdue=true` for the late ones).
#[utoipa::path(get, path = "/api/v1/hire-notices", tag = "followups", params(NoticeQuery),
    security(("bearer" = ["employer", "ministry", "admin"])),
    responses((status = 200, body = Vec<HireNoticeResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub async fn list_hire_notices(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 200));
    let rows =
        service::hire_notices(&state, &user.caller(), q.overdue.unwrap_or(false), limit).await?;
    let body: Vec<HireNoticeResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileNotice {
    pub filed_on: NaiveDate,
    /// The authorities' receipt or registration number.
    pub reference: String,
}

/// The employer records that it notified the migration authorities of the hire.
#[utoipa::path(post, path = "/api/v1/placements/{id}/hire-notice", tag = "followups",
    params(("id" = Uuid, Path)), request_body = FileNotice,
    security(("bearer" = ["employer"])),
    responses((status = 200, body = HireNoticeResponse), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn file_hire_notice(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<FileNotice>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let notice = service::file_hire_notice(
        &state,
        &user.caller(),
        path.into_inner(),
        b.filed_on,
        b.reference,
    )
    .await?;
    Ok(HttpResponse::Ok().json(HireNoticeResponse::from(notice)))
}
