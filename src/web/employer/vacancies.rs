//! `/employer/vacancies…`: the organisation's vacancies in every status, the form to draft one
//! and to edit it (the fields and rules of `POST /api/v1/vacancies`), and the vacancy's page with
//! its status steps (publish, pause, mark filled, close — as `POST /vacancies/{id}/status`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::{date, employer, int, parse_id, refusal, with_errors};
use crate::db::models::reference::Region;
use crate::db::models::vacancy::Vacancy;
use crate::domain::access::owns_vacancy;
use crate::domain::vacancy::{Edit, VacancyPatch, VacancyStatus, VacancyTerms};
use crate::error::FieldError;
use crate::services::vacancies::{self as service, employer_of, VacancyListing};
use crate::services::{reference, Caller};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::public::search::salary_text;
use crate::web::public::{occupation_name, region_name};
use crate::web::session::{CsrfForm, WebUser};

/// Status names (`web-employer-status-<status>`).
pub const STATUS_IDS: [&str; 6] = [
    "web-employer-status-draft",
    "web-employer-status-published",
    "web-employer-status-paused",
    "web-employer-status-filled",
    "web-employer-status-closed",
    "web-employer-status-expired",
];

/// The button of each status an employer may ask for (`web-employer-action-<status>`).
pub const ACTION_IDS: [&str; 4] = [
    "web-employer-action-published",
    "web-employer-action-paused",
    "web-employer-action-filled",
    "web-employer-action-closed",
];

/// The status as of today (a listed vacancy past its date reads expired).
pub fn status_of(v: &Vacancy) -> VacancyStatus {
    v.status().effective(v.expires_on, Utc::now().date_naive())
}

/// A status tag: its text and its colour class.
pub struct Tag {
    pub text: String,
    pub class: &'static str,
}

pub fn status_tag(page: &Page, status: VacancyStatus) -> Tag {
    Tag {
        text: page.t(&format!("web-employer-status-{}", status.as_str())),
        class: match status {
            VacancyStatus::Published => "tag tag--green",
            VacancyStatus::Draft | VacancyStatus::Paused => "tag tag--grey",
            VacancyStatus::Filled => "tag",
            VacancyStatus::Closed | VacancyStatus::Expired => "tag tag--red",
        },
    }
}

pub struct Row {
    pub href: String,
    pub title: String,
    pub tag: Tag,
    pub positions: String,
    pub open_until: String,
}

#[derive(Template)]
#[template(path = "employer/vacancies.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
}

/// `GET /employer/vacancies`.
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let own = employer_of(&caller.principal)?;
    let listing = VacancyListing {
        employer: Some(own),
        ..Default::default()
    };
    let rows = service::list_vacancies(&state, Some(&caller.principal), listing, None, 200).await?;
    let page = Page::new(&req, "web-employer-vacancies-title");
    let rows = rows
        .iter()
        .map(|v| Row {
            href: format!("/employer/vacancies/{}", v.id),
            title: v.title.clone(),
            tag: status_tag(&page, status_of(v)),
            positions: page.t1(
                "web-employer-positions-filled",
                "filled",
                i64::from(v.positions_filled),
            ) + " / "
                + &page.t1(
                    "web-employer-positions-open",
                    "open",
                    i64::from(v.positions_left()),
                ),
            open_until: v.expires_on.to_string(),
        })
        .collect();
    render(StatusCode::OK, &ListPage { page, rows })
}

/// What the vacancy form sends, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct VacancyForm {
    title: String,
    occupation: String,
    description: String,
    required_skills: String,
    optional_skills: String,
    region: String,
    city: String,
    positions: String,
    salary_min: String,
    salary_max: String,
    housing: String,
    hours_per_week: String,
    contract_months: String,
    russian_level_min: String,
    start_date: String,
    expires_on: String,
}

