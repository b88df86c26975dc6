//! The functions page (each function's runtime, memory, instances now, invocations and
//! errors in the window, last deploy) and one function's page (configuration, triggers,
//! async settings, and charts of its metrics over the window).

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Extension;

use super::chart::{self, Chart, Series};
use super::format::{self, Choice};
use super::session::Session;
use super::{link, render, Chrome, UiResult};
use crate::engine::server::AppState;
use crate::engine::store::PageRequest;
use crate::fc::observe::{FunctionMetrics, MetricsStats};
use crate::fc::{self, Function, Trigger};

/// Points per chart.
const CHART_BUCKETS: i64 = 60;

#[derive(Debug, Deserialize, Default)]
pub struct WindowQuery {
    window: Option<String>,
}

use serde::Deserialize;

/// One row of the functions table.
struct FunctionRow {
    name: String,
    href: String,
    runtime: String,
    memory: String,
    instances: usize,
    invocations: u64,
    errors: u64,
    last_deploy: String,
    last_deploy_iso: String,
}

#[derive(Template)]
#[template(path = "functions.html", config = "src/engine/server/ui/askama.toml")]
struct FunctionsPage {
    chrome: Chrome,
    title: String,
    window_label: &'static str,
    windows: Vec<Choice>,
    rows: Vec<FunctionRow>,
}

/// `GET /_s/ui/`.
pub async fn list(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Query(query): Query<WindowQuery>,
) -> UiResult {
    let (window, span) = format::window(query.window.as_deref());
    let end = fc::epoch_ms();
    let start = end - span;
    let (functions, report) = app
        .store(move |s| {
            let request = PageRequest {
                limit: 10_000,
                ..Default::default()
            };
            Ok((
                s.list_functions(&request)?.items,
                s.metrics(&[], start, end, span + 1)?,
            ))
        })
        .await?;
    let stats: HashMap<String, MetricsStats> = report
        .functions
        .into_iter()
        .map(|f| (f.function, f.summary))
        .collect();
    let rows = functions
        .iter()
        .map(|f| {
            let summary = stats.get(&f.function_name).cloned().unwrap_or_default();
            let deployed = deployed_at(f);
            FunctionRow {
                name: f.function_name.clone(),
                href: link(&["functions", &f.function_name]),
                runtime: f.runtime.clone(),
                memory: memory(f),
                instances: app.pool.instances(&f.function_name).len(),
                invocations: summary.invocations,
                errors: summary.errors,
                last_deploy: deployed.map(|ms| format::ago(ms, end)).unwrap_or_default(),
                last_deploy_iso: deployed.map(format::iso_ms).unwrap_or_default(),
            }
        })
        .collect();
    render(&FunctionsPage {
        chrome: Chrome::new("functions", &session),
        title: "Functions".into(),
        window_label: format::window_label(window),
        windows: format::window_choices(window),
        rows,
    })
}

fn deployed_at(function: &Function) -> Option<i64> {
    function
        .last_modified_time
        .as_deref()
        .or(function.created_time.as_deref())
        .and_then(format::parse_rfc3339_ms)
}

fn memory(function: &Function) -> String {
    function
        .memory_size
        .map(|mb| format!("{mb} MB"))
        .unwrap_or_else(|| "-".into())
}

/// A `name: value` line of the configuration list.
struct Fact {
    name: &'static str,
    value: String,
}

struct TriggerRow {
    name: String,
    kind: String,
    url: Option<String>,
    /// `Running`, `Disabled`, `Error`, ... as `s info` shows it.
    status: String,
    /// Why it is not running, when it says.
    error: Option<String>,
    config: String,
}

#[derive(Template)]
#[template(path = "function.html", config = "src/engine/server/ui/askama.toml")]
struct FunctionPage {
    chrome: Chrome,
    title: String,
    name: String,
    description: String,
    window_label: &'static str,
    windows: Vec<Choice>,
    facts: Vec<Fact>,
    environment: Vec<(String, String)>,
    triggers: Vec<TriggerRow>,
    async_facts: Vec<Fact>,
    summary: Vec<Fact>,
    charts: Vec<Chart>,
    tasks_href: String,
    logs_href: String,
}

