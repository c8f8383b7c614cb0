//! The readiness checklist and the departure gate. Centre staff of a centre that represents the
//! person record the items; the person, their representatives and the ministry read them with
//! their state on a departure date; `approved → departed` is refused with 409 `not_ready` unless
//! every item is valid on the departure date.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::Connection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::consent::{self, Consent};
use crate::db::models::contract;
use crate::db::models::placement::{self, Placement, PlacementFilter, Scope};
use crate::db::models::readiness::{
    self as rows, Cohort, CohortPlacement, Departure, ReadinessItem,
};
use crate::db::models::vacancy::{self, Vacancy};
use crate::domain::access::{self, Principal, ProfileAccess, Representative};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{CandidateId, PlacementId};
use crate::domain::members::Organisation;
use crate::domain::placement::{self as placement_rules, Parties, Party, PlacementState, Step};
use crate::domain::readiness::{
    self as rules, Context, ContractPeriod, Item, ItemState, ItemStatus, Record,
};
use crate::domain::role::Role;
use crate::domain::text;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode, FieldError, NotReadyItem};
use crate::i18n;
use crate::jobs::send_email;
use crate::services::placements::{self, Loaded, PlacementView};
use crate::services::{audit, licences, Caller};
use crate::state::AppState;

/// The longest evidence reference (a document number, a file name), in characters.
pub const EVIDENCE_MAX: usize = 200;

/// How far back a departure may be recorded, in days.
pub const DEPARTURE_RECORDED_WITHIN_DAYS: i64 = 14;

/// One item of a candidate's checklist, as recorded, with its state on the departure date.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: Item,
    pub state: ItemState,
    /// What staff recorded; for orientation, `ok` once attended.
    pub status: ItemStatus,
    pub row: Option<ReadinessItem>,
    /// For orientation: when the person attended.
    pub attended_at: Option<DateTime<Utc>>,
}

/// The checklist of one person on one departure date.
#[derive(Debug, Clone)]
pub struct ReadinessView {
    pub candidate_id: Uuid,
    pub departure: NaiveDate,
    /// The placement whose contract the dates are measured against.
    pub placement_id: Option<Uuid>,
    pub contract: Option<ContractPeriod>,
    pub items: Vec<ItemView>,
}

impl ReadinessView {
    pub fn ready(&self) -> bool {
        self.items.iter().all(|i| i.state.is_ready())
    }
}

/// What `PUT /candidates/{id}/readiness/{item}` asks for.
#[derive(Debug, Clone)]
pub struct RecordInput {
    pub status: ItemStatus,
    pub evidence_ref: Option<String>,
    /// The day the check was done; today by default.
    pub checked_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub level: Option<String>,
    pub language: Option<String>,
}

/// What the audit trail keeps of an item: the evidence reference only as a keyed fingerprint.
#[derive(Serialize)]
struct ItemSnapshot {
    item: String,
    status: String,
    checked_on: NaiveDate,
    valid_until: Option<NaiveDate>,
    level: Option<String>,
    language: Option<String>,
    checked_by: Uuid,
    version: i64,
    personal: BTreeMap<&'static str, String>,
}

fn snapshot(cipher: &DataCipher, r: &ReadinessItem) -> ItemSnapshot {
    ItemSnapshot {
        item: r.item.clone(),
        status: r.status.clone(),
        checked_on: r.checked_on,
        valid_until: r.valid_until,
        level: r.level.clone(),
        language: r.language.clone(),
        checked_by: r.checked_by,
        version: r.version,
        personal: audit::fingerprints(cipher, [("evidence_ref", r.evidence_ref.as_deref())]),
    }
}

fn representatives(consents: &[Consent]) -> Vec<Representative> {
    consents
        .iter()
        .filter_map(Consent::representative)
        .collect()
}

/// The profile if the caller may read it (else 404), with the caller's access.
fn load_profile(
    conn: &mut PgConnection,
    who: &Principal,
    id: CandidateId,
    for_update: bool,
) -> AppResult<(CandidateProfile, ProfileAccess)> {
    licences::require_active(conn, who)?;
    let p = if for_update {
        candidate::find_for_update(conn, id.uuid())?
    } else {
        candidate::find(conn, id.uuid())?
    };
    let consents = consent::active_for_profile(conn, p.id)?;
    let granted =
        access::profile_access(who, p.user_id.map(Into::into), &representatives(&consents));
    if granted == ProfileAccess::Hidden {
        return Err(AppError::not_found());
    }
    Ok((p, granted))
}

