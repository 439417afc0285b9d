//! Everything the editor does to files and dialogs, in one place: widgets push a
//! [`Command`] during the frame and [`super::App::run_commands`] runs them after it, so
//! tests drive the app with paths instead of dialogs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::draft::Draft;
use crate::engine::Target;
use crate::storage;
use crate::template::Template;

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
    },
    /// 导入已发布年报: read a published report (PDF, Word, web page, text) into a new draft.
    Import(Option<PathBuf>),
    /// 以上年报告为基础新建: next year's draft from last year's draft file.
    NextYear(Option<PathBuf>),
    /// 关联上年草稿 (R5, R10, and its texts beside this year's).
    LinkLastYear(Option<PathBuf>),
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
    /// Show the next (or, with `false`, the previous) finding in the filtered list.
    StepFinding(bool),
    /// Close the window (after asking about unsaved changes).
    Quit,
}

impl Command {
    /// Whether it changes the report's content (so 审阅模式 refuses it).
    pub fn edits_content(&self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::FillZeros(_)
                | Self::AcceptComputedTotals
                | Self::SwitchTemplate(_)
                | Self::LinkLastYear(_)
                | Self::UnlinkLastYear
                | Self::Quote { .. }
        )
    }
}

/// The formats the editor exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Word, in the official document layout.
    Docx,
    /// A web page.
    Html,
    /// Plain text.
    Text,
}

impl ExportFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Html => "html",
            Self::Text => "txt",
        }
    }

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Docx => "Word文件",
            Self::Html => "网页",
            Self::Text => "纯文本",
        }
    }

    /// The report in this format.
    pub fn bytes(self, report: &crate::export::Report<'_>) -> Result<Vec<u8>, String> {
        match self {
            Self::Docx => {
                let options = crate::export::DocxOptions {
                    // The file's properties carry the day it was made.
                    date: Some(crate::system::today_in_china()),
                    ..crate::export::DocxOptions::default()
                };
                crate::export::docx(report, &options).map_err(|e| e.to_string())
            }
            Self::Html => Ok(crate::export::html(report).into_bytes()),
            Self::Text => Ok(crate::export::text(report).into_bytes()),
        }
    }
}

