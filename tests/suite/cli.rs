//! The CLI contract: one line per input, the record's field names, formats and exit codes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::util::{lines, only_record, scratch, warta, Line};

/// The contract's field names (issue: "never rename these"); a record must carry all of them.
const RECORD_FIELDS: &[&str] = &[
    "schema_version", "id", "source", "url", "site", "title", "published", "modified", "authors",
    "editors", "categories", "tags", "language", "language_confidence", "text", "paragraphs",
    "warnings", "quotes", "people", "dates", "figures", "acronyms",
];

#[test]
fn seed_gives_one_record_with_every_contract_field() {
    let run = warta(&["extract", "seeds/000_5e4d0282cbb32493.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = lines(&run.stdout);
    assert_eq!(all.len(), 1);
    let Line::Record(record, object) = &all[0] else { panic!("expected a record") };
    for field in RECORD_FIELDS {
        assert!(object.contains_key(*field), "missing field {field}");
    }
    assert_eq!(record.schema_version, 1);
    assert_eq!(record.id.len(), 32);
    assert!(record.id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(record.source, "seeds/000_5e4d0282cbb32493.txt");
    assert_eq!(record.text, record.paragraphs.join("\n\n"));
}

#[test]
fn id_is_the_hash_of_the_url_when_known_and_stable() {
    let page = "fixtures/pages/kompas-01/source.html";
    let a = only_record(&warta(&["extract", "--url", "https://EXAMPLE.com/a#top", page], None).stdout);
    let b = only_record(&warta(&["extract", "--url", "https://example.com/a", page], None).stdout);
    assert_eq!(a.id, b.id, "scheme/host case and fragment do not change the id");
    let c = only_record(&warta(&["extract", page], None).stdout);
    let d = only_record(&warta(&["extract", page], None).stdout);
    assert_eq!(c, d, "the same input gives the same record");
}

#[test]
fn files_directories_and_stdin_each_give_one_line_in_order() {
    let dir = scratch("cli-mixed");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy("fixtures/pages/kompas-01/source.html", dir.join("sub/b.html")).unwrap();
    std::fs::copy("fixtures/pages/tempo-01/source.html", dir.join("a.html")).unwrap();
    std::fs::write(dir.join("empty.html"), b"").unwrap();
    std::fs::write(dir.join("notes.json"), b"{}").unwrap(); // not a page name: not walked
    let out = dir.join("out.jsonl");
    let seed = std::fs::read("seeds/000_5e4d0282cbb32493.txt").unwrap();
    let run = warta(
        &["extract", dir.to_str().unwrap(), "fixtures/pages/detik-10/source.html", "-", "-o", out.to_str().unwrap()],
        Some(&seed),
    );
    assert_eq!(run.code, 1, "the empty file is an error record: exit 1 ({})", run.stderr);
    assert_eq!(run.stdout, "", "with -o nothing goes to stdout");
    let written = std::fs::read_to_string(&out).unwrap();
    let all = lines(&written);
    let sources: Vec<String> = all
        .iter()
        .map(|l| match l {
            Line::Record(r, _) => r.source.clone(),
            Line::Error(e) => e.source.clone(),
        })
        .collect();
    let d = dir.to_str().unwrap();
    assert_eq!(
        sources,
        vec![
            format!("{d}/a.html"),
            format!("{d}/empty.html"),
            format!("{d}/sub/b.html"),
            "fixtures/pages/detik-10/source.html".to_string(),
            "-".to_string()
        ]
    );
    assert!(matches!(&all[1], Line::Error(e) if e.error.kind == "empty"));
    assert!(matches!(&all[4], Line::Record(r, _) if r.title.as_deref().is_some_and(|t| t.starts_with("Server PDN"))));
}

#[test]
fn pretty_json_format() {
    let run = warta(&["extract", "--format", "json", "seeds/000_5e4d0282cbb32493.txt"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().count() > 20, "pretty-printed over many lines");
    let record: warta::Record = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(record.schema_version, 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(warta(&["extract"], None).code, 2);
    assert_eq!(warta(&["extract", "--no-such-flag", "x.html"], None).code, 2);
    assert_eq!(warta(&["frobnicate"], None).code, 2);
    assert_eq!(warta(&["extract", "--published", "22/06/2024", "x.html"], None).code, 2);
    let dir = scratch("cli-unwritable");
    let run = warta(&["extract", "-o", dir.join("no/such/dir/out.jsonl").to_str().unwrap(), "seeds/000_5e4d0282cbb32493.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

#[test]
fn schema_describes_the_record() {
    let run = warta(&["schema"], None);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = schema.to_string();
    for field in RECORD_FIELDS {
        assert!(text.contains(&format!("\"{field}\"")), "schema lacks {field}");
    }
    assert!(text.contains("\"error\""));
}

#[test]
fn closed_pipe_is_not_an_error() {
    let dir = scratch("cli-pipe");
    for i in 0..200 {
        std::fs::copy("fixtures/pages/antaranews-01/source.html", dir.join(format!("p{i:03}.html"))).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["extract", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here: the pipe closes like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}
