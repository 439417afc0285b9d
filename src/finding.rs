//! Findings: what the evaluation says about a draft, and what each one concerns.
//!
//! A leaf of the crate: the template names severities (a rule's default), the engine makes
//! findings, the review keeps verdicts on them and the edges show them.

use serde::Deserialize;

/// Index of a cell in its template's list of cells (template order).
pub type CellIdx = usize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Severity {
    /// An arithmetic identity is broken or a value is unusable: 错误.
    Error,
    /// Likely wrong; the user may confirm it: 警告.
    Warning,
    /// A hint: 提示.
    Info,
}

impl Severity {
    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "错误",
            Self::Warning => "警告",
            Self::Info => "提示",
        }
    }

    /// Lower-case English id, for JSON.
    pub fn id(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// What a finding concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A table cell.
    Cell(CellIdx),
    /// A narrative part, by id (`s6.body`).
    Part(String),
    /// A metadata field, by id (`meta.level`).
    Meta(String),
    /// An id the draft holds that the template does not know (D1).
    Unknown(String),
}

/// One problem or hint found in a draft: shared, so a copy costs a count, not a copy of
/// its texts (the editor's memo hands out the same findings evaluation after evaluation).
/// Its fields are read through [`FindingData`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding(std::sync::Arc<FindingData>);

/// What a [`Finding`] says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingData {
    /// How serious it is.
    pub severity: Severity,
    /// The rule: `R1` … `R18` (format-spec §5), `E4` (template for another year), or
    /// `D1` (an id the template does not know).
    pub rule: String,
    /// What it concerns, in template order.
    pub targets: Vec<Target>,
    /// The message in Chinese, naming rows and columns and showing the numbers.
    pub message: String,
    /// The values its message was filled with, by placeholder name (`cell` → 「…」,
    /// `stated` → `120`), in the order the check gave them; what a verdict is kept by.
    pub values: Vec<(&'static str, String)>,
}

impl From<FindingData> for Finding {
    fn from(data: FindingData) -> Self {
        Self(std::sync::Arc::new(data))
    }
}

impl std::ops::Deref for Finding {
    type Target = FindingData;

    fn deref(&self) -> &FindingData {
        &self.0
    }
}

impl Finding {
    /// The same finding at another severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        if self.severity != severity {
            std::sync::Arc::make_mut(&mut self.0).severity = severity;
        }
        self
    }
}

impl FindingData {
    /// A finding's value by placeholder name.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}
