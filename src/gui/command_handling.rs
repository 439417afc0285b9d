//! What each [`Command`] does: [`App::run`] is a table of contents, one method per
//! command, and these methods are the only editor code that changes the open document,
//! asks for files or opens dialogs in answer to the user.

use std::path::{Path, PathBuf};

use eframe::egui::{self, ViewportCommand};

use super::command::{Command, ExportFormat, FilePurpose};
use super::files::{self, Picked};
use super::jobs::{Job, Outcome};
use super::session::{self, Session};
use super::{App, Dialog, Interaction, MAX_RECENT, Page};
use crate::draft::Verdict;
use crate::engine::Target;
use crate::template;

/// How often the window draws while a job runs (its progress bar moves).
const JOB_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);

impl App {
    /// Runs one command (after [`App::run_commands`] has dealt with unsaved changes).
    pub(super) fn run(&mut self, ctx: &egui::Context, command: Command) {
        if self.review_mode && command.edits_content() {
            self.status = "审阅模式下不能修改报告内容（在「审阅」菜单中关闭审阅模式）".to_owned();
            return;
        }
        if self.session.draft.consolidation.is_some() && command.edits_tables() {
            self.status =
                "汇总报告的表格是各单位之和，不能直接修改（请修改单位的草稿后重新汇总）".to_owned();
            return;
        }
        match command {
            Command::New => {
                self.session = Session::new_draft(self.session.today);
                self.after_document_change("新建草稿");
            }
            Command::Open(Some(path)) => self.open_path(&path),
            Command::Save => match self.session.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run(ctx, Command::SaveAs(None)),
            },
            Command::SaveAs(Some(path)) => self.save_to(&files::with_extension(path)),
            Command::Open(None)
            | Command::SaveAs(None)
            | Command::Import(None)
            | Command::NextYear(None)
            | Command::LinkLastYear(None)
            | Command::Merge(None)
            | Command::Tally(None) => self.pick_and_run(ctx, &command),
            Command::Tally(Some(path)) => self.open_tally(ctx, path),
            Command::ApplyTally { register, mapping } => self.apply_tally(&register, &mapping),
            Command::Merge(Some(path)) => self.merge(ctx, path),
            Command::Breakdown(idx) => self.breakdown(idx),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::Focus(target) => {
                self.show_page(self.page_of(&target));
                self.ix.focus = Some(target);
            }
            Command::FillZeros(table_idx) => self.fill_zeros(table_idx),
            Command::SwitchTemplate(id) => self.switch_template(&id),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::Import(Some(path)) => self.import(ctx, path),
            Command::NextYear(Some(path)) => self.next_year(&path),
            Command::LinkLastYear(Some(path)) => self.link_last_year(&path),
            Command::UnlinkLastYear => self.unlink_last_year(),
            Command::SetReviewMode(on) => self.set_review_mode(on),
            Command::Dispose {
                fingerprint,
                verdict,
                note,
            } => self.dispose(&fingerprint, verdict, &note),
            Command::Undispose(fingerprint) => self.undispose(&fingerprint),
            Command::AddComment { target, text } => self.add_comment(target, &text),
            Command::AskComment { target, name } => self.ask_comment(target, name),
            Command::RemoveComment(i) => self.remove_comment(i),
            Command::MarkReviewed => self.mark_reviewed(),
            Command::StepFinding(forward) => self.step_finding(forward),
            Command::Quote { part, paragraph } => {
                self.session.quote(&part, &paragraph);
                self.status =
                    "已引用上年报告的一段：请按本年度情况改写，其中的年份和数字会被核对".to_owned();
            }
            Command::Export {
                format,
                path,
                reason,
            } => self.export(ctx, format, path, reason),
            Command::AcceptComputedTotals => self.accept_computed_totals(),
            Command::CancelJob => self.cancel_job(),
            Command::Quit => {
                if let Some(job) = self.job.take() {
                    job.progress.cancel();
                }
                self.recovery.clear();
                self.is_close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            command => self.run_edit(command),
        }
    }

    fn ask_comment(&mut self, target: String, name: String) {
        let text = String::new();
        self.dialog = Some(Dialog::Comment { target, name, text });
    }

