//! Nothing lost when the process dies: a process that saves in a loop is killed (SIGKILL
//! on Unix) at random moments, 1,000 times, and the file always loads and is always the
//! old or the new content; the same for the editor's recovery file.
//!
//! The saving process is this test binary itself, started again with `SAVE_LOOP` set: it
//! then runs [`save_loop`] instead of a test.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nianbao::draft::Draft;
use nianbao::storage;

use crate::util::{SEED_003, TempDir};

const SAVE_LOOP: &str = "NIANBAO_TEST_SAVE_LOOP";
const KILLS: usize = 1_000;
/// What the saving process prints just before its loop.
const READY: &str = "save loop ready";

/// The two contents the loop alternates between: seed 003 with two different values.
fn versions() -> [Draft; 2] {
    [23, 24].map(|n| {
        let mut d = Draft::from_ron(SEED_003).expect("seed");
        d.set_cell("t3.new_received.natural", &n.to_string());
        d
    })
}

/// Run by the child process: saves forever (the parent kills it).
#[test]
#[ignore = "run only as the kill tests' child process (`--ignored --exact reliability::save_loop`)"]
fn save_loop() {
    let Ok(spec) = std::env::var(SAVE_LOOP) else {
        return; // Not started by a kill test: nothing to do.
    };
    let (kind, path) = spec.split_once(':').expect("kind:path");
    let path = Path::new(path);
    let [a, b] = versions();
    let ron = [a.to_ron(None).expect("ron"), b.to_ron(None).expect("ron")];
    // As an editor that restored the last one's work: it writes on into the same file.
    #[cfg(feature = "gui")]
    let mut recovery = nianbao::gui::recovery::Recovery::new(Some(path.to_path_buf()));
    #[cfg(feature = "gui")]
    if kind == "recovery" && recovery.find().is_some() {
        recovery.restore();
    }
    // Tell the parent the loop starts now, so its random delay falls among the saves and
    // not in this process's start-up (which varies with the machine's load).
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{READY}").expect("stdout");
        out.flush().expect("stdout");
    }
    for i in 0_u64.. {
        let text = &ron[(i % 2) as usize];
        match kind {
            "draft" => storage::save_atomic(path, text.as_bytes()).expect("save"),
            #[cfg(feature = "gui")]
            "recovery" => recovery
                .write(text, Some(Path::new("/某处/报告.nianbao")), i)
                .expect("write"),
            _ => panic!("unknown kind {kind}"),
        }
    }
}

/// Reads the child's output up to the line that says its loop is starting.
fn wait_for_ready(child: &mut std::process::Child) {
    use std::io::BufRead as _;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            // libtest prints 「test … ... 」 without a line break before the test runs.
            Some(Ok(line)) if line.trim_end().ends_with(READY) => return,
            Some(Ok(_)) => {}
            other => panic!("the saving process ended before its loop: {other:?}"),
        }
    }
}

/// A small xorshift, so the moments differ without a dependency.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Starts the saving loop (on `target`) `KILLS` times and kills it after a random delay;
/// after each kill `check` must find a complete `watched` file.
fn kill_repeatedly(kind: &str, target: &Path, watched: &Path, check: impl Fn(usize)) {
    let exe = std::env::current_exe().expect("test binary");
    let mut seed = u64::from(std::process::id()) | 1;
    let mut n_changed = 0;
    let mut last: Option<Vec<u8>> = None;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "reliability::save_loop",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(SAVE_LOOP, format!("{kind}:{}", target.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the saving process");
        wait_for_ready(&mut child);
        // Into the loop (a save takes about a millisecond), at a different moment each time.
        let delay = Duration::from_micros(next(&mut seed) % 8_000);
        let started = Instant::now();
        while started.elapsed() < delay {
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().expect("kill");
        child.wait().expect("reap");
        check(round);
        let now = std::fs::read(watched).ok();
        if now != last {
            n_changed += 1;
            last = now;
        }
    }
    // The kills landed while saving was going on, not only before it started.
    assert!(
        n_changed > KILLS / 10,
        "the file changed only {n_changed} times"
    );
}

#[test]
#[cfg(unix)]
fn a_killed_save_leaves_the_old_or_the_new_draft() {
    if std::env::var(SAVE_LOOP).is_ok() {
        return;
    }
    let dir = TempDir::new("kill-save");
    let path = dir.path().join("报告.nianbao");
    let versions = versions();
    storage::save_atomic(&path, versions[0].to_ron(None).expect("ron").as_bytes()).expect("save");
    kill_repeatedly("draft", &path, &path, |round| {
        let bytes = std::fs::read(&path).expect("the draft is always there");
        let draft = Draft::from_bytes(&bytes)
            .unwrap_or_else(|e| panic!("round {round}: the draft does not load: {e}"));
        assert!(
            versions.contains(&draft),
            "round {round}: neither old nor new"
        );
        let bak = std::fs::read(dir.path().join("报告.nianbao.bak"));
        if let Ok(bak) = bak {
            let bak = Draft::from_bytes(&bak)
                .unwrap_or_else(|e| panic!("round {round}: the .bak does not load: {e}"));
            assert!(versions.contains(&bak), "round {round}: .bak is neither");
        }
    });
}

#[test]
#[cfg(all(unix, feature = "gui"))]
fn a_killed_recovery_write_leaves_a_recovery_file() {
    if std::env::var(SAVE_LOOP).is_ok() {
        return;
    }
    let dir = TempDir::new("kill-recovery");
    let versions = versions();
    let recovered = || nianbao::gui::recovery::Recovery::new(Some(dir.path().to_path_buf()));
    {
        // An editor writes once and dies; each saving process restores and writes on.
        let mut first = recovered();
        let ron = versions[0].to_ron(None).expect("ron");
        first
            .write(&ron, Some(Path::new("/某处/报告.nianbao")), 0)
            .expect("write");
    }
    let target = dir.path().join("recovery").join("1.nianbao");
    kill_repeatedly("recovery", dir.path(), &target, |round| {
        // A new editor, started after the kill (dropped, so the next process can take over).
        let mut next = recovered();
        let found = next
            .find()
            .unwrap_or_else(|| panic!("round {round}: no recovery file to offer"));
        assert!(
            versions.contains(&found.draft),
            "round {round}: neither old nor new"
        );
        assert_eq!(found.path.as_deref(), Some(Path::new("/某处/报告.nianbao")));
    });
    let slots = std::fs::read_dir(dir.path().join("recovery"))
        .expect("recovery folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".nianbao"))
        .count();
    assert_eq!(
        slots, 1,
        "every process wrote on into the one file it restored"
    );
}
