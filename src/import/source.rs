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
    /// merged cell continues; for text, the pieces between tabs or 「|」 (empty ones kept),
    /// or between runs of spaces.
    pub cells: Vec<String>,
    /// What the cells' positions mean.
    pub layout: Layout,
}

/// How a line's cells were found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A row of a real table (Word, web page, PDF): one cell per grid column.
    Row,
    /// Text whose pieces are separated by tabs or 「|」: an empty field is an empty cell
    /// (「821 | 35 |  | 2」), and a line that is only 「|」 is one empty cell.
    Fields,
    /// Text whose pieces are separated by runs of spaces: empty cells leave no trace.
    #[default]
    Words,
}

impl Line {
    /// Whether this is a row of a real table, whose cells keep their grid positions.
    pub(crate) fn is_row(&self) -> bool {
        self.layout == Layout::Row
    }
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
    /// Lines of plain text. Page numbers that a PDF's text left between lines
    /// (「-3-」「— 4 —」「第3页」) are dropped.
    pub(crate) fn from_text(input: &str) -> Self {
        let lines: Vec<String> = input
            .lines()
            .filter(|line| !is_page_footer(line))
            .map(|line| line.replace("[bookmark: _GoBack]", "").replace('\u{c}', ""))
            .collect();
        let (lines, note) = without_separator_lines(lines);
        let pieces: Vec<Piece> = unwrap_lines(lines)
            .into_iter()
            .map(Piece::Paragraph)
            .collect();
        let mut source = Self::from_pieces(&pieces);
        source.is_structured = false;
        source.notes.extend(note);
        source
    }

    /// Paragraphs and table rows, in document order.
    pub(crate) fn from_pieces(pieces: &[Piece]) -> Self {
        let mut notes = Vec::new();
        let normalise = Normalise::for_pieces(pieces, &mut notes);
        let lines = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Paragraph(text) => paragraph_line(&normalise.text(text)),
                Piece::Row(cells) => row_line(cells, &normalise),
            })
            .collect();
        Self {
            lines,
            notes,
            is_structured: true,
        }
    }
}

/// The conversions applied to every piece of a report: conversion debris stripped,
/// Traditional characters made Simplified.
struct Normalise {
    strips_debris: bool,
    is_traditional: bool,
}

impl Normalise {
    /// The conversions a report's pieces need, each noted for the import report.
    fn for_pieces(pieces: &[Piece], notes: &mut Vec<String>) -> Self {
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
        if strips_debris {
            notes.push(format!(
                "已去除繁简转换留下的拼音注音或乱码{debris}处（如「區(qū)」）"
            ));
        }
        if is_traditional {
            notes.push("原文为繁体字，已逐字转换为简体字，请核对正文用字".to_owned());
        }
        Self {
            strips_debris,
            is_traditional,
        }
    }

    /// A piece's text converted, and trimmed of spaces.
    fn text(&self, text: &str) -> String {
        let text = if self.strips_debris {
            hanzi::strip_debris(text).0
        } else {
            text.to_owned()
        };
        let text = if self.is_traditional {
            hanzi::to_simplified(&text)
        } else {
            text
        };
        // Tabs at either end may be empty cells of a row copied as text: kept.
        text.trim_matches([' ', '\u{3000}', '\u{a0}', '\r', '\u{c}'])
            .to_owned()
    }
}

/// The line of a paragraph (its text normalised): its cells as its separators give them.
pub(crate) fn paragraph_line(text: &str) -> Line {
    let (cells, layout) = split_cells(text);
    // The text without the separators a table copied as text carries.
    let text = if layout == Layout::Fields {
        cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.trim().to_owned()
    };
    Line {
        text,
        cells,
        layout,
    }
}

/// The line of a table row: its cells normalised, its text the cells that hold something.
fn row_line(cells: &[String], normalise: &Normalise) -> Line {
    let cells: Vec<String> = cells.iter().map(|c| normalise.text(c)).collect();
    let text = cells
        .iter()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    Line {
        text,
        cells,
        layout: Layout::Row,
    }
}

/// Whether a line of text is only a bar: 「|」.
fn is_bar_line(line: &str) -> bool {
    matches!(line.trim(), "|" | "｜")
}

/// A row's text without the run of two or more bars that ends it (with the spaces before
/// it): 「0 | ||||||||」 is 「0 |」.
fn without_trailing_filler(text: &str) -> &str {
    let run = text
        .chars()
        .rev()
        .take_while(|c| matches!(c, '|' | '｜'))
        .count();
    if run < 2 {
        return text;
    }
    let cut = text.char_indices().rev().nth(run - 1).map_or(0, |(i, _)| i);
    let kept = text[..cut].trim_end_matches([' ', '\u{3000}', '\u{a0}']);
    if kept.is_empty() { text } else { kept }
}

