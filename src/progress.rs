//! What a batch run tells the person at the terminal: a progress bar on stderr while it runs
//! (only when stderr is a terminal: pipes and logs stay clean) and a one-line summary at the end.

use std::collections::BTreeMap;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the bar is redrawn at most; drawing on every document would cost more than it tells.
const REDRAW_HZ: u8 = 8;

/// A progress bar that may be hidden; every method is cheap when it is.
pub struct Progress {
    bar: ProgressBar,
    errors: usize,
    known_total: bool,
}

impl Progress {
    /// A bar on stderr when `show` (the caller checks that stderr is a terminal), else a hidden
    /// one. `total` is the number of documents when known up front.
    pub fn new(show: bool, total: Option<u64>) -> Self {
        let target = if show { ProgressDrawTarget::stderr_with_hz(REDRAW_HZ) } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(total, target);
        let progress = Progress { bar, errors: 0, known_total: total.is_some() };
        progress.style(total.is_some());
        progress.bar.set_message("0 errors");
        progress
    }

    fn style(&self, known: bool) {
        let template = if known {
            "{elapsed_precise} [{wide_bar}] {human_pos}/{human_len} docs, {rate}, ETA {eta}, {msg}"
        } else {
            "{elapsed_precise} {spinner} {human_pos} docs, {rate}, {msg}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            let style = style.with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} docs/s", state.per_sec());
            });
            self.bar.set_style(style.progress_chars("=> "));
        }
    }

    /// Sets the total once it is known (a walk counted ahead, or the inputs ran out).
    pub fn set_total(&mut self, total: u64) {
        if !self.known_total {
            self.known_total = true;
            self.style(true);
        }
        self.bar.set_length(total);
    }

    /// One document finished; `error` when it gave an error record.
    pub fn done(&mut self, error: bool) {
        if error {
            self.errors += 1;
            self.bar.set_message(format!("{} errors", self.errors));
        }
        self.bar.inc(1);
    }

    /// Removes the bar from the screen.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The end-of-run summary line: documents, records, duplicates, errors by kind, time, speed.
pub fn summary_line(
    records: usize,
    errors_by_kind: &BTreeMap<String, usize>,
    duplicates: usize,
    skipped: usize,
    elapsed: Duration,
) -> String {
    let errors: usize = errors_by_kind.values().sum();
    let documents = records + errors;
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 { documents as f64 / seconds } else { 0.0 };
    let mut line = format!("warta: {documents} documents: {records} records");
    if duplicates > 0 {
        line += &format!(" ({duplicates} near-duplicates)");
    }
    line += &format!(", {errors} errors");
    if errors > 0 {
        let kinds: Vec<String> = errors_by_kind.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
        line += &format!(" ({})", kinds.join(", "));
    }
    if skipped > 0 {
        line += &format!("; {skipped} already in the output, skipped");
    }
    line + &format!("; {seconds:.1} s, {rate:.0} docs/s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_errors_by_kind() {
        let kinds = BTreeMap::from([("binary".to_string(), 2), ("io".to_string(), 1)]);
        let line = summary_line(7, &kinds, 1, 4, Duration::from_secs(2));
        assert_eq!(
            line,
            "warta: 10 documents: 7 records (1 near-duplicates), 3 errors (binary 2, io 1); \
             4 already in the output, skipped; 2.0 s, 5 docs/s"
        );
    }
}
