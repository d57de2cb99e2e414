//! Settings of one extraction run, with their documented defaults.

/// How warta extracts; every tunable lives here rather than as a literal in a heuristic.
#[derive(Debug, Clone)]
pub struct Config {
    /// Inputs larger than this many bytes give a `too_large` error record. Default 20 MiB.
    pub max_input_bytes: u64,
    /// Documents with more parsed nodes than this give a `too_complex` error. Default 2,000,000.
    pub max_nodes: usize,
    /// Documents with elements nested deeper than this give a `too_complex` error. Default 512
    /// (the deepest of the 259 shared corpus and benchmark pages nests 51 levels).
    pub max_depth: usize,
    /// At most this many body paragraphs are kept (with a warning past it). Default 5,000.
    pub max_paragraphs: usize,
    /// Paragraphs longer than this many bytes are cut at a character boundary (with a warning).
    /// Default 100,000.
    pub max_paragraph_bytes: usize,
    /// Wall time for one document (parse, clean, extract); over it the document gives a
    /// `timeout` error record. Checked cooperatively inside the parse and clean loops and between
    /// stages. Default 10 s (a page takes about 2 ms); `None` for no limit.
    pub max_document_time: Option<std::time::Duration>,
    /// How many characters of body text language detection reads. Default 600.
    pub language_sample_chars: usize,
    /// Reference date for relative dates when the page has no publication date (`--published`).
    /// Default none.
    pub reference_date: Option<chrono::NaiveDate>,
    /// Run the information extraction (quotes, people, dates, figures). Default true.
    pub extract_entities: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_input_bytes: 20 * 1024 * 1024,
            max_nodes: 2_000_000,
            max_depth: 512,
            max_paragraphs: 5_000,
            max_paragraph_bytes: 100_000,
            max_document_time: Some(std::time::Duration::from_secs(10)),
            language_sample_chars: 600,
            reference_date: None,
            extract_entities: true,
        }
    }
}
