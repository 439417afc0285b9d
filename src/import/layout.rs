//! A PDF's pages laid out as the paragraphs and table rows every other format becomes.
//!
//! - Tables are rebuilt on the grid their rules draw: every horizontal and vertical rule of
//!   a table gives a grid line, a cell is merged with its neighbour wherever the rule
//!   between them is missing, and each glyph goes to the cell under its centre. A table
//!   that runs over a page break shares one set of columns on both pages.
//! - Text outside tables becomes lines (glyphs on one baseline), and lines become
//!   paragraphs: a full line followed by one that starts at the left margin (not indented)
//!   continues the paragraph, across page breaks too.
//! - Page numbers in the top or bottom margin (「- 3 -」「— 4 —」「第3页」) are dropped.
//! - Spaces are the ones printed: a gap beside Chinese is layout (Word's spacing between
//!   Chinese and Latin text), not a space.

use super::pdf::{Glyph, Page, Segment};
use super::source::Piece;
use crate::text::is_cjk;

/// How far apart two rules may be and still meet, in points.
const TOL: f32 = 2.0;

/// A rule: horizontal (`at` = y, `from`..`to` in x) or vertical (`at` = x, `from`..`to`
/// in y).
#[derive(Clone, Copy, Debug)]
struct Rule {
    at: f32,
    from: f32,
    to: f32,
}

impl Rule {
    fn covers(&self, at: f32, position: f32) -> bool {
        (self.at - at).abs() <= TOL && self.from - TOL <= position && position <= self.to + TOL
    }
}

/// A table, or the part of one on a page.
#[derive(Clone, Debug)]
struct TablePart {
    xs: Vec<f32>,
    ys: Vec<f32>,
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
}

impl TablePart {
    fn left(&self) -> f32 {
        self.xs[0]
    }
    fn right(&self) -> f32 {
        self.xs[self.xs.len() - 1]
    }
    fn top(&self) -> f32 {
        self.ys[0]
    }
    fn bottom(&self) -> f32 {
        self.ys[self.ys.len() - 1]
    }
    fn contains(&self, x: f32, y: f32) -> bool {
        self.left() <= x && x <= self.right() && self.top() <= y && y <= self.bottom()
    }
}

/// A line of text outside tables.
#[derive(Clone, Debug)]
struct TextLine {
    page: usize,
    y: f32,
    x0: f32,
    x1: f32,
    size: f32,
    text: String,
}

enum Item {
    Table(Vec<Vec<String>>),
    Line(TextLine),
}

/// The pieces of a PDF, in reading order.
pub(crate) fn pieces(pages: &[Page]) -> Vec<Piece> {
    let mut parts: Vec<Vec<TablePart>> = pages.iter().map(table_parts).collect();
    join_across_pages(pages, &mut parts);
    let mut items: Vec<Item> = Vec::new();
    for (number, (page, parts)) in pages.iter().zip(&parts).enumerate() {
        items.extend(page_items(number, page, parts));
    }
    let lines: Vec<&TextLine> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            Item::Table(_) => None,
        })
        .collect();
    let margins = Margins::of(&lines);
    let mut pieces = Vec::new();
    let mut paragraph: Option<TextLine> = None;
    for item in items {
        match item {
            Item::Table(rows) => {
                if let Some(p) = paragraph.take() {
                    pieces.push(Piece::Paragraph(p.text));
                }
                pieces.extend(rows.into_iter().map(Piece::Row));
            }
            Item::Line(line) => {
                paragraph = Some(match paragraph.take() {
                    Some(mut p) if margins.continues(&p, &line) => {
                        join_text(&mut p.text, &line.text);
                        TextLine {
                            text: p.text,
                            ..line
                        }
                    }
                    Some(p) => {
                        pieces.push(Piece::Paragraph(p.text));
                        line
                    }
                    None => line,
                });
            }
        }
    }
    if let Some(p) = paragraph {
        pieces.push(Piece::Paragraph(p.text));
    }
    pieces
}

/// The body's left and right edges, read from where most lines start and end.
struct Margins {
    left: f32,
    right: f32,
}

