//! Drives a run: expands the inputs (files, directories, file lists, WARC archives, stdin) in a
//! stable order, runs the whole pipeline of each document on one of `-j` worker threads, and
//! hands every outcome to the sink, one line per input, in input order (or as finished with
//! `unordered`).
//!
//! Three threads kinds, joined by bounded channels so memory stays flat however large the run:
//! the *producer* walks the inputs (never listing them all: a directory is walked as it is
//! read, a WARC file is read record by record, each record its own job), *workers* turn jobs
//! into outputs, and the calling thread puts outputs back in order (a reorder buffer of at most
//! `window` documents), flags near-duplicates and writes. The producer takes a credit for every
//! job and the writer gives it back when that job's line is out, so at most `window` documents
//! are in flight even when one slow document holds up the line.

pub mod resume;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::dedup::NearDuplicates;
use crate::error::ExtractError;
use crate::input::Input;
use crate::output::Sink;
use crate::progress::Progress;
use crate::record::Output;
use crate::{error_record, extract_document};

/// One thing the user named: a path (file or directory), standard input, or a list of paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, a directory to walk, or a WARC file.
    Path(PathBuf),
    /// Standard input (`-`): one document.
    Stdin,
    /// A file naming one input path a line (`--files-from`); `-` reads the list from stdin.
    /// Blank lines and lines starting with `#` are skipped.
    FilesFrom(PathBuf),
}

/// File name endings a directory walk takes as pages; files named explicitly are always read.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml", "txt", "gz"];

/// File name endings a directory walk hands to the sink as record files (JSON Lines of records)
/// when [`BatchOptions::record_files`] is set; they are checked before [`PAGE_EXTENSIONS`].
pub const RECORD_FILE_ENDINGS: &[&str] = &[".jsonl", ".jsonl.gz"];

/// Documents in flight per worker (queued, being extracted, or waiting in the reorder buffer).
/// Why 32: enough that a worker never waits for the writer, small enough that the buffered
/// documents of a run stay a few MB.
const WINDOW_PER_WORKER: usize = 32;

/// Counts of one run, for the exit code and the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs that produced a record.
    pub records: usize,
    /// Inputs that produced an error record.
    pub errors: usize,
    /// Records flagged `duplicate_of` an earlier record.
    pub duplicates: usize,
    /// Inputs skipped because an earlier run's output already had them (`--resume`).
    pub skipped: usize,
    /// Error records by `error.kind`.
    pub errors_by_kind: BTreeMap<String, usize>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// The one-line summary for stderr.
    pub fn line(&self) -> String {
        crate::progress::summary_line(self.records, &self.errors_by_kind, self.duplicates, self.skipped, self.elapsed)
    }
}

/// Settings of a batch that are not about extraction itself. The default is one document at a
/// time per core, in input order, without near-duplicate flagging or progress bar.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// The URL of the (single) input, from `--url`.
    pub url: Option<String>,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Write each line as soon as its document is done instead of in input order.
    pub unordered: bool,
    /// Flag near-duplicate records with `duplicate_of`.
    pub dedup: bool,
    /// Write each record's `fingerprint`.
    pub fingerprint: bool,
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// What an earlier run already wrote (`--resume`): those inputs are skipped.
    pub resume: Option<Arc<Mutex<resume::Earlier>>>,
    /// Hand files met in a directory walk whose names end in one of [`RECORD_FILE_ENDINGS`] to
    /// the sink ([`Sink::record_file`]) instead of extracting them (`warta index`). Files named
    /// explicitly are not affected: the caller has already decided what they are.
    pub record_files: bool,
}

/// One unit of work for a worker. Files are read by the producer ([`Producer::send_file`]), so
/// a worker gets their bytes as an `Input`.
enum Job {
    /// A document already in memory (stdin, a WARC record).
    Input(Input),
    /// An outcome the producer already knows (a walk or archive error).
    Ready(Output),
    /// A record file met in a walk, for the sink to read ([`BatchOptions::record_files`]).
    RecordFile(PathBuf),
}

