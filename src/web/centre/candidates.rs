//! `GET /centre/candidates`: the people the centre represents (their consent stands), newest
//! first, as `GET /candidates` answers a centre, each linking to their readiness checklist.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::clerk;
use crate::services::candidates;
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, Page, WebError};
use crate::web::session::WebUser;

/// People on one page.
const PAGE_SIZE: i64 = 50;

pub struct PersonRow {
    pub href: String,
    pub name: String,
    pub born: String,
    pub passport: String,
    /// The claim-code page, while the person has no account of their own.
    pub claim: Option<String>,
}

#[derive(Template)]
#[template(path = "centre/candidates.html")]
struct CandidateList {
    page: Page,
    rows: Vec<PersonRow>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    after: String,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let cursor = Uuid::parse_str(query::<ListQuery>(&req).after.trim()).ok();
    let mut found = candidates::list_candidates(&state, &caller, cursor, PAGE_SIZE).await?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(usize::try_from(PAGE_SIZE).unwrap_or(50));
    let next = if more {
        found
            .last()
            .map(|p| format!("/centre/candidates?after={}", p.profile.id))
    } else {
        None
    };
    let rows = found
        .into_iter()
        .map(|v| {
            let id = v.profile.id;
            PersonRow {
                href: format!("/centre/candidates/{id}/readiness"),
                name: format!("{} {}", v.profile.first_name, v.profile.last_name),
                born: v.profile.date_of_birth.to_string(),
                passport: v.passport_number.clone(),
                claim: v
                    .profile
                    .user_id
                    .is_none()
                    .then(|| format!("/centre/candidates/{id}/claim-code")),
            }
        })
        .collect();
    let page = Page::new(&req, "web-centre-candidates-title");
    render(StatusCode::OK, &CandidateList { page, rows, next })
}
