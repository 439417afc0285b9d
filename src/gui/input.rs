//! Input read before the widgets, so that a text field does not also act on it: the
//! commands' keyboard shortcuts, an input method's state, blocks pasted into a table and
//! files dropped on the window.

use eframe::egui::{self, Key};

use super::command::Command;
use super::{App, files, table_cell};

/// How long after an input method commits its text an Enter still belongs to it.
const COMMIT_ENTER_SECS: f64 = 0.3;

impl App {
    /// Shortcuts, IME state, pasted blocks and dropped files.
    pub(super) fn input_ui(&mut self, ctx: &egui::Context) {
        for (keys, command) in Command::shortcuts(self.review_mode) {
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.ix.commands.push(command);
            }
        }
        self.ime_input(ctx);
        self.tab_input(ctx);
        self.paste_input(ctx);
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            // A register is tallied into table 三, a published report (Word, web page, text)
            // imported; anything else opened.
            self.ix.commands.push(if files::is_register(&path) {
                Command::Tally(Some(path))
            } else if files::is_published_report(&path) {
                Command::Import(Some(path))
            } else {
                Command::Open(Some(path))
            });
        }
    }

    /// An input method's Enter commits its composition; it must not also move the focus.
    /// Some platforms deliver that Enter too, with the commit or as the next key event.
    fn ime_input(&mut self, ctx: &egui::Context) {
        let (now, has_key) = ctx.input(|i| {
            let mut has_key = false;
            for e in &i.events {
                match e {
                    egui::Event::Ime(egui::ImeEvent::Preedit { text, .. }) => {
                        self.ix.ime_composing = !text.is_empty();
                    }
                    egui::Event::Ime(egui::ImeEvent::Commit(_)) => {
                        self.ix.ime_composing = false;
                        self.ix.ime_commit_time = Some(i.time);
                    }
                    egui::Event::Key { pressed: true, .. } | egui::Event::Text(_) => has_key = true,
                    _ => {}
                }
            }
            (i.time, has_key)
        });
        let is_just_committed = self
            .ix
            .ime_commit_time
            .is_some_and(|t| now - t < COMMIT_ENTER_SECS);
        self.ix.ime_busy = self.ix.ime_composing || is_just_committed;
        if self.ix.ime_busy {
            ctx.input_mut(|i| {
                i.events.retain(|e| {
                    !matches!(
                        e,
                        egui::Event::Key {
                            key: Key::Enter,
                            ..
                        }
                    )
                });
            });
        }
        if has_key {
            // Only the first key after a commit can be the input method's.
            self.ix.ime_commit_time = None;
        }
    }

    /// Tab and Shift+Tab in a table cell: the table moves the focus to the next (previous)
    /// input cell in reading order, so it never lands on a total or leaves the table. egui's
    /// own move is called off.
    fn tab_input(&mut self, ctx: &egui::Context) {
        self.ix.tab = None;
        let Some(edit) = &self.ix.cell_edit else {
            return;
        };
        if !ctx.memory(|m| m.has_focus(table_cell::cell_id(edit.idx))) {
            return;
        }
        // Shift+Tab first: a shortcut without Shift also matches the key with Shift.
        let forward = ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::SHIFT, Key::Tab) {
                Some(false)
            } else if i.consume_key(egui::Modifiers::NONE, Key::Tab) {
                Some(true)
            } else {
                None
            }
        });
        if forward.is_some() {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            self.ix.tab = forward;
        }
    }

    /// A block pasted into a table cell fills the cells from there on (only while that
    /// cell has the focus: a paste into a text field is the text field's).
    fn paste_input(&mut self, ctx: &egui::Context) {
        let Some(edit) = &self.ix.cell_edit else {
            return;
        };
        if self.ix.tables_read_only {
            return;
        }
        if !ctx.memory(|m| m.has_focus(table_cell::cell_id(edit.idx))) {
            return;
        }
        let start = edit.idx;
        let pasted = ctx.input_mut(|i| {
            let pos = i
                .events
                .iter()
                .position(|e| matches!(e, egui::Event::Paste(t) if t.contains(['\t', '\n'])))?;
            match i.events.remove(pos) {
                egui::Event::Paste(t) => Some(t),
                _ => None,
            }
        });
        if let Some(text) = pasted {
            self.ix.commands.push(Command::PasteBlock { start, text });
        }
    }
}
