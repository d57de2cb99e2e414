//! Fuzz target: the charset sniffer and decoder. The first line (up to 80 bytes) is used as an
//! HTTP `Content-Type` value when it starts with `ct:`, the rest as the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::{charset, input};

fuzz_target!(|data: &[u8]| {
    let (content_type, body) = match data.strip_prefix(b"ct:") {
        Some(rest) => {
            let end = rest.iter().take(80).position(|b| *b == b'\n').unwrap_or(rest.len().min(80));
            (Some(String::from_utf8_lossy(&rest[..end]).into_owned()), rest.get(end + 1..).unwrap_or(&[]))
        }
        None => (None, data),
    };
    let decoded = charset::decode(body, content_type.as_deref());
    let _ = decoded.warnings();
    if let Some(ct) = content_type.as_deref() {
        let _ = charset::charset_param(ct);
    }
    let _ = input::sniff(body);
});
