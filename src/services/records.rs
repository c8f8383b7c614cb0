//! Public records of employers: what their placements became, counted from the rows.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db;
use crate::db::models::organisation;
use crate::db::models::record::{self, Record};
use crate::domain::ids::EmployerId;
use crate::error::AppResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployerRecord {
    pub employer_id: Uuid,
    pub name: String,
    pub inn: String,
    #[serde(flatten)]
    pub record: Record,
}

/// Anyone may read an employer's record (404 for an unknown employer).
pub async fn employer_record(state: &AppState, id: EmployerId) -> AppResult<EmployerRecord> {
    db::run(&state.pool, move |conn| {
        let employer = organisation::find_employer(conn, id.uuid())?;
        let record = record::of_employer(conn, employer.id)?;
        Ok(EmployerRecord {
            employer_id: employer.id,
            name: employer.name,
            inn: employer.inn,
            record,
        })
    })
    .await
}
