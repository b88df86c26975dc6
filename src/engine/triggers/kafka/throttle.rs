//! Keeps an idle consumer from spinning on a broker that answers an empty fetch at once.
//!
//! librdkafka sends the next fetch as soon as the last one returned and relies on the broker
//! to hold an empty fetch for `fetch.wait.max.ms`. Some small Kafka-protocol brokers (the
//! pip-installed one the tests use among them) ignore that wait, and an idle trigger then
//! fetches thousands of times a second, burning most of a core in the engine and the broker.
//! librdkafka has no setting that backs off after an empty fetch, so the consumer watches its
//! own fetch rate in librdkafka's statistics: while it fetches far more often than a
//! well-behaved broker allows and nothing arrives, its partitions are paused for the fetch
//! wait and resumed for a moment, so it fetches a few times per wait instead. The first
//! message lifts the throttle. A broker that honours the wait never trips it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rdkafka::consumer::Consumer;
use serde::Deserialize;
use tokio::sync::watch;

use super::consumer::{pause_or_stop, KafkaConsumer};

/// The fetch wait the consumers ask brokers for (`fetch.wait.max.ms`).
pub const FETCH_WAIT: Duration = Duration::from_millis(500);
/// How often librdkafka reports statistics (`statistics.interval.ms`; its granularity is 1 s).
pub const STATS_EVERY: Duration = Duration::from_secs(1);
/// Fetches per second, with no message, above which the broker is taken to ignore the wait.
/// A broker that honours it allows about two per second per broker connection.
const SPINNING_FETCHES_PER_SECOND: u64 = 50;
/// While throttled: partitions paused for `FETCH_WAIT`, then resumed this long for a fetch.
const RESUMED: Duration = Duration::from_millis(20);

/// What a consumer's statistics and its delivery loop tell the throttle.
#[derive(Default)]
pub struct FetchMeter {
    /// Fetch requests sent so far, over every broker (from the statistics).
    fetches: AtomicU64,
    /// Messages the consumer received so far (counted by its loop, not by the statistics,
    /// which come only once a second).
    messages: AtomicU64,
}

/// Just the part of librdkafka's statistics JSON the throttle reads.
#[derive(Deserialize)]
struct Stats {
    #[serde(default)]
    brokers: HashMap<String, BrokerStats>,
}

#[derive(Deserialize)]
struct BrokerStats {
    #[serde(default)]
    req: HashMap<String, u64>,
}

impl FetchMeter {
    /// Read librdkafka's statistics JSON (`ClientContext::stats_raw`).
    pub fn record_stats(&self, raw: &[u8]) {
        if let Ok(stats) = serde_json::from_slice::<Stats>(raw) {
            let fetches = stats
                .brokers
                .values()
                .filter_map(|b| b.req.get("Fetch"))
                .sum();
            self.fetches.store(fetches, Ordering::Relaxed);
        }
    }

    /// The consumer received a message.
    pub fn received(&self) {
        self.messages.fetch_add(1, Ordering::Relaxed);
    }

    fn sample(&self) -> (u64, u64) {
        (
            self.fetches.load(Ordering::Relaxed),
            self.messages.load(Ordering::Relaxed),
        )
    }
}

/// Whether the consumer spun between two samples `elapsed` apart: many fetches, no message.
fn spinning(before: (u64, u64), after: (u64, u64), elapsed: Duration) -> bool {
    let fetches = after.0.saturating_sub(before.0);
    let limit = SPINNING_FETCHES_PER_SECOND * elapsed.as_millis().max(1) as u64 / 1000;
    after.1 == before.1 && fetches > limit
}

/// Watch `consumer` until `shutdown`, throttling its fetches while it spins.
pub async fn run(
    consumer: Arc<KafkaConsumer>,
    meter: Arc<FetchMeter>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut before = meter.sample();
    loop {
        if pause_or_stop(STATS_EVERY, &mut shutdown).await {
            return;
        }
        let after = meter.sample();
        if spinning(before, after, STATS_EVERY) {
            tracing::debug!("kafka consumer: the broker ignores the fetch wait; throttling");
            let stopped = throttle(&consumer, &meter, after.1, &mut shutdown).await;
            if stopped {
                return;
            }
        }
        before = meter.sample();
    }
}

/// Pause and resume the assignment until a message arrives; `true` if asked to stop.
async fn throttle(
    consumer: &KafkaConsumer,
    meter: &FetchMeter,
    messages: u64,
    shutdown: &mut watch::Receiver<bool>,
) -> bool {
    loop {
        let assigned = consumer.assignment().unwrap_or_default();
        let _ = consumer.pause(&assigned);
        let stop = pause_or_stop(FETCH_WAIT, shutdown).await;
        let _ = consumer.resume(&assigned);
        if stop || pause_or_stop(RESUMED, shutdown).await {
            return true;
        }
        if meter.sample().1 != messages {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_fetches_without_a_message_is_spinning() {
        let second = Duration::from_secs(1);
        assert!(spinning((100, 7), (5_100, 7), second));
        assert!(!spinning((100, 7), (5_100, 8), second), "messages came");
        assert!(!spinning((100, 7), (102, 7), second), "a broker that waits");
    }

    #[test]
    fn the_fetch_count_is_summed_over_brokers() {
        let meter = FetchMeter::default();
        meter.record_stats(
            br#"{"name":"c","brokers":{"a:9092/1":{"req":{"Fetch":30,"Metadata":2}},
                "b:9092/2":{"req":{"Fetch":12}},"GroupCoordinator":{"req":{}}}}"#,
        );
        assert_eq!(meter.sample(), (42, 0));
        meter.record_stats(b"not json");
        assert_eq!(meter.sample(), (42, 0));
    }
}
