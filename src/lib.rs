//! warta turns Indonesian news pages into clean, structured JSON records.
//!
//! The pipeline runs one way: input bytes → [`charset`] → [`html`] parse (once: `meta` and
//! `clean` read the same nodes) → [`meta`] → [`clean`] → [`extract`] → [`record`] → [`output`].
//! [`extract_document`] runs it for one input and always returns an [`Output`]: a record, or an
//! error record saying why not.
//!
//! ```
//! use warta::{extract_document, Config, Input, Output};
//!
//! let html = "<html><head><title>Banjir di Jakarta - Contoh</title></head><body><article>\
//!             <p>Banjir merendam ratusan rumah di Jakarta Timur pada Sabtu malam, kata petugas.</p>\
//!             </article></body></html>";
//! let input = Input::from_bytes("page.html", html.as_bytes().to_vec());
//! match extract_document(&input, &Config::default()) {
//!     Output::Record(record) => assert!(record.text.starts_with("Banjir merendam")),
//!     Output::Error(e) => panic!("{}", e.error.message),
//! }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod charset;
pub mod clean;
pub mod config;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod fasthash;
pub mod fetch;
pub mod html;
pub mod index;
pub mod input;
pub mod language;
pub mod lexicon;
pub mod limits;
pub mod meta;
pub mod output;
pub mod progress;
pub mod push;
pub mod record;
pub mod warc;

pub use config::Config;
pub use error::ExtractError;
pub use input::Input;
pub use record::{ErrorInfo, ErrorRecord, Output, Record, SCHEMA_VERSION};

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use sha2::{Digest, Sha256};

use input::Sniffed;

/// Runs the whole pipeline on one input. Never panics: a failure, or a bug that panics, becomes
/// the input's error record.
pub fn extract_document(input: &Input, config: &Config) -> Output {
    guarded(input, || try_extract(input, config))
}

/// Runs `work` for `input`, turning its error or its panic into the input's error record.
fn guarded(input: &Input, work: impl FnOnce() -> Result<Record, ExtractError>) -> Output {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(record)) => Output::Record(Box::new(record)),
        Ok(Err(error)) => Output::Error(error_record(input, &error)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Output::Error(error_record(input, &ExtractError::Internal(message)))
        }
    }
}

/// The error record for `input`; its id hashes the bytes, or the source name when there are none.
pub fn error_record(input: &Input, error: &ExtractError) -> ErrorRecord {
    let id = if input.bytes.is_empty() { hash_hex(input.source.as_bytes()) } else { hash_hex(&input.bytes) };
    ErrorRecord {
        schema_version: SCHEMA_VERSION,
        id,
        source: input.source.clone(),
        error: ErrorInfo { kind: error.kind().to_string(), message: error.to_string(), status: error.http_status() },
    }
}

