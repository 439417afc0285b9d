//! 审查已发布年报: a folder of published reports in every format, some with planted defects,
//! audited; the findings, the overview workbook read back cell by cell, and the JSON's
//! determinism.

use std::path::Path;

use nianbao::audit::{self, Audit, Audited, Balance};
use nianbao::draft::{CellEntry, Draft};
use nianbao::export::{DocxOptions, Format, Report};
use nianbao::number::Decimal;
use nianbao::progress::Progress;
use nianbao::storage;

use crate::util::{SEED_003, TempDir, seed};

/// Seed 003 as another agency's report, published on `published_on`, changed by `edit`.
fn report(agency: &str, year: u16, published_on: &str, edit: impl FnOnce(&mut Draft)) -> Draft {
    let (_, mut draft) = seed(SEED_003);
    draft.meta.agency = agency.to_owned();
    draft.meta.year = year;
    draft.meta.published_on = published_on.to_owned();
    let ids: Vec<String> = draft.texts.keys().cloned().collect();
    for id in ids {
        let text = draft.text(&id).replace("城中区人民政府", agency);
        draft.set_text(&id, &text);
    }
    edit(&mut draft);
    draft
}

fn write(dir: &Path, name: &str, draft: &Draft, format: Format) {
    let (template, _) = seed(SEED_003);
    let evaluation = nianbao::engine::evaluate(&template, draft);
    let report = Report {
        template: &template,
        draft,
        evaluation: &evaluation,
    };
    let bytes = format
        .bytes(&report, &DocxOptions::default())
        .expect("a format the core writes")
        .expect("exports");
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(path, bytes).expect("write");
}

fn add(draft: &mut Draft, id: &str, by: i128) {
    let now = draft.cells.get(id).and_then(CellEntry::number);
    let now = now.and_then(Decimal::to_int).expect("a number");
    draft.cells.insert(
        id.to_owned(),
        CellEntry::Number(Decimal::from_int(now + by)),
    );
}

/// The folder: clean reports in four formats (one in a subfolder), one defect planted in
/// each of four others, a pair of one agency's reports for two years whose carry-over and
/// text give it away, and three files that are not reports.
fn folder(dir: &Path) {
    let clean = report("甲县人民政府", 2024, "2025-01-20", |_| {});
    write(dir, "甲县.txt", &clean, Format::Text);
    let clean = report("乙县人民政府", 2024, "2025-02-10", |_| {});
    write(dir, "区县/乙县.docx", &clean, Format::Docx);
    let clean = report("庚县人民政府", 2024, "2025-03-31", |_| {});
    write(dir, "区县/庚县.html", &clean, Format::Html);
    std::fs::copy("tests/data/pdf/seed-003.pdf", dir.join("城中区.pdf")).expect("pdf");

    // R1: three more granted to natural persons than came in.
    let broken = report("丙县人民政府", 2024, "2025-01-20", |d| {
        add(d, "t3.r1_granted.natural", 3);
    });
    write(dir, "丙县.html", &broken, Format::Html);
    // R16: published five weeks late.
    let late = report("丁县人民政府", 2024, "2025-05-06", |_| {});
    write(dir, "丁县.txt", &late, Format::Text);
    // R11: the narrative's 59 applications said as 95.
    let contradicts = report("戊县人民政府", 2024, "2025-01-20", |d| {
        let text = d.text("s1.on_request").replacen("59件", "95件", 1);
        d.set_text("s1.on_request", &text);
    });
    write(dir, "戊县.docx", &contradicts, Format::Docx);
    // R5 and E9: 2023's report carried 7 forward where 2024's carried 12 over, in the same
    // words as 2024's.
    let last = report("己县人民政府", 2023, "2024-01-25", |d| {
        d.cells.insert(
            "t3.carried_forward.legal_service".to_owned(),
            CellEntry::Number(Decimal::from_int(7)),
        );
        add(d, "t3.r1_granted.legal_service", 5);
    });
    write(dir, "己县/2023.txt", &last, Format::Text);
    let this = report("己县人民政府", 2024, "2025-01-22", |_| {});
    write(dir, "己县/2024.docx", &this, Format::Docx);

    // R2: the printed total of 本年新收 is 48 where its columns add up to 47.
    let misprinted = report("辛县人民政府", 2024, "2025-01-20", |_| {});
    write(dir, "辛县.txt", &misprinted, Format::Text);
    let text = std::fs::read_to_string(dir.join("辛县.txt")).expect("read");
    let text: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with("一、本年新收") && line.ends_with(" 47") {
                format!("{}48", &line[..line.len() - 2])
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(dir.join("辛县.txt"), text.join("\n")).expect("write");
    // R15: part 六 left without a word.
    let silent = report("壬县人民政府", 2024, "2025-01-20", |d| {
        d.set_text("s6.body", "");
    });
    write(dir, "区县/壬县.html", &silent, Format::Html);

    for bad in ["encrypted.pdf", "truncated.pdf"] {
        std::fs::copy(format!("tests/data/pdf/bad/{bad}"), dir.join(bad)).expect("copy");
    }
    std::fs::write(
        dir.join("通知.txt"),
        "关于做好2025年度防汛工作的通知\n各乡镇：现将有关事项通知如下。",
    )
    .expect("write");
    // Not a report's extension: not looked at.
    std::fs::write(dir.join("说明.md"), "# 说明").expect("write");
}

fn audited(dir: &Path) -> Audit {
    let files = storage::report_files(&[dir.to_path_buf()]).expect("files");
    storage::audit_files(&files, &Progress::default()).expect("audit")
}

fn by_agency<'a>(audit: &'a Audit, agency: &str, year: u16) -> &'a Audited {
    audit
        .reports
        .iter()
        .find(|r| r.agency == agency && r.year == year)
        .unwrap_or_else(|| panic!("{agency} {year} audited: {:#?}", names(audit)))
}

