//! Relevance, measured on two collections:
//! - tests/fixtures/relevance.json (150 vacancies in 25 occupations, over 60 queries in Russian,
//!   Latin transliteration, with typos, in English, Kyrgyz, Uzbek, Tajik and with place names),
//!   the one search was tuned on: precision@5 must stay at or above 0.9;
//! - tests/fixtures/relevance_holdout.json (80 vacancies in 20 occupations, 76 queries with the
//!   Kyrgyz, Uzbek and Tajik spellings migrants type: suffixes, apostrophes, old fonts, loanwords,
//!   general words), written before the language work and never tuned on. It measured 0.582
//!   before that work and 0.987 after; its threshold, `HOLDOUT_PRECISION` = 0.9, is the tuned
//!   collection's, well below what it measures, so it catches a regression without becoming a
//!   target (raising it to whatever it measures would be tuning on it).
//!
//! `cargo test --test api precision -- --nocapture` prints both figures per language.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use orgnabor::db::models::vacancy::{self, Vacancy};

use crate::helpers::*;

#[derive(Deserialize)]
struct Fixture {
    vacancies: Vec<FixtureVacancy>,
    queries: Vec<FixtureQuery>,
}

#[derive(Deserialize)]
struct FixtureVacancy {
    key: String,
    title: String,
    occupation: String,
    description: String,
    required_skills: Vec<String>,
    optional_skills: Vec<String>,
    region: String,
    city: String,
    salary_min: i32,
    salary_max: i32,
    housing: bool,
    russian_level_min: Option<String>,
}

#[derive(Deserialize)]
struct FixtureQuery {
    q: String,
    lang: String,
    relevant_occupations: Vec<String>,
    region: Option<String>,
}

const K: usize = 5;
const REQUIRED_PRECISION: f64 = 0.9;
const HOLDOUT_PRECISION: f64 = 0.9;

struct Measured {
    mean: f64,
    misses: Vec<String>,
}

#[tokio::test]
async fn precision_at_5_stays_above_0_9() {
    let tuned = measure("relevance.json", include_str!("../fixtures/relevance.json")).await;
    let holdout = measure(
        "relevance_holdout.json",
        include_str!("../fixtures/relevance_holdout.json"),
    )
    .await;
    println!(
        "precision@{K}: tuned collection {:.3}, held-out collection {:.3}",
        tuned.mean, holdout.mean
    );
    assert!(
        tuned.mean >= REQUIRED_PRECISION,
        "precision@{K} = {:.3} < {REQUIRED_PRECISION}; misses:\n{}",
        tuned.mean,
        tuned.misses.join("\n")
    );
    assert!(
        holdout.mean >= HOLDOUT_PRECISION,
        "held-out precision@{K} = {:.3} < {HOLDOUT_PRECISION}; misses:\n{}",
        holdout.mean,
        holdout.misses.join("\n")
    );
}

async fn measure(name: &str, json: &str) -> Measured {
    let fixture: Fixture = serde_json::from_str(json).unwrap();
    assert!(fixture.queries.len() >= 60, "{name}");
    let app = spawn_app().await;
    let now = Utc::now();
    let today = now.date_naive();
    let mut by_id: HashMap<Uuid, &FixtureVacancy> = HashMap::new();
    for (n, v) in fixture.vacancies.iter().enumerate() {
        // One employer each, so diversification does not bend the measurement.
        let employer_id = app.bare_employer(n as u64, &v.region);
        let row = vacancy::insert(
            &mut app.conn(),
            &Vacancy {
                id: Uuid::now_v7(),
                employer_id,
                title: v.title.clone(),
                occupation_code: v.occupation.clone(),
                description: v.description.clone(),
                required_skills: v.required_skills.clone(),
                optional_skills: v.optional_skills.clone(),
                region_code: v.region.clone(),
                city: v.city.clone(),
                positions: 3,
                positions_filled: 0,
                salary_min: v.salary_min,
                salary_max: v.salary_max,
                housing: v.housing,
                meals: false,
                transport: false,
                hours_per_week: 40,
                contract_months: 12,
                russian_level_min: v.russian_level_min.clone(),
                start_date: today + chrono::Duration::days(20),
                expires_on: today + chrono::Duration::days(60),
                open_to_foreign: true,
                status: "published".into(),
                published_at: Some(now),
                version: 1,
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap();
        by_id.insert(row.id, v);
    }
    app.search.rebuild(&mut app.conn()).unwrap();

    let mut per_lang: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut misses = Vec::new();
    for query in &fixture.queries {
        let relevant = |v: &FixtureVacancy| {
            query.relevant_occupations.contains(&v.occupation)
                && query.region.as_ref().is_none_or(|r| r == &v.region)
        };
        let relevant_count = fixture.vacancies.iter().filter(|v| relevant(v)).count();
        assert!(relevant_count > 0, "{}", query.q);
        let url = format!(
            "/api/v1/vacancies/search?limit={K}&q={}",
            urlencode(&query.q)
        );
        let body = json_body(app.get(&url, None).await).await;
        let top: Vec<&FixtureVacancy> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| {
                by_id
                    .get(&Uuid::parse_str(i["vacancy"]["id"].as_str().unwrap()).unwrap())
                    .copied()
            })
            .collect();
        let hits = top.iter().filter(|v| relevant(v)).count();
        let precision = hits as f64 / K.min(relevant_count) as f64;
        if precision < 1.0 {
            misses.push(format!(
                "{:.2} [{}] {:?} → {:?}",
                precision,
                query.lang,
                query.q,
                top.iter().map(|v| v.key.as_str()).collect::<Vec<_>>()
            ));
        }
        per_lang
            .entry(query.lang.clone())
            .or_default()
            .push(precision);
    }
    let all: Vec<f64> = per_lang.values().flatten().copied().collect();
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    println!(
        "{name}: precision@{K} over {} queries: {mean:.3}",
        all.len()
    );
    for (lang, values) in &per_lang {
        println!(
            "  {lang:<9} {:.3} ({} queries)",
            values.iter().sum::<f64>() / values.len() as f64,
            values.len()
        );
    }
    for m in &misses {
        println!("  miss {m}");
    }
    Measured { mean, misses }
}
