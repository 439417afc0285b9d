//! Reading a published report back into a draft. Partial success is data: whatever is
//! read becomes the draft, and an [`ImportReport`] says what was read, what needed
//! interpreting and what was not found. Pure: bytes or text in, draft out.

mod text;

pub use text::text;

use std::fmt;

use crate::draft::Draft;

/// A draft read from a published report, with what the reading found.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The draft: metadata, narrative, cells, and printed totals in `stated`.
    pub draft: Draft,
    /// What was read and what was not.
    pub report: ImportReport,
}

/// What an import did, for the user to check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Cells read, as (cell id, text as printed), in template order.
    pub cells_read: Vec<(String, String)>,
    /// Values that needed interpreting («「/」按空白处理»).
    pub interpreted: Vec<String>,
    /// Sections and tables not found, and rows read incompletely.
    pub missing: Vec<String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "导入报告")?;
        writeln!(f, "读取单元格：{}个", self.cells_read.len())?;
        for (title, items) in [
            ("需要说明的数值", &self.interpreted),
            ("未找到或不完整", &self.missing),
        ] {
            if items.is_empty() {
                continue;
            }
            writeln!(f, "{title}：")?;
            for item in items {
                writeln!(f, "  {item}")?;
            }
        }
        for (id, text) in &self.cells_read {
            writeln!(f, "  {id} = {text}")?;
        }
        Ok(())
    }
}
