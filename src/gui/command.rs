//! What the user can ask for: widgets push a [`Command`] during the frame and
//! [`super::App::run_commands`] runs them after it (`command_handling`), so tests drive the
//! app with paths instead of dialogs. Each command's keyboard shortcut is here too, and
//! the menus show the same keys.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, Ui};

use crate::engine::Target;
pub use crate::export::Format as ExportFormat;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// 新建: a new draft for the report due next.
    New,
    /// 打开: with a path, open it; without, ask for one.
    Open(Option<PathBuf>),
    /// 保存: to the current file, or ask for one.
    Save,
    /// 另存为: with a path, save there; without, ask for one.
    SaveAs(Option<PathBuf>),
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// Show and focus a cell, text or field.
    Focus(Target),
    /// Fill the empty input cells of a table with 0 (an explicit user choice).
    FillZeros(usize),
    /// Drop an imported report's printed totals and use the computed ones (R2–R4 then check
    /// nothing: totals are derived).
    AcceptComputedTotals,
    /// Use another template for the draft (after a year change across 2020/2021).
    SwitchTemplate(String),
    /// Restore the recovery file left by a crash.
    RestoreRecovery,
    /// Throw the recovery file away.
    DiscardRecovery,
    /// Export the report; without a path, ask for one. A draft with errors is exported only
    /// after the user confirmed it with a reason.
    Export {
        /// Which format.
        format: ExportFormat,
        /// Where to.
        path: Option<PathBuf>,
        /// The answer to the question asked before exporting a draft with findings (asked
        /// for first): why a draft with errors is exported, or, when there were only
        /// warnings, an empty text (they were shown and the user went on).
        reason: Option<String>,
    },
    /// 取消: stops the long work running (import, consolidation, register, export).
    CancelJob,
    /// 导入已发布年报: read a published report (PDF, Word, web page, text) into a new draft.
    Import(Option<PathBuf>),
    /// 以上年报告为基础新建: next year's draft from last year's draft file.
    NextYear(Option<PathBuf>),
    /// 关联上年草稿 (R5, R10, and its texts beside this year's).
    LinkLastYear(Option<PathBuf>),
    /// 汇总下级报告: the units' drafts in a folder summed into a new consolidated draft.
    Merge(Option<PathBuf>),
    /// 审查已发布年报: every published report in a folder read and checked, the overview
    /// shown (the document is left as it is).
    Audit(Option<PathBuf>),
    /// One report of the audit opened: imported into a new draft, in 审阅模式, on its first
    /// finding.
    OpenAudited(PathBuf),
    /// The last audit written as a workbook (审查结果.xlsx) or, with `html`, a web page;
    /// without a path, ask for one.
    ExportAudit {
        /// A web page rather than a workbook.
        html: bool,
        /// Where to.
        path: Option<PathBuf>,
    },
    /// 各单位数值: each unit's figure for a cell of a consolidated draft.
    Breakdown(crate::template::CellIdx),
    /// 从台账生成表三: read a register and show what it gives table 三 (nothing replaced).
    Tally(Option<PathBuf>),
    /// Replace table 三 with the register's tally, in one undoable step.
    ApplyTally {
        /// The register.
        register: PathBuf,
        /// Its column mapping, as confirmed (saved beside the register for next year).
        mapping: crate::tally::Mapping,
    },
    /// 取消关联.
    UnlinkLastYear,
    /// 引用此段: copy a paragraph of last year's report into a part.
    Quote {
        /// The part of this year's draft.
        part: String,
        /// The paragraph as last year's draft has it.
        paragraph: String,
    },
    /// 审阅模式 on or off: the draft is read-only, verdicts and comments are recorded.
    SetReviewMode(bool),
    /// Record a verdict on the finding with this fingerprint.
    Dispose {
        /// The finding's `review::fingerprint`.
        fingerprint: String,
        /// 已核实 or 需修改.
        verdict: crate::draft::Verdict,
        /// Explanation or comment.
        note: String,
    },
    /// Withdraw the verdict on the finding with this fingerprint.
    Undispose(String),
    /// Add a comment (批注) to a cell, part or field.
    AddComment {
        /// Cell, part or field id.
        target: String,
        /// The comment.
        text: String,
    },
    /// Ask for a comment on a cell, part or field.
    AskComment {
        /// Its id.
        target: String,
        /// How it is named.
        name: String,
    },
    /// Remove the comment at this index.
    RemoveComment(usize),
    /// 标记为已审阅: keep the draft as it is now as the baseline for later changes.
    MarkReviewed,
    /// 恢复: the draft's content made that of this earlier version (0 the newest), in one
    /// undoable step.
    RestoreVersion(usize),
    /// 定稿: the report signed off by this name; it is read-only from then on.
    Finalize(String),
    /// 解除定稿: the sign-off withdrawn by this name for this reason (both recorded).
    Reopen {
        /// Who.
        by: String,
        /// Why.
        reason: String,
    },
    /// Show the next (or, with `false`, the previous) finding in the filtered list.
    StepFinding(bool),
    /// A finding clicked in the list: it becomes the current one and its place is shown.
    PickFinding {
        /// Its fingerprint.
        fingerprint: String,
        /// Where it points, if anywhere.
        target: Option<Target>,
    },
    /// Close the window (after asking about unsaved changes).
    Quit,
    /// Typing into a table cell: one undo step while the cell keeps the focus.
    SetCell {
        /// The cell's id.
        id: String,
        /// Its text as typed.
        text: String,
    },
    /// Esc in a cell: back to what it held when it got the focus, ending the typing step.
    RevertCell {
        /// The cell's id.
        id: String,
        /// What it held.
        text: String,
    },
    /// Typing into a narrative part: one undo step while it keeps the focus.
    SetText {
        /// The part's id.
        id: String,
        /// Its text as typed.
        text: String,
    },
    /// Typing into a metadata field (机关全称, 发布日期, …).
    SetMeta {
        /// Which field.
        field: crate::meta::Field,
        /// Its text as typed.
        value: String,
    },
    /// 报告年度 picked (a year in the other format offers to switch to it).
    SetYear(u16),
    /// 机关层级 picked.
    SetLevel(Option<crate::meta::Level>),
    /// Typing in a field ended (it lost the focus): the next edit is a new undo step.
    EndStep,
    /// A block copied out of a spreadsheet, pasted into a table from this cell on.
    PasteBlock {
        /// The cell pasted into.
        start: crate::template::CellIdx,
        /// The block, tab- and newline-separated.
        text: String,
    },
    /// Show a page.
    ShowPage(super::Page),
    /// Which findings the 校验结果 panel lists.
    SetFilter(super::FindingFilter),
    /// Ask something in a dialog (a verdict's note, …).
    OpenDialog(Box<super::Dialog>),
}

