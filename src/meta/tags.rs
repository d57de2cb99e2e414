//! One walk over the DOM collecting what metadata needs: meta tags, canonical link, `<time>`,
//! JSON-LD script bodies, breadcrumb and tag-link texts, and the page's text lines (bylines).
//!
//! The nodes are the flat list of [`crate::html::dom`] (document order, each with the end of its
//! subtree), so the walk is a loop with a stack of open elements, popped at their `end`.

use crate::html::dom::Node;
use crate::html::{decode_entities, normalize_space, Page};

/// Raw facts gathered from the markup, in document order.
#[derive(Debug, Default)]
pub struct Scan {
    /// `(key, content)` of `<meta>` tags; key is the lower-cased `property`, `name` or `itemprop`.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `datetime` attributes of `<time>` elements.
    pub times: Vec<String>,
    /// Bodies of `application/ld+json` scripts.
    pub scripts: Vec<String>,
    /// Link texts inside the first breadcrumb element.
    pub breadcrumb: Vec<String>,
    /// Link texts inside tag blocks.
    pub tag_links: Vec<String>,
    /// Short texts of elements marked as authors (`class="author-2"`, `class="penulis"`).
    pub marked_authors: Vec<String>,
    /// Short texts of elements marked as dates (`class="entry-meta-date"`, `class="tanggal"`).
    pub marked_dates: Vec<String>,
    /// Text of the `<title>` element.
    pub title: Option<String>,
    /// The page's text, one line per block element, white space normalised; only lines that
    /// can be byline or date lines (see `flush`).
    pub lines: Vec<String>,
}

/// Most text lines kept (bylines sit near the headline or at the end of the body).
const MAX_LINES: usize = 20_000;

/// Lines this long (in bytes, white space included) are body prose, never a byline or date
/// line (those are at most `MAX_BYLINE_CHARS` = 200 characters); they are dropped unread,
/// which keeps the walk cheap on long articles.
const LONG_LINE_BYTES: usize = 800;

/// Lines longer than this many characters (white space normalised) are never a byline or a
/// date line; `flush` skips normalising a line that is surely longer.
pub const MAX_LINE_CHARS: usize = 200;

/// Most descendant nodes of an element whose text is read whole (names, links, title).
const MAX_SMALL_NODES: usize = 24;
/// Lines up to this many bytes are always kept (labels and names on their own line).
const SHORT_LINE_BYTES: usize = 60;

/// True for elements that end a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "td"
            | "table" | "section" | "article" | "header" | "footer" | "aside" | "nav" | "figure"
            | "figcaption" | "time"
    )
}

/// Words of class or id values that the walker looks at closer (one pass per element).
static MARK_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "breadcrumb", "tag", "topik", "keyword", "author", "penulis", "reporter", "byline", "writer",
            "date", "tanggal", "publish", "time", "waktu",
        ])
        .expect("static patterns")
});

/// Where the walker is.
#[derive(Clone, Copy, Default)]
struct Ctx {
    mute: bool,
    breadcrumb: bool,
    tags: bool,
}

/// An element the walk is inside of, closed when the index reaches `end`.
struct Open {
    /// One past the element's subtree.
    end: usize,
    /// The context of its content.
    inner: Ctx,
    /// Whether it ends a line of text.
    block: bool,
    /// Whether it opened the breadcrumb.
    opens_crumbs: bool,
}

/// Walks the whole page once.
pub fn scan(page: &Page<'_>) -> Scan {
    let nodes = page.nodes.as_slice();
    let mut out = Scan::default();
    let mut line = String::new();
    let mut crumbs_done = false;
    let mut open: Vec<Open> = Vec::new();
    let mut marked_classes = MarkedClasses::default();
    let mut i = 0;
    while i < nodes.len() {
        close_until(i, &mut open, &mut out, &mut line, &mut crumbs_done);
        let ctx = open.last().map_or(Ctx::default(), |o| o.inner);
        let node = &nodes[i];
        let end = (node.end as usize).clamp(i + 1, nodes.len());
        if node.is_text() {
            push_text(node.raw, ctx, &mut out, &mut line);
            i += 1;
            continue;
        }
        match element(page, i, end, ctx, &mut out, crumbs_done, &mut marked_classes) {
            Some(frame) => {
                if frame.block {
                    flush(&mut out, &mut line);
                }
                open.push(frame);
                i += 1;
            }
            // Read whole (meta, link, the title): its subtree is not walked.
            None => i = end,
        }
    }
    close_until(usize::MAX, &mut open, &mut out, &mut line, &mut crumbs_done);
    flush(&mut out, &mut line);
    out
}

