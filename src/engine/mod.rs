//! The evaluation: template + draft → every total and every finding.
//!
//! [`evaluate`] is pure and infallible: no I/O, no clock (today's date comes in through
//! [`Context`]), no panics on any draft. Whatever is wrong with a draft becomes a
//! [`Finding`]. Totals are sums with checked, exact arithmetic; an empty cell is missing,
//! never 0, so a total over empty cells is marked incomplete rather than guessed.

mod checks;
mod claims;
mod facts;
mod figures;
mod find;
mod memo;

pub use memo::Memo;
mod narrative;
mod percent;
mod prose;
mod repeated;

pub use crate::finding::{Finding, Severity, Target};
pub use checks::deadline;

/// How R1 stands in a column of table 三, or over the whole table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    /// Both sides complete and equal (in every column).
    Holds,
    /// Both sides complete and unequal (in some column).
    Broken,
    /// A side has a blank or unusable cell, so it cannot be checked (and none is broken).
    Incomplete,
}

impl Balance {
    /// A column's state as an overview prints it: 平, 不平, 不全.
    pub fn column_label(self) -> &'static str {
        match self {
            Self::Holds => "平",
            Self::Broken => "不平",
            Self::Incomplete => "不全",
        }
    }

    /// The whole table's state as a report says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Holds => "成立",
            Self::Broken => "不成立",
            Self::Incomplete => "有空白，无法核对",
        }
    }

    /// The table's state from its columns': broken if any is, else incomplete if any is.
    pub fn of_table(columns: &[(String, Self)]) -> Self {
        let any = |state| columns.iter().any(|(_, b)| *b == state);
        if any(Self::Broken) {
            Self::Broken
        } else if any(Self::Incomplete) {
            Self::Incomplete
        } else {
            Self::Holds
        }
    }
}

/// R1 per column of table 三 (the template's balance rule that reads blanks as blanks), with
/// each column's name, from an evaluation's values.
pub fn balance_columns(template: &Template, evaluation: &Evaluation) -> Vec<(String, Balance)> {
    let columns = template.rules.iter().find_map(|rule| match &rule.check {
        crate::template::Check::Balance {
            columns,
            blanks_as_zero: false,
        } => Some(columns),
        _ => None,
    });
    columns
        .into_iter()
        .flatten()
        .map(|column| {
            let state = match (
                evaluation.complete_sum(&column.left),
                evaluation.complete_sum(&column.right),
            ) {
                (Some(l), Some(r)) if l == r => Balance::Holds,
                (Some(_), Some(_)) => Balance::Broken,
                _ => Balance::Incomplete,
            };
            (column.name.clone(), state)
        })
        .collect()
}

use std::fmt;

use crate::date::Date;
use crate::draft::{CellEntry, Draft};
use crate::number::{Decimal, KindError, NumberError};
use crate::template::{CellDef, CellIdx, Check, Rule, Template};
use facts::Facts;

/// The state of one cell after evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    /// An input cell with nothing entered.
    Empty,
    /// An input cell holding a usable number.
    Entered,
    /// An input cell holding something unusable (text, or a number unfit for the cell);
    /// it counts as missing.
    Invalid,
    /// A computed cell; `is_complete` is false when some cell it sums is missing.
    Computed {
        /// Whether every summed cell had a value.
        is_complete: bool,
    },
    /// A computed cell whose sum overflowed.
    Overflow,
}

/// One cell's value and state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellResult {
    /// The number, if there is one to show (a partial sum for an incomplete total).
    pub value: Option<Decimal>,
    /// How the value came about.
    pub status: CellStatus,
}

impl CellResult {
    const EMPTY: Self = Self {
        value: None,
        status: CellStatus::Empty,
    };
    const OVERFLOW: Self = Self {
        value: None,
        status: CellStatus::Overflow,
    };

