//! A placement's written contract: the terms an employer offers, the rules they must meet
//! (no fee to the worker, at least the minimum wage, a 40-hour week unless the contract says
//! why), the minimum wage that applies, and the order of signatures. Versions are immutable once
//! anyone has signed them; a change is a new version that both sides sign again.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;

use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::FieldError;

/// The fee a worker may be charged for being placed: none (ILO Private Employment Agencies
/// Convention C181, art. 7: the employer pays). Also a CHECK constraint on `contracts`.
pub const WORKER_FEE_RUB: i32 = 0;

/// The normal working week (Labour Code of the Russian Federation, art. 91).
pub const NORMAL_HOURS: i32 = 40;
/// The longest week any contract may name, even with a reason.
pub const MAX_HOURS: i32 = 60;
/// Annual paid leave is at least 28 calendar days (Labour Code, art. 115).
pub const MIN_PAID_LEAVE_DAYS: i32 = 28;
pub const MAX_PAID_LEAVE_DAYS: i32 = 90;
pub const MIN_MONTHS: i32 = 1;
/// Longest contract term accepted; a work patent is issued for up to 12 months and renewed.
pub const MAX_MONTHS: i32 = 36;
/// The start may lie at most this far ahead.
pub const MAX_START_AHEAD_DAYS: i64 = 366;
pub const DETAILS_MAX: usize = 2000;

/// The terms as the employer writes them (validated by [`check`] before anything is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerms {
    pub salary_rub_month: i32,
    pub hours_per_week: i32,
    pub hours_reason: Option<String>,
    pub start_date: NaiveDate,
    pub duration_months: i32,
    /// `None`: not provided; otherwise what is provided, in the employer's words.
    pub housing: Option<String>,
    pub meals: Option<String>,
    pub transport: Option<String>,
    pub paid_leave_days: i32,
    pub employer_pays_travel: bool,
    pub employer_pays_medical: bool,
    pub employer_pays_permit: bool,
    pub worker_fee_rub: i32,
}

impl ContractTerms {
    /// The free-text fields as stored: NFC, trimmed, blank turned into `None`.
    pub fn cleaned(mut self) -> Self {
        let clean = |v: Option<String>| v.map(|s| text::clean(&s)).filter(|s| !s.is_empty());
        self.hours_reason = clean(self.hours_reason);
        self.housing = clean(self.housing);
        self.meals = clean(self.meals);
        self.transport = clean(self.transport);
        self
    }

    /// The last day of the contract.
    pub fn end_date(&self) -> Option<NaiveDate> {
        let months = u32::try_from(self.duration_months).ok()?;
        self.start_date
            .checked_add_months(Months::new(months))?
            .pred_opt()
    }
}

/// What the terms are checked against: the vacancy's salary range, the minimum wage in force
/// where and when the work starts, and today.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'a> {
    pub salary_min: i32,
    pub salary_max: i32,
    pub minimum_wage: &'a MinimumWage,
    pub today: NaiveDate,
}

/// Why terms were refused: a fee charged to the worker is its own error (422
/// `worker_fee_forbidden`), whatever else is wrong; everything else is a list of field errors.
#[derive(Debug, Clone, PartialEq)]
pub enum TermsError {
    WorkerFee(Vec<FieldError>),
    Invalid(Vec<FieldError>),
}

