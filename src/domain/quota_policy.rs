//! Quota policy: which citizens need a quota, and which occupations are closed to foreign workers
//! where and when. The data is the ministry's (`quota_exemptions`, `closed_occupations`, edited
//! through the API); these are the rules that read it.

use std::ops::RangeInclusive;

/// Russia's own citizens never need a quota, whatever the exemption list says.
pub const OWN_COUNTRY: &str = "RU";

/// Whether a citizen of `citizenship` (ISO 3166-1 alpha-2) needs a quota to work in Russia, given
/// the countries whose citizens are exempt.
pub fn needs_quota(citizenship: &str, exemptions: &[&str]) -> bool {
    let c = citizenship.trim();
    !(c.eq_ignore_ascii_case(OWN_COUNTRY) || exemptions.iter().any(|e| e.eq_ignore_ascii_case(c)))
}

/// An occupation as a closure names it: an ISCO-08 unit group (4 digits) or a group prefix
/// (1 digit: major, 2: sub-major, 3: minor group).
pub fn is_occupation_pattern(code: &str) -> bool {
    (1..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a closure of `rule` (a code or group prefix) covers the occupation `code`.
pub fn occupation_covers(rule: &str, code: &str) -> bool {
    is_occupation_pattern(rule) && code.starts_with(rule)
}

/// Whether two codes or prefixes share a unit group (one lies under the other): how a list is
/// filtered by occupation, so `83` finds a closure of `8322` and `8322` finds one of `83`.
pub fn occupations_overlap(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The years a closure may be created for: last year (to record a rule late) up to two years
/// ahead.
pub fn year_window(current_year: i32) -> RangeInclusive<i32> {
    current_year - 1..=current_year + 2
}

/// Where and when a closure applies: one year; one region (ISO 3166-2:RU) or, `None`, all of
/// Russia; an occupation code or group prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    pub year: i32,
    pub region: Option<&'a str>,
    pub occupation: &'a str,
}

impl Scope<'_> {
    pub fn applies_to(&self, year: i32, region: &str, occupation: &str) -> bool {
        self.year == year
            && self.region.is_none_or(|r| r == region)
            && occupation_covers(self.occupation, occupation)
    }

    /// Greater is more specific: a regional rule before a federal one, then the narrower
    /// occupation (the longer code).
    fn specificity(&self) -> (bool, usize) {
        (self.region.is_some(), self.occupation.len())
    }
}

/// The most specific of `rules` that applies to (year, region, occupation); of equally specific
/// ones, the first.
pub fn most_specific<'r, T>(
    rules: &'r [T],
    scope: impl Fn(&T) -> Scope<'_>,
    year: i32,
    region: &str,
    occupation: &str,
) -> Option<&'r T> {
    let mut best: Option<(&T, (bool, usize))> = None;
    for rule in rules {
        let s = scope(rule);
        if !s.applies_to(year, region, occupation) {
            continue;
        }
        let key = s.specificity();
        if best.is_none_or(|(_, k)| key > k) {
            best = Some((rule, key));
        }
    }
    best.map(|(rule, _)| rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EAEU_AND_RU: [&str; 5] = ["AM", "BY", "KZ", "KG", "RU"];

    #[test]
    fn eaeu_citizens_and_russians_need_no_quota_others_do() {
        for c in ["AM", "BY", "KZ", "KG", "RU"] {
            assert!(!needs_quota(c, &EAEU_AND_RU), "{c}");
        }
        for c in ["UZ", "TJ", "TM", "AZ", "CN"] {
            assert!(needs_quota(c, &EAEU_AND_RU), "{c}");
        }
        // Removing an exemption makes its citizens need a quota; Russians never do.
        assert!(needs_quota("KG", &["AM", "BY", "KZ"]));
        assert!(!needs_quota("RU", &[]));
        assert!(!needs_quota("kg", &EAEU_AND_RU));
    }

    #[test]
    fn occupation_patterns_are_one_to_four_digits() {
        for ok in ["8", "83", "832", "8322"] {
            assert!(is_occupation_pattern(ok), "{ok}");
        }
        for bad in ["", "83221", "8a", " 83", "８３"] {
            assert!(!is_occupation_pattern(bad), "{bad}");
        }
    }

    #[test]
    fn a_group_covers_every_code_under_it() {
        assert!(occupation_covers("8322", "8322"));
        assert!(occupation_covers("832", "8322"));
        assert!(occupation_covers("83", "8331"));
        assert!(occupation_covers("8", "8111"));
        assert!(!occupation_covers("832", "8331"));
        assert!(!occupation_covers("8322", "832"));
        assert!(!occupation_covers("", "8322"));
        assert!(occupations_overlap("83", "8322") && occupations_overlap("8322", "83"));
        assert!(!occupations_overlap("833", "8322"));
    }

    #[test]
    fn the_year_window_is_last_year_to_two_ahead() {
        assert_eq!(year_window(2026), 2025..=2028);
    }

    struct Rule {
        id: u32,
        year: i32,
        region: Option<&'static str>,
        occupation: &'static str,
    }

    fn scope(r: &Rule) -> Scope<'_> {
        Scope {
            year: r.year,
            region: r.region,
            occupation: r.occupation,
        }
    }

    fn rule(id: u32, year: i32, region: Option<&'static str>, occupation: &'static str) -> Rule {
        Rule {
            id,
            year,
            region,
            occupation,
        }
    }

    fn matched(rules: &[Rule], year: i32, region: &str, occupation: &str) -> Option<u32> {
        most_specific(rules, scope, year, region, occupation).map(|r| r.id)
    }

    #[test]
    fn a_closure_applies_in_its_year_region_and_group_only() {
        let rules = [rule(1, 2026, Some("RU-NVS"), "832")];
        assert_eq!(matched(&rules, 2026, "RU-NVS", "8322"), Some(1));
        assert_eq!(matched(&rules, 2026, "RU-NVS", "8331"), None);
        assert_eq!(matched(&rules, 2026, "RU-SVE", "8322"), None);
        assert_eq!(matched(&rules, 2027, "RU-NVS", "8322"), None);
    }

    #[test]
    fn a_federal_closure_applies_in_every_region() {
        let rules = [rule(1, 2026, None, "5211")];
        for region in ["RU-MOW", "RU-SVE", "RU-KHA"] {
            assert_eq!(matched(&rules, 2026, region, "5211"), Some(1), "{region}");
        }
        assert_eq!(matched(&rules, 2026, "RU-MOW", "5212"), None);
    }

    #[test]
    fn the_most_specific_rule_wins() {
        let rules = [
            rule(1, 2026, None, "8"),
            rule(2, 2026, None, "8322"),
            rule(3, 2026, Some("RU-SPE"), "83"),
            rule(4, 2026, Some("RU-SPE"), "8322"),
            rule(5, 2026, Some("RU-SPE"), "8322"),
        ];
        // Regional beats federal, then the narrower code; of equals, the first.
        assert_eq!(matched(&rules, 2026, "RU-SPE", "8322"), Some(4));
        assert_eq!(matched(&rules, 2026, "RU-SPE", "8331"), Some(3));
        assert_eq!(matched(&rules, 2026, "RU-MOW", "8322"), Some(2));
        assert_eq!(matched(&rules, 2026, "RU-MOW", "8111"), Some(1));
        assert_eq!(matched(&rules, 2026, "RU-MOW", "7212"), None);
        assert_eq!(matched(&[], 2026, "RU-MOW", "7212"), None);
    }
}
