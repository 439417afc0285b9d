//! Review: verdicts kept by fingerprint (they survive re-evaluation and reopening, and fall
//! away when the figures change), errors only explained, the 已审阅 baseline and diffs,
//! and the CLI's `diff`, `review-summary` and `validate --json`.

use nianbao::draft::{Baseline, Comment, Draft, Verdict};
use nianbao::engine::{Finding, Severity, evaluate};
use nianbao::review;
use nianbao::template::Template;

use crate::cli::{cli, code, stderr, stdout};
use crate::util::{SEED_003, TempDir, seed};

/// Seed 003 with a narrative figure that contradicts the table (an R11 warning) and a
/// broken balance (an R1 error).
fn flagged() -> (Template, Draft) {
    let (t, mut d) = seed(SEED_003);
    d.set_text("s6.body", "本年度未收取信息处理费。全年行政复议3件。");
    (t, d)
}

fn first<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("a {rule} finding"))
}

#[test]
fn a_verdict_holds_until_the_figures_change() {
    let (t, mut d) = flagged();
    let findings = evaluate(&t, &d).findings;
    let r11 = first(&findings, "R11");
    review::record(
        &t,
        &mut d,
        r11,
        Verdict::Verified,
        "复议案件含上年转入2件，已在说明中注明",
        "2025-01-15",
    );
    // Re-evaluated, saved and reopened: the same finding, the same verdict.
    let reopened = Draft::from_ron(&d.to_ron(Some(&t)).expect("ron")).expect("loads");
    let findings = evaluate(&t, &reopened).findings;
    let r11 = first(&findings, "R11");
    let verdict = review::disposition(&t, &reopened, r11).expect("kept");
    assert_eq!(verdict.verdict, Verdict::Verified);
    assert!(review::is_settled(r11, Some(verdict)));
    // Another figure in the sentence: a new finding, shown again.
    let mut changed = reopened.clone();
    changed.set_text("s6.body", "本年度未收取信息处理费。全年行政复议4件。");
    let findings = evaluate(&t, &changed).findings;
    assert!(review::disposition(&t, &changed, first(&findings, "R11")).is_none());
    // The table changes instead: the finding's figures change, the verdict falls away too.
    let mut changed = reopened;
    changed.set_cell("t4.review.upheld", "1");
    let findings = evaluate(&t, &changed).findings;
    assert!(review::disposition(&t, &changed, first(&findings, "R11")).is_none());
}

#[test]
fn a_deadline_verdict_outlives_the_day_count() {
    use nianbao::engine::{Context, evaluate_with};
    let (t, mut d) = seed(SEED_003);
    d.meta.level = Some(nianbao::draft::Level::GovDept);
    let on = |day: &str| Context {
        today: nianbao::date::Date::parse(day),
        ..Context::default()
    };
    let monday = evaluate_with(&t, &d, &on("2025-02-10")).findings;
    let r16 = first(&monday, "R16").clone();
    review::record(
        &t,
        &mut d,
        &r16,
        Verdict::Verified,
        "经批准延期发布",
        "2025-02-10",
    );
    let tuesday = evaluate_with(&t, &d, &on("2025-02-11")).findings;
    let r16 = first(&tuesday, "R16");
    assert_ne!(
        r16.message,
        first(&monday, "R16").message,
        "the day count moved"
    );
    assert!(
        review::disposition(&t, &d, r16).is_some(),
        "the verdict holds"
    );
}

