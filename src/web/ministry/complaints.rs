//! `GET /ministry/complaints`: complaints to triage, by state; `GET /ministry/complaints/{id}`:
//! the complaint, its timeline and the ministry's steps; `POST …/transitions` (take into review,
//! uphold or dismiss with a written outcome) and `POST …/forward` (to the party complained about,
//! with the ministry's summary) — `services::complaints::{transition, forward}`, as the API.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::domain::complaint::{Accused, ComplaintState};
use crate::services::complaints::{self as service, ComplaintView};
use crate::services::organisations;
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::ministry::{
    action_errors, actor_name, ministry_only, moment, path_id, problem, refusal_status,
    refusal_text, Action, Fact, Problem,
};
use crate::web::session::{CsrfForm, WebUser};

const PAGE_SIZE: i64 = 50;

/// The ministry's steps and their buttons.
const STEPS: [(ComplaintState, &str); 3] = [
    (ComplaintState::InReview, "web-ministry-complaint-take"),
    (ComplaintState::Upheld, "web-ministry-complaint-uphold"),
    (ComplaintState::Dismissed, "web-ministry-complaint-dismiss"),
];

const FORWARD_FIELD: &str = "summary-forward";

pub struct Row {
    pub href: String,
    pub category: String,
    pub state: String,
    pub filed: String,
}

pub struct StateChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "ministry/complaints.html")]
struct ListPage {
    page: Page,
    states: Vec<StateChoice>,
    rows: Vec<Row>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    state: Option<String>,
    cursor: Option<String>,
}

fn state_name(page: &Page, s: ComplaintState) -> String {
    page.t(&format!("complaint-state-{}", s.as_str()))
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let q: ListQuery = query(&req);
    let filter = q
        .state
        .as_deref()
        .and_then(|s| s.parse::<ComplaintState>().ok());
    let cursor = q
        .cursor
        .as_deref()
        .and_then(|c| uuid::Uuid::parse_str(c).ok());
    let caller = user.auth.caller();
    let mut found = service::list_complaints(&state, &caller, filter, cursor, PAGE_SIZE).await?;
    let next = if found.len() as i64 > PAGE_SIZE {
        found.truncate(PAGE_SIZE as usize);
        found.last().map(|c| {
            let mut params = vec![("cursor", c.id.to_string())];
            if let Some(s) = filter {
                params.push(("state", s.as_str().to_owned()));
            }
            format!(
                "/ministry/complaints?{}",
                serde_urlencoded::to_string(&params).unwrap_or_default()
            )
        })
    } else {
        None
    };
    let page = Page::new(&req, "web-ministry-complaints-title");
    let rows = found
        .iter()
        .map(|c| Row {
            href: format!("/ministry/complaints/{}", c.id),
            category: page.t(&format!("complaint-category-{}", c.category.as_str())),
            state: state_name(&page, c.state),
            filed: moment(c.created_at),
        })
        .collect();
    let states = [
        ComplaintState::Received,
        ComplaintState::InReview,
        ComplaintState::Upheld,
        ComplaintState::Dismissed,
    ]
    .into_iter()
    .map(|s| StateChoice {
        value: s.as_str(),
        label: state_name(&page, s),
        selected: filter == Some(s),
    })
    .collect();
    render(
        StatusCode::OK,
        &ListPage {
            page,
            states,
            rows,
            next,
        },
    )
}

pub struct Step {
    pub at: String,
    pub state: String,
    pub by: String,
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "ministry/complaint.html")]
struct DetailPage {
    page: Page,
    errors: Vec<FormError>,
    refusal: Option<String>,
    state: String,
    facts: Vec<Fact>,
    text: Option<String>,
    timeline: Vec<Step>,
    actions: Vec<Action>,
}

fn field_id(s: ComplaintState) -> String {
    format!("outcome-{}", s.as_str())
}

/// What the page shows again: the form sent (its field id), what was typed, what went wrong.
struct Again<'a> {
    field: String,
    typed: &'a str,
    problem: Problem,
}

async fn accused_name(
    state: &AppState,
    user: &WebUser,
    c: &ComplaintView,
) -> Result<String, WebError> {
    let caller = user.auth.caller();
    Ok(match c.accused {
        Accused::Employer(e) => organisations::get_employer(state, &caller, e).await?.name,
        Accused::Agency(a) => organisations::get_agency(state, &caller, a).await?.0.name,
    })
}

