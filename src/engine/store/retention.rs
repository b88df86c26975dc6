//! How long log lines and invocation records are kept, so the store does not grow without
//! bound. Limits come from the environment of the engine:
//! `S_LOG_RETENTION` (age, default `7d`), `S_LOG_MAX_LINES` (default 1,000,000),
//! `S_METRICS_RETENTION` (default `30d`), `S_METRICS_MAX_ROWS` (default 1,000,000).
//! The `EventWriter` applies them on its own connection, at start and then periodically.

use std::time::Duration;

use rusqlite::{params, Connection};

/// Limits for the `logs` and `invocations` tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    pub log_age: Duration,
    pub log_max_lines: u64,
    pub metrics_age: Duration,
    pub metrics_max_rows: u64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            log_age: Duration::from_secs(7 * 86_400),
            log_max_lines: 1_000_000,
            metrics_age: Duration::from_secs(30 * 86_400),
            metrics_max_rows: 1_000_000,
        }
    }
}

impl Retention {
    /// Defaults overridden by the `S_*` variables; a value that does not parse is ignored
    /// with a warning in the engine log.
    pub fn from_env() -> Retention {
        let mut r = Retention::default();
        read_env("S_LOG_RETENTION", parse_duration, &mut r.log_age);
        read_env("S_LOG_MAX_LINES", parse_count, &mut r.log_max_lines);
        read_env("S_METRICS_RETENTION", parse_duration, &mut r.metrics_age);
        read_env("S_METRICS_MAX_ROWS", parse_count, &mut r.metrics_max_rows);
        r
    }

    /// Delete what is over the limits; returns the rows removed. The newest row of each table
    /// always stays, so ids never restart and stream cursors stay valid.
    pub fn apply(&self, conn: &Connection, now_ms: i64) -> rusqlite::Result<usize> {
        let log_cutoff = now_ms - self.log_age.as_millis() as i64;
        let metrics_cutoff = now_ms - self.metrics_age.as_millis() as i64;
        let mut removed = conn.execute(
            "DELETE FROM logs WHERE time_ms < ?1 AND id < (SELECT MAX(id) FROM logs)",
            params![log_cutoff],
        )?;
        removed += conn.execute(
            "DELETE FROM logs WHERE id <= (SELECT MAX(id) FROM logs) - ?1",
            params![self.log_max_lines as i64],
        )?;
        removed += conn.execute(
            "DELETE FROM invocations WHERE start_ms < ?1 AND id < (SELECT MAX(id) FROM invocations)",
            params![metrics_cutoff],
        )?;
        removed += conn.execute(
            "DELETE FROM invocations WHERE id <= (SELECT MAX(id) FROM invocations) - ?1",
            params![self.metrics_max_rows as i64],
        )?;
        Ok(removed)
    }
}

fn read_env<T>(key: &str, parse: fn(&str) -> Option<T>, slot: &mut T) {
    let Ok(value) = std::env::var(key) else {
        return;
    };
    match parse(value.trim()) {
        Some(parsed) => *slot = parsed,
        None => tracing::warn!("ignoring `{key}={value}`: not a valid value"),
    }
}

fn parse_count(text: &str) -> Option<u64> {
    text.replace('_', "").parse().ok().filter(|n| *n > 0)
}

/// `500ms`, `30s`, `10m`, `2h`, `7d`, `1w`, or a number of seconds.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "ms" => 0.001,
        "" | "s" | "sec" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        "w" => 604_800.0,
        _ => return None,
    };
    (number.is_finite() && number >= 0.0).then(|| Duration::from_secs_f64(number * seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::store::Store;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("10m"), Some(Duration::from_secs(600)));
        assert_eq!(parse_duration("1.5h"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("42"), Some(Duration::from_secs(42)));
        assert_eq!(parse_duration("7d"), Some(Duration::from_secs(604_800)));
        assert_eq!(parse_duration("ten minutes"), None);
        assert_eq!(parse_duration("5y"), None);
    }

    #[test]
    fn retention_drops_old_and_excess_lines_but_keeps_the_newest() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let conn = Connection::open(store.db_path()).unwrap();
        for i in 0..10 {
            conn.execute(
                "INSERT INTO logs (time_ms, function, instance_id, stream, text)
                 VALUES (?1, 'f', 'i', 'stdout', 'x')",
                params![i * 1000],
            )
            .unwrap();
        }
        let retention = Retention {
            log_age: Duration::from_secs(3),
            log_max_lines: 100,
            ..Retention::default()
        };
        // Lines older than 3 s at t = 10 s: times 0..=6 go.
        assert_eq!(retention.apply(&conn, 10_000).unwrap(), 7);
        let capped = Retention {
            log_max_lines: 2,
            ..retention
        };
        capped.apply(&conn, 10_000).unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM logs ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(ids, vec![9, 10]);
        // Far in the future everything is old, yet the newest line stays.
        retention.apply(&conn, 1_000_000_000).unwrap();
        let left: i64 = conn
            .query_row("SELECT MAX(id) FROM logs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 10);
    }
}
