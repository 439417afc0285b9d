//! The fonts bundled with the program (SIL OFL 1.1, see `assets/fonts/OFL.txt`), each cut
//! down to GB2312 and punctuation by `scripts/make-cjk-font.sh`, so Chinese renders and
//! exports on a machine with no Chinese fonts. Bytes only: the editor and the PDF export
//! load them.

/// Noto Sans CJK SC: the editor's font, and the PDF export's 黑体 where the system has none.
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-GB2312.otf");

/// Noto Serif CJK SC: the PDF export's 仿宋 and 宋体 where the system has neither.
#[cfg(feature = "pdf")]
pub const NOTO_SERIF_SC: &[u8] = include_bytes!("../assets/fonts/NotoSerifSC-GB2312.otf");

/// Noto Serif CJK SC Bold: the PDF export's title face (小标宋) where the system has none.
#[cfg(feature = "pdf")]
pub const NOTO_SERIF_SC_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSerifSC-Bold-GB2312.otf");
