//! The real `nianbao-cli` binary: exit codes, output, and files left untouched on errors.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::{SEED_003, TempDir, seed};

pub(crate) fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run nianbao-cli")
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[test]
fn new_set_show_validate() {
    let dir = TempDir::new("cli-flow");
    let d = dir.path();
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "2024",
            "--agency",
            "某某区人民政府",
            "--level",
            "县级人民政府",
            "-o",
            "d.nianbao",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(d.join("s6.txt"), "本年度未收取信息处理费。").unwrap();
    let o = cli(
        d,
        &[
            "set",
            "d.nianbao",
            "t3.new_received.natural=23",
            "t3.new_received.legal_service=２４",
            "t2.licensing.decisions=26,367",
            "t2.fees.amount=52.15",
            "s6.body=@s6.txt",
            "meta.published_on=2025-01-20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["show", "d.nianbao", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["template"], "gov-info-disclosure-2021");
    assert_eq!(json["year"], 2024);
    assert_eq!(json["cells"]["t3.new_received.natural"], 23);
    assert_eq!(
        json["cells"]["t3.new_received.legal_service"], 24,
        "full-width digits"
    );
    assert_eq!(
        json["cells"]["t3.new_received.total"], 47,
        "the total is computed"
    );
    assert_eq!(
        json["cells"]["t2.licensing.decisions"], 26367,
        "thousands separator"
    );
    assert_eq!(
        json["cells"]["t2.fees.amount"], "52.15",
        "money as an exact decimal string"
    );
    assert_eq!(
        json["cells"]["t3.carried_over.natural"],
        serde_json::Value::Null,
        "empty stays empty"
    );
    assert_eq!(json["texts"]["s6.body"], "本年度未收取信息处理费。");
    let keys: Vec<&String> = json["cells"].as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "t2.rules.made", "template order");
    let o = cli(d, &["show", "d.nianbao"]);
    assert!(
        stdout(&o).contains("一、本年新收政府信息公开申请数量"),
        "{}",
        stdout(&o)
    );
    // Incomplete tables are warnings, not errors: exit 0.
    let o = cli(d, &["validate", "d.nianbao", "--today", "2025-01-10"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("R7"), "{}", stdout(&o));
}

#[test]
fn validate_exit_codes_and_json() {
    let dir = TempDir::new("cli-validate");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).unwrap();
    let o = cli(
        d,
        &[
            "validate",
            "seed.nianbao",
            "--json",
            "--today",
            "2025-01-10",
        ],
    );
    assert_eq!(code(&o), 0, "seed 003 has no errors: {}", stdout(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(list[0]["rule"], "R17");
    assert_eq!(list[0]["severity"], "info");
    assert_eq!(list[0]["cells"][0], "t3.r2_partial.natural");
    // Break R1: errors found → exit 1.
    let o = cli(d, &["set", "seed.nianbao", "t3.new_received.natural=30"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(
        d,
        &[
            "validate",
            "seed.nianbao",
            "--json",
            "--today",
            "2025-01-10",
        ],
    );
    assert_eq!(code(&o), 1);
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r1 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "R1")
        .unwrap();
    assert_eq!(r1["severity"], "error");
    assert_eq!(r1["cells"][0], "t3.new_received.natural");
    assert!(r1["message"].as_str().unwrap().contains("相差7"), "{r1}");
}

/// `set` with a bad assignment: exit 2, the reason on stderr, the file byte-for-byte unchanged.
fn rejected(args: &[&str], reason: &str) {
    let dir = TempDir::new("cli-reject");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).expect("write the seed");
    let mut all = vec!["set", "seed.nianbao", "t3.new_received.natural=25"];
    all.extend_from_slice(args);
    let o = cli(d, &all);
    assert_eq!(code(&o), 2, "{args:?}");
    assert!(stderr(&o).contains(reason), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains("未作任何修改"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("seed.nianbao")).expect("read back"),
        SEED_003,
        "{args:?}: file untouched"
    );
}

#[test]
fn set_rejects_bad_ids_and_values() {
    rejected(
        &["t3.new_recieved.natural=1"],
        "您是否要填「t3.new_received.natural」",
    );
    rejected(&["t9.x.y=1"], "模板中没有编号「t9.x.y」");
    rejected(&["t3.r1_granted.natural=abc"], "不是数字");
    rejected(&["t3.r1_granted.natural=-3"], "不能为负数");
    rejected(&["t3.r1_granted.natural=1.5"], "应为整数");
    rejected(&["t3.r1_granted.total=5"], "自动计算的合计");
    rejected(&["meta.level=市政府"], "无法识别机关层级");
    rejected(&["meta.published_on=明天"], "无法识别日期");
    rejected(&["s6.body=@no-such-file.txt"], "无法读取文字文件");
    rejected(&["no-equals-sign"], "应写成 编号=值");
    rejected(&["s6.body="], "值为空");
    rejected(&["meta.agency= "], "值为空");
}

#[test]
fn set_clears_with_empty_and_keeps_a_backup() {
    let dir = TempDir::new("cli-empty");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).unwrap();
    let o = cli(
        d,
        &[
            "set",
            "seed.nianbao",
            "t3.new_received.natural=empty",
            "s6.body=empty",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["show", "seed.nianbao", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The cells in template order, as the template lists them (not sorted by id).
    let (t, _) = seed(SEED_003);
    let listed: Vec<&String> = json["cells"].as_object().expect("cells").keys().collect();
    let in_template: Vec<&String> = t
        .cells
        .iter()
        .map(|c| &c.id)
        .filter(|id| listed.contains(id))
        .collect();
    assert_eq!(listed, in_template);
    let mut sorted = listed.clone();
    sorted.sort();
    assert_ne!(listed, sorted, "template order differs from id order here");
    assert_eq!(
        json["cells"]["t3.new_received.natural"],
        serde_json::Value::Null
    );
    assert!(
        json["incomplete"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "t3.new_received.total")
    );
    assert_eq!(json["texts"].get("s6.body"), None);
    assert_eq!(
        std::fs::read_to_string(d.join("seed.nianbao.bak")).unwrap(),
        SEED_003,
        "previous version kept"
    );
}

#[test]
fn unreadable_drafts_exit_2_with_the_place() {
    let dir = TempDir::new("cli-bad");
    let d = dir.path();
    let cut: String = SEED_003
        .chars()
        .take(SEED_003.chars().count() / 3)
        .collect();
    std::fs::write(d.join("cut.nianbao"), cut).unwrap();
    let o = cli(d, &["show", "cut.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("草稿文件第") && stderr(&o).contains("cut.nianbao"),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        d.join("new.nianbao"),
        SEED_003.replacen("format_version: 1", "format_version: 99", 1),
    )
    .unwrap();
    let o = cli(d, &["validate", "new.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("较新版本"), "{}", stderr(&o));
    let o = cli(d, &["show", "missing.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("无法读取草稿（找不到该文件或文件夹）：missing.nianbao"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
    // Writing into a folder that does not exist.
    let o = cli(
        d,
        &["export", "new.nianbao", "--txt", "no/such/folder/x.txt"],
    );
    assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
}

#[test]
fn usage_errors_and_overwrites() {
    let dir = TempDir::new("cli-usage");
    let d = dir.path();
    let o = cli(d, &["frobnicate"]);
    assert_eq!(code(&o), 2);
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "2018",
            "--agency",
            "某局",
            "-o",
            "x.nianbao",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("2019年度及以后"), "{}", stderr(&o));
    std::fs::write(d.join("x.nianbao"), "keep").unwrap();
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "2024",
            "--agency",
            "某局",
            "-o",
            "x.nianbao",
        ],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        std::fs::read_to_string(d.join("x.nianbao")).unwrap(),
        "keep"
    );
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "2020",
            "--agency",
            "某局",
            "-o",
            "x.nianbao",
            "--force",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["show", "x.nianbao", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        json["template"], "gov-info-disclosure-2019",
        "2020 reports use the 2019 format"
    );
    let o = cli(d, &["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("新建草稿"), "{}", stdout(&o));
}

#[test]
fn help_is_in_chinese_in_every_command() {
    let dir = TempDir::new("cli-help");
    let top = stdout(&cli(dir.path(), &["--help"]));
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.len() >= 11 && commands.contains(&"tally"), "{top}");
    for command in std::iter::once("").chain(commands) {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let o = cli(dir.path(), &args);
        assert_eq!(code(&o), 0, "{command}");
        let help = stdout(&o);
        assert!(
            help.contains("用法：nianbao-cli") && help.contains("显示帮助"),
            "{help}"
        );
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print",
            "[OPTIONS]",
        ] {
            assert!(!help.contains(english), "{command}: {english} in {help}");
        }
        // A value is named in Chinese (<草稿>), not by clap's field name (<DRAFT>).
        let placeholder = help.split('<').skip(1).find_map(|after| {
            let name = after.split('>').next()?;
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_')
                .then_some(name)
        });
        assert_eq!(placeholder, None, "{command}: {help}");
    }
    let o = cli(dir.path(), &["-V"]);
    assert!(stdout(&o).starts_with("nianbao-cli "), "{}", stdout(&o));
}

#[test]
fn a_template_file_can_be_loaded_from_disk() {
    let dir = TempDir::new("cli-template");
    let d = dir.path();
    // A local variant of the 2021 format, e.g. a province's: another id and an extra hint.
    let custom = nianbao::template::TEMPLATE_2021_RON
        .replacen("id: \"gov-info-disclosure-2021\"", "id: \"local-2021\"", 1)
        .replacen(
            "name: \"政府信息公开工作年度报告格式（2021年版）\"",
            "name: \"某省年报格式\"",
            1,
        );
    std::fs::write(d.join("local.ron"), custom).expect("write template");
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "2024",
            "--agency",
            "某局",
            "--template",
            "local.ron",
            "-o",
            "d.nianbao",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["set", "d.nianbao", "t3.new_received.natural=5"]);
    assert_eq!(
        code(&o),
        0,
        "the draft finds its template file again: {}",
        stderr(&o)
    );
    let o = cli(d, &["show", "d.nianbao"]);
    assert!(stdout(&o).contains("格式：某省年报格式"), "{}", stdout(&o));
    // A broken template file is refused with the place of the problem.
    std::fs::write(d.join("bad.ron"), "(id: \"x\", name: ").expect("write");
    let o = cli(d, &["show", "d.nianbao", "--template", "bad.ron"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("模板文件第1行") && stderr(&o).contains("bad.ron"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn export_refuses_drafts_with_errors_unless_allowed() {
    let dir = TempDir::new("cli-export");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).expect("write");
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "out.txt",
            "--html",
            "out.html",
            "--date",
            "2025-01-20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(d.join("out.txt"))
            .expect("txt")
            .contains("（七）总计")
    );
    assert!(
        std::fs::read_to_string(d.join("out.html"))
            .expect("html")
            .contains("rowspan=\"22\"")
    );
    let o = cli(d, &["set", "seed.nianbao", "t3.new_received.natural=30"]);
    assert_eq!(code(&o), 0);
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "bad.txt",
            "--date",
            "2025-01-20",
        ],
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("未导出") && stderr(&o).contains("R1"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("bad.txt").exists());
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "bad.txt",
            "--allow-errors",
        ],
    );
    assert_eq!(code(&o), 0);
    assert!(d.join("bad.txt").exists());
    let o = cli(d, &["export", "seed.nianbao"]);
    assert_eq!(code(&o), 2, "no format given");
}

#[test]
fn export_never_overwrites_silently() {
    let dir = TempDir::new("cli-export-overwrite");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).expect("write");
    std::fs::write(d.join("out.txt"), "earlier").expect("write");
    let o = cli(d, &["export", "seed.nianbao", "--txt", "out.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("out.txt")).expect("read"),
        "earlier"
    );
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "out.txt",
            "--force",
            "--date",
            "2025-01-20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--html",
            "seed.nianbao",
            "--force",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("草稿文件本身"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("seed.nianbao")).expect("read"),
        SEED_003
    );
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "x.out",
            "--html",
            "x.out",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("同一个文件"), "{}", stderr(&o));
}

#[test]
fn import_a_published_text_report() {
    let dir = TempDir::new("cli-import");
    let d = dir.path();
    std::fs::write(
        d.join("report.txt"),
        include_str!("../data/seeds/seed-004.txt"),
    )
    .expect("write");
    let o = cli(d, &["import", "report.txt", "-o", "imported.nianbao"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("读取单元格200个"), "{}", stdout(&o));
    let o = cli(
        d,
        &[
            "validate",
            "imported.nianbao",
            "--json",
            "--today",
            "2023-01-10",
        ],
    );
    assert_eq!(code(&o), 0, "the published totals agree: {}", stdout(&o));
    let o = cli(d, &["import", "report.txt", "-o", "imported.nianbao"]);
    assert_eq!(code(&o), 2, "no silent overwrite");
}

#[test]
fn import_a_word_export_and_start_next_year() {
    let dir = TempDir::new("cli-next-year");
    let d = dir.path();
    std::fs::write(d.join("2024.nianbao"), SEED_003).expect("write");
    let o = cli(
        d,
        &[
            "export",
            "2024.nianbao",
            "--docx",
            "2024.docx",
            "--date",
            "2025-01-20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The Word file back into a draft, cell for cell.
    let o = cli(d, &["import", "2024.docx", "-o", "from-word.nianbao"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("读取单元格200个"), "{}", stdout(&o));
    let imported = std::fs::read_to_string(d.join("from-word.nianbao")).expect("saved");
    assert!(
        imported.contains("\"t3.new_received.natural\": \"23\""),
        "{imported}"
    );
    // Next year's draft, linked to last year's by file name.
    let o = cli(d, &["next-year", "2024.nianbao", "-o", "2025.nianbao"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("已新建2025年度草稿"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("上年结转已按2024年度报告"),
        "{}",
        stdout(&o)
    );
    let new = std::fs::read_to_string(d.join("2025.nianbao")).expect("saved");
    assert!(new.contains("last_year: Some(\"2024.nianbao\")"), "{new}");
    // A 上年结转 that no longer matches last year's 结转下年度 is flagged with both figures.
    let o = cli(d, &["set", "2025.nianbao", "t3.carried_over.natural=5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["validate", "2025.nianbao", "--today", "2026-01-10"]);
    assert!(
        stdout(&o).contains("R5") && stdout(&o).contains("结转下年度为0"),
        "{}",
        stdout(&o)
    );
    // `export` judges the draft as `validate` does, with last year's draft: where R5 is an
    // error (an agency's own template file), both refuse.
    let strict = nianbao::template::TEMPLATE_2021_RON.replacen(
        "id: \"R5\",\n            severity: Warning,",
        "id: \"R5\",\n            severity: Error,",
        1,
    );
    assert_ne!(strict, nianbao::template::TEMPLATE_2021_RON);
    std::fs::write(d.join("strict.ron"), strict).expect("write");
    let args = ["--template", "strict.ron", "--today", "2026-01-10"];
    let o = cli(d, &[&["validate", "2025.nianbao"][..], &args].concat());
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let o = cli(
        d,
        &[&["export", "2025.nianbao", "--txt", "2025.txt"][..], &args].concat(),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("R5"), "{}", stderr(&o));
    assert!(!d.join("2025.txt").exists(), "nothing exported");
    // A link that cannot be followed is said, and the rest still runs.
    std::fs::remove_file(d.join("2024.nianbao")).expect("remove");
    let o = cli(d, &["validate", "2025.nianbao", "--today", "2026-01-10"]);
    assert!(
        stderr(&o).contains("无法读取关联的上年草稿"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("R5"), "{}", stdout(&o));
    let o = cli(d, &["next-year", "2024.nianbao", "-o", "2025.nianbao"]);
    assert_eq!(code(&o), 2, "no silent overwrite, and a clear message");
}

#[test]
fn set_links_last_years_draft_and_refuses_another_years() {
    let dir = TempDir::new("cli-link");
    let d = dir.path();
    for (year, file) in [
        ("2023", "2023.nianbao"),
        ("2022", "2022.nianbao"),
        ("2024", "2024.nianbao"),
    ] {
        let o = cli(
            d,
            &[
                "new",
                "--year",
                year,
                "--agency",
                "某某区人民政府",
                "-o",
                file,
            ],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let o = cli(d, &["set", "2023.nianbao", "t3.carried_forward.natural=4"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["set", "2024.nianbao", "t3.carried_over.natural=3"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // Another year's draft is refused, and the file is left as it was.
    let before = std::fs::read_to_string(d.join("2024.nianbao")).unwrap();
    let o = cli(d, &["set", "2024.nianbao", "last_year=2022.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("是2022年度的报告"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("2024.nianbao")).unwrap(),
        before
    );

    // Linked: the checks across years run (R5: 3 carried over, last year's 4 carried forward).
    let o = cli(d, &["set", "2024.nianbao", "last_year=2023.nianbao"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let saved = std::fs::read_to_string(d.join("2024.nianbao")).unwrap();
    assert!(
        saved.contains("last_year: Some(\"2023.nianbao\")"),
        "{saved}"
    );
    let o = cli(d, &["validate", "2024.nianbao"]);
    assert!(stdout(&o).contains("R5"), "{}", stdout(&o));

    let o = cli(d, &["set", "2024.nianbao", "last_year=empty"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["validate", "2024.nianbao"]);
    assert!(!stdout(&o).contains("R5"), "{}", stdout(&o));
}

/// The levels the command line names are the editor's list, each whole: 「乡镇人民政府、
/// 街道办事处」 is one level, not two.
#[test]
fn the_levels_are_named_as_in_the_editor() {
    let dir = TempDir::new("cli-levels");
    let new_with = |level: &str, output: &str| {
        let args = ["new", "--year", "2024", "--agency", "某镇人民政府"];
        let mut args: Vec<&str> = args.to_vec();
        args.extend(["--level", level, "-o", output]);
        cli(dir.path(), &args)
    };
    let help = stdout(&cli(dir.path(), &["new", "--help"]));
    let bad = new_with("镇", "x.nianbao");
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
    for level in nianbao::meta::Level::ALL {
        let quoted = format!("「{}」", level.label());
        assert!(help.contains(&quoted), "help lacks {quoted}: {help}");
        assert!(stderr(&bad).contains(&quoted), "{}", stderr(&bad));
    }
    for half in ["乡镇人民政府", "街道办事处"] {
        let file = format!("{half}.nianbao");
        let o = new_with(half, &file);
        assert_eq!(code(&o), 0, "{half}: {}", stderr(&o));
        let shown = stdout(&cli(dir.path(), &["show", &file]));
        assert!(
            shown.contains("机关层级：乡镇人民政府、街道办事处"),
            "{shown}"
        );
    }
}

/// A published report is signed and dated: without a date (neither `--date` nor the
/// draft's publication date) nothing is exported unless `--allow-errors`; `--date` dates
/// the signature without changing the draft, in Arabic numerals without padding.
#[test]
fn export_needs_the_signature_date() {
    let dir = TempDir::new("cli-export-date");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).expect("write");
    let o = cli(d, &["export", "seed.nianbao", "--txt", "out.txt"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("没有落款日期") && stderr(&o).contains("--date"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("out.txt").exists());
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "out.txt",
            "--date",
            "2025-1-5x",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("无法识别落款日期「2025-1-5x」"),
        "{}",
        stderr(&o)
    );
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "out.txt",
            "--date",
            "2025-01-05",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("out.txt")).expect("txt");
    let tail: Vec<&str> = text.lines().rev().take(2).map(str::trim).collect();
    assert_eq!(tail, ["2025年1月5日", "城中区人民政府"], "{text}");
    assert_eq!(
        std::fs::read_to_string(d.join("seed.nianbao")).expect("draft"),
        SEED_003,
        "the draft is not changed"
    );
    let o = cli(
        d,
        &[
            "export",
            "seed.nianbao",
            "--txt",
            "undated.txt",
            "--allow-errors",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["set", "seed.nianbao", "meta.published_on=2025-01-20"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = cli(d, &["export", "seed.nianbao", "--txt", "dated.txt"]);
    assert_eq!(code(&o), 0, "the draft's own date: {}", stderr(&o));
    let text = std::fs::read_to_string(d.join("dated.txt")).expect("txt");
    assert!(text.trim_end().ends_with("2025年1月20日"), "{text}");
}

/// Every message at exit 2 is Chinese: the argument parser's (unknown flag, missing
/// argument, an unquoted path with spaces, a Chinese year, a mistyped command) and the
/// draft reader's (where, and what it expected).
#[test]
fn argument_and_draft_errors_are_chinese() {
    let dir = TempDir::new("cli-chinese");
    let d = dir.path();
    let is_english = |text: &str| {
        [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "Expected",
            "Unexpected",
        ]
        .iter()
        .any(|w| text.contains(w))
    };
    for (args, expected) in [
        (
            &[
                "new",
                "--yaer",
                "2024",
                "--agency",
                "某局",
                "-o",
                "x.nianbao",
            ][..],
            "无法识别的参数 --yaer",
        ),
        (
            &["new", "--year", "2024", "-o", "x.nianbao"],
            "缺少必需的参数",
        ),
        (
            &["show", "我的", "报告.nianbao"],
            "多出的参数「报告.nianbao」",
        ),
        (&["valdate", "x.nianbao"], "没有「valdate」这个命令"),
        (
            &[
                "new",
                "--year",
                "二〇二x",
                "--agency",
                "某局",
                "-o",
                "x.nianbao",
            ],
            "年度应为四位数字",
        ),
    ] {
        let o = cli(d, args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!is_english(&err), "{args:?}: {err}");
        assert!(err.contains("--help"), "where to read more: {err}");
    }
    let err = stderr(&cli(d, &["new", "--yaer", "2024", "-o", "x.nianbao"]));
    assert!(err.contains("是否要用 --year"), "{err}");
    let err = stderr(&cli(d, &["show", "我的", "报告.nianbao"]));
    assert!(err.contains("引号"), "a path with spaces is quoted: {err}");
    // The draft reader: the place, and what it expected, in Chinese.
    let broken = SEED_003.replacen("format_version:", "format_version", 1);
    std::fs::write(d.join("broken.nianbao"), broken).expect("write");
    let o = cli(d, &["show", "broken.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("第2行第19列有误：此处应为冒号「:」"),
        "{}",
        stderr(&o)
    );
    // Cut off in the middle (inside a character, or inside a text): where it ends.
    let bytes = SEED_003.as_bytes();
    std::fs::write(d.join("cut.nianbao"), &bytes[..bytes.len() / 2 + 1]).expect("write");
    let o = cli(d, &["show", "cut.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(!is_english(&stderr(&o)), "{}", stderr(&o));
    assert!(stderr(&o).contains("草稿文件第"), "{}", stderr(&o));
}

/// A year in Chinese numerals, a blank agency refused, spaces trimmed, a future year
/// warned about, and one line saying what was written.
#[test]
fn new_reads_chinese_years_and_refuses_a_blank_agency() {
    let dir = TempDir::new("cli-new-checks");
    let d = dir.path();
    let o = cli(
        d,
        &[
            "new",
            "--year",
            "二〇二四",
            "--agency",
            "  某某区人民政府 ",
            "-o",
            "a.nianbao",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("已新建草稿：a.nianbao（某某区人民政府，2024年度"),
        "{}",
        stdout(&o)
    );
    let shown = stdout(&cli(d, &["show", "a.nianbao"]));
    assert!(
        shown.starts_with("某某区人民政府2024年"),
        "trimmed: {shown}"
    );
    let o = cli(
        d,
        &["new", "--year", "2024", "--agency", "  ", "-o", "b.nianbao"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("机关全称不能为空"), "{}", stderr(&o));
    assert!(!d.join("b.nianbao").exists());
    let next = nianbao::system::today_in_china().year + 1;
    let o = cli(
        d,
        &[
            "new",
            "--year",
            &next.to_string(),
            "--agency",
            "某局",
            "-o",
            "c.nianbao",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("晚于今年"), "{}", stderr(&o));
    let o = cli(d, &["set", "a.nianbao", "meta.contact=电话12345"]);
    assert!(
        stdout(&o).starts_with("已修改1项：a.nianbao"),
        "{}",
        stdout(&o)
    );
}

/// `show … | head`: the reader closes the pipe early, and the command ends quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read as _;
    let dir = TempDir::new("cli-pipe");
    std::fs::write(dir.path().join("seed.nianbao"), SEED_003).expect("write");
    // More than a pipe holds (64 KB), so that the command is still writing when it closes.
    let long = "本年度持续深化政务公开工作。".repeat(12_000);
    std::fs::write(dir.path().join("long.txt"), long).expect("write");
    let o = cli(
        dir.path(),
        &["set", "seed.nianbao", "s1.overview=@long.txt"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .current_dir(dir.path())
        .args(["show", "seed.nianbao", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0_u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The read end is dropped here, as `head` does once it has its lines.
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "quiet: {}", stderr(&output));
}

/// One behaviour for one thing: `set @file` reads GBK as import and tally do; a draft is
/// opened, not imported (no empty draft is written from it).
#[test]
fn set_reads_gbk_and_import_refuses_a_draft() {
    let dir = TempDir::new("cli-gbk");
    let d = dir.path();
    std::fs::write(d.join("seed.nianbao"), SEED_003).expect("write");
    let text = "本年度未收取信息处理费，无其他需要报告的事项。";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(d.join("六.txt"), &gbk).expect("write");
    let o = cli(d, &["set", "seed.nianbao", "s6.body=@六.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let shown = stdout(&cli(d, &["show", "seed.nianbao"]));
    assert!(shown.contains(text), "{shown}");
    std::fs::write(d.join("乱码.txt"), [0x41_u8, 0xff, 0x42]).expect("write");
    let o = cli(d, &["set", "seed.nianbao", "s6.body=@乱码.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("既不是 UTF-8 也不是 GBK"),
        "{}",
        stderr(&o)
    );
    let o = cli(d, &["import", "seed.nianbao", "-o", "again.nianbao"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("这是年报草稿文件，不需要导入"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("again.nianbao").exists());
}

#[test]
fn a_finalized_draft_refuses_changes_until_reopened_with_a_reason() {
    let dir = TempDir::new("cli-finalize");
    let d = dir.path();
    std::fs::write(d.join("x.nianbao"), SEED_003).unwrap();
    let o = cli(d, &["finalize", "x.nianbao", "--by", "张三"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("由张三定稿，内容不能修改"),
        "{}",
        stdout(&o)
    );
    let signed = std::fs::read_to_string(d.join("x.nianbao")).unwrap();

    let o = cli(d, &["set", "x.nianbao", "t3.new_received.natural=5"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("由张三定稿，不能修改") && stderr(&o).contains("--reopen"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("x.nianbao")).unwrap(),
        signed
    );
    let o = cli(d, &["finalize", "x.nianbao", "--by", "张三"]);
    assert_eq!(code(&o), 2, "finalized twice");

    let o = cli(d, &["finalize", "x.nianbao", "--by", "李四", "--reopen"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("须说明原因"), "{}", stderr(&o));
    let o = cli(
        d,
        &[
            "finalize",
            "x.nianbao",
            "--by",
            "李四",
            "--reopen",
            "--reason",
            "更正复议数字",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("由李四解除定稿（原因：更正复议数字），现可修改"));
    let o = cli(d, &["set", "x.nianbao", "t3.new_received.natural=5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (_, draft) = crate::util::seed(&std::fs::read_to_string(d.join("x.nianbao")).unwrap());
    let finalized = draft.finalized.expect("the sign-off kept");
    assert_eq!(finalized.by, "张三");
    assert_eq!(finalized.reopened.expect("reopened").reason, "更正复议数字");

    // Finalized again, then changed outside nianbao: said when read, and refused on save.
    let o = cli(d, &["finalize", "x.nianbao", "--by", "张三"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("x.nianbao")).unwrap();
    let finalized = crate::util::seed(&text).1.finalized.expect("signed again");
    assert_eq!(finalized.earlier.len(), 1, "the first sign-off kept");
    let edited = text.replacen(
        "\"t3.new_received.natural\": \"5\"",
        "\"t3.new_received.natural\": \"6\"",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(d.join("x.nianbao"), edited).unwrap();
    let o = cli(d, &["validate", "x.nianbao"]);
    assert!(
        stderr(&o).contains("文件内容与定稿时不一致"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_save_keeps_the_version_it_replaces() {
    let dir = TempDir::new("cli-history");
    let d = dir.path();
    std::fs::write(d.join("x.nianbao"), SEED_003).unwrap();
    let o = cli(d, &["history", "x.nianbao"]);
    assert!(stdout(&o).contains("没有历史版本"), "{}", stdout(&o));
    for args in [
        ["t3.new_received.natural=24", "t3.r1_granted.natural=4"],
        ["meta.published_on=2025-01-20", "s6.body=无。"],
    ] {
        let mut all = vec!["set", "x.nianbao"];
        all.extend(args);
        assert_eq!(code(&cli(d, &all)), 0);
    }
    let o = cli(d, &["history", "x.nianbao"]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].trim_start().starts_with("1  ") && lines[1].ends_with("正文 1段、基本信息"),
        "{text}"
    );
    assert!(
        lines[2].trim_start().starts_with("2  ") && lines[2].ends_with("表三 2格"),
        "{text}"
    );
    let o = cli(d, &["history", "x.nianbao", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json[1]["summary"], "表三 2格");
    // Since version 2 (the file as it was first): all four changes; since 1, the last two.
    let o = cli(d, &["diff", "x.nianbao", "--version", "2"]);
    assert!(stdout(&o).ends_with("共4处改动\n"), "{}", stdout(&o));
    assert!(
        stdout(&o)
            .contains("t3.new_received.natural  表三 本年新收政府信息公开申请数量 自然人：23 → 24")
    );
    let o = cli(d, &["diff", "x.nianbao", "--version", "1"]);
    assert!(stdout(&o).ends_with("共2处改动\n"), "{}", stdout(&o));
    let o = cli(d, &["diff", "x.nianbao", "--version", "3"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("没有第3个历史版本（共2个"),
        "{}",
        stderr(&o)
    );
    // Next year's draft starts without the history or a sign-off.
    assert_eq!(code(&cli(d, &["finalize", "x.nianbao", "--by", "张三"])), 0);
    assert_eq!(
        code(&cli(d, &["next-year", "x.nianbao", "-o", "next.nianbao"])),
        0
    );
    let (_, next) = crate::util::seed(&std::fs::read_to_string(d.join("next.nianbao")).unwrap());
    assert!(next.history.is_empty() && next.finalized.is_none());
    let (_, this) = crate::util::seed(&std::fs::read_to_string(d.join("x.nianbao")).unwrap());
    assert_eq!(
        this.history.len(),
        2,
        "finalizing changed no content: no version"
    );
}
