//! Row labels and values as matching sees them: a label's skeleton (no punctuation,
//! Simplified characters) and its core (without annotations), the tokens of a section, and
//! a label found among them, also when a narrow column wrapped it.

use super::super::hanzi;
use super::super::source::{Layout, Line};
use crate::number::{ascii_digit, parse_number};

/// What reports print in a cell that has nothing to count.
pub(super) const NONE_MARKS: [&str; 9] = ["/", "／", "-", "—", "－", "无", "——", "--", "－－"];

/// A label as a skeleton for matching: Simplified characters, ASCII digits, no spaces or
/// punctuation, so 「(二)部分公开(区分处理的,只计这一情形,不计其他情形)」 matches
/// 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」.
pub(super) fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '（' | '）'
                        | '('
                        | ')'
                        | '，'
                        | ','
                        | '、'
                        | '：'
                        | ':'
                        | '。'
                        | '.'
                        | '．'
                        | '“'
                        | '”'
                        | '"'
                        | '\''
                        | '‘'
                        | '’'
                        | '|'
                        | '｜'
                        | ';'
                        | '；'
                )
        })
        .map(|c| match ascii_digit(c) {
            d if d.is_ascii_digit() => d,
            c => hanzi::simplified(c),
        })
        .collect()
}

/// A label without its annotations in brackets (「上一年项目数量(指2019年事项数)」 →
/// 「上一年项目数量」), keeping a leading number such as 「（二）」; as a skeleton.
pub(super) fn core(text: &str) -> String {
    if !text.contains(['（', '(', '【', '[']) {
        return skeleton(text);
    }
    let mut out = String::new();
    let mut depth = 0_usize;
    let mut leading = true;
    let chars: Vec<char> = text.trim().chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if leading && (c == '（' || c == '(') {
            // 「（二）」 at the start is the row's number, not an annotation.
            let close = chars[i + 1..].iter().position(|&x| x == '）' || x == ')');
            if let Some(len) = close.filter(|&n| n > 0 && n <= 3) {
                out.extend(&chars[i + 1..=i + len]);
                i += len + 2;
                leading = false;
                continue;
            }
        }
        leading = false;
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
        i += 1;
    }
    // A bracket left open is a label cut short (wrapped), not an annotation.
    if depth > 0 {
        return String::new();
    }
    skeleton(&out)
}

/// Whether a cell holds a value: a number, or what reports print for none.
pub(super) fn is_value(cell: &str) -> bool {
    let cell = cell.trim();
    NONE_MARKS.contains(&cell) || number_in(cell).is_some()
}

/// The number a cell prints, with its unit (「251000元」「160.5964万元」) if it has one.
pub(super) fn number_in(cell: &str) -> Option<(crate::number::Decimal, &str)> {
    let cell = cell.trim();
    if let Ok(Some(n)) = parse_number(cell) {
        return Some((n, ""));
    }
    for unit in ["万元", "元", "件", "条", "个"] {
        if let Some(n) = cell
            .strip_suffix(unit)
            .and_then(|v| parse_number(v.trim()).ok().flatten())
        {
            return Some((n, unit));
        }
    }
    None
}

/// A non-empty cell of a section (or, in text, an empty field between separators), with
/// where it stands and what matching needs of it, computed once.
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    /// Its skeleton.
    pub(super) key: String,
    /// Its skeleton without annotations (`core`).
    pub(super) core: String,
    /// An empty field, a number, or a mark for none.
    pub(super) is_value: bool,
    pub(super) line: usize,
    pub(super) col: usize,
}

impl Token<'_> {
    pub(super) fn is_value(&self) -> bool {
        self.is_value
    }
}

pub(super) fn tokens(body: &[Line]) -> Vec<Token<'_>> {
    body.iter()
        .enumerate()
        .flat_map(|(line, l)| {
            let keeps_empty = l.layout == Layout::Fields;
            l.cells
                .iter()
                .enumerate()
                .filter(move |(_, c)| keeps_empty || !c.is_empty())
                .map(move |(col, c)| {
                    let is_value = c.is_empty() || is_value(c);
                    Token {
                        text: c.as_str(),
                        key: skeleton(c),
                        core: if is_value { String::new() } else { core(c) },
                        is_value,
                        line,
                        col,
                    }
                })
        })
        .collect()
}

/// A row label found: the token it ends at, values printed between its pieces (a label
/// wrapped in a narrow column, with the figures beside its first line), and the digits run
/// into it when the row was flattened (「规章000」).
pub(super) struct LabelHit {
    pub(super) last: usize,
    pub(super) between: Vec<usize>,
    pub(super) flat: Option<String>,
}

