//! What the engine sees as it happens: every log line once it is committed (a broadcast that
//! `s logs --tail` streams from) and running totals per function since the engine started
//! (what the Prometheus endpoint exposes). Fed only by the `EventWriter`; read by handlers.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, watch};

use crate::engine::pool::{InvocationRecord, Outcome};
use crate::fc::observe::LogEntry;

/// Lines a slow subscriber may fall behind before it must catch up from the store.
const BROADCAST_CAPACITY: usize = 4_096;

/// Upper bounds (seconds) of the duration histograms, Prometheus style.
pub const DURATION_BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0,
];

/// Observations in fixed buckets; `counts[i]` holds values `<= DURATION_BUCKETS[i]` that did
/// not fit a smaller bucket (not cumulative), the last slot counts the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub counts: Vec<u64>,
    pub sum: f64,
    pub count: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; DURATION_BUCKETS.len() + 1],
            sum: 0.0,
            count: 0,
        }
    }
}

impl Histogram {
    pub fn observe(&mut self, value: f64) {
        let slot = DURATION_BUCKETS
            .iter()
            .position(|bound| value <= *bound)
            .unwrap_or(DURATION_BUCKETS.len());
        self.counts[slot] += 1;
        self.sum += value;
        self.count += 1;
    }
}

/// Totals of one function since the engine started.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionTotals {
    /// By `Outcome::as_str` (`ok`, `error`, `timeout`, `oom`, `crashed`, `throttled`).
    pub outcomes: BTreeMap<&'static str, u64>,
    pub cold_starts: u64,
    /// Handler durations in seconds (throttled requests never ran and are not observed).
    pub duration: Histogram,
    /// Cold-start (instance start + initializer) durations in seconds.
    pub init_duration: Histogram,
    pub max_memory_mb: u64,
}

/// The hub. One per store; cheap to share.
pub struct Live {
    logs: broadcast::Sender<Arc<LogEntry>>,
    closed: watch::Sender<bool>,
    totals: Mutex<BTreeMap<String, FunctionTotals>>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            logs: broadcast::channel(BROADCAST_CAPACITY).0,
            closed: watch::channel(false).0,
            totals: Mutex::new(BTreeMap::new()),
        }
    }
}

impl Live {
    /// Lines committed from now on. Subscribe before reading the store so nothing falls in
    /// between; ids tell the duplicates apart.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LogEntry>> {
        self.logs.subscribe()
    }

    /// Announce committed lines (no one listening is fine).
    pub fn publish(&self, entries: Vec<LogEntry>) {
        if self.logs.receiver_count() == 0 {
            return;
        }
        for entry in entries {
            let _ = self.logs.send(Arc::new(entry));
        }
    }

    /// Count a finished invocation.
    pub fn record(&self, record: &InvocationRecord) {
        let mut totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
        let entry = totals.entry(record.function.clone()).or_default();
        *entry.outcomes.entry(record.outcome.as_str()).or_default() += 1;
        if record.outcome == Outcome::Throttled {
            return;
        }
        entry.duration.observe(record.duration_ms / 1000.0);
        if let Some(init) = record.init_duration_ms {
            entry.cold_starts += 1;
            entry.init_duration.observe(init / 1000.0);
        }
        entry.max_memory_mb = entry.max_memory_mb.max(record.max_memory_mb);
    }

    /// A copy of the totals, by function name.
    pub fn totals(&self) -> BTreeMap<String, FunctionTotals> {
        self.totals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The engine is stopping: open streams end so the server can drain.
    pub fn close(&self) {
        self.closed.send_replace(true);
    }

    /// Becomes `true` when the engine stops.
    pub fn closed(&self) -> watch::Receiver<bool> {
        self.closed.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_puts_values_in_the_first_bucket_that_holds_them() {
        let mut h = Histogram::default();
        h.observe(0.001);
        h.observe(0.002);
        h.observe(1000.0);
        assert_eq!(h.counts[0], 1);
        assert_eq!(h.counts[1], 1);
        assert_eq!(h.counts[DURATION_BUCKETS.len()], 1);
        assert_eq!(h.count, 3);
    }
}
