//! The append-only history of agencies' licences, and the queries the licence service needs on
//! the agency rows and the people to tell about a change.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::db::models::organisation::Agency;
use crate::db::schema::{
    agencies, candidate_profiles, consents, licence_events, memberships, users,
};
use crate::domain::licence::LicenceStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = licence_events)]
pub struct LicenceEvent {
    pub id: i64,
    pub agency_id: Uuid,
    pub action: String,
    /// `None` for the first row of an agency registered with its licence.
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub licence_number: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub regions: Vec<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = licence_events)]
pub struct NewLicenceEvent<'a> {
    pub agency_id: Uuid,
    pub action: &'a str,
    pub from_status: Option<&'a str>,
    pub to_status: &'a str,
    pub reason: &'a str,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<&'a str>,
    pub licence_number: &'a str,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub regions: &'a [String],
}

pub fn insert(conn: &mut PgConnection, event: &NewLicenceEvent<'_>) -> QueryResult<LicenceEvent> {
    diesel::insert_into(licence_events::table)
        .values(event)
        .returning(LicenceEvent::as_returning())
        .get_result(conn)
}

/// An agency's history, oldest first.
pub fn history(conn: &mut PgConnection, agency: Uuid) -> QueryResult<Vec<LicenceEvent>> {
    licence_events::table
        .filter(licence_events::agency_id.eq(agency))
        .order(licence_events::id.asc())
        .select(LicenceEvent::as_select())
        .load(conn)
}

/// The agency row, locked for a licence change.
pub fn agency_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Agency> {
    agencies::table
        .find(id)
        .select(Agency::as_select())
        .for_update()
        .first(conn)
}

/// The licence columns after a change.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = agencies)]
pub struct LicenceChanges<'a> {
    pub licence_number: &'a str,
    pub licence_issuer: &'a str,
    pub licence_valid_from: NaiveDate,
    pub licence_valid_to: NaiveDate,
    pub licence_regions: &'a [String],
    pub licence_status: &'a str,
    pub updated_at: DateTime<Utc>,
}

pub fn update_licence(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &LicenceChanges<'_>,
) -> QueryResult<Agency> {
    diesel::update(agencies::table.find(id))
        .set(changes)
        .returning(Agency::as_returning())
        .get_result(conn)
}

/// Stored statuses that expire by date: an active or suspended licence past its validity.
fn listed() -> [&'static str; 2] {
    [
        LicenceStatus::Active.as_str(),
        LicenceStatus::Suspended.as_str(),
    ]
}

/// Agencies stored active or suspended whose validity ended before `today`, locked.
pub fn due_to_expire(conn: &mut PgConnection, today: NaiveDate) -> QueryResult<Vec<Agency>> {
    agencies::table
        .filter(agencies::licence_status.eq_any(listed()))
        .filter(agencies::licence_valid_to.lt(today))
        .order(agencies::id.asc())
        .select(Agency::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

pub fn find_by_number(conn: &mut PgConnection, number: &str) -> QueryResult<Option<Agency>> {
    agencies::table
        .filter(agencies::licence_number.eq(number))
        .select(Agency::as_select())
        .first(conn)
        .optional()
}

/// Filters of the public registry. `status` is the effective status on `today`.
#[derive(Debug, Default, Clone)]
pub struct AgencyFilter {
    /// The status as of `today` (a listed licence past its validity counts as expired).
    pub status: Option<LicenceStatus>,
    pub region: Option<String>,
    /// Already escaped for `ILIKE` (see [`like_pattern`]).
    pub pattern: Option<String>,
    pub today: NaiveDate,
}

/// `%text%` with the `LIKE` wildcards and the escape character in `text` taken literally.
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// At most `limit` agencies after the `after` id, by id, that pass the filter.
pub fn list_filtered(
    conn: &mut PgConnection,
    filter: &AgencyFilter,
    after: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Agency>> {
    use agencies::dsl as a;
    let mut q = agencies::table.select(Agency::as_select()).into_boxed();
    if let Some(cursor) = after {
        q = q.filter(a::id.gt(cursor));
    }
    let today = filter.today;
    match filter.status {
        Some(status @ (LicenceStatus::Active | LicenceStatus::Suspended)) => {
            q = q
                .filter(a::licence_status.eq(status.as_str()))
                .filter(a::licence_valid_to.ge(today))
        }
        Some(LicenceStatus::Expired) => {
            q = q.filter(
                a::licence_status
                    .eq(LicenceStatus::Expired.as_str())
                    .or(a::licence_status
                        .eq_any(listed())
                        .and(a::licence_valid_to.lt(today))),
            )
        }
        Some(LicenceStatus::Revoked) => {
            q = q.filter(a::licence_status.eq(LicenceStatus::Revoked.as_str()))
        }
        None => {}
    }
    if let Some(region) = &filter.region {
        q = q.filter(a::licence_regions.contains(vec![region.clone()]));
    }
    if let Some(p) = &filter.pattern {
        q = q.filter(
            a::name
                .ilike(p.clone())
                .or(a::licence_number.ilike(p.clone())),
        );
    }
    q.order(a::id.asc()).limit(limit).load(conn)
}

/// Someone to tell about a licence change: an address and the language to write in.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Recipient {
    pub email: String,
    pub locale: String,
}

/// The agency's approved staff with enabled accounts.
pub fn staff_of(conn: &mut PgConnection, agency: Uuid) -> QueryResult<Vec<Recipient>> {
    memberships::table
        .inner_join(users::table)
        .filter(memberships::agency_id.eq(agency))
        .filter(memberships::approved_at.is_not_null())
        .filter(users::disabled_at.is_null())
        .order(users::id.asc())
        .select((users::email, users::locale))
        .load(conn)
}

/// The candidates the agency represents (an active consent) who have an enabled account; a
/// candidate without an account has no address to write to.
pub fn represented_by(conn: &mut PgConnection, agency: Uuid) -> QueryResult<Vec<Recipient>> {
    consents::table
        .inner_join(candidate_profiles::table)
        .inner_join(users::table.on(candidate_profiles::user_id.eq(users::id.nullable())))
        .filter(consents::agency_id.eq(agency))
        .filter(consents::revoked_at.is_null())
        .filter(users::disabled_at.is_null())
        .select((users::email, users::locale))
        .distinct()
        .order((users::email.asc(), users::locale.asc()))
        .load(conn)
}
