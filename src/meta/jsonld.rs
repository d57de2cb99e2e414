//! JSON-LD metadata: the article object (`NewsArticle`, `Article`, `ReportageNewsArticle` …)
//! found in top-level arrays or `@graph`, and the `BreadcrumbList`. Broken JSON is skipped.

use serde_json::Value;

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default, Clone)]
pub struct LdFacts {
    /// `headline` (else `name`).
    pub headline: Option<String>,
    /// `url` or `mainEntityOfPage` of the article.
    pub url: Option<String>,
    /// `datePublished`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `author` names.
    pub authors: Vec<String>,
    /// `editor` names.
    pub editors: Vec<String>,
    /// `articleSection`.
    pub sections: Vec<String>,
    /// `keywords`.
    pub keywords: Vec<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `BreadcrumbList` item names, in order.
    pub breadcrumb: Vec<String>,
    /// Notes on scripts that could not be read.
    pub warnings: Vec<String>,
}

/// The longest script body read; larger ones are skipped.
const MAX_SCRIPT_BYTES: usize = 2_000_000;

/// Reads every `application/ld+json` script of the page; `scripts` are their raw bodies.
pub fn read<'s>(scripts: impl Iterator<Item = &'s str>) -> LdFacts {
    let mut facts = LdFacts::default();
    let mut broken = 0;
    for body in scripts {
        if body.len() > MAX_SCRIPT_BYTES {
            continue;
        }
        let body = body.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let body = body.trim_end_matches(';');
        match serde_json::from_str::<Value>(body) {
            Ok(value) => visit(&value, &mut facts, 0),
            Err(_) => broken += 1,
        }
    }
    if broken > 0 {
        facts.warnings.push(format!("{broken} JSON-LD block(s) could not be parsed"));
    }
    facts
}

/// How deep nested objects are searched for the article.
const MAX_LD_DEPTH: usize = 6;

/// Walks arrays and `@graph` for article and breadcrumb objects.
fn visit(value: &Value, facts: &mut LdFacts, depth: usize) {
    if depth > MAX_LD_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| visit(v, facts, depth + 1)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                visit(graph, facts, depth + 1);
            }
            let types = types_of(value);
            if types.iter().any(|t| is_article_type(t)) {
                read_article(value, facts);
            } else if types.iter().any(|t| t == "BreadcrumbList") && facts.breadcrumb.is_empty() {
                facts.breadcrumb = breadcrumb(value);
            } else if types.iter().any(|t| t == "WebPage" || t == "ItemPage") {
                // Why: some sites nest the article under WebPage.mainEntity.
                if let Some(main) = map.get("mainEntity") {
                    visit(main, facts, depth + 1);
                }
                if let Some(crumbs) = map.get("breadcrumb") {
                    visit(crumbs, facts, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The `@type` values of an object.
fn types_of(value: &Value) -> Vec<String> {
    match value.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// True for schema.org article types (`NewsArticle`, `BlogPosting`, `ReportageNewsArticle` …).
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report"
}

/// Text of a JSON string, entities decoded and white space normalised; empty is None.
fn text(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => return text(a.first()),
        Value::Object(o) => return text(o.get("name").or_else(|| o.get("@id"))),
        _ => return None,
    };
    let t = crate::html::normalize_space(&crate::html::decode_entities(s));
    (!t.is_empty()).then_some(t)
}

/// Fills empty fields of `facts` from one article object (the first article wins per field).
fn read_article(value: &Value, facts: &mut LdFacts) {
    let get = |k: &str| value.get(k);
    if facts.headline.is_none() {
        facts.headline = text(get("headline")).or_else(|| text(get("name")));
    }
    if facts.url.is_none() {
        facts.url = text(get("url"))
            .or_else(|| text(get("mainEntityOfPage")))
            .filter(|u| u.starts_with("http"));
    }
    if facts.published.is_none() {
        facts.published = text(get("datePublished")).or_else(|| text(get("dateCreated")));
    }
    if facts.modified.is_none() {
        facts.modified = text(get("dateModified"));
    }
    if facts.authors.is_empty() {
        facts.authors = people(get("author"));
    }
    if facts.editors.is_empty() {
        facts.editors = people(get("editor"));
    }
    if facts.sections.is_empty() {
        facts.sections = list(get("articleSection"));
    }
    if facts.keywords.is_empty() {
        facts.keywords = list(get("keywords"));
    }
    if facts.publisher.is_none() {
        facts.publisher = get("publisher").and_then(|p| text(p.get("name")).or_else(|| text(Some(p))));
    }
    if facts.description.is_none() {
        facts.description = text(get("description"));
    }
}

/// Names from an author value: a string ("A, B"), an object with `name`, or an array of them.
fn people(value: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        Some(Value::String(s)) => out.extend(super::byline::split_names(&crate::html::decode_entities(s))),
        Some(Value::Object(o)) => {
            if let Some(name) = text(o.get("name")) {
                out.extend(super::byline::split_names(&name));
            }
        }
        Some(Value::Array(items)) => items.iter().for_each(|v| out.extend(people(Some(v)))),
        _ => {}
    }
    out
}

/// A list value: an array of strings, or one string with commas.
fn list(value: Option<&Value>) -> Vec<String> {
    let items: Vec<String> = match value {
        Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    };
    items
        .iter()
        .map(|s| crate::html::normalize_space(&crate::html::decode_entities(s)))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Item names of a `BreadcrumbList`, ordered by `position` when given.
fn breadcrumb(value: &Value) -> Vec<String> {
    let Some(Value::Array(items)) = value.get("itemListElement") else { return Vec::new() };
    let mut named: Vec<(i64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let name = text(item.get("name")).or_else(|| item.get("item").and_then(|it| text(it.get("name"))))?;
            let pos = item.get("position").and_then(|p| p.as_i64().or_else(|| p.as_str()?.parse().ok()));
            Some((pos.unwrap_or(i as i64), name))
        })
        .collect();
    named.sort_by_key(|(p, _)| *p);
    named.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_arrays_and_broken_blocks() {
        let good = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
            {"@type":"NewsArticle","headline":"Server PDN Kembali Pulih","datePublished":"2024-06-29T10:00:00+07:00",
             "author":[{"@type":"Person","name":"Agus Salim Abas"}],"articleSection":"Advetorial",
             "keywords":"PDN, Imigrasi"},
            {"@type":"BreadcrumbList","itemListElement":[{"position":2,"name":"Advetorial"},{"position":1,"name":"Home"}]}]}"#;
        let facts = read([good, "{broken"].into_iter());
        assert_eq!(facts.headline.as_deref(), Some("Server PDN Kembali Pulih"));
        assert_eq!(facts.authors, ["Agus Salim Abas"]);
        assert_eq!(facts.sections, ["Advetorial"]);
        assert_eq!(facts.keywords, ["PDN", "Imigrasi"]);
        assert_eq!(facts.breadcrumb, ["Home", "Advetorial"]);
        assert_eq!(facts.warnings.len(), 1);
    }

    #[test]
    fn author_string_is_split() {
        let facts = read([r#"[{"@type":"ReportageNewsArticle","author":"Fika Nurul, Adi Suhendi"}]"#].into_iter());
        assert_eq!(facts.authors, ["Fika Nurul", "Adi Suhendi"]);
    }
}
