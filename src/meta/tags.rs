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
    /// Text of the `<title>` element.
    pub title: Option<String>,
    /// The page's text, one line per block element, white space normalised.
    pub lines: Vec<String>,
}

/// Deepest element walked.
const MAX_DEPTH: usize = 256;
/// Most text lines kept (bylines sit near the headline or at the end of the body).
const MAX_LINES: usize = 20_000;

/// Elements that end a line of text.
const BLOCKS: [&str; 24] = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "table",
    "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "time",
];

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
    let t = normalize_space(&decode_entities(line));
    line.clear();
    if !t.is_empty() && out.lines.len() < MAX_LINES {
        out.lines.push(t);
    }
}

/// Lower-cased attribute value.
fn attr(tag: &tl::HTMLTag<'_>, key: &str) -> Option<String> {
    tag.attributes()
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| v.map(|v| v.into_owned()))
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

/// True when a class or id token names a tag list ("tags", "post-tags", "tag-list", "topik").
fn is_tag_block(marks: &str) -> bool {
    marks.split(|c: char| c.is_whitespace()).any(|token| {
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
            if !ctx.mute && out.lines.len() < MAX_LINES {
                line.push_str(&bytes.as_utf8_str());
                line.push(' ');
            }
        }
        tl::Node::Comment(_) => {}
        tl::Node::Tag(tag) => {
            let name = tag.name().as_utf8_str().to_ascii_lowercase();
            match name.as_str() {
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
                    let t = normalize_space(&decode_entities(&tag.inner_text(parser)));
                    if !t.is_empty() {
                        out.title = Some(t);
                    }
                    return;
                }
                "time" => {
                    if let Some(dt) = attr(tag, "datetime") {
                        out.times.push(dt.trim().to_string());
                    }
                }
                _ => {}
            }
            let marks = format!(
                "{} {}",
                attr(tag, "class").unwrap_or_default().to_ascii_lowercase(),
                attr(tag, "id").unwrap_or_default().to_ascii_lowercase()
            );
            // Muting covers a script's own text only: tags that tl wrongly nested inside it
            // are page content again.
            let mut inner = Ctx { mute: false, ..ctx };
            // Why: tl reads "<t" inside a script as a tag and nests the rest of the page in it
            // (okezone-04 lost its whole head and body), so these are walked with text muted.
            if matches!(name.as_str(), "script" | "style" | "noscript" | "svg" | "template" | "iframe" | "object") {
                inner.mute = true;
            }
            let opens_crumbs = !ctx.breadcrumb && !*crumbs_done && is_breadcrumb(&marks);
            if opens_crumbs {
                inner.breadcrumb = true;
            }
            if !ctx.tags && is_tag_block(&marks) {
                inner.tags = true;
            }
            // Why: mediaindonesia-01 prints the writer unlabelled in <div class="author-2">.
            if is_author_mark(&marks) && out.marked_authors.len() < 20 {
                let t = normalize_space(&decode_entities(&tag.inner_text(parser)));
                if !t.is_empty() && t.chars().count() <= 60 && !t.contains(':') {
                    out.marked_authors.push(t);
                }
            }
            if name == "a" && (ctx.breadcrumb || ctx.tags) {
                let t = normalize_space(&decode_entities(&tag.inner_text(parser)));
                if !t.is_empty() && t.chars().count() <= 80 {
                    if ctx.breadcrumb {
                        out.breadcrumb.push(t);
                    } else if out.tag_links.len() < 100 {
                        out.tag_links.push(t.trim_start_matches('#').trim().to_string());
                    }
                }
            }
            let block = BLOCKS.contains(&name.as_str());
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

/// The text between `<script …>` and `</script>`, taken from the source so that markup inside
/// JSON strings (an `articleBody` with `<p>`) cannot confuse the DOM.
fn script_body(tag: &tl::HTMLTag<'_>) -> String {
    let raw = tag.raw().as_utf8_str();
    let start = raw.find('>').map_or(0, |i| i + 1);
    let body = &raw[start..];
    let end = body.to_ascii_lowercase().rfind("</script").unwrap_or(body.len());
    body[..end].to_string()
}
