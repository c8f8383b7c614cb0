//! `GET /ministry/quota`: employers' quota applications waiting for the ministry (submitted, or
//! taken into review); `GET /ministry/quota/{id}`: the application, its cap and the decision;
//! `POST /ministry/quota/{id}/transitions`: take into review, grant all or some workers, or
//! refuse with a written reason (`services::quota::step_application`, as the API).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::models::quota::{Application, ApplicationFilter, CapFilter};
use crate::domain::quota::ApplicationState;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::FieldError;
use crate::services::{organisations, quota};
use crate::state::AppState;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::ministry::{
    action_errors, date, ministry_only, moment, path_id, problem, refusal_status, refusal_text,
    Action, ExtraInput, Fact, Problem,
};
use crate::web::session::{CsrfForm, WebUser};

/// The ministry's steps and their buttons.
const STEPS: [(ApplicationState, &str); 4] = [
    (ApplicationState::UnderReview, "web-ministry-quota-take"),
    (ApplicationState::Approved, "web-ministry-quota-approve"),
    (
        ApplicationState::PartiallyApproved,
        "web-ministry-quota-partial",
    ),
    (ApplicationState::Rejected, "web-ministry-quota-reject"),
];

/// The names of the application states.
const STATE_IDS: [(ApplicationState, &str); 7] = [
    (ApplicationState::Draft, "web-ministry-quota-state-draft"),
    (
        ApplicationState::Submitted,
        "web-ministry-quota-state-submitted",
    ),
    (
        ApplicationState::UnderReview,
        "web-ministry-quota-state-under_review",
    ),
    (
        ApplicationState::Approved,
        "web-ministry-quota-state-approved",
    ),
    (
        ApplicationState::PartiallyApproved,
        "web-ministry-quota-state-partially_approved",
    ),
    (
        ApplicationState::Rejected,
        "web-ministry-quota-state-rejected",
    ),
    (
        ApplicationState::Withdrawn,
        "web-ministry-quota-state-withdrawn",
    ),
];

fn state_name(page: &Page, s: ApplicationState) -> String {
    STATE_IDS
        .iter()
        .find(|(x, _)| *x == s)
        .map(|(_, id)| page.t(id))
        .unwrap_or_default()
}

pub struct Row {
    pub href: String,
    pub employer: String,
    pub region: String,
    pub occupation: String,
    pub workers: i32,
    pub state: String,
    pub submitted: String,
}

#[derive(Template)]
#[template(path = "ministry/quota_list.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
}

async fn employer_name(
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
) -> Result<String, WebError> {
    let e = organisations::get_employer(state, &user.auth.caller(), id.into()).await?;
    Ok(e.name)
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let who = user.auth.principal;
    let mut found: Vec<Application> = Vec::new();
    for s in [ApplicationState::Submitted, ApplicationState::UnderReview] {
        let filter = ApplicationFilter {
            employer: None,
            state: Some(s),
            year: None,
        };
        found.extend(quota::list_applications(&state, &who, filter).await?);
    }
    found.sort_by_key(|a| a.submitted_at);
    let page = Page::new(&req, "web-ministry-quota-title");
    let mut rows = Vec::new();
    for a in found {
        rows.push(Row {
            href: format!("/ministry/quota/{}", a.id),
            employer: employer_name(&state, &user, a.employer_id).await?,
            region: a.region_code.clone(),
            occupation: a.occupation_code.trim().to_owned(),
            workers: a.workers_requested,
            state: state_name(&page, a.state()),
            submitted: a.submitted_at.map(moment).unwrap_or_default(),
        });
    }
    render(StatusCode::OK, &ListPage { page, rows })
}

#[derive(Template)]
#[template(path = "ministry/quota.html")]
struct DetailPage {
    page: Page,
    errors: Vec<FormError>,
    refusal: Option<String>,
    state: String,
    facts: Vec<Fact>,
    cap: Vec<Fact>,
    justification: String,
    actions: Vec<Action>,
}

fn field_id(s: ApplicationState) -> String {
    format!("reason-{}", s.as_str())
}

struct Again<'a> {
    to: ApplicationState,
    form: &'a StepForm,
    problem: Problem,
}

