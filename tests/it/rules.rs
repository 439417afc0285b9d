//! One test per rule: break exactly that rule in a clean draft (seed 003, whose figures and
//! prose are right) and check the finding names the right cells and numbers.

use nianbao::date::Date;
use nianbao::draft::{CellEntry, Draft, Level};
use nianbao::engine::{Context, Finding, Severity, evaluate, evaluate_with};
use nianbao::number::Decimal;
use nianbao::template::Template;

use crate::util::{SEED_003, SEED_004, seed, summary};

/// The findings a change adds to seed 003, as `RULE [ids]` and messages.
fn added(edit: impl FnOnce(&mut Draft)) -> Vec<(String, String)> {
    added_with(Context::default(), edit)
}

fn added_with(context: Context<'_>, edit: impl FnOnce(&mut Draft)) -> Vec<(String, String)> {
    let (t, mut d) = seed(SEED_003);
    let before: Vec<Finding> = evaluate_with(&t, &d, &context).findings;
    edit(&mut d);
    let after = evaluate_with(&t, &d, &context).findings;
    // L1's hints on the text's form (half-width punctuation counted over the whole report)
    // change with any text; they are tested on their own.
    after
        .iter()
        .filter(|f| f.rule != "L1")
        .filter(|f| !before.contains(f))
        .map(|f| (summary(&t, f), f.message.clone()))
        .collect()
}

fn rules(found: &[(String, String)]) -> Vec<&str> {
    found
        .iter()
        .map(|(s, _)| s.split(' ').next().unwrap_or(""))
        .collect()
}

fn number(v: i128) -> CellEntry {
    CellEntry::Number(Decimal::from_int(v))
}

#[test]
fn r1_balance_names_the_column_and_both_sums() {
    let found = added(|d| {
        d.stated.clear(); // Only R1: without printed totals there is nothing for R2/R3 to compare.
        d.cells.insert("t3.new_received.natural".into(), number(24));
    });
    // The prose still says 47 and 59: R11 says so too, and is tested on its own.
    assert_eq!(rules(&found), ["R1", "R1", "R11", "R11"], "{found:#?}");
    assert_eq!(
        found[0].0,
        "R1 [t3.new_received.natural t3.carried_over.natural t3.r7_total.natural t3.carried_forward.natural]"
    );
    assert_eq!(
        found[0].1,
        "表三「自然人」列：第一项加第二项之和为24（24+0），第三项加第四项之和为23（23+0），相差1"
    );
    assert!(
        found[1].0.starts_with("R1 [t3.new_received.total"),
        "the 总计 column breaks too"
    );
}

#[test]
fn r1_is_silent_while_a_column_is_incomplete() {
    let found = added(|d| {
        d.stated.clear();
        d.cells.remove("t3.carried_forward.natural");
    });
    assert_eq!(
        rules(&found),
        ["R7"],
        "an empty cell is R7's, not an R1 imbalance: {found:#?}"
    );
}

#[test]
fn r2_stated_row_total() {
    let found = added(|d| {
        d.stated.insert("t3.new_received.total".into(), number(46));
    });
    assert_eq!(
        found,
        [(
            "R2 [t3.new_received.total]".to_owned(),
            "表三 本年新收政府信息公开申请数量 总计：原表为46，按各申请人列相加应为47".to_owned()
        )]
    );
}

#[test]
fn r3_stated_column_total() {
    let found = added(|d| {
        d.stated.insert("t3.r7_total.natural".into(), number(22));
    });
    assert_eq!(rules(&found), ["R3"]);
    assert_eq!(found[0].0, "R3 [t3.r7_total.natural]");
    assert!(
        found[0].1.contains("原表为22") && found[0].1.contains("应为23"),
        "{}",
        found[0].1
    );
}

#[test]
fn r4_stated_table4_total() {
    let found = added(|d| {
        d.stated.insert("t4.review.total".into(), number(4));
    });
    assert_eq!(rules(&found), ["R4"]);
    assert_eq!(found[0].0, "R4 [t4.review.total]");
    assert!(
        found[0].1.contains("原表为4") && found[0].1.contains("应为5"),
        "{}",
        found[0].1
    );
}

