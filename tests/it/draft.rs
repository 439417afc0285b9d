//! Draft files: round trips, and what a damaged or foreign file says.

use nianbao::draft::{CellEntry, Comment, Draft, DraftError, FORMAT_VERSION, MAX_DRAFT_BYTES};

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
