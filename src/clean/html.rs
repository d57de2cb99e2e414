//! The HTML cleaner: finds the article body in a parsed page and drops site boilerplate.
//!
//! Recipe (readability-like, over the flat node array of `super::dom`, no recursion):
//! 1. top-down: every node learns "dead" (script, nav, ARIA-hidden, text that reads as code,
//!    past `max_depth`), "hidden" (by `style` or `hidden`: dead until step 3 decides), "inside
//!    a link", and whether its tag or class/id says "unlikely" (sidebar, related, share …);
//! 2. bottom-up: text length, link text and commas per element; then unlikely blocks are
//!    removed unless they hold half the page's text, and the sums are redone;
//! 3. text blocks (`<p>`, or a `<div>`/`<td>` holding its own text) vote for their ancestors;
//!    the best container of body size (votes plus class/id weight, times 1 − link density)
//!    wins, with the siblings and look-alike containers that carry more of the article;
//!    hidden blocks inside it, or carrying its class words, are the article's other pages;
//! 4. its blocks are read in order, split at block tags and `<br>`; link-dense, wordless and
//!    boilerplate lines (`super::boilerplate`) are dropped, a lone dateline is joined to the
//!    lead, a repeated headline and a closing credit removed, and a list of teasers (an index
//!    page) gives no body.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::boilerplate::{is_boilerplate, is_credit_label, strip_signature, MAX_LABEL_VALUE_BYTES};
use crate::html::dom::{Attrs, Node as DomNode, NO_PARENT};
use super::Cleaned;
use crate::config::Config;
use crate::error::ExtractError;
use crate::limits::Deadline;
use crate::html::{decode_entities, normalize_space, Page};
use crate::meta::Metadata;

/// Elements whose content is never article text.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "iframe", "svg",
    "button", "select", "option", "textarea", "input", "template", "object", "embed", "canvas",
    "video", "audio", "figcaption", "head", "title", "meta", "link", "map", "dialog", "label",
];

/// Elements that are not the article, unless they wrap most of the page.
// Why: aljazeera.com wraps the whole page in an ASP.NET <form>.
const UNLIKELY_TAGS: &[&str] = &["header", "footer", "aside", "form"];

/// Elements that may hold the article; headings and paragraphs vote but never win.
// Why: thehill.com's <h1 class="page-title"> outscored the body on its class weight alone.
const CONTAINER_TAGS: &[&str] = &[
    "div", "article", "section", "main", "td", "body", "center", "form", "blockquote", "font",
    "span", "header", "footer", "aside",
];

/// Elements that end a line of text (the rest are inline).
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead", "tr", "td", "th",
    "figure", "center", "body", "html", "address", "hr",
];

/// What the cleaner knows of an element from its name: the four lists above in one lookup.
// Why: checking the lists one by one was a third of the cleaner's first pass (perf, corpus pages).
#[derive(Clone, Copy, Default)]
struct TagRole {
    drop: bool,
    unlikely: bool,
    container: bool,
    block: bool,
}

/// [`TagRole`] of every element named in the lists; any other name has none.
static TAG_ROLES: LazyLock<crate::fasthash::Map<&'static str, TagRole>> = LazyLock::new(|| {
    crate::html::dom::name_table(&[
        (DROP_TAGS, |r: &mut TagRole| r.drop = true),
        (UNLIKELY_TAGS, |r| r.unlikely = true),
        (CONTAINER_TAGS, |r| r.container = true),
        (BLOCK_TAGS, |r| r.block = true),
    ])
});

/// Paragraph blocks shorter than this many bytes do not vote for a container.
const MIN_VOTE_LEN: usize = 25;
/// A container's vote share per level up: parent, grandparent, then 1/(3·level).
const MAX_VOTE_LEVELS: usize = 5;
/// Body blocks with more than this share of link text are menus or teaser lists.
const MAX_BLOCK_LINK_DENSITY: f32 = 0.5;
/// Blocks at least this long (bytes) are dropped for links only when nearly all link.
const LONG_BLOCK_BYTES: usize = 300;
/// A page whose best container holds less text than this (bytes) has no article.
const MIN_BODY_LEN: usize = 250;
/// Nor does one whose best container is mostly links (an index page).
const MAX_BODY_LINK_DENSITY: f32 = 0.45;

/// class/id words of blocks that are not the article (readability's "unlikely candidates",
/// plus the Indonesian sites' own names: baca-juga, terkait, terpopuler, tag, and lainnya
/// "others" — okezone-02's `berita-lainnya` teaser grid).
const UNLIKELY: &str =
    r"(?i)-ad-|\bads?\b|adsbygoogle|advert|ad-?slot|ad-?container|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|foot|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|share|sharing|popup|promo|newsletter|subscribe|widget|baca-?juga|bacajuga|terkait|terpopuler|populer|popular|trending|recommend|rekomendasi|\btags?\b|tag-?list|tags-?box|topik|author-?box|byline|caption|\bpic[_-]|credit|copyright|pagination|pager|nav|masthead|outbrain|taboola|modal|cookie|login|signup|print|hidden|\bhide\b|video|gallery|read-?more|readmore|more-?news|newsfeed|box-?news|latest|terkini|lainnya|infinite|next-?article|prev-?article";

