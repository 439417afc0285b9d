//! The renderer fallback: OpenGL first, wgpu where OpenGL cannot start, a message naming
//! both when neither can; `NIANBAO_RENDERER` forces one. (The fallback on a real display,
//! with OpenGL made to fail, is shown in the README with the command that made it.)

use eframe::egui_glow::PainterError;
use eframe::egui_wgpu::WgpuError;
use nianbao::gui::renderer::{Renderer, order, run_first_that_starts};

fn opengl_1_1() -> eframe::Error {
    eframe::Error::OpenGL(PainterError::from(
        "OpenGL 1.1 is not supported (GLSL 1.20 or ES 1.00 needed)".to_owned(),
    ))
}

#[test]
fn opengl_first_then_wgpu_unless_one_is_forced() {
    assert_eq!(order(None), (vec![Renderer::Glow, Renderer::Wgpu], None));
    assert_eq!(order(Some("wgpu")).0, vec![Renderer::Wgpu]);
    assert_eq!(order(Some(" GLOW ")).0, vec![Renderer::Glow]);
    let (fallback, warning) = order(Some("vulkan"));
    assert_eq!(fallback, vec![Renderer::Glow, Renderer::Wgpu]);
    assert!(warning.is_some_and(|w| w.contains("vulkan") && w.contains("glow 或 wgpu")));
}

#[test]
fn wgpu_draws_when_opengl_reports_failure() {
    let mut tried = Vec::new();
    let ran = run_first_that_starts(&order(None).0, |renderer| {
        tried.push(renderer);
        match renderer {
            Renderer::Glow => Err(opengl_1_1()),
            Renderer::Wgpu => Ok(()),
        }
    });
    assert_eq!(ran.unwrap(), Renderer::Wgpu);
    assert_eq!(tried, [Renderer::Glow, Renderer::Wgpu]);
    // OpenGL that starts is kept: wgpu is not even tried.
    let mut tried = Vec::new();
    let ran = run_first_that_starts(&order(None).0, |renderer| {
        tried.push(renderer);
        Ok(())
    });
    assert_eq!(ran.unwrap(), Renderer::Glow);
    assert_eq!(tried, [Renderer::Glow]);
}

#[test]
fn when_neither_starts_the_message_names_both_and_what_to_do() {
    let failure = run_first_that_starts(&order(None).0, |renderer| match renderer {
        Renderer::Glow => Err(opengl_1_1()),
        Renderer::Wgpu => Err(eframe::Error::Wgpu(WgpuError::NoSurfaceFormatsAvailable)),
    })
    .unwrap_err();
    assert_eq!(failure.attempts.len(), 2);
    let message = failure.to_string();
    for expected in [
        "无法打开窗口",
        "OpenGL：",
        "OpenGL 1.1",
        "wgpu",
        "显卡驱动",
        "nianbao-cli",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }
}

#[test]
fn an_error_no_renderer_changes_is_not_retried() {
    // The app itself failing (not the graphics) ends the attempts at once.
    let mut tried = 0;
    let failure = run_first_that_starts(&order(None).0, |_| {
        tried += 1;
        Err(eframe::Error::AppCreation("界面初始化失败".into()))
    })
    .unwrap_err();
    assert_eq!(tried, 1);
    assert!(failure.to_string().contains("界面初始化失败"));
}
