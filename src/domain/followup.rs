//! A year of follow-up after a placed worker starts work: when each follow-up falls due, what
//! counts as a bad answer, when an unanswered one is overdue, and when the employer's notice of
//! the hire to the migration authorities is due. The best practice in the source studies (Ural
//! House) follows every worker for a year; unpaid wages and retained passports surface here.

use std::fmt;
use std::str::FromStr;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which follow-up it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowupKind {
    #[serde(rename = "day_30")]
    Day30,
    #[serde(rename = "day_90")]
    Day90,
    #[serde(rename = "day_180")]
    Day180,
    #[serde(rename = "day_365")]
    Day365,
    /// Asked at once when a contract ends early.
    AfterTermination,
}

impl FollowupKind {
    pub const ALL: [FollowupKind; 5] = [
        Self::Day30,
        Self::Day90,
        Self::Day180,
        Self::Day365,
        Self::AfterTermination,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day30 => "day_30",
            Self::Day90 => "day_90",
            Self::Day180 => "day_180",
            Self::Day365 => "day_365",
            Self::AfterTermination => "after_termination",
        }
    }
}

impl fmt::Display for FollowupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FollowupKind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

/// The follow-ups of one employment, by the day work started.
pub fn schedule(employment_start: NaiveDate) -> Vec<(FollowupKind, NaiveDate)> {
    [
        (FollowupKind::Day30, 30),
        (FollowupKind::Day90, 90),
        (FollowupKind::Day180, 180),
        (FollowupKind::Day365, 365),
    ]
    .into_iter()
    .map(|(k, days)| (k, employment_start + Duration::days(days)))
    .collect()
}

/// Reminders go out this many days before a follow-up is due, and again on the day.
pub const REMIND_BEFORE_DAYS: i64 = 3;
/// An unanswered follow-up this many days past due is flagged to the ministry.
pub const OVERDUE_AFTER_DAYS: i64 = 14;

/// Where a follow-up stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowupStatus {
    Upcoming,
    Due,
    Overdue,
    Answered,
    /// No longer asked: the employment ended early before it fell due.
    Withdrawn,
}

pub fn status(due_on: NaiveDate, answered: bool, today: NaiveDate) -> FollowupStatus {
    if answered {
        FollowupStatus::Answered
    } else if today > due_on + Duration::days(OVERDUE_AFTER_DAYS) {
        FollowupStatus::Overdue
    } else if today >= due_on - Duration::days(REMIND_BEFORE_DAYS) {
        FollowupStatus::Due
    } else {
        FollowupStatus::Upcoming
    }
}

/// After an early end on `ended_on`, a scheduled follow-up due later is no longer asked: the
/// follow-up after termination covers the end, and an employer is not counted for silence about
/// a job that had ended.
pub fn withdrawn_by_early_end(kind: FollowupKind, due_on: NaiveDate, ended_on: NaiveDate) -> bool {
    kind != FollowupKind::AfterTermination && due_on > ended_on
}

/// A follow-up can be answered from a week before it is due.
pub const OPENS_BEFORE_DAYS: i64 = 7;

pub fn may_answer(due_on: NaiveDate, today: NaiveDate) -> bool {
    today >= due_on - Duration::days(OPENS_BEFORE_DAYS)
}

/// The worker's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    pub paid_on_time: bool,
    pub paid_in_full: bool,
    pub hours_as_contracted: bool,
    pub housing_as_contracted: bool,
    pub passport_in_own_hands: bool,
    /// Anything else to report, in the worker's words.
    pub report: Option<String>,
}

/// What a bad answer reports; each one opens a case at the ministry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    PaidLate,
    Underpaid,
    HoursDiffer,
    HousingDiffers,
    PassportRetained,
    Reported,
    /// Nobody answered within the grace period.
    Overdue,
}

impl Concern {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PaidLate => "paid_late",
            Self::Underpaid => "underpaid",
            Self::HoursDiffer => "hours_differ",
            Self::HousingDiffers => "housing_differs",
            Self::PassportRetained => "passport_retained",
            Self::Reported => "reported",
            Self::Overdue => "overdue",
        }
    }
}

/// The concerns the answers raise (none: a good follow-up).
pub fn concerns(a: &Answers) -> Vec<Concern> {
    let mut out = Vec::new();
    if !a.paid_on_time {
        out.push(Concern::PaidLate);
    }
    if !a.paid_in_full {
        out.push(Concern::Underpaid);
    }
    if !a.hours_as_contracted {
        out.push(Concern::HoursDiffer);
    }
    if !a.housing_as_contracted {
        out.push(Concern::HousingDiffers);
    }
    if !a.passport_in_own_hands {
        out.push(Concern::PassportRetained);
    }
    if a.report.as_deref().is_some_and(|r| !r.trim().is_empty()) {
        out.push(Concern::Reported);
    }
    out
}

/// How an employment ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    ByEmployer,
    ByWorker,
    ByAgreement,
}

impl Termination {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ByEmployer => "by_employer",
            Self::ByWorker => "by_worker",
            Self::ByAgreement => "by_agreement",
        }
    }

    /// A worker ends it themselves or by agreement; an employer by its own decision or by
    /// agreement.
    pub fn open_to_worker(self) -> bool {
        matches!(self, Self::ByWorker | Self::ByAgreement)
    }

    pub fn open_to_employer(self) -> bool {
        matches!(self, Self::ByEmployer | Self::ByAgreement)
    }
}

