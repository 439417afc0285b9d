//! The template reads a report: metadata from the title, the six sections by their
//! headings (with damaged numbering such as 「1、 总体情况」), each table row by its label
//! and the narrative split into the template's parts by its sub-headings.

use super::source::{Line, Source};
use super::{ImportReport, Imported, hanzi};
use crate::date::Date;
use crate::draft::{CellEntry, Draft, Meta};
use crate::engine;
use crate::export::Report;
use crate::number::parse_number;
use crate::template::{self, Block, Template};

/// What reports print in a cell that has nothing to count.
const NONE_MARKS: [&str; 6] = ["/", "-", "—", "－", "无", "——"];

/// Reads a report from its lines.
pub(crate) fn read(source: &Source) -> Imported {
    let lines = &source.lines;
    let mut report = ImportReport {
        interpreted: source.notes.clone(),
        ..ImportReport::default()
    };
    let (agency, year) = title(lines);
    let year = match year {
        Some(y) => y,
        None => {
            let all: String = lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let guess = most_common_year(&all).unwrap_or(2024);
            report.missing.push(format!(
                "未找到报告标题，报告年度按正文推断为{guess}年，请核对"
            ));
            guess
        }
    };
    if agency.is_empty() {
        report
            .missing
            .push("未找到机关全称，请在基本信息中填写".to_owned());
    }
    let is_2019_shape = lines.iter().any(|l| l.text.contains("本年新制作数量"));
    let template = if is_2019_shape {
        template::builtin_by_id("gov-info-disclosure-2019")
    } else {
        template::for_year(year)
    }
    .or_else(|| template::builtin().first().cloned());
    let Some(template) = template else {
        return Imported {
            draft: Draft::default(),
            report,
        };
    };
    if is_2019_shape && template::for_year(year).is_some_and(|t| t.id != template.id) {
        report.interpreted.push(format!(
            "表格为2019年试行格式，而{year}年度报告应使用现行格式，已按试行格式读取"
        ));
    }
    let mut draft = Draft::new(
        &template,
        Meta {
            agency,
            year,
            ..Meta::default()
        },
    );
    let starts = section_starts(&template, lines);
    let section_lines = |i: usize| -> &[Line] {
        let Some(start) = starts[i] else {
            return &[];
        };
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .copied()
            .min()
            .unwrap_or(lines.len());
        &lines[start + 1..end.max(start + 1)]
    };
    let first = starts
        .iter()
        .flatten()
        .copied()
        .min()
        .unwrap_or(lines.len());
    preamble(&template, &lines[..first], &mut draft);
    for (i, section) in template.sections.iter().enumerate() {
        if starts[i].is_none() {
            report
                .missing
                .push(format!("未找到「{}」", section.heading()));
            continue;
        }
        let mut body = section_lines(i);
        if i + 1 == template.sections.len() {
            body = without_signature(body, &mut draft);
        }
        if let Some(table_idx) = section.table {
            let table = &template.tables[table_idx];
            let n_before = report.cells_read.len();
            let mut pos = 0;
            for block in &table.blocks {
                read_block(&template, block, body, &mut pos, &mut draft, &mut report);
            }
            if report.cells_read.len() == n_before {
                report
                    .missing
                    .push(format!("未找到{}（可能以图片发布）", table.name));
            }
        }
        narrative(&template, i, body, source.is_structured, &mut draft);
    }
    Imported { draft, report }
}

/// The agency and year from the title (which may run over two lines) or the preamble.
fn title(lines: &[Line]) -> (String, Option<u16>) {
    let joined: String = lines
        .iter()
        .take(12)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("");
    for marker in ["年政府信息公开工作年度报告", "年度政府信息公开工作年度报告"]
    {
        let Some(end) = joined.find(marker) else {
            continue;
        };
        let before = &joined[..end];
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if digits.len() != 4 {
            continue;
        }
        let year = digits.parse().ok();
        let agency_part = &before[..before.len() - 4];
        // 「…现公布深圳市罗湖区人民政府2024年…」: the agency follows 公布.
        let agency = agency_part.rsplit("公布").next().unwrap_or(agency_part);
        let agency = agency
            .rsplit(['。', '，', ',', '>', ' '])
            .next()
            .unwrap_or(agency);
        return (agency.trim().to_owned(), year);
    }
    (String::new(), None)
}