/// Whether a line is two or more bars and nothing else (「||」「|| |||」): the filler a
/// web page's copy prints for the grid cells a row's merged cells cover.
fn is_filler(line: &str) -> bool {
    let mut n_bars = 0;
    for c in line.chars() {
        match c {
            '|' | '｜' => n_bars += 1,
            ' ' | '\u{3000}' | '\u{a0}' => {}
            _ => return false,
        }
    }
    n_bars >= 2
}

/// Text copied from a web page with every cell on its own line and a line holding only
/// 「|」 between any two cells (the row label too on its own line first): the bars are
/// separators, not cells. Two bars with nothing but empty lines between them enclose a cell
/// printed blank, which becomes a line of one empty field (「|」 read on its own). Told from
/// text whose cells end in 「 |」 (where a lone 「|」 is an empty cell) by the lines around
/// the bars: here no line but the bars holds a bar.
fn without_separator_lines(lines: Vec<String>) -> (Vec<String>, Option<String>) {
    let n_bars = lines
        .iter()
        .filter(|l| is_bar_line(l) || after_leading_bar(l).is_some())
        .count();
    let n_barred = lines
        .iter()
        .filter(|l| {
            !is_bar_line(l)
                && !is_filler(l)
                && after_leading_bar(l).is_none()
                && l.contains(['|', '｜'])
        })
        .count();
    // A few bars in prose or a few 「a | b」 lines among hundreds of separators decide
    // nothing either way.
    if n_bars < 6 || n_barred * 10 > n_bars {
        return (lines, None);
    }
    let mut out = Vec::with_capacity(lines.len());
    // Whether the last line kept was a bar, with no cell after it yet.
    let mut after_bar = false;
    for line in lines {
        if is_filler(&line) {
            continue;
        }
        // 「| 规章」: the bar before a row's first cell, then the cell.
        let (bar, cell) = match after_leading_bar(&line) {
            Some(cell) => (true, Some(cell.to_owned())),
            None if is_bar_line(&line) => (true, None),
            None => (false, Some(line)),
        };
        if bar {
            if after_bar {
                out.push("|".to_owned());
            }
            after_bar = true;
        }
        let Some(cell) = cell else {
            continue;
        };
        if cell.trim().is_empty() {
            // Empty lines between cells mean nothing; an empty cell is told by the bars.
            if !after_bar {
                out.push(cell);
            }
            continue;
        }
        after_bar = false;
        out.push(cell);
    }
    let note = format!("表格中的「|」行（共{n_bars}行）是单元格之间的分隔，不是单元格");
    (out, Some(note))
}

/// The cell of a line that is a bar and then a cell (「| 规章」), no other bar in it.
fn after_leading_bar(line: &str) -> Option<&str> {
    let rest = line
        .trim_start()
        .strip_prefix(['|', '｜'])?
        .trim_start_matches([' ', '\u{3000}']);
    (!rest.is_empty() && !rest.contains(['|', '｜'])).then_some(rest)
}

/// How far (in display width) a line may fall short of the wrap width and still be full:
/// figures are narrower than Chinese on the page, and the text adds spaces beside them, so
/// widths are compared loosely, without those spaces.
const SLACK: usize = 8;

/// Paragraphs of text that was hard-wrapped at one width (what a PDF's text gives: every
/// line of a paragraph but its last is as wide as the page) joined again. Text whose lines
/// are paragraphs, of every length, is left as it is.
fn unwrap_lines(lines: Vec<String>) -> Vec<String> {
    use crate::text::{display_width, without_cjk_spacing};
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| display_width(&without_cjk_spacing(l.trim())))
        .collect();
    let Some(wrap) = wrap_width(&lines, &widths) else {
        return lines;
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open = false;
    for (line, width) in lines.into_iter().zip(widths) {
        // A line cut mid-sentence: as wide as the page, or at least half as wide and ending
        // at a comma; not a heading, not at a sentence's end. A sentence that ends at the
        // margin leaves the break in place.
        let full = width + SLACK >= wrap && width <= wrap + 1;
        let at_comma = width * 2 >= wrap && line.trim_end().ends_with(['，', '、', ',', '；', ';']);
        let cut = is_prose(&line) && (full || (at_comma && !starts_block(&line)));
        match out.last_mut() {
            Some(last) if open && is_prose(&line) && !starts_block(&line) => {
                last.push_str(line.trim());
            }
            _ => out.push(line.clone()),
        }
        open = cut && !ends_paragraph(&line);
    }
    out
}

