//! Durable async invocations. An accepted invocation is a task row committed (group commit)
//! before the caller hears 202; a dispatcher runs due tasks through the instance pool within
//! its limits, retries failures with exponential backoff and jitter, expires events older
//! than `maxAsyncEventAgeInSeconds`, and delivers the FC destination record to a function or
//! a local queue in the same transaction that ends the task. After a crash, tasks that were
//! running count an attempt and run again: delivery is at least once.
//!
//! Every async invocation is a task (its id is the request id unless the caller named it),
//! so the task APIs show all of them; naming a task needs `asyncTask: true`.

mod dispatch;
pub mod policy;
mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use tokio::sync::Notify;

use crate::engine::pool::{FunctionSpec, InstancePool};
use crate::engine::store::{InsertRefusal, Inserted, NewTask, StopOutcome, Store, StoreError};
use crate::fc::QueueMessage;

/// Why a function's spec could not be had.
#[derive(Debug, Clone)]
pub enum SpecError {
    NotFound,
    Other(String),
}

/// Where the dispatcher gets the spec to run a function with (the server's spec cache).
pub trait SpecSource: Send + Sync + 'static {
    /// The spec of `name` as `qualifier` (LATEST, a version id or an alias) resolves now.
    fn spec<'a>(
        &'a self,
        name: &'a str,
        qualifier: &'a str,
    ) -> BoxFuture<'a, Result<Arc<FunctionSpec>, SpecError>>;
}

/// Why an async invocation was not accepted.
#[derive(Debug, Clone)]
pub enum AcceptError {
    Refused(InsertRefusal),
    /// The store failed; nothing was accepted.
    Store(String),
}

/// The async queue of one engine. Cheap to share.
pub struct AsyncQueue {
    store: Arc<Store>,
    pool: Arc<InstancePool>,
    specs: Arc<dyn SpecSource>,
    region: String,
    account_id: String,
    writer: writer::Writer,
    /// Wakes the dispatcher: a task was accepted or finished.
    wake: Arc<Notify>,
    /// A message reached a local queue (long-polling receivers wait on it).
    delivered: Notify,
    /// Tasks being dispatched now, by seq, with their function.
    inflight: Mutex<HashMap<i64, String>>,
}

impl AsyncQueue {
    /// Start the writer and the dispatcher (which first recovers tasks a crash interrupted).
    /// Must be called on a tokio runtime.
    pub fn start(
        store: Arc<Store>,
        pool: Arc<InstancePool>,
        specs: Arc<dyn SpecSource>,
        region: String,
        account_id: String,
    ) -> Arc<AsyncQueue> {
        let wake = Arc::new(Notify::new());
        let queue = Arc::new(AsyncQueue {
            writer: writer::Writer::start(store.clone(), wake.clone()),
            store,
            pool,
            specs,
            region,
            account_id,
            wake,
            delivered: Notify::new(),
            inflight: Mutex::new(HashMap::new()),
        });
        tokio::spawn(dispatch::run(queue.clone()));
        queue
    }

    /// Store an async invocation durably; returns once it is committed.
    pub async fn accept(&self, task: NewTask) -> Result<Inserted, AcceptError> {
        match self.writer.insert(task).await {
            Ok(Ok(inserted)) => Ok(inserted),
            Ok(Err(refusal)) => Err(AcceptError::Refused(refusal)),
            Err(message) => Err(AcceptError::Store(message)),
        }
    }

    /// StopAsyncTask. A running task's process is killed; it ends as Stopped, not retried.
    pub async fn stop(
        self: &Arc<Self>,
        function: &str,
        task_id: &str,
    ) -> Result<StopOutcome, StoreError> {
        let (f, t) = (function.to_string(), task_id.to_string());
        let now = crate::fc::epoch_ms();
        let outcome = self.blocking(move |s| s.stop_task(&f, &t, now)).await?;
        if let StopOutcome::Stopping { request_id } = &outcome {
            if !self.pool.stop_request(request_id).await {
                let queue = self.clone();
                let (f, t, r) = (
                    function.to_string(),
                    task_id.to_string(),
                    request_id.clone(),
                );
                tokio::spawn(async move { queue.kill_when_running(&f, &t, &r).await });
            }
        }
        Ok(outcome)
    }

    /// Put `body` on the local queue `queue` and wake anyone waiting to receive from it.
    pub async fn enqueue_message(&self, queue: &str, body: String) -> Result<(), StoreError> {
        let name = queue.to_string();
        self.blocking(move |s| s.enqueue_message(&name, &body))
            .await?;
        self.delivered.notify_waiters();
        Ok(())
    }

    /// Receive (and delete) up to `max` messages of a local queue, waiting up to `wait` for
    /// the first one.
    pub async fn receive(
        &self,
        queue: &str,
        max: usize,
        wait: Duration,
    ) -> Result<Vec<QueueMessage>, StoreError> {
        let deadline = Instant::now() + wait;
        loop {
            let notified = self.delivered.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let name = queue.to_string();
            let messages = self
                .blocking(move |s| s.take_messages(&name, max, true))
                .await?;
            if !messages.is_empty() || Instant::now() >= deadline {
                return Ok(messages);
            }
            let _ = tokio::time::timeout_at(deadline.into(), notified).await;
        }
    }

    /// The process may still be starting when the stop arrives: keep asking the pool to
    /// kill it until it is found or the task has left Stopping (the dispatcher ends it).
    async fn kill_when_running(&self, function: &str, task_id: &str, request_id: &str) {
        const GIVE_UP: Duration = Duration::from_secs(120);
        let started = Instant::now();
        while started.elapsed() < GIVE_UP {
            if self.pool.stop_request(request_id).await {
                return;
            }
            let (f, t) = (function.to_string(), task_id.to_string());
            match self.blocking(move |s| s.task_status(&f, &t)).await {
                Ok(Some(crate::engine::store::TaskStatus::Stopping)) => {}
                _ => return,
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn function_arn(&self, name: &str) -> String {
        crate::fc::function_arn(&self.region, &self.account_id, name)
    }

    /// Run a store call on the blocking pool.
    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || call(&store))
            .await
            .map_err(|e| StoreError::Io {
                path: self.store.db_path(),
                source: std::io::Error::other(e.to_string()),
            })?
    }
}
