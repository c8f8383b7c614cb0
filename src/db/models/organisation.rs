use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::db::schema::{agencies, centres, employers};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = employers)]
/// Also the audit snapshot of an employer: all of it is business data (a company's contact
/// address and phone, not a person's).
pub struct Employer {
    pub id: Uuid,
    pub inn: String,
    pub ogrn: Option<String>,
    pub name: String,
    pub region_code: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = employers)]
pub struct EmployerChanges {
    pub address: Option<Option<String>>,
    pub contact_email: Option<Option<String>>,
    pub contact_phone: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub city: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = agencies)]
pub struct Agency {
    pub id: Uuid,
    pub name: String,
    pub inn: String,
    pub country: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub licence_number: String,
    pub licence_issuer: String,
    pub licence_valid_from: NaiveDate,
    pub licence_valid_to: NaiveDate,
    pub licence_regions: Vec<String>,
    pub licence_status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Agency {
    /// Active on `today`: status active and inside the validity window.
    pub fn licence_active_on(&self, today: NaiveDate) -> bool {
        self.licence_status == "active"
            && self.licence_valid_from <= today
            && today <= self.licence_valid_to
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = centres)]
pub struct Centre {
    pub id: Uuid,
    pub name: String,
    pub region_code: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn insert_employer(conn: &mut PgConnection, e: &Employer) -> QueryResult<Employer> {
    diesel::insert_into(employers::table)
        .values(e)
        .returning(Employer::as_returning())
        .get_result(conn)
}

pub fn find_employer(conn: &mut PgConnection, id: Uuid) -> QueryResult<Employer> {
    employers::table
        .find(id)
        .select(Employer::as_select())
        .first(conn)
}

pub fn find_employer_by_inn(conn: &mut PgConnection, inn: &str) -> QueryResult<Option<Employer>> {
    employers::table
        .filter(employers::inn.eq(inn))
        .select(Employer::as_select())
        .first(conn)
        .optional()
}

pub fn update_employer(
    conn: &mut PgConnection,
    id: Uuid,
    mut changes: EmployerChanges,
) -> QueryResult<Employer> {
    changes.updated_at = Some(Utc::now());
    diesel::update(employers::table.find(id))
        .set(&changes)
        .returning(Employer::as_returning())
        .get_result(conn)
}

pub fn list_employers(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Employer>> {
    let mut q = employers::table.select(Employer::as_select()).into_boxed();
    if let Some(cursor) = after {
        q = q.filter(employers::id.gt(cursor));
    }
    q.order(employers::id.asc()).limit(limit).load(conn)
}

pub fn insert_agency(conn: &mut PgConnection, a: &Agency) -> QueryResult<Agency> {
    diesel::insert_into(agencies::table)
        .values(a)
        .returning(Agency::as_returning())
        .get_result(conn)
}

pub fn find_agency(conn: &mut PgConnection, id: Uuid) -> QueryResult<Agency> {
    agencies::table
        .find(id)
        .select(Agency::as_select())
        .first(conn)
}

pub fn list_agencies(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Agency>> {
    let mut q = agencies::table.select(Agency::as_select()).into_boxed();
    if let Some(cursor) = after {
        q = q.filter(agencies::id.gt(cursor));
    }
    q.order(agencies::id.asc()).limit(limit).load(conn)
}

pub fn insert_centre(conn: &mut PgConnection, c: &Centre) -> QueryResult<Centre> {
    diesel::insert_into(centres::table)
        .values(c)
        .returning(Centre::as_returning())
        .get_result(conn)
}

pub fn find_centre(conn: &mut PgConnection, id: Uuid) -> QueryResult<Centre> {
    centres::table
        .find(id)
        .select(Centre::as_select())
        .first(conn)
}

pub fn list_centres(
    conn: &mut PgConnection,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Centre>> {
    let mut q = centres::table.select(Centre::as_select()).into_boxed();
    if let Some(cursor) = after {
        q = q.filter(centres::id.gt(cursor));
    }
    q.order(centres::id.asc()).limit(limit).load(conn)
}
