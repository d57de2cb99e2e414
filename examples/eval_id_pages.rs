//! Scores warta's article bodies on the Indonesian pages of corpus-id against hand-checked gold.
//!
//! ```text
//! cargo run --release --example eval_id_pages -- [--corpus DIR] [--pages DIR] [--gold DIR] [--verbose] [--export DIR]
//! ```
//!
//! For every `<page>.txt` in the gold directory it runs [`warta::extract_document`] on
//! `<pages>/<page>.html` and reports, per page and overall:
//!
//! * paragraph recall: gold paragraphs found in our text (a gold paragraph counts as found when
//!   at least 90% of its 4-gram shingles occur in our whole body text);
//! * paragraph precision: our paragraphs found the same way in the whole gold text;
//! * token precision/recall/F1 of the article-extraction-benchmark method (multisets of 4-gram
//!   shingles of `\w+` tokens, as `/work/shared/eval/score_body.py` computes them; corpus
//!   precision and recall are means over pages, F1 their harmonic mean);
//! * with `--verbose`, the LOST gold paragraphs and the LEAKED paragraphs of ours.
//!
//! The overall paragraph recall and precision are totals over pages (micro averages).
//!
//! Pages listed in `tokens-only.txt` (one-line gold copied from slasherrb, paragraphs run
//! together) are scored by tokens only. Pages listed in `no-article.txt` must come out with an
//! empty body (an error record counts as empty). Finally every page is checked for known furniture phrases
//! (`furniture.txt`, or the one in `fixtures/id-gold/` when the gold directory has none) leaking
//! into our paragraphs. The last line is a one-line summary. A gold `<page>.txt` is matched with
//! `<page>.html`, `.htm`, `.html.gz` or `<page>` itself.
//!
//! When the corpus directory (`--corpus`, default `/work/shared/corpus-id`; its `pages/` is the
//! default `--pages`) has a `manifest.tsv`, three more checks run on its rows: token scores
//! against the shared gold named in the `gold` column (slasherrb one-line expectations, the
//! fundus JSON — 11 pages, the two English pages among them), the page kind (an `article` with
//! no body, an `index` page with one), and an independent leak pattern (related-article and ad
//! lines) over every body. They print as the `shared-gold` line before the summary.
//!
//! `--export DIR` also writes `DIR/truth.json` (gold bodies, benchmark format) and
//! `DIR/warta.jsonl` (our bodies), so that the token figures can be checked with
//! `python3 /work/shared/eval/score_body.py --gt DIR/truth.json DIR/warta.jsonl`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use regex::Regex;
use warta::{extract_document, Config, Input, Output};

#[path = "common/shingles.rs"]
mod shingles;

/// Share of a paragraph's shingles that must occur in the other side for it to count as found.
const FOUND_SHARE: f64 = 0.9;
/// The furniture list used when the gold directory has none.
const DEFAULT_FURNITURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/id-gold/furniture.txt");
/// File name endings tried, in order, to find the page of a gold file.
const PAGE_SUFFIXES: [&str; 4] = [".html", ".htm", ".html.gz", ""];
/// Shingle length of the benchmark method.
const NGRAM: usize = 4;
/// Longest LOST/LEAKED paragraph excerpt printed with `--verbose`, in characters.
const EXCERPT_CHARS: usize = 160;

/// Words that must never reach a body: related-article links, teasers, ads. An independent
/// check, deliberately not the cleaner's own lexicon.
const LEAK_PATTERN: &str = r"(?i)\b(baca juga|baca pula|berita terkait|artikel terkait|terpopuler|simak juga|lihat juga|advertisement|scroll to continue|recent posts)\b|^\d+ (jam|menit|hari) (ago|lalu)$";

/// Command-line options.
struct Options {
    /// The corpus directory (with `manifest.tsv` and the shared `gold/`).
    corpus: PathBuf,
    /// Directory holding the `*.html` pages.
    pages: PathBuf,
    /// Directory holding the gold bodies and lists.
    gold: PathBuf,
    /// Print lost and leaked paragraphs.
    verbose: bool,
    /// Where to write our bodies and the gold bodies for `score_body.py`, when asked.
    export: Option<PathBuf>,
}

