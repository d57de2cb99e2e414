//! Bad input through the real binary: each case yields exactly one line (an error record or a
//! record with a warning), the batch goes on, and the exit code says whether errors happened.

use crate::bad_cases::{self, SENTENCE};
use crate::util::{lines, scratch, warta, Line};

fn kinds(stdout: &str) -> Vec<String> {
    lines(stdout)
        .into_iter()
        .map(|l| match l {
            Line::Record(_, _) => "record".to_string(),
            Line::Error(e) => e.error.kind,
        })
        .collect()
}

#[test]
fn junk_files_each_get_one_line_and_the_batch_goes_on() {
    let dir = scratch("bad-matrix");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a_empty.html", Vec::new(), "empty"),
        ("b_blank.html", b" \n\t ".to_vec(), "empty"),
        ("c_png.html", [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat(), "binary"),
        ("d_pdf.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(), "binary"),
        ("e_zip.html", b"PK\x03\x04\x14\x00\x00\x00".to_vec(), "binary"),
        ("f_truncated.html", b"<html><head><title>Judul</title></head><body><article><p>Polisi menangkap tiga orang di Jakarta Selatan pada Sabtu malam dan".to_vec(), "record"),
        ("g_invalid_utf8.html", b"<html><body><p>Warga \xff\xfe menolak rencana itu karena tidak pernah diajak bicara oleh pemerintah kota.</p></body></html>".to_vec(), "record"),
        ("h_good.html", std::fs::read("fixtures/pages/kompas-01/source.html").unwrap(), "record"),
        ("i_random.html", (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(), "binary"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected: Vec<&str> = cases.iter().map(|(_, _, kind)| *kind).collect();
    assert_eq!(kinds(&run.stdout), expected);
}

#[test]
fn gzip_without_extension_is_unpacked() {
    use std::io::Write;
    let dir = scratch("bad-gzip");
    let page = std::fs::read("fixtures/pages/tempo-01/source.html").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&page).unwrap();
    std::fs::write(dir.join("page"), gz.finish().unwrap()).unwrap();
    let plain = warta(&["extract", "fixtures/pages/tempo-01/source.html"], None);
    let packed = warta(&["extract", dir.join("page").to_str().unwrap()], None);
    assert_eq!(packed.code, 0, "{}", packed.stderr);
    let (Line::Record(a, _), Line::Record(b, _)) = (&lines(&plain.stdout)[0], &lines(&packed.stdout)[0]) else { panic!() };
    assert_eq!(a.paragraphs, b.paragraphs);
}

#[test]
fn huge_and_deep_pages_stay_bounded() {
    let dir = scratch("bad-huge");
    // 100,000 nested <div>s: no stack overflow; past `max_depth` (512) a too_complex error.
    let deep = format!("<html><body>{}<p>Teks di dasar halaman yang sangat dalam sekali.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    std::fs::write(dir.join("a_deep.html"), deep).unwrap();
    // A page of about 21 MB: over the 20 MiB default limit, a too_large error.
    let para = format!("<p>{}</p>", "Kata demi kata ditulis di sini. ".repeat(40));
    let big = format!("<html><body>{}</body></html>", para.repeat(21_000_000 / para.len()));
    std::fs::write(dir.join("b_big.html"), &big).unwrap();
    // A 1,000,000-character paragraph without spaces: a record, cut with a warning.
    std::fs::write(dir.join("c_long.html"), format!("<html><body><p>{}</p></body></html>", "x".repeat(1_000_000))).unwrap();
    // No time limit: a debug build on a loaded machine may take more than 10 s for 21 MB.
    let run = warta(&["extract", "--max-doc-ms", "0", dir.to_str().unwrap()], None);
    assert_eq!(kinds(&run.stdout), vec!["too_complex", "too_large", "record"], "{}", run.stderr);
    let run = warta(&["extract", "--max-doc-ms", "0", "--max-bytes", "30000000", dir.join("b_big.html").to_str().unwrap()], None);
    assert_eq!(kinds(&run.stdout), vec!["record"], "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_entries_in_a_directory_are_reported() {
    let dir = scratch("bad-dir");
    std::fs::write(dir.join("a.html"), b"<p>Isi berita yang cukup panjang untuk dibaca oleh warta hari ini.</p>").unwrap();
    std::os::unix::fs::symlink(dir.join("missing.html"), dir.join("b_dangling.html")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("c_loop")).unwrap();
    let fifo = dir.join("d_fifo.html");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    let got = kinds(&run.stdout);
    // Links are followed; a dangling one and a loop back to the directory are io errors.
    let mut want = vec!["record", "io", "io"];
    if made {
        want.push("not_a_file");
    }
    assert_eq!(got, want, "{}", run.stderr);
    assert_eq!(run.code, 1);
}

/// The records of a run, by position; panics on an error line.
fn record_at(stdout: &str, at: usize) -> warta::Record {
    match lines(stdout).remove(at) {
        Line::Record(record, _) => *record,
        Line::Error(e) => panic!("expected a record at {at}, got {:?}", e.error),
    }
}

#[test]
fn the_matrix_of_bad_files_gives_one_line_each_with_its_kind() {
    let dir = scratch("bad-matrix-2");
    let cases = bad_cases::cases();
    for case in &cases {
        std::fs::write(dir.join(case.name), &case.bytes).unwrap();
    }
    // No time limit, so a slow debug build on a loaded CI machine cannot turn a case into a
    // timeout (the release figures are in examples/bad_inputs.rs).
    let run = warta(&["extract", "--max-doc-ms", "0", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let want: Vec<&str> = cases.iter().map(|c| c.kind).collect();
    assert_eq!(kinds(&run.stdout), want, "{}", run.stderr);

    // UTF-16 with a BOM reads as the same text as UTF-8.
    let utf16 = record_at(&run.stdout, 2);
    assert!(utf16.text.contains(SENTENCE), "{}", utf16.text);
    // Declared UTF-8, written in Windows-1252: invalid bytes are replaced and the record says so.
    let cp1252 = record_at(&run.stdout, 3);
    assert!(cp1252.text.contains("Kami sudah siap,"), "{}", cp1252.text);
    assert!(cp1252.warnings.iter().any(|w| w.contains("invalid")), "{:?}", cp1252.warnings);
    // Declared Latin-1, written in UTF-8: the bytes win, the curly quotes survive.
    let latin1 = record_at(&run.stdout, 4);
    assert!(latin1.text.contains(&format!("“{SENTENCE}”")), "{}", latin1.text);
    // One million characters without a space: cut at the paragraph limit, with a warning.
    let long = record_at(&run.stdout, 7);
    assert!(long.paragraphs.iter().all(|p| p.len() <= 100_000));
    assert!(long.warnings.iter().any(|w| w.contains("size limit")), "{:?}", long.warnings);
    // A 100,000-cell table does not hide the paragraph before it.
    let table = record_at(&run.stdout, 8);
    assert!(table.text.contains(SENTENCE), "{}", &table.text[..table.text.len().min(300)]);
    // 10,000 quote marks that never close: a record, and no quote runs past its paragraph.
    let quotes = record_at(&run.stdout, 9);
    assert!(quotes.quotes.iter().all(|q| q.paragraph_end < quotes.paragraphs.len()));
}

#[test]
fn a_50mb_page_within_a_raised_limit_is_cut_at_the_paragraph_limit() {
    let dir = scratch("bad-50mb");
    let path = dir.join("big.html");
    std::fs::write(&path, bad_cases::big_page(50_000_000)).unwrap();
    let run = warta(&["extract", "--max-doc-ms", "0", "--max-bytes", "60000000", path.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = record_at(&run.stdout, 0);
    assert_eq!(record.paragraphs.len(), 5_000);
    assert!(record.warnings.iter().any(|w| w.contains("5000 paragraphs")), "{:?}", record.warnings);
}

#[test]
fn a_document_over_its_time_is_a_timeout_record_and_the_batch_goes_on() {
    let dir = scratch("bad-timeout");
    // Parsing ~30 MB of paragraphs takes far more than 1 ms on any machine.
    std::fs::write(dir.join("a_slow.html"), bad_cases::big_page(30_000_000)).unwrap();
    std::fs::write(dir.join("b_good.html"), bad_cases::page(&format!("<p>{SENTENCE}</p>"))).unwrap();
    let d = dir.to_str().unwrap();
    let run = warta(&["extract", "--max-bytes", "40000000", "--max-doc-ms", "1", d], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let got = lines(&run.stdout);
    assert_eq!(got.len(), 2, "{}", run.stdout);
    match &got[0] {
        Line::Error(e) => {
            assert_eq!(e.error.kind, "timeout");
            assert!(e.error.message.contains("1 ms"), "{}", e.error.message);
        }
        Line::Record(..) => panic!("the slow page should time out"),
    }
    // The small page finishes inside 1 ms… unless the machine is very loaded; then it too is a
    // timeout, which is still one line for it.
    assert!(matches!(&got[1], Line::Record(..)) || matches!(&got[1], Line::Error(e) if e.error.kind == "timeout"));
    // Without the limit (0) the same page is a record.
    let run = warta(&["extract", "--max-bytes", "40000000", "--max-doc-ms", "0", dir.join("a_slow.html").to_str().unwrap()], None);
    assert_eq!(kinds(&run.stdout), vec!["record"], "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_io_error_unless_we_run_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("bad-unreadable");
    let path = dir.join("secret.html");
    std::fs::write(&path, bad_cases::page(&format!("<p>{SENTENCE}</p>"))).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (CI containers) reads a mode-000 file anyway: then the honest outcome is a record.
    let readable = std::fs::File::open(&path).is_ok();
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
    let want = if readable { "record" } else { "io" };
    assert_eq!(kinds(&run.stdout), vec![want], "{}", run.stderr);
    assert_eq!(run.code, if readable { 0 } else { 1 });
}

#[test]
fn a_warc_record_over_the_cap_is_its_own_error_line_and_the_archive_goes_on() {
    use warta::warc::{Exchange, WarcWriter};
    let exchange = |path: &str, body: Vec<u8>| Exchange {
        requested_url: format!("http://arsip.test{path}"),
        final_url: format!("http://arsip.test{path}"),
        request_head: format!("GET {path} HTTP/1.1\r\nhost: arsip.test\r\n\r\n").into_bytes(),
        response_head: b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n\r\n".to_vec(),
        body,
        date: chrono::Utc::now(),
    };
    let mut archive = Vec::new();
    {
        let mut w = WarcWriter::new(&mut archive, false);
        w.write_exchange(&exchange("/a", bad_cases::page(&format!("<p>{SENTENCE}</p>")).into_bytes())).unwrap();
        w.write_exchange(&exchange("/big", bad_cases::big_page(200_000))).unwrap();
        w.write_exchange(&exchange("/after", bad_cases::page(&format!("<p>{SENTENCE}</p>")).into_bytes())).unwrap();
    }
    let dir = scratch("bad-warc-cap");
    let path = dir.join("x.warc");
    std::fs::write(&path, &archive).unwrap();
    let run = warta(&["extract", "--max-bytes", "100000", path.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let got = lines(&run.stdout);
    assert_eq!(got.len(), 3, "{}", run.stdout);
    assert!(matches!(&got[0], Line::Record(r, _) if r.text.contains(SENTENCE)));
    match &got[1] {
        Line::Error(e) => {
            assert_eq!(e.error.kind, "too_large", "{}", e.error.message);
            assert_eq!(e.source, "http://arsip.test/big");
        }
        Line::Record(..) => panic!("a block over the cap is not extracted"),
    }
    // The record after the oversized one is still read (nothing after it is lost).
    assert!(matches!(&got[2], Line::Record(r, _) if r.source == "http://arsip.test/after"), "{}", run.stdout);
    // The same through the parallel reader.
    let run = warta(&["extract", "-j", "2", "--max-bytes", "100000", path.to_str().unwrap()], None);
    assert_eq!(lines(&run.stdout).len(), 3, "{}", run.stdout);
}

#[test]
fn a_server_closing_mid_body_and_invalid_urls_each_give_one_error_line() {
    use std::io::{Read, Write};
    // A raw server: promises 100,000 bytes of page, sends 1,000, then closes the connection.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let body = bad_cases::page(&format!("<p>{SENTENCE}</p>")).into_bytes();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body.repeat(1_000 / body.len() + 1)[..1_000]);
            // Dropping the stream closes it mid-body.
        }
    });
    let dir = scratch("bad-fetch");
    let list = dir.join("urls.txt");
    std::fs::write(&list, format!("http://127.0.0.1:{port}/terputus\nbukan url\nhttp://[::1\n")).unwrap();
    let run = warta(
        &["fetch", "--urls", list.to_str().unwrap(), "--ignore-robots", "--retries", "0", "--timeout", "5", "--delay", "0"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // A body cut short is the `body` kind (fetch, issue 4), retried like a timeout.
    assert_eq!(kinds(&run.stdout), vec!["body", "invalid_url", "invalid_url"], "{}", run.stderr);
}

#[test]
fn a_paragraph_of_repeated_speech_cues_gives_a_record_of_bounded_size() {
    // Found probing the extractors: 100 KB repeating "Menteri … mengatakan," once gave 1,960
    // overlapping indirect quotes of ~100 KB each (a 98 MB line). Now each cue inside the
    // clause already reported belongs to that quote.
    let dir = scratch("bad-cues");
    let path = dir.join("cues.txt");
    std::fs::write(&path, format!("Judul\n\n{}", "Menteri Keuangan Sri Mulyani Indrawati mengatakan, ".repeat(2_000))).unwrap();
    let run = warta(&["extract", "--max-doc-ms", "0", path.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.len() < 1_000_000, "a {} byte line from 100 KB of text", run.stdout.len());
    let record = record_at(&run.stdout, 0);
    let quoted: usize = record.quotes.iter().map(|q| q.text.len()).sum();
    assert!(quoted <= record.text.len(), "quotes overlap: {quoted} bytes quoted of {}", record.text.len());
}
