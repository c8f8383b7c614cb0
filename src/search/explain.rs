//! Why an item is in the results: the query words it contains, the skills it shares, the
//! occupation it was recognised as (or widened to), its region and Russian level. Built from the
//! same analyzers the index uses, so an explanation never claims a match the index did not make.

use std::collections::HashSet;

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::candidate::CandidateProfile;
use crate::db::models::vacancy::Vacancy;
use crate::search::analyzers::{
    query_words, text_term, text_terms, translit_readings, translit_terms,
};
use crate::search::query::{Broadened, Hit};
use crate::search::taxonomy::{allowed_edits, OccupationMatch, Taxonomy};

/// An occupation by its code and names.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OccupationRef {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OccupationExplanation {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    /// `exact`, `same_minor_group`, `recognised_in_query`, `filter`, or — when the recognised
    /// occupation had too few results for a page — `broadened_minor_group` (same ISCO-08 minor
    /// group, 3 digits) or `broadened_sub_major_group` (2 digits).
    pub r#match: String,
    /// The job title the query was recognised as.
    pub via: Option<String>,
    /// For a broadened match: the recognised occupation the query was widened from.
    pub broadened_from: Option<OccupationRef>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionExplanation {
    pub code: String,
    pub name: String,
    /// The caller asked for this region, or it is among the candidate's preferences.
    pub matched: bool,
}

/// Why an item is in the results.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Explanation {
    /// Query words found in the item (stemmed, transliterated or within a typo).
    pub matched_terms: Vec<String>,
    pub matched_skills: Vec<String>,
    pub occupation: Option<OccupationExplanation>,
    pub region: Option<RegionExplanation>,
    /// Russian level compared with what is required, e.g. `B1 ≥ A2`.
    pub russian_level: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecognisedOccupation {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    pub confidence: f32,
    pub matched: String,
}

fn occupation_ref(code: &str) -> OccupationRef {
    let occ = Taxonomy::global().occupation(code);
    OccupationRef {
        code: code.to_owned(),
        name_ru: occ.map(|o| o.name_ru.clone()).unwrap_or_default(),
        name_en: occ.map(|o| o.name_en.clone()).unwrap_or_default(),
    }
}

pub fn recognised(m: &OccupationMatch) -> RecognisedOccupation {
    let occ = occupation_ref(&m.code);
    RecognisedOccupation {
        code: occ.code,
        name_ru: occ.name_ru,
        name_en: occ.name_en,
        confidence: (m.confidence * 100.0).round() / 100.0,
        matched: m.matched.clone(),
    }
}

