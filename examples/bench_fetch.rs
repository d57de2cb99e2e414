//! Benchmark of `warta fetch` on loopback: N distinct pages (default 5,000) served by 50
//! listeners under H host names (default 50; `hostNN.test`, pinned to 127.0.0.1), fetched with
//! politeness off, through the full extraction. Prints URLs/s, CPU time split between the
//! server thread and the fetcher + extraction, peak memory (VmHWM) and the line count.
//!
//! ```text
//! cargo run --release --example bench_fetch -- [URLS] [--hosts H] [--no-entities]
//!     [--unordered] [--sorted] [--extract-only | --fetch-only]
//! ```
//!
//! The server is made cheap so that it does not eat the fetcher's cores: one thread of its
//! own (a current-thread runtime), every response pre-built in memory (`Bytes`, shared, not
//! copied), HTTP/1.1 keep-alive. `--extract-only` runs the same extraction on the same pages
//! without HTTP, on one thread per core: the ceiling for fetch + extract on this machine.
//! `--fetch-only` fetches without extracting (extraction refuses every page at once: the
//! lines are `too_large` error records), the fetcher's own cost. `--sorted` orders the list by
//! host (the reorder window's hard case).

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, Uri};
use axum::response::IntoResponse;
use axum::Router;

use warta::fetch::{FetchConfig, Fetcher};
use warta::input::Input;
use warta::output::{Format, JsonSink, Sink};
use warta::Config;

/// Listeners the host names are spread over.
const LISTENERS: usize = 50;

/// Counts the lines written, dropping the bytes.
struct CountLines(Arc<AtomicUsize>);

