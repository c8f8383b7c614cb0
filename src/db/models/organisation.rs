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

/// Insert, find by id and list by id for one organisation table: the three tables differ only in
/// their columns.
macro_rules! organisation_table {
    ($table:ident, $row:ident, $insert:ident, $find:ident, $list:ident) => {
        pub fn $insert(conn: &mut PgConnection, row: &$row) -> QueryResult<$row> {
            diesel::insert_into($table::table)
                .values(row)
                .returning($row::as_returning())
                .get_result(conn)
        }

        pub fn $find(conn: &mut PgConnection, id: Uuid) -> QueryResult<$row> {
            $table::table.find(id).select($row::as_select()).first(conn)
        }

        /// At most `limit` rows after the `after` id, by id.
        pub fn $list(
            conn: &mut PgConnection,
            after: Option<Uuid>,
            limit: i64,
        ) -> QueryResult<Vec<$row>> {
            let mut q = $table::table.select($row::as_select()).into_boxed();
            if let Some(cursor) = after {
                q = q.filter($table::id.gt(cursor));
            }
            q.order($table::id.asc()).limit(limit).load(conn)
        }
    };
}

organisation_table!(
    employers,
    Employer,
    insert_employer,
    find_employer,
    list_employers
);
organisation_table!(agencies, Agency, insert_agency, find_agency, list_agencies);
organisation_table!(centres, Centre, insert_centre, find_centre, list_centres);
