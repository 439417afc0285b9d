//! The report with distinct figures (`tests/data/import/shapes/`, made by `make-shapes.py`)
//! in the shapes that went wrong before: each read cell for cell against its expected draft,
//! and what the import report says about every cell it did not read apart.

use nianbao::draft::Draft;
use nianbao::import::{self, Imported};

fn shape(name: &str) -> String {
    let path = format!(
        "{}/tests/data/import/shapes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected(name: &str) -> Draft {
    Draft::from_ron(&shape(name)).expect("expected draft")
}

/// The imported draft equals `expected` in metadata, cells, printed totals and texts.
fn assert_same(name: &str, imported: &Imported, expected: &Draft) {
    let d = &imported.draft;
    let report = &imported.report;
    assert_eq!(d.template, expected.template, "{name}");
    assert_eq!(d.meta, expected.meta, "{name}: metadata\n{report}");
    assert_eq!(d.cells, expected.cells, "{name}: cells\n{report}");
    assert_eq!(
        d.stated, expected.stated,
        "{name}: printed totals\n{report}"
    );
    assert_eq!(d.texts, expected.texts, "{name}: texts\n{report}");
}

fn blanks(imported: &Imported) -> Vec<(&str, usize)> {
    imported
        .report
        .blanks
        .iter()
        .map(|(t, n)| (t.as_str(), *n))
        .collect()
}

#[test]
fn one_cell_per_line_with_bar_lines_between_cells() {
    let imported = import::text(&shape("cells-bar-lines.txt"));
    assert_same(
        "cells-bar-lines",
        &imported,
        &expected("cells-bar-lines.expected.nianbao"),
    );
    let report = &imported.report;
    assert!(report.not_read.is_empty(), "{report}");
    // Exactly the three cells printed blank are said to be blank: 表二 规章 本年废止件数,
    // 表三 （三）8. 其他 and （五）2. 科研机构.
    assert_eq!(blanks(&imported), [("表二", 1), ("表三", 2)], "{report}");
    let blank: Vec<&str> = report
        .cells_read
        .iter()
        .filter(|c| c.text.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        blank,
        ["t2.rules.repealed", "t3.r3_8.other_org", "t3.r5_2.research"]
    );
}

#[test]
fn one_cell_per_line_with_empty_lines_between_cells() {
    let imported = import::text(&shape("cells-blank-lines.txt"));
    assert_same(
        "cells-blank-lines",
        &imported,
        &expected("distinct-2024.nianbao"),
    );
    assert!(imported.report.not_read.is_empty() && imported.report.blanks.is_empty());
}

#[test]
fn flattened_rows_split_by_their_own_totals() {
    let imported = import::text(&shape("flattened.txt"));
    let report = &imported.report;
    let mut want = expected("flattened.nianbao");
    // Two rows cannot be told apart: 5348 for three cells, and 112000013 adding up to 13
    // two ways. They stay empty; everything else is read.
    want.cells
        .retain(|id, _| !id.starts_with("t2.normative.") && !id.starts_with("t3.r1_granted."));
    want.stated
        .retain(|id, _| !id.starts_with("t3.r1_granted."));
    assert_same("flattened", &imported, &want);

    let refused: Vec<(&str, &str)> = report
        .not_read
        .iter()
        .map(|n| (n.row.as_str(), n.reason.as_str()))
        .collect();
    assert_eq!(refused.len(), 2, "{report}");
    assert_eq!(refused[0].0, "行政规范性文件");
    assert!(
        refused[0].1.contains("5|3|48") && refused[0].1.contains("53|4|8"),
        "{}",
        refused[0].1
    );
    assert_eq!(refused[1].0, "（一）予以公开");
    assert!(
        refused[1].1.contains("2种拆分")
            && refused[1].1.contains("1|12|0|0|0|0|13")
            && refused[1].1.contains("11|2|0|0|0|0|13"),
        "{}",
        refused[1].1
    );
    // Every cell read was inferred, and says how.
    for cell in &report.cells_read {
        let how = if cell.id.starts_with("t2.") {
            "数字连排，按位数推定"
        } else {
            "按本行合计推定"
        };
        assert_eq!(cell.inferred.as_deref(), Some(how), "{}", cell.name);
    }
    assert_eq!(report.cells_read.len(), 200 - 3 - 7);
    assert!(
        report
            .to_string()
            .contains("表三 本年新收政府信息公开申请数量 自然人：43（按本行合计推定）")
    );
}

#[test]
fn a_single_other_row_stands_for_its_three_rows_until_they_are_filled_in() {
    use nianbao::draft::CellEntry;
    use nianbao::engine::{CellStatus, evaluate};

    let imported = import::text(&shape("single-other-row.txt"));
    let report = &imported.report;
    let full = expected("distinct-2024.nianbao");
    let mut want = full.clone();
    let is_r6 = |id: &str| {
        ["t3.r6_1.", "t3.r6_2.", "t3.r6_3."]
            .iter()
            .any(|p| id.starts_with(p))
    };
    want.cells.retain(|id, _| !is_r6(id));
    want.stated.retain(|id, _| !is_r6(id));
    // The printed （六） row: each column the sum of the three rows the report did not print.
    for col in [
        "natural",
        "commercial",
        "research",
        "public_welfare",
        "legal_service",
        "other_org",
        "total",
    ] {
        let of = |r: &str| {
            let id = format!("t3.{r}.{col}");
            full.cells
                .get(&id)
                .or_else(|| full.stated.get(&id))
                .and_then(CellEntry::number)
                .and_then(|n| n.to_int())
                .expect("figure")
        };
        let sum = of("r6_1") + of("r6_2") + of("r6_3");
        want.stated.insert(
            format!("t3.r6_other.{col}"),
            CellEntry::parse(&sum.to_string()).expect("number"),
        );
    }
    assert_same("single-other-row", &imported, &want);
    assert!(
        report
            .interpreted
            .iter()
            .any(|n| n.contains("将「（六）其他处理」印为一行（自然人 22、")),
        "{report}"
    );
    let not_read: Vec<&str> = report.not_read.iter().map(|n| n.row.as_str()).collect();
    assert_eq!(not_read.len(), 3, "{report}");
    assert!(
        report
            .not_read
            .iter()
            .all(|n| n.reason.contains("印为一行"))
    );

    // The table still balances and its printed totals still check: one warning, D4, with
    // the figures to split.
    let template = nianbao::template::builtin_by_id(&imported.draft.template).expect("template");
    let evaluation = evaluate(&template, &imported.draft);
    let rules: Vec<&str> = evaluation
        .findings
        .iter()
        .filter(|f| f.severity != nianbao::engine::Severity::Info)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(rules, ["D4"], "{:#?}", evaluation.findings);
    assert!(
        evaluation.findings[0]
            .message
            .contains("自然人22、商业企业31")
    );
    let total = template.cell_idx("t3.r7_total.natural").expect("cell");
    assert_eq!(
        evaluation.cell(total).status,
        CellStatus::Computed { is_complete: true }
    );
    assert_eq!(
        Some(evaluation.cell(total).value.expect("value").to_string()),
        full.stated
            .get("t3.r7_total.natural")
            .map(ToString::to_string)
    );

    // Split as the report's own rows were: nothing to say. Split wrongly: D5 with both sums.
    let mut split = imported.draft.clone();
    for (id, v) in full.cells.iter().filter(|(id, _)| is_r6(id)) {
        split.cells.insert(id.clone(), v.clone());
    }
    let findings = evaluate(&template, &split).findings;
    assert!(
        findings.iter().all(|f| !f.rule.starts_with('D')),
        "{findings:#?}"
    );
    split.cells.insert(
        "t3.r6_3.natural".to_owned(),
        CellEntry::parse("1").expect("1"),
    );
    let findings = evaluate(&template, &split).findings;
    let d5: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "D5")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        d5.len(),
        2,
        "the natural column and its 总计: {findings:#?}"
    );
    assert!(d5[0].contains("自然人：原报告印为一行，为22"), "{}", d5[0]);
}

