//! Recovery files: each editor window's draft as it was at most 30 seconds before a crash.
//!
//! While there are unsaved changes, the editor writes the draft (atomically) every 30 seconds
//! and when the window loses focus. Each running editor has a slot of its own in
//! `<data dir>/recovery/`: `N.nianbao`, guarded by an exclusive lock on `N.lock` that the
//! editor holds as long as it runs. The system drops the lock when the process ends, however
//! it ends, so a draft whose lock can be taken belongs to an editor that is gone: that is
//! what the next start offers to restore. Two windows therefore never write over each
//! other's recovery file, and one window's save or close never removes another's.
//!
//! The first line of a recovery file, a RON comment, names the file it belongs to, so draft
//! and path are one write. A clean save or close, or 「不保存」, removes it.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the recovery file is written, locked and read here"
)]

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::draft::Draft;
use crate::storage;

/// How often unsaved changes are written to the recovery file.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// The folder of recovery slots inside the data folder.
const DIR: &str = "recovery";
/// Where versions before per-window slots kept the one recovery file, in the data folder.
const OLD_FILE: &str = "recovery.nianbao";
/// The first line of a recovery file: this, then the path (empty for a new draft).
const PATH_MARK: &str = "// nianbao recovery of: ";
/// More editors than anyone runs at once; past this, writing a recovery file fails.
const MAX_SLOTS: u32 = 256;

/// A draft found in a recovery file left by an editor that is gone.
#[derive(Debug)]
pub struct Recovered {
    /// The draft as last written.
    pub draft: Draft,
    /// The file it belongs to, if it had been saved before.
    pub path: Option<PathBuf>,
    /// When it was last written.
    pub written: Option<SystemTime>,
}

/// A numbered recovery file and the lock that makes it this editor's.
#[derive(Debug)]
struct Slot {
    draft: PathBuf,
    lock: File,
}

impl Slot {
    /// Takes slot `n` in `dir` if no running editor holds it.
    fn try_take(dir: &Path, n: u32) -> std::io::Result<Option<Self>> {
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!("{n}.lock")))?;
        let slot = Self {
            draft: dir.join(format!("{n}.nianbao")),
            lock,
        };
        match slot.lock.try_lock() {
            Ok(()) => Ok(Some(slot)),
            Err(TryLockError::WouldBlock) => Ok(None),
            // A file system without locks (some network folders): recovery still works,
            // only windows can no longer tell each other's files from a crashed one's.
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                Ok(Some(slot))
            }
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// Removes the recovery file and its previous version (the slot stays taken).
    fn remove_files(&self) {
        std::fs::remove_file(&self.draft).ok();
        let mut bak = self.draft.clone().into_os_string();
        bak.push(".bak");
        std::fs::remove_file(bak).ok();
    }
}

/// Writes and clears this editor's recovery file, and finds those left by others.
#[derive(Debug)]
pub struct Recovery {
    /// `<data dir>/recovery` (none when the system gives no data folder).
    dir: Option<PathBuf>,
    /// The slot this editor writes, taken at the first write.
    own: Option<Slot>,
    /// A slot left by an editor that is gone, held while the user decides.
    found: Option<(Slot, Recovered)>,
    last_write: Instant,
    written_revision: Option<u64>,
}

impl Recovery {
    /// Recovery in `data_dir` (none when the system gives no data folder).
    pub fn new(data_dir: Option<PathBuf>) -> Self {
        Self {
            dir: data_dir.map(|d| d.join(DIR)),
            own: None,
            found: None,
            last_write: Instant::now(),
            written_revision: None,
        }
    }

    /// Looks for a recovery file left by an editor that is no longer running (the most
    /// recently written, when there are several) and holds it until [`Self::restore`] or
    /// [`Self::discard`]. Files of running editors are left alone.
    pub fn find(&mut self) -> Option<&Recovered> {
        if self.found.is_none() {
            self.move_old_file();
            self.found = self.scan();
        }
        self.found.as_ref().map(|(_, r)| r)
    }

    /// The recovery file [`Self::find`] holds.
    pub fn found(&self) -> Option<&Recovered> {
        self.found.as_ref().map(|(_, r)| r)
    }

    /// Moves a recovery file left by a version before per-window slots into a free slot, so
    /// that it is offered like the others.
    fn move_old_file(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let Some(old) = dir.parent().map(|d| d.join(OLD_FILE)) else {
            return;
        };
        if !old.exists() || std::fs::create_dir_all(dir).is_err() {
            return;
        }
        if let Ok(slot) = take_free_slot(dir)
            && std::fs::rename(&old, &slot.draft).is_ok()
        {
            let mut old_bak = old.into_os_string();
            old_bak.push(".bak");
            std::fs::remove_file(old_bak).ok();
        }
    }

