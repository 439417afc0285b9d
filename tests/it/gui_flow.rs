//! The editor as drafters and reviewers work it: one test per defect a trial found
//! (layout, focus, scroll, dialogs, unsaved changes), each driven by accessibility label.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use nianbao::gui::{App, Command, Dialog, FilePurpose};

use crate::gui::{NEW_NATURAL, harness, n, options, type_into, value};
use crate::util::{SEED_003, TempDir};

/// Types a path into the typed-path dialog and confirms it with Enter.
fn answer_path(h: &mut Harness<'static, App>, path: &std::path::Path) {
    let field = h.get_by_label("文件路径");
    field.type_text(&path.display().to_string());
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Clears the typed-path dialog's field (it opens holding the draft's folder).
fn clear_path(h: &mut Harness<'static, App>) {
    if let Some(Dialog::Path { text, .. }) = &mut h.state_mut().dialog {
        text.clear();
    }
    h.run();
}

/// Item 4: 打开 with unsaved changes asks once; 「不保存」 then picks the file without a
/// second question.
#[test]
fn opening_over_unsaved_changes_asks_once() {
    let dir = TempDir::new("flow-open-once");
    let other = dir.path().join("other.nianbao");
    std::fs::write(&other, SEED_003).expect("write");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = nianbao::gui::Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "41");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(matches!(
        h.state().dialog,
        Some(Dialog::Unsaved(Command::Open(None)))
    ));
    h.get_by_label("不保存").click();
    h.run();
    assert!(
        matches!(
            h.state().dialog,
            Some(Dialog::Path {
                purpose: FilePurpose::Open,
                ..
            })
        ),
        "the file is asked for next, not the question again: {:?}",
        h.state().dialog
    );
    clear_path(&mut h);
    answer_path(&mut h, &other);
    assert_eq!(h.state().dialog, None, "opened without a second question");
    assert_eq!(h.state().session.path.as_deref(), Some(other.as_path()));
    assert_eq!(value(&h, "t3.new_received.natural").0, n(23));
}

/// Item 4: 「保存」 for a draft that has no file yet saves it (its path typed), then goes on
/// with what was asked (here 打开), asking nothing more.
#[test]
fn saving_an_untitled_draft_from_the_prompt_then_continues() {
    let dir = TempDir::new("flow-save-then");
    let other = dir.path().join("other.nianbao");
    std::fs::write(&other, SEED_003).expect("write");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = nianbao::gui::Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "41");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert!(
        matches!(
            h.state().dialog,
            Some(Dialog::Path {
                purpose: FilePurpose::Save,
                ..
            })
        ),
        "{:?}",
        h.state().dialog
    );
    let mine = dir.path().join("mine.nianbao");
    clear_path(&mut h);
    answer_path(&mut h, &mine);
    let saved = std::fs::read_to_string(&mine).expect("saved");
    assert!(
        saved.contains("\"t3.new_received.natural\": \"41\""),
        "{saved}"
    );
    assert!(
        matches!(
            h.state().dialog,
            Some(Dialog::Path {
                purpose: FilePurpose::Open,
                ..
            })
        ),
        "打开 follows the save: {:?}",
        h.state().dialog
    );
    clear_path(&mut h);
    answer_path(&mut h, &other);
    assert_eq!(h.state().dialog, None);
    assert_eq!(h.state().session.path.as_deref(), Some(other.as_path()));
}

/// Item 4: a save given up gives up what was to follow it, and a 「不保存」 whose file pick
/// was cancelled is asked again next time.
#[test]
fn a_cancelled_save_or_pick_leaves_the_draft_and_asks_again() {
    let dir = TempDir::new("flow-cancel");
    let mut h = harness(options(dir.path(), None));
    h.state_mut().page = nianbao::gui::Page::Section(2);
    h.run();
    type_into(&mut h, NEW_NATURAL, "41");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().dialog, None, "nothing follows a save given up");
    assert_eq!(value(&h, "t3.new_received.natural").0, n(41));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(
        value(&h, "t3.new_received.natural").0,
        n(41),
        "the draft stays"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(
        matches!(h.state().dialog, Some(Dialog::Unsaved(_))),
        "asked again: {:?}",
        h.state().dialog
    );
}
