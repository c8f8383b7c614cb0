//! Collects every problem with a request before answering, so a client fixes them all at once.

use chrono::NaiveDate;

use crate::domain::dates::{self, DateError};
use crate::domain::text::{self, TextKind};
use crate::domain::{identifiers, reference};
use crate::error::{AppError, FieldError};

/// A text field allowed more than this many characters is free text (may hold line breaks);
/// shorter ones are single lines. See [`text`].
pub const LINE_MAX: usize = 300;

#[derive(Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

impl Check {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, e: FieldError) {
        self.errors.push(e);
    }

    pub fn extend(&mut self, errors: Vec<FieldError>) {
        self.errors.extend(errors);
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// Checks the value as it will be stored ([`text::clean`]: NFC, trimmed, invisible-only is
    /// empty): no forbidden characters for its kind, then its length in characters.
    pub fn text(&mut self, field: &str, value: &str, min: usize, max: usize) {
        let kind = if max > LINE_MAX {
            TextKind::Free
        } else {
            TextKind::Line
        };
        let value = text::clean(value);
        if let Some(c) = text::forbidden(&value, kind) {
            self.push(
                FieldError::new(field, "forbidden_character").with("char", text::describe(c)),
            );
            return;
        }
        let n = value.chars().count();
        if n == 0 && min > 0 {
            self.push(FieldError::new(field, "required"));
        } else if n < min {
            self.push(FieldError::new(field, "too_short").with("min", min));
        } else if n > max {
            self.push(FieldError::new(field, "too_long").with("max", max));
        }
    }

    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(v) = value {
            self.text(field, v, 0, max);
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        let v = value.trim();
        let valid = v.len() <= 254
            && !v.chars().any(|c| c.is_control() || text::is_invisible(c))
            && v.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !v.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
                    && v.matches('@').count() == 1
            });
        if !valid {
            self.push(FieldError::new(field, "invalid_email"));
        }
    }

    pub fn phone(&mut self, field: &str, value: &str) {
        let v = value.trim();
        let digits = v.chars().filter(char::is_ascii_digit).count();
        let allowed = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !(v.starts_with('+') && allowed && (8..=15).contains(&digits)) {
            self.push(FieldError::new(field, "invalid_phone"));
        }
    }

    pub fn range(&mut self, field: &str, value: i64, min: i64, max: i64) {
        if value < min || value > max {
            self.push(
                FieldError::new(field, "out_of_range")
                    .with("min", min)
                    .with("max", max),
            );
        }
    }

    pub fn inn(&mut self, field: &str, value: &str) {
        if !identifiers::is_valid_inn(value) {
            self.push(FieldError::new(field, "invalid_inn"));
        }
    }

    pub fn ogrn(&mut self, field: &str, value: &str) {
        if !identifiers::is_valid_ogrn(value) {
            self.push(FieldError::new(field, "invalid_ogrn"));
        }
    }

    pub fn country(&mut self, field: &str, code: &str) {
        if !reference::is_country(code) {
            self.push(FieldError::new(field, "invalid_country"));
        }
    }

    pub fn ru_region(&mut self, field: &str, code: &str) {
        if !reference::is_ru_region(code) {
            self.push(FieldError::new(field, "invalid_region"));
        }
    }

    pub fn region(&mut self, field: &str, code: &str) {
        if !reference::is_region(code) {
            self.push(FieldError::new(field, "invalid_region"));
        }
    }

    pub fn occupation(&mut self, field: &str, code: &str) {
        if !reference::is_occupation(code) {
            self.push(FieldError::new(field, "invalid_occupation"));
        }
    }

    pub fn cefr(&mut self, field: &str, level: &str) {
        if !reference::is_cefr(level) {
            self.push(FieldError::new(field, "invalid_cefr"));
        }
    }

    pub fn one_of(&mut self, field: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.push(FieldError::new(field, "unknown_value").with("allowed", allowed.join(", ")));
        }
    }

    pub fn not_before(&mut self, field: &str, date: NaiveDate, earliest: NaiveDate) {
        if date < earliest {
            self.push(FieldError::new(field, "date_in_past"));
        }
    }

    /// A vacancy's first working day ([`dates::vacancy_start`]).
    pub fn vacancy_start(
        &mut self,
        field: &str,
        start: NaiveDate,
        expires_on: NaiveDate,
        today: NaiveDate,
        creating: bool,
    ) {
        self.date(
            field,
            dates::vacancy_start(start, expires_on, today, creating),
        );
    }

    /// A passport's expiry: not expired, not beyond what any passport is issued for.
    pub fn passport_expiry(&mut self, field: &str, expiry: NaiveDate, today: NaiveDate) {
        self.date(field, dates::passport_expiry(expiry, today));
    }

    /// A candidate's first available day ([`dates::available_from`]).
    pub fn available_from(&mut self, field: &str, date: NaiveDate, today: NaiveDate) {
        self.date(field, dates::available_from(date, today));
    }

    fn date(&mut self, field: &str, rule: Result<(), DateError>) {
        if let Err(e) = rule {
            let mut error = FieldError::new(field, e.code());
            error.params = e.params();
            self.push(error);
        }
    }

    /// Each item non-empty and ≤ `max_len`; at most `max_items`; no duplicates.
    pub fn list(&mut self, field: &str, items: &[String], max_items: usize, max_len: usize) {
        if items.len() > max_items {
            self.push(FieldError::new(field, "too_many").with("max", max_items));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let key = format!("{field}[{i}]");
            self.text(&key, item, 1, max_len);
            if !seen.insert(text::clean(item).to_lowercase()) {
                self.push(FieldError::new(key, "duplicate"));
            }
        }
    }

    /// The problems found, for domain functions that report them without an HTTP error.
    pub fn into_errors(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::validation(self.errors))
        }
    }
}

