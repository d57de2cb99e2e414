//! A small, forgiving HTML tree for `meta` and the cleaner: elements and text in document order, each with
//! its parent and the end of its subtree, built in one pass with an explicit stack.
//!
//! Why not `tl`'s tree: `tl` ignores a closing tag that does not match the innermost open
//! element, so one `"<div>"` inside a `<script>` (latimes.com in the benchmark) nests the whole
//! rest of the page inside that script. Here `script`/`style` content is raw text, an unmatched
//! closing tag closes up to its opening tag, and `<p>`/`<li>` close the way browsers close them.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::error::ExtractError;
use crate::limits::Deadline;

/// Index meaning "no parent".
pub const NO_PARENT: u32 = u32::MAX;
/// How far down the open-element stack a closing tag looks for its opening tag; deeper
/// mismatches are ignored (bounds the work on broken markup).
const MAX_CLOSE_SEARCH: usize = 64;

/// One node of the tree.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Element name (lower-cased) or empty for text.
    pub name: Cow<'a, str>,
    /// For elements: the attribute text of the opening tag; for text: the raw text.
    pub raw: &'a str,
    /// Parent element, `NO_PARENT` at the top.
    pub parent: u32,
    /// One past the last node of this node's subtree (children follow their parent).
    pub end: u32,
    /// Depth below the top level.
    pub depth: u32,
}

impl<'a> Node<'a> {
    /// Whether this is a text node.
    pub fn is_text(&self) -> bool {
        self.name.is_empty()
    }

    /// The value of attribute `key` (lower-case ASCII) of an element, undecoded.
    pub fn attr(&self, key: &str) -> Option<&'a str> {
        find_attr(self.raw, key)
    }

    /// The attributes the cleaner and `meta` read, in one scan of the tag (text nodes have
    /// none). [`crate::html::Page::attrs`] keeps the scan for the nodes of a parsed page.
    pub fn attrs(&self) -> Attrs<'a> {
        if self.is_text() {
            return Attrs::default();
        }
        scan_attrs(self.raw)
    }
}

/// The attributes of [`Attrs`] in one scan of a tag's attribute text.
fn scan_attrs(raw: &str) -> Attrs<'_> {
    let mut out = Attrs::default();
    if raw.bytes().all(|b| b.is_ascii_whitespace()) {
        return out;
    }
    for_each_attr(raw, |name, value| {
        let slot = match name.len() {
            2 if name.eq_ignore_ascii_case("id") => &mut out.id,
            4 if name.eq_ignore_ascii_case("role") => &mut out.role,
            5 if name.eq_ignore_ascii_case("class") => &mut out.class,
            5 if name.eq_ignore_ascii_case("style") => &mut out.style,
            6 if name.eq_ignore_ascii_case("hidden") => &mut out.hidden,
            8 if name.eq_ignore_ascii_case("itemprop") => &mut out.itemprop,
            11 if name.eq_ignore_ascii_case("aria-hidden") => &mut out.aria_hidden,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    });
    out
}

/// The attributes of an element that the cleaner reads (values undecoded).
#[derive(Debug, Default, Clone, Copy)]
pub struct Attrs<'a> {
    /// `class`.
    pub class: Option<&'a str>,
    /// `id`.
    pub id: Option<&'a str>,
    /// `style`.
    pub style: Option<&'a str>,
    /// `role`.
    pub role: Option<&'a str>,
    /// `itemprop`.
    pub itemprop: Option<&'a str>,
    /// `hidden` (present).
    pub hidden: Option<&'a str>,
    /// `aria-hidden`.
    pub aria_hidden: Option<&'a str>,
}

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
/// Elements whose content is raw text up to the matching closing tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "noscript", "xmp", "iframe", "template", "svg"];
/// Opening one of these closes an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul", "li", "dd", "dt", "figcaption",
];

/// What the parser must know of an element from its name: the three lists above in one
/// lookup. Why: checking them one by one was a tenth of the parse on the corpus pages.
#[derive(Debug, Clone, Copy, Default)]
struct ParseRole {
    void: bool,
    raw_text: bool,
    closes_p: bool,
}

/// [`ParseRole`] of every element named in the lists; any other name has none.
static PARSE_ROLES: LazyLock<crate::fasthash::Map<&'static str, ParseRole>> = LazyLock::new(|| {
    name_table(&[(VOID, |r: &mut ParseRole| r.void = true), (RAW_TEXT, |r| r.raw_text = true), (CLOSES_P, |r| r.closes_p = true)])
});

/// A list of element names and what being in it sets in a name's entry of a [`name_table`].
pub type NameList<R> = (&'static [&'static str], fn(&mut R));

