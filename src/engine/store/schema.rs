//! Schema migrations, versioned by `PRAGMA user_version`: migration `i` brings the database
//! from version `i` to `i + 1`. Append new migrations; never edit a released one.

use rusqlite::Connection;

use super::StoreError;

const MIGRATIONS: &[&str] = &[
    // 1: functions, triggers, configs, logs, invocation metrics.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
     CREATE TABLE functions (
         name TEXT PRIMARY KEY,
         generation INTEGER NOT NULL,
         body TEXT NOT NULL
     );
     CREATE TABLE triggers (
         function TEXT NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
         name TEXT NOT NULL,
         body TEXT NOT NULL,
         PRIMARY KEY (function, name)
     );
     CREATE TABLE async_configs (
         function TEXT NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
         qualifier TEXT NOT NULL,
         body TEXT NOT NULL,
         PRIMARY KEY (function, qualifier)
     );
     CREATE TABLE concurrency_configs (
         function TEXT PRIMARY KEY REFERENCES functions(name) ON DELETE CASCADE,
         reserved INTEGER NOT NULL
     );
     CREATE TABLE logs (
         id INTEGER PRIMARY KEY,
         time_ms INTEGER NOT NULL,
         function TEXT NOT NULL,
         instance_id TEXT NOT NULL,
         request_id TEXT,
         stream TEXT NOT NULL,
         text TEXT NOT NULL
     );
     CREATE INDEX logs_by_function_time ON logs (function, time_ms);
     CREATE INDEX logs_by_request ON logs (request_id);
     CREATE TABLE invocations (
         id INTEGER PRIMARY KEY,
         function TEXT NOT NULL,
         request_id TEXT NOT NULL,
         instance_id TEXT NOT NULL,
         start_ms INTEGER NOT NULL,
         duration_ms REAL NOT NULL,
         init_duration_ms REAL,
         max_memory_mb INTEGER NOT NULL,
         outcome TEXT NOT NULL,
         is_async INTEGER NOT NULL
     );
     CREATE INDEX invocations_by_function_start ON invocations (function, start_ms);",
    // 2: `s logs --type` joins log lines to the outcome of their invocation.
    "CREATE INDEX invocations_by_request ON invocations (request_id);",
    // 3: layer versions; `layer_names` keeps the last number so a deleted version's
    // number is never given out again, as in FC.
    "CREATE TABLE layer_names (name TEXT PRIMARY KEY, last_version INTEGER NOT NULL);
     CREATE TABLE layers (
         name TEXT NOT NULL,
         version INTEGER NOT NULL,
         body TEXT NOT NULL,
         PRIMARY KEY (name, version)
     );",
    // 4: async tasks with their event timelines, and the local queues destinations fill.
    // Tasks outlive their function (a deleted function's queued tasks end as Invalid), so
    // they have no foreign key to it.
    "CREATE TABLE async_tasks (
         seq INTEGER PRIMARY KEY,
         function TEXT NOT NULL,
         qualifier TEXT NOT NULL,
         task_id TEXT NOT NULL,
         request_id TEXT NOT NULL,
         payload BLOB NOT NULL,
         status TEXT NOT NULL,
         created_ms INTEGER NOT NULL,
         started_ms INTEGER,
         end_ms INTEGER,
         attempts INTEGER NOT NULL DEFAULT 0,
         next_run_ms INTEGER NOT NULL,
         instance_id TEXT,
         return_payload TEXT,
         error_message TEXT,
         destination_status TEXT
     );
     CREATE UNIQUE INDEX async_tasks_by_id ON async_tasks (function, task_id);
     CREATE INDEX async_tasks_due ON async_tasks (next_run_ms, seq)
         WHERE status IN ('Enqueued', 'Retrying');
     CREATE INDEX async_tasks_by_function ON async_tasks (function, seq);
     CREATE TABLE async_task_events (
         task_seq INTEGER NOT NULL REFERENCES async_tasks(seq) ON DELETE CASCADE,
         event_id INTEGER NOT NULL,
         status TEXT NOT NULL,
         time_ms INTEGER NOT NULL,
         detail TEXT,
         PRIMARY KEY (task_seq, event_id)
     );
     CREATE TABLE queues (name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL);
     CREATE TABLE queue_messages (
         id INTEGER PRIMARY KEY,
         queue TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
         body TEXT NOT NULL,
         enqueued_ms INTEGER NOT NULL
     );
     CREATE INDEX queue_messages_by_queue ON queue_messages (queue, id);",
    // 5: the dispatcher looks for due tasks function by function, so the tasks of a function
    // at its concurrency limit are never walked (one index seek per function, not a scan
    // past every task of a backlogged function).
    "DROP INDEX async_tasks_due;
     CREATE INDEX async_tasks_waiting ON async_tasks (function, next_run_ms, seq)
         WHERE status IN ('Enqueued', 'Retrying');",
    // 6: published versions (the function's record frozen, with the generation it had) and
    // aliases; the counter keeps deleted version ids from being reused.
    "CREATE TABLE function_versions (
         function TEXT NOT NULL,
         version_id INTEGER NOT NULL,
         generation INTEGER NOT NULL,
         body TEXT NOT NULL,
         version TEXT NOT NULL,
         PRIMARY KEY (function, version_id)
     );
     CREATE TABLE version_counters (function TEXT PRIMARY KEY, last_version INTEGER NOT NULL);
     CREATE TABLE aliases (
         function TEXT NOT NULL,
         name TEXT NOT NULL,
         body TEXT NOT NULL,
         PRIMARY KEY (function, name)
     );",
    // 7: which version's instance printed a log line, for `s logs --qualifier`.
    "ALTER TABLE logs ADD COLUMN qualifier TEXT;",
    // 8: custom domains, keyed by their lower-case name.
    "CREATE TABLE custom_domains (name TEXT PRIMARY KEY, body TEXT NOT NULL);",
];

/// Bring the database to the latest version, one transaction per migration.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_record_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: usize = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
    }
}
