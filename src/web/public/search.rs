//! `GET /search`: the results of one search box, with a region, a minimum salary and housing to
//! narrow them, the counts per region, and pages of twenty. Ranked by `services::search`, the
//! same function the API's vacancy search calls.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;

use crate::db::models::reference::Region;
use crate::error::{ErrorCode, FieldError};
use crate::search::query::VacancySearch;
use crate::search::schema::day_number;
use crate::services::reference;
use crate::services::search::{self as search_service, MAX_OFFSET};
use crate::state::AppState;
use crate::web::layout::{form_errors, render, FormError, Page, WebError};
use crate::web::public::{occupation_name, region_name, roubles};
use crate::web::session::Visitor;

/// Results per page.
pub const PER_PAGE: usize = 20;
/// Regions listed beside the results (the most frequent first).
const REGION_FACETS: usize = 12;

/// What the search form sent, as typed.
#[derive(Debug, Default, Clone)]
pub struct SearchForm {
    pub q: String,
    pub region: String,
    pub salary_min: String,
    pub housing: bool,
    pub page: usize,
}

impl SearchForm {
    /// The first value of each field; anything else in the query string is ignored.
    pub fn parse(query: &str) -> SearchForm {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let first = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
        SearchForm {
            q: first("q"),
            region: first("region"),
            salary_min: first("salary_min"),
            housing: matches!(first("housing").as_str(), "1" | "true" | "on" | "yes"),
            page: first("page")
                .parse::<usize>()
                .ok()
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// This search's link with `page` (and `region`, when given, in place of the form's).
    pub fn href(&self, page: usize, region: Option<&str>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        let region = region.unwrap_or(&self.region);
        if !region.is_empty() {
            pairs.push(("region", region.to_owned()));
        }
        if !self.salary_min.is_empty() {
            pairs.push(("salary_min", self.salary_min.clone()));
        }
        if self.housing {
            pairs.push(("housing", "1".into()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/search".into()
        } else {
            format!("/search?{query}")
        }
    }

    /// The minimum salary, if one was typed: digits, spaces between thousands allowed.
    fn salary(&self) -> Result<Option<u64>, FieldError> {
        let digits: String = self
            .salary_min
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        match digits.parse::<u64>() {
            Ok(n) if n <= 10_000_000 => Ok(Some(n)),
            Ok(_) => Err(FieldError::new("salary_min", "out_of_range")
                .with("min", 0)
                .with("max", 10_000_000)),
            Err(_) => Err(FieldError::new("salary_min", "invalid_number")),
        }
    }
}

/// One result as the list shows it.
pub struct ResultView {
    pub href: String,
    pub title: String,
    pub place: String,
    pub salary: String,
    pub housing: bool,
    pub start: String,
}

/// A region to narrow to, with how many results it holds.
pub struct RegionFacet {
    pub name: String,
    pub count: u64,
    pub href: String,
    pub current: bool,
}

pub struct RegionOption {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "public/search.html")]
struct SearchPage {
    page: Page,
    form: SearchForm,
    regions: Vec<RegionOption>,
    errors: Vec<FormError>,
    searched: bool,
    total_text: String,
    understood: Option<String>,
    results: Vec<ResultView>,
    facets: Vec<RegionFacet>,
    previous: Option<String>,
    next: Option<String>,
    page_text: String,
}

impl SearchPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

fn find<'a>(regions: &'a [Region], code: &str) -> Option<&'a Region> {
    regions.iter().find(|r| r.code == code)
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let form = SearchForm::parse(req.query_string());
    let mut page = Page::new(&req, "web-search-title");
    let locale = page.locale;
    let mut all_regions = reference::regions(&state, Some("RU".into())).await?;
    all_regions.sort_by_key(|r| region_name(r, locale));
    let mut fields: Vec<FieldError> = Vec::new();
    let salary = form.salary().unwrap_or_else(|e| {
        fields.push(e);
        None
    });
    let (q, region) = (
        Some(form.q.clone()).filter(|s| !s.is_empty()),
        Some(form.region.clone()).filter(|s| !s.is_empty()),
    );
    if let Err(e) = search_service::check_params(
        q.as_deref(),
        region.as_deref(),
        None,
        ("russian_level_max", None),
    ) {
        if e.code != ErrorCode::ValidationFailed {
            return Err(e.into());
        }
        fields.extend(e.fields);
    }
    let offset = (form.page - 1) * PER_PAGE;
    let mut errors = form_errors(locale, &fields);
    if offset > MAX_OFFSET {
        errors.push(FormError {
            field: "q".into(),
            message: page.t("web-search-too-deep"),
        });
    }
    page.has_errors = !errors.is_empty();
    let mut view = SearchPage {
        regions: all_regions
            .iter()
            .map(|r| RegionOption {
                code: r.code.clone(),
                name: region_name(r, locale),
                selected: r.code == form.region,
            })
            .collect(),
        errors,
        searched: false,
        total_text: String::new(),
        understood: None,
        results: Vec::new(),
        facets: Vec::new(),
        previous: None,
        next: None,
        page_text: String::new(),
        form: form.clone(),
        page,
    };
    if view.page.has_errors {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &view);
    }
    let search = VacancySearch {
        quota: None,
        q,
        region,
        occupation: None,
        salary_min: salary,
        housing: form.housing.then_some(true),
        russian_level_max: None,
        today: day_number(Utc::now().date_naive()),
        offset,
        limit: PER_PAGE,
    };
    let citizenship = match Visitor::of(&req).user.as_ref() {
        Some(u) => search_service::searcher_citizenship(&state, &u.auth.caller()).await?,
        None => None,
    };
    let results = search_service::search_vacancies(&state, search, citizenship).await?;
    let page = &view.page;
    view.searched = true;
    view.total_text = page.t1("web-search-total", "count", results.total as i64);
    view.understood = results.recognised.first().map(|o| {
        page.t1(
            "web-search-understood",
            "occupation",
            occupation_name(&o.name_ru, &o.name_en, locale),
        )
    });
    view.results = results
        .items
        .iter()
        .map(|item| {
            let v = &item.vacancy;
            let region = find(&all_regions, &v.region_code)
                .map(|r| region_name(r, locale))
                .unwrap_or_else(|| v.region_code.clone());
            ResultView {
                href: format!("/vacancies/{}", v.id),
                title: v.title.clone(),
                place: if v.city.is_empty() || v.city == region {
                    region
                } else {
                    format!("{}, {region}", v.city)
                },
                salary: salary_text(page, v.salary_min, v.salary_max),
                housing: v.housing,
                start: v.start_date.format("%d.%m.%Y").to_string(),
            }
        })
        .collect();
    view.facets = results
        .facets
        .region
        .iter()
        .take(REGION_FACETS)
        .filter_map(|f| {
            let r = find(&all_regions, &f.value)?;
            Some(RegionFacet {
                name: region_name(r, locale),
                count: f.count,
                href: form.href(1, Some(&f.value)),
                current: f.value == form.region,
            })
        })
        .collect();
    let pages = results.total.div_ceil(PER_PAGE).max(1);
    if form.page > 1 {
        view.previous = Some(form.href(form.page - 1, None));
    }
    if results.next_offset.is_some() && form.page * PER_PAGE <= MAX_OFFSET {
        view.next = Some(form.href(form.page + 1, None));
    }
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("page", form.page as i64);
    args.set("pages", pages as i64);
    view.page_text = crate::render::l10n::text(locale, "web-search-page-of", Some(&args));
    render(StatusCode::OK, &view)
}