/// class/id words that rescue an "unlikely" block: the article wrapper often carries both.
const MAYBE: &str =
    r"(?i)\band\b|article|body|column|content|main|shadow|detail|entry|story|post-?text|text|blog|embed";

/// class/id words of photo galleries, which `MAYBE` does not rescue (not "caption": suara-01
/// keeps its whole article in `div#contentImageCaption`).
// Why: liputan6-07's captions sit in `article-photo-gallery--item__description`, whose
// "article" would otherwise rescue the gallery.
const NOT_RESCUED: &str = r"(?i)gallery";

/// class/id words of the article container.
const POSITIVE: &str =
    r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|read__content|isi|berita|artikel|news-?text|txt";

/// class/id words of blocks that lose points (weaker than `UNLIKELY`: scored, not removed).
const NEGATIVE: &str =
    r"(?i)-ad-|hidden|^hid$|\bhid\b|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|terkait|populer|list|teaser|thumb|card";

/// The five class/id pattern lists, matched in one pass.
static CLASS_WORDS: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new([UNLIKELY, MAYBE, NEGATIVE, POSITIVE, NOT_RESCUED]).expect("static regex"));

/// Style values that hide an element.
static HIDDEN_STYLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden").expect("static regex"));

/// What the passes learn about one node of the array.
#[derive(Clone, Copy, Default)]
struct Info {
    /// Not article text: inside a dropped tag, an unlikely block, or past the depth limit.
    dead: bool,
    /// Inside an `<a>`.
    in_link: bool,
    /// Inside an element hidden by `style` or the `hidden` attribute, and dead for that
    /// reason only: revived when it continues the article (see `revive_hidden`).
    hidden: bool,
    /// A block-level element.
    block: bool,
    /// A `<p>`.
    para: bool,
    /// May be chosen as the article container (div, article, section, td …).
    container: bool,
    /// class/id say "not content" (sidebar, related, share …): removed unless it holds most of the page.
    unlikely: bool,
    /// Text bytes in the subtree (live text only).
    text_len: u32,
    /// Of which inside links.
    link_len: u32,
    /// Commas in the subtree.
    commas: u32,
    /// Text bytes directly in this block (not in nested blocks).
    own_len: u32,
    /// Commas directly in this block.
    own_commas: u32,
    /// Link text bytes directly in this block.
    own_link: u32,
    /// Votes received from paragraph blocks below.
    score: f32,
    /// Class/id weight.
    weight: f32,
}

/// class and id of an element, joined by a space.
fn class_and_id(attrs: &Attrs<'_>) -> String {
    let mut s = String::new();
    if let Some(c) = attrs.class {
        s.push_str(c);
    }
    if let Some(i) = attrs.id {
        s.push(' ');
        s.push_str(i);
    }
    s
}

/// Whether the element is hidden by `style` or the `hidden` attribute: a page may keep the
/// rest of its article there (merdeka's `paging-content` pages), or a menu.
fn is_style_hidden(attrs: &Attrs<'_>) -> bool {
    attrs.hidden.is_some() || attrs.style.is_some_and(|s| HIDDEN_STYLE.is_match(s))
}

/// Whether the element is marked as not content (ARIA hidden, navigation or dialog roles).
fn is_hidden(attrs: &Attrs<'_>) -> bool {
    if attrs.aria_hidden.is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(role) = attrs.role {
        if matches!(role, "navigation" | "complementary" | "banner" | "contentinfo" | "menu" | "menubar" | "dialog" | "alert") {
            return true;
        }
    }
    false
}

/// Code punctuation in a text node: at least this many marks …
const MIN_CODE_MARKS: usize = 6;
/// … and at least one per this many visible bytes makes it script text, not prose.
const CODE_MARK_SPAN: usize = 40;

/// Whether a text node reads as program code (braces, semicolons, `$`, `=`, backquotes).
// Why: liputan6-10 and fimela-01 hold `<\/script>` inside a JavaScript template string, so
// the rest of the script comes out as page text and outscored the article.
fn looks_like_code(raw: &[u8]) -> bool {
    // Prose has no braces: most text nodes are decided by one vectorised search.
    if raw.len() < MIN_CODE_MARKS || memchr::memchr2(b'{', b'}', raw).is_none() {
        return false;
    }
    // Indentation does not count: scripts are mostly white space.
    // A list in prose may use many semicolons, never braces: code needs both kinds of mark.
    let (mut marks, mut braces, mut visible) = (0usize, 0usize, 0usize);
    for b in raw {
        visible += usize::from(!b.is_ascii_whitespace());
        marks += usize::from(matches!(b, b'{' | b'}' | b';' | b'=' | b'$' | b'`'));
        braces += usize::from(matches!(b, b'{' | b'}'));
    }
    braces > 0 && marks > braces && marks >= MIN_CODE_MARKS && marks * CODE_MARK_SPAN >= visible
}

