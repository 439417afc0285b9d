//! The mandated tables on a grid, shared by the DOCX and PDF exports: each table's blocks
//! on one grid of columns (table 二's four blocks on the least common multiple of their data
//! columns), merged header and label cells as spans on it, the rows kept with the next, and
//! the column widths (twips) that fill the text width as the official template proportions
//! them. Headers and row labels break only between the template's words.

use super::Report;
use crate::template::{Block, Span, Table};

/// Side margins of table cells, in twips: narrow, so three characters fit a data column of
/// table 三.
pub(super) const CELL_MARGIN: u32 = 40;

/// A cell of a table row on the common grid.
pub(super) struct GridCell {
    pub(super) text: String,
    /// First grid column and how many it spans.
    pub(super) col: usize,
    pub(super) span: usize,
    /// A vertical merge: `Some(true)` starts one, `Some(false)` continues it.
    pub(super) merge: Option<bool>,
    pub(super) align: &'static str,
    /// A column header (its words are kept whole when it must wrap).
    pub(super) header: bool,
}

/// A table's blocks as the exports set them: all on one common grid when they share their
/// label columns (table 二's four, as in the official template), else each a table of its
/// own.
pub(super) fn block_groups(table: &Table) -> Vec<&[Block]> {
    let Some(first) = table.blocks.first() else {
        return Vec::new();
    };
    let shared = table
        .blocks
        .iter()
        .all(|b| b.label_columns == first.label_columns);
    if shared {
        vec![&table.blocks[..]]
    } else {
        table.blocks.chunks(1).collect()
    }
}

/// A block's columns on the common grid: label columns as they are, each data column
/// `per_column` grid columns wide.
pub(super) struct ColumnMap {
    pub(super) labels: usize,
    pub(super) per_column: usize,
}

impl ColumnMap {
    /// The grid columns of a span starting at block column `col`, `span` wide.
    fn span(&self, col: usize, span: usize) -> (usize, usize) {
        let to_grid = |c: usize| {
            if c <= self.labels {
                c
            } else {
                self.labels + (c - self.labels) * self.per_column
            }
        };
        let start = to_grid(col);
        (start, to_grid(col + span.max(1)) - start)
    }

    /// The grid columns of data column `c`.
    fn data(&self, c: usize, span: usize) -> (usize, usize) {
        self.span(self.labels + c, span)
    }
}

/// The rows of blocks on a common grid of `n_grid` columns (`n_grid_data` of them data
/// columns): each block's caption, header rows and data rows. Also how many rows repeat on
/// each page as the header: a lone block's caption and headers, none for several blocks.
pub(super) fn grid_rows(
    report: &Report<'_>,
    blocks: &[Block],
    n_grid_data: usize,
    n_grid: usize,
) -> (Vec<Vec<GridCell>>, usize) {
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut n_header = 0;
    for (b, block) in blocks.iter().enumerate() {
        let map = ColumnMap {
            labels: block.label_columns,
            per_column: n_grid_data / block.columns.len().max(1),
        };
        if let Some(caption) = &block.caption {
            rows.push(vec![GridCell {
                text: caption.clone(),
                col: 0,
                span: n_grid,
                merge: None,
                align: "center",
                header: false,
            }]);
        }
        for r in 0..block.header_rows {
            rows.push(span_cells(&block.header, r, &map, "center", true));
        }
        if b == 0 && blocks.len() == 1 {
            n_header = rows.len();
        }
        for r in 0..block.rows.len() {
            rows.push(data_row(report, block, r, &map));
        }
    }
    (rows, n_header)
}

/// Data row `r` of a block: its row labels, then its cells' text, centred.
pub(super) fn data_row(
    report: &Report<'_>,
    block: &Block,
    r: usize,
    map: &ColumnMap,
) -> Vec<GridCell> {
    let mut row = span_cells(&block.row_labels, r, map, "left", false);
    for c in 0..block.columns.len() {
        let text = block
            .cell(r, c)
            .map(|i| report.cell_text(i))
            .unwrap_or_default();
        let (col, span) = map.data(c, 1);
        row.push(GridCell {
            text,
            col,
            span,
            merge: None,
            align: "center",
            header: false,
        });
    }
    row
}

