//! `next-year`: next year's draft from this year's.

use std::io::Write;
use std::process::ExitCode;

use super::args::NextYearArgs;
use super::{open, refuse_overwrite, save};
use crate::storage;

pub(super) fn next_year(args: &NextYearArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    refuse_overwrite(&args.output, args.force)?;
    let (last_template, last_draft) = open(&args.last, None)?;
    let next = crate::next_year::next_year(&last_template, &last_draft)?;
    let mut draft = next.draft;
    draft.last_year = Some(storage::link_to(&args.output, &args.last));
    save(&args.output, &draft, &next.template)?;
    writeln!(
        out,
        "已新建{}年度草稿：{}",
        draft.meta.year,
        args.output.display()
    )?;
    for note in &next.notes {
        writeln!(out, "  {note}")?;
    }
    Ok(ExitCode::SUCCESS)
}