/// A table from element names to what lists of names say about them: each list's `mark` is
/// applied to the entry of every name in it (a name in no list has no entry).
pub fn name_table<R: Default>(lists: &[NameList<R>]) -> crate::fasthash::Map<&'static str, R> {
    let mut table: crate::fasthash::Map<&'static str, R> = crate::fasthash::Map::default();
    for (names, mark) in lists {
        for name in names.iter() {
            mark(table.entry(name).or_default());
        }
    }
    table
}

/// Limits [`parse_bounded`] enforces while it builds the tree.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// More nodes than this is a `too_complex` error (checked as nodes are added, so memory
    /// stays bounded too).
    pub max_nodes: usize,
    /// An element opened deeper than this is a `too_complex` error.
    pub max_depth: usize,
    /// Checked every few thousand tags.
    pub deadline: Deadline,
}

/// Parses `source` into nodes in document order, without limits.
pub fn parse(source: &str) -> Vec<Node<'_>> {
    let unbounded = Bounds { max_nodes: usize::MAX, max_depth: usize::MAX, deadline: Deadline::none() };
    parse_bounded(source, &unbounded).unwrap_or_default()
}

/// Parses `source` into nodes in document order, stopping with an error at the first limit of
/// `bounds` that is crossed.
pub fn parse_bounded<'a>(source: &'a str, bounds: &Bounds) -> Result<Vec<Node<'a>>, ExtractError> {
    let bytes = source.as_bytes();
    let mut ticks = 0u32;
    let mut nodes: Vec<Node<'_>> = Vec::with_capacity(source.len() / 40);
    let mut stack: Vec<u32> = Vec::new();
    let mut pos = 0usize;
    let len = bytes.len();

    fn close(nodes: &mut [Node<'_>], stack: &mut Vec<u32>, down_to: usize) {
        let end = nodes.len() as u32;
        while stack.len() > down_to {
            if let Some(i) = stack.pop() {
                nodes[i as usize].end = end;
            }
        }
    }

    while pos < len {
        if nodes.len() > bounds.max_nodes {
            return Err(ExtractError::TooComplex(format!(
                "over {} nodes, the limit",
                bounds.max_nodes
            )));
        }
        if stack.len() > bounds.max_depth {
            return Err(ExtractError::TooComplex(format!(
                "elements nested deeper than {} levels, the limit",
                bounds.max_depth
            )));
        }
        bounds.deadline.tick(&mut ticks, "parse")?;
        let lt = match memchr::memchr(b'<', &bytes[pos..]) {
            Some(off) => pos + off,
            None => len,
        };
        if lt > pos {
            push_node(&mut nodes, &stack, Cow::Borrowed(""), &source[pos..lt]);
        }
        if lt >= len {
            break;
        }
        pos = lt;
        let next = bytes.get(pos + 1).copied().unwrap_or(0);
        if next == b'!' {
            if bytes[pos..].starts_with(b"<!--") {
                pos = find(bytes, pos + 4, b"-->").map_or(len, |e| e + 3);
            } else {
                pos = find(bytes, pos, b">").map_or(len, |e| e + 1);
            }
            continue;
        }
        if next == b'?' {
            pos = find(bytes, pos, b">").map_or(len, |e| e + 1);
            continue;
        }
        if next == b'/' {
            let name_start = pos + 2;
            let name_end = scan_name(bytes, name_start);
            let gt = find(bytes, name_end, b">").map_or(len, |e| e + 1);
            if name_end > name_start {
                let name = lower(&source[name_start..name_end]);
                let search = stack.len().saturating_sub(MAX_CLOSE_SEARCH);
                if let Some(at) = (search..stack.len()).rev().find(|&k| nodes[stack[k] as usize].name == name.as_ref()) {
                    close(&mut nodes, &mut stack, at);
                } else if name.as_ref() == "p" {
                    // "</p>" without "<p>" is an empty paragraph: a line break in practice.
                    push_node(&mut nodes, &stack, Cow::Borrowed("br"), "");
                }
            }
            pos = gt;
            continue;
        }
        if !next.is_ascii_alphabetic() {
            // A literal "<" in text.
            push_node(&mut nodes, &stack, Cow::Borrowed(""), &source[pos..pos + 1]);
            pos += 1;
            continue;
        }
        let name_start = pos + 1;
        let name_end = scan_name(bytes, name_start);
        let name = lower(&source[name_start..name_end]);
        let tag_end = tag_end(bytes, name_end);
        let self_closing = tag_end >= 2 && bytes.get(tag_end - 2) == Some(&b'/');
        // Without a closing '>' (truncated page) the attributes run to the end of the text.
        let attrs_end = if bytes.get(tag_end.wrapping_sub(1)) == Some(&b'>') { tag_end - 1 } else { tag_end };
        let attrs = &source[name_end..attrs_end.max(name_end)];
        pos = tag_end;

        let role = PARSE_ROLES.get(name.as_ref()).copied().unwrap_or_default();
        // Implicit closes: a block closes an open <p>; <li> closes the previous <li>, etc.
        if role.closes_p {
            implicit_close(&mut nodes, &mut stack, &["p"], &["div", "section", "article", "td", "th", "li", "blockquote", "body", "main"]);
        }
        match name.as_ref() {
            "li" => implicit_close(&mut nodes, &mut stack, &["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => implicit_close(&mut nodes, &mut stack, &["dt", "dd"], &["dl"]),
            "tr" => implicit_close(&mut nodes, &mut stack, &["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            "td" | "th" => implicit_close(&mut nodes, &mut stack, &["td", "th"], &["tr", "table"]),
            "option" => implicit_close(&mut nodes, &mut stack, &["option"], &["select"]),
            _ => {}
        }

        let index = nodes.len() as u32;
        let (void, raw_text) = (role.void, role.raw_text);
        push_node(&mut nodes, &stack, name, attrs);
        if raw_text && !self_closing {
            // Skip to the matching closing tag; the content is not markup.
            let closing = format!("</{}", nodes[index as usize].name);
            let content_end = find_raw_text_end(bytes, pos, closing.as_bytes());
            if content_end > pos {
                push_text_child(&mut nodes, index, &source[pos..content_end]);
            }
            pos = find(bytes, content_end, b">").map_or(len, |e| e + 1);
        } else if !void && !self_closing {
            stack.push(index);
        }
    }
    close(&mut nodes, &mut stack, 0);
    if nodes.len() > bounds.max_nodes {
        return Err(ExtractError::TooComplex(format!("over {} nodes, the limit", bounds.max_nodes)));
    }
    Ok(nodes)
}

/// Where raw text that started at `from` ends: at `closing` ("</script") followed by white space,
/// `/` or `>`, as browsers end it; else at the end of the input.
// Why: liputan6-10 and fimela-01 have "</script" + other letters inside a JavaScript string,
// which must not end the script.
fn find_raw_text_end(bytes: &[u8], from: usize, closing: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = find_ci(bytes, at, closing) {
        match bytes.get(found + closing.len()) {
            None => return found,
            Some(b) if b.is_ascii_whitespace() || *b == b'/' || *b == b'>' => return found,
            Some(_) => at = found + 1,
        }
    }
    bytes.len()
}

fn push_node<'a>(nodes: &mut Vec<Node<'a>>, stack: &[u32], name: Cow<'a, str>, raw: &'a str) {
    let parent = stack.last().copied().unwrap_or(NO_PARENT);
    let depth = stack.len() as u32;
    let index = nodes.len() as u32;
    nodes.push(Node { name, raw, parent, end: index + 1, depth });
}

/// Adds the raw content of a script/style element as its only child.
fn push_text_child<'a>(nodes: &mut Vec<Node<'a>>, parent: u32, raw: &'a str) {
    let depth = nodes[parent as usize].depth + 1;
    let index = nodes.len() as u32;
    nodes.push(Node { name: Cow::Borrowed(""), raw, parent, end: index + 1, depth });
    nodes[parent as usize].end = index + 1;
}

/// Closes the innermost open element named in `targets`, unless a `barrier` element is met first.
fn implicit_close(nodes: &mut [Node<'_>], stack: &mut Vec<u32>, targets: &[&str], barriers: &[&str]) {
    let end = nodes.len() as u32;
    let mut found = None;
    for k in (stack.len().saturating_sub(MAX_CLOSE_SEARCH)..stack.len()).rev() {
        let name = nodes[stack[k] as usize].name.as_ref();
        if targets.contains(&name) {
            found = Some(k);
            break;
        }
        if barriers.contains(&name) {
            break;
        }
    }
    if let Some(k) = found {
        while stack.len() > k {
            if let Some(i) = stack.pop() {
                nodes[i as usize].end = end;
            }
        }
    }
}

/// The element name in lower case, borrowed when it already is.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// End of an element name starting at `from`.
fn scan_name(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b':')) {
        i += 1;
    }
    i
}

/// One past the `>` that ends an opening tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr3(b'>', b'"', b'\'', &bytes[i..]) {
        let at = i + off;
        let b = bytes[at];
        if b == b'>' {
            return at + 1;
        }
        // Only a quote that opens a value (after '=') starts a quoted run, which ends at the
        // same quote mark.
        let prev = bytes[from..at].iter().rev().find(|c| !c.is_ascii_whitespace());
        if prev == Some(&b'=') {
            match memchr::memchr(b, &bytes[at + 1..]) {
                Some(close) => i = at + 1 + close + 1,
                None => return bytes.len(),
            }
        } else {
            i = at + 1;
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() || needle.is_empty() {
        return None;
    }
    // One byte (">", the common case) is a plain memchr; memmem builds a searcher each call.
    match needle {
        [byte] => memchr::memchr(*byte, &bytes[from..]),
        _ => memchr::memmem::find(&bytes[from..], needle),
    }
    .map(|off| from + off)
}

/// `find` with ASCII case folding (`needle` lower-case).
fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() || needle.is_empty() {
        return None;
    }
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        if bytes.len() - at >= needle.len() && bytes[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The value of attribute `key` in an opening tag's attribute text (`Some("")` when present
/// without a value).
fn find_attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut found = None;
    for_each_attr(attrs, |name, value| {
        if found.is_none() && name.eq_ignore_ascii_case(key) {
            found = Some(value);
        }
    });
    found
}

/// Calls `f(name, value)` for each attribute of an opening tag's attribute text.
fn for_each_attr<'a>(attrs: &'a str, mut f: impl FnMut(&'a str, &'a str)) {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
            i += 1;
        }
        let name = &attrs[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let start = i + 1;
                let end = memchr::memchr(q, &bytes[start..]).map_or(bytes.len(), |e| start + e);
                value = &attrs[start..end];
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[start..i];
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            f(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_with_markup_does_not_swallow_the_page() {
        let html = r#"<html><head><script>var s = "<div>" + (a<b);</script></head>
            <body><div class="x"><p>Satu<p>Dua</div></body></html>"#;
        let nodes = parse(html);
        let p: Vec<_> = nodes.iter().enumerate().filter(|(_, n)| n.name == "p").collect();
        assert_eq!(p.len(), 2);
        // The second <p> closed the first: both are children of the div.
        let div = nodes.iter().position(|n| n.name == "div").unwrap_or(0);
        assert!(p.iter().all(|(_, n)| n.parent as usize == div));
        assert_eq!(nodes[div].attr("class"), Some("x"));
    }

    #[test]
    fn truncated_markup_never_panics() {
        // Cut a real-looking fragment at every character boundary, including inside tags.
        let html = r#"<div class="détail">Ucapan “terima kasih” — <a href='x'>Baca juga</a><p>Kata é<img alt="ü" "#;
        for (at, _) in html.char_indices() {
            let nodes = parse(&html[..at]);
            assert!(nodes.iter().all(|n| n.end as usize <= nodes.len()));
        }
        assert_eq!(parse(r#"<div class="é"#)[0].attr("class"), Some("é"));
    }

    #[test]
    fn script_ends_only_at_a_real_end_tag() {
        let html = "<script>var a = '</scripts>'; var b = 1;</script ><p>Isi berita</p>";
        let nodes = parse(html);
        let texts: Vec<&str> = nodes.iter().filter(|n| n.is_text()).map(|n| n.raw).collect();
        assert_eq!(texts, vec!["var a = '</scripts>'; var b = 1;", "Isi berita"]);
    }

    #[test]
    fn bounds_stop_the_parse_with_a_typed_error() {
        let html = format!("<div>{}<p>Isi berita</p>{}</div>", "<section>".repeat(20), "</section>".repeat(20));
        let bounds = |max_nodes, max_depth| Bounds { max_nodes, max_depth, deadline: Deadline::none() };
        assert_eq!(parse_bounded(&html, &bounds(100, 100)).map(|n| n.len()).ok(), Some(23));
        for tight in [bounds(10, 100), bounds(100, 5)] {
            match parse_bounded(&html, &tight) {
                Err(ExtractError::TooComplex(message)) => assert!(message.contains("limit"), "{message}"),
                other => panic!("expected too_complex, got {:?}", other.map(|n| n.len())),
            }
        }
        // The node limit is checked as nodes are added: a huge flat page stops early.
        let flat = "<br>".repeat(1_000_000);
        assert!(parse_bounded(&flat, &bounds(1_000, usize::MAX)).is_err());
    }

    #[test]
    fn deep_nesting_is_flat_work() {
        let html = "<div>".repeat(100_000) + "teks" + &"</div>".repeat(100_000);
        let nodes = parse(&html);
        assert_eq!(nodes.len(), 100_001);
        assert_eq!(nodes[0].end, 100_001);
    }
}
