//! Complaints: a migrant (or the agency or centre that represents them) files one against an
//! employer or an agency; the ministry triages it and may forward it to the party complained
//! about. Each command writes the complaint, its timeline event, the audit entry and the emails
//! in one transaction. What each caller receives is cut here, by `domain::complaint::fields`, so
//! no handler can hand the accused party who complained.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::complaint::{
    self, Complaint, ComplaintEvent, Decision, NewComplaintEvent, Scope, WithComplainant,
};
use crate::db::models::consent::{self, Consent};
use crate::db::models::organisation;
use crate::db::models::placement;
use crate::db::models::user;
use crate::db::models::vacancy;
use crate::domain::access::{Principal, Representative};
use crate::domain::audit::AuditAction;
use crate::domain::complaint::{
    self as rules, Accused, Category, ComplaintError, ComplaintState, Parties, Viewer, TEXT_MAX,
};
use crate::domain::ids::{AgencyId, CandidateId, EmployerId, PlacementId};
use crate::domain::members::Organisation;
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::i18n::{self, Locale};
use crate::jobs::send_email;
use crate::services::{audit, licences, Caller};
use crate::state::AppState;

/// Who filed a complaint: shown only to those who may know who complains.
#[derive(Debug, Clone)]
pub struct FiledBy {
    pub user_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
}

/// One step of the timeline as a viewer receives it.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub kind: String,
    pub from: Option<ComplaintState>,
    pub state: ComplaintState,
    /// Who took the step (a role): hidden from the accused.
    pub actor_role: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// A complaint cut to what one caller may see. Fields the caller may not see are `None`.
