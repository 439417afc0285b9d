//! Where the report's six sections start, and which format its tables are printed in.

use super::super::ImportReport;
use super::super::source::{Line, paragraph_line};
use super::labels::skeleton;
use crate::template::{self, Template};
use crate::text::compact;

/// The format a report's tables are printed in, when they say: the embedded template with
/// column labels that only it has (2019 试行: 「本年新制作数量」) found in the report.
pub(super) fn printed_template(lines: &[Line]) -> Option<Template> {
    // Each embedded template with the column labels no other one has (made once).
    static OWN_LABELS: std::sync::OnceLock<Vec<(Template, Vec<String>)>> =
        std::sync::OnceLock::new();
    let own_labels = OWN_LABELS.get_or_init(|| {
        let all = template::builtin();
        let labels = |t: &Template| -> Vec<String> {
            t.tables
                .iter()
                .flat_map(|table| &table.blocks)
                .flat_map(|b| &b.columns)
                .map(|c| skeleton(&c.label))
                .filter(|l| l.chars().count() >= 4)
                .collect()
        };
        all.iter()
            .map(|t| {
                let others: Vec<String> = all
                    .iter()
                    .filter(|o| o.id != t.id)
                    .flat_map(labels)
                    .collect();
                let mut own: Vec<String> = labels(t)
                    .into_iter()
                    .filter(|l| !others.contains(l))
                    .collect();
                own.sort();
                own.dedup();
                (t.clone(), own)
            })
            .collect()
    });
    let mut found = vec![0_usize; own_labels.len()];
    // Column headers are short: cells and lines of up to 60 characters.
    for text in lines
        .iter()
        .flat_map(|l| l.cells.iter().chain(std::iter::once(&l.text)))
        .filter(|t| !t.is_empty() && t.len() <= 60 * 3)
    {
        let key = skeleton(text);
        for (n, (_, own)) in found.iter_mut().zip(own_labels) {
            *n += own.iter().filter(|l| key.starts_with(l.as_str())).count();
        }
    }
    let (best, n) = found
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then(|| own_labels[best].0.clone())
}

/// Where a section starts: its heading line, if it has one, and its first line.
#[derive(Clone, Copy, Debug)]
pub(super) struct Start {
    pub(super) heading: Option<usize>,
    pub(super) body: usize,
}

impl Start {
    pub(super) fn first(&self) -> usize {
        self.heading.unwrap_or(self.body)
    }
}

/// Lines of text whose section heading runs into the paragraph after it (a site's text
/// export: 「一、总体情况2024年，本机关…」), each split into the heading and the paragraph;
/// `None` when there is none.
pub(super) fn unglued(lines: &[Line]) -> Option<Vec<Line>> {
    let headings: Vec<String> = template::builtin()
        .iter()
        .flat_map(|t| t.sections.iter().map(|s| s.heading()))
        .collect();
    fn glued<'l>(line: &'l Line, headings: &[String]) -> Option<(usize, &'l str)> {
        if line.is_row() {
            return None;
        }
        let text = line.text.trim_start();
        headings.iter().enumerate().find_map(|(k, h)| {
            let rest = text.strip_prefix(h.as_str())?;
            (rest.len() > 6).then_some((k, rest))
        })
    }
    if !lines.iter().any(|l| glued(l, &headings).is_some()) {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len() + 6);
    for line in lines {
        match glued(line, &headings) {
            Some((k, rest)) => {
                out.push(paragraph_line(&headings[k]));
                out.push(paragraph_line(
                    rest.trim_start_matches([' ', '\u{3000}', '。', '：']),
                ));
            }
            None => out.push(line.clone()),
        }
    }
    Some(out)
}

/// Where each of the six sections starts: its number and words (「1、 总体情况」, 「（四）…」,
/// 「、主动公开…」 with the numeral lost), its exact title (headings numbered by Word
/// itself), or, for a table with no heading, where the table begins.
pub(super) fn section_starts(
    template: &Template,
    lines: &[Line],
    report: &mut ImportReport,
) -> Vec<Option<Start>> {
    let mut starts = headed_starts(template, lines);
    tables_without_heading(template, lines, &mut starts, report);
    starts
}