/// What warta produced for one page.
struct Ours {
    /// Body paragraphs, white space normalised.
    paragraphs: Vec<String>,
    /// Error kind when warta returned an error record.
    error: Option<String>,
}

/// Token shingle counts of one page: (true positives, false positives, false negatives).
type Counts = (usize, usize, usize);

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            eprintln!("usage: eval_id_pages [--corpus DIR] [--pages DIR] [--gold DIR] [--verbose] [--export DIR]");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--corpus`, `--pages`, `--gold`, `--verbose` and `--export`.
fn parse_args() -> Result<Options, String> {
    let mut pages_given = false;
    let mut options = Options {
        corpus: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus-id")),
        pages: PathBuf::new(),
        gold: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/id-gold")),
        verbose: false,
        export: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => options.corpus = args.next().ok_or("--corpus needs a directory")?.into(),
            "--pages" => {
                options.pages = args.next().ok_or("--pages needs a directory")?.into();
                pages_given = true;
            }
            "--gold" => options.gold = args.next().ok_or("--gold needs a directory")?.into(),
            "--verbose" | "-v" => options.verbose = true,
            "--export" => options.export = Some(args.next().ok_or("--export needs a directory")?.into()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !pages_given {
        options.pages = options.corpus.join("pages");
    }
    Ok(options)
}

fn run(options: &Options) -> Result<(), String> {
    let config = Config { extract_entities: false, ..Config::default() };
    let tokens_only = read_list(&options.gold.join("tokens-only.txt"))?;
    let no_article = read_list(&options.gold.join("no-article.txt"))?;
    // Why: a held-out gold directory may come without its own phrase list; the check must not
    // silently count zero then.
    let mut furniture = read_list(&options.gold.join("furniture.txt"))?;
    if furniture.is_empty() {
        furniture = read_list(Path::new(DEFAULT_FURNITURE))?;
    }

    let mut gold_pages: Vec<String> = std::fs::read_dir(&options.gold)
        .map_err(|e| format!("{}: {e}", options.gold.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| path.file_stem().map(|stem| stem.to_string_lossy().into_owned()))
        .filter(|stem| !matches!(stem.as_str(), "tokens-only" | "no-article" | "furniture"))
        .collect();
    gold_pages.sort();

    let mut cache: HashMap<String, Ours> = HashMap::new();
    let mut elapsed_ms = 0.0;

    // Article pages with gold.
    println!(
        "{:<20} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6}",
        "page", "gold", "found", "paraR", "ours", "inGld", "paraP", "tokP", "tokR", "tokF1"
    );
    let (mut gold_total, mut found_total, mut ours_total, mut ours_in_gold_total) = (0usize, 0usize, 0usize, 0usize);
    let mut paragraph_scored = 0usize;
    let mut counts: Vec<Counts> = Vec::new();
    let mut hardest: Vec<(f64, String)> = Vec::new();
    let mut truth_json = serde_json::Map::new();
    let mut pred_jsonl = String::new();
    for name in &gold_pages {
        let gold_text = std::fs::read_to_string(options.gold.join(format!("{name}.txt")))
            .map_err(|e| format!("{name}.txt: {e}"))?;
        if let Err(message) = ensure(&mut cache, &mut elapsed_ms, &options.pages, &config, name) {
            eprintln!("skipped: {message}");
            continue;
        }
        let Some(ours) = cache.get(name) else { continue };
        let our_text = ours.paragraphs.join("\n\n");
        truth_json.insert(name.clone(), serde_json::json!({ "articleBody": gold_text }));
        pred_jsonl.push_str(&serde_json::json!({ "id": name, "text": our_text }).to_string());
        pred_jsonl.push('\n');
        let page_counts = shingles::counts(&our_text, &gold_text);
        counts.push(page_counts);
        let (tok_p, tok_r, tok_f) = page_prf(page_counts);
        hardest.push((tok_f, name.clone()));
        let error = ours.error.as_deref().map(|kind| format!("  error={kind}")).unwrap_or_default();
        if tokens_only.contains(name) {
            println!("{name:<20} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6} {tok_p:>6.3} {tok_r:>6.3} {tok_f:>6.3}  (tokens only){error}", "-", "-", "-", ours.paragraphs.len(), "-", "-");
            continue;
        }
        let gold_paragraphs: Vec<String> = split_paragraphs(&gold_text);
        let our_grams = ngram_set(&shingles::tokens(&our_text));
        let gold_grams = ngram_set(&shingles::tokens(&gold_text));
        let lost: Vec<&String> = gold_paragraphs.iter().filter(|p| !is_found(p, &our_grams)).collect();
        let leaked: Vec<&String> = ours.paragraphs.iter().filter(|p| !is_found(p, &gold_grams)).collect();
        let found = gold_paragraphs.len() - lost.len();
        let in_gold = ours.paragraphs.len() - leaked.len();
        paragraph_scored += 1;
        gold_total += gold_paragraphs.len();
        found_total += found;
        ours_total += ours.paragraphs.len();
        ours_in_gold_total += in_gold;
        println!(
            "{name:<20} {:>5} {found:>5} {:>6.3} {:>5} {in_gold:>5} {:>6.3} {tok_p:>6.3} {tok_r:>6.3} {tok_f:>6.3}{error}",
            gold_paragraphs.len(),
            ratio(found, gold_paragraphs.len()),
            ours.paragraphs.len(),
            ratio(in_gold, ours.paragraphs.len()),
        );
        if options.verbose {
            for paragraph in lost {
                println!("    LOST   {}", excerpt(paragraph));
            }
            for paragraph in leaked {
                println!("    LEAKED {}", excerpt(paragraph));
            }
        }
    }

    if let Some(dir) = &options.export {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let truth = serde_json::Value::Object(truth_json).to_string();
        std::fs::write(dir.join("truth.json"), truth).map_err(|e| format!("truth.json: {e}"))?;
        std::fs::write(dir.join("warta.jsonl"), pred_jsonl).map_err(|e| format!("warta.jsonl: {e}"))?;
    }

    // Pages whose correct body is empty.
    let mut no_article_ok = 0usize;
    let mut no_article_names: Vec<&String> = no_article.iter().collect();
    no_article_names.sort();
    for name in &no_article_names {
        if let Err(message) = ensure(&mut cache, &mut elapsed_ms, &options.pages, &config, name) {
            eprintln!("skipped: {message}");
            continue;
        }
        let Some(ours) = cache.get(name.as_str()) else { continue };
        let empty = ours.paragraphs.is_empty();
        no_article_ok += usize::from(empty);
        let chars: usize = ours.paragraphs.iter().map(|p| p.chars().count()).sum();
        let error = ours.error.as_deref().map(|kind| format!(" error={kind}")).unwrap_or_default();
        println!(
            "{name:<20} no-article {} ({} paragraphs, {chars} chars){error}",
            if empty { "ok" } else { "NOT EMPTY" },
            ours.paragraphs.len()
        );
        if options.verbose && !empty {
            for paragraph in ours.paragraphs.iter().take(5) {
                println!("    LEAKED {}", excerpt(paragraph));
            }
        }
    }

    // Furniture phrases across every page of the corpus.
    let mut all_pages: Vec<String> = std::fs::read_dir(&options.pages)
        .map_err(|e| format!("{}: {e}", options.pages.display()))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            PAGE_SUFFIXES[..3].iter().find_map(|suffix| file.strip_suffix(suffix).map(str::to_owned))
        })
        .collect();
    all_pages.sort();
    all_pages.dedup();
    let mut furniture_phrases: Vec<&String> = furniture.iter().collect();
    furniture_phrases.sort();
    let mut furniture_total = 0usize;
    let mut by_phrase: HashMap<&str, usize> = HashMap::new();
    for name in &all_pages {
        if let Err(message) = ensure(&mut cache, &mut elapsed_ms, &options.pages, &config, name) {
            eprintln!("skipped: {message}");
            continue;
        }
        let Some(ours) = cache.get(name) else { continue };
        for paragraph in &ours.paragraphs {
            let hits: Vec<&str> =
                furniture_phrases.iter().filter(|f| paragraph.contains(f.as_str())).map(|f| f.as_str()).collect();
            if let Some(first) = hits.first() {
                furniture_total += 1;
                *by_phrase.entry(first).or_default() += 1;
                if options.verbose {
                    println!("    FURNITURE {name}: {}", excerpt(paragraph));
                }
            }
        }
    }
    let mut phrase_counts: Vec<(&str, usize)> = by_phrase.into_iter().collect();
    phrase_counts.sort();
    let listing: Vec<String> = phrase_counts.iter().map(|(p, n)| format!("{p:?}={n}")).collect();
    println!("furniture paragraphs over {} pages: {furniture_total} {}", all_pages.len(), listing.join(" "));

    let shared = shared_checks(options, &config, &mut cache, &mut elapsed_ms)?;

    let (tok_p, tok_r, tok_f) = corpus_prf(&counts);
    hardest.sort_by(|a, b| a.0.total_cmp(&b.0));
    let worst: Vec<String> = hardest.iter().take(8).map(|(f, n)| format!("{n}={f:.2}")).collect();
    println!("hardest by token F1: {}", worst.join(" "));
    println!(
        "token P={tok_p:.3} R={tok_r:.3}; paragraph counts over {} paragraph-scored pages; extraction {:.2} ms/page",
        paragraph_scored,
        elapsed_ms / cache.len().max(1) as f64
    );
    if let Some(shared) = shared {
        println!("{shared}");
    }
    println!(
        "id-pages pages={} paraRecall={:.3} paraPrecision={:.3} tokenF1={tok_f:.3} lost={} leaked={} furniture={furniture_total} noArticleOk={no_article_ok}/{}",
        counts.len(),
        ratio(found_total, gold_total),
        ratio(ours_in_gold_total, ours_total),
        gold_total - found_total,
        ours_total - ours_in_gold_total,
        no_article.len(),
    );
    Ok(())
}

/// Runs warta on `<pages>/<name>.html` unless the page is already in `cache`.
fn ensure(
    cache: &mut HashMap<String, Ours>,
    elapsed_ms: &mut f64,
    pages: &Path,
    config: &Config,
    name: &str,
) -> Result<(), String> {
    if cache.contains_key(name) {
        return Ok(());
    }
    let path = PAGE_SUFFIXES
        .iter()
        .map(|suffix| pages.join(format!("{name}{suffix}")))
        .find(|path| path.is_file())
        .ok_or_else(|| format!("no page for {name} in {}", pages.display()))?;
    let input = Input::read_file(&path, config.max_input_bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = Instant::now();
    let output = extract_document(&input, config);
    *elapsed_ms += start.elapsed().as_secs_f64() * 1000.0;
    let ours = match output {
        Output::Record(record) => Ours {
            paragraphs: record.paragraphs.iter().map(|p| normalise(p)).filter(|p| !p.is_empty()).collect(),
            error: None,
        },
        Output::Error(error) => Ours { paragraphs: Vec::new(), error: Some(error.error.kind) },
    };
    cache.insert(name.to_string(), ours);
    Ok(())
}

/// Reads a list file: one entry per line, `#` starts a comment, blank lines ignored.
/// A missing file is an empty list.
fn read_list(path: &Path) -> Result<HashSet<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Gold paragraphs: blocks separated by blank lines, white space normalised.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(normalise(&current));
            }
            current.clear();
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(normalise(&current));
    }
    paragraphs
}

