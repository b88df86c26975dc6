//! The SQLite store (rusqlite, WAL): functions, triggers, async and concurrency configs,
//! code packages, logs and metrics. Knows nothing about HTTP: callers get plain values and
//! typed errors. Every write is committed before the call returns, and WAL with
//! `synchronous=NORMAL` keeps committed writes across a crash of the engine process.

mod code;
mod configs;
mod disk;
mod domains;
mod events;
#[cfg(test)]
mod forge_crc;
mod functions;
mod layers;
mod live;
mod logs;
mod metrics;
mod queues;
mod retention;
mod schema;
mod tasks;
mod triggers;
mod versions;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

pub use code::{is_package_key, package_key, CodeInfo};
pub use disk::{dir_bytes, DiskUsage};
pub use events::EventWriter;
pub use functions::StoredFunction;
pub use live::{FunctionTotals, Histogram, Live, DURATION_BUCKETS};
pub use logs::{LogFilter, OutcomeFilter, MAX_PAGE as MAX_LOG_PAGE};
pub use retention::{parse_duration, Retention};
pub use tasks::{
    ClaimedTask, Delivery, DueTask, InsertRefusal, Inserted, NewTask, StopOutcome, TaskEnd,
    TaskQuery, TaskStatus,
};

/// One page of a list: the items and the token of the next page, if any.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

/// What a list call asks for. `start` is a token from a previous page.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub prefix: Option<String>,
    pub start: Option<String>,
    pub limit: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("function `{0}` already exists")]
    FunctionExists(String),
    #[error("function `{0}` does not exist")]
    FunctionNotFound(String),
    #[error("function `{0}` has triggers")]
    FunctionHasTriggers(String),
    #[error("trigger `{trigger}` of function `{function}` already exists")]
    TriggerExists { function: String, trigger: String },
    #[error("trigger `{trigger}` of function `{function}` does not exist")]
    TriggerNotFound { function: String, trigger: String },
    #[error("async invoke config for `{function}:{qualifier}` does not exist")]
    AsyncConfigNotFound { function: String, qualifier: String },
    #[error("layer `{name}` version {version} does not exist")]
    LayerNotFound { name: String, version: u32 },
    #[error("version {version} of function `{function}` does not exist")]
    VersionNotFound { function: String, version: String },
    #[error("version {version} of function `{function}` is used by alias `{alias}`")]
    VersionInUse {
        function: String,
        version: String,
        alias: String,
    },
    #[error("alias `{alias}` of function `{function}` does not exist")]
    AliasNotFound { function: String, alias: String },
    #[error("alias `{alias}` of function `{function}` already exists")]
    AliasExists { function: String, alias: String },
    #[error("custom domain `{0}` already exists")]
    DomainExists(String),
    #[error("custom domain `{0}` does not exist")]
    DomainNotFound(String),
    /// A change the caller asked for is not valid (checked inside the store's transaction).
    #[error("{0}")]
    Invalid(String),
    #[error("code package `{0}` is missing from the store")]
    CodeNotFound(String),
    #[error("cannot unpack code package `{checksum}`: {message}")]
    Unpack { checksum: String, message: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Shows the path from the state dir down only: messages reach API callers.
    #[error("cannot access `{}` in the engine's state: {source}", shown(path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The last two components of a path in the state dir (`code/<package>.zip`).
fn shown(path: &Path) -> String {
    let parts: Vec<_> = path.iter().collect();
    let tail = &parts[parts.len().saturating_sub(2)..];
    tail.iter().collect::<PathBuf>().display().to_string()
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The engine's persistent state under its home directory.
pub struct Store {
    conn: Mutex<Connection>,
    home: PathBuf,
    live: std::sync::Arc<Live>,
    pins: code::Pins,
}

impl Store {
    /// Open (creating and migrating if needed) `<home>/engine.db` and `<home>/code/`.
    pub fn open(home: &Path) -> Result<Store, StoreError> {
        let code = home.join("code");
        std::fs::create_dir_all(&code).map_err(|e| StoreError::io(&code, e))?;
        let mut conn = open_connection(&Self::db_path_in(home))?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            home: home.to_path_buf(),
            live: Default::default(),
            pins: Default::default(),
        })
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    /// Log lines and totals as they are committed (fed by `EventWriter::start_for`).
    pub fn live(&self) -> &std::sync::Arc<Live> {
        &self.live
    }

    pub fn db_path(&self) -> PathBuf {
        Self::db_path_in(&self.home)
    }

    fn db_path_in(home: &Path) -> PathBuf {
        home.join("engine.db")
    }

    /// The connection; a poisoned lock only means another thread panicked mid-call, and
    /// SQLite's own transactions keep the data consistent, so carry on.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection with the pragmas every user of the database needs.
fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL: readers never block the writer. NORMAL: a commit is durable against a crash of
    // this process (the WAL is in the OS page cache); only a power loss can drop the tail.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Keys sort as text; the token of a page is the key its first item has.
fn prefix_bounds(request: &PageRequest) -> (String, String) {
    let prefix = request.prefix.clone().unwrap_or_default();
    let start = match &request.start {
        Some(token) if token.as_str() > prefix.as_str() => token.clone(),
        _ => prefix.clone(),
    };
    (start, prefix)
}

/// Decode `(key, JSON body)` rows, then page them as `into_page` does.
fn into_json_page<T: serde::de::DeserializeOwned>(
    rows: Vec<(String, String)>,
    limit: usize,
) -> Result<Page<T>, StoreError> {
    let rows = rows
        .into_iter()
        .map(|(key, body)| Ok((key, serde_json::from_str(&body)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(into_page(rows, limit))
}

/// Split `limit + 1` fetched rows into a page and the next token.
fn into_page<T>(mut rows: Vec<(String, T)>, limit: usize) -> Page<T> {
    let next_token = if rows.len() > limit {
        rows.truncate(limit + 1);
        rows.pop().map(|(key, _)| key)
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(_, item)| item).collect(),
        next_token,
    }
}

/// Every write transaction takes the write lock up front: a deferred transaction that reads
/// and then writes fails at once with "database is locked" when another connection (the
/// event writer) committed meanwhile, and the busy timeout does not help in that case.
pub(crate) fn write_tx(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_split_returns_the_first_key_of_the_next_page() {
        let rows: Vec<(String, u32)> = (0..4).map(|i| (format!("k{i}"), i)).collect();
        let page = into_page(rows, 3);
        assert_eq!(page.items, vec![0, 1, 2]);
        assert_eq!(page.next_token.as_deref(), Some("k3"));
        let page = into_page(vec![("a".to_string(), 1)], 3);
        assert_eq!(page.next_token, None);
    }
}
