//! `/employer/placements/{id}/contract`: the contract of an offered placement — every version
//! with its status and PDF, the form that writes a new version (the terms of
//! `POST /placements/{id}/contract`) and the employer's signature of the latest one.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{date, employer, form_errors, int, parse_id, refusal};
use crate::db::models::contract::Contract;
use crate::domain::contract::ContractTerms;
use crate::domain::placement::PlacementState;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::render::contract as document;
use crate::services::contracts::{self as service, ContractView};
use crate::services::placements::state_label;
use crate::services::{placements, vacancies, Caller};
use crate::state::AppState;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::public::roubles;
use crate::web::session::{CsrfForm, WebUser};

/// Where a version stands (`web-employer-contract-status-<status>`).
pub const CONTRACT_STATUS_IDS: [&str; 4] = [
    "web-employer-contract-status-draft",
    "web-employer-contract-status-signed_by_employer",
    "web-employer-contract-status-signed",
    "web-employer-contract-status-superseded",
];

fn status_of(c: &Contract, latest: bool) -> &'static str {
    let s = c.signatures();
    if s.complete() {
        "signed"
    } else if !latest {
        "superseded"
    } else if s.employer {
        "signed_by_employer"
    } else {
        "draft"
    }
}

/// What the contract form sends, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TermsForm {
    salary_rub_month: String,
    hours_per_week: String,
    hours_reason: String,
    start_date: String,
    duration_months: String,
    housing: String,
    meals: String,
    transport: String,
    paid_leave_days: String,
    /// `travel`, `medical`, `permit`: what the employer pays.
    employer_pays: Vec<String>,
}

impl TermsForm {
    fn of(c: &Contract) -> TermsForm {
        let r = &c.row;
        let mut pays = Vec::new();
        for (on, name) in [
            (r.employer_pays_travel, "travel"),
            (r.employer_pays_medical, "medical"),
            (r.employer_pays_permit, "permit"),
        ] {
            if on {
                pays.push(name.to_owned());
            }
        }
        TermsForm {
            salary_rub_month: r.salary_rub_month.to_string(),
            hours_per_week: r.hours_per_week.to_string(),
            hours_reason: r.hours_reason.clone().unwrap_or_default(),
            start_date: r.start_date.to_string(),
            duration_months: r.duration_months.to_string(),
            housing: r.housing.clone().unwrap_or_default(),
            meals: r.meals.clone().unwrap_or_default(),
            transport: r.transport.clone().unwrap_or_default(),
            paid_leave_days: r.paid_leave_days.to_string(),
            employer_pays: pays,
        }
    }

    fn terms(&self) -> Result<ContractTerms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
        let pays = |what: &str| self.employer_pays.iter().any(|p| p == what);
        let terms = ContractTerms {
            salary_rub_month: int("salary_rub_month", &self.salary_rub_month, &mut errors),
            hours_per_week: int("hours_per_week", &self.hours_per_week, &mut errors),
            hours_reason: text(&self.hours_reason),
            start_date: date("start_date", &self.start_date, &mut errors).unwrap_or_default(),
            duration_months: int("duration_months", &self.duration_months, &mut errors),
            housing: text(&self.housing),
            meals: text(&self.meals),
            transport: text(&self.transport),
            paid_leave_days: int("paid_leave_days", &self.paid_leave_days, &mut errors),
            employer_pays_travel: pays("travel"),
            employer_pays_medical: pays("medical"),
            employer_pays_permit: pays("permit"),
            // The worker never pays for being placed.
            worker_fee_rub: 0,
        };
        if errors.is_empty() {
            Ok(terms)
        } else {
            Err(errors)
        }
    }
}

pub struct Version {
    pub number: i32,
    pub status: String,
    pub salary: String,
    pub start: String,
    pub months: i32,
    pub pdf: String,
}

pub struct Input {
    pub id: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
}

pub struct Pay {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "employer/contract.html")]
struct ContractPage {
    page: Page,
    id: String,
    vacancy: String,
    state: String,
    versions: Vec<Version>,
    /// The latest version's number, when the employer may sign it.
    sign: Option<i32>,
    /// The form, when a new version may be written.
    inputs: Vec<Input>,
    pays: Vec<Pay>,
    pays_error: Option<String>,
    writable: bool,
    errors: Vec<FormError>,
    refused: Option<String>,
    saved: bool,
}

#[derive(Default)]
struct Problem {
    errors: Vec<FieldError>,
    refused: Option<String>,
    typed: Option<TermsForm>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    saved: Option<String>,
}

