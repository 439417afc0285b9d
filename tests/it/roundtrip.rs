//! Export → import gives back the same figures and texts, for every format: the seed
//! drafts, and drafts with empty cells, several paragraphs and the metadata the preamble
//! is generated from.

use nianbao::draft::{CellEntry, Draft};
use nianbao::engine;
use nianbao::export::{self, DocxOptions, Report};
use nianbao::import::{self, Imported};
use nianbao::template::Template;

use crate::util::{SEED_000, SEED_003, SEED_004, seed, without_sub_headings};

#[derive(Clone, Copy, Debug)]
enum Via {
    Text,
    Docx,
    Html,
    #[cfg(feature = "pdf")]
    Pdf,
}

/// Every format a report is exported in and imported from.
const VIAS: &[Via] = &[
    Via::Text,
    Via::Docx,
    Via::Html,
    #[cfg(feature = "pdf")]
    Via::Pdf,
];

fn round_trip(template: &Template, draft: &Draft, via: Via) -> Imported {
    let evaluation = engine::evaluate(template, draft);
    let report = Report {
        template,
        draft,
        evaluation: &evaluation,
    };
    match via {
        Via::Text => import::text(&export::text(&report)),
        Via::Html => import::html(&export::html(&report)),
        Via::Docx => {
            let bytes = export::docx(&report, &DocxOptions::default()).expect("exports");
            import::docx(&bytes).expect("imports")
        }
        #[cfg(feature = "pdf")]
        Via::Pdf => {
            let pdf = export::pdf(&report, &DocxOptions::default(), &[]).expect("exports");
            import::pdf(&pdf.bytes).expect("imports")
        }
    }
}

/// Asserts that the import holds the draft's metadata, every cell and every text.
fn assert_same(template: &Template, draft: &Draft, imported: &Imported, via: Via) {
    let back = &imported.draft;
    // A paragraph's own numbered heading sentence is the part's heading: the import keeps
    // the format's.
    let mut draft = draft.clone();
    without_sub_headings(&mut draft);
    let draft = &draft;
    assert_eq!(back.template, draft.template, "{via:?}");
    assert_eq!(
        (&back.meta.agency, back.meta.year, &back.meta.published_on),
        (
            &draft.meta.agency,
            draft.meta.year,
            &draft.meta.published_on
        ),
        "{via:?}"
    );
    assert_eq!(
        (&back.meta.website, &back.meta.contact),
        (&draft.meta.website, &draft.meta.contact),
        "{via:?}"
    );
    for cell in template.cells.iter().filter(|c| c.is_input()) {
        assert_eq!(
            back.cells.get(&cell.id).map(ToString::to_string),
            draft.cells.get(&cell.id).map(ToString::to_string),
            "{via:?} {}",
            cell.id
        );
    }
    assert_eq!(
        back.cells.len(),
        draft.cells.len(),
        "{via:?}: no extra cells"
    );
    let texts = |d: &Draft| -> Vec<(String, String)> {
        d.texts
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(id, t)| (id.clone(), t.trim().to_owned()))
            .collect()
    };
    let (back_texts, texts) = (texts(back), texts(draft));
    for (id, text) in &texts {
        let found = back_texts
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t.as_str());
        assert_eq!(found, Some(text.as_str()), "{via:?} {id}");
    }
    let extra: Vec<_> = back_texts
        .iter()
        .filter(|(id, _)| !texts.iter().any(|(i, _)| i == id))
        .collect();
    assert!(
        extra.is_empty(),
        "{via:?}: texts not in the draft: {extra:?}"
    );
    // The printed totals come back as facts to check, and agree with the table.
    let evaluation = engine::evaluate(template, back);
    let arithmetic: Vec<_> = evaluation
        .findings
        .iter()
        .filter(|f| ["R2", "R3", "R4"].contains(&f.rule.as_str()))
        .collect();
    assert!(arithmetic.is_empty(), "{via:?}: {arithmetic:?}");
}

#[test]
fn seeds_survive_every_format() {
    for ron in [SEED_003, SEED_004, SEED_000] {
        let (template, draft) = seed(ron);
        for &via in VIAS {
            let imported = round_trip(&template, &draft, via);
            assert_same(&template, &draft, &imported, via);
        }
    }
}

#[test]
fn empty_cells_paragraphs_and_generated_preamble_survive() {
    let (template, mut draft) = seed(SEED_003);
    // Empty cells in every table, including merged-cell rows of 表三 and the single row
    // of 表四; a decimal fee; a narrative of several short paragraphs.
    for id in [
        "t2.rules.made",
        "t3.new_received.natural",
        "t3.r3_1.other_org",
        "t4.review.upheld",
        "t4.lit_after_review.pending",
    ] {
        assert!(draft.cells.remove(id).is_some(), "{id} is in the seed");
    }
    draft.cells.insert(
        "t2.fees.amount".to_owned(),
        CellEntry::parse("12.5").expect("number"),
    );
    draft.set_text("s6.body", "本年度未收取信息处理费。\n无其他事项");
    draft.set_text("s0.preamble", "");
    draft.meta.website = "https://www.example.gov.cn".to_owned();
    draft.meta.contact = "0755-12345678".to_owned();
    draft.meta.published_on = "2025-01-20".to_owned();
    for &via in VIAS {
        let imported = round_trip(&template, &draft, via);
        assert_same(&template, &draft, &imported, via);
    }
}
