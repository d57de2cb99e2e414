//! `warta fetch`: pages by URL, politely (robots.txt, per-host delay and concurrency) and
//! robustly (timeouts, capped redirects, retries with backoff, a streamed body cap), each turned
//! into the same [`Output`] as `warta extract`, in input order, optionally archived as WARC.
//!
//! ```no_run
//! # async fn demo() {
//! use warta::fetch::{FetchConfig, Fetcher};
//! let fetcher = Fetcher::new(FetchConfig::default()).expect("client builds");
//! let fetched = fetcher.fetch("https://example.co.id/berita/1", &warta::Config::default()).await;
//! println!("{}", serde_json::to_string(&fetched.output).unwrap());
//! # }
//! ```

mod error;
pub mod robots;

pub use error::FetchError;

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use tokio::sync::{OnceCell, Semaphore};
use url::Url;

use crate::config::Config;
use crate::error::ExtractError;
use crate::input::Input;
use crate::output::Sink;
use crate::record::Output;
use crate::warc::{self, Exchange, WarcWriter};
use crate::{error_record, extract_document};
use robots::Robots;

/// The default User-Agent: names warta, its version and where to read about it.
pub const DEFAULT_USER_AGENT: &str =
    concat!("warta/", env!("CARGO_PKG_VERSION"), " (Indonesian news extraction; +https://crates.io/crates/warta)");

/// What the fetcher sends as `Accept`.
const ACCEPT_VALUE: &str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

/// How the fetcher behaves; every default is documented on its field.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The User-Agent header and the robots.txt product token (up to the first `/`).
    /// Default [`DEFAULT_USER_AGENT`].
    pub user_agent: String,
    /// Time allowed to open a connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for one attempt, from request to the last body byte. Default 30 s.
    pub timeout: Duration,
    /// Time allowed for one robots.txt attempt. Default 10 s.
    pub robots_timeout: Duration,
    /// Redirects followed before `too_many_redirects`. Default 10.
    pub max_redirects: usize,
    /// Further attempts after a timeout, a broken connection, 408, 429 or 5xx. Default 3.
    pub retries: u32,
    /// First backoff; it doubles each retry, with up to 50 % random jitter. Default 500 ms.
    pub backoff_base: Duration,
    /// Longest wait between attempts, `Retry-After` included. Default 60 s.
    pub backoff_max: Duration,
    /// Bodies over this many bytes (announced or streamed) give `too_large`. Default 10 MiB.
    pub max_body_bytes: u64,
    /// Least time between two request starts on one host (robots.txt `Crawl-delay` may raise
    /// it). Default 1 s.
    pub host_delay: Duration,
    /// Requests in flight per host. Default 2.
    pub host_concurrency: usize,
    /// Requests in flight overall. Default 32.
    pub concurrency: usize,
    /// URLs in progress at once (their outputs wait to be written in input order). Default 256: enough
    /// to keep `concurrency` requests busy past a slow URL, small enough that waiting pages stay
    /// within tens of MB (at 1024, 5,000 loopback pages peaked at 280 MB).
    pub max_in_flight: usize,
    /// Skip robots.txt (and its `Crawl-delay`). Default false.
    pub ignore_robots: bool,
    /// Host names pinned to addresses instead of DNS (tests and benchmarks on loopback).
    pub resolve: Vec<(String, SocketAddr)>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            robots_timeout: Duration::from_secs(10),
            max_redirects: 10,
            retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(60),
            max_body_bytes: 10 * 1024 * 1024,
            host_delay: Duration::from_secs(1),
            host_concurrency: 2,
            concurrency: 32,
            max_in_flight: 256,
            ignore_robots: false,
            resolve: Vec::new(),
        }
    }
}

/// The outcome for one URL: its output line, and the exchange to archive when a page came back.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The record or error record.
    pub output: Output,
    /// The HTTP exchange, when a response body was received.
    pub exchange: Option<Exchange>,
}

/// Counts of one `fetch` run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchSummary {
    /// URLs that gave a record.
    pub records: usize,
    /// URLs that gave an error record.
    pub errors: usize,
    /// True when the run was stopped (Ctrl-C) before every URL was done.
    pub interrupted: bool,
}

/// Per-host politeness state.
#[derive(Debug)]
struct Host {
    /// Limits requests in flight on this host.
    permits: Semaphore,
    /// When the next request on this host may start.
    next_slot: Mutex<Instant>,
    /// robots.txt, fetched once.
    robots: OnceCell<Robots>,
}

