//! After departure: arrival, the start and the end of work, the employer's notice of the hire to
//! the migration authorities, and a year of follow-up with the worker — reminders, answers, and
//! cases at the ministry for bad answers and silence.

use chrono::{Duration, NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::candidate;
use crate::db::models::consent;
use crate::db::models::contract;
use crate::db::models::followup::{self, Filter, Followup, HireNotice, Scope};
use crate::db::models::placement::{self, Placement, StepFacts};
use crate::db::models::user;
use crate::domain::access::{Principal, Representative};
use crate::domain::audit::AuditAction;
use crate::domain::followup::{self as rules, Answers, FollowupKind, Termination};
use crate::domain::placement::{Party, PlacementState};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::i18n::Locale;
use crate::jobs::send_email;
use crate::services::placements::{Loaded, StepDetails};
use crate::services::{audit, restrictions, Caller};
use crate::state::AppState;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn date_field(field: &'static str, code: &'static str, bound: NaiveDate) -> AppError {
    AppError::validation(vec![FieldError::new(field, code)
        .with("min", bound)
        .with("max", bound)])
}

/// What a step after departure records, checked; `None` for the steps that record nothing.
pub(crate) fn facts(
    conn: &mut PgConnection,
    loaded: &Loaded,
    to: PlacementState,
    details: &StepDetails,
) -> AppResult<Option<StepFacts>> {
    let p = &loaded.placement;
    let day = details.date.unwrap_or_else(today);
    if day > today() {
        return Err(date_field("date", "date_too_late", today()));
    }
    let earliest = today() - Duration::days(rules::START_BACKDATE_DAYS);
    match to {
        PlacementState::Arrived => {
            if day < earliest {
                return Err(date_field("date", "date_too_early", earliest));
            }
            Ok(Some(StepFacts {
                arrived_on: Some(day),
                ..Default::default()
            }))
        }
        PlacementState::Employed => {
            let floor = p.arrived_on.map_or(earliest, |a| a.max(earliest));
            if day < floor {
                return Err(date_field("date", "date_too_early", floor));
            }
            Ok(Some(StepFacts {
                employment_start: Some(day),
                ..Default::default()
            }))
        }
        PlacementState::Completed => {
            let end = contract::latest(conn, p.id)?.and_then(|c| c.terms().end_date());
            if !rules::may_complete(end, today()) {
                return Err(AppError::new(ErrorCode::Conflict).detail(match end {
                    Some(end) => {
                        format!("the contract runs until {end}; end it early as terminated")
                    }
                    None => "the placement has no contract".to_owned(),
                }));
            }
            Ok(Some(StepFacts {
                ended_on: Some(day),
                ..Default::default()
            }))
        }
        PlacementState::Terminated => {
            let how = details
                .termination
                .ok_or_else(|| AppError::field("termination", "required"))?;
            let allowed = match loaded.party {
                Party::Employer => how.open_to_employer(),
                Party::Candidate => how.open_to_worker(),
                _ => false,
            };
            if !allowed {
                return Err(AppError::validation(vec![FieldError::new(
                    "termination",
                    "unknown_value",
                )
                .with(
                    "allowed",
                    if loaded.party == Party::Employer {
                        "by_employer, by_agreement"
                    } else {
                        "by_worker, by_agreement"
                    },
                )]));
            }
            if let Some(start) = p.employment_start {
                if day < start {
                    return Err(date_field("date", "date_too_early", start));
                }
            }
            Ok(Some(StepFacts {
                ended_on: Some(day),
                termination: Some(how.as_str().to_owned()),
                ..Default::default()
            }))
        }
        _ => Ok(None),
    }
}

/// What a step after departure starts: at the start of work, the hire notice and the year of
/// follow-ups; at an early end, a follow-up due at once.
pub fn follow(conn: &mut PgConnection, p: &Placement, to: PlacementState) -> AppResult<()> {
    match (to, p.employment_start, p.ended_on) {
        (PlacementState::Employed, Some(start), _) => {
            let v = crate::db::models::vacancy::find(conn, p.vacancy_id)?;
            followup::insert_notice(
                conn,
                &HireNotice {
                    placement_id: p.id,
                    employer_id: v.employer_id,
                    due_on: rules::hire_notice_due(start),
                    filed_on: None,
                    reference: None,
                    filed_by: None,
                    created_at: Utc::now(),
                },
            )?;
            followup::schedule(conn, p.id, &rules::schedule(start))?;
        }
        (PlacementState::Terminated, _, Some(end)) => {
            after_early_end(conn, p.id, end, end.max(today()))?;
        }
        _ => {}
    }
    Ok(())
}

/// An employment ended early on `end`: the scheduled follow-ups due later are withdrawn and one
/// about the end falls due on `due` (at once, for a termination recorded today).
pub fn after_early_end(
    conn: &mut PgConnection,
    placement: Uuid,
    end: NaiveDate,
    due: NaiveDate,
) -> AppResult<()> {
    let later: Vec<Uuid> = followup::unanswered_of(conn, placement)?
        .into_iter()
        .filter(|f| rules::withdrawn_by_early_end(f.kind(), f.due_on, end))
        .map(|f| f.id)
        .collect();
    followup::withdraw(conn, &later, end)?;
    followup::schedule(conn, placement, &[(FollowupKind::AfterTermination, due)])?;
    Ok(())
}

/// A follow-up as its reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowupView {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub kind: FollowupKind,
    pub due_on: NaiveDate,
    pub status: rules::FollowupStatus,
    pub answers: Option<Answers>,
    /// `migrant` when the worker answered, else the representative who recorded the answers.
    pub answered_by_role: Option<String>,
    pub answered_at: Option<chrono::DateTime<Utc>>,
    /// Raised by the answers or by silence; each opens a case at the ministry.
    pub concerns: Vec<String>,
    pub case_open: bool,
    pub case_resolution: Option<String>,
}

