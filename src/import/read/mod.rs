//! The template reads a report: metadata from the title, the six sections by their
//! headings (with damaged numbering such as 「1、 总体情况」, or by the table itself when a
//! table has no heading), each table row by its label and the narrative split into the
//! template's parts by its sub-headings.
//!
//! A row's values are placed by column, never by guesswork: in a table row (Word, web page,
//! PDF) by the column its header names; in text, by the fields of the row when they are
//! separated by tabs or 「|」 (empty fields kept), or by the values that follow the label.
//! A row whose values cannot be placed is reported and left unread.

mod chrome;
mod flat;
mod labels;
mod narrative;
mod rows;
mod sections;
mod title;

use super::source::{Line, Source};
use super::{ImportReport, Imported};
use crate::draft::{Draft, Level, Meta};
use crate::template::{self, Template};
use sections::Start;
use title::Title;

/// Reads a report from its lines.
pub(crate) fn read(source: &Source) -> Imported {
    let lines = &source.lines;
    let mut report = ImportReport {
        interpreted: source.notes.clone(),
        ..ImportReport::default()
    };
    let title = title::find_title(lines);
    let year = report_year(lines, title.as_ref(), &mut report);
    let agency = title.as_ref().map(|t| t.agency.clone()).unwrap_or_default();
    if agency.is_empty() {
        report
            .missing
            .push("未找到机关全称，请在基本信息中填写".to_owned());
    }
    let level = report_level(&agency, &mut report);
    let Some(template) = choose_template(lines, year, &mut report) else {
        return Imported {
            draft: Draft::default(),
            report,
        };
    };
    let mut draft = Draft::new(
        &template,
        Meta {
            agency,
            year,
            level,
            ..Meta::default()
        },
    );
    let starts = sections::section_starts(&template, lines, &mut report);
    let first = starts
        .iter()
        .flatten()
        .map(Start::first)
        .min()
        .unwrap_or(lines.len());
    let title_lines = title.as_ref().map_or(0..0, |t| t.lines.clone());
    narrative::preamble(&template, &lines[..first], &title_lines, &mut draft);
    read_sections(&template, source, &starts, &mut draft, &mut report);
    Imported { draft, report }
}

/// The report's year: the title's, else the year the text names most often (2024 when it
/// names none), noted either way.
fn report_year(lines: &[Line], title: Option<&Title>, report: &mut ImportReport) -> u16 {
    if let Some(t) = title {
        report
            .meta
            .push(format!("报告年度{}年、机关全称取自{}", t.year, t.text));
        return t.year;
    }
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let guess = title::most_common_year(&all).unwrap_or(2024);
    report.missing.push(format!(
        "未找到报告标题，报告年度按正文推断为{guess}年，请核对"
    ));
    guess
}

/// The agency's level as its name suggests, noted for the user to check (or to choose,
/// when the name does not say).
fn report_level(agency: &str, report: &mut ImportReport) -> Option<Level> {
    let level = Level::infer(agency);
    match level {
        Some((level, why)) => report.meta.push(format!(
            "机关层级按机关名称推断为「{}」（{why}），请在基本信息中核对",
            level.label()
        )),
        None if !agency.is_empty() => report.meta.push(format!(
            "未能从机关名称「{agency}」推断机关层级，请在基本信息中选择（否则不检查规章的填报）"
        )),
        None => {}
    }
    level.map(|(l, _)| l)
}

/// The format to read the report with: the one its tables are printed in, else the year's,
/// else the first embedded one. A note when the printed format is not the year's.
fn choose_template(lines: &[Line], year: u16, report: &mut ImportReport) -> Option<Template> {
    let printed = sections::printed_template(lines);
    let is_printed = printed.is_some();
    let template = printed
        .or_else(|| template::for_year(year))
        .or_else(|| template::builtin().first().cloned())?;
    if is_printed && template::for_year(year).is_some_and(|t| t.id != template.id) {
        report.interpreted.push(format!(
            "表格按《{}》印制，而{year}年度报告应使用另一格式，已按表格所用的格式读取",
            template.name
        ));
    }
    Some(template)
}

/// Reads each section found: its table and its narrative (the last section without the
/// signature). A section not found is reported, and its table's cells as not read.
fn read_sections(
    template: &Template,
    source: &Source,
    starts: &[Option<Start>],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    for (i, section) in template.sections.iter().enumerate() {
        if starts[i].is_none() {
            report
                .missing
                .push(format!("未找到「{}」", section.heading()));
            if let Some(t) = section.table {
                rows::not_read_table(template, t, "未找到此部分", report);
            }
            continue;
        }
        let mut body = section_lines(&source.lines, starts, i);
        if i + 1 == template.sections.len() {
            body = narrative::without_signature(body, draft);
        }
        if let Some(table_idx) = section.table {
            rows::read_table(template, table_idx, body, draft, report);
        }
        narrative::narrative(template, i, body, source.is_structured, draft);
    }
}

/// The lines of section `i` after its heading, up to the next section found.
fn section_lines<'a>(lines: &'a [Line], starts: &[Option<Start>], i: usize) -> &'a [Line] {
    let Some(start) = &starts[i] else {
        return &[];
    };
    let end = starts[i + 1..]
        .iter()
        .flatten()
        .map(Start::first)
        .min()
        .unwrap_or(lines.len());
    &lines[start.body..end.max(start.body)]
}
