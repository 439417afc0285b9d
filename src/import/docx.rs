//! Word documents (.docx, from Word, WPS or our own export): the paragraphs and table rows
//! of `word/document.xml`, with merged cells (`gridSpan`, `vMerge`) laid out on the grid
//! so each value keeps its column. A damaged file yields what can be read, with a note.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::ImportError;
use super::source::{MAX_COLUMNS, Piece};

/// Largest `word/document.xml` read, uncompressed: a report is well under 2 MB of XML; a
/// file claiming more is damaged or a zip bomb.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

const BODY: &str = "word/document.xml";

/// The body's paragraphs and table rows, and notes on anything damaged.
pub(crate) fn pieces(bytes: &[u8]) -> Result<(Vec<Piece>, Vec<String>), ImportError> {
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(ImportError::LegacyDoc);
    }
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotDocx("文件开头不是 zip 格式".to_owned()));
    }
    let mut notes = Vec::new();
    let xml = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(mut archive) => {
            let file = archive
                .by_name(BODY)
                .map_err(|_missing| ImportError::NoBody)?;
            if file.size() > MAX_XML_BYTES {
                return Err(ImportError::TooLarge {
                    limit_mb: MAX_XML_BYTES / 1024 / 1024,
                });
            }
            let (xml, complete) = read_capped(file)?;
            if !complete {
                notes.push("Word 正文解压时出错，只读到了前面部分，请核对".to_owned());
            }
            xml
        }
        // No central directory (a download cut short): read the entries from the start.
        Err(error) => {
            let xml = from_stream(bytes).ok_or_else(|| ImportError::NotDocx(zip_reason(&error)))?;
            notes.push("Word 文件不完整（可能下载中断），只读到了能读到的部分，请核对".to_owned());
            xml
        }
    };
    let text = match String::from_utf8(xml) {
        Ok(text) => text,
        Err(error) => {
            notes.push("Word 正文含有无效的 UTF-8 字节，已替换为「�」".to_owned());
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    let (pieces, error) = walk(&text);
    if let Some(at) = error {
        notes.push(format!(
            "Word 正文在第{at}字节处格式有误，只读到了此前的内容，请核对"
        ));
    }
    Ok((pieces, notes))
}

/// Reads an entry up to the cap; `false` when decompression failed part way.
fn read_capped(file: impl Read) -> Result<(Vec<u8>, bool), ImportError> {
    let mut xml = Vec::new();
    let complete = file.take(MAX_XML_BYTES + 1).read_to_end(&mut xml).is_ok();
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: MAX_XML_BYTES / 1024 / 1024,
        });
    }
    Ok((xml, complete))
}

/// `word/document.xml` from the local headers of a zip without its central directory.
fn from_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut cursor = Cursor::new(bytes);
    loop {
        let mut file = zip::read::read_zipfile_from_stream(&mut cursor).ok()??;
        if file.name().is_ok_and(|name| name == BODY) {
            let mut xml = Vec::new();
            let mut chunk = [0_u8; 64 * 1024];
            // Keep whatever inflates before the data runs out.
            while let Ok(n) = file.read(&mut chunk) {
                if n == 0 || xml.len() as u64 > MAX_XML_BYTES {
                    break;
                }
                xml.extend_from_slice(&chunk[..n]);
            }
            return (!xml.is_empty() && xml.len() as u64 <= MAX_XML_BYTES).then_some(xml);
        }
    }
}

/// A table cell being read: what it holds (paragraphs, and the pieces of tables inside it).
#[derive(Default)]
struct Cell {
    pieces: Vec<Piece>,
    span: usize,
    /// Continues a merged cell from the row above (`vMerge` without `restart`) or from the
    /// left (legacy `hMerge`): printed once, at the merge's origin.
    is_continuation: bool,
}

impl Cell {
    fn empty(span: usize) -> Self {
        Self {
            span,
            ..Self::default()
        }
    }

    /// The cell's text on one line: paragraphs joined without a separator, so a label
    /// broken over two lines stays one label.
    fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Paragraph(t) => t.replace(['\n', '\t'], " ").trim().to_owned(),
                Piece::Row(cells) => cells.join(" ").trim().to_owned(),
            })
            .collect()
    }
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    /// Empty grid cells to add at the end of the current row (`gridAfter`).
    grid_after: usize,
    has_nested_table: bool,
}

impl Table {
    fn cell(&mut self) -> Option<&mut Cell> {
        self.rows.last_mut()?.last_mut()
    }

