//! One-time claim codes: a centre registers a walk-in person, hands them a code on paper, and the
//! person claims the profile with an account of their own. A code is 10 Crockford base32
//! symbols (50 random bits) shown in two groups of five, `7K2M9-QXP4D`; it is read leniently
//! (any case, `O` for `0`, `I`/`L` for `1`, with or without separators). Only a keyed hash of
//! it is stored.

use chrono::{DateTime, Duration, Utc};
use rand::{CryptoRng, Rng};

/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const CODE_LEN: usize = 10;
const GROUP: usize = 5;
/// How long a code stays valid after it is issued.
pub const VALID_DAYS: i64 = 14;

/// A well-formed claim code, in canonical form (upper case, no separators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimCode(String);

impl ClaimCode {
    /// A fresh code from the operating system's CSPRNG.
    pub fn generate() -> Self {
        Self::generate_with(&mut rand::rngs::OsRng)
    }

    pub fn generate_with<R: Rng + CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let code = (0..CODE_LEN)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect();
        Self(code)
    }

    /// Reads a code as a person types it; `None` if it cannot be a code.
    pub fn parse(input: &str) -> Option<Self> {
        let mut code = String::with_capacity(CODE_LEN);
        for c in input.chars() {
            if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '_' | '.') {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) || code.len() == CODE_LEN {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LEN).then_some(Self(code))
    }

    /// The canonical form, which is what gets hashed.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// As printed for the person: `7K2M9-QXP4D`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..GROUP], &self.0[GROUP..])
    }
}

/// When a code issued at `issued_at` stops being valid.
pub fn expires_at(issued_at: DateTime<Utc>) -> DateTime<Utc> {
    issued_at + Duration::days(VALID_DAYS)
}

/// Why a stored code cannot be claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Expired,
    Spent,
    Voided,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::Spent => "already used",
            Self::Voided => "replaced by a newer code",
        }
    }
}

/// Whether a stored code may be claimed now.
pub fn claimable(
    expires_at: DateTime<Utc>,
    spent_at: Option<DateTime<Utc>>,
    voided_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if spent_at.is_some() {
        Err(Refusal::Spent)
    } else if voided_at.is_some() {
        Err(Refusal::Voided)
    } else if now >= expires_at {
        Err(Refusal::Expired)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_codes_read_back_however_they_are_typed() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..200 {
            let code = ClaimCode::generate_with(&mut rng);
            assert_eq!(code.canonical().len(), CODE_LEN);
            let shown = code.display();
            assert_eq!(shown.len(), CODE_LEN + 1);
            assert_eq!(ClaimCode::parse(&shown), Some(code.clone()));
            assert_eq!(ClaimCode::parse(&shown.to_lowercase()), Some(code.clone()));
            let spaced = shown.replace('-', " ");
            assert_eq!(ClaimCode::parse(&format!(" {spaced} ")), Some(code));
        }
    }

    #[test]
    fn lookalike_letters_are_read_as_digits() {
        assert_eq!(
            ClaimCode::parse("o1il2-34567").map(|c| c.display()),
            Some("01112-34567".into())
        );
    }

    #[test]
    fn malformed_input_is_no_code() {
        for bad in [
            "",
            "12345",
            "12345-678901",
            "12345-6789U",
            "ЖЖЖЖЖ-ЖЖЖЖЖ",
            "12345/67890",
        ] {
            assert_eq!(ClaimCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_code_is_claimable_once_within_fourteen_days() {
        let issued = Utc::now();
        let until = expires_at(issued);
        assert_eq!(until - issued, Duration::days(14));
        assert_eq!(claimable(until, None, None, issued), Ok(()));
        assert_eq!(claimable(until, None, None, until), Err(Refusal::Expired));
        assert_eq!(
            claimable(until, Some(issued), None, issued),
            Err(Refusal::Spent)
        );
        assert_eq!(
            claimable(until, None, Some(issued), issued),
            Err(Refusal::Voided)
        );
    }
}
