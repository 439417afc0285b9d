//! The desktop editor (eframe/egui). The only part of nianbao that names egui, eframe
//! or rfd.
//!
//! [`App`] = persisted UI preferences ([`Prefs`]) + the open document ([`Session`]) +
//! per-frame interaction state. `*_ui` functions draw and push [`Command`]s; the commands
//! run after the frame ([`App::run_commands`]), which is the one place that touches files
//! and dialogs.

mod command;
mod fonts;
mod panels;
pub mod recovery;
mod review_ui;
pub mod session;
mod table_ui;

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, ViewportCommand};

pub use command::{Command, ExportFormat, FilePurpose};
pub use fonts::{CJK_FONT, install_cjk_font};
pub use session::Session;

use crate::date::Date;
use crate::engine::Target;
use crate::template::{self, CellIdx};
use command::Picked;
use recovery::Recovery;

/// UI preferences kept between runs in eframe's storage (never the user's data).
#[derive(Default, serde::Deserialize, serde::Serialize)]
#[serde(default)] // Fields added later get their defaults when older prefs are read.
pub struct Prefs {
    /// Recently opened or saved drafts, newest first.
    pub recent: Vec<PathBuf>,
}

const MAX_RECENT: usize = 8;

/// What the editor shows in the middle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// 基本信息 (and the preamble).
    Meta,
    /// Section 一 … 六, by index.
    Section(usize),
}

/// The cell being typed into: its text as typed, and what it held before (for Esc).
#[derive(Clone, Debug)]
pub struct CellEdit {
    /// The cell.
    pub idx: CellIdx,
    /// The text as typed (shown while the cell has the focus).
    pub buffer: String,
    /// What the cell showed when it got the focus.
    pub original: String,
}

/// State the `*_ui` functions share during a frame.
#[derive(Default)]
pub struct Interaction {
    /// Commands to run after the frame.
    pub commands: Vec<Command>,
    /// A cell, text or field to focus and scroll to.
    pub focus: Option<Target>,
    /// The cell being typed into.
    pub cell_edit: Option<CellEdit>,
    /// Whether an input method is composing (or just committed): Enter then belongs to it.
    pub ime_busy: bool,
    /// Whether an input method has an unfinished composition.
    pub ime_composing: bool,
    /// When an input method last committed text (egui input time, seconds).
    pub ime_commit_time: Option<f64>,
    /// 审阅模式: the tables, texts and fields take no input this frame.
    pub read_only: bool,
    /// Cells, parts and fields changed since the draft was marked 已审阅.
    pub changed: Vec<String>,
    /// The cell or part that last had the keyboard focus (id, name): what 「审阅 › 添加批注…」
    /// comments on.
    pub last_focused: Option<(String, String)>,
    /// The cells and parts of the current finding (the one clicked or stepped to with F8),
    /// highlighted in the tables and texts.
    pub current: Vec<Target>,
}

impl Interaction {
    /// Focuses and shows the widget of `target` if a finding (or a key) asked for it.
    pub fn focus_if_requested(&mut self, target: &Target, response: &egui::Response) {
        if self.focus.as_ref() == Some(target) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            self.focus = None;
        }
    }
}

/// A modal question or message.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Unsaved changes: save, discard or cancel, then run the command.
    Unsaved(Command),
    /// No system file dialog: type the path.
    Path {
        /// Open or save.
        purpose: FilePurpose,
        /// The path as typed.
        text: String,
    },
    /// A recovery file from a crash was found.
    Recovery,
    /// The report year changed across the 2020/2021 format change.
    SwitchTemplate {
        /// The template for the new year.
        template_id: String,
        /// Its name, for the question.
        name: String,
    },
    /// Saving or exporting would replace another existing file.
    Overwrite {
        /// The file.
        path: PathBuf,
        /// What to run once the user agrees.
        then: Command,
    },
    /// The draft has errors: list them and ask for a reason before exporting.
    ExportWithErrors {
        /// The format asked for.
        format: ExportFormat,
        /// The reason as typed.
        reason: String,
    },
    /// What an import read and what it did not, to check.
    ImportReport {
        /// A one-line summary.
        summary: String,
        /// The full import report.
        details: String,
    },
    /// A verdict on a finding: 已核实 (explanation required) or 需修改 (comment).
    Dispose {
        /// The finding's fingerprint.
        fingerprint: String,
        /// The finding, as shown.
        finding: String,
        /// Whether it is an error (which can only be explained).
        is_error: bool,
        /// The verdict chosen.
        verdict: crate::draft::Verdict,
        /// The note as typed.
        note: String,
    },
    /// A comment on a cell, part or field.
    Comment {
        /// Its id.
        target: String,
        /// How it is named.
        name: String,
        /// The comment as typed.
        text: String,
    },
    /// A message to acknowledge.
    Message(String),
}

