//! Text analysis shared by indexing and querying, so both sides always agree.
//!
//! Two views of every text:
//! - `text`: lower-cased, `ё→е`, Tajik letters folded to the Russian keyboard's (`қ→к`, `ҳ→х`,
//!   `ғ→г`, `ӣ→и`, `ӯ→у`, `ҷ→ч`), then Russian and English Snowball stems (each leaves the other
//!   script alone), so `сварщиков` and `сварщик` meet, and `welders` and `welder`.
//! - `translit`: the same words reduced to a Latin "skeleton" — Cyrillic (Russian, Kyrgyz, Kazakh,
//!   Tajik, Uzbek) transliterated, the spelling variants people type folded (`shch`/`sch`→`sh`,
//!   `zh`→`j`, `kh`/`x`→`h`, `ts`/`ch`→`c`, `ya`→`a`, `y`→`i`, doubled letters), and common Russian
//!   endings dropped — so `svarshik`, `svarshchik`, `svarshikom` and `сварщик` are one term.
//!
//! What Kyrgyz, Uzbek and Tajik speakers type is handled as classes, not as a word list:
//! - every apostrophe (`ʻ ʼ ' ‘ ’ ´ \``) inside a word is one sign, `ʻ`, and the word stays whole
//!   (`o'rmonchi` is one word); the skeleton then drops it, so `ormonchi` meets it too;
//! - old Tajik fonts' letters `љ ќ њ ѓ ї` are read as `ҷ қ ҳ ғ ӣ`;
//! - letters with two readings give a word several skeletons ([`translit_readings`]): `ў` is
//!   Uzbek `oʻ` or old-font Tajik `ӯ`; `ё` is Russian `е` or Uzbek `yo`; `ч` may be a Tajik `ҷ`
//!   typed on a Russian keyboard; Latin `x` is Uzbek `х` or the `ks` of `taxi`;
//! - Turkic and Tajik suffixes are stripped for another reading ([`strip_turkic`]): "I am"
//!   (-мын/-мин/-мун/-пын…, -man, -ам), case (-нын/-дын…), possessive (-сы/-си/-су, -si), plural
//!   (-лар/-лер/-дар/-дор/-тар/-тер…, -lar/-ler, -ҳо, -он); and the agent suffix of colloquial
//!   loanwords (`таксичи`, `фурачы`, `svarkachi`) gives the loaned word as one more reading.

use std::borrow::Cow;
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Every character people type for the Uzbek `ʻ` (oʻ, gʻ) and the `ʼ` of loanwords.
pub const APOSTROPHES: [char; 7] = ['ʻ', 'ʼ', '\'', '‘', '’', '´', '`'];

fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// Words a query may carry that say nothing about the job ("работа сварщиком", "rabota v moskve").
static STOPWORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    [
        "работа",
        "работу",
        "работы",
        "вакансия",
        "вакансии",
        "вакансий",
        "требуется",
        "требуются",
        "нужен",
        "нужна",
        "нужны",
        "ищу",
        "в",
        "во",
        "на",
        "и",
        "с",
        "со",
        "по",
        "для",
        "из",
        "к",
        "от",
        "до",
        "за",
        "rabota",
        "rabotu",
        "vakansiya",
        "vakansii",
        "trebuetsya",
        "v",
        "na",
        "i",
        "s",
        "po",
        "dlya",
        "iz",
        "job",
        "jobs",
        "work",
        "vacancy",
        "vacancies",
        "in",
        "the",
        "a",
        "an",
        "for",
        "of",
        "at",
        "to",
        "and",
        "иш",
        "жумуш",
        "ish",
        "kor",
        "кор",
        "ishi",
        // "I", "am", "needed", "wanted" in Kyrgyz, Uzbek and Tajik.
        "мен",
        "men",
        "ман",
        "man",
        "керек",
        "kerek",
        "kerak",
        "керак",
        "лозим",
        "ҳастам",
        "хастам",
        "hastam",
        "ишке",
        "ishga",
    ]
    .into_iter()
    .collect()
});

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