/// Fetches pages by URL; share one per run (it holds the connection pool and host state).
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    global: Semaphore,
    extract_permits: Arc<Semaphore>,
}

/// What one request gave: a page, or a redirect to follow (redirects are followed by hand, so
/// every hop gets its host's robots.txt check and politeness).
enum Step {
    Page(Exchange),
    Redirect(Url),
}

/// Redirects followed when fetching robots.txt (RFC 9309 asks for at least five).
const ROBOTS_MAX_REDIRECTS: usize = 5;

impl Fetcher {
    /// A fetcher with its HTTP client; fails only if the TLS backend cannot start.
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(config.host_concurrency.max(1));
        for (host, addr) in &config.resolve {
            builder = builder.resolve(host, *addr);
        }
        let client = builder.build().map_err(|e| FetchError::Network(chain(&e)))?;
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Ok(Fetcher {
            client,
            global: Semaphore::new(config.concurrency.max(1)),
            config,
            hosts: Mutex::new(HashMap::new()),
            extract_permits: Arc::new(Semaphore::new(cpus)),
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches and extracts one URL (no duplicate check: that needs the whole list).
    pub async fn fetch(&self, raw: &str, extract: &Config) -> Fetched {
        match parse_url(raw) {
            Ok(url) => self.fetch_parsed(raw, &url, extract, true).await,
            Err(e) => fetch_error(raw, e),
        }
    }

    /// Fetches every URL and writes one line per URL to `sink`, in input order, archiving
    /// every page received into `warc` when given. Invalid and repeated URLs get error
    /// records. When `stop` completes (Ctrl-C), URLs not yet done are dropped, and what was
    /// written is flushed. A write error ends the run and is returned.
    pub async fn run<W: io::Write>(
        &self,
        urls: &[String],
        extract: &Config,
        sink: &mut dyn Sink,
        mut warc: Option<&mut WarcWriter<W>>,
        stop: impl Future<Output = ()>,
        progress: Option<&mut dyn FnMut(&Progress)>,
    ) -> io::Result<FetchSummary> {
        let planned = plan(urls);
        let keep = warc.is_some();
        let mut summary = FetchSummary::default();
        let mut stats = Progress { total: urls.len(), started: Instant::now(), ..Default::default() };
        let mut progress = progress;
        let mut outputs = futures_util::stream::iter(urls.iter().zip(planned))
            .map(|(raw, plan)| async move {
                match plan {
                    Ok(url) => self.fetch_parsed(raw, &url, extract, keep).await,
                    Err(e) => fetch_error(raw, e),
                }
            })
            .buffered(self.config.max_in_flight.max(1));
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        tokio::pin!(stop);
        loop {
            tokio::select! {
                biased;
                _ = &mut stop => {
                    summary.interrupted = true;
                    break;
                }
                _ = tick.tick(), if progress.is_some() => {
                    if let Some(report) = progress.as_mut() {
                        stats.in_flight = self.config.concurrency.max(1) - self.global.available_permits();
                        stats.hosts = self.hosts.lock().map(|h| h.len()).unwrap_or(0);
                        report(&stats);
                    }
                }
                next = outputs.next() => {
                    let Some(fetched) = next else { break };
                    if let (Some(w), Some(exchange)) = (warc.as_mut(), fetched.exchange.as_ref()) {
                        w.write_exchange(exchange)?;
                    }
                    match &fetched.output {
                        Output::Record(_) => summary.records += 1,
                        Output::Error(_) => summary.errors += 1,
                    }
                    stats.done += 1;
                    stats.errors = summary.errors;
                    sink.write(&fetched.output)?;
                }
            }
        }
        if let Some(report) = progress.as_mut() {
            report(&stats);
        }
        if let Some(w) = warc {
            w.flush()?;
        }
        sink.finish()?;
        Ok(summary)
    }

    /// Fetches and extracts one parsed URL; the exchange is kept only when `keep` (a WARC is
    /// written), so that without one no body outlives its extraction.
    async fn fetch_parsed(&self, raw: &str, url: &Url, extract: &Config, keep: bool) -> Fetched {
        let mut exchange = match self.fetch_page(url).await {
            Ok(exchange) => exchange,
            Err(failure) => {
                let mut fetched = fetch_error(raw, failure.error);
                fetched.exchange = failure.exchange.filter(|_| keep).map(|mut exchange| {
                    exchange.requested_url = raw.trim().to_string();
                    exchange
                });
                return fetched;
            }
        };
        // The URL as the user wrote it, so a WARC re-extraction gives the same `source`.
        exchange.requested_url = raw.trim().to_string();
        let input = Input {
            source: raw.trim().to_string(),
            url: Some(exchange.final_url.clone()),
            bytes: std::mem::take(&mut exchange.body),
            content_type: warc::parse_http_response(&exchange.response_head).and_then(|r| r.content_type),
        };
        let config = extract.clone();
        // Extraction is CPU work: run it off the I/O threads, at most one per core.
        let permit = self.extract_permits.clone().acquire_owned().await;
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let output = extract_document(&input, &config);
            (output, input.bytes)
        })
        .await;
        match joined {
            Ok((output, body)) => {
                exchange.body = body;
                Fetched { output, exchange: keep.then_some(exchange) }
            }
            Err(e) => {
                let input = Input::from_bytes(raw.trim(), Vec::new());
                Fetched { output: Output::Error(error_record(&input, &ExtractError::Internal(e.to_string()))), exchange: None }
            }
        }
    }

