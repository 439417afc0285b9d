//! Bad input, as a table: each case gets a clear Chinese message that names the place, exit
//! code 2 from the command line, no panic, and the user's file is left as it was.

use std::path::Path;

use crate::cli::{cli, code, stderr, stdout};
use crate::util::{SEED_003, TempDir};

/// What a case gives the command line.
struct Case {
    name: &'static str,
    /// The file's bytes.
    bytes: Vec<u8>,
    /// The file's name (the command's argument).
    file: &'static str,
    /// `show` for drafts, `import` for published reports, `template` for a template file,
    /// `tally` for a register.
    command: &'static str,
    /// What the message must say (besides the file name).
    says: Vec<String>,
}

/// A PDF from `tests/data/pdf/`.
fn pdf(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn words(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

fn cases() -> Vec<Case> {
    let seed = SEED_003.as_bytes();
    let mut invalid_utf8 = SEED_003.as_bytes().to_vec();
    let at = SEED_003.find("t3.new_received.natural").expect("id");
    invalid_utf8.splice(at..at, [0xff, 0xfe]);
    let line = 1 + SEED_003[..at].matches('\n').count();
    let nested = format!(
        "(format_version: 2, template: \"gov-info-disclosure-2021\", meta: (agency: {}",
        "[".repeat(100_000)
    );
    let overflow = SEED_003.replacen(
        "\"t3.new_received.natural\": \"23\"",
        "\"t3.new_received.natural\": 340282366920938463463374607431768211456999",
        1,
    );
    // 自然人 summed from 总计, which sums 自然人.
    let cycle = nianbao::template::TEMPLATE_2021_RON.replacen(
        r#"Leaf(id: "natural", label: "自然人"),"#,
        r#"Leaf(id: "natural", label: "自然人", computed: Some(Sum(rule: "R2", of: ["total"]))),"#,
        1,
    );
    assert_ne!(cycle, nianbao::template::TEMPLATE_2021_RON);
    let zip_without_body = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .expect("zip");
        zip.finish().expect("zip").into_inner()
    };
    vec![
        Case {
            name: "truncated draft",
            bytes: seed[..seed.len() / 2].to_vec(),
            file: "截断.nianbao",
            command: "show",
            says: words(&["草稿文件第", "行第", "列有误"]),
        },
        Case {
            name: "garbled draft",
            bytes: b"\x00\x01garbage (((".to_vec(),
            file: "乱码.nianbao",
            command: "show",
            says: words(&["草稿文件第1行"]),
        },
        Case {
            name: "invalid UTF-8",
            bytes: invalid_utf8,
            file: "编码.nianbao",
            command: "show",
            says: vec!["不是UTF-8文本".to_owned(), format!("第{line}行")],
        },
        Case {
            name: "wrong type",
            bytes: SEED_003
                .replacen("format_version: 1", "format_version: \"two\"", 1)
                .into_bytes(),
            file: "类型.nianbao",
            command: "show",
            says: words(&["草稿文件第2行"]),
        },
        Case {
            name: "newer format version",
            bytes: SEED_003
                .replacen("format_version: 1", "format_version: 99", 1)
                .into_bytes(),
            file: "新版.nianbao",
            command: "show",
            says: words(&["较新版本", "格式版本99"]),
        },
        Case {
            name: "deeply nested RON",
            bytes: nested.into_bytes(),
            file: "嵌套.nianbao",
            command: "show",
            says: words(&["草稿文件第1行"]),
        },
        Case {
            name: "a number beyond any integer",
            bytes: overflow.into_bytes(),
            file: "溢出.nianbao",
            command: "show",
            says: words(&["草稿文件第", "行第"]),
        },
        Case {
            name: "template with a cycle",
            bytes: cycle.into_bytes(),
            file: "循环.ron",
            command: "template",
            says: words(&["循环引用"]),
        },
        Case {
            name: "template with a syntax error",
            bytes: nianbao::template::TEMPLATE_2021_RON
                .replacen("sections: [", "sections: [[", 1)
                .into_bytes(),
            file: "语法.ron",
            command: "template",
            says: words(&["模板文件第", "行第", "列有误：此处"]),
        },
        Case {
            name: "register that is not a workbook",
            bytes: b"PK\x03\x04 not a workbook".to_vec(),
            file: "台账.xlsx",
            command: "tally",
            says: words(&["无法读取工作簿", "已损坏", "详情："]),
        },
        Case {
            name: "Word file that is not a zip",
            bytes: b"PK\x03\x04 this is not a zip".to_vec(),
            file: "坏.docx",
            command: "import",
            says: words(&["不是有效的 Word 文件", "不是完整的压缩包", "详情："]),
        },
        Case {
            name: "zip without a body",
            bytes: zip_without_body,
            file: "空.docx",
            command: "import",
            says: words(&["没有正文"]),
        },
        Case {
            name: "scanned PDF (no text layer)",
            bytes: pdf("bad/scanned.pdf"),
            file: "扫描件.pdf",
            command: "import",
            says: words(&["没有文字层", "扫描件"]),
        },
        Case {
            name: "PDF that needs a password",
            bytes: pdf("bad/encrypted.pdf"),
            file: "加密.pdf",
            command: "import",
            says: words(&["已加密", "需要密码"]),
        },
        Case {
            name: "PDF cut short",
            bytes: pdf("bad/truncated.pdf"),
            file: "下载一半.pdf",
            command: "import",
            says: words(&["PDF 文件无法读取", "不完整"]),
        },
        Case {
            name: "PDF header on garbage",
            bytes: b"%PDF-1.7\n\x00\x01 not a pdf".to_vec(),
            file: "坏.pdf",
            command: "import",
            says: words(&["PDF 文件无法读取"]),
        },
        Case {
            name: "Word 97 file",
            bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].to_vec(),
            file: "旧.doc",
            command: "import",
            says: words(&["旧版 Word 文件", "另存为 .docx"]),
        },
    ]
}