/// What a finished job hands the writer.
enum Outcome {
    /// A document's line.
    Line(Output),
    /// A record file, passed on to the sink in its place in the input order.
    RecordFile(PathBuf),
}

/// A finished job: its place in the input order, its outcome, and its body fingerprint.
struct Done {
    seq: u64,
    outcome: Outcome,
    fingerprint: Option<u64>,
}

/// State shared by the producer, the workers and the writer.
#[derive(Default)]
struct Shared {
    /// Set by the writer when it cannot go on (a closed pipe): everyone winds down.
    stop: AtomicBool,
    /// Jobs sent so far.
    produced: AtomicU64,
    /// Set when the producer has no more jobs: `produced` is then the total.
    exhausted: AtomicBool,
    /// Documents counted ahead by the progress counter (0 = not known).
    counted: AtomicU64,
}

/// Runs every source through the pipeline into `sink`. A write error (a closed pipe) stops the
/// run and is returned; per-input failures become error records and the run goes on.
pub fn run(sources: &[Source], options: &BatchOptions, config: &Config, sink: &mut dyn Sink) -> std::io::Result<Summary> {
    let started = Instant::now();
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        options.jobs
    };
    let window = jobs * WINDOW_PER_WORKER;
    let (job_tx, job_rx) = sync_channel::<(u64, Job)>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<Done>(window);
    let (credit_tx, credit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = credit_tx.send(());
    }
    let job_rx = Mutex::new(job_rx);
    let shared = Shared::default();
    let skipped = std::sync::atomic::AtomicUsize::new(0);

    std::thread::scope(|scope| {
        if options.progress {
            let shared = &shared;
            scope.spawn(move || {
                if let Some(n) = count_ahead(sources, shared) {
                    shared.counted.store(n.max(1), Ordering::Relaxed);
                }
            });
        }
        {
            let (shared, skipped) = (&shared, &skipped);
            scope.spawn(move || {
                let mut producer = Producer {
                    jobs: job_tx,
                    credits: credit_rx,
                    shared,
                    options,
                    config,
                    seq: 0,
                    skipped: 0,
                    ahead: std::collections::VecDeque::new(),
                };
                for source in sources {
                    if producer.source(source).is_err() {
                        break;
                    }
                }
                let _ = producer.flush_files();
                skipped.store(producer.skipped, Ordering::Relaxed);
                shared.exhausted.store(true, Ordering::Release);
            });
        }
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (job_rx, shared) = (&job_rx, &shared);
            scope.spawn(move || work(job_rx, done_tx, shared, options, config));
        }
        drop(done_tx);
        let result = write_all(done_rx, credit_tx, &shared, options, sink);
        if result.is_err() {
            shared.stop.store(true, Ordering::Release);
        }
        result.map(|mut summary| {
            summary.skipped = skipped.load(Ordering::Relaxed);
            summary.elapsed = started.elapsed();
            summary
        })
    })
}

