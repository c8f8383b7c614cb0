//! Orientation sessions, their bookings, and claim codes (migration 2026-12-03-000005_centres).

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::passport_review::ReviewStatus;

use crate::db::schema::{
    candidate_profiles, claim_codes, orientation_sessions, passport_reviews, session_bookings,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = orientation_sessions)]
pub struct Session {
    pub id: Uuid,
    pub centre_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub place: String,
    pub language: String,
    pub capacity: i32,
    pub topics: Vec<String>,
    pub note: String,
    pub booked: i32,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = session_bookings)]
pub struct Booking {
    pub id: Uuid,
    pub session_id: Uuid,
    pub candidate_id: Uuid,
    pub booked_by: Uuid,
    pub booked_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancelled_by: Option<Uuid>,
    pub attended_at: Option<DateTime<Utc>>,
    pub attendance_recorded_by: Option<Uuid>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = claim_codes)]
pub struct ClaimCodeRow {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub centre_id: Uuid,
    pub code_hash: Vec<u8>,
    pub issued_by: Uuid,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub voided_at: Option<DateTime<Utc>>,
    pub spent_at: Option<DateTime<Utc>>,
    pub spent_by: Option<Uuid>,
}

pub fn insert_session(conn: &mut PgConnection, s: &Session) -> QueryResult<Session> {
    diesel::insert_into(orientation_sessions::table)
        .values(s)
        .returning(Session::as_returning())
        .get_result(conn)
}

pub fn find_session(conn: &mut PgConnection, id: Uuid) -> QueryResult<Session> {
    orientation_sessions::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
}

