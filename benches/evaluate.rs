//! `evaluate` on a full 2021 draft (seed 003: every cell filled, printed totals to check,
//! the whole narrative). Goal: ≤ 20 µs median (README, performance table).

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::engine::{Context, evaluate_with};
use nianbao::template;

fn bench_evaluate(c: &mut Criterion) {
    let draft =
        Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    let template = template::builtin_by_id(&draft.template).expect("embedded template");
    // Last year linked, so the rules across years (R5, R10, E9) run too. Last year's text is
    // this year's, so E9 flags every part of sections 一 and 五: its most costly case.
    let mut last_year = nianbao::engine::LastYear::of(&template, &draft);
    last_year.year = draft.meta.year - 1;
    // As the editor evaluates: with a memo of what the prose rules found in each part.
    let memo = nianbao::engine::Memo::default();
    let context = Context {
        today: nianbao::date::Date::new(2025, 1, 10),
        last_year: Some(&last_year),
        formats: template::builtin(),
        memo: Some(&memo),
        ..Context::default()
    };
    c.bench_function("evaluate full 2021 draft", |b| {
        b.iter(|| {
            evaluate_with(
                std::hint::black_box(&template),
                std::hint::black_box(&draft),
                &context,
            )
        });
    });
    // Typing in a paragraph: E9 reads that part again (its other parts are remembered).
    let mut edited = [draft.clone(), draft.clone()];
    let overview = draft.text("s1.overview").to_owned();
    edited[1].set_text("s1.overview", &format!("{overview}另"));
    let mut turn = 0_usize;
    c.bench_function("evaluate full 2021 draft, a paragraph edited", |b| {
        b.iter(|| {
            turn += 1;
            evaluate_with(
                std::hint::black_box(&template),
                std::hint::black_box(&edited[turn % 2]),
                &context,
            )
        });
    });
    // The first evaluation after last year's draft is linked: E9 reads every part, the
    // other prose rules' results remembered. Two last years that differ by one sentence
    // take turns, so that E9 finds nothing of its own remembered.
    let mut other_year = last_year.clone();
    other_year.sentences.push(u64::MAX);
    let linked = [last_year.clone(), other_year];
    let mut turn = 0_usize;
    c.bench_function("evaluate full 2021 draft, first after linking", |b| {
        b.iter(|| {
            turn += 1;
            evaluate_with(
                std::hint::black_box(&template),
                std::hint::black_box(&draft),
                &Context {
                    last_year: Some(&linked[turn % 2]),
                    ..context
                },
            )
        });
    });
    c.bench_function("load embedded template", |b| {
        b.iter(|| template::load(std::hint::black_box(template::TEMPLATE_2021_RON)));
    });
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);
