//! The draft: what a user saves (`*.nianbao`, RON text).
//!
//! A draft holds the metadata, the narrative texts and the entered cell values, keyed by
//! the template's stable ids. Totals are never stored: they are derived by
//! [`crate::engine::evaluate`]. Empty is not zero: an unfilled cell has no entry. A value
//! that is not a valid number is kept as typed ([`CellEntry::Text`]) so nothing a user
//! typed is lost; the engine flags it. Ids the template does not know are kept too, and
//! reported by the engine.
//!
//! The file carries a format version. Loading is lenient about missing fields (they take
//! their defaults) and strict about versions: a file from a newer version is refused.

use std::collections::BTreeMap;
use std::fmt;

mod history;
pub mod plain_ron;
mod signoff;

pub use history::{KEEP_ALL, Version};
pub use signoff::{Finalized, Reopened};

use serde::de::{self, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::meta::{Level, Meta};
use crate::number::{Decimal, parse_number};
use crate::template::Template;

/// The draft format this version writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 5;

/// The largest draft file accepted (a full report is about 30 KB).
pub const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

/// Cells as typed, by id.
pub fn cell_texts(cells: &BTreeMap<String, CellEntry>) -> BTreeMap<String, String> {
    cells
        .iter()
        .map(|(id, v)| (id.clone(), v.to_string()))
        .collect()
}

/// A reviewer's or drafter's word on a finding (审阅意见).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// 已核实，数据无误: the figures are right as they are (an explanation is required).
    Verified,
    /// 需修改: to be corrected.
    NeedsChange,
}

impl Verdict {
    /// How the editor and the sign-off record name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "已核实，数据无误",
            Self::NeedsChange => "需修改",
        }
    }
}

/// A verdict on one finding, kept by the finding's fingerprint: it holds while the rule,
/// the cells and the figures stay the same, and falls away when they change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disposition {
    /// `review::fingerprint` of the finding.
    pub fingerprint: String,
    /// Its rule, for reading the file.
    pub rule: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The explanation (required for 已核实) or the comment.
    pub note: String,
    /// When (`YYYY-MM-DD`).
    pub date: String,
}

/// A comment (批注) on a cell, a narrative part or a metadata field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Cell, part or field id.
    pub target: String,
    /// The comment.
    pub text: String,
    /// When (`YYYY-MM-DD`).
    pub date: String,
}

/// The draft as it was when a reviewer marked it 已审阅, to show what changed since.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Baseline {
    /// When (`YYYY-MM-DD`).
    pub date: String,
    /// 基本信息 then.
    pub meta: Meta,
    /// Cells then, as typed.
    pub cells: BTreeMap<String, String>,
    /// Texts then (non-empty ones).
    pub texts: BTreeMap<String, String>,
}

impl Baseline {
    /// The draft as it is now, reviewed on `date`.
    pub fn of(draft: &Draft, date: &str) -> Self {
        Self {
            date: date.to_owned(),
            meta: draft.meta.clone(),
            cells: cell_texts(&draft.cells),
            texts: draft
                .texts
                .iter()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(id, t)| (id.clone(), t.clone()))
                .collect(),
        }
    }
}

/// What a cell holds, when it is not empty.
#[derive(Clone, Debug)]
pub enum CellEntry {
    /// A number (its fitness for the cell is checked by the engine, rule R6).
    Number(Decimal),
    /// Text that is not a number, kept exactly as typed or imported: 「/」「251000元」.
    Text(String),
}

impl CellEntry {
    /// What the user typed, parsed: `None` for an empty cell.
    pub fn parse(text: &str) -> Option<Self> {
        match parse_number(text) {
            Ok(Some(n)) => Some(Self::Number(n)),
            Ok(None) => None,
            Err(_) => Some(Self::Text(text.to_owned())),
        }
    }

    /// The number, if it is one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Self::Number(n) => Some(*n),
            Self::Text(_) => None,
        }
    }
}

/// Equal when written the same way: `5` and `5.0` differ (the second is not a count).
impl PartialEq for CellEntry {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.is_same_repr(*b),
            (Self::Text(a), Self::Text(b)) => a == b,
            (Self::Number(_), Self::Text(_)) | (Self::Text(_), Self::Number(_)) => false,
        }
    }
}

impl Eq for CellEntry {}

