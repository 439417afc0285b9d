//! Checks on the narrative texts: stale years (R12), the 信息处理费 statement (R13), the
//! basis 文号 (R14) and missing parts (R15).
//!
//! These read free Chinese prose, so each looks for positive evidence before it flags:
//! the aim is to catch text left over from last year's report without crying wolf on
//! ordinary sentences (the seed reports in `tests/data/` must raise nothing false).

use super::facts::{Facts, finding};
use super::{Finding, Target};
use crate::template::Rule;

use super::prose::{
    digit_value, is_clause_end as is_clause_break, is_sentence_end as is_sentence_break,
};

/// Words before a year (in the same clause) that make it a comparison or a reference to
/// another period rather than the report's own: 较2023年, 结转2023年, 自2019年以来.
const REFERENCE_BEFORE: [&str; 14] = [
    "较", "比", "与", "对比", "相比", "上年", "去年", "结转", "自", "从", "截至", "截止", "于",
    "继",
];
/// Words after a year that do the same: 2023年以来, 2023年同期, 2023年我国….
const REFERENCE_AFTER: [&str; 9] = [
    "以来", "同期", "相比", "相较", "比较", "结转", "底", "末", "我国",
];
/// What follows a year used as the report's own period: 2023年，我局…; 2023年度共收到….
const OWN_PERIOD_AFTER: [&str; 14] = [
    "，",
    ",",
    "共",
    "全年",
    "我",
    "本机关",
    "本单位",
    "全区",
    "全市",
    "全县",
    "全省",
    "全镇",
    "全街道",
    "全乡",
];
/// Words that mark a sentence stating the statistics period.
const PERIOD_SENTENCE: [&str; 4] = ["统计期限", "统计起止", "起止时间", "统计时间"];
/// Pairs of brackets inside which a year is a title or a document number, not prose.
const ENCLOSING: [(char, char); 5] = [
    ('《', '》'),
    ('〔', '〕'),
    ('“', '”'),
    ('「', '」'),
    ('【', '】'),
];
/// Marks of a range: 2021—2025年, 2021年至2025年.
const RANGE_MARKS: [char; 8] = ['-', '－', '—', '–', '~', '～', '至', '到'];

/// R12: a year used as the report's own period that is not the report year.
pub(super) fn years(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let draft = facts.draft;
    let year = u32::from(draft.meta.year);
    let year_text = year.to_string();
    for (id, name, text) in facts.texts.written() {
        // Decoded lazily: most texts only ever mention the report year.
        let mut chars: Option<Vec<char>> = None;
        // One finding per stale year per sentence: (sentence start, year).
        let mut flagged: Vec<(usize, u32)> = Vec::new();
        // Paragraphs quoted from last year's report, as byte ranges: read strictly.
        let quoted: Vec<std::ops::Range<usize>> = draft
            .quoted
            .iter()
            .filter(|q| !q.trim().is_empty())
            .flat_map(|q| {
                let q = super::prose::normalise(q);
                text.match_indices(q.as_ref())
                    .map(|(at, q)| at..at + q.len())
                    .collect::<Vec<_>>()
            })
            .collect();
        for byte_pos in super::find::NIAN.find_iter(text.as_bytes()) {
            let Some(candidate) = year_before(&text[..byte_pos]) else {
                continue;
            };
            if candidate == year || candidate == year + 1 {
                continue;
            }
            let chars = chars.get_or_insert_with(|| text.chars().collect());
            let nian = text[..byte_pos].chars().count();
            let strict = quoted.iter().any(|r| r.contains(&byte_pos));
            let Some(found) = stale_year_at(chars, nian, year, strict) else {
                continue;
            };
            let sentence = chars[..nian]
                .iter()
                .rposition(|&c| is_sentence_break(c))
                .map_or(0, |i| i + 1);
            if flagged.contains(&(sentence, found)) {
                continue;
            }
            let excerpt = clause_around(chars, nian);
            out.push(finding(
                rule,
                vec![Target::Part(id.to_owned())],
                &[
                    ("part", name),
                    ("excerpt", &excerpt),
                    ("found", &format!("{found}年")),
                    ("year", &year_text),
                ],
            ));
            flagged.push((sentence, found));
        }
    }
}

