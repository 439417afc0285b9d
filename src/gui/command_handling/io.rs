//! Commands that read or write files, or run a job: open, save, import, next year, export,
//! consolidation, a register's tally, last year's draft, the recovery file, and the jobs'
//! outcomes.

use std::path::{Path, PathBuf};

use eframe::egui::{self};

use crate::gui::command::{Command, ExportFormat, FilePurpose};
use crate::gui::files::{self, Picked};
use crate::gui::jobs::{Job, Outcome};
use crate::gui::session::{self, Session};
use crate::gui::{App, Dialog, MAX_RECENT};
use crate::template;

impl App {
    /// A command without its file: the system's file dialog, or the typed path where there
    /// is none; the command then runs at once (unsaved changes were asked about before).
    pub(super) fn pick_and_run(&mut self, ctx: &egui::Context, command: &Command) {
        let (purpose, suggested) = match command {
            Command::Open(_) => (FilePurpose::Open, String::new()),
            Command::SaveAs(_) => (FilePurpose::Save, self.suggested_name("nianbao")),
            Command::Import(_) => (FilePurpose::Import, String::new()),
            Command::NextYear(_) => (FilePurpose::NextYear, String::new()),
            Command::Merge(_) => (FilePurpose::Merge, String::new()),
            Command::Audit(_) => (FilePurpose::Audit, String::new()),
            Command::ExportAudit { html, .. } => {
                let purpose = FilePurpose::AuditResults { html: *html };
                let extension = purpose.extension().unwrap_or_default();
                (purpose, format!("审查结果.{extension}"))
            }
            Command::Tally(_) => (FilePurpose::Register, String::new()),
            _ => (FilePurpose::LinkLastYear, String::new()),
        };
        match self.pick_file(purpose, self.session.path.as_deref(), &suggested) {
            Picked::Path(path) => self.run(ctx, purpose.command(path)),
            Picked::Cancelled => self.given_up(),
            Picked::Unavailable => self.ask_path(purpose),
        }
    }

