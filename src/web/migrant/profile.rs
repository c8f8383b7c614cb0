//! `GET /migrant/profile` (the migrant's own candidate profile, or an invitation to make one) and
//! `GET/POST /migrant/profile/edit` (create or update it through `services::candidates`, with the
//! API's validation shown on the form).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{migrant, own_profile, show_errors, Row};
use crate::db::models::reference::{Country, Occupation};
use crate::domain::candidate::{CandidatePatch, LanguageSkill, NewCandidate, ANY_REGION};
use crate::domain::reference::CEFR_LEVELS;
use crate::error::{ErrorCode, FieldError};
use crate::i18n::Locale;
use crate::services::candidates::{self, ProfileView};
use crate::services::reference;
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage, MessagePage};
use crate::web::layout::{render, Page, WebError};
use crate::web::public::{region_name, roubles};
use crate::web::session::{CsrfForm, WebUser};

/// The languages the form asks about, each with its own level select (`lang_<code>`).
pub const LANGUAGES: [&str; 6] = ["ru", "ky", "uz", "tg", "kk", "en"];
/// Their names (the ids are listed so the catalogue test finds them).
pub const LANGUAGE_IDS: [&str; 6] = [
    "web-migrant-lang-ru",
    "web-migrant-lang-ky",
    "web-migrant-lang-uz",
    "web-migrant-lang-tg",
    "web-migrant-lang-kk",
    "web-migrant-lang-en",
];
/// How many occupation selects the form has.
const OCCUPATION_SLOTS: usize = 3;
/// The citizenships offered first (the ones this labour market brings).
const FIRST_COUNTRIES: [&str; 5] = ["KG", "UZ", "TJ", "KZ", "AM"];

fn language_label(page: &Page, code: &str) -> String {
    LANGUAGES
        .iter()
        .position(|c| *c == code)
        .map(|i| page.t(LANGUAGE_IDS[i]))
        .unwrap_or_else(|| code.to_owned())
}

fn country_name(c: &Country, locale: Locale) -> String {
    match locale {
        Locale::Uz | Locale::En => c.name_en.clone(),
        _ => c.name_ru.clone(),
    }
}

fn occupation_label(o: &Occupation, locale: Locale) -> String {
    let name = match locale {
        Locale::Ky => o.name_ky.clone().unwrap_or_else(|| o.name_ru.clone()),
        Locale::Uz | Locale::En => o.name_en.clone(),
        _ => o.name_ru.clone(),
    };
    format!("{name} ({})", o.code)
}

