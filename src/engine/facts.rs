//! What the checks look at ([`Facts`]) and the one way a finding is made ([`finding`]).

use super::{CellResult, CellStatus, Context, Finding, InvalidReason, Target, fill};
use crate::draft::Draft;
use crate::finding::FindingData;
use crate::number::Decimal;
use crate::template::{CellIdx, Rule, Template};

/// What the checks look at.
pub(super) struct Facts<'a> {
    pub(super) template: &'a Template,
    pub(super) draft: &'a Draft,
    /// The narrative as the rules read it (whitespace beside figures and Chinese removed).
    pub(super) texts: &'a super::prose::Texts<'a>,
    pub(super) context: &'a Context<'a>,
    pub(super) cells: &'a [CellResult],
    pub(super) invalid: &'a [(CellIdx, InvalidReason)],
    /// Totals printed in an imported report, by cell.
    pub(super) stated: &'a [(CellIdx, Decimal)],
    /// Row groups an imported report printed as one row: their figures, by index in
    /// `Template::group_cells`.
    pub(super) groups: &'a [(usize, Decimal)],
    /// Cell ids of the draft's entries and printed totals that the template does not know.
    pub(super) unknown: &'a [&'a str],
    /// Computed cells the draft has an entry for (not used).
    pub(super) computed_entered: &'a [CellIdx],
    /// Totals that overflowed.
    pub(super) overflowed: &'a [CellIdx],
}

impl Facts<'_> {
    pub(super) fn value(&self, idx: CellIdx) -> Option<Decimal> {
        self.cells.get(idx).and_then(|c| c.complete_value())
    }

    /// The sum of the cells, when every one has a complete value.
    pub(super) fn sum(&self, idxs: &[CellIdx]) -> Option<Decimal> {
        idxs.iter()
            .try_fold(Decimal::ZERO, |acc, &i| acc.checked_add(self.value(i)?))
    }

    /// The sum of the cells with blank cells (and blank cells under a total) read as 0;
    /// `None` when one is unusable (not a number, overflowed).
    pub(super) fn sum_blanks_as_zero(&self, idxs: &[CellIdx]) -> Option<Decimal> {
        idxs.iter().try_fold(Decimal::ZERO, |acc, &i| {
            let cell = self.cells.get(i)?;
            let value = match cell.status {
                CellStatus::Invalid | CellStatus::Overflow => return None,
                // An incomplete total carries the sum of what was entered.
                _ => cell.value.unwrap_or(Decimal::ZERO),
            };
            acc.checked_add(value)
        })
    }

    /// Whether these cells, and the cells their totals sum, are numbers or blank: nothing
    /// typed that is not a number, nothing out of range.
    pub(super) fn only_blanks_missing(&self, idxs: &[CellIdx]) -> bool {
        idxs.iter()
            .all(|&i| match self.cells.get(i).map(|c| c.status) {
                Some(CellStatus::Invalid | CellStatus::Overflow) | None => false,
                Some(CellStatus::Computed { is_complete: false }) => self.template.cells[i]
                    .formula
                    .as_ref()
                    .is_none_or(|f| self.only_blanks_missing(&f.terms)),
                _ => true,
            })
    }

    /// How many input cells are blank among these cells and the cells their totals sum.
    pub(super) fn blanks(&self, idxs: &[CellIdx]) -> usize {
        idxs.iter()
            .map(|&i| match self.cells.get(i).map(|c| c.status) {
                Some(CellStatus::Empty) => 1,
                Some(CellStatus::Computed { is_complete: false }) => self.template.cells[i]
                    .formula
                    .as_ref()
                    .map_or(0, |f| self.blanks(&f.terms)),
                _ => 0,
            })
            .sum()
    }

    pub(super) fn name(&self, idx: CellIdx) -> &str {
        self.template.cells.get(idx).map_or("", |c| c.name.as_str())
    }
}

/// A finding of `rule` with its message filled in.
pub(super) fn finding(
    rule: &Rule,
    targets: Vec<Target>,
    values: &[(&'static str, &str)],
) -> Finding {
    finding_data(rule, &rule.message, targets, values).into()
}

/// A finding of `rule` in one of its named cases ([`Rule::messages`]), its message filled
/// in.
pub(super) fn finding_for(
    rule: &Rule,
    case: &str,
    targets: Vec<Target>,
    values: &[(&'static str, &str)],
) -> Finding {
    finding_data(rule, rule.message_for(case), targets, values).into()
}

/// A finding of `rule` with `message` (the rule's own or one of its cases) filled in.
fn finding_data(
    rule: &Rule,
    message: &str,
    targets: Vec<Target>,
    values: &[(&'static str, &str)],
) -> FindingData {
    debug_assert!(
        values
            .iter()
            .all(|(name, _)| rule.check.placeholders().contains(name)),
        "{}: a value the template cannot name ({values:?}); add it to Check::placeholders",
        rule.id
    );
    FindingData {
        severity: rule.severity,
        rule: rule.id.clone(),
        targets,
        message: fill(message, values),
        values: values
            .iter()
            .map(|&(name, value)| (name, value.to_owned()))
            .collect(),
    }
}