impl From<Followup> for FollowupView {
    fn from(f: Followup) -> Self {
        Self {
            id: f.id,
            placement_id: f.placement_id,
            kind: f.kind(),
            due_on: f.due_on,
            status: if f.withdrawn_on.is_some() {
                rules::FollowupStatus::Withdrawn
            } else {
                rules::status(f.due_on, f.answered_at.is_some(), today())
            },
            answers: f.answers(),
            answered_by_role: f.answered_by_role.clone(),
            answered_at: f.answered_at,
            case_open: f.flagged_at.is_some() && f.case_closed_at.is_none(),
            concerns: f.concerns,
            case_resolution: f.case_resolution,
        }
    }
}

/// The worker and those who represent them answer follow-ups; the ministry reads them all. The
/// employer never sees them: answers about unpaid wages must be safe to give.
fn may_answer_for(conn: &mut PgConnection, who: &Principal, p: &Placement) -> AppResult<bool> {
    let profile = candidate::find(conn, p.candidate_id)?;
    Ok(match who.role {
        Role::Migrant => profile.user_id == Some(who.user.uuid()),
        Role::Agency | Role::Centre => {
            let consents = consent::active_for_profile(conn, profile.id)?;
            let reps: Vec<Representative> =
                consents.iter().filter_map(|c| c.representative()).collect();
            who.represents(&reps)
        }
        _ => false,
    })
}

#[derive(Debug, Serialize)]
struct FollowupSnapshot {
    placement_id: Uuid,
    kind: String,
    answered: bool,
    concerns: Vec<String>,
    case_closed: bool,
}

fn snapshot(f: &Followup) -> FollowupSnapshot {
    FollowupSnapshot {
        placement_id: f.placement_id,
        kind: f.kind.clone(),
        answered: f.answered_at.is_some(),
        concerns: f.concerns.clone(),
        case_closed: f.case_closed_at.is_some(),
    }
}

