//! Parses HTML once into a flat, forgiving tree ([`dom`]) that both `meta` and `clean` read, and
//! offers the small text helpers they share.

pub mod dom;

use std::cell::OnceCell;

use crate::config::Config;
use crate::error::ExtractError;
use crate::limits::Deadline;

/// A parsed page. Borrowing the decoded text, it lives only as long as one document's run.
pub struct Page<'a> {
    /// The decoded text the nodes were parsed from.
    pub source: &'a str,
    /// Elements and text of the page in document order (see [`dom::Node`]).
    pub nodes: Vec<dom::Node<'a>>,
    /// The attributes of node `i`, scanned on first use (see [`Page::attrs`]).
    attrs: Vec<OnceCell<dom::Attrs<'a>>>,
}

impl<'a> Page<'a> {
    /// A page of `nodes` parsed from `source`.
    pub fn new(source: &'a str, nodes: Vec<dom::Node<'a>>) -> Self {
        let attrs = vec![OnceCell::new(); nodes.len()];
        Page { source, nodes, attrs }
    }

    /// The attributes of node `i` that `meta` and the cleaner read, scanned once and kept.
    // Why: both read class, id and style of nearly every element, the cleaner up to three
    // times. Kept beside the nodes rather than in them: the cleaner's passes sweep the node
    // array many times, and a node three times its size made each sweep slower.
    pub fn attrs(&self, i: usize) -> dom::Attrs<'a> {
        *self.attrs[i].get_or_init(|| self.nodes[i].attrs())
    }
}

/// Parses `text` as HTML, refusing documents over `config.max_nodes` nodes or nested deeper
/// than `config.max_depth`, and stopping at `config.max_document_time`.
pub fn parse<'a>(text: &'a str, config: &Config) -> Result<Page<'a>, ExtractError> {
    parse_within(text, config, &Deadline::start(config.max_document_time))
}

/// [`parse`] against a deadline the caller started (the whole document's, not the parse's).
pub fn parse_within<'a>(text: &'a str, config: &Config, deadline: &Deadline) -> Result<Page<'a>, ExtractError> {
    let bounds = dom::Bounds { max_nodes: config.max_nodes, max_depth: config.max_depth, deadline: *deadline };
    let nodes = dom::parse_bounded(text, &bounds)?;
    Ok(Page::new(text, nodes))
}

/// Decodes the HTML character references in `raw` (`&amp;`, `&#8220;`, `&nbsp;` …).
pub fn decode_entities(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace() || c == '<')
            .map(|e| e + 1);
        match end {
            Some(end) if rest.as_bytes()[end] == b';' && end <= 32 => {
                let name = &rest[1..end];
                if let Some(c) = entity(name) {
                    out.push_str(c);
                    rest = &rest[end + 1..];
                    continue;
                }
                if let Some(c) = numeric_entity(name) {
                    out.push(c);
                    rest = &rest[end + 1..];
                    continue;
                }
                out.push('&');
                rest = &rest[1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn numeric_entity(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = if let Some(hex) = digits.strip_prefix('x').or_else(|| digits.strip_prefix('X')) {
        u32::from_str_radix(hex, 16).ok()?
    } else {
        digits.parse().ok()?
    };
    // Windows-1252 numbers used as if they were Unicode (&#147; for “) are common on old pages.
    let code = match code {
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x85 => 0x2026,
        other => other,
    };
    char::from_u32(code).filter(|c| *c != '\0')
}

/// The named references that occur in news pages; unknown names are left as written.
fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "sbquo" => "‚",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "middot" => "·",
        "bull" => "•",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "zwj" | "zwnj" | "shy" | "lrm" | "rlm" => "",
        "thinsp" | "ensp" | "emsp" => " ",
        _ => return None,
    })
}

/// How many characters of `text` are not white space ([`is_space`]): a lower bound of the
/// length of `normalize_space(text)`, in characters, counted without building it.
pub fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !is_space(*c)).count()
}

/// Collapses runs of white space (including no-break spaces) into single spaces and trims.
pub fn normalize_space(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Bytes, not chars: only ASCII white space and the few lead bytes of white space outside
    // ASCII need a look, and whole words are copied at once. Why: char by char, this was a
    // sixth of `meta`'s time (perf, bench_stages on the corpus pages).
    let mut word_start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space_len = match b {
            b' ' | b'\t'..=b'\r' => 1,
            // U+0085, U+00A0; U+1680; U+2000–U+200B, U+2028, U+2029, U+202F, U+205F; U+3000; U+FEFF.
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => match text[i..].chars().next() {
                Some(c) if is_space(c) => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        };
        if space_len == 0 {
            word_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word_start.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[start..i]);
        }
        i += space_len;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// White space for [`normalize_space`]: Unicode white space, the zero-width space and the BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(decode_entities("a &amp; b &#8220;x&#8221; &#x2019; &nbsp;"), "a & b “x” ’ \u{a0}");
        assert_eq!(decode_entities("AT&T &unknown; &#147;q&#148;"), "AT&T &unknown; “q”");
    }

    #[test]
    fn node_limit() {
        let html = "<p>Banjir merendam ratusan rumah.</p><p>Kata petugas.</p>";
        let page = parse(html, &Config::default()).expect("parse");
        assert_eq!(page.nodes.len(), 4);
        let tight = Config { max_nodes: 3, ..Config::default() };
        assert!(matches!(parse(html, &tight), Err(ExtractError::TooComplex(_))));
    }

    #[test]
    fn spaces() {
        assert_eq!(normalize_space("  a \n\t b\u{a0} c "), "a b c");
        // The byte-level loop against the plain definition, on every white space character and
        // on non-space characters that share their lead bytes (“ ” — … € ¡ are E2 or C2 too).
        let reference = |text: &str| -> String {
            text.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        };
        let pieces = [
            "kata", "“Kami", "siap,”", "—", "…", "€", "¡", "é", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{feff}",
            "\u{200c}", "\u{1c}", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "ア", "😀",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}{a}");
                    assert_eq!(normalize_space(&text), reference(&text), "{text:?}");
                }
            }
        }
    }
}
