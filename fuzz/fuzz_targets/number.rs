//! Any text as a typed number: parsed or refused, never a panic; what parses prints back to
//! a text that parses to the same number.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::number::parse_number;

fuzz_target!(|text: &str| {
    if let Ok(Some(n)) = parse_number(text) {
        let printed = n.to_string();
        assert_eq!(parse_number(&printed), Ok(Some(n)), "{text:?} → {printed}");
    }
});