/// The person's language codes, from their profile.
fn languages(profile: &CandidateProfile) -> Vec<String> {
    profile
        .languages
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["code"].as_str().map(str::to_owned))
        .collect()
}

/// The contract period of a placement's latest contract version.
fn contract_period(conn: &mut PgConnection, placement: Uuid) -> AppResult<Option<ContractPeriod>> {
    Ok(contract::latest(conn, placement)?.and_then(|c| {
        let terms = c.terms();
        terms.end_date().map(|end| ContractPeriod {
            start: terms.start_date,
            end,
        })
    }))
}

/// The checklist of `profile` on `departure`, measured against `placement`'s contract.
fn build_view(
    conn: &mut PgConnection,
    profile: &CandidateProfile,
    placement: Option<Uuid>,
    departure: NaiveDate,
) -> AppResult<ReadinessView> {
    let contract = match placement {
        Some(p) => contract_period(conn, p)?,
        None => None,
    };
    let stored = rows::for_candidate(conn, profile.id)?;
    let records: Vec<Record> = stored.iter().filter_map(ReadinessItem::record).collect();
    let attended_at = rows::attended_orientation(conn, profile.id)?;
    let langs = languages(profile);
    let ctx = Context {
        departure,
        contract,
        orientation_attended_on: attended_at.map(|t| t.date_naive()),
        languages: &langs,
    };
    let items = rules::evaluate(&records, &ctx)
        .into_iter()
        .map(|(item, state)| {
            let row = stored.iter().find(|r| r.item == item.as_str()).cloned();
            let (status, attended_at) = if item == Item::Orientation {
                let status = if attended_at.is_some() {
                    ItemStatus::Ok
                } else {
                    ItemStatus::Missing
                };
                (status, attended_at)
            } else {
                let status = row
                    .as_ref()
                    .and_then(|r| r.status.parse().ok())
                    .unwrap_or(ItemStatus::Missing);
                (status, None)
            };
            ItemView {
                item,
                state,
                status,
                row,
                attended_at,
            }
        })
        .collect();
    Ok(ReadinessView {
        candidate_id: profile.id,
        departure,
        placement_id: placement,
        contract,
        items,
    })
}

/// The placement a checklist is measured against: the one asked for (it must be the person's),
/// else the person's latest approved one.
fn placement_for(
    conn: &mut PgConnection,
    profile: &CandidateProfile,
    asked: Option<PlacementId>,
) -> AppResult<Option<Uuid>> {
    if let Some(id) = asked {
        let p = placement::find(conn, id.uuid()).map_err(|_| unknown_placement())?;
        if p.candidate_id != profile.id {
            return Err(unknown_placement());
        }
        return Ok(Some(p.id));
    }
    let filter = PlacementFilter {
        state: Some(PlacementState::Approved),
        vacancy_id: None,
        candidate_id: Some(profile.id),
    };
    let found = placement::list(conn, &Scope::Candidates(vec![profile.id]), &filter, None, 1)?;
    Ok(found.first().map(|p| p.id))
}

fn unknown_placement() -> AppError {
    AppError::field("placement_id", "unknown_value").detail("not a placement of this person")
}

/// The checklist of one person with every item's state on `departure` (today by default): for
/// the person, the centres and agencies representing them, the ministry and admins.
pub async fn get_readiness(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    departure: Option<NaiveDate>,
    placement: Option<PlacementId>,
) -> AppResult<ReadinessView> {
    let who = caller.principal;
    let departure = departure.unwrap_or_else(|| Utc::now().date_naive());
    db::run(&state.pool, move |conn| {
        let (profile, _) = load_profile(conn, &who, id, false)?;
        let placement = placement_for(conn, &profile, placement)?;
        build_view(conn, &profile, placement, departure)
    })
    .await
}

