//! Web pages: a forgiving HTML reader (unclosed `<p>`, `<td>` and `<tr>`, stray end tags,
//! scripts) that builds a small element tree, then lays each data table's cells on its grid
//! (`rowspan`, `colspan`) and turns everything else into paragraphs. A table used only for
//! page layout (one holding another table, or whole paragraphs in one or two columns) is
//! read as the paragraphs it holds.

use super::source::{MAX_COLUMNS, Piece};

/// Most elements kept: a report page has a few thousand; far more is not a report.
const MAX_NODES: usize = 2_000_000;
/// Deepest nesting kept (deeper elements join their ancestor at this depth).
const MAX_DEPTH: usize = 128;

/// Elements that never have content.
const VOID: [&str; 12] = [
    "br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source", "param",
];
/// Elements whose content is not markup.
const RAW: [&str; 5] = ["script", "style", "textarea", "title", "noscript"];
/// Table structure: end tags of other elements do not close across these.
const TABLE_PARTS: [&str; 7] = ["table", "tbody", "thead", "tfoot", "tr", "td", "th"];
/// Elements that start a new paragraph.
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "form",
    "title",
    "main",
    "nav",
    "aside",
];
/// Elements not shown.
const HIDDEN: [&str; 5] = ["script", "style", "noscript", "head", "template"];

#[derive(Debug)]
enum Node {
    Text(String),
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<usize>,
    },
}

