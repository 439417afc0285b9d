//! `audit`: published reports in folders read and checked at once (审查已发布年报), into a
//! workbook, a web page or JSON, with a summary on the terminal.

use std::io::Write;
use std::process::ExitCode;

use super::args::AuditArgs;
use super::{io_failed, refuse_overwrite};
use crate::audit::{self, Audit};
use crate::progress::Progress;
use crate::storage;

/// How many reports the summary on the terminal names.
const NAMED: usize = 20;

pub(super) fn audit(args: &AuditArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    for path in [&args.output, &args.html].into_iter().flatten() {
        refuse_overwrite(path, args.force)?;
    }
    let files = storage::report_files(&args.inputs)?;
    let result = storage::audit_files(&files, &Progress::default())?;
    if let Some(path) = &args.output {
        let bytes = audit::xlsx(&result).map_err(anyhow::Error::msg)?;
        storage::save_atomic(path, &bytes).map_err(io_failed("无法写入", path))?;
    }
    if let Some(path) = &args.html {
        storage::save_atomic(path, audit::html(&result).as_bytes())
            .map_err(io_failed("无法写入", path))?;
    }
    if args.json {
        out.write_all(audit::json(&result).as_bytes())?;
    } else {
        out.write_all(summary(&result).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What the terminal shows: the counts, then the reports with errors or warnings.
fn summary(audit: &Audit) -> String {
    let mut s = audit::summary_line(audit);
    s.push('\n');
    let flagged: Vec<_> = audit
        .reports
        .iter()
        .filter(|r| r.errors + r.warnings > 0)
        .collect();
    for r in flagged.iter().take(NAMED) {
        let agency = if r.agency.is_empty() {
            "（未读到机关名称）"
        } else {
            &r.agency
        };
        s.push_str(&format!(
            "  {agency} {}年度：{}个错误、{}个警告（{}）\n",
            r.year, r.errors, r.warnings, r.file
        ));
    }
    if flagged.len() > NAMED {
        s.push_str(&format!("  ……另有{}份\n", flagged.len() - NAMED));
    }
    for u in &audit.unreadable {
        s.push_str(&format!("  未能读取 {}：{}\n", u.file, u.reason));
    }
    s
}
