//! `--resume`: reads what an earlier, interrupted run already wrote to its JSON Lines output,
//! cuts off a half-written last line, and says which inputs to skip.
//!
//! An input is known by its `source` (records and error records both carry it; a WARC record's
//! source is its requested URL). Sources are counted, not just collected, so an archive that
//! holds one URL twice has its second copy redone when only the first made it out.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;

/// The inputs of an earlier run, by a 64-bit hash of their source (16 bytes an entry instead of
/// the path itself: a million-document archive stays in a few tens of MB).
#[derive(Debug, Default)]
pub struct SkipSet {
    counts: HashMap<u64, u32>,
    total: usize,
}

impl SkipSet {
    /// Notes one line with this source.
    pub fn add(&mut self, source: &str) {
        *self.counts.entry(key(source)).or_default() += 1;
        self.total += 1;
    }

    /// True (and one fewer left) when `source` was already written; false when it must run.
    pub fn take(&mut self, source: &str) -> bool {
        match self.counts.get_mut(&key(source)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Lines read from the earlier output.
    pub fn len(&self) -> usize {
        self.total
    }

    /// True when the earlier output had no lines.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

fn key(source: &str) -> u64 {
    // SipHash with fixed keys: only needs to agree with itself within one process.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    source.hash(&mut hasher);
    hasher.finish()
}

/// What an earlier output holds: the inputs to skip, and the records in file order as
/// (id, body fingerprint, is a duplicate) so near-duplicate flagging goes on where it stopped.
#[derive(Debug, Default)]
pub struct Earlier {
    /// The sources already written.
    pub skip: SkipSet,
    /// (id, fingerprint) of every earlier record that heads its cluster, in file order.
    pub heads: Vec<(String, u64)>,
    /// Bytes cut off the end (a half-written last line).
    pub repaired_bytes: u64,
}

/// The fields of a line that resuming needs; everything else is ignored.
#[derive(Deserialize)]
struct Line {
    source: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    duplicate_of: Option<String>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

/// Reads `path` (a JSON Lines output of an earlier run), truncates it after its last newline,
/// and collects its sources. A missing file is an empty one. A complete line that is not a
/// record (edited by hand?) is an error: appending to it would hide the damage.
pub fn prepare(path: &Path, fingerprints: bool) -> io::Result<Earlier> {
    let mut file = match std::fs::OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Earlier::default()),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let keep = last_newline_end(&mut file, len)?;
    if keep < len {
        file.set_len(keep)?;
    }
    file.seek(SeekFrom::Start(0))?;
    let mut earlier = Earlier { repaired_bytes: len - keep, ..Earlier::default() };
    let mut reader = BufReader::new(file);
    let mut buffer = String::new();
    let mut number = 0usize;
    loop {
        buffer.clear();
        if reader.read_line(&mut buffer)? == 0 {
            break;
        }
        number += 1;
        if buffer.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(&buffer).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("line {number} is not a warta record: {e}"))
        })?;
        earlier.skip.add(&line.source);
        if fingerprints && line.error.is_none() && line.duplicate_of.is_none() {
            if let (Some(id), Some(fingerprint)) = (line.id, line.text.as_deref().and_then(crate::dedup::simhash)) {
                earlier.heads.push((id, fingerprint));
            }
        }
    }
    Ok(earlier)
}

/// The length of the file up to and including its last `\n` (0 when it has none).
fn last_newline_end(file: &mut std::fs::File, len: u64) -> io::Result<u64> {
    use std::io::Read;
    const CHUNK: u64 = 64 * 1024;
    let mut end = len;
    let mut buffer = vec![0u8; CHUNK as usize];
    while end > 0 {
        let start = end.saturating_sub(CHUNK);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buffer[..n])?;
        if let Some(i) = buffer[..n].iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_line_is_cut_and_sources_are_counted() {
        let dir = std::env::temp_dir().join(format!("warta-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let lines = concat!(
            r#"{"schema_version":1,"id":"a","source":"x/1.html","text":""}"#, "\n",
            r#"{"schema_version":1,"id":"b","source":"x/2.html","error":{"kind":"empty","message":"input is empty"}}"#, "\n",
            r#"{"schema_version":1,"id":"a","source":"x/1.html","text":""}"#, "\n",
        );
        std::fs::write(&path, format!("{lines}{{\"schema_version\":1,\"id\":\"c\",\"sou")).unwrap();
        let mut earlier = prepare(&path, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), lines);
        assert_eq!(earlier.repaired_bytes, 33);
        assert_eq!(earlier.skip.len(), 3);
        assert!(earlier.skip.take("x/1.html") && earlier.skip.take("x/1.html"));
        assert!(!earlier.skip.take("x/1.html"), "counted twice, skipped twice");
        assert!(earlier.skip.take("x/2.html"));
        assert!(!earlier.skip.take("x/3.html"));
        assert!(prepare(&dir.join("missing.jsonl"), true).unwrap().skip.is_empty());
        std::fs::write(&path, "not json\n").unwrap();
        assert!(prepare(&path, true).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
