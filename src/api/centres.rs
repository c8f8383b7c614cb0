//! Pre-departure centres: orientation sessions, bookings, attendance and claim codes. Parse,
//! call `services::centres`, answer.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::candidates::CandidateResponse;
use crate::auth::{throttle, AuthUser};
use crate::db::models::session::{Booking, Session};
use crate::domain::passport_review::Outcome;
use crate::domain::session::{seats_left, NewSession};
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult};
use crate::services::centres as service;
use crate::state::AppState;

/// A session as anyone sees it: no personal data.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub id: Uuid,
    pub centre_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: String,
    pub language: String,
    pub capacity: i32,
    pub seats_left: i32,
    pub topics: Vec<String>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl From<Session> for SessionResponse {
    fn from(s: Session) -> Self {
        Self {
            id: s.id,
            centre_id: s.centre_id,
            starts_at: s.starts_at,
            duration_minutes: s.duration_minutes,
            place: s.place,
            language: s.language,
            capacity: s.capacity,
            seats_left: seats_left(s.capacity, s.booked),
            topics: s.topics,
            note: s.note,
            created_at: s.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingResponse {
    pub id: Uuid,
    pub session_id: Uuid,
    pub candidate_id: Uuid,
    pub booked_by: Uuid,
    pub booked_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub attended_at: Option<DateTime<Utc>>,
}

impl From<Booking> for BookingResponse {
    fn from(b: Booking) -> Self {
        Self {
            id: b.id,
            session_id: b.session_id,
            candidate_id: b.candidate_id,
            booked_by: b.booked_by,
            booked_at: b.booked_at,
            cancelled_at: b.cancelled_at,
            attended_at: b.attended_at,
        }
    }
}

/// Schedules an orientation session at the caller's centre.
#[utoipa::path(post, path = "/api/v1/centres/{id}/sessions", tag = "centres",
    params(("id" = Uuid, Path)), request_body = NewSession, security(("bearer" = ["centre"])),
    responses((status = 201, body = SessionResponse), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_session(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<NewSession>,
) -> AppResult<HttpResponse> {
    let centre = path.into_inner().into();
    let created =
        service::create_session(&state, &user.caller(), centre, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(SessionResponse::from(created)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SessionQuery {
    /// Sessions starting at or after this instant (RFC 3339); default now.
    pub from: Option<DateTime<Utc>>,
}

/// A centre's upcoming sessions, soonest first (at most 200). Public.
#[utoipa::path(get, path = "/api/v1/centres/{id}/sessions", tag = "centres",
    params(("id" = Uuid, Path), SessionQuery), security(()),
    responses((status = 200, body = [SessionResponse]), (status = 404, body = crate::error::Problem)))]
pub async fn list_sessions(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    query: web::Query<SessionQuery>,
) -> AppResult<HttpResponse> {
    let rows = service::list_sessions(&state, path.into_inner().into(), query.from).await?;
    let body: Vec<SessionResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBooking {
    /// The profile to book; a migrant may leave it out (their own). Required for centre staff.
    pub candidate_id: Option<Uuid>,
}

/// Books a seat: a migrant for themselves, centre staff for a person their centre represents.
/// A full session is 409 `session_full`, also under concurrent bookings.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/bookings", tag = "centres",
    params(("id" = Uuid, Path)), request_body = CreateBooking,
    security(("bearer" = ["migrant", "centre"])),
    responses((status = 201, body = BookingResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_booking(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: Option<web::Json<CreateBooking>>,
) -> AppResult<HttpResponse> {
    let candidate = body
        .and_then(|b| b.into_inner().candidate_id)
        .map(Into::into);
    let booking = service::book(&state, &user.caller(), path.into_inner(), candidate).await?;
    Ok(HttpResponse::Created().json(BookingResponse::from(booking)))
}

/// The bookings of a session of the caller's centre.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/bookings", tag = "centres",
    params(("id" = Uuid, Path)), security(("bearer" = ["centre"])),
    responses((status = 200, body = [BookingResponse]), (status = 404, body = crate::error::Problem)))]
pub async fn list_bookings(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let rows = service::list_bookings(&state, &user.caller(), path.into_inner()).await?;
    let body: Vec<BookingResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Cancels a booking before the session starts, freeing the seat.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/bookings/{booking_id}", tag = "centres",
    params(("id" = Uuid, Path), ("booking_id" = Uuid, Path)),
    security(("bearer" = ["migrant", "centre"])),
    responses((status = 200, body = BookingResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
pub async fn cancel_booking(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (session, booking) = path.into_inner();
    let cancelled = service::cancel_booking(&state, &user.caller(), session, booking).await?;
    Ok(HttpResponse::Ok().json(BookingResponse::from(cancelled)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordAttendance {
    /// Candidates booked on this session who attended.
    pub candidate_ids: Vec<Uuid>,
}

/// Records attendance once the session has started; only for its (non-cancelled) bookings.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", tag = "centres",
    params(("id" = Uuid, Path)), request_body = RecordAttendance, security(("bearer" = ["centre"])),
    responses((status = 200, body = [BookingResponse]), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn record_attendance(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<RecordAttendance>,
) -> AppResult<HttpResponse> {
    let ids = body.into_inner().candidate_ids;
    let rows = service::record_attendance(&state, &user.caller(), path.into_inner(), ids).await?;
    let body: Vec<BookingResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimCodeResponse {
    /// Shown once, for the person to take away: e.g. `7K2M9-QXP4D`.
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// Issues a one-time claim code (valid 14 days) for a profile the caller's centre registered
/// that has no account yet; a new code voids the previous one.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/claim-code", tag = "centres",
    params(("id" = Uuid, Path)), security(("bearer" = ["centre"])),
    responses((status = 201, body = ClaimCodeResponse), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn issue_claim_code(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let issued =
        service::issue_claim_code(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(ClaimCodeResponse {
            code: issued.code,
            expires_at: issued.expires_at,
        }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimProfile {
    pub code: String,
}

/// A migrant account without a profile takes over the profile of a claim code; from then on
/// the person controls it. A wrong, expired or used code is 422 `invalid_claim_code`.
#[utoipa::path(post, path = "/api/v1/me/claim", tag = "centres", request_body = ClaimProfile,
    security(("bearer" = ["migrant"])),
    responses((status = 200, body = CandidateResponse), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn claim_profile(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
    body: web::Json<ClaimProfile>,
) -> AppResult<HttpResponse> {
    let key = format!("claim:client:{}", throttle::client(&state, &req));
    state
        .limiter
        .hit(&key, state.settings.rate_limit.per_client)?;
    let claimed = service::claim_profile(&state, &user.caller(), &body.code).await?;
    Ok(HttpResponse::Ok().json(CandidateResponse::from(claimed)))
}

/// A registration whose passport number was already on file, waiting for the ministry.
#[derive(Debug, Serialize, ToSchema)]
pub struct PassportReviewResponse {
    /// The id the registration was answered with (no profile has it).
    pub id: Uuid,
    /// The profile that holds the passport number.
    pub existing_profile_id: Uuid,
    pub submitted_by: Uuid,
    pub submitted_role: String,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: chrono::NaiveDate,
    pub citizenship: String,
    /// Masked, as everyone but the owner sees it.
    pub passport_number: String,
    pub passport_expiry: chrono::NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_method: Option<String>,
    /// Once resolved: `same_person`, `entry_error` or `suspected_misuse`, with the ministry's note.
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

impl From<service::ReviewView> for PassportReviewResponse {
    fn from(v: service::ReviewView) -> Self {
        let (r, s) = (v.review, v.submission);
        Self {
            id: r.id,
            existing_profile_id: r.existing_profile_id,
            submitted_by: r.submitted_by,
            submitted_role: r.submitted_role,
            agency_id: r.agency_id,
            centre_id: r.centre_id,
            status: r.status,
            created_at: r.created_at,
            first_name: s.first_name,
            last_name: s.last_name,
            date_of_birth: s.date_of_birth,
            citizenship: s.citizenship,
            passport_number: crate::crypto::mask_last4(&s.passport_last4),
            passport_expiry: s.passport_expiry,
            email: s.email,
            phone: s.phone,
            consent_method: s.consent_method,
            outcome: r.outcome,
            note: r.note,
            resolved_at: r.resolved_at,
        }
    }
}

/// Open passport reviews, oldest first (at most 200): registrations whose passport number was
/// already on file. They were answered as fresh registrations, so the number's being known is
/// told to no one but the ministry.
#[utoipa::path(get, path = "/api/v1/passport-reviews", tag = "centres",
    security(("bearer" = ["ministry"])),
    responses((status = 200, body = [PassportReviewResponse]), (status = 403, body = crate::error::Problem)))]
pub async fn list_passport_reviews(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    let rows = service::list_passport_reviews(&state, &user.caller()).await?;
    let body: Vec<PassportReviewResponse> = rows.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// The ministry's decision on a passport review.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// `same_person` (the profile on file is theirs: the submitter asks for their consent on it),
    /// `entry_error` (a different person, the number mistyped: register them again) or
    /// `suspected_misuse` (another person's passport: the submitter is not told).
    pub outcome: String,
    /// 1–2000 characters, emailed to the submitter unless misuse is suspected.
    pub note: String,
}

/// Resolves an open passport review. Unless misuse is suspected, the staff member who submitted
/// the registration is emailed the outcome and the note.
#[utoipa::path(post, path = "/api/v1/passport-reviews/{id}/resolution", tag = "centres",
    params(("id" = Uuid, Path)), request_body = Resolution, security(("bearer" = ["ministry"])),
    responses((status = 200, body = PassportReviewResponse), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn resolve_passport_review(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<Resolution>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let note = text::clean(&body.note);
    let mut c = Check::new();
    c.text("note", &note, 1, 2000);
    let names = Outcome::ALL.map(Outcome::as_str);
    c.one_of("outcome", body.outcome.trim(), &names);
    c.finish()?;
    let outcome = Outcome::parse(body.outcome.trim())
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("outcome passed its check")))?;
    let review =
        service::resolve_passport_review(&state, &user.caller(), path.into_inner(), outcome, note)
            .await?;
    Ok(HttpResponse::Ok().json(PassportReviewResponse::from(review)))
}
