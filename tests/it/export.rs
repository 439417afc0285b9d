//! Exports read back: labels verbatim, numbers in their cells, merged cells rebuilt from
//! the HTML's rowspan/colspan, empty cells empty, and golden files for seeds 003 and 004.

use nianbao::engine::evaluate;
use nianbao::export::{self, Report};
use nianbao::template::Template;

use crate::util::{SEED_003, SEED_004, seed};

fn exported(ron: &str, f: fn(&Report<'_>) -> String) -> (Template, String) {
    let (t, d) = seed(ron);
    let e = evaluate(&t, &d);
    let out = f(&Report {
        template: &t,
        draft: &d,
        evaluation: &e,
    });
    (t, out)
}

/// Compares with `tests/data/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{e}: {} (UPDATE_GOLDEN=1 creates it)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file (UPDATE_GOLDEN=1 to accept)"
    );
}

#[test]
fn text_has_every_label_and_number_in_place() {
    let (t, text) = exported(SEED_003, export::text);
    for table in &t.tables {
        for block in &table.blocks {
            for span in block.header.iter().chain(&block.row_labels) {
                assert!(text.contains(&span.text), "label 「{}」 missing", span.text);
            }
        }
    }
    let row = |label: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}"));
        line.trim_start()[label.len()..]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        row("一、本年新收政府信息公开申请数量"),
        ["23", "0", "0", "0", "24", "0", "47"]
    );
    assert_eq!(row("（七）总计"), ["23", "0", "0", "0", "36", "0", "59"]);
    assert_eq!(row("行政许可"), ["26367"]);
    assert!(
        text.contains("行政复议\n  结果维持  0\n  结果纠正  5\n"),
        "table 四 under its headings"
    );
    assert!(
        text.contains("行政诉讼\n  未经复议直接起诉\n    结果维持  0\n"),
        "{text}"
    );
    assert!(text.starts_with("城中区人民政府2024年政府信息公开工作年度报告\n"));
    assert!(
        text.contains("国办公开办函〔2021〕30号"),
        "the generated preamble cites the format"
    );
    assert!(text.contains("统计期限自2024年1月1日起至2024年12月31日止"));
    assert!(
        text.contains("政府信息公开行政复议和行政诉讼情况、"),
        "the six parts, unambiguously listed"
    );
}

#[test]
fn columns_stay_aligned_with_chinese_text() {
    let (_, text) = exported(SEED_003, export::text);
    let widths: Vec<usize> = text
        .lines()
        .filter(|l| {
            l.starts_with("一、本年新收")
                || l.starts_with("二、上年结转")
                || l.starts_with("四、结转下年度")
        })
        .map(nianbao::text::display_width)
        .collect();
    assert_eq!(widths.len(), 3);
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "rows end in the same column: {widths:?}"
    );
}

#[test]
fn empty_cells_and_incomplete_totals_stay_empty() {
    let (t, mut d) = seed(SEED_003);
    d.cells.remove("t3.new_received.natural");
    let e = evaluate(&t, &d);
    let text = export::text(&Report {
        template: &t,
        draft: &d,
        evaluation: &e,
    });
    let line = text
        .lines()
        .find(|l| l.starts_with("一、本年新收"))
        .expect("row");
    let values: Vec<&str> = line["一、本年新收政府信息公开申请数量".len()..]
        .split_whitespace()
        .collect();
    assert_eq!(
        values,
        ["—", "0", "0", "0", "24", "0", "—"],
        "no made-up 0 and no partial total, each in its column: {line}"
    );
}

#[test]
fn tsv_rows_have_a_field_per_column() {
    let (_, tsv) = exported(SEED_003, export::tsv);
    let line = tsv
        .lines()
        .find(|l| l.starts_with("一、本年新收"))
        .expect("row");
    assert_eq!(
        line.split('\t').collect::<Vec<_>>(),
        [
            "一、本年新收政府信息公开申请数量",
            "23",
            "0",
            "0",
            "0",
            "24",
            "0",
            "47"
        ]
    );
}

