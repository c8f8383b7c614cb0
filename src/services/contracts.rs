//! Contract commands: at `offered` the employer writes the terms (each change a new version),
//! the employer signs, the candidate confirms in their language; the second signature moves the
//! placement to `contract_signed` and at once to `under_review` for the ministry.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::contract::{self, Contract, ContractRow};
use crate::db::models::organisation;
use crate::db::models::placement::Placement;
use crate::db::models::reference;
use crate::db::models::user;
use crate::domain::audit::AuditAction;
use crate::domain::contract::{self as rules, ContractTerms, Limits, Signer, TermsError};
use crate::domain::ids::PlacementId;
use crate::domain::placement::{self as placement_rules, Party, PlacementState, Step};
use crate::domain::verify::Kind;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::i18n::Locale;
use crate::render::contract::{AgencyParty, ContractDocument};
use crate::services::placements::{self, Loaded};
use crate::services::{audit, verify, Caller};
use crate::state::AppState;

/// A placement's contract: every version, newest first, and where the placement stands.
#[derive(Debug, Clone)]
pub struct ContractView {
    pub placement_id: Uuid,
    pub placement_state: PlacementState,
    pub versions: Vec<Contract>,
}

/// What the audit trail keeps of a contract version: the terms and who signed; the
/// candidate's name only as a keyed fingerprint.
#[derive(Serialize)]
struct ContractSnapshot {
    placement_id: Uuid,
    version: i32,
    salary_rub_month: i32,
    minimum_wage_rub_month: i32,
    hours_per_week: i32,
    start_date: NaiveDate,
    duration_months: i32,
    paid_leave_days: i32,
    housing: bool,
    meals: bool,
    transport: bool,
    employer_pays: [bool; 3],
    worker_fee_rub: i32,
    employer_signed: bool,
    candidate_signed: bool,
    personal: BTreeMap<&'static str, String>,
}

fn snapshot(cipher: &DataCipher, contract: &Contract) -> ContractSnapshot {
    let c = &contract.row;
    ContractSnapshot {
        placement_id: c.placement_id,
        version: c.version,
        salary_rub_month: c.salary_rub_month,
        minimum_wage_rub_month: c.minimum_wage_rub_month,
        hours_per_week: c.hours_per_week,
        start_date: c.start_date,
        duration_months: c.duration_months,
        paid_leave_days: c.paid_leave_days,
        housing: c.housing.is_some(),
        meals: c.meals.is_some(),
        transport: c.transport.is_some(),
        employer_pays: [
            c.employer_pays_travel,
            c.employer_pays_medical,
            c.employer_pays_permit,
        ],
        worker_fee_rub: c.worker_fee_rub,
        employer_signed: contract.employer.is_some(),
        candidate_signed: contract.candidate.is_some(),
        personal: audit::fingerprints(
            cipher,
            [("candidate_name", Some(c.candidate_name.as_str()))],
        ),
    }
}

impl From<TermsError> for AppError {
    fn from(e: TermsError) -> Self {
        match e {
            TermsError::WorkerFee(fields) => {
                let mut err = AppError::new(ErrorCode::WorkerFeeForbidden);
                err.fields = fields;
                err
            }
            TermsError::Invalid(fields) => AppError::validation(fields),
        }
    }
}

fn not_at_offer(state: PlacementState) -> AppError {
    AppError::new(ErrorCode::Conflict).detail(format!(
        "the contract is written and signed while the placement is offered; it is {state}"
    ))
}

/// A second version written at the same moment as another (the unique version number).
fn version_taken(e: diesel::result::Error) -> AppError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            AppError::new(ErrorCode::Conflict)
                .detail("another version was written at the same time")
        }
        _ => e.into(),
    }
}

fn contract_view(conn: &mut PgConnection, placement: &Placement) -> AppResult<ContractView> {
    Ok(ContractView {
        placement_id: placement.id,
        placement_state: placement.state(),
        versions: contract::versions(conn, placement.id)?,
    })
}

/// The full name on a profile, as the contract names the person.
fn full_name(loaded: &Loaded) -> String {
    format!("{} {}", loaded.profile.last_name, loaded.profile.first_name)
}

