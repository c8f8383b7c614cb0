//! Collects every problem with a request before answering, so a client fixes them all at once.

use chrono::NaiveDate;

use crate::domain::{identifiers, reference};
use crate::error::{AppError, FieldError};

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

    pub fn text(&mut self, field: &str, value: &str, min: usize, max: usize) {
        let n = value.trim().chars().count();
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

    /// Each item non-empty and ≤ `max_len`; at most `max_items`; no duplicates.
    pub fn list(&mut self, field: &str, items: &[String], max_items: usize, max_len: usize) {
        if items.len() > max_items {
            self.push(FieldError::new(field, "too_many").with("max", max_items));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let key = format!("{field}[{i}]");
            self.text(&key, item, 1, max_len);
            if !seen.insert(item.trim().to_lowercase()) {
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

/// Trimmed, with blank turned into `None`.
pub fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
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
}
