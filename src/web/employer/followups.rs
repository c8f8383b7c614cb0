//! `/employer/followups`: what the employer owes for its workers after the start of work — the
//! hire notices to the migration authorities, with their due days (as `GET /hire-notices`). The
//! workers' own follow-up answers are never shown to the employer (`GET /followups` refuses it:
//! answers about unpaid wages must be safe to give).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;

use super::employer;
use crate::services::aftercare;
use crate::state::AppState;
use crate::web::layout::{render, Page, WebError};
use crate::web::session::WebUser;

pub struct Row {
    pub href: String,
    pub due_on: String,
    pub status: String,
    pub class: &'static str,
}

#[derive(Template)]
#[template(path = "employer/followups.html")]
struct FollowupsPage {
    page: Page,
    rows: Vec<Row>,
}

/// `GET /employer/followups`.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let notices = aftercare::hire_notices(&state, &caller, false, 200).await?;
    let page = Page::new(&req, "web-employer-followups-title");
    let today = Utc::now().date_naive();
    let rows = notices
        .iter()
        .map(|n| {
            let (status, class) = match n.filed_on {
                Some(d) => (
                    page.t1("web-employer-notice-filed", "filed", d.to_string()),
                    "tag tag--green",
                ),
                None if n.due_on < today => {
                    (page.t("web-employer-followups-overdue"), "tag tag--red")
                }
                None => (page.t("web-employer-followups-due"), "tag"),
            };
            Row {
                href: format!("/employer/placements/{}", n.placement_id),
                due_on: n.due_on.to_string(),
                status,
                class,
            }
        })
        .collect();
    render(StatusCode::OK, &FollowupsPage { page, rows })
}
