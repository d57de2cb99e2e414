//! The generated inputs of the bad-input matrix, shared by `tests/suite/bad_input.rs` (which
//! checks exit code, one line per input and error kind) and `examples/bad_inputs.rs` (which
//! measures time and peak memory of each). Each builder is deterministic.

/// A real paragraph from the reference article (`seeds/000_5e4d0282cbb32493.txt`), reused as
/// filler so the pages read like news, not like noise.
pub const SENTENCE: &str = "Sistem pelayanan atau perlintasan keimigrasian di Bandara Soekarno-Hatta kini menggunakan autogate, kata petugas.";

/// A page with `body` inside `<article>`, declaring UTF-8.
pub fn page(body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>Uji</title></head><body><article>{body}</article></body></html>")
}

/// One case: file name, bytes, the error kind (or `record`) `warta extract` gives with default
/// flags.
pub struct Case {
    /// File name (sorted order is the output order of a directory run).
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// `record` or the error kind.
    pub kind: &'static str,
}

/// A real page saved as UTF-16LE with a byte-order mark.
pub fn utf16_page() -> Vec<u8> {
    let text = page(&format!("<p>{SENTENCE}</p><p>“Antrean kini lebih singkat,” ujarnya.</p>"));
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// Declares UTF-8 but is Windows-1252: “ ” as 0x93 0x94 and é as 0xE9 (an old CMS export).
pub fn declared_utf8_is_cp1252() -> Vec<u8> {
    let mut out = page("<p>XXX</p>").into_bytes();
    let at = out.windows(3).position(|w| w == b"XXX").unwrap_or(0);
    let body = [b"\x93Kami sudah siap,\x94 kata Andr\xe9 di Jakarta pada Senin pagi kepada wartawan yang hadir.".as_slice()].concat();
    out.splice(at..at + 3, body);
    out
}

/// Declares ISO-8859-1 but the bytes are UTF-8 (a page re-saved without fixing its meta).
pub fn declared_latin1_is_utf8() -> Vec<u8> {
    page(&format!("<p>“{SENTENCE}” — ujar petugas.</p>")).replace("utf-8", "iso-8859-1").into_bytes()
}

/// About `bytes` bytes of ordinary paragraphs.
pub fn big_page(bytes: usize) -> Vec<u8> {
    let para = format!("<p>{SENTENCE} {SENTENCE}</p>\n");
    page(&para.repeat(bytes / para.len() + 1)).into_bytes()
}

/// `n` nested `<div>`s with a paragraph at the bottom.
pub fn nested_divs(n: usize) -> Vec<u8> {
    page(&format!("{}<p>{SENTENCE}</p>{}", "<div>".repeat(n), "</div>".repeat(n))).into_bytes()
}

/// One paragraph of `n` characters without a space.
pub fn long_word(n: usize) -> Vec<u8> {
    page(&format!("<p>{SENTENCE}</p><p>{}</p>", "x".repeat(n))).into_bytes()
}

/// A table of `cells` cells (100 a row), each holding a number, after one real paragraph.
pub fn big_table(cells: usize) -> Vec<u8> {
    let mut table = String::from("<table>");
    for row in 0..cells.div_ceil(100) {
        table.push_str("<tr>");
        for col in 0..100.min(cells - row * 100) {
            table.push_str(&format!("<td>{}</td>", row * 100 + col));
        }
        table.push_str("</tr>");
    }
    table.push_str("</table>");
    page(&format!("<p>{SENTENCE}</p>{table}")).into_bytes()
}

/// `n` opening quote marks that never close, spread over paragraphs of real text.
pub fn unbalanced_quotes(n: usize) -> Vec<u8> {
    let mut body = String::new();
    for i in 0..n {
        if i % 10 == 0 {
            body.push_str("<p>");
        }
        body.push_str("“Kami sudah siap kata dia ");
        if i % 10 == 9 {
            body.push_str("</p>");
        }
    }
    page(&format!("<p>{SENTENCE}</p>{body}")).into_bytes()
}

/// The matrix of single files (the directory, WARC and timeout cases are built in the tests).
pub fn cases() -> Vec<Case> {
    vec![
        Case { name: "a_zero_byte.html", bytes: Vec::new(), kind: "empty" },
        Case { name: "b_one_byte.html", bytes: b"x".to_vec(), kind: "record" },
        Case { name: "c_utf16_bom.html", bytes: utf16_page(), kind: "record" },
        Case { name: "d_declared_utf8_is_cp1252.html", bytes: declared_utf8_is_cp1252(), kind: "record" },
        Case { name: "e_declared_latin1_is_utf8.html", bytes: declared_latin1_is_utf8(), kind: "record" },
        Case { name: "f_50mb.html", bytes: big_page(50_000_000), kind: "too_large" },
        Case { name: "g_200k_nested_divs.html", bytes: nested_divs(200_000), kind: "too_complex" },
        Case { name: "h_1m_chars_no_space.html", bytes: long_word(1_000_000), kind: "record" },
        Case { name: "i_100k_cell_table.html", bytes: big_table(100_000), kind: "record" },
        Case { name: "j_10k_unbalanced_quotes.html", bytes: unbalanced_quotes(10_000), kind: "record" },
    ]
}