/// Which findings the 校验结果 panel lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingFilter {
    /// Show errors, warnings, hints.
    pub severities: [bool; 3],
    /// Show findings settled by 已核实.
    pub settled: bool,
    /// Only this group: 0 = 基本信息, 1… = section 一….
    pub group: Option<usize>,
}

impl Default for FindingFilter {
    fn default() -> Self {
        Self {
            severities: [true; 3],
            settled: true,
            group: None,
        }
    }
}

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// A draft to open.
    pub path: Option<PathBuf>,
    /// Where the recovery file lives (default: [`crate::system::data_dir`]).
    pub data_dir: Option<PathBuf>,
    /// Today (default: the system date in China).
    pub today: Option<Date>,
    /// The page to show first.
    pub page: Option<Page>,
    /// Ask for file paths in the editor's own field, never through the system's file dialog
    /// (tests, whose timing must not decide whether a dialog "showed").
    pub typed_paths_only: bool,
}

/// Measures startup: when set, the app prints the time from `started` to its first
/// painted frame on stderr and closes (`NIANBAO_STARTUP_TIMING=1`, see README).
#[derive(Clone, Copy, Debug)]
pub struct StartupProbe {
    /// When the process started.
    pub started: std::time::Instant,
}

/// The editor.
pub struct App {
    /// Kept between runs.
    pub prefs: Prefs,
    /// The open document.
    pub session: Session,
    /// The page in the middle.
    pub page: Page,
    /// Per-frame interaction state.
    pub ix: Interaction,
    /// The modal dialog, if any.
    pub dialog: Option<Dialog>,
    /// A short message in the status bar.
    pub status: String,
    recovery: Recovery,
    /// The user chose 「不保存」: the next command may drop the unsaved changes.
    is_discard_confirmed: bool,
    /// The typed-path dialog was just opened: its field takes the focus.
    path_focus_pending: bool,
    /// See [`AppOptions::typed_paths_only`].
    typed_paths_only: bool,
    /// Why the user exports a draft with errors, once confirmed (kept until that export ends).
    pub export_reason: Option<String>,
    is_close_confirmed: bool,
    shown_title: String,
    was_focused: bool,
    /// Set to measure startup.
    pub startup_probe: Option<StartupProbe>,
    /// The GPU's largest texture side, as the integration reported it at start.
    gpu_max_texture_side: Option<usize>,
    n_frames: u64,
    /// 审阅模式: read-only, for inspecting flagged figures and recording verdicts.
    pub review_mode: bool,
    /// Which findings are listed.
    pub filter: FindingFilter,
    /// The finding last stepped to (its fingerprint), for 上一条/下一条.
    pub cursor: Option<String>,
}

