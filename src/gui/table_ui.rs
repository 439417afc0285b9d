//! The statistics tables, drawn as the mandated format draws them: merged header cells,
//! the row hierarchy in its label columns, input cells, read-only computed totals, and
//! outlines and tooltips for findings.
//!
//! The grid is laid out from the template's merged spans ([`crate::template::Span`]),
//! the same data the exports use, so what the editor shows is what gets published.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, CornerRadius, Frame, Key, Margin, Modifiers, Rect, Sense, Stroke, StrokeKind,
    TextEdit, Ui, Vec2, pos2, vec2,
};

use super::Interaction;
use super::command::Command;
use super::session::{EditKey, Session};
use super::style::{COMPUTED_BG, CURRENT_BG, HEADER_BG, LINE, OK_GREEN, severity_color};
use super::view::Doc;
use crate::draft::CellEntry;
use crate::engine::{CellStatus, Severity, Target};
use crate::template::{Block, CellIdx, Span, Template};

/// Height of a data row with a one-line label.
const ROW_HEIGHT: f32 = 26.0;
/// Padding inside label cells.
const PAD: f32 = 6.0;
/// Narrowest data column.
const MIN_DATA_WIDTH: f32 = 46.0;

/// The widget id of a cell's editor (also how findings focus it).
pub(super) fn cell_id(idx: CellIdx) -> egui::Id {
    egui::Id::unique(("nianbao-cell", idx))
}

/// One table with its toolbar; `table_idx` into the template's tables.
pub(super) fn table_ui(ui: &mut Ui, doc: &Doc<'_>, table_idx: usize, ix: &mut Interaction) {
    let session = doc.session;
    let Some(table) = session.template.tables.get(table_idx) else {
        return;
    };
    let name = table.name.clone();
    ui.horizontal(|ui| {
        ui.strong(format!("{name} {}", table.title));
        if ix.tables_read_only {
            ui.weak("汇总报告：各单位之和（只读），右键单击单元格可查看各单位数值");
        } else if ui
            .button("空白单元格填0")
            .on_hover_text("把本表所有尚未填写的单元格填为0（可撤销）")
            .clicked()
        {
            ix.commands.push(Command::FillZeros(table_idx));
        }
    });
    let n_blocks = table.blocks.len();
    for block_idx in 0..n_blocks {
        block_ui(ui, doc, table_idx, block_idx, ix);
        ui.add_space(6.0);
    }
    if table_idx == balance_table(&session.template) {
        balance_ui(ui, session, table_idx);
    }
}

/// The table R1 balances (table 三), if the template has that rule.
fn balance_table(template: &Template) -> usize {
    template
        .rules
        .iter()
        .find_map(|r| match &r.check {
            crate::template::Check::Balance { columns, .. } => {
                let first = columns.first()?.left.first()?;
                Some(template.cells[*first].table)
            }
            _ => None,
        })
        .unwrap_or(usize::MAX)
}

/// Column widths of a block: label columns, then data columns. Table 三 fits a
/// 1366-pixel-wide window with both side panels open.
fn widths(block: &Block, available: f32) -> Vec<f32> {
    // Room for the vertical scroll bar.
    let available = available - 18.0;
    let n_data = block.columns.len() as f32;
    let labels: Vec<f32> = match block.label_columns {
        0 => Vec::new(),
        1 => vec![(available * 0.3).clamp(120.0, 220.0)],
        n => {
            let total = (available * 0.42).clamp(280.0, 470.0);
            // The outer levels are narrow; the innermost (1.属于国家秘密 …) gets the rest.
            let outer = 62.0_f32.min(total / (n as f32 + 1.0));
            let mut v = vec![outer; n - 1];
            v[n - 2] = outer * 1.3;
            let used: f32 = v.iter().sum();
            v.push(total - used);
            v
        }
    };
    let rest = available - labels.iter().sum::<f32>();
    let data = (rest / n_data).clamp(MIN_DATA_WIDTH, 150.0);
    labels
        .into_iter()
        .chain(std::iter::repeat_n(data, block.columns.len()))
        .collect()
}

