//! Benchmark of `warta fetch` on loopback: N distinct pages (default 5,000) served by 50
//! listeners, one host name each (`host00.test` … pinned to 127.0.0.1), fetched with politeness
//! off, through the full extraction. Prints URLs/s, peak memory (VmHWM) and the line count.
//!
//! `cargo run --release --example bench_fetch -- [URLS] [--no-entities]`

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::IntoResponse;
use axum::Router;

use warta::fetch::{FetchConfig, Fetcher};
use warta::output::{Format, JsonSink};
use warta::Config;

/// Host names (listeners) the URLs are spread over.
const HOSTS: usize = 50;

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

async fn serve(State(pages): State<Arc<Vec<Vec<u8>>>>, uri: Uri) -> impl IntoResponse {
    // /p/<n>: page n of the corpus, round robin, so every URL is distinct but real.
    let n: usize = uri.path().rsplit('/').next().and_then(|s| s.parse().ok()).unwrap_or(0);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], pages[n % pages.len()].clone())
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(5_000);
    let entities = !args.iter().any(|a| a == "--no-entities");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&root).expect("fixtures/pages exists").flatten() {
        if let Ok(bytes) = std::fs::read(entry.path().join("source.html")) {
            // Pages are served as UTF-8; skip any that are not, to keep the headers honest.
            if std::str::from_utf8(&bytes).is_ok() {
                pages.push(bytes);
            }
        }
    }
    let pages = Arc::new(pages);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let mut resolve = Vec::new();
        for i in 0..HOSTS {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr: SocketAddr = listener.local_addr().expect("addr");
            let app = Router::new().fallback(serve).with_state(pages.clone());
            tokio::spawn(async move {
                let _ = axum::serve(listener, app).await;
            });
            resolve.push((format!("host{i:02}.test"), addr));
        }
        let urls: Vec<String> = (0..count)
            .map(|n| {
                let (host, addr) = &resolve[n % HOSTS];
                format!("http://{host}:{}/p/{n}", addr.port())
            })
            .collect();
        let config = FetchConfig {
            ignore_robots: true,
            host_delay: Duration::ZERO,
            resolve,
            ..FetchConfig::default()
        };
        let fetcher = Fetcher::new(config).expect("client");
        let extract = Config { extract_entities: entities, ..Config::default() };
        let lines = Arc::new(AtomicUsize::new(0));
        let mut sink = JsonSink::new(CountLines(lines.clone()), Format::JsonLines);
        let started = Instant::now();
        let summary = fetcher
            .run::<Vec<u8>>(&urls, &extract, &mut sink, None, std::future::pending(), None)
            .await
            .expect("run");
        let secs = started.elapsed().as_secs_f64();
        drop(sink);
        println!("pages served: {} distinct URLs over {HOSTS} hosts ({} corpus pages)", count, pages.len());
        println!("entities: {entities}");
        println!("lines out: {}, records: {}, errors: {}", lines.load(Ordering::Relaxed), summary.records, summary.errors);
        println!("elapsed: {secs:.2} s, {:.0} URLs/s", count as f64 / secs);
        println!("peak memory (VmHWM, server + client in one process): {} MB", peak_memory_kb().unwrap_or(0) / 1024);
    });
}
