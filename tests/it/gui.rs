//! The editor driven through its accessibility labels with `egui_kittest` (no GPU).

use std::path::{Path, PathBuf};

use eframe::egui::{self, Event, ImeEvent, Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use nianbao::date::Date;
use nianbao::draft::CellEntry;
use nianbao::engine::{CellStatus, Severity};
use nianbao::gui::{App, AppOptions, Command, Dialog, Page};
use nianbao::number::Decimal;

use crate::util::{SEED_003, TempDir};

pub(crate) const NEW_NATURAL: &str = "表三 本年新收政府信息公开申请数量 自然人";
pub(crate) const NEW_LEGAL: &str = "表三 本年新收政府信息公开申请数量 法律服务机构";
pub(crate) const CARRIED_NATURAL: &str = "表三 上年结转政府信息公开申请数量 自然人";

pub(crate) fn options(dir: &Path, path: Option<PathBuf>) -> AppOptions {
    AppOptions {
        path,
        data_dir: Some(dir.join("data")),
        // In January the report due is last year's.
        today: Date::new(2025, 1, 10),
        page: None,
        typed_paths_only: true,
        wait_for_jobs: true,
        // The PDF is typeset by the command line, as beside the editor in a release.
        pdf_program: Some(PathBuf::from(env!("CARGO_BIN_EXE_nianbao-cli"))),
        ..AppOptions::default()
    }
}

pub(crate) fn harness(options: AppOptions) -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1366.0, 768.0))
        .build_eframe(move |cc| App::new(cc, options))
}

/// A harness on seed 003, showing table 三.
pub(crate) fn seed_harness(dir: &TempDir) -> Harness<'static, App> {
    let path = dir.path().join("seed.nianbao");
    std::fs::write(&path, SEED_003).expect("write seed");
    let mut h = harness(options(dir.path(), Some(path)));
    h.state_mut().page = Page::Section(2);
    h.run();
    h
}

pub(crate) fn value(h: &Harness<'_, App>, id: &str) -> (Option<Decimal>, CellStatus) {
    let s = &h.state().session;
    let r = s
        .evaluation()
        .cell(s.template().cell_idx(id).expect("cell id"));
    (r.value, r.status)
}

pub(crate) fn n(v: i128) -> Option<Decimal> {
    Some(Decimal::from_int(v))
}

/// Gives the draft a publication date (the signature's), as 基本信息 does.
pub(crate) fn dated(h: &mut Harness<'_, App>) {
    h.state_mut().ix.commands.push(Command::SetMeta {
        field: nianbao::meta::Field::PublishedOn,
        value: "2025-01-20".to_owned(),
    });
    h.run();
}

pub(crate) fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn starts_with_a_new_draft_for_the_report_due_next() {
    let dir = TempDir::new("gui-start");
    let h = harness(options(dir.path(), None));
    let s = &h.state().session;
    assert_eq!(
        s.draft().meta.year,
        2024,
        "in January 2025 the 2024 report is due"
    );
    assert_eq!(s.template().id, "gov-info-disclosure-2021");
    assert!(!s.is_dirty());
    h.get_by_label("机关全称");
}

#[test]
fn typing_updates_totals_immediately() {
    let dir = TempDir::new("gui-type");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "23");
    assert_eq!(
        value(&h, "t3.new_received.total"),
        (n(23), CellStatus::Computed { is_complete: false })
    );
    type_into(&mut h, NEW_LEGAL, "２４");
    assert_eq!(
        value(&h, "t3.new_received.total").0,
        n(47),
        "full-width digits count"
    );
    assert_eq!(
        h.state().session.draft().cells["t3.new_received.legal_service"],
        CellEntry::Number(Decimal::from_int(24))
    );
    type_into(&mut h, "表三 予以公开 自然人", "20");
    assert_eq!(
        value(&h, "t3.r7_total.natural").0,
        n(20),
        "（七）总计 follows too"
    );
    assert!(h.state().session.is_dirty());
}

#[test]
fn breaking_r1_flags_the_cells_and_a_click_focuses_the_cell() {
    let dir = TempDir::new("gui-r1");
    let mut h = seed_harness(&dir);
    assert!(!h.state().session.evaluation().has_errors());
    // The cell selects all its text when it gets the focus: typing replaces 23.
    type_into(&mut h, NEW_NATURAL, "30");
    assert_eq!(value(&h, "t3.new_received.natural").0, n(30));
    let r1: Vec<String> = h
        .state()
        .session
        .evaluation()
        .findings
        .iter()
        .filter(|f| f.rule == "R1")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(r1.len(), 2, "the 自然人 and 总计 columns: {r1:?}");
    assert!(r1[0].contains("相差7"), "{}", r1[0]);
    // Move away, then click the finding: the editor shows table 三 and focuses the cell.
    h.key_press(Key::Tab);
    h.state_mut().page = Page::Meta;
    h.run();
    h.get_by_label_contains("R1 表三「自然人」列").click();
    h.run();
    assert_eq!(h.state().page, Page::Section(2));
    assert!(
        h.get_by_label(NEW_NATURAL).is_focused(),
        "the first cell of the finding has the focus"
    );
}

#[test]
fn letters_are_kept_flagged_and_never_counted() {
    let dir = TempDir::new("gui-letters");
    let mut h = seed_harness(&dir);
    type_into(&mut h, NEW_NATURAL, "23a");
    assert_eq!(
        h.state().session.draft().cells["t3.new_received.natural"],
        CellEntry::Text("23a".into())
    );
    assert_eq!(value(&h, "t3.new_received.natural").1, CellStatus::Invalid);
    assert_eq!(
        value(&h, "t3.new_received.total").1,
        CellStatus::Computed { is_complete: false }
    );
    let r6 = h
        .state()
        .session
        .evaluation()
        .findings
        .iter()
        .any(|f| f.rule == "R6" && f.message.contains("「23a」"));
    assert!(r6, "R6 names the text");
    // Leaving the cell keeps what was typed.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.get_by_label(NEW_NATURAL).value().as_deref(), Some("23a"));
}

#[test]
fn negative_and_decimal_counts_are_flagged_at_the_cell() {
    let dir = TempDir::new("gui-neg");
    let mut h = seed_harness(&dir);
    type_into(&mut h, NEW_NATURAL, "-3");
    let e = &h.state().session.evaluation();
    assert!(
        e.findings
            .iter()
            .any(|f| f.rule == "R6" && f.message.contains("不能为负数"))
    );
    type_into(&mut h, CARRIED_NATURAL, "1.5");
    let e = &h.state().session.evaluation();
    assert!(
        e.findings
            .iter()
            .any(|f| f.rule == "R6" && f.message.contains("应为整数"))
    );
}

#[test]
fn pasting_a_block_fills_cells_from_the_focused_one() {
    let dir = TempDir::new("gui-paste");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(2);
    h.run();
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.event(Event::Paste("1\t2\t3\r\n4\t5\t6\r\n".into()));
    h.run();
    let cells = &h.state().session.draft().cells;
    assert_eq!(cells["t3.new_received.natural"].to_string(), "1");
    assert_eq!(cells["t3.new_received.research"].to_string(), "3");
    assert_eq!(cells["t3.carried_over.natural"].to_string(), "4");
    assert_eq!(cells["t3.carried_over.research"].to_string(), "6");
    assert_eq!(value(&h, "t3.carried_over.total").0, n(15));
    // Too wide a block: the rest is reported, not silently dropped.
    h.get_by_label("表三 本年新收政府信息公开申请数量 其他")
        .click();
    h.run();
    h.event(Event::Paste("7\t8\tx\n".into()));
    h.run();
    let Some(Dialog::Message(message)) = &h.state().dialog else {
        panic!("expected a message about the values that did not fit");
    };
    assert!(message.contains("2个值超出表格范围"), "{message}");
}

#[test]
fn undo_and_redo() {
    let dir = TempDir::new("gui-undo");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "123");
    h.key_press(Key::Tab);
    h.run();
    type_into(&mut h, NEW_LEGAL, "5");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(value(&h, "t3.new_received.total").0, n(128));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        value(&h, "t3.new_received.total").0,
        n(123),
        "typing into one cell is one step"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        !h.state()
            .session
            .draft()
            .cells
            .contains_key("t3.new_received.natural")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(value(&h, "t3.new_received.total").0, n(123));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(value(&h, "t3.new_received.total").0, n(128));
}