/// The writer: puts outputs in order, flags near-duplicates, writes, gives credits back.
fn write_all(
    done_rx: Receiver<Done>,
    credit_tx: SyncSender<()>,
    shared: &Shared,
    options: &BatchOptions,
    sink: &mut dyn Sink,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut progress = Progress::new(options.progress, None);
    let mut total_known = false;
    let mut duplicates = NearDuplicates::new();
    if let Some(earlier) = &options.resume {
        if let Ok(earlier) = earlier.lock() {
            for (id, fingerprint) in &earlier.heads {
                duplicates.check(*fingerprint, id);
            }
        }
    }
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut write_one = |done: Done, summary: &mut Summary, progress: &mut Progress| -> std::io::Result<()> {
        let mut output = match done.outcome {
            Outcome::Line(output) => output,
            Outcome::RecordFile(path) => {
                sink.record_file(&path)?;
                let _ = credit_tx.send(());
                return Ok(());
            }
        };
        match &mut output {
            Output::Record(record) => {
                summary.records += 1;
                if let (true, Some(fingerprint)) = (options.dedup, done.fingerprint) {
                    record.duplicate_of = duplicates.check(fingerprint, &record.id);
                    summary.duplicates += usize::from(record.duplicate_of.is_some());
                }
                progress.done(false);
            }
            Output::Error(error) => {
                summary.errors += 1;
                *summary.errors_by_kind.entry(error.error.kind.clone()).or_default() += 1;
                progress.done(true);
            }
        }
        sink.write(&output)?;
        let _ = credit_tx.send(());
        Ok(())
    };
    let mut result = Ok(());
    'run: for done in done_rx.iter() {
        if !total_known {
            let counted = shared.counted.load(Ordering::Relaxed);
            if shared.exhausted.load(Ordering::Acquire) {
                progress.set_total(shared.produced.load(Ordering::Relaxed));
                total_known = true;
            } else if counted > 0 {
                let earlier = options.resume.as_ref().and_then(|e| e.lock().ok().map(|e| e.skip.len() as u64)).unwrap_or(0);
                progress.set_total(counted.saturating_sub(earlier));
                total_known = true;
            }
        }
        if options.unordered {
            result = write_one(done, &mut summary, &mut progress);
            if result.is_err() {
                break 'run;
            }
            continue;
        }
        pending.insert(done.seq, done);
        while let Some(done) = pending.remove(&next) {
            result = write_one(done, &mut summary, &mut progress);
            if result.is_err() {
                break 'run;
            }
            next += 1;
        }
    }
    let result = result.and_then(|()| sink.finish());
    progress.finish();
    result.map(|()| summary)
}

/// A worker: takes jobs until the producer is done; after a stop it only drains the queue.
fn work(job_rx: &Mutex<Receiver<(u64, Job)>>, done_tx: SyncSender<Done>, shared: &Shared, options: &BatchOptions, config: &Config) {
    loop {
        let next = match job_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, job)) = next else { return };
        if shared.stop.load(Ordering::Acquire) {
            continue;
        }
        let mut output = match job {
            Job::Input(input) => extract_document(&input, config),
            Job::Ready(output) => output,
            Job::RecordFile(path) => {
                if done_tx.send(Done { seq, outcome: Outcome::RecordFile(path), fingerprint: None }).is_err() {
                    shared.stop.store(true, Ordering::Release);
                }
                continue;
            }
        };
        let mut fingerprint = None;
        if let (true, Output::Record(record)) = (options.dedup || options.fingerprint, &mut output) {
            fingerprint = crate::dedup::simhash(&record.text);
            if options.fingerprint {
                record.fingerprint = fingerprint.map(crate::dedup::to_hex);
            }
        }
        if done_tx.send(Done { seq, outcome: Outcome::Line(output), fingerprint }).is_err() {
            shared.stop.store(true, Ordering::Release);
        }
    }
}

/// Signals that the run is stopping (the writer is gone).
struct Stopped;

/// The producer: turns sources into numbered jobs, skipping what an earlier run wrote.
struct Producer<'a> {
    jobs: SyncSender<(u64, Job)>,
    credits: Receiver<()>,
    shared: &'a Shared,
    options: &'a BatchOptions,
    config: &'a Config,
    seq: u64,
    skipped: usize,
    /// Files named or walked but not yet sent, each with the file [`read_ahead`] opened: the
    /// kernel is reading them.
    ahead: std::collections::VecDeque<(PathBuf, Option<Opened>)>,
}

/// How many files ahead of the workers the producer asks the kernel to read.
/// Why: on this project's machine the page cache does not keep a 16 GB run (the host reclaims
/// it), and with one file read at a time 100,000 corpus pages kept the 2 cores 80% busy.
const READ_AHEAD_FILES: usize = 16;

/// A regular file [`read_ahead`] opened, and its size then.
struct Opened {
    file: std::fs::File,
    size: u64,
}

