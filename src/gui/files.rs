//! The editor's only file code: the system's file dialog (rfd) and reading and writing
//! drafts, exports and published reports (through [`crate::storage`]), with messages in
//! Chinese that name the file.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the editor's file code lives here, and it runs the command line for PDFs"
)]

use std::path::{Path, PathBuf};

use super::command::FilePurpose;
use crate::draft::Draft;
use crate::storage;
use crate::template::Template;

/// The answer of a native file dialog.
pub(super) enum Picked {
    /// The user chose a file.
    Path(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// The system has no file dialog (see [`has_file_dialog`]): ask in the app instead.
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
        FilePurpose::Merge | FilePurpose::Audit => rfd::FileDialog::new(),
        FilePurpose::AuditResults { html: false } => {
            rfd::FileDialog::new().add_filter("工作簿", &["xlsx"])
        }
        FilePurpose::AuditResults { html: true } => {
            rfd::FileDialog::new().add_filter("网页", &["html"])
        }
        FilePurpose::Register => rfd::FileDialog::new()
            .add_filter("台账", &["xlsx", "xls", "ods", "csv"])
            .add_filter("所有文件", &["*"]),
    };
    if let Some(dir) = current.and_then(Path::parent) {
        dialog = dialog.set_directory(dir);
    }
    let picked = match purpose {
        FilePurpose::Open
        | FilePurpose::Import
        | FilePurpose::NextYear
        | FilePurpose::LinkLastYear
        | FilePurpose::Register => dialog.set_title(purpose.title()).pick_file(),
        FilePurpose::Merge | FilePurpose::Audit => dialog.set_title(purpose.title()).pick_folder(),
        FilePurpose::Save => dialog
            .set_title("保存草稿")
            .set_file_name(suggested)
            .save_file(),
        FilePurpose::Export(format) => dialog
            .set_title(format!("导出为{}", format.label()))
            .set_file_name(suggested)
            .save_file(),
        FilePurpose::AuditResults { .. } => dialog
            .set_title(purpose.title())
            .set_file_name(suggested)
            .save_file(),
    };
    picked.map_or(Picked::Cancelled, Picked::Path)
}

/// Whether the system shows file dialogs: Windows and macOS always do; on Linux rfd asks
/// the desktop portal's `FileChooser` over D-Bus, and without one runs `zenity`. Decided
/// from what is installed, once at start, never from how fast a dialog came back.
pub(super) fn has_file_dialog() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
    };
    on_path("zenity") || (has_session_bus() && has_portal_file_chooser())
}

/// A D-Bus session bus to reach the portal on.
fn has_session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// A desktop portal backend that declares the `FileChooser` interface (each backend lists
/// its interfaces in a `.portal` file).
fn has_portal_file_chooser() -> bool {
    let dirs = [
        "/usr/share/xdg-desktop-portal/portals",
        "/usr/local/share/xdg-desktop-portal/portals",
    ];
    dirs.iter().any(|dir| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
        })
    })
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

/// The PDF of `draft`, typeset by the command line (`nianbao-cli export --pdf`) in a process
/// of its own, so typst's code and memory stay out of the editor: the draft as it stands
/// (unsaved changes too) is handed over in a temporary file. The export's questions (errors,
/// the date) were answered in the editor. Returns what the command line said of the fonts.
pub(super) fn export_pdf(
    program: Option<&Path>,
    (template, draft): (&Template, &Draft),
    path: &Path,
) -> Result<Vec<String>, String> {
    let program = match program {
        Some(p) => p.to_path_buf(),
        None => pdf_program().ok_or_else(|| {
            "无法导出PDF：没有找到本程序所在位置（PDF 由同一文件夹中的 nianbao-cli 生成）"
                .to_owned()
        })?,
    };
    if !program.is_file() {
        return Err(format!(
            "无法导出PDF：PDF 由与本程序在同一文件夹中的 nianbao-cli 生成，但没有找到它：{}（发布包中附带；从源代码运行时请先 cargo build --release --bin nianbao-cli）",
            program.display()
        ));
    }
    let ron = draft.to_ron(Some(template)).map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("无法导出PDF（{}）", storage::describe_io(&e)))?;
    let input = dir.join("draft.nianbao");
    storage::save_atomic(&input, ron.as_bytes())
        .map_err(|e| format!("无法导出PDF（{}）", storage::describe_io(&e)))?;
    let output = std::process::Command::new(&program)
        .arg("export")
        .arg(&input)
        .arg("--pdf")
        .arg(path)
        .args(["--allow-errors", "--force"])
        .output();
    let _removed = std::fs::remove_dir_all(&dir);
    let output =
        output.map_err(|e| format!("无法导出PDF：不能运行 {}（{e}）", program.display()))?;
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(format!("导出PDF失败：{}", said.trim()));
    }
    Ok(said
        .lines()
        .filter(|l| l.starts_with("PDF字体") || l.starts_with("以下字符"))
        .map(str::to_owned)
        .collect())
}

