//! The occupation taxonomy (`index/taxonomy/occupations.toml`): ISCO-08 codes with job titles in
//! ru, en, ky, uz, tg. Queries are expanded through it (`welder` → 7212 → `сварщик` vacancies),
//! and free-text titles are normalised to ranked codes.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::search::analyzers::{query_words, translit_readings};

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
    /// Each word's readings (see `translit_readings`), its usual one first.
    terms: Vec<Vec<String>>,
    label: String,
}

pub struct Taxonomy {
    occupations: Vec<Occupation>,
    by_code: HashMap<String, usize>,
    phrases: Vec<Phrase>,
    /// Skeleton term (any reading of a title word) → phrases containing it.
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
                // The CSV's Kyrgyz name is a fallback: the taxonomy file's Kyrgyz titles, where
                // there are any, replace it (it is how a wrong title is corrected).
                labels: [row.get(1), row.get(2), row.get(3)]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            });
        }
        let mut csv_kyrgyz: HashMap<String, String> = HashMap::new();
        let mut reader = csv::Reader::from_reader(REFERENCE.as_bytes());
        for row in reader.records() {
            let row = row?;
            if let (Some(code), Some(ky)) = (row.get(0), row.get(3)) {
                csv_kyrgyz.insert(code.to_owned(), ky.to_owned());
            }
        }
        let file: TaxonomyFile = toml::from_str(TAXONOMY)?;
        for entry in file.occupation {
            if let Some(&i) = by_code.get(&entry.code) {
                let labels = &mut occupations[i].labels;
                if !entry.ky.is_empty() {
                    if let Some(ky) = csv_kyrgyz.get(&entry.code).filter(|k| !k.is_empty()) {
                        labels.retain(|l| l != ky);
                    }
                }
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
                let terms: Vec<Vec<String>> = query_words(label)
                    .iter()
                    .map(|w| translit_readings(w))
                    .filter(|r| !r.is_empty())
                    .collect();
                if terms.is_empty() || !seen.insert(terms.clone()) {
                    continue;
                }
                for t in terms.iter().flatten().collect::<HashSet<_>>() {
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

    /// Every code of an ISCO group: `"71"` → 7111, 7112, ….
    pub fn codes_with_prefix(&self, prefix: &str) -> Vec<&str> {
        self.occupations
            .iter()
            .map(|o| o.code.as_str())
            .filter(|c| c.starts_with(prefix))
            .collect()
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
    ///
    /// A query word is looked up by each of its readings (suffixes stripped, letters with two
    /// readings), the usual one weighing most; only when none of them is a title word is it
    /// taken for a misspelling. A
    /// title reached through a misspelling never stands beside one the same words reach exactly:
    /// `taksichi` is a taxi driver's title, not one edit from a Kyrgyz forester's.
    pub fn matches(&self, query: &str) -> Vec<OccupationMatch> {
        let terms: Vec<Vec<String>> = {
            let mut seen = HashSet::new();
            query_words(query)
                .iter()
                .map(|w| translit_readings(w))
                .filter(|r| r.first().is_some_and(|t| seen.insert(t.clone())))
                .collect()
        };
        if terms.is_empty() {
            return Vec::new();
        }
        // Each query term → the vocabulary terms it stands for, with a quality, and whether
        // it was taken for a misspelling.
        let mut expanded: Vec<(Vec<(&str, f32)>, bool)> = Vec::with_capacity(terms.len());
        for readings in &terms {
            // Every reading that is a title word; the usual one counts fully, the others a
            // little less (so "ashpazcusu" is "ашпозчу" even though "фастфуд ашпозчусу" is a
            // title too).
            let mut hits: Vec<(&str, f32)> = readings
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    self.postings
                        .get_key_value(r.as_str())
                        .map(|(k, _)| (k.as_str(), if i == 0 { 1.0 } else { 0.98 }))
                })
                .collect();
            let fuzzy = hits.is_empty();
            if fuzzy {
                let t = &readings[0];
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
            expanded.push((hits, fuzzy));
        }
        let candidate_phrases: HashSet<usize> = expanded
            .iter()
            .flat_map(|(hits, _)| hits)
            .filter_map(|(k, _)| self.postings.get(*k))
            .flatten()
            .copied()
            .collect();
        // (phrase, match, query terms used, reached through a misspelling)
        let mut found: Vec<(usize, OccupationMatch, HashSet<usize>, bool)> = Vec::new();
        for p in candidate_phrases {
            let phrase = &self.phrases[p];
            let mut quality = 0.0;
            let mut used = HashSet::new();
            let mut fuzzy = false;
            let mut complete = true;
            for readings in &phrase.terms {
                let hit = expanded.iter().enumerate().find_map(|(qi, (hits, f))| {
                    // Through another reading of the title's word, a little less than its own.
                    hits.iter()
                        .filter_map(|(k, q)| {
                            let i = readings.iter().position(|r| r == k)?;
                            Some(if i == 0 { *q } else { q * 0.98 })
                        })
                        .reduce(f32::max)
                        .map(|q| (qi, q, *f))
                });
                match hit {
                    Some((qi, q, f)) => {
                        quality += q;
                        used.insert(qi);
                        fuzzy |= f;
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
            found.push((
                phrase.code,
                OccupationMatch {
                    code: occ.code.clone(),
                    confidence,
                    exactness,
                    matched: phrase.label.clone(),
                    length: phrase.terms.len(),
                },
                used,
                fuzzy,
            ));
        }
        let exact_uses: Vec<HashSet<usize>> = found
            .iter()
            .filter(|(_, _, _, fuzzy)| !fuzzy)
            .map(|(_, _, used, _)| used.clone())
            .collect();
        let mut best: HashMap<usize, OccupationMatch> = HashMap::new();
        for (code, candidate, used, fuzzy) in found {
            if fuzzy && exact_uses.iter().any(|e| used.is_subset(e)) {
                continue;
            }
            let better = best.get(&code).is_none_or(|b| {
                (candidate.length, candidate.confidence) > (b.length, b.confidence)
            });
            if better {
                best.insert(code, candidate);
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

    fn file() -> TaxonomyFile {
        toml::from_str(TAXONOMY).unwrap()
    }

    fn titles<'a>(file: &'a TaxonomyFile, code: &str, lang: &str) -> &'a [String] {
        let e = file.occupation.iter().find(|e| e.code == code).unwrap();
        match lang {
            "ky" => &e.ky,
            "uz" => &e.uz,
            "tg" => &e.tg,
            _ => &e.ru,
        }
    }

    #[test]
    fn the_titles_a_language_review_found_wrong_are_corrected() {
        let f = file();
        let has =
            |code: &str, lang: &str, title: &str| titles(&f, code, lang).iter().any(|t| t == title);
        assert!(has("6121", "tg", "чӯпон") && !has("6121", "tg", "шаббон"));
        assert!(has("8219", "ky", "куроочу") && !has("8219", "ky", "жыйноочу"));
        assert!(has("8332", "ky", "жүк машинасынын айдоочусу"));
        assert!(!has("8332", "ky", "жүк машинанын айдоочусу"));
        // Logging is not firewood: the firewood titles moved to 9624.
        assert!(has("9215", "uz", "daraxt kesuvchi") && !has("9215", "uz", "oʻtinchi"));
        assert!(has("9215", "tg", "дарахтбур") && !has("9215", "tg", "ҳезумшикан"));
        assert!(has("9624", "uz", "oʻtinchi") && has("9624", "tg", "ҳезумшикан"));
        assert!(has("8211", "tg", "чилангар") && !has("8211", "tg", "челонгар"));
        assert_eq!(top("жүк машинасынын айдоочусу"), "8332");
        assert_eq!(top("чӯпон"), "6121");
        assert_eq!(top("дарахтбур"), "9215");
    }

    #[test]
    fn a_loaders_title_is_no_part_of_a_drivers() {
        // "жүк ташуучу" and "боркаш" are the loader (9333); a truck driver's title containing
        // them sent loader searches to truck drivers.
        let tax = Taxonomy::global();
        for phrase in ["жүк ташуучу", "боркаш"] {
            for occ in &tax.occupations {
                if occ.code == "9333" {
                    continue;
                }
                for label in &occ.labels {
                    let words: Vec<String> = query_words(label);
                    let inner: Vec<String> = query_words(phrase);
                    assert!(
                        !words.windows(inner.len()).any(|w| w == inner.as_slice()),
                        "{} has {label:?}",
                        occ.code
                    );
                }
            }
        }
    }

    #[test]
    fn uzbek_titles_are_stored_with_one_apostrophe_sign() {
        for e in file().occupation {
            for t in &e.uz {
                assert!(
                    !t.contains(['\'', '‘', '’', '`', '´', 'ʼ']),
                    "{}: {t}",
                    e.code
                );
            }
        }
        // ...and every variant typed finds them.
        for typed in [
            "gʻisht teruvchi",
            "g'isht teruvchi",
            "g’isht teruvchi",
            "gisht teruvchi",
        ] {
            assert_eq!(top(typed), "7112", "{typed}");
        }
    }

    #[test]
    fn trades_migrants_do_have_kyrgyz_uzbek_and_tajik_titles() {
        let f = file();
        // Finishing and drywall, merchandising, couriers, fast food, production lines, waste
        // sorting, plastering and carpentry.
        for code in [
            "7119", "9334", "9621", "9411", "9329", "9612", "7123", "7115",
        ] {
            for lang in ["ky", "uz", "tg"] {
                assert!(!titles(&f, code, lang).is_empty(), "{code} {lang}");
            }
        }
    }

    #[test]
    fn fuzzy_matching_never_overrides_an_exact_title() {
        // One edit from the Kyrgyz forester's "токойчу", but a taxi driver's title.
        assert_eq!(top("таксичи"), "8322");
        assert_eq!(top("taksichi"), "8322");
        assert!(Taxonomy::global()
            .matches("таксичи")
            .iter()
            .all(|m| m.code != "6210"));
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
