//! Review (审阅): verdicts on findings that survive later edits, comments, the 已审阅
//! baseline and what changed since, and the sign-off record. Pure: drafts in, text out.
//!
//! A verdict is kept by the finding's [`fingerprint`]: its rule, the cells and parts it
//! names and the values it states. While those stay the same the verdict holds (through
//! re-evaluation, saving and reopening); when a figure changes the finding is a new one
//! and shows again. Errors (the arithmetic rules) cannot be dismissed: a verdict
//! on an error explains it, and the error still counts.

use crate::draft::{Disposition, Draft, Verdict, cell_texts};
use crate::engine::{Evaluation, Finding, Severity, Target};
use crate::meta::{Field, Meta};
use crate::template::Template;

/// Values a verdict does not depend on: a count of days to or past the deadline (R16)
/// changes every day, and the verdict is about the deadline.
const VOLATILE: &[&str] = &["days"];

/// Values that only say again what the targets and the template say (a cell's or a
/// format's name, how many ids are listed, 「等」): left out of a finding's identity, so a
/// verdict recorded before the finding carried them still finds it.
const DESCRIPTIVE: &[(&str, &str)] = &[
    ("D1", "count"),
    ("D1", "template"),
    ("D2", "cell"),
    ("D3", "cell"),
    ("D3", "more"),
    ("E4", "expected"),
    ("E4", "name"),
    ("R5", "expected"),
    ("R6", "total"),
    ("R16", "due_cn"),
    ("R16", "published_cn"),
    ("R16", "year"),
    ("R16", "next_year"),
];

/// A finding's identity across evaluations: FNV-1a (64 bit) over its rule, its targets and
/// its values (name and value; a count of days and descriptive values left out), as 16
/// hex digits.
pub fn fingerprint(template: &Template, finding: &Finding) -> String {
    let mut key = format!("2|{}|", finding.rule);
    push_targets(&mut key, template, finding);
    for (name, value) in &finding.values {
        let is_descriptive = DESCRIPTIVE.contains(&(finding.rule.as_str(), *name));
        if !VOLATILE.contains(name) && !is_descriptive {
            key.push_str(name);
            key.push('=');
            key.push_str(value);
            key.push('\u{1f}');
        }
    }
    fnv_hex(&key)
}

/// The identity verdicts were kept by before findings carried their values (draft format
/// 3 and earlier): the runs of digits in the message, a count of days (「…天」) left out.
/// Only read, so that such a verdict still finds its finding; a new verdict is recorded by
/// [`fingerprint`].
fn legacy_fingerprint(template: &Template, finding: &Finding) -> String {
    let mut key = finding.rule.clone();
    key.push('|');
    push_targets(&mut key, template, finding);
    key.push('|');
    let mut figures: Vec<&str> = Vec::new();
    let message = finding.message.as_str();
    let mut start = None;
    for (i, c) in message.char_indices() {
        let is_figure = c.is_ascii_digit() || (c == '.' && start.is_some());
        match (is_figure, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if c != '天' {
                    figures.push(&message[s..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        figures.push(&message[s..]);
    }
    key.push_str(&figures.join(","));
    fnv_hex(&key)
}

fn push_targets(key: &mut String, template: &Template, finding: &Finding) {
    for (i, target) in finding.targets.iter().enumerate() {
        if i > 0 {
            key.push(',');
        }
        key.push_str(template.target_id(target));
    }
}

fn fnv_hex(key: &str) -> String {
    crate::text::fnv1a_hex(key.as_bytes())
}

/// The verdict recorded for a finding, if any (the latest, if several).
pub fn disposition<'a>(
    template: &Template,
    draft: &'a Draft,
    finding: &Finding,
) -> Option<&'a Disposition> {
    if draft.dispositions.is_empty() {
        return None;
    }
    let key = fingerprint(template, finding);
    let legacy = legacy_fingerprint(template, finding);
    draft
        .dispositions
        .iter()
        .rev()
        .find(|d| d.fingerprint == key || d.fingerprint == legacy)
}

/// Whether a verdict settles a finding: 已核实 on a warning or a hint. An error is only
/// ever explained.
pub fn is_settled(finding: &Finding, disposition: Option<&Disposition>) -> bool {
    finding.severity != Severity::Error
        && disposition.is_some_and(|d| d.verdict == Verdict::Verified)
}

/// How a verdict on a finding is shown: on an error, 已核实 only explains it.
pub fn verdict_label(finding: &Finding, disposition: &Disposition) -> &'static str {
    if disposition.verdict == Verdict::Verified && finding.severity == Severity::Error {
        "已说明（错误不能消除）"
    } else {
        disposition.verdict.label()
    }
}

/// Records a verdict on a finding, replacing an earlier one on the same finding.
pub fn record(
    template: &Template,
    draft: &mut Draft,
    finding: &Finding,
    verdict: Verdict,
    note: &str,
    date: &str,
) {
    withdraw(template, draft, finding);
    draft.dispositions.push(Disposition {
        fingerprint: fingerprint(template, finding),
        rule: finding.rule.clone(),
        verdict,
        note: note.trim().to_owned(),
        date: date.to_owned(),
    });
}

/// Withdraws the verdicts on a finding.
pub fn withdraw(template: &Template, draft: &mut Draft, finding: &Finding) {
    let key = fingerprint(template, finding);
    let legacy = legacy_fingerprint(template, finding);
    draft
        .dispositions
        .retain(|d| d.fingerprint != key && d.fingerprint != legacy);
}

/// One change between two states of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Cell, part or field id.
    pub id: String,
    /// How it is named: 表三 本年新收政府信息公开申请数量 自然人, 一、总体情况（一）主动公开.
    pub name: String,
    /// Before (empty when it was empty).
    pub before: String,
    /// After.
    pub after: String,
}

