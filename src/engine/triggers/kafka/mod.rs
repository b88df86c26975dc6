//! The Kafka source of EventBridge triggers: `maximumTasks` consumers in the trigger's
//! consumer group read the topic in batch windows and deliver each batch to the function
//! (CloudEvents or RawData, sync or async), with the trigger's retry policy, error tolerance
//! and dead-letter queue. Offsets are committed only after a batch was delivered or
//! dead-lettered, so nothing is lost and duplicates only follow a crash (at-least-once).
//!
//! The trigger manager calls, per trigger:
//! `KafkaTrigger::from_config(&trigger.trigger_config)`, then
//! `brokers_for(&s_home, &trigger.instance_id)`, then spawns `run(..)` and flips its
//! `shutdown` sender to `true` to stop it (on update, delete, or engine stop).

mod brokers;
mod config;
mod consumer;
mod event;
mod health;

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

pub use brokers::{brokers_for, BROKERS_FILE, DEFAULT_BROKERS};
pub use config::{
    ErrorsTolerance, EventSchema, KafkaTrigger, OffsetReset, PushRetryStrategy, RetryPolicy,
};

use super::{Deliver, TriggerStatus};
use consumer::{pause_or_stop, Shared, BROKER};
use health::Health;

/// Puts a failed batch on a local queue: `(queue name, batch payload)`. The queue name comes
/// from the trigger's `deadLetterQueue.Arn` (`acs:mns:<r>:<a>:/queues/<queue>`).
pub type DeadLetter =
    Arc<dyn Fn(String, Bytes) -> BoxFuture<'static, Result<(), String>> + Send + Sync>;

/// How often the broker probe checks that the brokers answer and the topic exists.
const PROBE_EVERY: Duration = Duration::from_secs(2);

/// Run the trigger's consumers until `shutdown` becomes `true`. Never panics and never returns
/// early on broker errors: they show in `status` while librdkafka reconnects.
pub async fn run(
    trigger: KafkaTrigger,
    function: String,
    brokers: String,
    deliver: Arc<dyn Deliver>,
    dead_letter: DeadLetter,
    status: Arc<TriggerStatus>,
    mut shutdown: watch::Receiver<bool>,
) {
    if !trigger.enabled {
        consumer::stopped(&mut shutdown).await;
        return;
    }
    let label = format!("{function}` topic `{}", trigger.topic);
    let health = Arc::new(Health::new(label, status));
    let tasks = trigger.maximum_tasks;
    let shared = Arc::new(Shared {
        trigger,
        function,
        brokers,
        deliver,
        dead_letter,
        health,
    });
    let mut all: Vec<BoxFuture<'static, ()>> = (0..tasks)
        .map(|i| -> BoxFuture<'static, ()> {
            Box::pin(consumer::worker(shared.clone(), i, shutdown.clone()))
        })
        .collect();
    all.push(Box::pin(probe(shared, shutdown)));
    futures_util::future::join_all(all).await;
}

/// Report whether the brokers answer and know the topic, so `s info` shows a dead broker
/// even while no message is due, and shows it recovered once it is back.
async fn probe(shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let context = consumer::Context {
        health: shared.health.clone(),
        brokers: shared.brokers.clone(),
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
            return;
        }
    };
    loop {
        let (client2, topic) = (client.clone(), shared.trigger.topic.clone());
        let checked = tokio::task::spawn_blocking(move || {
            client2
                .fetch_metadata(Some(&topic), Duration::from_secs(5))
                .map(|m| m.topics().iter().find_map(|t| t.error()))
        })
        .await;
        let error = match checked {
            Ok(Ok(None)) => None,
            Ok(Ok(Some(e))) => Some(topic_error(&shared, e.into())),
            Ok(Err(e)) => Some(format!("kafka broker `{}`: {e}", shared.brokers)),
            Err(e) => Some(format!("kafka probe failed: {e}")),
        };
        shared.health.report(BROKER, error);
        if pause_or_stop(PROBE_EVERY, &mut shutdown).await {
            break;
        }
    }
    let _ = tokio::task::spawn_blocking(move || drop(client)).await;
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
