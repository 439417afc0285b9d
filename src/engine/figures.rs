//! R11: figures quoted in the narrative against the tables. 「共受理…申请59件」,
//! 「予以公开3件，占已答复件数的5.1%」, 「均获维持」, 「未收到…申请」.
//!
//! Prose is read clause by clause. A figure counts only as 「N件」 or 「N起」 (Arabic,
//! full-width or Chinese numerals); the quantity it states is the one named nearest before
//! it in the clause. Comparisons (增加, 同比…) and sub-results (维持, 其中…) are left
//! alone, and a figure is wrong only when it matches none of the sums the template allows
//! for its quantity: the check must not cry wolf on ordinary, correct reports.

use super::facts::{Facts, finding};
use super::percent::{percent_after, percent_of};
use super::{Finding, Target};
use crate::number::Decimal;
use crate::template::{CellIdx, NarrativeFigures, Part, Quantity, Rule};

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

use super::memo;
use super::prose::{is_clause_end, is_numeral, is_sentence_end, numeral_value, span};

pub(super) fn check(
    facts: &Facts<'_>,
    rule: &Rule,
    input: &NarrativeFigures,
    out: &mut Vec<Finding>,
) {
    // A part's findings depend on its text and the tables: kept with both, so that typing
    // in one paragraph reads only that one again.
    let generation = memo::cells_generation(facts);
    for (at, part) in facts.template.parts().enumerate() {
        let text = facts.texts.get(&part.id);
        if text.trim().is_empty() {
            continue;
        }
        let found = memo::remember_by(
            facts,
            rule,
            at,
            |seen: &(String, u64)| seen.1 == generation && seen.0 == text,
            || (text.to_owned(), generation),
            || {
                let mut found = Vec::new();
                part_check(facts, rule, input, part, text, &mut found);
                found
            },
        );
        out.extend(found);
    }
}

/// R11 on one part's text.
fn part_check(
    facts: &Facts<'_>,
    rule: &Rule,
    input: &NarrativeFigures,
    part: &Part,
    text: &str,
    out: &mut Vec<Finding>,
) {
    {
        // A table said to be empty is said once a part.
        let mut said: Vec<String> = Vec::new();
        let mut flag = |sentence: &str, problem: String, cells: &[CellIdx]| {
            if cells.is_empty() {
                if said.contains(&problem) {
                    return;
                }
                said.push(problem.clone());
            }
            let mut targets = vec![Target::Part(part.id.clone())];
            targets.extend(cells.iter().map(|&i| Target::Cell(i)));
            out.push(finding(
                rule,
                targets,
                &[
                    ("part", &part.name),
                    ("excerpt", &shorten(sentence.trim())),
                    ("problem", &problem),
                ],
            ));
        };
        // Looked for by single characters first (fast); most texts hold few.
        if memchr::memmem::find(text.as_bytes(), "维".as_bytes()).is_some() {
            upheld(facts, input, text, &mut flag);
        }
        if memchr::memmem::find(text.as_bytes(), "未".as_bytes()).is_some() {
            none_received(facts, input, text, &mut flag);
        }
        // Each 件, then each 起 (memmem searches, see `find`).
        let spots = super::find::JIAN
            .find_iter(text.as_bytes())
            .chain(super::find::QI.find_iter(text.as_bytes()));
        for at in spots {
            // 「文件」「邮件」: no figure.
            if !text[..at].chars().next_back().is_some_and(is_numeral) {
                continue;
            }
            let (cs, ce) = span(text, at, is_clause_end);
            // The next clause of the same sentence (where a percentage may follow), and the
            // sentence, are only looked for when needed.
            let next = || {
                let Some(delimiter) = text[ce..].chars().next() else {
                    return "";
                };
                if is_sentence_end(delimiter) {
                    return "";
                }
                let from = ce + delimiter.len_utf8();
                let (_, ne) = span(text, from, is_clause_end);
                &text[from..ne.max(from)]
            };
            // The sentence before this clause, where categories named together may begin
            // (「不予公开、无法提供20件」 is cut at the 、).
            let lead = || &text[span(text, cs, is_sentence_end).0.min(cs)..cs];
            figure_at(
                facts,
                input,
                (&text[cs..ce], lead),
                at - cs,
                next,
                &mut |problem, cells| {
                    let (ss, se) = span(text, at, is_sentence_end);
                    flag(&text[ss..se], problem, cells);
                },
            );
        }
        listed_outcomes(input, text, &mut flag);
    }
}

