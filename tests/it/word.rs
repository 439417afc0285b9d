//! The tests' own reader of a DOCX, apart from the importer's: the body's paragraphs and
//! tables as Word lays them out (`w:gridSpan`, `w:vMerge`), from `word/document.xml` of a
//! package that has its content types and the document's relationships. Malformed XML, a
//! missing part or an element closed out of order is an error.

use std::io::Read as _;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One child of the document's body.
#[derive(Debug)]
pub(crate) enum Child {
    /// A paragraph's text, a line break as `\n`.
    Paragraph(String),
    /// A table's rows of cells, as written (a merged cell is one cell).
    Table(Vec<Vec<Cell>>),
}

/// One `w:tc`.
#[derive(Debug, Default)]
pub(crate) struct Cell {
    /// Its paragraphs' texts.
    pub(crate) paragraphs: Vec<String>,
    /// Grid columns it spans.
    pub(crate) span: usize,
    /// It continues the vertical merge of the cell above (`<w:vMerge/>`).
    pub(crate) continues_merge: bool,
}

/// The body of a DOCX.
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Child>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
    ] {
        zip.by_name(part).map_err(|e| format!("{part}: {e}"))?;
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    body(&xml)
}

/// One part of a DOCX package as text (`docProps/core.xml`); empty when it is missing.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut text = String::new();
    if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        && let Ok(mut entry) = zip.by_name(name)
    {
        entry.read_to_string(&mut text).ok();
    }
    text
}

/// The tables of a DOCX, each as a grid: a cell's text repeated over the columns it spans
/// and down the rows its vertical merge continues; a line break inside a cell (「商业/企业」)
/// is layout, not text.
pub(crate) fn grids(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let body = read(bytes).expect("the DOCX reads back");
    let mut grids = Vec::new();
    for child in body {
        let Child::Table(rows) = child else {
            continue;
        };
        let mut grid: Vec<Vec<String>> = Vec::new();
        for row in rows {
            let mut line = Vec::new();
            for cell in row {
                let text = if cell.continues_merge {
                    grid.last()
                        .and_then(|above| above.get(line.len()).cloned())
                        .unwrap_or_default()
                } else {
                    cell.paragraphs.concat().replace('\n', "")
                };
                line.extend(std::iter::repeat_n(text, cell.span.max(1)));
            }
            grid.push(line);
        }
        grids.push(grid);
    }
    grids
}

/// The body's paragraphs (not those inside tables).
pub(crate) fn paragraphs(bytes: &[u8]) -> Vec<String> {
    read(bytes)
        .expect("the DOCX reads back")
        .into_iter()
        .filter_map(|c| match c {
            Child::Paragraph(p) => Some(p),
            Child::Table(_) => None,
        })
        .collect()
}

fn body(xml: &str) -> Result<Vec<Child>, String> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    let mut children = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut tables = 0_usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at {}: {e}", reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = local(&e);
                match name.as_str() {
                    "p" => paragraph = Some(String::new()),
                    "tbl" => {
                        tables += 1;
                        if tables > 1 {
                            return Err("a table inside a table".to_owned());
                        }
                    }
                    "tr" => rows.push(Vec::new()),
                    "tc" => rows
                        .last_mut()
                        .ok_or("w:tc outside w:tr")?
                        .push(Cell::default()),
                    _ => {}
                }
                open.push(name);
            }
            Event::Empty(e) => {
                let in_run = open.last().is_some_and(|n| n == "r");
                match local(&e).as_str() {
                    "br" if in_run => paragraph.as_mut().ok_or("w:br outside w:p")?.push('\n'),
                    "tab" if in_run => paragraph.as_mut().ok_or("w:tab outside w:p")?.push('\t'),
                    "gridSpan" => {
                        let span = value(&e)
                            .and_then(|v| v.parse().ok())
                            .ok_or("w:gridSpan without a number")?;
                        current_cell(&mut rows)?.span = span;
                    }
                    "vMerge" => {
                        current_cell(&mut rows)?.continues_merge =
                            value(&e).is_none_or(|v| v == "continue");
                    }
                    _ => {}
                }
            }
            Event::Text(t) if open.last().is_some_and(|n| n == "t") => {
                let text = t.xml10_content();
                paragraph.as_mut().ok_or("w:t outside w:p")?.push_str(&text);
            }
            Event::GeneralRef(r) if open.last().is_some_and(|n| n == "t") => {
                let c = match r.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => return Err(format!("unknown entity &{other};")),
                    },
                };
                paragraph.as_mut().ok_or("text outside w:p")?.push(c);
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                if open.pop().as_deref() != Some(name.as_str()) {
                    return Err(format!("w:{name} closed out of order"));
                }
                match name.as_str() {
                    "p" => {
                        let text = paragraph.take().unwrap_or_default();
                        if tables == 0 {
                            children.push(Child::Paragraph(text));
                        } else {
                            current_cell(&mut rows)?.paragraphs.push(text);
                        }
                    }
                    "tbl" => {
                        tables -= 1;
                        children.push(Child::Table(std::mem::take(&mut rows)));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(format!("unclosed elements: {open:?}"));
    }
    Ok(children)
}

fn current_cell(rows: &mut [Vec<Cell>]) -> Result<&mut Cell, String> {
    rows.last_mut()
        .and_then(|row| row.last_mut())
        .ok_or_else(|| "cell properties outside w:tc".to_owned())
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_owned()
}

fn value(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}
