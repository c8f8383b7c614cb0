//! Candidate profiles and consents: parse, call the service, answer. The rules are in
//! `domain::candidate` and `domain::access`; the commands in `services::candidates`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::consent::Consent;
use crate::domain::candidate::{CandidatePatch, LanguageSkill, NewCandidate};
use crate::error::{AppError, AppResult, FieldError};
use crate::services::candidates::{self as service, ConsentTo, ProfileView};
use crate::state::AppState;

/// The body of `POST /candidates`.
pub type CreateCandidate = NewCandidate;
/// The body of `PATCH /candidates/{id}`.
pub type UpdateCandidate = CandidatePatch;

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

impl From<ProfileView> for CandidateResponse {
    fn from(v: ProfileView) -> Self {
        let p = v.profile;
        Self {
            id: p.id,
            user_id: p.user_id,
            first_name: p.first_name,
            last_name: p.last_name,
            date_of_birth: p.date_of_birth,
            gender: p.gender,
            citizenship: p.citizenship,
            passport_number: v.passport_number,
            passport_expiry: p.passport_expiry,
            email: p.email,
            phone: p.phone,
            languages: v.languages,
            russian_level: p.russian_level,
            occupations: p.occupations,
            skills: p.skills,
            experience_years: p.experience_years,
            education_level: p.education_level,
            preferred_regions: p.preferred_regions,
            salary_min: p.salary_min,
            available_from: p.available_from,
            searchable: p.searchable,
            represented_by: v.represented_by.into_iter().map(Into::into).collect(),
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// Creates a profile: a migrant's own, or a person's on whose behalf a centre or agency acts.
#[utoipa::path(post, path = "/api/v1/candidates", tag = "candidates", request_body = NewCandidate,
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 201, body = CandidateResponse), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_candidate(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateCandidate>,
) -> AppResult<HttpResponse> {
    let created = service::create_candidate(&state, &user.caller(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(CandidateResponse::from(created)))
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
    let (limit, cursor) = (query.limit()?, query.uuid_cursor()?);
    let rows = service::list_candidates(&state, &user.caller(), cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |v| v.profile.id.to_string(),
        CandidateResponse::from,
    )))
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
    let found = service::get_candidate(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(CandidateResponse::from(found)))
}

/// Edits a profile: its owner, or a centre or agency while the person's consent to it stands.
#[utoipa::path(patch, path = "/api/v1/candidates/{id}", tag = "candidates", params(("id" = Uuid, Path)),
    request_body = CandidatePatch, security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = CandidateResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_candidate(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateCandidate>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner().into();
    let updated = service::update_candidate(&state, &user.caller(), id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(CandidateResponse::from(updated)))
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
    let to = match body.into_inner() {
        GrantConsent {
            agency_id: Some(a),
            centre_id: None,
        } => ConsentTo::Agency(a.into()),
        GrantConsent {
            agency_id: None,
            centre_id: Some(c),
        } => ConsentTo::Centre(c.into()),
        _ => {
            return Err(AppError::validation(vec![FieldError::new(
                "agency_id",
                "unknown_value",
            )
            .with("allowed", "exactly one of agency_id, centre_id")]))
        }
    };
    let id = path.into_inner().into();
    let granted = service::grant_consent(&state, &user.caller(), id, to).await?;
    Ok(HttpResponse::Created().json(ConsentResponse::from(granted)))
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
    let revoked =
        service::revoke_consent(&state, &user.caller(), id.into(), consent_id.into()).await?;
    Ok(HttpResponse::Ok().json(ConsentResponse::from(revoked)))
}