/// `nianbao-cli` beside the editor's own executable.
fn pdf_program() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.with_file_name(format!("nianbao-cli{}", std::env::consts::EXE_SUFFIX)))
}

/// Reads a draft and finds its template; returns the file's full path too. The message
/// names the problem and the file.
pub(super) fn open_draft(path: &Path) -> Result<(Template, Draft, PathBuf), String> {
    let (template, draft) = storage::open_draft(path, None).map_err(|e| e.to_string())?;
    let path = std::fs::canonicalize(path).unwrap_or_else(|_err| path.to_path_buf());
    Ok((template, draft, path))
}

/// The template of a draft recovered from a recovery file, which was saved at `path` (or
/// never saved, when empty): a template file it names is read from beside it.
pub(super) fn template_for_recovered(draft: &Draft, path: &Path) -> Result<Template, String> {
    storage::template_for(draft, path).map_err(|e| e.to_string())
}

/// Where last year's draft that `draft` (saved at `path`, if it is) links to lies.
pub(super) fn last_year_path(draft: &Draft, path: Option<&Path>) -> Option<PathBuf> {
    storage::last_year_path(draft, path)
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

/// Whether a path is a folder (one given to the program is audited).
pub(super) fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// Whether a file is a register (台账) to tally, by its extension: a spreadsheet or CSV.
pub(super) fn is_register(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xls", "ods", "csv"].contains(&e.to_ascii_lowercase().as_str()))
}

/// `path` with the `.nianbao` extension when it has none.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("nianbao")
    }
}

/// The folder the editor was started in, where a path typed without one starts.
pub(super) fn current_dir() -> Option<PathBuf> {
    std::env::current_dir().ok()
}

/// Reads and checks every published report in a folder and its subfolders.
pub(super) fn audit_folder(
    path: &Path,
    progress: &crate::progress::Progress,
) -> Result<crate::audit::Audit, String> {
    let files = storage::report_files(&[path.to_path_buf()]).map_err(|e| e.to_string())?;
    storage::audit_files(&files, progress).map_err(|e| e.to_string())
}

/// Sums the units' drafts in a folder (or one draft file) into a new consolidated draft;
/// units are recorded with their full paths (the draft has no folder yet). A roster in the
/// folder (名单.xlsx, .xls, .ods or .csv) is checked too; the summary says what was found.
pub(super) fn merge_folder(
    path: &Path,
    progress: &crate::progress::Progress,
) -> Result<(Template, crate::merge::Merged, String), String> {
    let files = storage::unit_files(&[path.to_path_buf()], None).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err(format!(
            "文件夹中没有年报草稿（.nianbao）：{}",
            path.display()
        ));
    }
    let meta = crate::meta::Meta::default();
    let (template, merged) =
        storage::merge_files(&files, None, (None, meta), progress).map_err(|e| e.to_string())?;
    let roster = ["xlsx", "xls", "ods", "csv"]
        .iter()
        .map(|e| path.join(format!("名单.{e}")))
        .find(|p| p.is_file())
        .map(|p| storage::read_roster(&p));
    let checked = match &roster {
        Some(Ok(roster)) => Some(crate::merge::check_roster(roster, &merged.units)),
        _ => None,
    };
    let evaluation = crate::engine::evaluate(&template, &merged.draft);
    let report = crate::merge::MergeReport {
        template: &template,
        merged: &merged,
        roster: checked.as_ref(),
        changes: &[],
        evaluation: &evaluation,
    };
    let mut summary = report.text(None);
    match roster {
        Some(Ok(_)) => {}
        Some(Err(e)) => summary.push_str(&format!("{e}\n")),
        None => summary.push_str("（文件夹中没有「名单」文件，未核对应报送单位）\n"),
    }
    summary.push_str("表格是各单位之和，只读；右键单击单元格可查看各单位数值。");
    Ok((template, merged, summary))
}