#[derive(Debug, Clone)]
pub struct ComplaintView {
    pub id: Uuid,
    pub viewer: Viewer,
    pub category: Category,
    pub state: ComplaintState,
    pub accused: Accused,
    pub candidate_id: Option<Uuid>,
    pub complainant_name: Option<String>,
    pub filed_by: Option<FiledBy>,
    pub placement_id: Option<Uuid>,
    pub text: Option<String>,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub forwarded_summary: Option<String>,
    pub outcome: Option<String>,
    pub disclose_complainant: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The states the caller may move it to (the ministry's only).
    pub allowed_next: Vec<ComplaintState>,
    /// Oldest first; `None` in listings.
    pub timeline: Option<Vec<TimelineEntry>>,
}

fn cut(row: WithComplainant, viewer: Viewer, events: Option<Vec<ComplaintEvent>>) -> ComplaintView {
    let c = row.complaint;
    let f = rules::fields(viewer, c.disclose_complainant);
    let state = c.state();
    let timeline = events.map(|events| {
        events
            .into_iter()
            .map(|e| TimelineEntry {
                from: e.from_state.and_then(|s| s.parse().ok()),
                state: e.to_state.parse().unwrap_or(ComplaintState::Received),
                actor_role: f.actors.then_some(e.actor_role),
                // The filing event carries no note; outcomes and summaries are for the accused.
                note: e.note,
                kind: e.kind,
                at: e.at,
            })
            .collect()
    });
    ComplaintView {
        id: c.id,
        viewer,
        category: c.category(),
        state,
        accused: c.accused(),
        candidate_id: f.complainant.then_some(c.candidate_id),
        complainant_name: f.complainant.then_some(row.complainant_name),
        filed_by: f.complainant.then_some(FiledBy {
            user_id: c.filed_by,
            agency_id: c.filed_by_agency,
            centre_id: c.filed_by_centre,
        }),
        placement_id: if f.placement { c.placement_id } else { None },
        text: f.text.then_some(c.body),
        forwarded_at: c.forwarded_at,
        forwarded_summary: c.forwarded_summary,
        outcome: c.outcome,
        disclose_complainant: c.disclose_complainant,
        created_at: c.created_at,
        updated_at: c.updated_at,
        allowed_next: if viewer == Viewer::Ministry {
            state.next().to_vec()
        } else {
            Vec::new()
        },
        timeline,
    }
}

fn parties(row: &WithComplainant, consents: &[Consent]) -> Parties {
    let c = &row.complaint;
    Parties {
        candidate_user: row.candidate_user.map(Into::into),
        filed_by: c.filed_by_representative(),
        representatives: consents
            .iter()
            .filter(|k| k.profile_id == c.candidate_id)
            .filter_map(Consent::representative)
            .collect(),
        accused: c.accused(),
        forwarded: c.forwarded_at.is_some(),
    }
}

/// What the audit trail keeps of a complaint: ids, category and state; the words only as keyed
/// fingerprints (they name people).
#[derive(Serialize)]
struct ComplaintSnapshot {
    candidate_id: Uuid,
    filed_by_agency: Option<Uuid>,
    filed_by_centre: Option<Uuid>,
    against_employer: Option<Uuid>,
    against_agency: Option<Uuid>,
    placement_id: Option<Uuid>,
    category: String,
    state: String,
    forwarded: bool,
    disclose_complainant: bool,
    version: i64,
    personal: BTreeMap<&'static str, String>,
}

fn snapshot(cipher: &DataCipher, c: &Complaint) -> ComplaintSnapshot {
    ComplaintSnapshot {
        candidate_id: c.candidate_id,
        filed_by_agency: c.filed_by_agency,
        filed_by_centre: c.filed_by_centre,
        against_employer: c.against_employer,
        against_agency: c.against_agency,
        placement_id: c.placement_id,
        category: c.category.clone(),
        state: c.state.clone(),
        forwarded: c.forwarded_at.is_some(),
        disclose_complainant: c.disclose_complainant,
        version: c.version,
        personal: audit::fingerprints(
            cipher,
            [
                ("text", Some(c.body.as_str())),
                ("outcome", c.outcome.as_deref()),
                ("forwarded_summary", c.forwarded_summary.as_deref()),
            ],
        ),
    }
}

impl From<ComplaintError> for AppError {
    fn from(e: ComplaintError) -> Self {
        let detail = e.to_string();
        match e {
            ComplaintError::NotMinistry => AppError::forbidden().detail(detail),
            ComplaintError::Transition { allowed, .. } => {
                AppError::new(ErrorCode::InvalidTransition)
                    .detail(detail)
                    .allowed(allowed.iter().map(|s| s.as_str()))
            }
            ComplaintError::OutcomeRequired => AppError::field("outcome", "required"),
            ComplaintError::OutcomeOnlyWithDecision => {
                AppError::field("outcome", "only_with_decision")
            }
            ComplaintError::DiscloseOnlyWithOutcome => {
                AppError::field("disclose_complainant", "only_with_outcome")
            }
            ComplaintError::ForwardBeforeReview => AppError::new(ErrorCode::InvalidTransition)
                .detail(detail)
                .allowed([ComplaintState::InReview.as_str()]),
            ComplaintError::AlreadyForwarded => AppError::new(ErrorCode::Conflict).detail(detail),
        }
    }
}

/// Free text as stored: cleaned; blank is `None`; too long or forbidden characters a 422.
fn clean_text(field: &str, value: Option<String>, required: bool) -> AppResult<Option<String>> {
    let cleaned = value.map(|v| text::clean(&v)).filter(|v| !v.is_empty());
    let mut c = Check::new();
    match &cleaned {
        Some(v) => c.text(field, v, 1, TEXT_MAX),
        None if required => c.push(FieldError::new(field, "required")),
        None => {}
    }
    c.finish()?;
    Ok(cleaned)
}

/// One person to write to, in their language.
struct Recipient {
    email: String,
    locale: Locale,
    name: String,
}

fn locale_of(tag: &str) -> Locale {
    Locale::parse(tag).unwrap_or(Locale::Ru)
}

/// The complainant: their account, or the contact on their profile in the first of their
/// languages the platform speaks.
fn complainant(
    conn: &mut PgConnection,
    profile: &CandidateProfile,
) -> AppResult<Option<Recipient>> {
    if let Some(id) = profile.user_id {
        let u = user::find(conn, id)?;
        return Ok(u.disabled_at.is_none().then(|| Recipient {
            locale: locale_of(&u.locale),
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

/// The approved, enabled staff of the accused party.
fn staff_of(conn: &mut PgConnection, accused: Accused) -> AppResult<Vec<Recipient>> {
    let org = match accused {
        Accused::Employer(e) => Organisation::Employer(e),
        Accused::Agency(a) => Organisation::Agency(a),
    };
    Ok(user::members_of(conn, org)?
        .into_iter()
        .filter(|(m, u)| m.link.approved_at.is_some() && u.disabled_at.is_none())
        .map(|(_, u)| Recipient {
            locale: locale_of(&u.locale),
            email: u.email,
            name: u.full_name,
        })
        .collect())
}

fn label(locale: Locale, kind: &str, name: &str) -> String {
    i18n::t(locale, &format!("complaint.{kind}.{name}"))
}

/// Tells the complainant where their complaint stands, in their language.
fn tell_complainant(conn: &mut PgConnection, c: &Complaint, base_url: &str) -> AppResult<()> {
    let profile = candidate::find(conn, c.candidate_id)?;
    if let Some(r) = complainant(conn, &profile)? {
        let args = [
            ("name", r.name.clone()),
            (
                "category",
                label(r.locale, "category", c.category().as_str()),
            ),
            ("state", label(r.locale, "state", c.state().as_str())),
            ("outcome", c.outcome.clone().unwrap_or_else(|| "—".into())),
            ("link", format!("{base_url}/complaints/{}", c.id)),
        ];
        let email = OutgoingEmail::from_template(&r.email, r.locale, "complaint_status", &args);
        send_email::enqueue(conn, &email)?;
    }
    Ok(())
}

/// Tells the accused party's staff that the ministry forwarded a complaint: its category, the
/// ministry's summary and the link — never who complains.
fn tell_accused(conn: &mut PgConnection, c: &Complaint, base_url: &str) -> AppResult<()> {
    for r in staff_of(conn, c.accused())? {
        let args = [
            ("name", r.name.clone()),
            (
                "category",
                label(r.locale, "category", c.category().as_str()),
            ),
            ("summary", c.forwarded_summary.clone().unwrap_or_default()),
            ("link", format!("{base_url}/complaints/{}", c.id)),
        ];
        let email = OutgoingEmail::from_template(&r.email, r.locale, "complaint_forwarded", &args);
        send_email::enqueue(conn, &email)?;
    }
    Ok(())
}

fn add_event(
    conn: &mut PgConnection,
    actor: &Actor,
    c: &Complaint,
    kind: &str,
    from: Option<&str>,
    note: Option<&str>,
) -> AppResult<()> {
    complaint::add_event(
        conn,
        &NewComplaintEvent {
            complaint_id: c.id,
            kind,
            from_state: from,
            to_state: &c.state,
            actor_id: actor.id,
            actor_role: actor.role.as_deref().unwrap_or("system"),
            note,
        },
    )?;
    Ok(())
}

/// What `POST /complaints` asks for.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    /// Required for agencies and centres; a migrant's own profile by default.
    pub candidate: Option<CandidateId>,
    pub against_employer: Option<EmployerId>,
    pub against_agency: Option<AgencyId>,
    pub placement: Option<PlacementId>,
    pub category: Category,
    pub text: Option<String>,
}

/// The person a caller may complain for: a migrant themselves, an agency or centre someone who
/// consented to it.
fn complainant_profile(
    conn: &mut PgConnection,
    who: &Principal,
    id: Option<CandidateId>,
) -> AppResult<CandidateProfile> {
    match who.role {
        Role::Migrant => {
            let own = candidate::find_by_user(conn, who.user.uuid())?.ok_or_else(|| {
                AppError::new(ErrorCode::Conflict).detail("create your candidate profile first")
            })?;
            if id.is_some_and(|c| c.uuid() != own.id) {
                return Err(AppError::not_found());
            }
            Ok(own)
        }
        Role::Agency | Role::Centre => {
            let id = id.ok_or_else(|| AppError::field("candidate_id", "required"))?;
            let profile = candidate::find(conn, id.uuid())?;
            let reps: Vec<_> = consent::active_for_profile(conn, profile.id)?
                .iter()
                .filter_map(Consent::representative)
                .collect();
            if who.represents(&reps) {
                Ok(profile)
            } else {
                Err(AppError::new(ErrorCode::ConsentRequired))
            }
        }
        _ => Err(AppError::forbidden()),
    }
}

/// The party complained about: exactly one that exists; an agency never files against itself.
fn accused_party(
    conn: &mut PgConnection,
    who: &Principal,
    input: &NewComplaint,
) -> AppResult<Accused> {
    let accused = Accused::from_ids(input.against_employer, input.against_agency)
        .ok_or_else(|| AppError::field("against", "exactly_one"))?;
    let exists = match accused {
        Accused::Employer(e) => organisation::find_employer(conn, e.uuid()).map(|_| ()),
        Accused::Agency(a) => organisation::find_agency(conn, a.uuid()).map(|_| ()),
    };
    match exists {
        Err(diesel::result::Error::NotFound) => {
            let field = match accused {
                Accused::Employer(_) => "against_employer_id",
                Accused::Agency(_) => "against_agency_id",
            };
            return Err(AppError::field(field, "unknown"));
        }
        other => other?,
    }
    if accused.is(who) {
        return Err(AppError::field("against_agency_id", "own_agency"));
    }
    Ok(accused)
}

/// The placement a complaint concerns: the complainant's own, with the accused party. Any other
/// is the same 422 `unknown`, so the field tells nothing about other people's placements.
fn concerned_placement(
    conn: &mut PgConnection,
    profile: &CandidateProfile,
    accused: Accused,
    id: PlacementId,
) -> AppResult<Uuid> {
    let unknown = || AppError::field("placement_id", "unknown");
    let p = match placement::find(conn, id.uuid()) {
        Err(diesel::result::Error::NotFound) => return Err(unknown()),
        other => other?,
    };
    if p.candidate_id != profile.id {
        return Err(unknown());
    }
    let v = vacancy::find(conn, p.vacancy_id)?;
    if !rules::placement_concerns(accused, v.employer(), p.proposed_by_agency.map(Into::into)) {
        return Err(AppError::field("placement_id", "not_with_accused"));
    }
    Ok(p.id)
}

/// Files a complaint. The complainant is told it was received.
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn file_complaint(
    state: &AppState,
    caller: &Caller,
    mut input: NewComplaint,
) -> AppResult<ComplaintView> {
    let who = caller.principal;
    let body = clean_text("text", input.text.take(), true)?.unwrap_or_default();
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let profile = complainant_profile(conn, &who, input.candidate)?;
        let accused = accused_party(conn, &who, &input)?;
        let placement_id = input
            .placement
            .map(|p| concerned_placement(conn, &profile, accused, p))
            .transpose()?;
        let (agency, centre) = match who.as_representative() {
            Some(Representative::Agency(a)) => (Some(a.uuid()), None),
            Some(Representative::Centre(c)) => (None, Some(c.uuid())),
            None => (None, None),
        };
        let now = Utc::now();
        let (against_employer, against_agency) = match accused {
            Accused::Employer(e) => (Some(e.uuid()), None),
            Accused::Agency(a) => (None, Some(a.uuid())),
        };
        let created = complaint::insert(
            conn,
            &Complaint {
                id: Uuid::now_v7(),
                candidate_id: profile.id,
                filed_by: who.user.uuid(),
                filed_by_agency: agency,
                filed_by_centre: centre,
                against_employer,
                against_agency,
                placement_id,
                category: input.category.as_str().into(),
                body,
                state: ComplaintState::Received.as_str().into(),
                outcome: None,
                forwarded_at: None,
                forwarded_by: None,
                forwarded_summary: None,
                disclose_complainant: false,
                version: 1,
                created_at: now,
                updated_at: now,
            },
        )?;
        add_event(conn, &actor, &created, "filed", None, None)?;
        audit::record(
            conn,
            &actor,
            AuditAction::ComplaintFiled,
            created.id,
            None,
            Some(&snapshot(&cipher, &created)),
        )?;
        tell_complainant(conn, &created, &base_url)?;
        detail(conn, &who, created.id, false).map(|(v, _)| v)
    })
    .await
}

/// A complaint with its timeline, if the caller may know it exists (else 404).
fn detail(
    conn: &mut PgConnection,
    who: &Principal,
    id: Uuid,
    for_update: bool,
) -> AppResult<(ComplaintView, WithComplainant)> {
    let row = complaint::find(conn, id, for_update)?;
    let consents = consent::active_for_profile(conn, row.complaint.candidate_id)?;
    let viewer = rules::viewer(who, &parties(&row, &consents)).ok_or_else(AppError::not_found)?;
    let events = complaint::events(conn, id)?;
    Ok((cut(row.clone(), viewer, Some(events)), row))
}

/// Loads a complaint for a ministry command: others who may see it get 403, everyone else 404.
fn for_ministry(conn: &mut PgConnection, who: &Principal, id: Uuid) -> AppResult<Complaint> {
    let (view, row) = detail(conn, who, id, true)?;
    if view.viewer != Viewer::Ministry {
        return Err(ComplaintError::NotMinistry.into());
    }
    Ok(row.complaint)
}

/// One complaint with its timeline.
pub async fn get_complaint(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> AppResult<ComplaintView> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        detail(conn, &who, id, false).map(|(v, _)| v)
    })
    .await
}

/// The ministry's step: `in_review`, then `upheld` or `dismissed` with a written outcome (and,
/// with it, whether the accused must learn who complained). The complainant is told.
#[instrument(skip_all, fields(user = %caller.principal.user, complaint = %id, to = %to))]
pub async fn transition(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: ComplaintState,
    outcome: Option<String>,
    disclose: bool,
) -> AppResult<ComplaintView> {
    let who = caller.principal;
    let outcome = clean_text("outcome", outcome, false)?;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let before = for_ministry(conn, &who, id)?;
        rules::check_transition(who.role, before.state(), to, outcome.is_some(), disclose)?;
        let after = complaint::set_state(
            conn,
            id,
            &Decision {
                to,
                outcome: outcome.as_deref(),
                disclose,
            },
        )?;
        add_event(
            conn,
            &actor,
            &after,
            "transitioned",
            Some(&before.state),
            outcome.as_deref(),
        )?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::ComplaintTransitioned,
            id,
            (Some(&before), &after),
            |c| snapshot(&cipher, c),
        )?;
        tell_complainant(conn, &after, &base_url)?;
        // An upheld complaint of unpaid wages restricts the employer's new approvals.
        if to == ComplaintState::Upheld && after.category == Category::UnpaidWages.as_str() {
            if let Some(employer) = after.against_employer {
                crate::services::restrictions::impose(
                    conn,
                    &actor,
                    employer,
                    crate::domain::restriction::Cause::UnpaidWagesUpheld,
                    &format!("upheld complaint {id} of unpaid wages"),
                )?;
            }
        }
        detail(conn, &who, id, false).map(|(v, _)| v)
    })
    .await
}

