//! A table's blocks from the template file: columns flattened from the header tree into
//! merged cells, rows and row groups, each cell's id and formula, and where labels may break.

use std::collections::{BTreeMap, BTreeSet};

use super::{Axis, Builder, Pending, PendingFormula};
use crate::template::schema::{self, ColumnDef, RowDef, TemplateFile};
use crate::template::{
    Block, CellDef, CellIdx, Column, GroupCell, Row, RowGroup, Section, Span, Table,
};
use crate::text::strip_numbering;

impl Builder {
    /// The tables with their blocks and cells, each attached to its section, and the
    /// formulas still to resolve.
    pub(super) fn tables(
        &mut self,
        file: &TemplateFile,
        sections: &mut [Section],
    ) -> (Vec<Table>, Vec<CellDef>, Vec<Pending>) {
        let mut tables = Vec::new();
        let mut cells: Vec<CellDef> = Vec::new();
        let mut pending = Vec::new();
        for def in &file.tables {
            // Index among the tables built so far (a table with an unknown section is skipped).
            let table_idx = tables.len();
            if tables.iter().any(|t: &Table| t.id == def.id) {
                self.problem(format!("表格编号「{}」重复", def.id));
            }
            let Some(section_idx) = sections.iter().position(|s| s.id == def.section) else {
                self.problem(format!(
                    "表格「{}」所属部分「{}」不存在",
                    def.id, def.section
                ));
                continue;
            };
            sections[section_idx].table = Some(table_idx);
            let name = format!("表{}", sections[section_idx].number);
            let mut blocks = Vec::new();
            for (block_idx, block_def) in def.blocks.iter().enumerate() {
                let block = self.block(
                    BlockCtx {
                        table_idx,
                        block_idx,
                        table_id: &def.id,
                        table_name: &name,
                    },
                    block_def,
                    &mut cells,
                    &mut pending,
                );
                blocks.push(block);
            }
            tables.push(Table {
                id: def.id.clone(),
                section: section_idx,
                title: def.title.clone(),
                name,
                blocks,
            });
        }
        (tables, cells, pending)
    }

