//! The candidates an agency represents: the list with each consent, registering a person on
//! their behalf (with their consent), a profile as the agency may see it (passport masked) with
//! ending a consent, and proposing a candidate for an open vacancy. The same service functions
//! as `POST/GET /api/v1/candidates`, `DELETE …/consents/{id}` and `POST /api/v1/placements`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{agency_of, banner, licence_refused, parse_id, AgencyForm, Banner};
use crate::db::models::consent::Consent;
use crate::domain::candidate::{ConsentInput, LanguageSkill, NewCandidate};
use crate::domain::role::Role;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::services::candidates::{self as service, ProfileView};
use crate::services::placements::{self, NewPlacement};
use crate::services::vacancies::{self, VacancyListing};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::public::roubles;
use crate::web::session::{CsrfForm, WebUser};

/// How many candidates (and open vacancies) one page lists.
const LIMIT: i64 = 100;

const COUNTRIES: [&str; 6] = ["KG", "UZ", "TJ", "KZ", "AM", "RU"];
const COUNTRY_IDS: [&str; 6] = [
    "web-agency-country-KG",
    "web-agency-country-UZ",
    "web-agency-country-TJ",
    "web-agency-country-KZ",
    "web-agency-country-AM",
    "web-agency-country-RU",
];
const METHOD_IDS: [&str; 3] = [
    "web-agency-consent-method-in_person",
    "web-agency-consent-method-written",
    "web-agency-consent-method-online",
];
const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

fn method_label(page: &Page, method: &str) -> String {
    let id = format!("web-agency-consent-method-{method}");
    if METHOD_IDS.contains(&id.as_str()) {
        page.t(&id)
    } else {
        method.to_owned()
    }
}

fn country_label(page: &Page, code: &str) -> String {
    match COUNTRIES.iter().position(|c| *c == code) {
        Some(i) => page.t(COUNTRY_IDS[i]),
        None => code.to_owned(),
    }
}

/// One consent as the agency reads it.
pub struct ConsentRow {
    pub id: Uuid,
    pub text: String,
    /// The consent is to this agency: it may end it.
    pub ours: bool,
}

fn consent_rows(page: &Page, consents: &[Consent], agency: Uuid) -> Vec<ConsentRow> {
    consents
        .iter()
        .map(|c| {
            let ours = c.agency_id == Some(agency);
            let who = if ours {
                page.t("web-agency-consent-to-us")
            } else if c.agency_id.is_some() {
                page.t("web-agency-consent-to-other-agency")
            } else {
                page.t("web-agency-consent-to-centre")
            };
            let mut text = page.t1(
                "web-agency-consent-active-since",
                "date",
                c.granted_at.date_naive().to_string(),
            );
            text.push_str(" · ");
            text.push_str(&who);
            text.push_str(" · ");
            text.push_str(&method_label(page, &c.method));
            ConsentRow {
                id: c.id,
                text,
                ours,
            }
        })
        .collect()
}

pub struct CandidateRow {
    pub href: String,
    pub name: String,
    pub citizenship: String,
    pub passport: String,
    pub consents: Vec<ConsentRow>,
}

#[derive(Template)]
#[template(path = "agency/candidates.html")]
struct ListPage {
    page: Page,
    banner: Option<Banner>,
    rows: Vec<CandidateRow>,
}

/// `GET /agency/candidates`: the people the agency represents.
pub async fn list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let agency = agency_of(&user)?;
    let page = Page::new(&req, "web-agency-candidates-title");
    let banner = banner(&state, &user, &page).await?;
    let found = match service::list_candidates(&state, &user.auth.caller(), None, LIMIT).await {
        Ok(rows) => rows,
        Err(e) if licence_refused(e.code) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let rows = found
        .iter()
        .take(LIMIT as usize)
        .map(|v| CandidateRow {
            href: format!("/agency/candidates/{}", v.profile.id),
            name: format!("{} {}", v.profile.first_name, v.profile.last_name),
            citizenship: country_label(&page, &v.profile.citizenship),
            passport: v.passport_number.clone(),
            consents: consent_rows(&page, &v.represented_by, agency.uuid()),
        })
        .collect();
    render(StatusCode::OK, &ListPage { page, banner, rows })
}

