//! Async tasks: the durable queue behind async invocations. Every state change is one
//! transaction that moves a task between statuses only from the statuses it expects, so a
//! stop racing with the dispatcher, or a restart after a crash, never loses or doubles a
//! transition. A task's end and its destination delivery commit together. Policy (retries,
//! backoff, expiry) lives in `engine::asyncq`; this file only records what it decides.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::queues::push_message;
use super::{into_page, Page, Store, StoreError};
use crate::fc::{AsyncConfig, AsyncTask, AsyncTaskEvent};

/// FC's task statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    Enqueued,
    Dequeued,
    Running,
    Retrying,
    Stopping,
    Succeeded,
    Failed,
    Stopped,
    Expired,
    Invalid,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 10] = [
        TaskStatus::Enqueued,
        TaskStatus::Dequeued,
        TaskStatus::Running,
        TaskStatus::Retrying,
        TaskStatus::Stopping,
        TaskStatus::Succeeded,
        TaskStatus::Failed,
        TaskStatus::Stopped,
        TaskStatus::Expired,
        TaskStatus::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Enqueued => "Enqueued",
            TaskStatus::Dequeued => "Dequeued",
            TaskStatus::Running => "Running",
            TaskStatus::Retrying => "Retrying",
            TaskStatus::Stopping => "Stopping",
            TaskStatus::Succeeded => "Succeeded",
            TaskStatus::Failed => "Failed",
            TaskStatus::Stopped => "Stopped",
            TaskStatus::Expired => "Expired",
            TaskStatus::Invalid => "Invalid",
        }
    }

    pub fn parse(text: &str) -> Option<TaskStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TaskStatus::Succeeded
                | TaskStatus::Failed
                | TaskStatus::Stopped
                | TaskStatus::Expired
                | TaskStatus::Invalid
        )
    }
}

/// An accepted async invocation, before it is stored.
#[derive(Debug, Clone)]
pub struct NewTask {
    pub function: String,
    pub qualifier: String,
    pub task_id: String,
    pub request_id: String,
    pub payload: Vec<u8>,
    /// The caller named the task (`x-fc-async-task-id`): needs `asyncTask: true`.
    pub named: bool,
    pub created_ms: i64,
}

/// Why a task was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertRefusal {
    FunctionNotFound,
    /// A task with this id exists for the function.
    TaskExists,
    /// A task id was given but the function's async config lacks `asyncTask: true`.
    TasksDisabled,
}

/// A stored task: whether the function has stateful tasks on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    pub async_task: bool,
}

/// A task that is due to run, with what the dispatcher needs to decide about it.
#[derive(Debug, Clone)]
pub struct DueTask {
    pub seq: i64,
    pub function: String,
    pub qualifier: String,
    pub created_ms: i64,
    pub attempts: u32,
    pub config: Option<AsyncConfig>,
}

/// A task taken for one execution (or found interrupted by a crash).
#[derive(Debug, Clone)]
pub struct ClaimedTask {
    pub seq: i64,
    pub function: String,
    pub task_id: String,
    pub request_id: String,
    pub payload: Vec<u8>,
    /// Executions so far, this one included.
    pub attempts: u32,
    pub created_ms: i64,
    pub status: TaskStatus,
    pub config: Option<AsyncConfig>,
}

/// Where a finished task's destination record goes, delivered in the same transaction.
#[derive(Debug, Clone)]
pub enum Delivery {
    Queue {
        name: String,
        body: String,
    },
    /// Queue the record as an async invocation of another function.
    Function {
        name: String,
        payload: Vec<u8>,
    },
    /// A destination the engine cannot deliver to (MNS topics).
    Unsupported,
}

/// How an execution (or a decision not to execute) ended.
#[derive(Debug, Clone)]
pub struct TaskEnd {
    /// Succeeded, Failed, Retrying, Expired or Invalid.
    pub status: TaskStatus,
    pub time_ms: i64,
    pub instance_id: Option<String>,
    pub return_payload: Option<String>,
    pub error_message: Option<String>,
    /// `eventDetail` of the event recorded for this transition.
    pub detail: Option<String>,
    /// When a Retrying task runs next.
    pub next_run_ms: Option<i64>,
    pub delivery: Option<Delivery>,
}

/// What StopAsyncTask found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopOutcome {
    NotFound,
    AlreadyFinished(TaskStatus),
    /// It was waiting; it is Stopped now.
    Stopped,
    /// It is running: Stopping until its process is gone.
    Stopping {
        request_id: String,
    },
}

