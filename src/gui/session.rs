//! The open document: template, draft, evaluation, file path, undo history.
//!
//! Every change goes through [`Session::edit`], which records an undo step, re-evaluates
//! and updates the unsaved-changes state, so the tables, totals and findings on screen are
//! always those of the draft as it is now.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::date::Date;
use crate::draft::{Draft, Meta};
use crate::engine::{self, Context, Evaluation, LastYear};
use crate::template::{self, Template};

/// Undo steps kept (each a full draft, a few KB).
const MAX_UNDO: usize = 500;

/// Revisions are numbered across sessions, so that a view derived from one session's
/// document is never taken for another's.
static NEXT_REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// What an edit is about, so that typing into one cell or text is one undo step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// Typing in a table cell or a text, while it keeps the focus.
    Field(String),
    /// A one-off change (fill zeros, paste a block, switch template): always its own step.
    Once,
}

/// Last year's draft, linked to this one: its figures for R5 and R10, its texts to show
/// beside this year's.
#[derive(Clone, Debug)]
pub struct LinkedYear {
    /// Its file (full path).
    pub path: PathBuf,
    /// Its template (for its part titles).
    pub template: Template,
    /// The draft.
    pub draft: Draft,
    /// Its figures.
    pub figures: LastYear,
}

/// The document being edited.
pub struct Session {
    /// The template the draft is for.
    template: Template,
    /// The draft as it is now: changed only by this type's methods, so that every change is
    /// an undoable step and the evaluation follows it.
    draft: Draft,
    /// Where it is saved; `None` for a new draft.
    pub path: Option<PathBuf>,
    /// Totals and findings of [`Self::draft`].
    evaluation: Evaluation,
    /// Today, for the deadline.
    pub today: Date,
    /// Last year's draft, when the draft links to one that could be read.
    pub last_year: Option<LinkedYear>,
    /// Why the linked draft could not be read, for the 基本信息 page.
    pub last_year_problem: Option<String>,
    /// The draft as last saved or opened.
    saved: Draft,
    is_dirty: bool,
    revision: u64,
    undo: VecDeque<Draft>,
    redo: Vec<Draft>,
    last_key: Option<EditKey>,
    /// What the prose rules found in each part, kept between evaluations: a keystroke reads
    /// one paragraph again.
    memo: engine::Memo,
}

impl Session {
    /// The template the draft is for.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The draft as it is now.
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// Totals and findings of the draft as it is now.
    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// A session over an existing draft.
    pub fn new(template: Template, draft: Draft, path: Option<PathBuf>, today: Date) -> Self {
        let memo = engine::Memo::default();
        let evaluation = evaluate(&template, &draft, (today, None), &memo);
        Self {
            template,
            saved: draft.clone(),
            draft,
            path,
            evaluation,
            today,
            last_year: None,
            last_year_problem: None,
            is_dirty: false,
            revision: next_revision(),
            undo: VecDeque::new(),
            redo: Vec::new(),
            last_key: None,
            memo,
        }
    }

    /// A new, empty draft for the report that is due next: last year's during January
    /// (before the 31 January deadline), else this year's.
    pub fn new_draft(today: Date) -> Self {
        let year = if today.month == 1 {
            today.year - 1
        } else {
            today.year
        };
        let year = u16::try_from(year).unwrap_or(2025).clamp(2019, 2100);
        let template = template::for_year(year)
            .or_else(|| template::builtin().first().cloned())
            .unwrap_or_else(unreachable_template);
        let draft = Draft::new(
            &template,
            Meta {
                year,
                ..Meta::default()
            },
        );
        Self::new(template, draft, None, today)
    }

    /// Sets last year's draft (read by the caller from the draft's link), or why it could
    /// not be read, and re-evaluates.
    pub fn set_last_year(&mut self, linked: Result<Option<LinkedYear>, String>) {
        (self.last_year, self.last_year_problem) = match linked {
            Ok(linked) => (linked, None),
            Err(problem) => (None, Some(problem)),
        };
        self.refresh();
    }

    /// 「引用此段」: appends a paragraph of last year's report to a part and marks it as
    /// quoted, so R12 reads it strictly until it is rewritten. One undo step.
    pub fn quote(&mut self, part_id: &str, paragraph: &str) {
        self.edit(EditKey::Once, |d| {
            let text = d.text(part_id).trim_end().to_owned();
            let text = if text.is_empty() {
                paragraph.to_owned()
            } else {
                format!("{text}\n{paragraph}")
            };
            d.set_text(part_id, &text);
            if !d.quoted.iter().any(|q| q == paragraph) {
                d.quoted.push(paragraph.to_owned());
            }
        });
    }