async fn detail(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    again: Option<Again<'_>>,
) -> Result<HttpResponse, WebError> {
    let caller = user.auth.caller();
    let c = service::get_complaint(state, &caller, id).await?;
    let accused = accused_name(state, user, &c).await?;
    let mut page = Page::new(req, "web-ministry-complaint-title");
    let mut facts = vec![
        Fact::new(
            &page,
            "web-ministry-complaint-category",
            page.t(&format!("complaint-category-{}", c.category.as_str())),
        ),
        Fact::new(&page, "web-ministry-complaint-against", accused),
        Fact::new(&page, "web-ministry-complaint-filed", moment(c.created_at)),
    ];
    if let Some(name) = &c.complainant_name {
        facts.push(Fact::new(
            &page,
            "web-ministry-complaint-complainant",
            name.clone(),
        ));
    }
    if let Some(p) = c.placement_id {
        facts.push(Fact::new(
            &page,
            "web-ministry-complaint-placement",
            p.to_string(),
        ));
    }
    if let Some(at) = c.forwarded_at {
        facts.push(Fact::new(
            &page,
            "web-ministry-complaint-forwarded",
            format!(
                "{} — {}",
                moment(at),
                c.forwarded_summary.clone().unwrap_or_default()
            ),
        ));
    }
    if let Some(o) = &c.outcome {
        facts.push(Fact::new(
            &page,
            "web-ministry-complaint-outcome",
            o.clone(),
        ));
    }
    let timeline = c
        .timeline
        .iter()
        .flatten()
        .map(|e| Step {
            at: moment(e.at),
            state: state_name(&page, e.state),
            by: actor_name(&page, e.actor_role.as_deref().unwrap_or("system")),
            note: e.note.clone(),
        })
        .collect();
    let mut actions: Vec<Action> = STEPS
        .iter()
        .filter(|(to, _)| c.allowed_next.contains(to))
        .map(|(to, button)| {
            let mut a = Action::new(
                &page,
                format!("/ministry/complaints/{id}/transitions"),
                button,
                &field_id(*to),
            );
            a.hidden.push(("to".into(), to.as_str().into()));
            a.has_reason = to.is_final();
            a.label = page.t("web-ministry-complaint-outcome-label");
            a.warning = *to == ComplaintState::Dismissed;
            a
        })
        .collect();
    if c.state != ComplaintState::Received && c.forwarded_at.is_none() {
        let mut a = Action::new(
            &page,
            format!("/ministry/complaints/{id}/forward"),
            "web-ministry-complaint-forward",
            FORWARD_FIELD,
        );
        a.label = page.t("web-ministry-complaint-summary-label");
        actions.push(a);
    }
    let mut errors = Vec::new();
    let mut refusal = None;
    let mut code = StatusCode::OK;
    if let Some(ag) = again {
        if let Some(act) = actions.iter_mut().find(|x| x.field_id == ag.field) {
            act.value = ag.typed.to_owned();
        }
        match ag.problem {
            Problem::Fields(fields) => {
                if let Some(act) = actions.iter_mut().find(|x| x.field_id == ag.field) {
                    errors = action_errors(&page, act, &fields);
                }
                code = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Problem::Refused(e) => {
                refusal = Some(refusal_text(&page, &e));
                code = refusal_status(&e);
            }
        }
        page.has_errors = !errors.is_empty() || refusal.is_some();
    }
    render(
        code,
        &DetailPage {
            state: state_name(&page, c.state),
            page,
            errors,
            refusal,
            facts,
            text: c.text.clone(),
            timeline,
            actions,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let id = path_id(&path)?;
    detail(&req, &state, &user, id, None).await
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    to: String,
    /// The outcome (the form's textarea is named `reason` on every ministry page).
    #[serde(default)]
    reason: String,
}

fn given(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

pub async fn step(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    form: CsrfForm<StepForm>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let id = path_id(&path)?;
    let form = form.0;
    let to = STEPS
        .iter()
        .map(|(s, _)| *s)
        .find(|s| s.as_str() == form.to)
        .ok_or_else(WebError::bad_request)?;
    let caller = user.auth.caller();
    match service::transition(&state, &caller, id, to, given(&form.reason), false).await {
        Ok(_) => Ok(see_other(&format!("/ministry/complaints/{id}"))),
        Err(e) => {
            let again = Again {
                field: field_id(to),
                typed: &form.reason,
                problem: problem(e)?,
            };
            detail(&req, &state, &user, id, Some(again)).await
        }
    }
}

#[derive(Deserialize)]
pub struct ForwardForm {
    /// The summary (the textarea is named `reason` on every ministry page).
    #[serde(default)]
    reason: String,
}

pub async fn forward(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    form: CsrfForm<ForwardForm>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let id = path_id(&path)?;
    let form = form.0;
    let caller = user.auth.caller();
    match service::forward(&state, &caller, id, given(&form.reason)).await {
        Ok(_) => Ok(see_other(&format!("/ministry/complaints/{id}"))),
        Err(e) => {
            let again = Again {
                field: FORWARD_FIELD.to_owned(),
                typed: &form.reason,
                problem: problem(e)?,
            };
            detail(&req, &state, &user, id, Some(again)).await
        }
    }
}
