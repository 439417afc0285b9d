//! One cell of a statistics table: a computed total (read-only) or an input cell's editor,
//! with its finding's outline, review marks and messages; the keys that move between cells
//! and a block of figures pasted from a spreadsheet.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, CornerRadius, Frame, Key, Margin, Modifiers, Rect, Sense, Stroke, TextEdit, Ui,
    Vec2, pos2,
};

use super::Interaction;
use super::command::Command;
use super::session::{EditKey, Session};
use super::style::{CURRENT_BG, outline};
use super::view::Doc;
use crate::draft::CellEntry;
use crate::engine::{CellStatus, Severity, Target};
use crate::template::{Block, CellIdx, Template};

/// Padding inside label cells.
pub(super) const PAD: f32 = 6.0;

/// The widget id of a cell's editor (also how findings focus it).
pub(super) fn cell_id(idx: CellIdx) -> egui::Id {
    egui::Id::unique(("nianbao-cell", idx))
}

/// Text laid out in `width`; a table label breaks only between the words its template
/// marks (`breaks`), as the official template breaks 「商业/企业」.
pub(super) fn galley(
    ui: &Ui,
    text: &str,
    width: f32,
    (strong, breaks): (bool, &[usize]),
) -> Arc<egui::Galley> {
    let color = if strong {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    // The body font: every size in use is one more set of glyphs in the font atlas.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let inner = (width - 2.0 * PAD).max(8.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a count of half-characters that fit, small and not negative"
    )]
    let columns = (2.0 * inner / font.size.max(1.0)).floor() as usize;
    let text = crate::text::wrap_label(text, breaks, columns);
    ui.painter().layout(text, font, color, inner)
}

/// Where a cell sits: its block, row and column (for keyboard moves), its index and rectangle.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub(super) block: &'a Block,
    pub(super) row: usize,
    pub(super) col: usize,
    /// The cell, and where it is drawn.
    pub(super) idx: CellIdx,
    pub(super) rect: Rect,
}

/// What a cell shows when it is not being edited.
pub(super) fn display_text(session: &Session, idx: CellIdx) -> String {
    let def = &session.template().cells[idx];
    session
        .draft()
        .cells
        .get(&def.id)
        .map(CellEntry::to_string)
        .unwrap_or_default()
}

pub(super) fn messages_for(doc: &Doc<'_>, idx: CellIdx) -> Vec<String> {
    let session = doc.session;
    let target = Target::Cell(idx);
    let mut messages: Vec<String> = session
        .evaluation()
        .findings_for(&target)
        .map(|f| format!("{}：{}", f.severity.label(), f.message))
        .collect();
    messages.extend(tallied_from(session, idx));
    let id = &session.template().cells[idx].id;
    if doc.derived.is_changed(id) {
        messages.push("自审阅以来已修改".to_owned());
    }
    messages.extend(
        session
            .draft()
            .comments
            .iter()
            .filter(|c| &c.target == id)
            .map(|c| format!("批注（{}）：{}", c.date, c.text)),
    );
    messages
}

/// Which register rows a tallied cell counts: 「由台账（台账.xlsx）第2、18行统计」.
pub(super) fn tallied_from(session: &Session, idx: CellIdx) -> Option<String> {
    const N_SHOWN: usize = 30;
    let tallied = session.draft().tallied.as_ref()?;
    let rows = tallied.rows.get(&session.template().cells[idx].id)?;
    if rows.is_empty() {
        return Some(format!("由台账（{}）统计：没有申请", tallied.register));
    }
    let shown: Vec<String> = rows.iter().take(N_SHOWN).map(ToString::to_string).collect();
    let more = if rows.len() > N_SHOWN {
        format!("等{}行", rows.len())
    } else {
        "行".to_owned()
    };
    Some(format!(
        "由台账（{}）第{}{more}统计",
        tallied.register,
        shown.join("、")
    ))
}