    /// Whether there are changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.is_dirty
    }

    /// Applies a change as one undo step (or part of the current one, for the same key).
    /// The draft is copied once, when a step begins; typing on in the same field copies
    /// nothing.
    pub fn edit(&mut self, key: EditKey, change: impl FnOnce(&mut Draft)) {
        let continues = key != EditKey::Once && self.last_key.as_ref() == Some(&key);
        if continues {
            change(&mut self.draft);
        } else {
            let before = self.draft.clone();
            change(&mut self.draft);
            if self.draft == before {
                return;
            }
            self.undo.push_back(before);
            if self.undo.len() > MAX_UNDO {
                self.undo.pop_front();
            }
        }
        self.redo.clear();
        self.last_key = Some(key);
        self.refresh();
    }

    /// Ends the current typing step: the next edit starts a new undo step.
    pub fn end_step(&mut self) {
        self.last_key = None;
    }

    /// Replaces the template (the draft's values are kept; ids the new template lacks are
    /// reported by the engine, not dropped).
    pub fn set_template(&mut self, template: Template) {
        let id = template.id.clone();
        self.template = template;
        self.edit(EditKey::Once, |d| d.template = id);
    }

    /// Steps back; returns whether there was anything to undo.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop_back() else {
            return false;
        };
        let current = std::mem::replace(&mut self.draft, previous);
        keep_review(&current, &mut self.draft);
        self.redo.push(current);
        self.after_history_move();
        true
    }

    /// Steps forward again; returns whether there was anything to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.draft, next);
        keep_review(&current, &mut self.draft);
        self.undo.push_back(current);
        self.after_history_move();
        true
    }

    /// A review record (verdict, comment, 已审阅): changes the draft but not its content, so
    /// it is not an undo step, and undo never takes it away.
    pub fn review_edit(&mut self, change: impl FnOnce(&mut Draft)) {
        change(&mut self.draft);
        self.refresh();
    }

    /// Whether undo / redo have anything to do.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether redo has anything to do.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Keeps the state last saved in the draft's history (版本历史) before the draft is
    /// saved again; not an edit (no undo step). Nothing for a draft never saved.
    pub fn record_version(&mut self, at: &str, by: &str) {
        if self.path.is_some() {
            let saved = std::mem::take(&mut self.saved);
            self.draft.record_version(&saved, at, by);
            self.saved = saved;
        }
    }

    /// Marks the current draft as saved at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved = self.draft.clone();
        self.is_dirty = false;
    }

    /// Writes the link to last year's draft anew for where the draft is being saved. The same
    /// file stays linked, so this is not an edit: no undo step, and the evaluation stands.
    pub fn relink_last_year(&mut self, link: String) {
        self.draft.last_year = Some(link);
    }

    /// Marks the draft as having unsaved changes (e.g. restored from a recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved = Draft::default();
        self.is_dirty = true;
    }

    fn after_history_move(&mut self) {
        self.last_key = None;
        // Undo may cross a template switch.
        if self.draft.template != self.template.id
            && let Some(t) = template::builtin_by_id(&self.draft.template)
        {
            self.template = t;
        }
        self.refresh();
    }

    /// Counts changes to the draft: equal revisions mean an equal draft.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn refresh(&mut self) {
        self.revision = next_revision();
        let last_year = self.last_year.as_ref().map(|l| &l.figures);
        self.evaluation = evaluate(
            &self.template,
            &self.draft,
            (self.today, last_year),
            &self.memo,
        );
        self.is_dirty = self.draft != self.saved;
    }

    /// The file name for the window title.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| "未命名".to_owned(), |n| n.to_string_lossy().into_owned());
        let mark = if self.is_dirty { " *" } else { "" };
        format!("{name}{mark} - 年报")
    }
}

/// Verdicts, comments and the 已审阅 baseline stay as they are when undo or redo moves the
/// content.
fn keep_review(from: &Draft, to: &mut Draft) {
    to.dispositions.clone_from(&from.dispositions);
    to.comments.clone_from(&from.comments);
    to.reviewed.clone_from(&from.reviewed);
}

fn evaluate(
    template: &Template,
    draft: &Draft,
    (today, last_year): (Date, Option<&LastYear>),
    memo: &engine::Memo,
) -> Evaluation {
    let context = Context {
        today: Some(today),
        last_year,
        formats: template::builtin(),
        memo: Some(memo),
        ..Context::default()
    };
    engine::evaluate_with(template, draft, &context)
}

/// The embedded templates are checked by tests, so there is always one; this is the last
/// resort should that ever not hold: a minimal template that says so.
fn unreachable_template() -> Template {
    #[expect(clippy::unwrap_used)] // A constant template that tests load.
    template::load(template::TEMPLATE_2021_RON).unwrap()
}
