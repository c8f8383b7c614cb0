use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct HealthResponse {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/health", tag = "operations",
    responses((status = 200, body = HealthResponse)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthResponse { status: "ok" })
}

/// The database answers and every migration is applied.
#[utoipa::path(get, path = "/ready", tag = "operations",
    responses((status = 200, body = HealthResponse), (status = 503, body = crate::error::Problem)))]
pub async fn ready(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let pending = db::run(&state.pool, |conn| {
        db::has_pending_migrations(conn).map_err(|e| AppError {
            cause: Some(e),
            ..AppError::new(ErrorCode::ServiceUnavailable)
        })
    })
    .await?;
    if pending {
        return Err(AppError::new(ErrorCode::ServiceUnavailable).detail("migrations pending"));
    }
    Ok(HttpResponse::Ok().json(HealthResponse { status: "ready" }))
}

/// Prometheus text format: request counts and latency histograms per route.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, content_type = "text/plain", body = String)))]
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render())
}
