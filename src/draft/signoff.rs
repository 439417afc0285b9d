//! 定稿: a draft marked final when the head signs it off, with who, when and a hash of its
//! content, so that a change afterwards is refused, or seen; and 解除定稿, reopening it
//! with a reason, which is recorded (format version 5).

use serde::{Deserialize, Serialize};

use super::Draft;

/// The sign-off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Finalized {
    /// Who signed it off, as typed then.
    pub by: String,
    /// When (`YYYY-MM-DD HH:MM`, China's time).
    pub at: String,
    /// The content's hash then ([`Draft::content_hash`]).
    pub hash: String,
    /// 解除定稿: set while the draft is open to changes again.
    pub reopened: Option<Reopened>,
    /// The sign-offs before this one, each reopened, oldest first.
    pub earlier: Vec<Finalized>,
}

/// A sign-off withdrawn: who, when, why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reopened {
    /// Who reopened it.
    pub by: String,
    /// When (`YYYY-MM-DD HH:MM`).
    pub at: String,
    /// Why (required).
    pub reason: String,
}

impl Draft {
    /// A hash of what the report says, 16 hex digits: everything but the sign-off itself,
    /// the version history and the review's annotations (verdicts, comments, the 已审阅
    /// baseline), which a reviewer may still add to a final draft. The same for the same content on every
    /// system and version of this format.
    pub fn content_hash(&self) -> String {
        let mut content = self.clone();
        content.finalized = None;
        content.dispositions.clear();
        content.comments.clear();
        content.reviewed = None;
        content.history.clear();
        let text = content.to_ron(None).unwrap_or_default();
        crate::text::fnv1a_hex(text.as_bytes())
    }

    /// Whether the draft is final (定稿, and not reopened since): it may not be changed.
    pub fn is_final(&self) -> bool {
        self.finalized
            .as_ref()
            .is_some_and(|f| f.reopened.is_none())
    }

    /// 定稿: the draft as it is now signed off by `by` at `at`; an earlier sign-off, since
    /// reopened, is kept in `earlier`.
    pub fn finalize(&mut self, by: &str, at: &str) {
        let mut earlier = Vec::new();
        if let Some(mut before) = self.finalized.take() {
            earlier = std::mem::take(&mut before.earlier);
            earlier.push(before);
        }
        self.finalized = Some(Finalized {
            by: by.trim().to_owned(),
            at: at.to_owned(),
            hash: self.content_hash(),
            reopened: None,
            earlier,
        });
    }

    /// 解除定稿: the sign-off withdrawn by `by` at `at` for `reason`, which is kept. Nothing
    /// happens to a draft that is not final.
    pub fn reopen(&mut self, by: &str, at: &str, reason: &str) {
        if let Some(finalized) = self.finalized.as_mut().filter(|f| f.reopened.is_none()) {
            finalized.reopened = Some(Reopened {
                by: by.trim().to_owned(),
                at: at.to_owned(),
                reason: reason.trim().to_owned(),
            });
        }
    }

    /// Whether a final draft's content is no longer what was signed off: the file was
    /// changed outside nianbao.
    pub fn changed_since_final(&self) -> bool {
        self.finalized
            .as_ref()
            .is_some_and(|f| f.reopened.is_none() && f.hash != self.content_hash())
    }

    /// What the editor's banner and the command line say of the sign-off, if there is one:
    /// 「本报告已于2026-12-07 15:03由张三定稿。」, with the reopening after it.
    pub fn finalized_note(&self) -> Option<String> {
        let f = self.finalized.as_ref()?;
        let mut note = format!("本报告已于{}由{}定稿", f.at, f.by);
        match &f.reopened {
            Some(r) => note.push_str(&format!(
                "，{}由{}解除定稿（原因：{}），现可修改。",
                r.at, r.by, r.reason
            )),
            None => note.push_str("，内容不能修改；如需修改，请先解除定稿。"),
        }
        if self.changed_since_final() {
            note.push_str("注意：文件内容与定稿时不一致，定稿后曾在本软件之外被修改。");
        }
        Some(note)
    }
}