/// A figure of the prose as the listed-outcomes check sees it.
struct Listed<'q> {
    /// Where its 件 stands.
    at: usize,
    /// Which sentence (up to 。 or a line's end) it is in.
    sentence: usize,
    value: u64,
    /// The categories it counts (several when named together), none for the total.
    categories: Vec<&'q Quantity>,
}

/// 「答复…805件」 followed, in that sentence or the next, by a count for each result
/// category (three or more named): the counts must add up to the total the text states.
fn listed_outcomes(
    input: &NarrativeFigures,
    text: &str,
    flag: &mut impl FnMut(&str, String, &[CellIdx]),
) {
    let is_total = |q: &Quantity| q.sums.first() == Some(&input.percent_base);
    let full_stop = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n');
    let mut listed: Vec<Listed<'_>> = Vec::new();
    for at in super::find::JIAN.find_iter(text.as_bytes()) {
        let (cs, ce) = span(text, at, is_clause_end);
        let clause = &text[cs..ce];
        let Some(figure) = figure_ending_at(clause, at - cs) else {
            continue;
        };
        if contains_any(clause, &COMPARISON, starts_comparison) {
            continue;
        }
        let before = &clause[..figure.start];
        let Some((quantity, word_start, word_end)) =
            nearest_quantity(before, &input.quantities, &input.last_chars)
        else {
            continue;
        };
        if !(quantity.is_category || is_total(quantity))
            || !names_figure(quantity, clause, &before[word_end..])
        {
            continue;
        }
        let mut categories = Vec::new();
        if quantity.is_category {
            let lead = &text[span(text, cs, is_sentence_end).0.min(cs)..cs];
            let sentence = format!("{lead}{before}");
            categories = joined_categories(&sentence, lead.len() + word_start, &input.quantities);
            categories.push(quantity);
        }
        listed.push(Listed {
            at,
            sentence: text[..at].chars().filter(|&c| full_stop(c)).count(),
            value: figure.value,
            categories,
        });
    }
    for (i, total) in listed.iter().enumerate() {
        if !total.categories.is_empty() {
            continue;
        }
        // The list follows in the total's sentence, or else in the next one.
        let after = &listed[i + 1..];
        let in_same = after
            .first()
            .is_some_and(|l| l.sentence == total.sentence && !l.categories.is_empty());
        let sentence = total.sentence + usize::from(!in_same);
        let items: Vec<&Listed<'_>> = after
            .iter()
            .skip_while(|l| l.sentence < sentence && !l.categories.is_empty())
            .take_while(|l| !l.categories.is_empty() && l.sentence == sentence)
            .collect();
        let n_named: usize = items.iter().map(|l| l.categories.len()).sum();
        let sum: u64 = items.iter().map(|l| l.value).sum();
        if n_named < 3 || sum == total.value {
            continue;
        }
        let each: Vec<String> = items
            .iter()
            .map(|l| {
                let names: Vec<&str> = l.categories.iter().map(|q| q.name.as_str()).collect();
                format!("{}{}件", names.join("及"), l.value)
            })
            .collect();
        let (ss, _) = span(text, total.at, full_stop);
        let last = items.last().map_or(total.at, |l| l.at);
        let (_, se) = span(text, last, full_stop);
        flag(
            &text[ss..se],
            format!(
                "所列各项（{}）相加为{sum}件，与所说的{}件不符",
                each.join("、"),
                total.value
            ),
            &input.percent_base,
        );
    }
}

