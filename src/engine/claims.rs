//! What reviewers find in real reports that the figure checks do not: statements in the
//! prose that the tables contradict (E2), parts that say nothing (E11), a key figure that
//! changed much from last year with no word about it (C1), and the text's form (L1).
//!
//! Like the other prose rules, each wants positive evidence: a phrase that states the
//! thing, in a clause that is about it; ordinary sentences must not be flagged.

use std::borrow::Cow;

use super::facts::{Facts, finding};
use super::memo;
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
    // A claim the tables leave at 0 (or cannot sum) is not looked for at all.
    let live: Vec<(&Claim, Decimal)> = claims
        .iter()
        .filter_map(|claim| {
            let value = facts.sum_blanks_as_zero(&claim.cells)?;
            (!value.is_zero()).then_some((claim, value))
        })
        .collect();
    if live.is_empty() {
        return;
    }
    for (at, id, name, text) in facts.texts.written_at() {
        // Where each claim is made, by sentence (start and end bytes), read once per text.
        let spots = memo::remember(facts, rule, at, text, || {
            claim_spots(text, claims)
                .into_iter()
                .map(|spots| {
                    let mut sentences: Vec<(usize, usize)> = Vec::new();
                    for at in spots {
                        let sentence = span(text, at, is_sentence_end);
                        if !sentences.contains(&sentence) {
                            sentences.push(sentence);
                        }
                    }
                    sentences
                })
                .collect::<Vec<_>>()
        });
        for &(claim, value) in &live {
            let Some(sentences) = claims
                .iter()
                .position(|c| std::ptr::eq(c, claim))
                .and_then(|i| spots.get(i))
            else {
                continue;
            };
            for &(s, e) in sentences {
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

/// Where a text makes each claim's statement (byte offsets, in order): each phrase, and each
/// denial followed in its clause by a subject (「未发生因政府信息公开引起的行政复议」).
///
/// One pass over the text for all claims: a position is looked at further only when its
/// character starts one of their words (a search per word costs more on a paragraph).
fn claim_spots(text: &str, claims: &[Claim]) -> Vec<Vec<usize>> {
    let mut firsts: Vec<char> = claims
        .iter()
        .flat_map(|c| c.phrases.iter().chain(&c.negations))
        .filter_map(|w| w.chars().next())
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut spots = vec![Vec::new(); claims.len()];
    for (at, c) in text.char_indices() {
        if firsts.binary_search(&c).is_err() {
            continue;
        }
        let here = &text[at..];
        for (claim, spots) in claims.iter().zip(&mut spots) {
            if claim.phrases.iter().any(|p| here.starts_with(p.as_str()))
                || claim
                    .negations
                    .iter()
                    .any(|n| here.starts_with(n.as_str()) && denies(text, at, n, claim))
            {
                spots.push(at);
            }
        }
    }
    spots
}

/// Whether the denial `word` at byte `at` is followed in its clause by one of the claim's
/// subjects, in a clause not about something else.
fn denies(text: &str, at: usize, word: &str, claim: &Claim) -> bool {
    let after = &text[at + word.len()..];
    if word == "无" && after.starts_with(NOT_A_DENIAL_AFTER_WU) {
        return false;
    }
    let (clause_start, clause_end) = span(text, at, is_clause_end);
    let rest = &text[at + word.len()..clause_end.max(at + word.len())];
    let clause = &text[clause_start..clause_end.max(clause_start)];
    claim.subjects.iter().any(|s| rest.contains(s.as_str()))
        && !claim.unless.iter().any(|u| clause.contains(u.as_str()))
}

/// Where `needle` starts in `text`, by byte. memchr's search, not std's: a Chinese
/// character's last byte, which std's looks for first, is shared by many others.
fn find_all<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// A character that carries words: no punctuation, no whitespace. Chinese characters are
/// answered without the Unicode tables.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// The word characters of a text, counted up to `limit` (a long text is not read to its end).
fn word_chars_up_to(text: &str, limit: usize) -> usize {
    text.chars()
        .filter(|&c| is_word_char(c))
        .take(limit)
        .count()
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
        let Some(at) = facts.texts.position(id) else {
            continue;
        };
        let reason = memo::remember(facts, rule, at, text, || {
            thin_reason(text, &part.title, *min_chars, placeholders)
        });
        let Some(reason) = reason else {
            continue;
        };
        out.push(finding(
            rule,
            vec![Target::Part(id.clone())],
            &[("part", &part.name), ("reason", &reason)],
        ));
    }
}

/// Why a part's text says nothing, if it does not: a placeholder, its own heading, or fewer
/// than `min_chars` word characters.
fn thin_reason(
    text: &str,
    title: &str,
    min_chars: usize,
    placeholders: &[String],
) -> Option<String> {
    let bare = text.trim_end_matches(['。', '.', '；', ';']);
    // Words without a leading number (「（二）」「六、」).
    let words = |t: &str| -> String {
        t.chars()
            .filter(|&c| is_word_char(c))
            .skip_while(|c| "一二三四五六七八九十0123456789".contains(*c))
            .collect()
    };
    let heading = words(title);
    // Only a short text can be a placeholder, the heading or too short: count no further
    // than that.
    let limit = min_chars.max(heading.chars().count() + 3);
    let n = word_chars_up_to(text, limit);
    if placeholders.iter().any(|p| p == bare) {
        Some(format!("只写了「{bare}」"))
    } else if n < limit && !heading.is_empty() && words(text) == heading {
        Some("只写了本部分的标题".to_owned())
    } else if n < min_chars {
        Some(format!("只有{n}个字（「{}」）", prose::shorten(text, 24)))
    } else {
        None
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
    for (at, id, name, text) in facts.texts.written_at() {
        let (lints, punctuation) =
            memo::remember(facts, rule, at, text, || part_lint(text, format_title));
        for (found, problem, suggestion) in lints {
            out.push(finding(
                rule,
                vec![Target::Part(id.to_owned())],
                &[
                    ("part", name),
                    ("found", &found),
                    ("problem", problem.as_ref()),
                    ("suggestion", &suggestion),
                ],
            ));
        }
        if let Some((n, example)) = punctuation {
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

/// One part's L1 findings (what was found, the problem, what to write instead), and its
/// half-width punctuation (how many, the first with its neighbours).
type PartLint = (
    Vec<(String, Cow<'static, str>, String)>,
    Option<(usize, String)>,
);

fn part_lint(text: &str, format_title: &str) -> PartLint {
    let mut lints = Vec::new();
    for (found, suggestion) in citations_without_brackets(text) {
        lints.push((found, "文号缺少年份的六角括号".into(), suggestion));
    }
    for found in dates_without_marks(text) {
        lints.push((
            found,
            "日期缺少“年”“月”，数字连在一起".into(),
            "如「2025年1月1日」".to_owned(),
        ));
    }
    for found in misnamed_format(text, format_title) {
        lints.push((
            found,
            "报告格式的名称有误".into(),
            format!("《{format_title}》"),
        ));
    }
    let chars: Vec<char> = text.chars().collect();
    for (found, word) in doubled_words(&chars) {
        lints.push((found, "词语重复".into(), word));
    }
    if text.contains('是') {
        for (found, problem, suggestion) in enumeration_slips(text) {
            lints.push((found, problem.into(), suggestion));
        }
    }
    (lints, half_width_punctuation(text, &chars))
}

/// 「国办公开办函202130号」「〔202130号」: a year and number run together before 号.
fn citations_without_brackets(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for at in find_all(text, "号") {
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
    let marks = find_all(text, "日").chain(find_all(text, "月"));
    let mut ats: Vec<usize> = marks.collect();
    ats.sort_unstable();
    for at in ats {
        let n = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let start = at - n;
        // A year (20xx) with the month and day run on: no real count of 日 or 月 looks so.
        if (5..=8).contains(&n) && text[start..].starts_with("20") {
            out.push(text[start..at + '日'.len_utf8()].to_owned());
        }
    }
    out
}

/// A 《…年度报告格式…》 that is not the format document's exact title.
fn misnamed_format(text: &str, format_title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for at in find_all(text, "《") {
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
fn doubled_words(chars: &[char]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut found = false;
        if !crate::text::is_cjk(chars[i]) {
            i += 1;
            continue;
        }
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() {
                continue;
            }
            // The first characters first: almost every position fails there.
            if chars[i] != chars[i + len] {
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
fn half_width_punctuation(text: &str, chars: &[char]) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if memchr::memchr3(b',', b';', b':', bytes).is_none()
        && memchr::memchr2(b'(', b')', bytes).is_none()
    {
        return None;
    }
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
                let mut from = i.saturating_sub(4);
                // Never cut a figure (「024年」 for 「2024年」).
                while from > 0 && chars[from - 1].is_ascii_digit() && chars[from].is_ascii_digit() {
                    from -= 1;
                }
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

/// The slips of a text's 「一是…二是…」 lists: where (the words from the slip on), what,
/// and what to write.
fn enumeration_slips(text: &str) -> Vec<(String, String, String)> {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let mut slips = Vec::new();
    let mut last: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let boundary = previous.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '。' | '；' | '，' | '：' | '、' | ';' | ',' | ':')
        });
        previous = Some(c);
        let Some(k) = NUMERALS.iter().position(|&n| n == c) else {
            continue;
        };
        if !boundary || !text[at + c.len_utf8()..].starts_with('是') {
            continue;
        }
        let name = |k: usize| format!("{}是", NUMERALS[k]);
        let problem = match last {
            // A list starts (or starts again) at 一是.
            _ if k == 0 => None,
            None => Some(format!("列举从「{}」开始，前面没有「一是」", name(k))),
            Some(l) if k == l => Some(format!("列举序号「{}」重复", name(k))),
            Some(l) if k == l + 1 => None,
            Some(l) if k > l => Some(format!("列举序号从「{}」跳到了「{}」", name(l), name(k))),
            Some(l) => Some(format!(
                "列举序号「{}」排在「{}」之后，顺序不对",
                name(k),
                name(l)
            )),
        };
        if let Some(problem) = problem {
            let want = last.map_or(0, |l| (l + 1).min(NUMERALS.len() - 1));
            slips.push((
                prose::shorten(&text[at..], 12),
                problem,
                format!("「{}」", name(want)),
            ));
        }
        last = Some(k);
    }
    slips
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumeration_slips_are_found() {
        let problems = |text: &str| -> Vec<String> {
            enumeration_slips(text)
                .into_iter()
                .map(|(_, p, _)| p)
                .collect()
        };
        assert!(problems("一是加强领导；二是完善制度；三是强化培训。").is_empty());
        assert!(
            problems("一是甲。二是乙。一是丙，二是丁。").is_empty(),
            "a new list"
        );
        assert_eq!(
            problems("一是甲；二是乙；三是丙；三是丁。"),
            ["列举序号「三是」重复"]
        );
        assert_eq!(
            problems("一是甲；二是乙；三是丙；五是丁。"),
            ["列举序号从「三是」跳到了「五是」"]
        );
        assert!(problems("坚持统一是关键，唯一是标准。").is_empty());
    }

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

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn doubled_words_and_punctuation() {
        assert_eq!(
            doubled_words(&chars("加强资金资金管理")),
            [("资金资金".to_owned(), "资金".to_owned())]
        );
        assert!(doubled_words(&chars("常常检查，一一核对，十二二十")).is_empty());
        let text = "本年度,我局(含下属单位)1,234件";
        assert_eq!(
            half_width_punctuation(text, &chars(text)),
            Some((3, "本年度,我局(含".to_owned()))
        );
        let text = "本年度，我局（含下属单位）1,234件。";
        assert!(half_width_punctuation(text, &chars(text)).is_none());
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
