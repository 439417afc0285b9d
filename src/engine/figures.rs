//! R11: figures quoted in the narrative against the tables. 「共受理…申请59件」,
//! 「予以公开3件，占已答复件数的5.1%」, 「均获维持」, 「未收到…申请」.
//!
//! Prose is read clause by clause. A figure counts only as 「N件」 or 「N起」 (Arabic,
//! full-width or Chinese numerals); the quantity it states is the one named nearest before
//! it in the clause. Comparisons (增加, 同比…) and sub-results (维持, 其中…) are left
//! alone, and a figure is wrong only when it matches none of the sums the template allows
//! for its quantity: the check must not cry wolf on ordinary, correct reports.

use super::checks::{Facts, finding};
use super::{Finding, Target};
use crate::number::Decimal;
use crate::template::{CellIdx, Quantity, Rule};

/// Words in a clause that make its figure a change, not a count.
const COMPARISON: [&str; 11] = [
    "增加", "减少", "增长", "下降", "上升", "同比", "环比", "较上", "比上", "多出", "少于",
];
/// Words between a quantity's name and its figure that make the figure a part of it:
/// 「行政复议…维持2件」, 「申请…其中…」.
const PART_OF: [&str; 12] = [
    "维持",
    "纠正",
    "撤销",
    "驳回",
    "确认违法",
    "责令",
    "审结",
    "其中",
    "涉及",
    "胜诉",
    "败诉",
    "占",
];

/// A figure in the prose: its value and where it stands (byte offsets in the clause).
struct Figure {
    value: u64,
    start: usize,
    end: usize,
}

pub(super) struct Input<'a> {
    pub(super) quantities: &'a [Quantity],
    pub(super) percent_base: &'a [CellIdx],
    pub(super) upheld_words: &'a [String],
    pub(super) not_upheld: &'a [CellIdx],
    pub(super) none_received: &'a [CellIdx],
}

pub(super) fn check(facts: &Facts<'_>, rule: &Rule, input: &Input<'_>, out: &mut Vec<Finding>) {
    let template = facts.template;
    for part in template.parts() {
        let text = facts.draft.text(&part.id);
        if text.trim().is_empty() {
            continue;
        }
        // A text without 件, 起, 维持 or 未收到 has nothing for this rule.
        if !text.contains(['件', '起', '维', '未']) {
            continue;
        }
        for sentence in text.split(['。', '；', ';', '！', '？', '\n']) {
            // Most sentences state no count and no verdict: leave them at once.
            if sentence.contains(['件', '起', '维', '未']) {
                sentence_figures(facts, rule, input, &part.id, &part.name, sentence, out);
            }
        }
    }
}

