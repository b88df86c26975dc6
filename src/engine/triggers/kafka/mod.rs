//! The Kafka source of EventBridge triggers: `maximumTasks` consumers in the trigger's
//! consumer group read the topic in batch windows and deliver each batch to the function
//! (CloudEvents or RawData, sync or async), with the trigger's retry policy, error tolerance
//! and dead-letter queue. Offsets are committed only after a batch was delivered or
//! dead-lettered, so nothing is lost and duplicates only follow a crash (at-least-once).
//!
//! The trigger manager calls, per trigger:
//! `KafkaTrigger::from_config(&trigger.trigger_config)`, then spawns `run(..)` with a
//! `BrokerSource` (`kafka.yaml` under `S_HOME`, followed while it runs) and flips its
//! `shutdown` sender to `true` to stop it (on update, delete, or engine stop).

mod brokers;
mod config;
mod consumer;
mod event;
mod health;
mod throttle;

#[cfg(test)]
mod test_broker;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::RDKafkaErrorCode;
use tokio::sync::watch;

pub use brokers::{brokers_for, BrokerSource, BROKERS_FILE, DEFAULT_BROKERS};
pub use config::{
    ErrorsTolerance, EventSchema, KafkaTrigger, OffsetReset, PushRetryStrategy, RetryPolicy,
};

use super::{Deliver, TriggerStatus};
use consumer::{pause_or_stop, Shared};
use health::{Health, BROKER, UNREACHABLE};

/// Puts a failed batch on a local queue: `(queue name, batch payload)`. The queue name comes
/// from the trigger's `deadLetterQueue.Arn` (`acs:mns:<r>:<a>:/queues/<queue>`).
pub type DeadLetter =
    Arc<dyn Fn(String, Bytes) -> BoxFuture<'static, Result<(), String>> + Send + Sync>;

/// How often the broker probe checks that the brokers answer and the topic exists, and that
/// `kafka.yaml` still names the same brokers.
const PROBE_EVERY: Duration = Duration::from_secs(2);
/// How long the probe waits for a TCP connection before calling a broker unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Run the trigger's consumers until `shutdown` becomes `true`. Never panics and never returns
/// early on broker errors: they show in `status` while librdkafka reconnects. When `brokers`
/// starts naming other servers (an edited `kafka.yaml`), the consumers reconnect to them.
pub async fn run(
    trigger: KafkaTrigger,
    function: String,
    brokers: BrokerSource,
    deliver: Arc<dyn Deliver>,
    dead_letter: DeadLetter,
    status: Arc<TriggerStatus>,
    mut shutdown: watch::Receiver<bool>,
) {
    if !trigger.enabled {
        status.mark_settled();
        consumer::stopped(&mut shutdown).await;
        return;
    }
    let label = format!("{function}` topic `{}", trigger.topic);
    let health = Arc::new(Health::new(label.clone(), status.clone()));
    let mut current = brokers.current();
    loop {
        let shared = Arc::new(Shared {
            trigger: trigger.clone(),
            function: function.clone(),
            brokers: current.clone(),
            source: brokers.clone(),
            deliver: deliver.clone(),
            dead_letter: dead_letter.clone(),
            health: health.clone(),
            status: status.clone(),
        });
        let (stop, stopping) = watch::channel(false);
        let mut consumers = std::pin::pin!(run_with(shared, stopping));
        let mut ended = false;
        let next = loop {
            tokio::select! {
                _ = &mut consumers, if !ended => ended = true,
                _ = consumer::stopped(&mut shutdown) => break None,
                _ = tokio::time::sleep(PROBE_EVERY) => {
                    let now = brokers.current();
                    if now != current {
                        break Some(now);
                    }
                }
            }
        };
        let _ = stop.send(true);
        if !ended {
            consumers.await;
        }
        let Some(next) = next else {
            return;
        };
        tracing::info!(
            "kafka trigger `{label}`: {} now names `{next}` instead of `{current}`; reconnecting",
            brokers.where_set()
        );
        health.clear();
        current = next;
    }
}

