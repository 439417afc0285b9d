//! The one integration-test binary (one link of the library for all of them).

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests write and read the files they check"
)]
#![expect(
    clippy::too_many_lines,
    reason = "a scenario test (an editor session, a list of bad inputs) reads best as one story"
)]

mod audit;
mod bad_input;
mod cli;
mod docx_package;
mod draft;
mod engine;
mod export;
mod figures;
#[cfg(feature = "gui")]
mod gui;
#[cfg(feature = "gui")]
mod gui_flow;
mod house;
mod import;
mod import_distinct;
mod import_pdf;
mod import_shapes;
mod merge;
mod next_year;
#[cfg(feature = "pdf")]
mod pdf_export;
mod properties;
mod readme;
mod real_checks;
mod real_sentences;
mod reliability;
#[cfg(feature = "gui")]
mod renderer;
mod review;
mod roundtrip;
mod rules;
mod seeds;
mod tally;
mod template;
mod util;
mod word;
