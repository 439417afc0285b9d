//! The recovery file: the draft as it was at most 30 seconds before a crash.
//!
//! While there are unsaved changes, the editor writes the draft (atomically) to
//! `<data dir>/recovery.nianbao` every 30 seconds and when the window loses focus, with the
//! path of the file it belongs to beside it. A clean save or close removes it; the next
//! start offers to restore one that is left.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::draft::Draft;
use crate::storage;

/// How often unsaved changes are written to the recovery file.
pub(super) const INTERVAL: Duration = Duration::from_secs(30);

const DRAFT_FILE: &str = "recovery.nianbao";
const PATH_FILE: &str = "recovery-path.txt";

/// A draft found in the recovery file.
pub(super) struct Recovered {
    /// The draft as last written.
    pub draft: Draft,
    /// The file it belongs to, if it had been saved before.
    pub path: Option<PathBuf>,
}

/// Writes and clears the recovery file.
pub(super) struct Recovery {
    dir: Option<PathBuf>,
    last_write: Instant,
    written_revision: Option<u64>,
}

impl Recovery {
    /// Recovery in `dir` (none when the system gives no data folder).
    pub(super) fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            last_write: Instant::now(),
            written_revision: None,
        }
    }

    /// The recovery file left by an earlier run, if any.
    pub(super) fn load(&self) -> Option<Recovered> {
        let dir = self.dir.as_ref()?;
        let bytes = std::fs::read(dir.join(DRAFT_FILE)).ok()?;
        let draft = Draft::from_bytes(&bytes).ok()?;
        let path = std::fs::read_to_string(dir.join(PATH_FILE))
            .ok()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        Some(Recovered { draft, path })
    }

    /// Whether it is time to write (every [`INTERVAL`], or right away when `is_urgent`).
    pub(super) fn is_due(&self, revision: u64, is_urgent: bool) -> bool {
        self.written_revision != Some(revision)
            && (is_urgent || self.last_write.elapsed() >= INTERVAL)
    }

    /// Writes the draft (RON) and the path it belongs to.
    pub(super) fn write(
        &mut self,
        ron: &str,
        path: Option<&Path>,
        revision: u64,
    ) -> std::io::Result<()> {
        self.last_write = Instant::now();
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        std::fs::create_dir_all(dir)?;
        let path_text = path.map(|p| p.display().to_string()).unwrap_or_default();
        storage::save_atomic(&dir.join(PATH_FILE), path_text.as_bytes())?;
        storage::save_atomic(&dir.join(DRAFT_FILE), ron.as_bytes())?;
        self.written_revision = Some(revision);
        Ok(())
    }

    /// Removes the recovery file (after a save, a clean close, or when the user discards it).
    pub(super) fn clear(&mut self) {
        self.written_revision = None;
        if let Some(dir) = &self.dir {
            for name in [DRAFT_FILE, PATH_FILE] {
                std::fs::remove_file(dir.join(name)).ok();
                let mut bak = dir.join(name).into_os_string();
                bak.push(".bak");
                std::fs::remove_file(bak).ok();
            }
        }
    }
}
