//! Async invocation over HTTP: accepting an async InvokeFunction (202 once durable), the
//! async-task APIs (ListAsyncTasks, GetAsyncTask, StopAsyncTask), and the engine's local
//! queues under `/_s/v1/queues` that MNS-queue destinations deliver to.

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use futures_util::future::BoxFuture;

use super::error::{ApiFailure, ApiResult};
use super::http::{ok, Params};
use super::{specs, AppState};
use crate::engine::asyncq::{AcceptError, SpecError, SpecSource};
use crate::engine::pool::FunctionSpec;
use crate::engine::store::{InsertRefusal, NewTask, StopOutcome, TaskQuery, TaskStatus};
use crate::fc::{
    self, ApiError, ErrorCode, ListAsyncTasksOutput, ListQueuesOutput, QueueMessagesOutput,
};

/// FC's limit on an async payload.
pub const ASYNC_PAYLOAD_LIMIT: usize = 128 * 1024;
/// Most messages one receive or peek returns.
const MAX_MESSAGES: usize = 1000;
/// Longest long poll of a receive.
const MAX_WAIT_S: u64 = 60;

/// The dispatcher loads specs through the server's cache, so async and sync invocations of
/// a function share warm instances and see updates the same way.
pub struct AppSpecs(pub Weak<AppState>);

impl SpecSource for AppSpecs {
    fn spec<'a>(
        &'a self,
        name: &'a str,
        qualifier: &'a str,
    ) -> BoxFuture<'a, Result<Arc<FunctionSpec>, SpecError>> {
        Box::pin(async move {
            let app = self
                .0
                .upgrade()
                .ok_or_else(|| SpecError::Other("the engine is stopping".into()))?;
            specs::resolve(&app, name, qualifier)
                .await
                .map_err(|failure| {
                    let gone = [
                        ErrorCode::FunctionNotFound,
                        ErrorCode::VersionNotFound,
                        ErrorCode::AliasNotFound,
                    ];
                    if gone.iter().any(|code| failure.error.is(*code)) {
                        SpecError::NotFound
                    } else {
                        SpecError::Other(failure.error.message)
                    }
                })
        })
    }
}

/// One async InvokeFunction: validated, stored, then 202 with the task id when the function
/// has stateful tasks on (or the caller named the task).
pub async fn accept(
    app: &Arc<AppState>,
    name: String,
    qualifier: String,
    request_id: String,
    payload: Bytes,
    headers: &HeaderMap,
) -> ApiResult {
    if payload.len() > ASYNC_PAYLOAD_LIMIT {
        return Err(ApiFailure::new(
            ErrorCode::EntityTooLarge,
            format!(
                "payload size exceeds maximum allowed size for async invocation ({ASYNC_PAYLOAD_LIMIT} bytes)"
            ),
        ));
    }
    // FC 2.0 named the header `X-Fc-Stateful-Async-Invocation-Id`; older clients send it.
    let named = ["x-fc-async-task-id", "x-fc-stateful-async-invocation-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    if let Some(id) = &named {
        check_task_id(id).map_err(ApiFailure::invalid)?;
    }
    if qualifier != super::http::LATEST {
        // An unknown version or alias is refused now, not when the task runs.
        let version =
            specs::resolve_version(app, &name, &qualifier, specs::AliasRouting::Main).await?;
        if let Some(version) = version {
            let f = name.clone();
            app.store(move |s| s.get_version(&f, &version).map(|_| ()))
                .await?;
        }
    }
    let task = NewTask {
        function: name.clone(),
        qualifier,
        task_id: named.clone().unwrap_or_else(|| request_id.clone()),
        request_id,
        payload: payload.to_vec(),
        named: named.is_some(),
        created_ms: fc::epoch_ms(),
    };
    let task_id = task.task_id.clone();
    let inserted = app
        .asyncq
        .accept(task)
        .await
        .map_err(|e| accept_failure(e, &name, &task_id))?;
    let mut response = StatusCode::ACCEPTED.into_response();
    if inserted.async_task || named.is_some() {
        if let Ok(value) = HeaderValue::from_str(&task_id) {
            response.headers_mut().insert("x-fc-async-task-id", value);
        }
    }
    Ok(response)
}

/// FC's task-id rule: a letter or `_` first, then `[A-Za-z0-9_-]`, at most 128 characters.
fn check_task_id(id: &str) -> Result<(), String> {
    let mut chars = id.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if first_ok && rest_ok && id.len() <= 128 {
        Ok(())
    } else {
        Err(format!(
            "invalid async task id '{id}': it must start with a letter or '_', use only letters, digits, '_' and '-', and have at most 128 characters"
        ))
    }
}

fn accept_failure(error: AcceptError, function: &str, task_id: &str) -> ApiFailure {
    match error {
        AcceptError::Refused(InsertRefusal::FunctionNotFound) => {
            ApiError::function_not_found(function).into()
        }
        AcceptError::Refused(InsertRefusal::TaskExists) => ApiFailure::new(
            ErrorCode::AsyncTaskAlreadyExists,
            format!("async task '{task_id}' of function '{function}' already exists"),
        ),
        AcceptError::Refused(InsertRefusal::TasksDisabled) => ApiFailure::invalid(format!(
            "x-fc-async-task-id needs asyncTask: true in the async invoke config of function '{function}'"
        )),
        AcceptError::Store(message) => {
            ApiError::internal(format!("the invocation was not accepted: {message}")).into()
        }
    }
}

