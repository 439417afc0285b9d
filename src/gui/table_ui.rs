//! The statistics tables, drawn as the mandated format draws them: merged header cells,
//! the row hierarchy in its label columns, input cells, read-only computed totals, and
//! outlines and tooltips for findings.
//!
//! The grid is laid out from the template's merged spans ([`crate::template::Span`]),
//! the same data the exports use, so what the editor shows is what gets published.

use std::sync::Arc;

use eframe::egui::{self, Color32, CornerRadius, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::Interaction;
use super::command::Command;
use super::session::Session;
use super::style::{COMPUTED_BG, HEADER_BG, LINE, OK_GREEN, severity_color};
use super::table_cell::{PAD, Place, cell_ui, galley};
use super::view::Doc;
use crate::engine::Severity;
use crate::template::{Block, CellIdx, Span, Template};

/// Height of a data row with a one-line label.
const ROW_HEIGHT: f32 = 26.0;
/// Narrowest data column.
const MIN_DATA_WIDTH: f32 = 46.0;

/// One table with its toolbar; `table_idx` into the template's tables.
pub(super) fn table_ui(ui: &mut Ui, doc: &Doc<'_>, table_idx: usize, ix: &mut Interaction) {
    let session = doc.session;
    let Some(table) = session.template().tables.get(table_idx) else {
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
    if table_idx == balance_table(session.template()) {
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
    let block = &doc.session.template().tables[table_idx].blocks[block_idx];
    let col_w = widths(block, ui.available_width().max(600.0));
    // Row heights: each merged header and label cell must fit its wrapped text.
    let mut header_h = vec![ROW_HEIGHT; block.header_rows.max(1)];
    let header_galleys = fit_spans(
        ui,
        doc.session.template(),
        &block.header,
        &col_w,
        &mut header_h,
        true,
    );
    let mut row_h = vec![ROW_HEIGHT; block.rows.len()];
    let label_galleys = fit_spans(
        ui,
        doc.session.template(),
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
                idx,
                rect: grid.cell_rect(r, c),
            };
            cell_ui(ui, doc, place, ix);
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

/// Below table 三: the two sides of 勾稽关系 per column, green when they match.
fn balance_ui(ui: &mut Ui, session: &Session, table_idx: usize) {
    let template = &session.template();
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
    let sum = |idxs: &[CellIdx]| session.evaluation().complete_sum(idxs);
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