/// The page as an arena of nodes; node 0 is the root.
struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    fn children(&self, id: usize) -> &[usize] {
        match &self.nodes[id] {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    fn name(&self, id: usize) -> &str {
        match &self.nodes[id] {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match &self.nodes[id] {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    fn push(&mut self, parent: usize, node: Node) -> usize {
        if self.nodes.len() >= MAX_NODES {
            // Past the cap, text still joins the last element; markup is dropped.
            if let (Node::Text(t), Some(Node::Text(last))) = (&node, self.nodes.last_mut()) {
                last.push_str(t);
            }
            return self.nodes.len() - 1;
        }
        let id = self.nodes.len();
        self.nodes.push(node);
        if let Node::Element { children, .. } = &mut self.nodes[parent] {
            children.push(id);
        }
        id
    }

    /// The visible text under a node, whitespace collapsed, without separators.
    fn text(&self, id: usize, out: &mut String) {
        match &self.nodes[id] {
            Node::Text(t) => push_collapsed(out, t),
            Node::Element { name, children, .. } => {
                if HIDDEN.contains(&name.as_str()) {
                    return;
                }
                for &c in children {
                    self.text(c, out);
                }
            }
        }
    }

    /// Descendant elements named `name`, not looking inside nested tables.
    fn find_in_table(&self, id: usize, name: &str, out: &mut Vec<usize>) {
        for &c in self.children(id) {
            let n = self.name(c);
            if n == name {
                out.push(c);
            } else if n != "table" {
                self.find_in_table(c, name, out);
            }
        }
    }

    /// The cells (`td`, `th`) of a row in order, also inside a stray wrapper (`<tr><font><td>`),
    /// not inside nested tables.
    fn cells(&self, row: usize, out: &mut Vec<usize>) {
        for &c in self.children(row) {
            match self.name(c) {
                "td" | "th" => out.push(c),
                "table" => {}
                _ => self.cells(c, out),
            }
        }
    }

    fn contains(&self, id: usize, name: &str) -> bool {
        self.children(id)
            .iter()
            .any(|&c| self.name(c) == name || self.contains(c, name))
    }
}

/// Appends text with runs of whitespace as one space (none at the start).
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// The page's paragraphs and table rows, in order.
pub(crate) fn pieces(html: &str) -> Vec<Piece> {
    let tree = parse(html);
    let mut flow = Flow::default();
    walk(&tree, 0, &mut flow);
    flow.flush();
    flow.pieces
}

/// Paragraphs being collected.
#[derive(Default)]
struct Flow {
    pieces: Vec<Piece>,
    current: String,
}

impl Flow {
    fn flush(&mut self) {
        let text = self.current.trim();
        if !text.is_empty() {
            self.pieces.push(Piece::Paragraph(text.to_owned()));
        }
        self.current.clear();
    }
}

fn walk(tree: &Tree, id: usize, flow: &mut Flow) {
    match &tree.nodes[id] {
        Node::Text(t) => push_collapsed(&mut flow.current, t),
        Node::Element { name, children, .. } => {
            let name = name.as_str();
            if HIDDEN.contains(&name) {
                // The page title, when the body does not repeat it, names agency and year.
                if name == "head" {
                    let mut titles = Vec::new();
                    tree.find_in_table(id, "title", &mut titles);
                    for t in titles {
                        tree.text(t, &mut flow.current);
                        flow.flush();
                    }
                }
                return;
            }
            if name == "br" {
                flow.flush();
                return;
            }
            if name == "table" && !is_layout(tree, id) {
                flow.flush();
                table_rows(tree, id, &mut flow.pieces);
                return;
            }
            let is_block = BLOCKS.contains(&name) || name == "td" || name == "th";
            if is_block {
                flow.flush();
            }
            for &c in children {
                walk(tree, c, flow);
            }
            if is_block {
                flow.flush();
            }
        }
    }
}

/// Whether a table only lays out the page: it holds another table, or its rows have at
/// most two cells and hold whole paragraphs.
fn is_layout(tree: &Tree, table: usize) -> bool {
    if tree.contains(table, "table") {
        return true;
    }
    let mut rows = Vec::new();
    tree.find_in_table(table, "tr", &mut rows);
    let widest = rows
        .iter()
        .map(|&r| {
            let mut cells = Vec::new();
            tree.find_in_table(r, "td", &mut cells);
            tree.find_in_table(r, "th", &mut cells);
            cells.len()
        })
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    tree.text(table, &mut text);
    widest <= 2 && text.chars().count() > 200
}

/// A data table's rows, each cell at its grid column (rowspan and colspan continuations
/// are empty).
fn table_rows(tree: &Tree, table: usize, pieces: &mut Vec<Piece>) {
    let mut rows = Vec::new();
    tree.find_in_table(table, "tr", &mut rows);
    // Rows still covered by a rowspan from above, per grid column.
    let mut covered: Vec<usize> = Vec::new();
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        tree.cells(row, &mut cells);
        let mut out: Vec<String> = Vec::new();
        let mut col = 0;
        let place = |out: &mut Vec<String>, col: &mut usize, covered: &mut Vec<usize>| {
            while covered.get(*col).is_some_and(|n| *n > 0) {
                covered[*col] -= 1;
                out.push(String::new());
                *col += 1;
            }
        };
        for cell in cells {
            if col >= MAX_COLUMNS {
                break;
            }
            place(&mut out, &mut col, &mut covered);
            let span = |key: &str| -> usize {
                tree.attr(cell, key)
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64)
            };
            let (col_span, row_span) = (span("colspan"), span("rowspan"));
            let mut text = String::new();
            tree.text(cell, &mut text);
            out.push(text.trim().to_owned());
            out.extend(std::iter::repeat_n(String::new(), col_span - 1));
            if covered.len() < col + col_span {
                covered.resize(col + col_span, 0);
            }
            for c in &mut covered[col..col + col_span] {
                *c = row_span - 1;
            }
            col += col_span;
        }
        // Columns this row does not reach are still covered from above: count them down.
        while col < covered.len() {
            if covered[col] > 0 {
                covered[col] -= 1;
            }
            out.push(String::new());
            col += 1;
        }
        grid.push(out);
    }
    // A row that leaves out its trailing cells keeps its values in their columns.
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for mut row in grid {
        row.resize(width, String::new());
        pieces.push(Piece::Row(row));
    }
}

/// Builds the element tree, closing what HTML lets authors leave open.
fn parse(html: &str) -> Tree {
    let mut tree = Tree {
        nodes: vec![Node::Element {
            name: "#root".to_owned(),
            attrs: Vec::new(),
            children: Vec::new(),
        }],
    };
    let mut open: Vec<usize> = vec![0];
    let bytes = html.as_bytes();
    // The last 「>」: no tag can end after it, so a page of lone 「<」 stays linear.
    let next_gt = html.rfind('>');
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let parent = open.last().copied().unwrap_or(0);
        if text_start < i {
            tree.push(parent, Node::Text(decode_entities(&html[text_start..i])));
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        let Some(end) = next_gt.filter(|&g| g > i).and_then(|_| tag_end(rest)) else {
            // A lone 「<」 in text.
            text_start = i;
            i += 1;
            continue;
        };
        let tag = &rest[1..end];
        i += end + 1;
        text_start = i;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            close_element(&tree, &mut open, name);
            continue;
        }
        if let Some(after_raw) = open_element(&mut tree, &mut open, tag, html, i) {
            i = after_raw;
            text_start = i;
        }
    }
    if text_start < bytes.len() {
        let parent = open.last().copied().unwrap_or(0);
        tree.push(parent, Node::Text(decode_entities(&html[text_start..])));
    }
    tree
}

/// An end tag: closes up to the matching element, if it is open and not beyond a table
/// boundary (a stray </font> must not close the table around it).
fn close_element(tree: &Tree, open: &mut Vec<usize>, name: &str) {
    let name = name.trim().to_ascii_lowercase();
    let is_table_part = TABLE_PARTS.contains(&name.as_str());
    let at = open.iter().rposition(|&n| {
        let open_name = tree.name(n);
        open_name == name || (!is_table_part && TABLE_PARTS.contains(&open_name))
    });
    if let Some(at) = at
        && at > 0
        && tree.name(open[at]) == name
    {
        open.truncate(at);
    }
}

/// A start tag (`tag`, between its brackets, in `html` before `at`): the element is added
/// where it belongs, and stays open unless it is empty. For an element of raw text
/// (`script`, `style`), where reading resumes after its end tag.
fn open_element(
    tree: &mut Tree,
    open: &mut Vec<usize>,
    tag: &str,
    html: &str,
    at: usize,
) -> Option<usize> {
    let (name, attrs, self_closing) = start_tag(tag);
    if name.is_empty() {
        return None;
    }
    // Anything shown closes an unclosed <head> (<body> may be left out too).
    if (name == "body" || (BLOCKS.contains(&name.as_str()) && name != "title"))
        && let Some(head) = open.iter().position(|&n| tree.name(n) == "head")
    {
        open.truncate(head);
    }
    implicit_close(tree, open, &name);
    let parent = open.last().copied().unwrap_or(0);
    let id = tree.push(
        parent,
        Node::Element {
            name: name.clone(),
            attrs,
            children: Vec::new(),
        },
    );
    if RAW.contains(&name.as_str()) {
        return Some(raw_text(tree, id, &name, html, at));
    }
    if !self_closing && !VOID.contains(&name.as_str()) && open.len() < MAX_DEPTH {
        open.push(id);
    }
    None
}

/// The text of raw-text element `id` (named `name`), from `at` up to its end tag; where
/// reading resumes, after that tag.
fn raw_text(tree: &mut Tree, id: usize, name: &str, html: &str, at: usize) -> usize {
    let close = format!("</{name}");
    let raw_end =
        find_ignoring_case(&html.as_bytes()[at..], close.as_bytes()).map_or(html.len(), |e| at + e);
    tree.push(id, Node::Text(decode_entities(&html[at..raw_end])));
    html[raw_end..]
        .find('>')
        .map_or(html.len(), |e| raw_end + e + 1)
}

/// Where a tag that starts `rest` ends (its `>`), minding quoted attribute values (a quote
/// right after 「=」); with an unclosed quote, the first 「>」.
fn tag_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let second = bytes.get(1)?;
    if !(second.is_ascii_alphabetic() || matches!(second, b'/' | b'!' | b'?')) {
        return None;
    }
    let mut quote = None;
    let mut after_equals = false;
    for (at, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') if after_equals => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(at),
            _ => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.iter().position(|&b| b == b'>')
}

/// Where `needle` (ASCII) first occurs in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// A start tag's name, attributes and whether it closes itself (`<br/>`).
fn start_tag(tag: &str) -> (String, Vec<(String, String)>, bool) {
    let self_closing = tag.ends_with('/');
    let tag = tag.trim_end_matches('/');
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or_default())
                }
                _ => {
                    let close = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = decode_entities(v);
            rest = remaining.trim_start();
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
        if key_end == 0 && !rest.is_empty() {
            // Not an attribute (a stray quote): skip a character.
            let skip = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[skip..];
        }
    }
    (name, attrs, self_closing)
}