fn validate(item: Item, input: RecordInput, today: NaiveDate) -> AppResult<RecordInput> {
    let mut errors = Vec::new();
    let evidence_ref = match input.evidence_ref.map(|e| text::clean(&e)) {
        Some(e) if e.is_empty() => None,
        Some(e) if e.chars().count() > EVIDENCE_MAX => {
            errors.push(FieldError::new("evidence_ref", "too_long").with("max", EVIDENCE_MAX));
            None
        }
        other => other,
    };
    let checked_on = input.checked_on.unwrap_or(today);
    if checked_on > today {
        errors.push(FieldError::new("checked_on", "date_too_late").with("max", today));
    }
    let ok = input.status == ItemStatus::Ok;
    if ok && item.needs_valid_until() && input.valid_until.is_none() {
        errors.push(FieldError::new("valid_until", "required"));
    }
    if let Some(until) = input.valid_until {
        if until < checked_on {
            errors.push(FieldError::new("valid_until", "date_too_early").with("min", checked_on));
        }
    }
    // A level only for the Russian test, a language only for the contract explanation.
    let level = input
        .level
        .filter(|_| item == Item::RussianTest)
        .map(|l| l.trim().to_uppercase());
    match &level {
        Some(l) if !rules::LEVELS.contains(&l.as_str()) => {
            errors.push(FieldError::new("level", "invalid_cefr"));
        }
        None if ok && item == Item::RussianTest => {
            errors.push(FieldError::new("level", "required"));
        }
        _ => {}
    }
    let language = input
        .language
        .filter(|_| item == Item::ContractExplained)
        .map(|l| l.trim().to_lowercase());
    match &language {
        Some(l) if !(l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase())) => {
            errors.push(FieldError::new("language", "invalid_language"));
        }
        None if ok && item == Item::ContractExplained => {
            errors.push(FieldError::new("language", "required"));
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    Ok(RecordInput {
        status: input.status,
        evidence_ref,
        checked_on: Some(checked_on),
        valid_until: input.valid_until,
        level,
        language,
    })
}

/// Records one item of a person's checklist: staff of a centre that represents the person.
/// Orientation is refused (it comes from attendance). Audited with before and after.
#[instrument(skip_all, fields(user = %caller.principal.user, candidate = %id, item = %item))]
pub async fn record_item(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    item: Item,
    input: RecordInput,
) -> AppResult<ItemView> {
    let who = caller.principal;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let today = Utc::now().date_naive();
    db::transaction(&state.pool, move |conn| {
        let (profile, granted) = load_profile(conn, &who, id, true)?;
        if who.role != Role::Centre || granted != ProfileAccess::Edit {
            return Err(AppError::forbidden()
                .detail("only staff of a centre that represents the person keep the checklist"));
        }
        if !item.is_recorded() {
            return Err(
                AppError::validation(vec![FieldError::new("item", "unknown_value").with(
                    "allowed",
                    Item::ALL
                        .into_iter()
                        .filter(|i| i.is_recorded())
                        .map(Item::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                )])
                .detail("orientation is filled in from attendance, never typed"),
            );
        }
        let input = validate(item, input, today)?;
        let before = rows::find_for_update(conn, profile.id, item)?;
        let row = ReadinessItem {
            candidate_id: profile.id,
            item: item.as_str().into(),
            status: input.status.as_str().into(),
            evidence_ref: input.evidence_ref,
            checked_on: input.checked_on.unwrap_or(today),
            valid_until: input.valid_until,
            level: input.level,
            language: input.language,
            checked_by: who.user.uuid(),
            checked_at: Utc::now(),
            version: before.as_ref().map_or(1, |b| b.version + 1),
        };
        let after = rows::upsert(conn, &row)?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::ReadinessRecorded,
            profile.id,
            (before.as_ref(), &after),
            |r| snapshot(&cipher, r),
        )?;
        let placement = placement_for(conn, &profile, None)?;
        let view = build_view(conn, &profile, placement, today)?;
        view.items
            .into_iter()
            .find(|i| i.item == item)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("item {item} not in the checklist")))
    })
    .await
}

/// The items of `not_ready`, as the problem body lists them.
fn missing_items(view: &ReadinessView) -> Vec<NotReadyItem> {
    view.items
        .iter()
        .filter(|i| !i.state.is_ready())
        .map(|i| NotReadyItem {
            item: i.item.as_str().into(),
            reason: i.state.code().into(),
            until: i.state.until(),
            needed: i.state.needed(),
        })
        .collect()
}

