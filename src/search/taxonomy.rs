//! The occupation taxonomy (`index/taxonomy/occupations.toml`): ISCO-08 codes with job titles in
//! ru, en, ky, uz, tg. Queries are expanded through it (`welder` → 7212 → `сварщик` vacancies),
//! and free-text titles are normalised to ranked codes.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::search::analyzers::{query_words, translit_term};

const TAXONOMY: &str = include_str!("../../index/taxonomy/occupations.toml");
const REFERENCE: &str = include_str!("../../index/reference/occupations.csv");
const RU_REGIONS: &str = include_str!("../../index/reference/ru_regions.csv");

/// Nicknames and other spellings of places that people search by.
const PLACE_ALIASES: &[(&str, &str)] = &[
    ("RU-MOW", "мск moscow moskva"),
    ("RU-MOS", "подмосковье moscow region podmoskovye"),
    (
        "RU-SPE",
        "питер спб петербург saint petersburg st petersburg piter spb",
    ),
    ("RU-LEN", "ленобласть"),
    ("RU-SVE", "екб урал ekb yekaterinburg"),
    ("RU-TA", "kazan tatarstan"),
    ("RU-KDA", "кубань kuban"),
    ("RU-KHM", "хмао югра hmao"),
    ("RU-YAN", "янао ямал yamal"),
    ("RU-NIZ", "нижний nizhny"),
];

#[derive(Deserialize)]
struct TaxonomyFile {
    occupation: Vec<TaxonomyEntry>,
}

#[derive(Deserialize)]
struct TaxonomyEntry {
    code: String,
    #[serde(default)]
    ru: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    ky: Vec<String>,
    #[serde(default)]
    uz: Vec<String>,
    #[serde(default)]
    tg: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub code: String,
    pub name_en: String,
    pub name_ru: String,
    pub sector: String,
    /// Every title in every language, for the index text.
    pub labels: Vec<String>,
}

struct Phrase {
    code: usize,
    terms: Vec<String>,
    label: String,
}

