//! The shape of the source tree, as ARCHITECTURE.md states it: the top-level modules use
//! each other only down the tree (the compiler allows any `use` within a crate), and no
//! source file grows past what one reader holds in mind.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each top-level module may use (`crate::…`), besides itself. Leaves use nothing.
const ALLOWED: &[(&str, &[&str])] = &[
    ("finding", &[]),
    ("number", &[]),
    ("date", &[]),
    ("text", &[]),
    ("progress", &[]),
    ("fonts", &[]),
    ("meta", &["date"]),
    ("system", &["date"]),
    ("template", &["date", "finding", "meta", "number", "text"]),
    ("draft", &["meta", "number", "template", "text"]),
    (
        "engine",
        &[
            "date", "draft", "finding", "meta", "number", "template", "text",
        ],
    ),
    ("tally", &["date", "draft", "template", "text"]),
    (
        "export",
        &["date", "draft", "engine", "fonts", "template", "text"],
    ),
    // The importer recognises the preamble the export generates.
    (
        "import",
        &[
            "date", "draft", "export", "meta", "number", "template", "text",
        ],
    ),
    (
        "merge",
        &["draft", "engine", "meta", "number", "template", "text"],
    ),
    ("review", &["draft", "engine", "meta", "template", "text"]),
    ("next_year", &["draft", "engine", "template"]),
    (
        "audit",
        &[
            "date", "engine", "export", "import", "meta", "number", "template", "text",
        ],
    ),
    (
        "storage",
        &[
            "audit", "draft", "engine", "import", "merge", "meta", "progress", "template",
        ],
    ),
];

/// The edges: every module but the two edges' own; `cli` and `gui` may use all of them.
const EDGES: &[&str] = &["cli", "gui"];

/// Lines a source file may have (unit tests included).
const MAX_LINES: usize = 850;

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`engine` for `src/engine/checks.rs`).
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).expect("under src");
    let first = relative.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_owned()
}

/// The `crate::x` modules a file's code names (comments left out).
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn modules_use_each_other_only_down_the_tree() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    // The allowed uses themselves form no circle: each module names only modules listed
    // before it.
    for (i, (module, uses)) in ALLOWED.iter().enumerate() {
        for used in *uses {
            assert!(
                ALLOWED[..i].iter().any(|(m, _)| m == used),
                "{module} may use {used}, which is not below it"
            );
        }
    }
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        if EDGES.contains(&module.as_str()) || ["lib", "main", "bin"].contains(&module.as_str()) {
            continue;
        }
        let Some(may) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{}: module {module} is not in the tree",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for used in uses(&text) {
            if used != module && !may.contains(&used.as_str()) {
                wrong.push(format!("{}: {module} uses {used}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_source_file_outgrows_a_reader() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("read").lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {}", long.join(", "));
}
