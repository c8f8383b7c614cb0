//! Queries over the index. BM25 on the hot path (tantivy's block-max WAND), filters as
//! zero-score clauses on indexed fast fields, business signals re-ranked over the top few hundred.

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Order, Searcher, Term};
use uuid::Uuid;

use crate::search::analyzers::{query_words, text_term, translit_readings};
use crate::search::documents::{CANDIDATE, VACANCY};
use crate::search::schema::{cefr_rank, Fields};
use crate::search::taxonomy::{allowed_edits, OccupationMatch, Taxonomy};
use crate::search::SearchIndex;

/// How many ranked hits are re-ranked and diversified beyond the page asked for.
const RERANK_WINDOW: usize = 300;

type Clause = (Occur, Box<dyn Query>);

fn term_q(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

/// A filter: must match, adds nothing to the score.
fn filter(q: Box<dyn Query>) -> Clause {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn u64_at_least(field: tantivy::schema::Field, v: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, v)),
        Bound::Unbounded,
    ))
}

fn u64_at_most(field: tantivy::schema::Field, v: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Unbounded,
        Bound::Included(Term::from_field_u64(field, v)),
    ))
}

fn i64_at_least(field: tantivy::schema::Field, v: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_i64(field, v)),
        Bound::Unbounded,
    ))
}

fn i64_at_most(field: tantivy::schema::Field, v: i64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Unbounded,
        Bound::Included(Term::from_field_i64(field, v)),
    ))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Free text → scoring clauses: stemmed and transliterated terms on title, skills and body,
/// misspellings by edit distance, and the occupation codes the taxonomy recognises.
fn text_clauses(f: &Fields, q: &str) -> (Vec<Box<dyn Query>>, Vec<OccupationMatch>) {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for word in query_words(q) {
        let t = text_term(&word);
        out.push(boosted(term_q(f.title, &t), 2.0));
        out.push(boosted(term_q(f.skills, &t), 1.5));
        out.push(term_q(f.text, &t));
        let readings = translit_readings(&word);
        let Some((s, others)) = readings.split_first() else {
            continue;
        };
        out.push(boosted(term_q(f.title_translit, s), 2.0));
        out.push(boosted(term_q(f.skills_translit, s), 1.5));
        out.push(term_q(f.translit, s));
        // Other readings (a suffix stripped, a letter read the other way) count a little less,
        // and only for a word that is not a job title's as typed ("кранчы" is not "кран").
        let tax = Taxonomy::global();
        if !tax.is_known_term(s) {
            for r in others {
                out.push(boosted(term_q(f.title_translit, r), 1.6));
                out.push(boosted(term_q(f.skills_translit, r), 1.2));
                out.push(boosted(term_q(f.translit, r), 0.8));
            }
        }
        // A word that is itself a job title is not a typo: fuzzing "svarshik" would also reach
        // "karshik" (карщик, a forklift driver), two edits away. Nor is a word one of whose
        // readings is a title word ("таксичи" is not one edit from "токойчу").
        let edits = allowed_edits(s.chars().count());
        let known = readings.iter().any(|r| tax.is_known_term(r));
        if edits > 0 && !known {
            for (field, boost) in [(f.title_translit, 0.8), (f.translit, 0.4)] {
                let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, s), edits as u8, true);
                out.push(boosted(Box::new(fuzzy), boost));
            }
        }
    }
    let occupations: Vec<OccupationMatch> = Taxonomy::global()
        .matches(q)
        .into_iter()
        .filter(|m| m.exactness >= 0.7)
        .take(3)
        .collect();
    // Place names and other words do not weaken a recognised occupation; a longer title that
    // matched ("водитель фуры") outweighs a shorter one it contains ("водитель").
    let longest = occupations.iter().map(|m| m.length).max().unwrap_or(1) as f32;
    for m in &occupations {
        let specificity = 0.5 + 0.5 * m.length as f32 / longest;
        out.push(boosted(
            term_q(f.occupation, &m.code),
            8.0 * m.exactness * specificity,
        ));
    }
    (out, occupations)
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub id: Uuid,
    pub score: f32,
    pub employer: Option<String>,
    /// Found only because the query was widened to this occupation's group.
    pub broadened: Option<Broadened>,
}

