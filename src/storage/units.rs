//! A consolidation's units read from their files on one thread per core, and the roster and register sheets.

use std::fs::{self};
use std::path::{Path, PathBuf};

use super::{OpenError, describe_io, read_limited, template_for};

/// Largest roster (名单) read.
pub(super) const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

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
    // Last year's draft as `validate` reads it; one that cannot be read is left out, as
    // `validate` leaves it out with a note.
    let last_year = draft
        .as_ref()
        .ok()
        .and_then(|d| super::open_last_year(d, Some(path)))
        .and_then(Result::ok)
        .map(|(l, _)| l);
    let status = match (&draft, merge) {
        (Ok(d), Some((template, year))) if d.template == template.id && d.meta.year == year => {
            let last_year = last_year.as_ref();
            Some(crate::merge::unit_status(
                template, d, &record_as, last_year,
            ))
        }
        _ => None,
    };
    crate::merge::UnitInput {
        file: record_as,
        hash,
        draft,
        status,
        last_year,
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
    let read = |i: usize| {
        let path = &rest[i];
        read_unit(path, record_as(path), Some((&template, year)))
    };
    super::in_parallel(rest.len(), progress, read, |unit| {
        merger.add(unit);
        progress.advance();
    });
    if progress.is_cancelled() {
        return Err(OpenError::Cancelled);
    }
    let merged = merger.finish(meta);
    Ok((template, merged))
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
pub(super) const MAX_REGISTER_BYTES: u64 = 64 * 1024 * 1024;

/// A register's rows (XLSX, XLS, ODS or CSV).
pub fn read_register(path: &Path) -> Result<Vec<Vec<String>>, OpenError> {
    read_sheet(path, "台账", MAX_REGISTER_BYTES)
}
