//! Browser sessions (migration 2026-12-04-000001_web_sessions): only the SHA-256 of the cookie
//! value is stored.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::web_sessions;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = web_sessions)]
pub struct WebSession {
    pub id: Uuid,
    pub user_id: Uuid,
    pub token_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, session: &WebSession) -> QueryResult<()> {
    diesel::insert_into(web_sessions::table)
        .values(session)
        .execute(conn)
        .map(|_| ())
}

/// The open (not revoked, not expired) session with this cookie digest.
pub fn find_open(
    conn: &mut PgConnection,
    hash: &[u8],
    now: DateTime<Utc>,
) -> QueryResult<Option<WebSession>> {
    web_sessions::table
        .filter(web_sessions::token_hash.eq(hash))
        .filter(web_sessions::revoked_at.is_null())
        .filter(web_sessions::expires_at.gt(now))
        .select(WebSession::as_select())
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut PgConnection, id: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(web_sessions::table.find(id))
        .set(web_sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Ends the session with this cookie digest; how many were open (0 or 1).
pub fn revoke_by_hash(conn: &mut PgConnection, hash: &[u8]) -> QueryResult<usize> {
    diesel::update(
        web_sessions::table
            .filter(web_sessions::token_hash.eq(hash))
            .filter(web_sessions::revoked_at.is_null()),
    )
    .set(web_sessions::revoked_at.eq(Utc::now()))
    .execute(conn)
}

/// Ends every open session of the user.
pub fn revoke_all_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        web_sessions::table
            .filter(web_sessions::user_id.eq(user_id))
            .filter(web_sessions::revoked_at.is_null()),
    )
    .set(web_sessions::revoked_at.eq(Utc::now()))
    .execute(conn)
}
