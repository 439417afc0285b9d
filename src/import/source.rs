//! What every input becomes before the template reads it: lines of text, each either a
//! paragraph or a table row with its cells. Text files, Word documents and web pages differ
//! only in how they get here.

use super::hanzi;

/// Widest table row kept, in grid columns (wider spans and stray cells are dropped).
pub(crate) const MAX_COLUMNS: usize = 512;

/// One line of a published report: a paragraph, or a row of a table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Line {
    /// The text as published (trimmed; conversion debris removed, and in Simplified
    /// characters when the report was in Traditional ones).
    pub text: String,
    /// The cells: for a table row, one per grid column, empty where nothing is printed or a
    /// merged cell continues; for text, the pieces between tabs, 「|」 or runs of spaces.
    pub cells: Vec<String>,
    /// Whether this is a row of a real table, whose cells keep their grid positions.
    pub is_row: bool,
}

/// A published report as lines, with what turning it into lines involved.
#[derive(Clone, Debug, Default)]
pub(crate) struct Source {
    pub lines: Vec<Line>,
    /// Notes for the import report (conversions applied to the whole text).
    pub notes: Vec<String>,
    /// Whether tables were real tables (DOCX, HTML) rather than text laid out in lines.
    pub is_structured: bool,
}

/// A paragraph or a table row, as the DOCX and HTML readers produce them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Paragraph(String),
    Row(Vec<String>),
}

impl Source {
    /// Lines of plain text.
    pub(crate) fn from_text(input: &str) -> Self {
        let pieces: Vec<Piece> = input
            .lines()
            .map(|line| Piece::Paragraph(line.replace("[bookmark: _GoBack]", "")))
            .collect();
        let mut source = Self::from_pieces(&pieces);
        source.is_structured = false;
        source
    }

    /// Paragraphs and table rows, in document order.
    pub(crate) fn from_pieces(pieces: &[Piece]) -> Self {
        let all: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Paragraph(t) => t.clone(),
                Piece::Row(cells) => cells.join(""),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let debris: usize = all.lines().map(|l| hanzi::strip_debris(l).1).sum();
        // A lone 「(app)」 is not conversion debris; a report full of 「(qū)」 is.
        let strips_debris = debris >= 3;
        let is_traditional = hanzi::is_traditional(&all);
        let mut notes = Vec::new();
        if strips_debris {
            notes.push(format!(
                "已去除繁简转换留下的拼音注音或乱码{debris}处（如「區(qū)」）"
            ));
        }
        if is_traditional {
            notes.push("原文为繁体字，已逐字转换为简体字，请核对正文用字".to_owned());
        }
        let normalise = |text: &str| -> String {
            let text = if strips_debris {
                hanzi::strip_debris(text).0
            } else {
                text.to_owned()
            };
            let text = if is_traditional {
                hanzi::to_simplified(&text)
            } else {
                text
            };
            text.trim().trim_end_matches(['|', '｜']).trim().to_owned()
        };
        let lines = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Paragraph(text) => {
                    let text = normalise(text);
                    let cells = split_cells(&text);
                    Line {
                        text,
                        cells,
                        is_row: false,
                    }
                }
                Piece::Row(cells) => {
                    let cells: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
                    let text = cells
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    Line {
                        text,
                        cells,
                        is_row: true,
                    }
                }
            })
            .collect();
        Self {
            lines,
            notes,
            is_structured: true,
        }
    }
}

/// The cells of a line of text: pieces separated by tabs, 「|」 or two or more spaces.
fn split_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        let is_space = c == ' ' || c == '\u{3000}' || c == '\u{a0}';
        if c == '\t' || c == '|' || c == '｜' || (is_space && spaces >= 1) {
            let cell = current.trim();
            if !cell.is_empty() {
                cells.push(cell.to_owned());
            }
            current.clear();
            spaces = 0;
            continue;
        }
        if is_space {
            spaces += 1;
        } else {
            spaces = 0;
        }
        current.push(c);
    }
    let cell = current.trim();
    if !cell.is_empty() {
        cells.push(cell.to_owned());
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_on_tabs_bars_and_space_runs() {
        assert_eq!(split_cells("23 |"), ["23"]);
        assert_eq!(
            split_cells("行政规范性文件             1             2  8"),
            ["行政规范性文件", "1", "2", "8"]
        );
        assert_eq!(split_cells("结果维持 0\t5"), ["结果维持 0", "5"]);
        assert!(split_cells("   ").is_empty());
    }
}
