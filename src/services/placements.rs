//! Placement commands: a migrant applies, an agency proposes, an employer invites; then the
//! steps up to the offer, rejections and withdrawals. Each command writes the placement, its
//! timeline event, the audit entry and the emails to the other parties in one transaction.

use std::collections::BTreeMap;

use chrono::Utc;
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::consent::{self, Consent};
use crate::db::models::contract;
use crate::db::models::organisation;
use crate::db::models::placement::{
    self, NewPlacementEvent, Placement, PlacementEvent, PlacementFilter, Scope,
};
use crate::db::models::user;
use crate::db::models::vacancy::{self, Vacancy};
use crate::domain::access::Principal;
use crate::domain::audit::AuditAction;
use crate::domain::contract as contract_rules;
use crate::domain::ids::{CandidateId, PlacementId, VacancyId};
use crate::domain::members::Organisation;
use crate::domain::placement::{
    self as rules, Origin, Parties, Party, PlacementError, PlacementState, Step, REASON_MAX,
};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::vacancy::is_public;
use crate::domain::validate::Check;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::i18n::{self, Locale};
use crate::jobs::send_email;
use crate::search::explain::{self, TermSets};
use crate::services::vacancies::{self, employer_of};
use crate::services::{aftercare, audit, licences, quota, restrictions, Caller};
use crate::state::AppState;

/// A placement as one caller sees it: with its timeline and the steps this caller may take.
#[derive(Debug, Clone)]
pub struct PlacementView {
    pub placement: Placement,
    pub timeline: Vec<PlacementEvent>,
    pub allowed_next: Vec<PlacementState>,
}

/// What the audit trail keeps of a placement: ids and states; the free-text reason only as a
/// keyed fingerprint (it may name a person).
#[derive(Serialize)]
struct PlacementSnapshot {
    vacancy_id: Uuid,
    candidate_id: Uuid,
    origin: String,
    proposed_by_agency: Option<Uuid>,
    state: String,
    version: i64,
    personal: BTreeMap<&'static str, String>,
}

fn snapshot(cipher: &DataCipher, p: &Placement) -> PlacementSnapshot {
    PlacementSnapshot {
        vacancy_id: p.vacancy_id,
        candidate_id: p.candidate_id,
        origin: p.origin.clone(),
        proposed_by_agency: p.proposed_by_agency,
        state: p.state.clone(),
        version: p.version,
        personal: audit::fingerprints(cipher, [("reason", p.reason.as_deref())]),
    }
}

impl From<PlacementError> for AppError {
    fn from(e: PlacementError) -> Self {
        match e {
            PlacementError::Transition { ref allowed, .. } => {
                let allowed = PlacementState::names(allowed);
                AppError::new(ErrorCode::InvalidTransition)
                    .detail(e.to_string())
                    .allowed(allowed)
            }
            PlacementError::ReasonRequired => AppError::field("reason", "required"),
        }
    }
}

/// A second open placement for the same candidate and vacancy, caught by the partial unique
/// index when two requests race past the check.
fn already_open(e: diesel::result::Error) -> AppError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("placements_one_open") =>
        {
            AppError::new(ErrorCode::AlreadyOpen)
        }
        _ => e.into(),
    }
}

/// The reason as stored: cleaned, `None` when blank; too long or with forbidden characters is
/// a 422.
fn clean_reason(reason: Option<String>) -> AppResult<Option<String>> {
    let Some(raw) = reason else {
        return Ok(None);
    };
    let cleaned = text::clean(&raw);
    if cleaned.is_empty() {
        return Ok(None);
    }
    let mut c = Check::new();
    c.text("reason", &cleaned, 1, REASON_MAX);
    c.finish()?;
    Ok(Some(cleaned))
}

fn parties(
    p: &Placement,
    v: &Vacancy,
    profile: &CandidateProfile,
    consents: &[Consent],
) -> Parties {
    Parties {
        candidate_user: profile.user_id.map(Into::into),
        employer: v.employer(),
        proposed_by: p.proposed_by_agency.map(Into::into),
        representatives: consents
            .iter()
            .filter_map(Consent::representative)
            .collect(),
    }
}

