use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::db;
use crate::db::schema::{countries, occupations, regions};
use crate::error::AppResult;
use crate::state::AppState;

#[derive(Serialize, ToSchema, Queryable)]
pub struct CountryResponse {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    /// EAEU citizens work in Russia without a quota or patent.
    pub eaeu_member: bool,
}

#[derive(Serialize, ToSchema, Queryable)]
pub struct RegionResponse {
    pub code: String,
    pub country: String,
    pub name_ru: String,
    pub name_en: String,
    pub name_ky: Option<String>,
    pub federal_district: Option<String>,
}

#[derive(Serialize, ToSchema, Queryable)]
pub struct OccupationResponse {
    /// ISCO-08 unit group.
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_ky: Option<String>,
    pub sector: String,
}

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
    let rows = db::run(&state.pool, |conn| {
        Ok(countries::table
            .order(countries::code)
            .load::<CountryResponse>(conn)?)
    })
    .await?;
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
    let rows = db::run(&state.pool, move |conn| {
        let mut q = regions::table.into_boxed();
        if let Some(c) = country {
            q = q.filter(regions::country.eq(c));
        }
        Ok(q.order(regions::code).load::<RegionResponse>(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// ISCO-08 occupations of this labour market.
#[utoipa::path(get, path = "/api/v1/reference/occupations", tag = "reference",
    responses((status = 200, body = Vec<OccupationResponse>)))]
pub async fn occupations(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let rows = db::run(&state.pool, |conn| {
        Ok(occupations::table
            .order(occupations::code)
            .load::<OccupationResponse>(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(rows))
}