/// Every problem with the terms at once.
pub fn check(terms: &ContractTerms, limits: Limits<'_>) -> Result<(), TermsError> {
    let mut c = Check::new();
    let min_wage = limits.minimum_wage.rub_per_month;
    if terms.salary_rub_month < min_wage {
        c.push(
            FieldError::new("salary_rub_month", "below_minimum_wage")
                .with("min", min_wage)
                .with("source", &limits.minimum_wage.source),
        );
    } else if terms.salary_rub_month < limits.salary_min
        || terms.salary_rub_month > limits.salary_max
    {
        c.push(
            FieldError::new("salary_rub_month", "outside_vacancy_range")
                .with("min", limits.salary_min)
                .with("max", limits.salary_max),
        );
    }
    c.range(
        "hours_per_week",
        terms.hours_per_week.into(),
        1,
        MAX_HOURS.into(),
    );
    match &terms.hours_reason {
        Some(reason) => c.text("hours_reason", reason, 1, DETAILS_MAX),
        None if terms.hours_per_week > NORMAL_HOURS => c.push(
            FieldError::new("hours_reason", "hours_reason_required").with("max", NORMAL_HOURS),
        ),
        None => {}
    }
    c.range(
        "duration_months",
        terms.duration_months.into(),
        MIN_MONTHS.into(),
        MAX_MONTHS.into(),
    );
    c.range(
        "paid_leave_days",
        terms.paid_leave_days.into(),
        MIN_PAID_LEAVE_DAYS.into(),
        MAX_PAID_LEAVE_DAYS.into(),
    );
    c.not_before("start_date", terms.start_date, limits.today);
    if (terms.start_date - limits.today).num_days() > MAX_START_AHEAD_DAYS {
        c.push(FieldError::new("start_date", "out_of_range").with("max", MAX_START_AHEAD_DAYS));
    }
    for (field, value) in [
        ("housing", &terms.housing),
        ("meals", &terms.meals),
        ("transport", &terms.transport),
    ] {
        if let Some(v) = value {
            c.text(field, v, 1, DETAILS_MAX);
        }
    }
    let fee = terms.worker_fee_rub != WORKER_FEE_RUB;
    if fee {
        c.push(FieldError::new("worker_fee_rub", "worker_fee_forbidden"));
    }
    match c.into_errors() {
        Ok(()) => Ok(()),
        Err(errors) if fee => Err(TermsError::WorkerFee(errors)),
        Err(errors) => Err(TermsError::Invalid(errors)),
    }
}

/// The minimum monthly wage in force: the federal МРОТ or a region's own higher minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinimumWage {
    pub rub_per_month: i32,
    /// The year of the figure applied.
    pub year: i32,
    /// `RU` for the federal minimum, else the ISO 3166-2 region code.
    pub region_code: String,
    /// The legal act that sets it.
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
struct WageRow {
    year: i32,
    region_code: String,
    rub_per_month: i32,
    source: String,
}

impl From<&WageRow> for MinimumWage {
    fn from(r: &WageRow) -> Self {
        Self {
            rub_per_month: r.rub_per_month,
            year: r.year,
            region_code: r.region_code.clone(),
            source: r.source.clone(),
        }
    }
}

const WAGES_CSV: &str = include_str!("../../index/reference/minimum_wage.csv");

static WAGES: LazyLock<Vec<WageRow>> = LazyLock::new(|| parse_wages(WAGES_CSV));

fn parse_wages(csv_text: &str) -> Vec<WageRow> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    reader.deserialize().filter_map(Result::ok).collect()
}

/// The federal code in the minimum wage table.
pub const FEDERAL: &str = "RU";

/// Every known minimum wage figure, for the reference endpoint.
pub fn minimum_wages() -> Vec<MinimumWage> {
    WAGES.iter().map(MinimumWage::from).collect()
}

/// The minimum wage for work starting on `start` in `region`: the latest federal figure in force
/// that year, or the region's latest figure up to that year where it is higher. A minimum is
/// never lowered, so an older figure is a floor when this year's is not in the table yet.
pub fn minimum_wage(region: &str, start: NaiveDate) -> Option<MinimumWage> {
    minimum_wage_in(&WAGES, region, start)
}

fn minimum_wage_in(rows: &[WageRow], region: &str, start: NaiveDate) -> Option<MinimumWage> {
    let latest = |code: &str| {
        rows.iter()
            .filter(|r| r.region_code == code && r.year <= start.year())
            .max_by_key(|r| r.year)
    };
    let federal = latest(FEDERAL).or_else(|| {
        // Work before the first year we know: the earliest figure is the best floor we have.
        rows.iter()
            .filter(|r| r.region_code == FEDERAL)
            .min_by_key(|r| r.year)
    })?;
    let regional = latest(region).filter(|r| r.rub_per_month > federal.rub_per_month);
    Some(regional.unwrap_or(federal).into())
}

/// Who signs a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    Employer,
    Candidate,
}

impl Signer {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Employer => "employer",
            Self::Candidate => "candidate",
        }
    }
}

/// The signatures a version carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signatures {
    pub employer: bool,
    pub candidate: bool,
}

impl Signatures {
    pub fn complete(self) -> bool {
        self.employer && self.candidate
    }

