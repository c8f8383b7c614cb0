use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;

use crate::db::models::job;
use crate::email::OutgoingEmail;
use crate::jobs::JobContext;

pub const KIND: &str = "send_email";

pub fn enqueue(conn: &mut PgConnection, email: &OutgoingEmail) -> QueryResult<i64> {
    let payload = serde_json::to_value(email).unwrap_or(Value::Null);
    job::enqueue(conn, KIND, payload)
}

pub fn perform(ctx: &JobContext, payload: &Value) -> anyhow::Result<()> {
    let email: OutgoingEmail = serde_json::from_value(payload.clone())?;
    ctx.email.send(&email)
}
