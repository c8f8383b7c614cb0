//! Static assets, embedded in the binary and served under content-hash names
//! (`/static/app.3f2a9c01d4e5.css`) with a year-long immutable cache: a new build changes the
//! name, so a browser never keeps a stale copy and never asks twice for the same one.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use sha2::{Digest, Sha256};

use crate::web::layout::WebError;

struct Asset {
    /// `app.css` → served as `app.<hash>.css`.
    stem: &'static str,
    extension: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        stem: "app",
        extension: "css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../../static/app.css"),
    },
    Asset {
        stem: "app",
        extension: "js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/app.js"),
    },
    Asset {
        stem: "icon",
        extension: "svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../../static/icon.svg"),
    },
];

/// The service worker, before the asset names are filled in.
const SERVICE_WORKER: &str = include_str!("../../static/sw.js");

/// Each asset's hashed file name, computed once.
static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            let digest = Sha256::digest(a.body);
            let hash: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("{}.{hash}.{}", a.stem, a.extension)
        })
        .collect()
});

/// The hashed path of an asset, e.g. `/static/app.3f2a9c01d4e5.css`.
pub fn href(stem: &str, extension: &str) -> String {
    ASSETS
        .iter()
        .zip(NAMES.iter())
        .find(|(a, _)| a.stem == stem && a.extension == extension)
        .map(|(_, name)| format!("/static/{name}"))
        .unwrap_or_default()
}

pub fn stylesheet_href() -> String {
    href("app", "css")
}

pub fn script_href() -> String {
    href("app", "js")
}

pub fn icon_href() -> String {
    href("icon", "svg")
}

/// The service worker with this build's asset names (a new build is a new worker).
static WORKER: LazyLock<String> = LazyLock::new(|| {
    let version: String = NAMES
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join("|");
    let digest = Sha256::digest(version.as_bytes());
    let version: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    SERVICE_WORKER
        .replace("__VERSION__", &version)
        .replace("__STYLESHEET__", &stylesheet_href())
        .replace("__SCRIPT__", &script_href())
});

/// `GET /sw.js`: at the root, so that it may look after every page; never cached by HTTP, so
/// a new build reaches phones at their next visit.
pub async fn service_worker() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(WORKER.as_str())
}

/// `GET /static/{file}`: only the current hashed names exist.
pub async fn serve(file: web::Path<String>) -> Result<HttpResponse, WebError> {
    let file = file.into_inner();
    let asset = ASSETS
        .iter()
        .zip(NAMES.iter())
        .find(|(_, name)| **name == file)
        .map(|(a, _)| a)
        .ok_or_else(WebError::not_found)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_has_a_content_hash_name() {
        let href = stylesheet_href();
        assert!(href.starts_with("/static/app."), "{href}");
        assert!(href.ends_with(".css"));
        assert_eq!(href.len(), "/static/app.".len() + 12 + ".css".len());
    }
}
