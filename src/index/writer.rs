//! Fills the index: records from `warta extract` JSON Lines or straight from the pipeline (as a
//! [`Sink`]), each replacing any earlier copy with the same `id`; error records are counted,
//! never indexed. Record files met in a directory walk come in through [`Sink::record_file`].

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, Read};
use std::path::Path;

use serde::Deserialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexWriter, Searcher, TantivyDocument, Term};

use super::{published_date, Fields};
use crate::output::Sink;
use crate::record::{Output, Record};

/// The index writer's memory budget, shared by its threads: tantivy writes a segment to disk
/// each time a thread's share fills, so its buffers never hold more than this (segment merges
/// and the memory-mapped index files come on top: `examples/bench_index.rs` measures the whole).
pub const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;
/// At most this many indexing threads (tantivy needs at least 15 MB of budget per thread).
const MAX_WRITER_THREADS: usize = 2;
/// Records between two commits of a run. Why: until a commit, tantivy keeps every pending
/// delete (one per record: re-indexing replaces by id) and the uncommitted segments, so the
/// writer's memory grew with the run (100,000 records: 484 MB peak); and a run that dies before
/// its one final commit lost everything it had indexed.
pub const COMMIT_EVERY: usize = 10_000;
/// A JSON line longer than this is skipped as unreadable instead of being read into memory.
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

/// The fields of a record the index uses. Unknown fields are ignored, so records written by a
/// newer warta still index; a line with an `error` key is an error record.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct IndexDoc {
    /// The record id.
    pub id: String,
    /// The article URL.
    pub url: Option<String>,
    /// The site name or host.
    pub site: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication time as the record wrote it.
    pub published: Option<String>,
    /// Site sections.
    pub categories: Vec<String>,
    /// The body.
    pub text: String,
    /// The quotes.
    pub quotes: Vec<QuoteDoc>,
    /// The people named.
    pub people: Vec<PersonDoc>,
    /// The `id` of the first copy when this record is a near-duplicate of it.
    pub duplicate_of: Option<String>,
    /// Present (with any value) only in error records.
    pub error: Option<serde_json::Value>,
}

/// The part of a quote the index uses.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct QuoteDoc {
    /// The quoted words.
    pub text: String,
    /// Who said them.
    pub speaker: Option<String>,
}

/// The part of a person the index uses.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct PersonDoc {
    /// The full name.
    pub name: String,
}

impl From<&Record> for IndexDoc {
    fn from(record: &Record) -> Self {
        IndexDoc {
            id: record.id.clone(),
            url: record.url.clone(),
            site: record.site.clone(),
            title: record.title.clone(),
            published: record.published.clone(),
            categories: record.categories.clone(),
            text: record.text.clone(),
            quotes: record
                .quotes
                .iter()
                .map(|q| QuoteDoc { text: q.text.clone(), speaker: q.speaker.clone() })
                .collect(),
            people: record.people.iter().map(|p| PersonDoc { name: p.name.clone() }).collect(),
            duplicate_of: record.duplicate_of.clone(),
            error: None,
        }
    }
}

/// What one indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// Records written (new ones and replacements).
    pub indexed: usize,
    /// Of those, records whose `id` was already in the index (or earlier in this run).
    pub replaced: usize,
    /// Error records skipped.
    pub errors: usize,
    /// Lines that were not a record: not JSON, no `id`, or over the line size cap.
    pub unreadable: usize,
    /// Documents in the index after the run.
    pub documents: u64,
}

/// Adds records to an index; call [`Indexer::finish`] to commit them.
pub struct Indexer {
    writer: IndexWriter,
    index: Index,
    fields: Fields,
    /// The index as it was when opened, to tell a replacement from a new record; None when it
    /// was empty.
    before: Option<Searcher>,
    /// Hashes of the ids added in this run (8 bytes each, so a million records cost ~16 MB).
    seen: HashSet<u64>,
    summary: IndexSummary,
}

