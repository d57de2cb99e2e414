//! One input document: its bytes, where it came from, and what the transport said about it.
//! Reading files and recognising binary junk live here; decoding text is `charset`'s job.

use std::io::Read;

use crate::error::ExtractError;

/// One document to extract, as bytes plus what is known about it from outside the bytes.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Where it came from: a file path, `-` for stdin, or a URL.
    pub source: String,
    /// The page's URL when known (`--url`, a WARC header, the fetcher).
    pub url: Option<String>,
    /// The raw bytes as stored or received.
    pub bytes: Vec<u8>,
    /// The HTTP `Content-Type` header, when known; its charset outranks `<meta charset>`.
    pub content_type: Option<String>,
}

impl Input {
    /// An input from bytes already in memory.
    pub fn from_bytes(source: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input { source: source.into(), bytes, ..Default::default() }
    }

    /// Reads a file, refusing non-regular files and files over `limit` bytes.
    pub fn read_file(path: &std::path::Path, limit: u64) -> Result<Self, ExtractError> {
        let source = path.display().to_string();
        let io = |e| ExtractError::Io { path: source.clone(), source: e };
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(ExtractError::NotAFile(source));
        }
        if meta.len() > limit {
            return Err(ExtractError::TooLarge { size: meta.len(), limit });
        }
        let file = std::fs::File::open(path).map_err(io)?;
        Self::read_regular_file(path, file, meta.len(), limit)
    }

    /// Reads `file`, a regular file already opened from `path` whose size was `size` when it
    /// was checked, refusing it when it holds more than `limit` bytes.
    pub fn read_regular_file(path: &std::path::Path, file: std::fs::File, size: u64, limit: u64) -> Result<Self, ExtractError> {
        let source = path.display().to_string();
        if size > limit {
            return Err(ExtractError::TooLarge { size, limit });
        }
        let bytes = read_limited(file, limit, size).map_err(|e| ExtractError::Io { path: source.clone(), source: e })?;
        if bytes.len() as u64 > limit {
            return Err(ExtractError::TooLarge { size: bytes.len() as u64, limit });
        }
        Ok(Input::from_bytes(source, bytes))
    }

    /// Reads standard input up to `limit` bytes.
    pub fn read_stdin(limit: u64) -> Result<Self, ExtractError> {
        let bytes = read_limited(std::io::stdin().lock(), limit, 0)
            .map_err(|e| ExtractError::Io { path: "-".into(), source: e })?;
        if bytes.len() as u64 > limit {
            return Err(ExtractError::TooLarge { size: bytes.len() as u64, limit });
        }
        Ok(Input::from_bytes("-", bytes))
    }
}

/// Reads at most `limit + 1` bytes, so a caller can tell "exactly at the limit" from "over it".
/// `expected` (a file's size, 0 when unknown) sizes the buffer up front.
fn read_limited(reader: impl Read, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    // One byte more than expected, so reading to the end needs no second allocation.
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0));
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What the bytes of an input are, judged from their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Markup: starts (after white space and a BOM) with `<`, or has HTML tags early on.
    Html,
    /// Text without markup (like the seed article).
    Text,
    /// gzip-compressed data, to be unpacked and sniffed again.
    Gzip,
    /// A binary format that is not a page; the name says which.
    Binary(&'static str),
}

/// Magic numbers of binary formats that crawls bring back under `.html` names.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x7FELF", "an ELF executable"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x28\xB5\x2F\xFD", "a Zstandard archive"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOF", "a web font"),
];

/// Recognises HTML, plain text, gzip and binary formats from the first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"\x1F\x8B") {
        return Sniffed::Gzip;
    }
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Sniffed::Binary(name);
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 text has NUL bytes by design; its BOM says so.
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    if !utf16 {
        let controls = head
            .iter()
            .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)))
            .count();
        // Why 5%: real pages have none or a stray one; binary files have them everywhere.
        if head.contains(&0) || controls * 20 > head.len().max(1) {
            return Sniffed::Binary("binary data");
        }
    }
    if looks_like_html(head, utf16) {
        Sniffed::Html
    } else {
        Sniffed::Text
    }
}

fn looks_like_html(head: &[u8], utf16: bool) -> bool {
    let ascii: Vec<u8> = if utf16 {
        head.iter().copied().filter(|&b| b != 0).collect()
    } else {
        head.to_vec()
    };
    let lower = ascii.to_ascii_lowercase();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    contains(b"<!doctype html")
        || contains(b"<html")
        || contains(b"<head")
        || contains(b"<body")
        || contains(b"<meta")
        || contains(b"<div")
        || contains(b"<p>")
        || contains(b"<p ")
        || contains(b"<title")
        || contains(b"<article")
}
