//! "Is this real?": the public check of a verification code, and issuing codes inside the
//! transactions of other services (an agency when it is registered, a vacancy when it is first
//! published, a contract when both sides have signed). The answer names what the code stands
//! for, whose it is and whether it is valid now, and never carries personal data.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db;
use crate::db::models::organisation;
use crate::db::models::vacancy;
use crate::db::models::verification;
use crate::db::models::{contract, placement};
use crate::domain::licence::LicenceStatus;
use crate::domain::vacancy::VacancyStatus;
use crate::domain::verify::{self, CodeError, Kind, Validity, VerifyCode};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::licences;
use crate::state::AppState;

/// The code of `object_id`, issued now if it has none (idempotent). For other services to call
/// inside their transaction, so that the code exists exactly when the object does.
pub fn issue(
    conn: &mut PgConnection,
    kind: Kind,
    object_id: impl Into<Uuid>,
) -> AppResult<VerifyCode> {
    Ok(verification::issue(conn, kind, object_id.into())?)
}

/// The code of one object, if it has one.
pub fn code_of(
    conn: &mut PgConnection,
    kind: Kind,
    object_id: impl Into<Uuid>,
) -> AppResult<Option<VerifyCode>> {
    Ok(verification::code_of(conn, kind, object_id.into())?)
}

/// The codes of several objects of one kind (those that have one).
pub fn codes_of(
    conn: &mut PgConnection,
    kind: Kind,
    object_ids: &[Uuid],
) -> AppResult<HashMap<Uuid, VerifyCode>> {
    Ok(verification::codes_of(conn, kind, object_ids)?)
}

/// [`codes_of`] in its own connection, for handlers that show codes next to objects another
/// service loaded (the vacancy views).
pub async fn codes(
    state: &AppState,
    kind: Kind,
    object_ids: Vec<Uuid>,
) -> AppResult<HashMap<Uuid, VerifyCode>> {
    if object_ids.is_empty() {
        return Ok(HashMap::new());
    }
    db::run(&state.pool, move |conn| codes_of(conn, kind, &object_ids)).await
}

/// Gives every agency and every vacancy ever published that has none a code: for rows written
/// around the services (the demo seed). Idempotent; answers how many it issued.
pub fn ensure_all(conn: &mut PgConnection) -> AppResult<usize> {
    Ok(verification::ensure_all(conn)?)
}

/// A vacancy, as its code's check shows it: the public offer and whose it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancySubject {
    pub vacancy_id: Uuid,
    pub title: String,
    pub employer_name: String,
    pub employer_inn: String,
    /// ISO 3166-2:RU.
    pub region: String,
    pub city: String,
    pub positions: i32,
    pub salary_min: i32,
    pub salary_max: i32,
    /// As of today.
    pub status: VacancyStatus,
    pub expires_on: NaiveDate,
    /// The path of the vacancy in this API (`/api/v1/vacancies/{id}`).
    pub url: String,
}

/// An agency, as its code's check shows it: the licence it holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencySubject {
    pub agency_id: Uuid,
    pub name: String,
    /// Country of registration, ISO 3166-1 alpha-2.
    pub country: String,
    pub licence_number: String,
    pub licence_issuer: String,
    /// As of today.
    pub licence_status: LicenceStatus,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    /// ISO 3166-2:RU codes the licence covers.
    pub regions: Vec<String>,
}

/// A signed contract, as its code's check shows it (no personal data: never the worker's name).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContractSubject {
    pub contract_id: Uuid,
    pub version: i32,
    pub employer_name: String,
    pub employer_inn: String,
    pub agency_name: Option<String>,
    pub agency_licence_number: Option<String>,
    pub vacancy_title: String,
    pub region: String,
    pub city: String,
    pub signed_at: Option<DateTime<Utc>>,
}

/// What a code stands for.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Subject {
    Vacancy(VacancySubject),
    Agency(AgencySubject),
    Contract(ContractSubject),
}

/// The answer of `GET /api/v1/verify/{code}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    /// The code in canonical form, e.g. `V-7K2M-9QXP`.
    #[schema(value_type = String, example = "V-7K2M-9QXP")]
    pub code: VerifyCode,
    pub kind: Kind,
    /// Whether what the code stands for can be trusted now: a published vacancy, an agency
    /// whose licence is active today, a contract in force.
    pub valid: bool,
    /// The status of the object as of now (`published`, `paused`, `active`, `suspended`, …).
    pub status: String,
    /// A stable reason when not valid: `vacancy_paused`, `vacancy_closed`, `vacancy_filled`,
    /// `vacancy_expired`, `vacancy_not_published`, `licence_suspended`, `licence_revoked`,
    /// `licence_expired`, `licence_not_yet_valid`, …
    pub reason_if_not_valid: Option<String>,
    pub checked_at: DateTime<Utc>,
    pub subject: Subject,
}

