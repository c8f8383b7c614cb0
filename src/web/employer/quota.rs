//! `/employer/quota…`: the organisation's quota applications and their states, the form to
//! apply (as `POST /quota/applications`) and the submission of a draft (the employer's step).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Datelike, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{employer, int, parse_id, refusal, with_errors};
use crate::db::models::quota::ApplicationFilter;
use crate::domain::quota::ApplicationState;
use crate::domain::text;
use crate::error::FieldError;
use crate::services::quota::{self as service, NewApplication};
use crate::services::vacancies::{self as vacancies, employer_of, VacancyListing};
use crate::services::{reference, Caller};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::public::{occupation_name, region_name};
use crate::web::session::{CsrfForm, WebUser};

/// An application's state (`web-employer-quota-state-<state>`).
pub const QUOTA_STATE_IDS: [&str; 7] = [
    "web-employer-quota-state-draft",
    "web-employer-quota-state-submitted",
    "web-employer-quota-state-under_review",
    "web-employer-quota-state-approved",
    "web-employer-quota-state-partially_approved",
    "web-employer-quota-state-rejected",
    "web-employer-quota-state-withdrawn",
];

pub struct Row {
    pub id: String,
    pub year: i32,
    pub region: String,
    pub occupation: String,
    pub requested: i32,
    pub granted: String,
    pub state: String,
    pub draft: bool,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "employer/quota.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    refused: Option<String>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    saved: Option<String>,
}

async fn list_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    refused: Option<(StatusCode, String)>,
) -> Result<HttpResponse, WebError> {
    let apps =
        service::list_applications(state, &caller.principal, ApplicationFilter::default()).await?;
    let regions = reference::regions(state, Some("RU".into())).await?;
    let page = Page::new(req, "web-employer-quota-title");
    let locale = page.locale;
    let rows = apps
        .iter()
        .map(|a| Row {
            id: a.id.to_string(),
            year: a.year,
            region: regions
                .iter()
                .find(|r| r.code == a.region_code)
                .map(|r| region_name(r, locale))
                .unwrap_or_else(|| a.region_code.clone()),
            occupation: a.occupation_code.clone(),
            requested: a.workers_requested,
            granted: format!("{} / {}", a.workers_granted, a.used),
            state: page.t(&format!("web-employer-quota-state-{}", a.state().as_str())),
            draft: a.state() == ApplicationState::Draft,
            reason: a.decision_reason.clone(),
        })
        .collect();
    let (status, refused) = match refused {
        Some((s, t)) => (s, Some(t)),
        None => (StatusCode::OK, None),
    };
    let saved = crate::web::form::query::<ShowQuery>(req).saved.is_some();
    render(
        status,
        &ListPage {
            page,
            rows,
            refused,
            saved,
        },
    )
}

/// `GET /employer/quota`.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    list_page(&req, &state, &caller, None).await
}

/// `POST /employer/quota/{id}/submit`: sends a draft to the ministry (the local-hiring test and
/// a closed occupation are refusals on the list).
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let id = parse_id(&path)?;
    match service::step_application(&state, &caller, id, ApplicationState::Submitted, None, None)
        .await
    {
        Ok(_) => Ok(see_other("/employer/quota?saved=1")),
        Err(e) => {
            let page = Page::new(&req, "web-employer-quota-title");
            let why = refusal(&page, e)?;
            list_page(&req, &state, &caller, Some(why)).await
        }
    }
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ApplyForm {
    year: String,
    region_code: String,
    occupation_code: String,
    workers_requested: String,
    justification: String,
    vacancy_id: String,
}

