//! Records of employers and agencies: what their placements became, counted from the rows every
//! time. The public sees facts (decided complaints, never allegations); the ministry, and the
//! party itself, see the full record: complaints in every state, restrictions, and for an agency
//! the points its upheld complaints weigh toward suspension.

use diesel::pg::PgConnection;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db;
use crate::db::models::complaint::{self, StateCounts};
use crate::db::models::organisation::{self, Agency};
use crate::db::models::record::{self, Record};
use crate::db::models::restriction::{self, Restriction};
use crate::db::models::review::{self, RatingSummary};
use crate::domain::access::Principal;
use crate::domain::complaint::{suspension_standing, Accused, SuspensionStanding};
use crate::domain::ids::{AgencyId, EmployerId};
use crate::domain::restriction::AGENCY_SUSPENSION_POINTS_AT;
use crate::domain::verify::{Kind, VerifyCode};
use crate::error::{AppError, AppResult};
use crate::services::verify;
use crate::state::AppState;

/// The few numbers shown beside a party wherever it appears (a vacancy, the agency check).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Summary {
    pub placements: i64,
    pub reached_employment: i64,
    pub completed: i64,
    pub terminated: i64,
    pub followups_answered_on_time: i64,
    pub bad_followups: i64,
    pub complaints_upheld: i64,
    /// Workers' ratings, once at least five workers rated the party (`null` before).
    pub ratings: Option<RatingSummary>,
}

impl Summary {
    pub fn of(r: Record, ratings: RatingSummary) -> Self {
        Self {
            placements: r.placements,
            reached_employment: r.reached_employment,
            completed: r.completed,
            terminated: r.terminated,
            followups_answered_on_time: r.followups_answered_on_time,
            bad_followups: r.bad_followups,
            complaints_upheld: r.complaints_upheld,
            ratings: ratings.public(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployerRecord {
    pub employer_id: Uuid,
    pub name: String,
    pub inn: String,
    #[serde(flatten)]
    pub record: Record,
    /// Whether new placements are refused approval now (`employer_restricted`).
    pub restricted: bool,
    /// Workers' ratings, once at least five workers rated the employer (`null` before).
    pub ratings: Option<RatingSummary>,
    #[serde(skip)]
    pub all_ratings: RatingSummary,
}

/// An employer as a vacancy shows it: who, its summary, and whether it is restricted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployerSummary {
    pub employer_id: Uuid,
    pub name: String,
    pub record: Summary,
    pub restricted: bool,
}

/// The ministry's (and the employer's own) view.
#[derive(Debug, Clone)]
pub struct EmployerFull {
    pub record: EmployerRecord,
    /// Every rating, however few (the ministry's view).
    pub ratings: RatingSummary,
    pub complaints: StateCounts,
    pub restrictions: Vec<Restriction>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyRecord {
    pub agency_id: Uuid,
    pub name: String,
    pub licence_number: String,
    #[serde(flatten)]
    pub record: Record,
    /// Workers' ratings, once at least five workers rated the agency (`null` before).
    pub ratings: Option<RatingSummary>,
}

/// The ministry's licensing view of an agency beyond its public check.
#[derive(Debug, Clone)]
pub struct LicenceView {
    pub agency: Agency,
    pub record: Record,
    /// Every rating, however few.
    pub ratings: RatingSummary,
    pub complaints: StateCounts,
    pub suspension: SuspensionStanding,
    pub verify_code: Option<VerifyCode>,
}

/// The full record is for overseers and for the party's own staff; anyone else gets 404, as if
/// there were nothing.
fn may_see_full(who: &Principal, accused: Accused) -> bool {
    who.is_overseer() || accused.is(who)
}

fn employer_record_in(conn: &mut PgConnection, id: Uuid) -> AppResult<EmployerRecord> {
    let employer = organisation::find_employer(conn, id)?;
    let record = record::of_employer(conn, employer.id)?;
    let restricted = !restriction::active(conn, employer.id)?.is_empty();
    let all_ratings = review::summary_of_employer(conn, employer.id)?;
    Ok(EmployerRecord {
        employer_id: employer.id,
        name: employer.name,
        inn: employer.inn,
        record,
        restricted,
        ratings: all_ratings.public(),
        all_ratings,
    })
}

/// Anyone may read an employer's record (404 for an unknown employer).
pub async fn employer_record(state: &AppState, id: EmployerId) -> AppResult<EmployerRecord> {
    db::run(&state.pool, move |conn| employer_record_in(conn, id.uuid())).await
}

/// What a vacancy page shows of its employer.
pub fn employer_summary(conn: &mut PgConnection, id: Uuid) -> AppResult<EmployerSummary> {
    let r = employer_record_in(conn, id)?;
    Ok(EmployerSummary {
        employer_id: r.employer_id,
        name: r.name,
        record: Summary::of(r.record, r.all_ratings),
        restricted: r.restricted,
    })
}

pub async fn employer_full(
    state: &AppState,
    who: &Principal,
    id: EmployerId,
) -> AppResult<EmployerFull> {
    if !may_see_full(who, Accused::Employer(id)) {
        return Err(AppError::not_found());
    }
    db::run(&state.pool, move |conn| {
        let record = employer_record_in(conn, id.uuid())?;
        Ok(EmployerFull {
            ratings: record.all_ratings,
            record,
            complaints: complaint::counts_by_state(conn, Accused::Employer(id))?,
            restrictions: restriction::of_employer(conn, id.uuid())?,
        })
    })
    .await
}

/// The public summary of an agency, as the licence check shows it.
pub fn agency_summary(conn: &mut PgConnection, id: Uuid) -> AppResult<Summary> {
    Ok(Summary::of(
        record::of_agency(conn, id)?,
        review::summary_of_agency(conn, id)?,
    ))
}

/// Anyone may read an agency's record (404 for an unknown agency).
pub async fn agency_record(state: &AppState, id: AgencyId) -> AppResult<AgencyRecord> {
    db::run(&state.pool, move |conn| {
        let agency = organisation::find_agency(conn, id.uuid())?;
        Ok(AgencyRecord {
            record: record::of_agency(conn, agency.id)?,
            ratings: review::summary_of_agency(conn, agency.id)?.public(),
            agency_id: agency.id,
            name: agency.name,
            licence_number: agency.licence_number,
        })
    })
    .await
}

/// The licensing view: the full record, complaints in every state and the points of the upheld
/// ones against the ministry's threshold.
pub async fn licence_view(
    state: &AppState,
    who: &Principal,
    id: AgencyId,
) -> AppResult<LicenceView> {
    if !may_see_full(who, Accused::Agency(id)) {
        return Err(AppError::not_found());
    }
    db::run(&state.pool, move |conn| {
        let agency = organisation::find_agency(conn, id.uuid())?;
        let threshold =
            restriction::policy(conn, AGENCY_SUSPENSION_POINTS_AT)?.map_or(6, |p| p.value);
        let upheld = complaint::upheld_by_category(conn, Accused::Agency(id))?;
        Ok(LicenceView {
            record: record::of_agency(conn, agency.id)?,
            ratings: review::summary_of_agency(conn, agency.id)?,
            complaints: complaint::counts_by_state(conn, Accused::Agency(id))?,
            suspension: suspension_standing(&upheld, threshold),
            verify_code: verify::code_of(conn, Kind::Agency, agency.id)?,
            agency,
        })
    })
    .await
}
