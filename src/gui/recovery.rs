//! The recovery file: the draft as it was at most 30 seconds before a crash.
//!
//! While there are unsaved changes, the editor writes the draft (atomically) to
//! `<data dir>/recovery.nianbao` every 30 seconds and when the window loses focus; its first
//! line, a RON comment, names the file it belongs to, so draft and path are one write. A
//! clean save or close, or 「不保存」, removes it; the next start offers to restore one
//! that is left.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::draft::Draft;
use crate::storage;

/// How often unsaved changes are written to the recovery file.
pub const INTERVAL: Duration = Duration::from_secs(30);

const DRAFT_FILE: &str = "recovery.nianbao";
/// The first line of the recovery file: this, then the path (empty for a new draft).
const PATH_MARK: &str = "// nianbao recovery of: ";

/// A draft found in the recovery file.
#[derive(Debug)]
pub struct Recovered {
    /// The draft as last written.
    pub draft: Draft,
    /// The file it belongs to, if it had been saved before.
    pub path: Option<PathBuf>,
}

/// Writes and clears the recovery file.
pub struct Recovery {
    dir: Option<PathBuf>,
    last_write: Instant,
    written_revision: Option<u64>,
}

impl Recovery {
    /// Recovery in `dir` (none when the system gives no data folder).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            last_write: Instant::now(),
            written_revision: None,
        }
    }

    /// The recovery file left by an earlier run, if any.
    pub fn load(&self) -> Option<Recovered> {
        let dir = self.dir.as_ref()?;
        let bytes = storage::read_limited(&dir.join(DRAFT_FILE), crate::draft::MAX_DRAFT_BYTES)
            .ok()?
            .ok()?;
        let draft = Draft::from_bytes(&bytes).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let path = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix(PATH_MARK))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        Some(Recovered { draft, path })
    }

    /// Whether it is time to write (every [`INTERVAL`], or right away when `is_urgent`).
    pub fn is_due(&self, revision: u64, is_urgent: bool) -> bool {
        self.written_revision != Some(revision)
            && (is_urgent || self.last_write.elapsed() >= INTERVAL)
    }

    /// Writes the draft (RON) and the path it belongs to, in one atomic write.
    pub fn write(&mut self, ron: &str, path: Option<&Path>, revision: u64) -> std::io::Result<()> {
        self.last_write = Instant::now();
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        std::fs::create_dir_all(dir)?;
        let path_text = path.map(|p| p.display().to_string()).unwrap_or_default();
        let content = format!("{PATH_MARK}{path_text}\n{ron}");
        storage::save_atomic(&dir.join(DRAFT_FILE), content.as_bytes())?;
        self.written_revision = Some(revision);
        Ok(())
    }

    /// Removes the recovery file (after a save, a clean close, or when the user discards it).
    pub fn clear(&mut self) {
        self.written_revision = None;
        if let Some(dir) = &self.dir {
            std::fs::remove_file(dir.join(DRAFT_FILE)).ok();
            let mut bak = dir.join(DRAFT_FILE).into_os_string();
            bak.push(".bak");
            std::fs::remove_file(bak).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsaved_changes_are_written_at_most_an_interval_apart() {
        let mut recovery = Recovery::new(None);
        assert!(!recovery.is_due(1, false), "just written (at start)");
        assert!(recovery.is_due(1, true), "focus lost: at once");
        recovery.last_write = Instant::now()
            .checked_sub(INTERVAL)
            .unwrap_or_else(Instant::now);
        assert!(recovery.is_due(1, false), "30 s later: due");
        recovery.written_revision = Some(1);
        assert!(
            !recovery.is_due(1, true),
            "nothing new since the last write"
        );
        assert!(recovery.is_due(2, true));
    }
}
