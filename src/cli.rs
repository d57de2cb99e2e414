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