/// Asks the kernel to start reading `path` into the page cache (Linux `posix_fadvise`
/// `WILLNEED`), so that the read when its turn comes finds it there, and returns the open file
/// for that read. Best effort: anything that is not a regular file that opens is left to
/// [`Input::read_file`], which reports it.
fn read_ahead(path: &Path) -> Option<Opened> {
    // Only regular files: opening a FIFO would wait for a writer.
    #[cfg(target_os = "linux")]
    {
        let meta = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        let file = std::fs::File::open(path).ok()?;
        let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
        Some(Opened { file, size: meta.len() })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

impl Producer<'_> {
    /// Whether `--resume` skips the input named `source` (counted when it does).
    fn skips(&mut self, source: &str) -> bool {
        let skip = self.options.resume.as_ref().is_some_and(|earlier| earlier.lock().map(|mut e| e.skip.take(source)).unwrap_or(false));
        self.skipped += usize::from(skip);
        skip
    }

    /// Sends one job for the input named `source` after the files queued before it, unless
    /// `--resume` skips it.
    fn send(&mut self, source: &str, job: Job) -> Result<(), Stopped> {
        if self.skips(source) {
            return Ok(());
        }
        self.flush_files()?;
        self.dispatch(job)
    }

    /// Queues the page file `path` (named `source`) in the read-ahead queue, unless `--resume`
    /// skips it; the oldest queued files are read and sent once the queue is full.
    fn send_file(&mut self, source: &str, path: PathBuf) -> Result<(), Stopped> {
        if self.skips(source) {
            return Ok(());
        }
        let opened = read_ahead(&path);
        self.ahead.push_back((path, opened));
        while self.ahead.len() > READ_AHEAD_FILES {
            self.send_next_file()?;
        }
        Ok(())
    }

    /// Sends the files still in the read-ahead queue, in order.
    fn flush_files(&mut self) -> Result<(), Stopped> {
        while !self.ahead.is_empty() {
            self.send_next_file()?;
        }
        Ok(())
    }

    fn send_next_file(&mut self) -> Result<(), Stopped> {
        match self.ahead.pop_front() {
            Some((path, opened)) => {
                // A credit first, so the read happens only for a job that can start.
                self.take_credit()?;
                let job = read_page(&path, opened, self.options, self.config);
                self.hand_over(job)
            }
            None => Ok(()),
        }
    }

    /// Gives `job` its number and hands it to the workers once a credit is free.
    fn dispatch(&mut self, job: Job) -> Result<(), Stopped> {
        self.take_credit()?;
        self.hand_over(job)
    }

    /// Waits for a free place in the window (see [`run`]).
    fn take_credit(&mut self) -> Result<(), Stopped> {
        if self.shared.stop.load(Ordering::Acquire) || self.credits.recv().is_err() {
            return Err(Stopped);
        }
        Ok(())
    }

    /// Numbers `job` and queues it for the workers (its credit already taken).
    fn hand_over(&mut self, job: Job) -> Result<(), Stopped> {
        self.jobs.send((self.seq, job)).map_err(|_| Stopped)?;
        self.seq += 1;
        self.shared.produced.store(self.seq, Ordering::Relaxed);
        Ok(())
    }

    fn ready(&mut self, output: Output) -> Result<(), Stopped> {
        let source = match &output {
            Output::Record(r) => r.source.clone(),
            Output::Error(e) => e.source.clone(),
        };
        self.send(&source, Job::Ready(output))
    }

    fn source(&mut self, source: &Source) -> Result<(), Stopped> {
        match source {
            Source::Stdin => {
                let job = match Input::read_stdin(self.config.max_input_bytes) {
                    Ok(mut input) => {
                        input.url = self.options.url.clone();
                        Job::Input(input)
                    }
                    Err(e) => Job::Ready(Output::Error(error_record(&Input::from_bytes("-", Vec::new()), &e))),
                };
                self.send("-", job)
            }
            Source::Path(path) => self.path(path),
            Source::FilesFrom(list) => {
                let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
                    Box::new(std::io::stdin().lock())
                } else {
                    match std::fs::File::open(list) {
                        Ok(file) => Box::new(std::io::BufReader::new(file)),
                        Err(e) => {
                            let name = list.display().to_string();
                            let error = ExtractError::Io { path: name.clone(), source: e };
                            return self.ready(Output::Error(error_record(&Input::from_bytes(name, Vec::new()), &error)));
                        }
                    }
                };
                for line in reader.lines() {
                    let line = match line {
                        Ok(line) => line,
                        Err(e) => {
                            let name = list.display().to_string();
                            let error = ExtractError::Io { path: name.clone(), source: e };
                            return self.ready(Output::Error(error_record(&Input::from_bytes(name, Vec::new()), &error)));
                        }
                    };
                    if let Some(path) = list_entry(&line) {
                        self.path(Path::new(path))?;
                    }
                }
                Ok(())
            }
        }
    }

    fn path(&mut self, path: &Path) -> Result<(), Stopped> {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
                match entry {
                    Ok(entry) if entry.file_type().is_dir() => {}
                    Ok(entry) if self.options.record_files && is_record_file_name(entry.path()) => {
                        self.send(&entry.path().display().to_string(), Job::RecordFile(entry.into_path()))?
                    }
                    Ok(entry) if crate::warc::is_warc_path(entry.path()) => self.warc(entry.path())?,
                    Ok(entry) => {
                        if is_page_name(entry.path()) {
                            self.send_file(&entry.path().display().to_string(), entry.into_path())?;
                        }
                    }
                    Err(e) => {
                        let name = e.path().map(|p| p.display().to_string()).unwrap_or_default();
                        let error = ExtractError::Io {
                            path: name.clone(),
                            source: e
                                .into_io_error()
                                .unwrap_or_else(|| std::io::Error::other("directory walk failed (symlink loop?)")),
                        };
                        self.ready(Output::Error(error_record(&Input::from_bytes(name, Vec::new()), &error)))?;
                    }
                }
            }
            Ok(())
        } else if crate::warc::is_warc_path(path) && path.is_file() {
            self.warc(path)
        } else {
            self.send_file(&path.display().to_string(), path.to_path_buf())
        }
    }

    /// Every HTML response record of a WARC file becomes its own job (see [`run_warc`]).
    fn warc(&mut self, path: &Path) -> Result<(), Stopped> {
        let name = path.display().to_string();
        let fail = |e: std::io::Error| {
            Output::Error(error_record(&Input::from_bytes(name.clone(), Vec::new()), &ExtractError::Io { path: name.clone(), source: e }))
        };
        let mut reader = match std::fs::File::open(path).and_then(|f| crate::warc::WarcReader::new(f, self.config.max_input_bytes)) {
            Ok(reader) => reader,
            Err(e) => return self.ready(fail(e)),
        };
        loop {
            match reader.next_record() {
                Ok(Some(record)) => match warc_item(&record, self.config.max_input_bytes) {
                    Some(WarcItem::Page(input)) => {
                        let source = input.source.clone();
                        self.send(&source, Job::Input(input))?;
                    }
                    Some(WarcItem::Failed(output)) => self.ready(output)?,
                    None => {}
                },
                Ok(None) => return Ok(()),
                Err(e) => return self.ready(fail(e)),
            }
        }
    }
}