/// One cell: a computed total (read-only) or an input cell's editor, with its finding's
/// outline, its review marks and its messages (put together only when it is hovered).
pub(super) fn cell_ui(ui: &mut Ui, doc: &Doc<'_>, place: Place<'_>, ix: &mut Interaction) {
    let (idx, rect) = (place.idx, place.rect);
    let session = doc.session;
    let def = &session.template().cells[idx];
    let severity = doc.derived.severity_of(idx);
    let painter = ui.painter().clone();
    // The current finding's cells stand out, in both modes.
    if ix.current.contains(&Target::Cell(idx)) {
        painter.rect_filled(rect.shrink(1.0), CornerRadius::ZERO, CURRENT_BG);
    }
    if !def.is_input() {
        let response = computed_cell_ui(ui, doc, idx, rect, severity);
        if ix.tables_read_only {
            let breakdown = Some(idx);
            super::review_ui::comment_menu(
                &response,
                &mut ix.commands,
                (&def.id, &def.name),
                breakdown,
            );
        }
        ix.focus_if_requested(&Target::Cell(idx), &response);
        return;
    }
    if session.evaluation().cell(idx).status == CellStatus::Invalid {
        painter.rect_filled(
            rect.shrink(1.0),
            CornerRadius::ZERO,
            Color32::from_rgb(0xfd, 0xec, 0xea),
        );
    }
    let mut response = input_cell_ui(ui, doc, place, ix);
    outline(&painter, rect, severity);
    review_marks(&painter, rect, doc, &def.id);
    if response.has_focus() {
        ix.last_focused = Some((def.id.clone(), def.name.clone()));
    }
    let breakdown = ix.tables_read_only.then_some(idx);
    super::review_ui::comment_menu(&response, &mut ix.commands, (&def.id, &def.name), breakdown);
    // A value that is not usable gets its reason right at the cell.
    if has_messages(doc, idx) {
        response = response.on_hover_ui(|ui| {
            ui.label(messages_for(doc, idx).join("\n"));
        });
    }
    ix.focus_if_requested(&Target::Cell(idx), &response);
}

/// Whether a cell has anything to say on hover: a finding, a register's rows, a comment, a
/// change since 已审阅.
pub(super) fn has_messages(doc: &Doc<'_>, idx: CellIdx) -> bool {
    let session = doc.session;
    let id = &session.template().cells[idx].id;
    session
        .evaluation()
        .findings_for(&Target::Cell(idx))
        .next()
        .is_some()
        || session.draft().comments.iter().any(|c| &c.target == id)
        || doc.derived.is_changed(id)
        || session
            .draft()
            .tallied
            .as_ref()
            .is_some_and(|t| t.rows.contains_key(id))
}

/// A computed total: read-only, right-aligned. A sum over cells not all filled in is shown
/// as such, in words and greyed (「部分 112」), and says why on hover; screen readers hear
/// 「部分之和 112」.
pub(super) fn computed_cell_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    idx: CellIdx,
    rect: Rect,
    severity: Option<Severity>,
) -> egui::Response {
    let session = doc.session;
    let name = session.template().cells[idx].name.clone();
    let result = session.evaluation().cell(idx);
    let value = result.value.map(|v| v.to_string()).unwrap_or_default();
    let (shown, spoken, hint) = match result.status {
        CellStatus::Computed { is_complete: true } => (value.clone(), value, None),
        CellStatus::Computed { is_complete: false } if !value.is_empty() => (
            value.clone(),
            format!("部分之和 {value}"),
            Some("有单元格未填写或无法识别，这只是已填数字之和"),
        ),
        CellStatus::Overflow => (
            "溢出".to_owned(),
            "溢出".to_owned(),
            Some("合计超出可计算的范围"),
        ),
        CellStatus::Computed { .. }
        | CellStatus::Empty
        | CellStatus::Entered
        | CellStatus::Invalid => (String::new(), String::new(), None),
    };
    let is_partial =
        result.status == (CellStatus::Computed { is_complete: false }) && !shown.is_empty();
    let response = ui.interact(rect, cell_id(idx), Sense::click());
    let painter = ui.painter();
    let weak = ui.visuals().weak_text_color();
    let g = galley(ui, &shown, rect.width(), (!is_partial, &[]));
    let x = rect.max.x - PAD - g.size().x;
    let y = rect.center().y - g.size().y / 2.0;
    painter.galley(
        pos2(x, y),
        g,
        if is_partial { weak } else { Color32::BLACK },
    );
    if is_partial {
        // 「部分」 before the figure: not a figure to publish. (The body font: every size in
        // use is one more set of glyphs in the font atlas.)
        let font = egui::TextStyle::Body.resolve(ui.style());
        let tag = painter.layout_no_wrap("部分".to_owned(), font, weak);
        let tag_x = x - 2.0 - tag.size().x;
        if tag_x >= rect.min.x + 1.0 {
            painter.galley(pos2(tag_x, rect.center().y - tag.size().y / 2.0), tag, weak);
        }
    }
    outline(painter, rect, severity);
    let response = response.on_hover_ui(|ui| {
        let mut tip: Vec<String> = vec![format!("{name}（自动计算）")];
        tip.extend(hint.map(str::to_owned));
        tip.extend(messages_for(doc, idx));
        ui.label(tip.join("\n"));
    });
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::accesskit::Role::Cell, true, &name);
        info.current_text_value = Some(spoken.clone());
        info
    });
    spoken_value(ui, response.id, &format!("{spoken}（自动计算）"), true);
    response
}

