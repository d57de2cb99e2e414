//! The `--format es-bulk` sink: Elasticsearch/OpenSearch `_bulk` NDJSON, an action line then
//! the record, so `warta extract … --format es-bulk | curl --data-binary @- …/_bulk` indexes it.
//!
//! Error records are not documents: the sink leaves them out of the bulk stream and says so on
//! stderr, one line each (source, kind, message); the run's exit code (1 when any input gave
//! an error record) tells a script that something was left out.

use std::io::{self, Write};

use crate::output::Sink;
use crate::record::Output;

/// The index name used when none is given (`--index`).
pub const DEFAULT_INDEX: &str = "warta";

/// The `_bulk` action line for one record: `{"index":{"_index":NAME,"_id":ID}}` and a newline.
/// `index` (not `create`) so pushing a record again replaces it by id.
pub fn action_line(index: &str, id: &str) -> String {
    let action = serde_json::json!({ "index": { "_index": index, "_id": id } });
    format!("{action}\n")
}

/// Writes records as `_bulk` NDJSON pairs; error records go to stderr instead (see module doc).
pub struct EsBulkSink<W: Write> {
    writer: W,
    index: String,
    /// Error records seen (and left out of the bulk stream).
    pub skipped: usize,
}

impl<W: Write> EsBulkSink<W> {
    /// A sink writing bulk pairs for index `index` to `writer`.
    pub fn new(writer: W, index: impl Into<String>) -> Self {
        EsBulkSink { writer, index: index.into(), skipped: 0 }
    }
}

impl<W: Write> Sink for EsBulkSink<W> {
    fn write(&mut self, output: &Output) -> io::Result<()> {
        match output {
            Output::Record(record) => {
                self.writer.write_all(action_line(&self.index, &record.id).as_bytes())?;
                serde_json::to_writer(&mut self.writer, record)?;
                self.writer.write_all(b"\n")
            }
            Output::Error(e) => {
                self.skipped += 1;
                eprintln!(
                    "warta: {}: error record ({}) left out of the bulk output: {}",
                    e.source, e.error.kind, e.error.message
                );
                Ok(())
            }
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, ErrorRecord, Record};

    #[test]
    fn pairs_for_records_nothing_for_errors() {
        let record = Record {
            id: "62696345d141096969f34905c5b67a43".into(),
            title: Some("Server PDN Kembali Pulih, Sistem Pelayanan Imigrasi Berjalan Normal".into()),
            ..Record::default()
        };
        let error = ErrorRecord {
            schema_version: 1,
            id: "e1".into(),
            source: "kosong.html".into(),
            error: ErrorInfo { kind: "empty".into(), message: "the input is empty".into(), status: None },
        };
        let mut sink = EsBulkSink::new(Vec::new(), "berita \"2024\"");
        sink.write(&Output::Record(Box::new(record.clone()))).unwrap();
        sink.write(&Output::Error(error)).unwrap();
        sink.finish().unwrap();
        assert_eq!(sink.skipped, 1);
        let text = String::from_utf8(sink.writer).unwrap();
        assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let action: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(action, serde_json::json!({"index": {"_index": "berita \"2024\"", "_id": record.id}}));
        let doc: Record = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(doc, record);
    }
}
