//! Page metadata, read before anything is removed, in a fixed order: JSON-LD, OpenGraph and
//! `article:*` meta tags, other meta tags, `<link rel=canonical>`, `<time>`, byline text, then
//! the URL. The first value found wins per field, with these documented exceptions:
//!
//! - Authors: a JSON-LD author who is also the page's editor (meta `content_editor` or an
//!   "Editor:" byline) is not an author — mediaindonesia-01 and kompas-07 do this. Credits that
//!   name an organisation ("Kompas Cyber Media", "PT. VIVA MEDIA BARU") are used only when no
//!   person is named anywhere. An author that is only the site's own name ("Liputan6.com" on
//!   liputan6.com) is dropped when a person is named too, and kept when it is the only credit —
//!   an agency or desk credit ("Antara", "Tim Redaksi") still says who wrote the piece.
//! - Categories are the union, in order, of JSON-LD `articleSection`, `article:section` and the
//!   breadcrumb (JSON-LD, then markup), without home links, the headline or the site name.
//! - Tags come from the first source that has any: JSON-LD `keywords`, `article:tag`,
//!   `news_keywords`, `keywords`, tag links; a list holding a bare function word is the body's
//!   first words (merdeka.com), not tags, and is skipped.
//! - Dates keep their instant; a value without offset takes the byline's zone (WIB, WITA, WIT)
//!   or else WIB (+07:00), the zone of most Indonesian newsrooms.

pub mod byline;
pub mod jsonld;
pub mod tags;
pub mod time;

use std::sync::LazyLock;

use crate::html::Page;

/// What the page says about itself: URL, site, title, dates, bylines, sections and tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD), else the URL given from outside.
    pub url: Option<String>,
    /// Site name (`og:site_name`, JSON-LD publisher) or host.
    pub site: Option<String>,
    /// Headline without the " - Site" suffix.
    pub title: Option<String>,
    /// Publication time, RFC 3339 with offset, or `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Modification time, same format.
    pub modified: Option<String>,
    /// Writers.
    pub authors: Vec<String>,
    /// Editors.
    pub editors: Vec<String>,
    /// Sections.
    pub categories: Vec<String>,
    /// Tags and keywords.
    pub tags: Vec<String>,
    /// The page's own summary (`og:description`, `description`), used to find the body.
    pub description: Option<String>,
    /// Notes on doubtful values.
    pub warnings: Vec<String>,
}

/// Breadcrumb entries that name the home page, from `site_navigation.txt`.
static NAVIGATION: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::entries(include_str!("../lexicon/site_navigation.txt")).collect());

/// Indonesian function words, from `meta_function_words.txt`.
static FUNCTION_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::lexicon::entries(include_str!("../lexicon/meta_function_words.txt")).collect());

/// Most categories kept (breadcrumbs can be long).
const MAX_CATEGORIES: usize = 6;
/// Most tags kept.
const MAX_TAGS: usize = 40;
/// Longest site name accepted (longer values are headlines or slogans).
const MAX_SITE_CHARS: usize = 40;
/// Longest zone-less line read as a byline date.
const MAX_DATE_LINE_CHARS: usize = 40;
/// Longest line read as a byline.
const MAX_BYLINE_CHARS: usize = tags::MAX_LINE_CHARS;

