//! One consumer of a Kafka trigger: read a batch window, hand it to the function with the
//! trigger's retry policy, dead-letter or block per `errorsTolerance`, and only then commit
//! the batch's offsets. Broker trouble is reported, never returned: librdkafka reconnects by
//! itself and this loop simply keeps going.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use rdkafka::client::ClientContext;
use rdkafka::config::{ClientConfig, RDKafkaLogLevel};
use rdkafka::consumer::{CommitMode, Consumer, ConsumerContext, StreamConsumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Headers, Message};
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::watch;
use tokio::time::Instant;

use super::brokers::BrokerSource;
use super::config::{ErrorsTolerance, KafkaTrigger};
use super::event::{batch_payload, Origin, Record};
use super::health::{Health, BROKER};
use super::throttle::{self, FetchMeter, FETCH_WAIT, STATS_EVERY};
use super::DeadLetter;
use crate::engine::triggers::{Deliver, Delivery, TriggerStatus};

/// Everything the consumers of one trigger share.
pub struct Shared {
    pub trigger: KafkaTrigger,
    pub function: String,
    pub brokers: String,
    /// Where `brokers` came from, for hints.
    pub source: BrokerSource,
    pub deliver: Arc<dyn Deliver>,
    pub dead_letter: DeadLetter,
    pub health: Arc<Health>,
    pub status: Arc<TriggerStatus>,
}

/// With offsets waiting for a commit that failed, how often an idle consumer retries it.
const COMMIT_RETRY: Duration = Duration::from_secs(2);
/// How long a stopping consumer lets an in-flight delivery finish.
const STOP_GRACE: Duration = Duration::from_secs(10);
/// Pause after a consume error so a persistent one does not spin.
const ERROR_PAUSE: Duration = Duration::from_millis(500);

/// Routes librdkafka's global errors (broker down, ...) into the trigger's health, and its
/// statistics into the fetch throttle.
pub struct Context {
    pub health: Arc<Health>,
    pub brokers: String,
    pub meter: Arc<FetchMeter>,
}

impl ClientContext for Context {
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        // Connection churn is reported once through `error`; the raw lines are for debugging.
        if (level as i32) <= (RDKafkaLogLevel::Warning as i32) {
            tracing::debug!(target: "librdkafka", "{facility} {message}");
        }
    }

    fn stats_raw(&self, statistics: &[u8]) {
        self.meter.record_stats(statistics);
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let text = format!("kafka broker `{}`: {reason} ({error})", self.brokers);
        self.health.report(BROKER, Some(text));
    }
}

impl ConsumerContext for Context {}

pub type KafkaConsumer = StreamConsumer<Context>;

/// `(topic, partition)` → the last offset that may be committed.
type Offsets = BTreeMap<(String, i32), i64>;

/// Resolves once `shutdown` is true (or its sender is gone).
pub async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Sleep for `pause`; `true` if asked to stop meanwhile.
pub async fn pause_or_stop(pause: Duration, shutdown: &mut watch::Receiver<bool>) -> bool {
    tokio::select! {
        _ = stopped(shutdown) => true,
        _ = tokio::time::sleep(pause) => false,
    }
}

/// Consumer number `index` of the trigger, until shutdown.
pub async fn worker(shared: Arc<Shared>, index: u32, mut shutdown: watch::Receiver<bool>) {
    let reporter = format!("consumer {index}");
    loop {
        match create(&shared, index) {
            Ok(consumer) => {
                shared.health.report(&reporter, None);
                let consumer = Arc::new(consumer);
                let meter = consumer.context().meter.clone();
                let throttle = throttle::run(consumer.clone(), meter, shutdown.clone());
                let consuming = consume(&shared, &reporter, consumer.clone(), &mut shutdown);
                tokio::join!(consuming, throttle);
                close(consumer).await;
                return;
            }
            Err(e) => {
                let text = format!("cannot start a kafka consumer on `{}`: {e}", shared.brokers);
                shared.health.report(&reporter, Some(text));
                if pause_or_stop(Duration::from_secs(5), &mut shutdown).await {
                    return;
                }
            }
        }
    }
}