thread_local! {
    static RU: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::Russian);
    static EN: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Splits into words with their byte offsets: letters and digits, and an apostrophe between two
/// letters (`oʻrmonchi`, `g'isht`); anything else separates.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    let mut previous_letter = false;
    while let Some((i, c)) = chars.next() {
        let inside_word = is_apostrophe(c)
            && previous_letter
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if inside_word || (c.is_alphanumeric() && !is_apostrophe(c)) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i, normalise(&text[s..i])));
        }
        previous_letter = c.is_alphabetic() && !is_apostrophe(c);
    }
    if let Some(s) = start {
        out.push((s, text.len(), normalise(&text[s..])));
    }
    out.retain(|(_, _, w)| !w.is_empty() && w.len() <= 60);
    out
}

/// Lower case, one apostrophe sign, old Tajik font letters read as the letters they stand for.
/// `ё` and `ў` are kept: each has two readings, which the views decide.
fn normalise(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| match c {
            c if is_apostrophe(c) => 'ʻ',
            'љ' => 'ҷ',
            'ќ' => 'қ',
            'њ' => 'ҳ',
            'ѓ' => 'ғ',
            'ї' => 'ӣ',
            c => c,
        })
        .collect()
}

/// Tajik and Uzbek letters as typed on a Russian keyboard, for the stemmed view.
fn russian_keyboard(word: &str) -> String {
    word.chars()
        .filter(|c| *c != 'ʻ')
        .map(|c| match c {
            'ё' => 'е',
            'қ' => 'к',
            'ҳ' => 'х',
            'ғ' => 'г',
            'ӣ' => 'и',
            'ӯ' | 'ў' => 'у',
            'ҷ' => 'ч',
            c => c,
        })
        .collect()
}

fn stem_ru(word: &str) -> String {
    if !is_cyrillic(word) {
        return word.to_owned();
    }
    RU.with(|s| s.stem(word).into_owned())
}

/// The `text` view of one normalised word.
pub fn text_term(word: &str) -> String {
    let word = russian_keyboard(word);
    let ru = stem_ru(&word);
    if is_cyrillic(&ru) {
        ru
    } else {
        EN.with(|s| s.stem(&ru).into_owned())
    }
}

fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Kyrgyz, Kazakh, Tajik, Uzbek Cyrillic.
        'ң' => "n",
        'ө' => "o",
        'ү' => "u",
        'ғ' => "g",
        'қ' => "k",
        'ҳ' | 'һ' => "h",
        'ҷ' => "j",
        'ӣ' | 'і' => "i",
        'ӯ' | 'ұ' | 'ў' => "u",
        'ә' => "a",
        _ => return None,
    })
}

// After the o→a fold, so "-ом", "-ов", "-ой" appear as "-am", "-av", "-ai".
const ENDINGS: [&str; 16] = [
    "iami", "ami", "ah", "av", "ev", "ei", "ai", "am", "em", "ie", "ia", "i", "a", "u", "e", "yu",
];

