//! PDF: the text layer as positioned glyphs, and the ruling lines tables are drawn with.
//!
//! Only what reading a report needs is interpreted: the text-showing operators with the
//! text and graphics state they depend on, path construction and painting (for the rules of
//! tables), and form `XObject`s. Fonts are decoded through their `ToUnicode` maps, or through
//! the predefined Chinese encodings (GBK, UCS-2) when a font has none. `layout` turns the
//! glyphs and rules into the lines every other format becomes.
//!
//! The file is parsed by `lopdf`; a PDF is hostile input, so every lookup that can fail is
//! a skipped glyph or operator, never a panic, and decompression is capped.

use std::collections::HashMap;
use std::io::Read as _;

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::ImportError;
use font::Font;

mod font;

/// The most text (decompressed content streams and font maps) read from one PDF.
const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Nested form `XObject`s followed at most.
const MAX_FORM_DEPTH: usize = 8;
/// Saved graphics states kept at most (`q` without `Q`).
const MAX_STATE_DEPTH: usize = 64;
/// Entries a font's character map may define.
const MAX_CMAP_ENTRIES: usize = 1 << 17;

/// One character as printed: where its baseline starts, how far it advances, its size; in
/// points, from the page's top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub c: char,
}

/// A straight line drawn on the page (a stroke, or a thin filled rectangle), in points
/// from the top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// What a page shows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Images drawn (a page that is only an image is a scan).
    pub n_images: usize,
}

/// Every page of a PDF, and notes on what could not be read.
pub(crate) fn pages(bytes: &[u8]) -> Result<(Vec<Page>, Vec<String>), ImportError> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(ImportError::NotPdf("文件头不是“%PDF-”".to_owned()));
    }
    let doc = Document::load_mem(bytes).map_err(|e| ImportError::NotPdf(pdf_error(&e)))?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(ImportError::PdfEncrypted);
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(ImportError::NotPdf("文件中找不到任何页面".to_owned()));
    }
    let mut reader = Reader {
        doc: &doc,
        fonts: HashMap::new(),
        budget: MAX_STREAM_BYTES,
        notes: Vec::new(),
    };
    let mut pages = Vec::with_capacity(page_ids.len());
    for (number, id) in page_ids {
        pages.push(reader.page(number, id));
    }
    Ok((pages, reader.notes))
}

/// lopdf's error in words a user can act on.
fn pdf_error(e: &lopdf::Error) -> String {
    match e {
        lopdf::Error::Xref(_) | lopdf::Error::Parse(_) | lopdf::Error::MissingXrefEntry => {
            "文件不完整或已损坏（找不到交叉引用表），可能下载未完成".to_owned()
        }
        lopdf::Error::IO(_) => "文件无法读取".to_owned(),
        other => format!("文件已损坏（详情：{other}）"),
    }
}