#[derive(Template)]
#[template(path = "migrant/profile.html")]
struct ProfilePage {
    page: Page,
    rows: Vec<Row>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SavedQuery {
    saved: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let Some(view) = own_profile(&state, &user).await? else {
        let page = Page::new(&req, "web-migrant-profile-title");
        let body = page.t("web-migrant-profile-none");
        return MessagePage::new(page)
            .paragraph(body)
            .link("/migrant/profile/edit", "web-migrant-profile-create")
            .respond(StatusCode::OK);
    };
    let page = Page::new(&req, "web-migrant-profile-title");
    let locale = page.locale;
    let countries = reference::countries(&state).await?;
    let regions = reference::regions(&state, Some("RU".into())).await?;
    let occupations = reference::occupations(&state).await?;
    let p = &view.profile;
    let languages: Vec<String> = view
        .languages
        .iter()
        .map(|l| format!("{} — {}", language_label(&page, &l.code), l.level))
        .collect();
    let occupation_names: Vec<String> = p
        .occupations
        .iter()
        .map(|code| {
            occupations
                .iter()
                .find(|o| &o.code == code)
                .map(|o| occupation_label(o, locale))
                .unwrap_or_else(|| code.clone())
        })
        .collect();
    let region_names: Vec<String> = if p.preferred_regions.iter().any(|r| r == ANY_REGION) {
        vec![page.t("web-migrant-profile-any-region")]
    } else {
        p.preferred_regions
            .iter()
            .map(|code| {
                regions
                    .iter()
                    .find(|r| &r.code == code)
                    .map(|r| region_name(r, locale))
                    .unwrap_or_else(|| code.clone())
            })
            .collect()
    };
    let dash = || "—".to_owned();
    let rows = vec![
        Row::new(page.t("web-migrant-field-first-name"), p.first_name.clone()),
        Row::new(page.t("web-migrant-field-last-name"), p.last_name.clone()),
        Row::new(
            page.t("web-migrant-field-date-of-birth"),
            p.date_of_birth.to_string(),
        ),
        Row::new(
            page.t("web-migrant-field-gender"),
            page.t(if p.gender == "female" {
                "web-migrant-gender-female"
            } else {
                "web-migrant-gender-male"
            }),
        ),
        Row::new(
            page.t("web-migrant-field-citizenship"),
            countries
                .iter()
                .find(|c| c.code == p.citizenship)
                .map(|c| country_name(c, locale))
                .unwrap_or_else(|| p.citizenship.clone()),
        ),
        Row::new(
            page.t("web-migrant-field-passport-number"),
            view.passport_number.clone(),
        ),
        Row::new(
            page.t("web-migrant-field-passport-expiry"),
            p.passport_expiry.to_string(),
        ),
        Row::new(
            page.t("web-migrant-field-phone"),
            p.phone.clone().unwrap_or_else(dash),
        ),
        Row::new(
            page.t("web-migrant-field-languages"),
            if languages.is_empty() {
                dash()
            } else {
                languages.join(", ")
            },
        ),
        Row::new(
            page.t("web-migrant-field-occupations"),
            if occupation_names.is_empty() {
                dash()
            } else {
                occupation_names.join(", ")
            },
        ),
        Row::new(page.t("web-migrant-field-regions"), region_names.join(", ")),
        Row::new(
            page.t("web-migrant-field-salary-min"),
            p.salary_min
                .map(|s| page.t1("web-migrant-roubles", "amount", roubles(s)))
                .unwrap_or_else(dash),
        ),
        Row::new(
            page.t("web-migrant-field-searchable"),
            page.t(if p.searchable {
                "web-migrant-searchable-yes"
            } else {
                "web-migrant-searchable-no"
            }),
        ),
    ];
    let saved = super::super::form::query::<SavedQuery>(&req)
        .saved
        .is_some();
    render(StatusCode::OK, &ProfilePage { page, rows, saved })
}

/// The form as a browser sends it.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProfileForm {
    first_name: String,
    last_name: String,
    date_of_birth: String,
    gender: String,
    citizenship: String,
    passport_number: String,
    passport_expiry: String,
    phone: String,
    lang_ru: String,
    lang_ky: String,
    lang_uz: String,
    lang_tg: String,
    lang_kk: String,
    lang_en: String,
    occupation_1: String,
    occupation_2: String,
    occupation_3: String,
    preferred_regions: Vec<String>,
    salary_min: String,
    searchable: String,
}

impl ProfileForm {
    fn of(view: &ProfileView) -> ProfileForm {
        let p = &view.profile;
        let level = |code: &str| {
            view.languages
                .iter()
                .find(|l| l.code == code)
                .map(|l| l.level.clone())
                .unwrap_or_default()
        };
        let occupation = |i: usize| p.occupations.get(i).cloned().unwrap_or_default();
        ProfileForm {
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            date_of_birth: p.date_of_birth.to_string(),
            gender: p.gender.clone(),
            citizenship: p.citizenship.clone(),
            passport_number: view.passport_number.clone(),
            passport_expiry: p.passport_expiry.to_string(),
            phone: p.phone.clone().unwrap_or_default(),
            lang_ru: level("ru"),
            lang_ky: level("ky"),
            lang_uz: level("uz"),
            lang_tg: level("tg"),
            lang_kk: level("kk"),
            lang_en: level("en"),
            occupation_1: occupation(0),
            occupation_2: occupation(1),
            occupation_3: occupation(2),
            preferred_regions: p
                .preferred_regions
                .iter()
                .filter(|r| r.as_str() != ANY_REGION)
                .cloned()
                .collect(),
            salary_min: p.salary_min.map(|s| s.to_string()).unwrap_or_default(),
            searchable: if p.searchable { "yes" } else { "no" }.into(),
        }
    }

