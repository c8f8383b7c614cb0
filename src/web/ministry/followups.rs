//! `GET /ministry/followups`: follow-ups whose answers (or silence) opened a case at the ministry;
//! `POST /ministry/followups/{id}/case`: close the case with what the ministry found and did
//! (`services::aftercare::close_case`, as the API).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::models::followup::Filter;
use crate::services::aftercare::{self, FollowupView};
use crate::state::AppState;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::ministry::{
    action_errors, date, ministry_only, moment, path_id, problem, refusal_status, refusal_text,
    Action, Problem,
};
use crate::web::session::{CsrfForm, WebUser};

const LIMIT: i64 = 100;

/// What a concern is called.
const CONCERN_IDS: [(&str, &str); 7] = [
    ("paid_late", "web-ministry-concern-paid_late"),
    ("underpaid", "web-ministry-concern-underpaid"),
    ("hours_differ", "web-ministry-concern-hours_differ"),
    ("housing_differs", "web-ministry-concern-housing_differs"),
    (
        "passport_retained",
        "web-ministry-concern-passport_retained",
    ),
    ("reported", "web-ministry-concern-reported"),
    ("overdue", "web-ministry-concern-overdue"),
];

pub struct Case {
    pub placement_href: String,
    pub due_on: String,
    pub answered: String,
    pub concerns: Vec<String>,
    pub report: Option<String>,
    pub action: Action,
}

#[derive(Template)]
#[template(path = "ministry/followups.html")]
struct ListPage {
    page: Page,
    errors: Vec<FormError>,
    refusal: Option<String>,
    cases: Vec<Case>,
}

fn concern_name(page: &Page, c: &str) -> String {
    CONCERN_IDS
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, id)| page.t(id))
        .unwrap_or_else(|| c.to_owned())
}

fn case(page: &Page, f: &FollowupView) -> Case {
    let mut action = Action::new(
        page,
        format!("/ministry/followups/{}/case", f.id),
        "web-ministry-followup-close",
        &format!("resolution-{}", f.id),
    );
    action.label = page.t("web-ministry-followup-resolution-label");
    Case {
        placement_href: format!("/ministry/placements/{}", f.placement_id),
        due_on: date(f.due_on),
        answered: f.answered_at.map(moment).unwrap_or_else(|| "—".into()),
        concerns: f.concerns.iter().map(|c| concern_name(page, c)).collect(),
        report: f.answers.as_ref().and_then(|a| a.report.clone()),
        action,
    }
}

struct Again<'a> {
    id: uuid::Uuid,
    typed: &'a str,
    problem: Problem,
}

async fn page_of(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    again: Option<Again<'_>>,
) -> Result<HttpResponse, WebError> {
    let filter = Filter {
        open_cases: true,
        due_by: None,
    };
    let found = aftercare::list(state, &user.auth.caller(), filter, LIMIT).await?;
    let mut page = Page::new(req, "web-ministry-followups-title");
    let mut cases: Vec<Case> = found.iter().map(|f| case(&page, f)).collect();
    let mut errors = Vec::new();
    let mut refusal = None;
    let mut code = StatusCode::OK;
    if let Some(ag) = again {
        let fid = format!("resolution-{}", ag.id);
        if let Some(c) = cases.iter_mut().find(|c| c.action.field_id == fid) {
            c.action.value = ag.typed.to_owned();
        }
        match ag.problem {
            Problem::Fields(fields) => {
                if let Some(c) = cases.iter_mut().find(|c| c.action.field_id == fid) {
                    errors = action_errors(&page, &mut c.action, &fields);
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
        &ListPage {
            page,
            errors,
            refusal,
            cases,
        },
    )
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    page_of(&req, &state, &user, None).await
}

#[derive(Deserialize)]
pub struct CaseForm {
    /// The resolution (the textarea is named `reason` on every ministry page).
    #[serde(default)]
    reason: String,
}

pub async fn close(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    form: CsrfForm<CaseForm>,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let id = path_id(&path)?;
    let form = form.0;
    let caller = user.auth.caller();
    match aftercare::close_case(&state, &caller, id, form.reason.clone()).await {
        Ok(_) => Ok(see_other("/ministry/followups")),
        Err(e) => {
            let again = Again {
                id,
                typed: &form.reason,
                problem: problem(e)?,
            };
            page_of(&req, &state, &user, Some(again)).await
        }
    }
}
