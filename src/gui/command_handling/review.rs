//! Review commands: 审阅模式, verdicts on findings, comments and the 已审阅 mark.

use crate::draft::Verdict;
use crate::gui::session::EditKey;
use crate::gui::{App, Command, Dialog};

impl App {
    pub(super) fn ask_comment(&mut self, target: String, name: String) {
        let text = String::new();
        self.dialog = Some(Dialog::Comment { target, name, text });
    }

    /// The commands of 审阅: the mode, verdicts, comments, the baseline and stepping
    /// through the findings.
    pub(super) fn run_review(&mut self, command: Command) {
        match command {
            Command::SetReviewMode(on) => self.set_review_mode(on),
            Command::Dispose {
                fingerprint,
                verdict,
                note,
            } => self.dispose(&fingerprint, verdict, &note),
            Command::Undispose(fingerprint) => self.undispose(&fingerprint),
            Command::AddComment { target, text } => self.add_comment(target, &text),
            Command::AskComment { target, name } => self.ask_comment(target, name),
            Command::RemoveComment(i) => self.remove_comment(i),
            Command::MarkReviewed => self.mark_reviewed(),
            Command::Finalize(by) => {
                let now = crate::system::now_in_china();
                self.session.edit(EditKey::Once, |d| d.finalize(&by, &now));
                self.prefs.signer = by.trim().to_owned();
                self.status = self.session.draft().finalized_note().unwrap_or_default();
            }
            Command::Reopen { by, reason } => {
                let now = crate::system::now_in_china();
                self.session
                    .edit(EditKey::Once, |d| d.reopen(&by, &now, &reason));
                self.prefs.signer = by.trim().to_owned();
                self.status = self.session.draft().finalized_note().unwrap_or_default();
            }
            Command::StepFinding(forward) => self.step_finding(forward),
            _ => {}
        }
    }

    pub(super) fn set_review_mode(&mut self, on: bool) {
        self.review_mode = on;
        self.ix.cell_edit = None;
        self.session.end_step();
        self.status = if on {
            "审阅模式：报告内容只读，可记录审阅意见和批注".to_owned()
        } else {
            "已退出审阅模式".to_owned()
        };
    }

    /// The finding shown with this fingerprint, if it is still there.
    pub(super) fn finding(&self, fingerprint: &str) -> Option<crate::engine::Finding> {
        let template = &self.session.template();
        self.session
            .evaluation()
            .findings
            .iter()
            .find(|f| crate::review::fingerprint(template, f) == fingerprint)
            .cloned()
    }

    pub(super) fn dispose(&mut self, fingerprint: &str, verdict: Verdict, note: &str) {
        let Some(finding) = self.finding(fingerprint) else {
            return;
        };
        let template = self.session.template().clone();
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            crate::review::record(&template, d, &finding, verdict, note, &today);
        });
        self.status = format!("已记录审阅意见：{}", verdict.label());
    }

    pub(super) fn undispose(&mut self, fingerprint: &str) {
        let finding = self.finding(fingerprint);
        let template = self.session.template().clone();
        self.session.review_edit(|d| match &finding {
            Some(finding) => crate::review::withdraw(&template, d, finding),
            None => d.dispositions.retain(|x| x.fingerprint != fingerprint),
        });
    }

    pub(super) fn add_comment(&mut self, target: String, text: &str) {
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            d.comments.push(crate::draft::Comment {
                target,
                text: text.trim().to_owned(),
                date: today,
            });
        });
        self.status = "已添加批注".to_owned();
    }

    pub(super) fn remove_comment(&mut self, i: usize) {
        self.session.review_edit(|d| {
            if i < d.comments.len() {
                d.comments.remove(i);
            }
        });
    }

    pub(super) fn mark_reviewed(&mut self) {
        let today = self.session.today.to_string();
        self.session.review_edit(|d| {
            d.reviewed = Some(crate::draft::Baseline::of(d, &today));
        });
        self.status = format!("已标记为已审阅（{today}），此后的修改将突出显示");
    }
}
