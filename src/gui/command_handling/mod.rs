//! What each [`Command`] does: [`App::run`] is a table of contents, one method per
//! command, and these methods are the only editor code that changes the open document,
//! asks for files or opens dialogs in answer to the user.

mod io;
mod review;

use eframe::egui::{self, ViewportCommand};

use crate::engine::Target;
use crate::gui::command::Command;
use crate::gui::files::{self};
use crate::gui::session::{self, Session};
use crate::gui::{App, Dialog, Interaction, Page};
use crate::template;

impl App {
    /// Why a command may not run now, if it may not: an edit in 审阅模式 or of a final
    /// draft, a table edit of a consolidated one.
    fn refusal(&self, command: &Command) -> Option<String> {
        if self.review_mode && command.edits_content() {
            return Some("审阅模式下不能修改报告内容（在「审阅」菜单中关闭审阅模式）".to_owned());
        }
        let draft = self.session.draft();
        if command.edits_content()
            && let Some(f) = draft.finalized.as_ref().filter(|_| draft.is_final())
        {
            return Some(format!(
                "本报告已于{}由{}定稿，不能修改（如需修改，请先「审阅 › 解除定稿…」）",
                f.at, f.by
            ));
        }
        if draft.consolidation.is_some() && command.edits_tables() {
            return Some(
                "汇总报告的表格是各单位之和，不能直接修改（请修改单位的草稿后重新汇总）".to_owned(),
            );
        }
        None
    }

    /// Runs one command (after [`App::run_commands`] has dealt with unsaved changes).
    pub(in crate::gui) fn run(&mut self, ctx: &egui::Context, command: Command) {
        if let Some(why) = self.refusal(&command) {
            self.status = why;
            return;
        }
        match command {
            Command::New => {
                self.session = Session::new_draft(self.session.today);
                self.after_document_change("新建草稿");
            }
            Command::Open(Some(path)) => self.open_path(&path),
            Command::Save => match self.session.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.run(ctx, Command::SaveAs(None)),
            },
            Command::SaveAs(Some(path)) => self.save_to(&files::with_extension(path)),
            Command::Open(None)
            | Command::SaveAs(None)
            | Command::Import(None)
            | Command::NextYear(None)
            | Command::LinkLastYear(None)
            | Command::Merge(None)
            | Command::Audit(None)
            | Command::Tally(None) => self.pick_and_run(ctx, &command),
            Command::Audit(Some(_)) | Command::OpenAudited(_) | Command::ExportAudit { .. } => {
                self.run_audit(ctx, command);
            }
            Command::Tally(Some(path)) => self.open_tally(ctx, path),
            Command::ApplyTally { register, mapping } => self.apply_tally(&register, &mapping),
            Command::Merge(Some(path)) => self.merge(ctx, path),
            Command::Breakdown(idx) => self.breakdown(idx),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::Focus(target) => {
                self.show_page(self.page_of(&target));
                self.ix.focus = Some(target);
            }
            Command::FillZeros(table_idx) => self.fill_zeros(table_idx),
            Command::RestoreVersion(n) => self.restore_version(n),
            Command::SwitchTemplate(id) => self.switch_template(&id),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::Import(Some(path)) => self.import(ctx, path),
            Command::NextYear(Some(path)) => self.next_year(&path),
            Command::LinkLastYear(Some(path)) => self.link_last_year(&path),
            Command::UnlinkLastYear => self.unlink_last_year(),
            Command::SetReviewMode(_)
            | Command::Dispose { .. }
            | Command::Undispose(_)
            | Command::AddComment { .. }
            | Command::AskComment { .. }
            | Command::RemoveComment(_)
            | Command::MarkReviewed
            | Command::Finalize(_)
            | Command::Reopen { .. }
            | Command::StepFinding(_) => self.run_review(command),
            Command::Quote { part, paragraph } => {
                self.session.quote(&part, &paragraph);
                self.status =
                    "已引用上年报告的一段：请按本年度情况改写，其中的年份和数字会被核对".to_owned();
            }
            Command::Export {
                format,
                path,
                reason,
            } => self.export(ctx, format, path, reason),
            Command::AcceptComputedTotals => self.accept_computed_totals(),
            Command::CancelJob => self.cancel_job(),
            Command::Quit => {
                if let Some(job) = self.job.take() {
                    job.progress.cancel();
                }
                self.recovery.clear();
                self.is_close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            command => self.run_edit(command),
        }
    }