/// Length in bytes of `raw` without its leading/trailing white space, and its commas.
fn text_stats(raw: &[u8]) -> (u32, u32) {
    let start = raw.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else { return (0, 0) };
    let end = raw.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(raw.len(), |e| e + 1);
    let slice = &raw[start..end];
    let commas = slice.iter().filter(|b| **b == b',').count();
    (slice.len() as u32, commas as u32)
}

/// Readability's content score of a container: votes plus class weight, less its links.
fn container_score(inf: &Info) -> f32 {
    let density = if inf.text_len == 0 { 1.0 } else { inf.link_len as f32 / inf.text_len as f32 };
    (inf.score + inf.weight) * (1.0 - density)
}

/// Pass 2, bottom-up: sums text, link text and commas of live nodes. Children follow their
/// parent in the array, so a backward sweep finishes every subtree before adding it up.
fn aggregate(nodes: &[DomNode<'_>], info: &mut [Info]) {
    for inf in info.iter_mut() {
        (inf.text_len, inf.link_len, inf.commas, inf.own_len, inf.own_commas, inf.own_link) = (0, 0, 0, 0, 0, 0);
    }
    let n = nodes.len();
    for i in (0..n).rev() {
        if info[i].dead {
            continue;
        }
        let is_text = nodes[i].is_text();
        if is_text {
            let (len, commas) = text_stats(nodes[i].raw.as_bytes());
            info[i].text_len = len;
            info[i].commas = commas;
            if info[i].in_link {
                info[i].link_len = len;
            }
        }
        let parent = nodes[i].parent;
        if parent == NO_PARENT {
            continue;
        }
        let p = parent as usize;
        let c = info[i];
        info[p].text_len += c.text_len;
        info[p].link_len += c.link_len;
        info[p].commas += c.commas;
        if !c.block {
            // Text and inline content belong to the nearest block's own text.
            let (own_len, own_commas, own_link) = if is_text {
                (c.text_len, c.commas, c.link_len)
            } else {
                (c.own_len, c.own_commas, c.own_link)
            };
            info[p].own_len += own_len;
            info[p].own_commas += own_commas;
            info[p].own_link += own_link;
        }
    }

}

/// Extracts the body paragraphs of `page`. `meta` (already read) helps recognise the body.
pub fn clean(page: &Page<'_>, meta: &Metadata, config: &Config) -> Cleaned {
    clean_within(page, meta, config, &Deadline::none()).unwrap_or_default()
}

/// [`clean`], stopping with a `timeout` error once `deadline` passes (checked between passes
/// and every few thousand nodes of the first one).
pub fn clean_within(page: &Page<'_>, meta: &Metadata, config: &Config, deadline: &Deadline) -> Result<Cleaned, ExtractError> {
    let mut ticks = 0u32;
    let nodes = &page.nodes;
    let n = nodes.len();
    let mut warnings = Vec::new();
    let mut info = vec![Info::default(); n];
    let mut too_deep = false;
    // class + id strings already matched against `CLASS_WORDS` in this page: many elements
    // share them (about 2.7 uses each on the corpus pages).
    let mut class_words: crate::fasthash::Map<String, [bool; 5]> = crate::fasthash::Map::default();

    // Pass 1, top-down: parents come before their children in the array.
    for i in 0..n {
        deadline.tick(&mut ticks, "clean")?;
        let node = &nodes[i];
        let parent = node.parent;
        if parent != NO_PARENT {
            let p = info[parent as usize];
            info[i].dead = p.dead;
            info[i].in_link = p.in_link;
            info[i].hidden = p.hidden;
        }
        if node.depth as usize > config.max_depth {
            too_deep |= !info[i].dead;
            info[i].dead = true;
        }
        if info[i].dead {
            continue;
        }
        if node.is_text() {
            info[i].dead = looks_like_code(node.raw.as_bytes());
            continue;
        }
        let name = node.name.as_ref();
        let attrs = page.attrs(i);
        let role = TAG_ROLES.get(name).copied().unwrap_or_default();
        info[i].block = role.block;
        info[i].para = name == "p";
        info[i].container = role.container;
        if name == "a" {
            info[i].in_link = true;
        }
        if role.drop || is_hidden(&attrs) {
            info[i].dead = true;
            continue;
        }
        if is_style_hidden(&attrs) {
            info[i].hidden = true;
        }
        if role.unlikely {
            info[i].unlikely = true;
            continue;
        }
        if matches!(name, "body" | "html" | "a" | "article" | "main") {
            // Why: some sites put words like "header" in <body class>; never drop the page.
            if name == "article" || name == "main" {
                info[i].weight += 25.0;
            }
            continue;
        }
        if attrs.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
            info[i].weight += 50.0;
            continue;
        }
        let ci = class_and_id(&attrs);
        if ci.is_empty() {
            continue;
        }
        let words = match class_words.get(&ci) {
            Some(words) => *words,
            None => {
                let set = CLASS_WORDS.matches(&ci);
                let words = [0, 1, 2, 3, 4].map(|k| set.matched(k));
                class_words.insert(ci, words);
                words
            }
        };
        let [unlikely, maybe, negative, positive, not_rescued] = words;
        if unlikely && (!maybe || not_rescued) {
            info[i].unlikely = true;
            continue;
        }
        if negative {
            info[i].weight -= 25.0;
        }
        if positive {
            info[i].weight += 25.0;
        }
    }
    if too_deep {
        warnings.push(format!("elements nested deeper than {} were skipped", config.max_depth));
    }
    // Hidden text neither votes nor counts until a body is chosen; `hidden` stays set only on
    // nodes that are dead for no other reason.
    for inf in info.iter_mut() {
        if inf.dead {
            inf.hidden = false;
        } else if inf.hidden {
            inf.dead = true;
        }
    }

    deadline.check("clean")?;
    aggregate(nodes, &mut info);
    deadline.check("clean")?;
    // Pass 3, top-down: remove "unlikely" blocks, unless one holds half the page's text.
    // Why: latimes.com wraps its whole article in <div class="Page-ad-margins">.
    let total: u32 = nodes.iter().zip(&info).filter(|(nd, _)| nd.parent == NO_PARENT).map(|(_, inf)| inf.text_len).sum();
    let mut removed = false;
    for i in 0..n {
        let parent = nodes[i].parent;
        if parent != NO_PARENT && info[parent as usize].dead {
            info[i].dead = true;
        }
        if !info[i].dead && info[i].unlikely && info[i].text_len.saturating_mul(2) < total {
            info[i].dead = true;
            removed = true;
        }
    }
    if removed {
        aggregate(nodes, &mut info);
    }

    deadline.check("clean")?;
    // Votes: each paragraph block votes for its ancestors (readability's content score).
    for i in 0..n {
        let inf = info[i];
        // Headings and list items do not vote (as in readability): a headline or a teaser list
        // is not a sign of body text.
        let votes = inf.para || inf.container || matches!(nodes[i].name.as_ref(), "pre" | "blockquote");
        if inf.dead || !inf.block || !votes || (inf.own_len as usize) < MIN_VOTE_LEN || inf.own_link * 2 > inf.own_len {
            continue;
        }
        let vote = 1.0 + inf.own_commas as f32 + (inf.own_len as f32 / 100.0).min(3.0);
        // A <div> holding its own text (a <br> page) is itself the container of its lines.
        let mut target = if inf.para { nodes[i].parent } else { i as u32 };
        let mut level = 0usize;
        while target != NO_PARENT && level < MAX_VOTE_LEVELS {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            info[target as usize].score += vote / divider;
            target = nodes[target as usize].parent;
            level += 1;
        }
    }

    // The best container.
    let mut best: Option<(usize, f32)> = None;
    // A short article is accepted only from a container that calls itself one.
    let mut best_short: Option<(usize, f32)> = None;
    for (i, inf) in info.iter().enumerate() {
        if inf.dead || inf.score <= 0.0 || !inf.container {
            continue;
        }
        let score = container_score(inf);
        // Why: too small to be a body, whatever its class says (thehill.com's "content-wrapper
        // title" around the headline outscored the body on its class alone).
        let slot = if (inf.text_len as usize) >= MIN_BODY_LEN {
            &mut best
        } else if inf.weight > 0.0 {
            &mut best_short
        } else {
            continue;
        };
        if slot.is_none_or(|(_, s)| score > s) {
            *slot = Some((i, score));
        }
    }
    let Some((top, top_score)) = best.or(best_short) else {
        warnings.push("no article body found".to_string());
        return Ok(Cleaned { paragraphs: Vec::new(), warnings });
    };
    let top_info = info[top];
    let density = if top_info.text_len == 0 { 1.0 } else { top_info.link_len as f32 / top_info.text_len as f32 };
    if density > MAX_BODY_LINK_DENSITY {
        warnings.push("no article body found".to_string());
        return Ok(Cleaned { paragraphs: Vec::new(), warnings });
    }

    // Siblings that carry more of the article (readability's sibling join).
    let mut roots = vec![top];
    let parent = nodes[top].parent;
    if parent != NO_PARENT {
        let threshold = (top_score * 0.2).max(10.0);
        roots.clear();
        let mut c = parent as usize + 1;
        let end = nodes[parent as usize].end as usize;
        while c < end.min(n) {
            let next = (nodes[c].end as usize).max(c + 1);
            let inf = info[c];
            if c == top {
                roots.push(c);
            } else if !inf.dead && !nodes[c].is_text() {
                let d = if inf.text_len == 0 { 1.0 } else { inf.link_len as f32 / inf.text_len as f32 };
                if container_score(&inf) >= threshold || (inf.para && inf.text_len > 80 && d < 0.25) {
                    roots.push(c);
                }
            }
            c = next;
        }
    }

    // Parts of the body cut apart by figures or pull quotes sit in look-alike containers
    // elsewhere in the page. Why: quantamagazine.org repeats <div class="post__content …">.
    let top_class = page.attrs(top).class.filter(|c| !c.trim().is_empty());
    if let Some(top_class) = top_class {
        let threshold = (top_score * 0.2).max(10.0);
        let mut i = 0;
        while i < n {
            let inf = &info[i];
            if inf.dead {
                i = (nodes[i].end as usize).max(i + 1);
                continue;
            }
            let inside = |r: &usize| i >= *r && i < nodes[*r].end as usize;
            if inf.container && !roots.iter().any(inside) && page.attrs(i).class == Some(top_class)
                && container_score(inf) >= threshold
            {
                roots.push(i);
                i = (nodes[i].end as usize).max(i + 1);
                continue;
            }
            i += 1;
        }
        roots.sort_unstable();
    }

    revive_hidden(page, &mut info, top, &mut roots);

    let mut paragraphs = Vec::new();
    let mut collector = Collector::new(config);
    for root in roots {
        deadline.check("clean")?;
        collector.collect(nodes, &info, root, &mut paragraphs);
    }
    warnings.extend(collector.warnings);
    // An index page: most "paragraphs" are summaries under a headline link.
    // Why: kompas-06 and tempo-02 (index pages) otherwise give their teasers as a body.
    // Why: bola-01 (an index page) gives only its lead teaser and a "Berita Utama Lainnya"
    // heading once its gallery is dropped: a small body made of teasers is no article either.
    let body_bytes: usize = paragraphs.iter().map(String::len).sum();
    let few_teasers = collector.teasers > 0 && body_bytes < MIN_BODY_LEN;
    if (collector.teasers >= MIN_INDEX_TEASERS || few_teasers) && collector.teasers * 2 >= paragraphs.len() {
        warnings.push("no article body found (the page lists other articles)".to_string());
        return Ok(Cleaned { paragraphs: Vec::new(), warnings });
    }
    let mut paragraphs = join_datelines(paragraphs);
    drop_headline(&mut paragraphs, meta.title.as_deref());
    drop_trailing_credit(&mut paragraphs);
    if paragraphs.is_empty() {
        warnings.push("no article body found".to_string());
    }
    Ok(Cleaned { paragraphs, warnings })
}

