//! `export`: Word, PDF, plain text, TSV or a web page, refused without a signature date or with errors unless `--allow-errors`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::args::ExportArgs;
use super::{evaluated_dated, io_failed, publishable, refuse_overwrite};
use crate::export::Format;
use crate::storage;

pub(super) fn export(
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let formats = [&args.docx, &args.pdf, &args.txt, &args.tsv, &args.html];
    let draft_path = std::fs::canonicalize(&args.draft).ok();
    let mut targets: Vec<&PathBuf> = formats.into_iter().flatten().collect();
    for target in &targets {
        let resolved = std::fs::canonicalize(target).ok();
        if resolved.is_some() && resolved == draft_path {
            bail!("不能导出到草稿文件本身：{}", target.display());
        }
        refuse_overwrite(target, args.force)?;
    }
    let n_targets = targets.len();
    targets.sort();
    targets.dedup();
    if targets.len() != n_targets {
        bail!("几种格式不能导出到同一个文件");
    }
    if targets.is_empty() {
        bail!("请至少指定一种导出格式：--docx、--pdf、--txt、--tsv 或 --html");
    }
    let date = args
        .date
        .as_deref()
        .map(|d| {
            crate::date::Date::parse(d)
                .ok_or_else(|| anyhow!("无法识别落款日期「{d}」，请按 2025-01-20 的格式填写"))
        })
        .transpose()?;
    let e = evaluated_dated(
        &args.draft,
        args.template.as_deref(),
        args.today.as_deref(),
        date,
        err,
    )?;
    if !publishable(&e, args.allow_errors, err)? {
        return Ok(ExitCode::from(1));
    }
    let report = crate::export::Report {
        template: &e.template,
        draft: &e.draft,
        evaluation: &e.evaluation,
    };
    let options = crate::export::DocxOptions {
        // The file's properties carry the day it was made.
        date: Some(crate::system::today_in_china()),
        ..crate::export::DocxOptions::default()
    };
    let wanted = [
        (&args.docx, Format::Docx),
        (&args.pdf, Format::Pdf),
        (&args.txt, Format::Text),
        (&args.tsv, Format::Tsv),
        (&args.html, Format::Html),
    ];
    let mut outputs: Vec<(&PathBuf, Vec<u8>)> = Vec::new();
    for (path, format) in wanted {
        if let Some(path) = path {
            let bytes = match format.bytes(&report, &options) {
                Some(bytes) => bytes?,
                None => pdf(&report, &options, err)?,
            };
            outputs.push((path, bytes));
        }
    }
    for (path, bytes) in outputs {
        storage::save_atomic(path, &bytes).map_err(io_failed("无法写入", path))?;
        writeln!(out, "已导出：{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The report as a PDF in the fonts the system has (the bundled ones for the rest), saying
/// on `err` which fonts stood in and which characters no font had.
#[cfg(feature = "pdf")]
fn pdf(
    report: &crate::export::Report<'_>,
    options: &crate::export::DocxOptions,
    err: &mut dyn Write,
) -> anyhow::Result<Vec<u8>> {
    let fonts = crate::system::fonts_named(&crate::export::pdf_font_names(options));
    let pdf = crate::export::pdf(report, options, &fonts)?;
    for line in pdf.notes() {
        writeln!(err, "{line}")?;
    }
    Ok(pdf.bytes)
}

#[cfg(not(feature = "pdf"))]
fn pdf(
    _report: &crate::export::Report<'_>,
    _options: &crate::export::DocxOptions,
    _err: &mut dyn Write,
) -> anyhow::Result<Vec<u8>> {
    bail!("这个版本的程序不含PDF导出（编译时未启用 pdf 功能），请导出Word文件后另存为PDF");
}
