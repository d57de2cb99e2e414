//! Body extraction on the Indonesian corpus (`/work/shared/corpus-id`): for every page in
//! `manifest.tsv`, the paragraph count, P/R/F1 against the gold body where there is one
//! (slasherrb `*_expectation.txt`, fundus JSON), leaked boilerplate lines, and pages whose kind
//! disagrees with the result (an article with no body, an index page with one).
//!
//! ```text
//! cargo run --release --example eval_corpus -- [--corpus DIR] [--show]
//! ```

use std::path::{Path, PathBuf};

use regex::Regex;
use warta::{extract_document, Config, Input, Output};

#[path = "common/shingles.rs"]
mod shingles;
use shingles::page_scores;

/// Default corpus location.
const DEFAULT_CORPUS: &str = "/work/shared/corpus-id";

/// Words that must never reach a body: related-article links, teasers, ads. An independent
/// check, deliberately not the cleaner's own lexicon.
const LEAK_PATTERN: &str = r"(?i)\b(baca juga|baca pula|berita terkait|artikel terkait|terpopuler|simak juga|lihat juga|advertisement|scroll to continue|recent posts)\b|^\d+ (jam|menit|hari) (ago|lalu)$";

fn main() {
    let mut corpus = PathBuf::from(DEFAULT_CORPUS);
    let mut show = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => match args.next() {
                Some(dir) => corpus = dir.into(),
                None => return eprintln!("eval_corpus: --corpus needs a directory"),
            },
            "--show" => show = true,
            _ => return eprintln!("usage: eval_corpus [--corpus DIR] [--show]"),
        }
    }
    let manifest = match std::fs::read_to_string(corpus.join("manifest.tsv")) {
        Ok(m) => m,
        Err(e) => return eprintln!("eval_corpus: {}: {e}", corpus.join("manifest.tsv").display()),
    };
    let leak = match Regex::new(LEAK_PATTERN) {
        Ok(r) => r,
        Err(e) => return eprintln!("eval_corpus: {e}"),
    };
    let config = Config { extract_entities: false, ..Config::default() };
    let (mut problems, mut gold_f1) = (0usize, Vec::new());
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(kind)) = (cols.first(), cols.get(2)) else { continue };
        let gold = cols.get(11).copied().unwrap_or("");
        let path = corpus.join(file);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{file:32} unreadable: {e}");
                continue;
            }
        };
        let mut input = Input::from_bytes(path.display().to_string(), bytes);
        input.url = cols.get(3).filter(|u| !u.is_empty()).map(|u| u.to_string());
        let paragraphs = match extract_document(&input, &config) {
            Output::Record(r) => r.paragraphs,
            Output::Error(e) => {
                println!("{file:32} error: {}", e.error.message);
                problems += 1;
                continue;
            }
        };
        let mut note = format!("{file:32} {kind:8} n={:3}", paragraphs.len());
        if let Some(truth) = read_gold(&corpus, gold) {
            let (p, r, f1) = page_scores(&paragraphs.join("\n\n"), &truth);
            note += &format!(" P={:.3} R={:.3} F1={f1:.3}", p.unwrap_or(0.0), r.unwrap_or(0.0));
            gold_f1.push(f1);
        }
        let leaks: Vec<&String> = paragraphs.iter().filter(|p| leak.is_match(p)).collect();
        let mut bad = !leaks.is_empty();
        if *kind == "article" && paragraphs.is_empty() {
            note += " EMPTY-ARTICLE";
            bad = true;
        }
        if *kind == "index" && !paragraphs.is_empty() {
            note += " BODY-ON-INDEX";
            bad = true;
        }
        problems += usize::from(bad);
        println!("{note}");
        for l in leaks {
            println!("    leak: {}", l.chars().take(100).collect::<String>());
        }
        if show {
            for p in &paragraphs {
                println!("    | {}", p.chars().take(120).collect::<String>());
            }
        }
    }
    let mean = if gold_f1.is_empty() { 0.0 } else { gold_f1.iter().sum::<f64>() / gold_f1.len() as f64 };
    println!("gold pages {}  mean F1 {mean:.3}  pages with problems {problems}", gold_f1.len());
}

/// The gold body named in the manifest's `gold` column, as plain text.
fn read_gold(corpus: &Path, gold: &str) -> Option<String> {
    if gold.is_empty() {
        return None;
    }
    let text = std::fs::read_to_string(corpus.join(gold)).ok()?;
    if !gold.ends_with(".json") {
        return Some(text);
    }
    // fundus: {"V1": {"body": {…nested strings…}, "title": …}}; only the body counts.
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let body = value.get("V1").and_then(|v| v.get("body"))?;
    let mut out = Vec::new();
    let mut stack = vec![body];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => stack.extend(map.values().rev()),
            _ => {}
        }
    }
    Some(out.join("\n\n"))
}