/// Which of the `n_rows` rows of blocks stay on the page of the next: the caption and
/// headers with the first half of the data rows (so the table starts on a new page when
/// too little room is left), every row inside a merged row label with the row below it,
/// and the last three rows together (no row or two alone on a page). The outermost label
/// of table 三 (三、本年度办理结果, 22 rows) is left out: kept whole it could not break at
/// all.
pub(super) fn kept_rows(blocks: &[Block], n_rows: usize) -> Vec<bool> {
    let mut keep = vec![false; n_rows];
    let mut at = 0;
    for block in blocks {
        let top = at + usize::from(block.caption.is_some()) + block.header_rows;
        let first = (block.rows.len() / 2).max(2);
        for k in keep
            .iter_mut()
            .take((top + first).min(at + 1 + block_rows(block)))
            .skip(at)
        {
            *k = true;
        }
        for span in &block.row_labels {
            if span.row_span > 1 && span.row_span * 2 <= block.rows.len() {
                for r in span.row..span.row + span.row_span - 1 {
                    if let Some(k) = keep.get_mut(top + r) {
                        *k = true;
                    }
                }
            }
        }
        at += block_rows(block);
    }
    for k in keep.iter_mut().skip(n_rows.saturating_sub(3)) {
        *k = true;
    }
    if let Some(last) = keep.last_mut() {
        *last = false;
    }
    keep
}

/// The cells of grid row `row` of `spans` (merged header or row-label cells): each span that
/// starts here or continues a vertical merge from above.
pub(super) fn span_cells(
    spans: &[Span],
    row: usize,
    map: &ColumnMap,
    align: &'static str,
    header: bool,
) -> Vec<GridCell> {
    let mut here: Vec<&Span> = spans
        .iter()
        .filter(|s| s.row <= row && row < s.row + s.row_span)
        .collect();
    here.sort_by_key(|s| s.col);
    here.into_iter()
        .map(|s| {
            let (col, span) = map.span(s.col, s.col_span);
            let is_start = s.row == row;
            GridCell {
                text: if is_start {
                    s.text.clone()
                } else {
                    String::new()
                },
                col,
                span,
                merge: (s.row_span > 1).then_some(is_start),
                align,
                header,
            }
        })
        .collect()
}

/// A header's or row label's text with line breaks between words where it does not fit
/// its cell: the official template breaks 「商业/企业」「社会/公益/组织」「（三）/不予公开」,
/// never inside a word as automatic wrapping does (「商业企/业」「禁/止公开」). The words are
/// the template's ([`crate::template::TemplateData::wrap_label`]).
pub(super) fn header_lines(
    template: Option<&crate::template::Template>,
    text: &str,
    width: usize,
    size_half_points: usize,
) -> String {
    let half = (size_half_points * 5).max(1);
    let columns = width.saturating_sub(2 * CELL_MARGIN as usize) / half;
    match template {
        Some(template) => template.wrap_label(text, columns),
        None => crate::text::wrap_label(text, &[], columns),
    }
}

/// The rows a block has in the table: caption, headers and data.
pub(super) fn block_rows(block: &Block) -> usize {
    usize::from(block.caption.is_some()) + block.header_rows + block.rows.len()
}

/// How wide `text` is set in the body font at `size_half_points` with `spacing` between
/// characters, in twips: Chinese characters and full-width marks one em, Latin letters and
/// Arabic numerals (Times New Roman) half an em.
pub(super) fn text_twips(text: &str, size_half_points: usize, spacing: i32) -> i32 {
    let em = i32::try_from(size_half_points * 10).unwrap_or(320);
    text.chars()
        .map(|c| {
            spacing
                + if crate::text::char_width(c) >= 2 {
                    em
                } else {
                    em / 2
                }
        })
        .sum()
}

/// Grid column widths (twips) filling the text width. A lone block: its own columns
/// ([`column_widths`]). Blocks on a common grid (table 二): the first block's label columns,
/// then `n_data` equal data columns.
pub(super) fn grid_widths(
    (report, blocks): (&Report<'_>, &[Block]),
    n_data: usize,
    text_width: u32,
    size_half_points: usize,
) -> Vec<usize> {
    let Some(block) = blocks.first() else {
        return Vec::new();
    };
    let mins = data_minimums(report, block, size_half_points);
    let widths = column_widths(block, text_width, &mins, size_half_points);
    if blocks.len() == 1 {
        return widths;
    }
    let labels: Vec<usize> = widths.into_iter().take(block.label_columns).collect();
    let total = usize::try_from(text_width).unwrap_or(8844);
    let rest = total.saturating_sub(labels.iter().sum());
    let n_data = n_data.max(1);
    let mut widths: Vec<usize> = labels
        .into_iter()
        .chain(std::iter::repeat_n(rest / n_data, n_data))
        .collect();
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(sum);
    }
    widths
}

/// Twips a cell adds to its text: both margins and a little air.
pub(super) const CELL_PAD: usize = 2 * CELL_MARGIN as usize + 20;

