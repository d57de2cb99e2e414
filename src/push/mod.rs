//! `warta push`: records (the JSON Lines of `warta extract` / `warta fetch`) into a search
//! engine — Elasticsearch/OpenSearch `_bulk` ([`es`]) or Typesense's JSONL import
//! ([`typesense`]) — in batches, with retries, and a reject file so nothing is lost silently.
//!
//! Every input line ends in exactly one place: indexed, or one line of the reject file saying
//! why (the engine refused the document, the line is not a record, or the engine went away
//! and the record was never sent). The reject file keeps the record itself, so
//! `jq -c .record rejects.jsonl | warta push …` sends the rejects again.

pub mod es;
pub mod mapping;
pub mod typesense;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde_json::{json, Value};

use crate::fetch::{backoff, parse_retry_after};

/// Settings of one push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// At most this many documents per request (`--batch-docs`).
    pub batch_docs: usize,
    /// At most this many body bytes per request (`--batch-bytes`); a single larger document
    /// still goes, alone.
    pub batch_bytes: usize,
    /// Retries of one request after a connection error, a timeout, 429 or 5xx (`--retries`).
    pub retries: u32,
    /// The first wait before a retry; it doubles each time, with jitter (`--retry-delay`).
    pub retry_delay: Duration,
    /// The longest wait before a retry, `Retry-After` included.
    pub max_retry_delay: Duration,
    /// Time allowed for one request, connect to last byte (`--timeout`).
    pub timeout: Duration,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch_docs: 500,
            batch_bytes: 5 * 1024 * 1024,
            retries: 5,
            retry_delay: Duration::from_millis(500),
            max_retry_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(60),
        }
    }
}

/// Where the records go.
#[derive(Debug, Clone)]
pub enum Target {
    /// An Elasticsearch or OpenSearch cluster.
    Es(es::Es),
    /// A Typesense server.
    Typesense(typesense::Typesense),
}

/// One input of a push: a JSON Lines file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordSource {
    /// A file of records, one a line.
    Path(PathBuf),
    /// Standard input (`-`, or no input named).
    Stdin,
}

/// Counts of one push: every non-blank input line is in exactly one of `indexed`, `rejected`,
/// `unsent`; an input that cannot be read adds one to `rejected` and `unreadable`, none to `lines`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Non-blank input lines read.
    pub lines: usize,
    /// Records the engine accepted.
    pub indexed: usize,
    /// Lines refused: by the engine (item-level failure) or before sending (not a record, an
    /// error record, an input that cannot be read).
    pub rejected: usize,
    /// Records never sent (or sent without an answer) because the engine stayed unreachable.
    pub unsent: usize,
    /// Inputs that could not be read (each also one reject line).
    pub unreadable: usize,
    /// Why the push stopped sending, when it did.
    pub aborted: Option<String>,
}

/// The answer for one document of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Stored.
    Indexed,
    /// Refused for now (the engine was busy: item status 429); send it again.
    Retry(String),
    /// Refused for good, with the engine's status and reason.
    Rejected {
        /// The item's HTTP-like status, when the engine gives one.
        status: Option<u16>,
        /// The engine's reason.
        reason: String,
    },
}

/// A request that failed as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// True for connection errors, timeouts, 429 and 5xx: worth another try.
    pub retryable: bool,
    /// The HTTP status, when there was a response.
    pub status: Option<u16>,
    /// What happened.
    pub reason: String,
    /// The server's `Retry-After`, when given.
    pub retry_after: Option<Duration>,
}

impl Failure {
    /// A failure of the request itself (no usable response).
    fn transport(error: &reqwest::Error) -> Self {
        let mut reason = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            reason.push_str(": ");
            reason.push_str(&s.to_string());
            source = s.source();
        }
        Failure { retryable: true, status: None, reason, retry_after: None }
    }

    /// A non-success status: 429 and 5xx are retryable, other codes are not.
    fn status(status: u16, headers: &HeaderMap, body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(&body[..body.len().min(500)]).trim().to_string();
        Failure {
            retryable: status == 429 || status >= 500,
            status: Some(status),
            reason: format!("HTTP {status}: {text}"),
            retry_after: headers.get(RETRY_AFTER).and_then(parse_retry_after),
        }
    }
}

