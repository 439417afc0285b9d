//! The bundled CJK font, so Chinese renders on a machine with no Chinese fonts.
//! Characters outside its GB2312 subset (rare name characters such as 镕 堃 喆) come from
//! the system's fonts through eframe's `system_fonts` feature, where the system has them.

use std::sync::Arc;

use eframe::egui;

/// Noto Sans CJK SC, GB2312 subset (SIL OFL 1.1, see `assets/fonts/OFL.txt`).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GB2312.otf");

const CJK_FONT_NAME: &str = "noto-sans-sc-gb2312";

/// Adds the CJK font right after egui's Latin font in both families. Call it before the
/// first frame.
pub fn install_cjk_font(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.insert(1.min(list.len()), CJK_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}
