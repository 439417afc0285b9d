//! `new`: a new draft for a year and an agency.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::args::NewArgs;
use super::{load_template_file, parse_level, refuse_overwrite, save};
use crate::draft::Draft;
use crate::meta::{Meta, YEARS};
use crate::template::{self};

pub(super) fn new(
    args: &NewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let output = &args.output;
    refuse_overwrite(output, args.force)?;
    let agency = args.agency.trim();
    if agency.is_empty() {
        bail!("机关全称不能为空：请用 --agency 给出机关全称，如 --agency 某某区人民政府");
    }
    let level = args.level.as_deref().map(parse_level).transpose()?;
    let (template, template_file) = match &args.template {
        // Kept as an absolute path, so the draft finds it from any folder.
        Some(path) => (
            load_template_file(path)?,
            Some(
                std::fs::canonicalize(path)
                    .unwrap_or_else(|_err| path.clone())
                    .display()
                    .to_string(),
            ),
        ),
        None => (
            template::for_year(args.year).ok_or_else(|| {
                anyhow!(
                    "没有适用于{}年度的报告格式（支持2019年度及以后）",
                    args.year
                )
            })?,
            None,
        ),
    };
    if !YEARS.contains(&args.year) {
        bail!(
            "报告年度{}不在{}至{}之间",
            args.year,
            YEARS.start(),
            YEARS.end()
        );
    }
    let mut draft = Draft::new(
        &template,
        Meta {
            agency: agency.to_owned(),
            year: args.year,
            level,
            ..Meta::default()
        },
    );
    draft.template_file = template_file;
    save(output, &draft, &template)?;
    let this_year = crate::system::today_in_china().year;
    if i32::from(args.year) > this_year {
        writeln!(
            err,
            "提示：报告年度{}年晚于今年（{this_year}年），请核对",
            args.year
        )?;
    }
    writeln!(
        out,
        "已新建草稿：{}（{agency}，{}年度，{}）",
        output.display(),
        args.year,
        template.name
    )?;
    Ok(ExitCode::SUCCESS)
}
