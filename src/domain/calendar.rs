//! The Russian working-day calendar, for legal deadlines counted in working days (the hire
//! notice to the migration authorities). Public holidays are those of the Labour Code, art. 112
//! part 1; the days the government moves each year are data (`index/reference/
//! ru_calendar_transfers.csv`, with the act of each). For a year the table does not cover, the
//! Code's own rule applies: a holiday outside January that falls on a weekend moves the day off
//! to the next working day (art. 112 part 2). When a year's decree is in the table, its transfers
//! replace that rule, because the decree may move the day elsewhere.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

const TRANSFERS_CSV: &str = include_str!("../../index/reference/ru_calendar_transfers.csv");

/// Non-working public holidays as (month, day): New Year holidays 1–6 January, Christmas
/// 7 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November.
pub const HOLIDAYS: [(u32, u32); 14] = [
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    DayOff,
    WorkingDay,
}

#[derive(Debug, Clone, Deserialize)]
struct Transfer {
    date: NaiveDate,
    kind: Kind,
}

static TRANSFERS: LazyLock<Vec<Transfer>> = LazyLock::new(|| {
    csv::Reader::from_reader(TRANSFERS_CSV.as_bytes())
        .deserialize()
        .filter_map(Result::ok)
        .collect()
});

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_holiday(day: NaiveDate) -> bool {
    HOLIDAYS.contains(&(day.month(), day.day()))
}

/// Whether the table holds the government's transfers for `year`.
fn year_covered(year: i32) -> bool {
    TRANSFERS.iter().any(|t| t.date.year() == year)
}

/// Art. 112 part 2: a holiday (not in January) on a weekend makes the next working day a day off.
fn moved_by_code(day: NaiveDate) -> bool {
    if is_weekend(day) || is_holiday(day) {
        return false;
    }
    // The first weekday after a run of weekend days and holidays takes the day off of a
    // holiday outside January in that run (no two such holidays are ever in one run).
    let mut d = day - Duration::days(1);
    while is_weekend(d) || is_holiday(d) {
        if is_weekend(d) && is_holiday(d) && d.month() != 1 {
            return true;
        }
        d -= Duration::days(1);
    }
    false
}

/// Whether nobody works on `day`.
pub fn is_day_off(day: NaiveDate) -> bool {
    if let Some(t) = TRANSFERS.iter().find(|t| t.date == day) {
        return t.kind == Kind::DayOff;
    }
    if is_weekend(day) || is_holiday(day) {
        return true;
    }
    !year_covered(day.year()) && moved_by_code(day)
}

/// The day `n` working days after `start` (the days after it are counted, not `start`).
pub fn add_working_days(start: NaiveDate, n: u32) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !is_day_off(day) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_parses_whole() {
        let lines = TRANSFERS_CSV.lines().count() - 1;
        assert_eq!(TRANSFERS.len(), lines, "every row of the table parses");
    }

    #[test]
    fn holidays_and_weekends_are_days_off() {
        assert!(is_day_off(d(2026, 1, 1)));
        assert!(is_day_off(d(2026, 1, 8)));
        assert!(is_day_off(d(2026, 2, 23)), "a Monday holiday");
        assert!(is_day_off(d(2026, 6, 12)));
        assert!(is_day_off(d(2026, 11, 4)));
        assert!(is_day_off(d(2026, 12, 5)), "a Saturday");
        assert!(!is_day_off(d(2026, 12, 4)), "a Friday");
        assert!(!is_day_off(d(2026, 2, 24)));
    }

    #[test]
    fn the_decrees_move_days_and_replace_the_codes_own_rule() {
        // 2025: 23 February was a Sunday; the decree moved it to 8 May, not to 24 February.
        assert!(!is_day_off(d(2025, 2, 24)));
        assert!(is_day_off(d(2025, 5, 8)));
        assert!(!is_day_off(d(2025, 11, 1)), "a working Saturday");
        assert!(is_day_off(d(2025, 11, 3)));
        assert!(is_day_off(d(2026, 1, 9)));
        assert!(is_day_off(d(2026, 3, 9)));
        assert!(is_day_off(d(2026, 5, 11)));
        assert!(is_day_off(d(2026, 12, 31)));
    }

    #[test]
    fn an_uncovered_year_follows_article_112() {
        // 12 June 2027 is a Saturday → Monday 14 June off; 9 May 2028 is a Tuesday (no shift).
        assert!(!year_covered(2027));
        assert!(is_day_off(d(2027, 6, 14)));
        assert!(!is_day_off(d(2027, 6, 15)));
        // January holidays on a weekend are not moved by the Code (only by a decree).
        assert!(!is_day_off(d(2027, 1, 11)));
        assert!(!is_day_off(d(2028, 5, 10)));
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_transfers() {
        // Friday 4 December 2026 + 3 working days = Wednesday 9 December.
        assert_eq!(add_working_days(d(2026, 12, 4), 3), d(2026, 12, 9));
        // Tuesday 29 December 2026: the 30th, then 31 December (moved) and 1–10 January are
        // off; 11 and 12 January 2027.
        assert_eq!(add_working_days(d(2026, 12, 29), 3), d(2027, 1, 12));
        // Around the May holidays of 2026: Thursday 30 April → 4, 5, 6 May.
        assert_eq!(add_working_days(d(2026, 4, 30), 3), d(2026, 5, 6));
    }
}
