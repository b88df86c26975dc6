//! Log queries: the filters of `s logs` over stored lines, page by page in id order, and the
//! same filters applied to lines as they stream live.

use rusqlite::types::Value;

use super::{Store, StoreError};
use crate::fc::observe::{LogEntry, LogPage, LogQuery};

/// Largest page a query returns.
pub const MAX_PAGE: usize = 5_000;

/// Which invocations' lines `--type` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeFilter {
    Success,
    Fail,
}

/// A validated `LogQuery` (cursor and page size aside).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogFilter {
    pub functions: Vec<String>,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub request_id: Option<String>,
    pub instance_id: Option<String>,
    pub outcome: Option<OutcomeFilter>,
    /// Versions whose lines to keep: `LATEST` or an id in any function, or `function:id`
    /// in one (the API resolves an alias to those).
    pub qualifiers: Vec<String>,
    /// ASCII-lowercased, as SQLite's `lower` does.
    search: Option<String>,
}

impl LogFilter {
    /// The filter of a query; the error says which parameter is wrong.
    pub fn from_query(query: &LogQuery) -> Result<LogFilter, String> {
        let outcome = match query.kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("success") => Some(OutcomeFilter::Success),
            Some("fail") => Some(OutcomeFilter::Fail),
            Some(other) => return Err(format!("type must be 'success' or 'fail', not '{other}'")),
        };
        let text = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        Ok(LogFilter {
            functions: query.function_names(),
            start_ms: query.start_ms,
            end_ms: query.end_ms,
            request_id: text(&query.request_id),
            instance_id: text(&query.instance_id),
            outcome,
            qualifiers: text(&query.qualifier).into_iter().collect(),
            search: text(&query.search).map(|s| s.to_ascii_lowercase()),
        })
    }

    /// True when a line passes every filter except `outcome`, which needs the store.
    pub fn matches(&self, entry: &LogEntry) -> bool {
        let function_ok = self.functions.is_empty() || self.functions.contains(&entry.function);
        let start_ok = self.start_ms.is_none_or(|s| entry.time_ms >= s);
        let end_ok = self.end_ms.is_none_or(|e| entry.time_ms <= e);
        let request_ok = self.request_id.is_none() || self.request_id == entry.request_id;
        let instance_ok = self
            .instance_id
            .as_ref()
            .is_none_or(|i| *i == entry.instance_id);
        let search_ok = self
            .search
            .as_ref()
            .is_none_or(|s| entry.text.to_ascii_lowercase().contains(s.as_str()));
        let qualifier_ok = self.qualifiers.is_empty()
            || entry.qualifier.as_ref().is_some_and(|q| {
                let scoped = format!("{}:{q}", entry.function);
                self.qualifiers
                    .iter()
                    .any(|want| *want == *q || *want == scoped)
            });
        function_ok && start_ok && end_ok && request_ok && instance_ok && search_ok && qualifier_ok
    }

    /// The `WHERE` clause (after `id > ?`) and its parameters.
    fn sql(&self) -> (String, Vec<Value>) {
        let mut clause = String::new();
        let mut values = Vec::new();
        if !self.functions.is_empty() {
            let marks = vec!["?"; self.functions.len()].join(", ");
            clause.push_str(&format!(" AND l.function IN ({marks})"));
            values.extend(self.functions.iter().cloned().map(Value::Text));
        }
        let mut push = |sql: &str, value: Value| {
            clause.push_str(sql);
            values.push(value);
        };
        if let Some(s) = self.start_ms {
            push(" AND l.time_ms >= ?", Value::Integer(s));
        }
        if let Some(e) = self.end_ms {
            push(" AND l.time_ms <= ?", Value::Integer(e));
        }
        if let Some(r) = &self.request_id {
            push(" AND l.request_id = ?", Value::Text(r.clone()));
        }
        if let Some(i) = &self.instance_id {
            push(" AND l.instance_id = ?", Value::Text(i.clone()));
        }
        if let Some(s) = &self.search {
            push(" AND instr(lower(l.text), ?) > 0", Value::Text(s.clone()));
        }
        if !self.qualifiers.is_empty() {
            let marks = vec!["?"; self.qualifiers.len()].join(", ");
            clause.push_str(&format!(
                " AND (l.qualifier IN ({marks}) OR l.function || ':' || l.qualifier IN ({marks}))"
            ));
            for _ in 0..2 {
                values.extend(self.qualifiers.iter().cloned().map(Value::Text));
            }
        }
        let outcome = match self.outcome {
            None => None,
            Some(OutcomeFilter::Success) => Some("= 'ok'"),
            Some(OutcomeFilter::Fail) => Some("<> 'ok'"),
        };
        if let Some(test) = outcome {
            clause.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM invocations i
                     WHERE i.request_id = l.request_id AND i.outcome {test})"
            ));
        }
        (clause, values)
    }
}

