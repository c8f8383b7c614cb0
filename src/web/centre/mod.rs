//! The centre's pages (issue 11). Routes under `/centre/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in centre.
//!
//! A pre-departure centre's clerk schedules orientation sessions and records who came, keeps each
//! person's readiness checklist, registers walk-ins (and hands them the claim code that gives them
//! their own account), and sees departure cohorts off. Every page calls the same service function
//! as the API; the services decide what belongs to the clerk's centre.

pub mod candidates;
pub mod cohorts;
pub mod readiness;
pub mod sessions;
pub mod walk_in;

use actix_web::web;
use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use uuid::Uuid;

use crate::domain::role::Role;
use crate::error::FieldError;
use crate::i18n::Locale;
use crate::render::l10n;
use crate::services::Caller;
use crate::web::form::FormPage;
use crate::web::layout::{field_message, FormError, Link, Page, WebError};
use crate::web::session::WebUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/centre/sessions", web::get().to(sessions::list))
        .service(
            web::resource("/centre/sessions/new")
                .route(web::get().to(sessions::new))
                .route(web::post().to(sessions::create)),
        )
        .route("/centre/sessions/{id}", web::get().to(sessions::show))
        .route(
            "/centre/sessions/{id}/bookings",
            web::post().to(sessions::book),
        )
        .route(
            "/centre/sessions/{id}/attendance",
            web::post().to(sessions::attendance),
        )
        .route("/centre/candidates", web::get().to(candidates::list))
        .route(
            "/centre/candidates/{id}/readiness",
            web::get().to(readiness::show),
        )
        .service(
            web::resource("/centre/candidates/{id}/readiness/{item}")
                .route(web::get().to(readiness::item_form))
                .route(web::post().to(readiness::record)),
        )
        .service(
            web::resource("/centre/walk-in")
                .route(web::get().to(walk_in::new))
                .route(web::post().to(walk_in::create)),
        )
        .service(
            web::resource("/centre/candidates/{id}/claim-code")
                .route(web::get().to(walk_in::claim_form))
                .route(web::post().to(walk_in::issue)),
        )
        .service(
            web::resource("/centre/cohorts/new")
                .route(web::get().to(cohorts::new))
                .route(web::post().to(cohorts::create)),
        )
        .route("/centre/cohorts/{id}", web::get().to(cohorts::show))
        .route(
            "/centre/cohorts/{id}/confirmation",
            web::post().to(cohorts::confirm),
        )
        .route(
            "/centre/placements/{id}/departure",
            web::post().to(cohorts::depart),
        );
}

/// The links on the centre's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(page, "/centre/sessions", "web-centre-sessions-title"),
        Link::new(page, "/centre/sessions/new", "web-centre-session-new-title"),
        Link::new(page, "/centre/candidates", "web-centre-candidates-title"),
        Link::new(page, "/centre/walk-in", "web-centre-walk-in-title"),
        Link::new(page, "/centre/cohorts/new", "web-centre-cohort-new-title"),
    ]
}

/// The signed-in centre clerk's caller; anyone else gets the 403 page.
pub fn clerk(user: &WebUser) -> Result<Caller, WebError> {
    user.require(&[Role::Centre])?;
    Ok(user.auth.caller())
}

/// A path id; anything but a UUID is the 404 page.
pub fn path_id(raw: &str) -> Result<Uuid, WebError> {
    Uuid::parse_str(raw.trim()).map_err(|_| WebError::not_found())
}

/// Bishkek keeps UTC+6 all year: the centre's clerks type and read local times.
pub fn bishkek() -> FixedOffset {
    FixedOffset::east_opt(6 * 3600).unwrap_or_else(|| Utc.fix())
}

