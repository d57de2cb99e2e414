//! Batch benchmark and near-duplicate check.
//!
//! ```text
//! cargo run --release --example bench_batch -- gen DIR [--count 100000] [--bases corpus|all] [--gzip]
//! cargo run --release --example bench_batch -- run DIR [--jobs 2] [--points 10000,50000,100000] [--warc] [--cold]
//! cargo run --release --example bench_batch -- dedup-check
//! ```
//!
//! `gen` writes `--count` pages made from the 78 Indonesian corpus pages
//! (`/work/shared/corpus-id/pages/`; `--bases all` adds the 181 long, mostly English benchmark
//! pages), each with a different number in its title, URL and first paragraph (so ids differ),
//! as files `DIR/files/NNN/PPPPPPP.html` (1,000 a folder; `--gzip`: `.html.gz`) and as WARC
//! files `DIR/warc/NNN.warc.gz` (1,000 response records each, one gzip member a record, as
//! CC-NEWS stores them).
//! `run` runs the release `warta extract -j N` over the first 10k/50k/100k of them (a
//! `--files-from` list of folders or WARC files) and prints docs/s and the child's peak RSS
//! (VmHWM, polled from /proc) and its CPU time: on a shared machine docs per CPU-second times
//! the free cores is the fair figure. `--cold` empties the page cache before each point
//! (`sync; echo 3 > /proc/sys/vm/drop_caches`, root only), so the inputs come off the disk as
//! in a first pass over an archive; without it a point may read what the last one cached.
//! `dedup-check` measures the SimHash distances of labelled pairs:
//! each page against itself with changed boilerplate, a "Baca juga" teaser and a changed number
//! (should merge), and against the other articles of its site (should not).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use warta::dedup::{distance, simhash, MAX_DISTANCE};
use warta::{extract_document, Config, Input, Output};

const CORPUS: &str = "/work/shared/corpus-id/pages";
const BENCH: &str = "/work/shared/bench/article-extraction-benchmark/html";
const PER_FOLDER: usize = 1000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    match args.first().map(String::as_str) {
        Some("gen") => {
            let dir = PathBuf::from(args.get(1).expect("gen DIR"));
            let count = flag("--count").map(|c| c.parse().expect("--count N")).unwrap_or(100_000);
            let with_benchmark = match flag("--bases").as_deref() {
                None | Some("corpus") => false,
                Some("all") => true,
                Some(other) => panic!("--bases corpus|all, not {other}"),
            };
            generate(&dir, count, with_benchmark, args.iter().any(|a| a == "--gzip"));
        }
        Some("run") => {
            let dir = PathBuf::from(args.get(1).expect("run DIR"));
            let jobs = flag("--jobs").unwrap_or_else(|| "2".into());
            let points: Vec<usize> = flag("--points")
                .unwrap_or_else(|| "10000,50000,100000".into())
                .split(',')
                .map(|p| p.parse().expect("--points N,N"))
                .collect();
            let warc = args.iter().any(|a| a == "--warc");
            let cold = args.iter().any(|a| a == "--cold");
            let extra: Vec<String> = flag("--extra").map(|e| e.split(' ').map(String::from).collect()).unwrap_or_default();
            for n in points {
                if cold {
                    drop_page_cache();
                }
                run(&dir, n, &jobs, warc, &extra);
            }
        }
        Some("dedup-check") => dedup_check(),
        _ => eprintln!("usage: bench_batch gen DIR [--count N] [--bases corpus|all] [--gzip] | run DIR [--jobs N] [--points a,b] [--warc] | dedup-check"),
    }
}

/// The base pages: (name, HTML text), the corpus pages first, then (`with_benchmark`) the
/// benchmark pages.
fn bases(with_benchmark: bool) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let dirs: &[(&str, bool)] = if with_benchmark { &[(CORPUS, false), (BENCH, true)] } else { &[(CORPUS, false)] };
    for &(dir, gz) in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).expect("shared pages").map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let bytes = if gz {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
                out
            } else {
                bytes
            };
            let name = path.file_name().unwrap().to_string_lossy().split('.').next().unwrap_or("").to_string();
            pages.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    pages
}

/// Page `i` made from `base`: a number in the title, the first paragraph and the URL.
fn variant(base: &str, i: usize) -> String {
    let mut page = base.replacen("<title>", &format!("<title>{i} "), 1);
    if let Some(p) = page.find("<p>") {
        page.insert_str(p + 3, &format!("Laporan nomor {i}. "));
    }
    page
}

