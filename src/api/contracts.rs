//! A placement's written contract: the employer writes versions, both sides sign. Thin handlers
//! over `services::contracts`.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::contract::Contract;
use crate::domain::contract::ContractTerms;
use crate::domain::placement::PlacementState;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::render::contract as render;
use crate::services::contracts::{self as service, ContractView};
use crate::state::AppState;

fn yes() -> bool {
    true
}

/// The terms the employer offers. Free-text fields say what is provided; leave one out (or
/// null) when it is not.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractTermsBody {
    /// Gross salary, RUB a month: at least the minimum wage where and when the work starts, and
    /// within the vacancy's range.
    pub salary_rub_month: i32,
    /// At most 40, or up to 60 with `hours_reason`.
    pub hours_per_week: i32,
    /// Why the week is longer than 40 hours (shifts, overtime pay).
    pub hours_reason: Option<String>,
    pub start_date: NaiveDate,
    /// 1–36.
    pub duration_months: i32,
    pub housing: Option<String>,
    pub meals: Option<String>,
    pub transport: Option<String>,
    /// Paid leave a year, at least 28 days.
    pub paid_leave_days: i32,
    #[serde(default = "yes")]
    pub employer_pays_travel: bool,
    #[serde(default = "yes")]
    pub employer_pays_medical: bool,
    #[serde(default = "yes")]
    pub employer_pays_permit: bool,
    /// What the worker pays for being placed. Must be 0: any other value is 422
    /// `worker_fee_forbidden`.
    #[serde(default)]
    pub worker_fee_rub: i32,
}

