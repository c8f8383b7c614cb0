//! The Fluent catalogue: every `locales/<lang>/*.ftl` file, embedded at compile time.
//!
//! One bundle per [`Locale`] holds all of that language's `.ftl` files, so adding a file (say
//! `locales/ru/vacancy.ftl`) needs no code change. Nothing is read from disk at run time.
//! Contract texts, web pages, API errors and emails all come from here: the API's messages
//! through [`crate::i18n::t`], everything else through [`text`].
//! A message missing in a language falls back to English, then to its id, and is logged; the
//! unit tests make sure that never happens for the texts we ship.
//!
//! No Unicode bidi isolation marks (FSI/PDI) are put around placeables: all our languages are
//! left-to-right, and the marks would show as boxes in the PDF and as junk in emails and JSON.
//!
//! Cargo notices edits to an embedded file but not a newly added one (include_dir cannot
//! track a folder on stable Rust): after adding a `.ftl` file, touch this file once.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
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

/// What one language's message looks like from outside: where it is, what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageInfo {
    pub id: String,
    /// The file it is defined in, say `errors.ftl`.
    pub file: String,
    /// Whether it has a value (a message may have only attributes).
    pub has_value: bool,
    /// Its attributes (`.placeholder`, …), sorted.
    pub attributes: BTreeSet<String>,
    /// Every `$variable` its value and attributes use, sorted.
    pub variables: BTreeSet<String>,
    /// Each selector on a variable: the variable and the identifier keys of its variants
    /// (`one`, `few`, …; numeric keys such as `[1]` left out).
    pub selectors: Vec<(String, Vec<String>)>,
}

