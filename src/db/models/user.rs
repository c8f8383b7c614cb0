use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{memberships, users};
use crate::domain::members::Organisation;

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

/// A membership as the member list shows it: the organisation link, and ownership.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = memberships)]
pub struct MembershipRecord {
    #[diesel(embed)]
    pub link: Membership,
    pub is_owner: bool,
}

impl MembershipRecord {
    pub fn organisation(&self) -> Option<Organisation> {
        let l = &self.link;
        Organisation::from_columns(l.employer_id, l.agency_id, l.centre_id)
    }
}

pub fn membership_record(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Option<MembershipRecord>> {
    memberships::table
        .find(user_id)
        .select(MembershipRecord::as_select())
        .first(conn)
        .optional()
}

/// Adds an account to an organisation, approved or pending, owning it or not.
pub fn join(
    conn: &mut PgConnection,
    user_id: Uuid,
    org: Organisation,
    approved: bool,
    owner: bool,
) -> QueryResult<()> {
    let (employer_id, agency_id, centre_id) = Organisation::columns(Some(org));
    let now = Utc::now();
    diesel::insert_into(memberships::table)
        .values((
            memberships::user_id.eq(user_id),
            memberships::employer_id.eq(employer_id),
            memberships::agency_id.eq(agency_id),
            memberships::centre_id.eq(centre_id),
            memberships::approved_at.eq(approved.then_some(now)),
            memberships::created_at.eq(now),
            memberships::is_owner.eq(owner),
        ))
        .execute(conn)
        .map(|_| ())
}

fn of_org(
    org: Organisation,
) -> diesel::dsl::IntoBoxed<'static, memberships::table, diesel::pg::Pg> {
    let q = memberships::table.into_boxed();
    match org {
        Organisation::Employer(id) => q.filter(memberships::employer_id.eq(id.uuid())),
        Organisation::Agency(id) => q.filter(memberships::agency_id.eq(id.uuid())),
        Organisation::Centre(id) => q.filter(memberships::centre_id.eq(id.uuid())),
    }
}

/// Every member of an organisation with their account, oldest first.
pub fn members_of(
    conn: &mut PgConnection,
    org: Organisation,
) -> QueryResult<Vec<(MembershipRecord, User)>> {
    let ids: Vec<MembershipRecord> = of_org(org)
        .select(MembershipRecord::as_select())
        .order(memberships::created_at.asc())
        .load(conn)?;
    let accounts: Vec<User> = users::table
        .filter(users::id.eq_any(ids.iter().map(|m| m.link.user_id).collect::<Vec<_>>()))
        .select(User::as_select())
        .load(conn)?;
    Ok(ids
        .into_iter()
        .filter_map(|m| {
            let account = accounts.iter().find(|u| u.id == m.link.user_id)?.clone();
            Some((m, account))
        })
        .collect())
}

pub fn has_owner(conn: &mut PgConnection, org: Organisation) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        of_org(org)
            .filter(memberships::is_owner.eq(true))
            .select(memberships::user_id),
    ))
    .get_result(conn)
}

pub fn make_owner(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::update(memberships::table.find(user_id))
        .set(memberships::is_owner.eq(true))
        .execute(conn)
}

pub fn remove_membership(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::delete(memberships::table.find(user_id)).execute(conn)
}

/// The newest `limit` accounts (by id: ids are time-ordered) with their memberships, for the
/// admin's list of users.
pub fn list_with_memberships(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<(User, Option<MembershipRecord>)>> {
    let accounts: Vec<User> = users::table
        .order(users::id.desc())
        .limit(limit)
        .select(User::as_select())
        .load(conn)?;
    let ids: Vec<Uuid> = accounts.iter().map(|u| u.id).collect();
    let records: Vec<MembershipRecord> = memberships::table
        .filter(memberships::user_id.eq_any(&ids))
        .select(MembershipRecord::as_select())
        .load(conn)?;
    Ok(accounts
        .into_iter()
        .map(|u| {
            let m = records.iter().find(|m| m.link.user_id == u.id).cloned();
            (u, m)
        })
        .collect())
}
