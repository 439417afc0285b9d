//! 定稿 in the editor: the banner over a signed-off report, the 审阅 menu's 「定稿…」 and
//! 「解除定稿…」, and their dialogs (a name; a name and a reason).

use eframe::egui::{self, RichText, TextEdit, Ui};

use super::command::Next;
use super::view::Doc;
use super::{Command, Dialog, Interaction};

/// The sign-off's colour: a report that may not be changed.
const FINAL: egui::Color32 = egui::Color32::from_rgb(0x1F, 0x5F, 0x3F);

/// Over every page of a report that was signed off: who, when, whether it was reopened;
/// with 「解除定稿…」 while it is final.
pub(super) fn banner_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let draft = doc.session.draft();
    let Some(note) = draft.finalized_note() else {
        return;
    };
    let is_final = draft.is_final();
    let color = if is_final {
        FINAL
    } else {
        ui.visuals().weak_text_color()
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, color))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = if is_final {
                    "已定稿"
                } else {
                    "已解除定稿"
                };
                ui.label(RichText::new(title).strong().color(color));
                ui.label(note);
                if is_final && ui.button("解除定稿…").clicked() {
                    ix.commands.push(reopen_dialog(doc));
                }
            });
        });
    ui.add_space(6.0);
}

fn reopen_dialog(doc: &Doc<'_>) -> Command {
    Command::OpenDialog(Box::new(Dialog::Reopen {
        by: doc.signer.to_owned(),
        reason: String::new(),
    }))
}

/// The 审阅 menu's entries: 「定稿…」 for a draft not final, 「解除定稿…」 for one that is.
pub(super) fn signoff_menu_items(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    if doc.session.draft().is_final() {
        if ui.button("解除定稿…").clicked() {
            ix.commands.push(reopen_dialog(doc));
            ui.close();
        }
    } else if ui
        .button("定稿…")
        .on_hover_text("记录定稿人、时间和内容校验码；定稿后报告内容只读")
        .clicked()
    {
        let dialog = Dialog::Finalize {
            by: doc.signer.to_owned(),
        };
        ix.commands.push(Command::OpenDialog(Box::new(dialog)));
        ui.close();
    }
}

/// 定稿: the signer's name (required).
pub(super) fn finalize_dialog_ui(ui: &mut Ui, by: &mut String, focus: bool) -> Option<Next> {
    ui.heading("定稿");
    ui.label("定稿后报告内容只读；记录定稿人、时间和内容校验码，导出的文件注明为定稿版本。");
    let enter = name_field_ui(ui, by, focus);
    ui.horizontal(|ui| {
        let ready = !by.trim().is_empty();
        let clicked = ui
            .add_enabled(ready, egui::Button::new("确认定稿"))
            .clicked();
        if ready && (clicked || enter) {
            return Some(Next::Run(vec![Command::Finalize(by.trim().to_owned())]));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// 解除定稿: the name and the reason (both required, both recorded).
pub(super) fn reopen_dialog_ui(
    ui: &mut Ui,
    (by, reason): (&mut String, &mut String),
    focus: bool,
) -> Option<Next> {
    ui.heading("解除定稿");
    ui.label("解除后报告可以修改；解除人、时间和原因记入草稿，并在报告上方显示。");
    name_field_ui(ui, by, focus);
    let l = ui.label("原因");
    ui.add(
        TextEdit::multiline(reason)
            .desired_rows(2)
            .desired_width(420.0),
    )
    .labelled_by(l.id);
    ui.horizontal(|ui| {
        let ready = !by.trim().is_empty() && !reason.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("确认解除定稿"))
            .clicked()
        {
            return Some(Next::Run(vec![Command::Reopen {
                by: by.trim().to_owned(),
                reason: reason.trim().to_owned(),
            }]));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// The name field, focused when the dialog opens; whether Enter was pressed in it.
fn name_field_ui(ui: &mut Ui, by: &mut String, focus: bool) -> bool {
    let l = ui.label("姓名");
    let response = ui
        .add(TextEdit::singleline(by).desired_width(240.0))
        .labelled_by(l.id);
    if focus {
        response.request_focus();
    }
    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}
