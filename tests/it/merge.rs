//! 汇总下级报告: units' drafts summed cell by cell into the 本级政府 report; units left out
//! with the reason; the roster; partly empty cells named; the CLI's `merge`.

use std::path::{Path, PathBuf};

use nianbao::draft::{CellEntry, Draft};
use nianbao::engine::evaluate;
use nianbao::merge::{self, Balance, Merged};
use nianbao::meta::Meta;
use nianbao::number::Decimal;
use nianbao::storage;
use nianbao::template::Template;

use crate::cli::{cli, code, stdout};
use crate::util::{SEED_003, SEED_004, TempDir, seed};

const YEAR: u16 = 2024;

/// A unit's draft: seed 003's figures times `k` (so every identity of the seed still
/// holds), under another name.
fn scaled(agency: &str, k: i128) -> Draft {
    let (_, mut d) = seed(SEED_003);
    d.meta.agency = agency.to_owned();
    d.stated.clear();
    for entry in d.cells.values_mut() {
        if let CellEntry::Number(n) = entry {
            let value = *n;
            *n = (0..k)
                .try_fold(Decimal::ZERO, |sum, _| sum.checked_add(value))
                .expect("small figures");
        }
    }
    d
}

/// Seed 004 (a 2022 report) as a 2024 unit.
fn seed_004_unit() -> Draft {
    let (_, mut d) = seed(SEED_004);
    d.meta.year = YEAR;
    d.stated.clear();
    d
}

fn write(dir: &Path, name: &str, draft: &Draft, template: &Template) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, draft.to_ron(Some(template)).expect("ron")).expect("write");
    path
}

fn merge_dir(dir: &Path, files: &[PathBuf]) -> (Template, Merged) {
    let meta = Meta {
        agency: "某某市人民政府".to_owned(),
        ..Meta::default()
    };
    storage::merge_files(
        files,
        Some(&dir.join("汇总.nianbao")),
        (None, meta),
        &nianbao::progress::Progress::default(),
    )
    .expect("merges")
}

fn number(d: &Draft, id: &str) -> Option<Decimal> {
    match d.cells.get(id) {
        Some(CellEntry::Number(n)) => Some(*n),
        _ => None,
    }
}

#[test]
fn the_sums_are_exact_cell_by_cell_and_totals_are_recomputed() {
    let dir = TempDir::new("merge-sums");
    let (t, _) = seed(SEED_003);
    let units = [
        seed(SEED_003).1,
        seed_004_unit(),
        scaled("某某市教育局", 2),
        scaled("某某市财政局", 7),
    ];
    let files: Vec<PathBuf> = units
        .iter()
        .enumerate()
        .map(|(i, u)| write(dir.path(), &format!("unit-{i}.nianbao"), u, &t))
        .collect();
    let (_, merged) = merge_dir(dir.path(), &files);
    assert_eq!(merged.units.len(), 4, "{:?}", merged.excluded);
    assert!(merged.excluded.is_empty(), "{:?}", merged.excluded);
    let consolidated = &merged.draft;
    assert_eq!(consolidated.meta.year, YEAR);
    for def in t.cells.iter().filter(|c| c.is_input()) {
        let values: Vec<Decimal> = units.iter().filter_map(|u| number(u, &def.id)).collect();
        let expected = values
            .iter()
            .try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))
            .filter(|_| !values.is_empty());
        assert_eq!(number(consolidated, &def.id), expected, "{}", def.id);
    }
    // Computed cells are not stored: the engine recomputes them from the sums, and they
    // equal the sum of the units' own totals.
    let total = t.cell_idx("t3.new_received.total").expect("cell");
    assert!(!consolidated.cells.contains_key("t3.new_received.total"));
    let of = |d: &Draft| {
        evaluate(&t, d)
            .cell(total)
            .complete_value()
            .expect("complete")
    };
    let expected = units
        .iter()
        .map(of)
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .expect("sum");
    assert_eq!(of(consolidated), expected);
    // Each unit's own state, and its key figures.
    let first = &merged.units[0];
    assert_eq!(first.agency, "城中区人民政府");
    assert_eq!(first.balance, Balance::Holds);
    assert_eq!(
        first.figures[0],
        Some(Decimal::from_int(47)),
        "新收 of seed 003"
    );
    let record = &consolidated
        .consolidation
        .as_ref()
        .expect("units kept")
        .units;
    assert_eq!(record.len(), 4);
    assert_eq!(
        record[0].file, "unit-0.nianbao",
        "relative to the consolidated draft"
    );
    assert_eq!(record[0].hash.len(), 16);
}

