//! 从台账生成表三: table 三 tallied from the register (台账) of applications, one row per
//! application, every count traceable to the register's rows.
//!
//! Pure: a sheet's rows of text in ([`crate::import::sheet`]), a tally out. Which column
//! is which is a [`Mapping`], by header text (so next year's register, its columns moved,
//! still reads): guessed from the headers and the values ([`guess`]), shown to the user to
//! confirm or change, and saved as RON for next year. The template says which rows are
//! counted and which words name its columns ([`crate::template::Register`]).
//!
//! Per applicant column: 本年新收 = received in the year; 上年结转 = received before it and
//! not closed before it; each result row = closed in the year with that outcome; 结转下年度
//! = received by the year's end and not closed by it. R1 then holds by construction. A row
//! that cannot be counted (no date, a date that cannot be read or is far off, an applicant
//! type or outcome that matches nothing, closed before it was received) is listed with the
//! reason and left out of every count; nothing is guessed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::template::{Outcome, Register, Template};
use crate::text::{compact, label_key};

/// Which register column plays which part, by header text, and what its values mean.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    /// 收到申请日期's header.
    pub received: String,
    /// 申请人类型's header.
    pub applicant: String,
    /// 办理结果's header.
    pub outcome: String,
    /// 办结/答复日期's header (its cells are empty while an application is open).
    pub closed: String,
    /// Applicant types as the register writes them → table 三's column key (`natural`).
    pub applicants: BTreeMap<String, String>,
    /// Outcomes as the register writes them → table 三's row id (`r3_1`).
    pub outcomes: BTreeMap<String, String>,
}

impl Mapping {
    /// The mapping saved as RON (`mapping.ron`).
    ///
    /// # Errors
    /// The serializer's message (it does not fail on a mapping).
    pub fn to_ron(&self) -> Result<String, String> {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("    ".to_owned())
            .new_line("\n".to_owned());
        ron::ser::to_string_pretty(self, config).map_err(|e| e.to_string())
    }

    /// A mapping saved before.
    ///
    /// # Errors
    /// Where the text is not a mapping, in Chinese.
    pub fn from_ron(text: &str) -> Result<Self, String> {
        ron::Options::default()
            .from_str(text)
            .map_err(|e| format!("对应关系文件第{}行有误：{}", e.span.start.line, e.code))
    }
}

/// Why the register cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    /// Occurs when the template has no register settings.
    #[error("报告格式「{0}」没有台账设置，无法从台账生成表三")]
    NoRegister(String),
    /// Occurs when the register has no header row with the needed columns.
    #[error("台账中找不到「{0}」一列（表头应有如 {1} 的文字），请在对应关系中指定")]
    MissingColumn(&'static str, String),
}

/// Where a mapping's columns are in a register: the header row and each column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    header: usize,
    received: usize,
    applicant: usize,
    outcome: usize,
    closed: usize,
}

/// The mapping guessed from the register: the header row is the one among the first ten
/// that names the most of the four columns; each value of the applicant and outcome
/// columns is matched to table 三 where the match is unambiguous (the rest are left for
/// the user, and their rows are rejected until they are mapped).
///
/// # Errors
/// [`TallyError`] naming the column that cannot be found.
pub fn guess(template: &Template, rows: &[Vec<String>]) -> Result<Mapping, TallyError> {
    let register = spec(template)?;
    let headers = &register.headers;
    let roles: [(&str, &[String]); 4] = [
        ("收到申请日期", &headers.received),
        ("申请人类型", &headers.applicant),
        ("办理结果", &headers.outcome),
        ("办结日期", &headers.closed),
    ];
    let header_row = rows
        .iter()
        .take(10)
        .enumerate()
        .max_by_key(|(i, row)| {
            let named = roles
                .iter()
                .filter(|(_, words)| find_column(row, words).is_some())
                .count();
            (named, std::cmp::Reverse(*i))
        })
        .map_or(0, |(i, _)| i);
    let header = rows.get(header_row).map_or(&[][..], Vec::as_slice);
    let mut names = Vec::new();
    for (role, words) in roles {
        let col = find_column(header, words)
            .ok_or_else(|| TallyError::MissingColumn(role, words.join("、")))?;
        names.push(header[col].trim().to_owned());
    }
    let mut mapping = Mapping {
        received: names[0].clone(),
        applicant: names[1].clone(),
        outcome: names[2].clone(),
        closed: names[3].clone(),
        ..Mapping::default()
    };
    let columns = columns(rows, &mapping)
        .ok_or_else(|| TallyError::MissingColumn("收到申请日期", headers.received.join("、")))?;
    for row in rows.iter().skip(columns.header + 1) {
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        let applicant = cell(columns.applicant);
        if !applicant.is_empty()
            && !mapping.applicants.contains_key(applicant)
            && let Some(key) = match_applicant(register, applicant)
        {
            mapping.applicants.insert(applicant.to_owned(), key);
        }
        let outcome = cell(columns.outcome);
        if !outcome.is_empty()
            && !mapping.outcomes.contains_key(outcome)
            && let Some(id) = match_outcome(&register.outcomes, outcome)
        {
            mapping.outcomes.insert(outcome.to_owned(), id);
        }
    }
    Ok(mapping)
}