/// The departure gate: every readiness item of the placement's candidate must be valid on
/// `departure`, measured against the placement's contract; otherwise 409 `not_ready` listing
/// each item that is not.
pub fn require_ready(
    conn: &mut PgConnection,
    placement: &Placement,
    departure: NaiveDate,
) -> AppResult<()> {
    let profile = candidate::find(conn, placement.candidate_id)?;
    let view = build_view(conn, &profile, Some(placement.id), departure)?;
    let missing = missing_items(&view);
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|m| m.item.as_str()).collect();
    Err(AppError::new(ErrorCode::NotReady)
        .detail(format!("not ready on {departure}: {}", names.join(", ")))
        .missing(missing))
}

/// A placement for a departure: the caller must be the agency that proposed the person or
/// represents them, or a centre that represents them (404 for anyone who may not see it).
fn load_for_departure(
    conn: &mut PgConnection,
    who: &Principal,
    id: PlacementId,
) -> AppResult<(Loaded, bool)> {
    licences::require_active(conn, who)?;
    let p = placement::find_for_update(conn, id.uuid())?;
    let v = vacancy::find(conn, p.vacancy_id)?;
    let profile = candidate::find(conn, p.candidate_id)?;
    let consents = consent::active_for_profile(conn, profile.id)?;
    let reps = representatives(&consents);
    let parties = Parties {
        candidate_user: profile.user_id.map(Into::into),
        employer: v.employer(),
        proposed_by: p.proposed_by_agency.map(Into::into),
        representatives: reps.clone(),
    };
    // A centre representing the person is no party of the placement, but it sees the person off:
    // it takes the representative's (agency's) edge of the table.
    let (party, by_centre) = match placement_rules::relation(who, &parties) {
        Some(party) => (party, false),
        None if who.role == Role::Centre && who.represents(&reps) => (Party::Agency, true),
        None => return Err(AppError::not_found()),
    };
    Ok((
        Loaded {
            placement: p,
            vacancy: v,
            profile,
            party,
        },
        by_centre,
    ))
}

/// The departure date a caller may record: today or up to two weeks back (a 422 otherwise).
fn check_departure_date(field: &str, date: NaiveDate, today: NaiveDate) -> AppResult<()> {
    let earliest = today - Duration::days(DEPARTURE_RECORDED_WITHIN_DAYS);
    if date > today {
        return Err(AppError::validation(vec![FieldError::new(
            field,
            "date_too_late",
        )
        .with("max", today)]));
    }
    if date < earliest {
        return Err(AppError::validation(vec![FieldError::new(
            field,
            "date_too_early",
        )
        .with("min", earliest)]));
    }
    Ok(())
}

/// What a departure needs besides the connection: who, for the audit trail, and where links go.
struct DepartureCtx<'a> {
    who: &'a Principal,
    actor: &'a crate::db::models::audit::Actor,
    cipher: &'a DataCipher,
    base_url: &'a str,
}

/// Departs one placement inside the caller's transaction: the edge, the gate, the step, the
/// departure row and the emails.
fn depart_in(
    conn: &mut PgConnection,
    ctx: &DepartureCtx<'_>,
    id: PlacementId,
    date: NaiveDate,
    cohort: Option<Uuid>,
) -> AppResult<PlacementView> {
    let (loaded, by_centre) = load_for_departure(conn, ctx.who, id)?;
    let from = loaded.placement.state();
    let to = PlacementState::Departed;
    placement_rules::check(from, to, loaded.party, Step::Later, false)?;
    require_ready(conn, &loaded.placement, date)?;
    let after =
        placements::record_step(conn, (ctx.actor, ctx.cipher), &loaded.placement, to, None)?;
    rows::insert_departure(
        conn,
        &Departure {
            placement_id: after.id,
            departure_date: date,
            recorded_by: ctx.who.user.uuid(),
            recorded_at: Utc::now(),
            cohort_id: cohort,
        },
    )?;
    // A centre is no party: everyone who is one hears of it.
    let actor_party = if by_centre {
        Party::System
    } else {
        loaded.party
    };
    placements::notify(
        conn,
        actor_party,
        (&after, &loaded.vacancy, &loaded.profile),
        "placement_changed",
        ctx.base_url,
        &[("from", from), ("state", to)],
        &[("reason", "—".into())],
    )?;
    placements::view(conn, after, loaded.party)
}