async fn detail(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    again: Option<Again<'_>>,
) -> Result<HttpResponse, WebError> {
    let who = user.auth.principal;
    let a = quota::get_application(state, &who, id).await?;
    let employer = employer_name(state, user, a.employer_id).await?;
    let caps = quota::list_caps(
        state,
        CapFilter {
            year: Some(a.year),
            region: Some(a.region_code.clone()),
            groups: None,
        },
    )
    .await?;
    let mut page = Page::new(req, "web-ministry-quota-application-title");
    let s = a.state();
    let mut facts = vec![
        Fact::new(&page, "web-ministry-quota-employer", employer),
        Fact::new(&page, "web-ministry-quota-year", a.year.to_string()),
        Fact::new(&page, "web-ministry-quota-region", a.region_code.clone()),
        Fact::new(
            &page,
            "web-ministry-quota-occupation",
            a.occupation_code.trim().to_owned(),
        ),
        Fact::new(
            &page,
            "web-ministry-quota-requested",
            a.workers_requested.to_string(),
        ),
        Fact::new(
            &page,
            "web-ministry-quota-granted",
            a.workers_granted.to_string(),
        ),
    ];
    if let Some(at) = a.submitted_at {
        facts.push(Fact::new(&page, "web-ministry-quota-submitted", moment(at)));
    }
    if let Some(r) = &a.decision_reason {
        facts.push(Fact::new(&page, "web-ministry-reason", r.clone()));
    }
    let cap = caps
        .iter()
        .find(|c| c.id == a.cap_id)
        .map(|c| {
            vec![
                Fact::new(
                    &page,
                    "web-ministry-quota-cap-group",
                    c.occupation_group.clone(),
                ),
                Fact::new(&page, "web-ministry-quota-cap", c.cap.to_string()),
                Fact::new(
                    &page,
                    "web-ministry-quota-allocated",
                    c.allocated.to_string(),
                ),
                Fact::new(&page, "web-ministry-quota-left", c.left.to_string()),
                Fact::new(
                    &page,
                    "web-ministry-quota-cap-updated",
                    date(c.updated_at.date_naive()),
                ),
            ]
        })
        .unwrap_or_default();
    let next = s.next();
    let mut actions: Vec<Action> = STEPS
        .iter()
        .filter(|(to, _)| next.contains(to))
        .map(|(to, button)| {
            let mut act = Action::new(
                &page,
                format!("/ministry/quota/{id}/transitions"),
                button,
                &field_id(*to),
            );
            act.hidden.push(("to".into(), to.as_str().into()));
            act.warning = *to == ApplicationState::Rejected;
            act.has_reason = to.is_decision();
            if *to == ApplicationState::PartiallyApproved {
                act.extra = Some(ExtraInput {
                    id: "partial-workers_granted".into(),
                    name: "workers_granted".into(),
                    label: page.t1(
                        "web-ministry-quota-workers-label",
                        "max",
                        i64::from(a.workers_requested - 1),
                    ),
                    kind: "number",
                    value: String::new(),
                    error: None,
                });
            }
            act
        })
        .collect();
    let mut errors = Vec::new();
    let mut refusal = None;
    let mut code = StatusCode::OK;
    if let Some(ag) = again {
        let fid = field_id(ag.to);
        if let Some(act) = actions.iter_mut().find(|x| x.field_id == fid) {
            act.value = ag.form.reason.clone();
            if let Some(x) = act.extra.as_mut() {
                x.value = ag.form.workers_granted.clone();
            }
        }
        match ag.problem {
            Problem::Fields(fields) => {
                if let Some(act) = actions.iter_mut().find(|x| x.field_id == fid) {
                    errors = action_errors(&page, act, &fields);
                    let range = fields
                        .iter()
                        .any(|f| f.field == "workers_granted" && f.code != "required");
                    if let (true, Some(x)) = (range, act.extra.as_mut()) {
                        let text = page.t1(
                            "web-ministry-quota-workers-range",
                            "max",
                            i64::from(a.workers_requested - 1),
                        );
                        x.error = Some(text.clone());
                        for e in errors.iter_mut().filter(|e| e.field == x.id) {
                            e.message = text.clone();
                        }
                    }
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
            state: state_name(&page, s),
            page,
            errors,
            refusal,
            facts,
            cap,
            justification: a.justification.clone(),
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
    #[serde(default)]
    reason: String,
    #[serde(default)]
    workers_granted: String,
}

/// The number of workers and the reason, checked as the API checks its body.
fn checked(
    to: ApplicationState,
    form: &StepForm,
) -> Result<(Option<i32>, Option<String>), Vec<FieldError>> {
    let reason = Some(text::clean(&form.reason)).filter(|r| !r.is_empty());
    let mut c = Check::new();
    if let Some(r) = &reason {
        c.text("reason", r, 1, 2000);
    }
    let mut granted = None;
    if to == ApplicationState::PartiallyApproved {
        let raw = form.workers_granted.trim();
        match raw.parse::<i32>() {
            Ok(n) => granted = Some(n),
            Err(_) if raw.is_empty() => c.push(FieldError::new("workers_granted", "required")),
            Err(_) => c.push(FieldError::new("workers_granted", "invalid")),
        }
    }
    c.into_errors()?;
    Ok((granted, reason))
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
    let outcome = match checked(to, &form) {
        Err(fields) => Err(Problem::Fields(fields)),
        Ok((granted, reason)) => {
            let caller = user.auth.caller();
            match quota::step_application(&state, &caller, id, to, granted, reason).await {
                Ok(_) => Ok(()),
                Err(e) => Err(problem(e)?),
            }
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/ministry/quota/{id}"))),
        Err(problem) => {
            let again = Again {
                to,
                form: &form,
                problem,
            };
            detail(&req, &state, &user, id, Some(again)).await
        }
    }
}
