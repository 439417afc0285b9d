//! The mandated report template, as data: sections, narrative parts, tables and rules.
//!
//! A [`Template`] is made only by [`load`], from a `templates/*.ron` file (the two mandated
//! formats are embedded, see [`builtin`]). Loading resolves every reference into indices
//! and checks the template (duplicate ids, unknown references, cycles among computed cells),
//! so the engine and every view can trust it. A template is cheap to clone (shared).
//!
//! Cell ids are stable and used everywhere: `t3.new_received.natural`,
//! `t4.lit_direct.pending`, `t2.fees.amount`. See ARCHITECTURE.md.

mod check;
mod load;
mod schema;

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

pub use check::{
    BalanceColumn, Check, Claim, InForceRow, NarrativeFigures, Quantity, Rule, YearFigure,
};
pub(crate) use load::ron_message;
pub use load::{TemplateError, load};
pub use schema::{Basis, MonthDay, YearRange};

use crate::finding::Target;
use crate::number::Kind;

/// The 2021 format (国办公开办函〔2021〕30号), for report years from 2021.
pub const TEMPLATE_2021_RON: &str = include_str!("../../templates/gov-info-disclosure-2021.ron");
/// The 2019 试行 format (国办公开办函〔2019〕60号), for report years 2019 and 2020.
pub const TEMPLATE_2019_RON: &str = include_str!("../../templates/gov-info-disclosure-2019.ron");

pub use crate::finding::CellIdx;

/// A checked template. Clone it freely: the data is shared.
#[derive(Clone, Debug)]
pub struct Template(Arc<TemplateData>);

impl Deref for Template {
    type Target = TemplateData;

    fn deref(&self) -> &TemplateData {
        &self.0
    }
}

impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.id == other.id
    }
}

/// A map from ids (short ASCII strings) with a fast, non-cryptographic hash: ids come from
/// the template and the user's own drafts, not from an adversary.
pub(crate) type IdMap<V> =
    std::collections::HashMap<String, V, std::hash::BuildHasherDefault<IdHasher>>;

/// The Fx hash (as in rustc): eight bytes at a time, a rotate, a xor and a multiply.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Everything a template describes, resolved into indices.
#[derive(Debug)]
pub struct TemplateData {
    /// Stable id, stored in drafts, e.g. `gov-info-disclosure-2021`.
    pub id: String,
    /// Name shown to users.
    pub name: String,
    /// Report years the format is for.
    pub years: YearRange,
    /// The document that sets the format.
    pub basis: Basis,
    /// 前言: optional text before section 一.
    pub preamble: Part,
    /// The six sections, in order.
    pub sections: Vec<Section>,
    /// Tables 二, 三, 四, in order.
    pub tables: Vec<Table>,
    /// Validation rules, in the order their findings are listed.
    pub rules: Vec<Rule>,
    /// Every table cell, in template order (table, block, row, column).
    pub cells: Vec<CellDef>,
    /// The figures that sum a report up, for the per-unit overview of a consolidation
    /// (新收, 办理结果, 结转下年度, 行政复议, 行政诉讼).
    pub key_figures: Vec<KeyFigure>,
    /// How table 三 is tallied from a register of applications, if the format says.
    pub register: Option<Register>,
    /// Every row group's figure per column, in template order.
    pub group_cells: Vec<GroupCell>,
    /// Cell id → index: looked up for every entry of a draft on every evaluation, so by a
    /// fast hash rather than by comparing ids.
    pub(crate) cell_by_id: IdMap<CellIdx>,
    /// Group cell id → index in `group_cells`, sorted by id.
    pub(crate) group_by_id: BTreeMap<String, usize>,
    /// Computed cells, each after every cell it sums.
    pub(crate) eval_order: Vec<CellIdx>,
    /// A number no other template loaded by this process has: what the engine's caches of
    /// per-text results are kept under (two loads of one file are two templates to them).
    pub(crate) serial: u64,
    /// Where a table label's lines may break, by label (characters before each break): the
    /// template marks them with `|` (「2.|其他|法律|行政法规|禁止公开」).
    pub word_breaks: std::collections::BTreeMap<String, Vec<usize>>,
}