impl From<ContractTermsBody> for ContractTerms {
    fn from(b: ContractTermsBody) -> Self {
        Self {
            salary_rub_month: b.salary_rub_month,
            hours_per_week: b.hours_per_week,
            hours_reason: b.hours_reason,
            start_date: b.start_date,
            duration_months: b.duration_months,
            housing: b.housing,
            meals: b.meals,
            transport: b.transport,
            paid_leave_days: b.paid_leave_days,
            employer_pays_travel: b.employer_pays_travel,
            employer_pays_medical: b.employer_pays_medical,
            employer_pays_permit: b.employer_pays_permit,
            worker_fee_rub: b.worker_fee_rub,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    /// The version read and signed; only the latest can be signed.
    pub version: i32,
    /// The language the candidate read the contract in (default: their account's language).
    pub locale: Option<Locale>,
}

/// Where a version stands.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// Nobody signed yet.
    Draft,
    /// The employer signed; the candidate has yet to confirm.
    SignedByEmployer,
    /// Both signed.
    Signed,
    /// A newer version replaced it before both signed.
    Superseded,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractVersion {
    pub id: Uuid,
    pub version: i32,
    pub status: ContractStatus,
    pub employer_name: String,
    pub employer_inn: String,
    pub agency_name: Option<String>,
    pub agency_licence_number: Option<String>,
    pub candidate_name: String,
    pub vacancy_title: String,
    pub occupation_code: String,
    pub region_code: String,
    pub city: String,
    pub salary_rub_month: i32,
    /// The minimum wage that applied when this version was written, and its legal source.
    pub minimum_wage_rub_month: i32,
    pub minimum_wage_source: String,
    pub hours_per_week: i32,
    pub hours_reason: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub duration_months: i32,
    pub housing: Option<String>,
    pub meals: Option<String>,
    pub transport: Option<String>,
    pub paid_leave_days: i32,
    pub employer_pays_travel: bool,
    pub employer_pays_medical: bool,
    pub employer_pays_permit: bool,
    /// Always 0.
    pub worker_fee_rub: i32,
    pub created_at: DateTime<Utc>,
    pub employer_signed_at: Option<DateTime<Utc>>,
    pub candidate_signed_at: Option<DateTime<Utc>>,
    /// The language the candidate confirmed it in.
    pub candidate_signed_locale: Option<String>,
}

impl ContractVersion {
    fn new(contract: Contract, latest: bool) -> Self {
        let signatures = contract.signatures();
        let status = if signatures.complete() {
            ContractStatus::Signed
        } else if !latest {
            ContractStatus::Superseded
        } else if signatures.employer {
            ContractStatus::SignedByEmployer
        } else {
            ContractStatus::Draft
        };
        let end_date = contract.terms().end_date();
        let (c, employer, candidate) = (contract.row, contract.employer, contract.candidate);
        Self {
            id: c.id,
            version: c.version,
            status,
            employer_name: c.employer_name,
            employer_inn: c.employer_inn,
            agency_name: c.agency_name,
            agency_licence_number: c.agency_licence_number,
            candidate_name: c.candidate_name,
            vacancy_title: c.vacancy_title,
            occupation_code: c.occupation_code,
            region_code: c.region_code,
            city: c.city,
            salary_rub_month: c.salary_rub_month,
            minimum_wage_rub_month: c.minimum_wage_rub_month,
            minimum_wage_source: c.minimum_wage_source,
            hours_per_week: c.hours_per_week,
            hours_reason: c.hours_reason,
            start_date: c.start_date,
            end_date,
            duration_months: c.duration_months,
            housing: c.housing,
            meals: c.meals,
            transport: c.transport,
            paid_leave_days: c.paid_leave_days,
            employer_pays_travel: c.employer_pays_travel,
            employer_pays_medical: c.employer_pays_medical,
            employer_pays_permit: c.employer_pays_permit,
            worker_fee_rub: c.worker_fee_rub,
            created_at: c.created_at,
            employer_signed_at: employer.map(|s| s.signed_at),
            candidate_signed_at: candidate.as_ref().map(|s| s.signed_at),
            candidate_signed_locale: candidate.and_then(|s| s.locale),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractResponse {
    pub placement_id: Uuid,
    pub placement_state: PlacementState,
    /// Every version, newest first; older ones stay readable.
    pub versions: Vec<ContractVersion>,
}

impl From<ContractView> for ContractResponse {
    fn from(v: ContractView) -> Self {
        Self {
            placement_id: v.placement_id,
            placement_state: v.placement_state,
            versions: v
                .versions
                .into_iter()
                .enumerate()
                .map(|(i, c)| ContractVersion::new(c, i == 0))
                .collect(),
        }
    }
}

/// The employer writes a new version of the contract of an offered placement.
#[utoipa::path(post, path = "/api/v1/placements/{id}/contract", tag = "placements",
    params(("id" = Uuid, Path)), request_body = ContractTermsBody,
    security(("bearer" = ["employer"])),
    responses((status = 201, body = ContractResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn draft_contract(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ContractTermsBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner().into();
    let view =
        service::draft_contract(&state, &user.caller(), id, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ContractResponse::from(view)))
}

/// Every version of the contract.
#[utoipa::path(get, path = "/api/v1/placements/{id}/contract", tag = "placements",
    params(("id" = Uuid, Path)),
    security(("bearer" = ["migrant", "employer", "agency", "ministry", "admin"])),
    responses((status = 200, body = ContractResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)))]
pub async fn get_contract(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let view = service::contract_versions(&state, &user.caller(), path.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The employer signs, then the candidate confirms the latest version; the second signature
/// sends the placement to the ministry's review.
#[utoipa::path(post, path = "/api/v1/placements/{id}/contract/signatures", tag = "placements",
    params(("id" = Uuid, Path)), request_body = SignRequest,
    security(("bearer" = ["migrant", "employer"])),
    responses((status = 200, body = ContractResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
pub async fn sign_contract(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<SignRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let id = path.into_inner().into();
    let view =
        service::sign_contract(&state, &user.caller(), id, body.version, body.locale).await?;
    Ok(HttpResponse::Ok().json(ContractResponse::from(view)))
}

/// The format of a contract document.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    #[default]
    Html,
    Pdf,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentQuery {
    /// `html` (printable page, the default) or `pdf`.
    pub format: Option<DocumentFormat>,
    /// `ru`, `ky`, `uz`, `tg` or `en`; by default the candidate's language.
    pub lang: Option<Locale>,
}

/// One version as a printable document in the candidate's language (or `lang`), with its
/// verification code and QR code once both sides signed.
#[utoipa::path(get, path = "/api/v1/placements/{id}/contract/versions/{version}/document",
    tag = "placements", params(("id" = Uuid, Path), ("version" = i32, Path), DocumentQuery),
    security(("bearer" = ["migrant", "employer", "agency", "ministry", "admin"])),
    responses((status = 200, description = "text/html or application/pdf"),
        (status = 400, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn contract_document(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, i32)>,
    query: web::Query<DocumentQuery>,
) -> AppResult<HttpResponse> {
    let (id, version) = path.into_inner();
    let q = query.into_inner();
    let doc =
        service::contract_document(&state, &user.caller(), id.into(), version, q.lang).await?;
    let filename = format!("contract-{id}-v{version}");
    let cache = ("Cache-Control", "private, no-store");
    match q.format.unwrap_or_default() {
        DocumentFormat::Html => {
            let page = web::block(move || render::html(&doc))
                .await
                .map_err(|e| AppError::internal(anyhow::anyhow!("render html: {e}")))?;
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .insert_header(cache)
                .body(page))
        }
        DocumentFormat::Pdf => {
            let bytes = web::block(move || render::pdf(&doc))
                .await
                .map_err(|e| AppError::internal(anyhow::anyhow!("render pdf: {e}")))?
                .map_err(|e| AppError::internal(anyhow::anyhow!("render pdf: {e}")))?;
            Ok(HttpResponse::Ok()
                .content_type("application/pdf")
                .insert_header(cache)
                .insert_header((
                    "Content-Disposition",
                    format!("inline; filename=\"{filename}.pdf\""),
                ))
                .body(bytes))
        }
    }
}