pub fn region_name(code: &str) -> String {
    Taxonomy::global()
        .place_text(code)
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn occupation_explanation(code: &str, kind: &str, via: Option<String>) -> OccupationExplanation {
    let occ = occupation_ref(code);
    OccupationExplanation {
        code: occ.code,
        name_ru: occ.name_ru,
        name_en: occ.name_en,
        r#match: kind.to_owned(),
        via,
        broadened_from: None,
    }
}

/// `code` found by widening the query from `b.from`.
fn broadened_explanation(
    code: &str,
    b: &Broadened,
    occupations: &[OccupationMatch],
) -> OccupationExplanation {
    let via = occupations
        .iter()
        .find(|m| m.code == b.from)
        .map(|m| m.matched.clone());
    OccupationExplanation {
        broadened_from: Some(occupation_ref(&b.from)),
        ..occupation_explanation(code, b.level.as_str(), via)
    }
}

/// Whether a query word appears in a text, the way the index would match it.
fn word_matches(word: &str, text_set: &HashSet<String>, translit_set: &HashSet<String>) -> bool {
    if text_set.contains(&text_term(word)) {
        return true;
    }
    let readings = translit_readings(word);
    let Some(s) = readings.first() else {
        return false;
    };
    if readings.iter().any(|r| translit_set.contains(r)) {
        return true;
    }
    let edits = allowed_edits(s.chars().count());
    edits > 0
        && translit_set
            .iter()
            .any(|t| t.len().abs_diff(s.len()) <= edits && strsim::osa_distance(t, s) <= edits)
}

/// A text's terms in both views.
pub struct TermSets {
    text: HashSet<String>,
    translit: HashSet<String>,
}

impl TermSets {
    pub fn of(text: &str) -> Self {
        Self {
            text: text_terms(text).into_iter().collect(),
            translit: translit_terms(text).into_iter().collect(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        word_matches(word, &self.text, &self.translit)
    }
}

/// Skills (phrases) any of whose words the other side mentions.
pub fn matched_skills(skills: &[String], other: &TermSets) -> Vec<String> {
    skills
        .iter()
        .filter(|skill| {
            query_words(skill)
                .iter()
                .filter(|w| w.chars().count() > 3)
                .any(|w| other.contains(w))
        })
        .cloned()
        .collect()
}

fn russian_levels(has: Option<&str>, needs: Option<&str>) -> String {
    format!("{} ≥ {}", has.unwrap_or("—"), needs.unwrap_or("—"))
}

/// A vacancy found by a search: query words, skills, the occupation it was recognised as.
pub fn search_vacancy(
    v: &Vacancy,
    hit: &Hit,
    q: Option<&str>,
    occupations: &[OccupationMatch],
    region_filter: Option<&str>,
) -> Explanation {
    let mut e = Explanation::default();
    if let Some(q) = q {
        let doc_text = format!(
            "{} {} {} {} {} {}",
            v.title,
            v.description,
            v.required_skills.join(" "),
            v.optional_skills.join(" "),
            v.city,
            Taxonomy::global().place_text(&v.region_code)
        );
        let sets = TermSets::of(&doc_text);
        e.matched_terms = query_words(q)
            .into_iter()
            .filter(|w| sets.contains(w))
            .collect();
        e.matched_skills = matched_skills(
            &[v.required_skills.clone(), v.optional_skills.clone()].concat(),
            &TermSets::of(q),
        );
        if let Some(b) = &hit.broadened {
            e.occupation = Some(broadened_explanation(&v.occupation_code, b, occupations));
        } else if let Some(m) = occupations.iter().find(|m| m.code == v.occupation_code) {
            e.occupation = Some(occupation_explanation(
                &v.occupation_code,
                "recognised_in_query",
                Some(m.matched.clone()),
            ));
        }
    }
    if e.occupation.is_none() {
        e.occupation = Some(occupation_explanation(&v.occupation_code, "filter", None));
    }
    let place = TermSets {
        text: HashSet::new(),
        translit: translit_terms(Taxonomy::global().place_text(&v.region_code))
            .into_iter()
            .collect(),
    };
    e.region = Some(RegionExplanation {
        code: v.region_code.clone(),
        name: region_name(&v.region_code),
        matched: region_filter == Some(v.region_code.as_str())
            || e.matched_terms.iter().any(|t| place.contains(t)),
    });
    e
}

/// A candidate found by a search.
pub fn search_candidate(
    p: &CandidateProfile,
    hit: &Hit,
    q: Option<&str>,
    occupations: &[OccupationMatch],
    region: Option<&str>,
) -> Explanation {
    let mut e = Explanation::default();
    if let Some(q) = q {
        let tax = Taxonomy::global();
        let titles: Vec<String> = p
            .occupations
            .iter()
            .filter_map(|c| tax.occupation(c))
            .flat_map(|o| o.labels.clone())
            .collect();
        let sets = TermSets::of(&format!("{} {}", p.skills, titles.join(" ")));
        e.matched_terms = query_words(q)
            .into_iter()
            .filter(|w| sets.contains(w))
            .collect();
        if let Some(b) = &hit.broadened {
            let digits = b.level.digits();
            let code = p
                .occupations
                .iter()
                .find(|c| c.get(..digits) == b.from.get(..digits))
                .cloned()
                .unwrap_or_default();
            e.occupation = Some(broadened_explanation(&code, b, occupations));
        } else if let Some(m) = occupations.iter().find(|m| p.occupations.contains(&m.code)) {
            e.occupation = Some(occupation_explanation(
                &m.code,
                "recognised_in_query",
                Some(m.matched.clone()),
            ));
        }
    }
    if let Some(r) = region {
        e.region = Some(RegionExplanation {
            code: r.to_owned(),
            name: region_name(r),
            matched: p.preferred_regions.iter().any(|x| x == r || x == "any"),
        });
    }
    e.russian_level = p.russian_level.clone();
    e
}

/// `exact` when the other side has the occupation itself, else `same_minor_group`.
fn match_kind(exact: bool) -> &'static str {
    if exact {
        "exact"
    } else {
        "same_minor_group"
    }
}

/// A candidate matched to a vacancy.
pub fn candidate_for_vacancy(p: &CandidateProfile, v: &Vacancy) -> Explanation {
    let sets = TermSets::of(&p.skills);
    let exact = p.occupations.contains(&v.occupation_code);
    let code = if exact {
        v.occupation_code.clone()
    } else {
        p.occupations
            .iter()
            .find(|c| c.get(..3) == v.occupation_code.get(..3))
            .cloned()
            .unwrap_or_default()
    };
    let mut notes = vec![format!("{} years of experience", p.experience_years)];
    if let Some(from) = p.available_from {
        notes.push(format!("available from {from}"));
    }
    Explanation {
        matched_terms: Vec::new(),
        matched_skills: [
            matched_skills(&v.required_skills, &sets),
            matched_skills(&v.optional_skills, &sets),
        ]
        .concat(),
        occupation: Some(occupation_explanation(&code, match_kind(exact), None)),
        region: Some(RegionExplanation {
            code: v.region_code.clone(),
            name: region_name(&v.region_code),
            matched: true,
        }),
        russian_level: Some(russian_levels(
            p.russian_level.as_deref(),
            v.russian_level_min.as_deref(),
        )),
        notes,
    }
}

/// A vacancy matched to a candidate; `skills` are the candidate's.
pub fn vacancy_for_candidate(v: &Vacancy, p: &CandidateProfile, skills: &TermSets) -> Explanation {
    let exact = p.occupations.contains(&v.occupation_code);
    let mut notes = vec![format!("salary {}–{} RUB", v.salary_min, v.salary_max)];
    if v.housing {
        notes.push("housing provided".into());
    }
    Explanation {
        matched_terms: Vec::new(),
        matched_skills: matched_skills(
            &[v.required_skills.clone(), v.optional_skills.clone()].concat(),
            skills,
        ),
        occupation: Some(occupation_explanation(
            &v.occupation_code,
            match_kind(exact),
            None,
        )),
        region: Some(RegionExplanation {
            code: v.region_code.clone(),
            name: region_name(&v.region_code),
            matched: p
                .preferred_regions
                .iter()
                .any(|r| r == &v.region_code || r == "any"),
        }),
        russian_level: Some(russian_levels(
            p.russian_level.as_deref(),
            v.russian_level_min.as_deref(),
        )),
        notes,
    }
}
