//! Human-readable messages in the five languages our users read, all from one Fluent catalogue
//! (`locales/<lang>/*.ftl`, see [`catalogue`]). The API's errors, field messages and emails use
//! [`t`]/[`t_with`] with dotted keys; documents and pages use [`catalogue::text`] with Fluent ids.

pub mod catalogue;

use fluent_bundle::FluentArgs;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Ru,
    Ky,
    Uz,
    Tg,
    En,
}

impl Locale {
    pub const ALL: [Locale; 5] = [Locale::Ru, Locale::Ky, Locale::Uz, Locale::Tg, Locale::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ru => "ru",
            Locale::Ky => "ky",
            Locale::Uz => "uz",
            Locale::Tg => "tg",
            Locale::En => "en",
        }
    }

    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.as_str() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header (RFC 9110 §12.5.4).
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (position, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let quality = parts
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if quality <= 0.0 {
                continue;
            }
            if let Some(locale) = Locale::parse(tag) {
                let better = match best {
                    None => true,
                    Some((q, pos, _)) => quality > q || (quality == q && position < pos),
                };
                if better {
                    best = Some((quality, position, locale));
                }
            }
        }
        best.map(|(_, _, l)| l)
    }
}

tokio::task_local! {
    static REQUEST_LOCALE: Locale;
}

/// The language of the request being served (English outside a request).
pub fn current() -> Locale {
    REQUEST_LOCALE.try_with(|l| *l).unwrap_or(Locale::En)
}

pub async fn scope<F: std::future::Future>(locale: Locale, fut: F) -> F::Output {
    REQUEST_LOCALE.scope(locale, fut).await
}

/// The Fluent id of an old-style key: dots become hyphens (`error.not_found` →
/// `error-not_found`, `email.verify.body` → `email-verify-body`). Fluent ids cannot hold dots.
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The message `key` in `locale`, falling back to Russian, then English, then the key itself.
pub fn t(locale: Locale, key: &str) -> String {
    t_with(locale, key, &[])
}

/// Like [`t`], with the message's `{ $name }` variables. A value that is a plain integer
/// (`5`, `-3`; not `007` or `+7`) goes to Fluent as a number, so plural selectors work;
/// anything else goes as text.
pub fn t_with(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match as_number(value) {
            Some(n) => fluent_args.set(*name, n),
            None => fluent_args.set(*name, value.as_str()),
        }
    }
    catalogue::catalogue()
        .first_of(
            &[locale, Locale::Ru, Locale::En],
            &fluent_id(key),
            Some(&fluent_args),
        )
        .unwrap_or_else(|| key.to_string())
}

