//! Small text utilities: display width in a monospace grid (CJK characters take two
//! cells) and edit distance (for 「did you mean」 and near-miss 文号).

/// Text without any whitespace (ASCII, full-width, non-breaking): how names are compared.
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// FNV-1a (64 bit) of bytes as 16 hex digits: a stable identity (verdicts' fingerprints,
/// units' files), the same on every system and version.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Columns `text` takes in a monospace grid.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes as a Chinese reader's monospace text shows it: 2 for East
/// Asian wide and full-width characters and for the ambiguous ones Chinese fonts draw wide
/// (“ ” ‘ ’ — … · ① ○ ×: Unicode's East Asian Width in a CJK context), 0 for combining
/// marks and controls, else 1.
pub fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width_cjk(c).unwrap_or(0)
}

/// Whether a character is Chinese (or full-width punctuation), which is set without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{3fffd}'
        | '—' | '…' | '“' | '”' | '‘' | '’')
}

/// `text` without the whitespace between Chinese and half-width characters (「3119 件」,
/// 「2024 年」, 「IPV6 升级」, 「90% 以上」): spacing that PDF text and Word's layout leave, not
/// part of the words. Whitespace between two Chinese characters, or between Latin words,
/// and line breaks stay.
pub fn without_cjk_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() && c != '\n' {
            let end = chars[i..]
                .iter()
                .position(|x| !x.is_whitespace() || *x == '\n')
                .map_or(chars.len(), |p| i + p);
            let before = out.chars().last();
            let after = chars.get(end).copied();
            let joins = |a: char, b: char| {
                (is_cjk(a) && b.is_ascii_graphic()) || (a.is_ascii_graphic() && is_cjk(b))
            };
            if let (Some(a), Some(b)) = (before, after)
                && joins(a, b)
            {
                i = end;
                continue;
            }
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `text` padded with spaces to `width` columns (left-aligned).
pub fn pad_right(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` padded with spaces to `width` columns (right-aligned).
pub fn pad_left(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

/// A table label with line breaks between words where it does not fit `per_line`
/// characters: the official template breaks 「商业/企业」「社会/公益/组织」「结果/维持」, never
/// inside a word as automatic wrapping does (「商业企/业」). Short labels are two-character
/// words; a short numbered label breaks after its number (「（三）/不予公开」); longer ones
/// are left to wrap by themselves.
pub fn break_label(text: &str, per_line: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= per_line || chars.len() > 8 {
        return text.to_owned();
    }
    if let Some(rest) = text.strip_prefix('（')
        && let Some(close) = rest.find('）')
        && rest[..close].chars().count() <= 2
    {
        let number_end = '（'.len_utf8() + close + '）'.len_utf8();
        return format!("{}\n{}", &text[..number_end], &text[number_end..]);
    }
    if per_line < 2 || !chars.iter().all(|&c| is_cjk(c)) {
        return text.to_owned();
    }
    chars
        .chunks(2)
        .map(|w| w.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{display_width, edit_distance, pad_left};

    #[test]
    fn distances() {
        assert_eq!(edit_distance("国办政务公开办函", "国办公开办函"), 2);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("自然人"), 6);
        assert_eq!(display_width("（一）"), 6);
        assert_eq!(display_width("３"), 2);
        // Quotes and dashes are drawn wide in Chinese text: 「“三安全一稳定”」 keeps its row.
        assert_eq!(display_width("3.危及“三安全一稳定”"), 2 + 2 * 10);
        assert_eq!(display_width("——…"), 6);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(pad_left("47", 4), "  47");
    }

    #[test]
    fn labels_break_between_words() {
        assert_eq!(super::break_label("商业企业", 3), "商业\n企业");
        assert_eq!(super::break_label("社会公益组织", 3), "社会\n公益\n组织");
        assert_eq!(super::break_label("结果维持", 2), "结果\n维持");
        assert_eq!(super::break_label("自然人", 3), "自然人");
        assert_eq!(super::break_label("（三）不予公开", 5), "（三）\n不予公开");
        assert_eq!(
            super::break_label("本年新收政府信息公开申请数量", 5),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(super::break_label("2024", 2), "2024");
    }
}