/// A centre's sessions starting at or after `from`, soonest first.
pub fn list_sessions(
    conn: &mut PgConnection,
    centre_id: Uuid,
    from: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Session>> {
    orientation_sessions::table
        .filter(orientation_sessions::centre_id.eq(centre_id))
        .filter(orientation_sessions::starts_at.ge(from))
        .order((
            orientation_sessions::starts_at.asc(),
            orientation_sessions::id.asc(),
        ))
        .limit(limit)
        .select(Session::as_select())
        .load(conn)
}

/// Takes one seat if one is free, atomically: the row lock serialises concurrent bookings and
/// the condition is re-checked on the row as the previous booking left it. `None` = full.
pub fn take_seat(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Session>> {
    diesel::update(
        orientation_sessions::table
            .find(id)
            .filter(orientation_sessions::booked.lt(orientation_sessions::capacity)),
    )
    .set(orientation_sessions::booked.eq(orientation_sessions::booked + 1))
    .returning(Session::as_returning())
    .get_result(conn)
    .optional()
}

/// Gives a seat back (a cancelled booking).
pub fn free_seat(conn: &mut PgConnection, id: Uuid) -> QueryResult<Session> {
    diesel::update(orientation_sessions::table.find(id))
        .set(orientation_sessions::booked.eq(orientation_sessions::booked - 1))
        .returning(Session::as_returning())
        .get_result(conn)
}

pub fn find_booking_of(
    conn: &mut PgConnection,
    session_id: Uuid,
    candidate_id: Uuid,
) -> QueryResult<Option<Booking>> {
    session_bookings::table
        .filter(session_bookings::session_id.eq(session_id))
        .filter(session_bookings::candidate_id.eq(candidate_id))
        .select(Booking::as_select())
        .first(conn)
        .optional()
}

pub fn find_booking_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Booking> {
    session_bookings::table
        .find(id)
        .select(Booking::as_select())
        .for_update()
        .first(conn)
}

pub fn insert_booking(conn: &mut PgConnection, b: &Booking) -> QueryResult<Booking> {
    diesel::insert_into(session_bookings::table)
        .values(b)
        .returning(Booking::as_returning())
        .get_result(conn)
}

/// A cancelled booking taken again (the pair session–candidate is unique).
pub fn rebook(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<Booking> {
    diesel::update(session_bookings::table.find(id))
        .set((
            session_bookings::booked_by.eq(by),
            session_bookings::booked_at.eq(Utc::now()),
            session_bookings::cancelled_at.eq(None::<DateTime<Utc>>),
            session_bookings::cancelled_by.eq(None::<Uuid>),
        ))
        .returning(Booking::as_returning())
        .get_result(conn)
}

pub fn cancel_booking(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<Booking> {
    diesel::update(session_bookings::table.find(id))
        .set((
            session_bookings::cancelled_at.eq(Utc::now()),
            session_bookings::cancelled_by.eq(by),
        ))
        .returning(Booking::as_returning())
        .get_result(conn)
}

/// The bookings of a session, oldest first.
pub fn bookings_of_session(conn: &mut PgConnection, session_id: Uuid) -> QueryResult<Vec<Booking>> {
    session_bookings::table
        .filter(session_bookings::session_id.eq(session_id))
        .order((
            session_bookings::booked_at.asc(),
            session_bookings::id.asc(),
        ))
        .select(Booking::as_select())
        .for_update()
        .load(conn)
}

pub fn mark_attended(
    conn: &mut PgConnection,
    ids: &[Uuid],
    by: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<Vec<Booking>> {
    diesel::update(
        session_bookings::table
            .filter(session_bookings::id.eq_any(ids))
            .filter(session_bookings::attended_at.is_null()),
    )
    .set((
        session_bookings::attended_at.eq(at),
        session_bookings::attendance_recorded_by.eq(by),
    ))
    .returning(Booking::as_returning())
    .get_results(conn)
}

/// Voids every live code of a profile (a new one is being issued, or the profile was claimed).
pub fn void_live_codes(conn: &mut PgConnection, candidate_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        claim_codes::table
            .filter(claim_codes::candidate_id.eq(candidate_id))
            .filter(claim_codes::voided_at.is_null())
            .filter(claim_codes::spent_at.is_null()),
    )
    .set(claim_codes::voided_at.eq(Utc::now()))
    .execute(conn)
}

pub fn insert_claim_code(conn: &mut PgConnection, c: &ClaimCodeRow) -> QueryResult<ClaimCodeRow> {
    diesel::insert_into(claim_codes::table)
        .values(c)
        .returning(ClaimCodeRow::as_returning())
        .get_result(conn)
}

pub fn find_claim_code_for_update(
    conn: &mut PgConnection,
    code_hash: &[u8],
) -> QueryResult<Option<ClaimCodeRow>> {
    claim_codes::table
        .filter(claim_codes::code_hash.eq(code_hash))
        .select(ClaimCodeRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn spend_claim_code(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<ClaimCodeRow> {
    diesel::update(claim_codes::table.find(id))
        .set((
            claim_codes::spent_at.eq(Utc::now()),
            claim_codes::spent_by.eq(by),
        ))
        .returning(ClaimCodeRow::as_returning())
        .get_result(conn)
}

/// Hands a profile without an account to `user_id`; `0` rows if it has one meanwhile.
pub fn set_profile_owner(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    user_id: Uuid,
) -> QueryResult<usize> {
    diesel::update(
        candidate_profiles::table
            .find(candidate_id)
            .filter(candidate_profiles::user_id.is_null()),
    )
    .set((
        candidate_profiles::user_id.eq(user_id),
        candidate_profiles::version.eq(candidate_profiles::version + 1),
        candidate_profiles::updated_at.eq(Utc::now()),
    ))
    .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = passport_reviews)]
pub struct PassportReview {
    pub id: Uuid,
    pub passport_hmac: Vec<u8>,
    pub existing_profile_id: Uuid,
    pub submitted_by: Uuid,
    pub submitted_role: String,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub submission: Vec<u8>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// The profile that holds a passport number (by its lookup hash), if any.
pub fn profile_with_passport(
    conn: &mut PgConnection,
    passport_hmac: &[u8],
) -> QueryResult<Option<Uuid>> {
    candidate_profiles::table
        .filter(candidate_profiles::passport_hmac.eq(passport_hmac))
        .select(candidate_profiles::id)
        .first(conn)
        .optional()
}

pub fn insert_passport_review(
    conn: &mut PgConnection,
    r: &PassportReview,
) -> QueryResult<PassportReview> {
    diesel::insert_into(passport_reviews::table)
        .values(r)
        .returning(PassportReview::as_returning())
        .get_result(conn)
}

/// Open reviews, oldest first.
pub fn open_passport_reviews(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<PassportReview>> {
    passport_reviews::table
        .filter(passport_reviews::status.eq(ReviewStatus::Open.as_str()))
        .order((
            passport_reviews::created_at.asc(),
            passport_reviews::id.asc(),
        ))
        .limit(limit)
        .select(PassportReview::as_select())
        .load(conn)
}

pub fn find_passport_review_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<PassportReview> {
    passport_reviews::table
        .find(id)
        .for_update()
        .select(PassportReview::as_select())
        .first(conn)
}

pub fn resolve_passport_review(
    conn: &mut PgConnection,
    id: Uuid,
    outcome: &str,
    note: &str,
    by: Uuid,
) -> QueryResult<PassportReview> {
    diesel::update(passport_reviews::table.find(id))
        .set((
            passport_reviews::status.eq(ReviewStatus::Resolved.as_str()),
            passport_reviews::outcome.eq(outcome),
            passport_reviews::note.eq(note),
            passport_reviews::resolved_by.eq(by),
            passport_reviews::resolved_at.eq(Utc::now()),
        ))
        .returning(PassportReview::as_returning())
        .get_result(conn)
}