fn names(audit: &Audit) -> Vec<String> {
    audit
        .reports
        .iter()
        .map(|r| format!("{} {} {}", r.agency, r.year, r.file))
        .collect()
}

fn rules(report: &Audited) -> Vec<&str> {
    report
        .issues
        .iter()
        .filter(|i| i.severity != nianbao::engine::Severity::Info)
        .map(|i| i.rule.as_str())
        .collect()
}

#[test]
fn every_planted_defect_is_found_and_clean_reports_pass() {
    let dir = TempDir::new("audit");
    folder(dir.path());
    let audit = audited(dir.path());
    assert_eq!(audit.reports.len(), 11, "{:#?}", names(&audit));

    for (agency, source) in [
        ("甲县人民政府", "文本"),
        ("乙县人民政府", "Word"),
        ("庚县人民政府", "网页"),
        ("城中区人民政府", "PDF"),
    ] {
        let r = by_agency(&audit, agency, 2024);
        assert_eq!(rules(r), Vec::<&str>::new(), "{agency}: {:#?}", r.issues);
        assert_eq!(r.source, source);
        assert_eq!((r.cells_read, r.cells_not_read), (200, 0), "{agency}");
        assert!(r.balance.iter().all(|(_, b)| *b == Balance::Holds));
        assert_eq!(
            r.is_late(),
            if source == "PDF" { None } else { Some(false) }
        );
        let figures: Vec<String> = r
            .figures
            .iter()
            .map(|f| f.expect("complete").to_string())
            .collect();
        assert_eq!(figures, ["47", "12", "59", "0", "5", "0"], "{agency}");
    }

    let broken = by_agency(&audit, "丙县人民政府", 2024);
    // The narrative's 59 answered and 3 granted now contradict the table too.
    assert_eq!(
        rules(broken),
        ["R1", "R1", "R11", "R11"],
        "{:#?}",
        broken.issues
    );
    let r1 = &broken.issues[0];
    assert!(
        r1.message
            .starts_with("表三「自然人」列：第一项加第二项之和为")
            && r1.message.ends_with("相差3"),
        "{}",
        r1.message
    );
    assert_eq!(r1.part, "收到和处理政府信息公开申请情况");
    let natural: Vec<_> = broken
        .balance
        .iter()
        .filter(|(_, b)| *b == Balance::Broken)
        .collect();
    assert_eq!(natural.len(), 2, "自然人 and 总计: {:?}", broken.balance);

    let late = by_agency(&audit, "丁县人民政府", 2024);
    assert_eq!(rules(late), ["R16"]);
    assert_eq!(late.is_late(), Some(true));
    assert_eq!(
        late.issues[0].message,
        "发布日期2025年5月6日晚于发布期限2025年3月31日（条例第四十九条），晚了36天"
    );

    let contradicts = by_agency(&audit, "戊县人民政府", 2024);
    assert_eq!(rules(contradicts), ["R11"], "{:#?}", contradicts.issues);
    let r11 = &contradicts.issues[0];
    assert!(
        r11.message.contains("95件") && r11.message.contains("59"),
        "{}",
        r11.message
    );
    assert!(
        r11.evidence.contains("95件"),
        "the sentence quoted: {}",
        r11.evidence
    );

    let this = by_agency(&audit, "己县人民政府", 2024);
    assert!(
        this.last_year_file
            .as_deref()
            .is_some_and(|f| f.ends_with("2023.txt")),
        "{:?}",
        this.last_year_file
    );
    let found = rules(this);
    assert!(found.contains(&"R5") && found.contains(&"E9"), "{found:?}");
    let r5 = this.issues.iter().find(|i| i.rule == "R5").expect("R5");
    assert!(
        r5.message.contains("为12") && r5.message.contains("结转下年度为7"),
        "{}",
        r5.message
    );
    let misprinted = by_agency(&audit, "辛县人民政府", 2024);
    assert_eq!(rules(misprinted), ["R2"], "{:#?}", misprinted.issues);
    assert!(
        misprinted.issues[0].message.contains("原表为48")
            && misprinted.issues[0].message.contains("应为47"),
        "{}",
        misprinted.issues[0].message
    );
    let silent = by_agency(&audit, "壬县人民政府", 2024);
    assert_eq!(rules(silent), ["R15"], "{:#?}", silent.issues);
    assert!(
        silent.issues[0].message.contains("六、其他需要报告的事项"),
        "{}",
        silent.issues[0].message
    );

    let last = by_agency(&audit, "己县人民政府", 2023);
    assert_eq!(last.last_year_file, None);

    let unreadable: Vec<(&str, &str)> = audit
        .unreadable
        .iter()
        .map(|u| {
            let name = Path::new(&u.file).file_name().and_then(|n| n.to_str());
            (name.unwrap_or_default(), u.reason.as_str())
        })
        .collect();
    assert_eq!(unreadable.len(), 3, "{unreadable:?}");
    let reason = |name: &str| {
        unreadable
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, r)| *r)
    };
    assert!(reason("encrypted.pdf").contains("已加密"), "{unreadable:?}");
    assert!(
        reason("truncated.pdf").contains("无法读取"),
        "{unreadable:?}"
    );
    assert!(
        reason("通知.txt").contains("没有找到年度报告"),
        "{unreadable:?}"
    );

    // Most errors first.
    assert_eq!(audit.reports[0].agency, "丙县人民政府");
}

