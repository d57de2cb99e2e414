//! The `warta` binary: flags to a config, inputs to the library, outcomes to exit codes.
//! Exit 0: every input gave a record; 1: some gave error records; 2: usage or output error.
//! A closed pipe (`warta extract … | head`) ends the run quietly with 0.
//! `warta fetch` uses the same codes; Ctrl-C stops it with what was fetched written, exit 130.

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, ExtractArgs, FetchArgs, FormatArg};
use warta::batch::{self, BatchOptions, Source};
use warta::output::{Format, JsonSink};
use warta::Config;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Fetch(args) => run_fetch(args),
        Command::Schema => {
            let schema = schemars::schema_for!(warta::Output);
            let text = serde_json::to_string_pretty(&schema).expect("schema serialises");
            match writeln!(io::stdout(), "{text}") {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(2),
                _ => ExitCode::SUCCESS,
            }
        }
    }
}

fn run_extract(args: ExtractArgs) -> ExitCode {
    let config = Config {
        max_input_bytes: args.max_bytes,
        reference_date: args.published,
        extract_entities: !args.no_entities,
        max_document_time: (args.max_doc_ms > 0).then(|| std::time::Duration::from_millis(args.max_doc_ms)),
        ..Config::default()
    };
    let format = match args.format {
        FormatArg::Jsonl => Format::JsonLines,
        FormatArg::Json => Format::Json,
    };
    let sources: Vec<Source> = args
        .inputs
        .iter()
        .map(|s| if s == "-" { Source::Stdin } else { Source::Path(s.into()) })
        .collect();
    let options = BatchOptions { url: args.url.clone() };
    let writer = match open_output(args.output.as_deref(), false) {
        Ok(writer) => writer,
        Err(code) => return code,
    };
    let mut sink = JsonSink::new(writer, format);
    let result = batch::run(&sources, &options, &config, &mut sink);
    exit_code(result.map(|summary| (summary.errors, summary.errors + summary.records)), "inputs")
}

fn run_fetch(args: FetchArgs) -> ExitCode {
    use std::time::Duration;
    use warta::fetch::{FetchConfig, Fetcher};

    let mut urls = args.urls.clone();
    if let Some(path) = &args.urls_file {
        match std::fs::read(path) {
            Ok(bytes) => urls.extend(warta::fetch::read_url_list(&String::from_utf8_lossy(&bytes))),
            Err(e) => {
                eprintln!("warta: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    if urls.is_empty() {
        eprintln!("warta: no URLs given (pass URLs or --urls FILE)");
        return ExitCode::from(2);
    }
    let config = Config { extract_entities: !args.no_entities, ..Config::default() };
    let defaults = FetchConfig::default();
    let fetch_config = FetchConfig {
        user_agent: args.user_agent.clone().unwrap_or(defaults.user_agent.clone()),
        timeout: Duration::from_secs_f64(args.timeout),
        host_delay: Duration::from_secs_f64(args.delay),
        concurrency: args.concurrency as usize,
        host_concurrency: args.host_concurrency as usize,
        retries: args.retries,
        max_body_bytes: args.max_bytes,
        ignore_robots: args.ignore_robots,
        ..defaults
    };
    let writer = match open_output(args.output.as_deref(), true) {
        Ok(writer) => writer,
        Err(code) => return code,
    };
    let mut warc = match &args.warc {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => {
                let gzip = path.to_string_lossy().to_ascii_lowercase().ends_with(".gz");
                Some(warta::warc::WarcWriter::new(BufWriter::new(file), gzip))
            }
            Err(e) => {
                eprintln!("warta: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("warta: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sink = JsonSink::new(writer, Format::JsonLines);
    let result = runtime.block_on(async {
        let fetcher = match Fetcher::new(fetch_config) {
            Ok(fetcher) => fetcher,
            Err(e) => return Err(io::Error::other(e.to_string())),
        };
        let stop = async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        let terminal = std::io::IsTerminal::is_terminal(&io::stderr());
        let mut show = |p: &warta::fetch::Progress| eprint!("\r\x1b[Kwarta: {p}");
        let progress: Option<&mut dyn FnMut(&warta::fetch::Progress)> = if terminal { Some(&mut show) } else { None };
        let summary = fetcher.run(&urls, &config, &mut sink, warc.as_mut(), stop, progress).await;
        if terminal {
            eprintln!();
        }
        summary
    });
    // Dropping the runtime here would wait for stray blocking tasks; after Ctrl-C, don't.
    runtime.shutdown_background();
    match result {
        Ok(summary) if summary.interrupted => {
            eprintln!("warta: interrupted after {} of {} URLs", summary.records + summary.errors, urls.len());
            ExitCode::from(130)
        }
        other => exit_code(other.map(|summary| (summary.errors, summary.errors + summary.records)), "URLs"),
    }
}

/// Opens `-o FILE`, or standard output (line-buffered when `line_buffered`, so records show as
/// they come); a file that cannot be created is said on stderr and gives exit code 2.
fn open_output(path: Option<&std::path::Path>, line_buffered: bool) -> Result<Box<dyn Write>, ExitCode> {
    match path {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Ok(Box::new(BufWriter::new(file))),
            Err(e) => {
                eprintln!("warta: cannot write {}: {e}", path.display());
                Err(ExitCode::from(2))
            }
        },
        None if line_buffered => Ok(Box::new(io::LineWriter::new(io::stdout().lock()))),
        None => Ok(Box::new(BufWriter::new(io::stdout().lock()))),
    }
}

/// The exit code of a finished run given `(error records, inputs)`: 0 when every input gave a
/// record, 1 when some gave error records (counted on stderr), 0 on a closed pipe, 2 when the
/// output could not be written.
fn exit_code(result: io::Result<(usize, usize)>, noun: &str) -> ExitCode {
    match result {
        Ok((0, _)) => ExitCode::SUCCESS,
        Ok((errors, total)) => {
            eprintln!("warta: {errors} of {total} {noun} gave error records");
            ExitCode::from(1)
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
