//! Placements and their append-only timeline.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::db::schema::{placement_events, placements, vacancies};
use crate::domain::placement::{Origin, PlacementState};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = placements)]
pub struct Placement {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub candidate_id: Uuid,
    pub origin: String,
    pub proposed_by_agency: Option<Uuid>,
    pub state: String,
    pub reason: Option<String>,
    pub match_explanation: Value,
    pub created_by: Uuid,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub arrived_on: Option<NaiveDate>,
    pub employment_start: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub termination: Option<String>,
}

impl Placement {
    /// The stored state; the CHECK constraint admits only known names.
    pub fn state(&self) -> PlacementState {
        self.state.parse().unwrap_or(PlacementState::Withdrawn)
    }

    pub fn origin(&self) -> Origin {
        self.origin.parse().unwrap_or(Origin::Applied)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = placement_events)]
pub struct PlacementEvent {
    pub id: i64,
    pub placement_id: Uuid,
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = placement_events)]
pub struct NewPlacementEvent<'a> {
    pub placement_id: Uuid,
    pub from_state: Option<&'a str>,
    pub to_state: &'a str,
    pub actor_id: Option<Uuid>,
    pub actor_role: &'a str,
    pub reason: Option<&'a str>,
}

pub fn insert(conn: &mut PgConnection, p: &Placement) -> QueryResult<Placement> {
    diesel::insert_into(placements::table)
        .values(p)
        .returning(Placement::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Placement> {
    placements::table
        .find(id)
        .select(Placement::as_select())
        .first(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Placement> {
    placements::table
        .find(id)
        .select(Placement::as_select())
        .for_update()
        .first(conn)
}

/// The open placement of a candidate for a vacancy, if there is one.
pub fn find_open(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    vacancy_id: Uuid,
) -> QueryResult<Option<Placement>> {
    let open: Vec<&str> = PlacementState::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(PlacementState::as_str)
        .collect();
    placements::table
        .filter(placements::candidate_id.eq(candidate_id))
        .filter(placements::vacancy_id.eq(vacancy_id))
        .filter(placements::state.eq_any(open))
        .select(Placement::as_select())
        .first(conn)
        .optional()
}

/// Moves a placement to `to`, keeping the reason of this step.
pub fn set_state(
    conn: &mut PgConnection,
    id: Uuid,
    to: PlacementState,
    reason: Option<&str>,
) -> QueryResult<Placement> {
    diesel::update(placements::table.find(id))
        .set((
            placements::state.eq(to.as_str()),
            placements::reason.eq(reason),
            placements::version.eq(placements::version + 1),
            placements::updated_at.eq(Utc::now()),
        ))
        .returning(Placement::as_returning())
        .get_result(conn)
}

/// The dates and the manner a step after departure records.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = placements)]
pub struct StepFacts {
    pub arrived_on: Option<NaiveDate>,
    pub employment_start: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub termination: Option<String>,
}

/// Records the facts of a step (only the fields set).
pub fn set_facts(conn: &mut PgConnection, id: Uuid, facts: &StepFacts) -> QueryResult<Placement> {
    diesel::update(placements::table.find(id))
        .set(facts)
        .returning(Placement::as_returning())
        .get_result(conn)
}

pub fn add_event(conn: &mut PgConnection, e: &NewPlacementEvent) -> QueryResult<PlacementEvent> {
    diesel::insert_into(placement_events::table)
        .values(e)
        .returning(PlacementEvent::as_returning())
        .get_result(conn)
}

/// A placement's timeline, oldest first.
pub fn events(conn: &mut PgConnection, placement_id: Uuid) -> QueryResult<Vec<PlacementEvent>> {
    placement_events::table
        .filter(placement_events::placement_id.eq(placement_id))
        .order(placement_events::id.asc())
        .select(PlacementEvent::as_select())
        .load(conn)
}

/// Whose placements a listing shows.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every placement (ministry, admins).
    All,
    /// Placements of these candidate profiles (the migrant's own).
    Candidates(Vec<Uuid>),
    /// Placements on this employer's vacancies.
    Employer(Uuid),
    /// Placements this agency proposed, or of the candidates it represents.
    Agency {
        agency: Uuid,
        represented: Vec<Uuid>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub state: Option<PlacementState>,
    pub vacancy_id: Option<Uuid>,
    pub candidate_id: Option<Uuid>,
}

/// Newest first, `limit` rows after the `before` cursor.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &PlacementFilter,
    before: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Placement>> {
    let mut q = placements::table
        .inner_join(vacancies::table)
        .select(Placement::as_select())
        .into_boxed();
    q = match scope {
        Scope::All => q,
        Scope::Candidates(ids) => q.filter(placements::candidate_id.eq_any(ids.clone())),
        Scope::Employer(e) => q.filter(vacancies::employer_id.eq(*e)),
        Scope::Agency {
            agency,
            represented,
        } => q.filter(
            placements::proposed_by_agency
                .eq(*agency)
                .or(placements::candidate_id.eq_any(represented.clone())),
        ),
    };
    if let Some(s) = filter.state {
        q = q.filter(placements::state.eq(s.as_str()));
    }
    if let Some(v) = filter.vacancy_id {
        q = q.filter(placements::vacancy_id.eq(v));
    }
    if let Some(c) = filter.candidate_id {
        q = q.filter(placements::candidate_id.eq(c));
    }
    if let Some(cursor) = before {
        q = q.filter(placements::id.lt(cursor));
    }
    q.order(placements::id.desc()).limit(limit).load(conn)
}

/// Every placement in `state`, oldest first (for the daily sweeps).
pub fn in_state(conn: &mut PgConnection, state: PlacementState) -> QueryResult<Vec<Placement>> {
    placements::table
        .filter(placements::state.eq(state.as_str()))
        .order(placements::id)
        .select(Placement::as_select())
        .load(conn)
}
