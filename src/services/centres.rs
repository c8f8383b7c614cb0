//! Pre-departure centres: orientation sessions, their bookings and attendance, and claim codes
//! that hand a walk-in profile to the person's own account. Staff act only for the centre whose
//! approved members they are; anything of another centre is answered as if it did not exist.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::db;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::consent;
use crate::db::models::organisation;
use crate::db::models::search_change;
use crate::db::models::session::{self as model, Booking, ClaimCodeRow, Session};
use crate::domain::access::{self, Principal, ProfileAccess, Representative};
use crate::domain::audit::AuditAction;
use crate::domain::claim::{self, ClaimCode};
use crate::domain::ids::{CandidateId, CentreId};
use crate::domain::passport_review::{Outcome, ReviewStatus};
use crate::domain::role::Role;
use crate::domain::session::{self as rules, NewSession};
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::services::candidates::{self as candidates, ProfileView};
use crate::services::{audit, Caller};
use crate::state::AppState;

/// Sessions answered by one listing.
pub const LIST_LIMIT: i64 = 200;
/// Candidates in one attendance record.
pub const ATTENDANCE_MAX: usize = 500;

/// The centre this caller is an approved staff member of, or 403.
fn staff_centre(who: &Principal) -> AppResult<CentreId> {
    who.centre()
        .ok_or_else(|| AppError::forbidden().detail("you are not approved staff of a centre"))
}

/// A session of the caller's own centre; another centre's is 404.
fn own_session(conn: &mut PgConnection, who: &Principal, id: Uuid) -> AppResult<Session> {
    let session = model::find_session(conn, id)?;
    if who.centre().map(CentreId::uuid) == Some(session.centre_id) {
        Ok(session)
    } else {
        Err(AppError::not_found())
    }
}

/// Schedules a session at the caller's centre.
#[instrument(skip_all, fields(user = %caller.principal.user, centre = %centre))]
pub async fn create_session(
    state: &AppState,
    caller: &Caller,
    centre: CentreId,
    input: NewSession,
) -> AppResult<Session> {
    let who = caller.principal;
    if staff_centre(&who)? != centre {
        return Err(AppError::forbidden().detail("you are not staff of this centre"));
    }
    let now = Utc::now();
    input.check(now).map_err(AppError::validation)?;
    let session = Session {
        id: Uuid::now_v7(),
        centre_id: centre.uuid(),
        starts_at: input.starts_at,
        duration_minutes: input.duration_minutes,
        place: crate::domain::text::clean(&input.place),
        language: input.language,
        capacity: input.capacity,
        topics: input.topics,
        note: crate::domain::text::clean(&input.note),
        booked: 0,
        created_by: who.user.uuid(),
        created_at: now,
    };
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let created = model::insert_session(conn, &session)?;
        audit::record(
            conn,
            &actor,
            AuditAction::SessionCreated,
            created.id,
            None,
            Some(&created),
        )?;
        Ok(created)
    })
    .await
}

/// A centre's sessions from `from` (default: now), soonest first. Public: no personal data.
pub async fn list_sessions(
    state: &AppState,
    centre: CentreId,
    from: Option<DateTime<Utc>>,
) -> AppResult<Vec<Session>> {
    let from = from.unwrap_or_else(Utc::now);
    db::run(&state.pool, move |conn| {
        organisation::find_centre(conn, centre.uuid())?;
        Ok(model::list_sessions(conn, centre.uuid(), from, LIST_LIMIT)?)
    })
    .await
}

/// The profile a booking is for: a migrant's own (named or not), or one that the staff's
/// centre represents. Anything else is 404.
fn bookable_profile(
    conn: &mut PgConnection,
    who: &Principal,
    candidate_id: Option<CandidateId>,
) -> AppResult<CandidateProfile> {
    match who.role {
        Role::Migrant => {
            let own = candidate::find_by_user(conn, who.user.uuid())?.ok_or_else(|| {
                AppError::field("candidate_id", "required")
                    .detail("create your profile before booking a session")
            })?;
            match candidate_id {
                Some(id) if id.uuid() != own.id => Err(AppError::not_found()),
                _ => Ok(own),
            }
        }
        Role::Centre => {
            let id = candidate_id.ok_or_else(|| AppError::field("candidate_id", "required"))?;
            let profile = candidate::find(conn, id.uuid())?;
            let reps: Vec<Representative> = consent::active_for_profile(conn, profile.id)?
                .iter()
                .filter_map(consent::Consent::representative)
                .collect();
            let owner = profile.user_id.map(Into::into);
            if access::profile_access(who, owner, &reps) == ProfileAccess::Edit {
                Ok(profile)
            } else {
                Err(AppError::not_found())
            }
        }
        _ => Err(AppError::forbidden()),
    }
}