    /// The commands of typing and picking: the document's fields, the page and the filter.
    fn run_edit(&mut self, command: Command) {
        let key = |id: &str| session::EditKey::Field(id.to_owned());
        match command {
            Command::SetCell { id, text } => {
                self.session.edit(key(&id), |d| d.set_cell(&id, &text));
            }
            Command::RevertCell { id, text } => {
                self.session.edit(key(&id), |d| d.set_cell(&id, &text));
                self.session.end_step();
            }
            Command::SetText { id, text } => {
                self.session.edit(key(&id), |d| d.set_text(&id, &text));
            }
            Command::SetMeta { field, value } => self.session.edit(key(field.id()), |d| {
                if let Some(v) = d.meta.text_mut(field) {
                    *v = value;
                }
            }),
            Command::SetYear(year) => self.set_year(year),
            Command::SetLevel(level) => self
                .session
                .edit(session::EditKey::Once, |d| d.meta.level = level),
            Command::EndStep => self.session.end_step(),
            Command::PasteBlock { start, text } => self.paste_block(start, &text),
            Command::ShowPage(page) => self.show_page(page),
            Command::SetFilter(filter) => self.filter = filter,
            Command::PickFinding {
                fingerprint,
                target,
            } => {
                self.cursor = Some(fingerprint);
                self.ix.scroll_to_current = true;
                if let Some(target) = target {
                    self.show_page(self.page_of(&target));
                    self.ix.focus = Some(target);
                }
            }
            Command::OpenDialog(dialog) => self.dialog = Some(*dialog),
            _ => {}
        }
    }

    /// 报告年度 picked: a year in another format offers to switch to it.
    fn set_year(&mut self, year: u16) {
        self.session
            .edit(session::EditKey::Once, |d| d.meta.year = year);
        if let Some(t) = template::for_year(year).filter(|t| t.id != self.session.template().id) {
            self.dialog = Some(Dialog::SwitchTemplate {
                template_id: t.id.clone(),
                name: t.name.clone(),
            });
        }
    }

    /// A block pasted into a table: the cells from `start` on, one undoable step; values
    /// that did not fit or are not numbers are said.
    fn paste_block(&mut self, start: crate::template::CellIdx, text: &str) {
        self.ix.cell_edit = None;
        let message = super::table_cell::paste_block(&mut self.session, start, text);
        self.status = message.clone().unwrap_or_else(|| "已粘贴".to_owned());
        if let Some(m) = message {
            self.dialog = Some(Dialog::Message(m));
        }
    }

    /// 各单位数值: each unit's figure for a cell of a consolidated draft, largest first.
    fn breakdown(&mut self, idx: crate::template::CellIdx) {
        let session = &self.session;
        let Some(consolidation) = &session.draft().consolidation else {
            return;
        };
        let Some(def) = session.template().cells.get(idx) else {
            return;
        };
        let figures = files::unit_figures(
            session.path.as_deref(),
            &consolidation.units,
            session.template(),
            idx,
        );
        self.dialog = Some(Dialog::Breakdown {
            name: def.name.clone(),
            rows: figures.into_iter().map(|f| (f.agency, f.shown)).collect(),
        });
    }

    /// 撤销 / 重做; a link to last year's draft that moves with it is followed.
    fn undo_redo(&mut self, is_undo: bool) {
        self.ix.cell_edit = None;
        let link = self.session.draft().last_year.clone();
        let moved = if is_undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        self.status = match (moved, is_undo) {
            (true, true) => "已撤销",
            (true, false) => "已重做",
            (false, true) => "没有可撤销的操作",
            (false, false) => "没有可重做的操作",
        }
        .to_owned();
        // Undoing a link or an unlink follows (or drops) last year's draft too.
        if self.session.draft().last_year != link {
            self.load_last_year();
        }
    }

    fn switch_template(&mut self, id: &str) {
        self.ix.cell_edit = None;
        if let Some(t) = template::builtin_by_id(id) {
            self.session.set_template(t);
            self.status = format!("已切换为「{}」", self.session.template().name);
        }
    }

    /// Shows a page; the cell being typed into (if any) is no longer on screen.
    pub fn show_page(&mut self, page: Page) {
        if page != self.page {
            self.ix.cell_edit = None;
            self.session.end_step();
        }
        self.page = page;
    }