/// Reads the metadata of an HTML page; `url` is the page's address when known from outside.
pub fn from_html(page: &Page<'_>, url: Option<&str>) -> Metadata {
    let scan = tags::scan(page);
    let ld = jsonld::read(scan.scripts.iter().map(String::as_str));
    let meta_all = |key: &str| -> Vec<&str> {
        scan.metas.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    };
    let meta_one = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| meta_all(k).first().map(|v| v.to_string()))
    };
    let mut meta = Metadata { warnings: ld.warnings.clone(), ..Default::default() };

    // Byline text: the page's zone word ("WIB") and, as a last resort, the date and names.
    let byline_lines: Vec<&str> =
        scan.lines.iter().map(String::as_str).filter(|l| l.chars().count() <= MAX_BYLINE_CHARS).collect();
    let text_date = byline_lines
        .iter()
        .filter(|l| time::has_zone_word(l))
        .find_map(|l| time::find_text_date(l));
    let page_offset = text_date.and_then(|(_, zone)| zone);
    // Why: turnbackhoax-01 has its date only in <span class="entry-meta-date">May 29, 2025</span>;
    // suara-01 prints "19 Jun 2015 | 13:06" with no zone word, thejakartapost-01
    // "World | Fri, June 19 2015, 7:36 AM". Date elements, then short lines (or "|" parts of
    // one) that are mostly a date; a date with a time of day wins over a bare day.
    let text_date = text_date.or_else(|| {
        let parts = byline_lines
            .iter()
            .copied()
            .chain(byline_lines.iter().filter(|l| l.contains('|')).flat_map(|l| l.split('|')))
            .map(str::trim)
            .filter(|p| p.chars().count() <= MAX_DATE_LINE_CHARS && p.bytes().any(|b| b.is_ascii_digit()));
        let dates: Vec<_> = scan
            .marked_dates
            .iter()
            .map(String::as_str)
            .chain(parts)
            .filter_map(time::find_text_date)
            .collect();
        dates.iter().find(|(d, _)| d.time.is_some()).or(dates.first()).copied()
    });

    meta.url = ld
        .url
        .clone()
        .or_else(|| meta_one(&["og:url"]))
        .or_else(|| scan.canonical.clone())
        .filter(|u| u.starts_with("http"))
        .or_else(|| url.map(str::to_owned));
    // Why: okezone-04 puts the headline in og:site_name, planet.merdeka.com a URL.
    let site_ok = |s: &String| {
        s.chars().count() <= MAX_SITE_CHARS
            && scan.title.as_deref().is_none_or(|t| fold(t) != fold(s))
    };
    meta.site = ld
        .publisher
        .clone()
        .filter(site_ok)
        .or_else(|| meta_all("og:site_name").into_iter().chain(meta_all("application-name")).map(str::to_owned).find(site_ok))
        .map(|s| if s.starts_with("http") { crate::host_of(&s).unwrap_or(&s).to_string() } else { s })
        .or_else(|| meta.url.as_deref().and_then(crate::host_of).map(str::to_owned));

    let raw_title = ld
        .headline
        .clone()
        .or_else(|| meta_one(&["og:title", "twitter:title"]))
        .or_else(|| scan.title.clone())
        // Why: liputan6-04's og:title is the script text "\"+document.title+\"".
        .filter(|t| !t.contains("document.title"));
    meta.title = raw_title.map(|t| strip_site_suffix(&t, meta.site.as_deref(), meta.url.as_deref()));

    let date = |ld_value: &Option<String>, keys: &[&str]| -> Option<String> {
        ld_value
            .iter()
            .map(String::as_str)
            .chain(keys.iter().flat_map(|k| meta_all(k)))
            .find_map(time::parse_iso)
            .map(|d| d.render(page_offset))
    };
    meta.published = date(
        &ld.published,
        &["article:published_time", "og:published_time", "pubdate", "publishdate", "publish-date",
          "content_publisheddate", "dtk:publishdate", "datepublished", "date", "dc.date", "dc.date.issued"],
    )
    .or_else(|| scan.times.iter().find_map(|t| time::parse_iso(t)).map(|d| d.render(page_offset)))
    .or_else(|| text_date.map(|(d, _)| d.render(page_offset)));
    meta.modified = date(&ld.modified, &["article:modified_time", "og:updated_time", "datemodified", "dtk:updatedate", "lastmod"]);

    // Authors and editors: JSON-LD, meta tags, the byline lines of the text, then elements
    // marked as authors; organisation credits only when no person is named.
    let (text_authors, text_editors) = text_byline(&byline_lines);
    let meta_editors: Vec<String> = ["content_editor", "dtk:editor", "editor", "article:editor"]
        .iter()
        .flat_map(|k| meta_all(k))
        .filter(|v| !v.starts_with("http"))
        .flat_map(byline::split_names)
        .collect();
    let editors = [ld.editors.clone(), meta_editors, text_editors]
        .into_iter()
        .find(|e| !e.is_empty())
        .unwrap_or_default();
    // Why: mediaindonesia-01's JSON-LD names its editor ("Editor : Heryadi") as author.
    let editor_keys: Vec<String> = editors.iter().map(|e| fold(e)).collect();
    let mut candidates: Vec<Vec<String>> = vec![ld.authors.iter().filter(|a| !editor_keys.contains(&fold(a))).cloned().collect()];
    for key in ["article:author", "author", "dtk:author", "content_author"] {
        candidates.push(meta_all(key).into_iter().filter(|v| !v.starts_with("http")).flat_map(byline::split_names).collect());
    }
    candidates.push(text_authors);
    candidates.push(
        scan.marked_authors
            .iter()
            .flat_map(|a| byline::split_names(a))
            .filter(|a| byline::looks_like_name(a) && !editor_keys.contains(&fold(a)))
            .collect(),
    );
    let people = candidates
        .iter()
        .find(|names| names.iter().any(|n| !byline::is_organization(n)))
        .map(|names| names.iter().filter(|n| !byline::is_organization(n)).cloned().collect::<Vec<_>>());
    let authors = people
        .or_else(|| candidates.into_iter().find(|names| !names.is_empty()))
        .unwrap_or_default();
    meta.authors = drop_publisher(dedup(authors), meta.site.as_deref(), meta.url.as_deref());
    meta.editors = dedup(editors);

    // Categories: sections first, then the breadcrumb, without home links or the headline.
    let mut categories: Vec<String> = ld.sections.clone();
    categories.extend(meta_all("article:section").into_iter().map(str::to_owned));
    categories.extend(ld.breadcrumb.iter().cloned());
    categories.extend(scan.breadcrumb.iter().cloned());
    let title_key = meta.title.as_deref().map(fold);
    let site_key = meta.site.as_deref().map(fold);
    categories.retain(|c| {
        let key = fold(c);
        !NAVIGATION.contains(&c.to_lowercase().as_str())
            && Some(&key) != title_key.as_ref()
            && Some(&key) != site_key.as_ref()
            && c.chars().count() <= 60
    });
    meta.categories = dedup(categories);
    meta.categories.truncate(MAX_CATEGORIES);

    // Tags: the first source that has any.
    let split = |v: &str| -> Vec<String> { v.split([',', ';']).map(crate::html::normalize_space).filter(|s| !s.is_empty()).collect() };
    let sources: Vec<Vec<String>> = vec![
        ld.keywords.clone(),
        meta_all("article:tag").into_iter().flat_map(split).collect(),
        meta_all("news_keywords").into_iter().flat_map(split).collect(),
        meta_all("keywords").into_iter().flat_map(split).collect(),
        scan.tag_links.clone(),
    ];
    // Why: merdeka-01 and kapanlagi-01 fill `keywords` with the body's first words
    // ("Umumnya, banyak, orang"): a list with a bare function word is not a tag list.
    let is_word_salad = |items: &Vec<String>| items.iter().any(|t| FUNCTION_WORDS.contains(&t.to_lowercase().as_str()));
    // Why: liputan6-01 lists "Tekno:Telko" and "Editor:Iskandar" among its article:tag values.
    let sources: Vec<Vec<String>> = sources
        .into_iter()
        .map(|s| s.into_iter().filter(|t| t.split_once(':').is_none_or(|(_, rest)| rest.starts_with(' '))).collect())
        .collect();
    meta.tags = dedup(sources.into_iter().find(|s| !s.is_empty() && !is_word_salad(s)).unwrap_or_default());
    meta.tags.truncate(MAX_TAGS);

    meta.description = meta_one(&["og:description", "description", "twitter:description"]).or(ld.description.clone());
    meta
}

