//! Text analysis shared by indexing and querying, so both sides always agree.
//!
//! Two views of every text:
//! - `text`: lower-cased, `ё→е`, Russian then English Snowball stems (each leaves the other
//!   script alone), so `сварщиков` and `сварщик` meet, and `welders` and `welder`.
//! - `translit`: the same words reduced to a Latin "skeleton" — Cyrillic (Russian, Kyrgyz, Kazakh,
//!   Tajik, Uzbek) transliterated, the spelling variants people type folded (`shch`/`sch`→`sh`,
//!   `zh`→`j`, `kh`→`h`, `ts`/`ch`→`c`, `ya`→`a`, `y`→`i`, doubled letters), and common Russian
//!   endings dropped — so `svarshik`, `svarshchik`, `svarshikom` and `сварщик` are one term.

use std::borrow::Cow;
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

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

/// Splits into words with their byte offsets: letters and digits, anything else separates.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i, normalise(&text[s..i])));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), normalise(&text[s..])));
    }
    out.retain(|(_, _, w)| !w.is_empty() && w.len() <= 60);
    out
}

fn normalise(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

fn stem_ru(word: &str) -> String {
    if !is_cyrillic(word) {
        return word.to_owned();
    }
    RU.with(|s| s.stem(word).into_owned())
}

/// The `text` view of one normalised word.
pub fn text_term(word: &str) -> String {
    let ru = stem_ru(word);
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
        'е' => "e",
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

/// The Latin skeleton of one normalised word.
pub fn skeleton(word: &str) -> String {
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
        ("x", "ks"),
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
    for ending in ENDINGS {
        if let Some(stem) = collapsed.strip_suffix(ending) {
            if stem.len() >= 4 {
                return stem.to_owned();
            }
        }
    }
    collapsed
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

pub fn translit_terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, _, w)| translit_term(&w))
        .filter(|t| !t.is_empty())
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
    view: fn(&str) -> String,
}

impl ViewTokenizer {
    pub fn text() -> Self {
        Self { view: text_term }
    }

    pub fn translit() -> Self {
        Self {
            view: translit_term,
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
            let term = (self.view)(&word);
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

    #[test]
    fn text_view_stems_both_languages() {
        assert_eq!(text_terms("сварщиков"), text_terms("сварщик"));
        assert_eq!(text_terms("welders"), text_terms("welder"));
        assert_eq!(text_terms("Ёлка"), text_terms("елка"));
    }
}
