//! One story file (front-matter and Markdown) through the checks `smartpicks check`
//! runs on it; see `smartpicks_fuzz::story`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smartpicks_fuzz::story(data));
