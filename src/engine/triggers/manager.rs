//! The trigger manager: one running source per stored trigger. Sources start with the
//! engine and when a trigger is created, restart when its config changes, and stop when it
//! (or its function) is deleted. A source that fails is retried with backoff and reports
//! its state through `TriggerStatus`; it runs in its own task, so even a panic in it never
//! reaches the engine. HTTP triggers need no task: their parsed config is the route.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::watch;

use super::http::HttpConfig;
use super::oss::{self, OssConfig, Scanner};
use super::timer::{self, TimerConfig};
use super::{kafka, Deliver, TriggerStatus};
use crate::fc::Trigger;

/// First wait after a source failed; doubles up to `BACKOFF_MAX`.
const BACKOFF_MIN: Duration = Duration::from_secs(1);
const BACKOFF_MAX: Duration = Duration::from_secs(60);
/// How long a create or update waits for a new source's first check (a reachable broker
/// answers in milliseconds; an unreachable one is known after the connect timeout).
const SETTLE: Duration = Duration::from_secs(3);

/// What sources need to know about the engine.
#[derive(Debug, Clone)]
pub struct ManagerSettings {
    /// `S_HOME`: buckets live in `<s_home>/buckets`, broker settings beside it.
    pub s_home: PathBuf,
    pub region: String,
    pub account_id: String,
}

/// An HTTP trigger as its route sees it.
#[derive(Debug)]
pub struct HttpRoute {
    pub function: String,
    pub trigger: Trigger,
    /// The parsed config, or why it cannot serve.
    pub config: Result<HttpConfig, String>,
}

struct Running {
    trigger: Trigger,
    status: Arc<TriggerStatus>,
    /// Dropping it (or sending `true`) stops the source.
    stop: watch::Sender<bool>,
    http: Option<Arc<HttpRoute>>,
}

type Key = (String, String);

pub struct TriggerManager {
    deliver: Arc<dyn Deliver>,
    /// Where the Kafka source puts batches it gives up on.
    dead_letter: kafka::DeadLetter,
    settings: ManagerSettings,
    running: Mutex<HashMap<Key, Running>>,
}

impl TriggerManager {
    pub fn new(
        deliver: Arc<dyn Deliver>,
        dead_letter: kafka::DeadLetter,
        settings: ManagerSettings,
    ) -> TriggerManager {
        TriggerManager {
            deliver,
            dead_letter,
            settings,
            running: Mutex::new(HashMap::new()),
        }
    }

    /// Start every stored trigger (engine start-up).
    pub fn start_all(&self, triggers: Vec<(String, Trigger)>) {
        let count = triggers.len();
        for (function, trigger) in triggers {
            self.apply(&function, &trigger);
        }
        if count > 0 {
            tracing::info!("triggers: {count} started");
        }
    }

    /// Run `trigger` as stored now: start it, or restart it when its config, source or
    /// qualifier changed. An unchanged trigger keeps running (a redeploy does not reset
    /// its timers or bucket listing).
    pub fn apply(&self, function: &str, trigger: &Trigger) {
        let key = (function.to_string(), trigger.trigger_name.clone());
        let mut running = self.lock();
        if let Some(current) = running.get(&key) {
            if same_source(&current.trigger, trigger) {
                return;
            }
        }
        if let Some(old) = running.remove(&key) {
            let _ = old.stop.send(true);
        }
        let started = self.start(function, trigger);
        running.insert(key, started);
    }

    /// Stop one trigger.
    pub fn remove(&self, function: &str, trigger: &str) {
        let removed = self
            .lock()
            .remove(&(function.to_string(), trigger.to_string()));
        if let Some(old) = removed {
            let _ = old.stop.send(true);
            tracing::info!("trigger `{function}/{trigger}` stopped");
        }
    }

    /// Stop every trigger of a function.
    pub fn remove_function(&self, function: &str) {
        let mut running = self.lock();
        running.retain(|(f, _), entry| {
            let keep = f != function;
            if !keep {
                let _ = entry.stop.send(true);
            }
            keep
        });
    }

    /// Stop everything (engine shutdown).
    pub fn shutdown(&self) {
        for (_, entry) in self.lock().drain() {
            let _ = entry.stop.send(true);
        }
    }