/// What each data column of a block needs at the least (twips): its header's widest word
/// (「自然人」 whole; 「社会/公益/组织」 one word a line) and its widest figure, each on one
/// line.
pub(super) fn data_minimums(
    report: &Report<'_>,
    block: &Block,
    size_half_points: usize,
) -> Vec<usize> {
    let half = size_half_points * 5;
    let widest = |text: &str| -> usize {
        text.lines()
            .map(crate::text::display_width)
            .max()
            .unwrap_or(0)
    };
    (0..block.columns.len())
        .map(|c| {
            let header = report.template.wrap_label(&block.columns[c].label, 0);
            let figures = (0..block.rows.len())
                .filter_map(|r| block.cell(r, c))
                .map(|i| crate::text::display_width(&report.cell_text(i)))
                .max()
                .unwrap_or(0);
            widest(&header).max(figures) * half + CELL_PAD
        })
        .collect()
}

/// `total` twips shared by columns that need `mins`: each its need and an equal share of
/// what is left (or, when there is too little, each in proportion to its need).
pub(super) fn share(total: usize, mins: &[usize]) -> Vec<usize> {
    if mins.is_empty() {
        return Vec::new();
    }
    let need: usize = mins.iter().sum();
    let mut widths: Vec<usize> = if need <= total {
        let extra = (total - need) / mins.len();
        mins.iter().map(|m| m + extra).collect()
    } else {
        mins.iter().map(|m| m * total / need.max(1)).collect()
    };
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(sum);
    }
    widths
}

/// Fixed column widths (twips) that fill the text width: label columns first, then the
/// data columns, each at least what it needs (`mins`). Table 三's labels as the official
/// template gives them: the outermost level one character wide (三、本年度办理结果 reads
/// downwards), the next four (「（三）/不予公开」), the innermost 34 % of the width, so that
/// 「2.其他法律行政法规禁止公开」 stands on one line, less where the figures need the room.
pub(super) fn column_widths(
    block: &Block,
    text_width: u32,
    mins: &[usize],
    size_half_points: usize,
) -> Vec<usize> {
    let total = usize::try_from(text_width).unwrap_or(8844);
    let em = size_half_points * 10;
    let labels: Vec<usize> = match block.label_columns {
        0 => Vec::new(),
        1 => vec![total * 30 / 100],
        n => {
            let mut v: Vec<usize> = (0..n - 1)
                .map(|i| if i == 0 { em } else { 4 * em } + CELL_PAD)
                .collect();
            let outer: usize = v.iter().sum();
            let room = total.saturating_sub(outer + mins.iter().sum::<usize>());
            v.push((total * 34 / 100).min(room).max(4 * em + CELL_PAD));
            v
        }
    };
    let rest = total.saturating_sub(labels.iter().sum::<usize>());
    labels.into_iter().chain(share(rest, mins)).collect()
}

#[cfg(test)]
mod tests {
    use super::header_lines;
    use crate::export::lcm;

    #[test]
    fn header_words_are_kept_whole() {
        let t = crate::template::for_year(2024).expect("the 2021 format");
        let lines = |text: &str, width: usize| header_lines(Some(&t), text, width, 21);
        // A column three characters wide (10.5 pt characters, 40-twip margins).
        let narrow = 3 * 210 + 80;
        assert_eq!(lines("商业企业", narrow), "商业\n企业");
        assert_eq!(lines("社会公益组织", narrow), "社会\n公益\n组织");
        assert_eq!(lines("自然人", narrow), "自然人");
        assert_eq!(lines("总计", narrow), "总计");
        assert_eq!(lines("（三）不予公开", narrow * 2), "（三）\n不予公开");
        assert_eq!(lines("（一）予以公开", narrow * 3), "（一）予以公开");
        // Row labels too: 「禁止」「另行」 stay whole.
        let label = 13 * 210 + 80;
        assert_eq!(
            lines("2.其他法律行政法规禁止公开", label),
            "2.其他法律行政法规禁止公开"
        );
        assert_eq!(
            lines("2.其他法律行政法规禁止公开", 10 * 210 + 80),
            "2.其他法律行政法规\n禁止公开"
        );
        assert_eq!(
            lines("2.没有现成信息需要另行制作", 10 * 210 + 80),
            "2.没有现成信息需要\n另行制作"
        );
        // The corner's long note breaks at its punctuation.
        let long = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
        assert!(!lines(long, narrow * 4).lines().any(|l| l.ends_with('第')));
        assert_eq!(lcm(1, 3), 3);
        assert_eq!(lcm(2, 3), 6);
    }
}