/// What a screen reader says of a cell besides its name: its value (AT-SPI carries a text
/// input's value only while it is being edited, so the value is the description too), and
/// whether it is read-only (a total, or every cell in 审阅模式 or of a final report).
fn spoken_value(ui: &Ui, id: egui::Id, value: &str, read_only: bool) {
    let value = if value.trim().is_empty() {
        "空"
    } else {
        value
    };
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_description(value.to_owned());
        if read_only {
            node.set_read_only();
        }
    });
}

/// An input cell without the focus: its text painted right-aligned where the editor shows
/// it, cut with 「…」 when too long for the cell, with the editor's accessibility (a text
/// input named by the cell, holding its text) and its keyboard focus (Tab and a click give
/// the focus, and the next frame draws the editor). Only the cell being typed into is a
/// `TextEdit`: each one clips its text to its own rectangle, which makes it a draw call of
/// its own, and table 三's 144 of them cost 11 MB under Mesa's software renderer.
pub(super) fn resting_cell_ui(
    ui: &mut Ui,
    (id, name): (egui::Id, &str),
    rect: Rect,
    (text, read_only): (&str, bool),
) -> egui::Response {
    let response = ui.interact(rect.shrink(1.0), id, Sense::click());
    if response.clicked() {
        response.request_focus();
    }
    if !text.is_empty() && ui.is_rect_visible(rect) {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().widgets.inactive.text_color();
        let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
        job.wrap =
            egui::text::TextWrapping::truncate_at_width((rect.width() - 2.0 * PAD - 2.0).max(8.0));
        let galley = ui.painter().layout_job(job);
        let pos = pos2(
            rect.max.x - 1.0 - PAD - galley.size().x,
            rect.center().y - galley.size().y / 2.0,
        );
        ui.painter().galley(pos, galley, color);
    }
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, text, text, "");
        info.label = Some(name.to_owned());
        info
    });
    spoken_value(ui, response.id, text, read_only);
    response
}

