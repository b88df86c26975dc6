//! The SQLite store (rusqlite, WAL): functions, triggers, code packages, logs and metrics.
