//! Wire types of the engine's observability extras under `/_s/v1/` (log query and stream,
//! metrics), shared by the engine that serves them and the client that reads them. They are
//! not part of FC 3.0: remote FC keeps logs in Log Service.

use serde::{Deserialize, Serialize};

/// One stored log line. `id` grows with every line the engine writes and is the cursor a
/// stream resumes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub id: i64,
    pub time_ms: i64,
    pub function: String,
    /// The version whose instance printed the line (`LATEST` or an id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    pub instance_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `stdout`, `stderr` or `system` (lines the engine writes itself).
    pub stream: String,
    pub text: String,
}

/// Filters of `GET /_s/v1/logs` and `GET /_s/v1/logs/stream`, as query parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogQuery {
    /// Comma-separated function names; all functions when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<String>,
    /// Inclusive bounds, epoch milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// `LATEST`, a version id or an alias: lines of the instances of those versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// `success` or `fail`: the outcome of the invocation the line belongs to.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Case-insensitive text the line must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Only lines with an id above this cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
    /// Page size (query only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

impl LogQuery {
    /// The function names the query is restricted to (empty: all).
    pub fn function_names(&self) -> Vec<String> {
        split_names(self.functions.as_deref())
    }
}

/// `a, b,c` → `["a", "b", "c"]`.
fn split_names(list: Option<&str>) -> Vec<String> {
    list.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// One page of `GET /_s/v1/logs`, oldest line first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogPage {
    pub lines: Vec<LogEntry>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_after: Option<i64>,
}

/// Parameters of `GET /_s/v1/metrics/query`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsQuery {
    /// Comma-separated function names; every function with invocations when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<String>,
    pub start_ms: i64,
    pub end_ms: i64,
    /// Bucket size of the time series.
    pub interval_ms: i64,
}

impl MetricsQuery {
    /// The function names the report is restricted to (empty: all that ran).
    pub fn function_names(&self) -> Vec<String> {
        split_names(self.functions.as_deref())
    }
}

/// Aggregates of invocations in a time range. Throttled requests never ran: they are counted
/// in `throttles` only. `errors` includes timeouts, out-of-memory and crashed instances.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsStats {
    pub invocations: u64,
    pub errors: u64,
    pub throttles: u64,
    pub timeouts: u64,
    pub cold_starts: u64,
    pub duration_p50_ms: f64,
    pub duration_p90_ms: f64,
    pub duration_p99_ms: f64,
    pub duration_max_ms: f64,
    pub init_duration_avg_ms: f64,
    pub init_duration_max_ms: f64,
    pub max_memory_mb: u64,
    /// Most instances serving or holding requests at the same time.
    pub peak_concurrent_instances: u64,
}

/// One bucket of the time series: stats of invocations that started in
/// `[start_ms, start_ms + interval_ms)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsBucket {
    pub start_ms: i64,
    #[serde(flatten)]
    pub stats: MetricsStats,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionMetrics {
    pub function: String,
    pub summary: MetricsStats,
    pub buckets: Vec<MetricsBucket>,
}

/// The answer of `GET /_s/v1/metrics/query`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsReport {
    pub start_ms: i64,
    pub end_ms: i64,
    pub interval_ms: i64,
    pub functions: Vec<FunctionMetrics>,
}
