//! 汇总下级报告 at the scale of a large city: 10,000 units' drafts (seed 003 under another
//! name, one figure varied, its narrative made the unit's own) read from files, summed, and the consolidated report
//! validated. Goal: ≤ 2 s on this machine's two cores, with memory that does not grow with
//! the number of units (peak RSS is measured with the CLI; see the README).

#![expect(
    clippy::disallowed_methods,
    reason = "a benchmark writes the units it reads"
)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::engine::{Context, evaluate_with};
use nianbao::meta::Meta;
use nianbao::progress::Progress;
use nianbao::{storage, template};

const N_UNITS: usize = 10_000;

/// Writes the units once (kept between runs in the target folder).
fn units() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("merge-units-own-texts");
    let draft =
        Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    let template = template::builtin_by_id(&draft.template).expect("embedded template");
    std::fs::create_dir_all(&dir).expect("folder");
    (0..N_UNITS)
        .map(|i| {
            let path = dir.join(format!("unit-{i:05}.nianbao"));
            if !path.exists() {
                let mut unit = draft.clone();
                unit.meta.agency = format!("第{i}号单位");
                // Each unit's narrative its own, as in life (the engine's memo of a part's
                // findings would otherwise answer for every unit after the first).
                for text in unit.texts.values_mut() {
                    text.insert_str(0, &unit.meta.agency);
                }
                unit.set_cell("t3.new_received.natural", &(i % 50).to_string());
                let ron = unit.to_ron(Some(&template)).expect("ron");
                std::fs::write(&path, ron).expect("write");
            }
            path
        })
        .collect()
}

fn bench_merge(c: &mut Criterion) {
    let files = units();
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("merge and validate 10000 units", |b| {
        b.iter(|| {
            let (template, merged) =
                storage::merge_files(&files, None, (None, Meta::default()), &Progress::default())
                    .expect("merges");
            let context = Context {
                formats: template::builtin(),
                ..Context::default()
            };
            evaluate_with(&template, &merged.draft, &context)
        });
    });
    group.finish();
}

criterion_group!(benches, bench_merge);
criterion_main!(benches);
