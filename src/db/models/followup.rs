//! Follow-ups of employed workers and the employer's notice of each hire.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::{followups, hire_notices, placements};
use crate::domain::followup::{Answers, FollowupKind};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = followups)]
pub struct Followup {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub kind: String,
    pub due_on: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<Uuid>,
    pub answered_by_role: Option<String>,
    pub paid_on_time: Option<bool>,
    pub paid_in_full: Option<bool>,
    pub hours_as_contracted: Option<bool>,
    pub housing_as_contracted: Option<bool>,
    pub passport_in_own_hands: Option<bool>,
    pub report: Option<String>,
    pub reminded_before_at: Option<DateTime<Utc>>,
    pub reminded_due_at: Option<DateTime<Utc>>,
    pub flagged_at: Option<DateTime<Utc>>,
    pub concerns: Vec<String>,
    pub case_closed_at: Option<DateTime<Utc>>,
    pub case_resolution: Option<String>,
    pub created_at: DateTime<Utc>,
    pub withdrawn_on: Option<NaiveDate>,
}

impl Followup {
    pub fn kind(&self) -> FollowupKind {
        self.kind.parse().unwrap_or(FollowupKind::AfterTermination)
    }

    pub fn answers(&self) -> Option<Answers> {
        Some(Answers {
            paid_on_time: self.paid_on_time?,
            paid_in_full: self.paid_in_full?,
            hours_as_contracted: self.hours_as_contracted?,
            housing_as_contracted: self.housing_as_contracted?,
            passport_in_own_hands: self.passport_in_own_hands?,
            report: self.report.clone(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = followups)]
struct NewFollowup<'a> {
    id: Uuid,
    placement_id: Uuid,
    kind: &'a str,
    due_on: NaiveDate,
}

/// Schedules follow-ups for a placement (a kind already scheduled is left as it is).
pub fn schedule(
    conn: &mut PgConnection,
    placement_id: Uuid,
    due: &[(FollowupKind, NaiveDate)],
) -> QueryResult<usize> {
    let rows: Vec<NewFollowup> = due
        .iter()
        .map(|(kind, due_on)| NewFollowup {
            id: Uuid::now_v7(),
            placement_id,
            kind: kind.as_str(),
            due_on: *due_on,
        })
        .collect();
    diesel::insert_into(followups::table)
        .values(&rows)
        .on_conflict((followups::placement_id, followups::kind))
        .do_nothing()
        .execute(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Followup> {
    followups::table
        .find(id)
        .select(Followup::as_select())
        .for_update()
        .first(conn)
}

pub fn of_placement(conn: &mut PgConnection, placement_id: Uuid) -> QueryResult<Vec<Followup>> {
    followups::table
        .filter(followups::placement_id.eq(placement_id))
        .order(followups::due_on.asc())
        .select(Followup::as_select())
        .load(conn)
}

/// Which follow-ups a listing shows.
#[derive(Debug, Clone)]
pub enum Scope {
    All,
    /// Follow-ups of placements of these candidate profiles.
    Candidates(Vec<Uuid>),
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only those flagged to the ministry with an open case.
    pub open_cases: bool,
    /// Only unanswered ones due on or before this day.
    pub due_by: Option<NaiveDate>,
}

pub fn list(
    conn: &mut PgConnection,
    scope: &Scope,
    filter: &Filter,
    limit: i64,
) -> QueryResult<Vec<Followup>> {
    let mut q = followups::table
        .inner_join(placements::table)
        .select(Followup::as_select())
        .into_boxed();
    if let Scope::Candidates(ids) = scope {
        q = q.filter(placements::candidate_id.eq_any(ids.clone()));
    }
    if filter.open_cases {
        q = q
            .filter(followups::flagged_at.is_not_null())
            .filter(followups::case_closed_at.is_null());
    }
    if let Some(day) = filter.due_by {
        q = q
            .filter(followups::answered_at.is_null())
            .filter(followups::due_on.le(day));
    }
    q.order((followups::due_on.asc(), followups::id.asc()))
        .limit(limit)
        .load(conn)
}

pub fn answer(
    conn: &mut PgConnection,
    id: Uuid,
    a: &Answers,
    by: Uuid,
    role: &str,
    concerns: &[String],
) -> QueryResult<Followup> {
    let now = Utc::now();
    diesel::update(followups::table.find(id))
        .set((
            followups::answered_at.eq(now),
            followups::answered_by.eq(by),
            followups::answered_by_role.eq(role),
            followups::paid_on_time.eq(a.paid_on_time),
            followups::paid_in_full.eq(a.paid_in_full),
            followups::hours_as_contracted.eq(a.hours_as_contracted),
            followups::housing_as_contracted.eq(a.housing_as_contracted),
            followups::passport_in_own_hands.eq(a.passport_in_own_hands),
            followups::report.eq(a.report.as_deref()),
            followups::concerns.eq(concerns),
            followups::flagged_at.eq((!concerns.is_empty()).then_some(now)),
        ))
        .returning(Followup::as_returning())
        .get_result(conn)
}

/// Unanswered, unflagged follow-ups due on or before `day` (locked, for the sweep).
pub fn unanswered_due_by(conn: &mut PgConnection, day: NaiveDate) -> QueryResult<Vec<Followup>> {
    followups::table
        .filter(followups::answered_at.is_null())
        .filter(followups::flagged_at.is_null())
        .filter(followups::withdrawn_on.is_null())
        .filter(followups::due_on.le(day))
        .order(followups::due_on.asc())
        .select(Followup::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

pub fn flag_overdue(conn: &mut PgConnection, id: Uuid) -> QueryResult<Followup> {
    diesel::update(followups::table.find(id))
        .set((
            followups::flagged_at.eq(Utc::now()),
            followups::concerns.eq(vec!["overdue".to_owned()]),
        ))
        .returning(Followup::as_returning())
        .get_result(conn)
}

pub fn mark_reminded(conn: &mut PgConnection, id: Uuid, on_due_day: bool) -> QueryResult<usize> {
    let q = diesel::update(followups::table.find(id));
    if on_due_day {
        q.set(followups::reminded_due_at.eq(Utc::now()))
            .execute(conn)
    } else {
        q.set(followups::reminded_before_at.eq(Utc::now()))
            .execute(conn)
    }
}

pub fn close_case(conn: &mut PgConnection, id: Uuid, resolution: &str) -> QueryResult<Followup> {
    diesel::update(followups::table.find(id))
        .set((
            followups::case_closed_at.eq(Utc::now()),
            followups::case_resolution.eq(resolution),
        ))
        .returning(Followup::as_returning())
        .get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hire_notices)]
pub struct HireNotice {
    pub placement_id: Uuid,
    pub employer_id: Uuid,
    pub due_on: NaiveDate,
    pub filed_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub filed_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

pub fn insert_notice(conn: &mut PgConnection, n: &HireNotice) -> QueryResult<HireNotice> {
    diesel::insert_into(hire_notices::table)
        .values(n)
        .returning(HireNotice::as_returning())
        .get_result(conn)
}

pub fn find_notice(conn: &mut PgConnection, placement_id: Uuid) -> QueryResult<Option<HireNotice>> {
    hire_notices::table
        .find(placement_id)
        .select(HireNotice::as_select())
        .first(conn)
        .optional()
}

pub fn file_notice(
    conn: &mut PgConnection,
    placement_id: Uuid,
    filed_on: NaiveDate,
    reference: &str,
    by: Uuid,
) -> QueryResult<HireNotice> {
    diesel::update(hire_notices::table.find(placement_id))
        .set((
            hire_notices::filed_on.eq(filed_on),
            hire_notices::reference.eq(reference),
            hire_notices::filed_by.eq(by),
        ))
        .returning(HireNotice::as_returning())
        .get_result(conn)
}

/// Notices not filed by their due date as of `today` (for the ministry), or all of one employer.
pub fn notices(
    conn: &mut PgConnection,
    employer: Option<Uuid>,
    overdue_on: Option<NaiveDate>,
    limit: i64,
) -> QueryResult<Vec<HireNotice>> {
    let mut q = hire_notices::table
        .select(HireNotice::as_select())
        .into_boxed();
    if let Some(e) = employer {
        q = q.filter(hire_notices::employer_id.eq(e));
    }
    if let Some(day) = overdue_on {
        q = q
            .filter(hire_notices::filed_on.is_null())
            .filter(hire_notices::due_on.lt(day));
    }
    q.order(hire_notices::due_on.asc()).limit(limit).load(conn)
}

/// The placement's follow-ups nobody has answered yet, for update.
pub fn unanswered_of(conn: &mut PgConnection, placement: Uuid) -> QueryResult<Vec<Followup>> {
    followups::table
        .filter(followups::placement_id.eq(placement))
        .filter(followups::answered_at.is_null())
        .filter(followups::flagged_at.is_null())
        .filter(followups::withdrawn_on.is_null())
        .select(Followup::as_select())
        .for_update()
        .load(conn)
}

pub fn withdraw(conn: &mut PgConnection, ids: &[Uuid], on: NaiveDate) -> QueryResult<usize> {
    diesel::update(followups::table.filter(followups::id.eq_any(ids)))
        .set(followups::withdrawn_on.eq(on))
        .execute(conn)
}
