//! DOCX in the layout of Chinese official documents (GB/T 9704-2012): A4, margins 37/35/28/
//! 26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at a fixed 28 pt line
//! spacing, first-level headings in 黑体, second-level in 楷体_GB2312, page numbers 「— N —」.
//! Fonts and sizes come from [`DocxOptions`]. East Asian font names are set on every run
//! (`w:eastAsia`) so Word and WPS pick them.
//!
//! The tables are the mandated ones, with real merged cells (gridSpan / vMerge) built from
//! the template's spans, fixed column widths that fit the text width, borders on every cell,
//! and the header rows repeated when a table breaks across pages.

use super::Report;
use super::grid::{
    CELL_MARGIN, CELL_PAD, GridCell, block_groups, grid_rows, grid_widths, header_lines, kept_rows,
    share, text_twips,
};
use super::ooxml::{self, Part, Properties, R, W, Xml};
use crate::date::Date;
use crate::template::{Block, Table};

/// Fonts, sizes and page geometry of the DOCX export. Sizes are in half-points (Word's
/// unit): 三号 = 16 pt = 32.
#[derive(Clone, Debug)]
pub struct DocxOptions {
    /// Title font: 方正小标宋简体.
    pub title_font: String,
    /// Body font: 仿宋_GB2312.
    pub body_font: String,
    /// First-level headings (一、): 黑体.
    pub heading1_font: String,
    /// Second-level headings ((一)): 楷体_GB2312.
    pub heading2_font: String,
    /// Table text: 宋体.
    pub table_font: String,
    /// Title size: 二号 (22 pt).
    pub title_size_half_points: usize,
    /// Body and heading size: 三号 (16 pt).
    pub body_size_half_points: usize,
    /// Table text size: 五号 (10.5 pt).
    pub table_size_half_points: usize,
    /// Page numbers: 4号 (14 pt) 宋体.
    pub page_number_size_half_points: usize,
    /// Fixed line spacing of body text, in twips: the page grid's line pitch, 22 lines on
    /// the 225 mm text height (579 twips, 28.95 pt).
    pub line_spacing_twips: i32,
    /// Page margins in millimetres: top, bottom, left, right.
    pub margins_mm: [u32; 4],
    /// Table rules, in eighths of a point: 1 pt = 8.
    pub border_eighths: u32,
    /// Substitutes Word and WPS use where a font is not installed (`w:altName` in the font
    /// table): (font, substitute).
    pub font_fallbacks: Vec<(String, String)>,
    /// When the file is made (its properties and zip entries); the caller knows the clock.
    /// Without one no dates are written, and the same report gives the same bytes.
    pub date: Option<Date>,
}

impl Default for DocxOptions {
    fn default() -> Self {
        Self {
            title_font: "方正小标宋简体".to_owned(),
            body_font: "仿宋_GB2312".to_owned(),
            heading1_font: "黑体".to_owned(),
            heading2_font: "楷体_GB2312".to_owned(),
            table_font: "宋体".to_owned(),
            title_size_half_points: 44,
            body_size_half_points: 32,
            table_size_half_points: 21,
            page_number_size_half_points: 28,
            line_spacing_twips: 579,
            margins_mm: [37, 35, 28, 26],
            border_eighths: 8,
            font_fallbacks: [
                ("仿宋_GB2312", "仿宋"),
                ("楷体_GB2312", "楷体"),
                ("方正小标宋简体", "宋体"),
                ("仿宋", "FangSong"),
                ("楷体", "KaiTi"),
                ("宋体", "SimSun"),
                ("黑体", "SimHei"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .to_vec(),
            date: None,
        }
    }
}

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Occurs when the document cannot be packed into a zip file.
    #[error("无法生成Word文件：{0}")]
    Pack(String),
    /// Occurs when typst cannot typeset the PDF (a defect of the program: the code it
    /// compiles is generated).
    #[error("无法生成PDF文件：{0}")]
    Typeset(String),
}

/// Lines on a page and characters on a line (GB/T 9704—2012 5.2.2).
const LINES_PER_PAGE: u32 = 22;
const CHARS_PER_LINE: u32 = 28;

/// A4 in twips.
const A4_TWIPS: (u32, u32) = (11_906, 16_838);

/// Latin text and digits in body runs.
const LATIN_FONT: &str = "Times New Roman";

fn mm_to_twips(mm: u32) -> u32 {
    // 1 mm = 1440 / 25.4 twips.
    (mm * 14_400 + 127) / 254
}

/// The report as a DOCX file.
pub fn docx(report: &Report<'_>, options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    let w = Writer {
        options,
        text_width: text_width(options),
    };
    let title = report.title();
    let (agency, date) = report.signature();
    let document = w.document(report, &title, &agency, &date);
    let parts = w.parts(document);
    let properties = Properties {
        title: &title,
        creator: &agency,
        date: options
            .date
            .map(|d| format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)),
    };
    ooxml::pack(parts, &properties, options.date)
}