/// `2027-03-01 10:00` in Bishkek time.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&bishkek())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// What a `datetime-local` input sends (`2027-03-01T10:00`), read as Bishkek time.
pub fn parse_local(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"))
        .ok()?;
    bishkek()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Messages this role words itself: `web-centre-error-<field>-<code>`, else
/// `web-centre-error-<code>` (validator codes the common catalogue has no wording for).
pub const FIELD_MESSAGES: [&str; 25] = [
    "web-centre-error-starts_at-required",
    "web-centre-error-place-required",
    "web-centre-error-topics-required",
    "web-centre-error-candidate_ids-required",
    "web-centre-error-valid_until-required",
    "web-centre-error-level-required",
    "web-centre-error-language-required",
    "web-centre-error-consent-required",
    "web-centre-error-transport-required",
    "web-centre-error-placement_ids-required",
    "web-centre-error-passport_number-unknown_value",
    "web-centre-error-gender-unknown_value",
    "web-centre-error-date_of_birth-out_of_range",
    "web-centre-error-invalid_date",
    "web-centre-error-out_of_range",
    "web-centre-error-date_in_past",
    "web-centre-error-date_too_late",
    "web-centre-error-date_too_early",
    "web-centre-error-duplicate",
    "web-centre-error-invalid_cefr",
    "web-centre-error-invalid_language",
    "web-centre-error-invalid_country",
    "web-centre-error-invalid_phone",
    "web-centre-error-passport_expired",
    "web-centre-error-too_many",
];

/// A field error with its list index dropped (`topics[1]` → `topics`): the form has one input
/// group per list.
fn base_field(e: &FieldError) -> FieldError {
    let mut e = e.clone();
    if let Some(i) = e.field.find(['[', '.']) {
        e.field.truncate(i);
    }
    e
}

/// A field error's message: this role's wording where it has one, else the common one.
pub fn message(locale: Locale, e: &FieldError) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    for (name, value) in &e.params {
        args.set(*name, value.clone());
    }
    let catalogue = l10n::catalogue();
    for id in [
        format!("web-centre-error-{}-{}", e.field, e.code),
        format!("web-centre-error-{}", e.code),
    ] {
        if let Some((text, _)) = catalogue.format(locale, &id, Some(&args)) {
            return text;
        }
    }
    field_message(locale, e)
}

/// The errors of a page that is not a [`FormPage`], one per field.
pub fn errors_of(locale: Locale, fields: &[FieldError]) -> Vec<FormError> {
    let mut out: Vec<FormError> = Vec::new();
    for f in fields.iter().map(base_field) {
        if out.iter().any(|e| e.field == f.field) {
            continue;
        }
        out.push(FormError {
            message: message(locale, &f),
            field: f.field,
        });
    }
    out
}

/// Shows validation errors on a form, in this role's wording where it has its own.
pub fn show_errors(form: FormPage, fields: &[FieldError]) -> FormPage {
    let fields: Vec<FieldError> = fields.iter().map(base_field).collect();
    let mut form = form.errors(&fields);
    let locale = form.page.locale;
    for err in &mut form.errors {
        if let Some(source) = fields.iter().find(|f| f.field == err.field) {
            err.message = message(locale, source);
        }
    }
    for f in &mut form.fields {
        f.error = form
            .errors
            .iter()
            .find(|e| e.field == f.id)
            .map(|e| e.message.clone());
    }
    form
}

/// A date field that did not parse.
pub fn bad_date(field: &str) -> FieldError {
    FieldError::new(field, "invalid_date")
}

/// A date input's value: empty is `Ok(None)`, a bad one is a field error.
pub fn date_field(
    field: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(bad_date(field));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_bishkek_times() {
        let t = parse_local("2027-03-01T10:00").unwrap_or_default();
        assert_eq!(t.to_rfc3339(), "2027-03-01T04:00:00+00:00");
        assert_eq!(local_time(t), "2027-03-01 10:00");
        assert!(parse_local("tomorrow").is_none());
    }

    #[test]
    fn list_fields_are_shown_on_their_group() {
        let e = base_field(&FieldError::new("topics[1]", "unknown_value"));
        assert_eq!(e.field, "topics");
        let e = base_field(&FieldError::new("consent.method", "unknown_value"));
        assert_eq!(e.field, "consent");
    }
}
