//! Registration, sign-in, sessions, email verification and password reset: one file per action.
//! Each handler parses its input, applies the rate limit for its kind of attempt and calls one
//! function of `services::accounts`.

mod email;
mod password;
mod register;
mod session;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::services::accounts::Tokens;

pub use email::*;
pub use password::*;
pub use register::*;
pub use session::*;

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

impl From<Tokens> for TokenResponse {
    fn from(t: Tokens) -> Self {
        Self {
            access_token: t.access_token,
            token_type: "Bearer",
            expires_in: t.expires_in,
            refresh_token: t.refresh_token,
            refresh_expires_in: t.refresh_expires_in,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct StatusResponse {
    pub status: &'static str,
}
