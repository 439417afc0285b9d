//! Long work off the window's thread: importing a published report, consolidating the
//! units' drafts, reading a register, exporting. The window keeps drawing while it runs,
//! shows its progress in the status bar with 取消, and takes its outcome when it ends.
//!
//! A job owns what it works on (paths, a copy of the draft to export); the document
//! changes only when its outcome is handled by command handling, on the window's thread.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use eframe::egui;

use super::command::ExportFormat;
use crate::progress::Progress;
use crate::template::Template;

/// What a job brought back.
pub(super) enum Outcome {
    /// A published report read (or why not); with `review`, one of an audit, opened to
    /// review.
    Imported {
        /// The file.
        path: PathBuf,
        /// The report, or why not.
        result: Result<crate::import::Imported, String>,
        /// Opened from the audit's overview: in 审阅模式, on its first finding.
        review: bool,
    },
    /// The reports in a folder audited (or why not).
    Audited(Result<crate::audit::Audit, String>),
    /// The units consolidated, with the summary to show (or why not).
    Merged(Result<(Template, crate::merge::Merged, String), String>),
    /// A register's rows and its column mapping (or why not).
    Register(
        PathBuf,
        Result<(Vec<Vec<String>>, crate::tally::Mapping), String>,
    ),
    /// The report written (or why not).
    Exported {
        /// The format.
        format: ExportFormat,
        /// The file.
        path: PathBuf,
        /// The answer given before exporting (see [`super::Command::Export`]).
        reason: Option<String>,
        /// Whether it was written, and what the export said (the PDF's fonts).
        result: Result<Vec<String>, String>,
    },
    /// The work stopped without an outcome (it failed unexpectedly).
    Failed(String),
}

/// Work running on its own thread.
pub struct Job {
    /// What is being done, as the status bar says it: 「正在汇总下级报告」.
    pub what: &'static str,
    /// How far it has got; 取消 sets its flag.
    pub progress: Arc<Progress>,
    receiver: mpsc::Receiver<Outcome>,
}

impl Job {
    /// Starts `work` on a thread of its own; the window is asked to draw again when it
    /// ends.
    pub(super) fn start(
        ctx: &egui::Context,
        what: &'static str,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let shared = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("nianbao-job".to_owned())
            .spawn(move || {
                let outcome = work(&shared);
                // The window may have cancelled and dropped the job: then nobody listens.
                let _ignored = sender.send(outcome);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            let (sender, failed) = mpsc::channel();
            let _ignored = sender.send(Outcome::Failed(format!("无法启动后台任务：{e}")));
            return Self {
                what,
                progress,
                receiver: failed,
            };
        }
        Self {
            what,
            progress,
            receiver,
        }
    }

    /// The outcome, once the work has ended.
    pub(super) fn outcome(&self) -> Option<Outcome> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(self.failed()),
        }
    }

    /// The outcome, waiting for the work to end.
    pub(super) fn wait(&self) -> Outcome {
        self.receiver.recv().unwrap_or_else(|_| self.failed())
    }

    fn failed(&self) -> Outcome {
        Outcome::Failed(format!(
            "{}时出现意外错误，已中止",
            self.what.trim_start_matches("正在")
        ))
    }

    /// What the status bar shows: 「正在汇总下级报告 12/300」, or without counts while the
    /// number of steps is unknown.
    pub fn label(&self) -> String {
        match self.progress.counts() {
            (done, total) if total > 0 => format!("{} {done}/{total}", self.what),
            _ => format!("{}…", self.what),
        }
    }
}
