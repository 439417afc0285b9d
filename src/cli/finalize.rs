//! `finalize`: 定稿 (who, when, a hash of the content) and, with `--reopen`, 解除定稿 with
//! its reason.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;

use super::args::FinalizeArgs;
use super::{open, save};
use crate::engine;

pub(super) fn finalize(args: &FinalizeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let path = args.draft.as_path();
    let (template, mut draft) = open(path, args.template.as_deref())?;
    let by = args.by.trim();
    if by.is_empty() {
        bail!("请用 --by 给出姓名");
    }
    let now = crate::system::now_in_china();
    if args.reopen {
        let reason = args.reason.as_deref().map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            bail!("解除定稿须说明原因：请加 --reason 原因");
        }
        if !draft.is_final() {
            bail!("草稿尚未定稿，无需解除：{}", path.display());
        }
        draft.reopen(by, &now, reason);
    } else {
        if let Some(f) = draft.finalized.as_ref().filter(|_| draft.is_final()) {
            bail!("草稿已于{}由{}定稿：{}", f.at, f.by, path.display());
        }
        let evaluation = engine::evaluate(&template, &draft);
        let errors = evaluation.count(engine::Severity::Error);
        if errors > 0 {
            writeln!(
                out,
                "注意：草稿还有{errors}个错误（nianbao-cli validate 查看）"
            )?;
        }
        draft.finalize(by, &now);
    }
    save(path, &draft, &template)?;
    if let Some(note) = draft.finalized_note() {
        writeln!(out, "{note}")?;
    }
    Ok(ExitCode::SUCCESS)
}
