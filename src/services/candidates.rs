//! Candidate profiles and consents. A migrant keeps their own; a centre or agency keeps one on a
//! person's behalf only while that person's consent to them is active. The passport number is
//! sealed at rest, shown in full only to its owner and masked to everyone else.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::auth::rate_limit::RateLimiter;
use crate::crypto::{mask_last4, DataCipher};
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::candidate::{self, CandidateChanges, CandidateProfile};
use crate::db::models::consent::{self, Consent};
use crate::db::models::organisation;
use crate::db::models::search_change;
use crate::domain::access::{self, Principal, ProfileAccess, Representative};
use crate::domain::audit::AuditAction;
use crate::domain::candidate::{
    normalise_regions, russian_level, CandidatePatch, ConsentMethod, LanguageSkill, NewCandidate,
};
use crate::domain::ids::{AgencyId, CandidateId, CentreId, ConsentId};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::clean;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::{audit, centres, licences, Caller};
use crate::state::AppState;

/// A profile as one caller may see it.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub profile: CandidateProfile,
    pub languages: Vec<LanguageSkill>,
    /// In full for the owner, `****1234` for everyone else.
    pub passport_number: String,
    /// Active consents: who represents this person.
    pub represented_by: Vec<Consent>,
}

fn representatives(consents: &[Consent]) -> Vec<Representative> {
    consents
        .iter()
        .filter_map(Consent::representative)
        .collect()
}

fn view(
    cipher: &DataCipher,
    who: &Principal,
    profile: CandidateProfile,
    represented_by: Vec<Consent>,
) -> AppResult<ProfileView> {
    let fields = access::profile_fields(who, profile.user_id.map(Into::into));
    let passport_number = if fields.full_passport {
        cipher.open(&profile.passport_ciphertext)?
    } else {
        mask_last4(&profile.passport_last4)
    };
    let languages = serde_json::from_value(profile.languages.clone())
        .map_err(|e| AppError::internal(anyhow::anyhow!("stored languages: {e}")))?;
    Ok(ProfileView {
        profile,
        languages,
        passport_number,
        represented_by,
    })
}