/// Authors and editors of the first byline lines in the page text. A label alone on its line
/// takes the next line as its value (kompas-01: "Penulis" then "Kontributor Lhokseumawe, Masriadi").
fn text_byline(lines: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut authors = Vec::new();
    let mut editors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let joined;
        let line = if byline::is_label(line) {
            let Some(next) = lines.get(i + 1) else { break };
            joined = format!("{}: {}", line.trim().trim_end_matches(':'), next);
            joined.as_str()
        } else {
            line
        };
        for (role, names) in byline::parse_line(line) {
            match role {
                byline::Role::Author if authors.is_empty() => authors = names,
                byline::Role::Editor if editors.is_empty() => editors = names,
                _ => {}
            }
        }
        if !authors.is_empty() && !editors.is_empty() {
            break;
        }
    }
    (authors, editors)
}

/// Case- and space-insensitive key for comparing names.
fn fold(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Drops repeats (same letters, case ignored) and empty entries, keeping first spellings.
fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = crate::fasthash::Set::default();
    items.into_iter().filter(|i| !i.trim().is_empty() && seen.insert(fold(i))).collect()
}

/// The host's first label ("kompas" for regional.kompas.com), for matching site names.
fn host_stem(url: Option<&str>) -> Option<String> {
    let host = crate::host_of(url?)?;
    let labels: Vec<&str> = host.split('.').collect();
    let generic = ["com", "co", "id", "net", "org", "or", "go", "ac", "web", "news", "tv"];
    labels.iter().rev().find(|l| !generic.contains(l)).map(|l| l.to_lowercase())
}