/// Closes the open elements whose subtree ends at or before `index`, innermost first.
fn close_until(index: usize, open: &mut Vec<Open>, out: &mut Scan, line: &mut String, crumbs_done: &mut bool) {
    while let Some(frame) = open.pop_if(|o| o.end <= index) {
        if frame.block {
            flush(out, line);
        }
        if frame.opens_crumbs && !out.breadcrumb.is_empty() {
            *crumbs_done = true;
        }
    }
}

/// Adds a text node to the current line.
fn push_text(raw: &str, ctx: Ctx, out: &mut Scan, line: &mut String) {
    if ctx.mute || out.lines.len() >= MAX_LINES || line.len() >= LONG_LINE_BYTES {
        return;
    }
    if raw.bytes().all(|b| b.is_ascii_whitespace()) {
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
    } else {
        line.push_str(raw);
        line.push(' ');
    }
}

fn flush(out: &mut Scan, line: &mut String) {
    let trimmed = line.trim();
    // Only lines a byline reader can use are kept: short ones (labels, names) and those with a
    // colon or a digit (labelled bylines, dates). Skipping the rest halves the walk's cost.
    let useful = trimmed.len() <= SHORT_LINE_BYTES
        || trimmed.contains(':')
        || trimmed.bytes().any(|b| b.is_ascii_digit());
    // Without entities, the visible characters bound the normalised line's length from below:
    // more than `MAX_LINE_CHARS` of them and it is prose, dropped unread (most long lines).
    let surely_long = trimmed.len() > MAX_LINE_CHARS
        && !trimmed.contains('&')
        && crate::html::visible_chars(trimmed) > MAX_LINE_CHARS;
    if trimmed.is_empty() || line.len() >= LONG_LINE_BYTES || !useful || surely_long {
        line.clear();
        return;
    }
    let t = normalize_space(&decode_entities(line));
    line.clear();
    if !t.is_empty() && out.lines.len() < MAX_LINES {
        out.lines.push(t);
    }
}

/// An attribute's value (undecoded), or None when absent or empty.
fn attr<'a>(node: &Node<'a>, key: &str) -> Option<&'a str> {
    node.attr(key).filter(|v| !v.is_empty())
}

/// The class and id values of an element, lower-cased and joined, when one of them holds a
/// word of [`MARK_WORDS`]; `None` for the many elements the walker need not look at closer.
/// Why the test comes first: building the lower-cased string for every element with a class
/// was 4% of `warta extract` (perf on the corpus pages).
fn marks_of<'a>(page: &Page<'a>, i: usize, marked_classes: &mut MarkedClasses<'a>) -> Option<String> {
    let attrs = page.attrs(i);
    let class_marked = attrs.class.is_some_and(|class| *marked_classes.entry(class).or_insert_with(|| MARK_WORDS.is_match(class)));
    if !class_marked && !attrs.id.is_some_and(|id| MARK_WORDS.is_match(id)) {
        return None;
    }
    let values = [attrs.class, attrs.id];
    let mut marks = String::new();
    for value in values.into_iter().flatten() {
        marks.push_str(value);
        marks.push(' ');
    }
    marks.make_ascii_lowercase();
    Some(marks)
}

/// Whether a class value holds a word of [`MARK_WORDS`], for the class values already seen in
/// this page: elements share them (a class value is used about 2.7 times on the corpus pages).
type MarkedClasses<'a> = crate::fasthash::Map<&'a str, bool>;

