//! Golden tests: each real page under `fixtures/pages/<case>/` with the record it must give.
//! After a deliberate change, `WARTA_UPDATE_GOLDEN=1 cargo test --release golden` rewrites the
//! `expected.json` files; review the diff before committing it.

use warta::{extract_document, Config, Input};

use crate::util::root;

fn record_of(relative: &str) -> serde_json::Value {
    let bytes = std::fs::read(root().join(relative)).unwrap();
    let input = Input::from_bytes(relative, bytes);
    let output = extract_document(&input, &Config::default());
    serde_json::to_value(&output).unwrap()
}

/// Compares (or, with WARTA_UPDATE_GOLDEN=1, rewrites) `expected` against `actual`.
pub fn check_golden(actual: &serde_json::Value, expected_path: &std::path::Path) {
    let pretty = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("WARTA_UPDATE_GOLDEN").is_some() {
        std::fs::write(expected_path, &pretty).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path)
        .unwrap_or_else(|_| panic!("{} missing: run with WARTA_UPDATE_GOLDEN=1", expected_path.display()));
    let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
    if &expected != actual {
        let mut diffs = Vec::new();
        if let (Some(e), Some(a)) = (expected.as_object(), actual.as_object()) {
            for (key, value) in e {
                if a.get(key) != Some(value) {
                    diffs.push(format!("{key}:\n  expected {}\n  actual   {}", value, a.get(key).cloned().unwrap_or_default()));
                }
            }
        }
        panic!("{} differs:\n{}", expected_path.display(), diffs.join("\n"));
    }
}

#[test]
fn golden_pages() {
    let dir = root().join("fixtures/pages");
    let mut cases: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 10, "golden cases are missing");
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let actual = record_of(&format!("fixtures/pages/{name}/source.html"));
        check_golden(&actual, &case.join("expected.json"));
    }
}

#[test]
fn golden_page_kinds() {
    // Facts that hold whatever the details of the golden files: a page with no article has an
    // empty body and says so; an English page is English; a latin-1 page decodes.
    let index = record_of("fixtures/pages/okezone-03/source.html");
    assert_eq!(index["text"], "", "an index page has no invented body");
    assert!(index["warnings"].to_string().contains("no article"), "{}", index["warnings"]);
    let english = record_of("fixtures/pages/thejakartapost-01/source.html");
    assert_eq!(english["language"], "en");
    let latin1 = record_of("fixtures/pages/kapanlagi-01/source.html");
    assert!(!latin1["text"].as_str().unwrap().contains('\u{fffd}'));
    assert_eq!(latin1["language"], "id");
    let old = record_of("fixtures/pages/antaranews-01/source.html");
    assert!(old["paragraphs"].as_array().unwrap().len() >= 3, "<br> pages keep their paragraphs");
}

#[test]
fn gold_bodies_are_kept_whole_without_leaks() {
    // slasherrb's expected bodies (`gold.txt` beside the page) run paragraphs together with no
    // separator, so both sides are compared with white space removed: every 40-character slice
    // of the gold, taken every 120 characters, must be in our body, and no furniture may be.
    for case in ["detik-10", "kompas-09", "liputan6-13"] {
        let record = record_of(&format!("fixtures/pages/{case}/source.html"));
        let text = record["text"].as_str().unwrap().to_string();
        let gold = std::fs::read_to_string(root().join(format!("fixtures/pages/{case}/gold.txt"))).unwrap();
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let (ours, gold) = (squash(&text), squash(&gold));
        let gold: Vec<char> = gold.chars().collect();
        let mut start = 0;
        while start + 40 <= gold.len() {
            let probe: String = gold[start..start + 40].iter().collect();
            assert!(ours.contains(&probe), "{case}: lost the body text {probe:?}");
            start += 120;
        }
        for leak in ["Baca juga", "Baca Juga", "BACA JUGA", "Berita Terkait", "Terpopuler", "ADVERTISEMENT", "SCROLL TO CONTINUE"] {
            assert!(!text.contains(leak), "{case}: leaked {leak:?}");
        }
    }
}
