//! 审查已发布年报 at the scale of a province: 1,000 published reports, two thirds PDF (made
//! from our Word export by LibreOffice: the files in `tests/data/pdf`), the rest our own web
//! page, Word and text exports of seed 003 under 333 agencies' names, some in the 2019
//! format, some with a defect planted (an imbalance, a contradicting sentence, a late
//! date), and pairs of one agency's reports for two years, which the audit links. Goal:
//! ≤ 30 s on this machine's two cores, with memory that does not grow with the count (peak
//! RSS is measured with the CLI; see the README).

#![expect(
    clippy::disallowed_methods,
    reason = "a benchmark writes the reports it reads"
)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::draft::Draft;
use nianbao::export::{DocxOptions, Format, Report};
use nianbao::progress::Progress;
use nianbao::{storage, template};

const N_REPORTS: usize = 1_000;

/// The PDFs made by LibreOffice from our exports (the damaged ones left out).
const PDFS: [&str; 6] = [
    "colspan-2019.pdf",
    "distinct-row-split.pdf",
    "seed-003-narrow-labels.pdf",
    "seed-003-numbering.pdf",
    "seed-003-split-table.pdf",
    "seed-003.pdf",
];

/// Seed 003 as the `i`th agency's report for `year`, in the 2019 format when `year` is
/// 2020, with a defect planted in every seventh.
fn report(i: usize, year: u16) -> (template::Template, Draft) {
    let seed = Draft::from_ron(include_str!("../tests/data/seed-003.nianbao")).expect("seed draft");
    let t2021 = template::builtin_by_id(&seed.template).expect("embedded template");
    let agency = format!("第{i}号县人民政府");
    let (template, mut draft) = if year <= 2020 {
        let t2019 = template::for_year(year).expect("the 2019 format");
        let mut meta = seed.meta.clone();
        meta.year = year;
        let mut draft = Draft::new(&t2019, meta);
        for part in t2019.parts() {
            let text = t2021
                .parts()
                .find(|p| p.title == part.title)
                .map_or("", |p| seed.text(&p.id));
            draft.set_text(&part.id, text);
        }
        for (id, entry) in &seed.cells {
            if t2019.cell_idx(id).is_some() {
                draft.cells.insert(id.clone(), entry.clone());
            }
        }
        (t2019, draft)
    } else {
        (t2021, seed)
    };
    draft.meta.agency.clone_from(&agency);
    draft.meta.year = year;
    draft.meta.published_on = format!("{}-01-2{}", year + 1, i % 10);
    let ids: Vec<String> = draft.texts.keys().cloned().collect();
    for id in ids {
        let text = draft.text(&id).replace("城中区人民政府", &agency);
        draft.set_text(&id, &text);
    }
    match i % 7 {
        1 => draft.set_cell("t3.r1_granted.natural", &(i % 40).to_string()),
        2 => {
            let text = draft.text("s1.on_request").replacen("59件", "95件", 1);
            draft.set_text("s1.on_request", &text);
        }
        3 => draft.meta.published_on = format!("{}-05-0{}", year + 1, i % 10),
        _ => {}
    }
    (template, draft)
}

fn write(path: &Path, template: &template::Template, draft: &Draft, format: Format) {
    let evaluation = nianbao::engine::evaluate(template, draft);
    let report = Report {
        template,
        draft,
        evaluation: &evaluation,
    };
    let bytes = format
        .bytes(&report, &DocxOptions::default())
        .expect("written by the core")
        .expect("exports");
    std::fs::write(path, bytes).expect("write");
}

/// Writes the reports once (kept between runs in the target folder).
fn reports() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("audit-reports");
    std::fs::create_dir_all(&dir).expect("folder");
    let pdfs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let n_pdfs = N_REPORTS * 2 / 3;
    let mut files = Vec::new();
    for i in 0..n_pdfs {
        let path = dir.join(format!("{i:04}.pdf"));
        if !path.exists() {
            std::fs::copy(pdfs.join(PDFS[i % PDFS.len()]), &path).expect("copy");
        }
        files.push(path);
    }
    for i in n_pdfs..N_REPORTS {
        // Agencies in pairs of years, every tenth in the 2019 format.
        let unit = (i - n_pdfs) / 2;
        let year = if unit.is_multiple_of(10) {
            2020
        } else {
            2023 + (i % 2) as u16
        };
        let format = [Format::Html, Format::Docx, Format::Text][unit % 3];
        let path = dir.join(format!("{i:04}.{}", format.extension()));
        if !path.exists() {
            let (template, draft) = report(unit, year);
            write(&path, &template, &draft, format);
        }
        files.push(path);
    }
    files
}

fn bench_audit(c: &mut Criterion) {
    let files = reports();
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("audit 1000 published reports", |b| {
        b.iter(|| {
            let audit = storage::audit_files(&files, &Progress::default()).expect("audits");
            assert_eq!(audit.reports.len() + audit.unreadable.len(), N_REPORTS);
            audit
        });
    });
    group.finish();
}

criterion_group!(benches, bench_audit);
criterion_main!(benches);
