//! `GET /ministry/agencies`: the agencies with their licence status; `GET /ministry/agencies/{id}`:
//! the licence, its history and the decisions the ministry may take on it now;
//! `POST /ministry/agencies/{id}/licence/{action}`: renew, suspend, reinstate or revoke with a
//! written reason (`services::licences::change_licence`, as the API).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::licence::{self, LicenceAction, LicenceStatus};
use crate::domain::validate::Check;
use crate::error::FieldError;
use crate::services::licences::{self, AgencyListing, LicenceCommand};
use crate::services::organisations;
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::ministry::{
    action_errors, actor_name, date, ministry_only, moment, path_id, problem, refusal_status,
    refusal_text, Action, ExtraInput, Fact, Problem,
};
use crate::web::session::{CsrfForm, WebUser};

const PAGE_SIZE: i64 = 50;

/// The licence decisions these pages offer, with their buttons. (Issuing a new licence needs
/// its full terms and stays with the API.)
const ACTIONS: [(LicenceAction, &str); 4] = [
    (LicenceAction::Renew, "web-ministry-licence-renew"),
    (LicenceAction::Suspend, "web-ministry-licence-suspend"),
    (LicenceAction::Reinstate, "web-ministry-licence-reinstate"),
    (LicenceAction::Revoke, "web-ministry-licence-revoke"),
];

/// The filter's status choices.
const STATUS_IDS: [&str; 4] = [
    "licence-status-active",
    "licence-status-suspended",
    "licence-status-revoked",
    "licence-status-expired",
];

fn status_tag(status: LicenceStatus) -> &'static str {
    match status {
        LicenceStatus::Active => "tag--green",
        LicenceStatus::Suspended => "tag--red",
        LicenceStatus::Revoked | LicenceStatus::Expired => "tag--grey",
    }
}

pub struct Row {
    pub href: String,
    pub name: String,
    pub licence: String,
    pub valid_to: String,
    pub status: String,
    pub tag: &'static str,
}

pub struct StatusChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "ministry/agencies.html")]
struct ListPage {
    page: Page,
    q: String,
    statuses: Vec<StatusChoice>,
    rows: Vec<Row>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    cursor: Option<String>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let query: ListQuery = query(&req);
    let q = query
        .q
        .as_deref()
        .map(crate::domain::text::clean)
        .filter(|s| !s.is_empty() && s.chars().count() <= 100);
    let status = query
        .status
        .as_deref()
        .and_then(|s| s.parse::<LicenceStatus>().ok());
    let cursor = query
        .cursor
        .as_deref()
        .and_then(|c| uuid::Uuid::parse_str(c).ok());
    let listing = AgencyListing {
        status,
        region: None,
        q: q.clone(),
    };
    let mut found = licences::list_agencies(&state, listing, cursor, PAGE_SIZE).await?;
    let page = Page::new(&req, "web-ministry-agencies-title");
    let next = if found.len() as i64 > PAGE_SIZE {
        found.truncate(PAGE_SIZE as usize);
        found.last().map(|(a, _)| {
            let mut params = vec![("cursor", a.id.to_string())];
            if let Some(q) = &q {
                params.push(("q", q.clone()));
            }
            if let Some(s) = status {
                params.push(("status", s.as_str().to_owned()));
            }
            format!(
                "/ministry/agencies?{}",
                serde_urlencoded::to_string(&params).unwrap_or_default()
            )
        })
    } else {
        None
    };
    let rows = found
        .iter()
        .map(|(a, _)| {
            let s = licences::effective_status(a);
            Row {
                href: format!("/ministry/agencies/{}", a.id),
                name: a.name.clone(),
                licence: a.licence_number.clone(),
                valid_to: date(a.licence_valid_to),
                status: page.t(&format!("licence-status-{}", s.as_str())),
                tag: status_tag(s),
            }
        })
        .collect();
    let statuses = LicenceStatus::ALL
        .into_iter()
        .zip(STATUS_IDS)
        .map(|(s, id)| StatusChoice {
            value: s.as_str(),
            label: page.t(id),
            selected: status == Some(s),
        })
        .collect();
    render(
        StatusCode::OK,
        &ListPage {
            page,
            q: q.unwrap_or_default(),
            statuses,
            rows,
            next,
        },
    )
}

pub struct HistoryRow {
    pub at: String,
    pub action: String,
    pub change: String,
    pub reason: String,
    pub by: String,
}

#[derive(Template)]
#[template(path = "ministry/agency.html")]
struct DetailPage {
    page: Page,
    errors: Vec<FormError>,
    refusal: Option<String>,
    name: String,
    status: String,
    tag: &'static str,
    facts: Vec<Fact>,
    history: Vec<HistoryRow>,
    actions: Vec<Action>,
}

/// What the page shows again after a failed decision.
struct Again<'a> {
    action: LicenceAction,
    form: &'a ActionForm,
    problem: Problem,
}

fn status_text(page: &Page, s: &str) -> String {
    page.t(&format!("licence-status-{s}"))
}

fn field_id(action: LicenceAction) -> String {
    format!("reason-{}", action.as_str())
}

