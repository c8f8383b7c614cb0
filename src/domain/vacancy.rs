//! A vacancy's rules: its life (draft → published ⇄ paused → filled | closed; `expired` set by the
//! system when the listing date passes), who sees it, and what a valid set of terms is.

use std::fmt;
use std::str::FromStr;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::FieldError;

/// Longest a vacancy may stay listed without being renewed (trudvsem's stale-ads problem).
pub const MAX_LISTING_DAYS: i64 = 180;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VacancyStatus {
    Draft,
    Published,
    Paused,
    Filled,
    Closed,
    Expired,
}

/// A status change that the rules do not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VacancyError {
    Transition {
        from: VacancyStatus,
        to: VacancyStatus,
    },
    /// Only the system expires a vacancy, and drafts are created, not requested.
    NotRequestable(VacancyStatus),
    /// Filled and closed vacancies are history.
    NotEditable(VacancyStatus),
    /// Re-publishing needs an expiry date that has not passed.
    ListingDatePassed,
}

impl fmt::Display for VacancyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transition { from, to } => write!(f, "{from} → {to} is not allowed"),
            Self::NotRequestable(s) => write!(f, "{s} cannot be requested"),
            Self::NotEditable(_) => write!(f, "a filled or closed vacancy cannot be edited"),
            Self::ListingDatePassed => write!(f, "the listing date has passed"),
        }
    }
}

impl VacancyStatus {
    pub const ALL: [VacancyStatus; 6] = [
        Self::Draft,
        Self::Published,
        Self::Paused,
        Self::Filled,
        Self::Closed,
        Self::Expired,
    ];

    /// Statuses an employer may ask for.
    pub const REQUESTABLE: [VacancyStatus; 4] =
        [Self::Published, Self::Paused, Self::Filled, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Paused => "paused",
            Self::Filled => "filled",
            Self::Closed => "closed",
            Self::Expired => "expired",
        }
    }

    pub fn names(statuses: &[VacancyStatus]) -> Vec<&'static str> {
        statuses.iter().map(|s| s.as_str()).collect()
    }

    /// The transition table.
    pub fn can_become(self, to: VacancyStatus) -> bool {
        use VacancyStatus::*;
        matches!(
            (self, to),
            (Draft, Published)
                | (Draft, Closed)
                | (Published, Paused)
                | (Published, Filled)
                | (Published, Closed)
                | (Paused, Published)
                | (Paused, Filled)
                | (Paused, Closed)
                | (Expired, Published)
                | (Expired, Closed)
        )
    }

    pub fn is_editable(self) -> bool {
        !matches!(self, Self::Filled | Self::Closed)
    }

    /// The status as people should see it today: a listed vacancy past its expiry date is
    /// expired even before the sweep has marked it.
    pub fn effective(self, expires_on: NaiveDate, today: NaiveDate) -> Self {
        match self {
            Self::Published | Self::Paused if expires_on < today => Self::Expired,
            s => s,
        }
    }

    /// The employer asks for `to`: allowed, or why not. `expires_on` is the listing date.
    pub fn request(
        self,
        to: VacancyStatus,
        expires_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<VacancyStatus, VacancyError> {
        if !Self::REQUESTABLE.contains(&to) {
            return Err(VacancyError::NotRequestable(to));
        }
        let from = self.effective(expires_on, today);
        if !from.can_become(to) {
            return Err(VacancyError::Transition { from, to });
        }
        if to == Self::Published && expires_on < today {
            return Err(VacancyError::ListingDatePassed);
        }
        Ok(to)
    }
}

impl fmt::Display for VacancyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for VacancyStatus {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
    }
}

/// An edit may not leave fewer positions than approved placements already hold.
pub fn positions_cover_filled(positions: i32, filled: i32) -> Result<(), FieldError> {
    if positions < filled {
        return Err(FieldError::new("positions", "below_filled").with("min", filled));
    }
    Ok(())
}

/// Anyone, signed in or not, may see a published vacancy whose listing date has not passed.
pub fn is_public(status: VacancyStatus, expires_on: NaiveDate, today: NaiveDate) -> bool {
    status == VacancyStatus::Published && expires_on >= today
}

