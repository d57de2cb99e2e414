//! Bad input through the real binary: each case yields exactly one line (an error record or a
//! record with a warning), the batch goes on, and the exit code says whether errors happened.

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
    // 100,000 nested <div>s: no stack overflow.
    let deep = format!("<html><body>{}<p>Teks di dasar halaman yang sangat dalam sekali.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    std::fs::write(dir.join("a_deep.html"), deep).unwrap();
    // A page of about 21 MB: over the 20 MiB default limit, a too_large error.
    let para = format!("<p>{}</p>", "Kata demi kata ditulis di sini. ".repeat(40));
    let big = format!("<html><body>{}</body></html>", para.repeat(21_000_000 / para.len()));
    std::fs::write(dir.join("b_big.html"), &big).unwrap();
    // A 1,000,000-character paragraph without spaces: a record, cut with a warning.
    std::fs::write(dir.join("c_long.html"), format!("<html><body><p>{}</p></body></html>", "x".repeat(1_000_000))).unwrap();
    let run = warta(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(kinds(&run.stdout), vec!["record", "too_large", "record"], "{}", run.stderr);
    let run = warta(&["extract", "--max-bytes", "30000000", dir.join("b_big.html").to_str().unwrap()], None);
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