/// The Latin letters of one word, spelling variants folded and doubled letters collapsed, before
/// any ending is dropped.
fn latin(word: &str) -> String {
    // зч, сч and жч sound as щ: "грузчик" is often typed "грущик".
    let word = if word.contains("зч") || word.contains("сч") || word.contains("жч") {
        Cow::Owned(
            word.replace("зч", "щ")
                .replace("сч", "щ")
                .replace("жч", "щ"),
        )
    } else {
        Cow::Borrowed(word)
    };
    let mut latin = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match cyrillic_to_latin(c) {
            Some(s) => latin.push_str(s),
            None if c.is_ascii_alphanumeric() => latin.push(c),
            None => match c {
                'ş' => latin.push_str("sh"),
                'ç' => latin.push_str("ch"),
                'ğ' => latin.push('g'),
                'ö' | 'ó' => latin.push('o'),
                'ü' | 'ú' => latin.push('u'),
                'ı' | 'í' => latin.push('i'),
                'ñ' => latin.push('n'),
                'ä' | 'á' => latin.push('a'),
                // ʻ (every apostrophe) and anything else: no letter of its own.
                _ => {}
            },
        }
    }
    let mut s = latin;
    for (from, to) in [
        // Endings typed for -ий/-ый first, so the j from ж is not taken for one.
        ("iy", "i"),
        ("ij", "i"),
        ("zhch", "sh"),
        ("shch", "sh"),
        ("zch", "sh"),
        ("sch", "sh"),
        ("tch", "ch"),
        ("dzh", "j"),
        ("zh", "j"),
        ("dj", "j"),
        ("kh", "h"),
        ("ts", "c"),
        ("tz", "c"),
        ("ch", "c"),
        ("ph", "f"),
        ("yu", "u"),
        ("ya", "a"),
        ("yo", "o"),
        ("ye", "e"),
        ("iu", "u"),
        ("ia", "a"),
        ("y", "i"),
        ("w", "v"),
        // Uzbek Latin x is Cyrillic х (oshxona, mexanik); the "ks" reading is another spelling.
        ("x", "h"),
        ("q", "k"),
        // Unstressed о is said, and often written, as а ("даярка" for "доярка").
        ("o", "a"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut collapsed = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            collapsed.push(c);
        }
        last = Some(c);
    }
    collapsed
}

/// Drops one common Russian ending, keeping at least four letters.
fn strip_russian(s: &str) -> String {
    for ending in ENDINGS {
        if let Some(stem) = s.strip_suffix(ending) {
            if stem.len() >= 4 {
                return stem.to_owned();
            }
        }
    }
    s.to_owned()
}

/// Turkic (Kyrgyz, Uzbek) and Tajik suffixes, outermost first, as they look after [`latin`]
/// (vowel harmony folded: ы/и→i, ө→o→a, ү→u, ҳ→h). At most one of each group is taken.
const TURKIC_SUFFIXES: [&[&str]; 4] = [
    // "I am", "we are": Kyrgyz -мын/-мин/-мун/-мүн, -пын/-пин/-пун/-пүн, -бын, -быз/-мыз/-пыз;
    // Uzbek -man, -miz; Tajik -ам/-ям/-ем are among the Russian endings already.
    &[
        "min", "mun", "pin", "pun", "bin", "man", "miz", "biz", "piz",
    ],
    // Case: genitive -нын/-нин/-нун/-дын/-тын… (titles like "машинасынын айдоочусу"), dative
    // -га/-ге/-ка/-ке, accusative -ны/-ни/-ну/-ды/-ду/-ты/-ту (Kyrgyz and Uzbek alike).
    &[
        "nin", "nun", "din", "dun", "tin", "tun", "ga", "ge", "ka", "ke", "ni", "nu", "di", "du",
        "ti", "tu",
    ],
    // Possessive: Kyrgyz -сы/-си/-су/-сү, Uzbek -si.
    &["si", "su"],
    // Plural, with a possessive after it (-лары, -lari): Kyrgyz -лар/-лер/-лор/-лөр,
    // -дар/-дер/-дор/-дөр, -тар/-тер/-тор/-төр; Uzbek -lar/-ler; Tajik -ҳо (-ho), -ҳои, -он/-ён,
    // -гон (after -а: ронандагон).
    &[
        "lari", "leri", "dari", "deri", "tari", "teri", "lar", "ler", "dar", "der", "tar", "ter",
        "hai", "ha", "gan", "an",
    ],
];