/// What the audit trail keeps of a profile: the non-identifying facts, and for each personal
/// field only a keyed fingerprint, so the trail shows what changed without holding the values.
#[derive(Serialize)]
struct CandidateSnapshot {
    citizenship: String,
    occupations: Vec<String>,
    languages: serde_json::Value,
    russian_level: Option<String>,
    experience_years: i32,
    education_level: Option<i16>,
    preferred_regions: Vec<String>,
    salary_min: Option<i32>,
    available_from: Option<NaiveDate>,
    searchable: bool,
    represented_by: Vec<ConsentParty>,
    version: i64,
    /// As everyone but its owner sees it (`****1234`); the number itself is fingerprinted.
    passport_number: String,
    personal: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct ConsentParty {
    agency_id: Option<Uuid>,
    centre_id: Option<Uuid>,
}

fn snapshot(cipher: &DataCipher, p: &CandidateProfile, consents: &[Consent]) -> CandidateSnapshot {
    let dob = p.date_of_birth.to_string();
    let expiry = p.passport_expiry.to_string();
    let passport: String = p.passport_hmac.iter().map(|b| format!("{b:02x}")).collect();
    let skills = Some(p.skills.as_str()).filter(|s| !s.is_empty());
    CandidateSnapshot {
        citizenship: p.citizenship.clone(),
        occupations: p.occupations.clone(),
        languages: p.languages.clone(),
        russian_level: p.russian_level.clone(),
        experience_years: p.experience_years,
        education_level: p.education_level,
        preferred_regions: p.preferred_regions.clone(),
        salary_min: p.salary_min,
        available_from: p.available_from,
        searchable: p.searchable,
        represented_by: consents
            .iter()
            .map(|c| ConsentParty {
                agency_id: c.agency_id,
                centre_id: c.centre_id,
            })
            .collect(),
        version: p.version,
        passport_number: mask_last4(&p.passport_last4),
        personal: audit::fingerprints(
            cipher,
            [
                ("first_name", Some(p.first_name.as_str())),
                ("last_name", Some(p.last_name.as_str())),
                ("date_of_birth", Some(dob.as_str())),
                ("gender", Some(p.gender.as_str())),
                ("passport_number", Some(passport.as_str())),
                ("passport_expiry", Some(expiry.as_str())),
                ("email", p.email.as_deref()),
                ("phone", p.phone.as_deref()),
                ("skills", skills),
            ],
        ),
    }
}

/// What the audit trail keeps of a consent: who may act for whom, and since when.
#[derive(Serialize)]
struct ConsentSnapshot {
    id: Uuid,
    profile_id: Uuid,
    agency_id: Option<Uuid>,
    centre_id: Option<Uuid>,
    method: String,
    granted_by: Uuid,
    granted_at: DateTime<Utc>,
    revoked_by: Option<Uuid>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<&Consent> for ConsentSnapshot {
    fn from(c: &Consent) -> Self {
        Self {
            id: c.id,
            profile_id: c.profile_id,
            agency_id: c.agency_id,
            centre_id: c.centre_id,
            method: c.method.clone(),
            granted_by: c.granted_by,
            granted_at: c.granted_at,
            revoked_by: c.revoked_by,
            revoked_at: c.revoked_at,
        }
    }
}

fn record_consent(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    before: Option<&Consent>,
    after: &Consent,
) -> AppResult<()> {
    audit::record_change(conn, actor, action, after.id, (before, after), |c| {
        ConsentSnapshot::from(c)
    })?;
    search_change::record(conn, search_change::CANDIDATE, after.profile_id, "upsert")?;
    Ok(())
}

/// A passport number already on file answers 409, so trying numbers would tell whose passports
/// are registered. A migrant, who has one profile, gets a few passport changes per window; a
/// centre or agency registering many people a day gets the same few *refusals* per window, after
/// which it may set no passport number until the window passes (so a probe learns nothing more).
const PASSPORT_ATTEMPTS: u32 = 5;

fn attempts_key(who: &Principal) -> String {
    format!("passport:{}", who.user)
}

fn conflicts_key(who: &Principal) -> String {
    format!("passport-conflicts:{}", who.user)
}

fn limit_passport_attempts(state: &AppState, who: &Principal) -> AppResult<()> {
    state
        .limiter
        .check(&conflicts_key(who), PASSPORT_ATTEMPTS)?;
    if who.role == Role::Migrant {
        state.limiter.hit(&attempts_key(who), PASSPORT_ATTEMPTS)?;
    }
    Ok(())
}

/// Refuses a passport number another profile holds, counting the refusal against the caller.
fn refuse_taken_passport(
    conn: &mut PgConnection,
    limiter: &RateLimiter,
    who: &Principal,
    passport_hmac: &[u8],
    own_profile: Option<Uuid>,
) -> AppResult<()> {
    if candidate::passport_taken(conn, passport_hmac, own_profile)? {
        limiter.hit(&conflicts_key(who), PASSPORT_ATTEMPTS)?;
        return Err(AppError::new(ErrorCode::Conflict)
            .detail("a profile with this passport number already exists"));
    }
    Ok(())
}

/// Creates a profile: a migrant's own, or a person's on whose behalf a centre or agency acts.
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn create_candidate(
    state: &AppState,
    caller: &Caller,
    input: NewCandidate,
) -> AppResult<ProfileView> {
    let who = caller.principal;
    let on_behalf = matches!(who.role, Role::Agency | Role::Centre);
    if on_behalf && who.as_representative().is_none() {
        return Err(AppError::forbidden().detail("your membership is not approved yet"));
    }
    let today = Utc::now().date_naive();
    input.check(who.role, today).map_err(AppError::validation)?;
    limit_passport_attempts(state, &who)?;
    let sealed = state.cipher.seal_passport(&input.passport_number)?;
    let now = Utc::now();
    let profile = CandidateProfile {
        id: CandidateId::generate().uuid(),
        user_id: (who.role == Role::Migrant).then_some(who.user.uuid()),
        created_by: who.user.uuid(),
        first_name: text::clean(&input.first_name),
        last_name: text::clean(&input.last_name),
        date_of_birth: input.date_of_birth,
        gender: input.gender,
        citizenship: input.citizenship,
        passport_ciphertext: sealed.ciphertext,
        passport_hmac: sealed.lookup_hash,
        passport_last4: sealed.last4,
        passport_expiry: input.passport_expiry,
        email: clean(input.email).map(|e| e.to_lowercase()),
        phone: clean(input.phone),
        languages: json(&input.languages)?,
        russian_level: russian_level(&input.languages),
        occupations: input.occupations,
        skills: text::clean(&input.skills),
        experience_years: input.experience_years,
        education_level: input.education_level,
        preferred_regions: normalise_regions(input.preferred_regions),
        salary_min: input.salary_min,
        available_from: input.available_from,
        searchable: input.searchable,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let method = input.consent.and_then(|c| ConsentMethod::parse(&c.method));
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    db::transaction(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        if who.role == Role::Migrant && candidate::find_by_user(conn, who.user.uuid())?.is_some() {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("this account already has a profile")
            );
        }
        // A number already on file goes to the ministry's review queue (services::centres);
        // the answer is the one a fresh registration gets, so it does not tell that the number
        // is known.
        let by = who.as_representative();
        let recorded = method.filter(|_| by.is_some()).map(ConsentMethod::as_str);
        if centres::queue_if_passport_known(conn, &cipher, &actor, &who, &profile, recorded)? {
            let consents = match (method, by) {
                (Some(m), Some(by)) => vec![new_consent(profile.id, by, m, &who)],
                _ => Vec::new(),
            };
            return view(&cipher, &who, profile, consents);
        }
        let created = candidate::insert(conn, &profile)?;
        let mut consents = Vec::new();
        if let (Some(method), Some(by)) = (method, who.as_representative()) {
            let granted = consent::insert(conn, &new_consent(created.id, by, method, &who))?;
            record_consent(conn, &actor, AuditAction::ConsentRecorded, None, &granted)?;
            consents.push(granted);
        }
        audit::record(
            conn,
            &actor,
            AuditAction::CandidateCreated,
            created.id,
            None,
            Some(&snapshot(&cipher, &created, &consents)),
        )?;
        search_change::record(conn, search_change::CANDIDATE, created.id, "upsert")?;
        view(&cipher, &who, created, consents)
    })
    .await
}

fn json<T: Serialize>(value: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| AppError::internal(anyhow::anyhow!("json: {e}")))
}

