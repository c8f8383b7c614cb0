//! Kyrgyz, Uzbek and Tajik job titles as people really type them: suffixes (plural, possessive,
//! "I am"), every apostrophe for oʻ/gʻ, Uzbek Latin x and Cyrillic ў, Tajik on a Russian keyboard
//! and in old fonts, colloquial loanwords. `GET /occupations/normalize` must put the right ISCO
//! code first; the hit-rate per language is printed (`-- --nocapture`).

use std::collections::BTreeMap;

use crate::helpers::*;

/// (language, spelling, expected first code).
const SPELLINGS: &[(&str, &str, &str)] = &[
    // Kyrgyz
    ("ky", "айдоочулар", "8322"),
    ("ky", "айдоочумун", "8322"),
    ("ky", "таксичи", "8322"),
    ("ky", "таксичимин", "8322"),
    ("ky", "фурачы", "8332"),
    ("ky", "жүк машинасынын айдоочусу", "8332"),
    ("ky", "ширетүүчүлөр", "7212"),
    ("ky", "сварщикмин", "7212"),
    ("ky", "ашпозчулар", "5120"),
    ("ky", "тигүүчүмүн", "7533"),
    ("ky", "тазалоочулар", "9112"),
    ("ky", "жүк ташуучулар", "9333"),
    ("ky", "кранчылар", "8343"),
    ("ky", "тракторчумун", "8341"),
    ("ky", "шыбакчылар", "7123"),
    ("ky", "жыгач устасы", "7115"),
    ("ky", "курьерлер", "9621"),
    ("ky", "саанчылар", "6121"),
    ("ky", "күзөтчүмүн", "5414"),
    ("ky", "куроочу", "8219"),
    ("ky", "шофер", "8322"),
    ("ky", "малчылар", "6121"),
    ("ky", "сатуучулар", "5223"),
    ("ky", "гипсокартончу", "7119"),
    // Uzbek
    ("uz", "haydovchiman", "8322"),
    ("uz", "haydovchilar", "8322"),
    ("uz", "taksichi", "8322"),
    ("uz", "shofyor", "8322"),
    ("uz", "svarkachi", "7212"),
    ("uz", "payvandchilar", "7212"),
    ("uz", "oshpazman", "5120"),
    ("uz", "o'rmonchi", "6210"),
    ("uz", "oʻrmonchi", "6210"),
    ("uz", "o‘rmonchi", "6210"),
    ("uz", "o`rmonchi", "6210"),
    ("uz", "ўрмончи", "6210"),
    ("uz", "g'isht teruvchi", "7112"),
    ("uz", "gʼisht teruvchi", "7112"),
    ("uz", "bo’yoqchi", "7131"),
    ("uz", "yuk tashuvchilar", "9333"),
    ("uz", "tikuvchiman", "7533"),
    ("uz", "farroshman", "9112"),
    ("uz", "kuryer", "9621"),
    ("uz", "oshxona yordamchisi", "9412"),
    ("uz", "ошхона ёрдамчиси", "9412"),
    ("uz", "mexanik", "3115"),
    ("uz", "daraxt kesuvchi", "9215"),
    ("uz", "дурадгор", "7115"),
    ("uz", "ҳайдовчи", "8322"),
    ("uz", "suvoqchilar", "7123"),
    ("uz", "shaurmachi", "9411"),
    // Tajik
    ("tg", "ронандаҳо", "8322"),
    ("tg", "ронандаам", "8322"),
    ("tg", "ронандаи мошини борбар", "8332"),
    ("tg", "кафшергарҳо", "7212"),
    ("tg", "ошпазам", "5120"),
    ("tg", "чӯпон", "6121"),
    ("tg", "чўпон", "6121"),
    ("tg", "чупон", "6121"),
    ("tg", "гаҷкор", "7123"),
    ("tg", "гачкор", "7123"),
    ("tg", "гаљкор", "7123"),
    ("tg", "дуредгар", "7115"),
    ("tg", "фаррошҳо", "9112"),
    ("tg", "боркашам", "9333"),
    ("tg", "дӯзанда", "7533"),
    ("tg", "дузанда", "7533"),
    ("tg", "дўзанда", "7533"),
    ("tg", "чилангар", "8211"),
    ("tg", "курер", "9621"),
    ("tg", "қаровул", "5414"),
    ("tg", "каровул", "5414"),
    ("tg", "хамшира", "3221"),
    ("tg", "дарахтбур", "9215"),
    ("tg", "наљљор", "7115"),
    // A second list, written after the first was fixed, to test the classes.
    ("ky", "ширетүүчүмүн", "7212"),
    ("ky", "плиточниктер", "7122"),
    ("ky", "электриктер", "7411"),
    ("ky", "кранчыбыз", "8343"),
    ("ky", "тракторчулар", "8341"),
    ("ky", "бетончулар", "7114"),
    ("ky", "курулушчулар", "7111"),
    ("ky", "малчымын", "6121"),
    ("ky", "тигүүчүлөргө", "7533"),
    ("ky", "сатуучуга", "5223"),
    ("ky", "фурачымын", "8332"),
    ("ky", "таксичилер", "8322"),
    ("ky", "сантехниктер", "7126"),
    ("ky", "кароолчу", "5414"),
    ("ky", "ашпозчусу", "5120"),
    ("uz", "payvandchiman", "7212"),
    ("uz", "g'ishtchilar", "7112"),
    ("uz", "bo'yoqchilar", "7131"),
    ("uz", "quruvchilar", "7111"),
    ("uz", "kranchiman", "8343"),
    ("uz", "oshpazlarga", "5120"),
    ("uz", "qo‘riqchi", "5414"),
    ("uz", "o‘rmonchilar", "6210"),
    ("uz", "sotuvchiman", "5223"),
    ("uz", "tikuvchilarni", "7533"),
    ("uz", "duradgorlar", "7115"),
    ("uz", "mardikorman", "9313"),
    ("uz", "kuryerlar", "9621"),
    ("uz", "svarshikman", "7212"),
    ("uz", "haydovchisi", "8322"),
    ("uz", "ҳайдовчиман", "8322"),
    ("uz", "ошпазман", "5120"),
    ("uz", "ғишт терувчи", "7112"),
    ("uz", "бўёқчи", "7131"),
    ("tg", "кафшергарам", "7212"),
    ("tg", "дуредгарҳо", "7115"),
    ("tg", "ошпазон", "5120"),
    ("tg", "фаррошам", "9112"),
    ("tg", "боркашон", "9333"),
    ("tg", "посбонҳо", "5414"),
    ("tg", "сартарошам", "5141"),
    ("tg", "хиштчинҳо", "7112"),
    ("tg", "бинокорон", "7111"),
    ("tg", "рангмолҳо", "7131"),
    ("tg", "чангалбон", "6210"),
    ("tg", "баркчи", "7411"),
    ("tg", "кассоб", "7511"),
    ("tg", "нонпазам", "7512"),
    ("tg", "мардикорам", "9313"),
    ("tg", "ронандаи таксӣ", "8322"),
    ("tg", "таксист", "8322"),
];