/// A placement with everything its rules need, if the caller may see it (else 404).
pub(crate) struct Loaded {
    pub placement: Placement,
    pub vacancy: Vacancy,
    pub profile: CandidateProfile,
    pub party: Party,
}

pub(crate) fn load(
    conn: &mut PgConnection,
    who: &Principal,
    id: PlacementId,
    for_update: bool,
) -> AppResult<Loaded> {
    licences::require_active(conn, who)?;
    let placement = if for_update {
        placement::find_for_update(conn, id.uuid())?
    } else {
        placement::find(conn, id.uuid())?
    };
    let vacancy = vacancy::find(conn, placement.vacancy_id)?;
    let profile = candidate::find(conn, placement.candidate_id)?;
    let consents = consent::active_for_profile(conn, profile.id)?;
    let party = rules::relation(who, &parties(&placement, &vacancy, &profile, &consents))
        .ok_or_else(AppError::not_found)?;
    Ok(Loaded {
        placement,
        vacancy,
        profile,
        party,
    })
}

pub(crate) fn view(
    conn: &mut PgConnection,
    placement: Placement,
    party: Party,
) -> AppResult<PlacementView> {
    let timeline = placement::events(conn, placement.id)?;
    let allowed_next = rules::transitions_from(placement.state(), party);
    Ok(PlacementView {
        placement,
        timeline,
        allowed_next,
    })
}

/// One person to write to, in their language.
pub(crate) struct Recipient {
    pub email: String,
    pub locale: Locale,
    pub name: String,
}

pub(crate) fn members(conn: &mut PgConnection, org: Organisation) -> AppResult<Vec<Recipient>> {
    Ok(user::members_of(conn, org)?
        .into_iter()
        .filter(|(m, u)| m.link.approved_at.is_some() && u.disabled_at.is_none())
        .map(|(_, u)| Recipient {
            locale: Locale::parse(&u.locale).unwrap_or(Locale::Ru),
            email: u.email,
            name: u.full_name,
        })
        .collect())
}

/// The candidate: their account, or the contact on their profile in the first of their
/// languages the platform speaks.
pub(crate) fn candidate_recipient(
    conn: &mut PgConnection,
    profile: &CandidateProfile,
) -> AppResult<Option<Recipient>> {
    if let Some(id) = profile.user_id {
        let u = user::find(conn, id)?;
        return Ok(u.disabled_at.is_none().then(|| Recipient {
            locale: Locale::parse(&u.locale).unwrap_or(Locale::Ru),
            email: u.email,
            name: u.full_name,
        }));
    }
    let locale = profile
        .languages
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["code"].as_str())
        .find_map(Locale::parse)
        .unwrap_or(Locale::Ru);
    Ok(profile.email.clone().map(|email| Recipient {
        email,
        locale,
        name: profile.first_name.clone(),
    }))
}

/// A state as people read it, in their language.
pub fn state_label(locale: Locale, state: PlacementState) -> String {
    i18n::t(locale, &format!("placement.state.{state}"))
}

/// Enqueues `template` to every party but the one who acted, inside the caller's transaction.
pub(crate) fn notify(
    conn: &mut PgConnection,
    actor: Party,
    loaded: (&Placement, &Vacancy, &CandidateProfile),
    template: &str,
    base_url: &str,
    states: &[(&str, PlacementState)],
    extra: &[(&str, String)],
) -> AppResult<usize> {
    let (p, v, profile) = loaded;
    let mut recipients = Vec::new();
    for party in rules::to_notify(actor, p.proposed_by_agency.is_some()) {
        match party {
            Party::Candidate => recipients.extend(candidate_recipient(conn, profile)?),
            Party::Employer => {
                recipients.extend(members(conn, Organisation::Employer(v.employer()))?)
            }
            Party::Agency => {
                if let Some(a) = p.proposed_by_agency {
                    recipients.extend(members(conn, Organisation::Agency(a.into()))?);
                }
            }
            Party::Ministry | Party::Admin | Party::System => {}
        }
    }
    let link = format!("{base_url}/placements/{}", p.id);
    for r in &recipients {
        let mut args = vec![
            ("name", r.name.clone()),
            ("vacancy", v.title.clone()),
            ("link", link.clone()),
        ];
        args.extend(extra.iter().cloned());
        args.extend(
            states
                .iter()
                .map(|(k, st)| (*k, state_label(r.locale, *st))),
        );
        let email = OutgoingEmail::from_template(&r.email, r.locale, template, &args);
        send_email::enqueue(conn, &email)?;
    }
    Ok(recipients.len())
}

