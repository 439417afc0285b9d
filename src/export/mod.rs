//! Exports: the evaluated report as bytes for publishing: DOCX (official document layout),
//! PDF (the same layout, typeset by typst; feature `pdf`), HTML (website), plain text and
//! TSV. Pure: each function returns the
//! document, the caller writes it.
//!
//! Everything follows template order. Cells hold what was entered; a total is printed only
//! when it is complete (a partial sum over empty cells would be a made-up figure); an empty
//! cell stays empty, never 0.

mod docx;
mod grid;
mod html;
mod ooxml;
#[cfg(feature = "pdf")]
mod pdf;
mod text;

pub use docx::{DocxOptions, docx, table_docx};
pub use html::html;
#[cfg(feature = "pdf")]
pub use pdf::{FontUse, Pdf, pdf, pdf_font_names};
pub use text::{block_lines, text, tsv};

use crate::draft::{Draft, Meta};
use crate::engine::{CellStatus, Evaluation};
use crate::template::{CellIdx, Section, Table, Template};

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

/// The formats a report is published in: what the command line's and the editor's exports
/// both choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Word, in the official document layout.
    Docx,
    /// PDF, in the same layout, typeset by typst ([`pdf`], feature `pdf`).
    Pdf,
    /// A web page.
    Html,
    /// Plain text.
    Text,
    /// The tables as tab-separated values.
    Tsv,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Text => "txt",
            Self::Tsv => "tsv",
        }
    }

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Docx => "Word文件",
            Self::Pdf => "PDF文件",
            Self::Html => "网页",
            Self::Text => "纯文本",
            Self::Tsv => "表格（TSV）",
        }
    }

    /// The report in this format; `None` for PDF, which is typeset by [`pdf`] with the fonts
    /// the caller found on the system (the editor hands it to the command line, so typst is
    /// not linked into it).
    ///
    /// # Errors
    /// [`ExportError`] when the Word file cannot be packed.
    pub fn bytes(
        self,
        report: &Report<'_>,
        options: &DocxOptions,
    ) -> Option<Result<Vec<u8>, ExportError>> {
        Some(match self {
            Self::Docx => docx(report, options),
            Self::Pdf => return None,
            Self::Html => Ok(html(report).into_bytes()),
            Self::Text => Ok(text(report).into_bytes()),
            Self::Tsv => Ok(tsv(report).into_bytes()),
        })
    }
}

/// What an export reads: the template, the draft and its evaluation.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The format.
    pub template: &'a Template,
    /// The user's texts and entries.
    pub draft: &'a Draft,
    /// Totals and findings of the draft.
    pub evaluation: &'a Evaluation,
}

impl Report<'_> {
    /// 「{机关全称}{年度}年政府信息公开工作年度报告」.
    pub fn title(&self) -> String {
        format!(
            "{}{}年政府信息公开工作年度报告",
            clean_line(self.draft.meta.agency.trim()),
            self.draft.meta.year
        )
    }

    /// The draft's 前言, or one generated from the metadata when it is empty
    /// ([`generated_preamble`]).
    pub fn preamble(&self) -> String {
        let own = self.draft.text(&self.template.preamble.id);
        if !own.trim().is_empty() {
            return clean(own);
        }
        generated_preamble(self.template, &self.draft.meta)
    }

    /// A cell as published: the entered text, or a complete total; otherwise empty.
    pub fn cell_text(&self, idx: CellIdx) -> String {
        let result = self.evaluation.cell(idx);
        match result.status {
            CellStatus::Entered | CellStatus::Computed { is_complete: true } => {
                result.value.map(|v| v.to_string()).unwrap_or_default()
            }
            // Kept as typed (the export of a draft with such errors needs the user's consent).
            CellStatus::Invalid => self
                .template
                .cells
                .get(idx)
                .and_then(|c| self.draft.cells.get(&c.id))
                .map(|entry| clean_line(&entry.to_string()))
                .unwrap_or_default(),
            CellStatus::Empty
            | CellStatus::Computed { is_complete: false }
            | CellStatus::Overflow => String::new(),
        }
    }

    /// The signature block: the agency, and the publication date in Chinese if known.
    /// What the exported file says of its version in its properties: 「定稿」 with who, when
    /// and the content's hash for a signed-off report, else 「未定稿」.
    pub fn status(&self) -> (&'static str, Option<String>) {
        let draft = self.draft;
        match draft.finalized.as_ref().filter(|_| draft.is_final()) {
            Some(f) => (
                "定稿",
                Some(format!("定稿：{}，{}；内容校验码 {}", f.by, f.at, f.hash)),
            ),
            None => ("未定稿", None),
        }
    }

    /// The signature block: the agency and the date in Chinese.
    pub fn signature(&self) -> (String, String) {
        let meta = &self.draft.meta;
        let date = crate::date::Date::parse(&meta.published_on)
            .map(crate::date::Date::to_chinese)
            .unwrap_or_default();
        (clean_line(meta.agency.trim()), date)
    }

    /// Paragraphs of a narrative part, without empty lines.
    pub fn paragraphs(&self, part_id: &str) -> Vec<String> {
        clean(self.draft.text(part_id))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The body between the preamble and the signature, as every export walks it: each
    /// section's heading with its table, then its parts' paragraphs, under the part's title
    /// when the section has several; empty parts left out. The report's last paragraph is
    /// marked, to be kept with the signature so that it never stands alone on a page.
    pub(crate) fn body(&self) -> Vec<Piece<'_>> {
        let template = self.template;
        let mut pieces = Vec::new();
        for section in &template.sections {
            let table = section.table.and_then(|t| template.tables.get(t));
            pieces.push(Piece::Section { section, table });
            for part in &section.parts {
                let paragraphs = self.paragraphs(&part.id);
                if paragraphs.is_empty() {
                    continue;
                }
                if part.is_titled && section.parts.len() > 1 {
                    pieces.push(Piece::PartTitle(&part.title));
                }
                pieces.extend(paragraphs.into_iter().map(|text| Piece::Paragraph {
                    text,
                    is_last: false,
                }));
            }
        }
        if let Some(Piece::Paragraph { is_last, .. }) = pieces.last_mut() {
            *is_last = true;
        }
        pieces
    }
}

