//! Saving so that a crash never leaves a half-written file.

use std::fs::{self, File};
use std::io::{self, Write as _};
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
    let mut bak_tmp = tmp.as_os_str().to_owned();
    bak_tmp.push(".bak");
    let bak_tmp = PathBuf::from(bak_tmp);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            // The previous version, complete or not at all: copied beside, then renamed.
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            fs::copy(path, &bak_tmp)?;
            fs::rename(&bak_tmp, PathBuf::from(bak))?;
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
        fs::remove_file(&bak_tmp).ok();
    }
    result
}
