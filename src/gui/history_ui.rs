//! 版本历史: the versions earlier saves replaced, newest first; one picked shows what has
//! changed since, and can be restored (one undoable step).

use eframe::egui::{self, ScrollArea, Ui};

use super::Command;
use super::command::Next;
use super::view::Doc;

/// The dialog; `selected` is the version picked (0 the newest).
pub(super) fn history_dialog_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    selected: &mut Option<usize>,
) -> Option<Next> {
    ui.heading("版本历史");
    let draft = doc.session.draft();
    if draft.history.is_empty() {
        ui.label("还没有历史版本：每次保存时，保存前的版本会保留在草稿文件中。");
        return ui.button("关闭").clicked().then_some(Next::Close);
    }
    ui.label(format!(
        "共{}个版本（最近{}个全部保留，更早的每天保留一个）。选中一个版本可查看此后的改动或恢复。",
        draft.history.len(),
        crate::draft::KEEP_ALL
    ));
    ScrollArea::vertical()
        .id_salt("history-versions")
        .max_height(200.0)
        .show(ui, |ui| {
            egui::Grid::new("history-grid")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for heading in ["版本", "保存时间", "保存人", "此后的改动"] {
                        ui.strong(heading);
                    }
                    ui.end_row();
                    for (i, v) in draft.history.iter().enumerate() {
                        let label = format!("版本{}", i + 1);
                        if ui.selectable_label(*selected == Some(i), label).clicked() {
                            *selected = Some(i);
                        }
                        ui.label(&v.replaced_at);
                        ui.label(if v.by.is_empty() { "—" } else { &v.by });
                        ui.label(&v.summary);
                        ui.end_row();
                    }
                });
        });
    if let Some(n) = *selected
        && let Some(then) = draft.version(n)
    {
        let changes = crate::review::diff(doc.session.template(), &then, draft);
        ui.separator();
        ui.strong(format!("版本{}以来的改动（{}处）", n + 1, changes.len()));
        ScrollArea::vertical()
            .id_salt("history-changes")
            .max_height(220.0)
            .show(ui, |ui| {
                for change in &changes {
                    ui.add(egui::Label::new(crate::review::change_line(change)).wrap());
                }
            });
    }
    ui.horizontal(|ui| {
        let restore = egui::Button::new("恢复此版本");
        if ui.add_enabled(selected.is_some(), restore).clicked()
            && let Some(n) = *selected
        {
            return Some(Next::Run(vec![Command::RestoreVersion(n)]));
        }
        ui.button("关闭").clicked().then_some(Next::Close)
    })
    .inner
}
