//! One trigger's health from several reporters (the broker probe, each consumer's delivery
//! loop), folded into its `TriggerStatus`: running while nobody reports an error. Errors go to
//! the engine log with backoff: the first at once, then one line per step (1 s doubling to
//! 60 s) while the trouble lasts, because the probe repeats it every check and librdkafka
//! words the same dead broker a little differently on every reconnect, which would
//! otherwise fill `engine.log`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::engine::triggers::TriggerStatus;

/// The reporter for broker connectivity: the probe, librdkafka's client errors and each
/// consumer's fetches.
pub const BROKER: &str = "broker";
/// The probe's finding that no bootstrap server accepts a connection. While it stands, the
/// vaguer `BROKER` errors of the same outage (librdkafka's transport failures) are dropped.
pub const UNREACHABLE: &str = "unreachable";

/// The first step between two logged errors; doubles up to `LOG_STEP_MAX`.
const LOG_STEP_MIN: Duration = Duration::from_secs(1);
const LOG_STEP_MAX: Duration = Duration::from_secs(60);

pub struct Health {
    trigger: String,
    status: Arc<TriggerStatus>,
    inner: Mutex<Inner>,
}

struct Inner {
    errors: BTreeMap<String, String>,
    /// No error is logged before this instant (`None`: the next one is logged at once).
    quiet_until: Option<Instant>,
    step: Duration,
    /// An error was logged since the trigger last ran clean, so the recovery is worth a line.
    logged: bool,
}

/// What `report` decided to write to the engine log.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Error(String),
    Recovered,
}

impl Health {
    pub fn new(trigger: String, status: Arc<TriggerStatus>) -> Health {
        status.set_running();
        Health {
            trigger,
            status,
            inner: Mutex::new(Inner {
                errors: BTreeMap::new(),
                quiet_until: None,
                step: LOG_STEP_MIN,
                logged: false,
            }),
        }
    }

    /// Record `reporter`'s current error (`None`: it is fine now).
    pub fn report(&self, reporter: &str, error: Option<String>) {
        match self.fold(reporter, error, Instant::now()) {
            Some(Line::Error(e)) => tracing::warn!("kafka trigger `{}`: {e}", self.trigger),
            Some(Line::Recovered) => tracing::info!("kafka trigger `{}`: recovered", self.trigger),
            None => {}
        }
    }

    /// Forget every error (the brokers changed, so they no longer apply).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.errors.clear();
        self.status.set_running();
    }

    fn fold(&self, reporter: &str, error: Option<String>, now: Instant) -> Option<Line> {
        let mut inner = self.lock();
        if reporter == BROKER && error.is_some() && inner.errors.contains_key(UNREACHABLE) {
            return None;
        }
        if reporter == UNREACHABLE && error.is_some() {
            inner.errors.remove(BROKER);
        }
        let changed = match &error {
            Some(e) => {
                inner
                    .errors
                    .insert(reporter.to_string(), e.clone())
                    .as_ref()
                    != Some(e)
            }
            None => inner.errors.remove(reporter).is_some(),
        };
        if inner.errors.is_empty() {
            if !changed {
                return None;
            }
            self.status.set_running();
            let line = inner.logged.then_some(Line::Recovered);
            (inner.quiet_until, inner.step, inner.logged) = (None, LOG_STEP_MIN, false);
            return line;
        }
        if changed {
            let all: Vec<&str> = inner.errors.values().map(String::as_str).collect();
            self.status.set_error(all.join("; "));
        }
        // A lasting error is logged again at each step, changed or not, so the log shows it
        // is still there without repeating it on every check.
        let error = error?;
        if inner.quiet_until.is_some_and(|until| now < until) {
            return None;
        }
        inner.quiet_until = Some(now + inner.step);
        inner.step = (inner.step * 2).min(LOG_STEP_MAX);
        inner.logged = true;
        Some(Line::Error(error))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_only_while_no_reporter_has_an_error() {
        let status = Arc::new(TriggerStatus::default());
        let health = Health::new("t".into(), status.clone());
        assert_eq!(status.get().0, "Running");
        health.report("broker", Some("down".into()));
        health.report("consumer 0", Some("function failed".into()));
        assert_eq!(
            status.get(),
            ("Error".into(), Some("down; function failed".into()))
        );
        health.report("broker", None);
        assert_eq!(
            status.get(),
            ("Error".into(), Some("function failed".into()))
        );
        health.report("consumer 0", None);
        assert_eq!(status.get(), ("Running".into(), None));
    }

    #[test]
    fn a_lasting_outage_is_logged_once_per_backoff_step_up_to_a_minute() {
        let health = Health::new("t".into(), Arc::new(TriggerStatus::default()));
        let start = Instant::now();
        let mut logged = Vec::new();
        // librdkafka rewords the same outage four times a second, for ten minutes.
        for tick in 0..2400u64 {
            let now = start + Duration::from_millis(250 * tick);
            let text = format!("connect failed ({} identical errors suppressed)", tick % 7);
            if let Some(Line::Error(_)) = health.fold("broker", Some(text), now) {
                logged.push((now - start).as_secs());
            }
        }
        assert_eq!(
            logged,
            [0, 1, 3, 7, 15, 31, 63, 123, 183, 243, 303, 363, 423, 483, 543]
        );
    }

    #[test]
    fn an_unreachable_broker_hides_the_transport_errors_of_the_same_outage() {
        let status = Arc::new(TriggerStatus::default());
        let health = Health::new("t".into(), status.clone());
        health.report(BROKER, Some("transport failure".into()));
        health.report(UNREACHABLE, Some("unreachable: refused".into()));
        health.report(BROKER, Some("transport failure again".into()));
        assert_eq!(status.get().1.as_deref(), Some("unreachable: refused"));
        health.report(UNREACHABLE, None);
        assert_eq!(status.get(), ("Running".into(), None));
    }

    #[test]
    fn the_recovery_is_logged_once_and_resets_the_backoff() {
        let health = Health::new("t".into(), Arc::new(TriggerStatus::default()));
        let now = Instant::now();
        let down = || Some("down".to_string());
        assert_eq!(
            health.fold("broker", down(), now),
            Some(Line::Error("down".into()))
        );
        assert_eq!(health.fold("consumer 0", down(), now), None);
        assert_eq!(health.fold("broker", None, now), None);
        assert_eq!(health.fold("consumer 0", None, now), Some(Line::Recovered));
        assert_eq!(health.fold("consumer 0", None, now), None);
        assert_eq!(
            health.fold("broker", down(), now),
            Some(Line::Error("down".into()))
        );
    }
}
