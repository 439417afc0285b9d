//! One self-contained HTML page for a website's 政府信息公开 column: semantic headings,
//! paragraphs, and the tables as real `<table>`s with the mandated merged cells
//! (rowspan/colspan), never as images. No scripts; a small inline style.

use super::Report;
use crate::template::Block;

const STYLE: &str = "body{font-family:\"仿宋\",\"FangSong\",\"宋体\",serif;max-width:60em;margin:2em auto;line-height:1.8}\
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em}h3{font-size:1.05em}\
table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #000;padding:.2em .4em;text-align:center;font-weight:normal}th[scope=row]{text-align:left}thead th{min-width:3.2em}\
.sign{text-align:right}";

/// The report as one HTML document.
pub fn html(report: &Report<'_>) -> String {
    let template = report.template;
    let title = escape(&report.title());
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    for p in report.preamble().lines().filter(|l| !l.trim().is_empty()) {
        s.push_str(&format!("<p>{}</p>\n", escape(p.trim())));
    }
    for section in &template.sections {
        s.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading())));
        if let Some(table) = section.table.and_then(|t| template.tables.get(t)) {
            for block in &table.blocks {
                block_html(
                    report,
                    block,
                    &format!("{} {}", table.name, table.title),
                    &mut s,
                );
            }
        }
        for part in &section.parts {
            let paragraphs = report.paragraphs(&part.id);
            if paragraphs.is_empty() {
                continue;
            }
            if part.is_titled && section.parts.len() > 1 {
                s.push_str(&format!("<h3>{}</h3>\n", escape(&part.title)));
            }
            for p in paragraphs {
                s.push_str(&format!("<p>{}</p>\n", escape(&p)));
            }
        }
    }
    let (agency, date) = report.signature();
    for line in [agency, date].iter().filter(|l| !l.is_empty()) {
        s.push_str(&format!("<p class=\"sign\">{}</p>\n", escape(line)));
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn block_html(report: &Report<'_>, block: &Block, label: &str, s: &mut String) {
    let n_columns = block.label_columns + block.columns.len();
    s.push_str(&format!(
        "<table aria-label=\"{}\">\n<thead>\n",
        escape(label)
    ));
    if let Some(caption) = &block.caption {
        s.push_str(&format!(
            "<tr><th colspan=\"{n_columns}\" scope=\"colgroup\">{}</th></tr>\n",
            escape(caption)
        ));
    }
    for row in 0..block.header_rows {
        s.push_str("<tr>");
        header_cells(&block.header, row, "col", s);
        s.push_str("</tr>\n");
    }
    s.push_str("</thead>\n<tbody>\n");
    for r in 0..block.rows.len() {
        s.push_str("<tr>");
        header_cells(&block.row_labels, r, "row", s);
        for c in 0..block.columns.len() {
            let text = block
                .cell(r, c)
                .map(|i| report.cell_text(i))
                .unwrap_or_default();
            s.push_str(&format!("<td>{}</td>", escape(&text)));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
}

/// The merged header cells (`scope` col) or row labels (`scope` row) that start in a row.
fn header_cells(cells: &[crate::template::Span], row: usize, scope: &str, s: &mut String) {
    for span in cells.iter().filter(|h| h.row == row) {
        s.push_str(&format!(
            "<th{} scope=\"{scope}\">{}</th>",
            spans(span.row_span, span.col_span),
            escape(&span.text)
        ));
    }
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

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    super::escape_markup_into(&mut out, text);
    out
}