impl Margins {
    fn of(lines: &[&TextLine]) -> Self {
        let long: Vec<&&TextLine> = lines
            .iter()
            .filter(|l| l.text.chars().count() >= 8)
            .collect();
        let mode = |values: Vec<f32>| -> Option<f32> {
            let mut counts: Vec<(i32, usize)> = Vec::new();
            for v in values {
                let key = (v / 2.0).round() as i32;
                match counts.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((key, 1)),
                }
            }
            counts
                .into_iter()
                .max_by_key(|&(k, n)| (n, -k))
                .map(|(k, _)| k as f32 * 2.0)
        };
        let left = mode(long.iter().map(|l| l.x0).collect()).unwrap_or(0.0);
        let right = long.iter().map(|l| l.x1).fold(left, f32::max);
        Self { left, right }
    }

    /// Whether `next` goes on the paragraph that `line` ends: `line` is full and `next`
    /// starts at the margin, in the same size.
    fn continues(&self, line: &TextLine, next: &TextLine) -> bool {
        let size = line.size.max(1.0);
        let full = line.x1 >= self.right - 1.5 * size;
        let at_margin = (next.x0 - self.left).abs() <= 0.6 * size;
        let same_size = (next.size - line.size).abs() <= 1.0;
        let close = next.page != line.page || (next.y - line.y) <= 2.5 * size;
        full && at_margin && same_size && close
    }
}

/// Appends a line to a paragraph: Chinese joins without a space, Latin words with one.
fn join_text(text: &mut String, next: &str) {
    let last = text.chars().last();
    let first = next.chars().next();
    if last.is_some_and(|c| c.is_ascii_alphanumeric())
        && first.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        text.push(' ');
    }
    text.push_str(next);
}

/// The page's tables and lines of text, top to bottom.
fn page_items(number: usize, page: &Page, parts: &[TablePart]) -> Vec<Item> {
    let mut cells: Vec<Vec<Vec<Glyph>>> = parts
        .iter()
        .map(|p| vec![Vec::new(); (p.xs.len() - 1) * (p.ys.len() - 1)])
        .collect();
    let mut free: Vec<Glyph> = Vec::new();
    for g in &page.glyphs {
        let (cx, cy) = (g.x + g.w / 2.0, g.y - g.size * 0.35);
        let part = parts.iter().position(|p| p.contains(cx, cy));
        match part {
            Some(i) => {
                let p = &parts[i];
                let col = slot(&p.xs, cx);
                let row = slot(&p.ys, cy);
                cells[i][row * (p.xs.len() - 1) + col].push(*g);
            }
            None => free.push(*g),
        }
    }
    let mut items: Vec<(f32, Item)> = Vec::new();
    for (part, glyphs) in parts.iter().zip(cells) {
        items.push((part.top(), Item::Table(grid_rows(part, glyphs))));
    }
    for line in text_lines(free) {
        let text_line = TextLine {
            page: number,
            ..line
        };
        if is_page_number(&text_line, page.height) {
            continue;
        }
        items.push((text_line.y, Item::Line(text_line)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, i)| i).collect()
}

/// The index of the interval of `edges` that holds `v` (clamped to the ends).
fn slot(edges: &[f32], v: f32) -> usize {
    let n = edges.len() - 1;
    edges[1..n]
        .iter()
        .take_while(|e| **e <= v)
        .count()
        .min(n - 1)
}

/// The rows of a table part: one string per grid column, the text of a merged cell in its
/// top left grid cell and the others empty.
fn grid_rows(part: &TablePart, glyphs: Vec<Vec<Glyph>>) -> Vec<Vec<String>> {
    let (n_cols, n_rows) = (part.xs.len() - 1, part.ys.len() - 1);
    let mut parent: Vec<usize> = (0..n_cols * n_rows).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        // The top left cell of a merged region stays its root.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    };
    for r in 0..n_rows {
        let mid_y = (part.ys[r] + part.ys[r + 1]) / 2.0;
        for c in 0..n_cols {
            let i = r * n_cols + c;
            if c + 1 < n_cols {
                let x = part.xs[c + 1];
                if !part.vertical.iter().any(|v| v.covers(x, mid_y)) {
                    union(&mut parent, i, i + 1);
                }
            }
            if r + 1 < n_rows {
                let y = part.ys[r + 1];
                let mid_x = (part.xs[c] + part.xs[c + 1]) / 2.0;
                if !part.horizontal.iter().any(|h| h.covers(y, mid_x)) {
                    union(&mut parent, i, i + n_cols);
                }
            }
        }
    }
    let mut texts: Vec<Vec<Glyph>> = vec![Vec::new(); n_cols * n_rows];
    for (i, cell) in glyphs.into_iter().enumerate() {
        let root = find(&mut parent, i);
        texts[root].extend(cell);
    }
    let mut rows = Vec::new();
    for r in 0..n_rows {
        let mut row = Vec::with_capacity(n_cols);
        let mut has_cell = false;
        for c in 0..n_cols {
            let i = r * n_cols + c;
            if find(&mut parent, i) == i {
                let text = text_lines(std::mem::take(&mut texts[i])).into_iter().fold(
                    String::new(),
                    |mut all, line| {
                        join_text(&mut all, &line.text);
                        all
                    },
                );
                has_cell |= !text.is_empty();
                row.push(text);
            } else {
                row.push(String::new());
            }
        }
        if has_cell {
            rows.push(row);
        }
    }
    rows
}

/// Glyphs grouped into lines (by baseline), each read left to right.
fn text_lines(mut glyphs: Vec<Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= 0.5 * line[0].size.max(g.size).max(1.0) => {
                line.push(g);
            }
            _ => lines.push(vec![g]),
        }
    }
    lines
        .into_iter()
        .filter_map(|mut line| {
            // By the middle of each glyph's advance: where typesetters compress CJK
            // punctuation (typst, InDesign), 「,《」 sets 《 starting left of the comma
            // before it, but its middle still stands right of the comma's.
            line.sort_by(|a, b| (a.x + a.w / 2.0).total_cmp(&(b.x + b.w / 2.0)));
            let text = line_text(&line);
            if text.is_empty() {
                return None;
            }
            let first = line.iter().find(|g| !g.c.is_whitespace())?;
            let last = line.iter().rev().find(|g| !g.c.is_whitespace())?;
            let size = line.iter().map(|g| g.size).fold(0.0, f32::max);
            Some(TextLine {
                page: 0,
                y: line[0].y,
                x0: first.x,
                x1: last.x + last.w,
                size,
                text,
            })
        })
        .collect()
}

