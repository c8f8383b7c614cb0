//! Consequences: what restricts an employer from having new placements approved, as policy the
//! ministry edits. An upheld complaint of unpaid wages, or repeated bad follow-ups, restricts the
//! employer until the ministry lifts it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    UnpaidWagesUpheld,
    RepeatedBadFollowups,
    MinistryDecision,
}

impl Cause {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnpaidWagesUpheld => "unpaid_wages_upheld",
            Self::RepeatedBadFollowups => "repeated_bad_followups",
            Self::MinistryDecision => "ministry_decision",
        }
    }
}

/// The policy keys the ministry edits, with what each means.
pub const BAD_FOLLOWUPS_RESTRICT_AT: &str = "bad_followups_restrict_at";
/// Points of upheld complaints at which an agency's licence is up for review
/// (`domain::complaint::suspension_standing`).
pub const AGENCY_SUSPENSION_POINTS_AT: &str = "agency_suspension_points_at";
pub const POLICY_KEYS: [&str; 2] = [BAD_FOLLOWUPS_RESTRICT_AT, AGENCY_SUSPENSION_POINTS_AT];

/// Whether the employer's bad follow-ups reach the policy's threshold.
pub fn restricts_for_followups(bad_followups: i64, threshold: i32) -> bool {
    bad_followups >= i64::from(threshold.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_restricts_at_and_above_it() {
        assert!(!restricts_for_followups(1, 2));
        assert!(restricts_for_followups(2, 2));
        assert!(restricts_for_followups(5, 2));
        // A threshold below one would restrict everyone: it counts as one.
        assert!(!restricts_for_followups(0, 0));
        assert!(restricts_for_followups(1, 0));
        assert_eq!(Cause::UnpaidWagesUpheld.as_str(), "unpaid_wages_upheld");
    }
}
