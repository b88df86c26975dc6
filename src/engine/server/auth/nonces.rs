//! The signature nonces an engine has accepted, in a small SQLite file of its own
//! (`<state>/nonces.db`, created 0600) so that a request captured before a restart is refused
//! after it too. A nonce is kept for as long as a request carrying it could still pass the
//! date check; older ones are forgotten. Only the verifier uses this; the store never does.

use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use time::{Duration, OffsetDateTime};

/// Why the nonce file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum NonceError {
    #[error("cannot create `{path}`: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot open `{path}`: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot record a signature nonce: {0}")]
    Write(#[from] rusqlite::Error),
}

/// Nonces seen within `keep` of now.
pub struct NonceBook {
    conn: Mutex<Connection>,
    keep: Duration,
    /// When old nonces were last deleted (they are ignored before that anyway).
    pruned: Mutex<OffsetDateTime>,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS nonces (
    nonce TEXT PRIMARY KEY,
    seen_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces (seen_ms);";

impl NonceBook {
    /// The book in `path`, created private to the user if it does not exist yet (SQLite
    /// gives its journal files the same mode).
    pub fn open(path: &Path, keep: Duration) -> Result<NonceBook, NonceError> {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(|source| NonceError::Create {
                path: path.to_path_buf(),
                source,
            })?;
        let open = |path: &Path| -> rusqlite::Result<Connection> {
            let conn = Connection::open(path)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // Survives `kill -9` of the engine, which is what a restart needs.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.execute_batch(SCHEMA)?;
            Ok(conn)
        };
        let conn = open(path).map_err(|source| NonceError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self::with(conn, keep))
    }

    /// A book that lives as long as the process (tests, tools).
    pub fn in_memory(keep: Duration) -> NonceBook {
        let conn = Connection::open_in_memory().expect("an in-memory database opens");
        conn.execute_batch(SCHEMA).expect("the schema is valid");
        Self::with(conn, keep)
    }

    fn with(conn: Connection, keep: Duration) -> NonceBook {
        NonceBook {
            conn: Mutex::new(conn),
            keep,
            pruned: Mutex::new(OffsetDateTime::UNIX_EPOCH),
        }
    }

    /// True when `nonce` was accepted within the window.
    pub fn seen(&self, nonce: &str, now: OffsetDateTime) -> Result<bool, NonceError> {
        let conn = self.lock();
        let found: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM nonces WHERE nonce = ?1 AND seen_ms >= ?2",
                params![nonce, self.cutoff(now)],
                |row| row.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// Remember `nonce` as accepted now; false when it already was (within the window), so
    /// of two requests racing with one nonce only one passes.
    pub fn record(&self, nonce: &str, now: OffsetDateTime) -> Result<bool, NonceError> {
        self.prune(now)?;
        let conn = self.lock();
        let changed = conn.execute(
            "INSERT INTO nonces (nonce, seen_ms) VALUES (?1, ?2)
             ON CONFLICT (nonce) DO UPDATE SET seen_ms = excluded.seen_ms
             WHERE nonces.seen_ms < ?3",
            params![nonce, millis(now), self.cutoff(now)],
        )?;
        Ok(changed == 1)
    }

    /// Delete what is too old to matter, at most once a minute.
    fn prune(&self, now: OffsetDateTime) -> Result<(), NonceError> {
        let mut pruned = self.pruned.lock().unwrap_or_else(|e| e.into_inner());
        if now - *pruned < Duration::minutes(1) {
            return Ok(());
        }
        *pruned = now;
        self.lock().execute(
            "DELETE FROM nonces WHERE seen_ms < ?1",
            params![self.cutoff(now)],
        )?;
        Ok(())
    }

    fn cutoff(&self, now: OffsetDateTime) -> i64 {
        millis(now - self.keep)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.lock()
            .query_row("SELECT COUNT(*) FROM nonces", [], |row| row.get(0))
            .unwrap_or(0)
    }
}

fn millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn nonces_are_kept_for_the_window_and_then_forgotten() {
        let book = NonceBook::in_memory(Duration::minutes(30));
        let start = OffsetDateTime::now_utc();
        assert!(book.record("a", start).unwrap());
        assert!(book.seen("a", start).unwrap());
        assert!(!book.record("a", start + Duration::minutes(29)).unwrap());
        assert!(!book.seen("a", start + Duration::minutes(31)).unwrap());
        assert!(book.record("b", start + Duration::minutes(31)).unwrap());
        assert_eq!(book.count(), 1, "the old nonce was deleted");
    }

    #[test]
    fn the_book_survives_reopening_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nonces.db");
        let now = OffsetDateTime::now_utc();
        let book = NonceBook::open(&path, Duration::minutes(30)).unwrap();
        assert!(book.record("n", now).unwrap());
        drop(book);
        let book = NonceBook::open(&path, Duration::minutes(30)).unwrap();
        assert!(!book.record("n", now).unwrap());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