/// What differs between two drafts, in template order: metadata, cells, texts; ids the
/// template does not know come last, sorted.
pub fn diff(template: &Template, old: &Draft, new: &Draft) -> Vec<Change> {
    changes(
        template,
        (&old.meta, &cell_texts(&old.cells), &old.texts),
        (&new.meta, &cell_texts(&new.cells), &new.texts),
    )
}

/// What changed since the draft was marked 已审阅 (nothing when it never was).
pub fn since_review(template: &Template, draft: &Draft) -> Vec<Change> {
    let Some(base) = &draft.reviewed else {
        return Vec::new();
    };
    changes(
        template,
        (&base.meta, &base.cells, &base.texts),
        (&draft.meta, &cell_texts(&draft.cells), &draft.texts),
    )
}

type State<'a> = (
    &'a Meta,
    &'a std::collections::BTreeMap<String, String>,
    &'a std::collections::BTreeMap<String, String>,
);

fn changes(template: &Template, old: State<'_>, new: State<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |id: &str, name: &str, before: &str, after: &str| {
        if before.trim() != after.trim() {
            out.push(Change {
                id: id.to_owned(),
                name: name.to_owned(),
                before: before.to_owned(),
                after: after.to_owned(),
            });
        }
    };
    for field in Field::ALL {
        push(
            field.id(),
            field.label(),
            &old.0.get(field),
            &new.0.get(field),
        );
    }
    let get = |map: &std::collections::BTreeMap<String, String>, id: &str| {
        map.get(id).cloned().unwrap_or_default()
    };
    for cell in &template.cells {
        push(
            &cell.id,
            &cell.name,
            &get(old.1, &cell.id),
            &get(new.1, &cell.id),
        );
    }
    let parts: Vec<(&str, &str)> = template
        .parts()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    for (id, name) in &parts {
        push(id, name, &get(old.2, id), &get(new.2, id));
    }
    // Ids the template does not know, sorted (the maps are).
    let known = |id: &str| template.cell_idx(id).is_some() || parts.iter().any(|(p, _)| *p == id);
    for map in [(old.1, new.1), (old.2, new.2)] {
        let mut ids: Vec<&String> = map
            .0
            .keys()
            .chain(map.1.keys())
            .filter(|id| !known(id))
            .collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            push(id, id, &get(map.0, id), &get(map.1, id));
        }
    }
    out
}

/// A change on one line: 「name：before → after」, long texts shortened.
pub fn change_line(change: &Change) -> String {
    let short = |t: &str| -> String {
        let t = t.replace('\n', " ");
        if t.is_empty() {
            "（空）".to_owned()
        } else if t.chars().count() > 30 {
            format!("{}…", t.chars().take(28).collect::<String>())
        } else {
            t
        }
    };
    format!(
        "{}：{} → {}",
        change.name,
        short(&change.before),
        short(&change.after)
    )
}

