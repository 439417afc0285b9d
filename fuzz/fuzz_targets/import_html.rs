//! Any text as a web page: a draft, never a panic (unclosed tags, deep nesting, stray
//! spans, entities).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = nianbao::import::html(text);
});
