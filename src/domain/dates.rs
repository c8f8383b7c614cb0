//! Date windows: a date someone types must fall where the rule it feeds can make sense of it.
//!
//! The windows, and why:
//! - Vacancy `start_date`: on create, not before today; on edit, not more than a year in the past
//!   (an open listing that started long ago is stale, not a date to keep editing around). At
//!   most [`START_MAX_AHEAD_DAYS`] after today, and at most [`START_AFTER_CLOSING_DAYS`] after
//!   the listing's own `expires_on`: selection, medical checks, the work patent and travel take
//!   weeks, not years, once applications close.
//! - Passport expiry: after today (an expired passport cannot be used to travel) and at most
//!   [`PASSPORT_MAX_AHEAD_YEARS`] years ahead: Kyrgyz, Uzbek, Tajik and Russian passports are
//!   issued for at most ten years, plus a year of slack.
//! - Profile `available_from`: not more than [`AVAILABLE_MAX_PAST_DAYS`] ago (a past date means
//!   "available now", but 0000-01-01 is a typo) and not more than [`AVAILABLE_MAX_AHEAD_DAYS`]
//!   ahead (nobody is matched against a job two years away).

use chrono::{Days, Months, NaiveDate};

pub const START_MAX_AHEAD_DAYS: u64 = 365;
pub const START_AFTER_CLOSING_DAYS: u64 = 120;
pub const START_MAX_PAST_DAYS_WHEN_EDITING: u64 = 365;
pub const PASSPORT_MAX_AHEAD_YEARS: u32 = 11;
pub const AVAILABLE_MAX_PAST_DAYS: u64 = 365;
pub const AVAILABLE_MAX_AHEAD_DAYS: u64 = 730;

/// Why a date is outside its window; each has its own field code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Before today where the past is not allowed.
    InPast,
    /// A passport that has already expired.
    PassportExpired,
    /// Before `min`.
    TooEarly { min: NaiveDate },
    /// After `max`.
    TooLate { max: NaiveDate },
    /// A vacancy starting more than `days` after its listing closes (`max` is the last day).
    StartAfterClosing { max: NaiveDate, days: u64 },
}

impl DateError {
    /// The field code answered in `invalid_params` (`validation.<code>` is its message).
    pub fn code(self) -> &'static str {
        match self {
            DateError::InPast => "date_in_past",
            DateError::PassportExpired => "passport_expired",
            DateError::TooEarly { .. } => "date_too_early",
            DateError::TooLate { .. } => "date_too_late",
            DateError::StartAfterClosing { .. } => "start_after_closing",
        }
    }

    /// The values the message needs.
    pub fn params(self) -> Vec<(&'static str, String)> {
        match self {
            DateError::InPast | DateError::PassportExpired => Vec::new(),
            DateError::TooEarly { min } => vec![("min", min.to_string())],
            DateError::TooLate { max } => vec![("max", max.to_string())],
            DateError::StartAfterClosing { max, days } => {
                vec![("max", max.to_string()), ("days", days.to_string())]
            }
        }
    }
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// The first working day of a vacancy that closes for applications on `expires_on`.
pub fn vacancy_start(
    start: NaiveDate,
    expires_on: NaiveDate,
    today: NaiveDate,
    creating: bool,
) -> Result<(), DateError> {
    if creating {
        if start < today {
            return Err(DateError::InPast);
        }
    } else {
        let min = minus_days(today, START_MAX_PAST_DAYS_WHEN_EDITING);
        if start < min {
            return Err(DateError::TooEarly { min });
        }
    }
    let max = plus_days(today, START_MAX_AHEAD_DAYS);
    if start > max {
        return Err(DateError::TooLate { max });
    }
    let max = plus_days(expires_on, START_AFTER_CLOSING_DAYS);
    if start > max {
        return Err(DateError::StartAfterClosing {
            max,
            days: START_AFTER_CLOSING_DAYS,
        });
    }
    Ok(())
}

/// A passport's expiry date.
pub fn passport_expiry(expiry: NaiveDate, today: NaiveDate) -> Result<(), DateError> {
    if expiry <= today {
        return Err(DateError::PassportExpired);
    }
    let max = today
        .checked_add_months(Months::new(12 * PASSPORT_MAX_AHEAD_YEARS))
        .unwrap_or(NaiveDate::MAX);
    if expiry > max {
        return Err(DateError::TooLate { max });
    }
    Ok(())
}