/// One piece of a report's body ([`Report::body`]).
pub(crate) enum Piece<'a> {
    /// A section: its heading (「一、总体情况」), then its table if it has one.
    Section {
        section: &'a Section,
        table: Option<&'a Table>,
    },
    /// A part's title, over its paragraphs.
    PartTitle(&'a str),
    /// A paragraph of a part; `is_last` for the report's last one.
    Paragraph { text: String, is_last: bool },
}

/// The 前言 an export prints when the draft has none, from the metadata alone: the legal
/// basis with the format's 文号, the six parts, the statistics period, where the report is
/// published and whom to ask. The importer recognises it, so it is not kept as text.
pub fn generated_preamble(template: &Template, meta: &Meta) -> String {
    let year = meta.year;
    let basis = &template.basis;
    let agency = clean_line(meta.agency.trim());
    let mut s = format!(
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《{}》（{}）要求，现公布{agency}{year}年政府信息公开工作年度报告。",
        basis.doc_title, basis.doc_number,
    );
    // 「、」 inside a title would blur the list: 行政复议、行政诉讼 → 行政复议和行政诉讼.
    let parts: Vec<String> = template
        .sections
        .iter()
        .map(|s| s.title.replace('、', "和"))
        .collect();
    s.push_str(&format!(
        "本报告由{}等{}部分组成。",
        parts.join("、"),
        chinese_count(parts.len())
    ));
    s.push_str(&format!(
        "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    ));
    if !meta.website.trim().is_empty() {
        s.push_str(&format!(
            "本报告的电子版可在{}下载。",
            clean_line(meta.website.trim())
        ));
    }
    if !meta.contact.trim().is_empty() {
        let whom = if agency.is_empty() {
            "我们".to_owned()
        } else {
            agency
        };
        s.push_str(&format!(
            "如对本报告有疑问，请与{whom}联系（{}）。",
            clean_line(meta.contact.trim())
        ));
    }
    s
}

/// `text` with the characters markup reserves escaped (HTML and XML alike).
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markup_into(&mut out, text);
    out
}

/// Appends `text` with the characters markup reserves escaped (HTML and XML alike).
pub(crate) fn escape_markup_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Text fit for any export: XML 1.0 forbids most control characters (a form feed from
/// `pdftotext` output would make a DOCX that Word cannot open), so line and page breaks
/// become line breaks and the other control characters are dropped.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{c}' | '\u{b}' | '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}

/// Single-line text (a table cell, a name): [`clean`], with tabs and line breaks as spaces.
fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// 一 … 十 for small counts.
fn chinese_count(n: usize) -> &'static str {
    [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ]
    .get(n)
    .copied()
    .unwrap_or("若干")
}

/// The least common multiple: the data columns of blocks on one grid (table 二's).
pub(crate) fn lcm(a: usize, b: usize) -> usize {
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    a / gcd(a, b).max(1) * b
}