#[test]
fn enter_moves_down_escape_reverts() {
    let dir = TempDir::new("gui-keys");
    let mut h = seed_harness(&dir);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label(CARRIED_NATURAL).is_focused(),
        "Enter moves down"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    assert!(
        h.get_by_label(NEW_NATURAL).is_focused(),
        "Shift+Enter moves up"
    );
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label("表三 本年新收政府信息公开申请数量 商业企业")
            .is_focused(),
        "Tab moves along the row"
    );
    h.get_by_label("表三 本年新收政府信息公开申请数量 商业企业")
        .type_text("9");
    h.run();
    assert_eq!(value(&h, "t3.new_received.commercial").0, n(9));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        value(&h, "t3.new_received.commercial").0,
        n(0),
        "Esc puts back what the cell held"
    );
}

#[test]
fn enter_that_commits_an_ime_composition_stays_in_the_cell() {
    let dir = TempDir::new("gui-ime");
    let mut h = seed_harness(&dir);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.event(Event::Ime(ImeEvent::Preedit {
        text: "２５".into(),
        active_range_chars: None,
    }));
    h.run();
    assert!(
        h.get_by_label(NEW_NATURAL).is_focused(),
        "focused while composing"
    );
    h.event(Event::Ime(ImeEvent::Commit("２５".into())));
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label(NEW_NATURAL).is_focused(),
        "the Enter belonged to the input method"
    );
    assert_eq!(value(&h, "t3.new_received.natural").0, n(25));
    // A later Enter is the user's: it moves down.
    h.key_press(Key::Enter);
    h.run();
    assert!(h.get_by_label(CARRIED_NATURAL).is_focused());
}

#[test]
fn narrative_text_with_an_input_method() {
    let dir = TempDir::new("gui-text");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(0);
    h.run();
    let label = "一、总体情况（一）主动公开";
    h.get_by_label(label).click();
    h.run();
    h.event(Event::Ime(ImeEvent::Preedit {
        text: "zhudong".into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(Event::Ime(ImeEvent::Commit("主动公开政府信息".into())));
    h.run();
    h.get_by_label(label).type_text("，共2424条。");
    h.run();
    assert_eq!(
        h.state().session.draft().text("s1.proactive"),
        "主动公开政府信息，共2424条。"
    );
}

#[test]
fn save_then_open_round_trip() {
    let dir = TempDir::new("gui-save");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "23");
    type_into(&mut h, CARRIED_NATURAL, "abc");
    let path = dir.path().join("报告.nianbao");
    h.state_mut()
        .ix
        .commands
        .push(Command::SaveAs(Some(path.clone())));
    h.run();
    assert!(!h.state().session.is_dirty());
    assert!(
        h.state().session.title().starts_with("报告.nianbao"),
        "{}",
        h.state().session.title()
    );
    let saved = h.state().session.draft().clone();
    let h2 = harness(options(dir.path(), Some(path)));
    assert_eq!(
        *h2.state().session.draft(),
        saved,
        "what was typed, invalid text included, comes back"
    );
}

#[test]
fn unsaved_changes_are_asked_about() {
    let dir = TempDir::new("gui-unsaved");
    let mut h = seed_harness(&dir);
    type_into(&mut h, NEW_NATURAL, "99");
    assert!(
        h.state().session.title().ends_with("* - 年报"),
        "{}",
        h.state().session.title()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::Unsaved(Command::New))
    ));
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(
        value(&h, "t3.new_received.natural").0,
        n(99),
        "cancel keeps the draft"
    );
    new_draft_without_saving(&mut h);
    assert!(
        h.state().session.draft().cells.is_empty(),
        "a new, empty draft"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("seed.nianbao")).expect("seed file"),
        SEED_003,
        "the file on disk was not touched"
    );
}

#[test]
fn save_from_the_prompt_then_continue() {
    let dir = TempDir::new("gui-prompt-save");
    let mut h = seed_harness(&dir);
    type_into(&mut h, NEW_NATURAL, "77");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let saved = std::fs::read_to_string(dir.path().join("seed.nianbao")).expect("saved");
    assert!(
        saved.contains("\"t3.new_received.natural\": \"77\""),
        "saved before the new draft"
    );
    assert!(h.state().session.draft().cells.is_empty());
    assert!(
        dir.path().join("seed.nianbao.bak").exists(),
        "the previous version is kept"
    );
}

#[test]
fn recovery_after_a_crash() {
    let dir = TempDir::new("gui-recovery");
    {
        let mut h = harness(options(dir.path(), None));
        h.state_mut().page = Page::Section(2);
        h.run();
        type_into(&mut h, NEW_NATURAL, "41");
        h.state_mut().write_recovery_now();
        // The harness is dropped without saving or closing: a crash.
    }
    let mut h = harness(options(dir.path(), None));
    restore_offered(&mut h);
    assert_eq!(value(&h, "t3.new_received.natural").0, n(41));
    assert!(
        h.state().session.is_dirty(),
        "restored work still needs saving"
    );
}

/// Types `value` into 表三's first cell and writes the recovery file.
fn type_unsaved(h: &mut Harness<'static, App>, value: &str) {
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(h, NEW_NATURAL, value);
    h.state_mut().write_recovery_now();
}

/// An editor window that has typed `value` into 表三's first cell and written its recovery
/// file.
fn window_with_unsaved(dir: &Path, value: &str) -> Harness<'static, App> {
    let mut h = harness(options(dir, None));
    type_unsaved(&mut h, value);
    h
}

/// Answers 「恢复」 to the recovery question, which must be showing.
fn restore_offered(h: &mut Harness<'static, App>) {
    assert_eq!(h.state().dialog, Some(Dialog::Recovery));
    h.run();
    h.get_by_label("恢复").click();
    h.run();
}

/// 新建 (Ctrl+N), answering 「不保存」 to the unsaved-changes question.
fn new_draft_without_saving(h: &mut Harness<'static, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("不保存").click();
    h.run();
}

#[test]
fn each_window_keeps_its_own_recovery_file() {
    let dir = TempDir::new("gui-two-windows");
    let a = window_with_unsaved(dir.path(), "41");
    {
        let mut b = window_with_unsaved(dir.path(), "52");
        assert_eq!(
            b.state().dialog,
            None,
            "window A is still running: its work is not offered to B"
        );
        // B drops its changes: only B's recovery file goes.
        new_draft_without_saving(&mut b);
    }
    drop(a); // A crashes.
    let mut c = harness(options(dir.path(), None));
    restore_offered(&mut c);
    assert_eq!(value(&c, "t3.new_received.natural").0, n(41), "A's work");
}

#[test]
fn every_crashed_window_is_offered_and_restored_work_stays_protected() {
    let dir = TempDir::new("gui-two-crashes");
    drop(window_with_unsaved(dir.path(), "41"));
    drop(window_with_unsaved(dir.path(), "52"));
    let mut d = harness(options(dir.path(), None));
    assert_eq!(d.state().dialog, Some(Dialog::Recovery));
    d.run();
    d.get_by_label("丢弃").click();
    d.run();
    assert_eq!(
        d.state().dialog,
        Some(Dialog::Recovery),
        "the other crashed window's work is offered next"
    );
    d.get_by_label("恢复").click();
    d.run();
    let restored = value(&d, "t3.new_received.natural").0;
    assert!(restored == n(41) || restored == n(52), "{restored:?}");
    // While D runs, no other window offers what D took over.
    assert_eq!(harness(options(dir.path(), None)).state().dialog, None);
    drop(d); // D crashes before saving: the restored work is still there.
    let mut e = harness(options(dir.path(), None));
    restore_offered(&mut e);
    assert_eq!(value(&e, "t3.new_received.natural").0, restored);
}

/// Writes a recovery file as a crashed window would have, at `file` in `dir`.
fn crashed_recovery(file: &Path, draft_ron: &str) {
    std::fs::create_dir_all(file.parent().expect("folder")).expect("folder");
    std::fs::write(file, format!("// nianbao recovery of: \n{draft_ron}")).expect("write");
}