/// A record ready to send: its id, where it came from, the record, the encoded bytes.
#[derive(Debug, Clone)]
struct Doc {
    id: String,
    origin: String,
    record: Value,
    bytes: Vec<u8>,
}

/// The reject file: one JSON line per input line that was not indexed.
pub struct RejectWriter {
    path: PathBuf,
    writer: BufWriter<File>,
    /// Lines written.
    pub count: usize,
}

impl RejectWriter {
    /// Creates (truncates) the reject file now, so an unwritable path stops the push before
    /// anything is sent.
    pub fn create(path: &Path) -> io::Result<Self> {
        let file = File::create(path)?;
        Ok(RejectWriter { path: path.to_path_buf(), writer: BufWriter::new(file), count: 0 })
    }

    /// Writes one reject line.
    fn write(&mut self, line: &Value) -> io::Result<()> {
        serde_json::to_writer(&mut self.writer, line)?;
        self.writer.write_all(b"\n")?;
        self.count += 1;
        Ok(())
    }

    /// Flushes; an empty reject file is removed, so its presence means something was refused.
    pub fn finish(mut self) -> io::Result<Option<PathBuf>> {
        self.writer.flush()?;
        drop(self.writer);
        if self.count == 0 {
            std::fs::remove_file(&self.path)?;
            Ok(None)
        } else {
            Ok(Some(self.path))
        }
    }
}

/// Pushes every record of `sources` to `target`. Returns an error only when the reject file
/// cannot be written (then nothing more can be accounted for); everything else is counted.
pub async fn run(
    target: &Target,
    sources: &[RecordSource],
    options: &PushOptions,
    rejects: &mut RejectWriter,
) -> io::Result<Summary> {
    let mut pusher = Pusher { target, options, rejects, summary: Summary::default(), batch: Vec::new(), batch_bytes: 0, client: None };
    match reqwest::Client::builder().timeout(options.timeout).connect_timeout(options.timeout.min(Duration::from_secs(10))).build() {
        Ok(client) => {
            let prepared = retrying(options, || target.prepare(&client)).await;
            pusher.client = Some(client);
            if let Err(failure) = prepared {
                pusher.summary.aborted = Some(format!("cannot prepare {}: {}", target.describe(), failure.reason));
            }
        }
        Err(e) => pusher.summary.aborted = Some(format!("cannot build the HTTP client: {e}")),
    }
    for source in sources {
        pusher.read_source(source).await?;
    }
    pusher.flush().await?;
    Ok(pusher.summary)
}

/// The state of one push.
struct Pusher<'a> {
    target: &'a Target,
    options: &'a PushOptions,
    rejects: &'a mut RejectWriter,
    summary: Summary,
    batch: Vec<Doc>,
    batch_bytes: usize,
    client: Option<reqwest::Client>,
}

