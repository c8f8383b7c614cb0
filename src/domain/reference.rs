//! The codes users may send, read from the same files `migrate` loads into the database.

use std::collections::HashSet;
use std::sync::LazyLock;

pub const CEFR_LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// ISO 639-1 codes of the languages this labour market speaks, plus the other common ones.
pub const LANGUAGES: &[&str] = &[
    "ru", "ky", "uz", "tg", "kk", "tk", "hy", "az", "be", "uk", "ka", "mn", "en", "de", "fr", "tr",
    "zh", "ko", "ar", "fa", "es", "it", "pl", "ro", "ug", "tt", "ba",
];

fn first_column(csv_text: &str) -> HashSet<String> {
    csv_text
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .map(|code| code.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

static COUNTRIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| first_column(include_str!("../../index/reference/countries.csv")));
static RU_REGIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| first_column(include_str!("../../index/reference/ru_regions.csv")));
static KG_REGIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| first_column(include_str!("../../index/reference/kg_regions.csv")));
static OCCUPATIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| first_column(include_str!("../../index/reference/occupations.csv")));

pub fn is_country(code: &str) -> bool {
    COUNTRIES.contains(code)
}

pub fn is_ru_region(code: &str) -> bool {
    RU_REGIONS.contains(code)
}

pub fn is_region(code: &str) -> bool {
    RU_REGIONS.contains(code) || KG_REGIONS.contains(code)
}

pub fn is_occupation(code: &str) -> bool {
    OCCUPATIONS.contains(code)
}

pub fn is_cefr(level: &str) -> bool {
    CEFR_LEVELS.contains(&level)
}

pub fn is_language(code: &str) -> bool {
    LANGUAGES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_codes_users_send() {
        assert!(is_country("KG") && is_country("TJ") && !is_country("XX"));
        assert!(is_ru_region("RU-SVE") && is_ru_region("RU-MOW") && !is_ru_region("KG-GB"));
        assert!(is_region("KG-GB"));
        assert!(is_occupation("7212") && !is_occupation("0000"));
        assert_eq!(RU_REGIONS.len(), 83);
    }
}
