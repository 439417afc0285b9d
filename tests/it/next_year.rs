//! Next year's draft from last year's: metadata, year, template, 上年结转 per column, and
//! nothing of last year's text.

use nianbao::draft::{CellEntry, Draft, Level, Meta};
use nianbao::engine::{self, Context, LastYear};
use nianbao::next_year::next_year;
use nianbao::number::Decimal;
use nianbao::template;

use crate::util::{SEED_003, seed};

fn number(v: i128) -> CellEntry {
    CellEntry::Number(Decimal::from_int(v))
}

#[test]
fn carries_metadata_and_carried_forward_into_next_year() {
    let (t, mut last) = seed(SEED_003);
    last.meta.level = Some(Level::CountyGov);
    last.meta.website = "https://www.example.gov.cn".to_owned();
    last.meta.published_on = "2025-01-20".to_owned();
    last.cells
        .insert("t3.carried_forward.natural".to_owned(), number(4));
    last.cells.remove("t3.carried_forward.research");
    let next = next_year(&t, &last).expect("2025 has a format");
    let d = &next.draft;
    assert_eq!(d.meta.year, 2025);
    assert_eq!(d.meta.agency, "城中区人民政府");
    assert_eq!(d.meta.level, Some(Level::CountyGov));
    assert_eq!(d.meta.website, last.meta.website);
    assert_eq!(d.meta.published_on, "", "this year's is not published yet");
    assert_eq!(next.template.id, "gov-info-disclosure-2021");
    let carried: Vec<(&str, String)> = d
        .cells
        .iter()
        .map(|(id, v)| (id.as_str(), v.to_string()))
        .collect();
    assert_eq!(
        carried,
        [
            ("t3.carried_over.commercial", "0".to_owned()),
            ("t3.carried_over.legal_service", "0".to_owned()),
            ("t3.carried_over.natural", "4".to_owned()),
            ("t3.carried_over.other_org", "0".to_owned()),
            ("t3.carried_over.public_welfare", "0".to_owned()),
        ],
        "only 上年结转; the empty column stays empty"
    );
    assert!(d.texts.values().all(|t| t.is_empty()), "no text copied");
    assert!(
        next.notes.iter().any(|n| n.contains("科研机构")),
        "{:?}",
        next.notes
    );
    // Linked, R5 agrees with what was carried.
    let figures = LastYear::of(&t, &last);
    let evaluation = engine::evaluate_with(
        &next.template,
        d,
        &Context {
            last_year: Some(&figures),
            ..Context::default()
        },
    );
    assert!(!evaluation.findings.iter().any(|f| f.rule == "R5"));
}

#[test]
fn a_2020_draft_starts_a_2021_draft_in_the_new_format() {
    let t2019 = template::builtin_by_id("gov-info-disclosure-2019").expect("embedded");
    let mut last = Draft::new(
        &t2019,
        Meta {
            agency: "某县人民政府".to_owned(),
            year: 2020,
            ..Meta::default()
        },
    );
    for (column, value) in [
        ("natural", 72),
        ("commercial", 1),
        ("research", 0),
        ("public_welfare", 0),
        ("legal_service", 2),
        ("other_org", 3),
    ] {
        last.cells
            .insert(format!("t3.carried_forward.{column}"), number(value));
    }
    let next = next_year(&t2019, &last).expect("2021 has a format");
    assert_eq!(next.template.id, "gov-info-disclosure-2021");
    assert_eq!(next.draft.template, "gov-info-disclosure-2021");
    assert_eq!(next.draft.meta.year, 2021);
    assert_eq!(
        next.draft.cells.get("t3.carried_over.natural"),
        Some(&number(72))
    );
    assert_eq!(
        next.draft.cells.get("t3.carried_over.other_org"),
        Some(&number(3))
    );
    let evaluation = engine::evaluate(&next.template, &next.draft);
    let total = next.template.cell_idx("t3.carried_over.total").expect("id");
    assert_eq!(
        evaluation.cell(total).value,
        Some(Decimal::from_int(78)),
        "the total is computed, not copied"
    );
    assert!(
        next.notes.iter().any(|n| n.contains("格式不同")),
        "{:?}",
        next.notes
    );
}