/// Revives hidden blocks that continue the article: those inside a chosen root, and those
/// whose class carries every class word of the chosen container (added as roots).
// Why: merdeka-01..06 ship the article's pages 2–4 in `<div class="mdk-body-paragraph
// paging-content" style="display:none">` next to the visible `mdk-body-paragraph`.
fn revive_hidden(page: &Page<'_>, info: &mut [Info], top: usize, roots: &mut Vec<usize>) {
    let nodes = &page.nodes;
    let top_words: Vec<&str> = page.attrs(top).class.map(|c| c.split_whitespace().collect()).unwrap_or_default();
    let n = nodes.len();
    let mut added = false;
    let mut i = 0;
    while i < n {
        let next = (nodes[i].end as usize).max(i + 1);
        let starts_hidden = info[i].hidden && (nodes[i].parent == NO_PARENT || !info[nodes[i].parent as usize].hidden);
        if !starts_hidden {
            i += 1;
            continue;
        }
        let inside = roots.iter().any(|&r| i > r && i < nodes[r].end as usize);
        let same_class = !inside && !top_words.is_empty() && {
            let class = page.attrs(i).class.unwrap_or("");
            top_words.iter().all(|w| class.split_whitespace().any(|c| c == *w))
        };
        if inside || same_class {
            revive_subtree(nodes, info, i, next.min(n), same_class);
            if same_class {
                roots.push(i);
                added = true;
            }
        }
        i = next;
    }
    if added {
        roots.sort_unstable();
    }
}

