//! A template's rules as loaded: each [`Rule`] runs one kind of [`Check`], with its settings
//! resolved to cell indices; what the engine runs and the messages it may fill.

use super::{CellIdx, MonthDay};
use crate::finding::Severity;
use crate::meta::Level;

/// A validation rule with the check that finds it.
#[derive(Debug)]
pub struct Rule {
    /// Id in format-spec §5: R1 … R18.
    pub id: String,
    /// How serious a finding is.
    pub severity: Severity,
    /// Short Chinese title.
    pub title: String,
    /// Message with `{placeholders}` filled by the check.
    pub message: String,
    /// Messages for the check's other cases, by name: R5's `other_year` and `other_agency`
    /// (last year's draft is another year's or another agency's), R6's `overflow` (a total
    /// out of range).
    pub messages: Vec<(String, String)>,
    /// What to check.
    pub check: Check,
}

impl Rule {
    /// The message for a named case ([`Rule::messages`]); the rule's own when the template
    /// has none for it.
    pub fn message_for(&self, case: &str) -> &str {
        self.messages
            .iter()
            .find(|(name, _)| name == case)
            .map_or(&self.message, |(_, m)| m)
    }
}

/// The checks the engine knows, with their resolved parameters.
#[derive(Debug)]
pub enum Check {
    /// E4: the format is the one for the report's year; the format that is, named from
    /// [`crate::template::builtin`]'s list the caller gives.
    TemplateYear,
    /// D1: ids the template does not know (cells and texts), kept as they are.
    UnknownIds,
    /// D2: values written into computed cells, which are not used.
    ComputedEntered,
    /// D3: cells of a consolidation that some units left empty, naming them.
    PartlyEmpty,
    /// Per column: the sum of the `left` rows equals the sum of the `right` rows (R1).
    Balance {
        /// One entry per column of the table.
        columns: Vec<BalanceColumn>,
        /// Checks only the columns with blank cells, as if the blanks were 0 (R1Z): published
        /// tables often leave 0 blank, and an imbalance must not hide behind them.
        blanks_as_zero: bool,
    },
    /// Imported totals agree with the computed ones, for formulas naming this rule (R2–R4).
    StatedTotals,
    /// Imported totals over blank cells agree with the sum of what was entered, as if the
    /// blanks were 0, for formulas naming one of these rules (R2Z).
    StatedTotalsWithBlanks {
        /// Rule ids of the formulas (R2, R3, R4).
        of: Vec<String>,
    },
    /// A row group an imported report printed as one row ([`GroupCell`]): with `unsplit`,
    /// its rows not yet filled in (D4); else the rows' sum against the printed figure (D5).
    GroupFigures {
        /// Which of the two.
        unsplit: bool,
    },
    /// These metadata fields are filled in (M1).
    RequiredMeta {
        /// Field ids (`meta.agency`).
        fields: Vec<String>,
    },
    /// Every entered value suits its cell's kind (R6).
    CellKinds,
    /// Input cells left empty, one finding per table (R7).
    EmptyCells,
    /// The cells may be non-zero only for agencies at these levels (R8).
    RestrictedToLevels {
        /// Cells checked.
        cells: Vec<CellIdx>,
        /// Levels allowed to have them.
        levels: Vec<Level>,
    },
    /// Each cell is at most the sum of its limit cells (R9).
    AtMost {
        /// (cell, limit cells).
        pairs: Vec<(CellIdx, Vec<CellIdx>)>,
    },
    /// Years in the narrative match the report year (R12).
    YearConsistency,
    /// The part states the 信息处理费 (R13).
    FeeStatement {
        /// Part id.
        part: String,
        /// Other parts where the statement counts too (the 依申请公开 paragraph).
        also_in: Vec<String>,
    },
    /// The basis 文号 is the template's and spelt right (R14).
    BasisCitation {
        /// Citations of replaced formats, e.g. 〔2019〕60号.
        stale: Vec<String>,
    },
    /// Required parts are filled in; the preamble's list names all six parts (R15).
    RequiredParts {
        /// For each part, words any of which names it.
        six_parts: Vec<Vec<String>>,
    },
    /// Publication deadline (R16).
    Deadline {
        /// Day after the report year, when no level-specific one applies.
        default: MonthDay,
        /// Level-specific deadlines.
        by_level: Vec<(Level, MonthDay)>,
    },
    /// A hint when a row has non-zero values (R17).
    NonZeroHint {
        /// The row's input cells.
        cells: Vec<CellIdx>,
        /// How messages name the row.
        name: String,
    },
    /// No applications but review or litigation cases (R18).
    CasesWithoutApplications {
        /// Cells whose sum is the number of applications.
        applications: Vec<CellIdx>,
        /// Cells whose sum is the number of cases.
        cases: Vec<CellIdx>,
    },
    /// This year's 上年结转 equals last year's 结转下年度, per column (R5; needs last year's
    /// draft). Also what a next year's draft is started with.
    CarriedOver {
        /// (this year's input cell, id of last year's cell in the same column).
        cells: Vec<(CellIdx, String)>,
    },
    /// 现行有效件数 = last year's + 本年制发 − 本年废止 (R10; needs last year's draft).
    InForceAcrossYears {
        /// One per row.
        rows: Vec<InForceRow>,
    },
    /// Statements in the prose that the tables contradict (E2): 「均已办结」 with cases carried
    /// forward, 「未发生行政复议」 with cases in 表四.
    ProseClaims {
        /// The statements and the cells that must then be 0.
        claims: Vec<Claim>,
    },
    /// Parts that are only a placeholder (「无」), one short sentence or their own heading
    /// (E11).
    ThinParts {
        /// Part ids, each with the fewest characters (punctuation and spaces left out) that
        /// can say something; 0 checks only for placeholders and the bare heading.
        parts: Vec<(String, usize)>,
        /// Texts that say nothing (「无」「暂无」).
        placeholders: Vec<String>,
    },
    /// A key figure that changed much from last year, with no sentence about it (C1).
    YearOnYear {
        /// The figures.
        figures: Vec<YearFigure>,
        /// A change of at least this share of last year's figure…
        percent: u32,
        /// …and at least this many is much.
        min_change: u32,
        /// Words of a sentence that explains a change (增加, 同比…).
        change_words: Vec<String>,
    },
    /// The text's form: a 文号 or date with lost characters, a misnamed format document, a
    /// doubled word, half-width punctuation, sub-headings that skip a number (L1).
    TextLint {
        /// The format document's exact title, without 《》.
        format_title: String,
    },
    /// Figures quoted in the narrative agree with the tables (R11).
    NarrativeFigures(NarrativeFigures),
    /// Parts whose sentences mostly repeat last year's report (E9; needs last year's draft).
    RepeatedText {
        /// Part ids, or section ids standing for all their parts.
        parts: Vec<String>,
        /// The share of a part's text, in percent, from which it is flagged.
        percent: u32,
        /// Parts shorter than this many characters are left alone.
        min_chars: usize,
    },
}

