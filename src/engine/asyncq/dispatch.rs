//! The dispatcher: one loop picks due tasks (oldest first) up to a global bound and each
//! function's reserved concurrency, and runs each in its own tokio task: expire or claim,
//! invoke through the pool, then record the end (retry, success, failure) with its
//! destination delivery. A throttled invocation is not an attempt: the claim is undone and
//! the task waits a moment. On start, tasks a crash left Running count a failed attempt.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde_json::json;

use super::policy::{backoff_ms, destination_record, Policy, RecordInput};
use super::{AsyncQueue, SpecError};
use crate::engine::pool::{FunctionSpec, Invocation, PoolError};
use crate::engine::store::{ClaimedTask, Delivery, DueTask, TaskEnd, TaskStatus};
use crate::fc::epoch_ms;

/// The qualifier of the function as it is now: its concurrency limit applies to all versions.
const LATEST: &str = "LATEST";
/// Async invocations running at once across all functions.
const CONCURRENCY: usize = 16;
/// Due tasks looked at per round beyond those already running.
const CANDIDATES: usize = 64;
/// A throttled task waits this long before it is tried again.
const THROTTLED_DELAY_MS: i64 = 200;
/// Longest sleep between rounds when nothing wakes the loop.
const IDLE_WAIT: Duration = Duration::from_secs(1);

const WAITING: &[TaskStatus] = &[TaskStatus::Enqueued, TaskStatus::Retrying];
const CLAIMED: &[TaskStatus] = &[TaskStatus::Running, TaskStatus::Stopping];

pub(super) async fn run(queue: Arc<AsyncQueue>) {
    recover(&queue).await;
    let mut caps = HashMap::new();
    loop {
        let notified = queue.wake.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let wait = match dispatch_due(&queue, &mut caps).await {
            Some(at) => Duration::from_millis((at - epoch_ms()).clamp(1, 1000) as u64),
            None => IDLE_WAIT,
        };
        let _ = tokio::time::timeout(wait, notified).await;
    }
}

/// Start what is due and may run now; when to look again (None: when woken). `caps` holds
/// each function's concurrency as last seen, so the tasks of a function at its limit are
/// left out of the query and cannot crowd out other functions' tasks.
async fn dispatch_due(queue: &Arc<AsyncQueue>, caps: &mut HashMap<String, usize>) -> Option<i64> {
    refresh_caps(queue, caps).await;
    let (busy, saturated) = {
        let inflight = queue.inflight.lock().unwrap();
        let saturated: Vec<String> = caps
            .iter()
            .filter(|(f, cap)| inflight.values().filter(|g| g == f).count() >= **cap)
            .map(|(f, _)| f.clone())
            .collect();
        (inflight.len(), saturated)
    };
    if busy >= CONCURRENCY {
        return None;
    }
    let now = epoch_ms();
    let limit = CANDIDATES + busy;
    let found = queue.blocking(move |s| s.due_tasks(now, limit, &saturated));
    let (due, next) = match found.await {
        Ok(found) => found,
        Err(err) => {
            tracing::error!("async queue: cannot read due tasks: {err}");
            return None;
        }
    };
    let full_page = due.len() == limit;
    let mut held_back = false;
    for task in due {
        match try_start(queue, task, caps).await {
            Start::Started | Start::AlreadyRunning => {}
            Start::HeldBack => held_back = true,
            Start::Full => return None,
        }
    }
    if full_page && !held_back {
        return Some(now);
    }
    next
}

/// Re-read each known function's limit (from the spec cache, so this is cheap): a changed
/// reserved concurrency applies, and a deleted function's tasks are looked at again (and
/// end as Invalid).
async fn refresh_caps(queue: &AsyncQueue, caps: &mut HashMap<String, usize>) {
    let names: Vec<String> = caps.keys().cloned().collect();
    for name in names {
        match queue.specs.spec(&name, LATEST).await {
            Ok(spec) => {
                caps.insert(name, cap_of(&spec));
            }
            Err(_) => {
                caps.remove(&name);
            }
        }
    }
}

fn cap_of(spec: &FunctionSpec) -> usize {
    spec.reserved_concurrency
        .map_or(CONCURRENCY, |n| n as usize)
}

