//! 汇总下级报告: a 本级政府 report whose tables are the sums of its units' drafts.
//!
//! Pure: the edges read the files and stream the units in one by one ([`Merger::add`]);
//! nothing here keeps a unit's draft once it is added, so memory does not grow with the
//! number of units beyond one line each (its name, file, hash and status). Input cells are
//! summed cell by cell, exactly; computed cells are never summed: the engine recomputes them
//! from the sums. A cell empty in every unit stays empty; a cell some units left empty (or
//! filled with something that is not a number) holds the others' sum and is flagged with
//! those units (D3). A unit for another year or format, one that cannot be read, or one
//! repeating another's 机关全称 is listed with the reason and left out, never summed.

use std::collections::BTreeMap;

use crate::draft::{CellEntry, Consolidation, Draft, PartlyEmpty, UnitRecord};
use crate::engine::{self, Severity};
use crate::meta::{Level, Meta};
use crate::number::Decimal;
use crate::template::Template;

/// How many units a partly empty cell names (the count says how many there are).
pub const MAX_NAMED: usize = 20;

/// A unit's draft as the edge read it.
#[derive(Debug)]
pub struct UnitInput {
    /// The file, as it should be recorded (relative to the consolidated draft if it can be).
    pub file: String,
    /// [`content_hash`] of the file's bytes.
    pub hash: String,
    /// The draft, or why it could not be read (in Chinese).
    pub draft: Result<Draft, String>,
    /// Its [`unit_status`], when the reader computed it already (on another thread).
    pub status: Option<UnitStatus>,
    /// The unit's linked last-year draft, as the reader found it, for its status (R5, R10,
    /// E9, C1), as `validate` reads it; `None` when it links to none or the link is broken.
    pub last_year: Option<engine::LastYear>,
}

pub use crate::engine::Balance;

/// A unit that was summed, and how its own report stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitStatus {
    /// 机关全称.
    pub agency: String,
    /// Its file.
    pub file: String,
    /// 机关层级, if given.
    pub level: Option<Level>,
    /// Its own errors.
    pub errors: usize,
    /// Its own warnings.
    pub warnings: usize,
    /// Its R1.
    pub balance: Balance,
    /// Whether a reviewer marked it 已审阅.
    pub reviewed: bool,
    /// Whether it was final (定稿) when summed.
    pub finalized: bool,
    /// The template's key figures (新收, 办理结果…), `None` where incomplete.
    pub figures: Vec<Option<Decimal>>,
}

/// A unit left out of the sums, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excluded {
    /// Its file.
    pub file: String,
    /// 机关全称, when the draft could be read.
    pub agency: String,
    /// Why, in Chinese.
    pub reason: String,
}

/// The consolidated draft and what the merge found.
#[derive(Debug)]
pub struct Merged {
    /// The consolidated draft: the sums in its tables, its units in `consolidation`.
    pub draft: Draft,
    /// The units summed, in the order read.
    pub units: Vec<UnitStatus>,
    /// The units left out.
    pub excluded: Vec<Excluded>,
}

/// What a merge found, worded once for the command line and the editor: the units summed
/// and left out, the roster, what changed since the last merge, and the consolidated
/// report's own findings.
pub struct MergeReport<'a> {
    /// The format merged.
    pub template: &'a Template,
    /// The merge.
    pub merged: &'a Merged,
    /// The roster checked, when there was one.
    pub roster: Option<&'a RosterCheck>,
    /// What changed since the last consolidation ([`changes`]).
    pub changes: &'a [String],
    /// The consolidated report's own evaluation.
    pub evaluation: &'a engine::Evaluation,
}

