//! The pool's `EventSink`: log lines and invocation records go through a bounded channel to
//! one writer thread that batch-inserts them on its own connection, so an instance printing
//! fast never waits on SQLite. When the channel is full, events are counted and dropped
//! rather than stalling the pool. After each commit the stored lines go to the store's `Live`
//! hub (for live tails and totals), and the retention limits are applied now and then.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

use super::live::Live;
use super::retention::Retention;
use super::{open_connection, Store, StoreError};
use crate::engine::pool::{EventSink, InvocationRecord, LogLine, LogStream};
use crate::fc::observe::LogEntry;

const CHANNEL_CAPACITY: usize = 65_536;
const MAX_BATCH: usize = 4_096;
/// How often retention runs while events keep coming (and when idle).
const RETENTION_EVERY: Duration = Duration::from_secs(60);

enum Event {
    Log(LogLine),
    Invocation(InvocationRecord),
    /// Answer once everything sent before has been written.
    Flush(mpsc::Sender<()>),
}

/// Writes events in the background. Cheap to call from any thread.
pub struct EventWriter {
    tx: SyncSender<Event>,
    dropped: AtomicU64,
}

impl EventWriter {
    /// Start the writer thread on its own connection to `db_path`, with default retention
    /// and nobody listening live.
    pub fn start(db_path: &Path) -> Result<EventWriter, StoreError> {
        Self::start_with(db_path, Arc::new(Live::default()), Retention::default())
    }

    /// The engine's writer: feeds `store.live()` and applies retention from the environment.
    pub fn start_for(store: &Store) -> Result<EventWriter, StoreError> {
        Self::start_with(
            &store.db_path(),
            store.live().clone(),
            Retention::from_env(),
        )
    }

    fn start_with(
        db_path: &Path,
        live: Arc<Live>,
        retention: Retention,
    ) -> Result<EventWriter, StoreError> {
        let conn = open_connection(db_path)?;
        let (tx, rx) = mpsc::sync_channel(CHANNEL_CAPACITY);
        let writer = Writer {
            conn,
            live,
            retention,
        };
        // The thread ends by itself once the last sender is dropped.
        std::thread::Builder::new()
            .name("store-events".into())
            .spawn(move || writer.run(rx))
            .map_err(|e| StoreError::io(db_path, e))?;
        Ok(EventWriter {
            tx,
            dropped: AtomicU64::new(0),
        })
    }

    /// Block until every event sent so far is in the database.
    pub fn flush(&self) {
        let (ack, done) = mpsc::channel();
        if self.tx.send(Event::Flush(ack)).is_ok() {
            let _ = done.recv();
        }
    }

    /// Events lost because the writer could not keep up.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    fn send(&self, event: Event) {
        match self.tx.try_send(event) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

impl EventSink for EventWriter {
    fn log_line(&self, line: LogLine) {
        self.send(Event::Log(line));
    }

    fn invocation_finished(&self, record: InvocationRecord) {
        self.send(Event::Invocation(record));
    }
}

/// The writer thread's state.
struct Writer {
    conn: Connection,
    live: Arc<Live>,
    retention: Retention,
}

impl Writer {
    fn run(mut self, rx: Receiver<Event>) {
        let mut last_retention = Instant::now();
        self.apply_retention();
        loop {
            let first = match rx.recv_timeout(RETENTION_EVERY) {
                Ok(event) => Some(event),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if last_retention.elapsed() >= RETENTION_EVERY {
                self.apply_retention();
                last_retention = Instant::now();
            }
            let Some(first) = first else { continue };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(event) => batch.push(event),
                    Err(_) => break,
                }
            }
            match write_batch(&mut self.conn, &batch) {
                Ok(stored) => self.announce(&batch, stored),
                Err(err) => {
                    tracing::error!("cannot store {} log/metric events: {err}", batch.len())
                }
            }
            for event in batch {
                if let Event::Flush(ack) = event {
                    let _ = ack.send(());
                }
            }
        }
    }