#[test]
fn when_every_unit_balances_the_consolidation_balances() {
    let dir = TempDir::new("merge-r1");
    let (t, _) = seed(SEED_003);
    let files: Vec<PathBuf> = (1..=5)
        .map(|k| {
            let unit = scaled(&format!("第{k}局"), k);
            write(dir.path(), &format!("{k}.nianbao"), &unit, &t)
        })
        .collect();
    let (_, merged) = merge_dir(dir.path(), &files);
    assert!(merged.units.iter().all(|u| u.balance == Balance::Holds));
    let findings = evaluate(&t, &merged.draft).findings;
    assert!(
        !findings.iter().any(|f| f.rule == "R1" || f.rule == "R1Z"),
        "{findings:#?}"
    );
}

#[test]
fn units_that_do_not_belong_are_left_out_with_the_reason() {
    let dir = TempDir::new("merge-excluded");
    let (t, _) = seed(SEED_003);
    let (t2019, _) = {
        let t = nianbao::template::for_year(2020).expect("2019 format");
        (t, ())
    };
    let good = write(dir.path(), "a.nianbao", &scaled("甲局", 1), &t);
    let mut last_year = scaled("乙局", 1);
    last_year.meta.year = 2023;
    let wrong_year = write(dir.path(), "b.nianbao", &last_year, &t);
    let mut old_format = Draft::new(&t2019, Meta::default());
    old_format.meta.agency = "丙局".to_owned();
    old_format.meta.year = YEAR;
    let wrong_format = write(dir.path(), "c.nianbao", &old_format, &t2019);
    let twice = write(dir.path(), "d.nianbao", &scaled(" 甲 局 ", 3), &t);
    let broken = dir.path().join("e.nianbao");
    std::fs::write(&broken, "(format_version: 4, template: \"gov-info").expect("write");
    let missing = dir.path().join("f.nianbao");
    let files = [good, wrong_year, wrong_format, twice, broken, missing];
    let (_, merged) = merge_dir(dir.path(), &files);
    assert_eq!(merged.units.len(), 1);
    let reasons: Vec<(&str, &str)> = merged
        .excluded
        .iter()
        .map(|e| (e.file.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 5, "{reasons:#?}");
    assert!(
        reasons[0].0 == "b.nianbao" && reasons[0].1.contains("2023年度"),
        "{reasons:?}"
    );
    assert!(reasons[1].1.contains("报告格式"), "{reasons:?}");
    assert!(
        reasons[2].1.contains("与「a.nianbao」是同一机关"),
        "{reasons:?}"
    );
    assert!(
        reasons[3].1.starts_with("无法读取：草稿文件第1行"),
        "{reasons:?}"
    );
    assert!(reasons[4].1.starts_with("无法读取："), "{reasons:?}");
    // Nothing of theirs is summed: the sums are the one good unit's.
    let (_, alone) = seed(SEED_003);
    for (id, v) in &alone.cells {
        assert_eq!(merged.draft.cells.get(id), Some(v), "{id}");
    }
}

#[test]
fn partly_empty_cells_are_summed_and_name_the_units_that_left_them_empty() {
    let dir = TempDir::new("merge-partly");
    let (t, _) = seed(SEED_003);
    let mut blank = scaled("空白局", 1);
    blank.cells.remove("t3.new_received.natural");
    let mut text = scaled("文字局", 1);
    text.set_cell("t3.new_received.natural", "二十三");
    let full = scaled("完整局", 2);
    let files = [
        write(dir.path(), "1.nianbao", &blank, &t),
        write(dir.path(), "2.nianbao", &text, &t),
        write(dir.path(), "3.nianbao", &full, &t),
    ];
    let (_, merged) = merge_dir(dir.path(), &files);
    assert_eq!(
        number(&merged.draft, "t3.new_received.natural"),
        Some(Decimal::from_int(46)),
        "only the unit that filled it"
    );
    let consolidation = merged.draft.consolidation.as_ref().expect("kept");
    let empty = &consolidation.partly_empty["t3.new_received.natural"];
    assert_eq!(
        (empty.count, empty.units.as_slice()),
        (2, &["空白局".to_owned(), "文字局".to_owned()][..])
    );
    assert_eq!(consolidation.partly_empty.len(), 1, "no other cell");
    // The consolidated report says so where the cell is.
    let findings = evaluate(&t, &merged.draft).findings;
    let d3: Vec<_> = findings.iter().filter(|f| f.rule == "D3").collect();
    assert_eq!(d3.len(), 1, "{findings:#?}");
    assert!(d3[0].message.contains("2个单位") && d3[0].message.contains("空白局、文字局"));
    // Saved and read back, the record stays.
    let back = Draft::from_ron(&merged.draft.to_ron(Some(&t)).expect("ron")).expect("reads");
    assert_eq!(back.consolidation, merged.draft.consolidation);
}

#[test]
fn the_roster_names_missing_and_extra_units() {
    let rows: Vec<Vec<String>> = [
        vec!["某某市政府信息公开工作主管部门应报送单位名单", ""],
        vec!["机关全称", "联系方式"],
        vec!["甲局", "0571-1"],
        vec!["乙 局", ""],
        vec!["丁局", "0571-4"],
        vec!["", ""],
    ]
    .iter()
    .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
    .collect();
    let roster = merge::roster(&rows).expect("roster");
    assert_eq!(roster.len(), 3);
    let dir = TempDir::new("merge-roster");
    let (t, _) = seed(SEED_003);
    let files = [
        write(dir.path(), "1.nianbao", &scaled("甲局", 1), &t),
        write(dir.path(), "2.nianbao", &scaled("乙局", 1), &t),
        write(dir.path(), "3.nianbao", &scaled("丙局", 1), &t),
    ];
    let (_, merged) = merge_dir(dir.path(), &files);
    let check = merge::check_roster(&roster, &merged.units);
    let missing: Vec<(&str, &str)> = check
        .missing
        .iter()
        .map(|m| (m.agency.as_str(), m.contact.as_str()))
        .collect();
    assert_eq!(missing, [("丁局", "0571-4")]);
    assert_eq!(check.extra, ["丙局"]);
}

#[test]
fn cli_merge_with_a_roster_report_overview_and_a_re_merge() {
    let dir = TempDir::new("merge-cli");
    let d = dir.path();
    let units = d.join("units");
    std::fs::create_dir(&units).expect("dir");
    let (t, _) = seed(SEED_003);
    write(&units, "1.nianbao", &scaled("甲局", 1), &t);
    write(&units, "2.nianbao", &scaled("乙局", 2), &t);
    std::fs::write(
        d.join("名单.csv"),
        "机关全称,联系方式\n甲局,1\n乙局,2\n丙局,3\n",
    )
    .expect("write");
    let args = [
        "merge",
        "units",
        "--roster",
        "名单.csv",
        "-o",
        "汇总.nianbao",
        "--report",
        "merge.json",
        "--overview",
        "units.csv",
        "--overview-docx",
        "units.docx",
        "--agency",
        "某某市人民政府",
        "--today",
        "2025-01-10",
    ];
    let o = cli(d, &args);
    assert_eq!(code(&o), 1, "丙局 has not reported: {}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("已汇总2个单位（2024年度"), "{text}");
    assert!(text.contains("名单中未报送1个：\n  丙局（3）"), "{text}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("merge.json")).expect("report"))
            .expect("JSON");
    assert_eq!(report["units"][1]["agency"], "乙局");
    assert_eq!(report["units"][1]["figures"]["新收申请"], "94");
    assert_eq!(report["roster"]["missing"][0]["agency"], "丙局");
    let overview = std::fs::read_to_string(d.join("units.csv")).expect("overview");
    let lines: Vec<&str> = overview.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}机关全称,文件,新收申请,上年结转,办理结果,结转下年度,行政复议,行政诉讼,错误,警告,勾稽关系（表三）,已审阅,已定稿"
    );
    assert!(text.contains("各单位的报告均未定稿"), "{text}");
    assert!(
        lines[2].starts_with("乙局,units/2.nianbao,94,24,"),
        "{overview}"
    );
    assert!(
        stdout(&o).contains("已写出各单位概况表（Word）：units.docx"),
        "{}",
        stdout(&o)
    );
    let docx = std::fs::read(d.join("units.docx")).expect("overview as Word");
    assert!(crate::word::read(&docx).is_ok(), "a readable DOCX");
    // The consolidated report gets its own narrative; a re-merge keeps it and says what
    // changed.
    let o = cli(
        d,
        &["set", "汇总.nianbao", "s6.body=本年度未收取信息处理费。"],
    );
    assert_eq!(code(&o), 0);
    write(&units, "2.nianbao", &scaled("乙局", 3), &t);
    write(&units, "3.nianbao", &scaled("丙局", 1), &t);
    // The reports written before are not replaced without --force, and nothing is merged.
    let o = cli(d, &args);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        crate::cli::stderr(&o).contains("--force"),
        "{}",
        crate::cli::stderr(&o)
    );
    let o = cli(d, &[&args[..], &["--force"]].concat());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("已更新：乙局（units/2.nianbao）"), "{text}");
    assert!(text.contains("新增：丙局（units/3.nianbao）"), "{text}");
    let (_, again) = storage::open_draft(&d.join("汇总.nianbao"), None).expect("opens");
    assert_eq!(again.text("s6.body"), "本年度未收取信息处理费。");
    assert_eq!(again.meta.agency, "某某市人民政府");
    assert_eq!(
        number(&again, "t3.new_received.natural"),
        Some(Decimal::from_int(23 * 5))
    );
    // Any other draft at the output is not overwritten without --force.
    let (_, plain) = seed(SEED_003);
    write(d, "plain.nianbao", &plain, &t);
    let o = cli(d, &["merge", "units", "-o", "plain.nianbao"]);
    assert_eq!(code(&o), 2);
}