#[test]
fn a_recovery_file_from_before_per_window_files_is_offered() {
    let dir = TempDir::new("gui-old-recovery");
    let ron = SEED_003.replace(
        "\"t3.new_received.natural\": \"23\"",
        "\"t3.new_received.natural\": \"77\"",
    );
    assert_ne!(ron, SEED_003, "the seed has that cell");
    let old = dir.path().join("data").join("recovery.nianbao");
    crashed_recovery(&old, &ron);
    let mut h = harness(options(dir.path(), None));
    restore_offered(&mut h);
    assert_eq!(value(&h, "t3.new_received.natural").0, n(77));
    assert!(
        !dir.path().join("recovery.nianbao").exists(),
        "moved into a slot"
    );
}

#[test]
fn a_recovery_that_cannot_be_restored_is_kept() {
    let dir = TempDir::new("gui-unrestorable");
    let ron = SEED_003.replace(
        "template_file: None",
        "template_file: Some(\"不存在的格式.ron\")",
    );
    assert_ne!(ron, SEED_003);
    let file = dir.path().join("data").join("recovery").join("1.nianbao");
    crashed_recovery(&file, &ron);
    {
        let mut h = harness(options(dir.path(), None));
        restore_offered(&mut h);
        assert!(
            matches!(&h.state().dialog, Some(Dialog::Message(m)) if m.contains("恢复文件保留未动")),
            "{:?}",
            h.state().dialog
        );
        h.state_mut().dialog = None;
        // This window types, then drops its changes: its own recovery file goes, not the
        // crashed one's.
        type_unsaved(&mut h, "5");
        new_draft_without_saving(&mut h);
    }
    assert!(file.exists(), "the crashed window's work is still there");
    assert_eq!(
        harness(options(dir.path(), None)).state().dialog,
        Some(Dialog::Recovery),
        "and offered again"
    );
}

#[test]
fn fill_zeros_is_an_explicit_undoable_action() {
    let dir = TempDir::new("gui-zeros");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = Page::Section(3);
    h.run();
    h.get_by_label("空白单元格填0").click();
    h.run();
    assert_eq!(
        value(&h, "t4.review.total"),
        (n(0), CellStatus::Computed { is_complete: true })
    );
    assert_eq!(
        h.state().session.draft().cells.len(),
        12,
        "only table 四's inputs"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().session.draft().cells.is_empty());
}

#[test]
fn a_broken_file_leaves_the_open_draft_alone() {
    let dir = TempDir::new("gui-broken");
    let mut h = seed_harness(&dir);
    let broken = dir.path().join("broken.nianbao");
    std::fs::write(&broken, "(format_version: 1, template: ").expect("write");
    h.state_mut().ix.commands.push(Command::Open(Some(broken)));
    h.run();
    let Some(Dialog::Message(m)) = &h.state().dialog else {
        panic!("expected an error message");
    };
    assert!(
        m.contains("草稿文件第1行") && m.contains("broken.nianbao"),
        "{m}"
    );
    assert_eq!(
        value(&h, "t3.new_received.total").0,
        n(47),
        "the open draft is unchanged"
    );
}

#[test]
fn file_errors_are_explained_in_chinese() {
    let dir = TempDir::new("gui-missing");
    let mut h = seed_harness(&dir);
    let missing = dir.path().join("不存在.nianbao");
    h.state_mut().ix.commands.push(Command::Open(Some(missing)));
    h.run();
    let Some(Dialog::Message(m)) = &h.state().dialog else {
        panic!("expected an error message");
    };
    assert!(
        m.contains("无法读取草稿（找不到该文件或文件夹）") && m.contains("不存在.nianbao"),
        "{m}"
    );
    assert!(!m.contains("os error"), "{m}");
}

/// Every character the templates and the UI can show has a glyph in the bundled font.
#[test]
fn bundled_font_covers_every_character_shown() {
    let mut chars: Vec<char> = Vec::new();
    for source in [
        nianbao::template::TEMPLATE_2021_RON,
        nianbao::template::TEMPLATE_2019_RON,
        include_str!("../../src/gui/mod.rs"),
        include_str!("../../src/gui/panels.rs"),
        include_str!("../../src/gui/table_ui.rs"),
        include_str!("../../src/gui/command.rs"),
        include_str!("../../src/engine/checks.rs"),
        include_str!("../../src/engine/mod.rs"),
        include_str!("../../src/number.rs"),
        include_str!("../../src/draft.rs"),
        include_str!("../../src/date.rs"),
    ] {
        for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
            // Characters inside string literals.
            for (i, part) in line.split('"').enumerate() {
                if i % 2 == 1 {
                    chars.extend(part.chars().filter(|c| !c.is_ascii()));
                }
            }
        }
    }
    chars.sort_unstable();
    chars.dedup();
    assert!(
        chars.len() > 300,
        "found the strings ({} characters)",
        chars.len()
    );
    let mut missing = Vec::new();
    let mut h = Harness::builder()
        .with_context_setup(nianbao::gui::install_cjk_font)
        .build_ui(|ui| {
            ui.label("年报");
        });
    h.run();
    h.ctx.fonts_mut(|f| {
        for &c in &chars {
            if !f.has_glyph(&egui::FontId::proportional(14.0), c) {
                missing.push(c);
            }
        }
    });
    assert_eq!(missing, Vec::<char>::new(), "characters without a glyph");
}

#[test]
fn a_paste_into_a_text_after_leaving_the_table_is_the_texts() {
    let dir = TempDir::new("gui-paste-text");
    let mut h = seed_harness(&dir);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.state_mut().show_page(Page::Section(0));
    h.run();
    let label = "一、总体情况（一）主动公开";
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Paste("第一行\n第二行".into()));
    h.run();
    assert_eq!(
        h.state().session.draft().text("s1.proactive"),
        "第一行\n第二行"
    );
    assert_eq!(
        value(&h, "t3.new_received.total").0,
        n(47),
        "table 三 untouched"
    );
}

#[test]
fn a_decimal_point_in_a_count_is_flagged() {
    let dir = TempDir::new("gui-decimal");
    let mut h = seed_harness(&dir);
    type_into(&mut h, NEW_NATURAL, "23.0");
    let e = &h.state().session.evaluation();
    assert!(
        e.findings
            .iter()
            .any(|f| f.rule == "R6" && f.message.contains("「23.0」")),
        "{:?}",
        e.findings
    );
    assert!(h.state().session.is_dirty());
}

#[test]
fn discarded_changes_are_not_offered_for_recovery() {
    let dir = TempDir::new("gui-discard");
    {
        let mut h = seed_harness(&dir);
        type_into(&mut h, NEW_NATURAL, "31");
        h.state_mut().write_recovery_now();
        new_draft_without_saving(&mut h);
    }
    let h = harness(options(dir.path(), None));
    assert_eq!(h.state().dialog, None, "nothing to recover");
}

#[test]
fn the_report_year_is_picked_from_a_list_and_a_future_year_is_flagged() {
    let dir = TempDir::new("gui-year");
    let mut h = seed_harness(&dir);
    h.state_mut().page = Page::Meta;
    h.run();
    // A drag over the field changes nothing: it is a list.
    let year = h.get_by_label("报告年度");
    let at = year.rect().center();
    h.drag_at(at);
    h.hover_at(at + vec2(48.0, 0.0));
    h.drop_at(at + vec2(48.0, 0.0));
    h.run();
    assert_eq!(h.state().session.draft().meta.year, 2024);
    h.get_by_label("报告年度").click();
    h.run();
    h.get_by_label("2023年").click();
    h.run();
    assert_eq!(h.state().session.draft().meta.year, 2023);
    assert!(h.query_by_label_contains("晚于今年").is_none());
    // Today is 2025-01-10: 2026 is after this year.
    h.get_by_label("报告年度").click();
    h.run();
    h.get_by_label("2026年").click();
    h.run();
    assert_eq!(h.state().session.draft().meta.year, 2026);
    assert!(h.query_by_label_contains("晚于今年（2025年）").is_some());
    // One step each: undo goes back to 2023.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session.draft().meta.year, 2023);
}