    fn blank() -> ProfileForm {
        ProfileForm {
            citizenship: "KG".into(),
            searchable: "yes".into(),
            ..ProfileForm::default()
        }
    }

    fn levels(&self) -> [(&'static str, &str); 6] {
        [
            ("ru", self.lang_ru.as_str()),
            ("ky", self.lang_ky.as_str()),
            ("uz", self.lang_uz.as_str()),
            ("tg", self.lang_tg.as_str()),
            ("kk", self.lang_kk.as_str()),
            ("en", self.lang_en.as_str()),
        ]
    }

    fn occupations(&self) -> Vec<String> {
        [&self.occupation_1, &self.occupation_2, &self.occupation_3]
            .into_iter()
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect()
    }
}

/// The reference lists the form offers.
struct Lists {
    countries: Vec<Country>,
    regions: Vec<crate::db::models::reference::Region>,
    occupations: Vec<Occupation>,
}

async fn lists(state: &AppState) -> Result<Lists, WebError> {
    let mut countries = reference::countries(state).await?;
    countries.sort_by_key(|c| {
        FIRST_COUNTRIES
            .iter()
            .position(|f| *f == c.code)
            .unwrap_or(FIRST_COUNTRIES.len())
    });
    Ok(Lists {
        countries,
        regions: reference::regions(state, Some("RU".into())).await?,
        occupations: reference::occupations(state).await?,
    })
}

fn form(req: &HttpRequest, f: &ProfileForm, lists: &Lists, creating: bool) -> FormPage {
    let page = Page::new(
        req,
        if creating {
            "web-migrant-profile-create"
        } else {
            "web-migrant-profile-edit"
        },
    );
    let locale = page.locale;
    let gender = Control::Radios(vec![
        Choice::new(
            "female",
            page.t("web-migrant-gender-female"),
            f.gender == "female",
        ),
        Choice::new(
            "male",
            page.t("web-migrant-gender-male"),
            f.gender == "male",
        ),
    ]);
    let mut citizenship = vec![Choice::new(
        "",
        page.t("web-migrant-choose"),
        f.citizenship.is_empty(),
    )];
    citizenship.extend(lists.countries.iter().map(|c| {
        Choice::new(
            c.code.clone(),
            country_name(c, locale),
            c.code == f.citizenship,
        )
    }));
    let level_choices = |chosen: &str| {
        let mut v = vec![Choice::new(
            "",
            page.t("web-migrant-lang-none"),
            chosen.is_empty(),
        )];
        v.extend(CEFR_LEVELS.iter().map(|l| {
            Choice::new(
                *l,
                page.t1("web-migrant-lang-level", "level", *l),
                *l == chosen,
            )
        }));
        v
    };
    let occupation_choices = |chosen: &str| {
        let mut v = vec![Choice::new(
            "",
            page.t("web-migrant-choose"),
            chosen.is_empty(),
        )];
        v.extend(lists.occupations.iter().map(|o| {
            Choice::new(
                o.code.clone(),
                occupation_label(o, locale),
                o.code == chosen,
            )
        }));
        v
    };
    let regions = Control::Checkboxes(
        lists
            .regions
            .iter()
            .map(|r| {
                Choice::new(
                    r.code.clone(),
                    region_name(r, locale),
                    f.preferred_regions.contains(&r.code),
                )
            })
            .collect(),
    );
    let searchable = Control::Radios(vec![
        Choice::new(
            "yes",
            page.t("web-migrant-searchable-yes"),
            f.searchable == "yes",
        ),
        Choice::new(
            "no",
            page.t("web-migrant-searchable-no"),
            f.searchable == "no",
        ),
    ]);
    let levels: Vec<(String, Vec<Choice>)> = f
        .levels()
        .iter()
        .map(|(code, level)| (format!("lang_{code}"), level_choices(level)))
        .collect();
    let chosen = [&f.occupation_1, &f.occupation_2, &f.occupation_3];
    let occupations: Vec<Vec<Choice>> = chosen
        .iter()
        .take(OCCUPATION_SLOTS)
        .map(|value| occupation_choices(value))
        .collect();
    let mut form = FormPage::new(page, "/migrant/profile/edit", "web-migrant-profile-save")
        .intro("web-migrant-profile-intro")
        .field(
            "first_name",
            "web-migrant-field-first-name",
            Some("web-migrant-field-as-in-passport"),
            "text",
            "given-name",
            &f.first_name,
        )
        .field(
            "last_name",
            "web-migrant-field-last-name",
            Some("web-migrant-field-as-in-passport"),
            "text",
            "family-name",
            &f.last_name,
        )
        .field(
            "date_of_birth",
            "web-migrant-field-date-of-birth",
            Some("web-migrant-field-date-hint"),
            "date",
            "bday",
            &f.date_of_birth,
        )
        .control("gender", "web-migrant-field-gender", None, gender, "")
        .control(
            "citizenship",
            "web-migrant-field-citizenship",
            None,
            Control::Select(citizenship),
            "",
        )
        .field(
            "passport_number",
            "web-migrant-field-passport-number",
            Some("web-migrant-field-passport-number-hint"),
            "text",
            "off",
            &f.passport_number,
        )
        .field(
            "passport_expiry",
            "web-migrant-field-passport-expiry",
            Some("web-migrant-field-date-hint"),
            "date",
            "off",
            &f.passport_expiry,
        )
        .field(
            "phone",
            "web-migrant-field-phone",
            Some("web-migrant-field-phone-hint"),
            "tel",
            "tel",
            &f.phone,
        );
    for (i, (id, choices)) in levels.into_iter().enumerate() {
        form = form.control(
            &id,
            LANGUAGE_IDS[i],
            (i == 0).then_some("web-migrant-field-languages-hint"),
            Control::Select(choices),
            "",
        );
    }
    for (i, choices) in occupations.into_iter().enumerate() {
        form = form.control(
            &format!("occupation_{}", i + 1),
            if i == 0 {
                "web-migrant-field-occupation-main"
            } else {
                "web-migrant-field-occupation-other"
            },
            (i == 0).then_some("web-migrant-field-occupation-hint"),
            Control::Select(choices),
            "",
        );
    }
    form.control(
        "preferred_regions",
        "web-migrant-field-regions",
        Some("web-migrant-field-regions-hint"),
        regions,
        "",
    )
    .field(
        "salary_min",
        "web-migrant-field-salary-min",
        Some("web-migrant-field-salary-min-hint"),
        "text",
        "off",
        &f.salary_min,
    )
    .control(
        "searchable",
        "web-migrant-field-searchable",
        Some("web-migrant-field-searchable-hint"),
        searchable,
        "",
    )
    .link("/migrant/profile", "web-migrant-profile-back")
}

/// The service's field names as the form's inputs.
fn input_of(field: &str) -> String {
    let index = |prefix: &str| {
        field
            .strip_prefix(prefix)
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
    };
    if field.starts_with("languages") {
        return "lang_ru".into();
    }
    if let Some(i) = index("occupations[") {
        return format!("occupation_{}", (i + 1).min(OCCUPATION_SLOTS));
    }
    if field == "occupations" {
        return "occupation_1".into();
    }
    if field.starts_with("preferred_regions") {
        return "preferred_regions".into();
    }
    field.to_owned()
}

/// The input errors the service never sees: a date or an amount that does not parse.
fn parse_date(value: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, "required"));
        return None;
    }
    let parsed = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d.%m.%Y"));
    match parsed {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(field, "invalid_date"));
            None
        }
    }
}

