//! `/employer/placements…`: the pipeline of the organisation's placements (by vacancy and state)
//! and one placement — what the employer may know of the candidate, the timeline, and the steps
//! the employer may take now (as `POST /placements/{id}/transitions`), with the hire notice once
//! the work has started (as `POST /placements/{id}/hire-notice`).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::{date, employer, form_errors, parse_id, refusal};
use crate::db::models::followup::HireNotice;
use crate::db::models::placement::PlacementFilter;
use crate::domain::placement::PlacementState;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::services::placements::{self as service, state_label, StepDetails};
use crate::services::vacancies::{self as vacancies, employer_of, VacancyListing};
use crate::services::{aftercare, Caller};
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// The button of each step the employer takes (`web-employer-step-<state>`).
pub const STEP_IDS: [&str; 7] = [
    "web-employer-step-shortlisted",
    "web-employer-step-offered",
    "web-employer-step-rejected",
    "web-employer-step-arrived",
    "web-employer-step-employed",
    "web-employer-step-completed",
    "web-employer-step-terminated",
];

/// How an employment ended early, as the employer may say (`web-employer-termination-<how>`).
pub const TERMINATION_IDS: [&str; 2] = [
    "web-employer-termination-by_employer",
    "web-employer-termination-by_agreement",
];

/// How a placement began (`web-employer-origin-<origin>`).
pub const ORIGIN_IDS: [&str; 3] = [
    "web-employer-origin-applied",
    "web-employer-origin-proposed",
    "web-employer-origin-invited",
];

/// Who took a step (`web-employer-actor-<role>`).
pub const ACTOR_IDS: [&str; 7] = [
    "web-employer-actor-migrant",
    "web-employer-actor-employer",
    "web-employer-actor-agency",
    "web-employer-actor-ministry",
    "web-employer-actor-admin",
    "web-employer-actor-centre",
    "web-employer-actor-system",
];

fn actor_label(page: &Page, role: &str) -> String {
    let id = format!("web-employer-actor-{role}");
    if ACTOR_IDS.contains(&id.as_str()) {
        page.t(&id)
    } else {
        page.t("web-employer-actor-system")
    }
}

pub fn state_tag_class(s: PlacementState) -> &'static str {
    match s {
        PlacementState::Rejected | PlacementState::Withdrawn | PlacementState::Terminated => {
            "tag tag--red"
        }
        PlacementState::Approved
        | PlacementState::Employed
        | PlacementState::Completed
        | PlacementState::Arrived => "tag tag--green",
        _ => "tag",
    }
}

pub struct Row {
    pub href: String,
    pub vacancy: String,
    pub state: String,
    pub class: &'static str,
    pub origin: String,
    pub created: String,
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "employer/placements.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    vacancies: Vec<Opt>,
    states: Vec<Opt>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    vacancy: String,
    state: String,
}

/// `GET /employer/placements?vacancy=&state=`.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let own = employer_of(&caller.principal)?;
    let q = query::<ListQuery>(&req);
    let vacancy: Option<Uuid> = q.vacancy.parse().ok();
    let wanted: Option<PlacementState> = q.state.parse().ok();
    let listing = VacancyListing {
        employer: Some(own),
        ..Default::default()
    };
    let own_vacancies =
        vacancies::list_vacancies(&state, Some(&caller.principal), listing, None, 200).await?;
    let titles: HashMap<Uuid, String> = own_vacancies
        .iter()
        .map(|v| (v.id, v.title.clone()))
        .collect();
    let filter = PlacementFilter {
        state: wanted,
        vacancy_id: vacancy,
        candidate_id: None,
    };
    let rows = service::list_placements(&state, &caller, filter, None, 200).await?;
    let page = Page::new(&req, "web-employer-placements-title");
    let locale = page.locale;
    let rows = rows
        .iter()
        .map(|p| Row {
            href: format!("/employer/placements/{}", p.id),
            vacancy: titles.get(&p.vacancy_id).cloned().unwrap_or_default(),
            state: state_label(locale, p.state()),
            class: state_tag_class(p.state()),
            origin: page.t(&format!("web-employer-origin-{}", p.origin().as_str())),
            created: p.created_at.date_naive().to_string(),
        })
        .collect();
    let mut vacancy_opts = vec![Opt {
        value: String::new(),
        label: page.t("web-employer-placements-all-vacancies"),
        selected: vacancy.is_none(),
    }];
    vacancy_opts.extend(own_vacancies.iter().map(|v| Opt {
        value: v.id.to_string(),
        label: v.title.clone(),
        selected: vacancy == Some(v.id),
    }));
    let mut states = vec![Opt {
        value: String::new(),
        label: page.t("web-employer-placements-all-states"),
        selected: wanted.is_none(),
    }];
    states.extend(PlacementState::ALL.into_iter().map(|s| Opt {
        value: s.as_str().to_owned(),
        label: state_label(locale, s),
        selected: wanted == Some(s),
    }));
    render(
        StatusCode::OK,
        &ListPage {
            page,
            rows,
            vacancies: vacancy_opts,
            states,
        },
    )
}

