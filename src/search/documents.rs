//! Postgres rows → index documents. Only what matching needs: never a name, passport or contact.

use std::collections::HashSet;

use chrono::Utc;
use tantivy::schema::Facet;
use tantivy::TantivyDocument;
use uuid::Uuid;

use crate::db::models::candidate::CandidateProfile;
use crate::db::models::vacancy::Vacancy;
use crate::domain::vacancy::VacancyStatus;
use crate::search::schema::{cefr_rank, day_number, salary_band, Fields};
use crate::search::taxonomy::Taxonomy;

pub const VACANCY: &str = "vacancy";
pub const CANDIDATE: &str = "candidate";

/// Published vacancies are indexed; expiry and positions are filtered at query time.
pub fn indexable_vacancy(v: &Vacancy) -> bool {
    v.status() == VacancyStatus::Published
}

/// Searchable profiles whose person consented: their own account, or a recorded consent.
pub fn indexable_candidate(p: &CandidateProfile, consented: &HashSet<Uuid>) -> bool {
    p.searchable && (p.user_id.is_some() || consented.contains(&p.id))
}

fn occupation_text(codes: &[String]) -> String {
    let tax = Taxonomy::global();
    codes
        .iter()
        .filter_map(|c| tax.occupation(c))
        .flat_map(|o| o.labels.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn vacancy_doc(f: &Fields, v: &Vacancy) -> TantivyDocument {
    let tax = Taxonomy::global();
    let mut doc = TantivyDocument::default();
    let skills = [v.required_skills.join(" "), v.optional_skills.join(" ")].join(" ");
    let text = format!(
        "{} {} {} {} {}",
        v.description,
        occupation_text(std::slice::from_ref(&v.occupation_code)),
        v.city,
        tax.place_text(&v.region_code),
        v.region_code
    );
    doc.add_text(f.id, v.id.to_string());
    doc.add_text(f.kind, VACANCY);
    doc.add_u64(f.version, v.version.max(0) as u64);
    doc.add_text(f.title, &v.title);
    doc.add_text(f.title_translit, &v.title);
    doc.add_text(f.text, &text);
    doc.add_text(f.translit, &text);
    doc.add_text(f.skills, &skills);
    doc.add_text(f.skills_translit, &skills);
    doc.add_text(f.occupation, &v.occupation_code);
    doc.add_text(f.occupation_minor, v.occupation_code.get(..3).unwrap_or(""));
    doc.add_text(f.region, &v.region_code);
    doc.add_text(f.employer, v.employer_id.to_string());
    doc.add_facet(
        f.facets,
        Facet::from_path(["region", v.region_code.as_str()]),
    );
    let sector = tax
        .occupation(&v.occupation_code)
        .map(|o| o.sector.as_str())
        .unwrap_or("other");
    doc.add_facet(f.facets, Facet::from_path(["sector", sector]));
    doc.add_facet(
        f.facets,
        Facet::from_path(["salary", salary_band(v.salary_max)]),
    );
    doc.add_u64(f.salary_min, v.salary_min.max(0) as u64);
    doc.add_u64(f.salary_max, v.salary_max.max(0) as u64);
    doc.add_u64(f.housing, u64::from(v.housing));
    doc.add_u64(f.russian_level, cefr_rank(v.russian_level_min.as_deref()));
    doc.add_i64(f.start_day, day_number(v.start_date));
    doc.add_i64(f.expires_day, day_number(v.expires_on));
    doc.add_u64(f.positions, v.positions_left() as u64);
    doc.add_u64(f.experience, 0);
    doc.add_i64(
        f.recency,
        day_number(v.published_at.unwrap_or(v.updated_at).date_naive()),
    );
    doc.add_u64(f.ready, 0);
    doc
}

pub fn candidate_doc(f: &Fields, p: &CandidateProfile) -> TantivyDocument {
    let tax = Taxonomy::global();
    let mut doc = TantivyDocument::default();
    let places: Vec<&str> = p
        .preferred_regions
        .iter()
        .map(|r| tax.place_text(r))
        .collect();
    let titles = occupation_text(&p.occupations);
    let text = format!("{} {} {}", titles, p.skills, places.join(" "));
    doc.add_text(f.id, p.id.to_string());
    doc.add_text(f.kind, CANDIDATE);
    doc.add_u64(f.version, p.version.max(0) as u64);
    doc.add_text(f.title, &titles);
    doc.add_text(f.title_translit, &titles);
    doc.add_text(f.text, &text);
    doc.add_text(f.translit, &text);
    doc.add_text(f.skills, &p.skills);
    doc.add_text(f.skills_translit, &p.skills);
    for code in &p.occupations {
        doc.add_text(f.occupation, code);
        doc.add_text(f.occupation_minor, code.get(..3).unwrap_or(""));
    }
    for region in &p.preferred_regions {
        doc.add_text(f.region, region);
    }
    doc.add_u64(f.salary_min, p.salary_min.unwrap_or(0).max(0) as u64);
    doc.add_u64(f.salary_max, 0);
    doc.add_u64(f.housing, 0);
    doc.add_u64(f.russian_level, cefr_rank(p.russian_level.as_deref()));
    let available = p.available_from.unwrap_or_else(|| Utc::now().date_naive());
    doc.add_i64(f.start_day, day_number(available));
    doc.add_i64(f.expires_day, i64::MAX);
    doc.add_u64(f.positions, 1);
    doc.add_u64(f.experience, p.experience_years.max(0) as u64);
    doc.add_i64(f.recency, day_number(p.updated_at.date_naive()));
    // Pre-departure readiness is recorded by centres in a later stage; until then nobody is ready.
    doc.add_u64(f.ready, 0);
    doc
}