/// The text of one line: the spaces it prints, a space where Latin words stand apart, two
/// where a wide gap separates columns; none is made up next to Chinese (Word sets Chinese
/// and figures apart by layout, not by a space).
fn line_text(line: &[Glyph]) -> String {
    let mut text = String::new();
    let mut last: Option<&Glyph> = None;
    let mut spaced = false;
    for g in line {
        if g.c.is_whitespace() {
            spaced = true;
            continue;
        }
        if let Some(prev) = last {
            let gap = g.x - (prev.x + prev.w);
            let size = prev.size.max(g.size).max(1.0);
            let latin = !is_cjk(prev.c) && !is_cjk(g.c);
            if gap > 2.0 * size {
                text.push_str("  ");
            } else if spaced || (latin && gap > 0.25 * size) {
                text.push(' ');
            }
        }
        text.push(g.c);
        last = Some(g);
        spaced = false;
    }
    text
}

/// A page number in the top or bottom margin: 「3」「- 3 -」「— 4 —」「第3页」「第3页 共6页」「3/6」.
fn is_page_number(line: &TextLine, page_height: f32) -> bool {
    let in_margin = line.y > page_height * 0.85 || line.y < page_height * 0.08;
    if !in_margin {
        return false;
    }
    let t: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(['-', '—', '–', '－', '─', '一']);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    super::source::is_page_in_words(t, 4)
}

