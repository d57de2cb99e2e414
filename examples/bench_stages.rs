//! Where a page's time goes: each stage of the pipeline timed on its own over real pages.
//!
//! ```text
//! cargo run --release --example bench_stages -- [DIR …] [--repeat N]
//! ```
//!
//! DIR defaults to the Indonesian corpus pages (`/work/shared/corpus-id/pages`); `.gz` files are
//! unpacked first and not timed. Every page is taken through the stages the library runs in
//! `extract_document` — charset decoding, the parse, `meta`, the cleaner, language detection,
//! quotes/people/dates/figures/acronyms, the near-duplicate fingerprint and the JSON line — each
//! timed apart, `--repeat` times (default 5), and the mean per page of each stage is printed with
//! its share. The stages are called one by one, so the sum is a little above `extract_document`'s
//! own time (it also checks deadlines and limits), but the shares say where work pays off.

use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use warta::{charset, clean, dedup, extract, html, language, meta, Config};

const CORPUS: &str = "/work/shared/corpus-id/pages";
const STAGES: [&str; 10] =
    ["decode", "parse", "meta", "clean", "language", "dates+figures", "acronyms", "people+quotes", "fingerprint", "json"];

fn main() {
    let mut dirs = Vec::new();
    let mut repeat = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).expect("--repeat N"),
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from(CORPUS));
    }
    let mut pages: Vec<Vec<u8>> = Vec::new();
    for dir in &dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).expect("page directory").map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).unwrap();
            if path.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
                pages.push(out);
            } else {
                pages.push(bytes);
            }
        }
    }
    let config = Config::default();
    let mut spent = [Duration::ZERO; STAGES.len()];
    let mut checksum = 0usize;
    for _ in 0..repeat {
        for bytes in &pages {
            let mut clock = Instant::now();
            let mut lap = |stage: usize, spent: &mut [Duration; STAGES.len()]| {
                let now = Instant::now();
                spent[stage] += now - clock;
                clock = now;
            };
            let decoded = charset::decode(bytes, None);
            lap(0, &mut spent);
            let Ok(page) = html::parse(&decoded.text, &config) else { continue };
            lap(1, &mut spent);
            let metadata = meta::from_html(&page, None);
            lap(2, &mut spent);
            let cleaned = clean::html::clean(&page, &metadata, &config);
            lap(3, &mut spent);
            let paragraphs = cleaned.paragraphs;
            let lang = language::detect(&paragraphs, config.language_sample_chars);
            lap(4, &mut spent);
            let (dates, _) = extract::dates::extract(&paragraphs, None);
            let figures = extract::figures::extract(&paragraphs);
            lap(5, &mut spent);
            let acronyms = extract::acronyms::extract(&paragraphs);
            lap(6, &mut spent);
            let mentions = extract::people::drop_organizations(extract::people::find_mentions(&paragraphs), &acronyms);
            let quotes = extract::quotes::extract(&paragraphs, &mentions);
            let people = extract::people::merge(&mentions, &quotes, &acronyms, &metadata.authors, &metadata.editors);
            lap(7, &mut spent);
            let text = paragraphs.join("\n\n");
            let fingerprint = dedup::simhash(&text);
            lap(8, &mut spent);
            let json = serde_json::json!({"text": text, "paragraphs": paragraphs, "quotes": quotes, "people": people,
                "dates": dates, "figures": figures, "acronyms": acronyms, "language": lang.map(|l| l.0)});
            let line = serde_json::to_string(&json).unwrap();
            lap(9, &mut spent);
            checksum += line.len() + usize::from(fingerprint.is_some());
        }
    }
    let runs = (pages.len() * repeat) as f64;
    let total: Duration = spent.iter().sum();
    println!("{} pages × {repeat}: {:.3} ms a page in all (checksum {checksum})", pages.len(), total.as_secs_f64() * 1000.0 / runs);
    for (name, d) in STAGES.iter().zip(spent) {
        println!("{name:>14}  {:.3} ms  {:4.1}%", d.as_secs_f64() * 1000.0 / runs, 100.0 * d.as_secs_f64() / total.as_secs_f64());
    }
}
