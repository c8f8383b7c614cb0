//! `GET/POST /centre/cohorts/new` (group approved placements into a departure cohort, as
//! `POST /cohorts`), `GET /centre/cohorts/{id}` (the cohort, as `GET /cohorts/{id}`),
//! `POST /centre/cohorts/{id}/confirmation` (as `POST /cohorts/{id}/confirmation`) and
//! `POST /centre/placements/{id}/departure` (one person's departure, as
//! `POST /placements/{id}/departure`).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::sessions::{full_name, people};
use super::{clerk, date_field, errors_of, path_id, show_errors};
use crate::error::{AppError, ErrorCode, FieldError};
use crate::render::l10n;
use crate::services::readiness::{self as service, NewCohort};
use crate::services::Caller;
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// A placement the centre may send off: the person's latest approved one.
struct Candidate {
    placement: Uuid,
    name: String,
    ready: bool,
}

/// The approved placements of the people the centre represents, with whether each person is
/// ready today (the services' own checklist).
async fn placements(state: &AppState, caller: &Caller) -> Result<Vec<Candidate>, WebError> {
    let mut out = Vec::new();
    for p in people(state, caller).await? {
        let view = service::get_readiness(state, caller, p.profile.id.into(), None, None).await?;
        if let Some(placement) = view.placement_id {
            out.push(Candidate {
                placement,
                name: full_name(&p),
                ready: view.ready(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CohortForm {
    departure_date: String,
    transport: String,
    escort: String,
    placement_ids: Vec<String>,
}

fn cohort_form(req: &HttpRequest, f: &CohortForm, offered: &[Candidate]) -> FormPage {
    let page = Page::new(req, "web-centre-cohort-new-title");
    let choices = offered
        .iter()
        .map(|c| {
            let id = c.placement.to_string();
            let state = page.t(if c.ready {
                "web-centre-ready-today"
            } else {
                "web-centre-not-ready-today"
            });
            let chosen = f.placement_ids.contains(&id);
            Choice::new(id, format!("{} — {state}", c.name), chosen)
        })
        .collect();
    let mut form = FormPage::new(page, "/centre/cohorts/new", "web-centre-cohort-new-button")
        .intro("web-centre-cohort-new-intro");
    if offered.is_empty() {
        form = form.intro("web-centre-cohort-nobody");
    }
    form.field(
        "departure_date",
        "web-centre-field-departure-date",
        None,
        "date",
        "off",
        &f.departure_date,
    )
    .field(
        "transport",
        "web-centre-field-transport",
        Some("web-centre-field-transport-hint"),
        "text",
        "off",
        &f.transport,
    )
    .field(
        "escort",
        "web-centre-field-escort",
        Some("web-centre-field-optional"),
        "text",
        "off",
        &f.escort,
    )
    .control(
        "placement_ids",
        "web-centre-field-placements",
        None,
        Control::Checkboxes(choices),
        "",
    )
}

pub async fn new(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let offered = placements(&state, &caller).await?;
    let f = CohortForm {
        departure_date: Utc::now().date_naive().to_string(),
        ..CohortForm::default()
    };
    cohort_form(&req, &f, &offered).respond(StatusCode::OK)
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<CohortForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let mut errors = Vec::new();
    let date = if f.departure_date.trim().is_empty() {
        errors.push(FieldError::new("departure_date", "required"));
        None
    } else {
        date_field("departure_date", &f.departure_date, &mut errors)
    };
    let mut ids = Vec::new();
    for raw in &f.placement_ids {
        match Uuid::parse_str(raw.trim()) {
            Ok(id) => ids.push(id.into()),
            Err(_) => errors.push(FieldError::new("placement_ids", "unknown_value")),
        }
    }
    let input = NewCohort {
        departure_date: date.unwrap_or_else(|| Utc::now().date_naive()),
        transport: f.transport.clone(),
        escort: Some(f.escort.clone()),
        placements: ids,
    };
    let result = if errors.is_empty() {
        service::create_cohort(&state, &caller, input).await
    } else {
        Err(AppError::validation(errors))
    };
    let e = match result {
        Ok(view) => return Ok(see_other(&format!("/centre/cohorts/{}", view.cohort.id))),
        Err(e) => e,
    };
    let offered = placements(&state, &caller).await?;
    let form = cohort_form(&req, &f, &offered);
    match e.code {
        ErrorCode::InvalidTransition | ErrorCode::NotFound => form
            .error_on("placement_ids", "web-centre-cohort-not-approved")
            .respond(StatusCode::CONFLICT),
        _ => show_errors(form, &validation(e)?).respond(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

pub struct MemberRow {
    pub placement: String,
    pub name: String,
    pub outcome: Option<String>,
    pub departed: bool,
    pub missing: Vec<String>,
}

#[derive(Template)]
#[template(path = "centre/cohort.html")]
struct CohortPage {
    page: Page,
    id: String,
    departure_date: String,
    transport: String,
    escort: Option<String>,
    confirmed: Option<String>,
    today: String,
    members: Vec<MemberRow>,
    errors: Vec<FormError>,
    refusal: Option<String>,
    missing: Vec<String>,
}

/// What went wrong on the cohort page.
#[derive(Default)]
struct Problem {
    fields: Vec<FieldError>,
    refusal: Option<&'static str>,
    missing: Vec<String>,
}

/// `item: reason` lines of a `not_ready` list.
fn missing_lines(page: &Page, items: &[(String, String)]) -> Vec<String> {
    items
        .iter()
        .map(|(item, reason)| {
            format!(
                "{}: {}",
                l10n::text(page.locale, &format!("readiness-item-{item}"), None),
                l10n::text(page.locale, &format!("readiness-reason-{reason}"), None)
            )
        })
        .collect()
}

fn pairs_of(json: &serde_json::Value) -> Vec<(String, String)> {
    json.as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["item"].as_str().unwrap_or_default().to_owned(),
                m["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn cohort_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    status: StatusCode,
    problem: Problem,
) -> Result<HttpResponse, WebError> {
    let view = service::get_cohort(state, caller, id).await?;
    let names: HashMap<Uuid, String> = placements(state, caller)
        .await?
        .into_iter()
        .map(|c| (c.placement, c.name))
        .collect();
    let mut page = Page::new(req, "web-centre-cohort-title");
    let members = view
        .members
        .iter()
        .map(|m| {
            let departed = m.outcome.as_deref() == Some("departed");
            let outcome = m.outcome.as_deref().map(|o| {
                if departed {
                    page.t("web-centre-outcome-departed")
                } else if o == "not_ready" {
                    page.t("web-centre-outcome-not-ready")
                } else {
                    page.t("web-centre-outcome-stayed")
                }
            });
            MemberRow {
                placement: m.placement_id.to_string(),
                name: names
                    .get(&m.placement_id)
                    .cloned()
                    .unwrap_or_else(|| page.t("web-centre-person-not-represented")),
                outcome,
                departed,
                missing: missing_lines(
                    &page,
                    &m.missing.as_ref().map(pairs_of).unwrap_or_default(),
                ),
            }
        })
        .collect();
    let errors = errors_of(page.locale, &problem.fields);
    let refusal = problem.refusal.map(|r| page.t(r));
    page.has_errors = !errors.is_empty() || refusal.is_some();
    let c = view.cohort;
    let template = CohortPage {
        id: c.id.to_string(),
        departure_date: c.departure_date.to_string(),
        transport: c.transport,
        escort: c.escort,
        confirmed: c.confirmed_at.map(super::local_time),
        today: Utc::now().date_naive().to_string(),
        members,
        errors,
        refusal,
        missing: problem.missing,
        page,
    };
    render(status, &template)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    cohort_page(
        &req,
        &state,
        &caller,
        id,
        StatusCode::OK,
        Problem::default(),
    )
    .await
}

/// A refusal of the departure rules, shown on the cohort page.
async fn refused(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    cohort: Uuid,
    e: AppError,
) -> Result<HttpResponse, WebError> {
    let page = Page::new(req, "web-centre-cohort-title");
    let problem = match e.code {
        ErrorCode::NotReady => Problem {
            refusal: Some("web-centre-refused-not-ready"),
            missing: missing_lines(
                &page,
                &e.missing
                    .as_deref()
                    .into_iter()
                    .flatten()
                    .map(|m| (m.item.clone(), m.reason.clone()))
                    .collect::<Vec<_>>(),
            ),
            ..Problem::default()
        },
        ErrorCode::Conflict => Problem {
            refusal: Some("web-centre-refused-confirmed"),
            ..Problem::default()
        },
        ErrorCode::InvalidTransition => Problem {
            refusal: Some("web-centre-refused-not-approved"),
            ..Problem::default()
        },
        ErrorCode::ValidationFailed => {
            let date_rule = e
                .fields
                .iter()
                .any(|f| f.field == "departure_date" && f.code == "date_too_late");
            Problem {
                refusal: date_rule.then_some("web-centre-refused-too-soon"),
                fields: if date_rule { Vec::new() } else { e.fields },
                ..Problem::default()
            }
        }
        _ => return Err(e.into()),
    };
    let status = if problem.fields.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    cohort_page(req, state, caller, cohort, status, problem).await
}

pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<super::walk_in::Empty>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    match service::confirm_cohort(&state, &caller, id).await {
        Ok(_) => Ok(see_other(&format!("/centre/cohorts/{id}"))),
        Err(e) => refused(&req, &state, &caller, id, e).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DepartureForm {
    date: String,
    cohort: String,
}

pub async fn depart(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<DepartureForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let cohort = path_id(&f.cohort)?;
    let mut errors = Vec::new();
    let date = if f.date.trim().is_empty() {
        errors.push(FieldError::new("date", "required"));
        None
    } else {
        date_field("date", &f.date, &mut errors)
    };
    let result = match date {
        Some(date) if errors.is_empty() => service::depart(&state, &caller, id.into(), date)
            .await
            .map(|_| ()),
        _ => Err(AppError::validation(errors)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/centre/cohorts/{cohort}"))),
        Err(e) if e.code == ErrorCode::ValidationFailed => {
            let problem = Problem {
                fields: e.fields,
                ..Problem::default()
            };
            cohort_page(
                &req,
                &state,
                &caller,
                cohort,
                StatusCode::UNPROCESSABLE_ENTITY,
                problem,
            )
            .await
        }
        Err(e) => refused(&req, &state, &caller, cohort, e).await,
    }
}