    /// The commands of typing and picking: the document's fields, the page and the filter.
    fn run_edit(&mut self, command: Command) {
        let key = |id: &str| session::EditKey::Field(id.to_owned());
        match command {
            Command::SetCell { id, text } => {
                self.session.edit(key(&id), |d| d.set_cell(&id, &text));
            }
            Command::RevertCell { id, text } => {
                self.session.edit(key(&id), |d| d.set_cell(&id, &text));
                self.session.end_step();
            }
            Command::SetText { id, text } => {
                self.session.edit(key(&id), |d| d.set_text(&id, &text));
            }
            Command::SetMeta { field, value } => self.session.edit(key(field.id()), |d| {
                if let Some(v) = d.meta.text_mut(field) {
                    *v = value;
                }
            }),
            Command::SetYear(year) => self.set_year(year),
            Command::SetLevel(level) => self
                .session
                .edit(session::EditKey::Once, |d| d.meta.level = level),
            Command::EndStep => self.session.end_step(),
            Command::PasteBlock { start, text } => self.paste_block(start, &text),
            Command::ShowPage(page) => self.show_page(page),
            Command::SetFilter(filter) => self.filter = filter,
            Command::PickFinding {
                fingerprint,
                target,
            } => {
                self.cursor = Some(fingerprint);
                self.ix.scroll_to_current = true;
                if let Some(target) = target {
                    self.show_page(self.page_of(&target));
                    self.ix.focus = Some(target);
                }
            }
            Command::OpenDialog(dialog) => self.dialog = Some(*dialog),
            _ => {}
        }
    }

    /// 报告年度 picked: a year in another format offers to switch to it.
    fn set_year(&mut self, year: u16) {
        self.session
            .edit(session::EditKey::Once, |d| d.meta.year = year);
        if let Some(t) = template::for_year(year).filter(|t| t.id != self.session.template.id) {
            self.dialog = Some(Dialog::SwitchTemplate {
                template_id: t.id.clone(),
                name: t.name.clone(),
            });
        }
    }

    /// A block pasted into a table: the cells from `start` on, one undoable step; values
    /// that did not fit or are not numbers are said.
    fn paste_block(&mut self, start: crate::template::CellIdx, text: &str) {
        self.ix.cell_edit = None;
        let message = super::table_ui::paste_block(&mut self.session, start, text);
        self.status = message.clone().unwrap_or_else(|| "已粘贴".to_owned());
        if let Some(m) = message {
            self.dialog = Some(Dialog::Message(m));
        }
    }