/// The pipeline itself; `extract_document` wraps it with panic safety.
fn try_extract(input: &Input, config: &Config) -> Result<Record, ExtractError> {
    let deadline = limits::Deadline::start(config.max_document_time);
    let limit = config.max_input_bytes;
    if input.bytes.len() as u64 > limit {
        return Err(ExtractError::TooLarge { size: input.bytes.len() as u64, limit });
    }
    let mut bytes = std::borrow::Cow::Borrowed(input.bytes.as_slice());
    let mut kind = input::sniff(&bytes);
    if kind == Sniffed::Gzip {
        bytes = std::borrow::Cow::Owned(gunzip(&bytes, limit)?);
        kind = input::sniff(&bytes);
    }
    match kind {
        Sniffed::Binary(what) => return Err(ExtractError::Binary(what)),
        Sniffed::Gzip => return Err(ExtractError::Binary("gzip data inside gzip data")),
        Sniffed::Html | Sniffed::Text => {}
    }
    let decoded = charset::decode(&bytes, input.content_type.as_deref());
    if decoded.text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let mut warnings = decoded.warnings();

    let (meta, cleaned) = if kind == Sniffed::Html {
        let page = html::parse_within(&decoded.text, config, &deadline)?;
        deadline.check("meta")?;
        let meta = meta::from_html(&page, input.url.as_deref());
        let cleaned = clean::html::clean_within(&page, &meta, config, &deadline)?;
        (meta, cleaned)
    } else {
        let (mut meta, cleaned) = clean::text::clean(&decoded.text, config);
        if meta.url.is_none() {
            meta.url = input.url.clone();
        }
        (meta, cleaned)
    };
    warnings.extend(meta.warnings.iter().cloned());
    warnings.extend(cleaned.warnings.iter().cloned());

    deadline.check("clean")?;
    let paragraphs = cleaned.paragraphs;
    let language = language::detect(&paragraphs, config.language_sample_chars);
    let extracted = if config.extract_entities && !paragraphs.is_empty() {
        extract::run(&paragraphs, &meta, config.reference_date)
    } else {
        extract::Extracted::default()
    };
    // Why here: the extractors do not poll the clock; one that ran long is still caught.
    deadline.check("extract")?;
    warnings.extend(extracted.warnings);

    let id = match meta.url.as_deref() {
        Some(url) => hash_hex(canonical_url(url).as_bytes()),
        None => hash_hex(&input.bytes),
    };
    let site = meta.site.clone().or_else(|| meta.url.as_deref().and_then(host_of).map(str::to_owned));
    Ok(Record {
        schema_version: SCHEMA_VERSION,
        id,
        source: input.source.clone(),
        url: meta.url,
        site,
        title: meta.title,
        published: meta.published,
        modified: meta.modified,
        authors: meta.authors,
        editors: meta.editors,
        categories: meta.categories,
        tags: meta.tags,
        language: language.as_ref().map(|(code, _)| code.clone()),
        language_confidence: language.map(|(_, confidence)| confidence),
        text: paragraphs.join("\n\n"),
        paragraphs,
        warnings,
        quotes: extracted.quotes,
        people: extracted.people,
        dates: extracted.dates,
        figures: extracted.figures,
        acronyms: extracted.acronyms,
        fingerprint: None,
        duplicate_of: None,
    })
}

/// Unpacks gzip data, refusing output over `limit` bytes (a gzip bomb is an error, not a hang).
fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, ExtractError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::Parse(format!("broken gzip data: {e}")))?;
    if out.len() as u64 > limit {
        return Err(ExtractError::TooLarge { size: out.len() as u64, limit });
    }
    Ok(out)
}

/// Lower-cases scheme and host and drops the fragment, so one article has one id.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            format!("{}://{}{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase(), path)
        }
        None => url.to_string(),
    }
}

/// The host of an absolute URL, without `www.`.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The first 16 bytes of SHA-256, in hex: stable across runs and machines.
pub fn hash_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_one_document_becomes_its_internal_error_record() {
        // The classic bug this guards against: slicing Indonesian text inside a “ quote mark.
        let text = String::from("“Kami siap,” katanya.");
        let input = Input::from_bytes("bug.html", text.clone().into_bytes());
        let cut = 1;
        let out = guarded(&input, || Err(ExtractError::Parse(text[..cut].to_string())));
        match out {
            Output::Error(e) => {
                assert_eq!(e.error.kind, "internal");
                assert!(e.error.message.contains("byte index 1 is not a char boundary"), "{}", e.error.message);
                assert_eq!(e.id, hash_hex(text.as_bytes()));
            }
            Output::Record(_) => panic!("a panic must become an error record"),
        }
        // The next document is processed as usual.
        let ok = Input::from_bytes("ok.txt", b"Banjir merendam ratusan rumah di Jakarta Timur pada Sabtu malam, kata petugas.".to_vec());
        assert!(matches!(extract_document(&ok, &Config::default()), Output::Record(_)));
    }

    #[test]
    fn a_zero_time_limit_gives_a_timeout_record() {
        let html = b"<html><body><article><p>Banjir merendam ratusan rumah di Jakarta Timur pada Sabtu malam, kata petugas.</p></article></body></html>";
        let config = Config { max_document_time: Some(std::time::Duration::ZERO), ..Config::default() };
        match extract_document(&Input::from_bytes("a.html", html.to_vec()), &config) {
            Output::Error(e) => assert_eq!(e.error.kind, "timeout"),
            Output::Record(_) => panic!("a zero limit must time out"),
        }
        let unlimited = Config { max_document_time: None, ..Config::default() };
        assert!(matches!(extract_document(&Input::from_bytes("a.html", html.to_vec()), &unlimited), Output::Record(_)));
    }
}
