//! A candidate profile's rules: what a valid profile is, how its stored form is derived, and how
//! a consent to be represented is recorded.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::access::{is_working_age, MAX_AGE, MIN_AGE};
use crate::domain::reference;
use crate::domain::role::Role;
use crate::domain::validate::Check;
use crate::error::FieldError;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LanguageSkill {
    /// ISO 639-1.
    pub code: String,
    /// CEFR A1–C2.
    pub level: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// `in_person` or `written` when a centre or agency records it.
    pub method: String,
}

/// A new profile, as the person (or a centre or agency on their behalf) enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCandidate {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    /// `male` or `female`, as in the passport.
    pub gender: String,
    /// ISO 3166-1 alpha-2.
    pub citizenship: String,
    pub passport_number: String,
    pub passport_expiry: NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    /// ISCO-08 unit groups.
    #[serde(default)]
    pub occupations: Vec<String>,
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub experience_years: i32,
    /// ISCED 2011 level 0–8.
    pub education_level: Option<i16>,
    /// ISO 3166-2:RU codes, or `["any"]`.
    #[serde(default)]
    pub preferred_regions: Vec<String>,
    /// Roubles per month.
    pub salary_min: Option<i32>,
    pub available_from: Option<NaiveDate>,
    #[serde(default)]
    pub searchable: bool,
    /// Required when a centre or agency creates the profile: the person's consent to them.
    pub consent: Option<ConsentInput>,
}

/// Fields to change; a missing key keeps the value, `null` clears a nullable one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidatePatch {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<String>,
    pub citizenship: Option<String>,
    pub passport_number: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::double_option")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::domain::double_option")]
    pub phone: Option<Option<String>>,
    pub languages: Option<Vec<LanguageSkill>>,
    pub occupations: Option<Vec<String>>,
    pub skills: Option<String>,
    pub experience_years: Option<i32>,
    #[serde(default, deserialize_with = "crate::domain::double_option")]
    pub education_level: Option<Option<i16>>,
    pub preferred_regions: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::domain::double_option")]
    pub salary_min: Option<Option<i32>>,
    #[serde(default, deserialize_with = "crate::domain::double_option")]
    pub available_from: Option<Option<NaiveDate>>,
    pub searchable: Option<bool>,
}

/// The fields a request sets, borrowed, so one set of rules checks a new profile and a patch.
#[derive(Debug, Default)]
struct ProfileFields<'a> {
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    date_of_birth: Option<NaiveDate>,
    gender: Option<&'a str>,
    citizenship: Option<&'a str>,
    passport_number: Option<&'a str>,
    passport_expiry: Option<NaiveDate>,
    available_from: Option<NaiveDate>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    languages: Option<&'a [LanguageSkill]>,
    occupations: Option<&'a [String]>,
    skills: Option<&'a str>,
    experience_years: Option<i32>,
    education_level: Option<i16>,
    preferred_regions: Option<&'a [String]>,
    salary_min: Option<i32>,
}

/// A blank optional text counts as not given.
fn given(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.trim().is_empty())
}

impl NewCandidate {
    fn fields(&self) -> ProfileFields<'_> {
        ProfileFields {
            first_name: Some(&self.first_name),
            last_name: Some(&self.last_name),
            date_of_birth: Some(self.date_of_birth),
            gender: Some(&self.gender),
            citizenship: Some(&self.citizenship),
            passport_number: Some(&self.passport_number),
            passport_expiry: Some(self.passport_expiry),
            available_from: self.available_from,
            email: given(self.email.as_deref()),
            phone: given(self.phone.as_deref()),
            languages: Some(&self.languages),
            occupations: Some(&self.occupations),
            skills: Some(&self.skills),
            experience_years: Some(self.experience_years),
            education_level: self.education_level,
            preferred_regions: Some(&self.preferred_regions),
            salary_min: self.salary_min,
        }
    }

    /// Every rule on a new profile, including who must record a consent: a centre or agency
    /// creating a profile on someone's behalf records how the person consented; a migrant
    /// creating their own profile records none.
    pub fn check(&self, creator: Role, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = self.fields().check(today).err().unwrap_or_default();
        let mut c = Check::new();
        match (&self.consent, on_behalf(creator)) {
            (None, true) => c.push(FieldError::new("consent", "required")),
            (Some(consent), true) => c.one_of(
                "consent.method",
                &consent.method,
                &ConsentMethod::names(&ConsentMethod::ON_BEHALF),
            ),
            (Some(_), false) => {
                c.push(FieldError::new("consent", "unknown_value").with("allowed", "null"))
            }
            (None, false) => {}
        }
        errors.extend(c.into_errors().err().unwrap_or_default());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl CandidatePatch {
    /// The rules on the fields this patch sets (the others keep their stored values).
    pub fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        ProfileFields {
            first_name: self.first_name.as_deref(),
            last_name: self.last_name.as_deref(),
            date_of_birth: self.date_of_birth,
            gender: self.gender.as_deref(),
            citizenship: self.citizenship.as_deref(),
            passport_number: self.passport_number.as_deref(),
            passport_expiry: self.passport_expiry,
            available_from: self.available_from.flatten(),
            email: given(self.email.as_ref().and_then(|e| e.as_deref())),
            phone: given(self.phone.as_ref().and_then(|e| e.as_deref())),
            languages: self.languages.as_deref(),
            occupations: self.occupations.as_deref(),
            skills: self.skills.as_deref(),
            experience_years: self.experience_years,
            education_level: self.education_level.flatten(),
            preferred_regions: self.preferred_regions.as_deref(),
            salary_min: self.salary_min.flatten(),
        }
        .check(today)
    }
}