    fn scan(&self) -> Option<(Slot, Recovered)> {
        let dir = self.dir.as_ref()?;
        let mut best: Option<(Slot, Recovered)> = None;
        for n in slot_numbers(dir) {
            let Ok(Some(slot)) = Slot::try_take(dir, n) else {
                continue; // A running editor's, or not readable.
            };
            let Some(recovered) = read(&slot.draft) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(_, b)| recovered.written > b.written)
            {
                best = Some((slot, recovered)); // The slot it replaces is let go.
            }
        }
        best
    }

    /// Takes the found recovery file's draft. Its slot becomes this editor's, so the
    /// restored work stays protected: later writes go to the same file.
    pub fn restore(&mut self) -> Option<Recovered> {
        let (slot, recovered) = self.found.take()?;
        if let Some(own) = self.own.replace(slot) {
            own.remove_files();
        }
        self.written_revision = None;
        Some(recovered)
    }

    /// Removes the found recovery file (the user chose 「丢弃」).
    pub fn discard(&mut self) {
        if let Some((slot, _)) = self.found.take() {
            slot.remove_files();
        }
    }

    /// Whether it is time to write (every [`INTERVAL`], or right away when `is_urgent`).
    pub fn is_due(&self, revision: u64, is_urgent: bool) -> bool {
        self.written_revision != Some(revision)
            && (is_urgent || self.last_write.elapsed() >= INTERVAL)
    }

    /// Makes the next write due now, as if the interval had passed (for tests of what the
    /// editor does when a write falls due).
    pub fn make_due(&mut self) {
        self.last_write = Instant::now()
            .checked_sub(INTERVAL)
            .unwrap_or_else(Instant::now);
    }

    /// Writes the draft (RON) and the path it belongs to, in one atomic write.
    pub fn write(&mut self, ron: &str, path: Option<&Path>, revision: u64) -> std::io::Result<()> {
        self.last_write = Instant::now();
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let own = match &mut self.own {
            Some(own) => own,
            None => {
                std::fs::create_dir_all(dir)?;
                self.own.insert(take_free_slot(dir)?)
            }
        };
        let path_text = path.map(|p| p.display().to_string()).unwrap_or_default();
        let content = format!("{PATH_MARK}{path_text}\n{ron}");
        storage::save_atomic(&own.draft, content.as_bytes())?;
        self.written_revision = Some(revision);
        Ok(())
    }

    /// Removes this editor's recovery file (after a save, a clean close, or 「不保存」).
    pub fn clear(&mut self) {
        self.written_revision = None;
        if let Some(own) = &self.own {
            own.remove_files();
        }
    }
}

/// The first slot that no running editor holds and that holds no draft waiting to be
/// restored.
fn take_free_slot(dir: &Path) -> std::io::Result<Slot> {
    let mut error = None;
    for n in 1..=MAX_SLOTS {
        match Slot::try_take(dir, n) {
            Ok(Some(slot)) if !slot.draft.exists() => return Ok(slot),
            Ok(_) => {}
            // One slot that cannot be opened does not stop the others.
            Err(e) => error = Some(e),
        }
    }
    Err(error.unwrap_or_else(|| {
        std::io::Error::other(format!(
            "恢复文件夹 {} 中已有 {MAX_SLOTS} 个恢复文件",
            dir.display()
        ))
    }))
}

/// The numbers of the recovery files in `dir`, in order.
fn slot_numbers(dir: &Path) -> Vec<u32> {
    let mut numbers: Vec<u32> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name();
            name.to_str()?.strip_suffix(".nianbao")?.parse().ok()
        })
        .filter(|n| (1..=MAX_SLOTS).contains(n))
        .collect();
    numbers.sort_unstable();
    numbers
}

fn read(file: &Path) -> Option<Recovered> {
    let bytes = storage::read_limited(file, crate::draft::MAX_DRAFT_BYTES)
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
    let written = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    Some(Recovered {
        draft,
        path,
        written,
    })
}

/// The system clock, for [`age_label`].
pub fn now() -> SystemTime {
    SystemTime::now()
}

/// How long ago `written` was, in words: 「刚刚」, 「5 分钟前」, 「3 小时前」, 「2 天前」.
pub fn age_label(written: SystemTime, now: SystemTime) -> String {
    let secs = now.duration_since(written).map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "刚刚".to_owned(),
        60..3600 => format!("{} 分钟前", secs / 60),
        3600..86400 => format!("{} 小时前", secs / 3600),
        _ => format!("{} 天前", secs / 86400),
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

    #[test]
    fn ages_read_as_words() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let ago = |s| age_label(now - Duration::from_secs(s), now);
        assert_eq!(ago(5), "刚刚");
        assert_eq!(ago(5 * 60 + 20), "5 分钟前");
        assert_eq!(ago(3 * 3600), "3 小时前");
        assert_eq!(ago(2 * 86400 + 7), "2 天前");
        assert_eq!(age_label(now + Duration::from_secs(9), now), "刚刚");
    }
}