/// Text laid out in `width`; a table label breaks only between the words its template
/// marks (`breaks`), as the official template breaks 「商业/企业」.
fn galley(
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

/// Lays out each span's text in its merged width and grows the rows it covers (evenly)
/// until the text fits.
fn fit_spans(
    ui: &Ui,
    template: &crate::template::Template,
    spans: &[Span],
    col_w: &[f32],
    heights: &mut [f32],
    strong: bool,
) -> Vec<Arc<egui::Galley>> {
    spans
        .iter()
        .map(|span| {
            let w: f32 = col_w[span.col..span.col + span.col_span].iter().sum();
            let breaks = template
                .word_breaks
                .get(&span.text)
                .map_or(&[][..], Vec::as_slice);
            let g = galley(ui, &span.text, w, (strong, breaks));
            let need = g.size().y + 2.0 * PAD;
            let rows = &mut heights[span.row..span.row + span.row_span];
            let have: f32 = rows.iter().sum();
            if need > have {
                let extra = (need - have) / rows.len() as f32;
                for h in rows {
                    *h += extra;
                }
            }
            g
        })
        .collect()
}

/// One block of a table: caption, header, row labels, the data grid and its cells.
fn block_ui(ui: &mut Ui, doc: &Doc<'_>, table_idx: usize, block_idx: usize, ix: &mut Interaction) {
    let block = &doc.session.template.tables[table_idx].blocks[block_idx];
    let col_w = widths(block, ui.available_width().max(600.0));
    // Row heights: each merged header and label cell must fit its wrapped text.
    let mut header_h = vec![ROW_HEIGHT; block.header_rows.max(1)];
    let header_galleys = fit_spans(
        ui,
        &doc.session.template,
        &block.header,
        &col_w,
        &mut header_h,
        true,
    );
    let mut row_h = vec![ROW_HEIGHT; block.rows.len()];
    let label_galleys = fit_spans(
        ui,
        &doc.session.template,
        &block.row_labels,
        &col_w,
        &mut row_h,
        false,
    );
    let caption_h = if block.caption.is_some() {
        ROW_HEIGHT
    } else {
        0.0
    };
    let size = vec2(
        col_w.iter().sum(),
        caption_h + header_h.iter().sum::<f32>() + row_h.iter().sum::<f32>(),
    );
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let grid = Grid {
        block,
        origin: rect.min,
        col_w,
        header_h,
        row_h,
        caption_h,
    };
    let painter = ui.painter_at(rect.expand(2.0));
    grid.merged_cells_ui(ui, &painter, header_galleys, label_galleys);
    grid.paint_data_area(&painter);
    for r in 0..block.rows.len() {
        for c in 0..block.columns.len() {
            let Some(idx) = block.cell(r, c) else {
                continue;
            };
            let place = Place {
                block,
                row: r,
                col: c,
            };
            cell_ui(ui, doc, idx, grid.cell_rect(r, c), place, ix);
        }
    }
}

/// Where a block's parts are drawn: column widths, header and row heights, from the
/// block's top left corner.
struct Grid<'a> {
    block: &'a Block,
    origin: egui::Pos2,
    col_w: Vec<f32>,
    header_h: Vec<f32>,
    row_h: Vec<f32>,
    caption_h: f32,
}