#[test]
fn the_workbooks_overview_reads_back_cell_for_cell() {
    use calamine::{Data, Reader, Xlsx};
    let dir = TempDir::new("audit-xlsx");
    folder(dir.path());
    let audit = audited(dir.path());
    let bytes = audit::xlsx(&audit).expect("workbook");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), audit::XLSX_SHEETS);
    let overview = book.worksheet_range("概况").expect("概况");
    let text = |cell: &Data| match cell {
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    };
    let rows: Vec<Vec<String>> = overview
        .rows()
        .map(|r| r.iter().map(text).collect())
        .collect();
    let header = &rows[0];
    assert_eq!(header[..3], ["机关全称", "层级", "年度"]);
    assert_eq!(rows.len(), audit.reports.len() + 1);
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let figure_names = Audit::figure_names();
    for (row, report) in rows[1..].iter().zip(&audit.reports) {
        let mut expected = vec![
            ("机关全称", report.agency.clone()),
            ("年度", report.year.to_string()),
            ("文件类型", report.source.to_owned()),
            ("文件", report.file.clone()),
            ("读取单元格", report.cells_read.to_string()),
            ("错误", report.errors.to_string()),
            ("警告", report.warnings.to_string()),
            ("提示", report.hints.to_string()),
            (
                "落款日期",
                report
                    .published_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            (
                "逾期",
                match report.is_late() {
                    Some(true) => "是",
                    Some(false) => "否",
                    None => "未注明日期",
                }
                .to_owned(),
            ),
        ];
        for (column, state) in &report.balance {
            expected.push((column.as_str(), state.column_label().to_owned()));
        }
        for (name, figure) in figure_names.iter().zip(&report.figures) {
            expected.push((
                name.as_str(),
                figure.map(|f| f.to_string()).unwrap_or_default(),
            ));
        }
        for (name, value) in expected {
            let name = if report.balance.iter().any(|(c, _)| c == name) {
                format!("R1 {name}")
            } else {
                name.to_owned()
            };
            assert_eq!(row[column(&name)], value, "{name} of {}", report.file);
        }
    }
    let issues = book.worksheet_range("问题清单").expect("问题清单");
    let n_issues: usize = audit.reports.iter().map(|r| r.issues.len()).sum();
    assert_eq!(issues.rows().count(), n_issues + 1);
    let r1 = issues
        .rows()
        .find(|r| text(&r[3]) == "R1")
        .expect("R1's row");
    assert_eq!(text(&r1[0]), "丙县人民政府");
    assert_eq!(text(&r1[4]), "错误");
    assert!(
        text(&r1[6]).starts_with("表三 本年新收政府信息公开申请数量 自然人 = 23；"),
        "{}",
        text(&r1[6])
    );
    let unreadable = book.worksheet_range("未能读取").expect("未能读取");
    assert_eq!(unreadable.rows().count(), audit.unreadable.len() + 1);
}

