//! nianbao (年报): drafting the yearly 政府信息公开工作年度报告.
//!
//! The crate is a pure core with thin edges (see ARCHITECTURE.md):
//! - [`template`]: the mandated format as data, loaded and checked;
//! - [`meta`]: 基本信息, its fields and ids, and 机关层级;
//! - [`draft`]: the file a user saves;
//! - [`finding`]: findings, their severity and what they concern;
//! - [`engine`]: `evaluate(&Template, &Draft) -> Evaluation`, every total and finding;
//! - [`export`]: the report as DOCX, PDF (feature `pdf`), HTML, plain text and TSV (bytes
//!   out, no files); [`fonts`]: the bundled fonts' bytes;
//! - [`import`]: a published report read back into a draft (bytes in, no files);
//! - [`merge`]: 汇总下级报告, the units' drafts summed into the 本级政府 report;
//! - [`tally`]: table 三 tallied from the register (台账) of applications;
//! - [`next_year`]: next year's draft from last year's (上年结转, metadata);
//! - [`review`]: verdicts on findings by fingerprint, comments, the 已审阅 baseline, diffs;
//! - [`number`], [`date`]: exact numbers and calendar dates used by the above;
//! - [`audit`]: 审查已发布年报, many published reports checked at once, into a workbook;
//! - [`progress`]: how far long work has got, and its 取消, shared across threads;
//! - [`storage`], [`system`]: atomic file saves, the date and the data folder, for the edges;
//! - [`cli`]: the headless command line; `gui` (feature `gui`): the desktop editor.

pub mod audit;
pub mod date;
pub mod draft;
pub mod engine;
pub mod export;
pub mod finding;
pub mod fonts;
pub mod import;
pub mod merge;
pub mod meta;
pub mod next_year;
pub mod number;
pub mod progress;
pub mod review;
pub mod tally;
pub mod template;
pub mod text;

pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
pub mod storage;
pub mod system;