pub(crate) fn actor_role(actor: &Actor) -> String {
    actor.role.clone().unwrap_or_else(|| "system".into())
}

/// What `POST /placements` asks for.
#[derive(Debug, Clone, Copy)]
pub struct NewPlacement {
    pub vacancy: VacancyId,
    /// Required for agencies and employers; a migrant's own profile by default.
    pub candidate: Option<CandidateId>,
}

/// The vacancy a caller may begin a placement on: the employer its own, everyone else a public
/// one (any other is 404, as if it did not exist). It must be published and unexpired.
fn open_vacancy(conn: &mut PgConnection, who: &Principal, id: VacancyId) -> AppResult<Vacancy> {
    let v = vacancy::find(conn, id.uuid())?;
    let today = Utc::now().date_naive();
    let public = is_public(v.status(), v.expires_on, today);
    match who.role {
        Role::Employer if who.employer() != Some(v.employer()) => Err(AppError::not_found()),
        Role::Employer if !public => {
            Err(AppError::new(ErrorCode::Conflict).detail("the vacancy is not published"))
        }
        _ if !public => Err(AppError::not_found()),
        _ => Ok(v),
    }
}

/// The candidate the caller may begin a placement for: a migrant their own profile, an agency
/// one it represents, an employer one who lets themselves be found.
fn placeable_candidate(
    conn: &mut PgConnection,
    who: &Principal,
    id: Option<CandidateId>,
) -> AppResult<(CandidateProfile, Vec<Consent>)> {
    let profile = match (who.role, id) {
        (Role::Migrant, _) => {
            let own = candidate::find_by_user(conn, who.user.uuid())?.ok_or_else(|| {
                AppError::new(ErrorCode::Conflict).detail("create your candidate profile first")
            })?;
            if id.is_some_and(|c| c.uuid() != own.id) {
                return Err(AppError::not_found());
            }
            own
        }
        (_, Some(c)) => candidate::find(conn, c.uuid())?,
        (_, None) => return Err(AppError::field("candidate_id", "required")),
    };
    let consents = consent::active_for_profile(conn, profile.id)?;
    let reps: Vec<_> = consents
        .iter()
        .filter_map(Consent::representative)
        .collect();
    // Employers know people only from search: a profile not in it does not exist for them.
    let consented = profile.user_id.is_some() || !reps.is_empty();
    let findable = profile.searchable && consented;
    match who.role {
        Role::Agency if !who.represents(&reps) => Err(AppError::new(ErrorCode::ConsentRequired)),
        Role::Employer if !findable => Err(AppError::not_found()),
        _ => Ok((profile, consents)),
    }
}

