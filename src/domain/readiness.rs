//! The readiness checklist: what a person must have before departure, and whether each item holds
//! on a given departure date. Centre staff record the items; orientation is read from attendance
//! and never typed. One function, [`evaluate`], says for every item whether it is ready on that
//! date, and [`not_ready`] lists what is not.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One item of the checklist.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// Valid at least [`PASSPORT_MONTHS_BEYOND_CONTRACT`] months beyond the planned contract end.
    Passport,
    /// A medical check, valid [`MEDICAL_VALID_MONTHS`] months from the day it was done.
    Medical,
    /// Health insurance covering the whole contract period.
    Insurance,
    /// An orientation session attended (from attendance, never typed).
    Orientation,
    /// The person's Russian level, tested (the level recorded).
    RussianTest,
    /// No re-entry ban, checked no earlier than [`REENTRY_CHECK_MAX_DAYS`] days before departure.
    ReentryBanCheck,
    /// The contract explained to the person in their own language.
    ContractExplained,
}

impl Item {
    pub const ALL: [Item; 7] = [
        Self::Passport,
        Self::Medical,
        Self::Insurance,
        Self::Orientation,
        Self::RussianTest,
        Self::ReentryBanCheck,
        Self::ContractExplained,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Passport => "passport",
            Self::Medical => "medical",
            Self::Insurance => "insurance",
            Self::Orientation => "orientation",
            Self::RussianTest => "russian_test",
            Self::ReentryBanCheck => "reentry_ban_check",
            Self::ContractExplained => "contract_explained",
        }
    }

    /// Whether staff record this item (orientation is computed from attendance).
    pub fn is_recorded(self) -> bool {
        self != Self::Orientation
    }

    /// Whether an `ok` record of this item must say until when it is valid.
    pub fn needs_valid_until(self) -> bool {
        matches!(self, Self::Passport | Self::Insurance)
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Item {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|i| i.as_str() == s).ok_or(())
    }
}

/// What staff recorded about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Not done yet (or taken back).
    Missing,
    /// Checked and in order.
    Ok,
    /// Checked and not in order (a ban found, a failed medical…).
    Failed,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 3] = [Self::Missing, Self::Ok, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Ok => "ok",
            Self::Failed => "failed",
        }
    }
}

impl FromStr for ItemStatus {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|i| i.as_str() == s).ok_or(())
    }
}

/// One recorded item, as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub item: Item,
    pub status: ItemStatus,
    /// The day the check itself was done (the exam, the ban lookup).
    pub checked_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// For `russian_test`: the level tested.
    pub level: Option<String>,
    /// For `contract_explained`: the language it was explained in.
    pub language: Option<String>,
}

/// The planned contract period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractPeriod {
    pub start: NaiveDate,
    /// The last day of the contract.
    pub end: NaiveDate,
}

/// Everything [`evaluate`] reads besides the records.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub departure: NaiveDate,
    /// The contract of the placement; without one, contract-bound items cannot be ready.
    pub contract: Option<ContractPeriod>,
    /// When the person attended an orientation session, if ever.
    pub orientation_attended_on: Option<NaiveDate>,
    /// The person's language codes (ISO 639-1).
    pub languages: &'a [String],
}

/// How an item stands on the departure date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemState {
    Ready,
    /// Nothing recorded, or recorded as missing.
    Missing,
    /// Checked and not in order.
    Failed,
    /// Valid only until `until`, but it must be valid until `needed`.
    Expired {
        until: NaiveDate,
        needed: NaiveDate,
    },
    /// Checked on `checked_on`, too long before departure: no earlier than `earliest`.
    TooEarly {
        checked_on: NaiveDate,
        earliest: NaiveDate,
    },
    /// Explained in `language`, which is not one of the person's languages.
    WrongLanguage {
        language: String,
    },
    /// Depends on the contract period, and there is no contract.
    NoContract,
}

impl ItemState {
    pub fn is_ready(&self) -> bool {
        *self == Self::Ready
    }

    /// The stable name of the state (`ready`, `missing`, `expired`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Missing => "missing",
            Self::Failed => "failed",
            Self::Expired { .. } => "expired",
            Self::TooEarly { .. } => "too_early",
            Self::WrongLanguage { .. } => "wrong_language",
            Self::NoContract => "no_contract",
        }
    }

    /// The date the item's validity ends, where it has one.
    pub fn until(&self) -> Option<NaiveDate> {
        match self {
            Self::Expired { until, .. } => Some(*until),
            _ => None,
        }
    }

    /// The date it would have to reach (expired) or the earliest acceptable check (too early).
    pub fn needed(&self) -> Option<NaiveDate> {
        match self {
            Self::Expired { needed, .. } => Some(*needed),
            Self::TooEarly { earliest, .. } => Some(*earliest),
            _ => None,
        }
    }
}

