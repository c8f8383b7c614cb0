//! Public records of employers and agencies, counted from the rows every time: placements,
//! employment, completion, follow-ups and hire notices. Nothing here is stored.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Uuid as SqlUuid};
use uuid::Uuid;

use crate::domain::followup::OVERDUE_AFTER_DAYS;
use crate::domain::placement::PlacementState;

#[derive(Debug, Clone, Copy, Default, QueryableByName, serde::Serialize, utoipa::ToSchema)]
pub struct Record {
    /// Placements begun (applications, proposals, invitations).
    #[diesel(sql_type = BigInt)]
    pub placements: i64,
    /// Placements the ministry approved (and any that went further).
    #[diesel(sql_type = BigInt)]
    pub approved: i64,
    #[diesel(sql_type = BigInt)]
    pub reached_employment: i64,
    #[diesel(sql_type = BigInt)]
    pub completed: i64,
    #[diesel(sql_type = BigInt)]
    pub terminated: i64,
    /// Follow-ups answered within the grace period after their due date.
    #[diesel(sql_type = BigInt)]
    pub followups_answered_on_time: i64,
    /// Follow-ups nobody answered in time (flagged to the ministry).
    #[diesel(sql_type = BigInt)]
    pub followups_overdue: i64,
    /// Follow-ups whose answers reported unpaid wages, a retained passport or other breaches.
    #[diesel(sql_type = BigInt)]
    pub bad_followups: i64,
    /// Hire notices to the migration authorities filed late or not at all past their due date.
    #[diesel(sql_type = BigInt)]
    pub hire_notices_late: i64,
    /// Complaints against the party that the ministry upheld.
    #[diesel(sql_type = BigInt)]
    pub complaints_upheld: i64,
}

const RECORD: &str = "
WITH p AS (
    SELECT p.id, p.state
      FROM placements p JOIN vacancies v ON v.id = p.vacancy_id
     WHERE {party}
)
SELECT
    (SELECT count(*) FROM p) AS placements,
    (SELECT count(*) FROM p WHERE state IN ({approved})) AS approved,
    (SELECT count(*) FROM p WHERE state IN ({employed})) AS reached_employment,
    (SELECT count(*) FROM p WHERE state = '{completed}') AS completed,
    (SELECT count(*) FROM p WHERE state = '{terminated}') AS terminated,
    (SELECT count(*) FROM followups f JOIN p ON p.id = f.placement_id
      WHERE f.answered_at IS NOT NULL AND f.answered_at::date <= f.due_on + {grace}) AS followups_answered_on_time,
    (SELECT count(*) FROM followups f JOIN p ON p.id = f.placement_id
      WHERE 'overdue' = ANY (f.concerns)) AS followups_overdue,
    (SELECT count(*) FROM followups f JOIN p ON p.id = f.placement_id
      WHERE f.answered_at IS NOT NULL AND cardinality(f.concerns) > 0) AS bad_followups,
    (SELECT count(*) FROM hire_notices h JOIN p ON p.id = h.placement_id
      WHERE (h.filed_on IS NULL AND h.due_on < current_date) OR h.filed_on > h.due_on) AS hire_notices_late,
    (SELECT count(*) FROM complaints c WHERE c.state = 'upheld' AND {complained}) AS complaints_upheld
";

/// The query with the states named by the placement rules (never restated here).
fn query(party: &str, complained: &str) -> String {
    let list = |states: &[PlacementState]| {
        states
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(",")
    };
    RECORD
        .replace("{approved}", &list(&PlacementState::APPROVED_OR_LATER))
        .replace("{employed}", &list(&PlacementState::REACHED_EMPLOYMENT))
        .replace("{completed}", PlacementState::Completed.as_str())
        .replace("{terminated}", PlacementState::Terminated.as_str())
        .replace("{grace}", &OVERDUE_AFTER_DAYS.to_string())
        .replace("{party}", party)
        .replace("{complained}", complained)
}

/// The record of an employer: placements on its vacancies.
pub fn of_employer(conn: &mut PgConnection, employer: Uuid) -> QueryResult<Record> {
    diesel::sql_query(query("v.employer_id = $1", "c.against_employer = $1"))
        .bind::<SqlUuid, _>(employer)
        .get_result(conn)
}

/// The record of an agency: the placements it proposed.
pub fn of_agency(conn: &mut PgConnection, agency: Uuid) -> QueryResult<Record> {
    diesel::sql_query(query("p.proposed_by_agency = $1", "c.against_agency = $1"))
        .bind::<SqlUuid, _>(agency)
        .get_result(conn)
}
