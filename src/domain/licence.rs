//! An agency's licence: its life (`active ⇄ suspended`, `expired` set by the system when the
//! validity ends, `revoked` final), the ministry's actions on it, each with a written reason, and
//! whether an agency may recruit for a region.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::FieldError;

/// Longest reason the ministry may write for a licence decision.
pub const REASON_MAX: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    Active,
    Suspended,
    Revoked,
    Expired,
}

impl LicenceStatus {
    pub const ALL: [LicenceStatus; 4] =
        [Self::Active, Self::Suspended, Self::Revoked, Self::Expired];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }

    /// The status as people should see it today: an active or suspended licence whose validity
    /// ended is expired even before the daily sweep has marked it.
    pub fn effective(self, valid_to: NaiveDate, today: NaiveDate) -> Self {
        match self {
            Self::Active | Self::Suspended if valid_to < today => Self::Expired,
            s => s,
        }
    }

    /// The actions the ministry may take on a licence in this status.
    pub fn allowed_actions(self) -> Vec<LicenceAction> {
        LicenceAction::REQUESTABLE
            .into_iter()
            .filter(|a| a.allowed_from(self))
            .collect()
    }
}

impl fmt::Display for LicenceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LicenceStatus {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// What is done to a licence. The ministry requests all but `Expire`, which only the daily sweep
/// does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenceAction {
    /// A new licence (number, issuer, validity, regions) replaces the current or expired one.
    Issue,
    /// The validity is extended to a later date.
    Renew,
    Suspend,
    /// Lifts a suspension.
    Reinstate,
    /// Final: a revoked licence is history.
    Revoke,
    /// The validity ended (system only).
    Expire,
}

impl LicenceAction {
    pub const ALL: [LicenceAction; 6] = [
        Self::Issue,
        Self::Renew,
        Self::Suspend,
        Self::Reinstate,
        Self::Revoke,
        Self::Expire,
    ];

    /// Actions the ministry may ask for.
    pub const REQUESTABLE: [LicenceAction; 5] = [
        Self::Issue,
        Self::Renew,
        Self::Suspend,
        Self::Reinstate,
        Self::Revoke,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issue => "issue",
            Self::Renew => "renew",
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
            Self::Revoke => "revoke",
            Self::Expire => "expire",
        }
    }

    pub fn names(actions: &[LicenceAction]) -> Vec<&'static str> {
        actions.iter().map(|a| a.as_str()).collect()
    }

    /// The status a licence has after the action.
    pub fn target(self) -> LicenceStatus {
        match self {
            Self::Issue | Self::Renew | Self::Reinstate => LicenceStatus::Active,
            Self::Suspend => LicenceStatus::Suspended,
            Self::Revoke => LicenceStatus::Revoked,
            Self::Expire => LicenceStatus::Expired,
        }
    }

    /// The transition table: from which (effective) statuses the action may be taken. A
    /// suspension is lifted by `reinstate`, never bypassed by issuing a new licence; a revoked
    /// licence allows nothing.
    pub fn allowed_from(self, from: LicenceStatus) -> bool {
        use LicenceAction::*;
        use LicenceStatus::*;
        matches!(
            (self, from),
            (Issue, Active)
                | (Issue, Expired)
                | (Renew, Active)
                | (Renew, Expired)
                | (Suspend, Active)
                | (Reinstate, Suspended)
                | (Revoke, Active)
                | (Revoke, Suspended)
                | (Revoke, Expired)
                | (Expire, Active)
                | (Expire, Suspended)
        )
    }

    /// The action on a licence whose stored status is `stored` and validity ends on `valid_to`:
    /// the status after it, or why not (the rules see the effective status).
    pub fn apply(
        self,
        stored: LicenceStatus,
        valid_to: NaiveDate,
        today: NaiveDate,
    ) -> Result<LicenceStatus, LicenceError> {
        let from = stored.effective(valid_to, today);
        // The sweep marks a licence that reads expired but is still stored active/suspended.
        let from = if self == Self::Expire { stored } else { from };
        if self.allowed_from(from) {
            Ok(self.target())
        } else {
            Err(LicenceError::Transition { from, action: self })
        }
    }
}

impl fmt::Display for LicenceAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LicenceAction {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// An action the rules do not allow on a licence in its current status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenceError {
    Transition {
        from: LicenceStatus,
        action: LicenceAction,
    },
}

impl LicenceError {
    /// What the ministry may do instead.
    pub fn allowed(&self) -> Vec<LicenceAction> {
        match self {
            Self::Transition { from, .. } => from.allowed_actions(),
        }
    }
}

impl fmt::Display for LicenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transition { from, action } => {
                write!(f, "a licence that is {from} cannot be {action}d; allowed: ")?;
                let allowed = self.allowed();
                if allowed.is_empty() {
                    f.write_str("none")
                } else {
                    f.write_str(&LicenceAction::names(&allowed).join(", "))
                }
            }
        }
    }
}

/// The written reason of a decision: NFC, trimmed, 1–2000 characters.
pub fn check_reason(check: &mut Check, field: &str, reason: &str) -> String {
    check.text(field, reason, 1, REASON_MAX);
    text::clean(reason)
}

