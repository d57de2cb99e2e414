//! Helpers shared by the integration tests: running the binary, parsing its lines strictly.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use warta::{ErrorRecord, Record};

/// The crate root, so tests find `fixtures/` and `seeds/` from any working directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `warta ARGS` with `stdin` fed in, from the crate root.
pub fn warta(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(root())
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("warta runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One parsed output line: a record or an error record, each checked with
/// `deny_unknown_fields`, plus the raw object to check which keys are present.
#[derive(Debug)]
pub enum Line {
    Record(Box<Record>, serde_json::Map<String, serde_json::Value>),
    Error(ErrorRecord),
}

/// Parses every stdout line strictly; panics with the line when one does not fit the contract.
pub fn lines(stdout: &str) -> Vec<Line> {
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            let object = value.as_object().expect("each line is an object").clone();
            if object.contains_key("error") {
                Line::Error(serde_json::from_value(value).unwrap_or_else(|e| panic!("bad error record ({e}): {line}")))
            } else {
                let record: Record = serde_json::from_value(value).unwrap_or_else(|e| panic!("bad record ({e}): {line}"));
                Line::Record(Box::new(record), object)
            }
        })
        .collect()
}

/// The one record of a single-input run.
pub fn only_record(stdout: &str) -> Record {
    let mut all = lines(stdout);
    assert_eq!(all.len(), 1, "one line expected, got: {stdout}");
    match all.remove(0) {
        Line::Record(record, _) => *record,
        Line::Error(e) => panic!("expected a record, got error {:?}", e.error),
    }
}

/// A fresh scratch directory under the target directory (no network, no /tmp clashes).
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
