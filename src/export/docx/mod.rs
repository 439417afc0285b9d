//! DOCX in the layout of Chinese official documents (GB/T 9704-2012): A4, margins 37/35/28/
//! 26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at a fixed 28 pt line
//! spacing, first-level headings in 黑体, second-level in 楷体_GB2312, page numbers 「— N —」.
//! Fonts and sizes come from [`DocxOptions`]. East Asian font names are set on every run
//! (`w:eastAsia`) so Word and WPS pick them.
//!
//! The tables are the mandated ones, with real merged cells (gridSpan / vMerge) built from
//! the template's spans, fixed column widths that fit the text width, borders on every cell,
//! and the header rows repeated when a table breaks across pages.

mod flow;
mod styles;

use super::grid::{CELL_PAD, GridCell, share, text_twips};
use super::ooxml::{self, Properties, R, W, Xml};
use super::{ExportError, Report};
use crate::date::Date;
use flow::{Writer, open_row};

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
    let (status, description) = report.status();
    let properties = Properties {
        title: &title,
        creator: &agency,
        date: options
            .date
            .map(|d| format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)),
        status: Some(status),
        description: description.as_deref(),
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
        status: None,
        description: None,
    };
    ooxml::pack(parts, &properties, options.date)
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
