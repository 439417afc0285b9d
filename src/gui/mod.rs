//! The desktop editor (eframe/egui). The only part of nianbao that names egui, eframe
//! or rfd.
//!
//! [`App`] = persisted UI preferences ([`Prefs`]) + the open document ([`Session`]) +
//! per-frame interaction state. `*_ui` functions read the document through a [`view::Doc`]
//! (never `&mut`) and push [`Command`]s; the commands run after the frame
//! ([`App::run_commands`]), the one place that changes the document, touches files and
//! opens dialogs.

mod audit_ui;
mod command;
mod command_handling;
mod dialogs_ui;
mod files;
mod fonts;
mod history_ui;
mod input;
pub mod jobs;
mod panels;
pub mod recovery;
pub mod renderer;
mod review_ui;
pub mod session;
mod signoff_ui;
mod style;
mod table_cell;
mod table_ui;
pub mod view;

use std::path::PathBuf;

use eframe::egui::{self, ViewportCommand};

pub use command::{Command, ExportFormat, FilePurpose};
pub use fonts::{CJK_FONT, install_cjk_font};
pub use session::Session;

use crate::date::Date;
use crate::engine::Target;
use crate::template::CellIdx;
use recovery::Recovery;

/// UI preferences kept between runs in eframe's storage (never the user's data).
#[derive(Default, serde::Deserialize, serde::Serialize)]
#[serde(default)] // Fields added later get their defaults when older prefs are read.
pub struct Prefs {
    /// Recently opened or saved drafts, newest first.
    pub recent: Vec<PathBuf>,
    /// The window was fitted to a large screen once; from then on it opens as it was left.
    pub window_fitted: bool,
    /// The name last typed for a sign-off (定稿, 解除定稿), offered again.
    pub signer: String,
}

/// Below this screen width the window's first size (1366×768) stays; on a larger screen the
/// window first opens maximized, as office software does, so that table 三 has the room.
const FIT_SCREEN_FROM: f32 = 1600.0;

/// Whether a window first opened on a screen of this size should be maximized.
pub fn fills_screen(monitor: egui::Vec2) -> bool {
    monitor.x >= FIT_SCREEN_FROM && monitor.y >= 900.0
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
    /// A consolidated report (汇总): its tables are its units' sums, shown, not typed into.
    pub tables_read_only: bool,
    /// Cells, parts and fields changed since the draft was marked 已审阅.
    pub changed: Vec<String>,
    /// The cell or part that last had the keyboard focus (id, name): what 「审阅 › 添加批注…」
    /// comments on.
    pub last_focused: Option<(String, String)>,
    /// The cells and parts of the current finding (the one clicked or stepped to with F8),
    /// highlighted in the tables and texts.
    pub current: Vec<Target>,
    /// The current finding changed: the 校验结果 panel scrolls it into view.
    pub scroll_to_current: bool,
    /// Tab (`true`) or Shift+Tab pressed in a table cell this frame: the table moves the
    /// focus itself, to the next input cell in reading order.
    pub tab: Option<bool>,
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
        /// For the export of a draft with errors: the reason already given.
        reason: Option<String>,
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
    /// The report has no publication date: ask for the signature's date before exporting.
    ExportDate {
        /// The format asked for.
        format: ExportFormat,
        /// Where to, if already chosen.
        path: Option<PathBuf>,
        /// The date as typed.
        text: String,
    },
    ExportWithErrors {
        /// The format asked for.
        format: ExportFormat,
        /// Where to, if already chosen.
        path: Option<PathBuf>,
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
    /// 从台账生成表三: the register's column mapping to confirm or change, what the tally
    /// gives, and how it differs from the draft, before anything is replaced.
    Tally(Box<TallyDialog>),
    /// 各单位数值: each unit's figure for a cell of a consolidated draft.
    Breakdown {
        /// The cell, as named in messages.
        name: String,
        /// (unit, what its cell shows), largest first.
        rows: Vec<(String, String)>,
    },
    /// 审查结果: the last audit's overview; a report in it is opened to review.
    Audit {
        /// The row picked (an index into the audit's reports).
        selected: Option<usize>,
    },
    /// 版本历史: the versions earlier saves replaced; one picked is compared with the
    /// draft now or restored.
    History {
        /// The version picked (0 the newest).
        selected: Option<usize>,
    },
    /// 定稿: the signer's name to type.
    Finalize {
        /// The name as typed.
        by: String,
    },
    /// 解除定稿: the name and the reason to type.
    Reopen {
        /// The name as typed.
        by: String,
        /// The reason as typed.
        reason: String,
    },
    /// A message to acknowledge.
    Message(String),
}

/// The state of the 从台账生成表三 dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct TallyDialog {
    /// The register file.
    pub register: PathBuf,
    /// Its rows.
    pub rows: Vec<Vec<String>>,
    /// The column mapping as it stands.
    pub mapping: crate::tally::Mapping,
    /// The tally with that mapping (recomputed when it changes).
    pub tally: Result<crate::tally::Tally, String>,
    /// Table 三's cells whose figure the tally changes.
    pub changes: Vec<crate::review::Change>,
    /// The applicant types and outcomes (of closed rows) the register writes, each shown
    /// with what it is assigned to, so an assignment can be seen and changed.
    pub values: (Vec<String>, Vec<String>),
}