/// The ministry forwards a complaint in review (or decided) to the party complained about, with
/// its own summary; the party's staff are told, without the complainant's name.
#[instrument(skip_all, fields(user = %caller.principal.user, complaint = %id))]
pub async fn forward(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    summary: Option<String>,
) -> AppResult<ComplaintView> {
    let who = caller.principal;
    let summary = clean_text("summary", summary, true)?.unwrap_or_default();
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let before = for_ministry(conn, &who, id)?;
        rules::check_forward(who.role, before.state(), before.forwarded_at.is_some())?;
        let after = complaint::set_forwarded(conn, id, who.user.uuid(), &summary)?;
        add_event(
            conn,
            &actor,
            &after,
            "forwarded",
            Some(&before.state),
            Some(&summary),
        )?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::ComplaintForwarded,
            id,
            (Some(&before), &after),
            |c| snapshot(&cipher, c),
        )?;
        tell_accused(conn, &after, &base_url)?;
        detail(conn, &who, id, false).map(|(v, _)| v)
    })
    .await
}

/// The complaints the caller may see, newest first: a migrant's own; those an agency or centre
/// filed for people it represents; forwarded ones against the caller's employer or agency; all
/// for the ministry.
pub async fn list_complaints(
    state: &AppState,
    caller: &Caller,
    filter: Option<ComplaintState>,
    cursor: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<ComplaintView>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let scope = match who.role {
            Role::Migrant => Scope::Candidates(
                candidate::find_by_user(conn, who.user.uuid())?
                    .map(|p| p.id)
                    .into_iter()
                    .collect(),
            ),
            Role::Employer => {
                Scope::Employer(who.employer().ok_or_else(AppError::forbidden)?.uuid())
            }
            Role::Agency | Role::Centre => {
                let by = who.as_representative().ok_or_else(AppError::forbidden)?;
                Scope::Representative {
                    by,
                    represented: consent::represented_profile_ids(conn, by)?,
                }
            }
            Role::Ministry => Scope::All,
            Role::Admin => return Err(AppError::forbidden()),
        };
        let rows = complaint::list(conn, &scope, filter, cursor, limit + 1)?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.complaint.candidate_id).collect();
        let consents = consent::active_for_profiles(conn, &ids)?;
        let mut by_profile: HashMap<Uuid, Vec<Consent>> = HashMap::new();
        for c in consents {
            by_profile.entry(c.profile_id).or_default().push(c);
        }
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let consents = by_profile
                    .get(&row.complaint.candidate_id)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let viewer = rules::viewer(&who, &parties(&row, consents))?;
                Some(cut(row, viewer, None))
            })
            .collect())
    })
    .await
}

/// The allowed names, for a 422 on an unknown state or category.
pub fn unknown_value(field: &str, allowed: &[&str]) -> AppError {
    AppError::validation(vec![
        FieldError::new(field, "unknown_value").with("allowed", allowed.join(", "))
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_category_has_a_label_in_every_language() {
        for locale in Locale::ALL {
            for s in ComplaintState::ALL {
                let l = label(locale, "state", s.as_str());
                assert!(!l.starts_with("complaint."), "{locale:?} {s}");
            }
            for c in Category::ALL {
                let l = label(locale, "category", c.as_str());
                assert!(!l.starts_with("complaint."), "{locale:?} {c}");
            }
        }
        assert_eq!(label(Locale::En, "state", "in_review"), "under review");
    }
}
