//! The checks behind the template's rules, on table figures and metadata.
//! Narrative checks (R12–R15) are in `narrative`.

use super::facts::{Facts, finding, finding_for};
use super::{CellStatus, Finding, Severity, Target};
use crate::date::Date;
use crate::draft::CellEntry;
use crate::meta::{Field, Level, Meta};
use crate::number::Decimal;
use crate::template::{BalanceColumn, CellIdx, Check, MonthDay, Rule, Template};

/// R1: per column, the sum of the left rows equals the sum of the right rows, when every
/// cell of both has a value.
pub(super) fn balance(
    facts: &Facts<'_>,
    rule: &Rule,
    columns: &[BalanceColumn],
    out: &mut Vec<Finding>,
) {
    for column in columns {
        let (Some(left), Some(right)) = (facts.sum(&column.left), facts.sum(&column.right)) else {
            continue;
        };
        if left == right {
            continue;
        }
        balance_finding(facts, rule, column, (left, right), None, out);
    }
}

/// R1Z: the columns R1 cannot check (some cell blank, none unusable, something entered),
/// with the blanks read as 0; a column of totals only (总计) adds nothing to its columns'
/// checks.
pub(super) fn balance_blanks_as_zero(
    facts: &Facts<'_>,
    rule: &Rule,
    columns: &[BalanceColumn],
    out: &mut Vec<Finding>,
) {
    for column in columns {
        let terms: Vec<CellIdx> = column.left.iter().chain(&column.right).copied().collect();
        let all_totals = terms.iter().all(|&i| !facts.template.cells[i].is_input());
        if facts.sum(&terms).is_some() || all_totals {
            continue;
        }
        let (Some(left), Some(right)) = (
            facts.sum_blanks_as_zero(&column.left),
            facts.sum_blanks_as_zero(&column.right),
        ) else {
            continue;
        };
        let blanks = facts.blanks(&terms);
        let entered = terms.iter().any(|&i| facts.cells[i].value.is_some());
        if left == right || blanks == 0 || !entered {
            continue;
        }
        balance_finding(facts, rule, column, (left, right), Some(blanks), out);
    }
}

/// R2–R4: a total printed in an imported report against the sum of its cells.
pub(super) fn stated_totals(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for &(idx, stated) in facts.stated {
        let Some(formula) = &facts.template.cells[idx].formula else {
            continue;
        };
        let Some(computed) = facts.value(idx) else {
            continue;
        };
        if formula.rule == rule.id && stated != computed {
            out.push(finding(
                rule,
                vec![Target::Cell(idx)],
                &[
                    ("cell", facts.name(idx)),
                    ("stated", &stated.to_string()),
                    ("computed", &computed.to_string()),
                ],
            ));
        }
    }
}

/// D4 (`unsplit`): a row group printed as one row whose rows hold nothing yet, one
/// finding per group with the figures of its columns; D5: its rows in a column, all filled
/// in, against the printed figure.
pub(super) fn group_figures(facts: &Facts<'_>, rule: &Rule, unsplit: bool, out: &mut Vec<Finding>) {
    let mut unsplit_groups: Vec<(&str, Vec<CellIdx>, Vec<String>)> = Vec::new();
    for &(g, figure) in facts.groups {
        let group = &facts.template.group_cells[g];
        let is_empty = group.terms.iter().all(|&t| facts.cells[t].value.is_none());
        if unsplit {
            // The 总计 column is said with its own rows' check, once they are filled in.
            let is_input = group
                .terms
                .iter()
                .all(|&t| facts.template.cells[t].is_input());
            if !is_empty || !is_input {
                continue;
            }
            let listed = format!("{}{figure}", group.column);
            match unsplit_groups
                .iter_mut()
                .find(|(label, ..)| *label == group.group)
            {
                Some((_, terms, figures)) => {
                    terms.extend(&group.terms);
                    figures.push(listed);
                }
                None => unsplit_groups.push((&group.group, group.terms.clone(), vec![listed])),
            }
            continue;
        }
        let Some(sum) = facts.sum(&group.terms).filter(|&sum| sum != figure) else {
            continue;
        };
        out.push(finding(
            rule,
            group.terms.iter().map(|&t| Target::Cell(t)).collect(),
            &[
                ("group", &group.group),
                ("column", &group.column),
                ("stated", &figure.to_string()),
                ("computed", &sum.to_string()),
            ],
        ));
    }
    for (label, mut terms, figures) in unsplit_groups {
        terms.sort_unstable();
        out.push(finding(
            rule,
            terms.into_iter().map(Target::Cell).collect(),
            &[("group", label), ("figures", &figures.join("、"))],
        ));
    }
}

