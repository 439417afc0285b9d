//! Small text utilities: display width in a monospace grid (CJK characters take two
//! cells), edit distance (for 「did you mean」 and near-miss 文号), and how a table's
//! labels are keyed (`label_key`, `strip_numbering`).

/// Text without any whitespace (ASCII, full-width, non-breaking): how names are compared.
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// FNV-1a's 64-bit offset basis and prime (also E9's sentence fingerprints).
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// See [`FNV_OFFSET`].
pub const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a (64 bit) of bytes as 16 hex digits: a stable identity (verdicts' fingerprints,
/// units' files), the same on every system and version.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
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
    without_spacing(text, false, |around| match around {
        (Some(a), Some(b)) => {
            (is_cjk(a) && b.is_ascii_graphic()) || (a.is_ascii_graphic() && is_cjk(b))
        }
        _ => false,
    })
    .unwrap_or_else(|| text.to_owned())
}

/// `text` with each run of whitespace within a line (not line breaks) dropped where
/// `drops(before, after)` says, for the characters on either side (`None` at the start or
/// end of the text); a run not dropped is kept as it was or, with `collapse`, as one space.
/// `None` when that changes nothing. How both the importer and the prose rules read
/// spacing, each with its own rule.
pub fn without_spacing(
    text: &str,
    collapse: bool,
    drops: impl Fn((Option<char>, Option<char>)) -> bool,
) -> Option<String> {
    let is_space = |c: char| c.is_whitespace() && c != '\n';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_space(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|&x| !is_space(x))
            .map_or(chars.len(), |p| i + p);
        if drops((out.chars().next_back(), chars.get(end).copied())) {
            dropped = true;
        } else if collapse {
            dropped |= chars[i..end] != [' '];
            out.push(' ');
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    dropped.then_some(out)
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

/// A table label in lines of at most `width` columns (as [`display_width`] counts them),
/// broken only between words: at `breaks` (the characters before each break, as the
/// template marks them), after 、，；： and a closing bracket, and before an opening one;
/// nowhere else (「自然人」 is one word). A word wider than a line stays whole on a line of
/// its own (the renderer wraps it, as it must).
pub fn wrap_label(text: &str, breaks: &[usize], width: usize) -> String {
    if display_width(text) <= width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut at: Vec<usize> = breaks.to_vec();
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '、' | '，' | '；' | '：' | '）' | ',' | ';' | ':' | ')') {
            at.push(i + 1);
        }
        if matches!(c, '（' | '(') {
            at.push(i);
        }
    }
    at.retain(|&i| 0 < i && i < chars.len());
    at.sort_unstable();
    at.dedup();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut start = 0;
    for end in at.into_iter().chain([chars.len()]) {
        let word: String = chars[start..end].iter().collect();
        start = end;
        if !line.is_empty() && display_width(&line) + display_width(&word) > width {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines.join("\n")
}

/// How labels are matched: a label or value without numbering (「（三）」「3.」「三、」),
/// brackets, punctuation and spaces: 「（二）部分公开（区分处理的…）」 → 部分公开.
pub fn label_key(text: &str) -> String {
    let text = compact(text);
    let mut rest = text.as_str();
    while let Some(shorter) = strip_numbering(rest) {
        rest = shorter;
    }
    // Numbering inside (「不予处理（一）…」 copied with its group) goes; then a remark in
    // brackets after the name: （区分处理的，只计这一情形…）.
    let rest = without_bracketed_numbers(rest);
    let name = rest.split(['（', '(']).next().unwrap_or(&rest);
    name.chars()
        .filter(|c| !c.is_ascii_punctuation() && !"，。、：；“”‘’—－·【】「」《》".contains(*c))
        .collect()
}

/// Text without bracketed numbers: 「本年度办理结果（一）予以公开」 → 本年度办理结果予以公开.
fn without_bracketed_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '（' | '(') {
            let n = chars[i + 1..]
                .iter()
                .take_while(|c| is_list_numeral(**c))
                .count();
            if n > 0 && matches!(chars.get(i + 1 + n), Some('）' | ')')) {
                i += n + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Text after a leading number: 「（三）」「(3)」「三、」「3.」; `None` when there is none.
pub fn strip_numbering(s: &str) -> Option<&str> {
    if let Some((n, rest)) = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.split_once(['）', ')']))
        && !n.is_empty()
        && n.chars().all(is_list_numeral)
    {
        return Some(rest);
    }
    let digits = s
        .char_indices()
        .take_while(|(_, c)| is_list_numeral(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 {
        return None;
    }
    s[digits..].strip_prefix(['、', '.', '．'])
}

/// A digit or a Chinese numeral as list numbering uses them (「三、」「（十）」「3.」).
pub fn is_list_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
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
    fn labels_break_between_words() {
        use super::wrap_label;
        let label = "2.其他法律行政法规禁止公开";
        let marks = [2, 4, 6, 10];
        assert_eq!(wrap_label(label, &marks, 30), label, "it fits");
        assert_eq!(
            wrap_label(label, &marks, 16),
            "2.其他法律\n行政法规禁止公开"
        );
        assert_eq!(
            wrap_label(label, &marks, 12),
            "2.其他法律\n行政法规\n禁止公开"
        );
        // Unmarked, at punctuation and brackets only.
        assert_eq!(
            wrap_label("（二）部分公开（区分处理的，只计这一情形）", &[], 20),
            "（二）部分公开\n（区分处理的，\n只计这一情形）"
        );
        assert_eq!(wrap_label("（三）不予公开", &[], 10), "（三）\n不予公开");
        assert_eq!(wrap_label("自然人", &[], 4), "自然人", "one word");
        assert_eq!(wrap_label("社会公益组织", &[2, 4], 4), "社会\n公益\n组织");
        // A word wider than the line stays whole.
        assert_eq!(
            wrap_label("三、本年度办理结果", &[2, 5], 2),
            "三、\n本年度\n办理结果"
        );
        assert_eq!(wrap_label("2024", &[], 2), "2024");
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
}
