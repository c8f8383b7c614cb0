//! The placements an agency proposed or of people it represents: the list, one placement with
//! its state, timeline and the step the agency may take (departure, through the readiness gate:
//! `services::readiness::depart`, as `POST /api/v1/placements/{id}/departure`).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{agency_of, banner, licence_refused, parse_id, AgencyForm, Banner};
use crate::db::models::placement::PlacementFilter;
use crate::domain::placement::PlacementState;
use crate::error::{ErrorCode, FieldError};
use crate::services::{candidates, placements as service, readiness, vacancies};
use crate::state::AppState;
use crate::web::form::{query, validation, FormPage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

const LIMIT: i64 = 100;

const ACTOR_IDS: [&str; 7] = [
    "web-agency-actor-migrant",
    "web-agency-actor-employer",
    "web-agency-actor-agency",
    "web-agency-actor-centre",
    "web-agency-actor-ministry",
    "web-agency-actor-admin",
    "web-agency-actor-system",
];

fn actor_label(page: &Page, role: &str) -> String {
    let id = format!("web-agency-actor-{role}");
    if ACTOR_IDS.contains(&id.as_str()) {
        page.t(&id)
    } else {
        role.to_owned()
    }
}

fn state_label(page: &Page, state: PlacementState) -> String {
    service::state_label(page.locale, state)
}

/// Names of vacancies and candidates, looked up once each; `—` for one the agency may no longer
/// see.
async fn names(
    state: &AppState,
    user: &WebUser,
    vacancy_ids: &[Uuid],
    candidate_ids: &[Uuid],
) -> (HashMap<Uuid, String>, HashMap<Uuid, String>) {
    let principal = user.auth.principal;
    let caller = user.auth.caller();
    let mut vacancies_by_id = HashMap::new();
    for id in vacancy_ids {
        if vacancies_by_id.contains_key(id) {
            continue;
        }
        if let Ok((v, _)) =
            vacancies::vacancy_with_employer(state, Some(&principal), (*id).into()).await
        {
            vacancies_by_id.insert(*id, format!("{} — {}", v.title, v.city));
        }
    }
    let mut people = HashMap::new();
    for id in candidate_ids {
        if people.contains_key(id) {
            continue;
        }
        if let Ok(v) = candidates::get_candidate(state, &caller, (*id).into()).await {
            people.insert(
                *id,
                format!("{} {}", v.profile.first_name, v.profile.last_name),
            );
        }
    }
    (vacancies_by_id, people)
}

pub struct PlacementRow {
    pub href: String,
    pub vacancy: String,
    pub candidate: String,
    pub state: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "agency/placements.html")]
struct ListPage {
    page: Page,
    banner: Option<Banner>,
    rows: Vec<PlacementRow>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    candidate: Option<Uuid>,
}

/// `GET /agency/placements` (`?candidate=` for one person's).
pub async fn list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let page = Page::new(&req, "web-agency-placements-title");
    let banner = banner(&state, &user, &page).await?;
    let q = query::<ListQuery>(&req);
    let filter = PlacementFilter {
        state: None,
        vacancy_id: None,
        candidate_id: q.candidate,
    };
    let found =
        match service::list_placements(&state, &user.auth.caller(), filter, None, LIMIT).await {
            Ok(rows) => rows,
            Err(e) if licence_refused(e.code) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
    let found: Vec<_> = found.into_iter().take(LIMIT as usize).collect();
    let v_ids: Vec<Uuid> = found.iter().map(|p| p.vacancy_id).collect();
    let c_ids: Vec<Uuid> = found.iter().map(|p| p.candidate_id).collect();
    let (vacancy_names, people) = names(&state, &user, &v_ids, &c_ids).await;
    let dash = || "—".to_owned();
    let rows = found
        .iter()
        .map(|p| PlacementRow {
            href: format!("/agency/placements/{}", p.id),
            vacancy: vacancy_names
                .get(&p.vacancy_id)
                .cloned()
                .unwrap_or_else(dash),
            candidate: people.get(&p.candidate_id).cloned().unwrap_or_else(dash),
            state: state_label(&page, p.state()),
            created: p.created_at.date_naive().to_string(),
        })
        .collect();
    render(StatusCode::OK, &ListPage { page, banner, rows })
}

pub struct Row {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

pub struct Event {
    pub at: String,
    pub text: String,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "agency/placement.html")]
struct ShowPage {
    page: Page,
    banner: Option<Banner>,
    found: bool,
    id: Uuid,
    rows: Vec<Row>,
    timeline: Vec<Event>,
    /// The agency may record the departure now.
    may_depart: bool,
    today: String,
}