/// ListAsyncTasks filters.
#[derive(Debug, Clone, Default)]
pub struct TaskQuery {
    pub function: String,
    pub status: Option<TaskStatus>,
    pub prefix: Option<String>,
    pub started_begin: Option<i64>,
    pub started_end: Option<i64>,
    pub ascending: bool,
    /// Token of a previous page: the seq of the first task of this page.
    pub start: Option<i64>,
    pub limit: usize,
    pub include_payload: bool,
}

const WAITING: &str = "status IN ('Enqueued', 'Retrying')";

impl Store {
    /// Store a batch of tasks in one transaction (group commit); one answer per task.
    pub fn insert_tasks(
        &self,
        tasks: &[NewTask],
    ) -> Result<Vec<Result<Inserted, InsertRefusal>>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let results = tasks
            .iter()
            .map(|task| insert_task(&tx, task))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(results)
    }

    /// Tasks waiting whose time has come, oldest due first, leaving out the functions in
    /// `skip`; and the next due time after now of the functions not skipped.
    ///
    /// Each function with waiting tasks is one index seek, so a backlog of a skipped
    /// function (at its concurrency limit) costs nothing however long it is.
    pub fn due_tasks(
        &self,
        now_ms: i64,
        limit: usize,
        skip: &[String],
    ) -> Result<(Vec<DueTask>, Option<i64>), StoreError> {
        let conn = self.conn();
        let mut due = Vec::new();
        let mut next: Option<i64> = None;
        for function in waiting_functions(&conn)? {
            if skip.contains(&function) {
                continue;
            }
            due.extend(due_tasks_of(&conn, &function, now_ms, limit)?);
            let later: Option<i64> = conn
                .prepare_cached(&next_due_of_sql())?
                .query_row(params![function, now_ms], |row| row.get(0))?;
            next = match (next, later) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        due.sort_by_key(|(task, next_run_ms)| (*next_run_ms, task.seq));
        due.truncate(limit);
        Ok((due.into_iter().map(|(task, _)| task).collect(), next))
    }

    /// Take a waiting task for one execution: Running, one more attempt. None when it is no
    /// longer waiting (stopped meanwhile).
    pub fn claim_task(&self, seq: i64, now_ms: i64) -> Result<Option<ClaimedTask>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let changed = tx.execute(
            &format!(
                "UPDATE async_tasks SET status = 'Running', attempts = attempts + 1,
                     started_ms = COALESCE(started_ms, ?2)
                 WHERE seq = ?1 AND {WAITING}"
            ),
            params![seq, now_ms],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        add_event(&tx, seq, TaskStatus::Running, now_ms, None)?;
        let task = read_claimed(&tx, seq)?;
        tx.commit()?;
        Ok(task)
    }

    /// Undo a claim whose execution never started (the pool was full): the task waits again
    /// until `next_run_ms` and the attempt does not count. A stop that came meanwhile wins.
    /// A task that was not claimed just waits until `next_run_ms`.
    pub fn unclaim_task(&self, seq: i64, next_run_ms: i64) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        match read_status(&tx, seq)? {
            Some(TaskStatus::Running) => {
                tx.execute(
                    "UPDATE async_tasks SET
                         status = CASE WHEN attempts <= 1 THEN 'Enqueued' ELSE 'Retrying' END,
                         started_ms = CASE WHEN attempts <= 1 THEN NULL ELSE started_ms END,
                         attempts = attempts - 1, next_run_ms = ?2
                     WHERE seq = ?1",
                    params![seq, next_run_ms],
                )?;
                tx.execute(
                    "DELETE FROM async_task_events WHERE task_seq = ?1 AND event_id =
                         (SELECT MAX(event_id) FROM async_task_events WHERE task_seq = ?1)",
                    [seq],
                )?;
            }
            Some(TaskStatus::Stopping) => mark_stopped(&tx, seq, next_run_ms)?,
            Some(TaskStatus::Enqueued | TaskStatus::Retrying) => {
                tx.execute(
                    "UPDATE async_tasks SET next_run_ms = ?2 WHERE seq = ?1",
                    params![seq, next_run_ms],
                )?;
            }
            _ => {}
        }
        tx.commit()?;
        Ok(())
    }

    /// Record how a task ended (or that it waits for a retry), if it is still in one of
    /// `from`; a task being stopped ends as Stopped instead, without delivery. Returns the
    /// status it now has, or None when it was not in `from`.
    pub fn finish_task(
        &self,
        seq: i64,
        from: &[TaskStatus],
        end: TaskEnd,
    ) -> Result<Option<TaskStatus>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let Some(status) = read_status(&tx, seq)? else {
            return Ok(None);
        };
        if !from.contains(&status) {
            return Ok(None);
        }
        if status == TaskStatus::Stopping {
            mark_stopped(&tx, seq, end.time_ms)?;
            tx.commit()?;
            return Ok(Some(TaskStatus::Stopped));
        }
        let destination = match &end.delivery {
            Some(delivery) => Some(deliver(&tx, delivery, end.time_ms)?),
            None => None,
        };
        let terminal = end.status.is_terminal();
        tx.execute(
            "UPDATE async_tasks SET status = ?2,
                 end_ms = CASE WHEN ?3 THEN ?4 ELSE end_ms END,
                 next_run_ms = COALESCE(?5, next_run_ms),
                 instance_id = COALESCE(?6, instance_id),
                 return_payload = COALESCE(?7, return_payload),
                 error_message = COALESCE(?8, error_message),
                 destination_status = COALESCE(?9, destination_status)
             WHERE seq = ?1",
            params![
                seq,
                end.status.as_str(),
                terminal,
                end.time_ms,
                end.next_run_ms,
                end.instance_id,
                end.return_payload,
                end.error_message,
                destination
            ],
        )?;
        add_event(&tx, seq, end.status, end.time_ms, end.detail.as_deref())?;
        tx.commit()?;
        Ok(Some(end.status))
    }

    /// A task's request id and payload, by seq.
    pub fn task_request(&self, seq: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                "SELECT request_id, payload FROM async_tasks WHERE seq = ?1",
                [seq],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Tasks that were Running or Stopping when the engine last stopped.
    pub fn interrupted_tasks(&self) -> Result<Vec<ClaimedTask>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let seqs = tx
            .prepare("SELECT seq FROM async_tasks WHERE status IN ('Running', 'Stopping')")?
            .query_map([], |row| row.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut tasks = Vec::with_capacity(seqs.len());
        for seq in seqs {
            tasks.extend(read_claimed(&tx, seq)?);
        }
        Ok(tasks)
    }

    /// StopAsyncTask: a waiting task stops at once, a running one goes to Stopping.
    pub fn stop_task(
        &self,
        function: &str,
        task_id: &str,
        now_ms: i64,
    ) -> Result<StopOutcome, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let row: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT seq, status, request_id FROM async_tasks
                 WHERE function = ?1 AND task_id = ?2",
                params![function, task_id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((seq, status, request_id)) = row else {
            return Ok(StopOutcome::NotFound);
        };
        let status = TaskStatus::parse(&status).unwrap_or(TaskStatus::Invalid);
        let outcome = match status {
            s if s.is_terminal() => StopOutcome::AlreadyFinished(s),
            TaskStatus::Stopping => StopOutcome::Stopping { request_id },
            TaskStatus::Running => {
                tx.execute(
                    "UPDATE async_tasks SET status = 'Stopping' WHERE seq = ?1",
                    [seq],
                )?;
                add_event(&tx, seq, TaskStatus::Stopping, now_ms, None)?;
                StopOutcome::Stopping { request_id }
            }
            _ => {
                mark_stopped(&tx, seq, now_ms)?;
                StopOutcome::Stopped
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// The status of a function's task, if it exists.
    pub fn task_status(
        &self,
        function: &str,
        task_id: &str,
    ) -> Result<Option<TaskStatus>, StoreError> {
        let conn = self.conn();
        let status: Option<String> = conn
            .query_row(
                "SELECT status FROM async_tasks WHERE function = ?1 AND task_id = ?2",
                params![function, task_id],
                |row| row.get(0),
            )
            .optional()?;
        Ok(status.as_deref().and_then(TaskStatus::parse))
    }

    /// GetAsyncTask: the task with its payload and events (`functionArn` left empty).
    pub fn get_task(&self, function: &str, task_id: &str) -> Result<Option<AsyncTask>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let found = tx
            .query_row(
                &format!(
                    "SELECT {TASK_COLUMNS} FROM async_tasks WHERE function = ?1 AND task_id = ?2"
                ),
                params![function, task_id],
                |row| task_from_row(row, true),
            )
            .optional()?;
        let Some((seq, mut task)) = found else {
            return Ok(None);
        };
        task.events = read_events(&tx, seq)?;
        Ok(Some(task))
    }

    /// ListAsyncTasks: a function's tasks in acceptance order, newest first unless
    /// `ascending`; the token is the seq of the next page's first task.
    pub fn list_tasks(&self, query: &TaskQuery) -> Result<Page<AsyncTask>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let (order, bound) = if query.ascending {
            ("ASC", "seq >= ?6")
        } else {
            ("DESC", "seq <= ?6")
        };
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM async_tasks
             WHERE function = ?1 AND (?2 IS NULL OR status = ?2)
               AND (?3 IS NULL OR substr(task_id, 1, length(?3)) = ?3)
               AND (?4 IS NULL OR created_ms >= ?4) AND (?5 IS NULL OR created_ms <= ?5)
               AND (?6 IS NULL OR {bound})
             ORDER BY seq {order} LIMIT ?7"
        );
        let rows = tx
            .prepare_cached(&sql)?
            .query_map(
                params![
                    query.function,
                    query.status.map(TaskStatus::as_str),
                    query.prefix,
                    query.started_begin,
                    query.started_end,
                    query.start,
                    query.limit as i64 + 1
                ],
                |row| task_from_row(row, query.include_payload),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let mut keyed = Vec::with_capacity(rows.len());
        for (seq, mut task) in rows {
            task.events = read_events(&tx, seq)?;
            keyed.push((seq.to_string(), task));
        }
        Ok(into_page(keyed, query.limit))
    }
}

fn parse_config(body: Option<String>) -> Result<Option<AsyncConfig>, StoreError> {
    Ok(body.map(|b| serde_json::from_str(&b)).transpose()?)
}

fn waiting_functions_sql() -> String {
    format!(
        "WITH RECURSIVE f(name) AS (
             SELECT MIN(function) FROM async_tasks WHERE {WAITING}
             UNION ALL
             SELECT (SELECT MIN(function) FROM async_tasks WHERE {WAITING} AND function > f.name)
             FROM f WHERE f.name IS NOT NULL
         )
         SELECT name FROM f WHERE name IS NOT NULL"
    )
}

