//! `nianbao-cli`: the headless command line (see `nianbao::cli`).

#![expect(clippy::disallowed_methods, reason = "the program reads its arguments")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    nianbao::cli::run(std::env::args_os(), &mut out, &mut err)
}
