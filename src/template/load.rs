//! Loading a template: parse the RON, resolve references, check everything.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::schema::{self, CheckDef, ColumnDef, RowDef, TemplateFile};
use super::{
    BalanceColumn, Block, CellDef, CellIdx, Check, Column, Formula, InForceRow, Part, Row, Rule,
    Section, Span, Table, Template, TemplateData,
};

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Occurs when the file is not valid RON or does not have the template's shape.
    #[error("模板文件第{line}行第{column}列有误：{message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's description.
        message: String,
    },
    /// Occurs when the template parses but is inconsistent; lists every problem found.
    #[error("模板「{id}」有{n}处错误：{list}", n = problems.len(), list = problems.join("；"))]
    Invalid {
        /// The template's id.
        id: String,
        /// Each problem, in Chinese.
        problems: Vec<String>,
    },
}

/// Parses and checks a template.
pub fn load(ron_text: &str) -> Result<Template, TemplateError> {
    // `implicit_some` lets authors write `corner: "信息内容"` for optional fields.
    let file: TemplateFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(ron_text)
        .map_err(|e| TemplateError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
    let mut builder = Builder::default();
    let data = builder.build(file);
    if builder.problems.is_empty() {
        Ok(Template(Arc::new(data)))
    } else {
        Err(TemplateError::Invalid {
            id: data.id,
            problems: builder.problems,
        })
    }
}

#[derive(Default)]
struct Builder {
    problems: Vec<String>,
}

/// A row or column formula before its terms become cell indices.
#[derive(Clone)]
struct PendingFormula {
    rule: String,
    /// Keys of the sibling rows or columns summed.
    of: Vec<String>,
}

impl Builder {
    fn problem(&mut self, text: String) {
        self.problems.push(text);
    }

    fn build(&mut self, file: TemplateFile) -> TemplateData {
        if let Some(to) = file.years.to
            && to < file.years.from
        {
            self.problem(format!("适用年度 {}–{} 不成立", file.years.from, to));
        }
        let rule_ids: BTreeSet<&str> = file.rules.iter().map(|r| r.id.as_str()).collect();
        let mut seen_rules = BTreeSet::new();
        for rule in &file.rules {
            if !seen_rules.insert(rule.id.as_str()) {
                self.problem(format!("规则编号「{}」重复", rule.id));
            }
        }

        // Sections and parts.
        let mut part_ids = BTreeSet::new();
        let preamble = self.part(&file.preamble, "前言", &mut part_ids);
        let mut sections = Vec::new();
        let mut section_ids = BTreeSet::new();
        for def in &file.sections {
            if !section_ids.insert(def.id.clone()) {
                self.problem(format!("部分编号「{}」重复", def.id));
            }
            let heading = format!("{}、{}", def.number, def.title);
            let parts = def
                .parts
                .iter()
                .map(|p| {
                    // A section's only part, or its untitled lead, is named by the section itself.
                    let name = if def.parts.len() == 1 || !p.titled {
                        heading.clone()
                    } else {
                        format!("{heading}{}", p.title)
                    };
                    self.part(p, &name, &mut part_ids)
                })
                .collect();
            sections.push(Section {
                id: def.id.clone(),
                number: def.number.clone(),
                title: def.title.clone(),
                table: None,
                parts,
            });
        }

        // Tables, cells and formulas.
        let mut tables = Vec::new();
        let mut cells: Vec<CellDef> = Vec::new();
        let mut pending: Vec<(CellIdx, PendingFormula, Axis)> = Vec::new();
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
        for def in &file.sections {
            if let Some(table_id) = &def.table
                && !file
                    .tables
                    .iter()
                    .any(|t| &t.id == table_id && t.section == def.id)
            {
                self.problem(format!(
                    "部分「{}」的表格「{table_id}」不存在或不属于该部分",
                    def.id
                ));
            }
        }

        let mut cell_by_id = BTreeMap::new();
        for (idx, cell) in cells.iter().enumerate() {
            if cell_by_id.insert(cell.id.clone(), idx).is_some() {
                self.problem(format!("单元格编号「{}」重复", cell.id));
            }
        }

        // Resolve formula terms to cells.
        for (idx, formula, axis) in pending {
            if !rule_ids.contains(formula.rule.as_str()) {
                self.problem(format!(
                    "单元格「{}」的公式引用了不存在的规则「{}」",
                    cells[idx].id, formula.rule
                ));
            }
            let cell = &cells[idx];
            let block = &tables[cell.table].blocks[cell.block];
            let mut terms = Vec::new();
            for key in &formula.of {
                let term = match axis {
                    Axis::Column => {
                        // Siblings share the group prefix: `review.total` sums `review.upheld`.
                        let prefix = block.columns[cell.col].key.rsplit_once('.').map(|(p, _)| p);
                        let full = prefix.map_or_else(|| key.clone(), |p| format!("{p}.{key}"));
                        block
                            .columns
                            .iter()
                            .position(|c| c.key == full)
                            .and_then(|c| block.cell(cell.row, c))
                    }
                    Axis::Row => block
                        .rows
                        .iter()
                        .position(|r| &r.id == key)
                        .and_then(|r| block.cell(r, cell.col)),
                };
                match term {
                    Some(t) if t == idx => {
                        self.problem(format!("单元格「{}」的公式引用了自身", cell.id));
                    }
                    Some(t) => terms.push(t),
                    None => self.problem(format!(
                        "单元格「{}」的公式引用了不存在的行或列「{key}」",
                        cell.id
                    )),
                }
            }
            cells[idx].formula = Some(Formula {
                rule: formula.rule,
                terms,
            });
        }
        let eval_order = self.eval_order(&cells);

        let mut data = TemplateData {
            id: file.id,
            name: file.name,
            years: file.years,
            basis: file.basis,
            preamble,
            sections,
            tables,
            rules: Vec::new(),
            cells,
            cell_by_id,
            eval_order,
            serial: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        data.rules = file
            .rules
            .into_iter()
            .filter_map(|def| self.rule(&data, def))
            .collect();
        data
    }

    fn part(&mut self, def: &schema::PartDef, name: &str, seen: &mut BTreeSet<String>) -> Part {
        if !seen.insert(def.id.clone()) {
            self.problem(format!("文字部分编号「{}」重复", def.id));
        }
        Part {
            id: def.id.clone(),
            title: def.title.clone(),
            hint: def.hint.clone(),
            required: def.required,
            is_titled: def.titled,
            name: name.to_owned(),
        }
    }

    fn block(
        &mut self,
        ctx: BlockCtx<'_>,
        def: &schema::BlockDef,
        cells: &mut Vec<CellDef>,
        pending: &mut Vec<(CellIdx, PendingFormula, Axis)>,
    ) -> Block {
        let label_columns = usize::from(def.label_columns);
        let header_rows = def.columns.iter().map(column_depth).max().unwrap_or(0);
        let mut header = Vec::new();
        if def.corner.is_some() && label_columns == 0 {
            self.problem(format!(
                "{}：没有行标签列时不能有左上角单元格",
                ctx.table_id
            ));
        }
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
        let mut column_formulas = Vec::new();
        let mut walk = ColumnWalk {
            problems: Vec::new(),
            header_rows,
            label_columns,
            header: &mut header,
            columns: &mut columns,
            formulas: &mut column_formulas,
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
        let mut rows = Vec::new();
        let mut row_labels = Vec::new();
        let mut row_formulas = Vec::new();
        for row in &def.rows {
            self.flatten_rows(
                row,
                0,
                label_columns,
                &mut row_labels,
                &mut rows,
                &mut row_formulas,
            );
        }
        if columns.is_empty() || rows.is_empty() {
            self.problem(format!("{}：表格块没有数据行或数据列", ctx.table_id));
        }
        let max_depth = rows.iter().map(|r| r.depth + 1).max().unwrap_or(0);
        const MAX_LABEL_COLUMNS: usize = 4;
        if label_columns > MAX_LABEL_COLUMNS {
            self.problem(format!("{}：行标签最多{MAX_LABEL_COLUMNS}列", ctx.table_id));
        }
        if label_columns > 0 && max_depth > label_columns {
            self.problem(format!(
                "{}：行标签有{max_depth}层，但只有{label_columns}列行标签",
                ctx.table_id
            ));
        }
        if label_columns == 0 && (rows.len() != 1 || !rows[0].id.is_empty()) {
            self.problem(format!(
                "{}：没有行标签列的表格块只能有一行，且行编号为空",
                ctx.table_id
            ));
        }
        let mut keys = BTreeSet::new();
        for c in &columns {
            check_key(self, ctx.table_id, &c.key);
            if !keys.insert(&c.key) {
                self.problem(format!("{}：列编号「{}」重复", ctx.table_id, c.key));
            }
        }
        let mut block_cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if label_columns > 0 {
                check_key(self, ctx.table_id, &row.id);
            }
            for (c, col) in columns.iter().enumerate() {
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
                let idx = cells.len();
                // The column's formula wins where a computed row meets a computed column;
                // both are sums of the same cells.
                if let Some(f) = &column_formulas[c] {
                    pending.push((idx, f.clone(), Axis::Column));
                } else if let Some(f) = &row_formulas[r] {
                    pending.push((idx, f.clone(), Axis::Row));
                }
                cells.push(CellDef {
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
                });
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
        }
    }

    fn flatten_rows(
        &mut self,
        def: &RowDef,
        depth: usize,
        label_columns: usize,
        labels: &mut Vec<Span>,
        rows: &mut Vec<Row>,
        formulas: &mut Vec<Option<PendingFormula>>,
    ) {
        match def {
            RowDef::Leaf {
                id,
                label,
                computed,
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
                    self.flatten_rows(child, depth + 1, label_columns, labels, rows, formulas);
                }
                labels[label_idx].row_span = rows.len() - first;
                if children.is_empty() {
                    self.problem(format!("行分组「{id}」没有子行"));
                }
            }
        }
    }

    /// Orders computed cells so that each comes after the cells it sums; reports cycles.
    fn eval_order(&mut self, cells: &[CellDef]) -> Vec<CellIdx> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Visiting,
            Done,
        }
        fn visit(
            idx: CellIdx,
            cells: &[CellDef],
            marks: &mut [Mark],
            order: &mut Vec<CellIdx>,
            cycle: &mut Option<CellIdx>,
        ) {
            match marks[idx] {
                Mark::Done => return,
                Mark::Visiting => {
                    cycle.get_or_insert(idx);
                    return;
                }
                Mark::New => {}
            }
            let Some(formula) = &cells[idx].formula else {
                marks[idx] = Mark::Done;
                return;
            };
            marks[idx] = Mark::Visiting;
            for &term in &formula.terms {
                visit(term, cells, marks, order, cycle);
            }
            marks[idx] = Mark::Done;
            order.push(idx);
        }
        let mut marks = vec![Mark::New; cells.len()];
        let mut order = Vec::new();
        let mut cycle = None;
        for idx in 0..cells.len() {
            visit(idx, cells, &mut marks, &mut order, &mut cycle);
        }
        if let Some(idx) = cycle {
            self.problem(format!(
                "计算单元格之间存在循环引用（涉及「{}」）",
                cells[idx].id
            ));
        }
        order
    }

    fn rule(&mut self, data: &TemplateData, def: schema::RuleDef) -> Option<Rule> {
        let id = def.id.clone();
        let cell = |b: &mut Self, cell_id: &str| {
            let found = data.cell_idx(cell_id);
            if found.is_none() {
                b.problem(format!("规则{id}引用了不存在的单元格「{cell_id}」"));
            }
            found
        };
        let check = match def.check {
            CheckDef::Balance {
                table,
                left,
                right,
                blanks_as_zero,
            } => {
                let Some(t) = data.tables.iter().find(|t| t.id == table) else {
                    self.problem(format!("规则{id}引用了不存在的表格「{table}」"));
                    return None;
                };
                let find_block = |rows: &[String]| {
                    t.blocks
                        .iter()
                        .position(|b| rows.iter().all(|r| b.rows.iter().any(|row| &row.id == r)))
                };
                let all: Vec<String> = left.iter().chain(&right).cloned().collect();
                let Some(block_idx) = find_block(&all) else {
                    self.problem(format!("规则{id}引用的行不在表格「{table}」的同一块中"));
                    return None;
                };
                let block = &t.blocks[block_idx];
                let row_idx = |r: &String| block.rows.iter().position(|row| &row.id == r);
                let columns = block
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(c, col)| BalanceColumn {
                        name: col.label.clone(),
                        left: left
                            .iter()
                            .filter_map(row_idx)
                            .filter_map(|r| block.cell(r, c))
                            .collect(),
                        right: right
                            .iter()
                            .filter_map(row_idx)
                            .filter_map(|r| block.cell(r, c))
                            .collect(),
                    })
                    .collect();
                Check::Balance {
                    columns,
                    blanks_as_zero,
                }
            }
            CheckDef::StatedTotals => Check::StatedTotals,
            CheckDef::StatedTotalsWithBlanks { of } => Check::StatedTotalsWithBlanks { of },
            CheckDef::RequiredMeta { fields } => {
                for f in &fields {
                    if crate::meta::Field::by_id(f).is_none() {
                        self.problem(format!("规则{id}引用了不存在的基本信息「{f}」"));
                    }
                }
                Check::RequiredMeta { fields }
            }
            CheckDef::CellKinds => Check::CellKinds,
            CheckDef::EmptyCells => Check::EmptyCells,
            CheckDef::RestrictedToLevels { cells, levels } => Check::RestrictedToLevels {
                cells: cells.iter().filter_map(|c| cell(self, c)).collect(),
                levels,
            },
            CheckDef::AtMost { pairs } => Check::AtMost {
                pairs: pairs
                    .iter()
                    .filter_map(|p| {
                        let c = cell(self, &p.cell);
                        let limit: Vec<_> = p.limit.iter().filter_map(|l| cell(self, l)).collect();
                        Some((c?, limit))
                    })
                    .collect(),
            },
            CheckDef::YearConsistency => Check::YearConsistency,
            CheckDef::ProseClaims { claims } => Check::ProseClaims {
                claims: claims
                    .into_iter()
                    .map(|c| {
                        if let Some(name) = placeholder_names(&c.problem).find(|n| *n != "value") {
                            self.problem(format!(
                                "规则{id}的说法「{}」中有未知的占位符「{{{name}}}」，可用：{{value}}",
                                c.problem
                            ));
                        }
                        crate::template::Claim {
                            cells: c.cells.iter().filter_map(|id| cell(self, id)).collect(),
                            phrases: c.phrases,
                            negations: c.negations,
                            subjects: c.subjects,
                            unless: c.unless,
                            problem: c.problem,
                        }
                    })
                    .collect(),
            },
            CheckDef::ThinParts {
                parts,
                placeholders,
            } => {
                for (p, _) in &parts {
                    if data.part(p).is_none() {
                        self.problem(format!("规则{id}引用了不存在的文字部分「{p}」"));
                    }
                }
                Check::ThinParts {
                    parts,
                    placeholders,
                }
            }
            CheckDef::YearOnYear {
                figures,
                percent,
                min_change,
                change_words,
            } => Check::YearOnYear {
                figures: figures
                    .into_iter()
                    .map(|f| crate::template::YearFigure {
                        cells: f.cells.iter().filter_map(|id| cell(self, id)).collect(),
                        name: f.name,
                        words: f.words,
                    })
                    .collect(),
                percent,
                min_change,
                change_words,
            },
            CheckDef::TextLint { format_title } => Check::TextLint { format_title },
            CheckDef::FeeStatement { part, also_in } => {
                for p in std::iter::once(&part).chain(&also_in) {
                    if data.part(p).is_none() {
                        self.problem(format!("规则{id}引用了不存在的文字部分「{p}」"));
                    }
                }
                Check::FeeStatement { part, also_in }
            }
            CheckDef::BasisCitation { stale } => Check::BasisCitation { stale },
            CheckDef::RequiredParts { six_parts } => Check::RequiredParts { six_parts },
            CheckDef::Deadline { default, by_level } => {
                let check_day = |b: &mut Self, m: u8, d: u8| {
                    if crate::date::Date::new(2001, m, d).is_none() {
                        b.problem(format!("规则{id}的期限 {m}月{d}日 不存在"));
                    }
                };
                check_day(self, default.month, default.day);
                for l in &by_level {
                    check_day(self, l.month, l.day);
                }
                Check::Deadline {
                    default,
                    by_level: by_level
                        .into_iter()
                        .map(|l| {
                            (
                                l.level,
                                schema::MonthDay {
                                    month: l.month,
                                    day: l.day,
                                },
                            )
                        })
                        .collect(),
                }
            }
            CheckDef::NonZeroHint { row } => {
                let prefix = format!("{row}.");
                let cells: Vec<CellIdx> = data
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.id.starts_with(&prefix) && c.is_input())
                    .map(|(i, _)| i)
                    .collect();
                let Some(&first) = cells.first() else {
                    self.problem(format!("规则{id}引用了不存在的行「{row}」"));
                    return None;
                };
                let c = &data.cells[first];
                let name = format!("{}「{}」", data.tables[c.table].name, c.row_name);
                Check::NonZeroHint { cells, name }
            }
            CheckDef::CasesWithoutApplications {
                applications,
                cases,
            } => Check::CasesWithoutApplications {
                applications: applications.iter().filter_map(|c| cell(self, c)).collect(),
                cases: cases.iter().filter_map(|c| cell(self, c)).collect(),
            },
            CheckDef::CarriedOver { this, last } => {
                let prefix = format!("{this}.");
                let cells: Vec<(CellIdx, String)> = data
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_input())
                    .filter_map(|(i, c)| {
                        let column = c.id.strip_prefix(&prefix)?;
                        Some((i, format!("{last}.{column}")))
                    })
                    .collect();
                if cells.is_empty() {
                    self.problem(format!("规则{id}引用了不存在的行「{this}」"));
                    return None;
                }
                // Last year's row is read from last year's draft, but a format names it as
                // it names its own: a typo would silently turn the rule off.
                if let Some((_, missing)) = cells.iter().find(|(_, id)| data.cell_idx(id).is_none())
                {
                    self.problem(format!("规则{id}引用了不存在的单元格「{missing}」"));
                    return None;
                }
                Check::CarriedOver { cells }
            }
            CheckDef::NarrativeFigures {
                quantities,
                percent_base,
                upheld_words,
                not_upheld,
                none_received,
            } => {
                let cells = |b: &mut Self, ids: &[String]| -> Vec<CellIdx> {
                    ids.iter()
                        .flat_map(|pattern| {
                            let found = data.cells_matching(pattern);
                            if found.is_empty() {
                                b.problem(format!("规则{id}引用了不存在的单元格「{pattern}」"));
                            }
                            found
                        })
                        .collect()
                };
                let quantities: Vec<crate::template::Quantity> = quantities
                    .into_iter()
                    .map(|q| {
                        let mut words = q.words;
                        // The longer word first: 结转下年度 before 结转.
                        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
                        crate::template::Quantity {
                            name: q.name,
                            words,
                            context: q.context,
                            is_category: q.category,
                            not_before: q.not_before,
                            skip_if: q.skip_if,
                            sums: q.sums.iter().map(|s| cells(self, s)).collect(),
                        }
                    })
                    .collect();
                let mut last_chars: Vec<char> = quantities
                    .iter()
                    .flat_map(|q| &q.words)
                    .filter_map(|w| w.chars().next_back())
                    .collect();
                last_chars.sort_unstable();
                last_chars.dedup();
                Check::NarrativeFigures(crate::template::NarrativeFigures {
                    last_chars,
                    quantities,
                    percent_base: cells(self, &percent_base),
                    upheld_words,
                    not_upheld: cells(self, &not_upheld),
                    none_received: cells(self, &none_received),
                })
            }
            CheckDef::InForceAcrossYears { rows } => {
                let mut out = Vec::new();
                for row in rows {
                    let made = cell(self, &format!("{row}.made"));
                    let repealed = cell(self, &format!("{row}.repealed"));
                    let in_force = cell(self, &format!("{row}.in_force"));
                    let (Some(made), Some(repealed), Some(in_force)) = (made, repealed, in_force)
                    else {
                        continue;
                    };
                    let c = &data.cells[in_force];
                    out.push(InForceRow {
                        name: format!("{}「{}」", data.tables[c.table].name, c.row_name),
                        made,
                        repealed,
                        in_force,
                    });
                }
                Check::InForceAcrossYears { rows: out }
            }
            CheckDef::RepeatedText {
                parts,
                percent,
                min_chars,
            } => {
                for p in &parts {
                    if data.part(p).is_none() && !data.sections.iter().any(|s| s.id == *p) {
                        self.problem(format!("规则{id}引用了不存在的文字部分「{p}」"));
                    }
                }
                if !(1..=100).contains(&percent) {
                    self.problem(format!("规则{id}的比例 {percent}% 应在 1% 到 100% 之间"));
                }
                Check::RepeatedText {
                    parts,
                    percent,
                    min_chars,
                }
            }
        };
        for name in placeholder_names(&def.message) {
            if !check.placeholders().contains(&name) {
                self.problem(format!(
                    "规则{id}的提示文字中有未知的占位符「{{{name}}}」，可用：{}",
                    check
                        .placeholders()
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
        }
        Some(Rule {
            id: def.id,
            severity: def.severity,
            title: def.title,
            message: def.message,
            check,
        })
    }
}

/// The `{name}` placeholders a message names (a name is ASCII letters, digits and `_`;
/// other braces are text).
fn placeholder_names(message: &str) -> impl Iterator<Item = &str> {
    message.split('{').skip(1).filter_map(|after| {
        let name = &after[..after.find('}')?];
        let is_name =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        is_name.then_some(name)
    })
}

#[derive(Clone, Copy)]
struct BlockCtx<'a> {
    table_idx: usize,
    block_idx: usize,
    table_id: &'a str,
    table_name: &'a str,
}

#[derive(Clone, Copy)]
enum Axis {
    Row,
    Column,
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
    let mut s = label.trim();
    // Leading 一、 / （一） / (一) / 1. / 1、
    if let Some(rest) = s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        if let Some(end) = rest.find(['）', ')']) {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(is_numeral) {
                s = rest[end..].trim_start_matches(['）', ')']);
            }
        }
    } else {
        let numeral_len: usize = s
            .chars()
            .take_while(|c| is_numeral(*c))
            .map(char::len_utf8)
            .sum();
        if numeral_len > 0 {
            let rest = &s[numeral_len..];
            if let Some(r) = rest.strip_prefix(['、', '.', '．']) {
                s = r;
            }
        }
    }
    // Trailing （…） remark, unless it is the whole label.
    if s.ends_with('）')
        && let Some(open) = s.rfind('（')
        && open > 0
    {
        s = &s[..open];
    }
    s.trim().to_owned()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
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
