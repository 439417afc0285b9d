//! `nianbao-cli`: the headless interface for scripts, batch users, reviewers and tests.
//!
//! Exit codes: 0 success (for `validate`: no errors found), 1 errors found in the report,
//! 2 unreadable input or bad usage, always with a message on stderr. Output goes to the
//! writers given to [`run`], never straight to the process's streams.

#![expect(
    clippy::disallowed_methods,
    reason = "the command line reads and writes the files it is given"
)]

mod render;
mod usage;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::{Parser, Subcommand};

use crate::date::Date;
use crate::draft::{CellEntry, Draft};
use crate::engine::{self, Context};
use crate::meta::{Field, Level, Meta, YEARS};
use crate::number::parse_number;
use crate::storage;
use crate::template::{self, Template};

/// The largest text file `set` reads for a narrative part (`@file`).
const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// 年报命令行：政府信息公开工作年度报告的新建、填写、查看与校验。
#[derive(Debug, Parser)]
#[command(name = "nianbao-cli", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 新建草稿
    New {
        /// 报告年度，如 2024
        #[arg(long, value_parser = usage::year)]
        year: u16,
        /// 机关全称
        #[arg(long)]
        agency: String,
        /// 机关层级，可选：「国务院部门」「省级人民政府」「设区的市级人民政府」「县级人民政府」「县级以上人民政府部门」「乡镇人民政府、街道办事处」「其他」
        #[arg(long)]
        level: Option<String>,
        /// 使用模板文件（默认按报告年度选用内置格式）
        #[arg(long)]
        template: Option<PathBuf>,
        /// 保存到
        #[arg(short, long)]
        output: PathBuf,
        /// 覆盖已有文件
        #[arg(long)]
        force: bool,
    },
    /// 填写单元格、文字或基本信息：编号=值（empty 清空；文字可用 @文件 读入；`last_year=上年草稿` 关联上年报告）
    Set {
        /// 草稿文件
        draft: PathBuf,
        /// 如 `t3.new_received.natural=23` s6.body=@text.txt meta.level=县级人民政府 `last_year=2023.nianbao`
        #[arg(required = true)]
        assignments: Vec<String>,
        /// 使用模板文件
        #[arg(long)]
        template: Option<PathBuf>,
    },
    /// 显示草稿：表格（含计算出的总计）和文字
    Show(ShowArgs),
    /// 导出为 Word（公文格式）、纯文本、表格（TSV）或网页（HTML）；没有落款日期或有错误时不导出（退出码 1），除非加 --allow-errors
    Export(ExportArgs),
    /// 导入已发布的年报（PDF、Word、网页或纯文本）为草稿，并列出导入报告
    Import(ImportArgs),
    /// 以上年报告为基础新建下一年度的草稿：沿用基本信息，上年结转取上年的结转下年度，并关联上年草稿
    NextYear(NextYearArgs),
    /// 比较两份草稿：列出改动的基本信息、单元格和文字
    Diff(DiffArgs),
    /// 写出审阅记录：校验结果及每条的审阅意见、批注、审阅基线和此后的修改
    ReviewSummary(ReviewSummaryArgs),
    /// 校验草稿；有错误时退出码为 1
    Validate(ValidateArgs),
    /// 汇总下级报告：各单位草稿的表格逐格相加为本级报告；有单位未计入或名单中有单位未报送时退出码为 1
    Merge(MergeArgs),
    /// 从台账生成表三：按台账逐行统计新收、上年结转、办理结果、结转下年度；有不能计入的行时退出码为 1
    Tally(TallyArgs),
}