/// What an employer writes when posting a vacancy; the same shape is edited and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VacancyTerms {
    pub title: String,
    /// ISCO-08 unit group.
    pub occupation: String,
    pub description: String,
    #[serde(default)]
    pub required_skills: Vec<String>,
    #[serde(default)]
    pub optional_skills: Vec<String>,
    /// ISO 3166-2:RU.
    pub region: String,
    pub city: String,
    pub positions: i32,
    /// Roubles per month.
    pub salary_min: i32,
    pub salary_max: i32,
    #[serde(default)]
    pub housing: bool,
    #[serde(default)]
    pub meals: bool,
    #[serde(default)]
    pub transport: bool,
    pub hours_per_week: i32,
    pub contract_months: i32,
    /// Minimum Russian level, CEFR A1–C2.
    pub russian_level_min: Option<String>,
    pub start_date: NaiveDate,
    /// Last day the vacancy is listed (at most 180 days ahead).
    pub expires_on: NaiveDate,
    #[serde(default = "yes")]
    pub open_to_foreign: bool,
}

fn yes() -> bool {
    true
}

/// Declares the patch type once from the list of fields it may change, with the code that
/// applies it, so the list is written once.
macro_rules! terms_patch {
    ($($field:ident: $ty:ty),+ $(,)?) => {
        /// Fields to change; a missing key keeps the value.
        #[derive(Debug, Clone, Default, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct VacancyPatch {
            $(pub $field: Option<$ty>,)+
            /// `null` removes the minimum Russian level.
            #[serde(default, deserialize_with = "crate::domain::double_option")]
            pub russian_level_min: Option<Option<String>>,
        }

        impl VacancyPatch {
            pub fn apply(self, terms: &mut VacancyTerms) {
                $(if let Some(v) = self.$field { terms.$field = v; })+
                if let Some(v) = self.russian_level_min { terms.russian_level_min = v; }
            }
        }
    };
}

terms_patch!(
    title: String,
    occupation: String,
    description: String,
    required_skills: Vec<String>,
    optional_skills: Vec<String>,
    region: String,
    city: String,
    positions: i32,
    salary_min: i32,
    salary_max: i32,
    housing: bool,
    meals: bool,
    transport: bool,
    hours_per_week: i32,
    contract_months: i32,
    start_date: NaiveDate,
    expires_on: NaiveDate,
    open_to_foreign: bool,
);

/// Whether a check is for a new vacancy or an edit of an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Create,
    Update,
}

impl VacancyTerms {
    /// Every text in NFC without surrounding blanks (the stored form).
    pub fn normalised(mut self) -> Self {
        let trim = |s: &mut String| *s = text::clean(s);
        trim(&mut self.title);
        trim(&mut self.description);
        trim(&mut self.city);
        self.required_skills.iter_mut().for_each(trim);
        self.optional_skills.iter_mut().for_each(trim);
        self
    }