/// How far a query was widened when its occupation had too few results for a page: first to
/// the ISCO-08 minor group (3 digits), then to the sub-major group (2 digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broadening {
    MinorGroup,
    SubMajorGroup,
}

impl Broadening {
    pub const ORDER: [Broadening; 2] = [Broadening::MinorGroup, Broadening::SubMajorGroup];

    pub fn digits(self) -> usize {
        match self {
            Broadening::MinorGroup => 3,
            Broadening::SubMajorGroup => 2,
        }
    }

    /// As an explanation's `occupation.match`.
    pub fn as_str(self) -> &'static str {
        match self {
            Broadening::MinorGroup => "broadened_minor_group",
            Broadening::SubMajorGroup => "broadened_sub_major_group",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadened {
    pub level: Broadening,
    /// The recognised occupation the query was widened from.
    pub from: String,
}

/// The occupations of `code`'s group at this level, as one clause (`None` for a code too short).
fn group_clause(f: &Fields, level: Broadening, code: &str) -> Option<Box<dyn Query>> {
    let prefix = code.get(..level.digits())?;
    match level {
        Broadening::MinorGroup => Some(term_q(f.occupation_minor, prefix)),
        Broadening::SubMajorGroup => {
            let codes = Taxonomy::global().codes_with_prefix(prefix);
            (!codes.is_empty())
                .then(|| any_of(codes.iter().map(|c| term_q(f.occupation, c)).collect()))
        }
    }
}

/// More hits for a query whose recognised occupations have fewer than `need`: the same query
/// (`clauses` builds its filters and scoring) restricted to each occupation's minor group, then
/// sub-major group, skipping what `have` already holds. Each hit says what it was widened from.
fn broaden(
    searcher: &Searcher,
    f: &Fields,
    occupations: &[OccupationMatch],
    have: &[Hit],
    need: usize,
    clauses: impl Fn() -> Vec<Clause>,
) -> anyhow::Result<Vec<Hit>> {
    let mut seen: HashSet<Uuid> = have.iter().map(|h| h.id).collect();
    let mut out = Vec::new();
    for level in Broadening::ORDER {
        for m in occupations {
            if have.len() + out.len() >= need {
                return Ok(out);
            }
            let Some(group) = group_clause(f, level, &m.code) else {
                continue;
            };
            let mut c = clauses();
            c.push(filter(group));
            let top = searcher.search(
                &BooleanQuery::new(c),
                &TopDocs::with_limit(need + seen.len()).order_by_score(),
            )?;
            for hit in ids_and_employers(searcher, top) {
                if seen.insert(hit.id) {
                    out.push(Hit {
                        broadened: Some(Broadened {
                            level,
                            from: m.code.clone(),
                        }),
                        ..hit
                    });
                }
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Default, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Facets {
    pub region: Vec<FacetCount>,
    pub occupation_group: Vec<FacetCount>,
    pub salary_band: Vec<FacetCount>,
}

#[derive(Debug, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub facets: Facets,
    pub occupations: Vec<OccupationMatch>,
    pub next_offset: Option<usize>,
}

#[derive(Debug, Default, Clone)]
pub struct VacancySearch {
    /// For a person who needs quota: only vacancies of employers with units left for them.
    /// `None` when no quota is needed (EAEU citizens, or nobody in particular).
    pub quota: Option<Vec<QuotaUnit>>,
    pub q: Option<String>,
    pub region: Option<String>,
    pub occupation: Option<String>,
    pub salary_min: Option<u64>,
    pub housing: Option<bool>,
    pub russian_level_max: Option<String>,
    pub today: i64,
    pub offset: usize,
    pub limit: usize,
}

fn vacancy_filters(f: &Fields, today: i64) -> Vec<Clause> {
    vec![
        filter(term_q(f.kind, VACANCY)),
        filter(i64_at_least(f.expires_day, today)),
        filter(u64_at_least(f.positions, 1)),
    ]
}

/// Reads a string fast field (ids, employers) for hits, opening each segment's column once:
/// far cheaper than the document store on the hot path.
struct StrFields<'s> {
    searcher: &'s Searcher,
    field: &'static str,
    columns: HashMap<u32, Option<tantivy::columnar::StrColumn>>,
    buffer: String,
}

impl<'s> StrFields<'s> {
    fn new(searcher: &'s Searcher, field: &'static str) -> Self {
        Self {
            searcher,
            field,
            columns: HashMap::new(),
            buffer: String::new(),
        }
    }

    fn get(&mut self, address: DocAddress) -> Option<String> {
        let (searcher, field) = (self.searcher, self.field);
        let column = self
            .columns
            .entry(address.segment_ord)
            .or_insert_with(|| {
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .str(field)
                    .ok()
                    .flatten()
            })
            .as_ref()?;
        let ord = column.term_ords(address.doc_id).next()?;
        self.buffer.clear();
        column.ord_to_str(ord, &mut self.buffer).ok()?;
        Some(self.buffer.clone())
    }
}

fn ids_and_employers(searcher: &Searcher, top: Vec<(f32, DocAddress)>) -> Vec<Hit> {
    let mut ids = StrFields::new(searcher, "id");
    let mut employers = StrFields::new(searcher, "employer");
    top.into_iter()
        .filter_map(|(score, address)| {
            let id = ids.get(address).and_then(|s| Uuid::parse_str(&s).ok())?;
            Some(Hit {
                id,
                score,
                employer: employers.get(address).filter(|e| !e.is_empty()),
                broadened: None,
            })
        })
        .collect()
}

/// Re-orders so that no employer holds more than `cap` places of any page of `page` results,
/// keeping score order otherwise.
pub fn diversify(hits: Vec<Hit>, page: usize, cap: usize) -> Vec<Hit> {
    let page = page.max(1);
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut deferred: Vec<Hit> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let place = |h: Hit,
                 out: &mut Vec<Hit>,
                 counts: &mut HashMap<String, usize>,
                 deferred: &mut Vec<Hit>| {
        let key = h.employer.clone().unwrap_or_default();
        let n = counts.entry(key).or_default();
        if *n < cap {
            *n += 1;
            out.push(h);
            true
        } else {
            deferred.push(h);
            false
        }
    };
    for h in hits {
        if place(h, &mut out, &mut counts, &mut deferred) && out.len().is_multiple_of(page) {
            counts.clear();
            let waiting = std::mem::take(&mut deferred);
            for d in waiting {
                place(d, &mut out, &mut counts, &mut deferred);
            }
        }
    }
    out.extend(deferred);
    out
}

fn facet_counts(counts: &tantivy::collector::FacetCounts, root: &str) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .get(root)
        .map(|(facet, count)| FacetCount {
            value: facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    v
}

/// The filters of a vacancy search, as zero-score clauses.
/// Units of one employer's approved quota still left: for its vacancies in `region`, of an
/// occupation under the ISCO-08 `group`, starting between `first_day` and `last_day` (the
/// quota's year, as day numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaUnit {
    pub employer: Uuid,
    pub region: String,
    pub group: String,
    pub first_day: i64,
    pub last_day: i64,
}

/// Only vacancies some unit covers; none when there is no unit. Read from Postgres for each
/// query, so the index never holds a stale quota.
fn quota_filter(f: &Fields, units: &[QuotaUnit]) -> Clause {
    let each: Vec<Box<dyn Query>> = units
        .iter()
        .filter(|u| u.group.bytes().all(|b| b.is_ascii_digit()) && !u.group.is_empty())
        .filter_map(|u| {
            let occupation =
                RegexQuery::from_pattern(&format!("{}[0-9]*", u.group), f.occupation).ok()?;
            let clauses: Vec<Clause> = vec![
                (Occur::Must, term_q(f.employer, &u.employer.to_string())),
                (Occur::Must, term_q(f.region, &u.region)),
                (Occur::Must, Box::new(occupation)),
                (Occur::Must, i64_at_least(f.start_day, u.first_day)),
                (Occur::Must, i64_at_most(f.start_day, u.last_day)),
            ];
            Some(Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
        })
        .collect();
    filter(any_of(each))
}

fn vacancy_search_filters(f: &Fields, s: &VacancySearch) -> Vec<Clause> {
    let mut clauses = vacancy_filters(f, s.today);
    if let Some(units) = &s.quota {
        clauses.push(quota_filter(f, units));
    }
    if let Some(r) = &s.region {
        clauses.push(filter(term_q(f.region, r)));
    }
    if let Some(o) = &s.occupation {
        clauses.push(filter(term_q(f.occupation, o)));
    }
    if let Some(min) = s.salary_min {
        clauses.push(filter(u64_at_least(f.salary_max, min)));
    }
    if s.housing == Some(true) {
        clauses.push(filter(u64_at_least(f.housing, 1)));
    }
    if let Some(level) = &s.russian_level_max {
        clauses.push(filter(u64_at_most(f.russian_level, cefr_rank(Some(level)))));
    }
    clauses
}

/// Adds the (trimmed, non-empty) query text, if any, as a clause every hit must match, and
/// answers the occupations it was understood as; `None` when the text has no searchable word, so
/// nothing can match.
fn require_text(
    f: &Fields,
    text: Option<&str>,
    clauses: &mut Vec<Clause>,
) -> Option<Vec<OccupationMatch>> {
    let Some(q) = text else {
        return Some(Vec::new());
    };
    let (should, occupations) = text_clauses(f, q);
    if should.is_empty() {
        return None;
    }
    clauses.push((Occur::Must, any_of(should)));
    Some(occupations)
}

pub fn search_vacancies(index: &SearchIndex, s: &VacancySearch) -> anyhow::Result<Results> {
    let f = &index.fields;
    let searcher = index.searcher();
    let mut clauses = vacancy_search_filters(f, s);
    let text = s.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let Some(occupations) = require_text(f, text, &mut clauses) else {
        return Ok(Results::default());
    };
    let query = BooleanQuery::new(clauses);
    let fetch = (s.offset + s.limit + 1).clamp(RERANK_WINDOW, 2000);
    let mut facets = FacetCollector::for_field("facets");
    facets.add_facet("/region");
    facets.add_facet("/sector");
    facets.add_facet("/salary");
    let ranked: Vec<(f32, DocAddress)>;
    let (total, facet_fruit);
    if text.is_some() {
        let (top, count, fc) = searcher.search(
            &query,
            &(TopDocs::with_limit(fetch).order_by_score(), Count, facets),
        )?;
        ranked = top;
        total = count;
        facet_fruit = fc;
    } else {
        let (top, count, fc) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(fetch).order_by_fast_field::<i64>("recency", Order::Desc),
                Count,
                facets,
            ),
        )?;
        ranked = top.into_iter().map(|(_, a)| (0.0, a)).collect();
        total = count;
        facet_fruit = fc;
    }
    let hits = ids_and_employers(&searcher, ranked);
    let cap = (s.limit / 5).max(2);
    let mut hits = diversify(hits, s.limit, cap);
    let mut total = total;
    // Too few for the page: widen the recognised occupations to their ISCO groups (unless the
    // caller asked for one occupation by code).
    let need = s.offset + s.limit + 1;
    if let Some(q) = text.filter(|_| s.occupation.is_none() && hits.len() < need) {
        let more = broaden(&searcher, f, &occupations, &hits, need, || {
            let mut c = vacancy_search_filters(f, s);
            c.push((Occur::Should, any_of(text_clauses(f, q).0)));
            c
        })?;
        total += more.len();
        hits.extend(more);
    }
    let end = (s.offset + s.limit).min(hits.len());
    let next_offset = (hits.len() > end).then_some(end);
    let page: Vec<Hit> = if s.offset < hits.len() {
        hits.drain(s.offset..end).collect()
    } else {
        Vec::new()
    };
    Ok(Results {
        hits: page,
        total,
        facets: Facets {
            region: facet_counts(&facet_fruit, "/region"),
            occupation_group: facet_counts(&facet_fruit, "/sector"),
            salary_band: facet_counts(&facet_fruit, "/salary"),
        },
        occupations,
        next_offset,
    })
}

/// A candidate search. There is no readiness filter until pre-departure readiness is recorded
/// (every profile is indexed as not ready).
#[derive(Debug, Default, Clone)]
pub struct CandidateSearch {
    pub q: Option<String>,
    pub occupation: Option<String>,
    pub region: Option<String>,
    pub russian_level_min: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

/// Scored hits with their ids, best first.
type Ranked = Vec<(f32, Uuid, DocAddress)>;

fn ranked_ids(
    searcher: &Searcher,
    query: &dyn Query,
    fetch: usize,
) -> anyhow::Result<(Ranked, usize)> {
    let (top, total) =
        searcher.search(query, &(TopDocs::with_limit(fetch).order_by_score(), Count))?;
    let mut ids = StrFields::new(searcher, "id");
    let out = top
        .into_iter()
        .filter_map(|(score, address)| {
            let id = ids.get(address).and_then(|s| Uuid::parse_str(&s).ok())?;
            Some((score, id, address))
        })
        .collect();
    Ok((out, total))
}

fn candidate_search_filters(f: &Fields, s: &CandidateSearch) -> Vec<Clause> {
    let mut clauses = vec![filter(term_q(f.kind, CANDIDATE))];
    if let Some(o) = &s.occupation {
        clauses.push(filter(term_q(f.occupation, o)));
    }
    if let Some(r) = &s.region {
        clauses.push(filter(any_of(vec![
            term_q(f.region, r),
            term_q(f.region, "any"),
        ])));
    }
    if let Some(level) = &s.russian_level_min {
        clauses.push(filter(u64_at_least(
            f.russian_level,
            cefr_rank(Some(level)),
        )));
    }
    clauses
}

pub fn search_candidates(index: &SearchIndex, s: &CandidateSearch) -> anyhow::Result<Results> {
    let f = &index.fields;
    let searcher = index.searcher();
    let mut clauses = candidate_search_filters(f, s);
    let text = s.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let Some(occupations) = require_text(f, text, &mut clauses) else {
        return Ok(Results::default());
    };
    let query = BooleanQuery::new(clauses);
    let need = s.offset + s.limit + 1;
    let (ranked, mut total) = ranked_ids(&searcher, &query, need)?;
    let mut hits: Vec<Hit> = ranked
        .into_iter()
        .map(|(score, id, _)| Hit {
            id,
            score,
            employer: None,
            broadened: None,
        })
        .collect();
    if let Some(q) = text.filter(|_| s.occupation.is_none() && hits.len() < need) {
        let more = broaden(&searcher, f, &occupations, &hits, need, || {
            let mut c = candidate_search_filters(f, s);
            c.push((Occur::Should, any_of(text_clauses(f, q).0)));
            c
        })?;
        total += more.len();
        hits.extend(more);
    }
    let more = hits.len() > s.offset + s.limit;
    let hits = hits.into_iter().skip(s.offset).take(s.limit).collect();
    Ok(Results {
        hits,
        total,
        facets: Facets::default(),
        occupations,
        next_offset: more.then_some(s.offset + s.limit),
    })
}

/// What a vacancy asks for, as the candidate matcher needs it.
#[derive(Debug, Clone)]
pub struct VacancyNeeds {
    pub occupation: String,
    pub title: String,
    pub required_skills: Vec<String>,
    pub optional_skills: Vec<String>,
    pub region: String,
    pub russian_level_min: Option<String>,
    pub start_day: i64,
}

impl VacancyNeeds {
    pub fn of(v: &crate::db::models::vacancy::Vacancy) -> Self {
        Self {
            occupation: v.occupation_code.clone(),
            title: v.title.clone(),
            required_skills: v.required_skills.clone(),
            optional_skills: v.optional_skills.clone(),
            region: v.region_code.clone(),
            russian_level_min: v.russian_level_min.clone(),
            start_day: crate::search::schema::day_number(v.start_date),
        }
    }
}

/// Scoring clauses for a text written by an employer or a candidate: stemmed words on the skills
/// field, each distinct term once. (Transliteration is for what people type into a search box.)
fn words_clauses(
    f: &Fields,
    text: &str,
    boost: f32,
    seen: &mut std::collections::HashSet<String>,
) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    for w in query_words(text) {
        let t = text_term(&w);
        if t.chars().count() > 2 && seen.insert(t.clone()) {
            out.push(boosted(term_q(f.skills, &t), boost));
        }
    }
    out
}

/// Numeric fast-field columns for re-ranking, opened once per segment.
struct Signals<'s> {
    searcher: &'s Searcher,
    columns: HashMap<u32, SegmentSignals>,
}

struct SegmentSignals {
    experience: Option<tantivy::columnar::Column<u64>>,
    ready: Option<tantivy::columnar::Column<u64>>,
    recency: Option<tantivy::columnar::Column<i64>>,
}

impl<'s> Signals<'s> {
    fn new(searcher: &'s Searcher) -> Self {
        Self {
            searcher,
            columns: HashMap::new(),
        }
    }

    fn segment(&mut self, address: DocAddress) -> &SegmentSignals {
        let searcher = self.searcher;
        self.columns.entry(address.segment_ord).or_insert_with(|| {
            let ff = searcher.segment_reader(address.segment_ord).fast_fields();
            SegmentSignals {
                experience: ff.u64("experience").ok(),
                ready: ff.u64("ready").ok(),
                recency: ff.i64("recency").ok(),
            }
        })
    }

    fn experience(&mut self, a: DocAddress) -> u64 {
        self.segment(a)
            .experience
            .as_ref()
            .and_then(|c| c.first(a.doc_id))
            .unwrap_or(0)
    }

    fn ready(&mut self, a: DocAddress) -> bool {
        self.segment(a)
            .ready
            .as_ref()
            .and_then(|c| c.first(a.doc_id))
            .unwrap_or(0)
            > 0
    }

    fn recency(&mut self, a: DocAddress) -> i64 {
        self.segment(a)
            .recency
            .as_ref()
            .and_then(|c| c.first(a.doc_id))
            .unwrap_or(0)
    }
}

/// Ranked candidates for a vacancy. Hard filters: searchable (only those are indexed), available
/// by the start date, the vacancy's region among their preferences (or "any"), Russian at least
/// the vacancy's minimum. Ranking: exact occupation, then same ISCO minor group; required skills
/// over optional; title words; then experience and recency over the top few hundred.
pub fn match_candidates(
    index: &SearchIndex,
    v: &VacancyNeeds,
    today: i64,
    limit: usize,
) -> anyhow::Result<Vec<Hit>> {
    let f = &index.fields;
    let searcher = index.searcher();
    let minor = v.occupation.get(..3).unwrap_or("");
    let scoring = || {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<Box<dyn Query>> = vec![
            boosted(term_q(f.occupation, &v.occupation), 8.0),
            boosted(term_q(f.occupation_minor, minor), 3.0),
        ];
        out.extend(words_clauses(
            f,
            &v.required_skills.join(" "),
            1.5,
            &mut seen,
        ));
        out.extend(words_clauses(
            f,
            &v.optional_skills.join(" "),
            0.7,
            &mut seen,
        ));
        out.extend(words_clauses(f, &v.title, 0.5, &mut seen));
        out
    };
    let hard_filters = || {
        let mut clauses = vec![
            filter(term_q(f.kind, CANDIDATE)),
            filter(any_of(vec![
                term_q(f.region, &v.region),
                term_q(f.region, "any"),
            ])),
            filter(i64_at_most(f.start_day, v.start_day.max(today))),
        ];
        let level = cefr_rank(v.russian_level_min.as_deref());
        if level > 0 {
            clauses.push(filter(u64_at_least(f.russian_level, level)));
        }
        clauses
    };
    let window = RERANK_WINDOW.max(limit);
    // First the people in the same occupation (or ISCO minor group): the occupation's postings
    // drive the intersection, so only they are scored. Only when they are too few does any
    // shared skill word qualify a candidate.
    let mut clauses = hard_filters();
    clauses.push(filter(any_of(vec![
        term_q(f.occupation, &v.occupation),
        term_q(f.occupation_minor, minor),
    ])));
    clauses.push((Occur::Should, any_of(scoring())));
    let mut top = searcher.search(
        &BooleanQuery::new(clauses),
        &TopDocs::with_limit(window).order_by_score(),
    )?;
    if top.len() < limit {
        let mut clauses = hard_filters();
        clauses.push((Occur::Must, any_of(scoring())));
        top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(window).order_by_score(),
        )?;
    }
    let mut signals = Signals::new(&searcher);
    let mut rescored: Vec<(f32, DocAddress)> = top
        .into_iter()
        .map(|(score, address)| {
            let experience = signals.experience(address).min(10) as f32;
            let recent = today - signals.recency(address) <= 90;
            let ready = signals.ready(address);
            let bonus =
                0.3 * experience + if recent { 1.0 } else { 0.0 } + if ready { 3.0 } else { 0.0 };
            (score + bonus, address)
        })
        .collect();
    rescored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    rescored.truncate(limit);
    let mut ids = StrFields::new(&searcher, "id");
    let hits: Vec<Hit> = rescored
        .into_iter()
        .filter_map(|(score, address)| {
            let id = ids.get(address).and_then(|s| Uuid::parse_str(&s).ok())?;
            Some(Hit {
                id,
                score,
                employer: None,
                broadened: None,
            })
        })
        .collect();
    Ok(hits)
}

/// What a candidate offers and wants, as the vacancy matcher needs it.
#[derive(Debug, Clone)]
pub struct CandidateNeeds {
    /// As in [`VacancySearch::quota`].
    pub quota: Option<Vec<QuotaUnit>>,
    pub occupations: Vec<String>,
    pub skills: String,
    pub regions: Vec<String>,
    pub salary_min: Option<i32>,
    pub russian_level: Option<String>,
    pub available_day: i64,
}

impl CandidateNeeds {
    /// A profile's needs; someone with no availability date can travel `today`.
    pub fn of(
        p: &crate::db::models::candidate::CandidateProfile,
        today: chrono::NaiveDate,
    ) -> Self {
        Self {
            quota: None,
            occupations: p.occupations.clone(),
            skills: p.skills.clone(),
            regions: p.preferred_regions.clone(),
            salary_min: p.salary_min,
            russian_level: p.russian_level.clone(),
            available_day: crate::search::schema::day_number(p.available_from.unwrap_or(today)),
        }
    }
}

/// Ranked vacancies for a candidate, honouring their regions, minimum salary, availability and
/// Russian level; diversified so one employer cannot fill the page.
pub fn match_vacancies(
    index: &SearchIndex,
    c: &CandidateNeeds,
    today: i64,
    limit: usize,
) -> anyhow::Result<Vec<Hit>> {
    let f = &index.fields;
    let searcher = index.searcher();
    let mut relevance: Vec<Box<dyn Query>> = Vec::new();
    for code in &c.occupations {
        relevance.push(boosted(term_q(f.occupation, code), 8.0));
        relevance.push(boosted(
            term_q(f.occupation_minor, code.get(..3).unwrap_or("")),
            3.0,
        ));
    }
    relevance.extend(words_clauses(
        f,
        &c.skills,
        0.3,
        &mut std::collections::HashSet::new(),
    ));
    if relevance.is_empty() {
        return Ok(Vec::new());
    }
    let mut clauses = vacancy_filters(f, today);
    clauses.push((Occur::Must, any_of(relevance)));
    if let Some(units) = &c.quota {
        clauses.push(quota_filter(f, units));
    }
    if !c.regions.iter().any(|r| r == "any") && !c.regions.is_empty() {
        clauses.push(filter(any_of(
            c.regions.iter().map(|r| term_q(f.region, r)).collect(),
        )));
    }
    if let Some(min) = c.salary_min.filter(|m| *m > 0) {
        clauses.push(filter(u64_at_least(f.salary_max, min as u64)));
    }
    // A vacancy that starts before the person can travel is no match for them.
    if c.available_day > today {
        clauses.push(filter(i64_at_least(f.start_day, c.available_day)));
    }
    clauses.push(filter(u64_at_most(
        f.russian_level,
        cefr_rank(c.russian_level.as_deref()),
    )));
    let query = BooleanQuery::new(clauses);
    let (top, _) = searcher.search(
        &query,
        &(
            TopDocs::with_limit(RERANK_WINDOW.max(limit)).order_by_score(),
            Count,
        ),
    )?;
    let mut signals = Signals::new(&searcher);
    let boosted_top: Vec<(f32, DocAddress)> = top
        .into_iter()
        .map(|(score, address)| {
            let recent = today - signals.recency(address) <= 30;
            (score + if recent { 0.5 } else { 0.0 }, address)
        })
        .collect();
    let mut hits = ids_and_employers(&searcher, boosted_top);
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    let mut hits = diversify(hits, limit, (limit / 5).max(2));
    hits.truncate(limit);
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: u128, employer: &str) -> Hit {
        Hit {
            id: Uuid::from_u128(id),
            score: 1.0,
            employer: Some(employer.into()),
            broadened: None,
        }
    }

    #[test]
    fn diversify_caps_an_employer_per_page_and_keeps_order_otherwise() {
        let hits = vec![
            hit(1, "a"),
            hit(2, "a"),
            hit(3, "a"),
            hit(4, "b"),
            hit(5, "a"),
            hit(6, "c"),
        ];
        let out: Vec<u128> = diversify(hits, 3, 2)
            .into_iter()
            .map(|h| h.id.as_u128())
            .collect();
        assert_eq!(out, vec![1, 2, 4, 3, 5, 6]);
    }
}