#[test]
fn r6_letters_negatives_decimals() {
    for (typed, reason) in [
        ("abc", "「abc」不是数字（含有「a」）"),
        ("-1", "「-1」不能为负数"),
        ("1.5", "「1.5」应为整数，不能有小数"),
        (
            "18446744073709551616",
            "「18446744073709551616」超出可填写的范围",
        ),
    ] {
        let found = added(|d| d.set_cell("t3.r1_granted.natural", typed));
        assert_eq!(rules(&found), ["R6"], "{typed}: {found:#?}");
        assert_eq!(found[0].0, "R6 [t3.r1_granted.natural]");
        assert_eq!(found[0].1, format!("表三 予以公开 自然人：{reason}"));
    }
}

#[test]
fn r6_invalid_text_is_kept_and_never_counted() {
    let (t, mut d) = seed(SEED_003);
    d.set_cell("t3.r1_granted.natural", "3件");
    assert_eq!(
        d.cells["t3.r1_granted.natural"],
        CellEntry::Text("3件".into()),
        "kept as typed"
    );
    let e = evaluate(&t, &d);
    let total = e.cell(t.cell_idx("t3.r1_granted.total").unwrap());
    assert_eq!(
        total.value,
        Some(Decimal::ZERO),
        "the other five cells sum to 0; 「3件」 is not counted"
    );
    assert_eq!(
        total.status,
        nianbao::engine::CellStatus::Computed { is_complete: false }
    );
}

#[test]
fn r7_empty_cells_are_listed_per_table() {
    let found = added(|d| {
        d.cells.remove("t2.fees.amount");
        d.cells.remove("t2.penalty.decisions");
    });
    assert_eq!(found.len(), 1, "one finding per table: {found:#?}");
    assert_eq!(found[0].0, "R7 [t2.penalty.decisions t2.fees.amount]");
    assert_eq!(
        found[0].1,
        "表二有2个单元格未填写（没有的请填0）：行政处罚 本年处理决定数量、行政事业性收费 本年收费金额"
    );
}

#[test]
fn r8_rules_reported_by_a_township() {
    let found = added(|d| {
        d.meta.level = Some(Level::TownshipGov);
        d.cells.insert("t2.rules.in_force".into(), number(2));
    });
    assert_eq!(rules(&found), ["R8"], "{found:#?}");
    assert_eq!(found[0].0, "R8 [t2.rules.in_force meta.level]");
    assert!(
        found[0].1.contains("乡镇人民政府、街道办事处"),
        "{}",
        found[0].1
    );
    // A city government may make rules.
    let found = added(|d| {
        d.meta.level = Some(Level::MunicipalGov);
        d.cells.insert("t2.rules.in_force".into(), number(2));
    });
    assert_eq!(found, []);
}

#[test]
fn r9_made_more_than_in_force_plus_repealed() {
    let found = added(|d| {
        d.cells.insert("t2.normative.made".into(), number(11));
    });
    assert_eq!(rules(&found), ["R9"]);
    assert_eq!(
        found[0].0,
        "R9 [t2.normative.made t2.normative.in_force t2.normative.repealed]"
    );
    assert!(
        found[0].1.contains("为11") && found[0].1.contains("之和10"),
        "{}",
        found[0].1
    );
}

fn with_text(part: &'static str, text: &'static str) -> Vec<(String, String)> {
    added(|d| d.set_text(part, text))
}

#[test]
fn r12_last_years_own_period() {
    for text in [
        "2023年，城中区人民政府深入贯彻落实政务公开各项决策部署。",
        "2023年度共收到政府信息公开申请47件。",
        "2023年我区政府及时公开重点领域政府信息2424条。",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    ] {
        let found = with_text("s1.overview", text);
        assert_eq!(rules(&found), ["R12"], "{text}: {found:#?}");
        assert_eq!(found[0].0, "R12 [s1.overview]");
        assert!(
            found[0].1.contains("2023年与报告年度2024年不符"),
            "{}",
            found[0].1
        );
    }
}

