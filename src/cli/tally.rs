//! `tally`: table 三 counted from an application register.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::args::TallyArgs;
use super::{io_failed, open, parse_level, read_text_file, refuse_overwrite, render, save};
use crate::draft::Draft;
use crate::meta::Meta;
use crate::storage;
use crate::template::{self, Template};

pub(super) fn tally(args: &TallyArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if args.output.is_none() == args.into.is_none() {
        bail!("请用 -o 指定新建的草稿，或用 --into 指定要填入的已有草稿（二者选一）");
    }
    if let Some(path) = &args.output {
        refuse_overwrite(path, args.force)?;
        if args.agency.as_deref().is_none_or(|a| a.trim().is_empty()) {
            bail!("用 -o 新建草稿时请用 --agency 给出机关全称（可再用 --level 给出机关层级）");
        }
    }
    let rows = storage::read_register(&args.register)?;
    let existing = args.into.as_deref().map(|p| open(p, None)).transpose()?;
    let template = match &existing {
        Some((t, _)) => t.clone(),
        None => template::for_year(args.year)
            .ok_or_else(|| anyhow!("没有{}年度的报告格式", args.year))?,
    };
    let mapping = match &args.mapping {
        Some(path) => crate::tally::Mapping::from_ron(&read_text_file(path)?)
            .map_err(|e| anyhow!("{e}：{}", path.display()))?,
        None => crate::tally::guess(&template, &rows)?,
    };
    if let Some(path) = &args.save_mapping {
        let ron = mapping.to_ron().map_err(|e| anyhow!(e))?;
        storage::save_atomic(path, ron.as_bytes()).map_err(io_failed("无法写入", path))?;
    }
    let result = crate::tally::tally(&template, &rows, &mapping, args.year)?;
    write!(out, "{}", render::tally_text(&rows, &result))?;
    if let Some(path) = &args.report {
        let csv = render::tally_csv(&template, &result);
        storage::save_atomic(path, csv.as_bytes()).map_err(io_failed("无法写入", path))?;
        writeln!(out, "已写出各单元格对应的台账行：{}", path.display())?;
    }
    match (existing, &args.output, &args.into) {
        (Some((template, draft)), _, Some(path)) => {
            if let Some(code) = tally_into(&result, (&template, draft, path), args.replace, out)? {
                return Ok(code);
            }
        }
        (None, Some(path), _) => {
            let meta = Meta {
                agency: args.agency.as_deref().unwrap_or_default().trim().to_owned(),
                year: args.year,
                level: args.level.as_deref().map(parse_level).transpose()?,
                ..Meta::default()
            };
            let mut draft = Draft::new(&template, meta);
            result.apply_to(&mut draft);
            save(path, &draft, &template)?;
            writeln!(
                out,
                "已新建{}年度草稿，表三由台账生成：{}",
                args.year,
                path.display()
            )?;
        }
        _ => {}
    }
    Ok(if result.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The tally into an existing draft: the differences listed, and replaced only with
/// `--replace`; `Some(1)` when they were not.
fn tally_into(
    tally: &crate::tally::Tally,
    (template, mut draft, path): (&Template, Draft, &Path),
    replace: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Option<ExitCode>> {
    let before = draft.clone();
    tally.apply_to(&mut draft);
    let changes = crate::review::diff(template, &before, &draft);
    if changes.is_empty() {
        writeln!(out, "表三与台账的统计一致，草稿未改动")?;
    } else if !replace {
        writeln!(
            out,
            "表三有{}处与台账的统计不同（未替换，确认后加 --replace）：",
            changes.len()
        )?;
        for c in &changes {
            writeln!(out, "  {}", crate::review::change_line(c))?;
        }
        return Ok(Some(ExitCode::from(1)));
    } else {
        save(path, &draft, template)?;
        writeln!(
            out,
            "已用台账的统计替换表三的{}处：{}",
            changes.len(),
            path.display()
        )?;
    }
    Ok(None)
}
