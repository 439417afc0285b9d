//! Published reports as plain text: a web page or a Word file turned into text, with one
//! table cell per line (`23 |`, or a tab-indented cell), headings with damaged numbering
//! (「1、 总体情况」「（1）」) and half-width punctuation. The template drives the reading:
//! each row label is looked for in order, and the values after it fill its cells.

use super::{ImportReport, Imported};
use crate::draft::{CellEntry, Draft, Meta};
use crate::number::parse_number;
use crate::template::{self, Block, Template};

/// Reads a report from text.
pub fn text(input: &str) -> Imported {
    let lines: Vec<String> = input
        .lines()
        .map(|l| l.replace("[bookmark: _GoBack]", ""))
        .map(|l| l.trim().trim_end_matches('|').trim().to_owned())
        .collect();
    let mut report = ImportReport::default();
    let (agency, year) = title(&lines);
    let year = match year {
        Some(y) => y,
        None => {
            let guess = most_common_year(input).unwrap_or(2024);
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
    let is_2019_shape = lines.iter().any(|l| l.contains("本年新制作数量"));
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
    let mut draft = Draft::new(
        &template,
        Meta {
            agency,
            year,
            ..Meta::default()
        },
    );
    let starts = section_starts(&lines);
    let section_lines = |i: usize| -> &[String] {
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
    // Preamble: the text before section 一, without the title and page furniture.
    let first = starts
        .iter()
        .flatten()
        .copied()
        .min()
        .unwrap_or(lines.len());
    let preamble: Vec<&str> = lines[..first]
        .iter()
        .map(String::as_str)
        .filter(|l| {
            !l.is_empty()
                && !l.contains("您现在的位置")
                && !l.contains(" > ")
                && !l.ends_with("年度报告")
                && !l.ends_with('年')
        })
        .collect();
    draft.set_text(&template.preamble.id, &preamble.join("\n"));
    for (i, section) in template.sections.iter().enumerate() {
        if starts[i].is_none() {
            report
                .missing
                .push(format!("未找到「{}」", section.heading()));
            continue;
        }
        let body = section_lines(i);
        if let Some(table_idx) = section.table {
            let table = &template.tables[table_idx];
            let n_before = report.cells_read.len();
            for block in &table.blocks {
                read_block(&template, block, body, &mut draft, &mut report);
            }
            if report.cells_read.len() == n_before {
                report
                    .missing
                    .push(format!("未找到{}（可能以图片发布）", table.name));
            }
        }
        narrative(&template, i, body, &mut draft);
    }
    Imported { draft, report }
}

/// The agency and year from the title (which may run over two lines) or the preamble.
fn title(lines: &[String]) -> (String, Option<u16>) {
    let joined: String = lines
        .iter()
        .take(12)
        .map(String::as_str)
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

/// Where each of the six sections starts (the heading line), by its number and words.
fn section_starts(lines: &[String]) -> Vec<Option<usize>> {
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
    let mut starts = vec![None; 6];
    let mut from = 0;
    for (i, ((cn, ar), words)) in numbers.iter().zip(WORDS).enumerate() {
        let found = lines.iter().enumerate().skip(from).find(|(_, l)| {
            let mut chars = l.chars();
            let first = chars.next();
            let second = chars.next();
            l.chars().count() <= 30
                && (first == Some(*cn) || first == Some(*ar))
                && matches!(second, Some('、' | '.' | '．'))
                && words.iter().any(|w| l.contains(w))
                // Not a table row label such as 「三、本年度办理结果」.
                && !l.contains("本年")
        });
        if let Some((at, _)) = found {
            starts[i] = Some(at);
            from = at + 1;
        }
    }
    starts
}

/// A label as a skeleton for matching: no spaces or punctuation, so 「(二)部分公开(区分
/// 处理的,只计这一情形,不计其他情形)」 matches 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」.
fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"（）()，,、：:。.“”\"'‘’|".contains(*c))
        .collect()
}

/// Whether a line is a value cell: a number, or what reports print for none.
fn is_value(line: &str) -> bool {
    const NONE: [&str; 5] = ["/", "-", "—", "－", "无"];
    NONE.contains(&line)
        || parse_number(line).is_ok_and(|n| n.is_some())
        || parse_number(line.trim_end_matches("元")).is_ok_and(|n| n.is_some())
}

/// Reads one block: each row's label, then as many values as the block has columns.
fn read_block(
    template: &Template,
    block: &Block,
    body: &[String],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let tokens: Vec<&str> = body
        .iter()
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect();
    let n_columns = block.columns.len();
    let mut pos = 0;
    for (r, row) in block.rows.iter().enumerate() {
        let values: Vec<&str> = if block.label_columns == 0 {
            // A single unlabelled row (table 四): the last values in the section.
            let all: Vec<&str> = tokens.iter().copied().filter(|t| is_value(t)).collect();
            all[all.len().saturating_sub(n_columns)..].to_vec()
        } else {
            let wanted = skeleton(&row.label);
            let Some(at) = tokens[pos..].iter().position(|t| skeleton(t) == wanted) else {
                continue;
            };
            pos += at + 1;
            let values: Vec<&str> = tokens[pos..]
                .iter()
                .copied()
                .take_while(|t| is_value(t))
                .take(n_columns)
                .collect();
            pos += values.len();
            values
        };
        if values.is_empty() {
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
            let entry = interpret(&cell.name, value, report);
            let Some(entry) = entry else {
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

/// A printed value as a cell entry, noting anything that needed interpreting.
fn interpret(name: &str, value: &str, report: &mut ImportReport) -> Option<CellEntry> {
    if ["/", "-", "—", "－", "无"].contains(&value) {
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

/// The narrative of section `i`: lines that are not table cells, split into the template's
/// parts by their sub-headings.
fn narrative(template: &Template, i: usize, body: &[String], draft: &mut Draft) {
    let section = &template.sections[i];
    let paragraphs: Vec<&str> = body
        .iter()
        .map(String::as_str)
        .filter(|l| l.chars().count() > 30 || (l.ends_with('。') && !is_value(l)))
        .filter(|l| section.table.is_none() || l.chars().count() > 60)
        .collect();
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
    for line in body.iter().map(String::as_str) {
        let head: String = line.chars().take(14).collect();
        let is_marked = ["（", "("].iter().any(|m| line.starts_with(m));
        if is_marked
            && let Some((id, _)) = keywords.iter().find(|(id, words)| {
                section.parts.iter().any(|p| &p.id == id) && words.iter().any(|w| head.contains(w))
            })
        {
            current = Some((*id).to_owned());
            if line.chars().count() <= 20 {
                continue;
            }
        }
        if !paragraphs.contains(&line) {
            continue;
        }
        let Some(id) = current.clone() else {
            continue;
        };
        match texts.iter_mut().find(|(t, _)| *t == id) {
            Some((_, v)) => v.push(line),
            None => texts.push((id, vec![line])),
        }
    }
    for (id, lines) in texts {
        draft.set_text(&id, &lines.join("\n"));
    }
}
