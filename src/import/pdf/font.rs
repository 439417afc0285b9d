//! A PDF font as the text layer needs it: its codes decoded to characters (a `ToUnicode` map, a
//! simple font's encoding and glyph names, or the predefined Chinese encodings GBK and
//! UCS-2) and their widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::{MAX_CMAP_ENTRIES, deref, deref_dict, inflate, number_of, numbers};

/// How a font's strings are cut into character codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Codes {
    /// Simple fonts: one byte a code.
    #[default]
    OneByte,
    /// `Identity-H` and other two-byte `CMap`s.
    TwoBytes,
    /// The predefined GB `CMap`s (`GBK-EUC-H`…): GBK bytes, one byte below 0x80.
    Gbk,
    /// `UniGB-UCS2-H`, `UniGB-UTF16-H`: UTF-16 code units.
    Utf16,
}

/// What reading a font's strings needs.
#[derive(Clone, Debug, Default)]
pub(super) struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: widths from `FirstChar`; composite fonts: by CID (`W`).
    first_char: u32,
    widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Simple fonts: characters named by `Differences`.
    differences: HashMap<u32, char>,
}

impl Font {
    pub(super) fn read(doc: &Document, dict: &Dictionary, budget: &mut u64) -> Self {
        let mut font = Self {
            default_width: 500.0,
            ..Self::default()
        };
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        if subtype == b"Type0" {
            font.read_composite(doc, dict);
        } else {
            font.read_simple(doc, dict);
        }
        if let Some(stream) = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
            && let Some(bytes) = inflate(stream, budget)
        {
            font.to_unicode = parse_cmap(&bytes);
        }
        font
    }

