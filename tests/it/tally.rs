//! 从台账生成表三: registers in the shapes agencies keep them (CSV in UTF-8 and GBK), with
//! rows across the year boundary, every outcome phrasing we know, each kind of bad row;
//! the mapping guessed from headers written several ways, saved and reused.

use std::collections::BTreeMap;

use nianbao::import::sheet;
use nianbao::tally::{self, Mapping};
use nianbao::template::{self, Template};

fn t2021() -> Template {
    template::for_year(2024).expect("2021 format")
}

/// A register for 2024: (收到申请日期, 申请人类型, 答复日期, 答复结果) per application.
const REGISTER: [(&str, &str, &str, &str); 17] = [
    ("2023-12-20", "自然人", "2024-01-10", "予以公开"), // row 2: carried over, granted
    ("2023-11-01", "企业", "2023-12-01", "部分公开"),   // row 3: closed last year: nowhere
    ("2024-01-05", "个人", "2024-02-01", "（二）部分公开"), // row 4
    (
        "2024-03-01",
        "律师事务所",
        "2024-03-20",
        "不予公开-国家秘密",
    ), // row 5
    ("2024-12-20", "科研机构", "", ""),                 // row 6: still open
    (
        "2024-06-01",
        "社会公益组织",
        "2025-01-10",
        "无法提供-本机关不掌握",
    ), // row 7
    ("2023-12-30", "公司", "", ""),                     // row 8: open across the year
    ("2024-04-01", "其他", "2024-04-15", "信访举报投诉类"), // row 9
    ("2024-05-01", "自然人", "2024-05-20", "逾期不补正"), // row 10
    ("", "自然人", "2024-05-20", "予以公开"),           // row 11: no date
    ("2024-13-01", "自然人", "", ""),                   // row 12: no such date
    ("1999-01-01", "自然人", "", ""),                   // row 13: far off
    ("2024-02-01", "外星人", "2024-02-09", "予以公开"), // row 14: unknown applicant
    ("2024-02-01", "自然人", "2024-01-01", "予以公开"), // row 15: closed before received
    ("2024-02-01", "自然人", "2024-02-10", "不予公开"), // row 16: which 不予公开?
    ("2025-01-05", "自然人", "", ""),                   // row 17: next year's
    ("2024/7/1", "自然人", "2024年8月1日", "予以公开"), // row 18
];

fn csv(header: &str) -> String {
    let mut s = format!("{header}\n");
    for (n, (received, applicant, closed, outcome)) in REGISTER.iter().enumerate() {
        s.push_str(&format!(
            "{},{received},张三{n},{applicant},某文件,{closed},{outcome}\n",
            n + 1
        ));
    }
    s
}

const HEADER: &str = "序号,收到申请日期,申请人,申请人类型,申请内容,答复日期,答复结果";

/// The test register as a CSV file's text (for the editor's tests too).
pub(crate) fn register_csv() -> String {
    csv(HEADER)
}

fn rows_of(list: &[usize]) -> Vec<usize> {
    list.to_vec()
}

