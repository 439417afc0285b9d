//! `validate`: the findings, exit code 1 when there are errors.

use std::io::Write;
use std::process::ExitCode;

use super::args::ValidateArgs;
use super::{evaluated, render};

pub(super) fn validate(
    args: &ValidateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let e = evaluated(
        &args.draft,
        args.template.as_deref(),
        args.today.as_deref(),
        err,
    )?;
    let text = if args.json {
        render::findings_json(&e.template, &e.draft, &e.evaluation)
    } else {
        render::findings_text(&e.template, &e.draft, &e.evaluation)
    };
    out.write_all(text.as_bytes())?;
    Ok(if e.evaluation.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
