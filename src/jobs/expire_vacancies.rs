use chrono::NaiveDate;
use diesel::pg::PgConnection;
use diesel::Connection;

use crate::error::AppError;
use crate::services::vacancies;

/// Marks published/paused vacancies past their expiry date as `expired`, in one transaction.
pub fn sweep(conn: &mut PgConnection, today: NaiveDate) -> anyhow::Result<usize> {
    conn.transaction::<usize, AppError, _>(|conn| vacancies::expire_due(conn, today))
        .map_err(|e| anyhow::anyhow!("expiry sweep: {e}"))
}
