//! Reading a published report back into a draft: plain text, Word (.docx) and web pages
//! (.html). Partial success is data: whatever is read becomes the draft, and an
//! [`ImportReport`] says what was read, what needed interpreting and what was not found.
//! Pure: bytes or text in, draft out.
//!
//! Every input first becomes a [`source::Source`] (lines, each a paragraph or a table row
//! with its cells); the template then reads that (`read`).

mod docx;
mod hanzi;
mod html;
mod layout;
mod pdf;
mod read;
pub mod sheet;
mod source;

use std::fmt;

pub use docx::MAX_XML_BYTES;

use crate::draft::Draft;
use source::Source;

/// A draft read from a published report, with what the reading found.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The draft: metadata, narrative, cells, and printed totals in `stated`.
    pub draft: Draft,
    /// What was read and what was not.
    pub report: ImportReport,
    /// Whether anything of a report was found: a title, a section or a table's cell.
    pub is_report: bool,
}

/// What an import did, for the user to check. Cells are named as the user sees them
/// (「表三 （二）部分公开 自然人」), what was not read comes first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Where the year, the agency and its level came from.
    pub meta: Vec<String>,
    /// Cells read, in template order; a cell printed blank is read as empty text.
    pub cells_read: Vec<CellRead>,
    /// Rows whose cells were not read, each with the reason.
    pub not_read: Vec<NotRead>,
    /// Values that needed interpreting («「/」按空白处理»), and conversions of the whole text.
    pub interpreted: Vec<String>,
    /// What was printed but not taken: rows the format does not have.
    pub ignored: Vec<String>,
    /// Sections not found, and tables found but not readable.
    pub missing: Vec<String>,
    /// Cells printed blank, per table: kept empty (empty is not zero).
    pub blanks: Vec<(String, usize)>,
    /// What the page printed around the report and is not part of it (the site's menus,
    /// info line, share buttons, footer), line by line.
    pub left_out: Vec<String>,
}

/// A cell read from the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRead {
    /// The cell's id (`t3.r2_partial.natural`).
    pub id: String,
    /// Its name (「表三 （二）部分公开 自然人」).
    pub name: String,
    /// What the report printed; empty for a blank cell.
    pub text: String,
    /// How the value was told when the report did not print it apart from its neighbours
    /// (「按本行合计推定」: a flattened row split by its own total); `None` when printed.
    pub inferred: Option<String>,
}

/// A row of a table whose cells were not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotRead {
    /// The table's name (表三).
    pub table: String,
    /// The row's label, as the format has it.
    pub row: String,
    /// The ids of its cells.
    pub cells: Vec<String>,
    /// Why («未找到此行», «只找到1个数值…»).
    pub reason: String,
}

impl ImportReport {
    /// The ids of every cell that was expected and not read.
    pub fn cells_not_read(&self) -> impl Iterator<Item = &str> {
        self.not_read
            .iter()
            .flat_map(|n| n.cells.iter().map(String::as_str))
    }

    /// One line for the top of a dialog: how much was read and what needs a look.
    pub fn summary(&self) -> String {
        let n_not_read = self.cells_not_read().count();
        let n_blank: usize = self.blanks.iter().map(|(_, n)| n).sum();
        let mut parts = vec![format!("读取单元格{}个", self.cells_read.len())];
        let n_inferred = self
            .cells_read
            .iter()
            .filter(|c| c.inferred.is_some())
            .count();
        if n_inferred > 0 {
            parts.push(format!("其中{n_inferred}个由连排的数字推定，请核对"));
        }
        if n_blank > 0 {
            parts.push(format!("其中空白{n_blank}个（保持空白，未按0计）"));
        }
        if n_not_read > 0 {
            parts.push(format!("未读入{n_not_read}个"));
        }
        if !self.interpreted.is_empty() {
            parts.push(format!("需要说明的数值{}处", self.interpreted.len()));
        }
        if !self.ignored.is_empty() {
            parts.push(format!("忽略{}处", self.ignored.len()));
        }
        if !self.missing.is_empty() {
            parts.push(format!("未找到或无法读取{}处", self.missing.len()));
        }
        parts.join("，")
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "导入报告")?;
        writeln!(f, "{}", self.summary())?;
        let section = |f: &mut fmt::Formatter<'_>, title: &str, items: &[String]| -> fmt::Result {
            if items.is_empty() {
                return Ok(());
            }
            writeln!(f, "\n{title}：")?;
            for item in items {
                writeln!(f, "  {item}")?;
            }
            Ok(())
        };
        let not_read: Vec<String> = self
            .not_read
            .iter()
            .map(|n| {
                format!(
                    "{} {}（{}个单元格）：{}",
                    n.table,
                    n.row,
                    n.cells.len(),
                    n.reason
                )
            })
            .collect();
        section(f, "未找到或无法读取", &self.missing)?;
        section(f, "未读入的行", &not_read)?;
        section(f, "需要说明的数值", &self.interpreted)?;
        section(f, "已忽略", &self.ignored)?;
        section(f, "基本信息", &self.meta)?;
        let left_out = listed_briefly(&self.left_out);
        section(f, "网页上不属于报告的内容（未导入）", &left_out)?;
        let blanks: Vec<String> = self
            .blanks
            .iter()
            .map(|(table, n)| format!("{table}有{n}个单元格印为空白，导入后保持空白（不按0计）"))
            .collect();
        section(f, "空白单元格", &blanks)?;
        if !self.cells_read.is_empty() {
            writeln!(f, "\n读入的单元格：")?;
        }
        for cell in &self.cells_read {
            let text = if cell.text.is_empty() {
                "（空白）"
            } else {
                &cell.text
            };
            match &cell.inferred {
                Some(how) => writeln!(f, "  {}：{text}（{how}）", cell.name)?,
                None => writeln!(f, "  {}：{text}", cell.name)?,
            }
        }
        Ok(())
    }
}