impl Pusher<'_> {
    async fn read_source(&mut self, source: &RecordSource) -> io::Result<()> {
        let (name, reader): (String, Box<dyn Read>) = match source {
            RecordSource::Stdin => ("-".to_string(), Box::new(io::stdin().lock())),
            RecordSource::Path(path) => match File::open(path) {
                Ok(file) => (path.display().to_string(), Box::new(file)),
                Err(e) => {
                    let name = path.display().to_string();
                    self.summary.unreadable += 1;
                    self.summary.rejected += 1;
                    return self.rejects.write(&json!({"kind": "unreadable", "origin": name, "reason": format!("cannot read {name}: {e}")}));
                }
            },
        };
        let mut reader = BufReader::new(reader);
        let mut buf = Vec::new();
        let mut number = 0usize;
        loop {
            buf.clear();
            number += 1;
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => {
                    self.summary.unreadable += 1;
                    self.summary.rejected += 1;
                    let origin = format!("{name}:{number}");
                    return self.rejects.write(&json!({"kind": "unreadable", "origin": origin, "reason": format!("read error: {e}")}));
                }
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            self.summary.lines += 1;
            let origin = format!("{name}:{number}");
            match self.prepare_doc(line, origin.clone()) {
                Ok(doc) => self.add(doc).await?,
                Err(reason) => {
                    self.summary.rejected += 1;
                    let record: Value = serde_json::from_str(line).unwrap_or_else(|_| Value::String(line.to_string()));
                    let id = record.get("id").cloned().unwrap_or(Value::Null);
                    self.rejects.write(&json!({"kind": "not_a_document", "origin": origin, "id": id, "reason": reason, "record": record}))?;
                }
            }
        }
    }

    /// Parses and encodes one line; `Err` says why the line is not a document.
    fn prepare_doc(&self, line: &str, origin: String) -> Result<Doc, String> {
        let record: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let object = record.as_object().ok_or("not a JSON object")?;
        if let Some(error) = object.get("error") {
            let kind = error.get("kind").and_then(Value::as_str).unwrap_or("?");
            let message = error.get("message").and_then(Value::as_str).unwrap_or("");
            return Err(format!("an error record ({kind}: {message}), not an article"));
        }
        let id = match object.get("id") {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            _ => return Err("no \"id\" string: not a warta record".into()),
        };
        let bytes = self.target.encode(&record)?;
        Ok(Doc { id, origin, record, bytes })
    }

    async fn add(&mut self, doc: Doc) -> io::Result<()> {
        if self.summary.aborted.is_some() {
            return self.write_unsent(std::iter::once(doc));
        }
        if !self.batch.is_empty() && self.batch_bytes + doc.bytes.len() > self.options.batch_bytes {
            self.flush().await?;
        }
        self.batch_bytes += doc.bytes.len();
        self.batch.push(doc);
        if self.batch.len() >= self.options.batch_docs.max(1) || self.batch_bytes >= self.options.batch_bytes {
            self.flush().await?;
        }
        Ok(())
    }

    fn write_unsent(&mut self, docs: impl IntoIterator<Item = Doc>) -> io::Result<()> {
        let reason = self.summary.aborted.clone().unwrap_or_default();
        for doc in docs {
            self.summary.unsent += 1;
            self.rejects.write(&json!({"kind": "unsent", "origin": doc.origin, "id": doc.id, "reason": format!("not indexed: {reason}"), "record": doc.record}))?;
        }
        Ok(())
    }

    /// Sends the batch, retrying what the engine could not take yet; a batch whose request
    /// keeps failing stops the push (the engine is down) and every record from then on goes
    /// to the reject file as unsent.
    async fn flush(&mut self) -> io::Result<()> {
        let mut pending = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        if pending.is_empty() {
            return Ok(());
        }
        let Some(client) = self.client.clone().filter(|_| self.summary.aborted.is_none()) else {
            return self.write_unsent(pending);
        };
        let mut attempt = 0u32;
        loop {
            let body: Vec<u8> = pending.iter().flat_map(|d| d.bytes.iter().copied()).collect();
            let mut retry_after = None;
            let mut last = String::new();
            match self.target.send(&client, body, pending.len()).await {
                Ok(items) => {
                    let mut again = Vec::new();
                    for (doc, item) in pending.into_iter().zip(items) {
                        match item {
                            Item::Indexed => self.summary.indexed += 1,
                            Item::Rejected { status, reason } => self.reject(doc, status, &reason)?,
                            Item::Retry(reason) => {
                                last = reason;
                                again.push(doc);
                            }
                        }
                    }
                    pending = again;
                    if pending.is_empty() {
                        return Ok(());
                    }
                    if attempt >= self.options.retries {
                        // The engine answers but keeps refusing these items: reject them and go on.
                        for doc in pending {
                            let reason = format!("still refused after {} retries: {last}", self.options.retries);
                            self.reject(doc, Some(429), &reason)?;
                        }
                        return Ok(());
                    }
                }
                Err(failure) if failure.retryable && attempt < self.options.retries => retry_after = failure.retry_after,
                Err(failure) if failure.retryable => {
                    self.summary.aborted = Some(format!(
                        "{} unreachable after {} retries: {}",
                        self.target.describe(),
                        self.options.retries,
                        failure.reason
                    ));
                    return self.write_unsent(pending);
                }
                Err(failure) => {
                    for doc in pending {
                        self.reject(doc, failure.status, &format!("the whole request was refused: {}", failure.reason))?;
                    }
                    return Ok(());
                }
            }
            attempt += 1;
            tokio::time::sleep(wait(self.options, attempt, retry_after)).await;
        }
    }

    fn reject(&mut self, doc: Doc, status: Option<u16>, reason: &str) -> io::Result<()> {
        self.summary.rejected += 1;
        self.rejects.write(&json!({"kind": "rejected", "origin": doc.origin, "id": doc.id, "status": status, "reason": reason, "record": doc.record}))
    }
}

