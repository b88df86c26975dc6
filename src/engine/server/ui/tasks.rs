//! Async tasks: the table of every function's tasks, filtered by function, status and time
//! window; a task's page (payload, result or error, event timeline, attempts, its log lines)
//! with a Stop button that is a plain form post, guarded by the session's form token.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::{Extension, Form};
use serde::Deserialize;

use super::format::{self, Choice};
use super::session::{check_form, Session, TokenForm};
use super::{link, render, see_other, Chrome, UiError, UiResult};
use crate::engine::server::AppState;
use crate::engine::store::{LogFilter, StopOutcome, TaskQuery, TaskStatus};
use crate::fc::observe::{LogEntry, LogQuery};
use crate::fc::{self, AsyncTask};

/// Rows the table shows at most.
const MAX_ROWS: usize = 100;
/// Log lines a task page shows at most.
const MAX_LOG_LINES: usize = 1_000;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    function: Option<String>,
    status: Option<String>,
    window: Option<String>,
    /// `show`: list the tasks timer triggers started, which are hidden by default.
    ticks: Option<String>,
}

struct TaskRow {
    id: String,
    href: String,
    function: String,
    function_href: String,
    status: String,
    started: String,
    started_iso: String,
    duration: String,
    attempts: u32,
}

#[derive(Template)]
#[template(path = "tasks.html", config = "src/engine/server/ui/askama.toml")]
struct TasksPage {
    chrome: Chrome,
    title: String,
    functions: Vec<Choice>,
    statuses: Vec<Choice>,
    windows: Vec<Choice>,
    filters: String,
    rows: Vec<TaskRow>,
    /// Some task is not finished: the script keeps the table fresh.
    live: bool,
    truncated: bool,
    /// Timer ticks left out of the table, and the link that shows them.
    hidden_ticks: usize,
    ticks_href: String,
    show_ticks: bool,
}

/// `GET /_s/ui/tasks`.
pub async fn list(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Query(query): Query<ListQuery>,
) -> UiResult {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(
            TaskStatus::parse(text)
                .ok_or_else(|| UiError::bad_request(format!("there is no task status `{text}`")))?,
        ),
    };
    let (window, span) = format::window(query.window.as_deref());
    let now = fc::epoch_ms();
    let wanted = query.function.clone().filter(|f| !f.is_empty());
    let (names, mut tasks) = app
        .store(move |s| {
            let names = s.function_names()?;
            let mut tasks = Vec::new();
            for name in names
                .iter()
                .filter(|n| wanted.as_ref().is_none_or(|w| w == *n))
            {
                let page = s.list_tasks(&TaskQuery {
                    function: name.clone(),
                    status,
                    started_begin: Some(now - span),
                    limit: MAX_ROWS,
                    // To tell a timer's ticks from the tasks someone started.
                    include_payload: true,
                    ..Default::default()
                })?;
                tasks.extend(page.items.into_iter().map(|t| (name.clone(), t)));
            }
            Ok((names, tasks))
        })
        .await?;
    tasks.sort_by_key(|(_, t)| std::cmp::Reverse(t.started_time.unwrap_or(0)));
    // A timer with a short period starts a task every tick, burying the others.
    let show_ticks = query.ticks.as_deref() == Some("show");
    let before = tasks.len();
    if !show_ticks {
        tasks.retain(|(_, t)| !is_timer_tick(t));
    }
    let hidden_ticks = before - tasks.len();
    let ticks_href = format!(
        "{}?{}",
        link(&["tasks"]),
        format::query(&[
            ("function", query.function.as_deref().unwrap_or("")),
            ("status", query.status.as_deref().unwrap_or("")),
            ("window", window),
            ("ticks", if show_ticks { "" } else { "show" }),
        ])
    );
    let truncated = tasks.len() > MAX_ROWS;
    tasks.truncate(MAX_ROWS);
    let live = tasks.iter().any(|(_, t)| !is_terminal(&t.status));
    let selected = query.function.clone().unwrap_or_default();
    let status_text = status.map(TaskStatus::as_str).unwrap_or("");
    render(&TasksPage {
        chrome: Chrome::new("tasks", &session),
        title: "Async tasks".into(),
        functions: choices(names.iter().map(String::as_str), &selected),
        statuses: choices(TaskStatus::ALL.iter().map(|s| s.as_str()), status_text),
        windows: format::window_choices(window),
        filters: describe_filters(&selected, status_text, window),
        rows: tasks.iter().map(|(f, t)| task_row(f, t, now)).collect(),
        live,
        truncated,
        hidden_ticks,
        ticks_href,
        show_ticks,
    })
}

