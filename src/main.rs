//! The `warta` binary: flags to a config, inputs to the library, outcomes to exit codes.
//! Exit 0: every input gave a record; 1: some gave error records; 2: usage or output error.
//! A closed pipe (`warta extract … | head`) ends the run quietly with 0.

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, ExtractArgs, FormatArg};
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
    let writer: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(BufWriter::new(file)),
            Err(e) => {
                eprintln!("warta: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut sink = JsonSink::new(writer, format);
    match batch::run(&sources, &options, &config, &mut sink) {
        Ok(summary) if summary.errors == 0 => ExitCode::SUCCESS,
        Ok(summary) => {
            eprintln!("warta: {} of {} inputs gave error records", summary.errors, summary.errors + summary.records);
            ExitCode::from(1)
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