fn run(dir: &Path, case: &Case) -> std::process::Output {
    match case.command {
        "show" => cli(dir, &["show", case.file]),
        "import" => cli(dir, &["import", case.file, "-o", "out.nianbao"]),
        "template" => {
            std::fs::write(dir.join("draft.nianbao"), SEED_003).expect("write");
            cli(dir, &["show", "draft.nianbao", "--template", case.file])
        }
        "tally" => {
            std::fs::write(dir.join("draft.nianbao"), SEED_003).expect("write");
            let args = [
                "tally",
                "--year",
                "2024",
                "--into",
                "draft.nianbao",
                case.file,
            ];
            cli(dir, &args)
        }
        other => panic!("no command {other}"),
    }
}

#[test]
fn every_bad_input_is_named_and_left_untouched() {
    let dir = TempDir::new("bad-input");
    let d = dir.path();
    for case in cases() {
        let path = d.join(case.file);
        std::fs::write(&path, &case.bytes).expect("write");
        let o = run(d, &case);
        let message = stderr(&o);
        assert_eq!(code(&o), 2, "{}: {message}{}", case.name, stdout(&o));
        assert!(!message.contains("panicked"), "{}: {message}", case.name);
        assert!(
            message.contains(case.file),
            "{}: names the file: {message}",
            case.name
        );
        for says in &case.says {
            assert!(
                message.contains(says),
                "{}: says 「{says}」: {message}",
                case.name
            );
        }
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            case.bytes,
            "{}: the file is untouched",
            case.name
        );
        assert!(
            !d.join("out.nianbao").exists(),
            "{}: nothing written",
            case.name
        );
    }
}

#[test]
fn unknown_ids_are_kept_and_reported_not_refused() {
    let dir = TempDir::new("bad-input-ids");
    let d = dir.path();
    let text = SEED_003.replacen(
        "\"t3.new_received.natural\": \"23\"",
        "\"t3.new_received.natural\": \"23\",\n        \"t9.nowhere.natural\": \"5\"",
        1,
    );
    std::fs::write(d.join("ids.nianbao"), &text).expect("write");
    let o = cli(d, &["validate", "ids.nianbao", "--today", "2025-01-10"]);
    assert!(stdout(&o).contains("t9.nowhere.natural"), "{}", stdout(&o));
    let o = cli(d, &["set", "ids.nianbao", "t3.new_received.natural=24"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let saved = std::fs::read_to_string(d.join("ids.nianbao")).expect("read");
    assert!(
        saved.contains("\"t9.nowhere.natural\": \"5\""),
        "kept: {saved}"
    );
}

#[test]
fn files_over_the_limits_are_refused_before_reading() {
    let dir = TempDir::new("bad-input-large");
    let d = dir.path();
    // Sparse files: 2 GB on paper, nothing on disk.
    for (file, command) in [("大.nianbao", "show"), ("大.docx", "import")] {
        let f = std::fs::File::create(d.join(file)).expect("create");
        f.set_len(2 * 1024 * 1024 * 1024).expect("sparse");
        drop(f);
        let args: Vec<&str> = if command == "show" {
            vec!["show", file]
        } else {
            vec!["import", file, "-o", "out.nianbao"]
        };
        let o = cli(d, &args);
        assert_eq!(code(&o), 2);
        let message = stderr(&o);
        assert!(
            message.contains("过大") && message.contains(file) && message.contains("2147483648"),
            "{message}"
        );
    }
}