/// True when `part` names the site ("Kompas.com Regional", "ANTARA News", "merdeka.com").
fn names_site(part: &str, site: Option<&str>, url: Option<&str>) -> bool {
    let key = fold(part);
    if key.is_empty() {
        return false;
    }
    let site_key = site.map(fold).filter(|s| !s.is_empty());
    if site_key.as_ref().is_some_and(|s| key.contains(s.as_str()) || s.contains(&key)) {
        return true;
    }
    if host_stem(url).is_some_and(|stem| stem.len() >= 3 && key.contains(&stem)) {
        return true;
    }
    let lower = part.to_lowercase();
    [".com", ".co.id", ".id", ".net", " online", " news"].iter().any(|s| lower.contains(s))
}

/// Removes trailing " - Site", " | Site", " : Site", " :: Site" parts that name the site.
pub fn strip_site_suffix(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        let cut = [" | ", " - ", " – ", " — ", " :: ", " : ", " » "]
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|at| (at, sep.len())))
            .max_by_key(|(at, _)| *at);
        let Some((at, len)) = cut else { break };
        let (head, tail) = (&t[..at], &t[at + len..]);
        if head.trim().is_empty() || !names_site(tail, site, url) {
            break;
        }
        t = head.trim().to_string();
    }
    // Why: kapanlagi-03's og:title is "Kapanlagi.com: Musik - Bikin Gaduh Kota, …".
    if let Some((head, tail)) = t.split_once(": ") {
        if names_site(head, site, url) && head.chars().count() <= 30 {
            let tail = tail.split_once(" - ").filter(|(sec, _)| sec.split_whitespace().count() <= 2).map_or(tail, |(_, rest)| rest);
            if !tail.trim().is_empty() {
                t = tail.trim().to_string();
            }
        }
    }
    t
}

/// Drops authors that are only the publisher's name, when a person is named as well.
fn drop_publisher(authors: Vec<String>, site: Option<&str>, url: Option<&str>) -> Vec<String> {
    let is_site = |a: &String| {
        let key = fold(a);
        site.map(fold).is_some_and(|s| s == key) || host_stem(url).is_some_and(|h| key == h || key == format!("{h}com"))
    };
    if authors.iter().any(|a| !is_site(a)) {
        authors.into_iter().filter(|a| !is_site(a)).collect()
    } else {
        authors
    }
}

#[cfg(test)]
mod tests;
