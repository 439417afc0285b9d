//! Any bytes as a published report (text or a web page, any encoding): a draft, never a
//! panic; the draft saves.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = nianbao::import::bytes(bytes) {
        let _ = imported.draft.to_ron(None);
    }
});
