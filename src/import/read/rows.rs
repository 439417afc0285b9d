//! A table read row by row: each row found by its label, its values placed by column
//! (by the header in a real table, by the fields in text, or as the values that follow the
//! label), and every row that cannot be placed reported with the reason.

use super::super::source::{Layout, Line};
use super::super::{CellRead, ImportReport, NotRead};
use super::flat::{self, RowSum, Split};
use super::labels::{LabelHit, Token, core, find_label, is_value, near_label, skeleton, tokens};
use super::values::{Header, fields_values, following_values, interpret, row_values, trim_fields};
use crate::draft::Draft;
use crate::template::{Block, RowGroup, Template};

/// The block's column headers in a real table: a grid cell for every column label, left to
/// right, in the rows before `limit`. None when a label is missing or repeated (table 四,
/// whose leaf labels repeat, is read in order).
fn find_header(block: &Block, body: &[Line], from_line: usize, limit: usize) -> Option<Header> {
    let labels: Vec<String> = block.columns.iter().map(|c| core(&c.label)).collect();
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != labels.len() {
        return None;
    }
    let mut columns = Vec::with_capacity(labels.len());
    for label in &labels {
        let found = body
            .iter()
            .enumerate()
            .take(limit)
            .skip(from_line)
            .filter(|(_, l)| l.is_row())
            .find_map(|(i, l)| {
                l.cells
                    .iter()
                    .position(|c| !c.is_empty() && core(c) == *label)
                    .map(|col| (i, col))
            })?;
        columns.push(found);
    }
    let increasing = columns.windows(2).all(|w| w[0].1 < w[1].1);
    increasing.then_some(Header { columns })
}

/// Reads a table, block by block, noting what it could not read.
pub(super) fn read_table(
    template: &Template,
    table_idx: usize,
    body: &[Line],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let table = &template.tables[table_idx];
    let n_before = report.cells_read.len();
    let tokens = tokens(body);
    let mut reading = Reading {
        template,
        body,
        tokens: &tokens,
        pos: 0,
        used_lines: Vec::new(),
        draft,
        report,
    };
    for block in &table.blocks {
        reading.block(block);
    }
    let used_lines = reading.used_lines;
    let read = &report.cells_read[n_before..];
    if read.is_empty() {
        // Rows found by their labels, none with a value to place, are a table too.
        let labels_found = report
            .not_read
            .iter()
            .any(|n| n.table == table.name && !n.reason.starts_with("未找到"));
        let has_rows = labels_found
            || body
                .iter()
                .any(|l| (l.is_row() || l.cells.len() > 2) && l.cells.iter().any(|c| is_value(c)));
        let message = if labels_found {
            format!(
                "{}：找到了表格的行，但没有读到能放进单元格的数值（各行的原因见下），单元格均未读入（不是空白），请核对后手工填写",
                table.name
            )
        } else if has_rows {
            format!(
                "{}：找到了表格，但未能按格式识别其中的行，单元格均未读入（不是空白），请核对后手工填写",
                table.name
            )
        } else {
            format!("未找到{}（可能以图片发布）", table.name)
        };
        report.missing.push(message);
        return;
    }
    let n_blank = read.iter().filter(|c| c.text.is_empty()).count();
    if n_blank > 0 {
        report.blanks.push((table.name.clone(), n_blank));
    }
    ignored_rows(template, table_idx, body, &used_lines, report);
}

