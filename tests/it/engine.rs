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

/// The caller's memo is the only state an evaluation touches: two documents in the two
/// formats, typed into on two threads at once, each with its own memo, evaluate exactly as
/// they do afresh, keystroke after keystroke.
#[test]
fn two_formats_typed_into_on_two_threads_evaluate_as_afresh() {
    use nianbao::engine::{Context, Memo, evaluate_with};
    use nianbao::template;

    let (t2021, seed_2021) = seed(SEED_003);
    let t2019 = template::for_year(2020).expect("the 2019 format");
    let mut meta = seed_2021.meta.clone();
    meta.year = 2020;
    let mut seed_2019 = nianbao::draft::Draft::new(&t2019, meta);
    for part in t2019.parts() {
        let text = t2021
            .parts()
            .find(|p| p.title == part.title)
            .map_or("", |p| seed_2021.text(&p.id));
        seed_2019.set_text(&part.id, text);
    }
    for (id, entry) in &seed_2021.cells {
        if t2019.cell_idx(id).is_some() {
            seed_2019.cells.insert(id.clone(), entry.clone());
        }
    }
    let typing = |template: nianbao::template::Template, mut draft: nianbao::draft::Draft| {
        move || {
            let memo = Memo::default();
            let part = template.parts().nth(2).expect("a part").id.clone();
            let base = draft.text(&part).to_owned();
            for n in 0..40 {
                // Typing: one more character, now and then a figure the tables contradict.
                let text = format!(
                    "{base}{}",
                    "共收到申请99件。".repeat(n % 3) + &"字".repeat(n)
                );
                draft.set_text(&part, &text);
                let context = Context {
                    memo: Some(&memo),
                    ..Context::default()
                };
                let remembered = evaluate_with(&template, &draft, &context);
                let afresh = evaluate_with(&template, &draft, &Context::default());
                assert_eq!(
                    remembered.findings, afresh.findings,
                    "{} at {n}",
                    template.id
                );
                assert_eq!(remembered.cells, afresh.cells);
            }
        }
    };
    let a = std::thread::spawn(typing(t2021.clone(), seed_2021));
    let b = std::thread::spawn(typing(t2019, seed_2019));
    a.join().expect("2021 format");
    b.join().expect("2019 format");
}
