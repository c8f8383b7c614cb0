//! Reference tables (countries, regions, occupations), read-only at run time: `migrate` loads
//! them from `index/reference/`. A row is also its public representation.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::schema::{countries, occupations, regions};

#[derive(Debug, Serialize, ToSchema, Queryable)]
pub struct Country {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    /// EAEU citizens work in Russia without a quota or patent.
    pub eaeu_member: bool,
}

#[derive(Debug, Serialize, ToSchema, Queryable)]
pub struct Region {
    pub code: String,
    pub country: String,
    pub name_ru: String,
    pub name_en: String,
    pub name_ky: Option<String>,
    pub federal_district: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, Queryable)]
pub struct Occupation {
    /// ISCO-08 unit group.
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub name_ky: Option<String>,
    pub sector: String,
}

pub fn countries(conn: &mut PgConnection) -> QueryResult<Vec<Country>> {
    countries::table.order(countries::code).load(conn)
}

/// All regions, or those of one country (ISO 3166-1 alpha-2).
pub fn regions(conn: &mut PgConnection, country: Option<&str>) -> QueryResult<Vec<Region>> {
    let mut q = regions::table.into_boxed();
    if let Some(c) = country {
        q = q.filter(regions::country.eq(c.to_owned()));
    }
    q.order(regions::code).load(conn)
}

pub fn occupations(conn: &mut PgConnection) -> QueryResult<Vec<Occupation>> {
    occupations::table.order(occupations::code).load(conn)
}

/// One occupation's names, if the code is known.
pub fn find_occupation(conn: &mut PgConnection, code: &str) -> QueryResult<Option<Occupation>> {
    occupations::table.find(code).first(conn).optional()
}

/// One region's names, if the code is known.
pub fn find_region(conn: &mut PgConnection, code: &str) -> QueryResult<Option<Region>> {
    regions::table.find(code).first(conn).optional()
}

/// One country's names, if the code is known.
pub fn find_country(conn: &mut PgConnection, code: &str) -> QueryResult<Option<Country>> {
    countries::table.find(code).first(conn).optional()
}
