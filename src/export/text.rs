//! Plain text (UTF-8) with tables as columns aligned for CJK display width, and TSV for
//! pasting tables into a spreadsheet.

use super::{Piece, Report};
use crate::template::{Block, CellIdx};
use crate::text::{display_width, pad_left, pad_right};

/// The whole report as plain text.
pub fn text(report: &Report<'_>) -> String {
    let _template = report.template;
    let mut s = String::new();
    s.push_str(&report.title());
    s.push_str("\n\n");
    s.push_str(&report.preamble());
    s.push('\n');
    for piece in report.body() {
        match piece {
            Piece::Section { section, table, .. } => {
                s.push('\n');
                s.push_str(&section.heading());
                s.push('\n');
                for block in table.iter().flat_map(|t| &t.blocks) {
                    // An empty cell printed as 「—」, so columns stay aligned and readable.
                    s.push_str(&block_lines(block, |idx| {
                        let text = report.cell_text(idx);
                        if text.is_empty() {
                            "—".to_owned()
                        } else {
                            text
                        }
                    }));
                }
            }
            Piece::PartTitle(text) => {
                s.push_str(text);
                s.push('\n');
            }
            Piece::Paragraph { text, .. } => {
                s.push_str(&text);
                s.push('\n');
            }
        }
    }
    let (agency, date) = report.signature();
    s.push('\n');
    for line in [agency, date].iter().filter(|l| !l.is_empty()) {
        s.push_str(line);
        s.push('\n');
    }
    s
}

/// The tables as tab-separated values, one block after another, for a spreadsheet.
pub fn tsv(report: &Report<'_>) -> String {
    let template = report.template;
    let mut s = String::new();
    for table in &template.tables {
        s.push_str(&format!("{} {}\n", table.name, table.title));
        for block in &table.blocks {
            if let Some(caption) = &block.caption {
                s.push_str(caption);
                s.push('\n');
            }
            let mut header: Vec<String> = Vec::new();
            if block.label_columns > 0 {
                header.push(block.corner.clone().unwrap_or_default());
            }
            header.extend(block.columns.iter().map(|c| c.name.clone()));
            s.push_str(&header.join("\t"));
            s.push('\n');
            for (r, row) in block.rows.iter().enumerate() {
                for group in block
                    .row_labels
                    .iter()
                    .filter(|g| g.row == r && g.col < row.depth)
                {
                    s.push_str(&group.text);
                    s.push('\n');
                }
                let mut fields: Vec<String> = Vec::new();
                if block.label_columns > 0 {
                    fields.push(row.label.clone());
                }
                fields.extend((0..block.columns.len()).map(|c| {
                    block
                        .cell(r, c)
                        .map(|i| report.cell_text(i))
                        .unwrap_or_default()
                }));
                s.push_str(&fields.join("\t"));
                s.push('\n');
            }
        }
        s.push('\n');
    }
    s
}

/// One block as aligned columns: caption, every header cell verbatim over the columns it
/// spans (a corner note wider than the labels on its own line), then each row with its
/// label indented by depth and row-group labels on lines of their own. A block with one
/// unlabelled row (table 四) is listed one column per line under its group headings.
pub fn block_lines(block: &Block, cell_text: impl Fn(CellIdx) -> String) -> String {
    let mut s = String::new();
    if let Some(caption) = &block.caption {
        s.push_str(caption);
        s.push('\n');
    }
    let cells: Vec<Vec<String>> = (0..block.rows.len())
        .map(|r| {
            (0..block.columns.len())
                .map(|c| block.cell(r, c).map(&cell_text).unwrap_or_default())
                .collect()
        })
        .collect();
    if block.label_columns == 0 {
        column_lines(block, &cells, &mut s);
        return s;
    }
    let labels: Vec<String> = block
        .rows
        .iter()
        .map(|r| format!("{}{}", indent(r.depth), r.label))
        .collect();
    let label_width = labels.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let widths: Vec<usize> = block
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let w = cells
                .iter()
                .map(|row| display_width(&row[c]))
                .max()
                .unwrap_or(0);
            display_width(&col.label).max(w)
        })
        .collect();
    header_lines(block, label_width, &widths, &mut s);
    row_lines(block, &labels, &cells, label_width, &widths, &mut s);
    s
}

