//! Fuzz target: the figure extractor on arbitrary paragraphs (one per line); each figure's
//! `text` must occur in its paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::extract::figures;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs: Vec<String> = text.split('\n').map(str::to_string).collect();
    for f in figures::extract(&paragraphs) {
        assert!(paragraphs[f.paragraph].contains(f.text.as_str()), "figure {:?} not in its paragraph", f.text);
    }
});
