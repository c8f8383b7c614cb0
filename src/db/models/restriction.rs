//! Policy values and employer restrictions.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{employer_restrictions, policies};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = policies)]
pub struct Policy {
    pub key: String,
    pub value: i32,
    pub reason: String,
    pub updated_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

pub fn policies(conn: &mut PgConnection) -> QueryResult<Vec<Policy>> {
    policies::table
        .order(policies::key)
        .select(Policy::as_select())
        .load(conn)
}

pub fn policy(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Policy>> {
    policies::table
        .find(key)
        .select(Policy::as_select())
        .first(conn)
        .optional()
}

pub fn set_policy(
    conn: &mut PgConnection,
    key: &str,
    value: i32,
    reason: &str,
    by: Uuid,
) -> QueryResult<Policy> {
    diesel::update(policies::table.find(key))
        .set((
            policies::value.eq(value),
            policies::reason.eq(reason),
            policies::updated_by.eq(by),
            policies::updated_at.eq(Utc::now()),
        ))
        .returning(Policy::as_returning())
        .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = employer_restrictions)]
pub struct Restriction {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub cause: String,
    pub detail: String,
    pub imposed_at: DateTime<Utc>,
    pub imposed_by: Option<Uuid>,
    pub lifted_at: Option<DateTime<Utc>>,
    pub lifted_by: Option<Uuid>,
    pub lift_reason: Option<String>,
}

/// Imposes a restriction unless one of the same cause is active (then `None`).
pub fn impose(conn: &mut PgConnection, r: &Restriction) -> QueryResult<Option<Restriction>> {
    diesel::insert_into(employer_restrictions::table)
        .values(r)
        .on_conflict_do_nothing()
        .returning(Restriction::as_returning())
        .get_result(conn)
        .optional()
}

pub fn active(conn: &mut PgConnection, employer: Uuid) -> QueryResult<Vec<Restriction>> {
    employer_restrictions::table
        .filter(employer_restrictions::employer_id.eq(employer))
        .filter(employer_restrictions::lifted_at.is_null())
        .order(employer_restrictions::imposed_at.asc())
        .select(Restriction::as_select())
        .load(conn)
}

pub fn of_employer(conn: &mut PgConnection, employer: Uuid) -> QueryResult<Vec<Restriction>> {
    employer_restrictions::table
        .filter(employer_restrictions::employer_id.eq(employer))
        .order(employer_restrictions::imposed_at.desc())
        .select(Restriction::as_select())
        .load(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Restriction> {
    employer_restrictions::table
        .find(id)
        .select(Restriction::as_select())
        .for_update()
        .first(conn)
}

pub fn lift(conn: &mut PgConnection, id: Uuid, by: Uuid, reason: &str) -> QueryResult<Restriction> {
    diesel::update(employer_restrictions::table.find(id))
        .set((
            employer_restrictions::lifted_at.eq(Utc::now()),
            employer_restrictions::lifted_by.eq(by),
            employer_restrictions::lift_reason.eq(reason),
        ))
        .returning(Restriction::as_returning())
        .get_result(conn)
}
