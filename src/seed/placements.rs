//! Demo placements: one at each state up to `approved`, an agency's proposal among them, each
//! taken step by step through the rules of `domain::placement` and `domain::contract` (a step
//! the rules refuse stops the demo load), with its timeline, contract versions and signatures,
//! each dated when it happened. `seed::later` takes approved ones further. No emails: the demo
//! people are not real.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::models::candidate::CandidateProfile;
use crate::db::models::contract::{self, ContractRow};
use crate::db::models::placement::{self, Placement};
use crate::db::models::search_change;
use crate::db::models::vacancy::{self, Vacancy};
use crate::db::models::verification;
use crate::db::schema::placement_events;
use crate::domain::contract::{self as contract_rules, ContractTerms, Limits, Signer};
use crate::domain::placement::{self as rules, Origin, Party, PlacementState as S, Step};
use crate::domain::verify::Kind;

/// Who takes the steps.
pub struct Cast {
    pub employer_user: Uuid,
    pub employer_name: String,
    pub employer_inn: String,
    pub agency: Uuid,
    pub agency_user: Uuid,
    pub agency_name: String,
    pub agency_licence: String,
    pub ministry_user: Uuid,
}

/// One demo case: whose, for which vacancy, how it began and how far it got.
pub struct Case<'a> {
    pub candidate: &'a CandidateProfile,
    /// The language of the candidate's account, in which they confirm the contract.
    pub locale: crate::i18n::Locale,
    pub vacancy: &'a Vacancy,
    pub cast: &'a Cast,
    pub origin: Origin,
    pub until: crate::domain::placement::PlacementState,
    /// For a rejection or a withdrawal: the reason.
    pub reason: Option<&'a str>,
}

/// When a demo placement began, and the first day of work its contract names.
#[derive(Debug, Clone, Copy)]
pub struct When {
    /// Each step before departure follows a few days after the one before it (see
    /// [`DAYS_AFTER_START`]).
    pub began: DateTime<Utc>,
    pub start: NaiveDate,
}

impl When {
    /// Begun three weeks ago, approved yesterday, for work from the vacancy's start date.
    pub fn recent(v: &Vacancy) -> Self {
        Self {
            began: Utc::now() - Duration::days(21),
            start: v.start_date,
        }
    }
}

/// Days after the beginning of a placement on which the steps up to approval are taken:
/// shortlisted, offered (the employer writes and signs the contract), contract signed by the
/// candidate (and the review opened), approved.
pub const DAYS_AFTER_START: [i64; 4] = [5, 10, 12, 20];

/// A timeline event with the time it happened (`placement_events.at` defaults to now).
#[derive(Insertable)]
#[diesel(table_name = placement_events)]
pub struct DatedEvent<'a> {
    pub placement_id: Uuid,
    pub from_state: Option<&'a str>,
    pub to_state: &'a str,
    pub actor_id: Option<Uuid>,
    pub actor_role: &'a str,
    pub reason: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub fn add_event(conn: &mut PgConnection, e: &DatedEvent<'_>) -> QueryResult<usize> {
    diesel::insert_into(placement_events::table)
        .values(e)
        .execute(conn)
}

fn actor_of(case: &Case<'_>, party: Party) -> (Option<Uuid>, &'static str) {
    match party {
        Party::Candidate => (case.candidate.user_id, "migrant"),
        Party::Employer => (Some(case.cast.employer_user), "employer"),
        Party::Agency => (Some(case.cast.agency_user), "agency"),
        Party::Ministry => (Some(case.cast.ministry_user), "ministry"),
        Party::Admin | Party::System => (None, "system"),
    }
}

/// One step of a demo placement: to which state, by which party (and through which command),
/// taken by whom, when, with which reason.
pub struct Move<'a> {
    pub to: crate::domain::placement::PlacementState,
    pub party: Party,
    pub via: Step,
    /// The account and role that took it (a centre takes the agency's departure edge).
    pub actor: (Option<Uuid>, &'a str),
    pub reason: Option<&'a str>,
    pub at: DateTime<Utc>,
}

/// Takes one step if the rules of `domain::placement` allow it; the demo load stops otherwise.
pub fn take(conn: &mut PgConnection, p: &Placement, m: &Move<'_>) -> anyhow::Result<Placement> {
    rules::check(p.state(), m.to, m.party, m.via, m.reason.is_some())
        .map_err(|e| anyhow::anyhow!("demo placement {} → {}: {e}", p.state, m.to))?;
    let after = placement::set_state(conn, p.id, m.to, m.reason)?;
    add_event(
        conn,
        &DatedEvent {
            placement_id: p.id,
            from_state: Some(&p.state),
            to_state: m.to.as_str(),
            actor_id: m.actor.0,
            actor_role: m.actor.1,
            reason: m.reason,
            at: m.at,
        },
    )?;
    Ok(after)
}

