//! `GET /ministry/placements`: the placements waiting for the ministry's decision (under review,
//! the contract signed by both sides); `GET /ministry/placements/{id}`: the facts, the contract,
//! the timeline and the decision; `POST /ministry/placements/{id}/decision`: approve or reject
//! with a written reason (`services::placements::transition`, as the API).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::models::contract::Contract;
use crate::db::models::placement::PlacementFilter;
use crate::domain::placement::PlacementState;
use crate::services::contracts;
use crate::services::placements::{self as service, StepDetails};
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::ministry::{
    action_errors, actor_name, date, ministry_only, moment, path_id, problem, refusal_status,
    refusal_text, Action, Fact, Problem,
};
use crate::web::public::roubles;
use crate::web::session::{CsrfForm, WebUser};

/// Placements on one page of the queue.
const PAGE_SIZE: i64 = 25;

/// The ministry's decisions and their buttons.
const DECISIONS: [(PlacementState, &str); 2] = [
    (PlacementState::Approved, "web-ministry-placement-approve"),
    (PlacementState::Rejected, "web-ministry-placement-reject"),
];

pub struct Row {
    pub href: String,
    pub candidate: String,
    pub vacancy: String,
    pub employer: String,
    pub waiting_since: String,
}

#[derive(Template)]
#[template(path = "ministry/placements.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    cursor: Option<String>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let q: ListQuery = query(&req);
    let cursor = q
        .cursor
        .as_deref()
        .and_then(|c| uuid::Uuid::parse_str(c).ok());
    let caller = user.auth.caller();
    let filter = PlacementFilter {
        state: Some(PlacementState::UnderReview),
        vacancy_id: None,
        candidate_id: None,
    };
    let mut found = service::list_placements(&state, &caller, filter, cursor, PAGE_SIZE).await?;
    let next = if found.len() as i64 > PAGE_SIZE {
        found.truncate(PAGE_SIZE as usize);
        found
            .last()
            .map(|p| format!("/ministry/placements?cursor={}", p.id))
    } else {
        None
    };
    let page = Page::new(&req, "web-ministry-placements-title");
    let mut rows = Vec::new();
    for p in found {
        let latest = contracts::contract_versions(&state, &caller, p.id.into())
            .await?
            .versions
            .into_iter()
            .next();
        let (candidate, vacancy, employer) = match latest {
            Some(c) => (
                c.row.candidate_name,
                c.row.vacancy_title,
                c.row.employer_name,
            ),
            None => (String::new(), String::new(), String::new()),
        };
        rows.push(Row {
            href: format!("/ministry/placements/{}", p.id),
            candidate,
            vacancy,
            employer,
            waiting_since: moment(p.updated_at),
        });
    }
    render(StatusCode::OK, &ListPage { page, rows, next })
}

pub struct Step {
    pub at: String,
    pub state: String,
    pub by: String,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "ministry/placement.html")]
struct DetailPage {
    page: Page,
    errors: Vec<FormError>,
    refusal: Option<String>,
    state: String,
    facts: Vec<Fact>,
    contract: Vec<Fact>,
    timeline: Vec<Step>,
    actions: Vec<Action>,
}

fn yes_no(page: &Page, b: bool) -> String {
    page.t(if b {
        "web-ministry-yes"
    } else {
        "web-ministry-no"
    })
}

fn contract_facts(page: &Page, c: &Contract) -> Vec<Fact> {
    let r = &c.row;
    let dash = || "—".to_owned();
    vec![
        Fact::new(page, "web-ministry-contract-version", r.version.to_string()),
        Fact::new(
            page,
            "web-ministry-contract-salary",
            format!("{} ₽", roubles(r.salary_rub_month)),
        ),
        Fact::new(
            page,
            "web-ministry-contract-minimum-wage",
            format!(
                "{} ₽ ({})",
                roubles(r.minimum_wage_rub_month),
                r.minimum_wage_source
            ),
        ),
        Fact::new(
            page,
            "web-ministry-contract-worker-fee",
            format!("{} ₽", roubles(r.worker_fee_rub)),
        ),
        Fact::new(
            page,
            "web-ministry-contract-hours",
            r.hours_per_week.to_string(),
        ),
        Fact::new(page, "web-ministry-contract-start", date(r.start_date)),
        Fact::new(
            page,
            "web-ministry-contract-duration",
            page.t1("web-ministry-months", "n", i64::from(r.duration_months)),
        ),
        Fact::new(
            page,
            "web-ministry-contract-leave",
            r.paid_leave_days.to_string(),
        ),
        Fact::new(
            page,
            "web-ministry-contract-housing",
            r.housing.clone().unwrap_or_else(dash),
        ),
        Fact::new(
            page,
            "web-ministry-contract-employer-pays-travel",
            yes_no(page, r.employer_pays_travel),
        ),
        Fact::new(
            page,
            "web-ministry-contract-signed-employer",
            c.employer
                .as_ref()
                .map(|s| moment(s.signed_at))
                .unwrap_or_else(|| page.t("web-ministry-not-signed")),
        ),
        Fact::new(
            page,
            "web-ministry-contract-signed-candidate",
            c.candidate
                .as_ref()
                .map(|s| moment(s.signed_at))
                .unwrap_or_else(|| page.t("web-ministry-not-signed")),
        ),
    ]
}