fn create(shared: &Shared, index: u32) -> Result<KafkaConsumer, KafkaError> {
    let t = &shared.trigger;
    let context = Context {
        health: shared.health.clone(),
        brokers: shared.brokers.clone(),
        meter: Arc::default(),
    };
    let consumer: KafkaConsumer = ClientConfig::new()
        .set("bootstrap.servers", &shared.brokers)
        .set("group.id", &t.consumer_group)
        .set("client.id", format!("s-{}-{index}", shared.function))
        .set("auto.offset.reset", t.offset_reset.as_str())
        // Offsets are committed by hand, after delivery: at-least-once.
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        // Local brokers come and go with the developer: notice quickly, reconnect quickly.
        .set("session.timeout.ms", "10000")
        .set("reconnect.backoff.max.ms", "2000")
        .set("topic.metadata.refresh.interval.ms", "5000")
        // An idle consumer waits for messages on the broker, not in a loop (see `throttle`).
        .set("fetch.wait.max.ms", FETCH_WAIT.as_millis().to_string())
        .set(
            "statistics.interval.ms",
            STATS_EVERY.as_millis().to_string(),
        )
        .create_with_context(context)?;
    consumer.subscribe(&[&t.topic])?;
    Ok(consumer)
}

/// What the batch collector came back with.
enum Step {
    Batch(Vec<Record>),
    /// Nothing arrived for a while; a good moment to retry a failed commit.
    Idle,
    Stop,
}

async fn consume(
    shared: &Shared,
    reporter: &str,
    consumer: Arc<KafkaConsumer>,
    shutdown: &mut watch::Receiver<bool>,
) {
    let mut pending = Offsets::new();
    loop {
        let idle = (!pending.is_empty()).then_some(COMMIT_RETRY);
        match next_batch(shared, &consumer, idle, shutdown).await {
            Step::Stop => break,
            Step::Idle => {}
            Step::Batch(records) => {
                if !push(shared, reporter, &records, shutdown).await {
                    break; // stopped mid-delivery: this batch is not committed
                }
                for r in &records {
                    let last = pending
                        .entry((r.topic.clone(), r.partition))
                        .or_insert(r.offset);
                    *last = (*last).max(r.offset);
                }
            }
        }
        commit_pending(shared, reporter, &consumer, &mut pending).await;
    }
    commit_pending(shared, reporter, &consumer, &mut pending).await;
}

/// Collect up to `CountBasedWindow` messages, waiting at most `TimeBasedWindow` after the first.
async fn next_batch(
    shared: &Shared,
    consumer: &KafkaConsumer,
    idle: Option<Duration>,
    shutdown: &mut watch::Receiver<bool>,
) -> Step {
    let mut batch = Vec::new();
    let mut deadline = idle.map(|d| Instant::now() + d);
    while batch.len() < shared.trigger.batch_count {
        let window = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            _ = stopped(shutdown) => return Step::Stop,
            received = consumer.recv() => match received {
                Ok(message) => {
                    if batch.is_empty() {
                        deadline = Some(Instant::now() + shared.trigger.batch_window);
                    }
                    consumer.context().meter.received();
                    batch.push(record(&message));
                    shared.health.report(BROKER, None);
                }
                Err(e) => {
                    let text = format!(
                        "kafka topic `{}` on `{}`: {e}",
                        shared.trigger.topic, shared.brokers
                    );
                    shared.health.report(BROKER, Some(text));
                    if pause_or_stop(ERROR_PAUSE, shutdown).await {
                        return Step::Stop;
                    }
                }
            },
            _ = window => break,
        }
    }
    if batch.is_empty() {
        Step::Idle
    } else {
        Step::Batch(batch)
    }
}

fn record(m: &BorrowedMessage<'_>) -> Record {
    let headers = m
        .headers()
        .map(|h| {
            h.iter()
                .map(|h| (h.key.to_string(), h.value.unwrap_or_default().to_vec()))
                .collect()
        })
        .unwrap_or_default();
    let now = || time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000;
    Record {
        topic: m.topic().to_string(),
        partition: m.partition(),
        offset: m.offset(),
        timestamp: m.timestamp().to_millis().unwrap_or_else(|| now() as i64),
        key: m.key().map(<[u8]>::to_vec),
        value: m.payload().map(<[u8]>::to_vec),
        headers,
    }
}

