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
mod values;

use super::source::{Line, Source};
use super::{ImportReport, Imported};
use crate::draft::{Draft, Level, Meta};
use crate::template::{self, Template};
use sections::Start;
use title::Title;

/// Reads a report from its lines.
pub(crate) fn read(source: &Source) -> Imported {
    let unglued = sections::unglued(&source.lines);
    let lines = unglued.as_deref().unwrap_or(&source.lines);
    let mut report = ImportReport {
        interpreted: source.notes.clone(),
        ..ImportReport::default()
    };
    let title = title::find_title(lines);
    let year = report_year(lines, title.as_ref(), &mut report);
    let Some(template) = choose_template(lines, year, &mut report) else {
        return Imported {
            draft: Draft::default(),
            report,
            is_report: false,
        };
    };
    let starts = sections::section_starts(&template, lines, &mut report);
    let first = starts
        .iter()
        .flatten()
        .map(Start::first)
        .min()
        .unwrap_or(lines.len());
    // The report runs from its title to its signature after the last section; what stands
    // around it is the page's.
    // (A fragment with no section heading is looked through from its title on.)
    let end = starts
        .iter()
        .rposition(Option::is_some)
        .and_then(|last| starts[last])
        .map_or_else(|| title.as_ref().map_or(0, |t| t.lines.end), |s| s.body);
    let end = narrative::report_end(lines, end);
    let agency = report_agency(title.as_ref(), end.agency.as_deref(), &mut report);
    let level = report_level(&agency, &mut report);
    let mut draft = Draft::new(
        &template,
        Meta {
            agency,
            year,
            level,
            ..Meta::default()
        },
    );
    let title_lines = title.as_ref().map_or(0..0, |t| t.lines.clone());
    let frame = narrative::preamble(&template, &lines[..first], &title_lines, &mut draft);
    published_on(&end, &frame, &mut draft, &mut report);
    report.left_out = frame.into_iter().chain(end.left_out).collect();
    read_sections(
        &template,
        lines,
        source.is_structured,
        &starts,
        end.at,
        &mut draft,
        &mut report,
    );
    // A table's rows found count too, read or not: a report whose figures could not be
    // placed is still a report, with its reasons.
    let is_report = title.is_some()
        || starts.iter().any(Option::is_some)
        || !report.cells_read.is_empty()
        || report
            .not_read
            .iter()
            .any(|n| !n.reason.starts_with("未找到"));
    Imported {
        draft,
        report,
        is_report,
    }
}

/// The agency: the title's, or the signature's when the title names none or the
/// signature names it more fully (「青川市清河区人民政府」 for 「清河区人民政府」).
fn report_agency(
    title: Option<&Title>,
    signature: Option<&str>,
    report: &mut ImportReport,
) -> String {
    let from_title = title.map(|t| t.agency.clone()).unwrap_or_default();
    let agency = match signature {
        Some(signed) if from_title.is_empty() => {
            report.meta.push(format!("机关全称取自落款「{signed}」"));
            signed.to_owned()
        }
        Some(signed) if signed != from_title && names_more_fully(signed, &from_title) => {
            report.meta.push(format!(
                "机关全称取自落款「{signed}」，比标题中的「{from_title}」完整"
            ));
            signed.to_owned()
        }
        _ => from_title,
    };
    if agency.is_empty() {
        report
            .missing
            .push("未找到机关全称，请在基本信息中填写".to_owned());
    }
    agency
}

/// Whether `signed` holds every character of `title` in order, and more: the same agency
/// named more fully (「青川市清河区人民政府」 for 「清河区人民政府」, 「威海市文登区人民政府
/// 办公室」 for the 区 a page header left out).
fn names_more_fully(signed: &str, title: &str) -> bool {
    let mut wanted = title.chars().peekable();
    for c in signed.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none() && signed.chars().count() > title.chars().count()
}

/// The publication date: the signature's, else a date the page's frame prints as its
/// publication date (「发布时间：2025-01-23 09:30」), else as its document date (成文日期).
fn published_on(
    end: &narrative::End,
    frame: &[String],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    if let Some(date) = end.date {
        draft.meta.published_on = date.to_string();
        return;
    }
    let printed = frame
        .iter()
        .chain(&end.left_out)
        .filter_map(|line| chrome::printed_date(line).map(|(kind, date)| (kind, date, line)))
        .min_by_key(|(kind, ..)| *kind);
    if let Some((_, date, line)) = printed {
        draft.meta.published_on = date.to_string();
        report
            .meta
            .push(format!("发布日期{date}取自页面上的「{line}」，请核对"));
    }
}

/// The report's year: the title's, else the year the text names most often (2024 when it
/// names none), noted either way.
fn report_year(lines: &[Line], title: Option<&Title>, report: &mut ImportReport) -> u16 {
    if let Some(t) = title {
        let agency = if t.agency.is_empty() {
            ""
        } else {
            "、机关全称"
        };
        report
            .meta
            .push(format!("报告年度{}年{agency}取自{}", t.year, t.text));
        return t.year;
    }
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(year) = title::most_common_year(&all) {
        report.missing.push(format!(
            "未找到报告标题，报告年度按正文推断为{year}年，请核对"
        ));
        return year;
    }
    report.missing.push(
        "未找到报告标题，正文中也没有年份，报告年度暂按2024年，请在基本信息中填写".to_owned(),
    );
    2024
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
        None if agency.ends_with("人民政府办公室") || agency.ends_with("人民政府办公厅") =>
        {
            report.meta.push(format!(
                "「{agency}」可能代本级政府发布报告，也可能是政府部门发布本机关的报告，未推断机关层级，请在基本信息中选择"
            ));
        }
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
    lines: &[Line],
    is_structured: bool,
    starts: &[Option<Start>],
    end: usize,
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
        let body = section_lines(&lines[..end], starts, i);
        if let Some(table_idx) = section.table {
            rows::read_table(template, table_idx, body, draft, report);
        }
        narrative::narrative(template, i, body, is_structured, draft);
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
        .unwrap_or(lines.len())
        .min(lines.len());
    lines
        .get(start.body..end.max(start.body))
        .unwrap_or_default()
}