    fn page_of(&self, target: &Target) -> Page {
        self.session
            .template()
            .section_of(target)
            .map_or(Page::Meta, Page::Section)
    }

    fn after_document_change(&mut self, status: &str) {
        self.ix = Interaction::default();
        self.page = Page::Meta;
        self.status = status.to_owned();
    }

    /// Makes the views derived from the document again if it changed (after an edit).
    fn refresh_derived(&mut self) {
        if self.derived.revision != self.session.revision() {
            self.derived = super::view::Derived::of(&self.session);
        }
    }

    /// The findings the 校验结果 panel lists, in order, with their fingerprints.
    pub fn visible_findings(&self) -> Vec<(&crate::engine::Finding, String)> {
        let derived = super::view::Derived::of(&self.session);
        derived
            .visible(&self.filter, &self.session)
            .into_iter()
            .map(|l| {
                (
                    &self.session.evaluation().findings[l.index],
                    l.fingerprint.clone(),
                )
            })
            .collect()
    }

    /// 下一条 / 上一条: shows the finding after (before) the current one.
    pub(super) fn step_finding(&mut self, forward: bool) {
        let filter = self.filter.clone();
        let cursor = self.cursor.clone();
        self.refresh_derived();
        let visible = self.derived.visible(&filter, &self.session);
        if visible.is_empty() {
            self.status = "没有符合筛选条件的校验结果".to_owned();
            return;
        }
        let n = visible.len();
        let at = cursor
            .as_ref()
            .and_then(|c| visible.iter().position(|l| &l.fingerprint == c));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        let listed = visible[next];
        let finding = &self.session.evaluation().findings[listed.index];
        let target = finding.targets.first().cloned();
        let label = format!("第{}/{n}条：{} {}", next + 1, finding.rule, finding.message);
        let fingerprint = listed.fingerprint.clone();
        self.cursor = Some(fingerprint);
        self.ix.scroll_to_current = true;
        self.status = label;
        if let Some(target) = target {
            self.show_page(self.page_of(&target));
            self.ix.focus = Some(target);
        }
    }

    /// Uses the computed totals instead of an imported report's printed ones, in one undoable
    /// step, and lists the totals whose figure changes.
    fn accept_computed_totals(&mut self) {
        let session = &self.session;
        if session.draft().stated.is_empty() {
            self.status = "没有原表印出的合计".to_owned();
            return;
        }
        let mut changed = Vec::new();
        for (id, stated) in &session.draft().stated {
            let Some(idx) = session.template().cell_idx(id) else {
                continue;
            };
            let computed = session.evaluation().cell(idx).complete_value();
            let same = matches!(stated, crate::draft::CellEntry::Number(v) if Some(*v) == computed);
            if !same {
                let name = &session.template().cells[idx].name;
                let now = computed.map_or_else(|| "（不完整）".to_owned(), |v| v.to_string());
                changed.push(format!("{name}：{stated} → {now}"));
            }
        }
        self.session
            .edit(session::EditKey::Once, |d| d.stated.clear());
        self.session.end_step();
        self.dialog = Some(Dialog::Message(if changed.is_empty() {
            "已采用软件计算的合计（与原表印出的一致）。可撤销（Ctrl+Z）。".to_owned()
        } else {
            format!(
                "已采用软件计算的合计，以下{}个合计与原表不同（可撤销，Ctrl+Z）：\n{}",
                changed.len(),
                changed.join("\n")
            )
        }));
    }

    /// 空白填0: the table's empty input cells become 0, in one undoable step.
    fn fill_zeros(&mut self, table_idx: usize) {
        // The values change under the cell being typed into.
        self.ix.cell_edit = None;
        let template = self.session.template().clone();
        let Some(table) = template.tables.get(table_idx) else {
            return;
        };
        let empty: Vec<String> = table
            .blocks
            .iter()
            .flat_map(|b| b.cells.iter())
            .map(|&i| &template.cells[i])
            .filter(|c| c.is_input() && !self.session.draft().cells.contains_key(&c.id))
            .map(|c| c.id.clone())
            .collect();
        let n = empty.len();
        self.session.edit(session::EditKey::Once, |d| {
            for id in &empty {
                d.set_cell(id, "0");
            }
        });
        self.status = format!("{}：已把{n}个空白单元格填为0（可撤销）", table.name);
    }
}
