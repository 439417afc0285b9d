//! The editor's panels: menu, navigation, the page in the middle (基本信息 or a section),
//! findings (校验结果), status bar and dialogs.

use eframe::egui::{self, RichText, ScrollArea, TextEdit, Ui};

use super::command::{Command, command_button, shortcut_text};
use super::renderer;
use super::style::{badge, severity_color};
use super::table_ui;
use super::view::Doc;
use super::{Interaction, Page};
use crate::engine::{Severity, Target};
use crate::meta::{Field, Level};

pub(super) fn menu_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| file_menu_ui(ui, doc, ix));
            ui.menu_button("编辑", |ui| edit_menu_ui(ui, doc, ix));
            ui.menu_button("审阅", |ui| super::review_ui::review_menu(ui, doc, ix));
        });
    });
}

/// 文件: new, open, save, export, recent files, quit.
fn file_menu_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let items = [
        ("新建", Command::New),
        ("以上年报告为基础新建…", Command::NextYear(None)),
        ("导入已发布年报…", Command::Import(None)),
        ("打开…", Command::Open(None)),
        ("保存", Command::Save),
        ("另存为…", Command::SaveAs(None)),
        ("汇总下级报告…", Command::Merge(None)),
        ("从台账生成表三…", Command::Tally(None)),
        ("审查已发布年报…", Command::Audit(None)),
    ];
    for (text, command) in items {
        if command_button(ui, text, &command).clicked() {
            ix.commands.push(command);
            ui.close();
        }
    }
    if ui.button("版本历史…").clicked() {
        let dialog = super::Dialog::History { selected: None };
        ix.commands.push(Command::OpenDialog(Box::new(dialog)));
        ui.close();
    }
    if doc.audit.is_some() && ui.button("审查结果").clicked() {
        let dialog = super::Dialog::Audit { selected: None };
        ix.commands.push(Command::OpenDialog(Box::new(dialog)));
        ui.close();
    }
    ui.separator();
    for &format in super::command::EXPORT_FORMATS {
        let command = Command::Export {
            format,
            path: None,
            reason: None,
        };
        let text = format!("导出为{}…", format.label());
        if command_button(ui, &text, &command).clicked() {
            ix.commands.push(command);
            ui.close();
        }
    }
    ui.separator();
    ui.menu_button("最近打开", |ui| {
        if doc.recent.is_empty() {
            ui.weak("（无）");
        }
        for path in doc.recent {
            if ui.button(path.display().to_string()).clicked() {
                ix.commands.push(Command::Open(Some(path.clone())));
                ui.close();
            }
        }
    });
    ui.separator();
    if ui.button("退出").clicked() {
        ix.commands.push(Command::Quit);
        ui.close();
    }
}

/// 编辑: undo, redo, 采用软件计算的合计.
fn edit_menu_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let session = doc.session;
    for (text, enabled, command) in [
        ("撤销", session.can_undo(), Command::Undo),
        ("重做", session.can_redo(), Command::Redo),
    ] {
        let button = egui::Button::new(text).shortcut_text(shortcut_text(ui, &command));
        if ui.add_enabled(enabled, button).clicked() {
            ix.commands.push(command);
            ui.close();
        }
    }
    ui.separator();
    if ui
        .add_enabled(
            !session.draft().stated.is_empty(),
            egui::Button::new("采用软件计算的合计"),
        )
        .on_hover_text("导入的报告保留了原表印出的合计；改为软件计算的合计（可撤销）")
        .clicked()
    {
        ix.commands.push(Command::AcceptComputedTotals);
        ui.close();
    }
}