#[test]
fn r12_leaves_comparisons_titles_plans_and_citations_alone() {
    for text in [
        "共受理申请59件，较2023年增加42件。",
        "与2023年相比，申请量有所上升。",
        "结转2023年41件。",
        "根据《2023年政务公开工作要点》要求，按照国办公开办函〔2021〕30号执行。",
        "2025年，城中区政府将着力做好以下工作。",
        "自2019年以来持续开展培训。",
        "“十四五”期间（2021—2025年）的规划。",
        "截至2023年底，现行有效的规范性文件共8件。",
        "本年度收到的申请中有2件涉及2022年的事项。",
    ] {
        // Only R12 is under test: a figure in these sentences may be R11's business.
        let r12: Vec<_> = with_text("s1.overview", text)
            .into_iter()
            .filter(|(s, _)| s.starts_with("R12"))
            .collect();
        assert_eq!(r12, [], "{text}");
    }
}

#[test]
fn r13_fee_statement_missing() {
    let found = with_text("s6.body", "无其他需要报告的事项。");
    assert_eq!(rules(&found), ["R13"]);
    assert_eq!(found[0].0, "R13 [s6.body]");
    for ok in [
        "本年度未收取信息处理费。",
        "发出信息处理费收费通知11件，总金额34290元，实际收取230元。",
        "本年度未产生信息处理费。",
    ] {
        assert_eq!(with_text("s6.body", ok), [], "{ok}");
    }
}

#[test]
fn r13_only_from_2021() {
    let (t, mut d) = seed(SEED_003);
    let t2019 = nianbao::template::for_year(2020).unwrap();
    d.meta.year = 2020;
    d.template = t2019.id.clone();
    d.set_text("s6.body", "无。");
    let e = evaluate(&t2019, &d);
    assert!(
        e.findings.iter().all(|f| f.rule != "R13"),
        "the 2019 format has no fee statement"
    );
    drop(t);
}

#[test]
fn r14_basis_citation() {
    let found = with_text(
        "s0.preamble",
        "根据国办公开办函[2021]30号的要求，现公布本报告。",
    );
    assert_eq!(rules(&found), ["R14"]);
    assert!(found[0].1.contains("六角括号"), "{}", found[0].1);
    // Other documents are not the basis and are left alone.
    assert_eq!(
        with_text("s0.preamble", "依据国办函〔2020〕109号收费。"),
        []
    );
    assert_eq!(
        with_text("s0.preamble", "依据国办公开办函〔2021〕30号编制。"),
        []
    );
}

#[test]
fn r15_required_parts_and_the_six_part_list() {
    let found = added(|d| {
        d.texts.remove("s1.platform");
    });
    assert_eq!(
        found,
        [(
            "R15 [s1.platform]".to_owned(),
            "一、总体情况（四）政府信息公开平台建设尚未填写".to_owned()
        )]
    );
    let found = added(|d| {
        d.texts.remove("s5.problems");
        d.texts.remove("s5.improvements");
    });
    assert_eq!(rules(&found), ["R15"]);
    assert_eq!(found[0].0, "R15 [s5.problems s5.improvements]");
    let found = with_text(
        "s0.preamble",
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。",
    );
    assert_eq!(rules(&found), ["R15"]);
    assert!(
        found[0].1.contains("行政复议"),
        "the list leaves out 行政复议/诉讼: {}",
        found[0].1
    );
}