/// Books a seat for a candidate. The seat is taken by one conditional UPDATE of the session row,
/// so concurrent bookings can never exceed the capacity (409 `session_full`).
#[instrument(skip_all, fields(user = %caller.principal.user, session = %session_id))]
pub async fn book(
    state: &AppState,
    caller: &Caller,
    session_id: Uuid,
    candidate_id: Option<CandidateId>,
) -> AppResult<Booking> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let session = model::find_session(conn, session_id)?;
        if who.role == Role::Centre && who.centre().map(CentreId::uuid) != Some(session.centre_id) {
            return Err(AppError::not_found());
        }
        let profile = bookable_profile(conn, &who, candidate_id)?;
        if !rules::is_open_for_booking(session.starts_at, Utc::now()) {
            return Err(AppError::new(ErrorCode::SessionStarted));
        }
        let existing = model::find_booking_of(conn, session.id, profile.id)?;
        if existing.as_ref().is_some_and(|b| b.cancelled_at.is_none()) {
            return Err(AppError::new(ErrorCode::Conflict)
                .detail("this candidate is already booked on this session"));
        }
        if model::take_seat(conn, session.id)?.is_none() {
            return Err(AppError::new(ErrorCode::SessionFull));
        }
        let booking = match existing {
            Some(cancelled) => model::rebook(conn, cancelled.id, who.user.uuid())?,
            None => model::insert_booking(
                conn,
                &Booking {
                    id: Uuid::now_v7(),
                    session_id: session.id,
                    candidate_id: profile.id,
                    booked_by: who.user.uuid(),
                    booked_at: Utc::now(),
                    cancelled_at: None,
                    cancelled_by: None,
                    attended_at: None,
                    attendance_recorded_by: None,
                },
            )?,
        };
        audit::record(
            conn,
            &actor,
            AuditAction::SessionBooked,
            booking.id,
            None,
            Some(&booking),
        )?;
        Ok(booking)
    })
    .await
}

/// Cancels a booking before the session starts: the person it is for, or their centre's staff.
#[instrument(skip_all, fields(user = %caller.principal.user, booking = %booking_id))]
pub async fn cancel_booking(
    state: &AppState,
    caller: &Caller,
    session_id: Uuid,
    booking_id: Uuid,
) -> AppResult<Booking> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let session = model::find_session(conn, session_id)?;
        let booking = model::find_booking_for_update(conn, booking_id)?;
        let allowed = booking.session_id == session.id
            && match who.role {
                Role::Migrant => {
                    candidate::find(conn, booking.candidate_id)?.user_id == Some(who.user.uuid())
                }
                Role::Centre => who.centre().map(CentreId::uuid) == Some(session.centre_id),
                _ => false,
            };
        if !allowed {
            return Err(AppError::not_found());
        }
        if booking.cancelled_at.is_some() {
            return Err(AppError::new(ErrorCode::Conflict).detail("this booking is cancelled"));
        }
        if !rules::is_open_for_booking(session.starts_at, Utc::now()) {
            return Err(AppError::new(ErrorCode::SessionStarted));
        }
        let cancelled = model::cancel_booking(conn, booking.id, who.user.uuid())?;
        model::free_seat(conn, session.id)?;
        audit::record(
            conn,
            &actor,
            AuditAction::SessionBookingCancelled,
            cancelled.id,
            Some(&booking),
            Some(&cancelled),
        )?;
        Ok(cancelled)
    })
    .await
}

/// One of the caller's centre's sessions (another centre's is 404).
pub async fn get_session(
    state: &AppState,
    caller: &Caller,
    session_id: Uuid,
) -> AppResult<Session> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| own_session(conn, &who, session_id)).await
}

/// The bookings of one of the caller's centre's sessions.
pub async fn list_bookings(
    state: &AppState,
    caller: &Caller,
    session_id: Uuid,
) -> AppResult<Vec<Booking>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let session = own_session(conn, &who, session_id)?;
        Ok(model::bookings_of_session(conn, session.id)?)
    })
    .await
}

