//! Saving files so that a crash never leaves a half-written one: the edge (CLI, editor)
//! writes through [`save_atomic`]. The pure core never touches files.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "storage is where drafts, templates and reports are read and written"
)]

use std::fs::{self, File};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed and synced, the previous file (if any) is kept as `<path>.bak`, and the
/// temporary file is renamed over `path`. Readers see the old or the new content, never a
/// mix.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "路径没有文件名"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let mut bak_tmp = tmp.as_os_str().to_owned();
    bak_tmp.push(".bak");
    let bak_tmp = PathBuf::from(bak_tmp);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            // The previous version, complete or not at all: copied beside, then renamed.
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            fs::copy(path, &bak_tmp)?;
            fs::rename(&bak_tmp, PathBuf::from(bak))?;
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the system allows syncing a folder.
        if let Ok(d) = File::open(&dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        fs::remove_file(&tmp).ok();
        fs::remove_file(&bak_tmp).ok();
    }
    result
}

/// Reads a file of at most `max_bytes`, refusing a larger one before reading it.
pub fn read_limited(path: &Path, max_bytes: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let file = File::open(path)?;
    let n_bytes = file.metadata()?.len();
    if n_bytes > max_bytes {
        return Ok(Err(n_bytes));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(n_bytes).unwrap_or(0));
    // A file that grows while being read is cut at the limit (+1 so the check still sees it).
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Ok(Err(u64::try_from(bytes.len()).unwrap_or(u64::MAX)));
    }
    Ok(Ok(bytes))
}

/// The system's reason for a failed file operation, in Chinese for the common cases (the
/// system's own words, often English, otherwise).
pub fn describe_io(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let reason = match error.kind() {
        K::NotFound => "找不到该文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘空间不足",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        K::AlreadyExists => "文件已存在",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::FileTooLarge => "文件过大",
        K::ResourceBusy | K::WouldBlock => "文件正被其他程序使用",
        K::InvalidFilename => "文件名无效",
        K::UnexpectedEof => "文件不完整",
        K::Interrupted | K::TimedOut => "操作被中断，请重试",
        _ => return format!("系统错误：{error}"),
    };
    reason.to_owned()
}

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

/// Largest roster (名单) read.
pub const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

/// Largest published report imported: a Word file with photographs can be tens of MB.
pub const MAX_REPORT_BYTES: u64 = 100 * 1024 * 1024;

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

/// The draft files a merge reads: each file given, and the `*.nianbao` files in each folder
/// given (sorted by name); `skip` (the consolidated draft itself) is left out.
pub fn unit_files(inputs: &[PathBuf], skip: Option<&Path>) -> Result<Vec<PathBuf>, OpenError> {
    let skip = skip.and_then(|p| fs::canonicalize(p).ok());
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let io_error = |error| OpenError::Io {
            what: "文件夹",
            path: input.clone(),
            error,
        };
        let mut found: Vec<PathBuf> = fs::read_dir(input)
            .map_err(io_error)?
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("nianbao"))
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    files.retain(|f| skip.is_none() || fs::canonicalize(f).ok() != skip);
    Ok(files)
}