/// A task a timer trigger started: its payload is the timer event and nothing else.
fn is_timer_tick(task: &AsyncTask) -> bool {
    let Some(payload) = task.task_payload.as_deref() else {
        return false;
    };
    let Ok(serde_json::Value::Object(event)) = serde_json::from_str(payload) else {
        return false;
    };
    let known = ["triggerTime", "triggerName", "payload"];
    event.contains_key("triggerTime")
        && event.contains_key("triggerName")
        && event.keys().all(|k| known.contains(&k.as_str()))
}

fn choices<'a>(values: impl Iterator<Item = &'a str>, selected: &str) -> Vec<Choice> {
    values
        .map(|v| Choice {
            value: v.to_string(),
            label: v.to_string(),
            selected: v == selected,
        })
        .collect()
}

fn describe_filters(function: &str, status: &str, window: &str) -> String {
    let mut parts = vec![format!("started in the {}", format::window_label(window))];
    if !status.is_empty() {
        parts.push(format!("status {status}"));
    }
    if !function.is_empty() {
        parts.push(format!("function {function}"));
    }
    parts.join(", ")
}

fn is_terminal(status: &str) -> bool {
    TaskStatus::parse(status).is_some_and(TaskStatus::is_terminal)
}

/// How long the task ran, or has been going on, or "-" while it waits.
fn task_duration(task: &AsyncTask, now: i64) -> String {
    if let Some(ms) = task.duration_ms {
        return format::duration_ms(ms as f64);
    }
    let running = task
        .events
        .iter()
        .rev()
        .find(|e| e.status == "Running")
        .map(|e| e.timestamp);
    match running {
        Some(since) if !is_terminal(&task.status) => {
            format!("{} so far", format::duration_ms((now - since) as f64))
        }
        _ => "-".into(),
    }
}

fn task_row(function: &str, task: &AsyncTask, now: i64) -> TaskRow {
    let started = task.started_time.unwrap_or(0);
    TaskRow {
        id: task.task_id.clone(),
        href: link(&["tasks", function, &task.task_id]),
        function: function.to_string(),
        function_href: link(&["functions", function]),
        status: task.status.clone(),
        started: format::time_ms(started),
        started_iso: format::iso_ms(started),
        duration: task_duration(task, now),
        attempts: task.already_retried_times + 1,
    }
}

struct EventRow {
    status: String,
    time: String,
    time_iso: String,
    detail: String,
}

/// A log line as the page shows it.
pub struct LogRow {
    pub time: String,
    pub time_iso: String,
    pub function: String,
    pub request_id: String,
    /// The logs page showing only this line's invocation (empty outside a request).
    pub request_href: String,
    pub stream: String,
    pub text: String,
}