/// Takes one step by the party's own account.
#[allow(clippy::too_many_arguments)]
fn step(
    conn: &mut PgConnection,
    case: &Case<'_>,
    p: &Placement,
    to: crate::domain::placement::PlacementState,
    party: Party,
    via: Step,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> anyhow::Result<Placement> {
    take(
        conn,
        p,
        &Move {
            to,
            party,
            via,
            actor: actor_of(case, party),
            reason,
            at,
        },
    )
}

/// The moment `days` after the placement began.
fn day(when: &When, days: i64) -> DateTime<Utc> {
    when.began + Duration::days(days)
}

fn terms_for(v: &Vacancy, start: NaiveDate) -> ContractTerms {
    ContractTerms {
        salary_rub_month: v.salary_min,
        hours_per_week: v.hours_per_week,
        hours_reason: (v.hours_per_week > contract_rules::NORMAL_HOURS).then(|| {
            "Сменный график; сверхурочная работа оплачивается по ст. 152 ТК РФ".to_owned()
        }),
        start_date: start,
        duration_months: v.contract_months,
        housing: v
            .housing
            .then(|| "Общежитие работодателя, комната на 2–4 человек, бесплатно".to_owned()),
        meals: v.meals.then(|| "Горячий обед в рабочие дни".to_owned()),
        transport: v
            .transport
            .then(|| "Служебный автобус до места работы".to_owned()),
        paid_leave_days: contract_rules::MIN_PAID_LEAVE_DAYS,
        employer_pays_travel: true,
        employer_pays_medical: true,
        employer_pays_permit: true,
        worker_fee_rub: contract_rules::WORKER_FEE_RUB,
    }
}

/// The employer writes version 1 and signs it.
fn write_and_sign(
    conn: &mut PgConnection,
    case: &Case<'_>,
    when: &When,
    p: &Placement,
) -> anyhow::Result<()> {
    let v = case.vacancy;
    let terms = terms_for(v, when.start);
    let minimum = contract_rules::minimum_wage(&v.region_code, terms.start_date)
        .ok_or_else(|| anyhow::anyhow!("no minimum wage on record"))?;
    // The terms are checked as they stood on the day the employer wrote them.
    let written = day(when, DAYS_AFTER_START[1]);
    let today = written.date_naive();
    contract_rules::check(
        &terms,
        Limits {
            salary_min: v.salary_min,
            salary_max: v.salary_max,
            minimum_wage: &minimum,
            today,
        },
    )
    .map_err(|e| anyhow::anyhow!("demo contract terms: {e:?}"))?;
    let proposed = p.proposed_by_agency.is_some();
    let c = contract::insert(
        conn,
        &ContractRow {
            id: Uuid::now_v7(),
            placement_id: p.id,
            version: 1,
            employer_name: case.cast.employer_name.clone(),
            employer_inn: case.cast.employer_inn.clone(),
            agency_name: proposed.then(|| case.cast.agency_name.clone()),
            agency_licence_number: proposed.then(|| case.cast.agency_licence.clone()),
            candidate_name: format!("{} {}", case.candidate.last_name, case.candidate.first_name),
            candidate_citizenship: case.candidate.citizenship.clone(),
            vacancy_title: v.title.clone(),
            occupation_code: v.occupation_code.clone(),
            region_code: v.region_code.clone(),
            city: v.city.clone(),
            salary_rub_month: terms.salary_rub_month,
            minimum_wage_rub_month: minimum.rub_per_month,
            minimum_wage_source: minimum.source,
            hours_per_week: terms.hours_per_week,
            hours_reason: terms.hours_reason,
            start_date: terms.start_date,
            duration_months: terms.duration_months,
            housing: terms.housing,
            meals: terms.meals,
            transport: terms.transport,
            paid_leave_days: terms.paid_leave_days,
            employer_pays_travel: terms.employer_pays_travel,
            employer_pays_medical: terms.employer_pays_medical,
            employer_pays_permit: terms.employer_pays_permit,
            worker_fee_rub: terms.worker_fee_rub,
            drafted_by: case.cast.employer_user,
            created_at: written,
        },
    )?;
    contract_rules::may_sign(Signer::Employer, c.signatures(), true)
        .map_err(|e| anyhow::anyhow!("demo contract: {e}"))?;
    contract::sign(
        conn,
        &c,
        Signer::Employer,
        case.cast.employer_user,
        None,
        written,
    )?;
    Ok(())
}

/// The candidate confirms version 1 in their language.
fn confirm(
    conn: &mut PgConnection,
    case: &Case<'_>,
    when: &When,
    p: &Placement,
) -> anyhow::Result<()> {
    let c = contract::latest(conn, p.id)?
        .ok_or_else(|| anyhow::anyhow!("demo placement has no contract"))?;
    contract_rules::may_sign(Signer::Candidate, c.signatures(), true)
        .map_err(|e| anyhow::anyhow!("demo contract: {e}"))?;
    let user = case
        .candidate
        .user_id
        .ok_or_else(|| anyhow::anyhow!("a demo candidate who signs has an account"))?;
    let locale = case.locale;
    contract::sign(
        conn,
        &c,
        Signer::Candidate,
        user,
        Some(locale.as_str()),
        day(when, DAYS_AFTER_START[2]),
    )?;
    verification::issue(conn, Kind::Contract, c.row.id)?;
    Ok(())
}

/// Creates one demo placement and takes it to `case.until`, begun three weeks ago.
pub fn play(conn: &mut PgConnection, case: &Case<'_>) -> anyhow::Result<Placement> {
    play_at(conn, case, &When::recent(case.vacancy))
}

/// Creates one demo placement and takes it to `case.until`, from `when`.
pub fn play_at(conn: &mut PgConnection, case: &Case<'_>, when: &When) -> anyhow::Result<Placement> {
    let now = when.began;
    let (created_by, _) = actor_of(case, case.origin.by());
    let created_by = created_by.ok_or_else(|| anyhow::anyhow!("demo placement without actor"))?;
    let mut p = placement::insert(
        conn,
        &Placement {
            id: Uuid::now_v7(),
            vacancy_id: case.vacancy.id,
            candidate_id: case.candidate.id,
            origin: case.origin.as_str().into(),
            proposed_by_agency: (case.origin == Origin::Proposed).then_some(case.cast.agency),
            state: case.origin.state().as_str().into(),
            reason: None,
            match_explanation: serde_json::json!({}),
            created_by,
            version: 1,
            created_at: now,
            updated_at: now,
            arrived_on: None,
            employment_start: None,
            ended_on: None,
            termination: None,
        },
    )?;
    let (actor_id, actor_role) = actor_of(case, case.origin.by());
    add_event(
        conn,
        &DatedEvent {
            placement_id: p.id,
            from_state: None,
            to_state: &p.state,
            actor_id,
            actor_role,
            reason: None,
            at: now,
        },
    )?;
    // The way to each end state, after the beginning.
    let [shortlisted, offered, signed, approved] = DAYS_AFTER_START;
    let path: &[(crate::domain::placement::PlacementState, Party, Step, i64)] = &[
        (
            S::Shortlisted,
            Party::Employer,
            Step::Requested,
            shortlisted,
        ),
        (S::Offered, Party::Employer, Step::Requested, offered),
        (S::ContractSigned, Party::System, Step::Contract, signed),
        (S::UnderReview, Party::System, Step::Automatic, signed),
        (S::Approved, Party::Ministry, Step::Review, approved),
    ];
    match case.until {
        S::Applied | S::Proposed | S::Invited => return Ok(p),
        S::Rejected => {
            return step(
                conn,
                case,
                &p,
                S::Rejected,
                Party::Employer,
                Step::Requested,
                case.reason,
                day(when, DAYS_AFTER_START[0]),
            )
        }
        S::Withdrawn => {
            return step(
                conn,
                case,
                &p,
                S::Withdrawn,
                Party::Candidate,
                Step::Requested,
                case.reason,
                day(when, DAYS_AFTER_START[0]),
            )
        }
        _ => {}
    }
    for &(to, party, via, after) in path {
        match to {
            S::ContractSigned => {
                write_and_sign(conn, case, when, &p)?;
                if case.until == S::Offered {
                    return Ok(p);
                }
                confirm(conn, case, when, &p)?;
            }
            S::Approved => {
                vacancy::take_position(conn, case.vacancy.id)?
                    .ok_or_else(|| anyhow::anyhow!("demo vacancy has no position left"))?;
                // As the service does at approval: a citizen who needs quota takes a unit.
                crate::services::quota::take_unit_for(conn, &p, case.vacancy, case.candidate)
                    .map_err(|e| anyhow::anyhow!("demo placement approval: {e}"))?;
                search_change::record(conn, search_change::VACANCY, case.vacancy.id, "upsert")?;
            }
            _ => {}
        }
        let reason = (to == S::Approved).then_some(
            "Договор проверен: плата с работника 0, зарплата не ниже МРОТ, лицензия действует",
        );
        // The review opens a minute after the signature that completes the contract.
        let at = day(when, after) + Duration::minutes(i64::from(to == S::UnderReview));
        p = step(conn, case, &p, to, party, via, reason, at)?;
        // An offer is shown with the contract the employer wrote and signed.
        if to == case.until && to != S::Offered {
            break;
        }
    }
    Ok(p)
}
