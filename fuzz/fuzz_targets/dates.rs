//! Fuzz target: the date extractor on arbitrary paragraphs (one per line); each mention's
//! `text` must be its paragraph's chars `start..end`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::extract::dates;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
    let reference = chrono::NaiveDate::from_ymd_opt(2024, 6, 20);
    let (mentions, _) = dates::extract(&paragraphs, reference);
    for d in &mentions {
        let paragraph = &paragraphs[d.paragraph];
        assert!(d.start <= d.end);
        let at: String = paragraph.chars().skip(d.start).take(d.end - d.start).collect();
        assert_eq!(at, d.text, "date text is not its span");
    }
    let _ = dates::extract(&paragraphs, None);
});
