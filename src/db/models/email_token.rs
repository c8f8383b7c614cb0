use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::email_tokens;

pub const VERIFY_EMAIL: &str = "verify_email";
pub const RESET_PASSWORD: &str = "reset_password";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_tokens)]
pub struct EmailToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub purpose: String,
    pub token_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &mut PgConnection, token: &EmailToken) -> QueryResult<()> {
    diesel::insert_into(email_tokens::table)
        .values(token)
        .execute(conn)
        .map(|_| ())
}

/// Consumes a live token of this purpose: marks it used and returns it, or `None`.
pub fn consume(
    conn: &mut PgConnection,
    purpose: &str,
    hash: &[u8],
) -> QueryResult<Option<EmailToken>> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(hash))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used_at.is_null())
            .filter(email_tokens::expires_at.gt(Utc::now())),
    )
    .set(email_tokens::used_at.eq(Utc::now()))
    .returning(EmailToken::as_returning())
    .get_result(conn)
    .optional()
}

/// A new token makes the older unused ones of the same purpose useless.
pub fn invalidate_open(
    conn: &mut PgConnection,
    user_id: Uuid,
    purpose: &str,
) -> QueryResult<usize> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Utc::now()))
    .execute(conn)
}