/// The decision forms the ministry may send now, with what was typed into the one sent.
fn decision_actions(
    page: &Page,
    id: uuid::Uuid,
    allowed: &[PlacementState],
    typed: Option<(PlacementState, &str)>,
) -> Vec<Action> {
    DECISIONS
        .iter()
        .filter(|(to, _)| allowed.contains(to))
        .map(|(to, button)| {
            let mut a = Action::new(
                page,
                format!("/ministry/placements/{id}/decision"),
                button,
                &format!("reason-{}", to.as_str()),
            );
            a.hidden.push(("to".into(), to.as_str().into()));
            a.warning = *to == PlacementState::Rejected;
            if let Some((sent, text)) = typed {
                if sent == *to {
                    a.value = text.to_owned();
                }
            }
            a
        })
        .collect()
}

/// What the page shows again after a failed decision.
struct Again<'a> {
    to: PlacementState,
    reason: &'a str,
    problem: Problem,
}

async fn detail(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    again: Option<Again<'_>>,
) -> Result<HttpResponse, WebError> {
    let caller = user.auth.caller();
    let view = service::get_placement(state, &caller, id.into()).await?;
    let versions = contracts::contract_versions(state, &caller, id.into()).await?;
    let mut page = Page::new(req, "web-ministry-placement-title");
    let p = &view.placement;
    let latest = versions.versions.first();
    let mut facts = vec![Fact::new(
        &page,
        "web-ministry-placement-state",
        page.t(&format!("placement-state-{}", p.state().as_str())),
    )];
    if let Some(c) = latest {
        let r = &c.row;
        facts.push(Fact::new(
            &page,
            "web-ministry-placement-candidate",
            r.candidate_name.clone(),
        ));
        facts.push(Fact::new(
            &page,
            "web-ministry-placement-citizenship",
            r.candidate_citizenship.clone(),
        ));
        facts.push(Fact::new(
            &page,
            "web-ministry-placement-vacancy",
            r.vacancy_title.clone(),
        ));
        facts.push(Fact::new(
            &page,
            "web-ministry-placement-employer",
            format!("{} ({})", r.employer_name, r.employer_inn),
        ));
        if let Some(agency) = &r.agency_name {
            let licence = r.agency_licence_number.clone().unwrap_or_default();
            facts.push(Fact::new(
                &page,
                "web-ministry-placement-agency",
                format!("{agency} ({licence})"),
            ));
        }
        facts.push(Fact::new(
            &page,
            "web-ministry-placement-place",
            format!("{}, {}", r.city, r.region_code),
        ));
    }
    facts.push(Fact::new(
        &page,
        "web-ministry-placement-origin",
        page.t(&format!("placement-state-{}", p.origin().as_str())),
    ));
    let contract = latest.map(|c| contract_facts(&page, c)).unwrap_or_default();
    let timeline = view
        .timeline
        .iter()
        .map(|e| Step {
            at: moment(e.at),
            state: page.t(&format!("placement-state-{}", e.to_state)),
            by: actor_name(&page, &e.actor_role),
            reason: e.reason.clone(),
        })
        .collect();
    let typed = again.as_ref().map(|a| (a.to, a.reason));
    let mut actions = decision_actions(&page, id, &view.allowed_next, typed);
    let mut errors = Vec::new();
    let mut refusal = None;
    let mut status = StatusCode::OK;
    if let Some(a) = again {
        match a.problem {
            Problem::Fields(fields) => {
                if let Some(action) = actions
                    .iter_mut()
                    .find(|x| x.field_id == format!("reason-{}", a.to.as_str()))
                {
                    errors = action_errors(&page, action, &fields);
                }
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Problem::Refused(e) => {
                refusal = Some(refusal_text(&page, &e));
                status = refusal_status(&e);
            }
        }
        page.has_errors = !errors.is_empty() || refusal.is_some();
    }
    let state_name = page.t(&format!("placement-state-{}", p.state().as_str()));
    render(
        status,
        &DetailPage {
            page,
            errors,
            refusal,
            state: state_name,
            facts,
            contract,
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
pub struct DecisionForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    form: CsrfForm<DecisionForm>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let id = path_id(&path)?;
    let form = form.0;
    let to = DECISIONS
        .iter()
        .map(|(s, _)| *s)
        .find(|s| s.as_str() == form.to)
        .ok_or_else(WebError::bad_request)?;
    let reason = (!form.reason.trim().is_empty()).then(|| form.reason.clone());
    let caller = user.auth.caller();
    match service::transition(
        &state,
        &caller,
        id.into(),
        to,
        reason,
        StepDetails::default(),
    )
    .await
    {
        Ok(_) => Ok(see_other(&format!("/ministry/placements/{id}"))),
        Err(e) => {
            let problem = problem(e)?;
            let again = Again {
                to,
                reason: &form.reason,
                problem,
            };
            detail(&req, &state, &user, id, Some(again)).await
        }
    }
}
