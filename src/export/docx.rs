//! DOCX in the layout of Chinese official documents (GB/T 9704-2012): A4, margins 37/35/28/
//! 26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at a fixed 28 pt line
//! spacing, first-level headings in 黑体, second-level in 楷体_GB2312, page numbers 「— N —」.
//! Fonts and sizes come from [`DocxOptions`]. East Asian font names are set on every run
//! (`w:eastAsia`) so Word and WPS pick them.
//!
//! The tables are the mandated ones, with real merged cells (gridSpan / vMerge) built from
//! the template's spans, fixed column widths that fit the text width, borders on every cell,
//! and the header rows repeated when a table breaks across pages.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use super::Report;
use crate::template::{Block, Span};

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
    /// Fixed line spacing of body text, in twips: 28 pt = 560.
    pub line_spacing_twips: i32,
    /// Page margins in millimetres: top, bottom, left, right.
    pub margins_mm: [u32; 4],
    /// Substitutes Word and WPS use where a font is not installed (`w:altName` in the font
    /// table): (font, substitute).
    pub font_fallbacks: Vec<(String, String)>,
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
            line_spacing_twips: 560,
            margins_mm: [37, 35, 28, 26],
            font_fallbacks: [
                ("仿宋_GB2312", "仿宋"),
                ("楷体_GB2312", "楷体"),
                ("方正小标宋简体", "宋体"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .to_vec(),
        }
    }
}

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Occurs when the document cannot be packed into a zip file.
    #[error("无法生成Word文件：{0}")]
    Pack(String),
}

/// A4 in twips.
const A4_TWIPS: (u32, u32) = (11_906, 16_838);

fn mm_to_twips(mm: u32) -> u32 {
    // 1 mm = 1440 / 25.4 twips.
    (mm * 14_400 + 127) / 254
}

/// The report as a DOCX file.
pub fn docx(report: &Report<'_>, options: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    let [top, bottom, left, right] = options.margins_mm.map(mm_to_twips);
    let text_width = A4_TWIPS.0.saturating_sub(left + right);
    let mut doc = Docx::new()
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new()
                .top(i32::try_from(top).unwrap_or(2098))
                .bottom(i32::try_from(bottom).unwrap_or(1984))
                .left(i32::try_from(left).unwrap_or(1588))
                .right(i32::try_from(right).unwrap_or(1474)),
        )
        .default_fonts(fonts(&options.body_font))
        .default_size(options.body_size_half_points)
        .footer(footer(options));
    let w = Writer { options };
    doc = doc.add_paragraph(w.title(&report.title()));
    for p in report.preamble().lines().filter(|l| !l.trim().is_empty()) {
        doc = doc.add_paragraph(w.body(p.trim()));
    }
    let template = report.template;
    let mut n_header_rows = Vec::new();
    for section in &template.sections {
        doc = doc.add_paragraph(w.heading(&section.heading(), &options.heading1_font));
        if let Some(table) = section.table.and_then(|t| template.tables.get(t)) {
            for (i, block) in table.blocks.iter().enumerate() {
                if i > 0 {
                    // Tables that touch are merged by Word and LibreOffice (and so would repeat
                    // the first block's header over the others): keep them apart by a hairline.
                    doc = doc.add_paragraph(hairline());
                }
                let (t, n_header) = w.table(report, block, text_width);
                doc = doc.add_table(t);
                n_header_rows.push(n_header);
            }
        }
        for part in &section.parts {
            let paragraphs = report.paragraphs(&part.id);
            if paragraphs.is_empty() {
                continue;
            }
            if part.is_titled && section.parts.len() > 1 {
                doc = doc.add_paragraph(w.heading(&part.title, &options.heading2_font));
            }
            for p in paragraphs {
                doc = doc.add_paragraph(w.body(&p));
            }
        }
    }
    let (agency, date) = report.signature();
    doc = doc.add_paragraph(w.body(""));
    for line in [agency, date].iter().filter(|l| !l.is_empty()) {
        doc = doc.add_paragraph(w.right(line));
    }
    let mut xml = doc.build();
    xml.document = repeat_header_rows(&xml.document, &n_header_rows);
    xml.font_table = declare_fonts(&xml.font_table, options);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| ExportError::Pack(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// An empty paragraph one point high.
fn hairline() -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(20))
        .add_run(Run::new().size(2))
}

/// A fixed line spacing.
fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line(twips)
        .line_rule(LineSpacingType::Exact)
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn footer(options: &DocxOptions) -> Footer {
    let run = |t: &str| Run::new().add_text(t).fonts(fonts("宋体")).size(28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— "))
            .add_page_num(PageNum::new())
            .add_run(run(" —"))
            .size(28)
            .line_spacing(
                LineSpacing::new()
                    .line(options.line_spacing_twips / 2)
                    .line_rule(LineSpacingType::Auto),
            ),
    )
}

struct Writer<'a> {
    options: &'a DocxOptions,
}