/// Records the departure of an approved placement on `date`: by the agency that proposed the
/// person or represents them, or a centre that represents them, and only when every readiness
/// item is valid on that date (409 `not_ready` otherwise, naming each one).
#[instrument(skip_all, fields(user = %caller.principal.user, placement = %id, date = %date))]
pub async fn depart(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    date: NaiveDate,
) -> AppResult<PlacementView> {
    let who = caller.principal;
    check_departure_date("date", date, Utc::now().date_naive())?;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let ctx = DepartureCtx {
            who: &who,
            actor: &actor,
            cipher: &cipher,
            base_url: &base_url,
        };
        depart_in(conn, &ctx, id, date, None)
    })
    .await
}

/// What `POST /cohorts` asks for.
#[derive(Debug, Clone)]
pub struct NewCohort {
    pub departure_date: NaiveDate,
    pub transport: String,
    pub escort: Option<String>,
    pub placements: Vec<PlacementId>,
}

/// The most placements one cohort holds.
pub const COHORT_MAX: usize = 200;
/// The longest transport or escort description, in characters.
pub const COHORT_TEXT_MAX: usize = 500;

/// A cohort with its placements and, once confirmed, what became of each.
#[derive(Debug, Clone)]
pub struct CohortView {
    pub cohort: Cohort,
    pub members: Vec<CohortPlacement>,
}

fn cohort_text(
    field: &str,
    raw: Option<String>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let cleaned = raw.map(|r| text::clean(&r)).filter(|t| !t.is_empty());
    match &cleaned {
        None if required => errors.push(FieldError::new(field, "required")),
        Some(t) if t.chars().count() > COHORT_TEXT_MAX => {
            errors.push(FieldError::new(field, "too_long").with("max", COHORT_TEXT_MAX));
        }
        _ => {}
    }
    cleaned
}

/// The centre's own cohort (404 for anyone else; the ministry and admins read every one).
fn load_cohort(
    conn: &mut PgConnection,
    who: &Principal,
    id: Uuid,
    for_update: bool,
) -> AppResult<Cohort> {
    let c = rows::find_cohort(conn, id, for_update)?;
    let own = who
        .centre()
        .is_some_and(|centre| centre.uuid() == c.centre_id);
    if own || (!for_update && who.is_overseer()) {
        Ok(c)
    } else {
        Err(AppError::not_found())
    }
}

/// A centre groups approved placements of people it represents into a cohort leaving together.
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn create_cohort(
    state: &AppState,
    caller: &Caller,
    input: NewCohort,
) -> AppResult<CohortView> {
    let who = caller.principal;
    let centre = who
        .centre()
        .ok_or_else(|| AppError::forbidden().detail("your membership is not approved yet"))?;
    let mut errors = Vec::new();
    let transport = cohort_text("transport", Some(input.transport), true, &mut errors);
    let escort = cohort_text("escort", input.escort, false, &mut errors);
    let mut ids: Vec<Uuid> = input.placements.iter().map(|p| p.uuid()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        errors.push(FieldError::new("placement_ids", "required"));
    } else if ids.len() > COHORT_MAX {
        errors.push(FieldError::new("placement_ids", "too_many").with("max", COHORT_MAX));
    }
    if ids.len() != input.placements.len() {
        errors.push(FieldError::new("placement_ids", "duplicate"));
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        for id in &ids {
            let (loaded, _) = load_for_departure(conn, &who, (*id).into())?;
            if loaded.placement.state() != PlacementState::Approved {
                return Err(AppError::new(ErrorCode::InvalidTransition)
                    .detail(format!("placement {id} is not approved"))
                    .allowed(Vec::<String>::new()));
            }
        }
        let (cohort, members) = rows::insert_cohort(
            conn,
            &Cohort {
                id: Uuid::now_v7(),
                centre_id: centre.uuid(),
                departure_date: input.departure_date,
                transport: transport.unwrap_or_default(),
                escort,
                created_by: who.user.uuid(),
                created_at: Utc::now(),
                confirmed_by: None,
                confirmed_at: None,
            },
            &ids,
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::CohortCreated,
            cohort.id,
            None,
            Some(&cohort_snapshot(&cohort, &members)),
        )?;
        Ok(CohortView { cohort, members })
    })
    .await
}

