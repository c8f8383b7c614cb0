//! Agencies' licences: the ministry's decisions, their history, and the public registry and
//! check that a migrant uses before trusting an intermediary (no account needed).

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::organisations::AgencyResponse;
use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::licence_event::LicenceEvent;
use crate::db::models::organisation::Agency;
use crate::domain::licence::{self, LicenceStatus, LicenceTerms};
use crate::domain::text;
use crate::domain::validate::Check;
use crate::domain::verify::VerifyCode;
use crate::error::{AppResult, FieldError};
use crate::services::licences::{self as service, AgencyListing, LicenceCommand};
use crate::services::records::{self, Summary};
use crate::state::AppState;

/// The body of suspend, reinstate and revoke: the written reason of the decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceDecision {
    /// 1–2000 characters, kept in the licence's history and emailed to the agency.
    pub reason: String,
}

/// The body of issue: a new licence replacing the current (or expired) one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueLicence {
    pub reason: String,
    pub licence_number: String,
    pub licence_issuer: String,
    pub licence_valid_from: NaiveDate,
    pub licence_valid_to: NaiveDate,
    /// ISO 3166-2:RU codes the licence covers (at least one).
    pub licence_regions: Vec<String>,
}

/// The body of renew: a later end of validity.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewLicence {
    pub reason: String,
    pub valid_to: NaiveDate,
}

/// One entry of a licence's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceEventResponse {
    pub action: String,
    /// `None` for the first row, written when the agency was registered with its licence.
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
    /// `None` for the system's expiry.
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub licence_number: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub regions: Vec<String>,
    pub at: DateTime<Utc>,
}

impl From<LicenceEvent> for LicenceEventResponse {
    fn from(e: LicenceEvent) -> Self {
        Self {
            action: e.action,
            from_status: e.from_status,
            to_status: e.to_status,
            reason: e.reason,
            actor_id: e.actor_id,
            actor_role: e.actor_role,
            licence_number: e.licence_number,
            valid_from: e.valid_from,
            valid_to: e.valid_to,
            regions: e.regions,
            at: e.at,
        }
    }
}

/// The answer of the public licence check.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceCheck {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub licence_number: String,
    pub licence_issuer: String,
    /// As of today: an active licence past its validity reads `expired`.
    pub status: LicenceStatus,
    /// Active and today inside the validity.
    pub valid_now: bool,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub regions: Vec<String>,
    /// What the agency's placements became, counted from real data; complaints only once upheld.
    pub record: Summary,
    /// The agency's public verification code (`GET /api/v1/verify/{code}`).
    #[schema(value_type = Option<String>, example = "A-7K2M-9QXW")]
    pub verify_code: Option<VerifyCode>,
}

impl LicenceCheck {
    fn new(a: Agency, record: Summary, verify_code: Option<VerifyCode>) -> Self {
        let today = Utc::now().date_naive();
        let status = service::effective_status(&a);
        let valid_now = service::licence_of(&a).valid_on(today);
        Self {
            agency_id: a.id,
            agency_name: a.name,
            licence_number: a.licence_number,
            licence_issuer: a.licence_issuer,
            status,
            valid_now,
            valid_from: a.licence_valid_from,
            valid_to: a.licence_valid_to,
            regions: a.licence_regions,
            record,
            verify_code,
        }
    }
}

fn reason(check: &mut Check, given: &str) -> String {
    licence::check_reason(check, "reason", given)
}

async fn decide(
    state: &AppState,
    user: &AuthUser,
    id: Uuid,
    command: LicenceCommand,
    reason: String,
) -> AppResult<HttpResponse> {
    let (agency, code, _) =
        service::change_licence(state, &user.caller(), id.into(), command, reason).await?;
    Ok(HttpResponse::Ok().json(AgencyResponse::from((agency, code))))
}

