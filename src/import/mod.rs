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
mod read;
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
}

/// What an import did, for the user to check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Cells read, as (cell id, text as printed), in template order.
    pub cells_read: Vec<(String, String)>,
    /// Values that needed interpreting («「/」按空白处理»), and conversions of the whole text.
    pub interpreted: Vec<String>,
    /// Sections and tables not found, and rows read incompletely.
    pub missing: Vec<String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "导入报告")?;
        writeln!(f, "读取单元格：{}个", self.cells_read.len())?;
        for (title, items) in [
            ("需要说明的数值", &self.interpreted),
            ("未找到或不完整", &self.missing),
        ] {
            if items.is_empty() {
                continue;
            }
            writeln!(f, "{title}：")?;
            for item in items {
                writeln!(f, "  {item}")?;
            }
        }
        for (id, text) in &self.cells_read {
            let text = if text.is_empty() {
                "（空白）"
            } else {
                text
            };
            writeln!(f, "  {id} = {text}")?;
        }
        Ok(())
    }
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
}

impl Format {
    /// Tells the format from the content (a zip, markup, or else text).
    pub fn detect(bytes: &[u8]) -> Self {
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

/// Reads a report in any supported format, told from its content; text and web pages may
/// be UTF-8, UTF-16 (with a byte-order mark) or GB18030/GBK.
pub fn bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    match Format::detect(bytes) {
        Format::Docx => docx(bytes),
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
fn decode(bytes: &[u8], is_html: bool) -> (String, Option<String>) {
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
