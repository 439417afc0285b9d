//! The audit as JSON, for scripts: `{"reports": […], "unreadable": […]}`, written in one pass
//! from typed views of the audit (no JSON tree of it in memory).

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Audit, Audited, Issue, Unreadable};
use crate::meta::Level;

#[derive(Serialize)]
struct Json<'a> {
    reports: Vec<ReportJson<'a>>,
    unreadable: Vec<UnreadableJson<'a>>,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    file: &'a str,
    agency: &'a str,
    level: Option<&'static str>,
    year: u16,
    format: &'a str,
    source: &'a str,
    cells: CellsJson,
    errors: usize,
    warnings: usize,
    hints: usize,
    balance: Map<String, Value>,
    figures: Map<String, Value>,
    published_on: Option<String>,
    due: Option<String>,
    late: Option<bool>,
    last_year_file: Option<&'a str>,
    issues: Vec<IssueJson<'a>>,
    rows_not_read: &'a [String],
}

#[derive(Serialize)]
struct CellsJson {
    read: usize,
    not_read: usize,
    inferred: usize,
}

#[derive(Serialize)]
struct IssueJson<'a> {
    part: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    evidence: &'a str,
}

#[derive(Serialize)]
struct UnreadableJson<'a> {
    file: &'a str,
    reason: &'a str,
}

impl<'a> ReportJson<'a> {
    fn of(r: &'a Audited, names: &[String]) -> Self {
        Self {
            file: &r.file,
            agency: &r.agency,
            level: r.level.map(Level::label),
            year: r.year,
            format: &r.format,
            source: r.source,
            cells: CellsJson {
                read: r.cells_read,
                not_read: r.cells_not_read,
                inferred: r.cells_inferred,
            },
            errors: r.errors,
            warnings: r.warnings,
            hints: r.hints,
            balance: r
                .balance
                .iter()
                .map(|(column, b)| (column.clone(), b.column_label().into()))
                .collect(),
            figures: names
                .iter()
                .zip(&r.figures)
                .map(|(name, v)| {
                    (
                        name.clone(),
                        v.map_or(Value::Null, |v| v.to_string().into()),
                    )
                })
                .collect(),
            published_on: r.published_on.map(|d| d.to_string()),
            due: r.due.map(|d| d.to_string()),
            late: r.is_late(),
            last_year_file: r.last_year_file.as_deref(),
            issues: r.issues.iter().map(IssueJson::of).collect(),
            rows_not_read: &r.rows_not_read,
        }
    }
}

impl<'a> IssueJson<'a> {
    fn of(i: &'a Issue) -> Self {
        Self {
            part: &i.part,
            rule: &i.rule,
            severity: i.severity.id(),
            message: &i.message,
            evidence: &i.evidence,
        }
    }
}

impl<'a> UnreadableJson<'a> {
    fn of(u: &'a Unreadable) -> Self {
        Self {
            file: &u.file,
            reason: &u.reason,
        }
    }
}

/// The audit as JSON: figures as decimal strings, missing ones as null; the same batch
/// gives the same bytes.
pub fn json(audit: &Audit) -> String {
    let names = Audit::figure_names();
    let view = Json {
        reports: audit
            .reports
            .iter()
            .map(|r| ReportJson::of(r, &names))
            .collect(),
        unreadable: audit.unreadable.iter().map(UnreadableJson::of).collect(),
    };
    let mut s = serde_json::to_string_pretty(&view).unwrap_or_default();
    s.push('\n');
    s
}