    /// A command without its file: the system's file dialog, or the typed path where there
    /// is none; the command then runs at once (unsaved changes were asked about before).
    fn pick_and_run(&mut self, ctx: &egui::Context, command: &Command) {
        let (purpose, suggested) = match command {
            Command::Open(_) => (FilePurpose::Open, String::new()),
            Command::SaveAs(_) => (FilePurpose::Save, self.suggested_name("nianbao")),
            Command::Import(_) => (FilePurpose::Import, String::new()),
            Command::NextYear(_) => (FilePurpose::NextYear, String::new()),
            Command::Merge(_) => (FilePurpose::Merge, String::new()),
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
    fn merge(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(
            ctx,
            "正在汇总下级报告",
            move |progress| Outcome::Merged(files::merge_folder(&path, progress)),
        ));
    }

    /// The consolidated draft replaces the document; the summary says what was found.
    fn merged(
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
    fn open_tally(&mut self, ctx: &egui::Context, path: PathBuf) {
        let template = self.session.template.clone();
        self.job = Some(Job::start(ctx, "正在读取台账", move |_| {
            let result = files::read_register(&path, &template);
            Outcome::Register(path, result)
        }));
    }

    /// The register read: the 从台账生成表三 dialog, to confirm.
    fn register_read(
        &mut self,
        path: &Path,
        result: Result<(Vec<Vec<String>>, crate::tally::Mapping), String>,
    ) {
        match result {
            Ok((rows, mapping)) => {
                let mut dialog = super::TallyDialog {
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
    fn apply_tally(&mut self, register: &Path, mapping: &crate::tally::Mapping) {
        let template = self.session.template.clone();
        let year = self.session.draft.meta.year;
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

    /// 各单位数值: each unit's figure for a cell of a consolidated draft, largest first.
    fn breakdown(&mut self, idx: crate::template::CellIdx) {
        let session = &self.session;
        let Some(consolidation) = &session.draft.consolidation else {
            return;
        };
        let Some(def) = session.template.cells.get(idx) else {
            return;
        };
        let figures = files::unit_figures(
            session.path.as_deref(),
            &consolidation.units,
            &session.template,
            idx,
        );
        self.dialog = Some(Dialog::Breakdown {
            name: def.name.clone(),
            rows: figures.into_iter().map(|f| (f.agency, f.shown)).collect(),
        });
    }

    /// 撤销 / 重做; a link to last year's draft that moves with it is followed.
    fn undo_redo(&mut self, is_undo: bool) {
        self.ix.cell_edit = None;
        let link = self.session.draft.last_year.clone();
        let moved = if is_undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        self.status = match (moved, is_undo) {
            (true, true) => "已撤销",
            (true, false) => "已重做",
            (false, true) => "没有可撤销的操作",
            (false, false) => "没有可重做的操作",
        }
        .to_owned();
        // Undoing a link or an unlink follows (or drops) last year's draft too.
        if self.session.draft.last_year != link {
            self.load_last_year();
        }
    }

    fn switch_template(&mut self, id: &str) {
        self.ix.cell_edit = None;
        if let Some(t) = template::builtin_by_id(id) {
            self.session.set_template(t);
            self.status = format!("已切换为「{}」", self.session.template.name);
        }
    }

    /// Restores the recovery file. The template first: if it cannot be loaded, the recovery
    /// file stays where it is, offered again at the next start.
    fn restore_recovery(&mut self) {
        let template = self.recovery.found().map(|found| {
            let base = found.path.clone().unwrap_or_default();
            crate::storage::template_for(&found.draft, &base)
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

    fn discard_recovery(&mut self) {
        self.recovery.discard();
        // Another window may have left one too.
        if self.recovery.find().is_some() {
            self.dialog = Some(Dialog::Recovery);
        }
    }

    fn link_last_year(&mut self, path: &Path) {
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

    fn unlink_last_year(&mut self) {
        self.session
            .edit(session::EditKey::Once, |d| d.last_year = None);
        self.session.set_last_year(Ok(None));
        self.status = "已取消关联上年草稿".to_owned();
    }

    fn set_review_mode(&mut self, on: bool) {
        self.review_mode = on;
        self.ix.cell_edit = None;
        self.session.end_step();
        self.status = if on {
            "审阅模式：报告内容只读，可记录审阅意见和批注".to_owned()
        } else {
            "已退出审阅模式".to_owned()
        };
    }

    /// The finding shown with this fingerprint, if it is still there.
    fn finding(&self, fingerprint: &str) -> Option<crate::engine::Finding> {
        let template = &self.session.template;
        self.session
            .evaluation
            .findings
            .iter()
            .find(|f| crate::review::fingerprint(template, f) == fingerprint)
            .cloned()
    }

    fn dispose(&mut self, fingerprint: &str, verdict: Verdict, note: &str) {
        let Some(finding) = self.finding(fingerprint) else {
            return;
        };
        let template = self.session.template.clone();
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            crate::review::record(&template, d, &finding, verdict, note, &today);
        });
        self.status = format!("已记录审阅意见：{}", verdict.label());
    }

    fn undispose(&mut self, fingerprint: &str) {
        let finding = self.finding(fingerprint);
        let template = self.session.template.clone();
        self.session.review_edit(|d| match &finding {
            Some(finding) => crate::review::withdraw(&template, d, finding),
            None => d.dispositions.retain(|x| x.fingerprint != fingerprint),
        });
    }

    fn add_comment(&mut self, target: String, text: &str) {
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            d.comments.push(crate::draft::Comment {
                target,
                text: text.trim().to_owned(),
                date: today,
            });
        });
        self.status = "已添加批注".to_owned();
    }

    fn remove_comment(&mut self, i: usize) {
        self.session.review_edit(|d| {
            if i < d.comments.len() {
                d.comments.remove(i);
            }
        });
    }

    fn mark_reviewed(&mut self) {
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            d.reviewed = Some(crate::draft::Baseline::of(d, &today));
        });
        self.status = format!("已标记为已审阅（{today}），此后的修改将突出显示");
    }

    /// A file name for a new file: the current one's, else 「{机关}{年度}年政府信息公开工作年度报告」.
    fn suggested_name(&self, extension: &str) -> String {
        let stem = self
            .session
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || {
                    let meta = &self.session.draft.meta;
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
    fn export(
        &mut self,
        ctx: &egui::Context,
        format: ExportFormat,
        path: Option<PathBuf>,
        reason: Option<String>,
    ) {
        // A published report is signed and dated (GB/T 9704): the date is asked for first.
        if crate::date::Date::parse(&self.session.draft.meta.published_on).is_none() {
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
        let has_errors = self.session.evaluation.has_errors();
        let has_warnings = self.derived.open_warnings(&self.session) > 0;
        if (has_errors || has_warnings) && reason.is_none() {
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
        let (template, draft) = (self.session.template.clone(), self.session.draft.clone());
        let evaluation = self.session.evaluation.clone();
        let pdf_program = self.pdf_program.clone();
        self.job = Some(Job::start(ctx, "正在导出", move |progress| {
            let report = crate::export::Report {
                template: &template,
                draft: &draft,
                evaluation: &evaluation,
            };
            let result = if format == ExportFormat::Pdf {
                files::export_pdf(pdf_program.as_deref(), (&template, &draft), &path)
            } else {
                format.bytes(&report).and_then(|bytes| {
                    if progress.is_cancelled() {
                        return Err("已取消".to_owned());
                    }
                    files::write_export(&path, &bytes).map(|()| Vec::new())
                })
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
    fn exported(
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
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
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
            Outcome::Imported(path, result) => self.imported(&path, result),
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
    fn cancel_job(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
            self.status = format!("已取消{}", job.what.trim_start_matches("正在"));
        }
    }

    /// Shows a page; the cell being typed into (if any) is no longer on screen.
    pub fn show_page(&mut self, page: Page) {
        if page != self.page {
            self.ix.cell_edit = None;
            self.session.end_step();
        }
        self.page = page;
    }

    fn page_of(&self, target: &Target) -> Page {
        self.session
            .template
            .section_of(target)
            .map_or(Page::Meta, Page::Section)
    }

    fn after_document_change(&mut self, status: &str) {
        self.ix = Interaction::default();
        self.page = Page::Meta;
        self.status = status.to_owned();
    }

    /// Makes the views derived from the document again if it changed (after an edit).
    fn refresh_derived(&mut self) {
        if self.derived.revision != self.session.revision() {
            self.derived = super::view::Derived::of(&self.session);
        }
    }

    /// The findings the 校验结果 panel lists, in order, with their fingerprints.
    pub fn visible_findings(&self) -> Vec<(&crate::engine::Finding, String)> {
        let derived = super::view::Derived::of(&self.session);
        derived
            .visible(&self.filter, &self.session)
            .into_iter()
            .map(|l| {
                (
                    &self.session.evaluation.findings[l.index],
                    l.fingerprint.clone(),
                )
            })
            .collect()
    }

    /// 下一条 / 上一条: shows the finding after (before) the current one.
    fn step_finding(&mut self, forward: bool) {
        let filter = self.filter.clone();
        let cursor = self.cursor.clone();
        self.refresh_derived();
        let visible = self.derived.visible(&filter, &self.session);
        if visible.is_empty() {
            self.status = "没有符合筛选条件的校验结果".to_owned();
            return;
        }
        let n = visible.len();
        let at = cursor
            .as_ref()
            .and_then(|c| visible.iter().position(|l| &l.fingerprint == c));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        let listed = visible[next];
        let finding = &self.session.evaluation.findings[listed.index];
        let target = finding.targets.first().cloned();
        let label = format!("第{}/{n}条：{} {}", next + 1, finding.rule, finding.message);
        let fingerprint = listed.fingerprint.clone();
        self.cursor = Some(fingerprint);
        self.ix.scroll_to_current = true;
        self.status = label;
        if let Some(target) = target {
            self.show_page(self.page_of(&target));
            self.ix.focus = Some(target);
        }
    }

    /// Reads the draft's linked last-year draft into the session.
    fn load_last_year(&mut self) {
        let linked = files::open_last_year(&self.session.draft, self.session.path.as_deref());
        self.session.set_last_year(linked);
    }

    pub(super) fn import(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.job = Some(Job::start(
            ctx,
            "正在导入已发布的年报",
            move |_| {
                let result = files::import_report(&path);
                Outcome::Imported(path, result)
            },
        ));
    }

    /// A published report read: the new draft, and what the import did and did not read.
    fn imported(&mut self, path: &Path, result: Result<crate::import::Imported, String>) {
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
        self.session.mark_unsaved();
        let report = &imported.report;
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

    fn next_year(&mut self, path: &Path) {
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
            self.session.draft.meta.year
        ));
        self.dialog = Some(Dialog::Message(next.notes.join("\n")));
    }

    pub(super) fn open_path(&mut self, path: &Path) {
        match files::open_draft(path) {
            Ok((template, draft, path)) => {
                self.session =
                    Session::new(template, draft, Some(path.clone()), self.session.today);
                self.load_last_year();
                self.remember(path.clone());
                self.after_document_change(&format!("已打开 {}", path.display()));
            }
            // Nothing is changed: the current draft stays as it is.
            Err(message) => self.dialog = Some(Dialog::Message(format!("无法打开草稿：{message}"))),
        }
    }

    fn save_to(&mut self, path: &Path) {
        // The link follows the draft: by file name when both sit in one folder, else in full
        // (resolved against where the draft was, even when last year's file is missing).
        if let Some(last) =
            crate::storage::last_year_path(&self.session.draft, self.session.path.as_deref())
        {
            self.session.draft.last_year = Some(files::link_to(path, &last));
        }
        match files::save_draft(path, &self.session.draft, &self.session.template) {
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
    pub(super) fn given_up(&mut self) {
        self.after_save = None;
        self.discard_confirmed = None;
    }

    /// The system's file dialog, unless paths are only typed.
    fn pick_file(&self, purpose: FilePurpose, current: Option<&Path>, suggested: &str) -> Picked {
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
    fn ask_path_then(&mut self, purpose: FilePurpose, reason: Option<String>) {
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

    /// Uses the computed totals instead of an imported report's printed ones, in one undoable
    /// step, and lists the totals whose figure changes.
    fn accept_computed_totals(&mut self) {
        let session = &self.session;
        if session.draft.stated.is_empty() {
            self.status = "没有原表印出的合计".to_owned();
            return;
        }
        let mut changed = Vec::new();
        for (id, stated) in &session.draft.stated {
            let Some(idx) = session.template.cell_idx(id) else {
                continue;
            };
            let computed = session.evaluation.cell(idx).complete_value();
            let same = matches!(stated, crate::draft::CellEntry::Number(v) if Some(*v) == computed);
            if !same {
                let name = &session.template.cells[idx].name;
                let now = computed.map_or_else(|| "（不完整）".to_owned(), |v| v.to_string());
                changed.push(format!("{name}：{stated} → {now}"));
            }
        }
        self.session
            .edit(session::EditKey::Once, |d| d.stated.clear());
        self.session.end_step();
        self.dialog = Some(Dialog::Message(if changed.is_empty() {
            "已采用软件计算的合计（与原表印出的一致）。可撤销（Ctrl+Z）。".to_owned()
        } else {
            format!(
                "已采用软件计算的合计，以下{}个合计与原表不同（可撤销，Ctrl+Z）：\n{}",
                changed.len(),
                changed.join("\n")
            )
        }));
    }

    fn remember(&mut self, path: PathBuf) {
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// 空白填0: the table's empty input cells become 0, in one undoable step.
    fn fill_zeros(&mut self, table_idx: usize) {
        // The values change under the cell being typed into.
        self.ix.cell_edit = None;
        let template = self.session.template.clone();
        let Some(table) = template.tables.get(table_idx) else {
            return;
        };
        let empty: Vec<String> = table
            .blocks
            .iter()
            .flat_map(|b| b.cells.iter())
            .map(|&i| &template.cells[i])
            .filter(|c| c.is_input() && !self.session.draft.cells.contains_key(&c.id))
            .map(|c| c.id.clone())
            .collect();
        let n = empty.len();
        self.session.edit(session::EditKey::Once, |d| {
            for id in &empty {
                d.set_cell(id, "0");
            }
        });
        self.status = format!("{}：已把{n}个空白单元格填为0（可撤销）", table.name);
    }
}

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
