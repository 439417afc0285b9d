//! What the prose rules found in a part's text, remembered between evaluations by the
//! caller that evaluates again and again (the editor's session).
//!
//! Several rules (E2, E11, L1, R11 with the tables, and E9 with last year's report) depend on
//! a part's text, not on the rest of the draft. The editor evaluates on every keystroke, and a keystroke changes one
//! part at most, so each result is kept under (rule, part) with the text it was found in,
//! and only a part whose text changed is read again. The [`Memo`] is the caller's value,
//! passed in through [`super::Context::memo`]: `evaluate` keeps no state of its own, and two
//! templates or threads cannot meet in it. Only a cache: a result is the same whether it
//! comes from here or is computed afresh. Without a memo, and for an evaluation made once
//! ([`super::Purpose::Count`]), everything is computed.

use std::any::Any;
use std::cell::RefCell;
use std::fmt;

use super::facts::Facts;
use super::{CellResult, Purpose};
use crate::template::Rule;

/// The caller's memory of the prose rules' results: one per open document (or per thread
/// evaluating documents one after another). Not shared between threads.
#[derive(Default)]
pub struct Memo(RefCell<Data>);

impl fmt::Debug for Memo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Data {
    /// The template the entries are for (its serial); another template starts afresh.
    serial: Option<u64>,
    /// Parts per rule: entries are kept at `rule * n_parts + part`.
    n_parts: usize,
    entries: Vec<Option<Entry>>,
    /// The tables' values last seen, and their generation.
    cells: Vec<CellResult>,
    generation: u64,
}

/// What a result was computed from (besides the template and rule), and the result.
struct Entry {
    inputs: Box<dyn Any>,
    result: Box<dyn Any>,
}

impl Data {
    /// The entries, for this template.
    fn for_template(&mut self, facts: &Facts<'_>) {
        let template = facts.template;
        if self.serial != Some(template.serial) {
            self.serial = Some(template.serial);
            self.n_parts = template.parts().count();
            self.entries.clear();
            self.entries
                .resize_with(template.rules.len() * self.n_parts, || None);
            self.cells.clear();
            self.generation = 0;
        }
    }
}

/// The memo to use, when there is one and the evaluation is not a single count.
fn memo<'a>(facts: &Facts<'a>) -> Option<&'a Memo> {
    if facts.context.purpose == Purpose::Count {
        return None;
    }
    facts.context.memo
}

/// `compute()`'s result for this rule on this part's `text`, remembered.
pub(super) fn remember<T: Clone + 'static>(
    facts: &Facts<'_>,
    rule: &Rule,
    part: usize,
    text: &str,
    compute: impl FnOnce() -> T,
) -> T {
    remember_by(
        facts,
        rule,
        part,
        |seen: &String| seen == text,
        || text.to_owned(),
        compute,
    )
}

/// `compute()`'s result for this rule on this part, remembered with what it was computed
/// from: `is_same` tells whether the inputs now are the ones seen, `inputs` makes them to
/// keep.
pub(super) fn remember_by<I: 'static, T: Clone + 'static>(
    facts: &Facts<'_>,
    rule: &Rule,
    part: usize,
    is_same: impl Fn(&I) -> bool,
    inputs: impl FnOnce() -> I,
    compute: impl FnOnce() -> T,
) -> T {
    let Some(memo) = memo(facts) else {
        return compute();
    };
    let template = facts.template;
    let Some(rule_at) = template.rules.iter().position(|r| std::ptr::eq(r, rule)) else {
        // A rule not of this template (not the case in the engine): nothing to key it by.
        return compute();
    };
    // Another borrow would be a rule computing inside another's computation: not the case,
    // but then nothing is remembered rather than a panic.
    let Ok(mut data) = memo.0.try_borrow_mut() else {
        return compute();
    };
    data.for_template(facts);
    let at = rule_at * data.n_parts + part;
    if let Some(Some(entry)) = data.entries.get(at)
        && entry.inputs.downcast_ref::<I>().is_some_and(&is_same)
        && let Some(result) = entry.result.downcast_ref::<T>()
    {
        return result.clone();
    }
    // Computed without the memo borrowed.
    drop(data);
    let result = compute();
    if let Ok(mut data) = memo.0.try_borrow_mut()
        && let Some(slot) = data.entries.get_mut(at)
    {
        *slot = Some(Entry {
            inputs: Box::new(inputs()),
            result: Box::new(result.clone()),
        });
    }
    result
}

/// The tables' values as a number that changes whenever they do: rules that read the
/// tables as well as a part's text keep this with the text instead of every cell.
pub(super) fn cells_generation(facts: &Facts<'_>) -> u64 {
    let Some(memo) = memo(facts) else {
        // Nothing is remembered, so no generation is compared.
        return 0;
    };
    let Ok(mut data) = memo.0.try_borrow_mut() else {
        return 0;
    };
    data.for_template(facts);
    let cells = facts.cells;
    // As written, not only equal in value: messages print the figures.
    let identical = |a: &CellResult, b: &CellResult| {
        a.status == b.status
            && match (a.value, b.value) {
                (Some(a), Some(b)) => a.is_identical(&b),
                (a, b) => a.is_none() && b.is_none(),
            }
    };
    let same = data.cells.len() == cells.len()
        && data.cells.iter().zip(cells).all(|(a, b)| identical(a, b));
    if data.generation == 0 || !same {
        data.cells.clear();
        data.cells.extend_from_slice(cells);
        data.generation += 1;
    }
    data.generation
}
