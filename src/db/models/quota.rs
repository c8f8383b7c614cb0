//! Quota caps and applications. Every counter moves by a guarded UPDATE that matches no row
//! when the move would break `used <= granted <= cap`; the CHECK constraints refuse it anyway.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{placements, quota_applications, quota_caps};
use crate::domain::quota::ApplicationState;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = quota_caps)]
pub struct Cap {
    pub id: Uuid,
    pub year: i32,
    pub region_code: String,
    pub occupation_group: String,
    pub cap: i32,
    pub allocated: i32,
    pub set_by: Uuid,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = quota_applications)]
pub struct Application {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub cap_id: Uuid,
    pub year: i32,
    pub region_code: String,
    pub occupation_code: String,
    pub workers_requested: i32,
    pub justification: String,
    pub vacancy_id: Uuid,
    pub state: String,
    pub workers_granted: i32,
    pub used: i32,
    pub decision_reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Application {
    pub fn state(&self) -> ApplicationState {
        self.state.parse().unwrap_or(ApplicationState::Draft)
    }
}

/// Adds a cap.
pub fn insert_cap(conn: &mut PgConnection, c: &Cap) -> QueryResult<Cap> {
    diesel::insert_into(quota_caps::table)
        .values(c)
        .returning(Cap::as_returning())
        .get_result(conn)
}

/// A new figure for a cap; `None` when it is below what is already granted (the CHECK would
/// refuse it; the guard says so first).
pub fn change_cap(
    conn: &mut PgConnection,
    id: Uuid,
    cap: i32,
    by: Uuid,
    reason: &str,
) -> QueryResult<Option<Cap>> {
    diesel::update(
        quota_caps::table
            .find(id)
            .filter(quota_caps::allocated.le(cap)),
    )
    .set((
        quota_caps::cap.eq(cap),
        quota_caps::set_by.eq(by),
        quota_caps::reason.eq(reason),
        quota_caps::updated_at.eq(Utc::now()),
    ))
    .returning(Cap::as_returning())
    .get_result(conn)
    .optional()
}

pub fn find_cap_by_key(
    conn: &mut PgConnection,
    year: i32,
    region: &str,
    group: &str,
) -> QueryResult<Option<Cap>> {
    quota_caps::table
        .filter(quota_caps::year.eq(year))
        .filter(quota_caps::region_code.eq(region))
        .filter(quota_caps::occupation_group.eq(group))
        .select(Cap::as_select())
        .first(conn)
        .optional()
}

pub fn find_cap(conn: &mut PgConnection, id: Uuid) -> QueryResult<Cap> {
    quota_caps::table
        .find(id)
        .select(Cap::as_select())
        .first(conn)
}

#[derive(Debug, Default, Clone)]
pub struct CapFilter {
    pub year: Option<i32>,
    pub region: Option<String>,
    /// An ISCO-08 group; caps of that group or above it (`72` also lists `7`).
    pub groups: Option<Vec<String>>,
}

pub fn list_caps(conn: &mut PgConnection, f: &CapFilter, limit: i64) -> QueryResult<Vec<Cap>> {
    let mut q = quota_caps::table.into_boxed();
    if let Some(y) = f.year {
        q = q.filter(quota_caps::year.eq(y));
    }
    if let Some(r) = &f.region {
        q = q.filter(quota_caps::region_code.eq(r.clone()));
    }
    if let Some(g) = &f.groups {
        q = q.filter(quota_caps::occupation_group.eq_any(g.clone()));
    }
    q.order((
        quota_caps::year.desc(),
        quota_caps::region_code,
        quota_caps::occupation_group,
    ))
    .limit(limit)
    .select(Cap::as_select())
    .load(conn)
}

/// Units used per cap: what approved placements took from the applications against it.
pub fn used_of_caps(conn: &mut PgConnection, caps: &[Uuid]) -> QueryResult<Vec<(Uuid, i64)>> {
    let rows: Vec<(Uuid, i32)> = quota_applications::table
        .filter(quota_applications::cap_id.eq_any(caps))
        .select((quota_applications::cap_id, quota_applications::used))
        .load(conn)?;
    let mut out: Vec<(Uuid, i64)> = Vec::new();
    for (cap, used) in rows {
        match out.iter_mut().find(|(c, _)| *c == cap) {
            Some((_, n)) => *n += i64::from(used),
            None => out.push((cap, i64::from(used))),
        }
    }
    Ok(out)
}

/// Grants `n` units of the cap; false when fewer than `n` are left.
pub fn allocate(conn: &mut PgConnection, cap: Uuid, n: i32) -> QueryResult<bool> {
    let updated = diesel::update(
        quota_caps::table
            .find(cap)
            .filter((quota_caps::allocated + n).le(quota_caps::cap)),
    )
    .set((
        quota_caps::allocated.eq(quota_caps::allocated + n),
        quota_caps::updated_at.eq(Utc::now()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn insert_application(conn: &mut PgConnection, a: &Application) -> QueryResult<Application> {
    diesel::insert_into(quota_applications::table)
        .values(a)
        .returning(Application::as_returning())
        .get_result(conn)
}

pub fn find_application(
    conn: &mut PgConnection,
    id: Uuid,
    for_update: bool,
) -> QueryResult<Application> {
    let q = quota_applications::table
        .find(id)
        .select(Application::as_select());
    if for_update {
        q.for_update().first(conn)
    } else {
        q.first(conn)
    }
}

pub struct Step<'a> {
    pub to: ApplicationState,
    pub granted: i32,
    pub reason: Option<&'a str>,
    pub by: Uuid,
}

pub fn set_state(conn: &mut PgConnection, id: Uuid, s: &Step<'_>) -> QueryResult<Application> {
    let now = Utc::now();
    let decided = s.to.is_decision();
    diesel::update(quota_applications::table.find(id))
        .set((
            quota_applications::state.eq(s.to.as_str()),
            quota_applications::workers_granted.eq(s.granted),
            quota_applications::decision_reason.eq(s.reason),
            quota_applications::decided_by.eq(decided.then_some(s.by)),
            quota_applications::decided_at.eq(decided.then_some(now)),
            quota_applications::updated_at.eq(now),
        ))
        .returning(Application::as_returning())
        .get_result(conn)
}

pub fn mark_submitted(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(quota_applications::table.find(id))
        .set(quota_applications::submitted_at.eq(Utc::now()))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct ApplicationFilter {
    pub employer: Option<Uuid>,
    pub state: Option<ApplicationState>,
    pub year: Option<i32>,
}

pub fn list_applications(
    conn: &mut PgConnection,
    f: &ApplicationFilter,
    limit: i64,
) -> QueryResult<Vec<Application>> {
    let mut q = quota_applications::table.into_boxed();
    if let Some(e) = f.employer {
        q = q.filter(quota_applications::employer_id.eq(e));
    }
    if let Some(s) = f.state {
        q = q.filter(quota_applications::state.eq(s.as_str()));
    }
    if let Some(y) = f.year {
        q = q.filter(quota_applications::year.eq(y));
    }
    q.order(quota_applications::created_at.desc())
        .limit(limit)
        .select(Application::as_select())
        .load(conn)
}

/// The employer's approved applications that could give a unit for this job, oldest decision
/// first.
pub fn usable(
    conn: &mut PgConnection,
    employer: Uuid,
    year: i32,
    region: &str,
    caps: &[Uuid],
) -> QueryResult<Vec<Uuid>> {
    quota_applications::table
        .filter(quota_applications::employer_id.eq(employer))
        .filter(quota_applications::year.eq(year))
        .filter(quota_applications::region_code.eq(region))
        .filter(quota_applications::cap_id.eq_any(caps))
        .filter(quota_applications::state.eq_any([
            ApplicationState::Approved.as_str(),
            ApplicationState::PartiallyApproved.as_str(),
        ]))
        .filter(quota_applications::used.lt(quota_applications::workers_granted))
        .order(quota_applications::decided_at.asc())
        .select(quota_applications::id)
        .load(conn)
}

/// Takes one unit of the application; false when none is left (a concurrent approval took it).
pub fn take_unit(conn: &mut PgConnection, application: Uuid) -> QueryResult<bool> {
    let updated = diesel::update(
        quota_applications::table
            .find(application)
            .filter(quota_applications::used.lt(quota_applications::workers_granted)),
    )
    .set(quota_applications::used.eq(quota_applications::used + 1))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn give_back_unit(conn: &mut PgConnection, application: Uuid) -> QueryResult<()> {
    diesel::update(
        quota_applications::table
            .find(application)
            .filter(quota_applications::used.gt(0)),
    )
    .set(quota_applications::used.eq(quota_applications::used - 1))
    .execute(conn)?;
    Ok(())
}

pub fn set_placement_unit(
    conn: &mut PgConnection,
    placement: Uuid,
    application: Option<Uuid>,
) -> QueryResult<()> {
    diesel::update(placements::table.find(placement))
        .set(placements::quota_application_id.eq(application))
        .execute(conn)?;
    Ok(())
}

pub fn unit_of_placement(conn: &mut PgConnection, placement: Uuid) -> QueryResult<Option<Uuid>> {
    placements::table
        .find(placement)
        .select(placements::quota_application_id)
        .first(conn)
}

/// Every employer's quota with units left: (employer, region, ISCO-08 group, year), once each.
pub fn open_units(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, String, String, i32)>> {
    quota_applications::table
        .inner_join(quota_caps::table)
        .filter(quota_applications::state.eq_any([
            ApplicationState::Approved.as_str(),
            ApplicationState::PartiallyApproved.as_str(),
        ]))
        .filter(quota_applications::used.lt(quota_applications::workers_granted))
        .select((
            quota_applications::employer_id,
            quota_applications::region_code,
            quota_caps::occupation_group,
            quota_applications::year,
        ))
        .distinct()
        .load(conn)
}
