//! Public verification codes ("Is this real?"): every published vacancy, agency and signed
//! contract has a short code that anyone can check without an account.
//!
//! A code is a kind letter (`V` vacancy, `A` agency, `C` contract) and eight characters of
//! Douglas Crockford's base32 alphabet (no `I L O U`), shown as `V-7K2M-9QXD`. The first seven
//! characters are random (from the operating system's CSPRNG, never derived from an id); the
//! last is a check character: with the nine symbols' values `s₀…s₈` (the kind letter first),
//! `Σ (j + 1)·sⱼ ≡ 0 (mod 37)`. As 37 is prime and larger than every value, this catches every
//! single-character substitution and every transposition of two adjacent characters, so a
//! mistyped code is told apart from an unknown one. Codes whose check value would be 32–36
//! (not a base32 symbol) are never issued.
//!
//! Reading is lenient the way Crockford's is: case does not matter, `O` reads as `0`, `I` and
//! `L` as `1`, dashes and spaces may be missing or extra; Cyrillic letters that look like Latin
//! ones (a Russian keyboard: `А В Е К М Н О Р С Т Х`) read as those. Every reading has one
//! canonical form.
//!
//! The migration `2026-12-02-000004_verification_codes` implements the same check in SQL
//! (`verification_code_valid`) for its CHECK constraint.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rand::{CryptoRng, Rng};
use serde::{Serialize, Serializer};
use utoipa::ToSchema;

use crate::domain::licence::{Licence, LicenceStatus};
use crate::domain::placement::PlacementState;
use crate::domain::vacancy::VacancyStatus;

/// Crockford's base32 alphabet; a symbol's value is its index.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Random characters in a code (the check character follows them).
const RANDOM_LEN: usize = 7;
/// Characters after the kind letter.
const BODY_LEN: usize = RANDOM_LEN + 1;
const MODULUS: u32 = 37;
/// The inverse of the check character's weight (9) modulo 37: 9 · 33 = 297 = 8 · 37 + 1.
const INVERSE_OF_CHECK_WEIGHT: u32 = 33;

/// What a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Vacancy,
    Agency,
    Contract,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Self::Vacancy, Self::Agency, Self::Contract];

    /// The name stored in `verification_codes.kind` and answered in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vacancy => "vacancy",
            Self::Agency => "agency",
            Self::Contract => "contract",
        }
    }

    /// The letter a code of this kind starts with.
    pub fn letter(self) -> u8 {
        match self {
            Self::Vacancy => b'V',
            Self::Agency => b'A',
            Self::Contract => b'C',
        }
    }

    fn from_letter(letter: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.letter() == letter)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

/// Why a text is not a verification code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not the shape of a code at all (length, characters, kind letter).
    Malformed,
    /// The shape of a code, but the check character does not match: a typing mistake.
    Mistyped,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Malformed => {
                "not a verification code: a letter V, A or C followed by 8 characters, \
                 e.g. V-7K2M-9QXD"
            }
            Self::Mistyped => {
                "the code was mistyped: its check character does not match; compare it \
                 with the document character by character"
            }
        })
    }
}

impl std::error::Error for CodeError {}

/// A valid verification code (the check character matches), in canonical form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerifyCode {
    /// The kind letter and the eight body characters, upper case, without dashes.
    symbols: [u8; 1 + BODY_LEN],
}

fn value(symbol: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&c| c == symbol)
        .and_then(|p| u32::try_from(p).ok())
}

/// `Σ (j + 1)·sⱼ mod 37` over the symbols given (the kind letter first).
fn weighted_sum(symbols: &[u8]) -> Option<u32> {
    let mut sum = 0;
    for (weight, &s) in (1..).zip(symbols) {
        sum = (sum + weight * value(s)?) % MODULUS;
    }
    Some(sum)
}

/// One character of lenient input, as the symbol it stands for; `None` to skip it (a separator)
/// or `Some(None)` when it can be no symbol.
fn normalise(c: char) -> Option<Option<u8>> {
    if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '_' | '.') {
        return None;
    }
    let symbol = match c.to_uppercase().next().unwrap_or(c) {
        'O' | 'О' => b'0',
        'I' | 'L' => b'1',
        'А' => b'A',
        'В' => b'B',
        'Е' => b'E',
        'К' => b'K',
        'М' => b'M',
        'Н' => b'H',
        'Р' => b'P',
        'С' => b'C',
        'Т' => b'T',
        'Х' => b'X',
        c if c.is_ascii() => c as u8,
        _ => return Some(None),
    };
    Some(Some(symbol))
}