/// The sign-off record (审阅记录): the report, every finding with its verdict, the
/// comments, and the reviewed baseline with the changes since.
pub fn summary(template: &Template, draft: &Draft, evaluation: &Evaluation, today: &str) -> String {
    let mut s = String::new();
    summary_heading(&mut s, template, draft, today);
    summary_findings(&mut s, template, draft, evaluation);
    summary_comments(&mut s, template, draft);
    summary_changes(&mut s, template, draft);
    s
}

/// The record's heading: the report, its format, the date, and the reviewed baseline.
fn summary_heading(s: &mut String, template: &Template, draft: &Draft, today: &str) {
    let meta = &draft.meta;
    line(s, "审阅记录");
    line(
        s,
        &format!(
            "报告：{}{}年政府信息公开工作年度报告",
            meta.agency.trim(),
            meta.year
        ),
    );
    line(
        s,
        &format!("格式：{}（{}）", template.name, template.basis.doc_number),
    );
    line(s, &format!("生成日期：{today}"));
    match &draft.reviewed {
        Some(base) => {
            let n = since_review(template, draft).len();
            line(
                s,
                &format!("审阅基线：{}标记为已审阅，此后修改{n}处", base.date),
            );
        }
        None => {
            line(s, "审阅基线：尚未标记为已审阅");
        }
    }
}

/// The findings counted by severity (and how many are settled), then each with its
/// verdict.
fn summary_findings(s: &mut String, template: &Template, draft: &Draft, evaluation: &Evaluation) {
    let count = |sev| {
        evaluation
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .count()
    };
    let settled = evaluation
        .findings
        .iter()
        .filter(|f| is_settled(f, disposition(template, draft, f)))
        .count();
    line(
        s,
        &format!(
            "\n校验结果：错误{}个，警告{}个，提示{}个；其中已核实{settled}个",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        ),
    );
    for (i, f) in evaluation.findings.iter().enumerate() {
        line(
            s,
            &format!(
                "{}. [{}] {} {}",
                i + 1,
                f.severity.label(),
                f.rule,
                f.message
            ),
        );
        match disposition(template, draft, f) {
            Some(d) => {
                let how = verdict_label(f, d);
                line(s, &format!("   审阅意见：{how}（{}）：{}", d.date, d.note));
            }
            None => {
                line(s, "   审阅意见：未处理");
            }
        }
    }
}

/// The comments, with what each is on and when it was made.
fn summary_comments(s: &mut String, template: &Template, draft: &Draft) {
    if draft.comments.is_empty() {
        return;
    }
    line(s, "\n批注：");
    for c in &draft.comments {
        line(
            s,
            &format!(
                "  {}（{}）：{}",
                target_name(template, &c.target),
                c.date,
                c.text
            ),
        );
    }
}

/// The changes since the draft was marked as reviewed, if it was and there are any.
fn summary_changes(s: &mut String, template: &Template, draft: &Draft) {
    if draft.reviewed.is_none() {
        return;
    }
    let changes = since_review(template, draft);
    if !changes.is_empty() {
        line(s, "\n自审阅以来的修改：");
        for c in &changes {
            line(s, &format!("  {}", change_line(c)));
        }
    }
}

fn line(s: &mut String, text: &str) {
    s.push_str(text);
    s.push('\n');
}

/// The cell, part or field an id names (of a comment, a change).
pub fn target(template: &Template, id: &str) -> Option<Target> {
    if let Some(idx) = template.cell_idx(id) {
        return Some(Target::Cell(idx));
    }
    if template.part(id).is_some() {
        return Some(Target::Part(id.to_owned()));
    }
    id.starts_with("meta.").then(|| Target::Meta(id.to_owned()))
}

/// How a cell, part or field id is named.
pub fn target_name(template: &Template, id: &str) -> String {
    match target(template, id) {
        Some(Target::Cell(idx)) => template.cells[idx].name.clone(),
        Some(Target::Part(_)) => template
            .part(id)
            .map_or_else(String::new, |p| p.name.clone()),
        _ => crate::meta::label(id).to_owned(),
    }
}
