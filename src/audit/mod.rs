//! 审查已发布年报: published reports read and checked at once, for a 政务公开办 reading a
//! region's reports (or a third party evaluating them).
//!
//! Each report is imported and evaluated as a draft would be, with two differences: its
//! publication deadline (R16) is judged by the date printed under it, not by today (a
//! report without one is not judged late), and a report of the same agency for the year
//! before, when the batch holds one, is its linked last year (R5, R10, E9, C1). What comes
//! out is data ([`Audit`]): one [`Audited`] per report, one [`Unreadable`] per file that is
//! not one, in an order that depends only on the reports. The edges write it as a workbook
//! ([`xlsx`]), a web page ([`html`]) or JSON ([`json`]). No file is read here.

mod html;
mod json;
mod xlsx;

pub use html::html;
pub use json::json;
pub use xlsx::{XLSX_SHEETS, xlsx};

use crate::date::Date;
pub use crate::engine::Balance;
use crate::engine::{self, Context, Evaluation, LastYear, Severity, Target};
use crate::import::{Format, Imported};
use crate::meta::Level;
use crate::number::Decimal;
use crate::template::Template;

/// A report read from a file: what the audit evaluates.
pub struct Read {
    /// The file, as the audit names it (relative to the folder given).
    pub file: String,
    /// The format the report is in.
    pub template: Template,
    /// The draft and the import report.
    pub imported: Imported,
    /// What kind of file it was.
    pub source: Format,
}

impl Read {
    /// Whose report for which year: what a report of the year after is linked by.
    pub fn key(&self) -> (String, u16) {
        key(
            &self.imported.draft.meta.agency,
            self.imported.draft.meta.year,
        )
    }
}

/// The agency (without spacing) and the year, as reports are matched across years.
pub fn key(agency: &str, year: u16) -> (String, u16) {
    (crate::text::compact(agency), year)
}

/// A file that could not be read as a report, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub file: String,
    /// Why, in Chinese.
    pub reason: String,
}

/// Reads a file's bytes as a report; a file that is not one is [`Unreadable`] with the
/// importer's reason.
pub fn read(file: &str, bytes: &[u8]) -> Result<Read, Unreadable> {
    let unreadable = |reason: String| Unreadable {
        file: file.to_owned(),
        reason,
    };
    let imported = crate::import::bytes(bytes).map_err(|e| unreadable(e.to_string()))?;
    let template = crate::template::builtin_by_id(&imported.draft.template)
        .ok_or_else(|| unreadable(format!("未知的格式「{}」", imported.draft.template)))?;
    Ok(Read {
        file: file.to_owned(),
        template,
        imported,
        source: Format::detect(bytes),
    })
}

/// One finding of an audited report, as a reviewer reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Where: the section's title, or 基本信息.
    pub part: String,
    /// The rule (R1 …).
    pub rule: String,
    /// 错误, 警告 or 提示.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// The evidence: the sentence quoted, or the cells with their values.
    pub evidence: String,
}

/// One report audited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audited {
    /// The file.
    pub file: String,
    /// 机关全称 as printed (empty when not found).
    pub agency: String,
    /// 机关层级, when it could be told.
    pub level: Option<Level>,
    /// The report year.
    pub year: u16,
    /// The format's name (2021 or 2019).
    pub format: String,
    /// What kind of file (PDF, Word, 网页, 文本).
    pub source: &'static str,
    /// Cells read, of those the format has.
    pub cells_read: usize,
    /// Cells whose row was not read.
    pub cells_not_read: usize,
    /// Cells whose value was inferred (a row printed without spaces, split by its total).
    pub cells_inferred: usize,
    /// Counts of findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Hints.
    pub hints: usize,
    /// R1 per column of table 三, with the column's name.
    pub balance: Vec<(String, Balance)>,
    /// The format's key figures (新收, 上年结转 …), `None` where incomplete.
    pub figures: Vec<Option<Decimal>>,
    /// The date printed under the report.
    pub published_on: Option<Date>,
    /// The deadline for its level and year.
    pub due: Option<Date>,
    /// The file of last year's report of the same agency, when the batch had one.
    pub last_year_file: Option<String>,
    /// Its findings, in rule order.
    pub issues: Vec<Issue>,
    /// Rows of its tables that were not read, each with the reason.
    pub rows_not_read: Vec<String>,
}

impl Audited {
    /// R1 in a few words, and the table's state: 「平」, 「不平：自然人、总计」 or 「不全」.
    pub fn balance_summary(&self) -> (String, Balance) {
        let state = Balance::of_table(&self.balance);
        let text = match state {
            Balance::Broken => {
                let broken: Vec<&str> = self
                    .balance
                    .iter()
                    .filter(|(_, b)| *b == Balance::Broken)
                    .map(|(c, _)| c.as_str())
                    .collect();
                format!("不平：{}", broken.join("、"))
            }
            state => state.column_label().to_owned(),
        };
        (text, state)
    }

    /// Whether it was published after its deadline; `None` when no date was printed.
    pub fn is_late(&self) -> Option<bool> {
        Some(self.published_on? > self.due?)
    }
}