/// FNV-1a over 「rule|targets|figures of the message」, the way verdicts were kept before
/// findings carried their values (draft format 3 and earlier), written out again here so
/// that the test does not share the code it checks.
fn fingerprint_of_format_3(t: &Template, f: &Finding) -> String {
    let targets: Vec<&str> = f.targets.iter().map(|x| t.target_id(x)).collect();
    let mut figures = Vec::new();
    let mut run = String::new();
    for c in f.message.chars().chain(['。']) {
        if c.is_ascii_digit() || (c == '.' && !run.is_empty()) {
            run.push(c);
        } else if !run.is_empty() {
            let figure = std::mem::take(&mut run);
            if c != '天' {
                figures.push(figure);
            }
        }
    }
    let key = format!("{}|{}|{}", f.rule, targets.join(","), figures.join(","));
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[test]
fn a_verdict_saved_by_an_earlier_version_still_holds() {
    let (t, mut d) = flagged();
    let findings = evaluate(&t, &d).findings;
    let r11 = first(&findings, "R11").clone();
    let old = fingerprint_of_format_3(&t, &r11);
    assert_ne!(old, review::fingerprint(&t, &r11), "the identity changed");
    d.dispositions.push(nianbao::draft::Disposition {
        fingerprint: old.clone(),
        rule: "R11".to_owned(),
        verdict: Verdict::Verified,
        note: "复议案件含上年转入2件".to_owned(),
        date: "2025-01-15".to_owned(),
    });
    let reopened = Draft::from_ron(&d.to_ron(Some(&t)).expect("ron")).expect("loads");
    let kept = review::disposition(&t, &reopened, &r11).expect("the old verdict is found");
    assert_eq!(kept.note, "复议案件含上年转入2件");
    // Recorded again, it is kept by the new identity, once.
    let mut again = reopened.clone();
    review::record(
        &t,
        &mut again,
        &r11,
        Verdict::NeedsChange,
        "改",
        "2025-01-16",
    );
    assert_eq!(again.dispositions.len(), 1);
    assert_eq!(
        again.dispositions[0].fingerprint,
        review::fingerprint(&t, &r11)
    );
    // Withdrawn, the old one goes too.
    let mut withdrawn = reopened;
    review::withdraw(&t, &mut withdrawn, &r11);
    assert!(withdrawn.dispositions.is_empty());
    // Another figure: neither identity matches.
    let mut changed = d.clone();
    changed.set_text("s6.body", "本年度未收取信息处理费。全年行政复议4件。");
    let findings = evaluate(&t, &changed).findings;
    assert!(review::disposition(&t, &changed, first(&findings, "R11")).is_none());
}

#[test]
fn findings_carry_their_values_and_fill_every_placeholder() {
    let (t, d) = flagged();
    let findings = evaluate(&t, &d).findings;
    let r11 = first(&findings, "R11");
    assert_eq!(r11.value("part"), Some("六、其他需要报告的事项"), "{r11:?}");
    assert!(
        r11.value("excerpt")
            .is_some_and(|e| e.contains("行政复议3件")),
        "{r11:?}"
    );
    for f in &findings {
        let leftover = f.message.split('{').skip(1).any(|after| {
            after.split_once('}').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            })
        });
        assert!(!leftover, "{} left a placeholder: {}", f.rule, f.message);
    }
}

#[test]
fn errors_are_explained_never_dismissed() {
    let (t, mut d) = flagged();
    d.stated.clear();
    d.set_cell("t3.new_received.natural", "24");
    let findings = evaluate(&t, &d).findings;
    let r1 = first(&findings, "R1");
    assert_eq!(r1.severity, Severity::Error);
    review::record(
        &t,
        &mut d,
        r1,
        Verdict::Verified,
        "已与办理台账核对",
        "2025-01-15",
    );
    let verdict = review::disposition(&t, &d, r1);
    assert!(verdict.is_some(), "the explanation is kept");
    assert!(!review::is_settled(r1, verdict), "an error still counts");
    let summary = review::summary(&t, &d, &evaluate(&t, &d), "2025-01-16");
    assert!(summary.contains("已说明（错误不能消除）"), "{summary}");
}

#[test]
fn changes_since_review_in_template_order() {
    let (t, mut d) = seed(SEED_003);
    d.reviewed = Some(Baseline::of(&d, "2025-01-15"));
    assert!(review::since_review(&t, &d).is_empty());
    d.set_text("s6.body", "本年度未收取信息处理费。");
    d.set_cell("t3.new_received.natural", "25");
    d.set_cell("t2.rules.made", "");
    d.meta.contact = "0755-1234".to_owned();
    let changes = review::since_review(&t, &d);
    let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "meta.contact",
            "t2.rules.made",
            "t3.new_received.natural",
            "s6.body"
        ]
    );
    assert_eq!(
        (changes[2].before.as_str(), changes[2].after.as_str()),
        ("23", "25")
    );
    assert_eq!(
        review::change_line(&changes[1]),
        "表二 规章 本年制发件数：0 → （空）"
    );
}

