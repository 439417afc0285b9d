//! Which graphics interface draws the window, and the fallback when one cannot start.
//!
//! OpenGL (glow) is tried first: it is the lighter of the two, and what most PCs have. A
//! PC without a vendor driver offers only OpenGL 1.1 (Windows' own), and virtual desktops
//! and remote sessions often no OpenGL at all; there wgpu starts instead, on Direct3D 12
//! (with Windows' software adapter, WARP, when there is no GPU), Vulkan or OpenGL ES. When
//! neither starts, the user is told why in a plain message box rather than the program
//! vanishing. `NIANBAO_RENDERER=glow` or `wgpu` forces one.

use std::fmt;

/// The environment variable that forces a renderer.
pub const FORCE_VARIABLE: &str = "NIANBAO_RENDERER";

/// A graphics interface eframe can draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// OpenGL 2+ or OpenGL ES 2+ (glow).
    Glow,
    /// wgpu: Direct3D 12, Vulkan, Metal or OpenGL ES.
    Wgpu,
}

impl Renderer {
    /// How the message box and the log name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Glow => "OpenGL",
            Self::Wgpu => "wgpu（Direct3D 12 / Vulkan / OpenGL ES）",
        }
    }

    /// eframe's name for it.
    pub fn to_eframe(self) -> eframe::Renderer {
        match self {
            Self::Glow => eframe::Renderer::Glow,
            Self::Wgpu => eframe::Renderer::Wgpu,
        }
    }
}

/// The renderers to try, in order, given the value of [`FORCE_VARIABLE`]; with a value
/// that names none, also a warning for the log.
pub fn order(forced: Option<&str>) -> (Vec<Renderer>, Option<String>) {
    match forced.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => (vec![Renderer::Glow, Renderer::Wgpu], None),
        Some("glow" | "gl" | "opengl") => (vec![Renderer::Glow], None),
        Some("wgpu") => (vec![Renderer::Wgpu], None),
        Some(other) => (
            vec![Renderer::Glow, Renderer::Wgpu],
            Some(format!(
                "{FORCE_VARIABLE}={other} 无法识别（可用 glow 或 wgpu），按默认顺序尝试"
            )),
        ),
    }
}

/// Whether an error from eframe is the renderer failing to start (so that the next one
/// may), rather than something no renderer changes (no display, the app itself).
pub fn is_renderer_failure(error: &eframe::Error) -> bool {
    matches!(
        error,
        eframe::Error::Glutin(_)
            | eframe::Error::NoGlutinConfigs(..)
            | eframe::Error::OpenGL(_)
            | eframe::Error::Wgpu(_)
    )
}

/// Why the window could not be opened: each renderer tried and its error.
#[derive(Debug, Default)]
pub struct Failure {
    /// In the order tried.
    pub attempts: Vec<(Renderer, String)>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "年报无法打开窗口：这台电脑的图形接口不能用于绘制界面（需要 OpenGL 2.0 以上，\
             或 Direct3D 12、Vulkan）。"
        )?;
        writeln!(f)?;
        writeln!(f, "已尝试：")?;
        for (renderer, error) in &self.attempts {
            writeln!(f, "· {}：{error}", renderer.label())?;
        }
        writeln!(f)?;
        write!(
            f,
            "可以：安装或更新显卡驱动；远程桌面或云桌面中请联系管理员开启图形加速；\
             或用同一文件夹中的命令行工具 nianbao-cli 校验和导出报告。"
        )
    }
}

/// Runs `run` with each renderer of `order` until one starts; a renderer that fails to
/// start is followed by the next, any other error ends the attempts. The renderer that
/// ran, or why none did.
pub fn run_first_that_starts(
    order: &[Renderer],
    mut run: impl FnMut(Renderer) -> eframe::Result,
) -> Result<Renderer, Failure> {
    let mut failure = Failure::default();
    for &renderer in order {
        match run(renderer) {
            Ok(()) => return Ok(renderer),
            Err(error) => {
                let next = is_renderer_failure(&error);
                failure.attempts.push((renderer, error.to_string()));
                if !next {
                    break;
                }
            }
        }
    }
    Err(failure)
}
