//! The employer's pages (issue 11). Routes under `/employer/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in employer.
//!
//! Every handler checks the role here and leaves the ownership of each object to the service it
//! calls (as the API does): another organisation's vacancy or placement is the 404 page.

pub mod contract;
pub mod followups;
pub mod matches;
pub mod placements;
pub mod quota;
pub mod vacancies;

use actix_web::http::StatusCode;
use actix_web::web;
use uuid::Uuid;

use crate::domain::role::Role;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::render::l10n;
use crate::services::Caller;
use crate::web::form::FormPage;
use crate::web::layout::{Link, Page, WebError};
use crate::web::session::WebUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use web::{get, post, resource};
    cfg.route("/employer/vacancies", get().to(vacancies::list))
        .service(
            resource("/employer/vacancies/new")
                .route(get().to(vacancies::new))
                .route(post().to(vacancies::create)),
        )
        .route("/employer/vacancies/{id}", get().to(vacancies::show))
        .service(
            resource("/employer/vacancies/{id}/edit")
                .route(get().to(vacancies::edit))
                .route(post().to(vacancies::update)),
        )
        .route(
            "/employer/vacancies/{id}/status",
            post().to(vacancies::change_status),
        )
        .route("/employer/vacancies/{id}/matches", get().to(matches::show))
        .route(
            "/employer/vacancies/{id}/invite",
            post().to(matches::invite),
        )
        .route("/employer/placements", get().to(placements::list))
        .route("/employer/placements/{id}", get().to(placements::show))
        .route(
            "/employer/placements/{id}/transitions",
            post().to(placements::transition),
        )
        .route(
            "/employer/placements/{id}/hire-notice",
            post().to(placements::hire_notice),
        )
        .service(
            resource("/employer/placements/{id}/contract")
                .route(get().to(contract::show))
                .route(post().to(contract::draft)),
        )
        .route(
            "/employer/placements/{id}/contract/signature",
            post().to(contract::sign),
        )
        .route(
            "/employer/placements/{id}/contract/versions/{version}/pdf",
            get().to(contract::pdf),
        )
        .route("/employer/quota", get().to(quota::list))
        .service(
            resource("/employer/quota/new")
                .route(get().to(quota::new))
                .route(post().to(quota::create)),
        )
        .route("/employer/quota/{id}/submit", post().to(quota::submit))
        .route("/employer/followups", get().to(followups::list));
}

/// The links on the employer's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(page, "/employer/vacancies", "web-employer-vacancies-title"),
        Link::new(
            page,
            "/employer/vacancies/new",
            "web-employer-vacancy-new-title",
        ),
        Link::new(
            page,
            "/employer/placements",
            "web-employer-placements-title",
        ),
        Link::new(page, "/employer/quota", "web-employer-quota-title"),
        Link::new(page, "/employer/followups", "web-employer-followups-title"),
    ]
}

/// The signed-in employer's caller, or the 403 page for any other role.
pub fn employer(user: &WebUser) -> Result<Caller, WebError> {
    user.require(&[Role::Employer])?;
    Ok(user.auth.caller())
}

/// A path id: anything but a UUID is the 404 page.
pub fn parse_id(raw: &str) -> Result<Uuid, WebError> {
    raw.parse().map_err(|_| WebError::not_found())
}

/// The refusals the pages explain with their own words (`web-employer-refused-<code>`).
const REFUSAL_IDS: [&str; 14] = [
    "web-employer-refused-invalid_transition",
    "web-employer-refused-conflict",
    "web-employer-refused-quota_exhausted",
    "web-employer-refused-no_positions_left",
    "web-employer-refused-occupation_closed",
    "web-employer-refused-labour_market_test_failed",
    "web-employer-refused-no_quota_cap",
    "web-employer-refused-cap_exceeded",
    "web-employer-refused-already_open",
    "web-employer-refused-employer_restricted",
    "web-employer-refused-worker_fee_forbidden",
    "web-employer-refused-not_ready",
    "web-employer-refused-licence_not_active",
    "web-employer-refused-consent_required",
];

