//! Background work in a Postgres table. Jobs are enqueued in the transaction that causes them,
//! claimed with `FOR UPDATE SKIP LOCKED`, deleted on success and retried with backoff on failure.
//! Periodic sweeps (vacancy and licence expiry) are not jobs in the table: the worker runs them at start and
//! then on their own interval ([`Periodic`]), not on every poll.

pub mod expire_licences;
pub mod expire_vacancies;
pub mod send_email;

use std::time::{Duration, Instant};

use diesel::pg::PgConnection;
use diesel::Connection;
use serde_json::Value;

use crate::db::models::job;
use crate::db::DbPool;
use crate::email::EmailSender;

pub struct JobContext {
    pub email: EmailSender,
    /// The public address links in emails point to (`application.base_url`).
    pub base_url: String,
}

fn perform(
    conn: &mut PgConnection,
    ctx: &JobContext,
    kind: &str,
    payload: &Value,
) -> anyhow::Result<()> {
    use crate::services::accounts;
    match kind {
        send_email::KIND => send_email::perform(ctx, payload),
        accounts::PASSWORD_RESET_JOB => accounts::perform_password_reset(conn, payload),
        other => anyhow::bail!("unknown job kind {other}"),
    }
}

/// Runs one due job, if any. Returns whether one was found.
fn run_one(conn: &mut PgConnection, ctx: &JobContext, max_attempts: i32) -> anyhow::Result<bool> {
    conn.transaction(|conn| {
        let Some(next) = job::claim_next(conn, max_attempts)? else {
            return Ok(false);
        };
        match perform(conn, ctx, &next.kind, &next.payload) {
            Ok(()) => job::delete(conn, next.id)?,
            Err(e) => {
                tracing::warn!(job_id = next.id, kind = %next.kind, attempts = next.attempts + 1, error = %e, "job failed");
                job::reschedule(conn, &next, &format!("{e:#}"))?;
            }
        }
        Ok(true)
    })
}

/// Drains every job that is due now. Blocking.
pub fn run_due_jobs(
    conn: &mut PgConnection,
    ctx: &JobContext,
    max_attempts: i32,
) -> anyhow::Result<usize> {
    let mut done = 0;
    while run_one(conn, ctx, max_attempts)? {
        done += 1;
    }
    Ok(done)
}

/// Runs every periodic sweep once. Blocking. Returns how many rows they changed.
pub fn run_sweeps(conn: &mut PgConnection, ctx: &JobContext) -> anyhow::Result<usize> {
    let today = chrono::Utc::now().date_naive();
    let vacancies = expire_vacancies::sweep(conn, today)?;
    let licences = expire_licences::sweep(conn, today)?;
    let followups = crate::services::aftercare::sweep_now(conn, &ctx.base_url, today)?;
    let lapses = crate::services::readiness::sweep_lapses_now(conn, &ctx.base_url, today)?;
    Ok(vacancies + licences + followups + lapses)
}

/// Drains every job that is due now, then runs the periodic sweeps once: everything the worker
/// would eventually do, at once (tests call this to be deterministic). Blocking.
pub fn run_pending(pool: &DbPool, ctx: &JobContext, max_attempts: i32) -> anyhow::Result<usize> {
    let mut conn = pool.get()?;
    let done = run_due_jobs(&mut conn, ctx, max_attempts)?;
    run_sweeps(&mut conn, ctx)?;
    Ok(done)
}

/// When a periodic task is due: at once the first time, then every `every`.
#[derive(Debug, Clone)]
pub struct Periodic {
    every: Duration,
    next: Option<Instant>,
}

impl Periodic {
    pub fn new(every: Duration) -> Self {
        Self { every, next: None }
    }

    /// Whether the task is due at `now`; if so, the next turn is `every` from `now`.
    pub fn due(&mut self, now: Instant) -> bool {
        if self.next.is_some_and(|next| now < next) {
            return false;
        }
        self.next = Some(now + self.every);
        true
    }
}

/// What one worker pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub jobs: usize,
    /// `Some(rows changed)` when the sweeps ran in this pass.
    pub swept: Option<usize>,
}

/// One pass of the worker at `now`: drains the due jobs, and runs the sweeps if `sweeps` says
/// they are due. Blocking.
pub fn worker_pass(
    pool: &DbPool,
    ctx: &JobContext,
    max_attempts: i32,
    sweeps: &mut Periodic,
    now: Instant,
) -> anyhow::Result<Pass> {
    let mut conn = pool.get()?;
    let jobs = run_due_jobs(&mut conn, ctx, max_attempts)?;
    let swept = if sweeps.due(now) {
        Some(run_sweeps(&mut conn, ctx)?)
    } else {
        None
    };
    Ok(Pass { jobs, swept })
}

/// How often the worker polls the job table, and how often it runs the sweeps.
#[derive(Debug, Clone, Copy)]
pub struct WorkerTiming {
    pub poll: Duration,
    pub sweep_every: Duration,
}

/// The worker loop inside `orgnabor serve`.
pub async fn run_worker(pool: DbPool, ctx: JobContext, timing: WorkerTiming, max_attempts: i32) {
    let ctx = std::sync::Arc::new(ctx);
    let mut sweeps = Periodic::new(timing.sweep_every);
    loop {
        let (pool2, ctx2, mut sweeps2) = (pool.clone(), ctx.clone(), sweeps.clone());
        let outcome = tokio::task::spawn_blocking(move || {
            let pass = worker_pass(&pool2, &ctx2, max_attempts, &mut sweeps2, Instant::now());
            (pass, sweeps2)
        })
        .await;
        match outcome {
            Ok((Ok(_), next)) => sweeps = next,
            Ok((Err(e), next)) => {
                sweeps = next;
                tracing::warn!(error = %e, "job runner pass failed");
            }
            Err(e) => tracing::error!(error = %e, "job runner panicked"),
        }
        tokio::time::sleep(timing.poll).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_periodic_task_runs_at_once_then_only_after_its_interval() {
        let start = Instant::now();
        let mut sweep = Periodic::new(Duration::from_secs(300));
        assert!(sweep.due(start), "at start");
        let polls = (1..600).filter(|i| sweep.due(start + Duration::from_millis(500 * i)));
        assert_eq!(
            polls.count(),
            0,
            "not on the 599 polls of the next five minutes"
        );
        assert!(sweep.due(start + Duration::from_secs(300)));
        assert!(!sweep.due(start + Duration::from_secs(301)));
        assert!(sweep.due(start + Duration::from_secs(600)));
    }
}
