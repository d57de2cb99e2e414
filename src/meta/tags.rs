//! One walk over the DOM collecting what metadata needs: meta tags, canonical link, `<time>`,
//! JSON-LD script bodies, breadcrumb and tag-link texts, and the page's text lines (bylines).

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

/// Deepest element walked (as `Config::max_depth`'s default; unclosed tags nest deep in tl).
const MAX_DEPTH: usize = 512;
/// Most text lines kept (bylines sit near the headline or at the end of the body).
const MAX_LINES: usize = 20_000;

/// Lines this long (in bytes, white space included) are body prose, never a byline or date
/// line (those are at most `MAX_BYLINE_CHARS` = 200 characters); they are dropped unread,
/// which keeps the walk cheap on long articles.
const LONG_LINE_BYTES: usize = 800;

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
    aho_corasick::AhoCorasick::new([
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

/// Walks the whole page once.
pub fn scan(page: &Page<'_>) -> Scan {
    let mut out = Scan::default();
    let mut line = String::new();
    let mut crumbs_done = false;
    for handle in page.dom.children() {
        walk(page, *handle, 0, Ctx::default(), &mut out, &mut line, &mut crumbs_done);
    }
    flush(&mut out, &mut line);
    out
}

fn flush(out: &mut Scan, line: &mut String) {
    let trimmed = line.trim();
    // Only lines a byline reader can use are kept: short ones (labels, names) and those with a
    // colon or a digit (labelled bylines, dates). Skipping the rest halves the walk's cost.
    let useful = trimmed.len() <= SHORT_LINE_BYTES
        || trimmed.contains(':')
        || trimmed.bytes().any(|b| b.is_ascii_digit());
    if trimmed.is_empty() || line.len() >= LONG_LINE_BYTES || !useful {
        line.clear();
        return;
    }
    let t = normalize_space(&decode_entities(line));
    line.clear();
    if !t.is_empty() && out.lines.len() < MAX_LINES {
        out.lines.push(t);
    }
}

/// An attribute's value; the name is matched exactly first (cheap), then ignoring case.
fn attr(tag: &tl::HTMLTag<'_>, key: &str) -> Option<String> {
    let attributes = tag.attributes();
    if let Some(value) = attributes.get(key) {
        return value.map(|v| v.as_utf8_str().into_owned());
    }
    attributes
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| v.map(|v| v.into_owned()))
}

/// Class and id of an element, lower-cased, or empty.
fn marks_of(tag: &tl::HTMLTag<'_>) -> String {
    let attributes = tag.attributes();
    let mut marks = String::new();
    for value in [attributes.class(), attributes.id()].into_iter().flatten() {
        marks.push_str(&value.as_utf8_str());
        marks.push(' ');
    }
    marks.make_ascii_lowercase();
    marks
}

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

fn walk(page: &Page<'_>, handle: tl::NodeHandle, depth: usize, ctx: Ctx, out: &mut Scan, line: &mut String, crumbs_done: &mut bool) {
    if depth > MAX_DEPTH {
        return;
    }
    let parser = page.dom.parser();
    let Some(node) = handle.get(parser) else { return };
    match node {
        tl::Node::Raw(bytes) => {
            if !ctx.mute && out.lines.len() < MAX_LINES && line.len() < LONG_LINE_BYTES {
                let raw = bytes.as_bytes();
                if raw.iter().all(u8::is_ascii_whitespace) {
                    if !line.is_empty() && !line.ends_with(' ') {
                        line.push(' ');
                    }
                } else {
                    line.push_str(&bytes.as_utf8_str());
                    line.push(' ');
                }
            }
        }
        tl::Node::Comment(_) => {}
        tl::Node::Tag(tag) => {
            let mut buf = [0u8; 16];
            let raw_name = tag.name().as_bytes();
            let name: &str = if raw_name.len() <= buf.len() {
                buf[..raw_name.len()].copy_from_slice(raw_name);
                buf[..raw_name.len()].make_ascii_lowercase();
                std::str::from_utf8(&buf[..raw_name.len()]).unwrap_or("")
            } else {
                ""
            };
            match name {
                "script" => {
                    let kind = attr(tag, "type").unwrap_or_default().to_ascii_lowercase();
                    if kind.contains("ld+json") {
                        out.scripts.push(script_body(tag));
                    }
                }
                "meta" => {
                    let key = attr(tag, "property").or_else(|| attr(tag, "name")).or_else(|| attr(tag, "itemprop"));
                    if let (Some(key), Some(content)) = (key, attr(tag, "content")) {
                        let content = normalize_space(&decode_entities(&content));
                        if !content.is_empty() {
                            out.metas.push((key.to_ascii_lowercase(), content));
                        }
                    }
                    return;
                }
                "link" => {
                    let rel = attr(tag, "rel").unwrap_or_default().to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && out.canonical.is_none() {
                        out.canonical = attr(tag, "href").map(|h| decode_entities(h.trim()).into_owned());
                    }
                    return;
                }
                "title" if out.title.is_none() => {
                    out.title = small_text(tag, parser).filter(|t| !t.is_empty());
                    return;
                }
                "time" => {
                    if let Some(dt) = attr(tag, "datetime") {
                        out.times.push(dt.trim().to_string());
                    }
                }
                _ => {}
            }
            let marks = marks_of(tag);
            // Muting covers a script's own text only: tags that tl wrongly nested inside it
            // are page content again.
            let mut inner = Ctx { mute: false, ..ctx };
            // Why: tl reads "<t" inside a script as a tag and nests the rest of the page in it
            // (okezone-04 lost its whole head and body), so these are walked with text muted.
            if matches!(name, "script" | "style" | "noscript" | "svg" | "template" | "iframe" | "object") {
                inner.mute = true;
            }
            let marked = !marks.is_empty() && MARK_WORDS.is_match(&marks);
            let opens_crumbs = marked && !ctx.breadcrumb && !*crumbs_done && is_breadcrumb(&marks);
            if opens_crumbs {
                inner.breadcrumb = true;
            }
            if marked && !ctx.tags && is_tag_block(&marks) {
                inner.tags = true;
            }
            // Why: mediaindonesia-01 prints the writer unlabelled in <div class="author-2">.
            // Only small elements are read: a name is short, a big "author-box" is not a name.
            if marked && is_author_mark(&marks) && out.marked_authors.len() < 20 {
                if let Some(t) = small_text(tag, parser) {
                    if !t.is_empty() && t.chars().count() <= 60 && !t.contains(':') {
                        out.marked_authors.push(t);
                    }
                }
            }
            // Why: turnbackhoax-01 prints "May 29, 2025" in <span class="entry-meta-date">.
            if marked && is_date_mark(&marks) && out.marked_dates.len() < 20 {
                if let Some(t) = small_text(tag, parser).filter(|t| !t.is_empty() && t.chars().count() <= 80) {
                    out.marked_dates.push(t);
                }
            }
            if name == "a" && (ctx.breadcrumb || ctx.tags) {
                let t = small_text(tag, parser).unwrap_or_default();
                if !t.is_empty() && t.chars().count() <= 80 {
                    if ctx.breadcrumb {
                        out.breadcrumb.push(t);
                    } else if out.tag_links.len() < 100 {
                        out.tag_links.push(t.trim_start_matches('#').trim().to_string());
                    }
                }
            }
            let block = is_block(name);
            if block {
                flush(out, line);
            }
            for child in tag.children().top().iter() {
                walk(page, *child, depth + 1, inner, out, line, crumbs_done);
            }
            if block {
                flush(out, line);
            }
            if opens_crumbs && !out.breadcrumb.is_empty() {
                *crumbs_done = true;
            }
        }
    }
}

/// The text of a small element (a name, a link, the title), or None for a large one.
/// Why: tl nests the rest of the page inside an unclosed `<a>`; reading each such element's
/// whole text made the walk quadratic (a third of a second on some benchmark pages).
fn small_text(tag: &tl::HTMLTag<'_>, parser: &tl::Parser<'_>) -> Option<String> {
    let mut budget = MAX_SMALL_NODES;
    if !fits(tag, parser, &mut budget) {
        return None;
    }
    Some(normalize_space(&decode_entities(&tag.inner_text(parser))))
}

/// Counts `tag`'s descendants down from `budget`; false as soon as it runs out.
fn fits(tag: &tl::HTMLTag<'_>, parser: &tl::Parser<'_>, budget: &mut usize) -> bool {
    for child in tag.children().top().iter() {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if let Some(tl::Node::Tag(inner)) = child.get(parser) {
            if !fits(inner, parser, budget) {
                return false;
            }
        }
    }
    true
}

/// The text between `<script …>` and `</script>`, taken from the source so that markup inside
/// JSON strings (an `articleBody` with `<p>`) cannot confuse the DOM.
fn script_body(tag: &tl::HTMLTag<'_>) -> String {
    let raw = tag.raw().as_utf8_str();
    let start = raw.find('>').map_or(0, |i| i + 1);
    let body = &raw[start..];
    let end = body.to_ascii_lowercase().rfind("</script").unwrap_or(body.len());
    body[..end].to_string()
}