async fn apply_form(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    f: &ApplyForm,
) -> Result<FormPage, WebError> {
    let own = employer_of(&caller.principal)?;
    let listing = VacancyListing {
        employer: Some(own),
        ..Default::default()
    };
    let own_vacancies =
        vacancies::list_vacancies(state, Some(&caller.principal), listing, None, 200).await?;
    let regions = reference::regions(state, Some("RU".into())).await?;
    let occupations = reference::occupations(state).await?;
    let page = Page::new(req, "web-employer-quota-new-title");
    let locale = page.locale;
    let choose = page.t("web-employer-choose");
    let mut region_opts = vec![Choice::new("", choose.clone(), f.region_code.is_empty())];
    region_opts.extend(regions.iter().map(|r| {
        Choice::new(
            r.code.clone(),
            region_name(r, locale),
            r.code == f.region_code,
        )
    }));
    let mut occ_opts = vec![Choice::new(
        "",
        choose.clone(),
        f.occupation_code.is_empty(),
    )];
    occ_opts.extend(occupations.iter().map(|o| {
        Choice::new(
            o.code.clone(),
            format!(
                "{} {}",
                o.code,
                occupation_name(&o.name_ru, &o.name_en, locale)
            ),
            o.code == f.occupation_code,
        )
    }));
    let mut vacancy_opts = vec![Choice::new("", choose, f.vacancy_id.is_empty())];
    vacancy_opts.extend(own_vacancies.iter().map(|v| {
        Choice::new(
            v.id.to_string(),
            v.title.clone(),
            v.id.to_string() == f.vacancy_id,
        )
    }));
    Ok(
        FormPage::new(page, "/employer/quota/new", "web-employer-quota-apply")
            .intro("web-employer-quota-new-intro")
            .field(
                "year",
                "web-employer-quota-year",
                None,
                "number",
                "off",
                &f.year,
            )
            .control(
                "region_code",
                "web-employer-vacancy-region",
                None,
                Control::Select(region_opts),
                "",
            )
            .control(
                "occupation_code",
                "web-employer-vacancy-occupation",
                None,
                Control::Select(occ_opts),
                "",
            )
            .field(
                "workers_requested",
                "web-employer-quota-workers",
                None,
                "number",
                "off",
                &f.workers_requested,
            )
            .textarea(
                "justification",
                "web-employer-quota-justification",
                Some("web-employer-quota-justification-hint"),
                &f.justification,
            )
            .control(
                "vacancy_id",
                "web-employer-quota-vacancy",
                Some("web-employer-quota-vacancy-hint"),
                Control::Select(vacancy_opts),
                "",
            )
            .link("/employer/quota", "web-employer-quota-title"),
    )
}

/// `GET /employer/quota/new`.
pub async fn new(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let f = ApplyForm {
        year: Utc::now().year().to_string(),
        ..Default::default()
    };
    apply_form(&req, &state, &caller, &f)
        .await?
        .respond(StatusCode::OK)
}

/// `POST /employer/quota/new`: drafts the application.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<ApplyForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let mut errors = Vec::new();
    let year = int("year", &f.year, &mut errors);
    let workers = int("workers_requested", &f.workers_requested, &mut errors);
    let vacancy: Option<Uuid> = f.vacancy_id.trim().parse().ok();
    if vacancy.is_none() {
        errors.push(FieldError::new("vacancy_id", "required"));
    }
    let result = match vacancy.filter(|_| errors.is_empty()) {
        Some(vacancy_id) => {
            let input = NewApplication {
                year,
                region: text::clean(&f.region_code),
                occupation: text::clean(&f.occupation_code),
                workers,
                justification: text::clean(&f.justification),
                vacancy_id,
            };
            service::create_application(&state, &caller, input).await
        }
        None => Err(crate::error::AppError::validation(errors)),
    };
    match result {
        Ok(_) => Ok(see_other("/employer/quota?saved=1")),
        Err(e) => {
            let form = apply_form(&req, &state, &caller, &f).await?;
            if e.code == crate::error::ErrorCode::ValidationFailed {
                let fields = validation(e)?;
                return with_errors(form, &fields).respond(StatusCode::UNPROCESSABLE_ENTITY);
            }
            let (status, why) = refusal(&form.page, e)?;
            form.error_text("region_code", why).respond(status)
        }
    }
}