/// The terms of a newly issued licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LicenceTerms {
    pub number: String,
    pub issuer: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    /// ISO 3166-2:RU codes, sorted and without repeats.
    pub regions: Vec<String>,
}

impl LicenceTerms {
    /// Cleans the texts and regions and checks the whole: a number and an issuer, a validity
    /// that ends on or after it starts and has not already ended, at least one known region.
    pub fn checked(mut self, check: &mut Check, today: NaiveDate) -> Self {
        check.text("licence_number", &self.number, 1, 100);
        check.text("licence_issuer", &self.issuer, 1, 300);
        self.number = text::clean(&self.number);
        self.issuer = text::clean(&self.issuer);
        if self.valid_to < self.valid_from {
            check.push(FieldError::new("licence_valid_to", "date_order"));
        } else {
            check.not_before("licence_valid_to", self.valid_to, today);
        }
        if self.regions.is_empty() {
            check.push(FieldError::new("licence_regions", "required"));
        }
        for (i, r) in self.regions.iter().enumerate() {
            check.ru_region(&format!("licence_regions[{i}]"), r);
        }
        self.regions.sort();
        self.regions.dedup();
        self
    }
}

/// A renewal's new end of validity: later than the current one and not in the past.
pub fn check_renewal(check: &mut Check, current: NaiveDate, new: NaiveDate, today: NaiveDate) {
    if new <= current {
        check.push(FieldError::new("valid_to", "not_later").with("min", current));
    } else {
        check.not_before("valid_to", new, today);
    }
}

/// What the recruitment rules need to know about an agency's licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence<'a> {
    pub status: LicenceStatus,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub regions: &'a [String],
}

impl Licence<'_> {
    /// Active and inside its validity on `today`.
    pub fn valid_on(&self, today: NaiveDate) -> bool {
        self.status.effective(self.valid_to, today) == LicenceStatus::Active
            && self.valid_from <= today
    }
}

/// Why an agency may not recruit for a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecruitRefusal {
    /// 403 `licence_not_active`.
    NotActive,
    /// 403 `region_not_licensed`.
    RegionNotLicensed,
}