#[derive(Debug, clap::Args)]
struct TallyArgs {
    /// 依申请公开台账：XLSX、XLS、ODS 或 CSV（UTF-8 或 GBK），每个申请一行
    register: PathBuf,
    /// 报告年度
    #[arg(long, value_parser = usage::year)]
    year: u16,
    /// 列与取值的对应关系（上次保存的 mapping.ron）；不给时按表头和取值猜测
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// 把所用的对应关系保存到（下一年可用 --mapping 读入）
    #[arg(long)]
    save_mapping: Option<PathBuf>,
    /// 新建草稿，保存到（须同时给出 --agency）
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 新建草稿的机关全称
    #[arg(long)]
    agency: Option<String>,
    /// 新建草稿的机关层级（可选值见 new --help）
    #[arg(long)]
    level: Option<String>,
    /// 填入已有草稿：先列出与表三现有数字的不同之处，加 --replace 才替换
    #[arg(long)]
    into: Option<PathBuf>,
    /// 确认用台账的统计替换已有草稿表三的数字
    #[arg(long)]
    replace: bool,
    /// 写出每个单元格由台账哪些行组成（CSV：单元格编号、名称、数量、台账行号）
    #[arg(long)]
    report: Option<PathBuf>,
    /// 覆盖已有文件
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// 各单位的草稿文件，或其所在的文件夹（读取其中全部 .nianbao 文件）
    #[arg(required = true)]
    units: Vec<PathBuf>,
    /// 保存汇总草稿到（已有的汇总草稿只更新表格，文字、基本信息和审阅意见保留）
    #[arg(short, long)]
    output: PathBuf,
    /// 应报送单位名单：CSV、XLSX、XLS 或 ODS，一列为机关全称（可另有机关层级、联系方式）
    #[arg(long)]
    roster: Option<PathBuf>,
    /// 写出汇总报告（JSON）到
    #[arg(long)]
    report: Option<PathBuf>,
    /// 写出各单位概况表（CSV：新收、办理结果、结转、复议、诉讼、校验结果）到
    #[arg(long)]
    overview: Option<PathBuf>,
    /// 写出各单位概况表（Word，可作为报告附件）到
    #[arg(long)]
    overview_docx: Option<PathBuf>,
    /// 本级机关全称（新建汇总草稿时）
    #[arg(long)]
    agency: Option<String>,
    /// 本级机关层级（新建汇总草稿时；决定发布期限等，如「县级人民政府」）
    #[arg(long)]
    level: Option<String>,
    /// 报告年度（默认为第一个单位的年度）
    #[arg(long, value_parser = usage::year)]
    year: Option<u16>,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    today: Option<String>,
    /// 覆盖已有的文件（汇总草稿以外的已有草稿，以及已有的汇总报告、概况表）
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// 草稿文件
    draft: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 使用模板文件
    #[arg(long)]
    template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// 草稿文件
    draft: PathBuf,
    /// 导出Word文件（公文格式）到
    #[arg(long)]
    docx: Option<PathBuf>,
    /// 导出PDF文件（公文格式，字体嵌入）到
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// 导出纯文本到
    #[arg(long)]
    txt: Option<PathBuf>,
    /// 导出表格（制表符分隔，可粘贴到电子表格）到
    #[arg(long)]
    tsv: Option<PathBuf>,
    /// 导出网页到
    #[arg(long)]
    html: Option<PathBuf>,
    /// 落款日期（YYYY-MM-DD，默认取草稿的发布日期；两者都没有时不导出）
    #[arg(long)]
    date: Option<String>,
    /// 有错误或没有落款日期时仍然导出
    #[arg(long)]
    allow_errors: bool,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    today: Option<String>,
    /// 覆盖已有文件
    #[arg(long)]
    force: bool,
    /// 使用模板文件
    #[arg(long)]
    template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// 已发布的年报：.pdf（有文字层）、.docx、.html 或 .txt（UTF-8 或 GBK），按内容识别格式
    report: PathBuf,
    /// 保存草稿到
    #[arg(short, long)]
    output: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct NextYearArgs {
    /// 上年的草稿文件
    last: PathBuf,
    /// 保存新草稿到
    #[arg(short, long)]
    output: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// 原来的草稿
    old: PathBuf,
    /// 现在的草稿
    new: PathBuf,
}

#[derive(Debug, clap::Args)]
struct ReviewSummaryArgs {
    /// 草稿文件
    draft: PathBuf,
    /// 保存到（默认输出到屏幕）
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    today: Option<String>,
    /// 覆盖已有文件
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// 草稿文件
    draft: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    today: Option<String>,
    /// 使用模板文件
    #[arg(long)]
    template: Option<PathBuf>,
}

/// Parses the arguments and runs the command, writing to `out` and `err`.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let is_help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if is_help {
                write!(out, "{}", e.render()).ok();
            } else {
                write!(err, "{}", usage::chinese(&e)).ok();
            }
            return if is_help {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match dispatch(args.command, out, err) {
        Ok(code) => code,
        // `nianbao-cli show … | head`: the reader has what it wanted; nothing went wrong.
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            writeln!(err, "错误：{e:#}").ok();
            ExitCode::from(2)
        }
    }
}

