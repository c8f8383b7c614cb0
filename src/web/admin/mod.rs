//! The admin's pages (issue 11). Routes under `/admin/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in admin.

use actix_web::web;

use crate::web::layout::{Link, Page};

pub fn routes(_cfg: &mut web::ServiceConfig) {}

/// The links on the admin's home page `/account`.
pub fn menu(_page: &Page) -> Vec<Link> {
    Vec::new()
}
