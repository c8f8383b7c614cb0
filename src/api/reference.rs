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

/// A minimum monthly wage and the act that sets it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MinimumWageResponse {
    pub year: i32,
    /// `RU` for the federal МРОТ, else the ISO 3166-2:RU region with its own higher minimum.
    pub region_code: String,
    pub rub_per_month: i32,
    pub source: String,
}

/// The minimum wages a contract's salary is checked against: the federal МРОТ per year and the
/// regional minimums where higher.
#[utoipa::path(get, path = "/api/v1/reference/minimum-wages", tag = "reference",
    responses((status = 200, body = Vec<MinimumWageResponse>)))]
pub async fn minimum_wages() -> HttpResponse {
    let rows: Vec<MinimumWageResponse> = crate::domain::contract::minimum_wages()
        .into_iter()
        .map(|w| MinimumWageResponse {
            year: w.year,
            region_code: w.region_code,
            rub_per_month: w.rub_per_month,
            source: w.source,
        })
        .collect();
    HttpResponse::Ok().json(rows)
}