/// The registration form as the browser sends it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewForm {
    first_name: String,
    last_name: String,
    date_of_birth: String,
    gender: String,
    citizenship: String,
    passport_number: String,
    passport_expiry: String,
    phone: String,
    email: String,
    russian_level: String,
    skills: String,
    experience_years: String,
    salary_min: String,
    searchable: Vec<String>,
    consent_method: String,
}

fn choices(options: &[(&str, String)], chosen: &str) -> Vec<Choice> {
    options
        .iter()
        .map(|(v, l)| Choice::new(*v, l.clone(), *v == chosen))
        .collect()
}

fn new_form(req: &HttpRequest, f: &NewForm) -> FormPage {
    let page = Page::new(req, "web-agency-new-title");
    let genders = [
        ("male", page.t("web-agency-gender-male")),
        ("female", page.t("web-agency-gender-female")),
    ];
    let countries: Vec<(&str, String)> = COUNTRIES
        .iter()
        .zip(COUNTRY_IDS)
        .map(|(c, id)| (*c, page.t(id)))
        .collect();
    let mut levels = vec![("", page.t("web-agency-russian-none"))];
    levels.extend(LEVELS.iter().map(|l| (*l, (*l).to_owned())));
    let methods = [
        ("in_person", page.t("web-agency-consent-method-in_person")),
        ("written", page.t("web-agency-consent-method-written")),
    ];
    let searchable = vec![Choice::new(
        "yes",
        page.t("web-agency-field-searchable-yes"),
        !f.searchable.is_empty(),
    )];
    let citizenship = if f.citizenship.is_empty() {
        "KG"
    } else {
        f.citizenship.as_str()
    };
    FormPage::new(page, "/agency/candidates/new", "web-agency-new-button")
        .intro("web-agency-new-intro")
        .field(
            "first_name",
            "web-agency-field-first-name",
            None,
            "text",
            "off",
            &f.first_name,
        )
        .field(
            "last_name",
            "web-agency-field-last-name",
            None,
            "text",
            "off",
            &f.last_name,
        )
        .field(
            "date_of_birth",
            "web-agency-field-date-of-birth",
            Some("web-agency-field-date-hint"),
            "date",
            "off",
            &f.date_of_birth,
        )
        .control(
            "gender",
            "web-agency-field-gender",
            None,
            Control::Radios(choices(&genders, &f.gender)),
            "",
        )
        .control(
            "citizenship",
            "web-agency-field-citizenship",
            None,
            Control::Select(choices(&countries, citizenship)),
            "",
        )
        .field(
            "passport_number",
            "web-agency-field-passport-number",
            Some("web-agency-field-passport-number-hint"),
            "text",
            "off",
            &f.passport_number,
        )
        .field(
            "passport_expiry",
            "web-agency-field-passport-expiry",
            Some("web-agency-field-date-hint"),
            "date",
            "off",
            &f.passport_expiry,
        )
        .field(
            "phone",
            "web-agency-field-phone",
            Some("web-agency-field-optional"),
            "tel",
            "off",
            &f.phone,
        )
        .field(
            "email",
            "web-agency-field-email",
            Some("web-agency-field-optional"),
            "email",
            "off",
            &f.email,
        )
        .control(
            "russian_level",
            "web-agency-field-russian-level",
            None,
            Control::Select(choices(&levels, &f.russian_level)),
            "",
        )
        .textarea(
            "skills",
            "web-agency-field-skills",
            Some("web-agency-field-optional"),
            &f.skills,
        )
        .field(
            "experience_years",
            "web-agency-field-experience-years",
            None,
            "number",
            "off",
            &f.experience_years,
        )
        .field(
            "salary_min",
            "web-agency-field-salary-min",
            Some("web-agency-field-optional"),
            "number",
            "off",
            &f.salary_min,
        )
        .control(
            "searchable",
            "web-agency-field-searchable",
            None,
            Control::Checkboxes(searchable),
            "",
        )
        .control(
            "consent_method",
            "web-agency-field-consent-method",
            Some("web-agency-field-consent-method-hint"),
            Control::Radios(choices(&methods, &f.consent_method)),
            "",
        )
        .link("/agency/candidates", "web-agency-candidates-title")
}