#[test]
fn table_headers_break_between_words() {
    let dir = TempDir::new("gui-headers");
    let h = seed_harness(&dir);
    // As the official template: 「商业/企业」, never 「商业企/业」.
    for label in [
        "商业\n企业",
        "科研\n机构",
        "社会\n公益\n组织",
        "法律\n服务\n机构",
    ] {
        h.get_by_label(label);
    }
    h.get_by_label("自然人");
}

#[test]
fn the_hint_of_section_six_says_what_to_write() {
    let dir = TempDir::new("gui-hint-six");
    let mut h = seed_harness(&dir);
    h.state_mut().page = Page::Section(5);
    h.run();
    h.get_by_label_contains(
        "实际收取的总金额，或说明未收取（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）",
    );
    assert!(
        h.query_by_label_contains("尚未核实").is_none(),
        "a hint never undermines the tool"
    );
}

/// 文件 › 退出 › 不保存, and the frame the closing window still draws, without the focus.
fn quit_without_saving(h: &mut Harness<'static, App>) {
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("退出").click();
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    let viewport = h.input().viewport_id;
    h.input_mut().viewports.entry(viewport).or_default().focused = Some(false);
    h.run();
}

#[test]
fn quitting_without_saving_leaves_nothing_to_recover() {
    let dir = TempDir::new("gui-quit-discard");
    {
        let mut h = seed_harness(&dir);
        type_into(&mut h, NEW_NATURAL, "31");
        h.state_mut().write_recovery_now();
        type_into(&mut h, NEW_NATURAL, "32");
        // Idle for more than 30 s: the recovery file is due when the user quits.
        h.state_mut().make_recovery_due();
        quit_without_saving(&mut h);
    }
    let h = harness(options(dir.path(), None));
    assert_eq!(
        h.state().dialog,
        None,
        "a discard leaves nothing to recover"
    );
}

#[test]
fn saving_over_another_file_by_typed_path_asks_first() {
    let dir = TempDir::new("gui-overwrite");
    let mut h = harness(options(dir.path(), None));
    let other = dir.path().join("other.nianbao");
    std::fs::write(&other, SEED_003).expect("write");
    h.state_mut().dialog = Some(Dialog::Path {
        purpose: nianbao::gui::FilePurpose::Save,
        text: other.display().to_string(),
        reason: None,
    });
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(matches!(&h.state().dialog, Some(Dialog::Overwrite { path, .. }) if *path == other));
    assert_eq!(
        std::fs::read_to_string(&other).expect("read"),
        SEED_003,
        "not replaced yet"
    );
    h.get_by_label("替换").click();
    h.run();
    assert_ne!(
        std::fs::read_to_string(&other).expect("read"),
        SEED_003,
        "replaced after confirming"
    );
}

#[test]
fn export_from_the_editor() {
    let dir = TempDir::new("gui-export");
    let mut h = seed_harness(&dir);
    dated(&mut h);
    let path = dir.path().join("报告.docx");
    h.state_mut().ix.commands.push(Command::Export {
        format: nianbao::gui::ExportFormat::Docx,
        path: Some(path.clone()),
        reason: None,
    });
    h.run();
    // No errors or warnings: only that the report is not yet finalized (定稿).
    assert!(
        matches!(h.state().dialog, Some(Dialog::ExportWithErrors { .. })),
        "{:?}",
        h.state().dialog
    );
    h.get_by_label_contains("此报告尚未定稿");
    assert!(!path.exists(), "not before the user goes on");
    h.get_by_label("仍然导出").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    let bytes = std::fs::read(&path).expect("exported");
    assert!(crate::word::read(&bytes).is_ok(), "a readable DOCX");
    // Finalized: nothing to confirm, and the file says it is the signed-off version.
    h.state_mut()
        .ix
        .commands
        .push(Command::Finalize("张三".to_owned()));
    h.run();
    let signed = dir.path().join("定稿.docx");
    h.state_mut().ix.commands.push(Command::Export {
        format: nianbao::gui::ExportFormat::Docx,
        path: Some(signed.clone()),
        reason: None,
    });
    h.run();
    assert_eq!(
        h.state().dialog,
        None,
        "a finalized report goes out as it is"
    );
    let core = crate::word::part(
        &std::fs::read(&signed).expect("exported"),
        "docProps/core.xml",
    );
    assert!(
        core.contains("<cp:contentStatus>定稿</cp:contentStatus>"),
        "{core}"
    );
}

/// The path prompt holds a suggested path, with the focus: replaced by `path`, confirmed.
fn replace_typed_path(h: &mut Harness<'static, App>, path: &Path) {
    assert!(h.get_by_label("文件路径").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("文件路径")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("确定").click();
    h.run();
}

/// 文件 › 导出为PDF文件…: the command line typesets the draft as it stands (unsaved
/// changes too), and the status bar says which fonts stood in.
#[test]
fn pdf_export_from_the_menu_says_which_fonts_it_used() {
    let dir = TempDir::new("gui-export-pdf");
    let mut h = seed_harness(&dir);
    dated(&mut h);
    // An unsaved change, which the PDF carries.
    type_into(&mut h, NEW_NATURAL, "23");
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出为PDF文件…").click();
    h.run();
    h.get_by_label("仍然导出").click();
    h.run();
    // No system file dialog here: the editor asks for the path.
    let path = dir.path().join("报告.pdf");
    replace_typed_path(&mut h, &path);
    let status = h.state().status.clone();
    assert_eq!(h.state().dialog, None, "{status}");
    assert!(status.contains("已导出PDF文件"), "{status}");
    assert!(status.contains("PDF字体："), "{status}");
    let bytes = std::fs::read(&path).expect("exported");
    let back = nianbao::import::pdf(&bytes).expect("reads back");
    assert_eq!(
        back.draft
            .cells
            .get("t3.new_received.natural")
            .map(ToString::to_string),
        Some("23".to_owned())
    );
}

/// Without the command line beside it, the editor says what is missing and where.
#[test]
fn pdf_export_without_the_command_line_says_so() {
    let dir = TempDir::new("gui-export-pdf-missing");
    let path = dir.path().join("seed.nianbao");
    std::fs::write(&path, SEED_003).expect("write seed");
    let mut h = harness(AppOptions {
        pdf_program: Some(dir.path().join("nianbao-cli")),
        ..options(dir.path(), Some(path))
    });
    dated(&mut h);
    let pdf = dir.path().join("报告.pdf");
    h.state_mut().ix.commands.push(Command::Export {
        format: nianbao::gui::ExportFormat::Pdf,
        path: Some(pdf.clone()),
        reason: Some(String::new()),
    });
    h.run();
    match &h.state().dialog {
        Some(Dialog::Message(m)) => assert!(m.contains("没有找到它"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(!pdf.exists());
}

#[test]
fn exporting_a_draft_with_errors_needs_a_reason() {
    let dir = TempDir::new("gui-export-errors");
    let mut h = seed_harness(&dir);
    dated(&mut h);
    type_into(&mut h, NEW_NATURAL, "30");
    let path = dir.path().join("报告.html");
    // From the menu: no file chosen yet.
    h.state_mut().ix.commands.push(Command::Export {
        format: nianbao::gui::ExportFormat::Html,
        path: None,
        reason: None,
    });
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::ExportWithErrors { .. })),
        "the errors are shown first"
    );
    assert_eq!(
        h.get_all_by_label_contains("R1 表三「自然人」列").count(),
        2,
        "the error is listed in the dialog as well as in the findings panel"
    );
    assert!(!path.exists(), "nothing exported yet");
    h.get_by_label("确认无误、仍要导出的原因（必填）").click();
    h.run();
    h.get_by_label("确认无误、仍要导出的原因（必填）")
        .type_text("经核实，原始台账如此");
    h.run();
    // The dialog asks for the file (no system dialog here: the app asks for a path).
    h.get_by_label("仍然导出").click();
    h.run();
    let Some(Dialog::Path { purpose, .. }) = &h.state().dialog else {
        panic!("expected the path prompt, got {:?}", h.state().dialog);
    };
    assert_eq!(
        *purpose,
        nianbao::gui::FilePurpose::Export(nianbao::gui::ExportFormat::Html)
    );
    replace_typed_path(&mut h, &path);
    assert!(
        std::fs::read_to_string(&path)
            .expect("exported")
            .contains("<table")
    );
    assert!(
        h.state().status.contains("经核实，原始台账如此"),
        "{}",
        h.state().status
    );
    // With the file already chosen, the reason is asked for and the file written, without
    // asking for the file again; cancelled, nothing is written and the next export asks
    // for a reason again.
    let chosen = dir.path().join("已选.txt");
    let export = Command::Export {
        format: nianbao::gui::ExportFormat::Text,
        path: Some(chosen.clone()),
        reason: None,
    };
    h.state_mut().ix.commands.push(export.clone());
    h.run();
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert!(!chosen.exists(), "cancelled: nothing written");
    h.state_mut().ix.commands.push(export);
    h.run();
    let Some(Dialog::ExportWithErrors { path, reason, .. }) = &h.state().dialog else {
        panic!("a reason is asked for again, got {:?}", h.state().dialog);
    };
    assert_eq!((path.as_ref(), reason.as_str()), (Some(&chosen), ""));
    h.get_by_label("确认无误、仍要导出的原因（必填）").click();
    h.run();
    h.get_by_label("确认无误、仍要导出的原因（必填）")
        .type_text("领导已批准");
    h.run();
    h.get_by_label("仍然导出").click();
    h.run();
    assert_eq!(h.state().dialog, None, "no second question for the file");
    assert!(chosen.exists(), "written where chosen");
    assert!(
        h.state().status.contains("领导已批准"),
        "{}",
        h.state().status
    );
}

#[test]
fn printed_totals_can_be_given_up_for_the_computed_ones() {
    let dir = TempDir::new("gui-accept-totals");
    let mut h = seed_harness(&dir);
    assert!(
        !h.state().session.draft().stated.is_empty(),
        "seed 003 keeps its printed totals"
    );
    // Correcting one figure of an imported report: the printed total now disagrees.
    type_into(&mut h, NEW_NATURAL, "24");
    h.key_press(Key::Tab);
    h.run();
    let r2 = |h: &Harness<'_, App>| {
        h.state()
            .session
            .evaluation()
            .findings
            .iter()
            .any(|f| f.rule == "R2")
    };
    assert!(r2(&h), "R2: 原表为47，应为48");
    h.get_by_label_contains("采用计算的合计 R2").click();
    h.run();
    assert!(h.state().session.draft().stated.is_empty());
    assert!(!r2(&h), "nothing left to disagree with");
    let Some(Dialog::Message(m)) = &h.state().dialog else {
        panic!("the changed totals are listed: {:?}", h.state().dialog);
    };
    assert!(m.contains("47 → 48"), "{m}");
    h.state_mut().dialog = None;
    // One step: undo brings the printed totals back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().session.draft().stated.is_empty());
    assert!(r2(&h));
}