impl Indexer {
    /// Opens (or creates) the index in `dir` for writing. Fails when another writer holds it.
    pub fn open(dir: &Path) -> tantivy::Result<Indexer> {
        let (index, fields) = super::open_or_create(dir)?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_WRITER_THREADS);
        let writer = index.writer_with_num_threads(threads, WRITER_MEMORY_BYTES)?;
        let searcher = index.reader()?.searcher();
        let before = (searcher.num_docs() > 0).then_some(searcher);
        Ok(Indexer { writer, index, fields, before, seen: HashSet::new(), summary: IndexSummary::default() })
    }

    /// Adds one record, replacing any document with the same id; an error record is counted.
    pub fn add(&mut self, doc: &IndexDoc) -> tantivy::Result<()> {
        if doc.error.is_some() {
            self.summary.errors += 1;
            return Ok(());
        }
        if doc.id.is_empty() {
            self.summary.unreadable += 1;
            return Ok(());
        }
        let f = self.fields;
        let id_term = Term::from_field_text(f.id, &doc.id);
        if self.is_known(&doc.id, &id_term)? {
            self.summary.replaced += 1;
        }
        self.writer.delete_term(id_term);

        let mut document = TantivyDocument::new();
        document.add_text(f.id, &doc.id);
        if let Some(title) = &doc.title {
            document.add_text(f.title, title);
        }
        document.add_text(f.text, &doc.text);
        let mut speakers: Vec<&str> = Vec::new();
        for quote in &doc.quotes {
            document.add_text(f.quotes, &quote.text);
            if let Some(speaker) = quote.speaker.as_deref() {
                if !speakers.contains(&speaker) {
                    speakers.push(speaker);
                }
            }
        }
        for speaker in speakers {
            document.add_text(f.speakers, speaker);
        }
        for person in &doc.people {
            document.add_text(f.people, &person.name);
        }
        if let Some(site) = &doc.site {
            document.add_text(f.site, site);
        }
        if let Some(published) = &doc.published {
            if let Some(date) = published_date(published) {
                document.add_date(f.published, date);
            }
            document.add_text(f.published_text, published);
        }
        for category in &doc.categories {
            document.add_text(f.categories, category);
        }
        if let Some(url) = &doc.url {
            document.add_text(f.url, url);
        }
        // An index built before these fields existed cannot hold them (its schema is fixed).
        let duplicate_of = doc.duplicate_of.as_deref().filter(|first| !first.is_empty());
        if let (Some(field), Some(first)) = (f.duplicate_of, duplicate_of) {
            document.add_text(field, first);
        }
        if let Some(field) = f.duplicate {
            document.add_bool(field, duplicate_of.is_some());
        }
        self.writer.add_document(document)?;
        self.summary.indexed += 1;
        if self.summary.indexed.is_multiple_of(COMMIT_EVERY) {
            self.writer.commit()?;
        }
        Ok(())
    }

    /// Whether `id` is in the index as opened, or was added earlier in this run.
    fn is_known(&mut self, id: &str, term: &Term) -> tantivy::Result<bool> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        if !self.seen.insert(hasher.finish()) {
            return Ok(true);
        }
        match &self.before {
            Some(searcher) => {
                let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
                Ok(searcher.search(&query, &Count)? > 0)
            }
            None => Ok(false),
        }
    }

    /// Adds one pipeline outcome.
    pub fn add_output(&mut self, output: &Output) -> tantivy::Result<()> {
        match output {
            Output::Record(record) => self.add(&IndexDoc::from(record.as_ref())),
            Output::Error(_) => {
                self.summary.errors += 1;
                Ok(())
            }
        }
    }

    /// Adds every line of a `warta extract` JSON Lines stream. Blank lines are skipped; a line
    /// that is not a record is counted as unreadable (and named on stderr, the first few).
    pub fn add_jsonl(&mut self, mut reader: impl BufRead, name: &str) -> io::Result<()> {
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            let read = reader.by_ref().take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut line)?;
            if read == 0 {
                return Ok(());
            }
            number += 1;
            if line.len() as u64 > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
                skip_line(&mut reader)?;
                self.unreadable(name, number, "line over the size cap");
                continue;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<IndexDoc>(&line) {
                Ok(doc) if doc.id.is_empty() && doc.error.is_none() => self.unreadable(name, number, "no id"),
                Ok(doc) => self.add(&doc).map_err(io::Error::other)?,
                Err(e) => self.unreadable(name, number, &e.to_string()),
            }
        }
    }

    fn unreadable(&mut self, name: &str, line: usize, why: &str) {
        self.summary.unreadable += 1;
        if self.summary.unreadable <= 5 {
            eprintln!("warta: {name}:{line}: not a record ({why}), skipped");
        }
    }

    /// The counts so far.
    pub fn summary(&self) -> &IndexSummary {
        &self.summary
    }

    /// Whether the index has the near-duplicate fields (`duplicate_of`, `duplicate`); an index
    /// built by an older warta does not, and records added to it keep no `duplicate_of`.
    pub fn knows_duplicates(&self) -> bool {
        self.fields.duplicate_of.is_some() && self.fields.duplicate.is_some()
    }

    /// Commits everything added, waits for segment merges, and returns the run's counts.
    pub fn finish(mut self) -> tantivy::Result<IndexSummary> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        let reader = self.index.reader()?;
        reader.reload()?;
        self.summary.documents = reader.searcher().num_docs();
        Ok(self.summary)
    }
}

/// Reads past the rest of an over-long line without keeping it.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|b| *b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let all = buffer.len();
                reader.consume(all);
            }
        }
    }
}

impl Sink for Indexer {
    fn write(&mut self, output: &Output) -> io::Result<()> {
        self.add_output(output).map_err(io::Error::other)
    }