impl Check {
    /// The placeholders its findings fill, which a rule's message may name.
    pub fn placeholders(&self) -> &'static [&'static str] {
        const PARTS: &[&str] = &["part", "reason"];
        match self {
            Self::TemplateYear => &["year", "template", "expected", "name"],
            Self::UnknownIds => &["ids", "count", "template"],
            Self::ComputedEntered => &["cell"],
            Self::PartlyEmpty => &["cell", "count", "units", "more"],
            Self::Balance { .. } => &[
                "column",
                "left",
                "left_terms",
                "right",
                "right_terms",
                "diff",
                "blanks",
            ],
            Self::StatedTotals => &["cell", "stated", "computed"],
            Self::StatedTotalsWithBlanks { .. } => &["cell", "stated", "computed", "blanks"],
            Self::GroupFigures { unsplit: true } => &["group", "figures"],
            Self::GroupFigures { unsplit: false } => &["group", "column", "stated", "computed"],
            Self::RequiredMeta { .. } => &["field"],
            Self::CellKinds => &["cell", "text", "reason", "total"],
            Self::EmptyCells => &["table", "count", "cells"],
            Self::RestrictedToLevels { .. } => &["cell", "value", "level"],
            Self::AtMost { .. } => &["cell", "value", "limit"],
            Self::YearConsistency => &["part", "excerpt", "found", "year"],
            Self::FeeStatement { .. } => &["part"],
            Self::BasisCitation { .. } => &["part", "found", "reason", "expected"],
            Self::RequiredParts { .. } | Self::ThinParts { .. } => PARTS,
            Self::Deadline { .. } => &[
                "due",
                "published",
                "days",
                "due_cn",
                "published_cn",
                "year",
                "next_year",
            ],
            Self::NonZeroHint { .. } => &["cell", "value"],
            Self::CasesWithoutApplications { .. } => &["cases"],
            Self::CarriedOver { .. } => &[
                "cell",
                "this",
                "last",
                "last_year",
                "year",
                "expected",
                "last_agency",
                "agency",
            ],
            Self::InForceAcrossYears { .. } => {
                &["row", "value", "last", "made", "repealed", "expected"]
            }
            Self::ProseClaims { .. } => &["part", "excerpt", "problem"],
            Self::YearOnYear { .. } => {
                &["name", "last", "this", "direction", "change", "last_year"]
            }
            Self::TextLint { .. } => &["part", "found", "problem", "suggestion"],
            Self::NarrativeFigures(_) => &["part", "excerpt", "problem"],
            Self::RepeatedText { .. } => &["part", "share", "last_year", "example"],
        }
    }
}

