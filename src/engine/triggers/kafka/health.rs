//! One trigger's health from several reporters (the broker probe, each consumer's delivery
//! loop), folded into its `TriggerStatus`: running while nobody reports an error. Each change
//! is also written to the engine log once.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::engine::triggers::TriggerStatus;

pub struct Health {
    trigger: String,
    status: Arc<TriggerStatus>,
    errors: Mutex<BTreeMap<String, String>>,
}

impl Health {
    pub fn new(trigger: String, status: Arc<TriggerStatus>) -> Health {
        status.set_running();
        Health {
            trigger,
            status,
            errors: Mutex::new(BTreeMap::new()),
        }
    }

    /// Record `reporter`'s current error (`None`: it is fine now).
    pub fn report(&self, reporter: &str, error: Option<String>) {
        let mut errors = self.errors.lock().unwrap_or_else(|e| e.into_inner());
        let changed = match &error {
            Some(e) => errors.insert(reporter.to_string(), e.clone()).as_ref() != Some(e),
            None => errors.remove(reporter).is_some(),
        };
        if !changed {
            return;
        }
        match &error {
            Some(e) => tracing::warn!("kafka trigger `{}`: {e}", self.trigger),
            None => tracing::info!("kafka trigger `{}`: {reporter} recovered", self.trigger),
        }
        if errors.is_empty() {
            self.status.set_running();
        } else {
            let all: Vec<&str> = errors.values().map(String::as_str).collect();
            self.status.set_error(all.join("; "));
        }
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
}