    /// Tell the live hub what was committed.
    fn announce(&self, batch: &[Event], stored: Vec<LogEntry>) {
        for event in batch {
            if let Event::Invocation(record) = event {
                self.live.record(record);
            }
        }
        self.live.publish(stored);
    }

    fn apply_retention(&self) {
        match self.retention.apply(&self.conn, crate::fc::epoch_ms()) {
            Ok(0) => {}
            Ok(n) => tracing::debug!("retention removed {n} log lines and invocation records"),
            Err(err) => tracing::error!("cannot apply retention: {err}"),
        }
    }
}

/// Insert a batch in one transaction; returns the stored log lines with their ids.
fn write_batch(conn: &mut Connection, batch: &[Event]) -> rusqlite::Result<Vec<LogEntry>> {
    let mut stored = Vec::new();
    let tx = super::write_tx(conn)?;
    {
        let mut logs = tx.prepare_cached(
            "INSERT INTO logs (time_ms, function, instance_id, request_id, stream, text, qualifier)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut invocations = tx.prepare_cached(
            "INSERT INTO invocations (function, request_id, instance_id, start_ms, duration_ms,
                 init_duration_ms, max_memory_mb, outcome, is_async)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for event in batch {
            match event {
                Event::Log(l) => {
                    logs.execute(params![
                        l.time_ms,
                        l.function,
                        l.instance_id,
                        l.request_id,
                        stream_name(l.stream),
                        l.text,
                        l.qualifier
                    ])?;
                    stored.push(LogEntry {
                        id: tx.last_insert_rowid(),
                        time_ms: l.time_ms,
                        function: l.function.clone(),
                        qualifier: l.qualifier.clone(),
                        instance_id: l.instance_id.clone(),
                        request_id: l.request_id.clone(),
                        stream: stream_name(l.stream).to_string(),
                        text: l.text.clone(),
                    });
                }
                Event::Invocation(r) => {
                    invocations.execute(params![
                        r.function,
                        r.request_id,
                        r.instance_id,
                        r.start_ms,
                        r.duration_ms,
                        r.init_duration_ms,
                        r.max_memory_mb as i64,
                        r.outcome.as_str(),
                        r.is_async
                    ])?;
                }
                Event::Flush(_) => {}
            }
        }
    }
    tx.commit()?;
    Ok(stored)
}

/// How a stream is named in the `logs.stream` column.
pub fn stream_name(stream: LogStream) -> &'static str {
    match stream {
        LogStream::Stdout => "stdout",
        LogStream::Stderr => "stderr",
        LogStream::System => "system",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pool::Outcome;
    use crate::engine::store::Store;

    #[test]
    fn events_are_written_in_the_background_and_visible_after_flush() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let writer = EventWriter::start(&store.db_path()).unwrap();
        for i in 0..10 {
            writer.log_line(LogLine {
                time_ms: i,
                function: "f".into(),
                qualifier: Some("LATEST".into()),
                instance_id: "i".into(),
                request_id: Some("r".into()),
                stream: LogStream::Stdout,
                text: format!("line {i}"),
            });
        }
        writer.invocation_finished(InvocationRecord {
            function: "f".into(),
            request_id: "r".into(),
            instance_id: "i".into(),
            start_ms: 0,
            duration_ms: 1.5,
            init_duration_ms: None,
            max_memory_mb: 10,
            outcome: Outcome::Success,
            is_async: false,
        });
        writer.flush();
        let conn = Connection::open(store.db_path()).unwrap();
        let logs: i64 = conn
            .query_row("SELECT COUNT(*) FROM logs", [], |r| r.get(0))
            .unwrap();
        let runs: i64 = conn
            .query_row("SELECT COUNT(*) FROM invocations", [], |r| r.get(0))
            .unwrap();
        assert_eq!((logs, runs), (10, 1));
    }
}