/// Evaluates a report read, with last year's report of the same agency (its file and its
/// figures) when the batch has one.
pub fn audit(read: &Read, last_year: Option<(&str, &LastYear)>) -> Audited {
    let (template, draft) = (&read.template, &read.imported.draft);
    let published_on = Date::parse(draft.meta.published_on.trim());
    let context = Context {
        // R16 judges the printed date; without one, the report is not judged late.
        today: None,
        last_year: last_year.map(|(_, l)| l),
        formats: crate::template::builtin(),
        ..Context::default()
    };
    let evaluation = engine::evaluate_with(template, draft, &context);
    let report = &read.imported.report;
    let cells_not_read: usize = report.not_read.iter().map(|n| n.cells.len()).sum();
    Audited {
        file: read.file.clone(),
        agency: draft.meta.agency.trim().to_owned(),
        level: draft.meta.level,
        year: draft.meta.year,
        format: template.name.clone(),
        source: source_label(read.source),
        cells_read: report.cells_read.len(),
        cells_not_read,
        cells_inferred: report
            .cells_read
            .iter()
            .filter(|c| c.inferred.is_some())
            .count(),
        errors: evaluation.count(Severity::Error),
        warnings: evaluation.count(Severity::Warning),
        hints: evaluation.count(Severity::Info),
        balance: engine::balance_columns(template, &evaluation),
        figures: template
            .key_figures
            .iter()
            .map(|k| evaluation.complete_sum(&k.cells))
            .collect(),
        published_on,
        due: engine::deadline(template, &draft.meta),
        last_year_file: last_year.map(|(file, _)| file.to_owned()),
        issues: issues(template, &evaluation),
        rows_not_read: report
            .not_read
            .iter()
            .map(|n| format!("{} {}：{}", n.table, n.row, n.reason))
            .collect(),
    }
}

fn source_label(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF",
        Format::Docx => "Word",
        Format::Html => "网页",
        Format::Text => "文本",
    }
}

/// The value names under which a finding quotes the report's text.
const QUOTED: [&str; 3] = ["excerpt", "example", "text"];

fn issues(template: &Template, evaluation: &Evaluation) -> Vec<Issue> {
    evaluation
        .findings
        .iter()
        .map(|f| {
            let part = f
                .targets
                .first()
                .and_then(|t| template.section_of(t))
                .and_then(|i| template.sections.get(i))
                .map_or_else(|| "基本信息".to_owned(), |s| s.title.clone());
            let quoted = f
                .values
                .iter()
                .find(|(name, _)| QUOTED.contains(name))
                .map(|(_, text)| format!("「{text}」"));
            let cells = || {
                f.targets
                    .iter()
                    .filter_map(|t| match t {
                        Target::Cell(idx) => {
                            let def = template.cells.get(*idx)?;
                            let value = evaluation.cell(*idx).value;
                            let value = value.map_or_else(|| "空".to_owned(), |v| v.to_string());
                            Some(format!("{} = {value}", def.name))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("；")
            };
            Issue {
                part,
                rule: f.rule.clone(),
                severity: f.severity,
                message: f.message.clone(),
                evidence: quoted.unwrap_or_else(cells),
            }
        })
        .collect()
}

/// Every report of a batch audited, and the files that were not reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audit {
    /// Most errors first, then most warnings, then by file.
    pub reports: Vec<Audited>,
    /// By file.
    pub unreadable: Vec<Unreadable>,
}

impl Audit {
    /// Puts the reports and the unreadable files in their order, which depends only on what
    /// they are, not on the order they were read in.
    pub fn sort(&mut self) {
        self.reports.sort_by(|a, b| {
            (b.errors, b.warnings)
                .cmp(&(a.errors, a.warnings))
                .then_with(|| a.file.cmp(&b.file))
        });
        self.unreadable.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// The key figures' names (新收申请 …): the same in both formats.
    pub fn figure_names() -> Vec<String> {
        crate::template::builtin()
            .first()
            .map(|t| {
                t.key_figures
                    .iter()
                    .map(|k| k.name.replace('|', ""))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many reports each rule flags, with the rule's gravest severity: errors' rules
    /// first, then warnings', then hints', each most reports first (then by rule).
    pub fn rule_counts(&self) -> Vec<(String, usize, Severity)> {
        let mut counts: std::collections::BTreeMap<&str, (usize, Severity)> = Default::default();
        for report in &self.reports {
            let mut rules: Vec<(&str, Severity)> = report
                .issues
                .iter()
                .map(|i| (i.rule.as_str(), i.severity))
                .collect();
            rules.sort_unstable_by_key(|(rule, severity)| (*rule, *severity));
            rules.dedup_by_key(|(rule, _)| *rule);
            for (rule, severity) in rules {
                let entry = counts.entry(rule).or_insert((0, severity));
                entry.0 += 1;
                entry.1 = entry.1.min(severity);
            }
        }
        let mut counts: Vec<(String, usize, Severity)> = counts
            .into_iter()
            .map(|(rule, (n, severity))| (rule.to_owned(), n, severity))
            .collect();
        counts.sort_by(|a, b| {
            a.2.cmp(&b.2)
                .then(b.1.cmp(&a.1))
                .then_with(|| a.0.cmp(&b.0))
        });
        counts
    }
}

/// The audit in a sentence: 「共审查38份报告：1份有错误，0份逾期发布；4个文件未能读取。」
pub fn summary_line(audit: &Audit) -> String {
    let with_errors = audit.reports.iter().filter(|r| r.errors > 0).count();
    let late = audit
        .reports
        .iter()
        .filter(|r| r.is_late() == Some(true))
        .count();
    format!(
        "共审查{}份报告：{with_errors}份有错误，{late}份逾期发布；{}个文件未能读取。",
        audit.reports.len(),
        audit.unreadable.len()
    )
}
