//! What draw code may read, never change: the open document ([`Doc`]) and the views derived
//! from it ([`Derived`]), computed once per revision of the document, not every frame.
//!
//! Draw functions take `&Doc` and push [`super::Command`]s into the frame's
//! [`super::Interaction`]; only command handling changes the document.

use std::path::PathBuf;

use super::{FindingFilter, Page, Session};
use crate::engine::{Finding, Severity, Target};
use crate::template::CellIdx;

/// The document as draw code sees it, with the editor's view settings.
pub struct Doc<'a> {
    /// Template, draft, evaluation, file, undo state.
    pub session: &'a Session,
    /// What is derived from it, once per revision.
    pub derived: &'a Derived,
    /// The page in the middle.
    pub page: Page,
    /// 审阅模式: the report's content is read-only.
    pub review_mode: bool,
    /// Which findings the 校验结果 panel lists.
    pub filter: &'a FindingFilter,
    /// The finding picked last (its fingerprint).
    pub cursor: Option<&'a str>,
    /// Recently opened or saved drafts.
    pub recent: &'a [PathBuf],
    /// The status bar's message.
    pub status: &'a str,
    /// What draws the window, for the status bar.
    pub graphics: Option<&'a str>,
    /// Long work running, for its progress bar and 取消.
    pub job: Option<&'a super::jobs::Job>,
    /// The last audit of published reports (审查已发布年报), to show again.
    pub audit: Option<&'a crate::audit::Audit>,
    /// The name last typed for a sign-off, offered again.
    pub signer: &'a str,
}

/// A finding as the panels show it.
#[derive(Clone, Debug)]
pub struct Listed {
    /// Its index in the evaluation's findings.
    pub index: usize,
    /// Its fingerprint (`review::fingerprint`), what verdicts and the cursor are kept by.
    pub fingerprint: String,
    /// Settled by 已核实.
    pub settled: bool,
    /// 0 = 基本信息, 1… = section 一….
    pub group: usize,
}

/// Views of the document that every frame needs, computed when the document changes.
#[derive(Debug, Default)]
pub struct Derived {
    /// The document revision these are of.
    pub revision: u64,
    /// Every finding, grouped as the panel lists them (基本信息, then section by section).
    pub findings: Vec<Listed>,
    /// The most serious open finding on each cell.
    pub cell_severity: Vec<Option<Severity>>,
    /// Open findings by severity (错误, 警告, 提示), and how many are settled.
    pub open: [usize; 3],
    /// Findings settled by 已核实.
    pub settled: usize,
    /// Open findings per group (0 = 基本信息, 1… = section 一…), by severity.
    pub per_group: Vec<[usize; 3]>,
    /// What changed since the draft was marked 已审阅, in template order.
    pub changes: Vec<crate::review::Change>,
}

impl Derived {
    /// How many warnings are open (not settled by 已核实).
    pub fn open_warnings(&self, session: &Session) -> usize {
        self.findings
            .iter()
            .filter(|l| {
                !l.settled && session.evaluation().findings[l.index].severity == Severity::Warning
            })
            .count()
    }

    /// The views of the session's document as it is now.
    pub fn of(session: &Session) -> Self {
        let template = &session.template();
        let draft = &session.draft();
        let mut findings: Vec<Listed> = session
            .evaluation()
            .findings
            .iter()
            .enumerate()
            .map(|(index, f)| Listed {
                index,
                fingerprint: crate::review::fingerprint(template, f),
                settled: crate::review::is_settled(
                    f,
                    crate::review::disposition(template, draft, f),
                ),
                group: f
                    .targets
                    .first()
                    .and_then(|t| template.section_of(t))
                    .map_or(0, |s| s + 1),
            })
            .collect();
        // Grouped as the panel shows them (stable within a group).
        findings.sort_by_key(|l| l.group);
        let mut cell_severity = vec![None; template.cells.len()];
        let mut open = [0; 3];
        let mut settled = 0;
        let mut per_group = vec![[0; 3]; template.sections.len() + 1];
        for listed in &findings {
            let f = &session.evaluation().findings[listed.index];
            if listed.settled {
                settled += 1;
                continue;
            }
            let s = severity_index(f.severity);
            open[s] += 1;
            if let Some(g) = per_group.get_mut(listed.group) {
                g[s] += 1;
            }
            // Blank cells of a table not begun are one calm notice in the list, not a frame
            // on every cell: the frames come once the table is being filled.
            if is_about_blanks(template, f) && !is_begun(session, f) {
                continue;
            }
            for t in &f.targets {
                if let Target::Cell(idx) = t
                    && let Some(slot) = cell_severity.get_mut(*idx)
                {
                    *slot = Some(slot.map_or(f.severity, |x: Severity| x.min(f.severity)));
                }
            }
        }
        let changes = crate::review::since_review(template, draft);
        Self {
            revision: session.revision(),
            findings,
            cell_severity,
            open,
            settled,
            per_group,
            changes,
        }
    }

    /// The findings the 校验结果 panel lists under `filter`, in order.
    pub fn visible<'d>(&'d self, filter: &FindingFilter, session: &Session) -> Vec<&'d Listed> {
        self.findings
            .iter()
            .filter(|l| {
                let f = &session.evaluation().findings[l.index];
                filter.severities[severity_index(f.severity)]
                    && filter.group.is_none_or(|g| g == l.group)
                    && (filter.settled || !l.settled)
            })
            .collect()
    }

    /// The cells and parts of the finding with this fingerprint (the current one).
    pub fn targets_of(&self, fingerprint: Option<&str>, session: &Session) -> Vec<Target> {
        fingerprint
            .and_then(|fp| self.findings.iter().find(|l| l.fingerprint == fp))
            .map(|l| session.evaluation().findings[l.index].targets.clone())
            .unwrap_or_default()
    }

    /// The most serious open finding on a cell.
    pub fn severity_of(&self, idx: CellIdx) -> Option<Severity> {
        self.cell_severity.get(idx).copied().flatten()
    }

    /// Whether a cell, part or field changed since 已审阅.
    pub fn is_changed(&self, id: &str) -> bool {
        self.changes.iter().any(|c| c.id == id)
    }
}

/// Whether a finding is the template's check of blank cells (R7).
fn is_about_blanks(template: &crate::template::Template, f: &Finding) -> bool {
    template
        .rules
        .iter()
        .any(|r| r.id == f.rule && matches!(r.check, crate::template::Check::EmptyCells))
}

/// Whether the table a finding's cells are in has a value typed in yet.
fn is_begun(session: &Session, f: &Finding) -> bool {
    let template = &session.template();
    let Some(Target::Cell(first)) = f.targets.first() else {
        return true;
    };
    let table = template.cells[*first].table;
    template.tables[table]
        .blocks
        .iter()
        .flat_map(|b| &b.cells)
        .any(|&i| {
            template.cells[i].is_input()
                && session.draft().cells.contains_key(&template.cells[i].id)
        })
}

/// 错误, 警告, 提示 as 0, 1, 2.
pub fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Doc<'_> {
    /// The finding at this index of the evaluation.
    pub fn finding(&self, listed: &Listed) -> &Finding {
        &self.session.evaluation().findings[listed.index]
    }
}
