//! Timer triggers: `cronExpression` (six fields with seconds, UTC, or `@every 5m`),
//! `payload`, `enable`. Each tick queues `{triggerTime, triggerName, payload}` as an async
//! invocation. Ticks are computed from the clock when the source starts, so a tick missed
//! while the engine was down is not replayed (as on FC).

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use super::{Deliver, Delivery, TriggerStatus};
pub use crate::fc::schedule::Schedule;

/// A parsed `triggerConfig` of a timer trigger.
#[derive(Debug, Clone)]
pub struct TimerConfig {
    pub schedule: Schedule,
    pub payload: String,
    pub enabled: bool,
}

impl TimerConfig {
    pub fn parse(config: &str) -> Result<TimerConfig, String> {
        let value: Value =
            serde_json::from_str(config).map_err(|e| format!("invalid triggerConfig: {e}"))?;
        let expression = value
            .get("cronExpression")
            .and_then(Value::as_str)
            .ok_or("a timer trigger needs `cronExpression`")?;
        let payload = match value.get("payload") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
        };
        Ok(TimerConfig {
            schedule: Schedule::parse(expression)?,
            payload,
            enabled: value.get("enable").and_then(Value::as_bool).unwrap_or(true),
        })
    }
}

/// The timer event FC delivers.
pub fn event(trigger_name: &str, time: DateTime<Utc>, payload: &str) -> Vec<u8> {
    serde_json::json!({
        "triggerTime": time.to_rfc3339_opts(SecondsFormat::Secs, true),
        "triggerName": trigger_name,
        "payload": payload,
    })
    .to_string()
    .into_bytes()
}

/// Fire until cancelled (the manager drops this future to stop it). A disabled timer is
/// never run.
pub async fn run(
    config: TimerConfig,
    function: String,
    trigger_name: String,
    deliver: Arc<dyn Deliver>,
    status: Arc<TriggerStatus>,
) -> Result<(), String> {
    status.set_running();
    let mut previous = Utc::now();
    loop {
        let now = Utc::now();
        // Ticks that passed while the process was suspended are skipped, not replayed.
        let mut next = config
            .schedule
            .next_after(previous)
            .ok_or("the schedule has no next time")?;
        while next <= now {
            next = config
                .schedule
                .next_after(next)
                .ok_or("the schedule has no next time")?;
        }
        let wait = (next - now).to_std().unwrap_or_default();
        tokio::time::sleep(wait).await;
        previous = next;
        let payload = Bytes::from(event(&trigger_name, next, &config.payload));
        match deliver.deliver(&function, payload, true).await {
            Delivery::NotDelivered { code, message } => {
                tracing::warn!("timer trigger `{function}/{trigger_name}`: {code}: {message}");
                status.set_error(format!("{code}: {message}"));
            }
            _ => status.set_running(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_reads_payload_and_enable() {
        let config =
            TimerConfig::parse(r#"{"cronExpression":"@every 1m","payload":"hi","enable":false}"#)
                .unwrap();
        assert_eq!(config.payload, "hi");
        assert!(!config.enabled);
        let config = TimerConfig::parse(r#"{"cronExpression":"@every 1m"}"#).unwrap();
        assert!(config.enabled);
        assert!(TimerConfig::parse(r#"{"payload":"x"}"#).is_err());
    }

    #[test]
    fn event_has_fc_shape_with_second_precision_utc() {
        let time = DateTime::parse_from_rfc3339("2022-07-29T10:02:58.123Z")
            .unwrap()
            .with_timezone(&Utc);
        let event: Value = serde_json::from_slice(&event("TestTimer", time, "p")).unwrap();
        assert_eq!(
            event,
            serde_json::json!({"triggerTime":"2022-07-29T10:02:58Z","triggerName":"TestTimer","payload":"p"})
        );
    }
}