    /// The value, only when it is complete and usable.
    pub fn complete_value(self) -> Option<Decimal> {
        match self.status {
            CellStatus::Entered | CellStatus::Computed { is_complete: true } => self.value,
            CellStatus::Empty
            | CellStatus::Invalid
            | CellStatus::Computed { is_complete: false }
            | CellStatus::Overflow => None,
        }
    }
}

/// Why an entered value is unusable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvalidReason {
    /// The text is not a number.
    NotANumber(NumberError),
    /// The number does not suit the cell.
    Kind(KindError),
}

impl fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber(e) => e.fmt(f),
            Self::Kind(e) => e.fmt(f),
        }
    }
}

/// Inputs to an evaluation besides the template and the draft.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// Today, for the publication deadline (R16); `None` skips that rule.
    pub today: Option<Date>,
    /// Last year's report, for the rules across years (R5, R10, E9); `None` skips them.
    pub last_year: Option<&'a LastYear>,
    /// The formats there are ([`crate::template::builtin`] in the editor and the CLI), so
    /// that a draft in the wrong one is told which to use (E4); empty, it is told only
    /// that the format is wrong.
    pub formats: &'a [Template],
    /// What the evaluation is for: a report, or only a count of its errors and warnings.
    pub purpose: Purpose,
    /// The caller's memory of what the prose rules found in each part, for a caller that
    /// evaluates the same document again and again (the editor): a keystroke then reads one
    /// paragraph again, not all of them. `None` computes everything.
    pub memo: Option<&'a Memo>,
}

/// What an evaluation is for, which decides what it may leave out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// A report being edited, checked or exported: every rule, and what the prose rules
    /// found in each part remembered for the next evaluation (the next keystroke).
    #[default]
    Report,
    /// How many errors and warnings a report has, evaluated once (汇总's status of each
    /// unit): the rules whose findings are hints (提示) are left out, L1's reading of the
    /// prose being the largest, and nothing is remembered, since no unit comes twice.
    Count,
}

/// What the rules across years need of last year's report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LastYear {
    /// Its report year.
    pub year: u16,
    /// Its agency.
    pub agency: String,
    /// Its complete values (entered, and complete totals) by cell id.
    pub values: std::collections::BTreeMap<String, Decimal>,
    /// Fingerprints of its sentences, sorted, for text repeated from it (E9).
    pub sentences: Vec<u64>,
}

impl LastYear {
    /// Last year's figures, from its draft and template.
    pub fn of(template: &Template, draft: &Draft) -> Self {
        let evaluation = evaluate(template, draft);
        let values = template
            .cells
            .iter()
            .zip(&evaluation.cells)
            .filter_map(|(def, result)| Some((def.id.clone(), result.complete_value()?)))
            .collect();
        Self {
            year: draft.meta.year,
            agency: draft.meta.agency.clone(),
            values,
            sentences: repeated::fingerprints(template, draft),
        }
    }
}

/// Every cell's value and every finding of a draft.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// By cell index, in template order; totals included.
    pub cells: Vec<CellResult>,
    /// Findings, in rule order and, within a rule, in template order.
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// The value and state of the cell with this index.
    pub fn cell(&self, idx: CellIdx) -> CellResult {
        self.cells.get(idx).copied().unwrap_or(CellResult::EMPTY)
    }

    /// The sum of the cells, when every one has a complete value (else `None`).
    pub fn complete_sum(&self, idxs: &[CellIdx]) -> Option<Decimal> {
        idxs.iter().try_fold(Decimal::ZERO, |acc, &i| {
            acc.checked_add(self.cell(i).complete_value()?)
        })
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Findings that concern a target.
    pub fn findings_for<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| f.targets.contains(target))
    }
}

/// Evaluates a draft without a date (the deadline rule R16 is skipped).
pub fn evaluate(template: &Template, draft: &Draft) -> Evaluation {
    evaluate_with(template, draft, &Context::default())
}

