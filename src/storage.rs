//! Saving files so that a crash never leaves a half-written one: the edge (CLI, editor)
//! writes through [`save_atomic`]. The pure core never touches files.

use std::fs::{self, File};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed and synced, the previous file (if any) is kept as `<path>.bak`, and the
/// temporary file is renamed over `path`. Readers see the old or the new content, never a
/// mix.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "路径没有文件名"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            fs::copy(path, PathBuf::from(bak))?;
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the system allows syncing a folder.
        if let Ok(d) = File::open(&dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        fs::remove_file(&tmp).ok();
    }
    result
}

/// Reads a file of at most `max_bytes`, refusing a larger one before reading it.
pub fn read_limited(path: &Path, max_bytes: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let file = File::open(path)?;
    let n_bytes = file.metadata()?.len();
    if n_bytes > max_bytes {
        return Ok(Err(n_bytes));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(n_bytes).unwrap_or(0));
    // A file that grows while being read is cut at the limit (+1 so the check still sees it).
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Ok(Err(u64::try_from(bytes.len()).unwrap_or(u64::MAX)));
    }
    Ok(Ok(bytes))
}
