//! Opening drafts, templates, last year's draft and published reports, with the reasons one cannot be opened.

use std::fs::{self};
use std::io;
use std::path::{Path, PathBuf};

use super::{describe_io, read_limited};

/// Why a draft or template file could not be opened. The message names the problem, then
/// the file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Occurs when the file cannot be read.
    #[error("无法读取{what}（{reason}）：{path}", reason = describe_io(error), path = path.display())]
    Io {
        /// 草稿 or 模板.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's reason, said in the message (in Chinese), so not a `source` that
        /// error chains would print again in the system's words.
        error: io::Error,
    },
    /// Occurs when the draft is damaged, too large or from a newer version.
    #[error("{error}：{path}", path = path.display())]
    Draft {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: crate::draft::DraftError,
    },
    /// Occurs when a template file is not a usable template.
    #[error("{error}：{path}", path = path.display())]
    Template {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: crate::template::TemplateError,
    },
    /// Occurs when a template file is too large or not UTF-8 text.
    #[error("模板文件过大或不是UTF-8文本：{path}", path = path.display())]
    TemplateNotText {
        /// The file.
        path: PathBuf,
    },
    /// Occurs when a published report is too large to import.
    #[error("文件过大（{n_bytes}字节，上限{limit}字节），不像是一份年报：{path}", path = path.display(), limit = MAX_REPORT_BYTES)]
    ReportTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        n_bytes: u64,
    },
    /// Occurs when a published report cannot be read at all (a damaged Word file).
    #[error("{error}：{path}", path = path.display())]
    Import {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: crate::import::ImportError,
    },
    /// Occurs when the user cancelled the work (取消).
    #[error("已取消")]
    Cancelled,
    /// Occurs when a merge is given no draft it can read.
    #[error("没有可汇总的草稿：给出的{n_files}个文件都无法读取")]
    NoUnits {
        /// How many files were given.
        n_files: usize,
    },
    /// Occurs when an audit is given no file a report could be in.
    #[error("所给的文件夹中没有年报文件（.pdf、.docx、.html、.txt）")]
    NoReports,
    /// Occurs when a roster or a register (a sheet) cannot be read.
    #[error("无法读取{what}：{message}：{path}", path = path.display())]
    Sheet {
        /// 名单 or 台账.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Occurs when the draft names a template that is neither embedded nor given as a file.
    #[error("草稿使用的模板「{id}」不是内置模板，请指定模板文件（命令行：--template）：{path}", path = path.display())]
    UnknownTemplate {
        /// The template id in the draft.
        id: String,
        /// The draft.
        path: PathBuf,
    },
}

/// Largest published report imported: a Word file with photographs can be tens of MB.
pub(super) const MAX_REPORT_BYTES: u64 = 100 * 1024 * 1024;

/// Reads a published report (text, Word or web page) into a draft.
pub fn import_report(path: &Path) -> Result<crate::import::Imported, OpenError> {
    let bytes = read_limited(path, MAX_REPORT_BYTES)
        .map_err(|error| OpenError::Io {
            what: "文件",
            path: path.to_path_buf(),
            error,
        })?
        .map_err(|n_bytes| OpenError::ReportTooLarge {
            path: path.to_path_buf(),
            n_bytes,
        })?;
    crate::import::bytes(&bytes).map_err(|error| OpenError::Import {
        path: path.to_path_buf(),
        error,
    })
}

/// Where a draft's linked last-year draft is: its `last_year` path, relative to the draft's
/// folder unless absolute.
pub fn last_year_path(draft: &crate::draft::Draft, draft_path: Option<&Path>) -> Option<PathBuf> {
    let link = Path::new(draft.last_year.as_deref()?.trim());
    if link.as_os_str().is_empty() {
        return None;
    }
    Some(match draft_path.and_then(Path::parent) {
        Some(dir) if link.is_relative() => dir.join(link),
        _ => link.to_path_buf(),
    })
}

/// Last year's figures from the draft a draft links to; `None` when it links to none.
pub fn open_last_year(
    draft: &crate::draft::Draft,
    draft_path: Option<&Path>,
) -> Option<Result<(crate::engine::LastYear, crate::draft::Draft), OpenError>> {
    let path = last_year_path(draft, draft_path)?;
    Some(
        open_draft(&path, None)
            .map(|(template, last)| (crate::engine::LastYear::of(&template, &last), last)),
    )
}

/// How a draft saved at `draft_path` refers to last year's draft at `last_path`: by file
/// name when both are in one folder (the pair can be moved together), else absolute.
pub fn link_to(draft_path: &Path, last_path: &Path) -> String {
    let absolute = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_err| p.to_path_buf());
    let last = absolute(last_path);
    let folder = draft_path
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .map(absolute);
    match (folder, last.parent(), last.file_name()) {
        (Some(folder), Some(last_folder), Some(name)) if folder == last_folder => {
            name.to_string_lossy().into_owned()
        }
        _ => last.display().to_string(),
    }
}

/// Reads a template file.
pub fn load_template(path: &Path) -> Result<crate::template::Template, OpenError> {
    let io_error = |error| OpenError::Io {
        what: "模板",
        path: path.to_path_buf(),
        error,
    };
    let text = read_limited(path, crate::draft::MAX_DRAFT_BYTES)
        .map_err(io_error)?
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| OpenError::TemplateNotText {
            path: path.to_path_buf(),
        })?;
    crate::template::load(&text).map_err(|error| OpenError::Template {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads a draft and finds its template: `template_override` if given, else the template
/// file the draft names (relative to the draft's folder), else the embedded one by id.
pub fn open_draft(
    path: &Path,
    template_override: Option<&Path>,
) -> Result<(crate::template::Template, crate::draft::Draft), OpenError> {
    let bytes = read_limited(path, crate::draft::MAX_DRAFT_BYTES)
        .map_err(|error| OpenError::Io {
            what: "草稿",
            path: path.to_path_buf(),
            error,
        })?
        .map_err(|n_bytes| OpenError::Draft {
            path: path.to_path_buf(),
            error: crate::draft::DraftError::TooLarge { n_bytes },
        })?;
    let draft = crate::draft::Draft::from_bytes(&bytes).map_err(|error| OpenError::Draft {
        path: path.to_path_buf(),
        error,
    })?;
    let template = match template_override {
        Some(file) => load_template(file)?,
        None => template_for(&draft, path)?,
    };
    Ok((template, draft))
}

/// The template a draft names: its template file (relative to the draft's folder) or the
/// embedded template with its id.
pub fn template_for(
    draft: &crate::draft::Draft,
    draft_path: &Path,
) -> Result<crate::template::Template, OpenError> {
    match &draft.template_file {
        Some(file) => {
            let file = draft_path
                .parent()
                .map_or_else(|| PathBuf::from(file), |dir| dir.join(file));
            load_template(&file)
        }
        None => crate::template::builtin_by_id(&draft.template).ok_or_else(|| {
            OpenError::UnknownTemplate {
                id: draft.template.clone(),
                path: draft_path.to_path_buf(),
            }
        }),
    }
}
