//! What the command line says about its own arguments, in Chinese: clap's errors (unknown
//! flags, missing arguments, bad values, an unquoted path with spaces) put into words a
//! county's IT staff can act on, with clap's suggestions and the command's usage line.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// clap's usage line with its one English word in Chinese.
pub(super) fn usage_in_chinese(text: &str) -> String {
    text.replace("[OPTIONS]", "[选项]")
}

/// The Chinese message for an argument error, with tips and the usage line.
pub(super) fn chinese(e: &clap::Error) -> String {
    let text = |kind| e.get(kind).map(value_text);
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![format!("错误：{}", head(e, &arg, &value))];
    if let Some(suggested) = text(ContextKind::SuggestedArg) {
        lines.push(format!("提示：是否要用 {suggested}？"));
    }
    if let Some(suggested) = text(ContextKind::SuggestedSubcommand) {
        lines.push(format!("提示：是否要用命令 {suggested}？"));
    }
    if let Some(suggested) = text(ContextKind::SuggestedValue) {
        lines.push(format!("提示：是否要填「{suggested}」？"));
    }
    if let Some(valid) = text(ContextKind::ValidValue) {
        lines.push(format!("可选的值：{valid}"));
    }
    if e.kind() == ErrorKind::UnknownArgument && !arg.starts_with('-') {
        lines.push(
            "提示：文件路径中有空格时，请把整个路径放在引号中（\"我的 文件.nianbao\"）".to_owned(),
        );
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        lines.push(format!("用法：{}", usage_in_chinese(usage)));
    }
    lines.push("更多说明请加 --help 运行".to_owned());
    lines.join("\n") + "\n"
}

/// The first line: what is wrong.
fn head(e: &clap::Error, arg: &str, value: &str) -> String {
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("无法识别的参数 {arg}"),
        ErrorKind::UnknownArgument => format!("多出的参数「{arg}」"),
        ErrorKind::InvalidSubcommand => {
            let command = e
                .get(ContextKind::InvalidSubcommand)
                .map(value_text)
                .unwrap_or_default();
            format!("没有「{command}」这个命令")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "请指定要执行的命令".to_owned()
        }
        ErrorKind::InvalidValue => {
            if value.is_empty() {
                format!("参数 {arg} 需要一个值")
            } else {
                format!("参数 {arg} 的值「{value}」无效")
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers explain themselves in Chinese; the standard ones do not.
            let reason = std::error::Error::source(e)
                .map(ToString::to_string)
                .filter(|r| r.chars().any(crate::text::is_cjk))
                .unwrap_or_else(|| "格式不对".to_owned());
            format!("参数 {arg} 的值「{value}」无效：{reason}")
        }
        ErrorKind::ArgumentConflict => {
            let prior = e
                .get(ContextKind::PriorArg)
                .map(value_text)
                .unwrap_or_default();
            format!("参数 {arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues => format!("参数 {arg} 的值太多：「{value}」"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用「=」连接"),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8）".to_owned(),
        _ => "参数有误".to_owned(),
    }
}

/// A context value as text.
fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::None => String::new(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A report year: Arabic (2024) or Chinese (二〇二四, 二零二四) digits.
pub(super) fn year(text: &str) -> Result<u16, String> {
    let digits: String = text
        .trim()
        .trim_end_matches('年')
        .chars()
        .map(|c| match c {
            '〇' | '零' | 'Ｏ' | 'O' => '0',
            '一' => '1',
            '二' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' => '7',
            '八' => '8',
            '九' => '9',
            c => c
                .to_digit(10)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c),
        })
        .collect();
    // Which years have a format is the templates' to say.
    digits
        .parse()
        .map_err(|_not_a_number| "年度应为四位数字，如 2024 或 二〇二四".to_owned())
}