/// `GET /_s/ui/functions/<name>`.
pub async fn show(
    State(app): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Path(name): Path<String>,
    Query(query): Query<WindowQuery>,
    headers: HeaderMap,
) -> UiResult {
    let (window, span) = format::window(query.window.as_deref());
    let end = fc::epoch_ms();
    let start = end - span;
    let interval = (span / CHART_BUCKETS).max(1);
    let n = name.clone();
    let (function, triggers, async_config, concurrency, report) = app
        .store(move |s| {
            let function = s.get_function(&n)?.function;
            let request = PageRequest {
                limit: 1_000,
                ..Default::default()
            };
            let triggers = s.list_triggers(&n, &request)?.items;
            let async_config = s.async_config(&n, "LATEST")?;
            let concurrency = s.concurrency(&n)?;
            let report = s.metrics(std::slice::from_ref(&n), start, end, interval)?;
            Ok((function, triggers, async_config, concurrency, report))
        })
        .await?;
    let metrics = report.functions.into_iter().next().unwrap_or_default();
    let instances = app.pool.instances(&name).len();
    let mut facts = config_facts(&function, instances);
    if let Some(reserved) = concurrency {
        facts.push(Fact {
            name: "Reserved concurrency",
            value: reserved.to_string(),
        });
    }
    render(&FunctionPage {
        chrome: Chrome::new("functions", &session),
        title: name.clone(),
        description: function.description.clone(),
        window_label: format::window_label(window),
        windows: format::window_choices(window),
        facts,
        environment: function
            .environment_variables
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        // As the API shows them: with the local URL and the source's status.
        triggers: triggers
            .into_iter()
            .map(|t| {
                trigger_row(crate::engine::server::http_trigger::decorate(
                    &app, &name, t, &headers,
                ))
            })
            .collect(),
        async_facts: async_config.as_ref().map(async_facts).unwrap_or_default(),
        summary: summary_facts(&metrics.summary),
        charts: charts(&metrics, interval),
        tasks_href: format!(
            "{}?{}",
            link(&["tasks"]),
            format::query(&[("function", &name), ("window", window)])
        ),
        logs_href: format!(
            "{}?{}",
            link(&["logs"]),
            format::query(&[("function", &name)])
        ),
        name,
    })
}

fn config_facts(f: &Function, instances: usize) -> Vec<Fact> {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut facts = vec![
        Fact {
            name: "Runtime",
            value: f.runtime.clone(),
        },
        Fact {
            name: "Handler",
            value: f.handler.clone(),
        },
        Fact {
            name: "Memory",
            value: memory(f),
        },
        Fact {
            name: "vCPU",
            value: opt(f.cpu.map(|c| c.to_string())),
        },
        Fact {
            name: "Timeout",
            value: opt(f.timeout.map(|t| format!("{t} s"))),
        },
        Fact {
            name: "Instance concurrency",
            value: opt(f.instance_concurrency.map(|c| c.to_string())),
        },
        Fact {
            name: "Instances now",
            value: instances.to_string(),
        },
        Fact {
            name: "Code size",
            value: opt(f
                .code_size
                .map(|b| crate::package::human_size(b.max(0) as u64))),
        },
        Fact {
            name: "Last deploy",
            value: opt(deployed_at(f).map(format::time_ms)),
        },
    ];
    if let Some(custom) = &f.custom_runtime_config {
        let command: Vec<&str> = custom
            .command
            .iter()
            .chain(&custom.args)
            .map(String::as_str)
            .collect();
        facts.push(Fact {
            name: "Command",
            value: command.join(" "),
        });
    }
    facts.push(Fact {
        name: "Role",
        value: opt(f.role.clone().filter(|r| !r.is_empty())),
    });
    let mounts = mounts(f);
    facts.push(Fact {
        name: "Mounts",
        value: if mounts.is_empty() {
            "-".into()
        } else {
            mounts.join("; ")
        },
    });
    if !f.layers.is_empty() {
        let arns: Vec<&str> = f.layers.iter().map(|l| l.arn.as_str()).collect();
        facts.push(Fact {
            name: "Layers",
            value: arns.join(", "),
        });
    }
    facts
}

fn trigger_row(t: Trigger) -> TriggerRow {
    TriggerRow {
        url: t
            .http_trigger
            .as_ref()
            .map(|h| h.url_internet.clone())
            .filter(|u| !u.is_empty()),
        status: t.status.clone().unwrap_or_else(|| "-".into()),
        error: t.error.clone(),
        config: format::pretty_payload(&t.trigger_config),
        name: t.trigger_name,
        kind: t.trigger_type,
    }
}