fn on_behalf(creator: Role) -> bool {
    matches!(creator, Role::Agency | Role::Centre)
}

/// The passport number as it must be written: 5–20 Latin letters and digits, spaces and dashes
/// allowed between them.
fn passport_number_ok(raw: &str, normalised_len: usize) -> bool {
    (5..=20).contains(&normalised_len)
        && raw
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == ' ' || ch == '-')
}

impl ProfileFields<'_> {
    fn check(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Check::new();
        if let Some(v) = self.first_name {
            c.text("first_name", v, 1, 100);
        }
        if let Some(v) = self.last_name {
            c.text("last_name", v, 1, 100);
        }
        if let Some(dob) = self.date_of_birth {
            if !is_working_age(dob, today) {
                c.push(
                    FieldError::new("date_of_birth", "out_of_range")
                        .with("min", MIN_AGE)
                        .with("max", MAX_AGE),
                );
            }
        }
        if let Some(v) = self.gender {
            c.one_of("gender", v, &["male", "female"]);
        }
        if let Some(v) = self.citizenship {
            c.country("citizenship", v);
        }
        if let Some(v) = self.passport_number {
            let n = crate::crypto::normalise_passport(v);
            if !passport_number_ok(v, n.len()) {
                c.push(
                    FieldError::new("passport_number", "unknown_value")
                        .with("allowed", "5–20 Latin letters and digits"),
                );
            }
        }
        if let Some(d) = self.passport_expiry {
            c.passport_expiry("passport_expiry", d, today);
        }
        if let Some(d) = self.available_from {
            c.available_from("available_from", d, today);
        }
        if let Some(e) = self.email {
            c.email("email", e);
        }
        if let Some(p) = self.phone {
            c.phone("phone", p);
        }
        if let Some(langs) = self.languages {
            if langs.len() > 10 {
                c.push(FieldError::new("languages", "too_many").with("max", 10));
            }
            let mut seen = HashSet::new();
            for (i, l) in langs.iter().enumerate() {
                if !reference::is_language(&l.code) {
                    c.push(FieldError::new(
                        format!("languages[{i}].code"),
                        "invalid_language",
                    ));
                }
                c.cefr(&format!("languages[{i}].level"), &l.level);
                if !seen.insert(l.code.clone()) {
                    c.push(FieldError::new(format!("languages[{i}].code"), "duplicate"));
                }
            }
        }
        if let Some(occ) = self.occupations {
            c.list("occupations", occ, 10, 4);
            for (i, o) in occ.iter().enumerate() {
                c.occupation(&format!("occupations[{i}]"), o);
            }
        }
        if let Some(s) = self.skills {
            c.text("skills", s, 0, 5000);
        }
        if let Some(y) = self.experience_years {
            c.range("experience_years", y.into(), 0, 60);
        }
        if let Some(e) = self.education_level {
            c.range("education_level", e.into(), 0, 8);
        }
        if let Some(regions) = self.preferred_regions {
            c.list("preferred_regions", regions, 20, 10);
            if regions.iter().any(|r| r == ANY_REGION) {
                if regions.len() > 1 {
                    c.push(
                        FieldError::new("preferred_regions", "unknown_value")
                            .with("allowed", "[\"any\"] or region codes"),
                    );
                }
            } else {
                for (i, r) in regions.iter().enumerate() {
                    c.ru_region(&format!("preferred_regions[{i}]"), r);
                }
            }
        }
        if let Some(s) = self.salary_min {
            c.range("salary_min", s.into(), 0, 10_000_000);
        }
        c.into_errors()
    }
}

/// "Anywhere in Russia" among preferred regions.
pub const ANY_REGION: &str = "any";

