//! A vacancy's life: draft → published ⇄ paused → filled | closed; `expired` is set by the system
//! when the expiry date passes and can be lifted by re-publishing with a later expiry date.

pub const STATUSES: [&str; 6] = [
    "draft",
    "published",
    "paused",
    "filled",
    "closed",
    "expired",
];

/// Statuses an employer may request.
pub const REQUESTABLE: [&str; 4] = ["published", "paused", "filled", "closed"];

pub fn can_transition(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("draft", "published")
            | ("draft", "closed")
            | ("published", "paused")
            | ("published", "filled")
            | ("published", "closed")
            | ("paused", "published")
            | ("paused", "filled")
            | ("paused", "closed")
            | ("expired", "published")
            | ("expired", "closed")
    )
}

/// Closed and filled vacancies are history: they are not edited any more.
pub fn is_editable(status: &str) -> bool {
    matches!(status, "draft" | "published" | "paused" | "expired")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        assert!(can_transition("draft", "published"));
        assert!(can_transition("paused", "published"));
        assert!(!can_transition("closed", "published"));
        assert!(!can_transition("filled", "paused"));
        assert!(!can_transition("draft", "paused"));
        assert!(!can_transition("published", "expired"));
        for s in STATUSES {
            assert!(!can_transition(s, s));
        }
    }
}