/// Lines for a list in the import report: each cut to 40 characters, at most 30 of them.
fn listed_briefly(lines: &[String]) -> Vec<String> {
    const MAX_LINES: usize = 30;
    const MAX_CHARS: usize = 40;
    let mut out: Vec<String> = lines
        .iter()
        .take(MAX_LINES)
        .map(|l| {
            if l.chars().count() > MAX_CHARS {
                format!("{}…", l.chars().take(MAX_CHARS).collect::<String>())
            } else {
                l.clone()
            }
        })
        .collect();
    if lines.len() > MAX_LINES {
        out.push(format!("……共{}行", lines.len()));
    }
    out
}

/// What kind of file a report came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// A Word document (.docx).
    Docx,
    /// A web page.
    Html,
    /// A PDF (its text layer).
    Pdf,
}

impl Format {
    /// Tells the format from the content (a zip, markup, or else text).
    pub fn detect(bytes: &[u8]) -> Self {
        if bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Self::Pdf;
        }
        if bytes.starts_with(b"PK") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
            return Self::Docx;
        }
        let head = &bytes[..bytes.len().min(4096)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let markers = [
            "<!doctype html",
            "<html",
            "<body",
            "<table",
            "<p>",
            "<div",
            "<meta",
        ];
        if markers.iter().any(|m| head.contains(m)) {
            Self::Html
        } else {
            Self::Text
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a zip archive, or one without a readable entry list.
    #[error("不是有效的 Word 文件（.docx）：{0}")]
    NotDocx(String),
    /// A zip without `word/document.xml`.
    #[error("Word 文件中没有正文（缺少 word/document.xml），可能不是 Word 文档")]
    NoBody,
    /// The body, uncompressed, is larger than [`MAX_XML_BYTES`].
    #[error("Word 文件的正文解压后超过{limit_mb} MB，文件可能已损坏，已停止读取")]
    TooLarge {
        /// The cap in MB.
        limit_mb: u64,
    },
    /// A Word 97–2003 file.
    #[error("这是旧版 Word 文件（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入")]
    LegacyDoc,
    /// A draft of this program's own: it is opened, not imported.
    #[error(
        "这是年报草稿文件，不需要导入：请直接打开它（编辑器「文件 › 打开」，命令行 show、validate、export）"
    )]
    IsADraft,
    /// A PDF that cannot be parsed (damaged, truncated).
    #[error("PDF 文件无法读取：{0}")]
    NotPdf(String),
    /// A PDF that needs a password to open.
    #[error("PDF 文件已加密，需要密码才能打开；请使用未加密的版本，或原 Word 文件、网页版本")]
    PdfEncrypted,
    /// A PDF without a text layer: a scan.
    #[error("PDF 文件没有文字层（共{n_pages}页{images}），无法读取其中的文字；请使用原 Word 文件或网站上的网页版本", images = if *n_images > 0 { "，均为图片，可能是扫描件" } else { "" })]
    PdfNoText {
        /// Pages in the file.
        n_pages: usize,
        /// Images drawn on them.
        n_images: usize,
    },
    /// Nothing of a report: no title, no section heading, no table.
    #[error("文件中没有找到年度报告的内容（没有标题、各部分标题或表格）{}，未生成草稿", if *is_empty { "：文件是空的" } else { "" })]
    NotAReport {
        /// Whether the file holds no text at all.
        is_empty: bool,
    },
    /// A PDF whose fonts do not say which characters they draw.
    #[error(
        "PDF 文件中的文字无法识别（{n_unknown}个字符的字体没有提供字符对照表）；请使用原 Word 文件或网页版本"
    )]
    PdfUndecodable {
        /// Characters that could not be decoded.
        n_unknown: usize,
    },
}

