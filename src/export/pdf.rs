//! PDF in the layout of the DOCX export (GB/T 9704—2012), typeset by typst: the same page,
//! grid, fonts and sizes ([`DocxOptions`]), the same tables on the same grid
//! ([`super::grid`]) with their merged cells, header rows repeated on each page and merged
//! row labels never split, page numbers 「— N —」 (odd pages right, even pages left) and the
//! signature kept with the last paragraph.
//!
//! The report is written as typst code in which every text is a string literal, so nothing
//! the user typed is read as markup, and compiled in memory. Fonts are the ones the document
//! names where the caller found them on the system (Windows has 仿宋, 宋体, 黑体 and 楷体),
//! else the bundled Noto faces ([`crate::fonts`]); [`Pdf::fonts`] says which were used.

use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::{Frame, FrameItem, PagedDocument};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};

use super::docx::{DocxOptions, page_grid, signature_indents, text_width, title_lines, two_chars};
use super::grid::{GridCell, block_groups, grid_rows, grid_widths, header_lines};
use super::{ExportError, Piece, Report};
use crate::template::{Block, Table};

/// A PDF export: the file, and which font each part of the document was set in.
#[derive(Debug)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Each part of the document (标题, 正文…), the font the document names for it and the
    /// one it was set in, in document order.
    pub fonts: Vec<FontUse>,
    /// Characters no font had (they print as empty boxes), in order of first appearance.
    pub missing: Vec<char>,
}

impl Pdf {
    /// What the export says about its fonts, in Chinese: one line naming the font of each
    /// part (and the stand-in, where the system lacks the named one), and one listing the
    /// characters no font had.
    pub fn notes(&self) -> Vec<String> {
        let parts: Vec<String> = self
            .fonts
            .iter()
            .map(|f| {
                if f.bundled {
                    format!(
                        "{} {}（本机没有{}，用随附字体代替）",
                        f.part, f.used, f.named
                    )
                } else if f.used == f.named {
                    format!("{} {}", f.part, f.used)
                } else {
                    format!("{} {}（{}）", f.part, f.named, f.used)
                }
            })
            .collect();
        let mut notes = vec![format!("PDF字体：{}", parts.join("；"))];
        if !self.missing.is_empty() {
            let chars: Vec<String> = self.missing.iter().map(char::to_string).collect();
            notes.push(format!(
                "以下字符本机字体和随附字体都没有，在PDF中显示为空白方框：{}",
                chars.join("、")
            ));
        }
        notes
    }
}

/// The font a part of the document was set in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontUse {
    /// 标题, 正文, 一级标题, 二级标题, 表格 or 页码.
    pub part: &'static str,
    /// The font the document names (仿宋_GB2312).
    pub named: String,
    /// The family it was set in (`FangSong`, or a bundled face's).
    pub used: String,
    /// Whether `used` is a face bundled with the program, standing in for `named`.
    pub bundled: bool,
}

/// The bundled faces' family names.
const SERIF: &str = "Noto Serif CJK SC";
const SANS: &str = "Noto Sans CJK SC";

/// Latin text and digits, where the system has it.
const LATIN: &str = "Times New Roman";

/// The English family names of the Chinese fonts (what their files name first, and what
/// typst matches).
const ENGLISH_NAMES: [(&str, &str); 7] = [
    ("仿宋_GB2312", "FangSong_GB2312"),
    ("楷体_GB2312", "KaiTi_GB2312"),
    ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    ("仿宋", "FangSong"),
    ("楷体", "KaiTi"),
    ("宋体", "SimSun"),
    ("黑体", "SimHei"),
];