impl Command {
    /// Whether it changes the report's content (so 审阅模式 refuses it).
    pub fn edits_content(&self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::SetCell { .. }
                | Self::RevertCell { .. }
                | Self::SetText { .. }
                | Self::SetMeta { .. }
                | Self::SetYear(_)
                | Self::SetLevel(_)
                | Self::PasteBlock { .. }
                | Self::FillZeros(_)
                | Self::AcceptComputedTotals
                | Self::SwitchTemplate(_)
                | Self::LinkLastYear(_)
                | Self::UnlinkLastYear
                | Self::Quote { .. }
                | Self::ApplyTally { .. }
                | Self::RestoreVersion(_)
        )
    }
}

impl Command {
    /// The keys that run this command, if any; the menus show the same keys.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let keys = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::New => keys(Modifiers::COMMAND, Key::N),
            Self::Open(None) => keys(Modifiers::COMMAND, Key::O),
            Self::Save => keys(Modifiers::COMMAND, Key::S),
            Self::SaveAs(None) => keys(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            Self::Undo => keys(Modifiers::COMMAND, Key::Z),
            Self::Redo => keys(Modifiers::COMMAND, Key::Y),
            Self::StepFinding(true) => keys(Modifiers::NONE, Key::F8),
            Self::StepFinding(false) => keys(Modifiers::SHIFT, Key::F8),
            Self::SetReviewMode(_) => keys(Modifiers::COMMAND, Key::R),
            Self::Export {
                format: ExportFormat::Docx,
                path: None,
                reason: None,
            } => keys(Modifiers::COMMAND, Key::E),
            _ => None,
        }
    }

    /// Every shortcut and its command, in the order they are matched: a shortcut with
    /// Shift before the same one without (egui finds Ctrl+S in Ctrl+Shift+S). Ctrl+Shift+Z
    /// also redoes. Ctrl+R switches 审阅模式 to the other state.
    pub fn shortcuts(review_mode: bool) -> Vec<(KeyboardShortcut, Self)> {
        let redo_too = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let commands = [
            Self::SaveAs(None),
            Self::Save,
            Self::New,
            Self::Open(None),
            Self::Undo,
            Self::Redo,
            Self::StepFinding(false),
            Self::StepFinding(true),
            Self::SetReviewMode(!review_mode),
            Self::Export {
                format: ExportFormat::Docx,
                path: None,
                reason: None,
            },
        ];
        std::iter::once((redo_too, Self::Redo))
            .chain(
                commands
                    .into_iter()
                    .filter_map(|c| Some((c.shortcut()?, c))),
            )
            .collect()
    }
}

/// What a dialog asks for once the user has answered it.
pub(super) enum Next {
    /// Close it and run these commands.
    Run(Vec<Command>),
    /// Close it, drop the unsaved changes and run the command (「不保存」).
    Discard(Command),
    /// Close it, save, and run the command once the save went through (「保存」).
    SaveThen(Command),
    /// Show this dialog instead.
    Show(super::Dialog),
    /// Close it.
    Close,
}

impl Next {
    pub(super) fn run(command: Command) -> Self {
        Self::Run(vec![command])
    }
}

