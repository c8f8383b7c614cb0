//! `GET /candidates/search`: for employers, agencies, centres and the ministry.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{paging, CandidateHit};
use crate::api::pagination::encode_cursor;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::search::explain::RecognisedOccupation;
use crate::search::query::CandidateSearch;
use crate::services;
use crate::state::AppState;

/// There is no `ready` filter until pre-departure readiness is recorded: a request with one is
/// refused (400 `invalid_query`) rather than answered with an always-empty list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CandidateSearchQuery {
    /// Free text; a job title with too few candidates is widened like the vacancy search.
    pub q: Option<String>,
    pub occupation: Option<String>,
    /// Candidates who would work in this region (or anywhere).
    pub region: Option<String>,
    pub russian_level_min: Option<String>,
    /// 1–100 (larger values are capped at 100); default 20.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateSearchResponse {
    pub items: Vec<CandidateHit>,
    pub next_cursor: Option<String>,
    pub total: usize,
    pub recognised_occupations: Vec<RecognisedOccupation>,
}

/// Searchable candidates for employers, agencies, centres and the ministry. Agencies see only the
/// candidates they represent in full; everyone else sees non-identifying fields.
#[utoipa::path(get, path = "/api/v1/candidates/search", tag = "search", params(CandidateSearchQuery),
    security(("bearer" = ["employer", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = CandidateSearchResponse), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn search_candidates(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CandidateSearchQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let (limit, offset) = paging(q.limit, q.cursor)?;
    crate::services::search::check_params(
        q.q.as_deref(),
        q.region.as_deref(),
        q.occupation.as_deref(),
        ("russian_level_min", q.russian_level_min.as_deref()),
    )?;
    let search = CandidateSearch {
        q: q.q,
        occupation: q.occupation,
        region: q.region,
        russian_level_min: q.russian_level_min,
        offset,
        limit,
    };
    let page = services::search::search_candidates(&state, &user.caller(), search).await?;
    Ok(HttpResponse::Ok().json(CandidateSearchResponse {
        items: page.items.into_iter().map(CandidateHit::from).collect(),
        next_cursor: page.next_offset.map(encode_cursor),
        total: page.total,
        recognised_occupations: page.recognised,
    }))
}
