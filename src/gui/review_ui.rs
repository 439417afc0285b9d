//! Review in the editor: the 校验结果 panel with filters, 上一条/下一条, verdicts
//! (已核实 / 需修改) on each finding, the comments (批注) and the changes since the draft
//! was marked 已审阅; and the 审阅 menu.

use eframe::egui::{self, Color32, RichText, ScrollArea, Sense, Ui};

use super::command::Command;
use super::command::{command_button, shortcut_text};
use super::style::{CHANGED, OK_GREEN, QUIET, badge, severity_color};
use super::view::{Doc, Listed};
use super::{Dialog, Interaction};
use crate::draft::Verdict;
use crate::engine::{Finding, Severity};
use crate::review;

pub(super) fn review_menu(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let mut on = doc.review_mode;
    if ui
        .checkbox(&mut on, "审阅模式（只读）")
        .on_hover_text(format!(
            "{}：报告内容只读，可记录审阅意见和批注",
            shortcut_text(ui, &Command::SetReviewMode(true))
        ))
        .changed()
    {
        ix.commands.push(Command::SetReviewMode(on));
        ui.close();
    }
    ui.separator();
    for (text, command) in [
        ("下一条校验结果", Command::StepFinding(true)),
        ("上一条校验结果", Command::StepFinding(false)),
    ] {
        if command_button(ui, text, &command).clicked() {
            ix.commands.push(command);
            ui.close();
        }
    }
    let focused = ix.last_focused.clone();
    let label = focused.as_ref().map_or_else(
        || "添加批注…".to_owned(),
        |(_, name)| format!("添加批注…（{name}）"),
    );
    if ui
        .add_enabled(focused.is_some(), egui::Button::new(label))
        .on_disabled_hover_text("先点击要批注的单元格或段落")
        .clicked()
        && let Some((target, name)) = focused
    {
        ix.commands.push(Command::AskComment { target, name });
        ui.close();
    }
    ui.separator();
    super::signoff_ui::signoff_menu_items(ui, doc, ix);
    ui.separator();
    if ui
        .button("标记为已审阅")
        .on_hover_text("记下草稿现在的内容；此后的修改将突出显示")
        .clicked()
    {
        ix.commands.push(Command::MarkReviewed);
        ui.close();
    }
}

/// The 校验结果 panel.
pub(super) fn findings_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    egui::Panel::right("findings")
        .default_size(340.0)
        .resizable(true)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading("校验结果");
                badge(ui, (doc.derived.open[0], doc.derived.open[1]));
                if doc.review_mode {
                    ui.label(RichText::new("审阅模式").color(CHANGED).strong());
                }
            });
            filter_ui(ui, doc, ix);
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    list_ui(ui, doc, ix);
                    comments_ui(ui, doc, ix);
                    changes_ui(ui, doc, ix);
                });
        });
}

fn filter_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let mut filter = doc.filter.clone();
    ui.horizontal_wrapped(|ui| {
        for (i, (name, severity)) in [
            ("错误", Severity::Error),
            ("警告", Severity::Warning),
            ("提示", Severity::Info),
        ]
        .into_iter()
        .enumerate()
        {
            ui.checkbox(
                &mut filter.severities[i],
                RichText::new(name).color(severity_color(severity)),
            );
        }
        ui.checkbox(&mut filter.settled, "已核实");
    });
    ui.horizontal(|ui| {
        let template = &doc.session.template();
        let mut groups = vec!["全部".to_owned(), "基本信息".to_owned()];
        groups.extend(template.sections.iter().map(|s| s.heading()));
        let selected = filter.group.map_or(0, |g| g + 1);
        let mut picked = selected;
        let l = ui.label("范围");
        egui::ComboBox::from_id_salt("finding-group")
            .selected_text(groups[selected].clone())
            .width(130.0)
            .show_ui(ui, |ui| {
                for (i, g) in groups.iter().enumerate() {
                    ui.selectable_value(&mut picked, i, g);
                }
            })
            .response
            .labelled_by(l.id);
        if picked != selected {
            filter.group = picked.checked_sub(1);
        }
        for (text, command) in [
            ("上一条", Command::StepFinding(false)),
            ("下一条", Command::StepFinding(true)),
        ] {
            let keys = shortcut_text(ui, &command);
            if ui.button(text).on_hover_text(keys).clicked() {
                ix.commands.push(command);
            }
        }
    });
    if &filter != doc.filter {
        ix.commands.push(Command::SetFilter(filter));
    }
}

