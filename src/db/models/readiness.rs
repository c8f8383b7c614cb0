//! The readiness checklist rows, departures, and the one query that reads orientation
//! attendance (owned by the centres' tables).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Timestamptz, Uuid as SqlUuid};
use serde::Serialize;
use uuid::Uuid;

use crate::db::schema::{cohort_placements, cohorts, departures, readiness_items};
use crate::domain::readiness::{Item, ItemStatus, Record};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = readiness_items)]
#[diesel(treat_none_as_null = true)]
pub struct ReadinessItem {
    pub candidate_id: Uuid,
    pub item: String,
    pub status: String,
    pub evidence_ref: Option<String>,
    pub checked_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub level: Option<String>,
    pub language: Option<String>,
    pub checked_by: Uuid,
    pub checked_at: DateTime<Utc>,
    pub version: i64,
}

impl ReadinessItem {
    /// The row as the rules read it; `None` for a name the CHECK constraint would not admit.
    pub fn record(&self) -> Option<Record> {
        Some(Record {
            item: self.item.parse::<Item>().ok()?,
            status: self.status.parse::<ItemStatus>().ok()?,
            checked_on: self.checked_on,
            valid_until: self.valid_until,
            level: self.level.clone(),
            language: self.language.clone(),
        })
    }
}

/// The candidate's recorded items.
pub fn for_candidate(conn: &mut PgConnection, candidate: Uuid) -> QueryResult<Vec<ReadinessItem>> {
    readiness_items::table
        .filter(readiness_items::candidate_id.eq(candidate))
        .select(ReadinessItem::as_select())
        .load(conn)
}

/// One item, locked for a change.
pub fn find_for_update(
    conn: &mut PgConnection,
    candidate: Uuid,
    item: Item,
) -> QueryResult<Option<ReadinessItem>> {
    readiness_items::table
        .find((candidate, item.as_str()))
        .select(ReadinessItem::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Writes the current row of an item (insert or replace).
pub fn upsert(conn: &mut PgConnection, row: &ReadinessItem) -> QueryResult<ReadinessItem> {
    diesel::insert_into(readiness_items::table)
        .values(row)
        .on_conflict((readiness_items::candidate_id, readiness_items::item))
        .do_update()
        .set(row)
        .returning(ReadinessItem::as_returning())
        .get_result(conn)
}

#[derive(QueryableByName)]
struct Attended {
    #[diesel(sql_type = Nullable<Timestamptz>)]
    at: Option<DateTime<Utc>>,
}

/// When the candidate first attended an orientation session: a booking not cancelled, with
/// attendance recorded, on a session that has started. The one place that reads attendance.
pub fn attended_orientation(
    conn: &mut PgConnection,
    candidate: Uuid,
) -> QueryResult<Option<DateTime<Utc>>> {
    Ok(diesel::sql_query(
        "SELECT min(b.attended_at) AS at
           FROM session_bookings b
           JOIN orientation_sessions s ON s.id = b.session_id
          WHERE b.candidate_id = $1
            AND b.cancelled_at IS NULL
            AND b.attended_at IS NOT NULL
            AND s.starts_at <= now()",
    )
    .bind::<SqlUuid, _>(candidate)
    .get_result::<Attended>(conn)?
    .at)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = departures)]
pub struct Departure {
    pub placement_id: Uuid,
    pub departure_date: NaiveDate,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    pub cohort_id: Option<Uuid>,
}

pub fn insert_departure(conn: &mut PgConnection, d: &Departure) -> QueryResult<Departure> {
    diesel::insert_into(departures::table)
        .values(d)
        .returning(Departure::as_returning())
        .get_result(conn)
}

pub fn departure_of(conn: &mut PgConnection, placement: Uuid) -> QueryResult<Option<Departure>> {
    departures::table
        .find(placement)
        .select(Departure::as_select())
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cohorts)]
pub struct Cohort {
    pub id: Uuid,
    pub centre_id: Uuid,
    pub departure_date: NaiveDate,
    pub transport: String,
    pub escort: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub confirmed_by: Option<Uuid>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cohort_placements)]
pub struct CohortPlacement {
    pub cohort_id: Uuid,
    pub placement_id: Uuid,
    pub outcome: Option<String>,
    pub missing: Option<serde_json::Value>,
}

pub fn insert_cohort(
    conn: &mut PgConnection,
    c: &Cohort,
    placements: &[Uuid],
) -> QueryResult<(Cohort, Vec<CohortPlacement>)> {
    let cohort = diesel::insert_into(cohorts::table)
        .values(c)
        .returning(Cohort::as_returning())
        .get_result(conn)?;
    let rows: Vec<CohortPlacement> = placements
        .iter()
        .map(|p| CohortPlacement {
            cohort_id: cohort.id,
            placement_id: *p,
            outcome: None,
            missing: None,
        })
        .collect();
    let members = diesel::insert_into(cohort_placements::table)
        .values(&rows)
        .returning(CohortPlacement::as_returning())
        .get_results(conn)?;
    Ok((cohort, members))
}

pub fn find_cohort(conn: &mut PgConnection, id: Uuid, for_update: bool) -> QueryResult<Cohort> {
    let q = cohorts::table.find(id).select(Cohort::as_select());
    if for_update {
        q.for_update().first(conn)
    } else {
        q.first(conn)
    }
}

/// The placements of a cohort, in the order of their ids.
pub fn cohort_members(conn: &mut PgConnection, cohort: Uuid) -> QueryResult<Vec<CohortPlacement>> {
    cohort_placements::table
        .filter(cohort_placements::cohort_id.eq(cohort))
        .order(cohort_placements::placement_id)
        .select(CohortPlacement::as_select())
        .load(conn)
}

pub fn set_outcome(
    conn: &mut PgConnection,
    cohort: Uuid,
    placement: Uuid,
    outcome: &str,
    missing: Option<serde_json::Value>,
) -> QueryResult<usize> {
    diesel::update(cohort_placements::table.find((cohort, placement)))
        .set((
            cohort_placements::outcome.eq(outcome),
            cohort_placements::missing.eq(missing),
        ))
        .execute(conn)
}

pub fn confirm_cohort(
    conn: &mut PgConnection,
    cohort: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<Cohort> {
    diesel::update(cohorts::table.find(cohort))
        .set((
            cohorts::confirmed_by.eq(Some(by)),
            cohorts::confirmed_at.eq(Some(at)),
        ))
        .returning(Cohort::as_returning())
        .get_result(conn)
}

/// Notes that `item` of the placement's checklist lapsed on `lapsed_on` was told; false when it
/// already had been (each lapse is emailed once).
pub fn note_lapse(
    conn: &mut PgConnection,
    placement: Uuid,
    item: Item,
    lapsed_on: NaiveDate,
) -> QueryResult<bool> {
    use crate::db::schema::readiness_lapse_notices as n;
    let inserted = diesel::insert_into(n::table)
        .values((
            n::placement_id.eq(placement),
            n::item.eq(item.as_str()),
            n::lapsed_on.eq(lapsed_on),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(inserted == 1)
}
