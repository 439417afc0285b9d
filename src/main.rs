//! `nianbao`: the desktop editor. `nianbao path/to/draft.nianbao` opens that draft,
//! `nianbao 某局2023年报.docx` (or .html, .txt) imports a published report,
//! `nianbao 2024.nianbao 台账.xlsx` opens the draft and tallies table 三 from the register
//! (shown to confirm first); without an argument it starts a new draft for the report that
//! is due next.

// No console window on Windows (the CLI is the separate `nianbao-cli`).
#![windows_subsystem = "windows"]
#![expect(
    clippy::disallowed_methods,
    reason = "the program reads its arguments and environment"
)]

use std::path::PathBuf;

use eframe::egui;
use nianbao::gui::{App, AppOptions, Page, StartupProbe};

fn main() -> eframe::Result {
    let started = std::time::Instant::now();
    // NIANBAO_STARTUP_TIMING=1 prints the time to the first painted frame and exits.
    let startup_probe =
        std::env::var_os("NIANBAO_STARTUP_TIMING").map(|_| StartupProbe { started });
    // `nianbao 2024.nianbao 台账.xlsx` opens the draft and tallies the register into it.
    let path = std::env::args_os().nth(1).map(PathBuf::from);
    let register = std::env::args_os().nth(2).map(PathBuf::from);
    // NIANBAO_PAGE=0…6 opens on 基本信息 or a section (for screenshots and demos).
    let page = std::env::var("NIANBAO_PAGE")
        .ok()
        .and_then(|p| p.parse::<usize>().ok())
        .map(|n| match n {
            0 => Page::Meta,
            n => Page::Section(n - 1),
        });
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("年报")
            .with_app_id("nianbao")
            .with_inner_size([1366.0, 768.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true)
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!("../assets/nianbao-64.png"))
                    .unwrap_or_default(),
            ),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| {
            let mut app = App::new(
                cc,
                AppOptions {
                    path,
                    register,
                    page,
                    ..AppOptions::default()
                },
            );
            app.startup_probe = startup_probe;
            Ok(Box::new(app))
        }),
    )
}
