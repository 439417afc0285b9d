//! The DOCX export as Word and WPS read it: every XML part valid against the ISO/IEC 29500
//! schemas with its children in the order Word expects (checked with `../shared/ooxml`),
//! every part referenced and typed, the zip deflated, and document properties that name the
//! report and its agency.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::date::Date;
use nianbao::draft::Draft;
use nianbao::engine::evaluate;
use nianbao::export::{self, DocxOptions, Report};
use nianbao::template::{self, Template};

use crate::util::{SEED_000, SEED_002, SEED_003, SEED_004, TempDir, seed};

/// Every draft in `tests/data/`, and the shapes the seeds lack: the 2019 试行 format, a
/// report with empty cells, and a long narrative with characters XML escapes.
fn drafts() -> Vec<(&'static str, Template, Draft)> {
    let mut out: Vec<(&'static str, Template, Draft)> = [
        ("seed-000", SEED_000),
        ("seed-002", SEED_002),
        ("seed-003", SEED_003),
        ("seed-004", SEED_004),
        (
            "hubei-2019",
            include_str!("../data/import/hubei-2019.expected.ron"),
        ),
    ]
    .into_iter()
    .map(|(name, ron)| {
        let (t, d) = seed(ron);
        (name, t, d)
    })
    .collect();
    let (t, mut empty) = seed(SEED_003);
    let ids: Vec<String> = empty.cells.keys().cloned().collect();
    for id in ids.iter().step_by(2) {
        empty.cells.remove(id);
    }
    out.push(("empty-cells", t, empty));
    let (t, mut long) = seed(SEED_003);
    for part in t.parts() {
        let text = long.text(&part.id).to_owned();
        let more = format!("{text}\n“引号”与<尖括号>及&符号，\"半角\"引号。\n").repeat(12);
        long.set_text(&part.id, &more);
    }
    out.push(("long-narrative", t, long));
    let (t, mut signed) = seed(SEED_003);
    signed.finalize("张三", "2025-01-20 09:30");
    out.push(("finalized", t, signed));
    out
}

#[test]
fn a_finalized_report_says_so_in_its_properties_in_every_format() {
    let (t, mut d) = seed(SEED_003);
    let unsigned = unzip(&docx(&t, &d, &DocxOptions::default()));
    let core = part(&unsigned, "docProps/core.xml");
    assert!(
        core.contains("<cp:contentStatus>未定稿</cp:contentStatus>"),
        "{core}"
    );
    assert!(!core.contains("dc:description"), "{core}");
    d.finalize("张三", "2025-01-20 09:30");
    let hash = d.content_hash();
    let signed = unzip(&docx(&t, &d, &DocxOptions::default()));
    let core = part(&signed, "docProps/core.xml");
    assert!(
        core.contains("<cp:contentStatus>定稿</cp:contentStatus>"),
        "{core}"
    );
    let description =
        format!("<dc:description>定稿：张三，2025-01-20 09:30；内容校验码 {hash}</dc:description>");
    assert!(core.contains(&description), "{core}");
    let e = evaluate(&t, &d);
    let report = Report {
        template: &t,
        draft: &d,
        evaluation: &e,
    };
    let html = export::html(&report);
    assert!(
        html.contains("<meta name=\"nianbao-status\" content=\"定稿\">"),
        "{html}"
    );
    assert!(html.contains(&format!("内容校验码 {hash}\">")), "{html}");
    // Reopened: no longer the signed-off version.
    d.reopen("李四", "2025-01-21 10:00", "更正");
    let reopened = unzip(&docx(&t, &d, &DocxOptions::default()));
    assert!(
        part(&reopened, "docProps/core.xml")
            .contains("<cp:contentStatus>未定稿</cp:contentStatus>")
    );
}

fn docx(t: &Template, d: &Draft, options: &DocxOptions) -> Vec<u8> {
    let e = evaluate(t, d);
    let report = Report {
        template: t,
        draft: d,
        evaluation: &e,
    };
    export::docx(&report, options).expect("exports")
}

/// The entries of a zip: name, compression method, content.
fn unzip(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 XML");
            (
                file.name().expect("entry name").into_owned(),
                file.compression(),
                text,
            )
        })
        .collect()
}

