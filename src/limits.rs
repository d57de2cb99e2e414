//! Per-document resource limits that are not a single size check: the cooperative wall-time
//! deadline. Long loops call [`Deadline::check`] now and then; a document over its time gets a
//! `timeout` error record and the worker moves on to the next input.

use std::time::{Duration, Instant};

use crate::error::ExtractError;

/// How many loop iterations pass between two clock reads in [`Deadline::tick`] (reading the
/// clock per node would cost more than the work it guards).
pub const TICK_EVERY: u32 = 4096;

/// The moment one document's processing must stop by; `None` means no limit.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    started: Instant,
    limit: Option<Duration>,
}

impl Deadline {
    /// A deadline `limit` from now (`None`: never expires).
    pub fn start(limit: Option<Duration>) -> Self {
        Deadline { started: Instant::now(), limit }
    }

    /// A deadline that never expires.
    pub fn none() -> Self {
        Deadline::start(None)
    }

    /// True once the time is up.
    pub fn expired(&self) -> bool {
        self.limit.is_some_and(|limit| self.started.elapsed() >= limit)
    }

    /// `Err(Timeout)` naming `stage` once the time is up.
    pub fn check(&self, stage: &'static str) -> Result<(), ExtractError> {
        match self.limit {
            Some(limit) if self.started.elapsed() >= limit => Err(ExtractError::Timeout {
                stage,
                limit_ms: limit.as_millis().min(u64::MAX as u128) as u64,
            }),
            _ => Ok(()),
        }
    }

    /// [`Deadline::check`] on every [`TICK_EVERY`]th call, counted in `counter`: cheap enough
    /// for a per-node loop.
    pub fn tick(&self, counter: &mut u32, stage: &'static str) -> Result<(), ExtractError> {
        *counter = counter.wrapping_add(1);
        if counter.is_multiple_of(TICK_EVERY) {
            self.check(stage)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_limit_expires_and_none_never_does() {
        let d = Deadline::start(Some(Duration::ZERO));
        assert!(d.expired());
        match d.check("parse") {
            Err(ExtractError::Timeout { stage, limit_ms }) => assert_eq!((stage, limit_ms), ("parse", 0)),
            other => panic!("expected a timeout, got {other:?}"),
        }
        let never = Deadline::none();
        assert!(!never.expired());
        assert!(never.check("clean").is_ok());
    }

    #[test]
    fn tick_reads_the_clock_only_every_so_often() {
        let d = Deadline::start(Some(Duration::ZERO));
        let mut counter = 0;
        for _ in 1..TICK_EVERY {
            assert!(d.tick(&mut counter, "parse").is_ok());
        }
        assert!(d.tick(&mut counter, "parse").is_err());
    }
}
