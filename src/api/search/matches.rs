//! `GET /vacancies/{id}/matches` and `GET /candidates/{id}/matches`.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{paging, CandidateHit, VacancyHit};
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::services;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatchQuery {
    /// 1–100, default 20.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateMatches {
    pub items: Vec<CandidateHit>,
}

/// Ranked candidates for a vacancy (its employer, the ministry).
#[utoipa::path(get, path = "/api/v1/vacancies/{id}/matches", tag = "search", params(("id" = Uuid, Path), MatchQuery),
    security(("bearer" = ["employer", "ministry"])),
    responses((status = 200, body = CandidateMatches), (status = 404, body = crate::error::Problem)))]
pub async fn vacancy_matches(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    query: web::Query<MatchQuery>,
) -> AppResult<HttpResponse> {
    let (limit, _) = paging(query.limit, None)?;
    let items =
        services::search::vacancy_matches(&state, &user.caller(), path.into_inner().into(), limit)
            .await?;
    Ok(HttpResponse::Ok().json(CandidateMatches {
        items: items.into_iter().map(CandidateHit::from).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyMatches {
    pub items: Vec<VacancyHit>,
}

/// Ranked vacancies for a candidate (the candidate, their agency or centre).
#[utoipa::path(get, path = "/api/v1/candidates/{id}/matches", tag = "search", params(("id" = Uuid, Path), MatchQuery),
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = VacancyMatches), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn candidate_matches(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    query: web::Query<MatchQuery>,
) -> AppResult<HttpResponse> {
    let (limit, _) = paging(query.limit, None)?;
    let items = services::search::candidate_matches(
        &state,
        &user.caller(),
        path.into_inner().into(),
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(VacancyMatches {
        items: VacancyHit::with_codes(&state, items).await?,
    }))
}
