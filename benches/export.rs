//! Exports of a full report (seed 003). Goals: DOCX ≤ 30 ms, PDF ≤ 300 ms (bundled fonts, as
//! on a machine without Chinese fonts), HTML ≤ 5 ms, text ≤ 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::engine::evaluate;
use nianbao::export::{self, DocxOptions, Report};
use nianbao::template;

fn bench_export(c: &mut Criterion) {
    let draft =
        Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    let template = template::builtin_by_id(&draft.template).expect("embedded template");
    let evaluation = evaluate(&template, &draft);
    let report = Report {
        template: &template,
        draft: &draft,
        evaluation: &evaluation,
    };
    let options = DocxOptions::default();
    c.bench_function("export DOCX", |b| {
        b.iter(|| export::docx(std::hint::black_box(&report), &options));
    });
    #[cfg(feature = "pdf")]
    {
        let mut group = c.benchmark_group("pdf");
        group.sample_size(20);
        group.bench_function("export PDF", |b| {
            b.iter(|| export::pdf(std::hint::black_box(&report), &options, &[]));
        });
        group.finish();
    }
    c.bench_function("export HTML", |b| {
        b.iter(|| export::html(std::hint::black_box(&report)));
    });
    c.bench_function("export text", |b| {
        b.iter(|| export::text(std::hint::black_box(&report)));
    });
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
