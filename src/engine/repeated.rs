//! Text repeated from last year's report (E9, 内容雷同).
//!
//! Each part's text is cut into sentences. A sentence is known by a fingerprint of its
//! characters with whitespace left out and every run of digits read as one digit, so a
//! sentence copied with only its figures or years changed still counts as repeated. The
//! share of a part's characters in sentences that last year's report also has is what the
//! rule reads. Headings and other short sentences are left out on both sides.

use super::facts::{Facts, finding};
use super::memo;
use super::prose::fingerprinted;
use super::{Finding, LastYear, Target};
use crate::draft::Draft;
use crate::template::{Part, Rule, Template};

/// Sentences shorter than this (in characters, without whitespace) are not compared:
/// headings such as 「（一）主动公开」 and answers such as 「无。」 repeat by nature.
const MIN_SENTENCE_CHARS: usize = 10;
/// How much of a repeated sentence the message quotes.
const EXAMPLE_CHARS: usize = 24;

/// The fingerprints of every sentence of every part of a report, sorted, for
/// [`LastYear`].
pub(super) fn fingerprints(template: &Template, draft: &Draft) -> Vec<u64> {
    let mut out: Vec<u64> = template
        .parts()
        .flat_map(|p| fingerprinted(draft.text(&p.id)))
        .filter(|s| s.chars >= MIN_SENTENCE_CHARS)
        .map(|s| s.hash)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// E9: flags each of the `parts` (ids, or section ids standing for all their parts) of at
/// least `min_chars` characters whose sentences repeat last year's for `percent`% or more
/// of its text.
pub(super) fn repeated(
    facts: &Facts<'_>,
    last: &LastYear,
    rule: &Rule,
    (parts, percent, min_chars): (&[String], u32, usize),
    out: &mut Vec<Finding>,
) {
    if last.sentences.is_empty() {
        return;
    }
    for (at, part) in facts.template.parts().enumerate() {
        let section = part.id.split('.').next().unwrap_or_default();
        if !parts.iter().any(|p| *p == part.id || p == section) {
            continue;
        }
        let text = facts.draft.text(&part.id);
        // Kept with the text and last year's report it was found against, so that typing
        // elsewhere does not read this part again.
        let found = memo::remember_by(
            facts,
            rule,
            at,
            |seen: &(String, u16, Vec<u64>)| {
                seen.0 == text && seen.1 == last.year && seen.2 == last.sentences
            },
            || (text.to_owned(), last.year, last.sentences.clone()),
            || part_finding(part, text, last, rule, percent, min_chars),
        );
        out.extend(found);
    }
}

/// E9 on one part's text.
fn part_finding(
    part: &Part,
    text: &str,
    last: &LastYear,
    rule: &Rule,
    percent: u32,
    min_chars: usize,
) -> Option<Finding> {
    let (mut all, mut same) = (0, 0);
    let mut example = None;
    for sentence in fingerprinted(text).filter(|s| s.chars >= MIN_SENTENCE_CHARS) {
        all += sentence.chars;
        if last.sentences.binary_search(&sentence.hash).is_ok() {
            same += sentence.chars;
            // The first that reads as a sentence rather than a heading such as 「（二）依申请公开方面」.
            if example.is_none_or(|(chars, _)| chars < 2 * MIN_SENTENCE_CHARS) {
                example = Some((sentence.chars, sentence.text));
            }
        }
    }
    let share = (same * 100).checked_div(all).unwrap_or(0);
    if all < min_chars || share < percent as usize {
        return None;
    }
    let example = example.map_or("", |(_, text)| text);
    let mut quoted: String = example.chars().take(EXAMPLE_CHARS).collect();
    if quoted.len() < example.len() {
        quoted.push('…');
    }
    Some(finding(
        rule,
        vec![Target::Part(part.id.clone())],
        &[
            ("part", &part.name),
            ("share", &share.to_string()),
            ("last_year", &last.year.to_string()),
            ("example", &quoted),
        ],
    ))
}
#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        fingerprinted(text)
            .filter(|s| s.chars >= MIN_SENTENCE_CHARS)
            .map(|s| s.hash)
            .collect()
    }

    #[test]
    fn figures_and_spacing_do_not_make_a_sentence_new() {
        let last = hashes("2023年共收到政府信息公开申请12件，均已按时答复。");
        assert_eq!(
            hashes("2024年共收到政府信息公开申请 137 件，均已按时答复。"),
            last
        );
        assert_ne!(
            hashes("2024年共收到政府信息公开申请137件，均已依法答复。"),
            last,
            "a changed word is a new sentence"
        );
    }

    #[test]
    fn sentences_end_at_every_mark_and_digits_of_either_width_match() {
        let ten = "甲乙丙丁戊己庚辛壬癸";
        let text =
            format!("{ten}子。{ten}丑；{ten}寅！{ten}卯？{ten}辰\n{ten}巳;{ten}午!{ten}未?{ten}申");
        let found: Vec<&str> = fingerprinted(&text).map(|s| s.text).collect();
        assert_eq!(found.len(), 9, "{found:?}");
        assert_eq!(found[8], format!("{ten}申"));
        assert_eq!(
            hashes("２０２４年\u{3000}共收到申请十二件整"),
            hashes("2023年共收到申请十二件整")
        );
    }

    #[test]
    fn short_sentences_are_not_compared() {
        assert!(hashes("（一）主动公开\n无。\n本年度未收取信息处理费。").len() == 1);
    }
}
