//! Fuzz target: the plain-text path (text cleaner, then every extractor) on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::{clean, extract, Config};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = Config::default();
    let (meta, cleaned) = clean::text::clean(&text, &config);
    assert!(cleaned.paragraphs.len() <= config.max_paragraphs);
    let reference = chrono::NaiveDate::from_ymd_opt(2024, 6, 20);
    let _ = extract::run(&cleaned.paragraphs, &meta, reference);
});