impl Grid<'_> {
    fn x_of(&self, col: usize) -> f32 {
        self.origin.x + self.col_w[..col].iter().sum::<f32>()
    }

    fn total_w(&self) -> f32 {
        self.col_w.iter().sum()
    }

    fn header_y(&self, row: usize) -> f32 {
        self.origin.y + self.caption_h + self.header_h[..row].iter().sum::<f32>()
    }

    fn body_y(&self) -> f32 {
        self.header_y(self.header_h.len())
    }

    fn row_y(&self, row: usize) -> f32 {
        self.body_y() + self.row_h[..row].iter().sum::<f32>()
    }

    fn bottom(&self) -> f32 {
        self.row_y(self.row_h.len())
    }

    /// A merged span of the header (`in_header`) or of the row labels.
    fn span_rect(&self, span: &Span, in_header: bool) -> Rect {
        let (y, heights) = if in_header {
            (self.header_y(span.row), &self.header_h)
        } else {
            (self.row_y(span.row), &self.row_h)
        };
        let h: f32 = heights[span.row..span.row + span.row_span].iter().sum();
        let w: f32 = self.col_w[span.col..span.col + span.col_span].iter().sum();
        Rect::from_min_size(pos2(self.x_of(span.col), y), vec2(w, h))
    }

    /// A data cell, by row and data column.
    fn cell_rect(&self, r: usize, c: usize) -> Rect {
        let col = self.block.label_columns + c;
        let min = pos2(self.x_of(col), self.row_y(r));
        Rect::from_min_size(min, vec2(self.col_w[col], self.row_h[r]))
    }

    /// The caption, header and label areas. Borders of merged cells: these areas are
    /// painted in the line colour once, and each cell is filled half a pixel inside its
    /// bounds, so the borders show between the fills (one shape per cell instead of a fill
    /// and an outline). Header cells are accessibility nodes, read as laid out.
    fn merged_cells_ui(
        &self,
        ui: &Ui,
        painter: &egui::Painter,
        header_galleys: Vec<Arc<egui::Galley>>,
        label_galleys: Vec<Arc<egui::Galley>>,
    ) {
        let block = self.block;
        let (origin, total_w, body_y) = (self.origin, self.total_w(), self.body_y());
        let label_w = self.x_of(block.label_columns) - origin.x;
        let merged_area = [
            Rect::from_min_max(origin, pos2(origin.x + total_w, body_y)),
            Rect::from_min_max(
                pos2(origin.x, body_y),
                pos2(origin.x + label_w, self.bottom()),
            ),
        ];
        for area in merged_area {
            painter.rect_filled(area, CornerRadius::ZERO, LINE);
        }
        let cell_fill =
            |r: Rect, fill: Color32| painter.rect_filled(r.shrink(0.5), CornerRadius::ZERO, fill);
        if let Some(caption) = &block.caption {
            let r = Rect::from_min_size(origin, vec2(total_w, self.caption_h));
            cell_fill(r, HEADER_BG);
            let g = galley(ui, caption, total_w, (true, &[]));
            let at = r.left_center() + vec2(PAD, -g.size().y / 2.0);
            painter.galley(at, g, Color32::BLACK);
        }
        for (span, g) in block.header.iter().zip(header_galleys) {
            let r = self.span_rect(span, true);
            cell_fill(r, HEADER_BG);
            // Screen readers read the header as it is laid out (and tests see its lines).
            let id = egui::Id::unique(("nianbao-header", std::ptr::from_ref(block) as usize))
                .with((span.row, span.col));
            let text = g.text().to_owned();
            ui.interact(r, id, Sense::hover())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
            painter.galley(r.center() - g.size() / 2.0, g, Color32::BLACK);
        }
        let body_bg = ui.visuals().panel_fill;
        for (span, g) in block.row_labels.iter().zip(label_galleys) {
            let r = self.span_rect(span, false);
            cell_fill(r, body_bg);
            let at = pos2(r.min.x + PAD, r.center().y - g.size().y / 2.0);
            painter.galley(at, g, Color32::BLACK);
        }
    }

    /// The data area has no merged cells: shade computed rows and columns and draw its
    /// grid as whole lines (far fewer shapes than a stroked rectangle per cell).
    fn paint_data_area(&self, painter: &egui::Painter) {
        let block = self.block;
        let stroke = Stroke::new(1.0, LINE);
        let data_min = pos2(self.x_of(block.label_columns), self.body_y());
        let data_max = pos2(self.origin.x + self.total_w(), self.bottom());
        for (c, col) in block.columns.iter().enumerate() {
            if col.is_computed {
                let x = self.x_of(block.label_columns + c);
                let w = self.col_w[block.label_columns + c];
                let r = Rect::from_min_max(pos2(x, data_min.y), pos2(x + w, data_max.y));
                painter.rect_filled(r, CornerRadius::ZERO, COMPUTED_BG);
            }
        }
        for (r, row) in block.rows.iter().enumerate() {
            if row.is_computed {
                let y = self.row_y(r);
                let rect =
                    Rect::from_min_max(pos2(data_min.x, y), pos2(data_max.x, y + self.row_h[r]));
                painter.rect_filled(rect, CornerRadius::ZERO, COMPUTED_BG);
            }
        }
        for r in 0..=block.rows.len() {
            painter.hline(data_min.x..=data_max.x, self.row_y(r), stroke);
        }
        for c in 0..=block.columns.len() {
            let x = self.x_of(block.label_columns + c);
            painter.vline(x, data_min.y..=data_max.y, stroke);
        }
    }
}

/// Where a cell sits, for keyboard moves.
#[derive(Clone, Copy)]
struct Place<'a> {
    block: &'a Block,
    row: usize,
    col: usize,
}

/// What a cell shows when it is not being edited.
fn display_text(session: &Session, idx: CellIdx) -> String {
    let def = &session.template.cells[idx];
    session
        .draft
        .cells
        .get(&def.id)
        .map(CellEntry::to_string)
        .unwrap_or_default()
}