#[test]
fn r16_deadline() {
    let today = |s: &str| Context {
        today: Date::parse(s),
        ..Context::default()
    };
    // A 县级以上人民政府部门 publishes by 31 January.
    let found = added_with(today("2025-02-10"), |d| d.meta.level = Some(Level::GovDept));
    let found: Vec<_> = found
        .into_iter()
        .filter(|(s, _)| s.starts_with("R16"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "R16 [meta.published_on]");
    assert_eq!(
        found[0].1,
        "已超过发布期限2025年1月31日（条例第四十九条）10天，尚未填写发布日期"
    );
    // Published late.
    let found = added(|d| {
        d.meta.level = Some(Level::GovDept);
        d.meta.published_on = "2025-02-03".into();
    });
    assert_eq!(rules(&found), ["R16"]);
    assert!(found[0].1.contains("晚了3天"), "{}", found[0].1);
    // A county government's own report is due by 31 March; 20 days before, a countdown hint.
    let (t, d) = seed(SEED_003);
    let e = evaluate_with(&t, &d, &today("2025-03-11"));
    let r16: Vec<&Finding> = e.findings.iter().filter(|f| f.rule == "R16").collect();
    assert_eq!(r16.len(), 1);
    assert_eq!(
        (r16[0].severity, r16[0].message.as_str()),
        (Severity::Info, "距发布期限2025年3月31日还有20天")
    );
}

#[test]
fn r17_partial_disclosure_hint() {
    let (t, d) = seed(SEED_003);
    let e = evaluate(&t, &d);
    let r17: Vec<String> = e
        .findings
        .iter()
        .filter(|f| f.rule == "R17")
        .map(|f| summary(&t, f))
        .collect();
    assert_eq!(
        r17,
        ["R17 [t3.r2_partial.natural t3.r2_partial.legal_service]"]
    );
}

#[test]
fn r18_cases_without_applications() {
    let (t, d) = seed(SEED_004);
    let e = evaluate(&t, &d);
    let r18: Vec<&Finding> = e.findings.iter().filter(|f| f.rule == "R18").collect();
    assert_eq!(r18.len(), 1);
    assert!(r18[0].message.contains("3件"), "{}", r18[0].message);
    assert_eq!(r18[0].severity, Severity::Info);
}

#[test]
fn e4_template_for_another_year() {
    // The editor and the CLI pass the formats there are: the right one is named.
    let formats = Context {
        formats: nianbao::template::builtin(),
        ..Context::default()
    };
    let found = added_with(formats, |d| d.meta.year = 2020);
    let e4: Vec<_> = found.iter().filter(|(s, _)| s.starts_with("E4")).collect();
    assert_eq!(e4.len(), 1, "{found:#?}");
    assert!(e4[0].1.contains("2019年试行版"), "{}", e4[0].1);
    // The engine alone knows no other format: it says only that this one is wrong.
    let found = added(|d| d.meta.year = 2020);
    let e4: Vec<_> = found.iter().filter(|(s, _)| s.starts_with("E4")).collect();
    assert_eq!(e4.len(), 1, "{found:#?}");
    assert!(e4[0].1.contains("应使用对应年度的格式"), "{}", e4[0].1);
}

#[test]
fn d1_unknown_ids_are_reported_and_kept() {
    let found = added(|d| {
        d.cells.insert("t3.no_such_row.natural".into(), number(1));
    });
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "D1 [t3.no_such_row.natural]");
}

/// A value written into a total is not used (totals are derived, never stored): the total
/// is still the sum, and D2 says the entry was left out.
#[test]
fn d2_an_entry_for_a_total_is_flagged_and_not_used() {
    let found = added(|d| {
        d.cells.insert("t3.new_received.total".into(), number(1));
    });
    assert_eq!(rules(&found), ["D2"], "{found:?}");
    assert!(found[0].1.contains("自动计算的合计"), "{found:?}");
    let (t, mut d) = seed(SEED_003);
    let idx = t.cell_idx("t3.new_received.total").expect("a total");
    let sum = evaluate(&t, &d).cell(idx).value;
    d.cells.insert("t3.new_received.total".into(), number(1));
    assert_eq!(evaluate(&t, &d).cell(idx).value, sum);
}

#[test]
fn empty_is_never_zero() {
    let (t, d) = seed(SEED_003);
    let mut empty = Draft::new(&t, d.meta.clone());
    empty.set_cell("t3.new_received.natural", "5");
    let e = evaluate(&t, &empty);
    let total = e.cell(t.cell_idx("t3.new_received.total").unwrap());
    assert_eq!(total.value, Some(Decimal::from_int(5)));
    assert_eq!(
        total.status,
        nianbao::engine::CellStatus::Computed { is_complete: false }
    );
    let untouched = e.cell(t.cell_idx("t3.r7_total.total").unwrap());
    assert_eq!(
        untouched.value, None,
        "a total over empty cells is empty, not 0"
    );
    assert!(
        !e.findings.iter().any(|f| f.rule == "R1"),
        "no balance check on guesses"
    );
    let _: &Template = &t;
}

#[test]
fn r12_history_plans_and_other_clauses_are_not_stale() {
    for text in [
        "本报告统计时间为2024年1月1日至12月31日，与2023年相比，申请量上升。",
        "2019年我国修订《中华人民共和国政府信息公开条例》。",
        "2019年，国务院修订《条例》，明确了依申请公开的程序。",
        "2026年，我局将继续深化政务公开。",
    ] {
        assert_eq!(with_text("s1.overview", text), [], "{text}");
    }
}