fn generate(dir: &Path, count: usize, with_benchmark: bool, gzip: bool) {
    let bases = bases(with_benchmark);
    let started = Instant::now();
    for folder in 0..count.div_ceil(PER_FOLDER) {
        let files = dir.join("files").join(format!("{folder:03}"));
        std::fs::create_dir_all(&files).unwrap();
        std::fs::create_dir_all(dir.join("warc")).unwrap();
        let mut warc = std::io::BufWriter::new(std::fs::File::create(dir.join("warc").join(format!("{folder:03}.warc.gz"))).unwrap());
        for i in folder * PER_FOLDER..((folder + 1) * PER_FOLDER).min(count) {
            let (name, base) = &bases[i % bases.len()];
            let page = variant(base, i);
            if gzip {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(page.as_bytes()).unwrap();
                std::fs::write(files.join(format!("{i:07}.html.gz")), gz.finish().unwrap()).unwrap();
            } else {
                std::fs::write(files.join(format!("{i:07}.html")), page.as_bytes()).unwrap();
            }
            // The URL carries the number too, so the WARC records' ids differ as well.
            let url = format!("https://bench.test/{name}/{i}");
            let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
            let record = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012}>\r\n\
                 WARC-Date: 2024-06-20T00:00:00Z\r\nWARC-Target-URI: {url}\r\n\
                 Content-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
                http.len()
            );
            let mut gz = flate2::write::GzEncoder::new(&mut warc, flate2::Compression::fast());
            gz.write_all(record.as_bytes()).unwrap();
            gz.finish().unwrap();
        }
        warc.flush().unwrap();
        eprint!("\r{} pages", ((folder + 1) * PER_FOLDER).min(count));
    }
    eprintln!("\ngenerated {count} pages from {} bases in {:.0} s", bases.len(), started.elapsed().as_secs_f64());
}

/// Writes dirty pages out and empties the page cache (Linux, root only).
fn drop_page_cache() {
    let synced = Command::new("sync").status().is_ok_and(|s| s.success());
    if !synced || std::fs::write("/proc/sys/vm/drop_caches", "3").is_err() {
        panic!("--cold needs root on Linux (sync; echo 3 > /proc/sys/vm/drop_caches)");
    }
}

fn run(dir: &Path, n: usize, jobs: &str, warc: bool, extra: &[String]) {
    let folders = n.div_ceil(PER_FOLDER);
    let list = std::env::temp_dir().join(format!("bench_batch_{n}.txt"));
    let names: Vec<String> = (0..folders)
        .map(|f| {
            if warc {
                dir.join("warc").join(format!("{f:03}.warc.gz"))
            } else {
                dir.join("files").join(format!("{f:03}"))
            }
            .display()
            .to_string()
        })
        .collect();
    std::fs::write(&list, names.join("\n") + "\n").unwrap();
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/warta");
    let binary = std::env::var("WARTA_BIN").map(PathBuf::from).unwrap_or(binary);
    let out = std::env::temp_dir().join(format!("bench_batch_{n}.jsonl"));
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["extract", "-j", jobs, "--files-from", list.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    let status_path = format!("/proc/{}/status", child.id());
    let stat_path = format!("/proc/{}/stat", child.id());
    let mut peak_kb = 0u64;
    let mut cpu_ticks = 0u64;
    let status = loop {
        if let Ok(stat) = std::fs::read_to_string(&stat_path) {
            // utime and stime, fields 14 and 15, after the ")" that ends the command name.
            let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, r)| r.split_whitespace().collect()).unwrap_or_default();
            let ticks: u64 = fields.get(11..13).map(|f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum()).unwrap_or(0);
            cpu_ticks = cpu_ticks.max(ticks);
        }
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()) {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = started.elapsed().as_secs_f64();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let lines = std::fs::read(&out).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0);
    // Clock ticks are 1/100 s on Linux; the last poll misses at most 50 ms of CPU.
    let cpu = cpu_ticks as f64 / 100.0;
    println!(
        "{:>7} docs ({}{}) -j {jobs}: {elapsed:.1} s, {:.0} docs/s, CPU {cpu:.1} s ({:.0} docs per CPU-second), peak RSS {:.0} MB, exit {:?}, {lines} lines",
        n,
        if warc { "warc" } else { "files" },
        if extra.is_empty() { String::new() } else { format!(" {}", extra.join(" ")) },
        lines as f64 / elapsed,
        lines as f64 / cpu.max(0.01),
        peak_kb as f64 / 1024.0,
        status.code()
    );
    eprint!("{stderr}");
    let _ = std::fs::remove_file(&out);
}