/// R2Z: a printed total over blank cells against the sum with the blanks read as 0.
pub(super) fn stated_totals_with_blanks(
    facts: &Facts<'_>,
    rule: &Rule,
    of: &[String],
    out: &mut Vec<Finding>,
) {
    for &(idx, stated) in facts.stated {
        let Some(formula) = &facts.template.cells[idx].formula else {
            continue;
        };
        let cell = facts.cells[idx];
        if !of.contains(&formula.rule)
            || cell.status != (CellStatus::Computed { is_complete: false })
        {
            continue;
        }
        let Some(partial) = facts.sum_blanks_as_zero(&formula.terms) else {
            continue;
        };
        let blanks = facts.blanks(&formula.terms);
        if stated != partial && blanks > 0 {
            out.push(finding(
                rule,
                vec![Target::Cell(idx)],
                &[
                    ("cell", facts.name(idx)),
                    ("stated", &stated.to_string()),
                    ("computed", &partial.to_string()),
                    ("blanks", &blanks.to_string()),
                ],
            ));
        }
    }
}

/// Metadata fields that must be filled in.
pub(super) fn required_meta(
    facts: &Facts<'_>,
    rule: &Rule,
    fields: &[String],
    out: &mut Vec<Finding>,
) {
    for field in fields {
        if facts.draft.meta.field(field).trim().is_empty() {
            out.push(finding(
                rule,
                vec![Target::Meta(field.clone())],
                &[("field", crate::meta::label(field))],
            ));
        }
    }
}

/// Cells holding something that is not a number fit for them, with what was typed.
pub(super) fn cell_kinds(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for (idx, reason) in facts.invalid {
        let text = facts
            .template
            .cells
            .get(*idx)
            .and_then(|c| facts.draft.cells.get(&c.id));
        let text = text.map(CellEntry::to_string).unwrap_or_default();
        out.push(finding(
            rule,
            vec![Target::Cell(*idx)],
            &[
                ("cell", facts.name(*idx)),
                ("text", &text),
                ("reason", &reason.to_string()),
            ],
        ));
    }
    for &idx in facts.overflowed {
        let targets = vec![Target::Cell(idx)];
        out.push(finding_for(
            rule,
            "overflow",
            targets,
            &[("total", facts.name(idx))],
        ));
    }
}

/// Per table, the input cells left empty, the first few named.
pub(super) fn empty_cells(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    const N_LISTED: usize = 3;
    // Cells a printed group figure stands for are said to be so by D4, not again here.
    let printed_as_one = |i: CellIdx| {
        facts
            .groups
            .iter()
            .any(|&(g, _)| facts.template.group_cells[g].terms.contains(&i))
    };
    for table in &facts.template.tables {
        let empty: Vec<CellIdx> = table
            .blocks
            .iter()
            .flat_map(|b| b.cells.iter().copied())
            .filter(|&i| {
                facts.template.cells[i].is_input()
                    && facts.cells[i].status == CellStatus::Empty
                    && !printed_as_one(i)
            })
            .collect();
        if empty.is_empty() {
            continue;
        }
        let listed: Vec<String> = empty
            .iter()
            .take(N_LISTED)
            .map(|&i| {
                let c = &facts.template.cells[i];
                format!("{} {}", c.row_name, c.col_name).trim().to_owned()
            })
            .collect();
        let more = if empty.len() > N_LISTED { "等" } else { "" };
        let number = facts.template.sections[table.section].number.clone();
        out.push(finding(
            rule,
            empty.iter().map(|&i| Target::Cell(i)).collect(),
            &[
                ("table", &number),
                ("count", &empty.len().to_string()),
                ("cells", &format!("{}{more}", listed.join("、"))),
            ],
        ));
    }
}

/// R8: figures only some levels of agency can have (规章), at another level.
pub(super) fn restricted_to_levels(
    facts: &Facts<'_>,
    rule: &Rule,
    cells: &[CellIdx],
    levels: &[Level],
    out: &mut Vec<Finding>,
) {
    let Some(level) = facts.draft.meta.level else {
        return;
    };
    if levels.contains(&level) {
        return;
    }
    for &idx in cells {
        if let Some(v) = facts.value(idx).filter(|v| !v.is_zero()) {
            out.push(finding(
                rule,
                vec![
                    Target::Cell(idx),
                    Target::Meta(Field::Level.id().to_owned()),
                ],
                &[
                    ("cell", facts.name(idx)),
                    ("value", &v.to_string()),
                    ("level", level.label()),
                ],
            ));
        }
    }
}