fn messages_for(doc: &Doc<'_>, idx: CellIdx) -> Vec<String> {
    let session = doc.session;
    let target = Target::Cell(idx);
    let mut messages: Vec<String> = session
        .evaluation
        .findings_for(&target)
        .map(|f| format!("{}：{}", f.severity.label(), f.message))
        .collect();
    messages.extend(tallied_from(session, idx));
    let id = &session.template.cells[idx].id;
    if doc.derived.is_changed(id) {
        messages.push("自审阅以来已修改".to_owned());
    }
    messages.extend(
        session
            .draft
            .comments
            .iter()
            .filter(|c| &c.target == id)
            .map(|c| format!("批注（{}）：{}", c.date, c.text)),
    );
    messages
}

/// Which register rows a tallied cell counts: 「由台账（台账.xlsx）第2、18行统计」.
fn tallied_from(session: &Session, idx: CellIdx) -> Option<String> {
    const N_SHOWN: usize = 30;
    let tallied = session.draft.tallied.as_ref()?;
    let rows = tallied.rows.get(&session.template.cells[idx].id)?;
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
fn cell_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    idx: CellIdx,
    rect: Rect,
    place: Place<'_>,
    ix: &mut Interaction,
) {
    let session = doc.session;
    let def = &session.template.cells[idx];
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
    if session.evaluation.cell(idx).status == CellStatus::Invalid {
        painter.rect_filled(
            rect.shrink(1.0),
            CornerRadius::ZERO,
            Color32::from_rgb(0xfd, 0xec, 0xea),
        );
    }
    let mut response = input_cell_ui(ui, doc, idx, rect, place, ix);
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
fn has_messages(doc: &Doc<'_>, idx: CellIdx) -> bool {
    let session = doc.session;
    let id = &session.template.cells[idx].id;
    session
        .evaluation
        .findings_for(&Target::Cell(idx))
        .next()
        .is_some()
        || session.draft.comments.iter().any(|c| &c.target == id)
        || doc.derived.is_changed(id)
        || session
            .draft
            .tallied
            .as_ref()
            .is_some_and(|t| t.rows.contains_key(id))
}

/// A computed total: read-only, right-aligned. A sum over cells not all filled in is shown
/// as such, in words and greyed (「部分 112」), and says why on hover; screen readers hear
/// 「部分之和 112」.
fn computed_cell_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    idx: CellIdx,
    rect: Rect,
    severity: Option<Severity>,
) -> egui::Response {
    let session = doc.session;
    let name = session.template.cells[idx].name.clone();
    let result = session.evaluation.cell(idx);
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
    response
}

/// An input cell without the focus: its text painted right-aligned where the editor shows
/// it, cut with 「…」 when too long for the cell, with the editor's accessibility (a text
/// input named by the cell, holding its text) and its keyboard focus (Tab and a click give
/// the focus, and the next frame draws the editor). Only the cell being typed into is a
/// `TextEdit`: each one clips its text to its own rectangle, which makes it a draw call of
/// its own, and table 三's 144 of them cost 11 MB under Mesa's software renderer.
fn resting_cell_ui(
    ui: &mut Ui,
    (id, name): (egui::Id, &str),
    rect: Rect,
    text: &str,
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
    response
}

