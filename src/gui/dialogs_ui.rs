//! The modal dialogs: one `*_dialog_ui` per [`Dialog`], each drawing its dialog, editing
//! the text typed into it in place, and saying what should happen next ([`super::command::Next`]). They
//! read the document and change nothing of it: the dialogs ask, the commands act.
//!
//! Every dialog keeps its place as its content grows (its top is fixed), its text field
//! has the focus when it opens, and Esc cancels it.

use std::path::PathBuf;

use eframe::egui::{self, RichText, ScrollArea, TextEdit, Ui};

use super::command::{Command, ExportFormat, FilePurpose, Next};
use super::style::severity_color;
use super::view::Doc;
use super::{Dialog, files, recovery};
use crate::draft::Verdict;
use crate::engine::Severity;

/// What the dialogs read besides their own state.
pub(super) struct DialogContext<'a> {
    /// The document.
    pub doc: &'a Doc<'a>,
    /// A recovery file found at start, for the question about it.
    pub recovery: Option<&'a recovery::Recovered>,
    /// The tables are read-only (a consolidated report).
    pub tables_read_only: bool,
    /// The dialog has just opened: its text field takes the focus.
    pub focus: bool,
}

/// Draws the open dialog, if any; its answer, when it was given (Esc cancels every dialog).
pub(super) fn dialog_ui(
    ctx: &egui::Context,
    dc: &DialogContext<'_>,
    dialog: &mut Dialog,
) -> Option<Next> {
    // The top stays where it is as the content grows, so a button does not move away.
    let id = egui::Id::unique("nianbao-dialog");
    let area =
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 72.0));
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        // The audit's overview is a wide table.
        let wide = matches!(dialog, Dialog::Audit { .. } | Dialog::History { .. });
        ui.set_max_width(if wide { 1000.0 } else { 460.0 });
        dialog_content_ui(ui, dc, dialog)
    });
    let escape = modal.is_top_modal
        && !modal.any_popup_open
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    modal.inner.or_else(|| escape.then_some(Next::Close))
}

fn dialog_content_ui(ui: &mut Ui, dc: &DialogContext<'_>, dialog: &mut Dialog) -> Option<Next> {
    let session = dc.doc.session;
    match dialog {
        Dialog::Unsaved(then) => unsaved_dialog_ui(ui, then),
        Dialog::Path {
            purpose,
            text,
            reason,
        } => path_dialog_ui(ui, (*purpose, text, reason), dc),
        Dialog::Recovery => recovery_dialog_ui(ui, dc.recovery),
        Dialog::SwitchTemplate { template_id, name } => {
            switch_template_dialog_ui(ui, template_id, name, session.draft().meta.year)
        }
        Dialog::Overwrite { path, then } => overwrite_dialog_ui(ui, path, then),
        Dialog::ExportDate { format, path, text } => {
            export_date_dialog_ui(ui, (*format, path, text), dc.focus)
        }
        Dialog::ExportWithErrors {
            format,
            path,
            reason,
        } => export_with_errors_dialog_ui(ui, (*format, path, reason), dc),
        Dialog::ImportReport { summary, details } => {
            let has_stated = !session.draft().stated.is_empty();
            import_report_dialog_ui(ui, summary, details, has_stated)
        }
        Dialog::Dispose {
            fingerprint,
            finding,
            is_error,
            verdict,
            note,
        } => dispose_dialog_ui(
            ui,
            (fingerprint, finding, *is_error, *verdict),
            note,
            dc.focus,
        ),
        Dialog::Comment { target, name, text } => {
            comment_dialog_ui(ui, (target, name), text, dc.focus)
        }
        Dialog::Breakdown { name, rows } => breakdown_dialog_ui(ui, name, rows),
        Dialog::Audit { selected } => super::audit_ui::audit_dialog_ui(ui, dc.doc.audit, selected),
        Dialog::History { selected } => super::history_ui::history_dialog_ui(ui, dc.doc, selected),
        Dialog::Finalize { by } => super::signoff_ui::finalize_dialog_ui(ui, by, dc.focus),
        Dialog::Reopen { by, reason } => {
            super::signoff_ui::reopen_dialog_ui(ui, (by, reason), dc.focus)
        }
        Dialog::Tally(tally) => tally_dialog_ui(ui, tally, dc),
        Dialog::Message(text) => message_dialog_ui(ui, text),
    }
}