/// Begins a placement: an application, a proposal or an invitation, by the caller's role.
#[instrument(skip_all, fields(user = %caller.principal.user, vacancy = %input.vacancy))]
pub async fn create_placement(
    state: &AppState,
    caller: &Caller,
    input: NewPlacement,
) -> AppResult<PlacementView> {
    let who = caller.principal;
    let origin = Origin::for_role(who.role).ok_or_else(AppError::forbidden)?;
    let proposed_by =
        match origin {
            Origin::Proposed => Some(who.agency().ok_or_else(|| {
                AppError::forbidden().detail("your membership is not approved yet")
            })?),
            Origin::Invited => {
                employer_of(&who)?;
                None
            }
            Origin::Applied => None,
        };
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let v = open_vacancy(conn, &who, input.vacancy)?;
        if let Some(agency) = proposed_by {
            // An agency recruits only for the regions its licence names.
            let agency = organisation::find_agency(conn, agency.uuid())?;
            licences::require_region(&agency, &v.region_code)?;
        }
        let (profile, _consents) = placeable_candidate(conn, &who, input.candidate)?;
        if !rules::open_to_citizen(v.open_to_foreign, &profile.citizenship) {
            return Err(AppError::new(ErrorCode::Conflict)
                .detail("the vacancy is not open to foreign workers"));
        }
        if placement::find_open(conn, profile.id, v.id)?.is_some() {
            return Err(AppError::new(ErrorCode::AlreadyOpen));
        }
        let explanation = match origin {
            // The candidate is told why the vacancy fits them…
            Origin::Invited => {
                explain::vacancy_for_candidate(&v, &profile, &TermSets::of(&profile.skills))
            }
            // …the employer why the candidate fits the vacancy.
            Origin::Applied | Origin::Proposed => explain::candidate_for_vacancy(&profile, &v),
        };
        let explanation = serde_json::to_value(explanation)
            .map_err(|e| AppError::internal(anyhow::anyhow!("match explanation: {e}")))?;
        let now = Utc::now();
        let created = placement::insert(
            conn,
            &Placement {
                id: PlacementId::generate().uuid(),
                vacancy_id: v.id,
                candidate_id: profile.id,
                origin: origin.as_str().into(),
                proposed_by_agency: proposed_by.map(|a| a.uuid()),
                state: origin.state().as_str().into(),
                reason: None,
                match_explanation: explanation,
                created_by: who.user.uuid(),
                version: 1,
                created_at: now,
                updated_at: now,
                arrived_on: None,
                employment_start: None,
                ended_on: None,
                termination: None,
            },
        )
        .map_err(already_open)?;
        placement::add_event(
            conn,
            &NewPlacementEvent {
                placement_id: created.id,
                from_state: None,
                to_state: &created.state,
                actor_id: actor.id,
                actor_role: &actor_role(&actor),
                reason: None,
            },
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::PlacementCreated,
            created.id,
            None,
            Some(&snapshot(&cipher, &created)),
        )?;
        notify(
            conn,
            origin.by(),
            (&created, &v, &profile),
            "placement_new",
            &base_url,
            &[("origin", origin.state())],
            &[],
        )?;
        view(conn, created, origin.by())
    })
    .await
}

/// Takes one step of a placement the caller may see: up to the offer, a rejection or a
/// withdrawal, or the ministry's decision on a signed contract. Any other step is 409
/// `invalid_transition` naming the steps the caller may take.
#[instrument(skip_all, fields(user = %caller.principal.user, placement = %id, to = %to))]
pub async fn transition(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    to: PlacementState,
    reason: Option<String>,
    details: StepDetails,
) -> AppResult<PlacementView> {
    let who = caller.principal;
    let reason = clean_reason(reason)?;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let loaded = load(conn, &who, id, true)?;
        let from = loaded.placement.state();
        let edge = rules::check_transition(from, to, loaded.party, reason.is_some())?;
        if edge.step == Step::Review && to == PlacementState::Approved {
            approval_checks(conn, &loaded)?;
            vacancies::take_position(conn, &actor, loaded.vacancy.vacancy_id())?;
            quota::take_unit_for(conn, &loaded.placement, &loaded.vacancy, &loaded.profile)?;
        } else if rules::gives_back_position(from, to) {
            vacancies::return_position(conn, &actor, loaded.vacancy.vacancy_id())?;
            quota::give_back_for(conn, loaded.placement.id)?;
        }
        let facts = aftercare::facts(conn, &loaded, to, &details)?;
        let mut after = record_step(
            conn,
            (&actor, &cipher),
            &loaded.placement,
            to,
            reason.as_deref(),
        )?;
        if let Some(facts) = facts {
            after = placement::set_facts(conn, after.id, &facts)?;
            aftercare::follow(conn, &after, to)?;
        }
        notify(
            conn,
            loaded.party,
            (&after, &loaded.vacancy, &loaded.profile),
            "placement_changed",
            &base_url,
            &[("from", from), ("state", to)],
            &[("reason", reason.clone().unwrap_or_else(|| "—".into()))],
        )?;
        if to == PlacementState::Approved {
            let parts = (&after, &loaded.vacancy, &loaded.profile);
            crate::services::readiness::tell_what_is_missing(conn, parts, &base_url)?;
        }
        view(conn, after, loaded.party)
    })
    .await
}

/// What a step after departure records: the day of arrival, of the start of work, of the end,
/// and how an employment ended early.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepDetails {
    pub date: Option<chrono::NaiveDate>,
    pub termination: Option<crate::domain::followup::Termination>,
}

