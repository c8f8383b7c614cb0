use chrono::{DateTime, Duration, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde_json::Value;

use crate::db::schema::jobs;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: Value,
    pub attempts: i32,
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Call inside the business transaction: the job exists if and only if the change does.
pub fn enqueue(conn: &mut PgConnection, kind: &str, payload: Value) -> QueryResult<i64> {
    diesel::insert_into(jobs::table)
        .values((jobs::kind.eq(kind), jobs::payload.eq(payload)))
        .returning(jobs::id)
        .get_result(conn)
}

/// Claims one due job; the row stays locked until the caller's transaction ends, and other
/// workers skip it rather than wait.
pub fn claim_next(conn: &mut PgConnection, max_attempts: i32) -> QueryResult<Option<Job>> {
    jobs::table
        .filter(jobs::run_at.le(Utc::now()))
        .filter(jobs::attempts.lt(max_attempts))
        .order(jobs::id.asc())
        .select(Job::as_select())
        .for_update()
        .skip_locked()
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut PgConnection, id: i64) -> QueryResult<()> {
    diesel::delete(jobs::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// Exponential backoff: 2^attempts seconds, capped at an hour.
pub fn reschedule(conn: &mut PgConnection, job: &Job, error: &str) -> QueryResult<()> {
    let attempts = job.attempts + 1;
    let delay = Duration::seconds(2_i64.saturating_pow(attempts.clamp(0, 12) as u32).min(3600));
    diesel::update(jobs::table.find(job.id))
        .set((
            jobs::attempts.eq(attempts),
            jobs::run_at.eq(Utc::now() + delay),
            jobs::last_error.eq(error),
        ))
        .execute(conn)
        .map(|_| ())
}
