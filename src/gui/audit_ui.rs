//! 审查结果: the overview of an audit of published reports (审查已发布年报), one row per
//! report, most errors first. A row is picked with a click; a double click, or 打开所选报告,
//! opens it to review.

use eframe::egui::{self, RichText, ScrollArea, Ui};

use super::Command;
use super::command::Next;
use crate::audit::{Audit, Audited};

/// The dialog; `selected` is the row picked.
pub(super) fn audit_dialog_ui(
    ui: &mut Ui,
    audit: Option<&Audit>,
    selected: &mut Option<usize>,
) -> Option<Next> {
    ui.heading("审查结果");
    let Some(audit) = audit else {
        ui.label("没有审查结果");
        return ui.button("关闭").clicked().then_some(Next::Close);
    };
    ui.label(crate::audit::summary_line(audit));
    ui.weak("双击一行，或选中后点「打开所选报告」，在审阅模式中查看该报告及其问题");
    let mut open = None;
    ScrollArea::both()
        .id_salt("audit-overview")
        .max_height(420.0)
        .show(ui, |ui| {
            egui::Grid::new("audit-overview-grid")
                .num_columns(8)
                .striped(true)
                .show(ui, |ui| {
                    for heading in [
                        "机关全称",
                        "年度",
                        "类型",
                        "错误",
                        "警告",
                        "表三勾稽",
                        "逾期",
                        "文件",
                    ] {
                        ui.strong(heading);
                    }
                    ui.end_row();
                    for (i, report) in audit.reports.iter().enumerate() {
                        if row_ui(ui, report, *selected == Some(i), selected, i) {
                            open = Some(i);
                        }
                    }
                });
        });
    if !audit.unreadable.is_empty() {
        ui.collapsing(
            format!("未能读取（{}个文件）", audit.unreadable.len()),
            |ui| {
                for u in &audit.unreadable {
                    ui.label(format!("{}：{}", u.file, u.reason));
                }
            },
        );
    }
    ui.horizontal(|ui| {
        let picked = selected.and_then(|i| audit.reports.get(i));
        if ui
            .add_enabled(picked.is_some(), egui::Button::new("打开所选报告"))
            .clicked()
        {
            open = *selected;
        }
        for (text, html) in [("导出工作簿…", false), ("导出网页…", true)] {
            if ui.button(text).clicked() {
                return Some(Next::Run(vec![Command::ExportAudit { html, path: None }]));
            }
        }
        if ui.button("关闭").clicked() {
            return Some(Next::Close);
        }
        None
    })
    .inner
    .or_else(|| {
        let report = audit.reports.get(open?)?;
        let path = std::path::PathBuf::from(&report.file);
        Some(Next::Run(vec![Command::OpenAudited(path)]))
    })
}

/// One report's row; whether it was double-clicked.
fn row_ui(
    ui: &mut Ui,
    r: &Audited,
    is_selected: bool,
    selected: &mut Option<usize>,
    i: usize,
) -> bool {
    let agency = if r.agency.is_empty() {
        "（未读到机关名称）"
    } else {
        &r.agency
    };
    let response = ui.selectable_label(is_selected, agency);
    if response.clicked() {
        *selected = Some(i);
    }
    ui.label(r.year.to_string());
    ui.label(r.source);
    let count = |n: usize, color: egui::Color32| {
        let text = RichText::new(n.to_string());
        if n > 0 {
            text.color(color).strong()
        } else {
            text
        }
    };
    ui.label(count(r.errors, egui::Color32::from_rgb(0xB0, 0x00, 0x20)));
    ui.label(count(r.warnings, egui::Color32::from_rgb(0x8A, 0x5A, 0x00)));
    ui.label(r.balance_summary().0);
    ui.label(match r.is_late() {
        Some(true) => "逾期",
        Some(false) => "否",
        None => "未注明日期",
    });
    ui.label(&r.file);
    ui.end_row();
    response.double_clicked()
}