#[test]
fn row_labels_a_character_or_two_off_are_read_where_they_stand_and_said() {
    let imported = import::text(&shape("damaged-labels.txt"));
    let report = &imported.report;
    let mut want = expected("distinct-2024.nianbao");
    // 「4.保护第三人权益」 is three characters off 「4.保护第三方合法权益」: not taken.
    want.cells.retain(|id, _| !id.starts_with("t3.r3_4."));
    want.stated.retain(|id, _| !id.starts_with("t3.r3_4."));
    assert_same("damaged-labels", &imported, &want);
    let notes: Vec<&str> = report
        .interpreted
        .iter()
        .filter(|n| n.contains("有一两字不同"))
        .map(String::as_str)
        .collect();
    assert_eq!(notes.len(), 4, "{report}");
    assert!(notes[0].contains("「行政规范性文」与格式中的「行政规范性文件」"));
    assert!(notes[2].contains("「5.属于三类内容事务信息」"));
    assert_eq!(report.not_read.len(), 1);
    assert_eq!(report.not_read[0].row, "4.保护第三方合法权益");
    assert!(
        report
            .ignored
            .iter()
            .any(|i| i.contains("「4.保护第三人权益」")),
        "{report}"
    );
}

#[test]
fn a_web_page_gives_the_report_alone_and_lists_what_it_left_out() {
    let page = shape("web-page.html");
    let imported = import::bytes(page.as_bytes()).expect("a web page");
    // The agency in full from the signature (the title names the district only), the date
    // from the page's info line, the sub-heading said once, no site text in the narrative.
    assert_same(
        "web-page",
        &imported,
        &expected("web-page.expected.nianbao"),
    );
    let report = &imported.report;
    assert!(
        report.not_read.is_empty() && report.missing.is_empty(),
        "{report}"
    );
    for frame in [
        "当前位置：首页 > 政府信息公开 > 年度报告",
        "分享到：微信 微博 QQ空间",
        "全真版 文字版",
        "文件下载：清河区2024年政府信息公开工作年度报告.pdf",
        "相关链接",
        "清河区人民政府2023年政府信息公开工作年度报告",
        "友情链接：中国政府网 云岭省人民政府",
        "网站地图 联系我们",
        "建议使用IE9以上浏览器、1366×768分辨率浏览本站",
    ] {
        assert!(
            report.left_out.iter().any(|l| l == frame),
            "{frame} left out: {:#?}",
            report.left_out
        );
    }
    assert!(
        report
            .meta
            .iter()
            .any(|m| m.contains("落款「青川市清河区人民政府」") && m.contains("完整")),
        "{report}"
    );
    assert!(
        report.meta.iter().any(|m| m.contains("发布日期2025-01-23")),
        "{report}"
    );
    assert!(
        report
            .to_string()
            .contains("网页上不属于报告的内容（未导入）")
    );
}

