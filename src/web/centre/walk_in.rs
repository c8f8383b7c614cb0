//! `GET/POST /centre/walk-in` (register a person who walks in, with their consent, as
//! `POST /candidates` by a centre) and `GET/POST /centre/candidates/{id}/claim-code` (the one-time
//! code that hands the profile to the person's own account, as `POST /candidates/{id}/claim-code`).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate, Utc};
use serde::Deserialize;

use super::{clerk, date_field, local_time, path_id, show_errors};
use crate::domain::candidate::{ConsentInput, LanguageSkill, NewCandidate};
use crate::domain::readiness::LEVELS;
use crate::domain::role::Role;
use crate::error::{ErrorCode, FieldError};
use crate::services::{candidates, centres};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage, MessagePage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// Citizenships offered (the centre's usual visitors).
const CITIZENSHIPS: [&str; 4] = ["KG", "UZ", "TJ", "KZ"];
/// Their names (`web-centre-country-<code>`).
pub const COUNTRY_IDS: [&str; 4] = [
    "web-centre-country-KG",
    "web-centre-country-UZ",
    "web-centre-country-TJ",
    "web-centre-country-KZ",
];
/// Mother tongues offered.
const NATIVE: [&str; 5] = ["ky", "uz", "tg", "kk", "ru"];
/// How a person consents at the centre (`web-centre-consent-<method>`).
const CONSENT: [&str; 2] = ["in_person", "written"];
pub const CONSENT_IDS: [&str; 2] = ["web-centre-consent-in_person", "web-centre-consent-written"];
pub const GENDER_IDS: [&str; 2] = ["web-centre-gender-male", "web-centre-gender-female"];

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WalkInForm {
    first_name: String,
    last_name: String,
    date_of_birth: String,
    gender: String,
    citizenship: String,
    passport_number: String,
    passport_expiry: String,
    phone: String,
    email: String,
    native_language: String,
    russian_level: String,
    consent: String,
}

fn walk_in_form(req: &HttpRequest, f: &WalkInForm) -> FormPage {
    let page = Page::new(req, "web-centre-walk-in-title");
    let genders = ["male", "female"]
        .iter()
        .map(|g| {
            Choice::new(
                *g,
                page.t(&format!("web-centre-gender-{g}")),
                f.gender == *g,
            )
        })
        .collect();
    let countries = CITIZENSHIPS
        .iter()
        .map(|c| {
            Choice::new(
                *c,
                page.t(&format!("web-centre-country-{c}")),
                f.citizenship == *c,
            )
        })
        .collect();
    let mut native = vec![Choice::new("", page.t("web-centre-choose"), false)];
    native.extend(NATIVE.iter().map(|l| {
        Choice::new(
            *l,
            page.t(&format!("web-centre-lang-{l}")),
            f.native_language == *l,
        )
    }));
    let mut russian = vec![Choice::new("", page.t("web-centre-russian-none"), false)];
    russian.extend(
        LEVELS
            .iter()
            .map(|l| Choice::new(*l, *l, f.russian_level == *l)),
    );
    let consent = CONSENT
        .iter()
        .map(|m| {
            Choice::new(
                *m,
                page.t(&format!("web-centre-consent-{m}")),
                f.consent == *m,
            )
        })
        .collect();
    FormPage::new(page, "/centre/walk-in", "web-centre-walk-in-button")
        .intro("web-centre-walk-in-intro")
        .field(
            "first_name",
            "web-centre-field-first-name",
            None,
            "text",
            "off",
            &f.first_name,
        )
        .field(
            "last_name",
            "web-centre-field-last-name",
            None,
            "text",
            "off",
            &f.last_name,
        )
        .field(
            "date_of_birth",
            "web-centre-field-date-of-birth",
            None,
            "date",
            "off",
            &f.date_of_birth,
        )
        .control(
            "gender",
            "web-centre-field-gender",
            Some("web-centre-field-gender-hint"),
            Control::Radios(genders),
            "",
        )
        .control(
            "citizenship",
            "web-centre-field-citizenship",
            None,
            Control::Select(countries),
            "",
        )
        .field(
            "passport_number",
            "web-centre-field-passport-number",
            Some("web-centre-field-passport-number-hint"),
            "text",
            "off",
            &f.passport_number,
        )
        .field(
            "passport_expiry",
            "web-centre-field-passport-expiry",
            None,
            "date",
            "off",
            &f.passport_expiry,
        )
        .field(
            "phone",
            "web-centre-field-phone",
            Some("web-centre-field-phone-hint"),
            "tel",
            "off",
            &f.phone,
        )
        .field(
            "email",
            "web-centre-field-email",
            Some("web-centre-field-optional"),
            "email",
            "off",
            &f.email,
        )
        .control(
            "native_language",
            "web-centre-field-native-language",
            None,
            Control::Select(native),
            "",
        )
        .control(
            "russian_level",
            "web-centre-field-russian-level",
            None,
            Control::Select(russian),
            "",
        )
        .control(
            "consent",
            "web-centre-field-consent",
            Some("web-centre-field-consent-hint"),
            Control::Radios(consent),
            "",
        )
}