#[test]
fn a_register_becomes_table_three_with_every_count_traceable() {
    let t = t2021();
    let rows = sheet::rows(csv(HEADER).as_bytes()).expect("CSV");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    assert_eq!(
        (
            mapping.received.as_str(),
            mapping.applicant.as_str(),
            mapping.outcome.as_str(),
            mapping.closed.as_str()
        ),
        ("收到申请日期", "申请人类型", "答复结果", "答复日期")
    );
    let applicants: Vec<(&str, &str)> = mapping
        .applicants
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        applicants,
        [
            ("个人", "natural"),
            ("企业", "commercial"),
            ("公司", "commercial"),
            ("其他", "other_org"),
            ("律师事务所", "legal_service"),
            ("社会公益组织", "public_welfare"),
            ("科研机构", "research"),
            ("自然人", "natural"),
        ],
        "外星人 matches nothing and is not guessed"
    );
    let outcomes: BTreeMap<&str, &str> = mapping
        .outcomes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(outcomes["予以公开"], "r1_granted");
    assert_eq!(outcomes["部分公开"], "r2_partial");
    assert_eq!(outcomes["（二）部分公开"], "r2_partial");
    assert_eq!(outcomes["不予公开-国家秘密"], "r3_1");
    assert_eq!(outcomes["无法提供-本机关不掌握"], "r4_1");
    assert_eq!(outcomes["信访举报投诉类"], "r5_1");
    assert_eq!(outcomes["逾期不补正"], "r6_1");
    assert!(!outcomes.contains_key("不予公开"), "ambiguous: not guessed");

    let result = tally::tally(&t, &rows, &mapping, 2024).expect("tally");
    let cell = |id: &str| rows_of(&result.cells[id]);
    assert_eq!(cell("t3.new_received.natural"), [4, 10, 18]);
    assert_eq!(cell("t3.carried_over.natural"), [2]);
    assert_eq!(cell("t3.r1_granted.natural"), [2, 18]);
    assert_eq!(cell("t3.r2_partial.natural"), [4]);
    assert_eq!(cell("t3.r6_1.natural"), [10]);
    assert_eq!(cell("t3.carried_forward.natural"), Vec::<usize>::new());
    assert_eq!(cell("t3.new_received.legal_service"), [5]);
    assert_eq!(cell("t3.r3_1.legal_service"), [5]);
    assert_eq!(cell("t3.new_received.research"), [6]);
    assert_eq!(cell("t3.carried_forward.research"), [6]);
    assert_eq!(cell("t3.new_received.public_welfare"), [7]);
    assert_eq!(
        cell("t3.carried_forward.public_welfare"),
        [7],
        "closed after the year"
    );
    assert_eq!(cell("t3.carried_over.commercial"), [8]);
    assert_eq!(cell("t3.carried_forward.commercial"), [8]);
    assert_eq!(
        cell("t3.r2_partial.commercial"),
        Vec::<usize>::new(),
        "closed in 2023"
    );
    assert_eq!(cell("t3.new_received.other_org"), [9]);
    assert_eq!(cell("t3.r5_1.other_org"), [9]);
    // Every input cell of the tallied rows is there (an empty list is a 0); no total.
    assert_eq!(result.cells.len(), 24 * 6);
    assert!(!result.cells.contains_key("t3.new_received.total"));
    let total: usize = result.cells.values().map(Vec::len).sum();
    assert_eq!(total, 18);
    let rejected: Vec<(usize, &str)> = result
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (11, "没有收到申请日期"),
            (12, "收到申请日期「2024-13-01」无法识别"),
            (13, "收到申请日期「1999-01-01」不在合理的范围内"),
            (14, "申请人类型「外星人」未对应表三的任何一列"),
            (15, "答复日期2024-01-01早于收到申请日期2024-02-01"),
            (16, "本年已办结，但办理结果未对应表三的任何一行"),
        ]
    );
    assert_eq!(result.n_counted, 9, "rows 3 and 17 count nowhere");
}

#[test]
fn the_tally_balances_by_construction() {
    let t = t2021();
    let rows = sheet::rows(csv(HEADER).as_bytes()).expect("CSV");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    let result = tally::tally(&t, &rows, &mapping, 2024).expect("tally");
    let mut draft = nianbao::draft::Draft::new(&t, nianbao::meta::Meta::default());
    draft.meta.year = 2024;
    for (id, list) in &result.cells {
        draft.set_cell(id, &list.len().to_string());
    }
    let findings = nianbao::engine::evaluate(&t, &draft).findings;
    assert!(!findings.iter().any(|f| f.rule == "R1"), "{findings:#?}");
}

#[test]
fn headers_phrased_otherwise_and_a_gbk_file_with_a_title_row() {
    let t = t2021();
    let header = "编号,申请日期,申请人姓名,申请人性质,申请事项,办结时间,处理结果";
    let text = format!("某某局2024年政府信息公开申请台账\n{}", csv(header));
    let (gbk, _, had_errors) = encoding_rs::GBK.encode(&text);
    assert!(!had_errors);
    let rows = sheet::rows(&gbk).expect("GBK CSV");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    assert_eq!(mapping.received, "申请日期");
    assert_eq!(mapping.applicant, "申请人性质");
    assert_eq!(mapping.closed, "办结时间");
    assert_eq!(mapping.outcome, "处理结果");
    let result = tally::tally(&t, &rows, &mapping, 2024).expect("tally");
    // The whole table and every rejection as from the UTF-8 file, one row lower: the title
    // row comes first.
    let utf8 = {
        let rows = sheet::rows(csv(HEADER).as_bytes()).expect("CSV");
        let mapping = tally::guess(&t, &rows).expect("mapping");
        tally::tally(&t, &rows, &mapping, 2024).expect("tally")
    };
    for (id, list) in &utf8.cells {
        let lower: Vec<usize> = list.iter().map(|r| r + 1).collect();
        assert_eq!(result.cells[id], lower, "{id}");
    }
    let rejected: Vec<usize> = result.rejected.iter().map(|r| r.row - 1).collect();
    let expected: Vec<usize> = utf8.rejected.iter().map(|r| r.row).collect();
    assert_eq!(rejected, expected);
    assert_eq!(result.cells["t3.new_received.natural"], [5, 11, 19]);
    // A third way of naming the columns.
    let header = "登记号,登记日期,姓名,申请人类别,内容,答复时间,答复类型";
    let rows = sheet::rows(csv(header).as_bytes()).expect("CSV");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    let named = [
        &mapping.received,
        &mapping.applicant,
        &mapping.outcome,
        &mapping.closed,
    ];
    assert_eq!(named, ["登记日期", "申请人类别", "答复类型", "答复时间"]);
    assert_eq!(
        tally::tally(&t, &rows, &mapping, 2024)
            .expect("tally")
            .cells,
        utf8.cells
    );
}

