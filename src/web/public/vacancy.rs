//! `GET /vacancies/{id}`: one vacancy as a migrant needs to judge it — the pay, the place, the
//! hours, the housing, the contract, the employer's public record — with the promise that the
//! worker pays nothing, its verification code, and schema.org `JobPosting` data for job portals.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde_json::json;
use uuid::Uuid;

use crate::db::models::vacancy::Vacancy;
use crate::domain::verify::Kind;
use crate::services::records::EmployerSummary;
use crate::services::{reference, vacancies, verify};
use crate::state::AppState;
use crate::web::layout::{render, Page, WebError};
use crate::web::public::region_name;
use crate::web::public::search::salary_text;
use crate::web::session::Visitor;

/// One row of the facts list.
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "public/vacancy.html")]
struct VacancyPage {
    page: Page,
    vacancy: Vacancy,
    facts: Vec<Fact>,
    record: Vec<Fact>,
    employer: EmployerSummary,
    paragraphs: Vec<String>,
    code: Option<String>,
    json_ld: String,
    next: String,
    /// A signed-in migrant: the page offers the apply form.
    can_apply: bool,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id: Uuid = path.parse().map_err(|_| WebError::not_found())?;
    let visitor = Visitor::of(&req);
    let viewer = visitor.user.as_ref().map(|u| u.auth.principal);
    let can_apply = viewer.is_some_and(|p| p.role == crate::domain::role::Role::Migrant);
    let (v, employer) =
        vacancies::vacancy_with_employer(&state, viewer.as_ref(), id.into()).await?;
    let code = verify::codes(&state, Kind::Vacancy, vec![v.id])
        .await?
        .remove(&v.id)
        .map(|c| c.to_string());
    let regions = reference::regions(&state, Some("RU".into())).await?;
    let mut page = Page::new(&req, "web-vacancy-title");
    page.title = v.title.clone();
    let locale = page.locale;
    let region = regions
        .iter()
        .find(|r| r.code == v.region_code)
        .map(|r| region_name(r, locale))
        .unwrap_or_else(|| v.region_code.clone());
    let yes_no = |b: bool| page.t(if b { "web-yes" } else { "web-no" });
    let mut facts = vec![
        Fact {
            label: page.t("web-vacancy-employer"),
            value: employer.name.clone(),
        },
        Fact {
            label: page.t("web-vacancy-place"),
            value: if v.city.is_empty() {
                region.clone()
            } else {
                format!("{}, {region}", v.city)
            },
        },
        Fact {
            label: page.t("web-vacancy-salary"),
            value: salary_text(&page, v.salary_min, v.salary_max),
        },
        Fact {
            label: page.t("web-vacancy-fee"),
            value: page.t("web-vacancy-fee-value"),
        },
        Fact {
            label: page.t("web-vacancy-hours"),
            value: page.t1(
                "web-vacancy-hours-value",
                "hours",
                i64::from(v.hours_per_week),
            ),
        },
        Fact {
            label: page.t("web-vacancy-contract"),
            value: page.t1("web-vacancy-months", "months", i64::from(v.contract_months)),
        },
        Fact {
            label: page.t("web-vacancy-start"),
            value: v.start_date.format("%d.%m.%Y").to_string(),
        },
        Fact {
            label: page.t("web-vacancy-housing"),
            value: yes_no(v.housing),
        },
        Fact {
            label: page.t("web-vacancy-meals"),
            value: yes_no(v.meals),
        },
        Fact {
            label: page.t("web-vacancy-transport"),
            value: yes_no(v.transport),
        },
        Fact {
            label: page.t("web-vacancy-russian"),
            value: v
                .russian_level_min
                .clone()
                .unwrap_or_else(|| page.t("web-vacancy-russian-none")),
        },
        Fact {
            label: page.t("web-vacancy-positions"),
            value: i64::from((v.positions - v.positions_filled).max(0)).to_string(),
        },
    ];
    facts.push(Fact {
        label: page.t("web-vacancy-open-until"),
        value: v.expires_on.format("%d.%m.%Y").to_string(),
    });
    let r = &employer.record;
    let mut record = vec![
        Fact {
            label: page.t("web-record-placements"),
            value: r.placements.to_string(),
        },
        Fact {
            label: page.t("web-record-completed"),
            value: r.completed.to_string(),
        },
        Fact {
            label: page.t("web-record-complaints-upheld"),
            value: r.complaints_upheld.to_string(),
        },
    ];
    if let Some(ratings) = &r.ratings {
        let stars = |x: Option<f64>| {
            x.map(|x| format!("{x:.1} / 5"))
                .unwrap_or_else(|| "–".into())
        };
        record.push(Fact {
            label: page.t("web-record-truth"),
            value: stars(ratings.truth_of_offer),
        });
        record.push(Fact {
            label: page.t("web-record-treatment"),
            value: stars(ratings.treatment),
        });
    }
    let json_ld = job_posting(&v, &employer.name, &region);
    render(
        StatusCode::OK,
        &VacancyPage {
            paragraphs: v
                .description
                .split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            next: format!("/vacancies/{}", v.id),
            can_apply,
            page,
            facts,
            record,
            employer,
            code,
            json_ld,
            vacancy: v,
        },
    )
}

/// schema.org `JobPosting` (what job portals and search engines read), safe inside `<script>`.
pub fn job_posting(v: &Vacancy, employer: &str, region: &str) -> String {
    let data = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": v.title,
        "description": v.description,
        "identifier": {"@type": "PropertyValue", "name": "Orgnabor", "value": v.id.to_string()},
        "datePosted": v.published_at.map(|d| d.date_naive().to_string()),
        "validThrough": v.expires_on.to_string(),
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": employer},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": v.city, "addressRegion": region,
            "addressCountry": "RU"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "RUB", "value": {
            "@type": "QuantitativeValue", "minValue": v.salary_min, "maxValue": v.salary_max,
            "unitText": "MONTH"}},
        "totalJobOpenings": (v.positions - v.positions_filled).max(0),
        "jobStartDate": v.start_date.to_string(),
        "directApply": true,
    });
    // `</script>` (or `<!--`) in a title must not end the element early.
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
