//! Published reports in the shapes real ones take (`tests/data/import/`, each described in
//! its README): every file imported cell for cell against the draft it was made from, and
//! what the import report must say about it.

use nianbao::draft::{CellEntry, Draft, Level};
use nianbao::import::{self, Imported};

use crate::util::{SEED_003, without_sub_headings};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Seed 003 as the fixtures print it: signed and dated, with every 「0」 under the given id
/// prefixes printed blank (so absent: empty is not zero).
fn seed_003_printed(blank_zeros_under: &[&str]) -> Draft {
    let mut d = Draft::from_ron(SEED_003).expect("seed");
    d.meta.published_on = "2025-01-20".to_owned();
    let is_blank = |id: &str, v: &CellEntry| {
        v.to_string() == "0" && blank_zeros_under.iter().any(|p| id.starts_with(p))
    };
    d.cells.retain(|id, v| !is_blank(id, v));
    d.stated.retain(|id, v| !is_blank(id, v));
    without_sub_headings(&mut d);
    d
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The imported draft equals `expected` in metadata, cells and printed totals; its texts are
/// the same once `text` has been applied to both.
fn assert_same(name: &str, imported: &Imported, expected: &Draft, text: impl Fn(&str) -> String) {
    let d = &imported.draft;
    let report = &imported.report;
    assert_eq!(d.template, expected.template, "{name}");
    assert_eq!(d.meta, expected.meta, "{name}: metadata\n{report}");
    assert_eq!(d.cells, expected.cells, "{name}: cells\n{report}");
    assert_eq!(
        d.stated, expected.stated,
        "{name}: printed totals\n{report}"
    );
    let texts = |x: &Draft| -> Vec<(String, String)> {
        x.texts
            .iter()
            .map(|(k, v)| (k.clone(), text(v)))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    };
    assert_eq!(texts(d), texts(expected), "{name}: texts");
    assert!(
        report.not_read.is_empty() && report.missing.is_empty(),
        "{name}: everything read\n{report}"
    );
}

fn blanks(imported: &Imported) -> Vec<(&str, usize)> {
    imported
        .report
        .blanks
        .iter()
        .map(|(t, n)| (t.as_str(), *n))
        .collect()
}

#[test]
fn pipe_rows_with_blank_zeros() {
    let imported = import::text(&fixture("pipe-blank-zeros.txt"));
    assert_same(
        "pipe-blank-zeros",
        &imported,
        &seed_003_printed(&["t3.", "t4."]),
        str::to_owned,
    );
    // 133 cells and 20 printed totals of 表三, 11 + 2 of 表四: kept blank, and counted.
    assert_eq!(blanks(&imported), [("表三", 153), ("表四", 13)]);
    assert!(
        imported
            .report
            .to_string()
            .contains("表三有153个单元格印为空白"),
        "{}",
        imported.report
    );
}

#[test]
fn markdown_rows_with_edge_bars() {
    let imported = import::text(&fixture("pipe-edges.txt"));
    assert_same(
        "pipe-edges",
        &imported,
        &seed_003_printed(&[]),
        str::to_owned,
    );
    assert!(imported.report.blanks.is_empty());
}

#[test]
fn tab_separated_rows_with_blank_zeros() {
    let imported = import::text(&fixture("tabs-blank-zeros.txt"));
    assert_same(
        "tabs-blank-zeros",
        &imported,
        &seed_003_printed(&["t2.", "t3.", "t4."]),
        str::to_owned,
    );
    assert_eq!(
        blanks(&imported),
        [("表二", 3), ("表三", 153), ("表四", 13)]
    );
}

#[test]
fn one_cell_per_line_with_bar_lines_for_blanks() {
    let imported = import::text(&fixture("cell-per-line.txt"));
    assert_same(
        "cell-per-line",
        &imported,
        &seed_003_printed(&["t3."]),
        str::to_owned,
    );
    assert!(
        imported
            .report
            .meta
            .iter()
            .any(|m| m.contains("及其下一行「城中区人民政府」")),
        "the agency on the line after 「2024 年…」: {:?}",
        imported.report.meta
    );
}

#[test]
fn pdf_text_with_wrapped_labels_footers_and_spaces() {
    let imported = import::text(&fixture("pdftotext.txt"));
    assert_same(
        "pdftotext",
        &imported,
        &seed_003_printed(&[]),
        without_whitespace,
    );
    let d = &imported.draft;
    // Hard-wrapped lines are one paragraph again (the spaces pdftotext put beside figures
    // stay as printed; reading figures ignores them).
    assert!(
        d.text("s1.on_request")
            .contains("通过信函申请 39 件,占 83%;电子邮件 7 件,占 14.9%"),
        "{}",
        d.text("s1.on_request")
    );
    assert!(
        !d.texts
            .values()
            .any(|t| t.contains("— 2 —") || t.contains("-3-")),
        "page numbers dropped"
    );
}

#[test]
fn traditional_characters() {
    let imported = import::text(&fixture("traditional.txt"));
    assert_same(
        "traditional",
        &imported,
        &seed_003_printed(&[]),
        str::to_owned,
    );
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|n| n.contains("繁体")),
        "{:?}",
        imported.report.interpreted
    );
}

