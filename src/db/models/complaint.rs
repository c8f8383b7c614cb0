//! Complaints and their append-only timeline.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{candidate_profiles, complaint_events, complaints};
use crate::domain::access::Representative;
use crate::domain::complaint::{Accused, Category, ComplaintState};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = complaints)]
pub struct Complaint {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub filed_by: Uuid,
    pub filed_by_agency: Option<Uuid>,
    pub filed_by_centre: Option<Uuid>,
    pub against_employer: Option<Uuid>,
    pub against_agency: Option<Uuid>,
    pub placement_id: Option<Uuid>,
    pub category: String,
    pub body: String,
    pub state: String,
    pub outcome: Option<String>,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub forwarded_by: Option<Uuid>,
    pub forwarded_summary: Option<String>,
    pub disclose_complainant: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Complaint {
    /// The stored state; the CHECK constraint admits only known names.
    pub fn state(&self) -> ComplaintState {
        self.state.parse().unwrap_or(ComplaintState::Received)
    }

    pub fn category(&self) -> Category {
        self.category.parse().unwrap_or(Category::Other)
    }

    /// The party complained about (a CHECK keeps it exactly one).
    pub fn accused(&self) -> Accused {
        Accused::from_ids(
            self.against_employer.map(Into::into),
            self.against_agency.map(Into::into),
        )
        .unwrap_or(Accused::Employer(Uuid::nil().into()))
    }

    pub fn filed_by_representative(&self) -> Option<Representative> {
        Representative::from_ids(
            self.filed_by_agency.map(Into::into),
            self.filed_by_centre.map(Into::into),
        )
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = complaint_events)]
pub struct ComplaintEvent {
    pub id: i64,
    pub complaint_id: Uuid,
    pub kind: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = complaint_events)]
pub struct NewComplaintEvent<'a> {
    pub complaint_id: Uuid,
    pub kind: &'a str,
    pub from_state: Option<&'a str>,
    pub to_state: &'a str,
    pub actor_id: Option<Uuid>,
    pub actor_role: &'a str,
    pub note: Option<&'a str>,
}

/// A complaint with the complainant's account and name (from their profile).
#[derive(Debug, Clone)]
pub struct WithComplainant {
    pub complaint: Complaint,
    pub candidate_user: Option<Uuid>,
    pub complainant_name: String,
}

type Row = (Complaint, Option<Uuid>, String, String);

fn with_complainant((complaint, candidate_user, first, last): Row) -> WithComplainant {
    WithComplainant {
        complaint,
        candidate_user,
        complainant_name: format!("{first} {last}"),
    }
}

pub fn insert(conn: &mut PgConnection, c: &Complaint) -> QueryResult<Complaint> {
    diesel::insert_into(complaints::table)
        .values(c)
        .returning(Complaint::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid, for_update: bool) -> QueryResult<WithComplainant> {
    if for_update {
        // Lock the complaint row only, not the person's profile.
        complaints::table
            .find(id)
            .select(complaints::id)
            .for_update()
            .first::<Uuid>(conn)?;
    }
    let row: Row = complaints::table
        .inner_join(candidate_profiles::table)
        .filter(complaints::id.eq(id))
        .select((
            Complaint::as_select(),
            candidate_profiles::user_id,
            candidate_profiles::first_name,
            candidate_profiles::last_name,
        ))
        .first(conn)?;
    Ok(with_complainant(row))
}

pub struct Decision<'a> {
    pub to: ComplaintState,
    pub outcome: Option<&'a str>,
    pub disclose: bool,
}

pub fn set_state(conn: &mut PgConnection, id: Uuid, d: &Decision) -> QueryResult<Complaint> {
    diesel::update(complaints::table.find(id))
        .set((
            complaints::state.eq(d.to.as_str()),
            complaints::outcome.eq(d.outcome),
            complaints::disclose_complainant.eq(d.disclose),
            complaints::version.eq(complaints::version + 1),
            complaints::updated_at.eq(Utc::now()),
        ))
        .returning(Complaint::as_returning())
        .get_result(conn)
}

pub fn set_forwarded(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    summary: &str,
) -> QueryResult<Complaint> {
    let now = Utc::now();
    diesel::update(complaints::table.find(id))
        .set((
            complaints::forwarded_at.eq(now),
            complaints::forwarded_by.eq(by),
            complaints::forwarded_summary.eq(summary),
            complaints::version.eq(complaints::version + 1),
            complaints::updated_at.eq(now),
        ))
        .returning(Complaint::as_returning())
        .get_result(conn)
}

pub fn add_event(conn: &mut PgConnection, e: &NewComplaintEvent) -> QueryResult<ComplaintEvent> {
    diesel::insert_into(complaint_events::table)
        .values(e)
        .returning(ComplaintEvent::as_returning())
        .get_result(conn)
}

