//! Reading Chinese prose, for every rule that reads the narrative: where sentences and
//! clauses end, numerals (Arabic, full-width, Chinese), excerpts for messages, and the
//! whitespace rule — spacing between figures, units and Chinese (「3940 元」「2024 年」,
//! full-width or non-breaking spaces included) never changes a result, because every rule
//! reads the text through [`normalise`].

use std::borrow::Cow;

use crate::draft::Draft;
pub(super) use crate::number::digit_value;
use crate::template::Template;
use crate::text::{FNV_OFFSET, FNV_PRIME, is_cjk, without_spacing};

/// The narrative of a draft as the rules read it: every part's text through [`normalise`],
/// in template order, made once per evaluation.
pub(super) struct Texts<'a> {
    parts: Vec<(&'a str, &'a str, Cow<'a, str>)>,
}

impl<'a> Texts<'a> {
    pub(super) fn new(template: &'a Template, draft: &'a Draft) -> Self {
        Self {
            parts: template
                .parts()
                .map(|p| (p.id.as_str(), p.name.as_str(), normalise(draft.text(&p.id))))
                .collect(),
        }
    }

    /// A part's text; empty when not written.
    pub(super) fn get(&self, id: &str) -> &str {
        self.parts
            .iter()
            .find(|(p, _, _)| *p == id)
            .map_or("", |(_, _, t)| t.as_ref())
    }

    /// Every part with text, in template order: (id, display name, text).
    pub(super) fn written(&self) -> impl Iterator<Item = (&'a str, &'a str, &str)> {
        self.written_at().map(|(_, id, name, t)| (id, name, t))
    }

    /// [`Texts::written`] with each part's place in the template (as in `Template::parts`).
    pub(super) fn written_at(&self) -> impl Iterator<Item = (usize, &'a str, &'a str, &str)> {
        self.parts
            .iter()
            .enumerate()
            .map(|(at, (id, name, t))| (at, *id, *name, t.as_ref()))
            .filter(|(_, _, _, t)| !t.trim().is_empty())
    }

    /// A part's place in the template, as in `Template::parts`.
    pub(super) fn position(&self, id: &str) -> Option<usize> {
        self.parts.iter().position(|(p, _, _)| *p == id)
    }
}

/// Where sentences end: 。；！？ (full or half width) and line breaks.
pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

/// Where clauses end: sentence ends, and ，：、 (full or half width).
pub(super) fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | '、')
}

/// A character that can be part of a numeral: digits (half or full width) and Chinese
/// numerals.
pub(super) fn is_numeral(c: char) -> bool {
    digit_value(c).is_some() || "零〇一二两三四五六七八九十百千万".contains(c)
}

/// The value of a numeral: 59, ５９, 两, 二十三, 一百零五, 一万二千. Digits and Chinese
/// numerals are not mixed; 「百」「千」 alone are no count.
pub(super) fn numeral_value(text: &str) -> Option<u64> {
    if text.starts_with(['百', '千', '万']) {
        return None;
    }
    if text.chars().all(|c| digit_value(c).is_some()) {
        return text.chars().try_fold(0_u64, |n, c| {
            n.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))
        });
    }
    if text.chars().any(|c| digit_value(c).is_some()) {
        return None;
    }
    let mut total = 0_u64;
    let mut section = 0_u64;
    let mut digit = 0_u64;
    for c in text.chars() {
        match c {
            '零' | '〇' => digit = 0,
            '一' => digit = 1,
            '二' | '两' => digit = 2,
            '三' => digit = 3,
            '四' => digit = 4,
            '五' => digit = 5,
            '六' => digit = 6,
            '七' => digit = 7,
            '八' => digit = 8,
            '九' => digit = 9,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section += digit.max(u64::from(digit == 0 && unit == 10 && section == 0)) * unit;
                digit = 0;
            }
            '万' => {
                total += (section + digit) * 10_000;
                section = 0;
                digit = 0;
            }
            _ => return None,
        }
    }
    Some(total + section + digit)
}

