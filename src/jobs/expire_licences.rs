use chrono::NaiveDate;
use diesel::pg::PgConnection;
use diesel::Connection;

use crate::error::AppError;
use crate::services::licences;

/// Marks licences whose validity ended as `expired` (history, audit and emails each), in one
/// transaction.
pub fn sweep(conn: &mut PgConnection, today: NaiveDate) -> anyhow::Result<usize> {
    conn.transaction::<usize, AppError, _>(|conn| licences::expire_due(conn, today))
        .map_err(|e| anyhow::anyhow!("licence expiry sweep: {e}"))
}
