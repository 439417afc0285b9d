//! Property tests: computed totals always satisfy R2–R4, and R1 fires exactly when the
//! identity 一 + 二 = 三 + 四 breaks in a column.

use nianbao::draft::{CellEntry, Draft, Meta};
use nianbao::engine::evaluate;
use nianbao::number::Decimal;
use nianbao::template;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn totals_hold_and_r1_fires_exactly_when_broken(values in proptest::collection::vec(0u32..50, 144), t4 in proptest::collection::vec(0u32..50, 12)) {
        let t = template::for_year(2024).unwrap();
        let mut d = Draft::new(&t, Meta { year: 2024, ..Meta::default() });
        let inputs: Vec<usize> = (0..t.cells.len()).filter(|&i| t.cells[i].is_input()).collect();
        let t3_inputs: Vec<usize> = inputs.iter().copied().filter(|&i| t.cells[i].id.starts_with("t3.")).collect();
        let t4_inputs: Vec<usize> = inputs.iter().copied().filter(|&i| t.cells[i].id.starts_with("t4.")).collect();
        for cell in t.cells.iter().filter(|c| c.id.starts_with("t2.")) {
            d.set_cell(&cell.id, "0");
        }
        for (&i, v) in t3_inputs.iter().zip(&values).chain(t4_inputs.iter().zip(&t4)) {
            d.cells.insert(t.cells[i].id.clone(), CellEntry::Number(Decimal::from_int(i128::from(*v))));
        }
        let e = evaluate(&t, &d);
        let v = |id: &str| e.cell(t.cell_idx(id).unwrap()).complete_value().unwrap();
        let subjects = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org"];
        let t3 = &t.tables[1].blocks[0];
        // R2: every row's 总计 is the sum of its six subject cells.
        for row in &t3.rows {
            let sum = subjects.iter().fold(Decimal::ZERO, |a, s| a.checked_add(v(&format!("t3.{}.{s}", row.id))).unwrap());
            prop_assert_eq!(v(&format!("t3.{}.total", row.id)), sum);
        }
        // R3: （七）总计 is the sum of every result row, in every column.
        let results: Vec<&str> = t3.rows.iter().map(|r| r.id.as_str())
            .filter(|id| id.starts_with('r') && *id != "r7_total").collect();
        prop_assert_eq!(results.len(), 21);
        for col in subjects.iter().chain(&["total"]) {
            let sum = results.iter().fold(Decimal::ZERO, |a, r| a.checked_add(v(&format!("t3.{r}.{col}"))).unwrap());
            prop_assert_eq!(v(&format!("t3.r7_total.{col}")), sum);
        }
        // R4.
        for g in ["review", "lit_direct", "lit_after_review"] {
            let sum = ["upheld", "corrected", "other", "pending"].iter()
                .fold(Decimal::ZERO, |a, c| a.checked_add(v(&format!("t4.{g}.{c}"))).unwrap());
            prop_assert_eq!(v(&format!("t4.{g}.total")), sum);
        }
        // R1 fires for exactly the columns where the identity breaks.
        let mut broken = Vec::new();
        for col in subjects.iter().chain(&["total"]) {
            let left = v(&format!("t3.new_received.{col}")).checked_add(v(&format!("t3.carried_over.{col}"))).unwrap();
            let right = v(&format!("t3.r7_total.{col}")).checked_add(v(&format!("t3.carried_forward.{col}"))).unwrap();
            if left != right {
                broken.push(format!("t3.new_received.{col}"));
            }
        }
        let fired: Vec<String> = e.findings.iter().filter(|f| f.rule == "R1")
            .map(|f| t.target_id(&f.targets[0]).to_owned()).collect();
        prop_assert_eq!(fired, broken);
        prop_assert!(e.findings.iter().all(|f| !["R2", "R3", "R4", "R6", "R7"].contains(&f.rule.as_str())));
    }

    #[test]
    fn r1_balanced_columns_never_fire(a in 0u32..1000, b in 0u32..1000, split in 0u32..1000) {
        let t = template::for_year(2024).unwrap();
        let mut d = Draft::new(&t, Meta { year: 2024, ..Meta::default() });
        let total = a + b;
        let granted = split.min(total);
        d.set_cell("t3.new_received.natural", &a.to_string());
        d.set_cell("t3.carried_over.natural", &b.to_string());
        d.set_cell("t3.r1_granted.natural", &granted.to_string());
        d.set_cell("t3.carried_forward.natural", &(total - granted).to_string());
        for row in &t.tables[1].blocks[0].rows {
            if row.id.starts_with('r') && !row.is_computed && row.id != "r1_granted" {
                d.set_cell(&format!("t3.{}.natural", row.id), "0");
            }
        }
        let e = evaluate(&t, &d);
        prop_assert!(e.findings.iter().all(|f| f.rule != "R1"), "{:?}", e.findings);
    }

    #[test]
    fn parse_display_round_trip(mantissa in any::<i64>(), scale in 0u8..=6) {
        let n = Decimal::new(i128::from(mantissa), scale).unwrap();
        let parsed = nianbao::number::parse_number(&n.to_string()).unwrap().unwrap();
        prop_assert_eq!(parsed, n);
        prop_assert_eq!(parsed.to_string(), n.to_string());
    }

    #[test]
    fn evaluate_never_panics_on_any_cell_text(texts in proptest::collection::vec(".{0,12}", 40)) {
        let t = template::for_year(2024).unwrap();
        let mut d = Draft::new(&t, Meta { year: 2024, ..Meta::default() });
        for (cell, text) in t.cells.iter().filter(|c| c.is_input()).zip(&texts) {
            d.set_cell(&cell.id, text);
        }
        let e = evaluate(&t, &d);
        prop_assert_eq!(e.cells.len(), t.cells.len());
    }
}