    /// The table as pieces: a data table as rows on its grid (merge continuations empty,
    /// short rows padded), a layout table (one holding another table, or whole paragraphs
    /// in one or two columns) as what its cells hold.
    fn into_pieces(self) -> Vec<Piece> {
        let width = |row: &[Cell]| row.iter().map(|c| c.span).sum::<usize>();
        let widest = self.rows.iter().map(|r| width(r)).max().unwrap_or(0);
        let n_chars: usize = self
            .rows
            .iter()
            .flatten()
            .map(|c| c.text().chars().count())
            .sum();
        let n_cells = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if self.has_nested_table || (n_cells <= 2 && n_chars > 200) {
            return self
                .rows
                .into_iter()
                .flatten()
                .flat_map(|c| c.pieces)
                .collect();
        }
        self.rows
            .iter()
            .map(|row| {
                let mut cells: Vec<String> = Vec::with_capacity(widest);
                for c in row {
                    cells.push(if c.is_continuation {
                        String::new()
                    } else {
                        c.text()
                    });
                    cells.extend(std::iter::repeat_n(String::new(), c.span.saturating_sub(1)));
                }
                cells.resize(widest, String::new());
                Piece::Row(cells)
            })
            .collect()
    }
}

/// Why a zip cannot be opened, in Chinese, the library's words as a detail.
fn zip_reason(error: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    let reason = match error {
        Z::InvalidArchive(_) => "文件不是完整的压缩包，可能已损坏或下载未完成",
        Z::UnsupportedArchive(_) => "文件的压缩方式不受支持",
        Z::Io(_) => "文件无法读取",
        _ => "文件已损坏",
    };
    format!("{reason}（详情：{error}）")
}

/// Walks the XML; returns the pieces and, if it is malformed, where reading stopped.
fn walk(xml: &str) -> (Vec<Piece>, Option<u64>) {
    let mut reader = Reader::from_str(xml);
    let mut walk = Walk::default();
    // Inside `mc:Fallback`, which repeats what `mc:Choice` holds.
    let mut skipping = 0_usize;
    let error = loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break None,
            Ok(event) => event,
            Err(_) => break Some(reader.error_position()),
        };
        if skipping > 0 {
            match &event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => skipping = 1,
            Event::Start(e) => walk.start(e.local_name().as_ref()),
            Event::Empty(e) => walk.empty(&e),
            Event::Text(e) if walk.in_text => {
                push_text(&mut walk.paragraphs, &e.xml10_content());
            }
            Event::GeneralRef(e) if walk.in_text => {
                if let Some(c) = resolve_ref(&e) {
                    push_text(&mut walk.paragraphs, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => walk.end(e.local_name().as_ref()),
            _ => {}
        }
    };
    (walk.finish(), error)
}

/// Where the walk through the XML stands: what has been read, and what is open.
#[derive(Default)]
struct Walk {
    body: Vec<Piece>,
    /// Open paragraphs (a text box's paragraphs nest inside one).
    paragraphs: Vec<String>,
    /// Open tables, innermost last.
    tables: Vec<Table>,
    in_text: bool,
    in_properties: usize,
}

impl Walk {
    /// An element opens: a paragraph, text, properties, a table, a row or a cell.
    fn start(&mut self, name: &str) {
        match name {
            "p" => self.paragraphs.push(String::new()),
            "t" => self.in_text = true,
            "pPr" | "rPr" | "tblPr" | "sectPr" => self.in_properties += 1,
            "tbl" => self.tables.push(Table::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                    t.grid_after = 0;
                }
            }
            "tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut())
                    && row.len() < MAX_COLUMNS
                {
                    row.push(Cell::empty(1));
                }
            }
            _ => {}
        }
    }

    /// An empty element: a tab, a line break or a hyphen in the text, a cell's span or
    /// merge, empty grid cells before or after a row, or an empty paragraph.
    fn empty(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let number = || value(e).and_then(|v| v.parse::<usize>().ok());
        let tables = &mut self.tables;
        match name.as_ref() {
            "tab" if self.in_properties == 0 => push_text(&mut self.paragraphs, "\t"),
            "br" | "cr" if self.in_properties == 0 => push_text(&mut self.paragraphs, "\n"),
            "noBreakHyphen" => push_text(&mut self.paragraphs, "-"),
            "gridSpan" => {
                if let Some(c) = tables.last_mut().and_then(Table::cell) {
                    c.span = number().unwrap_or(1).clamp(1, MAX_COLUMNS);
                }
            }
            "vMerge" | "hMerge" => {
                if let Some(c) = tables.last_mut().and_then(Table::cell) {
                    c.is_continuation = value(e).is_none_or(|v| v == "continue");
                }
            }
            "gridBefore" => {
                if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    let n = number().unwrap_or(0).min(MAX_COLUMNS);
                    row.extend(std::iter::repeat_with(|| Cell::empty(1)).take(n));
                }
            }
            "gridAfter" => {
                if let Some(t) = tables.last_mut() {
                    t.grid_after = number().unwrap_or(0).min(MAX_COLUMNS);
                }
            }
            "p" => emit_paragraph(String::new(), tables, &mut self.body),
            _ => {}
        }
    }

    /// An element closes: text or properties end, a paragraph or a table is finished, a
    /// row gets its empty grid cells at the end.
    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "pPr" | "rPr" | "tblPr" | "sectPr" => {
                self.in_properties = self.in_properties.saturating_sub(1);
            }
            "p" => {
                let text = self.paragraphs.pop().unwrap_or_default();
                match self.paragraphs.last_mut() {
                    // A text box inside a paragraph: its text joins the paragraph.
                    Some(outer) => outer.push_str(&text),
                    None => emit_paragraph(text, &mut self.tables, &mut self.body),
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let n = t.grid_after;
                    if let Some(row) = t.rows.last_mut() {
                        row.extend(std::iter::repeat_with(|| Cell::empty(1)).take(n));
                    }
                }
            }
            "tbl" => {
                if let Some(table) = self.tables.pop() {
                    finish_table(table, &mut self.tables, &mut self.body);
                }
            }
            _ => {}
        }
    }

    /// The pieces read. A file cut short: what was open is still read.
    fn finish(mut self) -> Vec<Piece> {
        if let Some(text) = self.paragraphs.into_iter().next() {
            emit_paragraph(text, &mut self.tables, &mut self.body);
        }
        while let Some(table) = self.tables.pop() {
            finish_table(table, &mut self.tables, &mut self.body);
        }
        self.body
    }
}

