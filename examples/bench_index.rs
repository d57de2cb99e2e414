//! Benchmark of the embedded index: indexes N records (default 100,000: the golden records and
//! the seed's, replicated with new ids, shifted dates and varied text), then times ten queries.
//! Prints docs/s, index size on disk, peak RSS, and query latency p50/p99. Peak RSS (`VmHWM`)
//! counts the index files tantivy maps while it merges, which the kernel can drop at any time;
//! the peak of anonymous memory (`RssAnon`, sampled every 10 ms) is what the writer holds.
//!
//! `cargo run --release --example bench_index [N] [DIR]` (DIR defaults to a temporary folder,
//! emptied first).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use warta::index::{IndexDoc, Indexer, SearchIndex, SearchRequest};

/// How many times each query runs after one warm-up run.
const QUERY_RUNS: usize = 100;
/// Words appended to each copy's body, drawn from the vocabulary of all base records.
const EXTRA_WORDS: usize = 40;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir: PathBuf = args.next().map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("warta-bench-index"));
    let _ = std::fs::remove_dir_all(&dir);

    let bases = base_records();
    let vocabulary: Vec<String> = {
        let mut words: Vec<String> = bases
            .iter()
            .flat_map(|r| r.text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()))
            .filter(|w| w.chars().count() > 2)
            .collect();
        words.sort();
        words.dedup();
        words
    };
    println!("base records: {}, vocabulary: {} words, index: {}", bases.len(), vocabulary.len(), dir.display());

    let mut rng = fastrand::Rng::with_seed(5);
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(status_kb("RssAnon:"));
                std::thread::sleep(Duration::from_millis(10));
            }
            peak
        })
    };
    let start = Instant::now();
    let mut indexer = Indexer::open(&dir).expect("index opens");
    for i in 0..count {
        let doc = variant(&bases[i % bases.len()], i, &vocabulary, &mut rng);
        indexer.add(&doc).expect("record indexes");
    }
    let summary = indexer.finish().expect("index commits");
    let elapsed = start.elapsed();
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak_anon_kb = sampler.join().unwrap_or(0);
    println!(
        "indexed {} records in {:.1} s: {:.0} docs/s; {} documents; index size {:.1} MB; peak RSS {:.1} MB, of it anonymous {:.1} MB",
        summary.indexed,
        elapsed.as_secs_f64(),
        summary.indexed as f64 / elapsed.as_secs_f64(),
        summary.documents,
        dir_size(&dir) as f64 / 1e6,
        peak_rss_kb() as f64 / 1024.0,
        peak_anon_kb as f64 / 1024.0,
    );
    println!("after indexing: {}", rss_split());

    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let query = |q: &str| SearchRequest { query: q.into(), limit: 10, ..SearchRequest::default() };
    let queries = vec![
        query("serangan siber"),
        query("menyerang"),
        query("Silmy Karim"),
        query("pemerintah"),
        query("banjir jakarta"),
        query("polisi tersangka"),
        query("pesawat bandara lombok"),
        SearchRequest { speaker: Some("Silmy Karim".into()), ..query("paspor") },
        SearchRequest { since: day("2024-06-01"), until: day("2024-06-30"), ..query("robot") },
        SearchRequest { site: Some("kompas.com".into()), ..query("anggota") },
    ];
    let searcher = SearchIndex::open(&dir).expect("index opens for search");
    let mut all = Vec::new();
    for request in &queries {
        let hits = searcher.search(request).expect("search runs").len();
        let mut times = Vec::with_capacity(QUERY_RUNS);
        for _ in 0..QUERY_RUNS {
            let t = Instant::now();
            searcher.search(request).expect("search runs");
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "query {:<26} {:>2} hits  p50 {:>7.3} ms  p99 {:>7.3} ms",
            describe(request),
            hits,
            ms(percentile(&times, 50)),
            ms(percentile(&times, 99))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "all {} query runs: p50 {:.3} ms, p99 {:.3} ms; peak RSS {:.1} MB",
        all.len(),
        ms(percentile(&all, 50)),
        ms(percentile(&all, 99)),
        peak_rss_kb() as f64 / 1024.0
    );
}

/// The golden records and the seed's, as the index reads them.
fn base_records() -> Vec<IndexDoc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/pages"))
        .expect("fixtures/pages")
        .filter_map(|e| e.ok().map(|e| e.path().join("expected.json")))
        .collect();
    paths.sort();
    paths.push(root.join("seeds/000_5e4d0282cbb32493.expected.json"));
    paths
        .iter()
        .filter_map(|p| serde_json::from_str::<IndexDoc>(&std::fs::read_to_string(p).ok()?).ok())
        .filter(|r| !r.text.is_empty())
        .collect()
}

/// Copy `i` of `base`: its own id and date, paragraphs rotated, random words appended.
fn variant(base: &IndexDoc, i: usize, vocabulary: &[String], rng: &mut fastrand::Rng) -> IndexDoc {
    let mut doc = base.clone();
    doc.id = format!("{:032x}", (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
    doc.title = Some(format!("{} ({i})", base.title.as_deref().unwrap_or("Tanpa judul")));
    let epoch = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    doc.published = epoch.checked_add_days(chrono::Days::new((i % 1096) as u64)).map(|d| d.to_string());
    let mut paragraphs: Vec<&str> = base.text.split("\n\n").collect();
    let shift = (i / 7) % paragraphs.len().max(1);
    paragraphs.rotate_left(shift);
    let extra: Vec<&str> = (0..EXTRA_WORDS).map(|_| vocabulary[rng.usize(..vocabulary.len())].as_str()).collect();
    doc.text = format!("{}\n\n{}.", paragraphs.join("\n\n"), extra.join(" "));
    doc
}

fn describe(request: &SearchRequest) -> String {
    let mut out = format!("{:?}", request.query);
    if request.speaker.is_some() {
        out.push_str(" +speaker");
    }
    if request.since.is_some() {
        out.push_str(" +dates");
    }
    if request.site.is_some() {
        out.push_str(" +site");
    }
    out
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let at = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir).into_iter().filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
}

/// The resident set now, split into anonymous memory (heap) and file-backed pages (the
/// memory-mapped index files, which the kernel can drop at will).
fn rss_split() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| status.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_string());
    format!("RssAnon {}, RssFile {}", field("RssAnon:").unwrap_or_default(), field("RssFile:").unwrap_or_default())
}

/// A kB field of `/proc/self/status` (Linux); 0 elsewhere.
fn status_kb(name: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Peak resident set size of this process (Linux `VmHWM`), in kB; 0 elsewhere.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}