/// Records the worker's answers (the worker, or their agency or centre for them). Bad answers
/// flag the follow-up to the ministry at once.
#[instrument(skip_all, fields(user = %caller.principal.user, followup = %id))]
pub async fn answer(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    answers: Answers,
) -> AppResult<FollowupView> {
    let who = caller.principal;
    let actor = caller.actor();
    let mut answers = answers;
    answers.report = answers
        .report
        .map(|r| text::clean(&r))
        .filter(|r| !r.is_empty());
    let mut c = Check::new();
    if let Some(r) = &answers.report {
        c.text("report", r, 1, 4000);
    }
    c.finish()?;
    db::transaction(&state.pool, move |conn| {
        let before = followup::find_for_update(conn, id)?;
        let p = placement::find(conn, before.placement_id)?;
        if !may_answer_for(conn, &who, &p)? {
            return Err(AppError::not_found());
        }
        if before.answered_at.is_some() {
            return Err(AppError::new(ErrorCode::Conflict).detail("this follow-up is answered"));
        }
        if let Some(day) = before.withdrawn_on {
            return Err(AppError::new(ErrorCode::Conflict).detail(format!(
                "this follow-up was withdrawn when the employment ended on {day}"
            )));
        }
        if !rules::may_answer(before.due_on, today()) {
            return Err(AppError::new(ErrorCode::Conflict).detail(format!(
                "this follow-up opens {} days before {}",
                rules::OPENS_BEFORE_DAYS,
                before.due_on
            )));
        }
        let concerns: Vec<String> = rules::concerns(&answers)
            .into_iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        let after = followup::answer(
            conn,
            id,
            &answers,
            who.user.uuid(),
            who.role.as_str(),
            &concerns,
        )?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::FollowupAnswered,
            after.id,
            (Some(&before), &after),
            snapshot,
        )?;
        if !concerns.is_empty() {
            let v = crate::db::models::vacancy::find(conn, p.vacancy_id)?;
            restrictions::after_bad_followup(conn, &actor, v.employer_id)?;
        }
        Ok(after.into())
    })
    .await
}

/// Follow-ups the caller may read: the worker's own, those of people an agency or centre
/// represents, all for the ministry (`open_cases` for its queue).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    filter: Filter,
    limit: i64,
) -> AppResult<Vec<FollowupView>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let scope = match who.role {
            Role::Ministry | Role::Admin => Scope::All,
            Role::Migrant => Scope::Candidates(
                candidate::find_by_user(conn, who.user.uuid())?
                    .map(|p| p.id)
                    .into_iter()
                    .collect(),
            ),
            Role::Agency | Role::Centre => {
                let by = match (who.agency(), who.centre()) {
                    (Some(a), _) => Representative::Agency(a),
                    (_, Some(c)) => Representative::Centre(c),
                    _ => return Err(AppError::forbidden()),
                };
                Scope::Candidates(consent::represented_profile_ids(conn, by)?)
            }
            Role::Employer => return Err(AppError::forbidden()),
        };
        Ok(followup::list(conn, &scope, &filter, limit)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
    .await
}

/// The ministry closes the case a flagged follow-up opened, with what it did.
pub async fn close_case(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    resolution: String,
) -> AppResult<FollowupView> {
    let actor = caller.actor();
    let resolution = text::clean(&resolution);
    let mut c = Check::new();
    c.text("resolution", &resolution, 1, 2000);
    c.finish()?;
    db::transaction(&state.pool, move |conn| {
        let before = followup::find_for_update(conn, id)?;
        if before.flagged_at.is_none() || before.case_closed_at.is_some() {
            return Err(AppError::new(ErrorCode::Conflict).detail("there is no open case"));
        }
        let after = followup::close_case(conn, id, &resolution)?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::FollowupCaseClosed,
            after.id,
            (Some(&before), &after),
            snapshot,
        )?;
        Ok(after.into())
    })
    .await
}

/// The employer records that it notified the migration authorities of the hire.
pub async fn file_hire_notice(
    state: &AppState,
    caller: &Caller,
    placement_id: Uuid,
    filed_on: NaiveDate,
    reference: String,
) -> AppResult<HireNotice> {
    let who = caller.principal;
    let actor = caller.actor();
    let reference = text::clean(&reference);
    let mut c = Check::new();
    c.text("reference", &reference, 1, 200);
    if filed_on > today() {
        c.push(FieldError::new("filed_on", "date_too_late").with("max", today()));
    }
    c.finish()?;
    db::transaction(&state.pool, move |conn| {
        let notice = followup::find_notice(conn, placement_id)?.ok_or_else(AppError::not_found)?;
        if who.employer().map(|e| e.uuid()) != Some(notice.employer_id) {
            return Err(AppError::not_found());
        }
        if notice.filed_on.is_some() {
            return Err(AppError::new(ErrorCode::Conflict).detail("the notice is already filed"));
        }
        let after =
            followup::file_notice(conn, placement_id, filed_on, &reference, who.user.uuid())?;
        audit::record(
            conn,
            &actor,
            AuditAction::HireNoticeFiled,
            placement_id,
            None,
            Some(&serde_json::json!({"due_on": after.due_on, "filed_on": after.filed_on})),
        )?;
        Ok(after)
    })
    .await
}