/// A 2-D affine transform `[a b c d e f]`, as PDF writes them (row vectors).
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The graphics and text state that `q`/`Q` save.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<ObjectId>,
    /// A font given inline in the resources rather than by reference (rare).
    font_name: Vec<u8>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> Self {
        Self {
            ctm: IDENTITY,
            font: None,
            font_name: Vec::new(),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Reads pages, keeping decoded fonts across them.
struct Reader<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Font>,
    /// Bytes of streams still allowed.
    budget: u64,
    notes: Vec<String>,
}

/// One page being read.
struct PageRun {
    page: Page,
    /// Flips PDF space (origin bottom left, y up) to the page's top left, y down.
    flip: Matrix,
    state: State,
    stack: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Segment>,
    /// Where each subpath of `path` begins (a path may hold many rectangles).
    subpaths: Vec<usize>,
    /// Start of the current subpath and the current point, in device space.
    start: (f32, f32),
    current: (f32, f32),
    /// Fonts named in the resources being used, by resource name.
    font_names: HashMap<Vec<u8>, ObjectId>,
    /// Fonts given inline, decoded once.
    inline_fonts: HashMap<Vec<u8>, Font>,
}

impl<'a> Reader<'a> {
    fn page(&mut self, number: u32, id: ObjectId) -> Page {
        let Ok(dict) = self.doc.get_dictionary(id) else {
            self.notes.push(format!("PDF第{number}页无法读取，已跳过"));
            return Page::default();
        };
        let media = inherited(self.doc, dict, b"MediaBox")
            .and_then(|o| numbers(self.doc, o))
            .filter(|v| v.len() == 4)
            .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
        let (left, bottom, top) = (media[0], media[1], media[3]);
        let mut run = PageRun {
            page: Page {
                height: (top - bottom).abs(),
                ..Page::default()
            },
            flip: [1.0, 0.0, 0.0, -1.0, -left, top],
            state: State::default(),
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
            subpaths: Vec::new(),
            start: (0.0, 0.0),
            current: (0.0, 0.0),
            font_names: HashMap::new(),
            inline_fonts: HashMap::new(),
        };
        let resources =
            inherited(self.doc, dict, b"Resources").and_then(|o| deref_dict(self.doc, o));
        let mut content = Vec::new();
        for stream_id in self.doc.get_page_contents(id) {
            if let Some(bytes) = self.stream_bytes(stream_id) {
                content.extend_from_slice(&bytes);
                content.push(b'\n');
            }
        }
        self.run(&mut run, &content, resources, 0, number);
        run.page
    }

    /// The decompressed bytes of a stream, within the budget.
    fn stream_bytes(&mut self, id: ObjectId) -> Option<Vec<u8>> {
        let stream = self.doc.get_object(id).ok()?.as_stream().ok()?;
        self.decompress(stream)
    }

    fn decompress(&mut self, stream: &lopdf::Stream) -> Option<Vec<u8>> {
        let had_budget = self.budget > 0;
        let bytes = inflate(stream, &mut self.budget);
        if bytes.is_none() && had_budget && self.budget == 0 {
            self.notes
                .push("PDF的内容解压后过大，超出的部分没有读取".to_owned());
        }
        bytes
    }

    /// Interprets a content stream.
    fn run(
        &mut self,
        run: &mut PageRun,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
        number: u32,
    ) {
        let Ok(content) = lopdf::content::Content::decode(content) else {
            self.notes
                .push(format!("PDF第{number}页的内容有误，只读取了能读的部分"));
            return;
        };
        // The fonts of these resources, by name (restored after a form XObject).
        let saved_names = std::mem::take(&mut run.font_names);
        self.name_fonts(run, resources);
        for op in &content.operations {
            match op.operator.as_str() {
                "q" | "Q" | "cm" => run.graphics_state(op),
                "BT" | "Tf" | "Tc" | "Tw" | "Tz" | "TL" | "Ts" | "Td" | "TD" | "Tm" | "T*" => {
                    run.text_state(op);
                }
                "Tj" | "'" | "\"" | "TJ" => self.show_text(run, op),
                "m" | "l" | "c" | "v" | "y" | "h" | "re" => run.build_path(op),
                "S" | "s" | "B" | "B*" | "b" | "b*" | "f" | "F" | "f*" | "n" => run.paint_path(op),
                "Do" => {
                    let name = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default();
                    self.draw_object(run, resources, name, depth, number);
                }
                "BI" | "ID" | "EI" => run.page.n_images += 1,
                _ => {}
            }
        }
        run.font_names = saved_names;
    }

    /// Names the fonts of `resources` for `Tf`: fonts given by reference by their id, fonts
    /// given inline decoded (once a page).
    fn name_fonts(&mut self, run: &mut PageRun, resources: Option<&'a Dictionary>) {
        let Some(fonts) = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|o| deref_dict(self.doc, o))
        else {
            return;
        };
        for (name, font) in fonts.iter() {
            match font {
                Object::Reference(id) => {
                    run.font_names.insert(name.clone(), *id);
                }
                Object::Dictionary(dict) if !run.inline_fonts.contains_key(name) => {
                    let font = Font::read(self.doc, dict, &mut self.budget);
                    run.inline_fonts.insert(name.clone(), font);
                }
                _ => {}
            }
        }
    }

    /// The text-showing operators: `Tj`, `'` and `"` (which first move to the next line),
    /// and `TJ` with its position adjustments.
    fn show_text(&mut self, run: &mut PageRun, op: &Operation) {
        match op.operator.as_str() {
            "Tj" => self.show(run, op.operands.first()),
            "'" => {
                let leading = run.state.leading;
                run.next_line(0.0, -leading);
                self.show(run, op.operands.first());
            }
            "\"" => {
                run.state.word_spacing = operand(op, 0);
                run.state.char_spacing = operand(op, 1);
                let leading = run.state.leading;
                run.next_line(0.0, -leading);
                self.show(run, op.operands.get(2));
            }
            "TJ" => {
                let Some(Ok(items)) = op.operands.first().map(Object::as_array) else {
                    return;
                };
                for item in items {
                    if let Some(adjust) = number_of(item) {
                        let tx = -adjust / 1000.0 * run.state.size * run.state.scale;
                        run.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
                    } else {
                        self.show(run, Some(item));
                    }
                }
            }
            _ => {}
        }
    }

    /// A form `XObject` is read like the page; an image is counted.
    fn draw_object(
        &mut self,
        run: &mut PageRun,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
        number: u32,
    ) {
        let Some(object) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref_dict(self.doc, o))
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let Some(stream) = (match object {
            Object::Reference(id) => self
                .doc
                .get_object(*id)
                .ok()
                .and_then(|o| o.as_stream().ok()),
            Object::Stream(s) => Some(s),
            _ => None,
        }) else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => run.page.n_images += 1,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let Some(bytes) = self.decompress(stream) else {
                    return;
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| numbers(self.doc, o))
                    .filter(|v| v.len() == 6)
                    .map_or(IDENTITY, |v| [v[0], v[1], v[2], v[3], v[4], v[5]]);
                let inner = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref_dict(self.doc, o))
                    .or(resources);
                let saved = run.state.clone();
                let (tm, tlm) = (run.tm, run.tlm);
                run.state.ctm = mul(&matrix, &run.state.ctm);
                self.run(run, &bytes, inner, depth + 1, number);
                run.state = saved;
                run.tm = tm;
                run.tlm = tlm;
            }
            _ => {}
        }
    }

    /// Shows a string: one glyph per character code, advancing the text matrix.
    fn show(&mut self, run: &mut PageRun, operand: Option<&Object>) {
        let Some(Object::String(bytes, _)) = operand else {
            return;
        };
        let font = match run.state.font {
            Some(id) => {
                if !self.fonts.contains_key(&id) {
                    let font = self
                        .doc
                        .get_dictionary(id)
                        .map(|d| Font::read(self.doc, d, &mut self.budget))
                        .unwrap_or_default();
                    self.fonts.insert(id, font);
                }
                self.fonts.get(&id)
            }
            None => run.inline_fonts.get(&run.state.font_name),
        };
        let fallback = Font::default();
        let font = font.unwrap_or(&fallback);
        let state = &run.state;
        let text_space = [
            state.size * state.scale,
            0.0,
            0.0,
            state.size,
            0.0,
            state.rise,
        ];
        let mut decoded = Vec::new();
        font.codes(bytes, &mut decoded);
        for (code, n_bytes) in decoded {
            let trm = mul(&mul(&text_space, &run.tm), &state.ctm);
            let device = mul(&trm, &run.flip);
            let width = font.width(code, n_bytes) / 1000.0;
            let mut tx = width * state.size + state.char_spacing;
            if n_bytes == 1 && code == 32 {
                tx += state.word_spacing;
            }
            tx *= state.scale;
            let size = (device[0] * device[3] - device[1] * device[2]).abs().sqrt();
            let glyph_w = width * size;
            let chars = font.text(code, n_bytes);
            let n_chars = chars.chars().count().max(1) as f32;
            for (i, c) in chars.chars().enumerate() {
                if c.is_control() {
                    continue;
                }
                run.page.glyphs.push(Glyph {
                    x: device[4] + glyph_w * i as f32 / n_chars,
                    y: device[5],
                    w: glyph_w / n_chars,
                    size,
                    c,
                });
            }
            run.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &run.tm);
        }
    }
}

