//! What the prose rules found in a part's text, remembered between evaluations.
//!
//! Several rules (E2, E11, L1) depend on a part's text and the template alone, not on the
//! tables. The editor evaluates on every keystroke, and a keystroke changes one part at
//! most, so each result is kept under (template, rule, part) with the text it was found
//! in, and only a part whose text changed is read again. Only a cache: a result is the same
//! whether it comes from here or is computed afresh, and the memo is bounded. An
//! evaluation made once ([`super::Purpose::Count`]) neither reads nor fills it.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

use super::checks::Facts;
use super::{CellResult, Purpose};
use crate::template::Rule;

/// (template serial, rule's place in the template, part's place in the template).
type Key = (u64, usize, usize);

/// What a result was computed from (besides the template and rule), and the result.
struct Entry {
    inputs: Box<dyn Any + Send>,
    result: Box<dyn Any + Send>,
}

/// Enough for a few open reports; past it the memo starts again.
const CAPACITY: usize = 1024;

static MEMO: LazyLock<Mutex<HashMap<Key, Entry>>> = LazyLock::new(Mutex::default);

/// `compute()`'s result for this rule on this part's `text`, remembered.
pub(super) fn remember<T: Clone + Send + 'static>(
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
pub(super) fn remember_by<I: Send + 'static, T: Clone + Send + 'static>(
    facts: &Facts<'_>,
    rule: &Rule,
    part: usize,
    is_same: impl Fn(&I) -> bool,
    inputs: impl FnOnce() -> I,
    compute: impl FnOnce() -> T,
) -> T {
    if facts.context.purpose == Purpose::Count {
        return compute();
    }
    let template = facts.template;
    let Some(rule_at) = template.rules.iter().position(|r| std::ptr::eq(r, rule)) else {
        // A rule not of this template (not the case in the engine): nothing to key it by.
        return compute();
    };
    let key = (template.serial, rule_at, part);
    // A poisoned memo (a panic elsewhere while it was held) is only a lost cache.
    if let Ok(memo) = MEMO.lock()
        && let Some(entry) = memo.get(&key)
        && entry.inputs.downcast_ref::<I>().is_some_and(&is_same)
        && let Some(result) = entry.result.downcast_ref::<T>()
    {
        return result.clone();
    }
    let result = compute();
    if let Ok(mut memo) = MEMO.lock() {
        if memo.len() >= CAPACITY && !memo.contains_key(&key) {
            memo.clear();
        }
        memo.insert(
            key,
            Entry {
                inputs: Box::new(inputs()),
                result: Box::new(result.clone()),
            },
        );
    }
    result
}

/// The tables' values as a number that changes whenever they do, per template: rules that
/// read the tables as well as a part's text keep this with the text instead of every cell.
pub(super) fn cells_generation(facts: &Facts<'_>) -> u64 {
    /// Per template serial: the values last seen, and their generation.
    type Seen = HashMap<u64, (Vec<CellResult>, u64)>;
    static SEEN: LazyLock<Mutex<Seen>> = LazyLock::new(Mutex::default);
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let (template, cells) = (facts.template, facts.cells);
    if facts.context.purpose == Purpose::Count {
        // Nothing is remembered, so no generation is compared.
        return 0;
    }
    let Ok(mut seen) = SEEN.lock() else {
        // Never equal to a kept generation: nothing is reused.
        return 0;
    };
    if seen.len() >= CAPACITY && !seen.contains_key(&template.serial) {
        seen.clear();
    }
    let entry = seen.entry(template.serial).or_default();
    // As written, not only equal in value: messages print the figures.
    let identical = |a: &CellResult, b: &CellResult| {
        a.status == b.status
            && match (a.value, b.value) {
                (Some(a), Some(b)) => a.is_identical(&b),
                (a, b) => a.is_none() && b.is_none(),
            }
    };
    let same =
        entry.0.len() == cells.len() && entry.0.iter().zip(cells).all(|(a, b)| identical(a, b));
    if entry.1 == 0 || !same {
        entry.0.clear();
        entry.0.extend_from_slice(cells);
        entry.1 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    entry.1
}
