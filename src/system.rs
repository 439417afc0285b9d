//! What the edges read from the system: the date, where to keep application data, and the
//! fonts the PDF export names.
//! The pure core never calls these; the CLI and the editor pass what they read in.

#![expect(
    clippy::disallowed_methods,
    reason = "system is where the date, the data folder and the platform are read"
)]

use std::path::PathBuf;

use crate::date::Date;

/// Today's date in China (UTC+8), where the reports are due.
pub fn today_in_china() -> Date {
    const CHINA_OFFSET_SECS: u64 = 8 * 3600;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from((secs + CHINA_OFFSET_SECS) / 86_400).unwrap_or(0))
}

/// The date and time in China now, to the minute: `YYYY-MM-DD HH:MM` (a sign-off's time).
pub fn now_in_china() -> String {
    const CHINA_OFFSET_SECS: u64 = 8 * 3600;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + CHINA_OFFSET_SECS;
    let day = Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0));
    let minutes = secs % 86_400 / 60;
    format!("{day} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// Who is using this computer, as the system names them (for who saved a version); empty
/// when unknown.
pub fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|n| !n.trim().is_empty()))
        .unwrap_or_default()
}

/// The folder for nianbao's own files (the recovery file): `NIANBAO_DATA_DIR` when set,
/// else `%APPDATA%\nianbao` on Windows and `$XDG_DATA_HOME/nianbao` or
/// `~/.local/share/nianbao` elsewhere.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NIANBAO_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            })
    };
    base.map(|b| b.join("nianbao"))
}

/// The files of the system's fonts whose family is one of `names` (Chinese or English, as
/// the fonts' name tables give them), each file read once; and of every font in
/// `NIANBAO_FONT_DIR` when it is set. For the PDF export, which bundles stand-ins for the
/// rest.
#[cfg(feature = "pdf")]
pub fn fonts_named(names: &[String]) -> Vec<std::sync::Arc<[u8]>> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    if let Some(dir) = std::env::var_os("NIANBAO_FONT_DIR") {
        db.load_fonts_dir(dir);
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    for face in db.faces() {
        let named = face
            .families
            .iter()
            .any(|(family, _)| names.iter().any(|n| n.eq_ignore_ascii_case(family)));
        if let (true, fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _)) =
            (named, &face.source)
            && !paths.contains(path)
        {
            paths.push(path.clone());
        }
    }
    paths
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .map(std::sync::Arc::from)
        .collect()
}