/// 「均获维持」 while cases were corrected or are pending: once per sentence.
fn upheld(
    facts: &Facts<'_>,
    input: &NarrativeFigures,
    text: &str,
    flag: &mut impl FnMut(&str, String, &[CellIdx]),
) {
    // Only about cases: 「各项指标均维持较高水平」 is not.
    let mut sentences: Vec<(usize, usize)> = input
        .upheld_words
        .iter()
        .flat_map(|w| {
            text.match_indices(w.as_str())
                .map(|(at, _)| span(text, at, is_sentence_end))
        })
        .filter(|&(s, e)| {
            ["复议", "诉讼", "案件"]
                .iter()
                .any(|w| text[s..e].contains(w))
        })
        .collect();
    if sentences.is_empty() {
        return;
    }
    sentences.sort_unstable();
    sentences.dedup();
    let open: Vec<(CellIdx, Decimal)> = input
        .not_upheld
        .iter()
        .filter_map(|&i| Some((i, facts.value(i)?)))
        .filter(|(_, v)| !v.is_zero())
        .collect();
    if open.is_empty() {
        return;
    }
    let list: Vec<String> = open
        .iter()
        .map(|&(i, v)| format!("{}{v}件", short_name(facts, i)))
        .collect();
    let cells: Vec<CellIdx> = open.iter().map(|&(i, _)| i).collect();
    for (s, e) in sentences {
        flag(
            &text[s..e],
            format!("说案件均获维持，但表四中{}", list.join("、")),
            &cells,
        );
    }
}

/// 「未收到…申请」 while the table has new applications.
fn none_received(
    facts: &Facts<'_>,
    input: &NarrativeFigures,
    text: &str,
    flag: &mut impl FnMut(&str, String, &[CellIdx]),
) {
    let Some(n) = facts.sum(&input.none_received).filter(|n| !n.is_zero()) else {
        return;
    };
    let mut flagged = Vec::new();
    for (at, _) in text.match_indices("未收到") {
        let (s, e) = span(text, at, is_sentence_end);
        let soon: String = text[at..e].chars().take(16).collect();
        // 「未收到行政复议申请」「未收到申请人投诉」 are about something else.
        let is_about_disclosure =
            soon.contains("申请") && !["复议", "诉讼", "申请人"].iter().any(|w| soon.contains(w));
        if is_about_disclosure && !flagged.contains(&s) {
            flagged.push(s);
            flag(
                &text[s..e],
                format!("说未收到申请，但表三本年新收申请为{n}件"),
                &input.none_received,
            );
        }
    }
}

/// The figure whose 件/起 is at byte `at` of `clause`, checked against its quantity.
fn figure_at<'t>(
    facts: &Facts<'_>,
    input: &NarrativeFigures,
    (clause, lead): (&str, impl Fn() -> &'t str),
    at: usize,
    next: impl Fn() -> &'t str,
    flag: &mut impl FnMut(String, &[CellIdx]),
) {
    let Some(figure) = figure_ending_at(clause, at) else {
        return;
    };
    if contains_any(clause, &COMPARISON, starts_comparison) {
        return;
    }
    let before = &clause[..figure.start];
    let Some((quantity, word_start, word_end)) =
        nearest_quantity(before, &input.quantities, &input.last_chars)
    else {
        return;
    };
    // 「予以公开及部分公开258件」: one figure for the categories named together.
    let joined = if quantity.is_category {
        let lead = lead();
        let sentence = format!("{lead}{before}");
        joined_categories(&sentence, lead.len() + word_start, &input.quantities)
    } else {
        Vec::new()
    };
    let combined;
    let quantity = if joined.is_empty() {
        quantity
    } else {
        combined = combine(quantity, &joined);
        &combined
    };
    if !names_figure(quantity, clause, &before[word_end..]) {
        return;
    }
    if !quantity.skip_if_sentence.is_empty() {
        let lead = lead();
        if quantity
            .skip_if_sentence
            .iter()
            .any(|w| lead.contains(w.as_str()) || before.contains(w.as_str()))
        {
            return;
        }
    }
    let value = Decimal::from_int(i128::from(figure.value));
    let mut n_known = 0;
    let mut is_match = false;
    for cells in &quantity.sums {
        if let Some(sum) = facts.sum(cells) {
            n_known += 1;
            is_match |= sum == value;
        }
    }
    // Every allowed sum must be known to say the figure is wrong. A table left with blank
    // cells (published tables often leave 0 blank) is also read as if they were 0, and the
    // message says so: the blanks must not hide a narrative that contradicts the table.
    if n_known != quantity.sums.len() || n_known == 0 {
        blanks_as_zero_check(facts, quantity, figure.value, flag);
        return;
    }
    if !is_match {
        flag_mismatch(facts, quantity, figure.value, flag);
        return;
    }
    // A percentage of a result category: on （七）总计.
    if !quantity.is_category {
        return;
    }
    let tail = &clause[figure.end..];
    let piece = if tail.trim().is_empty() { next() } else { tail };
    percent_check(facts, input, quantity, value, piece, flag);
}