enum Start {
    Started,
    AlreadyRunning,
    /// The function is at its reserved concurrency.
    HeldBack,
    /// The dispatcher is at its bound.
    Full,
}

async fn try_start(
    queue: &Arc<AsyncQueue>,
    task: DueTask,
    caps: &mut HashMap<String, usize>,
) -> Start {
    let spec = queue.specs.spec(&task.function, &task.qualifier).await;
    let cap = spec.as_deref().map_or(CONCURRENCY, cap_of);
    caps.insert(task.function.clone(), cap);
    {
        let mut inflight = queue.inflight.lock().unwrap();
        if inflight.len() >= CONCURRENCY {
            return Start::Full;
        }
        if inflight.contains_key(&task.seq) {
            return Start::AlreadyRunning;
        }
        let running = inflight.values().filter(|f| **f == task.function).count();
        if running >= cap {
            return Start::HeldBack;
        }
        inflight.insert(task.seq, task.function.clone());
    }
    let queue = queue.clone();
    tokio::spawn(async move {
        let seq = task.seq;
        execute(&queue, task, spec).await;
        queue.inflight.lock().unwrap().remove(&seq);
        queue.wake.notify_one();
    });
    Start::Started
}

/// What one execution produced.
struct Attempt {
    body: Bytes,
    /// None on success.
    error_type: Option<String>,
    instance_id: Option<String>,
    status_code: u16,
}

async fn execute(
    queue: &Arc<AsyncQueue>,
    task: DueTask,
    spec: Result<Arc<FunctionSpec>, SpecError>,
) {
    let policy = Policy::of(task.config.as_ref());
    let now = epoch_ms();
    let spec = match spec {
        Ok(spec) => spec,
        Err(SpecError::NotFound) => {
            let end = plain_end(TaskStatus::Invalid, now, "the function does not exist");
            return finish(queue, task.seq, WAITING, end).await;
        }
        Err(SpecError::Other(message)) => {
            tracing::warn!("async queue: cannot load `{}`: {message}", task.function);
            let _ = queue
                .blocking(move |s| s.unclaim_task(task.seq, now + THROTTLED_DELAY_MS))
                .await;
            return;
        }
    };
    if policy.expired(task.created_ms, now) {
        let end = expired_end(queue, &policy, &task, now).await;
        return finish(queue, task.seq, WAITING, end).await;
    }
    let seq = task.seq;
    let claimed = match queue.blocking(move |s| s.claim_task(seq, now)).await {
        Ok(Some(claimed)) => claimed,
        Ok(None) => return,
        Err(err) => {
            tracing::error!("async queue: cannot claim task {seq}: {err}");
            return;
        }
    };
    let invocation = Invocation {
        request_id: claimed.request_id.clone(),
        payload: Bytes::from(claimed.payload.clone()),
        is_async: true,
        retry_count: claimed.attempts.saturating_sub(1),
        headers: Vec::new(),
        http: None,
    };
    let attempt = match queue.pool.invoke(spec, invocation).await {
        Ok(result) => Attempt {
            body: result.body,
            error_type: result.error_type,
            instance_id: Some(result.instance_id),
            status_code: 200,
        },
        Err(PoolError::Throttled(_)) | Err(PoolError::ShuttingDown) => {
            let later = epoch_ms() + THROTTLED_DELAY_MS;
            if let Err(err) = queue.blocking(move |s| s.unclaim_task(seq, later)).await {
                tracing::error!("async queue: cannot requeue task {seq}: {err}");
            }
            return;
        }
        Err(PoolError::StartFailed { code, message }) => Attempt {
            body: Bytes::from(json!({ "errorMessage": message }).to_string()),
            error_type: Some(code.as_str().to_string()),
            instance_id: None,
            status_code: code.status(),
        },
    };
    let end = attempt_end(queue, &policy, &claimed, attempt, epoch_ms(), None);
    finish(queue, claimed.seq, CLAIMED, end).await;
}