/// Reads a report given as text.
pub fn text(input: &str) -> Imported {
    read::read(&Source::from_text(input))
}

/// Reads a report given as a web page.
pub fn html(input: &str) -> Imported {
    read::read(&Source::from_pieces(&html::pieces(input)))
}

/// Reads a report given as a Word document. A damaged document yields what can be read,
/// with a note in the report; an error only when nothing can be.
pub fn docx(bytes: &[u8]) -> Result<Imported, ImportError> {
    let (pieces, notes) = docx::pieces(bytes)?;
    let mut source = Source::from_pieces(&pieces);
    source.notes.splice(0..0, notes);
    Ok(read::read(&source))
}

/// Reads a report given as a PDF, from its text layer. A scan, an encrypted or a damaged
/// file is an error; a page that cannot be read is a note.
pub fn pdf(bytes: &[u8]) -> Result<Imported, ImportError> {
    // lopdf parses hostile input and has panicking paths; a panic there is a damaged file,
    // not a crash of the editor.
    let read = std::panic::catch_unwind(|| pdf::pages(bytes)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ImportError::NotPdf(format!("文件结构有误（{what}）")))
    });
    let (pages, notes) = read?;
    let glyphs = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| !g.c.is_whitespace());
    let (n_chars, n_unknown) = glyphs.fold((0, 0), |(n, u), g| {
        (n + 1, u + usize::from(g.c == '\u{fffd}'))
    });
    if n_chars < 20 {
        return Err(ImportError::PdfNoText {
            n_pages: pages.len(),
            n_images: pages.iter().map(|p| p.n_images).sum(),
        });
    }
    if n_unknown * 2 > n_chars {
        return Err(ImportError::PdfUndecodable { n_unknown });
    }
    let mut source = Source::from_pieces(&layout::pieces(&pages));
    source.notes.splice(0..0, notes);
    if n_unknown > 0 {
        source.notes.push(format!(
            "PDF中有{n_unknown}个字符无法识别，已显示为「\u{fffd}」，请核对"
        ));
    }
    Ok(read::read(&source))
}

/// Reads a report in any supported format, told from its content; text and web pages may
/// be UTF-8, UTF-16 (with a byte-order mark) or GB18030/GBK.
pub fn bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    if crate::draft::Draft::from_bytes(bytes).is_ok() {
        return Err(ImportError::IsADraft);
    }
    let imported = any_format(bytes)?;
    if !imported.is_report {
        let is_empty = String::from_utf8_lossy(bytes).trim().is_empty();
        return Err(ImportError::NotAReport { is_empty });
    }
    Ok(imported)
}

/// Reads a report in any supported format, whether or not anything of a report is found.
fn any_format(bytes: &[u8]) -> Result<Imported, ImportError> {
    match Format::detect(bytes) {
        Format::Docx => docx(bytes),
        Format::Pdf => pdf(bytes),
        format => {
            let (text, note) = decode(bytes, format == Format::Html);
            let mut imported = if format == Format::Html {
                html(&text)
            } else {
                self::text(&text)
            };
            if let Some(note) = note {
                imported.report.interpreted.insert(0, note);
            }
            Ok(imported)
        }
    }
}

/// Text from bytes: a byte-order mark decides; else UTF-8; else GB18030 (which covers GBK
/// and GB2312, what Chinese sites and Windows Notepad long wrote).
/// A text file's text: UTF-8 (with or without a byte-order mark), or GBK (GB18030) as
/// Chinese Windows writes it; `None` when it is neither.
pub fn text_of(bytes: &[u8]) -> Option<String> {
    let (text, note) = decode(bytes, false);
    match note {
        Some(note) if note.contains('�') => None,
        _ => Some(text),
    }
}

pub(super) fn decode(bytes: &[u8], is_html: bool) -> (String, Option<String>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), None);
    }
    let declares_gbk = is_html && {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        [
            "charset=gb2312",
            "charset=gbk",
            "charset=gb18030",
            "charset=\"gb2312\"",
            "charset=\"gbk\"",
        ]
        .iter()
        .any(|m| head.contains(m))
    };
    if !declares_gbk && let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), None);
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    let note = if had_errors {
        "文件不是有效的 UTF-8 或 GBK 编码，无法识别的字节已替换为「�」"
    } else {
        "文件按 GBK（GB18030）编码读取"
    };
    (text.into_owned(), Some(note.to_owned()))
}