pub(super) fn status_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(job) = doc.job {
                job_ui(ui, job, ix);
                ui.separator();
            }
            // Counted as the 校验结果 panel counts: findings settled by 已核实 apart.
            let open = doc.derived.open;
            let mut text = format!("{}个错误 · {}个警告 · {}个提示", open[0], open[1], open[2]);
            if doc.derived.settled > 0 {
                text.push_str(&format!(" · {}条已核实", doc.derived.settled));
            }
            ui.label(text);
            ui.separator();
            ui.label(&doc.session.template().name);
            if !doc.status.is_empty() {
                ui.separator();
                ui.label(doc.status);
            }
            if let Some(graphics) = doc.graphics {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak(format!("绘制：{graphics}")).on_hover_text(format!(
                        "界面由此图形接口绘制。OpenGL 无法启动时自动改用 wgpu；\
                         也可用环境变量 {}=glow 或 wgpu 指定",
                        renderer::FORCE_VARIABLE
                    ));
                });
            }
        });
    });
}

/// A running job: its progress bar (a moving one while the number of steps is unknown),
/// what it does, and 取消.
fn job_ui(ui: &mut Ui, job: &super::jobs::Job, ix: &mut Interaction) {
    let label = job.label();
    let bar = match job.progress.fraction() {
        Some(fraction) => egui::ProgressBar::new(fraction),
        None => egui::ProgressBar::new(0.0).animate(true),
    };
    ui.add(bar.desired_width(160.0).text(label.clone()))
        .accessible_name(label);
    if ui.button("取消").clicked() {
        ix.commands.push(Command::CancelJob);
    }
}

pub(super) fn nav_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    egui::Panel::left("nav")
        .default_size(210.0)
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(6.0);
            // Findings settled by 已核实 no longer count.
            let badge_of = |group: usize| {
                let n = doc
                    .derived
                    .per_group
                    .get(group)
                    .copied()
                    .unwrap_or_default();
                (n[0], n[1])
            };
            let mut pick = None;
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(doc.page == Page::Meta, "基本信息")
                    .clicked()
                {
                    pick = Some(Page::Meta);
                }
                badge(ui, badge_of(0));
            });
            for (i, section) in doc.session.template().sections.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .selectable_label(doc.page == Page::Section(i), section.heading())
                        .clicked()
                    {
                        pick = Some(Page::Section(i));
                    }
                    badge(ui, badge_of(i + 1));
                });
            }
            if let Some(page) = pick {
                ix.commands.push(Command::ShowPage(page));
            }
        });
}

pub(super) fn central_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    egui::CentralPanel::default().show(ui, |ui| {
        // Each page keeps its own scroll position: one scroll area per page.
        let id = match doc.page {
            Page::Meta => "page-meta".to_owned(),
            Page::Section(i) => format!("page-section-{i}"),
        };
        ScrollArea::both()
            .id_salt(id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Nothing but a table widens the page: text wraps at the panel's width.
                ui.set_max_width(ui.available_width().max(600.0));
                super::signoff_ui::banner_ui(ui, doc, ix);
                match doc.page {
                    Page::Meta => meta_ui(ui, doc, ix),
                    Page::Section(i) => section_ui(ui, doc, ix, i),
                }
            });
    });
}

fn field_id(id: &str) -> egui::Id {
    egui::Id::unique(("nianbao-field", id))
}

/// A one-line metadata field bound to the draft, with its marks and findings.
fn meta_text_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction, field: Field) {
    let id = field.id();
    let l = ui.label(field.label());
    ui.vertical(|ui| {
        let mut text = doc.session.draft().meta.get(field);
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(field_id(id))
                    .desired_width(420.0),
            )
            .labelled_by(l.id);
        if response.changed() {
            ix.commands.push(Command::SetMeta { field, value: text });
        }
        if response.lost_focus() {
            ix.commands.push(Command::EndStep);
        }
        let target = Target::Meta(id.to_owned());
        ix.focus_if_requested(&target, &response);
        field_findings_ui(ui, (doc, ix), &target, response.rect);
    });
    ui.end_row();
}

