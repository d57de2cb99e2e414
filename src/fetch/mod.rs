//! `warta fetch`: pages by URL, politely (robots.txt, per-host delay and concurrency) and
//! robustly (timeouts, capped redirects, retries with backoff, a streamed body cap), each turned
//! into the same [`Output`] as `warta extract`, in input order (or as finished), optionally
//! archived as WARC.
//!
//! A run keeps one queue per host and starts, among the hosts that have a free slot, the URL
//! earliest in the list, so a list sorted by host does not crawl at one host's speed; outputs
//! wait in a
//! bounded reorder buffer to be written in input order (see [`FetchConfig::reorder_window`]).
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

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::stream::FuturesUnordered;
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
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
    /// URLs being worked on at once (waiting for their host's turn, fetching or extracting).
    /// Default 256: enough to keep `concurrency` requests busy while hosts wait out their delay.
    pub max_in_flight: usize,
    /// How far past the oldest unwritten URL the run may start URLs, in list positions.
    /// Default 16,384. With output in input order, everything finished after a slow URL waits
    /// in memory; a list sorted by host needs a window spanning many hosts' runs to keep them
    /// all busy. Queued positions cost a few bytes each; the held outputs are what costs, and
    /// [`FetchConfig::reorder_bytes`] bounds them.
    pub reorder_window: usize,
    /// Estimated bytes of finished outputs (and WARC exchanges) held for in-order writing;
    /// past it no new URL starts until the oldest is written. Default 128 MiB.
    pub reorder_bytes: usize,
    /// Write each output as soon as it is finished instead of in input order. Default false.
    pub unordered: bool,
    /// Idle hosts whose robots.txt and pacing are remembered (least recently used go first;
    /// a host coming back after eviction fetches robots.txt again). Default 1,024.
    pub host_cache: usize,
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
            reorder_window: 16_384,
            reorder_bytes: 128 * 1024 * 1024,
            unordered: false,
            host_cache: 1024,
            ignore_robots: false,
            resolve: Vec::new(),
        }
    }
}

/// The outcome for one URL: its output line, and the exchanges to archive.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The record or error record.
    pub output: Output,
    /// The HTTP exchanges received, in order: each redirect hop (3xx), then the final response
    /// when one came back. Kept by [`Fetcher::fetch`], and by [`Fetcher::run`] only when it
    /// writes a WARC.
    pub exchanges: Vec<Exchange>,
}

impl Fetched {
    /// A rough size in memory, for the reorder buffer's budget.
    fn weight(&self) -> usize {
        let output = match &self.output {
            // Text, its paragraphs, and entities of about the same size again.
            Output::Record(r) => r.text.len() * 3 + 2048,
            Output::Error(_) => 512,
        };
        let archived: usize =
            self.exchanges.iter().map(|e| e.body.len() + e.response_head.len() + e.request_head.len() + 256).sum();
        output + archived
    }
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

/// Politeness state of the hosts seen, bounded: idle hosts past `cap` are dropped, least
/// recently used first (a host in use is never dropped).
#[derive(Debug, Default)]
struct HostTable {
    map: HashMap<String, (Arc<Host>, u64)>,
    tick: u64,
}

impl HostTable {
    /// Drops idle hosts, oldest first, until at most `cap` remain (or only busy ones do).
    fn shrink(&mut self, cap: usize) {
        if self.map.len() <= cap {
            return;
        }
        let mut idle: Vec<(u64, String)> = self
            .map
            .iter()
            .filter(|(_, (host, _))| Arc::strong_count(host) == 1)
            .map(|(key, (_, used))| (*used, key.clone()))
            .collect();
        idle.sort_unstable();
        let excess = self.map.len() - cap;
        for (_, key) in idle.into_iter().take(excess) {
            self.map.remove(&key);
        }
    }
}

/// Fetches pages by URL; share one per run (it holds the connection pool and host state).
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    hosts: Mutex<HostTable>,
    global: Semaphore,
    extract_permits: Arc<Semaphore>,
}