/// Whether an agency holding `licence` may recruit on `today` for a vacancy in `region`
/// (ISO 3166-2:RU): only under a valid licence that lists the region.
pub fn may_recruit_for(
    licence: &Licence<'_>,
    region: &str,
    today: NaiveDate,
) -> Result<(), RecruitRefusal> {
    if !licence.valid_on(today) {
        return Err(RecruitRefusal::NotActive);
    }
    if !licence.regions.iter().any(|r| r == region) {
        return Err(RecruitRefusal::RegionNotLicensed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use LicenceAction::*;
    use LicenceStatus::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn transition_table_every_edge() {
        let allowed = [
            (Issue, Active),
            (Issue, Expired),
            (Renew, Active),
            (Renew, Expired),
            (Suspend, Active),
            (Reinstate, Suspended),
            (Revoke, Active),
            (Revoke, Suspended),
            (Revoke, Expired),
            (Expire, Active),
            (Expire, Suspended),
        ];
        for action in LicenceAction::ALL {
            for from in LicenceStatus::ALL {
                assert_eq!(
                    action.allowed_from(from),
                    allowed.contains(&(action, from)),
                    "{action} from {from}"
                );
            }
        }
    }

    #[test]
    fn revoked_is_final() {
        assert!(Revoked.allowed_actions().is_empty());
        for action in LicenceAction::ALL {
            let later = day(2030, 1, 1);
            assert_eq!(
                action.apply(Revoked, later, day(2026, 12, 1)),
                Err(LicenceError::Transition {
                    from: Revoked,
                    action
                })
            );
        }
    }

    #[test]
    fn targets_and_allowed_lists() {
        assert_eq!(Issue.target(), Active);
        assert_eq!(Renew.target(), Active);
        assert_eq!(Reinstate.target(), Active);
        assert_eq!(Suspend.target(), Suspended);
        assert_eq!(Revoke.target(), Revoked);
        assert_eq!(Expire.target(), Expired);
        assert_eq!(
            Active.allowed_actions(),
            vec![Issue, Renew, Suspend, Revoke]
        );
        assert_eq!(Suspended.allowed_actions(), vec![Reinstate, Revoke]);
        assert_eq!(Expired.allowed_actions(), vec![Issue, Renew, Revoke]);
    }

    #[test]
    fn actions_see_the_effective_status() {
        let today = day(2026, 12, 1);
        let past = day(2026, 11, 30);
        let later = day(2027, 12, 1);
        assert_eq!(Suspend.apply(Active, later, today), Ok(Suspended));
        assert_eq!(Reinstate.apply(Suspended, later, today), Ok(Active));
        // A suspended licence whose validity ended cannot be reinstated: it reads expired.
        let refused = Reinstate.apply(Suspended, past, today).unwrap_err();
        assert_eq!(
            refused,
            LicenceError::Transition {
                from: Expired,
                action: Reinstate
            }
        );
        assert_eq!(refused.allowed(), vec![Issue, Renew, Revoke]);
        assert!(refused.to_string().contains("issue, renew, revoke"));
        assert_eq!(Suspend.apply(Active, past, today).map_err(|_| ()), Err(()));
        assert_eq!(Renew.apply(Active, past, today), Ok(Active));
        // The sweep expires what is stored active or suspended.
        assert_eq!(Expire.apply(Active, past, today), Ok(Expired));
        assert_eq!(Expire.apply(Suspended, past, today), Ok(Expired));
        assert!(Expire.apply(Expired, past, today).is_err());
        assert_eq!(Active.effective(today, today), Active);
        assert_eq!(Suspended.effective(past, today), Expired);
        assert_eq!(Revoked.effective(past, today), Revoked);
    }

    #[test]
    fn names_parse_back() {
        for s in LicenceStatus::ALL {
            assert_eq!(s.as_str().parse::<LicenceStatus>(), Ok(s));
        }
        for a in LicenceAction::ALL {
            assert_eq!(a.as_str().parse::<LicenceAction>(), Ok(a));
        }
        assert!("cancelled".parse::<LicenceStatus>().is_err());
        assert!("extend".parse::<LicenceAction>().is_err());
    }

    fn reason_codes(reason: &str) -> Vec<&'static str> {
        let mut c = Check::new();
        check_reason(&mut c, "reason", reason);
        c.into_errors()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.code)
            .collect()
    }

    #[test]
    fn a_reason_is_written_trimmed_and_bounded() {
        let mut c = Check::new();
        assert_eq!(check_reason(&mut c, "reason", "  Проверка  "), "Проверка");
        assert!(c.into_errors().is_ok());
        assert_eq!(reason_codes(""), vec!["required"]);
        assert_eq!(reason_codes("   \n "), vec!["required"]);
        assert!(reason_codes(&"я".repeat(REASON_MAX)).is_empty());
        assert_eq!(reason_codes(&"я".repeat(REASON_MAX + 1)), vec!["too_long"]);
    }

    #[test]
    fn issued_terms_are_checked_as_a_whole() {
        let today = day(2026, 12, 1);
        let terms = LicenceTerms {
            number: " KG-77 ".into(),
            issuer: "Минтруд КР".into(),
            valid_from: today,
            valid_to: day(2029, 12, 1),
            regions: vec!["RU-SVE".into(), "RU-MOW".into(), "RU-SVE".into()],
        };
        let mut c = Check::new();
        let good = terms.clone().checked(&mut c, today);
        assert!(c.into_errors().is_ok());
        assert_eq!(good.number, "KG-77");
        assert_eq!(good.regions, vec!["RU-MOW", "RU-SVE"]);

        let mut c = Check::new();
        let mut bad = terms;
        bad.valid_to = day(2026, 1, 1);
        bad.regions = vec![];
        bad.number = " ".into();
        bad.checked(&mut c, today);
        let codes: Vec<_> = c
            .into_errors()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("licence_number".to_string(), "required"),
                ("licence_valid_to".to_string(), "date_order"),
                ("licence_regions".to_string(), "required"),
            ]
        );
    }

    #[test]
    fn a_renewal_extends_the_validity() {
        let today = day(2026, 12, 1);
        let codes = |current, new| {
            let mut c = Check::new();
            check_renewal(&mut c, current, new, today);
            c.into_errors()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert!(codes(day(2027, 1, 1), day(2028, 1, 1)).is_empty());
        assert_eq!(codes(day(2027, 1, 1), day(2027, 1, 1)), vec!["not_later"]);
        assert_eq!(
            codes(day(2025, 1, 1), day(2026, 6, 1)),
            vec!["date_in_past"]
        );
        assert!(codes(day(2025, 1, 1), today).is_empty());
    }

    #[test]
    fn recruiting_needs_a_valid_licence_for_the_region() {
        let today = day(2026, 12, 1);
        let regions = vec!["RU-MOW".to_string(), "RU-SVE".to_string()];
        let licence = Licence {
            status: Active,
            valid_from: day(2026, 1, 1),
            valid_to: day(2027, 1, 1),
            regions: &regions,
        };
        assert_eq!(may_recruit_for(&licence, "RU-SVE", today), Ok(()));
        assert_eq!(
            may_recruit_for(&licence, "RU-TA", today),
            Err(RecruitRefusal::RegionNotLicensed)
        );
        for status in [Suspended, Revoked, Expired] {
            let l = Licence {
                status,
                ..licence.clone()
            };
            assert_eq!(
                may_recruit_for(&l, "RU-SVE", today),
                Err(RecruitRefusal::NotActive),
                "{status}"
            );
        }
        let ended = Licence {
            valid_to: day(2026, 11, 30),
            ..licence.clone()
        };
        assert_eq!(
            may_recruit_for(&ended, "RU-SVE", today),
            Err(RecruitRefusal::NotActive)
        );
        let not_yet = Licence {
            valid_from: day(2026, 12, 2),
            ..licence
        };
        assert_eq!(
            may_recruit_for(&not_yet, "RU-SVE", today),
            Err(RecruitRefusal::NotActive)
        );
    }
}