pub const PASSPORT_MONTHS_BEYOND_CONTRACT: u32 = 6;
pub const MEDICAL_VALID_MONTHS: u32 = 3;
pub const REENTRY_CHECK_MAX_DAYS: u64 = 30;

/// Russian levels a test may record (CEFR).
pub const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// The last day a medical check done on `checked_on` is valid: the same day three months later
/// (the end of that month when it has no such day).
pub fn medical_valid_until(checked_on: NaiveDate) -> Option<NaiveDate> {
    checked_on.checked_add_months(Months::new(MEDICAL_VALID_MONTHS))
}

/// The day a passport must be valid until for a contract ending on `contract_end`.
pub fn passport_needed_until(contract_end: NaiveDate) -> Option<NaiveDate> {
    contract_end.checked_add_months(Months::new(PASSPORT_MONTHS_BEYOND_CONTRACT))
}

/// The earliest day a re-entry-ban check counts for a departure on `departure`.
pub fn reentry_earliest(departure: NaiveDate) -> Option<NaiveDate> {
    departure.checked_sub_days(Days::new(REENTRY_CHECK_MAX_DAYS))
}

/// `until` must reach `needed`.
fn valid_through(until: Option<NaiveDate>, needed: Option<NaiveDate>) -> ItemState {
    match (until, needed) {
        (Some(until), Some(needed)) if until < needed => ItemState::Expired { until, needed },
        (Some(_), Some(_)) => ItemState::Ready,
        // A passport or insurance recorded without a date has nothing to show.
        (None, _) => ItemState::Missing,
        (Some(_), None) => ItemState::NoContract,
    }
}