/// The width the text was wrapped at, if it was: the widest that at least 40% of long lines
/// come close to, most of them cut mid-sentence (a text of one paragraph a line ends its
/// lines with 。).
fn wrap_width(lines: &[String], widths: &[usize]) -> Option<usize> {
    // Long lines of prose, each text once (a repeated sentence is no evidence), with whether
    // the line ends mid-sentence.
    let mut candidates: Vec<(usize, bool)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (l, &w) in lines.iter().zip(widths) {
        if is_prose(l) && w >= 30 && !seen.contains(&l.trim()) {
            seen.push(l.trim());
            candidates.push((w, !ends_paragraph(l)));
        }
    }
    let near = |width: usize| {
        candidates
            .iter()
            .filter(|(w, _)| *w <= width && *w + SLACK >= width)
            .fold((0, 0), |(n, cut), (_, is_cut)| {
                (n + 1, cut + usize::from(*is_cut))
            })
    };
    candidates
        .iter()
        .map(|(w, _)| *w)
        // A page's body is at least 22 characters wide.
        .filter(|&w| {
            let (n, cut) = near(w);
            w >= 44 && n >= 6 && n * 5 >= candidates.len() * 2 && cut * 2 >= n
        })
        .max()
}

/// Prose: not a table's row (cells apart by tabs, bars or runs of spaces).
fn is_prose(l: &str) -> bool {
    let l = l.trim();
    !l.is_empty()
        && !l.contains(['\t', '|', '｜'])
        && !l.contains("  ")
        && !l.contains("\u{3000}\u{3000}")
}

/// Whether a line ends a paragraph: at a sentence's end, a colon or a closing quote.
fn ends_paragraph(l: &str) -> bool {
    l.trim_end()
        .ends_with(['。', '！', '？', '：', '；', '”', '」'])
}

/// Whether a line starts a block of its own: a heading (「（一）」「一、」「1.」) or a number.
fn starts_block(l: &str) -> bool {
    let t = l.trim_start();
    let mut chars = t.chars();
    let first = chars.next();
    let second = chars.next();
    matches!(first, Some('（' | '('))
        || (first.is_some_and(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
            && matches!(second, Some('、' | '.' | '．')))
        || crate::number::parse_number(t).is_ok_and(|n| n.is_some())
}

/// Whether a line of text is only a page number: 「-3-」「— 4 —」「- 3 -」「第3页」「第3页
/// 共6页」. A bare number is not one (it may be a table's cell, one per line).
fn is_page_footer(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    let dashes = ['-', '—', '–', '－', '─'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner.trim_matches(dashes));
    }
    is_page_in_words(&t, 3)
}

/// 「第3页」「第3页共6页」 (whitespace already removed), numbers of up to `max_digits`.
pub(super) fn is_page_in_words(t: &str, max_digits: usize) -> bool {
    let digits =
        |s: &str| !s.is_empty() && s.len() <= max_digits && s.chars().all(|c| c.is_ascii_digit());
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let Some((n, rest)) = rest.split_once('页') else {
        return false;
    };
    digits(n)
        && (rest.is_empty()
            || rest
                .strip_prefix('共')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(digits))
}

