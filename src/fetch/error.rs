//! Why one URL gave no page: each variant has a stable `kind()` written into its error record.

use thiserror::Error;

/// A failure to fetch one URL (extraction failures stay [`crate::ExtractError`]).
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum FetchError {
    /// The URL does not parse, or is not http/https.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The URL was already given earlier in this run (same URL once the fragment is dropped).
    #[error("duplicate URL: already given on line/position {first}")]
    DuplicateUrl {
        /// 1-based position of the first occurrence.
        first: usize,
    },
    /// robots.txt of the host does not allow this URL for our user agent.
    #[error("robots.txt disallows {0}")]
    RobotsDisallowed(String),
    /// The host name did not resolve.
    #[error("DNS lookup failed: {0}")]
    Dns(String),
    /// The TCP/TLS connection failed or broke.
    #[error("connection failed: {0}")]
    Connect(String),
    /// The connect or total timeout passed.
    #[error("timed out after {0} ms")]
    Timeout(u64),
    /// The server answered with a status that is not a success (after any retries).
    #[error("HTTP status {code}{}", if reason.is_empty() { String::new() } else { format!(" {reason}") })]
    HttpStatus {
        /// The status code.
        code: u16,
        /// The canonical reason phrase, if any.
        reason: String,
    },
    /// A redirect led back to a URL already visited.
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    /// More redirects than `FetchConfig::max_redirects`.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// The body (announced or streamed) is over `FetchConfig::max_body_bytes`.
    #[error("response body over the limit of {limit} bytes")]
    TooLarge {
        /// The configured limit.
        limit: u64,
    },
    /// The response's content type is not a page.
    #[error("content type {0:?} is not HTML or text")]
    NotHtml(String),
    /// The connection broke (or the body was malformed) after the response head arrived.
    #[error("body broken off: {0}")]
    Body(String),
    /// Another transport error (a bad response, a failed request).
    #[error("network error: {0}")]
    Network(String),
}

impl FetchError {
    /// The stable machine-readable kind written into the error record.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "invalid_url",
            FetchError::DuplicateUrl { .. } => "duplicate_url",
            FetchError::RobotsDisallowed(_) => "robots_disallowed",
            FetchError::Dns(_) => "dns",
            FetchError::Connect(_) => "connect",
            FetchError::Timeout(_) => "timeout",
            FetchError::HttpStatus { .. } => "http_status",
            FetchError::RedirectLoop(_) => "redirect_loop",
            FetchError::TooManyRedirects(_) => "too_many_redirects",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::NotHtml(_) => "not_html",
            FetchError::Body(_) => "body",
            FetchError::Network(_) => "network",
        }
    }

    /// True for failures worth another try: timeouts, broken connections, 408, 429 and 5xx.
    pub fn is_retryable(&self) -> bool {
        match self {
            FetchError::Timeout(_) | FetchError::Connect(_) | FetchError::Body(_) | FetchError::Network(_) => true,
            FetchError::HttpStatus { code, .. } => *code == 408 || *code == 429 || *code >= 500,
            _ => false,
        }
    }
}
