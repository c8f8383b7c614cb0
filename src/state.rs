use std::sync::Arc;

use crate::auth::client::TrustedProxies;
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::RateLimiter;
use crate::config::Settings;
use crate::crypto::DataCipher;
use crate::db::DbPool;
use crate::metrics::Metrics;
use crate::search::SearchIndex;

/// Everything a handler may need, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    pub cipher: DataCipher,
    pub limiter: Arc<RateLimiter>,
    pub metrics: Arc<Metrics>,
    pub search: Arc<SearchIndex>,
    /// Proxies whose `Forwarded`/`X-Forwarded-For` name the client (parsed once, at start).
    pub trusted_proxies: Arc<TrustedProxies>,
}
