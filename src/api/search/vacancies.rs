//! `GET /vacancies/search`: open to everyone.

use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{paging, VacancyHit};
use crate::api::pagination::encode_cursor;
use crate::error::AppResult;
use crate::search::explain::RecognisedOccupation;
use crate::search::query::{Facets, VacancySearch};
use crate::search::schema::day_number;
use crate::services;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct VacancySearchQuery {
    /// Free text in Russian, Kyrgyz, Uzbek, Tajik or English; Latin spellings of Russian work.
    /// A job title with too few vacancies is widened to its ISCO-08 minor, then sub-major group
    /// (the hits say so in `explanation.occupation.match`).
    pub q: Option<String>,
    /// ISO 3166-2:RU.
    pub region: Option<String>,
    /// ISCO-08 unit group (never widened).
    pub occupation: Option<String>,
    /// Only vacancies paying at least this much (their maximum), roubles per month.
    pub salary_min: Option<u32>,
    /// Only vacancies with housing.
    pub housing: Option<bool>,
    /// Only vacancies asking at most this Russian level (CEFR).
    pub russian_level_max: Option<String>,
    /// The searcher's citizenship (ISO 3166-1 alpha-2). A citizen who needs quota sees only
    /// vacancies whose employer has quota left for that region, occupation and year; EAEU
    /// citizens see all.
    pub citizenship: Option<String>,
    /// 1–100 (larger values are capped at 100); default 20.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancySearchResponse {
    pub items: Vec<VacancyHit>,
    pub next_cursor: Option<String>,
    /// Matching vacancies in all (before paging), those found by widening included.
    pub total: usize,
    pub facets: Facets,
    /// Occupations the query was understood as.
    pub recognised_occupations: Vec<RecognisedOccupation>,
}

/// Published, unexpired vacancies with positions left, ranked for the query, with facets.
#[utoipa::path(get, path = "/api/v1/vacancies/search", tag = "search", params(VacancySearchQuery),
    responses((status = 200, body = VacancySearchResponse), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn search_vacancies(
    state: web::Data<AppState>,
    query: web::Query<VacancySearchQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let (limit, offset) = paging(q.limit, q.cursor)?;
    crate::services::search::check_params(
        q.q.as_deref(),
        q.region.as_deref(),
        q.occupation.as_deref(),
        ("russian_level_max", q.russian_level_max.as_deref()),
    )?;
    let citizenship = q.citizenship.map(|c| c.trim().to_uppercase());
    if let Some(c) = &citizenship {
        let mut check = crate::domain::validate::Check::new();
        check.country("citizenship", c);
        check.finish()?;
    }
    let search = VacancySearch {
        quota: None,
        q: q.q,
        region: q.region,
        occupation: q.occupation,
        salary_min: q.salary_min.map(u64::from),
        housing: q.housing,
        russian_level_max: q.russian_level_max,
        today: day_number(Utc::now().date_naive()),
        offset,
        limit,
    };
    let page = services::search::search_vacancies(&state, search, citizenship).await?;
    Ok(HttpResponse::Ok().json(VacancySearchResponse {
        items: VacancyHit::with_codes(&state, page.items).await?,
        next_cursor: page.next_offset.map(encode_cursor),
        total: page.total,
        facets: page.facets,
        recognised_occupations: page.recognised,
    }))
}