/// Records who attended, once the session has started; only candidates booked on it (and not
/// cancelled). Recording someone again keeps the first time.
#[instrument(skip_all, fields(user = %caller.principal.user, session = %session_id))]
pub async fn record_attendance(
    state: &AppState,
    caller: &Caller,
    session_id: Uuid,
    candidate_ids: Vec<Uuid>,
) -> AppResult<Vec<Booking>> {
    let (who, actor) = (caller.principal, caller.actor());
    if candidate_ids.is_empty() {
        return Err(AppError::field("candidate_ids", "required"));
    }
    if candidate_ids.len() > ATTENDANCE_MAX {
        return Err(AppError::validation(vec![FieldError::new(
            "candidate_ids",
            "too_many",
        )
        .with("max", ATTENDANCE_MAX)]));
    }
    db::transaction(&state.pool, move |conn| {
        let session = own_session(conn, &who, session_id)?;
        let now = Utc::now();
        if !rules::may_record_attendance(session.starts_at, now) {
            return Err(AppError::new(ErrorCode::SessionNotStarted));
        }
        let by_candidate: HashMap<Uuid, Booking> = model::bookings_of_session(conn, session.id)?
            .into_iter()
            .filter(|b| b.cancelled_at.is_none())
            .map(|b| (b.candidate_id, b))
            .collect();
        let mut errors = Vec::new();
        let mut ids = Vec::new();
        for (i, candidate) in candidate_ids.iter().enumerate() {
            match by_candidate.get(candidate) {
                Some(b) => ids.push(b.id),
                None => errors.push(
                    FieldError::new(format!("candidate_ids[{i}]"), "unknown_value")
                        .with("allowed", "candidates booked on this session"),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::validation(errors));
        }
        for marked in model::mark_attended(conn, &ids, who.user.uuid(), now)? {
            let before = by_candidate.get(&marked.candidate_id);
            audit::record(
                conn,
                &actor,
                AuditAction::SessionAttended,
                marked.id,
                before,
                Some(&marked),
            )?;
        }
        let mut current: HashMap<Uuid, Booking> = model::bookings_of_session(conn, session.id)?
            .into_iter()
            .map(|b| (b.candidate_id, b))
            .collect();
        Ok(candidate_ids
            .iter()
            .filter_map(|c| current.remove(c))
            .collect())
    })
    .await
}

/// A claim code as handed to the person, once: only its hash is kept.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// What the audit trail keeps of a claim code: never the code or its hash.
#[derive(Serialize)]
struct ClaimCodeSnapshot {
    id: Uuid,
    candidate_id: Uuid,
    centre_id: Uuid,
    issued_by: Uuid,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    spent_by: Option<Uuid>,
    spent_at: Option<DateTime<Utc>>,
}

impl From<&ClaimCodeRow> for ClaimCodeSnapshot {
    fn from(c: &ClaimCodeRow) -> Self {
        Self {
            id: c.id,
            candidate_id: c.candidate_id,
            centre_id: c.centre_id,
            issued_by: c.issued_by,
            issued_at: c.issued_at,
            expires_at: c.expires_at,
            spent_by: c.spent_by,
            spent_at: c.spent_at,
        }
    }
}

fn claim_hash(cipher: &crate::crypto::DataCipher, code: &ClaimCode) -> Vec<u8> {
    // A prefix no normalised passport number can have keeps the two kinds of lookup apart.
    cipher.lookup_hash(&format!("claim-code:{}", code.canonical()))
}

/// Issues a one-time claim code for a profile the caller's centre registered and represents,
/// that has no account yet. A new code voids the previous one.
#[instrument(skip_all, fields(user = %caller.principal.user, candidate = %id))]
pub async fn issue_claim_code(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
) -> AppResult<IssuedCode> {
    let (who, actor) = (caller.principal, caller.actor());
    let centre = staff_centre(&who)?;
    let code = ClaimCode::generate();
    let hash = claim_hash(&state.cipher, &code);
    let issued = db::transaction(&state.pool, move |conn| {
        let profile = candidate::find_for_update(conn, id.uuid())?;
        let represented = consent::active_for_profile(conn, profile.id)?
            .iter()
            .any(|c| c.centre_id == Some(centre.uuid()));
        if !represented {
            return Err(AppError::not_found());
        }
        if profile.user_id.is_some() {
            return Err(AppError::new(ErrorCode::Conflict)
                .detail("this person already has an account of their own"));
        }
        model::void_live_codes(conn, profile.id)?;
        let now = Utc::now();
        let row = model::insert_claim_code(
            conn,
            &ClaimCodeRow {
                id: Uuid::now_v7(),
                candidate_id: profile.id,
                centre_id: centre.uuid(),
                code_hash: hash,
                issued_by: who.user.uuid(),
                issued_at: now,
                expires_at: claim::expires_at(now),
                voided_at: None,
                spent_at: None,
                spent_by: None,
            },
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::ClaimCodeIssued,
            row.id,
            None,
            Some(&ClaimCodeSnapshot::from(&row)),
        )?;
        Ok(row.expires_at)
    })
    .await?;
    Ok(IssuedCode {
        code: code.display(),
        expires_at: issued,
    })
}

#[derive(Serialize)]
struct OwnerSnapshot {
    user_id: Option<Uuid>,
    claim_code_id: Option<Uuid>,
}

fn invalid_code(detail: &str) -> AppError {
    AppError::new(ErrorCode::InvalidClaimCode).detail(detail)
}

/// A migrant account without a profile takes over the profile a claim code was issued for.
/// Every attempt counts against the account (as sign-in attempts do).
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn claim_profile(
    state: &AppState,
    caller: &Caller,
    input: &str,
) -> AppResult<ProfileView> {
    let (who, actor) = (caller.principal, caller.actor());
    state.limiter.hit(
        &format!("claim:account:{}", who.user),
        state.settings.rate_limit.per_account,
    )?;
    if who.role != Role::Migrant {
        return Err(AppError::forbidden());
    }
    let code = ClaimCode::parse(input).ok_or_else(|| invalid_code("not a claim code"))?;
    let hash = claim_hash(&state.cipher, &code);
    let claimed = db::transaction(&state.pool, move |conn| {
        if candidate::find_by_user(conn, who.user.uuid())?.is_some() {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("this account already has a profile")
            );
        }
        let row = model::find_claim_code_for_update(conn, &hash)?
            .ok_or_else(|| invalid_code("unknown code"))?;
        claim::claimable(row.expires_at, row.spent_at, row.voided_at, Utc::now())
            .map_err(|r| invalid_code(r.as_str()))?;
        if model::set_profile_owner(conn, row.candidate_id, who.user.uuid())? == 0 {
            return Err(invalid_code("the profile already has an account"));
        }
        let spent = model::spend_claim_code(conn, row.id, who.user.uuid())?;
        audit::record(
            conn,
            &actor,
            AuditAction::CandidateClaimed,
            row.candidate_id,
            Some(&OwnerSnapshot {
                user_id: None,
                claim_code_id: None,
            }),
            Some(&OwnerSnapshot {
                user_id: Some(who.user.uuid()),
                claim_code_id: Some(spent.id),
            }),
        )?;
        search_change::record(conn, search_change::CANDIDATE, row.candidate_id, "upsert")?;
        Ok(CandidateId::from(row.candidate_id))
    })
    .await?;
    candidates::get_candidate(state, caller, claimed).await
}

