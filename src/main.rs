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
#![expect(
    clippy::print_stderr,
    reason = "which renderer failed, and why, is told on stderr for whoever started it"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use eframe::egui;
use nianbao::gui::renderer::{self, Renderer};
use nianbao::gui::{App, AppOptions, Page, StartupProbe};

fn main() -> ExitCode {
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
    // NIANBAO_WINDOW_SIZE=1920x1050 opens the window at that size (for screenshots and
    // measurements where no window manager maximizes it).
    let size = std::env::var("NIANBAO_WINDOW_SIZE")
        .ok()
        .and_then(|s| window_size(&s))
        .unwrap_or([1366.0, 768.0]);
    // OpenGL first, then wgpu (NIANBAO_RENDERER=glow|wgpu forces one): see gui/renderer.rs.
    let forced = std::env::var(renderer::FORCE_VARIABLE).ok();
    let (order, warning) = renderer::order(forced.as_deref());
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    let outcome = renderer::run_first_that_starts(&order, |renderer| {
        if renderer != order[0] {
            eprintln!("改用{}绘制界面", renderer.label());
        }
        let options = AppOptions {
            path: path.clone(),
            register: register.clone(),
            page,
            ..AppOptions::default()
        };
        eframe::run_native(
            "nianbao",
            native_options(renderer, size),
            Box::new(move |cc| {
                let mut app = App::new(cc, options);
                app.startup_probe = startup_probe;
                Ok(Box::new(app))
            }),
        )
    });
    match outcome {
        Ok(_) => ExitCode::SUCCESS,
        Err(failure) => {
            // The last resort: a message box, which needs no graphics interface.
            eprintln!("{failure}");
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("年报无法启动")
                .set_description(failure.to_string())
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
            ExitCode::FAILURE
        }
    }
}

/// `1920x1050` as a window size (at least the window's smallest).
fn window_size(text: &str) -> Option<[f32; 2]> {
    let (w, h) = text.trim().split_once(['x', 'X', '×'])?;
    let (w, h): (f32, f32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w >= 960.0 && h >= 600.0 && w.is_finite() && h.is_finite()).then_some([w, h])
}

/// The window, drawn by `renderer`.
fn native_options(renderer: Renderer, size: [f32; 2]) -> eframe::NativeOptions {
    eframe::NativeOptions {
        renderer: renderer.to_eframe(),
        viewport: egui::ViewportBuilder::default()
            .with_title("年报")
            .with_app_id("nianbao")
            .with_inner_size(size)
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true)
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!("../assets/nianbao-64.png"))
                    .unwrap_or_default(),
            ),
        // The editor adds the system's fonts itself, when a character needs them.
        system_font_fallback: false,
        ..eframe::NativeOptions::default()
    }
}