/// R9: a cell no larger than the sum of others.
pub(super) fn at_most(
    facts: &Facts<'_>,
    rule: &Rule,
    pairs: &[(CellIdx, Vec<CellIdx>)],
    out: &mut Vec<Finding>,
) {
    for (idx, limit) in pairs {
        let (Some(v), Some(max)) = (facts.value(*idx), facts.sum(limit)) else {
            continue;
        };
        if v > max {
            let targets = std::iter::once(idx)
                .chain(limit)
                .map(|&i| Target::Cell(i))
                .collect();
            out.push(finding(
                rule,
                targets,
                &[
                    ("cell", facts.name(*idx)),
                    ("value", &v.to_string()),
                    ("limit", &max.to_string()),
                ],
            ));
        }
    }
}

/// R17: a hint when a row has non-zero values.
pub(super) fn non_zero_hint(
    facts: &Facts<'_>,
    rule: &Rule,
    cells: &[CellIdx],
    name: &str,
    out: &mut Vec<Finding>,
) {
    let sum = cells
        .iter()
        .filter_map(|&i| facts.value(i))
        .try_fold(Decimal::ZERO, Decimal::checked_add);
    if let Some(sum) = sum.filter(|s| !s.is_zero()) {
        let targets = cells
            .iter()
            .filter(|&&i| facts.value(i).is_some_and(|v| !v.is_zero()));
        out.push(finding(
            rule,
            targets.map(|&i| Target::Cell(i)).collect(),
            &[("cell", name), ("value", &sum.to_string())],
        ));
    }
}

/// R18: no applications, yet review or litigation cases.
pub(super) fn cases_without_applications(
    facts: &Facts<'_>,
    rule: &Rule,
    applications: &[CellIdx],
    cases: &[CellIdx],
    out: &mut Vec<Finding>,
) {
    let Some(n_applications) = facts.sum(applications) else {
        return;
    };
    let n_cases = cases
        .iter()
        .filter_map(|&i| facts.value(i))
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .unwrap_or(Decimal::ZERO);
    if n_applications.is_zero() && !n_cases.is_zero() {
        let targets = applications
            .iter()
            .chain(cases)
            .map(|&i| Target::Cell(i))
            .collect();
        out.push(finding(rule, targets, &[("cases", &n_cases.to_string())]));
    }
}