/// Whether writing failed because the reading end of a pipe was closed.
fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn dispatch(
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::New {
            year,
            agency,
            level,
            template,
            output,
            force,
        } => new(
            &NewArgs {
                year,
                agency,
                level,
                template,
            },
            (&output, force),
            (out, err),
        ),
        Command::Set {
            draft,
            assignments,
            template,
        } => set(&draft, &assignments, template.as_deref(), out),
        Command::Show(args) => show(&args, out, err),
        Command::Export(args) => export(&args, out, err),
        Command::Import(args) => import(&args, out),
        Command::NextYear(args) => next_year(&args, out),
        Command::Diff(args) => diff(&args, out),
        Command::ReviewSummary(args) => review_summary(&args, out, err),
        Command::Validate(args) => validate(&args, out, err),
        Command::Merge(args) => merge(&args, out),
        Command::Tally(args) => tally(&args, out),
    }
}

/// A draft as `validate`, `show`, `review-summary` and `export` all judge it: with a date
/// for the deadline (given, or today in China) and the linked last year's draft, if any.
struct Evaluated {
    template: Template,
    draft: Draft,
    evaluation: engine::Evaluation,
    today: Date,
}

fn evaluated(
    path: &Path,
    template_path: Option<&Path>,
    today: Option<&str>,
    err: &mut dyn Write,
) -> anyhow::Result<Evaluated> {
    evaluated_dated(path, template_path, today, None, err)
}

/// [`evaluated`], the draft's publication date replaced by `published` when given (an
/// export's `--date`; the file is not changed).
fn evaluated_dated(
    path: &Path,
    template_path: Option<&Path>,
    today: Option<&str>,
    published: Option<crate::date::Date>,
    err: &mut dyn Write,
) -> anyhow::Result<Evaluated> {
    let today = parse_today(today)?;
    let (template, mut draft) = open(path, template_path)?;
    if let Some(date) = published {
        draft.meta.published_on = date.to_string();
    }
    let last_year = last_year(&draft, path, err);
    let context = Context {
        today: Some(today),
        last_year: last_year.as_ref(),
        formats: template::builtin(),
        ..Context::default()
    };
    let evaluation = engine::evaluate_with(&template, &draft, &context);
    Ok(Evaluated {
        template,
        draft,
        evaluation,
        today,
    })
}

/// Whether an export may go ahead: a report with errors or without a signature date is
/// exported only with `--allow-errors`; what stops it is said.
fn publishable(e: &Evaluated, allow_errors: bool, err: &mut dyn Write) -> anyhow::Result<bool> {
    if allow_errors {
        return Ok(true);
    }
    let is_undated = crate::date::Date::parse(&e.draft.meta.published_on).is_none();
    if is_undated {
        writeln!(
            err,
            "报告没有落款日期，未导出：请用 --date 2025-01-20 指定，或在草稿中填写发布日期\
             （meta.published_on）；确需导出可加 --allow-errors"
        )?;
    }
    if e.evaluation.has_errors() {
        writeln!(
            err,
            "草稿有错误，未导出（确认无误后可加 --allow-errors 导出）："
        )?;
        for f in e
            .evaluation
            .findings
            .iter()
            .filter(|f| f.severity == crate::engine::Severity::Error)
        {
            writeln!(err, "  {} {}", f.rule, f.message)?;
        }
    }
    Ok(!is_undated && !e.evaluation.has_errors())
}

/// Refuses to write over a file unless `--force` was given.
fn refuse_overwrite(path: &Path, force: bool) -> anyhow::Result<()> {
    if path.exists() && !force {
        bail!("文件已存在，如要覆盖请加 --force：{}", path.display());
    }
    Ok(())
}