fn new_consent(
    profile: Uuid,
    by: Representative,
    method: ConsentMethod,
    who: &Principal,
) -> Consent {
    let (agency_id, centre_id) = match by {
        Representative::Agency(a) => (Some(a.uuid()), None),
        Representative::Centre(c) => (None, Some(c.uuid())),
    };
    Consent {
        id: ConsentId::generate().uuid(),
        profile_id: profile,
        agency_id,
        centre_id,
        method: method.as_str().into(),
        granted_by: who.user.uuid(),
        granted_at: Utc::now(),
        revoked_by: None,
        revoked_at: None,
    }
}

/// Profiles the caller may see, newest first: a migrant their own, a centre or agency those it
/// represents, the ministry and admins all. One query for the page and one for its consents.
pub async fn list_candidates(
    state: &AppState,
    caller: &Caller,
    cursor: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<ProfileView>> {
    let who = caller.principal;
    let cipher = state.cipher.clone();
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let rows = match (who.role, who.as_representative()) {
            (Role::Migrant, _) => candidate::find_by_user(conn, who.user.uuid())?
                .into_iter()
                .filter(|p| cursor.is_none_or(|c| p.id < c))
                .collect(),
            (Role::Agency | Role::Centre, Some(by)) => {
                let ids = consent::represented_profile_ids(conn, by)?;
                candidate::list(conn, Some(&ids), cursor, limit + 1)?
            }
            (Role::Ministry | Role::Admin, _) => candidate::list(conn, None, cursor, limit + 1)?,
            _ => return Err(AppError::forbidden()),
        };
        let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
        let mut consents: HashMap<Uuid, Vec<Consent>> = HashMap::new();
        for c in consent::active_for_profiles(conn, &ids)? {
            consents.entry(c.profile_id).or_default().push(c);
        }
        rows.into_iter()
            .map(|p| {
                let of_profile = consents.remove(&p.id).unwrap_or_default();
                view(&cipher, &who, p, of_profile)
            })
            .collect()
    })
    .await
}

/// Loads a profile with its active consents if the caller has at least `needed` access to it;
/// otherwise answers 404, as if it did not exist.
fn load(
    conn: &mut PgConnection,
    who: &Principal,
    id: CandidateId,
    needed: ProfileAccess,
    for_update: bool,
) -> AppResult<(CandidateProfile, Vec<Consent>)> {
    let p = if for_update {
        candidate::find_for_update(conn, id.uuid())?
    } else {
        candidate::find(conn, id.uuid())?
    };
    let consents = consent::active_for_profile(conn, p.id)?;
    let granted =
        access::profile_access(who, p.user_id.map(Into::into), &representatives(&consents));
    if granted >= needed {
        Ok((p, consents))
    } else {
        Err(AppError::not_found())
    }
}

/// One profile, if the caller may see it.
pub async fn get_candidate(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
) -> AppResult<ProfileView> {
    let who = caller.principal;
    let cipher = state.cipher.clone();
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let (p, consents) = load(conn, &who, id, ProfileAccess::Read, false)?;
        view(&cipher, &who, p, consents)
    })
    .await
}