impl VerifyCode {
    /// A fresh random code of `kind` from the operating system's CSPRNG.
    pub fn generate(kind: Kind) -> Self {
        Self::generate_with(kind, &mut rand::rngs::OsRng)
    }

    /// A fresh random code of `kind` drawn from `rng`.
    pub fn generate_with<R: Rng + CryptoRng + ?Sized>(kind: Kind, rng: &mut R) -> Self {
        let mut symbols = [0u8; 1 + BODY_LEN];
        symbols[0] = kind.letter();
        loop {
            for s in &mut symbols[1..=RANDOM_LEN] {
                *s = ALPHABET[rng.gen_range(0..ALPHABET.len())];
            }
            let sum = weighted_sum(&symbols[..=RANDOM_LEN]).unwrap_or(0);
            // 9·c ≡ −sum (mod 37).
            let check = (MODULUS - sum) % MODULUS * INVERSE_OF_CHECK_WEIGHT % MODULUS;
            if let Some(&c) = usize::try_from(check).ok().and_then(|i| ALPHABET.get(i)) {
                symbols[BODY_LEN] = c;
                return Self { symbols };
            }
        }
    }

    /// Reads a code leniently (see the module documentation).
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let mut symbols = [0u8; 1 + BODY_LEN];
        let mut n = 0;
        for c in input.chars() {
            let Some(symbol) = normalise(c) else { continue };
            let slot = symbols.get_mut(n).ok_or(CodeError::Malformed)?;
            *slot = symbol.ok_or(CodeError::Malformed)?;
            n += 1;
        }
        if n != symbols.len() || Kind::from_letter(symbols[0]).is_none() {
            return Err(CodeError::Malformed);
        }
        // The kind letter came through the same mapping; `0` or `1` is no kind.
        match weighted_sum(&symbols) {
            None => Err(CodeError::Malformed),
            Some(0) => Ok(Self { symbols }),
            Some(_) => Err(CodeError::Mistyped),
        }
    }

    pub fn kind(&self) -> Kind {
        Kind::from_letter(self.symbols[0]).unwrap_or(Kind::Contract)
    }

    /// The path of the public check of this code, e.g. `/api/v1/verify/V-7K2M-9QXD` (for the QR
    /// code printed on a contract, prefixed with the site's address).
    pub fn path(&self) -> String {
        format!("/api/v1/verify/{self}")
    }
}

impl fmt::Display for VerifyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |r: std::ops::Range<usize>| {
            std::str::from_utf8(&self.symbols[r]).map_err(|_| fmt::Error)
        };
        write!(f, "{}-{}-{}", s(0..1)?, s(1..5)?, s(5..9)?)
    }
}

impl fmt::Debug for VerifyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyCode({self})")
    }
}

impl FromStr for VerifyCode {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for VerifyCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Whether what a code stands for can be trusted today, and if not, why (a stable code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub valid: bool,
    /// `None` when valid; otherwise e.g. `vacancy_paused`, `licence_suspended`.
    pub reason: Option<&'static str>,
}

impl Validity {
    pub const VALID: Validity = Validity {
        valid: true,
        reason: None,
    };

