//! What reviewers find in real reports that the figure checks do not: statements in the
//! prose that the tables contradict (E2), parts that say nothing (E11), a key figure that
//! changed much from last year with no word about it (C1), and the text's form (L1).
//!
//! Like the other prose rules, each wants positive evidence: a phrase that states the
//! thing, in a clause that is about it; ordinary sentences must not be flagged.

use super::checks::{Facts, finding};
use super::prose::{self, is_clause_end, is_sentence_end, span};
use super::{Finding, Target};
use crate::number::Decimal;
use crate::template::{Claim, Rule, YearFigure};

/// Characters after 「无」 that make it another word (无法, 无需, 无论…).
const NOT_A_DENIAL_AFTER_WU: [char; 10] =
    ['法', '需', '论', '关', '意', '偿', '效', '正', '数', '不'];

/// E2: each statement of `claims` found in the prose, while its cells are not 0.
pub(super) fn prose_claims(
    facts: &Facts<'_>,
    rule: &Rule,
    claims: &[Claim],
    out: &mut Vec<Finding>,
) {
    for (id, name, text) in facts.texts.written() {
        for claim in claims {
            let Some(value) = facts
                .sum_blanks_as_zero(&claim.cells)
                .filter(|v| !v.is_zero())
            else {
                continue;
            };
            let mut flagged: Vec<usize> = Vec::new();
            for at in claim_spots(text, claim) {
                let (s, e) = span(text, at, is_sentence_end);
                if flagged.contains(&s) {
                    continue;
                }
                flagged.push(s);
                let mut targets = vec![Target::Part(id.to_owned())];
                targets.extend(claim.cells.iter().map(|&i| Target::Cell(i)));
                out.push(finding(
                    rule,
                    targets,
                    &[
                        ("part", name),
                        ("excerpt", &prose::shorten(&text[s..e], 40)),
                        (
                            "problem",
                            &claim.problem.replace("{value}", &value.to_string()),
                        ),
                    ],
                ));
            }
        }
    }
}

/// Where a text makes the statement: each phrase, and each denial followed in its clause by
/// a subject (「未发生因政府信息公开引起的行政复议」).
fn claim_spots(text: &str, claim: &Claim) -> Vec<usize> {
    let mut spots: Vec<usize> = claim
        .phrases
        .iter()
        .flat_map(|p| text.match_indices(p.as_str()).map(|(at, _)| at))
        .collect();
    for negation in &claim.negations {
        for (at, word) in text.match_indices(negation.as_str()) {
            let after = &text[at + word.len()..];
            if word == "无" && after.starts_with(NOT_A_DENIAL_AFTER_WU) {
                continue;
            }
            let (clause_start, clause_end) = span(text, at, is_clause_end);
            let rest = &text[at + word.len()..clause_end.max(at + word.len())];
            let clause = &text[clause_start..clause_end.max(clause_start)];
            if claim.subjects.iter().any(|s| rest.contains(s.as_str()))
                && !claim.unless.iter().any(|u| clause.contains(u.as_str()))
            {
                spots.push(at);
            }
        }
    }
    spots.sort_unstable();
    spots
}

/// The characters of a text that carry words: no punctuation, no whitespace.
fn word_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// E11: a part that is only a placeholder, its own heading, or too short to say anything.
pub(super) fn thin_parts(
    facts: &Facts<'_>,
    rule: &Rule,
    parts: &[(String, usize)],
    placeholders: &[String],
    out: &mut Vec<Finding>,
) {
    for (id, min_chars) in parts {
        let text = facts.texts.get(id).trim();
        if text.is_empty() {
            // Empty is R15's.
            continue;
        }
        let Some(part) = facts.template.part(id) else {
            continue;
        };
        let bare = text.trim_end_matches(['。', '.', '；', ';']);
        let n = word_chars(text);
        // Words without a leading number (「（二）」「六、」).
        let words = |t: &str| -> String {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .skip_while(|c| "一二三四五六七八九十0123456789".contains(*c))
                .collect()
        };
        let (heading, words) = (words(&part.title), words(text));
        let reason = if placeholders.iter().any(|p| p == bare) {
            format!("只写了「{bare}」")
        } else if !heading.is_empty() && words == heading {
            "只写了本部分的标题".to_owned()
        } else if n < *min_chars {
            format!("只有{n}个字（「{}」）", prose::shorten(text, 24))
        } else {
            continue;
        };
        out.push(finding(
            rule,
            vec![Target::Part(id.clone())],
            &[("part", &part.name), ("reason", &reason)],
        ));
    }
}