/// Evaluates a draft: computes every total and runs every rule of the template.
pub fn evaluate_with(template: &Template, draft: &Draft, context: &Context<'_>) -> Evaluation {
    let mut cells = vec![CellResult::EMPTY; template.cells.len()];
    let mut findings = Vec::new();

    // Entered values and printed totals, matched to cells by walking id-sorted lists once.
    let (entered, mut unknown) = resolve(template, &draft.cells);
    let (stated, unknown_stated) = resolve(template, &draft.stated);
    let (groups, unknown_stated) = group_figures(template, &draft.stated, unknown_stated);
    unknown.extend(unknown_stated);
    let (computed_entered, invalid) = enter_values(template, &entered, &mut cells);
    // Totals, each after the cells it sums.
    let overflowed = compute_totals(template, &mut cells, &groups);

    let stated: Vec<(CellIdx, Decimal)> = stated
        .into_iter()
        .filter_map(|(i, e)| Some((i, e.number()?)))
        .collect();
    let texts = prose::Texts::new(template, draft);
    let facts = Facts {
        template,
        draft,
        texts: &texts,
        context,
        cells: &cells,
        invalid: &invalid,
        stated: &stated,
        groups: &groups,
        unknown: &unknown,
        computed_entered: &computed_entered,
        overflowed: &overflowed,
    };
    for rule in &template.rules {
        if context.purpose == Purpose::Count && rule.severity == Severity::Info {
            continue;
        }
        run(&facts, rule, &mut findings);
    }
    Evaluation { cells, findings }
}

/// Runs one rule of the template: each kind of check is a function of its own.
fn run(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    match &rule.check {
        Check::TemplateYear => checks::template_year(facts, rule, out),
        Check::UnknownIds => checks::unknown_ids(facts, rule, out),
        Check::ComputedEntered => checks::computed_entered(facts, rule, out),
        Check::PartlyEmpty => checks::partly_empty(facts, rule, out),
        Check::Balance {
            columns,
            blanks_as_zero: false,
        } => checks::balance(facts, rule, columns, out),
        Check::Balance {
            columns,
            blanks_as_zero: true,
        } => checks::balance_blanks_as_zero(facts, rule, columns, out),
        Check::StatedTotals => checks::stated_totals(facts, rule, out),
        Check::GroupFigures { unsplit } => checks::group_figures(facts, rule, *unsplit, out),
        Check::StatedTotalsWithBlanks { of } => {
            checks::stated_totals_with_blanks(facts, rule, of, out);
        }
        Check::RequiredMeta { fields } => checks::required_meta(facts, rule, fields, out),
        Check::CellKinds => checks::cell_kinds(facts, rule, out),
        Check::EmptyCells => checks::empty_cells(facts, rule, out),
        Check::RestrictedToLevels { cells, levels } => {
            checks::restricted_to_levels(facts, rule, cells, levels, out);
        }
        Check::AtMost { pairs } => checks::at_most(facts, rule, pairs, out),
        Check::YearConsistency => narrative::years(facts, rule, out),
        Check::FeeStatement { part, also_in } => {
            narrative::fee_statement(facts, rule, part, also_in, out);
        }
        Check::BasisCitation { stale } => {
            narrative::basis_citation(facts, rule, stale, out);
        }
        Check::RequiredParts { six_parts } => {
            narrative::required_parts(facts, rule, six_parts, out);
        }
        Check::Deadline { default, by_level } => {
            checks::deadline_check(facts, rule, *default, by_level, out);
        }
        Check::NonZeroHint { cells, name } => checks::non_zero_hint(facts, rule, cells, name, out),
        Check::CasesWithoutApplications {
            applications,
            cases,
        } => checks::cases_without_applications(facts, rule, applications, cases, out),
        Check::CarriedOver { cells } => checks::carried_over(facts, rule, cells, out),
        Check::InForceAcrossYears { rows } => checks::in_force(facts, rule, rows, out),
        Check::RepeatedText {
            parts,
            percent,
            min_chars,
        } => {
            if let Some(last) = facts.context.last_year {
                let settings = (parts.as_slice(), *percent, *min_chars);
                repeated::repeated(facts, last, rule, settings, out);
            }
        }
        Check::NarrativeFigures(figures) => figures::check(facts, rule, figures, out),
        Check::ProseClaims { claims } => claims::prose_claims(facts, rule, claims, out),
        Check::ThinParts {
            parts,
            placeholders,
        } => claims::thin_parts(facts, rule, parts, placeholders, out),
        Check::YearOnYear {
            figures,
            percent,
            min_change,
            change_words,
        } => {
            let thresholds = (*percent, *min_change);
            claims::year_on_year(facts, rule, figures, thresholds, change_words, out);
        }
        Check::TextLint { format_title } => {
            claims::text_lint(facts, rule, format_title, out);
        }
    }
}