/// No preference stored as `["any"]`.
pub fn normalise_regions(regions: Vec<String>) -> Vec<String> {
    if regions.is_empty() {
        vec![ANY_REGION.into()]
    } else {
        regions
    }
}

/// The Russian level among a person's languages (it drives matching against vacancies).
pub fn russian_level(languages: &[LanguageSkill]) -> Option<String> {
    languages
        .iter()
        .find(|l| l.code == "ru")
        .map(|l| l.level.clone())
}

/// How a person gave their consent to be represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentMethod {
    /// By the person through their own account.
    Online,
    /// Recorded by a centre or agency, the person present.
    InPerson,
    /// Recorded by a centre or agency from a signed paper.
    Written,
}

impl ConsentMethod {
    pub const ON_BEHALF: [ConsentMethod; 2] = [Self::InPerson, Self::Written];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::InPerson => "in_person",
            Self::Written => "written",
        }
    }

    pub fn names(methods: &[ConsentMethod]) -> Vec<&'static str> {
        methods.iter().map(|m| m.as_str()).collect()
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Online, Self::InPerson, Self::Written]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn new_candidate() -> NewCandidate {
        serde_json::from_value(serde_json::json!({
            "first_name": "Айгуль", "last_name": "Токтогулова", "date_of_birth": "1995-04-12",
            "gender": "female", "citizenship": "KG", "passport_number": "AC 123-4567",
            "passport_expiry": "2030-01-01", "languages": [{"code": "ru", "level": "B1"}],
            "occupations": ["5120"], "preferred_regions": []
        }))
        .unwrap()
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, &'static str)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_migrant_creates_without_consent_a_centre_only_with_one() {
        let c = new_candidate();
        assert!(c.check(Role::Migrant, today()).is_ok());
        assert_eq!(
            codes(c.check(Role::Centre, today()).unwrap_err()),
            vec![("consent".to_string(), "required")]
        );
        let mut c = new_candidate();
        c.consent = Some(ConsentInput {
            method: "online".into(),
        });
        assert_eq!(
            codes(c.check(Role::Agency, today()).unwrap_err()),
            vec![("consent.method".to_string(), "unknown_value")]
        );
        assert_eq!(
            codes(c.check(Role::Migrant, today()).unwrap_err()),
            vec![("consent".to_string(), "unknown_value")]
        );
        c.consent = Some(ConsentInput {
            method: "written".into(),
        });
        assert!(c.check(Role::Agency, today()).is_ok());
    }

    #[test]
    fn profile_rules() {
        let mut c = new_candidate();
        c.date_of_birth = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        c.passport_number = "AB#1".into();
        c.passport_expiry = today();
        c.languages.push(LanguageSkill {
            code: "ru".into(),
            level: "D1".into(),
        });
        c.preferred_regions = vec!["any".into(), "RU-MOW".into()];
        assert_eq!(
            codes(c.check(Role::Migrant, today()).unwrap_err()),
            vec![
                ("date_of_birth".to_string(), "out_of_range"),
                ("passport_number".to_string(), "unknown_value"),
                ("passport_expiry".to_string(), "passport_expired"),
                ("languages[1].level".to_string(), "invalid_cefr"),
                ("languages[1].code".to_string(), "duplicate"),
                ("preferred_regions".to_string(), "unknown_value"),
            ]
        );
    }

    #[test]
    fn a_patch_is_checked_only_on_what_it_sets() {
        let patch: CandidatePatch =
            serde_json::from_str(r#"{"phone": "+996 555 123 456", "email": ""}"#).unwrap();
        assert!(patch.check(today()).is_ok());
        let patch: CandidatePatch = serde_json::from_str(r#"{"phone": "12"}"#).unwrap();
        assert_eq!(
            codes(patch.check(today()).unwrap_err()),
            vec![("phone".to_string(), "invalid_phone")]
        );
        let cleared: CandidatePatch = serde_json::from_str(r#"{"salary_min": null}"#).unwrap();
        assert_eq!(cleared.salary_min, Some(None));
    }

    #[test]
    fn stored_forms() {
        assert_eq!(normalise_regions(vec![]), vec!["any"]);
        assert_eq!(normalise_regions(vec!["RU-MOW".into()]), vec!["RU-MOW"]);
        let langs = vec![
            LanguageSkill {
                code: "ky".into(),
                level: "C2".into(),
            },
            LanguageSkill {
                code: "ru".into(),
                level: "A2".into(),
            },
        ];
        assert_eq!(russian_level(&langs).as_deref(), Some("A2"));
        assert_eq!(
            ConsentMethod::parse("in_person"),
            Some(ConsentMethod::InPerson)
        );
        assert_eq!(ConsentMethod::parse("by_phone"), None);
    }
}