impl MergeReport<'_> {
    /// How many cells some units left empty (D3 names them).
    pub fn partly_empty(&self) -> usize {
        self.merged
            .draft
            .consolidation
            .as_ref()
            .map_or(0, |c| c.partly_empty.len())
    }

    /// For people, a line each; `saved_as` names the file the consolidated draft was
    /// saved to, when it was.
    pub fn text(&self, saved_as: Option<&str>) -> String {
        let merged = self.merged;
        let mut s = String::new();
        line(
            &mut s,
            &format!(
                "已汇总{}个单位（{}年度，{}）{}",
                merged.units.len(),
                merged.draft.meta.year,
                self.template.name,
                saved_as.map_or_else(String::new, |path| format!("：{path}"))
            ),
        );
        let not_final: Vec<&str> = merged
            .units
            .iter()
            .filter(|u| !u.finalized)
            .map(|u| u.agency.as_str())
            .collect();
        if not_final.is_empty() {
            line(&mut s, "各单位的报告均已定稿");
        } else if not_final.len() < merged.units.len() {
            line(
                &mut s,
                &format!("未定稿{}个：{}", not_final.len(), not_final.join("、")),
            );
        } else {
            line(&mut s, "各单位的报告均未定稿");
        }
        if !merged.excluded.is_empty() {
            line(&mut s, &format!("未计入{}个：", merged.excluded.len()));
            for e in &merged.excluded {
                line(&mut s, &format!("  {}：{}", e.file, e.reason));
            }
        }
        if let Some(roster) = self.roster {
            line(&mut s, &format!("名单中未报送{}个：", roster.missing.len()));
            for m in &roster.missing {
                let contact = if m.contact.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", m.contact)
                };
                line(&mut s, &format!("  {}{contact}", m.agency));
            }
            if !roster.extra.is_empty() {
                line(&mut s, &format!("不在名单中{}个：", roster.extra.len()));
                for e in &roster.extra {
                    line(&mut s, &format!("  {e}"));
                }
            }
        }
        let n_partly = self.partly_empty();
        if n_partly > 0 {
            line(
                &mut s,
                &format!(
                    "有{n_partly}个单元格部分单位未填写，已按其余单位相加（校验结果 D3 列出这些单位）"
                ),
            );
        }
        if !self.changes.is_empty() {
            line(&mut s, "与上次汇总相比：");
            for c in self.changes {
                line(&mut s, &format!("  {c}"));
            }
        }
        line(
            &mut s,
            &format!(
                "汇总报告校验：错误{}个，警告{}个",
                self.evaluation.count(Severity::Error),
                self.evaluation.count(Severity::Warning)
            ),
        );
        s
    }
}

fn line(s: &mut String, text: &str) {
    s.push_str(text);
    s.push('\n');
}

/// Sums units' drafts one by one.
pub struct Merger<'t> {
    template: &'t Template,
    year: u16,
    sums: Vec<Option<Decimal>>,
    empty: Vec<PartlyEmpty>,
    overflowed: Vec<bool>,
    /// 机关全称 (without spaces) → the file it came from.
    agencies: BTreeMap<String, String>,
    records: Vec<UnitRecord>,
    units: Vec<UnitStatus>,
    excluded: Vec<Excluded>,
}

impl<'t> Merger<'t> {
    /// A merge of units reporting `year` in `template`.
    pub fn new(template: &'t Template, year: u16) -> Self {
        let n = template.cells.len();
        Self {
            template,
            year,
            sums: vec![None; n],
            empty: vec![PartlyEmpty::default(); n],
            overflowed: vec![false; n],
            agencies: BTreeMap::new(),
            records: Vec::new(),
            units: Vec::new(),
            excluded: Vec::new(),
        }
    }

    /// Adds a unit: summed, or listed as left out with the reason.
    pub fn add(&mut self, unit: UnitInput) {
        let UnitInput {
            file,
            hash,
            draft,
            status,
            last_year,
        } = unit;
        let draft = match draft {
            Ok(draft) => draft,
            Err(reason) => {
                let reason = format!("无法读取：{reason}");
                self.exclude(file, String::new(), reason);
                return;
            }
        };
        let agency = draft.meta.agency.trim().to_owned();
        if let Some(reason) = self.refusal(&draft, &agency) {
            self.exclude(file, agency, reason);
            return;
        }
        self.agencies
            .insert(crate::text::compact(&agency), file.clone());
        self.sum(&draft, &agency);
        let status =
            status.unwrap_or_else(|| unit_status(self.template, &draft, &file, last_year.as_ref()));
        self.units.push(status);
        let finalized = draft.is_final();
        self.records.push(UnitRecord {
            agency,
            file,
            hash,
            finalized,
        });
    }

