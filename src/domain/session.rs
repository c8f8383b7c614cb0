//! Orientation sessions at pre-departure centres: what a session must say, and when it may be
//! booked, cancelled and have its attendance recorded. Pure rules, no database.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::validate::Check;
use crate::error::FieldError;

/// The languages a session is held in (the five the platform speaks).
pub const LANGUAGES: &[&str] = &["ru", "ky", "uz", "tg", "en"];

/// The fixed list of topics a session covers.
pub const TOPICS: &[&str] = &[
    "labour_rights",
    "registration_and_patents",
    "risks_and_fraud",
    "hotlines",
];

pub const MIN_CAPACITY: i64 = 1;
pub const MAX_CAPACITY: i64 = 500;
pub const MIN_DURATION: i64 = 15;
pub const MAX_DURATION: i64 = 720;
pub const NOTE_MAX: usize = 2000;
pub const PLACE_MAX: usize = 300;
/// How far ahead a session may be scheduled.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// The body of `POST /centres/{id}/sessions`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    pub starts_at: DateTime<Utc>,
    /// Minutes, 15–720.
    pub duration_minutes: i32,
    pub place: String,
    /// One of ru, ky, uz, tg, en.
    pub language: String,
    /// Seats, 1–500.
    pub capacity: i32,
    /// Any of labour_rights, registration_and_patents, risks_and_fraud, hotlines.
    pub topics: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl NewSession {
    /// Every problem with the session at once; it must start in the future.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut c = Check::new();
        if self.starts_at <= now {
            c.push(FieldError::new("starts_at", "date_in_past"));
        } else if self.starts_at > now + Duration::days(MAX_DAYS_AHEAD) {
            let latest = (now + Duration::days(MAX_DAYS_AHEAD)).date_naive();
            c.push(FieldError::new("starts_at", "date_too_late").with("max", latest));
        }
        c.range(
            "duration_minutes",
            self.duration_minutes.into(),
            MIN_DURATION,
            MAX_DURATION,
        );
        c.text("place", &self.place, 1, PLACE_MAX);
        c.one_of("language", &self.language, LANGUAGES);
        c.range("capacity", self.capacity.into(), MIN_CAPACITY, MAX_CAPACITY);
        if self.topics.is_empty() {
            c.push(FieldError::new("topics", "required"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, topic) in self.topics.iter().enumerate() {
            let field = format!("topics[{i}]");
            c.one_of(&field, topic, TOPICS);
            if !seen.insert(topic.as_str()) {
                c.push(FieldError::new(field, "duplicate"));
            }
        }
        c.text("note", &self.note, 0, NOTE_MAX);
        c.into_errors()
    }
}

/// Bookings are taken and cancelled until the session starts.
pub fn is_open_for_booking(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < starts_at
}

/// Attendance is recorded once the session has started.
pub fn may_record_attendance(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts_at
}

/// Seats still free.
pub fn seats_left(capacity: i32, booked: i32) -> i32 {
    (capacity - booked).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(now: DateTime<Utc>) -> NewSession {
        NewSession {
            starts_at: now + Duration::days(3),
            duration_minutes: 120,
            place: "Бишкек, ул. Киевская 96, зал 2".into(),
            language: "ky".into(),
            capacity: 30,
            topics: vec!["labour_rights".into(), "hotlines".into()],
            note: String::new(),
        }
    }

    fn fields(r: Result<(), Vec<FieldError>>) -> Vec<(String, &'static str)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_well_formed_session_passes() {
        let now = Utc::now();
        assert_eq!(session(now).check(now), Ok(()));
    }

    #[test]
    fn every_rule_is_reported_at_once() {
        let now = Utc::now();
        let s = NewSession {
            starts_at: now - Duration::minutes(1),
            duration_minutes: 5,
            place: "  ".into(),
            language: "de".into(),
            capacity: 501,
            topics: vec![
                "labour_rights".into(),
                "cooking".into(),
                "labour_rights".into(),
            ],
            note: "x".repeat(NOTE_MAX + 1),
        };
        assert_eq!(
            fields(s.check(now)),
            vec![
                ("starts_at".into(), "date_in_past"),
                ("duration_minutes".into(), "out_of_range"),
                ("place".into(), "required"),
                ("language".into(), "unknown_value"),
                ("capacity".into(), "out_of_range"),
                ("topics[1]".into(), "unknown_value"),
                ("topics[2]".into(), "duplicate"),
                ("note".into(), "too_long"),
            ]
        );
        let s = NewSession {
            topics: vec![],
            capacity: 0,
            ..session(now)
        };
        assert_eq!(
            fields(s.check(now)),
            vec![
                ("capacity".into(), "out_of_range"),
                ("topics".into(), "required")
            ]
        );
        let s = NewSession {
            starts_at: now + Duration::days(MAX_DAYS_AHEAD + 1),
            ..session(now)
        };
        assert_eq!(
            fields(s.check(now)),
            vec![("starts_at".into(), "date_too_late")]
        );
    }

    #[test]
    fn the_capacity_bounds_are_inclusive() {
        let now = Utc::now();
        for capacity in [1, 500] {
            let s = NewSession {
                capacity,
                ..session(now)
            };
            assert_eq!(s.check(now), Ok(()));
        }
    }

    #[test]
    fn booking_closes_when_attendance_opens() {
        let start = Utc::now();
        assert!(is_open_for_booking(start, start - Duration::seconds(1)));
        assert!(!may_record_attendance(start, start - Duration::seconds(1)));
        assert!(!is_open_for_booking(start, start));
        assert!(may_record_attendance(start, start));
        assert_eq!(seats_left(5, 5), 0);
        assert_eq!(seats_left(5, 2), 3);
    }
}
