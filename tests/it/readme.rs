//! The README's command-line blocks, run as written: every `$B` line of its `sh` blocks, in
//! order, in an empty folder holding the sample files it names (`tests/data/readme/`). A
//! line that cannot run (a missing file, a file it would overwrite, a flag that does not
//! exist: exit 2) fails the test; exit 1 is a report's findings, as the README says.

use std::path::Path;
use std::process::Command;

use crate::util::TempDir;

const README: &str = include_str!("../../README.md");

/// The `$B` command lines of the README's `sh` blocks, continuation lines joined.
fn commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.trim();
        if pending.is_empty() && !line.starts_with("$B ") {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => pending.push_str(start),
            None => {
                pending.push_str(line);
                out.push(std::mem::take(&mut pending));
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("samples") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn the_readme_runs_as_written() {
    let commands = commands(README);
    assert!(commands.len() >= 15, "{commands:?}");
    let dir = TempDir::new("readme");
    let d = dir.path();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readme"),
        d,
    );
    std::fs::remove_file(d.join("README.md")).expect("the samples' own README");
    for command in &commands {
        let o = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(d)
            .env("B", env!("CARGO_BIN_EXE_nianbao-cli"))
            .output()
            .expect("sh runs");
        let (out, err) = (
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
        );
        let code = o.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 1,
            "`{command}` exited {code}:\n{out}\n{err}"
        );
        assert!(!err.contains("错误："), "`{command}`:\n{err}");
        assert!(
            !out.is_empty() || command.contains(" -o ") || command.contains("--json"),
            "`{command}` said nothing"
        );
    }
    // What the blocks say they make.
    for made in [
        "2024.nianbao",
        "2024.docx",
        "2024.txt",
        "2024.html",
        "2023.nianbao",
        "2024-续.nianbao",
        "审阅记录.txt",
        "全市汇总.nianbao",
        "各单位概况.docx",
        "2024-台账.nianbao",
        "mapping.ron",
    ] {
        assert!(d.join(made).exists(), "{made} was not made");
    }
}

/// The runner is not a rubber stamp: a README line that cannot run fails it.
#[test]
fn a_broken_readme_line_fails() {
    let broken = README.replacen("$B new --year 2024", "$B new --yaer 2024", 1);
    let commands = commands(&broken);
    let dir = TempDir::new("readme-broken");
    let o = Command::new("sh")
        .arg("-c")
        .arg(&commands[0])
        .current_dir(dir.path())
        .env("B", env!("CARGO_BIN_EXE_nianbao-cli"))
        .output()
        .expect("sh runs");
    assert_eq!(o.status.code(), Some(2), "{commands:?}");
}