/// The consumers and the probe on one set of brokers, until `shutdown`.
async fn run_with(shared: Arc<Shared>, shutdown: watch::Receiver<bool>) {
    let mut all: Vec<BoxFuture<'static, ()>> = (0..shared.trigger.maximum_tasks)
        .map(|i| -> BoxFuture<'static, ()> {
            Box::pin(consumer::worker(shared.clone(), i, shutdown.clone()))
        })
        .collect();
    all.push(Box::pin(probe(shared, shutdown)));
    futures_util::future::join_all(all).await;
}

/// Report whether the brokers answer and know the topic, so `s info` shows a dead broker
/// even while no message is due, and shows it recovered once it is back. The first check
/// settles the trigger's status, so the deploy that started it can report a dead broker.
async fn probe(shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let context = consumer::Context {
        health: shared.health.clone(),
        brokers: shared.brokers.clone(),
        meter: Arc::default(),
    };
    let client: Result<BaseConsumer<consumer::Context>, _> = ClientConfig::new()
        .set("bootstrap.servers", &shared.brokers)
        .set("reconnect.backoff.max.ms", "2000")
        .create_with_context(context);
    let client = match client {
        Ok(client) => Arc::new(client),
        Err(e) => {
            let text = format!("invalid kafka brokers `{}`: {e}", shared.brokers);
            shared.health.report(BROKER, Some(text));
            shared.status.mark_settled();
            return;
        }
    };
    loop {
        match reachable(&shared.brokers).await {
            Ok(()) => {
                shared.health.report(UNREACHABLE, None);
                let error = check_topic(&shared, &client).await;
                shared.health.report(BROKER, error);
            }
            Err(reason) => {
                let text = format!(
                    "kafka broker `{}` is unreachable ({reason}); start one or name yours in {}",
                    shared.brokers,
                    shared.source.where_set()
                );
                shared.health.report(UNREACHABLE, Some(text));
            }
        }
        shared.status.mark_settled();
        if pause_or_stop(PROBE_EVERY, &mut shutdown).await {
            break;
        }
    }
    let _ = tokio::task::spawn_blocking(move || drop(client)).await;
}

/// `Ok` once any bootstrap server accepts a TCP connection: a dead broker is known at once
/// (connection refused) instead of after a metadata timeout.
async fn reachable(brokers: &str) -> Result<(), String> {
    let mut reason = String::from("no address");
    for server in brokers.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let address = server.rsplit("://").next().unwrap_or(server);
        let connect = tokio::net::TcpStream::connect(address);
        match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Ok(Ok(_)) => return Ok(()),
            Ok(Err(e)) => reason = e.kind().to_string(),
            Err(_) => reason = format!("no answer within {}s", CONNECT_TIMEOUT.as_secs()),
        }
    }
    Err(reason)
}

/// The topic's error on a reachable broker, if any.
async fn check_topic(
    shared: &Arc<Shared>,
    client: &Arc<BaseConsumer<consumer::Context>>,
) -> Option<String> {
    let (client, topic) = (client.clone(), shared.trigger.topic.clone());
    let checked = tokio::task::spawn_blocking(move || {
        client
            .fetch_metadata(Some(&topic), Duration::from_secs(5))
            .map(|m| m.topics().iter().find_map(|t| t.error()))
    })
    .await;
    match checked {
        Ok(Ok(None)) => None,
        Ok(Ok(Some(e))) => Some(topic_error(shared, e.into())),
        Ok(Err(e)) => Some(format!("kafka broker `{}`: {e}", shared.brokers)),
        Err(e) => Some(format!("kafka probe failed: {e}")),
    }
}

fn topic_error(shared: &Shared, code: RDKafkaErrorCode) -> String {
    let (topic, brokers) = (&shared.trigger.topic, &shared.brokers);
    match code {
        RDKafkaErrorCode::UnknownTopicOrPartition => {
            format!("kafka topic `{topic}` does not exist on `{brokers}`")
        }
        other => format!("kafka topic `{topic}` on `{brokers}`: {other}"),
    }
}