/// A table of its own as a DOCX file in the report's layout (page, fonts, rules, page
/// numbers): a title, then the table with its header row repeated on every page.
/// For the per-unit overview of a consolidation (各单位概况), an attachment to the report:
/// its headers are `template` words, broken only between them (「结转/下年度」); every
/// column is wide enough for its header's widest word and its figures, and the first (the
/// units' names) takes the rest.
pub fn table_docx(
    title: &str,
    (header, rows): (&[String], &[Vec<String>]),
    template: &crate::template::Template,
    options: &DocxOptions,
) -> Result<Vec<u8>, ExportError> {
    let w = Writer {
        options,
        text_width: text_width(options),
    };
    let half = options.table_size_half_points * 5;
    let widest = |text: &str| {
        text.lines()
            .map(crate::text::display_width)
            .max()
            .unwrap_or(0)
    };
    let mins: Vec<usize> = (0..header.len())
        .map(|c| {
            let words = widest(&template.wrap_label(&header[c], 0));
            // Names (the first column) wrap; figures never do.
            let cells = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| widest(t))
                .max()
                .unwrap_or(0);
            let cells = if c == 0 { cells.min(12) } else { cells };
            words.max(cells) * half + CELL_PAD
        })
        .collect();
    let total = w.text_width as usize;
    let need: usize = mins.iter().sum();
    let mut grid = share(total.min(need), &mins);
    if let Some(first) = grid.first_mut() {
        *first += total.saturating_sub(need);
    }
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:body", &[]);
    w.title(&mut x, title, "");
    w.open_table(&mut x, &grid);
    for (r, row) in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        open_row(&mut x, r == 0);
        for (col, text) in row.iter().enumerate().take(grid.len()) {
            let cell = GridCell {
                text: text.clone(),
                col,
                span: 1,
                merge: None,
                align: match (r, col) {
                    (0, _) => "center",
                    // Names wrap where Word wraps them (「left」 would break them as
                    // row labels are broken, between words of the form's labels).
                    (_, 0) => "both",
                    _ => "right",
                },
                header: r == 0,
            };
            w.grid_cell(&mut x, (Some(template), &cell), &grid, false);
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
    w.section(&mut x);
    x.close("w:body");
    x.close("w:document");
    let parts = w.parts(x.into_bytes());
    let properties = Properties {
        title,
        creator: "",
        date: options
            .date
            .map(|d| format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)),
    };
    ooxml::pack(parts, &properties, options.date)
}

/// A paragraph's properties, written in schema order (`keepNext autoSpaceDE autoSpaceDN
/// snapToGrid spacing ind jc`).
#[derive(Clone, Copy, Default)]
struct Para {
    keep_next: bool,
    /// No automatic space between Chinese and Latin text or numbers: the signature's width
    /// is then exactly its characters' (「2025年1月5日」, not 「2025 年 1 月 5 日」).
    tight: bool,
    /// Off the page's character grid: text in another size (the title, the tables, the
    /// page numbers) keeps its own spacing.
    off_grid: bool,
    /// Line spacing in twips, exact; space after, in twips.
    spacing: Option<(i32, u32)>,
    /// Left, right and first-line indents, in twips.
    ind: Option<(i32, i32, i32)>,
    jc: Option<&'static str>,
}

