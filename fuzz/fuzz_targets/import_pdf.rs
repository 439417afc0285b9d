//! Any bytes as a PDF: a draft or an `ImportError`, never a panic (the seeds are the test
//! PDFs, so mutations reach the content streams, fonts and tables).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = nianbao::import::pdf(bytes);
});
