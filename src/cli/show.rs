//! `show`: the tables with their totals, and the texts.

use std::io::Write;
use std::process::ExitCode;

use super::args::ShowArgs;
use super::{evaluated, render};

pub(super) fn show(
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let e = evaluated(&args.draft, args.template.as_deref(), None, err)?;
    let text = if args.json {
        render::show_json(&e.template, &e.draft, &e.evaluation)
    } else {
        render::show_text(&e.template, &e.draft, &e.evaluation)
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