/// Rows of a table that no row of the format matches (a provincial variant's extra row):
/// listed, not read.
fn ignored_rows(
    template: &Template,
    table_idx: usize,
    body: &[Line],
    used: &[usize],
    report: &mut ImportReport,
) {
    let table = &template.tables[table_idx];
    let known: Vec<String> = std::iter::once(skeleton(&table.title))
        .chain(table.blocks.iter().flat_map(|b| {
            b.caption
                .iter()
                .chain(&b.corner)
                .map(|t| core(t))
                .chain(b.header.iter().chain(&b.row_labels).map(|s| core(&s.text)))
                .chain(b.columns.iter().map(|c| core(&c.label)))
                .chain(b.rows.iter().map(|r| core(&r.label)))
        }))
        .collect();
    for (i, line) in body.iter().enumerate() {
        if used.contains(&i) || !(line.is_row() || line.layout == Layout::Fields) {
            continue;
        }
        let n_values = line
            .cells
            .iter()
            .filter(|c| !c.is_empty() && is_value(c))
            .count();
        if n_values == 0 {
            continue;
        }
        let Some(label) = line.cells.iter().find(|c| !c.is_empty() && !is_value(c)) else {
            continue;
        };
        let is_known = line.cells.iter().filter(|c| !is_value(c)).any(|c| {
            let k = core(c);
            !k.is_empty() && known.iter().any(|x| *x == k || x.contains(&k))
        });
        if !is_known {
            report.ignored.push(format!(
                "{}：「{}」不是本格式的行，其{}个数值未读入",
                table.name, label, n_values
            ));
        }
    }
}

/// The reading of one table: where in its tokens it stands, and what it has read.
struct Reading<'a, 't> {
    template: &'a Template,
    body: &'a [Line],
    tokens: &'a [Token<'t>],
    /// The token reading goes on from.
    pos: usize,
    /// The lines used as rows.
    used_lines: Vec<usize>,
    draft: &'a mut Draft,
    report: &'a mut ImportReport,
}

impl Reading<'_, '_> {
    /// Reads one block from `pos` on: each row, or a row group printed as one row.
    fn block(&mut self, block: &Block) {
        let mut header = HeaderSearch::default();
        let groups = group_labels(block);
        let mut r = 0;
        while r < block.rows.len() {
            let values = self.row(block, r, &groups, &mut header);
            if values.is_err()
                && let Some(group) = block.groups.iter().find(|g| g.rows.start == r)
                && self.group_as_one_row(block, group, &groups, &mut header)
            {
                r = group.rows.end;
                continue;
            }
            match values {
                Ok(read) => store_row(self.template, block, r, &read, self.draft, self.report),
                Err(reason) => self.not_read(block, r, &reason),
            }
            r += 1;
        }
    }

    /// The values of row `r` of a block.
    fn row(
        &mut self,
        block: &Block,
        r: usize,
        groups: &[String],
        header: &mut HeaderSearch,
    ) -> Result<RowRead, String> {
        let sums = flat::row_sums(self.template, block, r);
        if block.label_columns == 0 {
            return unlabelled_row(
                self.body,
                self.tokens,
                self.pos,
                block.columns.len(),
                &sums,
                &mut self.used_lines,
            );
        }
        let others = row_labels(block);
        let wanted = Wanted {
            label: &block.rows[r].label,
            groups,
            sums: &sums,
            others: &others,
            next: block.rows.get(r + 1).map(|row| row.label.as_str()),
            aliases: &block.rows[r].aliases,
        };
        self.labelled(block, &wanted, header)
    }

    /// [`labelled_row`] from where the reading stands.
    fn labelled(
        &mut self,
        block: &Block,
        wanted: &Wanted<'_>,
        header: &mut HeaderSearch,
    ) -> Result<RowRead, String> {
        labelled_row(
            block,
            self.body,
            self.tokens,
            wanted,
            &mut self.pos,
            &mut self.used_lines,
            header,
        )
    }