/// An input cell's editor: the text as typed while it has the focus, everything selected
/// when it gets it, Esc back to what it held, spreadsheet keys to move; read-only in
/// 审阅模式 (but still focusable, to select and comment on).
fn input_cell_ui(
    ui: &mut Ui,
    doc: &Doc<'_>,
    idx: CellIdx,
    rect: Rect,
    place: Place<'_>,
    ix: &mut Interaction,
) -> egui::Response {
    let session = doc.session;
    let def = &session.template.cells[idx];
    let widget_id = cell_id(idx);
    let is_editing = ix.cell_edit.as_ref().is_some_and(|e| e.idx == idx);
    let mut text = match &ix.cell_edit {
        Some(e) if e.idx == idx => e.buffer.clone(),
        _ => display_text(session, idx),
    };
    let had_focus = ui.memory(|m| m.has_focus(widget_id));
    // The cell that just lost the focus is still the editor this frame: it reverts on Esc
    // and ends its step.
    if !had_focus && !is_editing {
        return resting_cell_ui(ui, (widget_id, &def.name), rect, &text);
    }
    let caret = had_focus
        .then(|| caret_range(ui.ctx(), widget_id))
        .flatten();
    // A `&str` buffer is one egui shows but never changes.
    let frozen = text.clone();
    let mut frozen: &str = &frozen;
    let buffer: &mut dyn egui::TextBuffer = if ix.read_only || ix.tables_read_only {
        &mut frozen
    } else {
        &mut text
    };
    let edit = TextEdit::singleline(buffer)
        .id(widget_id)
        .align(egui::Align2::RIGHT_CENTER)
        .frame(Frame::NONE)
        // Clear of the finding's outline (2 px inside the cell).
        .margin(Margin::symmetric(6, 2))
        .desired_width(rect.width() - 2.0);
    let response = ui.put(
        rect.shrink2(Vec2::new(1.0, (rect.height() - 20.0).max(2.0) / 2.0)),
        edit,
    );
    let response = response.accessible_name(def.name.clone());
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
        navigate(ui, place, caret, n_chars, &session.template, ix);
    }
    if had_focus
        && let Some(forward) = ix.tab.take()
        && let Some(next) = in_reading_order(place, forward, &session.template)
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
fn review_marks(painter: &egui::Painter, rect: Rect, doc: &Doc<'_>, id: &str) {
    if doc.derived.is_changed(id) {
        painter.rect_stroke(
            rect.shrink(3.0),
            CornerRadius::ZERO,
            Stroke::new(1.5, super::style::CHANGED),
            egui::StrokeKind::Inside,
        );
    }
    if doc.session.draft.comments.iter().any(|c| c.target == id) {
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

fn outline(painter: &egui::Painter, rect: Rect, severity: Option<Severity>) {
    if let Some(s) = severity.filter(|s| *s != Severity::Info) {
        painter.rect_stroke(
            rect.shrink(1.0),
            CornerRadius::ZERO,
            Stroke::new(2.0, severity_color(s)),
            StrokeKind::Inside,
        );
    }
}

fn caret_range(ctx: &egui::Context, id: egui::Id) -> Option<(usize, usize)> {
    let state = egui::text_edit::TextEditState::load(ctx, id)?;
    let range = state.cursor.char_range()?.as_sorted_char_range();
    Some((range.start.0, range.end.0))
}

fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// Spreadsheet keys: Enter / Shift+Enter down / up, arrows at the caret's edge. (Tab and
/// Shift+Tab: `in_reading_order`.)
fn navigate(
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
fn in_reading_order(place: Place<'_>, forward: bool, template: &Template) -> Option<CellIdx> {
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
fn neighbour(place: Place<'_>, dr: isize, dc: isize, template: &Template) -> Option<CellIdx> {
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
    let template = session.template.clone();
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

/// Below table 三: the two sides of 勾稽关系 per column, green when they match.
fn balance_ui(ui: &mut Ui, session: &Session, table_idx: usize) {
    let template = &session.template;
    let Some(columns) = template.rules.iter().find_map(|r| match &r.check {
        crate::template::Check::Balance {
            columns,
            blanks_as_zero: false,
        } => Some(columns),
        _ => None,
    }) else {
        return;
    };
    let block = &template.tables[table_idx].blocks[0];
    let col_w = widths(block, ui.available_width().max(600.0));
    let label_w: f32 = col_w[..block.label_columns].iter().sum();
    let (rect, _) =
        ui.allocate_exact_size(vec2(col_w.iter().sum(), ROW_HEIGHT * 2.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let label = galley(ui, "勾稽关系：一＋二 ／ 三＋四", label_w, (true, &[]));
    painter.galley(
        pos2(rect.min.x + PAD, rect.center().y - label.size().y / 2.0),
        label,
        Color32::BLACK,
    );
    let sum = |idxs: &[CellIdx]| session.evaluation.complete_sum(idxs);
    let mut x = rect.min.x + label_w;
    for (column, w) in columns.iter().zip(&col_w[block.label_columns..]) {
        let (left, right) = (sum(&column.left), sum(&column.right));
        let (text, color) = match (left, right) {
            (Some(l), Some(r)) if l == r => (format!("{l}\n{r}"), OK_GREEN),
            (Some(l), Some(r)) => (format!("{l}\n≠{r}"), severity_color(Severity::Error)),
            _ => ("—\n—".to_owned(), ui.visuals().weak_text_color()),
        };
        let g = ui
            .painter()
            .layout(text, egui::TextStyle::Body.resolve(ui.style()), color, *w);
        let r = Rect::from_min_size(pos2(x, rect.min.y), vec2(*w, rect.height()));
        painter.galley(
            pos2(r.max.x - PAD - g.size().x, r.center().y - g.size().y / 2.0),
            g,
            color,
        );
        x += w;
    }
}