/// The year most often written as 「YYYY年」.
fn most_common_year(text: &str) -> Option<u16> {
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for (at, _) in text.match_indices('年') {
        let digits: String = text[..at]
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(year) = digits.parse::<u16>() else {
            continue;
        };
        if !(2019..=2100).contains(&year) {
            continue;
        }
        match counts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => counts.push((year, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// Where each of the six sections starts (the heading line): its number and words
/// (「1、 总体情况」), or, for headings numbered by Word itself, its exact title.
fn section_starts(template: &Template, lines: &[Line]) -> Vec<Option<usize>> {
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
    let mut starts = vec![None; template.sections.len()];
    let mut from = 0;
    for (i, ((cn, ar), words)) in numbers.iter().zip(WORDS).enumerate() {
        let title = template.sections.get(i).map(|s| skeleton(&s.title));
        let found = lines.iter().enumerate().skip(from).find(|(_, line)| {
            let l = line.text.as_str();
            let mut chars = l.chars();
            let first = chars.next();
            let second = chars.next();
            let numbered = l.chars().count() <= 30
                && (first == Some(*cn) || first == Some(*ar))
                && matches!(second, Some('、' | '.' | '．' | ' '))
                && words.iter().any(|w| l.contains(w))
                // Not a table row label such as 「三、本年度办理结果」.
                && !l.contains("本年");
            let unnumbered = title.as_deref() == Some(skeleton(l).as_str());
            !line.is_row && (numbered || unnumbered)
        });
        if let Some((at, _)) = found {
            starts[i] = Some(at);
            from = at + 1;
        }
    }
    starts
}

/// A label as a skeleton for matching: Simplified characters, ASCII digits, no spaces or
/// punctuation, so 「(二)部分公开(区分处理的,只计这一情形,不计其他情形)」 matches
/// 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」.
fn skeleton(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xff10 + u32::from(b'0')).unwrap_or(c),
            c => hanzi::simplified(c),
        })
        .filter(|c| !c.is_whitespace() && !"（）()，,、：:。.．“”\"'‘’|".contains(*c))
        .collect()
}

/// Whether a cell holds a value: a number, or what reports print for none.
fn is_value(cell: &str) -> bool {
    NONE_MARKS.contains(&cell)
        || parse_number(cell).is_ok_and(|n| n.is_some())
        || parse_number(cell.trim_end_matches('元')).is_ok_and(|n| n.is_some())
}

/// A non-empty cell of a section, with where it stands.
struct Token<'a> {
    text: &'a str,
    /// Its skeleton, computed once.
    key: String,
    line: usize,
    col: usize,
}

fn tokens(body: &[Line]) -> Vec<Token<'_>> {
    body.iter()
        .enumerate()
        .flat_map(|(line, l)| {
            l.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(move |(col, c)| Token {
                    text: c.as_str(),
                    key: skeleton(c),
                    line,
                    col,
                })
        })
        .collect()
}