/// The day a candidate can start working.
pub fn available_from(date: NaiveDate, today: NaiveDate) -> Result<(), DateError> {
    let min = minus_days(today, AVAILABLE_MAX_PAST_DAYS);
    if date < min {
        return Err(DateError::TooEarly { min });
    }
    let max = plus_days(today, AVAILABLE_MAX_AHEAD_DAYS);
    if date > max {
        return Err(DateError::TooLate { max });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-12-01";

    #[test]
    fn vacancy_start_window_on_create() {
        let today = d(TODAY);
        let expires = d("2027-02-01");
        assert_eq!(vacancy_start(today, expires, today, true), Ok(()));
        assert_eq!(vacancy_start(d("2027-05-31"), expires, today, true), Ok(()));
        assert_eq!(
            vacancy_start(d("2026-11-30"), expires, today, true),
            Err(DateError::InPast)
        );
        assert_eq!(
            vacancy_start(d("0000-01-01"), expires, today, true),
            Err(DateError::InPast)
        );
        assert_eq!(
            vacancy_start(d("9999-12-31"), expires, today, true),
            Err(DateError::TooLate {
                max: d("2027-12-01")
            })
        );
        // 120 days after the listing closes is the last allowed start.
        assert_eq!(vacancy_start(d("2027-06-01"), expires, today, true), Ok(()));
        assert_eq!(
            vacancy_start(d("2027-06-02"), expires, today, true),
            Err(DateError::StartAfterClosing {
                max: d("2027-06-01"),
                days: 120
            })
        );
    }

    #[test]
    fn vacancy_start_window_on_edit_allows_a_recent_past() {
        let today = d(TODAY);
        let expires = d("2027-01-15");
        assert_eq!(
            vacancy_start(d("2026-06-01"), expires, today, false),
            Ok(())
        );
        assert_eq!(
            vacancy_start(d("0000-01-01"), expires, today, false),
            Err(DateError::TooEarly {
                min: d("2025-12-01")
            })
        );
        assert_eq!(
            vacancy_start(d("9999-12-31"), expires, today, false).map_err(DateError::code),
            Err("date_too_late")
        );
        // Extreme dates do not overflow.
        assert_eq!(
            vacancy_start(NaiveDate::MAX, NaiveDate::MAX, today, false).map_err(DateError::code),
            Err("date_too_late")
        );
        assert_eq!(
            vacancy_start(NaiveDate::MIN, NaiveDate::MIN, today, false).map_err(DateError::code),
            Err("date_too_early")
        );
    }

    #[test]
    fn passport_expiry_window() {
        let today = d(TODAY);
        assert_eq!(passport_expiry(d("2036-12-01"), today), Ok(()));
        assert_eq!(passport_expiry(d("2037-12-01"), today), Ok(()));
        assert_eq!(
            passport_expiry(d("2037-12-02"), today),
            Err(DateError::TooLate {
                max: d("2037-12-01")
            })
        );
        assert_eq!(
            passport_expiry(d("9999-12-31"), today).map_err(DateError::code),
            Err("date_too_late")
        );
        assert_eq!(
            passport_expiry(today, today),
            Err(DateError::PassportExpired)
        );
        assert_eq!(
            passport_expiry(d("0000-01-01"), today),
            Err(DateError::PassportExpired)
        );
    }

    #[test]
    fn available_from_window() {
        let today = d(TODAY);
        assert_eq!(available_from(today, today), Ok(()));
        assert_eq!(available_from(d("2026-01-01"), today), Ok(()));
        assert_eq!(available_from(d("2028-11-30"), today), Ok(()));
        assert_eq!(
            available_from(d("0000-01-01"), today),
            Err(DateError::TooEarly {
                min: d("2025-12-01")
            })
        );
        assert_eq!(
            available_from(d("9999-12-31"), today),
            Err(DateError::TooLate {
                max: d("2028-11-30")
            })
        );
    }

    #[test]
    fn codes_and_params() {
        let e = DateError::StartAfterClosing {
            max: d("2027-06-01"),
            days: 120,
        };
        assert_eq!(e.code(), "start_after_closing");
        assert_eq!(
            e.params(),
            vec![
                ("max", "2027-06-01".to_string()),
                ("days", "120".to_string())
            ]
        );
        assert_eq!(DateError::InPast.code(), "date_in_past");
    }
}