/// The cells of a line of text, and how they were found.
/// - Tabs or 「|」: every field is a cell, empty ones included; a 「|」 at the end closes the
///   last cell (「0 |」 is one cell, 「|」 one empty cell), one at the start as well opens it
///   (「| a | b |」, as Markdown writes rows).
/// - Else runs of two or more spaces; and a label followed by figures with single spaces
///   (「行政许可 26367」, 「0 0 0 …」) is split into the label and each figure.
fn split_cells(line: &str) -> (Vec<String>, Layout) {
    let is_separator = |c: char| c == '\t' || c == '|' || c == '｜';
    // One tab at the start only indents a line (a cell written one per line).
    let line = match line.strip_prefix('\t') {
        Some(rest) if !rest.contains(is_separator) => rest,
        _ => line,
    };
    if line.contains(is_separator) {
        let trimmed = line.trim_matches([' ', '\u{3000}', '\u{a0}']);
        // A line of bars alone (「||」「|||||||」) after a row's cells written one a line is
        // the grid cells the row's merged cells cover, printed as filler: no cell.
        if is_filler(trimmed) {
            return (Vec::new(), Layout::Fields);
        }
        // Bars run together at the end of a row (「… | 0 | ||||||||」) are the same filler,
        // not empty cells: those print a bar each, spaced (「| | |」).
        let trimmed = without_trailing_filler(trimmed);
        let mut fields: Vec<String> = trimmed
            .split(is_separator)
            .map(|f| f.trim().to_owned())
            .collect();
        // One bar, at the end, closes a cell written one per line (「0 |」, 「|」). With more
        // separators every field counts: whether an edge bar opens an empty cell or only
        // frames the row is told later, from how many cells the row should have.
        let n_bars = trimmed.matches(['|', '｜']).count();
        if n_bars == 1 && !trimmed.contains('\t') && trimmed.ends_with(['|', '｜']) {
            fields.pop();
        }
        return (fields, Layout::Fields);
    }
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        let is_space = c == ' ' || c == '\u{3000}' || c == '\u{a0}';
        if is_space && spaces >= 1 {
            push_words(&mut cells, current.trim());
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
    push_words(&mut cells, current.trim());
    (cells, Layout::Words)
}

/// Adds a piece of text separated by spaces: whole, or — a label followed by figures with
/// single spaces — as the label and each figure.
fn push_words(cells: &mut Vec<String>, piece: &str) {
    if piece.is_empty() {
        return;
    }
    let words: Vec<&str> = piece
        .split([' ', '\u{3000}', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect();
    let is_figure = |w: &str| {
        crate::number::parse_number(w).is_ok_and(|n| n.is_some()) || ["/", "-", "—"].contains(&w)
    };
    let n_figures = words.iter().rev().take_while(|w| is_figure(w)).count();
    let label = words[..words.len() - n_figures].join(" ");
    let is_label = label.chars().count() <= 40 && !label.contains(['，', '。', '；', ',']);
    if n_figures == 0 || words.len() == 1 || !is_label {
        cells.push(piece.to_owned());
        return;
    }
    if !label.is_empty() {
        cells.push(label);
    }
    cells.extend(
        words[words.len() - n_figures..]
            .iter()
            .map(|w| (*w).to_owned()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        split_cells(line).0
    }

    #[test]
    fn cells_split_on_tabs_bars_and_space_runs() {
        assert_eq!(cells("23 |"), ["23"]);
        assert_eq!(cells("|"), [""], "a line of one bar is one empty cell");
        assert!(
            cells("||").is_empty(),
            "bars alone are the filler of merged cells"
        );
        assert!(cells("|||||||").is_empty());
        assert_eq!(
            cells("一、本年新收政府信息公开申请数量 | 0 | ||||||||"),
            ["一、本年新收政府信息公开申请数量", "0", ""],
            "bars run together at the end are filler"
        );
        assert_eq!(cells("8 | |||||||||"), ["8"]);
        assert_eq!(
            cells("一、本年新收政府信息公开申请数量 | 821 | 35 |  |  | 2 | 1 | 859"),
            [
                "一、本年新收政府信息公开申请数量",
                "821",
                "35",
                "",
                "",
                "2",
                "1",
                "859"
            ]
        );
        assert_eq!(
            cells("| 规章 | 0 | | 3 |"),
            ["", "规章", "0", "", "3", ""],
            "edge bars are told from empty edge cells by the row's width"
        );
        assert_eq!(cells("| 5 |  | 0"), ["", "5", "", "0"]);
        assert_eq!(cells("\t行政许可\t26367"), ["", "行政许可", "26367"]);
        assert_eq!(cells("\t0"), ["0"], "a lone leading tab indents");
        assert_eq!(cells("\t5\t\t5"), ["", "5", "", "5"]);
        assert_eq!(cells("规章\t1\t\t"), ["规章", "1", "", ""]);
        assert_eq!(
            cells("行政规范性文件             1             2  8"),
            ["行政规范性文件", "1", "2", "8"]
        );
        assert_eq!(cells("行政许可 26367"), ["行政许可", "26367"]);
        assert_eq!(cells("0 0 0 1"), ["0", "0", "0", "1"]);
        assert_eq!(
            cells("共受理政府信息公开申请 3191 件"),
            ["共受理政府信息公开申请 3191 件"],
            "a sentence stays whole"
        );
        assert_eq!(cells("结果维持 0\t5"), ["结果维持 0", "5"]);
        assert!(cells("   ").is_empty());
    }

    #[test]
    fn page_footers_are_recognised() {
        for footer in [
            "-3-",
            "— 4 —",
            "- 12 -",
            "第3页",
            "第 3 页 共 6 页",
            "－5－",
        ] {
            assert!(is_page_footer(footer), "{footer}");
        }
        for line in ["3", "2024", "-", "第三部分", "一、总体情况"] {
            assert!(!is_page_footer(line), "{line}");
        }
    }
}
