//! The engine's local queues: MNS-queue destinations of async invocations land here, and
//! `s queue` reads them. A queue exists from its first message; receiving deletes, peeking
//! does not.

use rusqlite::{params, Transaction};

use super::{Store, StoreError};
use crate::fc::{QueueInfo, QueueMessage};

impl Store {
    /// Every queue with the number of messages waiting in it, by name.
    pub fn list_queues(&self) -> Result<Vec<QueueInfo>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT q.name, q.created_ms,
                    (SELECT COUNT(*) FROM queue_messages m WHERE m.queue = q.name)
             FROM queues q ORDER BY q.name",
        )?;
        let queues = statement
            .query_map([], |row| {
                Ok(QueueInfo {
                    name: row.get(0)?,
                    created_time: row.get(1)?,
                    messages: row.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(queues)
    }

    /// Up to `max` of the oldest messages of `queue`; deleted when `delete` (receive). An
    /// unknown queue has no messages.
    pub fn take_messages(
        &self,
        queue: &str,
        max: usize,
        delete: bool,
    ) -> Result<Vec<QueueMessage>, StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        let rows = tx
            .prepare_cached(
                "SELECT id, body, enqueued_ms FROM queue_messages
                 WHERE queue = ?1 ORDER BY id LIMIT ?2",
            )?
            .query_map(params![queue, max as i64], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        if delete {
            if let Some((last, _, _)) = rows.last() {
                // The rows are the oldest ones, so "up to the last id" is exactly them.
                tx.execute(
                    "DELETE FROM queue_messages WHERE queue = ?1 AND id <= ?2",
                    params![queue, last],
                )?;
            }
        }
        tx.commit()?;
        Ok(rows
            .into_iter()
            .map(|(id, body, enqueued_ms)| QueueMessage {
                message_id: id.to_string(),
                body,
                enqueued_time: enqueued_ms,
            })
            .collect())
    }
}

impl Store {
    /// Append one message to a local queue (creating it), e.g. a dead-lettered batch.
    pub fn enqueue_message(&self, queue: &str, body: &str) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = super::write_tx(&mut conn)?;
        push_message(&tx, queue, body, crate::fc::epoch_ms())?;
        tx.commit()?;
        Ok(())
    }
}

/// Append a message to `queue` (creating it) inside the caller's transaction.
pub(super) fn push_message(
    tx: &Transaction,
    queue: &str,
    body: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR IGNORE INTO queues (name, created_ms) VALUES (?1, ?2)")?
        .execute(params![queue, now_ms])?;
    tx.prepare_cached("INSERT INTO queue_messages (queue, body, enqueued_ms) VALUES (?1, ?2, ?3)")?
        .execute(params![queue, body, now_ms])?;
    Ok(())
}
