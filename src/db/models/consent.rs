use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::consents;
use crate::domain::access::Representative;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = consents)]
pub struct Consent {
    pub id: Uuid,
    pub profile_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub method: String,
    pub granted_by: Uuid,
    pub granted_at: DateTime<Utc>,
    pub revoked_by: Option<Uuid>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Consent {
    /// The agency or centre this consent lets act for the person.
    pub fn representative(&self) -> Option<Representative> {
        Representative::from_ids(
            self.agency_id.map(Into::into),
            self.centre_id.map(Into::into),
        )
    }
}

pub fn insert(conn: &mut PgConnection, c: &Consent) -> QueryResult<Consent> {
    diesel::insert_into(consents::table)
        .values(c)
        .returning(Consent::as_returning())
        .get_result(conn)
}

pub fn active_for_profile(conn: &mut PgConnection, profile_id: Uuid) -> QueryResult<Vec<Consent>> {
    active_for_profiles(conn, &[profile_id])
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Consent> {
    consents::table
        .find(id)
        .select(Consent::as_select())
        .first(conn)
}

pub fn revoke(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<Consent> {
    diesel::update(consents::table.find(id))
        .set((
            consents::revoked_at.eq(Utc::now()),
            consents::revoked_by.eq(by),
        ))
        .returning(Consent::as_returning())
        .get_result(conn)
}

/// Profiles that an agency or a centre currently represents.
pub fn represented_profile_ids(
    conn: &mut PgConnection,
    by: Representative,
) -> QueryResult<Vec<Uuid>> {
    let q = consents::table
        .filter(consents::revoked_at.is_null())
        .select(consents::profile_id)
        .into_boxed();
    match by {
        Representative::Agency(a) => q.filter(consents::agency_id.eq(a.uuid())).load(conn),
        Representative::Centre(c) => q.filter(consents::centre_id.eq(c.uuid())).load(conn),
    }
}

/// The active consents of several profiles in one query (a page of profiles, a page of hits).
pub fn active_for_profiles(
    conn: &mut PgConnection,
    profile_ids: &[Uuid],
) -> QueryResult<Vec<Consent>> {
    consents::table
        .filter(consents::profile_id.eq_any(profile_ids))
        .filter(consents::revoked_at.is_null())
        .order(consents::granted_at.asc())
        .select(Consent::as_select())
        .load(conn)
}