/// Under a 基本信息 field: its outline by its most serious finding (and the current
/// finding's mark), and each finding on a line that wraps at the field's width.
fn field_findings_ui(
    ui: &mut Ui,
    (doc, ix): (&Doc<'_>, &Interaction),
    target: &Target,
    rect: egui::Rect,
) {
    let Target::Meta(id) = target else {
        return;
    };
    let findings: Vec<&crate::engine::Finding> =
        doc.session.evaluation().findings_for(target).collect();
    let severity = findings.iter().map(|f| f.severity).min();
    marks(ui, (doc, ix), (target, id), rect, severity);
    for f in findings {
        ui.set_max_width(rect.width().max(420.0));
        ui.add(
            egui::Label::new(
                RichText::new(format!("● {}", f.message)).color(severity_color(f.severity)),
            )
            .wrap(),
        );
    }
}

fn meta_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    ui.heading("基本信息");
    ui.add_space(8.0);
    if ix.read_only {
        ui.disable();
    }
    egui::Grid::new("meta")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            meta_text_ui(ui, doc, ix, Field::Agency);
            meta_year_ui(ui, doc, ix);
            meta_level_ui(ui, doc, ix);
            meta_text_ui(ui, doc, ix, Field::PublishedOn);
            meta_text_ui(ui, doc, ix, Field::Website);
            meta_text_ui(ui, doc, ix, Field::Contact);
        });
    ui.add_space(8.0);
    deadline_ui(ui, doc);
    ui.add_space(12.0);
    ui.label(format!(
        "报告格式：{}（{}）",
        doc.session.template().name,
        doc.session.template().basis.doc_number
    ));
    ui.add_space(6.0);
    last_year_ui(ui, doc, ix);
    ui.add_space(12.0);
    part_ui(ui, doc, ix, &doc.session.template().preamble.id);
}

/// 报告年度, picked from a list of plausible years, not a drag value: a stray drag must
/// never change the year silently. A year in another format offers to switch to it.
fn meta_year_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let l = ui.label(Field::Year.label());
    let current = doc.session.draft().meta.year;
    let this_year = u16::try_from(doc.session.today.year).unwrap_or(u16::MAX);
    let mut years: Vec<u16> = (2019..=this_year.max(2019).saturating_add(1))
        .rev()
        .collect();
    if !years.contains(&current) {
        years.push(current);
    }
    let mut year = current;
    let response = ui
        .horizontal(|ui| {
            let response = egui::ComboBox::from_id_salt(Field::Year.id())
                .selected_text(format!("{current}年"))
                .show_ui(ui, |ui| {
                    for y in &years {
                        ui.selectable_value(&mut year, *y, format!("{y}年"));
                    }
                })
                .response
                .labelled_by(l.id);
            if current > this_year {
                ui.label(
                    RichText::new(format!("晚于今年（{this_year}年），请核对"))
                        .color(severity_color(Severity::Warning)),
                );
            }
            response
        })
        .inner;
    if year != current {
        ix.commands.push(Command::SetYear(year));
    }
    picker_marks(ui, (doc, ix), Field::Year, &response);
    ui.end_row();
}

/// A field picked from a list: the focus a finding asks for, and its marks.
fn picker_marks(
    ui: &Ui,
    (doc, ix): (&Doc<'_>, &mut Interaction),
    field: Field,
    response: &egui::Response,
) {
    let target = Target::Meta(field.id().to_owned());
    ix.focus_if_requested(&target, response);
    let severity = doc
        .session
        .evaluation()
        .findings_for(&target)
        .map(|f| f.severity)
        .min();
    marks(
        ui,
        (doc, ix),
        (&target, field.id()),
        response.rect,
        severity,
    );
}

/// 机关层级, picked from the list.
fn meta_level_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let l = ui.label(Field::Level.label());
    let current = doc.session.draft().meta.level;
    let mut picked = current;
    let response = egui::ComboBox::from_id_salt(Field::Level.id())
        .selected_text(current.map_or("（请选择）", Level::label))
        .width(280.0)
        .show_ui(ui, |ui| {
            for level in Level::ALL {
                ui.selectable_value(&mut picked, Some(level), level.label());
            }
        })
        .response
        .labelled_by(l.id);
    if picked != current {
        ix.commands.push(Command::SetLevel(picked));
    }
    picker_marks(ui, (doc, ix), Field::Level, &response);
    ui.end_row();
}