/// A response that ended the redirect chain.
struct Page {
    /// The URL it came from.
    final_url: String,
    /// Its `Content-Type` header.
    content_type: Option<String>,
    /// Its body, decoded.
    body: Vec<u8>,
    /// The exchange to archive (when a WARC is written).
    exchange: Option<Exchange>,
}

/// What one request gave: a page, or a redirect to follow (redirects are followed by hand, so
/// every hop gets its host's robots.txt check and politeness), with the hop's exchange.
enum Step {
    Page(Page),
    Redirect(Url, Option<Exchange>),
}

/// Redirects followed when fetching robots.txt (RFC 9309 asks for at least five).
const ROBOTS_MAX_REDIRECTS: usize = 5;

/// Least time an idle connection is kept for reuse. Why this low: with no per-host delay
/// (`bench_fetch`), 10,000 hosts sorted in the list left 1,600 idle connections at 2 s.
const MIN_POOL_IDLE: Duration = Duration::from_millis(500);

/// Largest redirect body read (and archived): a 3xx body is a courtesy note.
const REDIRECT_BODY_CAP: u64 = 64 * 1024;

/// Resolves host names with the system resolver, except names under `.invalid`, which fail
/// at once without a query: RFC 6761 §6.4 lets applications treat them as never resolving,
/// and a typo'd test domain then never reaches the network.
struct SystemResolver;