/// `GET /agency/placements/{id}`.
pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let id = parse_id(&path)?;
    let page = Page::new(&req, "web-agency-placement-title");
    let banner = banner(&state, &user, &page).await?;
    let found = match service::get_placement(&state, &user.auth.caller(), id.into()).await {
        Ok(v) => Some(v),
        Err(e) if licence_refused(e.code) => None,
        Err(e) => return Err(e.into()),
    };
    let (mut rows, mut timeline, mut may_depart) = (Vec::new(), Vec::new(), false);
    if let Some(v) = &found {
        let p = &v.placement;
        let (vacancy_names, people) =
            names(&state, &user, &[p.vacancy_id], &[p.candidate_id]).await;
        let dash = || "—".to_owned();
        rows.push(Row {
            label: page.t("web-agency-col-state"),
            value: state_label(&page, p.state()),
            href: None,
        });
        rows.push(Row {
            label: page.t("web-agency-col-vacancy"),
            value: vacancy_names
                .get(&p.vacancy_id)
                .cloned()
                .unwrap_or_else(dash),
            href: Some(format!("/vacancies/{}", p.vacancy_id)),
        });
        rows.push(Row {
            label: page.t("web-agency-col-candidate"),
            value: people.get(&p.candidate_id).cloned().unwrap_or_else(dash),
            href: Some(format!("/agency/candidates/{}", p.candidate_id)),
        });
        if let Some(r) = &p.reason {
            rows.push(Row {
                label: page.t("web-agency-col-reason"),
                value: r.clone(),
                href: None,
            });
        }
        timeline = v
            .timeline
            .iter()
            .map(|e| {
                let to = e
                    .to_state
                    .parse()
                    .map(|s| state_label(&page, s))
                    .unwrap_or_else(|_| e.to_state.clone());
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("state", to);
                args.set("actor", actor_label(&page, &e.actor_role));
                Event {
                    at: e.at.format("%Y-%m-%d %H:%M").to_string(),
                    text: crate::render::l10n::text(
                        page.locale,
                        "web-agency-timeline-step",
                        Some(&args),
                    ),
                    reason: e.reason.clone(),
                }
            })
            .collect();
        may_depart = p.state() == PlacementState::Approved;
    }
    render(
        StatusCode::OK,
        &ShowPage {
            page,
            banner,
            found: found.is_some(),
            id,
            rows,
            timeline,
            may_depart,
            today: Utc::now().date_naive().to_string(),
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DepartForm {
    date: String,
}

fn depart_form(req: &HttpRequest, id: Uuid, f: &DepartForm) -> FormPage {
    FormPage::new(
        Page::new(req, "web-agency-depart-title"),
        &format!("/agency/placements/{id}/departure"),
        "web-agency-depart-button",
    )
    .intro("web-agency-depart-intro")
    .field(
        "date",
        "web-agency-field-depart-date",
        Some("web-agency-field-date-hint"),
        "date",
        "off",
        &f.date,
    )
    .link(
        &format!("/agency/placements/{id}"),
        "web-agency-placement-title",
    )
}

/// `POST /agency/placements/{id}/departure`: the person left, on this date.
pub async fn depart(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<DepartForm>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let id = parse_id(&path)?;
    let form = depart_form(&req, id, &f);
    let banner = banner(&state, &user, &form.page).await?;
    let Ok(date) = NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d") else {
        let code = if f.date.trim().is_empty() {
            "required"
        } else {
            "invalid_date"
        };
        return AgencyForm::new(form.errors(&[FieldError::new("date", code)]), banner)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    };
    match readiness::depart(&state, &user.auth.caller(), id.into(), date).await {
        Ok(_) => Ok(see_other(&format!("/agency/placements/{id}"))),
        Err(e) => {
            let status = e.code.status();
            let message = match e.code {
                ErrorCode::ValidationFailed => {
                    return AgencyForm::new(form.errors(&validation(e)?), banner)
                        .respond(StatusCode::UNPROCESSABLE_ENTITY)
                }
                ErrorCode::LicenceNotActive => "web-agency-disabled-reason",
                ErrorCode::NotReady => "web-agency-error-not-ready",
                ErrorCode::InvalidTransition | ErrorCode::Conflict => "web-agency-error-conflict",
                _ => return Err(e.into()),
            };
            AgencyForm::new(form.error_on("date", message), banner).respond(status)
        }
    }
}