/// A complaint's timeline, oldest first.
pub fn events(conn: &mut PgConnection, complaint_id: Uuid) -> QueryResult<Vec<ComplaintEvent>> {
    complaint_events::table
        .filter(complaint_events::complaint_id.eq(complaint_id))
        .order(complaint_events::id.asc())
        .select(ComplaintEvent::as_select())
        .load(conn)
}

/// Whose complaints a listing shows.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every complaint (the ministry).
    All,
    /// The complaints of these profiles (a migrant's own).
    Candidates(Vec<Uuid>),
    /// Complaints an agency or centre filed for people it still represents, and — for an
    /// agency — those against it that the ministry forwarded.
    Representative {
        by: Representative,
        represented: Vec<Uuid>,
    },
    /// Forwarded complaints against this employer.
    Employer(Uuid),
}

/// Newest first, `limit` rows after the `before` cursor.
pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    state: Option<ComplaintState>,
    before: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<WithComplainant>> {
    let mut q = complaints::table
        .inner_join(candidate_profiles::table)
        .select((
            Complaint::as_select(),
            candidate_profiles::user_id,
            candidate_profiles::first_name,
            candidate_profiles::last_name,
        ))
        .into_boxed();
    q = match scope {
        Scope::All => q,
        Scope::Candidates(ids) => q.filter(complaints::candidate_id.eq_any(ids.clone())),
        Scope::Employer(e) => q
            .filter(complaints::against_employer.eq(*e))
            .filter(complaints::forwarded_at.is_not_null()),
        Scope::Representative {
            by: Representative::Agency(a),
            represented,
        } => q.filter(
            complaints::against_agency
                .eq(a.uuid())
                .and(complaints::forwarded_at.is_not_null())
                .or(complaints::filed_by_agency
                    .eq(a.uuid())
                    .and(complaints::candidate_id.eq_any(represented.clone()))),
        ),
        Scope::Representative {
            by: Representative::Centre(c),
            represented,
        } => q
            .filter(complaints::filed_by_centre.eq(c.uuid()))
            .filter(complaints::candidate_id.eq_any(represented.clone())),
    };
    if let Some(s) = state {
        q = q.filter(complaints::state.eq(s.as_str()));
    }
    if let Some(cursor) = before {
        q = q.filter(complaints::id.lt(cursor));
    }
    let rows: Vec<Row> = q.order(complaints::id.desc()).limit(limit).load(conn)?;
    Ok(rows.into_iter().map(with_complainant).collect())
}

/// Upheld complaints against one party, of one category or all: the numbers of its record.
pub fn upheld_against(
    conn: &mut PgConnection,
    accused: Accused,
    category: Option<Category>,
) -> QueryResult<i64> {
    let mut q = against(accused).filter(complaints::state.eq(ComplaintState::Upheld.as_str()));
    if let Some(c) = category {
        q = q.filter(complaints::category.eq(c.as_str()));
    }
    q.count().get_result(conn)
}

/// Upheld complaints against an agency: a number of its public record.
pub fn upheld_against_agency(conn: &mut PgConnection, agency_id: Uuid) -> QueryResult<i64> {
    upheld_against(conn, Accused::Agency(agency_id.into()), None)
}

fn against(accused: Accused) -> complaints::BoxedQuery<'static, diesel::pg::Pg> {
    match accused {
        Accused::Employer(e) => complaints::table
            .filter(complaints::against_employer.eq(e.uuid()))
            .into_boxed(),
        Accused::Agency(a) => complaints::table
            .filter(complaints::against_agency.eq(a.uuid()))
            .into_boxed(),
    }
}

/// Upheld complaints against one party, counted per category (categories with none left out).
pub fn upheld_by_category(
    conn: &mut PgConnection,
    accused: Accused,
) -> QueryResult<Vec<(Category, u32)>> {
    // A party has few complaints: counting them here keeps the query a plain filter.
    let rows: Vec<String> = against(accused)
        .filter(complaints::state.eq(ComplaintState::Upheld.as_str()))
        .select(complaints::category)
        .load(conn)?;
    let mut counts: Vec<(Category, u32)> = Vec::new();
    for c in rows.iter().filter_map(|c| c.parse::<Category>().ok()) {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    Ok(counts)
}

/// Complaints against one party in each state: for the ministry's full record only (a
/// complaint not yet decided is an allegation, not a fact to publish).
#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
pub struct StateCounts {
    pub received: i64,
    pub in_review: i64,
    pub upheld: i64,
    pub dismissed: i64,
}

pub fn counts_by_state(conn: &mut PgConnection, accused: Accused) -> QueryResult<StateCounts> {
    let rows: Vec<String> = against(accused).select(complaints::state).load(conn)?;
    let mut counts = StateCounts::default();
    for state in rows {
        match state.parse::<ComplaintState>() {
            Ok(ComplaintState::Received) => counts.received += 1,
            Ok(ComplaintState::InReview) => counts.in_review += 1,
            Ok(ComplaintState::Upheld) => counts.upheld += 1,
            Ok(ComplaintState::Dismissed) => counts.dismissed += 1,
            Err(_) => {}
        }
    }
    Ok(counts)
}
