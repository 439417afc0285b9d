//! `diff`: what changed between two drafts.

use std::io::Write;
use std::process::ExitCode;

use super::args::DiffArgs;
use anyhow::bail;

use super::open;

pub(super) fn diff(args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (template, old_draft, new_draft) = match (&args.new, args.version) {
        (Some(new), _) => {
            let (_, old_draft) = open(&args.old, None)?;
            let (template, new_draft) = open(new, None)?;
            (template, old_draft, new_draft)
        }
        (None, Some(n)) => {
            let (template, draft) = open(&args.old, None)?;
            let Some(version) = n.checked_sub(1).and_then(|i| draft.version(i)) else {
                bail!(
                    "草稿没有第{n}个历史版本（共{}个，见 nianbao-cli history）：{}",
                    draft.history.len(),
                    args.old.display()
                );
            };
            (template, version, draft)
        }
        (None, None) => bail!("请给出现在的草稿，或用 --version 与草稿的历史版本比较"),
    };
    let changes = crate::review::diff(&template, &old_draft, &new_draft);
    for change in &changes {
        writeln!(out, "{}  {}", change.id, crate::review::change_line(change))?;
    }
    writeln!(out, "共{}处改动", changes.len())?;
    Ok(ExitCode::SUCCESS)
}