/// `bucket/path → /mnt/dir (read-only)` for each OSS mount point, `server:/path → /mnt/dir`
/// for each NAS one.
fn mounts(f: &Function) -> Vec<String> {
    let points = |config: &str| {
        f.extra
            .get(config)
            .and_then(|c| c.get("mountPoints"))
            .and_then(|p| p.as_array())
            .cloned()
            .unwrap_or_default()
    };
    let text = |p: &serde_json::Value, k: &str| {
        p.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let oss = points("ossMountConfig").into_iter().map(|p| {
        let read_only = p.get("readOnly").and_then(|v| v.as_bool()) == Some(true);
        format!(
            "OSS {}{} → {}{}",
            text(&p, "bucketName"),
            text(&p, "bucketPath"),
            text(&p, "mountDir"),
            if read_only { " (read-only)" } else { "" }
        )
    });
    let nas = points("nasConfig")
        .into_iter()
        .map(|p| format!("NAS {} → {}", text(&p, "serverAddr"), text(&p, "mountDir")));
    oss.chain(nas).collect()
}

fn async_facts(c: &fc::AsyncConfig) -> Vec<Fact> {
    let mut facts = vec![Fact {
        name: "Stateful tasks",
        value: if c.async_task.unwrap_or(false) {
            "on"
        } else {
            "off"
        }
        .into(),
    }];
    if let Some(n) = c.max_async_retry_attempts {
        facts.push(Fact {
            name: "Retry attempts",
            value: n.to_string(),
        });
    }
    if let Some(s) = c.max_async_event_age_in_seconds {
        facts.push(Fact {
            name: "Max event age",
            value: format!("{s} s"),
        });
    }
    let destinations = c.destination_config.as_ref();
    if let Some(d) = destinations.and_then(|d| d.on_success.as_ref()) {
        facts.push(Fact {
            name: "On success",
            value: d.destination.clone(),
        });
    }
    if let Some(d) = destinations.and_then(|d| d.on_failure.as_ref()) {
        facts.push(Fact {
            name: "On failure",
            value: d.destination.clone(),
        });
    }
    facts
}

fn summary_facts(s: &MetricsStats) -> Vec<Fact> {
    vec![
        Fact {
            name: "Invocations",
            value: s.invocations.to_string(),
        },
        Fact {
            name: "Errors",
            value: s.errors.to_string(),
        },
        Fact {
            name: "Throttled",
            value: s.throttles.to_string(),
        },
        Fact {
            name: "Cold starts",
            value: s.cold_starts.to_string(),
        },
        Fact {
            name: "Duration p50 / p99",
            value: if s.invocations == 0 {
                "-".into()
            } else {
                format!(
                    "{} / {}",
                    format::duration_ms(s.duration_p50_ms),
                    format::duration_ms(s.duration_p99_ms)
                )
            },
        },
        Fact {
            name: "Max memory",
            value: format!("{} MB", s.max_memory_mb),
        },
    ]
}

/// The five charts of a function page, from its time series.
fn charts(metrics: &FunctionMetrics, interval: i64) -> Vec<Chart> {
    let times: Vec<i64> = metrics.buckets.iter().map(|b| b.start_ms).collect();
    let series = |f: &dyn Fn(&MetricsStats) -> f64| -> Vec<f64> {
        metrics.buckets.iter().map(|b| f(&b.stats)).collect()
    };
    let per = format::interval(interval);
    let counts = |title: &str, id: &str, values: Vec<f64>| {
        chart::bars(
            id,
            &format!("{title} per {per}"),
            &times,
            interval,
            Series::new(title, values),
            "",
        )
    };
    vec![
        counts(
            "Invocations",
            "chart-invocations",
            series(&|s| s.invocations as f64),
        ),
        counts("Errors", "chart-errors", series(&|s| s.errors as f64)),
        chart::lines(
            "chart-duration",
            "Duration p50 and p99",
            &times,
            interval,
            vec![
                Series::new("p50", series(&|s| s.duration_p50_ms)),
                Series::new("p99", series(&|s| s.duration_p99_ms)),
            ],
            "ms",
        ),
        counts(
            "Cold starts",
            "chart-cold-starts",
            series(&|s| s.cold_starts as f64),
        ),
        chart::lines(
            "chart-memory",
            "Max memory used",
            &times,
            interval,
            vec![Series::new("memory", series(&|s| s.max_memory_mb as f64))],
            "MB",
        ),
    ]
}
