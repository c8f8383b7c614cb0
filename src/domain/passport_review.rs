//! The ministry's decision on a registration whose passport number was already on file. The
//! registration was answered as if it were new, so that nobody learns from the API that a number
//! is known; the decision is where the truth is settled, and only then is the submitter told —
//! unless telling them would warn someone using another person's passport.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a review stands (`passport_reviews.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStatus {
    Open,
    Resolved,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Resolved => "resolved",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The same person registered twice: the profile on file is theirs; whoever registered them
    /// asks for their consent on it instead.
    SamePerson,
    /// A different person whose number was typed wrongly: register them again with the number
    /// from the passport itself.
    EntryError,
    /// Someone registered with another person's passport: the submission is kept for the
    /// investigation and the submitter is not told.
    SuspectedMisuse,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Self::SamePerson, Self::EntryError, Self::SuspectedMisuse];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SamePerson => "same_person",
            Self::EntryError => "entry_error",
            Self::SuspectedMisuse => "suspected_misuse",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == value)
    }

    /// Whether the staff member who submitted the registration is told the outcome.
    pub fn tells_submitter(self) -> bool {
        !matches!(self, Self::SuspectedMisuse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_and_misuse_is_not_told() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::Value::String(o.as_str().into())
            );
        }
        assert_eq!(Outcome::parse("merged"), None);
        assert!(Outcome::SamePerson.tells_submitter());
        assert!(Outcome::EntryError.tells_submitter());
        assert!(!Outcome::SuspectedMisuse.tells_submitter());
    }
}