pub use schema::RegisterHeaders;

/// How table 三 is tallied from a register (台账) of applications ([`crate::tally`]).
#[derive(Debug)]
pub struct Register {
    /// The table and block tallied.
    pub table: usize,
    /// The block, in the table.
    pub block: usize,
    /// Rows of the block: 本年新收.
    pub received: usize,
    /// 上年结转.
    pub carried_over: usize,
    /// 结转下年度.
    pub carried_forward: usize,
    /// The result rows (办理结果), each an outcome a register names.
    pub outcomes: Vec<Outcome>,
    /// The applicant columns.
    pub applicants: Vec<Applicant>,
    /// How registers name their columns.
    pub headers: RegisterHeaders,
}

/// A result row of table 三 as an outcome: 「（三）不予公开」「1.属于国家秘密」.
#[derive(Debug)]
pub struct Outcome {
    /// Its row in the block.
    pub row: usize,
    /// Its row id: `r3_1`.
    pub id: String,
    /// Its label: 1.属于国家秘密.
    pub label: String,
    /// Its group's label, if any: （三）不予公开.
    pub parent: String,
}

/// An applicant column of table 三 and the words registers use for it.
#[derive(Debug)]
pub struct Applicant {
    /// Its column in the block.
    pub col: usize,
    /// Its key: `natural`.
    pub key: String,
    /// Its name: 自然人.
    pub name: String,
    /// Words a register writes for it (自然人, 个人, 公民…).
    pub words: Vec<String>,
}

/// A figure that sums a report up: the sum of its cells.
#[derive(Debug)]
pub struct KeyFigure {
    /// How it is named: 新收.
    pub name: String,
    /// The cells it adds.
    pub cells: Vec<CellIdx>,
}

/// A numbered section of the report (一 … 六).
#[derive(Debug)]
pub struct Section {
    /// `s1` … `s6`.
    pub id: String,
    /// 一 … 六.
    pub number: String,
    /// Canonical heading text without the number, e.g. 总体情况.
    pub title: String,
    /// The table published in this section, as an index into [`TemplateData::tables`].
    pub table: Option<usize>,
    /// Narrative parts, in order.
    pub parts: Vec<Part>,
}

impl Section {
    /// The heading as printed: 一、总体情况.
    pub fn heading(&self) -> String {
        format!("{}、{}", self.number, self.title)
    }
}

/// A narrative text of the report, e.g. `s1.proactive` (（一）主动公开).
#[derive(Debug)]
pub struct Part {
    /// Stable id, used as the key of the draft's texts.
    pub id: String,
    /// Sub-heading, e.g. （一）主动公开.
    pub title: String,
    /// One-line guidance shown in the editor.
    pub hint: String,
    /// Whether an empty text is a finding (R15).
    pub required: bool,
    /// Whether the title is printed as a sub-heading; an untitled part is a lead paragraph.
    pub is_titled: bool,
    /// How messages name the part, e.g. 一、总体情况（一）主动公开.
    pub name: String,
}

/// One of the statistics tables.
#[derive(Debug)]
pub struct Table {
    /// `t2`, `t3`, `t4`.
    pub id: String,
    /// Index of the section it belongs to.
    pub section: usize,
    /// Title, e.g. 收到和处理政府信息公开申请情况.
    pub title: String,
    /// Short name in messages and accessibility labels: 表三.
    pub name: String,
    /// Stacked parts; tables 三 and 四 have one, table 二 has one per 条例 item.
    pub blocks: Vec<Block>,
}

