//! Quota: the ministry's caps per year, region and ISCO-08 occupation group, the employers'
//! applications against them, and the units approved placements use. The numbers themselves are
//! guarded by the database (CHECK constraints and guarded updates); here are the rules that say
//! which step is allowed and what a decision must carry.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::role::Role;

/// Where an application stands: `draft → submitted → under_review → approved |
/// partially_approved | rejected`, or `withdrawn` by the employer before a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Draft,
    Submitted,
    UnderReview,
    Approved,
    PartiallyApproved,
    Rejected,
    Withdrawn,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 7] = [
        Self::Draft,
        Self::Submitted,
        Self::UnderReview,
        Self::Approved,
        Self::PartiallyApproved,
        Self::Rejected,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::UnderReview => "under_review",
            Self::Approved => "approved",
            Self::PartiallyApproved => "partially_approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// A decision the ministry took: it carries a written reason and, unless rejected, units.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            Self::Approved | Self::PartiallyApproved | Self::Rejected
        )
    }

    /// Approved quota the employer can use.
    pub fn grants_units(self) -> bool {
        matches!(self, Self::Approved | Self::PartiallyApproved)
    }

    /// The states that may follow, for the `allowed` of a refusal.
    pub fn next(self) -> &'static [ApplicationState] {
        use ApplicationState::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[UnderReview, Withdrawn],
            UnderReview => &[Approved, PartiallyApproved, Rejected, Withdrawn],
            Approved | PartiallyApproved | Rejected | Withdrawn => &[],
        }
    }
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationState {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// Why a step on an application is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotaError {
    /// Not an edge of the table, or not this role's to take.
    Transition {
        from: ApplicationState,
        to: ApplicationState,
        allowed: Vec<ApplicationState>,
    },
    /// A decision needs its written reason.
    ReasonRequired,
    /// `approved` grants what was asked; `partially_approved` between one and one less.
    WorkersOutOfRange { requested: i32 },
}

impl fmt::Display for QuotaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transition { from, to, allowed } => {
                let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
                write!(
                    f,
                    "{from} → {to} is not allowed (allowed: {})",
                    if names.is_empty() {
                        "none, the application is final".to_owned()
                    } else {
                        names.join(", ")
                    }
                )
            }
            Self::ReasonRequired => f.write_str("a decision needs its written reason"),
            Self::WorkersOutOfRange { requested } => write!(
                f,
                "approved must grant all {requested} workers asked for, partially_approved from 1 to {}",
                requested - 1
            ),
        }
    }
}

/// Who takes which step: the employer submits and withdraws its own; the ministry reviews and
/// decides.
fn actor_of(to: ApplicationState) -> Role {
    match to {
        ApplicationState::Submitted | ApplicationState::Withdrawn | ApplicationState::Draft => {
            Role::Employer
        }
        _ => Role::Ministry,
    }
}

/// Checks one step of an application. `granted` is the number of workers a decision grants.
pub fn check_step(
    role: Role,
    from: ApplicationState,
    to: ApplicationState,
    requested: i32,
    granted: Option<i32>,
    has_reason: bool,
) -> Result<i32, QuotaError> {
    let transition = || QuotaError::Transition {
        from,
        to,
        allowed: from
            .next()
            .iter()
            .copied()
            .filter(|s| actor_of(*s) == role)
            .collect(),
    };
    if !from.next().contains(&to) || actor_of(to) != role {
        return Err(transition());
    }
    if to.is_decision() && !has_reason {
        return Err(QuotaError::ReasonRequired);
    }
    match to {
        ApplicationState::Approved => match granted {
            None => Ok(requested),
            Some(n) if n == requested => Ok(n),
            Some(_) => Err(QuotaError::WorkersOutOfRange { requested }),
        },
        ApplicationState::PartiallyApproved => match granted {
            Some(n) if (1..requested).contains(&n) => Ok(n),
            _ => Err(QuotaError::WorkersOutOfRange { requested }),
        },
        _ => Ok(0),
    }
}

/// ISCO-08 groups a cap is set for: a major group (one digit) or a sub-major group (two).
pub fn is_cap_group(group: &str) -> bool {
    matches!(group.len(), 1 | 2) && group.bytes().all(|b| b.is_ascii_digit())
}

/// The groups an occupation code falls under, most specific first (`7212` → `72`, `7`).
pub fn groups_of(occupation: &str) -> Vec<String> {
    let code = occupation.trim();
    let mut out = Vec::new();
    for len in [2, 1] {
        if let Some(prefix) = code.get(..len) {
            if is_cap_group(prefix) {
                out.push(prefix.to_owned());
            }
        }
    }
    out
}

/// The local-hiring test: the job was offered locally first, in a vacancy published at least
/// `min_days` before the application without enough hires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabourMarketTest {
    Passed,
    NotPublished,
    TooRecent { days: i64 },
    Filled,
    Mismatch,
}