async fn detail(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    again: Option<Again<'_>>,
) -> Result<HttpResponse, WebError> {
    let caller = user.auth.caller();
    let (agency, _code) = organisations::get_agency(state, &caller, id.into()).await?;
    let events = licences::history(state, &caller, id.into()).await?;
    let mut page = Page::new(req, "web-ministry-agency-title");
    let status = licences::effective_status(&agency);
    let facts = vec![
        Fact::new(&page, "web-ministry-agency-inn", agency.inn.clone()),
        Fact::new(&page, "web-ministry-agency-country", agency.country.clone()),
        Fact::new(
            &page,
            "web-ministry-agency-contact",
            [agency.contact_email.clone(), agency.contact_phone.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Fact::new(
            &page,
            "web-ministry-licence-number",
            agency.licence_number.clone(),
        ),
        Fact::new(
            &page,
            "web-ministry-licence-issuer",
            agency.licence_issuer.clone(),
        ),
        Fact::new(
            &page,
            "web-ministry-licence-valid",
            format!(
                "{} – {}",
                date(agency.licence_valid_from),
                date(agency.licence_valid_to)
            ),
        ),
        Fact::new(
            &page,
            "web-ministry-licence-regions",
            agency.licence_regions.join(", "),
        ),
    ];
    let history = events
        .iter()
        .rev()
        .map(|e| HistoryRow {
            at: moment(e.at),
            action: page.t(&format!("licence-action-{}", e.action)),
            change: match &e.from_status {
                Some(from) => format!(
                    "{} → {}",
                    status_text(&page, from),
                    status_text(&page, &e.to_status)
                ),
                None => status_text(&page, &e.to_status),
            },
            reason: e.reason.clone(),
            by: actor_name(&page, e.actor_role.as_deref().unwrap_or("system")),
        })
        .collect();
    let allowed = status.allowed_actions();
    let mut actions: Vec<Action> = ACTIONS
        .iter()
        .filter(|(a, _)| allowed.contains(a))
        .map(|(a, button)| {
            let mut act = Action::new(
                &page,
                format!("/ministry/agencies/{id}/licence/{}", a.as_str()),
                button,
                &field_id(*a),
            );
            act.warning = matches!(a, LicenceAction::Suspend | LicenceAction::Revoke);
            if *a == LicenceAction::Renew {
                act.extra = Some(ExtraInput {
                    id: "renew-valid_to".into(),
                    name: "valid_to".into(),
                    label: page.t("web-ministry-licence-new-valid-to"),
                    kind: "date",
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
    if let Some(a) = again {
        if let Some(act) = actions
            .iter_mut()
            .find(|x| x.field_id == field_id(a.action))
        {
            act.value = a.form.reason.clone();
            if let Some(x) = act.extra.as_mut() {
                x.value = a.form.valid_to.clone();
            }
        }
        match a.problem {
            Problem::Fields(fields) => {
                if let Some(act) = actions
                    .iter_mut()
                    .find(|x| x.field_id == field_id(a.action))
                {
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
    let status_name = status_text(&page, status.as_str());
    render(
        code,
        &DetailPage {
            page,
            errors,
            refusal,
            name: agency.name.clone(),
            status: status_name,
            tag: status_tag(status),
            facts,
            history,
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
pub struct ActionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    valid_to: String,
}

/// The command of an action's form, or its field errors (checked as the API checks its body).
fn command(
    action: LicenceAction,
    form: &ActionForm,
) -> Result<(LicenceCommand, String), Vec<FieldError>> {
    let mut check = Check::new();
    let why = licence::check_reason(&mut check, "reason", &form.reason);
    let command = match action {
        LicenceAction::Renew => {
            let raw = form.valid_to.trim();
            let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
            if raw.is_empty() {
                check.push(FieldError::new("valid_to", "required"));
            } else if parsed.is_none() {
                check.push(FieldError::new("valid_to", "invalid"));
            }
            parsed.map(|valid_to| LicenceCommand::Renew { valid_to })
        }
        LicenceAction::Suspend => Some(LicenceCommand::Suspend),
        LicenceAction::Reinstate => Some(LicenceCommand::Reinstate),
        LicenceAction::Revoke => Some(LicenceCommand::Revoke),
        LicenceAction::Issue | LicenceAction::Expire => None,
    };
    check.into_errors()?;
    command
        .map(|c| (c, why))
        .ok_or_else(|| vec![FieldError::new("reason", "invalid")])
}

pub async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<(String, String)>,
    form: CsrfForm<ActionForm>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let (raw_id, raw_action) = path.into_inner();
    let id = path_id(&raw_id)?;
    let action = ACTIONS
        .iter()
        .map(|(a, _)| *a)
        .find(|a| a.as_str() == raw_action)
        .ok_or_else(WebError::not_found)?;
    let form = form.0;
    let outcome = match command(action, &form) {
        Err(fields) => Err(Problem::Fields(fields)),
        Ok((command, why)) => {
            let caller = user.auth.caller();
            match licences::change_licence(&state, &caller, id.into(), command, why).await {
                Ok(_) => Ok(()),
                Err(e) => Err(problem(e)?),
            }
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/ministry/agencies/{id}"))),
        Err(problem) => {
            let again = Again {
                action,
                form: &form,
                problem,
            };
            detail(&req, &state, &user, id, Some(again)).await
        }
    }
}
