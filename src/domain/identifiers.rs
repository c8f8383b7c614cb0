//! Russian tax and registration numbers carry check digits; a typo should not create an employer.

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn weighted(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(a, b)| a * b).sum::<u32>() % 11 % 10
}

/// INN: 10 digits for organisations, 12 for individuals (FNS check-digit algorithm).
pub fn is_valid_inn(inn: &str) -> bool {
    let Some(d) = digits(inn) else { return false };
    match d.len() {
        10 => weighted(&d[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => {
            weighted(&d[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && weighted(&d[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        }
        _ => false,
    }
}

/// OGRN (13 digits) or OGRNIP (15 digits).
pub fn is_valid_ogrn(ogrn: &str) -> bool {
    if !ogrn.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let (body, check, modulus) = match ogrn.len() {
        13 => (&ogrn[..12], &ogrn[12..], 11u64),
        15 => (&ogrn[..14], &ogrn[14..], 13u64),
        _ => return false,
    };
    match (body.parse::<u64>(), check.parse::<u64>()) {
        (Ok(b), Ok(c)) => b % modulus % 10 == c,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_checksums() {
        assert!(is_valid_inn("7707083893")); // Sberbank
        assert!(is_valid_inn("500100732259"));
        assert!(!is_valid_inn("7707083894"));
        assert!(!is_valid_inn("500100732258"));
        assert!(!is_valid_inn("77070838"));
        assert!(!is_valid_inn("77070838a3"));
    }

    #[test]
    fn ogrn_checksums() {
        assert!(is_valid_ogrn("1027700132195")); // Sberbank
        assert!(!is_valid_ogrn("1027700132196"));
        assert!(is_valid_ogrn("304500116000157"));
        assert!(!is_valid_ogrn("30450011600015"));
    }
}