/// True when a class or id token names a breadcrumb.
fn is_breadcrumb(marks: &str) -> bool {
    marks.contains("breadcrumb")
}

/// True when a class or id names a writer's element ("author", "penulis", "reporter").
fn is_author_mark(marks: &str) -> bool {
    ["author", "penulis", "reporter", "byline", "writer"].iter().any(|m| marks.contains(m))
        && !["avatar", "img", "photo", "foto", "date", "time", "social", "share"].iter().any(|m| marks.contains(m))
}

/// True when a class or id names a date element ("entry-meta-date", "tanggal", "publish-time").
fn is_date_mark(marks: &str) -> bool {
    ["date", "tanggal", "publish", "time", "waktu"].iter().any(|m| marks.contains(m))
        && !["timeline", "times-"].iter().any(|m| marks.contains(m))
}

/// True when a class or id token names a tag list ("tags", "post-tags", "tag-list", "topik").
fn is_tag_block(marks: &str) -> bool {
    (marks.contains("tag") || marks.contains("topik") || marks.contains("keyword"))
        && marks.split(|c: char| c.is_whitespace()).any(|token| {
        let parts: Vec<&str> = token.split(['-', '_']).collect();
        parts.iter().any(|p| matches!(*p, "tag" | "tags" | "topik" | "keyword" | "keywords" | "tagging"))
            && !parts.iter().any(|p| matches!(*p, "manager" | "ad" | "ads" | "gtm" | "line"))
    })
}

/// Reads element `i` (its subtree is `i + 1..end`) in context `ctx`; returns how its content
/// is walked, or None when it was read whole.
fn element<'a>(
    page: &Page<'a>,
    i: usize,
    end: usize,
    ctx: Ctx,
    out: &mut Scan,
    crumbs_done: bool,
    marked_classes: &mut MarkedClasses<'a>,
) -> Option<Open> {
    let nodes = page.nodes.as_slice();
    let node = &nodes[i];
    let name = node.name.as_ref();
    match name {
        "script" => {
            let kind = attr(node, "type").unwrap_or_default().to_ascii_lowercase();
            if kind.contains("ld+json") {
                // The parser keeps a script's content as one raw text child.
                let body = nodes[i + 1..end].iter().find(|n| n.is_text()).map_or("", |n| n.raw);
                out.scripts.push(body.to_string());
            }
        }
        "meta" => {
            let key = attr(node, "property").or_else(|| attr(node, "name")).or_else(|| attr(node, "itemprop"));
            if let (Some(key), Some(content)) = (key, attr(node, "content")) {
                let content = normalize_space(&decode_entities(content));
                if !content.is_empty() {
                    out.metas.push((key.to_ascii_lowercase(), content));
                }
            }
            return None;
        }
        "link" => {
            let rel = attr(node, "rel").unwrap_or_default().to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && out.canonical.is_none() {
                out.canonical = attr(node, "href").map(|h| decode_entities(h.trim()).into_owned());
            }
            return None;
        }
        "title" if out.title.is_none() => {
            out.title = small_text(nodes, i, end).filter(|t| !t.is_empty());
            return None;
        }
        "time" => {
            if let Some(dt) = attr(node, "datetime") {
                out.times.push(dt.trim().to_string());
            }
        }
        _ => {}
    }
    let marks = marks_of(page, i, marked_classes);
    let marked = marks.is_some();
    let marks = marks.unwrap_or_default();
    // Muting covers the element's own text only: elements inside an <object> are content.
    let mut inner = Ctx { mute: false, ..ctx };
    if matches!(name, "script" | "style" | "noscript" | "svg" | "template" | "iframe" | "object") {
        inner.mute = true;
    }
    let opens_crumbs = marked && !ctx.breadcrumb && !crumbs_done && is_breadcrumb(&marks);
    if opens_crumbs {
        inner.breadcrumb = true;
    }
    if marked && !ctx.tags && is_tag_block(&marks) {
        inner.tags = true;
    }
    // Why: mediaindonesia-01 prints the writer unlabelled in <div class="author-2">.
    // Only small elements are read: a name is short, a big "author-box" is not a name.
    if marked && is_author_mark(&marks) && out.marked_authors.len() < 20 {
        if let Some(t) = small_text(nodes, i, end) {
            if !t.is_empty() && t.chars().count() <= 60 && !t.contains(':') {
                out.marked_authors.push(t);
            }
        }
    }
    // Why: turnbackhoax-01 prints "May 29, 2025" in <span class="entry-meta-date">.
    if marked && is_date_mark(&marks) && out.marked_dates.len() < 20 {
        if let Some(t) = small_text(nodes, i, end).filter(|t| !t.is_empty() && t.chars().count() <= 80) {
            out.marked_dates.push(t);
        }
    }
    if name == "a" && (ctx.breadcrumb || ctx.tags) {
        let t = small_text(nodes, i, end).unwrap_or_default();
        if !t.is_empty() && t.chars().count() <= 80 {
            if ctx.breadcrumb {
                out.breadcrumb.push(t);
            } else if out.tag_links.len() < 100 {
                out.tag_links.push(t.trim_start_matches('#').trim().to_string());
            }
        }
    }
    Some(Open { end, inner, block: is_block(name), opens_crumbs })
}