/// One unit's figure for a cell of a consolidated draft.
pub(super) struct UnitFigure {
    /// 机关全称.
    pub(super) agency: String,
    /// The figure, if the unit has one.
    pub(super) value: Option<crate::number::Decimal>,
    /// What the cell shows (the figure, 「（空）」, the text typed, or why it is unknown).
    pub(super) shown: String,
}

/// Each unit's figure for a cell, read again from the units' files (named relative to the
/// consolidated draft at `consolidated`), largest first; a unit whose file changed since
/// the merge, or cannot be read, says so.
pub(super) fn unit_figures(
    consolidated: Option<&Path>,
    units: &[crate::draft::UnitRecord],
    template: &Template,
    idx: crate::template::CellIdx,
) -> Vec<UnitFigure> {
    let mut out: Vec<UnitFigure> = units
        .iter()
        .map(|unit| {
            let path = storage::unit_path(consolidated, &unit.file);
            let figure = |value, shown: String| UnitFigure {
                agency: unit.agency.clone(),
                value,
                shown,
            };
            let Ok(Ok(bytes)) = storage::read_limited(&path, crate::draft::MAX_DRAFT_BYTES) else {
                return figure(None, format!("无法读取：{}", path.display()));
            };
            let Ok(draft) = Draft::from_bytes(&bytes) else {
                return figure(None, format!("无法读取：{}", path.display()));
            };
            let result = crate::engine::evaluate(template, &draft).cell(idx);
            let value = result.complete_value();
            let mut shown = match (value, draft.cells.get(&template.cells[idx].id)) {
                (Some(v), _) => v.to_string(),
                (None, Some(entry)) => format!("「{entry}」（不是数字）"),
                (None, None) => "（空）".to_owned(),
            };
            if crate::merge::content_hash(&bytes) != unit.hash {
                shown.push_str("（汇总后文件已修改）");
            }
            figure(value, shown)
        })
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.value));
    out
}

/// The file a register's confirmed column mapping is kept in, beside the register, for
/// next year's.
pub(super) fn mapping_path(register: &Path) -> PathBuf {
    register.with_file_name("台账对应关系.ron")
}

/// A register's rows, and the mapping saved beside it before (if it still fits) or one
/// guessed from the rows.
pub(super) fn read_register(
    path: &Path,
    template: &Template,
) -> Result<(Vec<Vec<String>>, crate::tally::Mapping), String> {
    let rows = storage::read_register(path).map_err(|e| e.to_string())?;
    let saved = storage::read_limited(&mapping_path(path), 1024 * 1024)
        .ok()
        .and_then(Result::ok)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| crate::tally::Mapping::from_ron(&text).ok())
        .filter(|m| crate::tally::fits(&rows, m));
    let mapping = match saved {
        Some(mapping) => mapping,
        None => crate::tally::guess(template, &rows).map_err(|e| e.to_string())?,
    };
    Ok((rows, mapping))
}

/// Saves a confirmed mapping beside its register.
pub(super) fn save_mapping(register: &Path, mapping: &crate::tally::Mapping) -> Result<(), String> {
    let path = mapping_path(register);
    let ron = mapping.to_ron()?;
    storage::save_atomic(&path, ron.as_bytes()).map_err(|e| {
        format!(
            "无法保存对应关系（{}）：{}",
            storage::describe_io(&e),
            path.display()
        )
    })
}