    /// Every rule on the terms as they will be after the change, so cross-field rules see both
    /// values. A start date in the past is refused only when creating: a running vacancy may be
    /// edited after its start.
    pub fn check(&self, edit: Edit, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Check::new();
        c.text("title", &self.title, 3, 200);
        c.occupation("occupation", &self.occupation);
        c.text("description", &self.description, 20, 10_000);
        c.list("required_skills", &self.required_skills, 30, 100);
        c.list("optional_skills", &self.optional_skills, 30, 100);
        c.ru_region("region", &self.region);
        c.text("city", &self.city, 1, 100);
        c.range("positions", self.positions.into(), 1, 10_000);
        c.range("salary_min", self.salary_min.into(), 1, 10_000_000);
        c.range("salary_max", self.salary_max.into(), 1, 10_000_000);
        if self.salary_min > self.salary_max {
            c.push(FieldError::new("salary_max", "salary_range"));
        }
        c.range("hours_per_week", self.hours_per_week.into(), 1, 60);
        c.range("contract_months", self.contract_months.into(), 1, 60);
        if let Some(level) = &self.russian_level_min {
            c.cefr("russian_level_min", level);
        }
        c.vacancy_start(
            "start_date",
            self.start_date,
            self.expires_on,
            today,
            edit == Edit::Create,
        );
        c.not_before("expires_on", self.expires_on, today);
        if (self.expires_on - today).num_days() > MAX_LISTING_DAYS {
            c.push(
                FieldError::new("expires_on", "out_of_range")
                    .with("min", today)
                    .with("max", today + Duration::days(MAX_LISTING_DAYS)),
            );
        }
        c.into_errors()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_may_not_drop_below_those_taken() {
        assert!(positions_cover_filled(3, 3).is_ok());
        assert!(positions_cover_filled(3, 0).is_ok());
        let e = positions_cover_filled(2, 3).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("positions", "below_filled"));
        assert_eq!(e.params, vec![("min", "3".to_string())]);
    }
    use VacancyStatus::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn transition_table() {
        let allowed = [
            (Draft, Published),
            (Draft, Closed),
            (Published, Paused),
            (Published, Filled),
            (Published, Closed),
            (Paused, Published),
            (Paused, Filled),
            (Paused, Closed),
            (Expired, Published),
            (Expired, Closed),
        ];
        for from in VacancyStatus::ALL {
            for to in VacancyStatus::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn requests_see_the_effective_status() {
        let today = day(2026, 12, 1);
        let past = day(2026, 11, 30);
        let later = day(2027, 1, 31);
        assert_eq!(Published.request(Paused, later, today), Ok(Paused));
        // Past its listing date a published vacancy is expired: it can't be paused…
        assert_eq!(
            Published.request(Paused, past, today),
            Err(VacancyError::Transition {
                from: Expired,
                to: Paused
            })
        );
        // …and re-publishing needs a later listing date first.
        assert_eq!(
            Published.request(Published, past, today),
            Err(VacancyError::ListingDatePassed)
        );
        assert_eq!(
            Expired.request(Published, past, today),
            Err(VacancyError::ListingDatePassed)
        );
        assert_eq!(Expired.request(Published, later, today), Ok(Published));
        assert_eq!(
            Draft.request(Expired, later, today),
            Err(VacancyError::NotRequestable(Expired))
        );
        assert_eq!(
            Closed.request(Published, later, today),
            Err(VacancyError::Transition {
                from: Closed,
                to: Published
            })
        );
    }

    #[test]
    fn visibility_and_expiry() {
        let today = day(2026, 12, 1);
        assert!(is_public(Published, today, today));
        assert!(!is_public(Published, day(2026, 11, 30), today));
        assert!(!is_public(Paused, today, today));
        assert!(!is_public(Draft, day(2027, 1, 1), today));
        assert_eq!(Published.effective(day(2026, 11, 30), today), Expired);
        assert_eq!(Paused.effective(day(2026, 11, 30), today), Expired);
        assert_eq!(Draft.effective(day(2026, 11, 30), today), Draft);
        assert_eq!(Published.effective(today, today), Published);
        assert!(Draft.is_editable() && Expired.is_editable());
        assert!(!Filled.is_editable() && !Closed.is_editable());
    }

    #[test]
    fn statuses_parse_from_their_names() {
        for s in VacancyStatus::ALL {
            assert_eq!(s.as_str().parse::<VacancyStatus>(), Ok(s));
        }
        assert!("archived".parse::<VacancyStatus>().is_err());
    }

    fn terms(today: NaiveDate) -> VacancyTerms {
        VacancyTerms {
            title: "  Сварщик  ".into(),
            occupation: "7212".into(),
            description: "Сварка металлоконструкций на заводе".into(),
            required_skills: vec![" MIG ".into()],
            optional_skills: vec![],
            region: "RU-SVE".into(),
            city: "Екатеринбург".into(),
            positions: 3,
            salary_min: 60_000,
            salary_max: 90_000,
            housing: true,
            meals: false,
            transport: false,
            hours_per_week: 40,
            contract_months: 12,
            russian_level_min: Some("A2".into()),
            start_date: today,
            expires_on: today + Duration::days(30),
            open_to_foreign: true,
        }
    }

    #[test]
    fn terms_are_checked_as_a_whole() {
        let today = day(2026, 12, 1);
        let good = terms(today).normalised();
        assert_eq!(good.title, "Сварщик");
        assert_eq!(good.required_skills, vec!["MIG"]);
        assert!(good.check(Edit::Create, today).is_ok());
        let mut bad = good.clone();
        bad.salary_min = 100_000;
        bad.expires_on = today + Duration::days(MAX_LISTING_DAYS + 1);
        bad.start_date = today - Duration::days(1);
        let codes: Vec<_> = bad
            .check(Edit::Create, today)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("salary_max".to_string(), "salary_range"),
                ("start_date".to_string(), "date_in_past"),
                ("expires_on".to_string(), "out_of_range"),
            ]
        );
        // A running vacancy may be edited after it started.
        let mut running = good;
        running.start_date = today - Duration::days(10);
        assert!(running.check(Edit::Update, today).is_ok());
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let today = day(2026, 12, 1);
        let mut t = terms(today);
        let patch: VacancyPatch =
            serde_json::from_str(r#"{"positions": 5, "russian_level_min": null}"#).unwrap();
        patch.apply(&mut t);
        assert_eq!(t.positions, 5);
        assert_eq!(t.russian_level_min, None);
        assert_eq!(t.city, "Екатеринбург");
        assert!(serde_json::from_str::<VacancyPatch>(r#"{"status": "x"}"#).is_err());
    }
}
