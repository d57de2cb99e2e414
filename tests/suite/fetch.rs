//! `warta fetch` against a real HTTP server inside the test process, on 127.0.0.1 only: every
//! route of issue 4 with its exact outcome, the per-host delay and Crawl-delay as the server saw
//! them, and a WARC written by the fetch re-extracting to identical records.
//!
//! Host names (`site.test`, `polite.test`) are pinned to the loopback server through
//! `FetchConfig::resolve`, so no DNS query and no packet leaves the machine.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;

use warta::fetch::{FetchConfig, Fetcher};
use warta::output::Sink;
use warta::warc::WarcWriter;
use warta::{Config, Output};

use crate::util;

/// The robots.txt served on `polite.*` hosts (a copy of `fixtures/fetch/robots.txt`).
const ROBOTS: &str = include_str!("../../fixtures/fetch/robots.txt");

/// What the server holds and saw.
struct Server {
    /// kompas-01, served as UTF-8 HTML.
    kompas: Vec<u8>,
    /// kapanlagi-01 as ISO-8859-1 bytes, its `<meta charset>` removed: the header is the only clue.
    latin1: Vec<u8>,
    /// (host, path, arrival) of every request.
    seen: Mutex<Vec<(String, String, Instant)>>,
    /// (host, path) of the requests that asked to close the connection.
    closing: Mutex<Vec<(String, String)>>,
}

impl Server {
    fn arrivals(&self, host: &str, path_prefix: &str) -> Vec<Instant> {
        let seen = self.seen.lock().unwrap();
        seen.iter().filter(|(h, p, _)| h == host && p.starts_with(path_prefix)).map(|(_, _, t)| *t).collect()
    }
}

fn latin1_page() -> Vec<u8> {
    let raw = std::fs::read(util::root().join("fixtures/pages/kapanlagi-01/source.html")).unwrap();
    // The stored page is UTF-8 despite its meta tag; re-encode it so the header tells the truth.
    let text = String::from_utf8(raw).expect("kapanlagi-01 is UTF-8");
    let text = text.replace(r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />"#, "");
    assert!(!text.to_ascii_lowercase().contains("charset"), "no charset left in the page");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

async fn start() -> (SocketAddr, Arc<Server>) {
    let server = Arc::new(Server {
        kompas: std::fs::read(util::root().join("fixtures/pages/kompas-01/source.html")).unwrap(),
        latin1: latin1_page(),
        seen: Mutex::new(Vec::new()),
        closing: Mutex::new(Vec::new()),
    });
    let app = Router::new().fallback(serve).with_state(server.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, server)
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response()
}

fn html(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response()
}

async fn serve(State(s): State<Arc<Server>>, headers: HeaderMap, uri: Uri) -> Response {
    let host_port = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    let host = host_port.split(':').next().unwrap_or("").to_string();
    let port = host_port.rsplit(':').next().unwrap_or("80").to_string();
    let path = uri.path().to_string();
    if headers.get(header::CONNECTION).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close")) {
        s.closing.lock().unwrap().push((host.clone(), path.clone()));
    }
    let hits = {
        let mut seen = s.seen.lock().unwrap();
        seen.push((host.clone(), path.clone(), Instant::now()));
        seen.iter().filter(|(h, p, _)| *h == host && *p == path).count()
    };
    match path.as_str() {
        "/robots.txt" if host.starts_with("polite") => ([(header::CONTENT_TYPE, "text/plain")], ROBOTS).into_response(),
        "/robots.txt" if host.starts_with("broken") => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        "/robots.txt" => StatusCode::NOT_FOUND.into_response(),
        "/page" => html(s.kompas.clone()),
        p if p.starts_with("/polite/") || p.starts_with("/private/") || p.starts_with("/n/") => html(s.kompas.clone()),
        "/chain/1" => redirect("/chain/2"),
        "/chain/2" => redirect("/page"),
        "/cross" => redirect(&format!("http://polite.test:{port}/private/via-redirect")),
        "/loop/a" => redirect("/loop/b"),
        "/loop/b" => redirect("/loop/a"),
        p if p.starts_with("/hop/") => match p[5..].parse::<u32>() {
            Ok(0) | Err(_) => html(s.kompas.clone()),
            Ok(n) => redirect(&format!("/hop/{}", n - 1)),
        },
        "/missing" => StatusCode::NOT_FOUND.into_response(),
        "/flaky" if hits == 1 => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        "/flaky" => html(s.kompas.clone()),
        "/busy" if hits == 1 => (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")]).into_response(),
        "/busy" => html(s.kompas.clone()),
        "/down" => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            html(s.kompas.clone())
        }
        "/huge" => html(vec![b'a'; 2 * 1024 * 1024]),
        "/huge-stream" => {
            let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 32 * 1024]));
            let body = Body::from_stream(futures_util::stream::iter(chunks));
            ([(header::CONTENT_TYPE, "text/html")], body).into_response()
        }
        "/pdf" => ([(header::CONTENT_TYPE, "application/pdf")], b"%PDF-1.4\n%\xE2\xE3\n".to_vec()).into_response(),
        "/latin1" => ([(header::CONTENT_TYPE, "text/html; charset=iso-8859-1")], s.latin1.clone()).into_response(),
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&s.kompas).unwrap();
            let body = gz.finish().unwrap();
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CONTENT_ENCODING, "gzip")], body).into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Short timeouts and no per-host delay, so the suite stays fast (1 s: a loaded debug build
/// still answers the fast routes well within it; /slow takes 5 s).
fn test_config(addr: SocketAddr) -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_millis(1000),
        timeout: Duration::from_millis(1000),
        robots_timeout: Duration::from_millis(1000),
        retries: 2,
        backoff_base: Duration::from_millis(10),
        backoff_max: Duration::from_millis(1500),
        max_body_bytes: 1024 * 1024,
        host_delay: Duration::ZERO,
        host_concurrency: 16,
        resolve: vec![("site.test".into(), addr), ("polite.test".into(), addr), ("broken.test".into(), addr)],
        ..FetchConfig::default()
    }
}

