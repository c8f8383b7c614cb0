//! The ministry's pages (issue 11). Routes under `/ministry/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in ministry.
//!
//! Every page is for the ministry only (others get the 403 page, signed-out visitors go to sign
//! in); every action calls the same service function as the matching API handler.

pub mod agencies;
pub mod audit;
pub mod complaints;
pub mod followups;
pub mod placements;
pub mod quota;

use actix_web::http::StatusCode;
use actix_web::web;
use uuid::Uuid;

use crate::domain::role::Role;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::web::layout::{form_errors, FormError, Link, Page, WebError};
use crate::web::session::WebUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/ministry/placements", web::get().to(placements::list))
        .route("/ministry/placements/{id}", web::get().to(placements::show))
        .route(
            "/ministry/placements/{id}/decision",
            web::post().to(placements::decide),
        )
        .route("/ministry/agencies", web::get().to(agencies::list))
        .route("/ministry/agencies/{id}", web::get().to(agencies::show))
        .route(
            "/ministry/agencies/{id}/licence/{action}",
            web::post().to(agencies::act),
        )
        .route("/ministry/quota", web::get().to(quota::list))
        .route("/ministry/quota/{id}", web::get().to(quota::show))
        .route(
            "/ministry/quota/{id}/transitions",
            web::post().to(quota::step),
        )
        .route("/ministry/complaints", web::get().to(complaints::list))
        .route("/ministry/complaints/{id}", web::get().to(complaints::show))
        .route(
            "/ministry/complaints/{id}/transitions",
            web::post().to(complaints::step),
        )
        .route(
            "/ministry/complaints/{id}/forward",
            web::post().to(complaints::forward),
        )
        .route("/ministry/followups", web::get().to(followups::list))
        .route(
            "/ministry/followups/{id}/case",
            web::post().to(followups::close),
        )
        .route("/ministry/audit", web::get().to(audit::show));
}

/// The links on the ministry's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(
            page,
            "/ministry/placements",
            "web-ministry-placements-title",
        ),
        Link::new(page, "/ministry/agencies", "web-ministry-agencies-title"),
        Link::new(page, "/ministry/quota", "web-ministry-quota-title"),
        Link::new(
            page,
            "/ministry/complaints",
            "web-ministry-complaints-title",
        ),
    ]
}

/// The page is the ministry's: anyone else gets the 403 page.
pub(crate) fn ministry_only(user: &WebUser) -> Result<(), WebError> {
    user.require(&[Role::Ministry])
}

/// A path id: anything but a UUID is the 404 page.
pub(crate) fn path_id(raw: &str) -> Result<Uuid, WebError> {
    Uuid::parse_str(raw).map_err(|_| WebError::not_found())
}

/// One labelled fact on a page.
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(page: &Page, label_id: &str, value: impl Into<String>) -> Fact {
        Fact {
            label: page.t(label_id),
            value: value.into(),
        }
    }
}

/// One action of a page: its own `<form method="post">` with a required reason (and, for some,
/// one more field) and one button.
pub struct Action {
    pub href: String,
    /// Hidden fields (name, value).
    pub hidden: Vec<(String, String)>,
    pub button: String,
    pub warning: bool,
    /// The reason textarea's id (unique on the page); its name is `reason`.
    pub field_id: String,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
    /// An optional extra input (a date or a number): id, name, label, type, value, error.
    pub extra: Option<ExtraInput>,
    /// The form has the reason textarea (a step that needs no reason has none).
    pub has_reason: bool,
}

pub struct ExtraInput {
    pub id: String,
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
}

impl Action {
    pub fn new(page: &Page, href: String, button_id: &str, field_id: &str) -> Action {
        Action {
            href,
            hidden: Vec::new(),
            button: page.t(button_id),
            warning: false,
            field_id: field_id.to_owned(),
            label: page.t("web-ministry-reason-label"),
            value: String::new(),
            error: None,
            extra: None,
            has_reason: true,
        }
    }
}

/// What went wrong with an action the page shows again: field errors, or a refusal.
pub enum Problem {
    Fields(Vec<FieldError>),
    Refused(AppError),
}

/// Splits a service error into what the page shows (validation, a business refusal) and what is
/// an error page (not found, forbidden, internal…).
pub(crate) fn problem(e: AppError) -> Result<Problem, WebError> {
    match e.code {
        ErrorCode::ValidationFailed => Ok(Problem::Fields(e.fields)),
        ErrorCode::NotFound
        | ErrorCode::Forbidden
        | ErrorCode::AccountDisabled
        | ErrorCode::Unauthenticated
        | ErrorCode::RateLimited
        | ErrorCode::MalformedBody
        | ErrorCode::InvalidQuery
        | ErrorCode::InvalidPath
        | ErrorCode::Internal
        | ErrorCode::ServiceUnavailable => Err(e.into()),
        _ => Ok(Problem::Refused(e)),
    }
}

/// A business refusal in the reader's language: the catalogue's words for its code.
pub(crate) fn refusal_text(page: &Page, e: &AppError) -> String {
    let reason = page.t(&format!("error-{}", e.code.as_str()));
    page.t1("web-ministry-refused", "reason", reason)
}

/// The status of a page shown again after a refusal.
pub(crate) fn refusal_status(e: &AppError) -> StatusCode {
    let s = e.code.status();
    if s.is_client_error() {
        s
    } else {
        StatusCode::CONFLICT
    }
}

/// Field errors of one action's form, on the page: the summary's links go to the action's own
/// inputs (`reason` → the action's textarea).
pub(crate) fn action_errors(
    page: &Page,
    action: &mut Action,
    fields: &[FieldError],
) -> Vec<FormError> {
    let mut out = form_errors(page.locale, fields);
    for e in &mut out {
        let is_extra = action.extra.as_ref().is_some_and(|x| x.name == e.field);
        if is_extra {
            if let Some(x) = action.extra.as_mut() {
                e.field = x.id.clone();
                x.error = Some(e.message.clone());
            }
        } else {
            if fields
                .iter()
                .any(|f| f.field == e.field && f.code == "required")
            {
                e.message = page.t("web-ministry-reason-required");
            }
            e.field = action.field_id.clone();
            action.error = Some(e.message.clone());
        }
    }
    out.dedup_by(|a, b| a.field == b.field);
    out
}

/// A date for people: ISO.
pub(crate) fn date(d: chrono::NaiveDate) -> String {
    d.to_string()
}

/// A moment for people: ISO date and time (UTC).
pub(crate) fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Who took a step, in the reader's language: a role's name, or the platform itself.
pub(crate) fn actor_name(page: &Page, role: &str) -> String {
    match Role::ALL.into_iter().find(|r| r.as_str() == role) {
        Some(r) => page.t(&format!("web-role-{}", r.as_str())),
        None => page.t("web-ministry-actor-system"),
    }
}