fn due_tasks_of_sql() -> String {
    format!(
        "SELECT t.seq, t.created_ms, t.attempts, t.next_run_ms, c.body, t.qualifier
         FROM async_tasks t LEFT JOIN async_configs c
             ON c.function = t.function AND c.qualifier = t.qualifier
         WHERE t.function = ?1 AND {WAITING} AND t.next_run_ms <= ?2
         ORDER BY t.next_run_ms, t.seq LIMIT ?3"
    )
}

fn next_due_of_sql() -> String {
    format!(
        "SELECT MIN(next_run_ms) FROM async_tasks
         WHERE function = ?1 AND {WAITING} AND next_run_ms > ?2"
    )
}

/// The functions that have waiting tasks: a skip scan of the waiting index, one seek per
/// function.
fn waiting_functions(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare_cached(&waiting_functions_sql())?;
    let names = statement
        .query_map([], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// Up to `limit` due tasks of one function, oldest due first, with their due time.
fn due_tasks_of(
    conn: &Connection,
    function: &str,
    now_ms: i64,
    limit: usize,
) -> Result<Vec<(DueTask, i64)>, StoreError> {
    let mut statement = conn.prepare_cached(&due_tasks_of_sql())?;
    let rows = statement
        .query_map(params![function, now_ms, limit as i64], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, u32>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(seq, created_ms, attempts, next_run_ms, body, qualifier)| {
                let task = DueTask {
                    seq,
                    function: function.to_string(),
                    qualifier,
                    created_ms,
                    attempts,
                    config: parse_config(body)?,
                };
                Ok((task, next_run_ms))
            },
        )
        .collect()
}

fn insert_task(
    tx: &Transaction,
    task: &NewTask,
) -> Result<Result<Inserted, InsertRefusal>, StoreError> {
    let exists: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM functions WHERE name = ?1")?
        .query_row([&task.function], |row| row.get(0))
        .optional()?;
    if exists.is_none() {
        return Ok(Err(InsertRefusal::FunctionNotFound));
    }
    let body: Option<String> = tx
        .prepare_cached("SELECT body FROM async_configs WHERE function = ?1 AND qualifier = ?2")?
        .query_row(params![task.function, task.qualifier], |row| row.get(0))
        .optional()?;
    let async_task = parse_config(body)?
        .and_then(|c| c.async_task)
        .unwrap_or(false);
    if task.named && !async_task {
        return Ok(Err(InsertRefusal::TasksDisabled));
    }
    let duplicate: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM async_tasks WHERE function = ?1 AND task_id = ?2")?
        .query_row(params![task.function, task.task_id], |row| row.get(0))
        .optional()?;
    if duplicate.is_some() {
        return Ok(Err(InsertRefusal::TaskExists));
    }
    tx.prepare_cached(
        "INSERT INTO async_tasks (function, qualifier, task_id, request_id, payload, status,
             created_ms, next_run_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Enqueued', ?6, ?6)",
    )?
    .execute(params![
        task.function,
        task.qualifier,
        task.task_id,
        task.request_id,
        task.payload,
        task.created_ms
    ])?;
    let seq = tx.last_insert_rowid();
    add_event(tx, seq, TaskStatus::Enqueued, task.created_ms, None)?;
    Ok(Ok(Inserted { async_task }))
}

/// Deliver a destination record; the destination status to record.
fn deliver(tx: &Transaction, delivery: &Delivery, now_ms: i64) -> Result<&'static str, StoreError> {
    let delivered = match delivery {
        Delivery::Queue { name, body } => {
            push_message(tx, name, body, now_ms)?;
            true
        }
        Delivery::Function { name, payload } => {
            let request_id = crate::fc::new_request_id();
            let task = NewTask {
                function: name.clone(),
                qualifier: "LATEST".into(),
                task_id: request_id.clone(),
                request_id,
                payload: payload.clone(),
                named: false,
                created_ms: now_ms,
            };
            insert_task(tx, &task)?.is_ok()
        }
        Delivery::Unsupported => false,
    };
    Ok(if delivered { "Succeeded" } else { "Failed" })
}

fn mark_stopped(tx: &Transaction, seq: i64, now_ms: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE async_tasks SET status = 'Stopped', end_ms = ?2 WHERE seq = ?1",
        params![seq, now_ms],
    )?;
    add_event(tx, seq, TaskStatus::Stopped, now_ms, None)
}