/// The tables of a page: groups of rules that meet, each with at least two rows or two
/// columns of cells (a frame round the page, or a rule under a heading, is not a table).
fn table_parts(page: &Page) -> Vec<TablePart> {
    let (horizontal, vertical) = rules(&page.segments);
    let n = horizontal.len() + vertical.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            let meets = h.from - TOL <= v.at
                && v.at <= h.to + TOL
                && v.from - TOL <= h.at
                && h.at <= v.to + TOL;
            if meets {
                let (a, b) = (
                    find(&mut parent, i),
                    find(&mut parent, horizontal.len() + j),
                );
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Rule>, Vec<Rule>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let k = match groups.iter().position(|g| g.0 == root) {
            Some(k) => k,
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if i < horizontal.len() {
            groups[k].1.push(horizontal[i]);
        } else {
            groups[k].2.push(vertical[i - horizontal.len()]);
        }
    }
    let mut parts: Vec<TablePart> = groups
        .into_iter()
        .filter_map(|(_, horizontal, vertical)| {
            let ys = cluster(horizontal.iter().map(|r| r.at).collect());
            let xs = cluster(vertical.iter().map(|r| r.at).collect());
            let big_enough = xs.len() >= 2 && ys.len() >= 2 && (xs.len() >= 3 || ys.len() >= 3);
            big_enough.then_some(TablePart {
                xs,
                ys,
                horizontal,
                vertical,
            })
        })
        .collect();
    parts.sort_by(|a, b| a.top().total_cmp(&b.top()));
    parts
}

/// Horizontal and vertical rules from the segments, collinear pieces joined.
fn rules(segments: &[Segment]) -> (Vec<Rule>, Vec<Rule>) {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for s in segments {
        let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
        if dy <= 1.0 && dx >= 2.0 {
            horizontal.push(Rule {
                at: (s.y0 + s.y1) / 2.0,
                from: s.x0.min(s.x1),
                to: s.x0.max(s.x1),
            });
        } else if dx <= 1.0 && dy >= 2.0 {
            vertical.push(Rule {
                at: (s.x0 + s.x1) / 2.0,
                from: s.y0.min(s.y1),
                to: s.y0.max(s.y1),
            });
        }
    }
    (merge(horizontal), merge(vertical))
}

/// Joins rules on one line whose extents touch or overlap.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Rule> = Vec::new();
    let mut line: Vec<Rule> = Vec::new();
    let flush = |line: &mut Vec<Rule>, out: &mut Vec<Rule>| {
        // Rules within a point of one another lie on one line: joined along it, in order.
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut current: Option<Rule> = None;
        for r in line.drain(..) {
            current = match current {
                Some(mut c) if r.from <= c.to + TOL => {
                    c.to = c.to.max(r.to);
                    Some(c)
                }
                Some(c) => {
                    out.push(c);
                    Some(r)
                }
                None => Some(r),
            };
        }
        out.extend(current);
    };
    for r in rules {
        if line.first().is_some_and(|first| r.at - first.at > 1.0) {
            flush(&mut line, &mut out);
        }
        line.push(r);
    }
    flush(&mut line, &mut out);
    out
}

/// Positions that lie within `TOL` of each other, as one (their mean), sorted.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f32 <= TOL => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f32).collect()
}