fn spec(template: &Template) -> Result<&Register, TallyError> {
    template
        .register
        .as_ref()
        .ok_or_else(|| TallyError::NoRegister(template.name.clone()))
}

/// The column whose header is one of the words, or (failing that) contains one.
fn find_column(header: &[String], words: &[String]) -> Option<usize> {
    let header: Vec<String> = header.iter().map(|h| compact(h)).collect();
    header
        .iter()
        .position(|h| words.iter().any(|w| h == w))
        .or_else(|| {
            header
                .iter()
                .position(|h| !h.is_empty() && words.iter().any(|w| h.contains(w.as_str())))
        })
}

/// The mapping's columns in this register: the first row that has all four headers.
fn columns(rows: &[Vec<String>], mapping: &Mapping) -> Option<Columns> {
    rows.iter().enumerate().take(20).find_map(|(i, row)| {
        let at = |name: &str| {
            let name = compact(name);
            row.iter().position(|h| compact(h) == name)
        };
        Some(Columns {
            header: i,
            received: at(&mapping.received)?,
            applicant: at(&mapping.applicant)?,
            outcome: at(&mapping.outcome)?,
            closed: at(&mapping.closed)?,
        })
    })
}

/// The applicant column a register's value names: a column's own name, or one of its
/// words, the longest that the value contains (「律师事务所」 before 「其他」).
fn match_applicant(register: &Register, value: &str) -> Option<String> {
    let value = compact(value);
    if let Some(a) = register
        .applicants
        .iter()
        .find(|a| compact(&a.name) == value)
    {
        return Some(a.key.clone());
    }
    register
        .applicants
        .iter()
        .flat_map(|a| a.words.iter().map(move |w| (a, w)))
        .filter(|(_, w)| value == **w || value.contains(w.as_str()))
        .max_by_key(|(_, w)| w.chars().count())
        .map(|(a, _)| a.key.clone())
}

/// The result row a register's outcome names, when exactly one does: its name
/// (「部分公开」, 「（二）部分公开」), its group and name (「不予公开-国家秘密」), or a name
/// that contains the value or is contained in it (「信访举报投诉类」).
fn match_outcome(outcomes: &[Outcome], value: &str) -> Option<String> {
    let value = label_key(value);
    if value.is_empty() {
        return None;
    }
    // A group named in the value narrows the rows to its own, and is taken out.
    let groups: Vec<String> = outcomes.iter().map(|o| label_key(&o.parent)).collect();
    let group = groups
        .iter()
        .filter(|g| !g.is_empty() && value.contains(g.as_str()))
        .max_by_key(|g| g.len())
        .cloned();
    let rest = group
        .as_deref()
        .map_or(value.clone(), |g| value.replacen(g, "", 1));
    let candidates: Vec<(&Outcome, String)> = outcomes
        .iter()
        .zip(&groups)
        .filter(|(_, g)| group.as_ref().is_none_or(|want| *g == want))
        .map(|(o, _)| (o, label_key(&o.label)))
        .collect();
    let key = |name: &str| name.strip_prefix("属于").unwrap_or(name).to_owned();
    let unique = |found: Vec<&Outcome>| -> Option<String> {
        match found.as_slice() {
            [one] => Some(one.id.clone()),
            _ => None,
        }
    };
    if rest.is_empty() {
        // Only a group: a group of one row (2019's 其他处理) is that row.
        return unique(candidates.iter().map(|(o, _)| *o).collect());
    }
    // The first of these tiers that names any row decides: the name itself, the name
    // within the value, the value within the name.
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|name| name == rest || key(name) == rest,
        &|name| key(name).chars().count() >= 2 && rest.contains(&key(name)),
        &|name| rest.chars().count() >= 3 && name.contains(&rest),
    ];
    for matches in tiers {
        let found: Vec<&Outcome> = candidates
            .iter()
            .filter(|(_, name)| matches(name))
            .map(|(o, _)| *o)
            .collect();
        if !found.is_empty() {
            return unique(found);
        }
    }
    None
}