/// The employer notifies the migration authorities of hiring a foreign worker within 3 working
/// days of the start (Federal Law No. 115-FZ, art. 13 §8), on the Russian working-day calendar
/// (`domain::calendar`: weekends, public holidays and the government's transfers).
pub const HIRE_NOTICE_WORKING_DAYS: u32 = 3;

pub fn hire_notice_due(employment_start: NaiveDate) -> NaiveDate {
    crate::domain::calendar::add_working_days(employment_start, HIRE_NOTICE_WORKING_DAYS)
}

/// Work may be recorded as started at most this many days back.
pub const START_BACKDATE_DAYS: i64 = 30;

/// Whether the contract has run its term by `today` (`employed → completed`).
pub fn may_complete(contract_end: Option<NaiveDate>, today: NaiveDate) -> bool {
    contract_end.is_some_and(|end| today >= end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn four_follow_ups_fall_due_over_the_first_year() {
        let s = schedule(d(2027, 1, 1));
        assert_eq!(
            s,
            vec![
                (FollowupKind::Day30, d(2027, 1, 31)),
                (FollowupKind::Day90, d(2027, 4, 1)),
                (FollowupKind::Day180, d(2027, 6, 30)),
                (FollowupKind::Day365, d(2028, 1, 1)),
            ]
        );
    }

    #[test]
    fn a_follow_up_is_upcoming_due_then_overdue_unless_answered() {
        let due = d(2027, 1, 31);
        assert_eq!(status(due, false, d(2027, 1, 27)), FollowupStatus::Upcoming);
        assert_eq!(status(due, false, d(2027, 1, 28)), FollowupStatus::Due);
        assert_eq!(status(due, false, d(2027, 2, 14)), FollowupStatus::Due);
        assert_eq!(status(due, false, d(2027, 2, 15)), FollowupStatus::Overdue);
        assert_eq!(status(due, true, d(2027, 3, 1)), FollowupStatus::Answered);
        assert!(!may_answer(due, d(2027, 1, 23)));
        assert!(may_answer(due, d(2027, 1, 24)));
    }

    #[test]
    fn bad_answers_are_concerns() {
        let good = Answers {
            paid_on_time: true,
            paid_in_full: true,
            hours_as_contracted: true,
            housing_as_contracted: true,
            passport_in_own_hands: true,
            report: Some("  ".into()),
        };
        assert!(concerns(&good).is_empty());
        let bad = Answers {
            paid_in_full: false,
            passport_in_own_hands: false,
            report: Some("Бригадир забрал паспорт".into()),
            ..good
        };
        assert_eq!(
            concerns(&bad),
            vec![
                Concern::Underpaid,
                Concern::PassportRetained,
                Concern::Reported
            ]
        );
    }

    #[test]
    fn the_hire_notice_is_due_three_working_days_after_the_start() {
        // Monday → Thursday.
        assert_eq!(hire_notice_due(d(2027, 3, 1)), d(2027, 3, 4));
        // Thursday → Wednesday: neither the weekend nor Monday 8 March (a holiday) counts.
        assert_eq!(hire_notice_due(d(2027, 3, 4)), d(2027, 3, 10));
        // Saturday → Thursday.
        assert_eq!(hire_notice_due(d(2027, 3, 6)), d(2027, 3, 11));
        // Thursday → Tuesday, with no holiday in between.
        assert_eq!(hire_notice_due(d(2027, 3, 11)), d(2027, 3, 16));
    }

    #[test]
    fn each_side_ends_an_employment_in_its_own_way() {
        assert!(Termination::ByWorker.open_to_worker());
        assert!(!Termination::ByWorker.open_to_employer());
        assert!(Termination::ByEmployer.open_to_employer());
        assert!(!Termination::ByEmployer.open_to_worker());
        assert!(Termination::ByAgreement.open_to_worker());
        assert!(Termination::ByAgreement.open_to_employer());
    }

    #[test]
    fn a_contract_completes_on_its_last_day_not_before() {
        let end = Some(d(2027, 12, 31));
        assert!(!may_complete(end, d(2027, 12, 30)));
        assert!(may_complete(end, d(2027, 12, 31)));
        assert!(!may_complete(None, d(2030, 1, 1)));
    }

    #[test]
    fn kinds_parse_from_their_names() {
        for k in FollowupKind::ALL {
            assert_eq!(k.as_str().parse::<FollowupKind>(), Ok(k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
        }
    }

    #[test]
    fn an_early_end_withdraws_the_follow_ups_due_after_it() {
        let end = d(2027, 5, 10);
        assert!(withdrawn_by_early_end(
            FollowupKind::Day180,
            d(2027, 5, 11),
            end
        ));
        assert!(!withdrawn_by_early_end(
            FollowupKind::Day90,
            d(2027, 5, 10),
            end
        ));
        assert!(!withdrawn_by_early_end(
            FollowupKind::Day30,
            d(2027, 2, 1),
            end
        ));
        assert!(!withdrawn_by_early_end(
            FollowupKind::AfterTermination,
            d(2027, 6, 1),
            end
        ));
    }
}