/// The findings listed, grouped by 基本信息 and section, each with its verdict and, when
/// picked (or in 审阅模式), its verdict buttons.
fn list_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let template = &doc.session.template();
    let visible = doc.derived.visible(doc.filter, doc.session);
    if doc.session.evaluation().findings.is_empty() {
        ui.label(RichText::new("没有发现问题").color(OK_GREEN));
    } else if visible.is_empty() {
        ui.weak("没有符合筛选条件的校验结果");
    }
    let mut group_shown = None;
    for (n, listed) in visible.iter().enumerate() {
        if group_shown != Some(listed.group) {
            ui.add_space(4.0);
            ui.strong(if listed.group == 0 {
                "基本信息".to_owned()
            } else {
                template.sections[listed.group - 1].heading()
            });
            group_shown = Some(listed.group);
        }
        finding_ui(ui, doc, ix, (n, listed));
        ui.add_space(2.0);
    }
}

/// One finding of the list: its line (click to go to it), its verdict, 采用计算的合计 for a
/// printed total that disagrees, and the verdict buttons. The current one is kept in view.
fn finding_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction, (n, listed): (usize, &Listed)) {
    let f = doc.finding(listed);
    let template = &doc.session.template();
    let disposition = review::disposition(template, doc.session.draft(), f);
    let fingerprint = &listed.fingerprint;
    let is_current = doc.cursor == Some(fingerprint.as_str());
    let frame = egui::Frame::new().inner_margin(2.0).fill(if is_current {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        Color32::TRANSPARENT
    });
    let shown = frame.show(ui, |ui| {
        let response = ui
            .add(
                egui::Label::new(finding_line(ui, f, listed.settled))
                    .wrap()
                    .sense(Sense::click()),
            )
            .on_hover_text(format!("{}（点击定位）", f.severity.label()));
        if response.clicked() {
            ix.commands.push(Command::PickFinding {
                fingerprint: fingerprint.clone(),
                target: f.targets.first().cloned(),
            });
        }
        if let Some(d) = disposition {
            let how = review::verdict_label(f, d);
            let color = if d.verdict == Verdict::Verified {
                QUIET
            } else {
                severity_color(Severity::Warning)
            };
            ui.add(
                egui::Label::new(RichText::new(format!("{how}：{}", d.note)).color(color)).wrap(),
            );
        }
        // A printed total that disagrees (R2–R4): the drafter can take the computed totals.
        let is_stated = template
            .rules
            .iter()
            .any(|r| r.id == f.rule && matches!(r.check, crate::template::Check::StatedTotals));
        if is_stated
            && ui
                .button("采用计算的合计")
                .on_hover_text("不再保留原表印出的合计，改用软件计算的合计（可撤销）")
                .accessible_name(format!("采用计算的合计 {} 第{}条", f.rule, n + 1))
                .clicked()
        {
            ix.commands.push(Command::AcceptComputedTotals);
        }
        // The verdict buttons are the reviewer's: in 审阅模式 on every finding, while
        // drafting only on the finding picked (clicked, or stepped to with F8), so the
        // drafter's list stays a list.
        if doc.review_mode || is_current {
            let which = format!("{} 第{}条", f.rule, n + 1);
            verdict_buttons_ui(ui, ix, (f, fingerprint, &which), disposition);
        }
    });
    if is_current && ix.scroll_to_current {
        shown.response.scroll_to_me(Some(egui::Align::Center));
        ix.scroll_to_current = false;
    }
}

/// A finding's line: a dot in its severity's colour (a tick when settled), its rule and
/// its message, in the body font (every size in use is one more set of glyphs in the font
/// atlas).
fn finding_line(ui: &Ui, f: &Finding, settled: bool) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let (dot, dot_color, text_color) = if settled {
        ("√ ", QUIET, QUIET)
    } else {
        ("● ", severity_color(f.severity), ui.visuals().text_color())
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(dot, 0.0, egui::TextFormat::simple(font.clone(), dot_color));
    job.append(
        &format!("{} {}", f.rule, f.message),
        0.0,
        egui::TextFormat::simple(font, text_color),
    );
    job
}