/// Deliver one batch until it succeeded or was given up (dead-lettered when configured).
/// `false` if asked to stop first, in which case the batch must not be committed.
async fn push(
    shared: &Shared,
    reporter: &str,
    records: &[Record],
    shutdown: &mut watch::Receiver<bool>,
) -> bool {
    let t = &shared.trigger;
    let origin = Origin {
        instance_id: &t.instance_id,
        account_id: &t.account_id,
    };
    let payload = batch_payload(t.schema, &origin, records);
    let started = Instant::now();
    let mut retries = 0u32;
    loop {
        let delivering = shared
            .deliver
            .deliver(&shared.function, payload.clone(), t.is_async);
        let Some(outcome) = finish_or_stop(delivering, shutdown).await else {
            return false;
        };
        let failure = match outcome {
            Delivery::Done { .. } => {
                shared.health.report(reporter, None);
                return true;
            }
            Delivery::FunctionError { error_type, .. } => format!("function error `{error_type}`"),
            Delivery::NotDelivered { code, message } => format!("{code}: {message}"),
        };
        let exhausted =
            retries >= t.retry.max_retries || started.elapsed() >= t.retry.max_event_age;
        if exhausted && t.errors_tolerance == ErrorsTolerance::All {
            return give_up(shared, reporter, records.len(), payload, &failure, shutdown).await;
        }
        retries += 1;
        let text = format!(
            "delivering {} message(s) to `{}` failed ({failure}), retry {retries}",
            records.len(),
            shared.function
        );
        shared.health.report(reporter, Some(text));
        if pause_or_stop(t.retry.pause(retries), shutdown).await {
            return false;
        }
    }
}

/// The delivery's outcome; on shutdown it gets `STOP_GRACE` to finish (a finished delivery
/// is committed, an abandoned one is delivered again later), then `None`.
async fn finish_or_stop(
    delivering: BoxFuture<'_, Delivery>,
    shutdown: &mut watch::Receiver<bool>,
) -> Option<Delivery> {
    tokio::pin!(delivering);
    tokio::select! {
        outcome = &mut delivering => Some(outcome),
        _ = stopped(shutdown) => tokio::time::timeout(STOP_GRACE, delivering).await.ok(),
    }
}

/// `errorsTolerance: ALL` after the last retry: dead-letter the batch (retrying the queue
/// itself until it takes it) or, without a queue, drop it.
async fn give_up(
    shared: &Shared,
    reporter: &str,
    count: usize,
    payload: Bytes,
    failure: &str,
    shutdown: &mut watch::Receiver<bool>,
) -> bool {
    let function = &shared.function;
    let Some(queue) = &shared.trigger.dead_letter_queue else {
        tracing::warn!(
            "kafka trigger of `{function}`: skipped {count} message(s) it failed on ({failure})"
        );
        shared.health.report(reporter, None);
        return true;
    };
    let mut attempt = 0;
    loop {
        match (shared.dead_letter)(queue.clone(), payload.clone()).await {
            Ok(()) => {
                tracing::warn!(
                    "kafka trigger of `{function}`: sent {count} message(s) it failed on ({failure}) to dead-letter queue `{queue}`"
                );
                shared.health.report(reporter, None);
                return true;
            }
            Err(e) => {
                attempt += 1;
                let text = format!("dead-letter queue `{queue}` refused a batch: {e}");
                shared.health.report(reporter, Some(text));
                if pause_or_stop(shared.trigger.retry.pause(attempt), shutdown).await {
                    return false;
                }
            }
        }
    }
}

async fn commit_pending(
    shared: &Shared,
    reporter: &str,
    consumer: &Arc<KafkaConsumer>,
    pending: &mut Offsets,
) {
    if pending.is_empty() {
        return;
    }
    let mut list = TopicPartitionList::new();
    for ((topic, partition), offset) in pending.iter() {
        // Kafka commits the next offset to read.
        let _ = list.add_partition_offset(topic, *partition, Offset::Offset(offset + 1));
    }
    let client = consumer.clone();
    let result = tokio::task::spawn_blocking(move || client.commit(&list, CommitMode::Sync)).await;
    match result {
        Ok(Ok(())) => {
            pending.clear();
            shared.health.report(reporter, None);
        }
        Ok(Err(e)) => {
            // A partition handed to another consumer meanwhile is theirs to commit now.
            if let Ok(assigned) = consumer.assignment() {
                pending.retain(|(topic, partition), _| {
                    assigned.find_partition(topic, *partition).is_some()
                });
            }
            let text = format!(
                "committing offsets of topic `{}` failed: {e}",
                shared.trigger.topic
            );
            shared.health.report(reporter, Some(text));
        }
        Err(e) => tracing::error!("kafka commit task failed: {e}"),
    }
}

/// Leave the group cleanly (so the next consumer gets the partitions at once); librdkafka's
/// close blocks, so it runs off the async threads, bounded in case the broker is gone.
async fn close(consumer: Arc<KafkaConsumer>) {
    let closing = tokio::task::spawn_blocking(move || drop(consumer));
    let _ = tokio::time::timeout(Duration::from_secs(10), closing).await;
}
