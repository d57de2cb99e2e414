//! Time and peak memory of the bad-input matrix and of the corpus, through the real binary.
//!
//! ```text
//! cargo build --release && cargo run --release --example bad_inputs -- [--corpus DIR]
//! ```
//!
//! Each matrix case (the same generated files as `tests/suite/bad_input.rs`, from
//! `tests/suite/bad_cases.rs`) is written to a scratch directory and run alone as
//! `warta extract FILE` under `/usr/bin/time`, giving exit code, output lines, kinds, wall
//! time and peak resident memory. Then every page of the corpus (default
//! `/work/shared/corpus-id/pages`) is timed in process with `extract_document`, and the slowest
//! one is run through the binary for its peak memory. Figures are printed, never asserted.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use warta::{extract_document, Config, Input, Output};

#[path = "../tests/suite/bad_cases.rs"]
#[allow(dead_code)]
mod bad_cases;

/// Default corpus of real pages.
const DEFAULT_CORPUS: &str = "/work/shared/corpus-id/pages";

/// What one binary run measured.
struct Measured {
    code: i32,
    kinds: Vec<String>,
    wall_ms: f64,
    peak_kb: Option<u64>,
}

/// The `warta` binary next to this example (`target/<profile>/warta`).
fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let dir = exe.parent().and_then(Path::parent).expect("target/<profile>");
    let bin = dir.join("warta");
    assert!(bin.exists(), "{} is missing: run `cargo build --release` first", bin.display());
    bin
}

/// Runs `warta ARGS`, under `/usr/bin/time` when it exists.
fn run(bin: &Path, args: &[&str]) -> Measured {
    let timer = Path::new("/usr/bin/time");
    let started = Instant::now();
    let out = if timer.exists() {
        Command::new(timer).arg("-f").arg("peak_kb=%M").arg(bin).args(args).output()
    } else {
        Command::new(bin).args(args).output()
    }
    .expect("warta runs");
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak_kb = stderr.lines().rev().find_map(|l| l.strip_prefix("peak_kb=")).and_then(|v| v.trim().parse().ok());
    let kinds = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            value["error"]["kind"].as_str().unwrap_or("record").to_string()
        })
        .collect();
    Measured { code: out.status.code().unwrap_or(-1), kinds, wall_ms, peak_kb }
}

fn print(name: &str, bytes: u64, m: &Measured) {
    let peak = m.peak_kb.map_or("?".to_string(), |kb| format!("{:.1}", kb as f64 / 1024.0));
    // Runs of one kind are counted: "record×78".
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for kind in &m.kinds {
        match kinds.last_mut() {
            Some((last, count)) if last == kind => *count += 1,
            _ => kinds.push((kind.clone(), 1)),
        }
    }
    let kinds: Vec<String> = kinds.into_iter().map(|(k, c)| if c > 1 { format!("{k}×{c}") } else { k }).collect();
    println!("{name:<36} {bytes:>11} {:>4} {:>5} {:<24} {:>9.1} {:>8}", m.code, m.kinds.len(), kinds.join(","), m.wall_ms, peak);
}

fn main() {
    let mut corpus = PathBuf::from(DEFAULT_CORPUS);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--corpus" {
            corpus = args.next().map(PathBuf::from).unwrap_or(corpus);
        }
    }
    let bin = binary();
    let dir = std::env::temp_dir().join(format!("warta-bad-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");

    println!("{:<36} {:>11} {:>4} {:>5} {:<24} {:>9} {:>8}", "case", "bytes", "exit", "lines", "kinds", "wall_ms", "peak_MB");
    for case in bad_cases::cases() {
        let path = dir.join(case.name);
        std::fs::write(&path, &case.bytes).expect("write case");
        print(case.name, case.bytes.len() as u64, &run(&bin, &["extract", path.to_str().unwrap_or_default()]));
        let _ = std::fs::remove_file(&path);
    }
    // The 50 MB page with the input limit raised: the paragraph limit bounds the work.
    let big = dir.join("f_50mb_raised_limit.html");
    let bytes = bad_cases::big_page(50_000_000);
    std::fs::write(&big, &bytes).expect("write case");
    print("f_50mb.html --max-bytes 60000000", bytes.len() as u64, &run(&bin, &["extract", "--max-bytes", "60000000", big.to_str().unwrap_or_default()]));
    print("f_50mb.html --max-doc-ms 50", bytes.len() as u64, &run(&bin, &["extract", "--max-bytes", "60000000", "--max-doc-ms", "50", big.to_str().unwrap_or_default()]));
    let _ = std::fs::remove_file(&big);
    // A directory with a dangling link, a loop and a FIFO next to a good page.
    let odd = dir.join("odd");
    std::fs::create_dir_all(&odd).expect("odd dir");
    std::fs::write(odd.join("a.html"), bad_cases::page(&format!("<p>{}</p>", bad_cases::SENTENCE))).expect("write");
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(odd.join("missing.html"), odd.join("b_dangling.html"));
        let _ = std::os::unix::fs::symlink(&odd, odd.join("c_loop"));
        let _ = Command::new("mkfifo").arg(odd.join("d_fifo.html")).status();
    }
    print("dir: page, dangling, loop, fifo", 0, &run(&bin, &["extract", odd.to_str().unwrap_or_default()]));
    let _ = std::fs::remove_dir_all(&dir);

    // The corpus, in process: the slowest document.
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    pages.sort();
    let config = Config::default();
    let mut timings: Vec<(f64, PathBuf)> = Vec::new();
    for path in &pages {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let input = Input::from_bytes(path.display().to_string(), bytes);
        // Best of three, so one scheduling hiccup on a shared machine does not count.
        let best = (0..3)
            .map(|_| {
                let started = Instant::now();
                let out = extract_document(&input, &config);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                if let Output::Error(e) = out {
                    eprintln!("{}: {}", path.display(), e.error.kind);
                }
                ms
            })
            .fold(f64::INFINITY, f64::min);
        timings.push((best, path.clone()));
    }
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timings.iter().map(|t| t.0).sum();
    println!();
    println!("corpus {}: {} pages, mean {:.2} ms (best of 3, in process)", corpus.display(), timings.len(), total / timings.len().max(1) as f64);
    for (ms, path) in timings.iter().take(3) {
        println!("  slow: {ms:.2} ms  {}", path.display());
    }
    if let Some((_, slowest)) = timings.first() {
        print("slowest corpus page via the binary", std::fs::metadata(slowest).map_or(0, |m| m.len()), &run(&bin, &["extract", slowest.to_str().unwrap_or_default()]));
    }
    print("whole corpus via the binary", 0, &run(&bin, &["extract", corpus.to_str().unwrap_or_default()]));
}
