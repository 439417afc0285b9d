//! The seed reports typed into drafts (tests/data): published figures and real prose.

use nianbao::engine::{CellStatus, Severity, evaluate};
use nianbao::number::Decimal;

use crate::util::{SEED_000, SEED_002, SEED_003, SEED_004, of_rule, seed, summary};

fn value(
    template: &nianbao::template::Template,
    e: &nianbao::engine::Evaluation,
    id: &str,
) -> Option<Decimal> {
    let idx = template
        .cell_idx(id)
        .unwrap_or_else(|| panic!("no cell {id}"));
    let r = e.cell(idx);
    assert!(
        matches!(
            r.status,
            CellStatus::Entered | CellStatus::Computed { is_complete: true }
        ),
        "{id} is complete"
    );
    r.value
}

#[test]
fn seed_003_totals_match_the_published_table() {
    let (t, d) = seed(SEED_003);
    let e = evaluate(&t, &d);
    assert_eq!(e.count(Severity::Error), 0, "{:#?}", e.findings);
    // Every total the published table prints (kept in `stated`) equals the computed one.
    assert_eq!(
        d.stated.len(),
        25 + 6 + 3,
        "25 总计 cells, 6 more （七） cells, 3 table-四 totals"
    );
    for (id, stated) in &d.stated {
        assert_eq!(value(&t, &e, id), stated.number(), "{id}");
    }
    let n = |v: i128| Some(Decimal::from_int(v));
    assert_eq!(value(&t, &e, "t3.new_received.total"), n(47));
    assert_eq!(value(&t, &e, "t3.carried_over.total"), n(12));
    assert_eq!(value(&t, &e, "t3.r7_total.legal_service"), n(36));
    assert_eq!(value(&t, &e, "t3.r7_total.total"), n(59));
    assert_eq!(value(&t, &e, "t3.r4_1.total"), n(17));
    assert_eq!(value(&t, &e, "t4.review.total"), n(5));
    assert_eq!(value(&t, &e, "t2.licensing.decisions"), n(26367));
}

#[test]
fn seed_004_totals_match_the_published_table() {
    let (t, d) = seed(SEED_004);
    let e = evaluate(&t, &d);
    assert_eq!(e.count(Severity::Error), 0, "{:#?}", e.findings);
    for (id, stated) in &d.stated {
        assert_eq!(value(&t, &e, id), stated.number(), "{id}");
    }
    assert_eq!(
        value(&t, &e, "t4.lit_direct.total"),
        Some(Decimal::from_int(3))
    );
    assert_eq!(value(&t, &e, "t3.r7_total.total"), Some(Decimal::ZERO));
    // No applications but three lawsuits: R18's hint, as format-spec §5 notes for this report.
    let r18: Vec<String> = of_rule(&e, "R18").iter().map(|f| summary(&t, f)).collect();
    assert_eq!(r18.len(), 1);
    assert!(r18[0].contains("t4.lit_direct.total"), "{r18:?}");
}

/// The narrative rules raise nothing on prose that is right.
const NARRATIVE_RULES: [&str; 4] = ["R12", "R13", "R14", "R15"];

fn narrative_findings(ron: &str) -> Vec<String> {
    let (t, d) = seed(ron);
    let e = evaluate(&t, &d);
    e.findings
        .iter()
        .filter(|f| NARRATIVE_RULES.contains(&f.rule.as_str()))
        .map(|f| format!("{} {}", summary(&t, f), f.message))
        .collect()
}

#[test]
fn seed_003_and_004_prose_raises_nothing_false() {
    assert_eq!(narrative_findings(SEED_003), Vec::<String>::new());
    assert_eq!(narrative_findings(SEED_004), Vec::<String>::new());
}

#[test]
fn seed_000_raises_only_its_misspelt_basis() {
    assert_eq!(
        narrative_findings(SEED_000),
        [
            "R14 [s0.preamble] 前言：「国办政务公开办函〔2021〕30号」文号写法有误，本年度报告格式的依据应为「国办公开办函〔2021〕30号」"
        ]
    );
}

#[test]
fn seed_002_raises_its_stale_basis_and_its_missing_part() {
    assert_eq!(
        narrative_findings(SEED_002),
        [
            "R14 [s0.preamble] 前言：「国办公开办函〔2019〕60号」是已被取代的旧格式文号，本年度报告格式的依据应为「国办公开办函〔2021〕30号」",
            // This report's 总体情况 has four sub-parts and none on 监督保障, one of the five the
            // 2021 format lists: a real omission, not a false alarm.
            "R15 [s1.oversight] 一、总体情况（五）监督保障尚未填写",
        ]
    );
}