/// What R11 reads prose with: [`Check::NarrativeFigures`].
#[derive(Debug)]
pub struct NarrativeFigures {
    /// The quantities prose quotes.
    pub quantities: Vec<Quantity>,
    /// The base of a category's percentage: （七）总计.
    pub percent_base: Vec<CellIdx>,
    /// Other bases a report may take a share of (本年新收, 新收与上年结转), by name: a share
    /// that matches one of them is not wrong, and one that matches none is shown with each.
    pub other_percent_bases: Vec<(String, Vec<CellIdx>)>,
    /// 「均获维持」 and its variants.
    pub upheld_words: Vec<String>,
    /// Cells any of which, non-zero, contradicts those words (纠正, 尚未审结).
    pub not_upheld: Vec<CellIdx>,
    /// Cells whose sum, non-zero, contradicts 「未收到…申请」.
    pub none_received: Vec<CellIdx>,
    /// The last characters of all the quantities' words, sorted: where a name can end.
    pub last_chars: Vec<char>,
}

/// A table quantity the narrative may quote, for [`Check::NarrativeFigures`].
#[derive(Debug)]
pub struct Quantity {
    /// How messages name it: 本年新收申请.
    pub name: String,
    /// Words that name it in prose (the nearest before a figure wins; longer words first).
    pub words: Vec<String>,
    /// Words one of which the clause must also hold (e.g. 申请), if any.
    pub context: Vec<String>,
    /// Whether it is one of the 办理结果 categories, whose percentage is of the total.
    pub is_category: bool,
    /// What may not follow a word for it to name this quantity: 「结转」 is 上年结转, but
    /// not in 「结转至下一年度」.
    pub not_before: Vec<String>,
    /// Words that make a clause about something else: 「修订规章2件」.
    pub skip_if: Vec<String>,
    /// Words that make the whole sentence, up to the figure, about something else: a
    /// 政府公报's contents are what it printed, not what was made (「全年编发公报24期，刊登
    /// 政府规章、规范性文件等112件」).
    pub skip_if_sentence: Vec<String>,
    /// The sums the figure may rightly be (any one); e.g. 受理 is 新收, or 新收 + 上年结转.
    pub sums: Vec<Vec<CellIdx>>,
}

/// A statement of a [`Check::ProseClaims`]: one of `phrases`, or one of `negations`
/// followed in the same clause by one of `subjects`; contradicted when `cells` sum to more
/// than 0.
#[derive(Debug)]
pub struct Claim {
    /// Exact phrases (「均已办结」).
    pub phrases: Vec<String>,
    /// Words that deny (「未发生」「无」)…
    pub negations: Vec<String>,
    /// …the subject that follows them (「行政复议」).
    pub subjects: Vec<String>,
    /// Words that make a clause about something else (「未发生被纠错的行政复议」).
    pub unless: Vec<String>,
    /// The cells that must be 0 for the statement to hold.
    pub cells: Vec<CellIdx>,
    /// What is wrong, with `{value}` for the cells' sum.
    pub problem: String,
}

/// A figure of a [`Check::YearOnYear`].
#[derive(Debug)]
pub struct YearFigure {
    /// How messages name it (本年新收申请).
    pub name: String,
    /// Its cells, summed.
    pub cells: Vec<CellIdx>,
    /// Words a sentence about it holds.
    pub words: Vec<String>,
}

/// One row of a [`Check::InForceAcrossYears`].
#[derive(Debug)]
pub struct InForceRow {
    /// How messages name the row, e.g. 表二「规章」.
    pub name: String,
    /// 本年制发件数.
    pub made: CellIdx,
    /// 本年废止件数.
    pub repealed: CellIdx,
    /// 现行有效件数.
    pub in_force: CellIdx,
}

/// One column of a [`Check::Balance`].
#[derive(Debug)]
pub struct BalanceColumn {
    /// Column label, e.g. 自然人.
    pub name: String,
    /// Cells on the left-hand side.
    pub left: Vec<CellIdx>,
    /// Cells on the right-hand side.
    pub right: Vec<CellIdx>,
}