#[derive(Serialize)]
struct CohortSnapshot {
    centre_id: Uuid,
    departure_date: NaiveDate,
    confirmed_at: Option<DateTime<Utc>>,
    placements: Vec<(Uuid, Option<String>)>,
}

fn cohort_snapshot(c: &Cohort, members: &[CohortPlacement]) -> CohortSnapshot {
    CohortSnapshot {
        centre_id: c.centre_id,
        departure_date: c.departure_date,
        confirmed_at: c.confirmed_at,
        placements: members
            .iter()
            .map(|m| (m.placement_id, m.outcome.clone()))
            .collect(),
    }
}

pub async fn get_cohort(state: &AppState, caller: &Caller, id: Uuid) -> AppResult<CohortView> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let cohort = load_cohort(conn, &who, id, false)?;
        let members = rows::cohort_members(conn, cohort.id)?;
        Ok(CohortView { cohort, members })
    })
    .await
}

/// Confirms a cohort on its departure date: departs each ready placement and records, per
/// placement, which stayed behind and why (`not_ready` with its items, `invalid_transition`…).
/// One transaction: an unexpected error leaves nothing behind, not even the departures that had
/// succeeded. A cohort is confirmed once (409 `conflict` after).
#[instrument(skip_all, fields(user = %caller.principal.user, cohort = %id))]
pub async fn confirm_cohort(state: &AppState, caller: &Caller, id: Uuid) -> AppResult<CohortView> {
    let who = caller.principal;
    let today = Utc::now().date_naive();
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let cohort = load_cohort(conn, &who, id, true)?;
        if cohort.confirmed_at.is_some() {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("the cohort is confirmed already")
            );
        }
        check_departure_date("departure_date", cohort.departure_date, today)?;
        let before = rows::cohort_members(conn, cohort.id)?;
        let ctx = DepartureCtx {
            who: &who,
            actor: &actor,
            cipher: &cipher,
            base_url: &base_url,
        };
        for m in &before {
            // Each placement in a savepoint: a refusal undoes only its own writes.
            let result = conn.transaction::<_, AppError, _>(|conn| {
                depart_in(
                    conn,
                    &ctx,
                    m.placement_id.into(),
                    cohort.departure_date,
                    Some(cohort.id),
                )
            });
            let (outcome, missing) = match result {
                Ok(_) => (PlacementState::Departed.as_str().to_owned(), None),
                // Anything but a refusal of the rules undoes the whole confirmation.
                Err(e)
                    if e.code == ErrorCode::Internal || e.code == ErrorCode::ServiceUnavailable =>
                {
                    return Err(e)
                }
                Err(e) => {
                    let missing = e
                        .missing
                        .as_ref()
                        .map(serde_json::to_value)
                        .transpose()
                        .map_err(|e| AppError::internal(anyhow::anyhow!("missing items: {e}")))?;
                    (e.code.as_str(), missing)
                }
            };
            rows::set_outcome(conn, cohort.id, m.placement_id, &outcome, missing)?;
        }
        let confirmed = rows::confirm_cohort(conn, cohort.id, who.user.uuid(), Utc::now())?;
        let members = rows::cohort_members(conn, cohort.id)?;
        audit::record(
            conn,
            &actor,
            AuditAction::CohortConfirmed,
            cohort.id,
            Some(&cohort_snapshot(&cohort, &before)),
            Some(&cohort_snapshot(&confirmed, &members)),
        )?;
        Ok(CohortView {
            cohort: confirmed,
            members,
        })
    })
    .await
}

