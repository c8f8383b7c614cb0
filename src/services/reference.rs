//! The reference lists clients build their forms from.

use crate::db;
use crate::db::models::reference::{self, Country, Occupation, Region};
use crate::error::AppResult;
use crate::state::AppState;

pub async fn countries(state: &AppState) -> AppResult<Vec<Country>> {
    db::run(&state.pool, |conn| Ok(reference::countries(conn)?)).await
}

pub async fn regions(state: &AppState, country: Option<String>) -> AppResult<Vec<Region>> {
    db::run(&state.pool, move |conn| {
        Ok(reference::regions(conn, country.as_deref())?)
    })
    .await
}

pub async fn occupations(state: &AppState) -> AppResult<Vec<Occupation>> {
    db::run(&state.pool, |conn| Ok(reference::occupations(conn)?)).await
}