#[test]
fn r13_a_cited_regulation_is_not_a_fee_statement() {
    let found = with_text(
        "s6.body",
        "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行，推进无纸化办公。",
    );
    assert_eq!(rules(&found), ["R13"], "{found:#?}");
    assert_eq!(with_text("s6.body", "本年度共收取信息处理费230元。"), []);
}

#[test]
fn r14_other_documents_with_the_same_number_are_left_alone() {
    for text in [
        "依据浙政办发〔2019〕60号开展工作。",
        "根据京政办发〔2021〕30号的要求。",
    ] {
        assert_eq!(with_text("s0.preamble", text), [], "{text}");
    }
    let found = with_text("s0.preamble", "根据国办政务公开办函〔2021〕30号编制。");
    assert_eq!(
        rules(&found),
        ["R14"],
        "a near miss of the basis is still caught"
    );
}

#[test]
fn r16_a_publication_date_inside_the_report_year_is_a_slip() {
    let found = added(|d| d.meta.published_on = "2024-01-20".into());
    assert_eq!(rules(&found), ["R16"]);
    assert!(found[0].1.contains("是否应为2025年"), "{}", found[0].1);
}

#[test]
fn m1_agency_is_required() {
    let found = added(|d| d.meta.agency = " ".into());
    assert_eq!(
        found,
        [(
            "M1 [meta.agency]".to_owned(),
            "机关全称尚未填写：报告标题和落款都要用到".to_owned()
        )]
    );
}

/// Last year's figures for seed 003 (2024): its own draft, as the 2023 report whose
/// 结转下年度 and 现行有效件数 agree with this year's, then changed by `edit`.
fn last_year_of_seed(edit: impl FnOnce(&mut Draft)) -> nianbao::engine::LastYear {
    let (t, mut d) = seed(SEED_003);
    d.meta.year = 2023;
    for (column, value) in [
        ("natural", 0),
        ("commercial", 0),
        ("research", 0),
        ("public_welfare", 0),
        ("legal_service", 12),
        ("other_org", 0),
    ] {
        d.cells
            .insert(format!("t3.carried_forward.{column}"), number(value));
    }
    // 9 in force at the end of 2023 + 1 made − 2 repealed = 8 in 2024.
    d.cells
        .insert("t2.normative.in_force".to_owned(), number(9));
    edit(&mut d);
    nianbao::engine::LastYear::of(&t, &d)
}

#[test]
fn r5_carried_over_against_last_years_carried_forward() {
    let agreeing = last_year_of_seed(|_| {});
    let context = || Context {
        last_year: Some(&agreeing),
        ..Context::default()
    };
    let (t, d) = seed(SEED_003);
    let findings = evaluate_with(&t, &d, &context()).findings;
    assert!(
        !findings
            .iter()
            .any(|f| ["R5", "R10"].contains(&f.rule.as_str())),
        "agreeing years raise nothing"
    );
    let differing = last_year_of_seed(|d| {
        d.cells
            .insert("t3.carried_forward.natural".to_owned(), number(3));
    });
    let findings = evaluate_with(
        &t,
        &d,
        &Context {
            last_year: Some(&differing),
            ..Context::default()
        },
    )
    .findings;
    let r5: Vec<_> = findings.iter().filter(|f| f.rule == "R5").collect();
    assert_eq!(r5.len(), 1, "{r5:?}");
    assert_eq!(summary(&t, r5[0]), "R5 [t3.carried_over.natural]");
    let m = &r5[0].message;
    assert!(
        m.contains("为0") && m.contains("2023年度") && m.contains("结转下年度为3"),
        "both figures: {m}"
    );
    assert!(
        m.contains("尚未见到官方表述"),
        "says the rule is derived: {m}"
    );
    assert_eq!(r5[0].severity, Severity::Warning);
}

#[test]
fn r5_names_a_linked_draft_of_the_wrong_year() {
    let mut wrong = last_year_of_seed(|_| {});
    wrong.year = 2021;
    let (t, d) = seed(SEED_003);
    let context = Context {
        last_year: Some(&wrong),
        ..Context::default()
    };
    let findings = evaluate_with(&t, &d, &context).findings;
    let r5: Vec<_> = findings.iter().filter(|f| f.rule == "R5").collect();
    assert_eq!(r5.len(), 1);
    assert!(r5[0].message.contains("2021年度") && r5[0].message.contains("不是2023年度"));
    assert!(!findings.iter().any(|f| f.rule == "R10"));
}

