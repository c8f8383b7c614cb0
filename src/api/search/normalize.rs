//! `GET /occupations/normalize`: a free-text job title as ISCO-08 codes.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::validate::Check;
use crate::error::AppResult;
use crate::search::explain::RecognisedOccupation;
use crate::services;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NormalizeQuery {
    /// A job title in ru, ky, uz, tg or en, in any script, as people type it (suffixes,
    /// apostrophes, old fonts and a Russian keyboard's letters are understood).
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NormalizeResponse {
    pub items: Vec<RecognisedOccupation>,
}

/// Turns a free-text job title into ranked ISCO-08 codes with confidence.
#[utoipa::path(get, path = "/api/v1/occupations/normalize", tag = "search", params(NormalizeQuery),
    responses((status = 200, body = NormalizeResponse), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn normalize_occupation(query: web::Query<NormalizeQuery>) -> AppResult<HttpResponse> {
    let title = query.into_inner().title;
    let mut c = Check::new();
    c.text("title", &title, 1, 200);
    c.finish()?;
    let items = services::search::normalize_occupation(title).await?;
    Ok(HttpResponse::Ok().json(NormalizeResponse { items }))
}