impl Command {
    /// Whether running it would drop the current draft (so unsaved changes need asking).
    pub fn replaces_document(&self) -> bool {
        matches!(
            self,
            Self::New
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
}

impl FilePurpose {
    /// The dialog's title.
    pub fn title(self) -> String {
        match self {
            Self::Open => "打开草稿".to_owned(),
            Self::Save => "保存草稿".to_owned(),
            Self::Export(format) => format!("导出为{}", format.label()),
            Self::Import => "导入已发布年报".to_owned(),
            Self::NextYear => "选择上年的草稿（以上年报告为基础新建）".to_owned(),
            Self::LinkLastYear => "选择上年的草稿（关联上年报告）".to_owned(),
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
            },
            Self::Import => Command::Import(Some(path)),
            Self::NextYear => Command::NextYear(Some(path)),
            Self::LinkLastYear => Command::LinkLastYear(Some(path)),
        }
    }

    /// Whether the file chosen is written (and so may replace another).
    pub fn writes(self) -> bool {
        matches!(self, Self::Save | Self::Export(_))
    }
}

/// A dialog that returned this fast never showed: the system has no file dialog (rfd
/// answers `None` at once, the same as Cancel).
const NO_DIALOG_BELOW: Duration = Duration::from_millis(150);

/// The answer of a native file dialog.
pub(super) enum Picked {
    /// The user chose a file.
    Path(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// The system has no file dialog: ask in the app instead.
    Unavailable,
}

/// Shows the system's file dialog. `suggested` is the file name offered for a new file.
pub(super) fn pick_file(purpose: FilePurpose, current: Option<&Path>, suggested: &str) -> Picked {
    let mut dialog = match purpose {
        FilePurpose::Open
        | FilePurpose::Save
        | FilePurpose::NextYear
        | FilePurpose::LinkLastYear => rfd::FileDialog::new().add_filter("年报草稿", &["nianbao"]),
        FilePurpose::Export(format) => {
            rfd::FileDialog::new().add_filter(format.label(), &[format.extension()])
        }
        FilePurpose::Import => rfd::FileDialog::new()
            .add_filter("已发布的年报", &["pdf", "docx", "html", "htm", "txt"])
            .add_filter("所有文件", &["*"]),
    };
    if let Some(dir) = current.and_then(Path::parent) {
        dialog = dialog.set_directory(dir);
    }
    let started = Instant::now();
    let picked = match purpose {
        FilePurpose::Open
        | FilePurpose::Import
        | FilePurpose::NextYear
        | FilePurpose::LinkLastYear => dialog.set_title(purpose.title()).pick_file(),
        FilePurpose::Save => dialog
            .set_title("保存草稿")
            .set_file_name(suggested)
            .save_file(),
        FilePurpose::Export(format) => dialog
            .set_title(format!("导出为{}", format.label()))
            .set_file_name(suggested)
            .save_file(),
    };
    match picked {
        Some(path) => Picked::Path(path),
        None if started.elapsed() < NO_DIALOG_BELOW => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Writes an export atomically.
pub(super) fn write_export(path: &Path, bytes: &[u8]) -> Result<(), String> {
    storage::save_atomic(path, bytes).map_err(|e| {
        format!(
            "导出失败（{}）：{}",
            storage::describe_io(&e),
            path.display()
        )
    })
}

/// Reads a draft and finds its template; returns the file's full path too. The message
/// names the problem and the file.
pub(super) fn open_draft(path: &Path) -> Result<(Template, Draft, PathBuf), String> {
    let (template, draft) = storage::open_draft(path, None).map_err(|e| e.to_string())?;
    let path = std::fs::canonicalize(path).unwrap_or_else(|_err| path.to_path_buf());
    Ok((template, draft, path))
}

/// Reads a published report into a draft.
pub(super) fn import_report(path: &Path) -> Result<crate::import::Imported, String> {
    storage::import_report(path).map_err(|e| e.to_string())
}

/// Last year's draft that `draft` (saved at `path`, if it is) links to.
pub(super) fn open_last_year(
    draft: &Draft,
    path: Option<&Path>,
) -> Result<Option<super::session::LinkedYear>, String> {
    let Some(last_path) = storage::last_year_path(draft, path) else {
        return Ok(None);
    };
    let (template, last, last_path) = open_draft(&last_path).map_err(|e| {
        format!("无法读取关联的上年草稿，上年结转等跨年度核对（R5、R10）暂不进行：{e}")
    })?;
    let figures = crate::engine::LastYear::of(&template, &last);
    Ok(Some(super::session::LinkedYear {
        path: last_path,
        template,
        draft: last,
        figures,
    }))
}

/// How a draft saved at `path` refers to last year's draft.
pub(super) fn link_to(path: &Path, last_path: &Path) -> String {
    storage::link_to(path, last_path)
}

/// The full path of a file, as far as it can be known.
pub(super) fn full_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_err| path.to_path_buf())
}

/// Saves a draft atomically (the previous file is kept as `*.bak`).
pub(super) fn save_draft(path: &Path, draft: &Draft, template: &Template) -> Result<(), String> {
    let ron = draft
        .to_ron(Some(template))
        .map_err(|e| format!("{e}：{}", path.display()))?;
    storage::save_atomic(path, ron.as_bytes()).map_err(|e| {
        format!(
            "保存失败（{}），内容仍在编辑器中：{}",
            storage::describe_io(&e),
            path.display()
        )
    })
}

/// Whether saving to `path` would replace another existing file.
pub(super) fn would_overwrite(path: &Path, current: Option<&Path>) -> bool {
    path.exists() && !is_same_file(path, current)
}

/// Whether `path` is the file `current` (the open draft's full path).
pub(super) fn is_same_file(path: &Path, current: Option<&Path>) -> bool {
    current.is_some_and(|c| std::fs::canonicalize(path).ok().as_deref() == Some(c))
}

/// Whether a file is a published report to import rather than a draft to open, by its
/// extension.
pub(super) fn is_published_report(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["pdf", "docx", "doc", "html", "htm", "txt"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// `path` with the `.nianbao` extension when it has none.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("nianbao")
    }
}
