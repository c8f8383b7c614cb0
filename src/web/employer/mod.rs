//! The employer's pages (issue 11). Routes under `/employer/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in employer.

use actix_web::web;

use crate::web::layout::{Link, Page};

pub fn routes(_cfg: &mut web::ServiceConfig) {}

/// The links on the employer's home page `/account`.
pub fn menu(_page: &Page) -> Vec<Link> {
    Vec::new()
}