    /// A row group printed as one row under the group's label (「（六）其他处理」 with the
    /// figures of its three rows added up), when none of its own rows is printed: the figures
    /// are kept as the group's (they stand for its rows' sum in the totals), and its rows are
    /// listed as not read, for the user to fill in. Whether it was.
    fn group_as_one_row(
        &mut self,
        block: &Block,
        group: &RowGroup,
        groups: &[String],
        header: &mut HeaderSearch,
    ) -> bool {
        let printed = group
            .rows
            .clone()
            .any(|r| find_label(self.tokens, self.pos, &block.rows[r].label, groups).is_some());
        if printed {
            return false;
        }
        let sums = flat::row_sums(self.template, block, group.rows.start);
        let wanted = Wanted {
            label: &group.label,
            groups,
            sums: &sums,
            others: &[],
            next: None,
            aliases: &[],
        };
        let (pos, n_used) = (self.pos, self.used_lines.len());
        let Ok(read) = self.labelled(block, &wanted, header) else {
            self.pos = pos;
            self.used_lines.truncate(n_used);
            return false;
        };
        let mut figures = Vec::new();
        for (c, value) in read.values.iter().enumerate() {
            let group_cell = self
                .template
                .group_cells
                .iter()
                .find(|g| g.terms.first() == block.cell(group.rows.start, c).as_ref());
            let Some(group_cell) = group_cell else {
                continue;
            };
            if let Some(entry) = interpret(&group_cell.name, value, self.report) {
                figures.push(format!("{} {value}", group_cell.column));
                self.draft.stated.insert(group_cell.id.clone(), entry);
            }
        }
        let table = self.table_name(block);
        self.report.interpreted.push(format!(
            "{table}将「{}」印为一行（{}），没有分到其下{}行：已记为「{}」的合计，总计和勾稽关系按此核对；请在编辑器中把它分到各行",
            group.label,
            figures.join("、"),
            group.rows.len(),
            group.label
        ));
        for r in group.rows.clone() {
            let reason = format!("原报告未印此行：「{}」印为一行，见上", group.label);
            self.not_read(block, r, &reason);
        }
        true
    }

    /// The name of a block's table (表三).
    fn table_name(&self, block: &Block) -> String {
        block
            .cells
            .first()
            .map(|&idx| {
                self.template.tables[self.template.cells[idx].table]
                    .name
                    .clone()
            })
            .unwrap_or_default()
    }

    /// Notes the cells of row `r` as not read, and why.
    fn not_read(&mut self, block: &Block, r: usize, reason: &str) {
        let cells: Vec<usize> = (0..block.columns.len())
            .filter_map(|c| block.cell(r, c))
            .collect();
        let table = self.table_name(block);
        not_read(
            self.template,
            &table,
            &block.rows[r].label,
            &cells,
            reason,
            self.report,
        );
    }
}

/// The values read for a row, and how when they were not printed apart.
struct RowRead {
    values: Vec<String>,
    /// 「按本行合计推定」 for a flattened row split by its total.
    inferred: Option<&'static str>,
    /// The label as printed, when it differs from the format's, and how.
    printed_label: Option<(String, &'static str)>,
    /// Whether the row was broken across a page and put together.
    continued: bool,
}

impl From<Vec<String>> for RowRead {
    fn from(values: Vec<String>) -> Self {
        Self {
            values,
            inferred: None,
            printed_label: None,
            continued: false,
        }
    }
}

/// A flattened row's digits split, or the reason why not.
fn split_flat(digits: &str, n_columns: usize, sums: &[RowSum]) -> Result<RowRead, String> {
    match flat::split(digits, n_columns, sums) {
        Split::One(values) => Ok(RowRead {
            values,
            inferred: Some(if sums.is_empty() {
                "数字连排，按位数推定"
            } else {
                "按本行合计推定"
            }),
            printed_label: None,
            continued: false,
        }),
        Split::Refused(why) => Err(why),
    }
}

/// Every row and group label of a block, as skeletons.
fn row_labels(block: &Block) -> Vec<String> {
    block.row_labels.iter().map(|s| skeleton(&s.text)).collect()
}

/// The labels of a block's row groups (「三、本年度办理结果」「（三）不予公开」), as
/// skeletons: what may stand before a row's own label in a flattened row.
fn group_labels(block: &Block) -> Vec<String> {
    let leaves: Vec<String> = block.rows.iter().map(|r| skeleton(&r.label)).collect();
    block
        .row_labels
        .iter()
        .map(|s| skeleton(&s.text))
        .filter(|k| !k.is_empty() && !leaves.contains(k))
        .collect()
}

/// What a row is looked for by: its label, the labels of its groups, the sums within it;
/// and, for a label printed with a character or two off, the table's other labels and the
/// next row's label (a near label must stand before it).
struct Wanted<'a> {
    label: &'a str,
    groups: &'a [String],
    sums: &'a [RowSum],
    others: &'a [String],
    next: Option<&'a str>,
    /// Other labels reports print for the row.
    aliases: &'a [String],
}

/// A block's column headers in a real table, looked for once: at the first row label found
/// in a table row.
#[derive(Default)]
struct HeaderSearch {
    header: Option<Header>,
    searched: bool,
}