/// What the step forms send.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct StepForm {
    to: String,
    reason: String,
    date: String,
    termination: String,
}

/// What the hire-notice form sends.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NoticeForm {
    filed_on: String,
    reference: String,
}

/// One step button, with the fields it needs.
pub struct StepAction {
    pub to: &'static str,
    pub text: String,
    pub warning: bool,
    pub reason: Option<String>,
    pub date: Option<String>,
    pub termination: Option<Vec<Opt>>,
    pub error_reason: Option<String>,
    pub error_date: Option<String>,
    pub error_termination: Option<String>,
}

pub struct Event {
    pub state: String,
    pub at: String,
    pub by: String,
    pub reason: Option<String>,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

pub struct Notice {
    pub due_on: String,
    pub filed: Option<String>,
    pub filed_on: String,
    pub reference: String,
    pub error_filed_on: Option<String>,
    pub error_reference: Option<String>,
}

#[derive(Template)]
#[template(path = "employer/placement.html")]
struct PlacementPage {
    page: Page,
    id: String,
    vacancy_href: String,
    vacancy: String,
    state: String,
    class: &'static str,
    candidate: Vec<Fact>,
    timeline: Vec<Event>,
    actions: Vec<StepAction>,
    contract: bool,
    notice: Option<Notice>,
    errors: Vec<FormError>,
    refused: Option<String>,
    saved: bool,
}

/// What went wrong with a form on the page, to show it again.
#[derive(Default)]
struct Problem {
    errors: Vec<FieldError>,
    refused: Option<String>,
    step: Option<StepForm>,
    notice: Option<NoticeForm>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    saved: Option<String>,
}

/// What the employer may know of the candidate: why they fit (the match explanation).
fn candidate_facts(page: &Page, explanation: &serde_json::Value) -> Vec<Fact> {
    let locale = page.locale;
    let mut out = Vec::new();
    let occ = &explanation["occupation"];
    if let Some(code) = occ["code"].as_str() {
        let name = crate::web::public::occupation_name(
            occ["name_ru"].as_str().unwrap_or_default(),
            occ["name_en"].as_str().unwrap_or_default(),
            locale,
        );
        out.push(Fact {
            label: page.t("web-employer-candidate-occupation"),
            value: format!("{code} {name}"),
        });
    }
    let skills: Vec<&str> = explanation["matched_skills"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
        .collect();
    out.push(Fact {
        label: page.t("web-employer-candidate-skills"),
        value: if skills.is_empty() {
            page.t("web-employer-none")
        } else {
            skills.join(", ")
        },
    });
    if let Some(region) = explanation["region"]["name"].as_str() {
        out.push(Fact {
            label: page.t("web-employer-candidate-region"),
            value: region.to_owned(),
        });
    }
    if let Some(level) = explanation["russian_level"].as_str() {
        out.push(Fact {
            label: page.t("web-employer-candidate-russian"),
            value: level.to_owned(),
        });
    }
    out
}

fn field_error(errors: &[FormError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

async fn placement_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    problem: Problem,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let view = service::get_placement(state, caller, id.into()).await?;
    let p = &view.placement;
    let (v, _) =
        vacancies::vacancy_with_employer(state, Some(&caller.principal), p.vacancy_id.into())
            .await?;
    let notice: Option<HireNotice> = aftercare::hire_notices(state, caller, false, 500)
        .await?
        .into_iter()
        .find(|n| n.placement_id == p.id);
    let mut page = Page::new(req, "web-employer-placement-title");
    let locale = page.locale;
    let today = Utc::now().date_naive().to_string();
    // Errors of a step's form carry the step in their field (`rejected-reason`).
    let prefix = problem
        .step
        .as_ref()
        .map(|s| format!("{}-", s.to))
        .unwrap_or_default();
    let prefixed: Vec<FieldError> = problem
        .errors
        .iter()
        .map(|e| FieldError {
            field: format!("{prefix}{}", e.field),
            ..e.clone()
        })
        .collect();
    let errors = form_errors(&page, &prefixed);
    page.has_errors = !errors.is_empty() || problem.refused.is_some();
    let typed = problem.step.clone().unwrap_or_default();
    let actions = view
        .allowed_next
        .iter()
        .map(|to| {
            let to = *to;
            let name = to.as_str();
            let mine = typed.to == name;
            let typed_or = |value: &str, default: String| {
                if mine {
                    value.to_owned()
                } else {
                    default
                }
            };
            let needs_reason = matches!(to, PlacementState::Rejected | PlacementState::Terminated);
            let needs_date = matches!(
                to,
                PlacementState::Arrived
                    | PlacementState::Employed
                    | PlacementState::Completed
                    | PlacementState::Terminated
            );
            let termination = (to == PlacementState::Terminated).then(|| {
                ["by_employer", "by_agreement"]
                    .into_iter()
                    .map(|t| Opt {
                        value: t.to_owned(),
                        label: page.t(&format!("web-employer-termination-{t}")),
                        selected: mine && typed.termination == t,
                    })
                    .collect()
            });
            StepAction {
                to: name,
                text: page.t(&format!("web-employer-step-{name}")),
                warning: matches!(to, PlacementState::Rejected | PlacementState::Terminated),
                reason: needs_reason.then(|| typed_or(&typed.reason, String::new())),
                date: needs_date.then(|| typed_or(&typed.date, today.clone())),
                termination,
                error_reason: field_error(&errors, &format!("{name}-reason")),
                error_date: field_error(&errors, &format!("{name}-date")),
                error_termination: field_error(&errors, &format!("{name}-termination")),
            }
        })
        .collect();
    let timeline = view
        .timeline
        .iter()
        .map(|e| Event {
            state: e
                .to_state
                .parse()
                .map(|s| state_label(locale, s))
                .unwrap_or_else(|_| e.to_state.clone()),
            at: e.at.format("%Y-%m-%d %H:%M").to_string(),
            by: actor_label(&page, &e.actor_role),
            reason: e.reason.clone(),
        })
        .collect();
    let notice = notice.map(|n| {
        let typed = problem.notice.clone().unwrap_or(NoticeForm {
            filed_on: today.clone(),
            reference: String::new(),
        });
        Notice {
            due_on: n.due_on.to_string(),
            filed: n
                .filed_on
                .map(|d| format!("{d} ({})", n.reference.clone().unwrap_or_default())),
            filed_on: typed.filed_on,
            reference: typed.reference,
            error_filed_on: field_error(&errors, "filed_on"),
            error_reference: field_error(&errors, "reference"),
        }
    });
    let saved = query::<ShowQuery>(req).saved.is_some();
    let st = p.state();
    let template = PlacementPage {
        id: p.id.to_string(),
        vacancy_href: format!("/employer/vacancies/{}", v.id),
        vacancy: v.title.clone(),
        state: state_label(locale, st),
        class: state_tag_class(st),
        candidate: candidate_facts(&page, &p.match_explanation),
        timeline,
        actions,
        contract: !matches!(
            st,
            PlacementState::Applied
                | PlacementState::Proposed
                | PlacementState::Invited
                | PlacementState::Shortlisted
        ),
        notice,
        errors,
        refused: problem.refused,
        saved,
        page,
    };
    render(status, &template)
}

/// `GET /employer/placements/{id}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    placement_page(
        &req,
        &state,
        &caller,
        id,
        Problem::default(),
        StatusCode::OK,
    )
    .await
}

/// A service's answer to a form on the placement page: field errors and refusals shown on the
/// page again (nothing lost), anything else the error page.
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
        return placement_page(
            req,
            state,
            caller,
            id,
            problem,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let page = Page::new(req, "web-employer-placement-title");
    let (status, why) = refusal(&page, e)?;
    problem.refused = Some(why);
    placement_page(req, state, caller, id, problem, status).await
}

/// `POST /employer/placements/{id}/transitions`: one step (shortlist, offer, reject, arrival,
/// start of work, completion, early end).
pub async fn transition(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    let Ok(to) = f.to.parse::<PlacementState>() else {
        return Err(WebError::bad_request());
    };
    let mut errors = Vec::new();
    let day = if f.date.trim().is_empty() {
        None
    } else {
        date("date", &f.date, &mut errors)
    };
    let termination = if f.termination.trim().is_empty() {
        None
    } else {
        match aftercare::parse_termination(f.termination.trim()) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.extend(e.fields);
                None
            }
        }
    };
    let problem = Problem {
        step: Some(f.clone()),
        ..Default::default()
    };
    if !errors.is_empty() {
        return again(
            &req,
            &state,
            &caller,
            id,
            AppError::validation(errors),
            problem,
        )
        .await;
    }
    let reason = Some(f.reason.clone()).filter(|r| !r.trim().is_empty());
    let details = StepDetails {
        date: day,
        termination,
    };
    match service::transition(&state, &caller, id.into(), to, reason, details).await {
        Ok(_) => Ok(see_other(&format!("/employer/placements/{id}?saved=1"))),
        Err(e) => again(&req, &state, &caller, id, e, problem).await,
    }
}

/// `POST /employer/placements/{id}/hire-notice`: records the notice to the migration
/// authorities.
pub async fn hire_notice(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<NoticeForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    let problem = Problem {
        notice: Some(f.clone()),
        ..Default::default()
    };
    let mut errors = Vec::new();
    let filed_on = date("filed_on", &f.filed_on, &mut errors);
    let Some(filed_on) = filed_on.filter(|_| errors.is_empty()) else {
        return again(
            &req,
            &state,
            &caller,
            id,
            AppError::validation(errors),
            problem,
        )
        .await;
    };
    // The placement must be the caller's (the 404 page otherwise), as for every page here.
    service::get_placement(&state, &caller, id.into()).await?;
    match aftercare::file_hire_notice(&state, &caller, id, filed_on, f.reference.clone()).await {
        Ok(_) => Ok(see_other(&format!("/employer/placements/{id}?saved=1"))),
        Err(e) => again(&req, &state, &caller, id, e, problem).await,
    }
}