/// Emails the candidate and the staff of every centre representing them what the checklist
/// still lacks for a departure by the contract start, inside the caller's transaction (at
/// approval). Nothing is sent when every item is ready. Lapses told here are noted, so the daily
/// sweep does not tell them again. Returns how many emails were enqueued.
pub(crate) fn tell_what_is_missing(
    conn: &mut PgConnection,
    parts: (&Placement, &Vacancy, &CandidateProfile),
    base_url: &str,
) -> AppResult<usize> {
    let (p, _, profile) = parts;
    let by = contract_period(conn, p.id)?.map_or_else(|| Utc::now().date_naive(), |c| c.start);
    let view = build_view(conn, profile, Some(p.id), by)?;
    let missing: Vec<&ItemView> = view.items.iter().filter(|i| !i.state.is_ready()).collect();
    for i in &missing {
        if let Some(day) = lapsed_on(&i.state) {
            rows::note_lapse(conn, p.id, i.item, day)?;
        }
    }
    tell(conn, parts, base_url, by, &missing, "readiness_missing")
}

/// The day an item stopped counting, for the states that time alone brings about: a validity
/// that ended, a check that has grown too old.
fn lapsed_on(state: &ItemState) -> Option<NaiveDate> {
    match state {
        ItemState::Expired { until, .. } => Some(*until),
        ItemState::TooEarly { checked_on, .. } => Some(*checked_on),
        _ => None,
    }
}

/// The daily sweep as of `today`: on each approved placement that has not left, the items that
/// have lapsed for a departure today (or at the contract start, if later) are emailed to the
/// candidate and their centre, each lapse once. Runs in the caller's transaction; returns how
/// many placements had news.
pub fn sweep_lapses(conn: &mut PgConnection, base_url: &str, today: NaiveDate) -> AppResult<usize> {
    let mut told = 0;
    for p in placement::in_state(conn, PlacementState::Approved)? {
        let profile = candidate::find(conn, p.candidate_id)?;
        let by = contract_period(conn, p.id)?.map_or(today, |c| c.start.max(today));
        let view = build_view(conn, &profile, Some(p.id), by)?;
        let mut lapsed: Vec<&ItemView> = Vec::new();
        for i in &view.items {
            if let Some(day) = lapsed_on(&i.state) {
                if rows::note_lapse(conn, p.id, i.item, day)? {
                    lapsed.push(i);
                }
            }
        }
        if !lapsed.is_empty() {
            let v = vacancy::find(conn, p.vacancy_id)?;
            tell(
                conn,
                (&p, &v, &profile),
                base_url,
                by,
                &lapsed,
                "readiness_expired",
            )?;
            told += 1;
        }
    }
    Ok(told)
}

/// For tests and the job: the lapse sweep in its own transaction.
pub fn sweep_lapses_now(
    conn: &mut PgConnection,
    base_url: &str,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    Ok(conn.transaction::<usize, AppError, _>(|conn| sweep_lapses(conn, base_url, today))?)
}

/// Emails `items` of the placement's checklist (with why each is not ready) to the candidate
/// and the staff of every centre representing them, with `template`.
fn tell(
    conn: &mut PgConnection,
    (p, v, profile): (&Placement, &Vacancy, &CandidateProfile),
    base_url: &str,
    by: NaiveDate,
    items: &[&ItemView],
    template: &str,
) -> AppResult<usize> {
    if items.is_empty() {
        return Ok(0);
    }
    let mut recipients: Vec<placements::Recipient> =
        placements::candidate_recipient(conn, profile)?
            .into_iter()
            .collect();
    for c in consent::active_for_profile(conn, profile.id)? {
        if let Some(Representative::Centre(centre)) = c.representative() {
            recipients.extend(placements::members(conn, Organisation::Centre(centre))?);
        }
    }
    let link = format!("{base_url}/placements/{}", p.id);
    for r in &recipients {
        let lines = items
            .iter()
            .map(|i| {
                format!(
                    "- {}: {}",
                    i18n::t(r.locale, &format!("readiness.item.{}", i.item)),
                    i18n::t(r.locale, &format!("readiness.reason.{}", i.state.code())),
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let args = [
            ("name", r.name.clone()),
            ("vacancy", v.title.clone()),
            ("date", by.to_string()),
            ("items", lines),
            ("link", link.clone()),
        ];
        let email = OutgoingEmail::from_template(&r.email, r.locale, template, &args);
        send_email::enqueue(conn, &email)?;
    }
    Ok(recipients.len())
}

/// The departure recorded for a placement, if any.
pub fn departure_of(conn: &mut PgConnection, placement: Uuid) -> AppResult<Option<Departure>> {
    Ok(rows::departure_of(conn, placement)?)
}
