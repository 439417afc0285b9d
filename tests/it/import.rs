//! Importing published reports (text): seeds 003 and 004 cell for cell against the drafts
//! typed from them, and 000 and 002 (tables published as images) narrative only.

use nianbao::draft::Draft;
use nianbao::import;

use crate::util::{SEED_003, SEED_004};

const TEXT_000: &str = include_str!("../data/seeds/seed-000.txt");
const TEXT_002: &str = include_str!("../data/seeds/seed-002.txt");
const TEXT_003: &str = include_str!("../data/seeds/seed-003.txt");
const TEXT_004: &str = include_str!("../data/seeds/seed-004.txt");

fn typed(ron: &str) -> Draft {
    Draft::from_ron(ron).expect("fixture")
}

#[test]
fn seed_003_tables_cell_for_cell() {
    let imported = import::text(TEXT_003);
    let expected = typed(SEED_003);
    let d = &imported.draft;
    assert_eq!(d.template, "gov-info-disclosure-2021");
    assert_eq!(
        d.meta.year, 2024,
        "inferred from the text: the report has no title"
    );
    assert_eq!(
        d.cells, expected.cells,
        "every entered value of tables 二, 三, 四"
    );
    assert_eq!(
        d.stated, expected.stated,
        "every printed total, kept to be checked"
    );
    assert_eq!(imported.report.cells_read.len(), 10 + 175 + 15);
    assert!(
        imported
            .report
            .missing
            .iter()
            .any(|m| m.contains("推断为2024年")),
        "{:?}",
        imported.report.missing
    );
    assert!(
        d.text("s1.proactive")
            .starts_with("(一)主动公开方面。一是2024年")
    );
    assert!(d.text("s1.oversight").starts_with("(五)监督保障方面"));
    assert!(
        d.text("s5.improvements")
            .starts_with("(二)改进情况。2025年")
    );
    assert_eq!(d.text("s6.body"), expected.text("s6.body"));
}

#[test]
fn seed_004_tables_cell_for_cell() {
    let imported = import::text(TEXT_004);
    let expected = typed(SEED_004);
    let d = &imported.draft;
    assert_eq!(
        (d.meta.agency.as_str(), d.meta.year),
        ("深圳市龙岗区政务服务数据管理局", 2022)
    );
    assert_eq!(
        d.cells, expected.cells,
        "tab-indented cells, labels split across lines"
    );
    assert_eq!(d.stated, expected.stated);
    assert_eq!(
        d.text("s1.on_request"),
        "2022年，我局未收到政府信息公开申请。"
    );
    assert!(
        d.text("s1.platform")
            .starts_with("一是“龙岗政府在线”门户网站优化升级"),
        "damaged numbering 「（4）」"
    );
    assert!(
        d.text("s0.preamble")
            .starts_with("根据《中华人民共和国政府信息公开条例》")
    );
    assert!(
        !d.text("s1.proactive").contains("[bookmark"),
        "conversion artifacts removed"
    );
}

#[test]
fn reports_without_tables_keep_their_narrative() {
    for (text, agency) in [
        (TEXT_000, "深圳市罗湖区人民政府"),
        (TEXT_002, "深圳市人民政府"),
    ] {
        let imported = import::text(text);
        let d = &imported.draft;
        assert_eq!((d.meta.agency.as_str(), d.meta.year), (agency, 2024));
        assert!(d.cells.is_empty());
        let missing = &imported.report.missing;
        for table in ["表二", "表三", "表四"] {
            assert!(
                missing.iter().any(|m| m.contains(table)),
                "{table} reported missing: {missing:?}"
            );
        }
        assert!(!d.text("s6.body").is_empty(), "section 六 read");
        assert!(!d.text("s1.overview").is_empty(), "section 一 read");
    }
}

#[test]
fn placeholders_and_units_are_interpreted_and_reported() {
    let text = TEXT_003.replacen(
        "本年收费金额(单位:万元) |\n行政事业性收费 |\n90 |",
        "本年收费金额(单位:万元) |\n行政事业性收费 |\n/ |",
        1,
    );
    let imported = import::text(&text);
    assert!(
        !imported.draft.cells.contains_key("t2.fees.amount"),
        "「/」 is an empty cell, not 0"
    );
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|m| m.contains("「/」按空白处理")),
        "{:?}",
        imported.report.interpreted
    );
}
