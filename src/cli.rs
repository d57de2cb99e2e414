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
}

/// Flags of `warta extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, directories (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
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
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}