/// Reads one block from `pos` (a token index) on: each row's label, then its values, from
/// the grid positions of a table row, or else from the values that follow the label.
fn read_block(
    template: &Template,
    block: &Block,
    body: &[Line],
    pos: &mut usize,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let tokens = tokens(body);
    let n_columns = block.columns.len();
    for (r, row) in block.rows.iter().enumerate() {
        let values: Vec<&str> = if block.label_columns == 0 {
            unlabelled_row(body, &tokens, n_columns)
        } else {
            let wanted = skeleton(&row.label);
            let Some(at) = tokens[(*pos).min(tokens.len())..]
                .iter()
                .position(|t| t.key == wanted)
            else {
                continue;
            };
            let label = &tokens[*pos + at];
            let line = &body[label.line];
            let first_value = line.cells.len().saturating_sub(n_columns);
            if line.is_row && first_value > label.col {
                // A table row: the last cells are the values, empty ones included.
                *pos += at + 1;
                while tokens.get(*pos).is_some_and(|t| t.line == label.line) {
                    *pos += 1;
                }
                line.cells[first_value..]
                    .iter()
                    .map(String::as_str)
                    .collect()
            } else {
                *pos += at + 1;
                let values: Vec<&str> = tokens[*pos..]
                    .iter()
                    .map(|t| t.text)
                    .take_while(|t| is_value(t))
                    .take(n_columns)
                    .collect();
                *pos += values.len();
                values
            }
        };
        if values.iter().all(|v| v.is_empty()) {
            continue;
        }
        if values.len() < n_columns {
            report.missing.push(format!(
                "「{}」只读到{}个数值（应有{n_columns}个）",
                row.label,
                values.len()
            ));
        }
        for (c, value) in values.iter().enumerate() {
            let Some(idx) = block.cell(r, c) else {
                continue;
            };
            let cell = &template.cells[idx];
            report
                .cells_read
                .push((cell.id.clone(), (*value).to_owned()));
            let Some(entry) = interpret(&cell.name, value, report) else {
                continue;
            };
            if cell.is_input() {
                draft.cells.insert(cell.id.clone(), entry);
            } else {
                // A printed total is a fact to check, never a value.
                draft.stated.insert(cell.id.clone(), entry);
            }
        }
    }
}

/// The values of a block's single unlabelled row (table 四): a table row of exactly that
/// many value cells, or else the last values of the section.
fn unlabelled_row<'a>(body: &'a [Line], tokens: &[Token<'a>], n_columns: usize) -> Vec<&'a str> {
    let grid_row = body.iter().find(|l| {
        l.is_row
            && l.cells.len() == n_columns
            && l.cells.iter().all(|c| c.is_empty() || is_value(c))
            && l.cells.iter().any(|c| !c.is_empty())
    });
    if let Some(line) = grid_row {
        return line.cells.iter().map(String::as_str).collect();
    }
    let all: Vec<&str> = tokens
        .iter()
        .map(|t| t.text)
        .filter(|t| is_value(t))
        .collect();
    all[all.len().saturating_sub(n_columns)..].to_vec()
}

/// A printed value as a cell entry, noting anything that needed interpreting.
fn interpret(name: &str, value: &str, report: &mut ImportReport) -> Option<CellEntry> {
    if value.is_empty() {
        return None;
    }
    if NONE_MARKS.contains(&value) {
        report
            .interpreted
            .push(format!("{name}：「{value}」按空白处理"));
        return None;
    }
    if let Some(number) = value
        .strip_suffix('元')
        .and_then(|v| parse_number(v).ok().flatten())
    {
        report.interpreted.push(format!(
            "{name}：「{value}」单元格中带有单位，已读作{number}，请核对单位"
        ));
        return Some(CellEntry::Number(number));
    }
    CellEntry::parse(value)
}

/// The 前言: the text before section 一 without the title and page furniture. A preamble
/// that is exactly the one an export generates from the metadata is not kept as text (so
/// it follows later changes of the metadata); the website and contact it names are.
fn preamble(template: &Template, lines: &[Line], draft: &mut Draft) {
    let text = lines
        .iter()
        .filter(|l| !l.is_row)
        .map(|l| l.text.as_str())
        .filter(|l| {
            !l.is_empty()
                && !l.contains("您现在的位置")
                && !l.contains(" > ")
                && !l.ends_with("年度报告")
                && !l.ends_with('年')
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut meta = draft.meta.clone();
    meta.website = between(&text, "本报告的电子版可在", "下载。").to_owned();
    meta.contact = between(&text, "联系（", "）。").to_owned();
    let generated = Draft::new(template, meta.clone());
    let evaluation = engine::evaluate(template, &generated);
    let report = Report {
        template,
        draft: &generated,
        evaluation: &evaluation,
    };
    if report.preamble() == text {
        draft.meta = meta;
    } else {
        draft.set_text(&template.preamble.id, &text);
    }
}

/// The text between two markers, or nothing.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.find(start)
        .map(|at| &text[at + start.len()..])
        .and_then(|rest| rest.find(end).map(|to| &rest[..to]))
        .unwrap_or_default()
}

/// The last section without the signature block after it (the agency, the date), whose
/// date becomes the publication date.
fn without_signature<'a>(body: &'a [Line], draft: &mut Draft) -> &'a [Line] {
    let mut end = body.len();
    while end > 0 && body[end - 1].text.is_empty() {
        end -= 1;
    }
    if end > 0
        && let Some(date) = Date::parse(&body[end - 1].text)
    {
        draft.meta.published_on = date.to_string();
        end -= 1;
    }
    while end > 0 && body[end - 1].text.is_empty() {
        end -= 1;
    }
    let agency = draft.meta.agency.as_str();
    if end > 0 && !agency.is_empty() && body[end - 1].text == agency {
        end -= 1;
    }
    &body[..end]
}