/// `value` as an integer when it reads back exactly the same (and f64, which Fluent numbers
/// are, holds it exactly).
fn as_number(value: &str) -> Option<i64> {
    let n: i64 = value.parse().ok()?;
    (n.to_string() == value && n.unsigned_abs() <= 1 << 53).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_quality_then_order() {
        assert_eq!(
            Locale::from_accept_language("ky-KG,ru;q=0.8"),
            Some(Locale::Ky)
        );
        assert_eq!(
            Locale::from_accept_language("de, ru;q=0.5, en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("uz;q=0, tg"), Some(Locale::Tg));
    }

    #[test]
    fn ids_are_the_keys_with_hyphens() {
        assert_eq!(fluent_id("error.not_found"), "error-not_found");
        assert_eq!(fluent_id("email.verify.body"), "email-verify-body");
    }

    #[test]
    fn plain_integers_go_as_numbers_and_the_rest_as_text() {
        assert_eq!(as_number("5"), Some(5));
        assert_eq!(as_number("-3"), Some(-3));
        assert_eq!(as_number("0"), Some(0));
        for text in [
            "007",
            "+7",
            "5.0",
            "1e3",
            " 5",
            "",
            "2026-12-02",
            "99999999999999999999",
        ] {
            assert_eq!(as_number(text), None, "{text}");
        }
        // Numbers print as they came in: no grouping, no decimals.
        let min = |n: &str| {
            t_with(
                Locale::En,
                "validation.below_minimum_wage",
                &[("min", n.into()), ("source", "x".into())],
            )
        };
        assert_eq!(
            min("22440"),
            "The salary must be at least the minimum wage of 22440 RUB a month (x)."
        );
        assert!(min("007").contains(" 007 "), "{}", min("007"));
    }

    #[test]
    fn too_short_follows_cldr_plurals() {
        let ru = |n: i64| {
            t_with(
                Locale::Ru,
                "validation.too_short",
                &[("min", n.to_string())],
            )
        };
        assert_eq!(ru(1), "Минимальная длина — 1 символ.");
        assert_eq!(ru(2), "Минимальная длина — 2 символа.");
        assert_eq!(ru(5), "Минимальная длина — 5 символов.");
        assert_eq!(ru(11), "Минимальная длина — 11 символов.");
        assert_eq!(ru(21), "Минимальная длина — 21 символ.");
        assert_eq!(ru(22), "Минимальная длина — 22 символа.");
        assert_eq!(ru(112), "Минимальная длина — 112 символов.");
        let en = |n: i64| {
            t_with(
                Locale::En,
                "validation.too_short",
                &[("min", n.to_string())],
            )
        };
        assert_eq!(en(1), "Must be at least 1 character.");
        assert_eq!(en(10), "Must be at least 10 characters.");
        let days = |n: i64| {
            t_with(
                Locale::Ru,
                "validation.start_after_closing",
                &[("days", n.to_string()), ("max", "1 июня 2027 г.".into())],
            )
        };
        assert!(days(1).contains("через 1 день после"), "{}", days(1));
        assert!(days(3).contains("через 3 дня после"), "{}", days(3));
        assert!(days(90).contains("через 90 дней после"), "{}", days(90));
        let hours = t_with(
            Locale::En,
            "email.verify.body",
            &[
                ("name", "A".into()),
                ("link", "L".into()),
                ("hours", "1".into()),
            ],
        );
        assert!(hours.contains("valid for 1 hour. If"), "{hours}");
    }

    #[test]
    fn a_missing_key_comes_back_as_it_was_asked_for() {
        assert_eq!(t(Locale::Ky, "error.no_such_code"), "error.no_such_code");
    }

    #[test]
    fn api_messages_carry_no_bidi_isolation_marks() {
        let text = t_with(
            Locale::Ru,
            "error.internal_detail",
            &[("correlation_id", "abc".into())],
        );
        assert!(text.contains(": abc."), "{text:?}");
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    }

    /// A sample email, word for word as `messages.toml` produced it before the move to Fluent
    /// (every key and language was compared then): line breaks, blank lines, final newline.
    #[test]
    fn the_verification_email_reads_exactly_as_before() {
        let args = [
            ("name", "Айгуль".to_string()),
            (
                "link",
                "https://orgnabor.example/verify-email?token=abc".to_string(),
            ),
            ("hours", "24".to_string()),
        ];
        assert_eq!(
            t_with(Locale::En, "email.verify.body", &args),
            "Hello, Айгуль!\n\nYou have registered at Orgnabor, the exchange for organized recruitment of workers to Russia. To confirm your email address, please open this link:\n\nhttps://orgnabor.example/verify-email?token=abc\n\nThe link is valid for 24 hours. If you did not register, simply ignore this email.\n\nPlease remember: Orgnabor and the licensed agencies that work through it never charge workers any fees. Under ILO Convention No. 181, recruitment costs are paid by the employer. If anyone asks you for money for a job, do not pay and let us know.\n\nKind regards,\nThe Orgnabor team\n"
        );
        assert_eq!(
            t_with(Locale::Ru, "email.verify.body", &args),
            "Здравствуйте, Айгуль!\n\nВы зарегистрировались в «Оргнаборе» — бирже труда для организованного набора работников в Россию. Чтобы подтвердить адрес электронной почты, перейдите по ссылке:\n\nhttps://orgnabor.example/verify-email?token=abc\n\nСсылка действительна в течение 24 ч. Если вы не регистрировались, просто проигнорируйте это письмо.\n\nПомните: «Оргнабор» и работающие через него лицензированные агентства никогда не берут с работников плату за трудоустройство. Согласно Конвенции МОТ № 181, расходы на подбор оплачивает работодатель. Если кто-то требует с вас деньги за работу, не платите и сообщите нам.\n\nС уважением,\nкоманда «Оргнабора»\n"
        );
        assert_eq!(
            t(Locale::En, "email.verify.subject"),
            "Confirm your email address — Orgnabor"
        );
    }
}
