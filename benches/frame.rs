//! One editor frame on table 三 with findings, through egui's own context: layout of the
//! whole window (menu, navigation, table, findings panel) plus tessellation, i.e. the CPU
//! work of a frame before the GPU draws it. Goal: ≤ 2 ms.

#![expect(clippy::disallowed_methods, reason = "a benchmark sets up its files")]

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use nianbao::gui::{App, AppOptions, Page, Prefs};

fn bench_frame(c: &mut Criterion) {
    let path = std::env::temp_dir().join(format!("nianbao-bench-{}.nianbao", std::process::id()));
    // Seed 003 with a broken balance, so table 三 has outlined cells and R1 findings.
    let draft = include_str!("../tests/data/seed-003.nianbao").replacen(
        "\"t3.new_received.natural\": \"23\"",
        "\"t3.new_received.natural\": \"30\"",
        1,
    );
    std::fs::write(&path, draft).expect("write bench draft");
    let mut app = App::with_prefs(
        Prefs::default(),
        AppOptions {
            path: Some(path.clone()),
            data_dir: Some(std::env::temp_dir().join("nianbao-bench-data")),
            today: nianbao::date::Date::new(2025, 1, 10),
            page: Some(Page::Section(2)),
            typed_paths_only: true,
            ..AppOptions::default()
        },
    );
    assert!(
        app.session.evaluation().has_errors(),
        "the bench draft has findings"
    );
    let ctx = egui::Context::default();
    nianbao::gui::install_cjk_font(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1366.0, 768.0),
        )),
        ..egui::RawInput::default()
    };
    // Warm up: fonts load and glyphs are rasterized on the first frames.
    for _ in 0..3 {
        let out = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        let _primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    c.bench_function("editor frame, table 三 with findings", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.frame_ui(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        });
    });
    std::fs::remove_file(&path).ok();
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
