//! Group commit for accepted async invocations: requests hand their task to one writer
//! thread and wait; the thread takes everything that queued up while the previous commit
//! ran, stores it in one transaction, then answers every request. Under load one commit
//! acknowledges many invocations, and each is on disk before its 202.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use tokio::sync::{oneshot, Notify};

use crate::engine::store::{InsertRefusal, Inserted, NewTask, Store};

/// Most tasks in one transaction.
const MAX_BATCH: usize = 1024;

type Answer = Result<Result<Inserted, InsertRefusal>, String>;

struct Pending {
    task: NewTask,
    reply: oneshot::Sender<Answer>,
}

pub(super) struct Writer {
    tx: Sender<Pending>,
}

impl Writer {
    /// Start the writer thread; `committed` is notified after every commit.
    pub(super) fn start(store: Arc<Store>, committed: Arc<Notify>) -> Writer {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("async-writer".into())
            .spawn(move || write_loop(&store, rx, &committed));
        // Without the thread every send fails, and each request reports it.
        if let Err(err) = spawned {
            tracing::error!("cannot start the async queue writer: {err}");
        }
        Writer { tx }
    }

    /// Store one task; resolves once its transaction is committed.
    pub(super) async fn insert(&self, task: NewTask) -> Answer {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Pending { task, reply })
            .map_err(|_| "the async queue writer is not running".to_string())?;
        answer
            .await
            .map_err(|_| "the async queue writer stopped".to_string())?
    }
}

fn write_loop(store: &Store, rx: Receiver<Pending>, committed: &Notify) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(pending) => batch.push(pending),
                Err(_) => break,
            }
        }
        let (tasks, replies): (Vec<NewTask>, Vec<_>) =
            batch.into_iter().map(|p| (p.task, p.reply)).unzip();
        match store.insert_tasks(&tasks) {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(Ok(result));
                }
            }
            Err(err) => {
                tracing::error!("cannot store {} async invocations: {err}", tasks.len());
                for reply in replies {
                    let _ = reply.send(Err(err.to_string()));
                }
            }
        }
        committed.notify_one();
    }
}
