use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::db::schema::candidate_profiles;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = candidate_profiles)]
pub struct CandidateProfile {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub created_by: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: String,
    pub citizenship: String,
    pub passport_ciphertext: Vec<u8>,
    pub passport_hmac: Vec<u8>,
    pub passport_last4: String,
    pub passport_expiry: NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Value,
    pub russian_level: Option<String>,
    pub occupations: Vec<String>,
    pub skills: String,
    pub experience_years: i32,
    pub education_level: Option<i16>,
    pub preferred_regions: Vec<String>,
    pub salary_min: Option<i32>,
    pub available_from: Option<NaiveDate>,
    pub searchable: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Default, Clone, AsChangeset)]
#[diesel(table_name = candidate_profiles)]
pub struct CandidateChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<String>,
    pub citizenship: Option<String>,
    pub passport_ciphertext: Option<Vec<u8>>,
    pub passport_hmac: Option<Vec<u8>>,
    pub passport_last4: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub languages: Option<Value>,
    pub russian_level: Option<Option<String>>,
    pub occupations: Option<Vec<String>>,
    pub skills: Option<String>,
    pub experience_years: Option<i32>,
    pub education_level: Option<Option<i16>>,
    pub preferred_regions: Option<Vec<String>>,
    pub salary_min: Option<Option<i32>>,
    pub available_from: Option<Option<NaiveDate>>,
    pub searchable: Option<bool>,
}

pub fn insert(conn: &mut PgConnection, p: &CandidateProfile) -> QueryResult<CandidateProfile> {
    diesel::insert_into(candidate_profiles::table)
        .values(p)
        .returning(CandidateProfile::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<CandidateProfile> {
    candidate_profiles::table
        .find(id)
        .select(CandidateProfile::as_select())
        .first(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<CandidateProfile> {
    candidate_profiles::table
        .find(id)
        .select(CandidateProfile::as_select())
        .for_update()
        .first(conn)
}

pub fn find_by_user(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Option<CandidateProfile>> {
    candidate_profiles::table
        .filter(candidate_profiles::user_id.eq(user_id))
        .select(CandidateProfile::as_select())
        .first(conn)
        .optional()
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &CandidateChanges,
) -> QueryResult<CandidateProfile> {
    diesel::update(candidate_profiles::table.find(id))
        .set((
            changes,
            candidate_profiles::version.eq(candidate_profiles::version + 1),
            candidate_profiles::updated_at.eq(Utc::now()),
        ))
        .returning(CandidateProfile::as_returning())
        .get_result(conn)
}

/// Newest first, keyset-paginated on the time-ordered id; `only` restricts to a set of ids.
pub fn list(
    conn: &mut PgConnection,
    only: Option<&[Uuid]>,
    before: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<CandidateProfile>> {
    let mut q = candidate_profiles::table
        .select(CandidateProfile::as_select())
        .into_boxed();
    if let Some(ids) = only {
        q = q.filter(candidate_profiles::id.eq_any(ids.to_vec()));
    }
    if let Some(cursor) = before {
        q = q.filter(candidate_profiles::id.lt(cursor));
    }
    q.order(candidate_profiles::id.desc())
        .limit(limit)
        .load(conn)
}

/// Whether another profile already holds this passport (by its lookup hash).
pub fn passport_taken(
    conn: &mut PgConnection,
    passport_hmac: &[u8],
    except: Option<Uuid>,
) -> QueryResult<bool> {
    let mut q = candidate_profiles::table
        .filter(candidate_profiles::passport_hmac.eq(passport_hmac))
        .select(candidate_profiles::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(candidate_profiles::id.ne(id));
    }
    Ok(q.first::<Uuid>(conn).optional()?.is_some())
}

/// Profiles among `ids` whose owner lets them be found (consent is checked by the caller).
pub fn find_searchable(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<Vec<CandidateProfile>> {
    candidate_profiles::table
        .filter(candidate_profiles::id.eq_any(ids))
        .filter(candidate_profiles::searchable.eq(true))
        .select(CandidateProfile::as_select())
        .load(conn)
}