/// A rectangular part of a table with its own column headers.
#[derive(Debug)]
pub struct Block {
    /// A full-width caption row above the headers, e.g. 第二十条第（一）项.
    pub caption: Option<String>,
    /// Text of the top-left header cell (over the row labels).
    pub corner: Option<String>,
    /// Number of row-label columns at the left (0 for a single unlabelled row).
    pub label_columns: usize,
    /// Number of header rows (depth of the column tree).
    pub header_rows: usize,
    /// Data columns, left to right.
    pub columns: Vec<Column>,
    /// Data rows, top to bottom.
    pub rows: Vec<Row>,
    /// Merged header cells in a grid of `header_rows` × (`label_columns` + data columns),
    /// the corner included.
    pub header: Vec<Span>,
    /// Merged row-label cells in a grid of `rows` × `label_columns`.
    pub row_labels: Vec<Span>,
    /// Cell indices, row-major: `cells[row * columns.len() + col]`.
    pub cells: Vec<CellIdx>,
    /// The row groups with an id of their own whose rows are all filled in
    /// (「（六）其他处理」), each of which a report may print as one row ([`GroupCell`]).
    pub groups: Vec<RowGroup>,
}

/// A group of rows with an id of their own (`r6_other`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowGroup {
    /// Key in group cell ids: `r6_other`.
    pub id: String,
    /// Label text, verbatim: 「（六）其他处理」.
    pub label: String,
    /// Its data rows in the block.
    pub rows: std::ops::Range<usize>,
}

/// A row group's figure in one column: what a report that prints the group as one row
/// prints there, standing for the sum of the group's cells in that column until they are
/// filled in. Kept among a draft's printed figures (`Draft::stated`) under its id.
#[derive(Debug)]
pub struct GroupCell {
    /// Stable id: `t3.r6_other.natural`.
    pub id: String,
    /// How messages name it: 表三 （六）其他处理 自然人.
    pub name: String,
    /// The group's label: 「（六）其他处理」.
    pub group: String,
    /// The column's name: 自然人.
    pub column: String,
    /// The group's cells in this column, top to bottom.
    pub terms: Vec<CellIdx>,
}

impl Block {
    /// The cell at a data row and column.
    pub fn cell(&self, row: usize, col: usize) -> Option<CellIdx> {
        self.cells.get(row * self.columns.len() + col).copied()
    }

    /// Its caption and corner texts, those it has.
    pub fn caption_and_corner(&self) -> impl Iterator<Item = &str> {
        self.caption.iter().chain(&self.corner).map(String::as_str)
    }
}

/// A data column (a leaf of the column tree).
#[derive(Debug)]
pub struct Column {
    /// Key in cell ids, with its group's id: `natural`, `review.upheld`.
    pub key: String,
    /// Header text, verbatim.
    pub label: String,
    /// How messages name it: 自然人, 行政复议 结果维持.
    pub name: String,
    /// What its cells may hold.
    pub kind: Kind,
    /// A remark to show with the header (e.g. an unverified unit).
    pub note: Option<String>,
    /// Whether its cells are derived.
    pub is_computed: bool,
}

/// A data row (a leaf of the row tree).
#[derive(Debug)]
pub struct Row {
    /// Key in cell ids: `new_received`; empty for a block's single unlabelled row.
    pub id: String,
    /// Label text, verbatim.
    pub label: String,
    /// Other labels reports print for it (an earlier format's), for the importer.
    pub aliases: Vec<String>,
    /// Depth in the row tree (0 = top level).
    pub depth: usize,
    /// Whether its cells are derived.
    pub is_computed: bool,
}

/// A merged cell: text over `row_span` × `col_span` grid cells from (`row`, `col`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Text, verbatim.
    pub text: String,
    /// Top grid row.
    pub row: usize,
    /// Left grid column.
    pub col: usize,
    /// Rows covered (≥ 1).
    pub row_span: usize,
    /// Columns covered (≥ 1).
    pub col_span: usize,
}

