//! Fuzz target: people mentions and the quote extractor on arbitrary paragraphs (one per line).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::extract::{people, quotes};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mentions = people::find_mentions(&paragraphs);
    for q in quotes::extract(&paragraphs, &mentions) {
        assert!(q.paragraph <= q.paragraph_end && q.paragraph_end < paragraphs.len());
    }
});