/// The word without its Turkic/Tajik suffixes, if it has any (on the output of [`latin`]).
pub fn strip_turkic(s: &str) -> Option<String> {
    let mut current = s;
    let mut stripped = false;
    for group in TURKIC_SUFFIXES {
        for suffix in group {
            if let Some(stem) = current.strip_suffix(suffix) {
                if stem.len() >= 4 {
                    current = stem;
                    stripped = true;
                    break;
                }
            }
        }
    }
    stripped.then(|| current.to_owned())
}

/// The agent suffix of a loanword (`такси-чи`, `фура-чы`, `svarka-chi`), after [`latin`].
fn strip_agent(s: &str) -> Option<&str> {
    ["ci", "cu"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix))
        .filter(|stem| stem.len() >= 4)
}

/// The Latin skeleton of one normalised word: its first reading.
pub fn skeleton(word: &str) -> String {
    strip_russian(&latin(word))
}

/// Spellings of one normalised word whose letters have two readings, the usual one first.
/// `typed`: also the readings only a search box needs (a Russian keyboard's ч for ҷ, x as ks).
fn spellings(word: &str, typed: bool) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let mut also = |from: char, to: &str| {
        let extra: Vec<String> = out
            .iter()
            .filter(|w| w.contains(from))
            .map(|w| w.replace(from, to))
            .collect();
        out.extend(extra);
    };
    // Uzbek Cyrillic ў is oʻ; in old Tajik fonts it stands for ӯ (the first reading).
    also('ў', "о");
    // Uzbek ё is yo, Russian ё is written е (the first reading).
    also('ё', "о");
    if typed {
        // A Tajik ҷ typed on a Russian keyboard is ч.
        if is_cyrillic(word) {
            also('ч', "ҷ");
        }
        // Latin x is Uzbek х (the first reading) or the ks of English and Russian loanwords.
        also('x', "ks");
    }
    out.truncate(8);
    out
}

/// What the index stores for one word: the skeleton of every spelling (see [`spellings`]).
pub fn index_readings(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for spelling in spellings(word, false) {
        let s = skeleton(&spelling);
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Every skeleton a typed word may stand for, the usual one first: each spelling, each without
/// its Turkic/Tajik suffixes, and the loaned word of a colloquial `-чи` title.
pub fn translit_readings(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let spellings = spellings(word, true);
    for spelling in &spellings {
        push(skeleton(spelling));
    }
    for spelling in &spellings {
        let l = latin(spelling);
        let bare = strip_turkic(&l);
        if let Some(b) = &bare {
            push(strip_russian(b));
        }
        let base = bare.as_deref().unwrap_or(&l);
        if let Some(loan) = strip_agent(base) {
            push(strip_russian(loan));
        }
    }
    out
}

/// The `translit` view of one normalised word. Cyrillic and Latin take exactly the same path
/// (no Snowball here: it treats names and Latin input differently), the skeleton's own ending
/// rules standing in for Russian morphology.
pub fn translit_term(word: &str) -> String {
    skeleton(word)
}

pub fn text_terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, _, w)| text_term(&w))
        .collect()
}

/// Every skeleton the index holds for a text.
pub fn translit_terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .flat_map(|(_, _, w)| index_readings(&w))
        .collect()
}

/// Query words without the ones that only say "job", "in", "wanted".
pub fn query_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, _, w)| w)
        .filter(|w| !is_stopword(w))
        .collect()
}

/// A tantivy tokenizer running one of the views above.
#[derive(Clone)]
pub struct ViewTokenizer {
    view: fn(&str) -> Vec<String>,
}

fn text_view(word: &str) -> Vec<String> {
    vec![text_term(word)]
}

impl ViewTokenizer {
    pub fn text() -> Self {
        Self { view: text_view }
    }

    pub fn translit() -> Self {
        Self {
            view: index_readings,
        }
    }
}

pub struct VecTokenStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current = t;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

