//! Agencies and centres (employers have their own module), and every organisation's members.

pub mod licence;
pub mod members;

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::AuthUser;
use crate::db::models::organisation::{Agency, Centre, Employer};
use crate::domain::text;
use crate::domain::validate::{clean, Check};
use crate::domain::verify::VerifyCode;
use crate::error::{AppResult, FieldError};
use crate::services::organisations as service;
use crate::state::AppState;

/// An employer as given at registration.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployerInput {
    /// 10 digits (organisation) or 12 (individual entrepreneur), with a valid check digit.
    pub inn: String,
    pub ogrn: Option<String>,
    pub name: String,
    /// ISO 3166-2:RU, e.g. `RU-SVE`.
    pub region: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub website: Option<String>,
}

impl EmployerInput {
    pub fn check(&self, check: &mut Check, prefix: &str) {
        let f = |name: &str| format!("{prefix}.{name}");
        check.inn(&f("inn"), self.inn.trim());
        if let Some(ogrn) = clean(self.ogrn.clone()) {
            check.ogrn(&f("ogrn"), &ogrn);
        }
        check.text(&f("name"), &self.name, 1, 300);
        check.ru_region(&f("region"), &self.region);
        check.text(&f("city"), &self.city, 1, 100);
        check.opt_text(&f("address"), self.address.as_deref(), 500);
        if let Some(e) = clean(self.contact_email.clone()) {
            check.email(&f("contact_email"), &e);
        }
        if let Some(p) = clean(self.contact_phone.clone()) {
            check.phone(&f("contact_phone"), &p);
        }
        check.opt_text(&f("website"), self.website.as_deref(), 300);
    }

