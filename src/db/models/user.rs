use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{memberships, users};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub full_name: String,
    pub locale: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub full_name: &'a str,
    pub locale: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub role: Option<String>,
    pub full_name: Option<String>,
    pub locale: Option<String>,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<Option<DateTime<Utc>>>,
    pub disabled_at: Option<Option<DateTime<Utc>>>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct Membership {
    pub user_id: Uuid,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub approved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &mut PgConnection, new: &NewUser) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(new)
        .returning(User::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn update(conn: &mut PgConnection, id: Uuid, mut changes: UserChanges) -> QueryResult<User> {
    changes.updated_at = Some(Utc::now());
    diesel::update(users::table.find(id))
        .set(&changes)
        .returning(User::as_returning())
        .get_result(conn)
}

pub fn membership(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Option<Membership>> {
    memberships::table
        .find(user_id)
        .select(Membership::as_select())
        .first(conn)
        .optional()
}

pub fn add_membership(conn: &mut PgConnection, m: &Membership) -> QueryResult<()> {
    diesel::insert_into(memberships::table)
        .values(m)
        .execute(conn)
        .map(|_| ())
}

pub fn any_exist(conn: &mut PgConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(users::table.select(users::id))).get_result(conn)
}

pub fn approve_membership(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        memberships::table
            .find(user_id)
            .filter(memberships::approved_at.is_null()),
    )
    .set(memberships::approved_at.eq(Utc::now()))
    .execute(conn)
}