/// R1 (or R1Z, blanks read as 0) for one column: both sides, their terms, the difference.
fn balance_finding(
    facts: &Facts<'_>,
    rule: &Rule,
    column: &BalanceColumn,
    (left, right): (Decimal, Decimal),
    blanks: Option<usize>,
    out: &mut Vec<Finding>,
) {
    let terms = |idxs: &[CellIdx]| {
        idxs.iter()
            .map(|&i| {
                let c = facts.cells[i];
                match (blanks, c.value) {
                    (Some(_), None) => "空".to_owned(),
                    (_, value) => value.map(|v| v.to_string()).unwrap_or_default(),
                }
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    let diff = left
        .checked_sub(right)
        .and_then(Decimal::checked_abs)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let targets = column
        .left
        .iter()
        .chain(&column.right)
        .map(|&i| Target::Cell(i))
        .collect();
    out.push(finding(
        rule,
        targets,
        &[
            ("column", &column.name),
            ("left", &left.to_string()),
            ("left_terms", &terms(&column.left)),
            ("right", &right.to_string()),
            ("right_terms", &terms(&column.right)),
            ("diff", &diff),
            ("blanks", &blanks.unwrap_or(0).to_string()),
        ],
    ));
}

/// R5: 上年结转 against last year's 结转下年度, column by column, when last year's draft
/// is linked and both figures are there (an empty cell is not a 0).
pub(super) fn carried_over(
    facts: &Facts<'_>,
    rule: &Rule,
    cells: &[(CellIdx, String)],
    out: &mut Vec<Finding>,
) {
    let Some(last) = facts.context.last_year else {
        return;
    };
    let year = facts.draft.meta.year;
    if last.year.checked_add(1) != Some(year) {
        let targets = cells.iter().map(|&(i, _)| Target::Cell(i)).collect();
        let values: &[(&'static str, &str)] = &[
            ("last_year", &last.year.to_string()),
            ("year", &year.to_string()),
            ("expected", &year.saturating_sub(1).to_string()),
        ];
        out.push(finding_for(rule, "other_year", targets, values));
        return;
    }
    let (agency, last_agency) = (facts.draft.meta.agency.trim(), last.agency.trim());
    if !agency.is_empty() && !last_agency.is_empty() && agency != last_agency {
        out.push(finding_for(
            rule,
            "other_agency",
            vec![Target::Meta(Field::Agency.id().to_owned())],
            &[("last_agency", last_agency), ("agency", agency)],
        ));
    }
    for (idx, last_id) in cells {
        let (Some(this), Some(before)) = (facts.value(*idx), last.values.get(last_id)) else {
            continue;
        };
        if this == *before {
            continue;
        }
        out.push(finding(
            rule,
            vec![Target::Cell(*idx)],
            &[
                ("cell", facts.name(*idx)),
                ("this", &this.to_string()),
                ("last", &before.to_string()),
                ("last_year", &last.year.to_string()),
            ],
        ));
    }
}

/// R10: 现行有效件数 = last year's + 本年制发 − 本年废止, when all four figures are there.
pub(super) fn in_force(
    facts: &Facts<'_>,
    rule: &Rule,
    rows: &[crate::template::InForceRow],
    out: &mut Vec<Finding>,
) {
    let Some(last) = facts.context.last_year else {
        return;
    };
    if last.year.checked_add(1) != Some(facts.draft.meta.year) {
        return;
    }
    let id = |idx: CellIdx| facts.template.cells.get(idx).map_or("", |c| c.id.as_str());
    for row in rows {
        let (Some(made), Some(repealed), Some(value), Some(before)) = (
            facts.value(row.made),
            facts.value(row.repealed),
            facts.value(row.in_force),
            last.values.get(id(row.in_force)),
        ) else {
            continue;
        };
        let Some(expected) = before
            .checked_add(made)
            .and_then(|v| v.checked_sub(repealed))
        else {
            continue;
        };
        if expected == value {
            continue;
        }
        out.push(finding(
            rule,
            vec![Target::Cell(row.in_force)],
            &[
                ("row", &row.name),
                ("value", &value.to_string()),
                ("last", &before.to_string()),
                ("made", &made.to_string()),
                ("repealed", &repealed.to_string()),
                ("expected", &expected.to_string()),
            ],
        ));
    }
}

/// The publication deadline for a report (R16), from the template's deadline rule.
pub fn deadline(template: &Template, meta: &Meta) -> Option<Date> {
    template.rules.iter().find_map(|rule| match &rule.check {
        Check::Deadline { default, by_level } => deadline_for(meta, *default, by_level),
        _ => None,
    })
}

fn deadline_for(meta: &Meta, default: MonthDay, by_level: &[(Level, MonthDay)]) -> Option<Date> {
    let day = meta
        .level
        .and_then(|level| by_level.iter().find(|(l, _)| *l == level).map(|(_, d)| *d))
        .unwrap_or(default);
    Date::new(i32::from(meta.year) + 1, day.month, day.day)
}

/// Days before the deadline from which a countdown is shown as a hint.
const DEADLINE_HINT_DAYS: i64 = 30;

pub(super) fn deadline_check(
    facts: &Facts<'_>,
    rule: &Rule,
    default: MonthDay,
    by_level: &[(Level, MonthDay)],
    out: &mut Vec<Finding>,
) {
    let meta = &facts.draft.meta;
    let Some(due) = deadline_for(meta, default, by_level) else {
        return;
    };
    let published = meta.published_on.trim();
    // The finding keeps the dates it is about (and the count of days, which a verdict does
    // not depend on: it changes every day); the dates in Chinese only word the message.
    let target = || vec![Target::Meta(Field::PublishedOn.id().to_owned())];
    if !published.is_empty() {
        let Some(date) = Date::parse(published) else {
            let values: &[(&'static str, &str)] =
                &[("due", &due.to_string()), ("published", published)];
            out.push(finding_for(rule, "unreadable", target(), values));
            return;
        };
        let year_end = Date::new(i32::from(meta.year) + 1, 1, 1);
        if year_end.is_some_and(|end| date < end) {
            let (year, next) = (
                meta.year.to_string(),
                (i32::from(meta.year) + 1).to_string(),
            );
            let values: &[(&'static str, &str)] = &[
                ("due", &due.to_string()),
                ("published", &date.to_string()),
                ("published_cn", &date.to_chinese()),
                ("year", &year),
                ("next_year", &next),
            ];
            out.push(finding_for(rule, "before_year_end", target(), values));
        } else if date > due {
            let days = due.days_until(date).to_string();
            let values: &[(&'static str, &str)] = &[
                ("due", &due.to_string()),
                ("published", &date.to_string()),
                ("days", &days),
                ("published_cn", &date.to_chinese()),
                ("due_cn", &due.to_chinese()),
            ];
            out.push(finding(rule, target(), values));
        }
        return;
    }
    let Some(today) = facts.context.today else {
        return;
    };
    let n_days = today.days_until(due);
    if n_days < 0 {
        let days = (-n_days).to_string();
        let due_cn = due.to_chinese();
        let values: &[(&'static str, &str)] = &[
            ("due", &due.to_string()),
            ("days", &days),
            ("due_cn", &due_cn),
        ];
        out.push(finding_for(rule, "overdue", target(), values));
    } else if n_days <= DEADLINE_HINT_DAYS {
        // A reminder, not a problem: a hint whatever the rule's severity.
        let days = n_days.to_string();
        let due_cn = due.to_chinese();
        let values: &[(&'static str, &str)] = &[
            ("due", &due.to_string()),
            ("days", &days),
            ("due_cn", &due_cn),
        ];
        out.push(finding_for(rule, "soon", target(), values).with_severity(Severity::Info));
    }
}

/// E4: the template must be the one for the report year (a 2019-format table in a 2021+
/// report is a known error).
pub(super) fn template_year(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let template = facts.template;
    let year = facts.draft.meta.year;
    if template.years.contains(year) {
        return;
    }
    let expected = facts
        .context
        .formats
        .iter()
        .find(|t| t.years.contains(year))
        .map(|t| format!("「{}」（{}）", t.name, t.basis.doc_number))
        .unwrap_or_else(|| "对应年度的格式".to_owned());
    out.push(finding(
        rule,
        vec![Target::Meta(Field::Year.id().to_owned())],
        &[
            ("year", &year.to_string()),
            ("template", &template.id),
            ("expected", &expected),
            ("name", &template.name),
        ],
    ));
}

/// D1: ids the draft holds that the template does not know (cells, printed totals and
/// texts); their contents are kept as they are.
pub(super) fn unknown_ids(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let template = facts.template;
    let mut unknown: Vec<&str> = facts.unknown.to_vec();
    unknown.extend(
        facts
            .draft
            .texts
            .keys()
            .map(String::as_str)
            .filter(|id| template.part(id).is_none()),
    );
    if unknown.is_empty() {
        return;
    }
    let targets = unknown
        .iter()
        .map(|id| Target::Unknown((*id).to_owned()))
        .collect();
    out.push(finding(
        rule,
        targets,
        &[
            ("ids", &unknown.join("、")),
            ("count", &unknown.len().to_string()),
            ("template", &template.name),
        ],
    ));
}

/// D2: values written into computed cells (totals are computed, never entered).
pub(super) fn computed_entered(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    for &idx in facts.computed_entered {
        out.push(finding(
            rule,
            vec![Target::Cell(idx)],
            &[("cell", facts.name(idx))],
        ));
    }
}

/// D3: in a consolidated report, each cell that some units left empty while others
/// filled it, naming those units, in template order.
pub(super) fn partly_empty(facts: &Facts<'_>, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(consolidation) = &facts.draft.consolidation else {
        return;
    };
    let mut cells: Vec<(CellIdx, &crate::draft::PartlyEmpty)> = consolidation
        .partly_empty
        .iter()
        .filter_map(|(id, empty)| Some((facts.template.cell_idx(id)?, empty)))
        .collect();
    cells.sort_by_key(|(idx, _)| *idx);
    for (idx, empty) in cells {
        let more = if empty.count > empty.units.len() {
            "等"
        } else {
            ""
        };
        let units = empty.units.join("、");
        out.push(finding(
            rule,
            vec![Target::Cell(idx)],
            &[
                ("cell", facts.name(idx)),
                ("count", &empty.count.to_string()),
                ("units", &units),
                ("more", more),
            ],
        ));
    }
}