#[test]
fn cli_diff_review_summary_and_validate_json() {
    let dir = TempDir::new("cli-review");
    let d = dir.path();
    let (t, mut draft) = flagged();
    std::fs::write(d.join("old.nianbao"), draft.to_ron(Some(&t)).expect("ron")).expect("write");
    let findings = evaluate(&t, &draft).findings;
    let r11 = first(&findings, "R11");
    review::record(
        &t,
        &mut draft,
        r11,
        Verdict::Verified,
        "含上年转入案件",
        "2025-01-15",
    );
    draft.comments.push(Comment {
        target: "t3.new_received.natural".to_owned(),
        text: "请核对信函登记簿".to_owned(),
        date: "2025-01-15".to_owned(),
    });
    draft.reviewed = Some(Baseline::of(&draft, "2025-01-15"));
    draft.set_cell("t3.new_received.natural", "25");
    std::fs::write(d.join("new.nianbao"), draft.to_ron(Some(&t)).expect("ron")).expect("write");

    let o = cli(d, &["diff", "old.nianbao", "new.nianbao"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("t3.new_received.natural  表三 本年新收政府信息公开申请数量 自然人：23 → 25"),
        "{out}"
    );
    assert!(out.contains("共1处改动"), "{out}");

    let o = cli(
        d,
        &[
            "review-summary",
            "new.nianbao",
            "-o",
            "审阅记录.txt",
            "--today",
            "2025-01-20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary = std::fs::read_to_string(d.join("审阅记录.txt")).expect("written");
    for expected in [
        "审阅基线：2025-01-15标记为已审阅，此后修改1处",
        "审阅意见：已核实，数据无误（2025-01-15）：含上年转入案件",
        "审阅意见：未处理",
        "表三 本年新收政府信息公开申请数量 自然人（2025-01-15）：请核对信函登记簿",
        "表三 本年新收政府信息公开申请数量 自然人：23 → 25",
    ] {
        assert!(summary.contains(expected), "「{expected}」 in\n{summary}");
    }
    let o = cli(d, &["review-summary", "new.nianbao", "-o", "审阅记录.txt"]);
    assert_eq!(code(&o), 2, "no silent overwrite");

    let o = cli(
        d,
        &["validate", "new.nianbao", "--json", "--today", "2025-01-20"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let list = json.as_array().expect("list");
    let with_verdict: Vec<&serde_json::Value> = list
        .iter()
        .filter(|f| !f["disposition"].is_null())
        .collect();
    assert_eq!(with_verdict.len(), 1, "{json:#}");
    assert_eq!(with_verdict[0]["rule"], "R11");
    assert_eq!(
        with_verdict[0]["disposition"]["verdict"],
        "已核实，数据无误"
    );
    assert_eq!(with_verdict[0]["disposition"]["note"], "含上年转入案件");
    assert!(
        list.iter()
            .all(|f| f["fingerprint"].as_str().is_some_and(|s| s.len() == 16))
    );
}

/// The findings whose messages moved into the template carry values that only name their
/// targets or the format (a cell's name, the format's name); a verdict recorded before they
/// did still finds them: their identity is the rule, the targets and the values they had.
#[test]
fn verdicts_recorded_before_the_messages_moved_into_the_template_still_hold() {
    let (t, mut d) = seed(SEED_003);
    d.cells.insert(
        "t3.new_received.total".to_owned(),
        nianbao::draft::CellEntry::Text("7".to_owned()),
    );
    d.cells.insert(
        "t3.no_such_row.natural".to_owned(),
        nianbao::draft::CellEntry::Text("1".to_owned()),
    );
    d.meta.year = 2019;
    let e = evaluate(&t, &d);
    let key = |rule: &str| {
        let f = e.findings.iter().find(|f| f.rule == rule).expect(rule);
        review::fingerprint(&t, f)
    };
    let earlier = |key: &str| nianbao::text::fnv1a_hex(key.as_bytes());
    assert_eq!(key("D2"), earlier("2|D2|t3.new_received.total"));
    assert_eq!(
        key("D1"),
        earlier("2|D1|t3.no_such_row.naturalids=t3.no_such_row.natural\u{1f}")
    );
    assert_eq!(
        key("E4"),
        earlier("2|E4|meta.yearyear=2019\u{1f}template=gov-info-disclosure-2021\u{1f}")
    );
}

/// A total out of range is R6's, in the template's own words for it. Entered figures are
/// bounded far below it; a row group's figure printed by an imported report is not.
#[test]
fn a_total_out_of_range_is_worded_by_the_template() {
    let (t, mut d) = seed(SEED_003);
    for id in ["t3.r6_1.natural", "t3.r6_2.natural", "t3.r6_3.natural"] {
        d.cells.remove(id);
    }
    let huge = nianbao::number::Decimal::from_int(i128::MAX);
    d.stated.insert(
        "t3.r6_other.natural".to_owned(),
        nianbao::draft::CellEntry::Number(huge),
    );
    let e = evaluate(&t, &d);
    let overflow: Vec<&Finding> = e
        .findings
        .iter()
        .filter(|f| f.rule == "R6" && f.message.contains("超出可计算的范围"))
        .collect();
    assert!(!overflow.is_empty(), "{:?}", e.findings);
    assert!(
        overflow[0].message.starts_with("「表三"),
        "{}",
        overflow[0].message
    );
    assert_eq!(overflow[0].severity, Severity::Error);
}
