use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    FAST, STORED, STRING,
};

pub const TEXT_ANALYZER: &str = "orgnabor_text";
pub const TRANSLIT_ANALYZER: &str = "orgnabor_translit";

#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub version: Field,
    pub title: Field,
    pub title_translit: Field,
    pub text: Field,
    pub translit: Field,
    pub skills: Field,
    pub skills_translit: Field,
    pub occupation: Field,
    pub occupation_minor: Field,
    pub region: Field,
    pub employer: Field,
    pub facets: Field,
    pub salary_min: Field,
    pub salary_max: Field,
    pub housing: Field,
    pub russian_level: Field,
    pub start_day: Field,
    pub expires_day: Field,
    pub positions: Field,
    pub experience: Field,
    pub recency: Field,
    pub ready: Field,
}

fn analysed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// The one place the index layout is defined.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let number = || NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        kind: b.add_text_field("kind", STRING),
        version: b.add_u64_field("version", NumericOptions::default().set_stored().set_fast()),
        title: b.add_text_field("title", analysed(TEXT_ANALYZER)),
        title_translit: b.add_text_field("title_translit", analysed(TRANSLIT_ANALYZER)),
        text: b.add_text_field("text", analysed(TEXT_ANALYZER)),
        translit: b.add_text_field("translit", analysed(TRANSLIT_ANALYZER)),
        skills: b.add_text_field("skills", analysed(TEXT_ANALYZER)),
        skills_translit: b.add_text_field("skills_translit", analysed(TRANSLIT_ANALYZER)),
        occupation: b.add_text_field("occupation", STRING),
        occupation_minor: b.add_text_field("occupation_minor", STRING),
        region: b.add_text_field("region", STRING),
        employer: b.add_text_field("employer", STRING | STORED | FAST),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        salary_min: b.add_u64_field("salary_min", number()),
        salary_max: b.add_u64_field("salary_max", number()),
        housing: b.add_u64_field("housing", number()),
        russian_level: b.add_u64_field("russian_level", number()),
        start_day: b.add_i64_field("start_day", number()),
        expires_day: b.add_i64_field("expires_day", number()),
        positions: b.add_u64_field("positions", number()),
        experience: b.add_u64_field("experience", number()),
        recency: b.add_i64_field("recency", number()),
        ready: b.add_u64_field("ready", number()),
    };
    (b.build(), fields)
}

/// CEFR level as a number, 0 for none: A1 = 1 … C2 = 6.
pub fn cefr_rank(level: Option<&str>) -> u64 {
    match level {
        Some("A1") => 1,
        Some("A2") => 2,
        Some("B1") => 3,
        Some("B2") => 4,
        Some("C1") => 5,
        Some("C2") => 6,
        _ => 0,
    }
}

pub fn day_number(date: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

pub fn salary_band(salary_max: i32) -> &'static str {
    match salary_max {
        i32::MIN..=59_999 => "lt60k",
        60_000..=79_999 => "60k-80k",
        80_000..=99_999 => "80k-100k",
        100_000..=129_999 => "100k-130k",
        _ => "130k-plus",
    }
}
