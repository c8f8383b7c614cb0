//! Opaque tokens (refresh, email verification, password reset): 256 random bits, sent to the
//! client once, stored only as a SHA-256 digest.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A prefix per kind makes a token of one kind useless as another even before the lookup.
#[derive(Debug, Clone, Copy)]
pub enum TokenKind {
    Refresh,
    VerifyEmail,
    ResetPassword,
    /// A browser session cookie.
    WebSession,
}

impl TokenKind {
    fn prefix(self) -> &'static str {
        match self {
            TokenKind::Refresh => "ort_",
            TokenKind::VerifyEmail => "orv_",
            TokenKind::ResetPassword => "orp_",
            TokenKind::WebSession => "ors_",
        }
    }
}

pub fn generate(kind: TokenKind) -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes));
    let digest = digest(&token);
    (token, digest)
}

pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The digest to look up, or `None` when the token is not of this kind at all.
pub fn digest_of_kind(kind: TokenKind, token: &str) -> Option<Vec<u8>> {
    let rest = token.strip_prefix(kind.prefix())?;
    if rest.len() != 43 {
        return None;
    }
    Some(digest(token))
}
