//! Page metadata, read before anything is removed, in a fixed order: JSON-LD, OpenGraph and
//! `article:*` meta tags, `<time>`, byline text, then the URL. Body text is `clean`'s job.

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

/// Reads the metadata of an HTML page; `url` is the page's address when known from outside.
pub fn from_html(page: &Page<'_>, url: Option<&str>) -> Metadata {
    let parser = page.dom.parser();
    let mut meta = Metadata { url: url.map(str::to_owned), ..Default::default() };
    if let Some(title) = page
        .dom
        .query_selector("title")
        .and_then(|mut it| it.next())
        .and_then(|h| h.get(parser))
    {
        let t = crate::html::normalize_space(&crate::html::decode_entities(&title.inner_text(parser)));
        if !t.is_empty() {
            meta.title = Some(t);
        }
    }
    meta
}