#[test]
fn the_typed_path_dialog_takes_the_keys_and_suggests_a_name() {
    let dir = TempDir::new("gui-ask-path");
    let mut h = seed_harness(&dir);
    dated(&mut h);
    h.state_mut().ix.commands.push(Command::Save);
    h.run();
    // Export: the draft's folder and the suggested name, ready for Enter.
    h.state_mut().ask_path(nianbao::gui::FilePurpose::Export(
        nianbao::gui::ExportFormat::Text,
    ));
    h.run();
    let field = h.get_by_label("文件路径");
    assert!(field.is_focused(), "the field has the focus");
    assert_eq!(
        field.value().as_deref(),
        Some(dir.path().join("seed.txt").display().to_string().as_str())
    );
    h.key_press(Key::Enter);
    h.run();
    h.run();
    // The question before exporting a report not finalized, then the file.
    h.get_by_label("仍然导出").click();
    h.run();
    assert!(dir.path().join("seed.txt").exists(), "Enter confirms");
    // Open: the folder, and the first keystrokes go into the field.
    std::fs::write(dir.path().join("other.nianbao"), SEED_003).expect("write");
    h.state_mut().ask_path(nianbao::gui::FilePurpose::Open);
    h.run();
    h.get_by_label("文件路径").type_text("other.nianbao");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(
        h.state().session.path.as_deref(),
        Some(dir.path().join("other.nianbao").as_path())
    );
    // Esc cancels.
    h.state_mut().ask_path(nianbao::gui::FilePurpose::Save);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().dialog, None);
}

#[test]
fn a_typed_export_path_gets_its_extension_and_never_replaces_the_draft() {
    let dir = TempDir::new("gui-export-path");
    let mut h = seed_harness(&dir);
    dated(&mut h);
    let draft_path = dir.path().join("seed.nianbao");
    h.state_mut().dialog = Some(Dialog::Path {
        purpose: nianbao::gui::FilePurpose::Export(nianbao::gui::ExportFormat::Text),
        text: draft_path.with_extension("").display().to_string(),
        // Asked after the question before exporting, which was answered.
        reason: Some(String::new()),
    });
    h.run();
    h.get_by_label("确定").click();
    h.run();
    assert!(
        dir.path().join("seed.txt").exists(),
        "the extension is added"
    );
    h.state_mut().dialog = Some(Dialog::Path {
        purpose: nianbao::gui::FilePurpose::Export(nianbao::gui::ExportFormat::Html),
        text: dir.path().join("seed.html").display().to_string(),
        reason: Some(String::new()),
    });
    h.run();
    std::fs::write(dir.path().join("seed.html"), "earlier").expect("write");
    h.get_by_label("确定").click();
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::Overwrite { .. })),
        "an existing file is not replaced without asking"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("seed.html")).expect("read"),
        "earlier"
    );
    assert_eq!(
        std::fs::read_to_string(&draft_path).expect("read"),
        SEED_003
    );
}

#[test]
fn next_year_shows_last_years_text_to_quote_and_checks_it() {
    let dir = TempDir::new("gui-next-year");
    let last = dir.path().join("2024.nianbao");
    std::fs::write(&last, SEED_003).expect("write seed");
    let mut h = harness(options(dir.path(), None));
    h.state_mut()
        .ix
        .commands
        .push(Command::NextYear(Some(last.clone())));
    h.run();
    {
        let s = &h.state().session;
        assert_eq!(s.draft().meta.year, 2025);
        assert_eq!(s.draft().meta.agency, "城中区人民政府");
        assert!(s.path.is_none() && s.is_dirty(), "a new, unsaved draft");
        assert!(s.last_year.is_some(), "linked to last year's draft");
        assert!(s.draft().text("s1.proactive").is_empty(), "no text copied");
    }
    assert_eq!(
        value(&h, "t3.carried_over.legal_service"),
        (n(0), CellStatus::Entered)
    );
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Message(m)) if m.contains("上年结转已按2024年度报告")),
        "{:?}",
        h.state().dialog
    );
    h.state_mut().dialog = None;
    // Section 一: last year's text beside this year's, paragraph by paragraph.
    h.state_mut().page = Page::Section(0);
    h.run();
    h.get_by_label_contains("上年报告（2024年度）");
    h.get_by_label("引用此段：(一)主动公开方面。一是").click();
    h.run();
    let s = &h.state().session;
    assert!(
        s.draft()
            .text("s1.proactive")
            .starts_with("(一)主动公开方面。一是2024年"),
        "{}",
        s.draft().text("s1.proactive")
    );
    assert_eq!(s.draft().quoted.len(), 1, "marked as quoted");
    assert!(
        s.evaluation()
            .findings
            .iter()
            .any(|f| f.rule == "R12" && f.message.contains("2024年")),
        "the quoted paragraph's year is flagged"
    );
    // One undo step takes it back.
    h.state_mut().ix.commands.push(Command::Undo);
    h.run();
    assert!(h.state().session.draft().text("s1.proactive").is_empty());
    // R5 with both figures, once 上年结转 differs from last year's 结转下年度.
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, CARRIED_NATURAL, "7");
    let r5: Vec<String> = h
        .state()
        .session
        .evaluation()
        .findings
        .iter()
        .filter(|f| f.rule == "R5")
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(r5.len(), 1, "{r5:?}");
    assert!(
        r5[0].contains("为7") && r5[0].contains("结转下年度为0"),
        "{}",
        r5[0]
    );
    // Unlinking turns R5 off; undoing the unlink brings last year's draft back.
    h.state_mut().ix.commands.push(Command::UnlinkLastYear);
    h.run();
    assert!(h.state().session.last_year.is_none());
    assert!(
        !h.state()
            .session
            .evaluation()
            .findings
            .iter()
            .any(|f| f.rule == "R5")
    );
    h.state_mut().ix.commands.push(Command::Undo);
    h.run();
    assert!(
        h.state().session.last_year.is_some(),
        "undo restores the link"
    );
    assert!(
        h.state()
            .session
            .evaluation()
            .findings
            .iter()
            .any(|f| f.rule == "R5")
    );
    // Saved beside last year's, the link is by file name; it survives reopening.
    let new = dir.path().join("2025.nianbao");
    h.state_mut()
        .ix
        .commands
        .push(Command::SaveAs(Some(new.clone())));
    h.run();
    let saved = std::fs::read_to_string(&new).expect("saved");
    assert!(
        saved.contains("last_year: Some(\"2024.nianbao\")"),
        "{saved}"
    );
    let h = harness(options(dir.path(), Some(new)));
    assert!(h.state().session.last_year.is_some());
    assert!(
        h.state()
            .session
            .evaluation()
            .findings
            .iter()
            .any(|f| f.rule == "R5")
    );
}

