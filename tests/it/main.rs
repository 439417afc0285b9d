//! The one integration-test binary (one link of the library for all of them).

mod cli;
mod draft;
mod engine;
mod export;
#[cfg(feature = "gui")]
mod gui;
mod import;
mod next_year;
mod properties;
mod roundtrip;
mod rules;
mod seeds;
mod template;
mod util;