/// Clears the hidden-only death of `[start, end)`, skipping subtrees that are unlikely blocks
/// (a hidden menu inside the body stays out); `keep_root` spares the root that check.
fn revive_subtree(nodes: &[DomNode<'_>], info: &mut [Info], start: usize, end: usize, keep_root: bool) {
    let mut i = start;
    while i < end {
        if !info[i].hidden || (info[i].unlikely && !(keep_root && i == start)) {
            i = (nodes[i].end as usize).max(i + 1);
            continue;
        }
        info[i].dead = false;
        info[i].hidden = false;
        i += 1;
    }
}

/// Link blocks at least this long (bytes) read as headlines of other articles.
const HEADLINE_LINK_BYTES: usize = 25;
/// At least this many headline + summary pairs make an index page.
const MIN_INDEX_TEASERS: usize = 4;

/// How many leading paragraphs may repeat the headline.
const HEADLINE_SEARCH: usize = 3;

/// Drops a leading paragraph that is the page title (or its start, before " - Site").
// Why: kompas-09 repeats its headline in an <h2> inside the article container.
fn drop_headline(paragraphs: &mut Vec<String>, title: Option<&str>) {
    let Some(title) = title.map(str::trim).filter(|t| t.len() >= 20) else { return };
    let title = title.to_lowercase();
    let hit = paragraphs.iter().take(HEADLINE_SEARCH).position(|p| {
        p.len() >= 20 && title.starts_with(&p.to_lowercase())
    });
    if let Some(at) = hit {
        paragraphs.remove(at);
    }
}

/// Longest closing line read as a reporter's name in capitals.
const MAX_CAPS_CREDIT_BYTES: usize = 40;

/// Cuts the credit that ends a body: a signature "(mdk/yan)" at the end of the last paragraph,
/// and a last line that is a name in capitals.
// Why: merdeka-05 ends "8. Pintu keluar Tol Buahbatu (mdk/yan)"; tempo-01 ends "DINI TEJA".
fn drop_trailing_credit(paragraphs: &mut Vec<String>) {
    if let Some(last) = paragraphs.last_mut() {
        let cut = strip_signature(last).len();
        last.truncate(cut);
    }
    let caps_name = paragraphs.last().is_some_and(|p| {
        p.len() <= MAX_CAPS_CREDIT_BYTES
            && p.split_whitespace().count() <= 4
            && p.chars().all(|c| c.is_uppercase() || c == ' ' || c == '.')
    });
    if caps_name && paragraphs.len() > 1 {
        paragraphs.pop();
    }
}

/// Longest dateline that is joined to the paragraph after it.
const MAX_DATELINE_CHARS: usize = 60;

/// Joins a lone dateline ("Jakarta -") to the paragraph that follows it.
// Why: detik-03 writes `<strong>Jakarta</strong> -` before the first `<p>`.
fn join_datelines(paragraphs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    let mut pending: Option<String> = None;
    for p in paragraphs {
        let p = match pending.take() {
            Some(dateline) => format!("{dateline} {p}"),
            None => p,
        };
        let is_dateline = p.chars().count() <= MAX_DATELINE_CHARS && (p.ends_with(" -") || p.ends_with(" –") || p.ends_with(" —"));
        if is_dateline {
            pending = Some(p);
        } else {
            out.push(p);
        }
    }
    out.extend(pending);
    out
}

/// Reads the blocks of a container in document order.
struct Collector<'c> {
    config: &'c Config,
    /// The current block's raw text.
    buf: String,
    /// Of which inside links (bytes).
    link_bytes: usize,
    warnings: Vec<String>,
    cut_warned: bool,
    limit_warned: bool,
    /// The last block was a headline link (dropped as link-dense).
    after_headline: bool,
    /// Kept paragraphs that came right after a headline link: teaser summaries.
    teasers: usize,
    /// The last block was a credit label ("Redaktur"): a short next block is its value.
    after_label: bool,
}

