//! Files: saving so that a crash never leaves a half-written one (the edge, CLI and editor,
//! writes through [`save_atomic`]), opening drafts, templates and reports, and reading a
//! consolidation's units. The pure core never touches files.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "storage is where drafts, templates and reports are read and written"
)]

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

mod audit;
mod open;
mod save;
mod units;

pub use audit::{audit_files, report_files};
pub use open::{
    OpenError, import_report, last_year_path, link_to, load_template, open_draft, open_last_year,
    template_for,
};
pub use save::save_atomic;
pub use units::{merge_files, read_register, read_roster, unit_files, unit_path};

/// Runs `work` for the items `0..n` on one thread per core, each thread taking the next item
/// as it is free, and hands the results to `each` in the items' order as they arrive (a
/// result made early waits in a small buffer for the ones before it; the channel holds at
/// most `IN_FLIGHT`, so memory does not grow with `n`). No item is started once `progress`
/// is cancelled.
fn in_parallel<T: Send>(
    n: usize,
    progress: &crate::progress::Progress,
    work: impl Fn(usize) -> T + Sync,
    mut each: impl FnMut(T),
) {
    const IN_FLIGHT: usize = 256;
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::sync_channel(IN_FLIGHT);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(n) {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    if progress.is_cancelled() {
                        break;
                    }
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n || sender.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut wanted = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&wanted) {
                each(result);
                wanted += 1;
            }
        }
    });
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

/// The system's reason for a failed file operation, in Chinese for the common cases (the
/// system's own words, often English, otherwise).
pub fn describe_io(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let reason = match error.kind() {
        K::NotFound => "找不到该文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘空间不足",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        K::AlreadyExists => "文件已存在",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::FileTooLarge => "文件过大",
        K::ResourceBusy | K::WouldBlock => "文件正被其他程序使用",
        K::InvalidFilename => "文件名无效",
        K::UnexpectedEof => "文件不完整",
        K::Interrupted | K::TimedOut => "操作被中断，请重试",
        _ => return format!("系统错误：{error}"),
    };
    reason.to_owned()
}