/// Every value of attribute `name` in `xml`.
fn attribute_values(xml: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    xml.match_indices(&key)
        .filter_map(|(at, _)| {
            let rest = &xml[at + key.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

fn part<'a>(entries: &'a [(String, zip::CompressionMethod, String)], name: &str) -> &'a str {
    &entries
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is in the package"))
        .2
}

#[test]
fn every_part_is_referenced_typed_and_deflated() {
    for (name, t, d) in drafts() {
        let bytes = docx(&t, &d, &DocxOptions::default());
        let entries = unzip(&bytes);
        let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
        for (entry, method, _) in &entries {
            assert_eq!(
                *method,
                zip::CompressionMethod::Deflated,
                "{name}: {entry} is deflated"
            );
        }
        // Referenced: by the package's relationships, or the document's.
        let mut referenced: Vec<String> = attribute_values(part(&entries, "_rels/.rels"), "Target");
        referenced.extend(
            attribute_values(part(&entries, "word/_rels/document.xml.rels"), "Target")
                .into_iter()
                .map(|t| format!("word/{t}")),
        );
        let typed = attribute_values(part(&entries, "[Content_Types].xml"), "PartName");
        for entry in &names {
            if entry.ends_with(".rels") || *entry == "[Content_Types].xml" {
                continue;
            }
            assert!(
                referenced.iter().any(|r| r == entry),
                "{name}: nothing references {entry}"
            );
            assert!(
                typed.iter().any(|p| p == &format!("/{entry}")),
                "{name}: {entry} has no content type"
            );
        }
        for target in &referenced {
            assert!(
                names.contains(&target.as_str()),
                "{name}: {target} is referenced but missing"
            );
        }
        // The document's relationships are all used by it.
        let document = part(&entries, "word/document.xml");
        for id in attribute_values(part(&entries, "word/_rels/document.xml.rels"), "Id") {
            let kind = attribute_values(part(&entries, "word/_rels/document.xml.rels"), "Type");
            let used = document.contains(&format!("r:id=\"{id}\""));
            let implicit = kind.iter().any(|k| {
                k.ends_with("/styles") || k.ends_with("/settings") || k.ends_with("/fontTable")
            });
            assert!(used || implicit, "{name}: relationship {id} unused");
        }
    }
    // Deflated: seed 003 is a few dozen kilobytes at most.
    let bytes = docx(
        &seed(SEED_003).0,
        &seed(SEED_003).1,
        &DocxOptions::default(),
    );
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
}

#[test]
fn properties_name_the_report_and_its_agency() {
    let (t, d) = seed(SEED_003);
    let options = DocxOptions {
        date: Date::new(2025, 1, 10),
        ..DocxOptions::default()
    };
    let bytes = docx(&t, &d, &options);
    let parts = unzip(&bytes);
    let entries = &parts;
    let core = part(entries, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>城中区人民政府2024年政府信息公开工作年度报告</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>城中区人民政府</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-10T00:00:00Z</dcterms:created>"
        ),
        "{core}"
    );
    assert!(!core.contains("1970"), "{core}");
    let app = part(entries, "docProps/app.xml");
    assert!(app.contains("<Application>nianbao "), "{app}");
    assert!(app.contains("<Company>城中区人民政府</Company>"), "{app}");
    // Chinese as the East Asian language, widow control, odd and even page numbers.
    let styles = part(entries, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"zh-CN\""), "{styles}");
    assert!(styles.contains("<w:widowControl/>"), "{styles}");
    assert!(part(entries, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    assert!(part(entries, "word/footer1.xml").contains("<w:jc w:val=\"right\"/>"));
    assert!(part(entries, "word/footer2.xml").contains("<w:jc w:val=\"left\"/>"));
    assert!(part(entries, "word/footer1.xml").contains(" PAGE "));
    // The same report on the same day gives the same bytes.
    assert_eq!(bytes, docx(&t, &d, &options));
    // Without a date none is written (not 1970).
    let undated = unzip(&docx(&t, &d, &DocxOptions::default()));
    assert!(!part(&undated, "docProps/core.xml").contains("dcterms:created"));
}

/// `../shared/ooxml`, when it and Python's lxml are here; else why not, on the test's
/// output. In CI (`CI=true`) a check that cannot run fails instead: a passing run there
/// means the DOCX was checked.
#[expect(
    clippy::print_stdout,
    reason = "a skipped check says so (cargo test shows it with --nocapture)"
)]
fn ooxml_checks() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ooxml");
    let missing = if dir.join("validate.py").is_file() {
        let lxml = Command::new("python3")
            .args(["-c", "import lxml"])
            .status()
            .is_ok_and(|s| s.success());
        (!lxml).then(|| "python3 with lxml is not installed (pip install lxml)".to_owned())
    } else {
        Some(format!("{} is not here", dir.display()))
    };
    let Some(why) = missing else {
        return Some(dir);
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the DOCX schema check cannot run in CI: {why}"
    );
    println!("skipped: {why}");
    None
}

