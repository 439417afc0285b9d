//! A row's figures once its label is found: in a table row by the columns its header names,
//! in text by the tab or 「|」 fields after the label, or by every value up to the next
//! label; each value interpreted for its cell.

use super::super::ImportReport;
use super::super::source::{Layout, Line};
use super::labels::{LabelHit, NONE_MARKS, Token, is_value, number_in};
use crate::draft::CellEntry;

/// How a table's values are laid out: where each column of a block starts, from its header.
pub(super) struct Header {
    /// Line (in the section) of the header row holding the leaf labels.
    pub(super) columns: Vec<(usize, usize)>,
}

/// The values of a table row (Word, web page, PDF): by the columns the header names when it
/// was found, else the last cells of the row.
pub(super) fn row_values(
    line: &Line,
    label_col: usize,
    header: Option<&Header>,
    n_columns: usize,
) -> Option<Result<Vec<String>, String>> {
    if !line.is_row() {
        return None;
    }
    if let Some(header) = header {
        // Each column's value starts in the grid column its header starts in, or (a
        // jagged grid) in the columns up to the next header.
        let starts: Vec<usize> = header.columns.iter().map(|&(_, col)| col).collect();
        let mut values = Vec::with_capacity(n_columns);
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(line.cells.len());
            let value = line
                .cells
                .get(start..end.min(line.cells.len()).max(start))
                .and_then(|cells| cells.iter().find(|c| !c.is_empty()))
                .cloned()
                .unwrap_or_default();
            values.push(value);
        }
        if starts.first().is_some_and(|&s| s > label_col) {
            return Some(Ok(values));
        }
    }
    let first_value = line.cells.len().checked_sub(n_columns)?;
    if first_value <= label_col {
        return Some(Err(format!(
            "这一行在标签之后只有{}个单元格（应有{n_columns}个），无法确定各数值所在的列",
            line.cells.len() - label_col - 1
        )));
    }
    Some(Ok(line.cells[first_value..].to_vec()))
}

/// The values of a line of text whose fields are separated by tabs or 「|」, empty fields
/// kept: the fields after the label. Merged label cells that a copy collapsed into empty
/// fields (「||」) come before the values and are dropped.
pub(super) fn fields_values(
    line: &Line,
    label_col: usize,
    n_columns: usize,
) -> Option<Result<Vec<String>, String>> {
    let after = line.cells.get(label_col + 1..)?;
    if after.is_empty() {
        return None;
    }
    if line.layout != Layout::Fields {
        // Values separated by runs of spaces: no empty cell survives, so only a full row
        // can be placed.
        let values: Vec<&String> = after.iter().filter(|c| is_value(c)).collect();
        return Some(if values.len() == n_columns {
            Ok(values.into_iter().cloned().collect())
        } else {
            Err(format!(
                "这一行有{}个数值（应有{n_columns}个），以空格分隔时无法确定空白单元格的位置",
                values.len()
            ))
        });
    }
    let fields = trim_fields(after, n_columns);
    Some(if fields.len() == n_columns {
        Ok(fields.to_vec())
    } else {
        Err(format!(
            "这一行在标签之后有{}个单元格（应有{n_columns}个），无法确定各数值所在的列",
            fields.len()
        ))
    })
}

/// Fields without the empty ones at either end that make a row wider than `n_columns`:
/// merged label cells a copy collapsed (「||」) or the bars that frame a row (「| a | b |」).
pub(super) fn trim_fields(fields: &[String], n_columns: usize) -> &[String] {
    let mut fields = fields;
    while fields.len() > n_columns && fields.first().is_some_and(String::is_empty) {
        fields = &fields[1..];
    }
    while fields.len() > n_columns && fields.last().is_some_and(String::is_empty) {
        fields = &fields[..fields.len() - 1];
    }
    fields
}

/// The values that follow a label in text (one cell per line, or the next line's fields),
/// with any printed between the pieces of a wrapped label.
pub(super) fn following_values(
    tokens: &[Token<'_>],
    hit: &LabelHit,
    pos: &mut usize,
    n_columns: usize,
) -> Result<Vec<String>, String> {
    let mut values: Vec<String> = hit
        .between
        .iter()
        .map(|&i| tokens[i].text.to_owned())
        .collect();
    // Every value up to the next label: a row followed by more values than it has columns
    // (a cell that a copy split, the values of a row whose label was lost) cannot be placed.
    while let Some(t) = tokens.get(*pos).filter(|t| t.is_value()) {
        values.push(t.text.to_owned());
        *pos += 1;
    }
    // Empty fields at either end beyond the row's width are bars that framed it or the
    // filler of merged cells: those after the row first, then the bar closing its label.
    while values.len() > n_columns && values.last().is_some_and(String::is_empty) {
        values.pop();
    }
    while values.len() > n_columns && values.first().is_some_and(String::is_empty) {
        values.remove(0);
    }
    if values.len() == n_columns {
        return Ok(values);
    }
    if values.len() > n_columns {
        return Err(format!(
            "此行标签之后有{}个数值（{}），多于应有的{n_columns}个；无法确定它们各属于哪一列，未读入",
            values.len(),
            shown(&values)
        ));
    }
    if values.iter().all(String::is_empty) && values.len() < n_columns {
        return Err("此行没有数值".to_owned());
    }
    Err(format!(
        "只找到{}个数值（{}），应有{n_columns}个；无法确定它们各属于哪一列，未读入",
        values.len(),
        shown(&values)
    ))
}

/// Values as a list for a message, an empty one as 「（空）」.
pub(super) fn shown(values: &[String]) -> String {
    let shown: Vec<&str> = values
        .iter()
        .map(|v| {
            if v.is_empty() {
                "（空）"
            } else {
                v.as_str()
            }
        })
        .collect();
    shown.join("、")
}

/// A printed value as a cell entry, noting anything that needed interpreting.
pub(super) fn interpret(name: &str, value: &str, report: &mut ImportReport) -> Option<CellEntry> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if NONE_MARKS.contains(&value) {
        report
            .interpreted
            .push(format!("{name}：「{value}」按空白处理"));
        return None;
    }
    if let Some((number, unit)) = number_in(value)
        && !unit.is_empty()
    {
        report.interpreted.push(format!(
            "{name}：「{value}」单元格中带有单位，已读作{number}，请核对单位"
        ));
        return Some(CellEntry::Number(number));
    }
    CellEntry::parse(value)
}