fn sentence_figures(
    facts: &Facts<'_>,
    rule: &Rule,
    input: &Input<'_>,
    part_id: &str,
    part_name: &str,
    sentence: &str,
    out: &mut Vec<Finding>,
) {
    let mut flag = |problem: String, cells: &[CellIdx]| {
        let mut targets = vec![Target::Part(part_id.to_owned())];
        targets.extend(cells.iter().map(|&i| Target::Cell(i)));
        out.push(finding(
            rule,
            targets,
            &[
                ("part", part_name),
                ("excerpt", &shorten(sentence.trim())),
                ("problem", &problem),
            ],
        ));
    };
    // 「均获维持」 while cases were corrected or are pending.
    if sentence.contains('维')
        && input
            .upheld_words
            .iter()
            .any(|w| sentence.contains(w.as_str()))
    {
        let open: Vec<(CellIdx, Decimal)> = input
            .not_upheld
            .iter()
            .filter_map(|&i| Some((i, facts.value(i)?)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        if !open.is_empty() {
            let list: Vec<String> = open
                .iter()
                .map(|&(i, v)| format!("{}{v}件", short_name(facts, i)))
                .collect();
            let cells: Vec<CellIdx> = open.iter().map(|&(i, _)| i).collect();
            flag(
                format!("说案件均获维持，但表四中{}", list.join("、")),
                &cells,
            );
        }
    }
    // 「未收到…申请」 while the table has new applications.
    if let Some(at) = sentence.find("未收到")
        && sentence[at..]
            .chars()
            .take(16)
            .collect::<String>()
            .contains("申请")
        && let Some(n) = facts.sum(input.none_received)
        && !n.is_zero()
    {
        flag(
            format!("说未收到申请，但表三本年新收申请为{n}件"),
            input.none_received,
        );
    }
    if !sentence.contains(['件', '起']) {
        return;
    }
    let mut clauses = sentence.split(['，', ',', '：', ':', '、']).peekable();
    while let Some(clause) = clauses.next() {
        // A percentage often follows in the next clause: 「予以公开3件，占…5.1%」.
        let next = clauses.peek().copied().unwrap_or_default();
        clause_figures(facts, input, clause, next, &mut flag);
    }
}

fn clause_figures(
    facts: &Facts<'_>,
    input: &Input<'_>,
    clause: &str,
    next: &str,
    flag: &mut impl FnMut(String, &[CellIdx]),
) {
    // Most clauses state no count at all (「文件」 is not one): leave them at once.
    let found = figures(clause);
    if found.is_empty() || contains_any(clause, &COMPARISON) {
        return;
    }
    for figure in found {
        let before = &clause[..figure.start];
        let Some((quantity, word_end)) = nearest_quantity(before, input.quantities) else {
            continue;
        };
        let between = without_years(&before[word_end..]);
        if contains_any(&between, &PART_OF)
            || between
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            continue;
        }
        if !quantity.context.is_empty()
            && !quantity.context.iter().any(|w| clause.contains(w.as_str()))
        {
            continue;
        }
        let sums: Vec<Decimal> = quantity
            .sums
            .iter()
            .filter_map(|cells| facts.sum(cells))
            .collect();
        // Every allowed sum must be known to say the figure is wrong.
        if sums.len() != quantity.sums.len() || sums.is_empty() {
            continue;
        }
        let value = Decimal::from_int(i128::from(figure.value));
        if !sums.contains(&value) {
            let expected: Vec<String> = sums.iter().map(ToString::to_string).collect();
            let mut expected_list = expected.clone();
            expected_list.dedup();
            let cells = quantity.sums.first().map(Vec::as_slice).unwrap_or_default();
            flag(
                format!(
                    "写{}为{}件，表中为{}件",
                    quantity.name,
                    figure.value,
                    expected_list.join("件或")
                ),
                cells,
            );
            continue;
        }
        // A percentage of a result category: on （七）总计.
        if !is_result_category(quantity, input.percent_base) {
            continue;
        }
        let after = format!("{}，{next}", &clause[figure.end..]);
        if let Some(percent) = percent_after(&after)
            && let Some(base) = facts.sum(input.percent_base)
            && !base.is_zero()
        {
            let (shown, decimals) = percent;
            let exact = to_f64(value) * 100.0 / to_f64(base);
            let tolerance = 0.5 * 10_f64.powi(-i32::from(decimals)) + 1e-9;
            if (exact - shown).abs() > tolerance {
                flag(
                    format!(
                        "{}占比写为{shown:.prec$}%，按（七）总计{base}件应为{exact:.prec$}%",
                        quantity.name,
                        prec = usize::from(decimals)
                    ),
                    input.percent_base,
                );
            }
        }
    }
}

/// Whether `text` holds any of `words`: a fast look for each first character, then the
/// word (most of these texts are a few dozen characters and hold none).
fn contains_any(text: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| w.chars().next().is_some_and(|c| text.contains(c)) && text.contains(w))
}