impl Writer<'_> {
    fn title(&self, text: &str) -> Paragraph {
        let o = self.options;
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(
                exact(o.line_spacing_twips * 5 / 4)
                    .after(u32::try_from(o.line_spacing_twips).unwrap_or(560)),
            )
            .add_run(
                Run::new()
                    .add_text(text)
                    .fonts(fonts(&o.title_font))
                    .size(o.title_size_half_points),
            )
    }

    /// Body-size text in a font.
    fn run(&self, text: &str, font: &str) -> Run {
        Run::new()
            .add_text(text)
            .fonts(fonts(font))
            .size(self.options.body_size_half_points)
    }

    /// Two characters of body text, in twips (the indent of Chinese paragraphs).
    fn two_chars(&self) -> i32 {
        i32::try_from(self.options.body_size_half_points * 20).unwrap_or(640)
    }

    /// A body paragraph, indented two characters.
    fn body(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(self.two_chars())),
                None,
                None,
            )
            .line_spacing(exact(self.options.line_spacing_twips))
            .add_run(self.run(text, &self.options.body_font))
    }

    fn heading(&self, text: &str, font: &str) -> Paragraph {
        Paragraph::new()
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(self.two_chars())),
                None,
                None,
            )
            .line_spacing(exact(self.options.line_spacing_twips))
            .keep_next(true)
            .add_run(self.run(text, font))
    }

    fn right(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .align(AlignmentType::Right)
            .indent(None, None, Some(self.two_chars()), None)
            .line_spacing(exact(self.options.line_spacing_twips))
            .add_run(self.run(text, &self.options.body_font))
    }

    fn cell_paragraph(&self, text: &str, align: AlignmentType) -> Paragraph {
        let o = self.options;
        Paragraph::new().align(align).add_run(
            Run::new()
                .add_text(text)
                .fonts(fonts(&o.table_font))
                .size(o.table_size_half_points),
        )
    }

    /// One block as a table; returns it and the number of rows to repeat on a new page.
    fn table(&self, report: &Report<'_>, block: &Block, text_width: u32) -> (Table, usize) {
        let widths = column_widths(block, text_width);
        let n_columns = widths.len();
        let mut rows = Vec::new();
        if let Some(caption) = &block.caption {
            let cell = TableCell::new()
                .add_paragraph(self.cell_paragraph(caption, AlignmentType::Center))
                .grid_span(n_columns)
                .width(widths.iter().sum(), WidthType::Dxa);
            rows.push(TableRow::new(vec![cell]));
        }
        for r in 0..block.header_rows {
            rows.push(TableRow::new(self.span_row(&block.header, r, &widths, &[])));
        }
        let n_header = rows.len();
        for r in 0..block.rows.len() {
            let data: Vec<String> = (0..block.columns.len())
                .map(|c| {
                    block
                        .cell(r, c)
                        .map(|i| report.cell_text(i))
                        .unwrap_or_default()
                })
                .collect();
            // A row is never split across pages.
            rows.push(
                TableRow::new(self.span_row(&block.row_labels, r, &widths, &data)).cant_split(),
            );
        }
        // Narrow side margins, so three characters fit a data column of table 三.
        let margins = TableCellMargins::new().margin(0, 40, 0, 40);
        let table = Table::new(rows)
            .set_grid(widths.clone())
            .margins(margins)
            .layout(TableLayoutType::Fixed)
            .width(widths.iter().sum(), WidthType::Dxa);
        (table, n_header)
    }

    /// The cells of grid row `row`: merged spans (starting here, or continuing a vertical
    /// merge from above), then `data` cells for the columns after the spans' area.
    fn span_row(
        &self,
        spans: &[Span],
        row: usize,
        widths: &[usize],
        data: &[String],
    ) -> Vec<TableCell> {
        let n_span_columns = widths.len() - data.len();
        let mut cells = Vec::new();
        let mut col = 0;
        while col < n_span_columns {
            let Some(span) = spans
                .iter()
                .find(|s| s.col == col && s.row <= row && row < s.row + s.row_span)
            else {
                // No span covers it (should not happen in a checked template): an empty cell.
                cells.push(
                    TableCell::new()
                        .add_paragraph(Paragraph::new())
                        .width(widths[col], WidthType::Dxa),
                );
                col += 1;
                continue;
            };
            let width: usize = widths[col..col + span.col_span].iter().sum();
            let is_start = span.row == row;
            let align = if data.is_empty() {
                AlignmentType::Center
            } else {
                AlignmentType::Left
            };
            let mut cell = TableCell::new()
                .add_paragraph(self.cell_paragraph(if is_start { &span.text } else { "" }, align))
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if span.col_span > 1 {
                cell = cell.grid_span(span.col_span);
            }
            if span.row_span > 1 {
                cell = cell.vertical_merge(if is_start {
                    VMergeType::Restart
                } else {
                    VMergeType::Continue
                });
            }
            cells.push(cell);
            col += span.col_span.max(1);
        }
        for (i, text) in data.iter().enumerate() {
            cells.push(
                TableCell::new()
                    .add_paragraph(self.cell_paragraph(text, AlignmentType::Center))
                    .width(widths[n_span_columns + i], WidthType::Dxa)
                    .vertical_align(VAlignType::Center),
            );
        }
        cells
    }
}