/// One skill a line (commas also separate them).
fn skills(raw: &str) -> Vec<String> {
    raw.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl VacancyForm {
    fn of(v: &Vacancy) -> VacancyForm {
        VacancyForm {
            title: v.title.clone(),
            occupation: v.occupation_code.clone(),
            description: v.description.clone(),
            required_skills: v.required_skills.join("\n"),
            optional_skills: v.optional_skills.join("\n"),
            region: v.region_code.clone(),
            city: v.city.clone(),
            positions: v.positions.to_string(),
            salary_min: v.salary_min.to_string(),
            salary_max: v.salary_max.to_string(),
            housing: if v.housing { "yes" } else { "no" }.into(),
            hours_per_week: v.hours_per_week.to_string(),
            contract_months: v.contract_months.to_string(),
            russian_level_min: v.russian_level_min.clone().unwrap_or_default(),
            start_date: v.start_date.to_string(),
            expires_on: v.expires_on.to_string(),
        }
    }

    /// The terms typed, or the errors of the fields that do not read as numbers or dates
    /// (with the rules' errors on the other fields, so the summary lists every problem at once).
    fn terms(&self, edit: Edit) -> Result<VacancyTerms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let today = Utc::now().date_naive();
        let terms = VacancyTerms {
            title: self.title.clone(),
            occupation: self.occupation.trim().to_owned(),
            description: self.description.clone(),
            required_skills: skills(&self.required_skills),
            optional_skills: skills(&self.optional_skills),
            region: self.region.trim().to_owned(),
            city: self.city.clone(),
            positions: int("positions", &self.positions, &mut errors),
            salary_min: int("salary_min", &self.salary_min, &mut errors),
            salary_max: int("salary_max", &self.salary_max, &mut errors),
            housing: self.housing == "yes",
            meals: false,
            transport: false,
            hours_per_week: int("hours_per_week", &self.hours_per_week, &mut errors),
            contract_months: int("contract_months", &self.contract_months, &mut errors),
            russian_level_min: Some(self.russian_level_min.trim().to_owned())
                .filter(|l| !l.is_empty()),
            start_date: date("start_date", &self.start_date, &mut errors).unwrap_or(today),
            expires_on: date("expires_on", &self.expires_on, &mut errors).unwrap_or(today),
            open_to_foreign: true,
        };
        if errors.is_empty() {
            return Ok(terms);
        }
        if let Err(more) = terms.clone().normalised().check(edit, today) {
            errors.extend(more);
        }
        Err(errors)
    }
}

/// The reference lists the form chooses from.
struct Lists {
    regions: Vec<Region>,
    occupations: Vec<crate::db::models::reference::Occupation>,
}

async fn lists(state: &AppState) -> Result<Lists, WebError> {
    Ok(Lists {
        regions: reference::regions(state, Some("RU".into())).await?,
        occupations: reference::occupations(state).await?,
    })
}

const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

