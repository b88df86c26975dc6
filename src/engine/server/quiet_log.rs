//! Warnings about what clients do (refused requests, failed accepts) at most once per period,
//! counting what was left out: a client that repeats a refused request thousands of times
//! must not fill the engine's log.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One kind of warning, reported at most once per `every`.
pub struct QuietLog {
    every: Duration,
    state: Mutex<State>,
}

struct State {
    last: Option<Instant>,
    suppressed: u64,
}

impl QuietLog {
    pub const fn new(every: Duration) -> QuietLog {
        QuietLog {
            every,
            state: Mutex::new(State {
                last: None,
                suppressed: 0,
            }),
        }
    }

    /// Log `message` unless this kind of warning was logged less than `every` ago.
    pub fn warn(&self, message: std::fmt::Arguments<'_>) {
        if let Some(left_out) = self.due(Instant::now()) {
            match left_out {
                0 => tracing::warn!("{message}"),
                n => tracing::warn!("{message} (and {n} more like it since the last report)"),
            }
        }
    }

    /// `Some(how many were left out since the last report)` when a report is due now.
    fn due(&self, now: Instant) -> Option<u64> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.last.is_some_and(|last| now - last < self.every) {
            state.suppressed += 1;
            return None;
        }
        state.last = Some(now);
        Some(std::mem::take(&mut state.suppressed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_counted_and_reported_once_per_period() {
        let log = QuietLog::new(Duration::from_secs(10));
        let start = Instant::now();
        assert_eq!(log.due(start), Some(0));
        assert_eq!(log.due(start + Duration::from_secs(1)), None);
        assert_eq!(log.due(start + Duration::from_secs(2)), None);
        assert_eq!(log.due(start + Duration::from_secs(10)), Some(2));
    }
}
