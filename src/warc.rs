//! WARC 1.1 archives: a writer of request/response record pairs (each record its own gzip
//! member, so standard tools can seek to any record) and a reader of the HTML `response`
//! records of a `.warc` or `.warc.gz` file, for re-extracting a crawl offline.
//!
//! The format is ISO 28500:2017 (WARC 1.1): a version line, `Name: value` header lines, a blank
//! line, `Content-Length` bytes of block, and two CRLFs.

use std::io::{self, BufRead, BufReader, Read, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::input::Input;

/// Header naming the URL the user asked for when a redirect led elsewhere; WARC allows
/// extension fields, and re-extraction needs it to give the same `source` as the live fetch.
pub const REQUESTED_URI_HEADER: &str = "Warta-Requested-URI";

/// Largest WARC header block the reader accepts; a bigger one means the file is not a WARC.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One HTTP exchange as the fetcher saw it, ready to archive.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The URL the user asked for.
    pub requested_url: String,
    /// The URL the response came from (after redirects).
    pub final_url: String,
    /// The request line and headers as sent (`GET /path HTTP/1.1\r\nHost: …\r\n\r\n`).
    pub request_head: Vec<u8>,
    /// The status line and headers of the response, ending in a blank line.
    pub response_head: Vec<u8>,
    /// The response body as delivered (after content decoding).
    pub body: Vec<u8>,
    /// When the response arrived.
    pub date: chrono::DateTime<chrono::Utc>,
}

/// Writes WARC 1.1 records, each as its own gzip member when `gzip` is set.
pub struct WarcWriter<W: Write> {
    out: W,
    gzip: bool,
}

impl<W: Write> WarcWriter<W> {
    /// A writer onto `out`; it first writes nothing (warcinfo is optional).
    pub fn new(out: W, gzip: bool) -> Self {
        WarcWriter { out, gzip }
    }

    /// Appends the request record and the response record of one exchange.
    pub fn write_exchange(&mut self, exchange: &Exchange) -> io::Result<()> {
        let date = exchange.date.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let response_id = record_id();
        let request_id = record_id();
        let mut response_block = Vec::with_capacity(exchange.response_head.len() + exchange.body.len());
        response_block.extend_from_slice(&exchange.response_head);
        response_block.extend_from_slice(&exchange.body);
        let payload_digest = format!("sha256:{}", hex(&Sha256::digest(&exchange.body)));
        let mut response_headers = vec![
            ("WARC-Type", "response".to_string()),
            ("WARC-Record-ID", response_id.clone()),
            ("WARC-Date", date.clone()),
            ("WARC-Target-URI", exchange.final_url.clone()),
            ("WARC-Concurrent-To", request_id.clone()),
            ("WARC-Payload-Digest", payload_digest),
            ("Content-Type", "application/http;msgtype=response".to_string()),
        ];
        if exchange.requested_url != exchange.final_url {
            response_headers.push((REQUESTED_URI_HEADER, exchange.requested_url.clone()));
        }
        self.write_record(&response_headers, &response_block)?;
        let request_headers = vec![
            ("WARC-Type", "request".to_string()),
            ("WARC-Record-ID", request_id),
            ("WARC-Date", date),
            ("WARC-Target-URI", exchange.final_url.clone()),
            ("WARC-Concurrent-To", response_id),
            ("Content-Type", "application/http;msgtype=request".to_string()),
        ];
        self.write_record(&request_headers, &exchange.request_head)
    }

