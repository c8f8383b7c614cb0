//! `GET /ministry/audit`: the append-only audit trail, newest first, filtered by object type and
//! object id (what the audit query supports, as `GET /api/v1/audit`), a page at a time.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::services;
use crate::state::AppState;
use crate::web::form::query;
use crate::web::layout::{render, Page, WebError};
use crate::web::ministry::{actor_name, ministry_only, moment};
use crate::web::session::WebUser;

const PAGE_SIZE: i64 = 50;

/// The object types an entry may be about (the filter's choices).
const OBJECT_TYPES: [&str; 24] = [
    "agency",
    "candidate",
    "centre",
    "claim_code",
    "closed_occupation",
    "cohort",
    "complaint",
    "consent",
    "contract",
    "employer",
    "followup",
    "hire_notice",
    "passport_review",
    "placement",
    "policy",
    "quota_application",
    "quota_cap",
    "quota_exemption",
    "readiness",
    "review",
    "session",
    "session_booking",
    "user",
    "vacancy",
];

pub struct Row {
    pub at: String,
    pub by: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
}

pub struct TypeChoice {
    pub value: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "ministry/audit.html")]
struct AuditPage {
    page: Page,
    types: Vec<TypeChoice>,
    object_id: String,
    bad_id: bool,
    rows: Vec<Row>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    object_type: Option<String>,
    object_id: Option<String>,
    cursor: Option<i64>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    ministry_only(&user)?;
    let q: AuditQuery = query(&req);
    let object_type = q.object_type.filter(|t| OBJECT_TYPES.contains(&t.as_str()));
    let raw_id = q.object_id.unwrap_or_default().trim().to_owned();
    let object_id = uuid::Uuid::parse_str(&raw_id).ok();
    let bad_id = !raw_id.is_empty() && object_id.is_none();
    let cursor = q.cursor;
    let kind = object_type.clone();
    let (rows, more) = if bad_id {
        (Vec::new(), false)
    } else {
        services::audit::page(&state, kind, object_id, cursor, PAGE_SIZE).await?
    };
    let next = if more {
        rows.last().map(|r| {
            let mut params = vec![("cursor", r.id.to_string())];
            if let Some(t) = &object_type {
                params.push(("object_type", t.clone()));
            }
            if let Some(id) = object_id {
                params.push(("object_id", id.to_string()));
            }
            format!(
                "/ministry/audit?{}",
                serde_urlencoded::to_string(&params).unwrap_or_default()
            )
        })
    } else {
        None
    };
    let mut page = Page::new(&req, "web-ministry-audit-title");
    page.has_errors = bad_id;
    let rows = rows
        .into_iter()
        .map(|e| Row {
            at: moment(e.at),
            by: actor_name(&page, e.actor_role.as_deref().unwrap_or("system")),
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id.to_string(),
        })
        .collect();
    let types = OBJECT_TYPES
        .into_iter()
        .map(|t| TypeChoice {
            value: t,
            selected: object_type.as_deref() == Some(t),
        })
        .collect();
    let status = if bad_id {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        status,
        &AuditPage {
            page,
            types,
            object_id: raw_id,
            bad_id,
            rows,
            next,
        },
    )
}