/// The character an entity or character reference stands for (`&amp;`, `&#20013;`…).
fn resolve_ref(e: &BytesRef<'_>) -> Option<char> {
    match e.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match e.as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

/// The `w:val` attribute of an element (a number or a keyword, never escaped).
fn value(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

fn push_text(paragraphs: &mut [String], text: &str) {
    if let Some(p) = paragraphs.last_mut() {
        p.push_str(text);
    }
}

/// Where a finished paragraph or table goes: the innermost open cell, else the body.
fn target<'a>(tables: &'a mut [Table], body: &'a mut Vec<Piece>) -> &'a mut Vec<Piece> {
    match tables.last_mut().and_then(Table::cell) {
        Some(cell) => &mut cell.pieces,
        None => body,
    }
}

/// A finished paragraph; outside tables, each of its lines (`w:br`) is a piece.
fn emit_paragraph(text: String, tables: &mut [Table], body: &mut Vec<Piece>) {
    let out = target(tables, body);
    if text.contains('\n') {
        out.extend(text.split('\n').map(|l| Piece::Paragraph(l.to_owned())));
    } else {
        out.push(Piece::Paragraph(text));
    }
}

/// A finished table: its pieces go where it stands.
fn finish_table(table: Table, tables: &mut [Table], body: &mut Vec<Piece>) {
    if let Some(outer) = tables.last_mut() {
        outer.has_nested_table = true;
    }
    let pieces = table.into_pieces();
    target(tables, body).extend(pieces);
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn merged_cells_keep_grid_positions() {
        let xml = body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>
            <w:tbl><w:tr>
              <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度</w:t></w:r></w:p><w:p><w:r><w:t>办理结果</w:t></w:r></w:p></w:tc>
              <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc>
              <w:tc><w:p/></w:tc>
            </w:tr><w:tr>
              <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
              <w:tc><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>1.</w:t></w:r><w:r><w:t xml:space="preserve">属于</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:delText>9</w:delText><w:t>0</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc>
            </w:tr></w:tbl>
            <w:p><w:r><w:t>一行</w:t><w:br/><w:t>两行</w:t></w:r></w:p>"#,
        );
        let (pieces, error) = walk(&xml);
        assert_eq!(error, None);
        let row = |cells: &[&str]| Piece::Row(cells.iter().map(|c| (*c).to_owned()).collect());
        assert_eq!(
            pieces,
            [
                Piece::Paragraph("标题".to_owned()),
                row(&["三、本年度办理结果", "（一）予以公开", "", "3", ""]),
                row(&["", "A&B", "1.属于", "0", "5"]),
                Piece::Paragraph("一行".to_owned()),
                Piece::Paragraph("两行".to_owned()),
            ]
        );
    }

    #[test]
    fn a_report_in_a_frame_table_is_read_with_its_tables() {
        let long = "政府信息公开工作".repeat(30);
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = body(&format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>{long}</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:trPr><w:gridAfter w:val=\"1\"/></w:trPr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>\
             <w:p/></w:tc></w:tr></w:tbl>",
            cell("规章"),
            cell("1"),
            cell("规范性文件"),
            cell("2"),
            cell("3"),
        ));
        let (pieces, _) = walk(&xml);
        let row = |cells: &[&str]| Piece::Row(cells.iter().map(|c| (*c).to_owned()).collect());
        assert_eq!(
            pieces,
            [
                Piece::Paragraph("一、总体情况".to_owned()),
                Piece::Paragraph(long),
                row(&["规章", "1", ""]),
                row(&["规范性文件", "2", "3"]),
                Piece::Paragraph(String::new()),
            ]
        );
    }

    #[test]
    fn malformed_xml_keeps_what_came_before() {
        let xml = body("<w:p><w:r><w:t>前面</w:t></w:r></w:p><w:p><w:r><w:t>后面</w:x>");
        let (pieces, error) = walk(&xml);
        assert!(error.is_some());
        assert_eq!(pieces.first(), Some(&Piece::Paragraph("前面".to_owned())));
    }
}
