//! The audit as a workbook (审查结果.xlsx): 概况, one row per report, most errors first;
//! 问题清单, one row per finding; 未能读取, files that were not reports and rows of tables
//! that were not read. Each sheet has its header frozen and filters on.

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::{Audit, Audited};
use crate::text::display_width;

/// The sheets' names, in order.
pub const XLSX_SHEETS: [&str; 3] = ["概况", "问题清单", "未能读取"];

/// The workbook's bytes; `Err` only if the writer fails, with its reason.
pub fn xlsx(audit: &Audit) -> Result<Vec<u8>, String> {
    write(audit).map_err(|e| format!("无法生成工作簿（详情：{e}）"))
}

/// A cell: a number where it is a whole number (counts and figures, so that Excel sums and
/// sorts them), else text.
enum Cell {
    Text(String),
    Count(i128),
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Self::Count(i128::try_from(n).unwrap_or(i128::MAX))
    }
}

fn write(audit: &Audit) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let [overview_name, issues_name, unreadable_name] = XLSX_SHEETS;

    let names = Audit::figure_names();
    let mut header: Vec<String> = [
        "机关全称",
        "层级",
        "年度",
        "格式",
        "文件类型",
        "文件",
        "读取单元格",
        "未读取",
        "推定",
        "错误",
        "警告",
        "提示",
    ]
    .map(str::to_owned)
    .to_vec();
    let columns: Vec<String> = audit
        .reports
        .first()
        .map(|r| r.balance.iter().map(|(c, _)| format!("R1 {c}")).collect())
        .unwrap_or_default();
    header.extend(columns.iter().cloned());
    header.extend(names.iter().cloned());
    header.extend(["落款日期", "发布期限", "逾期", "上年报告"].map(str::to_owned));
    let rows: Vec<Vec<Cell>> = audit
        .reports
        .iter()
        .map(|r| overview_row(r, columns.len()))
        .collect();
    sheet(workbook.add_worksheet(), overview_name, &header, rows)?;

    let header = ["机关全称", "文件", "部分", "规则", "级别", "问题", "依据"].map(str::to_owned);
    let rows = audit
        .reports
        .iter()
        .flat_map(|r| {
            r.issues.iter().map(|i| {
                vec![
                    Cell::from(r.agency.as_str()),
                    r.file.as_str().into(),
                    i.part.as_str().into(),
                    i.rule.as_str().into(),
                    i.severity.label().into(),
                    i.message.as_str().into(),
                    i.evidence.as_str().into(),
                ]
            })
        })
        .collect();
    sheet(workbook.add_worksheet(), issues_name, &header, rows)?;

    let header = ["文件", "机关全称", "未能读取的内容", "原因"].map(str::to_owned);
    let mut rows: Vec<Vec<Cell>> = audit
        .unreadable
        .iter()
        .map(|u| {
            vec![
                u.file.as_str().into(),
                "".into(),
                "整个文件".into(),
                u.reason.as_str().into(),
            ]
        })
        .collect();
    for r in &audit.reports {
        for row in &r.rows_not_read {
            let (what, why) = row.split_once('：').unwrap_or((row, ""));
            rows.push(vec![
                r.file.as_str().into(),
                r.agency.as_str().into(),
                what.into(),
                why.into(),
            ]);
        }
    }
    sheet(workbook.add_worksheet(), unreadable_name, &header, rows)?;
    workbook.save_to_buffer()
}

fn overview_row(r: &Audited, n_columns: usize) -> Vec<Cell> {
    let date = |d: Option<crate::date::Date>| d.map_or_else(String::new, |d| d.to_string());
    let mut row: Vec<Cell> = vec![
        r.agency.as_str().into(),
        r.level.map_or("", crate::meta::Level::label).into(),
        usize::from(r.year).into(),
        r.format.as_str().into(),
        r.source.into(),
        r.file.as_str().into(),
        r.cells_read.into(),
        r.cells_not_read.into(),
        r.cells_inferred.into(),
        r.errors.into(),
        r.warnings.into(),
        r.hints.into(),
    ];
    for k in 0..n_columns {
        row.push(
            r.balance
                .get(k)
                .map_or("", |(_, b)| b.column_label())
                .into(),
        );
    }
    for figure in &r.figures {
        row.push(match figure.and_then(|v| v.to_int()) {
            Some(n) => Cell::Count(n),
            None => figure.map_or_else(String::new, |v| v.to_string()).into(),
        });
    }
    row.push(date(r.published_on).into());
    row.push(date(r.due).into());
    let late = match r.is_late() {
        Some(true) => "是",
        Some(false) => "否",
        None => "未注明日期",
    };
    row.push(late.into());
    row.push(r.last_year_file.clone().unwrap_or_default().into());
    row
}

/// Writes a sheet: a bold header, frozen, with filters; columns as wide as their longest
/// text (within bounds).
fn sheet(
    sheet: &mut Worksheet,
    name: &str,
    header: &[String],
    rows: Vec<Vec<Cell>>,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00DD_E6F0));
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for (c, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column(c), text, &bold)?;
    }
    let n_rows = rows.len();
    for (r, row) in rows.into_iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.into_iter().enumerate() {
            match cell {
                Cell::Text(text) => {
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(display_width(&text));
                    }
                    sheet.write_string(r, column(c), text)?;
                }
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "counts and figures of a report: far below 2^53, so exact"
                )]
                Cell::Count(n) => {
                    sheet.write_number(r, column(c), n as f64)?;
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a column width in characters")]
        let width = (*w).clamp(6, 60) as f64 + 2.0;
        sheet.set_column_width(column(c), width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(n_rows).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last_row, column(header.len().saturating_sub(1)))?;
    Ok(())
}

fn column(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
