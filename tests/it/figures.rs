//! R11: figures in the narrative against the tables. Real sentences from the seeds raise
//! nothing; each phrase family, broken, is flagged with the sentence and both numbers.
//!
//! Seed 003's tables: 新收 47, 上年结转 12, 予以公开 3, 部分公开 36, 不予公开 2, 无法提供 18,
//! 不予处理 0, 其他处理 0, （七）总计 59, 结转下年度 0; 行政复议 5 (纠正 5), 行政诉讼 0;
//! 行政规范性文件 制发 1 / 废止 2 / 现行有效 8; 行政许可 26367, 行政处罚 143, 行政强制 30.

use nianbao::engine::evaluate;

use crate::util::{SEED_000, SEED_002, SEED_003, SEED_004, seed};

/// The R11 messages for seed 003 with its 依申请公开 text replaced by `text`.
fn r11(text: &str) -> Vec<String> {
    let (t, mut d) = seed(SEED_003);
    d.set_text("s1.on_request", text);
    evaluate(&t, &d)
        .findings
        .into_iter()
        .filter(|f| f.rule == "R11")
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn the_seeds_raise_nothing() {
    for ron in [SEED_000, SEED_002, SEED_003, SEED_004] {
        let (t, d) = seed(ron);
        let found: Vec<String> = evaluate(&t, &d)
            .findings
            .into_iter()
            .filter(|f| f.rule == "R11")
            .map(|f| f.message.clone())
            .collect();
        assert!(found.is_empty(), "{}: {found:?}", d.meta.agency);
    }
}

#[test]
fn seed_003_sentences_agree_and_variants_do_not() {
    let original = "一是2024年共受理依申请公开事项59件,结转上年后新收到依申请公开事项47件,较上一年度增加42件。";
    assert!(r11(original).is_empty());
    // 受理 counts 上年结转 in (59) or not (47); anything else is wrong.
    let m = r11(&original.replace("59件", "58件"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("共受理依申请公开事项58件")
            && m[0].contains("58件")
            && m[0].contains("47件或59件"),
        "{}",
        m[0]
    );
    // 「新收到」 is 新收 (not the 「收到」 of 受理, which would also allow 59).
    let m = r11(&original.replace("47件", "48件"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("本年新收申请为48件，表中为47件"), "{}", m[0]);
    // 「增加42件」 is a comparison, never a count.
    assert!(r11(&original.replace("增加42件", "增加40件")).is_empty());
}

#[test]
fn result_categories_and_their_percentages() {
    let original = "其中“予以公开”3件,占已答复件数的5.1%;“部分公开”36件,占61%;“不予公开”2件,占3.4%;“无法提供”18件,占30.5%。";
    assert!(r11(original).is_empty(), "{:?}", r11(original));
    for (from, to, quoted) in [
        ("“予以公开”3件", "“予以公开”4件", "予以公开为4件，表中为3件"),
        (
            "“部分公开”36件",
            "“部分公开”35件",
            "部分公开为35件，表中为36件",
        ),
        (
            "“不予公开”2件",
            "“不予公开”三件",
            "不予公开为3件，表中为2件",
        ),
        (
            "“无法提供”18件",
            "“无法提供”19件",
            "无法提供为19件，表中为18件",
        ),
    ] {
        let m = r11(&original.replace(from, to));
        assert!(m.iter().any(|m| m.contains(quoted)), "{to}: {m:?}");
    }
    // Chinese numerals that agree are fine.
    assert!(r11(&original.replace("“不予公开”2件", "“不予公开”两件")).is_empty());
    // A share of 新收 (3/47 = 6.4%) is a share of the table too; one of nothing in the
    // table is shown with the shares it could have meant.
    assert!(r11(&original.replace("5.1%", "6.4%")).is_empty());
    let m = r11(&original.replace("5.1%", "7.3%"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("7.3%")
            && m[0].contains("按（七）总计59件应为5.1%")
            && m[0].contains("按本年新收47件为6.4%"),
        "{}",
        m[0]
    );
}

#[test]
fn every_phrase_family() {
    // (agrees, contradicts, what the message must name)
    let cases = [
        (
            "上年结转12件。",
            "上年结转13件。",
            "上年结转为13件，表中为12件",
        ),
        (
            "已答复59件。",
            "已答复60件。",
            "办结的申请为60件，表中为59件",
        ),
        (
            "结转下年度0件。",
            "结转下年度继续办理3件。",
            "结转下年度为3件，表中为0件",
        ),
        ("不予处理0件。", "不予处理1件。", "不予处理为1件，表中为0件"),
        ("其他处理0件。", "其他处理2件。", "其他处理为2件，表中为0件"),
        (
            "收到行政复议5件。",
            "收到行政复议3件。",
            "行政复议为3件，表中为5件",
        ),
        ("行政诉讼0件。", "行政诉讼2起。", "行政诉讼为2件，表中为0件"),
        (
            "制发行政规范性文件1件。",
            "制发行政规范性文件5件。",
            "行政规范性文件为5件",
        ),
        (
            "现行有效规范性文件8件。",
            "现行有效规范性文件9件。",
            "行政规范性文件为9件",
        ),
        (
            "本年未制定规章，现行有效规章0件。",
            "本年制定规章2件。",
            "规章为2件，表中为0件",
        ),
        (
            "作出行政处罚143件。",
            "作出行政处罚140件。",
            "行政处罚为140件，表中为143件",
        ),
        (
            "办理行政许可26367件。",
            "办理行政许可26000件。",
            "行政许可为26000件，表中为26367件",
        ),
        (
            "行政强制30件。",
            "行政强制三十一件。",
            "行政强制为31件，表中为30件",
        ),
        (
            "本年新收政府信息公开申请47件。",
            "本年新收政府信息公开申请二十三件。",
            "本年新收申请为23件，表中为47件",
        ),
        (
            "全年共收到申请47件，合计47件。",
            "全年共收到申请45件。",
            "受理的申请为45件",
        ),
    ];
    for (agrees, contradicts, named) in cases {
        assert!(r11(agrees).is_empty(), "{agrees}: {:?}", r11(agrees));
        let m = r11(contradicts);
        assert!(m.iter().any(|m| m.contains(named)), "{contradicts}: {m:?}");
        assert!(
            m.iter()
                .all(|m| m.contains(contradicts.trim_end_matches('。'))),
            "quotes the sentence: {m:?}"
        );
    }
}

#[test]
fn sub_results_and_comparisons_are_not_totals() {
    for text in [
        "行政复议5件，其中纠正5件。",
        "行政复议决定纠正5件。",
        "依申请公开数量较上年减少3件。",
        "通过信函申请39件,占83%;电子邮件7件,占14.9%。",
        // 「结转」 followed by 至/到/下 is 结转下年度 (0), not 上年结转 (12).
        "结转至下一年度继续办理0件。",
        "另有结转至明年办理的申请0件。",
        "已答复59件，其中按时答复56件。",
        "各项指标均维持较高水平。",
        "本年度未收到行政复议申请，未收到申请人投诉。",
        "办理各类咨询近百件，数十件涉及依申请公开。",
        "修订规章2件，清理规范性文件120件。",
        "受理行政许可申请1200件。",
    ] {
        let m = r11(text);
        assert!(m.is_empty(), "{text}: {m:?}");
    }
}

#[test]
fn all_upheld_and_none_received() {
    let m = r11("行政复议案件均获维持。");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("均获维持") && m[0].contains("结果纠正5件"),
        "{}",
        m[0]
    );
    let m = r11("本年度未收到政府信息公开申请。");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("未收到") && m[0].contains("47件"), "{}", m[0]);
    // Seed 004 had no applications and says so.
    let (t, d) = seed(SEED_004);
    assert!(d.text("s1.on_request").contains("未收到"));
    assert!(!evaluate(&t, &d).findings.iter().any(|f| f.rule == "R11"));
}
