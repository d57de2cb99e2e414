//! Settings of one extraction run, with their documented defaults.

/// How warta extracts; every tunable lives here rather than as a literal in a heuristic.
#[derive(Debug, Clone)]
pub struct Config {
    /// Inputs larger than this many bytes give a `too_large` error record. Default 20 MiB.
    pub max_input_bytes: u64,
    /// Documents with more parsed nodes than this give a `too_complex` error. Default 2,000,000.
    pub max_nodes: usize,
    /// Elements nested deeper than this are not walked (their text is dropped, with a warning).
    /// Default 512.
    pub max_depth: usize,
    /// At most this many body paragraphs are kept (with a warning past it). Default 5,000.
    pub max_paragraphs: usize,
    /// Paragraphs longer than this many bytes are cut at a character boundary (with a warning).
    /// Default 100,000.
    pub max_paragraph_bytes: usize,
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
            language_sample_chars: 600,
            reference_date: None,
            extract_entities: true,
        }
    }
}
