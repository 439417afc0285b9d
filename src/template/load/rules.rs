//! A rule of the template file resolved against the template's tables, cells and parts:
//! ids become cell indices, and every reference, day, ratio and message placeholder is
//! checked. Each kind of check is resolved by a method of its own.

use super::Builder;
use crate::template::schema::{self, CheckDef};
use crate::template::{
    BalanceColumn, CellIdx, Check, Claim, InForceRow, NarrativeFigures, Quantity, Rule,
    TemplateData, YearFigure,
};

impl Builder {
    /// The rule, or `None` when it cannot be resolved (the problem is recorded).
    pub(super) fn rule(&mut self, data: &TemplateData, def: schema::RuleDef) -> Option<Rule> {
        let schema::RuleDef {
            id,
            severity,
            title,
            message,
            messages,
            check,
        } = def;
        let mut r = RuleLoader {
            b: self,
            data,
            id: &id,
        };
        let check = r.check(check)?;
        r.placeholders(&message, &check);
        for other in messages.values() {
            r.placeholders(other, &check);
        }
        Some(Rule {
            id,
            severity,
            title,
            message,
            messages: messages.into_iter().collect(),
            check,
        })
    }
}

/// One rule being resolved: the builder that collects problems, the template so far, and
/// the rule's id for the messages.
struct RuleLoader<'a> {
    b: &'a mut Builder,
    data: &'a TemplateData,
    id: &'a str,
}