/// The text as the rules read it: without the whitespace between Chinese (or full-width
/// punctuation) and figures, units, Latin letters or other Chinese, and without spaces
/// inside a run of digits (「3 119」). Line breaks stay (they end sentences). A text with no
/// such whitespace — most are — is returned as it is.
pub(super) fn normalise(text: &str) -> Cow<'_, str> {
    // Looked for byte-wise first (this runs on every keystroke): ASCII spaces, tabs, and the
    // full-width and non-breaking spaces.
    let bytes = text.as_bytes();
    let has_space = memchr::memchr3(b' ', b'\t', b'\r', bytes).is_some()
        || memchr::memmem::find(bytes, "\u{3000}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{a0}".as_bytes()).is_some();
    if !has_space {
        return Cow::Borrowed(text);
    }
    // Kept, as one space, only between characters neither of which is Chinese, and not
    // inside a run of digits.
    let dropped = without_spacing(text, true, |around| match around {
        (Some(a), Some(b)) => {
            is_cjk(a) || is_cjk(b) || (digit_value(a).is_some() && digit_value(b).is_some())
        }
        // Leading and trailing whitespace says nothing.
        _ => true,
    });
    match dropped {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// A sentence shortened for a message: whole up to `max` characters, else its first
/// `max − 2` and 「…」.
pub(super) fn shorten(sentence: &str, max: usize) -> String {
    let sentence = sentence.trim();
    if sentence.chars().count() <= max {
        return sentence.to_owned();
    }
    let head: String = sentence.chars().take(max.saturating_sub(2)).collect();
    format!("{head}…")
}

/// The piece of `text` around byte `at` between two ends, as byte bounds.
pub(super) fn span(text: &str, at: usize, is_end: fn(char) -> bool) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| is_end(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// The sentences of a text, trimmed, without their closing marks; empty ones left out.
pub(super) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_sentence_end)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One sentence of a text, with its fingerprint ([`fingerprinted`]).
pub(super) struct Sentence<'t> {
    /// The sentence as written (without its closing mark).
    pub(super) text: &'t str,
    /// Its fingerprint.
    pub(super) hash: u64,
    /// Its length in characters, whitespace left out.
    pub(super) chars: usize,
}

/// The UTF-8 bytes of a character as one number (`。` is `0xE3_8082`): the scan below
/// compares and hashes characters in this form, without decoding them.
const fn unit(c: char) -> u32 {
    let mut buf = [0; 4];
    let bytes = c.encode_utf8(&mut buf).as_bytes();
    let mut out = 0;
    let mut i = 0;
    while i < bytes.len() {
        out = (out << 8) | bytes[i] as u32;
        i += 1;
    }
    out
}

const FULL_STOP: u32 = unit('。');

const FULL_SEMICOLON: u32 = unit('；');

const FULL_EXCLAMATION: u32 = unit('！');

const FULL_QUESTION: u32 = unit('？');

const IDEOGRAPHIC_SPACE: u32 = unit('\u{3000}');

const NO_BREAK_SPACE: u32 = unit('\u{a0}');

const FULL_ZERO: u32 = unit('０');

const FULL_NINE: u32 = unit('９');