/// A register row left out of every count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Its row number in the sheet (1-based, as the spreadsheet shows it).
    pub row: usize,
    /// Why, in Chinese.
    pub reason: String,
}

/// Table 三 tallied: each input cell of the rows counted, with the register rows it counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cell id (`t3.new_received.natural`) → the register rows counted in it (1-based,
    /// ascending); every cell of the tallied rows is here, an empty list being 0.
    pub cells: BTreeMap<String, Vec<usize>>,
    /// Rows left out, with the reason.
    pub rejected: Vec<Rejected>,
    /// Rows counted somewhere (an application received after the year, or closed before
    /// it, counts nowhere and is neither).
    pub n_counted: usize,
}

impl Tally {
    /// Sets each tallied cell of `draft` to its count (a 0 where no row counts).
    pub fn apply_to(&self, draft: &mut crate::draft::Draft) {
        for (id, rows) in &self.cells {
            draft.set_cell(id, &rows.len().to_string());
        }
    }
}

/// Whether the mapping's four columns are all in this register (a mapping saved for
/// another register may not be).
pub fn fits(rows: &[Vec<String>], mapping: &Mapping) -> bool {
    columns(rows, mapping).is_some()
}

/// The applicant types the register writes, and the outcomes of the rows it says are
/// closed (an open row counts as 结转下年度 and needs no outcome), each once, sorted: what
/// a mapping assigns.
pub fn values(rows: &[Vec<String>], mapping: &Mapping) -> (Vec<String>, Vec<String>) {
    let Some(columns) = columns(rows, mapping) else {
        return (Vec::new(), Vec::new());
    };
    let body = || rows.iter().skip(columns.header + 1);
    let cell = |r: &Vec<String>, col: usize| r.get(col).map_or("", |c| c.trim()).to_owned();
    let applicants: std::collections::BTreeSet<String> = body()
        .map(|r| cell(r, columns.applicant))
        .filter(|v| !v.is_empty())
        .collect();
    let outcomes: std::collections::BTreeSet<String> = body()
        .filter(|r| !cell(r, columns.closed).is_empty())
        .map(|r| cell(r, columns.outcome))
        .filter(|v| !v.is_empty())
        .collect();
    (
        applicants.into_iter().collect(),
        outcomes.into_iter().collect(),
    )
}

/// The applicant types and the outcomes (of closed rows) the register writes that the
/// mapping does not map, each once, sorted: their rows are left out until the user assigns
/// them.
pub fn unmatched(rows: &[Vec<String>], mapping: &Mapping) -> (Vec<String>, Vec<String>) {
    let (applicants, outcomes) = values(rows, mapping);
    (
        applicants
            .into_iter()
            .filter(|v| !mapping.applicants.contains_key(v))
            .collect(),
        outcomes
            .into_iter()
            .filter(|v| !mapping.outcomes.contains_key(v))
            .collect(),
    )
}

/// What a register's row says, once read.
struct Application {
    received: Date,
    closed: Option<Date>,
    column: String,
    outcome: Option<String>,
}

/// Tallies table 三 for `year` from the register's rows.
///
/// # Errors
/// [`TallyError`] when the template has no register settings or the mapping's columns
/// are not in the register.
pub fn tally(
    template: &Template,
    rows: &[Vec<String>],
    mapping: &Mapping,
    year: u16,
) -> Result<Tally, TallyError> {
    let register = spec(template)?;
    let columns = columns(rows, mapping)
        .ok_or_else(|| TallyError::MissingColumn("收到申请日期", mapping.received.clone()))?;
    let mut counter = Counter::new(template, register, year);
    for (i, row) in rows.iter().enumerate().skip(columns.header + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // Row numbers as the spreadsheet shows them.
        let number = i + 1;
        let counted = read_application(row, columns, mapping, year)
            .and_then(|app| counter.count(&app, number));
        match counted {
            Ok(true) => counter.tally.n_counted += 1,
            Ok(false) => {}
            Err(reason) => counter.tally.rejected.push(Rejected {
                row: number,
                reason,
            }),
        }
    }
    Ok(counter.tally)
}

/// The tally as it is counted.
struct Counter<'t> {
    template: &'t Template,
    register: &'t Register,
    start: Date,
    end: Date,
    tally: Tally,
}