    /// `(state, error)` of a running trigger.
    pub fn status(&self, function: &str, trigger: &str) -> Option<(String, Option<String>)> {
        let running = self.lock();
        let entry = running.get(&(function.to_string(), trigger.to_string()))?;
        Some(entry.status.get())
    }

    /// Wait (at most `SETTLE`) until a just applied trigger knows whether it can run, so that
    /// the answer to a create or update carries a dead broker's error rather than `Starting`.
    pub async fn settled(&self, function: &str, trigger: &str) {
        let status = self
            .lock()
            .get(&(function.to_string(), trigger.to_string()))
            .map(|entry| entry.status.clone());
        if let Some(status) = status {
            status.settled(SETTLE).await;
        }
    }

    /// The route of an HTTP trigger.
    pub fn http_route(&self, function: &str, trigger: &str) -> Option<Arc<HttpRoute>> {
        let running = self.lock();
        running
            .get(&(function.to_string(), trigger.to_string()))?
            .http
            .clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Running>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn start(&self, function: &str, trigger: &Trigger) -> Running {
        let status = Arc::new(TriggerStatus::default());
        status.set_state("Starting", None);
        let (stop, stopped) = watch::channel(false);
        let label = format!(
            "{} trigger `{function}/{}`",
            trigger.trigger_type, trigger.trigger_name
        );
        let mut http = None;
        match trigger.trigger_type.as_str() {
            "http" => {
                let config = HttpConfig::parse(&trigger.trigger_config);
                match &config {
                    Ok(_) => status.set_running(),
                    Err(e) => status.set_error(e.clone()),
                }
                http = Some(Arc::new(HttpRoute {
                    function: function.to_string(),
                    trigger: trigger.clone(),
                    config,
                }));
            }
            "timer" => self.start_timer(function, trigger, &label, &status, stopped),
            "oss" => self.start_oss(function, trigger, &label, &status, stopped),
            "eventbridge" => self.start_eventbridge(function, trigger, &status, stopped),
            other => status.set_state(
                "Unsupported",
                Some(format!("the local engine has no `{other}` event source; the trigger is stored but never fires")),
            ),
        }
        if !is_kafka(trigger) {
            status.mark_settled();
        }
        let (state, error) = status.get();
        match error {
            Some(error) => tracing::warn!("{label}: {state}: {error}"),
            None => tracing::info!("{label}: {state}"),
        }
        Running {
            trigger: trigger.clone(),
            status,
            stop,
            http,
        }
    }

    fn start_timer(
        &self,
        function: &str,
        trigger: &Trigger,
        label: &str,
        status: &Arc<TriggerStatus>,
        stopped: watch::Receiver<bool>,
    ) {
        let config = match TimerConfig::parse(&trigger.trigger_config) {
            Ok(config) => config,
            Err(e) => return status.set_error(e),
        };
        if !config.enabled {
            return status.set_state("Disabled", None);
        }
        let (function, name) = (function.to_string(), trigger.trigger_name.clone());
        let (deliver, source_status) = (self.deliver.clone(), status.clone());
        supervise(label.to_string(), status.clone(), stopped, move || {
            timer::run(
                config.clone(),
                function.clone(),
                name.clone(),
                deliver.clone(),
                source_status.clone(),
            )
        });
    }

    fn start_oss(
        &self,
        function: &str,
        trigger: &Trigger,
        label: &str,
        status: &Arc<TriggerStatus>,
        stopped: watch::Receiver<bool>,
    ) {
        let s = &self.settings;
        let parsed = OssConfig::parse(
            &trigger.trigger_config,
            trigger.source_arn.as_deref(),
            &s.region,
            &s.account_id,
        )
        .and_then(|config| Ok((oss::bucket_dir(&s.s_home, &config.bucket)?, config)));
        let (root, config) = match parsed {
            Ok(parsed) => parsed,
            Err(e) => return status.set_error(e),
        };
        let scanner = Arc::new(Mutex::new(Scanner::default()));
        let (function, trigger) = (function.to_string(), trigger.clone());
        let (deliver, source_status) = (self.deliver.clone(), status.clone());
        supervise(label.to_string(), status.clone(), stopped, move || {
            let target = oss::Target {
                function: function.clone(),
                trigger_name: trigger.trigger_name.clone(),
                trigger_id: trigger.trigger_id.clone(),
                deliver: deliver.clone(),
                status: source_status.clone(),
            };
            oss::run(config.clone(), root.clone(), scanner.clone(), target)
        });
    }

    fn start_eventbridge(
        &self,
        function: &str,
        trigger: &Trigger,
        status: &Arc<TriggerStatus>,
        stopped: watch::Receiver<bool>,
    ) {
        let config: Value = serde_json::from_str(&trigger.trigger_config).unwrap_or(Value::Null);
        let source_type = config
            .pointer("/eventSourceConfig/eventSourceType")
            .and_then(Value::as_str)
            .unwrap_or("Default");
        match source_type {
            "Kafka" => self.start_kafka(function, trigger, status, stopped),
            other => status.set_state(
                "Unsupported",
                Some(format!("the local engine has no eventbridge `{other}` source; the trigger is stored but never fires")),
            ),
        }
    }
}

impl TriggerManager {
    /// Consume the trigger's Kafka topic until `stopped`; dead-lettered batches go to the
    /// engine's local queues. The source reports broker trouble in `status`, retries by
    /// itself and follows `kafka.yaml` under `S_HOME`, so it is spawned once rather than
    /// supervised.
    fn start_kafka(
        &self,
        function: &str,
        trigger: &Trigger,
        status: &Arc<TriggerStatus>,
        stopped: watch::Receiver<bool>,
    ) {
        let parsed = match kafka::KafkaTrigger::from_config(&trigger.trigger_config) {
            Ok(parsed) => parsed,
            Err(e) => {
                status.mark_settled();
                return status.set_error(e);
            }
        };
        let brokers = kafka::BrokerSource::File {
            s_home: self.settings.s_home.clone(),
            instance_id: parsed.instance_id.clone(),
        };
        tokio::spawn(kafka::run(
            parsed,
            function.to_string(),
            brokers,
            self.deliver.clone(),
            self.dead_letter.clone(),
            status.clone(),
            stopped,
        ));
    }
}

/// An eventbridge trigger with a Kafka source (settles after its first broker check).
fn is_kafka(trigger: &Trigger) -> bool {
    trigger.trigger_type == "eventbridge"
        && serde_json::from_str::<Value>(&trigger.trigger_config)
            .ok()
            .and_then(|c| {
                c.pointer("/eventSourceConfig/eventSourceType")
                    .and_then(Value::as_str)
                    .map(|t| t == "Kafka")
            })
            .unwrap_or(false)
}

/// Same config, source and qualifier: nothing to restart.
fn same_source(a: &Trigger, b: &Trigger) -> bool {
    let config = |t: &Trigger| serde_json::from_str::<Value>(&t.trigger_config).ok();
    a.trigger_type == b.trigger_type
        && config(a) == config(b)
        && a.source_arn == b.source_arn
        && a.qualifier == b.qualifier
}

/// Run `source` in its own task until `stopped`; when it fails (or panics), record the
/// error, wait with exponential backoff and run it again.
fn supervise<F, Fut>(
    label: String,
    status: Arc<TriggerStatus>,
    mut stopped: watch::Receiver<bool>,
    mut source: F,
) where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    tokio::spawn(async move {
        let mut backoff = BACKOFF_MIN;
        loop {
            let started = Instant::now();
            let mut task = tokio::spawn(source());
            let result = tokio::select! {
                joined = &mut task => joined.unwrap_or_else(|e| Err(format!("the source failed: {e}"))),
                _ = stopped.wait_for(|stop| *stop) => {
                    task.abort();
                    return;
                }
            };
            let Err(error) = result else {
                return;
            };
            if started.elapsed() > BACKOFF_MAX {
                backoff = BACKOFF_MIN;
            }
            tracing::warn!("{label}: {error}; retrying in {}s", backoff.as_secs());
            status.set_error(error);
            tokio::select! {
                _ = tokio::time::sleep(backoff) => {}
                _ = stopped.wait_for(|stop| *stop) => return,
            }
            backoff = (backoff * 2).min(BACKOFF_MAX);
        }
    });
}
