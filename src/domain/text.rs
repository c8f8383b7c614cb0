//! Text as people type it: stored in Unicode NFC and trimmed; characters that only hide or
//! reorder text are refused.
//!
//! Two kinds of field:
//! - [`TextKind::Line`] — names, cities, titles, short codes: one line of visible text. Refused:
//!   control characters (Cc, tab and newline included), format characters (Cf: zero-width space,
//!   joiners, word joiner, soft hyphen, BOM, bidi marks, embeddings, overrides and isolates),
//!   line and paragraph separators (Zl, Zp), private-use (Co), surrogates and unassigned code
//!   points (Cn). Emoji are accepted as such (👷), but not emoji sequences joined with a
//!   zero-width joiner, since that joiner is a format character.
//! - [`TextKind::Free`] — descriptions, skills: line breaks, carriage returns and tabs are kept;
//!   other controls, the bidi embeddings/overrides/isolates ("Trojan Source") and the invisible
//!   tag characters (used to smuggle hidden ASCII) are refused. Emoji, joiners included, are fine.
//!
//! A value made only of invisible characters (white space, Cf, Hangul fillers, the blank braille
//! pattern) counts as empty: `required` where a value is needed.
//!
//! Categories come from the Unicode Character Database (`unicode-properties`), not from tables of
//! our own; the only characters named here are the bidi controls and the letters that Unicode
//! classifies as letters although they render as nothing.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory as Gc, UnicodeGeneralCategory};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One line of visible text: names, cities, titles.
    Line,
    /// Several lines of prose: descriptions, skills.
    Free,
}

/// NFC and trimmed; a value of nothing but invisible characters becomes empty.
///
/// This is what services store, and what the length rules count.
pub fn clean(value: &str) -> String {
    let nfc: String = value.nfc().collect();
    if nfc.chars().all(is_invisible) {
        return String::new();
    }
    nfc.trim().to_owned()
}

/// Renders nothing by itself.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c.general_category(), Gc::Format | Gc::Control)
        // Letters by category, blank on screen: Hangul fillers, braille blank, CGJ.
        || matches!(
            c,
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}' | '\u{034F}'
        )
}

/// Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder
/// what is displayed without being seen.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

fn allowed(c: char, kind: TextKind) -> bool {
    match kind {
        TextKind::Line => !matches!(
            c.general_category(),
            Gc::Control
                | Gc::Format
                | Gc::LineSeparator
                | Gc::ParagraphSeparator
                | Gc::PrivateUse
                | Gc::Surrogate
                | Gc::Unassigned
        ),
        TextKind::Free => {
            let control = c.general_category() == Gc::Control && !matches!(c, '\n' | '\r' | '\t');
            !(control || is_bidi_control(c) || is_tag(c))
        }
    }
}

/// The first character `value` may not hold as this kind of field.
pub fn forbidden(value: &str, kind: TextKind) -> Option<char> {
    value.chars().find(|&c| !allowed(c, kind))
}

/// `U+202E`, for messages: the character itself would be invisible.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_only_is_empty() {
        assert_eq!(clean("\u{200B}"), "");
        assert_eq!(clean(" \u{200B}\u{FEFF}\u{200D} \u{3164}"), "");
        assert_eq!(clean("\u{202E}"), "");
        assert_eq!(clean("  Ош  "), "Ош");
    }

    #[test]
    fn bidi_override_in_a_name_is_refused() {
        assert_eq!(
            forbidden(&clean("Азамат\u{202E}вокебамуЖ"), TextKind::Line),
            Some('\u{202E}')
        );
        assert_eq!(forbidden("a\u{2067}b", TextKind::Line), Some('\u{2067}'));
        assert_eq!(forbidden("a\u{202E}b", TextKind::Free), Some('\u{202E}'));
        assert_eq!(forbidden("a\u{2066}b", TextKind::Free), Some('\u{2066}'));
        assert_eq!(describe('\u{202E}'), "U+202E");
    }

    #[test]
    fn invisible_and_control_characters_inside_a_line_are_refused() {
        for bad in [
            "Ош\u{200B}",
            "О\u{200B}ш",
            "Ош\u{00AD}",
            "Ош\u{FEFF}x",
            "a\tb",
            "a\nb",
            "a\u{0000}b",
            "a\u{007F}b",
            "a\u{2028}b",
            "a\u{E000}b",
            "a\u{0378}b",
        ] {
            assert!(forbidden(bad, TextKind::Line).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn free_text_keeps_lines_and_tabs_but_not_other_controls() {
        let text = "Опыт:\n\t- сварка\r\n- монтаж";
        assert_eq!(forbidden(text, TextKind::Free), None);
        assert_eq!(forbidden("a\u{0000}b", TextKind::Free), Some('\u{0000}'));
        assert_eq!(forbidden("a\u{001B}b", TextKind::Free), Some('\u{001B}'));
        assert_eq!(forbidden("a\u{E0041}b", TextKind::Free), Some('\u{E0041}'));
        // A pasted zero-width space or soft hyphen in prose is harmless.
        assert_eq!(forbidden("сварка\u{200B} \u{00AD}", TextKind::Free), None);
    }

    #[test]
    fn nfd_is_stored_as_nfc() {
        let nfd = "и\u{0306}"; // й as и + combining breve
        let cleaned = clean(&format!(" А{nfd}бек "));
        assert_eq!(cleaned, "Айбек");
        assert_eq!(cleaned.chars().count(), 5);
        assert_eq!(forbidden(&cleaned, TextKind::Line), None);
        // Already NFC stays byte for byte.
        assert_eq!(clean("Жумабеков"), "Жумабеков");
    }

    #[test]
    fn central_asian_letters_are_accepted() {
        for name in [
            "Өмүрбек Ңурланов",
            "Үмүт",
            "Gʻulomjon Oʻrinboyev",
            "G‘ulom O’rinov",
            "Ҷумъахон Қодирӣ",
            "Ҳусейн Ғаниев",
            "Мирзо-Турсунзода",
            "O'Neil",
            "Анна Мария",
            "Азамат\u{00A0}Жумабеков",
        ] {
            let cleaned = clean(name);
            assert_eq!(cleaned, name, "{name} unchanged");
            assert_eq!(forbidden(&cleaned, TextKind::Line), None, "{name}");
        }
    }

    #[test]
    fn emoji_are_accepted_but_zwj_sequences_only_in_free_text() {
        assert_eq!(forbidden("Сварщик 👷", TextKind::Line), None);
        assert_eq!(forbidden("❤️", TextKind::Line), None);
        let mechanic = "👨\u{200D}🔧";
        assert_eq!(forbidden(mechanic, TextKind::Free), None);
        assert_eq!(forbidden(mechanic, TextKind::Line), Some('\u{200D}'));
    }
}
