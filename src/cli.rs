//! Command-line flags and their translation into a run: no extraction logic lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// warta: Indonesian news pages to clean, structured JSON.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one record per input (files, directories, `-` for stdin).
    Extract(ExtractArgs),
    /// Fetch pages by URL (politely: robots.txt, per-host delay) and extract one record per URL.
    Fetch(FetchArgs),
    /// Print the JSON Schema of a record.
    Schema,
    /// Print the Elasticsearch/OpenSearch index mapping of a record (the body of `PUT /INDEX`).
    Mapping,
    /// Send records (JSON Lines from `extract`/`fetch`) to Elasticsearch/OpenSearch or Typesense.
    Push(PushArgs),
    /// Add records (JSON Lines from `warta extract`) or pages to the embedded search index.
    Index(IndexArgs),
    /// Search the embedded index; prints one JSON line per hit.
    Search(SearchArgs),
}

/// Flags of `warta index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The index directory (created when missing; records already in it are replaced by id).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// `warta extract` JSON Lines files (told by their content, plain or gzip), pages,
    /// directories (`.jsonl` and `.jsonl.gz` files in them are read as records), WARC files, or
    /// `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Pages over this many bytes give a `too_large` error record (skipped, counted).
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
}

/// Flags of `warta search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Words to find, all required; stemmed as the index is ("menyerang" finds "serangan").
    /// May be empty when filters are given.
    #[arg(default_value = "")]
    pub query: String,
    /// Only articles quoting this speaker (whole name, any case).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only articles naming this person (whole name, any case).
    #[arg(long)]
    pub person: Option<String>,
    /// Only articles of this site (any case).
    #[arg(long)]
    pub site: Option<String>,
    /// Only articles in this category (any case).
    #[arg(long)]
    pub category: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD, the page's own date).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<chrono::NaiveDate>,
    /// At most this many hits.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: u32,
    /// Leave out near-duplicates: records with a `duplicate_of` (their first copy still shows).
    #[arg(long)]
    pub no_duplicates: bool,
}

/// Flags of `warta extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, directories (walked recursively), WARC files or `-` for standard input.
    #[arg(required_unless_present = "files_from")]
    pub inputs: Vec<String>,
    /// Also read input paths from this file, one a line (`-` for standard input); blank lines
    /// and `#` comments are skipped.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Worker threads (default: one per core); each document runs whole on one worker.
    #[arg(short = 'j', long, default_value_t = 0, hide_default_value = true)]
    pub jobs: usize,
    /// Write each line as soon as its document is done, not in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Append to `-o FILE`, skipping inputs whose line it already has (a half-written last
    /// line is cut off first).
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// Do not flag near-duplicate records (`duplicate_of`).
    #[arg(long)]
    pub no_dedup: bool,
    /// Write each record's body fingerprint (`fingerprint`, 64-bit SimHash in hex).
    #[arg(long)]
    pub fingerprint: bool,
    /// The page's original URL, when known (applies to every input of this run).
    #[arg(long)]
    pub url: Option<String>,
    /// Reference date (YYYY-MM-DD) for relative dates when a page has no publication date.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only clean: skip quotes, people, dates and figures.
    #[arg(long)]
    pub no_entities: bool,
    /// Inputs over this many bytes give a `too_large` error record.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
    /// The `_index` of the action lines of `--format es-bulk`.
    #[arg(long, default_value = warta::output::es_bulk::DEFAULT_INDEX)]
    pub index: String,
    /// Milliseconds one document may take; over it the document gives a `timeout` error record
    /// (0: no limit).
    #[arg(long, default_value_t = 10_000)]
    pub max_doc_ms: u64,
}

/// Flags of `warta fetch`.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// URLs to fetch (http or https).
    pub urls: Vec<String>,
    /// Read URLs from this file, one a line ('#' comments and blank lines are skipped).
    #[arg(long = "urls", id = "urls_file", value_name = "FILE")]
    pub urls_file: Option<PathBuf>,
    /// Write records to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also archive every page received as WARC 1.1 (gzip per record when the name ends in .gz).
    #[arg(long, value_name = "FILE")]
    pub warc: Option<PathBuf>,
    /// Do not fetch or obey robots.txt (nor its Crawl-delay).
    #[arg(long)]
    pub ignore_robots: bool,
    /// Seconds between two requests to one host (robots.txt Crawl-delay may raise it).
    #[arg(long, default_value_t = 1.0, value_parser = parse_seconds)]
    pub delay: f64,
    /// User-Agent header (its first word is the robots.txt product token).
    #[arg(long)]
    pub user_agent: Option<String>,
    /// Seconds allowed for one request, first byte to last.
    #[arg(long, default_value_t = 30.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Requests in flight overall.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,
    /// Requests in flight per host.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub host_concurrency: u32,
    /// Retries after a timeout, a broken connection, 429 or 5xx.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Bodies over this many bytes give a `too_large` error record.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Only clean: skip quotes, people, dates and figures.
    #[arg(long)]
    pub no_entities: bool,
    /// Write each line (and WARC record) as soon as its URL is done, not in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Output format of the records.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// The `_index` of the action lines of `--format es-bulk`.
    #[arg(long, default_value = warta::output::es_bulk::DEFAULT_INDEX)]
    pub index: String,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Ok(v),
        _ => Err("expected a number of seconds between 0 and 86400".into()),
    }
}

/// Output formats of `warta extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// JSON Lines: one compact record per line.
    Jsonl,
    /// Pretty-printed JSON.
    Json,
    /// Elasticsearch/OpenSearch `_bulk` NDJSON: an action line, then the record (error records
    /// are left out and reported on stderr).
    EsBulk,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Flags of `warta push`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("engine").required(true).args(["es", "typesense"])))]
pub struct PushArgs {
    /// Record files (JSON Lines), or `-` for standard input (the default).
    pub inputs: Vec<String>,
    /// Elasticsearch/OpenSearch base URL (`http://user:password@host:9200` for basic auth).
    #[arg(long, value_name = "URL", requires = "index")]
    pub es: Option<String>,
    /// The Elasticsearch/OpenSearch index (created with `warta mapping` when missing).
    #[arg(long, value_name = "NAME")]
    pub index: Option<String>,
    /// Do not create a missing Elasticsearch/OpenSearch index (leave its mapping to you).
    #[arg(long)]
    pub no_create_index: bool,
    /// Typesense base URL (`http://127.0.0.1:8108`).
    #[arg(long, value_name = "URL", requires = "collection")]
    pub typesense: Option<String>,
    /// The Typesense collection (created with warta's schema when missing).
    #[arg(long, value_name = "NAME")]
    pub collection: Option<String>,
    /// Typesense API key (else the environment variable TYPESENSE_API_KEY).
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// Records that were not indexed go here, one JSON line each with the reason and the
    /// record (removed at the end when empty).
    #[arg(long, value_name = "FILE", default_value = "warta-rejects.jsonl")]
    pub rejects: PathBuf,
    /// At most this many records per request.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_docs: u32,
    /// At most this many bytes per request body (a larger single record goes alone).
    #[arg(long, default_value_t = 5 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..=1_073_741_824))]
    pub batch_bytes: u64,
    /// Retries of a request after a connection error, a timeout, 429 or 5xx.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Seconds before the first retry (doubling after each, with jitter; at most 30 s).
    #[arg(long, default_value_t = 0.5, value_parser = parse_seconds)]
    pub retry_delay: f64,
    /// Seconds allowed for one request.
    #[arg(long, default_value_t = 60.0, value_parser = parse_seconds)]
    pub timeout: f64,
}
