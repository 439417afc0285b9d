//! Word documents (.docx, from Word, WPS or our own export): the paragraphs and table rows
//! of `word/document.xml`, with merged cells (`gridSpan`, `vMerge`) laid out on the grid
//! so each value keeps its column. A damaged file yields what can be read, with a note.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::ImportError;
use super::source::Piece;

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
            let xml = from_stream(bytes).ok_or_else(|| ImportError::NotDocx(error.to_string()))?;
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
        if file.name() == BODY {
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

/// A table cell being read.
#[derive(Default)]
struct Cell {
    text: String,
    span: usize,
    /// Continues a merged cell from the row above (`vMerge` without `restart`) or from the
    /// left (legacy `hMerge`): printed once, at the merge's origin.
    is_continuation: bool,
}

/// Walks the XML; returns the pieces and, if it is malformed, where reading stopped.
fn walk(xml: &str) -> (Vec<Piece>, Option<u64>) {
    let mut reader = Reader::from_str(xml);
    let mut pieces = Vec::new();
    // Open paragraphs (a text box's paragraphs nest inside one).
    let mut paragraphs: Vec<String> = Vec::new();
    let mut table_depth = 0_usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_text = false;
    let mut in_properties = 0_usize;
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
            Event::Start(e) => match e.local_name().as_ref() {
                b"Fallback" => skipping = 1,
                b"p" => paragraphs.push(String::new()),
                b"t" => in_text = true,
                b"pPr" | b"rPr" | b"tblPr" | b"sectPr" => in_properties += 1,
                b"tbl" => table_depth += 1,
                b"tr" if table_depth == 1 => row.clear(),
                b"tc" if table_depth == 1 => {
                    cell = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
                _ => {}
            },
            Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"tab" if in_properties == 0 => push_text(&mut paragraphs, "\t"),
                    b"br" | b"cr" if in_properties == 0 => push_text(&mut paragraphs, "\n"),
                    b"noBreakHyphen" => push_text(&mut paragraphs, "-"),
                    b"gridSpan" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.span = value(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    b"vMerge" | b"hMerge" if table_depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.is_continuation = value(&e).is_none_or(|v| v == "continue");
                        }
                    }
                    b"gridBefore" if table_depth == 1 => {
                        let n: usize = value(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
                        row.extend(std::iter::repeat_n(String::new(), n.min(64)));
                    }
                    b"p" => emit_paragraph("", table_depth, &mut cell, &mut pieces),
                    _ => {}
                }
            }
            Event::Text(e) if in_text => {
                if let Ok(text) = e.xml10_content() {
                    push_text(&mut paragraphs, &text);
                }
            }
            Event::GeneralRef(e) if in_text => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => e.decode().ok().and_then(|name| {
                        let c = match name.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => return None,
                        };
                        Some(c.to_string())
                    }),
                };
                if let Some(text) = resolved {
                    push_text(&mut paragraphs, &text);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"pPr" | b"rPr" | b"tblPr" | b"sectPr" => {
                    in_properties = in_properties.saturating_sub(1);
                }
                b"p" => {
                    let text = paragraphs.pop().unwrap_or_default();
                    match paragraphs.last_mut() {
                        // A text box inside a paragraph: its text joins the paragraph.
                        Some(outer) => outer.push_str(&text),
                        None => emit_paragraph(&text, table_depth, &mut cell, &mut pieces),
                    }
                }
                b"tc" if table_depth == 1 => {
                    if let Some(c) = cell.take() {
                        let text = if c.is_continuation {
                            String::new()
                        } else {
                            c.text
                        };
                        row.push(text);
                        row.extend(std::iter::repeat_n(String::new(), c.span.clamp(1, 64) - 1));
                    }
                }
                b"tr" if table_depth == 1 => pieces.push(Piece::Row(std::mem::take(&mut row))),
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
    };
    // A file cut short: what was open is still text.
    if let Some(text) = paragraphs.into_iter().next() {
        emit_paragraph(&text, table_depth, &mut cell, &mut pieces);
    }
    if table_depth > 0 && !row.is_empty() {
        if let Some(c) = cell.take() {
            row.push(c.text);
        }
        pieces.push(Piece::Row(row));
    }
    (pieces, error)
}

/// The `w:val` attribute of an element (a number or a keyword, never escaped).
fn value(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .and_then(|a| std::str::from_utf8(&a.value).ok().map(str::to_owned))
}

fn push_text(paragraphs: &mut [String], text: &str) {
    if let Some(p) = paragraphs.last_mut() {
        p.push_str(text);
    }
}

/// A finished paragraph: in a table cell it joins the cell's text (no separator, so a label
/// broken over two lines stays one label); elsewhere each of its lines is a piece.
fn emit_paragraph(
    text: &str,
    table_depth: usize,
    cell: &mut Option<Cell>,
    pieces: &mut Vec<Piece>,
) {
    if table_depth > 0 {
        if let Some(c) = cell.as_mut() {
            c.text.push_str(text.replace(['\n', '\t'], " ").trim());
        }
        return;
    }
    for line in text.split('\n') {
        pieces.push(Piece::Paragraph(line.to_owned()));
    }
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
    fn malformed_xml_keeps_what_came_before() {
        let xml = body("<w:p><w:r><w:t>前面</w:t></w:r></w:p><w:p><w:r><w:t>后面</w:x>");
        let (pieces, error) = walk(&xml);
        assert!(error.is_some());
        assert_eq!(pieces.first(), Some(&Piece::Paragraph("前面".to_owned())));
    }
}