/// The values of the row labelled `label`, looked for from `pos` on: its line is used, `pos`
/// moves past it, and the values are read by the header's columns, by the fields of the
/// line, or as the values that follow the label.
fn labelled_row(
    block: &Block,
    body: &[Line],
    tokens: &[Token<'_>],
    wanted: &Wanted<'_>,
    pos: &mut usize,
    used_lines: &mut Vec<usize>,
    search: &mut HeaderSearch,
) -> Result<RowRead, String> {
    let n_columns = block.columns.len();
    let from = (*pos).min(tokens.len());
    let mut printed_label = None;
    let alias = || {
        wanted.aliases.iter().find_map(|a| {
            let hit = find_label(tokens, from, a, wanted.groups)?;
            Some((hit, a.clone()))
        })
    };
    let hit = match find_label(tokens, from, wanted.label, wanted.groups) {
        Some(hit) => hit,
        None if let Some((hit, printed)) = alias() => {
            printed_label = Some((printed, "是其另一种写法"));
            hit
        }
        None => {
            let until = wanted
                .next
                .and_then(|next| find_label(tokens, from, next, wanted.groups))
                .map_or(tokens.len(), |h| h.last);
            let (at, _) = near_label(tokens, (from, until), wanted.label, wanted.others)
                .ok_or_else(|| "未找到此行".to_owned())?;
            printed_label = Some((tokens[at].text.to_owned(), "有一两字不同"));
            LabelHit::at(at)
        }
    };
    let label = &tokens[hit.last];
    let line = &body[label.line];
    used_lines.push(label.line);
    if !search.searched && line.is_row() {
        search.searched = true;
        let from = tokens.get(*pos).map_or(0, |t| t.line);
        search.header = find_header(block, body, from, label.line);
    }
    *pos = hit.last + 1;
    while tokens.get(*pos).is_some_and(|t| t.line == label.line) {
        *pos += 1;
    }
    if let Some(digits) = &hit.flat {
        return split_flat(digits, n_columns, wanted.sums);
    }
    let mut continued = false;
    let values = match row_values(line, label.col, search.header.as_ref(), n_columns) {
        Some(Ok(values)) if values.iter().any(String::is_empty) => {
            match continued_row(body, label.line, label.col, search.header.as_ref(), &values) {
                Some((at, merged)) => {
                    used_lines.push(at);
                    continued = true;
                    Ok(merged)
                }
                None => Ok(values),
            }
        }
        found => found
            .or_else(|| fields_values(line, label.col, n_columns))
            .unwrap_or_else(|| following_values(tokens, &hit, pos, n_columns)),
    };
    values.map(|values| RowRead {
        printed_label,
        continued,
        ..RowRead::from(values)
    })
}

/// A table row broken across a page (its label on one page, its figures on the next, after
/// the page's footer and the repeated header): the next row with figures and no label, its
/// figures where this row has none. The row's cells, put together, and the other row's
/// line.
fn continued_row(
    body: &[Line],
    at: usize,
    label_col: usize,
    header: Option<&Header>,
    values: &[String],
) -> Option<(usize, Vec<String>)> {
    let (next, line) = body
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(8)
        .filter(|(_, l)| l.is_row())
        .find(|(_, l)| l.cells.iter().any(|c| !c.is_empty() && is_value(c)))?;
    // A row of its own has its label; the rest of a broken row has none.
    if line.cells.iter().take(label_col + 1).any(|c| !c.is_empty()) {
        return None;
    }
    let Some(Ok(rest)) = row_values(line, label_col, header, values.len()) else {
        return None;
    };
    let overlaps = values
        .iter()
        .zip(&rest)
        .any(|(a, b)| !a.is_empty() && !b.is_empty());
    if overlaps || rest.iter().all(String::is_empty) {
        return None;
    }
    let merged = values
        .iter()
        .zip(rest)
        .map(|(a, b)| if a.is_empty() { b } else { a.clone() })
        .collect();
    Some((next, merged))
}

/// The values read for row `r` of a block: each listed as read and, when it means
/// something, kept in the draft (an input cell's value, or a printed total to check).
fn store_row(
    template: &Template,
    block: &Block,
    r: usize,
    read: &RowRead,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let table = block
        .cell(r, 0)
        .map(|idx| template.tables[template.cells[idx].table].name.as_str())
        .unwrap_or_default();
    if read.continued {
        report.interpreted.push(format!(
            "{table}「{}」一行跨页印制，标签和数值分在两页，已合并读取",
            block.rows[r].label
        ));
    }
    if let Some((printed, how)) = &read.printed_label {
        report.interpreted.push(format!(
            "{table}的行标签「{printed}」与格式中的「{}」{how}，按所在位置读作该行，请核对",
            block.rows[r].label
        ));
    }
    for (c, value) in read.values.iter().enumerate() {
        let Some(idx) = block.cell(r, c) else {
            continue;
        };
        let cell = &template.cells[idx];
        report.cells_read.push(CellRead {
            id: cell.id.clone(),
            name: cell.name.clone(),
            text: value.clone(),
            inferred: read.inferred.map(str::to_owned),
        });
        let Some(entry) = interpret(&cell.name, value, report) else {
            continue;
        };
        if cell.is_input() {
            draft.cells.insert(cell.id.clone(), entry);
        } else {
            // A printed total is a fact to check, never a value.
            draft.stated.insert(cell.id.clone(), entry);
        }
    }
}

/// The values of a block's single unlabelled row (table 四): a row or line of exactly that
/// many values, or else the last values of the section in order.
fn unlabelled_row(
    body: &[Line],
    tokens: &[Token<'_>],
    pos: usize,
    n_columns: usize,
    sums: &[RowSum],
    used_lines: &mut Vec<usize>,
) -> Result<RowRead, String> {
    let from_line = tokens.get(pos).map_or(0, |t| t.line);
    for (i, line) in body.iter().enumerate().skip(from_line) {
        let mut cells: &[String] = &line.cells;
        if line.layout == Layout::Fields {
            cells = trim_fields(cells, n_columns);
        }
        let n_values = cells.iter().filter(|c| !c.is_empty()).count();
        let is_full_row = cells.len() == n_columns
            && n_values > 0
            && cells.iter().all(|c| c.is_empty() || is_value(c))
            && (line.is_row() || line.layout == Layout::Fields || n_values == n_columns);
        if is_full_row {
            used_lines.push(i);
            return Ok(RowRead::from(cells.to_vec()));
        }
        // The row's figures run together: one run of at least as many digits as cells.
        if let [only] = cells
            && n_columns > 1
            && only.len() >= n_columns
            && only.chars().all(|c| c.is_ascii_digit())
        {
            used_lines.push(i);
            return split_flat(only, n_columns, sums);
        }
    }
    // Else the values of the section, one a line: exactly as many as the row has cells.
    let all: Vec<&str> = tokens[pos.min(tokens.len())..]
        .iter()
        .map(|t| t.text)
        .filter(|t| !t.is_empty() && is_value(t))
        .collect();
    if all.len() != n_columns {
        return Err(format!(
            "{}{}个数值，应有{n_columns}个；无法确定它们各属于哪一列，未读入",
            if all.len() < n_columns {
                "只找到"
            } else {
                "找到"
            },
            all.len()
        ));
    }
    Ok(RowRead::from(
        all.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(),
    ))
}

/// Notes the cells of a row that were not read, and why.
fn not_read(
    template: &Template,
    table: &str,
    row: &str,
    cells: &[usize],
    reason: &str,
    report: &mut ImportReport,
) {
    report.not_read.push(NotRead {
        table: table.to_owned(),
        row: row.to_owned(),
        cells: cells
            .iter()
            .map(|&i| template.cells[i].id.clone())
            .collect(),
        reason: reason.to_owned(),
    });
}

/// Every cell of a table as not read.
pub(super) fn not_read_table(
    template: &Template,
    table: usize,
    reason: &str,
    report: &mut ImportReport,
) {
    let t = &template.tables[table];
    for block in &t.blocks {
        for (r, row) in block.rows.iter().enumerate() {
            let cells: Vec<usize> = (0..block.columns.len())
                .filter_map(|c| block.cell(r, c))
                .collect();
            not_read(template, &t.name, &row.label, &cells, reason, report);
        }
    }
}