/// Every font name the PDF export looks for, Chinese and English: what the caller searches
/// the system for before [`pdf`].
pub fn pdf_font_names(options: &DocxOptions) -> Vec<String> {
    let mut names: Vec<String> = roles(options)
        .iter()
        .flat_map(|(_, font, _)| wanted_names(options, font))
        .collect();
    names.push(LATIN.to_owned());
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// The parts of the document, the font each is named in, and the bundled stand-in.
fn roles(options: &DocxOptions) -> [(&'static str, &str, &'static str); 6] {
    [
        ("标题", &options.title_font, SERIF),
        ("正文", &options.body_font, SERIF),
        ("一级标题", &options.heading1_font, SANS),
        ("二级标题", &options.heading2_font, SERIF),
        ("表格", &options.table_font, SERIF),
        ("页码", "宋体", SERIF),
    ]
}

/// `font`, then its substitutes by the options' chain (仿宋_GB2312 → 仿宋), each followed by
/// its English name.
fn wanted_names(options: &DocxOptions, font: &str) -> Vec<String> {
    let mut chain = vec![font.to_owned()];
    while let Some((_, next)) = options
        .font_fallbacks
        .iter()
        .find(|(from, _)| Some(from) == chain.last())
    {
        if chain.contains(next) {
            break;
        }
        chain.push(next.clone());
    }
    chain
        .into_iter()
        .flat_map(|name| {
            let english = ENGLISH_NAMES
                .iter()
                .find(|(zh, _)| *zh == name)
                .map(|(_, en)| (*en).to_owned());
            std::iter::once(name).chain(english)
        })
        .collect()
}

/// The report as a PDF file. `system_fonts` are font files (`.ttf`, `.otf`, `.ttc`) the
/// caller found for [`pdf_font_names`]; the bundled faces stand in for the rest.
pub fn pdf(
    report: &Report<'_>,
    options: &DocxOptions,
    system_fonts: &[Arc<[u8]>],
) -> Result<Pdf, ExportError> {
    let mut fonts: Vec<Font> = system_fonts
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(Arc::clone(data))))
        .collect();
    for bundled in [
        crate::fonts::NOTO_SERIF_SC,
        crate::fonts::NOTO_SERIF_SC_BOLD,
        crate::fonts::NOTO_SANS_SC,
    ] {
        fonts.extend(Font::iter(Bytes::new(bundled)));
    }
    let book = FontBook::from_fonts(&fonts);
    let uses: Vec<FontUse> = roles(options)
        .iter()
        .map(|&(part, named, bundled)| {
            let found = wanted_names(options, named)
                .into_iter()
                .find(|name| has_family(&book, name));
            FontUse {
                part,
                named: named.to_owned(),
                bundled: found.is_none(),
                used: found.unwrap_or_else(|| bundled.to_owned()),
            }
        })
        .collect();
    let latin = has_family(&book, LATIN).then_some(LATIN);
    let source = Typst {
        options,
        fonts: &uses,
        latin,
    }
    .document(report);
    let world = InMemory {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        main: Source::new(FileId::new(None, VirtualPath::new("/report.typ")), source),
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| typeset_error(&errors))?;
    let bytes = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| typeset_error(&errors))?;
    let mut missing = Vec::new();
    for page in &document.pages {
        missing_glyphs(&page.frame, &mut missing);
    }
    Ok(Pdf {
        bytes,
        fonts: uses,
        missing,
    })
}

/// Whether the book holds `family` (typst keys its families in lower case).
fn has_family(book: &FontBook, family: &str) -> bool {
    book.contains_family(&family.to_lowercase())
}

/// The first of typst's messages, in an export error (the code is ours, so this is a defect
/// of the program, not of the report).
fn typeset_error(errors: &[typst::diag::SourceDiagnostic]) -> ExportError {
    ExportError::Typeset(
        errors
            .first()
            .map_or_else(|| "排版失败".to_owned(), |e| e.message.to_string()),
    )
}

