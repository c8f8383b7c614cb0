//! Public verification codes: one per (kind, object), permanent once issued (the table is
//! append-only). The codes themselves come from `domain::verify`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{agencies, vacancies, verification_codes};
use crate::domain::verify::{Kind, VerifyCode};

/// How often a fresh code is drawn when the drawn one is taken (about 3·10¹⁰ codes per kind:
/// more than one collision in a row is already unheard of).
const ATTEMPTS: usize = 8;

/// One issued code as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = verification_codes)]
pub struct VerificationRow {
    pub code: String,
    pub kind: String,
    pub object_id: Uuid,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = verification_codes)]
struct NewCode<'a> {
    code: &'a str,
    kind: &'a str,
    object_id: Uuid,
}

/// A stored code as the domain type; the CHECK constraint admits only valid ones.
fn parsed(code: &str) -> QueryResult<VerifyCode> {
    VerifyCode::parse(code).map_err(|e| {
        diesel::result::Error::DeserializationError(format!("stored code {code:?}: {e}").into())
    })
}

/// The code of `object_id`, if it has one.
pub fn code_of(
    conn: &mut PgConnection,
    kind: Kind,
    object_id: Uuid,
) -> QueryResult<Option<VerifyCode>> {
    verification_codes::table
        .filter(verification_codes::kind.eq(kind.as_str()))
        .filter(verification_codes::object_id.eq(object_id))
        .select(verification_codes::code)
        .first::<String>(conn)
        .optional()?
        .map(|c| parsed(&c))
        .transpose()
}

/// The codes of these objects (those that have one), by object id.
pub fn codes_of(
    conn: &mut PgConnection,
    kind: Kind,
    object_ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, VerifyCode>> {
    if object_ids.is_empty() {
        return Ok(HashMap::new());
    }
    verification_codes::table
        .filter(verification_codes::kind.eq(kind.as_str()))
        .filter(verification_codes::object_id.eq_any(object_ids))
        .select((verification_codes::object_id, verification_codes::code))
        .load::<(Uuid, String)>(conn)?
        .into_iter()
        .map(|(id, code)| Ok((id, parsed(&code)?)))
        .collect()
}

/// The code of `object_id`, issuing one when it has none yet. Idempotent: a second call, or a
/// concurrent one, answers the same code. A drawn code that is already taken is drawn again.
pub fn issue(conn: &mut PgConnection, kind: Kind, object_id: Uuid) -> QueryResult<VerifyCode> {
    for _ in 0..ATTEMPTS {
        if let Some(existing) = code_of(conn, kind, object_id)? {
            return Ok(existing);
        }
        let code = VerifyCode::generate(kind);
        let text = code.to_string();
        // Either unique constraint may refuse: the code is taken (draw again) or a concurrent
        // transaction issued this object's code (the next `code_of` finds it once it commits;
        // the insert waits for it).
        let inserted = diesel::insert_into(verification_codes::table)
            .values(&NewCode {
                code: &text,
                kind: kind.as_str(),
                object_id,
            })
            .on_conflict_do_nothing()
            .execute(conn)?;
        if inserted == 1 {
            return Ok(code);
        }
    }
    Err(diesel::result::Error::QueryBuilderError(
        format!("no free verification code after {ATTEMPTS} draws").into(),
    ))
}

/// The row of `code`, if it was issued.
pub fn find(conn: &mut PgConnection, code: &VerifyCode) -> QueryResult<Option<VerificationRow>> {
    verification_codes::table
        .find(code.to_string())
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()
}

/// At most this many objects are given codes per statement by [`ensure_all`].
const BATCH: i64 = 1000;

fn insert_batch(conn: &mut PgConnection, kind: Kind, ids: &[Uuid]) -> QueryResult<usize> {
    let codes: Vec<String> = ids
        .iter()
        .map(|_| VerifyCode::generate(kind).to_string())
        .collect();
    let rows: Vec<NewCode<'_>> = ids
        .iter()
        .zip(&codes)
        .map(|(&object_id, code)| NewCode {
            code,
            kind: kind.as_str(),
            object_id,
        })
        .collect();
    diesel::insert_into(verification_codes::table)
        .values(&rows)
        .on_conflict_do_nothing()
        .execute(conn)
}

/// Agencies without a code, by id.
fn agencies_without(conn: &mut PgConnection) -> QueryResult<Vec<Uuid>> {
    agencies::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            verification_codes::table
                .filter(verification_codes::kind.eq(Kind::Agency.as_str()))
                .filter(verification_codes::object_id.eq(agencies::id)),
        )))
        .order(agencies::id.asc())
        .select(agencies::id)
        .limit(BATCH)
        .load(conn)
}

/// Vacancies ever published without a code, by id.
fn vacancies_without(conn: &mut PgConnection) -> QueryResult<Vec<Uuid>> {
    vacancies::table
        .filter(vacancies::published_at.is_not_null())
        .filter(diesel::dsl::not(diesel::dsl::exists(
            verification_codes::table
                .filter(verification_codes::kind.eq(Kind::Vacancy.as_str()))
                .filter(verification_codes::object_id.eq(vacancies::id)),
        )))
        .order(vacancies::id.asc())
        .select(vacancies::id)
        .limit(BATCH)
        .load(conn)
}

/// Gives every agency and every vacancy ever published that has no code one (for data written
/// around the services, e.g. the demo seed). Idempotent; answers how many codes it issued.
pub fn ensure_all(conn: &mut PgConnection) -> QueryResult<usize> {
    let mut issued = 0;
    type Missing = fn(&mut PgConnection) -> QueryResult<Vec<Uuid>>;
    let kinds: [(Kind, Missing); 2] = [
        (Kind::Agency, agencies_without),
        (Kind::Vacancy, vacancies_without),
    ];
    for (kind, missing) in kinds {
        // Each round issues nearly all it tries; a collision leaves its object for the next.
        loop {
            let ids = missing(conn)?;
            if ids.is_empty() {
                break;
            }
            issued += insert_batch(conn, kind, &ids)?;
        }
    }
    Ok(issued)
}