async fn contract_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    problem: Problem,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let view: ContractView = service::contract_versions(state, caller, id.into()).await?;
    let p = placements::get_placement(state, caller, id.into()).await?;
    let (v, _) = vacancies::vacancy_with_employer(
        state,
        Some(&caller.principal),
        p.placement.vacancy_id.into(),
    )
    .await?;
    let mut page = Page::new(req, "web-employer-contract-title");
    let locale = page.locale;
    let errors = form_errors(&page, &problem.errors);
    page.has_errors = !errors.is_empty() || problem.refused.is_some();
    let latest = view.versions.first();
    let offered = view.placement_state == PlacementState::Offered;
    let writable = offered && !latest.is_some_and(|c| c.signatures().complete());
    let sign = latest
        .filter(|c| offered && !c.signatures().employer)
        .map(|c| c.row.version);
    let versions = view
        .versions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let r = &c.row;
            let base = format!("/employer/placements/{id}/contract/versions/{}", r.version);
            Version {
                number: r.version,
                status: page.t(&format!(
                    "web-employer-contract-status-{}",
                    status_of(c, i == 0)
                )),
                salary: roubles(r.salary_rub_month),
                start: r.start_date.to_string(),
                months: r.duration_months,
                pdf: format!("{base}/pdf"),
            }
        })
        .collect();
    let typed = problem.typed.unwrap_or_else(|| match latest {
        Some(c) => TermsForm::of(c),
        None => TermsForm {
            salary_rub_month: v.salary_min.to_string(),
            hours_per_week: v.hours_per_week.min(40).to_string(),
            start_date: v.start_date.to_string(),
            duration_months: v.contract_months.to_string(),
            paid_leave_days: "28".into(),
            housing: if v.housing {
                page.t("web-employer-contract-housing-default")
            } else {
                String::new()
            },
            employer_pays: vec!["travel".into(), "medical".into(), "permit".into()],
            ..Default::default()
        },
    });
    let err = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
    let input = |id: &'static str, label: &str, hint: Option<&str>, kind, value: &str| Input {
        id,
        label: page.t(label),
        hint: hint.map(|h| page.t(h)),
        kind,
        value: value.to_owned(),
        error: err(id),
    };
    let inputs = vec![
        input(
            "salary_rub_month",
            "web-employer-contract-salary",
            Some("web-employer-contract-salary-hint"),
            "number",
            &typed.salary_rub_month,
        ),
        input(
            "hours_per_week",
            "web-employer-vacancy-hours",
            Some("web-employer-contract-hours-hint"),
            "number",
            &typed.hours_per_week,
        ),
        input(
            "hours_reason",
            "web-employer-contract-hours-reason",
            None,
            "text",
            &typed.hours_reason,
        ),
        input(
            "start_date",
            "web-employer-vacancy-start",
            Some("web-employer-date-hint"),
            "date",
            &typed.start_date,
        ),
        input(
            "duration_months",
            "web-employer-vacancy-months",
            None,
            "number",
            &typed.duration_months,
        ),
        input(
            "paid_leave_days",
            "web-employer-contract-leave",
            Some("web-employer-contract-leave-hint"),
            "number",
            &typed.paid_leave_days,
        ),
        input(
            "housing",
            "web-employer-contract-housing",
            Some("web-employer-contract-provided-hint"),
            "text",
            &typed.housing,
        ),
        input(
            "meals",
            "web-employer-contract-meals",
            Some("web-employer-contract-provided-hint"),
            "text",
            &typed.meals,
        ),
        input(
            "transport",
            "web-employer-contract-transport",
            Some("web-employer-contract-provided-hint"),
            "text",
            &typed.transport,
        ),
    ];
    let pays = [
        ("travel", "web-employer-contract-pays-travel"),
        ("medical", "web-employer-contract-pays-medical"),
        ("permit", "web-employer-contract-pays-permit"),
    ]
    .into_iter()
    .map(|(value, label)| Pay {
        value,
        label: page.t(label),
        checked: typed.employer_pays.iter().any(|p| p == value),
    })
    .collect();
    let saved = crate::web::form::query::<ShowQuery>(req).saved.is_some();
    render(
        status,
        &ContractPage {
            id: id.to_string(),
            vacancy: v.title.clone(),
            state: state_label(locale, view.placement_state),
            versions,
            sign,
            inputs,
            pays,
            pays_error: err("worker_fee_rub"),
            writable,
            errors,
            refused: problem.refused,
            saved,
            page,
        },
    )
}

/// `GET /employer/placements/{id}/contract`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    contract_page(
        &req,
        &state,
        &caller,
        id,
        Problem::default(),
        StatusCode::OK,
    )
    .await
}

async fn again(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    e: AppError,
    mut problem: Problem,
) -> Result<HttpResponse, WebError> {
    if e.code == ErrorCode::ValidationFailed {
        problem.errors = e.fields;
        return contract_page(
            req,
            state,
            caller,
            id,
            problem,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let page = Page::new(req, "web-employer-contract-title");
    let (status, why) = refusal(&page, e)?;
    problem.refused = Some(why);
    contract_page(req, state, caller, id, problem, status).await
}

/// `POST /employer/placements/{id}/contract`: writes a new version.
pub async fn draft(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<TermsForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    let problem = Problem {
        typed: Some(f.clone()),
        ..Default::default()
    };
    let result = match f.terms() {
        Ok(terms) => service::draft_contract(&state, &caller, id.into(), terms).await,
        Err(errors) => Err(AppError::validation(errors)),
    };
    match result {
        Ok(_) => Ok(see_other(&format!(
            "/employer/placements/{id}/contract?saved=1"
        ))),
        Err(e) => again(&req, &state, &caller, id, e, problem).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignForm {
    version: String,
}

/// `POST /employer/placements/{id}/contract/signature`: the employer signs the latest version.
pub async fn sign(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<SignForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    let Ok(version) = f.version.trim().parse::<i32>() else {
        return Err(WebError::bad_request());
    };
    match service::sign_contract(&state, &caller, id.into(), version, None).await {
        Ok(_) => Ok(see_other(&format!(
            "/employer/placements/{id}/contract?saved=1"
        ))),
        Err(e) => again(&req, &state, &caller, id, e, Problem::default()).await,
    }
}

/// `GET /employer/placements/{id}/contract/versions/{version}/pdf`: one version as a PDF in
/// the candidate's language.
pub async fn pdf(
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let (raw_id, raw_version) = path.into_inner();
    let id = parse_id(&raw_id)?;
    let version: i32 = raw_version.parse().map_err(|_| WebError::not_found())?;
    let doc = service::contract_document(&state, &caller, id.into(), version, None).await?;
    let bytes = web::block(move || document::pdf(&doc))
        .await
        .map_err(|_| WebError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "contract pdf failed");
            WebError::internal()
        })?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"contract-{id}-v{version}.pdf\""),
        ))
        .body(bytes))
}