fn date_of(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> NaiveDate {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, "required"));
    } else if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return d;
    } else {
        errors.push(FieldError::new(field, "invalid_date"));
    }
    NaiveDate::MIN
}

fn number_of(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<i32> {
    let raw: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if raw.is_empty() {
        return None;
    }
    match raw.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError::new(field, "invalid_number"));
            None
        }
    }
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The form as the API's body, and what did not parse (as field errors).
fn to_new(f: &NewForm) -> (NewCandidate, Vec<FieldError>) {
    let mut errors = Vec::new();
    let date_of_birth = date_of("date_of_birth", &f.date_of_birth, &mut errors);
    let passport_expiry = date_of("passport_expiry", &f.passport_expiry, &mut errors);
    let experience_years = number_of("experience_years", &f.experience_years, &mut errors);
    let salary_min = number_of("salary_min", &f.salary_min, &mut errors);
    let languages = optional(&f.russian_level)
        .map(|level| LanguageSkill {
            code: "ru".into(),
            level,
        })
        .into_iter()
        .collect();
    let input = NewCandidate {
        first_name: f.first_name.clone(),
        last_name: f.last_name.clone(),
        date_of_birth,
        gender: f.gender.clone(),
        citizenship: f.citizenship.clone(),
        passport_number: f.passport_number.clone(),
        passport_expiry,
        email: optional(&f.email),
        phone: optional(&f.phone),
        languages,
        occupations: Vec::new(),
        skills: f.skills.clone(),
        experience_years: experience_years.unwrap_or(0),
        education_level: None,
        preferred_regions: Vec::new(),
        salary_min,
        available_from: None,
        searchable: !f.searchable.is_empty(),
        consent: optional(&f.consent_method).map(|method| ConsentInput { method }),
    };
    (input, errors)
}

/// The service's field names as the form's.
fn on_form(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        if e.field.starts_with("consent") {
            e.field = "consent_method".into();
        } else if e.field.starts_with("languages") {
            e.field = "russian_level".into();
        }
    }
    errors
}

/// `GET /agency/candidates/new`.
pub async fn new(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let form = new_form(&req, &NewForm::default());
    let banner = banner(&state, &user, &form.page).await?;
    AgencyForm::new(form, banner).respond(StatusCode::OK)
}

