//! Where records go: every format sits behind the one [`Sink`] trait.

use std::io::{self, Write};
use std::path::Path;

use crate::record::Output;

pub mod es_bulk;

pub use es_bulk::EsBulkSink;

/// A destination for output lines, one per input, in the order given.
pub trait Sink {
    /// Writes one record or error record.
    fn write(&mut self, output: &Output) -> io::Result<()>;
    /// Flushes whatever is buffered; called once at the end of a run.
    fn finish(&mut self) -> io::Result<()>;
    /// Takes a file of records (`.jsonl`, `.jsonl.gz`) that a directory walk met, in its place
    /// in the input order; only runs with `BatchOptions::record_files` call it. A sink that
    /// reads no record files refuses it, which stops the run.
    fn record_file(&mut self, path: &Path) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, format!("{}: this output takes no record files", path.display())))
    }
}

/// How records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One compact JSON object per line.
    JsonLines,
    /// Pretty-printed JSON, one document per input, separated by a newline.
    Json,
}

/// Writes records as JSON Lines or pretty JSON to any writer.
pub struct JsonSink<W: Write> {
    writer: W,
    format: Format,
}

impl<W: Write> JsonSink<W> {
    /// A sink writing `format` to `writer`.
    pub fn new(writer: W, format: Format) -> Self {
        JsonSink { writer, format }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn write(&mut self, output: &Output) -> io::Result<()> {
        match self.format {
            Format::JsonLines => serde_json::to_writer(&mut self.writer, output)?,
            Format::Json => serde_json::to_writer_pretty(&mut self.writer, output)?,
        }
        self.writer.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
