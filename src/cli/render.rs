//! What `show` and `validate` print, as text for people and JSON for scripts.
//! Everything follows template order.

use serde_json::{Map, Value, json};

use crate::draft::Draft;
use crate::engine::{CellStatus, Evaluation, Severity};
use crate::merge::MergeReport;
use crate::template::{Block, Template};

/// `show --json`: `{"template", "year", "agency", "cells", "texts", "invalid", "incomplete"}`.
/// Integers as numbers, money as decimal strings, empty (and unusable) cells as null.
pub(super) fn show_json(template: &Template, draft: &Draft, evaluation: &Evaluation) -> String {
    let mut cells = Map::new();
    let mut invalid = Map::new();
    let mut incomplete = Vec::new();
    for (idx, def) in template.cells.iter().enumerate() {
        let result = evaluation.cell(idx);
        let value = match result.value {
            Some(v) if def.kind.is_integer() => v
                .to_int()
                .and_then(|i| {
                    i64::try_from(i)
                        .ok()
                        .map(Value::from)
                        .or_else(|| u64::try_from(i).ok().map(Value::from))
                })
                .unwrap_or_else(|| Value::String(v.to_string())),
            Some(v) => Value::String(v.to_string()),
            None => Value::Null,
        };
        match result.status {
            CellStatus::Invalid => {
                let text = draft
                    .cells
                    .get(&def.id)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                invalid.insert(def.id.clone(), Value::String(text));
            }
            CellStatus::Computed { is_complete: false } | CellStatus::Overflow => {
                incomplete.push(Value::String(def.id.clone()));
            }
            CellStatus::Empty
            | CellStatus::Entered
            | CellStatus::Computed { is_complete: true } => {}
        }
        cells.insert(def.id.clone(), value);
    }
    let texts: Map<String, Value> = template
        .parts()
        .filter(|p| !draft.text(&p.id).is_empty())
        .map(|p| (p.id.clone(), Value::String(draft.text(&p.id).to_owned())))
        .collect();
    let meta = &draft.meta;
    let doc = json!({
        "template": template.id,
        "year": meta.year,
        "agency": meta.agency,
        "level": meta.level.map(|l| l.label()),
        "published_on": meta.published_on,
        "website": meta.website,
        "contact": meta.contact,
        "cells": cells,
        "texts": texts,
        "invalid": invalid,
        "incomplete": incomplete,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `show`: the report as text, tables with their computed totals.
pub(super) fn show_text(template: &Template, draft: &Draft, evaluation: &Evaluation) -> String {
    let meta = &draft.meta;
    let mut s = String::new();
    s.push_str(&format!(
        "{}{}年政府信息公开工作年度报告\n",
        meta.agency, meta.year
    ));
    s.push_str(&format!(
        "格式：{}（{}）\n",
        template.name, template.basis.doc_number
    ));
    if let Some(level) = meta.level {
        s.push_str(&format!("机关层级：{}\n", level.label()));
    }
    let text_of = |id: &str, s: &mut String| {
        let t = draft.text(id);
        if !t.is_empty() {
            s.push_str(t);
            s.push('\n');
        }
    };
    text_of(&template.preamble.id, &mut s);
    let mut has_incomplete = false;
    for section in &template.sections {
        s.push_str(&format!("\n{}\n", section.heading()));
        if let Some(table) = section.table.and_then(|t| template.tables.get(t)) {
            for block in &table.blocks {
                has_incomplete |= block_text(block, evaluation, &mut s);
            }
        }
        for part in &section.parts {
            if draft.text(&part.id).is_empty() {
                continue;
            }
            if part.is_titled && section.parts.len() > 1 {
                s.push_str(&format!("{}\n", part.title));
            }
            text_of(&part.id, &mut s);
        }
    }
    s.push('\n');
    if has_incomplete {
        s.push_str("* 有单元格未填写或无法识别，该合计只加了已填的数\n");
    }
    s.push_str(&format!(
        "校验：{}个错误，{}个警告，{}个提示（详见 nianbao-cli validate）\n",
        evaluation.count(Severity::Error),
        evaluation.count(Severity::Warning),
        evaluation.count(Severity::Info)
    ));
    s
}

/// One block as aligned columns (shared with the text export); returns whether any total
/// in it is incomplete (marked `*`).
fn block_text(block: &Block, evaluation: &Evaluation, s: &mut String) -> bool {
    let has_incomplete = block.cells.iter().any(|&i| {
        matches!(
            evaluation.cell(i).status,
            CellStatus::Computed { is_complete: false }
        )
    });
    s.push_str(&crate::export::block_lines(block, |idx| {
        let result = evaluation.cell(idx);
        match result.status {
            CellStatus::Empty => String::new(),
            CellStatus::Invalid => "？".to_owned(),
            CellStatus::Overflow => "溢出".to_owned(),
            CellStatus::Computed { is_complete: false } => {
                result.value.map(|v| format!("{v}*")).unwrap_or_default()
            }
            CellStatus::Entered | CellStatus::Computed { is_complete: true } => {
                result.value.map(|v| v.to_string()).unwrap_or_default()
            }
        }
    }));
    has_incomplete
}

/// `validate`: one finding per line, then the counts.
pub(super) fn findings_text(template: &Template, draft: &Draft, evaluation: &Evaluation) -> String {
    let mut s = String::new();
    for f in &evaluation.findings {
        let verdict = crate::review::disposition(template, draft, f)
            .map(|d| {
                format!(
                    "  （审阅意见：{}：{}）",
                    crate::review::verdict_label(f, d),
                    d.note
                )
            })
            .unwrap_or_default();
        let ids: Vec<&str> = f
            .targets
            .iter()
            .take(8)
            .map(|t| template.target_id(t))
            .collect();
        let more = if f.targets.len() > 8 {
            format!(" 等{}处", f.targets.len())
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{} {} {}  [{}{more}]{verdict}\n",
            f.severity.label(),
            f.rule,
            f.message,
            ids.join(", ")
        ));
    }
    s.push_str(&format!(
        "共{}个错误，{}个警告，{}个提示\n",
        evaluation.count(Severity::Error),
        evaluation.count(Severity::Warning),
        evaluation.count(Severity::Info)
    ));
    s
}

/// `validate --json`: a list of `{"severity", "rule", "cells", "message", "fingerprint",
/// "disposition"}` (`disposition`: `null` or `{"verdict", "note", "date", "settled"}`).
pub(super) fn findings_json(template: &Template, draft: &Draft, evaluation: &Evaluation) -> String {
    let list: Vec<Value> = evaluation
        .findings
        .iter()
        .map(|f| {
            let disposition = crate::review::disposition(template, draft, f).map(|d| {
                json!({
                    "verdict": crate::review::verdict_label(f, d),
                    "note": d.note,
                    "date": d.date,
                    "settled": crate::review::is_settled(f, Some(d)),
                })
            });
            json!({
                "severity": f.severity.id(),
                "rule": f.rule,
                "cells": f.targets.iter().map(|t| template.target_id(t)).collect::<Vec<_>>(),
                "message": f.message,
                "fingerprint": crate::review::fingerprint(template, f),
                "disposition": disposition,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
    s.push('\n');
    s
}

/// For scripts: `{"year", "template", "units", "excluded", "roster", "partly_empty",
/// "changes", "findings"}`; figures as decimal strings, missing ones as null.
pub(super) fn merge_json(report: &MergeReport<'_>) -> String {
    let merged = report.merged;
    let units: Vec<Value> = merged
        .units
        .iter()
        .map(|u| {
            let figures: Map<String, Value> = report
                .template
                .key_figures
                .iter()
                .zip(&u.figures)
                .map(|(k, v)| {
                    let value = v.map_or(Value::Null, |v| Value::String(v.to_string()));
                    (k.name.clone(), value)
                })
                .collect();
            json!({
                "agency": u.agency,
                "file": u.file,
                "level": u.level.map(crate::meta::Level::label),
                "errors": u.errors,
                "warnings": u.warnings,
                "r1": u.balance.label(),
                "reviewed": u.reviewed,
                "finalized": u.finalized,
                "figures": figures,
            })
        })
        .collect();
    let excluded: Vec<Value> = merged
        .excluded
        .iter()
        .map(|e| json!({"file": e.file, "agency": e.agency, "reason": e.reason}))
        .collect();
    let roster = report.roster.map(|r| {
        json!({
            "missing": r.missing.iter().map(|m| json!({"agency": m.agency, "contact": m.contact})).collect::<Vec<_>>(),
            "extra": r.extra,
        })
    });
    let partly_empty: Vec<Value> = merged
        .draft
        .consolidation
        .iter()
        .flat_map(|c| &c.partly_empty)
        .map(|(id, e)| json!({"cell": id, "count": e.count, "units": e.units}))
        .collect();
    let report = json!({
        "year": merged.draft.meta.year,
        "template": report.template.id,
        "units": units,
        "excluded": excluded,
        "roster": roster,
        "partly_empty": partly_empty,
        "changes": report.changes,
        "findings": {
            "errors": report.evaluation.count(Severity::Error),
            "warnings": report.evaluation.count(Severity::Warning),
        },
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// Appends a line.
fn line(s: &mut String, text: &str) {
    s.push_str(text);
    s.push('\n');
}

/// What `tally` says: rows counted and left out (with the reason and the row number).
pub(super) fn tally_text(rows: &[Vec<String>], tally: &crate::tally::Tally) -> String {
    let mut s = String::new();
    let n_rows = rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    line(
        &mut s,
        &format!(
            "台账共{n_rows}行（含表头），计入表三的申请{}个，未计入{}行",
            tally.n_counted,
            tally.rejected.len()
        ),
    );
    for r in &tally.rejected {
        line(&mut s, &format!("  第{}行：{}", r.row, r.reason));
    }
    s
}

/// `tally --report`: each tallied cell, its name, its count and the register rows in it.
pub(super) fn tally_csv(template: &Template, tally: &crate::tally::Tally) -> String {
    let mut s = String::from("\u{feff}单元格编号,名称,数量,台账行号\r\n");
    for def in &template.cells {
        if let Some(list) = tally.cells.get(&def.id) {
            let rows: Vec<String> = list.iter().map(ToString::to_string).collect();
            s.push_str(&format!(
                "{},{},{},{}\r\n",
                def.id,
                def.name,
                list.len(),
                rows.join(" ")
            ));
        }
    }
    s
}