/// 上年报告: the linked last-year draft, or why it could not be read, with link / unlink.
fn last_year_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let session = doc.session;
    ui.horizontal(|ui| {
        let text = match (&session.last_year, &session.draft().last_year) {
            (Some(linked), _) => format!(
                "上年报告：{}（{}年度）",
                linked.path.display(),
                linked.draft.meta.year
            ),
            (None, Some(link)) => format!("上年报告：{link}（无法读取）"),
            (None, None) => {
                "上年报告：未关联（关联后核对上年结转，并可对照引用上年正文）".to_owned()
            }
        };
        ui.label(text);
        if ui.button("关联上年草稿…").clicked() {
            ix.commands.push(Command::LinkLastYear(None));
        }
        if session.draft().last_year.is_some() && ui.button("取消关联").clicked() {
            ix.commands.push(Command::UnlinkLastYear);
        }
    });
    if let Some(problem) = &session.last_year_problem {
        ui.label(RichText::new(problem).color(severity_color(Severity::Warning)));
    }
}

/// Last year's texts of the section on screen, beside this year's, each paragraph with
/// 「引用此段」. Shown when a last-year draft is linked and the section has narrative.
pub(super) fn reference_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction) {
    let Page::Section(section_idx) = doc.page else {
        return;
    };
    let session = doc.session;
    let Some(linked) = &session.last_year else {
        return;
    };
    let Some(section) = session.template().sections.get(section_idx) else {
        return;
    };
    // Parts by id: both formats name their parts alike (s1.proactive, s5.problems).
    let parts: Vec<(&str, &str, Vec<&str>)> = section
        .parts
        .iter()
        .map(|part| {
            let paragraphs: Vec<&str> = linked
                .draft
                .text(&part.id)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            (part.id.as_str(), part.title.as_str(), paragraphs)
        })
        .filter(|(_, _, p)| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return;
    }
    let year = linked.draft.meta.year;
    let quoted = &session.draft().quoted;
    egui::Panel::right("reference")
        .default_size(360.0)
        .resizable(true)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading(format!("上年报告（{year}年度）"));
            ui.weak("仅供对照，不会自动复制。引用的段落请按本年度情况改写。");
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for (part_id, title, paragraphs) in &parts {
                        ui.strong(*title);
                        for paragraph in paragraphs {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                ui.label(*paragraph);
                                let is_quoted = quoted.iter().any(|q| q == paragraph);
                                let short: String = paragraph.chars().take(12).collect();
                                let button = egui::Button::new(if is_quoted {
                                    "再次引用"
                                } else {
                                    "引用此段"
                                });
                                let response = ui
                                    .add(button)
                                    .on_hover_text(format!("复制到本年的「{title}」末尾"));
                                let response =
                                    response.accessible_name(format!("引用此段：{short}"));
                                if response.clicked() {
                                    ix.commands.push(Command::Quote {
                                        part: (*part_id).to_owned(),
                                        paragraph: (*paragraph).to_owned(),
                                    });
                                }
                            });
                        }
                        ui.add_space(8.0);
                    }
                });
        });
}

fn deadline_ui(ui: &mut Ui, doc: &Doc<'_>) {
    let session = doc.session;
    let meta = &session.draft().meta;
    let Some(due) = crate::engine::deadline(session.template(), meta) else {
        return;
    };
    let n_days = session.today.days_until(due);
    let text = if !meta.published_on.trim().is_empty() {
        format!("发布期限：{}（已填写发布日期）", due.to_chinese())
    } else if n_days >= 0 {
        format!("发布期限：{}，还有{n_days}天", due.to_chinese())
    } else {
        format!("发布期限：{}，已超过{}天", due.to_chinese(), -n_days)
    };
    let color = if n_days < 0 && meta.published_on.trim().is_empty() {
        severity_color(Severity::Warning)
    } else {
        ui.visuals().text_color()
    };
    ui.label(RichText::new(text).color(color))
        .on_hover_text("条例第四十九条：县级以上人民政府部门每年1月31日前公布；县级以上地方人民政府的本级政府年报3月31日前公布。");
}