#[test]
fn import_a_published_word_report() {
    let dir = TempDir::new("gui-import");
    let (_, draft) = crate::util::seed(SEED_003);
    let docx = crate::util::docx_of(SEED_003);
    let path = dir.path().join("published.docx");
    std::fs::write(&path, docx).expect("write");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().ix.commands.push(Command::Import(Some(path)));
    h.run();
    let s = &h.state().session;
    assert_eq!(s.draft().cells, draft.cells, "every value read back");
    assert!(s.path.is_none() && s.is_dirty(), "to be checked and saved");
    assert!(
        matches!(&h.state().dialog, Some(Dialog::ImportReport { summary, .. }) if summary.contains("读取单元格200个")),
        "{:?}",
        h.state().dialog
    );
    h.get_by_label("导入报告");
    // A file that is not a report changes nothing and says why.
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really").expect("write");
    h.state_mut().dialog = None;
    h.state_mut().ix.commands.push(Command::Import(Some(bad)));
    h.run();
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Unsaved(Command::Import(_)))),
        "the imported draft is unsaved: asked first"
    );
    h.state_mut().dialog = None;
    h.state_mut().confirm_discard();
    h.state_mut()
        .ix
        .commands
        .push(Command::Import(Some(dir.path().join("bad.docx"))));
    h.run();
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Message(m)) if m.contains("无法导入") && m.contains("bad.docx")),
        "{:?}",
        h.state().dialog
    );
    assert_eq!(h.state().session.draft().cells, draft.cells, "nothing lost");
}

#[test]
fn the_import_report_names_cells_in_chinese_grouped_by_table() {
    let dir = TempDir::new("gui-import-report");
    let mut h = harness(options(dir.path(), None));
    let hubei = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/hubei-2019.txt");
    h.state_mut().ix.commands.push(Command::Import(Some(hubei)));
    h.run();
    h.run();
    // What was not read comes first, the cells read are folded by table.
    let ignored = h
        .get_by_label_contains("「其他主动公开文件」不是本格式的行")
        .rect();
    let tables = h.get_by_label("表三（161个）").rect();
    assert!(ignored.top() < tables.top(), "what was not read first");
    h.get_by_label("表二（22个）");
    h.get_by_label("表四（15个）");
    assert!(h.query_by_label_contains("t3.").is_none(), "no ids");
    assert!(
        h.query_by_label_contains("表三 本年新收政府信息公开申请数量 自然人")
            .is_none(),
        "folded"
    );
    h.get_by_label("表三（161个）").click();
    h.run();
    h.get_by_label_contains("表三 本年新收政府信息公开申请数量 自然人：");
    // The printed totals can be given up from here.
    h.get_by_label("采用软件计算的合计");
}

#[test]
fn import_a_published_pdf_and_refuse_a_scan() {
    let dir = TempDir::new("gui-import-pdf");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pdf");
    let (_, draft) = crate::util::seed(SEED_003);
    let mut h = harness(options(dir.path(), None));
    let pdf = Path::new(data).join("seed-003.pdf");
    h.state_mut().ix.commands.push(Command::Import(Some(pdf)));
    h.run();
    assert_eq!(
        h.state().session.draft().cells,
        draft.cells,
        "every value read back"
    );
    assert_eq!(h.state().session.draft().meta.agency, "城中区人民政府");
    assert!(
        matches!(&h.state().dialog, Some(Dialog::ImportReport { summary, .. }) if summary.contains("读取单元格200个")),
        "{:?}",
        h.state().dialog
    );
    // A scan: nothing changes, and the message says why.
    h.state_mut().dialog = None;
    h.state_mut().confirm_discard();
    let scan = Path::new(data).join("bad/scanned.pdf");
    h.state_mut().ix.commands.push(Command::Import(Some(scan)));
    h.run();
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Message(m)) if m.contains("没有文字层") && m.contains("scanned.pdf")),
        "{:?}",
        h.state().dialog
    );
    assert_eq!(h.state().session.draft().cells, draft.cells, "nothing lost");
}

/// Seed 003 with a narrative figure that contradicts 表四 (R11: 行政复议 3 vs 5).
fn review_harness(dir: &TempDir) -> (Harness<'static, App>, PathBuf) {
    let (t, mut d) = crate::util::seed(SEED_003);
    d.set_text("s6.body", "本年度未收取信息处理费。全年行政复议3件。");
    let path = dir.path().join("审阅.nianbao");
    std::fs::write(&path, d.to_ron(Some(&t)).expect("ron")).expect("write");
    let mut h = harness(options(dir.path(), Some(path.clone())));
    h.run();
    (h, path)
}

fn has_r11(h: &Harness<'_, App>) -> bool {
    h.state()
        .visible_findings()
        .iter()
        .any(|(f, _)| f.rule == "R11")
}

#[test]
fn a_verdict_settles_a_finding_until_its_figures_change() {
    let dir = TempDir::new("gui-verdict");
    let (mut h, path) = review_harness(&dir);
    // While drafting, the verdict buttons show on the finding picked only.
    assert!(
        h.query_by_label_contains("核实 R").is_none(),
        "a plain list"
    );
    h.get_by_label_contains("R11 六、其他需要报告的事项")
        .click();
    h.run();
    assert_eq!(h.query_all_by_label_contains("核实 R").count(), 1);
    h.get_by_label_contains("核实 R11").click();
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Dispose { .. })));
    // 确定 stays disabled until an explanation is typed.
    h.get_by_label("核实说明（必填）").click();
    h.run();
    h.get_by_label("核实说明（必填）")
        .type_text("另有2件为上年转入，已在说明中注明");
    h.run();
    h.get_by_label("确定").click();
    h.run();
    let s = &h.state().session;
    assert_eq!(s.draft().dispositions.len(), 1);
    h.get_by_label_contains("已核实，数据无误：另有2件为上年转入");
    // The status bar counts as the panel does: the settled warning apart.
    let e = &h.state().session.evaluation();
    let (n_errors, n_warnings, n_hints) = (
        e.count(Severity::Error),
        e.count(Severity::Warning),
        e.count(Severity::Info),
    );
    h.get_by_label(&format!(
        "{n_errors}个错误 · {}个警告 · {n_hints}个提示 · 1条已核实",
        n_warnings - 1
    ));
    // Settled: filtered out when 已核实 is hidden, and not counted.
    h.state_mut().filter.settled = false;
    h.run();
    assert!(!has_r11(&h), "settled findings can be hidden");
    h.state_mut().filter.settled = true;
    // Saved and reopened, the verdict still holds.
    h.state_mut().ix.commands.push(Command::Save);
    h.run();
    let mut h = harness(options(dir.path(), Some(path)));
    h.run();
    h.get_by_label_contains("已核实，数据无误：另有2件为上年转入");
    // The figure in the sentence changes: the finding is a new one and shows again.
    let text = format!("{}另附说明。", h.state().session.draft().text("s6.body"));
    h.state_mut()
        .session
        .edit(nianbao::gui::session::EditKey::Once, |d| {
            d.set_text("s6.body", &text);
        });
    h.run();
    let s = &h.state().session;
    let r11: Vec<_> = s
        .evaluation()
        .findings
        .iter()
        .filter(|f| f.rule == "R11")
        .collect();
    assert_eq!(r11.len(), 1, "still contradicts the table");
    // Typing that leaves the figures alone keeps the verdict …
    assert!(nianbao::review::disposition(s.template(), s.draft(), r11[0]).is_some());
    // … a different figure does not.
    let text = s.draft().text("s6.body").replace("3件", "4件");
    h.state_mut()
        .session
        .edit(nianbao::gui::session::EditKey::Once, |d| {
            d.set_text("s6.body", &text);
        });
    h.run();
    let s = &h.state().session;
    let r11 = s
        .evaluation()
        .findings
        .iter()
        .find(|f| f.rule == "R11")
        .expect("R11");
    assert!(nianbao::review::disposition(s.template(), s.draft(), r11).is_none());
    assert!(
        h.query_by_label_contains("已核实，数据无误：另有2件")
            .is_none(),
        "shown again, unexplained"
    );
}

