//! The command line's arguments: every command and its options (clap), with the Chinese help texts.

use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, Parser, Subcommand};

use super::usage;

/// 年报命令行：政府信息公开工作年度报告的新建、填写、查看与校验。
#[derive(Debug, Parser)]
#[command(name = "nianbao-cli", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    pub(super) command: Command,
}

impl Args {
    /// The command line as clap reads it, its help in Chinese throughout: clap's own words
    /// (the help and version flags, the headings, the usage line) replaced in every command.
    pub(super) fn chinese_command() -> clap::Command {
        in_chinese(Self::command())
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("显示版本号")
                    .help_heading("选项"),
            )
            .disable_help_subcommand(true)
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
    }
}

/// A command with clap's English replaced, and its subcommands likewise.
fn in_chinese(command: clap::Command) -> clap::Command {
    command
        .disable_help_flag(true)
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let name = value_name(arg.get_id().as_str());
            let arg = arg.help_heading(heading);
            match name {
                Some(name) => arg.value_name(name),
                None => arg,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        )
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .mut_subcommands(in_chinese)
}

/// What the help calls an argument's value (clap would print the field's name in capitals).
fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "draft" => "草稿",
        "old" => "原草稿",
        "new" => "新草稿",
        "last" => "上年草稿",
        "into" => "草稿",
        "units" => "单位草稿或文件夹",
        "inputs" => "文件夹或年报",
        "by" => "姓名",
        "version" => "版本",
        "reason" => "原因",
        "report" => "文件",
        "register" => "台账",
        "roster" => "名单",
        "mapping" => "对应关系",
        "template" => "模板文件",
        "assignments" => "编号=值",
        "agency" => "机关全称",
        "level" => "层级",
        "year" => "年度",
        "today" | "date" => "日期",
        "output" | "docx" | "pdf" | "html" | "txt" | "tsv" | "overview" | "overview_docx"
        | "save_mapping" => "文件",
        _ => return None,
    })
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// 新建草稿
    New(NewArgs),
    /// 填写单元格、文字或基本信息：编号=值（empty 清空；文字可用 @文件 读入；`last_year=上年草稿` 关联上年报告）
    Set(SetArgs),
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
    /// 版本历史：每次保存前的版本（保存时间、保存人、改动概要）；diff --version N 查看某一版本以来的改动
    History(HistoryArgs),
    /// 定稿：记录定稿人、时间和内容校验码，此后草稿不能修改；--reopen 解除定稿（须说明原因，一并记录）
    Finalize(FinalizeArgs),
    /// 审查已发布年报：逐份导入文件夹（含子文件夹）中的年报（PDF、Word、网页、纯文本）并校验，同一机关的上年报告在其中时一并核对；写出审查结果工作簿、网页或 JSON
    Audit(AuditArgs),
}

