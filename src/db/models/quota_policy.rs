//! Quota policy rows: exemptions by citizenship and closed occupations.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{closed_occupations, occupations, quota_exemptions};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = quota_exemptions)]
pub struct QuotaExemption {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub reason: String,
    pub legal_source: String,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

pub fn exemptions(conn: &mut PgConnection) -> QueryResult<Vec<QuotaExemption>> {
    quota_exemptions::table
        .order(quota_exemptions::country)
        .select(QuotaExemption::as_select())
        .load(conn)
}

/// The exempt country codes.
pub fn exempt_countries(conn: &mut PgConnection) -> QueryResult<Vec<String>> {
    quota_exemptions::table
        .select(quota_exemptions::country)
        .load(conn)
}

pub fn exemption_for_update(
    conn: &mut PgConnection,
    country: &str,
) -> QueryResult<Option<QuotaExemption>> {
    quota_exemptions::table
        .find(country)
        .select(QuotaExemption::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Adds the exemption or replaces its reason and source.
pub fn upsert_exemption(
    conn: &mut PgConnection,
    e: &QuotaExemption,
) -> QueryResult<QuotaExemption> {
    diesel::insert_into(quota_exemptions::table)
        .values(e)
        .on_conflict(quota_exemptions::country)
        .do_update()
        .set((
            quota_exemptions::reason.eq(&e.reason),
            quota_exemptions::legal_source.eq(&e.legal_source),
            quota_exemptions::updated_by.eq(e.updated_by),
            quota_exemptions::updated_at.eq(e.updated_at),
        ))
        .returning(QuotaExemption::as_returning())
        .get_result(conn)
}

pub fn delete_exemption(conn: &mut PgConnection, country: &str) -> QueryResult<usize> {
    diesel::delete(quota_exemptions::table.find(country)).execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = closed_occupations)]
pub struct ClosedOccupation {
    pub id: Uuid,
    pub year: i32,
    /// ISO 3166-2:RU; `None` is all of Russia.
    pub region: Option<String>,
    /// ISCO-08 unit group or group prefix.
    pub occupation: String,
    pub reason: String,
    pub legal_source: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lifted_by: Option<Uuid>,
    pub lift_reason: Option<String>,
}

/// Adds a closure unless an active one has the same year, region and occupation (then `None`).
pub fn insert_closure(
    conn: &mut PgConnection,
    c: &ClosedOccupation,
) -> QueryResult<Option<ClosedOccupation>> {
    diesel::insert_into(closed_occupations::table)
        .values(c)
        .on_conflict_do_nothing()
        .returning(ClosedOccupation::as_returning())
        .get_result(conn)
        .optional()
}

/// The active closure with this year, region and occupation, if any.
pub fn active_duplicate(
    conn: &mut PgConnection,
    year: i32,
    region: Option<&str>,
    occupation: &str,
) -> QueryResult<Option<ClosedOccupation>> {
    let mut q = closed_occupations::table
        .filter(closed_occupations::year.eq(year))
        .filter(closed_occupations::occupation.eq(occupation))
        .filter(closed_occupations::lifted_at.is_null())
        .into_boxed();
    q = match region {
        Some(r) => q.filter(closed_occupations::region.eq(r.to_owned())),
        None => q.filter(closed_occupations::region.is_null()),
    };
    q.select(ClosedOccupation::as_select())
        .first(conn)
        .optional()
}

/// Closures, oldest first, of one year and of active (`Some(true)`), lifted (`Some(false)`) or
/// either state.
pub fn closures(
    conn: &mut PgConnection,
    year: Option<i32>,
    active: Option<bool>,
) -> QueryResult<Vec<ClosedOccupation>> {
    let mut q = closed_occupations::table.into_boxed();
    if let Some(y) = year {
        q = q.filter(closed_occupations::year.eq(y));
    }
    match active {
        Some(true) => q = q.filter(closed_occupations::lifted_at.is_null()),
        Some(false) => q = q.filter(closed_occupations::lifted_at.is_not_null()),
        None => {}
    }
    q.order((closed_occupations::created_at, closed_occupations::id))
        .select(ClosedOccupation::as_select())
        .load(conn)
}

/// The active closures of a year that may apply in `region`: its own and the federal ones.
pub fn active_in(
    conn: &mut PgConnection,
    year: i32,
    region: &str,
) -> QueryResult<Vec<ClosedOccupation>> {
    closed_occupations::table
        .filter(closed_occupations::year.eq(year))
        .filter(closed_occupations::lifted_at.is_null())
        .filter(
            closed_occupations::region
                .is_null()
                .or(closed_occupations::region.eq(region.to_owned())),
        )
        .order((closed_occupations::created_at, closed_occupations::id))
        .select(ClosedOccupation::as_select())
        .load(conn)
}

pub fn closure_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<ClosedOccupation> {
    closed_occupations::table
        .find(id)
        .select(ClosedOccupation::as_select())
        .for_update()
        .first(conn)
}

pub fn lift_closure(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    reason: &str,
) -> QueryResult<ClosedOccupation> {
    diesel::update(closed_occupations::table.find(id))
        .set((
            closed_occupations::lifted_at.eq(Utc::now()),
            closed_occupations::lifted_by.eq(by),
            closed_occupations::lift_reason.eq(reason),
        ))
        .returning(ClosedOccupation::as_returning())
        .get_result(conn)
}

/// Whether any occupation of the reference list lies under `prefix` (a code or group prefix).
pub fn occupation_group_exists(conn: &mut PgConnection, prefix: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        occupations::table.filter(occupations::code.like(format!("{prefix}%"))),
    ))
    .get_result(conn)
}