#[test]
fn r5_skips_empty_cells_on_either_side() {
    let last = last_year_of_seed(|d| {
        d.cells.remove("t3.carried_forward.natural");
    });
    let (t, mut d) = seed(SEED_003);
    d.cells.remove("t3.carried_over.commercial");
    let context = Context {
        last_year: Some(&last),
        ..Context::default()
    };
    let findings = evaluate_with(&t, &d, &context).findings;
    assert!(!findings.iter().any(|f| f.rule == "R5"), "empty is not 0");
}

#[test]
fn r10_in_force_follows_last_year() {
    let last = last_year_of_seed(|d| {
        d.cells
            .insert("t2.normative.in_force".to_owned(), number(10));
    });
    let (t, d) = seed(SEED_003);
    let context = Context {
        last_year: Some(&last),
        ..Context::default()
    };
    let findings = evaluate_with(&t, &d, &context).findings;
    let r10: Vec<_> = findings.iter().filter(|f| f.rule == "R10").collect();
    assert_eq!(r10.len(), 1, "{r10:?}");
    assert_eq!(summary(&t, r10[0]), "R10 [t2.normative.in_force]");
    assert_eq!(r10[0].severity, Severity::Info);
    assert!(
        r10[0].message.contains("现行有效件数为8")
            && r10[0].message.contains("上年10件")
            && r10[0].message.contains("应为9件"),
        "{}",
        r10[0].message
    );
}

#[test]
fn r12_reads_quoted_paragraphs_strictly() {
    // 「截至2023年底」 reads as a reference date in this year's own prose; quoted from last
    // year's report, it is last year's period.
    let paragraph = "截至2023年底，本机关现行有效的规范性文件共9件，均已在专栏公开。";
    let plain = added(|d| {
        let text = format!("{}\n{paragraph}", d.text("s1.proactive"));
        d.set_text("s1.proactive", &text);
    });
    assert!(!rules(&plain).contains(&"R12"), "{plain:?}");
    let quoted = added(|d| {
        let text = format!("{}\n{paragraph}", d.text("s1.proactive"));
        d.set_text("s1.proactive", &text);
        d.quoted.push(paragraph.to_owned());
    });
    // R11 also notes the stale figure (9 in force at the end of 2023, 8 now).
    assert_eq!(rules(&quoted), ["R11", "R12"], "{quoted:?}");
    assert!(quoted[0].1.contains("2023年"));
    // Rewritten for this year, it is no longer the quote.
    let rewritten = added(|d| {
        let text = format!(
            "{}\n截至2024年底，本机关现行有效的规范性文件共8件，均已在专栏公开。",
            d.text("s1.proactive")
        );
        d.set_text("s1.proactive", &text);
        d.quoted.push(paragraph.to_owned());
    });
    assert!(rewritten.is_empty(), "{rewritten:?}");
}

#[test]
fn r5_says_when_last_years_draft_is_another_agencys() {
    let last = last_year_of_seed(|d| d.meta.agency = "城东区人民政府".to_owned());
    let (t, d) = seed(SEED_003);
    let context = Context {
        last_year: Some(&last),
        ..Context::default()
    };
    let findings = evaluate_with(&t, &d, &context).findings;
    let r5: Vec<_> = findings.iter().filter(|f| f.rule == "R5").collect();
    assert_eq!(r5.len(), 1, "{r5:?}");
    assert!(
        r5[0].message.contains("城东区人民政府") && r5[0].message.contains("城中区人民政府"),
        "{}",
        r5[0].message
    );
}

/// A sentence of 40 characters that seed 003 does not have.
const NEW_SENTENCE: &str =
    "今年新开通的依申请公开网上平台使用率不高，多数申请人仍通过信函提出申请，有待推广";

fn linked(last: &nianbao::engine::LastYear) -> Context<'_> {
    Context {
        last_year: Some(last),
        ..Context::default()
    }
}