#[test]
fn word_opens_every_draft_without_repair() {
    let Some(checks) = ooxml_checks() else {
        return;
    };
    let dir = TempDir::new("docx-schema");
    let mut files = Vec::new();
    for (name, t, d) in drafts() {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, docx(&t, &d, &DocxOptions::default())).expect("write");
        files.push(path);
    }
    let validate = Command::new("python3")
        .arg(checks.join("validate.py"))
        .args(&files)
        .output()
        .expect("validate.py runs");
    let report = String::from_utf8_lossy(&validate.stdout);
    assert!(
        validate.status.success() && report.contains("TOTAL schema errors: 0"),
        "schema errors:\n{report}"
    );
    let order = Command::new("python3")
        .arg(checks.join("ordercheck.py"))
        .arg("--office-rpr")
        .args(&files)
        .output()
        .expect("ordercheck.py runs");
    let report = String::from_utf8_lossy(&order.stdout);
    let counts: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("########"))
        .collect();
    assert_eq!(counts.len(), files.len(), "{report}");
    assert!(
        counts.iter().all(|l| l.contains(": 0 violations")),
        "children out of order:\n{report}"
    );
}

#[test]
fn the_2019_format_has_its_own_tables() {
    // Its table 二 (four blocks of other columns) is one table on a common grid too.
    let (t, d) = seed(include_str!("../data/import/hubei-2019.expected.ron"));
    assert_eq!(
        t.id,
        template::builtin_by_id("gov-info-disclosure-2019")
            .expect("2019")
            .id
    );
    let bytes = docx(&t, &d, &DocxOptions::default());
    let entries = unzip(&bytes);
    let document = part(&entries, "word/document.xml");
    assert_eq!(
        document.matches("<w:tbl>").count(),
        3,
        "one table per table"
    );
}

#[test]
fn the_unit_overview_is_a_table_word_opens() {
    use nianbao::merge::{Balance, UnitStatus, overview_attachment};
    use nianbao::number::Decimal;
    let t = template::for_year(2024).expect("2021 format");
    let unit = |agency: &str, n: i128| UnitStatus {
        agency: agency.to_owned(),
        file: format!("各单位/{agency}.nianbao"),
        level: None,
        errors: 0,
        warnings: 1,
        balance: Balance::Holds,
        reviewed: n > 10,
        finalized: n < 10,
        figures: vec![Some(Decimal::from_int(n)); t.key_figures.len()],
    };
    let units = [unit("城中区教育局", 31), unit("城中区财政局", 5)];
    let (header, rows) = overview_attachment(&t, &units);
    // An attachment: no files; a 合计 row.
    assert!(!header.iter().any(|h| h == "文件"), "{header:?}");
    let total = rows.last().expect("a total row");
    assert_eq!(total[0], "合计");
    assert_eq!(total[1], "36", "新收申请 summed: {total:?}");
    assert_eq!(total[total.len() - 2], "1/2", "one of two reviewed");
    assert_eq!(total[total.len() - 1], "1/2", "one of two finalized");
    assert_eq!(header[header.len() - 1], "已定稿");
    let bytes = export::table_docx(
        "各单位概况（2024年度）",
        (&header, &rows),
        &t,
        &DocxOptions::default(),
    )
    .expect("exports");
    // Read back: every header and cell, in order.
    let document = part(&unzip(&bytes), "word/document.xml").to_owned();
    let texts: Vec<String> = document
        .split("<w:t")
        .skip(1)
        .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</w:t>")?].to_owned()))
        .collect();
    let mut expected = vec!["各单位概况（2024年度）".to_owned()];
    expected.extend(header.iter().cloned());
    expected.extend(rows.iter().flatten().cloned());
    let joined = |v: &[String]| v.concat();
    assert_eq!(joined(&texts), joined(&expected), "{texts:?}");
    assert!(
        document.contains("<w:tblHeader/>"),
        "the header repeats on each page"
    );
    assert!(!document.contains(".nianbao"), "no file paths");
    // Header words whole: 「结转/下年度」, never 「结转下年/度」.
    for lines in cell_lines(tables(&document)[0]) {
        let text = lines.concat();
        if text == "结转下年度" && lines.len() > 1 {
            assert_eq!(lines, ["结转", "下年度"]);
        }
        if text == "已审阅" {
            assert_eq!(lines.len(), 1, "{lines:?}");
        }
    }
    let Some(checks) = ooxml_checks() else {
        return;
    };
    let dir = TempDir::new("docx-overview");
    let path = dir.path().join("overview.docx");
    std::fs::write(&path, &bytes).expect("write");
    let validate = Command::new("python3")
        .arg(checks.join("validate.py"))
        .arg(&path)
        .output()
        .expect("validate.py runs");
    let report = String::from_utf8_lossy(&validate.stdout);
    assert!(report.contains("TOTAL schema errors: 0"), "{report}");
}