impl PageRun {
    /// `q`, `Q` and `cm`: saves the graphics state (up to a depth), restores it, or
    /// transforms its coordinates.
    fn graphics_state(&mut self, op: &Operation) {
        let n = |i: usize| operand(op, i);
        match op.operator.as_str() {
            "q" if self.stack.len() < MAX_STATE_DEPTH => {
                self.stack.push(self.state.clone());
            }
            "Q" => {
                if let Some(state) = self.stack.pop() {
                    self.state = state;
                }
            }
            "cm" => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.state.ctm = mul(&m, &self.state.ctm);
            }
            _ => {}
        }
    }

    /// The operators that set the text state (`Tf`, `Tc`, `Tw`, `Tz`, `TL`, `Ts`) or
    /// position text (`BT`, `Td`, `TD`, `Tm`, `T*`).
    fn text_state(&mut self, op: &Operation) {
        let n = |i: usize| operand(op, i);
        match op.operator.as_str() {
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                let name = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default();
                self.state.font = self.font_names.get(name).copied();
                self.state.font_name = name.to_vec();
                self.state.size = n(1);
            }
            "Tc" => self.state.char_spacing = n(0),
            "Tw" => self.state.word_spacing = n(0),
            "Tz" => self.state.scale = n(0) / 100.0,
            "TL" => self.state.leading = n(0),
            "Ts" => self.state.rise = n(0),
            "Td" => self.next_line(n(0), n(1)),
            "TD" => {
                self.state.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            "Tm" => {
                self.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.tm = self.tlm;
            }
            "T*" => {
                let leading = self.state.leading;
                self.next_line(0.0, -leading);
            }
            _ => {}
        }
    }

    /// Path construction: `m`, `l`, `h` and `re` make segments; curves (`c`, `v`, `y`) only
    /// move the current point (tables are not drawn with them).
    fn build_path(&mut self, op: &Operation) {
        let n = |i: usize| operand(op, i);
        match op.operator.as_str() {
            "m" => {
                let p = self.device(n(0), n(1));
                self.subpaths.push(self.path.len());
                self.start = p;
                self.current = p;
            }
            "l" => {
                let p = self.device(n(0), n(1));
                self.line_to(p);
            }
            "c" => self.current = self.device(n(4), n(5)),
            "v" | "y" => self.current = self.device(n(2), n(3)),
            "h" => {
                let start = self.start;
                self.line_to(start);
            }
            "re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                let p: Vec<(f32, f32)> = corners.iter().map(|&(a, b)| self.device(a, b)).collect();
                self.subpaths.push(self.path.len());
                self.start = p[0];
                self.current = p[0];
                for &q in &p[1..] {
                    self.line_to(q);
                }
                self.line_to(p[0]);
            }
            _ => {}
        }
    }

    /// Path painting: a stroke draws every segment, a fill the rules of its thin
    /// rectangles; `n` ends the path unpainted.
    fn paint_path(&mut self, op: &Operation) {
        match op.operator.as_str() {
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                if op.operator == "s" || op.operator.starts_with('b') {
                    let start = self.start;
                    self.line_to(start);
                }
                let path = std::mem::take(&mut self.path);
                self.subpaths.clear();
                self.page.segments.extend(path);
            }
            "f" | "F" | "f*" => {
                // Each rectangle of the path on its own (Word fills many borders at once).
                let path = std::mem::take(&mut self.path);
                let mut starts = std::mem::take(&mut self.subpaths);
                if starts.first() != Some(&0) {
                    starts.insert(0, 0);
                }
                starts.push(path.len());
                for w in starts.windows(2) {
                    let sub = path.get(w[0]..w[1]).unwrap_or_default();
                    self.page.segments.extend(thin_fill(sub));
                }
            }
            "n" => {
                self.path.clear();
                self.subpaths.clear();
            }
            _ => {}
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    /// A point of user space on the page (top left origin).
    fn device(&self, x: f32, y: f32) -> (f32, f32) {
        apply(&mul(&self.state.ctm, &self.flip), x, y)
    }

    fn line_to(&mut self, p: (f32, f32)) {
        let (x0, y0) = self.current;
        if (x0, y0) != p {
            self.path.push(Segment {
                x0,
                y0,
                x1: p.0,
                y1: p.1,
            });
        }
        self.current = p;
    }
}