/// Closes what a new element ends by HTML's rules: a `<p>` closes an open `<p>`; a cell
/// closes the open cell; a row closes the open row; a list item, the open item. Never
/// across a table boundary.
fn implicit_close(tree: &Tree, open: &mut Vec<usize>, name: &str) {
    let (closes, stops): (&[&str], &[&str]) = match name {
        "p" | "div" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" => {
            (&["p"], &["td", "th", "table", "div", "li"])
        }
        "td" | "th" => (&["td", "th", "p"], &["tr", "table"]),
        "tr" => (
            &["tr", "td", "th", "p"],
            &["table", "tbody", "thead", "tfoot"],
        ),
        "tbody" | "thead" | "tfoot" => (
            &["tbody", "thead", "tfoot", "tr", "td", "th", "p"],
            &["table"],
        ),
        "li" => (&["li", "p"], &["ul", "ol", "table"]),
        _ => return,
    };
    while let Some(&top) = open.last() {
        let top_name = tree.name(top);
        if closes.contains(&top_name) && open.len() > 1 {
            open.pop();
        } else if stops.contains(&top_name) || top == 0 {
            return;
        } else {
            // Something else is open (a <span>, a <font>): look through it only if a
            // closable element lies below before a boundary.
            let below = open.iter().rev().skip(1).find(|&&n| {
                let n = tree.name(n);
                closes.contains(&n) || stops.contains(&n)
            });
            match below {
                Some(&n) if closes.contains(&tree.name(n)) => {
                    while open.last().is_some_and(|&t| t != n) {
                        open.pop();
                    }
                }
                _ => return,
            }
        }
    }
}