impl<'t> Counter<'t> {
    /// Every input cell of the tallied rows, each with no register row yet.
    fn new(template: &'t Template, register: &'t Register, year: u16) -> Self {
        let start = Date::new(i32::from(year), 1, 1).unwrap_or(Date::from_days_since_epoch(0));
        let end = Date::new(i32::from(year), 12, 31).unwrap_or(start);
        let mut counter = Self {
            template,
            register,
            start,
            end,
            tally: Tally::default(),
        };
        let rows = [
            register.received,
            register.carried_over,
            register.carried_forward,
        ]
        .into_iter()
        .chain(register.outcomes.iter().map(|o| o.row));
        for r in rows {
            for a in &register.applicants {
                let id = counter.cell_id(r, a.col);
                counter.tally.cells.insert(id, Vec::new());
            }
        }
        counter
    }

    fn cell_id(&self, row: usize, col: usize) -> String {
        let block = &self.template.tables[self.register.table].blocks[self.register.block];
        block
            .cell(row, col)
            .map(|i| self.template.cells[i].id.clone())
            .unwrap_or_default()
    }

    /// Counts an application in its cells; `Ok(false)` when it counts nowhere (received
    /// after the year, or closed before it).
    fn count(&mut self, app: &Application, number: usize) -> Result<bool, String> {
        let register = self.register;
        let (start, end) = (self.start, self.end);
        let col = register
            .applicants
            .iter()
            .find(|a| a.key == app.column)
            .map(|a| a.col)
            .ok_or_else(|| format!("申请人类型对应的列「{}」不在表三中", app.column))?;
        let closed_in_year = app.closed.is_some_and(|c| c >= start && c <= end);
        let outcome = match (&app.outcome, closed_in_year) {
            (Some(id), true) => Some(
                register
                    .outcomes
                    .iter()
                    .find(|o| o.id == *id)
                    .map(|o| o.row)
                    .ok_or_else(|| format!("办理结果对应的行「{id}」不在表三中"))?,
            ),
            (None, true) => return Err("本年已办结，但办理结果未对应表三的任何一行".to_owned()),
            (_, false) => None,
        };
        let mut rows = Vec::new();
        if app.received >= start && app.received <= end {
            rows.push(register.received);
        }
        if app.received < start && app.closed.is_none_or(|c| c >= start) {
            rows.push(register.carried_over);
        }
        rows.extend(outcome);
        if app.received <= end && app.closed.is_none_or(|c| c > end) {
            rows.push(register.carried_forward);
        }
        for &r in &rows {
            let id = self.cell_id(r, col);
            if let Some(list) = self.tally.cells.get_mut(&id) {
                list.push(number);
            }
        }
        Ok(!rows.is_empty())
    }
}

/// One register row read, or why it cannot be counted.
fn read_application(
    row: &[String],
    columns: Columns,
    mapping: &Mapping,
    year: u16,
) -> Result<Application, String> {
    let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
    let sensible = |d: Date| d.year >= 2000 && d.year <= i32::from(year) + 1;
    let received_text = cell(columns.received);
    if received_text.is_empty() {
        return Err(format!("没有{}", mapping.received));
    }
    let received = parse_date(received_text)
        .ok_or_else(|| format!("{}「{received_text}」无法识别", mapping.received))?;
    if !sensible(received) {
        return Err(format!(
            "{}「{received_text}」不在合理的范围内",
            mapping.received
        ));
    }
    let closed_text = cell(columns.closed);
    let closed = if closed_text.is_empty() {
        None
    } else {
        let closed = parse_date(closed_text)
            .ok_or_else(|| format!("{}「{closed_text}」无法识别", mapping.closed))?;
        if !sensible(closed) {
            return Err(format!(
                "{}「{closed_text}」不在合理的范围内",
                mapping.closed
            ));
        }
        if closed < received {
            return Err(format!(
                "{}{closed}早于{}{received}",
                mapping.closed, mapping.received
            ));
        }
        Some(closed)
    };
    let applicant = cell(columns.applicant);
    let column = mapping.applicants.get(applicant).cloned().ok_or_else(|| {
        if applicant.is_empty() {
            format!("没有{}", mapping.applicant)
        } else {
            format!("{}「{applicant}」未对应表三的任何一列", mapping.applicant)
        }
    })?;
    let outcome = mapping.outcomes.get(cell(columns.outcome)).cloned();
    Ok(Application {
        received,
        closed,
        column,
        outcome,
    })
}

/// A date as registers write it ([`Date::parse_loose`]).
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse_loose(text)
}
