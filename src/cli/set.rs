//! `set`: cells, texts, metadata and the link to last year's draft, each `id=value` checked before any is applied.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::args::SetArgs;
use super::{open, read_text_file, refuse_final, save};
use crate::draft::{CellEntry, Draft};
use crate::meta::{Field, Meta};
use crate::number::parse_number;
use crate::storage;
use crate::template::Template;

/// One `id=value` of `set`, checked and ready to apply.
enum Change {
    Cell(String, Option<CellEntry>),
    Text(String, String),
    Meta(Box<dyn FnOnce(&mut Meta)>),
    /// The link to last year's draft (R5, R10, E9), as the draft keeps it; `None` unlinks.
    LastYear(Option<String>),
}

pub(super) fn set(args: &SetArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (path, assignments) = (args.draft.as_path(), &args.assignments);
    let (template, mut draft) = open(path, args.template.as_deref())?;
    refuse_final(path, &draft)?;
    // Check every assignment before changing anything: a bad one leaves the file untouched.
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for assignment in assignments {
        let found = match assignment.split_once('=') {
            Some((id, last)) if id.trim() == "last_year" => link_last_year(path, &draft, last),
            _ => change(&template, assignment),
        };
        match found {
            Ok(c) => changes.push(c),
            Err(e) => problems.push(format!("{assignment}：{e:#}")),
        }
    }
    if !problems.is_empty() {
        bail!("未作任何修改，文件保持原样：\n  {}", problems.join("\n  "));
    }
    for change in changes {
        match change {
            Change::Cell(id, Some(entry)) => {
                draft.cells.insert(id, entry);
            }
            Change::Cell(id, None) => {
                draft.cells.remove(&id);
            }
            Change::Text(id, text) => draft.set_text(&id, &text),
            Change::Meta(apply) => apply(&mut draft.meta),
            Change::LastYear(link) => draft.last_year = link,
        }
    }
    save(path, &draft, &template)?;
    writeln!(out, "已修改{}项：{}", assignments.len(), path.display())?;
    Ok(ExitCode::SUCCESS)
}

/// `last_year=FILE`: the draft of the year before, checked to open and to be that year's;
/// `last_year=empty` unlinks.
fn link_last_year(path: &Path, draft: &Draft, last: &str) -> anyhow::Result<Change> {
    let last = last.trim();
    if last == "empty" {
        return Ok(Change::LastYear(None));
    }
    if last.is_empty() {
        bail!("值为空；要取消关联请写 last_year=empty");
    }
    let last_path = Path::new(last);
    let (_, last_draft) = storage::open_draft(last_path, None)?;
    let year = draft.meta.year;
    if last_draft.meta.year.checked_add(1) != Some(year) {
        bail!(
            "「{}」是{}年度的报告，不是本报告（{year}年度）的上一年度",
            last_path.display(),
            last_draft.meta.year
        );
    }
    Ok(Change::LastYear(Some(storage::link_to(path, last_path))))
}

fn change(template: &Template, assignment: &str) -> anyhow::Result<Change> {
    let Some((id, value)) = assignment.split_once('=') else {
        bail!("应写成 编号=值");
    };
    let id = id.trim();
    let is_clear = value == "empty";
    if value.trim().is_empty() {
        bail!("值为空；要清空请写 {id}=empty");
    }
    if id.starts_with("meta.") {
        let field = Field::by_id(id)
            .ok_or_else(|| anyhow!("未知的基本信息编号「{id}」，可用：{}", Field::ids()))?;
        let value = if is_clear { "" } else { value };
        // Checked now, applied with the other changes.
        Meta::default().set(field, value).map_err(|e| anyhow!(e))?;
        let value = value.to_owned();
        return Ok(Change::Meta(Box::new(move |m| {
            // Checked above, so it cannot fail here.
            let _checked = m.set(field, &value);
        })));
    }
    if template.part(id).is_some() {
        let text = if is_clear {
            String::new()
        } else if let Some(file) = value.strip_prefix('@').filter(|v| !v.starts_with('@')) {
            read_text_file(Path::new(file))?
        } else {
            // 「@@…」 writes a literal 「@…」.
            value.strip_prefix('@').unwrap_or(value).to_owned()
        };
        return Ok(Change::Text(id.to_owned(), text));
    }
    let Some(idx) = template.cell_idx(id) else {
        let hint = closest_id(template, id)
            .map(|s| format!("，您是否要填「{s}」？"))
            .unwrap_or_default();
        bail!("模板中没有编号「{id}」{hint}");
    };
    let cell = &template.cells[idx];
    if !cell.is_input() {
        bail!("「{}」是自动计算的合计，不能填写", cell.name);
    }
    if is_clear {
        return Ok(Change::Cell(id.to_owned(), None));
    }
    let number = parse_number(value).map_err(|e| anyhow!("「{value}」{e}"))?;
    if let Some(n) = number {
        cell.kind
            .check(n)
            .map_err(|e| anyhow!("「{}」{e}", value.trim()))?;
    }
    Ok(Change::Cell(id.to_owned(), number.map(CellEntry::Number)))
}

/// The known id nearest to a mistyped one, if any is close.
fn closest_id<'a>(template: &'a Template, id: &str) -> Option<&'a str> {
    let ids = template
        .cells
        .iter()
        .filter(|c| c.is_input())
        .map(|c| c.id.as_str())
        .chain(template.parts().map(|p| p.id.as_str()));
    ids.map(|candidate| (crate::text::edit_distance(id, candidate), candidate))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c)
}
