//! The template file as written (`templates/*.ron`), before any check.
//!
//! Strict on purpose: unknown fields are errors, so a typo in a template is caught when it
//! loads instead of silently dropping a rule. [`super::load`] turns this into a
//! [`super::Template`].

use serde::Deserialize;

use crate::meta::Level;
use crate::number::Kind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateFile {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) years: YearRange,
    pub(crate) basis: Basis,
    pub(crate) preamble: PartDef,
    pub(crate) sections: Vec<SectionDef>,
    pub(crate) tables: Vec<TableDef>,
    pub(crate) rules: Vec<RuleDef>,
    #[serde(default)]
    pub(crate) key_figures: Vec<KeyFigureDef>,
    #[serde(default)]
    pub(crate) register: Option<RegisterDef>,
}

/// How table 三 is tallied from a register (台账) of applications: which rows count what,
/// which column each applicant type is, and how registers name their columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterDef {
    pub(crate) table: String,
    pub(crate) received: String,
    pub(crate) carried_over: String,
    pub(crate) carried_forward: String,
    pub(crate) outcomes: Vec<String>,
    pub(crate) applicants: Vec<(String, Vec<String>)>,
    pub(crate) headers: RegisterHeaders,
}

/// Header texts by which a register's columns are recognised.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterHeaders {
    /// 收到申请日期 and its other names.
    pub received: Vec<String>,
    /// 申请人类型 and its other names.
    pub applicant: Vec<String>,
    /// 办理结果 and its other names.
    pub outcome: Vec<String>,
    /// 办结日期 and its other names.
    pub closed: Vec<String>,
}

/// A figure that sums a unit's report up (新收, 办理结果…), by the cells it adds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFigureDef {
    pub(crate) name: String,
    pub(crate) cells: Vec<String>,
}

/// Report years a template is for, inclusive.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct YearRange {
    /// First report year.
    pub from: u16,
    /// Last report year; `None` while the format is current.
    pub to: Option<u16>,
}

impl YearRange {
    /// Whether `year` falls in the range.
    pub fn contains(self, year: u16) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }
}