/// "60 000 – 80 000 ₽ a month", or one figure when both are the same.
pub fn salary_text(page: &Page, min: i32, max: i32) -> String {
    let amount = if min == max {
        roubles(min)
    } else {
        format!("{} – {}", roubles(min), roubles(max))
    };
    page.t1("web-salary-per-month", "amount", amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_first_values_and_builds_its_links() {
        let f = SearchForm::parse("q=svarshik&region=RU-MOW&q=other&housing=on&page=3&lang=ky");
        assert_eq!(
            (f.q.as_str(), f.region.as_str(), f.housing, f.page),
            ("svarshik", "RU-MOW", true, 3)
        );
        assert_eq!(
            f.href(4, None),
            "/search?q=svarshik&region=RU-MOW&housing=1&page=4"
        );
        assert_eq!(
            f.href(1, Some("RU-SPE")),
            "/search?q=svarshik&region=RU-SPE&housing=1"
        );
        let bad = SearchForm::parse("page=0&page=x");
        assert_eq!(bad.page, 1);
        assert_eq!(SearchForm::parse("%zz=&&=").q, "");
    }

    #[test]
    fn a_salary_is_digits_with_spaces_allowed() {
        let with = |s: &str| SearchForm {
            salary_min: s.into(),
            ..Default::default()
        };
        assert!(matches!(with("").salary(), Ok(None)));
        assert!(matches!(with("60 000").salary(), Ok(Some(60_000))));
        assert!(matches!(with("60\u{202f}000").salary(), Ok(Some(60_000))));
        assert_eq!(with("сорок").salary().unwrap_err().code, "invalid_number");
        assert_eq!(
            with("99999999999").salary().unwrap_err().code,
            "out_of_range"
        );
    }
}