fn vacancy_form(
    page: Page,
    action: &str,
    submit_id: &str,
    f: &VacancyForm,
    lists: &Lists,
) -> FormPage {
    let locale = page.locale;
    let choose = page.t("web-employer-choose");
    let mut occupations = vec![Choice::new("", choose.clone(), f.occupation.is_empty())];
    occupations.extend(lists.occupations.iter().map(|o| {
        Choice::new(
            o.code.clone(),
            format!(
                "{} {}",
                o.code,
                occupation_name(&o.name_ru, &o.name_en, locale)
            ),
            o.code == f.occupation.trim(),
        )
    }));
    let mut regions = vec![Choice::new("", choose, f.region.is_empty())];
    regions.extend(lists.regions.iter().map(|r| {
        Choice::new(
            r.code.clone(),
            region_name(r, locale),
            r.code == f.region.trim(),
        )
    }));
    let mut levels = vec![Choice::new(
        "",
        page.t("web-employer-vacancy-russian-none"),
        f.russian_level_min.trim().is_empty(),
    )];
    levels.extend(
        LEVELS
            .iter()
            .map(|l| Choice::new(*l, *l, f.russian_level_min.trim() == *l)),
    );
    let housing = vec![
        Choice::new("yes", page.t("web-yes"), f.housing == "yes"),
        Choice::new("no", page.t("web-no"), f.housing != "yes"),
    ];
    FormPage::new(page, action, submit_id)
        .field(
            "title",
            "web-employer-vacancy-title",
            None,
            "text",
            "off",
            &f.title,
        )
        .control(
            "occupation",
            "web-employer-vacancy-occupation",
            None,
            Control::Select(occupations),
            "",
        )
        .textarea(
            "description",
            "web-employer-vacancy-description",
            Some("web-employer-vacancy-description-hint"),
            &f.description,
        )
        .textarea(
            "required_skills",
            "web-employer-vacancy-required-skills",
            Some("web-employer-vacancy-skills-hint"),
            &f.required_skills,
        )
        .textarea(
            "optional_skills",
            "web-employer-vacancy-optional-skills",
            Some("web-employer-vacancy-skills-hint"),
            &f.optional_skills,
        )
        .control(
            "region",
            "web-employer-vacancy-region",
            None,
            Control::Select(regions),
            "",
        )
        .field(
            "city",
            "web-employer-vacancy-city",
            None,
            "text",
            "off",
            &f.city,
        )
        .field(
            "positions",
            "web-employer-vacancy-positions",
            None,
            "number",
            "off",
            &f.positions,
        )
        .field(
            "salary_min",
            "web-employer-vacancy-salary-min",
            Some("web-employer-vacancy-salary-hint"),
            "number",
            "off",
            &f.salary_min,
        )
        .field(
            "salary_max",
            "web-employer-vacancy-salary-max",
            Some("web-employer-vacancy-salary-hint"),
            "number",
            "off",
            &f.salary_max,
        )
        .control(
            "housing",
            "web-employer-vacancy-housing",
            None,
            Control::Radios(housing),
            "",
        )
        .field(
            "hours_per_week",
            "web-employer-vacancy-hours",
            None,
            "number",
            "off",
            &f.hours_per_week,
        )
        .field(
            "contract_months",
            "web-employer-vacancy-months",
            None,
            "number",
            "off",
            &f.contract_months,
        )
        .control(
            "russian_level_min",
            "web-employer-vacancy-russian",
            None,
            Control::Select(levels),
            "",
        )
        .field(
            "start_date",
            "web-employer-vacancy-start",
            Some("web-employer-date-hint"),
            "date",
            "off",
            &f.start_date,
        )
        .field(
            "expires_on",
            "web-employer-vacancy-expires",
            Some("web-employer-vacancy-expires-hint"),
            "date",
            "off",
            &f.expires_on,
        )
        .link("/employer/vacancies", "web-employer-back-to-vacancies")
}

/// `GET /employer/vacancies/new`.
pub async fn new(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    employer(&user)?;
    let lists = lists(&state).await?;
    let f = VacancyForm {
        housing: "no".into(),
        ..Default::default()
    };
    let page = Page::new(&req, "web-employer-vacancy-new-title");
    vacancy_form(
        page,
        "/employer/vacancies/new",
        "web-employer-vacancy-create",
        &f,
        &lists,
    )
    .respond(StatusCode::OK)
}

