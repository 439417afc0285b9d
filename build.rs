//! Windows resources (icon, version information) for the editor's `.exe`, compiled with
//! mingw-w64's `windres` when building for Windows. Other targets: nothing to do. Without
//! `windres` the build goes on with a warning (the program works, without its icon).

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "a build script reads cargo's environment, writes into OUT_DIR and runs windres"
)]

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/windows/nianbao.rc");
    println!("cargo:rerun-if-changed=assets/nianbao.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows")
        || std::env::var_os("CARGO_FEATURE_GUI").is_none()
    {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut parts: Vec<&str> = version.split(['.', '-']).take(3).collect();
    parts.resize(3, "0");
    let commas = format!("{},0", parts.join(","));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("nianbao-res.o");
    let windres =
        std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".to_owned());
    let status = Command::new(&windres)
        .args(["--codepage=65001", "-O", "coff"])
        .arg(format!("-DVERSION_COMMAS={commas}"))
        .arg(format!("-DVERSION_TEXT=\\\"{version}\\\""))
        .arg("-i")
        .arg("assets/windows/nianbao.rc")
        .arg("-o")
        .arg(&out)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bin=nianbao={}", out.display());
        }
        Ok(s) => println!(
            "cargo:warning=windres failed ({s}): nianbao.exe has no icon or version information"
        ),
        Err(e) => println!(
            "cargo:warning={windres} not found ({e}): nianbao.exe has no icon or version information"
        ),
    }
}
