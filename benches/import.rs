//! Imports of a full published report (seed 003): as text (the published page turned into
//! text), as our own Word and web page exports, and as the six-page PDF that `LibreOffice` makes of
//! the Word export (`tests/data/pdf/seed-003.pdf`); and two real shapes (flattened rows, a
//! web page with its site's frame). Goals: text and DOCX ≤ 5 ms, a six-page PDF ≤ 100 ms.

#![expect(clippy::disallowed_methods, reason = "a benchmark reads its inputs")]

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::engine::evaluate;
use nianbao::export::{self, DocxOptions, Report};
use nianbao::import;
use nianbao::template;

fn bench_import(c: &mut Criterion) {
    let text = include_str!("../tests/data/seeds/seed-003.txt");
    let draft =
        Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    let template = template::builtin_by_id(&draft.template).expect("embedded template");
    let evaluation = evaluate(&template, &draft);
    let report = Report {
        template: &template,
        draft: &draft,
        evaluation: &evaluation,
    };
    let docx = export::docx(&report, &DocxOptions::default()).expect("exports");
    let html = export::html(&report);
    c.bench_function("import text (seed 003)", |b| {
        b.iter(|| import::text(std::hint::black_box(text)));
    });
    c.bench_function("import DOCX", |b| {
        b.iter(|| import::docx(std::hint::black_box(&docx)));
    });
    c.bench_function("import HTML", |b| {
        b.iter(|| import::html(std::hint::black_box(&html)));
    });
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pdf/seed-003.pdf"
    ))
    .expect("tests/data/pdf/seed-003.pdf");
    c.bench_function("import PDF (six pages)", |b| {
        b.iter(|| import::pdf(std::hint::black_box(&pdf)));
    });
    // Real shapes: every row's cells run together (each split by its own total), and a web
    // page with its site's frame around the report.
    let shape = |name: &str| {
        let path = format!(
            "{}/tests/data/import/shapes/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).expect("a shape fixture")
    };
    let flattened = shape("flattened-glued.txt");
    c.bench_function("import text, flattened rows", |b| {
        b.iter(|| import::text(std::hint::black_box(&flattened)));
    });
    let page = shape("web-page.html");
    c.bench_function("import a web page with its site's frame", |b| {
        b.iter(|| import::html(std::hint::black_box(&page)));
    });
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