/// The text of a small element (a name, a link, the title), or None for a large one: the
/// text nodes of `i + 1..end`, read only when there are at most `MAX_SMALL_NODES` nodes.
/// Why: an unclosed `<a>` holds the rest of the page; reading each such element's whole text
/// made the walk quadratic (a third of a second on some benchmark pages).
fn small_text(nodes: &[Node<'_>], i: usize, end: usize) -> Option<String> {
    let inside = nodes.get(i + 1..end)?;
    if inside.len() > MAX_SMALL_NODES {
        return None;
    }
    let mut text = String::new();
    for n in inside.iter().filter(|n| n.is_text()) {
        text.push_str(n.raw);
    }
    Some(normalize_space(&decode_entities(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn markup_inside_a_script_is_not_read() {
        // Fragment of corpus-id liputan6-04 (liputan6.com/indeks, from anpandu/indonesian-news-
        // scraper, MIT): a script appends a twitter:title meta whose content is script code.
        let html = r#"<html><head><title>Kumpulan Artikel Berita, Foto dan Video Liputan6.COM</title>
<link rel="canonical" href="http://www.liputan6.com/indeks"/>
<script>
$(document).ready(function () {
  $('head').append("<meta name='twitter:title' content='"+document.title+"'>");
var karir="";
karir += "<div>";
});
</script></head><body>
<time class="articles--rows--item__time" datetime="2016-02-16T09:20:00+07:00">16 Feb 2016 09:20</time>
</body></html>"#;
        let page = crate::html::parse(html, &Config::default()).expect("parse");
        let scan = scan(&page);
        assert!(scan.metas.is_empty(), "{:?}", scan.metas);
        assert_eq!(scan.title.as_deref(), Some("Kumpulan Artikel Berita, Foto dan Video Liputan6.COM"));
        assert_eq!(scan.canonical.as_deref(), Some("http://www.liputan6.com/indeks"));
        assert_eq!(scan.times, ["2016-02-16T09:20:00+07:00"]);
        assert_eq!(scan.marked_dates, ["16 Feb 2016 09:20"]);
        assert!(scan.lines.iter().any(|l| l == "16 Feb 2016 09:20"), "{:?}", scan.lines);
        assert!(!scan.lines.iter().any(|l| l.contains("karir")), "{:?}", scan.lines);
    }

    #[test]
    fn small_text_counts_the_whole_subtree() {
        // Why: a marked author element holding a whole author box is not a name; the name is
        // mediaindonesia-01's writer.
        let names = "<span>Nama</span>".repeat(MAX_SMALL_NODES);
        let html = format!(r#"<div class="author">{names}</div><div class="author"><a>Naufal Zuhdi</a></div>"#);
        let page = crate::html::parse(&html, &Config::default()).expect("parse");
        assert_eq!(scan(&page).marked_authors, ["Naufal Zuhdi"]);
    }
}