/// The four-digit number that ends `text` (one space allowed after it), if any.
fn year_before(text: &str) -> Option<u32> {
    let mut rev = text.chars().rev().peekable();
    rev.next_if_eq(&' ');
    let mut year = 0;
    for place in [1, 10, 100, 1000] {
        year += digit_value(rev.next()?)? * place;
    }
    Some(year)
}

/// The year ending at the 年 at `nian`, if it looks like a stale own-period year; `strict`
/// (in a paragraph quoted from last year) takes any recent year outside a title or number.
fn stale_year_at(chars: &[char], nian: usize, report_year: u32, strict: bool) -> Option<u32> {
    // Four digits right before 年 (one space allowed), not part of a longer number.
    let mut end = nian;
    if end > 0 && chars[end - 1] == ' ' {
        end -= 1;
    }
    let start = end.checked_sub(4)?;
    let year = chars[start..end]
        .iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + digit_value(c)?))?;
    if start > 0 && digit_value(chars[start - 1]).is_some() {
        return None;
    }
    // Text copied from an earlier report carries one of the last few years; other years are
    // history (2019年修订《条例》) or plans, not a stale reporting period.
    const LOOK_BACK_YEARS: u32 = 3;
    if !(report_year.saturating_sub(LOOK_BACK_YEARS)..report_year).contains(&year) {
        return None;
    }
    let before: String = chars[..start]
        .iter()
        .rev()
        .take_while(|c| !is_clause_break(**c))
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut after_idx = nian + 1;
    if chars.get(after_idx) == Some(&'度') {
        after_idx += 1;
    }
    let after: String = chars[after_idx..].iter().take(6).collect();
    // Inside a title or a document number.
    for (open, close) in ENCLOSING {
        let last_open = chars[..start].iter().rposition(|&c| c == open);
        let last_close = chars[..start].iter().rposition(|&c| c == close);
        if last_open.is_some() && last_open > last_close {
            return None;
        }
    }
    if strict {
        return Some(year);
    }
    // A clause stating the statistics period (「统计期限自…至…」) is about the report's own
    // period whatever its wording.
    let clause_start = chars[..start]
        .iter()
        .rposition(|&c| is_clause_break(c))
        .map_or(0, |i| i + 1);
    let clause: String = chars[clause_start..start].iter().collect();
    if PERIOD_SENTENCE.iter().any(|w| clause.contains(w)) {
        return Some(year);
    }
    // Part of a range.
    let before_digits = chars[..start]
        .iter()
        .rev()
        .find(|c| **c != ' ' && **c != '年');
    if before_digits.is_some_and(|c| RANGE_MARKS.contains(c)) || after.starts_with(RANGE_MARKS) {
        return None;
    }
    if REFERENCE_BEFORE.iter().any(|w| before.contains(w))
        || REFERENCE_AFTER.iter().any(|w| after.starts_with(w))
    {
        return None;
    }
    OWN_PERIOD_AFTER
        .iter()
        .any(|w| after.starts_with(w))
        .then_some(year)
}

/// The clause around a position, shortened for a message.
fn clause_around(chars: &[char], at: usize) -> String {
    const REACH: usize = 18;
    let start = chars[..at]
        .iter()
        .rposition(|&c| is_sentence_break(c))
        .map_or(0, |i| i + 1)
        .max(at.saturating_sub(REACH));
    let end = chars[at..]
        .iter()
        .position(|&c| is_sentence_break(c))
        .map_or(chars.len(), |i| at + i)
        .min(at + REACH);
    let mut s: String = chars[start..end].iter().collect();
    if end < chars.len() && !is_sentence_break(chars[end]) {
        s.push('…');
    }
    s.trim().to_owned()
}

/// Words that say no fee was charged.
const NO_FEE: [&str; 9] = [
    "未收取",
    "未产生",
    "未收",
    "没有收取",
    "不收取",
    "免收",
    "无",
    "未发生",
    "零",
];

/// Whether the text has a number followed by a unit of count or money: 11件, 230元, 3.4万元.
fn has_amount(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| {
        (digit_value(w[0]).is_some() || w[0] == '零') && matches!(w[1], '件' | '元' | '万' | '笔')
    })
}