/// As stored ([`text::clean`]: NFC, trimmed), with blank or invisible-only turned into `None`.
pub fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| text::clean(&v)).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_all_errors() {
        let mut c = Check::new();
        c.email("email", "not-an-email");
        c.text("name", "", 1, 10);
        c.range("positions", 0, 1, 1000);
        c.phone("phone", "+996 555 123 456");
        c.email("ok", "a.b@example.kg");
        let err = c.finish().unwrap_err();
        let fields: Vec<_> = err
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("email", "invalid_email"),
                ("name", "required"),
                ("positions", "out_of_range")
            ]
        );
    }

    fn codes(c: Check) -> Vec<(String, &'static str)> {
        match c.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.fields.into_iter().map(|f| (f.field, f.code)).collect(),
        }
    }

    #[test]
    fn text_refuses_invisible_only_and_hidden_characters() {
        let mut c = Check::new();
        c.text("first_name", "\u{200B}", 1, 100);
        c.text("last_name", "Жума\u{202E}беков", 1, 100);
        c.text("city", "Ош\u{200B}", 1, 100);
        c.text("title", "Сварщик\nмонтажник", 3, 200);
        c.text(
            "description",
            "Сварка.\nМонтаж \u{202E}конструкций.",
            0,
            10_000,
        );
        c.text("skills", "Сварка\n\tмонтаж 👨\u{200D}🔧", 0, 5000);
        c.text("address", "\u{200B}", 0, 500);
        assert_eq!(
            codes(c),
            vec![
                ("first_name".into(), "required"),
                ("last_name".into(), "forbidden_character"),
                ("city".into(), "forbidden_character"),
                ("title".into(), "forbidden_character"),
                ("description".into(), "forbidden_character"),
            ]
        );
        let mut c = Check::new();
        c.text("last_name", "Жума\u{202E}беков", 1, 100);
        let err = c.finish().unwrap_err();
        assert_eq!(err.fields[0].params, vec![("char", "U+202E".to_string())]);
    }

    #[test]
    fn text_counts_the_stored_nfc_form() {
        let mut c = Check::new();
        // "Ай" in NFD is three code points, two characters once composed.
        c.text("first_name", "А\u{0438}\u{0306}", 1, 2);
        c.list(
            "required_skills",
            &["сварка".into(), " СВАРКА\u{200B}".into()],
            5,
            50,
        );
        assert_eq!(
            codes(c),
            vec![("required_skills[1]".into(), "forbidden_character")]
        );
        assert_eq!(clean(Some(" \u{200B} ".into())), None);
        assert_eq!(
            clean(Some(" и\u{0306}\u{0306} ".into())).as_deref(),
            Some("й\u{0306}")
        );
    }

    #[test]
    fn emails_with_hidden_characters_are_invalid() {
        let mut c = Check::new();
        c.email("email", "a\u{0000}@example.kg");
        c.email("email2", "a@exa\u{200B}mple.kg");
        c.email("email3", "Азамат@пример.кг");
        assert_eq!(
            codes(c),
            vec![
                ("email".into(), "invalid_email"),
                ("email2".into(), "invalid_email")
            ]
        );
    }

    #[test]
    fn date_windows_become_field_errors() {
        let today: NaiveDate = "2026-12-01".parse().unwrap();
        let far: NaiveDate = "9999-12-31".parse().unwrap();
        let zero: NaiveDate = "0000-01-01".parse().unwrap();
        let mut c = Check::new();
        c.vacancy_start("start_date", far, today, today, false);
        c.vacancy_start("start_date_created", zero, today, today, true);
        c.passport_expiry("passport_expiry", far, today);
        c.available_from("available_from", zero, today);
        c.available_from("ok", today, today);
        let err = c.finish().unwrap_err();
        let got: Vec<_> = err
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.code, f.params.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "start_date",
                    "date_too_late",
                    vec![("max", "2027-12-01".to_string())]
                ),
                ("start_date_created", "date_in_past", vec![]),
                (
                    "passport_expiry",
                    "date_too_late",
                    vec![("max", "2037-12-01".to_string())]
                ),
                (
                    "available_from",
                    "date_too_early",
                    vec![("min", "2025-12-01".to_string())]
                ),
            ]
        );
    }
}
