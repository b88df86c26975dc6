//! The instance pool: which instance serves an invocation. Warm reuse, cold starts up to the
//! limits, `instanceConcurrency` per instance, reserved concurrency, timeouts, crashes,
//! memory limits, idle reaping. Everything an instance prints and every finished invocation
//! is reported to an `EventSink` (the store), so sync, async and trigger paths all record
//! logs and metrics the same way.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use crate::fc;

mod scheduler;
#[cfg(test)]
mod tests;

use scheduler::{spawn_reaper, Inner};

/// Pool-wide settings.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// Idle instances are reaped after this long (preStop runs first).
    pub idle_timeout: Duration,
    /// Instances across all functions.
    pub max_instances: u32,
    /// Per-instance scratch space (private `/tmp`) lives below this directory.
    pub scratch_dir: PathBuf,
}

/// A deployed function as the pool runs it.
#[derive(Debug, Clone)]
pub struct FunctionSpec {
    pub function: fc::Function,
    /// The unpacked code (`/code` inside the sandbox).
    pub code_dir: PathBuf,
    /// Changes whenever the function's code or config changes; idle instances of an older
    /// generation are never reused.
    pub generation: u64,
    pub region: String,
    pub account_id: String,
    /// `PutConcurrencyConfig`: at most this many concurrent requests for the function.
    pub reserved_concurrency: Option<u32>,
    /// The function's layers merged in FC's order (`/opt` inside the sandbox); `None`
    /// without layers.
    pub layer_root: Option<PathBuf>,
    /// The published version this spec runs; `None` for LATEST.
    pub version: Option<String>,
}

impl FunctionSpec {
    /// What instances are pooled under: each version has its own instances, as on FC
    /// (function names cannot contain `:`).
    pub fn pool_key(&self) -> String {
        match &self.version {
            None => self.function.function_name.clone(),
            Some(version) => format!("{}:{version}", self.function.function_name),
        }
    }

    /// `LATEST` or the version id, for `FC_QUALIFIER` and the invocation headers.
    pub fn qualifier(&self) -> &str {
        self.version.as_deref().unwrap_or("LATEST")
    }
}

/// One request for the pool.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub request_id: String,
    pub payload: Bytes,
    pub is_async: bool,
    /// Async retries so far (`x-fc-retry-count`).
    pub retry_count: u32,
    /// Extra `x-fc-*` context such as the HTTP-trigger path for custom runtimes.
    pub headers: Vec<(String, String)>,
    /// Set by HTTP triggers of custom runtimes: forward this request, with `payload` as its
    /// body, to the instance's own server instead of `POST /invoke`, and hand back its
    /// response as is (`InvocationResult::http`). Built-in runtimes ignore it.
    pub http: Option<Arc<HttpRequest>>,
}

/// A raw HTTP request as an HTTP trigger received it (the body travels as the payload).
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    /// Path below the trigger's URL, with the query string (`/a/b?x=1`).
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
}

/// A custom runtime's raw answer to an `HttpRequest` (the body is `InvocationResult::body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

/// How an invocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The handler raised or reported an error.
    Error,
    Timeout,
    OutOfMemory,
    /// The instance process died while serving the request.
    Crashed,
    /// Refused by a concurrency limit.
    Throttled,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "ok",
            Outcome::Error => "error",
            Outcome::Timeout => "timeout",
            Outcome::OutOfMemory => "oom",
            Outcome::Crashed => "crashed",
            Outcome::Throttled => "throttled",
        }
    }
}

/// What the caller of InvokeFunction gets back.
#[derive(Debug, Clone)]
pub struct InvocationResult {
    /// The response body: the result, or FC's `{errorMessage, errorType, stackTrace}`.
    pub body: Bytes,
    /// `x-fc-error-type` when the function failed (`UnhandledInvocationError`, ...).
    pub error_type: Option<String>,
    pub instance_id: String,
    pub duration_ms: f64,
    /// Set when this request paid for a cold start (process start + initializer).
    pub init_duration_ms: Option<f64>,
    pub max_memory_mb: u64,
    /// This request's log lines, framed by `FC Invoke Start/End RequestId:`.
    pub log_tail: String,
    pub outcome: Outcome,
    /// The status and headers of a forwarded `Invocation::http` request.
    pub http: Option<HttpResponse>,
}