/// Puts entered values into their input cells, each checked against its cell's kind.
/// Returns the computed cells an entry names (totals are computed, never entered) and the
/// entries that are invalid.
fn enter_values(
    template: &Template,
    entered: &[(CellIdx, &CellEntry)],
    cells: &mut [CellResult],
) -> (Vec<CellIdx>, Vec<(CellIdx, InvalidReason)>) {
    let mut computed_entered = Vec::new();
    let mut invalid: Vec<(CellIdx, InvalidReason)> = Vec::new();
    for &(idx, entry) in entered {
        let def = &template.cells[idx];
        if !def.is_input() {
            computed_entered.push(idx);
            continue;
        }
        cells[idx] = match entered_value(def, entry) {
            Ok(n) => CellResult {
                value: Some(n),
                status: CellStatus::Entered,
            },
            Err(reason) => {
                invalid.push((idx, reason));
                CellResult {
                    value: None,
                    status: CellStatus::Invalid,
                }
            }
        };
    }
    (computed_entered, invalid)
}

/// The value an entry gives an input cell, or why it gives none.
fn entered_value(def: &CellDef, entry: &CellEntry) -> Result<Decimal, InvalidReason> {
    match entry {
        CellEntry::Number(n) => match def.kind.check(*n) {
            Ok(()) => Ok(*n),
            Err(e) => Err(InvalidReason::Kind(e)),
        },
        CellEntry::Text(text) => Err(match crate::number::parse_number(text) {
            Err(e) => InvalidReason::NotANumber(e),
            // Whitespace-only text kept from a file: it names no number.
            Ok(_) => InvalidReason::NotANumber(NumberError::NotANumber { found: ' ' }),
        }),
    }
}

/// The printed figures of row groups (「（六）其他处理」 printed as one row) among the ids
/// `resolve` did not find, by index in `Template::group_cells`; the other ids stay unknown.
fn group_figures<'d>(
    template: &Template,
    stated: &'d std::collections::BTreeMap<String, CellEntry>,
    unknown: Vec<&'d str>,
) -> (Vec<(usize, Decimal)>, Vec<&'d str>) {
    if template.group_cells.is_empty() || unknown.is_empty() {
        return (Vec::new(), unknown);
    }
    let mut groups = Vec::new();
    let mut still_unknown = Vec::new();
    for id in unknown {
        let figure = template
            .group_cell_idx(id)
            .zip(stated.get(id).and_then(CellEntry::number));
        match figure {
            Some(group) => groups.push(group),
            None => still_unknown.push(id),
        }
    }
    // In template order, as findings are listed.
    groups.sort_unstable_by_key(|&(g, _)| g);
    (groups, still_unknown)
}

/// Computes every total, in the template's evaluation order (each after the cells it sums).
/// A row group printed as one row stands for its cells in a total that sums them all while
/// none of them holds a value. Returns the totals that overflowed.
fn compute_totals(
    template: &Template,
    cells: &mut [CellResult],
    groups: &[(usize, Decimal)],
) -> Vec<CellIdx> {
    let mut overflowed = Vec::new();
    for &idx in &template.eval_order {
        let Some(formula) = &template.cells[idx].formula else {
            continue;
        };
        cells[idx] = if groups.is_empty() {
            total(&formula.terms, cells)
        } else {
            total_with_groups(template, &formula.terms, cells, groups)
        };
        if cells[idx].status == CellStatus::Overflow {
            overflowed.push(idx);
        }
    }
    overflowed
}