/// What approval re-checks before it takes a position: a contract both sides signed, the
/// proposing agency still licensed for the region, no fee to the worker and a salary at least
/// the minimum wage in force now.
fn approval_checks(conn: &mut PgConnection, loaded: &Loaded) -> AppResult<()> {
    let (p, v) = (&loaded.placement, &loaded.vacancy);
    restrictions::require_unrestricted(conn, v.employer_id)?;
    let signed = contract::latest(conn, p.id)?
        .filter(|c| c.signatures().complete())
        .ok_or_else(|| {
            AppError::new(ErrorCode::Conflict).detail("no contract version is signed by both sides")
        })?;
    if let Some(agency) = p.proposed_by_agency {
        let agency = organisation::find_agency(conn, agency)?;
        licences::require_region(&agency, &v.region_code)?;
    }
    let signed = &signed.row;
    let minimum = contract_rules::minimum_wage(&signed.region_code, signed.start_date)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no minimum wage on record")))?;
    contract_rules::still_valid(signed.salary_rub_month, signed.worker_fee_rub, &minimum)
        .map_err(|why| AppError::new(ErrorCode::Conflict).detail(why))?;
    Ok(())
}

/// Moves a locked placement to `to` and writes its timeline event and audit entry.
pub(crate) fn record_step(
    conn: &mut PgConnection,
    (actor, cipher): (&Actor, &DataCipher),
    before: &Placement,
    to: PlacementState,
    reason: Option<&str>,
) -> AppResult<Placement> {
    let after = placement::set_state(conn, before.id, to, reason)?;
    placement::add_event(
        conn,
        &NewPlacementEvent {
            placement_id: after.id,
            from_state: Some(&before.state),
            to_state: to.as_str(),
            actor_id: actor.id,
            actor_role: &actor_role(actor),
            reason,
        },
    )?;
    audit::record_change(
        conn,
        actor,
        AuditAction::PlacementTransitioned,
        after.id,
        (Some(before), &after),
        |p| snapshot(cipher, p),
    )?;
    Ok(after)
}

/// One placement with its timeline, if the caller may see it.
pub async fn get_placement(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
) -> AppResult<PlacementView> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let loaded = load(conn, &who, id, false)?;
        view(conn, loaded.placement, loaded.party)
    })
    .await
}

/// The placements the caller may see, newest first: a migrant's own, those on an employer's
/// vacancies, those an agency proposed or of people it represents, all for the ministry.
pub async fn list_placements(
    state: &AppState,
    caller: &Caller,
    filter: PlacementFilter,
    cursor: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<Placement>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let scope = match who.role {
            Role::Migrant => Scope::Candidates(
                candidate::find_by_user(conn, who.user.uuid())?
                    .map(|p| p.id)
                    .into_iter()
                    .collect(),
            ),
            Role::Employer => Scope::Employer(employer_of(&who)?.uuid()),
            Role::Agency => {
                let agency = who.agency().ok_or_else(AppError::forbidden)?;
                let by = crate::domain::access::Representative::Agency(agency);
                Scope::Agency {
                    agency: agency.uuid(),
                    represented: consent::represented_profile_ids(conn, by)?,
                }
            }
            Role::Ministry | Role::Admin => Scope::All,
            Role::Centre => return Err(AppError::forbidden()),
        };
        Ok(placement::list(conn, &scope, &filter, cursor, limit + 1)?)
    })
    .await
}

/// The allowed names of a state, for a 422 on an unknown one.
pub fn unknown_state(field: &str) -> AppError {
    AppError::validation(vec![FieldError::new(field, "unknown_value").with(
        "allowed",
        PlacementState::names(&PlacementState::ALL).join(", "),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_label_in_every_language() {
        for locale in Locale::ALL {
            for state in PlacementState::ALL {
                let label = state_label(locale, state);
                assert!(!label.starts_with("placement."), "{locale:?} {state}");
                assert!(!label.is_empty());
            }
        }
        assert_eq!(
            state_label(Locale::Ru, PlacementState::Shortlisted),
            "в списке отобранных"
        );
        assert_eq!(
            state_label(Locale::En, PlacementState::Withdrawn),
            "withdrawn"
        );
    }
}