/// Collapses every run of white space to one space and trims the ends.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shingles of a token list: all overlapping 4-grams, or the whole list when shorter.
fn shingle_windows<'a>(toks: &[&'a str]) -> Vec<Vec<&'a str>> {
    if toks.is_empty() {
        return Vec::new();
    }
    if toks.len() < NGRAM {
        return vec![toks.to_vec()];
    }
    toks.windows(NGRAM).map(|w| w.to_vec()).collect()
}

/// Every n-gram of length 1..=4 of a token list, so that short paragraphs can be looked up too.
fn ngram_set(toks: &[&str]) -> HashSet<String> {
    let mut set = HashSet::new();
    for n in 1..=NGRAM {
        for window in toks.windows(n) {
            set.insert(window.join("\u{1}"));
        }
    }
    set
}

/// Whether at least 90% of a paragraph's shingles occur in the other side's n-gram set.
fn is_found(paragraph: &str, other: &HashSet<String>) -> bool {
    let toks = shingles::tokens(paragraph);
    let grams = shingle_windows(&toks);
    if grams.is_empty() {
        // Only punctuation: nothing to lose or leak.
        return true;
    }
    let hits = grams.iter().filter(|g| other.contains(&g.join("\u{1}"))).count();
    hits as f64 >= FOUND_SHARE * grams.len() as f64
}