/// Fixed column widths (twips) that fill the text width: label columns first.
fn column_widths(block: &Block, text_width: u32) -> Vec<usize> {
    let total = usize::try_from(text_width).unwrap_or(8844);
    let n_data = block.columns.len().max(1);
    let labels: Vec<usize> = match block.label_columns {
        0 => Vec::new(),
        1 => vec![total * 30 / 100],
        n => {
            // Table 三: a narrow outermost level (三、本年度办理结果 runs down 22 rows), room
            // for 「（三）不予公开」 in the next, the innermost label takes the rest of 43 %.
            let label_total = total * 43 / 100;
            let mut v = vec![total * 11 / 100; n - 1];
            v[0] = total * 7 / 100;
            let used: usize = v.iter().sum();
            if used >= label_total {
                // More levels than table 三 has: share the label width evenly.
                vec![label_total / n; n]
            } else {
                v.push(label_total - used);
                v
            }
        }
    };
    let rest = total - labels.iter().sum::<usize>();
    let data = rest / n_data;
    let mut widths: Vec<usize> = labels
        .into_iter()
        .chain(std::iter::repeat_n(data, block.columns.len()))
        .collect();
    // Rounding leftovers go to the last column, so the table is exactly the text width.
    let sum: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(sum);
    }
    widths
}

/// Declares the Chinese fonts in the font table (GB2312 charset), with their substitutes
/// for machines that lack them, which docx-rs cannot express.
fn declare_fonts(font_table: &[u8], options: &DocxOptions) -> Vec<u8> {
    let Ok(xml) = std::str::from_utf8(font_table) else {
        return font_table.to_vec();
    };
    let Some(end) = xml.rfind("</w:fonts>") else {
        return font_table.to_vec();
    };
    let mut names: Vec<&str> = [
        &options.title_font,
        &options.body_font,
        &options.heading1_font,
        &options.heading2_font,
        &options.table_font,
    ]
    .map(String::as_str)
    .to_vec();
    names.sort_unstable();
    names.dedup();
    let mut fonts = String::new();
    for name in names {
        let alt = options
            .font_fallbacks
            .iter()
            .find(|(font, _)| font == name)
            .map(|(_, alt)| format!("<w:altName w:val=\"{}\" />", xml_escape(alt)))
            .unwrap_or_default();
        fonts.push_str(&format!(
            "<w:font w:name=\"{}\">{alt}<w:charset w:val=\"86\" /><w:family w:val=\"auto\" /><w:pitch w:val=\"variable\" /></w:font>",
            xml_escape(name)
        ));
    }
    format!("{}{fonts}{}", &xml[..end], &xml[end..]).into_bytes()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Marks the first `n` rows of each table (in document order) as header rows that Word
/// repeats on every page (`w:tblHeader`), which docx-rs cannot express.
fn repeat_header_rows(document: &[u8], n_header_rows: &[usize]) -> Vec<u8> {
    let Ok(xml) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut out = String::with_capacity(xml.len() + 64 * n_header_rows.len());
    let mut rest = xml;
    for &n in n_header_rows {
        let Some(table_start) = rest.find("<w:tbl>") else {
            break;
        };
        out.push_str(&rest[..table_start]);
        rest = &rest[table_start..];
        for _ in 0..n {
            let Some(row) = rest.find("<w:tr>") else {
                break;
            };
            let after = row + "<w:tr>".len();
            out.push_str(&rest[..after]);
            rest = &rest[after..];
            if let Some(stripped) = rest.strip_prefix("<w:trPr>") {
                out.push_str("<w:trPr><w:tblHeader />");
                rest = stripped;
            } else if let Some(stripped) = rest.strip_prefix("<w:trPr />") {
                out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
                rest = stripped;
            } else {
                out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
            }
        }
        // Skip past this table so the next search starts after it.
        let Some(end) = rest.find("</w:tbl>") else {
            break;
        };
        let end = end + "</w:tbl>".len();
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::{DocxOptions, declare_fonts, repeat_header_rows};

    #[test]
    fn chinese_fonts_are_declared_with_substitutes() {
        let table = r#"<w:fonts><w:font w:name="Arial"></w:font></w:fonts>"#;
        let out =
            String::from_utf8(declare_fonts(table.as_bytes(), &DocxOptions::default())).unwrap();
        assert!(
            out.contains(
                r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" /><w:charset w:val="86" />"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体" />"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="黑体"><w:charset"#),
            "no substitute needed: {out}"
        );
        assert!(
            out.starts_with(r#"<w:fonts><w:font w:name="Arial"></w:font>"#)
                && out.ends_with("</w:fonts>")
        );
    }

    #[test]
    fn header_rows_are_marked_per_table() {
        let xml = "<w:body><w:tbl><w:tr><w:tc/></w:tr><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl>\
                   <w:p/><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl></w:body>";
        let out = String::from_utf8(repeat_header_rows(xml.as_bytes(), &[2, 1])).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 3, "{out}");
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc/>"));
        assert!(
            out.contains("<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"),
            "{out}"
        );
        assert!(
            out.ends_with("<w:tr><w:tc/></w:tr></w:tbl></w:body>"),
            "the data row is left alone"
        );
    }
}
