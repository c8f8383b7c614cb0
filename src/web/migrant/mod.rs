//! The migrant's pages (issue 11). Routes under `/migrant/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in migrant.

use actix_web::web;

use crate::web::layout::{Link, Page};

pub fn routes(_cfg: &mut web::ServiceConfig) {}

/// The links on the migrant's home page `/account`.
pub fn menu(_page: &Page) -> Vec<Link> {
    Vec::new()
}