/// Operand `i` of an operator as a number (0 when it is missing or not a number).
fn operand(op: &Operation, i: usize) -> f32 {
    op.operands.get(i).and_then(number_of).unwrap_or(0.0)
}

/// The decompressed bytes of a stream, counted against `budget` (which drops to zero, and
/// nothing is returned, when the stream would exceed it).
fn inflate(stream: &lopdf::Stream, budget: &mut u64) -> Option<Vec<u8>> {
    let filters = stream.filters().unwrap_or_default();
    let limit = budget.saturating_add(1);
    let bytes = if filters.is_empty() {
        stream.content.clone()
    } else if filters == [b"FlateDecode".as_slice()] {
        let mut out = Vec::new();
        let read = flate2::read::ZlibDecoder::new(stream.content.as_slice())
            .take(limit)
            .read_to_end(&mut out);
        if read.is_err() && out.is_empty() {
            // A stream with a bad checksum still has its data: read it as raw deflate.
            let raw = stream.content.get(2..)?;
            flate2::read::DeflateDecoder::new(raw)
                .take(limit)
                .read_to_end(&mut out)
                .ok()?;
        }
        out
    } else {
        stream.decompressed_content().ok()?
    };
    let n = bytes.len() as u64;
    if n > *budget {
        *budget = 0;
        return None;
    }
    *budget -= n;
    Some(bytes)
}