impl LabelHit {
    pub(super) fn at(last: usize) -> Self {
        Self {
            last,
            between: Vec::new(),
            flat: None,
        }
    }
}

/// Finds a row label from token `from` on: the label itself, the label with annotations
/// (「规章（设区的市…）」), the label broken over several tokens, or the label with its row's
/// figures run into it (after the labels of its groups, `groups` as skeletons:
/// 「三、本年度办理结果（一）予以公开112000013」).
pub(super) fn find_label(
    tokens: &[Token<'_>],
    from: usize,
    label: &str,
    groups: &[String],
) -> Option<LabelHit> {
    let wanted = skeleton(label);
    let wanted_core = core(label);
    if wanted.is_empty() {
        return None;
    }
    for i in from..tokens.len() {
        let t = &tokens[i];
        if t.key.is_empty() || t.is_value() {
            continue;
        }
        if t.key == wanted {
            return Some(LabelHit::at(i));
        }
        if t.key.chars().count() >= 2
            && wanted.starts_with(&t.key)
            && let Some(hit) = wrapped_label(tokens, i, &t.key, &wanted)
        {
            return Some(hit);
        }
        if wanted_core.chars().count() >= 2 && t.core == wanted_core {
            return Some(LabelHit::at(i));
        }
        if let Some(digits) = flattened(t.text, &wanted, groups) {
            return Some(LabelHit {
                flat: Some(digits),
                ..LabelHit::at(i)
            });
        }
    }
    None
}

/// A row label printed with a character or two missing or wrong (「本年新收政府信息公开申请
/// 数」, 「5.属于三类内容事务信息」), looked for from token `from` up to `until`: the one
/// token in that stretch nearer to this label than to any other label of the table
/// (`others`, as skeletons), within one character (two for a label of eight or more).
/// Short labels are never matched so. The token and how many characters differ.
pub(super) fn near_label(
    tokens: &[Token<'_>],
    (from, until): (usize, usize),
    label: &str,
    others: &[String],
) -> Option<(usize, usize)> {
    let wanted = skeleton(label);
    let n = wanted.chars().count();
    if n < 4 {
        return None;
    }
    let max_distance = if n >= 8 { 2 } else { 1 };
    let mut found = None;
    for (i, t) in tokens.iter().enumerate().take(until).skip(from) {
        if t.is_value() || t.key.is_empty() || others.contains(&t.key) {
            continue;
        }
        let d = crate::text::edit_distance(&t.key, &wanted);
        let nearest = others
            .iter()
            .filter(|o| **o != wanted)
            .all(|o| crate::text::edit_distance(&t.key, o) > d);
        if d > max_distance || !nearest {
            continue;
        }
        if found.is_some() {
            // Two tokens as near: neither is taken.
            return None;
        }
        found = Some((i, d));
    }
    found
}

/// The digits of a flattened row whose label (a skeleton) is `wanted`: the text is the
/// label, after any of its groups' labels, with the figures run into it.
fn flattened(text: &str, wanted: &str, groups: &[String]) -> Option<String> {
    let (label, digits) = super::flat::trailing_digits(text)?;
    let key = skeleton(label);
    let mut rest = key.strip_suffix(wanted)?;
    while !rest.is_empty() {
        rest = groups
            .iter()
            .find_map(|g| rest.strip_prefix(g.as_str()).filter(|_| !g.is_empty()))?;
    }
    Some(digits)
}

/// A label broken over several tokens from `i` on (a narrow column wraps it), with the
/// values printed between its pieces.
fn wrapped_label(tokens: &[Token<'_>], i: usize, first: &str, wanted: &str) -> Option<LabelHit> {
    let mut joined = first.to_owned();
    let mut between = Vec::new();
    for (j, next) in tokens.iter().enumerate().skip(i + 1).take(24) {
        if next.is_value() {
            between.push(j);
            continue;
        }
        let longer = format!("{joined}{}", next.key);
        if !wanted.starts_with(&longer) {
            return None;
        }
        joined = longer;
        if joined == wanted {
            return Some(LabelHit {
                last: j,
                between,
                flat: None,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_and_numbers_in_labels() {
        assert_eq!(core("上一年项目数量(指2019年事项数)"), "上一年项目数量");
        assert_eq!(
            core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "二部分公开"
        );
        assert_eq!(core("规章(设区的市、自治州人民政府应提供相关数据)"), "规章");
        assert_eq!(core("本年收费金额（单位：万元）"), "本年收费金额");
    }
}
