//! The narrative checks on sentences shaped as real reports write them (modelled on the
//! published reports listed in `tests/data/import/README.md`, with the figures of the
//! distinct report `tests/data/import/shapes/distinct-2024.nianbao`): what a consistent
//! report says raises nothing; what contradicts itself or the tables is said once, with the
//! figures it could have meant.

use nianbao::draft::Draft;
use nianbao::engine::{Severity, evaluate};
use nianbao::template;

fn distinct() -> Draft {
    let path = format!(
        "{}/tests/data/import/shapes/distinct-2024.nianbao",
        env!("CARGO_MANIFEST_DIR")
    );
    Draft::from_ron(&std::fs::read_to_string(path).expect("fixture")).expect("draft")
}

/// The distinct report with `part` set to `text`: its findings of `rule`, as messages.
fn findings(rule: &str, part: &str, text: &str) -> Vec<String> {
    let mut draft = distinct();
    draft.set_text(part, text);
    let template = template::builtin_by_id(&draft.template).expect("template");
    evaluate(&template, &draft)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

// The distinct report's 表三: 新收 1225, 上年结转 48, （七）总计 1246, 予以公开 51, 部分公开
// 55, 不予公开 489, 无法提供 171, 不予处理 308, 其他处理 172; 表二 规章 2/1/17, 行政规范性
// 文件 5/3/48.

#[test]
fn a_consistent_report_in_real_words_raises_no_error_and_no_warning() {
    let mut draft = distinct();
    // The shapes of real 依申请公开 and 平台建设 paragraphs, every figure the table's.
    draft.set_text(
        "s1.on_request",
        "本机关全年共受理政府信息公开申请1273件，其中本年新收申请1225件、上年结转48件。\
         全年答复政府信息公开申请1246件，均在法定期限内予以答复。\
         其中，予以公开51件，占4.1%；部分公开55件，占4.4%；不予公开489件，占39.2%；\
         无法提供171件，占13.7%；不予处理308件，占24.7%；其他处理172件，占13.8%。\
         另有27件申请按规定结转下年度继续办理。",
    );
    draft.set_text(
        "s1.platform",
        "按时编辑出版《青川市人民政府公报》，全年共编发公报24期，刊登政府规章、规范性文件等112件，\
         部门规范性文件45件，政策解读83件。政务新媒体平稳运行。",
    );
    let template = template::builtin_by_id(&draft.template).expect("template");
    let evaluation = evaluate(&template, &draft);
    let loud: Vec<String> = evaluation
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

#[test]
fn what_a_government_gazette_printed_is_not_what_was_made() {
    for sentence in [
        // Shanghai 2019's shape: 规章 and 规范性文件 listed after 刊登, cut by 、.
        "按时编辑出版《青川市人民政府公报》，全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件。",
        // The gazette named in the sentence, the figures after 刊载 or 其中.
        "全年编印《青川市人民政府公报》12期，刊载市政府规章3件、行政规范性文件15件。",
        "全年出版政府公报12期，其中规章5件，规范性文件36件。",
        "政府公报全年共登载规章2件、规范性文件28件。",
    ] {
        let found = findings("R11", "s1.platform", sentence);
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
    // 制发 is still checked: the table has 5.
    let found = findings("R11", "s1.proactive", "本年制发行政规范性文件9件。");
    assert!(
        found.iter().any(|m| m.contains("写行政规范性文件为9件")),
        "{found:?}"
    );
}

#[test]
fn listed_outcomes_must_add_up_to_the_total_stated() {
    // Shanghai 2019's shape: the total in one sentence, the outcomes in the next, 258 + 35 +
    // 265 + 158 + 0 = 716 of the 805 answered. Here 106 + 489 + 171 + 308 + 100 = 1174.
    let found = findings(
        "R11",
        "s1.on_request",
        "全年答复政府信息公开申请1246件（含上年度结转申请48件），均在法定期限内予以答复。\
         予以公开及部分公开106件，占8.5%；不予公开489件，占39.2%；因本机关不掌握等原因无法提供171件，占13.7%；\
         不予处理308件，占24.7%；其他处理100件。",
    );
    assert!(
        found.iter().any(|m| m.contains(
            "所列各项（予以公开及部分公开106件、不予公开489件、无法提供171件、不予处理308件、其他处理100件）相加为1174件，与所说的1246件不符"
        )),
        "{found:#?}"
    );
    // Two outcomes named: a part of the total, not a list of it.
    let found = findings(
        "R11",
        "s1.on_request",
        "在办结的1246件申请中，予以公开51件，部分公开55件。",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_share_that_is_no_share_of_the_table_is_shown_with_the_shares_it_could_mean() {
    // 55 of 1246 is 4.4%, of 1225 (新收) 4.5%: both right.
    for share in ["4.4%", "4.5%"] {
        let sentence = format!("部分公开55件，占{share}。");
        let found = findings("R11", "s1.on_request", &sentence);
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
    let found = findings("R11", "s1.on_request", "部分公开55件，占12.6%。");
    assert!(
        found.iter().any(|m| m.contains("部分公开占比写为12.6%")
            && m.contains("按（七）总计1246件应为4.4%")
            && m.contains("按本年新收1225件为4.5%")),
        "{found:#?}"
    );
}

#[test]
fn enumerations_said_twice_or_skipped_are_hints() {
    let found = findings(
        "L1",
        "s5.improvements",
        "一是提升公开质量；二是规范依申请公开；三是加强平台建设；三是强化监督保障。",
    );
    assert!(
        found.iter().any(|m| m.contains("列举序号「三是」重复")),
        "{found:?}"
    );
    let found = findings(
        "L1",
        "s5.problems",
        "一是解读形式单一；二是更新不及时；三是互动不够；五是培训不足。",
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("从「三是」跳到了「五是」") && m.contains("建议写作「四是」")),
        "{found:?}"
    );
    let found = findings(
        "L1",
        "s5.problems",
        "（一）解读形式单一。\n（二）更新不及时。\n（四）互动不够。",
    );
    assert!(
        found.iter().any(|m| m.contains("小标题的序号不连续")),
        "{found:?}"
    );
}

#[test]
fn figures_beside_an_empty_table_say_the_table_is_empty() {
    // Only zeros typed into 表三 so far (or read from a report whose other cells were
    // blank): nothing there to check the prose against.
    let mut draft = distinct();
    draft.cells.retain(|id, _| !id.starts_with("t3."));
    draft.stated.retain(|id, _| !id.starts_with("t3."));
    for id in ["t3.new_received.natural", "t3.r1_granted.natural"] {
        draft.cells.insert(
            id.to_owned(),
            nianbao::draft::CellEntry::parse("0").expect("0"),
        );
    }
    draft.set_text(
        "s1.on_request",
        "全年共受理政府信息公开申请12件，答复12件。其中予以公开5件，部分公开3件。",
    );
    let template = template::builtin_by_id(&draft.template).expect("template");
    let found: Vec<String> = evaluate(&template, &draft)
        .findings
        .into_iter()
        .filter(|f| f.rule == "R11")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(found.len(), 1, "once for the part: {found:#?}");
    assert!(
        found[0].contains("文中写有表三的数字，但表三尚未填写"),
        "{found:?}"
    );
}