/// Whether the figure after the quantity's word in `clause` is that quantity's: nothing
/// between them (`between`) makes it a part of it or another figure's, the clause holds the
/// quantity's context and none of its words for something else, and it is not a part of a
/// total just stated.
fn names_figure(quantity: &Quantity, clause: &str, between: &str) -> bool {
    let between = without_years(between);
    if contains_any(&between, &PART_OF, starts_part_of)
        || between
            .chars()
            .any(|c| crate::number::digit_value(c).is_some())
    {
        return false;
    }
    if !quantity.context.is_empty() && !quantity.context.iter().any(|w| clause.contains(w.as_str()))
    {
        return false;
    }
    if quantity.skip_if.iter().any(|w| clause.contains(w.as_str())) {
        return false;
    }
    // 「其中按时办结56件」: a part of the total just stated, not the total (the 办理结果
    // categories after 其中 are whole rows and are checked).
    let lead = clause.trim_start();
    !((lead.starts_with("其中") || lead.starts_with('含')) && !quantity.is_category)
}

/// A figure checked against sums not all known: with blank cells read as 0, flagged when
/// it matches none of them, the table is partly filled and only blanks are missing.
fn blanks_as_zero_check(
    facts: &Facts<'_>,
    quantity: &Quantity,
    figure: u64,
    flag: &mut impl FnMut(String, &[CellIdx]),
) {
    let value = Decimal::from_int(i128::from(figure));
    let as_zero: Option<Vec<Decimal>> = quantity
        .sums
        .iter()
        .map(|cells| facts.sum_blanks_as_zero(cells))
        .collect();
    let Some(mut sums) = as_zero.filter(|s| !s.is_empty()) else {
        return;
    };
    let cells = quantity.sums.first().map(Vec::as_slice).unwrap_or_default();
    // A table not filled in yet is R7's, not a contradiction.
    let any_filled = cells
        .iter()
        .any(|&i| facts.cells.get(i).is_some_and(|c| c.value.is_some()));
    // A table begun with nothing but blanks and zeros cannot be checked against: said as
    // such (once a part), not as figures that differ.
    if any_filled && let Some(table) = cells.first().map(|&i| facts.template.cells[i].table) {
        let has_figures = facts.template.tables[table]
            .blocks
            .iter()
            .flat_map(|b| &b.cells)
            .any(|&i| {
                facts.value(i).is_some_and(|v| !v.is_zero()) && facts.template.cells[i].is_input()
            });
        if !has_figures {
            let name = &facts.template.tables[table].name;
            flag(
                format!("文中写有{name}的数字，但{name}尚未填写（只有空白或0），无法核对"),
                &[],
            );
            return;
        }
    }
    let only_blanks = quantity
        .sums
        .iter()
        .all(|cells| facts.only_blanks_missing(cells));
    if sums.contains(&value) || !any_filled || !only_blanks {
        return;
    }
    sums.dedup();
    let expected: Vec<String> = sums.iter().map(ToString::to_string).collect();
    flag(
        format!(
            "写{}为{}件，表中空白单元格按0计为{}件（该项有{}个空白单元格）",
            quantity.name,
            figure,
            expected.join("件或"),
            facts.blanks(cells)
        ),
        cells,
    );
}