/// Whether a text states the 信息处理费: in a sentence about the fee (处理费, 收费通知), a
/// clause about charging (处理费, 收费, 收取, 金额) with an amount (件, 元, 万元, 笔 — the three
/// recommended figures, or the amount collected alone) or a word that none was charged; a
/// clause ending at 「：」 takes the next one with it (「信息处理费：无」). The number of the
/// fee regulation (国办函〔2020〕109号) is not a figure, and 「未收到申请」 is about something
/// else.
fn states_fee(text: &str) -> bool {
    const ABOUT_CHARGING: [&str; 4] = ["处理费", "收费", "收取", "金额"];
    let says = |c: &str| has_amount(c) || NO_FEE.iter().any(|w| c.contains(w));
    super::prose::sentences(text)
        .filter(|s| s.contains("处理费") || s.contains("收费通知"))
        .any(|sentence| {
            let clauses: Vec<&str> = sentence.split(is_clause_break).collect();
            let mut at = 0;
            clauses.iter().enumerate().any(|(k, clause)| {
                let end = at + clause.len();
                let closes_with_colon = sentence[end..].starts_with(['：', ':']);
                at = end + sentence[end..].chars().next().map_or(0, char::len_utf8);
                ABOUT_CHARGING.iter().any(|w| clause.contains(w))
                    && (says(clause)
                        || (closes_with_colon && clauses.get(k + 1).is_some_and(|next| says(next))))
            })
        })
}

/// R13: the part (or one of `also_in`, such as the 依申请公开 paragraph) must state the
/// 信息处理费: figures, or that none was charged.
pub(super) fn fee_statement(
    facts: &Facts<'_>,
    rule: &Rule,
    part_id: &str,
    also_in: &[String],
    out: &mut Vec<Finding>,
) {
    let template = facts.template;
    let text = facts.texts.get(part_id);
    if text.trim().is_empty() {
        // An empty required part is R15's finding.
        return;
    }
    let stated = std::iter::once(part_id)
        .chain(also_in.iter().map(String::as_str))
        .any(|id| states_fee(facts.texts.get(id)));
    if !stated {
        let name = template.part(part_id).map_or(part_id, |p| p.name.as_str());
        out.push(finding(
            rule,
            vec![Target::Part(part_id.to_owned())],
            &[("part", name)],
        ));
    }
}

/// A 文号 as found in the text: 国办公开办函〔2021〕30号.
struct Citation {
    text: String,
    prefix: String,
    brackets: (char, char),
    year: u32,
    number: u32,
}

const OPEN_BRACKETS: [char; 7] = ['〔', '[', '（', '(', '【', '［', '〈'];
const CLOSE_BRACKETS: [char; 7] = ['〕', ']', '）', ')', '】', '］', '〉'];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The 文号 in `text`, in order. Each is read backwards from its 号 (the only place one can
/// end), so text without citations costs one search.
fn citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    for hao in super::find::HAO.find_iter(text.as_bytes()) {
        let mut back = text
            .get(..hao)
            .unwrap_or_default()
            .char_indices()
            .rev()
            .peekable();
        // 30 of 〔2021〕30号: one to four digits.
        let mut digits = Vec::new();
        while let Some(d) = back.peek().and_then(|&(_, c)| digit_value(c)) {
            digits.push(d);
            back.next();
        }
        if digits.is_empty() || digits.len() > 4 {
            continue;
        }
        let Some((_, close)) = back.next().filter(|(_, c)| CLOSE_BRACKETS.contains(c)) else {
            continue;
        };
        // The year: exactly four digits inside the brackets.
        let year = (0..4).try_fold((0u32, 1u32), |(year, unit), _| {
            let d = back.next().and_then(|(_, c)| digit_value(c))?;
            Some((year + d * unit, unit * 10))
        });
        let Some((year, _)) = year else {
            continue;
        };
        let Some((open_at, open)) = back.next().filter(|(_, c)| OPEN_BRACKETS.contains(c)) else {
            continue;
        };
        let start = back
            .take_while(|&(_, c)| is_han(c))
            .take(12)
            .last()
            .map_or(open_at, |(at, _)| at);
        let number = digits.iter().rev().fold(0, |a, d| a * 10 + d);
        out.push(Citation {
            text: text
                .get(start..hao + '号'.len_utf8())
                .unwrap_or_default()
                .to_owned(),
            prefix: text.get(start..open_at).unwrap_or_default().to_owned(),
            brackets: (open, close),
            year,
            number,
        });
    }
    out
}

