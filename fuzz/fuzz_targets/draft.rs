//! Any bytes as a draft file: a draft or a `DraftError`, never a panic; a draft that loads
//! evaluates, exports and saves. Where the fast reader of plain RON answers, it answers
//! as `ron` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::draft::Draft;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Some(plain) = nianbao::draft::plain_ron::from_str::<Draft>(text)
    {
        assert_eq!(Some(plain), ron::from_str::<Draft>(text).ok());
    }
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
