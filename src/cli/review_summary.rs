//! `review-summary`: the sign-off record.

use std::io::Write;
use std::process::ExitCode;

use super::args::ReviewSummaryArgs;
use super::{evaluated, io_failed, refuse_overwrite};
use crate::storage;

pub(super) fn review_summary(
    args: &ReviewSummaryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.output {
        refuse_overwrite(path, args.force)?;
    }
    let e = evaluated(&args.draft, None, args.today.as_deref(), err)?;
    let text = crate::review::summary(&e.template, &e.draft, &e.evaluation, &e.today.to_string());
    match &args.output {
        Some(path) => {
            storage::save_atomic(path, text.as_bytes()).map_err(io_failed("无法写入", path))?;
            writeln!(out, "已写出审阅记录：{}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