    fn block(
        &mut self,
        ctx: BlockCtx<'_>,
        def: &schema::BlockDef,
        cells: &mut Vec<CellDef>,
        pending: &mut Vec<Pending>,
    ) -> Block {
        let label_columns = usize::from(def.label_columns);
        let header_rows = def.columns.iter().map(column_depth).max().unwrap_or(0);
        if def.corner.is_some() && label_columns == 0 {
            self.problem(format!(
                "{}：没有行标签列时不能有左上角单元格",
                ctx.table_id
            ));
        }
        let (header, columns, column_formulas) = self.block_columns(def, header_rows);
        let mut rows = Vec::new();
        let mut row_labels = Vec::new();
        let mut row_formulas = Vec::new();
        let mut groups = Vec::new();
        for row in &def.rows {
            self.flatten_rows(
                row,
                0,
                label_columns,
                (&mut row_labels, &mut groups),
                &mut rows,
                &mut row_formulas,
            );
        }
        // Only a group of rows the user fills in can stand printed as one row.
        groups.retain(|g: &RowGroup| g.rows.clone().all(|r| row_formulas[r].is_none()));
        self.check_block_shape(ctx.table_id, label_columns, &columns, &rows);
        let mut block_cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if label_columns > 0 {
                check_key(self, ctx.table_id, &row.id);
            }
            for (c, col) in columns.iter().enumerate() {
                let idx = cells.len();
                // The column's formula wins where a computed row meets a computed column;
                // both are sums of the same cells.
                if let Some(f) = &column_formulas[c] {
                    pending.push((idx, f.clone(), Axis::Column));
                } else if let Some(f) = &row_formulas[r] {
                    pending.push((idx, f.clone(), Axis::Row));
                }
                cells.push(block_cell(ctx, (r, row), (c, col)));
                block_cells.push(idx);
            }
        }
        Block {
            caption: def.caption.clone(),
            corner: def.corner.clone(),
            label_columns,
            header_rows,
            columns,
            rows,
            header,
            row_labels,
            cells: block_cells,
            groups,
        }
    }

    /// The header (the corner over the row labels, then the column tree as merged spans),
    /// the leaf columns and their formulas.
    fn block_columns(
        &mut self,
        def: &schema::BlockDef,
        header_rows: usize,
    ) -> (Vec<Span>, Vec<Column>, Vec<Option<PendingFormula>>) {
        let label_columns = usize::from(def.label_columns);
        let mut header = Vec::new();
        // Over row labels there is always a corner cell (empty if the template gives none),
        // so every header row spans the whole table.
        if label_columns > 0 {
            header.push(Span {
                text: def.corner.clone().unwrap_or_default(),
                row: 0,
                col: 0,
                row_span: header_rows.max(1),
                col_span: label_columns.max(1),
            });
        }
        let mut columns = Vec::new();
        let mut formulas = Vec::new();
        let mut walk = ColumnWalk {
            problems: Vec::new(),
            header_rows,
            label_columns,
            header: &mut header,
            columns: &mut columns,
            formulas: &mut formulas,
        };
        for col in &def.columns {
            let place = ColumnPlace {
                prefix: None,
                group_name: None,
                depth: 0,
            };
            flatten_columns(col, place, &mut walk);
        }
        self.problems.append(&mut walk.problems);
        (header, columns, formulas)
    }

    /// A block needs data rows and columns, enough label columns for its row tree, and
    /// unique column keys.
    fn check_block_shape(
        &mut self,
        table_id: &str,
        label_columns: usize,
        columns: &[Column],
        rows: &[Row],
    ) {
        const MAX_LABEL_COLUMNS: usize = 4;
        if columns.is_empty() || rows.is_empty() {
            self.problem(format!("{table_id}：表格块没有数据行或数据列"));
        }
        let max_depth = rows.iter().map(|r| r.depth + 1).max().unwrap_or(0);
        if label_columns > MAX_LABEL_COLUMNS {
            self.problem(format!("{table_id}：行标签最多{MAX_LABEL_COLUMNS}列"));
        }
        if label_columns > 0 && max_depth > label_columns {
            self.problem(format!(
                "{table_id}：行标签有{max_depth}层，但只有{label_columns}列行标签"
            ));
        }
        if label_columns == 0 && (rows.len() != 1 || !rows[0].id.is_empty()) {
            self.problem(format!(
                "{table_id}：没有行标签列的表格块只能有一行，且行编号为空"
            ));
        }
        let mut keys = BTreeSet::new();
        for c in columns {
            check_key(self, table_id, &c.key);
            if !keys.insert(&c.key) {
                self.problem(format!("{table_id}：列编号「{}」重复", c.key));
            }
        }
    }

    fn flatten_rows(
        &mut self,
        def: &RowDef,
        depth: usize,
        label_columns: usize,
        (labels, groups): (&mut Vec<Span>, &mut Vec<RowGroup>),
        rows: &mut Vec<Row>,
        formulas: &mut Vec<Option<PendingFormula>>,
    ) {
        match def {
            RowDef::Leaf {
                id,
                label,
                computed,
                aliases,
            } => {
                if label_columns > 0 {
                    labels.push(Span {
                        text: label.clone(),
                        row: rows.len(),
                        col: depth,
                        row_span: 1,
                        col_span: label_columns.saturating_sub(depth).max(1),
                    });
                }
                rows.push(Row {
                    id: id.clone(),
                    label: label.clone(),
                    aliases: aliases.clone(),
                    depth,
                    is_computed: computed.is_some(),
                });
                formulas.push(computed.as_ref().map(pending_formula));
            }
            RowDef::Group {
                id,
                label,
                children,
            } => {
                check_key(self, "行分组", id);
                let first = rows.len();
                let label_idx = labels.len();
                labels.push(Span {
                    text: label.clone(),
                    row: first,
                    col: depth,
                    row_span: 0,
                    col_span: 1,
                });
                for child in children {
                    self.flatten_rows(
                        child,
                        depth + 1,
                        label_columns,
                        (labels, groups),
                        rows,
                        formulas,
                    );
                }
                labels[label_idx].row_span = rows.len() - first;
                if !id.is_empty() {
                    groups.push(RowGroup {
                        id: id.clone(),
                        label: label.clone(),
                        rows: first..rows.len(),
                    });
                }
                if children.is_empty() {
                    self.problem(format!("行分组「{id}」没有子行"));
                }
            }
        }
    }
}

