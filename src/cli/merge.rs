//! `merge`: units' drafts summed into the consolidated report, with the roster check and the reports beside it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;

use super::args::MergeArgs;
use super::{io_failed, open, parse_level, parse_today, refuse_overwrite, render, save};
use crate::date::Date;
use crate::draft::Draft;
use crate::engine::{self, Context};
use crate::meta::Meta;
use crate::storage;
use crate::template::{self};

/// The consolidated draft already at the output: kept (its texts, metadata and review)
/// when it is one, refused unless `--force` when it is another draft.
fn previous_consolidation(args: &MergeArgs) -> anyhow::Result<Option<Draft>> {
    if !args.output.exists() {
        return Ok(None);
    }
    let previous = open(&args.output, None)
        .ok()
        .map(|(_, d)| d)
        .filter(|d| d.consolidation.is_some());
    if previous.is_none() && !args.force {
        bail!(
            "文件已存在且不是汇总草稿，如要覆盖请加 --force：{}",
            args.output.display()
        );
    }
    Ok(previous)
}

pub(super) fn merge(args: &MergeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let today = parse_today(args.today.as_deref())?;
    // The reports are written after the merge: nothing is merged to be lost at the end.
    for path in [&args.report, &args.overview, &args.overview_docx]
        .into_iter()
        .flatten()
    {
        refuse_overwrite(path, args.force)?;
    }
    let level = args.level.as_deref().map(parse_level).transpose()?;
    let previous = previous_consolidation(args)?;
    let roster = args
        .roster
        .as_deref()
        .map(storage::read_roster)
        .transpose()?;
    let files = storage::unit_files(&args.units, Some(&args.output))?;
    let meta = previous.as_ref().map_or_else(
        || Meta {
            agency: args.agency.clone().unwrap_or_default().trim().to_owned(),
            level,
            ..Meta::default()
        },
        |p| p.meta.clone(),
    );
    let progress = crate::progress::Progress::default();
    let (template, mut merged) =
        storage::merge_files(&files, Some(&args.output), (args.year, meta), &progress)?;
    let mut changes = Vec::new();
    if let Some(previous) = previous {
        if let (Some(before), Some(now)) = (&previous.consolidation, &merged.draft.consolidation) {
            changes = crate::merge::changes(before, now);
        }
        merged.draft = Draft {
            cells: std::mem::take(&mut merged.draft.cells),
            consolidation: merged.draft.consolidation.take(),
            meta: Meta {
                year: merged.draft.meta.year,
                ..previous.meta.clone()
            },
            ..previous
        };
    }
    save(&args.output, &merged.draft, &template)?;
    let context = Context {
        today: Some(today),
        last_year: None,
        formats: template::builtin(),
        ..Context::default()
    };
    let evaluation = engine::evaluate_with(&template, &merged.draft, &context);
    let checked = roster
        .as_deref()
        .map(|r| crate::merge::check_roster(r, &merged.units));
    let summary = crate::merge::MergeReport {
        template: &template,
        merged: &merged,
        roster: checked.as_ref(),
        changes: &changes,
        evaluation: &evaluation,
    };
    write!(
        out,
        "{}",
        summary.text(Some(&args.output.display().to_string()))
    )?;
    write_merge_reports(args, &summary, today, out)?;
    let missing = checked.as_ref().is_some_and(|c| !c.missing.is_empty());
    Ok(if merged.excluded.is_empty() && !missing {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The merge's optional outputs: its report (JSON) and the units' overview (CSV, Word).
fn write_merge_reports(
    args: &MergeArgs,
    summary: &crate::merge::MergeReport<'_>,
    today: Date,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (template, merged) = (summary.template, summary.merged);
    if let Some(path) = &args.report {
        storage::save_atomic(path, render::merge_json(summary).as_bytes())
            .map_err(io_failed("无法写入", path))?;
        writeln!(out, "已写出汇总报告：{}", path.display())?;
    }
    if let Some(path) = &args.overview {
        let csv = crate::merge::overview_csv(template, &merged.units);
        storage::save_atomic(path, csv.as_bytes()).map_err(io_failed("无法写入", path))?;
        writeln!(out, "已写出各单位概况表：{}", path.display())?;
    }
    if let Some(path) = &args.overview_docx {
        let (header, rows) = crate::merge::overview_attachment(template, &merged.units);
        let title = format!("各单位概况（{}年度）", merged.draft.meta.year);
        let options = crate::export::DocxOptions {
            date: Some(today),
            ..crate::export::DocxOptions::default()
        };
        let bytes = crate::export::table_docx(&title, (&header, &rows), template, &options)?;
        storage::save_atomic(path, &bytes).map_err(io_failed("无法写入", path))?;
        writeln!(out, "已写出各单位概况表（Word）：{}", path.display())?;
    }
    Ok(())
}
