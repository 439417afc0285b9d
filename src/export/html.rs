//! One self-contained HTML page for a website's 政府信息公开 column: semantic headings,
//! paragraphs, and the tables as real `<table>`s with the mandated merged cells
//! (rowspan/colspan), never as images, each with its caption and scrolling sideways on a
//! phone rather than squeezing; header words are kept whole at any width (the template's
//! words, `<wbr>` between them). No scripts; a small inline style.

use super::escape_markup as escape;
use super::{Piece, Report};
use crate::template::Block;

const STYLE: &str = "body{font-family:\"仿宋\",\"FangSong\",\"宋体\",serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.8}\
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em}h3{font-size:1.05em}\
.table{overflow-x:auto;margin:1em 0}\
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;padding:.2em 0}\
th,td{border:1px solid #000;padding:.2em .4em;text-align:center;font-weight:normal}\
th{word-break:keep-all;line-height:1.4}th[scope=row],th[scope=rowgroup]{text-align:left}td{white-space:nowrap}\
.sign{text-align:right}";

/// The report as one HTML document.
pub fn html(report: &Report<'_>) -> String {
    let _template = report.template;
    let title = escape(&report.title());
    let (status, signoff) = report.status();
    let signoff = signoff.map_or_else(String::new, |s| {
        format!(
            "<meta name=\"nianbao-signoff\" content=\"{}\">\n",
            escape(&s)
        )
    });
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"nianbao-status\" content=\"{status}\">\n{signoff}<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    for p in report.preamble().lines().filter(|l| !l.trim().is_empty()) {
        s.push_str(&format!("<p>{}</p>\n", escape(p.trim())));
    }
    for piece in report.body() {
        match piece {
            Piece::Section { section, table, .. } => {
                s.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading())));
                if let Some(table) = table {
                    table_html(report, table, &mut s);
                }
            }
            Piece::PartTitle(title) => s.push_str(&format!("<h3>{}</h3>\n", escape(title))),
            Piece::Paragraph { text, .. } => s.push_str(&format!("<p>{}</p>\n", escape(&text))),
        }
    }
    let (agency, date) = report.signature();
    for line in [agency, date].iter().filter(|l| !l.is_empty()) {
        s.push_str(&format!("<p class=\"sign\">{}</p>\n", escape(line)));
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// One of the mandated tables: its blocks as one `<table>` on a grid common to them when
/// they share their label columns (table 二's four, as in the official template and the
/// DOCX), else a table each; captioned, in a wrapper that scrolls sideways.
fn table_html(report: &Report<'_>, table: &crate::template::Table, s: &mut String) {
    let caption = escape(&format!("{} {}", table.name, table.title));
    let shared = table
        .blocks
        .windows(2)
        .all(|w| w[0].label_columns == w[1].label_columns);
    let groups: Vec<&[Block]> = if shared {
        vec![&table.blocks[..]]
    } else {
        table.blocks.chunks(1).collect()
    };
    for blocks in groups {
        let n_data = blocks
            .iter()
            .map(|b| b.columns.len().max(1))
            .fold(1, super::lcm);
        let n_labels = blocks.first().map_or(0, |b| b.label_columns);
        s.push_str(&format!(
            "<div class=\"table\">\n<table>\n<caption>{caption}</caption>\n"
        ));
        for (i, block) in blocks.iter().enumerate() {
            block_html(report, block, (n_labels, n_data, i == 0), s);
        }
        s.push_str("</table>\n</div>\n");
    }
}

/// A block's rows: its caption row, header rows (the first block's in `<thead>`) and data
/// rows, each data column spanning `n_data / columns` grid columns.
fn block_html(
    report: &Report<'_>,
    block: &Block,
    (n_labels, n_data, is_first): (usize, usize, bool),
    s: &mut String,
) {
    let per_column = n_data / block.columns.len().max(1);
    let template = report.template;
    s.push_str(if is_first { "<thead>\n" } else { "<tbody>\n" });
    if let Some(caption) = &block.caption {
        s.push_str(&format!(
            "<tr><th colspan=\"{}\" scope=\"colgroup\">{}</th></tr>\n",
            n_labels + n_data,
            escape(caption)
        ));
    }
    for row in 0..block.header_rows {
        s.push_str("<tr>");
        header_cells(
            template,
            (&block.header, block.label_columns, per_column),
            (row, true),
            s,
        );
        s.push_str("</tr>\n");
    }
    if is_first {
        s.push_str("</thead>\n<tbody>\n");
    }
    for r in 0..block.rows.len() {
        s.push_str("<tr>");
        header_cells(
            template,
            (&block.row_labels, block.label_columns, 1),
            (r, false),
            s,
        );
        for c in 0..block.columns.len() {
            let text = block
                .cell(r, c)
                .map(|i| report.cell_text(i))
                .unwrap_or_default();
            s.push_str(&format!(
                "<td{}>{}</td>",
                spans(1, per_column),
                escape(&text)
            ));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n");
}

/// The merged header cells (`scope` col or colgroup) or row labels (`scope` row, or
/// rowgroup for a label over several rows) that start in a row; data columns span
/// `per_column` grid columns. Their words stay whole: `<wbr>` where the template lets a
/// label break.
fn header_cells(
    template: &crate::template::Template,
    (cells, n_labels, per_column): (&[crate::template::Span], usize, usize),
    (row, is_header): (usize, bool),
    s: &mut String,
) {
    let to_grid = |c: usize| {
        if c <= n_labels {
            c
        } else {
            n_labels + (c - n_labels) * per_column
        }
    };
    for span in cells.iter().filter(|h| h.row == row) {
        let cols = to_grid(span.col + span.col_span) - to_grid(span.col);
        let scope = match (is_header, span.row_span > 1, cols > 1) {
            (true, _, true) => "colgroup",
            (true, _, false) => "col",
            (false, true, _) => "rowgroup",
            (false, false, _) => "row",
        };
        s.push_str(&format!(
            "<th{} scope=\"{scope}\">{}</th>",
            spans(span.row_span, cols),
            words(template, &span.text)
        ));
    }
}

/// A label escaped, with `<wbr>` at the template's word breaks.
fn words(template: &crate::template::Template, text: &str) -> String {
    let Some(breaks) = template.word_breaks.get(text) else {
        return escape(text);
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut start = 0;
    for &at in breaks.iter().chain([&chars.len()]) {
        if at <= start || at > chars.len() {
            continue;
        }
        if start > 0 {
            out.push_str("<wbr>");
        }
        out.push_str(&escape(&chars[start..at].iter().collect::<String>()));
        start = at;
    }
    out
}

fn spans(rows: usize, cols: usize) -> String {
    let mut s = String::new();
    if rows > 1 {
        s.push_str(&format!(" rowspan=\"{rows}\""));
    }
    if cols > 1 {
        s.push_str(&format!(" colspan=\"{cols}\""));
    }
    s
}