impl<'c> Collector<'c> {
    fn new(config: &'c Config) -> Self {
        Collector {
            config,
            buf: String::new(),
            link_bytes: 0,
            warnings: Vec::new(),
            cut_warned: false,
            limit_warned: false,
            after_headline: false,
            teasers: 0,
            after_label: false,
        }
    }

    fn collect(&mut self, nodes: &[DomNode<'_>], info: &[Info], root: usize, out: &mut Vec<String>) {
        // Subtrees are contiguous: walk [root, end) and close blocks as their ranges end.
        let end = (nodes[root].end as usize).min(nodes.len());
        let mut open_blocks: Vec<usize> = Vec::new();
        // <br>s seen since the last text.
        let mut breaks = 0usize;
        let mut i = root;
        while i < end {
            while open_blocks.last().is_some_and(|&b| i >= nodes[b].end as usize) {
                open_blocks.pop();
                self.flush(out);
            }
            if out.len() >= self.config.max_paragraphs {
                if !self.limit_warned {
                    self.warnings.push(format!("body cut at {} paragraphs", self.config.max_paragraphs));
                    self.limit_warned = true;
                }
                self.buf.clear();
                return;
            }
            let node = &nodes[i];
            let inf = &info[i];
            if inf.dead {
                i = (node.end as usize).max(i + 1);
                continue;
            }
            if node.is_text() {
                if !node.raw.trim().is_empty() && breaks > 0 {
                    // One <br> inside a <p> is a line break within the paragraph (a quoted
                    // poster in turnbackhoax-01); two, or <br> between bare text, end it.
                    let in_p = open_blocks.last().is_some_and(|&b| nodes[b].name == "p");
                    if breaks == 1 && in_p {
                        self.buf.push(' ');
                    } else {
                        self.flush(out);
                    }
                    breaks = 0;
                }
                if inf.in_link {
                    self.link_bytes += node.raw.trim().len();
                }
                self.buf.push_str(node.raw);
            } else if node.name == "h1" {
                // The headline is metadata (the benchmark's truth leaves it out too).
                self.flush(out);
                i = (node.end as usize).max(i + 1);
                continue;
            } else if node.name == "br" {
                breaks += 1;
            } else if node.name == "hr" {
                self.flush(out);
            } else if inf.block {
                self.flush(out);
                breaks = 0;
                open_blocks.push(i);
            } else if matches!(node.name.as_ref(), "img") {
                // Images carry no text; their alt text is not body.
            } else if self.buf.as_bytes().last().is_some_and(|b| !b.is_ascii_whitespace())
                && matches!(node.name.as_ref(), "td" | "th" | "dd" | "dt")
            {
                self.buf.push(' ');
            }
            i += 1;
        }
        self.flush(out);
    }

    /// Ends the current block: keeps it unless it is empty, link-dense or boilerplate.
    fn flush(&mut self, out: &mut Vec<String>) {
        if self.buf.trim().is_empty() {
            self.buf.clear();
            self.link_bytes = 0;
            return;
        }
        let raw_len = self.buf.trim().len().max(1);
        let density = self.link_bytes as f32 / raw_len as f32;
        let mut text = normalize_space(&decode_entities(&self.buf));
        self.buf.clear();
        self.link_bytes = 0;
        // A long paragraph with many inline links is still prose (thehill.com); menus and
        // teaser lists are short or nearly all link.
        let link_dense = density > MAX_BLOCK_LINK_DENSITY && (raw_len < LONG_BLOCK_BYTES || density > 0.8);
        // A block with no letter or digit is a separator ("|" in kapanlagi-01's header).
        let wordless = !text.chars().any(char::is_alphanumeric);
        if link_dense && !wordless {
            self.after_headline = text.len() >= HEADLINE_LINK_BYTES;
            return;
        }
        if text.is_empty() || wordless {
            return;
        }
        // Why: republika-02 prints "Redaktur" and "Mohamad Amin Madani" as two blocks.
        if std::mem::take(&mut self.after_label) && text.len() <= MAX_LABEL_VALUE_BYTES && !text.ends_with('.') {
            return;
        }
        if is_credit_label(&text) {
            self.after_label = true;
            return;
        }
        if is_boilerplate(&text) {
            return;
        }
        if std::mem::take(&mut self.after_headline) {
            self.teasers += 1;
        }
        if text.len() > self.config.max_paragraph_bytes {
            let mut cut = self.config.max_paragraph_bytes;
            while cut > 0 && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            if !self.cut_warned {
                self.warnings.push("paragraph cut at the size limit".to_string());
                self.cut_warned = true;
            }
        }
        out.push(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Cleaned {
        let config = Config::default();
        match crate::html::parse(html, &config) {
            Ok(page) => {
                let meta = crate::meta::from_html(&page, None);
                clean(&page, &meta, &config)
            }
            Err(e) => panic!("parse failed: {e}"),
        }
    }

    /// Golden cases: expected bodies under fixtures/clean/<name>/ checked by eye; the page is
    /// `source.html` beside it, or the golden page of the same name in fixtures/pages/.
    #[test]
    fn golden_pages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("fixtures/clean");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let case = entry.path();
            let shared = root.join("fixtures/pages").join(entry.file_name()).join("source.html");
            let (Ok(source), Ok(expected)) = (
                std::fs::read_to_string(case.join("source.html")).or_else(|_| std::fs::read_to_string(&shared)),
                std::fs::read_to_string(case.join("expected.txt")),
            ) else {
                panic!("fixture {} lacks its page or expected.txt", case.display());
            };
            let got = run(&source).paragraphs.join("\n\n");
            assert_eq!(got.trim(), expected.trim(), "fixture {}", case.display());
            seen += 1;
        }
        assert!(seen >= 5, "only {seen} golden cases found in {}", dir.display());
    }

    #[test]
    fn index_page_gives_empty_body_and_warning() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages/okezone-03");
        let source = std::fs::read_to_string(dir.join("source.html")).expect("the okezone-03 page");
        assert!(source.len() > 10_000);
        let cleaned = run(&source);
        assert!(cleaned.paragraphs.is_empty());
        assert!(cleaned.warnings.iter().any(|w| w.contains("no article body")));
    }