/// One table cell.
#[derive(Debug)]
pub struct CellDef {
    /// Stable id: `t3.new_received.natural`.
    pub id: String,
    /// Index of its table.
    pub table: usize,
    /// Index of its block in the table.
    pub block: usize,
    /// Data row in the block.
    pub row: usize,
    /// Data column in the block.
    pub col: usize,
    /// What it may hold (from its column).
    pub kind: Kind,
    /// How it is derived; `None` for a cell the user fills in.
    pub formula: Option<Formula>,
    /// How messages and accessibility labels name it: 表三 本年新收政府信息公开申请数量 自然人.
    pub name: String,
    /// Row label alone, short: 本年新收政府信息公开申请数量.
    pub row_name: String,
    /// Column label alone, short: 自然人, 行政复议 结果维持.
    pub col_name: String,
}

impl CellDef {
    /// Whether the user fills it in (as opposed to a computed total).
    pub fn is_input(&self) -> bool {
        self.formula.is_none()
    }
}

/// A computed cell's derivation: the sum of other cells.
#[derive(Debug)]
pub struct Formula {
    /// The rule whose identity the total expresses (R2, R3, R4).
    pub rule: String,
    /// Cells summed.
    pub terms: Vec<CellIdx>,
}

impl TemplateData {
    /// A table label in lines of at most `columns` (CJK characters count two), broken
    /// between the words the template marks ([`crate::text::wrap_label`]).
    pub fn wrap_label(&self, text: &str, columns: usize) -> String {
        let breaks = self.word_breaks.get(text).map_or(&[][..], Vec::as_slice);
        crate::text::wrap_label(text, breaks, columns)
    }

    /// Cells whose id matches `pattern`, where `*` stands for one whole id segment
    /// (`t3.r3_*.total`: every 不予公开 row's 总计), in template order.
    pub fn cells_matching(&self, pattern: &str) -> Vec<CellIdx> {
        if !pattern.contains('*') {
            return self.cell_idx(pattern).into_iter().collect();
        }
        let wanted: Vec<&str> = pattern.split('.').collect();
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                let segments: Vec<&str> = c.id.split('.').collect();
                segments.len() == wanted.len()
                    && segments
                        .iter()
                        .zip(&wanted)
                        .all(|(s, w)| match w.split_once('*') {
                            Some((prefix, suffix)) => {
                                s.len() >= prefix.len() + suffix.len()
                                    && s.starts_with(prefix)
                                    && s.ends_with(suffix)
                            }
                            None => s == w,
                        })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The cell with this id.
    pub fn group_cell_idx(&self, id: &str) -> Option<usize> {
        self.group_by_id.get(id).copied()
    }

    /// The index of the cell with this id.
    pub fn cell_idx(&self, id: &str) -> Option<CellIdx> {
        self.cell_by_id.get(id).copied()
    }

    /// Every narrative part, preamble first, in template order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        std::iter::once(&self.preamble).chain(self.sections.iter().flat_map(|s| s.parts.iter()))
    }

    /// The part with this id.
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts().find(|p| p.id == id)
    }

    /// A target's stable id: `t3.new_received.natural`, `s6.body`, `meta.level`.
    pub fn target_id<'a>(&'a self, target: &'a Target) -> &'a str {
        match target {
            Target::Cell(idx) => self.cells.get(*idx).map_or("", |c| c.id.as_str()),
            Target::Part(id) | Target::Meta(id) | Target::Unknown(id) => id,
        }
    }

    /// Index of the section a cell or part belongs to (`None` for the preamble and metadata).
    pub fn section_of(&self, target: &Target) -> Option<usize> {
        match target {
            Target::Cell(idx) => {
                let cell = self.cells.get(*idx)?;
                Some(self.tables.get(cell.table)?.section)
            }
            Target::Part(id) => self
                .sections
                .iter()
                .position(|s| s.parts.iter().any(|p| &p.id == id)),
            Target::Meta(_) | Target::Unknown(_) => None,
        }
    }
}

/// The embedded templates, newest first.
pub fn builtin() -> &'static [Template] {
    static BUILTIN: OnceLock<Vec<Template>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        [TEMPLATE_2021_RON, TEMPLATE_2019_RON]
            .into_iter()
            // The embedded templates are checked by tests; one that fails to load is left out
            // rather than taking the application down.
            .filter_map(|ron| load(ron).ok())
            .collect()
    })
}

