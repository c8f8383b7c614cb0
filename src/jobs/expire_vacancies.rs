use chrono::NaiveDate;
use diesel::pg::PgConnection;
use diesel::Connection;

use crate::db::models::audit::{self, Actor};
use crate::db::models::search_change;
use crate::db::models::vacancy::{self, VacancyChanges};

/// Marks published/paused vacancies past their expiry date as `expired`, with an audit row each.
pub fn sweep(conn: &mut PgConnection, today: NaiveDate) -> anyhow::Result<usize> {
    Ok(conn.transaction::<usize, diesel::result::Error, _>(|conn| {
        let due = vacancy::due_to_expire(conn, today)?;
        let system = Actor {
            id: None,
            role: Some("system".into()),
            request_id: None,
        };
        for v in &due {
            let changes = VacancyChanges {
                status: Some("expired".into()),
                ..Default::default()
            };
            vacancy::update(conn, v.id, &changes)?;
            audit::record(
                conn,
                &system,
                "vacancy.expired",
                "vacancy",
                v.id,
                Some(serde_json::json!({ "status": v.status })),
                Some(serde_json::json!({ "status": "expired" })),
            )?;
            search_change::record(conn, search_change::VACANCY, v.id, "upsert")?;
        }
        Ok(due.len())
    })?)
}
