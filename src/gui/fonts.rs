//! The bundled CJK font, so Chinese renders on a machine with no Chinese fonts.
//! Characters outside its GB2312 subset (rare name characters such as 镕 堃 喆) come from
//! the system's fonts where it has them, looked up the first time such a character is drawn.

use std::sync::Arc;

use eframe::egui;

/// Noto Sans CJK SC, GB2312 subset (SIL OFL 1.1, see `assets/fonts/OFL.txt`).
pub const CJK_FONT: &[u8] = crate::fonts::NOTO_SANS_SC;

const CJK_FONT_NAME: &str = "noto-sans-sc-gb2312";

/// The system's fonts, for characters the bundled fonts lack, enumerated only when such a
/// character is first drawn: most reports have none, and enumerating them (fontconfig on
/// Linux) takes about 2 MB of memory and a thread at start.
#[derive(Default)]
struct SystemFontsWhenNeeded(std::sync::OnceLock<egui_system_font_provider::SystemFontProvider>);

impl egui::epaint::text::FontProvider for SystemFontsWhenNeeded {
    fn font_for(
        &self,
        request: &egui::epaint::text::FallbackRequest<'_>,
    ) -> Option<egui::epaint::text::FontInsert> {
        self.0
            .get_or_init(egui_system_font_provider::SystemFontProvider::new)
            .font_for(request)
    }
}

/// Adds the CJK font right after egui's Latin font in both families, and the system's fonts
/// after them for rarer characters. Call it before the first frame.
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
    ctx.add_font_provider(Arc::new(SystemFontsWhenNeeded::default()));
}

/// The atlas side at 1 pixel per point: twice egui's own portable default.
const ATLAS_SIDE_AT_1X: usize = 4096;

/// The widest texture egui may make, which is also the width of its glyph atlas.
///
/// Left alone, egui makes the atlas as wide as the largest texture the GPU allows (16384
/// under Mesa's software renderer) and grows it by whole rows, so each row of glyphs costs a
/// strip 16384 pixels wide, twice over (egui's copy and the driver's): about 3 MB of the
/// editor's memory at the normal zoom. The glyphs' area grows with the square of the scale
/// and the atlas's room with the square of its side, so the side follows the scale: 4096 up
/// to 1 pixel per point, 8192 up to 2, and so on up to what the GPU allows. egui rebuilds the
/// atlas when the side changes, and when it is 80% full; seed 003's narrative fills 1% of it
/// at the normal zoom and 7% at egui's largest (5×).
pub(crate) fn atlas_side(gpu_max: Option<usize>, pixels_per_point: f32) -> usize {
    let scale = if pixels_per_point.is_finite() {
        pixels_per_point.clamp(1.0, 64.0)
    } else {
        1.0
    };
    let wanted = ((ATLAS_SIDE_AT_1X as f32 * scale).ceil() as usize).next_power_of_two();
    gpu_max.map_or(wanted, |max| max.min(wanted))
}

#[cfg(test)]
mod tests {
    use super::atlas_side;

    #[test]
    fn atlas_side_follows_the_scale_up_to_the_gpu_limit() {
        assert_eq!(atlas_side(Some(16384), 1.0), 4096);
        assert_eq!(atlas_side(Some(16384), 0.5), 4096);
        assert_eq!(atlas_side(Some(16384), 1.25), 8192);
        assert_eq!(atlas_side(Some(16384), 2.0), 8192);
        assert_eq!(atlas_side(Some(16384), 3.0), 16384);
        assert_eq!(atlas_side(Some(16384), 5.0), 16384);
        assert_eq!(atlas_side(Some(2048), 1.0), 2048);
        assert_eq!(atlas_side(None, 1.0), 4096);
        assert_eq!(atlas_side(Some(16384), f32::NAN), 4096);
    }
}
