//! The checks on real reports' text and tables: spacing never changes a result, every
//! honest way of stating the fee is accepted, and blank cells do not hide an imbalance. Each
//! case is a sentence or a table shape seen in published reports, with variants that must
//! not be flagged.

use nianbao::draft::{CellEntry, Draft};
use nianbao::engine::{Finding, evaluate};
use nianbao::number::Decimal;

use crate::util::{SEED_003, seed};

/// Seed 003 after `edit`: the findings of the given rule, as messages.
fn findings_of(rule: &str, edit: impl FnOnce(&mut Draft)) -> Vec<String> {
    let (t, mut d) = seed(SEED_003);
    edit(&mut d);
    evaluate(&t, &d)
        .findings
        .into_iter()
        .filter(|f: &Finding| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

fn number(v: i128) -> CellEntry {
    CellEntry::Number(Decimal::from_int(v))
}

#[test]
fn spaces_beside_figures_do_not_hide_a_fee_statement() {
    for six in [
        "全年收取政府信息公开信息处理费 3940 元。",
        "全年收取政府信息公开信息处理费\u{3000}3940\u{3000}元。",
        "全年收取政府信息公开信息处理费\u{a0}3940\u{a0}元。",
        "全年收取政府信息公开信息处理费 3 940 元。",
    ] {
        assert!(
            findings_of("R13", |d| d.set_text("s6.body", six)).is_empty(),
            "{six}"
        );
    }
}

#[test]
fn spaces_beside_figures_do_not_silence_r11() {
    // The table has 47 新收; the prose says 3191 with spaces round it.
    for sentence in [
        "本年度共受理政府信息公开申请 3191 件。",
        "本年度共受理政府信息公开申请\u{3000}3191\u{3000}件。",
    ] {
        let found = findings_of("R11", |d| d.set_text("s1.on_request", sentence));
        assert!(
            found.iter().any(|m| m.contains("3191")),
            "{sentence}: {found:?}"
        );
    }
}

#[test]
fn every_honest_fee_statement_is_accepted() {
    for six in [
        "本年度收取信息处理费3940元。",
        "本年度共发出收费通知2件，总金额300元，实际收取300元，均为信息处理费。",
        "本年度发出信息处理费收费通知2件，总金额0.03万元，实际收取0.03万元。",
        "信息处理费：无。",
        "本机关未收取信息处理费。",
        "本年度没有收取政府信息公开信息处理费。",
        "本年度未产生信息处理费。",
        "本年度免收信息处理费。",
    ] {
        assert!(
            findings_of("R13", |d| d.set_text("s6.body", six)).is_empty(),
            "{six}"
        );
    }
}

#[test]
fn a_fee_statement_in_the_on_request_paragraph_counts() {
    let found = findings_of("R13", |d| {
        d.set_text("s6.body", "无其他需要报告的事项。");
        d.set_text(
            "s1.on_request",
            "本年度共受理申请59件，依法答复59件，未收取信息处理费。",
        );
    });
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn what_is_not_a_fee_statement_still_raises_r13() {
    for six in [
        "无其他需要报告的事项。",
        // The regulation's number is not a figure, and 「未收到」 is about applications.
        "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。本年度未收到申请。",
        "信息处理费管理办法已转发各单位。",
    ] {
        let found = findings_of("R13", |d| d.set_text("s6.body", six));
        assert_eq!(found.len(), 1, "{six}: {found:?}");
    }
}

/// Seed 003 with every 0 of 表三 printed blank, as many published tables do.
fn zeros_blank(d: &mut Draft) {
    d.cells
        .retain(|id, v| !(id.starts_with("t3.") && v.to_string() == "0"));
    d.stated
        .retain(|id, v| !(id.starts_with("t3.") && v.to_string() == "0"));
}

#[test]
fn a_balanced_table_with_blank_zeros_raises_no_imbalance() {
    for rule in ["R1", "R1Z", "R2Z"] {
        let found = findings_of(rule, zeros_blank);
        assert!(found.is_empty(), "{rule}: {found:?}");
    }
    // R7 still shows the drafter the blanks.
    assert!(!findings_of("R7", zeros_blank).is_empty());
}

#[test]
fn blank_cells_do_not_hide_an_imbalance() {
    // 法律服务机构: 24 new, 12 carried over = 36 partly disclosed; a typo makes it 26.
    let found = findings_of("R1Z", |d| {
        zeros_blank(d);
        d.cells
            .insert("t3.new_received.legal_service".into(), number(26));
    });
    assert_eq!(
        found,
        [
            "表三「法律服务机构」列有20个空白单元格；若空白按0计，第一项加第二项之和为38（26+12），第三项加第四项之和为36（36+空），相差2"
        ]
    );
    // R1 itself stays silent: empty is not zero.
    assert!(
        findings_of("R1", |d| {
            zeros_blank(d);
            d.cells
                .insert("t3.new_received.legal_service".into(), number(26));
        })
        .is_empty()
    );
}

#[test]
fn blank_cells_do_not_hide_a_narrative_that_contradicts_the_table() {
    // 新收 is 47 (23 + 24, the other columns printed blank); the prose says 107.
    let found = findings_of("R11", |d| {
        zeros_blank(d);
        d.set_text("s1.on_request", "本年度共受理政府信息公开申请107件。");
    });
    assert!(
        found
            .iter()
            .any(|m| m.contains("107") && m.contains("空白单元格按0计为47件")),
        "{found:?}"
    );
    // The right figure is not flagged, nor a table not filled in yet.
    let right = findings_of("R11", |d| {
        zeros_blank(d);
        d.set_text("s1.on_request", "本年度共受理政府信息公开申请47件。");
    });
    assert!(!right.iter().any(|m| m.contains("47件")), "{right:?}");
    let unfilled = findings_of("R11", |d| {
        d.cells.retain(|id, _| !id.starts_with("t3."));
        d.stated.clear();
        d.set_text("s1.on_request", "本年度共受理政府信息公开申请107件。");
    });
    assert!(!unfilled.iter().any(|m| m.contains("107")), "{unfilled:?}");
}

#[test]
fn a_printed_total_over_blank_cells_is_checked_as_if_they_were_zero() {
    let found = findings_of("R2Z", |d| {
        zeros_blank(d);
        // The printed 新收 total stays 47, while 自然人 now says 13.
        d.cells.insert("t3.new_received.natural".into(), number(13));
    });
    assert_eq!(
        found,
        [
            "表三 本年新收政府信息公开申请数量 总计：原表为47，相加的单元格中有4个空白；若空白按0计应为37"
        ]
    );
}

#[test]
fn categories_named_together_are_compared_with_their_sum() {
    // Seed 003: 予以公开 3, 部分公开 36 (39 together), （七）总计 59; 不予公开 2, 无法提供 18.
    for right in [
        "其中予以公开及部分公开39件，占66.1%。",
        "予以公开和部分公开共39件。",
        "不予公开和无法提供20件。",
        "予以公开、部分公开和不予公开41件。",
    ] {
        let found = findings_of("R11", |d| d.set_text("s1.on_request", right));
        assert!(found.is_empty(), "{right}: {found:?}");
    }
    let found = findings_of("R11", |d| {
        d.set_text("s1.on_request", "其中予以公开及部分公开38件，占64.4%。");
    });
    assert_eq!(found.len(), 1, "the sum is wrong, and only once: {found:?}");
    assert!(
        found[0].contains("写予以公开及部分公开为38件，表中为39件"),
        "{found:?}"
    );
}

#[test]
fn percentages_cut_at_the_printed_precision_are_right() {
    // 36 of 59 = 61.016…%: 61.0% and 61.01% are right, rounded or cut; 61.2% is not.
    for right in [
        "部分公开36件，占61%。",
        "部分公开36件，占61.0%。",
        "部分公开36件，占61.01%。",
        "部分公开36件，占61.02%。",
    ] {
        let found = findings_of("R11", |d| d.set_text("s1.on_request", right));
        assert!(found.is_empty(), "{right}: {found:?}");
    }
    let found = findings_of("R11", |d| {
        d.set_text("s1.on_request", "部分公开36件，占61.2%。");
    });
    assert_eq!(found.len(), 1, "{found:?}");
    // 予以公开 3 of 59 = 5.0847…%: cut to 5.08 or rounded to 5.08/5.1; 5.09 is neither.
    let found = findings_of("R11", |d| {
        d.set_text("s1.on_request", "予以公开3件，占5.09%。");
    });
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn counts_of_publications_are_not_table_figures() {
    // Each names a word of a table quantity, but counts something else.
    for sentence in [
        "通过政府公报刊登规范性文件112件。",
        "在门户网站公开规范性文件56件，发布政策解读24篇。",
        "转发上级规章3件。",
        "编印规章汇编2件。",
        "对行政规范性文件开展合法性审查15件。",
        "清理规章4件。",
        "较上年增加行政复议2件。",
        "其中行政复议维持3件。",
        "受理行政许可事项26367件。",
        "本年度结转下年度办理的申请已于2月前办结。",
        "新收到的申请较上年增加20件。",
    ] {
        let found = findings_of("R11", |d| d.set_text("s1.proactive", sentence));
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
    // The plain statement is still compared: 规章 made 0, in force 0, repealed 0.
    let found = findings_of("R11", |d| d.set_text("s1.proactive", "本年制发规章2件。"));
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn prose_that_the_tables_contradict() {
    // Seed 003: 结转下年度 0, 行政复议 5 (all corrected), 行政诉讼 0.
    let found = findings_of("E2", |d| {
        d.set_text(
            "s5.problems",
            "本年度未发生因政府信息公开引起的行政复议和行政诉讼。",
        );
    });
    assert_eq!(
        found,
        [
            "五、存在的主要问题及改进情况（一）存在的主要问题：「本年度未发生因政府信息公开引起的行政复议和行政诉讼」说没有行政复议，但表四行政复议5件"
        ]
    );
    let found = findings_of("E2", |d| {
        d.cells
            .insert("t3.carried_forward.natural".into(), number(2));
        d.set_text("s1.on_request", "本年度所有申请均已按期办结。");
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("结转下年度继续办理2件"), "{found:?}");
    let found = findings_of("E2", |d| {
        d.cells.insert("t3.r6_2.natural".into(), number(1));
        d.set_text("s6.body", "本年度未产生信息处理费。");
    });
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn ordinary_sentences_about_review_and_closing_are_not_claims() {
    for (part, sentence) in [
        ("s5.problems", "本年度未发生被纠错的行政复议案件。"),
        ("s5.problems", "对无法提供的申请，申请人未提起行政复议。"),
        (
            "s1.on_request",
            "无法提供的申请均已告知申请人可依法申请行政复议。",
        ),
        ("s1.on_request", "依申请公开答复均在法定期限内作出。"),
        ("s5.problems", "行政诉讼数量较上年没有变化。"),
        ("s5.problems", "我局将依法做好行政复议应诉工作。"),
    ] {
        let found = findings_of("E2", |d| d.set_text(part, sentence));
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
}

#[test]
fn parts_that_say_nothing() {
    let found = findings_of("E11", |d| {
        d.set_text("s5.problems", "无");
        d.set_text("s5.improvements", "（二）改进情况");
        d.set_text("s1.platform", "平台运行良好。");
    });
    assert_eq!(
        found,
        [
            "一、总体情况（四）政府信息公开平台建设只有6个字（「平台运行良好。」），内容过于简略",
            "五、存在的主要问题及改进情况（一）存在的主要问题只写了「无」，内容过于简略",
            "五、存在的主要问题及改进情况（二）改进情况只写了本部分的标题，内容过于简略",
        ]
    );
    // A short 六 that states the fee is enough.
    assert!(findings_of("E11", |d| d.set_text("s6.body", "本年度未收取信息处理费。")).is_empty());
    assert_eq!(
        findings_of("E11", |d| d.set_text("s6.body", "无。")).len(),
        1
    );
}

#[test]
fn a_large_change_from_last_year_needs_a_sentence() {
    let (t, d) = seed(SEED_003);
    let mut last = d.clone();
    last.meta.year = 2023;
    // Last year: 行政复议 15 instead of this year's 5 (−10, −67%: large); every other key
    // figure the same.
    last.cells.insert("t4.review.corrected".into(), number(15));
    let last = nianbao::engine::LastYear::of(&t, &last);
    let context = nianbao::engine::Context {
        last_year: Some(&last),
        ..nianbao::engine::Context::default()
    };
    let c1 = |d: &Draft| -> Vec<String> {
        nianbao::engine::evaluate_with(&t, d, &context)
            .findings
            .into_iter()
            .filter(|f| f.rule == "C1")
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(
        c1(&d),
        ["表中行政复议由上年（2023年度）的15件减少为5件，变化10件，正文中没有说明变化的句子"]
    );
    let mut explained = d.clone();
    explained.set_text(
        "s1.on_request",
        "本年度行政复议案件5件，较上年减少10件，主要是答复更加规范。",
    );
    assert!(c1(&explained).is_empty());
}

#[test]
fn the_texts_form() {
    let found = findings_of("L1", |d| {
        d.set_text(
            "s1.overview",
            "按照《政府信息公开工作年度报告格式》（国办公开办函202130号）要求，于202511日发布，加强资金资金管理,确保落实。",
        );
    });
    assert!(
        found
            .iter()
            .any(|m| m.contains("「函202130号」文号缺少年份的六角括号，建议写作〔2021〕30号")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|m| m.contains("「202511日」日期缺少")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("「《政府信息公开工作年度报告格式》」报告格式的名称有误")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("「资金资金」词语重复，建议写作资金")),
        "{found:#?}"
    );
    assert_eq!(
        found.iter().filter(|m| m.contains("半角标点")).count(),
        1,
        "named once for the whole report: {found:#?}"
    );
    let found = findings_of("L1", |d| {
        d.set_text("s5.problems", "（一）存在的主要问题。一是……");
        d.set_text("s5.improvements", "（三）改进情况。一是……");
    });
    assert!(
        found
            .iter()
            .any(|m| m.contains("小标题的序号不连续，建议写作（二）")),
        "{found:#?}"
    );
}

#[test]
fn a_township_that_reports_rules_is_told_once_its_level_is_read_from_the_title() {
    // An imported report of a 镇: the level comes from its name, and R8 then runs.
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/import/hubei-2019.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let mut imported = nianbao::import::text(&text);
    assert_eq!(
        imported.draft.meta.level,
        Some(nianbao::draft::Level::TownshipGov)
    );
    imported
        .draft
        .cells
        .insert("t2.rules.new_made".into(), number(2));
    let template = nianbao::template::builtin_by_id(&imported.draft.template).expect("embedded");
    let r8: Vec<Finding> = evaluate(&template, &imported.draft)
        .findings
        .into_iter()
        .filter(|f| f.rule == "R8")
        .collect();
    assert_eq!(r8.len(), 1, "{r8:?}");
}

/// The prose rules remember their results per paragraph between evaluations (the editor
/// evaluates on every keystroke); what they find must follow every change all the same, in
/// the text and in the tables, and be what a fresh evaluation finds.
#[test]
fn remembered_results_follow_every_change() {
    let (t, mut d) = seed(SEED_003);
    let messages = |d: &Draft| -> Vec<String> {
        evaluate(&t, d)
            .findings
            .into_iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect()
    };
    let clean = messages(&d);
    assert_eq!(messages(&d), clean, "the same draft twice");

    // Text: a doubled word appears, then goes with the edit that removes it.
    let overview = d.text("s1.overview").to_owned();
    d.set_text("s1.overview", &format!("{overview}加强资金资金管理。"));
    assert!(
        messages(&d)
            .iter()
            .any(|m| m.starts_with("L1") && m.contains("资金资金"))
    );
    d.set_text("s1.overview", &overview);
    assert_eq!(messages(&d), clean);

    // Tables: R11 reads the same sentence against a changed cell (the text is unchanged).
    d.set_text("s1.on_request", "本年度共受理政府信息公开申请47件。");
    let agrees = messages(&d);
    assert!(
        !agrees
            .iter()
            .any(|m| m.starts_with("R11") && m.contains("47")),
        "{agrees:?}"
    );
    d.cells.insert("t3.new_received.natural".into(), number(13));
    let after = messages(&d);
    assert!(
        after
            .iter()
            .any(|m| m.starts_with("R11") && m.contains("47")),
        "{after:?}"
    );
    // A fresh template (nothing remembered for it) finds the same.
    let fresh = nianbao::template::load(nianbao::template::TEMPLATE_2021_RON).expect("template");
    let fresh: Vec<String> = evaluate(&fresh, &d)
        .findings
        .into_iter()
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert_eq!(after, fresh);
}