#[test]
fn e9_text_repeated_from_last_year() {
    let last = last_year_of_seed(|_| {});
    let context = linked(&last);
    let (t, mut d) = seed(SEED_003);
    // 存在的主要问题 is rewritten; 改进情况 keeps last year's sentences with new years.
    d.set_text("s5.problems", &[NEW_SENTENCE; 3].join("。"));
    let improvements = d.text("s5.improvements").replace("2025", "2026");
    d.set_text("s5.improvements", &improvements);
    let findings = evaluate_with(&t, &d, &context).findings;
    let e9: Vec<String> = findings
        .iter()
        .filter(|f| f.rule == "E9")
        .map(|f| summary(&t, f))
        .collect();
    assert_eq!(
        e9,
        [
            "E9 [s1.overview]",
            "E9 [s1.proactive]",
            "E9 [s1.on_request]",
            "E9 [s1.management]",
            "E9 [s1.platform]",
            "E9 [s1.oversight]",
            "E9 [s5.improvements]",
        ],
        "sections 一 and 五, except the rewritten part; not the preamble or 六"
    );
    let message = &findings
        .iter()
        .find(|f| f.rule == "E9" && summary(&t, f) == "E9 [s5.improvements]")
        .expect("E9 on 改进情况")
        .message;
    assert!(
        message.starts_with(
            "五、存在的主要问题及改进情况（二）改进情况有100%的文字与2023年度报告相同"
        ) && message.contains("如「")
            && message.contains("内容雷同"),
        "{message}"
    );
    assert!(
        !evaluate(&t, &d).findings.iter().any(|f| f.rule == "E9"),
        "needs last year's draft"
    );
    // The same last year with the 2019 format: its own wording, not the one remembered.
    let t2019 = nianbao::template::builtin_by_id("gov-info-disclosure-2019").expect("2019");
    let under_2019 = evaluate_with(&t2019, &d, &context).findings;
    let m = &under_2019
        .iter()
        .find(|f| f.rule == "E9")
        .expect("E9 under 2019")
        .message;
    assert!(!m.contains("〔2021〕30号") && m.contains("年报评估"), "{m}");
}

#[test]
fn e9_remembered_is_e9_afresh_when_last_year_changes() {
    use nianbao::engine::{Context, Memo};
    let (t, d) = seed(SEED_003);
    let memo = Memo::default();
    let same = last_year_of_seed(|_| {});
    let earlier = last_year_of_seed(|d| d.meta.year = 2022);
    let rewritten = last_year_of_seed(|d| d.set_text("s1.overview", NEW_SENTENCE));
    let e9 = |last: &nianbao::engine::LastYear, memo: Option<&Memo>| -> Vec<String> {
        let context = Context {
            memo,
            ..linked(last)
        };
        evaluate_with(&t, &d, &context)
            .findings
            .iter()
            .filter(|f| f.rule == "E9")
            .map(|f| format!("{} {}", summary(&t, f), f.message))
            .collect()
    };
    // The same text against three last years, one after another with one memo: each as if
    // evaluated afresh, not the result remembered from the one before.
    for last in [&same, &earlier, &rewritten, &same] {
        let remembered = e9(last, Some(&memo));
        assert_eq!(remembered, e9(last, None), "last year {}", last.year);
        assert!(!remembered.is_empty());
    }
    assert!(e9(&earlier, Some(&memo))[0].contains("2022年度"));
    let overview = |last| {
        e9(last, Some(&memo))
            .iter()
            .any(|f| f.starts_with("E9 [s1.overview]"))
    };
    assert!(overview(&same) && !overview(&rewritten));
}

#[test]
fn e9_flags_a_part_from_60_percent_repeated() {
    let last = last_year_of_seed(|_| {});
    let context = linked(&last);
    let (t, d) = seed(SEED_003);
    // 总述 is one sentence of 121 characters (without the full stop, 120).
    let overview = d.text("s1.overview").trim_end_matches('。').to_owned();
    let share_of = |n_new: usize| {
        let mut text = overview.clone();
        for _ in 0..n_new {
            text.push('。');
            text.push_str(NEW_SENTENCE);
        }
        let mut edited = d.clone();
        edited.set_text("s1.overview", &text);
        evaluate_with(&t, &edited, &context)
            .findings
            .iter()
            .find(|f| f.rule == "E9" && summary(&t, f) == "E9 [s1.overview]")
            .map(|f| f.message.clone())
    };
    let two = share_of(2).expect("120 of 200 characters repeated: flagged");
    assert!(two.contains("有60%的文字"), "{two}");
    assert_eq!(share_of(3), None, "120 of 240: under 60%");
}