/// Writes a new version of the contract of an offered placement: the employer's terms, checked
/// against the vacancy and the minimum wage where and when the work starts.
#[instrument(skip_all, fields(user = %caller.principal.user, placement = %id))]
pub async fn draft_contract(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    terms: ContractTerms,
) -> AppResult<ContractView> {
    let who = caller.principal;
    let terms = terms.cleaned();
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    db::transaction(&state.pool, move |conn| {
        let loaded = placements::load(conn, &who, id, true)?;
        if loaded.party != Party::Employer {
            return Err(AppError::forbidden().detail("only the employer writes the contract"));
        }
        let (p, v) = (&loaded.placement, &loaded.vacancy);
        if p.state() != PlacementState::Offered {
            return Err(not_at_offer(p.state()));
        }
        let latest = contract::latest(conn, p.id)?;
        rules::may_draft(latest.as_ref().map(Contract::signatures)).map_err(|_| {
            AppError::new(ErrorCode::Conflict)
                .detail("both sides signed the contract; its terms stand")
        })?;
        let minimum = rules::minimum_wage(&v.region_code, terms.start_date)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("no minimum wage on record")))?;
        rules::check(
            &terms,
            Limits {
                salary_min: v.salary_min,
                salary_max: v.salary_max,
                minimum_wage: &minimum,
                today: Utc::now().date_naive(),
            },
        )?;
        let employer = organisation::find_employer(conn, v.employer_id)?;
        let agency = match p.proposed_by_agency {
            Some(a) => Some(organisation::find_agency(conn, a)?),
            None => None,
        };
        let created = contract::insert(
            conn,
            &ContractRow {
                id: Uuid::now_v7(),
                placement_id: p.id,
                version: latest.map_or(1, |c| c.row.version + 1),
                employer_name: employer.name,
                employer_inn: employer.inn,
                agency_name: agency.as_ref().map(|a| a.name.clone()),
                agency_licence_number: agency.map(|a| a.licence_number),
                candidate_name: full_name(&loaded),
                candidate_citizenship: loaded.profile.citizenship.clone(),
                vacancy_title: v.title.clone(),
                occupation_code: v.occupation_code.clone(),
                region_code: v.region_code.clone(),
                city: v.city.clone(),
                salary_rub_month: terms.salary_rub_month,
                minimum_wage_rub_month: minimum.rub_per_month,
                minimum_wage_source: minimum.source,
                hours_per_week: terms.hours_per_week,
                hours_reason: terms.hours_reason,
                start_date: terms.start_date,
                duration_months: terms.duration_months,
                housing: terms.housing,
                meals: terms.meals,
                transport: terms.transport,
                paid_leave_days: terms.paid_leave_days,
                employer_pays_travel: terms.employer_pays_travel,
                employer_pays_medical: terms.employer_pays_medical,
                employer_pays_permit: terms.employer_pays_permit,
                worker_fee_rub: terms.worker_fee_rub,
                drafted_by: who.user.uuid(),
                created_at: Utc::now(),
            },
        )
        .map_err(version_taken)?;
        audit::record(
            conn,
            &actor,
            AuditAction::ContractDrafted,
            created.row.id,
            None,
            Some(&snapshot(&cipher, &created)),
        )?;
        contract_view(conn, p)
    })
    .await
}

/// Signs one version: the employer's member for the employer, the candidate for themselves, in
/// the language they read it in. Only the latest version can be signed, the employer first; the
/// candidate's signature completes the contract and sends it to the ministry.
#[instrument(skip_all, fields(user = %caller.principal.user, placement = %id, version))]
pub async fn sign_contract(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    version: i32,
    locale: Option<Locale>,
) -> AppResult<ContractView> {
    let who = caller.principal;
    let (cipher, actor) = (state.cipher.clone(), caller.actor());
    let base_url = state.settings.application.base_url.clone();
    db::transaction(&state.pool, move |conn| {
        let loaded = placements::load(conn, &who, id, true)?;
        let signer = match loaded.party {
            Party::Employer => Signer::Employer,
            Party::Candidate => Signer::Candidate,
            _ => {
                return Err(AppError::forbidden()
                    .detail("only the employer and the candidate sign the contract"))
            }
        };
        let p = &loaded.placement;
        if p.state() != PlacementState::Offered {
            return Err(not_at_offer(p.state()));
        }
        let versions = contract::versions(conn, p.id)?;
        let latest = versions.first().map(|c| c.row.version);
        let target = versions
            .iter()
            .find(|c| c.row.version == version)
            .ok_or_else(AppError::not_found)?;
        rules::may_sign(signer, target.signatures(), latest == Some(version))
            .map_err(|e| AppError::new(ErrorCode::Conflict).detail(e.to_string()))?;
        let now = Utc::now();
        let locale = match (signer, locale) {
            (Signer::Employer, _) => None,
            (Signer::Candidate, Some(l)) => Some(l),
            (Signer::Candidate, None) => Some(
                Locale::parse(&user::find(conn, who.user.uuid())?.locale).unwrap_or(Locale::Ru),
            ),
        };
        let signed = contract::sign(
            conn,
            target,
            signer,
            who.user.uuid(),
            locale.map(Locale::as_str),
            now,
        )?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::ContractSigned,
            signed.row.id,
            (Some(target), &signed),
            |c| snapshot(&cipher, c),
        )?;
        let tell = (p, &loaded.vacancy, &loaded.profile);
        if !signed.signatures().complete() {
            // The employer signed: the candidate has a contract to read and confirm.
            placements::notify(
                conn,
                Party::Employer,
                tell,
                "contract_offered",
                &base_url,
                &[],
                &[("version", signed.row.version.to_string())],
            )?;
            return contract_view(conn, p);
        }
        // Both signed: the contract gets its public code, the placement is contract_signed and
        // goes straight to review.
        verify::issue(conn, Kind::Contract, signed.row.id)?;
        let system = Actor {
            id: None,
            role: None,
            request_id: actor.request_id.clone(),
        };
        placement_rules::check(
            PlacementState::Offered,
            PlacementState::ContractSigned,
            Party::System,
            Step::Contract,
            false,
        )?;
        let signed_state = placements::record_step(
            conn,
            (&system, &cipher),
            p,
            PlacementState::ContractSigned,
            None,
        )?;
        placement_rules::check(
            PlacementState::ContractSigned,
            PlacementState::UnderReview,
            Party::System,
            Step::Automatic,
            false,
        )?;
        let review = placements::record_step(
            conn,
            (&system, &cipher),
            &signed_state,
            PlacementState::UnderReview,
            None,
        )?;
        placements::notify(
            conn,
            Party::Candidate,
            (&review, &loaded.vacancy, &loaded.profile),
            "placement_changed",
            &base_url,
            &[
                ("from", PlacementState::Offered),
                ("state", PlacementState::UnderReview),
            ],
            &[("reason", "—".into())],
        )?;
        contract_view(conn, &review)
    })
    .await
}