/// What the ministry reviews of a registration whose passport number is already on file.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Submission {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: chrono::NaiveDate,
    pub gender: String,
    pub citizenship: String,
    pub passport_last4: String,
    pub passport_expiry: chrono::NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_method: Option<String>,
}

/// A queued review, as the ministry reads it.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub review: model::PassportReview,
    pub submission: Submission,
}

#[derive(Serialize)]
struct ReviewSnapshot {
    id: Uuid,
    existing_profile_id: Uuid,
    submitted_by: Uuid,
    submitted_role: String,
    agency_id: Option<Uuid>,
    centre_id: Option<Uuid>,
}

/// Called inside a profile registration's transaction: if the passport number of `profile` is
/// already on file, queues the registration for the ministry and answers `true` (the caller
/// then answers as for a fresh registration and stores no profile); otherwise `false`.
pub fn queue_if_passport_known(
    conn: &mut PgConnection,
    cipher: &crate::crypto::DataCipher,
    actor: &crate::db::models::audit::Actor,
    who: &Principal,
    profile: &CandidateProfile,
    consent_method: Option<&str>,
) -> AppResult<bool> {
    let Some(existing) = model::profile_with_passport(conn, &profile.passport_hmac)? else {
        return Ok(false);
    };
    let submission = Submission {
        first_name: profile.first_name.clone(),
        last_name: profile.last_name.clone(),
        date_of_birth: profile.date_of_birth,
        gender: profile.gender.clone(),
        citizenship: profile.citizenship.clone(),
        passport_last4: profile.passport_last4.clone(),
        passport_expiry: profile.passport_expiry,
        email: profile.email.clone(),
        phone: profile.phone.clone(),
        consent_method: consent_method.map(str::to_owned),
    };
    let json = serde_json::to_string(&submission)
        .map_err(|e| AppError::internal(anyhow::anyhow!("submission: {e}")))?;
    let (agency_id, centre_id) = match who.as_representative() {
        Some(Representative::Agency(a)) => (Some(a.uuid()), None),
        Some(Representative::Centre(c)) => (None, Some(c.uuid())),
        None => (None, None),
    };
    let review = model::insert_passport_review(
        conn,
        &model::PassportReview {
            id: profile.id,
            passport_hmac: profile.passport_hmac.clone(),
            existing_profile_id: existing,
            submitted_by: who.user.uuid(),
            submitted_role: who.role.as_str().to_owned(),
            agency_id,
            centre_id,
            submission: cipher.seal(&json)?,
            status: ReviewStatus::Open.as_str().into(),
            created_at: Utc::now(),
            outcome: None,
            note: None,
            resolved_by: None,
            resolved_at: None,
        },
    )?;
    audit::record(
        conn,
        actor,
        AuditAction::PassportReviewQueued,
        review.id,
        None,
        Some(&ReviewSnapshot {
            id: review.id,
            existing_profile_id: review.existing_profile_id,
            submitted_by: review.submitted_by,
            submitted_role: review.submitted_role.clone(),
            agency_id: review.agency_id,
            centre_id: review.centre_id,
        }),
    )?;
    Ok(true)
}

