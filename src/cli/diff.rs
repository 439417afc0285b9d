//! `diff`: what changed between two drafts.

use std::io::Write;
use std::process::ExitCode;

use super::args::DiffArgs;
use super::open;

pub(super) fn diff(args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (_, old_draft) = open(&args.old, None)?;
    let (template, new_draft) = open(&args.new, None)?;
    let changes = crate::review::diff(&template, &old_draft, &new_draft);
    for change in &changes {
        writeln!(out, "{}  {}", change.id, crate::review::change_line(change))?;
    }
    writeln!(out, "共{}处改动", changes.len())?;
    Ok(ExitCode::SUCCESS)
}
