use actix_web::{web, HttpResponse};
use utoipa::IntoParams;

pub use crate::db::models::reference::{
    Country as CountryResponse, Occupation as OccupationResponse, Region as RegionResponse,
};
use crate::error::AppResult;
use crate::services::reference as service;
use crate::state::AppState;

#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RegionQuery {
    /// ISO 3166-1 alpha-2, e.g. `RU` or `KG`.
    pub country: Option<String>,
}

/// ISO 3166-1 countries.
#[utoipa::path(get, path = "/api/v1/reference/countries", tag = "reference",
    responses((status = 200, body = Vec<CountryResponse>)))]
pub async fn countries(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let rows = service::countries(&state).await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// Regions of Russia (ISO 3166-2:RU) and of Kyrgyzstan.
#[utoipa::path(get, path = "/api/v1/reference/regions", tag = "reference", params(RegionQuery),
    responses((status = 200, body = Vec<RegionResponse>), (status = 400, body = crate::error::Problem)))]
pub async fn regions(
    state: web::Data<AppState>,
    query: web::Query<RegionQuery>,
) -> AppResult<HttpResponse> {
    let country = query.into_inner().country.map(|c| c.to_uppercase());
    let rows = service::regions(&state, country).await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// ISCO-08 occupations of this labour market.
#[utoipa::path(get, path = "/api/v1/reference/occupations", tag = "reference",
    responses((status = 200, body = Vec<OccupationResponse>)))]
pub async fn occupations(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let rows = service::occupations(&state).await?;
    Ok(HttpResponse::Ok().json(rows))
}