pub struct Evidence {
    pub published_at: Option<DateTime<Utc>>,
    pub positions: i32,
    pub positions_filled: i32,
    pub same_employer_region_and_occupation: bool,
}

pub fn labour_market_test(e: &Evidence, now: DateTime<Utc>, min_days: i64) -> LabourMarketTest {
    if !e.same_employer_region_and_occupation {
        return LabourMarketTest::Mismatch;
    }
    let Some(published) = e.published_at else {
        return LabourMarketTest::NotPublished;
    };
    let days = (now - published).num_days();
    if now - published < Duration::days(min_days) {
        return LabourMarketTest::TooRecent { days };
    }
    if e.positions_filled >= e.positions {
        return LabourMarketTest::Filled;
    }
    LabourMarketTest::Passed
}

/// The default length of the local offer before quota may be asked for.
pub const LOCAL_OFFER_DAYS: i64 = 14;

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationState::*;

    #[test]
    fn the_table_and_who_takes_each_step() {
        let e = Role::Employer;
        let m = Role::Ministry;
        assert_eq!(check_step(e, Draft, Submitted, 5, None, false), Ok(0));
        assert_eq!(check_step(m, Submitted, UnderReview, 5, None, false), Ok(0));
        assert_eq!(check_step(m, UnderReview, Approved, 5, None, true), Ok(5));
        assert_eq!(
            check_step(m, UnderReview, PartiallyApproved, 5, Some(3), true),
            Ok(3)
        );
        assert_eq!(check_step(m, UnderReview, Rejected, 5, None, true), Ok(0));
        for from in [Draft, Submitted, UnderReview] {
            assert_eq!(check_step(e, from, Withdrawn, 5, None, false), Ok(0));
        }
        // The employer decides nothing; the ministry submits nothing.
        assert!(check_step(e, UnderReview, Approved, 5, None, true).is_err());
        assert!(check_step(m, Draft, Submitted, 5, None, false).is_err());
        // Straight to a decision: no.
        let err = check_step(m, Submitted, Approved, 5, None, true).unwrap_err();
        assert_eq!(
            err,
            QuotaError::Transition {
                from: Submitted,
                to: Approved,
                allowed: vec![UnderReview]
            }
        );
        for from in [Approved, PartiallyApproved, Rejected, Withdrawn] {
            assert!(from.next().is_empty());
            let err = check_step(e, from, Withdrawn, 5, None, false).unwrap_err();
            assert!(err.to_string().contains("final"), "{err}");
        }
    }

    #[test]
    fn decisions_need_a_reason_and_a_number_in_range() {
        let m = Role::Ministry;
        assert_eq!(
            check_step(m, UnderReview, Rejected, 5, None, false),
            Err(QuotaError::ReasonRequired)
        );
        assert_eq!(
            check_step(m, UnderReview, Approved, 5, Some(4), true),
            Err(QuotaError::WorkersOutOfRange { requested: 5 })
        );
        for n in [0, 5, 6, -1] {
            assert!(check_step(m, UnderReview, PartiallyApproved, 5, Some(n), true).is_err());
        }
        assert!(check_step(m, UnderReview, PartiallyApproved, 1, Some(1), true).is_err());
    }

    #[test]
    fn occupation_codes_fall_under_their_groups() {
        assert_eq!(groups_of("7212"), vec!["72".to_owned(), "7".to_owned()]);
        assert_eq!(groups_of("9"), vec!["9".to_owned()]);
        assert!(groups_of("").is_empty());
        assert!(is_cap_group("7") && is_cap_group("71"));
        assert!(!is_cap_group("712") && !is_cap_group("7a") && !is_cap_group(""));
        for s in ApplicationState::ALL {
            assert_eq!(s.as_str().parse::<ApplicationState>(), Ok(s));
        }
    }

    #[test]
    fn the_job_must_have_been_offered_locally_first() {
        let now = Utc::now();
        let e = |days: i64, filled: i32, same: bool| Evidence {
            published_at: Some(now - Duration::days(days)),
            positions: 3,
            positions_filled: filled,
            same_employer_region_and_occupation: same,
        };
        assert_eq!(
            labour_market_test(&e(14, 0, true), now, 14),
            LabourMarketTest::Passed
        );
        assert_eq!(
            labour_market_test(&e(20, 2, true), now, 14),
            LabourMarketTest::Passed
        );
        assert_eq!(
            labour_market_test(&e(13, 0, true), now, 14),
            LabourMarketTest::TooRecent { days: 13 }
        );
        assert_eq!(
            labour_market_test(&e(30, 3, true), now, 14),
            LabourMarketTest::Filled
        );
        assert_eq!(
            labour_market_test(&e(30, 0, false), now, 14),
            LabourMarketTest::Mismatch
        );
        let draft = Evidence {
            published_at: None,
            ..e(0, 0, true)
        };
        assert_eq!(
            labour_market_test(&draft, now, 14),
            LabourMarketTest::NotPublished
        );
    }
}