    /// Any signature freezes the terms of a version.
    pub fn any(self) -> bool {
        self.employer || self.candidate
    }
}

/// Why a signature is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignError {
    /// A newer version replaced the one being signed.
    Superseded,
    /// This side has already signed this version.
    AlreadySigned,
    /// The employer signs first: the candidate confirms what the employer offers.
    EmployerFirst,
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Superseded => "a newer version of the contract replaced this one; read and sign the latest version",
            Self::AlreadySigned => "you have already signed this version",
            Self::EmployerFirst => "the employer has not signed this version yet",
        })
    }
}

/// Whether `signer` may sign a version now.
pub fn may_sign(signer: Signer, signed: Signatures, is_latest: bool) -> Result<(), SignError> {
    if !is_latest {
        return Err(SignError::Superseded);
    }
    match signer {
        Signer::Employer if signed.employer => Err(SignError::AlreadySigned),
        Signer::Candidate if signed.candidate => Err(SignError::AlreadySigned),
        Signer::Candidate if !signed.employer => Err(SignError::EmployerFirst),
        _ => Ok(()),
    }
}

/// Why the employer may not write a new version now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftError {
    /// Both sides signed the latest version: it is with the ministry, and the terms stand.
    AlreadySigned,
}

/// Whether a new version may follow the latest one (`None` when there is none yet).
pub fn may_draft(latest: Option<Signatures>) -> Result<(), DraftError> {
    match latest {
        Some(s) if s.complete() => Err(DraftError::AlreadySigned),
        _ => Ok(()),
    }
}