fn body(html: &str) -> String {
    match extract_document(&Input::from_bytes("page", html.as_bytes().to_vec()), &Config::default()) {
        Output::Record(r) => r.text,
        Output::Error(_) => String::new(),
    }
}

/// The same article on another day of the site: new menu and footer, a "Baca juga" teaser to
/// another story inside the body, and one number changed.
fn syndicated(html: &str, other_title: &str) -> String {
    let mut page = html.replacen("<body", "<nav><a href=\"/\">Beranda</a> <a href=\"/nasional\">Nasional</a> <a href=\"/video\">Video Terbaru</a></nav><body", 1);
    if let Some(p) = page.find("</p>") {
        page.insert_str(p + 4, &format!("<p>Baca juga: {other_title}</p>"));
    }
    if let Some(p) = page.find("<p>") {
        if let Some(d) = page[p..].find(|c: char| c.is_ascii_digit()) {
            let at = p + d;
            let digit = page.as_bytes()[at];
            page.replace_range(at..at + 1, if digit == b'9' { "8" } else { "9" });
        }
    }
    page.replacen("</body>", "<footer>Hak cipta 2024. Dilarang mengutip tanpa izin redaksi.</footer></body>", 1)
}

fn title_of(html: &str) -> String {
    let start = html.find("<title>").map(|i| i + 7).unwrap_or(0);
    let end = html[start..].find("</title>").map(|e| start + e).unwrap_or(start);
    html[start..end].trim().to_string()
}

fn dedup_check() {
    let bases = bases(true);
    let mut fingerprints: Vec<(String, String, Option<u64>)> = Vec::new();
    let mut positives: BTreeMap<u32, usize> = BTreeMap::new();
    let mut no_fingerprint = 0;
    for (i, (name, html)) in bases.iter().enumerate() {
        let site = if i < 78 { name.rsplit_once('-').map(|(s, _)| s.to_string()).unwrap_or_default() } else { format!("bench-{name}") };
        let original = simhash(&body(html));
        let other = &bases[(i + 1) % bases.len()].1;
        let copy = simhash(&body(&syndicated(html, &title_of(other))));
        match (original, copy) {
            (Some(a), Some(b)) => *positives.entry(distance(a, b)).or_default() += 1,
            _ => no_fingerprint += 1,
        }
        fingerprints.push((name.clone(), site, original));
    }
    let mut same_site: BTreeMap<u32, usize> = BTreeMap::new();
    let mut any_pair_min = u32::MAX;
    let mut close_pairs = Vec::new();
    for (i, (a_name, a_site, a)) in fingerprints.iter().enumerate() {
        for (b_name, b_site, b) in &fingerprints[i + 1..] {
            let (Some(a), Some(b)) = (a, b) else { continue };
            let d = distance(*a, *b);
            if a_site == b_site {
                *same_site.entry(d).or_default() += 1;
            }
            any_pair_min = any_pair_min.min(d);
            if d <= 12 {
                close_pairs.push(format!("{a_name} ~ {b_name}: {d} bits"));
            }
        }
    }
    println!("pages: {} (no fingerprint, body under {} words: {no_fingerprint})", bases.len(), warta::dedup::MIN_WORDS);
    println!("copies (boilerplate + teaser + number changed), distance histogram: {positives:?}");
    println!("different articles of one site, distance histogram: {same_site:?}");
    println!("closest pair of different pages overall: {any_pair_min} bits; pairs within 12 bits: {close_pairs:?}");
    for threshold in 0..=10 {
        let misses: usize = positives.iter().filter(|(d, _)| **d > threshold).map(|(_, n)| n).sum();
        let merges: usize = same_site.iter().filter(|(d, _)| **d <= threshold).map(|(_, n)| n).sum();
        let marker = if threshold == MAX_DISTANCE { "  <- MAX_DISTANCE" } else { "" };
        println!("threshold {threshold:>2}: missed copies {misses}, false merges (same site) {merges}{marker}");
    }
}
