//! Fuzz target: the WARC reader (plain or gzip) and the HTTP response split of each record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::warc;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = warc::WarcReader::new(std::io::Cursor::new(data.to_vec()), 1 << 20) else {
        return;
    };
    // Bounded: a reader that never advances would otherwise spin here.
    for _ in 0..1000 {
        match reader.next_record() {
            Ok(Some(record)) => {
                let _ = warc::parse_http_response(&record.block);
                let _ = warc::response_input(&record);
            }
            Ok(None) | Err(_) => break,
        }
    }
});
