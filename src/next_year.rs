//! Next year's draft from last year's: the metadata carried over, the year moved on, the
//! template for the new year (across the 2020→2021 format change too), and 上年结转 filled
//! with last year's 结转下年度, column by column. Last year's narrative is not copied: the
//! editor shows it beside this year's text, to be quoted paragraph by paragraph.
//! Pure: drafts in, draft out.

use crate::draft::{Draft, Meta};
use crate::engine::LastYear;
use crate::template::{self, Check, Template};

/// A new draft with what starting it did.
#[derive(Clone, Debug)]
pub struct NextYear {
    /// The template for the new year.
    pub template: Template,
    /// The new draft (not linked to a file yet: the caller sets `last_year`).
    pub draft: Draft,
    /// What was carried over and what was not, for the user.
    pub notes: Vec<String>,
}

/// Why no next year's draft can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NextYearError {
    /// The year after is beyond every embedded template.
    #[error("没有适用于{0}年度报告的内置格式")]
    NoTemplate(u16),
}

/// Starts next year's draft from last year's.
pub fn next_year(last_template: &Template, last: &Draft) -> Result<NextYear, NextYearError> {
    let year = last.meta.year.saturating_add(1);
    let template = template::for_year(year).ok_or(NextYearError::NoTemplate(year))?;
    let meta = Meta {
        agency: last.meta.agency.clone(),
        year,
        level: last.meta.level,
        published_on: String::new(),
        website: last.meta.website.clone(),
        contact: last.meta.contact.clone(),
    };
    let mut draft = Draft::new(&template, meta);
    let mut notes = Vec::new();
    if template.id != last_template.id {
        notes.push(format!(
            "{year}年度报告使用「{}」（{}），与上年的格式不同，请按新格式填写",
            template.name, template.basis.doc_number
        ));
    }
    let figures = LastYear::of(last_template, last);
    let mut carried = Vec::new();
    let mut missing = Vec::new();
    for rule in &template.rules {
        let Check::CarriedOver { cells } = &rule.check else {
            continue;
        };
        for (idx, last_id) in cells {
            let cell = &template.cells[*idx];
            match figures.values.get(last_id) {
                Some(value) => {
                    draft
                        .cells
                        .insert(cell.id.clone(), crate::draft::CellEntry::Number(*value));
                    carried.push(format!("{} {value}", cell.col_name));
                }
                None => missing.push(cell.col_name.clone()),
            }
        }
    }
    if !carried.is_empty() {
        notes.push(format!(
            "上年结转已按{}年度报告的结转下年度填入：{}",
            last.meta.year,
            carried.join("，")
        ));
    }
    if !missing.is_empty() {
        notes.push(format!(
            "上年报告的结转下年度以下各列为空，本年上年结转未填（不按0计）：{}",
            missing.join("、")
        ));
    }
    notes.push("正文没有复制：上年报告的正文可在编辑器中对照，逐段「引用此段」".to_owned());
    Ok(NextYear {
        template,
        draft,
        notes,
    })
}
