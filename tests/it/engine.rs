//! Evaluation as a whole: determinism and order.

use nianbao::engine::evaluate;

use crate::util::{SEED_000, SEED_003, seed};

#[test]
fn evaluation_is_deterministic() {
    for ron in [SEED_000, SEED_003] {
        let (t, d) = seed(ron);
        let a = evaluate(&t, &d);
        let b = evaluate(&t, &d);
        assert_eq!(a.cells, b.cells);
        assert_eq!(a.findings, b.findings);
    }
}

#[test]
fn findings_follow_rule_order() {
    let (t, d) = seed(SEED_000);
    let e = evaluate(&t, &d);
    let order: Vec<usize> = e
        .findings
        .iter()
        .filter_map(|f| t.rules.iter().position(|r| r.id == f.rule))
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted);
}