/// Tasks that were Running when the engine died: their instance is gone, which counts as
/// a failed attempt (retried at once when the budget allows). Stopping ones end Stopped.
async fn recover(queue: &Arc<AsyncQueue>) {
    let interrupted = match queue.blocking(|s| s.interrupted_tasks()).await {
        Ok(tasks) => tasks,
        Err(err) => {
            tracing::error!("async queue: cannot read interrupted tasks: {err}");
            return;
        }
    };
    if !interrupted.is_empty() {
        tracing::info!(
            "async queue: {} task(s) were interrupted; retrying them",
            interrupted.len()
        );
    }
    for task in interrupted {
        let policy = Policy::of(task.config.as_ref());
        let message = "the engine stopped while the task was running";
        let attempt = Attempt {
            body: Bytes::from(json!({ "errorMessage": message }).to_string()),
            error_type: Some("UnhandledInvocationError".into()),
            instance_id: None,
            status_code: 200,
        };
        let now = epoch_ms();
        let end = attempt_end(queue, &policy, &task, attempt, now, Some(now));
        finish(queue, task.seq, CLAIMED, end).await;
    }
}

/// How a claimed execution ends: success, a retry, or a failure with retries exhausted.
fn attempt_end(
    queue: &AsyncQueue,
    policy: &Policy,
    task: &ClaimedTask,
    attempt: Attempt,
    now: i64,
    retry_at: Option<i64>,
) -> TaskEnd {
    let succeeded = attempt.error_type.is_none();
    let error_type = attempt.error_type.clone().unwrap_or_default();
    let mut end = TaskEnd {
        status: TaskStatus::Succeeded,
        time_ms: now,
        instance_id: attempt.instance_id.clone(),
        return_payload: Some(String::from_utf8_lossy(&attempt.body).into_owned()),
        error_message: (!succeeded).then(|| error_type.clone()),
        detail: None,
        next_run_ms: None,
        delivery: None,
    };
    if !succeeded && policy.may_retry(task.attempts) {
        end.status = TaskStatus::Retrying;
        end.detail = Some(json!({ "Error": error_type }).to_string());
        end.next_run_ms =
            Some(retry_at.unwrap_or_else(|| now + backoff_ms(task.attempts, rand::random())));
        return end;
    }
    if !succeeded {
        end.status = TaskStatus::Failed;
        end.detail = Some(json!({ "Error": error_type }).to_string());
    }
    let record = destination_record(&RecordInput {
        request_id: &task.request_id,
        function_arn: &queue.function_arn(&task.function),
        condition: if succeeded { "" } else { "RetriesExhausted" },
        invoke_count: task.attempts,
        request_payload: &task.payload,
        status_code: attempt.status_code,
        function_error: &error_type,
        response_payload: &attempt.body,
        timestamp_ms: now,
    });
    end.delivery = policy.delivery(succeeded, record);
    end
}

/// An event too old to run: Expired, and its record goes to onFailure.
async fn expired_end(queue: &AsyncQueue, policy: &Policy, task: &DueTask, now: i64) -> TaskEnd {
    let seq = task.seq;
    // The request id and payload are only needed for the record.
    let row = queue
        .blocking(move |s| s.task_request(seq))
        .await
        .ok()
        .flatten();
    let mut end = plain_end(
        TaskStatus::Expired,
        now,
        "the event is older than maxAsyncEventAgeInSeconds",
    );
    if let Some((request_id, payload)) = row {
        let record = destination_record(&RecordInput {
            request_id: &request_id,
            function_arn: &queue.function_arn(&task.function),
            condition: "EventAgeExceeded",
            invoke_count: task.attempts,
            request_payload: &payload,
            status_code: 0,
            function_error: "",
            response_payload: b"",
            timestamp_ms: now,
        });
        end.delivery = policy.delivery(false, record);
    }
    end
}

fn plain_end(status: TaskStatus, now: i64, why: &str) -> TaskEnd {
    TaskEnd {
        status,
        time_ms: now,
        instance_id: None,
        return_payload: None,
        error_message: Some(why.to_string()),
        detail: Some(json!({ "Error": why }).to_string()),
        next_run_ms: None,
        delivery: None,
    }
}

async fn finish(queue: &AsyncQueue, seq: i64, from: &'static [TaskStatus], end: TaskEnd) {
    let to_queue = matches!(end.delivery, Some(Delivery::Queue { .. }));
    match queue.blocking(move |s| s.finish_task(seq, from, end)).await {
        Ok(Some(_)) if to_queue => queue.delivered.notify_waiters(),
        Ok(_) => {}
        Err(err) => tracing::error!("async queue: cannot record the end of task {seq}: {err}"),
    }
}
