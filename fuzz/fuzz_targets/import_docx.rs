//! Any bytes as a Word file, and any text as its `word/document.xml` inside a real zip: a
//! draft or an `ImportError`, never a panic.
#![no_main]

use std::io::Write as _;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = nianbao::import::docx(bytes);
    // The XML inside a valid zip, so the fuzzer reaches the XML reader too.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    if zip
        .start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .is_ok()
        && zip.write_all(bytes).is_ok()
        && let Ok(cursor) = zip.finish()
    {
        let _ = nianbao::import::docx(&cursor.into_inner());
    }
});