#[test]
fn damaged_numbering_and_a_table_without_heading() {
    let imported = import::text(&fixture("numbering-variants.txt"));
    // The sub-headings stand on lines of their own (「1.主动公开」), so the paragraphs do
    // not start with 「(一)主动公开方面。」 (as the seed's texts do, which an import drops).
    let expected = seed_003_printed(&[]);
    assert_same("numbering-variants", &imported, &expected, str::to_owned);
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|n| n.contains("收到和处理政府信息公开申请情况」没有标题")),
        "{:?}",
        imported.report.interpreted
    );
}

#[test]
fn hubei_variant_with_an_extra_row_and_annotated_labels() {
    let imported = import::text(&fixture("hubei-2019.txt"));
    let mut expected =
        Draft::from_ron(&fixture("hubei-2019.expected.ron")).expect("expected draft");
    without_sub_headings(&mut expected);
    assert_same("hubei-2019", &imported, &expected, str::to_owned);
    assert_eq!(
        imported.report.ignored,
        ["表二：「其他主动公开文件」不是本格式的行，其3个数值未读入"]
    );
    assert_eq!(imported.draft.meta.level, Some(Level::TownshipGov));
}

#[test]
fn web_page_with_colspan_figures_and_site_chrome() {
    let page = fixture("colspan-2019.html");
    let imported = import::bytes(page.as_bytes()).expect("a web page");
    let expected = Draft::from_ron(&fixture("colspan-2019.expected.ron")).expect("expected draft");
    assert_same("colspan-2019", &imported, &expected, str::to_owned);
    let preamble = imported.draft.text("s0.preamble");
    for chrome in ["当前位置", "发布时间", "字号", "首页"] {
        assert!(!preamble.contains(chrome), "{chrome} in {preamble}");
    }
}

#[test]
fn titles_in_the_forms_reports_use() {
    let forms = fixture("title-forms.txt");
    let mut n = 0;
    for line in forms
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split(" => ");
        let (Some(title), Some(who), Some(level)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("malformed line: {line}");
        };
        let (agency, year) = who.split_once(" | ").expect("agency | year");
        let report = format!(
            "{}\n一、总体情况\n本年度工作有序开展。\n二、主动公开政府信息情况\n",
            title.replace("\\n", "\n")
        );
        let imported = import::text(&report);
        let meta = &imported.draft.meta;
        assert_eq!(
            (meta.agency.as_str(), meta.year.to_string().as_str()),
            (agency, year),
            "{title}"
        );
        let expected = (level != "未定").then_some(level);
        assert_eq!(
            meta.level.map(Level::label),
            expected,
            "{title}: {:?}",
            imported.report.meta
        );
        assert!(
            imported.report.meta.iter().any(|m| m.contains("推断")),
            "the level is said to be inferred, or not: {:?}",
            imported.report.meta
        );
        n += 1;
    }
    assert!(n >= 20, "{n} titles");
}

#[test]
fn a_row_whose_figures_cannot_be_placed_is_reported_not_guessed() {
    // One cell per line, with the blank cells left out entirely: only the 总计 survives.
    let text = fixture("cell-per-line.txt");
    let seven = "1.本机关不掌握相关政府信息 |\n5 |\n|\n|\n|\n12 |\n|\n17 |";
    assert!(text.contains(seven), "fixture shape");
    let damaged = text.replacen(seven, "1.本机关不掌握相关政府信息 |\n17 |", 1);
    let imported = import::text(&damaged);
    let d = &imported.draft;
    for col in ["natural", "legal_service", "total"] {
        let id = format!("t3.r4_1.{col}");
        assert!(
            !d.cells.contains_key(&id) && !d.stated.contains_key(&id),
            "{id} not guessed"
        );
    }
    let not_read: Vec<&str> = imported.report.cells_not_read().collect();
    assert!(not_read.contains(&"t3.r4_1.natural"), "{not_read:?}");
    let shown = imported.report.to_string();
    assert!(
        shown
            .contains("表三 1.本机关不掌握相关政府信息（7个单元格）：只找到1个数值（17），应有7个"),
        "{shown}"
    );
}
