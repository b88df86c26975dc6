//! Event sources that invoke functions on their own: HTTP, timer, OSS bucket folders and
//! EventBridge (Kafka). Each source delivers through `Deliver`, so it never needs to know
//! how the engine runs a function, and reports its health through `TriggerStatus`, which
//! `s info` and the engine log show.

mod deliver;
pub mod http;
pub mod jwt;
pub mod kafka;
mod manager;
pub mod oss;
pub mod timer;

use std::sync::Mutex;

use bytes::Bytes;
use futures_util::future::BoxFuture;

pub use deliver::EngineDeliver;
pub use manager::{HttpRoute, ManagerSettings, TriggerManager};

/// How a source hands an event to its function.
pub trait Deliver: Send + Sync + 'static {
    /// Invoke `function` with `payload`. Sync: resolves when the function finished, with its
    /// outcome. Async: resolves once the event is durably queued.
    fn deliver(&self, function: &str, payload: Bytes, is_async: bool) -> BoxFuture<'_, Delivery>;
}

/// What happened to one delivered event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The function ran and succeeded (sync), or the event was queued (async).
    Done { body: Bytes },
    /// The function ran and failed (`x-fc-error-type`); `body` is FC's error document.
    FunctionError { error_type: String, body: Bytes },
    /// The engine could not run it (throttled, function missing, start failure).
    NotDelivered { code: String, message: String },
}

impl Delivery {
    pub fn succeeded(&self) -> bool {
        matches!(self, Delivery::Done { .. })
    }
}

/// A source's health, for `s info` and the engine log: running, or retrying after an error.
#[derive(Debug, Default)]
pub struct TriggerStatus {
    inner: Mutex<StatusInner>,
    /// `true` once the source knows whether it can run (a Kafka trigger after its first broker
    /// check), so a deploy can report a dead broker instead of `Starting`.
    settled: tokio::sync::watch::Sender<bool>,
}

#[derive(Debug, Default, Clone)]
struct StatusInner {
    state: String,
    error: Option<String>,
}

impl TriggerStatus {
    pub fn set_running(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.state = "Running".into();
        inner.error = None;
    }

    pub fn set_error(&self, error: impl Into<String>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.state = "Error".into();
        inner.error = Some(error.into());
    }

    /// Any other state, e.g. `Disabled` for a timer with `enable: false`, or `Unsupported`
    /// with the reason for a source the engine cannot run.
    pub fn set_state(&self, state: &str, error: Option<String>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.state = state.into();
        inner.error = error;
    }

    /// The source has checked what it depends on; `state` is now worth reporting.
    pub fn mark_settled(&self) {
        self.settled.send_replace(true);
    }

    /// Wait until `mark_settled`, at most `limit`.
    pub async fn settled(&self, limit: std::time::Duration) {
        let mut settled = self.settled.subscribe();
        let _ = tokio::time::timeout(limit, settled.wait_for(|done| *done)).await;
    }

    /// `(state, last error)`.
    pub fn get(&self) -> (String, Option<String>) {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        (inner.state.clone(), inner.error.clone())
    }
}