    /// Follows redirects hop by hop, refusing loops and more than `max_redirects` hops.
    async fn fetch_page(&self, url: &Url) -> Result<Exchange, Failure> {
        let mut current = url.clone();
        let mut visited = vec![current.to_string()];
        loop {
            match self.fetch_hop(&current).await? {
                Step::Page(exchange) => return Ok(exchange),
                Step::Redirect(next) => {
                    if visited.iter().any(|v| v == next.as_str()) {
                        return Err(FetchError::RedirectLoop(next.to_string()).into());
                    }
                    if visited.len() > self.config.max_redirects {
                        return Err(FetchError::TooManyRedirects(self.config.max_redirects).into());
                    }
                    visited.push(next.to_string());
                    current = next;
                }
            }
        }
    }

    /// One hop: robots check, politeness and retries around single attempts. The host permit
    /// is released before the next hop (a redirect to the same host must not wait on itself).
    async fn fetch_hop(&self, url: &Url) -> Result<Step, Failure> {
        let host = self.host(url);
        let _host_permit = host.permits.acquire().await.map_err(|e| Failure::from(FetchError::Network(e.to_string())))?;
        let mut delay = self.config.host_delay;
        if !self.config.ignore_robots {
            let robots = host.robots.get_or_init(|| self.fetch_robots(url, &host)).await;
            robots.check(url.as_str())?;
            if let Some(crawl_delay) = robots.crawl_delay() {
                delay = delay.max(crawl_delay);
            }
        }
        self.with_retries(url, &host, delay, self.config.timeout, self.config.max_body_bytes, true).await
    }

