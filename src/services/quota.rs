//! Quota: the ministry's caps, employers' applications reviewed on written grounds, and the
//! units approved placements use — all counted by guarded updates the database enforces.

use chrono::{Datelike, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::db;
use crate::db::models::candidate::CandidateProfile;
use crate::db::models::placement::Placement;
use crate::db::models::quota::{self as rows, Application, ApplicationFilter, Cap, CapFilter};
use crate::db::models::vacancy::{self, Vacancy};
use crate::domain::access::Principal;
use crate::domain::audit::AuditAction;
use crate::domain::quota::{self as rules, ApplicationState, Evidence, LabourMarketTest};
use crate::domain::role::Role;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::{audit, quota_policy, Caller};
use crate::state::AppState;

/// The most rows one list answers.
pub const LIST_LIMIT: i64 = 500;

/// Years a cap or an application may be for: last year to five years ahead.
fn year_window() -> (i64, i64) {
    let y = i64::from(Utc::now().year());
    (y - 1, y + 5)
}

/// What the ministry sets.
#[derive(Debug, Clone)]
pub struct NewCap {
    pub year: i32,
    pub region: String,
    pub group: String,
    pub cap: i32,
    pub reason: String,
}

/// A cap with what is granted and used of it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CapView {
    pub id: Uuid,
    pub year: i32,
    pub region_code: String,
    /// ISCO-08 major (one digit) or sub-major (two digits) group.
    pub occupation_group: String,
    pub cap: i32,
    /// Units granted to employers' applications.
    pub allocated: i32,
    /// Units approved placements use: a count of people, so null (with `used_suppressed`) when
    /// it is 1 to 4, as in the public statistics.
    pub used: Option<i64>,
    pub used_suppressed: bool,
    /// What is left to grant.
    pub left: i32,
    pub reason: String,
    pub updated_at: chrono::DateTime<Utc>,
}

fn cap_view(c: Cap, used: i64) -> CapView {
    let used = crate::domain::statistics::single(used);
    CapView {
        id: c.id,
        year: c.year,
        left: c.cap - c.allocated,
        region_code: c.region_code,
        occupation_group: c.occupation_group,
        cap: c.cap,
        allocated: c.allocated,
        used: used.value,
        used_suppressed: used.suppressed,
        reason: c.reason,
        updated_at: c.updated_at,
    }
}