impl Write for CountLines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.fetch_add(buf.iter().filter(|&&b| b == b'\n').count(), Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

async fn serve(State(pages): State<Arc<Vec<Bytes>>>, uri: Uri) -> impl IntoResponse {
    // /p/<n>: page n of the corpus, round robin, so every URL is distinct but real.
    let n: usize = uri.path().rsplit('/').next().and_then(|s| s.parse().ok()).unwrap_or(0);
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], pages[n % pages.len()].clone())
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User + system CPU seconds of a `/proc/.../stat` file (fields 14 and 15, in clock ticks of
/// 1/100 s on Linux).
fn cpu_seconds(stat: &str) -> f64 {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    let rest = text.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn flag_value(args: &[String], name: &str) -> Option<usize> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let hosts = flag_value(&args, "--hosts").unwrap_or(50).max(1);
    let count: usize = args
        .iter()
        .enumerate()
        .find(|(i, a)| a.parse::<usize>().is_ok() && (*i == 0 || args[i - 1] != "--hosts"))
        .and_then(|(_, a)| a.parse().ok())
        .unwrap_or(5_000);
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let entities = !has("--no-entities");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut pages = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&root).expect("fixtures/pages exists").flatten().map(|e| e.path()).collect();
    names.sort();
    for dir in names {
        if let Ok(bytes) = std::fs::read(dir.join("source.html")) {
            // Pages are served as UTF-8; skip any that are not, to keep the headers honest.
            if std::str::from_utf8(&bytes).is_ok() {
                pages.push(Bytes::from(bytes));
            }
        }
    }
    let mut extract = Config { extract_entities: entities, ..Config::default() };
    if has("--fetch-only") {
        // Every page over a 1-byte input limit: extraction refuses it at once (an error record),
        // so the run measures fetching and writing alone.
        extract.max_input_bytes = 1;
    }
    println!("corpus: {} pages; entities: {entities}", pages.len());
    if has("--extract-only") {
        extract_only(&pages, count, &extract);
        return;
    }
    let pages = Arc::new(pages);

    // The server: its own thread and single-threaded runtime, so its CPU can be told apart.
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("server runtime");
        runtime.block_on(async move {
            let mut addrs = Vec::new();
            for _ in 0..LISTENERS {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
                addrs.push(listener.local_addr().expect("addr"));
                let app = Router::new().fallback(serve).with_state(pages.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(listener, app).await;
                });
            }
            addr_tx.send(addrs).expect("main thread waits");
            let _ = done_rx.await;
        });
        cpu_seconds("/proc/thread-self/stat")
    });
    let addrs: Vec<SocketAddr> = addr_rx.recv().expect("server starts");
    let resolve: Vec<(String, SocketAddr)> =
        (0..hosts).map(|i| (format!("host{i:05}.test"), addrs[i % LISTENERS])).collect();
    let mut urls: Vec<String> = (0..count)
        .map(|n| {
            let (host, addr) = &resolve[n % hosts];
            format!("http://{host}:{}/p/{n}", addr.port())
        })
        .collect();
    if has("--sorted") {
        urls.sort_by_key(|u| u.split('/').nth(2).map(str::to_string));
    }
    let config = FetchConfig {
        ignore_robots: true,
        host_delay: Duration::ZERO,
        unordered: has("--unordered"),
        resolve,
        ..FetchConfig::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let cpu_before = cpu_seconds("/proc/self/stat");
    let started = Instant::now();
    let lines = Arc::new(AtomicUsize::new(0));
    let summary = runtime.block_on(async {
        let fetcher = Fetcher::new(config).expect("client");
        let mut sink = JsonSink::new(CountLines(lines.clone()), Format::JsonLines);
        fetcher.run::<Vec<u8>>(&urls, &extract, &mut sink, None, std::future::pending(), None).await.expect("run")
    });
    let secs = started.elapsed().as_secs_f64();
    let cpu_total = cpu_seconds("/proc/self/stat") - cpu_before;
    let _ = done_tx.send(());
    let cpu_server = server.join().unwrap_or(0.0);
    println!("URLs: {count} distinct over {hosts} hosts{}", if has("--sorted") { ", sorted by host" } else { "" });
    println!("lines out: {}, records: {}, errors: {}", lines.load(Ordering::Relaxed), summary.records, summary.errors);
    println!("elapsed: {secs:.2} s, {:.0} URLs/s", count as f64 / secs);
    let client = cpu_total - cpu_server;
    println!(
        "CPU: {cpu_total:.2} s in all = server {cpu_server:.2} s + fetcher and extraction {client:.2} s ({:.3} ms a URL)",
        client * 1000.0 / count as f64
    );
    // The machine is shared: wall time depends on the other jobs, CPU time much less.
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    println!("capacity on {cores} idle cores at this CPU cost: {:.0} URLs/s", cores as f64 * count as f64 / cpu_total.max(0.01));
    println!("peak memory (VmHWM, server + client in one process): {} MB", peak_memory_kb().unwrap_or(0) / 1024);
}

/// The same pages through the same extraction and JSON output, no HTTP: one thread per core
/// pulling from a shared counter.
fn extract_only(pages: &[Bytes], count: usize, extract: &Config) {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let next = AtomicUsize::new(0);
    let lines = Arc::new(AtomicUsize::new(0));
    let cpu_before = cpu_seconds("/proc/self/stat");
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let lines = lines.clone();
            let next = &next;
            scope.spawn(move || {
                let mut sink = JsonSink::new(CountLines(lines), Format::JsonLines);
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        break;
                    }
                    let input = Input {
                        source: format!("http://host{:05}.test/p/{n}", n % 50),
                        url: Some(format!("http://host{:05}.test/p/{n}", n % 50)),
                        bytes: pages[n % pages.len()].to_vec(),
                        content_type: Some("text/html; charset=utf-8".into()),
                    };
                    let output = warta::extract_document(&input, extract);
                    sink.write(&output).expect("counting sink");
                }
            });
        }
    });
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds("/proc/self/stat") - cpu_before;
    println!("extract only, {threads} threads: {count} pages, lines out: {}", lines.load(Ordering::Relaxed));
    println!("elapsed: {secs:.2} s, {:.0} pages/s", count as f64 / secs);
    println!("CPU: {cpu:.2} s ({:.3} ms a page)", cpu * 1000.0 / count as f64);
    println!("capacity on {threads} idle cores at this CPU cost: {:.0} pages/s", threads as f64 * count as f64 / cpu.max(0.01));
}
