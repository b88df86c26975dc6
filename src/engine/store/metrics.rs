//! Invocation metrics over a time range: per function a summary and a time series of fixed
//! buckets, computed from the `invocations` table. Percentiles use the nearest-rank method;
//! concurrent instances come from each instance's busy span (first start to last end).

use std::collections::BTreeSet;

use rusqlite::types::Value;

use super::{Store, StoreError};
use crate::fc::observe::{FunctionMetrics, MetricsBucket, MetricsReport, MetricsStats};

/// One stored invocation, as metrics need it.
#[derive(Debug, Clone, PartialEq)]
pub struct InvocationRow {
    pub function: String,
    pub instance_id: String,
    pub start_ms: i64,
    pub duration_ms: f64,
    pub init_duration_ms: Option<f64>,
    pub max_memory_mb: u64,
    /// `Outcome::as_str`.
    pub outcome: String,
}

impl InvocationRow {
    /// When the request left its instance: start (which includes a cold start) plus the run.
    fn end_ms(&self) -> f64 {
        self.start_ms as f64 + self.init_duration_ms.unwrap_or(0.0) + self.duration_ms
    }
}

impl Store {
    /// Metrics of `functions` (all that ran, when empty) for invocations that started in
    /// `[start_ms, end_ms]`, bucketed by `interval_ms`.
    pub fn metrics(
        &self,
        functions: &[String],
        start_ms: i64,
        end_ms: i64,
        interval_ms: i64,
    ) -> Result<MetricsReport, StoreError> {
        let rows = self.invocation_rows(functions, start_ms, end_ms)?;
        Ok(build_report(rows, functions, start_ms, end_ms, interval_ms))
    }