/// Open passport reviews, oldest first (the ministry's queue).
pub async fn list_passport_reviews(
    state: &AppState,
    caller: &Caller,
) -> AppResult<Vec<ReviewView>> {
    if caller.principal.role != Role::Ministry {
        return Err(AppError::forbidden());
    }
    let cipher = state.cipher.clone();
    db::run(&state.pool, move |conn| {
        model::open_passport_reviews(conn, LIST_LIMIT)?
            .into_iter()
            .map(|review| {
                let json = cipher.open(&review.submission)?;
                let submission = serde_json::from_str(&json)
                    .map_err(|e| AppError::internal(anyhow::anyhow!("stored submission: {e}")))?;
                Ok(ReviewView { review, submission })
            })
            .collect()
    })
    .await
}

#[derive(Serialize)]
struct ResolutionSnapshot<'a> {
    status: &'a str,
    outcome: Option<&'a str>,
}

impl<'a> ResolutionSnapshot<'a> {
    fn of(r: &'a model::PassportReview) -> Self {
        Self {
            status: &r.status,
            outcome: r.outcome.as_deref(),
        }
    }
}

/// The ministry resolves an open passport review with a written note: 404 for an unknown one,
/// 409 `invalid_transition` for one already resolved. Unless misuse is suspected, the staff member
/// who submitted the registration is emailed what to do next.
pub async fn resolve_passport_review(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    outcome: Outcome,
    note: String,
) -> AppResult<ReviewView> {
    if caller.principal.role != Role::Ministry {
        return Err(AppError::forbidden());
    }
    let who = caller.principal;
    let actor = caller.actor();
    let cipher = state.cipher.clone();
    db::transaction(&state.pool, move |conn| {
        let before = model::find_passport_review_for_update(conn, id)?;
        if before.status != ReviewStatus::Open.as_str() {
            return Err(AppError::new(ErrorCode::InvalidTransition)
                .detail("this review is already resolved")
                .allowed(Vec::<String>::new()));
        }
        let after =
            model::resolve_passport_review(conn, id, outcome.as_str(), &note, who.user.uuid())?;
        audit::record(
            conn,
            &actor,
            AuditAction::PassportReviewResolved,
            after.id,
            Some(&ResolutionSnapshot::of(&before)),
            Some(&ResolutionSnapshot::of(&after)),
        )?;
        if outcome.tells_submitter() {
            let u = crate::db::models::user::find(conn, after.submitted_by)?;
            if u.disabled_at.is_none() {
                let locale =
                    crate::i18n::Locale::parse(&u.locale).unwrap_or(crate::i18n::Locale::Ru);
                let args = [
                    ("name", u.full_name.clone()),
                    ("reference", after.id.to_string()),
                    (
                        "outcome",
                        crate::i18n::t(
                            locale,
                            &format!("passport_review.outcome.{}", outcome.as_str()),
                        ),
                    ),
                    ("note", note.clone()),
                ];
                let email = crate::email::OutgoingEmail::from_template(
                    &u.email,
                    locale,
                    "passport_review_resolved",
                    &args,
                );
                crate::jobs::send_email::enqueue(conn, &email)?;
            }
        }
        let json = cipher.open(&after.submission)?;
        let submission = serde_json::from_str(&json)
            .map_err(|e| AppError::internal(anyhow::anyhow!("stored submission: {e}")))?;
        Ok(ReviewView {
            review: after,
            submission,
        })
    })
    .await
}
