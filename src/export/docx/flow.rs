//! The document part (`word/document.xml`): title, preamble, sections with their tables,
//! signature; paragraphs and runs written in schema order.

use super::{DocxOptions, LATIN_FONT, page_grid, signature_indents, title_lines, two_chars};
use crate::export::grid::{
    CELL_MARGIN, GridCell, block_groups, grid_rows, grid_widths, header_lines, kept_rows,
};
use crate::export::ooxml::{R, W, Xml};
use crate::export::{Piece, Report};
use crate::template::{Block, Table};

/// A paragraph's properties, written in schema order (`keepNext autoSpaceDE autoSpaceDN
/// snapToGrid spacing ind jc`).
#[derive(Clone, Copy, Default)]
pub(super) struct Para {
    pub(super) keep_next: bool,
    /// No automatic space between Chinese and Latin text or numbers: the signature's width
    /// is then exactly its characters' (「2025年1月5日」, not 「2025 年 1 月 5 日」).
    pub(super) tight: bool,
    /// Off the page's character grid: text in another size (the title, the tables, the
    /// page numbers) keeps its own spacing.
    pub(super) off_grid: bool,
    /// Line spacing in twips, exact; space after, in twips.
    pub(super) spacing: Option<(i32, u32)>,
    /// Left, right and first-line indents, in twips.
    pub(super) ind: Option<(i32, i32, i32)>,
    pub(super) jc: Option<&'static str>,
}

impl Para {
    pub(super) fn write(&self, x: &mut Xml) {
        if !self.keep_next
            && !self.tight
            && !self.off_grid
            && self.spacing.is_none()
            && self.ind.is_none()
            && self.jc.is_none()
        {
            return;
        }
        x.open("w:pPr", &[]);
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.tight {
            x.empty("w:autoSpaceDE", &[("w:val", "0")]);
            x.empty("w:autoSpaceDN", &[("w:val", "0")]);
        }
        if self.off_grid {
            x.empty("w:snapToGrid", &[("w:val", "0")]);
        }
        if let Some((line, after)) = self.spacing {
            x.empty(
                "w:spacing",
                &[
                    ("w:after", &after.to_string()),
                    ("w:line", &line.to_string()),
                    ("w:lineRule", "exact"),
                ],
            );
        }
        if let Some((left, right, first)) = self.ind {
            let mut attrs: Vec<(&str, String)> = Vec::new();
            if left != 0 {
                attrs.push(("w:left", left.to_string()));
            }
            if right != 0 {
                attrs.push(("w:right", right.to_string()));
            }
            if first != 0 {
                attrs.push(("w:firstLine", first.to_string()));
            }
            let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            x.empty("w:ind", &attrs);
        }
        if let Some(jc) = self.jc {
            x.empty("w:jc", &[("w:val", jc)]);
        }
        x.close("w:pPr");
    }
}

/// A run of text in a font and size; a line break in `text` is a `w:br`. Properties in the
/// order Word reads them (`rFonts` before `sz`).
pub(super) fn run(x: &mut Xml, text: &str, east_asia: &str, latin: &str, size_half_points: usize) {
    spaced_run(x, text, (east_asia, latin), size_half_points, 0);
}

/// [`run`] with its characters `spacing` twips further apart (negative: closer).
pub(super) fn spaced_run(
    x: &mut Xml,
    text: &str,
    (east_asia, latin): (&str, &str),
    size_half_points: usize,
    spacing: i32,
) {
    x.open("w:r", &[]);
    run_properties(x, (east_asia, latin), size_half_points, spacing);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            x.empty("w:br", &[]);
        }
        if !line.is_empty() {
            x.element("w:t", &[("xml:space", "preserve")], line);
        }
    }
    x.close("w:r");
}

/// A run's fonts, character spacing and size.
pub(super) fn run_properties(
    x: &mut Xml,
    (east_asia, latin): (&str, &str),
    size_half_points: usize,
    spacing: i32,
) {
    let size = size_half_points.to_string();
    x.open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", latin),
            ("w:hAnsi", latin),
            ("w:eastAsia", east_asia),
            ("w:cs", latin),
        ],
    );
    if spacing != 0 {
        x.empty("w:spacing", &[("w:val", &spacing.to_string())]);
    }
    x.empty("w:sz", &[("w:val", &size)]);
    x.empty("w:szCs", &[("w:val", &size)]);
    x.close("w:rPr");
}

pub(super) struct Writer<'a> {
    pub(super) options: &'a DocxOptions,
    pub(super) text_width: u32,
}

