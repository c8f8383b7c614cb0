//! argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1). Callers run these
//! functions on a blocking thread: each costs tens of milliseconds of CPU.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::FieldError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?
        .to_string())
}

/// A hash nobody's password matches; verified against when the account does not exist, so
/// "no such user" costs the same time as "wrong password".
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash("orgnabor-timing-equaliser-not-a-password").unwrap_or_default());

pub fn verify(stored_hash: Option<&str>, password: &str) -> bool {
    let stored = stored_hash.unwrap_or(DUMMY_HASH.as_str());
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let Ok(argon) = hasher() else {
        return false;
    };
    argon.verify_password(password.as_bytes(), &parsed).is_ok() && stored_hash.is_some()
}

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../index/reference/common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// Policy for a new password: 10–128 characters, not one of the commonest, not the email.
pub fn check_policy(field: &str, password: &str, email: Option<&str>) -> Vec<FieldError> {
    let length = password.chars().count();
    let mut errors = Vec::new();
    if length < MIN_LENGTH {
        errors.push(FieldError::new(field, "too_short").with("min", MIN_LENGTH));
    } else if length > MAX_LENGTH {
        errors.push(FieldError::new(field, "too_long").with("max", MAX_LENGTH));
    } else {
        let lowered = password.to_lowercase();
        let is_email = email.is_some_and(|e| e.trim().eq_ignore_ascii_case(password.trim()));
        if COMMON.contains(lowered.as_str()) || is_email || is_run(&lowered) {
            errors.push(FieldError::new(field, "common_password"));
        }
    }
    errors
}

/// One character repeated, or a straight run up or down (`1234567890`, `9876543210`, `abcdefghij`).
fn is_run(password: &str) -> bool {
    let chars: Vec<u32> = password.chars().map(|c| c as u32).collect();
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(w[1]) - i64::from(w[0]))
        .collect();
    let digits_wrap = |s: i64| s == -9 || s == 9;
    [0i64, 1, -1].iter().any(|dir| {
        steps.iter().all(|s| {
            *s == *dir
                || (*dir != 0
                    && password.chars().all(|c| c.is_ascii_digit())
                    && digits_wrap(*s)
                    && (*s).signum() == -dir)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_wrong_passwords_do_not() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(Some(&h), "correct horse battery"));
        assert!(!verify(Some(&h), "correct horse battery!"));
        assert!(!verify(None, "correct horse battery"));
    }

    #[test]
    fn policy_refuses_short_long_and_common() {
        assert_eq!(check_policy("p", "short", None)[0].code, "too_short");
        assert_eq!(
            check_policy("p", &"x".repeat(129), None)[0].code,
            "too_long"
        );
        assert_eq!(
            check_policy("p", "1234567890", None)[0].code,
            "common_password"
        );
        assert_eq!(
            check_policy("p", "aaaaaaaaaaaa", None)[0].code,
            "common_password"
        );
        assert_eq!(
            check_policy("p", "123456789012", None)[0].code,
            "common_password"
        );
        assert_eq!(
            check_policy("p", "9876543210", None)[0].code,
            "common_password"
        );
        assert_eq!(
            check_policy("p", "abcdefghijkl", None)[0].code,
            "common_password"
        );
        assert!(check_policy("p", "1357924680ab", None).is_empty());
        assert_eq!(
            check_policy("p", "a@b.kg12345", Some("a@b.kg12345"))[0].code,
            "common_password"
        );
        assert!(check_policy("p", "Tuz-Ashuu pass 2026", None).is_empty());
    }
}