/// 核实…, 需修改… and 撤回意见, named by rule and place in the list (not by the message,
/// which the finding's own label carries), in the body size.
fn verdict_buttons_ui(
    ui: &mut Ui,
    ix: &mut Interaction,
    (f, fingerprint, which): (&Finding, &str, &str),
    disposition: Option<&crate::draft::Disposition>,
) {
    let disposition = disposition.cloned();
    ui.horizontal(|ui| {
        let verify = ui
            .button("核实…")
            .on_hover_text("已核实，数据无误（须说明理由）")
            .accessible_name(format!("核实 {which}"));
        if verify.clicked() {
            let dialog = dispose_dialog(f, fingerprint, Verdict::Verified, &disposition);
            ix.commands.push(Command::OpenDialog(Box::new(dialog)));
        }
        let change = ui
            .button("需修改…")
            .accessible_name(format!("需修改 {which}"));
        if change.clicked() {
            let dialog = dispose_dialog(f, fingerprint, Verdict::NeedsChange, &disposition);
            ix.commands.push(Command::OpenDialog(Box::new(dialog)));
        }
        if disposition.is_some()
            && ui
                .button("撤回意见")
                .accessible_name(format!("撤回意见 {which}"))
                .clicked()
        {
            ix.commands.push(Command::Undispose(fingerprint.to_owned()));
        }
    });
}

fn dispose_dialog(
    f: &Finding,
    fingerprint: &str,
    verdict: Verdict,
    current: &Option<crate::draft::Disposition>,
) -> Dialog {
    Dialog::Dispose {
        fingerprint: fingerprint.to_owned(),
        finding: format!("{} {}", f.rule, f.message),
        is_error: f.severity == Severity::Error,
        verdict,
        note: current
            .as_ref()
            .filter(|d| d.verdict == verdict)
            .map(|d| d.note.clone())
            .unwrap_or_default(),
    }
}

fn comments_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let session = doc.session;
    if session.draft().comments.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.strong("批注");
    let template = &session.template();
    for (i, c) in session.draft().comments.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let name = review::target_name(template, &c.target);
            let label = ui
                .add(
                    egui::Label::new(
                        RichText::new(format!("※ {name}（{}）：{}", c.date, c.text)).color(QUIET),
                    )
                    .wrap()
                    .sense(Sense::click()),
                )
                .on_hover_text("点击定位");
            if label.clicked()
                && let Some(target) = review::target(template, &c.target)
            {
                ix.commands.push(Command::Focus(target));
            }
            if ui
                .button("删除")
                .accessible_name(format!("删除批注：{name}"))
                .clicked()
            {
                ix.commands.push(Command::RemoveComment(i));
            }
        });
    }
}

fn changes_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let Some(base) = &doc.session.draft().reviewed else {
        return;
    };
    let template = &doc.session.template();
    let changes = &doc.derived.changes;
    ui.add_space(8.0);
    ui.strong(format!(
        "自审阅（{}）以来的修改：{}处",
        base.date,
        changes.len()
    ));
    for change in changes {
        let response = ui
            .add(
                egui::Label::new(RichText::new(review::change_line(change)).color(CHANGED))
                    .wrap()
                    .sense(Sense::click()),
            )
            .on_hover_text("点击定位");
        if response.clicked()
            && let Some(target) = review::target(template, &change.id)
        {
            ix.commands.push(Command::Focus(target));
        }
    }
}

/// The comment menu of a cell, part or field (right click).
pub(super) fn comment_menu(
    response: &egui::Response,
    commands: &mut Vec<Command>,
    (target, name): (&str, &str),
    breakdown: Option<crate::template::CellIdx>,
) {
    response.context_menu(|ui| {
        if ui.button("添加批注…").clicked() {
            commands.push(Command::AskComment {
                target: target.to_owned(),
                name: name.to_owned(),
            });
            ui.close();
        }
        if let Some(idx) = breakdown
            && ui.button("各单位数值…").clicked()
        {
            commands.push(Command::Breakdown(idx));
            ui.close();
        }
    });
}