/// The tables of an HTML page, each as a grid rebuilt from rowspan/colspan.
fn html_grids(html: &str) -> Vec<Vec<Vec<String>>> {
    let mut grids = Vec::new();
    for table in html.split("<table").skip(1) {
        let table = &table[..table.find("</table>").expect("closed table")];
        let mut grid: Vec<Vec<Option<String>>> = Vec::new();
        for (r, row) in table.split("<tr>").skip(1).enumerate() {
            let row = &row[..row.find("</tr>").expect("closed row")];
            let mut c = 0;
            for cell in row
                .split(['<'])
                .filter(|p| p.starts_with("th") || p.starts_with("td"))
            {
                let (attrs, text) = cell.split_once('>').expect("tag");
                let attr = |name: &str| {
                    attrs
                        .split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|v| v.split('"').next())
                        .map_or(1, |v| v.parse::<usize>().expect("number"))
                };
                let (rows, cols) = (attr("rowspan"), attr("colspan"));
                let text = text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"");
                while grid
                    .get(r)
                    .is_some_and(|g| g.get(c).is_some_and(Option::is_some))
                {
                    c += 1;
                }
                for dr in 0..rows {
                    for dc in 0..cols {
                        while grid.len() <= r + dr {
                            grid.push(Vec::new());
                        }
                        let g = &mut grid[r + dr];
                        while g.len() <= c + dc {
                            g.push(None);
                        }
                        assert!(
                            g[c + dc].is_none(),
                            "two cells claim row {} column {}",
                            r + dr,
                            c + dc
                        );
                        g[c + dc] = Some(text.clone());
                    }
                }
                c += cols;
            }
        }
        grids.push(
            grid.into_iter()
                .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
                .collect(),
        );
    }
    grids
}

/// Checks grids rebuilt from an export against the template: one grid per block, every
/// position a merged cell covers holds its text, and the mandated facts of tables 三 and 四.
fn assert_mandated_grids(t: &Template, grids: &[Vec<Vec<String>>]) {
    let blocks: Vec<_> = t.tables.iter().flat_map(|t| &t.blocks).collect();
    assert_eq!(grids.len(), blocks.len(), "one table per block");
    for (grid, block) in grids.iter().zip(&blocks) {
        let width = block.label_columns + block.columns.len();
        let top = usize::from(block.caption.is_some());
        assert!(
            grid.iter().all(|row| row.len() == width),
            "every row is {width} wide"
        );
        assert_eq!(grid.len(), top + block.header_rows + block.rows.len());
        // Every grid position a merged cell covers holds its text.
        let covers = |span: &nianbao::template::Span, first_row: usize| {
            (span.row..span.row + span.row_span)
                .flat_map(move |r| {
                    (span.col..span.col + span.col_span).map(move |c| (first_row + r, c))
                })
                .collect::<Vec<_>>()
        };
        for span in &block.header {
            for (r, c) in covers(span, top) {
                assert_eq!(grid[r][c], span.text, "header ({r}, {c})");
            }
        }
        for span in &block.row_labels {
            for (r, c) in covers(span, top + block.header_rows) {
                assert_eq!(grid[r][c], span.text, "label ({r}, {c})");
            }
        }
    }
    // Facts of the mandated layout, independent of how the template is written.
    let t3 = &grids[blocks
        .iter()
        .position(|b| b.label_columns == 3)
        .expect("table 三")];
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert!(
        (0..3).all(|r| (0..3).all(|c| t3[r][c] == corner)),
        "3×3 corner note"
    );
    assert_eq!(t3[0].iter().filter(|c| *c == "申请人情况").count(), 7);
    assert_eq!(t3[1].iter().filter(|c| *c == "法人或其他组织").count(), 5);
    assert_eq!(
        t3.iter().filter(|r| r[0] == "三、本年度办理结果").count(),
        22
    );
    assert_eq!(t3.iter().filter(|r| r[1] == "（三）不予公开").count(), 8);
    let new_row = t3
        .iter()
        .find(|r| r[0] == "一、本年新收政府信息公开申请数量")
        .expect("row");
    assert_eq!(new_row[3..], ["23", "0", "0", "0", "24", "0", "47"]);
    let t4 = grids.last().expect("table 四");
    assert_eq!(t4[0].iter().filter(|c| *c == "行政诉讼").count(), 10);
    assert_eq!(t4[3][1], "5", "行政复议 结果纠正");
}