    fn invocation_rows(
        &self,
        functions: &[String],
        start_ms: i64,
        end_ms: i64,
    ) -> Result<Vec<InvocationRow>, StoreError> {
        let mut values = vec![Value::Integer(start_ms), Value::Integer(end_ms)];
        let mut sql = "SELECT function, instance_id, start_ms, duration_ms, init_duration_ms,
                    max_memory_mb, outcome
             FROM invocations WHERE start_ms >= ? AND start_ms <= ?"
            .to_string();
        if !functions.is_empty() {
            let marks = vec!["?"; functions.len()].join(", ");
            sql.push_str(&format!(" AND function IN ({marks})"));
            values.extend(functions.iter().cloned().map(Value::Text));
        }
        sql.push_str(" ORDER BY start_ms");
        let conn = self.conn();
        let mut statement = conn.prepare(&sql)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(InvocationRow {
                    function: row.get(0)?,
                    instance_id: row.get(1)?,
                    start_ms: row.get(2)?,
                    duration_ms: row.get(3)?,
                    init_duration_ms: row.get(4)?,
                    max_memory_mb: row.get::<_, i64>(5)?.max(0) as u64,
                    outcome: row.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

/// The report for rows already restricted to the range.
pub fn build_report(
    mut rows: Vec<InvocationRow>,
    functions: &[String],
    start_ms: i64,
    end_ms: i64,
    interval_ms: i64,
) -> MetricsReport {
    let interval_ms = interval_ms.max(1);
    let names: Vec<String> = if functions.is_empty() {
        let seen: BTreeSet<&str> = rows.iter().map(|r| r.function.as_str()).collect();
        seen.into_iter().map(str::to_string).collect()
    } else {
        functions.to_vec()
    };
    let first_bucket = start_ms.div_euclid(interval_ms) * interval_ms;
    // Each bucket is then a slice (the store already returns them in order).
    rows.sort_by_key(|r| r.start_ms);
    let functions = names
        .into_iter()
        .map(|name| {
            let mine: Vec<&InvocationRow> = rows.iter().filter(|r| r.function == name).collect();
            let buckets = (0..)
                .map(|i| first_bucket + i * interval_ms)
                .take_while(|b| *b <= end_ms)
                .map(|bucket| {
                    let from = mine.partition_point(|r| r.start_ms < bucket);
                    let to = mine.partition_point(|r| r.start_ms < bucket + interval_ms);
                    MetricsBucket {
                        start_ms: bucket,
                        stats: aggregate(&mine[from..to]),
                    }
                })
                .collect();
            FunctionMetrics {
                function: name,
                summary: aggregate(&mine),
                buckets,
            }
        })
        .collect();
    MetricsReport {
        start_ms,
        end_ms,
        interval_ms,
        functions,
    }
}

/// Stats of a set of invocations.
pub fn aggregate(rows: &[&InvocationRow]) -> MetricsStats {
    let ran: Vec<&InvocationRow> = rows
        .iter()
        .copied()
        .filter(|r| r.outcome != "throttled")
        .collect();
    let mut durations: Vec<f64> = ran.iter().map(|r| r.duration_ms).collect();
    durations.sort_by(f64::total_cmp);
    let inits: Vec<f64> = ran.iter().filter_map(|r| r.init_duration_ms).collect();
    let count = |outcomes: &[&str]| {
        ran.iter()
            .filter(|r| outcomes.contains(&r.outcome.as_str()))
            .count() as u64
    };
    MetricsStats {
        invocations: ran.len() as u64,
        errors: count(&["error", "timeout", "oom", "crashed"]),
        throttles: (rows.len() - ran.len()) as u64,
        timeouts: count(&["timeout"]),
        cold_starts: inits.len() as u64,
        duration_p50_ms: percentile(&durations, 0.50),
        duration_p90_ms: percentile(&durations, 0.90),
        duration_p99_ms: percentile(&durations, 0.99),
        duration_max_ms: durations.last().copied().unwrap_or(0.0),
        init_duration_avg_ms: if inits.is_empty() {
            0.0
        } else {
            inits.iter().sum::<f64>() / inits.len() as f64
        },
        init_duration_max_ms: inits.iter().copied().fold(0.0, f64::max),
        max_memory_mb: ran.iter().map(|r| r.max_memory_mb).max().unwrap_or(0),
        peak_concurrent_instances: peak_instances(&ran),
    }
}

/// Nearest-rank percentile of sorted values (0 for none).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Most instances busy at once, each busy from its first start to its last end among `rows`.
fn peak_instances(rows: &[&InvocationRow]) -> u64 {
    let mut spans: std::collections::BTreeMap<&str, (f64, f64)> = Default::default();
    for r in rows.iter().filter(|r| !r.instance_id.is_empty()) {
        let span = spans
            .entry(r.instance_id.as_str())
            .or_insert((f64::MAX, f64::MIN));
        span.0 = span.0.min(r.start_ms as f64);
        span.1 = span.1.max(r.end_ms());
    }
    // Ends sort before starts at the same time: touching spans do not overlap.
    let mut edges: Vec<(f64, i64)> = spans
        .values()
        .flat_map(|(start, end)| [(*start, 1), (*end, -1)])
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut busy, mut peak) = (0i64, 0i64);
    for (_, delta) in edges {
        busy += delta;
        peak = peak.max(busy);
    }
    peak as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(instance: &str, start_ms: i64, duration_ms: f64, outcome: &str) -> InvocationRow {
        InvocationRow {
            function: "f".into(),
            instance_id: instance.into(),
            start_ms,
            duration_ms,
            init_duration_ms: None,
            max_memory_mb: 10,
            outcome: outcome.into(),
        }
    }

    #[test]
    fn stats_count_outcomes_and_rank_durations() {
        let mut cold = row("a", 0, 100.0, "ok");
        cold.init_duration_ms = Some(50.0);
        cold.max_memory_mb = 64;
        let rows = [
            cold,
            row("a", 200, 10.0, "error"),
            row("a", 300, 3000.0, "timeout"),
            row("", 400, 0.0, "throttled"),
            row("b", 20, 20.0, "ok"),
        ];
        let refs: Vec<&InvocationRow> = rows.iter().collect();
        let stats = aggregate(&refs);
        assert_eq!(
            (
                stats.invocations,
                stats.errors,
                stats.timeouts,
                stats.throttles
            ),
            (4, 2, 1, 1)
        );
        assert_eq!(stats.cold_starts, 1);
        assert_eq!(stats.duration_p50_ms, 20.0);
        assert_eq!(stats.duration_max_ms, 3000.0);
        assert_eq!(stats.init_duration_max_ms, 50.0);
        assert_eq!(stats.max_memory_mb, 64);
        assert_eq!(stats.peak_concurrent_instances, 2);
    }

    #[test]
    fn buckets_cover_the_range_aligned_to_the_interval() {
        let rows = vec![row("a", 1_500, 1.0, "ok"), row("a", 2_500, 1.0, "ok")];
        let report = build_report(rows, &["f".into(), "g".into()], 1_200, 3_100, 1_000);
        let f = &report.functions[0];
        let starts: Vec<i64> = f.buckets.iter().map(|b| b.start_ms).collect();
        assert_eq!(starts, vec![1_000, 2_000, 3_000]);
        let counts: Vec<u64> = f.buckets.iter().map(|b| b.stats.invocations).collect();
        assert_eq!(counts, vec![1, 1, 0]);
        assert_eq!(report.functions[1].summary, MetricsStats::default());
    }

    #[test]
    fn sequential_instances_do_not_overlap() {
        let rows = [row("a", 0, 10.0, "ok"), row("b", 10, 10.0, "ok")];
        let refs: Vec<&InvocationRow> = rows.iter().collect();
        assert_eq!(peak_instances(&refs), 1);
    }
}