/// The cell where a row meets a column: its id (`t3.new_received.natural`, or
/// `t2.total` in a block without row labels) and how messages name it.
/// Each row group's figure per column ([`GroupCell`]), in template order.
pub(super) fn group_cells(tables: &[Table], cells: &[CellDef]) -> Vec<GroupCell> {
    let mut out = Vec::new();
    for table in tables {
        for block in &table.blocks {
            for group in &block.groups {
                for (c, column) in block.columns.iter().enumerate() {
                    let terms: Vec<CellIdx> = group
                        .rows
                        .clone()
                        .filter_map(|r| block.cell(r, c))
                        .collect();
                    let Some(&first) = terms.first() else {
                        continue;
                    };
                    let table_id = cells[first].id.split('.').next().unwrap_or_default();
                    out.push(GroupCell {
                        id: format!("{table_id}.{}.{}", group.id, column.key),
                        name: format!("{} {} {}", table.name, group.label, column.name),
                        group: group.label.clone(),
                        column: column.name.clone(),
                        terms,
                    });
                }
            }
        }
    }
    out
}

fn block_cell(ctx: BlockCtx<'_>, (r, row): (usize, &Row), (c, col): (usize, &Column)) -> CellDef {
    let id = if row.id.is_empty() {
        format!("{}.{}", ctx.table_id, col.key)
    } else {
        format!("{}.{}.{}", ctx.table_id, row.id, col.key)
    };
    let row_name = short_label(&row.label);
    let col_name = col.name.clone();
    let name = [ctx.table_name, &row_name, &col_name]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    CellDef {
        id,
        table: ctx.table_idx,
        block: ctx.block_idx,
        row: r,
        col: c,
        kind: col.kind.clone(),
        formula: None,
        name,
        row_name,
        col_name,
    }
}

/// The cell a formula term names: a sibling column (siblings share the group prefix:
/// `review.total` sums `review.upheld`) or a sibling row.
pub(super) fn formula_term(
    block: &Block,
    cell: &CellDef,
    axis: Axis,
    key: &str,
) -> Option<CellIdx> {
    match axis {
        Axis::Column => {
            let prefix = block.columns[cell.col].key.rsplit_once('.').map(|(p, _)| p);
            let full = prefix.map_or_else(|| key.to_owned(), |p| format!("{p}.{key}"));
            block
                .columns
                .iter()
                .position(|c| c.key == full)
                .and_then(|c| block.cell(cell.row, c))
        }
        Axis::Row => block
            .rows
            .iter()
            .position(|r| r.id == key)
            .and_then(|r| block.cell(r, cell.col)),
    }
}

#[derive(Clone, Copy)]
struct BlockCtx<'a> {
    table_idx: usize,
    block_idx: usize,
    table_id: &'a str,
    table_name: &'a str,
}

fn check_key(b: &mut Builder, context: &str, key: &str) {
    let is_valid = !key.is_empty()
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    if !is_valid {
        b.problem(format!(
            "{context}：编号「{key}」只能由小写字母、数字和下划线组成"
        ));
    }
}

fn column_depth(def: &ColumnDef) -> usize {
    match def {
        ColumnDef::Leaf { .. } => 1,
        ColumnDef::Group { children, .. } => {
            1 + children.iter().map(column_depth).max().unwrap_or(0)
        }
    }
}

/// Accumulators of the column-tree walk.
struct ColumnWalk<'a> {
    problems: Vec<String>,
    header_rows: usize,
    label_columns: usize,
    header: &'a mut Vec<Span>,
    columns: &'a mut Vec<Column>,
    formulas: &'a mut Vec<Option<PendingFormula>>,
}

/// Where a column node sits: its key prefix and the label of its nearest group with an id
/// (行政复议), which names the column in messages since only such groups make keys differ.
#[derive(Clone, Copy)]
struct ColumnPlace<'a> {
    prefix: Option<&'a str>,
    group_name: Option<&'a str>,
    depth: usize,
}

