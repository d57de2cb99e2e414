//! Batch runs through the real binary: `-j` gives the same bytes as one worker, `--unordered`
//! the same lines, `--files-from` reads lists, `--resume` finishes a cut-off output without a
//! duplicate line, near-duplicates are flagged, and a summary goes to stderr.

use std::collections::BTreeSet;
use std::path::PathBuf;

use warta::warc::{Exchange, WarcWriter};

use crate::util::{lines, root, scratch, warta, Line};

/// The golden pages, plus a syndicated copy of kompas-01: the same report on another portal
/// (its URLs and site name rewritten), with a different menu and a "Baca juga" teaser in the
/// body. The copy is named so it comes after its original in the walk.
fn corpus(name: &str) -> PathBuf {
    let dir = scratch(name);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/pages")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in &cases {
        let case_name = case.file_name().unwrap().to_str().unwrap();
        std::fs::copy(case.join("source.html"), dir.join(format!("{case_name}.html"))).unwrap();
    }
    let original = std::fs::read_to_string(root().join("fixtures/pages/kompas-01/source.html")).unwrap();
    let copy = original
        .replace("kompas.com", "portal-mitra.test")
        .replace("Kompas.com", "PortalMitra")
        .replacen("<body", "<nav><a href=\"/\">Beranda</a> <a href=\"/daerah\">Daerah</a></nav><body", 1);
    let copy = match copy.find("</p>") {
        Some(p) => format!("{}<p>Baca juga: Harga cabai di Aceh naik jelang Lebaran</p>{}", &copy[..p + 4], &copy[p + 4..]),
        None => copy,
    };
    std::fs::write(dir.join("zz-syndicated-kompas-01.html"), copy).unwrap();
    dir
}

fn records(stdout: &str) -> Vec<warta::Record> {
    lines(stdout)
        .into_iter()
        .filter_map(|l| match l {
            Line::Record(r, _) => Some(*r),
            Line::Error(_) => None,
        })
        .collect()
}

#[test]
fn parallel_output_is_byte_identical_and_unordered_has_the_same_lines() {
    let dir = corpus("batch-parallel");
    let d = dir.to_str().unwrap();
    let one = warta(&["extract", "-j", "1", d], None);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(lines(&one.stdout).len(), 14);
    let four = warta(&["extract", "-j", "4", d], None);
    assert_eq!(four.code, 0, "{}", four.stderr);
    assert!(one.stdout == four.stdout, "-j 4 differs from -j 1");
    let unordered = warta(&["extract", "-j", "3", "--unordered", d], None);
    let set = |s: &str| s.lines().map(str::to_string).collect::<BTreeSet<_>>();
    assert_eq!(unordered.stdout.lines().count(), 14);
    assert_eq!(set(&unordered.stdout), set(&one.stdout));
}

#[test]
fn the_syndicated_copy_points_at_its_original() {
    let dir = corpus("batch-dedup");
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = records(&run.stdout);
    let original = all.iter().find(|r| r.source.ends_with("/kompas-01.html")).unwrap();
    let copy = all.iter().find(|r| r.source.ends_with("/zz-syndicated-kompas-01.html")).unwrap();
    assert_ne!(original.id, copy.id, "another portal, another URL, another id");
    assert_eq!(copy.duplicate_of.as_deref(), Some(original.id.as_str()));
    let flagged: Vec<&str> = all.iter().filter(|r| r.duplicate_of.is_some()).map(|r| r.source.as_str()).collect();
    assert_eq!(flagged.len(), 1, "only the copy is a duplicate: {flagged:?}");
    assert!(run.stderr.contains("(1 near-duplicates)"), "{}", run.stderr);
    // Without flagging, no record carries the field; with --fingerprint every long body has one.
    let plain = warta(&["extract", "--no-dedup", "--fingerprint", dir.to_str().unwrap()], None);
    let all = records(&plain.stdout);
    assert!(all.iter().all(|r| r.duplicate_of.is_none()));
    let fp = |suffix: &str| all.iter().find(|r| r.source.ends_with(suffix)).unwrap().fingerprint.clone().unwrap();
    assert_eq!(fp("/kompas-01.html").len(), 16);
    let (a, b) = (fp("/kompas-01.html"), fp("/zz-syndicated-kompas-01.html"));
    let bits = (u64::from_str_radix(&a, 16).unwrap() ^ u64::from_str_radix(&b, 16).unwrap()).count_ones();
    assert!(bits <= warta::dedup::MAX_DISTANCE, "{a} vs {b}: {bits} bits");
}

