//! The embedded search index (`warta index`, `warta search`): records into a tantivy index in a
//! directory, no server needed.
//!
//! Fields: `title`, `text` and `quotes` go through the Indonesian analyzer ([`analyzer`]);
//! `speakers`, `people`, `site` and `categories` are keyword fields (whole value, lower-cased and
//! folded) for exact filters; `published` is a fast date field; `id` is the stored keyword a
//! re-indexed record replaces its old copy by; `duplicate_of` (stored keyword) and `duplicate`
//! (an indexed bool) say whether a record is a near-duplicate of another. [`writer`] fills the
//! index, [`search`] reads it.
//!
//! An index keeps the schema it was created with. Fields added since (`duplicate_of`,
//! `duplicate`) are optional in [`Fields`], so an index built by an older warta still opens and
//! searches; only what needs them says the index must be rebuilt.

pub mod analyzer;
pub mod search;
pub mod writer;

use std::path::Path;

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, INDEXED, STORED,
};
use tantivy::Index;

pub use search::{search, Hit, SearchError, SearchIndex, SearchRequest};
pub use writer::{IndexDoc, IndexSummary, Indexer};

/// The fields of a warta index, looked up once from its schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The record id (stored keyword; the key a re-indexed record replaces by).
    pub id: Field,
    /// The headline (full text, stored).
    pub title: Field,
    /// The body (full text, stored for snippets).
    pub text: Field,
    /// Every quote's text (full text, one value per quote).
    pub quotes: Field,
    /// Quote speakers (keyword, one value per distinct speaker).
    pub speakers: Field,
    /// People named (keyword).
    pub people: Field,
    /// The site (keyword, stored).
    pub site: Field,
    /// Publication time as the page's wall-clock time (fast date); see [`published_date`].
    pub published: Field,
    /// `published` as the record wrote it (stored only, shown in hits).
    pub published_text: Field,
    /// Site sections (keyword).
    pub categories: Field,
    /// The article URL (stored keyword).
    pub url: Field,
    /// The `id` of the first copy when the record is a near-duplicate (stored keyword); None in
    /// an index built before warta indexed duplicates.
    pub duplicate_of: Option<Field>,
    /// Whether the record is a near-duplicate (indexed bool, set on every document); None in an
    /// index built before warta indexed duplicates.
    pub duplicate: Option<Field>,
}

/// The schema of a warta index.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let full_text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer::TEXT_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let keyword = |stored: bool| {
        let indexing =
            TextFieldIndexing::default().set_tokenizer(analyzer::KEYWORD_ANALYZER).set_index_option(IndexRecordOption::Basic);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let raw = TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer("raw").set_index_option(IndexRecordOption::Basic))
        .set_stored();
    builder.add_text_field("id", raw.clone());
    builder.add_text_field("title", full_text(true));
    builder.add_text_field("text", full_text(true));
    builder.add_text_field("quotes", full_text(false));
    builder.add_text_field("speakers", keyword(false));
    builder.add_text_field("people", keyword(false));
    builder.add_text_field("site", keyword(true));
    builder.add_date_field(
        "published",
        DateOptions::default().set_indexed().set_fast().set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field("published_text", STORED);
    builder.add_text_field("categories", keyword(false));
    builder.add_text_field("url", raw.clone());
    builder.add_text_field("duplicate_of", raw);
    builder.add_bool_field("duplicate", INDEXED);
    builder.build()
}

impl Fields {
    /// Looks the fields up in `schema`; an index made by something else is an error. The fields
    /// a newer warta added are optional: an older index has none of them.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| {
            schema.get_field(name).map_err(|_| {
                tantivy::TantivyError::SchemaError(format!("not a warta index: it has no field {name:?}"))
            })
        };
        Ok(Fields {
            id: get("id")?,
            title: get("title")?,
            text: get("text")?,
            quotes: get("quotes")?,
            speakers: get("speakers")?,
            people: get("people")?,
            site: get("site")?,
            published: get("published")?,
            published_text: get("published_text")?,
            categories: get("categories")?,
            url: get("url")?,
            duplicate_of: schema.get_field("duplicate_of").ok(),
            duplicate: schema.get_field("duplicate").ok(),
        })
    }
}

/// Opens the index in `dir`, with its analyzers registered.
pub fn open(dir: &Path) -> tantivy::Result<(Index, Fields)> {
    let index = Index::open_in_dir(dir)?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema())?;
    Ok((index, fields))
}

/// Opens the index in `dir`, or creates it (and the directory) when there is none yet.
pub fn open_or_create(dir: &Path) -> tantivy::Result<(Index, Fields)> {
    if dir.join("meta.json").is_file() {
        return open(dir);
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| tantivy::TantivyError::SystemError(format!("cannot create {}: {e}", dir.display())))?;
    let index = Index::create_in_dir(dir, schema())?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema())?;
    Ok((index, fields))
}

/// The instant `published` is indexed as: the page's own wall-clock time read as UTC, or
/// midnight for a bare `YYYY-MM-DD`. None when the value is not a date.
///
/// Why wall-clock: `--since 2024-06-01` means the day the page printed; an article of
/// 2024-06-01T00:30+07:00 (WIB) is 31 May in UTC and would fall outside it.
pub fn published_date(value: &str) -> Option<tantivy::DateTime> {
    let value = value.trim();
    let naive = if let Ok(time) = chrono::DateTime::parse_from_rfc3339(value) {
        time.naive_local()
    } else if let Ok(time) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S") {
        time
    } else if let Ok(time) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        time
    } else {
        chrono::NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0)?
    };
    Some(tantivy::DateTime::from_timestamp_secs(naive.and_utc().timestamp()))
}

/// The start of `day` as indexed by [`published_date`].
pub fn day_start(day: chrono::NaiveDate) -> tantivy::DateTime {
    let start = day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
    tantivy::DateTime::from_timestamp_secs(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_is_the_pages_own_day() {
        let secs = |v: &str| published_date(v).map(|d| d.into_timestamp_secs());
        let june_first = day_start(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()).into_timestamp_secs();
        assert_eq!(secs("2024-06-01"), Some(june_first));
        assert_eq!(secs("2024-06-01T00:30:00+07:00"), Some(june_first + 30 * 60), "WIB wall clock, not UTC");
        assert_eq!(secs("2021-06-16T17:04:00-07:00"), Some(secs("2021-06-16").unwrap() + 17 * 3600 + 4 * 60));
        assert_eq!(secs("Kamis"), None);
        assert_eq!(secs("2024-1"), None);
        assert_eq!(secs("2024-13-45"), None);
        assert_eq!(secs("é2024-06-01"), None, "no slicing inside a character");
    }

    #[test]
    fn schema_has_every_field() {
        let fields = Fields::of(&schema()).unwrap();
        assert!(fields.duplicate_of.is_some() && fields.duplicate.is_some());
    }

    #[test]
    fn an_older_schema_without_duplicate_fields_still_opens() {
        let mut older = Schema::builder();
        for (_, entry) in schema().fields().filter(|(_, e)| !matches!(e.name(), "duplicate_of" | "duplicate")) {
            older.add_field(entry.clone());
        }
        let fields = Fields::of(&older.build()).unwrap();
        assert!(fields.duplicate_of.is_none() && fields.duplicate.is_none());
        assert!(Fields::of(&Schema::builder().build()).is_err(), "not a warta index");
    }
}
