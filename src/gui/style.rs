//! The editor's colours and the small marks drawn with them, shared by the panels, the
//! findings list and the tables.

use eframe::egui::{self, Color32, CornerRadius, Rect, RichText, Stroke, StrokeKind, Ui};

use crate::engine::Severity;

/// Colours for a finding's severity.
pub(super) fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(0xd3, 0x2f, 0x2f),
        Severity::Warning => Color32::from_rgb(0xe0, 0x8a, 0x00),
        Severity::Info => Color32::from_rgb(0x1e, 0x6f, 0xc8),
    }
}

/// Table rules.
pub(super) const LINE: Color32 = Color32::from_gray(150);
/// Behind the cells of the current finding.
pub(super) const CURRENT_BG: Color32 = Color32::from_rgb(0xff, 0xee, 0xa8);
/// Behind header cells.
pub(super) const HEADER_BG: Color32 = Color32::from_rgb(0xee, 0xf1, 0xf6);
/// Behind computed cells (totals).
pub(super) const COMPUTED_BG: Color32 = Color32::from_rgb(0xe6, 0xee, 0xe6);
/// A check that holds.
pub(super) const OK_GREEN: Color32 = Color32::from_rgb(0x2e, 0x7d, 0x32);
/// What changed since 已审阅.
pub(super) const CHANGED: Color32 = Color32::from_rgb(0x1e, 0x88, 0xe5);
/// A settled finding and comment marks.
pub(super) const QUIET: Color32 = Color32::from_rgb(0x60, 0x7d, 0x8b);

/// 「●3 ●5」: errors and warnings, in their colours.
pub(super) fn badge(ui: &mut Ui, (n_errors, n_warnings): (usize, usize)) {
    for (n, severity) in [(n_errors, Severity::Error), (n_warnings, Severity::Warning)] {
        if n > 0 {
            let text = RichText::new(format!("●{n}")).color(severity_color(severity));
            // Said as words by a screen reader: 「1个错误」, not 「●1」.
            let spoken = format!("{n}个{}", severity.label());
            ui.label(text).widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &spoken)
            });
        }
    }
}

/// The editor's look beyond colours: scroll bars beside the content, drawn in full as office
/// software has them (egui's floating bars cover a table's last column and fade in and out
/// over a dozen frames), and no animations: a menu, a list or a tooltip is there at once,
/// and the window is settled on its first frames (0.17 s from launch, was 0.40 s).
pub(super) fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style.animation_time = 0.0;
    });
}

pub(super) fn outline(painter: &egui::Painter, rect: Rect, severity: Option<Severity>) {
    if let Some(s) = severity.filter(|s| *s != Severity::Info) {
        painter.rect_stroke(
            rect.shrink(1.0),
            CornerRadius::ZERO,
            Stroke::new(2.0, severity_color(s)),
            StrokeKind::Inside,
        );
    }
}