/// A figure that matches none of the quantity's sums, all known: flagged with them.
fn flag_mismatch(
    facts: &Facts<'_>,
    quantity: &Quantity,
    figure: u64,
    flag: &mut impl FnMut(String, &[CellIdx]),
) {
    let sums: Vec<Decimal> = quantity
        .sums
        .iter()
        .filter_map(|cells| facts.sum(cells))
        .collect();
    let expected: Vec<String> = sums.iter().map(ToString::to_string).collect();
    let mut expected_list = expected.clone();
    expected_list.dedup();
    let cells = quantity.sums.first().map(Vec::as_slice).unwrap_or_default();
    flag(
        format!(
            "写{}为{}件，表中为{}件",
            quantity.name,
            figure,
            expected_list.join("件或")
        ),
        cells,
    );
}

/// The percentage printed after a result category's figure (`value`, in `piece`), checked
/// against its share of （七）总计, or of another base a report may take (本年新收…); a
/// share that is none of them is shown with each.
fn percent_check(
    facts: &Facts<'_>,
    input: &NarrativeFigures,
    quantity: &Quantity,
    value: Decimal,
    piece: &str,
    flag: &mut impl FnMut(String, &[CellIdx]),
) {
    let Some(shown) = percent_after(piece) else {
        return;
    };
    let Some(base) = facts.sum(&input.percent_base).filter(|b| !b.is_zero()) else {
        return;
    };
    if shown.matches(value, base) {
        return;
    }
    let others: Vec<(&str, Decimal)> = input
        .other_percent_bases
        .iter()
        .filter_map(|(name, cells)| Some((name.as_str(), facts.sum(cells)?)))
        .filter(|(_, b)| !b.is_zero())
        .collect();
    if others.iter().any(|&(_, b)| shown.matches(value, b)) {
        return;
    }
    let share = |of: Decimal| percent_of(value, of, shown.decimals).unwrap_or_default();
    let mut meant = format!("按（七）总计{base}件应为{}%", share(base));
    for (name, b) in others {
        meant.push_str(&format!("，按{name}{b}件为{}%", share(b)));
    }
    flag(
        format!("{}占比写为{}%，{meant}", quantity.name, shown.show()),
        &input.percent_base,
    );
}

/// Whether `text` holds any of `words`, whose first characters `starts` matches: one pass
/// over a clause of a few dozen characters (a substring search per word costs more).
fn contains_any(text: &str, words: &[&str], starts: fn(char) -> bool) -> bool {
    text.char_indices()
        .any(|(i, c)| starts(c) && words.iter().any(|w| text[i..].starts_with(w)))
}

fn starts_comparison(c: char) -> bool {
    matches!(
        c,
        '增' | '减' | '下' | '上' | '同' | '环' | '较' | '比' | '多' | '少'
    )
}

fn starts_part_of(c: char) -> bool {
    matches!(
        c,
        '维' | '纠' | '撤' | '驳' | '确' | '责' | '审' | '其' | '涉' | '胜' | '败' | '占'
    )
}

/// The quantity named nearest before a figure (the word ending closest to it; of words
/// ending at the same place, the longest), and where that word starts and ends.
fn nearest_quantity<'q>(
    before: &str,
    quantities: &'q [Quantity],
    last_chars: &[char],
) -> Option<(&'q Quantity, usize, usize)> {
    let mut end = before.len();
    // A name further back than this belongs to something else in the clause.
    for _ in 0..40 {
        let head = &before[..end];
        let (at, last) = head.char_indices().next_back()?;
        if last_chars.binary_search(&last).is_err() {
            end = at;
            continue;
        }
        let mut best: Option<(&Quantity, usize)> = None;
        let rest = &before[end..];
        for q in quantities {
            if q.not_before.iter().any(|n| rest.starts_with(n.as_str())) {
                continue;
            }
            for w in &q.words {
                if head.ends_with(w.as_str()) && best.is_none_or(|(_, len)| w.len() > len) {
                    best = Some((q, w.len()));
                }
            }
        }
        if let Some((q, len)) = best {
            return Some((q, end - len, end));
        }
        end = at;
    }
    None
}