/// Collects outputs in memory.
#[derive(Default)]
struct Collect(Vec<Output>);

impl Sink for Collect {
    fn write(&mut self, output: &Output) -> std::io::Result<()> {
        self.0.push(output.clone());
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn run(fetcher: &Fetcher, urls: &[String], warc: Option<&mut WarcWriter<&mut Vec<u8>>>) -> Vec<Output> {
    let mut sink = Collect::default();
    let summary = fetcher
        .run(urls, &Config::default(), &mut sink, warc, std::future::pending(), None)
        .await
        .unwrap();
    assert_eq!(summary.records + summary.errors, urls.len());
    sink.0
}

fn kind(output: &Output) -> String {
    match output {
        Output::Record(_) => "record".into(),
        Output::Error(e) => e.error.kind.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_gives_its_exact_outcome() {
    let (addr, server) = start().await;
    let closed_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://site.test:{}", addr.port());
    let cases: Vec<(String, &str)> = vec![
        (format!("{base}/page"), "record"),
        (format!("{base}/chain/1"), "record"),
        (format!("{base}/loop/a"), "redirect_loop"),
        (format!("{base}/hop/11"), "too_many_redirects"),
        (format!("{base}/hop/10"), "record"),
        (format!("{base}/missing"), "http_status"),
        (format!("{base}/flaky"), "record"),
        (format!("{base}/busy"), "record"),
        (format!("{base}/down"), "http_status"),
        (format!("{base}/slow"), "timeout"),
        (format!("{base}/huge"), "too_large"),
        (format!("{base}/huge-stream"), "too_large"),
        (format!("{base}/pdf"), "not_html"),
        (format!("{base}/latin1"), "record"),
        (format!("{base}/gzip"), "record"),
        (format!("http://polite.test:{}/private/x", addr.port()), "robots_disallowed"),
        (format!("http://broken.test:{}/page", addr.port()), "robots_disallowed"),
        (format!("{base}/cross"), "robots_disallowed"),
        (format!("http://127.0.0.1:{closed_port}/page"), "connect"),
        ("ftp://site.test/file".to_string(), "invalid_url"),
        ("bukan url".to_string(), "invalid_url"),
        (format!("{base}/page#komentar"), "duplicate_url"),
    ];
    let urls: Vec<String> = cases.iter().map(|(u, _)| u.clone()).collect();
    let fetcher = Fetcher::new(test_config(addr)).unwrap();
    let outputs = run(&fetcher, &urls, None).await;
    let kinds: Vec<String> = outputs.iter().map(kind).collect();
    let expected: Vec<&str> = cases.iter().map(|(_, k)| *k).collect();
    assert_eq!(kinds, expected);

    // Every line names its URL as given, in input order.
    for (output, url) in outputs.iter().zip(&urls) {
        let source = match output {
            Output::Record(r) => &r.source,
            Output::Error(e) => &e.source,
        };
        assert_eq!(source, url.trim());
    }
    let record = |i: usize| match &outputs[i] {
        Output::Record(r) => r.clone(),
        Output::Error(e) => panic!("{:?}", e.error),
    };
    let message = |i: usize| match &outputs[i] {
        Output::Error(e) => e.error.message.clone(),
        Output::Record(_) => panic!("record"),
    };
    // An http_status error carries its code as a field too.
    let status = |i: usize| match &outputs[i] {
        Output::Error(e) => e.error.status,
        Output::Record(_) => None,
    };
    assert_eq!((status(5), status(8), status(9)), (Some(404), Some(503), None));
    // The redirect chain ends on /page: the same record (the page's canonical link outranks the
    // final URL for `url`; the WARC test checks that the final URL is archived).
    assert_eq!(record(1).url, record(0).url);
    assert_eq!(record(1).paragraphs, record(0).paragraphs);
    assert!(message(5).contains("404"), "{}", message(5));
    assert!(message(8).contains("503"), "{}", message(8));
    // 503 is retried (1 + 2 retries); 404 is not.
    assert_eq!(server.arrivals("site.test", "/down").len(), 3);
    assert_eq!(server.arrivals("site.test", "/missing").len(), 1);
    // 500 then 200: two requests.
    assert_eq!(server.arrivals("site.test", "/flaky").len(), 2);
    // 429 with Retry-After: 1 — the retry came at least a second later.
    let busy = server.arrivals("site.test", "/busy");
    assert_eq!(busy.len(), 2);
    assert!(busy[1] - busy[0] >= Duration::from_millis(980), "{:?}", busy[1] - busy[0]);
    // Gzip is decoded: the same article as the plain page.
    assert_eq!(record(14).paragraphs, record(0).paragraphs);
    assert!(!record(0).paragraphs.is_empty());
    // The charset came from the header alone: '®' decoded, no mojibake, no guess warning.
    let latin1 = record(13);
    assert!(latin1.text.contains("KapanLagi.com®"), "{}", latin1.text);
    assert!(!latin1.text.contains('Â') && !latin1.text.contains('\u{FFFD}'));
    assert!(!latin1.warnings.iter().any(|w| w.contains("charset")), "{:?}", latin1.warnings);
    // robots.txt answering 503 was retried (1 + 2), then everything disallowed (RFC 9309).
    assert_eq!(server.arrivals("broken.test", "/robots.txt").len(), 3);
    assert!(server.arrivals("broken.test", "/page").is_empty());
    // A redirect to another host is checked against that host's robots.txt before it is followed.
    assert!(server.arrivals("polite.test", "/private/").is_empty());
    // The closed port, the invalid and the duplicate URLs never reached the server.
    assert!(server.arrivals("site.test", "/file").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_and_crawl_delay_and_host_delay_are_kept() {
    let (addr, server) = start().await;
    // polite.test: robots.txt sets Crawl-delay 0.3 s, above the 50 ms host delay.
    let polite: Vec<String> = (1..=4)
        .map(|i| format!("http://polite.test:{}/polite/{i}", addr.port()))
        .chain(std::iter::once(format!("http://polite.test:{}/private/1", addr.port())))
        .collect();
    // site.test: no robots.txt (404 allows all), host delay 200 ms.
    let plain: Vec<String> = (1..=3).map(|i| format!("http://site.test:{}/n/{i}", addr.port())).collect();
    let config = FetchConfig { host_delay: Duration::from_millis(200), host_concurrency: 2, ..test_config(addr) };
    let fetcher = Fetcher::new(config).unwrap();
    let urls: Vec<String> = polite.iter().chain(&plain).cloned().collect();
    let outputs = run(&fetcher, &urls, None).await;
    let kinds: Vec<String> = outputs.iter().map(kind).collect();
    assert_eq!(kinds, ["record", "record", "record", "record", "robots_disallowed", "record", "record", "record"]);

    assert_eq!(server.arrivals("polite.test", "/robots.txt").len(), 1, "robots.txt fetched once per host");
    assert_eq!(server.arrivals("site.test", "/robots.txt").len(), 1);
    assert!(server.arrivals("polite.test", "/private/").is_empty(), "disallowed path never requested");
    // Small slack for loopback scheduling between the client's send and the server's arrival.
    let slack = Duration::from_millis(40);
    for (host, prefix, least, count) in [("polite.test", "/polite/", 300, 4), ("site.test", "/", 200, 4)] {
        let times = server.arrivals(host, prefix);
        assert_eq!(times.len(), count, "{host}");
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap + slack >= Duration::from_millis(least), "{host}: requests {gap:?} apart, want ≥ {least} ms");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warc_from_fetch_re_extracts_to_identical_records() {
    let (addr, _server) = start().await;
    let base = format!("http://site.test:{}", addr.port());
    let urls: Vec<String> =
        ["/page", "/chain/1", "/gzip", "/latin1", "/missing", "/pdf"].iter().map(|p| format!("{base}{p}")).collect();
    let fetcher = Fetcher::new(test_config(addr)).unwrap();
    let mut archive = Vec::new();
    let live = {
        let mut warc = WarcWriter::new(&mut archive, true);
        run(&fetcher, &urls, Some(&mut warc)).await
    };
    // Every response is archived under the URL it came from, with the URL asked for beside
    // it when that differs: each redirect hop (its 3xx status kept), then the final page.
    let mut reader = warta::warc::WarcReader::new(std::io::Cursor::new(archive.clone()), 1 << 24).unwrap();
    let mut targets = Vec::new();
    while let Some(record) = reader.next_record().unwrap() {
        if record.header("WARC-Type") == Some("response") {
            let requested = record.header(warta::warc::REQUESTED_URI_HEADER).map(str::to_string);
            let status = warta::warc::parse_http_response(&record.block).unwrap().status;
            targets.push((record.header("WARC-Target-URI").unwrap().to_string(), requested, status));
        }
    }
    // Seven responses: /page, the two 302 hops of /chain/1 and the page they lead to, /gzip,
    // /latin1 and the 404 page (archived, skipped on re-extraction); the PDF was refused on its
    // Content-Type before its body was read.
    let asked = Some(format!("{base}/chain/1"));
    assert_eq!(targets.len(), 7, "{targets:?}");
    assert_eq!(targets[1], (format!("{base}/chain/1"), None, 302));
    assert_eq!(targets[2], (format!("{base}/chain/2"), asked.clone(), 302));
    assert_eq!(targets[3], (format!("{base}/page"), asked, 200));
    assert_eq!(targets[6], (format!("{base}/missing"), None, 404));
    let dir = util::scratch("fetch-warc");
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, &archive).unwrap();
    let mut sink = Collect::default();
    let sources = [warta::batch::Source::Path(path.clone())];
    warta::batch::run(&sources, &Default::default(), &Config::default(), &mut sink).unwrap();
    let live_records: Vec<Output> = live.into_iter().filter(|o| matches!(o, Output::Record(_))).collect();
    assert_eq!(live_records.len(), 4);
    assert_eq!(sink.0, live_records);

    // And through the binary: `warta extract crawl.warc.gz` prints the same lines.
    let run = util::warta(&["extract", "--no-dedup", path.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected: String =
        live_records.iter().map(|o| serde_json::to_string(o).unwrap() + "\n").collect();
    assert_eq!(run.stdout, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_fetch_writes_lines_warc_and_exit_code() {
    let (addr, server) = start().await;
    let dir = util::scratch("fetch-cli");
    let list = dir.join("urls.txt");
    let base = format!("http://127.0.0.1:{}", addr.port());
    std::fs::write(&list, format!("# berita\n\n{base}/page\n{base}/missing\n{base}/page\nhttp//rusak\n")).unwrap();
    let warc = dir.join("crawl.warc.gz");
    let out = dir.join("out.jsonl");
    let args: Vec<String> = [
        "fetch", "--urls", list.to_str().unwrap(), "-o", out.to_str().unwrap(), "--warc", warc.to_str().unwrap(),
        "--delay", "0.1", "--timeout", "2", "--user-agent", "warta-test/1.0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let run = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        util::warta(&args, None)
    })
    .await
    .unwrap();
    assert_eq!(run.code, 1, "some URLs gave error records: {}", run.stderr);
    // stderr is a pipe here: no progress line, only the closing count.
    assert!(!run.stderr.contains("URLs/s"), "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let kinds: Vec<String> = util::lines(&text)
        .iter()
        .map(|l| match l {
            util::Line::Record(..) => "record".to_string(),
            util::Line::Error(e) => e.error.kind.clone(),
        })
        .collect();
    assert_eq!(kinds, ["record", "http_status", "duplicate_url", "invalid_url"]);
    let agents: Vec<Instant> = server.arrivals("127.0.0.1", "/");
    assert_eq!(agents.len(), 3, "robots.txt, /page, /missing");
    let extracted = util::warta(&["extract", warc.to_str().unwrap()], None);
    assert_eq!(extracted.code, 0, "{}", extracted.stderr);
    assert_eq!(extracted.stdout, text.lines().next().unwrap().to_string() + "\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_keeps_what_was_fetched() {
    let (addr, _server) = start().await;
    let base = format!("http://site.test:{}", addr.port());
    let urls = vec![format!("{base}/page"), format!("{base}/slow"), format!("{base}/n/1")];
    let config = FetchConfig { timeout: Duration::from_secs(10), ..test_config(addr) };
    let fetcher = Fetcher::new(config).unwrap();
    let mut sink = Collect::default();
    // The stop signal (Ctrl-C in the binary) comes while /slow is still in flight.
    let stop = tokio::time::sleep(Duration::from_millis(800));
    let started = Instant::now();
    let summary = fetcher.run::<Vec<u8>>(&urls, &Config::default(), &mut sink, None, stop, None).await.unwrap();
    assert!(summary.interrupted);
    assert!(started.elapsed() < Duration::from_secs(2), "stopped promptly");
    // /page was done and written; /slow blocks /n/1 in output order, so neither is written.
    assert_eq!(sink.0.iter().map(kind).collect::<Vec<_>>(), ["record"]);
    assert_eq!(summary.records, 1);
}

/// A raw HTTP/1.1 server that announces a whole kompas-01 page but sends the first 4 KB of
/// it and closes the connection; robots.txt gets a 404. Returns its address and a count of the
/// page requests it saw.
async fn start_cutting_server() -> (SocketAddr, Arc<Mutex<usize>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let page = std::fs::read(util::root().join("fixtures/pages/kompas-01/source.html")).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(Mutex::new(0usize));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let page = page.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                if request.starts_with(b"GET /robots.txt ") {
                    let _ = socket.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                    return;
                }
                *counter.lock().unwrap() += 1;
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\r\n", page.len());
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&page[..4096]).await;
                let _ = socket.flush().await;
                // Dropping the socket closes the connection with most of the body unsent.
            });
        }
    });
    (addr, hits)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dns_failure_and_a_body_cut_short_give_error_records_and_the_run_goes_on() {
    let (addr, server) = start().await;
    let (cut_addr, cut_hits) = start_cutting_server().await;
    let base = format!("http://site.test:{}", addr.port());
    let urls = vec![
        // RFC 6761: `.invalid` never resolves; the fetcher answers it without a DNS query.
        "http://kabar.invalid/berita/1".to_string(),
        format!("http://cut.test:{}/berita/2", cut_addr.port()),
        format!("{base}/page"),
    ];
    let mut config = test_config(addr);
    config.resolve.push(("cut.test".into(), cut_addr));
    let fetcher = Fetcher::new(config).unwrap();
    let outputs = run(&fetcher, &urls, None).await;
    assert_eq!(outputs.iter().map(kind).collect::<Vec<_>>(), ["dns", "body", "record"]);
    let message = |o: &Output| match o {
        Output::Error(e) => e.error.message.clone(),
        Output::Record(_) => String::new(),
    };
    assert!(message(&outputs[0]).contains("kabar.invalid"), "{}", message(&outputs[0]));
    // A broken body is retried like a broken connection: 1 + 2 retries.
    assert_eq!(*cut_hits.lock().unwrap(), 3);
    assert_eq!(server.arrivals("site.test", "/page").len(), 1);
}

/// Six URLs on each of three hosts, the list sorted by host; 150 ms between requests on a host.
fn sorted_by_host(addr: SocketAddr) -> (Vec<String>, FetchConfig) {
    let urls = ["alfa.test", "bravo.test", "charlie.test"]
        .iter()
        .flat_map(|h| (1..=6).map(move |i| format!("http://{h}:{}/n/{i}", addr.port())))
        .collect();
    let mut config = test_config(addr);
    config.host_delay = Duration::from_millis(150);
    config.host_concurrency = 1;
    config.ignore_robots = true;
    for h in ["alfa.test", "bravo.test", "charlie.test"] {
        config.resolve.push((h.into(), addr));
    }
    (urls, config)
}

fn source(output: &Output) -> &str {
    match output {
        Output::Record(r) => &r.source,
        Output::Error(e) => &e.source,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_sorted_by_host_is_crawled_across_hosts_and_written_in_order() {
    let (addr, server) = start().await;
    let (urls, config) = sorted_by_host(addr);
    let fetcher = Fetcher::new(config).unwrap();
    let outputs = run(&fetcher, &urls, None).await;
    assert_eq!(outputs.iter().map(source).collect::<Vec<_>>(), urls.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(outputs.iter().all(|o| matches!(o, Output::Record(_))));
    // The three hosts ran side by side: charlie's first request came before alfa's second,
    // not after alfa's sixth (which a strictly in-order crawl would give).
    let alfa = server.arrivals("alfa.test", "/n/");
    let charlie = server.arrivals("charlie.test", "/n/");
    assert_eq!((alfa.len(), charlie.len()), (6, 6));
    assert!(charlie[0] < alfa[1], "charlie started {:?} after alfa's second request", charlie[0] - alfa[1]);
    // Every host's state was dropped once its last URL was done, and only each host's last
    // request asked the server to close the connection (one request at a time per host here).
    assert_eq!(fetcher.hosts_held(), 0);
    let mut closing = server.closing.lock().unwrap().clone();
    closing.sort();
    let last: Vec<(String, String)> =
        ["alfa.test", "bravo.test", "charlie.test"].iter().map(|h| (h.to_string(), "/n/6".to_string())).collect();
    assert_eq!(closing, last);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unordered_writes_as_finished_one_line_per_url() {
    let (addr, _server) = start().await;
    let (urls, mut config) = sorted_by_host(addr);
    config.unordered = true;
    let fetcher = Fetcher::new(config).unwrap();
    let outputs = run(&fetcher, &urls, None).await;
    let mut written: Vec<&str> = outputs.iter().map(source).collect();
    // The first three lines come from three different hosts (each host's first page).
    let first: std::collections::HashSet<&str> = written[..3].iter().map(|s| s.split(':').nth(1).unwrap()).collect();
    assert_eq!(first.len(), 3, "{written:?}");
    written.sort_unstable();
    let mut expected: Vec<&str> = urls.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(written, expected);
}