#[derive(Debug, clap::Args)]
pub(super) struct FinalizeArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 定稿人（或解除定稿的人）的姓名
    #[arg(long)]
    pub(super) by: String,
    /// 解除定稿，使草稿可以修改（须同时给出 --reason）
    #[arg(long)]
    pub(super) reopen: bool,
    /// 解除定稿的原因
    #[arg(long, requires = "reopen")]
    pub(super) reason: Option<String>,
    /// 使用模板文件
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct AuditArgs {
    /// 已发布年报所在的文件夹，或年报文件（可给多个）
    #[arg(required = true)]
    pub(super) inputs: Vec<PathBuf>,
    /// 写出审查结果工作簿（XLSX：概况、问题清单、未能读取）到
    #[arg(short, long)]
    pub(super) output: Option<PathBuf>,
    /// 写出网页版审查结果（HTML，可在浏览器中排序）到
    #[arg(long)]
    pub(super) html: Option<PathBuf>,
    /// 以 JSON 输出全部审查结果
    #[arg(long)]
    pub(super) json: bool,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct TallyArgs {
    /// 依申请公开台账：XLSX、XLS、ODS 或 CSV（UTF-8 或 GBK），每个申请一行
    pub(super) register: PathBuf,
    /// 报告年度
    #[arg(long, value_parser = usage::year)]
    pub(super) year: u16,
    /// 列与取值的对应关系（上次保存的 mapping.ron）；不给时按表头和取值猜测
    #[arg(long)]
    pub(super) mapping: Option<PathBuf>,
    /// 把所用的对应关系保存到（下一年可用 --mapping 读入）
    #[arg(long)]
    pub(super) save_mapping: Option<PathBuf>,
    /// 新建草稿，保存到（须同时给出 --agency）
    #[arg(short, long)]
    pub(super) output: Option<PathBuf>,
    /// 新建草稿的机关全称
    #[arg(long)]
    pub(super) agency: Option<String>,
    /// 新建草稿的机关层级（可选值见 new --help）
    #[arg(long)]
    pub(super) level: Option<String>,
    /// 填入已有草稿：先列出与表三现有数字的不同之处，加 --replace 才替换
    #[arg(long)]
    pub(super) into: Option<PathBuf>,
    /// 确认用台账的统计替换已有草稿表三的数字
    #[arg(long)]
    pub(super) replace: bool,
    /// 写出每个单元格由台账哪些行组成（CSV：单元格编号、名称、数量、台账行号）
    #[arg(long)]
    pub(super) report: Option<PathBuf>,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct MergeArgs {
    /// 各单位的草稿文件，或其所在的文件夹（读取其中全部 .nianbao 文件）
    #[arg(required = true)]
    pub(super) units: Vec<PathBuf>,
    /// 保存汇总草稿到（已有的汇总草稿只更新表格，文字、基本信息和审阅意见保留）
    #[arg(short, long)]
    pub(super) output: PathBuf,
    /// 应报送单位名单：CSV、XLSX、XLS 或 ODS，一列为机关全称（可另有机关层级、联系方式）
    #[arg(long)]
    pub(super) roster: Option<PathBuf>,
    /// 写出汇总报告（JSON）到
    #[arg(long)]
    pub(super) report: Option<PathBuf>,
    /// 写出各单位概况表（CSV：新收、办理结果、结转、复议、诉讼、校验结果）到
    #[arg(long)]
    pub(super) overview: Option<PathBuf>,
    /// 写出各单位概况表（Word，可作为报告附件）到
    #[arg(long)]
    pub(super) overview_docx: Option<PathBuf>,
    /// 本级机关全称（新建汇总草稿时）
    #[arg(long)]
    pub(super) agency: Option<String>,
    /// 本级机关层级（新建汇总草稿时；决定发布期限等，如「县级人民政府」）
    #[arg(long)]
    pub(super) level: Option<String>,
    /// 报告年度（默认为第一个单位的年度）
    #[arg(long, value_parser = usage::year)]
    pub(super) year: Option<u16>,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    pub(super) today: Option<String>,
    /// 覆盖已有的文件（汇总草稿以外的已有草稿，以及已有的汇总报告、概况表）
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct ShowArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    pub(super) json: bool,
    /// 使用模板文件
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct ExportArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 导出Word文件（公文格式）到
    #[arg(long)]
    pub(super) docx: Option<PathBuf>,
    /// 导出PDF文件（公文格式，字体嵌入）到
    #[arg(long)]
    pub(super) pdf: Option<PathBuf>,
    /// 导出纯文本到
    #[arg(long)]
    pub(super) txt: Option<PathBuf>,
    /// 导出表格（制表符分隔，可粘贴到电子表格）到
    #[arg(long)]
    pub(super) tsv: Option<PathBuf>,
    /// 导出网页到
    #[arg(long)]
    pub(super) html: Option<PathBuf>,
    /// 落款日期（YYYY-MM-DD，默认取草稿的发布日期；两者都没有时不导出）
    #[arg(long)]
    pub(super) date: Option<String>,
    /// 有错误或没有落款日期时仍然导出
    #[arg(long)]
    pub(super) allow_errors: bool,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    pub(super) today: Option<String>,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
    /// 使用模板文件
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct ImportArgs {
    /// 已发布的年报：.pdf（有文字层）、.docx、.html 或 .txt（UTF-8 或 GBK），按内容识别格式
    pub(super) report: PathBuf,
    /// 保存草稿到
    #[arg(short, long)]
    pub(super) output: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct NextYearArgs {
    /// 上年的草稿文件
    pub(super) last: PathBuf,
    /// 保存新草稿到
    #[arg(short, long)]
    pub(super) output: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct DiffArgs {
    /// 原来的草稿（用 --version 时为草稿本身）
    pub(super) old: PathBuf,
    /// 现在的草稿
    pub(super) new: Option<PathBuf>,
    /// 与草稿的第几个历史版本比较（见 history；1 为最近一次保存前的版本）
    #[arg(long, conflicts_with = "new")]
    pub(super) version: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub(super) struct HistoryArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct ReviewSummaryArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 保存到（默认输出到屏幕）
    #[arg(short, long)]
    pub(super) output: Option<PathBuf>,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    pub(super) today: Option<String>,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct ValidateArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 以 JSON 输出
    #[arg(long)]
    pub(super) json: bool,
    /// 以该日期检查发布期限（YYYY-MM-DD，默认今天）
    #[arg(long)]
    pub(super) today: Option<String>,
    /// 使用模板文件
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(super) struct NewArgs {
    /// 报告年度，如 2024
    #[arg(long, value_parser = usage::year)]
    pub(super) year: u16,
    /// 机关全称
    #[arg(long)]
    pub(super) agency: String,
    /// 机关层级，可选：「国务院部门」「省级人民政府」「设区的市级人民政府」「县级人民政府」「县级以上人民政府部门」「乡镇人民政府、街道办事处」「其他」
    #[arg(long)]
    pub(super) level: Option<String>,
    /// 使用模板文件（默认按报告年度选用内置格式）
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
    /// 保存到
    #[arg(short, long)]
    pub(super) output: PathBuf,
    /// 覆盖已有文件
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct SetArgs {
    /// 草稿文件
    pub(super) draft: PathBuf,
    /// 如 `t3.new_received.natural=23` s6.body=@text.txt meta.level=县级人民政府 `last_year=2023.nianbao`
    #[arg(required = true)]
    pub(super) assignments: Vec<String>,
    /// 使用模板文件
    #[arg(long)]
    pub(super) template: Option<PathBuf>,
}