#[test]
fn what_is_not_a_report_is_refused_without_a_draft() {
    for (text, why) in [
        ("", "文件是空的"),
        ("   \n\n", "文件是空的"),
        (
            "会议通知\n定于下周一上午九点召开全体会议，请准时参加。\n联系人：张三",
            "没有找到年度报告的内容",
        ),
    ] {
        let error = import::bytes(text.as_bytes()).expect_err("not a report");
        assert!(error.to_string().contains(why), "{text:?}: {error}");
    }
}

#[test]
fn a_text_export_running_headings_into_their_text_still_gives_the_narrative() {
    let imported = import::text(&shape("flattened-glued.txt"));
    let mut want = expected("flattened.nianbao");
    want.cells
        .retain(|id, _| !id.starts_with("t2.normative.") && !id.starts_with("t3.r1_granted."));
    want.stated
        .retain(|id, _| !id.starts_with("t3.r1_granted."));
    for note in ["s2.note", "s3.note", "s4.note"] {
        want.set_text(note, "该部分以表格形式报告。");
    }
    assert_same("flattened-glued", &imported, &want);
    assert_eq!(imported.report.not_read.len(), 2, "{}", imported.report);
}

#[test]
fn cells_closed_by_bars_with_the_filler_of_merged_cells() {
    // Each cell 「x |」, a blank cell 「|」, and bars run together after each row (「||」), or
    // a 「|」 before each row and the bars after its last cell: the filler a site prints for
    // the grid cells merged cells cover, never cells.
    for name in ["cells-closed-bars.txt", "cells-closed-bars-opened.txt"] {
        let imported = import::text(&shape(name));
        assert_same(
            name,
            &imported,
            &expected("cells-bar-lines.expected.nianbao"),
        );
        assert!(imported.report.not_read.is_empty(), "{}", imported.report);
        assert_eq!(blanks(&imported), [("表二", 1), ("表三", 2)], "{name}");
    }
}

