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
    /// Close the window (after asking about unsaved changes).
    Quit,
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
            Self::Docx => crate::export::docx(report, &crate::export::DocxOptions::default())
                .map_err(|e| e.to_string()),
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
            Self::New | Self::Open(_) | Self::Quit | Self::RestoreRecovery
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
        FilePurpose::Open | FilePurpose::Save => {
            rfd::FileDialog::new().add_filter("年报草稿", &["nianbao"])
        }
        FilePurpose::Export(format) => {
            rfd::FileDialog::new().add_filter(format.label(), &[format.extension()])
        }
    };
    if let Some(dir) = current.and_then(Path::parent) {
        dialog = dialog.set_directory(dir);
    }
    let started = Instant::now();
    let picked = match purpose {
        FilePurpose::Open => dialog.set_title("打开草稿").pick_file(),
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
    storage::save_atomic(path, bytes).map_err(|e| format!("导出失败（{e}）：{}", path.display()))
}

/// Reads a draft and finds its template; returns the file's full path too. The message
/// names the problem and the file.
pub(super) fn open_draft(path: &Path) -> Result<(Template, Draft, PathBuf), String> {
    let (template, draft) = storage::open_draft(path, None).map_err(|e| e.to_string())?;
    let path = std::fs::canonicalize(path).unwrap_or_else(|_err| path.to_path_buf());
    Ok((template, draft, path))
}

/// Saves a draft atomically (the previous file is kept as `*.bak`).
pub(super) fn save_draft(path: &Path, draft: &Draft, template: &Template) -> Result<(), String> {
    let ron = draft
        .to_ron(Some(template))
        .map_err(|e| format!("{e}：{}", path.display()))?;
    storage::save_atomic(path, ron.as_bytes())
        .map_err(|e| format!("保存失败（{e}），内容仍在编辑器中：{}", path.display()))
}

/// Whether saving to `path` would replace another existing file.
pub(super) fn would_overwrite(path: &Path, current: Option<&Path>) -> bool {
    path.exists() && !is_same_file(path, current)
}

/// Whether `path` is the file `current` (the open draft's full path).
pub(super) fn is_same_file(path: &Path, current: Option<&Path>) -> bool {
    current.is_some_and(|c| std::fs::canonicalize(path).ok().as_deref() == Some(c))
}

/// `path` with the `.nianbao` extension when it has none.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("nianbao")
    }
}