/// Every version of the placement's contract, for the parties of the placement and the ministry.
pub async fn contract_versions(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
) -> AppResult<ContractView> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let loaded = placements::load(conn, &who, id, false)?;
        contract_view(conn, &loaded.placement)
    })
    .await
}

/// Names in a reader's language: Kyrgyz where the reference data has it, else Russian for the
/// Cyrillic-reading languages, English for English.
fn localized(locale: Locale, ru: String, en: String, ky: Option<String>) -> String {
    match locale {
        Locale::En => en,
        Locale::Ky => ky.unwrap_or(ru),
        Locale::Ru | Locale::Uz | Locale::Tg => ru,
    }
}

/// One version as a document in `lang`, or in the candidate's language: the one they confirmed
/// it in, else their account's. For the parties of the placement and the ministry.
pub async fn contract_document(
    state: &AppState,
    caller: &Caller,
    id: PlacementId,
    version: i32,
    lang: Option<Locale>,
) -> AppResult<ContractDocument> {
    let who = caller.principal;
    let base_url = state.settings.application.base_url.clone();
    db::run(&state.pool, move |conn| {
        let loaded = placements::load(conn, &who, id, false)?;
        let versions = contract::versions(conn, loaded.placement.id)?;
        let latest = versions.first().map(|c| c.row.version);
        let c = versions
            .into_iter()
            .find(|c| c.row.version == version)
            .ok_or_else(AppError::not_found)?;
        let account_locale = match loaded.profile.user_id {
            Some(u) => Locale::parse(&user::find(conn, u)?.locale),
            None => None,
        };
        let locale = lang
            .or_else(|| {
                c.candidate
                    .as_ref()
                    .and_then(|s| s.locale.as_deref())
                    .and_then(Locale::parse)
            })
            .or(account_locale)
            .unwrap_or(Locale::Ru);
        let code = verify::code_of(conn, Kind::Contract, c.row.id)?;
        let occupation = reference::find_occupation(conn, &c.row.occupation_code)?
            .map(|o| {
                format!(
                    "{} {}",
                    o.code,
                    localized(locale, o.name_ru, o.name_en, o.name_ky)
                )
            })
            .unwrap_or_else(|| c.row.occupation_code.clone());
        let region = reference::find_region(conn, &c.row.region_code)?
            .map(|r| localized(locale, r.name_ru, r.name_en, r.name_ky))
            .unwrap_or_else(|| c.row.region_code.clone());
        let citizenship = reference::find_country(conn, &c.row.candidate_citizenship)?
            .map(|k| localized(locale, k.name_ru, k.name_en, None))
            .unwrap_or_else(|| c.row.candidate_citizenship.clone());
        let superseded = latest != Some(c.row.version);
        let r = c.row;
        Ok(ContractDocument {
            locale,
            contract_id: r.id,
            version: r.version,
            verify_code: code.map(|k| k.to_string()),
            verify_url: code.map(|k| format!("{base_url}{}", k.path())),
            employer_name: r.employer_name,
            employer_inn: r.employer_inn,
            agency: match (r.agency_name, r.agency_licence_number) {
                (Some(name), Some(licence_number)) => Some(AgencyParty {
                    name,
                    licence_number,
                }),
                _ => None,
            },
            candidate_name: r.candidate_name,
            candidate_citizenship: citizenship,
            vacancy_title: r.vacancy_title,
            occupation,
            region,
            city: r.city,
            salary_rub_month: r.salary_rub_month,
            minimum_wage_rub_month: r.minimum_wage_rub_month,
            minimum_wage_source: r.minimum_wage_source,
            hours_per_week: r.hours_per_week,
            hours_reason: r.hours_reason,
            start_date: r.start_date,
            duration_months: r.duration_months,
            housing: r.housing,
            meals: r.meals,
            transport: r.transport,
            paid_leave_days: r.paid_leave_days,
            employer_pays_travel: r.employer_pays_travel,
            employer_pays_medical: r.employer_pays_medical,
            employer_pays_permit: r.employer_pays_permit,
            worker_fee_rub: r.worker_fee_rub,
            employer_signed_at: c.employer.map(|s| s.signed_at),
            candidate_signed_at: c.candidate.map(|s| s.signed_at),
            superseded,
        })
    })
    .await
}