impl App {
    /// Creates the editor; opens `options.path` or starts a new draft, and offers to
    /// restore a recovery file left by a crash.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        install_cjk_font(&cc.egui_ctx);
        cc.egui_ctx.set_theme(egui::Theme::Light);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_prefs(prefs, options)
    }

    /// Creates the editor without eframe (tests).
    pub fn with_prefs(prefs: Prefs, options: AppOptions) -> Self {
        let today = options.today.unwrap_or_else(crate::system::today_in_china);
        let data_dir = options.data_dir.or_else(crate::system::data_dir);
        let recovery = Recovery::new(data_dir);
        let mut app = Self {
            prefs,
            session: Session::new_draft(today),
            page: Page::Meta,
            ix: Interaction::default(),
            dialog: None,
            status: String::new(),
            recovery,
            is_discard_confirmed: false,
            path_focus_pending: false,
            typed_paths_only: options.typed_paths_only,
            export_reason: None,
            is_close_confirmed: false,
            shown_title: String::new(),
            was_focused: true,
            startup_probe: None,
            gpu_max_texture_side: None,
            n_frames: 0,
            review_mode: false,
            filter: FindingFilter::default(),
            cursor: None,
        };
        if let Some(path) = options.path {
            if command::is_published_report(&path) {
                app.import(&path);
            } else {
                app.open_path(&path);
            }
        }
        if let Some(page) = options.page {
            app.page = page;
        }
        if app.recovery.find().is_some() {
            app.dialog = Some(Dialog::Recovery);
        }
        app
    }

    /// Runs queued commands. A command that would drop unsaved changes runs only after
    /// they were saved or the user chose 「不保存」; otherwise it asks (or, when a save just
    /// failed, is dropped so the error can be read).
    pub fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.ix.commands);
        if !commands.is_empty() {
            // What a command changed (a dialog, a page, a focus) is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            if command.replaces_document() && self.session.is_dirty() && !self.is_discard_confirmed
            {
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Unsaved(command));
                }
                continue;
            }
            if command.replaces_document() && std::mem::take(&mut self.is_discard_confirmed) {
                // The user chose not to keep these changes: nor should the next start offer them.
                self.recovery.clear();
            }
            self.run(ctx, command);
        }
    }

    /// The user chose 「不保存」 for the command that follows.
    pub fn confirm_discard(&mut self) {
        self.is_discard_confirmed = true;
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        if self.review_mode && command.edits_content() {
            self.status = "审阅模式下不能修改报告内容（在「审阅」菜单中关闭审阅模式）".to_owned();
            return;
        }
        match command {
            Command::New => {
                self.session = Session::new_draft(self.session.today);
                self.after_document_change("新建草稿");
            }
            Command::Open(Some(path)) => self.open_path(&path),
            Command::Open(None) => {
                match self.pick_file(FilePurpose::Open, self.session.path.as_deref(), "") {
                    Picked::Path(path) => self.open_path(&path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.ask_path(FilePurpose::Open),
                }
            }
            Command::Save => match self.session.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run(ctx, Command::SaveAs(None)),
            },
            Command::SaveAs(Some(path)) => self.save_to(&command::with_extension(path)),
            Command::SaveAs(None) => {
                match self.pick_file(
                    FilePurpose::Save,
                    self.session.path.as_deref(),
                    &self.suggested_name("nianbao"),
                ) {
                    Picked::Path(path) => self.save_to(&command::with_extension(path)),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.ask_path(FilePurpose::Save),
                }
            }
            Command::Undo | Command::Redo => {
                self.ix.cell_edit = None;
                let link = self.session.draft.last_year.clone();
                let is_undo = command == Command::Undo;
                let moved = if is_undo {
                    self.session.undo()
                } else {
                    self.session.redo()
                };
                if !moved {
                    self.status = if is_undo {
                        "没有可撤销的操作"
                    } else {
                        "没有可重做的操作"
                    }
                    .to_owned();
                }
                // Undoing a link or an unlink follows (or drops) last year's draft too.
                if self.session.draft.last_year != link {
                    self.load_last_year();
                }
            }
            Command::Focus(target) => {
                self.show_page(self.page_of(&target));
                self.ix.focus = Some(target);
            }
            Command::FillZeros(table_idx) => {
                // The values change under the cell being typed into.
                self.ix.cell_edit = None;
                self.fill_zeros(table_idx);
            }
            Command::SwitchTemplate(id) => {
                self.ix.cell_edit = None;
                if let Some(t) = template::builtin_by_id(&id) {
                    self.session.set_template(t);
                    self.status = format!("已切换为「{}」", self.session.template.name);
                }
            }
            Command::RestoreRecovery => {
                // The template first: if it cannot be loaded, the recovery file stays where it
                // is, offered again at the next start.
                let template = self.recovery.found().map(|found| {
                    let base = found.path.clone().unwrap_or_default();
                    crate::storage::template_for(&found.draft, &base)
                });
                match template {
                    Some(Ok(t)) => {
                        if let Some(found) = self.recovery.restore() {
                            self.session =
                                Session::new(t, found.draft, found.path, self.session.today);
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
            Command::DiscardRecovery => {
                self.recovery.discard();
                // Another window may have left one too.
                if self.recovery.find().is_some() {
                    self.dialog = Some(Dialog::Recovery);
                }
            }
            Command::Import(Some(path)) => self.import(&path),
            Command::NextYear(Some(path)) => self.next_year(&path),
            Command::LinkLastYear(Some(path)) => {
                let link = command::full_path(&path).display().to_string();
                self.session
                    .edit(session::EditKey::Once, |d| d.last_year = Some(link));
                self.load_last_year();
                if let Some(problem) = self.session.last_year_problem.clone() {
                    self.dialog = Some(Dialog::Message(problem));
                } else {
                    self.status = format!("已关联上年草稿：{}", path.display());
                }
            }
            Command::UnlinkLastYear => {
                self.session
                    .edit(session::EditKey::Once, |d| d.last_year = None);
                self.session.set_last_year(Ok(None));
                self.status = "已取消关联上年草稿".to_owned();
            }
            Command::SetReviewMode(on) => {
                self.review_mode = on;
                self.ix.cell_edit = None;
                self.session.end_step();
                self.status = if on {
                    "审阅模式：报告内容只读，可记录审阅意见和批注".to_owned()
                } else {
                    "已退出审阅模式".to_owned()
                };
            }
            Command::Dispose {
                fingerprint,
                verdict,
                note,
            } => {
                let template = self.session.template.clone();
                let finding = self
                    .session
                    .evaluation
                    .findings
                    .iter()
                    .find(|f| crate::review::fingerprint(&template, f) == fingerprint)
                    .cloned();
                if let Some(finding) = finding {
                    let today = self.session.today.to_string();
                    self.session.review_edit(|d| {
                        crate::review::record(&template, d, &finding, verdict, &note, &today);
                    });
                    self.status = format!("已记录审阅意见：{}", verdict.label());
                }
            }
            Command::Undispose(fingerprint) => {
                let template = self.session.template.clone();
                let finding = self
                    .session
                    .evaluation
                    .findings
                    .iter()
                    .find(|f| crate::review::fingerprint(&template, f) == fingerprint)
                    .cloned();
                self.session.review_edit(|d| match &finding {
                    Some(finding) => crate::review::withdraw(&template, d, finding),
                    None => d.dispositions.retain(|x| x.fingerprint != fingerprint),
                });
            }
            Command::AddComment { target, text } => {
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
            Command::AskComment { target, name } => {
                self.dialog = Some(Dialog::Comment {
                    target,
                    name,
                    text: String::new(),
                });
            }
            Command::RemoveComment(i) => {
                self.session.review_edit(|d| {
                    if i < d.comments.len() {
                        d.comments.remove(i);
                    }
                });
            }
            Command::MarkReviewed => {
                let today = self.session.today.to_string();
                self.session.review_edit(|d| {
                    d.reviewed = Some(crate::draft::Baseline::of(d, &today));
                });
                self.status = format!("已标记为已审阅（{today}），此后的修改将突出显示");
            }
            Command::StepFinding(forward) => self.step_finding(forward),
            Command::Quote { part, paragraph } => {
                self.session.quote(&part, &paragraph);
                self.status =
                    "已引用上年报告的一段：请按本年度情况改写，其中的年份和数字会被核对".to_owned();
            }
            Command::Import(None) | Command::NextYear(None) | Command::LinkLastYear(None) => {
                let purpose = match command {
                    Command::Import(_) => FilePurpose::Import,
                    Command::NextYear(_) => FilePurpose::NextYear,
                    _ => FilePurpose::LinkLastYear,
                };
                match self.pick_file(purpose, self.session.path.as_deref(), "") {
                    // Run at once: unsaved changes were asked about before the dialog.
                    Picked::Path(path) => self.run(ctx, purpose.command(path)),
                    Picked::Cancelled => {}
                    Picked::Unavailable => self.ask_path(purpose),
                }
            }
            Command::Export { format, path } => self.export(format, path),
            Command::AcceptComputedTotals => self.accept_computed_totals(),
            Command::Quit => {
                self.recovery.clear();
                self.is_close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
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

    fn export(&mut self, format: ExportFormat, path: Option<PathBuf>) {
        if self.session.evaluation.has_errors() && self.export_reason.is_none() {
            self.dialog = Some(Dialog::ExportWithErrors {
                format,
                reason: String::new(),
            });
            return;
        }
        let path = match path {
            Some(path) => path,
            None => {
                let suggested = self.suggested_name(format.extension());
                match self.pick_file(
                    FilePurpose::Export(format),
                    self.session.path.as_deref(),
                    &suggested,
                ) {
                    Picked::Path(path) => path,
                    Picked::Cancelled => {
                        self.export_reason = None;
                        return;
                    }
                    Picked::Unavailable => {
                        self.ask_path(FilePurpose::Export(format));
                        return;
                    }
                }
            }
        };
        let session = &self.session;
        let report = crate::export::Report {
            template: &session.template,
            draft: &session.draft,
            evaluation: &session.evaluation,
        };
        let result = format
            .bytes(&report)
            .and_then(|bytes| command::write_export(&path, &bytes));
        match result {
            Ok(()) => {
                let reason = self
                    .export_reason
                    .take()
                    .map(|r| format!("（有错误，导出原因：{r}）"))
                    .unwrap_or_default();
                self.status = format!("已导出{}：{}{reason}", format.label(), path.display());
            }
            Err(message) => {
                self.export_reason = None;
                self.dialog = Some(Dialog::Message(message));
            }
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

    /// The findings the 校验结果 panel lists, in order, with their fingerprints.
    pub fn visible_findings(&self) -> Vec<(&crate::engine::Finding, String)> {
        let session = &self.session;
        let template = &session.template;
        let mut visible = session
            .evaluation
            .findings
            .iter()
            .filter(|f| {
                let severity = match f.severity {
                    crate::engine::Severity::Error => 0,
                    crate::engine::Severity::Warning => 1,
                    crate::engine::Severity::Info => 2,
                };
                let group = f
                    .targets
                    .first()
                    .and_then(|t| template.section_of(t))
                    .map_or(0, |s| s + 1);
                self.filter.severities[severity]
                    && self.filter.group.is_none_or(|g| g == group)
                    && (self.filter.settled
                        || !crate::review::is_settled(
                            f,
                            crate::review::disposition(template, &session.draft, f),
                        ))
            })
            .map(|f| (f, crate::review::fingerprint(template, f)))
            .collect::<Vec<_>>();
        // Grouped as the panel shows them: 基本信息, then section by section (stable).
        visible.sort_by_key(|(f, _)| {
            f.targets
                .first()
                .and_then(|t| template.section_of(t))
                .map_or(0, |s| s + 1)
        });
        visible
    }

    /// 下一条 / 上一条: shows the finding after (before) the current one.
    fn step_finding(&mut self, forward: bool) {
        let visible = self.visible_findings();
        if visible.is_empty() {
            self.status = "没有符合筛选条件的校验结果".to_owned();
            return;
        }
        let n = visible.len();
        let at = self
            .cursor
            .as_ref()
            .and_then(|c| visible.iter().position(|(_, fp)| fp == c));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        let (finding, fingerprint) = &visible[next];
        let target = finding.targets.first().cloned();
        let label = format!("第{}/{n}条：{} {}", next + 1, finding.rule, finding.message);
        self.cursor = Some(fingerprint.clone());
        self.status = label;
        if let Some(target) = target {
            self.show_page(self.page_of(&target));
            self.ix.focus = Some(target);
        }
    }

    /// Reads the draft's linked last-year draft into the session.
    fn load_last_year(&mut self) {
        let linked = command::open_last_year(&self.session.draft, self.session.path.as_deref());
        self.session.set_last_year(linked);
    }

    fn import(&mut self, path: &std::path::Path) {
        let imported = match command::import_report(path) {
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

    fn next_year(&mut self, path: &std::path::Path) {
        let result = command::open_draft(path).and_then(|(template, last, last_path)| {
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

    fn open_path(&mut self, path: &std::path::Path) {
        match command::open_draft(path) {
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

    fn save_to(&mut self, path: &std::path::Path) {
        // The link follows the draft: by file name when both sit in one folder, else in full
        // (resolved against where the draft was, even when last year's file is missing).
        if let Some(last) =
            crate::storage::last_year_path(&self.session.draft, self.session.path.as_deref())
        {
            self.session.draft.last_year = Some(command::link_to(path, &last));
        }
        match command::save_draft(path, &self.session.draft, &self.session.template) {
            Ok(()) => {
                self.session.mark_saved(path.to_path_buf());
                self.recovery.clear();
                self.remember(path.to_path_buf());
                self.status = format!("已保存 {}", path.display());
            }
            Err(message) => self.dialog = Some(Dialog::Message(message)),
        }
    }

    /// The system's file dialog, unless paths are only typed.
    fn pick_file(
        &self,
        purpose: FilePurpose,
        current: Option<&std::path::Path>,
        suggested: &str,
    ) -> Picked {
        if self.typed_paths_only {
            return Picked::Unavailable;
        }
        command::pick_file(purpose, current, suggested)
    }

    /// Asks for a path where the system has no file dialog: the field has the focus, and
    /// holds the draft's folder and, to write, the suggested file name (Enter confirms, Esc
    /// cancels).
    pub fn ask_path(&mut self, purpose: FilePurpose) {
        let folder = self
            .session
            .path
            .as_deref()
            .and_then(std::path::Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(std::path::Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok());
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
        self.path_focus_pending = true;
        self.dialog = Some(Dialog::Path { purpose, text });
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

    fn fill_zeros(&mut self, table_idx: usize) {
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

    /// Shortcuts, IME state, pasted blocks and dropped files: read before the widgets so
    /// that a text field does not also act on them.
    fn input_ui(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let shortcuts = [
            (
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Command::SaveAs(None),
            ),
            (shortcut(Modifiers::COMMAND, Key::S), Command::Save),
            (shortcut(Modifiers::COMMAND, Key::N), Command::New),
            (shortcut(Modifiers::COMMAND, Key::O), Command::Open(None)),
            (
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Redo,
            ),
            (shortcut(Modifiers::COMMAND, Key::Z), Command::Undo),
            (shortcut(Modifiers::COMMAND, Key::Y), Command::Redo),
            (
                shortcut(Modifiers::SHIFT, Key::F8),
                Command::StepFinding(false),
            ),
            (
                shortcut(Modifiers::NONE, Key::F8),
                Command::StepFinding(true),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::R),
                Command::SetReviewMode(!self.review_mode),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::E),
                Command::Export {
                    format: ExportFormat::Docx,
                    path: None,
                },
            ),
        ];
        for (keys, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.ix.commands.push(command);
            }
        }
        // An input method's Enter commits its composition; it must not also move the focus.
        // Some platforms deliver that Enter too, with the commit or as the next key event.
        const COMMIT_ENTER_SECS: f64 = 0.3;
        let (now, has_key) = ctx.input(|i| {
            let mut has_key = false;
            for e in &i.events {
                match e {
                    egui::Event::Ime(egui::ImeEvent::Preedit { text, .. }) => {
                        self.ix.ime_composing = !text.is_empty();
                    }
                    egui::Event::Ime(egui::ImeEvent::Commit(_)) => {
                        self.ix.ime_composing = false;
                        self.ix.ime_commit_time = Some(i.time);
                    }
                    egui::Event::Key { pressed: true, .. } | egui::Event::Text(_) => has_key = true,
                    _ => {}
                }
            }
            (i.time, has_key)
        });
        let is_just_committed = self
            .ix
            .ime_commit_time
            .is_some_and(|t| now - t < COMMIT_ENTER_SECS);
        self.ix.ime_busy = self.ix.ime_composing || is_just_committed;
        if self.ix.ime_busy {
            ctx.input_mut(|i| {
                i.events.retain(|e| {
                    !matches!(
                        e,
                        egui::Event::Key {
                            key: Key::Enter,
                            ..
                        }
                    )
                });
            });
        }
        if has_key {
            // Only the first key after a commit can be the input method's.
            self.ix.ime_commit_time = None;
        }
        // A block pasted into a table cell fills the cells from there on (only while that
        // cell has the focus: a paste into a text field is the text field's).
        if let Some(edit) = &self.ix.cell_edit
            && ctx.memory(|m| m.has_focus(table_ui::cell_id(edit.idx)))
        {
            let start = edit.idx;
            let pasted = ctx.input_mut(|i| {
                let pos = i
                    .events
                    .iter()
                    .position(|e| matches!(e, egui::Event::Paste(t) if t.contains(['\t', '\n'])))?;
                match i.events.remove(pos) {
                    egui::Event::Paste(t) => Some(t),
                    _ => None,
                }
            });
            if let Some(text) = pasted {
                self.ix.cell_edit = None;
                let message = table_ui::paste_block(&mut self.session, start, &text);
                self.status = message.clone().unwrap_or_else(|| "已粘贴".to_owned());
                if let Some(m) = message {
                    self.dialog = Some(Dialog::Message(m));
                }
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            // A published report (Word, web page, text) is imported; anything else opened.
            self.ix
                .commands
                .push(if command::is_published_report(&path) {
                    Command::Import(Some(path))
                } else {
                    Command::Open(Some(path))
                });
        }
    }

    /// Writes the recovery file every 30 s while there are unsaved changes, and when the
    /// window loses focus.
    fn autosave(&mut self, ctx: &egui::Context) {
        let is_focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let lost_focus = self.was_focused && !is_focused;
        self.was_focused = is_focused;
        // Once the user chose to quit (after 「不保存」, the changes are discarded), the
        // frames the closing window still draws must not write them back.
        if !self.session.is_dirty() || self.is_close_confirmed {
            return;
        }
        let revision = self.session.revision();
        if self.recovery.is_due(revision, lost_focus) {
            let written = self
                .session
                .draft
                .to_ron(Some(&self.session.template))
                .map_err(|e| e.to_string())
                .and_then(|ron| {
                    self.recovery
                        .write(&ron, self.session.path.as_deref(), revision)
                        .map_err(|e| crate::storage::describe_io(&e))
                });
            if let Err(e) = written {
                self.status = format!("恢复文件写入失败：{e}");
            }
        }
        ctx.request_repaint_after(recovery::INTERVAL);
    }

    /// Makes the recovery file due, as after 30 idle seconds (for tests of crash recovery).
    pub fn make_recovery_due(&mut self) {
        self.recovery.make_due();
    }

    /// Writes the recovery file now (for tests of crash recovery).
    pub fn write_recovery_now(&mut self) {
        let revision = self.session.revision();
        if let Ok(ron) = self.session.draft.to_ron(Some(&self.session.template)) {
            self.recovery
                .write(&ron, self.session.path.as_deref(), revision)
                .ok();
        }
    }

    fn close_ui(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.is_close_confirmed {
            if self.session.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Unsaved(Command::Quit));
                }
            } else {
                self.recovery.clear();
            }
        }
        let title = self.session.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// Draws one frame: menu, navigation, editor, findings, status, dialogs.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ix.read_only = self.review_mode;
        self.ix.changed = crate::review::since_review(&self.session.template, &self.session.draft)
            .into_iter()
            .map(|c| c.id)
            .collect();
        self.ix.current = self
            .cursor
            .as_ref()
            .and_then(|c| {
                self.visible_findings()
                    .into_iter()
                    .find(|(_, fp)| fp == c)
                    .map(|(f, _)| f.targets.clone())
            })
            .unwrap_or_default();
        self.input_ui(&ctx);
        panels::menu_ui(ui, self);
        panels::status_ui(ui, self);
        panels::nav_ui(ui, self);
        review_ui::findings_ui(ui, self);
        panels::reference_ui(ui, self);
        panels::central_ui(ui, self);
        panels::dialog_ui(&ctx, self);
        self.close_ui(&ctx);
        self.run_commands(&ctx);
        self.autosave(&ctx);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // The first frame has been painted when the second one starts.
        if let Some(probe) = self.startup_probe
            && self.n_frames == 1
        {
            report_startup(probe);
            self.is_close_confirmed = true;
            ui.ctx().send_viewport_cmd(ViewportCommand::Close);
        }
        self.n_frames += 1;
        self.frame_ui(ui);
        if self.startup_probe.is_some() {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // The integration gives the GPU's largest texture once, at start; keep it.
        if let Some(gpu_max) = raw_input.max_texture_side {
            self.gpu_max_texture_side = Some(gpu_max);
        }
        raw_input.max_texture_side = Some(fonts::atlas_side(
            self.gpu_max_texture_side,
            ctx.pixels_per_point(),
        ));
    }
}

#[expect(clippy::print_stderr)] // The measurement is the output of this mode.
fn report_startup(probe: StartupProbe) {
    eprintln!(
        "first frame after {:.3} s",
        probe.started.elapsed().as_secs_f64()
    );
}