    /// 汇总下级报告: the units' drafts in a folder summed into a new, unsaved consolidated
    /// draft; what was summed and left out is shown.
    pub(super) fn merge(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(
            ctx,
            "正在汇总下级报告",
            move |progress| Outcome::Merged(files::merge_folder(&path, progress)),
        ));
    }

    /// 恢复: an earlier version's content, as one undoable step.
    pub(super) fn restore_version(&mut self, n: usize) {
        let when = self
            .session
            .draft()
            .history
            .get(n)
            .map(|v| v.replaced_at.clone());
        let Some(when) = when else {
            return;
        };
        self.session.edit(session::EditKey::Once, |d| {
            d.restore_version(n);
        });
        self.status = format!("已恢复为{when}保存前的版本（可撤销）");
    }

    /// The commands of 审查已发布年报: the audit, a report of it opened, its results
    /// written.
    pub(super) fn run_audit(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Audit(Some(path)) => self.audit(ctx, path),
            Command::OpenAudited(path) => self.open_audited(ctx, path),
            Command::ExportAudit {
                html,
                path: Some(path),
            } => self.export_audit(html, &path),
            Command::ExportAudit { path: None, .. } => self.pick_and_run(ctx, &command),
            _ => {}
        }
    }

    /// 审查已发布年报: every report in a folder read and checked on a job; the overview
    /// follows, and the document stays as it is.
    fn audit(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(
            ctx,
            "正在审查已发布年报",
            move |progress| Outcome::Audited(files::audit_folder(&path, progress)),
        ));
    }

    /// The audit's overview shown (and kept, to come back to).
    pub(super) fn audited(&mut self, result: Result<crate::audit::Audit, String>) {
        match result {
            Ok(audit) => {
                self.status = crate::audit::summary_line(&audit);
                self.audit = Some(Box::new(audit));
                self.dialog = Some(Dialog::Audit { selected: None });
            }
            Err(message) => self.dialog = Some(Dialog::Message(format!("无法审查：{message}"))),
        }
    }

    /// The last audit written as a workbook or a web page; the overview is shown again.
    fn export_audit(&mut self, html: bool, path: &Path) {
        let Some(audit) = self.audit.as_deref() else {
            return;
        };
        let bytes = if html {
            Ok(crate::audit::html(audit).into_bytes())
        } else {
            crate::audit::xlsx(audit)
        };
        match bytes.and_then(|bytes| files::write_export(path, &bytes)) {
            Ok(()) => {
                self.status = format!("已导出审查结果：{}", path.display());
                self.dialog = Some(Dialog::Audit { selected: None });
            }
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法导出审查结果：{message}")));
            }
        }
    }

    /// A report of the audit opened to review: imported again (the audit keeps only its
    /// findings), in 审阅模式, on its first finding.
    fn open_audited(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(ctx, "正在打开年报", move |_| {
            let result = files::import_report(&path);
            Outcome::Imported {
                path,
                result,
                review: true,
            }
        }));
    }

    /// The consolidated draft replaces the document; the summary says what was found.
    pub(super) fn merged(
        &mut self,
        result: Result<(template::Template, crate::merge::Merged, String), String>,
    ) {
        let (template, merged, summary) = match result {
            Ok(found) => found,
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法汇总：{message}")));
                return;
            }
        };
        self.session = Session::new(template, merged.draft, None, self.session.today);
        self.session.mark_unsaved();
        self.after_document_change("已汇总下级报告：请填写本级的基本信息和文字后保存");
        self.dialog = Some(Dialog::Message(summary));
    }

    /// 从台账生成表三: the register read, its mapping (saved beside it before, or guessed)
    /// and what it gives table 三, shown to confirm; nothing is replaced yet.
    pub(super) fn open_tally(&mut self, ctx: &egui::Context, path: PathBuf) {
        let template = self.session.template().clone();
        self.job = Some(Job::start(ctx, "正在读取台账", move |_| {
            let result = files::read_register(&path, &template);
            Outcome::Register(path, result)
        }));
    }

    /// The register read: the 从台账生成表三 dialog, to confirm.
    pub(super) fn register_read(
        &mut self,
        path: &Path,
        result: Result<(Vec<Vec<String>>, crate::tally::Mapping), String>,
    ) {
        match result {
            Ok((rows, mapping)) => {
                let mut dialog = crate::gui::TallyDialog {
                    register: path.to_path_buf(),
                    rows,
                    mapping,
                    tally: Ok(crate::tally::Tally::default()),
                    changes: Vec::new(),
                    values: (Vec::new(), Vec::new()),
                };
                dialog.refresh(&self.session);
                self.dialog = Some(Dialog::Tally(Box::new(dialog)));
            }
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法读取台账：{message}")));
            }
        }
    }

    /// Replaces table 三 with the register's tally in one undoable step, keeps which
    /// register rows each cell counts, and saves the mapping beside the register.
    pub(super) fn apply_tally(&mut self, register: &Path, mapping: &crate::tally::Mapping) {
        let template = self.session.template().clone();
        let year = self.session.draft().meta.year;
        let tally = storage_tally(register, &template, mapping, year);
        let tally = match tally {
            Ok(tally) => tally,
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法从台账生成表三：{message}")));
                return;
            }
        };
        let name = register
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        self.ix.cell_edit = None;
        self.session.edit(session::EditKey::Once, |d| {
            tally.apply_to(d);
            d.tallied = Some(crate::draft::Tallied {
                register: name,
                rows: tally.cells.clone(),
            });
        });
        self.session.end_step();
        self.status = match files::save_mapping(register, mapping) {
            Ok(()) => {
                "已按台账生成表三（可撤销）；对应关系已保存在台账旁，明年可直接使用".to_owned()
            }
            Err(message) => format!("已按台账生成表三（可撤销）；{message}"),
        };
    }

    /// Restores the recovery file. The template first: if it cannot be loaded, the recovery
    /// file stays where it is, offered again at the next start.
    pub(super) fn restore_recovery(&mut self) {
        let template = self.recovery.found().map(|found| {
            let base = found.path.clone().unwrap_or_default();
            files::template_for_recovered(&found.draft, &base)
        });
        match template {
            Some(Ok(t)) => {
                if let Some(found) = self.recovery.restore() {
                    self.session = Session::new(t, found.draft, found.path, self.session.today);
                    self.session.mark_unsaved();
                    self.load_last_year();
                    self.after_document_change("已恢复上次未保存的内容，请及时保存");
                }
            }
            Some(Err(e)) => {
                self.dialog = Some(Dialog::Message(format!(
                    "无法恢复：{e}。恢复文件保留未动，下次启动时会再次询问。"
                )));
            }
            None => {}
        }
    }

    pub(super) fn discard_recovery(&mut self) {
        self.recovery.discard();
        // Another window may have left one too.
        if self.recovery.find().is_some() {
            self.dialog = Some(Dialog::Recovery);
        }
    }

    pub(super) fn link_last_year(&mut self, path: &Path) {
        let link = files::full_path(path).display().to_string();
        self.session
            .edit(session::EditKey::Once, |d| d.last_year = Some(link));
        self.load_last_year();
        if let Some(problem) = self.session.last_year_problem.clone() {
            self.dialog = Some(Dialog::Message(problem));
        } else {
            self.status = format!("已关联上年草稿：{}", path.display());
        }
    }

    pub(super) fn unlink_last_year(&mut self) {
        self.session
            .edit(session::EditKey::Once, |d| d.last_year = None);
        self.session.set_last_year(Ok(None));
        self.status = "已取消关联上年草稿".to_owned();
    }

    /// A file name for a new file: the current one's, else 「{机关}{年度}年政府信息公开工作年度报告」.
    pub(super) fn suggested_name(&self, extension: &str) -> String {
        let stem = self
            .session
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || {
                    let meta = &self.session.draft().meta;
                    format!(
                        "{}{}年政府信息公开工作年度报告",
                        meta.agency.trim(),
                        meta.year
                    )
                },
                |s| s.to_string_lossy().into_owned(),
            );
        format!("{stem}.{extension}")
    }

    /// Exports the report. A draft without a publication date is asked for one (the
    /// signature's date, kept in the draft as 发布日期). A draft with errors is exported only
    /// with a reason, and one with
    /// open warnings (一、五、六 not written, the publication date…) once they were shown,
    /// asked first; the answer then travels with the command (through the file dialog or
    /// the typed path and the overwrite question) until the file is written.
    pub(super) fn export(
        &mut self,
        ctx: &egui::Context,
        format: ExportFormat,
        path: Option<PathBuf>,
        reason: Option<String>,
    ) {
        // A published report is signed and dated (GB/T 9704): the date is asked for first.
        if crate::date::Date::parse(&self.session.draft().meta.published_on).is_none() {
            if self.review_mode {
                self.dialog = Some(Dialog::Message(
                    "报告没有落款日期（发布日期），不能导出：请关闭审阅模式，在基本信息中填写发布日期"
                        .to_owned(),
                ));
            } else {
                let text = self.session.today.to_string();
                self.dialog = Some(Dialog::ExportDate { format, path, text });
            }
            return;
        }
        self.refresh_derived();
        let has_errors = self.session.evaluation().has_errors();
        let has_warnings = self.derived.open_warnings(&self.session) > 0;
        // Before a report goes out unsigned, the user is told so (定稿).
        let not_final = !self.session.draft().is_final();
        if (has_errors || has_warnings || not_final) && reason.is_none() {
            self.dialog = Some(Dialog::ExportWithErrors {
                format,
                path,
                reason: String::new(),
            });
            return;
        }
        let path = match path {
            Some(path) => path,
            None => {
                let suggested = self.suggested_name(format.extension());
                let current = self.session.path.as_deref();
                match self.pick_file(FilePurpose::Export(format), current, &suggested) {
                    Picked::Path(path) => path,
                    Picked::Cancelled => return,
                    Picked::Unavailable => {
                        self.ask_path_then(FilePurpose::Export(format), reason);
                        return;
                    }
                }
            }
        };
        // The job exports a copy: the draft may change while it runs.
        let (template, draft) = (
            self.session.template().clone(),
            self.session.draft().clone(),
        );
        let evaluation = self.session.evaluation().clone();
        let pdf_program = self.pdf_program.clone();
        self.job = Some(Job::start(ctx, "正在导出", move |progress| {
            let report = crate::export::Report {
                template: &template,
                draft: &draft,
                evaluation: &evaluation,
            };
            let options = crate::export::DocxOptions {
                // The file's properties carry the day it was made.
                date: Some(crate::system::today_in_china()),
                ..crate::export::DocxOptions::default()
            };
            let result = match format.bytes(&report, &options) {
                None => files::export_pdf(pdf_program.as_deref(), (&template, &draft), &path),
                Some(bytes) => bytes.map_err(|e| e.to_string()).and_then(|bytes| {
                    if progress.is_cancelled() {
                        return Err("已取消".to_owned());
                    }
                    files::write_export(&path, &bytes).map(|()| Vec::new())
                }),
            };
            Outcome::Exported {
                format,
                path,
                reason,
                result,
            }
        }));
    }

    /// The export written (or why not).
    pub(super) fn exported(
        &mut self,
        (format, path): (ExportFormat, &Path),
        reason: Option<String>,
        result: Result<Vec<String>, String>,
    ) {
        match result {
            Ok(notes) => {
                let reason = match reason {
                    Some(r) if !r.is_empty() => format!("（有错误，导出原因：{r}）"),
                    Some(_) => "（有警告，已确认）".to_owned(),
                    None => String::new(),
                };
                self.status = format!("已导出{}：{}{reason}", format.label(), path.display());
                for note in notes {
                    self.status.push('　');
                    self.status.push_str(&note);
                }
            }
            Err(message) => self.dialog = Some(Dialog::Message(message)),
        }
    }

    /// Takes the outcome of the job running, once it has ended, and keeps the window
    /// drawing while it runs.
    pub(in crate::gui) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        let outcome = if self.wait_for_jobs {
            Some(job.wait())
        } else {
            job.outcome()
        };
        let Some(outcome) = outcome else {
            ctx.request_repaint_after(JOB_REPAINT);
            return;
        };
        self.job = None;
        match outcome {
            Outcome::Imported {
                path,
                result,
                review,
            } => self.imported(&path, result, review),
            Outcome::Audited(result) => self.audited(result),
            Outcome::Merged(result) => self.merged(result),
            Outcome::Register(path, result) => self.register_read(&path, result),
            Outcome::Exported {
                format,
                path,
                reason,
                result,
            } => self.exported((format, &path), reason, result),
            Outcome::Failed(message) => self.dialog = Some(Dialog::Message(message)),
        }
    }

    /// 取消: the job is told to stop and its outcome, if it still comes, is dropped; the
    /// document stays as it was.
    pub(super) fn cancel_job(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
            self.status = format!("已取消{}", job.what.trim_start_matches("正在"));
        }
    }

    /// Reads the draft's linked last-year draft into the session.
    pub(super) fn load_last_year(&mut self) {
        let linked = files::open_last_year(self.session.draft(), self.session.path.as_deref());
        self.session.set_last_year(linked);
    }

    pub(in crate::gui) fn import(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(
            ctx,
            "正在导入已发布的年报",
            move |_| {
                let result = files::import_report(&path);
                Outcome::Imported {
                    path,
                    result,
                    review: false,
                }
            },
        ));
    }

    /// A published report read: the new draft, and what the import did and did not read.
    pub(super) fn imported(
        &mut self,
        path: &Path,
        result: Result<crate::import::Imported, String>,
        review: bool,
    ) {
        let imported = match result {
            Ok(imported) => imported,
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法导入：{message}")));
                return;
            }
        };
        let Some(template) = template::builtin_by_id(&imported.draft.template) else {
            self.dialog = Some(Dialog::Message(format!(
                "无法导入：读出的报告格式「{}」不是内置格式",
                imported.draft.template
            )));
            return;
        };
        self.session = Session::new(template, imported.draft, None, self.session.today);
        let report = &imported.report;
        if review {
            // A report of the audit: read as it was published, from its first finding; not
            // a draft of the user's until a verdict or comment is recorded on it.
            self.after_document_change(&format!("审阅 {}：{}", path.display(), report.summary()));
            self.ix.commands.push(Command::SetReviewMode(true));
            self.ix.commands.push(Command::StepFinding(true));
            return;
        }
        self.session.mark_unsaved();
        let summary = format!(
            "已导入 {}：{}。请核对后保存。",
            path.display(),
            report.summary()
        );
        self.after_document_change("已导入已发布的年报，请核对后保存");
        self.dialog = Some(Dialog::ImportReport {
            summary,
            // Without the report's heading and count lines: the dialog has its title, and
            // the summary says the counts.
            details: report
                .to_string()
                .lines()
                .skip(2)
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }

    pub(super) fn next_year(&mut self, path: &Path) {
        let result = files::open_draft(path).and_then(|(template, last, last_path)| {
            let next = crate::next_year::next_year(&template, &last).map_err(|e| e.to_string())?;
            Ok((next, last_path))
        });
        let (next, last_path) = match result {
            Ok(found) => found,
            Err(message) => {
                self.dialog = Some(Dialog::Message(format!("无法新建：{message}")));
                return;
            }
        };
        let mut draft = next.draft;
        draft.last_year = Some(last_path.display().to_string());
        self.session = Session::new(next.template, draft, None, self.session.today);
        self.session.mark_unsaved();
        self.load_last_year();
        self.after_document_change(&format!(
            "已以上年报告为基础新建{}年度草稿",
            self.session.draft().meta.year
        ));
        self.dialog = Some(Dialog::Message(next.notes.join("\n")));
    }

    pub(in crate::gui) fn open_path(&mut self, path: &Path) {
        match files::open_draft(path) {
            Ok((template, draft, path)) => {
                self.session =
                    Session::new(template, draft, Some(path.clone()), self.session.today);
                self.load_last_year();
                self.remember(path.clone());
                self.after_document_change(&format!("已打开 {}", path.display()));
                if self.session.draft().changed_since_final() {
                    self.dialog = Some(Dialog::Message(format!(
                        "注意：此报告已定稿，但文件内容与定稿时记录的校验码不一致，定稿后曾在本软件之外被修改：{}",
                        path.display()
                    )));
                }
            }
            // Nothing is changed: the current draft stays as it is.
            Err(message) => self.dialog = Some(Dialog::Message(format!("无法打开草稿：{message}"))),
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        // The link follows the draft: by file name when both sit in one folder, else in full
        // (resolved against where the draft was, even when last year's file is missing).
        if let Some(last) =
            files::last_year_path(self.session.draft(), self.session.path.as_deref())
        {
            self.session.relink_last_year(files::link_to(path, &last));
        }
        let at = crate::system::now_in_china();
        self.session
            .record_version(&at, &crate::system::user_name());
        match files::save_draft(path, self.session.draft(), self.session.template()) {
            Ok(()) => {
                self.session.mark_saved(path.to_path_buf());
                self.recovery.clear();
                self.remember(path.to_path_buf());
                self.status = format!("已保存 {}", path.display());
                // What the user asked for before this first save now follows it.
                if let Some(then) = self.after_save.take() {
                    self.ix.commands.push(then);
                }
            }
            Err(message) => {
                // Nothing follows a save that failed: the message is read first.
                self.after_save = None;
                self.dialog = Some(Dialog::Message(message));
            }
        }
    }

    /// A file dialog cancelled: the command it was for is given up, and so is what was to
    /// follow it; a 「不保存」 given for it is asked again next time.
    pub(in crate::gui) fn given_up(&mut self) {
        self.after_save = None;
        self.discard_confirmed = None;
    }

    /// The system's file dialog, unless paths are only typed.
    pub(super) fn pick_file(
        &self,
        purpose: FilePurpose,
        current: Option<&Path>,
        suggested: &str,
    ) -> Picked {
        if !self.has_file_dialog {
            return Picked::Unavailable;
        }
        files::pick_file(purpose, current, suggested)
    }

    /// Asks for a path where the system has no file dialog: the field has the focus, and
    /// holds the draft's folder and, to write, the suggested file name (Enter confirms, Esc
    /// cancels).
    pub fn ask_path(&mut self, purpose: FilePurpose) {
        self.ask_path_then(purpose, None);
    }

    /// [`Self::ask_path`], for an export whose reason was already given.
    pub(super) fn ask_path_then(&mut self, purpose: FilePurpose, reason: Option<String>) {
        let folder = self
            .session
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(files::current_dir);
        let name = match purpose {
            FilePurpose::Save => self.suggested_name("nianbao"),
            FilePurpose::Export(format) => self.suggested_name(format.extension()),
            FilePurpose::AuditResults { .. } => {
                format!("审查结果.{}", purpose.extension().unwrap_or_default())
            }
            _ => String::new(),
        };
        let text = match (&self.session.path, &folder) {
            (Some(path), _) if purpose == FilePurpose::Save => path.display().to_string(),
            (_, Some(folder)) if name.is_empty() => {
                format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR)
            }
            (_, Some(folder)) => folder.join(name).display().to_string(),
            (_, None) => name,
        };
        self.dialog = Some(Dialog::Path {
            purpose,
            text,
            reason,
        });
    }

    pub(super) fn remember(&mut self, path: PathBuf) {
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }
}

/// How often the window draws while a job runs (its progress bar moves).
const JOB_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);

/// The register read again and tallied with the confirmed mapping.
fn storage_tally(
    register: &Path,
    template: &crate::template::Template,
    mapping: &crate::tally::Mapping,
    year: u16,
) -> Result<crate::tally::Tally, String> {
    let (rows, _) = files::read_register(register, template)?;
    crate::tally::tally(template, &rows, mapping, year).map_err(|e| e.to_string())
}