    #[test]
    fn baca_juga_inside_the_body_is_dropped() {
        // Lines from detik-03; the "Baca juga" line is not a link-dense block (long title).
        let html = "<html><body><div class=\"detail__body-text\"><strong>Jakarta</strong> -\
            <p>Polisi masih mendalami percekcokan antara pemotor dan pemobil yang dinarasikan membawa pistol di Cipulir, Kabayoran Lama, Jakarta Selatan.</p>\
            <p>Baca juga: Polisi Tangkap Pemotor yang Cekcok dengan Pemobil di Cipulir, Jakarta Selatan</p>\
            <p>Widya mengatakan pemobil atau pria berkemeja biru muda dalam video tersebut menyimpan benda yang dicurigai merupakan pistol di pinggang.</p>\
            <p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p>\
            <p>Peristiwa itu terjadi pada Rabu (7/12/2022) sekitar pukul 21.45 WIB, disebut-sebut antara pengemudi mobil dengan pengemudi motor.</p>\
            </div></body></html>";
        let cleaned = run(html);
        assert_eq!(cleaned.paragraphs.len(), 3, "{:?}", cleaned.paragraphs);
        assert!(cleaned.paragraphs[0].starts_with("Jakarta - Polisi masih mendalami"));
        assert!(cleaned.paragraphs.iter().all(|p| !p.contains("Baca juga") && !p.contains("SCROLL")));
    }