/// Edits a profile: its owner, or a centre or agency while the person's consent to it stands.
#[instrument(skip_all, fields(user = %caller.principal.user, candidate = %id))]
pub async fn update_candidate(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    patch: CandidatePatch,
) -> AppResult<ProfileView> {
    let who = caller.principal;
    patch
        .check(Utc::now().date_naive())
        .map_err(AppError::validation)?;
    let mut changes = CandidateChanges {
        first_name: patch.first_name.as_deref().map(text::clean),
        last_name: patch.last_name.as_deref().map(text::clean),
        date_of_birth: patch.date_of_birth,
        gender: patch.gender,
        citizenship: patch.citizenship,
        passport_expiry: patch.passport_expiry,
        email: patch.email.map(|e| clean(e).map(|v| v.to_lowercase())),
        phone: patch.phone.map(clean),
        russian_level: patch.languages.as_deref().map(russian_level),
        languages: patch.languages.as_ref().map(json).transpose()?,
        occupations: patch.occupations,
        skills: patch.skills.as_deref().map(text::clean),
        experience_years: patch.experience_years,
        education_level: patch.education_level,
        preferred_regions: patch.preferred_regions.map(normalise_regions),
        salary_min: patch.salary_min,
        available_from: patch.available_from,
        searchable: patch.searchable,
        ..Default::default()
    };
    if let Some(raw) = patch.passport_number {
        limit_passport_attempts(state, &who)?;
        let sealed = state.cipher.seal_passport(&raw)?;
        changes.passport_ciphertext = Some(sealed.ciphertext);
        changes.passport_hmac = Some(sealed.lookup_hash);
        changes.passport_last4 = Some(sealed.last4);
    }
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let limiter = state.limiter.clone();
    db::transaction(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let (before, consents) = load(conn, &who, id, ProfileAccess::Edit, true)?;
        if let Some(hmac) = &changes.passport_hmac {
            refuse_taken_passport(conn, &limiter, &who, hmac, Some(before.id))?;
        }
        let after = candidate::update(conn, id.uuid(), &changes)?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::CandidateUpdated,
            id,
            (Some(&before), &after),
            |p| snapshot(&cipher, p, &consents),
        )?;
        search_change::record(conn, search_change::CANDIDATE, id.uuid(), "upsert")?;
        view(&cipher, &who, after, consents)
    })
    .await
}

/// Who the person lets represent them.
#[derive(Debug, Clone, Copy)]
pub enum ConsentTo {
    Agency(AgencyId),
    Centre(CentreId),
}

/// The migrant lets a licensed agency or a centre represent them.
#[instrument(skip_all, fields(user = %caller.principal.user, candidate = %id))]
pub async fn grant_consent(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    to: ConsentTo,
) -> AppResult<Consent> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let p = candidate::find_for_update(conn, id.uuid())?;
        if who.role != Role::Migrant || p.user_id != Some(who.user.uuid()) {
            return Err(AppError::not_found());
        }
        let by = match to {
            ConsentTo::Agency(a) => {
                let agency = organisation::find_agency(conn, a.uuid())
                    .map_err(|_| AppError::field("agency_id", "unknown_value"))?;
                if !agency.licence_active_on(Utc::now().date_naive()) {
                    return Err(AppError::new(ErrorCode::LicenceNotActive));
                }
                Representative::Agency(a)
            }
            ConsentTo::Centre(c) => {
                organisation::find_centre(conn, c.uuid())
                    .map_err(|_| AppError::field("centre_id", "unknown_value"))?;
                Representative::Centre(c)
            }
        };
        let granted = consent::insert(conn, &new_consent(p.id, by, ConsentMethod::Online, &who))?;
        record_consent(conn, &actor, AuditAction::ConsentGranted, None, &granted)?;
        Ok(granted)
    })
    .await
}

/// Ends a representation: the person, or the agency or centre itself.
#[instrument(skip_all, fields(user = %caller.principal.user, candidate = %id, consent = %consent_id))]
pub async fn revoke_consent(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    consent_id: ConsentId,
) -> AppResult<Consent> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let p = candidate::find_for_update(conn, id.uuid())?;
        let c = consent::find(conn, consent_id.uuid())?;
        let allowed = c.profile_id == p.id
            && c.revoked_at.is_none()
            && access::may_revoke_consent(&who, p.user_id.map(Into::into), c.representative());
        if !allowed {
            return Err(AppError::not_found());
        }
        let revoked = consent::revoke(conn, c.id, who.user.uuid())?;
        record_consent(
            conn,
            &actor,
            AuditAction::ConsentRevoked,
            Some(&c),
            &revoked,
        )?;
        Ok(revoked)
    })
    .await
}