/// Page precision, recall and F1; a page with nothing to miss and nothing extra scores 1.
fn page_prf((tp, fp, fn_): Counts) -> (f64, f64, f64) {
    if fp == 0 && fn_ == 0 {
        return (1.0, 1.0, 1.0);
    }
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    if tp + fp == 0 {
        return (p, r, 0.0);
    }
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Corpus precision (mean over pages with a prediction), recall (mean over pages with a truth)
/// and their harmonic mean, as in the benchmark's published table.
fn corpus_prf(rows: &[Counts]) -> (f64, f64, f64) {
    let ps: Vec<f64> = rows.iter().filter(|r| r.0 + r.1 > 0).map(|r| page_prf(*r).0).collect();
    let rs: Vec<f64> = rows.iter().filter(|r| r.0 + r.2 > 0).map(|r| page_prf(*r).1).collect();
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let (p, r) = (mean(&ps), mean(&rs));
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// `part / whole`, or 1 when there is nothing to count.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The first characters of a paragraph, cut at a char boundary.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{cut}…")
}

/// The manifest checks: shared-gold token scores, page kinds and the leak pattern. `None` when
/// the corpus has no manifest (a held-out page set).
fn shared_checks(
    options: &Options,
    config: &Config,
    cache: &mut HashMap<String, Ours>,
    elapsed_ms: &mut f64,
) -> Result<Option<String>, String> {
    let Ok(manifest) = std::fs::read_to_string(options.corpus.join("manifest.tsv")) else {
        return Ok(None);
    };
    let leak = Regex::new(LEAK_PATTERN).map_err(|e| e.to_string())?;
    let (mut f1s, mut kind_problems, mut leak_lines) = (Vec::new(), 0usize, 0usize);
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(kind)) = (cols.first(), cols.get(2)) else { continue };
        let name = file.rsplit('/').next().unwrap_or(file);
        let name = PAGE_SUFFIXES[..3].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name);
        if ensure(cache, elapsed_ms, &options.pages, config, name).is_err() {
            continue;
        }
        let Some(ours) = cache.get(name) else { continue };
        let mut note = String::new();
        if let Some(truth) = read_shared_gold(&options.corpus, cols.get(11).copied().unwrap_or("")) {
            let (p, r, f1) = shingles::page_scores(&ours.paragraphs.join("\n\n"), &truth);
            note += &format!(" shared-gold P={:.3} R={:.3} F1={f1:.3}", p.unwrap_or(0.0), r.unwrap_or(0.0));
            f1s.push(f1);
        }
        if *kind == "article" && ours.paragraphs.is_empty() {
            note += " EMPTY-ARTICLE";
            kind_problems += 1;
        }
        if *kind == "index" && !ours.paragraphs.is_empty() {
            note += " BODY-ON-INDEX";
            kind_problems += 1;
        }
        let leaks: Vec<&String> = ours.paragraphs.iter().filter(|p| leak.is_match(p)).collect();
        leak_lines += leaks.len();
        if !note.is_empty() || !leaks.is_empty() {
            println!("{name:<20} {kind:<8}{note}");
        }
        if options.verbose {
            for paragraph in leaks {
                println!("    LEAK   {}", excerpt(paragraph));
            }
        }
    }
    let mean = if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 };
    Ok(Some(format!(
        "shared-gold pages={} meanF1={mean:.3} kindProblems={kind_problems} leakLines={leak_lines}",
        f1s.len()
    )))
}

/// The shared gold body named in the manifest's `gold` column, as plain text.
fn read_shared_gold(corpus: &Path, gold: &str) -> Option<String> {
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
