//! 审查已发布年报's files: the reports below the folders given, read on one thread per core
//! and audited where they are read, so that memory holds each report's findings, not its
//! document.

use std::fs;
use std::path::{Path, PathBuf};

use super::{OpenError, describe_io, in_parallel, read_limited};
use crate::audit::{self, Audit, Audited, Unreadable};
use crate::progress::Progress;

/// The extensions a published report's file has (a Word 97–2003 `.doc` is listed too, so
/// that it is named in 未能读取 with the way to read it).
const REPORT_EXTENSIONS: [&str; 7] = ["pdf", "docx", "doc", "html", "htm", "shtml", "txt"];

/// The report files below the paths given: each file given, and every file with a report's
/// extension in each folder given and its subfolders, by path. None at all is an error.
pub fn report_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, OpenError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    if files.is_empty() {
        return Err(OpenError::NoReports);
    }
    Ok(files)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), OpenError> {
    let entries = fs::read_dir(dir).map_err(|error| OpenError::Io {
        what: "文件夹",
        path: dir.to_path_buf(),
        error,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        // A link to a folder is not followed: it may lead back up.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|r| e.eq_ignore_ascii_case(r)))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Audits the report files: each read and audited on its own, then those whose agency's
/// report for the year before is in the batch audited again with it linked (R5, R10, E9,
/// C1). Files that are not reports are [`Unreadable`]; nothing stops the batch but 取消.
pub fn audit_files(files: &[PathBuf], progress: &Progress) -> Result<Audit, OpenError> {
    progress.set_total(u64::try_from(files.len()).unwrap_or(u64::MAX));
    let mut audit = Audit::default();
    // Whose report for which year each audited report is: its place in `audit.reports`
    // and its file's in `files`.
    let mut keys: Vec<((String, u16), usize, usize)> = Vec::new();
    let work = |i: usize| {
        let audited = guarded(&files[i], || {
            let read = read(&files[i])?;
            Ok((audit::audit(&read, None), read.key()))
        });
        (i, audited)
    };
    in_parallel(files.len(), progress, work, |(i, result)| {
        match result {
            Ok((report, key)) => {
                keys.push((key, audit.reports.len(), i));
                audit.reports.push(report);
            }
            Err(unreadable) => audit.unreadable.push(unreadable),
        }
        progress.advance();
    });
    if progress.is_cancelled() {
        return Err(OpenError::Cancelled);
    }
    // Each agency-year's first report (by file) is the one the next year links to.
    let by_key: std::collections::BTreeMap<&(String, u16), usize> = keys
        .iter()
        .rev()
        .filter(|(key, _, _)| !key.0.is_empty())
        .map(|(key, _, file)| (key, *file))
        .collect();
    // (place in `audit.reports`, this year's file, last year's file)
    let pairs: Vec<(usize, usize, usize)> = keys
        .iter()
        .filter_map(|((agency, year), at, file)| {
            let last = by_key.get(&(agency.clone(), year.checked_sub(1)?))?;
            Some((*at, *file, *last))
        })
        .collect();
    progress.set_total(u64::try_from(files.len() + pairs.len()).unwrap_or(u64::MAX));
    let linked = |i: usize| -> Option<Audited> {
        let (_, this, last) = pairs[i];
        guarded(&files[this], || {
            let last = read(&files[last])?;
            let figures = crate::engine::LastYear::of(&last.template, &last.imported.draft);
            let this = read(&files[this])?;
            Ok(audit::audit(&this, Some((&last.file, &figures))))
        })
        .ok()
    };
    let mut relinked = Vec::with_capacity(pairs.len());
    in_parallel(pairs.len(), progress, linked, |report| {
        relinked.push(report);
        progress.advance();
    });
    if progress.is_cancelled() {
        return Err(OpenError::Cancelled);
    }
    for ((at, _, _), report) in pairs.iter().zip(relinked) {
        if let Some(report) = report {
            audit.reports[*at] = report;
        }
    }
    audit.sort();
    Ok(audit)
}

/// `work` on one file; a panic in it (a defect of this program on some file) makes that
/// file unreadable rather than ending the batch.
fn guarded<T>(path: &Path, work: impl FnOnce() -> Result<T, Unreadable>) -> Result<T, Unreadable> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(Unreadable {
            file: label(path),
            reason: "读取时出现意外错误，已跳过此文件（请将此文件报告给软件维护人员）".to_owned(),
        })
    })
}

/// How the audit names a file: its path as given.
fn label(path: &Path) -> String {
    path.display().to_string()
}

/// A report file read and imported.
fn read(path: &Path) -> Result<audit::Read, Unreadable> {
    let file = label(path);
    let unreadable = |reason: String| Unreadable {
        file: file.clone(),
        reason,
    };
    let bytes = read_limited(path, super::open::MAX_REPORT_BYTES)
        .map_err(|e| unreadable(describe_io(&e)))?
        .map_err(|n| unreadable(format!("文件过大（{n}字节），不像是一份年报")))?;
    audit::read(&file, &bytes)
}
