//! `GET /quota`: the year's quota caps against what employers asked for, what the ministry
//! granted and what placements used, by region and occupation group — the public figures of
//! `services::statistics::quota`, a count of people withheld under 5 as everywhere.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Datelike, Utc};

use crate::services::{reference, statistics};
use crate::state::AppState;
use crate::web::layout::{render, Page, WebError};
use crate::web::public::region_name;

pub struct Row {
    pub region: String,
    pub group: String,
    pub cap: i32,
    pub allocated: i32,
    pub requested: i64,
    pub used: String,
}

pub struct YearLink {
    pub year: i32,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "public/quota.html")]
struct QuotaPage {
    page: Page,
    year: i32,
    years: Vec<YearLink>,
    rows: Vec<Row>,
    withheld_note: bool,
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let this_year = Utc::now().year();
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    // Caps are set at most a year back and five ahead; anything else shows this year.
    let year = pairs
        .iter()
        .find(|(k, _)| k == "year")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .filter(|y| (this_year - 1..=this_year + 5).contains(y))
        .unwrap_or(this_year);
    let page = Page::new(&req, "web-quota-title");
    let locale = page.locale;
    let regions = reference::regions(&state, Some("RU".into())).await?;
    let stats = statistics::quota(&state, Some(year), None).await?;
    let mut withheld_note = false;
    let mut rows: Vec<Row> = stats
        .iter()
        .map(|s| {
            withheld_note |= s.used_suppressed;
            Row {
                region: regions
                    .iter()
                    .find(|r| r.code == s.region)
                    .map(|r| region_name(r, locale))
                    .unwrap_or_else(|| s.region.clone()),
                group: s.occupation_group.clone(),
                cap: s.cap,
                allocated: s.allocated,
                requested: s.requested,
                used: match s.used {
                    Some(n) => n.to_string(),
                    None => page.t("web-quota-withheld"),
                },
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.region, &a.group).cmp(&(&b.region, &b.group)));
    let years = (this_year - 1..=this_year + 1)
        .map(|y| YearLink {
            year: y,
            href: format!("/quota?year={y}"),
            current: y == year,
        })
        .collect();
    render(
        StatusCode::OK,
        &QuotaPage {
            page,
            year,
            years,
            rows,
            withheld_note,
        },
    )
}
