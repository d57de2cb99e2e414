//! `warta extract` on WARC files: response records of HTML become records with `url` and
//! `source` from the archive; requests, non-HTML and error responses are skipped; a broken
//! archive gives an error record after the records read before the break.

use warta::warc::{Exchange, WarcWriter};

use crate::util;

fn exchange(path: &str, content_type: &str, status: &str, body: Vec<u8>) -> Exchange {
    Exchange {
        requested_url: format!("http://arsip.test{path}"),
        final_url: format!("http://arsip.test{path}"),
        request_head: format!("GET {path} HTTP/1.1\r\nhost: arsip.test\r\n\r\n").into_bytes(),
        response_head: format!("HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\n\r\n").into_bytes(),
        body,
        date: chrono::Utc::now(),
    }
}

#[test]
fn extract_reads_html_responses_of_a_warc_and_reports_a_broken_one() {
    let page = std::fs::read(util::root().join("fixtures/pages/kompas-01/source.html")).unwrap();
    let mut archive = Vec::new();
    {
        let mut w = WarcWriter::new(&mut archive, true);
        w.write_exchange(&exchange("/a", "text/html; charset=utf-8", "200 OK", page.clone())).unwrap();
        w.write_exchange(&exchange("/logo.png", "image/png", "200 OK", b"\x89PNG\r\n".to_vec())).unwrap();
        w.write_exchange(&exchange("/gone", "text/html", "404 Not Found", b"<p>tidak ada</p>".to_vec())).unwrap();
    }
    let dir = util::scratch("warc-extract");
    std::fs::write(dir.join("a.warc.gz"), &archive).unwrap();
    // The same archive cut in the middle of its first record: an error record, not a panic.
    std::fs::write(dir.join("b.warc.gz"), &archive[..archive.len() / 3]).unwrap();

    let run = util::warta(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = util::lines(&run.stdout);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    match &lines[0] {
        util::Line::Record(record, _) => {
            assert_eq!(record.source, "http://arsip.test/a");
            assert!(record.text.contains("Lhokseumawe"), "{}", record.text);
        }
        util::Line::Error(e) => panic!("{:?}", e.error),
    }
    match &lines[1] {
        util::Line::Error(e) => {
            assert_eq!(e.error.kind, "io");
            assert!(e.source.ends_with("b.warc.gz"));
        }
        util::Line::Record(..) => panic!("a truncated archive gives an error record"),
    }
}