/// The embedded template with this id.
pub fn builtin_by_id(id: &str) -> Option<Template> {
    builtin().iter().find(|t| t.id == id).cloned()
}

/// The embedded template for a report year: 2019–2020 → 2019 试行, from 2021 → 2021.
pub fn for_year(year: u16) -> Option<Template> {
    builtin().iter().find(|t| t.years.contains(year)).cloned()
}

#[cfg(test)]
mod tests {
    use super::{Span, TEMPLATE_2019_RON, TEMPLATE_2021_RON, load};

    #[test]
    fn embedded_templates_load() {
        for ron in [TEMPLATE_2021_RON, TEMPLATE_2019_RON] {
            if let Err(e) = load(ron) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn table3_has_the_mandated_grid() {
        let t = load(TEMPLATE_2021_RON).unwrap();
        let t3 = &t.tables[1].blocks[0];
        assert_eq!(
            (t3.rows.len(), t3.columns.len()),
            (25, 7),
            "25 rows × 7 columns"
        );
        assert_eq!(t3.header_rows, 3);
        let span =
            |text: &str, spans: &[Span]| spans.iter().find(|s| s.text == text).cloned().unwrap();
        let corner = span(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            &t3.header,
        );
        assert_eq!(
            (corner.row_span, corner.col_span),
            (3, 3),
            "3×3 corner note"
        );
        assert_eq!(span("申请人情况", &t3.header).col_span, 7);
        assert_eq!(span("法人或其他组织", &t3.header).col_span, 5);
        assert_eq!(span("自然人", &t3.header).row_span, 2);
        assert_eq!(span("总计", &t3.header).row_span, 2);
        assert_eq!(span("三、本年度办理结果", &t3.row_labels).row_span, 22);
        assert_eq!(span("（三）不予公开", &t3.row_labels).row_span, 8);
        assert_eq!(span("（一）予以公开", &t3.row_labels).col_span, 2);
        assert_eq!(
            span("一、本年新收政府信息公开申请数量", &t3.row_labels).col_span,
            3
        );
        let n_inputs = t3.cells.iter().filter(|&&c| t.cells[c].is_input()).count();
        assert_eq!(n_inputs, 144, "24 rows × 6 subject columns are entered");
        let t2019 = load(TEMPLATE_2019_RON).unwrap();
        let results = span("三、本年度办理结果", &t2019.tables[1].blocks[0].row_labels);
        assert_eq!(
            results.row_span, 20,
            "the 2019 format has a single （六） row"
        );
    }

    #[test]
    fn table4_cell_ids_and_header() {
        let t = load(TEMPLATE_2021_RON).unwrap();
        let t4 = &t.tables[2].blocks[0];
        assert_eq!(t4.columns.len(), 15);
        let ids: Vec<&str> = t4.cells.iter().map(|&c| t.cells[c].id.as_str()).collect();
        assert_eq!(ids[0], "t4.review.upheld");
        assert_eq!(ids[9], "t4.lit_direct.total");
        assert_eq!(ids[13], "t4.lit_after_review.pending");
        assert_eq!(t.cells[t4.cells[5]].name, "表四 未经复议直接起诉 结果维持");
        let review = t4.header.iter().find(|s| s.text == "行政复议").unwrap();
        assert_eq!((review.row, review.col, review.col_span), (0, 0, 5));
        let upheld = t4.header.iter().find(|s| s.text == "结果维持").unwrap();
        assert_eq!(
            upheld.row_span, 2,
            "行政复议's columns reach down to the last header row"
        );
        assert!(t.cell_idx("t2.fees.amount").is_some());
        assert!(t.cell_idx("t3.r7_total.legal_service").is_some());
        assert_eq!(
            t.cells[t.cell_idx("t3.new_received.natural").unwrap()].name,
            "表三 本年新收政府信息公开申请数量 自然人"
        );
    }
}
