//! The PDF export: read back by the importer cell for cell and text for text (seeds 003 and
//! 004 and a 2019-format draft), its fonts embedded as subsets with a text layer, its title
//! and language set, the header rows of table 三 repeated, the signature with its date on
//! the page of the last paragraph, the export saying which fonts stood in and which
//! characters none had, and a font of the system's (a test 黑体) used where the document
//! names it, given directly and found by the command line in `NIANBAO_FONT_DIR`.

use nianbao::draft::Draft;
use nianbao::engine;
use nianbao::export::{self, DocxOptions, Pdf, Report};
use nianbao::template::Template;

use crate::util::{SEED_003, SEED_004, seed, without_sub_headings};

const HUBEI_2019: &str = include_str!("../data/import/hubei-2019.expected.ron");

/// The draft as a PDF, with the bundled fonts only (what a machine without Chinese fonts
/// gets).
fn pdf_of(template: &Template, draft: &Draft) -> Pdf {
    let evaluation = engine::evaluate(template, draft);
    let report = Report {
        template,
        draft,
        evaluation: &evaluation,
    };
    export::pdf(&report, &DocxOptions::default(), &[]).expect("typesets")
}

/// A seed with a publication date, so the signature carries one.
fn dated(ron: &str) -> (Template, Draft) {
    let (template, mut draft) = seed(ron);
    if draft.meta.published_on.is_empty() {
        draft.meta.published_on = "2025-01-20".to_owned();
    }
    (template, draft)
}

/// Each page's text, as lopdf decodes it through the fonts' `ToUnicode` maps.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf reads");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&n| {
            doc.extract_text(&[n])
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

#[test]
fn the_importer_reads_the_pdf_back_cell_for_cell_and_text_for_text() {
    for ron in [SEED_003, SEED_004, HUBEI_2019] {
        let (template, draft) = dated(ron);
        let pdf = pdf_of(&template, &draft);
        let imported = nianbao::import::pdf(&pdf.bytes).expect("imports");
        let back = &imported.draft;
        let mut draft = draft.clone();
        without_sub_headings(&mut draft);
        assert_eq!(back.template, draft.template);
        assert_eq!(
            (&back.meta.agency, back.meta.year, &back.meta.published_on),
            (
                &draft.meta.agency,
                draft.meta.year,
                &draft.meta.published_on
            ),
            "{}",
            draft.meta.agency
        );
        for cell in template.cells.iter().filter(|c| c.is_input()) {
            assert_eq!(
                back.cells.get(&cell.id).map(ToString::to_string),
                draft.cells.get(&cell.id).map(ToString::to_string),
                "{} {}",
                draft.meta.agency,
                cell.id
            );
        }
        assert_eq!(back.cells.len(), draft.cells.len(), "no extra cells");
        for (id, text) in draft.texts.iter().filter(|(_, t)| !t.trim().is_empty()) {
            assert_eq!(
                back.texts.get(id).map(|t| t.trim()),
                Some(text.trim()),
                "{} {id}",
                draft.meta.agency
            );
        }
        let arithmetic: Vec<_> = engine::evaluate(&template, back)
            .findings
            .iter()
            .filter(|f| ["R2", "R3", "R4"].contains(&f.rule.as_str()))
            .map(|f| f.rule.clone())
            .collect();
        assert!(arithmetic.is_empty(), "{arithmetic:?}");
    }
}

#[test]
fn fonts_are_embedded_subsets_and_the_document_has_its_title_and_language() {
    let (template, draft) = dated(SEED_003);
    let pdf = pdf_of(&template, &draft);
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("loads");
    let mut fonts = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"FontDescriptor") {
            let name = dict
                .get(b"FontName")
                .and_then(lopdf::Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let embedded = ["FontFile", "FontFile2", "FontFile3"]
                .iter()
                .any(|k| dict.has(k.as_bytes()));
            fonts.push((name, embedded));
        }
    }
    assert!(!fonts.is_empty());
    for (name, embedded) in &fonts {
        assert!(embedded, "{name} is embedded");
        // A subset's name carries a six-letter tag: ABCDEF+NotoSerifCJKsc-Regular.
        assert_eq!(name.find('+'), Some(6), "{name} is a subset");
    }
    assert!(fonts.iter().any(|(n, _)| n.contains("NotoSerifCJK")));
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|l| lopdf::decode_text_string(l).ok());
    assert!(
        lang.as_deref().is_some_and(|l| l.starts_with("zh")),
        "{lang:?}"
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference);
    let title = info
        .ok()
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|d| d.get(b"Title").ok())
        .and_then(|t| lopdf::decode_text_string(t).ok());
    assert_eq!(
        title.as_deref(),
        Some(&*format!(
            "{}2024年政府信息公开工作年度报告",
            draft.meta.agency
        ))
    );
    let keywords = |bytes: &[u8]| {
        let doc = lopdf::Document::load_mem(bytes).expect("loads");
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference);
        info.ok()
            .and_then(|id| doc.get_dictionary(id).ok())
            .and_then(|d| d.get(b"Keywords").ok())
            .and_then(|t| lopdf::decode_text_string(t).ok())
    };
    assert_eq!(keywords(&pdf.bytes).as_deref(), Some("未定稿"));
    let mut signed = draft.clone();
    signed.finalize("张三", "2025-01-20 09:30");
    let signed_pdf = pdf_of(&template, &signed);
    let expected = format!(
        "定稿, 定稿：张三，2025-01-20 09:30；内容校验码 {}",
        signed.content_hash()
    );
    assert_eq!(keywords(&signed_pdf.bytes), Some(expected));
}