impl Store {
    /// Lines with an id above `after` that pass `filter`, oldest first, at most `limit`.
    pub fn query_logs(
        &self,
        filter: &LogFilter,
        after: i64,
        limit: usize,
    ) -> Result<LogPage, StoreError> {
        let limit = limit.clamp(1, MAX_PAGE);
        let (clause, mut values) = filter.sql();
        let sql = format!(
            "SELECT l.id, l.time_ms, l.function, l.instance_id, l.request_id, l.stream, l.text,
                    l.qualifier
             FROM logs l WHERE l.id > ?{clause} ORDER BY l.id LIMIT ?"
        );
        values.insert(0, Value::Integer(after));
        values.push(Value::Integer(limit as i64 + 1));
        let conn = self.conn();
        let mut statement = conn.prepare_cached(&sql)?;
        let mut lines = statement
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(LogEntry {
                    id: row.get(0)?,
                    time_ms: row.get(1)?,
                    function: row.get(2)?,
                    instance_id: row.get(3)?,
                    request_id: row.get(4)?,
                    stream: row.get(5)?,
                    text: row.get(6)?,
                    qualifier: row.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let next_after = (lines.len() > limit).then(|| {
            lines.truncate(limit);
            lines[limit - 1].id
        });
        Ok(LogPage { lines, next_after })
    }

    /// The id of the newest stored line (0 when there is none): where a live tail starts.
    pub fn last_log_id(&self) -> Result<i64, StoreError> {
        let conn = self.conn();
        let id: Option<i64> = conn.query_row("SELECT MAX(id) FROM logs", [], |r| r.get(0))?;
        Ok(id.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pool::{EventSink, InvocationRecord, LogLine, LogStream, Outcome};
    use crate::engine::store::EventWriter;

    fn line(time_ms: i64, function: &str, request: &str, text: &str) -> LogLine {
        LogLine {
            time_ms,
            function: function.into(),
            qualifier: Some("LATEST".into()),
            instance_id: format!("{function}-i"),
            request_id: Some(request.into()),
            stream: LogStream::Stdout,
            text: text.into(),
        }
    }

    fn record(request: &str, outcome: Outcome) -> InvocationRecord {
        InvocationRecord {
            function: "f".into(),
            request_id: request.into(),
            instance_id: "f-i".into(),
            start_ms: 0,
            duration_ms: 1.0,
            init_duration_ms: None,
            max_memory_mb: 1,
            outcome,
            is_async: false,
        }
    }

    fn filter(query: LogQuery) -> LogFilter {
        LogFilter::from_query(&query).unwrap()
    }

    #[test]
    fn filters_pages_and_outcomes_select_the_right_lines() {
        let home = tempfile::tempdir().unwrap();
        let store = Store::open(home.path()).unwrap();
        let writer = EventWriter::start(&store.db_path()).unwrap();
        writer.log_line(line(1_000, "f", "r1", "Hello World"));
        writer.log_line(line(2_000, "f", "r2", "oops: failed"));
        writer.log_line(line(3_000, "g", "r3", "other function"));
        writer.invocation_finished(record("r1", Outcome::Success));
        writer.invocation_finished(record("r2", Outcome::Error));
        writer.flush();

        let texts = |f: LogFilter| -> Vec<String> {
            let page = store.query_logs(&f, 0, 100).unwrap();
            page.lines.into_iter().map(|l| l.text).collect()
        };
        let all = LogQuery::default();
        assert_eq!(texts(filter(all.clone())).len(), 3);
        let search = LogQuery {
            search: Some("WORLD".into()),
            ..all.clone()
        };
        assert_eq!(texts(filter(search)), vec!["Hello World"]);
        let fail = LogQuery {
            kind: Some("fail".into()),
            ..all.clone()
        };
        assert_eq!(texts(filter(fail)), vec!["oops: failed"]);
        let window = LogQuery {
            functions: Some("f,g".into()),
            start_ms: Some(1_500),
            end_ms: Some(3_000),
            ..all.clone()
        };
        assert_eq!(texts(filter(window)).len(), 2);

        let first = store.query_logs(&filter(all.clone()), 0, 2).unwrap();
        assert_eq!(first.lines.len(), 2);
        let rest = store
            .query_logs(&filter(all), first.next_after.unwrap(), 2)
            .unwrap();
        assert_eq!(rest.lines[0].text, "other function");
        assert_eq!(rest.next_after, None);
        assert_eq!(store.last_log_id().unwrap(), rest.lines[0].id);
    }

    #[test]
    fn live_matching_agrees_with_the_query_filters() {
        let entry = LogEntry {
            id: 1,
            time_ms: 10,
            function: "f".into(),
            qualifier: Some("2".into()),
            instance_id: "c-1".into(),
            request_id: Some("r".into()),
            stream: "stdout".into(),
            text: "Payment OK".into(),
        };
        let f = |q: LogQuery| filter(q).matches(&entry);
        assert!(f(LogQuery {
            search: Some("payment".into()),
            ..Default::default()
        }));
        assert!(!f(LogQuery {
            functions: Some("g".into()),
            ..Default::default()
        }));
        assert!(!f(LogQuery {
            instance_id: Some("c-2".into()),
            ..Default::default()
        }));
        assert!(LogFilter::from_query(&LogQuery {
            kind: Some("maybe".into()),
            ..Default::default()
        })
        .is_err());
    }
}
