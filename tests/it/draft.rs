//! Draft files: round trips, and what a damaged or foreign file says.

use std::collections::BTreeMap;

use nianbao::draft::{
    Baseline, CellEntry, Comment, Consolidation, Disposition, Draft, DraftError, FORMAT_VERSION,
    MAX_DRAFT_BYTES, PartlyEmpty, Tallied, UnitRecord, Verdict, plain_ron,
};
use proptest::prelude::*;

use crate::util::{SEED_003, seed};

#[test]
fn save_load_round_trip_is_lossless_and_deterministic() {
    let (t, mut d) = seed(SEED_003);
    d.set_cell("t3.r1_granted.natural", "3件");
    d.set_cell("t2.fees.amount", "90.125");
    d.set_text("s6.body", "含\"引号\"与\\反斜杠\n和换行");
    let text = d.to_ron(Some(&t)).unwrap();
    let back = Draft::from_ron(&text).unwrap();
    assert_eq!(back, d);
    assert_eq!(
        back.to_ron(Some(&t)).unwrap(),
        text,
        "the same draft always saves to the same bytes"
    );
    assert_eq!(
        back.cells["t3.r1_granted.natural"],
        CellEntry::Text("3件".into())
    );
    assert_eq!(
        back.cells["t2.fees.amount"].to_string(),
        "90.125",
        "money keeps every decimal"
    );
}

#[test]
fn a_decimal_point_is_a_change() {
    let (_, mut d) = seed(SEED_003);
    let before = d.clone();
    d.set_cell("t3.new_received.natural", "23.0");
    assert_ne!(d, before, "「23.0」 is not the count 「23」");
}

#[test]
fn cells_are_saved_in_template_order() {
    let (t, d) = seed(SEED_003);
    let text = d.to_ron(Some(&t)).unwrap();
    let pos = |id: &str| text.find(&format!("\"{id}\"")).unwrap();
    assert!(pos("t2.rules.made") < pos("t3.new_received.natural"));
    assert!(
        pos("t3.new_received.natural") < pos("t3.carried_over.natural"),
        "rows in table order, not sorted"
    );
    assert!(pos("s1.overview") < pos("s6.body"));
}