/// The path a `--files-from` line names, or `None` for a blank or `#` comment line.
fn list_entry(line: &str) -> Option<&str> {
    let line = line.trim_end_matches(['\r', '\n']);
    (!line.trim().is_empty() && !line.trim_start().starts_with('#')).then_some(line)
}

/// Counts the documents of the sources ahead of the run, for the progress bar's total and ETA.
/// Gives up (`None`) on stdin and on WARC files (their record count is only known by reading
/// them whole), and stops early when the run stops.
fn count_ahead(sources: &[Source], shared: &Shared) -> Option<u64> {
    let mut n = 0u64;
    let count_path = |path: &Path, n: &mut u64| -> Option<()> {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true).into_iter().flatten() {
                if shared.stop.load(Ordering::Relaxed) || crate::warc::is_warc_path(entry.path()) {
                    return None;
                }
                if !entry.file_type().is_dir() && is_page_name(entry.path()) {
                    *n += 1;
                }
            }
        } else if crate::warc::is_warc_path(path) {
            return None;
        } else {
            *n += 1;
        }
        Some(())
    };
    for source in sources {
        match source {
            Source::Stdin => n += 1,
            Source::Path(path) => count_path(path, &mut n)?,
            Source::FilesFrom(list) if list.as_os_str() == "-" => return None,
            Source::FilesFrom(list) => {
                let file = std::io::BufReader::new(std::fs::File::open(list).ok()?);
                for line in file.lines() {
                    let line = line.ok()?;
                    if let Some(path) = list_entry(&line) {
                        count_path(Path::new(path), &mut n)?;
                    }
                }
            }
        }
    }
    Some(n)
}