impl From<&LogEntry> for LogRow {
    fn from(e: &LogEntry) -> LogRow {
        let request_id = e.request_id.clone().unwrap_or_default();
        let request_href = if request_id.is_empty() {
            String::new()
        } else {
            let query = format::query(&[("requestId", request_id.as_str())]);
            format!("{}?{query}", link(&["logs"]))
        };
        LogRow {
            time: format::clock_ms(e.time_ms),
            time_iso: format::iso_ms(e.time_ms),
            function: e.function.clone(),
            request_id,
            request_href,
            stream: e.stream.clone(),
            text: e.text.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "task.html", config = "src/engine/server/ui/askama.toml")]
struct TaskPage {
    chrome: Chrome,
    title: String,
    function: String,
    function_href: String,
    task: TaskRow,
    request_id: String,
    instance_id: String,
    ended: String,
    destination_status: String,
    payload: Option<String>,
    result: Option<String>,
    error: Option<String>,
    events: Vec<EventRow>,
    logs: Vec<LogRow>,
    logs_href: String,
    stream_href: String,
    stop_href: String,
    can_stop: bool,
    notice: Option<String>,
}

/// Which destination got the task's outcome and whether it took it, e.g.
/// `onFailure → queue async-task-failed (delivered)`; a bare `Succeeded` read as "went to
/// onSuccess" on a failed task. Empty when no destination was involved.
fn destination_text(task: &AsyncTask, config: Option<&fc::AsyncConfig>) -> String {
    let Some(delivery) = task.destination_status.as_deref() else {
        return String::new();
    };
    let delivered = match delivery {
        "Succeeded" => "delivered".to_string(),
        "Failed" => "not delivered".to_string(),
        other => other.to_lowercase(),
    };
    let succeeded = task.status == "Succeeded";
    let key = if succeeded { "onSuccess" } else { "onFailure" };
    let destinations = config.and_then(|c| c.destination_config.as_ref());
    let target = destinations.and_then(|d| {
        if succeeded {
            d.on_success.as_ref()
        } else {
            d.on_failure.as_ref()
        }
    });
    let Some(target) = target else {
        return format!("{key}: {delivered}");
    };
    let name = match fc::parse_destination(&target.destination) {
        Some(fc::Destination::Function(f)) => format!("function {f}"),
        Some(fc::Destination::Queue(q)) => format!("queue {q}"),
        Some(fc::Destination::Topic(t)) => format!("topic {t}"),
        None => target.destination.clone(),
    };
    format!("{key} → {name} ({delivered})")
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    stop: Option<String>,
}

/// `GET /_s/ui/tasks/<function>/<task>`.
pub async fn show(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Path((function, task_id)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> UiResult {
    let (f, t) = (function.clone(), task_id.clone());
    let (task, config) = app
        .store(move |s| {
            let Some(task) = s.get_task(&f, &t)? else {
                return Ok((None, None));
            };
            // A task outlives its function's settings: without them it is shown plainly.
            let config = s.async_config(&f, &task.qualifier).ok().flatten();
            Ok((Some(task), config))
        })
        .await?;
    let task = task.ok_or_else(|| {
        UiError::not_found(format!(
            "function `{function}` has no async task `{task_id}`"
        ))
    })?;
    let filter = LogFilter::from_query(&LogQuery {
        functions: Some(function.clone()),
        request_id: Some(task.request_id.clone()),
        ..Default::default()
    })
    .map_err(UiError::bad_request)?;
    let lines = app
        .store(move |s| Ok(s.query_logs(&filter, 0, MAX_LOG_LINES)?.lines))
        .await?;
    let now = fc::epoch_ms();
    let logs: Vec<LogRow> = lines.iter().map(LogRow::from).collect();
    let last_log_id = lines.last().map(|l| l.id).unwrap_or(0);
    let stream_query = format::query(&[
        ("functions", &function),
        ("requestId", &task.request_id),
        ("after", &last_log_id.to_string()),
    ]);
    render(&TaskPage {
        chrome: Chrome::new("tasks", &session),
        title: format!("Task {task_id}"),
        function_href: link(&["functions", &function]),
        task: task_row(&function, &task, now),
        request_id: task.request_id.clone(),
        instance_id: task.instance_id.clone().unwrap_or_default(),
        ended: task.end_time.map(format::time_ms).unwrap_or_default(),
        destination_status: destination_text(&task, config.as_ref()),
        payload: task.task_payload.as_deref().map(format::pretty_payload),
        result: task.return_payload.as_deref().map(format::pretty_payload),
        error: task.task_error_message.clone(),
        events: task
            .events
            .iter()
            .map(|e| EventRow {
                status: e.status.clone(),
                time: format::time_ms(e.timestamp),
                time_iso: format::iso_ms(e.timestamp),
                detail: e.event_detail.clone().unwrap_or_default(),
            })
            .collect(),
        logs,
        logs_href: format!(
            "{}?{}",
            link(&["logs"]),
            format::query(&[("function", &function), ("requestId", &task.request_id)])
        ),
        stream_href: format!("{}?{stream_query}", link(&["logs", "stream"])),
        stop_href: link(&["tasks", &function, &task_id, "stop"]),
        can_stop: !is_terminal(&task.status),
        notice: query.stop.as_deref().map(stop_notice),
        function,
    })
}

fn stop_notice(outcome: &str) -> String {
    match outcome {
        "stopped" => "The task was stopped.".into(),
        "stopping" => "Stopping: the task ends as soon as its instance is gone.".into(),
        "finished" => "The task had already finished; nothing was stopped.".into(),
        other => format!("Stop: {other}."),
    }
}

/// `POST /_s/ui/tasks/<function>/<task>/stop`: stop it as StopAsyncTask does, then show the
/// task again.
pub async fn stop(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Path((function, task_id)): Path<(String, String)>,
    Form(form): Form<TokenForm>,
) -> UiResult {
    check_form(&session, &form.csrf)?;
    let outcome = app.asyncq.stop(&function, &task_id).await?;
    let word = match outcome {
        StopOutcome::NotFound => {
            return Err(UiError::not_found(format!(
                "function `{function}` has no async task `{task_id}`"
            )))
        }
        StopOutcome::AlreadyFinished(_) => "finished",
        StopOutcome::Stopped => "stopped",
        StopOutcome::Stopping { .. } => "stopping",
    };
    tracing::info!("console: stop of task `{task_id}` of `{function}`: {word}");
    let to = format!(
        "{}?{}",
        link(&["tasks", &function, &task_id]),
        format::query(&[("stop", word)])
    );
    Ok(see_other(&to))
}
