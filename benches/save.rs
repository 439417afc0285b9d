//! Saving a draft that keeps its version history (版本历史): seed 003 with 50 versions
//! kept, each save changing two cells and a paragraph. Goal: ≤ 20 ms per save (the version
//! recorded and the file's text made; the write itself is the disk's).

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::template;

/// Seed 003 after `n` saves, each changing two cells and a paragraph.
fn with_history(n: u32) -> Draft {
    let mut draft =
        Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    for i in 0..n {
        let previous = draft.clone();
        edit(&mut draft, i);
        let at = format!("2025-01-{:02} {:02}:{:02}", 1 + i / 24, i % 24, i % 60);
        draft.record_version(&previous, &at, "张三");
    }
    draft
}

fn edit(draft: &mut Draft, i: u32) {
    draft.set_cell("t3.new_received.natural", &(100 + i).to_string());
    draft.set_cell("t3.r1_granted.natural", &(i % 7).to_string());
    let text = format!("{}第{i}次修改。", draft.text("s6.body"));
    draft.set_text("s6.body", &text);
}

#[expect(
    clippy::print_stdout,
    reason = "the file's size with its history is part of what this measures"
)]
fn bench_save(c: &mut Criterion) {
    let template = template::for_year(2024).expect("2021 format");
    let saved = with_history(u32::try_from(nianbao::draft::KEEP_ALL).expect("fifty"));
    let mut now = saved.clone();
    edit(&mut now, 999);
    c.bench_function("save seed 003 keeping 50 versions", |b| {
        b.iter(|| {
            let mut draft = now.clone();
            draft.record_version(std::hint::black_box(&saved), "2025-03-01 08:00", "张三");
            draft.to_ron(Some(&template)).expect("ron")
        });
    });
    let plain = Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed");
    let sizes = [
        plain.to_ron(Some(&template)).expect("ron").len(),
        saved.to_ron(Some(&template)).expect("ron").len(),
    ];
    println!(
        "file size: {} bytes without history, {} with 50 versions",
        sizes[0], sizes[1]
    );
}

criterion_group!(benches, bench_save);
criterion_main!(benches);