fn section_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction, section_idx: usize) {
    let Some(section) = doc.session.template().sections.get(section_idx) else {
        return;
    };
    ui.heading(section.heading());
    ui.add_space(8.0);
    if let Some(table_idx) = section.table {
        table_ui::table_ui(ui, doc, table_idx, ix);
        ui.add_space(10.0);
    }
    for part in &section.parts {
        part_ui(ui, doc, ix, &part.id);
        ui.add_space(10.0);
    }
}

/// The outlines around a paragraph: changed since 已审阅, part of the current finding, and
/// the colour of its most serious finding (hints aside).
/// Around a text or field: a blue outline when it changed since 已审阅, a wide one when the
/// current finding is about it, and a thin one in the colour of its most serious finding.
fn marks(
    ui: &Ui,
    (doc, ix): (&Doc<'_>, &Interaction),
    (target, id): (&Target, &str),
    rect: egui::Rect,
    severity: Option<Severity>,
) {
    let outline = |expand: f32, width: f32, color| {
        ui.painter().rect_stroke(
            rect.expand(expand),
            if expand > 3.0 { 3.0 } else { 2.0 },
            egui::Stroke::new(width, color),
            egui::StrokeKind::Outside,
        );
    };
    if doc.derived.is_changed(id) {
        outline(3.0, 1.5, super::style::CHANGED);
    }
    if ix.current.contains(target) {
        outline(5.0, 3.0, super::style::CURRENT_BG);
    }
    if let Some(s) = severity.filter(|s| *s != Severity::Info) {
        outline(0.0, 1.5, severity_color(s));
    }
}

/// A narrative part: its title and hint, the text (read-only in 审阅模式), its marks, its
/// comments, its length and its findings, each on a line of its own that wraps at the
/// page's width.
fn part_ui(ui: &mut Ui, doc: &Doc<'_>, ix: &mut Interaction, part_id: &str) {
    let session = doc.session;
    let Some(part) = session.template().part(part_id) else {
        return;
    };
    let label = ui.strong(&part.title);
    ui.add(egui::Label::new(RichText::new(&part.hint).weak()).wrap());
    let mut text = session.draft().text(part_id).to_owned();
    // Read-only (审阅模式) blocks edits, not the paragraph: it can still be selected, copied
    // and commented on (a `&str` buffer is shown but never changed).
    let frozen = text.clone();
    let mut frozen: &str = &frozen;
    let target = Target::Part(part_id.to_owned());
    let severity = session
        .evaluation()
        .findings_for(&target)
        .map(|f| f.severity)
        .min();
    let response = ui
        .add(
            TextEdit::multiline(if ix.read_only {
                &mut frozen as &mut dyn egui::TextBuffer
            } else {
                &mut text
            })
            .id(field_id(part_id))
            .desired_width(f32::INFINITY)
            .desired_rows(if part.required { 5 } else { 3 }),
        )
        .labelled_by(label.id)
        .accessible_name(part.name.clone());
    if response.has_focus() {
        ix.last_focused = Some((part_id.to_owned(), part.name.clone()));
    }
    super::review_ui::comment_menu(&response, &mut ix.commands, (part_id, &part.name), None);
    marks(ui, (doc, ix), (&target, part_id), response.rect, severity);
    if response.changed() {
        ix.commands.push(Command::SetText {
            id: part_id.to_owned(),
            text: text.clone(),
        });
    }
    if response.lost_focus() {
        ix.commands.push(Command::EndStep);
    }
    ix.focus_if_requested(&target, &response);
    for c in session
        .draft()
        .comments
        .iter()
        .filter(|c| c.target == part_id)
    {
        ui.add(
            egui::Label::new(
                RichText::new(format!("※ 批注（{}）：{}", c.date, c.text))
                    .color(super::style::CHANGED),
            )
            .wrap(),
        );
    }
    let n_chars = text.chars().filter(|c| !c.is_whitespace()).count();
    ui.weak(format!("{n_chars}字"));
    for f in session.evaluation().findings_for(&target) {
        ui.add(
            egui::Label::new(
                RichText::new(format!("● {}", f.message)).color(severity_color(f.severity)),
            )
            .wrap(),
        );
    }
}