impl Tokenizer for ViewTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let mut tokens = Vec::new();
        for (position, (from, to, word)) in words(text).into_iter().enumerate() {
            // Several readings of one word share its position.
            for term in (self.view)(&word) {
                if term.is_empty() {
                    continue;
                }
                tokens.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position,
                    text: term,
                    position_length: 1,
                });
            }
        }
        VecTokenStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(translit_terms(a), translit_terms(b), "{a} ~ {b}");
    }

    #[test]
    fn latin_spellings_meet_cyrillic() {
        same("сварщик", "svarshik");
        same("сварщик", "svarshchik");
        same("сварщиком", "svarschik");
        same("грузчиков", "gruzchik");
        same("швея", "shveya");
        same("Екатеринбург", "Yekaterinburg");
        same("Екатеринбург", "Ekaterinburg");
        same("Бишкек", "Bishkek");
        same("в Москве", "v moskve");
        same("Тюмень", "Tyumen");
    }

    /// Job words and place names as people type them in Latin letters.
    const PAIRS: &[(&str, &str)] = &[
        ("сварщик", "svarshik"),
        ("сварщик", "svarshchik"),
        ("сварщик", "svarschik"),
        ("грузчик", "gruzchik"),
        ("грузчик", "грущик"),
        ("доярка", "даярка"),
        ("повар", "povar"),
        ("швея", "shveya"),
        ("швея", "shvea"),
        ("водитель", "voditel"),
        ("электрик", "elektrik"),
        ("штукатур", "shtukatur"),
        ("каменщик", "kamenshik"),
        ("каменщик", "kamenshchik"),
        ("уборщица", "uborshitsa"),
        ("уборщица", "uborshica"),
        ("дворник", "dvornik"),
        ("тракторист", "traktorist"),
        ("доярка", "doyarka"),
        ("сиделка", "sidelka"),
        ("медсестра", "medsestra"),
        ("плиточник", "plitochnik"),
        ("маляр", "malyar"),
        ("маляр", "maliar"),
        ("бетонщик", "betonshik"),
        ("арматурщик", "armaturshchik"),
        ("монтажник", "montazhnik"),
        ("монтажник", "montajnik"),
        ("слесарь", "slesar"),
        ("сантехник", "santekhnik"),
        ("сантехник", "santehnik"),
        ("кладовщик", "kladovshik"),
        ("упаковщик", "upakovshchik"),
        ("пекарь", "pekar"),
        ("официант", "ofitsiant"),
        ("официант", "oficiant"),
        ("продавец", "prodavets"),
        ("кассир", "kassir"),
        ("охранник", "okhrannik"),
        ("охранник", "ohrannik"),
        ("крановщик", "kranovshchik"),
        ("строитель", "stroitel"),
        ("разнорабочий", "raznorabochiy"),
        ("разнорабочий", "raznorabochii"),
        ("Екатеринбург", "Yekaterinburg"),
        ("Екатеринбург", "Ekaterinburg"),
        ("Бишкек", "Bishkek"),
        ("Москва", "Moskva"),
        ("Новосибирск", "Novosibirsk"),
        ("Казань", "Kazan"),
        ("Тюмень", "Tyumen"),
        ("Тюмень", "Tiumen"),
        ("Санкт-Петербург", "Sankt-Peterburg"),
        ("Ош", "Osh"),
        ("Нижний Новгород", "Nizhniy Novgorod"),
        ("Челябинск", "Chelyabinsk"),
        ("Сургут", "Surgut"),
        ("Краснодар", "Krasnodar"),
        ("Ханты-Мансийск", "Khanty-Mansiysk"),
        ("Иркутск", "Irkutsk"),
        ("Хабаровск", "Khabarovsk"),
        ("Худжанд", "Khujand"),
        ("Душанбе", "Dushanbe"),
        ("Ташкент", "Tashkent"),
        ("Самарканд", "Samarkand"),
        ("Джалал-Абад", "Jalal-Abad"),
        ("Каракол", "Karakol"),
        ("Нарын", "Naryn"),
    ];

    #[test]
    fn fifty_real_pairs_meet() {
        assert!(PAIRS.len() >= 40);
        let failures: Vec<_> = PAIRS
            .iter()
            .filter(|(c, l)| translit_terms(c) != translit_terms(l))
            .collect();
        assert!(failures.is_empty(), "{failures:?}");
    }

    #[test]
    fn different_jobs_stay_different() {
        assert_ne!(translit_terms("повар"), translit_terms("пекарь"));
        assert_ne!(translit_terms("грузчик"), translit_terms("погрузчик"));
        assert_ne!(translit_terms("швея"), translit_terms("сварщик"));
    }

    /// Whether two typed words share a reading (as the query side matches them).
    fn meet(a: &str, b: &str) -> bool {
        let wa = &words(a)[0].2;
        let wb = &words(b)[0].2;
        let ra = translit_readings(wa);
        translit_readings(wb).iter().any(|r| ra.contains(r))
    }

    #[test]
    fn every_apostrophe_is_one_sign_inside_a_word() {
        for typed in [
            "oʻrmonchi",
            "oʼrmonchi",
            "o'rmonchi",
            "o‘rmonchi",
            "o’rmonchi",
            "o´rmonchi",
            "o`rmonchi",
        ] {
            let w = words(typed);
            assert_eq!(w.len(), 1, "{typed} is one word");
            assert_eq!(w[0].2, "oʻrmonchi", "{typed}");
            assert_eq!(translit_terms(typed), translit_terms("ormonchi"), "{typed}");
        }
        // At the edge of a word an apostrophe is punctuation.
        assert_eq!(words("'payvandchi'")[0].2, "payvandchi");
        assert_eq!(words("g'isht teruvchi").len(), 2);
    }

    #[test]
    fn uzbek_latin_x_is_cyrillic_kh() {
        same("oshxona", "ошхона");
        same("xizmatchi", "хизматчи");
        same("mexanik", "механик");
        // ...and the ks of "taxi" is another reading of x.
        assert!(meet("taxi", "такси"));
    }

    #[test]
    fn uzbek_cyrillic_u_is_o_and_old_tajik_u_is_long_u() {
        // ў as Uzbek oʻ.
        assert!(meet("ўрмончи", "o'rmonchi"));
        assert!(meet("ўқитувчи", "o'qituvchi"));
        // ў as the Tajik ӯ of old fonts.
        assert!(meet("чўпон", "чӯпон"));
        assert!(meet("дўзанда", "дӯзанда"));
        // ё is Russian е and Uzbek yo.
        assert!(meet("ёрдамчи", "yordamchi"));
        assert_eq!(skeleton("монтёр"), skeleton("монтер"));
    }

    #[test]
    fn tajik_typed_on_a_russian_keyboard_or_in_old_fonts_meets_tajik() {
        // ҷ→ч→j
        assert!(meet("гачкор", "гаҷкор"));
        assert!(meet("gajkor", "гаҷкор"));
        // қ→к, ҳ→х, ғ→г, ӣ→и, ӯ→у
        same("қаровул", "каровул");
        same("ҳамшира", "хамшира");
        same("боғбон", "богбон");
        same("барқчӣ", "баркчи");
        same("чӯпон", "чупон");
        // Old fonts: љ ќ њ ѓ ї for ҷ қ ҳ ғ ӣ.
        same("гаљкор", "гаҷкор");
        same("ќаровул", "қаровул");
        same("њамшира", "ҳамшира");
        same("боѓбон", "боғбон");
        same("барќчї", "барқчӣ");
        // The stemmed view folds them too.
        assert_eq!(text_terms("ҳамшира"), text_terms("хамшира"));
        assert_eq!(text_terms("гаҷкор"), text_terms("гачкор"));
    }

    #[test]
    fn turkic_and_tajik_plurals_are_stripped() {
        // Kyrgyz -лар/-лер/-лор/-лөр, -дар/-дор, -тар/-тер.
        assert!(meet("айдоочулар", "айдоочу"));
        assert!(meet("ширетүүчүлөр", "ширетүүчү"));
        assert!(meet("курьерлер", "курьер"));
        assert!(meet("малчылар", "малчы"));
        assert!(meet("тазалоочулар", "тазалоочу"));
        assert!(meet("токойчулар", "токойчу"));
        // Uzbek -lar/-ler.
        assert!(meet("haydovchilar", "haydovchi"));
        assert!(meet("oshpazlar", "oshpaz"));
        // Tajik -ҳо, -он.
        assert!(meet("ронандаҳо", "ронанда"));
        assert!(meet("кафшергарҳо", "кафшергар"));
        assert!(meet("кафшергарон", "кафшергар"));
    }

    #[test]
    fn case_endings_are_stripped() {
        // Dative and accusative, as in "айдоочуга", "haydovchini" ("to / for a driver").
        assert!(meet("айдоочуга", "айдоочу"));
        assert!(meet("курьерге", "курьер"));
        assert!(meet("сварщикке", "сварщик"));
        assert!(meet("айдоочуну", "айдоочу"));
        assert!(meet("haydovchini", "haydovchi"));
        assert!(meet("haydovchiga", "haydovchi"));
        // Tajik plural after -а, and plural + possessive.
        assert!(meet("ронандагон", "ронанда"));
        assert!(meet("haydovchilari", "haydovchi"));
        assert!(meet("айдоочулары", "айдоочу"));
    }

    #[test]
    fn possessives_and_genitives_are_stripped() {
        assert!(meet("устасы", "уста"));
        assert!(meet("айдоочусу", "айдоочу"));
        assert!(meet("yordamchisi", "yordamchi"));
        assert!(meet("машинасынын", "машина"));
        assert!(meet("машинанын", "машина"));
    }

    #[test]
    fn i_am_is_stripped() {
        // Kyrgyz -мын/-мин/-мун/-мүн, -пын/-пин.
        assert!(meet("айдоочумун", "айдоочу"));
        assert!(meet("сатуучумун", "сатуучу"));
        assert!(meet("малчымын", "малчы"));
        assert!(meet("тигүүчүмүн", "тигүүчү"));
        assert!(meet("сварщикмин", "сварщик"));
        assert!(meet("сварщикпин", "сварщик"));
        // Uzbek -man, Tajik -ам.
        assert!(meet("haydovchiman", "haydovchi"));
        assert!(meet("oshpazman", "oshpaz"));
        assert!(meet("ронандаам", "ронанда"));
        assert!(meet("боркашам", "боркаш"));
        // Stacked: plural then "I am", "we are".
        assert!(meet("айдоочулармын", "айдоочу"));
        assert!(meet("айдоочуларбыз", "айдоочу"));
        assert!(meet("haydovchimiz", "haydovchi"));
    }

    #[test]
    fn colloquial_loanwords_with_an_agent_suffix_read_as_the_loaned_word() {
        assert!(meet("таксичи", "такси"));
        assert!(meet("taksichi", "такси"));
        assert!(meet("фурачы", "фура"));
        assert!(meet("svarkachi", "сварка"));
    }

    #[test]
    fn suffix_rules_leave_short_and_russian_words_alone() {
        // Nothing is stripped below four letters of stem.
        assert_eq!(strip_turkic("malar"), None);
        assert_eq!(strip_turkic("stalar"), None);
        // The usual reading of a Russian word does not change.
        assert_eq!(translit_readings("оператор")[0], skeleton("оператор"));
        assert_eq!(translit_readings("сварщик"), vec![skeleton("сварщик")]);
    }

    #[test]
    fn text_view_stems_both_languages() {
        assert_eq!(text_terms("сварщиков"), text_terms("сварщик"));
        assert_eq!(text_terms("welders"), text_terms("welder"));
        assert_eq!(text_terms("Ёлка"), text_terms("елка"));
    }
}
