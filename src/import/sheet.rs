//! A sheet's rows as text: the first worksheet of an Excel or WPS workbook (XLSX, XLS) or
//! an `OpenDocument` one (ODS), read with calamine, or a CSV file (UTF-8, with or without a
//! byte-order mark, or GB18030/GBK as Chinese Excel and WPS save it). Bytes in, no files.
//!
//! Cells become the text a user sees: whole numbers without a decimal point, dates as
//! `YYYY-MM-DD` (Excel keeps them as day numbers), the rest as written.

use std::io::Cursor;

use calamine::{Data, Reader as _};

use crate::date::Date;

/// Why a sheet cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Occurs when a workbook is damaged or not one calamine reads.
    #[error("无法读取工作簿：{0}")]
    Workbook(String),
    /// Occurs when a workbook has no worksheet.
    #[error("工作簿中没有工作表")]
    NoSheet,
    /// Occurs when a CSV file is malformed.
    #[error("CSV 文件第{line}行有误：{message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// The parser's description.
        message: String,
    },
}

/// The rows of the first worksheet, or of the CSV text, each as its cells' text.
///
/// # Errors
/// [`SheetError`] naming what cannot be read.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    // A zip (XLSX, ODS) or an OLE compound file (XLS).
    let is_workbook =
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if is_workbook {
        workbook_rows(bytes)
    } else {
        csv_rows(&super::decode(bytes, false).0)
    }
}

fn workbook_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| SheetError::Workbook(workbook_reason(&e)))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(SheetError::NoSheet)?
        .map_err(|e| SheetError::Workbook(workbook_reason(&e)))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A workbook cell as the text a user sees.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => {
            excel_date(d.as_f64()).map_or_else(|| float_text(d.as_f64()), |d| d.to_string())
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as Excel shows it: a whole number without a decimal point.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// Excel's day number (1900 date system: day 1 is 1900-01-01, and the serial counts the
/// non-existent 1900-02-29, so days from 61 on are one too many) as a date.
pub fn excel_date(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Whole days: the time of day is dropped.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked to lie between 1 and 2,958,466 above"
    )]
    let day = serial.floor() as i64;
    // Day 60 (1900-02-29) does not exist; from 61 on, count from 1899-12-30.
    let from = if day >= 61 {
        Date::new(1899, 12, 30)?
    } else {
        Date::new(1899, 12, 31)?
    };
    Some(Date::from_days_since_epoch(from.days_since_epoch() + day))
}

/// Why a workbook cannot be read, in Chinese, calamine's words as a detail.
fn workbook_reason(error: &calamine::Error) -> String {
    let detail = error.to_string();
    let reason = if detail.to_lowercase().contains("password") || detail.contains("encrypt") {
        "工作簿有密码保护，请另存一份没有密码的副本"
    } else {
        "文件已损坏，或不是 Excel、WPS 表格或 ODS 工作簿"
    };
    format!("{reason}（详情：{detail}）")
}

/// CSV text as rows (fields trimmed; rows may have different lengths).
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, SheetError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| SheetError::Csv {
                line: e.position().map_or(0, csv::Position::line),
                message: format!("格式不对（详情：{e}）"),
            })?;
            Ok(record.iter().map(|f| f.trim().to_owned()).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_day_numbers_are_dates() {
        // Checked against Excel: 45292 is 2024-01-01, 1 is 1900-01-01, 61 is 1900-03-01.
        assert_eq!(excel_date(45292.0), Date::new(2024, 1, 1));
        assert_eq!(excel_date(45292.75), Date::new(2024, 1, 1));
        assert_eq!(excel_date(1.0), Date::new(1900, 1, 1));
        assert_eq!(excel_date(61.0), Date::new(1900, 3, 1));
        assert_eq!(excel_date(0.0), None);
    }

    #[test]
    fn csv_in_gbk_and_utf8_with_a_mark() {
        let (gbk, _, _) = encoding_rs::GBK.encode("机关全称,联系方式\n某某局,\"0571-1,2\"\n");
        let rows = rows(&gbk).expect("GBK CSV");
        assert_eq!(rows[1], ["某某局", "0571-1,2"]);
        let utf8 = "\u{feff}机关全称\n某某委员会\n".as_bytes();
        assert_eq!(rows_of(utf8)[1], ["某某委员会"]);
    }

    fn rows_of(bytes: &[u8]) -> Vec<Vec<String>> {
        rows(bytes).expect("CSV")
    }
}