fn require_ministry(who: &Principal) -> AppResult<()> {
    if who.role == Role::Ministry {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// The ministry sets a cap (or a new figure for one): never below what is already granted.
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn set_cap(state: &AppState, caller: &Caller, input: NewCap) -> AppResult<CapView> {
    require_ministry(&caller.principal)?;
    let (from, to) = year_window();
    let mut c = Check::new();
    c.range("year", i64::from(input.year), from, to);
    c.ru_region("region_code", &input.region);
    if !rules::is_cap_group(&input.group) {
        c.push(
            crate::error::FieldError::new("occupation_group", "invalid_format")
                .with("format", "ISCO-08 major or sub-major group: 1 or 2 digits"),
        );
    }
    c.range("cap", i64::from(input.cap), 0, 1_000_000);
    c.text("reason", &input.reason, 1, 2000);
    c.finish()?;
    let actor = caller.actor();
    let by = caller.principal.user.uuid();
    db::transaction(&state.pool, move |conn| {
        let before = rows::find_cap_by_key(conn, input.year, &input.region, &input.group)?;
        let now = Utc::now();
        let row = Cap {
            id: Uuid::now_v7(),
            year: input.year,
            region_code: input.region,
            occupation_group: input.group,
            cap: input.cap,
            allocated: 0,
            set_by: by,
            reason: input.reason,
            created_at: now,
            updated_at: now,
        };
        let after = match &before {
            None => rows::insert_cap(conn, &row)?,
            Some(b) => {
                rows::change_cap(conn, b.id, row.cap, by, &row.reason)?.ok_or_else(|| {
                    AppError::new(ErrorCode::CapExceeded).detail(format!(
                        "{} units are already granted: the cap cannot be lower",
                        b.allocated
                    ))
                })?
            }
        };
        audit::record(
            conn,
            &actor,
            AuditAction::QuotaCapSet,
            after.id,
            before.as_ref(),
            Some(&after),
        )?;
        let used = rows::used_of_caps(conn, &[after.id])?
            .first()
            .map_or(0, |(_, n)| *n);
        Ok(cap_view(after, used))
    })
    .await
}

/// The public list of caps with what is granted and used.
pub async fn list_caps(state: &AppState, filter: CapFilter) -> AppResult<Vec<CapView>> {
    db::run(&state.pool, move |conn| {
        let caps = rows::list_caps(conn, &filter, LIST_LIMIT)?;
        let ids: Vec<Uuid> = caps.iter().map(|c| c.id).collect();
        let used = rows::used_of_caps(conn, &ids)?;
        Ok(caps
            .into_iter()
            .map(|c| {
                let n = used
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map_or(0, |(_, n)| *n);
                cap_view(c, n)
            })
            .collect())
    })
    .await
}

/// What an employer applies for.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub year: i32,
    pub region: String,
    pub occupation: String,
    pub workers: i32,
    pub justification: String,
    pub vacancy_id: Uuid,
}

/// The cap an occupation falls under: the most specific group with a cap.
fn cap_for(
    conn: &mut PgConnection,
    year: i32,
    region: &str,
    occupation: &str,
) -> AppResult<Option<Cap>> {
    for group in rules::groups_of(occupation) {
        if let Some(c) = rows::find_cap_by_key(conn, year, region, &group)? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// An employer drafts an application against the cap for the job's year, region and
/// occupation (422 `no_quota_cap` when the ministry set none).
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn create_application(
    state: &AppState,
    caller: &Caller,
    input: NewApplication,
) -> AppResult<Application> {
    let who = caller.principal;
    let employer = who
        .employer()
        .ok_or_else(|| AppError::forbidden().detail("your membership is not approved yet"))?;
    let (from, to) = year_window();
    let mut c = Check::new();
    c.range("year", i64::from(input.year), from, to);
    c.ru_region("region_code", &input.region);
    c.occupation("occupation_code", &input.occupation);
    c.range("workers_requested", i64::from(input.workers), 1, 10_000);
    c.text("justification", &input.justification, 1, 4000);
    c.finish()?;
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let v = vacancy::find(conn, input.vacancy_id)?;
        if v.employer_id != employer.uuid() {
            return Err(AppError::not_found().detail("no such vacancy of yours"));
        }
        let cap =
            cap_for(conn, input.year, &input.region, &input.occupation)?.ok_or_else(|| {
                AppError::new(ErrorCode::NoQuotaCap).detail(format!(
                    "no cap for {} in {} for ISCO-08 group {}",
                    input.year,
                    input.region,
                    rules::groups_of(&input.occupation).join(" or ")
                ))
            })?;
        let now = Utc::now();
        let row = rows::insert_application(
            conn,
            &Application {
                id: Uuid::now_v7(),
                employer_id: employer.uuid(),
                cap_id: cap.id,
                year: input.year,
                region_code: input.region,
                occupation_code: input.occupation,
                workers_requested: input.workers,
                justification: input.justification,
                vacancy_id: v.id,
                state: ApplicationState::Draft.as_str().to_owned(),
                workers_granted: 0,
                used: 0,
                decision_reason: None,
                decided_by: None,
                decided_at: None,
                submitted_at: None,
                created_by: who.user.uuid(),
                created_at: now,
                updated_at: now,
            },
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::QuotaApplicationCreated,
            row.id,
            None,
            Some(&row),
        )?;
        Ok(row)
    })
    .await
}

/// The employer's own application, or any for the ministry and admins (404 for anyone else).
fn visible(who: &Principal, a: &Application) -> bool {
    who.is_overseer() || who.employer().is_some_and(|e| e.uuid() == a.employer_id)
}

pub async fn get_application(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> AppResult<Application> {
    let who = *who;
    db::run(&state.pool, move |conn| {
        let a = rows::find_application(conn, id, false)?;
        if visible(&who, &a) {
            Ok(a)
        } else {
            Err(AppError::not_found())
        }
    })
    .await
}

/// Employers list their own; the ministry and admins every one.
pub async fn list_applications(
    state: &AppState,
    who: &Principal,
    mut filter: ApplicationFilter,
) -> AppResult<Vec<Application>> {
    if !who.is_overseer() {
        let employer = who.employer().ok_or_else(AppError::forbidden)?;
        filter.employer = Some(employer.uuid());
    }
    db::run(&state.pool, move |conn| {
        Ok(rows::list_applications(conn, &filter, LIST_LIMIT)?)
    })
    .await
}

/// The local-hiring test on the application's linked vacancy.
fn labour_market(conn: &mut PgConnection, a: &Application, min_days: i64) -> AppResult<()> {
    let v: Vacancy = vacancy::find(conn, a.vacancy_id)?;
    let evidence = Evidence {
        published_at: v.published_at,
        positions: v.positions,
        positions_filled: v.positions_filled,
        same_employer_region_and_occupation: v.employer_id == a.employer_id
            && v.region_code == a.region_code
            && v.occupation_code.trim() == a.occupation_code.trim(),
    };
    let why = match rules::labour_market_test(&evidence, Utc::now(), min_days) {
        LabourMarketTest::Passed => return Ok(()),
        LabourMarketTest::NotPublished => "the linked vacancy was never published".to_owned(),
        LabourMarketTest::TooRecent { days } => format!(
            "the linked vacancy has been published for {days} days; at least {min_days} are needed"
        ),
        LabourMarketTest::Filled => "the linked vacancy was filled locally".to_owned(),
        LabourMarketTest::Mismatch => {
            "the linked vacancy is not for this region and occupation".to_owned()
        }
    };
    Err(AppError::new(ErrorCode::LabourMarketTestFailed).detail(why))
}

/// One step of an application: submit and withdraw (its employer), review and decide (the
/// ministry). Submission runs the local-hiring test and refuses a closed occupation; a grant
/// takes units of the cap by a guarded update (409 `cap_exceeded` naming what is left).
#[instrument(skip_all, fields(user = %caller.principal.user, application = %id, to = %to))]
pub async fn step_application(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: ApplicationState,
    granted: Option<i32>,
    reason: Option<String>,
) -> AppResult<Application> {
    let who = caller.principal;
    let actor = caller.actor();
    let min_days = state.settings.application.quota_local_offer_days;
    db::transaction(&state.pool, move |conn| {
        let before = rows::find_application(conn, id, true)?;
        if !visible(&who, &before) {
            return Err(AppError::not_found());
        }
        let from = before.state();
        let n = rules::check_step(
            who.role,
            from,
            to,
            before.workers_requested,
            granted,
            reason.is_some(),
        )
        .map_err(|e| match e {
            rules::QuotaError::Transition { ref allowed, .. } => {
                AppError::new(ErrorCode::InvalidTransition)
                    .detail(e.to_string())
                    .allowed(allowed.iter().map(|s| s.as_str()))
            }
            rules::QuotaError::ReasonRequired => {
                AppError::validation(vec![crate::error::FieldError::new("reason", "required")])
            }
            rules::QuotaError::WorkersOutOfRange { .. } => {
                AppError::validation(vec![crate::error::FieldError::new(
                    "workers_granted",
                    "out_of_range",
                )
                .with("min", 1)
                .with("max", before.workers_requested)])
                .detail(e.to_string())
            }
        })?;
        if to == ApplicationState::Submitted {
            if let Some(rule) = closed_rule(conn, &before)? {
                return Err(AppError::new(ErrorCode::OccupationClosed).detail(rule));
            }
            labour_market(conn, &before, min_days)?;
            rows::mark_submitted(conn, id)?;
        }
        if to.grants_units() && !rows::allocate(conn, before.cap_id, n)? {
            let cap = rows::find_cap(conn, before.cap_id)?;
            return Err(AppError::new(ErrorCode::CapExceeded).detail(format!(
                "{} of the cap of {} are left; {n} asked",
                cap.cap - cap.allocated,
                cap.cap
            )));
        }
        let after = rows::set_state(
            conn,
            id,
            &rows::Step {
                to,
                granted: n,
                reason: reason.as_deref(),
                by: who.user.uuid(),
            },
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::QuotaApplicationTransitioned,
            after.id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
    .await
}

/// The closure of this occupation in the application's region and year, if any, as a sentence
/// naming the rule (the policy the ministry edits, `services::quota_policy`).
fn closed_rule(conn: &mut PgConnection, a: &Application) -> AppResult<Option<String>> {
    let rule = quota_policy::closed_rule(conn, a.year, &a.region_code, &a.occupation_code)?;
    Ok(rule.map(|r| {
        format!(
            "ISCO-08 {} is closed to foreign workers in {} for {} ({}): {}",
            r.occupation,
            r.region.as_deref().unwrap_or("all of Russia"),
            r.year,
            r.legal_source,
            r.reason
        )
    }))
}

/// At a placement's approval, inside its transaction: a candidate whose citizenship needs quota
/// takes one unit of the employer's approved quota for the vacancy's year, region and
/// occupation (409 `quota_exhausted` when none is left).
pub fn take_unit_for(
    conn: &mut PgConnection,
    p: &Placement,
    v: &Vacancy,
    profile: &CandidateProfile,
) -> AppResult<()> {
    if !quota_policy::needs_quota(conn, &profile.citizenship)? {
        return Ok(());
    }
    let year = v.start_date.year();
    let mut caps = Vec::new();
    for group in rules::groups_of(&v.occupation_code) {
        if let Some(c) = rows::find_cap_by_key(conn, year, &v.region_code, &group)? {
            caps.push(c.id);
        }
    }
    // Each candidate application is tried by a guarded update: one a concurrent approval has
    // just used up matches no row, and the next is tried.
    for application in rows::usable(conn, v.employer_id, year, &v.region_code, &caps)? {
        if rows::take_unit(conn, application)? {
            rows::set_placement_unit(conn, p.id, Some(application))?;
            return Ok(());
        }
    }
    Err(AppError::new(ErrorCode::QuotaExhausted).detail(format!(
        "citizens of {} need quota; the employer has none left for {} in {} (ISCO-08 {})",
        profile.citizenship,
        year,
        v.region_code,
        v.occupation_code.trim()
    )))
}

/// A placement rejected or withdrawn before departure gives its unit back.
pub fn give_back_for(conn: &mut PgConnection, placement: Uuid) -> AppResult<()> {
    if let Some(application) = rows::unit_of_placement(conn, placement)? {
        rows::give_back_unit(conn, application)?;
        rows::set_placement_unit(conn, placement, None)?;
    }
    Ok(())
}

/// What a citizen of `citizenship` can be placed against: `None` when they need no quota;
/// otherwise every employer's units left, as the search filters them.
pub fn units_left_for(
    conn: &mut PgConnection,
    citizenship: &str,
) -> AppResult<Option<Vec<crate::search::query::QuotaUnit>>> {
    if !quota_policy::needs_quota(conn, citizenship)? {
        return Ok(None);
    }
    let day = |y: i32, m: u32, d: u32| {
        chrono::NaiveDate::from_ymd_opt(y, m, d).map(crate::search::schema::day_number)
    };
    Ok(Some(
        rows::open_units(conn)?
            .into_iter()
            .filter_map(|(employer, region, group, year)| {
                Some(crate::search::query::QuotaUnit {
                    employer,
                    region,
                    group,
                    first_day: day(year, 1, 1)?,
                    last_day: day(year, 12, 31)?,
                })
            })
            .collect(),
    ))
}