    pub fn invalid(reason: &'static str) -> Self {
        Self {
            valid: false,
            reason: Some(reason),
        }
    }
}

/// A vacancy is valid while it is published and not past its listing date (its effective
/// status, as the public listing sees it).
pub fn vacancy_validity(
    status: VacancyStatus,
    expires_on: NaiveDate,
    today: NaiveDate,
) -> Validity {
    match status.effective(expires_on, today) {
        VacancyStatus::Published => Validity::VALID,
        VacancyStatus::Draft => Validity::invalid("vacancy_not_published"),
        VacancyStatus::Paused => Validity::invalid("vacancy_paused"),
        VacancyStatus::Filled => Validity::invalid("vacancy_filled"),
        VacancyStatus::Closed => Validity::invalid("vacancy_closed"),
        VacancyStatus::Expired => Validity::invalid("vacancy_expired"),
    }
}

/// An agency is valid while its licence is effectively active today (and its validity began).
pub fn agency_validity(licence: &Licence<'_>, today: NaiveDate) -> Validity {
    if licence.valid_on(today) {
        return Validity::VALID;
    }
    match licence.status.effective(licence.valid_to, today) {
        LicenceStatus::Active => Validity::invalid("licence_not_yet_valid"),
        LicenceStatus::Suspended => Validity::invalid("licence_suspended"),
        LicenceStatus::Revoked => Validity::invalid("licence_revoked"),
        LicenceStatus::Expired => Validity::invalid("licence_expired"),
    }
}

/// A contract is valid once both sides signed its latest version and the ministry approved it,
/// until the placement ends or the contract's term is over.
pub fn contract_validity(
    signed_by_both: bool,
    latest: bool,
    state: PlacementState,
    end_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Validity {
    use PlacementState as S;
    if !signed_by_both {
        return Validity::invalid("contract_not_signed");
    }
    if !latest {
        return Validity::invalid("contract_superseded");
    }
    match state {
        S::Approved | S::Departed | S::Arrived | S::Employed
            if end_date.is_some_and(|end| end < today) =>
        {
            Validity::invalid("contract_ended")
        }
        S::Approved | S::Departed | S::Arrived | S::Employed => Validity::VALID,
        S::ContractSigned | S::UnderReview => Validity::invalid("contract_under_review"),
        S::Rejected => Validity::invalid("contract_rejected"),
        S::Withdrawn => Validity::invalid("contract_withdrawn"),
        S::Terminated => Validity::invalid("contract_terminated"),
        S::Completed => Validity::invalid("contract_ended"),
        S::Applied | S::Proposed | S::Invited | S::Shortlisted | S::Offered => {
            Validity::invalid("contract_not_signed")
        }
    }
}

#[cfg(test)]
mod contract_tests {
    use super::*;

    #[test]
    fn a_contract_is_valid_from_approval_until_it_ends() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2027, 12, 1);
        let reason =
            |both, latest, state, end| contract_validity(both, latest, state, end, today).reason;
        for state in [
            PlacementState::Approved,
            PlacementState::Departed,
            PlacementState::Arrived,
            PlacementState::Employed,
        ] {
            assert_eq!(
                contract_validity(true, true, state, end, today),
                Validity::VALID
            );
        }
        assert_eq!(
            reason(true, true, PlacementState::UnderReview, end),
            Some("contract_under_review")
        );
        assert_eq!(
            reason(false, true, PlacementState::Approved, end),
            Some("contract_not_signed")
        );
        assert_eq!(
            reason(true, false, PlacementState::Approved, end),
            Some("contract_superseded")
        );
        assert_eq!(
            reason(true, true, PlacementState::Rejected, end),
            Some("contract_rejected")
        );
        assert_eq!(
            reason(true, true, PlacementState::Withdrawn, end),
            Some("contract_withdrawn")
        );
        let past = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(
            reason(true, true, PlacementState::Employed, past),
            Some("contract_ended")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    fn codes(n: usize) -> Vec<VerifyCode> {
        let mut rng = ChaCha20Rng::seed_from_u64(8);
        (0..n)
            .map(|i| VerifyCode::generate_with(Kind::ALL[i % 3], &mut rng))
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn generated_codes_round_trip_through_their_canonical_form() {
        for code in codes(3000) {
            let text = code.to_string();
            assert_eq!(text.len(), 11, "{text}");
            assert_eq!(&text[1..2], "-");
            assert_eq!(&text[6..7], "-");
            assert!(text[2..]
                .bytes()
                .all(|b| b == b'-' || ALPHABET.contains(&b)));
            assert_eq!(VerifyCode::parse(&text), Ok(code));
            assert_eq!(text.parse::<VerifyCode>().unwrap().to_string(), text);
            assert_eq!(serde_json::to_value(code).unwrap(), text.as_str());
        }
    }

    #[test]
    fn the_kind_is_the_first_letter() {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        for kind in Kind::ALL {
            let code = VerifyCode::generate_with(kind, &mut rng);
            assert_eq!(code.kind(), kind);
            assert_eq!(code.to_string().as_bytes()[0], kind.letter());
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        let code = VerifyCode::generate(Kind::Vacancy);
        assert_eq!(code.path(), format!("/api/v1/verify/{code}"));
    }

    #[test]
    fn generation_is_random_not_sequential() {
        let all = codes(3000);
        let distinct: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        // Every symbol turns up in every random position.
        for pos in 2..10 {
            if pos == 6 {
                continue;
            }
            let seen: std::collections::HashSet<u8> =
                all.iter().map(|c| c.to_string().as_bytes()[pos]).collect();
            assert_eq!(seen.len(), 32, "position {pos}");
        }
        assert_ne!(
            VerifyCode::generate(Kind::Agency),
            VerifyCode::generate(Kind::Agency)
        );
    }

    #[test]
    fn reading_is_lenient_and_canonical() {
        let code = codes(1)[0];
        let canonical = code.to_string();
        let bare: String = canonical.chars().filter(|&c| c != '-').collect();
        for input in [
            canonical.to_lowercase(),
            bare.clone(),
            bare.to_lowercase(),
            format!("  {canonical}  "),
            bare.chars().map(|c| format!("{c} ")).collect::<String>(),
            format!("{}--{}", &canonical[..6], &canonical[6..]),
            canonical.replace('-', "–"),
        ] {
            assert_eq!(VerifyCode::parse(&input), Ok(code), "{input:?}");
        }
    }

    #[test]
    fn confusable_letters_read_as_the_digits_and_latin_letters() {
        // Find codes containing 0 and 1 in their body.
        let all = codes(3000);
        let with_0 = all
            .iter()
            .find(|c| c.to_string()[2..].contains('0'))
            .unwrap();
        let with_1 = all
            .iter()
            .find(|c| c.to_string()[2..].contains('1'))
            .unwrap();
        let t0 = with_0.to_string();
        let body = t0[1..].replace('0', "O");
        let input = format!("{}{}", &t0[..1], body);
        assert_eq!(VerifyCode::parse(&input), Ok(*with_0));
        assert_eq!(VerifyCode::parse(&input.to_lowercase()), Ok(*with_0));
        let t1 = with_1.to_string();
        for letter in ["I", "L", "i", "l"] {
            let input = format!("{}{}", &t1[..1], t1[1..].replace('1', letter));
            assert_eq!(VerifyCode::parse(&input), Ok(*with_1), "{input}");
        }
        // A Russian keyboard: Cyrillic look-alikes.
        let agency = all.iter().find(|c| c.kind() == Kind::Agency).unwrap();
        let t = agency.to_string();
        let cyrillic = format!("а{}", &t[1..]);
        assert_eq!(VerifyCode::parse(&cyrillic), Ok(*agency));
        let contract = all.iter().find(|c| c.kind() == Kind::Contract).unwrap();
        let t = contract.to_string();
        assert_eq!(VerifyCode::parse(&format!("С{}", &t[1..])), Ok(*contract));
    }

    #[test]
    fn every_single_substitution_is_caught() {
        for code in codes(300) {
            let symbols = code.symbols;
            for pos in 0..symbols.len() {
                let candidates: &[u8] = if pos == 0 { b"VAC" } else { ALPHABET };
                for &other in candidates {
                    if other == symbols[pos] {
                        continue;
                    }
                    let mut changed = symbols;
                    changed[pos] = other;
                    let text = String::from_utf8(changed.to_vec()).unwrap();
                    assert_eq!(
                        VerifyCode::parse(&text),
                        Err(CodeError::Mistyped),
                        "{code} → {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_adjacent_transposition_is_caught() {
        for code in codes(1000) {
            let symbols = code.symbols;
            for pos in 0..symbols.len() - 1 {
                if symbols[pos] == symbols[pos + 1] {
                    continue;
                }
                let mut swapped = symbols;
                swapped.swap(pos, pos + 1);
                let text = String::from_utf8(swapped.to_vec()).unwrap();
                let got = VerifyCode::parse(&text);
                if pos == 0 && Kind::from_letter(swapped[0]).is_none() {
                    assert_eq!(got, Err(CodeError::Malformed), "{code} → {text}");
                } else {
                    assert_eq!(got, Err(CodeError::Mistyped), "{code} → {text}");
                }
            }
        }
    }

    #[test]
    fn garbage_is_refused_as_malformed() {
        let code = codes(1)[0].to_string();
        for input in [
            "",
            "V",
            "-",
            "V-1234-567",
            "V-1234-56789",
            &format!("{code}0"),
            &code[..code.len() - 1],
            "X-7K2M-9QXD",
            "1-7K2M-9QXD",
            "V-7K2M-9QXU",
            "V-7K2M-9Q*D",
            "V-7K2M-9QЖD",
            "V-7K2M-9Q\u{0}D",
            "<script>alert(1)</script>",
            "00000000-0000-0000-0000-000000000000",
        ] {
            assert_eq!(
                VerifyCode::parse(input),
                Err(CodeError::Malformed),
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_hand_computed_code_is_valid() {
        // V=27·1 + 7·2 + K=19·3 + 2·4 + M=20·5 + 9·6 + Q=23·7 + X=29·8 = 653 ≡ 24 (mod 37);
        // 9·c ≡ −24 ≡ 13 gives c = 13·33 mod 37 = 22 = P: 653 + 9·22 = 851 = 23·37.
        let code = VerifyCode::parse("V-7K2M-9QXP").unwrap();
        assert_eq!(code.kind(), Kind::Vacancy);
        assert_eq!(VerifyCode::parse("v7k2m9qxp"), Ok(code));
        assert_eq!(VerifyCode::parse("V-7K2M-9QXD"), Err(CodeError::Mistyped));
        let fits = ALPHABET
            .iter()
            .filter(|&&c| VerifyCode::parse(&format!("V-7K2M-9QX{}", c as char)).is_ok())
            .count();
        assert_eq!(fits, 1, "one check character fits a prefix");
    }

    #[test]
    fn vacancy_is_valid_only_while_published_and_listed() {
        let today = day(2026, 12, 2);
        let later = day(2027, 1, 1);
        let v = |s| vacancy_validity(s, later, today);
        assert_eq!(v(VacancyStatus::Published), Validity::VALID);
        assert_eq!(v(VacancyStatus::Paused).reason, Some("vacancy_paused"));
        assert_eq!(v(VacancyStatus::Closed).reason, Some("vacancy_closed"));
        assert_eq!(v(VacancyStatus::Filled).reason, Some("vacancy_filled"));
        assert_eq!(
            v(VacancyStatus::Draft).reason,
            Some("vacancy_not_published")
        );
        assert_eq!(v(VacancyStatus::Expired).reason, Some("vacancy_expired"));
        let past = day(2026, 12, 1);
        assert_eq!(
            vacancy_validity(VacancyStatus::Published, past, today),
            Validity::invalid("vacancy_expired")
        );
        assert_eq!(
            vacancy_validity(VacancyStatus::Published, today, today),
            Validity::VALID
        );
    }

    #[test]
    fn agency_is_valid_only_under_an_effectively_active_licence() {
        let today = day(2026, 12, 2);
        let regions = ["RU-MOW".to_string()];
        let l = |status, valid_from, valid_to| Licence {
            status,
            valid_from,
            valid_to,
            regions: &regions,
        };
        let (from, to) = (day(2026, 1, 1), day(2027, 1, 1));
        assert_eq!(
            agency_validity(&l(LicenceStatus::Active, from, to), today),
            Validity::VALID
        );
        for (status, reason) in [
            (LicenceStatus::Suspended, "licence_suspended"),
            (LicenceStatus::Revoked, "licence_revoked"),
            (LicenceStatus::Expired, "licence_expired"),
        ] {
            assert_eq!(
                agency_validity(&l(status, from, to), today),
                Validity::invalid(reason)
            );
        }
        // Active but past its validity before the sweep ran: expired.
        assert_eq!(
            agency_validity(&l(LicenceStatus::Active, from, day(2026, 12, 1)), today),
            Validity::invalid("licence_expired")
        );
        // Active but not begun yet.
        assert_eq!(
            agency_validity(&l(LicenceStatus::Active, day(2027, 1, 1), to), today),
            Validity::invalid("licence_not_yet_valid")
        );
    }
}