#[test]
fn truncated_file_names_the_place() {
    let cut: String = SEED_003
        .chars()
        .take(SEED_003.chars().count() / 2)
        .collect();
    match Draft::from_ron(&cut) {
        Err(DraftError::Syntax { line, .. }) => assert!(line > 1, "line {line}"),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn newer_format_is_refused() {
    let newer = SEED_003.replacen("format_version: 1", "format_version: 7", 1);
    let err = Draft::from_ron(&newer).unwrap_err();
    assert_eq!(
        err,
        DraftError::NewerVersion {
            found: 7,
            supported: FORMAT_VERSION
        }
    );
    assert!(err.to_string().contains("格式版本7"), "{err}");
}

#[test]
fn wrong_types_and_missing_year() {
    let wrong = SEED_003.replacen("year: 2024", "year: \"二〇二四\"", 1);
    assert!(matches!(
        Draft::from_ron(&wrong),
        Err(DraftError::Syntax { .. })
    ));
    let no_year = SEED_003.replacen("year: 2024,", "", 1);
    let err = Draft::from_ron(&no_year).unwrap_err();
    assert!(err.to_string().contains("报告年度"), "{err}");
}

#[test]
fn not_text_and_too_large() {
    let mut bytes = SEED_003.as_bytes().to_vec();
    bytes.insert(40, 0xFF);
    assert!(matches!(
        Draft::from_bytes(&bytes),
        Err(DraftError::NotText {
            byte_offset: 40,
            line: 3
        })
    ));
    let big = vec![b' '; usize::try_from(MAX_DRAFT_BYTES).unwrap() + 1];
    assert!(matches!(
        Draft::from_bytes(&big),
        Err(DraftError::TooLarge { .. })
    ));
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let nested = format!("{}{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(Draft::from_ron(&nested).is_err());
}

#[test]
fn an_old_draft_with_review_data_is_saved_in_the_current_version() {
    // A version-1 file (the seeds are) that gets a comment must not be saved as version 1:
    // an older build would open it without complaint and drop the comment on its next save.
    assert!(SEED_003.contains("format_version: 1,"));
    let mut d = Draft::from_ron(SEED_003).unwrap();
    d.comments.push(Comment {
        target: "t3.new_received.natural".to_owned(),
        text: "与台账核对".to_owned(),
        date: "2025-01-10".to_owned(),
    });
    let saved = d.to_ron(None).unwrap();
    assert!(
        saved.contains(&format!("format_version: {FORMAT_VERSION},")),
        "{}",
        &saved[..80]
    );
    let back = Draft::from_ron(&saved).unwrap();
    assert_eq!(back.comments, d.comments);
    // Even untouched, an old draft is saved as the current version.
    let plain = Draft::from_ron(SEED_003).unwrap().to_ron(None).unwrap();
    assert!(plain.contains(&format!("format_version: {FORMAT_VERSION},")));
}

/// A draft with every part a file can hold: review, comments, consolidation, tally.
fn full_draft() -> (nianbao::template::Template, Draft) {
    let (t, mut d) = seed(SEED_003);
    d.last_year = Some("../2023/年报.nianbao".to_owned());
    d.quoted = vec!["s1.overview".to_owned()];
    d.reviewed = Some(Baseline::of(&d, "2025-01-12"));
    d.dispositions.push(Disposition {
        fingerprint: "0123456789abcdef".to_owned(),
        rule: "R11".to_owned(),
        verdict: Verdict::Verified,
        note: "文字所述为全年数".to_owned(),
        date: "2025-01-12".to_owned(),
    });
    d.comments.push(Comment {
        target: "t3.new_received.natural".to_owned(),
        text: "与台账核对".to_owned(),
        date: "2025-01-10".to_owned(),
    });
    d.consolidation = Some(Consolidation {
        units: vec![UnitRecord {
            agency: "某市教育局".to_owned(),
            file: "教育局.nianbao".to_owned(),
            hash: "fedcba9876543210".to_owned(),
            finalized: true,
        }],
        partly_empty: BTreeMap::from([(
            "t2.fees.amount".to_owned(),
            PartlyEmpty {
                count: 1,
                units: vec!["某市教育局".to_owned()],
            },
        )]),
    });
    d.tallied = Some(Tallied {
        register: "台账.xlsx".to_owned(),
        rows: BTreeMap::from([("t3.new_received.natural".to_owned(), vec![2, 3, 7])]),
    });
    d.finalize("张 三", "2025-01-20 09:30");
    d.reopen("李四", "2025-01-21 10:00", "复议数字更正");
    // A version whose cells, texts, printed totals and metadata all differ, some emptied.
    let previous = d.clone();
    d.set_cell("t3.new_received.natural", "99");
    d.cells.remove("t3.carried_over.natural");
    d.set_text("s6.body", "无。");
    d.stated.insert(
        "t3.r7_total.total".to_owned(),
        CellEntry::Text("/".to_owned()),
    );
    d.meta.website = "https://example.gov.cn".to_owned();
    d.record_version(&previous, "2025-01-22 11:00", "王五");
    assert_eq!(d.history.len(), 1);
    (t, d)
}

#[test]
fn a_finalized_draft_keeps_who_when_and_its_content_hash() {
    let (t, mut d) = seed(SEED_003);
    assert!(!d.is_final() && d.finalized_note().is_none());
    let before = d.content_hash();
    d.finalize(" 张三 ", "2025-01-20 09:30");
    assert!(d.is_final() && !d.changed_since_final());
    assert_eq!(d.content_hash(), before, "the sign-off is not content");
    assert_eq!(
        d.finalized_note().as_deref(),
        Some("本报告已于2025-01-20 09:30由张三定稿，内容不能修改；如需修改，请先解除定稿。")
    );
    // Saved and read back: the same sign-off, and the hash still matches.
    let read = Draft::from_ron(&d.to_ron(Some(&t)).unwrap()).unwrap();
    assert_eq!(read.finalized, d.finalized);
    assert!(read.is_final() && !read.changed_since_final());
    // The file changed outside nianbao: seen.
    let changed = d.to_ron(Some(&t)).unwrap().replacen(
        "\"t3.new_received.natural\": \"23\"",
        "\"t3.new_received.natural\": \"24\"",
        1,
    );
    let changed = Draft::from_ron(&changed).unwrap();
    assert!(changed.changed_since_final());
    assert!(
        changed
            .finalized_note()
            .unwrap()
            .contains("定稿后曾在本软件之外被修改")
    );
    // Reopened with a reason: open to changes, the reason kept; a second reopening changes
    // nothing.
    d.reopen("李四", "2025-01-21 10:00", " 复议数字更正 ");
    d.reopen("王五", "2025-01-22 10:00", "另一个原因");
    assert!(!d.is_final());
    let reopened = d
        .finalized
        .as_ref()
        .and_then(|f| f.reopened.as_ref())
        .unwrap();
    assert_eq!(
        (reopened.by.as_str(), reopened.reason.as_str()),
        ("李四", "复议数字更正")
    );
    assert_eq!(
        d.finalized_note().as_deref(),
        Some(
            "本报告已于2025-01-20 09:30由张三定稿，2025-01-21 10:00由李四解除定稿（原因：复议数字更正），现可修改。"
        )
    );
}

/// Where the fast reader of plain RON answers, its answer is `ron`'s.
fn agrees_with_ron(text: &str) -> Option<Draft> {
    let plain = plain_ron::from_str::<Draft>(text);
    if let Some(plain) = &plain {
        assert_eq!(
            Some(plain),
            ron::from_str::<Draft>(text).ok().as_ref(),
            "{text}"
        );
    }
    plain
}

#[test]
fn the_fast_reader_reads_every_draft_this_program_writes_as_ron_does() {
    let (t, d) = full_draft();
    let text = d.to_ron(Some(&t)).unwrap();
    let plain = agrees_with_ron(&text).expect("what nianbao writes is plain RON");
    assert_eq!(plain.consolidation, d.consolidation);
    assert_eq!(plain.tallied, d.tallied);
    assert_eq!(Draft::from_ron(&text).unwrap(), d);
    for seed_text in [SEED_003, include_str!("../data/seed-004.nianbao")] {
        let saved = Draft::from_ron(seed_text).unwrap().to_ron(None).unwrap();
        assert!(agrees_with_ron(&saved).is_some());
    }
}

#[test]
fn the_fast_reader_leaves_other_ron_to_ron() {
    let (t, d) = full_draft();
    let text = d.to_ron(Some(&t)).unwrap();
    let agency = "agency: \"城中区人民政府\",";
    assert!(text.contains(agency));
    let version = format!("format_version: {FORMAT_VERSION}");
    assert!(text.contains(&version));
    // Forms outside the plain subset: the fast reader gives up, and the file still reads.
    for other in [
        text.replace(agency, &format!("{agency} // 注释")),
        text.replace(agency, "agency: \"城中区\\u{4eba}民政府\","),
        text.replace(agency, "agency: r\"城中区人民政府\","),
        text.replace(&version, &format!("format_version: 0x{FORMAT_VERSION}")),
        text.replace(&version, &format!("format_version: 0{FORMAT_VERSION}")),
        text.replace(&version, &format!("format_version: {FORMAT_VERSION}_")),
        text.replacen('(', "Draft(", 1),
        format!("#![enable(implicit_some)]\n{text}"),
        text.replace("\"t2.rules.made\": \"0\"", "\"t2.rules.made\": 1.5"),
        text.replace("year: 2024,", "year: 2024, extra: (a: 1),"),
    ] {
        assert_eq!(plain_ron::from_str::<Draft>(&other), None, "{other}");
        let _ = agrees_with_ron(&other);
    }
    // Plain forms a person might write by hand: read, and as `ron` reads them.
    for (i, hand) in [
        text.replacen("\"t2.rules.made\": \"0\"", "\"t2.rules.made\": 0", 1),
        text.replacen("\"t2.rules.made\": \"0\"", "\"t2.rules.made\": -3", 1),
        text.replace("Some(CountyGov)", "Some ( CountyGov )"),
        text.replace(",\n    )", "\n    )"),
        text.replace('\n', " "),
        text.replace(
            "year: 2024,",
            "year: 2024, extra: {\"a\": [1, \"b\", None]},",
        ),
    ]
    .iter()
    .enumerate()
    {
        assert!(agrees_with_ron(hand).is_some(), "form {i}");
    }
    assert_eq!(
        agrees_with_ron(&text.replacen("\"t2.rules.made\": \"0\"", "\"t2.rules.made\": 7", 1))
            .unwrap()
            .cells["t2.rules.made"],
        CellEntry::Number(nianbao::number::Decimal::from_int(7))
    );
    // Nothing is read from a damaged file.
    let n_chars = text.chars().count();
    for cut in [10, n_chars / 2, n_chars - 3] {
        let (end, _) = text.char_indices().nth(cut).unwrap();
        assert_eq!(plain_ron::from_str::<Draft>(&text[..end]), None);
    }
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        plain_ron::from_str::<Draft>(&format!("(x: {nested})")),
        None
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any texts and cells, saved and read back: the fast reader answers as `ron` does,
    /// and answers whenever no string needed an escape.
    #[test]
    fn the_fast_reader_agrees_with_ron_on_any_draft(
        texts in proptest::collection::vec((0usize..4, ".{0,40}"), 0..6),
        cells in proptest::collection::vec((0usize..6, "[0-9.,/件元 a-z-]{0,8}"), 0..12),
        plain in "[\\p{Han}a-zA-Z0-9，。、（）：；—% \n]{0,60}",
    ) {
        let (t, mut d) = seed(SEED_003);
        let parts = ["s1.overview", "s5.body", "s6.body", "s1.proactive"];
        let cell_ids = ["t2.rules.made", "t2.fees.amount", "t3.new_received.natural",
            "t3.carried_over.legal", "t4.review.total", "t2.rules.repealed"];
        for (part, text) in &texts {
            d.set_text(parts[*part], text);
        }
        for (cell, text) in &cells {
            d.set_cell(cell_ids[*cell], text);
        }
        let saved = d.to_ron(Some(&t)).unwrap();
        let _ = agrees_with_ron(&saved);
        prop_assert_eq!(Draft::from_ron(&saved).unwrap(), d.clone());
        d.set_text("s6.body", &plain);
        d.meta.agency = plain.clone();
        let saved = d.to_ron(Some(&t)).unwrap();
        if !saved.contains('\\') {
            prop_assert!(agrees_with_ron(&saved).is_some());
        }
    }
}

#[test]
fn history_keeps_the_last_fifty_and_one_a_day_and_each_is_exact() {
    let (t, mut d) = seed(SEED_003);
    // 80 saves: two a day over 40 days, each changing one cell and now and then a text.
    let mut states: Vec<(String, Draft)> = Vec::new();
    for i in 0..80_u32 {
        let previous = d.clone();
        d.set_cell("t3.new_received.natural", &(100 + i).to_string());
        if i % 3 == 0 {
            d.set_text("s6.body", &format!("第{i}次修改。"));
        }
        let at = format!(
            "2025-{:02}-{:02} {:02}:00",
            1 + i / 2 / 28,
            1 + i / 2 % 28,
            8 + i % 2
        );
        d.record_version(&previous, &at, "张三");
        let mut kept = previous;
        kept.history.clear();
        states.push((at, kept));
        // Read back as saved: the history survives the file.
        d = Draft::from_ron(&d.to_ron(Some(&t)).unwrap()).unwrap();
    }
    let n = d.history.len();
    assert!(
        n > nianbao::draft::KEEP_ALL && n <= nianbao::draft::KEEP_ALL + 40,
        "{n}"
    );
    // The newest fifty are the last fifty saves, in order.
    for (k, version) in d.history.iter().take(nianbao::draft::KEEP_ALL).enumerate() {
        assert_eq!(version.replaced_at, states[79 - k].0, "version {k}");
    }
    // Beyond them, one a day: no two versions of one day.
    let days: Vec<&str> = d.history[nianbao::draft::KEEP_ALL..]
        .iter()
        .map(|v| &v.replaced_at[..10])
        .collect();
    let mut unique = days.clone();
    unique.dedup();
    assert_eq!(days, unique);
    // Every version kept is the state it names, exactly.
    for (k, version) in d.history.iter().enumerate() {
        let (_, expected) = states
            .iter()
            .find(|(at, _)| *at == version.replaced_at)
            .expect("a state saved then");
        let mut then = d.version(k).expect("reconstructs");
        then.history.clear();
        assert_eq!(
            (&then.cells, &then.texts, &then.meta),
            (&expected.cells, &expected.texts, &expected.meta),
            "version {k} ({})",
            version.replaced_at
        );
    }
    // What each save changed: the 80th one cell, the 79th a cell and the text.
    assert_eq!(d.history[0].summary, "表三 1格");
    assert_eq!(d.history[1].summary, "表三 1格、正文 1段");
    // Restoring keeps the history and takes the content back.
    let mut restored = d.clone();
    assert!(restored.restore_version(3));
    assert_eq!(restored.history, d.history);
    assert_eq!(restored.cells, states[76].1.cells);
    assert!(!restored.restore_version(n));
    // A save that changes nothing adds no version.
    let same = d.clone();
    let before = d.history.len();
    d.record_version(&same, "2025-03-01 08:00", "张三");
    assert_eq!(d.history.len(), before);
}
