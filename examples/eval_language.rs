//! Compares language-detection settings: agreement with a reference setting and time a page.
//!
//! ```text
//! cargo run --release --example eval_language -- [--reference 0:0:2000] [SETTING…]
//! ```
//!
//! A setting is `QUICK:CONFIDENCE:SAMPLE` as [`warta::language::detect_staged`] takes them
//! (`300:0.999:600` is the default of `warta extract`). The pages are the Indonesian corpus pages,
//! the 181 benchmark pages and the PFSA-ID dev articles converted to text (`--pfsa DIR`, made by
//! `python3 /work/shared/eval/pfsa_to_text.py --split dev --data
//! /work/shared/corpus-id/pfsa-dev/dev-20.txt --out DIR`). Bodies come from
//! [`warta::extract_document`] without entities; each setting is run on every body.
//!
//! Two scores a setting: wrong answers on the pages whose language is known (every corpus page is
//! Indonesian but the two English `thejakarta*` pages; every PFSA article is Indonesian), listed;
//! and, on the benchmark pages (English and a few other languages, which the three models cannot
//! name), how many answers differ from the reference setting's.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use warta::language::detect_staged;
use warta::{extract_document, Config, Input, Output};

const CORPUS: &str = "/work/shared/corpus-id/pages";
const BENCH: &str = "/work/shared/bench/article-extraction-benchmark/html";

/// One detection setting.
#[derive(Clone, Copy)]
struct Setting {
    quick: usize,
    confidence: f64,
    sample: usize,
}

fn parse(s: &str) -> Setting {
    let parts: Vec<&str> = s.split(':').collect();
    assert_eq!(parts.len(), 3, "a setting is QUICK:CONFIDENCE:SAMPLE");
    Setting { quick: parts[0].parse().unwrap(), confidence: parts[1].parse().unwrap(), sample: parts[2].parse().unwrap() }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut reference = parse("0:0:2000");
    let mut pfsa = PathBuf::from("/tmp/pfsa-dev");
    let mut settings = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--reference" => {
                reference = parse(&args[i + 1]);
                i += 1;
            }
            "--pfsa" => {
                pfsa = PathBuf::from(&args[i + 1]);
                i += 1;
            }
            s => settings.push((s.to_string(), parse(s))),
        }
        i += 1;
    }
    if settings.is_empty() {
        settings.push(("300:0.999:600".into(), parse("300:0.999:600")));
    }

    let config = Config { extract_entities: false, ..Config::default() };
    // (name, paragraphs, known language)
    let mut bodies: Vec<(String, Vec<String>, Option<&str>)> = Vec::new();
    for (dir, gz) in [(PathBuf::from(CORPUS), false), (PathBuf::from(BENCH), true), (pfsa, false)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping {} (not found)", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| !p.to_string_lossy().ends_with(".json")).collect();
        paths.sort();
        for path in paths {
            let mut bytes = std::fs::read(&path).unwrap();
            if gz {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
                bytes = out;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let known = if gz {
                None
            } else if name.starts_with("thejakarta") {
                Some("en")
            } else {
                Some("id")
            };
            if let Output::Record(record) = extract_document(&Input::from_bytes(&name, bytes), &config) {
                if !record.paragraphs.is_empty() {
                    bodies.push((name, record.paragraphs, known));
                }
            }
        }
    }
    let truth: Vec<Option<String>> =
        bodies.iter().map(|(_, p, _)| detect_staged(p, reference.quick, reference.confidence, reference.sample).map(|d| d.0)).collect();
    let mut counts = std::collections::BTreeMap::new();
    for t in &truth {
        *counts.entry(t.clone().unwrap_or_else(|| "none".into())).or_insert(0) += 1;
    }
    println!("{} bodies; reference languages {:?}", bodies.len(), counts);
    let known = bodies.iter().filter(|b| b.2.is_some()).count();
    for (label, s) in &settings {
        let (mut wrong, mut differ) = (Vec::new(), Vec::new());
        let started = Instant::now();
        let repeat = 3;
        for _ in 0..repeat {
            wrong.clear();
            differ.clear();
            for ((name, paragraphs, lang), t) in bodies.iter().zip(&truth) {
                let got = detect_staged(paragraphs, s.quick, s.confidence, s.sample).map(|d| d.0);
                match lang {
                    Some(lang) if got.as_deref() != Some(*lang) => wrong.push(format!("{name}: {got:?}, is {lang}")),
                    Some(_) => {}
                    None if &got != t => differ.push(format!("{name}: {got:?}, reference {t:?}")),
                    None => {}
                }
            }
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / (repeat * bodies.len()) as f64;
        println!(
            "{label}: {ms:.3} ms/page; wrong on {} of {known} known pages; {} of {} benchmark pages differ from the reference",
            wrong.len(),
            differ.len(),
            bodies.len() - known
        );
        for w in wrong {
            println!("    wrong: {w}");
        }
        for d in differ {
            println!("    differs: {d}");
        }
    }
}
