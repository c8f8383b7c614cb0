//! `GET /check`: "is this real?" — a migrant types or scans the code from a contract, an offer
//! or an agency's papers, or an agency's licence number or name, and sees whether it is real
//! and valid today. The same services answer as in the API (`services::verify`,
//! `services::licences`), with the same limit on checks per client.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use crate::auth::throttle;
use crate::domain::text;
use crate::error::ErrorCode;
use crate::services::licences::{self, AgencyListing};
use crate::services::verify::{self, Subject, Verification};
use crate::state::AppState;
use crate::web::layout::{render, FormError, Page, WebError};
use crate::web::public::vacancy::Fact;

/// Agencies listed for a name.
const NAME_MATCHES: i64 = 10;

/// One agency found by name or number.
pub struct AgencyView {
    pub name: String,
    pub licence: String,
    pub status: String,
    pub valid: bool,
    pub valid_to: String,
}

/// What the check found.
pub enum Outcome {
    /// Nothing asked yet.
    Form,
    /// A verification code, with what it stands for.
    Code {
        valid: bool,
        heading: String,
        facts: Vec<Fact>,
        link: Option<String>,
    },
    /// Agencies by licence number or name.
    Agencies(Vec<AgencyView>),
    /// Nothing: the document may be fake.
    Unknown,
}

#[derive(Template)]
#[template(path = "public/check.html")]
struct CheckPage {
    page: Page,
    input: String,
    errors: Vec<FormError>,
    outcome: Outcome,
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    let input = pairs
        .iter()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| text::clean(v))
        .unwrap_or_default();
    let mut page = Page::new(&req, "web-check-title");
    let mut errors = Vec::new();
    let outcome = if input.is_empty() {
        Outcome::Form
    } else if input.chars().count() > 100 {
        errors.push(FormError {
            field: "code".into(),
            message: page.t("web-check-too-long"),
        });
        Outcome::Form
    } else {
        let client = throttle::client(&state, &req);
        match verify::check_for_client(&state, &client, &input).await {
            Ok(found) => code_outcome(&page, found),
            Err(e) if e.code == ErrorCode::NotFound => Outcome::Unknown,
            // Not a code at all: a licence number, or part of an agency's name.
            Err(e) if e.code == ErrorCode::InvalidVerificationCode => {
                agencies(&state, &page, input.clone()).await?
            }
            Err(e) => return Err(e.into()),
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        page.has_errors = true;
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &CheckPage {
            page,
            input,
            errors,
            outcome,
        },
    )
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn code_outcome(page: &Page, found: Verification) -> Outcome {
    let fact = |label: &str, value: String| Fact {
        label: page.t(label),
        value,
    };
    let mut facts = vec![fact("web-check-code", found.code.to_string())];
    let (heading, link) = match &found.subject {
        Subject::Vacancy(v) => {
            facts.push(fact("web-check-vacancy", v.title.clone()));
            facts.push(fact(
                "web-vacancy-employer",
                format!("{} (ИНН {})", v.employer_name, v.employer_inn),
            ));
            facts.push(fact(
                "web-vacancy-place",
                format!("{}, {}", v.city, v.region),
            ));
            facts.push(fact("web-vacancy-open-until", date(v.expires_on)));
            (
                "web-check-is-vacancy",
                Some(format!("/vacancies/{}", v.vacancy_id)),
            )
        }
        Subject::Agency(a) => {
            facts.push(fact("web-check-agency", a.name.clone()));
            facts.push(fact("web-check-licence", a.licence_number.clone()));
            facts.push(fact("web-check-issuer", a.licence_issuer.clone()));
            facts.push(fact(
                "web-check-valid-dates",
                format!("{} – {}", date(a.valid_from), date(a.valid_to)),
            ));
            ("web-check-is-agency", None)
        }
        Subject::Contract(c) => {
            facts.push(fact("web-check-vacancy", c.vacancy_title.clone()));
            facts.push(fact("web-vacancy-employer", c.employer_name.clone()));
            facts.push(fact("web-check-contract-version", c.version.to_string()));
            ("web-check-is-contract", None)
        }
    };
    let verdict = match &found.reason_if_not_valid {
        None => page.t("web-check-valid-now"),
        Some(reason) => page.t(&format!("web-check-reason-{reason}")),
    };
    facts.push(fact("web-check-status", verdict));
    Outcome::Code {
        valid: found.valid,
        heading: page.t(heading),
        facts,
        link,
    }
}

async fn agencies(state: &AppState, page: &Page, input: String) -> Result<Outcome, WebError> {
    let today = chrono::Utc::now().date_naive();
    let view = |a: &crate::db::models::organisation::Agency| {
        let status = licences::effective_status(a);
        AgencyView {
            name: a.name.clone(),
            licence: a.licence_number.clone(),
            status: page.t(&format!("web-licence-status-{}", status.as_str())),
            valid: crate::domain::verify::agency_validity(&licences::licence_of(a), today).valid,
            valid_to: date(a.licence_valid_to),
        }
    };
    match licences::check(state, input.clone()).await {
        Ok((agency, _, _)) => return Ok(Outcome::Agencies(vec![view(&agency)])),
        Err(e) if e.code == ErrorCode::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let listing = AgencyListing {
        status: None,
        region: None,
        q: Some(input),
    };
    let found = licences::list_agencies(state, listing, None, NAME_MATCHES).await?;
    if found.is_empty() {
        Ok(Outcome::Unknown)
    } else {
        Ok(Outcome::Agencies(
            found.iter().map(|(a, _)| view(a)).collect(),
        ))
    }
}