impl Para {
    fn write(&self, x: &mut Xml) {
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
fn run(x: &mut Xml, text: &str, east_asia: &str, latin: &str, size_half_points: usize) {
    spaced_run(x, text, (east_asia, latin), size_half_points, 0);
}

/// [`run`] with its characters `spacing` twips further apart (negative: closer).
fn spaced_run(
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
fn run_properties(
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

struct Writer<'a> {
    options: &'a DocxOptions,
    text_width: u32,
}

impl Writer<'_> {
    /// The main document part: title, preamble, sections, signature and the page setup.
    fn document(&self, report: &Report<'_>, title: &str, agency: &str, date: &str) -> Vec<u8> {
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
    fn sections(&self, x: &mut Xml, report: &Report<'_>) {
        let options = self.options;
        let template = report.template;
        let last_part = template
            .parts()
            .filter(|p| !report.paragraphs(&p.id).is_empty())
            .last()
            .map(|p| p.id.as_str());
        for section in &template.sections {
            self.heading(x, &section.heading(), &options.heading1_font);
            if let Some(table) = section.table.and_then(|t| template.tables.get(t)) {
                self.table(x, report, table);
            }
            for part in &section.parts {
                let paragraphs = report.paragraphs(&part.id);
                if paragraphs.is_empty() {
                    continue;
                }
                if part.is_titled && section.parts.len() > 1 {
                    self.heading(x, &part.title, &options.heading2_font);
                }
                let n = paragraphs.len();
                for (i, p) in paragraphs.iter().enumerate() {
                    let is_last = last_part == Some(part.id.as_str()) && i + 1 == n;
                    self.body_kept(x, p, is_last);
                }
            }
        }
    }

    /// The signature of a document without a seal (GB/T 9704—2012 7.3.5.2): a blank line
    /// after the text, the agency two characters from the right margin, and on the next line
    /// the date, its first character two characters right of the agency's first; a date
    /// longer than the agency stands two characters from the margin, and the agency moves
    /// left to keep the two characters between their first characters. All on one page.
    fn signature(&self, x: &mut Xml, agency: &str, date: &str) {
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

    /// The package's parts: the document, its styles, settings, font table, the two page
    /// number footers and the document's relationships.
    fn parts(&self, document: Vec<u8>) -> Vec<Part> {
        vec![
            Part {
                path: "word/document.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                bytes: document,
            },
            Part {
                path: "word/styles.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                bytes: self.styles(),
            },
            Part {
                path: "word/settings.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
                bytes: settings(),
            },
            Part {
                path: "word/fontTable.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
                bytes: font_table(self.options),
            },
            Part {
                path: "word/footer1.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                bytes: self.footer(true),
            },
            Part {
                path: "word/footer2.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                bytes: self.footer(false),
            },
            Part {
                path: "word/_rels/document.xml.rels",
                content_type: "application/vnd.openxmlformats-package.relationships+xml",
                bytes: ooxml::document_rels(),
            },
        ]
    }

    /// The title, centred. One that needs two lines breaks between words (GB/T 9704): the
    /// agency on the first line, 「2024年政府信息公开工作年度报告」 on the second.
    fn title(&self, x: &mut Xml, title: &str, agency: &str) {
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

    fn line(&self, x: &mut Xml, text: &str, font: &str, para: Para) {
        x.open("w:p", &[]);
        para.write(x);
        if !text.is_empty() {
            let size = self.options.body_size_half_points;
            spaced_run(x, text, (font, LATIN_FONT), size, page_grid(self.options).1);
        }
        x.close("w:p");
    }

    /// A body paragraph, indented two characters.
    fn body(&self, x: &mut Xml, text: &str) {
        self.body_kept(x, text, false);
    }

    /// [`Self::body`], kept on the page of what follows when `keep_next`.
    fn body_kept(&self, x: &mut Xml, text: &str, keep_next: bool) {
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
    fn heading(&self, x: &mut Xml, text: &str, font: &str) {
        let para = Para {
            keep_next: true,
            spacing: Some((self.options.line_spacing_twips, 0)),
            ind: Some((0, 0, two_chars(self.options))),
            ..Para::default()
        };
        self.line(x, text, font, para);
    }

    /// A signature line, right-aligned `right` twips from the margin.
    fn right(&self, x: &mut Xml, text: &str, right: i32, keep_next: bool) {
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
    fn table(&self, x: &mut Xml, report: &Report<'_>, table: &Table) {
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
    fn grid_table(&self, x: &mut Xml, report: &Report<'_>, blocks: &[Block]) {
        if blocks.is_empty() {
            return;
        }
        let n_grid_data = blocks
            .iter()
            .map(|b| b.columns.len().max(1))
            .fold(1, super::lcm);
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
    fn open_table(&self, x: &mut Xml, grid: &[usize]) {
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
    fn grid_cell(
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

    /// The section: A4, the margins, and the page numbers' footers (odd pages right, even
    /// pages left).
    fn section(&self, x: &mut Xml) {
        let o = self.options;
        let [top, bottom, left, right] = o.margins_mm.map(mm_to_twips);
        // GB/T 9704: the page number's line starts 7 mm below the text block.
        let number_height = u32::try_from(o.page_number_size_half_points * 10).unwrap_or(280);
        let footer = mm_to_twips(o.margins_mm[1].saturating_sub(7)).saturating_sub(number_height);
        x.open("w:sectPr", &[]);
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", "rIdFooterOdd")],
        );
        x.empty(
            "w:footerReference",
            &[("w:type", "even"), ("r:id", "rIdFooterEven")],
        );
        x.empty(
            "w:pgSz",
            &[
                ("w:w", &A4_TWIPS.0.to_string()),
                ("w:h", &A4_TWIPS.1.to_string()),
            ],
        );
        x.empty(
            "w:pgMar",
            &[
                ("w:top", &top.to_string()),
                ("w:right", &right.to_string()),
                ("w:bottom", &bottom.to_string()),
                ("w:left", &left.to_string()),
                ("w:header", "851"),
                ("w:footer", &footer.to_string()),
                ("w:gutter", "0"),
            ],
        );
        x.empty("w:pgNumType", &[("w:fmt", "decimal"), ("w:start", "1")]);
        x.empty("w:cols", &[("w:space", "425")]);
        let (line_pitch, _) = page_grid(self.options);
        x.empty(
            "w:docGrid",
            &[
                ("w:type", "lines"),
                ("w:linePitch", &line_pitch.to_string()),
            ],
        );
        x.close("w:sectPr");
    }

    /// A footer with the page number 「— N —」 in 4号 半角宋体, on odd pages at the right
    /// and on even pages at the left, one character in from the edge of the text.
    fn footer(&self, odd: bool) -> Vec<u8> {
        let o = self.options;
        let size = o.page_number_size_half_points;
        let one_char = i32::try_from(size * 10).unwrap_or(280);
        let mut x = Xml::new();
        x.open("w:ftr", &[("xmlns:w", W), ("xmlns:r", R)]);
        x.open("w:p", &[]);
        Para {
            spacing: Some((one_char, 0)),
            ind: Some(if odd {
                (0, one_char, 0)
            } else {
                (one_char, 0, 0)
            }),
            jc: Some(if odd { "right" } else { "left" }),
            off_grid: true,
            ..Para::default()
        }
        .write(&mut x);
        let font = "宋体";
        run(&mut x, "— ", font, font, size);
        // Every run of the field in the page number's font and size: Word shows the number
        // in the field code's run properties when it updates it.
        let field = |x: &mut Xml, kind: &str| {
            x.open("w:r", &[]);
            run_properties(x, (font, font), size, 0);
            x.empty("w:fldChar", &[("w:fldCharType", kind)]);
            x.close("w:r");
        };
        field(&mut x, "begin");
        x.open("w:r", &[]);
        run_properties(&mut x, (font, font), size, 0);
        x.element("w:instrText", &[("xml:space", "preserve")], " PAGE ");
        x.close("w:r");
        field(&mut x, "separate");
        run(&mut x, "1", font, font, size);
        field(&mut x, "end");
        run(&mut x, " —", font, font, size);
        x.close("w:p");
        x.close("w:ftr");
        x.into_bytes()
    }

    /// Defaults (the body font, 三号, Chinese language, widow control), the normal
    /// paragraph and the normal table.
    fn styles(&self) -> Vec<u8> {
        let mut x = Xml::new();
        x.open("w:styles", &[("xmlns:w", W)]);
        self.doc_defaults(&mut x);
        normal_styles(&mut x);
        table_normal_style(&mut x);
        x.close("w:styles");
        x.into_bytes()
    }

    /// The document defaults: runs in the body font at body size, Chinese language, and
    /// paragraphs with widow control.
    fn doc_defaults(&self, x: &mut Xml) {
        let o = self.options;
        let size = o.body_size_half_points.to_string();
        x.open("w:docDefaults", &[]);
        x.open("w:rPrDefault", &[]);
        x.open("w:rPr", &[]);
        x.empty(
            "w:rFonts",
            &[
                ("w:ascii", LATIN_FONT),
                ("w:hAnsi", LATIN_FONT),
                ("w:eastAsia", &o.body_font),
                ("w:cs", LATIN_FONT),
            ],
        );
        x.empty("w:kern", &[("w:val", "2")]);
        x.empty("w:sz", &[("w:val", &size)]);
        x.empty("w:szCs", &[("w:val", &size)]);
        x.empty(
            "w:lang",
            &[
                ("w:val", "en-US"),
                ("w:eastAsia", "zh-CN"),
                ("w:bidi", "ar-SA"),
            ],
        );
        x.close("w:rPr");
        x.close("w:rPrDefault");
        x.open("w:pPrDefault", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:widowControl", &[]);
        x.close("w:pPr");
        x.close("w:pPrDefault");
        x.close("w:docDefaults");
    }
}

/// The title with its line breaks: one that needs two lines breaks between words (GB/T
/// 9704), the agency on the first line, 「2024年政府信息公开工作年度报告」 on the second; an
/// agency too long for a line breaks between words too (「…市场监督管理局」 /
/// 「（知识产权局）」), never inside one.
pub(super) fn title_lines(options: &DocxOptions, title: &str, agency: &str) -> String {
    let per_line = text_width(options) as usize / (options.title_size_half_points * 10).max(1);
    match title.strip_prefix(agency) {
        Some(rest) if !agency.is_empty() && title.chars().count() > per_line => {
            let agency = crate::text::wrap_label(agency, &[], 2 * per_line);
            format!("{agency}\n{rest}")
        }
        _ => title.to_owned(),
    }
}

/// The text width of the page (twips): A4 less the side margins.
pub(super) fn text_width(options: &DocxOptions) -> u32 {
    let [_, _, left, right] = options.margins_mm.map(mm_to_twips);
    A4_TWIPS.0.saturating_sub(left + right)
}

/// The page's grid (GB/T 9704—2012 5.2.2): 22 lines of 28 characters on the text area.
/// The line pitch in twips, and how much closer the body's characters stand (twips):
/// 28 characters of 三号 are a little wider than the 156 mm line. (Word's character grid,
/// `linesAndChars`, would do the same, but LibreOffice lays such a grid out with double
/// the line spacing; the spacing of the runs reads the same in both.)
pub(super) fn page_grid(o: &DocxOptions) -> (u32, i32) {
    let [top, bottom, _, _] = o.margins_mm.map(mm_to_twips);
    let height = A4_TWIPS.1.saturating_sub(top + bottom);
    let line_pitch = height / LINES_PER_PAGE;
    let em = i32::try_from(o.body_size_half_points * 10).unwrap_or(320);
    let pitch = i32::try_from(text_width(o) / CHARS_PER_LINE).unwrap_or(em);
    (line_pitch, (pitch - em).min(0))
}

/// Two characters of body text as the grid sets them, in twips (the indent of Chinese
/// paragraphs).
pub(super) fn two_chars(options: &DocxOptions) -> i32 {
    let em = i32::try_from(options.body_size_half_points * 10).unwrap_or(320);
    2 * (em + page_grid(options).1)
}

/// The right indents (twips) of the signature's agency and date lines.
pub(super) fn signature_indents(options: &DocxOptions, agency: &str, date: &str) -> (i32, i32) {
    let two = two_chars(options);
    if agency.is_empty() || date.is_empty() {
        return (two, two);
    }
    let (size, spacing) = (options.body_size_half_points, page_grid(options).1);
    let (a, d) = (
        text_twips(agency, size, spacing),
        text_twips(date, size, spacing),
    );
    // The date starts two characters right of the agency's first character; a date
    // longer than the agency stands two characters from the margin instead.
    if d > a {
        (two + two + d - a, two)
    } else {
        (two, a - d)
    }
}

/// The default paragraph style (Normal, with widow control) and the default character style.
fn normal_styles(x: &mut Xml) {
    x.open(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
    );
    x.empty("w:name", &[("w:val", "Normal")]);
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:widowControl", &[]);
    x.close("w:pPr");
    x.close("w:style");

    x.open(
        "w:style",
        &[
            ("w:type", "character"),
            ("w:default", "1"),
            ("w:styleId", "DefaultParagraphFont"),
        ],
    );
    x.empty("w:name", &[("w:val", "Default Paragraph Font")]);
    x.empty("w:uiPriority", &[("w:val", "1")]);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.close("w:style");
}

/// The default table style (Normal Table): no indent, Word's usual cell margins.
fn table_normal_style(x: &mut Xml) {
    x.open(
        "w:style",
        &[
            ("w:type", "table"),
            ("w:default", "1"),
            ("w:styleId", "TableNormal"),
        ],
    );
    x.empty("w:name", &[("w:val", "Normal Table")]);
    x.empty("w:uiPriority", &[("w:val", "99")]);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    x.open("w:tblCellMar", &[]);
    for (side, w) in [
        ("w:top", "0"),
        ("w:left", "108"),
        ("w:bottom", "0"),
        ("w:right", "108"),
    ] {
        x.empty(side, &[("w:w", w), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");
}

/// Settings: 100 % zoom, odd and even footers, Chinese punctuation compressed, Word 2013+
/// layout.
fn settings() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.empty("w:defaultTabStop", &[("w:val", "420")]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty(
        "w:characterSpacingControl",
        &[("w:val", "compressPunctuation")],
    );
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")],
    );
    x.close("w:settings");
    x.into_bytes()
}

/// The font table: Times New Roman and the Chinese fonts (GB2312 charset), each with the
/// substitute Word and WPS use where it is not installed, and that one listed too, with its
/// own (仿宋_GB2312 → 仿宋 → `FangSong`), and each with its kind of face, so that a PC
/// without them still sets the body in a serif face, the headings in a hei face and the
/// second headings in a kai face (not one sans face for everything).
fn font_table(options: &DocxOptions) -> Vec<u8> {
    let mut names: Vec<&str> = [
        &options.title_font,
        &options.body_font,
        &options.heading1_font,
        &options.heading2_font,
        &options.table_font,
    ]
    .map(String::as_str)
    .to_vec();
    let alt = |name: &str| {
        options
            .font_fallbacks
            .iter()
            .find(|(font, _)| font == name)
            .map(|(_, alt)| alt.as_str())
    };
    // Each substitute in turn, as far as the chain goes.
    let mut at = 0;
    while at < names.len() {
        if let Some(next) = alt(names[at])
            && !names.contains(&next)
        {
            names.push(next);
        }
        at += 1;
    }
    names.sort_unstable();
    names.dedup();
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W)]);
    x.open("w:font", &[("w:name", LATIN_FONT)]);
    x.empty("w:panose1", &[("w:val", "02020603050405020304")]);
    x.empty("w:charset", &[("w:val", "00")]);
    x.empty("w:family", &[("w:val", "roman")]);
    x.empty("w:pitch", &[("w:val", "variable")]);
    x.close("w:font");
    for name in names {
        x.open("w:font", &[("w:name", name)]);
        if let Some(alt) = alt(name) {
            x.empty("w:altName", &[("w:val", alt)]);
        }
        x.empty("w:charset", &[("w:val", "86")]);
        x.empty("w:family", &[("w:val", face_family(name))]);
        x.empty("w:pitch", &[("w:val", "variable")]);
        x.close("w:font");
    }
    x.close("w:fonts");
    x.into_bytes()
}

/// The kind of face a Chinese font is, as Word's font table names kinds: 黑体 a sans
/// (swiss), 楷体 a script, 宋体, 仿宋 and the title's 小标宋 a serif (roman).
fn face_family(name: &str) -> &'static str {
    if name.contains('黑') || name.contains("Hei") {
        "swiss"
    } else if name.contains('楷') || name.contains("Kai") {
        "script"
    } else {
        "roman"
    }
}

/// Opens a table row, never split across pages; a header row repeats on each page.
fn open_row(x: &mut Xml, header: bool) {
    x.open("w:tr", &[]);
    x.open("w:trPr", &[]);
    x.empty("w:cantSplit", &[]);
    if header {
        x.empty("w:tblHeader", &[]);
    }
    x.close("w:trPr");
}

#[cfg(test)]
mod tests {
    use super::{DocxOptions, font_table};
    use crate::export::grid::header_lines;
    use crate::export::lcm;

    #[test]
    fn chinese_fonts_are_declared_with_substitutes() {
        let out = String::from_utf8(font_table(&DocxOptions::default())).unwrap();
        assert!(
            out.contains(
                r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#),
            "{out}"
        );
        // The chain goes on to the English names, each face with its kind.
        assert!(
            out.contains(
                r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="roman"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="swiss"/>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="script"/>"#),
            "{out}"
        );
        assert!(out.contains(r#"<w:font w:name="KaiTi">"#), "{out}");
    }

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