/// C1: a figure that changed by at least `percent` and `min_change` since last year, while
/// no sentence names it with a word of change (or last year's figure).
pub(super) fn year_on_year(
    facts: &Facts<'_>,
    rule: &Rule,
    figures: &[YearFigure],
    (percent, min_change): (u32, u32),
    change_words: &[String],
    out: &mut Vec<Finding>,
) {
    let Some(last_year) = facts.context.last_year else {
        return;
    };
    for figure in figures {
        let Some(this) = facts.sum(&figure.cells) else {
            continue;
        };
        let last = figure.cells.iter().try_fold(Decimal::ZERO, |acc, &i| {
            let id = &facts.template.cells[i].id;
            acc.checked_add(*last_year.values.get(id)?)
        });
        let Some(last) = last else {
            continue;
        };
        let (Some(this_n), Some(last_n)) = (this.to_int(), last.to_int()) else {
            continue;
        };
        let change = (this_n - last_n).unsigned_abs();
        let is_large = change >= u128::from(min_change)
            && change * 100 >= u128::from(percent) * last_n.unsigned_abs();
        if !is_large {
            continue;
        }
        let last_text = last.to_string();
        let explained = facts.texts.written().any(|(_, _, text)| {
            prose::sentences(text).any(|s| {
                figure.words.iter().any(|w| s.contains(w.as_str()))
                    && (change_words.iter().any(|w| s.contains(w.as_str()))
                        || s.contains(&last_text))
            })
        });
        if explained {
            continue;
        }
        let direction = if this_n > last_n { "增加" } else { "减少" };
        let mut targets: Vec<Target> = figure.cells.iter().map(|&i| Target::Cell(i)).collect();
        targets.extend(
            facts
                .template
                .sections
                .first()
                .and_then(|s| s.parts.first())
                .map(|p| Target::Part(p.id.clone())),
        );
        out.push(finding(
            rule,
            targets,
            &[
                ("name", &figure.name),
                ("last", &last_text),
                ("this", &this.to_string()),
                ("direction", direction),
                ("change", &change.to_string()),
                ("last_year", &last_year.year.to_string()),
            ],
        ));
    }
}

/// L1: the text's form, each with its place and the text to write instead.
pub(super) fn text_lint(
    facts: &Facts<'_>,
    rule: &Rule,
    format_title: &str,
    out: &mut Vec<Finding>,
) {
    // Half-width punctuation is counted over the whole report and named once.
    let mut half_width: (usize, Vec<Target>, Option<(&str, String)>) = (0, Vec::new(), None);
    for (id, name, text) in facts.texts.written() {
        let mut flag = |found: &str, problem: &str, suggestion: &str| {
            out.push(finding(
                rule,
                vec![Target::Part(id.to_owned())],
                &[
                    ("part", name),
                    ("found", found),
                    ("problem", problem),
                    ("suggestion", suggestion),
                ],
            ));
        };
        for (found, suggestion) in citations_without_brackets(text) {
            flag(&found, "文号缺少年份的六角括号", &suggestion);
        }
        for found in dates_without_marks(text) {
            flag(
                &found,
                "日期缺少“年”“月”，数字连在一起",
                "如「2025年1月1日」",
            );
        }
        for found in misnamed_format(text, format_title) {
            flag(&found, "报告格式的名称有误", &format!("《{format_title}》"));
        }
        for (found, word) in doubled_words(text) {
            flag(&found, "词语重复", &word);
        }
        if let Some((n, example)) = half_width_punctuation(text) {
            half_width.0 += n;
            half_width.1.push(Target::Part(id.to_owned()));
            half_width.2.get_or_insert((name, example));
        }
    }
    if let (n, targets, Some((name, example))) = half_width {
        out.push(finding(
            rule,
            targets,
            &[
                ("part", name),
                ("found", &example),
                (
                    "problem",
                    &format!("等处用了半角标点（, ; : ( )），全文共{n}处"),
                ),
                ("suggestion", "全角标点（，；：（））"),
            ],
        ));
    }
    numbering_gaps(facts, rule, out);
}

/// 「国办公开办函202130号」「〔202130号」: a year and number run together before 号.
fn citations_without_brackets(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('号') {
        let head = &text[..at];
        let digits: String = head
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // Four digits of a year (20xx), then the number's one to three.
        if !(5..=7).contains(&digits.len()) || !digits.starts_with("20") {
            continue;
        }
        let before = head[..head.len() - digits.len()].chars().next_back();
        let has_issuer = before.is_some_and(|c| matches!(c, '函' | '发' | '字' | '〔' | '['));
        if !has_issuer {
            continue;
        }
        let (year, number) = digits.split_at(4);
        let start = head.len() - digits.len() - before.map_or(0, char::len_utf8);
        out.push((
            text[start..at + '号'.len_utf8()].to_owned(),
            format!("〔{year}〕{number}号"),
        ));
    }
    out
}

/// 「2025 1 1日」 (which reads as 202511日): five or more digits before 日 or 月.
fn dates_without_marks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, c) in text
        .char_indices()
        .filter(|(_, c)| *c == '日' || *c == '月')
    {
        let n = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let start = at - n;
        // A year (20xx) with the month and day run on: no real count of 日 or 月 looks so.
        if (5..=8).contains(&n) && text[start..].starts_with("20") {
            out.push(text[start..at + c.len_utf8()].to_owned());
        }
    }
    out
}

/// A 《…年度报告格式…》 that is not the format document's exact title.
fn misnamed_format(text: &str, format_title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('《') {
        let rest = &text[at + '《'.len_utf8()..];
        let Some(end) = rest.find('》') else {
            continue;
        };
        let title = &rest[..end];
        let is_format = title.contains("年度报告格式");
        let is_exact = title == format_title
            || title
                .strip_prefix(format_title)
                .is_some_and(|t| t.starts_with('（'));
        if is_format && !is_exact && !title.contains('〈') && !title.contains("通知") {
            out.push(format!("《{title}》"));
        }
    }
    out
}