/// An input cell's editor: the text as typed while it has the focus, everything selected
/// when it gets it, Esc back to what it held, spreadsheet keys to move; read-only in
/// 审阅模式 (but still focusable, to select and comment on).
pub(super) fn input_cell_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    place: Place<'_>,
    ix: &mut Interaction,
) -> egui::Response {
    let (idx, rect) = (place.idx, place.rect);
    let session = doc.session;
    let def = &session.template().cells[idx];
    let widget_id = cell_id(idx);
    let is_editing = ix.cell_edit.as_ref().is_some_and(|e| e.idx == idx);
    let mut text = match &ix.cell_edit {
        Some(e) if e.idx == idx => e.buffer.clone(),
        _ => display_text(session, idx),
    };
    let had_focus = ui.memory(|m| m.has_focus(widget_id));
    // The cell that just lost the focus is still the editor this frame: it reverts on Esc
    // and ends its step.
    let read_only = ix.read_only || ix.tables_read_only;
    if !had_focus && !is_editing {
        return resting_cell_ui(ui, (widget_id, &def.name), rect, (&text, read_only));
    }
    let caret = had_focus
        .then(|| caret_range(ui.ctx(), widget_id))
        .flatten();
    // A `&str` buffer is one egui shows but never changes.
    let frozen = text.clone();
    let mut frozen: &str = &frozen;
    let buffer: &mut dyn egui::TextBuffer = if read_only { &mut frozen } else { &mut text };
    let edit = TextEdit::singleline(buffer)
        .id(widget_id)
        .align(egui::Align2::RIGHT_CENTER)
        .frame(Frame::NONE)
        // Clear of the finding's outline (2 px inside the cell).
        .margin(Margin::symmetric(6, 2))
        .desired_width(rect.width() - 2.0);
    // In a child Ui of its own rectangle: `Ui::put` would move the table's cursor to just
    // after this cell, and what follows the table (the R1 line, 表三说明) would be drawn
    // over the table's rows while a cell is edited.
    let editor_rect = rect.shrink2(Vec2::new(1.0, (rect.height() - 20.0).max(2.0) / 2.0));
    let layout = egui::Layout::centered_and_justified(egui::Direction::LeftToRight);
    let mut editor_ui = ui.new_child(egui::UiBuilder::new().max_rect(editor_rect).layout(layout));
    let response = editor_ui.add(edit);
    let response = response.accessible_name(def.name.clone());
    spoken_value(ui, response.id, &text, read_only);
    if response.gained_focus() || (response.has_focus() && !is_editing) {
        let original = display_text(session, idx);
        ix.cell_edit = Some(super::CellEdit {
            idx,
            buffer: original.clone(),
            original,
        });
        ix.commands.push(Command::EndStep);
        select_all(ui.ctx(), widget_id, &text);
    }
    if response.changed() {
        if let Some(e) = ix.cell_edit.as_mut().filter(|e| e.idx == idx) {
            e.buffer.clone_from(&text);
        }
        ix.commands.push(Command::SetCell {
            id: def.id.clone(),
            text: text.clone(),
        });
    }
    // Esc reverts the cell to what it held when it got the focus. (egui drops the focus on
    // Esc before any widget runs, so the cell sees it as losing the focus; it takes it back.)
    let is_escape = ui.input(|i| i.key_pressed(Key::Escape));
    if is_escape
        && (had_focus || response.lost_focus())
        && let Some(e) = ix.cell_edit.take().filter(|e| e.idx == idx)
    {
        ix.commands.push(Command::RevertCell {
            id: def.id.clone(),
            text: e.original,
        });
        response.request_focus();
    }
    if had_focus && !ix.ime_busy {
        let n_chars = text.chars().count();
        navigate(ui, place, caret, n_chars, session.template(), ix);
    }
    if had_focus
        && let Some(forward) = ix.tab.take()
        && let Some(next) = in_reading_order(place, forward, session.template())
    {
        ix.focus = Some(Target::Cell(next));
    }
    if response.lost_focus() && ix.cell_edit.as_ref().is_some_and(|e| e.idx == idx) {
        ix.cell_edit = None;
        ix.commands.push(Command::EndStep);
    }
    response
}

/// What review adds to a cell: a blue inner outline when it changed since 已审阅, and a
/// corner mark when it has comments (their text shows on hover).
pub(super) fn review_marks(painter: &egui::Painter, rect: Rect, doc: &Doc<'_>, id: &str) {
    if doc.derived.is_changed(id) {
        painter.rect_stroke(
            rect.shrink(3.0),
            CornerRadius::ZERO,
            Stroke::new(1.5, super::style::CHANGED),
            egui::StrokeKind::Inside,
        );
    }
    if doc.session.draft().comments.iter().any(|c| c.target == id) {
        let corner = rect.right_top();
        painter.add(egui::Shape::convex_polygon(
            vec![
                corner,
                corner + Vec2::new(-7.0, 0.0),
                corner + Vec2::new(0.0, 7.0),
            ],
            super::style::CHANGED,
            Stroke::NONE,
        ));
    }
}

pub(super) fn caret_range(ctx: &egui::Context, id: egui::Id) -> Option<(usize, usize)> {
    let state = egui::text_edit::TextEditState::load(ctx, id)?;
    let range = state.cursor.char_range()?.as_sorted_char_range();
    Some((range.start.0, range.end.0))
}