/// Share of each language's spellings that must normalise to the right code first.
const REQUIRED_HIT_RATE: f64 = 0.9;

#[tokio::test]
async fn central_asian_spellings_normalise_to_their_occupation() {
    let app = spawn_app().await;
    let mut per_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (lang, title, code) in SPELLINGS {
        let res = app
            .get(
                &format!("/api/v1/occupations/normalize?title={}", urlencode(title)),
                None,
            )
            .await;
        assert_eq!(res.status(), 200, "{title}");
        let body = json_body(res).await;
        let first = body["items"][0]["code"].as_str().unwrap_or("").to_owned();
        let entry = per_lang.entry(lang).or_default();
        entry.1 += 1;
        if first == *code {
            entry.0 += 1;
        } else {
            misses.push(format!("[{lang}] {title}: want {code}, got {first:?}"));
        }
    }
    for (lang, (hit, all)) in &per_lang {
        println!(
            "normalisation {lang}: {hit}/{all} = {:.2}",
            *hit as f64 / *all as f64
        );
    }
    for m in &misses {
        println!("  miss {m}");
    }
    for (lang, (hit, all)) in &per_lang {
        let rate = *hit as f64 / *all as f64;
        assert!(
            rate >= REQUIRED_HIT_RATE,
            "{lang}: {rate:.2} < {REQUIRED_HIT_RATE}\n{}",
            misses.join("\n")
        );
    }
}

/// The messages a language review found wrong: what they must say now, and what they must not.
#[test]
fn reviewed_messages_say_what_they_mean() {
    let message = |lang: &str, key: &str| -> String {
        let locale = orgnabor::i18n::Locale::parse(lang).unwrap();
        orgnabor::i18n::t(locale, key)
    };
    for key in ["validation.invalid_inn", "validation.invalid_ogrn"] {
        let ky = message("ky", key);
        assert!(
            ky.contains("цифралардын санын жана контролдук цифраны"),
            "{key}: {ky}"
        );
    }
    let reset = message("ky", "email.reset.body");
    assert!(reset.contains("сиз сурабаган болсоңуз"), "{reset}");
    assert!(!reset.contains("сураган эмес"), "{reset}");
    let body = message("uz", "error.malformed_body");
    assert!(
        body.contains("Soʻrov mazmuni") && !body.contains("tana"),
        "{body}"
    );
    let licence = message("tg", "error.licence_not_active");
    let words: Vec<&str> = licence.split_whitespace().collect();
    assert!(
        words.windows(2).all(|w| w[0] != w[1]),
        "a word repeated: {licence}"
    );
}