/// The quantity named nearest before a figure (the word ending closest to it; of words
/// ending at the same place, the longest), and where that word ends.
fn nearest_quantity<'q>(before: &str, quantities: &'q [Quantity]) -> Option<(&'q Quantity, usize)> {
    let mut end = before.len();
    loop {
        let head = &before[..end];
        let mut best: Option<(&Quantity, usize)> = None;
        for q in quantities {
            for w in &q.words {
                if head.ends_with(w.as_str()) && best.is_none_or(|(_, len)| w.len() > len) {
                    best = Some((q, w.len()));
                }
            }
        }
        if let Some((q, _)) = best {
            return Some((q, end));
        }
        end = head.char_indices().next_back()?.0;
    }
}

/// Text without its years (「2023年」, 「2023年度」), which are not figures.
fn without_years(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let is_year = i + 4 < chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_year {
            i += 5;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Whether a quantity is one of the categories (七)总计 adds up (its cells are summed into
/// the base), so a percentage of it is taken on that base.
fn is_result_category(quantity: &Quantity, base: &[CellIdx]) -> bool {
    quantity.sums.iter().flatten().all(|c| !base.contains(c))
        && quantity.words.iter().any(|w| {
            [
                "予以公开",
                "部分公开",
                "不予公开",
                "无法提供",
                "不予处理",
                "其他处理",
            ]
            .contains(&w.as_str())
        })
}

/// 「占…X%」 or 「占比X%」 right after a figure: (X, its decimals).
fn percent_after(after: &str) -> Option<(f64, u8)> {
    let at = after.find('占')?;
    if after[..at].chars().count() > 2 {
        return None;
    }
    let rest: String = after[at..].chars().take(16).collect();
    let pct = rest.find(['%', '％'])?;
    let digits: String = rest[..pct]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    Some((digits.parse().ok()?, u8::try_from(decimals).ok()?))
}

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// Every 「N件」/「N起」 in a clause: Arabic, full-width or Chinese numerals, not a year
/// (「2023年41件」 is 41) and not part of a longer number.
fn figures(clause: &str) -> Vec<Figure> {
    let mut found = Vec::new();
    for (i, c) in clause.char_indices() {
        if c != '件' && c != '起' {
            continue;
        }
        let start = clause[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_numeral(*c))
            .last()
            .map_or(i, |(at, _)| at);
        if start == i {
            continue;
        }
        let text = &clause[start..i];
        // 「一起」 (together) and 「一件」 in set phrases are words, not counts.
        if c == '起' && !text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(value) = numeral_value(text) {
            found.push(Figure {
                value,
                start,
                end: i + c.len_utf8(),
            });
        }
    }
    found
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇一二两三四五六七八九十百千万".contains(c)
}

/// The value of a numeral: 59, ５９, 两, 二十三, 一百零五, 1万.
fn numeral_value(text: &str) -> Option<u64> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xff10 + u32::from(b'0')).unwrap_or(c),
            c => c,
        })
        .collect();
    if ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    if ascii.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut total = 0_u64;
    let mut section = 0_u64;
    let mut digit = 0_u64;
    for c in ascii.chars() {
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

/// A sentence shortened for a message.
fn shorten(sentence: &str) -> String {
    let n = sentence.chars().count();
    if n <= 40 {
        return sentence.to_owned();
    }
    let head: String = sentence.chars().take(38).collect();
    format!("{head}…")
}

/// A cell named for a message in short: 行政复议 结果纠正.
fn short_name(facts: &Facts<'_>, idx: CellIdx) -> String {
    facts
        .template
        .cells
        .get(idx)
        .map_or_else(String::new, |c| c.col_name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(numeral_value("5十"), None);
    }

    #[test]
    fn figures_are_counts_not_years() {
        let values: Vec<u64> = figures("结转2023年41件，一起办理，两件")
            .iter()
            .map(|f| f.value)
            .collect();
        assert_eq!(values, [41, 2]);
    }

    #[test]
    fn percentages() {
        assert_eq!(percent_after("，占已答复件数的5.1%"), Some((5.1, 1)));
        assert_eq!(percent_after("，占比61%"), Some((61.0, 0)));
        assert_eq!(percent_after("，同比增长5%"), None);
    }
}