    /// Why a readable unit cannot be summed, if it cannot.
    fn refusal(&self, draft: &Draft, agency: &str) -> Option<String> {
        if draft.template != self.template.id {
            return Some(format!(
                "使用的报告格式（{}）与汇总的格式「{}」不同",
                draft.template, self.template.name
            ));
        }
        if draft.meta.year != self.year {
            return Some(format!(
                "是{}年度的报告，汇总的是{}年度",
                draft.meta.year, self.year
            ));
        }
        if agency.is_empty() {
            return Some("没有填写机关全称，无法与其他单位区分".to_owned());
        }
        if draft.consolidation.is_some() {
            return Some("本身是汇总报告：请汇总各单位自己的报告，不要重复计入".to_owned());
        }
        let first = self.agencies.get(&crate::text::compact(agency))?;
        Some(format!("与「{first}」是同一机关（{agency}），只计入一次"))
    }

    fn exclude(&mut self, file: String, agency: String, reason: String) {
        self.excluded.push(Excluded {
            file,
            agency,
            reason,
        });
    }

    /// Adds the unit's input cells to the sums; an empty or unusable cell is counted as
    /// such for the cell.
    fn sum(&mut self, draft: &Draft, agency: &str) {
        let mut entries = vec![None; self.template.cells.len()];
        for (idx, entry) in engine::resolve(self.template, &draft.cells).0 {
            entries[idx] = Some(entry);
        }
        for (idx, def) in self.template.cells.iter().enumerate() {
            if !def.is_input() {
                continue;
            }
            let value = match entries[idx] {
                Some(CellEntry::Number(n)) if def.kind.check(*n).is_ok() => Some(*n),
                Some(_) | None => None,
            };
            match value {
                Some(v) => {
                    let sum = self.sums[idx].unwrap_or(Decimal::ZERO).checked_add(v);
                    match sum {
                        Some(s) => self.sums[idx] = Some(s),
                        None => self.overflowed[idx] = true,
                    }
                }
                None => {
                    let empty = &mut self.empty[idx];
                    empty.count += 1;
                    if empty.units.len() < MAX_NAMED {
                        empty.units.push(agency.to_owned());
                    }
                }
            }
        }
    }

    /// The consolidated draft, with `meta` (its agency, level…; the year is the units').
    pub fn finish(mut self, meta: Meta) -> Merged {
        let template = self.template;
        let mut draft = Draft::new(
            template,
            Meta {
                year: self.year,
                ..meta
            },
        );
        let mut partly_empty = BTreeMap::new();
        for (idx, def) in template.cells.iter().enumerate() {
            if self.overflowed[idx] {
                self.excluded.push(Excluded {
                    file: String::new(),
                    agency: String::new(),
                    reason: format!("「{}」的合计超出可计算的范围，此格未汇总", def.name),
                });
                continue;
            }
            let Some(sum) = self.sums[idx] else {
                continue;
            };
            draft.cells.insert(def.id.clone(), CellEntry::Number(sum));
            let empty = std::mem::take(&mut self.empty[idx]);
            if empty.count > 0 {
                partly_empty.insert(def.id.clone(), empty);
            }
        }
        draft.consolidation = Some(Consolidation {
            units: self.records,
            partly_empty,
        });
        Merged {
            draft,
            units: self.units,
            excluded: self.excluded,
        }
    }
}

