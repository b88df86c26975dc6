//! `GET /_s/v1/metrics` (Prometheus text exposition format 0.0.4: totals since the engine
//! started, with a `function` label) and `GET /_s/v1/metrics/query` (the JSON report behind
//! `s metrics`: summary and time series per function over a range).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;

use super::error::{ApiFailure, ApiResult};
use super::http::ok;
use super::AppState;
use crate::engine::store::{FunctionTotals, Histogram, DURATION_BUCKETS};
use crate::fc::observe::MetricsQuery;

/// More buckets than this is a mistake (a 1 ms interval over a day), not a chart.
const MAX_BUCKETS: i64 = 10_000;

/// `GET /_s/v1/metrics/query`.
pub async fn query(
    State(app): State<Arc<AppState>>,
    Query(query): Query<MetricsQuery>,
) -> ApiResult {
    if query.interval_ms <= 0 || query.end_ms < query.start_ms {
        return Err(ApiFailure::invalid(
            "'intervalMs' must be positive and 'endMs' not before 'startMs'",
        ));
    }
    if (query.end_ms - query.start_ms) / query.interval_ms > MAX_BUCKETS {
        return Err(ApiFailure::invalid(format!(
            "the range holds more than {MAX_BUCKETS} intervals: use a larger interval"
        )));
    }
    let functions = query.function_names();
    let report = app
        .store(move |s| s.metrics(&functions, query.start_ms, query.end_ms, query.interval_ms))
        .await?;
    ok(&report)
}

/// `GET /_s/v1/metrics`: what a Prometheus server scrapes.
pub async fn prometheus(State(app): State<Arc<AppState>>) -> ApiResult {
    let names = app.store(|s| s.function_names()).await?;
    let instances: BTreeMap<String, usize> = names
        .iter()
        .map(|n| (n.clone(), app.pool.instances(n).len()))
        .collect();
    let text = render(
        &app.store.live().totals(),
        &instances,
        app.info.started.elapsed().as_secs_f64(),
    );
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}

/// The exposition text for the engine's totals and current instances.
pub fn render(
    totals: &BTreeMap<String, FunctionTotals>,
    instances: &BTreeMap<String, usize>,
    uptime_seconds: f64,
) -> String {
    let mut out = String::new();
    header_lines(
        &mut out,
        "s_function_invocations_total",
        "counter",
        "Finished invocations by outcome (ok, error, timeout, oom, crashed, throttled).",
    );
    for (function, t) in totals {
        for (outcome, count) in &t.outcomes {
            let labels = format!("function=\"{}\",outcome=\"{outcome}\"", escape(function));
            let _ = writeln!(out, "s_function_invocations_total{{{labels}}} {count}");
        }
    }
    header_lines(
        &mut out,
        "s_function_cold_starts_total",
        "counter",
        "Invocations that started a new instance.",
    );
    for (function, t) in totals {
        let _ = writeln!(
            out,
            "s_function_cold_starts_total{{function=\"{}\"}} {}",
            escape(function),
            t.cold_starts
        );
    }
    histogram(
        &mut out,
        "s_function_duration_seconds",
        "Handler run time of invocations that ran.",
        totals.iter().map(|(f, t)| (f, &t.duration)),
    );
    histogram(
        &mut out,
        "s_function_init_duration_seconds",
        "Cold-start time: instance start plus initializer.",
        totals.iter().map(|(f, t)| (f, &t.init_duration)),
    );
    header_lines(
        &mut out,
        "s_function_max_memory_bytes",
        "gauge",
        "Most memory an invocation used.",
    );
    for (function, t) in totals {
        let bytes = t.max_memory_mb * 1024 * 1024;
        let _ = writeln!(
            out,
            "s_function_max_memory_bytes{{function=\"{}\"}} {bytes}",
            escape(function)
        );
    }
    header_lines(
        &mut out,
        "s_function_instances",
        "gauge",
        "Instances alive now.",
    );
    for (function, count) in instances {
        let _ = writeln!(
            out,
            "s_function_instances{{function=\"{}\"}} {count}",
            escape(function)
        );
    }
    header_lines(
        &mut out,
        "s_engine_uptime_seconds",
        "gauge",
        "Seconds since the engine started.",
    );
    let _ = writeln!(out, "s_engine_uptime_seconds {uptime_seconds:.3}");
    out
}

fn header_lines(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn histogram<'a>(
    out: &mut String,
    name: &str,
    help: &str,
    series: impl Iterator<Item = (&'a String, &'a Histogram)>,
) {
    header_lines(out, name, "histogram", help);
    for (function, h) in series {
        let function = escape(function);
        let mut cumulative = 0;
        for (bound, count) in DURATION_BUCKETS.iter().zip(&h.counts) {
            cumulative += count;
            let _ = writeln!(
                out,
                "{name}_bucket{{function=\"{function}\",le=\"{bound}\"}} {cumulative}"
            );
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{function=\"{function}\",le=\"+Inf\"}} {}",
            h.count
        );
        let _ = writeln!(out, "{name}_sum{{function=\"{function}\"}} {}", h.sum);
        let _ = writeln!(out, "{name}_count{{function=\"{function}\"}} {}", h.count);
    }
}

/// Label values escape backslash, double quote and newline.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative_and_end_at_the_count() {
        let mut t = FunctionTotals::default();
        t.duration.observe(0.002);
        t.duration.observe(0.2);
        t.duration.observe(500.0);
        t.outcomes.insert("ok", 3);
        let totals = BTreeMap::from([("f\"x".to_string(), t)]);
        let text = render(&totals, &BTreeMap::new(), 1.0);
        assert!(text.contains("s_function_invocations_total{function=\"f\\\"x\",outcome=\"ok\"} 3"));
        assert!(
            text.contains("s_function_duration_seconds_bucket{function=\"f\\\"x\",le=\"0.005\"} 1")
        );
        assert!(
            text.contains("s_function_duration_seconds_bucket{function=\"f\\\"x\",le=\"300\"} 2")
        );
        assert!(
            text.contains("s_function_duration_seconds_bucket{function=\"f\\\"x\",le=\"+Inf\"} 3")
        );
    }
}