    async fn fetch_robots(&self, url: &Url, host: &Host) -> Robots {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            let result = self
                .with_retries(&robots_url, host, self.config.host_delay, self.config.robots_timeout, robots::MAX_ROBOTS_BYTES, false)
                .await;
            match result {
                Ok(Step::Page(exchange)) => return Robots::from_body(&self.config.user_agent, &exchange.body),
                Ok(Step::Redirect(next)) => robots_url = next,
                Err(failure) => return Robots::from_error(failure.error),
            }
        }
        Robots::from_error(FetchError::TooManyRedirects(ROBOTS_MAX_REDIRECTS))
    }

    async fn with_retries(
        &self,
        url: &Url,
        host: &Host,
        delay: Duration,
        timeout: Duration,
        cap: u64,
        page: bool,
    ) -> Result<Step, Failure> {
        let mut attempt = 0u32;
        loop {
            self.wait_turn(host, delay).await;
            let result = {
                let _permit = self.global.acquire().await.map_err(|e| Failure::from(FetchError::Network(e.to_string())))?;
                match tokio::time::timeout(timeout, self.attempt(url, cap, page)).await {
                    Ok(result) => result,
                    Err(_) => Err(Failure::from(FetchError::Timeout(timeout.as_millis() as u64))),
                }
            };
            match result {
                Ok(exchange) => return Ok(exchange),
                Err(failure) if failure.error.is_retryable() && attempt < self.config.retries => {
                    let wait = failure.retry_after.unwrap_or_else(|| backoff(self.config.backoff_base, attempt));
                    tokio::time::sleep(wait.min(self.config.backoff_max)).await;
                    attempt += 1;
                }
                Err(failure) => return Err(failure),
            }
        }
    }

    /// One request: status, type and size checks, the body streamed under the cap.
    async fn attempt(&self, url: &Url, cap: u64, page: bool) -> Result<Step, Failure> {
        let plain = Failure::from;
        let connect_ms = self.config.connect_timeout.as_millis() as u64;
        let response = self.client.get(url.clone()).send().await.map_err(|e| plain(classify(&e, connect_ms)))?;
        let status = response.status();
        if status.is_redirection() {
            let location = response.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
            if let Some(location) = location {
                let next = url.join(location).map_err(|e| FetchError::InvalidUrl { url: location.to_string(), reason: e.to_string() })?;
                let mut next = parse_url(next.as_str())?;
                next.set_fragment(None);
                return Ok(Step::Redirect(next));
            }
        }
        if !status.is_success() {
            let retry_after = response.headers().get(RETRY_AFTER).and_then(parse_retry_after);
            let reason = status.canonical_reason().unwrap_or("").to_string();
            let final_url = response.url().to_string();
            let head = response_head(&response);
            // The error page is archived too (WARC keeps every response), within a small cap.
            let body = read_body(response, cap.min(ERROR_BODY_CAP), connect_ms).await.unwrap_or_default();
            let exchange = self.exchange(url, final_url, head, body);
            return Err(Failure {
                error: FetchError::HttpStatus { code: status.as_u16(), reason },
                retry_after,
                exchange: Some(exchange),
            });
        }
        let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
        if page && !warc::is_html_type(content_type.as_deref()) {
            return Err(plain(FetchError::NotHtml(content_type.unwrap_or_default())));
        }
        let announced = response.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if announced.is_some_and(|n| n > cap) {
            return Err(plain(FetchError::TooLarge { limit: cap }));
        }
        let final_url = response.url().to_string();
        let head = response_head(&response);
        let body = read_body(response, cap, connect_ms).await.map_err(plain)?;
        Ok(Step::Page(self.exchange(url, final_url, head, body)))
    }

    fn exchange(&self, url: &Url, final_url: String, response_head: Vec<u8>, body: Vec<u8>) -> Exchange {
        let final_parsed = Url::parse(&final_url).ok();
        let target = final_parsed.as_ref().unwrap_or(url);
        Exchange {
            requested_url: url.to_string(),
            request_head: request_head(target, &self.config.user_agent),
            final_url,
            response_head,
            body,
            date: chrono::Utc::now(),
        }
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key = format!("{}://{}:{}", url.scheme(), url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0));
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .entry(key)
            .or_insert_with(|| {
                Arc::new(Host {
                    permits: Semaphore::new(self.config.host_concurrency.max(1)),
                    next_slot: Mutex::new(Instant::now()),
                    robots: OnceCell::new(),
                })
            })
            .clone()
    }

    /// Reserves the host's next request slot and sleeps until it.
    async fn wait_turn(&self, host: &Host, delay: Duration) {
        let at = {
            let mut next = host.next_slot.lock().unwrap_or_else(|p| p.into_inner());
            let at = (*next).max(Instant::now());
            *next = at + delay;
            at
        };
        tokio::time::sleep_until(at.into()).await;
    }
}

/// Largest error-page body (4xx/5xx) kept for the WARC.
const ERROR_BODY_CAP: u64 = 1024 * 1024;

/// A failed attempt: the error, the server's `Retry-After`, and the response when there was one.
#[derive(Debug)]
struct Failure {
    error: FetchError,
    retry_after: Option<Duration>,
    exchange: Option<Exchange>,
}

impl From<FetchError> for Failure {
    fn from(error: FetchError) -> Self {
        Failure { error, retry_after: None, exchange: None }
    }
}

/// Streams a body, failing with `too_large` as soon as it passes `cap` bytes.
async fn read_body(response: reqwest::Response, cap: u64, connect_ms: u64) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::with_capacity(response.content_length().unwrap_or(0).min(cap) as usize);
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| classify(&e, connect_ms))?;
        if body.len() as u64 + chunk.len() as u64 > cap {
            return Err(FetchError::TooLarge { limit: cap });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Figures for a progress line.
#[derive(Debug, Clone)]
pub struct Progress {
    /// URLs in the run.
    pub total: usize,
    /// URLs written so far.
    pub done: usize,
    /// Of those, error records.
    pub errors: usize,
    /// Requests in flight now.
    pub in_flight: usize,
    /// Hosts seen so far.
    pub hosts: usize,
    /// When the run started.
    pub started: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { total: 0, done: 0, errors: 0, in_flight: 0, hosts: 0, started: Instant::now() }
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        write!(
            f,
            "{}/{} done, {} errors, {:.1} URLs/s, {} in flight over {} hosts",
            self.done,
            self.total,
            self.errors,
            self.done as f64 / secs,
            self.in_flight,
            self.hosts
        )
    }
}

