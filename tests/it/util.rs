//! Shared helpers: the seed drafts, finding summaries, temporary folders.

use std::path::{Path, PathBuf};

use nianbao::draft::Draft;
use nianbao::engine::{Evaluation, Finding};
use nianbao::template::{self, Template};

pub(crate) const SEED_000: &str = include_str!("../data/seed-000.nianbao");
pub(crate) const SEED_002: &str = include_str!("../data/seed-002.nianbao");
pub(crate) const SEED_003: &str = include_str!("../data/seed-003.nianbao");
pub(crate) const SEED_004: &str = include_str!("../data/seed-004.nianbao");

/// A seed draft and its (embedded) template.
pub(crate) fn seed(ron: &str) -> (Template, Draft) {
    let draft = Draft::from_ron(ron).expect("seed draft loads");
    let template = template::builtin_by_id(&draft.template).expect("seed template is embedded");
    (template, draft)
}

/// A seed draft exported as a Word file.
pub(crate) fn docx_of(ron: &str) -> Vec<u8> {
    let (template, draft) = seed(ron);
    let evaluation = nianbao::engine::evaluate(&template, &draft);
    let report = nianbao::export::Report {
        template: &template,
        draft: &draft,
        evaluation: &evaluation,
    };
    nianbao::export::docx(&report, &nianbao::export::DocxOptions::default()).expect("exports")
}

/// A finding as `RULE [ids]`, for compact assertions.
pub(crate) fn summary(template: &Template, f: &Finding) -> String {
    let ids: Vec<&str> = f.targets.iter().map(|t| template.target_id(t)).collect();
    format!("{} [{}]", f.rule, ids.join(" "))
}

/// Findings of `rule`.
pub(crate) fn of_rule<'a>(e: &'a Evaluation, rule: &str) -> Vec<&'a Finding> {
    e.findings.iter().filter(|f| f.rule == rule).collect()
}

/// A fresh, empty folder under the system's temporary folder.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("nianbao-test-{}-{name}-{n}", std::process::id()));
        std::fs::remove_dir_all(&path).ok();
        std::fs::create_dir_all(&path).expect("temp dir");
        Self(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A draft's narrative as an import keeps it: without the numbered sub-heading a paragraph of
/// section 一 or 五 starts with as a sentence of its own (「(一)主动公开方面。」), which the
/// format prints as the part's heading.
pub(crate) fn without_sub_headings(draft: &mut Draft) {
    for (id, text) in &mut draft.texts {
        if !(id.starts_with("s1.") || id.starts_with("s5.")) {
            continue;
        }
        let mut chars = text.char_indices();
        let opens = matches!(chars.next(), Some((_, '（' | '(')))
            && matches!(chars.next(), Some((_, '一' | '二' | '三' | '四' | '五')))
            && matches!(chars.next(), Some((_, '）' | ')')));
        let stop = chars
            .take(16)
            .find(|&(_, c)| matches!(c, '。' | '：' | ':' | '，' | ','));
        if let (true, Some((at, c @ ('。' | '：' | ':')))) = (opens, stop) {
            *text = text[at + c.len_utf8()..].trim_start().to_owned();
        }
    }
}