/// Whether a walk under [`BatchOptions::record_files`] hands `path` to the sink as a record file.
fn is_record_file_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let name = name.to_ascii_lowercase();
    RECORD_FILE_ENDINGS.iter().any(|ending| name.len() > ending.len() && name.ends_with(ending))
}

fn is_page_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => PAGE_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(ext)),
        None => !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')),
    }
}

/// Reads one page file into a worker's job; a read failure is that file's error record.
/// The producer reads, ahead of the workers, so that they extract while the next files come
/// off the disk. Why: on a cold page cache, 10,000 corpus pages read by the workers themselves
/// ran at 1,392–1,451 docs/s on 2 cores, 1,551–1,646 read by the producer (and 1,630 with the
/// read-ahead hints), against about 1,850–2,000 when cached.
fn read_page(path: &Path, opened: Option<Opened>, options: &BatchOptions, config: &Config) -> Job {
    let read = match opened {
        Some(Opened { file, size }) => Input::read_regular_file(path, file, size, config.max_input_bytes),
        None => Input::read_file(path, config.max_input_bytes),
    };
    match read {
        Ok(mut input) => {
            input.url = options.url.clone();
            Job::Input(input)
        }
        Err(e) => Job::Ready(Output::Error(error_record(&Input::from_bytes(path.display().to_string(), Vec::new()), &e))),
    }
}

/// What one WARC record gives a run: a page to extract, an error line of its own (a response
/// over the size cap), or nothing (requests, metadata, non-HTML or non-2xx responses).
enum WarcItem {
    /// An HTML response to extract.
    Page(Input),
    /// The record's error line, ready to write.
    Failed(Output),
}

/// Sorts one record for [`run_warc`] and the parallel feeder alike.
fn warc_item(record: &crate::warc::WarcRecord, limit: u64) -> Option<WarcItem> {
    if let Some((source, error)) = crate::warc::oversized(record, limit) {
        return Some(WarcItem::Failed(Output::Error(error_record(&Input::from_bytes(source, Vec::new()), &error))));
    }
    crate::warc::response_input(record).map(WarcItem::Page)
}

/// Extracts every HTML response record of a `.warc` / `.warc.gz` file (as written by
/// `warta fetch`), with `url` and `source` from the record, so an archived crawl re-extracts
/// offline to the live records. A file that cannot be read, or breaks off, gives one error
/// record (after the records read before the break). [`run`] does the same with one job per
/// record; this is the one-thread form for library users.
pub fn run_warc(path: &Path, config: &Config, emit: &mut dyn FnMut(Output) -> std::io::Result<()>) -> std::io::Result<()> {
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
            Ok(Some(record)) => match warc_item(&record, config.max_input_bytes) {
                Some(WarcItem::Page(input)) => emit(extract_document(&input, config))?,
                Some(WarcItem::Failed(output)) => emit(output)?,
                None => {}
            },
            Ok(None) => return Ok(()),
            Err(e) => return emit(fail(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_files_are_told_by_their_name() {
        assert!(is_record_file_name(Path::new("dir/records.jsonl")));
        assert!(is_record_file_name(Path::new("dir/shard-07.JSONL.gz")));
        assert!(!is_record_file_name(Path::new("dir/page.html.gz")));
        assert!(!is_record_file_name(Path::new("dir/.jsonl")), "a hidden file with no name before the ending");
        assert!(!is_record_file_name(Path::new("dir/records.json")));
    }

    #[test]
    fn list_lines_skip_blanks_and_comments_but_keep_spaces_in_names() {
        assert_eq!(list_entry("pages/a b.html\r\n"), Some("pages/a b.html"));
        assert_eq!(list_entry("   "), None);
        assert_eq!(list_entry("# shard 7"), None);
    }
}
