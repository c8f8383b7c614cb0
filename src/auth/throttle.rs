//! Which attempts are throttled and by what key (OWASP authentication cheat sheet): per client
//! address, per account *and* client address, and per account over all clients with a much higher
//! ceiling — so wrong passwords from one address lock out only that address, never the person.

use actix_web::HttpRequest;

use crate::auth::client::client_key;
use crate::error::AppResult;
use crate::state::AppState;

/// A kind of attempt; each has its own counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Login,
    PasswordReset,
    VerifyEmail,
    Register,
    /// Registering a person's profile (the centre's "passport already registered" answer).
    CandidateCreate,
}

impl Attempt {
    fn scope(self) -> &'static str {
        match self {
            Attempt::Login => "login",
            Attempt::PasswordReset => "reset",
            Attempt::VerifyEmail => "verify",
            Attempt::Register => "register",
            Attempt::CandidateCreate => "candidate",
        }
    }
}

/// The client address of a request, as the rate limits see it.
pub fn client(state: &AppState, req: &HttpRequest) -> String {
    client_key(req, &state.trusted_proxies)
}

/// Counts one attempt of this kind from this client.
pub fn per_client(state: &AppState, req: &HttpRequest, attempt: Attempt) -> AppResult<()> {
    let limits = &state.settings.rate_limit;
    let key = format!("{}:client:{}", attempt.scope(), client(state, req));
    state.limiter.hit(&key, limits.per_client)
}

/// Counts one attempt on the account named by `email`: per client, per (account, client), and
/// per account over every client with the higher ceiling.
pub fn on_account(
    state: &AppState,
    req: &HttpRequest,
    attempt: Attempt,
    email: &str,
) -> AppResult<()> {
    let limits = &state.settings.rate_limit;
    let scope = attempt.scope();
    let client = client(state, req);
    let account = email.trim().to_lowercase();
    state
        .limiter
        .hit(&format!("{scope}:client:{client}"), limits.per_client)?;
    state.limiter.hit(
        &format!("{scope}:account-client:{account}:{client}"),
        limits.per_account,
    )?;
    state.limiter.hit(
        &format!("{scope}:account:{account}"),
        account_ceiling(limits.per_account, limits.per_account_all_clients),
    )
}

pub fn account_ceiling(per_account: u32, configured: Option<u32>) -> u32 {
    configured
        .unwrap_or_else(|| per_account.saturating_mul(10))
        .max(per_account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_ceiling_is_well_above_the_per_client_limit() {
        assert_eq!(account_ceiling(10, None), 100);
        assert_eq!(account_ceiling(10, Some(50)), 50);
        assert_eq!(account_ceiling(10, Some(3)), 10, "never below per_account");
    }
}
