//! 版本历史: every save keeps the state it replaces, in the draft file itself (format
//! version 5), so that the history goes wherever the file goes (另存为, a copy sent by
//! mail) and is written atomically with it.
//!
//! A version is kept as a reverse change: the values its state had where the state after
//! it differs (cells, texts, metadata, printed totals), so a version costs what changed, not
//! a copy of the report. The state of version *k* is the draft now with the changes of the
//! newest version down to *k* applied in turn. The history is bounded: the newest
//! [`KEEP_ALL`] versions, and beyond them the last version of each day; a version dropped
//! has its change folded into the one before it, so every version kept stays exact.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{CellEntry, Draft, Meta};

/// How many of the newest versions are all kept.
pub const KEEP_ALL: usize = 50;

/// One earlier state of the draft: the values where the state after it differs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Version {
    /// When this state was replaced by a save (`YYYY-MM-DD HH:MM`).
    pub replaced_at: String,
    /// Who saved over it, when known (the system's user name).
    pub by: String,
    /// What the save changed, in a line: 「表三 3格、正文 2段」.
    pub summary: String,
    /// Cells that differed: their value here, `None` where the cell was empty.
    pub cells: BTreeMap<String, Option<CellEntry>>,
    /// Texts that differed: their text here, `None` where there was none.
    pub texts: BTreeMap<String, Option<String>>,
    /// Printed totals that differed, as `cells`.
    pub stated: BTreeMap<String, Option<CellEntry>>,
    /// The metadata here, when it differed.
    pub meta: Option<Meta>,
}

impl Version {
    /// The change from `newer` back to `older`; `None` when they say the same.
    fn between(older: &Draft, newer: &Draft) -> Option<Self> {
        let cells = back(&older.cells, &newer.cells);
        let texts = back(&older.texts, &newer.texts);
        let stated = back(&older.stated, &newer.stated);
        let meta = (older.meta != newer.meta).then(|| older.meta.clone());
        if cells.is_empty() && texts.is_empty() && stated.is_empty() && meta.is_none() {
            return None;
        }
        Some(Self {
            summary: summary(&cells, &texts, &stated, meta.is_some()),
            cells,
            texts,
            stated,
            meta,
            ..Self::default()
        })
    }

    /// `draft` taken back to this version's state.
    fn apply(&self, draft: &mut Draft) {
        put(&mut draft.cells, &self.cells);
        put(&mut draft.texts, &self.texts);
        put(&mut draft.stated, &self.stated);
        if let Some(meta) = &self.meta {
            draft.meta = meta.clone();
        }
    }

    /// This change and the older one after it as one, which leaves out this version's state:
    /// from the state after it straight back to `older`'s (the older value wins where both
    /// changed a value), known by `older`'s time and saver.
    fn fold(&mut self, older: Self) {
        self.cells.extend(older.cells);
        self.texts.extend(older.texts);
        self.stated.extend(older.stated);
        if older.meta.is_some() {
            self.meta = older.meta;
        }
        self.replaced_at = older.replaced_at;
        self.by = older.by;
        self.summary = summary(&self.cells, &self.texts, &self.stated, self.meta.is_some());
    }
}

/// For each key where the maps differ, the older map's value.
fn back<V: Clone + PartialEq>(
    older: &BTreeMap<String, V>,
    newer: &BTreeMap<String, V>,
) -> BTreeMap<String, Option<V>> {
    let mut out = BTreeMap::new();
    for (id, value) in older {
        if newer.get(id) != Some(value) {
            out.insert(id.clone(), Some(value.clone()));
        }
    }
    for id in newer.keys() {
        if !older.contains_key(id) {
            out.insert(id.clone(), None);
        }
    }
    out
}

fn put<V: Clone>(map: &mut BTreeMap<String, V>, values: &BTreeMap<String, Option<V>>) {
    for (id, value) in values {
        match value {
            Some(value) => {
                map.insert(id.clone(), value.clone());
            }
            None => {
                map.remove(id);
            }
        }
    }
}

/// 「表三 3格、正文 2段、基本信息」: the changed cells per table (by the id's table), texts
/// and metadata.
fn summary<C, T>(
    cells: &BTreeMap<String, C>,
    texts: &BTreeMap<String, T>,
    stated: &BTreeMap<String, C>,
    meta: bool,
) -> String {
    let mut per_table: BTreeMap<&str, usize> = BTreeMap::new();
    for id in cells.keys().chain(stated.keys()) {
        let table = id.split('.').next().unwrap_or_default();
        *per_table.entry(table).or_default() += 1;
    }
    let mut parts: Vec<String> = per_table
        .into_iter()
        .map(|(table, n)| {
            let name = match table {
                "t2" => "表二",
                "t3" => "表三",
                "t4" => "表四",
                _ => "表格",
            };
            format!("{name} {n}格")
        })
        .collect();
    if !texts.is_empty() {
        parts.push(format!("正文 {}段", texts.len()));
    }
    if meta {
        parts.push("基本信息".to_owned());
    }
    parts.join("、")
}

impl Draft {
    /// Records that `previous` (the state last saved) is being replaced by this draft, at
    /// `at` by `by`: a version when they differ, then the history bounded. Nothing else
    /// of the draft changes.
    pub fn record_version(&mut self, previous: &Draft, at: &str, by: &str) {
        let Some(mut version) = Version::between(previous, self) else {
            return;
        };
        version.replaced_at = at.to_owned();
        version.by = by.to_owned();
        // The history travels with the draft: the previous state's own is the one kept.
        self.history.clone_from(&previous.history);
        self.history.insert(0, version);
        self.prune_history();
    }

    /// The newest [`KEEP_ALL`] versions, and beyond them the last of each day (the one
    /// replaced last that day).
    fn prune_history(&mut self) {
        let day = |v: &Version| v.replaced_at.get(..10).unwrap_or_default().to_owned();
        let mut at = KEEP_ALL;
        while at + 1 < self.history.len() {
            // Newest first: the version after `at` is older. Of two replaced the same day
            // the older goes: its change is folded into the one older still, or, the
            // oldest, it is simply dropped.
            if day(&self.history[at + 1]) != day(&self.history[at]) {
                at += 1;
            } else if at + 2 < self.history.len() {
                let older = self.history.remove(at + 2);
                self.history[at + 1].fold(older);
            } else {
                self.history.truncate(at + 1);
            }
        }
    }

    /// The draft as it was at version `n` (0 the newest kept); `None` past the oldest.
    pub fn version(&self, n: usize) -> Option<Draft> {
        if n >= self.history.len() {
            return None;
        }
        let mut state = self.clone();
        for version in &self.history[..=n] {
            version.apply(&mut state);
        }
        state.history.clear();
        state.finalized = None;
        Some(state)
    }

    /// 恢复: this draft's content (cells, texts, metadata, printed totals) made version
    /// `n`'s; its history, sign-off and review stay. `false` past the oldest version.
    pub fn restore_version(&mut self, n: usize) -> bool {
        let Some(state) = self.version(n) else {
            return false;
        };
        self.cells = state.cells;
        self.texts = state.texts;
        self.stated = state.stated;
        self.meta = state.meta;
        true
    }
}
