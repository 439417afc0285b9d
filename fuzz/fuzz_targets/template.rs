//! Any text as a template file: a template or a `TemplateError`, never a panic (cycles,
//! unknown references, deep nesting); a template that loads evaluates an empty draft.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(template) = nianbao::template::load(text) {
        let draft = nianbao::draft::Draft::new(&template, nianbao::draft::Meta::default());
        let _ = nianbao::engine::evaluate(&template, &draft);
    }
});