/// Where each section's heading stands, looked for in order, each after the one before.
fn headed_starts(template: &Template, lines: &[Line]) -> Vec<Option<Start>> {
    const WORDS: [&[&str]; 6] = [
        &["总体情况"],
        &["主动公开"],
        &["收到和处理", "依申请"],
        &["行政复议", "行政诉讼"],
        &["问题"],
        &["其他"],
    ];
    let numbers = [
        ('一', '1'),
        ('二', '2'),
        ('三', '3'),
        ('四', '4'),
        ('五', '5'),
        ('六', '6'),
    ];
    let mut starts: Vec<Option<Start>> = vec![None; template.sections.len()];
    let mut from = 0;
    for (i, (&number, words)) in numbers.iter().zip(WORDS).enumerate() {
        let Some(section) = template.sections.get(i) else {
            break;
        };
        let title = skeleton(&section.title);
        let found = lines
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, line)| is_section_heading(line, number, words, &title));
        if let Some((at, _)) = found {
            starts[i] = Some(Start {
                heading: Some(at),
                body: at + 1,
            });
            from = at + 1;
        }
    }
    starts
}

/// Whether a line is the heading of the section numbered `cn` / `ar` (Chinese and Arabic
/// numeral) with one of `words` in it, or with the section's `title` (a skeleton).
fn is_section_heading(line: &Line, (cn, ar): (char, char), words: &[&str], title: &str) -> bool {
    // A heading is a short line (the longest, 四、, has 20 characters).
    if line.is_row() || line.text.len() > 40 * 3 {
        return false;
    }
    let l = compact(&line.text);
    let rest = l.strip_prefix(['（', '(']).map_or(l.as_str(), |r| r);
    let mut chars = rest.chars();
    let first = chars.next();
    let second = chars.next();
    let numbered = (first == Some(cn) || first == Some(ar))
        && matches!(second, Some('、' | '.' | '．' | '）' | ')'));
    let lost_numeral = first == Some('、');
    let heading_like = l.chars().count() <= 30
        && (numbered || lost_numeral)
        && words.iter().any(|w| l.contains(w))
        // Not a table row label such as 「三、本年度办理结果」.
        && !l.contains("本年");
    heading_like || title == skeleton(&l)
}

/// A table with no heading of its own: its section starts where the table does, between
/// the sections found before and after it.
fn tables_without_heading(
    template: &Template,
    lines: &[Line],
    starts: &mut [Option<Start>],
    report: &mut ImportReport,
) {
    for (i, section) in template.sections.iter().enumerate() {
        let Some(t) = section.table else {
            continue;
        };
        if starts[i].is_some() {
            continue;
        }
        let after = starts[..i]
            .iter()
            .flatten()
            .map(|s| s.body)
            .max()
            .unwrap_or(0);
        let before = starts[i + 1..]
            .iter()
            .flatten()
            .map(Start::first)
            .min()
            .unwrap_or(lines.len());
        if let Some(at) = table_begins(template, t, &lines[after..before.max(after)]) {
            starts[i] = Some(Start {
                heading: None,
                body: after + at,
            });
            report.interpreted.push(format!(
                "「{}」没有标题，按表格内容确定其位置",
                section.heading()
            ));
        }
    }
}

/// Where a table begins in `lines`: the first line holding one of its captions, corners or
/// row labels, or the top row of its column headers.
fn table_begins(template: &Template, table: usize, lines: &[Line]) -> Option<usize> {
    // Any of its texts: a fragment of a report may start inside the table.
    let mut marks: Vec<String> = Vec::new();
    for block in &template.tables[table].blocks {
        marks.extend(block.caption_and_corner().map(skeleton));
        marks.extend(block.row_labels.iter().map(|s| skeleton(&s.text)));
        marks.extend(
            block
                .header
                .iter()
                .filter(|s| s.row == 0)
                .map(|s| skeleton(&s.text)),
        );
    }
    marks.retain(|m| m.chars().count() >= 2);
    let matches_line = |line: &Line| {
        let whole = skeleton(&line.text);
        marks
            .iter()
            .any(|m| whole == *m || line.cells.iter().any(|c| skeleton(c) == *m))
    };
    let at = lines.iter().position(matches_line)?;
    // For a header row of a block without row labels, the table's own title may stand on
    // the line before (「行政复议」「行政诉讼」): start there too.
    Some(at)
}