pub struct Taxonomy {
    occupations: Vec<Occupation>,
    by_code: HashMap<String, usize>,
    phrases: Vec<Phrase>,
    /// Skeleton term → phrases containing it.
    postings: HashMap<String, Vec<usize>>,
    places: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OccupationMatch {
    pub code: String,
    /// 0–1: how exactly the title matched × how much of the query it explains.
    pub confidence: f32,
    /// 0–1: how exactly the title's words matched (1 = no typo), whatever else the query says.
    pub exactness: f32,
    /// The title that matched.
    pub matched: String,
    /// Number of words of that title (longer titles are more specific).
    pub length: usize,
}

/// Damerau (optimal string alignment) distance: a swapped pair of letters is one edit.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Edits tolerated in a word of this length: none for short words, one, then two.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

impl Taxonomy {
    fn load() -> anyhow::Result<Self> {
        let mut occupations = Vec::new();
        let mut by_code = HashMap::new();
        let mut reader = csv::Reader::from_reader(REFERENCE.as_bytes());
        for row in reader.records() {
            let row = row?;
            let code = row.get(0).unwrap_or_default().to_owned();
            by_code.insert(code.clone(), occupations.len());
            occupations.push(Occupation {
                code,
                name_en: row.get(1).unwrap_or_default().to_owned(),
                name_ru: row.get(2).unwrap_or_default().to_owned(),
                sector: row.get(4).unwrap_or_default().to_owned(),
                labels: [row.get(1), row.get(2), row.get(3)]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            });
        }
        let file: TaxonomyFile = toml::from_str(TAXONOMY)?;
        for entry in file.occupation {
            if let Some(&i) = by_code.get(&entry.code) {
                let labels = &mut occupations[i].labels;
                for l in entry
                    .ru
                    .into_iter()
                    .chain(entry.en)
                    .chain(entry.ky)
                    .chain(entry.uz)
                    .chain(entry.tg)
                {
                    if !labels.iter().any(|x| x.eq_ignore_ascii_case(&l)) {
                        labels.push(l);
                    }
                }
            }
        }
        let mut phrases = Vec::new();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, occ) in occupations.iter().enumerate() {
            let mut seen = HashSet::new();
            for label in &occ.labels {
                let terms: Vec<String> = query_words(label)
                    .iter()
                    .map(|w| translit_term(w))
                    .filter(|t| !t.is_empty())
                    .collect();
                if terms.is_empty() || !seen.insert(terms.clone()) {
                    continue;
                }
                for t in terms.iter().collect::<HashSet<_>>() {
                    postings.entry(t.clone()).or_default().push(phrases.len());
                }
                phrases.push(Phrase {
                    code: i,
                    terms,
                    label: label.clone(),
                });
            }
        }
        let mut places = HashMap::new();
        let mut reader = csv::Reader::from_reader(RU_REGIONS.as_bytes());
        for row in reader.records() {
            let row = row?;
            let code = row.get(0).unwrap_or_default();
            let alias = PLACE_ALIASES
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, a)| *a)
                .unwrap_or("");
            places.insert(
                code.to_owned(),
                format!(
                    "{} {} {alias}",
                    row.get(1).unwrap_or_default(),
                    row.get(2).unwrap_or_default()
                ),
            );
        }
        Ok(Self {
            occupations,
            by_code,
            phrases,
            postings,
            places,
        })
    }

    pub fn global() -> &'static Taxonomy {
        static GLOBAL: LazyLock<Taxonomy> = LazyLock::new(|| {
            Taxonomy::load().unwrap_or_else(|e| {
                tracing::error!(error = %e, "occupation taxonomy does not load");
                Taxonomy {
                    occupations: Vec::new(),
                    by_code: HashMap::new(),
                    phrases: Vec::new(),
                    postings: HashMap::new(),
                    places: HashMap::new(),
                }
            })
        });
        &GLOBAL
    }

    /// Whether this skeleton term is a word of some job title (so not a misspelling).
    pub fn is_known_term(&self, term: &str) -> bool {
        self.postings.contains_key(term)
    }

    pub fn occupation(&self, code: &str) -> Option<&Occupation> {
        self.by_code.get(code).map(|&i| &self.occupations[i])
    }

    pub fn len(&self) -> usize {
        self.occupations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.occupations.is_empty()
    }

    /// Names of a region in Russian, English and its nicknames, for the index text.
    pub fn place_text(&self, region: &str) -> &str {
        self.places.get(region).map(String::as_str).unwrap_or("")
    }

    /// Every title whose words all occur in the query (a word may be misspelt), best first.
    /// `confidence` = how exactly it matched × how much of the query it explains.
    pub fn matches(&self, query: &str) -> Vec<OccupationMatch> {
        let terms: Vec<String> = {
            let mut seen = HashSet::new();
            query_words(query)
                .iter()
                .map(|w| translit_term(w))
                .filter(|t| !t.is_empty() && seen.insert(t.clone()))
                .collect()
        };
        if terms.is_empty() {
            return Vec::new();
        }
        // Each query term → the vocabulary terms it stands for, with a quality.
        let mut expanded: Vec<Vec<(&str, f32)>> = Vec::with_capacity(terms.len());
        for t in &terms {
            let mut hits: Vec<(&str, f32)> = Vec::new();
            if let Some((k, _)) = self.postings.get_key_value(t.as_str()) {
                hits.push((k.as_str(), 1.0));
            } else {
                let max = allowed_edits(t.chars().count());
                if max > 0 {
                    let first = t.chars().next();
                    for k in self.postings.keys() {
                        if k.chars().next() == first && k.len().abs_diff(t.len()) <= max {
                            let d = distance(t, k);
                            if d <= max {
                                hits.push((k.as_str(), 1.0 - 0.15 * d as f32));
                            }
                        }
                    }
                }
            }
            expanded.push(hits);
        }
        let mut best: HashMap<usize, OccupationMatch> = HashMap::new();
        let candidate_phrases: HashSet<usize> = expanded
            .iter()
            .flatten()
            .filter_map(|(k, _)| self.postings.get(*k))
            .flatten()
            .copied()
            .collect();
        for p in candidate_phrases {
            let phrase = &self.phrases[p];
            let mut quality = 0.0;
            let mut used = HashSet::new();
            let mut complete = true;
            for pt in &phrase.terms {
                let hit = expanded.iter().enumerate().find_map(|(qi, hits)| {
                    hits.iter().find(|(k, _)| *k == pt).map(|(_, q)| (qi, *q))
                });
                match hit {
                    Some((qi, q)) => {
                        quality += q;
                        used.insert(qi);
                    }
                    None => {
                        complete = false;
                        break;
                    }
                }
            }
            if !complete {
                continue;
            }
            let exactness = quality / phrase.terms.len() as f32;
            let coverage = used.len() as f32 / terms.len() as f32;
            let confidence = (exactness * (0.5 + 0.5 * coverage)).min(1.0);
            let occ = &self.occupations[phrase.code];
            let candidate = OccupationMatch {
                code: occ.code.clone(),
                confidence,
                exactness,
                matched: phrase.label.clone(),
                length: phrase.terms.len(),
            };
            let better = best.get(&phrase.code).is_none_or(|b| {
                (candidate.length, candidate.confidence) > (b.length, b.confidence)
            });
            if better {
                best.insert(phrase.code, candidate);
            }
        }
        let mut out: Vec<OccupationMatch> = best.into_values().collect();
        // A title explaining more of the query ("водитель погрузчика") outranks one it contains
        // ("водитель") through `coverage`; ties go to the longer title.
        out.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(b.length.cmp(&a.length))
                .then(a.code.cmp(&b.code))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(q: &str) -> String {
        Taxonomy::global()
            .matches(q)
            .first()
            .map(|m| m.code.clone())
            .unwrap_or_default()
    }

    #[test]
    fn titles_in_every_language_reach_their_code() {
        assert_eq!(Taxonomy::global().len(), 190);
        assert_eq!(top("welder"), "7212");
        assert_eq!(top("сварщик"), "7212");
        assert_eq!(top("svarshik"), "7212");
        assert_eq!(top("сваршик"), "7212");
        assert_eq!(top("ширетүүчү"), "7212");
        assert_eq!(top("payvandchi"), "7212");
        assert_eq!(top("повар"), "5120");
        assert_eq!(top("грузчик"), "9333");
        assert_eq!(top("швея"), "7533");
    }
}