/// How one item stands on the departure date, given its record (if any).
pub fn item_state(item: Item, record: Option<&Record>, ctx: &Context<'_>) -> ItemState {
    if item == Item::Orientation {
        return match ctx.orientation_attended_on {
            Some(day) if day <= ctx.departure => ItemState::Ready,
            _ => ItemState::Missing,
        };
    }
    let Some(r) = record else {
        return ItemState::Missing;
    };
    match r.status {
        ItemStatus::Missing => return ItemState::Missing,
        ItemStatus::Failed => return ItemState::Failed,
        ItemStatus::Ok => {}
    }
    // A date recorded as the end of validity always counts, whatever the item.
    let recorded_expiry = |needed: NaiveDate| match r.valid_until {
        Some(until) if until < needed => ItemState::Expired { until, needed },
        _ => ItemState::Ready,
    };
    match item {
        Item::Passport => {
            let Some(contract) = ctx.contract else {
                return ItemState::NoContract;
            };
            valid_through(r.valid_until, passport_needed_until(contract.end))
        }
        Item::Insurance => {
            let Some(contract) = ctx.contract else {
                return ItemState::NoContract;
            };
            valid_through(r.valid_until, Some(contract.end))
        }
        Item::Medical => {
            let by_rule = medical_valid_until(r.checked_on);
            let until = match (by_rule, r.valid_until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            valid_through(until, Some(ctx.departure))
        }
        Item::ReentryBanCheck => match reentry_earliest(ctx.departure) {
            Some(earliest) if r.checked_on < earliest => ItemState::TooEarly {
                checked_on: r.checked_on,
                earliest,
            },
            _ => recorded_expiry(ctx.departure),
        },
        Item::RussianTest => match &r.level {
            Some(level) if LEVELS.contains(&level.as_str()) => recorded_expiry(ctx.departure),
            _ => ItemState::Missing,
        },
        Item::ContractExplained => match &r.language {
            None => ItemState::Missing,
            Some(lang) if !ctx.languages.iter().any(|l| l == lang) => ItemState::WrongLanguage {
                language: lang.clone(),
            },
            Some(_) => recorded_expiry(ctx.departure),
        },
        Item::Orientation => ItemState::Missing,
    }
}

/// Every item of the checklist, in order, with its state on the departure date.
pub fn evaluate(records: &[Record], ctx: &Context<'_>) -> Vec<(Item, ItemState)> {
    Item::ALL
        .into_iter()
        .map(|item| {
            let record = records.iter().find(|r| r.item == item);
            (item, item_state(item, record, ctx))
        })
        .collect()
}

/// The items not ready on the departure date; empty means the person may depart.
pub fn not_ready(records: &[Record], ctx: &Context<'_>) -> Vec<(Item, ItemState)> {
    evaluate(records, ctx)
        .into_iter()
        .filter(|(_, s)| !s.is_ready())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const DEPARTURE: (i32, u32, u32) = (2027, 3, 1);

    fn departure() -> NaiveDate {
        d(DEPARTURE.0, DEPARTURE.1, DEPARTURE.2)
    }

    fn langs() -> Vec<String> {
        vec!["ky".into(), "ru".into()]
    }

    fn ctx(languages: &[String]) -> Context<'_> {
        Context {
            departure: departure(),
            contract: Some(ContractPeriod {
                start: d(2027, 3, 15),
                end: d(2028, 3, 14),
            }),
            orientation_attended_on: Some(d(2027, 2, 10)),
            languages,
        }
    }

    fn ok(item: Item) -> Record {
        Record {
            item,
            status: ItemStatus::Ok,
            checked_on: d(2027, 2, 20),
            valid_until: None,
            level: None,
            language: None,
        }
    }

    /// A checklist where everything is in order for `ctx()`.
    fn all_ready() -> Vec<Record> {
        vec![
            Record {
                valid_until: Some(d(2028, 9, 14)),
                ..ok(Item::Passport)
            },
            ok(Item::Medical),
            Record {
                valid_until: Some(d(2028, 3, 14)),
                ..ok(Item::Insurance)
            },
            Record {
                level: Some("B1".into()),
                ..ok(Item::RussianTest)
            },
            ok(Item::ReentryBanCheck),
            Record {
                language: Some("ky".into()),
                ..ok(Item::ContractExplained)
            },
        ]
    }

    fn with(records: Vec<Record>, r: Record) -> Vec<Record> {
        let mut out: Vec<_> = records.into_iter().filter(|x| x.item != r.item).collect();
        out.push(r);
        out
    }

    fn state_of(records: &[Record], c: &Context<'_>, item: Item) -> ItemState {
        evaluate(records, c)
            .into_iter()
            .find(|(i, _)| *i == item)
            .unwrap()
            .1
    }

    #[test]
    fn a_complete_checklist_is_ready_and_lists_every_item_in_order() {
        let l = langs();
        let c = ctx(&l);
        let all = evaluate(&all_ready(), &c);
        assert_eq!(
            all.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            Item::ALL.to_vec()
        );
        assert!(all.iter().all(|(_, s)| s.is_ready()), "{all:?}");
        assert!(not_ready(&all_ready(), &c).is_empty());
    }

    #[test]
    fn nothing_recorded_is_every_item_missing() {
        let l = langs();
        let c = Context {
            orientation_attended_on: None,
            ..ctx(&l)
        };
        let missing = not_ready(&[], &c);
        assert_eq!(missing.len(), 7);
        assert!(missing.iter().all(|(_, s)| *s == ItemState::Missing));
    }

    #[test]
    fn each_item_recorded_missing_or_failed_is_not_ready() {
        let l = langs();
        let c = ctx(&l);
        for item in Item::ALL.into_iter().filter(|i| i.is_recorded()) {
            for (status, want) in [
                (ItemStatus::Missing, ItemState::Missing),
                (ItemStatus::Failed, ItemState::Failed),
            ] {
                let base = all_ready();
                let mut r = base.iter().find(|r| r.item == item).unwrap().clone();
                r.status = status;
                let records = with(base, r);
                assert_eq!(
                    not_ready(&records, &c),
                    vec![(item, want.clone())],
                    "{item} {status:?}"
                );
            }
            // Without any record at all.
            let records: Vec<_> = all_ready().into_iter().filter(|r| r.item != item).collect();
            assert_eq!(not_ready(&records, &c), vec![(item, ItemState::Missing)]);
        }
    }

    #[test]
    fn the_passport_must_be_valid_exactly_six_months_beyond_the_contract_end() {
        let l = langs();
        let c = ctx(&l);
        let passport = |until| Record {
            valid_until: Some(until),
            ..ok(Item::Passport)
        };
        // Contract ends 2028-03-14: valid until 2028-09-14 is exactly six months.
        let exact = with(all_ready(), passport(d(2028, 9, 14)));
        assert_eq!(state_of(&exact, &c, Item::Passport), ItemState::Ready);
        let day_less = with(all_ready(), passport(d(2028, 9, 13)));
        assert_eq!(
            state_of(&day_less, &c, Item::Passport),
            ItemState::Expired {
                until: d(2028, 9, 13),
                needed: d(2028, 9, 14)
            }
        );
        let expired = with(all_ready(), passport(d(2027, 1, 1)));
        assert_eq!(
            state_of(&expired, &c, Item::Passport).code(),
            "expired",
            "already expired before departure"
        );
        // Without a date there is nothing to show; without a contract nothing to measure.
        let undated = with(all_ready(), ok(Item::Passport));
        assert_eq!(state_of(&undated, &c, Item::Passport), ItemState::Missing);
        let no_contract = Context {
            contract: None,
            ..ctx(&l)
        };
        assert_eq!(
            state_of(&all_ready(), &no_contract, Item::Passport),
            ItemState::NoContract
        );
        // The end of a month with no such day: 2028-08-31 + 6 months is 2029-02-28.
        let c_end = Context {
            contract: Some(ContractPeriod {
                start: d(2027, 9, 1),
                end: d(2028, 8, 31),
            }),
            ..ctx(&l)
        };
        assert_eq!(
            state_of(
                &with(all_ready(), passport(d(2029, 2, 28))),
                &c_end,
                Item::Passport
            ),
            ItemState::Ready
        );
        assert_eq!(
            state_of(
                &with(all_ready(), passport(d(2029, 2, 27))),
                &c_end,
                Item::Passport
            )
            .code(),
            "expired"
        );
    }

    #[test]
    fn the_medical_check_is_valid_three_months_from_the_day_it_was_done() {
        let l = langs();
        let c = ctx(&l);
        let medical = |checked_on| Record {
            checked_on,
            ..ok(Item::Medical)
        };
        // Departure 2027-03-01: a check on 2026-12-01 is valid through 2027-03-01.
        let exact = with(all_ready(), medical(d(2026, 12, 1)));
        assert_eq!(state_of(&exact, &c, Item::Medical), ItemState::Ready);
        let day_early = with(all_ready(), medical(d(2026, 11, 30)));
        assert_eq!(
            state_of(&day_early, &c, Item::Medical),
            ItemState::Expired {
                until: d(2027, 2, 28),
                needed: departure()
            }
        );
        // A shorter validity written on the certificate wins over the rule.
        let short = with(
            all_ready(),
            Record {
                valid_until: Some(d(2027, 2, 28)),
                ..medical(d(2027, 2, 20))
            },
        );
        assert_eq!(
            state_of(&short, &c, Item::Medical),
            ItemState::Expired {
                until: d(2027, 2, 28),
                needed: departure()
            }
        );
        // …but a longer one does not stretch it.
        let long = with(
            all_ready(),
            Record {
                valid_until: Some(d(2030, 1, 1)),
                ..medical(d(2026, 11, 30))
            },
        );
        assert_eq!(state_of(&long, &c, Item::Medical).code(), "expired");
        assert_eq!(medical_valid_until(d(2026, 11, 30)), Some(d(2027, 2, 28)));
    }

    #[test]
    fn insurance_must_cover_the_whole_contract() {
        let l = langs();
        let c = ctx(&l);
        let insurance = |until| Record {
            valid_until: Some(until),
            ..ok(Item::Insurance)
        };
        assert_eq!(
            state_of(
                &with(all_ready(), insurance(d(2028, 3, 14))),
                &c,
                Item::Insurance
            ),
            ItemState::Ready
        );
        assert_eq!(
            state_of(
                &with(all_ready(), insurance(d(2028, 3, 13))),
                &c,
                Item::Insurance
            ),
            ItemState::Expired {
                until: d(2028, 3, 13),
                needed: d(2028, 3, 14)
            }
        );
        assert_eq!(
            state_of(&with(all_ready(), ok(Item::Insurance)), &c, Item::Insurance),
            ItemState::Missing
        );
    }

    #[test]
    fn orientation_counts_only_when_attended_by_the_departure_date() {
        let l = langs();
        let on = |day| Context {
            orientation_attended_on: day,
            ..ctx(&l)
        };
        let r = all_ready();
        assert_eq!(
            state_of(&r, &on(Some(departure())), Item::Orientation),
            ItemState::Ready
        );
        assert_eq!(
            state_of(&r, &on(Some(d(2027, 3, 2))), Item::Orientation),
            ItemState::Missing
        );
        assert_eq!(
            state_of(&r, &on(None), Item::Orientation),
            ItemState::Missing
        );
        // A typed orientation record is ignored.
        let typed = with(r, ok(Item::Orientation));
        assert_eq!(
            state_of(&typed, &on(None), Item::Orientation),
            ItemState::Missing
        );
        assert!(!Item::Orientation.is_recorded());
    }

    #[test]
    fn the_reentry_ban_check_counts_from_thirty_days_before_departure() {
        let l = langs();
        let c = ctx(&l);
        let check = |checked_on| Record {
            checked_on,
            ..ok(Item::ReentryBanCheck)
        };
        // 2027-03-01 − 30 days = 2027-01-30.
        let thirty = with(all_ready(), check(d(2027, 1, 30)));
        assert_eq!(
            state_of(&thirty, &c, Item::ReentryBanCheck),
            ItemState::Ready
        );
        let thirty_one = with(all_ready(), check(d(2027, 1, 29)));
        assert_eq!(
            state_of(&thirty_one, &c, Item::ReentryBanCheck),
            ItemState::TooEarly {
                checked_on: d(2027, 1, 29),
                earliest: d(2027, 1, 30)
            }
        );
        let same_day = with(all_ready(), check(departure()));
        assert_eq!(
            state_of(&same_day, &c, Item::ReentryBanCheck),
            ItemState::Ready
        );
        // A ban found is a failure, however recent.
        let banned = with(
            all_ready(),
            Record {
                status: ItemStatus::Failed,
                ..check(departure())
            },
        );
        assert_eq!(
            state_of(&banned, &c, Item::ReentryBanCheck),
            ItemState::Failed
        );
    }

    #[test]
    fn the_russian_test_needs_a_tested_level() {
        let l = langs();
        let c = ctx(&l);
        let test = |level: Option<&str>| Record {
            level: level.map(Into::into),
            ..ok(Item::RussianTest)
        };
        for level in LEVELS {
            let r = with(all_ready(), test(Some(level)));
            assert_eq!(state_of(&r, &c, Item::RussianTest), ItemState::Ready);
        }
        for level in [None, Some("fluent"), Some("")] {
            let r = with(all_ready(), test(level));
            assert_eq!(
                state_of(&r, &c, Item::RussianTest),
                ItemState::Missing,
                "{level:?}"
            );
        }
    }

    #[test]
    fn the_contract_is_explained_in_one_of_the_persons_languages() {
        let l = langs();
        let c = ctx(&l);
        let explained = |lang: Option<&str>| Record {
            language: lang.map(Into::into),
            ..ok(Item::ContractExplained)
        };
        for lang in ["ky", "ru"] {
            let r = with(all_ready(), explained(Some(lang)));
            assert_eq!(state_of(&r, &c, Item::ContractExplained), ItemState::Ready);
        }
        let r = with(all_ready(), explained(Some("uz")));
        assert_eq!(
            state_of(&r, &c, Item::ContractExplained),
            ItemState::WrongLanguage {
                language: "uz".into()
            }
        );
        let r = with(all_ready(), explained(None));
        assert_eq!(
            state_of(&r, &c, Item::ContractExplained),
            ItemState::Missing
        );
    }

    #[test]
    fn a_recorded_end_of_validity_before_departure_counts_for_any_item() {
        let l = langs();
        let c = ctx(&l);
        let r = with(
            all_ready(),
            Record {
                level: Some("B2".into()),
                valid_until: Some(d(2027, 2, 28)),
                ..ok(Item::RussianTest)
            },
        );
        assert_eq!(
            not_ready(&r, &c),
            vec![(
                Item::RussianTest,
                ItemState::Expired {
                    until: d(2027, 2, 28),
                    needed: departure()
                }
            )]
        );
    }

    #[test]
    fn states_serialise_with_their_dates() {
        let s = ItemState::Expired {
            until: d(2027, 1, 1),
            needed: d(2027, 2, 1),
        };
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            serde_json::json!({"state": "expired", "until": "2027-01-01", "needed": "2027-02-01"})
        );
        assert_eq!(s.code(), "expired");
        assert_eq!(s.until(), Some(d(2027, 1, 1)));
        assert_eq!(
            serde_json::to_value(ItemState::Ready).unwrap(),
            serde_json::json!({"state": "ready"})
        );
        for item in Item::ALL {
            assert_eq!(item.as_str().parse::<Item>(), Ok(item));
            assert_eq!(serde_json::to_value(item).unwrap(), item.as_str());
        }
        assert!("visa".parse::<Item>().is_err());
    }
}