/// Parses one URL as given: http or https with a host.
pub fn parse_url(raw: &str) -> Result<Url, FetchError> {
    let invalid = |reason: String| FetchError::InvalidUrl { url: raw.to_string(), reason };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(e.to_string()))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(invalid(format!("scheme {:?} is not http or https", url.scheme())));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host".into()));
    }
    Ok(url)
}

/// Parses every URL and marks repeats (same URL without its fragment) as `duplicate_url`.
pub fn plan(urls: &[String]) -> Vec<Result<Url, FetchError>> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(urls.len());
    urls.iter()
        .enumerate()
        .map(|(i, raw)| {
            let mut url = parse_url(raw)?;
            url.set_fragment(None);
            match seen.get(url.as_str()) {
                Some(first) => Err(FetchError::DuplicateUrl { first: first + 1 }),
                None => {
                    seen.insert(url.as_str().to_string(), i);
                    Ok(url)
                }
            }
        })
        .collect()
}

/// Reads a URL list: one URL a line; blank lines and lines starting with `#` are skipped.
pub fn read_url_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn fetch_error(raw: &str, error: FetchError) -> Fetched {
    let input = Input::from_bytes(raw.trim(), Vec::new());
    Fetched { output: Output::Error(error_record(&input, &ExtractError::Fetch(error))), exchange: None }
}

/// `base × 2^attempt`, less up to half of it at random, so that clients retrying together
/// spread out.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let full = base.saturating_mul(1u32 << attempt.min(16));
    let jitter = full.mul_f64(fastrand::f64() * 0.5);
    full.saturating_sub(jitter)
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(value: &HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(text).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// Sorts a transport error into a kind.
/// `connect_ms` is the connect timeout, the only timeout reqwest itself enforces here (the total
/// timeout wraps each attempt from outside).
fn classify(error: &reqwest::Error, connect_ms: u64) -> FetchError {
    let message = chain(error);
    if error.is_timeout() {
        FetchError::Timeout(connect_ms)
    } else if error.is_connect() {
        if message.contains("dns error") || message.contains("failed to lookup address") {
            FetchError::Dns(message)
        } else {
            FetchError::Connect(message)
        }
    } else {
        FetchError::Network(message)
    }
}

/// An error and its sources, joined by ": ".
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    let mut depth = 0;
    while let (Some(e), true) = (source, depth < 8) {
        let part = e.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = e.source();
        depth += 1;
    }
    text
}

/// The request as sent, for the WARC request record.
fn request_head(url: &Url, user_agent: &str) -> Vec<u8> {
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_string(),
    };
    format!(
        "GET {path} HTTP/1.1\r\nhost: {host}\r\nuser-agent: {user_agent}\r\naccept: {ACCEPT_VALUE}\r\naccept-encoding: gzip, br, deflate\r\n\r\n"
    )
    .into_bytes()
}

/// The status line and headers as received (after content decoding, which drops
/// `Content-Encoding` and `Content-Length`, so the archived head matches the archived body).
fn response_head(response: &reqwest::Response) -> Vec<u8> {
    let status = response.status();
    let mut head = format!("HTTP/1.1 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or("")).into_bytes();
    for (name, value) in response.headers() {
        if name == reqwest::header::TRANSFER_ENCODING {
            continue;
        }
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_marks_invalid_and_duplicate() {
        let urls: Vec<String> = ["http://a.test/1", "ftp://a.test/x", "not a url", "HTTP://A.test/1#top", "http://a.test/2"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let kinds: Vec<&str> = plan(&urls).iter().map(|r| r.as_ref().map(|_| "ok").unwrap_or_else(|e| e.kind())).collect();
        assert_eq!(kinds, ["ok", "invalid_url", "invalid_url", "duplicate_url", "ok"]);
    }

    #[test]
    fn url_list_skips_comments_and_blanks() {
        let list = "# berita\n\nhttp://a.test/1\n   \n  http://a.test/2  \n#x\n";
        assert_eq!(read_url_list(list), ["http://a.test/1", "http://a.test/2"]);
    }

    #[test]
    fn backoff_doubles_with_jitter() {
        for attempt in 0..4 {
            let d = backoff(Duration::from_millis(100), attempt);
            let full = Duration::from_millis(100 << attempt);
            assert!(d <= full && d >= full / 2, "{d:?} for attempt {attempt}");
        }
    }

    #[test]
    fn retry_after_seconds_and_date() {
        assert_eq!(parse_retry_after(&HeaderValue::from_static("3")), Some(Duration::from_secs(3)));
        let past = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(parse_retry_after(&past), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(&HeaderValue::from_static("soon")), None);
    }
}