/// The paragraphs of `document.xml`, each as its XML.
fn paragraphs(document: &str) -> Vec<&str> {
    document
        .split("<w:p>")
        .skip(1)
        .map(|p| p.split("</w:p>").next().unwrap_or_default())
        .collect()
}

/// The text of a paragraph's runs.
fn paragraph_text(p: &str) -> String {
    p.split("<w:t")
        .skip(1)
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tc>`, `<w:tcPr>` …
        .filter(|t| t.starts_with('>') || t.starts_with(' '))
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .map(|t| t.split("</w:t>").next().unwrap_or_default())
        .collect()
}

/// GB/T 9704—2012 7.3.5.2: the agency two characters from the right margin, the date on
/// the next line with its first character two characters right of the agency's first (or,
/// when the date is the longer, two from the margin, the agency moved left to keep the
/// two), and
/// the last paragraph of the text kept with them.
#[test]
fn the_signature_is_laid_out_as_the_standard_says_and_kept_with_the_text() {
    // Body text is 16 pt on the page's grid of 28 characters a line: a character 315 twips
    // (320 set 5 closer), a digit 155.
    for (agency, date, agency_right, date_right) in [
        // 7 characters (2205); 2025年1月5日: 6 digits and 3 characters (1875).
        ("城中区人民政府", "2025-01-05", 630, 2205 - 1875),
        // 13 characters against the same date: the date ends 4095 − 1875 in.
        ("某某省某某市城中区人民政府", "2025-01-05", 630, 4095 - 1875),
        // 2 characters (630) against 2025年12月20日 (8 digits, 3 characters: 2185), the
        // longer: the date two from the margin, the agency 2 + 2 characters + 2185 − 630.
        ("某局", "2025-12-20", 630 + 630 + 2185 - 630, 630),
    ] {
        let (t, mut d) = seed(SEED_003);
        d.meta.agency = agency.to_owned();
        d.meta.published_on = date.to_owned();
        let entries = unzip(&docx(&t, &d, &DocxOptions::default()));
        let document = part(&entries, "word/document.xml");
        let paras = paragraphs(document);
        let n = paras.len();
        let (agency_p, date_p) = (paras[n - 2], paras[n - 1]);
        let shown = nianbao::date::Date::parse(date).expect("date").to_chinese();
        assert_eq!(paragraph_text(agency_p), agency);
        assert_eq!(paragraph_text(date_p), shown);
        assert!(!shown.contains("年0") && !shown.contains("月0"), "{shown}");
        let right = |p: &str| attribute_values(p, "w:right").first().cloned();
        assert_eq!(right(agency_p), Some(agency_right.to_string()), "{agency}");
        assert_eq!(right(date_p), Some(date_right.to_string()), "{agency}");
        assert!(
            agency_p.contains("<w:keepNext/>"),
            "the agency keeps with its date"
        );
        let (blank, last_text) = (paras[n - 3], paras[n - 4]);
        assert!(paragraph_text(blank).is_empty() && blank.contains("<w:keepNext/>"));
        assert!(
            last_text.contains("<w:keepNext/>"),
            "the text's last paragraph keeps with the signature: {}",
            paragraph_text(last_text)
        );
    }
}

/// The tables of `document.xml`, each as its XML.
fn tables(document: &str) -> Vec<&str> {
    document
        .split("<w:tbl>")
        .skip(1)
        .map(|t| t.split("</w:tbl>").next().unwrap_or_default())
        .collect()
}

/// A table's cells: the text of each, its lines as the breaks put them.
fn cell_lines(table: &str) -> Vec<Vec<String>> {
    table
        .split("<w:tc>")
        .skip(1)
        .map(|c| {
            let c = c.split("</w:tc>").next().unwrap_or_default();
            c.split("<w:br/>").map(paragraph_text).collect()
        })
        .collect()
}

/// Table 三 as the official template proportions it, measured from the XML: the outer
/// label column one character wide, the innermost 34 % of the width, each data column wide
/// enough for 「自然人」 and its figures on one line; every label broken only between the
/// template's words. And the page's grid: 22 lines of 28 characters.
#[test]
fn table_three_columns_labels_and_the_page_grid_are_the_templates() {
    let (t, mut d) = seed(SEED_003);
    // A five-digit figure in a column of table 三 needs its room.
    d.cells.insert(
        "t3.new_received.natural".to_owned(),
        nianbao::draft::CellEntry::Number(nianbao::number::Decimal::from_int(13_612)),
    );
    let entries = unzip(&docx(&t, &d, &DocxOptions::default()));
    let document = part(&entries, "word/document.xml");
    let table = tables(document)
        .into_iter()
        .find(|x| x.contains("本年新收"))
        .expect("table 三");
    let grid_xml = table
        .split("<w:tblGrid>")
        .nth(1)
        .and_then(|g| g.split("</w:tblGrid>").next())
        .expect("the table's grid");
    let grid: Vec<usize> = attribute_values(grid_xml, "w:w")
        .iter()
        .map(|w| w.parse().expect("twips"))
        .collect();
    assert_eq!(grid.len(), 3 + 7, "{grid:?}");
    let total: usize = grid.iter().sum();
    assert_eq!(total, 11_906 - 1587 - 1474, "the text width");
    let share = |w: usize| w * 100 / total;
    assert!(
        grid[0] <= 2 * 210,
        "the outer level one character wide: {grid:?}"
    );
    assert!(
        grid[1] >= 4 * 210 + 80,
        "「（三）」「不予公开」 on a line each: {grid:?}"
    );
    assert!(
        (30..=34).contains(&share(grid[2])),
        "the innermost label: {}%",
        share(grid[2])
    );
    // 10.5 pt: a character 210 twips, a digit 105; 80 twips of margins.
    assert!(grid[3] >= 3 * 210 + 80, "自然人 and 13612: {grid:?}");
    for w in &grid[4..] {
        assert!(
            *w >= 2 * 210 + 80,
            "two characters a line at least: {grid:?}"
        );
    }
    // Every label breaks between the template's words only.
    for lines in cell_lines(table) {
        if lines.len() < 2 {
            continue;
        }
        let text: String = lines.concat();
        let marks = t.word_breaks.get(&text).cloned().unwrap_or_default();
        let mut at = 0;
        for line in &lines[..lines.len() - 1] {
            at += line.chars().count();
            let before = text.chars().nth(at - 1).unwrap_or(' ');
            let after = text.chars().nth(at).unwrap_or(' ');
            let at_mark = marks.contains(&at)
                || "、，；：）".contains(before)
                || after == '（'
                // The outer level reads downwards, a character a line.
                || text == "三、本年度办理结果";
            assert!(at_mark, "「{text}」 broken inside a word: {lines:?}");
        }
    }
    // 22 lines of 28 characters: the grid on the 156 × 225 mm text area.
    let grid_xml = document.split("<w:docGrid").nth(1).expect("a page grid");
    assert!(grid_xml.contains(r#"w:type="lines""#));
    let height: i64 = 16_838 - 2098 - 1984;
    let pitch: i64 = attribute_values(grid_xml, "w:linePitch")[0]
        .parse()
        .expect("a number");
    assert!(
        pitch * 22 <= height && height < pitch * 23,
        "22 lines: {pitch}"
    );
    // The body's characters stand closer, so that 28 fill the line and 29 do not.
    let spacing: i64 = document
        .split("<w:spacing w:val=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the body's character spacing")
        .parse()
        .expect("twips");
    let line: i64 = 11_906 - 1587 - 1474;
    let char_twips = 320 + spacing;
    assert!(
        char_twips * 28 <= line && line < char_twips * 29,
        "28 characters: {char_twips}"
    );
    // The body's line spacing is the grid's.
    assert!(document.contains(&format!(r#"w:line="{pitch}""#)));
}