/// `POST /agency/candidates/new`: `services::candidates::create_candidate`, as
/// `POST /api/v1/candidates` for an agency.
pub async fn create(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    CsrfForm(f): CsrfForm<NewForm>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let form = new_form(&req, &f);
    let banner = banner(&state, &user, &form.page).await?;
    let (input, mut errors) = to_new(&f);
    if !errors.is_empty() {
        // Every other problem too, by the same rules the service applies (the parse errors
        // come first, so they are the ones shown for their fields).
        let today = Utc::now().date_naive();
        errors.extend(input.check(Role::Agency, today).err().unwrap_or_default());
        return AgencyForm::new(form.errors(&on_form(errors)), banner)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    match service::create_candidate(&state, &user.auth.caller(), input).await {
        Ok(created) => Ok(see_other(&format!(
            "/agency/candidates/{}",
            created.profile.id
        ))),
        Err(e) => refused_form(form, banner, e, "passport_number"),
    }
}

/// A form sent back with the service's refusal: field errors (422), the licence (403), a
/// conflict (409) — in the page's language, with what was typed.
fn refused_form(
    form: FormPage,
    banner: Option<Banner>,
    e: AppError,
    conflict_field: &str,
) -> Result<HttpResponse, WebError> {
    let status = e.code.status();
    let message_id = match e.code {
        ErrorCode::ValidationFailed => {
            let errors = on_form(validation(e)?);
            return AgencyForm::new(form.errors(&errors), banner)
                .respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
        ErrorCode::LicenceNotActive => "web-agency-disabled-reason",
        ErrorCode::Conflict if conflict_field == "passport_number" => {
            "web-agency-error-passport-taken"
        }
        ErrorCode::Conflict => "web-agency-error-conflict",
        ErrorCode::ConsentRequired => "web-agency-error-consent-required",
        ErrorCode::AlreadyOpen => "web-agency-error-already-open",
        ErrorCode::RegionNotLicensed => "web-agency-error-region-not-licensed",
        ErrorCode::NotFound => "web-agency-error-vacancy-gone",
        ErrorCode::Forbidden => "web-agency-error-not-approved",
        _ => return Err(e.into()),
    };
    let page = form.error_on(conflict_field, message_id);
    AgencyForm::new(page, banner).respond(status)
}

pub struct Row {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "agency/candidate.html")]
struct ShowPage {
    page: Page,
    banner: Option<Banner>,
    /// The profile, unless the service refused it (licence not active).
    found: bool,
    id: Uuid,
    rows: Vec<Row>,
    consents: Vec<ConsentRow>,
}

fn profile_rows(page: &Page, v: &ProfileView) -> Vec<Row> {
    let p = &v.profile;
    let row = |id: &str, value: String| Row {
        label: page.t(id),
        value,
    };
    let gender = match p.gender.as_str() {
        "male" => page.t("web-agency-gender-male"),
        "female" => page.t("web-agency-gender-female"),
        other => other.to_owned(),
    };
    let dash = || "—".to_owned();
    let russian = v
        .languages
        .iter()
        .find(|l| l.code == "ru")
        .map(|l| l.level.clone())
        .unwrap_or_else(|| page.t("web-agency-russian-none"));
    vec![
        row(
            "web-agency-field-date-of-birth",
            p.date_of_birth.to_string(),
        ),
        row("web-agency-field-gender", gender),
        row(
            "web-agency-field-citizenship",
            country_label(page, &p.citizenship),
        ),
        row(
            "web-agency-field-passport-number",
            v.passport_number.clone(),
        ),
        row(
            "web-agency-field-passport-expiry",
            p.passport_expiry.to_string(),
        ),
        row(
            "web-agency-field-phone",
            p.phone.clone().unwrap_or_else(dash),
        ),
        row(
            "web-agency-field-email",
            p.email.clone().unwrap_or_else(dash),
        ),
        row("web-agency-field-russian-level", russian),
        row(
            "web-agency-field-experience-years",
            p.experience_years.to_string(),
        ),
        row(
            "web-agency-field-salary-min",
            p.salary_min.map(roubles).unwrap_or_else(dash),
        ),
        row(
            "web-agency-field-skills",
            Some(p.skills.clone())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(dash),
        ),
    ]
}

/// `GET /agency/candidates/{id}`: the profile as the agency may see it, and its consents.
pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let agency = agency_of(&user)?;
    let id = parse_id(&path)?;
    let mut page = Page::new(&req, "web-agency-candidate-title");
    let banner = banner(&state, &user, &page).await?;
    let found = match service::get_candidate(&state, &user.auth.caller(), id.into()).await {
        Ok(v) => Some(v),
        Err(e) if licence_refused(e.code) => None,
        Err(e) => return Err(e.into()),
    };
    let (rows, consents) = match &found {
        Some(v) => {
            page.title = format!("{} {}", v.profile.first_name, v.profile.last_name);
            (
                profile_rows(&page, v),
                consent_rows(&page, &v.represented_by, agency.uuid()),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    render(
        StatusCode::OK,
        &ShowPage {
            page,
            banner,
            found: found.is_some(),
            id,
            rows,
            consents,
        },
    )
}

#[derive(Deserialize, Default)]
pub struct Nothing {}

/// `POST /agency/candidates/{id}/consents/{consent_id}/revoke`: the agency ends its
/// representation (`services::candidates::revoke_consent`, as `DELETE …/consents/{id}`).
pub async fn revoke(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let (id, consent) = (parse_id(&path.0)?, parse_id(&path.1)?);
    service::revoke_consent(&state, &user.auth.caller(), id.into(), consent.into()).await?;
    Ok(see_other("/agency/candidates"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProposeForm {
    vacancy_id: String,
}

async fn propose_form(
    req: &HttpRequest,
    user: &WebUser,
    state: &AppState,
    id: Uuid,
    chosen: &str,
) -> Result<(FormPage, Option<Banner>), WebError> {
    let page = Page::new(req, "web-agency-propose-title");
    let banner = banner(state, user, &page).await?;
    let caption = match service::get_candidate(state, &user.auth.caller(), id.into()).await {
        Ok(v) => Some(format!("{} {}", v.profile.first_name, v.profile.last_name)),
        Err(e) if licence_refused(e.code) => None,
        Err(e) => return Err(e.into()),
    };
    let principal = user.auth.principal;
    let open = vacancies::list_vacancies(
        state,
        Some(&principal),
        VacancyListing::default(),
        None,
        LIMIT,
    )
    .await?;
    let mut options = vec![Choice::new(
        "",
        page.t("web-agency-propose-choose"),
        chosen.is_empty(),
    )];
    options.extend(open.iter().take(LIMIT as usize).map(|v| {
        let label = format!(
            "{} — {}, {} · {}–{} ₽",
            v.title,
            v.city,
            v.region_code,
            roubles(v.salary_min),
            roubles(v.salary_max)
        );
        Choice::new(v.id.to_string(), label, v.id.to_string() == chosen)
    }));
    let mut form = FormPage::new(
        page,
        &format!("/agency/candidates/{id}/propose"),
        "web-agency-propose-button",
    )
    .intro("web-agency-propose-intro")
    .control(
        "vacancy_id",
        "web-agency-field-vacancy",
        Some("web-agency-field-vacancy-hint"),
        Control::Select(options),
        "",
    )
    .link(
        &format!("/agency/candidates/{id}"),
        "web-agency-back-to-candidate",
    );
    if let Some(c) = caption {
        form = form.caption(c);
    }
    Ok((form, banner))
}

/// `GET /agency/candidates/{id}/propose`: pick an open vacancy.
pub async fn propose(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let id = parse_id(&path)?;
    let (form, banner) = propose_form(&req, &user, &state, id, "").await?;
    AgencyForm::new(form, banner).respond(StatusCode::OK)
}

/// `POST /agency/candidates/{id}/propose`: `services::placements::create_placement`, as
/// `POST /api/v1/placements` for an agency (origin: proposal).
pub async fn propose_submit(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<ProposeForm>,
) -> Result<HttpResponse, WebError> {
    agency_of(&user)?;
    let id = parse_id(&path)?;
    let (form, banner) = propose_form(&req, &user, &state, id, &f.vacancy_id).await?;
    let Ok(vacancy) = Uuid::parse_str(f.vacancy_id.trim()) else {
        let code = if f.vacancy_id.trim().is_empty() {
            "required"
        } else {
            "unknown_value"
        };
        return AgencyForm::new(form.errors(&[FieldError::new("vacancy_id", code)]), banner)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    };
    let input = NewPlacement {
        vacancy: vacancy.into(),
        candidate: Some(id.into()),
    };
    match placements::create_placement(&state, &user.auth.caller(), input).await {
        Ok(created) => Ok(see_other(&format!(
            "/agency/placements/{}",
            created.placement.id
        ))),
        Err(e) => refused_form(form, banner, e, "vacancy_id"),
    }
}