impl TallyDialog {
    /// Tallies with the mapping as it stands, lists the cells whose figure would change
    /// and the values to assign (once per change of the mapping, not per frame).
    pub fn refresh(&mut self, session: &Session) {
        let template = &session.template();
        let year = session.draft().meta.year;
        self.tally = crate::tally::tally(template, &self.rows, &self.mapping, year)
            .map_err(|e| e.to_string());
        self.changes = match &self.tally {
            Ok(tally) => {
                let mut tallied = session.draft().clone();
                tally.apply_to(&mut tallied);
                crate::review::diff(template, session.draft(), &tallied)
            }
            Err(_) => Vec::new(),
        };
        self.values = crate::tally::values(&self.rows, &self.mapping);
    }
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
    /// A draft to open (or a published report to import, or a register to tally).
    pub path: Option<PathBuf>,
    /// A register (台账) to tally into the draft opened: its dialog is shown at start.
    pub register: Option<PathBuf>,
    /// Where the recovery file lives (default: [`crate::system::data_dir`]).
    pub data_dir: Option<PathBuf>,
    /// Today (default: the system date in China).
    pub today: Option<Date>,
    /// The page to show first.
    pub page: Option<Page>,
    /// Ask for file paths in the editor's own field, never through the system's file dialog
    /// (tests: no dialog may open under them).
    pub typed_paths_only: bool,
    /// The frame after a job starts waits for it to end (tests that check its outcome, not
    /// the window's drawing while it runs; the work still runs on its own thread).
    pub wait_for_jobs: bool,
    /// The command line that typesets PDFs (default: `nianbao-cli` beside the editor).
    pub pdf_program: Option<PathBuf>,
}

/// What draws the window: OpenGL, or wgpu with its backend and adapter (「Vulkan ·
/// llvmpipe」, 「Dx12 · Microsoft Basic Render Driver」 is Windows' software WARP).
fn graphics(cc: &eframe::CreationContext<'_>) -> Option<String> {
    if let Some(state) = &cc.wgpu_render_state {
        let info = state.adapter.get_info();
        return Some(format!("wgpu · {:?} · {}", info.backend, info.name));
    }
    cc.gl.as_ref().map(|_| "OpenGL".to_owned())
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
    /// The user chose 「不保存」 for the draft at this revision: the command that asked, and
    /// the file it then picks, may drop the unsaved changes (asked once).
    discard_confirmed: Option<u64>,
    /// What the user asked for before saving a draft that had no file yet: it runs once the
    /// save (through the file dialog or the typed path) went through.
    after_save: Option<Command>,
    /// The system shows file dialogs (unless [`AppOptions::typed_paths_only`]); else
    /// paths are typed in the editor's own field.
    has_file_dialog: bool,
    /// See [`AppOptions::wait_for_jobs`].
    wait_for_jobs: bool,
    /// See [`AppOptions::pdf_program`].
    pdf_program: Option<PathBuf>,
    is_close_confirmed: bool,
    shown_title: String,
    was_focused: bool,
    /// Set to measure startup.
    pub startup_probe: Option<StartupProbe>,
    /// The GPU's largest texture side, as the integration reported it at start.
    gpu_max_texture_side: Option<usize>,
    /// What draws the window (OpenGL, or wgpu with its backend and adapter), shown in the
    /// status bar for support; `None` without eframe (tests).
    graphics: Option<String>,
    n_frames: u64,
    /// 审阅模式: read-only, for inspecting flagged figures and recording verdicts.
    pub review_mode: bool,
    /// Which findings are listed.
    pub filter: FindingFilter,
    /// The finding last stepped to (its fingerprint), for 上一条/下一条.
    pub cursor: Option<String>,
    /// Views derived from the document, for its revision.
    derived: view::Derived,
    /// Which dialog was shown in the last frame: one that opens takes the focus.
    dialog_shown: Option<std::mem::Discriminant<Dialog>>,
    /// Long work running off the window's thread; the rest of the window waits for it.
    pub job: Option<jobs::Job>,
    /// The last audit of published reports (审查已发布年报), kept while reports of it are
    /// opened one after another.
    pub audit: Option<Box<crate::audit::Audit>>,
}

