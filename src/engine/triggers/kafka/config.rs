//! The `triggerConfig` of an EventBridge trigger with a Kafka source, parsed and validated
//! into plain settings. Only what the local consumer acts on is kept; network fields
//! (`Network`, `VpcId`, ...) are accepted and ignored because the broker is local.

use std::time::Duration;

use serde::Deserialize;

use crate::fc::{parse_destination, Destination};

/// Where a new consumer group starts reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetReset {
    Latest,
    Earliest,
}

impl OffsetReset {
    /// librdkafka's `auto.offset.reset` value.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetReset::Latest => "latest",
            OffsetReset::Earliest => "earliest",
        }
    }
}

/// How a batch is shaped for the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSchema {
    /// A JSON array of strings, each a serialised CloudEvent.
    CloudEvents,
    /// A JSON array of the messages' `data` objects.
    RawData,
}

/// What happens to a batch that still fails after its retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorsTolerance {
    /// Dead-letter it (when configured), commit and go on.
    All,
    /// Keep retrying it; the partition does not move.
    None,
}

/// The pause between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushRetryStrategy {
    /// A short random pause (1–2 units), 3 retries by default.
    Backoff,
    /// Doubling pauses from 1 unit up to 512 units, 176 retries by default.
    ExponentialDecay,
}

/// Retries of one batch: how many, how far apart, and until what age.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub strategy: PushRetryStrategy,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// A batch older than this (from its first attempt) is not retried any more.
    pub max_event_age: Duration,
    /// The base pause; one second, shorter in tests.
    pub unit: Duration,
}

impl RetryPolicy {
    /// The pause before retry number `retry` (1-based).
    pub fn pause(&self, retry: u32) -> Duration {
        match self.strategy {
            PushRetryStrategy::Backoff => {
                // A random 1–2 units, so parallel consumers do not retry in lock step.
                let jitter = rand::random::<f64>();
                self.unit.mul_f64(1.0 + jitter)
            }
            PushRetryStrategy::ExponentialDecay => {
                let exponent = retry.saturating_sub(1).min(9);
                self.unit * (1u32 << exponent)
            }
        }
    }
}

/// A Kafka-sourced EventBridge trigger, ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KafkaTrigger {
    /// `triggerEnable`: a disabled trigger consumes nothing.
    pub enabled: bool,
    /// `asyncInvocationType`.
    pub is_async: bool,
    pub instance_id: String,
    pub topic: String,
    pub consumer_group: String,
    pub offset_reset: OffsetReset,
    pub schema: EventSchema,
    /// `maximumTasks`: consumers in the same group.
    pub maximum_tasks: u32,
    pub errors_tolerance: ErrorsTolerance,
    pub retry: RetryPolicy,
    /// Local queue name from `deadLetterQueue.Arn`.
    pub dead_letter_queue: Option<String>,
    /// `CountBasedWindow`: at most this many messages per invocation.
    pub batch_count: usize,
    /// `TimeBasedWindow`: a batch waits at most this long for more messages.
    pub batch_window: Duration,
    /// `aliyunaccountid` in CloudEvents.
    pub account_id: String,
}

