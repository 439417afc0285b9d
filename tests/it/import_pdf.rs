//! PDFs that a real office suite made (`tests/data/pdf/`, described in its README): each
//! imported back into the draft it was made from, value for value, text for text; and the
//! PDFs that cannot be read, refused with a reason.

use nianbao::draft::Draft;
use nianbao::import::{self, ImportError, Imported};

use crate::util::{SEED_003, SEED_004, without_sub_headings};

fn pdf(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn imported(name: &str) -> Imported {
    import::bytes(&pdf(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Metadata, every cell and printed total, and every text (compared without whitespace: a
/// PDF keeps no line breaks of its own) as in `expected`; nothing left unread.
fn assert_same(name: &str, imported: &Imported, expected: &Draft) {
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
            .map(|(k, v)| (k.clone(), without_whitespace(v)))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    };
    assert_eq!(texts(d), texts(expected), "{name}: texts");
    assert!(
        report.not_read.is_empty() && report.missing.is_empty() && report.ignored.is_empty(),
        "{name}: everything read\n{report}"
    );
}

#[test]
fn the_pdfs_of_our_exports_read_back_exactly() {
    let mut seed_003 = Draft::from_ron(SEED_003).expect("seed");
    let mut seed_004 = Draft::from_ron(SEED_004).expect("seed");
    without_sub_headings(&mut seed_003);
    without_sub_headings(&mut seed_004);
    let colspan = Draft::from_ron(include_str!("../data/import/colspan-2019.expected.ron"))
        .expect("2019-format draft");
    for (name, expected) in [
        ("seed-003.pdf", &seed_003),
        ("seed-004.pdf", &seed_004),
        ("colspan-2019.pdf", &colspan),
        // Labels wrapped onto up to eight lines inside their cells.
        ("seed-003-narrow-labels.pdf", &seed_003),
        // Table 三 over a page break, its header repeated.
        ("seed-003-split-table.pdf", &seed_003),
        // Copying and printing forbidden, no password to open: readable.
        ("restricted.pdf", &seed_003),
    ] {
        assert_same(name, &imported(name), expected);
    }
}

#[test]
fn numbered_headings_and_spaced_figures() {
    let mut expected = Draft::from_ron(SEED_003).expect("seed");
    without_sub_headings(&mut expected);
    // The variant spaces figures from their units in four parts (see the README); compared
    // without whitespace, the texts are the seed's.
    let d = imported("seed-003-numbering.pdf");
    assert_same("seed-003-numbering.pdf", &d, &expected);
    // The spaces are printed ones, kept as printed.
    assert!(
        d.draft.text("s1.proactive").contains("2424 条"),
        "{}",
        d.draft.text("s1.proactive")
    );
    assert!(
        !d.draft.texts.values().any(|t| t.contains("1、总体情况")),
        "headings are not text"
    );
}

#[test]
fn the_import_report_says_where_the_metadata_came_from() {
    let d = imported("seed-004.pdf");
    let meta = &d.report.meta;
    assert!(
        meta.iter()
            .any(|m| m.contains("深圳市龙岗区政务服务数据管理局") && m.contains("标题")),
        "{meta:?}"
    );
    assert!(
        meta.iter()
            .any(|m| m.contains("县级以上人民政府部门") && m.contains("推断")),
        "{meta:?}"
    );
}

#[test]
fn unreadable_pdfs_are_refused_with_the_reason() {
    let error = |name: &str| match import::bytes(&pdf(name)) {
        Ok(imported) => panic!("{name} imported: {}", imported.report),
        Err(e) => e,
    };
    assert!(matches!(
        error("bad/scanned.pdf"),
        ImportError::PdfNoText {
            n_pages: 1,
            n_images: 1
        }
    ));
    assert!(matches!(
        error("bad/encrypted.pdf"),
        ImportError::PdfEncrypted
    ));
    assert!(matches!(error("bad/truncated.pdf"), ImportError::NotPdf(_)));
    // Cut anywhere, a PDF is refused or read, never a panic.
    let whole = pdf("seed-003.pdf");
    for n in (0..whole.len()).step_by(whole.len() / 37) {
        if let Ok(imported) = import::bytes(&whole[..n]) {
            assert!(imported.report.cells_read.len() <= 200);
        }
    }
}

#[test]
fn a_row_broken_across_a_page_is_put_together() {
    // 表三 「（四）2.没有现成信息需要另行制作」: its label at the foot of page 3, its figures
    // (2 5 8 11 14 17 57) on page 4 under the repeated header. Before, the row read as seven
    // blank cells.
    let path = format!(
        "{}/tests/data/import/shapes/distinct-2024.nianbao",
        env!("CARGO_MANIFEST_DIR")
    );
    let expected =
        Draft::from_ron(&std::fs::read_to_string(path).expect("fixture")).expect("draft");
    let d = imported("distinct-row-split.pdf");
    assert_same("distinct-row-split.pdf", &d, &expected);
    assert!(d.report.blanks.is_empty(), "{}", d.report);
    assert!(
        d.report
            .interpreted
            .iter()
            .any(|n| n.contains("「2.没有现成信息需要另行制作」一行跨页印制")),
        "{}",
        d.report
    );
}