/// Whether a 文号's issuer prefix is (nearly) the given one: the prefix as found may run
/// on into the words before it (「通知国办公开办函」), and may be misspelt by a few characters
/// (「国办政务公开办函」). An empty prefix (a bare 〔2021〕30号) counts as near.
fn is_near(found: &str, wanted: &str) -> bool {
    const SLACK: usize = 2;
    if found.is_empty() || found.ends_with(wanted) {
        return true;
    }
    let chars: Vec<char> = found.chars().collect();
    let n = wanted.chars().count();
    (n.saturating_sub(SLACK)..=n + SLACK)
        .filter(|&k| k <= chars.len() && k > 0)
        .any(|k| {
            let tail: String = chars[chars.len() - k..].iter().collect();
            crate::text::edit_distance(&tail, wanted) <= SLACK
        })
}

/// R14: the basis 文号 must be the template's, spelt exactly; a replaced one is stale.
pub(super) fn basis_citation(
    facts: &Facts<'_>,
    rule: &Rule,
    stale: &[String],
    out: &mut Vec<Finding>,
) {
    let template = facts.template;
    let expected_text = &template.basis.doc_number;
    let Some(expected) = citations(expected_text).into_iter().next() else {
        return;
    };
    let stale: Vec<Citation> = stale.iter().flat_map(|s| citations(s)).collect();
    for (id, name, text) in facts.texts.written() {
        for found in citations(text) {
            let is_stale = stale.iter().any(|s| {
                (s.year, s.number) == (found.year, found.number)
                    && is_near(&found.prefix, &s.prefix)
            });
            let reason = if is_stale {
                "是已被取代的旧格式文号"
            } else if (found.year, found.number) != (expected.year, expected.number)
                || !is_near(&found.prefix, &expected.prefix)
            {
                // Another document that happens to share the number (京政办发〔2021〕30号).
                continue;
            } else if !found.prefix.is_empty() && !found.prefix.ends_with(&expected.prefix) {
                "文号写法有误"
            } else if found.brackets != ('〔', '〕') {
                "文号中的年份应使用六角括号〔〕"
            } else {
                continue;
            };
            out.push(finding(
                rule,
                vec![Target::Part(id.to_owned())],
                &[
                    ("part", name),
                    ("found", &found.text),
                    ("reason", reason),
                    ("expected", expected_text),
                ],
            ));
        }
    }
}

/// R15: required parts are filled in; a preamble listing 「六部分」 names all six.
pub(super) fn required_parts(
    facts: &Facts<'_>,
    rule: &Rule,
    six_parts: &[Vec<String>],
    out: &mut Vec<Finding>,
) {
    let template = facts.template;
    let preamble = facts.texts.get(&template.preamble.id);
    if let Some(end) = preamble.find("部分组成") {
        let list_start = preamble[..end]
            .rfind('由')
            .map_or(0, |i| i + '由'.len_utf8());
        let list = &preamble[list_start..end];
        let missing: Vec<&str> = six_parts
            .iter()
            .filter(|words| !words.iter().any(|w| list.contains(w.as_str())))
            .filter_map(|words| words.first().map(String::as_str))
            .collect();
        if !missing.is_empty() {
            let reason = format!("列出的报告组成部分缺少「{}」", missing.join("」「"));
            out.push(finding(
                rule,
                vec![Target::Part(template.preamble.id.clone())],
                &[("part", &template.preamble.name), ("reason", &reason)],
            ));
        }
    }
    let is_empty = |id: &str| facts.texts.get(id).trim().is_empty();
    for section in &template.sections {
        if section.table.is_none() && section.parts.iter().all(|p| is_empty(&p.id)) {
            let reason = if section.parts.iter().any(|p| p.required) {
                "尚未填写"
            } else {
                "没有内容，本部分不能遗漏"
            };
            out.push(finding(
                rule,
                section
                    .parts
                    .iter()
                    .map(|p| Target::Part(p.id.clone()))
                    .collect(),
                &[("part", &section.heading()), ("reason", reason)],
            ));
            continue;
        }
        for part in section
            .parts
            .iter()
            .filter(|p| p.required && is_empty(&p.id))
        {
            out.push(finding(
                rule,
                vec![Target::Part(part.id.clone())],
                &[("part", &part.name), ("reason", "尚未填写")],
            ));
        }
    }
}