/// A table that runs over a page break: the last table of a page and the first of the next
/// with the same left and right edges and no text above it share their columns, so values
/// stay in the same grid columns on both pages.
fn join_across_pages(pages: &[Page], parts: &mut [Vec<TablePart>]) {
    for pass in 0..2 {
        let order: Vec<usize> = if pass == 0 {
            (1..parts.len()).collect()
        } else {
            (1..parts.len()).rev().collect()
        };
        for i in order {
            let (before, after) = parts.split_at_mut(i);
            let (Some(a), Some(b)) = (before[i - 1].last_mut(), after[0].first_mut()) else {
                continue;
            };
            let height = pages[i - 1].height;
            let runs_on = a.bottom() > height * 0.6 && b.top() < pages[i].height * 0.4;
            let same_edges =
                (a.left() - b.left()).abs() <= 3.0 && (a.right() - b.right()).abs() <= 3.0;
            // Text between them (the next section's heading above the next page's table)
            // makes it another table; a running header in the top margin does not.
            let page = &pages[i];
            let text_above = page
                .glyphs
                .iter()
                .any(|g| !g.c.is_whitespace() && g.y > page.height * 0.08 && g.y < b.top() - 1.0);
            if runs_on && same_edges && !text_above {
                let xs = cluster(a.xs.iter().chain(&b.xs).copied().collect());
                a.xs.clone_from(&xs);
                b.xs = xs;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &mut Page, x: f32, y: f32, s: &str) {
        for (i, c) in s.chars().enumerate() {
            let w = if c.is_ascii() { 5.0 } else { 10.0 };
            page.glyphs.push(Glyph {
                x: x + 10.0 * i as f32,
                y,
                w,
                size: 10.0,
                c,
            });
        }
    }

    fn hline(page: &mut Page, y: f32, x0: f32, x1: f32) {
        page.segments.push(Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        });
    }

    fn vline(page: &mut Page, x: f32, y0: f32, y1: f32) {
        page.segments.push(Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        });
    }

    /// A 3×3 grid at (100, 100) of 100×20 cells, without the rule between the first two
    /// cells of the top row (a merged header).
    fn table_page() -> Page {
        let mut page = Page {
            height: 842.0,
            ..Page::default()
        };
        for k in 0..4 {
            hline(&mut page, 100.0 + 20.0 * k as f32, 100.0, 400.0);
        }
        vline(&mut page, 100.0, 100.0, 160.0);
        vline(&mut page, 200.0, 120.0, 160.0);
        vline(&mut page, 300.0, 100.0, 160.0);
        vline(&mut page, 400.0, 100.0, 160.0);
        text(&mut page, 105.0, 115.0, "申请人情况");
        text(&mut page, 305.0, 115.0, "总计");
        text(&mut page, 105.0, 135.0, "规章");
        text(&mut page, 205.0, 135.0, "3");
        text(&mut page, 305.0, 135.0, "3");
        // A label wrapped over two lines in its cell; the middle cell left blank.
        text(&mut page, 105.0, 150.0, "行政规范");
        text(&mut page, 105.0, 158.0, "性文件");
        text(&mut page, 305.0, 155.0, "0");
        page
    }

    #[test]
    fn tables_are_rebuilt_on_their_rules() {
        let rows: Vec<Vec<String>> = pieces(&[table_page()])
            .into_iter()
            .map(|p| match p {
                Piece::Row(cells) => cells,
                Piece::Paragraph(t) => panic!("paragraph {t}"),
            })
            .collect();
        assert_eq!(
            rows,
            [
                vec!["申请人情况", "", "总计"],
                vec!["规章", "3", "3"],
                vec!["行政规范性文件", "", "0"],
            ]
        );
    }

    #[test]
    fn paragraphs_are_rejoined_and_page_numbers_dropped() {
        let mut page = Page {
            height: 842.0,
            ..Page::default()
        };
        // Two full lines of one paragraph, an indented new paragraph, a page number.
        text(
            &mut page,
            100.0,
            100.0,
            "本年度我局认真贯彻落实条例进一步规范依申请公开",
        );
        text(
            &mut page,
            100.0,
            120.0,
            "办理流程并及时公开相关信息确保工作平稳有序开展",
        );
        text(&mut page, 120.0, 140.0, "二是加强培训。");
        text(&mut page, 280.0, 800.0, "— 3 —");
        let texts: Vec<String> = pieces(&[page])
            .into_iter()
            .map(|p| match p {
                Piece::Paragraph(t) => t,
                Piece::Row(r) => panic!("row {r:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "本年度我局认真贯彻落实条例进一步规范依申请公开办理流程并及时公开相关信息确保工作平稳有序开展",
                "二是加强培训。"
            ]
        );
    }

    /// A table ending at the foot of a page, then the next section's heading and a table
    /// of other columns at the top of the next: two tables, each on its own columns.
    #[test]
    fn a_table_under_a_heading_on_the_next_page_keeps_its_own_columns() {
        let mut first = Page {
            height: 842.0,
            ..Page::default()
        };
        for k in 0..3 {
            hline(&mut first, 700.0 + 20.0 * k as f32, 100.0, 400.0);
        }
        for x in [100.0, 250.0, 400.0] {
            vline(&mut first, x, 700.0, 740.0);
        }
        text(&mut first, 105.0, 715.0, "甲");
        text(&mut first, 255.0, 715.0, "1");
        text(&mut first, 105.0, 735.0, "乙");
        text(&mut first, 255.0, 735.0, "2");
        let mut next = Page {
            height: 842.0,
            ..Page::default()
        };
        text(&mut next, 100.0, 95.0, "四、政府信息公开行政复议");
        for k in 0..3 {
            hline(&mut next, 100.0 + 20.0 * k as f32, 100.0, 400.0);
        }
        for x in [100.0, 175.0, 325.0, 400.0] {
            vline(&mut next, x, 100.0, 140.0);
        }
        text(&mut next, 105.0, 115.0, "维持");
        text(&mut next, 180.0, 115.0, "纠正");
        text(&mut next, 330.0, 115.0, "总计");
        text(&mut next, 330.0, 135.0, "5");
        let rows: Vec<Vec<String>> = pieces(&[first, next])
            .into_iter()
            .filter_map(|p| match p {
                Piece::Row(cells) => Some(cells),
                Piece::Paragraph(_) => None,
            })
            .collect();
        assert_eq!(
            rows,
            [
                vec!["甲", "1"],
                vec!["乙", "2"],
                vec!["维持", "纠正", "总计"],
                vec!["", "", "5"],
            ]
        );
    }

    #[test]
    fn a_frame_round_the_page_is_not_a_table() {
        let mut page = Page {
            height: 842.0,
            ..Page::default()
        };
        hline(&mut page, 20.0, 20.0, 575.0);
        hline(&mut page, 820.0, 20.0, 575.0);
        vline(&mut page, 20.0, 20.0, 820.0);
        vline(&mut page, 575.0, 20.0, 820.0);
        assert!(table_parts(&page).is_empty());
    }
}