#[test]
fn files_from_reads_a_list_in_its_order_from_a_file_or_stdin() {
    let dir = scratch("batch-list");
    let list = dir.join("shard-07.txt");
    let text = "# shard 7 of the archive\nfixtures/pages/tempo-01/source.html\n\nfixtures/pages/kompas-01/source.html\nfixtures/pages/okezone-03\n";
    std::fs::write(&list, text).unwrap();
    let sources = |stdout: &str| -> Vec<String> {
        lines(stdout)
            .into_iter()
            .map(|l| match l {
                Line::Record(r, _) => r.source,
                Line::Error(e) => e.source,
            })
            .collect()
    };
    let expected =
        ["fixtures/pages/tempo-01/source.html", "fixtures/pages/kompas-01/source.html", "fixtures/pages/okezone-03/source.html"];
    let run = warta(&["extract", "--files-from", list.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(sources(&run.stdout), expected);
    let piped = warta(&["extract", "--files-from", "-"], Some(text.as_bytes()));
    assert_eq!(piped.stdout, run.stdout);
    let clash = warta(&["extract", "--files-from", "-", "-"], Some(b""));
    assert_eq!(clash.code, 2);
}

fn exchange(path: &str, body: Vec<u8>) -> Exchange {
    Exchange {
        requested_url: format!("http://arsip.test{path}"),
        final_url: format!("http://arsip.test{path}"),
        request_head: format!("GET {path} HTTP/1.1\r\nhost: arsip.test\r\n\r\n").into_bytes(),
        response_head: b"HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\n\r\n".to_vec(),
        body,
        date: chrono::Utc::now(),
    }
}

/// Cuts `full` after `keep` lines plus half of the next, as a crash mid-write leaves it.
fn cut(full: &str, keep: usize) -> String {
    let mut out: String = full.split_inclusive('\n').take(keep).collect();
    let next = full.split_inclusive('\n').nth(keep).unwrap();
    let half = next.char_indices().nth(next.chars().count() / 2).map(|(i, _)| i).unwrap();
    out.push_str(&next[..half]);
    out
}

#[test]
fn resume_after_a_cut_gives_exactly_one_line_per_input() {
    let dir = corpus("batch-resume");
    // A WARC of three records (each its own job) and an empty page (an error record) join in.
    let page = std::fs::read(root().join("fixtures/pages/tempo-01/source.html")).unwrap();
    let mut archive = Vec::new();
    {
        let mut w = WarcWriter::new(&mut archive, true);
        for path in ["/satu", "/dua", "/tiga"] {
            w.write_exchange(&exchange(path, page.clone())).unwrap();
        }
    }
    std::fs::write(dir.join("crawl.warc.gz"), archive).unwrap();
    std::fs::write(dir.join("empty.html"), b"").unwrap();
    let d = dir.to_str().unwrap();
    let out_dir = scratch("batch-resume-out");
    let full_path = out_dir.join("full.jsonl");
    let full = warta(&["extract", d, "-o", full_path.to_str().unwrap()], None);
    assert_eq!(full.code, 1, "the empty page is an error: {}", full.stderr);
    let full = std::fs::read_to_string(&full_path).unwrap();
    let inputs = full.lines().count();
    assert_eq!(inputs, 14 + 3 + 1);

    for keep in [0, 1, 5, inputs - 1] {
        let out = out_dir.join(format!("cut-{keep}.jsonl"));
        std::fs::write(&out, cut(&full, keep)).unwrap();
        let run = warta(&["extract", "-j", "2", "--resume", "-o", out.to_str().unwrap(), d], None);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        assert!(run.stderr.contains("half-written"), "{}", run.stderr);
        assert!(run.stderr.contains(&format!("{keep} already in the output")) || keep == 0, "{}", run.stderr);
        let resumed = std::fs::read_to_string(&out).unwrap();
        // In input order, the resumed file is the uninterrupted one, duplicate flags included.
        assert!(resumed == full, "resume after {keep} lines differs from the full run");
        let sources: BTreeSet<String> = lines(&resumed)
            .into_iter()
            .map(|l| match l {
                Line::Record(r, _) => r.source,
                Line::Error(e) => e.source,
            })
            .collect();
        assert_eq!(sources.len(), inputs, "one line per input, none twice");
    }
    // Resuming a finished output adds nothing.
    let done = out_dir.join("cut-0.jsonl");
    let again = warta(&["extract", "--resume", "-o", done.to_str().unwrap(), d], None);
    assert_eq!(std::fs::read_to_string(&done).unwrap(), full, "{}", again.stderr);
    assert!(again.stderr.contains("0 documents"), "{}", again.stderr);
}

#[test]
fn summary_on_stderr_counts_records_and_errors_by_kind() {
    let dir = scratch("batch-summary");
    std::fs::copy(root().join("fixtures/pages/tempo-01/source.html"), dir.join("a.html")).unwrap();
    std::fs::write(dir.join("b.html"), b"").unwrap();
    std::fs::write(dir.join("c.html"), b"%PDF-1.7\n").unwrap();
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 1);
    let summary = run.stderr.lines().find(|l| l.contains("documents:")).unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(summary.starts_with("warta: 3 documents: 1 records, 2 errors (binary 1, empty 1);"), "{summary}");
    assert!(summary.ends_with("docs/s"), "{summary}");
    // No progress bar in a pipe: nothing but the two summary lines.
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
}

#[test]
fn files_read_ahead_keep_their_place_around_an_archive() {
    // More files than the producer reads ahead (16), a WARC file in the middle of the walk and
    // a file named on the command line after the directory: every line comes in input order.
    let dir = scratch("batch-read-ahead");
    let page = std::fs::read_to_string(root().join("fixtures/pages/tempo-01/source.html")).unwrap();
    for i in 0..40 {
        let numbered = page.replacen("<title>", &format!("<title>Laporan {i} "), 1);
        std::fs::write(dir.join(format!("p{i:02}.html")), numbered).unwrap();
    }
    let mut archive = Vec::new();
    {
        let mut w = WarcWriter::new(&mut archive, true);
        for path in ["/satu", "/dua"] {
            w.write_exchange(&exchange(path, page.clone().into_bytes())).unwrap();
        }
    }
    std::fs::write(dir.join("p20-crawl.warc.gz"), archive).unwrap();
    let last = root().join("fixtures/pages/kompas-01/source.html");
    let (d, l) = (dir.to_str().unwrap(), last.to_str().unwrap());
    let run = warta(&["extract", "-j", "2", d, l], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: Vec<String> = lines(&run.stdout)
        .into_iter()
        .map(|line| match line {
            Line::Record(r, _) => r.source,
            Line::Error(e) => e.source,
        })
        .collect();
    // "p20-crawl.warc.gz" sorts before "p20.html" ('-' before '.').
    let mut expected: Vec<String> = (0..20).map(|i| dir.join(format!("p{i:02}.html")).display().to_string()).collect();
    expected.extend(["http://arsip.test/satu".to_string(), "http://arsip.test/dua".to_string()]);
    expected.extend((20..40).map(|i| dir.join(format!("p{i:02}.html")).display().to_string()));
    expected.push(l.to_string());
    assert_eq!(got, expected);
    assert_eq!(run.stdout, warta(&["extract", "-j", "1", d, l], None).stdout, "-j 2 differs from -j 1");
}