pub async fn new(req: HttpRequest, user: WebUser) -> Result<HttpResponse, WebError> {
    clerk(&user)?;
    let f = WalkInForm {
        citizenship: "KG".into(),
        native_language: "ky".into(),
        ..WalkInForm::default()
    };
    walk_in_form(&req, &f).respond(StatusCode::OK)
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The typed form as the API's body; dates that do not parse are field errors, and the rest is
/// checked by the same rules as the API's.
fn read_walk_in(f: &WalkInForm) -> Result<NewCandidate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let required_date = |field: &str, raw: &str, errors: &mut Vec<FieldError>| {
        if raw.trim().is_empty() {
            errors.push(FieldError::new(field, "required"));
            None
        } else {
            date_field(field, raw, errors)
        }
    };
    let dob = required_date("date_of_birth", &f.date_of_birth, &mut errors);
    let expiry = required_date("passport_expiry", &f.passport_expiry, &mut errors);
    let today = Utc::now().date_naive();
    let mut languages = Vec::new();
    if let Some(code) = optional(&f.native_language) {
        languages.push(LanguageSkill {
            code,
            level: "C2".into(),
        });
    }
    if let Some(level) = optional(&f.russian_level) {
        if !languages.iter().any(|l| l.code == "ru") {
            languages.push(LanguageSkill {
                code: "ru".into(),
                level,
            });
        }
    }
    let input = NewCandidate {
        first_name: f.first_name.clone(),
        last_name: f.last_name.clone(),
        date_of_birth: dob.unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(today - Duration::days(365 * 30))
        }),
        gender: f.gender.trim().to_owned(),
        citizenship: f.citizenship.trim().to_owned(),
        passport_number: f.passport_number.clone(),
        passport_expiry: expiry.unwrap_or(today + Duration::days(365 * 5)),
        email: optional(&f.email),
        phone: optional(&f.phone),
        languages,
        occupations: Vec::new(),
        skills: String::new(),
        experience_years: 0,
        education_level: None,
        preferred_regions: Vec::new(),
        salary_min: None,
        available_from: None,
        searchable: false,
        consent: optional(&f.consent).map(|method| ConsentInput { method }),
    };
    let typed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    if let Err(more) = input.check(Role::Centre, today) {
        errors.extend(more.into_iter().filter(|e| !typed.contains(&e.field)));
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<WalkInForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let input = match read_walk_in(&f) {
        Ok(input) => input,
        Err(errors) => {
            return show_errors(walk_in_form(&req, &f), &errors)
                .respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    match candidates::create_candidate(&state, &caller, input).await {
        Ok(created) => Ok(see_other(&format!(
            "/centre/candidates/{}/claim-code",
            created.profile.id
        ))),
        Err(e) if e.code == ErrorCode::Conflict => walk_in_form(&req, &f)
            .error_on("passport_number", "web-centre-passport-taken")
            .respond(StatusCode::CONFLICT),
        Err(e) => show_errors(walk_in_form(&req, &f), &validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

/// Nothing but the CSRF token.
#[derive(Deserialize, Default)]
pub struct Empty {}

fn has_account(req: &HttpRequest, id: &str) -> Result<HttpResponse, WebError> {
    let page = Page::new(req, "web-centre-has-account-title");
    let body = page.t("web-centre-has-account-body");
    MessagePage::new(page)
        .paragraph(body)
        .link(
            &format!("/centre/candidates/{id}/readiness"),
            "web-centre-readiness-title",
        )
        .respond(StatusCode::CONFLICT)
}

pub async fn claim_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let person = candidates::get_candidate(&state, &caller, id.into()).await?;
    if person.profile.user_id.is_some() {
        return has_account(&req, &id.to_string());
    }
    FormPage::new(
        Page::new(&req, "web-centre-claim-title"),
        &format!("/centre/candidates/{id}/claim-code"),
        "web-centre-claim-button",
    )
    .caption(format!(
        "{} {}",
        person.profile.first_name, person.profile.last_name
    ))
    .intro("web-centre-claim-intro")
    .intro("web-centre-claim-intro-void")
    .link(
        &format!("/centre/candidates/{id}/readiness"),
        "web-centre-readiness-title",
    )
    .respond(StatusCode::OK)
}

#[derive(Template)]
#[template(path = "centre/claim_code.html")]
struct ClaimCodePage {
    page: Page,
    name: String,
    code: String,
    expires: String,
    readiness: String,
}

/// Issues the code and shows it once (only its hash is kept): the answer is not cached.
pub async fn issue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let person = candidates::get_candidate(&state, &caller, id.into()).await?;
    let issued = match centres::issue_claim_code(&state, &caller, id.into()).await {
        Ok(issued) => issued,
        Err(e) if e.code == ErrorCode::Conflict => return has_account(&req, &id.to_string()),
        Err(e) => return Err(e.into()),
    };
    let page = Page::new(&req, "web-centre-code-title");
    let template = ClaimCodePage {
        name: format!("{} {}", person.profile.first_name, person.profile.last_name),
        code: issued.code,
        expires: local_time(issued.expires_at),
        readiness: format!("/centre/candidates/{id}/readiness"),
        page,
    };
    let mut res = render(StatusCode::OK, &template)?;
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
