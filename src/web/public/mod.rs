//! The public pages: no account needed. Search, the vacancy page, the check of a code or an
//! agency, the workers' rights and the quota figures.

pub mod check;
pub mod home;
pub mod offline;
pub mod quota;
pub mod rights;
pub mod search;
pub mod vacancy;

use crate::db::models::reference::Region;
use crate::i18n::Locale;

/// Roubles with thin spaces between thousands, as Russian prints them: `60 000`.
pub fn roubles(n: i32) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A region's name in the reader's language: Kyrgyz where the reference has it, the Latin
/// (English) form for Uzbek and English readers, Russian otherwise.
pub fn region_name(region: &Region, locale: Locale) -> String {
    match locale {
        Locale::Ky => region
            .name_ky
            .clone()
            .unwrap_or_else(|| region.name_ru.clone()),
        Locale::Uz | Locale::En => region.name_en.clone(),
        Locale::Ru | Locale::Tg => region.name_ru.clone(),
    }
}

/// An occupation's name in the reader's language (the taxonomy has Russian and English).
pub fn occupation_name(name_ru: &str, name_en: &str, locale: Locale) -> String {
    match locale {
        Locale::Uz | Locale::En => name_en.to_owned(),
        _ => name_ru.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roubles_group_thousands() {
        assert_eq!(roubles(0), "0");
        assert_eq!(roubles(999), "999");
        assert_eq!(roubles(60_000), "60\u{202f}000");
        assert_eq!(roubles(1_234_567), "1\u{202f}234\u{202f}567");
    }
}