impl App {
    /// Creates the editor; opens `options.path` or starts a new draft, and offers to
    /// restore a recovery file left by a crash.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        install_cjk_font(&cc.egui_ctx);
        cc.egui_ctx.set_theme(egui::Theme::Light);
        style::install(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_prefs(prefs, options);
        app.graphics = graphics(cc);
        app
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
            discard_confirmed: None,
            after_save: None,
            has_file_dialog: !options.typed_paths_only && files::has_file_dialog(),
            wait_for_jobs: options.wait_for_jobs,
            pdf_program: options.pdf_program.clone(),
            is_close_confirmed: false,
            shown_title: String::new(),
            was_focused: true,
            startup_probe: None,
            gpu_max_texture_side: None,
            graphics: None,
            n_frames: 0,
            review_mode: false,
            filter: FindingFilter::default(),
            cursor: None,
            derived: view::Derived::default(),
            dialog_shown: None,
            job: None,
            audit: None,
        };
        if let Some(path) = options.path {
            if files::is_folder(&path) {
                // A folder given (or dropped on the program): the reports in it audited.
                app.ix.commands.push(Command::Audit(Some(path)));
            } else if files::is_register(&path) {
                app.ix.commands.push(Command::Tally(Some(path)));
            } else if files::is_published_report(&path) {
                app.ix.commands.push(Command::Import(Some(path)));
            } else {
                app.open_path(&path);
            }
        }
        if let Some(register) = options.register {
            app.ix.commands.push(Command::Tally(Some(register)));
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
    /// they were saved or the user chose 「不保存」, asked once: the file it then picks is
    /// not asked about again, and after 「保存」 for a draft without a file the command runs
    /// once the save went through.
    pub fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.ix.commands);
        if !commands.is_empty() {
            // What a command changed (a dialog, a page, a focus) is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            if let Some(job) = &self.job
                && !matches!(command, Command::CancelJob | Command::Quit)
            {
                self.status = format!("{}，请等待完成或取消", job.label());
                continue;
            }
            if command.replaces_document() && self.session.is_dirty() {
                let confirmed = self.discard_confirmed == Some(self.session.revision());
                if !confirmed {
                    if self.dialog.is_none() {
                        self.dialog = Some(Dialog::Unsaved(command));
                    }
                    continue;
                }
                if !command.picks_a_file() {
                    // The user chose not to keep these changes: nor should the next start
                    // offer them.
                    self.discard_confirmed = None;
                    self.recovery.clear();
                }
            }
            self.run(ctx, command);
        }
    }

    /// Whether a save is under way, its file being asked for.
    fn is_saving(&self) -> bool {
        matches!(
            &self.dialog,
            Some(Dialog::Path {
                purpose: FilePurpose::Save,
                ..
            }) | Some(Dialog::Overwrite {
                then: Command::SaveAs(_),
                ..
            })
        )
    }

    /// On the first run, once the screen's size is known: a large screen gets a maximized
    /// window (1366×768 would leave most of a 1920×1080 screen unused).
    fn fit_window(&mut self, ctx: &egui::Context) {
        if self.prefs.window_fitted {
            return;
        }
        let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) else {
            return;
        };
        self.prefs.window_fitted = true;
        if fills_screen(monitor) {
            ctx.send_viewport_cmd(ViewportCommand::Maximized(true));
        }
    }

    /// The user chose 「不保存」 for the command that follows.
    pub fn confirm_discard(&mut self) {
        self.discard_confirmed = Some(self.session.revision());
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
                .draft()
                .to_ron(Some(self.session.template()))
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

    /// The views derived from the document as last drawn (cell outlines, counts).
    pub fn derived(&self) -> &view::Derived {
        &self.derived
    }

    /// Makes the recovery file due, as after 30 idle seconds (for tests of crash recovery).
    pub fn make_recovery_due(&mut self) {
        self.recovery.make_due();
    }

    /// Writes the recovery file now (for tests of crash recovery).
    pub fn write_recovery_now(&mut self) {
        let revision = self.session.revision();
        if let Ok(ron) = self.session.draft().to_ron(Some(self.session.template())) {
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

    /// Draws one frame: menu, navigation, editor, findings, status, dialogs. Draw code reads
    /// the document; the commands it pushes run after it.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.fit_window(&ctx);
        // A job's outcome may replace the document: before anything derived from it.
        self.poll_job(&ctx);
        if self.derived.revision != self.session.revision() || self.n_frames == 0 {
            self.derived = view::Derived::of(&self.session);
        }
        self.ix.read_only = self.review_mode || self.session.draft().is_final();
        self.ix.tables_read_only = self.session.draft().consolidation.is_some();
        self.ix.current = self
            .derived
            .targets_of(self.cursor.as_deref(), &self.session);
        self.input_ui(&ctx);
        let doc = view::Doc {
            session: &self.session,
            derived: &self.derived,
            page: self.page,
            review_mode: self.review_mode,
            filter: &self.filter,
            cursor: self.cursor.as_deref(),
            recent: &self.prefs.recent,
            status: &self.status,
            graphics: self.graphics.as_deref(),
            job: self.job.as_ref(),
            audit: self.audit.as_deref(),
            signer: &self.prefs.signer,
        };
        // The status bar first: it holds a running job's progress and 取消, and the rest of
        // the window waits for the job.
        panels::status_ui(ui, &doc, &mut self.ix);
        if doc.job.is_some() {
            ui.disable();
        }
        panels::menu_ui(ui, &doc, &mut self.ix);
        panels::nav_ui(ui, &doc, &mut self.ix);
        review_ui::findings_ui(ui, &doc, &mut self.ix);
        panels::reference_ui(ui, &doc, &mut self.ix);
        panels::central_ui(ui, &doc, &mut self.ix);
        let shown = self.dialog.as_ref().map(std::mem::discriminant);
        let next = self.dialog.as_mut().and_then(|dialog| {
            let dc = dialogs_ui::DialogContext {
                doc: &doc,
                recovery: self.recovery.found(),
                tables_read_only: self.ix.tables_read_only,
                focus: shown != self.dialog_shown,
            };
            dialogs_ui::dialog_ui(&ctx, &dc, dialog)
        });
        self.dialog_shown = shown;
        if let Some(next) = next {
            self.answer_dialog(next);
        }
        self.close_ui(&ctx);
        self.run_commands(&ctx);
        self.autosave(&ctx);
        self.n_frames += 1;
    }

    /// The cells, parts and fields changed since 已审阅, as the last frame showed them.
    pub fn changed_since_review(&self) -> Vec<&str> {
        self.derived.changes.iter().map(|c| c.id.as_str()).collect()
    }

    /// Does what a dialog's answer asks.
    fn answer_dialog(&mut self, next: command::Next) {
        let was_saving = self.is_saving();
        self.dialog = None;
        match next {
            // A save given up: what was to follow it is given up too.
            command::Next::Close if was_saving || self.discard_confirmed.is_some() => {
                self.given_up();
            }
            command::Next::Close => {}
            command::Next::SaveThen(then) => {
                self.after_save = Some(then);
                self.ix.commands.push(Command::Save);
            }
            command::Next::Show(other) => self.dialog = Some(other),
            command::Next::Run(commands) => self.ix.commands.extend(commands),
            command::Next::Discard(then) => {
                self.confirm_discard();
                self.ix.commands.push(then);
            }
        }
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
