//! The Fluent catalogue: every `locales/<lang>/*.ftl` file, embedded at compile time.
//!
//! One bundle per [`Locale`] holds all of that language's `.ftl` files, so adding a file (say
//! `locales/ru/vacancy.ftl`) needs no code change. Nothing is read from disk at run time.
//! A message missing in a language falls back to English, then to its id, and is logged; the
//! unit tests make sure that never happens for the texts we ship.
//!
//! Cargo notices edits to an embedded file but not a newly added one (include_dir cannot
//! track a folder on stable Rust): after adding a `.ftl` file, touch this file once.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use include_dir::{include_dir, Dir};
use unic_langid::LanguageIdentifier;

use crate::i18n::Locale;

static LOCALES_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// A problem found while loading the catalogue (a file that does not parse, a duplicate id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub locale: Locale,
    pub file: String,
    pub message: String,
}

pub struct Catalogue {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
    /// Message ids per locale, in file order (what each language defines).
    ids: HashMap<Locale, Vec<String>>,
    problems: Vec<LoadProblem>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let catalogue = Catalogue::load(&LOCALES_DIR);
    for p in &catalogue.problems {
        tracing::error!(locale = p.locale.as_str(), file = %p.file, problem = %p.message, "Fluent catalogue");
    }
    catalogue
});

/// The catalogue built from the embedded `locales/` folder.
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

/// The message `id` in `locale` (English, then the id itself, when missing or broken).
pub fn text(locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
    catalogue().text(locale, id, args)
}

impl Catalogue {
    fn load(root: &Dir<'_>) -> Catalogue {
        let mut bundles = HashMap::new();
        let mut ids = HashMap::new();
        let mut problems = Vec::new();
        for locale in Locale::ALL {
            let langid: LanguageIdentifier = locale.as_str().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode bidi isolation marks: all our languages are left-to-right and the
            // marks would show up as boxes in the PDF.
            bundle.set_use_isolating(false);
            let mut locale_ids = Vec::new();
            let mut files: Vec<_> = root
                .get_dir(locale.as_str())
                .map(|d| d.files().collect())
                .unwrap_or_default();
            files.sort_by_key(|f| f.path());
            for file in files {
                if file.path().extension().and_then(|e| e.to_str()) != Some("ftl") {
                    continue;
                }
                let name = file.path().display().to_string();
                let Some(source) = file.contents_utf8() else {
                    problems.push(LoadProblem {
                        locale,
                        file: name,
                        message: "not UTF-8".into(),
                    });
                    continue;
                };
                let resource = match FluentResource::try_new(source.to_owned()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            problems.push(LoadProblem {
                                locale,
                                file: name.clone(),
                                message: e.to_string(),
                            });
                        }
                        r
                    }
                };
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        locale_ids.push(m.id.name.to_owned());
                    }
                }
                if let Err(errors) = bundle.add_resource(resource) {
                    for e in errors {
                        problems.push(LoadProblem {
                            locale,
                            file: name.clone(),
                            message: e.to_string(),
                        });
                    }
                }
            }
            bundles.insert(locale, bundle);
            ids.insert(locale, locale_ids);
        }
        Catalogue {
            bundles,
            ids,
            problems,
        }
    }

    /// Problems found while loading (empty for a healthy catalogue).
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// The message ids `locale` defines.
    pub fn ids(&self, locale: Locale) -> &[String] {
        self.ids.get(&locale).map(Vec::as_slice).unwrap_or_default()
    }

    /// Formats `id` in exactly `locale`: `None` when the message is missing or has no value,
    /// otherwise the text and the formatting errors (an unknown variable, say).
    pub fn format(
        &self,
        locale: Locale,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Option<(String, Vec<String>)> {
        let bundle = self.bundles.get(&locale)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let value = bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        Some((value, errors.iter().map(ToString::to_string).collect()))
    }

    /// The message `id` in `locale`, falling back to English and then to the id itself.
    pub fn text(&self, locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
        for l in [locale, Locale::En] {
            if let Some((value, errors)) = self.format(l, id, args) {
                if !errors.is_empty() {
                    tracing::warn!(
                        locale = l.as_str(),
                        id,
                        ?errors,
                        "Fluent message formatted with errors"
                    );
                }
                if l != locale {
                    tracing::warn!(
                        locale = locale.as_str(),
                        id,
                        "Fluent message missing; English used"
                    );
                }
                return value;
            }
        }
        tracing::error!(
            locale = locale.as_str(),
            id,
            "Fluent message missing in every language"
        );
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_loads_every_locale_without_problems() {
        let c = catalogue();
        assert_eq!(c.problems(), &[] as &[LoadProblem]);
        for locale in Locale::ALL {
            assert!(
                c.ids(locale).len() > 40,
                "{}: only {} messages",
                locale.as_str(),
                c.ids(locale).len()
            );
        }
    }

    #[test]
    fn every_locale_defines_exactly_the_english_ids() {
        let c = catalogue();
        let mut en: Vec<_> = c.ids(Locale::En).to_vec();
        en.sort();
        for locale in Locale::ALL {
            let mut ids = c.ids(locale).to_vec();
            ids.sort();
            let missing: Vec<_> = en.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in English {extra:?}",
                locale.as_str()
            );
        }
    }

    #[test]
    fn every_message_formats_without_errors_for_many_numbers() {
        let c = catalogue();
        for locale in Locale::ALL {
            for n in [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 28, 40, 101] {
                for month in 1..=12 {
                    let mut args = FluentArgs::new();
                    for name in [
                        "id", "amount", "source", "details", "date", "time", "code", "char",
                        "allowed", "name",
                    ] {
                        args.set(name, format!("<{name}>"));
                    }
                    for name in [
                        "version", "hours", "months", "days", "page", "pages", "day", "min", "max",
                        "minutes",
                    ] {
                        args.set(name, n);
                    }
                    args.set("month", month);
                    args.set("year", 2027);
                    for id in c.ids(locale) {
                        let (value, errors) = c
                            .format(locale, id, Some(&args))
                            .unwrap_or_else(|| panic!("{}: {id} has no value", locale.as_str()));
                        assert!(errors.is_empty(), "{}: {id}: {errors:?}", locale.as_str());
                        assert!(!value.is_empty(), "{}: {id} is empty", locale.as_str());
                        assert!(!value.contains('{'), "{}: {id}: {value}", locale.as_str());
                    }
                }
            }
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let months = |n: i32| {
            let mut args = FluentArgs::new();
            args.set("months", n);
            text(Locale::Ru, "duration-value", Some(&args))
        };
        assert_eq!(months(1), "1 месяц");
        assert_eq!(months(3), "3 месяца");
        assert_eq!(months(12), "12 месяцев");
        assert_eq!(months(21), "21 месяц");
        let mut args = FluentArgs::new();
        args.set("months", 1);
        assert_eq!(text(Locale::En, "duration-value", Some(&args)), "1 month");
    }

    #[test]
    fn a_missing_message_falls_back_to_its_id() {
        assert_eq!(text(Locale::Tg, "no-such-message", None), "no-such-message");
    }
}
