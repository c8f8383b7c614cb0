use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::pagination::{Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::organisation::{Employer, EmployerChanges};
use crate::domain::text;
use crate::domain::validate::{clean, Check};
use crate::error::AppResult;
use crate::services::organisations as service;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployerResponse {
    pub id: Uuid,
    pub inn: String,
    pub ogrn: Option<String>,
    pub name: String,
    pub region: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Employer> for EmployerResponse {
    fn from(e: Employer) -> Self {
        Self {
            id: e.id,
            inn: e.inn,
            ogrn: e.ogrn,
            name: e.name,
            region: e.region_code,
            city: e.city,
            address: e.address,
            contact_email: e.contact_email,
            contact_phone: e.contact_phone,
            website: e.website,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// Contact data an employer keeps up to date. `null` clears a field; a missing key keeps it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEmployer {
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub contact_email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub contact_phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub website: Option<Option<String>>,
    pub city: Option<String>,
}

/// All employers.
#[utoipa::path(get, path = "/api/v1/employers", tag = "employers", params(PageQuery),
    security(("bearer" = ["ministry", "admin"])),
    responses((status = 200, body = Page<EmployerResponse>)))]
pub async fn list_employers(
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    crate::api::organisations::list_page::<Employer, EmployerResponse>(&state, &query).await
}

/// One employer: its own staff, the ministry and admins.
#[utoipa::path(get, path = "/api/v1/employers/{id}", tag = "employers",
    security(("bearer" = ["employer", "ministry", "admin"])), params(("id" = Uuid, Path)),
    responses((status = 200, body = EmployerResponse), (status = 404, body = crate::error::Problem)))]
pub async fn get_employer(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let employer = service::get_employer(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(EmployerResponse::from(employer)))
}

/// Updates the employer's contact data (its own staff only).
#[utoipa::path(patch, path = "/api/v1/employers/{id}", tag = "employers", request_body = UpdateEmployer,
    security(("bearer" = ["employer"])), params(("id" = Uuid, Path)),
    responses((status = 200, body = EmployerResponse), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update_employer(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateEmployer>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let mut check = Check::new();
    if let Some(Some(a)) = &b.address {
        check.text("address", a, 0, 500);
    }
    if let Some(Some(e)) = &b.contact_email {
        check.email("contact_email", e);
    }
    if let Some(Some(p)) = &b.contact_phone {
        check.phone("contact_phone", p);
    }
    if let Some(Some(w)) = &b.website {
        check.text("website", w, 0, 300);
    }
    if let Some(c) = &b.city {
        check.text("city", c, 1, 100);
    }
    check.finish()?;
    let changes = EmployerChanges {
        address: b.address.map(clean),
        contact_email: b.contact_email.map(|e| clean(e).map(|v| v.to_lowercase())),
        contact_phone: b.contact_phone.map(clean),
        website: b.website.map(clean),
        city: b.city.map(|c| text::clean(&c)),
        updated_at: None,
    };
    let updated =
        service::update_employer(&state, &user.caller(), path.into_inner().into(), changes).await?;
    Ok(HttpResponse::Ok().json(EmployerResponse::from(updated)))
}

/// An employer's public record, counted from real data: placements on its vacancies, how many
/// reached employment and completion, follow-ups answered or not, bad follow-ups, late hire
/// notices. No account needed: a migrant checks an employer before trusting an offer.
#[utoipa::path(get, path = "/api/v1/employers/{id}/record", tag = "employers",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = crate::services::records::EmployerRecord),
        (status = 400, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn employer_record(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let record =
        crate::services::records::employer_record(&state, path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(record))
}

/// The full record of an employer, for the ministry and the employer's own staff: the public
/// record, complaints in every state (undecided ones are allegations and never public) and every
/// restriction imposed or lifted. Anyone else gets 404.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EmployerFullRecord {
    #[serde(flatten)]
    pub record: crate::services::records::EmployerRecord,
    /// Workers' ratings however few (the public sees them from five workers on).
    pub all_ratings: crate::db::models::review::RatingSummary,
    pub complaints: crate::db::models::complaint::StateCounts,
    pub restrictions: Vec<crate::api::restrictions::RestrictionResponse>,
}

#[utoipa::path(get, path = "/api/v1/employers/{id}/record/full", tag = "employers",
    params(("id" = Uuid, Path)), security(("bearer" = ["employer", "ministry", "admin"])),
    responses((status = 200, body = EmployerFullRecord), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn employer_full_record(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let full =
        crate::services::records::employer_full(&state, &user.principal, path.into_inner().into())
            .await?;
    Ok(HttpResponse::Ok().json(EmployerFullRecord {
        record: full.record,
        all_ratings: full.ratings,
        complaints: full.complaints,
        restrictions: full.restrictions.into_iter().map(Into::into).collect(),
    }))
}
