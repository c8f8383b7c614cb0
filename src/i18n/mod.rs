//! Human-readable messages in the five languages our users read. Texts live in `messages.toml`.

use std::collections::HashMap;
use std::sync::LazyLock;

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

static MESSAGES: LazyLock<HashMap<String, HashMap<String, String>>> = LazyLock::new(|| {
    toml::from_str(include_str!("messages.toml")).unwrap_or_else(|e| {
        tracing::error!(error = %e, "src/i18n/messages.toml does not parse");
        HashMap::new()
    })
});

/// The message `key` in `locale`, falling back to Russian, then English, then the key itself.
pub fn t(locale: Locale, key: &str) -> String {
    [locale, Locale::Ru, Locale::En]
        .iter()
        .find_map(|l| MESSAGES.get(l.as_str()).and_then(|m| m.get(key)))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// Like [`t`], replacing `{name}` placeholders.
pub fn t_with(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let mut text = t(locale, key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
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
    fn every_language_has_every_key() {
        let en = MESSAGES.get("en").expect("en table");
        assert!(en.len() > 40, "messages.toml has the English table");
        for locale in Locale::ALL {
            let table = MESSAGES.get(locale.as_str()).expect("table per locale");
            for key in en.keys() {
                assert!(table.contains_key(key), "{} lacks {key}", locale.as_str());
            }
        }
    }
}