#[test]
fn undo_never_takes_a_verdict_away() {
    let dir = TempDir::new("gui-verdict-undo");
    let (mut h, _) = review_harness(&dir);
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, NEW_LEGAL, "25");
    let s = &h.state().session;
    let r11 = s
        .evaluation()
        .findings
        .iter()
        .find(|f| f.rule == "R11" && f.message.contains("行政复议"))
        .expect("R11");
    let fingerprint = nianbao::review::fingerprint(s.template(), r11);
    h.state_mut().ix.commands.push(Command::Dispose {
        fingerprint,
        verdict: nianbao::draft::Verdict::Verified,
        note: "另有转入案件".to_owned(),
    });
    h.run();
    type_into(&mut h, NEW_NATURAL, "22");
    for _ in 0..3 {
        h.state_mut().ix.commands.push(Command::Undo);
        h.run();
    }
    let s = &h.state().session;
    assert_eq!(
        value(&h, "t3.new_received.legal_service"),
        (n(24), CellStatus::Entered),
        "content undone"
    );
    assert_eq!(s.draft().dispositions.len(), 1, "the verdict stays");
}

/// Writes `text` into the comment dialog, which must be showing, and confirms it.
fn write_comment(h: &mut Harness<'static, App>, text: &str) {
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Comment { .. })),
        "{:?}",
        h.state().dialog
    );
    h.get_by_label("批注内容").click();
    h.run();
    h.get_by_label("批注内容").type_text(text);
    h.run();
    h.get_by_label("确定").click();
    h.run();
}

#[test]
fn review_mode_blocks_edits_but_takes_comments() {
    let dir = TempDir::new("gui-review-mode");
    let (mut h, path) = review_harness(&dir);
    h.state_mut().ix.commands.push(Command::SetReviewMode(true));
    h.state_mut().page = Page::Section(2);
    h.run();
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.get_by_label(NEW_NATURAL).type_text("99");
    h.run();
    assert_eq!(
        value(&h, "t3.new_received.natural"),
        (n(23), CellStatus::Entered),
        "read-only"
    );
    h.state_mut().ix.commands.push(Command::FillZeros(1));
    h.run();
    assert!(
        !h.state().session.is_dirty(),
        "nothing changed: {}",
        h.state().status
    );
    assert!(h.state().status.contains("审阅模式下不能修改"));
    // A comment on the cell, from its right-click menu: read-only blocks edits, not that.
    h.get_by_label(NEW_NATURAL).click_secondary();
    h.run();
    h.get_by_label("添加批注…").click();
    h.run();
    write_comment(&mut h, "请核对信函登记簿");
    h.get_by_label_contains("请核对信函登记簿");
    h.state_mut().ix.commands.push(Command::Save);
    h.run();
    // And from the 审阅 menu, on the cell that had the focus.
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.get_by_label("审阅").click();
    h.run();
    h.get_by_label(&format!("添加批注…（{NEW_NATURAL}）"))
        .click();
    h.run();
    write_comment(&mut h, "来函已到");
    assert_eq!(h.state().session.draft().comments.len(), 2);
    assert_eq!(
        value(&h, "t3.new_received.natural"),
        (n(23), CellStatus::Entered),
        "still read-only"
    );
    let h = harness(options(dir.path(), Some(path)));
    let comments = &h.state().session.draft().comments;
    assert_eq!(comments.len(), 1, "comments persist through save and open");
    assert_eq!(comments[0].target, "t3.new_received.natural");
    h.get_by_label_contains("请核对信函登记簿");
}

#[test]
fn the_current_finding_is_shown_in_review_mode_too() {
    let dir = TempDir::new("gui-current");
    let (mut h, _) = review_harness(&dir);
    h.state_mut().ix.commands.push(Command::SetReviewMode(true));
    h.run();
    for _ in 0..2 {
        h.key_press(Key::F8);
        h.run();
        h.run();
        let state = h.state();
        let cursor = state.cursor.clone().expect("stepped");
        let (finding, _) = state
            .visible_findings()
            .into_iter()
            .find(|(_, fp)| *fp == cursor)
            .expect("current finding");
        assert_eq!(
            state.ix.current, finding.targets,
            "its places are highlighted"
        );
        // Read-only, and still where the keyboard is: the place has the focus.
        let name = match finding.targets.first().expect("a place") {
            nianbao::engine::Target::Cell(i) => state.session.template().cells[*i].name.clone(),
            nianbao::engine::Target::Part(id) => state
                .session
                .template()
                .part(id)
                .expect("part")
                .name
                .clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            h.query_all_by_label(&name).any(|n| n.is_focused()),
            "{name} has the focus"
        );
    }
}

#[test]
fn next_and_previous_flag_by_keyboard() {
    let dir = TempDir::new("gui-step");
    let (mut h, _) = review_harness(&dir);
    let n = h.state().visible_findings().len();
    assert!(n >= 2, "{n}");
    h.key_press(Key::F8);
    h.run();
    let first = h.state().cursor.clone().expect("stepped");
    assert!(
        h.state().status.starts_with(&format!("第1/{n}条")),
        "{}",
        h.state().status
    );
    h.key_press(Key::F8);
    h.run();
    assert_ne!(h.state().cursor.as_ref(), Some(&first));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    h.run();
    assert_eq!(h.state().cursor.as_ref(), Some(&first), "back to the first");
    // Only warnings about section 六: the R11 finding alone.
    h.state_mut().filter.severities = [false, true, false];
    h.state_mut().filter.group = Some(6);
    h.run();
    let visible = h.state().visible_findings();
    assert!(
        visible.iter().all(|(f, _)| f.rule == "R11"),
        "{:?}",
        visible.iter().map(|(f, _)| &f.rule).collect::<Vec<_>>()
    );
    assert_eq!(visible.len(), 1);
    h.key_press(Key::F8);
    h.run();
    assert_eq!(
        h.state().page,
        Page::Section(5),
        "the flagged part is shown"
    );
}

#[test]
fn changes_since_review_are_highlighted() {
    let dir = TempDir::new("gui-reviewed");
    let (mut h, _) = review_harness(&dir);
    h.state_mut().ix.commands.push(Command::MarkReviewed);
    h.state_mut().page = Page::Section(2);
    h.run();
    assert!(h.state().changed_since_review().is_empty());
    type_into(&mut h, NEW_NATURAL, "5");
    h.run();
    assert_eq!(
        h.state().changed_since_review(),
        ["t3.new_received.natural"]
    );
    h.get_by_label_contains("自审阅（2025-01-10）以来的修改：1处");
    h.get_by_label_contains(&format!("{NEW_NATURAL}：23 → 5"));
}