/// A filled path draws a rule when it is a thin rectangle (how Word and WPS draw cell
/// borders): its centre line. Larger fills (shading, backgrounds) draw none.
fn thin_fill(path: &[Segment]) -> Option<Segment> {
    let xs = path.iter().flat_map(|s| [s.x0, s.x1]);
    let ys = path.iter().flat_map(|s| [s.y0, s.y1]);
    let (x0, x1) = xs.fold((f32::MAX, f32::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if path.is_empty() || path.len() > 5 {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= 2.5 && w > h {
        let y = (y0 + y1) / 2.0;
        Some(Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        })
    } else if w <= 2.5 && h > w {
        let x = (x0 + x1) / 2.0;
        Some(Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        })
    } else {
        None
    }
}

fn number_of(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(n) => Some(*n as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, object).and_then(|o| o.as_dict().ok())
}

fn numbers(doc: &Document, object: &Object) -> Option<Vec<f32>> {
    let array = deref(doc, object)?.as_array().ok()?;
    Some(
        array
            .iter()
            .filter_map(|o| deref(doc, o).and_then(number_of))
            .collect(),
    )
}

/// A page attribute, inherited from the page tree when the page does not set it.
fn inherited<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = dict;
    for _ in 0..32 {
        if let Ok(value) = dict.get(key) {
            return Some(value);
        }
        dict = dict.get(b"Parent").ok().and_then(|o| deref_dict(doc, o))?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_rectangles_are_rules_and_shading_is_not() {
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| {
            vec![
                Segment { x0, y0, x1, y1: y0 },
                Segment { x0: x1, y0, x1, y1 },
                Segment {
                    x0: x1,
                    y0: y1,
                    x1: x0,
                    y1,
                },
                Segment {
                    x0,
                    y0: y1,
                    x1: x0,
                    y1: y0,
                },
            ]
        };
        assert_eq!(
            thin_fill(&rect(10.0, 100.0, 200.0, 100.5)),
            Some(Segment {
                x0: 10.0,
                y0: 100.25,
                x1: 200.0,
                y1: 100.25
            })
        );
        assert!(thin_fill(&rect(10.0, 100.0, 200.0, 150.0)).is_none());
    }
}