    fn write_record(&mut self, headers: &[(&str, String)], block: &[u8]) -> io::Result<()> {
        let mut record = Vec::with_capacity(block.len() + 512);
        record.extend_from_slice(b"WARC/1.1\r\n");
        for (name, value) in headers {
            // Why strip CR/LF: a URL or header value with a line break would forge a header.
            let value: String = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            write!(record, "{name}: {value}\r\n")?;
        }
        write!(record, "Content-Length: {}\r\n\r\n", block.len())?;
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        if self.gzip {
            let mut gz = GzEncoder::new(&mut self.out, Compression::default());
            gz.write_all(&record)?;
            gz.finish()?;
        } else {
            self.out.write_all(&record)?;
        }
        Ok(())
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A fresh `<urn:uuid:…>` (random version 4 UUID).
fn record_id() -> String {
    let a = fastrand::u64(..);
    let b = fastrand::u64(..);
    let bytes: Vec<u8> = a.to_be_bytes().into_iter().chain(b.to_be_bytes()).collect();
    let mut b = [0u8; 16];
    b.copy_from_slice(&bytes);
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let h = hex(&b);
    format!("<urn:uuid:{}-{}-{}-{}-{}>", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// True for a path that names a WARC file (`.warc`, `.warc.gz`).
pub fn is_warc_path(path: &std::path::Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// One record read back: its WARC headers and block.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Header names and values in file order.
    pub headers: Vec<(String, String)>,
    /// The record block (`Content-Length` bytes); empty when the block was over the cap.
    pub block: Vec<u8>,
    /// The block's length when it was over the reader's cap and skipped unread.
    pub skipped: Option<u64>,
}

impl WarcRecord {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Reads WARC records one by one from plain or gzip (multi-member) data.
pub struct WarcReader {
    inner: Box<dyn BufRead>,
    max_block: u64,
}

impl WarcReader {
    /// A reader over `reader`; gzip is recognised by its magic bytes. Blocks over `max_block`
    /// bytes are an error (they would not be extracted anyway).
    pub fn new(reader: impl Read + 'static, max_block: u64) -> io::Result<Self> {
        let mut buffered = BufReader::new(reader);
        let gz = buffered.fill_buf()?.starts_with(b"\x1F\x8B");
        let inner: Box<dyn BufRead> = if gz {
            Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(buffered)))
        } else {
            Box::new(buffered)
        };
        Ok(WarcReader { inner, max_block })
    }

    /// The next record, `None` at the end of the data.
    pub fn next_record(&mut self) -> io::Result<Option<WarcRecord>> {
        let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
        // Skip blank lines between records, then expect the version line.
        let mut line = Vec::new();
        loop {
            line.clear();
            if self.inner.by_ref().take(MAX_HEADER_BYTES as u64).read_until(b'\n', &mut line)? == 0 {
                return Ok(None);
            }
            if !line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(bad("not a WARC record (no WARC/ version line)"));
        }
        let mut headers = Vec::new();
        let mut total = line.len();
        loop {
            line.clear();
            let n = self.inner.by_ref().take(MAX_HEADER_BYTES as u64).read_until(b'\n', &mut line)?;
            total += n;
            if n == 0 || total > MAX_HEADER_BYTES {
                return Err(bad("truncated or oversized WARC header"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        let length: u64 = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| bad("WARC record without a valid Content-Length"))?;
        // Why: one oversized record must not end the archive (issue 5: a record over the size
        // cap is that record's error; the records after it are still read).
        if length > self.max_block {
            let passed = io::copy(&mut self.inner.by_ref().take(length), &mut io::sink())?;
            if passed < length {
                return Err(bad("truncated WARC record block"));
            }
            return Ok(Some(WarcRecord { headers, block: Vec::new(), skipped: Some(length) }));
        }
        let mut block = Vec::with_capacity(length as usize);
        self.inner.by_ref().take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(bad("truncated WARC record block"));
        }
        Ok(Some(WarcRecord { headers, block, skipped: None }))
    }
}

/// What a response record holds once its HTTP head is split off.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` header, when present.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Splits an `application/http;msgtype=response` block into status, content type and body.
pub fn parse_http_response(block: &[u8]) -> Option<HttpResponse> {
    let end = block.windows(4).position(|w| w == b"\r\n\r\n").map(|p| (p, p + 4)).or_else(|| {
        block.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2))
    })?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let content_type = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_string());
    Some(HttpResponse { status, content_type, body: block[end.1..].to_vec() })
}

/// True when a content type names a page warta extracts: HTML, XHTML or plain text (or is
/// missing, so the bytes decide). The fetcher and the WARC reader share this test.
pub fn is_html_type(content_type: Option<&str>) -> bool {
    match content_type {
        None => true,
        Some(ct) => {
            let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            essence.is_empty()
                || essence == "text/html"
                || essence == "application/xhtml+xml"
                || essence == "text/plain"
        }
    }
}

/// For a response record whose block was over the reader's cap: its source (as
/// [`response_input`] names it) and the `too_large` error it stands for.
pub fn oversized(record: &WarcRecord, limit: u64) -> Option<(String, crate::ExtractError)> {
    let size = record.skipped?;
    let (source, _) = response_names(record)?;
    Some((source, crate::ExtractError::TooLarge { size, limit }))
}

/// For a response record: (source, target URI). The source is the URL first asked for
/// (`Warta-Requested-URI` after a redirect), else the target.
fn response_names(record: &WarcRecord) -> Option<(String, String)> {
    if !record.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
        return None;
    }
    let target = record.header("WARC-Target-URI")?.trim_matches(['<', '>']).to_string();
    let source = record.header(REQUESTED_URI_HEADER).map_or_else(|| target.clone(), str::to_string);
    Some((source, target))
}

/// Turns a response record into the input the live fetch would have extracted: `None` for
/// other record types, non-2xx responses and non-HTML content.
pub fn response_input(record: &WarcRecord) -> Option<Input> {
    let (source, target) = response_names(record)?;
    let response = parse_http_response(&record.block)?;
    if !(200..300).contains(&response.status) || !is_html_type(response.content_type.as_deref()) {
        return None;
    }
    Some(Input { source, url: Some(target), bytes: response.body, content_type: response.content_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange() -> Exchange {
        Exchange {
            requested_url: "http://a.test/x".into(),
            final_url: "http://a.test/y".into(),
            request_head: b"GET /y HTTP/1.1\r\nhost: a.test\r\n\r\n".to_vec(),
            response_head: b"HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=iso-8859-1\r\n\r\n".to_vec(),
            body: b"<html><body><p>Caf\xe9</p></body></html>".to_vec(),
            date: chrono::Utc::now(),
        }
    }

    #[test]
    fn round_trip_gzip_and_plain() {
        for gzip in [true, false] {
            let mut out = Vec::new();
            let mut w = WarcWriter::new(&mut out, gzip);
            w.write_exchange(&exchange()).unwrap();
            w.write_exchange(&exchange()).unwrap();
            if gzip {
                // Four records, four gzip members.
                assert_eq!(out.windows(3).filter(|w| *w == b"\x1F\x8B\x08").count(), 4);
            }
            let mut r = WarcReader::new(std::io::Cursor::new(out), 1 << 20).unwrap();
            let mut inputs = Vec::new();
            let mut types = Vec::new();
            while let Some(rec) = r.next_record().unwrap() {
                types.push(rec.header("WARC-Type").unwrap().to_string());
                assert!(rec.header("WARC-Record-ID").unwrap().starts_with("<urn:uuid:"));
                inputs.extend(response_input(&rec));
            }
            assert_eq!(types, ["response", "request", "response", "request"]);
            assert_eq!(inputs.len(), 2);
            assert_eq!(inputs[0].source, "http://a.test/x");
            assert_eq!(inputs[0].url.as_deref(), Some("http://a.test/y"));
            assert_eq!(inputs[0].content_type.as_deref(), Some("text/html; charset=iso-8859-1"));
            assert_eq!(inputs[0].bytes, exchange().body);
        }
    }

    #[test]
    fn garbage_and_truncation_are_errors_not_panics() {
        let mut r = WarcReader::new(std::io::Cursor::new(b"hello\n".to_vec()), 100).unwrap();
        assert!(r.next_record().is_err());
        let mut r = WarcReader::new(std::io::Cursor::new(b"WARC/1.1\r\nContent-Length: 50\r\n\r\nabc".to_vec()), 100).unwrap();
        assert!(r.next_record().is_err());
        let mut r = WarcReader::new(std::io::Cursor::new(b"WARC/1.1\r\nContent-Length: 500\r\n\r\n".to_vec()), 100).unwrap();
        assert!(r.next_record().is_err());
    }

    #[test]
    fn non_html_and_errors_are_skipped() {
        let mut ex = exchange();
        ex.response_head = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n".to_vec();
        let mut out = Vec::new();
        WarcWriter::new(&mut out, false).write_exchange(&ex).unwrap();
        ex.response_head = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n".to_vec();
        WarcWriter::new(&mut out, false).write_exchange(&ex).unwrap();
        // A redirect hop is archived with its note, and never extracted.
        ex.response_head = b"HTTP/1.1 301 Moved Permanently\r\nLocation: /y\r\nContent-Type: text/html\r\n\r\n".to_vec();
        WarcWriter::new(&mut out, false).write_exchange(&ex).unwrap();
        let mut r = WarcReader::new(std::io::Cursor::new(out), 1 << 20).unwrap();
        let mut responses = 0;
        while let Some(rec) = r.next_record().unwrap() {
            responses += usize::from(rec.header("WARC-Type") == Some("response"));
            assert!(response_input(&rec).is_none());
        }
        assert_eq!(responses, 3);
    }
}