/// A unit's status counts its errors and warnings as a full evaluation does: the hints and
/// the memo it leaves out (`Purpose::Count`) change no count, for any text.
#[test]
fn a_units_status_counts_what_a_full_evaluation_counts() {
    use nianbao::engine::{Context, Purpose, Severity, evaluate_with};
    let (t, mut draft) = seed(SEED_003);
    // Prose that trips hints (L1: doubled words, half-width punctuation, a bare 文号) and a
    // warning (R11: a figure the table does not hold), and a letter in a number cell.
    draft.set_text(
        "s1.on_request",
        "本年度新收到政府信息公开申请999件,依据国办公开办函202130号办理,进一步进一步规范答复。",
    );
    draft.set_cell("t2.rules.made", "x");
    let full = evaluate(&t, &draft);
    let count = evaluate_with(
        &t,
        &draft,
        &Context {
            purpose: Purpose::Count,
            ..Context::default()
        },
    );
    assert!(full.count(Severity::Info) > 0, "the text trips hints");
    assert!(full.count(Severity::Warning) > 0, "and warnings");
    assert_eq!(count.count(Severity::Info), 0);
    let serious = |e: &nianbao::engine::Evaluation| -> Vec<String> {
        e.findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(serious(&count), serious(&full));
    let status = merge::unit_status(&t, &draft, "unit.nianbao", None);
    assert_eq!(status.errors, full.count(Severity::Error));
    assert_eq!(status.warnings, full.count(Severity::Warning));
    assert!(full.count(Severity::Error) > 0, "a letter in a number cell");
}

/// A consolidated government's report gets its level, and with it its deadline: 3月31日
/// for a 人民政府 (departments publish by 1月31日).
#[test]
fn cli_merge_takes_the_governments_level() {
    use crate::cli::{cli, code, stderr, stdout};
    let dir = TempDir::new("merge-level");
    let d = dir.path();
    let units = d.join("units");
    std::fs::create_dir(&units).expect("dir");
    let (t, _) = seed(SEED_003);
    write(&units, "1.nianbao", &scaled("甲局", 1), &t);
    let o = cli(
        d,
        &[
            "merge",
            "units",
            "-o",
            "汇总.nianbao",
            "--agency",
            "某某区人民政府",
            "--level",
            "县级人民政府",
            "--today",
            "2025-02-10",
        ],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let (_, draft) = storage::open_draft(&d.join("汇总.nianbao"), None).expect("opens");
    assert_eq!(draft.meta.level, Some(nianbao::meta::Level::CountyGov));
    let o = cli(d, &["validate", "汇总.nianbao", "--today", "2025-02-10"]);
    let text = stdout(&o);
    assert!(
        !text.contains("已超过发布期限"),
        "a government has until 3月31日: {text}"
    );
}

/// A unit linked to last year's draft is judged as `validate` judges it: its carried-over
/// figure against last year's (R5), so the merge counts the warnings `validate` counts.
#[test]
fn a_units_status_reads_its_last_year_draft() {
    let dir = TempDir::new("merge-last-year");
    let d = dir.path();
    let (t, _) = seed(SEED_003);
    let mut last = scaled("甲局", 1);
    last.meta.year = YEAR - 1;
    // Last year carried forward one more than this year says it carried over.
    let carried = number(&last, "t3.carried_over.natural").expect("a figure");
    last.set_cell(
        "t3.carried_forward.natural",
        &(carried.checked_add(Decimal::from_int(1)).expect("small")).to_string(),
    );
    write(d, "甲局2023.nianbao", &last, &t);
    let mut unit = scaled("甲局", 1);
    unit.last_year = Some("甲局2023.nianbao".to_owned());
    let path = write(d, "甲局.nianbao", &unit, &t);

    let (_, merged) = merge_dir(d, std::slice::from_ref(&path));
    let (template, draft) = storage::open_draft(&path, None).expect("opens");
    let (last_year, _) = storage::open_last_year(&draft, Some(&path))
        .expect("linked")
        .expect("readable");
    let context = nianbao::engine::Context {
        last_year: Some(&last_year),
        ..nianbao::engine::Context::default()
    };
    let validated = nianbao::engine::evaluate_with(&template, &draft, &context);
    assert!(
        validated.findings.iter().any(|f| f.rule == "R5"),
        "last year's carried-forward figure differs: {:?}",
        validated.findings
    );
    let status = &merged.units[0];
    assert_eq!(
        status.warnings,
        validated.count(nianbao::engine::Severity::Warning)
    );
    assert_eq!(
        status.errors,
        validated.count(nianbao::engine::Severity::Error)
    );
}

#[test]
fn the_overview_says_which_units_were_finalized() {
    let dir = TempDir::new("merge-finalized");
    let (t, _) = seed(SEED_003);
    let mut signed = scaled("甲局", 1);
    signed.finalize("张三", "2025-01-20 09:30");
    let files = [
        write(dir.path(), "1.nianbao", &signed, &t),
        write(dir.path(), "2.nianbao", &scaled("乙局", 2), &t),
    ];
    let (t, merged) = merge_dir(dir.path(), &files);
    let finalized: Vec<(&str, bool)> = merged
        .units
        .iter()
        .map(|u| (u.agency.as_str(), u.finalized))
        .collect();
    assert_eq!(finalized, [("甲局", true), ("乙局", false)]);
    let records = &merged
        .draft
        .consolidation
        .as_ref()
        .expect("a consolidation")
        .units;
    assert_eq!(
        records.iter().map(|r| r.finalized).collect::<Vec<_>>(),
        [true, false]
    );
    assert!(
        !merged.draft.is_final(),
        "the consolidated report is not itself signed off"
    );
    let (header, rows) = merge::overview(&t, &merged.units);
    assert_eq!(header.last().map(String::as_str), Some("已定稿"));
    assert_eq!(rows[0].last().map(String::as_str), Some("是"));
    assert_eq!(rows[1].last().map(String::as_str), Some("否"));
    let evaluation = evaluate(&t, &merged.draft);
    let report = merge::MergeReport {
        template: &t,
        merged: &merged,
        roster: None,
        changes: &[],
        evaluation: &evaluation,
    };
    assert!(
        report.text(None).contains("未定稿1个：乙局"),
        "{}",
        report.text(None)
    );
}
