//! Template loading: the embedded formats, year selection, and what a broken template says.

use nianbao::template::{self, TEMPLATE_2021_RON, TemplateError, load};

fn problems(ron: &str) -> Vec<String> {
    match load(ron) {
        Ok(_) => panic!("the template should not load"),
        Err(TemplateError::Invalid { problems, .. }) => problems,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn year_selects_the_format() {
    assert_eq!(
        template::for_year(2019).unwrap().id,
        "gov-info-disclosure-2019"
    );
    assert_eq!(
        template::for_year(2020).unwrap().id,
        "gov-info-disclosure-2019"
    );
    assert_eq!(
        template::for_year(2021).unwrap().id,
        "gov-info-disclosure-2021"
    );
    assert_eq!(
        template::for_year(2026).unwrap().id,
        "gov-info-disclosure-2021"
    );
    assert!(
        template::for_year(2018).is_none(),
        "older reports used pre-revision tables"
    );
}

#[test]
fn duplicate_ids_are_named() {
    let ron = TEMPLATE_2021_RON.replacen(r#"Leaf(id: "research""#, r#"Leaf(id: "commercial""#, 1);
    let p = problems(&ron);
    assert!(
        p.iter().any(|p| p == "t3：列编号「commercial」重复"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|p| p == "单元格编号「t3.new_received.commercial」重复"),
        "{p:?}"
    );
}

#[test]
fn unknown_references_are_named() {
    let ron = TEMPLATE_2021_RON.replacen(
        r#""r1_granted", "r2_partial","#,
        r#""r1_granted", "r2_partal","#,
        1,
    );
    let p = problems(&ron);
    assert!(
        p.iter().any(|p| p.contains("不存在的行或列「r2_partal」")),
        "{p:?}"
    );
    let ron = TEMPLATE_2021_RON.replacen(
        r#"FeeStatement(part: "s6.body""#,
        r#"FeeStatement(part: "s6.bdy""#,
        1,
    );
    assert!(
        problems(&ron)
            .iter()
            .any(|p| p.contains("不存在的文字部分「s6.bdy」"))
    );
    let ron = TEMPLATE_2021_RON.replacen(r#"Sum(rule: "R2""#, r#"Sum(rule: "R99""#, 1);
    assert!(
        problems(&ron)
            .iter()
            .any(|p| p.contains("不存在的规则「R99」"))
    );
}

#[test]
fn a_table_with_an_unknown_section_is_an_error_not_a_crash() {
    // Not the last table: the tables after it must still be resolved correctly.
    let ron = TEMPLATE_2021_RON.replacen(r#"section: "s2""#, r#"section: "s9""#, 1);
    let p = problems(&ron);
    assert!(
        p.iter()
            .any(|p| p.contains("表格「t2」所属部分「s9」不存在")),
        "{p:?}"
    );
}

#[test]
fn an_empty_column_group_is_an_error() {
    let ron = TEMPLATE_2021_RON.replacen(
        r#"Leaf(id: "upheld", label: "结果|维持"),"#,
        r#"Group(label: "空", children: []), Leaf(id: "upheld", label: "结果|维持"),"#,
        1,
    );
    assert!(problems(&ron).iter().any(|p| p == "列分组「空」没有子列"));
}

#[test]
fn cycles_among_computed_cells_are_found() {
    let ron = TEMPLATE_2021_RON.replacen(
        r#"Leaf(id: "r1_granted", label: "（一）予以公开")"#,
        r#"Leaf(id: "r1_granted", label: "（一）予以公开", computed: Sum(rule: "R3", of: ["r7_total"]))"#,
        1,
    );
    let p = problems(&ron);
    assert!(
        p.iter()
            .any(|p| p.starts_with("计算单元格之间存在循环引用")),
        "{p:?}"
    );
}

#[test]
fn syntax_errors_give_the_place() {
    let ron = TEMPLATE_2021_RON.replacen("label_columns: 3,", "label_columns: three,", 1);
    let Err(TemplateError::Syntax { line, .. }) = load(&ron) else {
        panic!("expected a syntax error");
    };
    let expected = TEMPLATE_2021_RON
        .lines()
        .position(|l| l.contains("label_columns: 3,"))
        .unwrap()
        + 1;
    assert_eq!(line, expected);
    let ron = TEMPLATE_2021_RON.replacen("label_columns: 3,", "label_columns: 3, colour: 1,", 1);
    assert!(
        load(&ron).unwrap_err().to_string().contains("colour"),
        "unknown fields are errors"
    );
}

#[test]
fn every_label_uses_full_width_punctuation() {
    for t in template::builtin() {
        for table in &t.tables {
            for block in &table.blocks {
                for span in block.header.iter().chain(&block.row_labels) {
                    assert!(
                        !span.text.contains(['(', ')', ':', ',']),
                        "half-width punctuation in 「{}」",
                        span.text
                    );
                }
            }
        }
    }
}

#[test]
fn a_misnamed_row_in_the_carried_over_rule_is_an_error() {
    // A typo would otherwise turn R5 off and carry nothing into next year's draft.
    let ron = TEMPLATE_2021_RON.replacen(
        r#"last: "t3.carried_forward""#,
        r#"last: "t3.carried_forwards""#,
        1,
    );
    let p = problems(&ron);
    assert!(
        p.iter()
            .any(|p| p.contains("规则R5") && p.contains("t3.carried_forwards.natural")),
        "{p:?}"
    );
}

#[test]
fn a_message_naming_an_unknown_placeholder_is_an_error() {
    // R2's message with 「{stated}」 misspelt: it would print literally in every finding.
    let ron = TEMPLATE_2021_RON.replacen(
        "{cell}：原表为{stated}，按各申请人列相加",
        "{cell}：原表为{statd}，按各申请人列相加",
        1,
    );
    assert_ne!(
        ron, TEMPLATE_2021_RON,
        "the message to misspell is in the template"
    );
    let p = problems(&ron);
    assert!(
        p.iter().any(
            |p| p.starts_with("规则R2的提示文字中有未知的占位符「{statd}」")
                && p.contains("{stated}")
        ),
        "{p:?}"
    );
    // Braces that name no placeholder are text, and every embedded message is clean.
    for template in template::builtin() {
        for rule in &template.rules {
            assert!(
                !rule.message.contains("{statd}"),
                "{}: {}",
                template.id,
                rule.id
            );
        }
    }
}