impl fmt::Display for CellEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => n.fmt(f),
            Self::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for CellEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl Visitor<'_> for EntryVisitor {
            type Value = CellEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cell value as a string or an integer")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CellEntry, E> {
                // An entry that parses to nothing is whitespace the user typed: keep it.
                Ok(CellEntry::parse(v).unwrap_or_else(|| CellEntry::Text(v.to_owned())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellEntry, E> {
                Ok(CellEntry::Number(Decimal::from_int(i128::from(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellEntry, E> {
                Ok(CellEntry::Number(Decimal::from_int(i128::from(v))))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<CellEntry, E> {
                i128::try_from(v)
                    .map(|v| CellEntry::Number(Decimal::from_int(v)))
                    .map_err(|_err| E::custom("数值过大"))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<CellEntry, E> {
                Ok(CellEntry::Number(Decimal::from_int(v)))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// A report being drafted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)] // Fields added later get their defaults when an older file is read.
pub struct Draft {
    /// The draft format: [`FORMAT_VERSION`] once read (an older file is upgraded as it is
    /// read, and every save writes the current version).
    pub format_version: u32,
    /// Id of the template, e.g. `gov-info-disclosure-2021`.
    pub template: String,
    /// Path of a template file the user loaded, for templates that are not embedded.
    pub template_file: Option<String>,
    /// 基本信息.
    pub meta: Meta,
    /// Narrative texts by part id (`s1.proactive`).
    pub texts: BTreeMap<String, String>,
    /// Entered values by cell id (`t3.new_received.natural`). Totals are never here.
    pub cells: BTreeMap<String, CellEntry>,
    /// Totals as printed in an imported report, kept to check them against the computed
    /// ones (R2–R4); never used as values.
    pub stated: BTreeMap<String, CellEntry>,
    /// Last year's draft, linked for R5 and R10: a path relative to this draft's folder, or
    /// absolute (format version 2).
    pub last_year: Option<String>,
    /// Paragraphs copied from last year's report with 「引用此段」, as copied; while one
    /// stays in a text, R12 reads it strictly (format version 2).
    pub quoted: Vec<String>,
    /// Verdicts on findings (审阅意见), by fingerprint (format version 3).
    pub dispositions: Vec<Disposition>,
    /// Comments (批注) on cells, parts and fields (format version 3).
    pub comments: Vec<Comment>,
    /// The draft as last marked 已审阅 (format version 3).
    pub reviewed: Option<Baseline>,
    /// For a report consolidated from its units' drafts (汇总): the units and the cells
    /// some left empty; its tables are the units' sums, not typed (format version 4).
    pub consolidation: Option<Consolidation>,
    /// For table 三 tallied from a register (从台账生成表三): the register rows each cell
    /// counts (format version 4).
    pub tallied: Option<Tallied>,
    /// 定稿: who signed the report off, when, and a hash of its content; and 解除定稿, if
    /// it was reopened since (format version 5).
    pub finalized: Option<Finalized>,
    /// 版本历史: the states earlier saves replaced, newest first, each as the values that
    /// differed (format version 5; [`Version`]).
    pub history: Vec<Version>,
}

/// Where table 三's figures came from when they were tallied from a register.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tallied {
    /// The register's file name.
    pub register: String,
    /// Cell id → the register rows counted in it (as the spreadsheet numbers them).
    pub rows: BTreeMap<String, Vec<usize>>,
}

/// How a consolidated report was made (汇总下级报告, [`crate::merge`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consolidation {
    /// The units summed, in the order they were read.
    pub units: Vec<UnitRecord>,
    /// Cells some units filled and others left empty (or filled with something not a
    /// number): cell id → those units. The cell holds the sum of the others.
    pub partly_empty: BTreeMap<String, PartlyEmpty>,
}

/// One unit of a consolidation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitRecord {
    /// 机关全称.
    pub agency: String,
    /// Its draft file, relative to the consolidated draft's folder when it can be.
    pub file: String,
    /// A hash of the file's bytes when it was read (16 hex digits), to tell a changed unit.
    pub hash: String,
    /// Whether the unit's draft was final (定稿) when it was read (format version 5).
    pub finalized: bool,
}

/// The units that left a cell empty, when others filled it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartlyEmpty {
    /// How many.
    pub count: usize,
    /// The first of them by name (at most [`crate::merge::MAX_NAMED`]).
    pub units: Vec<String>,
}

/// Why a draft file cannot be opened. The user's file is never changed by a failed load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Occurs when the file is larger than [`MAX_DRAFT_BYTES`].
    #[error("文件过大（{n_bytes}字节），草稿文件不超过{max}字节，这可能不是年报草稿", max = MAX_DRAFT_BYTES)]
    TooLarge {
        /// Size of the file.
        n_bytes: u64,
    },
    /// Occurs when the bytes are not UTF-8 text.
    #[error("文件不是UTF-8文本（第{line}行有无法识别的字节），可能已损坏或不是年报草稿")]
    NotText {
        /// Offset of the first invalid byte.
        byte_offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// Occurs when the text is not a well-formed draft (truncated, garbled, wrong types).
    #[error("草稿文件第{line}行第{column}列有误：{message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// Occurs when the file was written by a newer version of nianbao.
    #[error(
        "此草稿由较新版本的年报软件保存（格式版本{found}），本软件只能打开格式版本{supported}及以前的草稿，请升级软件后再打开"
    )]
    NewerVersion {
        /// The file's format version.
        found: u32,
        /// The newest version this build reads ([`FORMAT_VERSION`]).
        supported: u32,
    },
    /// Occurs when the draft cannot be written as text (nothing is saved then).
    #[error("草稿无法写成文件：{message}")]
    Serialize {
        /// The serializer's description.
        message: String,
    },
    /// Occurs when a required field is missing or out of range.
    #[error("草稿的{field}有误：{reason}")]
    Invalid {
        /// Which field, in Chinese.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
}

/// Just the version, read before the rest so a newer file is refused with the right reason.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

impl Draft {
    /// A new, empty draft for a template.
    pub fn new(template: &Template, meta: Meta) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            template: template.id.clone(),
            meta,
            ..Self::default()
        }
    }

    /// Reads a draft from the bytes of a file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DraftError> {
        let n_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if n_bytes > MAX_DRAFT_BYTES {
            return Err(DraftError::TooLarge { n_bytes });
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // Cut inside a character (a truncated file): what is whole is read, and the
            // reader says where the file ends.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
            }
            Err(e) => {
                let byte_offset = e.valid_up_to();
                let line = 1 + bytes[..byte_offset].iter().filter(|&&b| b == b'\n').count();
                return Err(DraftError::NotText { byte_offset, line });
            }
        };
        Self::from_ron(text)
    }

    /// Reads a draft from RON text.
    pub fn from_ron(text: &str) -> Result<Self, DraftError> {
        Self::from_ron_up_to(text, FORMAT_VERSION)
    }

    /// Reads a draft written in format version `supported` or earlier; a newer file is
    /// refused before anything else is read, so an older build never half-reads it.
    fn from_ron_up_to(text: &str, supported: u32) -> Result<Self, DraftError> {
        let syntax = |e: ron::error::SpannedError| DraftError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: crate::template::ron_message(&e.code),
        };
        let options = ron::Options::default();
        let newer = |found: u32| DraftError::NewerVersion { found, supported };
        // One parse for the common case: a newer file that still reads is refused by its
        // version; one that does not read is refused by its version too, when that can be
        // read, rather than by whatever the newer format changed.
        // The plain RON this program writes is read by a fast reader first; anything
        // else (and every error) by `ron`.
        let read = plain_ron::from_str(text).map_or_else(|| options.from_str(text), Ok);
        let mut draft: Self = match read {
            Ok(draft) => draft,
            Err(e) => {
                return Err(match options.from_str::<VersionProbe>(text) {
                    Ok(probe) if probe.format_version > supported => newer(probe.format_version),
                    _ => syntax(e),
                });
            }
        };
        if draft.format_version > supported {
            return Err(newer(draft.format_version));
        }
        if draft.format_version == 0 {
            return Err(DraftError::Invalid {
                field: "格式版本（format_version）",
                reason: "缺少或为0".to_owned(),
            });
        }
        // Older files are read into the current format (missing fields take their
        // defaults); in memory a draft is always current, and it is saved as such.
        draft.format_version = FORMAT_VERSION;
        if draft.template.is_empty() {
            return Err(DraftError::Invalid {
                field: "模板（template）",
                reason: "缺少模板编号".to_owned(),
            });
        }
        if !crate::meta::YEARS.contains(&draft.meta.year) {
            return Err(DraftError::Invalid {
                field: "报告年度（meta.year）",
                reason: format!(
                    "{}不在{}至{}之间",
                    draft.meta.year,
                    crate::meta::YEARS.start(),
                    crate::meta::YEARS.end()
                ),
            });
        }
        Ok(draft)
    }

    /// The draft as RON text, always in the current [`FORMAT_VERSION`]: the file may carry
    /// fields an older build does not know, and that build must refuse it rather than
    /// drop them on its next save. Texts and cells follow the template's order when it is
    /// given; ids it does not know come last, sorted, so the output is deterministic.
    pub fn to_ron(&self, template: Option<&Template>) -> Result<String, DraftError> {
        let file = DraftFile {
            format_version: FORMAT_VERSION,
            template: &self.template,
            template_file: self.template_file.as_deref(),
            meta: &self.meta,
            texts: OrderedMap(order_entries(
                &self.texts,
                &template.map(text_order).unwrap_or_default(),
            )),
            cells: OrderedMap(order_entries(
                &self.cells,
                &template.map(cell_order).unwrap_or_default(),
            )),
            stated: OrderedMap(order_entries(
                &self.stated,
                &template.map(cell_order).unwrap_or_default(),
            )),
            last_year: self.last_year.as_deref(),
            quoted: &self.quoted,
            dispositions: &self.dispositions,
            comments: &self.comments,
            reviewed: self.reviewed.as_ref(),
            consolidation: self.consolidation.as_ref(),
            tallied: self.tallied.as_ref(),
            finalized: self.finalized.as_ref(),
            history: &self.history,
        };
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("    ".to_owned())
            .new_line("\n".to_owned());
        ron::ser::to_string_pretty(&file, config).map_err(|e| DraftError::Serialize {
            message: e.to_string(),
        })
    }

    /// Sets a cell from what the user typed: empty text clears it, a number is stored as a
    /// number, anything else is kept as text (and flagged by the engine).
    pub fn set_cell(&mut self, id: &str, text: &str) {
        match CellEntry::parse(text) {
            Some(entry) => {
                self.cells.insert(id.to_owned(), entry);
            }
            None => {
                self.cells.remove(id);
            }
        }
    }

    /// A narrative text; empty when not written.
    pub fn text(&self, id: &str) -> &str {
        self.texts.get(id).map_or("", String::as_str)
    }

    /// Sets a narrative text; empty text removes it.
    pub fn set_text(&mut self, id: &str, text: &str) {
        if text.is_empty() {
            self.texts.remove(id);
        } else {
            self.texts.insert(id.to_owned(), text.to_owned());
        }
    }
}