/// What a reviewer re-checks on approval: the terms still meet today's rules.
pub fn still_valid(
    salary_rub_month: i32,
    worker_fee_rub: i32,
    minimum: &MinimumWage,
) -> Result<(), String> {
    if worker_fee_rub != WORKER_FEE_RUB {
        return Err("the contract charges the worker a fee".into());
    }
    if salary_rub_month < minimum.rub_per_month {
        return Err(format!(
            "the salary {salary_rub_month} RUB is below the minimum wage of {} RUB ({})",
            minimum.rub_per_month, minimum.source
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn terms() -> ContractTerms {
        ContractTerms {
            salary_rub_month: 80_000,
            hours_per_week: 40,
            hours_reason: None,
            start_date: d(2027, 3, 1),
            duration_months: 12,
            housing: Some("Hostel, 4 people per room".into()),
            meals: None,
            transport: Some("Bus to the site".into()),
            paid_leave_days: 28,
            employer_pays_travel: true,
            employer_pays_medical: true,
            employer_pays_permit: true,
            worker_fee_rub: 0,
        }
    }

    fn wage(amount: i32) -> MinimumWage {
        MinimumWage {
            rub_per_month: amount,
            year: 2026,
            region_code: "RU".into(),
            source: "test".into(),
        }
    }

    fn limits(w: &MinimumWage) -> Limits<'_> {
        Limits {
            salary_min: 70_000,
            salary_max: 90_000,
            minimum_wage: w,
            today: d(2026, 12, 1),
        }
    }

    fn codes(e: TermsError) -> Vec<(String, &'static str)> {
        let (TermsError::WorkerFee(errors) | TermsError::Invalid(errors)) = e;
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn good_terms_pass() {
        let w = wage(27_093);
        assert_eq!(check(&terms(), limits(&w)), Ok(()));
    }

    #[test]
    fn any_fee_to_the_worker_is_its_own_error_even_with_others() {
        let w = wage(27_093);
        for fee in [1, 5_000, -1] {
            let t = ContractTerms {
                worker_fee_rub: fee,
                ..terms()
            };
            let err = check(&t, limits(&w)).unwrap_err();
            assert!(matches!(err, TermsError::WorkerFee(_)));
            assert_eq!(
                codes(err),
                vec![("worker_fee_rub".into(), "worker_fee_forbidden")]
            );
        }
        let t = ContractTerms {
            worker_fee_rub: 100,
            hours_per_week: 70,
            ..terms()
        };
        let err = check(&t, limits(&w)).unwrap_err();
        assert!(matches!(err, TermsError::WorkerFee(_)));
        assert_eq!(codes(err).len(), 3, "fee, hours range, hours reason");
    }

    #[test]
    fn salary_below_the_minimum_wage_names_the_minimum_and_its_source() {
        let w = wage(100_000);
        let err = check(&terms(), limits(&w)).unwrap_err();
        let TermsError::Invalid(errors) = err else {
            panic!("not a fee error")
        };
        assert_eq!(errors[0].code, "below_minimum_wage");
        assert!(errors[0].params.contains(&("min", "100000".into())));
        assert!(errors[0].params.contains(&("source", "test".into())));
    }

    #[test]
    fn salary_outside_the_vacancy_range_is_refused() {
        let w = wage(27_093);
        for salary in [69_999, 90_001] {
            let t = ContractTerms {
                salary_rub_month: salary,
                ..terms()
            };
            assert_eq!(
                codes(check(&t, limits(&w)).unwrap_err()),
                vec![("salary_rub_month".into(), "outside_vacancy_range")]
            );
        }
        for salary in [70_000, 90_000] {
            let t = ContractTerms {
                salary_rub_month: salary,
                ..terms()
            };
            assert_eq!(check(&t, limits(&w)), Ok(()));
        }
    }

    #[test]
    fn more_than_forty_hours_needs_a_reason_and_sixty_is_the_ceiling() {
        let w = wage(27_093);
        let long = ContractTerms {
            hours_per_week: 41,
            ..terms()
        };
        assert_eq!(
            codes(check(&long, limits(&w)).unwrap_err()),
            vec![("hours_reason".into(), "hours_reason_required")]
        );
        let explained = ContractTerms {
            hours_per_week: 48,
            hours_reason: Some("Shift work, 6 days of 8 hours, overtime paid at 1.5×".into()),
            ..terms()
        };
        assert_eq!(check(&explained, limits(&w)), Ok(()));
        let too_long = ContractTerms {
            hours_per_week: 61,
            hours_reason: Some("why".into()),
            ..terms()
        };
        assert_eq!(
            codes(check(&too_long, limits(&w)).unwrap_err()),
            vec![("hours_per_week".into(), "out_of_range")]
        );
        let zero = ContractTerms {
            hours_per_week: 0,
            ..terms()
        };
        assert!(check(&zero, limits(&w)).is_err());
    }

    #[test]
    fn leave_duration_and_start_are_bounded() {
        let w = wage(27_093);
        let short_leave = ContractTerms {
            paid_leave_days: 27,
            ..terms()
        };
        assert_eq!(
            codes(check(&short_leave, limits(&w)).unwrap_err()),
            vec![("paid_leave_days".into(), "out_of_range")]
        );
        for months in [0, 37] {
            let t = ContractTerms {
                duration_months: months,
                ..terms()
            };
            assert_eq!(
                codes(check(&t, limits(&w)).unwrap_err()),
                vec![("duration_months".into(), "out_of_range")]
            );
        }
        let past = ContractTerms {
            start_date: d(2026, 11, 30),
            ..terms()
        };
        assert_eq!(
            codes(check(&past, limits(&w)).unwrap_err()),
            vec![("start_date".into(), "date_in_past")]
        );
        let far = ContractTerms {
            start_date: d(2028, 1, 1),
            ..terms()
        };
        assert_eq!(
            codes(check(&far, limits(&w)).unwrap_err()),
            vec![("start_date".into(), "out_of_range")]
        );
    }

    #[test]
    fn free_text_is_cleaned_and_checked() {
        let t = ContractTerms {
            housing: Some("  \u{200b} ".into()),
            meals: Some("Lunch\u{202e}".into()),
            ..terms()
        }
        .cleaned();
        assert_eq!(t.housing, None);
        let w = wage(27_093);
        assert_eq!(
            codes(check(&t, limits(&w)).unwrap_err()),
            vec![("meals".into(), "forbidden_character")]
        );
        let long = ContractTerms {
            transport: Some("x".repeat(DETAILS_MAX + 1)),
            ..terms()
        };
        assert_eq!(
            codes(check(&long, limits(&w)).unwrap_err()),
            vec![("transport".into(), "too_long")]
        );
    }

    #[test]
    fn end_date_is_the_day_before_the_same_day_months_later() {
        assert_eq!(terms().end_date(), Some(d(2028, 2, 29)));
        let t = ContractTerms {
            start_date: d(2027, 1, 31),
            duration_months: 1,
            ..terms()
        };
        assert_eq!(t.end_date(), Some(d(2027, 2, 27)));
    }

    fn row(year: i32, region: &str, amount: i32) -> WageRow {
        WageRow {
            year,
            region_code: region.into(),
            rub_per_month: amount,
            source: format!("{region} {year}"),
        }
    }

    #[test]
    fn the_minimum_wage_is_the_federal_one_or_a_higher_regional_one() {
        let rows = vec![
            row(2025, "RU", 22_440),
            row(2026, "RU", 27_093),
            row(2025, "RU-MOW", 32_916),
            row(2025, "RU-XXX", 20_000),
        ];
        let at = |region: &str, y: i32| {
            minimum_wage_in(&rows, region, d(y, 6, 1)).map(|w| (w.rub_per_month, w.region_code))
        };
        assert_eq!(at("RU-SVE", 2025), Some((22_440, "RU".into())));
        assert_eq!(at("RU-SVE", 2026), Some((27_093, "RU".into())));
        assert_eq!(at("RU-MOW", 2025), Some((32_916, "RU-MOW".into())));
        // Last year's regional figure is still a floor until this year's is entered.
        assert_eq!(at("RU-MOW", 2026), Some((32_916, "RU-MOW".into())));
        // A regional figure below the federal one does not count.
        assert_eq!(at("RU-XXX", 2025), Some((22_440, "RU".into())));
        // After the last known year, the last figure stands; before the first, the first.
        assert_eq!(at("RU-SVE", 2030), Some((27_093, "RU".into())));
        assert_eq!(at("RU-SVE", 2020), Some((22_440, "RU".into())));
        assert_eq!(minimum_wage_in(&[], "RU-SVE", d(2026, 1, 1)), None);
    }

    #[test]
    fn the_shipped_table_parses_and_names_a_source_for_every_figure() {
        let rows = parse_wages(WAGES_CSV);
        assert_eq!(
            rows.len(),
            WAGES_CSV.lines().count() - 1,
            "every row parses"
        );
        assert!(rows.iter().all(|r| !r.source.trim().is_empty()));
        assert!(rows.iter().all(|r| r.rub_per_month > 0));
        assert!(rows
            .iter()
            .all(|r| r.region_code == FEDERAL
                || crate::domain::reference::is_ru_region(&r.region_code)));
        let w = minimum_wage("RU-SVE", d(2026, 3, 1)).unwrap();
        assert_eq!((w.rub_per_month, w.region_code.as_str()), (27_093, "RU"));
    }

    #[test]
    fn signatures_come_in_order_on_the_latest_version_once_each() {
        let none = Signatures {
            employer: false,
            candidate: false,
        };
        let employer = Signatures {
            employer: true,
            candidate: false,
        };
        let both = Signatures {
            employer: true,
            candidate: true,
        };
        assert_eq!(may_sign(Signer::Employer, none, true), Ok(()));
        assert_eq!(
            may_sign(Signer::Candidate, none, true),
            Err(SignError::EmployerFirst)
        );
        assert_eq!(may_sign(Signer::Candidate, employer, true), Ok(()));
        assert_eq!(
            may_sign(Signer::Employer, employer, true),
            Err(SignError::AlreadySigned)
        );
        assert_eq!(
            may_sign(Signer::Candidate, both, true),
            Err(SignError::AlreadySigned)
        );
        for s in [Signer::Employer, Signer::Candidate] {
            assert_eq!(may_sign(s, employer, false), Err(SignError::Superseded));
        }
        assert!(both.complete() && !employer.complete());
        assert!(employer.any() && !none.any());
    }

    #[test]
    fn a_new_version_may_follow_until_both_sides_signed() {
        assert_eq!(may_draft(None), Ok(()));
        let employer = Signatures {
            employer: true,
            candidate: false,
        };
        assert_eq!(may_draft(Some(employer)), Ok(()));
        let both = Signatures {
            employer: true,
            candidate: true,
        };
        assert_eq!(may_draft(Some(both)), Err(DraftError::AlreadySigned));
    }

    #[test]
    fn review_rechecks_fee_and_minimum() {
        assert!(still_valid(30_000, 0, &wage(27_093)).is_ok());
        assert!(still_valid(30_000, 1, &wage(27_093)).is_err());
        assert!(still_valid(27_000, 0, &wage(27_093))
            .unwrap_err()
            .contains("27093"));
    }
}