/// The sentences of `text` (split where [`sentences`] splits: [`is_sentence_end`]), each
/// with a fingerprint of its characters, whitespace left out and every run of digits (half
/// or full width) read as one digit, so a sentence copied with only its figures or years
/// changed has the same fingerprint (E9). One pass over the bytes, as this runs on every
/// keystroke; empty sentences are left out.
pub(super) fn fingerprinted(text: &str) -> impl Iterator<Item = Sentence<'_>> {
    const OFFSET: u64 = FNV_OFFSET;
    const PRIME: u64 = FNV_PRIME;
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            // Two hashes, taking every other character, so that neither waits on the other.
            let mut lanes = [OFFSET, OFFSET.rotate_left(32)];
            // Characters (for the share) and hashed units (a run of digits is one).
            let (mut chars, mut units, mut in_digits) = (0_usize, 0_usize, false);
            let end = loop {
                // Most characters are ideographs (U+4E00–U+9FFF: lead bytes E4–E9), none of
                // them a break, a space or a digit.
                if let Some(&[lead, b1, b2]) = bytes.get(at..at + 3)
                    && matches!(lead, 0xE4..=0xE9)
                {
                    at += 3;
                    let c = (u64::from(lead) << 16) | (u64::from(b1) << 8) | u64::from(b2);
                    let lane = &mut lanes[units & 1];
                    *lane = (*lane ^ c).wrapping_mul(PRIME);
                    (chars, units, in_digits) = (chars + 1, units + 1, false);
                    continue;
                }
                let Some(&lead) = bytes.get(at) else {
                    break at;
                };
                let len = match lead {
                    0..0x80 => 1,
                    0xE0..0xF0 => 3,
                    0xF0.. => 4,
                    _ => 2,
                };
                let here = at;
                let c = bytes
                    .get(at..at + len)
                    .map_or(0, |b| b.iter().fold(0, |u, &b| (u << 8) | u32::from(b)));
                at += len;
                match c {
                    0x0A | 0x3B | 0x21 | 0x3F => break here,
                    FULL_STOP | FULL_SEMICOLON | FULL_EXCLAMATION | FULL_QUESTION => break here,
                    0x20 | 0x09 | 0x0D | IDEOGRAPHIC_SPACE | NO_BREAK_SPACE => continue,
                    _ => {}
                }
                chars += 1;
                let is_digit = matches!(c, 0x30..=0x39 | FULL_ZERO..=FULL_NINE);
                if is_digit && in_digits {
                    continue;
                }
                in_digits = is_digit;
                let c = if is_digit { 0x30 } else { c };
                let lane = &mut lanes[units & 1];
                *lane = (*lane ^ u64::from(c)).wrapping_mul(PRIME);
                units += 1;
            };
            let hash = (lanes[0] ^ lanes[1].rotate_left(29)).wrapping_mul(PRIME);
            if chars > 0 {
                let text = text.get(start..end).unwrap_or_default().trim();
                return Some(Sentence { text, hash, chars });
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_beside_figures_and_chinese_goes() {
        assert_eq!(
            normalise("全年收取信息处理费 3940 元"),
            "全年收取信息处理费3940元"
        );
        assert_eq!(
            normalise("共受理申请\u{3000}3191\u{a0}件"),
            "共受理申请3191件"
        );
        assert_eq!(normalise("共 3 119 件"), "共3119件");
        assert_eq!(
            normalise("Windows  10 系统\n2024 年"),
            "Windows 10系统\n2024年"
        );
        assert!(matches!(normalise("没有空格。"), Cow::Borrowed(_)));
    }

    #[test]
    fn numerals() {
        for (text, value) in [
            ("59", 59),
            ("５９", 59),
            ("两", 2),
            ("二", 2),
            ("十", 10),
            ("十二", 12),
            ("二十三", 23),
            ("一百零五", 105),
            ("三千二百", 3200),
            ("一万二千", 12_000),
        ] {
            assert_eq!(numeral_value(text), Some(value), "{text}");
        }
        assert_eq!(numeral_value("百"), None, "「近百件」");
        assert_eq!(numeral_value("3十"), None);
        assert_eq!(numeral_value("99999999999999999999999"), None);
    }

    #[test]
    fn sentences_and_clauses() {
        let text = "共收到申请59件，其中予以公开3件；办结59件。\n无收费";
        let all: Vec<&str> = sentences(text).collect();
        assert_eq!(
            all,
            ["共收到申请59件，其中予以公开3件", "办结59件", "无收费"]
        );
        let at = text.find("予以").unwrap_or(0);
        let (s, e) = span(text, at, is_clause_end);
        assert_eq!(&text[s..e], "其中予以公开3件");
    }

    #[test]
    fn fingerprinted_sentences_are_the_sentences() {
        for text in [
            "一、总体情况。本年度共收到申请１２件；均已答复！是否收费？否\n第二行; a!b?c",
            "  前有空格。\u{3000}全角空格在此；\r\n\n\n末句没有句号",
            "。；！？",
            "",
            "２０２４年 ，共 137 件",
        ] {
            let split: Vec<&str> = sentences(text).collect();
            let scanned: Vec<&str> = fingerprinted(text).map(|s| s.text).collect();
            assert_eq!(scanned, split, "{text:?}");
        }
    }
}