/// Indentation for a depth: two spaces a level.
fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

/// A block without label columns, one column per line: its label (indented by the depth of
/// its header) and value, under the group headings that start at it.
fn column_lines(block: &Block, cells: &[Vec<String>], s: &mut String) {
    let width = block
        .columns
        .iter()
        .map(|c| display_width(&c.label))
        .max()
        .unwrap_or(0);
    for (c, (col, value)) in block.columns.iter().zip(cells.iter().flatten()).enumerate() {
        // Group headings that start at this column, outermost first.
        for group in block.header.iter().filter(|h| h.col == c && h.col_span > 1) {
            s.push_str(&format!("{}{}\n", "  ".repeat(group.row), group.text));
        }
        let depth = block
            .header
            .iter()
            .find(|h| h.col == c && h.col_span == 1)
            .map_or(0, |h| h.row);
        let line = format!(
            "{}{}  {value}",
            "  ".repeat(depth),
            pad_right(&col.label, width)
        );
        s.push_str(line.trim_end());
        s.push('\n');
    }
}

/// The header rows: the corner over the labels (a corner note wider than the labels on its
/// own line above), each header cell over the data columns it spans.
fn header_lines(block: &Block, label_width: usize, widths: &[usize], s: &mut String) {
    let lc = block.label_columns;
    // Column c starts after the labels and the columns before it, two spaces apart.
    let x_of = |c: usize| label_width + widths[..c].iter().map(|w| w + 2).sum::<usize>() + 2;
    let mut corner = block.corner.as_deref().unwrap_or("");
    if display_width(corner) > label_width {
        // A long note (table 三's 勾稽关系) goes on its own line above the header.
        s.push_str(corner);
        s.push('\n');
        corner = "";
    }
    for row in 0..block.header_rows {
        let mut line = if row == 0 {
            pad_right(corner, label_width)
        } else {
            " ".repeat(label_width)
        };
        for span in block.header.iter().filter(|h| h.row == row && h.col >= lc) {
            let c = span.col - lc;
            let start = x_of(c);
            let width: usize = widths[c..c + span.col_span].iter().sum::<usize>()
                + 2 * span.col_span.saturating_sub(1);
            let text = if span.col_span == 1 {
                pad_left(&span.text, width)
            } else {
                centered(&span.text, width)
            };
            let have = display_width(&line);
            line.push_str(&" ".repeat(start.saturating_sub(have)));
            line.push_str(&text);
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
}

/// The data rows: each label (already indented by its depth) padded to `label_width`, its
/// values right-aligned in their columns, row-group labels on lines of their own.
fn row_lines(
    block: &Block,
    labels: &[String],
    cells: &[Vec<String>],
    label_width: usize,
    widths: &[usize],
    s: &mut String,
) {
    for (r, (label, row)) in labels.iter().zip(cells).enumerate() {
        for group in block
            .row_labels
            .iter()
            .filter(|g| g.row == r && g.col < block.rows[r].depth)
        {
            s.push_str(&format!("{}{}\n", indent(group.col), group.text));
        }
        let mut line = pad_right(label, label_width);
        for (v, w) in row.iter().zip(widths) {
            line.push_str("  ");
            line.push_str(&pad_left(v, *w));
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
}

/// `text` centred in `width` columns.
fn centered(text: &str, width: usize) -> String {
    let w = display_width(text);
    let left = width.saturating_sub(w) / 2;
    pad_right(&format!("{}{text}", " ".repeat(left)), width)
}