/// Set in the editor process a recovery test starts: `crash:DIR` or `discard:DIR`.
const EDITOR_PROCESS: &str = "NIANBAO_TEST_EDITOR_PROCESS";
/// What that process prints when its part is done.
const EDITOR_READY: &str = "editor process ready";

/// Run by the child process of the recovery process tests: an editor on seed 003 in `DIR`
/// that types a figure and has its recovery file written (30 idle seconds), then either
/// waits to be killed (`crash`) or quits with 「不保存」 and ends (`discard`).
#[test]
#[ignore = "run only as the recovery tests' child process (`--ignored --exact gui::editor_process`)"]
fn editor_process() {
    let Ok(spec) = std::env::var(EDITOR_PROCESS) else {
        return; // Not started by a recovery process test: nothing to do.
    };
    let (mode, dir) = spec.split_once(':').expect("mode:dir");
    let dir = Path::new(dir);
    let mut h = harness(options(dir, Some(dir.join("seed.nianbao"))));
    h.state_mut().page = Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "31");
    h.state_mut().make_recovery_due();
    h.run();
    if mode == "discard" {
        quit_without_saving(&mut h);
    }
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{EDITOR_READY}").expect("stdout");
        out.flush().expect("stdout");
    }
    if mode == "crash" {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

/// Starts the editor process in `mode` on a copy of seed 003 in `dir` and, once it is ready,
/// kills it (SIGKILL on Unix) or lets it end.
fn run_editor_process(mode: &str, dir: &Path) {
    use std::io::BufRead as _;
    std::fs::write(dir.join("seed.nianbao"), SEED_003).expect("write seed");
    let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "gui::editor_process",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(EDITOR_PROCESS, format!("{mode}:{}", dir.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the editor process");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok);
    let ready = lines.any(|line| line.trim_end().ends_with(EDITOR_READY));
    assert!(ready, "the editor process ended before it was ready");
    if mode == "crash" {
        child.kill().expect("kill");
    } else {
        // Read on to its end, so its last lines do not meet a closed pipe.
        lines.for_each(drop);
    }
    let status = child.wait().expect("reap");
    assert!(mode == "crash" || status.success(), "{status}");
}

#[test]
fn a_killed_editor_offers_its_work_and_a_discarded_one_nothing() {
    let dir = TempDir::new("gui-process-crash");
    run_editor_process("crash", dir.path());
    let mut h = harness(options(dir.path(), None));
    restore_offered(&mut h);
    assert_eq!(value(&h, "t3.new_received.natural").0, n(31));

    let dir = TempDir::new("gui-process-discard");
    run_editor_process("discard", dir.path());
    let h = harness(options(dir.path(), None));
    assert_eq!(
        h.state().dialog,
        None,
        "a discard leaves nothing to recover"
    );
}

/// A unit's draft: seed 003 with its own name and 本年新收 自然人.
fn unit(agency: &str, natural: &str) -> String {
    let mut d = nianbao::draft::Draft::from_ron(SEED_003).expect("seed");
    d.meta.agency = agency.to_owned();
    d.stated.clear();
    d.set_cell("t3.new_received.natural", natural);
    let t = nianbao::template::builtin_by_id(&d.template).expect("template");
    d.to_ron(Some(&t)).expect("ron")
}

#[test]
fn a_consolidated_cell_shows_each_units_figure_and_takes_no_typing() {
    let dir = TempDir::new("gui-merge");
    let units = dir.path().join("各单位");
    std::fs::create_dir(&units).expect("dir");
    std::fs::write(units.join("1.nianbao"), unit("甲局", "5")).expect("write");
    std::fs::write(units.join("2.nianbao"), unit("乙局", "30")).expect("write");
    std::fs::write(units.join("3.nianbao"), unit("丙局", "")).expect("write");
    std::fs::write(units.join("名单.csv"), "机关全称\n甲局\n乙局\n丙局\n丁局\n").expect("write");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().ix.commands.push(Command::Merge(Some(units)));
    h.run();
    let Some(Dialog::Message(summary)) = &h.state().dialog else {
        panic!("a summary, got {:?}", h.state().dialog);
    };
    assert!(
        summary.starts_with("已汇总3个单位（2024年度，"),
        "{summary}"
    );
    assert!(summary.contains("有1个单元格部分单位未填写"), "{summary}");
    assert!(summary.contains("名单中未报送1个：\n  丁局"), "{summary}");
    h.get_by_label("确定").click();
    h.run();
    h.state_mut().show_page(Page::Section(2));
    h.run();
    assert_eq!(value(&h, "t3.new_received.natural").0, n(35));
    // The tables are the units' sums: typing changes nothing.
    type_into(&mut h, NEW_NATURAL, "9");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(value(&h, "t3.new_received.natural").0, n(35));
    // A right click on the cell: 各单位数值, largest first, the empty unit said.
    h.get_by_label(NEW_NATURAL).click_secondary();
    h.run();
    h.get_by_label("各单位数值…").click();
    h.run();
    let Some(Dialog::Breakdown { name, rows }) = &h.state().dialog else {
        panic!("the breakdown, got {:?}", h.state().dialog);
    };
    assert_eq!(name, NEW_NATURAL);
    let rows: Vec<(&str, &str)> = rows.iter().map(|(u, v)| (u.as_str(), v.as_str())).collect();
    assert_eq!(rows, [("乙局", "30"), ("甲局", "5"), ("丙局", "（空）")]);
    for (unit, shown) in rows {
        assert!(h.query_by_label(unit).is_some() && h.query_by_label(shown).is_some());
    }
    // So does a total's.
    h.get_by_label("确定").click();
    h.run();
    let total = "表三 本年新收政府信息公开申请数量 总计";
    h.get_by_label(total).click_secondary();
    h.run();
    h.get_by_label("各单位数值…").click();
    h.run();
    let Some(Dialog::Breakdown { rows, .. }) = &h.state().dialog else {
        panic!("the breakdown, got {:?}", h.state().dialog);
    };
    assert_eq!(rows[0], ("乙局".to_owned(), "54".to_owned()), "{rows:?}");
}

fn settle(h: &mut Harness<'_, App>) {
    for _ in 0..8 {
        h.step();
    }
}

#[test]
fn a_register_tally_shows_the_differences_and_replaces_nothing_until_confirmed() {
    let dir = TempDir::new("gui-tally");
    let register = dir.path().join("台账.csv");
    std::fs::write(&register, crate::tally::register_csv()).expect("write");
    let mut h = seed_harness(&dir);
    h.state_mut()
        .ix
        .commands
        .push(Command::Tally(Some(register.clone())));
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::Tally(_))),
        "{:?}",
        h.state().dialog
    );
    // What it would change, cell by cell, and the rows it cannot count.
    assert!(
        h.query_by_label(&format!("{NEW_NATURAL}：23 → 3"))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("计入表三的申请9个，未计入6行")
            .is_some()
    );
    assert!(
        h.query_by_label("办理结果「不予公开」").is_some(),
        "an ambiguous value to assign"
    );
    assert_eq!(
        value(&h, "t3.new_received.natural").0,
        n(23),
        "nothing replaced yet"
    );
    // Cancelled: still nothing.
    // The dialog settles where it opens over a few frames (its lists unfold).
    settle(&mut h);
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(value(&h, "t3.new_received.natural").0, n(23));
    // Confirmed: replaced in one step, traceable to the register's rows, undoable.
    h.state_mut()
        .ix
        .commands
        .push(Command::Tally(Some(register.clone())));
    h.run();
    h.get_by_label("替换表三").click();
    h.run();
    assert_eq!(value(&h, "t3.new_received.natural").0, n(3));
    let tallied = h
        .state()
        .session
        .draft()
        .tallied
        .clone()
        .expect("rows kept");
    assert_eq!(tallied.rows["t3.new_received.natural"], [4, 10, 18]);
    assert!(
        dir.path().join("台账对应关系.ron").exists(),
        "the mapping kept for next year"
    );
    h.get_by_label(NEW_NATURAL).hover();
    h.run();
    assert!(
        h.query_by_label_contains("由台账（台账.csv）第4、10、18行统计")
            .is_some(),
        "the cell says which register rows it counts"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(value(&h, "t3.new_received.natural").0, n(23), "undone");
}