impl Writer<'_> {
    /// The main document part: title, preamble, sections, signature and the page setup.
    pub(super) fn document(
        &self,
        report: &Report<'_>,
        title: &str,
        agency: &str,
        date: &str,
    ) -> Vec<u8> {
        let mut x = Xml::new();
        x.open("w:document", &[("xmlns:w", W), ("xmlns:r", R)]);
        x.open("w:body", &[]);
        self.title(&mut x, title, agency);
        for p in report.preamble().lines().filter(|l| !l.trim().is_empty()) {
            self.body(&mut x, p.trim());
        }
        self.sections(&mut x, report);
        self.signature(&mut x, agency, date);
        self.section(&mut x);
        x.close("w:body");
        x.close("w:document");
        x.into_bytes()
    }

    /// Each section: its heading, its table, then its parts' paragraphs, under the part's
    /// title when the section has more than one part.
    /// The report's last paragraph is kept with the signature that follows it, so the
    /// signature never stands alone at the top of a page.
    pub(super) fn sections(&self, x: &mut Xml, report: &Report<'_>) {
        let options = self.options;
        for piece in report.body() {
            match piece {
                Piece::Section { section, table, .. } => {
                    self.heading(x, &section.heading(), &options.heading1_font);
                    if let Some(table) = table {
                        self.table(x, report, table);
                    }
                }
                Piece::PartTitle(title) => self.heading(x, title, &options.heading2_font),
                Piece::Paragraph { text, is_last } => self.body_kept(x, &text, is_last),
            }
        }
    }

    /// The signature of a document without a seal (GB/T 9704—2012 7.3.5.2): a blank line
    /// after the text, the agency two characters from the right margin, and on the next line
    /// the date, its first character two characters right of the agency's first; a date
    /// longer than the agency stands two characters from the margin, and the agency moves
    /// left to keep the two characters between their first characters. All on one page.
    pub(super) fn signature(&self, x: &mut Xml, agency: &str, date: &str) {
        let options = self.options;
        self.line(
            x,
            "",
            &options.body_font,
            Para {
                keep_next: !(agency.is_empty() && date.is_empty()),
                spacing: Some((options.line_spacing_twips, 0)),
                ..Para::default()
            },
        );
        let (agency_right, date_right) = signature_indents(self.options, agency, date);
        if !agency.is_empty() {
            self.right(x, agency, agency_right, !date.is_empty());
        }
        if !date.is_empty() {
            self.right(x, date, date_right, false);
        }
    }

    /// The title, centred. One that needs two lines breaks between words (GB/T 9704): the
    /// agency on the first line, 「2024年政府信息公开工作年度报告」 on the second.
    pub(super) fn title(&self, x: &mut Xml, title: &str, agency: &str) {
        let o = self.options;
        let text = title_lines(o, title, agency);
        x.open("w:p", &[]);
        Para {
            spacing: Some((
                o.line_spacing_twips * 5 / 4,
                u32::try_from(o.line_spacing_twips).unwrap_or(560),
            )),
            jc: Some("center"),
            off_grid: true,
            ..Para::default()
        }
        .write(x);
        run(
            x,
            &text,
            &o.title_font,
            LATIN_FONT,
            o.title_size_half_points,
        );
        x.close("w:p");
    }

    pub(super) fn line(&self, x: &mut Xml, text: &str, font: &str, para: Para) {
        x.open("w:p", &[]);
        para.write(x);
        if !text.is_empty() {
            let size = self.options.body_size_half_points;
            spaced_run(x, text, (font, LATIN_FONT), size, page_grid(self.options).1);
        }
        x.close("w:p");
    }

    /// A body paragraph, indented two characters.
    pub(super) fn body(&self, x: &mut Xml, text: &str) {
        self.body_kept(x, text, false);
    }

    /// [`Self::body`], kept on the page of what follows when `keep_next`.
    pub(super) fn body_kept(&self, x: &mut Xml, text: &str, keep_next: bool) {
        let para = Para {
            keep_next,
            spacing: Some((self.options.line_spacing_twips, 0)),
            ind: Some((0, 0, two_chars(self.options))),
            jc: Some("both"),
            ..Para::default()
        };
        self.line(x, text, &self.options.body_font, para);
    }

    /// A heading, kept on the page of what follows it.
    pub(super) fn heading(&self, x: &mut Xml, text: &str, font: &str) {
        let para = Para {
            keep_next: true,
            spacing: Some((self.options.line_spacing_twips, 0)),
            ind: Some((0, 0, two_chars(self.options))),
            ..Para::default()
        };
        self.line(x, text, font, para);
    }

    /// A signature line, right-aligned `right` twips from the margin.
    pub(super) fn right(&self, x: &mut Xml, text: &str, right: i32, keep_next: bool) {
        let para = Para {
            keep_next,
            tight: true,
            spacing: Some((self.options.line_spacing_twips, 0)),
            ind: Some((0, right, 0)),
            jc: Some("right"),
            off_grid: false,
        };
        self.line(x, text, &self.options.body_font, para);
    }

    /// One of the mandated tables. Its blocks (table 二's four) become one table on a
    /// common grid, as in the official template, when they share their label columns.
    /// Every row is kept with the next, so a table that fits a page is never split (nor a
    /// merged label block), and it starts on a new page when too little room is left.
    pub(super) fn table(&self, x: &mut Xml, report: &Report<'_>, table: &Table) {
        let groups = block_groups(table);
        for (i, blocks) in groups.into_iter().enumerate() {
            if i > 0 {
                // Tables that touch are merged by Word and LibreOffice: keep them apart.
                self.line(x, "", &self.options.body_font, Para::default());
            }
            self.grid_table(x, report, blocks);
        }
    }

    /// Blocks as one table on a common grid: the label columns of the first, then the
    /// least common multiple of the blocks' data-column counts.
    pub(super) fn grid_table(&self, x: &mut Xml, report: &Report<'_>, blocks: &[Block]) {
        if blocks.is_empty() {
            return;
        }
        let n_grid_data = blocks
            .iter()
            .map(|b| b.columns.len().max(1))
            .fold(1, crate::export::lcm);
        let size = self.options.table_size_half_points;
        let grid = grid_widths((report, blocks), n_grid_data, self.text_width, size);
        self.open_table(x, &grid);
        let (rows, n_header) = grid_rows(report, blocks, n_grid_data, grid.len());
        let keep = kept_rows(blocks, rows.len());
        for (r, row) in rows.iter().enumerate() {
            open_row(x, r < n_header);
            for cell in row {
                self.grid_cell(x, (Some(report.template), cell), &grid, keep[r]);
            }
            x.close("w:tr");
        }
        x.close("w:tbl");
    }

    /// Opens a table with its properties (its width, centred, ruled on every side, a fixed
    /// layout, narrow cell margins) and its grid of column widths.
    pub(super) fn open_table(&self, x: &mut Xml, grid: &[usize]) {
        let total: usize = grid.iter().sum();
        let border = self.options.border_eighths.to_string();
        x.open("w:tbl", &[]);
        x.open("w:tblPr", &[]);
        x.empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")]);
        x.empty("w:jc", &[("w:val", "center")]);
        x.open("w:tblBorders", &[]);
        for side in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            x.empty(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", &border),
                    ("w:space", "0"),
                    ("w:color", "000000"),
                ],
            );
        }
        x.close("w:tblBorders");
        x.empty("w:tblLayout", &[("w:type", "fixed")]);
        x.open("w:tblCellMar", &[]);
        let margin = CELL_MARGIN.to_string();
        x.empty("w:left", &[("w:w", &margin), ("w:type", "dxa")]);
        x.empty("w:right", &[("w:w", &margin), ("w:type", "dxa")]);
        x.close("w:tblCellMar");
        x.close("w:tblPr");
        x.open("w:tblGrid", &[]);
        for width in grid {
            x.empty("w:gridCol", &[("w:w", &width.to_string())]);
        }
        x.close("w:tblGrid");
    }

    /// One cell: its width and spans, centred vertically, its text in the table font
    /// (headers and row labels broken between words).
    pub(super) fn grid_cell(
        &self,
        x: &mut Xml,
        (template, cell): (Option<&crate::template::Template>, &GridCell),
        grid: &[usize],
        keep: bool,
    ) {
        let o = self.options;
        let width: usize = grid[cell.col..(cell.col + cell.span).min(grid.len())]
            .iter()
            .sum();
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        if cell.span > 1 {
            x.empty("w:gridSpan", &[("w:val", &cell.span.to_string())]);
        }
        match cell.merge {
            Some(true) => x.empty("w:vMerge", &[("w:val", "restart")]),
            Some(false) => x.empty("w:vMerge", &[]),
            None => {}
        }
        x.empty("w:vAlign", &[("w:val", "center")]);
        x.close("w:tcPr");
        x.open("w:p", &[]);
        Para {
            keep_next: keep,
            jc: Some(cell.align),
            off_grid: true,
            ..Para::default()
        }
        .write(x);
        let text = if cell.header || cell.align == "left" {
            header_lines(template, &cell.text, width, o.table_size_half_points)
        } else {
            cell.text.clone()
        };
        if !text.is_empty() {
            run(
                x,
                &text,
                &o.table_font,
                &o.table_font,
                o.table_size_half_points,
            );
        }
        x.close("w:p");
        x.close("w:tc");
    }
}

/// Opens a table row, never split across pages; a header row repeats on each page.
pub(super) fn open_row(x: &mut Xml, header: bool) {
    x.open("w:tr", &[]);
    x.open("w:trPr", &[]);
    x.empty("w:cantSplit", &[]);
    if header {
        x.empty("w:tblHeader", &[]);
    }
    x.close("w:trPr");
}