/// Issues a new licence (number, issuer, validity, regions) to an agency whose licence is active
/// or expired; a suspended one is reinstated instead, a revoked one is final.
#[utoipa::path(post, path = "/api/v1/agencies/{id}/licence/issue", tag = "licences",
    params(("id" = Uuid, Path)), request_body = IssueLicence, security(("bearer" = ["ministry"])),
    responses((status = 200, body = AgencyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn issue(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<IssueLicence>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let mut check = Check::new();
    let why = reason(&mut check, &b.reason);
    let terms = LicenceTerms {
        number: b.licence_number,
        issuer: b.licence_issuer,
        valid_from: b.licence_valid_from,
        valid_to: b.licence_valid_to,
        regions: b.licence_regions,
    }
    .checked(&mut check, Utc::now().date_naive());
    check.finish()?;
    decide(
        &state,
        &user,
        path.into_inner(),
        LicenceCommand::Issue(terms),
        why,
    )
    .await
}

/// Extends the validity of an active or expired licence.
#[utoipa::path(post, path = "/api/v1/agencies/{id}/licence/renew", tag = "licences",
    params(("id" = Uuid, Path)), request_body = RenewLicence, security(("bearer" = ["ministry"])),
    responses((status = 200, body = AgencyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn renew(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<RenewLicence>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let mut check = Check::new();
    let why = reason(&mut check, &b.reason);
    check.finish()?;
    let command = LicenceCommand::Renew {
        valid_to: b.valid_to,
    };
    decide(&state, &user, path.into_inner(), command, why).await
}

macro_rules! decision {
    ($name:ident, $command:expr, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "licences",
            params(("id" = Uuid, Path)), request_body = LicenceDecision,
            security(("bearer" = ["ministry"])),
            responses((status = 200, body = AgencyResponse), (status = 404, body = crate::error::Problem),
                (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
        pub async fn $name(
            state: web::Data<AppState>,
            user: AuthUser,
            path: web::Path<Uuid>,
            body: web::Json<LicenceDecision>,
        ) -> AppResult<HttpResponse> {
            let mut check = Check::new();
            let why = reason(&mut check, &body.reason);
            check.finish()?;
            decide(&state, &user, path.into_inner(), $command, why).await
        }
    };
}

decision!(
    suspend,
    LicenceCommand::Suspend,
    "/api/v1/agencies/{id}/licence/suspend",
    "Suspends an active licence: the agency may not act until it is reinstated."
);
decision!(
    reinstate,
    LicenceCommand::Reinstate,
    "/api/v1/agencies/{id}/licence/reinstate",
    "Lifts the suspension of a licence whose validity has not ended."
);
decision!(
    revoke,
    LicenceCommand::Revoke,
    "/api/v1/agencies/{id}/licence/revoke",
    "Revokes a licence. Final: a revoked licence allows no further action."
);

/// The licence's history, oldest first: the ministry, admins and the agency's own staff.
#[utoipa::path(get, path = "/api/v1/agencies/{id}/licence/history", tag = "licences",
    params(("id" = Uuid, Path)), security(("bearer" = ["agency", "ministry", "admin"])),
    responses((status = 200, body = Vec<LicenceEventResponse>),
        (status = 404, body = crate::error::Problem)))]
pub async fn history(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let events = service::history(&state, &user.caller(), path.into_inner().into()).await?;
    let body: Vec<LicenceEventResponse> = events.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AgencyQuery {
    /// Licence status as of today: `active`, `suspended`, `revoked` or `expired`.
    pub status: Option<String>,
    /// ISO 3166-2:RU region the licence covers.
    pub region: Option<String>,
    /// Part of the agency's name or licence number (1–100 characters).
    pub q: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The public registry of agencies with their licence status, by id, with filters. No account
/// needed: checking an agency is the first thing a migrant should do.
#[utoipa::path(get, path = "/api/v1/agencies", tag = "organisations", params(AgencyQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = Page<AgencyResponse>), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn list_agencies(
    state: web::Data<AppState>,
    query: web::Query<AgencyQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let paging = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (limit, cursor) = (paging.limit()?, paging.uuid_cursor()?);
    let mut c = Check::new();
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => {
            let parsed = s.parse::<LicenceStatus>().ok();
            if parsed.is_none() {
                c.push(FieldError::new("status", "unknown_value").with(
                    "allowed",
                    LicenceStatus::ALL.map(LicenceStatus::as_str).join(", "),
                ));
            }
            parsed
        }
    };
    if let Some(r) = &q.region {
        c.ru_region("region", r);
    }
    let search = q.q.as_deref().map(text::clean);
    if let Some(s) = &search {
        c.text("q", s, 1, 100);
    }
    c.finish()?;
    let listing = AgencyListing {
        status,
        region: q.region,
        q: search,
    };
    let rows = service::list_agencies(&state, listing, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |(a, _)| a.id.to_string(),
        AgencyResponse::from,
    )))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    /// The number printed on the agency's licence.
    pub licence_number: String,
}

/// Checks a licence by its number, without an account: status, whether it is valid today, its
/// validity and regions, and the agency's public record.
#[utoipa::path(get, path = "/api/v1/agencies/check", tag = "licences", params(CheckQuery),
    security(()),
    responses((status = 200, body = LicenceCheck), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn check(
    state: web::Data<AppState>,
    query: web::Query<CheckQuery>,
) -> AppResult<HttpResponse> {
    let number = text::clean(&query.licence_number);
    let mut c = Check::new();
    c.text("licence_number", &number, 1, 100);
    c.finish()?;
    let (agency, record, code) = service::check(&state, number).await?;
    Ok(HttpResponse::Ok().json(LicenceCheck::new(agency, record, code)))
}

/// The ministry's licensing view of an agency (also its own staff's): the licence as the public
/// check shows it, the full record, complaints in every state, and the points its upheld
/// complaints weigh toward suspension against the threshold the ministry set
/// (`agency_suspension_points_at`). Reaching it puts the licence up for review; suspending is
/// still the ministry's written decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceView {
    #[serde(flatten)]
    pub licence: LicenceCheck,
    pub full_record: crate::db::models::record::Record,
    /// Workers' ratings however few (the public sees them from five workers on).
    pub all_ratings: crate::db::models::review::RatingSummary,
    pub complaints: crate::db::models::complaint::StateCounts,
    pub suspension: crate::domain::complaint::SuspensionStanding,
}

#[utoipa::path(get, path = "/api/v1/agencies/{id}/licence", tag = "licences",
    params(("id" = Uuid, Path)), security(("bearer" = ["agency", "ministry", "admin"])),
    responses((status = 200, body = LicenceView), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn licence_view(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let v = records::licence_view(&state, &user.principal, path.into_inner().into()).await?;
    let summary = records::Summary::of(v.record, v.ratings);
    Ok(HttpResponse::Ok().json(LicenceView {
        licence: LicenceCheck::new(v.agency, summary, v.verify_code),
        full_record: v.record,
        all_ratings: v.ratings,
        complaints: v.complaints,
        suspension: v.suspension,
    }))
}

/// An agency's public record, counted from real data: placements it proposed and what they
/// became, follow-ups, late hire notices, upheld complaints. No account needed.
#[utoipa::path(get, path = "/api/v1/agencies/{id}/record", tag = "licences",
    params(("id" = Uuid, Path)), security(()),
    responses((status = 200, body = records::AgencyRecord), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn agency_record(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let r = records::agency_record(&state, path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(r))
}
