use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::{from_fn, Compress, ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{error, web, App, HttpServer};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::api;
use crate::auth::client::TrustedProxies;
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::RateLimiter;
use crate::config::Settings;
use crate::crypto::DataCipher;
use crate::db;
use crate::email::EmailSender;
use crate::error::{AppError, ErrorCode, PROBLEM_JSON};
use crate::i18n::{self, Locale};
use crate::jobs::{self, JobContext};
use crate::metrics::Metrics;
use crate::search::{index as search_index, SearchIndex};
use crate::state::AppState;

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    email: EmailSender,
}

/// Blocking: opens (or rebuilds) the search index. Call from a blocking thread.
pub fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    use diesel::Connection;
    use secrecy::ExposeSecret;
    // The runtime role: it can read and write rows, never alter a table (README "Database roles").
    let url = settings.database.runtime_url().expose_secret().to_owned();
    let pool = db::build_pool(&url, settings.database.pool_size);
    let mut conn = diesel::PgConnection::establish(&url).ok();
    let search = SearchIndex::open_or_rebuild(
        &settings.search.index_dir,
        settings.search.writer_memory_mb,
        conn.as_mut(),
    )?;
    // A typo here would silently trust nobody (or the wrong hosts): refuse to start instead.
    let trusted_proxies = TrustedProxies::parse(&settings.application.trusted_proxies)
        .map_err(|e| anyhow::anyhow!("application.trusted_proxies: {e}"))?;
    Ok(AppState {
        trusted_proxies: Arc::new(trusted_proxies),
        search: Arc::new(search),
        pool,
        jwt: JwtKeys::new(&settings.auth),
        cipher: DataCipher::new(&settings.crypto.data_key)?,
        limiter: Arc::new(RateLimiter::new(Duration::from_secs(
            settings.rate_limit.window_seconds,
        ))),
        metrics: Arc::new(Metrics::default()),
        settings: Arc::new(settings),
    })
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let email = EmailSender::from_settings(&settings.email)?;
        Self::build_with_email(settings, email).await
    }

    pub async fn build_with_email(settings: Settings, email: EmailSender) -> anyhow::Result<Self> {
        settings.check_secrets().map_err(|e| anyhow::anyhow!(e))?;
        let address = format!(
            "{}:{}",
            settings.application.host, settings.application.port
        );
        let listener = TcpListener::bind(&address)?;
        let port = listener.local_addr()?.port();
        let state = tokio::task::spawn_blocking(move || build_state(settings)).await??;
        let server = run(listener, state.clone())?;
        Ok(Self {
            port,
            server,
            state,
            email,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub fn email(&self) -> EmailSender {
        self.email.clone()
    }

    /// Serves until stopped; the job worker runs alongside when enabled.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let jobs = &self.state.settings.jobs;
        if jobs.enabled {
            tokio::spawn(jobs::run_worker(
                self.state.pool.clone(),
                JobContext {
                    email: self.email.clone(),
                    base_url: self.state.settings.application.base_url.clone(),
                },
                jobs::WorkerTiming {
                    poll: Duration::from_millis(jobs.poll_interval_ms),
                    sweep_every: Duration::from_secs(jobs.sweep_interval_secs),
                },
                jobs.max_attempts,
            ));
        }
        let search = &self.state.settings.search;
        if search.sync_enabled {
            tokio::spawn(search_index::run_syncer(
                self.state.pool.clone(),
                self.state.search.clone(),
                Duration::from_millis(search.sync_interval_ms),
            ));
        }
        self.server.await
    }
}

async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let locale = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or(Locale::En);
    i18n::scope(locale, next.call(req)).await
}

async fn record_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await?;
    if let Some(state) = state {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".into());
        state.metrics.observe(
            &method,
            &route,
            res.status().as_u16(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

/// Turns actix's own plain 404/405 answers into problem documents.
fn problem_for_plain<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        // Pages answer their own 404s in HTML (crate::web::fallback).
        v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()) || v.as_bytes().starts_with(b"text/html")
    });
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    if res.status() == StatusCode::METHOD_NOT_ALLOWED
        && !crate::web::is_api_path(res.request().path())
    {
        // A page path: the page in the visitor's language, not a problem document.
        let (req, _) = res.into_parts();
        let response = actix_web::ResponseError::error_response(
            &crate::web::WebError::method_not_allowed(&req),
        );
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, response).map_into_right_body(),
        ));
    }
    let code = match res.status() {
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        _ => return Ok(ErrorHandlerResponse::Response(res.map_into_left_body())),
    };
    let (req, _) = res.into_parts();
    let response = actix_web::ResponseError::error_response(&AppError::new(code));
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

fn json_error(err: error::JsonPayloadError) -> AppError {
    use error::JsonPayloadError as J;
    match &err {
        J::Overflow { .. } | J::OverflowKnownLength { .. } => {
            AppError::new(ErrorCode::PayloadTooLarge)
        }
        J::ContentType => AppError::new(ErrorCode::UnsupportedMediaType)
            .detail("send the body as application/json"),
        J::Deserialize(e) => AppError::new(ErrorCode::MalformedBody).detail(e.to_string()),
        J::Payload(error::PayloadError::Overflow) => AppError::new(ErrorCode::PayloadTooLarge),
        _ => AppError::new(ErrorCode::MalformedBody),
    }
}

pub fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let max_body = state.settings.application.max_body_bytes;
    let workers = state.settings.application.workers();
    let data = web::Data::new(state);
    let openapi = api::openapi::ApiDoc::openapi();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(max_body)
                    .error_handler(|err, _| json_error(err).into()),
            )
            .app_data(web::PayloadConfig::default().limit(max_body))
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                AppError::new(ErrorCode::InvalidQuery)
                    .detail(err.to_string())
                    .into()
            }))
            .app_data(web::PathConfig::default().error_handler(|err, _| {
                AppError::new(ErrorCode::InvalidPath)
                    .detail(err.to_string())
                    .into()
            }))
            .configure(api::routes)
            .service(
                SwaggerUi::new("/api-docs/{_:.*}").url("/api-docs/openapi.json", openapi.clone()),
            )
            .configure(crate::web::routes)
            // Unknown paths: a problem document under the API, an HTML page elsewhere.
            .default_service(web::to(crate::web::fallback))
            // Pages: the visitor (session, language), cookies, security headers.
            .wrap(from_fn(crate::web::session::visit))
            .wrap(from_fn(api::reject_nul::reject_nul))
            .wrap(
                ErrorHandlers::new()
                    .handler(StatusCode::METHOD_NOT_ALLOWED, problem_for_plain)
                    .handler(StatusCode::NOT_FOUND, problem_for_plain),
            )
            .wrap(from_fn(localize))
            .wrap(from_fn(record_metrics))
            // gzip / brotli / zstd when the client asks (Accept-Encoding); API clients that do
            // not ask get identity bodies as before.
            .wrap(Compress::default())
            .wrap(TracingLogger::default())
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok(server)
}