fn text_order(template: &Template) -> Vec<&str> {
    template.parts().map(|p| p.id.as_str()).collect()
}

fn cell_order(template: &Template) -> Vec<&str> {
    template.cells.iter().map(|c| c.id.as_str()).collect()
}

fn order_entries<'a, V: fmt::Display>(
    map: &'a BTreeMap<String, V>,
    order: &[&str],
) -> Vec<(&'a str, String)> {
    let mut out: Vec<(&str, String)> = Vec::with_capacity(map.len());
    for id in order {
        if let Some((k, v)) = map.get_key_value(*id) {
            out.push((k, v.to_string()));
        }
    }
    for (k, v) in map {
        if !order.contains(&k.as_str()) {
            out.push((k, v.to_string()));
        }
    }
    out
}

#[derive(Serialize)]
struct DraftFile<'a> {
    format_version: u32,
    template: &'a str,
    template_file: Option<&'a str>,
    meta: &'a Meta,
    texts: OrderedMap<'a>,
    cells: OrderedMap<'a>,
    stated: OrderedMap<'a>,
    last_year: Option<&'a str>,
    quoted: &'a [String],
    dispositions: &'a [Disposition],
    comments: &'a [Comment],
    reviewed: Option<&'a Baseline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consolidation: Option<&'a Consolidation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tallied: Option<&'a Tallied>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finalized: Option<&'a Finalized>,
    #[serde(skip_serializing_if = "<[Version]>::is_empty")]
    history: &'a [Version],
}

/// A map written in the order given.
struct OrderedMap<'a>(Vec<(&'a str, String)>);

impl Serialize for OrderedMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V3: &str = r#"(format_version: 3, template: "gov-info-disclosure-2021",
        meta: (agency: "某某区人民政府", year: 2024),
        comments: [(target: "t3.new_received.natural", text: "请核对", date: "2025-01-10")])"#;

    #[test]
    fn a_build_that_reads_only_v2_refuses_a_v3_file() {
        // The same check a released older build runs: lowering the supported version stands
        // in for it.
        let err = Draft::from_ron_up_to(V3, 2).unwrap_err();
        assert_eq!(
            err,
            DraftError::NewerVersion {
                found: 3,
                supported: 2
            }
        );
        assert!(err.to_string().contains("只能打开格式版本2"), "{err}");
        let draft = Draft::from_ron_up_to(V3, 3).expect("the current build reads it");
        assert_eq!(draft.comments.len(), 1);
    }
}