/// A draft of either format with random figures (some cells empty), money with decimals,
/// and narrative paragraphs built from report phrases.
fn random_draft(
    year: u16,
    values: &[Option<u32>],
    fee_cents: Option<u32>,
    paragraphs: &[(usize, usize)],
) -> (template::Template, Draft) {
    const PHRASES: [&str; 6] = [
        "本年度我局认真贯彻落实《条例》",
        "进一步规范依申请公开办理流程",
        "全年主动公开政府信息1280条",
        "及时回应社会关切",
        "加强政务新媒体管理",
        "持续优化政府网站专栏",
    ];
    let t = template::for_year(year).expect("a format for the year");
    let mut d = Draft::new(
        &t,
        Meta {
            agency: "某某区人民政府".to_owned(),
            year,
            ..Meta::default()
        },
    );
    let inputs = t
        .cells
        .iter()
        .filter(|c| c.is_input() && !matches!(c.kind, nianbao::number::Kind::Money { .. }));
    for (cell, v) in inputs.zip(values.iter().cycle()) {
        if let Some(v) = v {
            d.set_cell(&cell.id, &v.to_string());
        }
    }
    if let (Some(cents), Some(money)) = (
        fee_cents,
        t.cells
            .iter()
            .find(|c| matches!(c.kind, nianbao::number::Kind::Money { .. })),
    ) {
        d.set_cell(&money.id, &format!("{}.{:02}", cents / 100, cents % 100));
    }
    let parts: Vec<&str> = t
        .sections
        .iter()
        .flat_map(|s| s.parts.iter())
        .map(|p| p.id.as_str())
        .collect();
    for (part, phrase) in paragraphs {
        let id = parts[part % parts.len()];
        let sentence = format!(
            "{}，{}。",
            PHRASES[phrase % PHRASES.len()],
            PHRASES[(phrase + 1) % PHRASES.len()]
        );
        let text = match d.text(id) {
            "" => sentence,
            old => format!("{old}\n{sentence}"),
        };
        d.set_text(id, &text);
    }
    (t, d)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Export → import gives back every figure and every text, in all three formats.
    #[test]
    fn export_import_round_trip(
        year in prop_oneof![Just(2020_u16), Just(2024_u16)],
        values in proptest::collection::vec(proptest::option::weighted(0.85, 0u32..100_000), 1..60),
        fee_cents in proptest::option::of(0u32..10_000_000),
        paragraphs in proptest::collection::vec((0usize..12, 0usize..6), 0..10),
    ) {
        let (t, d) = random_draft(year, &values, fee_cents, &paragraphs);
        let e = evaluate(&t, &d);
        let report = nianbao::export::Report { template: &t, draft: &d, evaluation: &e };
        let docx = nianbao::export::docx(&report, &nianbao::export::DocxOptions::default()).unwrap();
        let back = [
            ("text", nianbao::import::text(&nianbao::export::text(&report))),
            ("html", nianbao::import::html(&nianbao::export::html(&report))),
            ("docx", nianbao::import::docx(&docx).unwrap()),
        ];
        for (format, imported) in back {
            let b = &imported.draft;
            prop_assert_eq!(&b.template, &d.template, "{}", format);
            prop_assert_eq!((&b.meta.agency, b.meta.year), (&d.meta.agency, d.meta.year), "{}", format);
            let cells = |x: &Draft| x.cells.iter().map(|(k, v)| (k.clone(), v.to_string())).collect::<Vec<_>>();
            prop_assert_eq!(cells(b), cells(&d), "{}", format);
            let texts = |x: &Draft| x.texts.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
            prop_assert_eq!(texts(b), texts(&d), "{}", format);
        }
    }
}