/// Walks the column tree, producing merged header cells and the leaf columns.
/// A leaf above the deepest level extends down to the last header row.
fn flatten_columns(def: &ColumnDef, place: ColumnPlace<'_>, walk: &mut ColumnWalk<'_>) {
    match def {
        ColumnDef::Leaf {
            id,
            label,
            kind,
            computed,
            note,
        } => {
            walk.header.push(Span {
                text: label.clone(),
                row: place.depth,
                col: walk.label_columns + walk.columns.len(),
                row_span: walk.header_rows - place.depth,
                col_span: 1,
            });
            let short = short_label(label);
            walk.columns.push(Column {
                key: place
                    .prefix
                    .map_or_else(|| id.clone(), |p| format!("{p}.{id}")),
                label: label.clone(),
                name: place
                    .group_name
                    .map_or_else(|| short.clone(), |g| format!("{g} {short}")),
                kind: kind.clone(),
                note: note.clone(),
                is_computed: computed.is_some(),
            });
            walk.formulas.push(computed.as_ref().map(pending_formula));
        }
        ColumnDef::Group {
            id,
            label,
            children,
        } => {
            if children.is_empty() {
                walk.problems.push(format!("列分组「{label}」没有子列"));
                return;
            }
            let first = walk.columns.len();
            let span_idx = walk.header.len();
            walk.header.push(Span {
                text: label.clone(),
                row: place.depth,
                col: walk.label_columns + first,
                row_span: 1,
                col_span: 0,
            });
            let prefix = match (place.prefix, id) {
                (Some(p), Some(i)) => Some(format!("{p}.{i}")),
                (None, Some(i)) => Some(i.clone()),
                (p, None) => p.map(str::to_owned),
            };
            let group_name = if id.is_some() {
                Some(label.as_str())
            } else {
                place.group_name
            };
            for child in children {
                let child_place = ColumnPlace {
                    prefix: prefix.as_deref(),
                    group_name,
                    depth: place.depth + 1,
                };
                flatten_columns(child, child_place, walk);
            }
            walk.header[span_idx].col_span = walk.columns.len() - first;
        }
    }
}

fn pending_formula(formula: &schema::Formula) -> PendingFormula {
    let schema::Formula::Sum { rule, of } = formula;
    PendingFormula {
        rule: rule.clone(),
        of: of.clone(),
    }
}

/// A label without its numbering and trailing remark: （二）部分公开（区分处理的…） → 部分公开.
pub(crate) fn short_label(label: &str) -> String {
    let label = label.trim();
    // Leading 一、 / （一） / (一) / 1. / 1、
    let mut s = strip_numbering(label).unwrap_or(label);
    // Trailing （…） remark, unless it is the whole label.
    if s.ends_with('）')
        && let Some(open) = s.rfind('（')
        && open > 0
    {
        s = &s[..open];
    }
    s.trim().to_owned()
}

/// Takes the word marks out of the tables' labels and the key figures' names: a `|` in a label marks where its line may
/// break (「2.|其他|法律|行政法规|禁止公开」); the label is kept without them, and the places
/// (in characters) under the label's text.
pub(super) fn take_word_breaks(file: &mut TemplateFile) -> BTreeMap<String, Vec<usize>> {
    fn take(label: &mut String, out: &mut BTreeMap<String, Vec<usize>>) {
        if !label.contains('|') {
            return;
        }
        let mut clean = String::with_capacity(label.len());
        let mut at = Vec::new();
        for c in label.chars() {
            if c == '|' {
                at.push(clean.chars().count());
            } else {
                clean.push(c);
            }
        }
        out.insert(clean.clone(), at);
        *label = clean;
    }
    fn columns(defs: &mut [ColumnDef], out: &mut BTreeMap<String, Vec<usize>>) {
        for def in defs {
            match def {
                ColumnDef::Group {
                    label, children, ..
                } => {
                    take(label, out);
                    columns(children, out);
                }
                ColumnDef::Leaf { label, .. } => take(label, out),
            }
        }
    }
    fn rows(defs: &mut [RowDef], out: &mut BTreeMap<String, Vec<usize>>) {
        for def in defs {
            match def {
                RowDef::Group {
                    label, children, ..
                } => {
                    take(label, out);
                    rows(children, out);
                }
                RowDef::Leaf { label, .. } => take(label, out),
            }
        }
    }
    let mut out = BTreeMap::new();
    for table in &mut file.tables {
        for block in &mut table.blocks {
            columns(&mut block.columns, &mut out);
            rows(&mut block.rows, &mut out);
        }
    }
    // The key figures head the columns of the units' overview.
    for figure in &mut file.key_figures {
        take(&mut figure.name, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn short_labels() {
        assert_eq!(
            short_label("一、本年新收政府信息公开申请数量"),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(
            short_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(short_label("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(short_label("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(short_label("自然人"), "自然人");
    }
}