/// 「资金资金」: a word of two to four Chinese characters written twice in a row.
fn doubled_words(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut found = false;
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() {
                continue;
            }
            let (a, b) = (&chars[i..i + len], &chars[i + len..i + 2 * len]);
            // 「研究研究」 aside, official prose never repeats a word; 「常常」 is one
            // character twice (len 1, not looked at), 「一一」 and numerals are not words.
            if a == b
                && a.iter()
                    .all(|&c| crate::text::is_cjk(c) && !prose::is_numeral(c))
            {
                let word: String = a.iter().collect();
                out.push((format!("{word}{word}"), word));
                i += 2 * len;
                found = true;
                break;
            }
        }
        if !found {
            i += 1;
        }
    }
    out
}

/// Half-width , ; : ( ) between Chinese characters: how many, and the first with its
/// neighbours.
fn half_width_punctuation(text: &str) -> Option<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    let mut example = None;
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ',' | ';' | ':' | '(' | ')') {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let beside_chinese =
            before.is_some_and(crate::text::is_cjk) || after.is_some_and(crate::text::is_cjk);
        // Between figures (「1,234」「10:30」) it belongs.
        let between_digits =
            before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
        if beside_chinese && !between_digits {
            n += 1;
            example.get_or_insert_with(|| {
                let from = i.saturating_sub(4);
                chars[from..(i + 5).min(chars.len())]
                    .iter()
                    .collect::<String>()
            });
        }
    }
    example.map(|e| (n, e))
}

/// Sub-headings 「（一）」「（二）」… at the starts of a section's paragraphs that skip or
/// restart a number.
fn numbering_gaps(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    for section in &facts.template.sections {
        // Numbered parts are the titled ones (一's opening paragraph has no number).
        for (position, part) in section.parts.iter().filter(|p| p.is_titled).enumerate() {
            // A part's first sub-heading carries its own place in the section (（二）改进情况)
            // or starts its own list at （一）; the ones after it count on by one.
            let mut expected: Option<usize> = None;
            for paragraph in facts.texts.get(&part.id).lines() {
                let p = paragraph.trim_start();
                let Some(inner) = p.strip_prefix(['（', '(']) else {
                    continue;
                };
                let mut chars = inner.chars();
                let (Some(n), Some(close)) = (chars.next(), chars.next()) else {
                    continue;
                };
                let Some(k) = NUMERALS.iter().position(|&x| x == n) else {
                    continue;
                };
                if !matches!(close, '）' | ')') {
                    continue;
                }
                let is_right = match expected {
                    None => k == 0 || k == position,
                    Some(e) => k == e,
                };
                if !is_right {
                    let want = NUMERALS
                        .get(expected.unwrap_or(position))
                        .copied()
                        .unwrap_or('十');
                    out.push(finding(
                        rule,
                        vec![Target::Part(part.id.clone())],
                        &[
                            ("part", &part.name),
                            ("found", &prose::shorten(p, 16)),
                            ("problem", "小标题的序号不连续"),
                            ("suggestion", &format!("（{want}）")),
                        ],
                    ));
                }
                expected = Some(k + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_characters() {
        assert_eq!(
            citations_without_brackets("依据国办公开办函202130号要求"),
            [("函202130号".to_owned(), "〔2021〕30号".to_owned())]
        );
        assert_eq!(
            citations_without_brackets("依据〔202130号"),
            [("〔202130号".to_owned(), "〔2021〕30号".to_owned())]
        );
        assert!(citations_without_brackets("国办公开办函〔2021〕30号").is_empty());
        assert!(citations_without_brackets("共受理12345号热线来电").is_empty());
        assert_eq!(dates_without_marks("于202511日发布"), ["202511日"]);
        assert!(dates_without_marks("于2025年1月1日发布，12345热线").is_empty());
    }

    #[test]
    fn doubled_words_and_punctuation() {
        assert_eq!(
            doubled_words("加强资金资金管理"),
            [("资金资金".to_owned(), "资金".to_owned())]
        );
        assert!(doubled_words("常常检查，一一核对，十二二十").is_empty());
        assert_eq!(
            half_width_punctuation("本年度,我局(含下属单位)1,234件"),
            Some((3, "本年度,我局(含".to_owned()))
        );
        assert!(half_width_punctuation("本年度，我局（含下属单位）1,234件。").is_none());
    }

    #[test]
    fn the_format_document_by_its_title() {
        let title = "中华人民共和国政府信息公开工作年度报告格式";
        assert!(
            misnamed_format("《中华人民共和国政府信息公开工作年度报告格式》", title).is_empty()
        );
        assert!(
            misnamed_format(
                "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
                title
            )
            .is_empty()
        );
        assert_eq!(
            misnamed_format("按照《政府信息公开工作年度报告格式》", title),
            ["《政府信息公开工作年度报告格式》"]
        );
    }
}