/// Why no instance could serve a request. Function failures are not errors here: they are
/// an `InvocationResult` with `error_type` set.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// Concurrency limits reached (FC: 429 `ResourceExhausted`).
    #[error("{0}")]
    Throttled(String),
    /// The instance could not be started (`CAFileNotFound`, `CAExited`, bad handler ...).
    #[error("{message}")]
    StartFailed {
        code: fc::ErrorCode,
        message: String,
    },
    #[error("the engine is shutting down")]
    ShuttingDown,
}

/// Which stream a log line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogStream {
    Stdout,
    Stderr,
    /// Lines the engine writes itself (start/end markers, crash notices).
    System,
}

#[derive(Debug, Clone)]
pub struct LogLine {
    pub time_ms: i64,
    pub function: String,
    /// The version the instance runs (`LATEST` or an id); `None` for engine notices.
    pub qualifier: Option<String>,
    pub instance_id: String,
    pub request_id: Option<String>,
    pub stream: LogStream,
    pub text: String,
}

/// One finished invocation, for metrics.
#[derive(Debug, Clone)]
pub struct InvocationRecord {
    pub function: String,
    pub request_id: String,
    pub instance_id: String,
    pub start_ms: i64,
    pub duration_ms: f64,
    pub init_duration_ms: Option<f64>,
    pub max_memory_mb: u64,
    pub outcome: Outcome,
    pub is_async: bool,
}

/// Where the pool reports what happens. Implemented by the store; must not block for long.
pub trait EventSink: Send + Sync + 'static {
    fn log_line(&self, line: LogLine);
    fn invocation_finished(&self, record: InvocationRecord);
}

/// The pool. Cheap to share (`Arc`).
pub struct InstancePool {
    inner: Arc<Inner>,
}

impl InstancePool {
    /// A pool; its idle reaper runs on the current tokio runtime until the pool is dropped.
    pub fn new(config: PoolConfig, sink: Arc<dyn EventSink>) -> Arc<Self> {
        let inner = Arc::new(Inner::new(config, sink));
        spawn_reaper(Arc::downgrade(&inner));
        Arc::new(InstancePool { inner })
    }

    /// Run one invocation on a warm instance, or a new one within the limits.
    pub async fn invoke(
        &self,
        spec: Arc<FunctionSpec>,
        invocation: Invocation,
    ) -> Result<InvocationResult, PoolError> {
        self.inner.invoke(spec, invocation).await
    }

    /// Stop every LATEST instance of a function (preStop first), e.g. after it was updated.
    /// Busy instances finish their requests first and are stopped when they go idle.
    pub async fn retire(&self, function_name: &str) {
        self.inner.retire(function_name, false).await
    }

    /// Stop the instances of a function and of all its published versions (deleted).
    pub async fn retire_all(&self, function_name: &str) {
        self.inner.retire(function_name, true).await
    }

    /// Stop the instances of one published version (deleted).
    pub async fn retire_version(&self, function_name: &str, version: &str) {
        self.inner
            .retire(&format!("{function_name}:{version}"), false)
            .await
    }

    /// Kill the instance serving `request_id`, if any; true when one was found.
    pub async fn stop_request(&self, request_id: &str) -> bool {
        self.inner.stop_request(request_id)
    }

    /// Live instances of a function, as ListInstances reports them.
    pub fn instances(&self, function_name: &str) -> Vec<fc::InstanceInfo> {
        self.inner.instances(function_name)
    }

    /// Stop everything (engine shutdown).
    pub async fn shutdown(&self) {
        self.inner.shutdown().await
    }

    /// True when new instances run inside the bubblewrap sandbox. It is on when `bwrap`
    /// works here, unless `S_SANDBOX=off` is set.
    pub fn sandbox_enabled(&self) -> bool {
        self.inner.sandbox.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Turn the sandbox off (or back on, when `bwrap` works) for instances started from now.
    pub fn set_sandbox(&self, enabled: bool) {
        let enabled = enabled && crate::engine::runtime::sandbox_available();
        self.inner
            .sandbox
            .store(enabled, std::sync::atomic::Ordering::SeqCst);
    }
}