/// Hire notices: an employer's own; for the ministry all, or those overdue today.
pub async fn hire_notices(
    state: &AppState,
    caller: &Caller,
    overdue: bool,
    limit: i64,
) -> AppResult<Vec<HireNotice>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let employer = match who.role {
            Role::Ministry | Role::Admin => None,
            Role::Employer => Some(who.employer().ok_or_else(AppError::forbidden)?.uuid()),
            _ => return Err(AppError::forbidden()),
        };
        Ok(followup::notices(
            conn,
            employer,
            overdue.then(today),
            limit,
        )?)
    })
    .await
}

/// The daily sweep as of `today`: reminders before and on the due day (each once), and
/// unanswered follow-ups past the grace period flagged to the ministry. Runs in the caller's
/// transaction; returns how many follow-ups it touched.
pub fn sweep(conn: &mut PgConnection, base_url: &str, today: NaiveDate) -> AppResult<usize> {
    let system = Actor {
        id: None,
        role: None,
        request_id: Some("sweep".into()),
    };
    let horizon = today + Duration::days(rules::REMIND_BEFORE_DAYS);
    let mut touched = 0;
    for f in followup::unanswered_due_by(conn, horizon)? {
        match rules::status(f.due_on, false, today) {
            rules::FollowupStatus::Overdue => {
                let after = followup::flag_overdue(conn, f.id)?;
                audit::record_change(
                    conn,
                    &system,
                    AuditAction::FollowupFlagged,
                    after.id,
                    (Some(&f), &after),
                    snapshot,
                )?;
                touched += 1;
            }
            rules::FollowupStatus::Due => {
                let on_due_day = today >= f.due_on;
                let already = if on_due_day {
                    f.reminded_due_at.is_some()
                } else {
                    f.reminded_before_at.is_some()
                };
                if !already {
                    remind(conn, &f, base_url)?;
                    followup::mark_reminded(conn, f.id, on_due_day)?;
                    touched += 1;
                }
            }
            rules::FollowupStatus::Upcoming
            | rules::FollowupStatus::Answered
            | rules::FollowupStatus::Withdrawn => {}
        }
    }
    Ok(touched)
}

/// A reminder to the worker, in their language.
fn remind(conn: &mut PgConnection, f: &Followup, base_url: &str) -> AppResult<()> {
    let p = placement::find(conn, f.placement_id)?;
    let profile = candidate::find(conn, p.candidate_id)?;
    let (email, locale, name) = match profile.user_id {
        Some(u) => {
            let u = user::find(conn, u)?;
            (
                Some(u.email),
                Locale::parse(&u.locale).unwrap_or(Locale::Ru),
                u.full_name,
            )
        }
        None => (
            profile.email.clone(),
            Locale::Ru,
            profile.first_name.clone(),
        ),
    };
    let Some(email) = email else {
        return Ok(());
    };
    let v = crate::db::models::vacancy::find(conn, p.vacancy_id)?;
    let mail = OutgoingEmail::from_template(
        &email,
        locale,
        "followup_due",
        &[
            ("name", name),
            ("vacancy", v.title),
            ("due", f.due_on.to_string()),
            ("link", format!("{base_url}/followups/{}", f.id)),
        ],
    );
    send_email::enqueue(conn, &mail)?;
    Ok(())
}

/// For tests and the job: the daily sweep in its own transaction.
pub fn sweep_now(
    conn: &mut PgConnection,
    base_url: &str,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    use diesel::Connection;
    Ok(conn.transaction::<usize, AppError, _>(|conn| sweep(conn, base_url, today))?)
}

/// The termination kinds by name, for a 422 on an unknown one.
pub fn parse_termination(value: &str) -> AppResult<Termination> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        AppError::validation(vec![FieldError::new("termination", "unknown_value")
            .with("allowed", "by_employer, by_worker, by_agreement")])
    })
}
