//! Parses HTML once into a flat, forgiving tree ([`dom`]) that both `meta` and `clean` read, and
//! offers the small text helpers they share.

pub mod dom;

use crate::config::Config;
use crate::error::ExtractError;
use crate::limits::Deadline;

/// A parsed page. Borrowing the decoded text, it lives only as long as one document's run.
pub struct Page<'a> {
    /// The decoded text the nodes were parsed from.
    pub source: &'a str,
    /// Elements and text of the page in document order (see [`dom::Node`]).
    pub nodes: Vec<dom::Node<'a>>,
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
    Ok(Page { source: text, nodes })
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

/// Collapses runs of white space (including no-break spaces) into single spaces and trims.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whole words are copied at once: pushing char by char was a fifth of this function's cost.
    let space = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' || c == '\u{feff}';
    for word in text.split(space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
    }
}