impl Verification {
    /// The answer for `code` with this validity, status and subject, checked now.
    pub fn new(code: VerifyCode, validity: Validity, status: &str, subject: Subject) -> Self {
        Self {
            code,
            kind: code.kind(),
            valid: validity.valid,
            status: status.to_owned(),
            reason_if_not_valid: validity.reason.map(str::to_owned),
            checked_at: Utc::now(),
            subject,
        }
    }
}

impl From<CodeError> for AppError {
    fn from(e: CodeError) -> Self {
        AppError::new(ErrorCode::InvalidVerificationCode).detail(e.to_string())
    }
}

/// Checks per client address per rate-limit window: ten times the sign-in attempts, plenty for
/// people checking documents and far too few to guess codes (about 3·10¹⁰ per kind).
fn per_client_limit(state: &AppState) -> u32 {
    state.settings.rate_limit.per_client.saturating_mul(10)
}

/// [`check`] for a client (its address, as `auth::throttle::client` reads it), counted against
/// its allowance of checks: 429 `rate_limited` past it. The API and the check page share it.
pub async fn check_for_client(
    state: &AppState,
    client: &str,
    input: &str,
) -> AppResult<Verification> {
    state
        .limiter
        .hit(&format!("verify:client:{client}"), per_client_limit(state))?;
    check(state, input).await
}

/// Checks a code typed or scanned by anyone: 422 `invalid_verification_code` when it is
/// mistyped or no code at all, 404 `not_found` when no such code was issued.
#[tracing::instrument(skip_all)]
pub async fn check(state: &AppState, input: &str) -> AppResult<Verification> {
    let code = VerifyCode::parse(input)?;
    db::run(&state.pool, move |conn| {
        let unknown = || {
            AppError::not_found()
                .detail("no such verification code was issued: the document or offer may be fake")
        };
        let row = verification::find(conn, &code)?.ok_or_else(unknown)?;
        let found = match code.kind() {
            Kind::Vacancy => vacancy_verification(conn, code, row.object_id)?,
            Kind::Agency => agency_verification(conn, code, row.object_id)?,
            Kind::Contract => contract_verification(conn, code, row.object_id)?,
        };
        found.ok_or_else(unknown)
    })
    .await
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn vacancy_verification(
    conn: &mut PgConnection,
    code: VerifyCode,
    id: Uuid,
) -> AppResult<Option<Verification>> {
    let v = vacancy::find(conn, id)?;
    let employer = organisation::find_employer(conn, v.employer_id)?;
    let status = v.status().effective(v.expires_on, today());
    let validity = verify::vacancy_validity(v.status(), v.expires_on, today());
    let subject = VacancySubject {
        vacancy_id: v.id,
        url: format!("/api/v1/vacancies/{}", v.id),
        title: v.title,
        employer_name: employer.name,
        employer_inn: employer.inn,
        region: v.region_code,
        city: v.city,
        positions: v.positions,
        salary_min: v.salary_min,
        salary_max: v.salary_max,
        status,
        expires_on: v.expires_on,
    };
    Ok(Some(Verification::new(
        code,
        validity,
        status.as_str(),
        Subject::Vacancy(subject),
    )))
}

fn agency_verification(
    conn: &mut PgConnection,
    code: VerifyCode,
    id: Uuid,
) -> AppResult<Option<Verification>> {
    let a = organisation::find_agency(conn, id)?;
    let validity = verify::agency_validity(&licences::licence_of(&a), today());
    let status = licences::effective_status(&a);
    let subject = AgencySubject {
        agency_id: a.id,
        name: a.name,
        country: a.country,
        licence_number: a.licence_number,
        licence_issuer: a.licence_issuer,
        licence_status: status,
        valid_from: a.licence_valid_from,
        valid_to: a.licence_valid_to,
        regions: a.licence_regions,
    };
    Ok(Some(Verification::new(
        code,
        validity,
        status.as_str(),
        Subject::Agency(subject),
    )))
}

/// The check of a contract's code (`object_id` is the contract's id): `None` answers 404. Build
/// the answer with [`Verification::new`] and [`Subject::Contract`].
pub fn contract_verification(
    conn: &mut PgConnection,
    code: VerifyCode,
    object_id: Uuid,
) -> AppResult<Option<Verification>> {
    let c = contract::find(conn, object_id)?;
    let latest = contract::latest(conn, c.row.placement_id)?.map(|l| l.row.id) == Some(c.row.id);
    let state = placement::find(conn, c.row.placement_id)?.state();
    let validity = verify::contract_validity(
        c.signatures().complete(),
        latest,
        state,
        c.terms().end_date(),
        today(),
    );
    let signed_at = c.candidate.as_ref().map(|s| s.signed_at);
    let subject = ContractSubject {
        contract_id: c.row.id,
        version: c.row.version,
        employer_name: c.row.employer_name,
        employer_inn: c.row.employer_inn,
        agency_name: c.row.agency_name,
        agency_licence_number: c.row.agency_licence_number,
        vacancy_title: c.row.vacancy_title,
        region: c.row.region_code,
        city: c.row.city,
        signed_at,
    };
    Ok(Some(Verification::new(
        code,
        validity,
        state.as_str(),
        Subject::Contract(subject),
    )))
}
