//! Reviews by workers who were really placed. After `employed`, and again at completion, the
//! worker whose placement it is rates its employer and (if there was one) the agency that
//! proposed it: was the offer true, was the contract kept, how were they treated, and were they
//! asked to pay anything. The party reviewed never learns who wrote a review: the public, and
//! the party itself, see ratings only once at least [`MIN_REVIEWS_SHOWN`] workers have written
//! one, and never who, for which placement, or when (a month at most), in an order that does not
//! follow time.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::placement::PlacementState;
use crate::domain::role::Role;

/// Ratings are shown to anyone but the ministry only once this many workers have reviewed the
/// party: fewer would let the party guess who wrote them.
pub const MIN_REVIEWS_SHOWN: i64 = 5;

/// The longest comment, in characters. A comment may be empty.
pub const COMMENT_MAX: usize = 2000;

/// The lowest and the highest score.
pub const SCORE_MIN: i64 = 1;
pub const SCORE_MAX: i64 = 5;

macro_rules! names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or(())
            }
        }
    };
}

/// Who is reviewed: the placement's employer or its agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Employer,
    Agency,
}

names!(Subject {
    Employer => "employer",
    Agency => "agency",
});

/// When in the placement a review was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// While employed.
    Employment,
    /// Once the employment ended: completed, or terminated early.
    Completion,
}

names!(Stage {
    Employment => "employment",
    Completion => "completion",
});

/// The stage a review written now would have, if the placement allows one: none before
/// `employed`, nor for a placement that never reached employment.
pub fn stage_for(state: PlacementState, employment_start: Option<NaiveDate>) -> Option<Stage> {
    employment_start?;
    match state {
        PlacementState::Employed => Some(Stage::Employment),
        PlacementState::Completed | PlacementState::Terminated => Some(Stage::Completion),
        _ => None,
    }
}

/// A score from 1 to 5; no other value can be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    pub fn new(value: i64) -> Option<Self> {
        u8::try_from(value)
            .ok()
            .filter(|v| (SCORE_MIN..=SCORE_MAX).contains(&i64::from(*v)))
            .map(Self)
    }

    pub fn get(self) -> i16 {
        i16::from(self.0)
    }
}

/// The comment rule: at most [`COMMENT_MAX`] characters (after cleaning); empty is allowed.
pub fn comment_fits(comment: &str) -> bool {
    comment.chars().count() <= COMMENT_MAX
}

/// Whether ratings of a party reviewed by `workers` workers are shown to anyone but the
/// ministry.
pub fn shown(workers: i64) -> bool {
    workers >= MIN_REVIEWS_SHOWN
}

/// The average of `count` scores summing to `sum`, rounded to one decimal; `None` for none.
pub fn average(sum: i64, count: i64) -> Option<f64> {
    if count <= 0 {
        return None;
    }
    Some(((sum as f64 / count as f64) * 10.0).round() / 10.0)
}

/// Who reads a party's reviews, and so how much of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The ministry and platform operators: every review, from the first, with its placement,
    /// stage and time (never the writer's account).
    Overseer,
    /// Anyone else, the party reviewed included: only once [`shown`], without placement, stage
    /// or exact time.
    Public,
}

impl Reader {
    pub fn of(role: Option<Role>) -> Self {
        match role {
            Some(Role::Ministry | Role::Admin) => Self::Overseer,
            _ => Self::Public,
        }
    }

    /// Whether this reader sees the reviews of a party reviewed by `workers` workers.
    pub fn sees(self, workers: i64) -> bool {
        self == Self::Overseer || shown(workers)
    }
}

/// The order of reviews shown to the public: best total score first, then by a keyed hash of
/// each review's id — never by time, which would let the party match reviews to departures.
pub fn public_order(a: (i16, &str), b: (i16, &str)) -> Ordering {
    b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use PlacementState as S;

    #[test]
    fn names_round_trip() {
        for s in Subject::ALL {
            assert_eq!(s.as_str().parse::<Subject>(), Ok(*s));
        }
        for s in Stage::ALL {
            assert_eq!(s.as_str().parse::<Stage>(), Ok(*s));
        }
        assert!("centre".parse::<Subject>().is_err());
        assert_eq!(Subject::names(), vec!["employer", "agency"]);
        assert_eq!(
            serde_json::to_string(&Stage::Completion).unwrap(),
            "\"completion\""
        );
    }

    #[test]
    fn a_score_holds_only_one_to_five() {
        for v in 1..=5 {
            assert_eq!(Score::new(v).map(Score::get), Some(v as i16));
        }
        for v in [0, 6, -1, 255, 256, i64::MAX, i64::MIN] {
            assert_eq!(Score::new(v), None, "{v}");
        }
    }

    #[test]
    fn reviews_begin_at_employment_and_again_at_its_end() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(stage_for(S::Employed, start), Some(Stage::Employment));
        assert_eq!(stage_for(S::Completed, start), Some(Stage::Completion));
        assert_eq!(stage_for(S::Terminated, start), Some(Stage::Completion));
        for s in S::ALL {
            if !matches!(s, S::Employed | S::Completed | S::Terminated) {
                assert_eq!(stage_for(s, start), None, "{s}");
            }
            // A placement that never reached employment allows none.
            assert_eq!(stage_for(s, None), None, "{s} without an employment start");
        }
    }

    #[test]
    fn a_comment_may_be_empty_and_at_most_two_thousand_characters() {
        assert!(comment_fits(""));
        assert!(comment_fits(&"ж".repeat(COMMENT_MAX)));
        assert!(!comment_fits(&"ж".repeat(COMMENT_MAX + 1)));
    }

    #[test]
    fn ratings_are_shown_from_five_workers_and_always_to_the_ministry() {
        assert_eq!(MIN_REVIEWS_SHOWN, 5);
        assert!(!shown(0) && !shown(4));
        assert!(shown(5) && shown(6));
        for role in Role::ALL {
            let reader = Reader::of(Some(role));
            assert_eq!(
                reader == Reader::Overseer,
                matches!(role, Role::Ministry | Role::Admin),
                "{role:?}"
            );
            assert_eq!(reader.sees(1), reader == Reader::Overseer);
            assert!(reader.sees(5));
        }
        assert_eq!(Reader::of(None), Reader::Public);
        assert!(!Reader::Public.sees(4));
        assert!(Reader::Overseer.sees(0));
    }

    #[test]
    fn averages_are_rounded_to_one_decimal() {
        assert_eq!(average(0, 0), None);
        assert_eq!(average(21, 5), Some(4.2));
        assert_eq!(average(10, 3), Some(3.3));
        assert_eq!(average(11, 3), Some(3.7));
        assert_eq!(average(17, 4), Some(4.3), "4.25 rounds up");
        assert_eq!(average(5, 1), Some(5.0));
    }

    #[test]
    fn the_public_order_is_by_score_then_hash_not_by_time() {
        let mut rows = vec![(9, "bb"), (15, "zz"), (9, "aa"), (3, "00")];
        rows.sort_by(|a, b| public_order(*a, *b));
        assert_eq!(rows, vec![(15, "zz"), (9, "aa"), (9, "bb"), (3, "00")]);
    }
}