/// The document that sets the format, cited in the preamble.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// 文号, e.g. 国办公开办函〔2021〕30号.
    pub doc_number: String,
    /// The document's title.
    pub doc_title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SectionDef {
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) table: Option<String>,
    pub(crate) parts: Vec<PartDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartDef {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) hint: String,
    #[serde(default)]
    pub(crate) required: bool,
    /// Whether exports print the title as a sub-heading (an untitled part is a lead paragraph).
    #[serde(default = "yes")]
    pub(crate) titled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableDef {
    pub(crate) id: String,
    pub(crate) section: String,
    pub(crate) title: String,
    pub(crate) blocks: Vec<BlockDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BlockDef {
    #[serde(default)]
    pub(crate) caption: Option<String>,
    #[serde(default)]
    pub(crate) corner: Option<String>,
    pub(crate) label_columns: u8,
    pub(crate) columns: Vec<ColumnDef>,
    pub(crate) rows: Vec<RowDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum ColumnDef {
    /// A header spanning its children; an `id` becomes part of their cell ids (`review.upheld`).
    Group {
        #[serde(default)]
        id: Option<String>,
        label: String,
        children: Vec<ColumnDef>,
    },
    Leaf {
        id: String,
        label: String,
        #[serde(default)]
        kind: Kind,
        #[serde(default)]
        computed: Option<Formula>,
        #[serde(default)]
        note: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum RowDef {
    Group {
        id: String,
        label: String,
        children: Vec<RowDef>,
    },
    Leaf {
        id: String,
        label: String,
        #[serde(default)]
        computed: Option<Formula>,
        /// Other labels reports print for the row (an earlier format's: 「规范性文件」).
        #[serde(default)]
        aliases: Vec<String>,
    },
}

/// How a computed row or column is derived: the sum of sibling rows or columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum Formula {
    Sum { rule: String, of: Vec<String> },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub(crate) id: String,
    pub(crate) severity: crate::finding::Severity,
    pub(crate) title: String,
    pub(crate) message: String,
    /// Messages for the check's other cases, by name (`overflow`, `other_year`).
    #[serde(default)]
    pub(crate) messages: std::collections::BTreeMap<String, String>,
    pub(crate) check: CheckDef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum CheckDef {
    TemplateYear,
    UnknownIds,
    ComputedEntered,
    PartlyEmpty,
    Balance {
        table: String,
        left: Vec<String>,
        right: Vec<String>,
        #[serde(default)]
        blanks_as_zero: bool,
    },
    StatedTotals,
    StatedTotalsWithBlanks {
        of: Vec<String>,
    },
    GroupFigures {
        unsplit: bool,
    },
    RequiredMeta {
        fields: Vec<String>,
    },
    CellKinds,
    EmptyCells,
    RestrictedToLevels {
        cells: Vec<String>,
        levels: Vec<Level>,
    },
    AtMost {
        pairs: Vec<AtMostDef>,
    },
    YearConsistency,
    FeeStatement {
        part: String,
        #[serde(default)]
        also_in: Vec<String>,
    },
    BasisCitation {
        stale: Vec<String>,
    },
    RequiredParts {
        six_parts: Vec<Vec<String>>,
    },
    Deadline {
        default: MonthDay,
        by_level: Vec<LevelDeadline>,
    },
    NonZeroHint {
        row: String,
    },
    CasesWithoutApplications {
        applications: Vec<String>,
        cases: Vec<String>,
    },
    CarriedOver {
        this: String,
        last: String,
    },
    InForceAcrossYears {
        rows: Vec<String>,
    },
    RepeatedText {
        parts: Vec<String>,
        percent: u32,
        min_chars: usize,
    },
    ProseClaims {
        claims: Vec<ClaimDef>,
    },
    ThinParts {
        parts: Vec<(String, usize)>,
        placeholders: Vec<String>,
    },
    YearOnYear {
        figures: Vec<YearFigureDef>,
        percent: u32,
        min_change: u32,
        change_words: Vec<String>,
    },
    TextLint {
        format_title: String,
    },
    NarrativeFigures {
        quantities: Vec<QuantityDef>,
        percent_base: Vec<String>,
        #[serde(default)]
        other_percent_bases: Vec<(String, Vec<String>)>,
        upheld_words: Vec<String>,
        not_upheld: Vec<String>,
        none_received: Vec<String>,
    },
}

/// A statement the prose may make that the table can contradict (E2).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimDef {
    #[serde(default)]
    pub(crate) phrases: Vec<String>,
    #[serde(default)]
    pub(crate) negations: Vec<String>,
    #[serde(default)]
    pub(crate) subjects: Vec<String>,
    #[serde(default)]
    pub(crate) unless: Vec<String>,
    pub(crate) cells: Vec<String>,
    pub(crate) problem: String,
}

/// A key figure whose change from last year the narrative should explain (C1).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearFigureDef {
    pub(crate) name: String,
    pub(crate) cells: Vec<String>,
    pub(crate) words: Vec<String>,
}

/// A table quantity the narrative may quote (R11).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuantityDef {
    pub(crate) name: String,
    pub(crate) words: Vec<String>,
    #[serde(default)]
    pub(crate) context: Vec<String>,
    #[serde(default)]
    pub(crate) category: bool,
    #[serde(default)]
    pub(crate) not_before: Vec<String>,
    #[serde(default)]
    pub(crate) skip_if: Vec<String>,
    #[serde(default)]
    pub(crate) skip_if_sentence: Vec<String>,
    /// Each a list of cell ids (`*` matches one id segment) whose sum the figure may be.
    pub(crate) sums: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AtMostDef {
    pub(crate) cell: String,
    pub(crate) limit: Vec<String>,
}

/// A day of the year after the report year, e.g. 1月31日.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LevelDeadline {
    pub(crate) level: Level,
    pub(crate) month: u8,
    pub(crate) day: u8,
}