fn parse_amount(value: &str, errors: &mut Vec<FieldError>) -> Option<i32> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if digits.is_empty() {
        return None;
    }
    match digits.parse::<i32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError::new("salary_min", "not_a_number"));
            None
        }
    }
}

fn blank_none(v: &str) -> Option<String> {
    Some(v.trim().to_owned()).filter(|s| !s.is_empty())
}

pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let existing = own_profile(&state, &user).await?;
    let f = existing
        .as_ref()
        .map(ProfileForm::of)
        .unwrap_or_else(ProfileForm::blank);
    let lists = lists(&state).await?;
    form(&req, &f, &lists, existing.is_none()).respond(StatusCode::OK)
}

/// Creates the profile, or changes it: the same service and rules as `POST /candidates` and
/// `PATCH /candidates/{id}`.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<ProfileForm>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let existing = own_profile(&state, &user).await?;
    let lists = lists(&state).await?;
    let again = |errors: &[FieldError]| {
        show_errors(form(&req, &f, &lists, existing.is_none()), errors, input_of)
            .respond(StatusCode::UNPROCESSABLE_ENTITY)
    };
    let mut errors = Vec::new();
    let date_of_birth = parse_date(&f.date_of_birth, "date_of_birth", &mut errors);
    let passport_expiry = parse_date(&f.passport_expiry, "passport_expiry", &mut errors);
    let salary_min = parse_amount(&f.salary_min, &mut errors);
    let (Some(date_of_birth), Some(passport_expiry), true) =
        (date_of_birth, passport_expiry, errors.is_empty())
    else {
        return again(&errors);
    };
    let mut languages: Vec<LanguageSkill> = f
        .levels()
        .iter()
        .filter(|(_, level)| !level.trim().is_empty())
        .map(|(code, level)| LanguageSkill {
            code: (*code).to_owned(),
            level: level.trim().to_owned(),
        })
        .collect();
    if let Some(view) = &existing {
        // Languages the form does not ask about stay as they were.
        languages.extend(
            view.languages
                .iter()
                .filter(|l| !LANGUAGES.contains(&l.code.as_str()))
                .cloned(),
        );
    }
    let regions: Vec<String> = f
        .preferred_regions
        .iter()
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
        .collect();
    let searchable = f.searchable == "yes";
    let caller = user.auth.caller();
    let result = match &existing {
        None => {
            let input = NewCandidate {
                first_name: f.first_name.clone(),
                last_name: f.last_name.clone(),
                date_of_birth,
                gender: f.gender.trim().to_owned(),
                citizenship: f.citizenship.trim().to_owned(),
                passport_number: f.passport_number.trim().to_owned(),
                passport_expiry,
                email: None,
                phone: blank_none(&f.phone),
                languages,
                occupations: f.occupations(),
                skills: String::new(),
                experience_years: 0,
                education_level: None,
                preferred_regions: regions,
                salary_min,
                available_from: None,
                searchable,
                consent: None,
            };
            candidates::create_candidate(&state, &caller, input).await
        }
        Some(view) => {
            let passport = f.passport_number.trim();
            let patch = CandidatePatch {
                first_name: Some(f.first_name.clone()),
                last_name: Some(f.last_name.clone()),
                date_of_birth: Some(date_of_birth),
                gender: Some(f.gender.trim().to_owned()),
                citizenship: Some(f.citizenship.trim().to_owned()),
                // Only a changed number is sent (each change counts against a limit).
                passport_number: (passport != view.passport_number).then(|| passport.to_owned()),
                passport_expiry: Some(passport_expiry),
                phone: Some(blank_none(&f.phone)),
                languages: Some(languages),
                occupations: Some(f.occupations()),
                preferred_regions: Some(regions),
                salary_min: Some(salary_min),
                searchable: Some(searchable),
                ..CandidatePatch::default()
            };
            candidates::update_candidate(&state, &caller, view.profile.id.into(), patch).await
        }
    };
    match result {
        Ok(_) => Ok(super::super::layout::see_other("/migrant/profile?saved=1")),
        Err(e) if e.code == ErrorCode::Conflict => {
            again(&[FieldError::new("passport_number", "passport_taken")])
        }
        Err(e) => again(&validation(e)?),
    }
}

/// Listed for the catalogue test: the conflict message [`submit`] shows.
pub const CONFLICT_IDS: [&str; 1] = ["web-migrant-error-passport_number-passport_taken"];
