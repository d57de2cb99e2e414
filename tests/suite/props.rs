//! Property tests (proptest) for invariants every record must keep, on pages assembled from
//! real sentences (the reference article and the quote table's PFSA-ID paragraphs), cut and
//! mixed with quote marks, dates, figures and arbitrary text: quote text is in the body
//! (modulo white space), each date and figure `text` is in its paragraph, paragraph indexes
//! are in range, the JSON line is valid UTF-8 JSON, and the same input gives the same record.
//! Case counts stay small so the whole suite stays fast on CI.

use std::sync::LazyLock;

use proptest::prelude::*;
use warta::{extract_document, Config, Input, Output, Record};

use crate::util::root;

/// Real sentences: the seed article's lines and the quote table's paragraphs.
static POOL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut pool = Vec::new();
    let seed = std::fs::read_to_string(root().join("seeds/000_5e4d0282cbb32493.txt")).unwrap_or_default();
    pool.extend(seed.lines().map(str::trim).filter(|l| l.len() > 40).map(str::to_string));
    let quotes = std::fs::read_to_string(root().join("fixtures/quotes/cases.tsv")).unwrap_or_default();
    for line in quotes.lines().filter(|l| !l.starts_with('#')) {
        if let Some(text) = line.split('\t').nth(1) {
            pool.extend(text.split(" ¶ ").map(str::to_string));
        }
    }
    assert!(pool.len() > 20, "the sentence pool is read from seeds/ and fixtures/");
    pool
});

/// Tokens that wake the extractors up, inserted between and inside sentences.
const TOKENS: &[&str] = &[
    "“", "”", "\"", "‘", "’", "kata dia.", "ujarnya,", "Kamis (20/6/2024)", "pekan lalu", "kemarin",
    "sekitar 60.000 orang", "Rp 1,5 triliun", "10-20 persen", "pukul 14.00 WIB", "20-22 Juni 2024",
    "Menteri Keuangan Sri Mulyani", "Kapolres AKBP Budi", "—", "…", "\u{a0}", "&amp;", "<b>", "</p>",
];

/// One paragraph: a real sentence, maybe cut at a char boundary, with tokens and arbitrary
/// text spliced in.
fn paragraph() -> impl Strategy<Value = String> {
    let pool_len = POOL.len();
    (
        0..pool_len,
        0.0f64..=1.0,
        prop::collection::vec((prop::sample::select(TOKENS), 0.0f64..=1.0), 0..4),
        prop::option::of("\\PC{0,30}"),
    )
        .prop_map(|(at, keep, tokens, noise)| {
            let sentence = &POOL[at];
            let cut = sentence.char_indices().map(|(i, _)| i).nth((sentence.chars().count() as f64 * keep) as usize).unwrap_or(sentence.len());
            let mut text = sentence[..cut].to_string();
            for (token, place) in tokens {
                let at = text.char_indices().map(|(i, _)| i).nth((text.chars().count() as f64 * place) as usize).unwrap_or(text.len());
                text.insert_str(at, &format!(" {token} "));
            }
            if let Some(noise) = noise {
                text.push(' ');
                text.push_str(&noise);
            }
            text
        })
}

/// A page: HTML (`<p>` per paragraph, inside `<article>`) or plain text (blank-line blocks).
fn document() -> impl Strategy<Value = (bool, Vec<String>)> {
    (any::<bool>(), prop::collection::vec(paragraph(), 1..7))
}

fn render(html: bool, paragraphs: &[String]) -> (String, Vec<u8>) {
    if html {
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        let page = format!("<html><head><title>Uji properti</title></head><body><article>{body}</article></body></html>");
        ("doc.html".into(), page.into_bytes())
    } else {
        ("doc.txt".into(), paragraphs.join("\n\n").into_bytes())
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `squash` without quote marks.
fn unmarked(text: &str) -> String {
    squash(&text.replace(['“', '”', '"', '‘', '’', '„', '«', '»'], " "))
}

fn check(record: &Record) -> Result<(), TestCaseError> {
    let n = record.paragraphs.len();
    for q in &record.quotes {
        prop_assert!(q.paragraph <= q.paragraph_end && q.paragraph_end < n, "quote paragraphs out of range: {q:?}");
        // Where it says it is. Quote marks are set aside: a quote running on into the next
        // paragraph reopens it with “, which the quote's text leaves out (PFSA-ID style).
        let span = unmarked(&record.paragraphs[q.paragraph..=q.paragraph_end].join(" "));
        prop_assert!(span.contains(&unmarked(&q.text)), "quote text not in its paragraphs: {:?}", q.text);
    }
    for d in &record.dates {
        prop_assert!(d.paragraph < n, "date paragraph out of range: {d:?}");
        prop_assert!(record.paragraphs[d.paragraph].contains(&d.text), "date text not in its paragraph: {d:?}");
    }
    for f in &record.figures {
        prop_assert!(f.paragraph < n, "figure paragraph out of range: {f:?}");
        prop_assert!(record.paragraphs[f.paragraph].contains(&f.text), "figure text not in its paragraph: {f:?}");
    }
    prop_assert_eq!(record.text.clone(), record.paragraphs.join("\n\n"));
    Ok(())
}

fn json_line(output: &Output) -> Vec<u8> {
    match output {
        Output::Record(r) => serde_json::to_vec(r),
        Output::Error(e) => serde_json::to_vec(e),
    }
    .expect("serialises")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn records_keep_their_invariants((html, paragraphs) in document()) {
        let (name, bytes) = render(html, &paragraphs);
        let config = Config { max_document_time: None, ..Config::default() };
        let input = Input::from_bytes(name, bytes);
        let first = extract_document(&input, &config);
        let line = json_line(&first);
        let text = std::str::from_utf8(&line).map_err(|e| TestCaseError::fail(format!("not UTF-8: {e}")))?;
        prop_assert!(!text.contains('\n'), "one JSON line");
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))?;
        prop_assert!(value.is_object());
        match &first {
            Output::Record(record) => check(record)?,
            Output::Error(e) => prop_assert!(e.error.kind != "internal", "panic: {}", e.error.message),
        }
        // Same input, same record, byte for byte.
        let second = extract_document(&input, &config);
        prop_assert_eq!(line, json_line(&second));
    }

    #[test]
    fn arbitrary_bytes_give_one_valid_line(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let out = extract_document(&Input::from_bytes("junk.html", bytes), &Config::default());
        let line = json_line(&out);
        prop_assert!(std::str::from_utf8(&line).is_ok());
        if let Output::Error(e) = &out {
            prop_assert!(e.error.kind != "internal", "panic: {}", e.error.message);
        }
    }
}
