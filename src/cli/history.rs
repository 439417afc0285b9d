//! `history`: the versions earlier saves replaced (版本历史), newest first.

use std::io::Write;
use std::process::ExitCode;

use super::args::HistoryArgs;
use super::open;

pub(super) fn history(args: &HistoryArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (_, draft) = open(&args.draft, None)?;
    if args.json {
        let versions: Vec<serde_json::Value> = draft
            .history
            .iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::json!({
                    "version": i + 1,
                    "replaced_at": v.replaced_at,
                    "by": v.by,
                    "summary": v.summary,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&versions)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if draft.history.is_empty() {
        writeln!(out, "没有历史版本（每次保存时保留保存前的版本）")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "版本  保存时间          保存人      此后的改动")?;
    for (i, v) in draft.history.iter().enumerate() {
        let by = if v.by.is_empty() { "—" } else { &v.by };
        writeln!(
            out,
            "{:>4}  {}  {}  {}",
            i + 1,
            crate::text::pad_right(&v.replaced_at, 16),
            crate::text::pad_right(by, 10),
            v.summary
        )?;
    }
    writeln!(
        out,
        "共{}个版本；nianbao-cli diff {} --version N 列出第N个版本以来的改动",
        draft.history.len(),
        args.draft.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