impl reqwest::dns::Resolve for SystemResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let lower = host.trim_end_matches('.').to_ascii_lowercase();
            if lower == "invalid" || lower.ends_with(".invalid") {
                let message = format!("dns error: {host} is under .invalid and never resolves (RFC 6761)");
                return Err(io::Error::new(io::ErrorKind::NotFound, message).into());
            }
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| io::Error::new(io::ErrorKind::NotFound, format!("dns error: failed to lookup address {host}: {e}")))?
                .collect();
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

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
            .dns_resolver(Arc::new(SystemResolver))
            // Why short: over 10,000 hosts, idle keep-alive connections (and their buffers)
            // of hosts already done would pile up for reqwest's default 90 s; a host still
            // being fetched reuses its connection within two delays.
            .pool_idle_timeout(config.host_delay.saturating_mul(2).max(MIN_POOL_IDLE))
            .pool_max_idle_per_host(config.host_concurrency.max(1));
        for (host, addr) in &config.resolve {
            builder = builder.resolve(host, *addr);
        }
        let client = builder.build().map_err(|e| FetchError::Network(chain(&e)))?;
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        // One extraction more than there are cores: with exactly one per core, the cores idled
        // between a page finishing and the next fetched body being handed over (1.6 of 2 cores
        // busy; bench_fetch 5000 with extraction 930-965 URLs/s, with one more 1,116-1,168).
        Ok(Fetcher {
            client,
            global: Semaphore::new(config.concurrency.max(1)),
            config,
            hosts: Mutex::new(HostTable::default()),
            extract_permits: Arc::new(Semaphore::new(cpus + 1)),
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches and extracts one URL (no duplicate check: that needs the whole list).
    pub async fn fetch(&self, raw: &str, extract: &Config) -> Fetched {
        match parse_url(raw) {
            Ok(url) => self.fetch_parsed(raw, &url, extract, true, false).await,
            Err(e) => fetch_error(raw, e),
        }
    }

    /// Fetches every URL and writes one line per URL to `sink` — in input order, or as
    /// finished with [`FetchConfig::unordered`] — archiving every response received into
    /// `warc` when given (in the same order as the lines). Invalid and repeated URLs get error
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
        let keep = warc.is_some();
        let unordered = self.config.unordered;
        let window = self.config.reorder_window.max(1);
        let max_running = self.config.max_in_flight.max(1);
        let host_slots = self.config.host_concurrency.max(1);
        let mut plan = Plan::new(urls);
        let total = urls.len();
        let mut summary = FetchSummary::default();
        let mut stats = Progress { total, started: Instant::now(), ..Default::default() };
        let mut progress = progress;

        // Outputs not yet written: position `base + i` is `held[i]` (in order mode).
        let mut held: VecDeque<Option<Fetched>> = VecDeque::new();
        let mut held_bytes = 0usize;
        let mut base = 0usize;
        let mut next = 0usize;
        let mut done = 0usize;
        let mut running = FuturesUnordered::new();
        let start = |index: usize, url: Url, last: bool| async move {
            let fetched = self.fetch_parsed(&urls[index], &url, extract, keep, last).await;
            (index, fetched)
        };
        let mut write = |fetched: Fetched, summary: &mut FetchSummary, warc: &mut Option<&mut WarcWriter<W>>| {
            if let Some(w) = warc.as_mut() {
                for exchange in &fetched.exchanges {
                    w.write_exchange(exchange)?;
                }
            }
            match &fetched.output {
                Output::Record(_) => summary.records += 1,
                Output::Error(_) => summary.errors += 1,
            }
            sink.write(&fetched.output)
        };
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        tokio::pin!(stop);
        loop {
            // Admit list positions into the window; invalid and duplicate URLs finish at once.
            let oldest = if unordered { done } else { base };
            while next < total && next - oldest < window && (unordered || held_bytes <= self.config.reorder_bytes) {
                let index = next;
                next += 1;
                if !unordered {
                    held.push_back(None);
                }
                match plan.take(index) {
                    Err(error) => {
                        let fetched = fetch_error(&urls[index], error);
                        done += 1;
                        if unordered {
                            write(fetched, &mut summary, &mut warc)?;
                        } else {
                            held_bytes += fetched.weight();
                            held[index - base] = Some(fetched);
                        }
                    }
                    Ok((url, key)) => plan.enqueue(index, url, key, host_slots),
                }
            }
            // Start work on the hosts with something waiting and a free slot.
            while running.len() < max_running {
                let Some((index, url, last)) = plan.next_start(host_slots) else { break };
                running.push(start(index, url, last));
            }
            // Write what is next in input order.
            while let Some(Some(_)) = held.front() {
                if let Some(Some(fetched)) = held.pop_front() {
                    held_bytes = held_bytes.saturating_sub(fetched.weight());
                    base += 1;
                    write(fetched, &mut summary, &mut warc)?;
                }
            }
            stats.done = summary.records + summary.errors;
            stats.errors = summary.errors;
            if done == total && held.is_empty() {
                break;
            }
            tokio::select! {
                biased;
                _ = &mut stop => {
                    summary.interrupted = true;
                    break;
                }
                _ = tick.tick(), if progress.is_some() => {
                    if let Some(report) = progress.as_mut() {
                        stats.in_flight = self.config.concurrency.max(1) - self.global.available_permits();
                        stats.hosts = plan.queues.len();
                        stats.queues = plan.longest_queues(3);
                        report(&stats);
                    }
                }
                Some((index, fetched)) = running.next(), if !running.is_empty() => {
                    done += 1;
                    if let Some(key) = plan.hosts[index].take() {
                        plan.finished(&key, host_slots, self);
                    }
                    if unordered {
                        write(fetched, &mut summary, &mut warc)?;
                    } else {
                        held_bytes += fetched.weight();
                        if let Some(slot) = held.get_mut(index - base) {
                            *slot = Some(fetched);
                        }
                    }
                }
            }
        }
        stats.done = summary.records + summary.errors;
        stats.errors = summary.errors;
        stats.hosts = plan.queues.len();
        stats.queues = plan.longest_queues(3);
        if let Some(report) = progress.as_mut() {
            report(&stats);
        }
        if let Some(w) = warc {
            w.flush()?;
        }
        sink.finish()?;
        Ok(summary)
    }

    /// Fetches and extracts one parsed URL; exchanges are kept only when `keep` (a WARC is
    /// written), so that without one no body outlives its extraction. `last` asks the server
    /// to close the connection after the response (see [`Attempt::close`]).
    async fn fetch_parsed(&self, raw: &str, url: &Url, extract: &Config, keep: bool, last: bool) -> Fetched {
        let requested = raw.trim();
        let mut hops = Vec::new();
        let page = self.fetch_page(url, keep, last, &mut hops).await;
        // The URL as the user wrote it, so a WARC re-extraction gives the same `source`.
        for hop in &mut hops {
            hop.requested_url = requested.to_string();
        }
        let page = match page {
            Ok(page) => page,
            Err(failure) => {
                let mut fetched = fetch_error(raw, failure.error);
                hops.extend(failure.exchange.filter(|_| keep).map(|mut exchange| {
                    exchange.requested_url = requested.to_string();
                    exchange
                }));
                fetched.exchanges = hops;
                return fetched;
            }
        };
        let input = Input {
            source: requested.to_string(),
            url: Some(page.final_url),
            bytes: page.body,
            content_type: page.content_type,
        };
        let config = extract.clone();
        // Extraction is CPU work: run it off the I/O threads, at most one per core, so the
        // reactor threads always find a core for the sockets.
        let permit = self.extract_permits.clone().acquire_owned().await;
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let output = extract_document(&input, &config);
            (output, input.bytes)
        })
        .await;
        match joined {
            Ok((output, body)) => {
                if let Some(mut exchange) = page.exchange {
                    exchange.requested_url = requested.to_string();
                    exchange.body = body;
                    hops.push(exchange);
                }
                Fetched { output, exchanges: hops }
            }
            Err(e) => {
                let input = Input::from_bytes(requested, Vec::new());
                let output = Output::Error(error_record(&input, &ExtractError::Internal(e.to_string())));
                Fetched { output, exchanges: hops }
            }
        }
    }

    /// Follows redirects hop by hop, refusing loops and more than `max_redirects` hops; each
    /// hop's response goes into `hops` when `keep`.
    async fn fetch_page(&self, url: &Url, keep: bool, close: bool, hops: &mut Vec<Exchange>) -> Result<Page, Failure> {
        let mut current = url.clone();
        let mut visited = vec![current.to_string()];
        loop {
            match self.fetch_hop(&current, keep, close).await? {
                Step::Page(page) => return Ok(page),
                Step::Redirect(next, exchange) => {
                    hops.extend(exchange);
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
    async fn fetch_hop(&self, url: &Url, keep: bool, close: bool) -> Result<Step, Failure> {
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
        let attempt = Attempt { timeout: self.config.timeout, cap: self.config.max_body_bytes, page: true, keep, close };
        self.with_retries(url, &host, delay, attempt).await
    }

    async fn fetch_robots(&self, url: &Url, host: &Host) -> Robots {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let attempt =
            Attempt { timeout: self.config.robots_timeout, cap: robots::MAX_ROBOTS_BYTES, page: false, keep: false, close: false };
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            match self.with_retries(&robots_url, host, self.config.host_delay, attempt).await {
                Ok(Step::Page(page)) => return Robots::from_body(&self.config.user_agent, &page.body),
                Ok(Step::Redirect(next, _)) => robots_url = next,
                Err(failure) => return Robots::from_error(failure.error),
            }
        }
        Robots::from_error(FetchError::TooManyRedirects(ROBOTS_MAX_REDIRECTS))
    }

    async fn with_retries(&self, url: &Url, host: &Host, delay: Duration, attempt: Attempt) -> Result<Step, Failure> {
        let mut tries = 0u32;
        loop {
            self.wait_turn(host, delay).await;
            let result = {
                let _permit = self.global.acquire().await.map_err(|e| Failure::from(FetchError::Network(e.to_string())))?;
                match tokio::time::timeout(attempt.timeout, self.attempt(url, attempt)).await {
                    Ok(result) => result,
                    Err(_) => Err(Failure::from(FetchError::Timeout(attempt.timeout.as_millis() as u64))),
                }
            };
            match result {
                Ok(step) => return Ok(step),
                Err(failure) if failure.error.is_retryable() && tries < self.config.retries => {
                    let wait = failure.retry_after.unwrap_or_else(|| backoff(self.config.backoff_base, tries));
                    tokio::time::sleep(wait.min(self.config.backoff_max)).await;
                    tries += 1;
                }
                Err(failure) => return Err(failure),
            }
        }
    }

    /// One request: status, type and size checks, the body streamed under the cap.
    async fn attempt(&self, url: &Url, attempt: Attempt) -> Result<Step, Failure> {
        let Attempt { cap, page, keep, close, .. } = attempt;
        let plain = Failure::from;
        let connect_ms = self.config.connect_timeout.as_millis() as u64;
        let mut request = self.client.get(url.clone());
        if close {
            request = request.header(CONNECTION, HeaderValue::from_static("close"));
        }
        let response = request.send().await.map_err(|e| plain(classify(&e, connect_ms)))?;
        let status = response.status();
        if status.is_redirection() {
            let location = response.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
            if let Some(location) = location {
                let next = url.join(location).map_err(|e| FetchError::InvalidUrl { url: location.to_string(), reason: e.to_string() })?;
                let mut next = parse_url(next.as_str())?;
                next.set_fragment(None);
                let exchange = if keep {
                    let head = response_head(&response);
                    // The note a 3xx carries is archived with it; a broken one is no reason to stop.
                    let body = read_body(response, cap.min(REDIRECT_BODY_CAP), connect_ms).await.unwrap_or_default();
                    Some(self.exchange(url, url.to_string(), head, body, close))
                } else {
                    None
                };
                return Ok(Step::Redirect(next, exchange));
            }
        }
        if !status.is_success() {
            let retry_after = response.headers().get(RETRY_AFTER).and_then(parse_retry_after);
            let reason = status.canonical_reason().unwrap_or("").to_string();
            let final_url = response.url().to_string();
            let head = response_head(&response);
            // The error page is archived too (WARC keeps every response), within a small cap.
            let body = read_body(response, cap.min(ERROR_BODY_CAP), connect_ms).await.unwrap_or_default();
            let exchange = keep.then(|| self.exchange(url, final_url, head, body, close));
            return Err(Failure { error: FetchError::HttpStatus { code: status.as_u16(), reason }, retry_after, exchange });
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
        let head = if keep { response_head(&response) } else { Vec::new() };
        let body = read_body(response, cap, connect_ms).await.map_err(plain)?;
        // The body moves into the extraction; the archived exchange gets it back afterwards.
        let exchange = keep.then(|| self.exchange(url, final_url.clone(), head, Vec::new(), close));
        Ok(Step::Page(Page { final_url, content_type, body, exchange }))
    }

    fn exchange(&self, url: &Url, final_url: String, response_head: Vec<u8>, body: Vec<u8>, close: bool) -> Exchange {
        let final_parsed = Url::parse(&final_url).ok();
        let target = final_parsed.as_ref().unwrap_or(url);
        Exchange {
            requested_url: url.to_string(),
            request_head: request_head(target, &self.config.user_agent, close),
            final_url,
            response_head,
            body,
            date: chrono::Utc::now(),
        }
    }

    /// The politeness state of `url`'s host, created on first use.
    fn host(&self, url: &Url) -> Arc<Host> {
        let key = host_key(url);
        let mut table = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        table.tick += 1;
        let tick = table.tick;
        if let Some((host, used)) = table.map.get_mut(&key) {
            *used = tick;
            return host.clone();
        }
        let host = Arc::new(Host {
            permits: Semaphore::new(self.config.host_concurrency.max(1)),
            next_slot: Mutex::new(Instant::now()),
            robots: OnceCell::new(),
        });
        table.map.insert(key, (host.clone(), tick));
        // Shrink in batches (a quarter over the cap), so the sort is paid rarely.
        let cap = self.config.host_cache.max(1);
        if table.map.len() > cap + cap / 4 {
            table.shrink(cap);
        }
        host
    }

    /// Drops a host's state once the run has nothing left for it (unless a redirect from
    /// another host is using it right now).
    fn forget_host(&self, key: &str) {
        let mut table = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        if table.map.get(key).is_some_and(|(host, _)| Arc::strong_count(host) == 1) {
            table.map.remove(key);
        }
    }

    /// Hosts whose politeness state is held now.
    pub fn hosts_held(&self) -> usize {
        self.hosts.lock().map(|t| t.map.len()).unwrap_or(0)
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

/// How one attempt runs: its timeout and body cap, whether it fetches a page (content type
/// checked) and whether it keeps the exchange for the WARC.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    timeout: Duration,
    cap: u64,
    page: bool,
    keep: bool,
    /// Send `Connection: close`: no URL of this host is waiting to reuse the connection.
    /// Why: an idle keep-alive connection keeps its read buffer (about 100 KB after a page);
    /// over 10,000 hosts, idle connections reached 1.2 GB in `bench_fetch`.
    close: bool,
}

/// The key of a host's state: scheme, host and port.
fn host_key(url: &Url) -> String {
    format!("{}://{}:{}", url.scheme(), url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

/// One host's part of a run: the URLs admitted and waiting, those running, and how many of
/// its URLs are not finished yet (the whole list counted). Dropped when that reaches zero.
#[derive(Debug, Default)]
struct HostQueue {
    waiting: VecDeque<(usize, Url)>,
    running: usize,
    pending: usize,
}

/// The URL list of a run, parsed once: each position's URL (or why it has none) until it is
/// admitted, its host key until it finishes, and the per-host queues.
struct Plan {
    urls: Vec<Option<Result<Url, FetchError>>>,
    hosts: Vec<Option<Arc<str>>>,
    queues: HashMap<Arc<str>, HostQueue>,
    /// Active hosts with a URL waiting and a free slot, by the list position of that URL
    /// (entries whose position is no longer the host's first are stale and skipped).
    ready: BinaryHeap<Reverse<(usize, Arc<str>)>>,
}

impl Plan {
    fn new(urls: &[String]) -> Plan {
        let parsed = plan(urls);
        let mut keys: HashMap<String, Arc<str>> = HashMap::new();
        let mut queues: HashMap<Arc<str>, HostQueue> = HashMap::new();
        let hosts = parsed
            .iter()
            .map(|r| {
                let url = r.as_ref().ok()?;
                let key = keys.entry(host_key(url)).or_insert_with_key(|k| Arc::from(k.as_str())).clone();
                queues.entry(key.clone()).or_default().pending += 1;
                Some(key)
            })
            .collect();
        Plan {
            urls: parsed.into_iter().map(Some).collect(),
            hosts,
            queues,
            ready: BinaryHeap::new(),
        }
    }

    /// Marks host `key` ready when it has a URL waiting and a free slot.
    fn offer(&mut self, key: &Arc<str>, host_slots: usize) {
        if let Some(queue) = self.queues.get(key) {
            if let (true, Some((index, _))) = (queue.running < host_slots, queue.waiting.front()) {
                self.ready.push(Reverse((*index, key.clone())));
            }
        }
    }

    /// Queues an admitted URL on its host.
    fn enqueue(&mut self, index: usize, url: Url, key: Arc<str>, host_slots: usize) {
        let Some(queue) = self.queues.get_mut(&key) else { return };
        let first = queue.waiting.is_empty();
        queue.waiting.push_back((index, url));
        if first {
            self.offer(&key, host_slots);
        }
    }

    /// The next URL to start, with whether its connection should close afterwards. Among
    /// hosts with a free slot, the URL earliest in the list goes first, so that in-order
    /// output waits as little as possible while per-host slots spread the work over hosts.
    /// Why not round-robin over hosts: it revisited every host in the window before its idle
    /// connection expired (1,600 connections, 380 MB, for a host-sorted list of 2,000 hosts in
    /// `bench_fetch`), and it started URLs far ahead in the list whose outputs then waited.
    fn next_start(&mut self, host_slots: usize) -> Option<(usize, Url, bool)> {
        loop {
            let Reverse((index, key)) = self.ready.pop()?;
            let Some(queue) = self.queues.get_mut(&key) else { continue };
            let current = queue.waiting.front().is_some_and(|(first, _)| *first == index);
            if queue.running >= host_slots || !current {
                continue;
            }
            let Some((index, url)) = queue.waiting.pop_front() else { continue };
            queue.running += 1;
            // Keep the connection only when enough URLs of this host wait to take over every
            // slot again; else the last few requests close their connections rather than leave
            // them idle in the pool.
            let last = queue.waiting.len() < host_slots;
            self.offer(&key, host_slots);
            return Some((index, url, last));
        }
    }

    /// The parsed URL at `index` with its host key, or its error; each position is taken once.
    fn take(&mut self, index: usize) -> Result<(Url, Arc<str>), FetchError> {
        let parsed = self.urls[index].take().unwrap_or_else(|| Err(FetchError::Network("URL taken twice".into())))?;
        match self.hosts[index].clone() {
            Some(key) => Ok((parsed, key)),
            None => Err(FetchError::Network("URL without a host key".into())),
        }
    }

    /// Books a finished URL of host `key`: frees its slot, and drops the host (here and in
    /// the fetcher) when it has nothing left.
    fn finished(&mut self, key: &Arc<str>, host_slots: usize, fetcher: &Fetcher) {
        let Some(queue) = self.queues.get_mut(key) else { return };
        queue.running = queue.running.saturating_sub(1);
        queue.pending = queue.pending.saturating_sub(1);
        if queue.pending == 0 {
            self.queues.remove(key);
            fetcher.forget_host(key);
        } else if queue.running + 1 == host_slots {
            // A slot came free on a full host: its first waiting URL may start again.
            self.offer(key, host_slots);
        }
    }

    /// The `n` hosts with the most URLs left, most first.
    fn longest_queues(&self, n: usize) -> Vec<(String, usize)> {
        let mut top: Vec<(usize, &str)> = Vec::with_capacity(n + 1);
        for (key, queue) in &self.queues {
            top.push((queue.pending, key));
            top.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            top.truncate(n);
        }
        top.into_iter().map(|(pending, key)| (display_host(key).to_string(), pending)).collect()
    }
}

/// A host key without its scheme and default port, for the progress line.
fn display_host(key: &str) -> &str {
    let rest = key.split_once("://").map_or(key, |(_, r)| r);
    rest.strip_suffix(":80").or_else(|| rest.strip_suffix(":443")).unwrap_or(rest)
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
        // A stream that breaks after the head (the server closed mid-body) is a `body` error.
        let chunk = chunk.map_err(|e| if e.is_timeout() { classify(&e, connect_ms) } else { FetchError::Body(chain(&e)) })?;
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
    /// Hosts with URLs left.
    pub hosts: usize,
    /// The hosts with the most URLs left (at most three), and how many each.
    pub queues: Vec<(String, usize)>,
    /// When the run started.
    pub started: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { total: 0, done: 0, errors: 0, in_flight: 0, hosts: 0, queues: Vec::new(), started: Instant::now() }
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        write!(
            f,
            "{}/{} done, {} errors, {:.1} URLs/s, {} in flight, {} hosts left",
            self.done,
            self.total,
            self.errors,
            self.done as f64 / secs,
            self.in_flight,
            self.hosts
        )?;
        for (i, (host, left)) in self.queues.iter().enumerate() {
            write!(f, "{}{host} {left}", if i == 0 { "; longest queues: " } else { ", " })?;
        }
        Ok(())
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
    Fetched { output: Output::Error(error_record(&input, &ExtractError::Fetch(error))), exchanges: Vec::new() }
}

/// `base × 2^attempt`, less up to half of it at random, so that clients retrying together
/// spread out.
pub(crate) fn backoff(base: Duration, attempt: u32) -> Duration {
    let full = base.saturating_mul(1u32 << attempt.min(16));
    let jitter = full.mul_f64(fastrand::f64() * 0.5);
    full.saturating_sub(jitter)
}

/// `Retry-After` as seconds or an HTTP date (also read by `push`).
pub(crate) fn parse_retry_after(value: &HeaderValue) -> Option<Duration> {
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
fn request_head(url: &Url, user_agent: &str, close: bool) -> Vec<u8> {
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_string(),
    };
    let connection = if close { "connection: close\r\n" } else { "" };
    format!(
        "GET {path} HTTP/1.1\r\nhost: {host}\r\nuser-agent: {user_agent}\r\naccept: {ACCEPT_VALUE}\r\naccept-encoding: gzip, br, deflate\r\n{connection}\r\n"
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
    fn plan_counts_per_host_and_drops_a_host_when_done() {
        let urls: Vec<String> =
            ["http://a.test/1", "http://b.test/1", "http://a.test/2", "bukan url"].iter().map(|s| s.to_string()).collect();
        let fetcher = Fetcher::new(FetchConfig::default()).unwrap();
        let mut plan = Plan::new(&urls);
        assert_eq!(plan.longest_queues(3), [("a.test".to_string(), 2), ("b.test".to_string(), 1)]);
        assert_eq!(plan.take(3).unwrap_err().kind(), "invalid_url");
        let (_, key) = plan.take(1).unwrap();
        let _held = fetcher.host(&Url::parse("http://b.test/1").unwrap());
        plan.finished(&key, 2, &fetcher);
        assert_eq!(plan.queues.len(), 1, "b.test had nothing left");
        // Its politeness state is in use (`_held`), so the fetcher keeps it for now.
        assert_eq!(fetcher.hosts_held(), 1);
        drop(_held);
        fetcher.forget_host(&key);
        assert_eq!(fetcher.hosts_held(), 0);
    }

    #[test]
    fn the_earliest_url_of_a_host_with_a_free_slot_starts_first() {
        let urls: Vec<String> =
            ["http://a.test/1", "http://b.test/1", "http://a.test/2", "http://b.test/2"].iter().map(|s| s.to_string()).collect();
        let fetcher = Fetcher::new(FetchConfig::default()).unwrap();
        let mut plan = Plan::new(&urls);
        for i in 0..4 {
            let (url, key) = plan.take(i).unwrap();
            plan.enqueue(i, url, key, 1);
        }
        // One slot per host: a.test/1 and b.test/1 start; a.test/2 waits for a.test's slot.
        let started: Vec<(usize, bool)> = std::iter::from_fn(|| plan.next_start(1).map(|(i, _, last)| (i, last))).collect();
        assert_eq!(started, [(0, false), (1, false)], "a URL waits behind each: keep-alive");
        plan.finished(&Arc::from("http://a.test:80"), 1, &fetcher);
        let (index, _, last) = plan.next_start(1).unwrap();
        assert_eq!((index, last), (2, true), "a.test has nothing after this URL: its connection closes");
        assert!(plan.next_start(1).is_none(), "b.test's slot is still busy");
    }

    #[test]
    fn host_table_keeps_busy_and_recent_hosts() {
        let config = FetchConfig { host_cache: 4, ..FetchConfig::default() };
        let fetcher = Fetcher::new(config).unwrap();
        let busy = fetcher.host(&Url::parse("http://busy.test/").unwrap());
        for i in 0..20 {
            fetcher.host(&Url::parse(&format!("http://h{i}.test/")).unwrap());
        }
        // Over the cap by at most a quarter, and the busy host survived.
        assert!(fetcher.hosts_held() <= 5, "{}", fetcher.hosts_held());
        assert!(fetcher.hosts.lock().unwrap().map.contains_key(&host_key(&Url::parse("http://busy.test/").unwrap())));
        assert!(fetcher.hosts.lock().unwrap().map.contains_key(&host_key(&Url::parse("http://h19.test/").unwrap())));
        drop(busy);
    }

    #[test]
    fn progress_names_the_longest_queues() {
        let progress = Progress {
            total: 10,
            done: 4,
            errors: 1,
            hosts: 2,
            queues: vec![("a.test".into(), 5), ("b.test:8080".into(), 1)],
            ..Progress::default()
        };
        let line = progress.to_string();
        assert!(line.starts_with("4/10 done, 1 errors, "), "{line}");
        assert!(line.ends_with("2 hosts left; longest queues: a.test 5, b.test:8080 1"), "{line}");
    }

    #[test]
    fn retry_after_seconds_and_date() {
        assert_eq!(parse_retry_after(&HeaderValue::from_static("3")), Some(Duration::from_secs(3)));
        let past = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(parse_retry_after(&past), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(&HeaderValue::from_static("soon")), None);
    }
}
