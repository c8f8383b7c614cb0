//! Candidate profiles. A migrant keeps their own; a centre or agency keeps one on a person's
//! behalf only while that person's consent to them is recorded. The passport number is sealed at
//! rest, shown in full only to its owner and masked to everyone else who may see the profile.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::pagination::{Page, PageQuery};
use crate::auth::{AuthUser, Role};
use crate::crypto::{mask_last4, normalise_passport};
use crate::db;
use crate::db::models::audit;
use crate::db::models::candidate::{self, CandidateChanges, CandidateProfile};
use crate::db::models::consent::{self, Consent};
use crate::db::models::organisation;
use crate::db::models::search_change;
use crate::domain::reference;
use crate::domain::validate::{clean, Check};
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LanguageSkill {
    /// ISO 639-1.
    pub code: String,
    /// CEFR A1–C2.
    pub level: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// `in_person` or `written` when a centre or agency records it.
    pub method: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCandidate {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    /// `male` or `female`, as in the passport.
    pub gender: String,
    /// ISO 3166-1 alpha-2.
    pub citizenship: String,
    pub passport_number: String,
    pub passport_expiry: NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    /// ISCO-08 unit groups.
    #[serde(default)]
    pub occupations: Vec<String>,
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub experience_years: i32,
    /// ISCED 2011 level 0–8.
    pub education_level: Option<i16>,
    /// ISO 3166-2:RU codes, or `["any"]`.
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    /// Roubles per month.
    pub salary_min: Option<i32>,
    pub available_from: Option<NaiveDate>,
    #[serde(default)]
    pub searchable: bool,
    /// Required when a centre or agency creates the profile: the person's consent to them.
    pub consent: Option<ConsentInput>,
}

/// Fields to change; a missing key keeps the value, `null` clears a nullable one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCandidate {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<String>,
    pub citizenship: Option<String>,
    pub passport_number: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub phone: Option<Option<String>>,
    pub languages: Option<Vec<LanguageSkill>>,
    pub occupations: Option<Vec<String>>,
    pub skills: Option<String>,
    pub experience_years: Option<i32>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub education_level: Option<Option<i16>>,
    pub preferred_regions: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub salary_min: Option<Option<i32>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub available_from: Option<Option<NaiveDate>>,
    pub searchable: Option<bool>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentResponse {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub method: String,
    pub granted_by: Uuid,
    pub granted_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<Consent> for ConsentResponse {
    fn from(c: Consent) -> Self {
        Self {
            id: c.id,
            agency_id: c.agency_id,
            centre_id: c.centre_id,
            method: c.method,
            granted_by: c.granted_by,
            granted_at: c.granted_at,
            revoked_at: c.revoked_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateResponse {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub gender: String,
    pub citizenship: String,
    /// In full for the profile's owner; `****1234` for everyone else.
    pub passport_number: String,
    pub passport_expiry: NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<LanguageSkill>,
    pub russian_level: Option<String>,
    pub occupations: Vec<String>,
    pub skills: String,
    pub experience_years: i32,
    pub education_level: Option<i16>,
    pub preferred_regions: Vec<String>,
    pub salary_min: Option<i32>,
    pub available_from: Option<NaiveDate>,
    pub searchable: bool,
    /// Active consents: who represents this person.
    pub represented_by: Vec<ConsentResponse>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(p: CandidateProfile, consents: Vec<Consent>, passport: String) -> CandidateResponse {
    CandidateResponse {
        id: p.id,
        user_id: p.user_id,
        first_name: p.first_name,
        last_name: p.last_name,
        date_of_birth: p.date_of_birth,
        gender: p.gender,
        citizenship: p.citizenship,
        passport_number: passport,
        passport_expiry: p.passport_expiry,
        email: p.email,
        phone: p.phone,
        languages: serde_json::from_value(p.languages).unwrap_or_default(),
        russian_level: p.russian_level,
        occupations: p.occupations,
        skills: p.skills,
        experience_years: p.experience_years,
        education_level: p.education_level,
        preferred_regions: p.preferred_regions,
        salary_min: p.salary_min,
        available_from: p.available_from,
        searchable: p.searchable,
        represented_by: consents.into_iter().map(ConsentResponse::from).collect(),
        version: p.version,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

/// The response for `user`: the owner sees the passport number, others see it masked.
fn view_for(
    state: &AppState,
    user: &AuthUser,
    p: CandidateProfile,
    consents: Vec<Consent>,
) -> AppResult<CandidateResponse> {
    let passport = if p.user_id == Some(user.id) {
        state.cipher.open(&p.passport_ciphertext)?
    } else {
        mask_last4(&p.passport_last4)
    };
    Ok(view(p, consents, passport))
}

/// The form kept in the audit trail: never the passport number.
fn audit_view(p: &CandidateProfile, consents: &[Consent]) -> serde_json::Value {
    let masked = mask_last4(&p.passport_last4);
    serde_json::to_value(view(p.clone(), consents.to_vec(), masked)).unwrap_or_default()
}

/// A passport number already on file answers 409, so trying numbers would tell whose passports
/// are registered: a migrant account gets a few attempts per window. (Centres and agencies
/// register many people in a day; they act under a licence and the audit trail.)
const PASSPORT_ATTEMPTS: u32 = 5;

fn limit_passport_attempts(state: &AppState, user: &AuthUser) -> AppResult<()> {
    if user.role == Role::Migrant {
        state
            .limiter
            .hit(&format!("passport:{}", user.id), PASSPORT_ATTEMPTS)?;
    }
    Ok(())
}

/// Whether an agency may act today; only licensed agencies see or touch candidates.
pub(crate) fn require_active_agency(conn: &mut PgConnection, user: &AuthUser) -> AppResult<()> {
    if user.role != Role::Agency {
        return Ok(());
    }
    let agency_id = user.agency_id.ok_or_else(AppError::forbidden)?;
    let agency = organisation::find_agency(conn, agency_id)?;
    if agency.licence_active_on(Utc::now().date_naive()) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::LicenceNotActive))
    }
}

/// Whether `user` may see (and, for owners and representatives, edit) this profile.
fn may_access(user: &AuthUser, p: &CandidateProfile, consents: &[Consent], for_edit: bool) -> bool {
    match user.role {
        Role::Migrant => p.user_id == Some(user.id),
        Role::Agency => {
            user.agency_id.is_some() && consents.iter().any(|c| c.agency_id == user.agency_id)
        }
        Role::Centre => {
            user.centre_id.is_some() && consents.iter().any(|c| c.centre_id == user.centre_id)
        }
        Role::Ministry | Role::Admin => !for_edit,
        Role::Employer => false,
    }
}

fn russian_level(languages: &[LanguageSkill]) -> Option<String> {
    languages
        .iter()
        .find(|l| l.code == "ru")
        .map(|l| l.level.clone())
}

pub(crate) fn age_on(dob: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - dob.year();
    if (day.month(), day.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    age
}

struct Fields<'a> {
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    date_of_birth: Option<NaiveDate>,
    gender: Option<&'a str>,
    citizenship: Option<&'a str>,
    passport_number: Option<&'a str>,
    passport_expiry: Option<NaiveDate>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    languages: Option<&'a [LanguageSkill]>,
    occupations: Option<&'a [String]>,
    skills: Option<&'a str>,
    experience_years: Option<i32>,
    education_level: Option<i16>,
    preferred_regions: Option<&'a [String]>,
    salary_min: Option<i32>,
}

fn check_fields(f: &Fields) -> AppResult<()> {
    let today = Utc::now().date_naive();
    let mut c = Check::new();
    if let Some(v) = f.first_name {
        c.text("first_name", v, 1, 100);
    }
    if let Some(v) = f.last_name {
        c.text("last_name", v, 1, 100);
    }
    if let Some(dob) = f.date_of_birth {
        let age = age_on(dob, today);
        if !(18..=70).contains(&age) {
            c.push(
                FieldError::new("date_of_birth", "out_of_range")
                    .with("min", 18)
                    .with("max", 70),
            );
        }
    }
    if let Some(v) = f.gender {
        c.one_of("gender", v, &["male", "female"]);
    }
    if let Some(v) = f.citizenship {
        c.country("citizenship", v);
    }
    if let Some(v) = f.passport_number {
        let n = normalise_passport(v);
        if !(5..=20).contains(&n.len())
            || v.chars()
                .any(|ch| !(ch.is_ascii_alphanumeric() || ch == ' ' || ch == '-'))
        {
            c.push(
                FieldError::new("passport_number", "unknown_value")
                    .with("allowed", "5–20 Latin letters and digits"),
            );
        }
    }
    if let Some(d) = f.passport_expiry {
        if d <= today {
            c.push(FieldError::new("passport_expiry", "passport_expired"));
        }
    }
    if let Some(e) = f.email {
        c.email("email", e);
    }
    if let Some(p) = f.phone {
        c.phone("phone", p);
    }
    if let Some(langs) = f.languages {
        if langs.len() > 10 {
            c.push(FieldError::new("languages", "too_many").with("max", 10));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, l) in langs.iter().enumerate() {
            if !reference::is_language(&l.code) {
                c.push(FieldError::new(
                    format!("languages[{i}].code"),
                    "invalid_language",
                ));
            }
            c.cefr(&format!("languages[{i}].level"), &l.level);
            if !seen.insert(l.code.clone()) {
                c.push(FieldError::new(format!("languages[{i}].code"), "duplicate"));
            }
        }
    }
    if let Some(occ) = f.occupations {
        c.list("occupations", occ, 10, 4);
        for (i, o) in occ.iter().enumerate() {
            c.occupation(&format!("occupations[{i}]"), o);
        }
    }
    if let Some(s) = f.skills {
        c.text("skills", s, 0, 5000);
    }
    if let Some(y) = f.experience_years {
        c.range("experience_years", y.into(), 0, 60);
    }
    if let Some(e) = f.education_level {
        c.range("education_level", e.into(), 0, 8);
    }
    if let Some(regions) = f.preferred_regions {
        c.list("preferred_regions", regions, 20, 10);
        if regions.iter().any(|r| r == "any") {
            if regions.len() > 1 {
                c.push(
                    FieldError::new("preferred_regions", "unknown_value")
                        .with("allowed", "[\"any\"] or region codes"),
                );
            }
        } else {
            for (i, r) in regions.iter().enumerate() {
                c.ru_region(&format!("preferred_regions[{i}]"), r);
            }
        }
    }
    if let Some(s) = f.salary_min {
        c.range("salary_min", s.into(), 0, 10_000_000);
    }
    c.finish()
}

fn normalise_regions(regions: Vec<String>) -> Vec<String> {
    if regions.is_empty() {
        vec!["any".into()]
    } else {
        regions
    }
}

/// Creates a profile: a migrant's own, or a person's on whose behalf a centre or agency acts.
#[utoipa::path(post, path = "/api/v1/candidates", tag = "candidates", request_body = CreateCandidate,
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 201, body = CandidateResponse), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_candidate(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateCandidate>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    check_fields(&Fields {
        first_name: Some(&b.first_name),
        last_name: Some(&b.last_name),
        date_of_birth: Some(b.date_of_birth),
        gender: Some(&b.gender),
        citizenship: Some(&b.citizenship),
        passport_number: Some(&b.passport_number),
        passport_expiry: Some(b.passport_expiry),
        email: b.email.as_deref().filter(|e| !e.trim().is_empty()),
        phone: b.phone.as_deref().filter(|e| !e.trim().is_empty()),
        languages: Some(&b.languages),
        occupations: Some(&b.occupations),
        skills: Some(&b.skills),
        experience_years: Some(b.experience_years),
        education_level: b.education_level,
        preferred_regions: Some(&b.preferred_regions),
        salary_min: b.salary_min,
    })?;
    let on_behalf = matches!(user.role, Role::Agency | Role::Centre);
    let mut c = Check::new();
    match (&b.consent, on_behalf) {
        (None, true) => c.push(FieldError::new("consent", "required")),
        (Some(consent), true) => {
            c.one_of("consent.method", &consent.method, &["in_person", "written"])
        }
        (Some(_), false) => {
            c.push(FieldError::new("consent", "unknown_value").with("allowed", "null"))
        }
        (None, false) => {}
    }
    c.finish()?;
    limit_passport_attempts(&state, &user)?;
    let passport = normalise_passport(&b.passport_number);
    let sealed = state.cipher.seal(&passport)?;
    let lookup = state.cipher.lookup_hash(&passport);
    let last4: String = passport
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let now = Utc::now();
    let profile = CandidateProfile {
        id: Uuid::now_v7(),
        user_id: (user.role == Role::Migrant).then_some(user.id),
        created_by: user.id,
        first_name: b.first_name.trim().into(),
        last_name: b.last_name.trim().into(),
        date_of_birth: b.date_of_birth,
        gender: b.gender,
        citizenship: b.citizenship,
        passport_ciphertext: sealed,
        passport_hmac: lookup,
        passport_last4: last4,
        passport_expiry: b.passport_expiry,
        email: clean(b.email).map(|e| e.to_lowercase()),
        phone: clean(b.phone),
        languages: serde_json::to_value(&b.languages).unwrap_or_default(),
        russian_level: russian_level(&b.languages),
        occupations: b.occupations,
        skills: b.skills.trim().into(),
        experience_years: b.experience_years,
        education_level: b.education_level,
        preferred_regions: normalise_regions(b.preferred_regions),
        salary_min: b.salary_min,
        available_from: b.available_from,
        searchable: b.searchable,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let consent_method = b.consent.map(|c| c.method);
    let state2 = state.clone();
    let response = db::transaction(&state.pool, move |conn| {
        require_active_agency(conn, &user)?;
        if user.role == Role::Migrant && candidate::find_by_user(conn, user.id)?.is_some() {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("this account already has a profile")
            );
        }
        let created = candidate::insert(conn, &profile)?;
        let mut consents = Vec::new();
        if let Some(method) = consent_method {
            let granted = consent::insert(
                conn,
                &Consent {
                    id: Uuid::now_v7(),
                    profile_id: created.id,
                    agency_id: user.agency_id.filter(|_| user.role == Role::Agency),
                    centre_id: user.centre_id.filter(|_| user.role == Role::Centre),
                    method,
                    granted_by: user.id,
                    granted_at: Utc::now(),
                    revoked_by: None,
                    revoked_at: None,
                },
            )?;
            audit::record(
                conn,
                &user.actor(),
                "consent.recorded",
                "consent",
                granted.id,
                None,
                Some(
                    serde_json::to_value(ConsentResponse::from(granted.clone()))
                        .unwrap_or_default(),
                ),
            )?;
            consents.push(granted);
        }
        audit::record(
            conn,
            &user.actor(),
            "candidate.created",
            "candidate",
            created.id,
            None,
            Some(audit_view(&created, &consents)),
        )?;
        search_change::record(conn, search_change::CANDIDATE, created.id, "upsert")?;
        view_for(&state2, &user, created, consents)
    })
    .await?;
    Ok(HttpResponse::Created().json(response))
}

/// Profiles the caller may see: a migrant their own, a centre or agency those it represents,
/// the ministry and admins all.
#[utoipa::path(get, path = "/api/v1/candidates", tag = "candidates", params(PageQuery),
    security(("bearer" = ["migrant", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = Page<CandidateResponse>), (status = 403, body = crate::error::Problem)))]
pub async fn list_candidates(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let limit = query.limit()?;
    let cursor = query.uuid_cursor()?;
    let state2 = state.clone();
    let result = db::run(&state.pool, move |conn| {
        require_active_agency(conn, &user)?;
        let rows = match user.role {
            Role::Migrant => candidate::find_by_user(conn, user.id)?
                .into_iter()
                .filter(|p| cursor.is_none_or(|c| p.id < c))
                .collect(),
            Role::Agency | Role::Centre => {
                let ids = consent::represented_profile_ids(
                    conn,
                    user.agency_id.filter(|_| user.role == Role::Agency),
                    user.centre_id.filter(|_| user.role == Role::Centre),
                )?;
                candidate::list(conn, Some(&ids), cursor, limit + 1)?
            }
            Role::Ministry | Role::Admin => candidate::list(conn, None, cursor, limit + 1)?,
            Role::Employer => return Err(AppError::forbidden()),
        };
        let mut with_consents = Vec::with_capacity(rows.len());
        for p in rows {
            let consents = consent::active_for_profile(conn, p.id)?;
            with_consents.push((p, consents));
        }
        let mut items = Vec::new();
        let more = with_consents.len() as i64 > limit;
        with_consents.truncate(limit as usize);
        let next_cursor = if more {
            with_consents
                .last()
                .map(|(p, _)| crate::api::pagination::encode_cursor(p.id))
        } else {
            None
        };
        for (p, consents) in with_consents {
            items.push(view_for(&state2, &user, p, consents)?);
        }
        Ok(Page { items, next_cursor })
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// One profile, if the caller may see it (otherwise 404).
#[utoipa::path(get, path = "/api/v1/candidates/{id}", tag = "candidates", params(("id" = Uuid, Path)),
    security(("bearer" = ["migrant", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = CandidateResponse), (status = 404, body = crate::error::Problem)))]
pub async fn get_candidate(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let state2 = state.clone();
    let response = db::run(&state.pool, move |conn| {
        require_active_agency(conn, &user)?;
        let p = candidate::find(conn, id)?;
        let consents = consent::active_for_profile(conn, id)?;
        if !may_access(&user, &p, &consents, false) {
            return Err(AppError::not_found());
        }
        view_for(&state2, &user, p, consents)
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// Edits a profile: its owner, or a centre or agency while the person's consent to it stands.
#[utoipa::path(patch, path = "/api/v1/candidates/{id}", tag = "candidates", params(("id" = Uuid, Path)),
    request_body = UpdateCandidate, security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = CandidateResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_candidate(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateCandidate>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    check_fields(&Fields {
        first_name: b.first_name.as_deref(),
        last_name: b.last_name.as_deref(),
        date_of_birth: b.date_of_birth,
        gender: b.gender.as_deref(),
        citizenship: b.citizenship.as_deref(),
        passport_number: b.passport_number.as_deref(),
        passport_expiry: b.passport_expiry,
        email: b
            .email
            .as_ref()
            .and_then(|e| e.as_deref())
            .filter(|e| !e.trim().is_empty()),
        phone: b
            .phone
            .as_ref()
            .and_then(|e| e.as_deref())
            .filter(|e| !e.trim().is_empty()),
        languages: b.languages.as_deref(),
        occupations: b.occupations.as_deref(),
        skills: b.skills.as_deref(),
        experience_years: b.experience_years,
        education_level: b.education_level.flatten(),
        preferred_regions: b.preferred_regions.as_deref(),
        salary_min: b.salary_min.flatten(),
    })?;
    let mut changes = CandidateChanges {
        first_name: b.first_name.map(|v| v.trim().into()),
        last_name: b.last_name.map(|v| v.trim().into()),
        date_of_birth: b.date_of_birth,
        gender: b.gender,
        citizenship: b.citizenship,
        passport_expiry: b.passport_expiry,
        email: b.email.map(|e| clean(e).map(|v| v.to_lowercase())),
        phone: b.phone.map(clean),
        russian_level: b.languages.as_ref().map(|l| russian_level(l)),
        languages: b
            .languages
            .map(|l| serde_json::to_value(l).unwrap_or_default()),
        occupations: b.occupations,
        skills: b.skills.map(|s| s.trim().into()),
        experience_years: b.experience_years,
        education_level: b.education_level,
        preferred_regions: b.preferred_regions.map(normalise_regions),
        salary_min: b.salary_min,
        available_from: b.available_from,
        searchable: b.searchable,
        ..Default::default()
    };
    if let Some(raw) = b.passport_number {
        limit_passport_attempts(&state, &user)?;
        let passport = normalise_passport(&raw);
        changes.passport_ciphertext = Some(state.cipher.seal(&passport)?);
        changes.passport_hmac = Some(state.cipher.lookup_hash(&passport));
        changes.passport_last4 = Some(
            passport
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect(),
        );
    }
    let state2 = state.clone();
    let response = db::transaction(&state.pool, move |conn| {
        require_active_agency(conn, &user)?;
        let before = candidate::find_for_update(conn, id)?;
        let consents = consent::active_for_profile(conn, id)?;
        if !may_access(&user, &before, &consents, true) {
            return Err(AppError::not_found());
        }
        let after = candidate::update(conn, id, &changes)?;
        audit::record(
            conn,
            &user.actor(),
            "candidate.updated",
            "candidate",
            id,
            Some(audit_view(&before, &consents)),
            Some(audit_view(&after, &consents)),
        )?;
        search_change::record(conn, search_change::CANDIDATE, id, "upsert")?;
        view_for(&state2, &user, after, consents)
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantConsent {
    /// Exactly one of `agency_id`, `centre_id`.
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
}

/// The migrant lets a licensed agency or a centre represent them.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/consents", tag = "candidates", params(("id" = Uuid, Path)),
    request_body = GrantConsent, security(("bearer" = ["migrant"])),
    responses((status = 201, body = ConsentResponse), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub async fn grant_consent(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<GrantConsent>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let GrantConsent {
        agency_id,
        centre_id,
    } = body.into_inner();
    if agency_id.is_some() == centre_id.is_some() {
        return Err(AppError::validation(vec![FieldError::new(
            "agency_id",
            "unknown_value",
        )
        .with("allowed", "exactly one of agency_id, centre_id")]));
    }
    let response = db::transaction(&state.pool, move |conn| {
        let p = candidate::find_for_update(conn, id)?;
        if p.user_id != Some(user.id) {
            return Err(AppError::not_found());
        }
        if let Some(a) = agency_id {
            let agency = organisation::find_agency(conn, a)
                .map_err(|_| AppError::field("agency_id", "unknown_value"))?;
            if !agency.licence_active_on(Utc::now().date_naive()) {
                return Err(AppError::new(ErrorCode::LicenceNotActive));
            }
        }
        if let Some(c) = centre_id {
            organisation::find_centre(conn, c)
                .map_err(|_| AppError::field("centre_id", "unknown_value"))?;
        }
        let granted = consent::insert(
            conn,
            &Consent {
                id: Uuid::now_v7(),
                profile_id: id,
                agency_id,
                centre_id,
                method: "online".into(),
                granted_by: user.id,
                granted_at: Utc::now(),
                revoked_by: None,
                revoked_at: None,
            },
        )?;
        let response = ConsentResponse::from(granted);
        audit::record(
            conn,
            &user.actor(),
            "consent.granted",
            "consent",
            response.id,
            None,
            Some(serde_json::to_value(&response).unwrap_or_default()),
        )?;
        search_change::record(conn, search_change::CANDIDATE, id, "upsert")?;
        Ok(response)
    })
    .await?;
    Ok(HttpResponse::Created().json(response))
}

/// Ends a representation: the migrant, or the agency or centre itself.
#[utoipa::path(delete, path = "/api/v1/candidates/{id}/consents/{consent_id}", tag = "candidates",
    params(("id" = Uuid, Path), ("consent_id" = Uuid, Path)),
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = ConsentResponse), (status = 404, body = crate::error::Problem)))]
pub async fn revoke_consent(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (id, consent_id) = path.into_inner();
    let response = db::transaction(&state.pool, move |conn| {
        let p = candidate::find_for_update(conn, id)?;
        let c = consent::find(conn, consent_id)?;
        let allowed = c.profile_id == id
            && c.revoked_at.is_none()
            && match user.role {
                Role::Migrant => p.user_id == Some(user.id),
                Role::Agency => c.agency_id.is_some() && c.agency_id == user.agency_id,
                Role::Centre => c.centre_id.is_some() && c.centre_id == user.centre_id,
                _ => false,
            };
        if !allowed {
            return Err(AppError::not_found());
        }
        let revoked = consent::revoke(conn, consent_id, user.id)?;
        let response = ConsentResponse::from(revoked);
        audit::record(
            conn,
            &user.actor(),
            "consent.revoked",
            "consent",
            consent_id,
            Some(serde_json::to_value(ConsentResponse::from(c)).unwrap_or_default()),
            Some(serde_json::to_value(&response).unwrap_or_default()),
        )?;
        search_change::record(conn, search_change::CANDIDATE, id, "upsert")?;
        Ok(response)
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}
