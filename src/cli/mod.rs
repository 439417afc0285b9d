//! `nianbao-cli`: the headless interface for scripts, batch users, reviewers and tests.
//!
//! Exit codes: 0 success (for `validate`: no errors found), 1 errors found in the report,
//! 2 unreadable input or bad usage, always with a message on stderr. Output goes to the
//! writers given to [`run`], never straight to the process's streams.

#![expect(
    clippy::disallowed_methods,
    reason = "the command line reads and writes the files it is given"
)]

mod args;
mod audit;
mod diff;
mod export;
mod finalize;
mod history;
mod import;
mod merge;
mod new;
mod next_year;
mod render;
mod review_summary;
mod set;
mod show;
mod tally;
mod usage;
mod validate;

pub use args::Args;
use args::Command;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use crate::date::Date;
use crate::draft::Draft;
use crate::engine::{self, Context};
use crate::meta::Level;
use crate::storage;
use crate::template::{self, Template};

/// The largest text file `set` reads for a narrative part (`@file`).
const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// Parses the arguments and runs the command, writing to `out` and `err`.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let parsed = Args::chinese_command()
        .try_get_matches_from(args)
        .and_then(|matches| <Args as clap::FromArgMatches>::from_arg_matches(&matches));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => {
            let is_help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if is_help {
                write!(out, "{}", usage::usage_in_chinese(&e.render().to_string())).ok();
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
        Command::New(args) => new::new(&args, out, err),
        Command::Audit(args) => audit::audit(&args, out),
        Command::Finalize(args) => finalize::finalize(&args, out),
        Command::History(args) => history::history(&args, out),
        Command::Set(args) => set::set(&args, out),
        Command::Show(args) => show::show(&args, out, err),
        Command::Export(args) => export::export(&args, out, err),
        Command::Import(args) => import::import(&args, out),
        Command::NextYear(args) => next_year::next_year(&args, out),
        Command::Diff(args) => diff::diff(&args, out),
        Command::ReviewSummary(args) => review_summary::review_summary(&args, out, err),
        Command::Validate(args) => validate::validate(&args, out, err),
        Command::Merge(args) => merge::merge(&args, out),
        Command::Tally(args) => tally::tally(&args, out),
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
    if draft.changed_since_final() {
        writeln!(
            err,
            "注意：文件内容与定稿时不一致，定稿后曾在本软件之外被修改：{}",
            path.display()
        )?;
    }
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

/// Refuses to change a final draft (定稿), naming who signed it off and how to reopen it.
fn refuse_final(path: &Path, draft: &Draft) -> anyhow::Result<()> {
    if let Some(f) = draft.finalized.as_ref().filter(|_| draft.is_final()) {
        bail!(
            "草稿已于{}由{}定稿，不能修改：{}\n如需修改，请先解除定稿：nianbao-cli finalize {} --by 姓名 --reopen --reason 原因",
            f.at,
            f.by,
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// Saves a draft; one final (定稿) is saved only as it was signed off. The draft the file
/// held is kept in the history (版本历史) when it was one and said something else.
fn save(path: &Path, draft: &Draft, template: &Template) -> anyhow::Result<()> {
    if draft.changed_since_final() {
        refuse_final(path, draft)?;
    }
    let mut draft = draft.clone();
    if let Ok((_, previous)) = storage::open_draft(path, None) {
        let at = crate::system::now_in_china();
        draft.record_version(&previous, &at, &crate::system::user_name());
    }
    let ron = draft.to_ron(Some(template))?;
    storage::save_atomic(path, ron.as_bytes()).map_err(io_failed("无法保存", path))
}

fn parse_level(text: &str) -> anyhow::Result<Level> {
    Level::parse(text).ok_or_else(|| anyhow!(Level::unknown(text)))
}