#[test]
fn html_tables_rebuild_the_mandated_merged_grid() {
    let (t, html) = exported(SEED_003, export::html);
    assert!(
        html.starts_with("<!DOCTYPE html>") && !html.contains("<script"),
        "self-contained, no scripts"
    );
    // Words are kept whole with <wbr> between them: not text.
    let grids = block_grids(&t, html_grids(&html.replace("<wbr>", "")));
    assert_mandated_grids(&t, &grids);
    // A phone scrolls the tables sideways; each is captioned; rows under a merged label are
    // its row group.
    assert!(
        html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
    );
    assert_eq!(
        html.matches(r#"<div class="table">"#).count(),
        t.tables.len()
    );
    assert!(html.contains("<caption>表三 收到和处理政府信息公开申请情况</caption>"));
    assert!(
        html.contains(r#"rowspan="22" scope="rowgroup">三、<wbr>本年度<wbr>办理结果</th>"#),
        "{html}"
    );
    assert!(html.contains(r#"scope="col">自然人</th>"#));
    assert!(html.contains(r#">社会<wbr>公益<wbr>组织</th>"#));
}

/// The DOCX and the web page lay each table's blocks out as one table on a common grid
/// (table 二, as in the official template): its grid split back into one grid per block,
/// each data column once.
fn block_grids(t: &Template, tables: Vec<Vec<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    assert_eq!(tables.len(), t.tables.len(), "one table per table");
    let mut out = Vec::new();
    for (grid, table) in tables.into_iter().zip(&t.tables) {
        let labels = table.blocks[0].label_columns;
        let n_data = grid[0].len() - labels;
        let mut rows = grid.into_iter();
        for block in &table.blocks {
            let n = usize::from(block.caption.is_some()) + block.header_rows + block.rows.len();
            let step = n_data / block.columns.len();
            out.push(
                rows.by_ref()
                    .take(n)
                    .map(|row| {
                        row[..labels]
                            .iter()
                            .chain(row[labels..].iter().step_by(step))
                            .cloned()
                            .collect()
                    })
                    .collect(),
            );
        }
        assert!(rows.next().is_none(), "no rows beyond the blocks'");
    }
    out
}

#[test]
fn docx_tables_have_real_merged_cells_and_every_value() {
    let (t, d) = seed(SEED_003);
    let e = evaluate(&t, &d);
    let report = Report {
        template: &t,
        draft: &d,
        evaluation: &e,
    };
    let bytes = export::docx(&report, &export::DocxOptions::default()).expect("docx");
    assert_eq!(&bytes[..2], b"PK", "a zip file");
    let grids = block_grids(&t, crate::word::grids(&bytes));
    assert_mandated_grids(&t, &grids);
    // Every cell value in its place, totals included.
    let blocks: Vec<_> = t.tables.iter().flat_map(|t| &t.blocks).collect();
    for (grid, block) in grids.iter().zip(&blocks) {
        let first = usize::from(block.caption.is_some()) + block.header_rows;
        for r in 0..block.rows.len() {
            for c in 0..block.columns.len() {
                let idx = block.cell(r, c).expect("cell");
                assert_eq!(
                    grid[first + r][block.label_columns + c],
                    report.cell_text(idx),
                    "{}",
                    t.cells[idx].id
                );
            }
        }
    }
    let texts = crate::word::paragraphs(&bytes);
    // Two lines, broken between words (GB/T 9704): the agency, then the report.
    assert_eq!(texts[0], "城中区人民政府\n2024年政府信息公开工作年度报告");
    for heading in [
        "一、总体情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "六、其他需要报告的事项",
    ] {
        assert!(texts.iter().any(|p| p == heading), "{heading}");
    }
    assert!(
        texts.iter().any(|p| p == "（五）监督保障"),
        "second-level headings"
    );
    assert!(
        texts.last().is_some_and(|p| p == "城中区人民政府"),
        "signature at the end"
    );
}

#[test]
fn golden_files_for_seeds_003_and_004() {
    for (name, ron) in [("seed-003", SEED_003), ("seed-004", SEED_004)] {
        golden(&format!("{name}.txt"), &exported(ron, export::text).1);
        golden(&format!("{name}.html"), &exported(ron, export::html).1);
    }
}

#[test]
fn control_characters_never_reach_an_export() {
    let (t, mut d) = seed(SEED_003);
    // A form feed, as pdftotext leaves between pages, and other control characters.
    d.set_text("s6.body", "第一页的文字\u{c}第二页的文字\u{1}。");
    d.set_cell("t3.r1_granted.natural", "3\t件");
    let e = evaluate(&t, &d);
    let report = Report {
        template: &t,
        draft: &d,
        evaluation: &e,
    };
    let bytes = export::docx(&report, &export::DocxOptions::default()).expect("docx");
    let texts = crate::word::paragraphs(&bytes);
    assert!(
        texts.iter().any(|p| p == "第一页的文字"),
        "a page break becomes a paragraph break"
    );
    assert!(
        texts.iter().any(|p| p == "第二页的文字。"),
        "other control characters are dropped"
    );
    let html = export::html(&report);
    assert!(!html.contains('\u{c}') && !html.contains('\u{1}'));
    let tsv = export::tsv(&report);
    let row = tsv
        .lines()
        .find(|l| l.starts_with("（一）予以公开"))
        .expect("row");
    assert_eq!(
        row.split('\t').count(),
        8,
        "a tab in a cell does not add a column: {row}"
    );
}
