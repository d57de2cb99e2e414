//! Reads the index: a free-text query over title, text and quotes (all words required, the
//! Indonesian analyzer applied to the query too), exact filters on speaker, person, site and
//! category, a date range on `published`, near-duplicates left out on request, and hits with a
//! highlighted snippet.

use std::ops::Bound;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::{analyzer, day_start, Fields};

/// Characters of body text around the matches shown in a snippet.
pub const SNIPPET_CHARS: usize = 200;
/// How much more a match in the title weighs than one in the body or a quote.
const TITLE_BOOST: f32 = 2.0;

/// One search: the query text and its filters.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Free text ("serangan siber"); empty matches every document (filters still apply).
    pub query: String,
    /// Only records quoting this speaker (whole name, case-insensitive).
    pub speaker: Option<String>,
    /// Only records naming this person (whole name, case-insensitive).
    pub person: Option<String>,
    /// Only records of this site (case-insensitive).
    pub site: Option<String>,
    /// Only records in this category (case-insensitive).
    pub category: Option<String>,
    /// Only records published on or after this day (the page's own calendar day).
    pub since: Option<chrono::NaiveDate>,
    /// Only records published on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// At most this many hits.
    pub limit: usize,
    /// Leave out records that are a near-duplicate of another (`duplicate_of` set); needs an
    /// index built by a warta that indexes duplicates ([`SearchError::NeedsRebuild`] otherwise).
    pub no_duplicates: bool,
}

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
    /// The request needs a field the index does not have: it was built by an older warta, and
    /// an index keeps the fields it was created with.
    #[error(
        "{option} needs the `{field}` field, which this index lacks (it was built by an older warta): \
         rebuild the index (remove its directory and run `warta index` again)"
    )]
    NeedsRebuild {
        /// The option that needs the field (`--no-duplicates`).
        option: &'static str,
        /// The missing field.
        field: &'static str,
    },
}

/// One search result, printed as a JSON line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// The record id.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The article URL.
    pub url: Option<String>,
    /// The site.
    pub site: Option<String>,
    /// Publication time as the record wrote it.
    pub published: Option<String>,
    /// BM25 relevance (0 for a filter-only search).
    pub score: f32,
    /// A piece of the body (HTML-escaped) with the matched words in `<b>…</b>`.
    pub snippet: String,
    /// The `id` of the first copy when this record is a near-duplicate of it; left out of the
    /// JSON line otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// Runs `request` against the index in `dir` (opening it for this one search).
pub fn search(dir: &Path, request: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
    SearchIndex::open(dir)?.search(request)
}

/// An index opened for searching, to run many searches without reopening it.
pub struct SearchIndex {
    index: tantivy::Index,
    reader: tantivy::IndexReader,
    fields: Fields,
}

impl SearchIndex {
    /// Opens the index in `dir` for reading.
    pub fn open(dir: &Path) -> tantivy::Result<SearchIndex> {
        let (index, fields) = super::open(dir)?;
        let reader = index.reader()?;
        Ok(SearchIndex { index, reader, fields })
    }

    /// Runs `request`, best hits first.
    pub fn search(&self, request: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
        run(&self.index, &self.reader.searcher(), self.fields, request)
    }
}

fn run(index: &tantivy::Index, searcher: &tantivy::Searcher, f: Fields, request: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
    let text_query: Box<dyn Query> = if request.query.trim().is_empty() {
        Box::new(AllQuery)
    } else {
        let mut parser = QueryParser::for_index(index, vec![f.title, f.text, f.quotes]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        // Lenient: a stray quote mark or colon in what the user typed is not an error.
        parser.parse_query_lenient(&request.query).0
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    let filters = [
        (f.speakers, &request.speaker),
        (f.people, &request.person),
        (f.site, &request.site),
        (f.categories, &request.category),
    ];
    for (field, value) in filters {
        if let Some(value) = value {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(keyword_query(field, value)), 0.0))));
        }
    }
    if request.since.is_some() || request.until.is_some() {
        let lower = match request.since {
            Some(day) => Bound::Included(Term::from_field_date(f.published, day_start(day))),
            None => Bound::Unbounded,
        };
        let upper = match request.until.and_then(|day| day.succ_opt()) {
            Some(next) => Bound::Excluded(Term::from_field_date(f.published, day_start(next))),
            None => Bound::Unbounded,
        };
        let range = RangeQuery::new(lower, upper);
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(range), 0.0))));
    }
    if request.no_duplicates {
        let field = f.duplicate.ok_or(SearchError::NeedsRebuild { option: "--no-duplicates", field: "duplicate" })?;
        let duplicate = TermQuery::new(Term::from_field_bool(field, true), IndexRecordOption::Basic);
        clauses.push((Occur::MustNot, Box::new(duplicate)));
    }
    let query = BooleanQuery::new(clauses);
    let top = searcher.search(&query, &TopDocs::with_limit(request.limit.max(1)).order_by_score())?;

    let mut body_snippets = SnippetGenerator::create(searcher, &*text_query, f.text)?;
    body_snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut title_snippets = SnippetGenerator::create(searcher, &*text_query, f.title)?;
    title_snippets.set_max_num_chars(SNIPPET_CHARS);

    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let mut snippet = body_snippets.snippet_from_doc(&doc);
        if snippet.highlighted().is_empty() {
            let in_title = title_snippets.snippet_from_doc(&doc);
            if !in_title.highlighted().is_empty() {
                snippet = in_title;
            }
        }
        let snippet = if snippet.fragment().is_empty() {
            escape(&opening(text(f.text).as_deref().unwrap_or_default(), SNIPPET_CHARS))
        } else {
            snippet.to_html()
        };
        hits.push(Hit {
            id: text(f.id).unwrap_or_default(),
            title: text(f.title),
            url: text(f.url),
            site: text(f.site),
            published: text(f.published_text),
            score,
            snippet,
            duplicate_of: f.duplicate_of.and_then(text),
        });
    }
    Ok(hits)
}

/// The exact-match query of a keyword filter, normalised as the keyword field was.
fn keyword_query(field: Field, value: &str) -> TermQuery {
    let mut analyzer = analyzer::keyword_analyzer();
    let mut stream = analyzer.token_stream(value.trim());
    let token = if stream.advance() { stream.token().text.clone() } else { String::new() };
    TermQuery::new(Term::from_field_text(field, &token), IndexRecordOption::Basic)
}

/// The first `max_chars` characters of `text`, cut at a word boundary when there is one.
fn opening(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let cut = head.rfind(char::is_whitespace).filter(|at| *at > end / 2).unwrap_or(end);
            format!("{}…", head[..cut].trim_end())
        }
    }
}

/// Escapes text for HTML as the highlighted snippets are.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_cuts_at_characters_and_words() {
        assert_eq!(opening("pendek", 200), "pendek");
        let text = "“Sejak gangguan di PDN” — kata Silmy Karim, Jumat";
        assert_eq!(opening(text, 30), "“Sejak gangguan di PDN” —…", "cut before a word the limit touches");
        assert_eq!(opening(&"é".repeat(50), 10), format!("{}…", "é".repeat(10)));
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