/// A business refusal (409, or a 422 that is not a field error) as a message in the page's
/// language and the status to answer with; any other error is passed on (404, 403, 500 pages).
pub fn refusal(page: &Page, e: AppError) -> Result<(StatusCode, String), WebError> {
    let status = e.code.status();
    let business = matches!(
        status,
        StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
    ) && e.code != ErrorCode::ValidationFailed;
    if !business {
        return Err(e.into());
    }
    let id = format!("web-employer-refused-{}", e.code.as_str());
    let text = if REFUSAL_IDS.contains(&id.as_str()) {
        page.t(&id)
    } else {
        page.t("web-employer-refused")
    };
    Ok((status, text))
}

/// Field-specific messages of the employer's forms (`web-employer-error-<field>-<code>`, then
/// `web-employer-error-<code>`), else the shared page wording, else the API's wording of the
/// code (`validation-<code>`, in every language).
pub const ERROR_IDS: [&str; 11] = [
    "web-employer-error-not_a_number",
    "web-employer-error-not_a_date",
    "web-employer-error-out_of_range",
    "web-employer-error-date_in_past",
    "web-employer-error-date_too_early",
    "web-employer-error-date_too_late",
    "web-employer-error-invalid_occupation",
    "web-employer-error-invalid_region",
    "web-employer-error-salary_range",
    "web-employer-error-expires_on-out_of_range",
    "web-employer-error-start_date-out_of_range",
];

/// The message for one field error in the employer's words.
pub fn error_message(page: &Page, e: &FieldError) -> String {
    let base = e.field.split('[').next().unwrap_or(&e.field).to_owned();
    let mut args = fluent_bundle::FluentArgs::new();
    for (name, value) in &e.params {
        match value.parse::<i64>() {
            Ok(n) => args.set(*name, n),
            Err(_) => args.set(*name, value.clone()),
        }
    }
    let catalogue = l10n::catalogue();
    for id in [
        format!("web-employer-error-{base}-{}", e.code),
        format!("web-employer-error-{}", e.code),
        format!("web-error-{base}-{}", e.code),
        format!("web-error-{}", e.code),
        format!("validation-{}", e.code),
    ] {
        if let Some((text, _)) = catalogue.format(page.locale, &id, Some(&args)) {
            return text;
        }
    }
    page.t("web-error-invalid")
}

/// Shows field errors on a form, in the employer's words; list items (`skills[2]`) land on
/// their list's field.
pub fn with_errors(form: FormPage, errors: &[FieldError]) -> FormPage {
    let errors: Vec<FieldError> = errors
        .iter()
        .map(|e| FieldError {
            field: e.field.split('[').next().unwrap_or(&e.field).to_owned(),
            ..e.clone()
        })
        .collect();
    let messages: Vec<(String, String)> = errors
        .iter()
        .map(|e| (e.field.clone(), error_message(&form.page, e)))
        .collect();
    let mut form = form.errors(&errors);
    for e in &mut form.errors {
        if let Some((_, m)) = messages.iter().find(|(f, _)| *f == e.field) {
            e.message = m.clone();
        }
    }
    for f in &mut form.fields {
        if f.error.is_some() {
            if let Some((_, m)) = messages.iter().find(|(id, _)| *id == f.id) {
                f.error = Some(m.clone());
            }
        }
    }
    form
}

/// The field errors of a form, in the employer's words (for pages that are not a [`FormPage`]).
pub fn form_errors(page: &Page, errors: &[FieldError]) -> Vec<crate::web::layout::FormError> {
    let mut out: Vec<crate::web::layout::FormError> = Vec::new();
    for e in errors {
        let field = e.field.split('[').next().unwrap_or(&e.field).to_owned();
        if out.iter().any(|o| o.field == field) {
            continue;
        }
        out.push(crate::web::layout::FormError {
            message: error_message(page, e),
            field,
        });
    }
    out
}

/// Parses an integer field: blank is `required`, anything else not a number `not_a_number`.
pub fn int(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> i32 {
    let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        errors.push(FieldError::new(field, "required"));
        return 0;
    }
    cleaned.parse().unwrap_or_else(|_| {
        errors.push(FieldError::new(field, "not_a_number"));
        0
    })
}

/// Parses a date field (`2027-03-01`): blank is `required`, else `not_a_date`.
pub fn date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, "required"));
        return None;
    }
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(field, "not_a_date"));
            None
        }
    }
}
