//! Drives a run: expands the inputs (files, directories, stdin) in a stable order, runs the
//! pipeline on each, and hands every outcome to the sink, one line per input.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::ExtractError;
use crate::input::Input;
use crate::output::Sink;
use crate::record::Output;
use crate::{error_record, extract_document};

/// One thing the user named: a path (file or directory) or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file or a directory to walk.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// File name endings a directory walk takes as pages; files named explicitly are always read.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml", "txt", "gz"];

/// Counts of one run, for the exit code and the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs that produced a record.
    pub records: usize,
    /// Inputs that produced an error record.
    pub errors: usize,
}

/// Settings of a batch that are not about extraction itself.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// The URL of the (single) input, from `--url`.
    pub url: Option<String>,
}

/// Runs every source through the pipeline into `sink`. A write error (a closed pipe) stops the
/// run and is returned; per-input failures become error records and the run goes on.
pub fn run(
    sources: &[Source],
    options: &BatchOptions,
    config: &Config,
    sink: &mut dyn Sink,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut emit = |output: Output, sink: &mut dyn Sink| -> std::io::Result<()> {
        match output {
            Output::Record(_) => summary.records += 1,
            Output::Error(_) => summary.errors += 1,
        }
        sink.write(&output)
    };
    for source in sources {
        match source {
            Source::Stdin => {
                let output = match Input::read_stdin(config.max_input_bytes) {
                    Ok(mut input) => {
                        input.url = options.url.clone();
                        extract_document(&input, config)
                    }
                    Err(e) => Output::Error(error_record(&Input::from_bytes("-", Vec::new()), &e)),
                };
                emit(output, sink)?;
            }
            Source::Path(path) if path.is_dir() => {
                for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
                    match entry {
                        Ok(entry) if entry.file_type().is_dir() => {}
                        Ok(entry) if crate::warc::is_warc_path(entry.path()) => {
                            run_warc(entry.path(), config, &mut |output| emit(output, sink))?;
                        }
                        Ok(entry) => {
                            if is_page_name(entry.path()) {
                                emit(process_path(entry.path(), options, config), sink)?;
                            }
                        }
                        Err(e) => {
                            let name = e.path().map(|p| p.display().to_string()).unwrap_or_default();
                            let error = ExtractError::Io {
                                path: name.clone(),
                                source: e.into_io_error().unwrap_or_else(|| {
                                    std::io::Error::other("directory walk failed (symlink loop?)")
                                }),
                            };
                            emit(Output::Error(error_record(&Input::from_bytes(name, Vec::new()), &error)), sink)?;
                        }
                    }
                }
            }
            Source::Path(path) if crate::warc::is_warc_path(path) && path.is_file() => {
                run_warc(path, config, &mut |output| emit(output, sink))?;
            }
            Source::Path(path) => emit(process_path(path, options, config), sink)?,
        }
    }
    sink.finish()?;
    Ok(summary)
}

fn is_page_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => PAGE_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(ext)),
        None => !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')),
    }
}

/// Reads and extracts one file; a read failure is that file's error record.
pub fn process_path(path: &Path, options: &BatchOptions, config: &Config) -> Output {
    match Input::read_file(path, config.max_input_bytes) {
        Ok(mut input) => {
            input.url = options.url.clone();
            extract_document(&input, config)
        }
        Err(e) => Output::Error(error_record(&Input::from_bytes(path.display().to_string(), Vec::new()), &e)),
    }
}

/// Extracts every HTML response record of a `.warc` / `.warc.gz` file (as written by
/// `warta fetch`), with `url` and `source` from the record, so an archived crawl re-extracts
/// offline to the live records. A file that cannot be read, or breaks off, gives one error
/// record (after the records read before the break).
pub fn run_warc(
    path: &Path,
    config: &Config,
    emit: &mut dyn FnMut(Output) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path.display().to_string();
    let fail = |e: std::io::Error| {
        Output::Error(error_record(&Input::from_bytes(name.clone(), Vec::new()), &ExtractError::Io { path: name.clone(), source: e }))
    };
    let mut reader = match std::fs::File::open(path).and_then(|f| crate::warc::WarcReader::new(f, config.max_input_bytes)) {
        Ok(reader) => reader,
        Err(e) => return emit(fail(e)),
    };
    loop {
        match reader.next_record() {
            Ok(Some(record)) => {
                if let Some(input) = crate::warc::response_input(&record) {
                    emit(extract_document(&input, config))?;
                }
            }
            Ok(None) => return Ok(()),
            Err(e) => return emit(fail(e)),
        }
    }
}
