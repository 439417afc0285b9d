//! Loading a template: parse the RON, resolve references, check everything.

mod rules;
mod tables;

use std::collections::BTreeSet;
use std::sync::Arc;

use super::schema::{self, TemplateFile};
use super::{CellDef, CellIdx, Formula, Part, Section, Table, Template, TemplateData};
use tables::{formula_term, group_cells, take_word_breaks};

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
            message: ron_message(&e.code),
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

/// A cell's formula waiting for its terms, and whether they are rows or columns.
type Pending = (CellIdx, PendingFormula, Axis);

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

    fn build(&mut self, mut file: TemplateFile) -> TemplateData {
        let word_breaks = take_word_breaks(&mut file);
        if let Some(to) = file.years.to
            && to < file.years.from
        {
            self.problem(format!("适用年度 {}–{} 不成立", file.years.from, to));
        }
        let mut seen_rules = BTreeSet::new();
        for rule in &file.rules {
            if !seen_rules.insert(rule.id.as_str()) {
                self.problem(format!("规则编号「{}」重复", rule.id));
            }
        }
        let (preamble, mut sections) = self.sections(&file);
        let (tables, mut cells, pending) = self.tables(&file, &mut sections);
        self.check_section_tables(&file);
        let mut cell_by_id = super::IdMap::default();
        for (idx, cell) in cells.iter().enumerate() {
            if cell_by_id.insert(cell.id.clone(), idx).is_some() {
                self.problem(format!("单元格编号「{}」重复", cell.id));
            }
        }
        self.resolve_formulas(&seen_rules, pending, &tables, &mut cells);
        let eval_order = self.eval_order(&cells);
        let group_cells = group_cells(&tables, &cells);
        let group_by_id = group_cells
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), i))
            .collect();

        let mut data = TemplateData {
            id: file.id,
            name: file.name,
            years: file.years,
            basis: file.basis,
            preamble,
            sections,
            tables,
            rules: Vec::new(),
            key_figures: Vec::new(),
            register: None,
            cells,
            cell_by_id,
            group_cells,
            group_by_id,
            eval_order,
            word_breaks,
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
        data.key_figures = self.key_figures(&data, file.key_figures);
        data.register = file.register.and_then(|def| self.register(&data, def));
        data
    }

    /// The register's rows and columns resolved in its table's block.
    fn register(
        &mut self,
        data: &TemplateData,
        def: schema::RegisterDef,
    ) -> Option<super::Register> {
        let Some(table) = data.tables.iter().position(|t| t.id == def.table) else {
            self.problem(format!("台账设置引用了不存在的表格「{}」", def.table));
            return None;
        };
        let blocks = &data.tables[table].blocks;
        let Some(block) = blocks
            .iter()
            .position(|b| b.rows.iter().any(|r| r.id == def.received))
        else {
            self.problem(format!("台账设置引用了不存在的行「{}」", def.received));
            return None;
        };
        let b = &blocks[block];
        let mut row = |id: &str| {
            let found = b.rows.iter().position(|r| r.id == id && !r.is_computed);
            if found.is_none() {
                self.problem(format!("台账设置引用了不存在的行「{id}」"));
            }
            found
        };
        let received = row(&def.received);
        let carried_over = row(&def.carried_over);
        let carried_forward = row(&def.carried_forward);
        let outcomes: Vec<super::Outcome> = def
            .outcomes
            .iter()
            .filter_map(|id| {
                let r = row(id)?;
                let depth = b.rows[r].depth;
                let parent = b
                    .row_labels
                    .iter()
                    .find(|s| {
                        depth > 0
                            && s.col == depth - 1
                            && (s.row..s.row + s.row_span).contains(&r)
                            && s.row_span > 1
                    })
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                Some(super::Outcome {
                    row: r,
                    id: id.clone(),
                    label: b.rows[r].label.clone(),
                    parent,
                })
            })
            .collect();
        let applicants = def
            .applicants
            .into_iter()
            .filter_map(|(key, words)| {
                let col = b
                    .columns
                    .iter()
                    .position(|c| c.key == key && !c.is_computed);
                if col.is_none() {
                    self.problem(format!("台账设置引用了不存在的列「{key}」"));
                }
                let col = col?;
                Some(super::Applicant {
                    col,
                    name: b.columns[col].name.clone(),
                    key,
                    words,
                })
            })
            .collect();
        Some(super::Register {
            table,
            block,
            received: received?,
            carried_over: carried_over?,
            carried_forward: carried_forward?,
            outcomes,
            applicants,
            headers: def.headers,
        })
    }

    /// The key figures, their cells resolved.
    fn key_figures(
        &mut self,
        data: &TemplateData,
        defs: Vec<schema::KeyFigureDef>,
    ) -> Vec<super::KeyFigure> {
        defs.into_iter()
            .map(|def| {
                let cells = def
                    .cells
                    .iter()
                    .filter_map(|id| {
                        let found = data.cell_idx(id);
                        if found.is_none() {
                            self.problem(format!(
                                "主要数字「{}」引用了不存在的单元格「{id}」",
                                def.name
                            ));
                        }
                        found
                    })
                    .collect();
                super::KeyFigure {
                    name: def.name,
                    cells,
                }
            })
            .collect()
    }

    /// The preamble and the sections with their parts (tables are attached later).
    fn sections(&mut self, file: &TemplateFile) -> (Part, Vec<Section>) {
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
        (preamble, sections)
    }

    /// A section that names a table must be that table's section.
    fn check_section_tables(&mut self, file: &TemplateFile) {
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
    }

    /// Resolves each formula's terms (sibling rows or columns) to cells.
    fn resolve_formulas(
        &mut self,
        rule_ids: &BTreeSet<&str>,
        pending: Vec<Pending>,
        tables: &[Table],
        cells: &mut [CellDef],
    ) {
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
                match formula_term(block, cell, axis, key) {
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
}

#[derive(Clone, Copy)]
enum Axis {
    Row,
    Column,
}

/// What the RON reader found wrong, in Chinese (the place is said with it).
pub(crate) fn ron_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => "文件在此处意外结束（可能没有保存完整或被截断）".to_owned(),
        E::ExpectedMapColon => "此处应为冒号「:」".to_owned(),
        E::ExpectedComma => "此处应为逗号「,」".to_owned(),
        E::ExpectedMap => "此处应为「{」".to_owned(),
        E::ExpectedMapEnd => "此处应为「}」".to_owned(),
        E::ExpectedArray => "此处应为「[」".to_owned(),
        E::ExpectedArrayEnd => "此处应为「]」".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "此处应为「(」".to_owned(),
        E::ExpectedStructLikeEnd => "此处应为「)」".to_owned(),
        E::ExpectedString => "此处应为带引号的文字".to_owned(),
        E::ExpectedStringEnd => "文字缺少结尾的引号".to_owned(),
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } => "此处应为整数".to_owned(),
        E::IntegerOutOfBounds => "数字超出范围".to_owned(),
        E::ExpectedFloat => "此处应为数字".to_owned(),
        E::ExpectedBoolean => "此处应为 true 或 false".to_owned(),
        E::ExpectedOption | E::ExpectedOptionEnd => "此处应为 Some(…) 或 None".to_owned(),
        E::ExpectedIdentifier => "此处应为字段名".to_owned(),
        E::UnexpectedChar(c) => format!("此处不应有字符「{c}」"),
        E::TrailingCharacters => "文件在应当结束处之后还有多余的内容".to_owned(),
        E::InvalidEscape(_) => "文字中有无效的转义符（\\ 后的字符）".to_owned(),
        E::NoSuchStructField { found, .. } => format!("无法识别的字段「{found}」"),
        E::MissingStructField { field, .. } => format!("缺少字段「{field}」"),
        E::DuplicateStructField { field, .. } => format!("字段「{field}」重复"),
        E::NoSuchEnumVariant { found, .. } => format!("无法识别的取值「{found}」"),
        E::InvalidValueForType { found, .. } => format!("此处的值「{found}」类型不对"),
        E::ExceededRecursionLimit => "嵌套层数过多".to_owned(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "注释没有结束".to_owned(),
        other => format!("格式有误（详情：{other}）"),
    }
}