    pub fn into_new(self, now: DateTime<Utc>) -> Employer {
        Employer {
            id: Uuid::now_v7(),
            inn: self.inn.trim().to_owned(),
            ogrn: clean(self.ogrn),
            name: text::clean(&self.name),
            region_code: self.region,
            city: text::clean(&self.city),
            address: clean(self.address),
            contact_email: clean(self.contact_email).map(|e| e.to_lowercase()),
            contact_phone: clean(self.contact_phone),
            website: clean(self.website),
            created_at: now,
            updated_at: now,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAgency {
    pub name: String,
    pub inn: String,
    /// Country of registration, ISO 3166-1 alpha-2.
    pub country: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub licence_number: String,
    pub licence_issuer: String,
    pub licence_valid_from: NaiveDate,
    pub licence_valid_to: NaiveDate,
    /// ISO 3166-2:RU codes the licence covers.
    pub licence_regions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyResponse {
    pub id: Uuid,
    pub name: String,
    pub inn: String,
    pub country: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub licence_number: String,
    pub licence_issuer: String,
    pub licence_valid_from: NaiveDate,
    pub licence_valid_to: NaiveDate,
    pub licence_regions: Vec<String>,
    pub licence_status: String,
    /// Status active and today inside the validity window.
    pub licence_active: bool,
    /// The agency's public verification code (`GET /api/v1/verify/{code}`), e.g. `A-7K2M-9QXW`.
    #[schema(value_type = Option<String>, example = "A-7K2M-9QXW")]
    pub verify_code: Option<VerifyCode>,
    pub created_at: DateTime<Utc>,
}

impl From<(Agency, Option<VerifyCode>)> for AgencyResponse {
    fn from((a, verify_code): (Agency, Option<VerifyCode>)) -> Self {
        let active = a.licence_active_on(Utc::now().date_naive());
        Self {
            id: a.id,
            name: a.name,
            inn: a.inn,
            country: a.country,
            contact_email: a.contact_email,
            contact_phone: a.contact_phone,
            licence_number: a.licence_number,
            licence_issuer: a.licence_issuer,
            licence_valid_from: a.licence_valid_from,
            licence_valid_to: a.licence_valid_to,
            licence_regions: a.licence_regions,
            licence_status: a.licence_status,
            licence_active: active,
            verify_code,
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCentre {
    pub name: String,
    /// ISO 3166-2 region of the centre, e.g. `KG-GB` (Bishkek).
    pub region: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CentreResponse {
    pub id: Uuid,
    pub name: String,
    pub region: String,
    pub city: String,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<Centre> for CentreResponse {
    fn from(c: Centre) -> Self {
        Self {
            id: c.id,
            name: c.name,
            region: c.region_code,
            city: c.city,
            address: c.address,
            contact_email: c.contact_email,
            contact_phone: c.contact_phone,
            created_at: c.created_at,
        }
    }
}

/// One page of any kind of organisation, as its response type.
pub(crate) async fn list_page<T, R>(state: &AppState, query: &PageQuery) -> AppResult<HttpResponse>
where
    T: service::Listed,
    R: From<T> + Serialize + ToSchema,
{
    let limit = query.limit()?;
    let rows = service::list::<T>(state, query.uuid_cursor()?, limit).await?;
    Ok(HttpResponse::Ok().json(page(rows, limit, |r| r.id().to_string(), R::from)))
}

fn check_agency(b: &CreateAgency) -> Check {
    let mut check = Check::new();
    check.text("name", &b.name, 1, 300);
    check.text("inn", &b.inn, 1, 20);
    if !b.inn.chars().all(|c| c.is_ascii_digit()) || !(b.inn.len() == 10 || b.inn.len() == 12) {
        check.push(FieldError::new("inn", "invalid_inn"));
    } else if b.country == "RU" {
        check.inn("inn", &b.inn);
    }
    check.country("country", &b.country);
    check_contacts(&mut check, &b.contact_email, &b.contact_phone);
    check.text("licence_number", &b.licence_number, 1, 100);
    check.text("licence_issuer", &b.licence_issuer, 1, 300);
    if b.licence_valid_to < b.licence_valid_from {
        check.push(FieldError::new("licence_valid_to", "date_order"));
    }
    for (i, r) in b.licence_regions.iter().enumerate() {
        check.ru_region(&format!("licence_regions[{i}]"), r);
    }
    check
}

fn check_contacts(check: &mut Check, email: &Option<String>, phone: &Option<String>) {
    if let Some(e) = clean(email.clone()) {
        check.email("contact_email", &e);
    }
    if let Some(p) = clean(phone.clone()) {
        check.phone("contact_phone", &p);
    }
}

/// Registers a licensed private employment agency. Its owner is then added by an admin under
/// `/agencies/{id}/members`; the ministry registers agencies but never staffs them.
#[utoipa::path(post, path = "/api/v1/agencies", tag = "organisations", request_body = CreateAgency,
    security(("bearer" = ["admin", "ministry"])),
    responses((status = 201, body = AgencyResponse), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_agency(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateAgency>,
) -> AppResult<HttpResponse> {
    let agency = new_agency(body.into_inner())?;
    let (created, code) = service::create_agency(&state, &user.caller(), agency).await?;
    Ok(HttpResponse::Created().json(AgencyResponse::from((created, Some(code)))))
}

/// The agency a registration asks for, checked (shared with the admin's page).
pub fn new_agency(b: CreateAgency) -> AppResult<Agency> {
    check_agency(&b).finish()?;
    let now = Utc::now();
    Ok(Agency {
        id: Uuid::now_v7(),
        name: text::clean(&b.name),
        inn: b.inn,
        country: b.country,
        contact_email: clean(b.contact_email).map(|e| e.to_lowercase()),
        contact_phone: clean(b.contact_phone),
        licence_number: text::clean(&b.licence_number),
        licence_issuer: text::clean(&b.licence_issuer),
        licence_valid_from: b.licence_valid_from,
        licence_valid_to: b.licence_valid_to,
        licence_regions: b.licence_regions,
        licence_status: "active".into(),
        created_at: now,
        updated_at: now,
    })
}

/// One agency: its own staff, the ministry and admins.
#[utoipa::path(get, path = "/api/v1/agencies/{id}", tag = "organisations",
    security(("bearer" = ["agency", "ministry", "admin"])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = AgencyResponse), (status = 404, body = crate::error::Problem)))]
pub async fn get_agency(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let agency = service::get_agency(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(AgencyResponse::from(agency)))
}

/// Registers a pre-departure centre; an admin then adds its owner under `/centres/{id}/members`.
#[utoipa::path(post, path = "/api/v1/centres", tag = "organisations", request_body = CreateCentre,
    security(("bearer" = ["admin"])),
    responses((status = 201, body = CentreResponse), (status = 422, body = crate::error::Problem)))]
pub async fn create_centre(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateCentre>,
) -> AppResult<HttpResponse> {
    let centre = new_centre(body.into_inner())?;
    let created = service::create_centre(&state, &user.caller(), centre).await?;
    Ok(HttpResponse::Created().json(CentreResponse::from(created)))
}

/// The centre a registration asks for, checked (shared with the admin's page).
pub fn new_centre(b: CreateCentre) -> AppResult<Centre> {
    let mut check = Check::new();
    check.text("name", &b.name, 1, 300);
    check.region("region", &b.region);
    check.text("city", &b.city, 1, 100);
    check.opt_text("address", b.address.as_deref(), 500);
    check_contacts(&mut check, &b.contact_email, &b.contact_phone);
    check.finish()?;
    let now = Utc::now();
    Ok(Centre {
        id: Uuid::now_v7(),
        name: text::clean(&b.name),
        region_code: b.region,
        city: text::clean(&b.city),
        address: clean(b.address),
        contact_email: clean(b.contact_email).map(|e| e.to_lowercase()),
        contact_phone: clean(b.contact_phone),
        created_at: now,
        updated_at: now,
    })
}

/// Pre-departure centres (any signed-in user: migrants choose one to represent them).
#[utoipa::path(get, path = "/api/v1/centres", tag = "organisations", params(PageQuery),
    security(("bearer" = ["migrant", "employer", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = Page<CentreResponse>)))]
pub async fn list_centres(
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    list_page::<Centre, CentreResponse>(&state, &query).await
}