fn show(args: &ShowArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let e = evaluated(&args.draft, args.template.as_deref(), None, err)?;
    let text = if args.json {
        render::show_json(&e.template, &e.draft, &e.evaluation)
    } else {
        render::show_text(&e.template, &e.draft, &e.evaluation)
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
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
    let mut outputs: Vec<(&PathBuf, Vec<u8>)> = Vec::new();
    if let Some(path) = &args.docx {
        let options = crate::export::DocxOptions {
            // The file's properties carry the day it was made.
            date: Some(crate::system::today_in_china()),
            ..crate::export::DocxOptions::default()
        };
        outputs.push((path, crate::export::docx(&report, &options)?));
    }
    if let Some(path) = &args.pdf {
        outputs.push((path, pdf(&report, err)?));
    }
    let texts: [(_, TextExport); 3] = [
        (&args.txt, crate::export::text),
        (&args.tsv, crate::export::tsv),
        (&args.html, crate::export::html),
    ];
    for (path, export) in texts {
        if let Some(path) = path {
            outputs.push((path, export(&report).into_bytes()));
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
fn pdf(report: &crate::export::Report<'_>, err: &mut dyn Write) -> anyhow::Result<Vec<u8>> {
    let options = crate::export::DocxOptions {
        date: Some(crate::system::today_in_china()),
        ..crate::export::DocxOptions::default()
    };
    let fonts = crate::system::fonts_named(&crate::export::pdf_font_names(&options));
    let pdf = crate::export::pdf(report, &options, &fonts)?;
    for line in pdf.notes() {
        writeln!(err, "{line}")?;
    }
    Ok(pdf.bytes)
}

#[cfg(not(feature = "pdf"))]
fn pdf(_report: &crate::export::Report<'_>, _err: &mut dyn Write) -> anyhow::Result<Vec<u8>> {
    bail!("这个版本的程序不含PDF导出（编译时未启用 pdf 功能），请导出Word文件后另存为PDF");
}

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

fn merge(args: &MergeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
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
    let summary = render::MergeSummary {
        template: &template,
        merged: &merged,
        roster: checked.as_ref(),
        changes: &changes,
        evaluation: &evaluation,
    };
    write!(out, "{}", summary.text(&args.output))?;
    write_merge_reports(args, (&template, &merged, &summary), today, out)?;
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
    (template, merged, summary): (&Template, &crate::merge::Merged, &render::MergeSummary<'_>),
    today: Date,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(path) = &args.report {
        storage::save_atomic(path, summary.json().as_bytes())
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

fn tally(args: &TallyArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
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

/// An export to text: plain text, TSV or HTML.
type TextExport = fn(&crate::export::Report<'_>) -> String;

fn import(args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    refuse_overwrite(&args.output, args.force)?;
    let imported = storage::import_report(&args.report)?;
    let template = template::builtin_by_id(&imported.draft.template).ok_or_else(|| {
        anyhow!(
            "导入结果使用的模板「{}」不是内置模板",
            imported.draft.template
        )
    })?;
    save(&args.output, &imported.draft, &template)?;
    write!(out, "{}", imported.report)?;
    Ok(ExitCode::SUCCESS)
}

fn next_year(args: &NextYearArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    refuse_overwrite(&args.output, args.force)?;
    let (last_template, last_draft) = open(&args.last, None)?;
    let next = crate::next_year::next_year(&last_template, &last_draft)?;
    let mut draft = next.draft;
    draft.last_year = Some(storage::link_to(&args.output, &args.last));
    save(&args.output, &draft, &next.template)?;
    writeln!(
        out,
        "已新建{}年度草稿：{}",
        draft.meta.year,
        args.output.display()
    )?;
    for note in &next.notes {
        writeln!(out, "  {note}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn diff(args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (_, old_draft) = open(&args.old, None)?;
    let (template, new_draft) = open(&args.new, None)?;
    let changes = crate::review::diff(&template, &old_draft, &new_draft);
    for change in &changes {
        writeln!(out, "{}  {}", change.id, crate::review::change_line(change))?;
    }
    writeln!(out, "共{}处改动", changes.len())?;
    Ok(ExitCode::SUCCESS)
}

fn review_summary(
    args: &ReviewSummaryArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.output {
        refuse_overwrite(path, args.force)?;
    }
    let e = evaluated(&args.draft, None, args.today.as_deref(), err)?;
    let text = crate::review::summary(&e.template, &e.draft, &e.evaluation, &e.today.to_string());
    match &args.output {
        Some(path) => {
            storage::save_atomic(path, text.as_bytes()).map_err(io_failed("无法写入", path))?;
            writeln!(out, "已写出审阅记录：{}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(
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

struct NewArgs {
    year: u16,
    agency: String,
    level: Option<String>,
    template: Option<PathBuf>,
}

fn new(
    args: &NewArgs,
    (output, force): (&Path, bool),
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> anyhow::Result<ExitCode> {
    refuse_overwrite(output, force)?;
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

fn parse_level(text: &str) -> anyhow::Result<Level> {
    Level::parse(text).ok_or_else(|| anyhow!(Level::unknown(text)))
}

/// One `id=value` of `set`, checked and ready to apply.
enum Change {
    Cell(String, Option<CellEntry>),
    Text(String, String),
    Meta(Box<dyn FnOnce(&mut Meta)>),
    /// The link to last year's draft (R5, R10, E9), as the draft keeps it; `None` unlinks.
    LastYear(Option<String>),
}

fn set(
    path: &Path,
    assignments: &[String],
    template_path: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let (template, mut draft) = open(path, template_path)?;
    // Check every assignment before changing anything: a bad one leaves the file untouched.
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for assignment in assignments {
        let found = match assignment.split_once('=') {
            Some((id, last)) if id.trim() == "last_year" => link_last_year(path, &draft, last),
            _ => change(&template, assignment),
        };
        match found {
            Ok(c) => changes.push(c),
            Err(e) => problems.push(format!("{assignment}：{e:#}")),
        }
    }
    if !problems.is_empty() {
        bail!("未作任何修改，文件保持原样：\n  {}", problems.join("\n  "));
    }
    for change in changes {
        match change {
            Change::Cell(id, Some(entry)) => {
                draft.cells.insert(id, entry);
            }
            Change::Cell(id, None) => {
                draft.cells.remove(&id);
            }
            Change::Text(id, text) => draft.set_text(&id, &text),
            Change::Meta(apply) => apply(&mut draft.meta),
            Change::LastYear(link) => draft.last_year = link,
        }
    }
    save(path, &draft, &template)?;
    writeln!(out, "已修改{}项：{}", assignments.len(), path.display())?;
    Ok(ExitCode::SUCCESS)
}

/// `last_year=FILE`: the draft of the year before, checked to open and to be that year's;
/// `last_year=empty` unlinks.
fn link_last_year(path: &Path, draft: &Draft, last: &str) -> anyhow::Result<Change> {
    let last = last.trim();
    if last == "empty" {
        return Ok(Change::LastYear(None));
    }
    if last.is_empty() {
        bail!("值为空；要取消关联请写 last_year=empty");
    }
    let last_path = Path::new(last);
    let (_, last_draft) = storage::open_draft(last_path, None)?;
    let year = draft.meta.year;
    if last_draft.meta.year.checked_add(1) != Some(year) {
        bail!(
            "「{}」是{}年度的报告，不是本报告（{year}年度）的上一年度",
            last_path.display(),
            last_draft.meta.year
        );
    }
    Ok(Change::LastYear(Some(storage::link_to(path, last_path))))
}

fn change(template: &Template, assignment: &str) -> anyhow::Result<Change> {
    let Some((id, value)) = assignment.split_once('=') else {
        bail!("应写成 编号=值");
    };
    let id = id.trim();
    let is_clear = value == "empty";
    if value.trim().is_empty() {
        bail!("值为空；要清空请写 {id}=empty");
    }
    if id.starts_with("meta.") {
        let field = Field::by_id(id)
            .ok_or_else(|| anyhow!("未知的基本信息编号「{id}」，可用：{}", Field::ids()))?;
        let value = if is_clear { "" } else { value };
        // Checked now, applied with the other changes.
        Meta::default().set(field, value).map_err(|e| anyhow!(e))?;
        let value = value.to_owned();
        return Ok(Change::Meta(Box::new(move |m| {
            // Checked above, so it cannot fail here.
            let _checked = m.set(field, &value);
        })));
    }
    if template.part(id).is_some() {
        let text = if is_clear {
            String::new()
        } else if let Some(file) = value.strip_prefix('@').filter(|v| !v.starts_with('@')) {
            read_text_file(Path::new(file))?
        } else {
            // 「@@…」 writes a literal 「@…」.
            value.strip_prefix('@').unwrap_or(value).to_owned()
        };
        return Ok(Change::Text(id.to_owned(), text));
    }
    let Some(idx) = template.cell_idx(id) else {
        let hint = closest_id(template, id)
            .map(|s| format!("，您是否要填「{s}」？"))
            .unwrap_or_default();
        bail!("模板中没有编号「{id}」{hint}");
    };
    let cell = &template.cells[idx];
    if !cell.is_input() {
        bail!("「{}」是自动计算的合计，不能填写", cell.name);
    }
    if is_clear {
        return Ok(Change::Cell(id.to_owned(), None));
    }
    let number = parse_number(value).map_err(|e| anyhow!("「{value}」{e}"))?;
    if let Some(n) = number {
        cell.kind
            .check(n)
            .map_err(|e| anyhow!("「{}」{e}", value.trim()))?;
    }
    Ok(Change::Cell(id.to_owned(), number.map(CellEntry::Number)))
}

/// The known id nearest to a mistyped one, if any is close.
fn closest_id<'a>(template: &'a Template, id: &str) -> Option<&'a str> {
    let ids = template
        .cells
        .iter()
        .filter(|c| c.is_input())
        .map(|c| c.id.as_str())
        .chain(template.parts().map(|p| p.id.as_str()));
    ids.map(|candidate| (crate::text::edit_distance(id, candidate), candidate))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c)
}

/// A failed file operation as an error that says what failed, why (in Chinese), and where.
fn io_failed<'a>(
    what: &'a str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> anyhow::Error + 'a {
    move |e| anyhow!("{what}（{}）：{}", storage::describe_io(&e), path.display())
}

fn read_text_file(path: &Path) -> anyhow::Result<String> {
    let bytes = storage::read_limited(path, MAX_TEXT_BYTES)
        .map_err(io_failed("无法读取文字文件", path))?
        .map_err(|n| {
            anyhow!(
                "文字文件过大（{n}字节，上限{MAX_TEXT_BYTES}字节）：{}",
                path.display()
            )
        })?;
    // UTF-8, or GBK as Chinese Windows writes text files (as import and tally read them).
    crate::import::text_of(&bytes).ok_or_else(|| {
        anyhow!(
            "文字文件既不是 UTF-8 也不是 GBK 编码，请另存为 UTF-8 后再试：{}",
            path.display()
        )
    })
}

/// `--today`, or today in China.
fn parse_today(today: Option<&str>) -> anyhow::Result<Date> {
    match today {
        Some(t) => {
            Date::parse(t).ok_or_else(|| anyhow!("无法识别日期「{t}」，请按 YYYY-MM-DD 填写"))
        }
        None => Ok(crate::system::today_in_china()),
    }
}

/// Last year's figures for a draft that links to last year's draft. A link that cannot be
/// followed is reported and the rules across years are skipped; it is not an error.
fn last_year(draft: &Draft, path: &Path, err: &mut dyn Write) -> Option<engine::LastYear> {
    match storage::open_last_year(draft, Some(path))? {
        Ok((last_year, _)) => Some(last_year),
        Err(e) => {
            writeln!(
                err,
                "提示：无法读取关联的上年草稿，已跳过上年结转等跨年度核对（R5、R10）：{e}"
            )
            .ok();
            None
        }
    }
}

/// Loads a draft and the template it names.
fn open(path: &Path, template_path: Option<&Path>) -> anyhow::Result<(Template, Draft)> {
    Ok(storage::open_draft(path, template_path)?)
}

fn load_template_file(path: &Path) -> anyhow::Result<Template> {
    Ok(storage::load_template(path)?)
}

fn save(path: &Path, draft: &Draft, template: &Template) -> anyhow::Result<()> {
    let ron = draft.to_ron(Some(template))?;
    storage::save_atomic(path, ron.as_bytes()).map_err(io_failed("无法保存", path))
}
