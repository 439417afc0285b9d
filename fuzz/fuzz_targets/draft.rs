//! Any bytes as a draft file: a draft or a `DraftError`, never a panic; a draft that loads
//! evaluates, exports and saves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::draft::Draft;

fuzz_target!(|bytes: &[u8]| {
    let Ok(draft) = Draft::from_bytes(bytes) else {
        return;
    };
    for template in nianbao::template::builtin() {
        let evaluation = nianbao::engine::evaluate(template, &draft);
        let report = nianbao::export::Report {
            template,
            draft: &draft,
            evaluation: &evaluation,
        };
        let _ = nianbao::export::text(&report);
        let _ = draft.to_ron(Some(template));
    }
});