/// Defaults when `batchWindow` is absent: FC pushes each message as it comes.
const DEFAULT_BATCH_COUNT: usize = 1;
const MAX_BATCH_COUNT: u64 = 10_000;
const MAX_BATCH_SECONDS: u64 = 15;
const MAX_TASKS: u64 = 64;
/// `MaximumEventAgeInSeconds` when absent or 0: one day, as EventBridge.
const DEFAULT_EVENT_AGE: u64 = 86_400;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(default)]
    trigger_enable: Option<bool>,
    #[serde(default)]
    async_invocation_type: Option<bool>,
    event_source_config: RawSource,
    #[serde(default)]
    event_sink_config: Option<RawSink>,
    #[serde(default)]
    run_options: Option<RawRunOptions>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    event_source_type: String,
    #[serde(default)]
    event_source_parameters: Option<RawSourceParameters>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSourceParameters {
    #[serde(default)]
    source_kafka_parameters: Option<RawKafka>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawKafka {
    #[serde(default)]
    instance_id: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    consumer_group: Option<String>,
    #[serde(default)]
    offset_reset: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSink {
    #[serde(default)]
    delivery_option: Option<RawDeliveryOption>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDeliveryOption {
    #[serde(default)]
    event_schema: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawRunOptions {
    #[serde(default)]
    maximum_tasks: Option<u64>,
    #[serde(default)]
    errors_tolerance: Option<String>,
    #[serde(default)]
    retry_strategy: Option<RawRetry>,
    #[serde(default)]
    dead_letter_queue: Option<RawDeadLetter>,
    #[serde(default)]
    batch_window: Option<RawBatchWindow>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawRetry {
    #[serde(default)]
    push_retry_strategy: Option<String>,
    #[serde(default)]
    maximum_event_age_in_seconds: Option<u64>,
    #[serde(default)]
    maximum_retry_attempts: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawDeadLetter {
    #[serde(default)]
    arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawBatchWindow {
    #[serde(default)]
    count_based_window: Option<u64>,
    #[serde(default)]
    time_based_window: Option<u64>,
}

impl KafkaTrigger {
    /// Parse a trigger's `triggerConfig` (the JSON string FC stores).
    pub fn from_config(trigger_config: &str) -> Result<KafkaTrigger, String> {
        let raw: Raw = serde_json::from_str(trigger_config)
            .map_err(|e| format!("invalid eventbridge `triggerConfig`: {e}"))?;
        if raw.event_source_config.event_source_type != "Kafka" {
            return Err(format!(
                "unsupported `eventSourceType` `{}`: the local engine runs `Kafka` sources",
                raw.event_source_config.event_source_type
            ));
        }
        let kafka = raw
            .event_source_config
            .event_source_parameters
            .and_then(|p| p.source_kafka_parameters)
            .ok_or("missing `eventSourceParameters.sourceKafkaParameters`")?;
        let run = raw.run_options.unwrap_or_default();
        let (batch_count, batch_window) = batch_window(run.batch_window)?;
        Ok(KafkaTrigger {
            enabled: raw.trigger_enable.unwrap_or(true),
            is_async: raw.async_invocation_type.unwrap_or(false),
            instance_id: kafka.instance_id.unwrap_or_default(),
            topic: required(kafka.topic, "Topic")?,
            consumer_group: required(kafka.consumer_group, "ConsumerGroup")?,
            offset_reset: offset_reset(kafka.offset_reset.as_deref())?,
            schema: schema(raw.event_sink_config)?,
            maximum_tasks: maximum_tasks(run.maximum_tasks)?,
            errors_tolerance: errors_tolerance(run.errors_tolerance.as_deref())?,
            retry: retry_policy(run.retry_strategy)?,
            dead_letter_queue: dead_letter_queue(run.dead_letter_queue)?,
            batch_count,
            batch_window,
            account_id: std::env::var("S_ACCOUNT_ID")
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| crate::engine::DEFAULT_ACCOUNT_ID.to_string()),
        })
    }
}

fn required(value: Option<String>, key: &str) -> Result<String, String> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| format!("missing `sourceKafkaParameters.{key}`"))
}

fn offset_reset(value: Option<&str>) -> Result<OffsetReset, String> {
    match value.unwrap_or("latest") {
        "latest" => Ok(OffsetReset::Latest),
        "earliest" => Ok(OffsetReset::Earliest),
        other => Err(format!(
            "invalid `OffsetReset` `{other}`: expected `latest` or `earliest`"
        )),
    }
}

fn schema(sink: Option<RawSink>) -> Result<EventSchema, String> {
    let value = sink
        .and_then(|s| s.delivery_option)
        .and_then(|d| d.event_schema);
    match value.as_deref().unwrap_or("CloudEvents") {
        "CloudEvents" => Ok(EventSchema::CloudEvents),
        "RawData" => Ok(EventSchema::RawData),
        other => Err(format!(
            "invalid `eventSchema` `{other}`: expected `CloudEvents` or `RawData`"
        )),
    }
}

fn maximum_tasks(value: Option<u64>) -> Result<u32, String> {
    match value.unwrap_or(1) {
        n @ 1..=MAX_TASKS => Ok(n as u32),
        n => Err(format!(
            "invalid `maximumTasks` {n}: expected 1 to {MAX_TASKS}"
        )),
    }
}

fn errors_tolerance(value: Option<&str>) -> Result<ErrorsTolerance, String> {
    match value.unwrap_or("ALL") {
        "ALL" => Ok(ErrorsTolerance::All),
        "NONE" => Ok(ErrorsTolerance::None),
        other => Err(format!(
            "invalid `errorsTolerance` `{other}`: expected `ALL` or `NONE`"
        )),
    }
}

fn retry_policy(raw: Option<RawRetry>) -> Result<RetryPolicy, String> {
    let (strategy, attempts, age) = match raw {
        Some(r) => (
            r.push_retry_strategy,
            r.maximum_retry_attempts,
            r.maximum_event_age_in_seconds,
        ),
        None => (None, None, None),
    };
    let strategy = match strategy.as_deref().unwrap_or("BACKOFF_RETRY") {
        "BACKOFF_RETRY" => PushRetryStrategy::Backoff,
        "EXPONENTIAL_DECAY_RETRY" => PushRetryStrategy::ExponentialDecay,
        other => {
            return Err(format!(
            "invalid `PushRetryStrategy` `{other}`: expected `BACKOFF_RETRY` or `EXPONENTIAL_DECAY_RETRY`"
        ))
        }
    };
    let default_retries = match strategy {
        PushRetryStrategy::Backoff => 3,
        PushRetryStrategy::ExponentialDecay => 176,
    };
    let max_retries = attempts.map_or(default_retries, |n| n.min(u32::MAX as u64) as u32);
    let age = age.filter(|&s| s > 0).unwrap_or(DEFAULT_EVENT_AGE);
    Ok(RetryPolicy {
        strategy,
        max_retries,
        max_event_age: Duration::from_secs(age),
        unit: Duration::from_secs(1),
    })
}

fn dead_letter_queue(raw: Option<RawDeadLetter>) -> Result<Option<String>, String> {
    let Some(arn) = raw.and_then(|d| d.arn).filter(|a| !a.trim().is_empty()) else {
        return Ok(None);
    };
    match parse_destination(&arn) {
        Some(Destination::Queue(queue)) => Ok(Some(queue)),
        _ => Err(format!(
            "invalid `deadLetterQueue.Arn` `{arn}`: expected `acs:mns:<region>:<account>:/queues/<queue>`"
        )),
    }
}

fn batch_window(raw: Option<RawBatchWindow>) -> Result<(usize, Duration), String> {
    let (count, seconds) = match raw {
        Some(w) => (w.count_based_window, w.time_based_window),
        None => (None, None),
    };
    let count = count.unwrap_or(DEFAULT_BATCH_COUNT as u64);
    if !(1..=MAX_BATCH_COUNT).contains(&count) {
        return Err(format!(
            "invalid `CountBasedWindow` {count}: expected 1 to {MAX_BATCH_COUNT}"
        ));
    }
    let seconds = seconds.unwrap_or(0);
    if seconds > MAX_BATCH_SECONDS {
        return Err(format!(
            "invalid `TimeBasedWindow` {seconds}: expected 0 to {MAX_BATCH_SECONDS}"
        ));
    }
    Ok((count as usize, Duration::from_secs(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"triggerEnable":true,"asyncInvocationType":false,"eventRuleFilterPattern":"{}",
      "eventSourceConfig":{"eventSourceType":"Kafka",
        "eventSourceParameters":{"sourceKafkaParameters":{"RegionId":"cn-huhehaote","InstanceId":"alikafka_x","Topic":"testTopic","ConsumerGroup":"test-group","OffsetReset":"earliest","Network":"Default"}}},
      "eventSinkConfig":{"deliveryOption":{"mode":"event-streaming","eventSchema":"RawData","concurrency":1}},
      "runOptions":{"mode":"event-streaming","maximumTasks":3,"errorsTolerance":"NONE",
        "retryStrategy":{"PushRetryStrategy":"EXPONENTIAL_DECAY_RETRY","MaximumEventAgeInSeconds":0,"MaximumRetryAttempts":2},
        "deadLetterQueue":{"Arn":"acs:mns:cn-hangzhou:123:/queues/dlq/messages"},
        "batchWindow":{"CountBasedWindow":2,"TimeBasedWindow":10}}}"#;

    fn with(replace: &str, by: &str) -> Result<KafkaTrigger, String> {
        assert!(EXAMPLE.contains(replace), "{replace}");
        KafkaTrigger::from_config(&EXAMPLE.replace(replace, by))
    }

    #[test]
    fn the_documented_example_parses_into_settings() {
        let t = KafkaTrigger::from_config(EXAMPLE).unwrap();
        assert!(t.enabled && !t.is_async);
        assert_eq!(t.instance_id, "alikafka_x");
        assert_eq!(t.topic, "testTopic");
        assert_eq!(t.consumer_group, "test-group");
        assert_eq!(t.offset_reset, OffsetReset::Earliest);
        assert_eq!(t.schema, EventSchema::RawData);
        assert_eq!(t.maximum_tasks, 3);
        assert_eq!(t.errors_tolerance, ErrorsTolerance::None);
        assert_eq!(t.retry.strategy, PushRetryStrategy::ExponentialDecay);
        assert_eq!(t.retry.max_retries, 2);
        assert_eq!(t.retry.max_event_age, Duration::from_secs(86_400));
        assert_eq!(t.dead_letter_queue.as_deref(), Some("dlq"));
        assert_eq!(t.batch_count, 2);
        assert_eq!(t.batch_window, Duration::from_secs(10));
    }

    #[test]
    fn a_minimal_config_gets_fc_defaults() {
        let t = KafkaTrigger::from_config(
            r#"{"eventSourceConfig":{"eventSourceType":"Kafka","eventSourceParameters":
                {"sourceKafkaParameters":{"Topic":"t","ConsumerGroup":"g"}}}}"#,
        )
        .unwrap();
        assert_eq!(t.offset_reset, OffsetReset::Latest);
        assert_eq!(t.schema, EventSchema::CloudEvents);
        assert_eq!(t.errors_tolerance, ErrorsTolerance::All);
        assert_eq!(t.retry.strategy, PushRetryStrategy::Backoff);
        assert_eq!(t.retry.max_retries, 3);
        assert_eq!((t.batch_count, t.batch_window), (1, Duration::ZERO));
        assert_eq!(t.maximum_tasks, 1);
        assert_eq!(t.dead_letter_queue, None);
    }

    #[test]
    fn out_of_range_and_unknown_values_are_rejected_with_the_key() {
        let cases = [
            (
                r#""CountBasedWindow":2"#,
                r#""CountBasedWindow":0"#,
                "CountBasedWindow",
            ),
            (
                r#""CountBasedWindow":2"#,
                r#""CountBasedWindow":10001"#,
                "CountBasedWindow",
            ),
            (
                r#""TimeBasedWindow":10"#,
                r#""TimeBasedWindow":16"#,
                "TimeBasedWindow",
            ),
            (
                r#""OffsetReset":"earliest""#,
                r#""OffsetReset":"oldest""#,
                "OffsetReset",
            ),
            (
                r#""eventSourceType":"Kafka""#,
                r#""eventSourceType":"MNS""#,
                "eventSourceType",
            ),
            (r#""Topic":"testTopic","#, "", "Topic"),
            (r#""ConsumerGroup":"test-group","#, "", "ConsumerGroup"),
            (
                r#""eventSchema":"RawData""#,
                r#""eventSchema":"Avro""#,
                "eventSchema",
            ),
            (
                r#""errorsTolerance":"NONE""#,
                r#""errorsTolerance":"SOME""#,
                "errorsTolerance",
            ),
            (r#""maximumTasks":3"#, r#""maximumTasks":0"#, "maximumTasks"),
            (
                r#""EXPONENTIAL_DECAY_RETRY""#,
                r#""NEVER""#,
                "PushRetryStrategy",
            ),
            (
                "/queues/dlq/messages",
                "/topics/dlq/messages",
                "deadLetterQueue",
            ),
        ];
        for (from, to, key) in cases {
            let err = with(from, to).unwrap_err();
            assert!(err.contains(key), "{key}: {err}");
        }
        assert!(KafkaTrigger::from_config("not json")
            .unwrap_err()
            .contains("triggerConfig"));
    }

    #[test]
    fn exponential_pauses_double_up_to_512_units() {
        let policy = RetryPolicy {
            strategy: PushRetryStrategy::ExponentialDecay,
            max_retries: 176,
            max_event_age: Duration::from_secs(86_400),
            unit: Duration::from_secs(1),
        };
        let pauses: Vec<u64> = [1, 2, 3, 10, 11, 100]
            .iter()
            .map(|&r| policy.pause(r).as_secs())
            .collect();
        assert_eq!(pauses, [1, 2, 4, 512, 512, 512]);
        let backoff = RetryPolicy {
            strategy: PushRetryStrategy::Backoff,
            ..policy
        };
        let pause = backoff.pause(1);
        assert!(pause >= Duration::from_secs(1) && pause <= Duration::from_secs(2));
    }
}