/// Unsaved changes: 保存 (then run the command, only if the save went through), 不保存 or
/// 取消.
fn unsaved_dialog_ui(ui: &mut Ui, then: &Command) -> Option<Next> {
    ui.heading("有未保存的修改");
    ui.label("是否先保存当前草稿？");
    ui.horizontal(|ui| {
        if ui.button("保存").clicked() {
            return Some(Next::SaveThen(then.clone()));
        }
        if ui.button("不保存").clicked() {
            return Some(Next::Discard(then.clone()));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// No system file dialog: the path typed in a field that has the focus when the dialog
/// opens (Enter confirms). A file to write that exists is confirmed first; an export is
/// never written over the open draft.
fn path_dialog_ui(
    ui: &mut Ui,
    (purpose, text, reason): (FilePurpose, &mut String, &Option<String>),
    dc: &DialogContext<'_>,
) -> Option<Next> {
    ui.heading(purpose.title());
    let what = if matches!(purpose, FilePurpose::Merge | FilePurpose::Audit) {
        "文件夹路径"
    } else {
        "文件路径"
    };
    ui.label(format!("系统没有提供文件对话框，请输入{what}："));
    let l = ui.label(what);
    let response = ui
        .add(TextEdit::singleline(text).desired_width(420.0))
        .labelled_by(l.id);
    // The field takes the focus when the dialog opens, so no keystroke is lost.
    if dc.focus {
        response.request_focus();
    }
    let is_enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if (ui.button("确定").clicked() || is_enter) && !text.trim().is_empty() {
            let current = dc.doc.session.path.as_deref();
            return Some(chosen_path(purpose, text.trim(), reason.clone(), current));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// What a typed path leads to.
fn chosen_path(
    purpose: FilePurpose,
    text: &str,
    reason: Option<String>,
    current: Option<&std::path::Path>,
) -> Next {
    let path = PathBuf::from(text);
    let path = match purpose.extension() {
        Some(extension) => path.with_extension(extension),
        None => path,
    };
    let then = match (purpose.command(path.clone()), reason) {
        (Command::Export { format, path, .. }, reason) => Command::Export {
            format,
            path,
            reason,
        },
        (command, _) => command,
    };
    if matches!(purpose, FilePurpose::Export(_)) && files::is_same_file(&path, current) {
        Next::Show(Dialog::Message(
            "不能导出到正在编辑的草稿文件，请换一个文件名".to_owned(),
        ))
    } else if purpose.writes() && files::would_overwrite(&path, current) {
        Next::Show(Dialog::Overwrite { path, then })
    } else {
        Next::run(then)
    }
}

/// A recovery file from a window that closed abnormally: which draft, when written; 恢复 or
/// 丢弃.
fn recovery_dialog_ui(ui: &mut Ui, found: Option<&recovery::Recovered>) -> Option<Next> {
    ui.heading("发现未保存的内容");
    ui.label("有一个窗口在异常关闭前留下了尚未保存的修改。是否恢复？");
    if let Some(found) = found {
        let file = found.path.as_deref().map_or_else(
            || "尚未保存过的新草稿".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(format!("文件：{file}"));
        let meta = &found.draft.meta;
        let agency = if meta.agency.trim().is_empty() {
            "（未填写机关全称）"
        } else {
            meta.agency.trim()
        };
        ui.label(format!("报告：{agency} {}年度", meta.year));
        if let Some(written) = found.written {
            let age = recovery::age_label(written, recovery::now());
            ui.label(format!("最后写入：{age}"));
        }
    }
    ui.horizontal(|ui| {
        if ui.button("恢复").clicked() {
            return Some(Next::run(Command::RestoreRecovery));
        }
        ui.button("丢弃")
            .clicked()
            .then(|| Next::run(Command::DiscardRecovery))
    })
    .inner
}

/// The report year moved across a format change: switch to the year's format?
fn switch_template_dialog_ui(
    ui: &mut Ui,
    template_id: &str,
    name: &str,
    year: u16,
) -> Option<Next> {
    ui.heading("切换报告格式？");
    ui.label(format!(
        "{year}年度报告应使用「{name}」。切换后已填的数字和文字都保留，新格式没有的单元格会在校验结果中列出。"
    ));
    ui.horizontal(|ui| {
        if ui.button("切换").clicked() {
            return Some(Next::run(Command::SwitchTemplate(template_id.to_owned())));
        }
        ui.button("暂不切换").clicked().then_some(Next::Close)
    })
    .inner
}

/// Saving or exporting would replace another file: 替换 (it is kept as .bak) or 取消.
fn overwrite_dialog_ui(ui: &mut Ui, path: &std::path::Path, then: &Command) -> Option<Next> {
    ui.heading("文件已存在");
    ui.label(format!(
        "要替换它吗？原文件会保留为 .bak：{}",
        path.display()
    ));
    ui.horizontal(|ui| {
        if ui.button("替换").clicked() {
            return Some(Next::run(then.clone()));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// The draft has errors: list them, and export only with a reason (kept with the export
/// command until the file is written).
/// The signature's date, asked for before exporting a report that has none: kept in the
/// draft as its 发布日期 (one undoable step), then the export goes on.
fn export_date_dialog_ui(
    ui: &mut Ui,
    (format, path, text): (ExportFormat, &Option<PathBuf>, &mut String),
    focus: bool,
) -> Option<Next> {
    ui.heading("落款日期");
    ui.label("发布的报告在落款处署发布日期（GB/T 9704），草稿还没有填写：");
    let l = ui.label("发布日期（如 2025-01-20）");
    let field = ui
        .add(TextEdit::singleline(text).desired_width(200.0))
        .labelled_by(l.id);
    if focus {
        field.request_focus();
    }
    let date = crate::date::Date::parse(text);
    match date {
        Some(date) => ui.label(format!("落款将印为：{}", date.to_chinese())),
        None => ui.label(
            RichText::new("无法识别这个日期，请按 2025-01-20 的格式填写")
                .color(severity_color(Severity::Error)),
        ),
    };
    let is_enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        let ok = ui.add_enabled(date.is_some(), egui::Button::new("确定并导出"));
        if let Some(date) = date
            && (ok.clicked() || is_enter)
        {
            return Some(Next::Run(vec![
                Command::SetMeta {
                    field: crate::meta::Field::PublishedOn,
                    value: date.to_string(),
                },
                Command::EndStep,
                Command::Export {
                    format,
                    path: path.clone(),
                    reason: None,
                },
            ]));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

fn export_with_errors_dialog_ui(
    ui: &mut Ui,
    (format, path, reason): (ExportFormat, &Option<PathBuf>, &mut String),
    dc: &DialogContext<'_>,
) -> Option<Next> {
    let session = &dc.doc.session;
    let has_errors = session.evaluation().has_errors();
    let shown: Vec<_> = dc
        .doc
        .derived
        .findings
        .iter()
        .filter(|l| {
            let f = &session.evaluation().findings[l.index];
            f.severity == Severity::Error || (f.severity == Severity::Warning && !l.settled)
        })
        .collect();
    if has_errors {
        ui.heading("草稿有错误");
    } else {
        ui.heading("导出前请确认");
    }
    if !session.draft().is_final() {
        ui.label(
            "此报告尚未定稿：导出的文件在文件属性中注明为「未定稿」。定稿请用「审阅 › 定稿…」。",
        );
    }
    if has_errors {
        ui.label("以下问题会出现在发布的报告中：");
    } else if !shown.is_empty() {
        ui.label("草稿还有以下警告（已核实的不再列出），导出的报告会原样带上这些问题：");
    }
    let bar = egui::scroll_area::ScrollBarVisibility::AlwaysVisible;
    if !shown.is_empty() {
        ScrollArea::vertical()
            .max_height(220.0)
            .scroll_bar_visibility(bar)
            .show(ui, |ui| {
                // A fixed width: wrapped lines never widen the dialog frame by frame.
                ui.set_width(480.0);
                for l in shown {
                    let f = &session.evaluation().findings[l.index];
                    let line = format!("● {} {}", f.rule, f.message);
                    let text = RichText::new(line).color(severity_color(f.severity));
                    ui.add(egui::Label::new(text).wrap());
                }
            });
    }
    let mut answer = String::new();
    if has_errors {
        let l = ui.label("确认无误、仍要导出的原因（必填）");
        let field = ui
            .add(TextEdit::singleline(reason).desired_width(420.0))
            .labelled_by(l.id);
        if dc.focus {
            field.request_focus();
        }
        answer = reason.trim().to_owned();
    }
    let can_go = !has_errors || !answer.is_empty();
    ui.horizontal(|ui| {
        let go = ui.add_enabled(can_go, egui::Button::new("仍然导出"));
        if dc.focus && !has_errors {
            go.request_focus();
        }
        if go.clicked() {
            return Some(Next::run(Command::Export {
                format,
                path: path.clone(),
                reason: Some(answer),
            }));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// What an import read: the summary, the details folded by table, and (when the report
/// printed totals) 采用软件计算的合计.
fn import_report_dialog_ui(
    ui: &mut Ui,
    summary: &str,
    details: &str,
    has_stated: bool,
) -> Option<Next> {
    ui.heading("导入报告");
    ui.label(summary);
    ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        import_details_ui(ui, details);
    });
    ui.horizontal(|ui| {
        if ui.button("确定").clicked() {
            return Some(Next::Close);
        }
        let accept = has_stated
            && ui
                .button("采用软件计算的合计")
                .on_hover_text("不再保留原表印出的合计（可撤销）")
                .clicked();
        accept.then(|| Next::run(Command::AcceptComputedTotals))
    })
    .inner
}

/// A verdict on a finding: 已核实 needs an explanation (on an error it only explains it),
/// 需修改 takes a comment.
fn dispose_dialog_ui(
    ui: &mut Ui,
    (fingerprint, finding, is_error, verdict): (&str, &str, bool, Verdict),
    note: &mut String,
    focus: bool,
) -> Option<Next> {
    ui.heading(verdict.label());
    ui.label(finding);
    if is_error && verdict == Verdict::Verified {
        ui.label(
            RichText::new("这是错误：说明会随草稿保存，但错误不会因此消除。")
                .color(severity_color(Severity::Error)),
        );
    }
    let l = ui.label(match verdict {
        Verdict::Verified => "核实说明（必填）",
        Verdict::NeedsChange => "修改意见",
    });
    let field = ui
        .add(
            TextEdit::multiline(note)
                .desired_width(420.0)
                .desired_rows(3),
        )
        .labelled_by(l.id);
    if focus {
        field.request_focus();
    }
    let can_save = verdict == Verdict::NeedsChange || !note.trim().is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(can_save, egui::Button::new("确定"))
            .clicked()
        {
            return Some(Next::run(Command::Dispose {
                fingerprint: fingerprint.to_owned(),
                verdict,
                note: note.clone(),
            }));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// A comment (批注) on a cell, a part or a field.
fn comment_dialog_ui(
    ui: &mut Ui,
    (target, name): (&str, &str),
    text: &mut String,
    focus: bool,
) -> Option<Next> {
    ui.heading("添加批注");
    ui.label(name);
    let l = ui.label("批注内容");
    let field = ui
        .add(
            TextEdit::multiline(text)
                .desired_width(420.0)
                .desired_rows(3),
        )
        .labelled_by(l.id);
    if focus {
        field.request_focus();
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!text.trim().is_empty(), egui::Button::new("确定"))
            .clicked()
        {
            return Some(Next::run(Command::AddComment {
                target: target.to_owned(),
                text: text.clone(),
            }));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// 从台账生成表三: which register column is which (changeable), the values that match no
/// column or row of table 三 (to assign, or leave out), what the tally gives and how it
/// differs from the draft. Nothing is replaced until 「替换表三」.
fn tally_dialog_ui(
    ui: &mut Ui,
    dialog: &mut super::TallyDialog,
    dc: &DialogContext<'_>,
) -> Option<Next> {
    ui.set_max_width(620.0);
    ui.heading("从台账生成表三");
    ui.label(dialog.register.display().to_string());
    let mut changed = tally_columns_ui(ui, dialog);
    changed |= tally_values_ui(ui, dialog, dc.doc.session.template());
    if changed {
        dialog.refresh(dc.doc.session);
    }
    ui.separator();
    match &dialog.tally {
        Ok(tally) => {
            ui.label(format!(
                "计入表三的申请{}个，未计入{}行；表三有{}个单元格与草稿现有的数字不同",
                tally.n_counted,
                tally.rejected.len(),
                dialog.changes.len()
            ));
            ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                egui::CollapsingHeader::new(format!("未计入的行（{}）", tally.rejected.len()))
                    .show(ui, |ui| {
                        for r in tally.rejected.iter().take(200) {
                            ui.label(format!("第{}行：{}", r.row, r.reason));
                        }
                    });
                egui::CollapsingHeader::new(format!(
                    "与草稿不同的单元格（{}）",
                    dialog.changes.len()
                ))
                .default_open(true)
                .show(ui, |ui| {
                    for change in &dialog.changes {
                        ui.label(crate::review::change_line(change));
                    }
                });
            });
        }
        Err(message) => {
            ui.label(RichText::new(message).color(severity_color(Severity::Error)));
        }
    }
    ui.horizontal(|ui| {
        let can_apply = dialog.tally.is_ok() && !dc.tables_read_only;
        if ui
            .add_enabled(can_apply, egui::Button::new("替换表三"))
            .on_hover_text("用台账的统计替换表三的数字（可撤销）；对应关系保存在台账旁")
            .clicked()
        {
            return Some(Next::run(Command::ApplyTally {
                register: dialog.register.clone(),
                mapping: dialog.mapping.clone(),
            }));
        }
        ui.button("取消").clicked().then_some(Next::Close)
    })
    .inner
}

/// The four columns, each picked from the register's header row; true when one changed.
fn tally_columns_ui(ui: &mut Ui, dialog: &mut super::TallyDialog) -> bool {
    let header: Vec<String> = dialog
        .rows
        .iter()
        .take(20)
        .find(|row| row.iter().any(|c| c.trim() == dialog.mapping.received))
        .or_else(|| dialog.rows.first())
        .map(|row| {
            row.iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut changed = false;
    egui::Grid::new("tally-columns")
        .num_columns(2)
        .show(ui, |ui| {
            let mapping = &mut dialog.mapping;
            for (label, value) in [
                ("收到申请日期", &mut mapping.received),
                ("申请人类型", &mut mapping.applicant),
                ("办理结果", &mut mapping.outcome),
                ("办结日期", &mut mapping.closed),
            ] {
                let l = ui.label(label);
                let before = value.clone();
                egui::ComboBox::from_id_salt(("tally-column", label))
                    .selected_text(value.as_str())
                    .show_ui(ui, |ui| {
                        for h in &header {
                            ui.selectable_value(value, h.clone(), h);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                changed |= *value != before;
                ui.end_row();
            }
        });
    changed
}

/// The applicant types and the outcomes (of closed rows) the register writes, each with
/// the column or row of table 三 it is counted in, or 「（不计入）」: what is assigned can
/// be seen and changed. True when an assignment changed.
fn tally_values_ui(
    ui: &mut Ui,
    dialog: &mut super::TallyDialog,
    template: &crate::template::Template,
) -> bool {
    let Some(register) = &template.register else {
        return false;
    };
    let (applicants, outcomes) = dialog.values.clone();
    if applicants.is_empty() && outcomes.is_empty() {
        return false;
    }
    ui.label(
        "台账中的取值计入表三的哪一列、哪一行（「不计入」的，所在的行不计入；\
         尚未办结的申请计入「结转下年度继续办理」，不需要办理结果）：",
    );
    let mut changed = false;
    ScrollArea::vertical()
        .id_salt("tally-values")
        .max_height(180.0)
        .show(ui, |ui| {
            egui::Grid::new("tally-values")
                .num_columns(2)
                .show(ui, |ui| {
                    let targets: Vec<(String, String)> = register
                        .applicants
                        .iter()
                        .map(|a| (a.key.clone(), a.name.clone()))
                        .collect();
                    for value in applicants {
                        let label = format!("申请人类型「{value}」");
                        changed |= assignment_ui(
                            ui,
                            &label,
                            &mut dialog.mapping.applicants,
                            value,
                            &targets,
                        );
                    }
                    let targets: Vec<(String, String)> = register
                        .outcomes
                        .iter()
                        .map(|o| (o.id.clone(), outcome_name(o)))
                        .collect();
                    for value in outcomes {
                        let label = format!("办理结果「{value}」");
                        changed |= assignment_ui(
                            ui,
                            &label,
                            &mut dialog.mapping.outcomes,
                            value,
                            &targets,
                        );
                    }
                });
        });
    changed
}

/// A row of table 三 as the table prints it: 「（一）予以公开」, 「（三）不予公开 1.属于国家秘密」.
fn outcome_name(o: &crate::template::Outcome) -> String {
    if o.parent.is_empty() {
        o.label.clone()
    } else {
        format!("{} {}", o.parent, o.label)
    }
}

/// One value's assignment, picked from `targets` (key, name) or 「（不计入）」; true when
/// it changed.
fn assignment_ui(
    ui: &mut Ui,
    label: &str,
    assigned: &mut std::collections::BTreeMap<String, String>,
    value: String,
    targets: &[(String, String)],
) -> bool {
    const NOT_COUNTED: &str = "（不计入）";
    let before = assigned.get(&value).cloned();
    let mut picked = before.clone();
    let shown = picked
        .as_ref()
        .and_then(|key| targets.iter().find(|(k, _)| k == key))
        .map_or(NOT_COUNTED, |(_, name)| name.as_str());
    let l = ui.label(label);
    egui::ComboBox::from_id_salt(("tally-value", label))
        .selected_text(shown)
        .width(280.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut picked, None, NOT_COUNTED);
            for (key, name) in targets {
                ui.selectable_value(&mut picked, Some(key.clone()), name);
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    if picked == before {
        return false;
    }
    match picked {
        Some(key) => assigned.insert(value, key),
        None => assigned.remove(&value),
    };
    true
}

/// 各单位数值: a consolidated cell's figure per unit, largest first, so an odd one shows.
fn breakdown_dialog_ui(ui: &mut Ui, name: &str, rows: &[(String, String)]) -> Option<Next> {
    ui.heading("各单位数值");
    ui.label(name);
    ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        egui::Grid::new("breakdown")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (unit, shown) in rows {
                    ui.label(unit);
                    ui.label(shown);
                    ui.end_row();
                }
            });
    });
    ui.button("确定").clicked().then_some(Next::Close)
}

/// A message to acknowledge.
fn message_dialog_ui(ui: &mut Ui, text: &str) -> Option<Next> {
    ui.label(text);
    ui.button("确定").clicked().then_some(Next::Close)
}

/// The import report's details: what was not read, ignored or interpreted first, as
/// written; the cells read grouped by table, each group folded (a table has up to 175).
fn import_details_ui(ui: &mut Ui, details: &str) {
    let mut read: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut in_read = false;
    for line in details.lines() {
        if line.trim().is_empty() {
            in_read = false;
            ui.add_space(4.0);
            continue;
        }
        if line == "读入的单元格：" {
            in_read = true;
            continue;
        }
        if in_read {
            let cell = line.trim();
            let table = cell.split(' ').next().unwrap_or_default();
            match read.last_mut() {
                Some((t, cells)) if *t == table => cells.push(cell),
                _ => read.push((table, vec![cell])),
            }
        } else if line.starts_with(' ') {
            ui.label(format!("　{}", line.trim()));
        } else {
            ui.strong(line);
        }
    }
    if !read.is_empty() {
        ui.strong("读入的单元格：");
    }
    for (table, cells) in read {
        egui::CollapsingHeader::new(format!("{table}（{}个）", cells.len()))
            .id_salt(("import-read", table))
            .show(ui, |ui| {
                for cell in cells {
                    ui.label(cell);
                }
            });
    }
}