#[test]
fn a_saved_mapping_is_reused_next_year_with_columns_moved() {
    let t = t2021();
    let rows = sheet::rows(csv(HEADER).as_bytes()).expect("CSV");
    let mut mapping = tally::guess(&t, &rows).expect("mapping");
    // The user settles what could not be guessed.
    mapping
        .outcomes
        .insert("不予公开".to_owned(), "r3_2".to_owned());
    mapping
        .applicants
        .insert("外星人".to_owned(), "other_org".to_owned());
    let saved = mapping.to_ron().expect("ron");
    let reused = Mapping::from_ron(&saved).expect("reads");
    assert_eq!(reused, mapping);
    // Next year's register has its columns in another order.
    let moved: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.swap(1, 5);
            r
        })
        .collect();
    let result = tally::tally(&t, &moved, &reused, 2024).expect("tally");
    assert_eq!(result.cells["t3.r3_2.natural"], [16]);
    assert_eq!(result.cells["t3.new_received.other_org"], [9, 14]);
    assert!(
        Mapping::from_ron("(received: 3)")
            .unwrap_err()
            .starts_with("对应关系文件第1行有误")
    );
}

#[test]
fn cli_tally_into_a_new_draft_and_into_one_with_figures() {
    use crate::cli::{cli, code, stdout};
    let dir = crate::util::TempDir::new("tally-cli");
    let d = dir.path();
    std::fs::write(d.join("台账.csv"), csv(HEADER)).expect("write");
    let o = cli(
        d,
        &[
            "tally",
            "台账.csv",
            "--year",
            "2024",
            "-o",
            "2024.nianbao",
            "--agency",
            "某某区人民政府",
            "--level",
            "县级人民政府",
            "--report",
            "tally.csv",
            "--save-mapping",
            "mapping.ron",
        ],
    );
    assert_eq!(code(&o), 1, "rows were left out: {}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("计入表三的申请9个，未计入6行"), "{text}");
    assert!(
        text.contains("  第14行：申请人类型「外星人」未对应表三的任何一列"),
        "{text}"
    );
    let report = std::fs::read_to_string(d.join("tally.csv")).expect("report");
    assert!(
        report.contains(
            "t3.new_received.natural,表三 本年新收政府信息公开申请数量 自然人,3,4 10 18\r\n"
        ),
        "{report}"
    );
    let (_, draft) = nianbao::storage::open_draft(&d.join("2024.nianbao"), None).expect("draft");
    assert_eq!(draft.cells["t3.r1_granted.natural"].to_string(), "2");
    // A new draft is complete: its agency and level as given.
    assert_eq!(draft.meta.agency, "某某区人民政府");
    assert_eq!(draft.meta.level, Some(nianbao::meta::Level::CountyGov));
    let o = cli(
        d,
        &[
            "tally",
            "台账.csv",
            "--year",
            "2024",
            "-o",
            "nameless.nianbao",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(
        crate::cli::stderr(&o).contains("--agency"),
        "{}",
        crate::cli::stderr(&o)
    );
    assert!(!d.join("nameless.nianbao").exists());
    assert_eq!(
        draft.cells["t3.r3_2.natural"].to_string(),
        "0",
        "tallied: a definite 0"
    );
    // Into a draft with other figures: the differences, and nothing replaced until asked.
    let o = cli(d, &["set", "2024.nianbao", "t3.new_received.natural=5"]);
    assert_eq!(code(&o), 0);
    let into = [
        "tally",
        "台账.csv",
        "--year",
        "2024",
        "--mapping",
        "mapping.ron",
        "--into",
        "2024.nianbao",
    ];
    let o = cli(d, &into);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("表三有1处与台账的统计不同（未替换"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("5 → 3"), "{}", stdout(&o));
    let (_, kept) = nianbao::storage::open_draft(&d.join("2024.nianbao"), None).expect("draft");
    assert_eq!(
        kept.cells["t3.new_received.natural"].to_string(),
        "5",
        "not replaced"
    );
    let o = cli(d, &[&into[..], &["--replace"]].concat());
    assert!(
        stdout(&o).contains("已用台账的统计替换表三的1处"),
        "{}",
        stdout(&o)
    );
    let (_, replaced) = nianbao::storage::open_draft(&d.join("2024.nianbao"), None).expect("draft");
    assert_eq!(replaced.cells["t3.new_received.natural"].to_string(), "3");
}

/// The register as an Excel workbook: real date cells (day numbers with a date format),
/// text elsewhere, a number in the 序号 column.
fn xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    for (c, h) in HEADER.split(',').enumerate() {
        let c = u16::try_from(c).expect("few columns");
        sheet.write_string(0, c, h).expect("write");
    }
    let as_date = |text: &str| {
        let d = nianbao::tally::parse_date(text)?;
        let day = d.day;
        ExcelDateTime::from_ymd(u16::try_from(d.year).ok()?, d.month, day).ok()
    };
    for (n, (received, applicant, closed, outcome)) in REGISTER.iter().enumerate() {
        let r = u32::try_from(n + 1).expect("few rows");
        sheet.write_number(r, 0, f64::from(r)).expect("write");
        for (c, text) in [(1, *received), (5, *closed)] {
            match as_date(text) {
                Some(d) => sheet.write_datetime_with_format(r, c, &d, &date),
                None => sheet.write_string(r, c, text),
            }
            .expect("write");
        }
        sheet.write_string(r, 2, format!("张三{n}")).expect("write");
        sheet.write_string(r, 3, *applicant).expect("write");
        sheet.write_string(r, 4, "某文件").expect("write");
        sheet.write_string(r, 6, *outcome).expect("write");
    }
    workbook.save_to_buffer().expect("xlsx")
}

#[test]
fn an_excel_register_with_date_cells_tallies_the_same() {
    let t = t2021();
    let from_csv = {
        let rows = sheet::rows(csv(HEADER).as_bytes()).expect("CSV");
        let mapping = tally::guess(&t, &rows).expect("mapping");
        tally::tally(&t, &rows, &mapping, 2024).expect("tally")
    };
    let rows = sheet::rows(&xlsx()).expect("XLSX");
    assert_eq!(rows[1][0], "1", "a whole number without a decimal point");
    assert_eq!(rows[1][1], "2023-12-20", "a date cell as a date");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    let from_xlsx = tally::tally(&t, &rows, &mapping, 2024).expect("tally");
    assert_eq!(from_xlsx.cells, from_csv.cells);
    assert_eq!(from_xlsx.rejected, from_csv.rejected);
}

#[test]
fn every_outcome_row_and_applicant_column_from_the_labels_as_written() {
    // One application per result row and applicant type, closed in the year, its outcome
    // written as registers copy it from the form: 「（三）不予公开2.其他法律行政法规禁止公开」.
    let t = t2021();
    let register = t.register.as_ref().expect("register settings");
    let mut text = String::from("收到申请日期,申请人类型,办理结果,办结日期\n");
    for o in &register.outcomes {
        for a in &register.applicants {
            text.push_str(&format!(
                "2024-03-01,{},{}{},2024-03-05\n",
                a.name, o.parent, o.label
            ));
        }
    }
    let rows = sheet::rows(text.as_bytes()).expect("CSV");
    let mapping = tally::guess(&t, &rows).expect("mapping");
    assert_eq!(
        mapping.outcomes.len(),
        register.outcomes.len(),
        "{:#?}",
        mapping.outcomes
    );
    let result = tally::tally(&t, &rows, &mapping, 2024).expect("tally");
    assert!(result.rejected.is_empty(), "{:?}", result.rejected);
    // The full table: each result cell counts exactly its own application, 本年新收 counts
    // all of each column, nothing is carried.
    let n_outcomes = register.outcomes.len();
    let n_applicants = register.applicants.len();
    for (i, o) in register.outcomes.iter().enumerate() {
        for (j, a) in register.applicants.iter().enumerate() {
            let id = format!("t3.{}.{}", o.id, a.key);
            assert_eq!(result.cells[&id], [2 + i * n_applicants + j], "{id}");
        }
    }
    for a in &register.applicants {
        assert_eq!(
            result.cells[&format!("t3.new_received.{}", a.key)].len(),
            n_outcomes
        );
        assert!(result.cells[&format!("t3.carried_over.{}", a.key)].is_empty());
        assert!(result.cells[&format!("t3.carried_forward.{}", a.key)].is_empty());
    }
}