/// Runs `request` until it succeeds, fails for good, or the retries are spent.
async fn retrying<F, Fut>(options: &PushOptions, mut request: F) -> Result<(), Failure>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), Failure>>,
{
    let mut attempt = 0;
    loop {
        match request().await {
            Err(failure) if failure.retryable && attempt < options.retries => {
                attempt += 1;
                tokio::time::sleep(wait(options, attempt, failure.retry_after)).await;
            }
            other => return other,
        }
    }
}

/// The wait before retry number `attempt` (1, 2, …): `Retry-After` when the server gave one,
/// else the first delay doubled each time with up to half of it taken off at random (so many
/// workers do not come back at the same instant); never over the maximum.
fn wait(options: &PushOptions, attempt: u32, retry_after: Option<Duration>) -> Duration {
    let wait = retry_after.unwrap_or_else(|| backoff(options.retry_delay, attempt.saturating_sub(1)));
    wait.min(options.max_retry_delay)
}

/// Sends a built request and reads the whole answer: `Ok` for 2xx, else a [`Failure`].
async fn exchange(request: reqwest::RequestBuilder) -> Result<(u16, Vec<u8>), Failure> {
    let response = request.send().await.map_err(|e| Failure::transport(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(|e| Failure::transport(&e))?.to_vec();
    if (200..300).contains(&status) {
        Ok((status, body))
    } else {
        Err(Failure::status(status, &headers, &body))
    }
}

/// `base` with `segments` appended to its path (each escaped), credentials removed.
fn endpoint(base: &url::Url, segments: &[&str]) -> url::Url {
    let mut url = base.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// Parses the engine's base URL (http or https).
pub fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("not a URL ({text}): {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(format!("not an http(s) base URL: {text}"));
    }
    Ok(url)
}

impl Target {
    /// "Elasticsearch index NAME at URL" and the like, for messages.
    pub fn describe(&self) -> String {
        match self {
            Target::Es(es) => es.describe(),
            Target::Typesense(ts) => ts.describe(),
        }
    }

    /// The bytes one record adds to a request body (newline-terminated lines).
    fn encode(&self, record: &Value) -> Result<Vec<u8>, String> {
        match self {
            Target::Es(es) => es.encode(record),
            Target::Typesense(ts) => ts.encode(record),
        }
    }

    /// Whatever must exist before documents go in: the index or the collection.
    async fn prepare(&self, client: &reqwest::Client) -> Result<(), Failure> {
        match self {
            Target::Es(es) => es.ensure_index(client).await,
            Target::Typesense(ts) => ts.ensure_collection(client).await,
        }
    }

    /// Sends one batch of `count` documents; one [`Item`] per document, in order.
    async fn send(&self, client: &reqwest::Client, body: Vec<u8>, count: usize) -> Result<Vec<Item>, Failure> {
        match self {
            Target::Es(es) => es.send(client, body, count).await,
            Target::Typesense(ts) => ts.send(client, body, count).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_and_obey_retry_after_under_the_cap() {
        let options = PushOptions { retry_delay: Duration::from_millis(100), max_retry_delay: Duration::from_secs(1), ..PushOptions::default() };
        for attempt in 1..4u32 {
            let full = Duration::from_millis(100 << (attempt - 1));
            let w = wait(&options, attempt, None);
            assert!(w <= full && w >= full / 2, "{w:?} for attempt {attempt}");
        }
        assert_eq!(wait(&options, 9, None), Duration::from_secs(1));
        assert_eq!(wait(&options, 1, Some(Duration::from_secs(3600))), Duration::from_secs(1));
        assert_eq!(wait(&options, 1, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn endpoints_append_escaped_segments_and_drop_credentials() {
        let base = parse_base_url("http://elastic:rahasia@127.0.0.1:9200/").unwrap();
        assert_eq!(endpoint(&base, &["_bulk"]).as_str(), "http://127.0.0.1:9200/_bulk");
        let base = parse_base_url("https://cari.example/es").unwrap();
        assert_eq!(endpoint(&base, &["berita 2024", "_doc"]).as_str(), "https://cari.example/es/berita%202024/_doc");
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("localhost:9200").is_err());
    }
}