#[test]
fn the_same_folder_gives_the_same_json() {
    let dir = TempDir::new("audit-json");
    folder(dir.path());
    let first = audit::json(&audited(dir.path()));
    let again = audit::json(&audited(dir.path()));
    assert_eq!(first, again);
    let json: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(json["reports"].as_array().map(Vec::len), Some(11));
    assert_eq!(json["unreadable"].as_array().map(Vec::len), Some(3));
}

#[cfg(feature = "gui")]
#[test]
fn the_editor_audits_a_folder_and_opens_a_report_to_review() {
    use egui_kittest::kittest::Queryable as _;
    use nianbao::gui::{Command, Dialog};

    use crate::gui::options;

    let dir = TempDir::new("gui-audit");
    let reports = dir.path().join("已发布");
    folder(&reports);
    // Frames a sixtieth of a second apart, so that two clicks make a double click.
    let options = options(dir.path(), None);
    let mut h = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1366.0, 768.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(move |cc| nianbao::gui::App::new(cc, options));
    h.state_mut()
        .ix
        .commands
        .push(Command::Audit(Some(reports)));
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::Audit { selected: None })),
        "{:?}",
        h.state().dialog
    );
    assert_eq!(h.state().audit.as_ref().map(|a| a.reports.len()), Some(11));
    let summary = nianbao::audit::summary_line(h.state().audit.as_deref().expect("the audit"));
    // In the dialog and in the status bar.
    assert_eq!(h.query_all_by_label(&summary).count(), 2, "{summary}");
    assert!(h.query_by_label("未能读取（3个文件）").is_some());
    // The report with errors comes first; a double click opens it.
    let row = h.get_by_label("丙县人民政府");
    row.click();
    row.click();
    h.run();
    h.run();
    assert!(h.state().review_mode, "{}", h.state().status);
    assert_eq!(h.state().session.draft().meta.agency, "丙县人民政府");
    // On the first finding the 校验结果 panel lists, in the report's order: section 一's
    // sentence the table contradicts.
    let status = &h.state().status;
    assert!(status.starts_with("第1/6条：R11 一、总体情况"), "{status}");
    assert!(h.state().cursor.is_some());
    // The overview is still there, from the file menu; a row picked and opened by the
    // button.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("审查结果").click();
    h.run();
    h.get_by_label("丁县人民政府").click();
    h.run();
    h.get_by_label("打开所选报告").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().session.draft().meta.agency,
        "丁县人民政府",
        "{} {:?}",
        h.state().status,
        h.state().dialog
    );
    assert!(h.state().review_mode);
    // The results written as a workbook from the overview, to a path typed (no system file
    // dialog here); the workbook is the audit's.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("审查结果").click();
    h.run();
    h.get_by_label("导出工作簿…").click();
    h.run();
    let written = dir.path().join("结果");
    let Some(Dialog::Path { text, .. }) = &mut h.state_mut().dialog else {
        panic!("a path asked for");
    };
    assert!(text.ends_with("审查结果.xlsx"), "{text}");
    *text = written.display().to_string();
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let bytes = std::fs::read(written.with_extension("xlsx")).expect("the workbook written");
    let mut book: calamine::Xlsx<_> =
        calamine::Reader::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let overview = calamine::Reader::worksheet_range(&mut book, "概况").expect("概况");
    assert_eq!(overview.rows().count(), 11 + 1);
    assert_eq!(
        overview.get((1, 0)),
        Some(&calamine::Data::String("丙县人民政府".to_owned()))
    );
    assert!(
        matches!(h.state().dialog, Some(Dialog::Audit { .. })),
        "back on the overview: {:?}",
        h.state().dialog
    );
}
