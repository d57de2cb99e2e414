//! The embedded index end to end through the binary: `warta index` over the golden records and
//! the seed's, then `warta search` with stemmed queries, speaker, site and date filters,
//! re-indexing that replaces instead of duplicating, near-duplicates left out with
//! `--no-duplicates` (and an index from before that field), and record files in a directory walk.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{root, scratch, warta};

const SEED_ID: &str = "62696345d141096969f34905c5b67a43";

/// The expected records of the golden pages and of the seed, as `warta extract` writes them.
fn golden_records() -> Vec<Value> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/pages"))
        .unwrap()
        .map(|e| e.unwrap().path().join("expected.json"))
        .collect();
    paths.sort();
    paths.push(root().join("seeds/000_5e4d0282cbb32493.expected.json"));
    paths.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

fn write_jsonl(path: &Path, records: &[Value]) {
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// A fresh index of every golden record and the seed's; returns its directory.
fn golden_index(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let records = dir.join("records.jsonl");
    write_jsonl(&records, &golden_records());
    let index = dir.join("index");
    let run = warta(&["index", "--index", index.to_str().unwrap(), records.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (index, records)
}

fn search(index: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--index", index.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = warta(&all, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn ids(hits: &[Value]) -> Vec<String> {
    hits.iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn index_then_search_the_golden_records() {
    let (index, _) = golden_index("index-golden");
    let count = golden_records().len();

    // The seed's speaker, in the text and as an exact speaker filter.
    let hits = search(&index, &["Silmy Karim"]);
    assert_eq!(ids(&hits).first().map(String::as_str), Some(SEED_ID), "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit["title"], "Server PDN Kembali Pulih, Sistem Pelayanan Imigrasi Berjalan Normal");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(hit["snippet"].as_str().unwrap().contains("<b>Silmy</b>"), "{}", hit["snippet"]);
    assert_eq!(ids(&search(&index, &["--speaker", "silmy karim"])), vec![SEED_ID]);
    assert_eq!(ids(&search(&index, &["serangan siber", "--speaker", "Silmy Karim"])), vec![SEED_ID]);
    assert!(search(&index, &["serangan siber", "--speaker", "Silmy"]).is_empty(), "a speaker filter is the whole name");

    // Stemming at query time: the seed says "serangan siber", never "menyerang".
    let seed_text = golden_records().last().unwrap()["text"].as_str().unwrap().to_lowercase();
    assert!(seed_text.contains("serangan") && !seed_text.contains("menyerang"));
    let hits = search(&index, &["menyerang"]);
    assert_eq!(ids(&hits), vec![SEED_ID]);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("<b>serangan</b>"), "{}", hits[0]["snippet"]);

    // Site filter: exact and case-insensitive; bola.kompas.com is another site.
    let hits = search(&index, &["--site", "kompas.com", "--limit", "50"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["site"], "KOMPAS.com");
    assert!(hits[0]["url"].as_str().unwrap().contains("regional.kompas.com"));

    // Date filters, both bounds inclusive, on the page's own calendar day.
    let day = |d: &str| -> Vec<String> {
        let mut found = ids(&search(&index, &["--since", d, "--until", d, "--limit", "50"]));
        found.sort();
        found
    };
    let mut on_5_nov: Vec<String> = golden_records()
        .iter()
        .filter(|r| r["published"].as_str().is_some_and(|p| p.starts_with("2015-11-05")))
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    on_5_nov.sort();
    assert_eq!(on_5_nov.len(), 3, "antaranews-01, kapanlagi-01, tempo-01");
    assert_eq!(day("2015-11-05"), on_5_nov);
    // merdeka-07 says 2021-06-16T17:04:00-07:00: 17 June in UTC, 16 June on the page.
    assert_eq!(day("2021-06-16").len(), 1);
    assert!(day("2021-06-17").is_empty());
    let recent = search(&index, &["--since", "2024-06-01", "--limit", "50"]);
    assert_eq!(recent.len(), 2, "mediaindonesia-01 (2026) and turnbackhoax-01 (2025): {recent:?}");
    let old = search(&index, &["--until", "2014-12-31", "--limit", "50"]);
    assert_eq!(old.len(), 1, "okezone-03 (2014): {old:?}");

    // Everything, and the limit.
    assert_eq!(search(&index, &["--limit", "100"]).len(), count);
    assert_eq!(search(&index, &["--limit", "2"]).len(), 2);
    assert!(search(&index, &["kata yang tidak ada sama sekali xqzv"]).is_empty());
    // Query syntax the user did not mean is not an error.
    assert!(!search(&index, &["\"serangan siber"]).is_empty());
}

#[test]
fn reindexing_replaces_by_id() {
    let (index, records) = golden_index("index-replace");
    let count = golden_records().len();
    let again = warta(&["index", "--index", index.to_str().unwrap(), records.to_str().unwrap()], None);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains(&format!("indexed {count} records (0 new, {count} replaced)")), "{}", again.stderr);
    assert!(again.stderr.contains(&format!("{count} documents")), "{}", again.stderr);
    assert_eq!(search(&index, &["--limit", "100"]).len(), count);
    // A changed record replaces the old one: the old title no longer matches.
    let mut seed = golden_records().pop().unwrap();
    seed["title"] = Value::from("Judul baru tentang gunung berapi");
    let changed = index.parent().unwrap().join("changed.jsonl");
    write_jsonl(&changed, &[seed]);
    let run = warta(&["index", "--index", index.to_str().unwrap(), changed.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&search(&index, &["gunung berapi"])), vec![SEED_ID]);
    assert_eq!(search(&index, &["--limit", "100"]).len(), count);
    assert_eq!(search(&index, &["--speaker", "Silmy Karim"]).len(), 1);
}

#[test]
fn error_records_and_bad_lines_are_counted_not_indexed() {
    let dir = scratch("index-errors");
    let records = dir.join("mixed.jsonl");
    let seed = serde_json::to_string(golden_records().last().unwrap()).unwrap();
    let error = r#"{"schema_version":1,"id":"00ff","source":"x.html","error":{"kind":"empty","message":"no text"}}"#;
    std::fs::write(&records, format!("{seed}\n{error}\nthis is not json\n\n")).unwrap();
    let index = dir.join("index");
    let run = warta(&["index", "--index", index.to_str().unwrap(), records.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("indexed 1 records (1 new, 0 replaced), skipped 1 error records and 1 unreadable lines"), "{}", run.stderr);
    assert!(run.stderr.contains("mixed.jsonl:3"), "the bad line is named: {}", run.stderr);
    assert_eq!(ids(&search(&index, &["--limit", "10"])), vec![SEED_ID]);
}

#[test]
fn raw_pages_and_stdin_records_are_indexed() {
    let dir = scratch("index-raw");
    let index = dir.join("index");
    // A page goes through the pipeline; a missing file is an error record.
    let run = warta(
        &["index", "--index", index.to_str().unwrap(), "seeds/000_5e4d0282cbb32493.txt", "fixtures/pages/kompas-01/source.html", "no/such/page.html"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("indexed 2 records"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped 1 error records"), "{}", run.stderr);
    assert_eq!(ids(&search(&index, &["imigrasi paspor"])), vec![SEED_ID]);
    // Records on stdin are told from a page by their content.
    let kompas = golden_records().into_iter().find(|r| r["site"] == "KOMPAS.com").unwrap();
    let line = serde_json::to_string(&kompas).unwrap() + "\n";
    let run = warta(&["index", "--index", index.to_str().unwrap(), "-"], Some(line.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("(0 new, 1 replaced)"), "the page's record has the same id: {}", run.stderr);
}

#[test]
fn a_missing_index_is_a_usage_error() {
    let dir = scratch("index-missing");
    let run = warta(&["search", "--index", dir.join("nothing").to_str().unwrap(), "banjir"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot search index"), "{}", run.stderr);
}

#[test]
fn no_duplicates_leaves_out_the_near_copy() {
    // A syndicated copy of the seed (a "Baca juga" teaser added), flagged by `warta extract`.
    let dir = scratch("index-duplicates");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let seed = std::fs::read_to_string(root().join("seeds/000_5e4d0282cbb32493.txt")).unwrap();
    std::fs::write(pages.join("a-imigrasi.txt"), &seed).unwrap();
    std::fs::write(pages.join("b-salinan.txt"), format!("{seed}\n\nBaca juga: Harga cabai di Aceh naik jelang Lebaran\n")).unwrap();
    std::fs::copy(root().join("fixtures/pages/kompas-01/source.html"), pages.join("c-kompas.html")).unwrap();
    let records = dir.join("records.jsonl");
    let run = warta(&["extract", pages.to_str().unwrap(), "-o", records.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let extracted: Vec<Value> = std::fs::read_to_string(&records).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (first, copy) = (extracted[0]["id"].as_str().unwrap(), extracted[1]["id"].as_str().unwrap());
    assert_ne!(first, copy);
    assert_eq!(extracted[1]["duplicate_of"], first, "warta extract flags the copy");

    let index = dir.join("index");
    let run = warta(&["index", "--index", index.to_str().unwrap(), records.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("older warta"), "{}", run.stderr);

    // Both copies match; the copy's hit names its first copy, the first copy's hit has no key.
    let hits = search(&index, &["imigrasi paspor"]);
    let mut found = ids(&hits);
    found.sort();
    let mut both = vec![first.to_string(), copy.to_string()];
    both.sort();
    assert_eq!(found, both, "{hits:?}");
    let hit = |id: &str| hits.iter().find(|h| h["id"] == id).unwrap().clone();
    assert_eq!(hit(copy)["duplicate_of"], first);
    assert!(hit(first).get("duplicate_of").is_none(), "{}", hit(first));

    assert_eq!(ids(&search(&index, &["imigrasi paspor", "--no-duplicates"])), vec![first]);
    assert_eq!(search(&index, &["--speaker", "Silmy Karim"]).len(), 2);
    assert_eq!(ids(&search(&index, &["--speaker", "Silmy Karim", "--no-duplicates"])), vec![first]);
    assert_eq!(search(&index, &["--no-duplicates", "--limit", "50"]).len(), 2, "the kompas page and the first copy");
}

#[test]
fn an_index_built_before_duplicates_still_searches_but_cannot_leave_them_out() {
    // The index as an older warta created it: its schema without the duplicate fields.
    let dir = scratch("index-older");
    let index = dir.join("index");
    std::fs::create_dir_all(&index).unwrap();
    let mut older = tantivy::schema::Schema::builder();
    for (_, entry) in warta::index::schema().fields().filter(|(_, e)| !matches!(e.name(), "duplicate_of" | "duplicate")) {
        older.add_field(entry.clone());
    }
    tantivy::Index::create_in_dir(&index, older.build()).unwrap();

    const COPY_ID: &str = "0f0e0d0c0b0a09080706050403020100";
    let mut records = golden_records();
    let mut copy = records.last().unwrap().clone();
    assert_eq!(copy["id"], SEED_ID);
    copy["id"] = Value::from(COPY_ID);
    copy["duplicate_of"] = Value::from(SEED_ID);
    records.push(copy);
    let file = dir.join("records.jsonl");
    write_jsonl(&file, &records);
    let run = warta(&["index", "--index", index.to_str().unwrap(), file.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("built by an older warta"), "the user is told early: {}", run.stderr);

    let hits = search(&index, &["imigrasi paspor"]);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.get("duplicate_of").is_none()), "the index cannot hold it: {hits:?}");
    let run = warta(&["search", "--index", index.to_str().unwrap(), "imigrasi", "--no-duplicates"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("--no-duplicates") && run.stderr.contains("rebuild the index"), "{}", run.stderr);
}

#[test]
fn a_directory_walk_reads_record_files_and_extracts_pages() {
    let dir = scratch("index-walk");
    let pages = dir.join("pages");
    std::fs::create_dir_all(pages.join("nested")).unwrap();
    // Every golden record but the seed's, split into a plain and a gzipped record file; the
    // seed comes as its page and is extracted.
    let mut records = golden_records();
    assert_eq!(records.pop().unwrap()["id"], SEED_ID);
    let (plain, packed) = records.split_at(6);
    write_jsonl(&pages.join("records.jsonl"), plain);
    let lines: Vec<String> = packed.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, lines.concat().as_bytes()).unwrap();
    std::fs::write(pages.join("nested/shard-01.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::copy(root().join("seeds/000_5e4d0282cbb32493.txt"), pages.join("imigrasi.txt")).unwrap();
    std::fs::write(pages.join("empty.jsonl"), "").unwrap();

    let index = dir.join("index");
    let count = golden_records().len();
    let run = warta(&["index", "--index", index.to_str().unwrap(), pages.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("indexed {count} records ({count} new, 0 replaced)")), "{}", run.stderr);
    assert_eq!(search(&index, &["--limit", "100"]).len(), count);
    assert_eq!(ids(&search(&index, &["--speaker", "Silmy Karim"])), vec![SEED_ID], "the page was extracted");
    let from_gz = packed.iter().find(|r| r["title"].as_str().is_some_and(|t| t.contains("Hwa Seung"))).unwrap();
    assert_eq!(ids(&search(&index, &["Hwa Seung"])), vec![from_gz["id"].as_str().unwrap()], "a record of the gzipped file");

    // Named on the command line, a gzipped record file is told by its content as a plain one is.
    let named = dir.join("named-index");
    let shard = pages.join("nested/shard-01.jsonl.gz");
    let run = warta(&["index", "--index", named.to_str().unwrap(), shard.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("indexed {} records", packed.len())), "{}", run.stderr);

    // A .jsonl that does not hold records is named, counted and skipped; the rest goes on.
    std::fs::write(pages.join("catatan.jsonl"), "{\"catatan\":\"bukan rekaman\"}\n").unwrap();
    let run = warta(&["index", "--index", index.to_str().unwrap(), pages.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("catatan.jsonl: not warta records"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("indexed {count} records (0 new, {count} replaced)")), "{}", run.stderr);
    assert!(run.stderr.contains("1 unreadable lines"), "{}", run.stderr);

    // `warta extract` walks the same directory as before: record files are not its input.
    let run = warta(&["extract", pages.to_str().unwrap()], None);
    assert!(run.stdout.lines().all(|l| !l.contains("records.jsonl\"") && !l.contains("catatan.jsonl")), "{}", run.stdout);
}
