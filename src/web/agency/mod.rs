//! The agency's pages (issue 11). Routes under `/agency/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in agency.
//!
//! Every page shows the licence banner ([`Banner`]) when the agency's licence is not active, and
//! then its action forms disabled; the services refuse the actions themselves all the same
//! (`services::licences::require_active`), so a form sent anyway changes nothing.

pub mod candidates;
pub mod placements;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::Utc;

use crate::domain::ids::AgencyId;
use crate::domain::role::Role;
use crate::error::ErrorCode;
use crate::services::{licences, organisations};
use crate::state::AppState;
use crate::web::form::{Control, Field, FormPage, Hidden};
use crate::web::layout::{render, FormError, Link, Page, WebError};
use crate::web::session::WebUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/agency/candidates", web::get().to(candidates::list))
        .service(
            web::resource("/agency/candidates/new")
                .route(web::get().to(candidates::new))
                .route(web::post().to(candidates::create)),
        )
        .route("/agency/candidates/{id}", web::get().to(candidates::show))
        .route(
            "/agency/candidates/{id}/consents/{consent_id}/revoke",
            web::post().to(candidates::revoke),
        )
        .service(
            web::resource("/agency/candidates/{id}/propose")
                .route(web::get().to(candidates::propose))
                .route(web::post().to(candidates::propose_submit)),
        )
        .route("/agency/placements", web::get().to(placements::list))
        .route("/agency/placements/{id}", web::get().to(placements::show))
        .route(
            "/agency/placements/{id}/departure",
            web::post().to(placements::depart),
        );
}

/// The links on the agency's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(page, "/agency/candidates", "web-agency-candidates-title"),
        Link::new(page, "/agency/candidates/new", "web-agency-new-title"),
        Link::new(page, "/agency/placements", "web-agency-placements-title"),
    ]
}

/// The agency the signed-in person acts for: role agency with an approved membership, else 403.
pub fn agency_of(user: &WebUser) -> Result<AgencyId, WebError> {
    user.require(&[Role::Agency])?;
    user.auth.principal.agency().ok_or_else(WebError::forbidden)
}

/// What the top of every agency page says while the licence is not active.
pub struct Banner {
    pub title: String,
    pub lines: Vec<String>,
}

/// The banner for the agency's licence, or `None` while it is active today.
pub async fn banner(
    state: &AppState,
    user: &WebUser,
    page: &Page,
) -> Result<Option<Banner>, WebError> {
    let id = agency_of(user)?;
    let caller = user.auth.caller();
    let (agency, _) = organisations::get_agency(state, &caller, id).await?;
    let today = Utc::now().date_naive();
    if agency.licence_active_on(today) {
        return Ok(None);
    }
    let status = licences::effective_status(&agency);
    let title = page.t(&format!("web-licence-status-{}", status.as_str()));
    let mut lines = Vec::new();
    let history = licences::history(state, &caller, id).await?;
    let last = history
        .iter()
        .rev()
        .find(|e| e.to_status == status.as_str() && e.from_status.is_some());
    match (status.as_str(), last) {
        ("expired", _) => lines.push(page.t1(
            "web-agency-banner-expired",
            "date",
            agency.licence_valid_to.to_string(),
        )),
        (_, Some(e)) => {
            lines.push(page.t1(
                "web-agency-banner-since",
                "date",
                e.at.date_naive().to_string(),
            ));
            lines.push(page.t1("web-agency-banner-reason", "reason", e.reason.clone()));
        }
        ("active", None) => lines.push(page.t1(
            "web-agency-banner-not-yet",
            "date",
            agency.licence_valid_from.to_string(),
        )),
        _ => {}
    }
    lines.push(page.t("web-agency-banner-effect"));
    lines.push(page.t("web-agency-banner-ministry"));
    Ok(Some(Banner { title, lines }))
}

/// Whether a service refused because the licence is not active.
pub fn licence_refused(code: ErrorCode) -> bool {
    code == ErrorCode::LicenceNotActive
}

/// A form page of the agency: [`FormPage`]'s form with the licence banner above it and, while
/// the licence is not active, its button disabled with a line saying why.
#[derive(Template)]
#[template(path = "agency/form.html")]
pub struct AgencyForm {
    pub page: Page,
    pub banner: Option<Banner>,
    pub disabled: Option<String>,
    pub caption: Option<String>,
    pub intro: Vec<String>,
    pub action: String,
    pub hidden: Vec<Hidden>,
    pub fields: Vec<Field>,
    pub submit: String,
    pub warning: bool,
    pub errors: Vec<FormError>,
    pub links: Vec<Link>,
}

impl AgencyForm {
    pub fn new(form: FormPage, banner: Option<Banner>) -> AgencyForm {
        let disabled = banner
            .as_ref()
            .map(|_| form.page.t("web-agency-disabled-reason"));
        AgencyForm {
            page: form.page,
            banner,
            disabled,
            caption: form.caption,
            intro: form.intro,
            action: form.action,
            hidden: form.hidden,
            fields: form.fields,
            submit: form.submit,
            warning: form.warning,
            errors: form.errors,
            links: form.links,
        }
    }

    /// A line above the form (a refusal of the service, in the page's language).
    pub fn problem(mut self, message: String) -> AgencyForm {
        self.page.has_errors = true;
        let field = self
            .fields
            .first()
            .map(|f| f.id.clone())
            .unwrap_or_else(|| "main".to_owned());
        self.errors = vec![FormError { field, message }];
        self
    }

    pub fn respond(mut self, status: StatusCode) -> Result<HttpResponse, WebError> {
        for f in &mut self.fields {
            let mut ids = Vec::new();
            if f.hint.is_some() {
                ids.push(format!("{}-hint", f.id));
            }
            if f.error.is_some() {
                ids.push(format!("{}-error", f.id));
            }
            f.described_by = ids.join(" ");
        }
        render(status, &self)
    }
}

/// A path id: a bad UUID is the 404 page.
pub fn parse_id(raw: &str) -> Result<uuid::Uuid, WebError> {
    uuid::Uuid::parse_str(raw).map_err(|_| WebError::not_found())
}