fn add_event(
    tx: &Transaction,
    seq: i64,
    status: TaskStatus,
    time_ms: i64,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO async_task_events (task_seq, event_id, status, time_ms, detail)
         VALUES (?1, (SELECT COALESCE(MAX(event_id), 0) + 1 FROM async_task_events
                      WHERE task_seq = ?1), ?2, ?3, ?4)",
    )?
    .execute(params![seq, status.as_str(), time_ms, detail])?;
    Ok(())
}

fn read_status(tx: &Transaction, seq: i64) -> Result<Option<TaskStatus>, StoreError> {
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM async_tasks WHERE seq = ?1",
            [seq],
            |row| row.get(0),
        )
        .optional()?;
    Ok(status.as_deref().and_then(TaskStatus::parse))
}

fn read_claimed(tx: &Transaction, seq: i64) -> Result<Option<ClaimedTask>, StoreError> {
    let row = tx
        .query_row(
            "SELECT t.seq, t.function, t.task_id, t.request_id, t.payload, t.attempts,
                    t.created_ms, t.status, c.body
             FROM async_tasks t LEFT JOIN async_configs c
                 ON c.function = t.function AND c.qualifier = t.qualifier
             WHERE t.seq = ?1",
            [seq],
            |row| {
                let status: String = row.get(7)?;
                Ok((
                    ClaimedTask {
                        seq: row.get(0)?,
                        function: row.get(1)?,
                        task_id: row.get(2)?,
                        request_id: row.get(3)?,
                        payload: row.get(4)?,
                        attempts: row.get(5)?,
                        created_ms: row.get(6)?,
                        status: TaskStatus::parse(&status).unwrap_or(TaskStatus::Invalid),
                        config: None,
                    },
                    row.get::<_, Option<String>>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((mut task, body)) = row else {
        return Ok(None);
    };
    task.config = parse_config(body)?;
    Ok(Some(task))
}

const TASK_COLUMNS: &str = "seq, task_id, request_id, qualifier, status, destination_status,
    created_ms, started_ms, end_ms, attempts, instance_id, payload, return_payload,
    error_message";

/// A task row as the API shows it; `startedTime` is when the task was accepted.
fn task_from_row(row: &Row, with_payload: bool) -> rusqlite::Result<(i64, AsyncTask)> {
    let created: i64 = row.get(6)?;
    let started: Option<i64> = row.get(7)?;
    let end: Option<i64> = row.get(8)?;
    let attempts: u32 = row.get(9)?;
    let payload: Option<Vec<u8>> = if with_payload { row.get(11)? } else { None };
    let task = AsyncTask {
        task_id: row.get(1)?,
        request_id: row.get(2)?,
        function_arn: String::new(),
        qualifier: row.get(3)?,
        status: row.get(4)?,
        destination_status: row.get(5)?,
        started_time: Some(created),
        end_time: end,
        duration_ms: end.map(|e| e - started.unwrap_or(created)),
        already_retried_times: attempts.saturating_sub(1),
        instance_id: row.get(10)?,
        task_payload: payload.map(|p| String::from_utf8_lossy(&p).into_owned()),
        return_payload: row.get(12)?,
        task_error_message: row.get(13)?,
        events: Vec::new(),
    };
    Ok((row.get(0)?, task))
}

fn read_events(tx: &Transaction, seq: i64) -> Result<Vec<AsyncTaskEvent>, StoreError> {
    let events = tx
        .prepare_cached(
            "SELECT event_id, status, time_ms, detail FROM async_task_events
             WHERE task_seq = ?1 ORDER BY event_id",
        )?
        .query_map([seq], |row| {
            Ok(AsyncTaskEvent {
                event_id: row.get(0)?,
                status: row.get(1)?,
                timestamp: row.get(2)?,
                event_detail: row.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fc::Function;

    fn store_with(functions: &[&str]) -> (tempfile::TempDir, Store) {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        for name in functions {
            let function = Function {
                function_name: name.to_string(),
                ..Function::default()
            };
            store.create_function(&function).unwrap();
        }
        (home, store)
    }

    fn new_task(function: &str, id: &str, named: bool) -> NewTask {
        NewTask {
            function: function.into(),
            qualifier: "LATEST".into(),
            task_id: id.into(),
            request_id: format!("r-{id}"),
            payload: b"{}".to_vec(),
            named,
            created_ms: 1,
        }
    }

    fn end(status: TaskStatus, delivery: Option<Delivery>) -> TaskEnd {
        TaskEnd {
            status,
            time_ms: 5,
            instance_id: Some("i".into()),
            return_payload: Some("ok".into()),
            error_message: None,
            detail: None,
            next_run_ms: None,
            delivery,
        }
    }

    #[test]
    fn a_batch_is_answered_task_by_task() {
        let (_home, store) = store_with(&["f"]);
        let results = store
            .insert_tasks(&[
                new_task("f", "a", false),
                new_task("f", "a", false),
                new_task("f", "named", true),
                new_task("missing", "b", false),
            ])
            .unwrap();
        assert_eq!(
            results,
            vec![
                Ok(Inserted { async_task: false }),
                Err(InsertRefusal::TaskExists),
                Err(InsertRefusal::TasksDisabled),
                Err(InsertRefusal::FunctionNotFound),
            ]
        );
    }

    #[test]
    fn a_task_runs_once_and_its_end_delivers_to_the_queue_in_the_same_step() {
        let (_home, store) = store_with(&["f"]);
        store.insert_tasks(&[new_task("f", "a", false)]).unwrap();
        let (due, _) = store.due_tasks(10, 10, &[]).unwrap();
        assert_eq!(due.len(), 1);
        let claimed = store.claim_task(due[0].seq, 2).unwrap().unwrap();
        assert_eq!(claimed.attempts, 1);
        assert!(store.claim_task(due[0].seq, 2).unwrap().is_none());
        let delivery = Delivery::Queue {
            name: "q".into(),
            body: "record".into(),
        };
        let ended = store
            .finish_task(
                claimed.seq,
                &[TaskStatus::Running],
                end(TaskStatus::Succeeded, Some(delivery)),
            )
            .unwrap();
        assert_eq!(ended, Some(TaskStatus::Succeeded));
        let task = store.get_task("f", "a").unwrap().unwrap();
        assert_eq!(task.destination_status.as_deref(), Some("Succeeded"));
        let statuses: Vec<_> = task.events.iter().map(|e| e.status.as_str()).collect();
        assert_eq!(statuses, ["Enqueued", "Running", "Succeeded"]);
        let messages = store.take_messages("q", 10, true).unwrap();
        assert_eq!(messages[0].body, "record");
        assert!(store.take_messages("q", 10, false).unwrap().is_empty());
    }

    #[test]
    fn a_stop_wins_over_the_end_of_a_running_task() {
        let (_home, store) = store_with(&["f"]);
        store.insert_tasks(&[new_task("f", "a", false)]).unwrap();
        let seq = store.due_tasks(10, 10, &[]).unwrap().0[0].seq;
        store.claim_task(seq, 2).unwrap().unwrap();
        assert_eq!(
            store.stop_task("f", "a", 3).unwrap(),
            StopOutcome::Stopping {
                request_id: "r-a".into()
            }
        );
        let ended = store
            .finish_task(
                seq,
                &[TaskStatus::Running, TaskStatus::Stopping],
                end(TaskStatus::Retrying, None),
            )
            .unwrap();
        assert_eq!(ended, Some(TaskStatus::Stopped));
        assert_eq!(
            store.stop_task("f", "a", 4).unwrap(),
            StopOutcome::AlreadyFinished(TaskStatus::Stopped)
        );
    }

    #[test]
    fn an_unclaimed_task_waits_again_without_counting_an_attempt() {
        let (_home, store) = store_with(&["f"]);
        store.insert_tasks(&[new_task("f", "a", false)]).unwrap();
        let seq = store.due_tasks(10, 10, &[]).unwrap().0[0].seq;
        store.claim_task(seq, 2).unwrap().unwrap();
        store.unclaim_task(seq, 50).unwrap();
        let (due, next) = store.due_tasks(10, 10, &[]).unwrap();
        assert!(due.is_empty());
        assert_eq!(next, Some(50));
        let task = store.get_task("f", "a").unwrap().unwrap();
        assert_eq!(task.status, "Enqueued");
        assert_eq!(task.events.len(), 1);
    }

    #[test]
    fn skipped_functions_do_not_crowd_out_others() {
        let (_home, store) = store_with(&["busy", "idle"]);
        let mut tasks: Vec<NewTask> = (0..5)
            .map(|i| new_task("busy", &format!("b{i}"), false))
            .collect();
        tasks.push(new_task("idle", "x", false));
        store.insert_tasks(&tasks).unwrap();
        let (due, _) = store.due_tasks(10, 2, &["busy".to_string()]).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].function, "idle");
    }

    #[test]
    fn due_task_lookups_seek_the_waiting_index_and_never_scan_the_tasks() {
        let (_home, store) = store_with(&["f"]);
        let conn = store.conn();
        for sql in [
            waiting_functions_sql(),
            due_tasks_of_sql(),
            next_due_of_sql(),
        ] {
            let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let values: [rusqlite::types::Value; 3] = ["f".to_string().into(), 0.into(), 10.into()];
            let bound = &values[..plan.parameter_count()];
            let steps: Vec<String> = plan
                .query_map(rusqlite::params_from_iter(bound), |row| row.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let on_tasks: Vec<&String> = steps
                .iter()
                .filter(|s| s.contains("async_tasks") || s.contains(" t "))
                .collect();
            assert!(!on_tasks.is_empty(), "{sql}: {steps:?}");
            for step in on_tasks {
                assert!(
                    step.contains("SEARCH") && step.contains("async_tasks_waiting"),
                    "{sql}: {steps:?}"
                );
            }
        }
    }

    #[test]
    fn due_tasks_come_oldest_first_across_functions_with_the_next_due_time() {
        let (_home, store) = store_with(&["a", "b"]);
        let mut tasks = Vec::new();
        for (i, function) in ["b", "a", "b", "a"].iter().enumerate() {
            let mut task = new_task(function, &format!("t{i}"), false);
            task.created_ms = 10 + i as i64;
            tasks.push(task);
        }
        let mut later = new_task("a", "later", false);
        later.created_ms = 500;
        tasks.push(later);
        store.insert_tasks(&tasks).unwrap();
        let (due, next) = store.due_tasks(100, 3, &[]).unwrap();
        let order: Vec<(&str, i64)> = due
            .iter()
            .map(|t| (t.function.as_str(), t.created_ms))
            .collect();
        assert_eq!(order, [("b", 10), ("a", 11), ("b", 12)]);
        assert_eq!(next, Some(500));
        let (_, next) = store.due_tasks(100, 3, &["a".to_string()]).unwrap();
        assert_eq!(
            next, None,
            "a skipped function's later tasks do not set the wake-up"
        );
    }
}