    #[test]
    fn br_lines_and_br_paragraphs() {
        // antaranews-01 separates paragraphs with <br /><br />; turnbackhoax-01 breaks lines of
        // one quoted poster with single <br>s inside a <p>.
        let html = "<html><body><div class=\"content\">Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan baik domestik dan internasional dibatalkan.<br />\n<br />\
            Kepala Seksi Urusan Umum dan Humas PT Angkasa I Bandara Internasional Lombok, Eka Asmadi, mengatakan pembatalan dilakukan mulai pagi.<br />\n<br />\
            <p>“DIBUTUHKAN TENAGA KERJA 200 ORANG TERCEPAT<br>LOWONGAN KERJA PT HWI<br>Jika berminat, silahkan klik link di Bio”</p></div></body></html>";
        let cleaned = run(html);
        assert_eq!(cleaned.paragraphs.len(), 3, "{:?}", cleaned.paragraphs);
        assert!(cleaned.paragraphs[1].starts_with("Kepala Seksi"));
        assert_eq!(
            cleaned.paragraphs[2],
            "“DIBUTUHKAN TENAGA KERJA 200 ORANG TERCEPAT LOWONGAN KERJA PT HWI Jika berminat, silahkan klik link di Bio”"
        );
    }

    #[test]
    fn script_text_is_not_prose() {
        // liputan6-10: the tail of a script cut at `<\/script\>`; a prose list with semicolons.
        assert!(looks_like_code(b"`;\n            return template;\n          },\n          appendElement: function() {\n            this.getElement();"));
        assert!(!looks_like_code("Daerah yang terdampak: Jakarta; Bogor; Depok; Tangerang; Bekasi; dan Karawang.".as_bytes()));
        assert!(!looks_like_code("Harga naik 5% (dari Rp 10.000 menjadi Rp 10.500), kata dia.".as_bytes()));
    }

    #[test]
    fn hidden_page_of_the_article_is_kept_hidden_menu_is_not() {
        // merdeka-01's layout: pages 2.. of the article in display:none blocks of the same class.
        let html = "<html><body><div id=\"mdk-body\">\
            <div class=\"mdk-body-paragraph\"><p>Banjir merendam ratusan rumah di Jakarta Timur, kata petugas pada Sabtu malam, dan warga mulai mengungsi ke masjid.</p>\
            <p>Petugas pemadam kebakaran mengerahkan perahu karet untuk mengevakuasi warga lanjut usia, anak-anak, dan ibu hamil.</p></div>\
            <div class=\"mdk-body-paragraph paging-content\" style=\"display:none\"><p>Hingga Minggu pagi, ketinggian air di sejumlah titik masih mencapai satu meter, menurut data BPBD DKI Jakarta.</p></div>\
            <div class=\"menu-popup\" style=\"display:none\"><p>Masuk atau daftar untuk membaca berita pilihan, menyimpan artikel, dan berkomentar.</p></div>\
            </div></body></html>";
        let cleaned = run(html);
        assert_eq!(cleaned.paragraphs.len(), 3, "{:?}", cleaned.paragraphs);
        assert!(cleaned.paragraphs[2].starts_with("Hingga Minggu pagi"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "<p>Banjir merendam ratusan rumah di Jakarta Timur, kata petugas pada Sabtu malam itu.</p>" + &"</div>".repeat(100_000);
        // The pipeline's parse refuses it (`max_depth`, a typed `too_complex` error) …
        assert!(matches!(crate::html::parse(&html, &Config::default()), Err(crate::error::ExtractError::TooComplex(_))));
        // … and a tree parsed without limits is still cleaned safely, skipping the deep part.
        let page = Page::new(&html, crate::html::dom::parse(&html));
        let cleaned = clean(&page, &crate::meta::from_html(&page, None), &Config::default());
        assert!(cleaned.warnings.iter().any(|w| w.contains("nested deeper")));
    }

    #[test]
    fn long_paragraph_is_cut_at_a_char_boundary() {
        let config = Config { max_paragraph_bytes: 101, ..Config::default() };
        let text = "“Kata” — ".repeat(200);
        let html = format!("<html><body><article><p>{text}, lagi, dan lagi, terus.</p></article></body></html>");
        let page = match crate::html::parse(&html, &config) {
            Ok(page) => page,
            Err(e) => panic!("{e}"),
        };
        let cleaned = clean(&page, &Metadata::default(), &config);
        assert_eq!(cleaned.paragraphs.len(), 1);
        assert!(cleaned.paragraphs[0].len() <= 101);
        assert!(cleaned.warnings.iter().any(|w| w.contains("size limit")));
    }
}