    /// A composite (`Type0`) font: how its strings are cut into codes (by its encoding), and
    /// its descendant font's widths by CID.
    pub(super) fn read_composite(&mut self, doc: &Document, dict: &Dictionary) {
        self.default_width = 1000.0;
        let encoding = dict.get(b"Encoding").ok();
        self.codes = match encoding.and_then(|o| o.as_name().ok()) {
            Some(name)
                if name.starts_with(b"Uni")
                    && name.windows(3).any(|w| w == b"UCS" || w == b"UTF") =>
            {
                Codes::Utf16
            }
            Some(name) if name.starts_with(b"GB") => Codes::Gbk,
            _ => Codes::TwoBytes,
        };
        if let Some(descendant) = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref_dict(doc, o))
        {
            if let Some(dw) = descendant.get(b"DW").ok().and_then(number_of) {
                self.default_width = dw;
            }
            if let Some(w) = descendant
                .get(b"W")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
            {
                self.cid_widths = cid_widths(doc, w);
            }
        }
    }

    /// A simple font: its widths from `FirstChar`, the width of characters it has none for,
    /// and the characters its encoding's `Differences` name.
    pub(super) fn read_simple(&mut self, doc: &Document, dict: &Dictionary) {
        self.first_char = dict
            .get(b"FirstChar")
            .ok()
            .and_then(number_of)
            .map_or(0, |n| n.max(0.0) as u32);
        if let Some(widths) = dict.get(b"Widths").ok().and_then(|o| numbers(doc, o)) {
            self.widths = widths;
        }
        if let Some(missing) = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| deref_dict(doc, o))
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(number_of)
            .filter(|w| *w > 0.0)
        {
            self.default_width = missing;
        }
        if let Some(differences) = dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| deref_dict(doc, o))
            .and_then(|d| d.get(b"Differences").ok())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            let mut code = 0_u32;
            for item in differences {
                match item {
                    Object::Integer(n) => code = u32::try_from(*n).unwrap_or(0),
                    Object::Name(name) => {
                        if let Some(c) = glyph_name_char(name) {
                            self.differences.insert(code, c);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }

    /// The character codes of a string, with their length in bytes.
    pub(super) fn codes(&self, bytes: &[u8], out: &mut Vec<(u32, usize)>) {
        let mut i = 0;
        while i < bytes.len() {
            let two = || {
                bytes
                    .get(i + 1)
                    .map(|b| u32::from(bytes[i]) << 8 | u32::from(*b))
            };
            let (code, n) = match self.codes {
                Codes::OneByte => (u32::from(bytes[i]), 1),
                Codes::TwoBytes | Codes::Utf16 => match two() {
                    Some(code) => (code, 2),
                    None => break,
                },
                Codes::Gbk if bytes[i] < 0x80 => (u32::from(bytes[i]), 1),
                Codes::Gbk => match two() {
                    Some(code) => (code, 2),
                    None => break,
                },
            };
            out.push((code, n));
            i += n;
        }
    }

    /// The width of a code in thousandths of the font size.
    pub(super) fn width(&self, code: u32, n_bytes: usize) -> f32 {
        match self.codes {
            Codes::OneByte => code
                .checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .unwrap_or(self.default_width),
            Codes::TwoBytes => self
                .cid_widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width),
            // Predefined CMaps: CIDs are not known here; half width for one byte.
            Codes::Gbk | Codes::Utf16 => {
                if n_bytes == 1 || code < 0x80 {
                    500.0
                } else {
                    1000.0
                }
            }
        }
    }

    /// The text a code stands for.
    pub(super) fn text(&self, code: u32, n_bytes: usize) -> String {
        if let Some(text) = self.to_unicode.get(&code) {
            return text.clone();
        }
        let c = match self.codes {
            Codes::OneByte => self.differences.get(&code).copied().or_else(|| {
                (0x20..0x7f)
                    .contains(&code)
                    .then(|| char::from_u32(code))
                    .flatten()
            }),
            Codes::Gbk if n_bytes == 1 => char::from_u32(code),
            Codes::Gbk => {
                let bytes = [(code >> 8) as u8, code as u8];
                let (text, _, had_errors) = encoding_rs::GBK.decode(&bytes);
                (!had_errors).then(|| text.chars().next()).flatten()
            }
            Codes::Utf16 => char::from_u32(code),
            Codes::TwoBytes => None,
        };
        c.unwrap_or('\u{fffd}').to_string()
    }
}

/// A composite font's `W` array: `c [w1 w2 …]` and `c_first c_last w`.
pub(super) fn cid_widths(doc: &Document, array: &[Object]) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let mut i = 0;
    while i < array.len() && widths.len() < MAX_CMAP_ENTRIES {
        let Some(first) = number_of(&array[i]) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match array.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().enumerate() {
                    if let Some(w) = number_of(w) {
                        widths.insert(first + k as u32, w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(w)) = (number_of(last), array.get(i + 2).and_then(number_of))
                else {
                    break;
                };
                let last =
                    (last.max(0.0) as u32).min(first.saturating_add(MAX_CMAP_ENTRIES as u32));
                for code in first..=last {
                    widths.insert(code, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    widths
}

/// The `bfchar` and `bfrange` entries of a `ToUnicode` `CMap`.
pub(super) fn parse_cmap(bytes: &[u8]) -> HashMap<u32, String> {
    let tokens = cmap_tokens(bytes);
    let mut map = HashMap::new();
    let mut i = 0;
    let code = |t: &CmapToken| match t {
        CmapToken::Hex(b) if b.len() <= 4 => {
            Some(b.iter().fold(0_u32, |n, x| n << 8 | u32::from(*x)))
        }
        _ => None,
    };
    while i < tokens.len() && map.len() < MAX_CMAP_ENTRIES {
        match &tokens[i] {
            CmapToken::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != CmapToken::Word("endbfchar".to_owned()) {
                    if let (Some(src), CmapToken::Hex(dst)) = (code(&tokens[i]), &tokens[i + 1]) {
                        map.insert(src, utf16(dst));
                    }
                    i += 2;
                }
            }
            CmapToken::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != CmapToken::Word("endbfrange".to_owned())
                {
                    let (Some(lo), Some(hi)) = (code(&tokens[i]), code(&tokens[i + 1])) else {
                        i += 1;
                        continue;
                    };
                    let hi = hi.min(lo.saturating_add(MAX_CMAP_ENTRIES as u32));
                    match &tokens[i + 2] {
                        CmapToken::Hex(dst) => {
                            let mut units = utf16_units(dst);
                            for src in lo..=hi {
                                map.insert(src, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        CmapToken::Open => {
                            let mut src = lo;
                            i += 3;
                            while i < tokens.len() && tokens[i] != CmapToken::Close {
                                if let CmapToken::Hex(dst) = &tokens[i] {
                                    if src <= hi {
                                        map.insert(src, utf16(dst));
                                    }
                                    src += 1;
                                }
                                i += 1;
                            }
                            i += 1;
                        }
                        _ => i += 3,
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

pub(super) fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

pub(super) fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CmapToken {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

/// The tokens of a `CMap` that matter: hex strings, words, array brackets.
pub(super) fn cmap_tokens(bytes: &[u8]) -> Vec<CmapToken> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' if bytes.get(i + 1) != Some(&b'<') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(bytes.len(), |p| i + p);
                let digits: Vec<u8> = bytes[i + 1..end]
                    .iter()
                    .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let hex = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                tokens.push(CmapToken::Hex(hex));
                i = end + 1;
            }
            b'[' => {
                tokens.push(CmapToken::Open);
                i += 1;
            }
            b']' => {
                tokens.push(CmapToken::Close);
                i += 1;
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                tokens.push(CmapToken::Word(
                    String::from_utf8_lossy(&bytes[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    tokens
}

/// The character a glyph name stands for: `uniXXXX`, or the names of ASCII characters.
pub(super) fn glyph_name_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u'))
        && let Some(c) = u32::from_str_radix(hex.get(..4.min(hex.len()))?, 16)
            .ok()
            .and_then(char::from_u32)
    {
        return Some(c);
    }
    const DIGITS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    if let Some(d) = DIGITS.iter().position(|d| *d == name) {
        return char::from_digit(d as u32, 10);
    }
    let c = match name {
        "space" => ' ',
        "period" => '.',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "percent" => '%',
        "slash" => '/',
        "colon" => ':',
        "parenleft" => '(',
        "parenright" => ')',
        "emdash" => '—',
        _ if name.len() == 1 => name.chars().next()?,
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_maps_single_codes_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0A1B> <5E74> endbfchar
            2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E00> <D840DC00>] endbfrange
            endcmap";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&0x0003).map(String::as_str), Some(" "));
        assert_eq!(map.get(&0x0a1b).map(String::as_str), Some("年"));
        assert_eq!(map.get(&0x0011).map(String::as_str), Some("1"));
        assert_eq!(map.get(&0x0012).map(String::as_str), Some("2"));
        assert_eq!(map.get(&0x0020).map(String::as_str), Some("一"));
        assert_eq!(map.get(&0x0021).map(String::as_str), Some("\u{20000}"));
    }

    #[test]
    fn a_range_that_claims_the_whole_code_space_is_capped() {
        let map = parse_cmap(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(map.len() <= MAX_CMAP_ENTRIES + 1, "{}", map.len());
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char(b"uni5E74"), Some('年'));
        assert_eq!(glyph_name_char(b"seven"), Some('7'));
        assert_eq!(glyph_name_char(b"period"), Some('.'));
        assert_eq!(glyph_name_char(b"A"), Some('A'));
        assert_eq!(glyph_name_char(b"g123"), None);
    }

    #[test]
    fn gbk_and_two_byte_codes() {
        let gbk = Font {
            codes: Codes::Gbk,
            ..Font::default()
        };
        let mut codes = Vec::new();
        // 「年3」 in GBK: C4EA, then one byte.
        gbk.codes(&[0xc4, 0xea, b'3'], &mut codes);
        assert_eq!(codes, [(0xc4ea, 2), (u32::from(b'3'), 1)]);
        assert_eq!(gbk.text(0xc4ea, 2), "年");
        assert_eq!(gbk.text(u32::from(b'3'), 1), "3");
        let identity = Font {
            codes: Codes::TwoBytes,
            ..Font::default()
        };
        codes.clear();
        identity.codes(&[0, 5, 0], &mut codes);
        assert_eq!(codes, [(5, 2)], "a trailing odd byte is dropped");
        assert_eq!(
            identity.text(5, 2),
            "\u{fffd}",
            "no map: unknown, not made up"
        );
    }
}