/// Characters set with a font's empty glyph (no font had them), in order, each once.
fn missing_glyphs(frame: &Frame, out: &mut Vec<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => missing_glyphs(&group.frame, out),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
                    for c in chars.filter(|c| !c.is_whitespace()) {
                        if !out.contains(&c) {
                            out.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The typst world of one export: the standard library, the fonts and the one source file.
struct InMemory {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

impl World for InMemory {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

/// Writes the report as typst code.
struct Typst<'a> {
    options: &'a DocxOptions,
    /// The fonts of [`roles`], in that order.
    fonts: &'a [FontUse],
    latin: Option<&'static str>,
}

/// Twips as typst points.
fn pt(twips: impl Into<f64>) -> String {
    format!("{:.2}pt", twips.into() / 20.0)
}

/// A typst string literal.
fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines as typst content: string literals joined by line breaks.
fn lines(text: &str) -> String {
    let parts: Vec<String> = text.lines().map(lit).collect();
    if parts.is_empty() {
        return "[]".to_owned();
    }
    format!("[#{}]", parts.join("#linebreak()#"))
}

impl Typst<'_> {
    /// The font list of a part: its font, then Latin text in Times New Roman where the
    /// system has it.
    fn font(&self, part: &str) -> String {
        let family = self
            .fonts
            .iter()
            .find(|f| f.part == part)
            .map_or(SERIF, |f| f.used.as_str());
        match self.latin {
            Some(latin) => format!(
                "((name: {}, covers: \"latin-in-cjk\"), {})",
                lit(latin),
                lit(family)
            ),
            None => lit(family),
        }
    }

    fn is_bundled(&self, part: &str) -> bool {
        self.fonts.iter().any(|f| f.part == part && f.bundled)
    }

    /// The whole document: settings, title, preamble, sections, signature.
    fn document(&self, report: &Report<'_>) -> String {
        let o = self.options;
        let (pitch, spacing) = page_grid(o);
        let body = o.body_size_half_points as f64 * 10.0;
        // The grid's line pitch with text one em high: leading is what the line leaves.
        let leading = pt(f64::from(pitch) - body);
        let title = report.title();
        let (agency, date) = report.signature();
        let [top, bottom, left, right] = o.margins_mm;
        let mut s = String::new();
        let author = if agency.is_empty() {
            "()".to_owned()
        } else {
            format!("({},)", lit(&agency))
        };
        let made = o.date.map_or_else(
            || "none".to_owned(),
            |d| {
                format!(
                    "datetime(year: {}, month: {}, day: {})",
                    d.year, d.month, d.day
                )
            },
        );
        let (status, signoff) = report.status();
        let keywords = match signoff {
            Some(signoff) => format!("({}, {})", lit(status), lit(&signoff)),
            None => format!("({},)", lit(status)),
        };
        s.push_str(&format!(
            "#set document(title: {}, author: {author}, keywords: {keywords}, date: {made})\n",
            lit(&title)
        ));
        let number_size = pt(o.page_number_size_half_points as f64 * 10.0);
        s.push_str(&format!(            "#set page(paper: \"a4\", margin: (top: {top}mm, bottom: {bottom}mm, left: {left}mm, right: {right}mm), footer-descent: 7mm, footer: context {{
  let n = counter(page).get().first()
  let number = text(font: {font}, size: {number_size}, tracking: 0pt, [— #n —])
  if calc.odd(n) {{ align(right, pad(right: 1em, number)) }} else {{ align(left, pad(left: 1em, number)) }}
}})\n",
            font = self.font("页码"),
        ));
        s.push_str(&format!(            "#set text(font: {}, size: {}, lang: \"zh\", region: \"cn\", tracking: {}, top-edge: 0.88em, bottom-edge: -0.12em)\n",
            self.font("正文"),
            pt(body),
            pt(spacing),
        ));
        s.push_str(&format!(            "#set par(justify: true, leading: {leading}, spacing: {leading}, first-line-indent: (amount: {}, all: true))\n",
            pt(two_chars(o)),
        ));
        s.push_str(&format!(            "#show heading: it => block(sticky: true, above: {leading}, below: {leading}, par(text(size: {}, weight: \"regular\", it.body)))\n",
            pt(body)
        ));
        self.title(&mut s, &title, &agency, pitch);
        for p in report.preamble().lines().filter(|l| !l.trim().is_empty()) {
            s.push_str(&format!("#par({})\n", lit(p.trim())));
        }
        self.sections(&mut s, report);
        self.signature(&mut s, (&agency, &date), (pitch, &leading));
        s
    }

    /// The title, centred, on lines broken between words as in the DOCX, a blank line below.
    fn title(&self, s: &mut String, title: &str, agency: &str, pitch: u32) {
        let o = self.options;
        let size = o.title_size_half_points as f64 * 10.0;
        let line = f64::from(pitch) * 5.0 / 4.0;
        let weight = if self.is_bundled("标题") {
            "bold"
        } else {
            "regular"
        };
        s.push_str(&format!(            "#block(width: 100%, below: {below})[#set par(first-line-indent: 0pt, justify: false, leading: {leading})\n#align(center, text(font: {font}, size: {size}, weight: \"{weight}\", tracking: 0pt, {text}))]\n",
            below = pt(f64::from(pitch) * 2.0 - o.body_size_half_points as f64 * 10.0),
            leading = pt(line - size),
            font = self.font("标题"),
            size = pt(size),
            text = lines(&title_lines(o, title, agency)),
        ));
    }

    /// Each section: its heading, its table, then its parts' paragraphs (under the part's
    /// title when the section has several). The last paragraph sticks to the signature.
    fn sections(&self, s: &mut String, report: &Report<'_>) {
        let mut index = 0;
        for piece in report.body() {
            match piece {
                Piece::Section { section, table } => {
                    index += 1;
                    // Where the text before the heading ends: the table's page break is
                    // decided from it. An empty block, which stays where it is when the
                    // heading and the table move to the next page (a `metadata` would move
                    // with the heading, and the decision would swing between the pages).
                    let marker = format!("before-table-{index}");
                    if table.is_some() {
                        s.push_str(&format!(
                            "#block(height: 0pt, above: 0pt, below: 0pt) <{marker}>\n"
                        ));
                    }
                    self.heading(s, 1, &section.heading(), "一级标题");
                    if let Some(table) = table {
                        self.table(s, report, table, &marker);
                    }
                }
                Piece::PartTitle(title) => self.heading(s, 2, title, "二级标题"),
                Piece::Paragraph {
                    text,
                    is_last: true,
                } => s.push_str(&format!("#block(sticky: true, par({}))\n", lit(&text))),
                Piece::Paragraph { text, .. } => s.push_str(&format!("#par({})\n", lit(&text))),
            }
        }
    }

    /// A heading: a PDF heading (bookmarked, tagged), in its part's font, kept with what
    /// follows.
    fn heading(&self, s: &mut String, level: u8, text: &str, part: &str) {
        s.push_str(&format!(
            "#heading(level: {level}, outlined: false, bookmarked: true, text(font: {}, {}))\n",
            self.font(part),
            lit(text)
        ));
    }

    /// One of the mandated tables: its blocks as one table on a common grid when they share
    /// their label columns (table 二), else one table each.
    fn table(&self, s: &mut String, report: &Report<'_>, table: &Table, marker: &str) {
        let groups = block_groups(table);
        for blocks in groups {
            self.grid_table(s, report, blocks, marker);
        }
    }

    /// Blocks as one table: the grid and rows of the DOCX ([`grid_rows`], [`grid_widths`]),
    /// merged cells as spans, the header rows of a lone block repeated on each page, and
    /// each merged row label unbreakable unless it holds half the table or more (table 三's
    /// outermost, 22 rows, could not break at all). Blocks on a common grid (table 二's
    /// four) are set as tables of their own on that grid, one under the other, so the page
    /// breaks only between them.
    fn grid_table(&self, s: &mut String, report: &Report<'_>, blocks: &[Block], marker: &str) {
        if blocks.is_empty() {
            return;
        }
        let o = self.options;
        let n_grid_data = blocks
            .iter()
            .map(|b| b.columns.len().max(1))
            .fold(1, super::lcm);
        let size = o.table_size_half_points;
        let widths = grid_widths((report, blocks), n_grid_data, text_width(o), size);
        s.push_str(&format!(
            "#block(above: 0.6em, below: 1em)[#set text(font: {}, size: {}pt, tracking: 0pt, top-edge: \"ascender\", bottom-edge: \"descender\")\n",
            self.font("表格"),
            size as f64 / 2.0,
        ));
        s.push_str(
            "#set par(justify: false, leading: 0.3em, spacing: 0.3em, first-line-indent: 0pt)\n",
        );
        let (parts, marker): (Vec<&[Block]>, _) = if blocks.len() > 1 {
            (blocks.chunks(1).collect(), None)
        } else {
            (vec![blocks], Some(marker))
        };
        for part in parts {
            let (rows, n_header) = grid_rows(report, part, n_grid_data, widths.len());
            self.table_code(s, report, (&rows, n_header), (&widths, marker));
        }
        s.push_str("]\n");
    }

    /// One table of `rows` on the grid `widths` (twips), measured as set. A table taller
    /// than a page breaks across pages. Another is kept whole (a block of table 二, which
    /// then breaks only between blocks), unless `marker` (where the text before its heading
    /// ends) leaves room on the page for its head after the heading: its header and the
    /// first half of its rows, up to where it may break (what the DOCX keeps together). So
    /// it starts on the next page rather than leaving its header and a few rows at the foot
    /// of this one.
    fn table_code(
        &self,
        s: &mut String,
        report: &Report<'_>,
        (rows, n_header): (&[Vec<GridCell>], usize),
        (widths, marker): (&[usize], Option<&str>),
    ) {
        let o = self.options;
        let spans = Spans::of(rows);
        let table = |s: &mut String, name: &str, end: usize| {
            let columns: Vec<String> = widths.iter().map(|w| pt(*w as f64)).collect();
            s.push_str(&format!(
                "let {name} = table(columns: ({}), stroke: {}pt, inset: (x: 2pt, y: 3pt), align: center + horizon,\n",
                columns.join(", "),
                f64::from(o.border_eighths) / 8.0,
            ));
            let placed = |r: usize| -> Vec<String> {
                rows[r]
                    .iter()
                    .filter(|c| c.merge != Some(false))
                    .map(|c| self.cell_code(report, (r, c), &spans, (widths, end)))
                    .collect()
            };
            if n_header > 0 {
                let header: Vec<String> = (0..n_header.min(end)).flat_map(placed).collect();
                s.push_str(&format!(
                    "table.header(repeat: true, {}),\n",
                    header.join(", ")
                ));
            }
            for r in n_header..end {
                for c in placed(r) {
                    s.push_str(&format!("{c},\n"));
                }
            }
            s.push_str(")\n");
        };
        s.push_str("#context {\n");
        table(s, "t", rows.len());
        let [top, bottom, _, _] = o.margins_mm;
        let page = 297_u32.saturating_sub(top + bottom);
        let width = pt(text_width(o));
        let room = match marker {
            Some(m) => {
                let half = n_header + (rows.len() - n_header).div_ceil(2);
                let end = (half..rows.len())
                    .find(|&r| spans.may_break_before(r))
                    .unwrap_or(rows.len());
                table(s, "head", end);
                format!(
                    "{}mm - locate(<{m}>).position().y - {} >= measure(head, width: {width}).height",
                    297_u32.saturating_sub(bottom),
                    pt(2 * page_grid(o).0),
                )
            }
            None => "false".to_owned(),
        };
        s.push_str(&format!(
            "let h = measure(t, width: {width}).height\nblock(above: 0pt, below: 0pt, breakable: h > {page}mm or {room}, t)\n}}\n",
        ));
    }

    /// A cell starting at row `r` as typst code, its row span cut at row `end`: merged
    /// cells unbreakable unless they span half the table or more.
    fn cell_code(
        &self,
        report: &Report<'_>,
        (r, cell): (usize, &GridCell),
        spans: &Spans,
        (widths, end): (&[usize], usize),
    ) -> String {
        let size = self.options.table_size_half_points;
        let rowspan = spans.rowspan(r, cell.col);
        let width: usize = widths[cell.col..(cell.col + cell.span).min(widths.len())]
            .iter()
            .sum();
        let text = if cell.header || cell.align == "left" {
            header_lines(Some(report.template), &cell.text, width, size)
        } else {
            cell.text.clone()
        };
        let align = if cell.align == "left" {
            "left + horizon"
        } else {
            "center + horizon"
        };
        format!(
            "table.cell(x: {}, y: {r}, colspan: {}, rowspan: {}, align: {align}, breakable: {}, {})",
            cell.col,
            cell.span,
            rowspan.min(end.saturating_sub(r)).max(1),
            spans.is_breakable(rowspan),
            lines(&text)
        )
    }

    /// The signature (GB/T 9704—2012 7.3.5.2): a blank line, the agency and the date at the
    /// DOCX's right indents, all on one page with the last paragraph.
    fn signature(
        &self,
        s: &mut String,
        (agency, date): (&str, &str),
        (pitch, leading): (u32, &str),
    ) {
        if agency.is_empty() && date.is_empty() {
            return;
        }
        let (agency_right, date_right) = signature_indents(self.options, agency, date);
        s.push_str(&format!(            "#block(above: {leading} + {}, breakable: false)[#set par(first-line-indent: 0pt, justify: false)\n#set text(cjk-latin-spacing: none)\n",
            pt(pitch)
        ));
        for (text, right) in [(agency, agency_right), (date, date_right)] {
            if !text.is_empty() {
                s.push_str(&format!("#par[#h(1fr)#{}#h({})]\n", lit(text), pt(right)));
            }
        }
        s.push_str("]\n");
    }
}

/// The vertical merges of a table's rows: how many rows a cell starting at a row spans.
struct Spans {
    /// For each row, the columns where a merge from above continues.
    continued: Vec<Vec<usize>>,
}

impl Spans {
    fn of(rows: &[Vec<GridCell>]) -> Self {
        Self {
            continued: rows
                .iter()
                .map(|row| {
                    row.iter()
                        .filter(|c| c.merge == Some(false))
                        .map(|c| c.col)
                        .collect()
                })
                .collect(),
        }
    }

    /// The rows a cell starting at row `r` in column `col` spans.
    fn rowspan(&self, r: usize, col: usize) -> usize {
        1 + self
            .continued
            .iter()
            .skip(r + 1)
            .take_while(|cols| cols.contains(&col))
            .count()
    }

    /// Whether a merged cell of `rowspan` rows may break across pages: only one spanning
    /// half the table or more (table 三's outermost label, 22 rows, could not break at all).
    fn is_breakable(&self, rowspan: usize) -> bool {
        rowspan * 2 > self.continued.len()
    }

    /// Whether the page may break before row `r`: no unbreakable merge runs on into it.
    fn may_break_before(&self, r: usize) -> bool {
        let Some(cols) = self.continued.get(r) else {
            return true;
        };
        cols.iter().all(|&col| {
            let start = (0..r)
                .rev()
                .find(|&above| !self.continued[above].contains(&col))
                .unwrap_or(0);
            self.is_breakable(self.rowspan(start, col))
        })
    }
}
