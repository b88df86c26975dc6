//! What the async config decides, as pure functions: retry budget, event age, backoff with
//! jitter, the FC destination record, and where that record goes.

use serde_json::json;

use crate::engine::store::Delivery;
use crate::fc::{self, AsyncConfig, Destination};

/// FC's default `maxAsyncRetryAttempts`.
pub const DEFAULT_RETRIES: u32 = 3;
/// FC's default `maxAsyncEventAgeInSeconds`.
pub const DEFAULT_MAX_AGE_S: u64 = 86_400;
/// The first retry waits about this long; each further one twice as long.
const BACKOFF_BASE_MS: i64 = 1_000;
const BACKOFF_MAX_MS: i64 = 300_000;

/// A function's async settings with FC's defaults filled in.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub max_retries: u32,
    pub max_age_ms: i64,
    pub on_success: Option<String>,
    pub on_failure: Option<String>,
}

impl Policy {
    pub fn of(config: Option<&AsyncConfig>) -> Policy {
        let destinations = config.and_then(|c| c.destination_config.as_ref());
        Policy {
            max_retries: config
                .and_then(|c| c.max_async_retry_attempts)
                .unwrap_or(DEFAULT_RETRIES),
            max_age_ms: config
                .and_then(|c| c.max_async_event_age_in_seconds)
                .unwrap_or(DEFAULT_MAX_AGE_S) as i64
                * 1000,
            on_success: destinations
                .and_then(|d| d.on_success.as_ref())
                .map(|t| t.destination.clone()),
            on_failure: destinations
                .and_then(|d| d.on_failure.as_ref())
                .map(|t| t.destination.clone()),
        }
    }

    /// An event accepted at `created_ms` is too old to run at `now_ms`.
    pub fn expired(&self, created_ms: i64, now_ms: i64) -> bool {
        now_ms - created_ms > self.max_age_ms
    }

    /// After `attempts` executions failed, is another one allowed?
    pub fn may_retry(&self, attempts: u32) -> bool {
        attempts <= self.max_retries
    }

    /// Where the record of a finished task goes, if anywhere.
    pub fn delivery(&self, succeeded: bool, record: String) -> Option<Delivery> {
        let arn = if succeeded {
            self.on_success.as_ref()
        } else {
            self.on_failure.as_ref()
        }?;
        Some(match fc::parse_destination(arn) {
            Some(Destination::Queue(name)) => Delivery::Queue { name, body: record },
            Some(Destination::Function(name)) => Delivery::Function {
                name,
                payload: record.into_bytes(),
            },
            Some(Destination::Topic(_)) | None => Delivery::Unsupported,
        })
    }
}

/// Delay before the retry that follows execution number `attempt` (1-based): exponential,
/// capped, with "equal jitter" (half fixed, half random, `jitter` in 0..1) so a burst of
/// failures does not retry in lockstep.
pub fn backoff_ms(attempt: u32, jitter: f64) -> i64 {
    let exponent = attempt.saturating_sub(1).min(20);
    let full = BACKOFF_BASE_MS
        .saturating_mul(1i64 << exponent)
        .min(BACKOFF_MAX_MS);
    let half = full / 2;
    half + (half as f64 * jitter.clamp(0.0, 1.0)) as i64
}

/// One finished task, as its destination record describes it.
#[derive(Debug, Clone)]
pub struct RecordInput<'a> {
    pub request_id: &'a str,
    pub function_arn: &'a str,
    /// Empty on success; `RetriesExhausted` or `EventAgeExceeded` on failure.
    pub condition: &'a str,
    pub invoke_count: u32,
    pub request_payload: &'a [u8],
    pub status_code: u16,
    /// Empty on success; the error type otherwise.
    pub function_error: &'a str,
    pub response_payload: &'a [u8],
    pub timestamp_ms: i64,
}

/// The destination record FC delivers (reference §12), as JSON text.
pub fn destination_record(input: &RecordInput) -> String {
    json!({
        "timestamp": input.timestamp_ms,
        "requestContext": {
            "requestId": input.request_id,
            "functionArn": input.function_arn,
            "condition": input.condition,
            "approximateInvokeCount": input.invoke_count,
        },
        "requestPayload": String::from_utf8_lossy(input.request_payload),
        "responseContext": {
            "statusCode": input.status_code,
            "functionError": input.function_error,
        },
        "responsePayload": String::from_utf8_lossy(input.response_payload),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fc::{DestinationConfig, DestinationTarget};

    #[test]
    fn backoff_doubles_with_jitter_inside_bounds() {
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(1, 1.0), 1000);
        assert_eq!(backoff_ms(2, 0.0), 1000);
        assert_eq!(backoff_ms(3, 1.0), 4000);
        for attempt in 1..10 {
            let low = backoff_ms(attempt, 0.0);
            let mid = backoff_ms(attempt, 0.5);
            let high = backoff_ms(attempt, 1.0);
            assert!(low <= mid && mid <= high && high <= 2 * low);
        }
        assert_eq!(backoff_ms(40, 1.0), BACKOFF_MAX_MS);
    }

    #[test]
    fn policy_defaults_follow_fc() {
        let policy = Policy::of(None);
        assert_eq!(policy.max_retries, 3);
        assert!(policy.may_retry(3) && !policy.may_retry(4));
        assert!(!policy.expired(0, 86_400_000));
        assert!(policy.expired(0, 86_400_001));
        let two = Policy::of(Some(&AsyncConfig {
            max_async_retry_attempts: Some(2),
            ..Default::default()
        }));
        // Two retries: three executions in all.
        assert!(two.may_retry(2) && !two.may_retry(3));
    }

    #[test]
    fn records_go_to_the_destination_of_the_outcome() {
        let config = AsyncConfig {
            destination_config: Some(DestinationConfig {
                on_success: Some(DestinationTarget {
                    destination: "acs:fc:cn-hangzhou:1:functions/next".into(),
                }),
                on_failure: Some(DestinationTarget {
                    destination: "acs:mns:::/queues/dlq/messages".into(),
                }),
            }),
            ..Default::default()
        };
        let policy = Policy::of(Some(&config));
        assert!(matches!(
            policy.delivery(true, "r".into()),
            Some(Delivery::Function { name, .. }) if name == "next"
        ));
        assert!(matches!(
            policy.delivery(false, "r".into()),
            Some(Delivery::Queue { name, .. }) if name == "dlq"
        ));
        assert!(Policy::of(None).delivery(true, "r".into()).is_none());
    }

    #[test]
    fn record_has_fc_shape_with_string_payloads() {
        let text = destination_record(&RecordInput {
            request_id: "r-1",
            function_arn: "acs:fc:cn-hangzhou:1:functions/f",
            condition: "RetriesExhausted",
            invoke_count: 3,
            request_payload: b"{\"a\":1}",
            status_code: 200,
            function_error: "UnhandledInvocationError",
            response_payload: b"{\"errorMessage\":\"boom\"}",
            timestamp_ms: 42,
        });
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["timestamp"], 42);
        assert_eq!(value["requestContext"]["approximateInvokeCount"], 3);
        assert_eq!(value["requestContext"]["condition"], "RetriesExhausted");
        assert_eq!(value["requestPayload"], "{\"a\":1}");
        assert_eq!(value["responseContext"]["statusCode"], 200);
        assert_eq!(
            value["responseContext"]["functionError"],
            "UnhandledInvocationError"
        );
        assert_eq!(value["responsePayload"], "{\"errorMessage\":\"boom\"}");
    }
}