#[test]
fn rows_whose_blank_cells_a_copy_collapsed_are_refused_not_guessed() {
    // A site that prints only the figures it has and pads the row with bars: 3 (自然人?) and
    // 3 (总计?) cannot be placed; nor can a lone 0 before the bars.
    let text = "三、收到和处理政府信息公开申请情况\n\
                一、本年新收政府信息公开申请数量 |\n3 |\n3 |\n|||||||\n\
                二、上年结转政府信息公开申请数量 | 0 | ||||||||\n";
    let imported = import::text(text);
    let report = &imported.report;
    assert!(
        !imported
            .draft
            .cells
            .keys()
            .any(|id| id.starts_with("t3.new_received") || id.starts_with("t3.carried_over")),
        "{report}"
    );
    let reason = |row: &str| {
        report
            .not_read
            .iter()
            .find(|n| n.row == row)
            .map_or("", |n| n.reason.as_str())
    };
    assert!(
        reason("一、本年新收政府信息公开申请数量").contains("只找到2个数值（3、3）"),
        "{report}"
    );
    assert!(
        reason("二、上年结转政府信息公开申请数量").contains("在标签之后有2个单元格（应有7个）"),
        "{report}"
    );
}

#[test]
fn the_signature_names_the_agency_in_full_and_dates_the_report() {
    // A page header that left out a character of the name (区), the page's own date line and
    // a flip-book's page mark; the signature names the agency in full and dates the report.
    let text = "Page 9 - 威海市文登人民政府办公室2022年政府信息公开工作年度报告\n\
                时间:2023-01-18 09:12\n\
                P. 9\n\
                一、总体情况\n\
                2022 年共报送信息稿件 48 篇。规范依申请公开办理环节,全年\n\
                办理答复政府信息公开申请 7 件,均按时答复。\n\
                六、其他需要报告的事项\n\
                本年度未收取信息处理费。\n\
                威海市文登区人民政府办公室\n\
                2023 年 1 月 16 日\n";
    let imported = import::text(text);
    let meta = &imported.draft.meta;
    assert_eq!(
        meta.agency, "威海市文登区人民政府办公室",
        "{}",
        imported.report
    );
    assert_eq!(meta.published_on, "2023-01-16");
    assert_eq!(
        meta.level, None,
        "an office may report for its government or itself"
    );
    let overview = imported.draft.text("s1.overview");
    assert!(
        overview.contains("2022 年共报送信息稿件 48 篇") && overview.contains("办理答复"),
        "no line of the text is taken for a piece of the title: {overview:?}"
    );
    for frame in ["时间:2023-01-18 09:12", "P. 9"] {
        assert!(
            !imported.draft.texts.values().any(|t| t.contains(frame)),
            "{frame} is the page's"
        );
    }
}
