//! Typed errors for one input; each becomes that input's error record, never a panic.

use thiserror::Error;

/// Why one input could not become a record.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The input had no bytes (or only white space).
    #[error("input is empty")]
    Empty,
    /// The input is a binary format (image, PDF, archive …), not a page.
    #[error("input is not text: looks like {0}")]
    Binary(&'static str),
    /// The input is larger than `Config::max_input_bytes`.
    #[error("input has {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// Size of the input in bytes (at least this many).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The document is nested deeper or has more nodes than the configured limits.
    #[error("document too complex: {0}")]
    TooComplex(String),
    /// The HTML parser gave up on the input.
    #[error("HTML could not be parsed: {0}")]
    Parse(String),
    /// Reading the input failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not a regular file (a FIFO, a socket, a device).
    #[error("not a regular file: {0}")]
    NotAFile(String),
    /// Fetching the page by URL failed (`warta fetch`); the inner error carries the kind.
    #[error(transparent)]
    Fetch(#[from] crate::fetch::FetchError),
    /// The document took longer than `Config::max_document_time`; the batch goes on.
    #[error("processing took longer than the limit of {limit_ms} ms (stopped in {stage})")]
    Timeout {
        /// The pipeline stage that noticed: `parse`, `meta`, `clean` or `extract`.
        stage: &'static str,
        /// The configured limit in milliseconds.
        limit_ms: u64,
    },
    /// Processing the document panicked; the bug is ours, the batch goes on.
    #[error("internal error while processing: {0}")]
    Internal(String),
}

impl ExtractError {
    /// The HTTP status code when the error is an `http_status` one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ExtractError::Fetch(crate::fetch::FetchError::HttpStatus { code, .. }) => Some(*code),
            _ => None,
        }
    }

    /// The stable machine-readable kind written into the error record.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Empty => "empty",
            ExtractError::Binary(_) => "binary",
            ExtractError::TooLarge { .. } => "too_large",
            ExtractError::TooComplex(_) => "too_complex",
            ExtractError::Parse(_) => "parse",
            ExtractError::Io { .. } => "io",
            ExtractError::NotAFile(_) => "not_a_file",
            ExtractError::Fetch(e) => e.kind(),
            ExtractError::Timeout { .. } => "timeout",
            ExtractError::Internal(_) => "internal",
        }
    }
}
