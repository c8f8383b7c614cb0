//! The centre's pages (issue 11). Routes under `/centre/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in centre.

use actix_web::web;

use crate::web::layout::{Link, Page};

pub fn routes(_cfg: &mut web::ServiceConfig) {}

/// The links on the centre's home page `/account`.
pub fn menu(_page: &Page) -> Vec<Link> {
    Vec::new()
}