#[test]
fn tables_repeat_their_headers_and_the_signature_keeps_with_the_text() {
    let (template, draft) = dated(SEED_003);
    let pdf = pdf_of(&template, &draft);
    let pages = page_texts(&pdf.bytes);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // Page numbers 「— N —」 on every page.
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains(&format!("—{}—", i + 1)),
            "page {}: {text}",
            i + 1
        );
    }
    // Table 三's header (申请人情况, 自然人) on every page the table is on.
    let with_rows: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            [
                "1.属于国家秘密",
                "1.本机关不掌握相关政府信息",
                "四、结转下年度继续办理",
            ]
            .iter()
            .any(|row| pages[i].contains(row))
        })
        .collect();
    assert!(with_rows.len() >= 2, "table 三 runs over {with_rows:?}");
    for &i in &with_rows {
        assert!(
            pages[i].contains("自然人"),
            "page {} repeats the header",
            i + 1
        );
    }
    // The signature and its date on the page of the report's last paragraph.
    let last = pages.last().expect("a page");
    assert!(last.contains(&draft.meta.agency), "{last}");
    assert!(last.contains("2025年1月20日"), "{last}");
    let last_paragraph: String = draft
        .text("s6.body")
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .expect("part 六 is written")
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(8)
        .collect();
    assert!(last.contains(&last_paragraph), "{last_paragraph} on {last}");
}

#[test]
fn the_export_says_which_fonts_stood_in_and_which_characters_none_had() {
    let (template, mut draft) = dated(SEED_003);
    // 堃 and 喆 are not in GB2312, so not in the bundled faces either.
    let text = format!("{}联系人：王堃喆。", draft.text("s6.body"));
    draft.set_text("s6.body", &text);
    let pdf = pdf_of(&template, &draft);
    assert_eq!(pdf.missing, vec!['堃', '喆']);
    let notes = pdf.notes();
    assert!(
        notes[0].contains("正文 Noto Serif CJK SC（本机没有仿宋_GB2312，用随附字体代替）"),
        "{notes:?}"
    );
    assert!(notes[0].contains("一级标题 Noto Sans CJK SC"), "{notes:?}");
    assert!(notes[1].contains("堃、喆"), "{notes:?}");
}

/// A 黑体 of the system's: the bundled sans face renamed `SimHei` / 黑体 (tests/data/fonts).
const TEST_SIMHEI: &[u8] = include_bytes!("../data/fonts/SimHei-test.otf");

#[test]
fn a_system_font_the_document_names_is_used_and_named() {
    let (template, draft) = dated(SEED_003);
    let evaluation = engine::evaluate(&template, &draft);
    let report = Report {
        template: &template,
        draft: &draft,
        evaluation: &evaluation,
    };
    let fonts = [std::sync::Arc::<[u8]>::from(TEST_SIMHEI)];
    let pdf = export::pdf(&report, &DocxOptions::default(), &fonts).expect("typesets");
    let heading = pdf
        .fonts
        .iter()
        .find(|f| f.part == "一级标题")
        .expect("the headings' font");
    assert_eq!(
        (
            heading.named.as_str(),
            heading.used.as_str(),
            heading.bundled
        ),
        ("黑体", "SimHei", false)
    );
    assert!(
        pdf.notes()[0].contains("一级标题 黑体（SimHei）"),
        "{:?}",
        pdf.notes()
    );
    // The body still stands in with the bundled serif.
    assert!(pdf.fonts.iter().any(|f| f.part == "正文" && f.bundled));
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("loads");
    let embedded: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"FontName").ok())
        .filter_map(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        embedded.iter().any(|n| n.ends_with("+SimHei")),
        "{embedded:?}"
    );
}

#[test]
fn the_command_line_finds_the_font_in_nianbao_font_dir() {
    let dir = crate::util::TempDir::new("cli-pdf-font");
    let draft = dir.path().join("2024.nianbao");
    std::fs::write(&draft, SEED_003).expect("write the draft");
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .current_dir(dir.path())
        .env("NIANBAO_FONT_DIR", &fonts)
        .args([
            "export",
            "2024.nianbao",
            "--date",
            "2025-01-20",
            "--pdf",
            "2024.pdf",
        ])
        .output()
        .expect("run nianbao-cli");
    let err = crate::cli::stderr(&o);
    assert_eq!(crate::cli::code(&o), 0, "{err}");
    assert!(err.contains("一级标题 黑体（SimHei）"), "{err}");
    let bytes = std::fs::read(dir.path().join("2024.pdf")).expect("exported");
    assert!(bytes.starts_with(b"%PDF-"));
}
