//! The `warta` binary: flags to a config, inputs to the library, outcomes to exit codes.
//! Exit 0: every input gave a record; 1: some gave error records; 2: usage or output error.
//! A closed pipe (`warta extract … | head`) ends the run quietly with 0.
//! `warta fetch` uses the same codes; Ctrl-C stops it with what was fetched written, exit 130.
//! `warta push`: 0 every record indexed; 1 some lines rejected (reject file); 2 usage error, an
//! unwritable reject file or an unreadable input; 3 the engine stayed unreachable and the
//! records not indexed are in the reject file.

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, ExtractArgs, FetchArgs, FormatArg, IndexArgs, PushArgs, SearchArgs};
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
        Command::Mapping => match writeln!(io::stdout(), "{}", warta::push::mapping::MAPPING_JSON.trim_end()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => ExitCode::from(2),
            _ => ExitCode::SUCCESS,
        },
        Command::Push(args) => run_push(args),
        Command::Index(args) => run_index(args),
        Command::Search(args) => run_search(args),
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
        FormatArg::Jsonl | FormatArg::EsBulk => Format::JsonLines,
        FormatArg::Json => Format::Json,
    };
    let mut sources: Vec<Source> = args
        .inputs
        .iter()
        .map(|s| if s == "-" { Source::Stdin } else { Source::Path(s.into()) })
        .collect();
    if let Some(list) = &args.files_from {
        if list.as_os_str() == "-" && sources.contains(&Source::Stdin) {
            eprintln!("warta: standard input cannot be both a document (-) and the file list (--files-from -)");
            return ExitCode::from(2);
        }
        sources.push(Source::FilesFrom(list.clone()));
    }
    let mut options = BatchOptions {
        url: args.url.clone(),
        jobs: args.jobs,
        unordered: args.unordered,
        dedup: !args.no_dedup,
        fingerprint: args.fingerprint,
        progress: io::IsTerminal::is_terminal(&io::stderr()),
        resume: None,
        record_files: false,
    };
    let writer = match (&args.output, args.resume) {
        (Some(path), true) => {
            if args.format != FormatArg::Jsonl {
                eprintln!("warta: --resume needs JSON Lines output");
                return ExitCode::from(2);
            }
            match batch::resume::prepare(path, options.dedup) {
                Ok(earlier) => {
                    if earlier.repaired_bytes > 0 {
                        eprintln!("warta: cut a half-written last line ({} bytes) off {}", earlier.repaired_bytes, path.display());
                    }
                    options.resume = Some(std::sync::Arc::new(std::sync::Mutex::new(earlier)));
                }
                Err(e) => {
                    eprintln!("warta: cannot resume {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
            match std::fs::OpenOptions::new().append(true).create(true).open(path) {
                Ok(file) => Box::new(BufWriter::new(file)) as Box<dyn Write>,
                Err(e) => {
                    eprintln!("warta: cannot write {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
        _ => match open_output(args.output.as_deref(), false) {
            Ok(writer) => writer,
            Err(code) => return code,
        },
    };
    let mut json_sink;
    let mut bulk_sink;
    let sink: &mut dyn warta::output::Sink = if args.format == FormatArg::EsBulk {
        bulk_sink = warta::output::EsBulkSink::new(writer, args.index.clone());
        &mut bulk_sink
    } else {
        json_sink = JsonSink::new(writer, format);
        &mut json_sink
    };
    let result = batch::run(&sources, &options, &config, sink);
    if let Ok(summary) = &result {
        eprintln!("{}", summary.line());
    }
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
        unordered: args.unordered,
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
    let mut json_sink;
    let mut bulk_sink;
    let sink: &mut dyn warta::output::Sink = match args.format {
        FormatArg::EsBulk => {
            bulk_sink = warta::output::EsBulkSink::new(writer, args.index.clone());
            &mut bulk_sink
        }
        FormatArg::Json => {
            json_sink = JsonSink::new(writer, Format::Json);
            &mut json_sink
        }
        FormatArg::Jsonl => {
            json_sink = JsonSink::new(writer, Format::JsonLines);
            &mut json_sink
        }
    };
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
        let summary = fetcher.run(&urls, &config, sink, warc.as_mut(), stop, progress).await;
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

/// `warta index`: JSON Lines record files go straight in (named ones told by their content,
/// those in a directory walk by their `.jsonl` / `.jsonl.gz` name), everything else through the
/// pipeline. Exit 0 when every input indexed, 1 when error records or unreadable lines were
/// skipped, 2 when the index cannot be opened or written.
fn run_index(args: IndexArgs) -> ExitCode {
    use std::io::Read;
    use warta::index::writer::{first_line, looks_like_records, open_records};

    let config = Config { max_input_bytes: args.max_bytes, ..Config::default() };
    let mut indexer = match warta::index::Indexer::open(&args.index) {
        Ok(indexer) => indexer,
        Err(e) => {
            eprintln!("warta: cannot open index {}: {e}", args.index.display());
            return ExitCode::from(2);
        }
    };
    if !indexer.knows_duplicates() {
        eprintln!(
            "warta: note: index {} was built by an older warta and cannot hold duplicate_of; rebuild it for --no-duplicates",
            args.index.display()
        );
    }
    let options = BatchOptions { record_files: true, ..BatchOptions::default() };
    for name in &args.inputs {
        let result = if name == "-" {
            let mut stdin = io::stdin().lock();
            match first_line(&mut stdin) {
                Ok(first) if looks_like_records(&first) => indexer.add_jsonl(io::Cursor::new(first).chain(stdin), "-"),
                Ok(mut bytes) => match stdin.take(config.max_input_bytes).read_to_end(&mut bytes) {
                    Ok(_) => {
                        let output = warta::extract_document(&warta::Input::from_bytes("-", bytes), &config);
                        indexer.add_output(&output).map_err(io::Error::other)
                    }
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            }
        } else {
            let path = std::path::Path::new(name);
            let opened = if path.is_file() { open_records(path).ok() } else { None };
            match opened.map(|mut file| first_line(&mut file).map(|first| (first, file))) {
                Some(Ok((first, file))) if looks_like_records(&first) => {
                    indexer.add_jsonl(io::Cursor::new(first).chain(file), name)
                }
                _ => batch::run(&[Source::Path(path.into())], &options, &config, &mut indexer).map(|_| ()),
            }
        };
        if let Err(e) = result {
            eprintln!("warta: cannot index {name}: {e}");
            return ExitCode::from(2);
        }
    }
    match indexer.finish() {
        Ok(s) => {
            eprintln!(
                "warta: indexed {} records ({} new, {} replaced), skipped {} error records and {} unreadable lines; {} documents in {}",
                s.indexed,
                s.indexed - s.replaced,
                s.replaced,
                s.errors,
                s.unreadable,
                s.documents,
                args.index.display()
            );
            if s.errors + s.unreadable > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("warta: cannot commit index {}: {e}", args.index.display());
            ExitCode::from(2)
        }
    }
}

/// `warta search`: one JSON line per hit, best first. Exit 0 (with or without hits), 2 when the
/// index cannot be read.
fn run_search(args: SearchArgs) -> ExitCode {
    let request = warta::index::SearchRequest {
        query: args.query,
        speaker: args.speaker,
        person: args.person,
        site: args.site,
        category: args.category,
        since: args.since,
        until: args.until,
        limit: args.limit as usize,
        no_duplicates: args.no_duplicates,
    };
    let hits = match warta::index::search(&args.index, &request) {
        Ok(hits) => hits,
        Err(e) => {
            eprintln!("warta: cannot search index {}: {e}", args.index.display());
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = hits.iter().try_for_each(|hit| {
        serde_json::to_writer(&mut out, hit)?;
        out.write_all(b"\n")
    });
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("warta: cannot write output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
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

fn run_push(args: PushArgs) -> ExitCode {
    use std::time::{Duration, Instant};
    use warta::push::{self, PushOptions, RecordSource, Target};

    let target = match (&args.es, &args.typesense) {
        (Some(url), None) => match push::parse_base_url(url) {
            Ok(base) => {
                let mut es = push::es::Es::new(base, args.index.clone().unwrap_or_default());
                es.create_index = !args.no_create_index;
                Target::Es(es)
            }
            Err(e) => return usage(&e),
        },
        (None, Some(url)) => {
            let Some(key) = args.api_key.clone().or_else(|| std::env::var("TYPESENSE_API_KEY").ok()) else {
                return usage("Typesense needs --api-key KEY (or TYPESENSE_API_KEY in the environment)");
            };
            match push::parse_base_url(url) {
                Ok(base) => Target::Typesense(push::typesense::Typesense::new(base, args.collection.clone().unwrap_or_default(), key)),
                Err(e) => return usage(&e),
            }
        }
        _ => return usage("give exactly one of --es URL or --typesense URL"),
    };
    let mut sources: Vec<RecordSource> =
        args.inputs.iter().map(|s| if s == "-" { RecordSource::Stdin } else { RecordSource::Path(s.into()) }).collect();
    if sources.is_empty() {
        sources.push(RecordSource::Stdin);
    }
    let options = PushOptions {
        batch_docs: args.batch_docs as usize,
        batch_bytes: args.batch_bytes as usize,
        retries: args.retries,
        retry_delay: Duration::from_secs_f64(args.retry_delay),
        timeout: Duration::from_secs_f64(args.timeout),
        ..PushOptions::default()
    };
    let mut rejects = match push::RejectWriter::create(&args.rejects) {
        Ok(rejects) => rejects,
        Err(e) => {
            eprintln!("warta: cannot write the reject file {}: {e}; nothing was sent", args.rejects.display());
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("warta: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let result = runtime.block_on(push::run(&target, &sources, &options, &mut rejects));
    let summary = match result.and_then(|summary| rejects.finish().map(|path| (summary, path))) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("warta: cannot write the reject file {}: {e}", args.rejects.display());
            return ExitCode::from(2);
        }
    };
    let (summary, reject_path) = summary;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "warta: {}: {} lines, {} indexed, {} rejected, {} unsent in {seconds:.2} s ({:.0} records/s){}",
        target.describe(),
        summary.lines,
        summary.indexed,
        summary.rejected,
        summary.unsent,
        summary.indexed as f64 / seconds.max(1e-9),
        reject_path.map(|p| format!("; not indexed: {}", p.display())).unwrap_or_default()
    );
    if let Some(reason) = &summary.aborted {
        eprintln!("warta: push stopped: {reason}");
        ExitCode::from(3)
    } else if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A usage error: said on stderr, exit code 2.
fn usage(message: &str) -> ExitCode {
    eprintln!("warta: {message}");
    ExitCode::from(2)
}