/// Decodes character references: named ones reports use, and numeric ones.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Piece {
        Piece::Row(cells.iter().map(|c| (*c).to_owned()).collect())
    }

    #[test]
    fn rowspan_and_colspan_keep_grid_positions() {
        let html = r#"<html><head><title>某区2024年报告</title><script>var a = "<td>";</script></head>
            <body><p>前言&nbsp;一段<br>第二行<p>未闭合的段落
            <table border=1>
              <tr><td rowspan="2">三、本年度办理结果<td colspan=2>（一）予以公开<td>3<td></tr>
              <tr><td>（三）不予公开</td><td>1.属于</td><td>0</td><td>5</td></tr>
              <tr><td colspan="3">四、结转</td><td>1</td><td>2</td>
            </table>
            <div>结尾 &amp; &#x4e00;&#20108;</div></body></html>"#;
        assert_eq!(
            pieces(html),
            [
                Piece::Paragraph("某区2024年报告".to_owned()),
                Piece::Paragraph("前言 一段".to_owned()),
                Piece::Paragraph("第二行".to_owned()),
                Piece::Paragraph("未闭合的段落".to_owned()),
                row(&["三、本年度办理结果", "（一）予以公开", "", "3", ""]),
                row(&["", "（三）不予公开", "1.属于", "0", "5"]),
                row(&["四、结转", "", "", "1", "2"]),
                Piece::Paragraph("结尾 & 一二".to_owned()),
            ]
        );
    }

    #[test]
    fn rowspans_end_where_they_end_and_short_rows_keep_columns() {
        let html = "<table>
            <tr><td>a<td>b<td rowspan=2>c</tr>
            <tr><td>x</tr>
            <tr><font><td>p</font><td>q<td>r</tr>
            <tr><td>s</tr>
            </table>";
        assert_eq!(
            pieces(html),
            [
                row(&["a", "b", "c"]),
                row(&["x", "", ""]),
                row(&["p", "q", "r"]),
                row(&["s", "", ""]),
            ]
        );
    }

    #[test]
    fn an_unclosed_head_and_stray_end_tags_lose_nothing() {
        let html = "<html><head><title>标题</title><body><p>正文</p>
            <table><tr><td>一<td><font>2</td><td>3</font></td></tr>
            <tr><td>二<td>4<td>5</tr></table><p alt=Tom's>尾</p>";
        assert_eq!(
            pieces(html),
            [
                Piece::Paragraph("标题".to_owned()),
                Piece::Paragraph("正文".to_owned()),
                row(&["一", "2", "3"]),
                row(&["二", "4", "5"]),
                Piece::Paragraph("尾".to_owned()),
            ]
        );
    }

    #[test]
    fn hostile_pages_stay_linear() {
        let lone = "<a".repeat(200_000);
        assert_eq!(pieces(&lone).len(), 1);
        let styles = "<style></style>".repeat(50_000);
        assert!(pieces(&styles).is_empty());
        let deep = "<div>".repeat(100_000) + "深";
        assert_eq!(pieces(&deep), [Piece::Paragraph("深".to_owned())]);
    }

    #[test]
    fn layout_tables_are_read_as_paragraphs() {
        let long = "政府信息公开工作".repeat(30);
        let html = format!("<table><tr><td><p>一、总体情况</p><p>{long}</p></td></tr></table>");
        assert_eq!(
            pieces(&html),
            [
                Piece::Paragraph("一、总体情况".to_owned()),
                Piece::Paragraph(long),
            ]
        );
    }
}