pub struct Catalogue {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
    /// Message ids per locale, in file order (what each language defines).
    ids: HashMap<Locale, Vec<String>>,
    messages: HashMap<Locale, Vec<MessageInfo>>,
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
        let mut messages = HashMap::new();
        let mut problems = Vec::new();
        for locale in Locale::ALL {
            let langid: LanguageIdentifier = locale.as_str().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            let mut locale_ids = Vec::new();
            let mut locale_messages = Vec::new();
            let mut files: Vec<_> = root
                .get_dir(locale.as_str())
                .map(|d| d.files().collect())
                .unwrap_or_default();
            files.sort_by_key(|f| f.path());
            for file in files {
                if file.path().extension().and_then(|e| e.to_str()) != Some("ftl") {
                    continue;
                }
                let name = file
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
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
                    if let ast::Entry::Message(m) = entry {
                        locale_ids.push(m.id.name.to_owned());
                        locale_messages.push(MessageInfo::of(m, &name));
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
            messages.insert(locale, locale_messages);
        }
        Catalogue {
            bundles,
            ids,
            messages,
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

    /// The messages `locale` defines, in file order, with their files and variables.
    pub fn messages(&self, locale: Locale) -> &[MessageInfo] {
        self.messages
            .get(&locale)
            .map(Vec::as_slice)
            .unwrap_or_default()
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

    /// The message `id` in the first language of `languages` that has it (logged when that is
    /// not the first one, or when formatting reported errors).
    pub fn first_of(
        &self,
        languages: &[Locale],
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        let wanted = languages.first()?;
        for &l in languages {
            if let Some((value, errors)) = self.format(l, id, args) {
                if !errors.is_empty() {
                    tracing::warn!(
                        locale = l.as_str(),
                        id,
                        ?errors,
                        "Fluent message formatted with errors"
                    );
                }
                if l != *wanted {
                    tracing::warn!(
                        locale = wanted.as_str(),
                        id,
                        used = l.as_str(),
                        "Fluent message missing; another language used"
                    );
                }
                return Some(value);
            }
        }
        tracing::error!(
            locale = wanted.as_str(),
            id,
            "Fluent message missing in every language"
        );
        None
    }

    /// The message `id` in `locale`, falling back to English and then to the id itself.
    pub fn text(&self, locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
        self.first_of(&[locale, Locale::En], id, args)
            .unwrap_or_else(|| id.to_owned())
    }
}

impl MessageInfo {
    fn of(message: &ast::Message<&str>, file: &str) -> MessageInfo {
        let mut info = MessageInfo {
            id: message.id.name.to_owned(),
            file: file.to_owned(),
            has_value: message.value.is_some(),
            attributes: message
                .attributes
                .iter()
                .map(|a| a.id.name.to_owned())
                .collect(),
            variables: BTreeSet::new(),
            selectors: Vec::new(),
        };
        if let Some(value) = &message.value {
            info.walk_pattern(value);
        }
        for attribute in &message.attributes {
            info.walk_pattern(&attribute.value);
        }
        info
    }

    fn walk_pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.walk_expression(expression);
            }
        }
    }

    fn walk_expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.walk_inline(selector);
                if let ast::InlineExpression::VariableReference { id } = selector {
                    let keys = variants
                        .iter()
                        .filter_map(|v| match &v.key {
                            ast::VariantKey::Identifier { name } => Some((*name).to_owned()),
                            ast::VariantKey::NumberLiteral { .. } => None,
                        })
                        .collect();
                    self.selectors.push((id.name.to_owned(), keys));
                }
                for variant in variants {
                    self.walk_pattern(&variant.value);
                }
            }
            ast::Expression::Inline(inline) => self.walk_inline(inline),
        }
    }

    fn walk_inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                self.walk_arguments(arguments);
            }
            ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => self.walk_arguments(arguments),
            ast::InlineExpression::Placeable { expression } => self.walk_expression(expression),
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::MessageReference { .. }
            | ast::InlineExpression::TermReference { .. } => {}
        }
    }

    fn walk_arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for a in &arguments.positional {
            self.walk_inline(a);
        }
        for a in &arguments.named {
            self.walk_inline(&a.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plural categories CLDR gives each language's cardinal numbers. Tajik has no rules
    /// in CLDR (everything is `other`); Fluent would quietly use English rules for it, so a
    /// Tajik `[one]` would be a mistake.
    fn cldr_categories(locale: Locale) -> &'static [&'static str] {
        match locale {
            Locale::Ru => &["one", "few", "many", "other"],
            Locale::En | Locale::Ky | Locale::Uz => &["one", "other"],
            Locale::Tg => &["other"],
        }
    }

    const PLURAL_WORDS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

    #[test]
    fn every_file_parses_and_no_id_is_defined_twice() {
        let c = catalogue();
        assert_eq!(c.problems(), &[] as &[LoadProblem]);
        for locale in Locale::ALL {
            assert!(
                c.ids(locale).len() > 200,
                "{}: only {} messages",
                locale.as_str(),
                c.ids(locale).len()
            );
        }
    }

    /// Every id any language defines is defined by every language, in a file of the same name,
    /// with the same variables and attributes (over all `.ftl` files, whoever wrote them).
    #[test]
    fn every_locale_has_every_message_with_the_same_variables() {
        let c = catalogue();
        let mut all: Vec<(Locale, &MessageInfo)> = Vec::new();
        for locale in Locale::ALL {
            all.extend(c.messages(locale).iter().map(|m| (locale, m)));
        }
        let mut problems = Vec::new();
        for locale in Locale::ALL {
            let mine: HashMap<&str, &MessageInfo> = c
                .messages(locale)
                .iter()
                .map(|m| (m.id.as_str(), m))
                .collect();
            let mut seen = BTreeSet::new();
            for (other, theirs) in &all {
                if *other == locale || !seen.insert(theirs.id.as_str()) {
                    continue;
                }
                let Some(m) = mine.get(theirs.id.as_str()) else {
                    problems.push(format!(
                        "{}: message `{}` is missing (it is in {}/{})",
                        locale.as_str(),
                        theirs.id,
                        other.as_str(),
                        theirs.file
                    ));
                    continue;
                };
                if m.file != theirs.file
                    || m.variables != theirs.variables
                    || m.attributes != theirs.attributes
                    || m.has_value != theirs.has_value
                {
                    problems.push(format!(
                        "{}: `{}` in {} uses {:?} (attributes {:?}), but {}/{} uses {:?} (attributes {:?})",
                        locale.as_str(),
                        m.id,
                        m.file,
                        m.variables,
                        m.attributes,
                        other.as_str(),
                        theirs.file,
                        theirs.variables,
                        theirs.attributes
                    ));
                }
            }
        }
        problems.sort();
        problems.dedup();
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    }

    /// A selector with plural keys uses exactly the language's CLDR categories: none it
    /// lacks, and (where it has several) all of them, so no number falls to the default by
    /// accident.
    #[test]
    fn plural_selectors_use_the_languages_cldr_categories() {
        let c = catalogue();
        let mut problems = Vec::new();
        for locale in Locale::ALL {
            let cats = cldr_categories(locale);
            for m in c.messages(locale) {
                for (variable, keys) in &m.selectors {
                    if !keys
                        .iter()
                        .any(|k| PLURAL_WORDS.contains(&k.as_str()) && k != "other")
                    {
                        continue; // not a plural selector
                    }
                    let wrong: Vec<_> = keys
                        .iter()
                        .filter(|k| !cats.contains(&k.as_str()))
                        .collect();
                    let lacking: Vec<_> = cats
                        .iter()
                        .filter(|cat| **cat != "other" && !keys.iter().any(|k| k == *cat))
                        .collect();
                    if !wrong.is_empty() || !lacking.is_empty() {
                        problems.push(format!(
                            "{}/{}: `{}` on ${variable}: not a category here {wrong:?}, missing {lacking:?}",
                            locale.as_str(),
                            m.file,
                            m.id
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    }

    #[test]
    fn every_message_formats_without_errors_for_many_numbers_and_texts() {
        let c = catalogue();
        for locale in Locale::ALL {
            let bundle = &c.bundles[&locale];
            for m in c.messages(locale) {
                let mut argument_sets = Vec::new();
                for n in [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 28, 40, 101, 2027] {
                    let mut args = FluentArgs::new();
                    for v in &m.variables {
                        args.set(v.clone(), n);
                    }
                    argument_sets.push(args);
                }
                let mut args = FluentArgs::new();
                for v in &m.variables {
                    args.set(v.clone(), format!("<{v}>"));
                }
                argument_sets.push(args);
                let message = bundle
                    .get_message(&m.id)
                    .unwrap_or_else(|| panic!("{}: {} not in bundle", locale.as_str(), m.id));
                let patterns: Vec<_> = message
                    .value()
                    .into_iter()
                    .chain(message.attributes().map(|a| a.value()))
                    .collect();
                assert!(
                    !patterns.is_empty(),
                    "{}: {} is empty",
                    locale.as_str(),
                    m.id
                );
                for args in &argument_sets {
                    for pattern in &patterns {
                        let mut errors = Vec::new();
                        let value = bundle.format_pattern(pattern, Some(args), &mut errors);
                        let at = format!("{}/{}: {}", locale.as_str(), m.file, m.id);
                        assert!(errors.is_empty(), "{at}: {errors:?}");
                        assert!(!value.is_empty(), "{at} is empty");
                        assert!(!value.contains("{$"), "{at}: {value}");
                        assert!(
                            !value.contains(['\u{2068}', '\u{2069}']),
                            "{at}: bidi isolation marks in {value:?}"
                        );
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