/// The sum of a formula's terms: complete when every term is, an overflow when a term
/// overflowed or the sum does.
fn total(terms: &[CellIdx], cells: &[CellResult]) -> CellResult {
    let mut sum: Option<Decimal> = None;
    let mut is_complete = true;
    let mut is_overflow = false;
    for &term in terms {
        let r = cells[term];
        match r.status {
            CellStatus::Entered | CellStatus::Computed { is_complete: true } => {}
            CellStatus::Empty
            | CellStatus::Invalid
            | CellStatus::Computed { is_complete: false } => {
                is_complete = false;
            }
            CellStatus::Overflow => is_overflow = true,
        }
        if let Some(v) = r.value {
            match sum.unwrap_or(Decimal::ZERO).checked_add(v) {
                Some(s) => sum = Some(s),
                None => is_overflow = true,
            }
        }
    }
    if is_overflow {
        CellResult {
            value: None,
            status: CellStatus::Overflow,
        }
    } else {
        CellResult {
            value: sum,
            status: CellStatus::Computed { is_complete },
        }
    }
}

/// The sum of a formula's terms where printed group figures stand for the groups' cells
/// that it sums and that hold no value.
fn total_with_groups(
    template: &Template,
    terms: &[CellIdx],
    cells: &[CellResult],
    groups: &[(usize, Decimal)],
) -> CellResult {
    let mut covered: Vec<CellIdx> = Vec::new();
    let mut figures = Decimal::ZERO;
    for &(g, figure) in groups {
        let group = &template.group_cells[g].terms;
        let stands_in = group.iter().all(|t| {
            terms.contains(t)
                && cells[*t].value.is_none()
                && !matches!(cells[*t].status, CellStatus::Invalid | CellStatus::Overflow)
        });
        if stands_in {
            covered.extend(group);
            figures = match figures.checked_add(figure) {
                Some(sum) => sum,
                None => return CellResult::OVERFLOW,
            };
        }
    }
    if covered.is_empty() {
        return total(terms, cells);
    }
    let rest: Vec<CellIdx> = terms
        .iter()
        .copied()
        .filter(|t| !covered.contains(t))
        .collect();
    let result = total(&rest, cells);
    if result.status == CellStatus::Overflow {
        return result;
    }
    match result.value.unwrap_or(Decimal::ZERO).checked_add(figures) {
        Some(sum) => CellResult {
            value: Some(sum),
            ..result
        },
        None => CellResult::OVERFLOW,
    }
}

/// Pairs each entry of an id-keyed map with its cell (in the map's order), and returns
/// the ids the template does not know.
pub(crate) fn resolve<'d, V>(
    template: &Template,
    map: &'d std::collections::BTreeMap<String, V>,
) -> (Vec<(CellIdx, &'d V)>, Vec<&'d str>) {
    let mut found = Vec::with_capacity(map.len());
    let mut unknown = Vec::new();
    for (id, value) in map {
        match template.cell_by_id.get(id.as_str()) {
            Some(&idx) => found.push((idx, value)),
            None => unknown.push(id.as_str()),
        }
    }
    (found, unknown)
}

/// Fills `{name}` placeholders of a rule's message.
pub(crate) fn fill(message: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(message.len() + 32);
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let values = [("cell", "「自然人」"), ("n", "12")];
        assert_eq!(fill("{cell}为{n}件，{n}", &values), "「自然人」为12件，12");
        assert_eq!(fill("{x}与{cell}", &values), "{x}与「自然人」");
        assert_eq!(fill("未闭合{cell", &values), "未闭合{cell");
        assert_eq!(fill("{a{cell}}", &values), "{a{cell}}");
        assert_eq!(fill("", &values), "");
    }
}