/// How a consolidated draft in `folder` names a unit's file: relative to the folder when the
/// file is in it or below it (with `/`, so the set can be moved together and opened on
/// another system), else in full.
fn record_path(folder: Option<&Path>, path: &Path) -> String {
    let full = fs::canonicalize(path).unwrap_or_else(|_err| path.to_path_buf());
    match folder.and_then(|f| full.strip_prefix(f).ok()) {
        Some(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => full.display().to_string(),
    }
}

/// Where a unit recorded in a consolidation is: its file, relative to the consolidated
/// draft's folder unless absolute.
pub fn unit_path(consolidated: Option<&Path>, file: &str) -> PathBuf {
    let file = Path::new(file);
    match consolidated.and_then(Path::parent) {
        Some(dir) if file.is_relative() => dir.join(file),
        _ => file.to_path_buf(),
    }
}

/// A unit's draft read for a merge: the bytes hashed, then read; recorded as `record_as`.
/// With the merge's format and year, its status is computed here too (on the reading
/// thread) when it is one to sum.
fn read_unit(
    path: &Path,
    record_as: String,
    merge: Option<(&crate::template::Template, u16)>,
) -> crate::merge::UnitInput {
    let bytes = read_limited(path, crate::draft::MAX_DRAFT_BYTES);
    let (hash, draft) = match bytes {
        Ok(Ok(bytes)) => (
            crate::merge::content_hash(&bytes),
            crate::draft::Draft::from_bytes(&bytes).map_err(|e| e.to_string()),
        ),
        Ok(Err(n_bytes)) => (
            String::new(),
            Err(crate::draft::DraftError::TooLarge { n_bytes }.to_string()),
        ),
        Err(e) => (String::new(), Err(describe_io(&e))),
    };
    let status = match (&draft, merge) {
        (Ok(d), Some((template, year))) if d.template == template.id && d.meta.year == year => {
            Some(crate::merge::unit_status(template, d, &record_as))
        }
        _ => None,
    };
    crate::merge::UnitInput {
        file: record_as,
        hash,
        draft,
        status,
    }
}

/// Sums units' draft files into a consolidated draft saved at `output` (units are recorded
/// relative to it when they share its folder, else in full). The first readable unit
/// decides the format and, unless `year` is given, the year. The files are read on every
/// core and streamed into the merge in their order, so memory does not grow with their
/// number. `progress` counts the files merged and stops the work when cancelled.
pub fn merge_files(
    files: &[PathBuf],
    output: Option<&Path>,
    (year, meta): (Option<u16>, crate::meta::Meta),
    progress: &crate::progress::Progress,
) -> Result<(crate::template::Template, crate::merge::Merged), OpenError> {
    progress.set_total(u64::try_from(files.len()).unwrap_or(u64::MAX));
    let folder = output
        .and_then(Path::parent)
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .and_then(|d| fs::canonicalize(d).ok());
    let record_as = |path: &Path| record_path(folder.as_deref(), path);
    // The first readable unit decides the format and the year.
    let mut first = Vec::new();
    let mut found = None;
    for path in files {
        if progress.is_cancelled() {
            return Err(OpenError::Cancelled);
        }
        let unit = read_unit(path, record_as(path), None);
        found = unit.draft.as_ref().ok().and_then(|d| {
            let template = template_for(d, path).ok()?;
            Some((template, year.unwrap_or(d.meta.year)))
        });
        first.push(unit);
        if found.is_some() {
            break;
        }
    }
    let Some((template, year)) = found else {
        return Err(OpenError::NoUnits {
            n_files: files.len(),
        });
    };
    let mut merger = crate::merge::Merger::new(&template, year);
    let n_first = first.len();
    for unit in first {
        merger.add(unit);
        progress.advance();
    }
    let rest = &files[n_first..];
    read_in_parallel(rest, &record_as, (&template, year, progress), |unit| {
        merger.add(unit);
        progress.advance();
    });
    if progress.is_cancelled() {
        return Err(OpenError::Cancelled);
    }
    let merged = merger.finish(meta);
    Ok((template, merged))
}

/// Reads units on one thread per core, each taking the next file as it is free, and hands
/// them to `each` in the files' order as they arrive (a unit read early waits in a small
/// buffer for the ones before it; the channel holds at most `IN_FLIGHT`, so memory does
/// not grow with the number of files).
fn read_in_parallel(
    files: &[PathBuf],
    record_as: &(dyn Fn(&Path) -> String + Sync),
    (template, year, progress): (&crate::template::Template, u16, &crate::progress::Progress),
    mut each: impl FnMut(crate::merge::UnitInput),
) {
    const IN_FLIGHT: usize = 256;
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::sync_channel(IN_FLIGHT);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    if progress.is_cancelled() {
                        break;
                    }
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(i) else {
                        break;
                    };
                    let unit = read_unit(path, record_as(path), Some((template, year)));
                    if sender.send((i, unit)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut wanted = 0;
        for (i, unit) in receiver {
            waiting.insert(i, unit);
            while let Some(unit) = waiting.remove(&wanted) {
                each(unit);
                wanted += 1;
            }
        }
    });
}

/// The units expected to report, from a roster file (CSV, XLSX, XLS or ODS).
pub fn read_roster(path: &Path) -> Result<Vec<crate::merge::RosterEntry>, OpenError> {
    let rows = read_sheet(path, "名单", MAX_ROSTER_BYTES)?;
    crate::merge::roster(&rows).map_err(|message| OpenError::Sheet {
        what: "名单",
        path: path.to_path_buf(),
        message,
    })
}

/// A sheet's rows (XLSX, XLS, ODS or CSV), a roster or a register (`what`).
fn read_sheet(path: &Path, what: &'static str, max: u64) -> Result<Vec<Vec<String>>, OpenError> {
    let sheet_error = |message: String| OpenError::Sheet {
        what,
        path: path.to_path_buf(),
        message,
    };
    let bytes = read_limited(path, max)
        .map_err(|error| OpenError::Io {
            what,
            path: path.to_path_buf(),
            error,
        })?
        .map_err(|n| sheet_error(format!("文件过大（{n}字节）")))?;
    crate::import::sheet::rows(&bytes).map_err(|e| sheet_error(e.to_string()))
}

/// Largest register (台账) read: a large city's is a few MB.
pub const MAX_REGISTER_BYTES: u64 = 64 * 1024 * 1024;

/// A register's rows (XLSX, XLS, ODS or CSV).
pub fn read_register(path: &Path) -> Result<Vec<Vec<String>>, OpenError> {
    read_sheet(path, "台账", MAX_REGISTER_BYTES)
}