/// How a unit's own report stands: its findings, its R1, 已审阅, its key figures (the
/// merge computes it; a reader may compute it first, on its own thread). With the unit's
/// linked last-year draft, as `validate` judges the unit (R5, R10, E9, C1 run), so both
/// count the same errors and warnings.
pub fn unit_status(
    template: &Template,
    draft: &Draft,
    file: &str,
    last_year: Option<&engine::LastYear>,
) -> UnitStatus {
    let agency = draft.meta.agency.trim();
    let context = engine::Context {
        purpose: engine::Purpose::Count,
        last_year,
        ..engine::Context::default()
    };
    let evaluation = engine::evaluate_with(template, draft, &context);
    let balance = Balance::of_table(&engine::balance_columns(template, &evaluation));
    UnitStatus {
        agency: agency.to_owned(),
        file: file.to_owned(),
        level: draft.meta.level,
        errors: evaluation.count(Severity::Error),
        warnings: evaluation.count(Severity::Warning),
        balance,
        reviewed: draft.reviewed.is_some(),
        finalized: draft.is_final(),
        figures: template
            .key_figures
            .iter()
            .map(|k| evaluation.complete_sum(&k.cells))
            .collect(),
    }
}

/// FNV-1a (64 bit) of a file's bytes, as 16 hex digits: enough to tell that a unit's file
/// changed since it was summed.
pub fn content_hash(bytes: &[u8]) -> String {
    crate::text::fnv1a_hex(bytes)
}

/// What changed since an earlier consolidation: units added, gone, and changed (the same
/// 机关全称, another file or other bytes), each as a line.
pub fn changes(before: &Consolidation, now: &Consolidation) -> Vec<String> {
    let by_agency = |c: &Consolidation| -> BTreeMap<String, UnitRecord> {
        c.units
            .iter()
            .map(|u| (crate::text::compact(&u.agency), u.clone()))
            .collect()
    };
    let (old, new) = (by_agency(before), by_agency(now));
    let mut out = Vec::new();
    for (key, unit) in &new {
        match old.get(key) {
            None => out.push(format!("新增：{}（{}）", unit.agency, unit.file)),
            Some(was) if was.hash != unit.hash || was.file != unit.file => {
                out.push(format!("已更新：{}（{}）", unit.agency, unit.file));
            }
            Some(_) => {}
        }
    }
    for (key, unit) in &old {
        if !new.contains_key(key) {
            out.push(format!("不再计入：{}（{}）", unit.agency, unit.file));
        }
    }
    out
}

/// One unit expected to report (名单).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    /// 机关全称.
    pub agency: String,
    /// 机关层级, if the roster gives it.
    pub level: Option<Level>,
    /// 联系方式, if the roster gives it.
    pub contact: String,
}

/// The roster read from a sheet's rows: a header row names the columns (机关全称 or
/// 单位名称…, and optionally 机关层级 and 联系方式/联系人/电话); without one, the first
/// column is the name. Empty rows are skipped.
///
/// # Errors
/// A message in Chinese when no unit is listed.
pub fn roster(rows: &[Vec<String>]) -> Result<Vec<RosterEntry>, String> {
    let is = |cell: &str, words: &[&str]| {
        let cell = crate::text::compact(cell);
        words.iter().any(|w| cell.contains(w))
    };
    let header = rows.iter().take(5).position(|row| {
        row.iter()
            .any(|c| is(c, &["机关全称", "单位名称", "机关名称", "单位全称"]))
    });
    let column = |words: &[&str]| header.and_then(|h| rows[h].iter().position(|c| is(c, words)));
    let name_col = column(&["机关全称", "单位名称", "机关名称", "单位全称"]).unwrap_or(0);
    let level_col = column(&["层级", "级别"]);
    let contact_col = column(&["联系方式", "联系人", "电话"]);
    let cell = |row: &Vec<String>, col: Option<usize>| {
        col.and_then(|c| row.get(c))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let entries: Vec<RosterEntry> = rows
        .iter()
        .skip(header.map_or(0, |h| h + 1))
        .filter_map(|row| {
            let agency = cell(row, Some(name_col));
            (!agency.is_empty()).then(|| RosterEntry {
                level: Level::parse(&cell(row, level_col)),
                contact: cell(row, contact_col),
                agency,
            })
        })
        .collect();
    if entries.is_empty() {
        return Err("名单中没有单位（第一列或「机关全称」一列为单位名称）".to_owned());
    }
    Ok(entries)
}

/// The roster against the units summed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterCheck {
    /// On the roster, not summed (no draft, or one left out).
    pub missing: Vec<RosterEntry>,
    /// Summed, not on the roster.
    pub extra: Vec<String>,
}