/// ListAsyncTasks.
pub async fn list(
    State(app): State<Arc<AppState>>,
    Path(function): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let query = TaskQuery {
        function: function.clone(),
        status: params.get("status").map(parse_status).transpose()?,
        prefix: params.get("prefix").map(str::to_string),
        started_begin: number(&params, "startedTimeBegin")?,
        started_end: number(&params, "startedTimeEnd")?,
        ascending: match params.get("sortOrderByTime") {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("asc") => true,
            Some(v) if v.eq_ignore_ascii_case("desc") => false,
            Some(v) => {
                return Err(ApiFailure::invalid(format!(
                    "sortOrderByTime must be asc or desc, got '{v}'"
                )))
            }
        },
        start: number(&params, "nextToken")?,
        limit: params.limit(20)?,
        include_payload: params.bool("includePayload")?.unwrap_or(false),
    };
    params.qualifier()?;
    // Tasks outlive their function (a deleted function's queued tasks end as Invalid), so
    // only an empty answer asks whether the function exists.
    let page = app
        .store(move |s| {
            let page = s.list_tasks(&query)?;
            if page.items.is_empty() {
                s.get_function(&query.function)?;
            }
            Ok(page)
        })
        .await?;
    let arn = app.function_arn(&function);
    let tasks = page
        .items
        .into_iter()
        .map(|mut task| {
            task.function_arn = arn.clone();
            task
        })
        .collect();
    ok(&ListAsyncTasksOutput {
        tasks,
        next_token: page.next_token,
    })
}

/// GetAsyncTask.
pub async fn get(
    State(app): State<Arc<AppState>>,
    Path((function, task_id)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    Params(params).qualifier()?;
    let (f, t) = (function.clone(), task_id.clone());
    let task = app
        .store(move |s| {
            let task = s.get_task(&f, &t)?;
            if task.is_none() {
                s.get_function(&f)?;
            }
            Ok(task)
        })
        .await?;
    match task {
        Some(mut task) => {
            task.function_arn = app.function_arn(&function);
            ok(&task)
        }
        None => Err(task_not_found(&function, &task_id)),
    }
}

/// StopAsyncTask: bodiless PUT, empty answer.
pub async fn stop(
    State(app): State<Arc<AppState>>,
    Path((function, task_id)): Path<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    Params(params).qualifier()?;
    let f = function.clone();
    app.store(move |s| s.get_function(&f).map(drop)).await?;
    match app.asyncq.stop(&function, &task_id).await? {
        StopOutcome::NotFound => Err(task_not_found(&function, &task_id)),
        StopOutcome::AlreadyFinished(status) => Err(ApiFailure::new(
            ErrorCode::AsyncInvocationStopped,
            format!(
                "The async invocation for {function}:LATEST:{task_id} has been stopped (it is {})",
                status.as_str()
            ),
        )),
        StopOutcome::Stopped | StopOutcome::Stopping { .. } => Ok(StatusCode::OK.into_response()),
    }
}

fn task_not_found(function: &str, task_id: &str) -> ApiFailure {
    ApiFailure::new(
        ErrorCode::AsyncTaskNotExists,
        format!("async task '{task_id}' of function '{function}' does not exist"),
    )
}

fn parse_status(text: &str) -> ApiResult<TaskStatus> {
    TaskStatus::parse(text).ok_or_else(|| {
        let all: Vec<&str> = TaskStatus::ALL.iter().map(|s| s.as_str()).collect();
        ApiFailure::invalid(format!(
            "unknown task status '{text}': use one of {}",
            all.join(", ")
        ))
    })
}

fn number<T: std::str::FromStr>(params: &Params, key: &str) -> ApiResult<Option<T>> {
    params
        .get(key)
        .map(|v| {
            v.parse()
                .map_err(|_| ApiFailure::invalid(format!("'{key}' must be a number, got '{v}'")))
        })
        .transpose()
}

/// `GET /_s/v1/queues`.
pub async fn list_queues(State(app): State<Arc<AppState>>) -> ApiResult {
    let queues = app.store(|s| s.list_queues()).await?;
    ok(&ListQueuesOutput { queues })
}

/// `GET /_s/v1/queues/<name>/messages?max=N`: peek, nothing is deleted.
pub async fn peek(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let max = message_count(&Params(params), 100)?;
    let messages = app
        .store(move |s| s.take_messages(&name, max, false))
        .await?;
    ok(&QueueMessagesOutput { messages })
}

/// `POST /_s/v1/queues/<name>/receive?max=N&wait=S`: take (and delete) up to N messages,
/// waiting up to S seconds for the first.
pub async fn receive(
    State(app): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult {
    let params = Params(params);
    let max = message_count(&params, 1)?;
    let wait = number::<u64>(&params, "wait")?.unwrap_or(0).min(MAX_WAIT_S);
    let messages = app
        .asyncq
        .receive(&name, max, Duration::from_secs(wait))
        .await?;
    ok(&QueueMessagesOutput { messages })
}

fn message_count(params: &Params, default: usize) -> ApiResult<usize> {
    match number::<usize>(params, "max")? {
        None => Ok(default),
        Some(n) if (1..=MAX_MESSAGES).contains(&n) => Ok(n),
        Some(n) => Err(ApiFailure::invalid(format!(
            "'max' must be from 1 to {MAX_MESSAGES}, got {n}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_follow_fc_rules() {
        for good in ["task-1", "_x", "A", &"a".repeat(128)] {
            assert!(check_task_id(good).is_ok(), "{good}");
        }
        for bad in ["1task", "-x", "a b", "a.b", "", &"a".repeat(129)] {
            assert!(check_task_id(bad).is_err(), "{bad}");
        }
    }
}