/// One quantity for categories named together: their names joined, each sum the sum of
/// their first sums.
fn combine(last: &Quantity, before: &[&Quantity]) -> Quantity {
    let all: Vec<&Quantity> = before.iter().rev().copied().chain([last]).collect();
    let names: Vec<&str> = all.iter().map(|q| q.name.as_str()).collect();
    Quantity {
        name: names.join("及"),
        words: Vec::new(),
        context: Vec::new(),
        is_category: true,
        not_before: Vec::new(),
        skip_if: Vec::new(),
        skip_if_sentence: Vec::new(),
        sums: vec![
            all.iter()
                .flat_map(|q| q.sums.first().into_iter().flatten().copied())
                .collect(),
        ],
    }
}

/// Words that join two result categories into one figure: 「予以公开及部分公开258件」.
const JOINED_BY: [&str; 7] = ["以及", "加上", "及", "和", "与", "、", "或"];

/// The result categories named together right before the one at `start` (「予以公开及部分
/// 公开」, 「不予公开和无法提供」): each further category, nearest first.
fn joined_categories<'q>(
    before: &str,
    mut start: usize,
    quantities: &'q [Quantity],
) -> Vec<&'q Quantity> {
    let mut out = Vec::new();
    loop {
        let head = &before[..start];
        let Some(joint) = JOINED_BY.iter().find(|j| head.ends_with(*j)) else {
            return out;
        };
        let head = &head[..head.len() - joint.len()];
        let found = quantities.iter().filter(|q| q.is_category).find_map(|q| {
            q.words
                .iter()
                .find(|w| head.ends_with(w.as_str()))
                .map(|w| (q, head.len() - w.len()))
        });
        let Some((q, at)) = found else {
            return out;
        };
        out.push(q);
        start = at;
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

/// The 「N件」/「N起」 whose 件 or 起 is at byte `at`: Arabic, full-width or Chinese
/// numerals, not a year (「2023年41件」 is 41) and not part of a longer number.
fn figure_ending_at(clause: &str, at: usize) -> Option<Figure> {
    let c = clause[at..].chars().next()?;
    let start = clause[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_numeral(*c))
        .last()
        .map_or(at, |(i, _)| i);
    if start == at {
        return None;
    }
    let text = &clause[start..at];
    // 「一起」 (together) is a word, not a count.
    if c == '起' && !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // 「数十件」「近百件」「每一件」: no count.
    let before = clause[..start].chars().next_back();
    if before.is_some_and(|b| "数近几每逐约余".contains(b)) {
        return None;
    }
    Some(Figure {
        value: numeral_value(text)?,
        start,
        end: at + c.len_utf8(),
    })
}

/// Every figure in a clause.
#[cfg(test)]
fn figures(clause: &str) -> Vec<Figure> {
    clause
        .char_indices()
        .filter(|(_, c)| *c == '件' || *c == '起')
        .filter_map(|(at, _)| figure_ending_at(clause, at))
        .collect()
}

/// A sentence shortened for a message.
fn shorten(sentence: &str) -> String {
    super::prose::shorten(sentence, 40)
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
    fn word_starts_are_complete() {
        for w in COMPARISON {
            assert!(w.chars().next().is_some_and(starts_comparison), "{w}");
        }
        for w in PART_OF {
            assert!(w.chars().next().is_some_and(starts_part_of), "{w}");
        }
    }

    #[test]
    fn figures_are_counts_not_years() {
        let values: Vec<u64> = figures("结转2023年41件，一起办理，两件，数十件，近百件，每一件")
            .iter()
            .map(|f| f.value)
            .collect();
        assert_eq!(values, [41, 2]);
    }
}
