//! Public statistics, as JSON or CSV (RFC 4180, UTF-8, with a header row). Thin handlers over
//! `services::statistics`; small cells of people are withheld there.

use actix_web::http::header::{self, HeaderMap};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::statistics::MIN_CELL;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, FieldError};
use crate::services::statistics::{self as service, Dimension, PlacementCell, QuotaStat};
use crate::state::AppState;

const CSV: &str = "text/csv; charset=utf-8";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

/// `format=` wins; otherwise `Accept: text/csv` asks for CSV; JSON by default.
fn format_of(c: &mut Check, format: Option<&str>, headers: &HeaderMap) -> Format {
    match format.map(str::trim) {
        Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some(_) => {
            c.push(FieldError::new("format", "unknown_value").with("allowed", "json, csv"));
            Format::Json
        }
        None => {
            let accept = headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if accept
                .split(',')
                .any(|m| m.trim().to_ascii_lowercase().starts_with("text/csv"))
            {
                Format::Csv
            } else {
                Format::Json
            }
        }
    }
}

fn csv_response(header_row: &[&str], records: Vec<Vec<String>>) -> AppResult<HttpResponse> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header_row).map_err(AppError::internal)?;
    for r in records {
        w.write_record(&r).map_err(AppError::internal)?;
    }
    let body = w.into_inner().map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().content_type(CSV).body(body))
}

fn opt(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QuotaQuery {
    pub year: Option<i32>,
    /// ISO 3166-2:RU region.
    pub region: Option<String>,
    /// `json` (default) or `csv`; `Accept: text/csv` also gives CSV.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuotaStatistics {
    /// Counts of people under this are withheld.
    pub min_cell: i64,
    pub rows: Vec<QuotaStat>,
}

fn region_check(c: &mut Check, region: Option<&str>) -> Option<String> {
    let r = region.map(|r| r.trim().to_owned());
    if let Some(r) = &r {
        c.ru_region("region", r);
    }
    r
}

/// Quota caps against the workers employers requested, the units granted, applications by state
/// and the units placements used, per year, region and occupation group. No account needed.
#[utoipa::path(get, path = "/api/v1/statistics/quota", tag = "statistics", params(QuotaQuery),
    security(()),
    responses((status = 200, body = QuotaStatistics, content_type = "application/json"),
        (status = 200, description = "The same rows as CSV (RFC 4180, header row)",
            content_type = "text/csv"),
        (status = 400, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn quota(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<QuotaQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let mut c = Check::new();
    let region = region_check(&mut c, q.region.as_deref());
    let format = format_of(&mut c, q.format.as_deref(), req.headers());
    c.finish()?;
    let rows = service::quota(&state, q.year, region).await?;
    if format == Format::Json {
        return Ok(HttpResponse::Ok().json(QuotaStatistics {
            min_cell: MIN_CELL,
            rows,
        }));
    }
    let header_row = [
        "year",
        "region",
        "occupation_group",
        "cap",
        "allocated",
        "requested",
        "applications_submitted",
        "applications_under_review",
        "applications_approved",
        "applications_partially_approved",
        "applications_rejected",
        "applications_withdrawn",
        "used",
        "used_suppressed",
    ];
    let records = rows
        .into_iter()
        .map(|r| {
            vec![
                r.year.to_string(),
                r.region,
                r.occupation_group,
                r.cap.to_string(),
                r.allocated.to_string(),
                r.requested.to_string(),
                r.applications_submitted.to_string(),
                r.applications_under_review.to_string(),
                r.applications_approved.to_string(),
                r.applications_partially_approved.to_string(),
                r.applications_rejected.to_string(),
                r.applications_withdrawn.to_string(),
                opt(r.used),
                r.used_suppressed.to_string(),
            ]
        })
        .collect();
    csv_response(&header_row, records)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlacementQuery {
    /// The vacancy's start year.
    pub year: Option<i32>,
    /// ISO 3166-2:RU region.
    pub region: Option<String>,
    /// Comma-separated: `citizenship`, `gender`, `occupation_group` (ISCO-08 sub-major), `stage`
    /// (the placement's state). Year and region are always columns.
    pub by: Option<String>,
    /// `json` (default) or `csv`; `Accept: text/csv` also gives CSV.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementStatistics {
    /// Cells of fewer people than this are withheld.
    pub min_cell: i64,
    pub by: Vec<Dimension>,
    pub rows: Vec<PlacementCell>,
}

fn parse_by(c: &mut Check, by: Option<&str>) -> Vec<Dimension> {
    let mut out = Vec::new();
    for part in by.unwrap_or("").split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match Dimension::parse(part) {
            Some(d) if !out.contains(&d) => out.push(d),
            Some(_) => {}
            None => {
                let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
                c.push(FieldError::new("by", "unknown_value").with("allowed", names.join(", ")));
                return Vec::new();
            }
        }
    }
    out
}

/// Placements (people) per year, region and the chosen dimensions. Any cell of 1–4 people is
/// withheld (`count` null, `suppressed` true), and a second cell with it wherever one withheld
/// cell alone could be recovered by subtraction from a coarser table. No account needed.
#[utoipa::path(get, path = "/api/v1/statistics/placements", tag = "statistics",
    params(PlacementQuery), security(()),
    responses((status = 200, body = PlacementStatistics, content_type = "application/json"),
        (status = 200, description = "The same cells as CSV (RFC 4180, header row)",
            content_type = "text/csv"),
        (status = 400, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn placements(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<PlacementQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let mut c = Check::new();
    let region = region_check(&mut c, q.region.as_deref());
    let by = parse_by(&mut c, q.by.as_deref());
    let format = format_of(&mut c, q.format.as_deref(), req.headers());
    c.finish()?;
    let rows = service::placements(&state, q.year, region, by.clone()).await?;
    if format == Format::Json {
        return Ok(HttpResponse::Ok().json(PlacementStatistics {
            min_cell: MIN_CELL,
            by,
            rows,
        }));
    }
    let mut header_row = vec!["year", "region"];
    header_row.extend(by.iter().map(|d| d.as_str()));
    header_row.extend(["count", "suppressed"]);
    let records = rows
        .into_iter()
        .map(|r| {
            let mut rec = vec![r.year.to_string(), r.region.clone()];
            rec.extend(by.iter().map(|&d| r.value(d).unwrap_or("").to_owned()));
            rec.push(opt(r.count));
            rec.push(r.suppressed.to_string());
            rec
        })
        .collect();
    csv_response(&header_row, records)
}