    /// A `.jsonl` or `.jsonl.gz` file met in a directory walk, read as a named one is: its first
    /// line told by [`looks_like_records`], then [`Indexer::add_jsonl`]. A file whose first line
    /// is not a record is named on stderr, counted as one unreadable line and skipped; one that
    /// cannot be opened counts as an error record, as an unreadable page does. A read failure
    /// past the first line stops the run, as it does for a file named on the command line.
    fn record_file(&mut self, path: &Path) -> io::Result<()> {
        let name = path.display().to_string();
        let opened = open_records(path).and_then(|mut reader| first_line(&mut reader).map(|first| (first, reader)));
        let (first, reader) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                eprintln!("warta: cannot read {name}: {e}; skipped");
                self.summary.errors += 1;
                return Ok(());
            }
        };
        // An empty file, or one opening with a blank line, is read on: add_jsonl skips blanks.
        if !first.iter().all(u8::is_ascii_whitespace) && !looks_like_records(&first) {
            eprintln!("warta: {name}: not warta records (its first line is not a record), skipped");
            self.summary.unreadable += 1;
            return Ok(());
        }
        self.add_jsonl(io::Cursor::new(first).chain(reader), &name).map_err(|e| io::Error::new(e.kind(), format!("{name}: {e}")))
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How much of the first line [`looks_like_records`] is given to decide.
pub const SNIFF_BYTES: u64 = 1024 * 1024;

/// Whether `first_line` (at most [`SNIFF_BYTES`] of it) starts `warta extract` JSON Lines rather
/// than a page: it opens a JSON object and names `schema_version`, as every record and error
/// record does, whatever the order of its keys (`jq -S` sorts them). A first line cut at the
/// sniff limit only needs to open an object: no page is a megabyte-long line starting with `{`.
pub fn looks_like_records(first_line: &[u8]) -> bool {
    let start = first_line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(first_line.len());
    let line = &first_line[start..];
    if !line.starts_with(b"{") {
        return false;
    }
    let cut = line.len() as u64 >= SNIFF_BYTES && !line.ends_with(b"\n");
    cut || line.windows(16).any(|w| w == b"\"schema_version\"")
}

/// Opens a file that may hold records, unpacking it as it is read when it is gzip-compressed
/// (told by its first two bytes, whatever its name), so `records.jsonl.gz` is sniffed and read
/// like `records.jsonl`.
pub fn open_records(path: &Path) -> io::Result<Box<dyn BufRead>> {
    let mut file = io::BufReader::new(std::fs::File::open(path)?);
    if file.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        return Ok(Box::new(io::BufReader::new(flate2::bufread::MultiGzDecoder::new(file))));
    }
    Ok(Box::new(file))
}

/// Reads the first line of `reader` (up to [`SNIFF_BYTES`]), leaving the rest unread.
pub fn first_line(reader: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    reader.by_ref().take(SNIFF_BYTES).read_until(b'\n', &mut line)?;
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_told_from_pages() {
        assert!(looks_like_records(b"{\"schema_version\":1,\"id\":\"ab\"}\n"));
        assert!(looks_like_records(b"  {\"id\":\"ab\",\"schema_version\":1}\n"), "keys sorted by jq -S");
        assert!(!looks_like_records(b"<html><body>{\"schema_version\"</body>"));
        assert!(!looks_like_records(b"{ kutipan tanpa kunci }\n"));
        assert!(!looks_like_records(b"Jakarta - Banjir merendam ..."));
        assert!(!looks_like_records(b""));
    }

    #[test]
    fn error_records_and_unknown_fields_parse() {
        let error: IndexDoc =
            serde_json::from_str(r#"{"schema_version":1,"id":"x","source":"a","error":{"kind":"empty","message":"m"}}"#)
                .unwrap();
        assert!(error.error.is_some());
        let newer: IndexDoc = serde_json::from_str(r#"{"id":"y","text":"t","field_of_the_future":[1]}"#).unwrap();
        assert_eq!(newer.id, "y");
        assert!(newer.error.is_none());
    }

    #[test]
    fn a_run_that_dies_keeps_what_it_committed() {
        let dir = std::env::temp_dir().join(format!("warta-index-commit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        {
            let mut indexer = Indexer::open(&dir).unwrap();
            for i in 0..COMMIT_EVERY + 7 {
                let doc = IndexDoc { id: format!("rec{i}"), text: format!("Banjir merendam rumah nomor {i}"), ..IndexDoc::default() };
                indexer.add(&doc).unwrap();
            }
            // Dropped without `finish`, as when the process is killed: the last 7 are lost.
        }
        let (index, _) = crate::index::open(&dir).unwrap();
        assert_eq!(index.reader().unwrap().searcher().num_docs(), COMMIT_EVERY as u64);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
