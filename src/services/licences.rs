//! Whether an agency may act today. Agencies see and touch candidates only under an active
//! licence; every other role is unaffected.

use chrono::Utc;
use diesel::pg::PgConnection;

use crate::db::models::organisation;
use crate::domain::access::Principal;
use crate::error::{AppError, AppResult, ErrorCode};

pub fn require_active(conn: &mut PgConnection, who: &Principal) -> AppResult<()> {
    if !who.needs_active_licence() {
        return Ok(());
    }
    let agency = who.agency().ok_or_else(AppError::forbidden)?;
    let agency = organisation::find_agency(conn, agency.uuid())?;
    if agency.licence_active_on(Utc::now().date_naive()) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::LicenceNotActive))
    }
}
