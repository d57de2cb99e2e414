//! Body-extraction benchmark: runs `warta::extract_document` over the 181 pages of the
//! article-extraction-benchmark and scores the bodies the benchmark's way.
//!
//! ```text
//! cargo run --release --example bench_body -- [--bench DIR] [--jsonl OUT] [--repeat N] [--entities]
//! ```
//!
//! Metric (as in `/work/shared/eval/score_body.py`): tokens are maximal runs of word characters
//! (`\w+`), shingles are overlapping 4-grams compared as multisets; page precision and recall
//! from the common count; corpus P = mean page precision over pages whose prediction has a
//! shingle, corpus R = mean page recall over pages whose truth has one; F1 = their harmonic mean.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use warta::{extract_document, Config, Input, Output};

#[path = "common/shingles.rs"]
mod shingles;
use shingles::page_scores;

/// Default location of the benchmark (pages in `html/`, truth in `ground-truth.json`).
const DEFAULT_BENCH: &str = "/work/shared/bench/article-extraction-benchmark";
/// How many of the worst pages to list.
const WORST: usize = 10;

/// Command-line options of the benchmark.
struct Options {
    bench: PathBuf,
    jsonl: Option<PathBuf>,
    repeat: usize,
    entities: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut opts = Options { bench: DEFAULT_BENCH.into(), jsonl: None, repeat: 1, entities: false };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => opts.bench = args.next().ok_or("--bench needs a directory")?.into(),
            "--jsonl" => opts.jsonl = Some(args.next().ok_or("--jsonl needs a file")?.into()),
            "--repeat" => {
                opts.repeat = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--repeat needs a positive number")?
            }
            "--entities" => opts.entities = true,
            "-h" | "--help" => {
                println!("usage: bench_body [--bench DIR] [--jsonl OUT] [--repeat N] [--entities]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(opts)
}

/// One benchmark page, unpacked.
struct Page {
    id: String,
    url: Option<String>,
    html: Vec<u8>,
    truth: String,
}

fn load(bench: &std::path::Path) -> Result<Vec<Page>, String> {
    let truth_path = bench.join("ground-truth.json");
    let truth_text = std::fs::read_to_string(&truth_path).map_err(|e| format!("{}: {e}", truth_path.display()))?;
    let truth: serde_json::Value = serde_json::from_str(&truth_text).map_err(|e| format!("ground truth: {e}"))?;
    let mut pages = Vec::new();
    let dir = bench.join("html");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let id = name.trim_end_matches(".html.gz").to_string();
        let Some(item) = truth.get(&id) else { continue };
        let gz = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(gz.as_slice())
            .read_to_end(&mut html)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        pages.push(Page {
            id,
            url: item.get("url").and_then(|u| u.as_str()).map(str::to_owned),
            html,
            truth: item.get("articleBody").and_then(|b| b.as_str()).unwrap_or_default().to_string(),
        });
    }
    Ok(pages)
}

/// Peak resident memory of this process in kB (VmHWM), when /proc tells.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("bench_body: {e}");
            std::process::exit(2);
        }
    };
    let pages = match load(&opts.bench) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench_body: {e}");
            std::process::exit(2);
        }
    };
    let config = Config { extract_entities: opts.entities, ..Config::default() };
    let inputs: Vec<Input> = pages
        .iter()
        .map(|p| Input { url: p.url.clone(), ..Input::from_bytes(p.id.clone(), p.html.clone()) })
        .collect();

    let mut best_ms = f64::INFINITY;
    let mut texts: Vec<String> = Vec::new();
    for _ in 0..opts.repeat {
        let mut total = 0.0;
        let mut run_texts = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let start = Instant::now();
            let out = extract_document(input, &config);
            total += start.elapsed().as_secs_f64() * 1000.0;
            run_texts.push(match out {
                Output::Record(r) => r.text,
                Output::Error(_) => String::new(),
            });
        }
        best_ms = best_ms.min(total / inputs.len().max(1) as f64);
        texts = run_texts;
    }

    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut per_page = Vec::new();
    for (page, text) in pages.iter().zip(&texts) {
        let (p, r, f1) = page_scores(text, &page.truth);
        precisions.extend(p);
        recalls.extend(r);
        per_page.push((f1, p.unwrap_or(0.0), r.unwrap_or(0.0), page));
    }
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let (p, r) = (mean(&precisions), mean(&recalls));
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };

    if let Some(path) = &opts.jsonl {
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
            for (page, text) in pages.iter().zip(&texts) {
                let line = serde_json::json!({ "id": page.id, "text": text });
                writeln!(out, "{line}")?;
            }
            out.flush()
        };
        if let Err(e) = write() {
            eprintln!("bench_body: {}: {e}", path.display());
        }
    }

    println!("pages      {}", pages.len());
    println!("precision  {p:.4}");
    println!("recall     {r:.4}");
    println!("F1         {f1:.4}");
    println!("ms/page    {best_ms:.3} (mean, best of {})", opts.repeat);
    match peak_rss_kb() {
        Some(kb) => println!("peak RSS   {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak RSS   unknown"),
    }
    per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("worst pages (F1 P R id url):");
    for (f1, p, r, page) in per_page.iter().take(WORST) {
        println!("  {f1:.3} {p:.3} {r:.3} {} {}", page.id, page.url.as_deref().unwrap_or(""));
    }
}