/// Which units of the roster did not report, and which units reported without being on it
/// (names compared without spaces).
pub fn check_roster(roster: &[RosterEntry], units: &[UnitStatus]) -> RosterCheck {
    let listed: BTreeMap<String, &RosterEntry> = roster
        .iter()
        .map(|r| (crate::text::compact(&r.agency), r))
        .collect();
    let reported: BTreeMap<String, &UnitStatus> = units
        .iter()
        .map(|u| (crate::text::compact(&u.agency), u))
        .collect();
    RosterCheck {
        missing: roster
            .iter()
            .filter(|r| !reported.contains_key(&crate::text::compact(&r.agency)))
            .cloned()
            .collect(),
        extra: units
            .iter()
            .filter(|u| !listed.contains_key(&crate::text::compact(&u.agency)))
            .map(|u| u.agency.clone())
            .collect(),
    }
}

/// The per-unit overview (各单位概况): a header and one row per unit — 机关全称, file, the
/// template's key figures, errors, warnings, R1, 已审阅.
pub fn overview(template: &Template, units: &[UnitStatus]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["机关全称".to_owned(), "文件".to_owned()];
    header.extend(template.key_figures.iter().map(|k| k.name.clone()));
    header.extend(["错误", "警告", "勾稽关系（表三）", "已审阅", "已定稿"].map(str::to_owned));
    let rows = units
        .iter()
        .map(|unit| {
            let mut row = vec![unit.agency.clone(), unit.file.clone()];
            row.extend(
                unit.figures
                    .iter()
                    .map(|f| f.map_or_else(String::new, |v| v.to_string())),
            );
            row.push(unit.errors.to_string());
            row.push(unit.warnings.to_string());
            row.push(unit.balance.label().to_owned());
            row.push(if unit.reviewed { "是" } else { "否" }.to_owned());
            row.push(if unit.finalized { "是" } else { "否" }.to_owned());
            row
        })
        .collect();
    (header, rows)
}

/// The per-unit overview as an attachment to the report (the Word overview): without the
/// files (paths mean nothing to a reader of the published report), and a 合计 row: each
/// key figure summed over the units (「—」 where a unit's is incomplete: empty is not zero),
/// their errors and warnings, how many units' table 三 balances and how many were reviewed.
pub fn overview_attachment(
    template: &Template,
    units: &[UnitStatus],
) -> (Vec<String>, Vec<Vec<String>>) {
    let (mut header, mut rows) = overview(template, units);
    header.remove(1);
    for row in &mut rows {
        row.remove(1);
    }
    let mut total = vec!["合计".to_owned()];
    for k in 0..template.key_figures.len() {
        let sum = units.iter().try_fold(Decimal::ZERO, |sum, u| {
            u.figures
                .get(k)
                .copied()
                .flatten()
                .and_then(|v| sum.checked_add(v))
        });
        total.push(sum.map_or_else(|| "—".to_owned(), |v| v.to_string()));
    }
    total.push(units.iter().map(|u| u.errors).sum::<usize>().to_string());
    total.push(units.iter().map(|u| u.warnings).sum::<usize>().to_string());
    let holds = units.iter().filter(|u| u.balance == Balance::Holds).count();
    total.push(format!("{holds}个成立"));
    let reviewed = units.iter().filter(|u| u.reviewed).count();
    total.push(format!("{reviewed}/{}", units.len()));
    let finalized = units.iter().filter(|u| u.finalized).count();
    total.push(format!("{finalized}/{}", units.len()));
    rows.push(total);
    (header, rows)
}

/// The per-unit overview as CSV (UTF-8 with a byte-order mark, so that Excel and WPS read
/// the Chinese).
pub fn overview_csv(template: &Template, units: &[UnitStatus]) -> String {
    let (header, rows) = overview(template, units);
    let mut out = String::from("\u{feff}");
    push_csv_row(&mut out, &header);
    for row in &rows {
        push_csv_row(&mut out, row);
    }
    out
}

/// One CSV row (RFC 4180: a field with a comma, quote or line break is quoted).
fn push_csv_row(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}