impl RuleLoader<'_> {
    fn problem(&mut self, text: String) {
        self.b.problem(text);
    }

    /// The cell with this id; a problem when there is none.
    fn cell(&mut self, cell_id: &str) -> Option<CellIdx> {
        let found = self.data.cell_idx(cell_id);
        if found.is_none() {
            self.problem(format!("规则{}引用了不存在的单元格「{cell_id}」", self.id));
        }
        found
    }

    /// The cells with these ids (those that exist).
    fn cells(&mut self, ids: &[String]) -> Vec<CellIdx> {
        ids.iter().filter_map(|c| self.cell(c)).collect()
    }

    /// The cells matching these patterns (`t3.new_received.*`); a problem for a pattern
    /// that matches none.
    fn cells_matching(&mut self, patterns: &[String]) -> Vec<CellIdx> {
        let mut out = Vec::new();
        for pattern in patterns {
            let found = self.data.cells_matching(pattern);
            if found.is_empty() {
                self.problem(format!("规则{}引用了不存在的单元格「{pattern}」", self.id));
            }
            out.extend(found);
        }
        out
    }

    /// A problem for each part id the template does not have (section ids too, if
    /// `sections_too`).
    fn parts_exist<'p>(&mut self, parts: impl IntoIterator<Item = &'p String>, sections_too: bool) {
        for p in parts {
            let is_section = sections_too && self.data.sections.iter().any(|s| s.id == *p);
            if self.data.part(p).is_none() && !is_section {
                self.problem(format!("规则{}引用了不存在的文字部分「{p}」", self.id));
            }
        }
    }

    /// A problem for each `{name}` in the message that the check does not fill (it would
    /// print literally in every finding).
    fn placeholders(&mut self, message: &str, check: &Check) {
        let known = check.placeholders();
        for name in placeholder_names(message) {
            if !known.contains(&name) {
                let listed: Vec<String> = known.iter().map(|p| format!("{{{p}}}")).collect();
                self.problem(format!(
                    "规则{}的提示文字中有未知的占位符「{{{name}}}」，可用：{}",
                    self.id,
                    listed.join("、")
                ));
            }
        }
    }

    /// The check, its ids resolved; `None` when it cannot be (the problem is recorded).
    fn check(&mut self, def: CheckDef) -> Option<Check> {
        Some(match def {
            CheckDef::TemplateYear => Check::TemplateYear,
            CheckDef::UnknownIds => Check::UnknownIds,
            CheckDef::ComputedEntered => Check::ComputedEntered,
            CheckDef::PartlyEmpty => Check::PartlyEmpty,
            CheckDef::Balance {
                table,
                left,
                right,
                blanks_as_zero,
            } => Check::Balance {
                columns: self.balance_columns(&table, &left, &right)?,
                blanks_as_zero,
            },
            CheckDef::StatedTotals => Check::StatedTotals,
            CheckDef::StatedTotalsWithBlanks { of } => Check::StatedTotalsWithBlanks { of },
            CheckDef::GroupFigures { unsplit } => Check::GroupFigures { unsplit },
            CheckDef::RequiredMeta { fields } => self.required_meta(fields),
            CheckDef::CellKinds => Check::CellKinds,
            CheckDef::EmptyCells => Check::EmptyCells,
            CheckDef::RestrictedToLevels { cells, levels } => Check::RestrictedToLevels {
                cells: self.cells(&cells),
                levels,
            },
            CheckDef::AtMost { pairs } => Check::AtMost {
                pairs: pairs.iter().filter_map(|p| self.at_most(p)).collect(),
            },
            CheckDef::YearConsistency => Check::YearConsistency,
            CheckDef::ProseClaims { claims } => Check::ProseClaims {
                claims: claims.into_iter().map(|c| self.claim(c)).collect(),
            },
            CheckDef::ThinParts {
                parts,
                placeholders,
            } => self.thin_parts(parts, placeholders),
            CheckDef::YearOnYear {
                figures,
                percent,
                min_change,
                change_words,
            } => Check::YearOnYear {
                figures: figures.into_iter().map(|f| self.year_figure(f)).collect(),
                percent,
                min_change,
                change_words,
            },
            CheckDef::TextLint { format_title } => Check::TextLint { format_title },
            CheckDef::FeeStatement { part, also_in } => self.fee_statement(part, also_in),
            CheckDef::BasisCitation { stale } => Check::BasisCitation { stale },
            CheckDef::RequiredParts { six_parts } => Check::RequiredParts { six_parts },
            CheckDef::Deadline { default, by_level } => self.deadline(default, by_level),
            CheckDef::NonZeroHint { row } => self.non_zero_hint(&row)?,
            CheckDef::CasesWithoutApplications {
                applications,
                cases,
            } => self.cases_without_applications(&applications, &cases),
            CheckDef::CarriedOver { this, last } => self.carried_over(&this, &last)?,
            def @ CheckDef::NarrativeFigures { .. } => self.narrative_figures(def)?,
            CheckDef::InForceAcrossYears { rows } => Check::InForceAcrossYears {
                rows: rows
                    .iter()
                    .filter_map(|row| self.in_force_row(row))
                    .collect(),
            },
            CheckDef::RepeatedText {
                parts,
                percent,
                min_chars,
            } => self.repeated_text(parts, percent, min_chars),
        })
    }

    /// R11: the quantities prose quotes and the cells they may be.
    fn narrative_figures(&mut self, def: CheckDef) -> Option<Check> {
        let CheckDef::NarrativeFigures {
            quantities,
            percent_base,
            other_percent_bases,
            upheld_words,
            not_upheld,
            none_received,
        } = def
        else {
            return None;
        };
        Some(Check::NarrativeFigures(NarrativeFigures {
            last_chars: last_chars(&quantities),
            quantities: quantities.into_iter().map(|q| self.quantity(q)).collect(),
            percent_base: self.cells_matching(&percent_base),
            other_percent_bases: other_percent_bases
                .into_iter()
                .map(|(name, cells)| (name, self.cells_matching(&cells)))
                .collect(),
            upheld_words,
            not_upheld: self.cells_matching(&not_upheld),
            none_received: self.cells_matching(&none_received),
        }))
    }

    /// R13: the part that must state fees, and the others that may.
    fn fee_statement(&mut self, part: String, also_in: Vec<String>) -> Check {
        self.parts_exist(std::iter::once(&part).chain(&also_in), false);
        Check::FeeStatement { part, also_in }
    }

    /// R18: the cells of applications and of cases.
    fn cases_without_applications(&mut self, applications: &[String], cases: &[String]) -> Check {
        Check::CasesWithoutApplications {
            applications: self.cells(applications),
            cases: self.cells(cases),
        }
    }

    /// E11: parts that must say something, each one the template has.
    fn thin_parts(&mut self, parts: Vec<(String, usize)>, placeholders: Vec<String>) -> Check {
        self.parts_exist(parts.iter().map(|(p, _)| p), false);
        Check::ThinParts {
            parts,
            placeholders,
        }
    }

    /// Metadata fields that must be filled in, each one the template knows.
    fn required_meta(&mut self, fields: Vec<String>) -> Check {
        for f in &fields {
            if crate::meta::Field::by_id(f).is_none() {
                self.problem(format!("规则{}引用了不存在的基本信息「{f}」", self.id));
            }
        }
        Check::RequiredMeta { fields }
    }

    /// R9: a cell and the cells whose sum it may not exceed.
    fn at_most(&mut self, pair: &schema::AtMostDef) -> Option<(CellIdx, Vec<CellIdx>)> {
        let cell = self.cell(&pair.cell);
        let limit = self.cells(&pair.limit);
        Some((cell?, limit))
    }

    /// C1: a key figure, its cells and the words that name it.
    fn year_figure(&mut self, f: schema::YearFigureDef) -> YearFigure {
        YearFigure {
            cells: self.cells(&f.cells),
            name: f.name,
            words: f.words,
        }
    }

    /// E9: parts or whole sections, and a share between 1% and 100%.
    fn repeated_text(&mut self, parts: Vec<String>, percent: u32, min_chars: usize) -> Check {
        self.parts_exist(&parts, true);
        if !(1..=100).contains(&percent) {
            self.problem(format!(
                "规则{}的比例 {percent}% 应在 1% 到 100% 之间",
                self.id
            ));
        }
        Check::RepeatedText {
            parts,
            percent,
            min_chars,
        }
    }

    /// R1: per column of the block holding all the rows, the cells of the left and the
    /// right rows.
    fn balance_columns(
        &mut self,
        table: &str,
        left: &[String],
        right: &[String],
    ) -> Option<Vec<BalanceColumn>> {
        let Some(t) = self.data.tables.iter().find(|t| t.id == table) else {
            self.problem(format!("规则{}引用了不存在的表格「{table}」", self.id));
            return None;
        };
        let has_all = |b: &&crate::template::Block| {
            left.iter()
                .chain(right)
                .all(|r| b.rows.iter().any(|row| &row.id == r))
        };
        let Some(block) = t.blocks.iter().find(has_all) else {
            self.problem(format!(
                "规则{}引用的行不在表格「{table}」的同一块中",
                self.id
            ));
            return None;
        };
        let row_idx = |r: &String| block.rows.iter().position(|row| &row.id == r);
        let cells = |rows: &[String], c: usize| -> Vec<CellIdx> {
            rows.iter()
                .filter_map(row_idx)
                .filter_map(|r| block.cell(r, c))
                .collect()
        };
        Some(
            block
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| BalanceColumn {
                    name: col.label.clone(),
                    left: cells(left, c),
                    right: cells(right, c),
                })
                .collect(),
        )
    }

    /// E2: a statement and the cells that must then be 0; its problem text may name only
    /// `{value}`.
    fn claim(&mut self, c: schema::ClaimDef) -> Claim {
        if let Some(name) = placeholder_names(&c.problem).find(|n| *n != "value") {
            self.problem(format!(
                "规则{}的说法「{}」中有未知的占位符「{{{name}}}」，可用：{{value}}",
                self.id, c.problem
            ));
        }
        Claim {
            cells: self.cells(&c.cells),
            phrases: c.phrases,
            negations: c.negations,
            subjects: c.subjects,
            unless: c.unless,
            problem: c.problem,
        }
    }

    /// R16: the deadline days, each checked to exist.
    fn deadline(
        &mut self,
        default: schema::MonthDay,
        by_level: Vec<schema::LevelDeadline>,
    ) -> Check {
        let days = std::iter::once((default.month, default.day))
            .chain(by_level.iter().map(|l| (l.month, l.day)));
        for (m, d) in days {
            if crate::date::Date::new(2001, m, d).is_none() {
                self.problem(format!("规则{}的期限 {m}月{d}日 不存在", self.id));
            }
        }
        Check::Deadline {
            default,
            by_level: by_level
                .into_iter()
                .map(|l| {
                    let day = schema::MonthDay {
                        month: l.month,
                        day: l.day,
                    };
                    (l.level, day)
                })
                .collect(),
        }
    }

    /// R17: the input cells of a row, and how messages name it.
    fn non_zero_hint(&mut self, row: &str) -> Option<Check> {
        let prefix = format!("{row}.");
        let data = self.data;
        let cells: Vec<CellIdx> = data
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.id.starts_with(&prefix) && c.is_input())
            .map(|(i, _)| i)
            .collect();
        let Some(&first) = cells.first() else {
            self.problem(format!("规则{}引用了不存在的行「{row}」", self.id));
            return None;
        };
        let c = &data.cells[first];
        let name = format!("{}「{}」", data.tables[c.table].name, c.row_name);
        Some(Check::NonZeroHint { cells, name })
    }

    /// R5: each input cell of this year's row with the id of last year's cell in its column.
    fn carried_over(&mut self, this: &str, last: &str) -> Option<Check> {
        let prefix = format!("{this}.");
        let data = self.data;
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
            self.problem(format!("规则{}引用了不存在的行「{this}」", self.id));
            return None;
        }
        // Last year's row is read from last year's draft, but a format names it as it
        // names its own: a typo would silently turn the rule off.
        if let Some((_, missing)) = cells.iter().find(|(_, id)| data.cell_idx(id).is_none()) {
            self.problem(format!("规则{}引用了不存在的单元格「{missing}」", self.id));
            return None;
        }
        Some(Check::CarriedOver { cells })
    }

    /// R11: a quantity the narrative may quote, its words longest first (结转下年度 before
    /// 结转).
    fn quantity(&mut self, q: schema::QuantityDef) -> Quantity {
        let mut words = q.words;
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        Quantity {
            name: q.name,
            words,
            context: q.context,
            is_category: q.category,
            not_before: q.not_before,
            skip_if: q.skip_if,
            skip_if_sentence: q.skip_if_sentence,
            sums: q.sums.iter().map(|s| self.cells_matching(s)).collect(),
        }
    }

    /// R10: a row's 本年制发, 本年废止 and 现行有效 cells (a row missing one is left out,
    /// its cells named as problems).
    fn in_force_row(&mut self, row: &str) -> Option<InForceRow> {
        let made = self.cell(&format!("{row}.made"));
        let repealed = self.cell(&format!("{row}.repealed"));
        let in_force = self.cell(&format!("{row}.in_force"));
        let (made, repealed, in_force) = (made?, repealed?, in_force?);
        let c = &self.data.cells[in_force];
        Some(InForceRow {
            name: format!("{}「{}」", self.data.tables[c.table].name, c.row_name),
            made,
            repealed,
            in_force,
        })
    }
}

/// The last characters of every quantity word, sorted (where a search for them starts).
fn last_chars(quantities: &[schema::QuantityDef]) -> Vec<char> {
    let mut chars: Vec<char> = quantities
        .iter()
        .flat_map(|q| &q.words)
        .filter_map(|w| w.chars().next_back())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
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