/// `POST /employer/vacancies/new`: drafts the vacancy, then its page.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<VacancyForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let result = match f.terms(Edit::Create) {
        Ok(terms) => service::create_vacancy(&state, &caller, terms)
            .await
            .map_err(validation),
        Err(errors) => Err(Ok(errors)),
    };
    match result {
        Ok(v) => Ok(see_other(&format!("/employer/vacancies/{}", v.id))),
        Err(errors) => {
            let errors = errors?;
            let lists = lists(&state).await?;
            let page = Page::new(&req, "web-employer-vacancy-new-title");
            let form = vacancy_form(
                page,
                "/employer/vacancies/new",
                "web-employer-vacancy-create",
                &f,
                &lists,
            );
            with_errors(form, &errors).respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// The caller's own vacancy (someone else's — even a published one — is the 404 page).
pub async fn own_vacancy(
    state: &AppState,
    caller: &Caller,
    raw_id: &str,
) -> Result<Vacancy, WebError> {
    let id = parse_id(raw_id)?;
    let (v, _) = service::vacancy_with_employer(state, Some(&caller.principal), id.into()).await?;
    if !owns_vacancy(Some(&caller.principal), v.employer()) {
        return Err(WebError::not_found());
    }
    Ok(v)
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

pub struct Action {
    pub status: &'static str,
    pub text: String,
    pub warning: bool,
}

#[derive(Template)]
#[template(path = "employer/vacancy.html")]
struct VacancyPage {
    page: Page,
    id: String,
    tag: Tag,
    facts: Vec<Fact>,
    description: Vec<String>,
    actions: Vec<Action>,
    editable: bool,
    refused: Option<String>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    saved: Option<String>,
}

async fn vacancy_page(
    req: &HttpRequest,
    state: &AppState,
    v: Vacancy,
    refused: Option<(StatusCode, String)>,
) -> Result<HttpResponse, WebError> {
    let regions = reference::regions(state, Some("RU".into())).await?;
    let occupations = reference::occupations(state).await?;
    let mut page = Page::new(req, "web-employer-vacancy-title");
    page.title = v.title.clone();
    let locale = page.locale;
    let status = status_of(&v);
    let region = regions
        .iter()
        .find(|r| r.code == v.region_code)
        .map(|r| region_name(r, locale))
        .unwrap_or_else(|| v.region_code.clone());
    let occupation = occupations
        .iter()
        .find(|o| o.code == v.occupation_code)
        .map(|o| {
            format!(
                "{} {}",
                o.code,
                occupation_name(&o.name_ru, &o.name_en, locale)
            )
        })
        .unwrap_or_else(|| v.occupation_code.clone());
    let fact = |label: &str, value: String| Fact {
        label: page.t(label),
        value,
    };
    let none = page.t("web-employer-none");
    let facts = vec![
        fact("web-employer-vacancy-occupation", occupation),
        fact(
            "web-employer-vacancy-place",
            format!("{}, {region}", v.city),
        ),
        fact(
            "web-employer-vacancy-positions",
            page.t1(
                "web-employer-positions-filled",
                "filled",
                i64::from(v.positions_filled),
            ) + " / "
                + &page.t1(
                    "web-employer-positions-open",
                    "open",
                    i64::from(v.positions_left()),
                ),
        ),
        fact(
            "web-employer-vacancy-salary",
            salary_text(&page, v.salary_min, v.salary_max),
        ),
        fact(
            "web-employer-vacancy-housing",
            page.t(if v.housing { "web-yes" } else { "web-no" }),
        ),
        fact(
            "web-employer-vacancy-hours",
            i64::from(v.hours_per_week).to_string(),
        ),
        fact(
            "web-employer-vacancy-months",
            i64::from(v.contract_months).to_string(),
        ),
        fact(
            "web-employer-vacancy-russian",
            v.russian_level_min.clone().unwrap_or_else(|| none.clone()),
        ),
        fact(
            "web-employer-vacancy-required-skills",
            if v.required_skills.is_empty() {
                none.clone()
            } else {
                v.required_skills.join(", ")
            },
        ),
        fact(
            "web-employer-vacancy-optional-skills",
            if v.optional_skills.is_empty() {
                none.clone()
            } else {
                v.optional_skills.join(", ")
            },
        ),
        fact("web-employer-vacancy-start", v.start_date.to_string()),
        fact("web-employer-vacancy-expires", v.expires_on.to_string()),
    ];
    let actions = VacancyStatus::REQUESTABLE
        .into_iter()
        .filter(|to| status.can_become(*to))
        .map(|to| Action {
            status: to.as_str(),
            text: page.t(&format!("web-employer-action-{}", to.as_str())),
            warning: to == VacancyStatus::Closed,
        })
        .collect();
    let (code, refused) = match refused {
        Some((code, text)) => (code, Some(text)),
        None => (StatusCode::OK, None),
    };
    let saved = crate::web::form::query::<ShowQuery>(req).saved.is_some();
    render(
        code,
        &VacancyPage {
            id: v.id.to_string(),
            tag: status_tag(&page, status),
            description: v
                .description
                .split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            editable: status.is_editable(),
            facts,
            actions,
            refused,
            saved,
            page,
        },
    )
}

/// `GET /employer/vacancies/{id}`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let v = own_vacancy(&state, &caller, &path).await?;
    vacancy_page(&req, &state, v, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

/// `POST /employer/vacancies/{id}/status`: one status step; a refused one is explained on the
/// vacancy's page.
pub async fn change_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<StatusForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let v = own_vacancy(&state, &caller, &path).await?;
    let Some(to) = f
        .status
        .parse::<VacancyStatus>()
        .ok()
        .filter(|s| VacancyStatus::REQUESTABLE.contains(s))
    else {
        return Err(WebError::bad_request());
    };
    match service::change_status(&state, &caller, v.vacancy_id(), to).await {
        Ok(v) => Ok(see_other(&format!("/employer/vacancies/{}?saved=1", v.id))),
        Err(e) => {
            let page = Page::new(&req, "web-employer-vacancy-title");
            let why = if e.code == crate::error::ErrorCode::ValidationFailed {
                // A listing date in the past: say so (the edit fixes it).
                let text = e
                    .fields
                    .first()
                    .map(|f| super::error_message(&page, f))
                    .unwrap_or_else(|| page.t("web-employer-refused"));
                (StatusCode::UNPROCESSABLE_ENTITY, text)
            } else {
                refusal(&page, e)?
            };
            vacancy_page(&req, &state, v, Some(why)).await
        }
    }
}

/// `GET /employer/vacancies/{id}/edit`.
pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let v = own_vacancy(&state, &caller, &path).await?;
    let lists = lists(&state).await?;
    let page = Page::new(&req, "web-employer-vacancy-edit-title");
    let action = format!("/employer/vacancies/{}/edit", v.id);
    vacancy_form(
        page,
        &action,
        "web-employer-vacancy-save",
        &VacancyForm::of(&v),
        &lists,
    )
    .caption(v.title.clone())
    .respond(StatusCode::OK)
}

/// `POST /employer/vacancies/{id}/edit`: saves the whole form as one change.
pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<VacancyForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let v = own_vacancy(&state, &caller, &path).await?;
    let result = match f.terms(Edit::Update) {
        Ok(t) => {
            let patch = VacancyPatch {
                title: Some(t.title),
                occupation: Some(t.occupation),
                description: Some(t.description),
                required_skills: Some(t.required_skills),
                optional_skills: Some(t.optional_skills),
                region: Some(t.region),
                city: Some(t.city),
                positions: Some(t.positions),
                salary_min: Some(t.salary_min),
                salary_max: Some(t.salary_max),
                housing: Some(t.housing),
                hours_per_week: Some(t.hours_per_week),
                contract_months: Some(t.contract_months),
                start_date: Some(t.start_date),
                expires_on: Some(t.expires_on),
                russian_level_min: Some(t.russian_level_min),
                ..Default::default()
            };
            service::update_vacancy(&state, &caller, v.vacancy_id(), patch).await
        }
        Err(errors) => {
            return edit_again(&req, &state, &v, &f, &errors, None).await;
        }
    };
    match result {
        Ok(v) => Ok(see_other(&format!("/employer/vacancies/{}?saved=1", v.id))),
        Err(e) => {
            let page = Page::new(&req, "web-employer-vacancy-edit-title");
            if e.code == crate::error::ErrorCode::ValidationFailed {
                return edit_again(&req, &state, &v, &f, &e.fields, None).await;
            }
            let (_, why) = refusal(&page, e)?;
            edit_again(&req, &state, &v, &f, &[], Some(why)).await
        }
    }
}

async fn edit_again(
    req: &HttpRequest,
    state: &AppState,
    v: &Vacancy,
    f: &VacancyForm,
    errors: &[FieldError],
    refused: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lists = lists(state).await?;
    let page = Page::new(req, "web-employer-vacancy-edit-title");
    let action = format!("/employer/vacancies/{}/edit", v.id);
    let form = vacancy_form(page, &action, "web-employer-vacancy-save", f, &lists)
        .caption(v.title.clone());
    let form = match refused {
        Some(why) => form.error_text("title", why),
        None => with_errors(form, errors),
    };
    form.respond(StatusCode::UNPROCESSABLE_ENTITY)
}