/// Whether a line of a section is narrative. Real paragraphs (DOCX, HTML) are, except
/// table rows. In text, where a table's cells are lines too, a line in a table's section is
/// narrative when it is one piece that is neither a value nor (part of) a text of the table
/// itself (a header, a row label, a caption).
fn is_narrative(line: &Line, table_texts: &[String], is_structured: bool) -> bool {
    let l = line.text.as_str();
    if line.is_row || l.is_empty() {
        return false;
    }
    if is_structured || table_texts.is_empty() {
        return true;
    }
    // A piece of a table text counts too: labels break over lines (「商业」「企业」).
    let key = skeleton(l);
    line.cells.len() <= 1 && !is_value(l) && !table_texts.iter().any(|t| t.contains(&key))
}

/// Every text a table prints besides its values, as skeletons.
fn table_texts(template: &Template, table: usize) -> Vec<String> {
    let mut texts = vec![skeleton(&template.tables[table].title)];
    for block in &template.tables[table].blocks {
        texts.extend(
            block
                .caption
                .iter()
                .chain(&block.corner)
                .map(|t| skeleton(t)),
        );
        texts.extend(
            block
                .header
                .iter()
                .chain(&block.row_labels)
                .map(|s| skeleton(&s.text)),
        );
        texts.extend(block.columns.iter().map(|c| skeleton(&c.label)));
        texts.extend(block.rows.iter().map(|r| skeleton(&r.label)));
    }
    texts
}

/// The narrative of section `i`, split into the template's parts by its sub-headings.
fn narrative(template: &Template, i: usize, body: &[Line], is_structured: bool, draft: &mut Draft) {
    let section = &template.sections[i];
    let table_texts = section
        .table
        .map(|t| table_texts(template, t))
        .unwrap_or_default();
    // Sub-headings as separate short lines are dropped (the template prints titles);
    // paragraphs that start with one stay whole.
    let mut current = section.parts.first().map(|p| p.id.clone());
    let mut texts: Vec<(String, Vec<&str>)> = Vec::new();
    let keywords: &[(&str, &[&str])] = &[
        ("s1.proactive", &["主动公开"]),
        ("s1.on_request", &["依申请"]),
        ("s1.management", &["管理", "规范化"]),
        ("s1.platform", &["平台"]),
        ("s1.oversight", &["监督", "保障"]),
        ("s5.problems", &["问题"]),
        ("s5.improvements", &["改进"]),
    ];
    for line in body {
        let l = line.text.as_str();
        let head: String = l.chars().take(14).collect();
        let is_marked = ["（", "("].iter().any(|m| l.starts_with(m));
        if is_marked
            && !line.is_row
            && let Some((id, _)) = keywords.iter().find(|(id, words)| {
                section.parts.iter().any(|p| &p.id == id) && words.iter().any(|w| head.contains(w))
            })
        {
            current = Some((*id).to_owned());
            if l.chars().count() <= 20 {
                continue;
            }
        }
        // A part's own title printed as a line (「其他需要报告的事项」).
        if section
            .parts
            .iter()
            .any(|p| p.is_titled && skeleton(&p.title) == skeleton(l))
        {
            continue;
        }
        if !is_narrative(line, &table_texts, is_structured) {
            continue;
        }
        let Some(id) = current.clone() else {
            continue;
        };
        match texts.iter_mut().find(|(t, _)| *t == id) {
            Some((_, v)) => v.push(l),
            None => texts.push((id, vec![l])),
        }
    }
    for (id, lines) in texts {
        draft.set_text(&id, &lines.join("\n"));
    }
}