pub(super) fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// Spreadsheet keys: Enter / Shift+Enter down / up, arrows at the caret's edge. (Tab and
/// Shift+Tab: `in_reading_order`.)
pub(super) fn navigate(
    ui: &Ui,
    place: Place<'_>,
    caret: Option<(usize, usize)>,
    n_chars: usize,
    template: &Template,
    ix: &mut Interaction,
) {
    let (enter, shift_enter, up, down, left, right) = ui.input(|i| {
        (
            i.key_pressed(Key::Enter) && !i.modifiers.shift,
            i.key_pressed(Key::Enter) && i.modifiers.shift,
            i.key_pressed(Key::ArrowUp) && i.modifiers.is_none(),
            i.key_pressed(Key::ArrowDown) && i.modifiers.is_none(),
            i.key_pressed(Key::ArrowLeft) && i.modifiers == Modifiers::NONE,
            i.key_pressed(Key::ArrowRight) && i.modifiers == Modifiers::NONE,
        )
    });
    let at_start = caret.is_none_or(|(a, b)| a == 0 && b == 0);
    let at_end = caret.is_none_or(|(a, b)| a == n_chars && b == n_chars);
    let step = if enter || down {
        Some((1, 0))
    } else if shift_enter || up {
        Some((-1, 0))
    } else if left && at_start {
        Some((0, -1))
    } else if right && at_end {
        Some((0, 1))
    } else {
        None
    };
    let Some((dr, dc)) = step else {
        return;
    };
    if let Some(next) = neighbour(place, dr, dc, template) {
        ix.focus = Some(Target::Cell(next));
    }
}

/// The next (or previous) input cell from `place` in reading order: along the row, then
/// from the first (last) input cell of the next (previous) row, then the next block's.
pub(super) fn in_reading_order(
    place: Place<'_>,
    forward: bool,
    template: &Template,
) -> Option<CellIdx> {
    let idx = place.block.cell(place.row, place.col)?;
    let table = &template.tables[template.cells[idx].table];
    // Every input cell of the table, in reading order.
    let order: Vec<CellIdx> = table
        .blocks
        .iter()
        .flat_map(|b| b.cells.iter().copied())
        .filter(|&i| template.cells[i].is_input())
        .collect();
    let here = order.iter().position(|&i| i == idx)?;
    if forward {
        order.get(here + 1).copied()
    } else {
        here.checked_sub(1).and_then(|i| order.get(i).copied())
    }
}

/// The next input cell from `place` in a direction, skipping computed cells.
pub(super) fn neighbour(
    place: Place<'_>,
    dr: isize,
    dc: isize,
    template: &Template,
) -> Option<CellIdx> {
    let block = place.block;
    let (mut r, mut c) = (place.row as isize, place.col as isize);
    loop {
        r += dr;
        c += dc;
        if r < 0 || c < 0 || r >= block.rows.len() as isize || c >= block.columns.len() as isize {
            return None;
        }
        let idx = block.cell(r as usize, c as usize)?;
        if template.cells[idx].is_input() {
            return Some(idx);
        }
    }
}

/// Fills cells from a block copied out of Excel or WPS (tab- and newline-separated),
/// starting at `start` and skipping computed rows and columns. Returns a message about
/// values that did not fit or are not numbers.
pub(super) fn paste_block(
    session: &mut Session,
    start: CellIdx,
    block_text: &str,
) -> Option<String> {
    let template = session.template().clone();
    let def = template.cells.get(start)?;
    let block = &template.tables[def.table].blocks[def.block];
    let input_rows: Vec<usize> = (def.row..block.rows.len())
        .filter(|&r| !block.rows[r].is_computed)
        .collect();
    let input_cols: Vec<usize> = (def.col..block.columns.len())
        .filter(|&c| !block.columns[c].is_computed)
        .collect();
    let lines: Vec<&str> = block_text
        .trim_end_matches(['\n', '\r'])
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    let mut n_outside = 0;
    let mut not_numbers = Vec::new();
    let mut writes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for (j, value) in line.split('\t').enumerate() {
            let (Some(&r), Some(&c)) = (input_rows.get(i), input_cols.get(j)) else {
                n_outside += usize::from(!value.trim().is_empty());
                continue;
            };
            let Some(idx) = block.cell(r, c) else {
                continue;
            };
            let value = value.trim();
            if !value.is_empty() && crate::number::parse_number(value).is_err() {
                not_numbers.push(format!("{}「{value}」", template.cells[idx].name));
            }
            writes.push((template.cells[idx].id.clone(), value.to_owned()));
        }
    }
    session.edit(EditKey::Once, |d| {
        for (id, value) in &writes {
            d.set_cell(id, value);
        }
    });
    let mut parts = Vec::new();
    if n_outside > 0 {
        parts.push(format!("{n_outside}个值超出表格范围，未粘贴"));
    }
    if !not_numbers.is_empty() {
        parts.push(format!(
            "{}个值不是数字，已原样保留并标出：{}",
            not_numbers.len(),
            not_numbers.join("、")
        ));
    }
    (!parts.is_empty()).then(|| format!("已粘贴{}个单元格。{}", writes.len(), parts.join("；")))
}
