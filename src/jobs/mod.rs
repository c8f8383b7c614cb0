//! Background work in a Postgres table. Jobs are enqueued in the transaction that causes them,
//! claimed with `FOR UPDATE SKIP LOCKED`, deleted on success and retried with backoff on failure.

pub mod expire_vacancies;
pub mod send_email;

use std::time::Duration;

use diesel::pg::PgConnection;
use diesel::Connection;
use serde_json::Value;

use crate::db::models::job;
use crate::db::DbPool;
use crate::email::EmailSender;

pub struct JobContext {
    pub email: EmailSender,
}

fn perform(ctx: &JobContext, kind: &str, payload: &Value) -> anyhow::Result<()> {
    match kind {
        send_email::KIND => send_email::perform(ctx, payload),
        other => anyhow::bail!("unknown job kind {other}"),
    }
}

/// Runs one due job, if any. Returns whether one was found.
fn run_one(conn: &mut PgConnection, ctx: &JobContext, max_attempts: i32) -> anyhow::Result<bool> {
    conn.transaction(|conn| {
        let Some(next) = job::claim_next(conn, max_attempts)? else {
            return Ok(false);
        };
        match perform(ctx, &next.kind, &next.payload) {
            Ok(()) => job::delete(conn, next.id)?,
            Err(e) => {
                tracing::warn!(job_id = next.id, kind = %next.kind, attempts = next.attempts + 1, error = %e, "job failed");
                job::reschedule(conn, &next, &format!("{e:#}"))?;
            }
        }
        Ok(true)
    })
}

/// Drains every job that is due now, then runs the periodic sweeps. Blocking.
pub fn run_pending(pool: &DbPool, ctx: &JobContext, max_attempts: i32) -> anyhow::Result<usize> {
    let mut conn = pool.get()?;
    let mut done = 0;
    while run_one(&mut conn, ctx, max_attempts)? {
        done += 1;
    }
    expire_vacancies::sweep(&mut conn, chrono::Utc::now().date_naive())?;
    Ok(done)
}

/// The worker loop inside `orgnabor serve`.
pub async fn run_worker(pool: DbPool, ctx: JobContext, poll: Duration, max_attempts: i32) {
    let ctx = std::sync::Arc::new(ctx);
    loop {
        let (pool2, ctx2) = (pool.clone(), ctx.clone());
        match tokio::task::spawn_blocking(move || run_pending(&pool2, &ctx2, max_attempts)).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "job runner pass failed"),
            Err(e) => tracing::error!(error = %e, "job runner panicked"),
        }
        tokio::time::sleep(poll).await;
    }
}
