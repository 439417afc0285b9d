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
    // The paragraphs' own heading sentences (「(一)主动公开方面。」) are the parts'
    // headings, which the format prints: the text keeps one.
    assert!(d.text("s1.proactive").starts_with("一是2024年"));
    assert!(d.text("s1.oversight").starts_with("一是加强组织保障"));
    assert!(d.text("s5.improvements").starts_with("2025年"));
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

const TEXT_001: &str = include_str!("../data/seeds/seed-001.txt");

#[test]
fn seed_001_traditional_2020_report_uses_the_2019_format() {
    let imported = import::text(TEXT_001);
    let d = &imported.draft;
    assert_eq!(d.meta.year, 2020, "inferred from the text");
    assert_eq!(
        d.template, "gov-info-disclosure-2019",
        "2020 → 2019 试行 format"
    );
    let missing = &imported.report.missing;
    // Every heading is in Traditional characters (總體情況, 行政復(fù)議); all six are found.
    assert!(
        !missing.iter().any(|m| m.starts_with("未找到「")),
        "{missing:?}"
    );
    for table in ["表二", "表三", "表四"] {
        assert!(
            missing.iter().any(|m| m.contains(table)),
            "{table}: {missing:?}"
        );
    }
    let notes = &imported.report.interpreted;
    assert!(notes.iter().any(|n| n.contains("繁体")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("拼音")), "{notes:?}");
    let overview = d.text("s1.overview");
    assert!(
        overview.starts_with("2020年,龙华区坚持以习近平新时代中国特色社会主义思想为指导"),
        "Simplified, debris removed: {overview}"
    );
    assert!(!overview.contains("(qū)") && !overview.contains('\u{fffd}'));
    assert_eq!(d.text("s6.body"), "暂无其他需要说明的事项。");
    assert!(
        d.text("s5.problems")
            .starts_with("2020年,我区扎实稳步推进政府信息公开工作")
    );
}

#[test]
fn seed_tables_leave_no_debris_in_the_notes() {
    for text in [TEXT_003, TEXT_004] {
        let d = import::text(text).draft;
        for note in ["s2.note", "s3.note", "s4.note"] {
            assert_eq!(d.text(note), "", "{note}: table cells are not narrative");
        }
    }
}

#[test]
fn damaged_and_foreign_files_get_clear_messages() {
    let docx = crate::util::docx_of(SEED_003);
    let message = |bytes: &[u8]| match import::bytes(bytes) {
        Ok(imported) => panic!("imported: {:?}", imported.report.missing),
        Err(e) => e.to_string(),
    };
    assert!(message(&[0xd0, 0xcf, 0x11, 0xe0, 0, 0]).contains("另存为 .docx"));
    assert!(message(b"PK\x03\x04garbage").contains("不是有效的 Word 文件"));
    // A zip without a body.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .expect("zip");
    let no_body = zip.finish().expect("zip").into_inner();
    assert!(message(&no_body).contains("没有正文"));
    // A download cut short: the entry list at the end is gone; what inflates is read.
    let cut = &docx[..docx.len() * 2 / 3];
    let imported = import::bytes(cut).expect("partial success");
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|n| n.contains("不完整")),
        "{:?}",
        imported.report.interpreted
    );
    assert_eq!(imported.draft.meta.agency, "城中区人民政府");
}

#[test]
fn a_zip_bomb_is_refused_before_it_fills_memory() {
    // word/document.xml claiming to be small but inflating past the cap: deflate packs
    // runs of one byte about 1000:1, so ~70 KB of zip is 70 MB of XML.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).expect("zip");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..=(import::MAX_XML_BYTES >> 20) {
        std::io::Write::write_all(&mut zip, &chunk).expect("zip");
    }
    let bomb = zip.finish().expect("zip").into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let error = import::bytes(&bomb).expect_err("refused");
    assert!(error.to_string().contains("解压后超过"), "{error}");
}

#[test]
fn gbk_text_and_html_are_decoded() {
    let text = "城中区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展，成效明显。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let imported = import::bytes(&gbk).expect("text");
    assert_eq!(imported.draft.meta.agency, "城中区人民政府");
    assert_eq!(
        imported.draft.text("s1.overview"),
        "本年度工作有序开展，成效明显。"
    );
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|n| n.contains("GBK"))
    );
    let html = "<html><head><meta charset=gb2312></head><body><h1>城中区人民政府2024年政府信息公开工作年度报告</h1>\
         <h2>一、总体情况</h2><p>本年度工作有序开展，成效明显。</p></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(html);
    let imported = import::bytes(&gbk).expect("html");
    assert_eq!(
        imported.draft.text("s1.overview"),
        "本年度工作有序开展，成效明显。"
    );
}

#[test]
fn a_unit_in_a_cell_is_read_with_a_warning() {
    let text = TEXT_003.replacen(
        "本年收费金额(单位:万元) |\n行政事业性收费 |\n90 |",
        "本年收费金额(单位:万元) |\n行政事业性收费 |\n251000元 |",
        1,
    );
    let imported = import::text(&text);
    assert_eq!(
        imported
            .draft
            .cells
            .get("t2.fees.amount")
            .map(ToString::to_string),
        Some("251000".to_owned())
    );
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|m| m.contains("251000元") && m.contains("请核对单位")),
        "{:?}",
        imported.report.interpreted
    );
}

#[test]
fn a_2019_shaped_table_in_a_2021_report_is_e4() {
    // A 2022 report published with the 2019 试行 table 二 (本年新制作数量 …).
    let template = nianbao::template::builtin_by_id("gov-info-disclosure-2019").expect("embedded");
    let mut draft = Draft::new(
        &template,
        nianbao::draft::Meta {
            agency: "某县人民政府".to_owned(),
            year: 2022,
            ..nianbao::draft::Meta::default()
        },
    );
    draft.set_cell("t2.rules.new_made", "1");
    let evaluation = nianbao::engine::evaluate(&template, &draft);
    let text = nianbao::export::text(&nianbao::export::Report {
        template: &template,
        draft: &draft,
        evaluation: &evaluation,
    });
    let imported = import::text(&text);
    assert_eq!(
        imported.draft.template, "gov-info-disclosure-2019",
        "read as printed"
    );
    assert_eq!(imported.draft.meta.year, 2022);
    assert_eq!(
        imported
            .draft
            .cells
            .get("t2.rules.new_made")
            .map(ToString::to_string),
        Some("1".to_owned())
    );
    assert!(
        imported
            .report
            .interpreted
            .iter()
            .any(|m| m.contains("2019年试行版")),
        "{:?}",
        imported.report.interpreted
    );
    let findings = nianbao::engine::evaluate(&template, &imported.draft).findings;
    assert!(findings.iter().any(|f| f.rule == "E4"), "{findings:?}");
}