/// The formats the editor exports to, in the menu's order.
pub(super) const EXPORT_FORMATS: &[ExportFormat] = &[
    ExportFormat::Docx,
    ExportFormat::Pdf,
    ExportFormat::Html,
    ExportFormat::Text,
];

impl Command {
    /// Whether it changes the tables (so a consolidated draft, whose tables are its units'
    /// sums, refuses it).
    pub fn edits_tables(&self) -> bool {
        matches!(
            self,
            Self::FillZeros(_)
                | Self::AcceptComputedTotals
                | Self::ApplyTally { .. }
                | Self::SetCell { .. }
                | Self::RevertCell { .. }
                | Self::PasteBlock { .. }
        )
    }

    /// Whether it only asks for the file of a command that replaces the document (which
    /// runs next, with the file).
    pub fn picks_a_file(&self) -> bool {
        matches!(
            self,
            Self::Open(None) | Self::Import(None) | Self::NextYear(None)
        )
    }

    /// Whether running it would drop the current draft (so unsaved changes need asking).
    pub fn replaces_document(&self) -> bool {
        matches!(
            self,
            Self::New
                | Self::Merge(Some(_))
                | Self::OpenAudited(_)
                | Self::Open(_)
                | Self::Quit
                | Self::RestoreRecovery
                | Self::Import(_)
                | Self::NextYear(_)
        )
    }
}

/// Which file a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Choosing a draft to open.
    Open,
    /// Choosing where to save.
    Save,
    /// Choosing where to export.
    Export(ExportFormat),
    /// Choosing a published report to import.
    Import,
    /// Choosing last year's draft to start next year's from.
    NextYear,
    /// Choosing last year's draft to link.
    LinkLastYear,
    /// Choosing the folder of the units' drafts to consolidate.
    Merge,
    /// Choosing the folder of published reports to audit.
    Audit,
    /// Choosing where to write the audit's results (a workbook or, with `html`, a web page).
    AuditResults {
        /// A web page rather than a workbook.
        html: bool,
    },
    /// Choosing the register of applications (台账).
    Register,
}

impl FilePurpose {
    /// The extension of the file it writes, where it writes one of a set kind.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::Export(format) => Some(format.extension()),
            Self::AuditResults { html: false } => Some("xlsx"),
            Self::AuditResults { html: true } => Some("html"),
            _ => None,
        }
    }

    /// The dialog's title.
    pub fn title(self) -> String {
        match self {
            Self::Open => "打开草稿".to_owned(),
            Self::Save => "保存草稿".to_owned(),
            Self::Export(format) => format!("导出为{}", format.label()),
            Self::Import => "导入已发布年报".to_owned(),
            Self::NextYear => "选择上年的草稿（以上年报告为基础新建）".to_owned(),
            Self::LinkLastYear => "选择上年的草稿（关联上年报告）".to_owned(),
            Self::Merge => "选择各单位草稿所在的文件夹（汇总下级报告）".to_owned(),
            Self::Audit => "选择已发布年报所在的文件夹（审查已发布年报）".to_owned(),
            Self::AuditResults { html: false } => "导出审查结果（工作簿）".to_owned(),
            Self::AuditResults { html: true } => "导出审查结果（网页）".to_owned(),
            Self::Register => "选择依申请公开台账（从台账生成表三）".to_owned(),
        }
    }

    /// The command that acts on the chosen path.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(Some(path)),
            Self::Save => Command::SaveAs(Some(path)),
            Self::Export(format) => Command::Export {
                format,
                path: Some(path),
                reason: None,
            },
            Self::Import => Command::Import(Some(path)),
            Self::NextYear => Command::NextYear(Some(path)),
            Self::LinkLastYear => Command::LinkLastYear(Some(path)),
            Self::Merge => Command::Merge(Some(path)),
            Self::Audit => Command::Audit(Some(path)),
            Self::AuditResults { html } => Command::ExportAudit {
                html,
                path: Some(path),
            },
            Self::Register => Command::Tally(Some(path)),
        }
    }

    /// Whether the file chosen is written (and so may replace another).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Self::Save | Self::Export(_) | Self::AuditResults { .. }
        )
    }
}

/// How a command's shortcut is written on this system (「Ctrl+S」), or nothing.
pub(super) fn shortcut_text(ui: &Ui, command: &Command) -> String {
    command
        .shortcut()
        .map(|keys| ui.ctx().format_shortcut(&keys))
        .unwrap_or_default()
}

/// A menu item with its command's shortcut.
pub(super) fn command_button(ui: &mut Ui, text: &str, command: &Command) -> egui::Response {
    let shortcut = shortcut_text(ui, command);
    // Without a shortcut, no shortcut text: a screen reader would read the empty one as a
    // trailing space of the label.
    let button = egui::Button::new(text);
    if shortcut.is_empty() {
        ui.add(button)
    } else {
        ui.add(button.shortcut_text(shortcut))
    }
}
