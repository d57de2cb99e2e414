//! Fuzz target: the whole `extract_document` pipeline on arbitrary bytes named `.html`
//! (sniffing, gzip, charset, HTML parse, meta, cleaner, every extractor, JSON output).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::{extract_document, Config, Input, Output};

fuzz_target!(|data: &[u8]| {
    let input = Input::from_bytes("fuzz.html", data.to_vec());
    match extract_document(&input, &Config::default()) {
        Output::Record(record) => {
            let n = record.paragraphs.len();
            assert!(record.quotes.iter().all(|q| q.paragraph <= q.paragraph_end && q.paragraph_end < n));
            assert!(record.dates.iter().all(|d| d.paragraph < n));
            assert!(record.figures.iter().all(|f| f.paragraph < n));
            let json = serde_json::to_string(&record).expect("record serialises");
            assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        }
        // A caught panic is still a bug to find (libFuzzer's panic hook aborts first anyway).
        Output::Error(e) => assert_ne!(e.error.kind, "internal", "{}", e.error.message),
    }
});
